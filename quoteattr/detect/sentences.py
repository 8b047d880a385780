"""Sentence units that never cut through a quotation.

fr_core_news_md splits sentences inside « » and detaches the incise that follows a quotation
(« … », a-t-il dit.), so detection does not rely on its sentence boundaries: a unit ends at
., ! or ? followed by a capital letter or an opening mark, outside any quoted passage, and
never after an abbreviation such as « M. » or an initial.

>>> text = "« Oui. Non. », a dit M. Durand. Il part."
>>> [text[a:b] for a, b in sentence_units(text)]
['« Oui. Non. », a dit M. Durand.', 'Il part.']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..data import words
from .marks import Quoted, pair_marks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span

# A full stop after one of these is an abbreviation, not a sentence end.
_ABBREVIATIONS = words("abbreviations.txt")

_END = regex.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”\"›)])*(?=\s+[\p{Lu}«“\"‹(\d—–-])")


def sentence_units(text: str, quoted: list[Quoted] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence unit of ``text``, paragraph by paragraph."""
    if quoted is None:
        quoted = pair_marks(text)
    inside = bytearray(len(text))
    for q in quoted:
        # The closing mark itself may end a sentence (« … . »), so only the content counts.
        inside[q.open : q.close] = b"\x01" * (q.close - q.open)
    units: list[tuple[int, int]] = []
    for para in regex.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _END.finditer(text, para.start(), para.end()):
            if inside[m.end() - 1]:
                continue  # inside a quotation (a closing mark at the end is outside it)
            if m.group().startswith(".") and _abbreviation_before(text, m.start()):
                continue
            units.extend(_bounded(text, start, m.end(), inside))
            start = m.end()
        if start < para.end():
            units.extend(_bounded(text, start, para.end(), inside))
    return [(a, b) for a, b in units if b > a]


#: Longest sentence unit (characters). News sentences stay far below it (the longest of the
#: development sets and of the Wikinews corpus has 637); a longer run is a text that lost its
#: capitals or its full stops, and reading it as one sentence would cost time in the square
#: of its length. It is cut at the last break that ends a clause.
MAX_UNIT_CHARS = 2000
# Where a run too long for one unit is cut, best first: after the punctuation that ends a
# sentence, then a clause, then at any space.
_BREAKS = (
    regex.compile(r"[.!?…;]+[»”\"›)]*\s+"),
    regex.compile(r"[:,]\s+"),
    regex.compile(r"\s+"),
)


def unit_spans(doc: Doc, units: list[tuple[int, int]]) -> Iterator[Span]:
    """The spans of ``doc`` over the sentence ``units`` (widened to whole tokens); a unit no
    token covers is skipped."""
    for u_start, u_end in units:
        span = doc.char_span(u_start, u_end, alignment_mode="expand")
        if span is not None:
            yield span


def _bounded(text: str, a: int, b: int, inside: bytearray) -> list[tuple[int, int]]:
    """The unit ``text[a:b]`` (stripped), cut into pieces of at most :data:`MAX_UNIT_CHARS`
    at the best break outside quotations (inside one only when there is no other)."""
    pieces = []
    while b - a > MAX_UNIT_CHARS:
        cut = _last_break(text, a + MAX_UNIT_CHARS // 2, a + MAX_UNIT_CHARS, inside)
        pieces.append(_strip(text, a, cut))
        a = cut
    pieces.append(_strip(text, a, b))
    return pieces


def _last_break(text: str, lo: int, hi: int, inside: bytearray) -> int:
    """Offset just past the best break of ``text[lo:hi]`` (``hi`` when there is none)."""
    for outside_only in (True, False):
        for pattern in _BREAKS:
            cut = -1
            for m in pattern.finditer(text, lo, hi):
                if not (outside_only and inside[m.start()]):
                    cut = m.end()
            if cut > lo:
                return cut
    return hi


def _abbreviation_before(text: str, dot: int) -> bool:
    m = regex.search(r"([\p{L}.-]+)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and text[dot - 1].isupper())


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# Punctuation that closes a unit without belonging to the reported content.
_STOPS = frozenset({".", "!", "?", "…"})
_CLOSING = _STOPS | {";"}


def before_stops(doc: Doc, lo: int, end: int) -> int:
    """``end`` moved back over the sentence-ending marks (« . », « ! », « ? », « … ») that
    close ``doc[lo:end]``, never before ``lo``."""
    while end > lo and doc[end - 1].text in _STOPS:
        end -= 1
    return end


def content_limit(unit: Span) -> int:
    """Token index where a unit's content stops: before its final punctuation."""
    end = unit.end
    while end > unit.start and unit.doc[end - 1].text in _CLOSING:
        end -= 1
    return end
