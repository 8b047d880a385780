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
