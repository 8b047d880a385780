"""The held-out sets of our own articles (tests/eval-blind, tests/eval-blind-2) stay scoreable:
the reader recovers each article's title, date, URL and publisher as articles.jsonl gives them,
and every gold quotation is verbatim in the article text the reader returns (each piece of a
discontinuous one, in order), so the scorer's word overlap measures the extractor, not a typo.

The sets are held out: failures name a file and a gold line, never the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quoteattr.model import Article
from quoteattr.reading import read_text

TESTS = Path(__file__).resolve().parent
SETS = ["eval-blind", "eval-blind-2"]
FIELDS = ("title", "date", "url", "publisher")
TYPES = {"direct", "indirect", "mixed"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _texts(folder: Path) -> dict[tuple[str, int], Article]:
    arts: dict[tuple[str, int], Article] = {}
    for path in sorted(folder.glob("*.txt")):
        for art in read_text(path.read_text(encoding="utf-8"), path.name):
            arts[(path.name, art.index)] = art
    return arts


def _in_order(text: str, quote: str, start: int = 0) -> bool:
    """Whether ``quote`` is in ``text`` from ``start`` on, or is pieces joined by one space
    that occur there in that order (a quotation interrupted by an incise)."""
    if quote in text[start:]:
        return True
    for cut in (i for i, c in enumerate(quote) if c == " "):
        at = text.find(quote[:cut], start)
        if at >= 0 and _in_order(text, quote[cut + 1 :], at + cut):
            return True
    return False


@pytest.mark.parametrize("name", SETS)
def test_reader_recovers_the_metadata_of_every_article(name: str):
    folder = TESTS / name
    arts = _texts(folder)
    want = _jsonl(folder / "articles.jsonl")
    assert {(a["file"], a["article"]) for a in want} == set(arts)
    for a in want:
        got = arts[(a["file"], a["article"])]
        for field in FIELDS:
            assert getattr(got, field) == a[field], f"{a['file']} #{a['article']}: {field}"


@pytest.mark.parametrize("name", SETS)
def test_every_gold_quotation_is_verbatim_in_its_article(name: str):
    folder = TESTS / name
    texts = {key: art.text for key, art in _texts(folder).items()}
    for n, gold in enumerate(_jsonl(folder / "gold.jsonl"), 1):
        where = f"{name}/gold.jsonl line {n} ({gold['file']})"
        text = texts[(gold["file"], gold["article"])]
        quote = gold["text"]
        assert quote and quote == quote.strip(), where
        if gold.get("discontinuous"):
            assert quote not in text and _in_order(text, quote), where
        else:
            assert quote in text, where
        assert gold["type"] in TYPES, where
        assert isinstance(gold["speaker"], list), where
        assert gold["date"] is None or ISO.fullmatch(gold["date"]), where
        assert isinstance(gold.get("optional", False), bool), where
