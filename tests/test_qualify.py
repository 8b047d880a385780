"""A quoted predicate after « de » is the subject's words: « il a qualifié la réforme de
« recul historique » », « elle a traité son adversaire de « menteur » » (frame ``qualify`` of
``data/cues.tsv``, ``data/qualifying_verbs.txt``). Sentences of our own (debate, sport,
Belgian, court styles); each runs in normal and fast mode, which must agree."""

from __future__ import annotations

import json

import pytest

from quoteattr import Article, batch

PUBLISHED = "2024-05-15"


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk([Article(text=text, date=PUBLISHED)], batch.Options(fast=fast))
        quotes = [json.loads(line) for line in done[0].lines]
        runs.append([(q["text"], q["type"], (q["speaker"] or {}).get("name")) for q in quotes])
    normal, fast = runs
    assert fast == normal
    return normal


def test_qualifier_x_de_a_quoted_noun_phrase():
    """« la réforme de « … » » after « qualifier » is no name of the reform."""
    assert _quotes(
        "Le député Marc Lenoir a qualifié la réforme de « recul historique pour les salariés »."
    ) == [("la réforme de « recul historique pour les salariés »", "mixed", "Marc Lenoir")]


def test_traiter_x_de():
    """La candidate a traité son adversaire de « menteur professionnel » lors du débat."""
    assert _quotes(
        "La candidate Sophie Marchal a traité son adversaire de « menteur professionnel »."
    ) == [("son adversaire de « menteur professionnel »", "mixed", "Sophie Marchal")]


@pytest.mark.parametrize(
    "text",
    [
        # « traiter » without « de » before the passage reports nothing
        "Le tribunal correctionnel a traité le dossier « en priorité absolue ».",
        # a passive names the target, not who said it
        "L'entraîneur des Zèbres a été taxé de « laxisme » par les supporters.",
        # the name of a reform, after a verb that is no qualifying one
        "Le gouvernement a lancé la réforme de « l'école inclusive » à la rentrée.",
    ],
)
def test_no_quoted_predicate(text):
    assert _quotes(text) == []
