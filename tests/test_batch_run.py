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


def _children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state, ppid = _state(int(entry.name))
            if ppid == pid and state not in (None, "Z"):
                found.append(int(entry.name))
    return found


def _state(pid: int) -> tuple[str | None, int | None]:
    """``(state, parent pid)`` of ``pid``; ``(None, None)`` once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None, None
    fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces
    return fields[0], int(fields[1])


def _alive(pid: int) -> bool:
    return _state(pid)[0] not in (None, "Z")  # a zombie is dead, only not yet reaped


def _running_with_workers(corpus: Path, out: Path, *extra: str) -> tuple[subprocess.Popen, list]:
    """A 2-worker run caught in its middle, with its worker processes' pids."""
    proc = _extract(corpus, out, "--workers", "2", *extra)
    deadline = time.monotonic() + 240
    while _manifest_lines(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run must still be going"
    workers = _children(proc.pid)
    assert len(workers) >= 2, workers
    return proc, workers


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_die_with_their_parent_after_kill_9(corpus, tmp_path):
    """Orphaned workers used to wait on their pipe forever, half a gigabyte each."""
    proc, workers = _running_with_workers(corpus, tmp_path / "q.jsonl")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _gone_within(workers, 30) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigterm_ends_the_run_like_ctrl_c_and_resume_completes_it(corpus, clean_run, tmp_path):
    out = tmp_path / "q.jsonl"
    proc, workers = _running_with_workers(corpus, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        "quoteattr: terminated (rerun with --resume to continue)"
    )
    assert _gone_within(workers, 30) == []
    written = _manifest_lines(out)
    assert written < 61, "the run must have been stopped before its end"

    err = _finish(_extract(corpus, out, "--workers", "2", "--resume"))
    assert f"{written} already done" in err
    assert out.read_bytes() == clean_run.read_bytes()
    man = "q.articles.jsonl"
    assert (tmp_path / man).read_bytes() == clean_run.with_name(man).read_bytes()
