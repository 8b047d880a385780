"""One unit test per rule family on small hand-made Docs: the words, parts of speech, lemmas
and entities are given, so each test checks the rule, not the model's parse of a sentence.

Each Doc is built token by token (``_doc``); the rule runs on a
:class:`~quoteattr.detect.rules.Context` like the one :func:`quoteattr.detect.find_quotes`
gives it.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quoteattr.detect.cues import CueLexicon
from quoteattr.detect.found import Found
from quoteattr.detect.marks import pair_marks
from quoteattr.detect.rules import Context, rule_named
from quoteattr.detect.sentences import sentence_units

_VOCAB = spacy.blank("fr").vocab


def _doc(tokens: list[tuple[str, str, str, str]]) -> Doc:
    """A Doc of ``(word, part of speech, lemma, entity label or "")`` rows; a space follows
    every word but before « , . : » » and after « « »."""
    words = [w for w, _, _, _ in tokens]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in {",", ".", ":", "»"} and w != "«"
        for i, w in enumerate(words)
    ]
    ents = []
    previous = ["", *(t[3] for t in tokens[:-1])]
    for (_, _, _, label), prev_label in zip(tokens, previous, strict=True):
        if not label:
            ents.append("O")
        else:
            ents.append(("I-" if prev_label == label else "B-") + label)
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        pos=[p for _, p, _, _ in tokens],
        lemmas=[lemma for _, _, lemma, _ in tokens],
        ents=ents,
    )


def _run(name: str, doc: Doc) -> list[Found]:
    text = doc.text
    quoted = pair_marks(text, remember=False)
    ctx = Context(doc, text, quoted, sentence_units(text, quoted), CueLexicon.load())
    return [f for f in rule_named(name).find(ctx) if f.rule == name]


def _w(word: str, pos: str = "NOUN", lemma: str | None = None, ent: str = ""):
    return (word, pos, lemma if lemma is not None else word.lower(), ent)


Q_OPEN, Q_CLOSE = _w("«", "PUNCT"), _w("»", "PUNCT")
DOT, COMMA, COLON = _w(".", "PUNCT"), _w(",", "PUNCT"), _w(":", "PUNCT")


def test_standalone_passage_has_no_speaker_of_its_own():
    """« Nous reviendrons plus forts la saison prochaine. »"""
    words = ["Nous", "reviendrons", "plus", "forts", "la", "saison", "prochaine"]
    doc = _doc([Q_OPEN, *(_w(w, "X") for w in words), DOT, Q_CLOSE])
    [f] = _run("direct:standalone", doc)
    assert doc.text[f.start : f.end] == "Nous reviendrons plus forts la saison prochaine."
    assert f.mention is None and f.cue is None and f.type == "direct"
    assert rule_named(f.rule).speaker_from == "neighbour"


def test_colon_after_a_bare_name_gives_the_name():
    """Jeanne Arvieux : « Le dossier avance bien. »"""
    doc = _doc(
        [
            _w("Jeanne", "PROPN", ent="PER"),
            _w("Arvieux", "PROPN", ent="PER"),
            COLON,
            Q_OPEN,
            *(_w(w, "X") for w in ["Le", "dossier", "avance", "bien"]),
            DOT,
            Q_CLOSE,
        ]
    )
    [f] = _run("direct:colon", doc)
    assert f.mention is not None and f.mention.text == "Jeanne Arvieux"


def test_dash_after_a_passage_names_its_speaker():
    """« Nous irons au bout du projet » — Paul Girard"""
    doc = _doc(
        [
            Q_OPEN,
            *(_w(w, "X") for w in ["Nous", "irons", "au", "bout", "du", "projet"]),
            Q_CLOSE,
            _w("—", "PUNCT"),
            _w("Paul", "PROPN", ent="PER"),
            _w("Girard", "PROPN", ent="PER"),
        ]
    )
    [f] = _run("direct:dash", doc)
    assert f.mention is not None and f.mention.text == "Paul Girard"


def test_a_paragraph_signed_by_a_person_is_a_quotation():
    """J'ai eu très peur ce soir-là. —Sonia Dridi, journaliste"""
    doc = _doc(
        [
            *(_w(w, "X") for w in ["J'", "ai", "eu", "très", "peur", "ce", "soir-là"]),
            DOT,
            _w("—", "PUNCT"),
            _w("Sonia", "PROPN", ent="PER"),
            _w("Dridi", "PROPN", ent="PER"),
            COMMA,
            _w("journaliste"),
        ]
    )
    [f] = _run("direct:signed", doc)
    assert f.mention is not None and f.mention.text == "Sonia Dridi"
    assert doc.text[f.start : f.end] == "J' ai eu très peur ce soir-là."


def test_a_paragraph_signed_by_a_newspaper_is_a_credit():
    """Le port a rouvert hier matin après la tempête. — Ouest-France"""
    doc = _doc(
        [
            *(_w(w, "X") for w in ["Le", "port", "a", "rouvert", "hier", "matin"]),
            DOT,
            _w("—", "PUNCT"),
            _w("Ouest-France", "PROPN", ent="ORG"),
        ]
    )
    assert _run("direct:signed", doc) == []


def test_leading_source_marker_attributes_the_rest_of_the_sentence():
    """Selon le syndicat, la grève continuera lundi."""
    doc = _doc(
        [
            _w("Selon", "ADP"),
            _w("le", "DET"),
            _w("syndicat"),
            COMMA,
            _w("la", "DET"),
            _w("grève"),
            _w("continuera", "VERB", "continuer"),
            _w("lundi"),
            DOT,
        ]
    )
    [f] = _run("source:leading", doc)
    assert doc.text[f.start : f.end] == "la grève continuera lundi"
    assert f.mention is not None and f.mention.text == "le syndicat"
    assert f.cue is not None and f.cue.text == "Selon"


def test_source_marker_meaning_depending_on_reports_nothing():
    """Selon les régions, la grève continuera lundi."""
    doc = _doc(
        [
            _w("Selon", "ADP"),
            _w("les", "DET"),
            _w("régions", lemma="région"),
            COMMA,
            _w("la", "DET"),
            _w("grève"),
            _w("continuera", "VERB", "continuer"),
            _w("lundi"),
            DOT,
        ]
    )
    assert _run("source:leading", doc) == []


def test_trailing_source_marker():
    """La grève continuera lundi, selon le syndicat."""
    doc = _doc(
        [
            _w("La", "DET"),
            _w("grève"),
            _w("continuera", "VERB", "continuer"),
            _w("lundi"),
            COMMA,
            _w("selon", "ADP"),
            _w("le", "DET"),
            _w("syndicat"),
            DOT,
        ]
    )
    [f] = _run("source:trailing", doc)
    assert doc.text[f.start : f.end] == "La grève continuera lundi"
    assert f.mention is not None and f.mention.text == "le syndicat"
