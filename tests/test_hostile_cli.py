"""The hostile corpus through ``quoteattr extract``, end to end: nothing lost, nothing crashes.

The corpus (``tests/hostile/make_corpus.py``) is generated into a tmp dir and run through the
real command line once; the manifest must account for every file, the summary must match
it, stderr must hold no traceback, and every quote must point into its article. The
``full`` Hypothesis profile (``QUOTEATTR_HYPOTHESIS=full``) runs the big files at their real
size, 5 MB and 50 MB; the default run shrinks them to keep the suite quick.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from quoteattr.cli import main
from quoteattr.model import Article, Quote
from quoteattr.reading import read_paths

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from faults import unreadable_folder  # noqa: E402
from invariants import check_quotes  # noqa: E402
from make_corpus import BODY, QUOTE, make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FULL = os.environ.get("QUOTEATTR_HYPOTHESIS") == "full"
SUMMARY = re.compile(r"^quoteattr: (\d+) articles, (\d+) quotes, (\d+) errors in [\d.]+ s$")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory):
    """The whole corpus through the real command, in a fresh process."""
    folder = tmp_path_factory.mktemp("corpus")
    expected = make_corpus(folder, small=not FULL)
    out = tmp_path_factory.mktemp("out") / "q.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", str(folder), "-o", str(out)]
        + ["--workers", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    return folder, expected, out, proc


def test_the_run_ends_with_a_summary_exit_code_0_and_no_traceback(corpus_run) -> None:
    _, _, out, proc = corpus_run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    m = SUMMARY.match(last)
    assert m, last
    manifest = _lines(out.with_name("q.articles.jsonl"))
    articles, quotes, errors = map(int, m.groups())
    assert articles == sum(r["status"] == "ok" for r in manifest)
    assert errors == sum(r["status"] == "error" for r in manifest) > 0
    assert quotes == sum(r["n_quotes"] for r in manifest) == len(_lines(out))


def test_the_manifest_accounts_for_every_input(corpus_run) -> None:
    folder, expected, out, _ = corpus_run
    by_file: dict[str, list[dict]] = defaultdict(list)
    for rec in _lines(out.with_name("q.articles.jsonl")):
        by_file[Path(rec["path"]).name].append(rec)
    assert set(by_file) == set(expected)
    for name, expect in expected.items():
        recs = by_file[name]
        ok = [r for r in recs if r["status"] == "ok"]
        bad = [r for r in recs if r["status"] == "error"]
        assert all(r["error"] for r in bad) and not any(r["error"] for r in ok), name
        assert sorted(r["line"] for r in bad if r["line"]) == expect.error_lines, name
        if expect.status == "ok":
            assert ok and len(bad) == len(expect.error_lines), name
        else:
            assert bad and not ok, name


def test_every_quote_points_into_its_article(corpus_run) -> None:
    folder, _, out, _ = corpus_run
    quotes: dict[tuple[str, int], list[Quote]] = defaultdict(list)
    for rec in _lines(out):
        q = Quote.from_dict(rec)
        quotes[(q.article.path, q.article.index)].append(q)
    texts = {(a.path, a.index): a.text for a in read_paths([str(folder)]) if isinstance(a, Article)}
    assert set(quotes) <= set(texts)
    for key, found in quotes.items():
        check_quotes(texts[key], found)


def test_big_inputs_lose_no_quote_at_their_chunk_cuts(corpus_run) -> None:
    """The big file is cut into chunks (beyond spaCy's max_length when full-size)."""
    folder, _, out, _ = corpus_run
    for name in ("size_big.txt", "size_single_line.txt"):
        [article] = read_paths([str(folder / name)])
        path = str(folder / name)
        found = [q for q in map(Quote.from_dict, _lines(out)) if q.article.path == path]
        assert [q.text for q in found] == ["Nous gagnerons"] * article.text.count(QUOTE), name
    if FULL:
        assert (folder / "size_big.txt").stat().st_size > 50_000_000


def test_strict_exits_1_and_a_second_run_writes_identical_bytes(corpus_run, tmp_path, capsys):
    """Same inputs, another process, --strict: exit code 1, byte-identical output."""
    folder, _, out, _ = corpus_run
    again = tmp_path / "q.jsonl"
    code = main(["extract", str(folder), "-o", str(again), "--workers", "1", "--strict"])
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err
    assert again.read_bytes() == out.read_bytes()
    assert (
        again.with_name("q.articles.jsonl").read_bytes()
        == out.with_name("q.articles.jsonl").read_bytes()
    )


def test_unreadable_and_vanishing_inputs_are_in_the_manifest(tmp_path, monkeypatch, capsys):
    """As root every file is readable: the refusals and the vanishing file are simulated."""
    src = tmp_path / "in"
    src.mkdir()
    unreadable_folder(src, monkeypatch)
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--workers", "1", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith(
        "quoteattr: 1 articles, "
    )
    got = [(Path(r["path"]).name, r["status"]) for r in _lines(tmp_path / "q.articles.jsonl")]
    assert got == [
        ("a.txt", "ok"),
        ("b.txt", "error"),
        ("dangling.txt", "error"),
        ("locked", "error"),
        ("secret.txt", "error"),
    ]
    for name in ("b.txt", "dangling.txt", "locked", "secret.txt"):
        assert f"skipped {src / name}: " in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_fails_the_run_and_the_manifest_claims_nothing_unwritten(tmp_path, capsys):
    """Quotes to a full disk: exit 2, one clear line, no article with quotes in the manifest."""
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    args = ["extract", str(src), "-o", "/dev/full", "--manifest", str(manifest), "--workers", "1"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full: No space left on device" in err and "Traceback" not in err
    assert " quotes, " not in err  # no summary presents the run as done
    assert all(r["n_quotes"] == 0 for r in _lines(manifest))
    # --debug shows the traceback behind the one-line message.
    with pytest.raises(OSError, match="No space left on device"):
        main([*args, "--debug"])


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_under_the_manifest_fails_the_run(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    out = tmp_path / "q.jsonl"
    args = ["extract", str(src), "-o", str(out), "--manifest", "/dev/full", "--workers", "1"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full: No space left on device" in err and "Traceback" not in err


def test_debug_shows_the_traceback_behind_an_input_error(tmp_path, monkeypatch, capsys):
    """An unexpected reader failure is an error record; only --debug shows its traceback."""
    import logging

    import quoteattr.reading as reading

    def broken(text: str, path: str = "") -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(reading, "read_text", broken)
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    args = ["extract", str(src), "-o", str(tmp_path / "q.jsonl"), "--workers", "1"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert f"skipped {src}: cannot read: RuntimeError: boom" in err and "Traceback" not in err
    try:
        assert main([*args, "--debug"]) == 0
        err = capsys.readouterr().err
        assert "Traceback" in err and "RuntimeError: boom" in err
    finally:
        logging.getLogger("quoteattr").setLevel(logging.NOTSET)
