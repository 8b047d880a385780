"""The numbers a researcher asks first: who is quoted, how often, by gender, outlet and month.

One pass over the quotes feeds both the speaker directory (:mod:`.speakers`) and the counts;
the manifest that ``quoteattr extract`` wrote beside the quotes adds the articles without
quotes and the people each article names (quoted or not). A quote by a named person counts
with the gender the directory decides for that person across the corpus; « la ministre »
with the gender its article shows; organisations and groups apart.

>>> from quoteattr.model import ArticleRef, Quote, Speaker
>>> def q(name, gender, source, pub):
...     return Quote(text="…", type="direct", start=0, end=1,
...                  speaker=Speaker(name=name, gender=gender, gender_source=source),
...                  article=ArticleRef(id=name + pub, publisher=pub, date="2024-05-02"))
>>> s = compute([q("Anne Morel", "f", "title", "Le Soir"),
...              q("Paul Roy", "m", "firstname", "Le Soir"),
...              q("Paul Roy", "m", "firstname", "Le Devoir")])
>>> s.n_quotes, s.quotes_by_gender["f"], s.quotes_by_gender["m"], s.share_women()
(3, 1, 2, 0.333)
>>> [(o["outlet"], o["quotes"]) for o in s.by_outlet]
[('Le Soir', 2), ('Le Devoir', 1)]
>>> s.top_sources[0]["name"], s.top_sources[0]["quotes"]
('Paul Roy', 2)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..model import Quote
from .gender import SOURCES
from .quotes import OnError, Record, article_key, month, outlet, quote_records, same_file
from .speakers import Collector, Directory

#: Categories of quotes by their speaker, in report order.
CATEGORIES = ("f", "m", "unknown", "organisation", "group", "none")
LABELS = {
    "f": "women",
    "m": "men",
    "unknown": "people, gender unknown",
    "organisation": "organisations",
    "group": "groups",
    "none": "no speaker",
}
#: Where a gender came from, strongest first (see :mod:`quoteattr.attribute.gender`).
EVIDENCE = SOURCES


@dataclass
class Stats:
    """Counts over a corpus of quotes; :meth:`to_dict` gives them as JSON, ``str()`` as text.

    ``quotes_by_gender`` counts quotes by :data:`CATEGORIES`; ``people_by_gender`` the
    distinct people quoted; ``mentioned_by_gender`` the people the articles name, summed over
    articles (from the manifest, None without one); ``by_outlet`` and ``by_month`` one row each
    with ``quotes`` and the same categories.
    """

    n_quotes: int = 0
    n_articles: int = 0
    n_articles_with_quotes: int = 0
    n_outlets: int = 0
    quotes_by_gender: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    people_by_gender: dict[str, int] = field(default_factory=lambda: {"f": 0, "m": 0, "unknown": 0})
    mentioned_by_gender: dict[str, int] | None = None
    evidence: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVIDENCE, 0))
    top_sources: list[dict[str, Any]] = field(default_factory=list)
    by_outlet: list[dict[str, Any]] = field(default_factory=list)
    by_month: list[dict[str, Any]] = field(default_factory=list)

    def share_women(self, counts: dict[str, int] | None = None) -> float | None:
        """Women among the people of known gender in ``counts`` (default: quotes), to 3 places."""
        c = self.quotes_by_gender if counts is None else counts
        known = c.get("f", 0) + c.get("m", 0)
        return round(c.get("f", 0) / known, 3) if known else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["share_women"] = {
            "quotes": self.share_women(),
            "people_quoted": self.share_women(self.people_by_gender),
            "people_mentioned": (
                self.share_women(self.mentioned_by_gender) if self.mentioned_by_gender else None
            ),
        }
        return d

    def __str__(self) -> str:
        return _text(self)


def compute(
    quotes: Iterable[Quote | Record] | str | Path,
    *,
    manifest: str | Path | None = None,
    top: int = 10,
    on_error: OnError | None = None,
) -> Stats:
    """The :class:`Stats` of ``quotes`` (Quote objects, dicts, or quotes JSONL paths).

    ``manifest`` is the ``OUT.articles.jsonl`` of the extraction, for articles without quotes
    and the people each article names. ``top`` is the length of the top-sources list.
    """
    collector = Collector()
    # (directory key or None, category, outlet, month, evidence) -> quotes, then resolved once
    # the directory is known: memory grows with distinct speakers, not quotes.
    tally: Counter[tuple[Any, ...]] = Counter()
    articles: set[str] = set()
    for rec in quote_records(quotes, on_error):
        collector.add(rec)
        sp = rec.get("speaker") or {}
        kind = sp.get("kind")
        if not sp:
            cat = "none"
        elif kind in {"organisation", "group"}:
            cat = kind
        else:
            cat = sp.get("gender") if sp.get("gender") in {"f", "m"} else "unknown"
        source = sp.get("gender_source") if cat in {"f", "m"} else None
        named = kind in {"person", "organisation"} and bool(sp.get("name"))
        tally[(_ref(rec) if named else None, cat, outlet(rec), month(rec), source)] += 1
        articles.add(article_key(rec))
    directory = collector.directory()
    stats = Stats(n_articles_with_quotes=len(articles), n_articles=len(articles))
    _count(stats, directory, tally, top)
    if manifest is not None:
        _read_manifest(stats, Path(manifest), on_error)
    return stats


def _ref(rec: Record) -> tuple[str, str, str]:
    """What :meth:`Directory.find` needs of a quote, small enough to tally."""
    sp = rec["speaker"]
    return (sp.get("name") or "", sp.get("kind") or "person", article_key(rec))


def _count(stats: Stats, directory: Directory, tally: Counter[tuple[Any, ...]], top: int) -> None:
    outlets: dict[str, Counter[str]] = defaultdict(Counter)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    per_entry: Counter[str] = Counter()
    entries = {}
    for (ref, cat, where, when, source), n in tally.items():
        entry = None
        if ref is not None:
            name, kind, art = ref
            entry = directory.find(
                {"speaker": {"name": name, "kind": kind}, "article": {"id": art}}
            )
        if entry is not None:
            entries[entry.id] = entry
            per_entry[entry.id] += n
            if entry.kind == "person":
                # One gender per person across the corpus: the directory's.
                cat = entry.gender or "unknown"
                source = entry.gender_source
        stats.n_quotes += n
        stats.quotes_by_gender[cat] += n
        if source in stats.evidence:
            stats.evidence[source] += n
        for table, key in ((outlets, where or "(unknown outlet)"), (months, when or "(undated)")):
            table[key]["quotes"] += n
            table[key][cat] += n
    for entry in entries.values():
        if entry.kind == "person":
            stats.people_by_gender[entry.gender or "unknown"] += 1
    stats.n_outlets = len([o for o in outlets if o != "(unknown outlet)"])
    ranked = sorted(per_entry.items(), key=lambda kv: (-kv[1], entries[kv[0]].name))[:top]
    stats.top_sources = [
        {
            "id": i,
            "name": entries[i].name,
            "kind": entries[i].kind,
            "gender": entries[i].gender,
            "quotes": n,
            "articles": entries[i].n_articles,
            "outlets": entries[i].n_outlets,
        }
        for i, n in ranked
    ]
    stats.by_outlet = [
        {"outlet": o, **_row(c)}
        for o, c in sorted(outlets.items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))
    ]
    stats.by_month = [{"month": m, **_row(c)} for m, c in sorted(months.items())]


def _row(c: Counter[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"quotes": c["quotes"], **{k: c[k] for k in CATEGORIES}}
    known = c["f"] + c["m"]
    row["share_women"] = round(c["f"] / known, 3) if known else None
    return row


def _read_manifest(stats: Stats, path: Path, on_error: OnError | None) -> None:
    """Articles (with quotes or not) and the people they name, from the extraction's manifest."""
    mentioned = {"f": 0, "m": 0, "unknown": 0}
    seen = counted = 0
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    rec = json.loads(line)
                except ValueError:
                    if on_error:
                        on_error(str(path), n, "not a manifest line")
                    continue
                if not isinstance(rec, dict) or rec.get("status") != "ok":
                    continue
                seen += 1
                people = rec.get("people")
                if isinstance(people, dict):
                    counted += 1
                    for k in mentioned:
                        mentioned[k] += int(people.get(k) or 0)
    except (OSError, UnicodeDecodeError) as exc:
        if on_error:
            on_error(str(path), None, f"cannot read the manifest ({type(exc).__name__})")
        return
    stats.n_articles = max(seen, stats.n_articles_with_quotes)
    # Manifests from before the people counts carry none: say nothing rather than zero.
    stats.mentioned_by_gender = mentioned if counted else None


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –  "


def _text(s: Stats) -> str:
    lines = [
        f"{s.n_quotes} quotes in {s.n_articles_with_quotes} articles"
        + (f" (of {s.n_articles})" if s.n_articles > s.n_articles_with_quotes else "")
        + f", {s.n_outlets} outlets",
        "",
        "Quotes by speaker",
    ]
    for cat in CATEGORIES:
        n = s.quotes_by_gender[cat]
        lines.append(f"  {LABELS[cat]:<24}{n:>7}  {_pct(n, s.n_quotes)}")
    share = s.share_women()
    lines.append(f"  share of women among quotes by people of known gender: {_share(share)}")
    lines += ["", "People"]
    p = s.people_by_gender
    lines.append(
        f"  quoted:    {p['f']} women, {p['m']} men, {p['unknown']} unknown"
        f" — women {_share(s.share_women(p))}"
    )
    if s.mentioned_by_gender is not None:
        m = s.mentioned_by_gender
        lines.append(
            f"  mentioned: {m['f']} women, {m['m']} men, {m['unknown']} unknown"
            f" — women {_share(s.share_women(m))} (summed over articles)"
        )
    lines.append(
        "  gender evidence of quotes: " + ", ".join(f"{k} {v}" for k, v in s.evidence.items())
    )
    lines += ["", "Top sources"]
    for i, t in enumerate(s.top_sources, 1):
        g = {"f": " (f)", "m": " (m)"}.get(t["gender"] or "", "")
        lines.append(
            f"  {i:>2}. {t['name']}{g}: {t['quotes']} quotes, {t['articles']} articles,"
            f" {t['outlets']} outlets"
        )
    for title, rows, key in (
        ("By outlet", s.by_outlet, "outlet"),
        ("By month", s.by_month, "month"),
    ):
        lines += ["", f"{title}", f"  {'':<28}{'quotes':>7}{'women':>7}{'men':>7}  women share"]
        for r in rows:
            counts = f"{r['quotes']:>7}{r['f']:>7}{r['m']:>7}"
            lines.append(f"  {str(r[key])[:28]:<28}{counts}  {_share(r['share_women'])}")
    return "\n".join(lines)


def _share(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


# --- command line ---------------------------------------------------------------------------


def cli_main(argv: list[str] | None = None) -> int:
    """``quoteattr stats QUOTES.jsonl... [--json] [--html report.html]``."""
    parser = argparse.ArgumentParser(
        prog="quoteattr stats",
        description="Who is quoted: quotes and people by gender, top sources, by outlet and "
        "by month, from the quotes JSONL of 'quoteattr extract' (nothing is re-parsed).",
        epilog="Example: quoteattr stats quotes.jsonl --html report.html",
    )
    parser.add_argument("quotes", nargs="+", metavar="QUOTES", help="quotes JSONL (from extract)")
    parser.add_argument(
        "--manifest",
        metavar="FILE",
        help="the extraction's manifest (default: QUOTES.articles.jsonl beside the first input, "
        "if present): articles without quotes and the people each article names",
    )
    parser.add_argument("--top", type=int, default=10, metavar="N", help="top sources listed")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    parser.add_argument("--title", default="Qui est cité ?", help="title of the HTML report")
    parser.add_argument("--strict", action="store_true", help="exit with 1 if a line was bad")
    args = parser.parse_args(argv)
    if args.top < 1:
        parser.error("--top must be a positive whole number")
    if args.html and any(same_file(args.html, q) for q in args.quotes):
        parser.error(f"{args.html} is an input: refusing to overwrite it")
    manifest = args.manifest
    if manifest is None:
        from ..batch import manifest_path

        guess = manifest_path(args.quotes[0])
        manifest = str(guess) if guess.exists() and len(args.quotes) == 1 else None
    bad: list[str] = []

    def on_error(path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        bad.append(where)
        print(f"quoteattr stats: skipped {where}: {message}", file=sys.stderr)

    stats = compute(list(args.quotes), manifest=manifest, top=args.top, on_error=on_error)
    if not stats.n_quotes and bad:
        print("quoteattr stats: error: no quote could be read", file=sys.stderr)
        return 2
    print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=1) if args.json else str(stats))
    if args.html:
        from .report import report

        try:
            Path(args.html).write_text(report(stats, title=args.title), encoding="utf-8")
        except OSError as exc:
            print(
                f"quoteattr stats: error: cannot write {args.html}: {exc.strerror}", file=sys.stderr
            )
            return 2
        print(f"quoteattr stats: report -> {args.html}", file=sys.stderr)
    return 1 if bad and args.strict else 0
