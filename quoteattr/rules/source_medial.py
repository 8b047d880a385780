"""« selon X » inside a sentence: « En février 2009, selon l'opérateur, le réseau comptait
10 millions de connexions », « Les rebelles ont visé l'hôtel car, selon eux, il abritait des
fêtes ». The rest of the clause after X is X's view; a short opening without a verb of its
own (a date, a place, the subject) is part of it too.

Sentence-initial « Selon X, P » and final « P, selon X. » are :mod:`..detect.sources`'.
"""

from __future__ import annotations

import regex
from spacy.tokens import Doc, Span

from ..detect.clauses import clause_end
from ..detect.cues import CueLexicon
from ..detect.doccache import quoted_words
from ..detect.found import Found, mixed_if_quoted
from ..detect.marks import Quoted
from ..detect.rules import Context, Rule, register
from ..detect.sentences import content_limit, unit_spans
from ..detect.sources import marker_at, source_after

# Words that open a new clause right before « selon »: the view starts there.
_CLAUSE_OPENERS = {"car", "mais", "et", "or", "donc", "puisque", "que", "qu'", "qu’", "où"}
_SKIP = {"pour"}  # « pour X, » alone is far too common inside a sentence


def find_medial_sources(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], lexicon: CueLexicon
) -> list[Found]:
    """« A, selon X, P » and « A car selon X, P »: P (and A when it has no verb) is X's view;
    content holding a quoted passage is mixed."""
    inside = quoted_words(doc, quoted)
    found: list[Found] = []
    for unit in unit_spans(doc, units):
        if len(unit) < 6:
            continue
        f = _medial(doc, unit, lexicon)
        if f is not None:
            found.append(mixed_if_quoted(f, inside))
    return found


def _medial(doc: Doc, unit: Span, lexicon: CueLexicon) -> Found | None:
    limit = content_limit(unit)
    for i in range(unit.start + 2, limit - 3):
        before = doc[i - 1]
        if before.text != "," and before.lower_ not in _CLAUSE_OPENERS:
            continue
        m = marker_at(doc, i)
        if m is None or doc[i].lower_ in _SKIP:
            continue
        n, weight = m
        source = source_after(doc, i + n, limit)
        if source is None:
            continue
        mention, start = source
        if start >= limit or not _has_finite_verb(doc, start, limit):
            continue  # « …, selon le ministre, en 2009. »: nothing reported after X
        end = clause_end(doc, start, limit, lexicon)
        parts = [_chars(doc, start, end)]
        opening = doc[unit.start : i - 1] if before.text == "," else None
        if (
            opening is not None
            and len(opening)
            and not _has_finite_verb(doc, opening.start, opening.end)
        ):
            if opening[0].lower_ in _CLAUSE_OPENERS or any(t.text in {"«", "»"} for t in opening):
                return None
            parts.insert(0, _chars(doc, opening.start, opening.end))
        return Found(
            type="indirect",
            parts=parts,
            cue=doc[i : i + n],
            cue_lemma=doc[i : i + n].text.lower(),
            mention=mention,
            confidence=weight,
            rule="source:medial",
            outer=(parts[0][0], parts[-1][1]),
        )
    return None


def _has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    return any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in doc[start:end]
    )


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {"»", '"', "”"}:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


# « selon » or « d'après » after a comma or a connector, somewhere past the sentence's start.
# (No leading « \S.*? »: searched from every offset, it made the test quadratic in the
# sentence's length; a word before the match is checked on the slice instead.)
_TRIGGER = regex.compile(
    r"(?i)(?:,|\b(?:car|mais|et|or|donc|puisque|que|où))\s+(?:selon|d['’]\s?après)\b"
)


def _trigger(sentence: str) -> bool:
    return any(sentence[: m.start()].strip() for m in _TRIGGER.finditer(sentence))


def _find(ctx: Context) -> list[Found]:
    return find_medial_sources(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "source:medial",
        "indirect",
        0.85,
        _find,
        priority=-0.5,  # a source marker attributes less surely than a cue
        trigger=_trigger,
        doc="En 2009, selon l'opérateur, le réseau comptait 10 millions de connexions.",
    )
)
