"""``quoteattr extract`` as a user meets it: output, manifest, summary, exit codes, bad input.

Runs in this process (the model loads once per test session) except where the real command
line is the point.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.cli import main
from quoteattr.model import Quote
from quoteattr.schema import json_key

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted(str(p) for p in FIXTURES.glob("*.txt"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[Path, int]:
    """One extraction of the fixture directory, shared by the tests that read its output."""
    out = tmp_path_factory.mktemp("cli") / "q.jsonl"
    return out, main(["extract", str(FIXTURES), "-o", str(out), "--workers", "1"])


def test_output_is_one_quote_per_line_pointing_into_its_article(seed_run):
    from quoteattr.reading import read_paths

    out, code = seed_run
    assert code == 0
    texts = {}
    for rec in _lines(out):
        q = Quote.from_dict(rec)
        key = (rec["article"]["path"], rec["article"]["index"])
        if key not in texts:
            texts.update({(a.path, a.index): a.text for a in read_paths([key[0]])})
        text = texts[key]
        assert 0 <= q.start < q.end <= len(text)
        assert q.text.split()[0] in text[q.start : q.end]
        # Every field in model order; ``cluster`` only in runs given --cluster.
        assert list(rec) == [json_key(f) for f in dataclasses.fields(Quote) if f.name != "cluster"]


def test_manifest_lists_every_article_and_skips_gold_files(seed_run):
    out, _ = seed_run
    manifest = _lines(out.with_name("q.articles.jsonl"))
    paths = {Path(m["path"]).name for m in manifest}
    # Listed as skipped, not read as articles.
    side = {Path(m["path"]).name: m for m in manifest if m["status"] == "skipped"}
    assert {"gold.jsonl", "articles.jsonl"} <= set(side)
    assert all(m["reason"] and not m["n_quotes"] for m in side.values())
    assert {"000_eccd1aaad595508f.txt", "002_7c931416c020a026.txt"} <= paths
    quotes = _lines(out)
    assert sum(m["n_quotes"] for m in manifest) == len(quotes)
    # Quotes come in manifest (input) order.
    order = [(m["path"], m["index"]) for m in manifest if m["n_quotes"]]
    seen = []
    for q in quotes:
        key = (q["article"]["path"], q["article"]["index"])
        if not seen or seen[-1] != key:
            seen.append(key)
    assert seen == order


def test_metadata_options_fill_articles_that_lack_it(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("« Nous gagnerons », a déclaré Marie Dupont.\n", encoding="utf-8")
    out = tmp_path / "q.jsonl"
    args = ["extract", str(src), "-o", str(out), "--workers", "1"]
    assert main([*args, "--date", "2024-05-06", "--publisher", "AFP"]) == 0
    refs = [q["article"] for q in _lines(out)]
    assert refs and all(r["date"] == "2024-05-06" and r["publisher"] == "AFP" for r in refs)


def test_unreadable_inputs_are_recorded_not_fatal(tmp_path, capsys):
    out = tmp_path / "q.jsonl"
    missing = str(tmp_path / "absent.txt")
    assert main(["extract", missing, SEEDS[0], "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "absent.txt" in err and "1 errors" in err and "Traceback" not in err
    manifest = _lines(out.with_name("q.articles.jsonl"))
    assert manifest[0]["status"] == "error" and manifest[0]["path"] == missing
    assert manifest[1]["status"] == "ok"


def test_strict_turns_input_errors_into_exit_code_1(tmp_path):
    code = main(["extract", str(tmp_path / "absent.txt"), "--workers", "1", "--strict"])
    assert code == 1


def test_bad_option_values_are_refused_by_name(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--workers", "zero", "a.txt"])
    assert exc.value.code == 2
    assert "'zero' is not a positive whole number" in capsys.readouterr().err


def test_a_bad_date_is_refused_before_any_work(capsys):
    assert main(["extract", "a.txt", "--date", "2023-13-45"]) == 2
    assert "2023-13-45" in capsys.readouterr().err


def test_resume_needs_an_output_file(capsys):
    assert main(["extract", "a.txt", "--resume"]) == 2
    assert "--resume needs -o" in capsys.readouterr().err


def test_an_unwritable_output_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "dir" / "q.jsonl"
    assert main(["extract", SEEDS[0], "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"cannot open {out}" in err and "Traceback" not in err


def test_a_full_disk_stops_the_run_with_an_error():
    """Writing to /dev/full fails like a full disk: exit code 2, a one-line reason."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "quoteattr", "extract", SEEDS[0], "--workers", "1"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 2
    assert "No space left on device" in proc.stderr and "Traceback" not in proc.stderr


def test_render_and_evaluate_are_dispatched_to_their_modules(tmp_path, capsys):
    pred = tmp_path / "p.jsonl"
    pred.write_text("", encoding="utf-8")
    assert main(["evaluate", str(pred), str(FIXTURES), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert scores["predicted_quotes"] == 0


def test_a_missing_subcommand_module_breaks_only_that_subcommand(monkeypatch, capsys):
    import quoteattr.cli as cli

    monkeypatch.setitem(cli._DELEGATED, "render", "quoteattr._no_such_module")
    assert main(["render", "x"]) == 2
    assert "quoteattr render: not available" in capsys.readouterr().err


def test_stdout_run_streams_quotes_and_ends_with_a_summary():
    """The real command, piped: JSON lines on stdout, no progress bar, a summary on stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", *SEEDS, "--workers", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    quotes = [json.loads(line) for line in proc.stdout.splitlines()]
    assert quotes, "the seed articles hold quotations"
    assert proc.stderr.startswith("quoteattr: 3 articles, ")
    assert f"{len(quotes)} quotes, 0 errors" in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal
