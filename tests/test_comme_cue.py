"""« P, comme le précise X » and « Comme l'a rappelé X, P » (sentences of our own; normal and
fast mode must agree)."""

from __future__ import annotations

import json

import pytest

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


def test_comme_after_the_content():
    """Le chantier prendra six mois de retard, comme l'a reconnu le maire de Lausanne."""
    (q,) = _quotes(
        "Le chantier prendra six mois de retard, comme l'a reconnu le maire de Lausanne."
    )
    assert q["text"] == "Le chantier prendra six mois de retard"
    assert q["type"] == "indirect"
    assert q["speaker"]["name"] == "le maire de Lausanne"
    assert q["cue"]["lemma"] == "reconnaître"


def test_comme_before_the_content():
    """Comme le souligne l'entraîneur, l'équipe a manqué de rythme en seconde période."""
    (q,) = _quotes(
        "Comme le souligne l'entraîneur, l'équipe a manqué de rythme en seconde période."
    )
    assert q["text"] == "l'équipe a manqué de rythme en seconde période"
    assert q["speaker"]["name"] == "l'entraîneur"


def test_a_connector_opening_the_sentence_is_not_content():
    """Toutefois, la cour rendra son arrêt en juin, comme l'a indiqué sa présidente."""
    (q,) = _quotes("Toutefois, la cour rendra son arrêt en juin, comme l'a indiqué sa présidente.")
    assert q["text"] == "la cour rendra son arrêt en juin"


@pytest.mark.parametrize(
    "text",
    [
        "Les travaux dureront deux ans, comme le prévoit la loi.",
        "La croissance ralentit, comme le montre la courbe des prix.",
        "Il joue comme le faisait son père.",
    ],
)
def test_comme_without_a_source_that_speaks(text):
    assert _quotes(text) == []
