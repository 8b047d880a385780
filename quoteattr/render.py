"""The review page: one self-contained HTML file where a journalist checks the extraction.

Each article is shown whole, with every quotation highlighted by type (direct: solid
underline, indirect: dashed, mixed: double), its cue and its speaker's mention marked, one
colour per speaker, and a "who said what" list beside it. Hovering a mark shows the speaker's
canonical name, role, date and confidence; clicking it opens the same details in a panel.
The page needs no network: its CSS and JavaScript are inline.

The page is built from the jinja2 template ``templates/review.html`` with autoescaping on, so
every text, name, title or URL from an input is escaped by construction; quote types become
CSS classes only when they are one of the model's types, and only http(s) URLs become links.

>>> from quoteattr.model import Article, Cue, Quote, Speaker
>>> art = Article(text="« Nous gagnerons », a déclaré Marie Dupont.", title="Match")
>>> q = Quote(text="Nous gagnerons", type="direct", start=2, end=16,
...           speaker=Speaker(name="Marie Dupont", mention="Marie Dupont", start=29, end=41),
...           cue=Cue(text="a déclaré", lemma="déclarer", start=19, end=28))
>>> page = render([(art, [q])], title="Relecture")
>>> page.startswith("<!DOCTYPE html>"), 'class="q t-direct"' in page, "Marie Dupont" in page
(True, True, True)
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import jinja2
import markupsafe

from .model import Article, ArticleRef, DateBasis, ErrorRecord, Quote, QuoteType
from .schema import RecordError

__all__ = ["render", "cli_main"]

_TYPE_LABELS = {"direct": "directe", "indirect": "indirecte", "mixed": "mixte"}
_BASIS_LABELS = {
    "explicit": "date explicite",
    "relative": "date relative",
    "article": "date de l'article",
}
# The closed vocabularies of the model: nothing else becomes a CSS class or a label key.
_TYPES: tuple[str, ...] = get_args(QuoteType)
_BASES: tuple[str, ...] = get_args(DateBasis)
# Kinds of marks, outermost first, so a cue or speaker inside a quote nests inside its mark.
_KIND_ORDER = {"q": 0, "spk": 1, "cue": 2}


def render(items: Any, *, title: str | None = None) -> str:
    """The review page for ``items``, as one HTML string.

    ``items`` is a list of ``(Article, list[Quote])`` pairs (as :meth:`Extractor.pipe
    <quoteattr.pipeline.Extractor.pipe>` yields them; pairs holding an
    :class:`~quoteattr.model.ErrorRecord` are listed as unreadable), a list of
    :class:`~quoteattr.model.Quote` (shown as tables grouped by article and speaker, since
    their text is not available), or a spaCy ``Doc`` that ran the ``quoteattr`` component.
    Raises ``TypeError`` naming the first item it cannot show.
    """
    page = _Page(title or "Relecture des citations")
    for kind, value in _classify(items):
        if kind == "article":
            page.add_article(*value)
        elif kind == "quote":
            page.loose.append(value)
        else:
            page.errors.append(value)
    return _encodable(page.html())


def _classify(items: Any) -> Iterator[tuple[str, Any]]:
    """("article", (Article, quotes)), ("quote", Quote) or ("error", ErrorRecord) per item."""
    spacy_tokens = sys.modules.get("spacy.tokens")
    # Only check for a Doc when spaCy is loaded: anyone holding a Doc has loaded it.
    if spacy_tokens is not None and isinstance(items, spacy_tokens.Doc):
        quotes = getattr(items._, "quotes", None) if items.has_extension("quotes") else None
        if quotes is None:
            raise TypeError("this Doc has no Doc._.quotes: run it through the quoteattr component")
        yield "article", (Article(text=items.text), list(quotes))
        return
    if isinstance(items, (str, bytes, Article, Quote)) or not isinstance(items, Iterable):
        raise TypeError(
            f"render() takes a list of (Article, quotes) pairs, a list of Quote or a spaCy Doc, "
            f"not {type(items).__name__}"
        )
    for n, item in enumerate(items):
        if isinstance(item, Quote):
            # A quote built by hand may lack its article: it is shown under an unnamed one.
            if not isinstance(item.article, ArticleRef):
                item = replace(item, article=ArticleRef())
            yield "quote", item
        elif isinstance(item, ErrorRecord):
            yield "error", item
        elif isinstance(item, Sequence) and len(item) == 2 and isinstance(item[0], Article):
            article, result = item
            if isinstance(result, ErrorRecord):
                yield "error", result
            elif isinstance(result, Iterable) and all(isinstance(q, Quote) for q in result):
                yield "article", (article, list(result))
            else:
                raise TypeError(f"item {n}: the second member must be a list of Quote")
        else:
            raise TypeError(
                f"item {n}: expected an (Article, list[Quote]) pair or a Quote, "
                f"not {type(item).__name__}"
            )


@dataclass
class _Mark:
    """One highlighted stretch of text: a quote part, a cue or a speaker mention."""

    start: int
    end: int
    kind: str
    quote_ids: list[str]
    css: str
    hue: int | None
    tip: str


@dataclass(frozen=True)
class _Open:
    """A mark as the template opens it around one piece of text."""

    tag: str
    css: str
    qids: str
    anchor: str | None
    hue: int | None
    tip: str


@dataclass(frozen=True)
class _Piece:
    """A stretch of article text between two mark boundaries, with the marks covering it."""

    text: str
    marks: list[_Open]


@dataclass(frozen=True)
class _Meta:
    """One item of an article's header line: kind is date, publisher, link, source or count."""

    kind: str
    value: str
    label: str = ""


@dataclass(frozen=True)
class _Header:
    title: str
    meta: list[_Meta]


@dataclass(frozen=True)
class _Entry:
    """One quote in the "who said what" list, or one row of a quote table."""

    qid: str
    type_class: str
    label: str
    text: str
    excerpt: str = ""
    unplaced: bool = False
    tip: str = ""
    cue: str = ""
    date: str = ""
    confidence: str = ""


@dataclass(frozen=True)
class _Group:
    """A speaker (name "" when unknown) with their quotes, in order of first quote."""

    name: str
    role: str | None
    hue: int | None
    entries: list[_Entry]


@dataclass
class _Page:
    title: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    loose: list[Quote] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    hues: dict[str, int] = field(default_factory=dict)
    n_quotes: int = 0

    def hue(self, quote: Quote) -> int | None:
        """The speaker's hue, the same in every article; None for an unattributed quote."""
        if quote.speaker is None or not quote.speaker.name:
            return None
        name = quote.speaker.name
        if name not in self.hues:
            # Golden-angle steps keep successive speakers' colours far apart.
            self.hues[name] = round(len(self.hues) * 137.508) % 360
        return self.hues[name]

    def register(self, qid: str, quote: Quote) -> None:
        self.n_quotes += 1
        sp, cue = quote.speaker, quote.cue
        self.data[qid] = {
            "type": _type_label(quote.type),
            "text": quote.text,
            "speaker": sp.name if sp else None,
            "mention": sp.mention if sp else None,
            "role": sp.role if sp else None,
            "kind": sp.kind if sp else None,
            "cue": f"{cue.text} ({cue.lemma})" if cue else None,
            "date": _french_date(quote.date) if quote.date else None,
            "basis": _BASIS_LABELS.get(quote.date_basis) if quote.date_basis in _BASES else None,
            "confidence": f"{quote.confidence:.2f}",
            "article": quote.article.title or quote.article.path or None,
        }

    def add_article(self, article: Article, quotes: list[Quote]) -> None:
        n = len(self.articles)
        ids = [f"a{n}q{k}" for k in range(len(quotes))]
        for qid, q in zip(ids, quotes, strict=True):
            self.register(qid, q)
        marks, unplaced = _marks(self, article.text, ids, quotes)
        self.articles.append(
            {
                "n": n,
                "header": _header(article.ref(), n, len(quotes)),
                "pieces": list(_pieces(article.text, marks)),
                "groups": _who_said_what(self, ids, quotes, unplaced),
            }
        )

    def html(self) -> str:
        tables = _quote_tables(self) if self.loose else []
        n_articles, n_speakers = len(self.articles), len(self.hues)
        summary = (
            f"{n_articles} article{'s' * (n_articles > 1)} · {self.n_quotes} "
            f"citation{'s' * (self.n_quotes > 1)} · {n_speakers} "
            f"locuteur{'s' * (n_speakers > 1)}"
        )
        return _template().render(
            title=self.title,
            summary=summary,
            articles=self.articles,
            tables=tables,
            errors=self.errors,
            data=self.data,
            # Our own files, the only text of the page that is not escaped.
            css=markupsafe.Markup(_asset("review.css")),
            script=markupsafe.Markup(_asset("review.js")),
        )


def _marks(
    page: _Page, text: str, ids: list[str], quotes: list[Quote]
) -> tuple[list[_Mark], set[str]]:
    """The marks of an article's quotes, and the ids of quotes whose offsets are unusable."""
    by_span: dict[tuple[int, int, str], _Mark] = {}
    unplaced: set[str] = set()
    n = len(text)

    def add(
        start: int | None, end: int | None, kind: str, qid: str, css: str, hue: int | None, tip: str
    ) -> bool:
        # Offsets outside the text cannot be shown; the quote is then flagged in the list.
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
            return False
        mark = by_span.get((start, end, kind))
        if mark is None:
            by_span[start, end, kind] = _Mark(start, end, kind, [qid], css, hue, tip)
        elif qid not in mark.quote_ids:
            mark.quote_ids.append(qid)
        return True

    for qid, q in zip(ids, quotes, strict=True):
        hue = page.hue(q)
        spans = [(p.start, p.end) for p in q.parts] or [(q.start, q.end)]
        css = f"q {_type_class(q.type)}"
        placed = [add(s, e, "q", qid, css, hue, _quote_tip(q)) for s, e in spans]
        if not all(placed):
            unplaced.add(qid)
        if q.speaker is not None:
            tip = _speaker_tip(q)
            add(q.speaker.start, q.speaker.end, "spk", qid, "spk", hue, tip)
        if q.cue is not None:
            tip = f"indice : {q.cue.text} ({q.cue.lemma})"
            add(q.cue.start, q.cue.end, "cue", qid, "cue", hue, tip)
    return list(by_span.values()), unplaced


def _pieces(text: str, marks: list[_Mark]) -> Iterator[_Piece]:
    """The text cut at every mark boundary, so that overlapping marks nest cleanly.

    Each piece between two boundaries is wrapped in every mark covering it, outermost first;
    a mark that spans several pieces therefore appears as several elements with one id.
    """
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    anchored: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = sorted(
            (m for m in marks if m.start <= a and b <= m.end),
            key=lambda m: (_KIND_ORDER[m.kind], m.start, -m.end),
        )
        opened: list[_Open] = []
        # Innermost first: each quote's first piece carries its id (the side list's link
        # target) on the innermost mark of that quote.
        for m in reversed(covering):
            fresh = [qid for qid in m.quote_ids if qid not in anchored] if m.kind == "q" else []
            if fresh:
                anchored.add(fresh[0])
            tag = "mark" if m.kind == "q" else "span"
            qids = " ".join(m.quote_ids)
            opened.append(_Open(tag, m.css, qids, fresh[0] if fresh else None, m.hue, m.tip))
        yield _Piece(text[a:b], opened[::-1])


def _header(ref: ArticleRef, n: int, n_quotes: int) -> _Header:
    title = ref.title or (f"{Path(ref.path).name} #{ref.index}" if ref.path else f"Article {n + 1}")
    meta = []
    if ref.date:
        meta.append(_Meta("date", ref.date, _french_date(ref.date)))
    if ref.publisher:
        meta.append(_Meta("publisher", ref.publisher))
    if ref.url:
        # Only web links become clickable: a "javascript:" URL from an input stays inert text.
        meta.append(_Meta("link" if _is_web(ref.url) else "text", ref.url))
    if ref.path:
        meta.append(_Meta("source", f"{ref.path} #{ref.index}"))
    meta.append(_Meta("count", f"{n_quotes} citation{'s' * (n_quotes > 1)}"))
    return _Header(title, meta)


def _who_said_what(
    page: _Page, ids: list[str], quotes: list[Quote], unplaced: set[str]
) -> list[_Group]:
    """The side list: each speaker (in order of first quote) with their quotes."""
    members: dict[str, list[tuple[str, Quote]]] = {}
    for qid, q in zip(ids, quotes, strict=True):
        members.setdefault(q.speaker.name if q.speaker and q.speaker.name else "", []).append(
            (qid, q)
        )
    groups = []
    for name, group in members.items():
        first = group[0][1]
        entries = [
            _Entry(
                qid=qid,
                type_class=_type_class(q.type),
                label=_type_label(q.type),
                text=q.text,
                excerpt=_excerpt(q.text),
                unplaced=qid in unplaced,
            )
            for qid, q in group
        ]
        role = first.speaker.role if first.speaker else None
        groups.append(_Group(name, role, page.hue(first), entries))
    return groups


def _quote_tables(page: _Page) -> list[dict[str, Any]]:
    """Quotes given without their article text: one table per article, rows by speaker."""
    by_article: dict[tuple, list[Quote]] = {}
    for q in page.loose:
        a = q.article
        by_article.setdefault((a.path, a.index, a.id, a.title, a.url), []).append(q)
    tables = []
    for n, quotes in enumerate(by_article.values()):
        by_speaker: dict[str, list[Quote]] = {}
        for q in quotes:
            by_speaker.setdefault(q.speaker.name if q.speaker else "", []).append(q)
        groups = []
        for k, (name, group) in enumerate(by_speaker.items()):
            rows = []
            for m, q in enumerate(group):
                qid = f"t{n}s{k}q{m}"
                page.register(qid, q)
                rows.append(
                    _Entry(
                        qid=qid,
                        type_class=_type_class(q.type),
                        label=_type_label(q.type),
                        text=q.text,
                        tip=_quote_tip(q),
                        cue=q.cue.text if q.cue else "",
                        date=q.date or "",
                        confidence=f"{q.confidence:.2f}",
                    )
                )
            role = group[0].speaker.role if group[0].speaker else None
            groups.append(_Group(name, role, page.hue(group[0]), rows))
        tables.append(
            {"n": n, "header": _header(quotes[0].article, n, len(quotes)), "groups": groups}
        )
    return tables


def _type_class(qtype: object) -> str:
    """The CSS class of a quote type: only the model's own types become a class name."""
    return f"t-{qtype}" if qtype in _TYPES else "t-unknown"


def _type_label(qtype: object) -> str:
    return _TYPE_LABELS[qtype] if qtype in _TYPES else str(qtype)


def _quote_tip(q: Quote) -> str:
    who = q.speaker.name if q.speaker and q.speaker.name else "locuteur inconnu"
    if q.speaker and q.speaker.role:
        who += f", {q.speaker.role}"
    when = f"le {_french_date(q.date)}" if q.date else "date inconnue"
    if q.date_basis:
        basis = _BASIS_LABELS[q.date_basis] if q.date_basis in _BASES else q.date_basis
        when += f" ({basis})"
    return f"Citation {_type_label(q.type)} — {who} — {when} — confiance {q.confidence:.2f}"


def _speaker_tip(q: Quote) -> str:
    sp = q.speaker
    assert sp is not None
    tip = f"{sp.name} ({sp.kind})"
    if sp.role:
        tip += f", {sp.role}"
    return f"{tip} — mention « {sp.mention} »" if sp.mention else tip


def _french_date(iso: str) -> str:
    """``2023-09-19`` as ``19 septembre 2023``; anything else unchanged."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{'1er' if day.day == 1 else day.day} {_MONTH_NAMES[day.month]} {day.year}"


def _month_names() -> dict[int, str]:
    from .calendar import MONTHS

    names: dict[int, str] = {}
    for name, number in MONTHS.items():
        # The full name comes first in months.tsv, before its abbreviations.
        names.setdefault(number, name)
    return names


_MONTH_NAMES = _month_names()


def _is_web(url: str) -> bool:
    """Whether url is an http(s) link; anything else (javascript:, data:...) is not one."""
    return url.startswith(("http://", "https://"))


def _excerpt(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _JoinedLines(jinja2.BaseLoader):
    """The package's templates, each line stripped of its indentation and line break.

    So a template can be laid out for reading while the page holds no whitespace of its own
    (the article text is shown with ``white-space: pre-wrap``; stray spaces between inline
    elements would show too).
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source = _asset(template)
        return "".join(line.strip() for line in source.splitlines()), template, lambda: True


@functools.cache
def _asset(name: str) -> str:
    """A file of quoteattr/templates/, as text."""
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=_JoinedLines(),
        autoescape=True,  # every value is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
    )
    # The quote data goes into a <script type="application/json"> element: tojson escapes
    # <, >, & and ' as \u escapes so that no text can end the element early.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env.get_template("review.html")


def cli_main(argv: list[str]) -> int:
    """``quoteattr render``: extracts the quotes of ARTICLE... and writes the review page.

    With ``--quotes``, the inputs are JSONL files of quotes (as ``quoteattr extract`` writes
    them), shown as tables without extracting anything. Exit codes as ``quoteattr extract``:
    0 written; 1 written but some input failed and ``--strict`` was given; 2 nothing written
    (bad option, nothing readable, unwritable output).
    """
    parser = argparse.ArgumentParser(
        prog="quoteattr render",
        description="Write one self-contained HTML page showing every quotation in its article.",
        epilog="Examples: quoteattr render article.txt -o review.html ; "
        "quoteattr render --quotes quotes.jsonl -o review.html",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="ARTICLE", help="files, directories or - for stdin"
    )
    parser.add_argument(
        "-o", "--output", default="review.html", help="the page to write (default: review.html)"
    )
    parser.add_argument("--title", help="the page title")
    parser.add_argument(
        "--quotes", action="store_true", help="inputs are quotes JSONL: show them, extract nothing"
    )
    parser.add_argument("--date", help="publication date of undated articles (e.g. 2023-09-20)")
    parser.add_argument("--publisher", help="publisher of articles that name none")
    parser.add_argument("--model", help="spaCy pipeline to load (default: fr_core_news_md)")
    parser.add_argument("--strict", action="store_true", help="exit with 1 if any input failed")
    args = parser.parse_args(argv)
    if args.quotes and (args.date or args.publisher or args.model):
        parser.error("--date, --publisher and --model do not apply to --quotes")
    try:
        if args.quotes:
            items, errors = _read_quotes(args.paths)
        else:
            items, errors = _extract(args.paths, args.date, args.publisher, args.model)
    except ValueError as exc:
        print(f"quoteattr render: error: {exc}", file=sys.stderr)
        return 2
    for e in errors:
        where = f"{e.path}:{e.line}" if e.line else e.path
        print(f"quoteattr render: skipped {where}: {e.error}", file=sys.stderr)
    if not items:
        print("quoteattr render: error: nothing readable in the inputs", file=sys.stderr)
        return 2
    page = render([*items, *errors], title=args.title)
    try:
        Path(args.output).write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"quoteattr render: error: cannot write {args.output}: {exc}", file=sys.stderr)
        return 2
    print(f"quoteattr render: {len(items)} items -> {args.output}", file=sys.stderr)
    return 1 if errors and args.strict else 0


def _extract(
    paths: list[str], date: str | None, publisher: str | None, model: str | None
) -> tuple[list[tuple[Article, list[Quote]]], list[ErrorRecord]]:
    """Every readable article with its quotes, and the inputs that failed."""
    from .pipeline import Extractor
    from .reading import read_paths

    read_paths([], date=date)  # a bad --date raises ValueError before any work starts
    errors: list[ErrorRecord] = []

    def readable() -> Iterator[Article]:
        for item in read_paths(paths, date=date, publisher=publisher):
            if isinstance(item, ErrorRecord):
                errors.append(item)
            else:
                yield item

    pairs: list[tuple[Article, list[Quote]]] = []
    for article, result in Extractor(model=model).pipe(readable()):
        if isinstance(result, ErrorRecord):
            errors.append(result)
        else:
            pairs.append((article, result))
    return pairs, errors


def _read_quotes(paths: list[str]) -> tuple[list[Quote], list[ErrorRecord]]:
    """The quotes of JSONL files; a file or line that is not a quote becomes an error."""
    quotes: list[Quote] = []
    errors: list[ErrorRecord] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            errors.append(ErrorRecord(path=path, error=f"cannot read: {exc.strerror}"))
            continue
        except UnicodeDecodeError:
            errors.append(ErrorRecord(path=path, error="not UTF-8 text: quotes JSONL expected"))
            continue
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                quotes.append(Quote.from_dict(json.loads(line)))
                continue
            except RecordError as exc:
                error = f"not a quote: {exc.problem}"
            except json.JSONDecodeError as exc:
                error = f"not JSON: {exc.msg}"
            except RecursionError:
                error = "not a quote: nested too deeply"
            except (ValueError, TypeError, KeyError) as exc:
                error = f"not a quote ({type(exc).__name__}: {str(exc)[:80]})"
            errors.append(ErrorRecord(path=path, error=error, line=n))
    return quotes, errors


def _encodable(page: str) -> str:
    """The page with any lone surrogate (which JSON lets a string hold, and UTF-8 cannot
    encode) shown as U+FFFD, the replacement character."""
    try:
        page.encode("utf-8")
    except UnicodeEncodeError:
        return page.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return page
