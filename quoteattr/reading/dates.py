"""Publication dates as French news writes them, turned into ISO ``YYYY-MM-DD``.

Handles ``20.09.2023``, ``19/12/2019``, ``2020/07/08``, ``6 juillet 2012``, ``1er mars 2024``,
``mardi 6 mai 2024``, ISO dates and datetimes, each with or without a time (``08h36``,
``14:05``, ``à 10 h``). Month names come from ``data/months.tsv`` through
:mod:`quoteattr.calendar`; accents and case do not matter.

>>> parse_date("20.09.2023 08h36"), parse_date("1er mars 2024"), parse_date("hier")
('2023-09-20', '2024-03-01', None)
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass

import regex

from ..calendar import MONTHS, WEEKDAYS

__all__ = ["DateMatch", "parse_date", "search_date"]


def _fold(s: str) -> str:
    """Lower case without accents, so ``Fevrier``, ``février`` and ``FÉVRIER`` meet."""
    nfd = unicodedata.normalize("NFD", s.casefold())
    return "".join(c for c in nfd if not unicodedata.combining(c))


_MONTHS = {_fold(name): number for name, number in MONTHS.items()}
# Both spellings go into the pattern: "août" as printed, "aout" as typed without accents.
_MONTH_WORDS = set(MONTHS) | set(_MONTHS)
_WEEKDAY_WORDS = set(WEEKDAYS) | {_fold(name) for name in WEEKDAYS}


def _alternation(words: set[str]) -> str:
    # Longest first, so "janvier" is tried before its abbreviation "janv".
    return "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))


# A time of day after the date; it never changes the day, so it is matched and dropped.
_TIME = (
    r"(?:[\s,]+(?:à\s+)?\d{1,2}\s*(?:h|:)\s*(?:\d{2}(?:\s*(?::|min)\s*\d{2})?)?"
    r"(?:\s*(?:UTC|GMT|HNE|HAE))?)?"
)
_DAY = r"(?P<d>1er|0?[1-9]|[12]\d|3[01])"
_PATTERN = regex.compile(
    r"(?<![\p{L}\p{N}])(?:"
    # ISO, optionally with a time and a zone: 2024-05-06, 2024-05-06T14:05:00+02:00
    r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    # Year first, as some Chinese and Canadian French sites print it: 2020/07/08, 2020.07.08
    r"|(?P<ay>\d{4})(?P<as>[./])(?P<am>\d{1,2})(?P=as)(?P<ad>\d{1,2})"
    # Day first, the French order: 20.09.2023, 19/12/2019, 19-12-2019
    r"|(?P<nd>\d{1,2})(?P<ns>[./-])(?P<nm>\d{1,2})(?P=ns)(?P<ny>\d{4})"
    # Words: (mardi) 6 mai 2024, 1er mars 2024, 6 janv. 2024
    rf"|(?:(?P<wd>{_alternation(_WEEKDAY_WORDS)}),?\s+)?{_DAY}\s+(?P<m>{_alternation(_MONTH_WORDS)})\.?\s+(?P<y>\d{{4}})"
    rf")(?![\p{{N}}]){_TIME}(?![\p{{L}}\p{{N}}])",
    regex.IGNORECASE | regex.VERSION1,
)


_YEAR = regex.compile(r"\d{4}")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its ISO form and where it stands (character offsets)."""

    iso: str
    start: int
    end: int


def _iso(m: regex.Match[str]) -> str | None:
    """The ISO date of one pattern match, or None if the day does not exist (31.02.2020)."""
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["ay"]:
        y, mo, d = int(g["ay"]), int(g["am"]), int(g["ad"])
    elif g["ny"]:
        y, mo, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
    else:
        y, mo = int(g["y"]), _MONTHS[_fold(g["m"])]
        d = 1 if g["d"].lower() == "1er" else int(g["d"])
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def search_date(text: str, pos: int = 0, endpos: int | None = None) -> DateMatch | None:
    """The first valid date inside ``text[pos:endpos]``, with its offsets in ``text``.

    >>> search_date("Xinhua | 20.09.2023 08h36")
    DateMatch(iso='2023-09-20', start=9, end=25)
    """
    end = len(text) if endpos is None else endpos
    # Every form carries a four-digit year: most texts are ruled out by one cheap scan.
    if not _YEAR.search(text, pos, end):
        return None
    for m in _PATTERN.finditer(text, pos, end):
        iso = _iso(m)
        if iso:
            return DateMatch(iso, m.start(), m.end())
    return None


# Words that may wrap a date given on its own ("le 19/12/2019", "Publié le mardi 6 mai 2024").
_WRAPPER = regex.compile(
    r"^\s*(?:(?:publié|mis\s+à\s+jour|modifié|mise\s+à\s+jour)\s*(?:le\s+)?:?|le)?\s*"
    r"(?P<date>.*?)[\s.,;]*$",
    regex.IGNORECASE | regex.DOTALL,
)


_MAX_DATE_LINE = 100


def parse_date(s: str) -> str | None:
    """The ISO date written in ``s`` when ``s`` is a date and nothing else, else None.

    A leading ``le`` or ``publié le``, a time and trailing punctuation are allowed; a day
    that does not exist gives None, and so does a date inside a longer sentence (use
    :func:`search_date` for that). A weekday that contradicts the date is ignored, as the
    date itself is what readers rely on.

    >>> parse_date("2020/07/08"), parse_date("19/12/2019"), parse_date("6 juillet 2012")
    ('2020-07-08', '2019-12-19', '2012-07-06')
    >>> parse_date("mardi 6 mai 2024 à 14:05"), parse_date("2024-05-06T14:05:00Z")
    ('2024-05-06', '2024-05-06')
    >>> parse_date("le 19/12/2019"), parse_date("31.02.2020"), parse_date("Il vient le 6 mai")
    ('2019-12-19', None, None)
    """
    # The longest date line ("Publié le mercredi 20 septembre 2023 à 08h36 UTC") is far
    # shorter: a paragraph is not looked at, which keeps line-by-line checks cheap.
    if not isinstance(s, str) or len(s) > _MAX_DATE_LINE:
        return None
    inner = _WRAPPER.match(s)
    core = inner.group("date") if inner else s
    m = _PATTERN.fullmatch(core)
    return _iso(m) if m else None
