"""The documentation stays true to the code: fields, options, links, the accuracy tables.

The ``>>>`` examples of docs/*.md run as doctests through the pytest configuration.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from pathlib import Path

import pytest

import quoteattr
from quoteattr import model
from quoteattr.schema import json_key

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _section(text: str, heading: str) -> str:
    """The text under a ``## heading``, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    s = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return s.replace(" ", "-")


@pytest.mark.parametrize(
    "record",
    [
        model.Quote,
        model.Part,
        model.Speaker,
        model.Cue,
        model.ArticleRef,
        model.Article,
        model.ErrorRecord,
    ],
    ids=lambda r: r.__name__,
)
def test_schema_documents_every_field(record: type):
    section = _section((DOCS / "schema.md").read_text(encoding="utf-8"), record.__name__)
    keys = [json_key(f) for f in dataclasses.fields(record)]  # as the JSON lines spell them
    missing = [key for key in keys if f"`{key}`" not in section]
    assert not missing, f"docs/schema.md, section {record.__name__}, lacks {missing}"


def test_schema_version_matches():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert f"`schema` is `{model.SCHEMA_VERSION}`" in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_point_to_files_and_headings(page: Path):
    text = page.read_text(encoding="utf-8")
    for target in _LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        assert dest.exists(), f"{page.name}: link to missing {target}"
        if anchor and dest.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), re.M)
            assert anchor in {_slug(h) for h in headings}, f"{page.name}: no heading #{anchor}"


def _options(argv: list[str], capsys) -> set[str]:
    from quoteattr.cli import main

    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", capsys.readouterr().out)) - {"--help"}


@pytest.mark.parametrize("command", ["render", "evaluate", "speakers", "stats"])
def test_cli_doc_names_every_option(command: str, capsys):
    text = _section((DOCS / "cli.md").read_text(encoding="utf-8"), f"`quoteattr {command}`")
    shared = _section((DOCS / "cli.md").read_text(encoding="utf-8"), "Inputs")
    missing = {o for o in _options([command], capsys) if f"`{o}" not in text + shared}
    assert not missing, f"docs/cli.md does not document {command} {sorted(missing)}"


def test_api_doc_covers_the_public_api():
    text = (DOCS / "api.md").read_text(encoding="utf-8") + (DOCS / "schema.md").read_text(
        encoding="utf-8"
    )
    missing = [n for n in quoteattr.__all__ if n not in text]
    assert not missing, f"docs/api.md and docs/schema.md never mention {missing}"


def _table_script():
    spec = importlib.util.spec_from_file_location(
        "make_table", ROOT / "scripts/make_accuracy_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_accuracy_doc_has_a_filled_table_per_gold_set():
    script = _table_script()
    text = (DOCS / "accuracy.md").read_text(encoding="utf-8")
    table = text.split(script.BEGIN)[1].split(script.END)[0]
    for name, _ in script.gold_sets():
        assert re.search(rf"^\| {re.escape(name)} \| \d+ \| \d+ \| [01]\.\d{{3}}", table, re.M), (
            f"docs/accuracy.md has no accuracy row for {name}: run scripts/make_accuracy_table.py"
        )


def test_table_rewrite_keeps_the_rest_of_the_page():
    script = _table_script()
    page = f"# Titre\n\nAvant.\n{script.BEGIN}\nancien\n{script.END}\nAprès.\n"
    new = script.replace_between(page, "\n| nouveau |\n")
    assert new == f"# Titre\n\nAvant.\n{script.BEGIN}\n| nouveau |\n{script.END}\nAprès.\n"
    assert script.replace_between(new, "\nx\n").count(script.BEGIN) == 1
    with pytest.raises(ValueError, match="marker"):
        script.replace_between("# Sans marqueurs\n", "x")
