"""A quotation standing alone in its paragraph: whose words, from the paragraphs around it.

The speaker is the one the paragraph before introduces with a colon, else the person the
text made a subject since the quote before, else the speaker of that quote; nobody when
the sentence before makes two people its subjects. Every article is invented (a Québec
city council, a strike in a factory, a parliamentary clash, a football club). Run in normal
and fast mode.
"""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr import Article

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.usefixtures("both_modes"),
]


def _speakers(text: str) -> list[tuple[str, str | None]]:
    quotes = quoteattr.extract(Article(text=text, date="2024-05-15"))
    return [(q.text[:20], q.speaker.name if q.speaker else None) for q in quotes]


def test_paragraph_introduced_by_a_colon():
    """Le conseiller Paul Gagnon l'a dit ainsi : ¶ « Ce budget ne répond à aucune … »"""
    text = (
        "La maire de Rimouski, Sophie Tremblay, a présenté lundi le budget de la ville.\n\n"
        "« Nous avons fait des choix difficiles, mais nécessaires pour l'avenir de la ville. »\n\n"
        "Le conseiller Paul Gagnon l'a dit ainsi :\n\n"
        "« Ce budget ne répond à aucune des attentes des quartiers de l'est. »"
    )
    assert _speakers(text) == [
        ("Nous avons fait des ", "Sophie Tremblay"),
        ("Ce budget ne répond ", "Paul Gagnon"),
    ]


def test_a_person_made_subject_after_the_last_quote_speaks():
    """« … », a prévenu Nadia Ferrand. ¶ Le directeur, Bruno Lemaire, a reçu … ¶ « … »"""
    text = (
        "« Nous ne lâcherons rien sur les salaires », a prévenu mardi la secrétaire générale "
        "du syndicat, Nadia Ferrand.\n\n"
        "Le directeur de l'usine, Bruno Lemaire, a reçu les délégués dans l'après-midi.\n\n"
        "« La direction a fait une offre sérieuse, il faut maintenant la regarder en face. »"
    )
    assert _speakers(text) == [
        ("Nous ne lâcherons ri", "Nadia Ferrand"),
        ("La direction a fait ", "Bruno Lemaire"),
    ]


def test_the_last_speaker_goes_on_when_nobody_new_is_named():
    """« … », lance l'entraîneur Yves Carrel. ¶ « … » — the same speaker."""
    text = (
        "« On a manqué de tout ce soir », lance l'entraîneur grenoblois Yves Carrel.\n\n"
        "« Il faudra se remettre au travail dès lundi, sans chercher d'excuses. »"
    )
    assert [name for _, name in _speakers(text)] == ["Yves Carrel", "Yves Carrel"]


def test_two_subjects_before_leave_the_quote_unnamed():
    """Le ministre Paul Durand et la députée Claire Morel se sont affrontés. ¶ « … »"""
    text = (
        "Le ministre Paul Durand et la députée Claire Morel se sont affrontés mardi à "
        "l'Assemblée.\n\n"
        "« Cette réforme est injuste et mal préparée, elle frappera d'abord les plus "
        "modestes. »"
    )
    assert _speakers(text) == [("Cette réforme est in", None)]


def test_names_inside_the_quote_before_are_no_speaker():
    """« … comme le disait Jean Jaurès … », écrit X. ¶ « … » — X, not the name quoted."""
    text = (
        "« Le courage, c'est de chercher la vérité et de la dire, Jean Jaurès l'a écrit "
        "avant nous », rappelle la syndicaliste Aline Favre.\n\n"
        "« Nous ne céderons pas à la peur, ni cette semaine ni la suivante. »"
    )
    assert [name for _, name in _speakers(text)][-1] == "Aline Favre"


def test_next_paragraph_opening_on_ainsi_and_a_verb_names_the_speaker():
    """« … » ¶ Ainsi réagit la présidente de l'association des parents, Marie Zufferey."""
    text = (
        "Le conseil municipal de Sion a voté mardi la fermeture de la piscine.\n\n"
        "« C'est une décision absurde qui pénalise toutes les familles du quartier. »\n\n"
        "Ainsi réagit la présidente de l'association des parents, Marie Zufferey."
    )
    assert _speakers(text) == [("C'est une décision a", "Marie Zufferey")]


def test_ainsi_as_a_connector_names_nobody():
    """« … » ¶ Ainsi, malgré la colère, la piscine fermera … — « ainsi » joins, nobody speaks."""
    text = (
        "Le conseil municipal de Sion a voté mardi la fermeture de la piscine.\n\n"
        "« C'est une décision absurde qui pénalise toutes les familles du quartier. »\n\n"
        "Ainsi, malgré la colère, la piscine fermera ses portes dès le mois de juin."
    )
    assert _speakers(text) == [("C'est une décision a", None)]
