"""When the words were said: from the cue's own clause, from the event the article dates
before it, or from the publication date.

- explicit: « le 3 juillet », « lundi 6 mai 2024 », « 3 juillet 2012 »;
- relative to the publication date: a weekday (« a déclaré mardi » in an article of Wednesday
  2023-09-20 → 2023-09-19), « hier », « avant-hier », « dimanche dernier », « aujourd'hui »;
- the date of the last speech event the article dated (« se sont entretenus mercredi par
  téléphone ») carries to the quotes that follow it;
- otherwise the publication date. Never a date after publication.

>>> resolve("mardi", "2023-09-20")
'2023-09-19'
>>> resolve("le 3 juillet", "2012-07-04")
'2012-07-03'
"""

from __future__ import annotations

import datetime as dt

import regex

from ..calendar import MONTHS, WEEKDAYS
from ..data import words

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_EXPLICIT = regex.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY})\s+)?(?P<day>\d{{1,2}}|1er)\s+(?P<month>{_MONTH})\.?"
    rf"(?:\s+(?P<year>\d{{4}}))?\b",
    regex.IGNORECASE,
)
_RELATIVE = regex.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY})(?:\s+(?:soir|matin|midi|après-midi))?(?:\s+(?P<last>dernier))?"
    rf"|(?P<word>avant-hier|hier|aujourd'hui|aujourd’hui))\b",
    regex.IGNORECASE,
)


def speech_events() -> frozenset[str]:
    """Words naming an occasion for speech (« conférence », « entretien », « téléphone »)."""
    return words("speech_events.txt")


def resolve(expression: str, published: str | None) -> str | None:
    """The ISO date ``expression`` names, relative to the ISO publication date ``published``."""
    pub = _parse_iso(published)
    m = _EXPLICIT.search(expression)
    if m:
        return _explicit(m, pub)
    m = _RELATIVE.search(expression)
    if m and pub is not None:
        return _relative(m, pub)
    return None


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _explicit(m: regex.Match, pub: dt.date | None) -> str | None:
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    month = MONTHS.get(m["month"].lower().rstrip("."))
    if month is None:
        return None
    if m["year"]:
        year = int(m["year"])
    elif pub is not None:
        year = pub.year
    else:
        return None
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    if pub is not None and d > pub:
        if m["year"]:
            return None  # a date after publication is a plan, not a statement
        d = d.replace(year=d.year - 1)
    return d.isoformat()


def _relative(m: regex.Match, pub: dt.date) -> str | None:
    word = (m["word"] or "").lower().replace("’", "'")
    if word == "hier":
        return (pub - dt.timedelta(days=1)).isoformat()
    if word == "avant-hier":
        return (pub - dt.timedelta(days=2)).isoformat()
    if word == "aujourd'hui":
        return pub.isoformat()
    if m["wd"]:
        target = WEEKDAYS[m["wd"].lower()]
        back = (pub.isoweekday() - target) % 7
        if m["last"] and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat()
    return None


def find_date(text: str, published: str | None) -> tuple[str, str] | None:
    """The first date expression in ``text`` with its basis (explicit or relative)."""
    pub = _parse_iso(published)
    m = _EXPLICIT.search(text)
    if m:
        d = _explicit(m, pub)
        if d:
            return d, "explicit"
    m = _RELATIVE.search(text)
    if m and pub is not None:
        d = _relative(m, pub)
        if d:
            return d, "relative"
    return None


def event_dates(
    narrative: str, units: list[tuple[int, int]], published: str | None
) -> list[tuple[int, str, str]]:
    """Dates of the events the narrative reports: (offset, date, basis), in text order.

    ``narrative`` is the article text with quoted content blanked out.

    A day named relative to publication (« ce vendredi », « hier ») dates the news the
    quotes that follow react to. An explicit date (« le 12 mars 2011 ») is often background,
    so it counts only in a sentence that names an occasion for speech (« conférence de
    presse », « entretien téléphonique »).
    """
    events = speech_events()
    out: list[tuple[int, str, str]] = []
    for a, b in units:
        sentence = narrative[a:b]
        found = find_date(sentence, published)
        if not found:
            continue
        lowered = sentence.lower()
        if found[1] == "relative" or any(w in lowered for w in events):
            out.append((a, *found))
    return out
