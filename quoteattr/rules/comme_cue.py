"""« P, comme le précise X » and « Comme l'a rappelé X, P »: a cue after « comme » and the
pronoun « le » that stands for P, with its subject inverted after it, attributes P to X —
« Le chantier prendra du retard, comme l'a reconnu le maire », « Comme le souligne
l'entraîneur, l'équipe a manqué de rythme ».

The verb must be a cue of the lexicon and X a source that can speak: « comme le prévoit la
loi » and « comme le montre l'étude » attribute nothing to anyone.
"""

from __future__ import annotations

import regex
from spacy.tokens import Doc, Span, Token

from ..detect.clauses import clause_end, inverted_subject
from ..detect.cues import CueLexicon
from ..detect.found import Found
from ..detect.marks import Quoted
from ..detect.rules import Context, Rule, register
from ..detect.scan import find_in_units

_LE = {"le", "l'", "l’"}
_CONFIDENCE = 0.8


def find_comme_cues(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], lexicon: CueLexicon
) -> list[Found]:
    """Each « P, comme le dit X » / « Comme le dit X, P » of ``doc``."""

    def build(unit: Span, tok: Token, limit: int) -> Found | None:
        return _comme(doc, unit, tok.i, limit, lexicon) if tok.lower_ == "comme" else None

    return find_in_units(doc, quoted, units, build)


def _comme(doc: Doc, unit: Span, comme: int, limit: int, lexicon: CueLexicon) -> Found | None:
    j = comme + 1
    if j >= limit or doc[j].lower_ not in _LE:
        return None
    j += 1
    if j < limit and doc[j].pos_ == "AUX" and doc[j].lemma_ == "avoir":
        j += 1  # « comme l'a rappelé »
    while j < limit and doc[j].pos_ == "ADV":
        j += 1  # « comme l'a encore rappelé »
    if j >= limit:
        return None
    cue = doc[j]
    entry = lexicon.match(cue, verb_slot=True)
    if entry is None:
        return None
    mention = inverted_subject(doc, j + 1 + len(entry.rest), limit)
    if mention is None:
        return None
    if comme <= unit.start + 1:
        # « Comme le souligne X, P »: P follows the comma closing X (and any apposition).
        k = mention.end
        while k < limit and doc[k].text != ",":
            k += 1
        start = k + 1
        end = clause_end(doc, start, limit, lexicon)
    else:
        # « P, comme le précise X »: P is the clause before « comme », without a connector
        # opening the sentence (« Cependant, P »).
        start = unit.start
        if start + 1 < comme and doc[start + 1].text == "," and doc[start].pos_ in {"ADV", "CCONJ"}:
            start += 2
        end = comme
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {"»", '"', "”"}:
        end -= 1
    if not any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in doc[start:end]
    ):
        return None  # the content is a statement, with a verb of its own
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[j : j + 1],
        cue_lemma=entry.cue,
        mention=mention,
        confidence=round(_CONFIDENCE * entry.weight / 0.9, 3),
        rule="indirect:comme-cue",
        outer=(min(a, doc[comme].idx), max(b, mention.end_char)),
    )


_TRIGGER = regex.compile(r"(?i)\bcomme\s+l(?:e\s|['’]\s?)")


def _find(ctx: Context) -> list[Found]:
    return find_comme_cues(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "indirect:comme-cue",
        "indirect",
        _CONFIDENCE,
        _find,
        trigger=lambda sentence: _TRIGGER.search(sentence) is not None,
        doc="Le chantier prendra du retard, comme l'a reconnu le maire.",
    )
)
