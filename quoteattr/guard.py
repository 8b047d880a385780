"""What spaCy is never given: runs of characters that would make its tokenizer quadratic,
and passages that only repeat a few characters thousands of times.

spaCy's tokenizer splits each whitespace-free run by peeling prefixes, suffixes and infixes
off it one at a time, copying the rest each time: a run of 20,000 characters such as
« l'l'l'… » takes 40 s, one of 100,000 more than 15 minutes. No word, URL or number of
French news comes near :data:`MAX_RUN_CHARS` (the longest run of the development sets and of
the Wikinews corpus has fewer than 60 characters), so a longer run is cut: its first
:data:`MAX_RUN_CHARS` characters are parsed, the rest is replaced by spaces. The text keeps
its length, so offsets into it are offsets into the original, which detection still reads.

A passage that repeats one short pattern (at most :data:`MAX_PERIOD` characters) more than
:data:`MAX_REPEATS` times in a row — « a » « a » « a »…, « a dit que : a dit que : »… — is
no news writing either, and parsing it costs three times as much per character as prose:
its first :data:`MAX_REPEATS` repetitions are parsed, the rest is blanked the same way.

>>> text = "Il a dit « " + "l'" * 200 + " » hier."
>>> guarded, cuts = guard_text(text)
>>> len(guarded) == len(text), cuts
(True, [Cut(start=11, end=411, kind='run', kept=250)])
>>> guarded[11 + MAX_RUN_CHARS - 2 : 11 + MAX_RUN_CHARS + 2]
"l'  "
>>> guard_text("Bonjour. " + "« a » " * 1000 + "Fin.")[1]
[Cut(start=9, end=6009, kind='repeat', kept=300)]
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

#: Longest whitespace-free run spaCy is given (characters).
MAX_RUN_CHARS = 250
#: Longest pattern whose repetition is looked for (characters).
MAX_PERIOD = 32
#: Repetitions of one pattern parsed before the rest of the passage is blanked.
MAX_REPEATS = 50
#: Shortest repeated passage that is cut (characters): a separator line is left alone.
MIN_REPEAT_CHARS = 2_000

# A run at its start (no non-space before it) longer than the limit: each run is tried once.
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN_CHARS + 1},}}")
# A pattern starting with a visible character, then at least MAX_REPEATS copies of it.
_REPEAT = re.compile(rf"(\S.{{0,{MAX_PERIOD - 1}}}?)\1{{{MAX_REPEATS},}}", re.DOTALL)
# Repetition is looked for only around blocks that compress this much better than prose
# (about 1.7x): scanning every offset for every period costs more than parsing.
_BLOCK = 1_024
_RATIO = 6


class Cut(NamedTuple):
    """A passage blanked before parsing, but for its first ``kept`` characters: a ``run``
    without spaces or a ``repeat``."""

    start: int
    end: int
    kind: str = "run"
    kept: int = MAX_RUN_CHARS


def guard_text(text: str) -> tuple[str, list[Cut]]:
    """``text`` with every run longer than :data:`MAX_RUN_CHARS` cut to that length and every
    repeated passage cut to :data:`MAX_REPEATS` repetitions (the rest blanked, same length),
    and each passage that was cut, in text order."""
    cuts = [Cut(m.start(), m.end()) for m in _LONG_RUN.finditer(text)]
    for m in _repeats(text):
        if not any(c.start < m.end() and m.start() < c.end for c in cuts):
            cuts.append(Cut(m.start(), m.end(), "repeat", len(m[1]) * MAX_REPEATS))
    cuts.sort()
    return blank(text, cuts), cuts


def blank(text: str, cuts: list[Cut]) -> str:
    """``text`` with each of ``cuts`` (sorted, apart) blanked after its kept characters.

    >>> blank("abcdefgh", [Cut(1, 6, "repeat", 2)])
    'abc   gh'
    """
    if not cuts:
        return text
    pieces, at = [], 0
    for cut in cuts:
        keep = cut.start + cut.kept
        pieces.append(text[at:keep])
        pieces.append(" " * (cut.end - keep))
        at = cut.end
    pieces.append(text[at:])
    return "".join(pieces)


def _repeats(text: str) -> list[re.Match[str]]:
    """The repeated passages of ``text`` at least :data:`MIN_REPEAT_CHARS` long."""
    found: list[re.Match[str]] = []
    at = 0
    for lo, hi in _suspect_regions(text):
        for m in _REPEAT.finditer(text, max(lo, at), hi):
            if m.end() - m.start() >= MIN_REPEAT_CHARS:
                found.append(m)
                at = m.end()
    return found


def _suspect_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around blocks that compress :data:`_RATIO` times or better."""
    regions: list[tuple[int, int]] = []
    for lo in range(0, len(text) - _BLOCK + 1, _BLOCK):
        block = text[lo : lo + _BLOCK].encode("utf-8", "replace")
        if len(zlib.compress(block, 1)) * _RATIO > len(block):
            continue
        a, b = max(0, lo - 2 * _BLOCK), min(len(text), lo + 3 * _BLOCK)
        if regions and a <= regions[-1][1]:
            regions[-1] = (regions[-1][0], b)
        else:
            regions.append((a, b))
    return regions


def describe_cuts(cuts: list[Cut]) -> list[str]:
    """The manifest's warnings for the passages :func:`guard_text` cut, one per kind.

    >>> describe_cuts([Cut(10, 5000), Cut(6000, 6300)])
    ['2 runs without spaces cut to 250 characters before parsing (longest 4990 at offset 10)']
    >>> print(*describe_cuts([Cut(0, 9000, "repeat")]))
    1 passage repeating a pattern more than 50 times cut before parsing (longest 9000 at offset 0)
    """
    out = []
    for kind, what in (
        ("run", f"without spaces cut to {MAX_RUN_CHARS} characters before parsing"),
        ("repeat", f"repeating a pattern more than {MAX_REPEATS} times cut before parsing"),
    ):
        mine = [c for c in cuts if c.kind == kind]
        if not mine:
            continue
        longest = max(mine, key=lambda c: c.end - c.start)
        noun = ("run" if kind == "run" else "passage") + ("s" if len(mine) > 1 else "")
        out.append(
            f"{len(mine)} {noun} {what} "
            f"(longest {longest.end - longest.start} at offset {longest.start})"
        )
    return out
