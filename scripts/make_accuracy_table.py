#!/usr/bin/env python3
"""Measures accuracy and speed on the gold sets and rewrites the tables of docs/accuracy.md.

    python scripts/make_accuracy_table.py            # rewrite docs/accuracy.md
    python scripts/make_accuracy_table.py --print    # only print the tables

Gold sets: ``fixtures/`` (the seed articles) and ``fixtures/dev-wikinews/`` when present, else
``../shared/eval/dev-wikinews/`` when present. Each set's ``*.txt`` inputs are read as
``quoteattr extract`` reads them, run through one :class:`~quoteattr.pipeline.Extractor` in
this process, and scored with :func:`quoteattr.evaluate.evaluate`. Only the text between the
two marker lines of the document changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run from a checkout: the package beside this script, installed or not.
sys.path.insert(0, str(ROOT))

from quoteattr import __version__  # noqa: E402
from quoteattr.evaluate import Scores, evaluate  # noqa: E402
from quoteattr.model import Article, ErrorRecord, Quote  # noqa: E402

BEGIN = "<!-- accuracy-table:begin (scripts/make_accuracy_table.py rewrites this part) -->"
END = "<!-- accuracy-table:end -->"


def gold_sets() -> list[tuple[str, Path]]:
    """(name, directory) of each gold set available in this checkout."""
    sets = [("seed (fixtures/)", ROOT / "fixtures")]
    for d in (ROOT / "fixtures" / "dev-wikinews", ROOT.parent / "shared" / "eval" / "dev-wikinews"):
        if (d / "gold.jsonl").exists():
            sets.append(("dev-wikinews", d))
            break
    return sets


def measure(gold_dir: Path, extractor: object) -> tuple[Scores, dict[str, float]]:
    """Scores and speed of ``extractor`` on the ``*.txt`` articles of ``gold_dir``."""
    from quoteattr.reading import read_paths

    inputs = sorted(str(p) for p in gold_dir.glob("*.txt"))
    articles: list[Article] = []
    for item in read_paths(inputs):
        if isinstance(item, ErrorRecord):
            raise SystemExit(f"{item.path}: {item.error}")
        articles.append(item)
    quotes: list[Quote] = []
    start = time.perf_counter()
    for article, result in extractor.pipe(articles):  # type: ignore[attr-defined]
        if isinstance(result, ErrorRecord):
            raise SystemExit(f"{article.path}: {result.error}")
        quotes.extend(result)
    seconds = time.perf_counter() - start
    chars = sum(len(a.text) for a in articles)
    speed = {"articles": len(articles), "chars": chars, "seconds": seconds}
    return evaluate(quotes, gold_dir), speed


def tables(results: list[tuple[str, Scores, dict[str, float]]], load_seconds: float) -> str:
    """The Markdown that goes between the markers."""
    import spacy

    from quoteattr.nlp import DEFAULT_MODEL

    acc = [
        "| set | gold quotes | found | quote P | quote R | quote F1 | exact F1 | attribution F1 "
        "| canonical speaker | type | date | span overlap | article metadata |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s, _ in results:
        acc.append(
            f"| {name} | {s.gold_quotes} | {s.predicted_quotes} | {s.quote_precision:.3f} "
            f"| {s.quote_recall:.3f} | **{s.quote_f1:.3f}** | {s.exact_f1:.3f} "
            f"| **{s.attribution_f1:.3f}** | {s.canonical_speaker_accuracy_on_matched:.3f} "
            f"| {s.type_accuracy_on_matched:.3f} | {s.date_accuracy_on_matched:.3f} "
            f"| {s.mean_span_overlap:.3f} | {s.article_metadata_accuracy:.3f} |"
        )
    speed = [
        "| set | articles | characters | seconds | articles/s | characters/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, _, sp in results:
        speed.append(
            f"| {name} | {sp['articles']} | {sp['chars']:,} | {sp['seconds']:.2f} "
            f"| {sp['articles'] / sp['seconds']:.1f} | {sp['chars'] / sp['seconds']:,.0f} |"
        )
    env = (
        f"Measured {dt.date.today().isoformat()} with quoteattr {__version__}, spaCy "
        f"{spacy.__version__}, {DEFAULT_MODEL} {spacy.util.get_package_version(DEFAULT_MODEL)}, "
        f"Python {platform.python_version()}, one process on a machine with {os.cpu_count()} "
        f"cores; loading the model took {load_seconds:.1f} s (not counted above)."
    )
    return "\n".join(["", "### Accuracy", "", *acc, "", "### Speed", "", *speed, "", env, ""])


def replace_between(document: str, body: str) -> str:
    """``document`` with the text between the two marker lines replaced by ``body``.

    >>> doc = f"intro\\n{BEGIN}\\nold\\n{END}\\nend"
    >>> replace_between(doc, "\\nnew\\n") == f"intro\\n{BEGIN}\\nnew\\n{END}\\nend"
    True
    """
    head, sep, rest = document.partition(BEGIN)
    if not sep or END not in rest:
        raise ValueError(f"the document lacks the marker lines {BEGIN!r} and {END!r}")
    return head + BEGIN + body + END + rest.split(END, 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "accuracy.md")
    parser.add_argument("--print", action="store_true", help="print the tables, write nothing")
    args = parser.parse_args(argv)
    from quoteattr.pipeline import Extractor

    start = time.perf_counter()
    extractor = Extractor()
    extractor.extract("Chauffe : « Oui », a-t-il dit.")  # the first doc pays for lazy loading
    load_seconds = time.perf_counter() - start
    results = [(name, *measure(d, extractor)) for name, d in gold_sets()]
    body = tables(results, load_seconds)
    if args.print:
        print(body)
        return 0
    try:
        args.doc.write_text(replace_between(args.doc.read_text(encoding="utf-8"), body), "utf-8")
    except (OSError, ValueError) as exc:
        print(f"make_accuracy_table: {args.doc}: {exc}", file=sys.stderr)
        return 2
    print(f"make_accuracy_table: rewrote {args.doc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
