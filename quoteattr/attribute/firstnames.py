"""The gender a first name all but decides, from births registered in France (Insee).

``data/firstnames.tsv`` keeps only the names given at least 500 times between 1900 and 2021
of which at least 95 % were registered with one sex (see ``tools/build_firstnames.py``);
every other name — ambiguous (Camille, Dominique, Claude) or rare in France — answers None.
This is the weakest evidence quoteattr uses: anything the text says comes first.

>>> firstname_gender("Hélène Martin"), firstname_gender("Jean-Pierre Raffarin")
('f', 'm')
>>> firstname_gender("Camille Durand") is None, firstname_gender("Wang Yi") is None
(True, True)
>>> firstname_gender("Dupont") is None  # one word: a surname as often as a first name
True
"""

from __future__ import annotations

from functools import cache

from ..data import rows, text
from .identity import fold


@cache
def _table() -> dict[str, str]:
    return {r["name"]: r["gender"] for r in rows(text("firstnames.tsv"))}


def firstname_gender(name: str) -> str | None:
    """``"f"`` or ``"m"`` when the first word of a full name (two words or more) decides."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0]
    # « Jean-Pierre » is registered as such; « J.-P. » or « J. » is no first name.
    if "." in first or len(first.strip("-")) < 2:
        return None
    return _table().get(fold(first).replace(" ", "-"))
