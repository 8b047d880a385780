"""A verb phrase coordinated with a cue shares its subject and ends its content: « Le maire a
assuré que P et a promis de Q » gives P and Q, both the mayor's (``detect/coordination.py``,
``data/coordination_links.txt``). Sentences of our own (regional, court, sport, Swiss,
Belgian, Québec styles); each runs in normal and fast mode, which must agree."""

from __future__ import annotations

import json

import pytest

from quoteattr import Article, batch

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


def test_que_clause_then_a_promise():
    """Le maire a assuré que les travaux seraient finis en juin et a promis de rouvrir la salle."""
    assert _quotes(
        "Le maire de Carpentras a assuré que les travaux seraient finis en juin et a promis de "
        "rouvrir la salle des fêtes."
    ) == [
        ("les travaux seraient finis en juin", "Le maire de Carpentras", "assurer"),
        ("rouvrir la salle des fêtes", "Le maire de Carpentras", "promettre"),
    ]


def test_a_second_cue_with_a_noun_complement_ends_the_first_content():
    """… que P et a appelé les habitants à la patience: P stops before « et »."""
    quotes = _quotes(
        "Le conseiller d'État vaudois a reconnu que le chantier prenait du retard et a appelé "
        "les riverains à la patience."
    )
    assert quotes[0] == (
        "le chantier prenait du retard",
        "Le conseiller d'État vaudois",
        "reconnaître",
    )


def test_avant_de_and_an_infinitive_cue():
    """L'entraîneur a reconnu que P, avant d'ajouter que Q."""
    assert _quotes(
        "L'entraîneur du Stade a reconnu que son équipe avait manqué d'intensité, avant "
        "d'ajouter que le titre restait jouable."
    ) == [
        ("son équipe avait manqué d'intensité", "L'entraîneur du Stade", "reconnaître"),
        ("le titre restait jouable", "L'entraîneur du Stade", "ajouter"),
    ]


def test_puis_and_a_plural_subject():
    """Les élus ont dit que P, puis ont promis de Q."""
    assert _quotes(
        "Les élus de l'opposition ont dit que le budget était insincère, puis ont promis de "
        "saisir la chambre régionale des comptes."
    ) == [
        ("le budget était insincère", "Les élus de l'opposition", "dire"),
        ("saisir la chambre régionale des comptes", "Les élus de l'opposition", "promettre"),
    ]


def test_a_coordinated_verb_of_the_narrative_is_no_content():
    """La procureure a rappelé que P et a requis deux ans: the requisition is not recalled."""
    assert _quotes(
        "La procureure a rappelé que le prévenu avait déjà été condamné et a requis deux ans "
        "de prison ferme."
    ) == [("le prévenu avait déjà été condamné", "La procureure", "rappeler")]


def test_a_quoted_object_then_a_recommendation():
    """Le Conseil fédéral a jugé l'initiative « trop coûteuse » et a recommandé de la rejeter."""
    assert _quotes(
        "Le Conseil d'État a jugé l'initiative « trop coûteuse » et a recommandé de la rejeter."
    ) == [
        ("l'initiative « trop coûteuse »", "Conseil d'État", "juger"),
        ("la rejeter", "Conseil d'État", "recommander"),
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # another verb of the same form inside P could be the first conjunct
        (
            "Le commissaire a affirmé que la police a arrêté deux hommes et a saisi des armes.",
            "la police a arrêté deux hommes et a saisi des armes",
        ),
        # the second verb agrees with P's subject, not with the speaker
        (
            "La bourgmestre a expliqué que les agents avaient évacué l'immeuble et avaient "
            "relogé les familles.",
            "les agents avaient évacué l'immeuble et avaient relogé les familles",
        ),
        # « et » inside P joins two participles, not two verb phrases of the speaker
        (
            "Le maire a annoncé que la piscine, fermée depuis mars et rénovée cet hiver, "
            "rouvrirait en juin.",
            "la piscine, fermée depuis mars et rénovée cet hiver, rouvrirait en juin",
        ),
    ],
)
def test_content_stays_whole_when_the_reading_is_not_certain(text, content):
    assert [q[0] for q in _quotes(text)] == [content]
