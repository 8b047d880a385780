"""Who said it: the article's cast and each mention's canonical speaker (``attribute/``).

One test per construction, every sentence invented in a news style (wire, regional, sport,
court, Swiss, Belgian, Québec press). ``test_speakers_heldout.py`` holds the sentences set
aside while the rules were written.
"""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr import Article, Quote

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PUBLISHED = "2024-05-15"  # a Wednesday


def _quote(text: str, fragment: str) -> Quote:
    quotes = [
        q for q in quoteattr.extract(Article(text=text, date=PUBLISHED)) if fragment in q.text
    ]
    assert len(quotes) == 1, text
    return quotes[0]


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


# --- names: particles, hyphenated parts, initials -----------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Marine Le Pen a tenu meeting à Perpignan. « Nous gagnerons », a affirmé Mme Le Pen.",
            "gagnerons",
            "Marine Le Pen",
        ),
        (
            "« Le calme est revenu », a déclaré Abd al-Rahman Chalabi, porte-parole du conseil.",
            "calme",
            "Abd al-Rahman Chalabi",
        ),
        (
            "Dominique de Villepin était l'invité de la radio. "
            "« Je ne serai pas candidat », a déclaré M. de Villepin.",
            "candidat",
            "Dominique de Villepin",
        ),
    ],
)
def test_name_keeps_its_particles(text, fragment, name):
    """« Le Pen », « al-Rahman », « de Villepin » are part of the name."""
    assert _name(_quote(text, fragment)) == name


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Valérie Dupuis, maire de Sarlat, a inauguré le pont samedi. "
            "« C'est un grand jour pour la ville », a lancé V. Dupuis.",
            "grand jour",
            "Valérie Dupuis",
        ),
        (
            "Jean-Pierre Rochat préside le club depuis 2019. "
            "« Le maintien est acquis », a affirmé J.-P. Rochat.",
            "maintien",
            "Jean-Pierre Rochat",
        ),
    ],
)
def test_initial_stands_for_the_first_name(text, fragment, name):
    """« V. Dupuis » after « Valérie Dupuis », « J.-P. Rochat » after « Jean-Pierre Rochat »."""
    assert _name(_quote(text, fragment)) == name


def test_initial_of_another_first_name_is_someone_else():
    """« M. Dupuis » is not « Valérie Dupuis » when the initial differs."""
    text = (
        "Valérie Dupuis, maire de Sarlat, a inauguré le pont samedi. "
        "« Le chantier a pris du retard », a regretté R. Dupuis, conseiller d'opposition."
    )
    assert _name(_quote(text, "chantier")) != "Valérie Dupuis"


# --- mention boundaries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "date"),
    [
        ("« Les comptes sont dans le rouge », précise l'Office jeudi.", "comptes", "2024-05-09"),
        (
            "« Aucune décision n'a été prise », a indiqué la préfecture samedi soir.",
            "décision",
            "2024-05-11",
        ),
    ],
)
def test_time_word_after_inverted_subject_is_no_name(text, fragment, date):
    """« précise l'Office jeudi »: the day dates the words and is no part of the speaker."""
    q = _quote(text, fragment)
    assert q.speaker is not None
    assert not {"jeudi", "samedi", "soir"} & set(q.speaker.name.lower().split())
    assert q.date == date


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "« La menace reste élevée », a prévenu le ministère de l'Intérieur.",
            "ministère de l'Intérieur",
        ),
        (
            "« La situation reste préoccupante », a estimé le ministère des Affaires étrangères.",
            "ministère des Affaires étrangères",
        ),
    ],
)
def test_ministry_named_with_its_department(text, name):
    """« le ministère de l'Intérieur », not « de l'Intérieur »."""
    assert _name(_quote(text, "reste")) == name


def test_name_apposed_after_a_place():
    """« l'ambassadeur de France au Mali, Jean Dupont : « … » »."""
    text = (
        "Le contingent restera, comme le précise l'ambassadeur de France au Mali, Jean Dupont : "
        "« Nous ne partirons pas avant l'été »."
    )
    assert _name(_quote(text, "partirons")) == "Jean Dupont"


# --- organisations and documents ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Le Bureau d'enquêtes et d'analyses (BEA) a publié son rapport. "
            "« L'équipage n'a pas réagi à l'alarme », indique le BEA.",
            "équipage",
            "Bureau d'enquêtes et d'analyses",
        ),
        (
            "Le Centre national d'études spatiales (CNES) prépare le lancement. "
            "« Tout est prêt », assure le CNES.",
            "prêt",
            "Centre national d'études spatiales",
        ),
    ],
)
def test_acronym_takes_its_expansion(text, fragment, name):
    """An acronym after the name it abbreviates, small words and elisions left out."""
    assert _name(_quote(text, fragment)) == name


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Selon le communiqué du ministère de la Défense, « deux soldats ont été blessés ».",
            "soldats",
            "ministère de la Défense",
        ),
        (
            "Selon un communiqué de la préfecture de police, « la manifestation n'est pas "
            "autorisée ».",
            "manifestation",
            "la préfecture de police",
        ),
    ],
)
def test_document_speaks_for_its_issuer(text, fragment, name):
    """« le communiqué du ministère de la Défense » is the ministry speaking."""
    assert _name(_quote(text, fragment)) == name


# --- dates: a relative date belongs to its own clause -------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "date"),
    [
        (
            # a plan's weekday (future tense) dates nothing said
            "L'avocate Sophie Marlin plaidera lundi. « Ma cliente est innocente », martèle "
            "Mme Marlin.",
            "innocente",
            PUBLISHED,
        ),
        (
            # « ce matin » is the day of publication, whatever « hier » said before
            "Le coureur Paul Vidal a entendu deux bangs hier après-midi. Il a annoncé ce matin "
            "son abandon : « Je ne peux pas continuer ».",
            "continuer",
            PUBLISHED,
        ),
        (
            # a date after « prévu pour » is a plan
            "Le match, prévu pour samedi dernier, a été reporté. « La pelouse était "
            "impraticable », a expliqué l'arbitre Paul Girard.",
            "pelouse",
            PUBLISHED,
        ),
        (
            "La Bourse devrait rouvrir vendredi. « Les dégâts sont considérables », a déclaré "
            "le maire Jean Brel.",
            "dégâts",
            PUBLISHED,
        ),
        (
            # the event's own weekday still dates the words said about it
            "Les agriculteurs ont bloqué l'autoroute lundi. « Nous ne lâcherons rien », a lancé "
            "leur porte-parole Marc Tissot.",
            "lâcherons",
            "2024-05-13",
        ),
    ],
)
def test_relative_date_belongs_to_its_clause(text, fragment, date):
    """Only a day something happened on dates the words that follow."""
    assert _quote(text, fragment).date == date


# --- pronouns -----------------------------------------------------------------------------


def test_pronoun_stands_for_a_described_subject():
    """« Le Premier ministre a défendu sa réforme. « … », a-t-il lancé. »"""
    text = (
        "Le Premier ministre a défendu sa réforme devant les députés. "
        "« Nous irons jusqu'au bout », a-t-il lancé."
    )
    q = _quote(text, "jusqu'au bout")
    assert _name(q) is not None and _name(q).lower() == "le premier ministre"


def test_pronoun_prefers_the_nearer_named_subject():
    """A description earlier, a named subject nearer: « il » is the named one."""
    text = (
        "Le maire a ouvert la séance du conseil municipal. Puis Karim Haddad, élu d'opposition, "
        "a pris la parole. « Ce budget est insincère », a-t-il dénoncé."
    )
    assert _name(_quote(text, "insincère")) == "Karim Haddad"


# --- role nouns and descriptions → the named holder ---------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Le chercheur Paul Lemaire a présenté ses travaux mardi. Les critiques n'ont pas "
            "tardé. « Nous avons tout vérifié », a répondu le même chercheur.",
            "vérifié",
            "Paul Lemaire",
        ),
        (
            "L'expert en cybersécurité Jean Martin a analysé l'attaque. "
            "« Les pirates étaient bien organisés », estime l'expert.",
            "pirates",
            "Jean Martin",
        ),
        (
            # named only later in the article
            "« Nous avons été surpris par l'ampleur du phénomène », reconnaît le directeur de "
            "l'hôpital. Joint par téléphone, Bernard Lenoir, directeur de l'hôpital depuis "
            "2015, a confirmé la fermeture du service.",
            "surpris",
            "Bernard Lenoir",
        ),
    ],
)
def test_role_noun_stands_for_its_named_holder(text, fragment, name):
    """« le même chercheur », « l'expert », « le directeur de l'hôpital » → the named one."""
    assert _name(_quote(text, fragment)) == name


def test_place_before_the_name_is_no_part_of_it():
    """« le nouveau directeur du site de Villefranche Marc Antoine Girod »."""
    text = (
        "Selon le nouveau directeur du site de Villefranche Marc Antoine Girod, "
        "« la production a doublé »."
    )
    assert _name(_quote(text, "production")) == "Marc Antoine Girod"


def test_a_three_word_name_after_de_keeps_its_first_name():
    """« la veuve de Jean Pierre Lambert » : « Jean » is a first name, not a place."""
    text = "Selon la veuve de Jean Pierre Lambert, « la production a doublé »."
    assert _name(_quote(text, "production")) == "Jean Pierre Lambert"


# --- media, offices -----------------------------------------------------------------------


def test_newspaper_title_keeps_its_participle():
    """« révèle le Canard enchaîné dans son édition de mercredi »."""
    text = "« Le gouvernement a menti », révèle le Canard enchaîné dans son édition de mercredi."
    assert _name(_quote(text, "menti")) == "Canard enchaîné"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "Le président François Hollande était à Nice. « Aucun Français ne doit être "
            "abandonné », a déclaré le président de la République.",
            "abandonné",
        ),
        (
            "Le président François Hollande a reçu les maires. Selon le chef de l'État, « les "
            "communes seront aidées ».",
            "communes",
        ),
    ],
)
def test_office_named_another_way(text, fragment):
    """« le président François Hollande » … « le président de la République »."""
    assert _name(_quote(text, fragment)) == "François Hollande"


def test_office_of_someone_else_is_not_the_named_one():
    """« le président du Sénat Gérard Larcher » is not « le président de la République »."""
    text = (
        "Le président du Sénat Gérard Larcher a reçu les maires. « Le Sénat sera vigilant », "
        "a déclaré le président de la République."
    )
    assert _name(_quote(text, "vigilant")) != "Gérard Larcher"


def test_elle_takes_the_feminine_body_just_before():
    """« … l'armée s'est octroyé le pouvoir. Elle a promis de … » (wire)."""
    text = (
        "Le Frère musulman Mohamed Morsi a gagné l'élection. Après la dissolution du "
        "parlement, l'armée s'est octroyé le pouvoir législatif. Elle a cependant promis de "
        "remettre le pouvoir au nouveau président avant le 30 juin."
    )
    assert _name(_quote(text, "remettre")) == "l'armée"


def test_bare_body_noun_is_not_any_organisation():
    """« l'armée » is not the party named last; « l'agence » is « l'agence Fitch »."""
    text = (
        "Le parti des Frères musulmans était majoritaire. L'armée a affirmé qu'elle "
        "rendrait le pouvoir."
    )
    assert _name(_quote(text, "rendrait")) != "Frères musulmans"


def test_hyphenated_country_cut_by_the_detector():
    """« Le Royaume-Uni avait menacé d'envahir … »: the whole name."""
    text = "Le Royaume-Uni a affirmé que l'ambassade serait respectée."
    assert _name(_quote(text, "ambassade")) == "Royaume-Uni"


# --- the article's cast: a description of the one named holder ------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            # Swiss science page: « scientifique » and « chercheur » name one trade
            "Le scientifique Alain Berset étudie les glaciers valaisans depuis trente ans. "
            "Selon le chercheur, la fonte s'accélère.",
            "fonte",
            "Alain Berset",
        ),
        (
            # culture: the holder named after the description
            "D'après l'écrivaine, le roman est né d'un rêve. La romancière Sophie Caron "
            "a confié qu'elle écrivait la nuit, chez elle, à Lyon.",
            "roman",
            "Sophie Caron",
        ),
    ],
)
def test_role_of_the_same_family_stands_for_its_holder(both_modes, text, fragment, name):
    """« le chercheur » after « le scientifique Alain Berset » (``data/role_families.txt``)."""
    assert _name(_quote(text, fragment)) == name


def test_role_of_two_holders_names_neither(both_modes):
    """Two researchers named: « le scientifique » is left as written."""
    text = (
        "Le chercheur Luc Bernier et le chercheur Marc Dion ont publié leur étude. "
        "Selon le scientifique, les résultats sont solides."
    )
    assert _name(_quote(text, "solides")) == "le scientifique"


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            # wire: the named speaker has another role
            "« Nous ne céderons pas », a déclaré Paul Girard, délégué syndical. "
            "« Les négociations sont closes », a répondu le directeur de l'usine.",
            "closes",
            "le directeur de l'usine",
        ),
        (
            # regional: the description's gender is not the named speaker's
            "« Nous irons jusqu'au bout », a affirmé Julie Morel. Le porte-parole du "
            "collectif a assuré que la mobilisation continuerait.",
            "mobilisation",
            "Le porte-parole du collectif",
        ),
    ],
)
def test_description_of_someone_else_stays_as_written(both_modes, text, fragment, name):
    """A role the speaker just named does not hold, or of another gender, is someone else."""
    assert _name(_quote(text, fragment)) == name


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            # Québec business news: « leur » goes back to the employees of the bank
            "Les employés de la Société générale ont débrayé samedi matin à Montréal. "
            "Selon leur direction, les discussions reprendront lundi.",
            "discussions",
            "Société générale",
        ),
        (
            # media: « le journal » for « le quotidien Le Monde »
            "Le quotidien Le Monde a été condamné pour diffamation. La direction du journal "
            "a annoncé qu'elle ferait appel.",
            "appel",
            "Le Monde",
        ),
        (
            # regional economy
            "Le groupe Danone a fermé son usine de Rouen. La direction de l'entreprise a "
            "assuré que les salariés seraient reclassés.",
            "reclassés",
            "Danone",
        ),
    ],
)
def test_management_speaks_for_its_body(both_modes, text, fragment, name):
    """« leur direction », « la direction du journal » → the organisation
    (``data/management_nouns.txt``)."""
    assert _name(_quote(text, fragment)) == name


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            # wire
            "Les rebelles ont attaqué la caserne parce que, selon eux, elle abritait des "
            "mercenaires étrangers.",
            "mercenaires",
            "Les rebelles",
        ),
        (
            # sport
            "Les supporters ont quitté le stade avant la fin. Le match était, disent-ils, "
            "une honte pour le club.",
            "honte",
            "Les supporters",
        ),
        (
            # Swiss regional
            "Les riverains ont manifesté samedi devant la mairie de Sion. Selon eux, le "
            "chantier dure depuis trop longtemps.",
            "chantier",
            "Les riverains",
        ),
    ],
)
def test_plural_pronoun_stands_for_a_plural_subject(both_modes, text, fragment, name):
    """« Les riverains ont manifesté. Selon eux, P »: a plural subject that can speak."""
    assert _name(_quote(text, fragment)) == name


def test_plural_subject_that_cannot_speak_is_no_source(both_modes):
    """« Les prix ont flambé. Selon eux, P »: prices say nothing."""
    text = "Les prix ont flambé cet hiver dans la région. Selon eux, la crise est passée."
    assert _name(_quote(text, "crise")) is None


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            # national social news
            "Le patronat a salué l'accord, mais la FGTB et la CSC estiment que les "
            "salariés ont été trahis.",
            "trahis",
            "FGTB et CSC",
        ),
        (
            # wire, an inverted incise
            "« Nous serons dans la rue jeudi », ont prévenu Sophie Binet et Simon Duteil.",
            "rue",
            "Sophie Binet et Simon Duteil",
        ),
    ],
)
def test_coordinated_sources_speak_as_one(both_modes, text, fragment, name):
    """« la FGTB et la CSC estiment que P »: one source, both names."""
    assert _name(_quote(text, fragment)) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "D'après The New York Times, le tournage reprendra en mars à Vancouver.",
            "The New York Times",
        ),
        ("D'après The Sunday Times, le ministre aurait menti au Parlement.", "The Sunday Times"),
    ],
)
def test_foreign_title_is_a_source(both_modes, text, name):
    """A title the tagger reads word by word (no noun in it) is still the source."""
    assert _name(quoteattr.extract(Article(text=text, date=PUBLISHED))[0]) == name
