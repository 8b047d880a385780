"""Specification of the French reported-speech constructions quoteattr must handle.

One test per construction, the French text in its docstring. Every sentence is invented
(wire, regional daily, sport, interview, culture and economy styles), never taken from the
fixtures or the eval sets. A test marked ``xfail(strict=True)`` states a construction the
core does not handle yet; it turns into a failure as soon as the core gets it right, so the
mark must then be removed.
"""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr import Article, Quote

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.usefixtures("both_modes"),  # every construction in normal and fast mode
]

#: A Wednesday, so that weekday words resolve to a known day.
PUBLISHED = "2024-05-15"


def _extract(text: str, date: str | None = PUBLISHED) -> tuple[Article, list[Quote]]:
    """Article and its quotes, every quote checked to point into the text."""
    article = Article(text=text, date=date)
    quotes = quoteattr.extract(article)
    for q in quotes:
        if len(q.parts) > 1:
            for p in q.parts:
                assert text[p.start : p.end] == p.text
            assert q.text == " ".join(p.text for p in q.parts)
        else:
            assert text[q.start : q.end] == q.text, (q.text, text[q.start : q.end])
    return article, quotes


def _find(quotes: list[Quote], fragment: str) -> Quote:
    """The one quote whose text contains ``fragment``."""
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [(q.text, q.type) for q in quotes]
    return found[0]


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def _texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes]


# --- Direct speech -----------------------------------------------------------------------


def test_direct_incise_after_with_civility():
    """« Nous avons manqué de réalisme devant le but », a affirmé M. Garnier."""
    text = (
        "Didier Garnier, l'entraîneur de l'AS Vernon, n'a pas caché sa déception. "
        "« Nous avons manqué de réalisme devant le but », a affirmé M. Garnier."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "réalisme")
    assert q.type == "direct"
    assert q.text == "Nous avons manqué de réalisme devant le but"
    assert _name(q) == "Didier Garnier"
    assert q.cue is not None and q.cue.lemma == "affirmer"


def test_direct_incise_inverted_pronoun():
    """« Le public nous a portés jusqu'au bout », a-t-il ajouté. (he = the coach named before)"""
    text = (
        "Le capitaine Karim Benali a savouré la qualification. "
        "« Le public nous a portés jusqu'au bout », a-t-il ajouté."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "public")
    assert q.type == "direct"
    assert q.text == "Le public nous a portés jusqu'au bout"
    assert _name(q) == "Karim Benali"
    assert q.cue is not None and q.cue.lemma == "ajouter"


def test_direct_speaker_after_verb_with_long_apposition():
    """« … », a déclaré lundi à Lyon Hélène Marchetti, présidente de la métropole et ancienne…"""
    text = (
        "« Le tramway desservira l'est de l'agglomération dès 2027 », a déclaré lundi à Lyon "
        "Hélène Marchetti, présidente de la métropole et ancienne maire de Villeurbanne."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "tramway")
    assert q.type == "direct"
    assert q.text == "Le tramway desservira l'est de l'agglomération dès 2027"
    assert _name(q) == "Hélène Marchetti"
    assert q.speaker.role and "présidente de la métropole" in q.speaker.role


def test_direct_colon_after_verb():
    """Il a déclaré : « La saison sera longue et difficile. »"""
    text = (
        "Le nouvel entraîneur du Stade brestois, Patrice Lemoine, s'est présenté à la presse. "
        "Il a déclaré : « La saison sera longue et difficile. »"
    )
    _, quotes = _extract(text)
    q = _find(quotes, "saison")
    assert q.type == "direct"
    assert q.text.startswith("La saison sera longue et difficile")
    assert _name(q) == "Patrice Lemoine"


def test_direct_colon_without_verb():
    """Jeanne Ferrand : « Je n'ai jamais voulu quitter la scène. »"""
    text = (
        "La chanteuse revient à l'Olympia après dix ans d'absence.\n\n"
        "Jeanne Ferrand : « Je n'ai jamais voulu quitter la scène. »"
    )
    _, quotes = _extract(text)
    q = _find(quotes, "scène")
    assert q.type == "direct"
    assert q.text.startswith("Je n'ai jamais voulu quitter la scène")
    assert _name(q) == "Jeanne Ferrand"


def test_direct_dash_attribution():
    """« Le rugby, c'est d'abord une école de la vie. » — Laurent Peyrac"""
    text = "« Le rugby, c'est d'abord une école de la vie. » — Laurent Peyrac"
    _, quotes = _extract(text)
    q = _find(quotes, "école de la vie")
    assert q.type == "direct"
    assert _name(q) == "Laurent Peyrac"


def test_direct_incise_inside_quote_gives_two_parts():
    """« Ce budget, a-t-elle dit, ne suffira pas à rénover les écoles. »"""
    text = (
        "L'adjointe aux finances, Sophie Carrel, a présenté le budget primitif. "
        "« Ce budget, a-t-elle dit, ne suffira pas à rénover les écoles. »"
    )
    _, quotes = _extract(text)
    q = _find(quotes, "budget")
    assert q.type == "direct"
    # the final full stop may stay with the piece; the incise and its commas may not
    assert [p.text.rstrip(".") for p in q.parts] == [
        "Ce budget",
        "ne suffira pas à rénover les écoles",
    ]
    assert "a-t-elle dit" not in q.text
    assert _name(q) == "Sophie Carrel"


def test_direct_several_sentences_one_attribution():
    """« Nous avons perdu. Mais nous reviendrons plus forts. Croyez-moi. », a lancé M. Olivier."""
    text = (
        "« Nous avons perdu. Mais nous reviendrons plus forts. Croyez-moi. », "
        "a lancé Thierry Olivier, sélectionneur de l'équipe de France de handball."
    )
    _, quotes = _extract(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.type == "direct"
    assert q.text.startswith("Nous avons perdu.") and "Croyez-moi" in q.text
    assert _name(q) == "Thierry Olivier"


def test_direct_multi_paragraph_reopening_mark():
    """Paragraph 1 opens « without closing; paragraph 2 reopens « and closes ». One speaker."""
    text = (
        "Interrogé par notre journal, le maire de Quimperlé, Yannick Le Goff, a été clair :\n\n"
        "« Nous ne fermerons pas la maternité. Les familles du pays ont besoin d'elle.\n\n"
        "« L'Agence régionale de santé devra nous entendre. »"
    )
    _, quotes = _extract(text)
    assert quotes, "no quote found"
    assert all(_name(q) == "Yannick Le Goff" for q in quotes)
    joined = " ".join(_texts(quotes))
    assert "maternité" in joined and "Agence régionale de santé" in joined
    assert all(q.type == "direct" for q in quotes)


def test_direct_paragraph_speaker_in_previous_sentence():
    """A whole-quote paragraph whose speaker is named in the paragraph before."""
    text = (
        "Martine Vasseur, directrice du festival, dresse un bilan enthousiaste de l'édition.\n\n"
        "« Nous avons accueilli quarante mille spectateurs en quatre jours. »"
    )
    _, quotes = _extract(text)
    q = _find(quotes, "quarante mille")
    assert q.type == "direct"
    assert _name(q) == "Martine Vasseur"


def test_direct_paragraph_speaker_in_next_sentence():
    """« Personne ne s'attendait à une telle affluence. » C'est ce qu'explique Paul Mercier, …"""
    text = (
        "« Personne ne s'attendait à une telle affluence. »\n\n"
        "C'est en ces termes que Paul Mercier, le directeur du salon, résume la journée."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "affluence")
    assert q.type == "direct"
    assert _name(q) == "Paul Mercier"


@pytest.mark.parametrize(
    "open_mark, close_mark",
    [
        ("«\u00a0", "\u00a0»"),
        ("«\u202f", "\u202f»"),
        ("«", "»"),
        ("“", "”"),
        ('"', '"'),
    ],
    ids=["nbsp", "narrow-nbsp", "no-space", "english-curly", "straight"],
)
def test_direct_quotation_mark_variants(open_mark, close_mark):
    """«\u00a0Les prix de l'énergie vont baisser cet hiver\u00a0», a assuré Claire Bonnard."""
    text = (
        f"{open_mark}Les prix de l'énergie vont baisser cet hiver{close_mark}, "
        "a assuré Claire Bonnard, économiste chez Natixis."
    )
    _, quotes = _extract(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.type == "direct"
    assert q.text == "Les prix de l'énergie vont baisser cet hiver"
    assert _name(q) == "Claire Bonnard"


def test_direct_nested_quotes_are_one_quote():
    """« Les joueurs m'ont dit « on n'en peut plus », et je les comprends », a confié M. Rival."""
    text = (
        "« Les joueurs m'ont dit « on n'en peut plus », et je les comprends », "
        "a confié Serge Rival, l'entraîneur du FC Annecy."
    )
    _, quotes = _extract(text)
    assert len(quotes) == 1, _texts(quotes)
    q = quotes[0]
    assert q.type == "direct"
    assert q.text == "Les joueurs m'ont dit « on n'en peut plus », et je les comprends"
    assert _name(q) == "Serge Rival"


def test_direct_unbalanced_mark_does_not_swallow_article():
    """« Nous irons jusqu'au bout, a promis Mme Laurent. (no closing mark) then narrative."""
    narrative = (
        "La préfecture a annoncé de son côté la fermeture de la route départementale. "
        "Les travaux doivent durer trois semaines. Une déviation est prévue par Lannion. "
    ) * 5
    text = (
        "« Nous irons jusqu'au bout de cette grève, a promis Nathalie Laurent, syndicaliste.\n\n"
        + narrative
    )
    _, quotes = _extract(text)
    for q in quotes:
        assert "déviation" not in q.text and "préfecture" not in q.text


def test_direct_unbalanced_mark_later_quotes_still_found():
    """« Nous irons jusqu'au bout, a promis X, syndicaliste. (unclosed) … « Le dialogue… », a…"""
    text = (
        "« Nous irons jusqu'au bout de cette grève, a promis Nathalie Laurent, syndicaliste.\n\n"
        "La préfecture a annoncé la fermeture de la route. Les travaux dureront trois semaines.\n\n"
        "« Le dialogue reste ouvert », a assuré le préfet, Michel Dorval."
    )
    _, quotes = _extract(text)
    for q in quotes:
        # the apposition after the speaker is narrative, never quoted words
        assert "syndicaliste" not in q.text, q.text
    q = _find(quotes, "dialogue")
    assert q.text == "Le dialogue reste ouvert"
    assert _name(q) == "Michel Dorval"


def test_direct_present_tense_incise_with_role():
    """« J'écris pour ceux qui ne lisent pas », raconte la romancière Anne Dulac, dont…"""
    text = (
        "« J'écris pour ceux qui ne lisent pas », raconte la romancière Anne Dulac, "
        "dont le troisième livre sort jeudi."
    )
    _, quotes = _extract(text)
    assert len(quotes) == 1, _texts(quotes)
    q = quotes[0]
    assert q.type == "direct"
    assert q.text == "J'écris pour ceux qui ne lisent pas"
    assert _name(q) == "Anne Dulac"
    assert q.speaker.role == "romancière"
    assert q.speaker.gender == "f"


def test_direct_next_sentence_quote_keeps_speaker():
    """« C'est un match référence », s'est réjoui X, après la victoire. « On a été solides. »"""
    text = (
        "« C'est un match référence », s'est réjoui Tom Lenoir, l'entraîneur de Caen, après la "
        "victoire 3-0 contre Rodez. « On a été solides du début à la fin. »"
    )
    _, quotes = _extract(text)
    assert _texts(quotes) == [
        "C'est un match référence",
        "On a été solides du début à la fin.",
    ]
    assert [_name(q) for q in quotes] == ["Tom Lenoir", "Tom Lenoir"]
    assert quotes[0].cue is not None and quotes[0].cue.lemma == "réjouir"


# --- Indirect speech ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "verb, lemma",
    [("a affirmé", "affirmer"), ("a souligné", "souligner"), ("a estimé", "estimer")],
)
def test_indirect_que_clause(verb, lemma):
    """Le ministre de l'Économie, Bruno Lefort, a affirmé que la croissance atteindrait 1,2 %."""
    text = (
        f"Le ministre de l'Économie, Bruno Lefort, {verb} que la croissance atteindrait "
        "1,2 % cette année."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "croissance")
    assert q.type == "indirect"
    assert q.text.startswith("la croissance atteindrait 1,2 % cette année")
    assert _name(q) == "Bruno Lefort"
    assert q.cue is not None and q.cue.lemma == lemma


def test_indirect_qu_elided():
    """La directrice, Agnès Morel, a précisé qu'aucun poste ne serait supprimé."""
    text = "La directrice de l'usine, Agnès Morel, a précisé qu'aucun poste ne serait supprimé."
    _, quotes = _extract(text)
    q = _find(quotes, "aucun poste")
    assert q.type == "indirect"
    assert q.text.startswith("aucun poste ne serait supprimé")
    assert _name(q) == "Agnès Morel"


def test_indirect_negated_cue():
    """L'avocat, Me Henri Dubreuil, n'a pas nié que son client était présent ce soir-là."""
    text = (
        "L'avocat de la défense, Henri Dubreuil, n'a pas nié que son client était présent "
        "sur les lieux ce soir-là."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "son client")
    assert q.type == "indirect"
    assert q.text.startswith("son client était présent")
    assert _name(q) == "Henri Dubreuil"


def test_indirect_compound_tense_pluperfect():
    """Le maire, Jacques Perrin, avait assuré que les travaux seraient terminés en juin."""
    text = (
        "Le maire de Dinan, Jacques Perrin, avait assuré que les travaux seraient terminés "
        "avant le mois de juin."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "travaux")
    assert q.type == "indirect"
    assert _name(q) == "Jacques Perrin"


def test_indirect_pronominal_cue():
    """La présidente du club, Lucie Fabre, s'est félicitée que le stade soit plein."""
    text = (
        "La présidente du club, Lucie Fabre, s'est félicitée que le stade soit plein "
        "pour chaque match à domicile."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "stade")
    assert q.type == "indirect"
    assert q.text.startswith("le stade soit plein")
    assert _name(q) == "Lucie Fabre"


def test_indirect_multiword_cue():
    """Le syndicat a fait valoir que les salaires n'avaient pas suivi l'inflation."""
    text = (
        "Le secrétaire général de Force ouvrière, Marc Delorme, a fait valoir que les salaires "
        "n'avaient pas suivi l'inflation."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "salaires")
    assert q.type == "indirect"
    assert q.text.startswith("les salaires n'avaient pas suivi l'inflation")
    assert _name(q) == "Marc Delorme"


def test_indirect_incise_without_marks_at_end():
    """La région sera prête à accueillir les Jeux, a-t-elle dit."""
    text = (
        "La présidente de la région, Valérie Chassaing, a visité le chantier du village olympique. "
        "La région sera prête à accueillir les épreuves de voile, a-t-elle dit."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "épreuves de voile")
    assert q.type == "indirect"
    assert q.text == "La région sera prête à accueillir les épreuves de voile"
    assert _name(q) == "Valérie Chassaing"


def test_indirect_incise_then_participle_gives_two_quotes():
    """Le marché reste fragile, a indiqué M. Besson, ajoutant que les taux devraient baisser."""
    text = (
        "Le marché immobilier reste fragile, a indiqué l'économiste Arnaud Besson, ajoutant que "
        "les taux devraient baisser à l'automne."
    )
    _, quotes = _extract(text)
    q1 = _find(quotes, "marché immobilier")
    q2 = _find(quotes, "taux")
    assert q1.type == q2.type == "indirect"
    assert q1.text == "Le marché immobilier reste fragile"
    assert q2.text.startswith("les taux devraient baisser")
    assert _name(q1) == _name(q2) == "Arnaud Besson"


def test_indirect_discontinuous_incise_two_parts():
    """La commune, a insisté M. Roussel, ne vendra pas le terrain au promoteur."""
    text = (
        "Le maire, Étienne Roussel, a répondu aux opposants. "
        "La commune, a insisté M. Roussel, ne vendra pas le terrain au promoteur."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "terrain")
    assert q.type == "indirect"
    assert [p.text for p in q.parts] == ["La commune", "ne vendra pas le terrain au promoteur"]
    assert q.text == "La commune ne vendra pas le terrain au promoteur"
    assert _name(q) == "Étienne Roussel"


def test_indirect_participial_cue_then_main_cue_two_quotes():
    """Rappelant que le club avait été relégué, M. Mallet a indiqué qu'il visait la montée."""
    text = (
        "Rappelant que le club avait été relégué deux fois en trois ans, le président Gilles "
        "Mallet a indiqué que l'objectif restait la remontée immédiate."
    )
    _, quotes = _extract(text)
    q1 = _find(quotes, "relégué")
    q2 = _find(quotes, "remontée")
    assert q1.type == q2.type == "indirect"
    assert q1.text.startswith("le club avait été relégué")
    assert _name(q1) == _name(q2) == "Gilles Mallet"


def test_indirect_selon_first():
    """Selon Camille Arnoux, analyste chez Oddo, le prix du cuivre devrait encore grimper."""
    text = (
        "Selon Camille Arnoux, analyste chez Oddo, le prix du cuivre devrait encore grimper "
        "d'ici à la fin de l'année."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "cuivre")
    assert q.type == "indirect"
    assert q.text.startswith("le prix du cuivre devrait encore grimper")
    assert _name(q) == "Camille Arnoux"
    assert q.cue is not None and q.cue.lemma == "selon"


def test_indirect_selon_last():
    """Le festival a attiré un public plus jeune, selon son directeur, Hugo Blanc."""
    text = (
        "Le festival a attiré un public plus jeune que l'an passé, selon son directeur, Hugo Blanc."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "public plus jeune")
    assert q.type == "indirect"
    assert q.text == "Le festival a attiré un public plus jeune que l'an passé"
    assert _name(q) == "Hugo Blanc"


def test_indirect_d_apres():
    """D'après la CGT, la grève est suivie par 40 % des cheminots."""
    text = "D'après la CGT, la grève est suivie par 40 % des cheminots de la région."
    _, quotes = _extract(text)
    q = _find(quotes, "grève")
    assert q.type == "indirect"
    assert q.text.startswith("la grève est suivie par 40 %")
    assert _name(q) == "CGT"
    assert q.speaker.kind == "organisation"


def test_indirect_pour_x():
    """Pour Romain Dussart, élu écologiste, ce projet de rocade est une erreur."""
    text = "Pour Romain Dussart, élu écologiste, ce projet de rocade est une erreur historique."
    _, quotes = _extract(text)
    q = _find(quotes, "rocade")
    assert q.type == "indirect"
    assert q.text.startswith("ce projet de rocade est une erreur")
    assert _name(q) == "Romain Dussart"


@pytest.mark.parametrize(
    "text",
    [
        "Selon les chiffres de l'Insee, le chômage a reculé de 0,3 point au premier trimestre.",
        "Selon un sondage Ifop publié dimanche, 62 % des Français approuvent la réforme.",
        "Pour la première fois depuis 1998, le club disputera une finale européenne.",
    ],
    ids=["selon-chiffres", "selon-sondage", "pour-la-premiere-fois"],
)
def test_not_a_speaker_selon_or_pour(text):
    """Selon les chiffres / selon un sondage / Pour la première fois: no person's view."""
    _, quotes = _extract(text)
    if "première fois" in text:
        assert quotes == []
    else:
        # a survey or statistics may be reported, but never as a person speaking
        for q in quotes:
            assert q.speaker is None or q.speaker.kind != "person"


def test_indirect_infinitive_clause():
    """La joggeuse, Léa Martin, a déclaré avoir été agressée par deux hommes."""
    text = (
        "Une joggeuse de 24 ans, Léa Martin, a déclaré avoir été agressée par deux hommes "
        "près du canal."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "agressée")
    assert q.type == "indirect"
    assert q.text.startswith("avoir été agressée")
    assert _name(q) == "Léa Martin"


def test_indirect_pronominal_cue_with_adjective():
    """Le chef étoilé Luc Varenne s'est dit convaincu que la gastronomie devait se réinventer."""
    text = (
        "Le chef étoilé Luc Varenne s'est dit convaincu que la gastronomie française devait "
        "se réinventer."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "gastronomie")
    assert q.type == "indirect"
    assert q.text.startswith("la gastronomie française devait se réinventer")
    assert _name(q) == "Luc Varenne"


def test_indirect_incise_weekday_and_role_before_name():
    """Le groupe prévoit de fermer deux usines en 2025, a annoncé mardi son PDG, Karine Lemaire."""
    text = (
        "Le groupe prévoit de fermer deux usines en 2025, a annoncé mardi son PDG, Karine Lemaire."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "usines")
    assert q.type == "indirect"
    assert q.text == "Le groupe prévoit de fermer deux usines en 2025"
    assert _name(q) == "Karine Lemaire"
    assert q.date == "2024-05-14"


def test_indirect_selon_pronoun():
    """La sénatrice Claire Daumas s'oppose au texte. Selon elle, la réforme affaiblira …"""
    text = (
        "La sénatrice Claire Daumas s'oppose au texte. Selon elle, la réforme affaiblira les "
        "communes rurales."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "réforme")
    assert q.type == "indirect"
    assert q.text == "la réforme affaiblira les communes rurales"
    assert _name(q) == "Claire Daumas"


def test_indirect_selon_role_then_name():
    """Selon le ministre de l'Intérieur, Paul Girard, les effectifs de police seront renforcés."""
    text = (
        "Selon le ministre de l'Intérieur, Paul Girard, les effectifs de police seront "
        "renforcés cet été."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "effectifs")
    assert q.type == "indirect"
    assert q.text == "les effectifs de police seront renforcés cet été"
    assert _name(q) == "Paul Girard"
    assert q.speaker.kind == "person"


# --- Mixed -------------------------------------------------------------------------------


def test_mixed_qualified_fragment():
    """Le préfet, Alain Simonet, a qualifié la situation de « préoccupante »."""
    text = "Le préfet de la Gironde, Alain Simonet, a qualifié la situation de « préoccupante »."
    _, quotes = _extract(text)
    q = _find(quotes, "préoccupante")
    assert q.type == "mixed"
    assert _name(q) == "Alain Simonet"


def test_mixed_que_clause_opening_a_quote():
    """…, ajoutant qu'« il est temps de rendre la parole aux salariés »."""
    text = (
        "La secrétaire générale de la CFDT, Isabelle Royer, a dénoncé le projet, ajoutant "
        "qu'« il est temps de rendre la parole aux salariés »."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "rendre la parole")
    assert q.type == "mixed"
    assert _name(q) == "Isabelle Royer"


def test_mixed_fragment_in_narrative():
    """Le député Noël Grimaud a dénoncé une « provocation » du gouvernement."""
    text = "Le député Noël Grimaud a dénoncé une « provocation » du gouvernement."
    _, quotes = _extract(text)
    q = _find(quotes, "provocation")
    assert q.type == "mixed"
    assert _name(q) == "Noël Grimaud"


# --- Not quotations ----------------------------------------------------------------------


def test_not_quote_film_title():
    """Le film « Les Amants du port » sortira en salles le 12 juin."""
    text = "Le film « Les Amants du port » sortira en salles le 12 juin, a annoncé le distributeur."
    _, quotes = _extract(text)
    assert all(q.text != "Amants du port" for q in quotes)


def test_not_quote_programme_name():
    """La ville a adhéré au programme « Petites villes de demain » en 2021."""
    text = (
        "La ville a adhéré au programme « Petites villes de demain » en 2021. "
        "Les premiers travaux commenceront à l'automne."
    )
    _, quotes = _extract(text)
    assert quotes == []


def test_not_quote_scare_quotes():
    """Ces « petits arrangements » entre élus ont coûté cher à la commune."""
    text = "Ces « petits arrangements » entre élus ont coûté cher à la commune, rappelle l'enquête."
    _, quotes = _extract(text)
    assert all(q.text != "petits arrangements" or q.speaker is None for q in quotes)
    assert all(_name(q) is None or q.speaker.kind != "person" for q in quotes)


def test_not_quote_ne_que_restriction():
    """Les nouvelles taxes ne rapporteront que 3 milliards d'euros à l'État."""
    text = (
        "Les nouvelles taxes sur les billets d'avion ne rapporteront que 3 milliards d'euros "
        "à l'État, loin des 5 milliards annoncés."
    )
    _, quotes = _extract(text)
    assert quotes == []


# --- Speakers ----------------------------------------------------------------------------


def test_speaker_canonical_full_name_from_civility():
    """Bernard Tessier, PDG de…, … puis « M. Tessier » → "Bernard Tessier"."""
    text = (
        "Bernard Tessier, PDG du groupe laitier Bressor, a présenté les résultats annuels.\n\n"
        "M. Tessier a estimé que les prix du lait resteraient stables au second semestre."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "prix du lait")
    assert _name(q) == "Bernard Tessier"
    assert q.speaker.mention == "M. Tessier"


def test_speaker_canonical_from_role_prefix():
    """Le ministre des Sports Pierre-Yves Castel … « M. Castel » → "Pierre-Yves Castel"."""
    text = (
        "Le ministre des Sports Pierre-Yves Castel était en visite à Clermont-Ferrand. "
        "« Le sport amateur mérite mieux », a lancé M. Castel devant les bénévoles."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "sport amateur")
    assert _name(q) == "Pierre-Yves Castel"


def test_speaker_pronoun_chain_across_paragraphs():
    """A named speaker, then il-quotes two paragraphs later keep the same speaker."""
    text = (
        "L'entraîneur du RC Lens, Franck Villeneuve, s'est exprimé après la défaite.\n\n"
        "Il a reconnu que son équipe avait été dominée en seconde période.\n\n"
        "« Nous devons nous remettre en question », a-t-il ajouté."
    )
    _, quotes = _extract(text)
    assert len(quotes) == 2, _texts(quotes)
    assert all(_name(q) == "Franck Villeneuve" for q in quotes)


def test_speaker_two_alternating():
    """Two speakers alternate: each quote goes to the right one."""
    text = (
        "Le débat a opposé le maire sortant, Gérard Lenoir, à son adversaire, Sabine Aubert.\n\n"
        "« La dette de la ville a baissé de 10 % », a affirmé M. Lenoir.\n\n"
        "« C'est faux, elle a augmenté », a répliqué Mme Aubert.\n\n"
        "« Les chiffres sont publics », a rétorqué M. Lenoir."
    )
    _, quotes = _extract(text)
    assert _name(_find(quotes, "dette")) == "Gérard Lenoir"
    assert _name(_find(quotes, "C'est faux")) == "Sabine Aubert"
    assert _name(_find(quotes, "chiffres sont publics")) == "Gérard Lenoir"


def test_speaker_elle_goes_to_the_woman():
    """A man and a woman named; « elle » refers to the woman even if the man came last."""
    text = (
        "La ministre de la Culture, Mme Odile Sarrazin, a inauguré le musée en présence de "
        "l'architecte Jean Fournel.\n\n"
        "Elle a affirmé que le bâtiment deviendrait un symbole pour la région."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "bâtiment")
    assert _name(q) == "Odile Sarrazin"
    assert q.speaker.gender == "f"


def test_speaker_organisation():
    """La CGT a affirmé que la mobilisation se poursuivrait jeudi."""
    text = "La CGT a affirmé que la mobilisation se poursuivrait jusqu'au retrait du texte."
    _, quotes = _extract(text)
    q = _find(quotes, "mobilisation")
    assert q.type == "indirect"
    assert _name(q) == "CGT"
    assert q.speaker.kind == "organisation"


def test_speaker_unknown_is_none():
    """Le quartier est inondé… « On ne peut plus vivre comme ça. » (no one named: None)"""
    text = "Le quartier est inondé depuis trois jours.\n\n« On ne peut plus vivre comme ça. »"
    _, quotes = _extract(text)
    assert len(quotes) == 1, _texts(quotes)
    assert quotes[0].type == "direct"
    assert quotes[0].text.startswith("On ne peut plus vivre comme ça")
    assert quotes[0].speaker is None, quotes[0].speaker


def test_speaker_unnamed_description():
    """Le porte-parole de la SNCF a assuré que … (never named: the description is the name)"""
    text = "Le porte-parole de la SNCF a assuré que les trains circuleraient normalement samedi."
    _, quotes = _extract(text)
    q = _find(quotes, "trains")
    assert q.type == "indirect"
    assert q.speaker is not None and "porte-parole de la SNCF" in q.speaker.name
    assert q.speaker.kind == "unnamed"


def test_not_quote_slogan_used_as_name():
    """La commune s'est engagée dans la démarche « zéro artificialisation nette » en 2022."""
    text = (
        "La commune s'est engagée dans la démarche « zéro artificialisation nette » en 2022. "
        "Trois lotissements ont été abandonnés."
    )
    _, quotes = _extract(text)
    assert quotes == []


def test_speaker_role_kept():
    """Sylvie Bourdon, directrice générale de l'hôpital de Vannes, a indiqué que …"""
    text = (
        "Sylvie Bourdon, directrice générale de l'hôpital de Vannes, a indiqué que les urgences "
        "rouvriraient la nuit dès lundi."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "urgences")
    assert _name(q) == "Sylvie Bourdon"
    assert q.speaker.role and "directrice générale de l'hôpital de Vannes" in q.speaker.role


def test_speaker_multiword_organisation():
    """L'Organisation météorologique mondiale a averti que l'été serait le plus chaud…"""
    text = (
        "L'Organisation météorologique mondiale a averti que l'été serait le plus chaud "
        "jamais mesuré."
    )
    _, quotes = _extract(text)
    q = _find(quotes, "été serait")
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.lemma == "avertir"
    assert _name(q) == "Organisation météorologique mondiale"
    assert q.speaker.kind == "organisation"


def test_speaker_role_before_name_after_verb():
    """« Personne n'a été blessé », a déclaré à l'AFP le maire de Saint-Lô, François Hamel."""
    text = "« Personne n'a été blessé », a déclaré à l'AFP le maire de Saint-Lô, François Hamel."
    _, quotes = _extract(text)
    q = _find(quotes, "blessé")
    assert q.type == "direct"
    assert q.text == "Personne n'a été blessé"
    assert _name(q) == "François Hamel"
    assert q.speaker.role and "maire de Saint-Lô" in q.speaker.role


# --- Dates -------------------------------------------------------------------------------


def test_date_weekday_before_publication():
    """« … », a déclaré mardi Louis Caradec. (published Wed 2023-09-20 → 2023-09-19)"""
    text = (
        "« Le port de Lorient doit s'agrandir », a déclaré mardi Louis Caradec, président du port."
    )
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "Lorient")
    assert q.date == "2023-09-19"
    assert q.date_basis == "relative"


def test_date_hier():
    """Le maire a affirmé hier que la piscine rouvrirait. → the day before publication."""
    text = "Le maire de Niort, Alain Berthier, a affirmé hier que la piscine rouvrirait en mars."
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "piscine")
    assert q.date == "2023-09-19"
    assert q.date_basis == "relative"


def test_date_explicit_day_month():
    """Le 3 juillet, la ministre Anne Ricard a déclaré que … → explicit 2023-07-03."""
    text = (
        "Le 3 juillet, la ministre du Travail, Anne Ricard, a déclaré que l'assurance chômage "
        "serait réformée."
    )
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "assurance chômage")
    assert q.date == "2023-07-03"
    assert q.date_basis == "explicit"


def test_date_dimanche_dernier():
    """Dimanche dernier, le sélectionneur a assuré que … (published Wed 2023-09-20 → 09-17)"""
    text = (
        "Dimanche dernier, le sélectionneur Marc Ollivier a assuré que le groupe était au complet."
    )
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "groupe")
    assert q.date == "2023-09-17"


def test_date_never_after_publication():
    """« … », a déclaré vendredi Julie Maurin. (published Wednesday: Friday is the one before)"""
    text = "« Nous ouvrirons une seconde usine », a déclaré vendredi Julie Maurin, PDG de Solvéo."
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "seconde usine")
    assert q.date == "2023-09-15"
    assert q.date <= "2023-09-20"


def test_date_unknown_publication_gives_none():
    """No publication date and a bare weekday: the date cannot be known."""
    text = "« Nous ouvrirons une seconde usine », a déclaré vendredi Julie Maurin, PDG de Solvéo."
    _, quotes = _extract(text, date=None)
    q = _find(quotes, "seconde usine")
    assert q.date is None


def test_date_unknown_publication_explicit_date_kept():
    """No publication date, but « le 3 juillet 2022 » is in the text → 2022-07-03."""
    text = (
        "Le 3 juillet 2022, le maire de Brest, Paul Kerjean, a annoncé que le tramway serait "
        "gratuit le dimanche."
    )
    _, quotes = _extract(text, date=None)
    q = _find(quotes, "tramway")
    assert q.date == "2022-07-03"
    assert q.date_basis == "explicit"


def test_date_of_speech_event_carries_to_later_quotes():
    """The two ministers spoke by phone on Monday; the later quote keeps Monday's date."""
    text = (
        "Les ministres de l'Agriculture français et espagnol, Yves Charrier et Elena Ruiz, "
        "se sont entretenus lundi par téléphone.\n\n"
        "M. Charrier a souligné que les contrôles aux frontières devaient être renforcés."
    )
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "contrôles")
    assert q.date == "2023-09-18"
    assert _name(q) == "Yves Charrier"


def test_date_defaults_to_publication():
    """No date word at all: the quote takes the article date (basis 'article')."""
    text = "Le président du club, René Vidal, a estimé que la saison était réussie."
    _, quotes = _extract(text, date="2023-09-20")
    q = _find(quotes, "saison")
    assert q.date == "2023-09-20"
    assert q.date_basis == "article"


def test_date_weekday_with_time_of_day():
    """X a déclaré jeudi soir que … (published Wednesday 2024-05-15 → Thursday 2024-05-09)"""
    text = (
        "Le président de la FNSEA, Arnaud Roussel, a déclaré jeudi soir que les agriculteurs "
        "lèveraient les barrages."
    )
    _, quotes = _extract(text, date="2024-05-15")
    q = _find(quotes, "barrages")
    assert q.date == "2024-05-09"
    assert q.date_basis == "relative"
