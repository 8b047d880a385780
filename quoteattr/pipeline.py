"""From articles to quotes: the one path every entry point (API, CLI, batch, Dask) takes.

:class:`Extractor` holds the loaded spaCy pipeline and turns :class:`~quoteattr.model.Article`
records into :class:`~quoteattr.model.Quote` records carrying their article's metadata.
Texts longer than spaCy's ``max_length`` are cut at paragraph boundaries and their quotes'
offsets shifted back into the full text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .model import Article, ErrorRecord, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Extractor:
    """Finds, attributes and dates the quotations of French news articles.

    >>> ex = Extractor()
    >>> [q.speaker.name for q in ex.extract("« Nous gagnerons », a déclaré Marie Dupont.")]
    ['Marie Dupont']
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        model: str | None = None,
        batch_size: int = 16,
        chunk_chars: int | None = None,
        fast: bool = False,
    ) -> None:
        from .nlp import DEFAULT_MODEL, load_nlp

        self.nlp = nlp if nlp is not None else load_nlp(model or DEFAULT_MODEL)
        if "quoteattr" not in self.nlp.pipe_names:
            self.nlp.add_pipe("quoteattr")
        self.batch_size = batch_size
        # Paragraph-aligned chunks stay well below spaCy's limit (and its memory appetite).
        self.chunk_chars = chunk_chars or min(self.nlp.max_length, 200_000)
        # Fast mode parses only lines that can hold reported speech (see quoteattr.prescan).
        self.fast = fast

    def extract(self, article: Article | str) -> list[Quote]:
        """The quotes of one article (or of a bare text), in text order."""
        if isinstance(article, str):
            article = Article(text=article)
        for _, result in self.pipe([article]):
            if isinstance(result, ErrorRecord):
                raise ValueError(result.error)
            return result
        return []

    def pipe(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Quote] | ErrorRecord]]:
        """Each article with its quotes, or with an error record if it could not be processed.

        Articles are parsed in batches with ``nlp.pipe``; results come out in input order.
        """
        for article, result, _ in self.pipe_people(articles):
            yield article, result

    def pipe_people(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Quote] | ErrorRecord, list[dict[str, Any]]]]:
        """Like :meth:`pipe`, with the people and organisations each article names, quoted
        or not (``Doc._.people``: id, name, kind, gender, gender_source)."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _docs(self, article: Article) -> Iterator[tuple[int, Doc]]:
        """The unparsed docs of one article's chunks, each with its offset in the text."""
        from .detect.doccache import remember_text
        from .nlp import set_pub_date

        text = parsed = article.text
        if self.fast:
            from .prescan import blank_unlikely

            # spaCy parses the likely sentences only; detection still reads the whole text,
            # which has the same length (offsets fit both).
            parsed = blank_unlikely(text)
        for offset, chunk in split_text(parsed, self.chunk_chars):
            doc = self.nlp.make_doc(chunk)
            remember_text(doc, text[offset : offset + len(chunk)])
            set_pub_date(doc, article.date)
            yield offset, doc

    def _run(
        self, articles: list[Article]
    ) -> Iterator[tuple[Article, list[Quote] | ErrorRecord, list[dict[str, Any]]]]:
        found: list[list[Quote]] = [[] for _ in articles]
        people: list[dict[str, dict[str, Any]]] = [{} for _ in articles]
        failed: dict[int, str] = {}
        tagged = ((doc, (i, off)) for i, a in enumerate(articles) for off, doc in self._docs(a))
        if self.fast:
            from .fast import pipe as fast_pipe

            parsed = fast_pipe(self.nlp, tagged)  # same docs, lemmas computed once per form
        else:
            parsed = self.nlp.pipe(tagged, as_tuples=True)
        try:
            for doc, (i, offset) in parsed:
                found[i].extend(_shift(q, offset) for q in doc._.quotes)
                _add_people(people[i], doc)
        except Exception:
            # One bad article must not sink its batch: redo the batch one article at a time.
            for i, article in enumerate(articles):
                found[i] = []
                people[i] = {}
                try:
                    for offset, doc in self._docs(article):
                        doc = self.nlp(doc)
                        found[i].extend(_shift(q, offset) for q in doc._.quotes)
                        _add_people(people[i], doc)
                except Exception as exc:  # noqa: BLE001 - reported per article, never raised
                    failed[i] = f"{type(exc).__name__}: {exc}"
        for i, article in enumerate(articles):
            if i in failed:
                yield (
                    article,
                    ErrorRecord(
                        path=article.path, index=article.index, id=article.id, error=failed[i]
                    ),
                    [],
                )
            else:
                ref = article.ref()
                yield article, [replace(q, article=ref) for q in found[i]], list(people[i].values())


def _add_people(seen: dict[str, dict[str, Any]], doc: Doc) -> None:
    """The people a chunk names, added to those of its article's earlier chunks (by name)."""
    for person in getattr(doc._, "people", None) or []:
        key = f"{person['kind']}:{person['name']}"
        if key not in seen or (seen[key]["gender"] is None and person["gender"] is not None):
            seen[key] = person


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` characters, each with its start offset.

    Cuts fall on a paragraph break when there is one, else on a sentence end, else on a
    space, so that no quotation is split unless a single paragraph exceeds the limit.

    >>> [(o, t) for o, t in split_text("ab\\n\\ncd", 5)]
    [(0, 'ab\\n\\n'), (4, 'cd')]
    """
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            pos = window.rfind(sep)
            # Never inside « … »: a quotation cut in two loses its attribution.
            while pos > limit // 4 and sep != "\n\n" and _open_quotes(window, pos):
                pos = window.rfind(sep, 0, pos)
            if pos > limit // 4:
                cut = pos + len(sep)
                break
        if cut <= 0:
            cut = limit
        yield start, text[start : start + cut]
        start += cut
    if start < n or n == 0:
        yield start, text[start:]


def _open_quotes(window: str, pos: int) -> bool:
    """Whether a quotation mark opened in ``window[:pos]`` (within its paragraph) is unclosed."""
    para = window.rfind("\n", 0, pos) + 1
    head = window[para:pos]
    opened = head.count("«") + head.count("“") - head.count("»") - head.count("”")
    return opened > 0 or head.count('"') % 2 == 1


def _shift(quote: Quote, offset: int) -> Quote:
    if not offset:
        return quote
    return replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        parts=[replace(p, start=p.start + offset, end=p.end + offset) for p in quote.parts],
        speaker=None
        if quote.speaker is None
        else replace(
            quote.speaker,
            start=None if quote.speaker.start is None else quote.speaker.start + offset,
            end=None if quote.speaker.end is None else quote.speaker.end + offset,
        ),
        cue=None
        if quote.cue is None
        else replace(quote.cue, start=quote.cue.start + offset, end=quote.cue.end + offset),
    )
