#!/usr/bin/env python3
"""How many of normal mode's quotations fast mode gives with the same span and speaker.

    python benchmarks/fast_agreement.py NORMAL.jsonl FAST.jsonl [more pairs...]
    python benchmarks/fast_agreement.py --run PATH [PATH...]   # runs both modes itself

Two outputs of ``quoteattr extract`` on the same inputs (without and with ``--fast``): a
quotation of normal mode agrees when fast mode has one in the same article with the same
start, end and speaker name. Prints the share that agree (target of fast mode: >= 99 %) and
lists the others; fast-mode quotations that normal mode lacks are counted apart.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _key(q: dict) -> tuple:
    speaker = q.get("speaker") or {}
    return (q["article"]["id"], q["start"], q["end"], speaker.get("name"))


def _quotes(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def agreement(normal: list[dict], fast: list[dict]) -> tuple[int, int, list[dict], int]:
    """(agreeing, total, normal quotations fast mode lacks, fast-only quotations)."""
    have = Counter(_key(q) for q in fast)
    missing = []
    agreeing = 0
    for q in normal:
        k = _key(q)
        if have[k] > 0:
            have[k] -= 1
            agreeing += 1
        else:
            missing.append(q)
    return agreeing, len(normal), missing, sum(have.values())


def _run(paths: list[str], out: Path) -> tuple[Path, Path]:
    files = []
    for mode in ("normal", "fast"):
        target = out / f"{mode}.jsonl"
        extra = ["--fast"] if mode == "fast" else []
        cmd = [sys.executable, "-m", "quoteattr", "extract", *paths, "-o", str(target)]
        cmd += ["--no-progress", "--workers", "1", *extra]
        subprocess.run(cmd, check=True, cwd=ROOT)
        files.append(target)
    return files[0], files[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="NORMAL FAST pairs of JSONL outputs")
    parser.add_argument("--run", nargs="+", metavar="PATH", help="inputs to extract both ways")
    parser.add_argument("--show", type=int, default=20, help="disagreements to list")
    args = parser.parse_args()
    pairs: list[tuple[Path, Path]] = []
    tmp = None
    if args.run:
        tmp = tempfile.TemporaryDirectory()
        pairs.append(_run(args.run, Path(tmp.name)))
    if len(args.files) % 2:
        parser.error("give NORMAL FAST pairs")
    pairs += [(Path(a), Path(b)) for a, b in zip(args.files[::2], args.files[1::2], strict=True)]
    for normal_path, fast_path in pairs:
        ok, total, missing, extra = agreement(_quotes(normal_path), _quotes(fast_path))
        share = ok / total if total else 1.0
        print(f"{normal_path} vs {fast_path}: {ok}/{total} = {share:.1%} same span and speaker;")
        print(f"  {len(missing)} missing or changed in fast mode, {extra} only in fast mode")
        for q in missing[: args.show]:
            speaker = (q.get("speaker") or {}).get("name")
            print(f"  - {q['article']['id']} [{q['start']}:{q['end']}] {speaker!r}: ")
            print(f"      {q['text'][:90]!r}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
