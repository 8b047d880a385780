"""Scoring extracted quotations against a hand-annotated gold set.

The gold set is a directory holding ``gold.jsonl`` (one quotation a line) and, optionally,
``articles.jsonl`` (one article's metadata a line), annotated as the project's
``ANNOTATION.md`` says. Predictions are the JSONL that ``quoteattr extract`` writes, or the
:class:`~quoteattr.model.Quote` records themselves.

A predicted and a gold quotation *match* when their word overlap (shared words over the words
of the longer one) is at least 0.5; pairs are taken greedily, best overlap first, one to one,
within each input file. Gold quotations marked ``optional`` are neither rewarded nor penalised.
An *exact* match additionally needs the same words in the same order.

>>> import json, pathlib, tempfile
>>> gold_dir = pathlib.Path(tempfile.mkdtemp())
>>> _ = (gold_dir / "gold.jsonl").write_text(json.dumps({"file": "a.txt", "article": 0,
...     "text": "Nous gagnerons", "type": "direct", "speaker": ["Marie Dupont", "Mme Dupont"],
...     "date": None}) + "\\n", encoding="utf-8")
>>> pred = {"text": "nous gagnerons", "type": "direct", "speaker": {"name": "Mme Dupont"},
...         "article": {"path": "in/a.txt"}}
>>> scores = evaluate([pred], gold_dir)
>>> scores.quote_f1, scores.attribution_f1, scores.canonical_speaker_accuracy_on_matched
(1.0, 1.0, 0.0)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article, ErrorRecord, Quote

__all__ = ["Mismatch", "Scores", "evaluate", "cli_main"]

#: The least word overlap for a prediction to count as finding a gold quotation.
MIN_OVERLAP = 0.5

_WORD = re.compile(r"\w+")
# Titles and articles are not part of a name: "M. Wang" is "Wang", "la CGT" is "CGT".
_TITLES = frozenset({"m", "mme", "mlle", "mr", "dr", "pr", "me", "mgr"})
_ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "des", "du"})
_METADATA = ("title", "date", "url", "publisher")


@dataclass
class Mismatch:
    """One difference between predictions and gold, for ``--show-errors``.

    ``kind`` is ``missed``, ``spurious``, ``speaker``, ``date`` or ``article``.
    """

    kind: str
    file: str
    what: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind:9} {self.file}: {self.what} {self.detail}"


@dataclass
class Scores:
    """Every measure of one evaluation; ratios are in [0, 1] and not rounded.

    Quote and attribution precision/recall/F1 use the overlap match; ``exact_*`` the exact
    one. Accuracies ``*_on_matched`` are over matched required gold quotations (for dates,
    over those whose gold date is known).
    """

    gold_quotes: int = 0
    predicted_quotes: int = 0
    matched: int = 0
    quote_precision: float = 0.0
    quote_recall: float = 0.0
    quote_f1: float = 0.0
    attribution_precision: float = 0.0
    attribution_recall: float = 0.0
    attribution_f1: float = 0.0
    speaker_accuracy_on_matched: float = 0.0
    canonical_speaker_accuracy_on_matched: float = 0.0
    type_accuracy_on_matched: float = 0.0
    date_accuracy_on_matched: float = 0.0
    mean_span_overlap: float = 0.0
    article_metadata_accuracy: float = 0.0
    exact_matched: int = 0
    exact_precision: float = 0.0
    exact_recall: float = 0.0
    exact_f1: float = 0.0
    #: Predictions for input files the gold set does not cover, left out of every measure.
    unscored_predictions: int = 0
    unscored_files: int = 0
    errors: list[Mismatch] = field(default_factory=list)
    #: The base names of those files, in the order their predictions came.
    unscored_names: list[str] = field(default_factory=list)

    def as_dict(self, digits: int | None = 3) -> dict[str, int | float]:
        """The measures (not the errors or file names) by name, ratios rounded to ``digits``."""
        out: dict[str, int | float] = {}
        for name, value in vars(self).items():
            if not isinstance(value, int | float):
                continue
            rounded = isinstance(value, float) and digits is not None
            out[name] = round(value, digits) if rounded else value
        return out


def evaluate(
    predictions: str | os.PathLike[str] | Iterable[Quote | Mapping[str, Any]],
    gold_dir: str | os.PathLike[str],
    *,
    min_overlap: float = MIN_OVERLAP,
) -> Scores:
    """Scores ``predictions`` (a JSONL path, or Quote records or dicts) against ``gold_dir``.

    Predictions are matched to gold by the basename of ``article.path``; predictions for files
    the gold set does not cover are left out, and counted in ``unscored_predictions`` and
    ``unscored_files``. Raises ``ValueError`` naming the file and line
    when an input cannot be read.
    """
    gold_dir = Path(gold_dir)
    gold = _read_jsonl(gold_dir / "gold.jsonl")
    for n, g in enumerate(gold, 1):
        missing = {"file", "text", "type", "speaker"} - g.keys()
        if missing:
            raise ValueError(f"{gold_dir / 'gold.jsonl'}:{n}: missing {', '.join(sorted(missing))}")
    articles_path = gold_dir / "articles.jsonl"
    articles = _read_jsonl(articles_path) if articles_path.exists() else []
    if isinstance(predictions, (str, os.PathLike)):
        preds = _read_jsonl(Path(predictions))
    else:
        preds = [_as_dict(p) for p in predictions]
    return _score(preds, gold, articles, min_overlap)


def _score(
    preds: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    min_overlap: float,
) -> Scores:
    s = Scores()
    by_file: dict[str, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
    for g in gold:
        by_file[g["file"]][0].append(g)
    for p in preds:
        by_file[_file_of(p)][1].append(p)
    known = {g["file"] for g in gold}
    tp_attr = tp_canon = tp_type = tp_date = n_date = exact_predicted = 0
    overlaps: list[float] = []
    for fname, (gs, ps) in by_file.items():
        # Predictions for files outside the gold set say nothing about its quality; they are
        # counted, so that a user whose paths do not match the gold's file names learns it.
        if fname not in known:
            s.unscored_predictions += len(ps)
            s.unscored_files += 1
            s.unscored_names.append(fname)
            continue
        gw = [_words(g["text"]) for g in gs]
        pw = [_words(p.get("text") or "") for p in ps]
        optional = [bool(g.get("optional")) for g in gs]
        match = _greedy_match(gw, pw, optional, min_overlap)
        exact = _greedy_match(gw, pw, optional, 1.0, same_order=True)
        s.exact_matched += sum(1 for i in exact if not optional[i])
        exact_predicted += len(ps) - sum(1 for i in exact if optional[i])
        for i, g in enumerate(gs):
            if optional[i]:
                continue
            s.gold_quotes += 1
            if i not in match:
                s.errors.append(Mismatch("missed", fname, g["text"][:90]))
                continue
            j, ov = match[i]
            p = ps[j]
            s.matched += 1
            overlaps.append(ov)
            attr, canon, why = _judge_speaker(p, g["speaker"])
            tp_attr += attr
            tp_canon += canon
            if why:
                s.errors.append(Mismatch("speaker", fname, g["text"][:60], why))
            tp_type += p.get("type") == g["type"]
            if g.get("date"):
                n_date += 1
                # Only the day counts: a time of day on the prediction is not an error.
                if (p.get("date") or "")[:10] == g["date"]:
                    tp_date += 1
                else:
                    got, want = p.get("date"), g["date"]
                    why = f"got {got!r}, want {want!r}"
                    s.errors.append(Mismatch("date", fname, g["text"][:60], why))
        # A prediction that found an optional quotation is neither right nor wrong.
        optional_hits = {j for i, (j, _) in match.items() if optional[i]}
        used = {j for j, _ in match.values()}
        for j, p in enumerate(ps):
            if j in optional_hits:
                continue
            s.predicted_quotes += 1
            if j not in used:
                text = (p.get("text") or "")[:90]
                s.errors.append(Mismatch("spurious", fname, text, _speaker_name(p)))
    meta_ok, meta_n = _score_metadata(preds, articles, s.errors)
    s.quote_precision, s.quote_recall, s.quote_f1 = _prf(
        s.matched, s.predicted_quotes, s.gold_quotes
    )
    s.attribution_precision, s.attribution_recall, s.attribution_f1 = _prf(
        tp_attr, s.predicted_quotes, s.gold_quotes
    )
    s.exact_precision, s.exact_recall, s.exact_f1 = _prf(
        s.exact_matched, exact_predicted, s.gold_quotes
    )
    if s.matched:
        s.speaker_accuracy_on_matched = tp_attr / s.matched
        s.canonical_speaker_accuracy_on_matched = tp_canon / s.matched
        s.type_accuracy_on_matched = tp_type / s.matched
        s.mean_span_overlap = sum(overlaps) / len(overlaps)
    s.date_accuracy_on_matched = tp_date / n_date if n_date else 0.0
    s.article_metadata_accuracy = meta_ok / meta_n if meta_n else 0.0
    return s


def _greedy_match(
    gold_words: list[list[str]],
    pred_words: list[list[str]],
    optional: list[bool],
    threshold: float,
    *,
    same_order: bool = False,
) -> dict[int, tuple[int, float]]:
    """Gold index → (prediction index, overlap), best overlap first, one to one."""
    pairs = []
    for i, gw in enumerate(gold_words):
        for j, pw in enumerate(pred_words):
            ov = _identical(gw, pw) if same_order else _overlap(gw, pw)
            if ov >= threshold:
                pairs.append((ov, not optional[i], i, j))
    # On equal overlap a required quotation wins over an optional one, then later indices
    # win: the same order as the reference scorer, so that both give the same numbers.
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    match: dict[int, tuple[int, float]] = {}
    for ov, _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        match[i] = (j, ov)
    return match


def _judge_speaker(pred: Mapping[str, Any], aliases: list[str]) -> tuple[bool, bool, str]:
    """(attribution right, canonical name right, error detail) for one matched pair."""
    got = _speaker_name(pred)
    name = _name_key(got)
    keys = {_name_key(a) for a in aliases}
    # An empty gold list means nobody can be named: naming someone is then wrong.
    if not keys:
        return (not name, not name, f"got {got!r}, want none" if name else "")
    if name and name in keys:
        return True, name == _name_key(aliases[0]), ""
    return False, False, f"got {got!r}, want {aliases[0]!r}"


def _score_metadata(
    preds: list[dict[str, Any]], articles: list[dict[str, Any]], errors: list[Mismatch]
) -> tuple[int, int]:
    """(right, checked) article fields; an article's fields come from its first quote."""
    got: dict[tuple[str, int], Mapping[str, Any]] = {}
    for p in preds:
        a = p.get("article") or {}
        got.setdefault((os.path.basename(a.get("path") or ""), a.get("index") or 0), a)
    ok = checked = 0
    for a in articles:
        for name in _METADATA:
            want = a.get(name)
            # Fields the input does not give are not scored.
            if want is None:
                continue
            checked += 1
            have = got.get((a["file"], a.get("article", 0)), {}).get(name) or ""
            if name == "date":
                right = have[:10] == want
            else:
                right = _fold(have).strip() == _fold(want).strip()
            ok += right
            if not right:
                what = f"#{a.get('article', 0)} {name}"
                errors.append(Mismatch("article", a["file"], what, f"got {have!r}, want {want!r}"))
    return ok, checked


def _fold(s: str | None) -> str:
    """Lower case, no accents, straight apostrophes: how texts and names are compared."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower().replace("’", "'")


def _words(s: str | None) -> list[str]:
    return _WORD.findall(_fold(s))


def _overlap(a: list[str], b: list[str]) -> float:
    """Shared words (with multiplicity) over the words of the longer side."""
    if not a or not b:
        return 0.0
    return sum((Counter(a) & Counter(b)).values()) / max(len(a), len(b))


def _identical(a: list[str], b: list[str]) -> float:
    """1.0 for the same words in the same order, else 0.0."""
    return 1.0 if a and a == b else 0.0


def _name_key(s: str) -> str:
    """A name without case, accents, titles (M., Mme…) or a leading article (la CGT)."""
    ws = [w for w in _words(s) if w not in _TITLES]
    while ws and ws[0] in _ARTICLES:
        ws = ws[1:]
    return " ".join(ws)


def _speaker_name(p: Mapping[str, Any]) -> str:
    s = p.get("speaker")
    if isinstance(s, Mapping):
        return s.get("name") or s.get("mention") or ""
    return s or ""


def _file_of(p: Mapping[str, Any]) -> str:
    path = (p.get("article") or {}).get("path") or p.get("path") or ""
    return os.path.basename(path)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _as_dict(p: Quote | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(p, Quote):
        return p.to_dict()
    if isinstance(p, Mapping):
        return dict(p)
    raise TypeError(f"a prediction must be a Quote or a dict, not {type(p).__name__}: {p!r:.80}")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; ValueError naming the file and line otherwise."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from None
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}:{n}: expected a JSON object, got {type(record).__name__}")
        records.append(record)
    return records


def cli_main(argv: list[str]) -> int:
    """``quoteattr evaluate``: prints the scores; 0 on success, 2 when an input is unusable."""
    parser = argparse.ArgumentParser(
        prog="quoteattr evaluate",
        description="Score quotations against a gold set (gold.jsonl, articles.jsonl).",
        epilog="Examples: quoteattr evaluate quotes.jsonl gold/ ; "
        "quoteattr evaluate --run gold/*.txt gold/",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="PRED.jsonl GOLD_DIR, or with --run: INPUT... GOLD_DIR",
    )
    parser.add_argument(
        "--run", action="store_true", help="extract the quotations of the INPUTs first"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="list every miss, spurious quotation and wrong field",
    )
    parser.add_argument("--date", help="with --run: publication date of undated articles")
    parser.add_argument("--publisher", help="with --run: publisher of articles that lack one")
    args = parser.parse_args(argv)
    if not args.run and len(args.paths) != 2:
        parser.error("expected PRED.jsonl GOLD_DIR (or --run INPUT... GOLD_DIR)")
    if len(args.paths) < 2:
        parser.error("--run needs at least one INPUT and the GOLD_DIR")
    if not args.run and (args.date or args.publisher):
        parser.error("--date and --publisher apply to --run only")
    *inputs, gold_dir = args.paths
    if not Path(gold_dir).is_dir():
        print(f"quoteattr evaluate: error: {gold_dir}: not a directory", file=sys.stderr)
        return 2
    try:
        if args.run:
            predictions: Any = list(_extract(inputs, args.date, args.publisher))
        else:
            predictions = inputs[0]
        scores = evaluate(predictions, gold_dir)
    except ValueError as exc:
        print(f"quoteattr evaluate: error: {exc}", file=sys.stderr)
        return 2
    if scores.unscored_predictions:
        names = ", ".join(scores.unscored_names[:5])
        more = ", …" if scores.unscored_files > 5 else ""
        print(
            f"quoteattr evaluate: {scores.unscored_predictions} predictions for "
            f"{scores.unscored_files} files that {gold_dir} has no gold for were not scored "
            f"({names}{more})",
            file=sys.stderr,
        )
    if args.show_errors:
        for mismatch in scores.errors:
            print(mismatch)
        print()
    if args.json:
        print(json.dumps(scores.as_dict()))
    else:
        for name, value in scores.as_dict().items():
            print(f"{name:40} {value}")
    return 0


def _extract(paths: list[str], date: str | None, publisher: str | None) -> Iterator[Quote]:
    """The quotes of every readable article; unreadable inputs are reported on stderr."""
    from .pipeline import Extractor
    from .reading import read_paths

    def readable() -> Iterator[Article]:
        for item in read_paths(paths, date=date, publisher=publisher):
            if isinstance(item, ErrorRecord):
                print(f"quoteattr evaluate: skipped {item.path}: {item.error}", file=sys.stderr)
            else:
                yield item

    for _, result in Extractor().pipe(readable()):
        if isinstance(result, ErrorRecord):
            print(f"quoteattr evaluate: skipped {result.path}: {result.error}", file=sys.stderr)
        else:
            yield from result
