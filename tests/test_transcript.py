"""Transcripts, interviews and dialogue: lines that are someone's words by their layout.

Every article is invented (a Québec radio interview, a Swiss press conference, a Belgian
parliamentary Q&A, a court hearing, a post-match interview, a ski interview), never taken
from the fixtures or the eval sets. Run in normal and fast mode.
"""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr import Article, Quote
from quoteattr.detect.transcript import label_kind

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.usefixtures("both_modes"),
]


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    quotes: list[Quote] = quoteattr.extract(Article(text=text, date="2024-05-15"))
    for q in quotes:
        for p in q.parts or []:
            assert text[p.start : p.end] == p.text
    return [(q.text, q.speaker.name if q.speaker else None, q.type) for q in quotes]


def test_named_turns_of_a_radio_interview():
    """Geneviève Roy : … ? / Mathieu Bélanger : … — each line is its label's words."""
    text = (
        "Le ministre québécois de l'Environnement, Mathieu Bélanger, était l'invité de "
        "l'émission Midi info mardi, au micro de Geneviève Roy. Voici des extraits de "
        "l'entrevue.\n\n"
        "Geneviève Roy : Monsieur le ministre, les groupes écologistes disent que votre plan "
        "arrive trop tard. Que leur répondez-vous ?\n\n"
        "Mathieu Bélanger : Je leur réponds que nous avons investi plus que tous les "
        "gouvernements précédents. On ne peut pas tout faire en une seule année.\n\n"
        "Geneviève Roy : Et la cible de 2030 ?\n\n"
        "Mathieu Bélanger : Elle sera atteinte, j'en suis convaincu."
    )
    got = _quotes(text)
    assert [(name, kind) for _, name, kind in got] == [
        ("Geneviève Roy", "direct"),
        ("Mathieu Bélanger", "direct"),
        ("Geneviève Roy", "direct"),
        ("Mathieu Bélanger", "direct"),
    ]
    assert got[1][0].startswith("Je leur réponds") and got[1][0].endswith("seule année.")
    assert got[3][0] == "Elle sera atteinte, j'en suis convaincu."


def test_press_conference_unnamed_questions_are_no_quotation():
    """Question : … ? / Anne-Laure Favre : … — nobody named asks: only the answers."""
    text = (
        "Berne, jeudi. La porte-parole du Département fédéral des finances, Anne-Laure Favre, "
        "a répondu aux questions des journalistes après la séance du Conseil fédéral.\n\n"
        "Question : Le budget 2025 sera-t-il équilibré ?\n\n"
        "Anne-Laure Favre : Nous visons l'équilibre, mais les recettes fiscales restent "
        "incertaines.\n\n"
        "Question : Quand les cantons seront-ils consultés ?\n\n"
        "Anne-Laure Favre : La consultation s'ouvrira au printemps. Les cantons auront trois "
        "mois pour répondre."
    )
    got = _quotes(text)
    assert [name for _, name, _ in got] == ["Anne-Laure Favre", "Anne-Laure Favre"]
    assert got[0][0].startswith("Nous visons l'équilibre")


def test_q_and_r_lines_go_to_the_interviewee_and_the_credited_journalist():
    """Olivier Maes a répondu aux questions de notre journal. Q. … R. … Propos recueillis par."""
    text = (
        "Le député bruxellois Olivier Maes a répondu aux questions de notre journal sur la "
        "réforme des pensions.\n\n"
        "Q. Pourquoi votre groupe s'abstient-il ?\n"
        "R. Parce que le texte ne protège pas les carrières longues. Nous avons déposé trois "
        "amendements.\n"
        "Q. Le gouvernement peut-il encore bouger ?\n"
        "R. Je le crois. Le ministre a laissé la porte ouverte en commission.\n\n"
        "Propos recueillis par Claire Janssens"
    )
    got = _quotes(text)
    assert [name for _, name, _ in got] == [
        "Claire Janssens",
        "Olivier Maes",
        "Claire Janssens",
        "Olivier Maes",
    ]
    assert got[3][0] == "Je le crois. Le ministre a laissé la porte ouverte en commission."


def test_answers_without_an_introduced_interviewee_stay_out():
    """Q : … / R : … where the page names nobody interviewed: no speaker to give, no quote."""
    text = (
        "La réforme des pensions divise la Chambre.\n\n"
        "Q : Le texte passera-t-il ?\n"
        "R : Nous le saurons jeudi, après le vote en commission.\n"
        "Q : Et les syndicats ?\n"
        "R : Ils ont déjà annoncé une grève pour le 12 juin."
    )
    assert _quotes(text) == []


def test_court_hearing_roles_and_names():
    """La présidente : … ? / Karim Benali : Non. … — a role labels a turn like a name."""
    text = (
        "Devant le tribunal correctionnel de Lyon, l'échange entre la présidente et le "
        "prévenu, Karim Benali, a tourné court mardi.\n\n"
        "La présidente : Vous reconnaissez avoir frappé la victime ?\n"
        "Karim Benali : Non. Je me suis seulement défendu.\n"
        "La présidente : Trois témoins disent le contraire.\n"
        "Karim Benali : Ils mentent, madame."
    )
    got = _quotes(text)
    assert [text for text, _, _ in got] == [
        "Vous reconnaissez avoir frappé la victime ?",
        "Non. Je me suis seulement défendu.",
        "Trois témoins disent le contraire.",
        "Ils mentent, madame.",
    ]
    assert [name for _, name, _ in got][1::2] == ["Karim Benali", "Karim Benali"]
    assert got[0][1] is not None and got[0][1].lower() == "la présidente"


def test_dash_dialogue_with_incise():
    """— C'est terminé pour le titre, lâche-t-il. Nous avons manqué trop d'occasions."""
    text = (
        "Après la défaite de Servette à Lugano (0-2), l'entraîneur genevois Marc Rochat ne "
        "cachait pas sa déception.\n\n"
        "— C'est terminé pour le titre, lâche-t-il. Nous avons manqué trop d'occasions.\n\n"
        "— Et l'avenir du groupe ?\n\n"
        "— Nous irons jusqu'au bout, répond-il. Les joueurs méritent mieux que cette saison."
    )
    got = _quotes(text)
    assert got == [
        (
            "C'est terminé pour le titre Nous avons manqué trop d'occasions.",
            "Marc Rochat",
            "direct",
        ),
        (
            "Nous irons jusqu'au bout Les joueurs méritent mieux que cette saison.",
            "Marc Rochat",
            "direct",
        ),
    ]


def test_dash_answers_of_an_introduced_interviewee():
    """Entretien avec la skieuse Léa Berthod. — Comment … ? — Avec beaucoup d'envie. …"""
    text = (
        "Entretien avec la skieuse valaisanne Léa Berthod, avant la première descente de la "
        "saison.\n\n"
        "— Comment abordez-vous la saison ?\n\n"
        "— Avec beaucoup d'envie. J'ai retrouvé mes sensations à l'entraînement.\n\n"
        "— Votre genou vous fait-il encore souffrir ?\n\n"
        "— Plus du tout. Je peux enfin skier sans y penser."
    )
    got = _quotes(text)
    assert [(t[:15], name) for t, name, _ in got] == [
        ("Avec beaucoup d", "Léa Berthod"),
        ("Plus du tout. J", "Léa Berthod"),
    ]


def test_headline_list_and_line_up_are_no_transcript():
    """France : le prix… / Bilan : … / — la création de… / Lyon : Lopes - Tagliafico…"""
    text = (
        "France : le prix du gaz augmentera de 4 % en juillet\n\n"
        "Bilan : douze communes touchées par les coupures.\n\n"
        "Le plan du gouvernement prévoit :\n"
        "— la création de deux cents postes de techniciens ;\n"
        "— une hausse du budget de l'entretien des réseaux.\n\n"
        "Lyon : Lopes - Tagliafico, Lovren, Boateng, Gusto.\n"
        "Nantes : Lafont - Castelletto, Girotto, Pallois."
    )
    assert _quotes(text) == []


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Question", "question"),
        ("Q", "question"),
        ("R.", "answer"),
        ("Réponse", "answer"),
        ("Mao Ning", "person"),
        ("M. Favre (PLR)", "person"),
        ("L'avocate de la défense", "person"),
        ("Reuters", "outlet"),
        ("Bilan des pluies", None),
        ("A", None),
        ("Le 12 mars", None),
    ],
)
def test_label_kinds(label: str, kind: str | None):
    """What a label says of who speaks, from its words alone."""
    assert label_kind(label) == kind


def test_a_list_after_an_interview_phrase_is_no_answer():
    """Lors d'un entretien avec le préfet X, les maires ont obtenu : — la réouverture … ;"""
    text = (
        "Lors d'un entretien avec le préfet de l'Isère, Louis Garnier, les maires de la vallée "
        "ont obtenu plusieurs engagements :\n"
        "— La réouverture de la route départementale avant la fin du mois.\n"
        "— Une aide de deux millions d'euros pour les commerces touchés."
    )
    assert _quotes(text) == []
