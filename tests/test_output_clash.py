"""``-o``/``--manifest`` never destroy an input, and a run never reads its own files back.

Every refusal happens before anything is opened for writing: exit 2, one line naming both
paths, the input byte for byte as it was. Runs that write into an input folder leave their own
output and manifest out of the inputs, on the first run, on a rerun and on ``--resume``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from make_corpus import BODY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LINE = json.dumps({"id": "n1", "title": "Titre", "text": BODY}, ensure_ascii=False) + "\n"


def _refused(args: list[str], capsys, *inputs: Path) -> str:
    """Runs ``extract args`` with 2 workers; asserts the refusal; returns its message."""
    before = {p: p.read_bytes() for p in inputs}
    assert main(["extract", *args, "--workers", "2", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "refusing to write" in err, err
    assert " quotes, " not in err  # no summary: nothing ran
    for p, data in before.items():
        assert p.read_bytes() == data, f"{p} was changed"
    return err


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text(LINE, encoding="utf-8")
    return p


@pytest.fixture
def txt(tmp_path: Path) -> Path:
    p = tmp_path / "in.txt"
    p.write_text(BODY, encoding="utf-8")
    return p


@pytest.mark.parametrize("flag", ["-o", "--manifest"])
def test_an_output_naming_the_jsonl_input_is_refused(jsonl, flag, capsys) -> None:
    err = _refused([str(jsonl), flag, str(jsonl)], capsys, jsonl)
    assert f"refusing to write {jsonl}: it is the input {jsonl}" in err


@pytest.mark.parametrize("flag", ["-o", "--manifest"])
def test_resume_onto_a_txt_input_is_refused(txt, tmp_path, flag, capsys) -> None:
    """--resume appends and first cuts a torn last line: the .txt input lost its last line."""
    txt.write_text(BODY.rstrip("\n"), encoding="utf-8")  # no final newline, as editors leave it
    other = tmp_path / "other.jsonl"
    args = [str(txt), flag, str(txt), "--resume"]
    if flag == "--manifest":
        args += ["-o", str(other)]
    _refused(args, capsys, txt)
    assert not other.exists()


def test_a_symbolic_link_to_the_input_is_refused(jsonl, tmp_path, capsys) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to(jsonl)
    err = _refused([str(jsonl), "-o", str(link)], capsys, jsonl)
    assert str(link) in err and str(jsonl) in err
    # And the other way round: the input reached through a link, the output by its name.
    _refused([str(link), "--manifest", str(jsonl), "-o", str(tmp_path / "q.jsonl")], capsys, jsonl)


def test_a_hard_link_to_the_input_is_refused(jsonl, tmp_path, capsys) -> None:
    hard = tmp_path / "hard.jsonl"
    os.link(jsonl, hard)
    _refused([str(jsonl), "-o", str(hard)], capsys, jsonl)


def test_an_article_found_in_an_input_folder_or_by_a_pattern_is_refused(txt, capsys) -> None:
    folder = txt.parent
    err = _refused([str(folder), "-o", str(txt)], capsys, txt)
    assert f"it is the input {txt} (found in {folder})" in err
    _refused([str(folder / "*.txt"), "--manifest", str(txt)], capsys, txt)


def test_the_same_path_as_output_and_manifest_is_refused(txt, tmp_path, capsys) -> None:
    both = tmp_path / "both.jsonl"
    err = _refused([str(txt), "-o", str(both), "--manifest", str(both)], capsys, txt)
    assert "as both the output and the manifest" in err
    assert not both.exists()
    link = tmp_path / "link.jsonl"
    both.write_text("", encoding="utf-8")
    link.symlink_to(both)
    _refused([str(txt), "-o", str(both), "--manifest", str(link)], capsys, txt)


def test_an_input_that_does_not_exist_yet_is_not_created_as_output(tmp_path, capsys) -> None:
    new = tmp_path / "new.jsonl"
    _refused([str(new), "-o", str(new)], capsys)
    assert not new.exists()


def test_stdin_redirected_from_the_output_is_refused(jsonl) -> None:
    with jsonl.open("rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-m", "quoteattr", "extract", "-", "-o", str(jsonl)],
            cwd=ROOT,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2 and "standard input is read from that file" in proc.stderr
    assert jsonl.read_text(encoding="utf-8") == LINE


def _run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", *args, "--workers", "2", "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_a_run_writing_into_its_input_folder_never_reads_its_own_files(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(BODY, encoding="utf-8")
    out = folder / "quotes.jsonl"
    manifest = folder / "run-manifest.jsonl"  # not a name quoteattr knows as its own
    for extra in ([], [], ["--resume"]):  # the first run, a rerun over the former output, resume
        proc = _run(str(folder), "-o", str(out), "--manifest", str(manifest), *extra)
        records = [json.loads(line) for line in manifest.read_text("utf-8").splitlines()]
        read = sorted(Path(r["path"]).name for r in records if r["status"] != "skipped")
        assert read == ["a0.txt", "a1.txt", "a2.txt"]
        own = {Path(r["path"]).name: r["reason"] for r in records if r["status"] == "skipped"}
        assert own == dict.fromkeys(
            ["quotes.jsonl", "run-manifest.jsonl"], "this run's own output or manifest"
        )
        assert {json.loads(q)["article"]["path"] for q in out.read_text("utf-8").splitlines()} == {
            str(folder / f"a{i}.txt") for i in range(3)
        }
    assert "5 already done" in proc.stderr  # 3 articles and the 2 own files
    # A pattern matching the output reads it no more than the folder does.
    proc = _run(str(folder / "*"), "-o", str(out), "--manifest", str(manifest))
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "quoteattr: 3 articles, 6 quotes, 0 errors, 2 skipped (not articles) in "
    )
