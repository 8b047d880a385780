"""A worker process dying on an article costs that article, never the run or a resume."""

from __future__ import annotations

import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from quoteattr import batch
from quoteattr.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from crashy import CrashingTask, init  # noqa: E402


def _run(texts: list[str], chunk_size: int = 3) -> list[batch.Done]:
    items = [Article(text=t, path="in.jsonl", index=i) for i, t in enumerate(texts)]
    pool = batch._Pool(batch.Options(), 2, initializer=init)
    try:
        chunks = batch.chunked(items, chunk_size)
        return list(batch._pooled(CrashingTask(), chunks, pool, window=4))
    finally:
        pool.close()


def test_the_article_a_worker_dies_on_is_an_error_and_the_rest_goes_on() -> None:
    texts = [f"article {i}" for i in range(10)]
    texts[4] = "CRASH here"
    texts[8] = "CRASH again"
    done = _run(texts)
    assert [d.manifest["index"] for d in done] == list(range(10))
    assert [d.manifest["status"] for d in done] == ["ok"] * 4 + ["error"] + ["ok"] * 3 + [
        "error",
        "ok",
    ]
    assert "a worker process died while extracting this article" in done[4].manifest["error"]


def test_a_crash_in_the_very_first_article_is_survived_too() -> None:
    done = _run(["CRASH", "b", "c", "d"])
    assert [d.manifest["status"] for d in done] == ["error", "ok", "ok", "ok"]


def test_workers_that_die_on_everything_stop_the_run() -> None:
    with pytest.raises(BrokenProcessPool):
        _run(["CRASH 1", "CRASH 2", "CRASH 3", "CRASH 4", "fine"])
