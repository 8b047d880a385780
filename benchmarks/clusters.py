"""Clustering speed and memory at 10⁵ and 10⁶ synthetic quotations, and whether growth is linear.

    python benchmarks/clusters.py            # 10⁵ and 10⁶ quotations (a few minutes)
    python benchmarks/clusters.py --quick    # 10⁴ and 10⁵

The quotations are made up but shaped like a news corpus's: a third are statements carried
by 2 to 12 outlets (wire copies, trimmed and extended versions, typographic variants,
indirect forms), a tenth open with one of 40 stock phrases, the rest are said once. Each
size is clustered by ``quoteattr.corpus.clusters.cluster_file`` in a fresh process, so its
peak memory is its own; the figure given is the peak resident memory above that of a process
that only imported quoteattr. Time is the process's CPU time (the wall time, also printed,
depends on what else the machine runs). Growth is linear (PASS) when going 10 times larger
costs at most 1.5 times more per quotation, in CPU time and in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Per-quotation cost growth (10 times larger input) still called linear.
LINEAR = 1.5

_SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi"
_SYLLABLES += " mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to"
_FUNCTION = "le la les de des du un une et à en pour avec sur dans que qui ne pas nous il est"


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    syl = _SYLLABLES.split()
    words = {"".join(rng.choice(syl) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    function = _FUNCTION.split()
    return [rng.choice(function) if rng.random() < 0.35 else rng.choice(vocab) for _ in range(n)]


def _variant(rng: random.Random, words: list[str], vocab: list[str]) -> tuple[str, str]:
    """One outlet's version of a statement: its text and type."""
    kind = rng.random()
    if kind < 0.35:
        return " ".join(words), "direct"  # wire copy
    if kind < 0.5:
        cut = rng.randint(max(4, len(words) // 2), len(words))
        return " ".join(words[:cut]), "direct"  # trimmed
    if kind < 0.6:
        return " ".join(words + _sentence(rng, vocab, rng.randint(3, 12))), "direct"  # extended
    if kind < 0.8:
        text = " ".join(words).replace("'", "’")
        return (text.upper() if rng.random() < 0.3 else f"« {text} »"), "direct"  # typography
    return "il " + " ".join(w for w in words if w != "nous"), "indirect"  # reported


def quotations(n: int, seed: int = 1):
    """``n`` synthetic quote records (dicts in quoteattr's JSONL layout)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    stock = [_sentence(rng, vocab, rng.randint(8, 12)) for _ in range(40)]
    speakers = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(5000)]
    outlets = [f"Journal {k}" for k in range(300)]
    made = 0
    while made < n:
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        who = rng.choice(speakers)
        r = rng.random()
        if r < 0.10:  # a statement copied by several outlets
            words = _sentence(rng, vocab, rng.randint(8, 40))
            versions = [_variant(rng, words, vocab) for _ in range(rng.randint(2, 12))]
        elif r < 0.2:  # a stock phrase opening a statement of its own
            words = rng.choice(stock) + _sentence(rng, vocab, rng.randint(4, 20))
            versions = [(" ".join(words), "direct")]
        else:
            versions = [(" ".join(_sentence(rng, vocab, rng.randint(3, 40))), "direct")]
        for text, kind in versions:
            if made == n:
                break
            yield {
                "text": text,
                "type": kind,
                "start": 100,
                "end": 100 + len(text),
                "parts": [],
                "speaker": {"name": who, "mention": who, "start": 0, "end": 5, "kind": "person"},
                "cue": {"text": "a déclaré", "lemma": "déclarer", "start": 90, "end": 99},
                "date": day,
                "date_basis": "explicit",
                "confidence": 0.9,
                "article": {
                    "id": f"a{made}",
                    "path": "corpus.jsonl",
                    "index": made,
                    "title": None,
                    "date": day,
                    "url": None,
                    "publisher": rng.choice(outlets),
                },
                "schema": 1,
            }
            made += 1


def _peak_rss() -> int:
    """This process's peak resident memory, in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(src: str, dst: str) -> None:
    from quoteattr.corpus.clusters import cluster_file

    start, cpu = time.perf_counter(), time.process_time()
    summary = cluster_file(src, dst)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        json.dumps(
            {
                "seconds": took,
                "cpu": cpu,
                "peak": _peak_rss(),
                "quotes": summary.quotes,
                "clusters": summary.clusters,
                "candidates": summary.candidates,
                "state_bytes": summary.state_bytes,
            }
        )
    )


def _baseline() -> None:
    import quoteattr.corpus.clusters  # noqa: F401

    print(json.dumps({"peak": _peak_rss()}))


def _run(*args: str) -> dict:
    # The checkout's quoteattr, not an installed copy.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, __file__, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10⁴ and 10⁵ quotations")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    if args.baseline:
        _baseline()
        return 0

    sizes = [10_000, 100_000] if args.quick else [100_000, 1_000_000]
    base = _run("--baseline")["peak"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="quoteattr-bench-") as tmp:
        for n in sizes:
            src = Path(tmp, f"quotes-{n}.jsonl")
            with src.open("w", encoding="utf-8") as f:
                for rec in quotations(n):
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            r = _run("--child", str(src), str(Path(tmp, f"clusters-{n}.jsonl")))
            r["memory"] = max(r["peak"] - base, 1)
            rows.append(r)
            src.unlink()
            print(
                f"{n:>9,} quotations: {r['quotes'] / r['cpu']:>7,.0f} quotations/s of CPU "
                f"({r['cpu']:.1f} s CPU, {r['seconds']:.1f} s wall), {r['clusters']:,} clusters, "
                f"{r['candidates']:,} candidate pairs; peak memory {r['memory'] / 2**20:,.0f} MB "
                f"above an idle process ({r['memory'] / n:,.0f} bytes a quotation; "
                f"first-pass state {r['state_bytes'] / n:,.0f} bytes a quotation)",
                flush=True,
            )
    small, large = rows
    scale = large["quotes"] / small["quotes"]
    time_growth = (large["cpu"] / small["cpu"]) / scale
    memory_growth = (large["memory"] / small["memory"]) / scale
    ok = time_growth <= LINEAR and memory_growth <= LINEAR
    print(
        f"{scale:.0f}x the quotations: {time_growth:.2f}x the CPU time per quotation, "
        f"{memory_growth:.2f}x the memory per quotation (linear if both <= {LINEAR}): "
        f"{'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
