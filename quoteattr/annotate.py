"""One parsed doc in, its quotations out: detection, then speakers, then dates.

This is the body of the ``quoteattr`` spaCy component; each step lives in its own package
(:mod:`quoteattr.detect`, :mod:`quoteattr.attribute`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.tokens import Doc

from .attribute.dates import event_dates, find_date
from .attribute.gender import cast_people
from .attribute.people import Cast
from .attribute.speakers import attribute
from .detect import find_quotes
from .detect.cues import CueLexicon
from .detect.doccache import text_of, token_starts
from .detect.found import Found
from .detect.marks import pair_marks
from .detect.rules import rule_named
from .detect.sentences import sentence_units
from .model import Cue, Part, Quote, Speaker

# A speaker taken from a neighbouring sentence is a guess: at most this sure.
_NEIGHBOUR_CONFIDENCE = 0.7


def annotate(doc: Doc, lexicon: CueLexicon, published: str | None) -> list[Quote]:
    """The quotations of ``doc`` as :class:`Quote` records (offsets into ``text_of(doc)``).

    Also sets ``Doc._.people`` (when registered) to the people and organisations the article
    names, quoted or not, with their gender and its evidence.
    """
    quoted = pair_marks(text_of(doc))
    units = sentence_units(text_of(doc), quoted)
    found = find_quotes(doc, lexicon, quoted, units)
    cast = Cast(doc)
    quotes = _quotes(doc, found, cast, units, published)
    # After attribution: resolving « elle » taught the cast genders.
    if Doc.has_extension("people"):
        doc._.people = cast_people(doc, cast)
    return quotes


def _quotes(
    doc: Doc, found: list[Found], cast: Cast, units: list[tuple[int, int]], published: str | None
) -> list[Quote]:
    if not found:
        return []
    speakers = attribute(doc, found, cast)
    found, speakers = _carried_on(found, speakers)
    if not found:
        return []
    dates = _dates(doc, found, speakers, units, published)
    quotes = []
    for f, speaker, (date, basis) in zip(found, speakers, dates, strict=True):
        parts = [Part(a, b, text_of(doc)[a:b]) for a, b in f.parts]
        cue = None
        if f.cue is not None:
            cue = Cue(
                f.cue.text, f.cue_lemma or f.cue.root.lemma_, f.cue.start_char, f.cue.end_char
            )
        confidence = f.confidence if speaker is not None else f.confidence * 0.8
        if speaker is not None and rule_named(f.rule).speaker_from == "neighbour":
            confidence = min(confidence, _NEIGHBOUR_CONFIDENCE)
        quotes.append(
            Quote(
                text=" ".join(p.text for p in parts),
                type=f.type,  # type: ignore[arg-type]
                start=f.start,
                end=f.end,
                parts=parts if len(parts) > 1 else [],
                speaker=speaker,
                cue=cue,
                date=date,
                date_basis=basis,  # type: ignore[arg-type]
                confidence=round(confidence, 3),
            )
        )
    return quotes


def _carried_on(
    found: list[Found], speakers: list[Speaker | None]
) -> tuple[list[Found], list[Speaker | None]]:
    """Drop a sentence taken as a speaker's words going on (:mod:`.detect.continued`) unless
    the quotations on both sides of it have that same speaker."""
    keep = []
    for i, f in enumerate(found):
        if rule_named(f.rule).speaker_from == "previous":
            nxt = speakers[i + 1] if i + 1 < len(found) else None
            sp = speakers[i]
            if sp is None or nxt is None or nxt.name != sp.name:
                continue
        keep.append(i)
    return [found[i] for i in keep], [speakers[i] for i in keep]


def _dates(
    doc: Doc,
    found: list[Found],
    speakers: list[Speaker | None],
    units: list[tuple[int, int]],
    published: str | None,
) -> list[tuple[str | None, str | None]]:
    """Statement date of each quotation: its own clause, else the last dated speech event
    before it, else publication."""
    # The narrative: the text with every quotation's content blanked out, so that a date the
    # speaker mentions (« la semaine dernière ») never dates the statement itself.
    narrative = _blank(text_of(doc), [part for f in found for part in f.parts])
    # Events: (offset, date, basis, speaker) — a narrative event dates everyone's words, a
    # date a statement's own clause gives dates only that speaker's next ones (« il vota
    # contre lors de la session du 19 juin » is not the day his party spoke).
    events: list[tuple[int, str, str, str | None]] = [
        (*e, None) for e in event_dates(narrative, units, published, _future_at(doc))
    ]
    out: list[tuple[str | None, str | None]] = []
    for f, speaker in zip(found, speakers, strict=True):
        name = speaker.name if speaker is not None else None
        own = _own_date(narrative, f, published)
        if own is not None:
            events.append((f.start, *own, name))
            events.sort(key=lambda e: e[0])
            out.append(own)
            continue
        before = [e for e in events if e[0] <= f.start and e[3] in {None, name}]
        if before:
            out.append((before[-1][1], before[-1][2]))
        elif published:
            out.append((published[:10], "article"))
        else:
            out.append((None, None))
    return out


def _future_at(doc: Doc) -> Callable[[int], bool]:
    """Whether the clause around a character offset of ``doc`` has its verb in the future or
    the conditional (« elle devrait rouvrir mercredi », « le record sera battu dimanche »)."""
    starts = token_starts(doc)

    def future(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        if i < 0:
            return False
        lo = i
        while lo > 0 and doc[lo - 1].text not in _CLAUSE_ENDS:
            lo -= 1
        hi = i
        while hi + 1 < len(doc) and doc[hi + 1].text not in _CLAUSE_ENDS:
            hi += 1
        return any(
            t.pos_ in {"VERB", "AUX"}
            and ("Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood"))
            for t in doc[lo : hi + 1]
        )

    return future


_CLAUSE_ENDS = {",", ".", ";", ":", "!", "?", "«", "»"}


def _own_date(narrative: str, f: Found, published: str | None) -> tuple[str, str] | None:
    """A date in the quotation's cue clause (its incise or introduction), outside content."""
    a, b = f.outer
    return find_date(narrative[a:b], published) if b > a else None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by spaces (same length)."""
    pieces, at = [], 0
    for a, b in sorted(spans):
        a = max(a, at)
        if b <= a:
            continue
        pieces.append(text[at:a])
        pieces.append(" " * (b - a))
        at = b
    pieces.append(text[at:])
    return "".join(pieces)
