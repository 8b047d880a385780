"""The review page: one self-contained HTML file where a journalist checks the extraction.

Each article is shown whole, with every quotation highlighted by type (direct: solid
underline, indirect: dashed, mixed: double), its cue and its speaker's mention marked, one
colour per speaker, and a "who said what" list beside it. Hovering a mark shows the speaker's
canonical name, role, date and confidence; clicking it opens the same details in a panel.
The page needs no network: its CSS and JavaScript are inline.

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
import html
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article, ArticleRef, ErrorRecord, Quote

__all__ = ["render", "cli_main"]

_TYPE_LABELS = {"direct": "directe", "indirect": "indirecte", "mixed": "mixte"}
_BASIS_LABELS = {
    "explicit": "date explicite",
    "relative": "date relative",
    "article": "date de l'article",
}
# Guillemets take a no-break space inside them in French typography.
_OPEN, _CLOSE = "«\u00a0", "\u00a0»"
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
    return page.html()


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


@dataclass
class _Page:
    title: str
    sections: list[str] = field(default_factory=list)
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
            "type": _TYPE_LABELS.get(quote.type, quote.type),
            "text": quote.text,
            "speaker": sp.name if sp else None,
            "mention": sp.mention if sp else None,
            "role": sp.role if sp else None,
            "kind": sp.kind if sp else None,
            "cue": f"{cue.text} ({cue.lemma})" if cue else None,
            "date": _french_date(quote.date) if quote.date else None,
            "basis": _BASIS_LABELS.get(quote.date_basis or ""),
            "confidence": f"{quote.confidence:.2f}",
            "article": quote.article.title or quote.article.path or None,
        }

    def add_article(self, article: Article, quotes: list[Quote]) -> None:
        n = len(self.sections)
        ids = [f"a{n}q{k}" for k in range(len(quotes))]
        for qid, q in zip(ids, quotes, strict=True):
            self.register(qid, q)
        marks, unplaced = _marks(self, article.text, ids, quotes)
        body = "".join(_segments(article.text, marks))
        ref = article.ref()
        self.sections.append(
            f'<section class="article" id="a{n}">'
            f"{_article_header(ref, n, len(quotes))}"
            f'<div class="cols"><div class="text" lang="fr">{body}</div>'
            f"{_who_said_what(self, ids, quotes, unplaced)}</div></section>"
        )

    def html(self) -> str:
        parts = list(self.sections)
        if self.loose:
            parts.append(_quote_tables(self))
        if self.errors:
            items = "".join(
                f"<li><code>{_e(e.path)}{'' if e.line is None else f':{e.line}'}</code>"
                f"{'' if e.index is None else f' (article {e.index})'} : {_e(e.error)}</li>"
                for e in self.errors
            )
            parts.append(
                f'<section class="errors"><h2>Entrées non traitées</h2><ul>{items}</ul></section>'
            )
        if not parts:
            parts.append('<p class="empty">Aucun article.</p>')
        articles = len(self.sections)
        summary = (
            f"{articles} article{'s' * (articles > 1)} · {self.n_quotes} "
            f"citation{'s' * (self.n_quotes > 1)} · {len(self.hues)} "
            f"locuteur{'s' * (len(self.hues) > 1)}"
        )
        # "<" is escaped so that no text can close the script element early.
        data = json.dumps(self.data, ensure_ascii=False).replace("<", "\\u003c")
        return (
            '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(self.title)}</title><style>{_CSS}</style></head><body>"
            f'<header class="page"><h1>{_e(self.title)}</h1>'
            f'<p class="summary">{summary}</p>{_LEGEND}</header>'
            f"<main>{''.join(parts)}</main>"
            '<aside id="details" hidden></aside>'
            f'<script type="application/json" id="quote-data">{data}</script>'
            f"<script>{_JS}</script></body></html>\n"
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
        if start is None or end is None or not 0 <= start < end <= n:
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
        placed = [add(s, e, "q", qid, f"q t-{q.type}", hue, _quote_tip(q)) for s, e in spans]
        if not all(placed):
            unplaced.add(qid)
        if q.speaker is not None:
            tip = _speaker_tip(q)
            add(q.speaker.start, q.speaker.end, "spk", qid, "spk", hue, tip)
        if q.cue is not None:
            tip = f"indice : {q.cue.text} ({q.cue.lemma})"
            add(q.cue.start, q.cue.end, "cue", qid, "cue", hue, tip)
    return list(by_span.values()), unplaced


def _segments(text: str, marks: list[_Mark]) -> Iterator[str]:
    """The text as HTML, cut at every mark boundary so that overlapping marks nest cleanly.

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
        piece = _e(text[a:b])
        for m in reversed(covering):
            anchor = ""
            fresh = [qid for qid in m.quote_ids if qid not in anchored] if m.kind == "q" else []
            # Each quote's first piece carries its id, the target of the side list's links.
            if fresh:
                anchored.add(fresh[0])
                anchor = f' id="{fresh[0]}"'
            style = "" if m.hue is None else f' style="--h:{m.hue}"'
            nospk = " nospk" if m.hue is None else ""
            tag = "mark" if m.kind == "q" else "span"
            piece = (
                f'<{tag} class="{m.css}{nospk}" data-q="{" ".join(m.quote_ids)}"{anchor}{style}'
                f' title="{_e(m.tip)}">{piece}</{tag}>'
            )
        yield piece


def _article_header(ref: ArticleRef, n: int, n_quotes: int) -> str:
    title = ref.title or (f"{Path(ref.path).name} #{ref.index}" if ref.path else f"Article {n + 1}")
    meta = []
    if ref.date:
        meta.append(f'<time datetime="{_e(ref.date)}">{_e(_french_date(ref.date))}</time>')
    if ref.publisher:
        meta.append(f'<span class="publisher">{_e(ref.publisher)}</span>')
    if ref.url:
        meta.append(_link(ref.url))
    if ref.path:
        meta.append(f'<code class="source">{_e(ref.path)} #{ref.index}</code>')
    meta.append(f"{n_quotes} citation{'s' * (n_quotes > 1)}")
    return f'<header><h2>{_e(title)}</h2><p class="meta">{" · ".join(meta)}</p></header>'


def _who_said_what(page: _Page, ids: list[str], quotes: list[Quote], unplaced: set[str]) -> str:
    """The side list: each speaker (in order of first quote) with their quotes."""
    groups: dict[str, list[tuple[str, Quote]]] = {}
    for qid, q in zip(ids, quotes, strict=True):
        groups.setdefault(q.speaker.name if q.speaker and q.speaker.name else "", []).append(
            (qid, q)
        )
    blocks = []
    for name, members in groups.items():
        first = members[0][1]
        hue = page.hue(first)
        style = "" if hue is None else f' style="--h:{hue}"'
        role = first.speaker.role if first.speaker else None
        head = _e(name) if name else "<em>Locuteur inconnu</em>"
        if role:
            head += f' <span class="role">{_e(role)}</span>'
        entries = "".join(
            f'<li><a href="#{qid}" '
            f'data-show="{qid}" class="t-{q.type}">'
            f'<span class="badge">{_TYPE_LABELS.get(q.type, q.type)}</span> '
            f"{_OPEN}{_e(_excerpt(q.text))}{_CLOSE}</a>"
            f"{' <strong class=warn>(position introuvable)</strong>' if qid in unplaced else ''}"
            "</li>"
            for qid, q in members
        )
        blocks.append(
            f'<li class="speaker{"" if hue is not None else " nospk"}"{style}>'
            f'<span class="swatch"></span>{head} <span class="count">({len(members)})</span>'
            f"<ol>{entries}</ol></li>"
        )
    body = f"<ul>{''.join(blocks)}</ul>" if blocks else "<p>Aucune citation trouvée.</p>"
    return f'<aside class="who"><h3>Qui a dit quoi</h3>{body}</aside>'


def _quote_tables(page: _Page) -> str:
    """Quotes given without their article text: one table per article, rows by speaker."""
    by_article: dict[tuple, list[Quote]] = {}
    for q in page.loose:
        a = q.article
        by_article.setdefault((a.path, a.index, a.id, a.title, a.url), []).append(q)
    out = []
    for n, quotes in enumerate(by_article.values()):
        ref = quotes[0].article
        rows = []
        by_speaker: dict[str, list[Quote]] = {}
        for q in quotes:
            by_speaker.setdefault(q.speaker.name if q.speaker else "", []).append(q)
        for k, (name, group) in enumerate(by_speaker.items()):
            hue = page.hue(group[0])
            style = "" if hue is None else f' style="--h:{hue}"'
            nospk = "" if hue is not None else " nospk"
            role = group[0].speaker.role if group[0].speaker else None
            label = _e(name) if name else "<em>Locuteur inconnu</em>"
            if role:
                label += f' <span class="role">{_e(role)}</span>'
            rows.append(
                f'<tr class="speaker{nospk}"{style}><th colspan="5"><span class="swatch"></span>'
                f"{label} ({len(group)})</th></tr>"
            )
            for m, q in enumerate(group):
                qid = f"t{n}s{k}q{m}"
                page.register(qid, q)
                rows.append(
                    f"<tr><td><span class=badge>{_TYPE_LABELS.get(q.type, q.type)}</span></td>"
                    f'<td><mark class="q t-{q.type}{nospk}" data-q="{qid}" id="{qid}"{style} '
                    f'title="{_e(_quote_tip(q))}">{_OPEN}{_e(q.text)}{_CLOSE}</mark></td>'
                    f'<td><span class="cue">{_e(q.cue.text) if q.cue else ""}</span></td>'
                    f"<td>{_e(q.date or '')}</td><td>{q.confidence:.2f}</td></tr>"
                )
        out.append(
            f'<section class="article table" id="t{n}">{_article_header(ref, n, len(quotes))}'
            "<table><thead><tr><th>Type</th><th>Citation</th><th>Indice</th><th>Date</th>"
            f"<th>Confiance</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
        )
    return "".join(out)


def _quote_tip(q: Quote) -> str:
    who = q.speaker.name if q.speaker and q.speaker.name else "locuteur inconnu"
    if q.speaker and q.speaker.role:
        who += f", {q.speaker.role}"
    when = f"le {_french_date(q.date)}" if q.date else "date inconnue"
    if q.date_basis:
        when += f" ({_BASIS_LABELS.get(q.date_basis, q.date_basis)})"
    kind = _TYPE_LABELS.get(q.type, q.type)
    return f"Citation {kind} — {who} — {when} — confiance {q.confidence:.2f}"


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


def _link(url: str) -> str:
    # Only web links become clickable: a "javascript:" URL from an input must stay inert.
    if url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    return f"<span>{_e(url)}</span>"


def _excerpt(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _e(s: str) -> str:
    return html.escape(s, quote=True)


_LEGEND = (
    '<p class="legend">'
    '<mark class="q t-direct nospk">directe</mark> '
    '<mark class="q t-indirect nospk">indirecte</mark> '
    '<mark class="q t-mixed nospk">mixte</mark> · '
    '<span class="spk nospk">locuteur</span> · <span class="cue nospk">indice</span> · '
    "une couleur par locuteur ; survoler ou cliquer une marque pour le détail</p>"
)

_CSS = """
:root{--ink:#1d1d1f;--muted:#666;font-family:Georgia,'DejaVu Serif',serif;color:var(--ink)}
body{margin:0;background:#fafaf7}
header.page{padding:1rem 2rem;background:#fff;border-bottom:1px solid #ddd;position:sticky;
 top:0;z-index:2}
h1{margin:0;font-size:1.4rem}.summary,.legend{margin:.3rem 0;color:var(--muted);font-size:.9rem}
main{padding:1rem 2rem}
section.article,section.errors{background:#fff;border:1px solid #ddd;border-radius:6px;
 margin:0 0 1.5rem;padding:1rem 1.5rem}
section h2{margin:.2rem 0;font-size:1.2rem}
.meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 1rem}
.cols{display:flex;gap:2rem;align-items:flex-start}
.text{flex:3;white-space:pre-wrap;line-height:1.7;font-size:1rem}
aside.who{flex:2;position:sticky;top:6rem;font-size:.85rem;max-height:80vh;overflow:auto}
aside.who h3{margin-top:0}aside.who ul{list-style:none;padding:0}aside.who ol{padding-left:1.2rem}
aside.who li.speaker{margin-bottom:.8rem}aside.who a{color:inherit;text-decoration:none}
aside.who a:hover{text-decoration:underline}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;
 background:hsl(var(--h,0) var(--s,65%) 45%)}
.nospk{--s:0%}
.role{color:var(--muted);font-style:italic}.count{color:var(--muted)}
.badge{font:600 .7rem system-ui,sans-serif;text-transform:uppercase;color:var(--muted)}
mark.q{color:inherit;background:hsla(var(--h,0),var(--s,75%),60%,.22);padding:0 1px;cursor:pointer;
 border-bottom:2px solid hsl(var(--h,0) var(--s,60%) 40%)}
mark.t-indirect{border-bottom-style:dashed;background:hsla(var(--h,0),var(--s,75%),60%,.12)}
mark.t-mixed{border-bottom:3px double hsl(var(--h,0) var(--s,60%) 40%)}
.spk{font-weight:bold;color:hsl(var(--h,0) var(--s,60%) 30%);cursor:pointer;
 outline:1px solid hsla(var(--h,0),var(--s,60%),40%,.5);border-radius:3px}
.cue{font-style:italic;text-decoration:underline wavy #888;text-underline-offset:3px;cursor:pointer}
.active{outline:2px solid #d00!important}
.warn{color:#b00;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;
 padding:.3rem;text-align:left;vertical-align:top}tr.speaker th{background:#f4f4f0}
#details{position:fixed;right:1rem;bottom:1rem;width:24rem;max-width:90vw;background:#fff;
 border:1px solid #999;border-radius:6px;box-shadow:0 4px 16px #0003;padding:.8rem 1rem;
 font:.85rem system-ui,sans-serif;z-index:3}
#details dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem;margin:0}
#details dt{color:var(--muted)}#details button{float:right}
"""

_JS = """
(function () {
  var data = JSON.parse(document.getElementById('quote-data').textContent);
  var panel = document.getElementById('details');
  var labels = [['type', 'Type'], ['speaker', 'Locuteur'], ['role', 'Rôle'],
    ['mention', 'Mention'], ['cue', 'Indice'], ['date', 'Date'], ['basis', 'Datée par'],
    ['confidence', 'Confiance'], ['text', 'Citation']];
  function show(id) {
    var d = data[id];
    if (!d) return;
    document.querySelectorAll('.active').forEach(function (e) { e.classList.remove('active'); });
    document.querySelectorAll('[data-q~="' + id + '"]').forEach(function (e) {
      e.classList.add('active');
    });
    var close = document.createElement('button');
    close.textContent = '×';
    close.onclick = function () { panel.hidden = true; };
    var dl = document.createElement('dl');
    labels.forEach(function (pair) {
      var v = d[pair[0]];
      if (v === null || v === undefined || v === '') return;
      var dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = pair[1];
      dd.textContent = String(v);
      dl.append(dt, dd);
    });
    panel.replaceChildren(close, dl);
    panel.hidden = false;
  }
  // A link to page.html#a0q3 opens that quote's details, as the side list's links do.
  function fromHash() { if (location.hash) show(decodeURIComponent(location.hash.slice(1))); }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-show],[data-q]');
    if (!el) return;
    var ids = (el.dataset.show || el.dataset.q).split(' ');
    show(ids[ids.length - 1]);
  });
})();
"""


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
                quotes.append(Quote.from_json(line))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                error = f"not a quote ({type(exc).__name__}: {str(exc)[:80]})"
                errors.append(ErrorRecord(path=path, error=error, line=n))
    return quotes, errors
