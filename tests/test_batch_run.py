"""Real batch runs: the same bytes for any number of workers, and resuming after kill -9.

Each test starts the actual command line in a subprocess, as a user or a scheduler would.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 articles recombined from the seed paragraphs (seeded, so always the same)."""
    paragraphs = [
        p.strip()
        for src in sorted(ROOT.glob("fixtures/*.txt"))
        for p in src.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(60):
            text = "\n\n".join(rng.sample(paragraphs, 2))
            f.write(json.dumps({"id": f"a{i}", "title": f"Article {i}", "text": text}) + "\n")
        # One broken line: errors must survive a resume like articles do.
        f.write('{"text": \n')
    return path


def _extract(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "quoteattr", "extract", str(corpus), "-o", str(out)]
    return subprocess.Popen(
        [*cmd, "--chunk-size", "2", "--no-progress", *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen) -> str:
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return err


def _manifest_lines(out: Path) -> int:
    man = out.with_name(out.stem + ".articles.jsonl")
    return man.read_bytes().count(b"\n") if man.exists() else 0


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> Path:
    """The reference: one uninterrupted run with two worker processes."""
    out = tmp_path_factory.mktemp("clean") / "q.jsonl"
    _finish(_extract(corpus, out, "--workers", "2"))
    return out


def test_one_and_two_workers_write_the_same_bytes(corpus, clean_run, tmp_path):
    out = tmp_path / "q.jsonl"
    _finish(_extract(corpus, out, "--workers", "1"))
    assert out.read_bytes() == clean_run.read_bytes()
    man = "q.articles.jsonl"
    assert (tmp_path / man).read_bytes() == clean_run.with_name(man).read_bytes()
    assert _manifest_lines(out) == 61


def test_resume_after_kill_9_neither_loses_nor_doubles_a_record(corpus, clean_run, tmp_path):
    out = tmp_path / "q.jsonl"
    proc = _extract(corpus, out, "--workers", "1")
    deadline = time.monotonic() + 240
    while _manifest_lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = _manifest_lines(out)
    assert 5 <= written < 61, "the kill must land in the middle of the run"

    err = _finish(_extract(corpus, out, "--workers", "1", "--resume"))
    assert f"{written} already done" in err
    assert out.read_bytes() == clean_run.read_bytes()
    man = "q.articles.jsonl"
    assert (tmp_path / man).read_bytes() == clean_run.with_name(man).read_bytes()
