"""One test per detection or attribution rule, each on a sentence of our own in a news style
other than the seeds (sport, regional, economy, culture, wire). The sentence is in the
docstring; the rule's reason is in the code it exercises."""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr import Article, Quote

PUBLISHED = "2024-05-15"  # a Wednesday

# Every rule in normal and in fast mode (which parses only what the triggers select).
pytestmark = pytest.mark.usefixtures("both_modes")


def _quotes(text: str, date: str | None = PUBLISHED) -> list[Quote]:
    quotes = quoteattr.extract(Article(text=text, date=date))
    for q in quotes:
        if q.parts:
            assert q.text == " ".join(text[p.start : p.end] for p in q.parts)
        else:
            assert q.text == text[q.start : q.end]
    return quotes


def _one(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def test_incise_with_any_verb_under_inverted_clitic():
    """Le club tiendra, tranche-t-elle, jusqu'à la dernière journée."""
    text = (
        "La présidente du club, Hélène Marchal, a reçu la presse lundi. "
        "Le club tiendra, tranche-t-elle, jusqu'à la dernière journée."
    )
    q = _one(_quotes(text), "Le club tiendra")
    assert q.type == "indirect"
    assert [p.text for p in q.parts] == ["Le club tiendra", "jusqu'à la dernière journée"]
    assert q.speaker is not None and q.speaker.name == "Hélène Marchal"


def test_source_de_l_avis_de():
    """De l'avis de l'économiste Claire Botton, la reprise sera lente."""
    q = _one(_quotes("De l'avis de l'économiste Claire Botton, la reprise sera lente."), "reprise")
    assert q.type == "indirect"
    assert q.text == "la reprise sera lente"
    assert q.speaker.name == "Claire Botton"


def test_source_document_of_a_named_body():
    """Selon une étude publiée par l'Ifop, les Français boudent les salles de cinéma."""
    text = "Selon une étude publiée par l'Ifop, les Français boudent les salles de cinéma."
    q = _one(_quotes(text), "boudent")
    assert q.text == "les Français boudent les salles de cinéma"
    assert q.speaker.name == "Ifop"


def test_source_after_a_closing_mark():
    """Les loyers ont encore grimpé, « surtout dans les petites villes » selon M. Lebrun."""
    text = "Les loyers ont encore grimpé, « surtout dans les petites villes » selon M. Lebrun."
    q = _one(_quotes(text), "loyers")
    assert q.type == "mixed"
    assert q.speaker.name == "Lebrun"


def test_sentence_initial_participle_on_a_non_reporting_verb():
    """Estimant que « la ligne est menacée », le maire Paul Ravel a voté contre le budget."""
    text = "Estimant que « la ligne est menacée », le maire Paul Ravel a voté contre le budget."
    q = _one(_quotes(text), "ligne est menacée")
    assert q.speaker.name == "Paul Ravel"


def test_relative_day_of_the_news_dates_later_quotes():
    """Des centaines de viticulteurs ont manifesté ce lundi à Bordeaux. « … », lance un élu."""
    text = (
        "Des centaines de viticulteurs ont manifesté ce lundi à Bordeaux. "
        "« Nous ne pouvons plus vivre de notre travail », lance Marc Dufour, vigneron."
    )
    q = _one(_quotes(text), "vivre de notre travail")
    assert q.date == "2024-05-13"
    assert q.date_basis == "relative"


def test_explicit_background_date_does_not_date_later_quotes():
    """Le 12 mars 2011, la digue a cédé. « … », explique l'ingénieure Anne Roy."""
    text = (
        "Le 12 mars 2011, la digue a cédé. "
        "« Les travaux de renforcement ne sont pas terminés », explique l'ingénieure Anne Roy."
    )
    q = _one(_quotes(text), "renforcement")
    assert q.date == PUBLISHED


def test_bare_name_after_the_verb_is_a_person():
    """« … », ajoute Karim, un supporter venu de Lens."""
    text = "« On reviendra la saison prochaine », ajoute Karim, un supporter venu de Lens."
    q = _one(_quotes(text), "reviendra")
    assert q.speaker is not None and q.speaker.kind == "person"


def test_speaking_noun_the_tagger_calls_an_adjective():
    """« … », affirme un jeune manifestant, Yanis Belkacem."""
    text = "« La réforme doit être retirée », affirme un jeune manifestant, Yanis Belkacem."
    q = _one(_quotes(text), "réforme")
    assert q.type == "direct"
    assert q.speaker.name == "Yanis Belkacem"


def test_name_before_an_apposition_without_comma():
    """« … », explique Ingrid Vasseur la directrice du festival."""
    text = "« Le public a répondu présent », explique Ingrid Vasseur la directrice du festival."
    q = _one(_quotes(text), "public")
    assert q.speaker.name == "Ingrid Vasseur"


def test_possessive_s_stays_in_an_organisation_name():
    """Standard & Poor's explique que la note reste sous surveillance."""
    text = "Moody's explique dans un communiqué que la note du pays reste sous surveillance."
    q = _one(_quotes(text), "surveillance")
    assert q.speaker.name == "Moody's"


def test_elle_stands_for_a_body_when_no_person_fits():
    """L'agence Fitch … Elle estime que la croissance restera faible."""
    text = (
        "L'agence Fitch a abaissé la note de la région. "
        "Elle estime que la croissance restera faible en 2025."
    )
    q = _one(_quotes(text), "croissance")
    assert q.speaker is not None and q.speaker.name == "Fitch"


@pytest.mark.parametrize(
    "follow",
    [
        "C'est la remarque de Léa Morin, guide de haute montagne.",
        "Le constat amer est du guide Léa Morin.",
    ],
)
def test_sentence_naming_who_said_the_one_before(follow):
    """Les glaciers reculent chaque été un peu plus. C'est la remarque de Léa Morin."""
    text = f"Les glaciers reculent chaque été un peu plus. {follow}"
    q = _one(_quotes(text), "glaciers")
    assert q.text == "Les glaciers reculent chaque été un peu plus"
    assert q.speaker.name == "Léa Morin"


def test_plain_narrative_before_c_est_is_no_quote():
    """La saison a commencé. C'est le cas chaque année."""
    assert _quotes("La saison a commencé en avril. C'est le cas chaque année.") == []


def test_judging_cue_object_holding_a_quoted_fragment():
    """La direction défend le plan, parlant d'un « effort collectif »."""
    text = "La direction de l'usine défend le plan social, parlant d'un « effort collectif »."
    q = _one(_quotes(text), "effort collectif")
    assert q.type == "mixed"
    assert q.text == "un « effort collectif »"


def test_relative_qui_subject_stands_for_the_noun_before():
    """… par la Fédération française de football qui déplore le « calendrier » imposé."""
    text = (
        "La décision a été critiquée par la Fédération française de football qui déplore le "
        "« calendrier » imposé aux clubs amateurs."
    )
    q = _one(_quotes(text), "calendrier")
    assert q.type == "mixed"
    assert q.speaker is not None and q.speaker.name.startswith("Fédération française")


def test_sentence_ends_after_a_spaced_closing_mark():
    """Pour Julie Hamon, « c'est historique ! » La maire se félicite que « … »."""
    text = (
        "Pour Julie Hamon, « c'est historique ! » La maire de Brest se félicite que "
        "« le tramway arrive enfin » dans les quartiers nord."
    )
    quotes = _quotes(text)
    assert _one(quotes, "historique").type == "direct"
    assert _one(quotes, "tramway").type == "mixed"


def test_pronoun_goes_to_a_new_subject_named_with_its_title():
    """« … », a expliqué l'entraîneur X. ¶ … le capitaine Laurent Abergel regrettait … « … »,
    a-t-il soupiré."""
    text = (
        "« On a montré du caractère », a expliqué l'entraîneur Antoine Kombouaré.\n\n"
        "Côté lorientais, le capitaine Laurent Abergel regrettait un manque de réalisme. "
        "« On a eu les occasions pour tuer le match », a-t-il soupiré."
    )
    q = _one(_quotes(text), "occasions")
    assert q.speaker.name == "Laurent Abergel"
    assert q.speaker.mention == "-il"


@pytest.mark.parametrize(
    "text",
    [
        "Rappelons que la ligne avait déjà fermé en 2019.",
        "À noter que le musée restera ouvert le lundi.",
        "Il est important de souligner que la saison n'est pas finie.",
    ],
)
def test_the_writer_speaking_is_no_quote(text):
    """« Rappelons que … », « À noter que … »: the narrator, not a source."""
    assert _quotes(text) == []


def test_participle_hangs_on_the_cue_that_reports():
    """La région soutient le projet, a-t-elle déclaré, ajoutant que … (soutenir takes an
    object here, so the participle's speaker is the one of « a-t-elle déclaré »)."""
    text = (
        "La présidente de région, Carole Delga, était à Sète mardi. La région soutient "
        "pleinement le port, a-t-elle déclaré, ajoutant que les quais seraient rénovés."
    )
    q = _one(_quotes(text), "quais")
    assert q.speaker.name == "Carole Delga"


def test_subject_named_before_an_apposition():
    """Joji Otaki, auteur de l'étude, précise que … → Joji Otaki, not « l'étude »."""
    text = "Léa Fontaine, autrice du rapport sur les haies, précise que les chiffres sont partiels."
    q = _one(_quotes(text), "chiffres")
    assert q.speaker.name == "Léa Fontaine"


def test_judging_cue_object_far_from_the_mark():
    """La direction a condamné les agressions contre les journalistes, « qui … »."""
    text = (
        "La direction de la chaîne a fermement condamné les agressions à répétition contre les "
        "reporters, « qui doivent pouvoir travailler librement »."
    )
    q = _one(_quotes(text), "travailler librement")
    assert q.type == "mixed"


def test_bare_description_of_a_body_is_the_body_named_before():
    """La direction de la SNCF a annoncé … Seul un train sur trois circulera, selon la
    compagnie."""
    text = (
        "Le trafic restera perturbé jusqu'à jeudi, a annoncé la direction de la SNCF. "
        "Seul un train sur trois circulera, selon la compagnie."
    )
    q = _one(_quotes(text), "train sur trois")
    assert q.speaker.name == "SNCF"
    assert q.speaker.mention == "la compagnie"


def test_gender_learnt_from_an_earlier_pronoun():
    """« … », explique Sophie Marchand. Pour elle, … ¶ Le ministre, Patrice Vergriete, … Il a
    jugé … : « il » is not the woman « elle » stood for."""
    text = (
        "« Nous voulons le respect des engagements », explique Sophie Marchand. "
        "Pour elle, la direction « joue la montre ».\n\n"
        "Le ministre des Transports, Patrice Vergriete, a rencontré les syndicats mardi. "
        "Il a jugé la grève « incompréhensible »."
    )
    quotes = _quotes(text)
    assert _one(quotes, "joue la montre").speaker.name == "Sophie Marchand"
    assert _one(quotes, "incompréhensible").speaker.name == "Patrice Vergriete"


def test_infinitive_cue_takes_the_governing_speaker():
    """« … », a-t-il regretté, avant d'ajouter que son équipe manquait « de maturité »."""
    text = (
        "L'entraîneur Gennaro Gattuso était déçu. « On doit tuer le match avant », a-t-il "
        "regretté, avant d'ajouter que son équipe manquait « de maturité »."
    )
    quotes = _quotes(text)
    assert _one(quotes, "tuer le match").type == "direct"
    q = _one(quotes, "maturité")
    assert q.type == "mixed"
    assert q.speaker.name == "Gennaro Gattuso"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Le maire, cité par Ouest-France, estime que le projet coûtera trop cher.", "Le maire"),
        ("Interrogé par Le Parisien, le joueur a confié qu'il pensait à la retraite.", "le joueur"),
    ],
)
def test_an_outlet_named_in_an_incidental_phrase_is_not_the_speaker(text, speaker):
    """« Le maire, cité par Ouest-France, estime que … »: the mayor speaks, not the paper."""
    (q,) = _quotes(text)
    assert q.speaker is not None and q.speaker.name == speaker


def test_pour_la_premiere_fois_is_no_source():
    """Pour la première fois, le club a annoncé qu'il jouerait en Europe."""
    (q,) = _quotes("Pour la première fois, le club a annoncé qu'il jouerait en Europe.")
    assert q.text == "il jouerait en Europe"
    assert q.speaker.name == "le club"


def test_organisation_names_keep_their_lower_case_words():
    """…, a annoncé mardi la Commission suisse d'observation des glaciers."""
    text = (
        "Les glaciers suisses ont perdu 4 % de leur volume cette année, a annoncé mardi la "
        "Commission suisse d'observation des glaciers."
    )
    (q,) = _quotes(text)
    assert q.speaker.name.startswith("Commission suisse d")


def test_role_from_an_apposition_drops_its_article():
    """Me Antoine Berthier, l'avocat de la défense, a plaidé … « … », a-t-il martelé."""
    text = (
        "Me Antoine Berthier, l'avocat de la défense, a plaidé l'acquittement. Son client "
        "« n'était pas sur les lieux », a-t-il martelé."
    )
    q = _one(_quotes(text), "sur les lieux")
    assert q.speaker.name == "Antoine Berthier"
    assert q.speaker.role == "avocat de la défense"


def test_description_matching_a_role_given_earlier():
    """« … », a prévenu Laurent Berger, secrétaire général de la CFDT. … Le secrétaire général
    de la CFDT a ajouté que … → Laurent Berger."""
    text = (
        "« Nous irons jusqu'au retrait », a prévenu Laurent Berger, secrétaire général de la "
        "CFDT. Le secrétaire général de la CFDT a ajouté que la mobilisation continuerait."
    )
    q = _one(_quotes(text), "mobilisation")
    assert q.speaker.name == "Laurent Berger"


def test_role_opening_with_an_adjective():
    """La Première ministre, Élisabeth Borne, a salué « un texte juste »."""
    text = "La Première ministre, Élisabeth Borne, a salué « un texte juste et nécessaire »."
    (q,) = _quotes(text)
    assert q.speaker.name == "Élisabeth Borne"
    assert q.speaker.role == "Première ministre"


def test_on_appris_aupres_de_names_the_source():
    """Une enquête a été ouverte, a-t-on appris auprès du parquet."""
    (q,) = _quotes("Une enquête a été ouverte pour homicide, a-t-on appris auprès du parquet.")
    assert q.text == "Une enquête a été ouverte pour homicide"
    assert q.speaker is not None and q.speaker.name == "parquet"


def test_definite_description_stands_for_the_subject_just_named():
    """La Française Caroline Garcia s'est qualifiée … « … », a déclaré la joueuse lyonnaise."""
    text = (
        "La Française Caroline Garcia s'est qualifiée mercredi en battant l'Américaine "
        "Jessica Pegula. « Je suis très fière de moi », a déclaré la joueuse lyonnaise."
    )
    q = _one(_quotes(text), "fière")
    assert q.speaker.name == "Caroline Garcia"
    assert q.speaker.mention == "la joueuse lyonnaise"


def test_definite_description_with_another_title_stays_unnamed():
    """Le président Marc Roux … « … », a ajouté le ministre. → not Marc Roux."""
    text = (
        "Le président du club, Marc Roux, a ouvert la séance. "
        "« Les comptes sont sains », a ajouté le ministre."
    )
    q = _one(_quotes(text), "comptes")
    assert q.speaker.name != "Marc Roux"


def test_paragraph_signed_with_a_dash_and_a_name():
    """J'ai couru sans me retourner. Je ne savais plus où aller. —Inès Bakri, témoin"""
    text = (
        "Une explosion a secoué le quartier mardi.\n\n"
        "J'ai couru sans me retourner. Je ne savais plus où aller. —Inès Bakri, témoin\n\n"
        "Les secours sont arrivés dix minutes plus tard."
    )
    q = _one(_quotes(text), "couru")
    assert q.type == "direct"
    assert q.text == "J'ai couru sans me retourner. Je ne savais plus où aller."
    assert q.speaker.name == "Inès Bakri"


def test_a_dash_before_a_paper_signs_no_quotation():
    """Le gouvernement prépare un nouveau budget pour l'automne prochain. — Le Monde"""
    text = "Le gouvernement prépare un nouveau budget pour l'automne prochain. — Le Monde"
    assert _quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le spectacle « Les Misérables » sera joué au Châtelet, a annoncé le théâtre.",
        "Les États-Unis pratiquent une politique dite « l'Amérique d'abord », a déploré le "
        "ministre Jean Roche.",
    ],
)
def test_a_quoted_name_does_not_make_reported_speech_mixed(text):
    """« Le spectacle « Les Misérables » sera joué …, a annoncé le théâtre. »: a title."""
    (q,) = _quotes(text)
    assert q.type == "indirect"


def test_acronym_takes_the_full_name_it_abbreviates():
    """Le Parti populaire … a exclu le député. Le PP a estimé que … → Parti populaire."""
    text = (
        "Le Parti populaire a exclu le député lundi. "
        "Le PP a estimé que sa décision était justifiée."
    )
    q = _one(_quotes(text), "justifiée")
    assert q.speaker.name == "Parti populaire"


def test_professional_title_is_no_part_of_a_name():
    """« … », a conclu le Professeur Nobutaka Miura. → Nobutaka Miura."""
    text = "« Le français recule partout », a conclu le Professeur Nobutaka Miura."
    (q,) = _quotes(text)
    assert q.speaker.name == "Nobutaka Miura"


def test_any_reporting_verb_may_carry_quoted_words_in_its_object():
    """Le directeur a reconnu mercredi une « situation très tendue »."""
    text = (
        "Le directeur de l'hôpital, Yves Le Bihan, a reconnu mercredi une « situation très "
        "tendue »."
    )
    (q,) = _quotes(text)
    assert q.type == "mixed"
    assert q.text == "une « situation très tendue »"
    assert q.speaker.name == "Yves Le Bihan"


def test_subject_in_apposition_before_a_comma_is_no_incise():
    """Le ministre, Patrice Vergriete, a appelé mardi les syndicats à « reprendre le dialogue »."""
    text = (
        "Le ministre des Transports, Patrice Vergriete, a appelé mardi les syndicats à "
        "« reprendre le dialogue »."
    )
    (q,) = _quotes(text)
    assert q.speaker.name == "Patrice Vergriete"


def test_multiword_cue_object_starts_after_the_cue():
    """Le dirigeant a mis en garde contre « un marché qui reste difficile »."""
    text = "Luca de Meo a mis en garde contre « un marché européen qui reste difficile »."
    (q,) = _quotes(text)
    assert q.text == "« un marché européen qui reste difficile »"


def test_plural_bodies_are_a_group():
    """Les syndicats dénoncent « un abandon de l'hôpital public »."""
    (q,) = _quotes("Les syndicats, eux, dénoncent « un abandon de l'hôpital public ».")
    assert q.speaker.kind == "group"


def test_a_pronoun_never_stands_for_a_name_inside_a_quotation():
    """« Jacques Morel fait son travail d'élu, je le respecte », explique-t-il."""
    text = (
        "Le maire de Pontivy, Paul Girard, a répondu jeudi aux critiques de l'opposition. "
        "« Jacques Morel fait son travail d'élu, je le respecte », explique-t-il."
    )
    q = _one(_quotes(text), "je le respecte")
    assert q.speaker is not None and q.speaker.name == "Paul Girard"


def test_head_noun_of_the_one_role_given_before_a_name():
    """Le quartier a été dessiné par l'architecte bordelaise Inès Morel. … « … », explique
    l'architecte. → Inès Morel, the one person the article titled « architecte »."""
    text = (
        "Le nouveau quartier a été dessiné par l'architecte bordelaise Inès Morel. "
        "« Nous voulions ouvrir la ville sur le fleuve », explique l'architecte."
    )
    q = _one(_quotes(text), "ouvrir la ville")
    assert q.speaker.name == "Inès Morel"


def test_head_noun_shared_by_two_roles_stays_a_description():
    """… l'entraîneur lyonnais Marc Vidal … l'entraîneur parisien Luc Roche … « … », dit
    l'entraîneur. → no name: two people hold that title."""
    text = (
        "L'entraîneur lyonnais Marc Vidal a salué le jeu de l'entraîneur parisien Luc Roche. "
        "« La victoire est méritée », a dit l'entraîneur."
    )
    q = _one(_quotes(text), "victoire est méritée")
    assert q.speaker.name not in {"Marc Vidal", "Luc Roche"}


def test_quoted_predicate_after_any_verb():
    """Le constructeur met « tout en œuvre, avec ses fournisseurs, pour livrer les commandes
    avant l'été » → mixed speech of the constructeur, the verb included."""
    text = (
        "Les usines de Sochaux tournent au ralenti depuis lundi. Le constructeur met « tout en "
        "œuvre, avec ses fournisseurs, pour livrer les commandes avant l'été »."
    )
    q = _one(_quotes(text), "livrer les commandes")
    assert q.type == "mixed"
    assert q.text.startswith("met « tout en œuvre")
    assert q.speaker.mention == "Le constructeur"


def test_short_quoted_predicate_is_a_scare_quote():
    """Les riverains vivent « dans la peur ». → no quotation: a short passage after a plain
    verb is the writer's scare quote, nobody's statement."""
    assert _quotes("Depuis l'incendie, les riverains vivent « dans la peur ».") == []


def test_quoted_name_after_a_plain_verb_is_no_quotation():
    """L'association organise « la grande braderie des enfants du quartier de la gare ». →
    no quotation: the passage is the verb's object, a name with no verb of its own."""
    text = "L'association organise « la grande braderie des enfants du quartier de la gare »."
    assert _quotes(text) == []


def test_quoted_predicate_of_a_subject_that_cannot_speak():
    """La pluie rend « les routes de montagne très glissantes jusqu'à la fin de la
    semaine ». → no quotation: the rain says nothing."""
    text = "La pluie rend « les routes de montagne très glissantes jusqu'à la fin de la semaine »."
    assert _quotes(text) == []


def test_sentence_between_two_quotations_of_one_speaker():
    """Selon l'entraîneur Paul Girard, l'équipe a manqué de rythme. Elle reste sur trois
    victoires. La défense, insiste-t-il, a été solide. → the middle sentence is his too."""
    text = (
        "Selon l'entraîneur Paul Girard, l'équipe a manqué de rythme en seconde période. "
        "Elle reste toutefois sur trois victoires consécutives. "
        "La défense, insiste-t-il, a été solide jusqu'au bout."
    )
    q = _one(_quotes(text), "trois victoires")
    assert q.type == "indirect"
    assert q.text == "Elle reste toutefois sur trois victoires consécutives"
    assert q.speaker.name == "Paul Girard"


def test_sentence_between_quotations_of_two_speakers_is_narrative():
    """Selon le maire, … . La préfète Anne Roux a visité le chantier mardi. La rue, précise-
    t-elle, … → the middle sentence brings a new person on stage: narrative, no quotation."""
    text = (
        "Selon le maire Paul Girard, les travaux dureront trois mois. "
        "La préfète Anne Roux a visité le chantier mardi matin. "
        "La rue, précise-t-elle, restera ouverte aux riverains."
    )
    assert [q for q in _quotes(text) if "chantier" in q.text] == []


def test_sentence_between_quotations_when_the_pronoun_is_someone_else():
    """Selon Mme Claire Morin, … . L'audience a été suspendue à midi. Le dossier reste solide,
    a-t-il estimé. → « il » is not Mme Morin: the middle sentence is nobody's words."""
    text = (
        "Selon Mme Claire Morin, son client n'a jamais quitté le domicile ce soir-là. "
        "L'audience a été suspendue pendant une heure à midi. "
        "Le dossier reste solide, a-t-il estimé."
    )
    assert [q for q in _quotes(text) if "audience" in q.text] == []


def test_speech_noun_held_by_pour_x_before_a_colon():
    """Le message est clair pour les syndicats de cheminots : la grève continuera. → the
    unions' view, after the colon."""
    text = (
        "Le message, après trois semaines de conflit, est clair pour les syndicats de "
        "cheminots : la grève continuera jusqu'au retrait du projet."
    )
    q = _one(_quotes(text), "la grève continuera")
    assert q.type == "indirect"
    assert q.text == "la grève continuera jusqu'au retrait du projet"
    assert q.speaker.name == "les syndicats de cheminots"


def test_speech_noun_pour_something_that_cannot_speak():
    """Le constat vaut pour l'ensemble du territoire : les prix ont grimpé. → nobody holds
    the view: narrative."""
    text = "Le constat vaut pour l'ensemble du territoire : les loyers ont grimpé de 8 %."
    assert _quotes(text) == []


def test_speech_noun_with_a_verb_of_its_own_before_pour():
    """Le verdict est tombé pour l'accusé : dix ans de prison ferme. → « tomber » is what
    the verdict did, and nobody states anything after the colon."""
    assert _quotes("Le verdict est tombé pour l'accusé : dix ans de prison ferme.") == []


def test_comma_between_a_long_subject_and_its_verb():
    """La présidente de l'association les Amis du Vieux Lyon, regrette que … → the
    présidente speaks, not the association named inside her description."""
    text = (
        "La présidente de l'association les Amis du Vieux Lyon, regrette que la mairie ait "
        "autorisé le projet."
    )
    q = _one(_quotes(text), "la mairie ait autorisé")
    assert q.speaker.mention == "La présidente de l'association les Amis du Vieux Lyon"
    assert q.speaker.kind == "unnamed"


def test_date_of_one_speakers_statement_does_not_date_another_speakers():
    """Le tribunal a condamné mardi Paul Girard. Lors de sa garde à vue du 12 mars, il a
    affirmé que P. Il a ajouté que Q. Le parquet a estimé que R. → P and Q on 12 March, R on
    the Tuesday of the news: the 12 March was Paul Girard's occasion, not the parquet's."""
    text = (
        "Le tribunal correctionnel a condamné mardi l'ancien maire Paul Girard à deux ans de "
        "prison. Lors de sa garde à vue du 12 mars, il a affirmé que les fonds avaient servi "
        "à la commune. Il a ajouté qu'il n'avait jamais touché un euro. "
        "Le parquet a estimé que la peine était trop légère."
    )
    quotes = _quotes(text)
    assert _one(quotes, "les fonds").date == "2024-03-12"
    assert _one(quotes, "jamais touché").date == "2024-03-12"
    assert _one(quotes, "trop légère").date == "2024-05-14"


def test_bare_fact_between_two_quotations_is_the_writers():
    """Selon l'avocat, l'enquête a été bâclée. Le corps a été retrouvé le 3 mars dans la
    Seine. Les expertises, affirme-t-il, ont été ignorées. → the middle sentence carries no
    argument on (no « aussi », « toutefois »…): background, no quotation."""
    text = (
        "Selon l'avocat de la famille, Me Paul Roux, l'enquête a été bâclée. Le corps a été "
        "retrouvé le 3 mars dans la Seine. Les expertises, affirme-t-il, ont été ignorées."
    )
    assert [q for q in _quotes(text) if "corps" in q.text] == []


def test_elided_connector_carries_the_argument_on():
    """D'après la directrice, Mme Anne Roux, le musée attire un public plus jeune. Il reste
    d'ailleurs ouvert le soir. Les recettes, souligne-t-elle, ont doublé. → « d'ailleurs »
    written with its apostrophe still marks the middle sentence as hers."""
    text = (
        "D'après la directrice, Mme Anne Roux, le musée attire un public plus jeune. Il reste "
        "d'ailleurs ouvert le soir jusqu'à 22 heures. Les recettes, souligne-t-elle, ont doublé."
    )
    q = _one(_quotes(text), "ouvert le soir")
    assert q.speaker.name == "Anne Roux"
