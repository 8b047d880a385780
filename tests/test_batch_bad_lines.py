"""One bad JSONL line never stops a batch, and ``--resume`` gets past it.

Lines that decode as JSON but cannot be written as UTF-8 (lone surrogate escapes) or cannot
be pickled to a worker (keys nested hundreds deep) go end to end through the command line
with two workers: each becomes that article's error record (or, when only unknown keys are
odd, an ordinary article), every other line is extracted, and a resume finds nothing to do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr import batch
from quoteattr.model import Article, ErrorRecord

ROOT = Path(__file__).resolve().parent.parent
SAID = "« Nous gagnerons », a déclaré Marie Dupont, ministre de l'Intérieur."
DEEP = '{"a": ' * 500 + "1" + "}" * 500


def _line(**fields: str) -> str:
    return json.dumps({"title": "Titre", "text": SAID, **fields}, ensure_ascii=False)


LINES = [
    (_line(id="ok0"), "ok"),
    ('{"id": "bad-text", "text": "« Oui \\udc80 », a dit Paul."}', "error"),
    (_line(id="ok1"), "ok"),
    ('{"id": "bad-title", "title": "\\udc80", "text": "« Oui », a dit Paul."}', "error"),
    ('{"id": "\\ud800", "text": "« Oui », a dit Paul."}', "error"),
    ('{"id": "deep", "text": "« Oui », a dit Paul.", "extra": ' + DEEP + "}", "ok"),
    ('{"id": "bad-author", "author": "\\udcff", "text": "« Oui », a dit Paul."}', "error"),
    ('{"id": "bad-url", "url": "http://x/\\udc80", "text": "« Oui », a dit Paul."}', "error"),
    (_line(id="ok2"), "ok"),
]


def _extract(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", str(src), "-o", str(out)]
        + ["--workers", "2", "--chunk-size", "2", "--no-progress", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    src = folder / "in.jsonl"
    src.write_text("".join(line + "\n" for line, _ in LINES), encoding="utf-8")
    # A file whose name is not UTF-8 (Latin-1 "é"), beside it in the folder.
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(f"Titre\n\n{SAID}\n".encode())
    out = tmp_path_factory.mktemp("out") / "q.jsonl"
    proc = _extract(folder, out)
    return folder, out, proc


def test_each_bad_line_is_its_own_error_record_and_the_rest_is_extracted(bad_run) -> None:
    folder, out, proc = bad_run
    manifest = _records(out.with_name("q.articles.jsonl"))
    assert [r["status"] for r in manifest] == ["ok"] + [s for _, s in LINES]
    assert manifest[0]["path"] == str(folder) + "/caf\\udce9.txt"
    by_index = {r["index"]: r for r in manifest[1:]}
    assert "text is not valid Unicode: lone surrogate U+DC80" in by_index[1]["error"]
    assert "title is not valid Unicode" in by_index[3]["error"]
    assert by_index[4]["id"] == "\\ud800" and "id is not valid Unicode" in by_index[4]["error"]
    assert by_index[5]["n_quotes"] == 1  # only an unknown key was odd: a normal article
    quotes = _records(out)  # valid UTF-8, one JSON object a line
    assert len(quotes) == sum(r["n_quotes"] for r in manifest) == 5
    assert proc.stderr.strip().splitlines()[-1].startswith("quoteattr: 5 articles, 5 quotes, 5 ")
    assert f"skipped {folder / 'in.jsonl'}#1: text is not valid Unicode" in proc.stderr


def test_resume_gets_past_the_bad_lines(bad_run, tmp_path) -> None:
    folder, out, _ = bad_run
    again = tmp_path / "q.jsonl"
    again.write_bytes(out.read_bytes())
    man = out.with_name("q.articles.jsonl").read_bytes()
    again.with_name("q.articles.jsonl").write_bytes(man)
    proc = _extract(folder, again, "--resume")
    assert "0 articles, 0 quotes, 0 errors, 10 already done" in proc.stderr
    assert again.read_bytes() == out.read_bytes()
    assert again.with_name("q.articles.jsonl").read_bytes() == man


class _FakeNlp:
    """Stands in for a spaCy pipeline: its tokenizer fails on one text, as a real one may."""

    pipeline: list = []

    def __init__(self) -> None:
        import contextlib

        self.memory_zone = contextlib.nullcontext
        self.tokenizer = type("T", (), {"max_cache_size": 0})()

    def make_doc(self, text: str) -> None:
        if "WARM" in text:
            raise ValueError("the tokenizer choked")


class _FakeExtractor:
    """Fails its whole batch when one article says BOOM, like an exception in nlp.pipe."""

    def __init__(self) -> None:
        self.nlp = _FakeNlp()

    def pipe(self, articles):
        articles = list(articles)
        for a in articles:
            self.nlp.make_doc(a.text)
            if "BOOM" in a.text:
                raise RuntimeError("kaboom")
        return [(a, []) for a in articles]


def test_a_failure_at_any_stage_of_a_chunk_is_its_article_s_error(monkeypatch) -> None:
    """Warm-up, parsing: whatever raises costs one article, never its chunk."""
    monkeypatch.setattr(batch, "_extractor", lambda options: _FakeExtractor())
    monkeypatch.setattr(batch, "_warmed", {})
    monkeypatch.setattr(batch, "_bound_caches", lambda nlp: None)
    texts = ["a", "WARM b", "c BOOM", "d"]
    chunk: list = [Article(text=t, path="x.jsonl", index=i) for i, t in enumerate(texts)]
    chunk.append(ErrorRecord(path="x.jsonl", error="line 6: malformed JSON", index=4, line=6))
    done = batch.process_chunk(chunk, batch.Options())
    assert [d.manifest["status"] for d in done] == ["ok", "error", "error", "ok", "error"]
    assert done[1].manifest["error"] == "cannot extract: ValueError: the tokenizer choked"
    assert done[2].manifest["error"] == "cannot extract: RuntimeError: kaboom"


def test_what_crosses_to_a_worker_is_plain_and_picklable() -> None:
    import pickle

    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["a"] = node = {}
    article = Article(text="« Oui », a dit Paul.", id="d", meta={"extra": deep})
    sent = batch.portable(article)
    assert isinstance(sent, Article) and sent.meta == {} and sent.text == article.text
    assert pickle.loads(pickle.dumps(sent)) == sent
    failed = batch.portable(Article(text="ok", id="i", title="\udc80", path="p", index=3))
    assert isinstance(failed, ErrorRecord) and batch.item_key(failed) == '["p", 3, null]'
