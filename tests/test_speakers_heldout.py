"""Held-out sentences for the speaker rules of ``attribute/``: written together with the
sentences of ``test_speakers.py`` but set aside while the rules were written, then run once to
check that each rule transfers to other wordings and news styles. Every sentence is invented.
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


def test_particle_surname_belgian_politics():
    """« … », a répliqué Mme De Bleeker (Belgian press, capitalised particle)."""
    text = (
        "Eva De Bleeker a présenté le budget fédéral à la Chambre. "
        "« Les comptes seront à l'équilibre en 2027 », a répliqué Mme De Bleeker."
    )
    assert _name(_quote(text, "équilibre")) == "Eva De Bleeker"


def test_hyphenated_arabic_particle_wire():
    """« … », a déclaré Nasser el-Mahdi (wire copy, hyphenated particle)."""
    text = "« Les négociations reprendront la semaine prochaine », a déclaré Nasser el-Mahdi."
    assert _name(_quote(text, "négociations")) == "Nasser el-Mahdi"


def test_initial_for_first_name_sport():
    """A surname with an initial, after the full name (sport)."""
    text = (
        "Le gardien Thibault Moret a été élu homme du match. "
        "« On a souffert mais on a tenu », a souri T. Moret."
    )
    assert _name(_quote(text, "souffert")) == "Thibault Moret"


def test_weekday_after_inverted_organisation_regional():
    """« … », a fait savoir la gendarmerie vendredi (regional daily)."""
    text = "« Les recherches reprendront à l'aube », a fait savoir la gendarmerie vendredi."
    q = _quote(text, "recherches")
    assert _name(q) is not None and "vendredi" not in _name(q)
    assert q.date == "2024-05-10"


def test_acronym_after_expansion_swiss():
    """L'Office fédéral de la santé publique (OFSP) … « … », indique l'OFSP."""
    text = (
        "L'Office fédéral de la santé publique (OFSP) a publié ses chiffres hebdomadaires. "
        "« La vague est derrière nous », indique l'OFSP."
    )
    assert _name(_quote(text, "vague")) == "Office fédéral de la santé publique"


def test_document_speaks_for_its_issuer_court():
    """Selon un communiqué de la Fédération française de cyclisme, « … » (sport)."""
    text = (
        "Selon un communiqué de la Fédération française de cyclisme, "
        "« aucun coureur n'a été contrôlé positif »."
    )
    assert _name(_quote(text, "coureur")) == "Fédération française de cyclisme"


def test_ministry_keeps_its_noun_quebec():
    """« … », a fait valoir le ministère de l'Éducation (Québec press)."""
    text = "« Les écoles rouvriront lundi », a assuré le ministère de l'Éducation du Québec."
    assert _name(_quote(text, "écoles")).startswith("ministère de l'Éducation")


def test_deadline_weekday_dates_nothing_regional():
    """« … jusqu'à jeudi. « … », a indiqué le préfet » (regional daily)."""
    text = (
        "L'alerte canicule est maintenue jusqu'à jeudi dans le département. "
        "« Les piscines resteront ouvertes tard », a indiqué le préfet Alain Roux."
    )
    assert _quote(text, "piscines").date == PUBLISHED


def test_ce_soir_dates_the_statement_sport():
    """« a confié ce soir » after a match played hier (sport)."""
    text = (
        "Le FC Sion s'est incliné hier face à Lugano. Son entraîneur Marco Bianchi a confié ce "
        "soir : « Nous devons nous remettre en question »."
    )
    assert _quote(text, "remettre").date == PUBLISHED


def test_conditional_weekday_is_a_plan_wire():
    """« Le vote pourrait avoir lieu mardi » then a quote (wire copy)."""
    text = (
        "Le vote pourrait avoir lieu mardi, selon des sources parlementaires. « Rien n'est "
        "décidé », a déclaré le président de l'Assemblée, Hugo Mercier."
    )
    assert _quote(text, "décidé").date == PUBLISHED


def test_pronoun_for_described_subject_court():
    """« La présidente du tribunal a rappelé les faits. « … », a-t-elle ajouté » (court)."""
    text = (
        "La présidente du tribunal a longuement rappelé les faits reprochés au prévenu. "
        "« La justice doit passer », a-t-elle ajouté."
    )
    q = _quote(text, "justice")
    assert _name(q) is not None and "présidente du tribunal" in _name(q).lower()


def test_pronoun_gender_skips_described_subject_swiss():
    """« elle » is not « le conseiller d'État » (Swiss press)."""
    text = (
        "Anne Favre, députée verte, a interpellé le gouvernement. Le conseiller d'État a "
        "répondu brièvement. « Nous attendons toujours des chiffres », a-t-elle insisté."
    )
    assert _name(_quote(text, "chiffres")) == "Anne Favre"


def test_same_role_noun_later_culture():
    """« la même metteuse en scène »… here « la même réalisatrice » (culture pages)."""
    text = (
        "La réalisatrice Léa Fontaine présentait son film à Locarno. Le public a applaudi "
        "longuement. « Je ne m'attendais pas à un tel accueil », a confié la même réalisatrice."
    )
    assert _name(_quote(text, "accueil")) == "Léa Fontaine"


def test_role_with_complement_before_name_economy():
    """« Le directeur de la banque cantonale Luc Perrin … « … », juge le directeur »."""
    text = (
        "Le directeur de la banque cantonale Luc Perrin a commenté les résultats annuels. "
        "« L'exercice est solide », juge le directeur."
    )
    assert _name(_quote(text, "exercice")) == "Luc Perrin"


def test_firm_before_the_name_regional():
    """« selon le gérant du camping de Carnac Yves Le Goff » (regional)."""
    text = "Selon le patron de la brasserie de Molsheim Hans Peter Kolb, « la saison est sauvée »."
    assert _name(_quote(text, "saison")) == "Hans Peter Kolb"


def test_head_of_government_named_another_way_belgium():
    """« le Premier ministre Alexander De Croo » … « le chef du gouvernement » (Belgian)."""
    text = (
        "Le Premier ministre Alexander De Croo a présenté l'accord budgétaire. « C'est un "
        "compromis équilibré », a estimé le chef du gouvernement."
    )
    assert _name(_quote(text, "compromis")) == "Alexander De Croo"


def test_pronoun_for_described_policeman_faits_divers():
    """« Le gendarme a arrêté le fuyard. « … », a-t-il raconté » (faits divers)."""
    text = (
        "Le gendarme a arrêté le fuyard après une course-poursuite. "
        "« Il roulait à plus de 180 km/h », a-t-il raconté."
    )
    q = _quote(text, "180")
    assert _name(q) is not None and _name(q).lower() == "le gendarme"


def test_elle_for_the_federation_sport():
    """« la fédération a suspendu le club. Elle a précisé que … » (sport)."""
    text = (
        "Le président du club Marc Olivier a fait appel. La fédération a suspendu le stade "
        "pour deux matchs. Elle a précisé que les supporters seraient interdits de déplacement."
    )
    assert _name(_quote(text, "supporters")) is not None
    assert _name(_quote(text, "supporters")) != "Marc Olivier"
