"""Linguistic data of quoteattr: one file a list, each opening with ``#`` lines on its source.

>>> "porte-parole" in words("speaker_nouns.txt")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def text(name: str) -> str:
    """The content of the data file ``name``."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of a one-word-a-line data file, lower case, comment lines left out."""
    return frozenset(
        line.strip().lower()
        for line in text(name).splitlines()
        if line and not line.startswith("#")
    )


def rows(text: str) -> list[dict[str, str]]:
    """The rows of a tab-separated table whose first non-comment line names the columns.

    >>> rows("# a comment\\nname\\tnumber\\nmai\\t5")
    [{'name': 'mai', 'number': '5'}]
    """
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    if not lines:
        return []
    header = [h.strip() for h in lines[0]]
    return [dict(zip(header, (v.strip() for v in line), strict=False)) for line in lines[1:]]
