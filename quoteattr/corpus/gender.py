"""One gender for a speaker seen in many articles, from the evidence each quote carries.

Each quote's speaker brings a ``gender`` and its ``gender_source`` (see
:mod:`quoteattr.attribute.gender`). Across the corpus the strongest kind of evidence present
decides — an honorific, then agreement, then a resolved pronoun, and the first name only when
no article says anything — by majority within that kind; a tie decides nothing. Organisations
and groups have no gender.

>>> decide({("title", "f"): 2, ("firstname", "m"): 5})
('f', 'title')
>>> decide({("agreement", "f"): 1, ("agreement", "m"): 1})
(None, None)
>>> decide({("firstname", "m"): 3})
('m', 'firstname')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

#: Kinds of evidence, strongest first.
SOURCES = ("title", "agreement", "pronoun", "firstname")


def decide(votes: Mapping[tuple[str, str], int]) -> tuple[str | None, str | None]:
    """``(gender, source)`` from counts of ``(source, gender)`` evidence."""
    for source in SOURCES:
        by_gender = Counter({g: n for (s, g), n in votes.items() if s == source and n > 0})
        if not by_gender:
            continue
        ranked = by_gender.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None, None  # the strongest evidence contradicts itself
        return ranked[0][0], source
    return None, None


def text_gender(votes: Mapping[tuple[str, str], int]) -> str | None:
    """The gender the text itself shows (no first names), or None.

    >>> text_gender({("firstname", "m"): 4}) is None
    True
    """
    return decide({k: n for k, n in votes.items() if k[0] != "firstname"})[0]
