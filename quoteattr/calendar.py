"""French month and weekday names, read from ``data/months.tsv`` and ``data/weekdays.tsv``.

>>> MONTHS["août"], WEEKDAYS["mardi"]
(8, 2)
"""

from __future__ import annotations

from importlib import resources


def _table(name: str) -> dict[str, int]:
    text = resources.files("quoteattr.data").joinpath(name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {key: int(value) for key, value in rows[1:]}


#: Month name or abbreviation (lower case, accented) → month number.
MONTHS: dict[str, int] = _table("months.tsv")
#: Weekday name (lower case) → ISO weekday number, Monday = 1.
WEEKDAYS: dict[str, int] = _table("weekdays.tsv")
