"""Quote offsets land on the quoted characters, for every input format.

Offsets point into each article's text as quoteattr read it (for plain text: the body, after
the title line, metadata lines and page chrome are taken out). ``extract --with-text`` writes
that text into the manifest, so ``text[start:end]`` is the quotation whatever the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr.cli import main

# News sentences in several styles, each with a quotation the rules find.
LYON = (
    "«\u00a0Nous ne reculerons pas\u00a0», a affirmé mardi Grégory Doucet, maire de Lyon, "
    "devant le conseil municipal."
)
COURT = (
    "Le procureur Jean Martin a estimé que le prévenu «\u00a0savait parfaitement ce qu'il "
    "faisait\u00a0», avant de requérir cinq ans de prison."
)
SPORT = (
    "«\u00a0On a manqué de réalisme, c'est tout\u00a0», a regretté l'entraîneur Pierre Sage "
    "après la défaite."
)
GENEVA = (
    "Selon la conseillère d'Etat Nathalie Fontanet, le budget genevois restera déficitaire "
    "jusqu'en 2026."
)
QUEBEC = (
    "«\u00a0Le réseau est à bout de souffle\u00a0», a lancé la ministre Sonia LeBel, jeudi à "
    "Québec."
)

TITLED = f"Lyon : le plan vélo adopté\n\nPartager sur Facebook\n\n{LYON}\n\n{COURT}\n"
MULTI = (
    f"Tribunal de Lyon – 2024/03/12\n{COURT}\nsource/https://exemple.fr/tribunal\n"
    f"Football – 2024/03/13\nPublicité\n{SPORT}\nsource/https://exemple.fr/foot\n"
)
HTML = (
    "<html><head><title>Budget genevois</title></head><body><nav>Accueil · Politique</nav>"
    f"<article><h1>Budget genevois</h1><p>{GENEVA}</p><p>{SPORT}</p></article>"
    "<footer>© Le Courrier</footer></body></html>"
)


def _inputs(folder: Path) -> dict[str, str]:
    """One input of each format under folder, by file name."""
    files = {
        "titled.txt": TITLED,
        "multi.txt": MULTI,
        "one.json": json.dumps({"title": "Québec", "text": f"{QUEBEC}\n\n{SPORT}"}),
        "lines.jsonl": json.dumps({"id": "l1", "text": LYON})
        + "\n"
        + json.dumps({"id": "l2", "title": "Genève", "text": f"{GENEVA} {COURT}"})
        + "\n",
        "page.html": HTML,
    }
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return files


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def with_text_run(tmp_path_factory) -> tuple[Path, dict[str, str], int]:
    folder = tmp_path_factory.mktemp("offsets")
    files = _inputs(folder)
    out = folder / "out" / "q.jsonl"
    out.parent.mkdir()
    code = main(["extract", str(folder), "-o", str(out), "--with-text", "--workers", "1"])
    return out, files, code


def test_with_text_offsets_land_on_the_quote_in_every_format(with_text_run):
    """text[start:end] is the quotation (each part's text for one cut by an incise), and the
    cue and speaker mention are the text at their offsets, for txt (one and several articles
    a file), JSON, JSONL and HTML inputs."""
    out, files, code = with_text_run
    assert code == 0
    lines = _lines(out.with_name("q.articles.jsonl"))
    # The run's own output and manifest sit in the folder: listed as skipped, never read.
    skipped = {Path(m["path"]).name for m in lines if m["status"] == "skipped"}
    assert skipped == {"q.jsonl", "q.articles.jsonl"}
    manifest = {(m["path"], m["index"]): m for m in lines if m["status"] != "skipped"}
    assert all(m["status"] == "ok" and isinstance(m["text"], str) for m in manifest.values())
    quotes = _lines(out)
    seen = {Path(q["article"]["path"]).name for q in quotes}
    assert seen == set(files)  # every format gave quotes to check
    for q in quotes:
        text = manifest[q["article"]["path"], q["article"]["index"]]["text"]
        pieces = q["parts"] or [{"start": q["start"], "end": q["end"], "text": q["text"]}]
        for part in pieces:
            assert text[part["start"] : part["end"]] == part["text"]
        assert " ".join(p["text"] for p in pieces) == q["text"]
        if q["cue"]:
            assert text[q["cue"]["start"] : q["cue"]["end"]] == q["cue"]["text"]
        if q["speaker"] and q["speaker"]["start"] is not None:
            sp = q["speaker"]
            assert text[sp["start"] : sp["end"]] == sp["mention"]


def test_plain_text_offsets_are_not_file_offsets(with_text_run):
    """Why --with-text is needed: in a plain-text file the body starts after the title and
    the chrome, so the same offsets in the file itself miss the quotation."""
    out, files, _ = with_text_run
    titled = [q for q in _lines(out) if q["article"]["path"].endswith("titled.txt")]
    assert titled
    for q in titled:
        assert files["titled.txt"][q["start"] : q["end"]] != q["text"]
    manifest = _lines(out.with_name("q.articles.jsonl"))
    [entry] = [m for m in manifest if m["path"].endswith("titled.txt")]
    assert entry["text"] == f"{LYON}\n\n{COURT}"  # the body: no title line, no chrome


def test_without_with_text_the_manifest_carries_no_text(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": LYON}) + "\n", encoding="utf-8")
    out = tmp_path / "q.jsonl"
    assert main(["extract", str(tmp_path / "a.jsonl"), "-o", str(out), "--workers", "1"]) == 0
    [entry] = _lines(out.with_name("q.articles.jsonl"))
    assert "text" not in entry


def test_with_text_needs_a_manifest(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(LYON, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--with-text"]) == 2
    assert "--with-text" in capsys.readouterr().err
