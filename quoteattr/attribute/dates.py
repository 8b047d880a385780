"""When the words were said: from the cue's own clause, from the event the article dates
before it, or from the publication date.

- explicit: « le 3 juillet », « lundi 6 mai 2024 », « 3 juillet 2012 »;
- relative to the publication date: a weekday (« a déclaré mardi » in an article of Wednesday
  2023-09-20 → 2023-09-19), « hier », « avant-hier », « dimanche dernier », « aujourd'hui »;
- the date of the last speech event the article dated (« se sont entretenus mercredi par
  téléphone ») carries to the quotes that follow it;
- otherwise the publication date. Never a date after publication.

>>> find_date("a déclaré mardi", "2023-09-20")
('2023-09-19', 'relative')
>>> find_date("le 3 juillet", "2012-07-04"), find_date("le 19/12/2019", "2020-07-18")
(('2012-07-03', 'explicit'), ('2019-12-19', 'explicit'))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import regex

from ..calendar import MONTHS, WEEKDAYS
from ..data import words
from ..reading.dates import search_date

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
# A day and a month without a year (« le 3 juillet »); dates with a year, in any form
# (« 3 juillet 2012 », « 19/12/2019 »), are the publication-date parser's.
_DAY_MONTH = regex.compile(
    rf"\b(?P<day>\d{{1,2}}|1er)\s+(?P<month>{_MONTH})\b\.?(?!\s*\d{{4}})",
    regex.IGNORECASE,
)
_RELATIVE = regex.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY})(?:\s+(?:soir|matin|midi|après-midi))?(?:\s+(?P<last>dernier))?"
    rf"|(?P<word>avant-hier|hier|aujourd'hui|aujourd’hui)"
    rf"|(?P<today>ce\s+(?:matin|midi|soir)|cet\s+après-midi|cette\s+nuit))\b",
    regex.IGNORECASE,
)
# A date after one of these is a goal, a deadline or a start, not the day something happened
# (« prévu pour samedi », « jusqu'à mercredi », « depuis lundi », « d'ici vendredi »).
_GOVERNED = regex.compile(
    r"(?:\b(?:pour|jusqu['’]\s*(?:à|au)|jusque|d['’]ici|avant|depuis|dès|reporté\s+à|prévue?s?)"
    r"(?:\s+(?:le|ce))?)\s*$",
    regex.IGNORECASE,
)


def speech_events() -> frozenset[str]:
    """Words naming an occasion for speech (« conférence », « entretien », « téléphone »)."""
    return words("speech_events.txt")


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _explicit(text: str, pub: dt.date | None, pos: int = 0) -> tuple[str, int] | None:
    """The first explicit date of ``text[pos:]`` (with or without its year), never after
    ``pub``, and where it starts."""
    full = search_date(text, pos)
    m = _DAY_MONTH.search(text, pos)
    if full is not None and (m is None or full.start <= m.start()):
        # A date after publication is a plan, not a statement.
        ok = pub is None or full.iso <= pub.isoformat()
        return (full.iso, full.start) if ok else None
    if m is None or pub is None:
        return None
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    month = MONTHS.get(m["month"].lower().rstrip("."))
    # A day later in the year than publication was last year's (« le 28 décembre » in January).
    for year in (pub.year, pub.year - 1):
        try:
            d = dt.date(year, month or 0, day)
        except ValueError:
            continue
        if d <= pub:
            return d.isoformat(), m.start()
    return None


def _relative(m: regex.Match, pub: dt.date) -> str | None:
    word = (m["word"] or "").lower().replace("’", "'")
    if word == "hier":
        return (pub - dt.timedelta(days=1)).isoformat()
    if word == "avant-hier":
        return (pub - dt.timedelta(days=2)).isoformat()
    if word == "aujourd'hui" or m["today"]:
        return pub.isoformat()
    if m["wd"]:
        target = WEEKDAYS[m["wd"].lower()]
        back = (pub.isoweekday() - target) % 7
        if m["last"] and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat()
    return None


def find_date(text: str, published: str | None) -> tuple[str, str] | None:
    """The first date expression in ``text`` with its basis (explicit or relative).

    >>> find_date("a annoncé ce matin", "2024-05-15")
    ('2024-05-15', 'relative')
    """
    found = _find_date(text, published)
    return found[:2] if found is not None else None


def _find_date(text: str, published: str | None, pos: int = 0) -> tuple[str, str, int] | None:
    """:func:`find_date` from ``pos``, with the offset where the date expression starts."""
    pub = _parse_iso(published)
    explicit = _explicit(text, pub, pos)
    if explicit:
        return explicit[0], "explicit", explicit[1]
    m = _RELATIVE.search(text, pos)
    if m and pub is not None:
        d = _relative(m, pub)
        if d:
            return d, "relative", m.start()
    return None


def _event_date(
    sentence: str, published: str | None, future: Callable[[int], bool]
) -> tuple[str, str] | None:
    """The first date of ``sentence`` that dates something that happened: not a goal or a
    deadline (« prévu pour samedi dernier », « jusqu'à mercredi »), not a plan in the future
    or the conditional (« elle devrait rouvrir mercredi »)."""
    pos = 0
    while pos < len(sentence):
        found = _find_date(sentence, published, pos)
        if found is None:
            return None
        d, basis, start = found
        if not _GOVERNED.search(sentence[max(0, start - 30) : start]) and not future(start):
            return d, basis
        pos = start + 1
    return None


def event_dates(
    narrative: str,
    units: list[tuple[int, int]],
    published: str | None,
    future: Callable[[int], bool] = lambda at: False,
) -> list[tuple[int, str, str]]:
    """Dates of the events the narrative reports: (offset, date, basis), in text order.

    ``narrative`` is the article text with quoted content blanked out.

    A day named relative to publication (« ce vendredi », « hier ») dates the news the
    quotes that follow react to. An explicit date (« le 12 mars 2011 ») is often background,
    so it counts only in a sentence that names an occasion for speech (« conférence de
    presse », « entretien téléphonique »). A date is an event's only in its own clause:
    ``future(offset)`` tells whether the clause at that offset of ``narrative`` speaks of what
    is to come (« la Bourse devrait rouvrir mercredi »), whose day dates nothing said.
    """
    events = speech_events()
    out: list[tuple[int, str, str]] = []
    for a, b in units:
        sentence = narrative[a:b]
        found = _event_date(sentence, published, lambda at, a=a: future(a + at))
        if not found:
            continue
        lowered = sentence.lower()
        if found[1] == "relative" or any(w in lowered for w in events):
            out.append((a, *found))
    return out
