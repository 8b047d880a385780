"""The spaCy contract: a processed Doc keeps its quotations through spaCy's serialisation
(``doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=2)``), and a saved pipeline keeps the
component with its lexicon, as spaCy's own SpanRuler keeps its patterns."""

from __future__ import annotations

import json

import spacy
from spacy.tokens import Doc, DocBin

import quoteattr.nlp  # noqa: F401 - registers the component
from quoteattr.nlp import SPANS_KEY, load_nlp

TEXT = (
    "Le club a présenté son nouvel entraîneur lundi. « Nous jouerons pour gagner chaque "
    "match », a déclaré Paul Girard. Selon la présidente, le budget reste stable."
)


def test_quotations_are_a_span_group_with_json_safe_values():
    doc = load_nlp()(TEXT)
    group = doc.spans[SPANS_KEY]
    assert [s.label_ for s in group] == [q.type for q in doc._.quotes]
    assert [s.text for s in group][0] == "Nous jouerons pour gagner chaque match"
    for span in group:
        for record in span._.quote_records:
            assert json.loads(json.dumps(record)) == record
    assert doc._.quote_spans[0]._.speaker.name == "Paul Girard"


def test_a_doc_survives_to_bytes_and_from_bytes():
    nlp = load_nlp()
    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.quotes == doc._.quotes and len(doc._.quotes) == 2
    assert [t.text for t in again if t._.in_quote] == [t.text for t in doc if t._.in_quote]


def test_a_doc_survives_a_docbin_with_user_data():
    nlp = load_nlp()
    docs = [nlp(TEXT), nlp("Il pleut sur Lyon."), nlp.make_doc("Pas encore traité.")]
    store = DocBin(store_user_data=True)
    for doc in docs:
        store.add(doc)
    back = list(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab))
    assert [d._.quotes for d in back] == [d._.quotes for d in docs]
    assert back[1]._.quotes == [] and back[2]._.quotes is None


def test_quotations_come_back_from_two_processes():
    # A blank pipeline keeps the child processes light; the passage standing alone needs no
    # parse to be found, which is all this test needs.
    nlp = spacy.blank("fr")
    nlp.add_pipe("quoteattr")
    texts = ["« Nous gagnerons cette finale sans aucun doute. »\nLe match a lieu samedi."] * 3
    texts += ["Il pleut sur Lyon."] * 3
    one = [d._.quotes for d in nlp.pipe(texts)]
    two = [d._.quotes for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert [len(q) for q in two] == [1, 1, 1, 0, 0, 0]


def test_a_saved_pipeline_keeps_the_component_and_its_lexicon(tmp_path):
    cues = tmp_path / "cues.tsv"
    cues.write_text("cue\tcategory\tframes\tweight\nclamer\tassertion\tque,incise\t0.9\n")
    nlp = spacy.blank("fr")
    nlp.add_pipe("quoteattr", config={"cues": str(cues), "min_confidence": 0.1})
    nlp.to_disk(tmp_path / "pipeline")
    cues.unlink()  # the saved pipeline must not need the original file
    loaded = spacy.load(tmp_path / "pipeline")
    component = loaded.get_pipe("quoteattr")
    assert loaded.pipe_names == ["quoteattr"]
    assert list(component.lexicon.entries) == ["clamer"]
    assert component.min_confidence == 0.1
    # And through bytes, as nlp.to_bytes / from_bytes do.
    fresh = spacy.blank("fr")
    fresh.add_pipe("quoteattr")
    fresh.from_bytes(nlp.to_bytes())
    assert list(fresh.get_pipe("quoteattr").lexicon.entries) == ["clamer"]
