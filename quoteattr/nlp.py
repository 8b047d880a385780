"""The spaCy side: loading the French model once per process, and the ``quoteattr`` component.

The component finds quotations, attributes and dates them, and stores them as the span group
``doc.spans["quotes"]``: one span per quotation, labelled with its type, whose
``Span._.quote_records`` holds the quotation as JSON-safe values. ``Doc._.quotes`` builds
:class:`~quoteattr.model.Quote` records from them, so a processed doc survives
``doc.to_bytes()``, a ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``.
:func:`quoteattr.extract` runs the very same component, so the Python API, the CLI and a
user's own spaCy pipeline cannot drift apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .model import Quote

if TYPE_CHECKING:
    from .detect.cues import CueLexicon

#: The span group holding the quotations of a processed doc.
SPANS_KEY = "quotes"

#: The model quoteattr ships with; any French pipeline with a parser and NER also works.
DEFAULT_MODEL = "fr_core_news_md"


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``model`` with the ``quoteattr`` component, loaded once per process."""
    # Cached on the model name itself: ``load_nlp()`` and ``load_nlp(DEFAULT_MODEL)`` (as the
    # Extractor calls it) would otherwise be two cache keys, and the model loaded twice.
    return _load_nlp(model)


@functools.lru_cache(maxsize=4)
def _load_nlp(model: str) -> Language:
    nlp = spacy.load(model)
    if "quoteattr" not in nlp.pipe_names:
        nlp.add_pipe("quoteattr")
    return nlp


def set_pub_date(doc: Doc, date: str | None) -> None:
    """Tells the component the publication date of ``doc`` (ISO), for dating statements.

    Set it on an unparsed doc (``nlp.make_doc(text)``) before running the pipeline on it.
    """
    doc._.quoteattr_pub_date = date


def _records(doc: Doc) -> list[dict[str, Any]] | None:
    """The quotations of ``doc`` as JSON-safe dicts, in text order (None if unprocessed)."""
    if SPANS_KEY not in doc.spans:
        return None
    out: list[dict[str, Any]] = []
    seen: dict[tuple[int, int], int] = {}
    for span in doc.spans[SPANS_KEY]:
        # Two quotations covering the same tokens share the span's storage: a list each.
        key = (span.start_char, span.end_char)
        k = seen[key] = seen.get(key, -1) + 1
        records = span._.quote_records or []
        if k < len(records):
            out.append(_as_json(records[k]))
    return out


def _as_json(value: Any) -> Any:
    """``value`` with the tuples a serialiser may have made of its lists (a ``DocBin``
    gives them back as tuples) turned back into lists."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_json(v) for v in value]
    return value


# The Quote records last stored on each doc, so that reading them back right after the
# component ran (what Extractor does) costs no rebuild from JSON: (span group, its spans'
# offsets, the quotes), by id of the doc; a few docs only.
_STORED: dict[int, tuple[Any, list[tuple[int, int]], list[Quote]]] = {}
_STORED_DOCS = 64


def _get_quotes(doc: Doc) -> list[Quote] | None:
    group = doc.spans.get(SPANS_KEY)
    stored = _STORED.get(id(doc))
    if (
        group is not None
        and stored is not None
        and stored[0] is group
        and stored[1] == [(s.start_char, s.end_char) for s in group]
    ):
        return list(stored[2])
    records = _records(doc)
    return None if records is None else [Quote.from_dict(r) for r in records]


def _set_quotes(doc: Doc, quotes: Iterable[Quote] | None) -> None:
    """Stores ``quotes`` as the span group ``doc.spans["quotes"]``, each quotation's values
    (JSON-safe) on its span."""
    _STORED.pop(id(doc), None)
    if quotes is None:
        doc.spans.pop(SPANS_KEY, None)
        return
    quotes = list(quotes)
    spans: list[Span] = []
    stored: set[tuple[int, int]] = set()
    for q in quotes:
        span = doc.char_span(q.start, q.end, label=q.type, alignment_mode="expand")
        if span is None:  # no token there (an empty quotation): an empty span at its place
            i = next((t.i for t in doc if t.idx >= q.start), len(doc))
            span = Span(doc, i, i, label=q.type)
        key = (span.start_char, span.end_char)
        earlier = span._.quote_records if key in stored else []
        span._.quote_records = [*earlier, q.to_dict(encode_json=True)]
        stored.add(key)
        spans.append(span)
    doc.spans[SPANS_KEY] = spans
    if len(_STORED) >= _STORED_DOCS:
        _STORED.pop(next(iter(_STORED)))
    _STORED[id(doc)] = (doc.spans[SPANS_KEY], [(s.start_char, s.end_char) for s in spans], quotes)


def _quote_spans(doc: Doc) -> list[Span]:
    return list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []


def _quote_of(span: Span) -> Quote | None:
    """The quote a span stands for: its own record (a span of ``doc.spans["quotes"]``), else
    the quote starting at its first token."""
    records = span._.quote_records
    if records:
        return Quote.from_dict(_as_json(records[0]))
    first = span[0] if len(span) else None
    for q in span.doc._.quotes or []:
        if first is not None and first.idx <= q.start < first.idx + len(first.text) + 1:
            return q
    return None


def _in_quote(token: Token) -> bool:
    return any(
        a <= token.idx < b
        for r in _records(token.doc) or []
        for a, b in ([(p["start"], p["end"]) for p in r["parts"]] or [(r["start"], r["end"])])
    )


def _register_extensions() -> None:
    """``Doc._.quotes`` (list of Quote, built from ``doc.spans["quotes"]``), ``Doc._.people``
    (the people and organisations named, as dicts: id, name, kind, gender, gender_source),
    ``Doc._.quote_spans`` (the quotations' spans), ``Span._.quote_records`` (a span's
    quotations as JSON-safe dicts), ``Span._.quote``, ``Span._.speaker``, ``Span._.cue`` and
    ``Token._.in_quote``."""
    if not Span.has_extension("quote_records"):
        Span.set_extension("quote_records", default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes)
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
        self._lexicon: CueLexicon | None = None
        self._lexicon_error: ValueError | None = None
        try:
            self._lexicon = CueLexicon.load(cues)
        except ValueError as exc:
            # spacy.load builds the component from its config (the ``cues`` path of the
            # machine that saved it) before from_disk gives it the saved lexicon: the error
            # stands only if no lexicon comes.
            self._lexicon_error = exc

    @property
    def lexicon(self) -> CueLexicon:
        """The cue lexicon the component matches."""
        if self._lexicon is None:
            assert self._lexicon_error is not None
            raise self._lexicon_error
        return self._lexicon

    # Saved with the pipeline (``nlp.to_disk``), as spaCy's SpanRuler saves its patterns: a
    # pipeline loaded elsewhere keeps this lexicon, wherever the ``cues`` file was.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The component's lexicon, serialised."""
        return srsly.msgpack_dumps({"cues": self._lexicon_text()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteAttributor:
        """Loads the lexicon saved by :meth:`to_bytes`."""
        self._set_lexicon(srsly.msgpack_loads(data)["cues"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Writes the lexicon as ``cues.tsv`` in the component's directory."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cues.tsv").write_text(self._lexicon_text(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteAttributor:
        """Reads the lexicon :meth:`to_disk` wrote."""
        self._set_lexicon((Path(path) / "cues.tsv").read_text(encoding="utf-8"))
        return self

    def _lexicon_text(self) -> str:
        from .data import text as data_text

        return self.lexicon.text if self.lexicon.text is not None else data_text("cues.tsv")

    def _set_lexicon(self, text: str) -> None:
        from .detect.cues import CueLexicon

        self._lexicon = CueLexicon.from_text(text, f"the saved lexicon of {self.name}")

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
    assigns=["doc._.quotes", "doc.spans"],
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
