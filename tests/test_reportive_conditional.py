"""The reportive conditional carries a source's words on (sentences of our own; normal and
fast mode must agree)."""

from __future__ import annotations

import json

import pytest

from quoteattr import Article, batch


def _quotes(text: str) -> list[dict]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk(
            [Article(text=text, date="2024-05-15")], batch.Options(fast=fast)
        )
        runs.append([json.loads(line) for line in done[0].lines])
    assert [(q["text"], q["speaker"]) for q in runs[1]] == [
        (q["text"], q["speaker"]) for q in runs[0]
    ]
    return runs[0]


def test_a_conditional_sentence_goes_on_reporting_the_source():
    """Selon l'enquêteur, l'incendie est parti du grenier. Le feu aurait couvé plusieurs heures."""
    text = (
        "Selon le commandant des pompiers, l'incendie est parti du grenier. Le feu aurait "
        "couvé plusieurs heures avant l'alerte."
    )
    quotes = _quotes(text)
    assert [q["text"] for q in quotes] == [
        "l'incendie est parti du grenier",
        "Le feu aurait couvé plusieurs heures avant l'alerte",
    ]
    assert quotes[1]["speaker"] == quotes[0]["speaker"]


@pytest.mark.parametrize(
    "second",
    [
        "Si la pluie revenait, le chantier serait suspendu.",  # a hypothesis
        "Le bilan pourrait encore s'alourdir.",  # the writer's hedge
        "Le stade compte 20 000 places.",  # no conditional
    ],
)
def test_other_sentences_after_a_statement_are_not_reported(second):
    text = "Selon le commandant des pompiers, l'incendie est parti du grenier. " + second
    assert len(_quotes(text)) == 1


def test_a_new_paragraph_is_not_carried_on():
    text = (
        "Selon le commandant des pompiers, l'incendie est parti du grenier.\n\n"
        "Le feu aurait couvé plusieurs heures avant l'alerte."
    )
    assert len(_quotes(text)) == 1
