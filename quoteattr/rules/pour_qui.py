"""« X, pour qui P »: a relative « pour qui » after a source gives that source's view —
« les organisations patronales, tel le Medef pour qui seule une hausse liée à l'inflation
serait acceptable », « l'ancien diplomate, pour qui Londres a cédé aux pressions ».
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..detect.clauses import can_speak, clause_end, subject_before
from ..detect.cues import CueLexicon
from ..detect.doccache import quoted_words
from ..detect.found import Found, mixed_if_quoted
from ..detect.marks import Quoted
from ..detect.rules import Context, Rule, register
from ..detect.sentences import before_stops, unit_spans


def find_pour_qui(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], lexicon: CueLexicon
) -> list[Found]:
    """Each « X, pour qui P » of ``doc``: P, up to the end of its clause, is X's view."""
    inside = quoted_words(doc, quoted)
    found: list[Found] = []
    for unit in unit_spans(doc, units):
        for t in unit[1:-2]:
            if t.lower_ != "pour" or doc[t.i + 1].lower_ != "qui" or inside[t.idx]:
                continue
            f = _pour_qui(doc, unit, t.i, lexicon)
            if f is not None:
                found.append(mixed_if_quoted(f, inside))
    return found


def _pour_qui(doc: Doc, unit: Span, pour: int, lexicon: CueLexicon) -> Found | None:
    limit = unit.end
    limit = before_stops(doc, unit.start, limit)
    # The source stands right before, with or without a comma (« le Medef pour qui »); a verb
    # there makes « pour qui » an interrogative (« sait-on pour qui voter »).
    k = pour - 1 if doc[pour - 1].text == "," else pour
    if k <= unit.start or doc[k - 1].pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    mention = subject_before(doc, k, unit.start)
    if mention is None or not can_speak(mention):
        return None
    start = pour + 2
    while start < limit and doc[start].text == ",":
        start += 1
    end = clause_end(doc, start, limit, lexicon)
    if not any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in doc[start:end]
    ):
        return None  # the view is a statement, with a verb of its own
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {"»", '"', "”"}:
        end -= 1
    if end - start < 3:
        return None
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[pour : pour + 2],
        cue_lemma="pour qui",
        mention=mention,
        confidence=0.75,
        rule="source:pour-qui",
        outer=(mention.start_char, b),
    )


def _find(ctx: Context) -> list[Found]:
    return find_pour_qui(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "source:pour-qui",
        "indirect",
        0.75,
        _find,
        priority=-0.5,  # a source marker attributes less surely than a cue
        trigger=lambda sentence: "pour qui" in sentence.lower(),
        doc="… tel le Medef, pour qui seule une hausse liée à l'inflation serait acceptable.",
    )
)
