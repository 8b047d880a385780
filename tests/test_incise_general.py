"""Incises in the middle of unmarked content (sentences of our own, normal and fast mode)."""

from __future__ import annotations

import json

from quoteattr import Article, batch

PUBLISHED = "2024-05-15"


def _quotes(text: str) -> list[dict]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk([Article(text=text, date=PUBLISHED)], batch.Options(fast=fast))
        runs.append([json.loads(line) for line in done[0].lines])
    assert [(q["text"], q["speaker"]) for q in runs[1]] == [
        (q["text"], q["speaker"]) for q in runs[0]
    ]
    return runs[0]


def test_content_goes_on_after_a_clitic_incise():
    """Le projet est, disent-ils, la dernière chance du quartier. (a pronoun takes no
    apposition: what follows the incise is more of the content)"""
    text = (
        "Les commerçants de la rue Neuve ont écrit au bourgmestre. "
        "Le projet est, disent-ils, la dernière chance du quartier, celle de sa survie."
    )
    quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0]["text"] == "Le projet est la dernière chance du quartier, celle de sa survie"


def test_a_former_office_holder_speaks_in_an_incise():
    """Par ailleurs, estime l'ex-sélectionneur, l'équipe manque de profondeur."""
    text = "Par ailleurs, estime l'ex-sélectionneur, l'équipe manque de profondeur de banc."
    quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0]["text"] == "Par ailleurs l'équipe manque de profondeur de banc"
    assert quotes[0]["speaker"]["name"] == "l'ex-sélectionneur"
