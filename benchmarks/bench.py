#!/usr/bin/env python3
"""Throughput and memory of ``quoteattr extract``, measured against bare spaCy on the same texts.

    python benchmarks/bench.py            # 2,000 synthetic articles, a few minutes on 2 cores
    python benchmarks/bench.py --quick    # 400 articles, about a minute
    python benchmarks/bench.py --corpus DIR_OR_FILES...

Prints, for one corpus:

- bare ``nlp.pipe`` tokens/s (the same model and components extraction runs, without ours)
  and ``quoteattr extract`` tokens/s in one process (reading, extraction, JSON writing), and
  their ratio (target >= 0.90);
- the command line with 1 and 2 worker processes: tokens/s after start-up, their ratio
  (target >= 1.7 on 2 cores), peak RSS of each process (target <= 1 GB), and whether both
  outputs are byte-identical;
- fast mode (``--fast``) tokens/s, its ratio to bare spaCy (target >= 2) and the attribution
  F1 of normal and fast mode on the seed fixtures (target: within 0.01).

The synthetic corpus recombines paragraphs of ``fixtures/*.txt`` (and of the Wikinews dev
texts when ``../shared/eval/dev-wikinews`` exists) with a seeded RNG, so every run of one
seed parses the same texts.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteattr import batch  # noqa: E402
from quoteattr.nlp import load_nlp  # noqa: E402
from quoteattr.reading import read_paths  # noqa: E402

WIKINEWS = ROOT.parent / "shared" / "eval" / "dev-wikinews"


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


def bare_pipe(texts: list[str]) -> tuple[int, float]:
    """Tokens and seconds for spaCy alone, with the components extraction needs."""
    nlp = load_nlp()
    with nlp.select_pipes(disable=["quoteattr"]):
        print(f"  components: {', '.join(nlp.pipe_names)}")
        list(nlp.pipe(texts[:4]))  # warm-up: first calls allocate
        t = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        return tokens, time.perf_counter() - t


def in_process(paths: list[str], out: Path, fast: bool) -> float:
    """Seconds for reading, extracting and writing ``paths`` here (model already loaded)."""
    options = batch.Options(fast=fast)
    batch.process_chunk(articles(paths)[:4], options)  # warm-up, and loads the model
    t = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        batch.run(read_paths(paths), batch.Writer(f), options=options)
    return time.perf_counter() - t


def cli_run(paths: list[str], out: Path, workers: int, extra: list[str]) -> tuple[float, list[int]]:
    """Wall seconds of ``quoteattr extract`` and the peak RSS (bytes) of each of its processes."""
    cmd = [sys.executable, "-m", "quoteattr", "extract", *paths, "-o", str(out)]
    cmd += ["--workers", str(workers), "--no-progress", *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    peaks = _watch_rss(proc)
    _, err = proc.communicate()
    took = time.perf_counter() - t
    if proc.returncode:
        sys.exit(f"quoteattr extract failed ({proc.returncode}):\n{err}")
    return took, sorted(peaks.values(), reverse=True)


def _watch_rss(proc: subprocess.Popen) -> dict[int, int]:
    """Peak RSS (VmHWM) per process of ``proc``'s tree, sampled until it ends (Linux only)."""
    peaks: dict[int, int] = {}

    def tree(pid: int) -> list[int]:
        try:
            kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return [pid]
        return [pid] + [p for k in kids for p in tree(int(k))]

    def sample() -> None:
        while proc.poll() is None:
            for pid in tree(proc.pid):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]) * 1024)
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    return peaks


def seed_f1(out: Path, fast: bool) -> float | None:
    """Attribution F1 on the seed fixtures, in normal or fast mode."""
    try:
        from quoteattr.evaluate import evaluate
    except ImportError:
        return None
    seeds = [str(p) for p in sorted(ROOT.glob("fixtures/*.txt"))]
    in_process(seeds, out, fast)
    return evaluate(out, ROOT / "fixtures").attribution_f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="400 articles instead of 2,000")
    ap.add_argument("--articles", type=int, help="number of synthetic articles")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--corpus", nargs="+", metavar="PATH", help="use these inputs instead")
    ap.add_argument("--no-workers", action="store_true", help="skip the 1 vs 2 worker runs")
    ap.add_argument("--no-fast", action="store_true", help="skip fast mode")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="quoteattr-bench-"))
    if args.corpus:
        paths = args.corpus
    else:
        n = args.articles or (400 if args.quick else 2000)
        paths = [str(build_corpus(tmp, n, args.seed))]
    texts = [a.text for a in articles(paths)]
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)):,} characters ({tmp})")

    tokens, bare_s = bare_pipe(texts)
    bare = tokens / bare_s
    print(f"bare nlp.pipe:           {bare:8.0f} tokens/s  ({tokens:,} tokens, {bare_s:.1f} s)")
    ex_s = in_process(paths, tmp / "inproc.jsonl", fast=False)
    ex = tokens / ex_s
    print(f"quoteattr (1 process):   {ex:8.0f} tokens/s  ratio {ex / bare:.2f} (target >= 0.90)")

    if not args.no_workers:
        # Start-up (imports, model loading) is timed on one article and taken off.
        one_article = tmp / "one.jsonl"
        one_article.write_text(json.dumps({"text": texts[0]}) + "\n", encoding="utf-8")
        rates = {}
        for workers in (1, 2):
            start_s, _ = cli_run([str(one_article)], tmp / "one.out.jsonl", workers, [])
            run_s, peaks = cli_run(paths, tmp / f"w{workers}.jsonl", workers, [])
            rates[workers] = tokens / max(run_s - start_s, 1e-9)
            rss = ", ".join(f"{p / 2**20:.0f}" for p in peaks)
            print(
                f"CLI --workers {workers}:       {rates[workers]:8.0f} tokens/s after a "
                f"{start_s:.1f} s start-up ({run_s:.1f} s wall); peak RSS MB per process: {rss}"
            )
        same = (tmp / "w1.jsonl").read_bytes() == (tmp / "w2.jsonl").read_bytes()
        print(f"2 vs 1 workers:          ratio {rates[2] / rates[1]:.2f} (target >= 1.7)")
        print(f"outputs byte-identical:  {same}")

    if not args.no_fast:
        try:
            fast_s = in_process(paths, tmp / "fast.jsonl", fast=True)
        except TypeError as exc:
            print(f"fast mode: not available ({exc})")
        else:
            fast = tokens / fast_s
            print(f"quoteattr --fast:        {fast:8.0f} tokens/s  ratio {fast / bare:.2f} to bare")
            normal_f1 = seed_f1(tmp / "seeds.jsonl", fast=False)
            fast_f1 = seed_f1(tmp / "seeds-fast.jsonl", fast=True)
            print(f"seed attribution F1:     normal {normal_f1}, fast {fast_f1}")


if __name__ == "__main__":
    main()
