"""Fast mode: the pre-scan keeps offsets and the sentences that can report speech; cached
lemmas change nothing; the seeds give normal mode's quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteattr import batch
from quoteattr.detect.sentences import sentence_units
from quoteattr.detect.triggers import cue_forms as _cue_forms
from quoteattr.detect.triggers import lexicon_forms as _lexicon
from quoteattr.prescan import blank_unlikely, is_hit, select_units
from quoteattr.reading import read_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures").glob("*.txt"))


def _kept(text: str) -> list[str]:
    """The sentence units of ``text`` that blanking leaves as they were."""
    blanked = blank_unlikely(text)
    return [text[a:b] for a, b in sentence_units(text) if blanked[a:b] == text[a:b]]


def test_blanking_keeps_length_line_breaks_and_kept_units_verbatim():
    for article in read_paths(SEEDS):
        text = article.text
        blanked = blank_unlikely(text)
        assert len(blanked) == len(text)
        assert [i for i, c in enumerate(blanked) if c == "\n"] == [
            i for i, c in enumerate(text) if c == "\n"
        ]
        units = sentence_units(text)
        for (a, b), kept in zip(units, select_units(text, units), strict=True):
            if kept:  # as written, but for the middle of long content (see hollows)
                assert all(x in (y, " ") for x, y in zip(blanked[a:b], text[a:b], strict=True))
                assert blanked[a:b].split()[:3] == text[a:b].split()[:3]
            else:
                assert blanked[a:b] == " " * (b - a)
        # Some narrative is skipped, else fast mode gains nothing on news.
        assert blanked.count(" ") > text.count(" ")


def test_narrative_sentences_beside_a_quote_in_one_paragraph_are_blanked():
    text = (
        "Le sommet s'ouvre bientôt. Les délégations arrivent à Pékin. Il fera beau. "
        "« Nous sommes prêts », a déclaré Marie Dupont. Le soleil brille. La mer est calme."
    )
    assert _kept(text) == ["« Nous sommes prêts », a déclaré Marie Dupont."]


def test_the_sentence_before_a_description_or_an_acronym_is_kept():
    """La Française Caroline Garcia s'est qualifiée. « … », a déclaré la joueuse lyonnaise."""
    text = (
        "Il pleut sur Roland-Garros. La Française Caroline Garcia s'est qualifiée mercredi. "
        "« Je suis très fière de moi », a déclaré la joueuse lyonnaise."
    )
    assert "La Française Caroline Garcia s'est qualifiée mercredi." in _kept(text)
    assert "Il pleut sur Roland-Garros." not in _kept(text)
    text = "Il pleut. Le Parti populaire a exclu le député. Le PP a estimé que c'était juste."
    assert "Le Parti populaire a exclu le député." in _kept(text)


def test_the_sentence_before_a_pronoun_speaker_is_kept():
    """La maire de Dinan, Claire Morvan, visite le chantier. « … », a-t-elle assuré."""
    text = (
        "Le port est calme. La maire de Dinan, Claire Morvan, visite le chantier. "
        "« Les travaux finiront en juin », a-t-elle assuré. Le vent se lève."
    )
    assert _kept(text) == [
        "La maire de Dinan, Claire Morvan, visite le chantier.",
        "« Les travaux finiront en juin », a-t-elle assuré.",
    ]


def test_a_passage_standing_alone_keeps_the_sentences_around_it():
    """The rule for a passage standing alone reads its neighbours (its reach)."""
    text = (
        "Le port est calme. Le capitaine Yves Le Bihan regarde la mer. "
        "« Nous sortirons demain si le vent tombe enfin. » Le vent se lève. Il pleut."
    )
    assert _kept(text) == [
        "Le capitaine Yves Le Bihan regarde la mer.",
        "« Nous sortirons demain si le vent tombe enfin. »",
        "Le vent se lève.",
    ]


def test_a_quote_over_several_paragraphs_comes_whole_from_fast_mode():
    """« Nous irons loin. / « Très loin, vite. / « Plus loin. / « Jusqu'au bout », a dit
    Marie Dupont."""
    from quoteattr.model import Article

    text = (
        "« Nous irons loin.\n\n« Très loin, vite.\n\n« Plus loin.\n\n"
        "« Jusqu'au bout », a dit Marie Dupont."
    )
    assert "« Très loin, vite." not in _kept(text)  # not parsed…
    done = batch.process_chunk([Article(text=text)], batch.Options(fast=True))
    assert "Très loin, vite." in done[0].lines[0]  # …yet quoted
    assert done[0].lines == batch.process_chunk([Article(text=text)], batch.Options())[0].lines


def test_the_sentence_first_naming_a_speaker_is_kept():
    """« M. Wang » needs « Wang Yi », written sentences before."""
    text = (
        "Wang Yi est arrivé à Moscou. Le temps est gris. La ville est calme.\n\n"
        "« Nous coopérerons », a dit M. Wang."
    )
    kept = _kept(text)
    assert "Wang Yi est arrivé à Moscou." in kept
    assert "Le temps est gris." not in kept


def test_a_sentence_naming_who_said_the_one_before_keeps_both():
    """C'est le cas partout. Le constat amer est du professeur Nobutaka Miura."""
    text = "Il pleut. C'est le cas partout. Le constat amer est du professeur Nobutaka Miura."
    assert _kept(text) == [
        "C'est le cas partout.",
        "Le constat amer est du professeur Nobutaka Miura.",
    ]


def test_the_day_named_before_a_quote_dates_it_unparsed():
    """« ce vendredi » dates the statements that follow: attribution reads it in the text, so
    fast mode need not parse that sentence."""
    from quoteattr.model import Article

    text = (
        "La foule était là mardi. Elle est revenue ce vendredi. La place est pleine. "
        "Les cafés sont ouverts. « Partez », affirme un manifestant, Abdel Nasser."
    )
    assert "Elle est revenue ce vendredi." not in _kept(text)
    article = Article(text=text, date="2024-05-15")
    fast = batch.process_chunk([article], batch.Options(fast=True))[0].lines
    assert fast == batch.process_chunk([article], batch.Options())[0].lines
    assert '"date": "2024-05-10"' in fast[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre a soutenu que rien ne changerait.",  # que frame, irregular form
        "Elle a indiqué que la réforme attendrait.",  # participle the tables call adjective
        "Rien ne change, a ajouté le ministre.",  # incise after a comma
        "Rien ne change, appuie-t-il, malgré la crise.",  # any verb with inverted subject
        "Le ministre affirme avoir tout essayé.",  # infinitive after a cue allowing it
        "Pour le ministre, rien ne change.",  # pour X,
        "Selon l'ONU, la crise dure.",  # source marker
        "Il a fait savoir qu'il viendrait.",  # cue of several words
        "Il a dénoncé un « scandale ».",  # short quotation with a cue
        "Le texte dit : « Nous ne céderons jamais devant la menace. »",
    ],
)
def test_sentences_that_may_report_speech_are_hits(sentence):
    assert is_hit(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Il pleut à Paris.",
        "Il faut soutenir les PME.",  # a cue form with nothing it introduces
        "Il part pour trois jours, sans bagages.",  # pour without a speaker
        "Les daltoniens voient les « vraies » couleurs.",  # a distancing quote, no cue
        "La console sort en avril, alors que la 3DS baisse.",  # « alors que » joins clauses
    ],
)
def test_sentences_without_reported_speech_are_not_hits(sentence):
    assert not is_hit(sentence)


def test_every_one_word_cue_of_the_lexicon_has_its_infinitive_and_participle():
    cues, _ = _lexicon()
    forms = _cue_forms()
    for cue, frames in cues.items():
        words = cue.replace("'", " ").split()
        if "source" in frames or len(words) > 2 or (len(words) == 2 and words[0] not in "sse"):
            continue
        verb = words[-1]
        assert verb in forms, cue
        if verb.endswith("er"):
            assert verb[:-2] + "é" in forms, cue


def test_cached_lemmas_give_the_lemmatizer_s_docs():
    from quoteattr.fast import pipe
    from quoteattr.nlp import load_nlp

    nlp = load_nlp()  # the process-wide model the other tests share

    texts = [Path(p).read_text(encoding="utf-8")[:3000] for p in SEEDS]
    plain = list(nlp.pipe(texts))
    want = [[t.lemma_ for t in doc] for doc in plain]
    # Twice, each time in a memory zone as batch workers run: the zone frees new strings.
    for _ in range(2):
        with nlp.memory_zone():
            cached = [doc for doc, _ in pipe(nlp, ((nlp.make_doc(t), None) for t in texts))]
            assert [[t.lemma_ for t in doc] for doc in cached] == want
    for a, b in zip(plain, cached, strict=True):
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
        assert a._.quotes == b._.quotes


def test_fast_mode_finds_the_seed_quotes_of_normal_mode():
    items = list(read_paths(SEEDS))
    normal = batch.process_chunk(items, batch.Options())
    fast = batch.process_chunk(items, batch.Options(fast=True))
    normal_lines = {line for d in normal for line in d.lines}
    fast_lines = [line for d in fast for line in d.lines]
    same = sum(line in normal_lines for line in fast_lines)
    assert normal_lines
    assert same >= 0.95 * len(normal_lines)


def test_a_worker_empties_component_caches_that_outgrow_the_limit(monkeypatch):
    """The rule lemmatizer's cache never forgets a form: on a long run it would grow
    without end, so each chunk leaves it within batch.CACHE_LIMIT."""
    from quoteattr.fast import cached_lemmas

    items = list(read_paths(SEEDS))[:1]
    monkeypatch.setattr(batch, "CACHE_LIMIT", 50)
    batch.process_chunk(items, batch.Options(fast=True))
    ex = batch._extractor(batch.Options(fast=True))
    assert len(ex.nlp.get_pipe("lemmatizer").cache) <= 50
    assert len(cached_lemmas(ex.nlp).cache) <= 50


def test_the_warmed_tokenizer_splits_as_a_cold_one_and_stops_warming(monkeypatch):
    """Warming fills the tokenizer's cache outside memory zones; the splits inside a zone
    afterwards are those of a fresh tokenizer, and warming stops after WARM_ARTICLES."""
    import spacy

    from quoteattr.model import Article
    from quoteattr.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "morphologizer", "parser", "ner"])
    cold = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "morphologizer", "parser", "ner"])
    texts = [
        "Le maire, M. Dupuis-Lefort, l'a redit aujourd'hui : « Pas question ! »",
        "« On s'est battus jusqu'au bout », a lâché l'entraîneur (FC Lorient) à 22h15.",
        "Le taux directeur passe à 3,75 %, a-t-on appris auprès de la BCE.",
    ]
    monkeypatch.setattr(batch, "_warmed", {})
    monkeypatch.setattr(batch, "WARM_ARTICLES", 2)
    batch._warm_tokenizer(nlp, [Article(text=t) for t in texts])
    assert batch._warmed[id(nlp)] == 2
    assert nlp.tokenizer.max_cache_size >= batch._TOKENIZER_CACHE
    strings = len(nlp.vocab.strings)
    batch._warm_tokenizer(nlp, [Article(text="Un style zorglubesque.")])
    assert len(nlp.vocab.strings) == strings  # enough articles warmed: nothing added
    with nlp.memory_zone():
        warm = [[t.text for t in nlp.make_doc(t)] for t in texts]
    assert warm == [[t.text for t in cold.make_doc(t)] for t in texts]


def test_detection_may_be_told_the_text_of_a_doc():
    from quoteattr.detect.doccache import remember_text, text_of, token_starts
    from quoteattr.nlp import load_nlp

    nlp = load_nlp()
    text = "Il l'a dit : « Tout va bien. »\n\nFin."
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    assert text_of(doc) == text
    assert token_starts(doc) == [t.idx for t in doc]
    with pytest.raises(ValueError, match="characters"):
        remember_text(nlp.make_doc(text), text + " de plus")


def test_long_content_is_hollowed_but_what_detection_reads_stays():
    """Edges, names, marks and a cue that ends the content stay for the parser."""
    text = (
        "Le directeur de l'usine a affirmé mardi que les commandes avaient nettement "
        "progressé depuis le début de cette année difficile pour tout le secteur de la "
        "métallurgie lorraine, ajoutant que Sarah Kessler, la nouvelle responsable des "
        "ventes, prendrait ses fonctions dès le mois prochain dans les bureaux de Metz."
    )
    blanked = blank_unlikely(text)
    assert len(blanked) == len(text) and blanked != text
    kept = " ".join(blanked.split())
    for words in (
        "Le directeur de l'usine a affirmé mardi que les commandes avaient",
        "lorraine, ajoutant que Sarah Kessler,",
        "bureaux de Metz.",
    ):
        assert words in kept
    assert "difficile" not in kept


def test_fast_mode_reads_hollowed_content_from_the_text():
    """The quote's words come from the article, not from the hollowed copy spaCy parsed."""
    text = (
        "Le président du club, Marc Aubert, a assuré lundi que l'équipe disputerait "
        "la fin de la saison avec un effectif réduit mais une motivation intacte après "
        "les nombreuses blessures de l'automne."
    )
    from quoteattr.model import Article

    normal = batch.process_chunk([Article(text=text)], batch.Options())
    fast = batch.process_chunk([Article(text=text)], batch.Options(fast=True))
    assert blank_unlikely(text) != text
    assert normal[0].lines and fast[0].lines == normal[0].lines


def test_a_sentence_carrying_a_speaker_on_between_two_hits_is_kept():
    """« … », a dit l'entraîneur. L'équipe reste aussi solide. La défense, insiste-t-il, a tenu."""
    text = (
        "« Nous avons manqué de rythme », a reconnu l'entraîneur. L'équipe reste aussi "
        "solide à domicile. La défense, insiste-t-il, a tenu jusqu'au bout."
    )
    # Kept as the neighbour of both hits (the sentence after the first, before the second).
    assert "L'équipe reste aussi solide à domicile." in _kept(text)


def test_only_a_ruler_that_marks_spaces_and_copies_tags_is_skipped():
    import spacy

    from quoteattr.fast import marks_spaces_only

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE", "TAG": "SPACE"})
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "NOUN"})
    assert marks_spaces_only(ruler)
    ruler.add([[{"LOWER": "m."}]], {"LEMMA": "monsieur"})
    assert not marks_spaces_only(ruler)
