"""« selon X » and its kin beyond the sentence-initial case: documents that name no author,
media titles, sources inside a sentence, « X, pour qui P », and the readings of « selon »
and « que » that report nobody. Every sentence is our own (regional, Swiss, Québec, sport,
court, economy styles); each test also runs in fast mode, which must find the same quotes."""

from __future__ import annotations

import pytest

from quoteattr import Article, batch

PUBLISHED = "2024-05-15"


def _lines(text: str, fast: bool) -> list[dict]:
    import json

    done = batch.process_chunk([Article(text=text, date=PUBLISHED)], batch.Options(fast=fast))
    return [json.loads(line) for line in done[0].lines]


def _quotes(text: str) -> list[dict]:
    """The quotes of ``text``; fast mode must give the same ones."""
    normal = _lines(text, fast=False)
    fast = _lines(text, fast=True)
    assert [(q["text"], q["speaker"]) for q in fast] == [(q["text"], q["speaker"]) for q in normal]
    for q in normal:
        assert q["text"] == " ".join(text[p["start"] : p["end"]] for p in q["parts"]) or (
            q["text"] == text[q["start"] : q["end"]]
        )
    return normal


def _one(text: str) -> dict:
    quotes = _quotes(text)
    assert len(quotes) == 1, [q["text"] for q in quotes]
    return quotes[0]


def _speaker(q: dict) -> str | None:
    return (q["speaker"] or {}).get("name")


# --- documents and information as sources ----------------------------------------------


def test_a_document_without_author_is_its_own_source():
    """Le trafic a chuté de 12 % l'an dernier selon le bilan annuel."""
    q = _one("Le trafic du port de Sète a chuté de 12 % l'an dernier selon le bilan annuel.")
    assert q["text"] == "Le trafic du port de Sète a chuté de 12 % l'an dernier"
    assert q["type"] == "indirect"
    assert _speaker(q) == "le bilan annuel"


def test_testimonies_open_a_sentence():
    """Selon plusieurs témoignages, le gardien a quitté le stade avant la fin du match."""
    q = _one("Selon plusieurs témoignages, le gardien a quitté le stade avant la fin du match.")
    assert q["text"] == "le gardien a quitté le stade avant la fin du match"


def test_information_of_a_body_is_that_body_s_view():
    """Deux randonneurs ont été secourus, selon les informations de la gendarmerie."""
    q = _one(
        "Deux randonneurs ont été secourus dans le massif de Belledonne, selon les "
        "informations de la gendarmerie."
    )
    assert q["text"] == "Deux randonneurs ont été secourus dans le massif de Belledonne"
    assert _speaker(q) == "la gendarmerie"


def test_the_agent_of_a_document_participle_is_the_source():
    """D'après un classement publié par l'Unicef, la Suisse recule au 12e rang."""
    q = _one("D'après un classement publié par l'Unicef, la Suisse recule au 12e rang.")
    assert q["text"] == "la Suisse recule au 12e rang"
    assert _speaker(q) == "Unicef"


# --- sources named by a noun the first list lacked --------------------------------------


def test_a_trailing_source_without_comma_closes_the_sentence():
    """La neige pourrait tomber jusqu'en plaine jeudi selon les météorologues de MétéoSuisse."""
    q = _one("La neige pourrait tomber jusqu'en plaine jeudi selon les météorologues.")
    assert q["text"] == "La neige pourrait tomber jusqu'en plaine jeudi"
    assert _speaker(q) == "les météorologues"


def test_a_producer_is_a_source():
    """Selon son producteur, l'album sortira en mars."""
    q = _one("Selon son producteur, le nouvel album du chanteur sortira en mars.")
    assert q["text"] == "le nouvel album du chanteur sortira en mars"


# --- « selon X » inside the sentence ---------------------------------------------------


def test_source_after_an_opening_date_keeps_the_date_in_the_content():
    """En 2021, selon la Chambre de commerce, 300 commerces ont fermé à Liège."""
    q = _one("En 2021, selon la Chambre de commerce, 300 commerces ont fermé dans le centre.")
    assert [p["text"] for p in q["parts"]] == ["En 2021", "300 commerces ont fermé dans le centre"]
    assert q["type"] == "indirect"


def test_source_after_a_connector_reports_the_rest_of_the_clause():
    """Le procès a été renvoyé, car selon la défense, le dossier est incomplet."""
    q = _one("Le procès a été renvoyé au mois de juin car selon la défense, le dossier est vide.")
    assert q["text"] == "le dossier est vide"
    assert _speaker(q) == "la défense"


def test_source_between_subject_and_verb():
    """Le Conseil d'État, selon la RTS, renoncera à la hausse d'impôt."""
    q = _one("Le gouvernement cantonal, selon la radio, renoncera à la hausse d'impôt.")
    assert [p["text"] for p in q["parts"]] == [
        "Le gouvernement cantonal",
        "renoncera à la hausse d'impôt",
    ]


# --- « X, pour qui P » ------------------------------------------------------------------


def test_pour_qui_gives_the_view_of_the_source_before_it():
    """… l'Union des producteurs agricoles, pour qui la récolte sera la pire depuis 20 ans."""
    q = _one(
        "La sécheresse inquiète l'Union des producteurs agricoles, pour qui la récolte de "
        "cette année sera la pire depuis vingt ans."
    )
    assert q["text"] == "la récolte de cette année sera la pire depuis vingt ans"
    assert _speaker(q) == "Union des producteurs agricoles"


def test_pour_qui_after_a_verb_is_a_question_not_a_source():
    """Les électeurs ne savent pas pour qui voter dimanche."""
    assert _quotes("Les électeurs du canton ne savent toujours pas pour qui voter dimanche.") == []


# --- readings that report nobody --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Selon les régions, la vendange commencera entre le 20 août et le 5 septembre.",
        "Selon les différents établissements, les cours reprendront lundi ou mardi.",
        "Les horaires changent selon chaque ligne et selon la saison.",
        "Selon que le froid persiste ou non, la récolte sera retardée.",
    ],
)
def test_selon_meaning_depending_on_reports_nobody(text):
    assert _quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le résultat n'a pas été confirmé jusqu'à ce que l'arbitre consulte la vidéo.",
        "Le maire a parlé longtemps avant que les conseillers ne votent le budget.",
        "La loi a été annoncée sans que les syndicats soient consultés.",
    ],
)
def test_a_conjunction_ending_in_que_introduces_no_content(text):
    assert _quotes(text) == []


def test_de_l_opinion_de_names_the_source():
    """De l'opinion d'un ancien arbitre, la vidéo a sauvé le match."""
    q = _one("De l'opinion de l'ancien arbitre Marc Vidal, la vidéo a sauvé le match.")
    assert q["text"] == "la vidéo a sauvé le match"
    assert _speaker(q) == "Marc Vidal"
