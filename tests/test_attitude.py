"""A pronominal cue whose content is the stance after it (frames ``adj`` and ``attitude`` of
``data/cues.tsv``, ``rules/attitude.py``): « s'est dit satisfait de … », « se dit prête à … »,
« s'est montré confiant quant à … ». Sentences of our own (wire, sport, court, Swiss,
Belgian, Québec styles); each runs in normal and fast mode, which must agree."""

from __future__ import annotations

import json

import pytest

from quoteattr import Article, batch
from quoteattr.prescan import is_hit

PUBLISHED = "2024-05-15"


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk([Article(text=text, date=PUBLISHED)], batch.Options(fast=fast))
        quotes = [json.loads(line) for line in done[0].lines]
        runs.append(
            [(q["text"], (q["speaker"] or {}).get("name"), q["cue"]["lemma"]) for q in quotes]
        )
    normal, fast = runs
    assert fast == normal
    return normal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le maire de Sherbrooke s'est dit satisfait de l'entente conclue avec les cols bleus.",
            (
                "satisfait de l'entente conclue avec les cols bleus",
                "Le maire de Sherbrooke",
                "se dire",
            ),
        ),
        (
            "La présidente du syndicat se dit prête à rouvrir les négociations avec la direction.",
            (
                "prête à rouvrir les négociations avec la direction",
                "La présidente du syndicat",
                "se dire",
            ),
        ),
        (
            "L'entraîneur des Lions s'est montré confiant quant à la suite de la saison.",
            ("confiant quant à la suite de la saison", "L'entraîneur des Lions", "se montrer"),
        ),
        (
            "Le syndic de Lausanne se déclare favorable au projet de tram.",
            ("favorable au projet de tram", "Le syndic de Lausanne", "se déclarer"),
        ),
        (
            "La juge s'est dite très inquiète de la surpopulation carcérale.",
            ("inquiète de la surpopulation carcérale", "La juge", "se dire"),
        ),
        (
            "L'ancien bourgmestre s'est dit victime d'un règlement de comptes politique.",
            ("victime d'un règlement de comptes politique", "L'ancien bourgmestre", "se dire"),
        ),
    ],
)
def test_stance_after_a_pronominal_cue(text, expected):
    assert _quotes(text) == [expected]


def test_a_que_clause_after_the_adjective_is_the_content():
    """Le premier ministre s'est dit convaincu que la réforme passerait."""
    assert _quotes("Le premier ministre s'est dit convaincu que la réforme passerait.") == [
        ("la réforme passerait", "Le premier ministre", "se dire")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # « se montrer » with an adjective of performance reports nothing
        "Le gardien s'est montré décisif en fin de match.",
        "La défense liégeoise s'est montrée solide jusqu'à la pause.",
        # no adjective after the verb
        "Ce qui se dit au conseil municipal reste au conseil municipal.",
    ],
)
def test_no_stance(text):
    assert _quotes(text) == []


def test_fast_mode_keeps_the_sentence():
    assert is_hit("La cheffe du groupe s'est dite favorable au compromis.")
    assert not is_hit("La cheffe du groupe est favorable au compromis.")


@pytest.mark.parametrize(
    "text",
    [
        "On eût dit que la ville entière retenait son souffle.",
        "On aurait dit que la neige ne s'arrêterait jamais sur la vallée.",
        "Sous les projecteurs, on dirait que le stade a rajeuni de vingt ans.",
    ],
)
def test_a_comparison_with_dire_reports_nothing(text):
    """« On eût dit que P » is the writer's image (``data/comparison_frames.txt``)."""
    assert _quotes(text) == []
