#!/usr/bin/env python3
"""Time and memory of ``quoteattr extract`` by shape of input: they must grow with the input
and no faster (issue 15).

    python benchmarks/shapes.py            # 0.2 to 3.2 MB per shape: an hour or more
    python benchmarks/shapes.py --quick    # 0.2 to 0.8 MB per shape
    python benchmarks/shapes.py --shapes long,run --sizes 0.2,0.4

Shapes (text built from ``fixtures/*.txt`` or repeated patterns, seeded, so every run parses
the same texts):

- ``many``: many small articles (2-4 fixture paragraphs each), one JSON line each: the
  reference;
- ``long``: one article, one paragraph of two-quote sentences (« … », a déclaré X. « … »,
  a-t-elle ajouté.), compared with ``long-split``: the same sentences as articles of about
  2,000 characters;
- ``guillemets``: « a » repeated; ``dit-que``: « a dit que : » repeated;
- ``lowercase``: fixture prose in one paragraph with no capital after any full stop;
- ``run``: « l'l'l'… » without a space.

Each point runs the command line (``--workers 1``) in a fresh subprocess that reports its CPU
seconds (user + system, steadier than wall-clock time on a shared machine), its wall-clock
seconds and its peak RSS, model loading excluded from the times but not from the memory.
Printed: seconds per MB of text, peak RSS, and PASS/FAIL lines for the targets: peak RSS
<= 1 GB at every point; for each shape, seconds per MB at the largest size within 1.5x of
those at the smallest (growth linear, not quadratic); and seconds per MB within 1.5x of the
reference shape (``many``, or ``long-split`` for ``long``) at the same size.
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

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000  # characters of article text
SHAPES = ["many", "long-split", "long", "guillemets", "dit-que", "lowercase", "run"]
# The shape each one is compared with (default: ``many``): the long article with the very
# same sentences cut into small articles, as issue 15 measured it.
REFERENCE = {"long": "long-split"}
SIZES = [0.2, 0.4, 0.8, 1.6, 3.2]
QUICK_SIZES = [0.2, 0.4, 0.8]
RSS_LIMIT_MB = 1024
RATIO_LIMIT = 1.5


def _paragraphs() -> list[str]:
    sources = sorted(ROOT.glob("fixtures/*.txt")) + sorted(ROOT.glob("fixtures/dev-wikinews/*.txt"))
    return [
        p.strip()
        for src in sources
        for p in src.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]


def _repeat(pattern: str, n: int) -> str:
    return (pattern * (n // len(pattern) + 1))[:n]


_NAMES = ["Marie Dupont", "Claire Morel", "Anne Lefèvre", "Sophie Garnier"]
_SAYS = ["a déclaré", "a affirmé", "a estimé", "a expliqué"]


def _two_quote_sentences(n: int, rng: random.Random) -> str:
    # Plain words only: a stray quotation mark among them would pair with the wrong one.
    words = [w for w in " ".join(_paragraphs()).split() if w.isalpha()]
    out, size = [], 0
    while size < n:
        a = " ".join(rng.sample(words, rng.randint(4, 10)))
        b = " ".join(rng.sample(words, rng.randint(4, 10)))
        s = f"« {a} », {rng.choice(_SAYS)} {rng.choice(_NAMES)}. « {b} », a-t-elle ajouté. "
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def _lowercase(n: int, rng: random.Random) -> str:
    import re

    paragraphs = _paragraphs()
    out, size = [], 0
    while size < n:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p) + 1
    text = " ".join(out)[:n]
    # No capital after a full stop: the whole text is one sentence to a naive splitter.
    return re.sub(r"([.!?…]\s+)(\w)", lambda m: m.group(1) + m.group(2).lower(), text)


def build(shape: str, size: float, out: Path, seed: int = 0) -> Path:
    """The input file of ``shape`` with ``size`` MB of article text (JSON lines)."""
    rng = random.Random(seed)
    n = int(size * MB)
    path = out / f"{shape}-{size}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        if shape == "many":
            paragraphs, total, i = _paragraphs(), 0, 0
            while total < n:
                text = "\n\n".join(rng.sample(paragraphs, rng.randint(2, 4)))[: n - total]
                row = {"id": f"a{i}", "date": "2023-05-04", "text": text}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                total, i = total + len(text), i + 1
            return path
        if shape == "long-split":
            text, at, i = _two_quote_sentences(n, rng), 0, 0
            while at < len(text):
                end = text.find(". « ", at + 2_000)
                end = len(text) if end < 0 else end + 2
                row = {"id": f"s{i}", "date": "2023-05-04", "text": text[at:end]}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                at, i = end, i + 1
            return path
        text = {
            "long": lambda: _two_quote_sentences(n, rng),
            "guillemets": lambda: _repeat("« a » ", n),
            "dit-que": lambda: _repeat("a dit que : ", n),
            "lowercase": lambda: _lowercase(n, rng),
            "run": lambda: _repeat("l'", n),
        }[shape]()
        f.write(json.dumps({"id": shape, "date": "2023-05-04", "text": text}, ensure_ascii=False))
        f.write("\n")
    return path


def child(path: str, out: str) -> None:
    """Runs in the subprocess: load the model, then extract ``path``; print the figures."""
    sys.path.insert(0, str(ROOT))
    from quoteattr.cli import main
    from quoteattr.nlp import DEFAULT_MODEL, load_nlp

    load_nlp(DEFAULT_MODEL)  # as the Extractor calls it: one model in the process
    cpu0, wall0 = time.process_time(), time.perf_counter()
    rc = main(["extract", path, "-o", out, "--workers", "1", "--no-progress"])
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(out, encoding="utf-8") as f:
        quotes = sum(1 for _ in f)
    with open(out.replace(".jsonl", ".articles.jsonl"), encoding="utf-8") as f:
        warnings = sum(bool(json.loads(line).get("warnings")) for line in f)
    print(
        json.dumps(
            {"rc": rc, "cpu": cpu, "wall": wall, "rss": rss, "quotes": quotes, "warned": warnings}
        )
    )


def measure(shape: str, size: float, tmp: Path, timeout: float) -> dict:
    path = build(shape, size, tmp)
    out = tmp / f"{shape}-{size}.out.jsonl"
    cmd = [sys.executable, __file__, "--child", str(path), str(out)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"shape": shape, "size": size, "error": f"timeout after {timeout:.0f} s"}
    finally:
        path.unlink(missing_ok=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        return {"shape": shape, "size": size, "error": (proc.stderr or "no result")[-300:]}
    return {"shape": shape, "size": size, **json.loads(lines[-1])}


def report(results: list[dict]) -> bool:
    ok = True

    def verdict(passed: bool, what: str) -> None:
        nonlocal ok
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}  {what}")

    print(
        f"\n{'shape':<11} {'MB':>4} {'cpu s/MB':>9} {'wall s/MB':>9} {'peak RSS':>9} "
        f"{'quotes':>7}  note"
    )
    for r in results:
        if "error" in r:
            print(
                f"{r['shape']:<11} {r['size']:>4} {'-':>9} {'-':>9} {'-':>9} {'-':>7}  "
                f"{r['error'].strip().splitlines()[-1]}"
            )
            continue
        note = "tokenizer guard warned" if r["warned"] else ""
        print(
            f"{r['shape']:<11} {r['size']:>4} {r['cpu'] / r['size']:>9.1f} "
            f"{r['wall'] / r['size']:>9.1f} {r['rss']:>7.0f}MB {r['quotes']:>7}  {note}"
        )
    print()
    good = [r for r in results if "error" not in r]
    for r in results:
        if "error" in r:
            verdict(False, f"{r['shape']} {r['size']} MB completes ({r['error'].splitlines()[-1]})")
    verdict(
        all(r["rss"] <= RSS_LIMIT_MB for r in good),
        f"peak RSS <= {RSS_LIMIT_MB} MB at every point "
        f"(max {max((r['rss'] for r in good), default=0):.0f} MB)",
    )

    def per_mb(shape: str) -> dict[float, float]:
        return {r["size"]: r["cpu"] / r["size"] for r in good if r["shape"] == shape}

    for shape in dict.fromkeys(r["shape"] for r in good):
        base = REFERENCE.get(shape, "many")
        ref = per_mb(base)
        points = sorted((r["size"], r["cpu"] / r["size"]) for r in good if r["shape"] == shape)
        if len(points) >= 2:
            (s0, v0), (s1, v1) = points[0], points[-1]
            verdict(
                v1 <= RATIO_LIMIT * v0,
                f"{shape}: s/MB at {s1} MB is {v1 / v0:.2f}x that at {s0} MB "
                f"(<= {RATIO_LIMIT}: linear growth)",
            )
        if shape not in {"many", *REFERENCE.values()} and ref:
            worst = max(((v / ref[s], s) for s, v in points if s in ref), default=None)
            if worst is not None:
                verdict(
                    worst[0] <= RATIO_LIMIT,
                    f"{shape}: s/MB within {RATIO_LIMIT}x of {base} "
                    f"(worst {worst[0]:.2f}x, at {worst[1]} MB)",
                )
    return ok


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="sizes up to 0.8 MB")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    ap.add_argument("--sizes", help="comma-separated sizes in MB (default 0.2 … 3.2)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per point")
    args = ap.parse_args()
    sizes = (
        [float(s) for s in args.sizes.split(",")]
        if args.sizes
        else (QUICK_SIZES if args.quick else SIZES)
    )
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        ap.error(f"unknown shapes: {', '.join(sorted(unknown))} (known: {', '.join(SHAPES)})")
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    results = []
    with tempfile.TemporaryDirectory(prefix="quoteattr-shapes-") as tmp:
        for size in sizes:
            for shape in shapes:
                r = measure(shape, size, Path(tmp), args.timeout)
                results.append(r)
                brief = r.get("error") or (
                    f"{r['cpu']:.1f} s cpu, {r['wall']:.1f} s wall, "
                    f"{r['rss']:.0f} MB, {r['quotes']} quotes"
                )
                print(f"  {shape} {size} MB: {brief}", flush=True)
    ok = report(results)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
