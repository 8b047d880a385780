"""A cue whose content is an infinitive after « de » or « à » (frames ``de_inf``/``a_inf``
of ``data/cues.tsv``): « a promis de … », « appelle la population à … », « a demandé au
tribunal de … ». Sentences of our own (Québec, court, sport, regional, Belgian styles); each
runs in normal and fast mode, which must agree."""

from __future__ import annotations

import json

import pytest

from quoteattr import Article, batch
from quoteattr.prescan import is_hit

PUBLISHED = "2024-05-15"


def _quotes(text: str) -> list[dict]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk([Article(text=text, date=PUBLISHED)], batch.Options(fast=fast))
        runs.append([json.loads(line) for line in done[0].lines])
    normal, fast = runs
    assert [(q["text"], q["speaker"]) for q in fast] == [(q["text"], q["speaker"]) for q in normal]
    return normal


def _one(text: str) -> dict:
    quotes = _quotes(text)
    assert len(quotes) == 1, [q["text"] for q in quotes]
    return quotes[0]


def test_promise_with_de():
    """La mairesse a promis de rouvrir la piscine municipale avant l'été."""
    q = _one("La mairesse de Sherbrooke a promis de rouvrir la piscine municipale avant l'été.")
    assert q["text"] == "rouvrir la piscine municipale avant l'été"
    assert q["type"] == "indirect"
    assert q["speaker"]["name"] == "La mairesse de Sherbrooke"
    assert q["cue"]["lemma"] == "promettre"


def test_request_with_an_indirect_object():
    """Le procureur a demandé à la cour de prononcer une peine de cinq ans."""
    q = _one("Le procureur a demandé à la cour de prononcer une peine de cinq ans ferme.")
    assert q["text"] == "prononcer une peine de cinq ans ferme"
    assert q["speaker"]["name"] == "Le procureur"


def test_call_with_a_direct_object_and_a():
    """Le club appelle ses supporters à rester calmes samedi."""
    q = _one("Le club appelle ses supporters à rester calmes lors du derby de samedi.")
    assert q["text"] == "rester calmes lors du derby de samedi"
    assert q["cue"]["lemma"] == "appeler"


def test_a_list_of_infinitives_is_one_content():
    """L'agence invite les habitants à fermer les volets, boire souvent et limiter l'effort."""
    q = _one(
        "L'agence régionale de santé invite les habitants à fermer les volets, boire souvent "
        "et limiter les efforts."
    )
    assert q["text"] == "fermer les volets, boire souvent et limiter les efforts"


def test_content_stops_where_the_writer_s_next_clause_opens():
    """Les syndicats réclamaient de relever les salaires, mais la direction refuse."""
    q = _one(
        "Le syndicat exigeait de relever les salaires de 4 %, mais la direction n'a rien concédé."
    )
    assert q["text"] == "relever les salaires de 4 %"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        (
            "Le premier ministre du Québec a pressé Ottawa de hausser les transferts en santé.",
            "hausser les transferts en santé",
            "Le premier ministre du Québec",
            "presser",
        ),
        (
            "Les délégués syndicaux ont réclamé d'être reçus par la direction du site.",
            "être reçus par la direction du site",
            "Les délégués syndicaux",
            "réclamer",
        ),
        (
            "L'opposition accuse la municipalité d'avoir caché le coût réel du stade.",
            "avoir caché le coût réel du stade",
            "L'opposition",
            "accuser",
        ),
        # negation and clitics before the infinitive belong to the content
        (
            "L'ancien échevin a promis de ne pas se représenter en octobre.",
            "ne pas se représenter en octobre",
            "L'ancien échevin",
            "promettre",
        ),
    ],
)
def test_more_request_and_promise_cues(text, content, speaker, lemma):
    q = _one(text)
    assert (q["text"], q["speaker"]["name"], q["cue"]["lemma"]) == (content, speaker, lemma)


def test_announce_with_a_bare_infinitive():
    """Le maire a annoncé vouloir briguer un troisième mandat (frame ``inf``)."""
    q = _one("Le maire de Vevey a annoncé vouloir briguer un troisième mandat.")
    assert q["text"] == "vouloir briguer un troisième mandat"
    assert q["speaker"]["name"] == "Le maire de Vevey"


@pytest.mark.parametrize(
    "text",
    [
        # a passive names no one asking
        "Les usagers sont invités à composter leur billet avant de monter.",
        # « de » before a noun phrase, not an infinitive
        "Le président a promis de l'argent aux associations du quartier.",
        "La commune a demandé de l'aide au canton.",
        # the writer's own voice
        "Demandons-nous de quoi demain sera fait.",
    ],
)
def test_no_infinitive_content(text):
    assert _quotes(text) == []


def test_fast_mode_keeps_the_sentence():
    """The rule's trigger makes the pre-scan keep a sentence with no other cue frame."""
    assert is_hit("Le bourgmestre invite les riverains à limiter leurs déplacements.")
    assert not is_hit("Le bourgmestre visite les riverains à vélo.")
