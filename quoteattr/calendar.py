"""French month and weekday names, read from ``data/months.tsv`` and ``data/weekdays.tsv``.

>>> MONTHS["août"], WEEKDAYS["mardi"]
(8, 2)
"""

from __future__ import annotations

from .data import rows, text


def _table(name: str) -> dict[str, int]:
    return {row["name"]: int(row["number"]) for row in rows(text(name))}


#: Month name or abbreviation (lower case, accented) → month number.
MONTHS: dict[str, int] = _table("months.tsv")
#: Weekday name (lower case) → ISO weekday number, Monday = 1.
WEEKDAYS: dict[str, int] = _table("weekdays.tsv")
