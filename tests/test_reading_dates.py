"""Publication dates as French news prints them, read into ISO dates."""

from __future__ import annotations

import pytest

from quoteattr.reading.dates import parse_date, search_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("20.09.2023", "2023-09-20"),
        ("20.09.2023 08h36", "2023-09-20"),
        ("2020/07/08", "2020-07-08"),
        ("19/12/2019", "2019-12-19"),
        ("le 19/12/2019", "2019-12-19"),
        ("19-12-2019 14:05", "2019-12-19"),
        ("6 juillet 2012", "2012-07-06"),
        ("1er mars 2024", "2024-03-01"),
        ("1er août 2012", "2012-08-01"),
        ("1er aout 2012", "2012-08-01"),
        ("mardi 6 mai 2024", "2024-05-06"),
        ("Mardi 6 mai 2024 à 14h05", "2024-05-06"),
        ("6 DÉCEMBRE 2012", "2012-12-06"),
        ("22 févr. 2012", "2012-02-22"),
        ("Publié le 6 mai 2024 à 10 h 30", "2024-05-06"),
        ("2024-05-06", "2024-05-06"),
        ("2024-05-06T14:05:00+02:00", "2024-05-06"),
        ("2024-05-06 14:05", "2024-05-06"),
        ("12 octobre 2012 à 18h15 UTC", "2012-10-12"),
    ],
)
def test_parse_date_reads_each_french_form(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "written",
    [
        "31.02.2020",  # no such day
        "2023-13-01",  # no such month
        "20/09",  # no year: "Dernière mise à jour à 10h01 le 20/09"
        "hier",
        "mai 2024",  # no day
        "Il est venu le 6 mai 2024",  # a sentence, not a date
        "",
        "6 juillet 12012",
    ],
)
def test_parse_date_refuses_what_is_not_exactly_a_day(written: str) -> None:
    assert parse_date(written) is None


def test_search_date_finds_the_date_inside_a_line_with_its_offsets() -> None:
    line = "Xinhua | 20.09.2023 08h36"
    found = search_date(line)
    assert found is not None
    assert found.iso == "2023-09-20"
    assert line[found.start : found.end] == "20.09.2023 08h36"


def test_search_date_skips_impossible_days_and_respects_bounds() -> None:
    text = "Le 31/02/2020 puis le 6 juillet 2012."
    found = search_date(text)
    assert found is not None and found.iso == "2012-07-06"
    assert search_date(text, 0, 20) is None
    assert search_date("Il fait 20.5 degrés en 2012") is None
