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
    rf"|(?P<word>avant-hier|hier|aujourd'hui|aujourd’hui))\b",
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


def _explicit(text: str, pub: dt.date | None) -> str | None:
    """The first explicit date of ``text`` (with or without its year), never after ``pub``."""
    full = search_date(text)
    m = _DAY_MONTH.search(text)
    if full is not None and (m is None or full.start <= m.start()):
        # A date after publication is a plan, not a statement.
        return full.iso if pub is None or full.iso <= pub.isoformat() else None
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
            return d.isoformat()
    return None


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
    d = _explicit(text, pub)
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
