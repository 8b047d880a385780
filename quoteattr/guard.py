"""What spaCy is never given: runs of characters that would make its tokenizer quadratic.

spaCy's tokenizer splits each whitespace-free run by peeling prefixes, suffixes and infixes
off it one at a time, copying the rest each time: a run of 20,000 characters such as
« l'l'l'… » takes 40 s, one of 100,000 more than 15 minutes. No word, URL or number of
French news comes near :data:`MAX_RUN_CHARS` (the longest run of the development sets and of
the Wikinews corpus has fewer than 60 characters), so a longer run is cut: its first
:data:`MAX_RUN_CHARS` characters are parsed, the rest is replaced by spaces. The text keeps
its length, so offsets into it are offsets into the original, which detection still reads.

>>> text = "Il a dit « " + "l'" * 200 + " » hier."
>>> guarded, cuts = guard_text(text)
>>> len(guarded) == len(text), cuts
(True, [(11, 411)])
>>> guarded[11 + MAX_RUN_CHARS - 2 : 11 + MAX_RUN_CHARS + 2]
"l'  "
"""

from __future__ import annotations

import re

#: Longest whitespace-free run spaCy is given (characters).
MAX_RUN_CHARS = 250

# A run at its start (no non-space before it) longer than the limit: each run is tried once.
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN_CHARS + 1},}}")


def guard_text(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every run longer than :data:`MAX_RUN_CHARS` cut to that length (the rest
    blanked, same length), and the ``(start, end)`` of each run that was cut."""
    cuts = [(m.start(), m.end()) for m in _LONG_RUN.finditer(text)]
    if not cuts:
        return text, cuts
    pieces, at = [], 0
    for a, b in cuts:
        keep = a + MAX_RUN_CHARS
        pieces.append(text[at:keep])
        pieces.append(" " * (b - keep))
        at = b
    pieces.append(text[at:])
    return "".join(pieces), cuts


def describe_cuts(cuts: list[tuple[int, int]]) -> str:
    """The manifest's warning for the runs :func:`guard_text` cut.

    >>> describe_cuts([(10, 5000), (6000, 6300)])
    '2 runs without spaces cut to 250 characters before parsing (longest 4990 at offset 10)'
    """
    a, b = max(cuts, key=lambda c: c[1] - c[0])
    runs = "1 run" if len(cuts) == 1 else f"{len(cuts)} runs"
    return (
        f"{runs} without spaces cut to {MAX_RUN_CHARS} characters before parsing "
        f"(longest {b - a} at offset {a})"
    )
