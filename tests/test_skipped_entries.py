"""Every entry of an input folder that is not read is in the manifest, never silence.

Linked folders (which may loop back), named pipes (which would block a reader forever),
sockets, images, hidden files, gold sets: each gets a manifest line with status ``skipped``
and its reason, and the run's summary counts them. End to end through the command line
with two workers, with a timeout that a blocked read would hit.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from make_corpus import BODY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(BODY, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(BODY, encoding="utf-8")
    (src / "loop").symlink_to(src, target_is_directory=True)  # a folder linking to itself
    (src / "linked.txt").symlink_to(src / "a.txt")  # a link to an article is read
    os.mkfifo(src / "pipe.txt")
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (src / "gold.jsonl").write_text("", encoding="utf-8")
    (src / ".DS_Store").write_bytes(b"\0")
    monkeypatch.chdir(src)  # a socket's path must be short
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("sock.txt")
    yield src
    sock.close()


def _run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", *args, "--workers", "2", "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,  # a read of the named pipe would block until this
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


def _manifest(out: Path) -> dict[str, dict]:
    lines = out.with_name("q.articles.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(r["path"]).name: r for r in map(json.loads, lines)}


EXPECTED = {
    ".DS_Store": "hidden",
    "gold.jsonl": "a gold set",
    "loop": "a symbolic link to a folder, not followed",
    "photo.png": "not an article file",
    "pipe.txt": "a named pipe (FIFO)",
    "sock.txt": "a socket",
}


def test_every_entry_not_read_is_listed_with_its_reason(folder, tmp_path) -> None:
    out = tmp_path / "q.jsonl"
    proc = _run(str(folder), "-o", str(out))
    records = _manifest(out)
    assert {n: r["status"] for n, r in records.items()} == {
        **dict.fromkeys(EXPECTED, "skipped"),
        "a.txt": "ok",
        "b.txt": "ok",
        "linked.txt": "ok",
    }
    for name, reason in EXPECTED.items():
        assert records[name]["reason"].startswith(reason), records[name]
        assert records[name]["error"] is None and records[name]["n_quotes"] == 0
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .startswith("quoteattr: 3 articles, 6 quotes, 0 errors, 6 skipped (not articles) in ")
    )
    # Resuming counts them as done like the articles.
    proc = _run(str(folder), "-o", str(out), "--resume")
    assert ", 9 already done in " in proc.stderr


def test_a_pattern_never_opens_a_named_pipe(folder, tmp_path) -> None:
    out = tmp_path / "q.jsonl"
    proc = _run(str(folder / "*.txt"), "-o", str(out))
    records = _manifest(out)
    assert records["pipe.txt"]["status"] == records["sock.txt"]["status"] == "skipped"
    assert records["a.txt"]["status"] == records["linked.txt"]["status"] == "ok"
    assert ", 2 skipped (not articles) in " in proc.stderr
