"""Corpus-level work on quotes already extracted: seconds, and how they grow with the corpus.

    python benchmarks/corpus_stats.py /tmp/quotes.jsonl [--copies 10]

Times the speaker directory and the stats (one pass each over the JSONL, no parsing of
articles) on the file as it is, then on ``--copies`` copies of it whose article ids differ
(a corpus that many times larger, with as many more distinct articles), and prints the
seconds and the time per quote of each; a ratio near 1 means linear growth.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from quoteattr.corpus.speakers import build
from quoteattr.corpus.stats import compute


def _time(path: Path) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    build(path)
    t1 = time.perf_counter()
    s = compute(path)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, s.n_quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quotes", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    one = _time(args.quotes)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.jsonl"
        lines = args.quotes.read_text("utf-8").splitlines()
        with big.open("w", encoding="utf-8") as f:
            for k in range(args.copies):
                for line in lines:
                    rec = json.loads(line)
                    a = rec.setdefault("article", {})
                    a["id"] = f"{a.get('id') or a.get('path')}~{k}"
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        many = _time(big)
    for label, (d, s, n) in (("as is", one), (f"x{args.copies}", many)):
        print(f"{label:>6}: {n} quotes, directory {d:.3f} s, stats {s:.3f} s")
    per_one = (one[0] + one[1]) / max(1, one[2])
    per_many = (many[0] + many[1]) / max(1, many[2])
    print(f"time per quote, x{args.copies} / as is: {per_many / per_one:.2f}")


if __name__ == "__main__":
    main()
