#!/usr/bin/env python3
"""Throughput and memory of ``quoteattr extract``, measured against bare spaCy on the same texts.

    python benchmarks/bench.py            # 2,000 synthetic articles, a few minutes on 2 cores
    python benchmarks/bench.py --quick    # 400 articles, about a minute
    python benchmarks/bench.py --corpus DIR_OR_FILES...

Prints, for one corpus, and ends with PASS or FAIL for each target of issue 6:

- bare ``nlp.pipe`` tokens/s (the model with all its components, without ours: normal mode
  runs them all, fast mode all but the attribute ruler, whose one job it does itself),
  ``quoteattr`` tokens/s in one process (reading, extraction, JSON writing) and fast mode's
  (``--fast``); their ratios (targets: >= 0.90 and >= 2). The three run in turn on each
  quarter of the corpus, so that load from other processes hits them alike; CPU-time ratios
  are printed beside the wall-clock ones as a check;
- the command line with 1 and 2 worker processes: tokens/s after start-up, their ratio
  (target >= 1.7 on 2 cores), peak RSS of each worker after the first fifth of the corpus
  and at the end (target <= 1 GB), its resting RSS (the least between batches) after the
  first chunk and after the last (target: flat, no leak), and whether both outputs are
  byte-identical;
- the attribution F1 of normal and fast mode on the seed fixtures (target: within 0.01) and
  on the Wikinews dev set (reported).

Run it on an idle machine: the load average is printed at the start and the end.

The synthetic corpus recombines paragraphs of ``fixtures/*.txt`` (and of the Wikinews dev
texts copied in ``fixtures/dev-wikinews``) with a seeded RNG, so every run of one
seed parses the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteattr import batch  # noqa: E402
from quoteattr.nlp import load_nlp  # noqa: E402
from quoteattr.reading import read_paths  # noqa: E402

WIKINEWS = ROOT / "fixtures" / "dev-wikinews"


def build_corpus(out: Path, n: int, seed: int) -> Path:
    """``n`` articles of 2-4 paragraphs drawn from the fixtures, as one JSONL file."""
    sources = sorted(ROOT.glob("fixtures/*.txt"))
    if WIKINEWS.is_dir():
        sources += sorted(WIKINEWS.glob("*.txt"))
    paragraphs = [
        p.strip()
        for src in sources
        for p in src.read_text(encoding="utf-8").split("\n\n")
        # Lines shorter than a sentence are page furniture (menus, datelines), not prose.
        if len(p.strip()) > 80
    ]
    rng = random.Random(seed)
    path = out / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            body = rng.sample(paragraphs, rng.randint(2, 4))
            title = body[0].split(". ")[0][:90]
            date = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record = {"id": f"bench-{i}", "title": title, "date": date, "text": "\n\n".join(body)}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def articles(paths: list[str]) -> list:
    return [a for a in read_paths(paths) if not hasattr(a, "error")]


class Clock:
    """Wall and CPU seconds of this process, summed over the slices a mode ran."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def time(self, fn: Callable[[], object]) -> None:
        w, c = time.perf_counter(), time.process_time()
        fn()
        self.wall += time.perf_counter() - w
        self.cpu += time.process_time() - c


def in_process(paths: list[str], out: Path, slices: int = 4) -> tuple[int, dict[str, Clock]]:
    """Tokens of the corpus, and the clocks of bare spaCy, quoteattr and fast mode run in
    turn on each slice of it (model already loaded, one process)."""
    nlp = load_nlp()
    docs = articles(paths)
    modes = {"normal": batch.Options(), "fast": batch.Options(fast=True)}
    for options in modes.values():
        batch.process_chunk(docs[:4], options)  # warm-up: first calls allocate
    with nlp.select_pipes(disable=["quoteattr"]):
        print(f"  components: {', '.join(nlp.pipe_names)}")
        # The three share the model, and with it the lemmatizer's cache of (form, part of
        # speech), whose misses are slow (spaCy's French rules search lists of lemmas): the
        # first to meet a word would pay for the others. One untimed pass of the corpus
        # fills it, so each mode is timed as it runs in a long batch, none in another's stead.
        list(nlp.pipe([a.text for a in docs], batch_size=16))
    clocks = {"bare": Clock(), "normal": Clock(), "fast": Clock()}
    counted: list[int] = []
    step = -(-len(docs) // slices)
    for lo in range(0, len(docs), step):
        texts = [a.text for a in docs[lo : lo + step]]
        clocks["bare"].time(lambda texts=texts: counted.append(_bare(nlp, texts)))
        for mode, options in modes.items():
            part = out.with_name(f"{out.stem}-{mode}.jsonl")
            clocks[mode].time(
                lambda o=options, lo=lo, part=part: _extract(paths, lo, lo + step, part, o)
            )
    tokens = sum(counted)
    return tokens, clocks


def _bare(nlp: Any, texts: list[str]) -> int:
    with nlp.select_pipes(disable=["quoteattr"]):
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))


def _extract(paths: list[str], lo: int, hi: int, out: Path, options: batch.Options) -> None:
    """Reads articles ``lo`` to ``hi`` of ``paths``, extracts them and appends to ``out``."""
    with out.open("a", encoding="utf-8") as f:
        batch.run(islice(read_paths(paths), lo, hi), batch.Writer(f), options=options)


Samples = dict[int, list[tuple[int, int, int]]]


def cli_run(paths: list[str], out: Path, workers: int, extra: list[str]) -> tuple[float, Samples]:
    """Wall seconds of ``quoteattr extract`` and, per process, its (articles done, peak RSS,
    RSS, in bytes) samples."""
    cmd = [sys.executable, "-m", "quoteattr", "extract", *paths, "-o", str(out)]
    cmd += ["--workers", str(workers), "--no-progress", *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    samples = _watch_rss(proc, batch.manifest_path(out))
    _, err = proc.communicate()
    took = time.perf_counter() - t
    if proc.returncode:
        sys.exit(f"quoteattr extract failed ({proc.returncode}):\n{err}")
    return took, samples


def _watch_rss(proc: subprocess.Popen, manifest: Path) -> Samples:
    """Peak RSS (VmHWM) and RSS (VmRSS) of each process of ``proc``'s tree against the
    number of articles the manifest lists, sampled until the run ends (Linux only)."""
    samples: Samples = {}

    def tree(pid: int) -> list[int]:
        try:
            kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return [pid]
        return [pid] + [p for k in kids for p in tree(int(k))]

    def done() -> int:
        try:
            return manifest.read_bytes().count(b"\n")
        except OSError:
            return 0

    def sample() -> None:
        while proc.poll() is None:
            n = done()
            for pid in tree(proc.pid):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                kb = {
                    key: int(rest.split()[0]) * 1024
                    for key, _, rest in (line.partition(":") for line in status.splitlines())
                    if key in ("VmHWM", "VmRSS")
                }
                if len(kb) == 2:
                    samples.setdefault(pid, []).append((n, kb["VmHWM"], kb["VmRSS"]))
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    return samples


def peaks(samples: Samples, early: int) -> list[tuple[int, int]]:
    """Per process (largest first): its peak RSS once ``early`` articles were done, and at
    the end."""
    out = []
    for series in samples.values():
        first = max((hwm for n, hwm, _ in series if n <= early), default=0)
        out.append((first, max(hwm for _, hwm, _ in series)))
    return sorted(out, key=lambda p: p[1], reverse=True)


def resting(samples: Samples) -> list[tuple[int, int]]:
    """Per process that saw articles done at two moments at least (largest first): its
    least RSS while the manifest listed the first chunk done, and while it listed the last.

    The peak only says how large the largest batch was (one of long articles, late in the
    corpus, raises it for good); what a process holds between batches is what a leak or a
    cache growing with the input would raise. The manifest grows a chunk at a time, so the
    moments are those between two of its writes (before the first, the model is loading)."""
    out = []
    for series in samples.values():
        done = sorted({n for n, _, _ in series if n > 0})
        if len(done) >= 2:
            first = min(rss for n, _, rss in series if n == done[0])
            last = min(rss for n, _, rss in series if n == done[-1])
            out.append((first, last))
    return sorted(out, key=lambda p: p[1], reverse=True)


def f1(out: Path, gold_dir: Path, fast: bool) -> float:
    """Attribution F1 of normal or fast mode on the texts of ``gold_dir``."""
    from quoteattr.evaluate import evaluate

    texts = [str(p) for p in sorted(gold_dir.glob("*.txt"))]
    with out.open("w", encoding="utf-8") as f:
        batch.run(read_paths(texts), batch.Writer(f), options=batch.Options(fast=fast))
    return evaluate(out, gold_dir).attribution_f1


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="400 articles instead of 2,000")
    ap.add_argument("--articles", type=int, help="number of synthetic articles")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--corpus", nargs="+", metavar="PATH", help="use these inputs instead")
    ap.add_argument("--no-workers", action="store_true", help="skip the 1 vs 2 worker runs")
    args = ap.parse_args()

    print(f"machine: {os.cpu_count()} cores; load average {load()} (1, 5, 15 min)")
    tmp = Path(tempfile.mkdtemp(prefix="quoteattr-bench-"))
    if args.corpus:
        paths = args.corpus
    else:
        n = args.articles or (400 if args.quick else 2000)
        paths = [str(build_corpus(tmp, n, args.seed))]
    texts = [a.text for a in articles(paths)]
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)):,} characters ({tmp})")
    verdicts: list[tuple[str, bool]] = []

    tokens, clocks = in_process(paths, tmp / "inproc.jsonl")
    bare = clocks["bare"]
    print(f"bare nlp.pipe:           {tokens / bare.wall:8.0f} tokens/s  ({tokens:,} tokens)")
    for mode, target in (("normal", 0.9), ("fast", 2.0)):
        c = clocks[mode]
        ratio = bare.wall / c.wall
        print(
            f"quoteattr {mode + ':':14s}{tokens / c.wall:8.0f} tokens/s  ratio {ratio:.2f} "
            f"to bare (CPU time: {bare.cpu / c.cpu:.2f}; target >= {target})"
        )
        verdicts.append((f"{mode} mode >= {target} x bare nlp.pipe ({ratio:.2f})", ratio >= target))

    if not args.no_workers:
        # Start-up (imports, model loading) is timed on one article and taken off.
        one_article = tmp / "one.jsonl"
        one_article.write_text(json.dumps({"text": texts[0]}) + "\n", encoding="utf-8")
        rates = {}
        early = len(texts) // 5
        worst = (0, 0)
        growth = 0
        for workers in (1, 2):
            start_s, _ = cli_run([str(one_article)], tmp / "one.out.jsonl", workers, [])
            run_s, samples = cli_run(paths, tmp / f"w{workers}.jsonl", workers, [])
            rates[workers] = tokens / max(run_s - start_s, 1e-9)
            rss = peaks(samples, early)
            shown = ", ".join(f"{a / 2**20:.0f}→{b / 2**20:.0f}" for a, b in rss)
            rest = resting(samples)
            flat = ", ".join(f"{a / 2**20:.0f}→{b / 2**20:.0f}" for a, b in rest)
            print(
                f"CLI --workers {workers}:       {rates[workers]:8.0f} tokens/s after a "
                f"{start_s:.1f} s start-up ({run_s:.1f} s wall); peak RSS MB per process "
                f"after {early} articles → at the end: {shown}; resting RSS MB after the "
                f"first chunk → after the last: {flat}"
            )
            worst = max(worst, *rss, key=lambda p: p[1])
            growth = max([growth, *(b - a for a, b in rest)])
        same = (tmp / "w1.jsonl").read_bytes() == (tmp / "w2.jsonl").read_bytes()
        scaling = rates[2] / rates[1]
        print(f"2 vs 1 workers:          ratio {scaling:.2f} (target >= 1.7)")
        print(f"outputs byte-identical:  {same}")
        verdicts.append((f"2 workers >= 1.7 x 1 worker ({scaling:.2f})", scaling >= 1.7))
        verdicts.append(
            (f"peak RSS <= 1 GB per process ({worst[1] / 2**20:.0f} MB)", worst[1] <= 2**30)
        )
        verdicts.append(
            (
                f"resting RSS flat from the first chunk to the last ({growth / 2**20:+.0f} MB)",
                growth <= 0.05 * worst[1],
            )
        )
        verdicts.append(("1 and 2 workers write the same bytes", same))

    seeds = f1(tmp / "seeds.jsonl", ROOT / "fixtures", fast=False)
    seeds_fast = f1(tmp / "seeds-fast.jsonl", ROOT / "fixtures", fast=True)
    print(f"seed attribution F1:     normal {seeds:.3f}, fast {seeds_fast:.3f}")
    wikinews = WIKINEWS
    if wikinews.is_dir():
        wiki = f1(tmp / "wiki.jsonl", wikinews, fast=False)
        wiki_fast = f1(tmp / "wiki-fast.jsonl", wikinews, fast=True)
        print(f"Wikinews attribution F1: normal {wiki:.3f}, fast {wiki_fast:.3f}")
    diff = seeds_fast - seeds
    verdicts.append((f"fast mode seed F1 within 0.01 of normal ({diff:+.3f})", diff >= -0.01))

    print(f"load average at the end: {load()}")
    for what, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {what}")


if __name__ == "__main__":
    main()
