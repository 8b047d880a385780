"""From articles to quotes: the one path every entry point (API, CLI, batch, Dask) takes.

:class:`Extractor` holds the loaded spaCy pipeline and turns :class:`~quoteattr.model.Article`
records into :class:`~quoteattr.model.Quote` records carrying their article's metadata.

Time and memory stay bounded by the input:

- texts longer than ``chunk_chars`` are cut at paragraph boundaries (else sentence ends,
  else spaces); each chunk is parsed with up to :data:`CONTEXT_BEFORE` characters of the
  text before it and :data:`CONTEXT_AFTER` after it, so that a pronoun or a quotation
  standing alone right after a cut still finds the speaker named before it. Each chunk
  reports only the quotes that start in it, their offsets shifted back into the full text;
- docs go to ``nlp.pipe`` in groups of at most ``batch_tokens`` tokens (spaCy's working
  memory grows with the tokens it parses at once, about 17 KB per token with the French
  models), and each group is released before the next is made;
- whitespace-free runs that would make spaCy's tokenizer quadratic are cut before parsing
  (:mod:`quoteattr.guard`); :class:`QuoteList` carries the warning that says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from .guard import Cut, describe_cuts
from .model import Article, ErrorRecord, Quote

C = TypeVar("C")

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


#: Characters of text parsed before a chunk of a long article, as its context: beyond the
#: farthest a pronoun reaches back for its source (1,500 characters).
CONTEXT_BEFORE = 1_600
#: Characters parsed after it: enough for the incise or the name that follows a quotation.
CONTEXT_AFTER = 600
#: Default size of a chunk (characters): 4,000 tokens of prose, 10,000 of « a » « a ».
DEFAULT_CHUNK_CHARS = 20_000
#: Default size of a group of docs parsed at once (tokens): about 170 MB of spaCy's working
#: memory, beside the model's 500. Sixteen news articles make about 8,000 tokens.
DEFAULT_BATCH_TOKENS = 10_000


class QuoteList(list[Quote]):
    """The quotes of one article, with ``warnings`` about how it was read (e.g. runs of
    characters cut before parsing), which the batch manifest reports."""

    def __init__(self, quotes: Iterable[Quote] = (), warnings: list[str] | None = None):
        super().__init__(quotes)
        self.warnings: list[str] = warnings or []


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
        batch_tokens: int | None = None,
        fast: bool = False,
    ) -> None:
        from .nlp import DEFAULT_MODEL, load_nlp

        self.nlp = nlp if nlp is not None else load_nlp(model or DEFAULT_MODEL)
        if "quoteattr" not in self.nlp.pipe_names:
            self.nlp.add_pipe("quoteattr")
        self.batch_size = batch_size
        # Paragraph-aligned chunks stay well below spaCy's limit (and its memory appetite).
        limit = self.nlp.max_length - CONTEXT_BEFORE - CONTEXT_AFTER
        self.chunk_chars = min(chunk_chars or DEFAULT_CHUNK_CHARS, limit)
        # Tokens given to one ``nlp.pipe`` call (one doc at least).
        self.batch_tokens = batch_tokens or DEFAULT_BATCH_TOKENS
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

    def _docs(self, article: Article, cuts: list[Cut]) -> Iterator[tuple[Doc, _Window]]:
        """The unparsed docs of one article's chunks, each with its window in the text.

        Made one at a time: only the docs of the group being parsed exist at once. The runs
        of characters the guard cut are added to ``cuts``."""
        from .detect.doccache import remember_text
        from .guard import blank, guard_text
        from .nlp import set_pub_date

        text = parsed = article.text
        if self.fast:
            from .prescan import blank_unlikely

            # spaCy parses the likely sentences only; detection still reads the whole text,
            # which has the same length (offsets fit both).
            parsed = blank_unlikely(text)
        for window in windows(parsed, self.chunk_chars):
            piece, cut = guard_text(parsed[window.lo : window.hi])
            cuts.extend(c._replace(start=c.start + window.lo, end=c.end + window.lo) for c in cut)
            doc = self.nlp.make_doc(piece)
            # Detection reads the text as it is, but for the repeats cut: their words are
            # not parsed, and no quotation may run through them.
            repeats = [c for c in cut if c.kind == "repeat"]
            remember_text(doc, blank(text[window.lo : window.hi], repeats))
            set_pub_date(doc, article.date)
            yield doc, window

    def _groups(
        self, articles: list[Article], cuts: list[list[Cut]]
    ) -> Iterator[list[tuple[Doc, tuple[int, _Window]]]]:
        """The docs of ``articles`` in groups of at most ``batch_tokens`` tokens (a longer doc
        alone)."""
        group: list[tuple[Doc, tuple[int, _Window]]] = []
        size = 0
        for i, article in enumerate(articles):
            for doc, window in self._docs(article, cuts[i]):
                n = len(doc)
                if group and size + n > self.batch_tokens:
                    yield group
                    group, size = [], 0
                group.append((doc, (i, window)))
                size += n
        if group:
            yield group

    def _parse(self, group: list[tuple[Doc, C]]) -> Iterator[tuple[Doc, C]]:
        """The group's docs through the whole pipeline, in one batch."""
        if self.fast:
            from .fast import pipe as fast_pipe

            # Same docs, lemmas computed once per form.
            return fast_pipe(self.nlp, group, batch_size=len(group))
        return self.nlp.pipe(group, as_tuples=True, batch_size=len(group))

    def _run(
        self, articles: list[Article]
    ) -> Iterator[tuple[Article, list[Quote] | ErrorRecord, list[dict[str, Any]]]]:
        found: list[list[Quote]] = [[] for _ in articles]
        people: list[dict[str, dict[str, Any]]] = [{} for _ in articles]
        cuts: list[list[Cut]] = [[] for _ in articles]
        failed: dict[int, str] = {}
        try:
            for group in self._groups(articles, cuts):
                for doc, (i, window) in self._parse(group):
                    found[i].extend(window.quotes(doc))
                    _add_people(people[i], doc)
                del group  # the group's docs go before the next group's are made
        except Exception:
            # One bad article must not sink its batch: redo the batch one article at a time.
            for i, article in enumerate(articles):
                found[i], people[i], cuts[i] = [], {}, []
                try:
                    for doc, window in self._docs(article, cuts[i]):
                        doc = self.nlp(doc)
                        found[i].extend(window.quotes(doc))
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
                warnings = describe_cuts(_merged(cuts[i]))
                quotes = (replace(q, article=ref) for q in found[i])
                yield article, QuoteList(quotes, warnings), list(people[i].values())


def _add_people(seen: dict[str, dict[str, Any]], doc: Doc) -> None:
    """The people a chunk names, added to those of its article's earlier chunks (by name)."""
    for person in getattr(doc._, "people", None) or []:
        key = f"{person['kind']}:{person['name']}"
        if key not in seen or (seen[key]["gender"] is None and person["gender"] is not None):
            seen[key] = person


@dataclass(frozen=True)
class _Window:
    """The part ``[lo, hi)`` of a text parsed as one doc, of which ``[start, end)`` is the
    chunk proper (the rest is context on either side)."""

    lo: int
    start: int
    end: int
    hi: int

    def quotes(self, doc: Doc) -> Iterator[Quote]:
        """The quotes of the chunk proper, with offsets into the whole text."""
        for q in doc._.quotes:
            if self.start <= q.start + self.lo < self.end:
                yield _shift(q, self.lo)


def windows(text: str, limit: int) -> Iterator[_Window]:
    """The chunks of :func:`split_text`, each widened by up to :data:`CONTEXT_BEFORE` and
    :data:`CONTEXT_AFTER` characters, to the farthest paragraph break (else sentence end, else
    space) within that reach.

    >>> [(w.lo, w.start, w.end, w.hi) for w in windows("Il pleut.\\n\\nIl neige.", 12)]
    [(0, 0, 11, 20), (10, 11, 20, 20)]
    """
    n = len(text)
    for start, piece in split_text(text, limit):
        end = start + len(piece)
        yield _Window(_context_start(text, start), start, end, _context_end(text, end, n))


_BREAKS = ("\n", ". ", " ")


def _context_start(text: str, start: int) -> int:
    """The earliest break within :data:`CONTEXT_BEFORE` before ``start`` (``start`` if none)."""
    if start == 0:
        return 0
    reach = max(0, start - CONTEXT_BEFORE)
    for sep in _BREAKS:
        pos = text.find(sep, reach, start)
        if pos >= 0:
            return pos + len(sep)
    return start


def _context_end(text: str, end: int, n: int) -> int:
    """The latest break within :data:`CONTEXT_AFTER` after ``end`` (``end`` if none)."""
    if end >= n:
        return n
    reach = min(n, end + CONTEXT_AFTER)
    if reach == n:
        return n
    for sep in _BREAKS:
        pos = text.rfind(sep, end, reach)
        if pos >= 0:
            return pos + len(sep)
    return end


def _merged(cuts: list[Cut]) -> list[Cut]:
    """``cuts`` sorted, overlapping or touching ones of a kind merged (a run cut in several
    chunks is one run)."""
    out: list[Cut] = []
    for cut in sorted(cuts, key=lambda c: (c.kind, c.start)):
        last = out[-1] if out else None
        if last is not None and last.kind == cut.kind and cut.start <= last.end:
            out[-1] = last._replace(end=max(last.end, cut.end))
        else:
            out.append(cut)
    return out


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
