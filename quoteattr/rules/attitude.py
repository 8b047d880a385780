"""A pronominal cue whose content is the stance after it: « Le maire s'est dit satisfait de
l'accord », « La ministre se dit prête à rouvrir les négociations », « L'entraîneur s'est
montré confiant quant à la suite de la saison », « Le syndic se déclare favorable au projet ».

Which cues take this frame is data: ``adj`` (any adjective, participle or noun: « se dit
victime d'un complot ») and ``attitude`` (only the adjectives of
``data/attitude_adjectives.txt``: « le gardien s'est montré décisif » reports nothing) in
``data/cues.tsv``. The content is the adjective and its complement, to the end of the clause;
the speaker is the cue's subject. Before « que » the que-clause rule reads the content
(« s'est dit convaincu que P »).
"""

from __future__ import annotations

from functools import cache

import regex
from spacy.tokens import Doc, Span, Token

from ..data import words as data_words
from ..detect.clauses import _QUE, can_speak, clause_end, speaker_of
from ..detect.coordination import coordination_cut
from ..detect.cues import CueEntry, CueLexicon
from ..detect.found import Found
from ..detect.marks import Quoted
from ..detect.rules import Context, Rule, register
from ..detect.scan import find_in_units

_FRAMES = {"adj", "attitude"}
_CONFIDENCE = 0.7
# Degree adverbs and negation between the cue and its adjective (« s'est dit très inquiet »,
# « ne s'est pas montré hostile »).
_BETWEEN = 3
_KEEP_AT_END = {"»", '"', "”", "%", ")"}


@cache
def _attitudes() -> frozenset[str]:
    return data_words("attitude_adjectives.txt")


def find_attitudes(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], lexicon: CueLexicon
) -> list[Found]:
    """Every « X s'est dit A … » of ``doc``: A and its complement are X's stance."""

    def build(unit: Span, tok: Token, limit: int) -> Found | None:
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        entry = lexicon.match(tok)
        if entry is None or not entry.pronominal or not entry.frames & _FRAMES:
            return None
        return _attitude(doc, unit, tok, entry, limit, lexicon)

    return find_in_units(doc, quoted, units, build)


def _attitude(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    if "1" in verb.morph.get("Person") or "2" in verb.morph.get("Person"):
        return None  # the writer's or an interviewee's own voice
    head = _stance(doc, verb.i + 1, limit, entry)
    if head is None:
        return None
    if head + 1 < limit and doc[head + 1].lower_ in _QUE:
        return None  # « s'est dit convaincu que P »: the que-clause rule reads P
    mention = speaker_of(doc, verb, unit.start, limit, lexicon)
    if mention is None or not can_speak(mention) or mention.start > verb.i:
        return None
    end = clause_end(doc, head, limit, lexicon)
    end = coordination_cut(doc, verb, head, end, unit.start, lexicon)
    while end > head and doc[end - 1].is_punct and doc[end - 1].text not in _KEEP_AT_END:
        end -= 1
    if end <= head:
        return None
    a, b = doc[head].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[verb.i : verb.i + 1],
        cue_lemma=entry.cue,
        mention=mention,
        confidence=round(_CONFIDENCE * entry.weight / 0.9, 3),
        rule="indirect:attitude",
        outer=(min(mention.start_char, verb.idx), b),
    )


def _stance(doc: Doc, start: int, limit: int, entry: CueEntry) -> int | None:
    """Index of the adjective (or noun) of stance right after the cue, across degree adverbs
    and negation; None when the cue is followed by anything else."""
    j = start
    while j < limit and j < start + _BETWEEN and doc[j].pos_ in {"ADV", "PART"}:
        j += 1
    if j >= limit:
        return None
    t = doc[j]
    if "adj" in entry.frames:
        participle = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm")
        noun = t.pos_ == "NOUN" and not any(c.pos_ == "DET" for c in t.children)
        return j if t.pos_ == "ADJ" or participle or noun else None
    attitudes = _attitudes()
    return j if t.lemma_.lower() in attitudes or t.lower_ in attitudes else None


# « se dit », « s'est montrée », « se sont déclarés »: a reflexive clitic, an auxiliary maybe,
# then a form of a cue with one of the frames: the cheap test of fast mode.
_REFLEXIVE = regex.compile(r"(?i)\bs(?:e\s+|['’]\s?)(\p{L}+)(?:\s+(\p{L}+))?(?:\s+(\p{L}+))?")


def _trigger(sentence: str) -> bool:
    from ..prescan import cue_form_frames

    for m in _REFLEXIVE.finditer(sentence):
        for word in m.groups():
            frames = cue_form_frames(word.lower()) if word else None
            if frames is not None and frames & _FRAMES:
                return True
    return False


def _find(ctx: Context) -> list[Found]:
    return find_attitudes(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "indirect:attitude",
        "indirect",
        _CONFIDENCE,
        _find,
        trigger=_trigger,
        doc="Le maire s'est dit satisfait de l'accord trouvé avec les riverains.",
    )
)
