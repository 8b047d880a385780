"""The batch engine's bookkeeping: lazy chunks, ordered results, manifest, crash repair.

These tests need no spaCy model; runs of the real extractor are in test_batch_run.py.
"""

from __future__ import annotations

import itertools
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from dataclasses_json import DataClassJsonMixin

from quoteattr import batch
from quoteattr.model import Article, ArticleRef, Cue, ErrorRecord, Part, Quote, Speaker


def _quote_line(path: str, index: int, text: str) -> str:
    q = Quote(text=text, type="direct", start=0, end=len(text))
    q.article = ArticleRef(path=path, index=index)
    return batch.quote_line(q)


def _done(path: str, index: int, quotes: list[str]) -> batch.Done:
    article = Article(text="x", path=path, index=index)
    lines = [_quote_line(path, index, t) for t in quotes]
    entry = batch.manifest_entry(
        article, [Quote(text=t, type="direct", start=0, end=1) for t in quotes]
    )
    return batch.Done(batch.item_key(article), lines, entry)


def test_chunks_are_read_lazily_from_an_endless_stream():
    """An input of millions of articles is never materialised: chunks are pulled one by one."""
    chunks = batch.chunked(itertools.count(), 3)
    assert next(chunks) == [0, 1, 2]
    assert next(chunks) == [3, 4, 5]


def test_ordered_map_keeps_input_order_when_later_tasks_finish_first():
    def slow_first(n: int) -> int:
        time.sleep(0.05 if n == 0 else 0)
        return n

    with ThreadPoolExecutor(4) as pool:
        assert list(batch.ordered_map(slow_first, range(8), pool.submit, 4)) == list(range(8))


def test_ordered_map_pulls_no_more_tasks_than_its_window():
    pulled = []

    def tasks():
        for n in itertools.count():
            pulled.append(n)
            yield n

    with ThreadPoolExecutor(2) as pool:
        results = batch.ordered_map(lambda n: n, tasks(), pool.submit, 3)
        assert next(results) == 0
        # The first result leaves once the window (3 tasks) is full, not before.
        assert len(pulled) == 3


def test_manifest_entry_carries_the_article_metadata_as_read():
    art = Article(
        text="x",
        id="a1",
        path="a.jsonl",
        index=2,
        title="Le titre",
        date="2012-07-06",
        url="https://example.org/a",
        publisher="Le Temps",
        meta={"section": "Monde"},
    )
    entry = batch.manifest_entry(art, [])
    assert {k: entry[k] for k in ("title", "date", "url", "publisher")} == {
        "title": "Le titre",
        "date": "2012-07-06",
        "url": "https://example.org/a",
        "publisher": "Le Temps",
    }


def test_manifest_entry_of_an_entry_that_is_no_article_says_why():
    entry = batch.manifest_entry(batch.Skipped("in/pipe.txt", "a named pipe (FIFO)"), [])
    assert (entry["status"], entry["reason"], entry["error"]) == (
        "skipped",
        "a named pipe (FIFO)",
        None,
    )
    assert batch.item_key(batch.Skipped("in/pipe.txt", "x")) == '["in/pipe.txt", null, null]'


def test_manifest_entry_of_an_unreadable_input_says_why():
    err = ErrorRecord(path="bad.jsonl", error="line 7: not JSON", line=7)
    entry = batch.manifest_entry(err, [])
    assert entry == {
        "id": "",
        "path": "bad.jsonl",
        "index": None,
        "line": 7,
        "title": None,
        "date": None,
        "url": None,
        "publisher": None,
        "n_quotes": 0,
        "status": "error",
        "error": "line 7: not JSON",
        "reason": None,
        "warnings": [],
    }


def test_manifest_entry_of_an_article_counts_its_quotes():
    article = Article(text="t", path="a.txt", index=1, title="Titre", id="a1")
    entry = batch.manifest_entry(article, [Quote(text="x", type="direct", start=0, end=1)])
    assert (entry["id"], entry["title"], entry["n_quotes"], entry["status"]) == (
        "a1",
        "Titre",
        1,
        "ok",
    )
    assert list(entry) == [
        "id",
        "path",
        "index",
        "line",
        "title",
        "date",
        "url",
        "publisher",
        "n_quotes",
        "status",
        "error",
        "reason",
        "warnings",
    ]
    assert entry["warnings"] == []


def _write(tmp_path: Path, dones: list[batch.Done]) -> tuple[Path, Path]:
    out, man = tmp_path / "q.jsonl", tmp_path / "q.articles.jsonl"
    with out.open("w", encoding="utf-8") as o, man.open("w", encoding="utf-8") as m:
        writer = batch.Writer(o, m)
        for d in dones:
            writer.write(d)
    return out, man


def test_writer_puts_quotes_before_their_manifest_line(tmp_path):
    out, man = _write(tmp_path, [_done("a.txt", 0, ["un", "deux"]), _done("a.txt", 1, [])])
    assert [json.loads(line)["text"] for line in out.read_text().splitlines()] == ["un", "deux"]
    assert [json.loads(line)["n_quotes"] for line in man.read_text().splitlines()] == [2, 0]


def test_repair_cuts_torn_lines_and_quotes_of_unfinished_articles(tmp_path):
    """A kill -9 while writing article 2: its quotes are on disk, its manifest line is torn."""
    out, man = _write(tmp_path, [_done("a.txt", 0, ["un"]), _done("a.txt", 1, ["deux"])])
    good_out, good_man = out.read_bytes(), man.read_bytes()
    with out.open("a", encoding="utf-8") as f:
        f.write(_quote_line("a.txt", 2, "trois"))
        f.write(_quote_line("a.txt", 2, "quatre")[:9])
    with man.open("a", encoding="utf-8") as f:
        f.write('{"id": "", "path": "a.t')
    done = batch.repair(out, man)
    assert done == {'["a.txt", 0, null]', '["a.txt", 1, null]'}
    assert (out.read_bytes(), man.read_bytes()) == (good_out, good_man)


def test_repair_keeps_finished_quotes_around_stray_lines(tmp_path):
    out, man = _write(tmp_path, [_done("a.txt", 0, ["un"]), _done("b.txt", 0, ["deux"])])
    lines = out.read_text().splitlines(keepends=True)
    out.write_text(lines[0] + _quote_line("z.txt", 0, "perdu") + lines[1])
    batch.repair(out, man)
    assert out.read_text() == "".join(lines)


def test_repair_of_a_run_killed_before_any_line(tmp_path):
    out, man = tmp_path / "q.jsonl", tmp_path / "q.articles.jsonl"
    out.write_text('{"text": "tor')
    assert batch.repair(out, man) == set()
    assert out.read_text() == ""


def test_repair_refuses_a_file_that_is_not_a_manifest(tmp_path):
    out, man = tmp_path / "q.jsonl", tmp_path / "q.articles.jsonl"
    man.write_text("hello\n")
    with pytest.raises(ValueError, match="not a quoteattr manifest"):
        batch.repair(out, man)


def test_a_full_disk_is_an_output_error_naming_the_file():
    f = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closing it fails too
    with pytest.raises(batch.OutputError, match="cannot write /dev/full"):
        batch.Writer(f, None).write(_done("a.txt", 0, ["un"]))


def test_run_skips_articles_finished_before(tmp_path):
    """--resume: articles listed in the manifest are neither processed nor written again."""
    items = [Article(text="", path="a.txt", index=i) for i in range(3)]
    skip = {batch.item_key(items[0]), batch.item_key(items[1])}
    seen = []
    with open(tmp_path / "o", "w") as out:
        summary = batch.run(items[:2], batch.Writer(out), skip=skip, on_done=seen.append)
    assert (summary.skipped, summary.articles, seen) == (2, 0, [])


def test_a_quote_line_is_the_quote_s_own_json():
    """quote_line skips dataclasses-json for speed; every field must come out the same."""
    q = Quote(
        text="Nous gagnerons « ensemble »",
        type="mixed",
        start=3,
        end=30,
        parts=[Part(start=3, end=10, text="Nous ga"), Part(start=12, end=30, text="gnerons")],
        speaker=Speaker(name="Marie Dupont", mention="Mme Dupont", start=40, end=50, role="maire"),
        cue=Cue(text="a déclaré", lemma="déclarer", start=31, end=40),
        date="2023-03-01",
        date_basis="relative",
        confidence=0.85,
        article=ArticleRef(id="a", path="é/a.txt", index=2, title="Titre", date="2023-03-02"),
    )
    assert batch.quote_line(q) == q.to_json(ensure_ascii=False) + "\n"
    assert batch.quote_line(Quote(text="x", type="direct", start=0, end=1)) == (
        Quote(text="x", type="direct", start=0, end=1).to_json(ensure_ascii=False) + "\n"
    )
    # Quote.to_dict builds its object without dataclasses-json too: the library's own
    # serialiser must agree with it, key for key and in the same order.
    for quote in (q, replace(q, cluster="c-1"), Quote(text="x", type="direct", start=0, end=1)):
        theirs = DataClassJsonMixin.to_dict(quote, encode_json=True)
        if theirs["cluster"] is None:
            del theirs["cluster"]
        assert list(quote.to_dict().items()) == list(theirs.items())
