"""A cue whose content is an infinitive after « de » or « à », with or without an object
before it: « L'entraîneur a promis de changer de système », « La préfecture appelle la
population à prendre le bus », « La défense a demandé au tribunal de prononcer la relaxe ».

Which cues take which preposition is data: the frames ``de_inf`` and ``a_inf`` of
``data/cues.tsv`` (``tools/build_cue_lexicon.py``, ``PREP_INFINITIVE`` and ``REQUESTS``). The
content is the infinitive clause, to the end of its clause; the speaker is the cue's subject,
and without one (a passive, « les riverains sont invités à ») nothing is reported.
"""

from __future__ import annotations

import regex
from spacy.tokens import Doc, Span, Token

from ..detect.clauses import _QUE, can_speak, clause_end, speaker_of, verb_group_start
from ..detect.coordination import coordination_cut
from ..detect.cues import CueEntry, CueLexicon
from ..detect.found import Found
from ..detect.marks import Quoted
from ..detect.rules import Context, Rule, register
from ..detect.scan import find_in_units

_PREPS = {"de_inf": {"de", "d'", "d’"}, "a_inf": {"à"}}
# How far after the cue the preposition may stand: the object between (« la population de
# la métropole rouennaise ») is a noun phrase, rarely longer.
_REACH = 10
# Words between the preposition and its infinitive: negation and object clitics
# (« de ne pas se représenter », « de les consulter »).
_BEFORE_INFINITIVE = {
    *("ne", "n'", "n’", "pas", "plus", "jamais", "se", "s'", "s’", "les", "le", "la", "l'", "l’"),
    *("lui", "leur", "y", "en", "me", "m'", "m’", "nous", "vous", "te", "t'", "t’"),
}
_CONFIDENCE = 0.7
# Punctuation that belongs to the content when it ends it (« de 4 % », « (MTA) », « … »).
_KEEP_AT_END = {"»", '"', "”", "%", ")"}
# Conjunctions that, after a comma, open a clause of the writer's after the infinitive one.
_NEXT_CLAUSE = {"ni", "mais", "car", "or", "donc", "tandis", "alors", "puis", "lorsque", "quand"}


def find_prep_infinitives(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], lexicon: CueLexicon
) -> list[Found]:
    """Every « X a promis de P » / « X invite Y à P » of ``doc``: P is X's reported demand or
    commitment; content holding a quoted passage is mixed."""

    def build(unit: Span, tok: Token, limit: int) -> Found | None:
        if tok.pos_ not in {"VERB", "NOUN", "ADJ"}:
            return None
        entry = lexicon.match(tok)
        if entry is None or not entry.frames & _PREPS.keys():
            return None
        return _prep_infinitive(doc, unit, tok, entry, limit, lexicon)

    return find_in_units(doc, quoted, units, build)


def _prep_infinitive(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    if "1" in verb.morph.get("Person") or "Imp" in verb.morph.get("Mood"):
        return None  # the writer's own voice (« Demandons-nous de … »)
    if _passive(doc, verb, entry):
        return None  # « Les riverains sont invités à … »: who asks is not said
    preps = set().union(*(_PREPS[f] for f in entry.frames & _PREPS.keys()))
    inf = _infinitive_after(doc, verb.i + 1 + len(entry.rest), limit, preps)
    if inf is None:
        return None
    mention = speaker_of(doc, verb, unit.start, limit, lexicon)
    if mention is None or not can_speak(mention) or mention.start > verb.i:
        return None
    end = clause_end(doc, inf, limit, lexicon)
    end = coordination_cut(doc, verb, inf, end, unit.start, lexicon)
    # « …, ni les organisations patronales » / « …, mais le maire refuse »: a comma and a
    # conjunction open the writer's next clause; « boire, se rafraîchir et éviter … » goes on.
    stop = next(
        (t.i for t in doc[inf:end] if t.text == "," and t.nbor().lower_ in _NEXT_CLAUSE),
        end,
    )
    end = stop
    while end > inf and doc[end - 1].is_punct and doc[end - 1].text not in _KEEP_AT_END:
        end -= 1
    if end <= inf:
        return None
    # The negation and clitics before the infinitive are part of it (« de ne pas se
    # représenter », « de la rejeter »).
    first = inf
    while doc[first - 1].lower_ in _BEFORE_INFINITIVE:
        first -= 1
    a, b = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[verb.i : verb.i + 1],
        cue_lemma=entry.cue,
        mention=mention,
        confidence=round(_CONFIDENCE * entry.weight / 0.9, 3),
        rule="indirect:prep-infinitive",
        outer=(min(mention.start_char, verb.idx), b),
    )


def _passive(doc: Doc, verb: Token, entry: CueEntry) -> bool:
    """Whether the cue is passive: its participle with « être » (these verbs take « avoir »
    in the active, but for the pronominal « s'engager »). The parser often tags that « être »
    as a tense auxiliary, so the surface decides."""
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    if entry.pronominal or "Part" not in verb.morph.get("VerbForm"):
        return False
    group = doc[verb_group_start(doc, verb.i) : verb.i]
    return any(t.lemma_ == "être" for t in group)


def _infinitive_after(doc: Doc, start: int, limit: int, preps: set[str]) -> int | None:
    """Index of the infinitive that follows one of ``preps`` within reach of the cue, across
    an object noun phrase (« la population », « au tribunal »); None at a verb, a clause
    boundary or punctuation first."""
    j = start
    while j < limit and j < start + _REACH:
        t = doc[j]
        if t.lower_ in preps:
            k = j + 1
            while k < limit and k <= j + 3 and doc[k].lower_ in _BEFORE_INFINITIVE:
                k += 1
            if k < limit and _is_infinitive(doc[k]):
                return k
        if t.is_punct or t.lower_ in _QUE or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
            return None
        j += 1
    return None


def _is_infinitive(t: Token) -> bool:
    return t.pos_ in {"VERB", "AUX"} and "Inf" in t.morph.get("VerbForm")


# A cue form of a de_inf/a_inf verb, then « de » or « à » and an infinitive-looking word
# within a few words: the cheap test of fast mode.
_TRIGGER = regex.compile(
    r"(?i)\b(?:d['’]|de\s|à\s)(?:(?:ne|pas|se|s['’]|les|le|la|l['’]|lui|leur|y|en)\s*){0,3}"
    r"\p{L}+(?:er|ir|re|oir)\b"
)


def _trigger(sentence: str) -> bool:
    from ..prescan import cue_form_frames

    if _TRIGGER.search(sentence) is None:
        return False
    return any(
        frames & _PREPS.keys()
        for w in regex.findall(r"\p{L}+", sentence)
        if (frames := cue_form_frames(w.lower())) is not None
    )


def _find(ctx: Context) -> list[Found]:
    return find_prep_infinitives(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "indirect:prep-infinitive",
        "indirect",
        _CONFIDENCE,
        _find,
        trigger=_trigger,
        doc="La préfecture appelle la population à prendre les transports en commun.",
    )
)
