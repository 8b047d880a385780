"""Quote extraction and clustering on a Dask cluster: bags of quote dicts, JSONL or Parquet.

Needs the ``dask`` extra (``pip install "quoteattr[dask]"``). Each Dask worker process loads
the spaCy model once, on its first task, and keeps it; work is done in the same chunks and
by the same function as ``quoteattr extract`` on one machine, so the quotes are the same.

    from distributed import Client
    from quoteattr.dask import extract_bag, to_jsonl

    client = Client("tcp://scheduler:8786")
    to_jsonl(extract_bag(["/shared/corpus/"]), "/shared/quotes/")

Input files must be readable under the same paths on every worker (a shared file system).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import DEFAULT_CHUNK, Options, chunked, input_files, portable, process_chunk
from .model import Article

if TYPE_CHECKING:
    from concurrent.futures import Future

    import dask.bag as db

    from .corpus.clusters import Rules

#: Input files per bag partition when a bag is built from paths.
FILES_PER_PARTITION = 8


def extract_bag(
    paths_or_bag: Iterable[str | Path] | db.Bag,
    *,
    date: str | None = None,
    publisher: str | None = None,
    fast: bool = False,
    model: str | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
) -> db.Bag:
    """A Dask bag of quote dicts (``Quote.to_dict()`` layout) for files or a bag of articles.

    ``paths_or_bag`` is either input paths (files, directories, globs, as for
    ``quoteattr extract``; directories and globs are listed here, files are read on the
    workers) or a bag whose items are :class:`~quoteattr.model.Article` records, article
    dicts (``{"text": …, "title": …}``) or bare texts. ``date`` and ``publisher`` fill in
    inputs that lack them, as ``--date`` and ``--publisher`` do.
    """
    import dask.bag as db

    options = Options(model=model, fast=fast)
    if isinstance(paths_or_bag, db.Bag):
        return paths_or_bag.map_partitions(_extract_articles, options, date, publisher)
    files = list(input_files([str(p) for p in paths_or_bag]))
    if not files:
        raise ValueError(f"no input files in {list(paths_or_bag)!r}")
    bag = db.from_sequence(files, partition_size=max(1, files_per_partition))
    return bag.map_partitions(_extract_files, options, date, publisher)


def to_jsonl(bag: db.Bag, directory: str | Path) -> list[str]:
    """Writes quote dicts as ``part-N.jsonl`` files in ``directory``; returns their paths."""
    return _write_parts(bag, directory, "jsonl", _write_jsonl)


def to_parquet(bag: db.Bag, directory: str | Path) -> list[str]:
    """Writes quote dicts as ``part-N.parquet`` files in ``directory`` (needs ``pyarrow``).

    Nested records (speaker, cue, article, parts) become Parquet structs and lists, with one
    schema for every part so that the directory reads back as one dataset.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError("to_parquet needs pyarrow: pip install pyarrow") from None
    return _write_parts(bag, directory, "parquet", _write_parquet)


def _write_parts(
    bag: db.Bag, directory: str | Path, ext: str, write: Callable[[list[Any], str], str]
) -> list[str]:
    import dask

    Path(directory).mkdir(parents=True, exist_ok=True)
    # Each partition is written where it was computed; only file names come back.
    writes = [
        dask.delayed(write)(part, os.path.join(str(directory), f"part-{i:05d}.{ext}"))
        for i, part in enumerate(bag.to_delayed())
    ]
    return list(dask.compute(*writes))


def _write_jsonl(records: list[dict[str, Any]], path: str) -> str:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return path


def cluster_bag(quotes: db.Bag, rules: Rules | None = None) -> tuple[db.Bag, db.Bag]:
    """Clusters a bag of quote dicts (``extract_bag``'s layout) as ``quoteattr cluster`` does.

    Returns two lazy bags: the quotes, each with its ``cluster`` id, and the cluster dicts
    (docs/clusters.md). The sketches of each partition are computed on the workers, in
    parallel, and only they come back (hashes and counts, no text); the candidate search,
    the exact checks and union-find run here over them, and both bags are built on the
    workers. The bag is read twice — once for the sketches now, once by whatever computes
    the results — so persist it first if it is costly to compute (``quotes.persist()``) or
    read it from the extraction's JSONL (``db.read_text(...).map(json.loads)``).
    Quotes without a text are passed through without a ``cluster``.
    """
    import dask
    import dask.bag as db

    from .corpus.clusters import State, solve

    states = quotes.map_partitions(_sketch_partition).compute()
    solution = solve(State.concat(states), rules)
    ids, start = [], 0
    for state in states:
        ids.append([solution.id_of(i) for i in range(start, start + len(state))])
        start += len(state)
    labelled = db.from_delayed(
        [
            dask.delayed(_label_partition)(part, part_ids)
            for part, part_ids in zip(quotes.to_delayed(), ids, strict=True)
        ]
    )
    clusters = (
        labelled.filter(_cluster_key)
        .foldby(_cluster_key, _add_occurrence, [], _join_occurrences, [])
        .map(_cluster_of)
    )
    return labelled, clusters


def _sketch_partition(records: Iterable[dict[str, Any]]) -> list[Any]:
    from .corpus.clusters import _check, state_of

    return [state_of([r for r in records if not _check(r)])]


def _label_partition(records: Iterable[dict[str, Any]], ids: list[str]) -> list[dict[str, Any]]:
    from .corpus.clusters import _check

    given = iter(ids)
    return [r if _check(r) else {**r, "cluster": next(given)} for r in records]


def _cluster_key(record: dict[str, Any]) -> str:
    return record.get("cluster") or ""


def _add_occurrence(acc: list[dict[str, Any]], record: dict[str, Any]) -> list[dict[str, Any]]:
    from .corpus.clusters import occurrence_of

    return [*acc, occurrence_of(record)]


def _join_occurrences(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return a + b


def _cluster_of(item: tuple[str, list[dict[str, Any]]]) -> dict[str, Any]:
    from .corpus.clusters import cluster_dict

    return cluster_dict(item[1])


def connect(address: str, *, workers: int = 1) -> tuple[Callable[..., Future[Any]], Callable]:
    """``(submit, close)`` for the Dask cluster at ``address``, or a new local one.

    ``"local"`` starts a :class:`distributed.LocalCluster` of ``workers`` single-threaded
    processes; anything else is a scheduler address (``tcp://host:8786``).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError('--dask needs the dask extra: pip install "quoteattr[dask]"') from None

    cluster = None
    if address == "local":
        # One thread per process: spaCy parsing is CPU-bound and holds the GIL.
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def submit(fn: Callable[..., Any], task: Any) -> Future[Any]:
        # pure=False: two equal chunks are still two tasks, each with its own output lines.
        return client.submit(fn, task, pure=False)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return submit, close


def _extract_articles(
    items: Iterable[Any], options: Options, date: str | None, publisher: str | None
) -> list[dict[str, Any]]:
    return list(_quotes(_articles(items, date, publisher), options))


def _extract_files(
    paths: Iterable[str], options: Options, date: str | None, publisher: str | None
) -> list[dict[str, Any]]:
    from .reading import read_paths

    return list(_quotes(read_paths(list(paths), date=date, publisher=publisher), options))


def _quotes(items: Iterable[Any], options: Options) -> Iterator[dict[str, Any]]:
    # The same plain, writable articles as a local run's workers get (see batch.portable).
    for chunk in chunked(map(portable, items), DEFAULT_CHUNK):
        for done in process_chunk(chunk, options):
            for line in done.lines:
                yield json.loads(line)


def _articles(items: Iterable[Any], date: str | None, publisher: str | None) -> Iterator[Any]:
    for n, item in enumerate(items):
        if isinstance(item, str):
            item = Article(text=item, index=n)
        elif isinstance(item, dict):
            item = Article.from_dict(item)
        elif not isinstance(item, Article):
            raise TypeError(f"bag item {n} is a {type(item).__name__}, not an Article")
        if date and not item.date:
            item.date = date
        if publisher and not item.publisher:
            item.publisher = publisher
        yield item


def _write_parquet(records: list[dict[str, Any]], path: str) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records, schema=_schema()), path)
    return path


def _schema() -> Any:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    span = [("start", i), ("end", i)]
    return pa.schema(
        [
            ("text", s),
            ("type", s),
            ("start", i),
            ("end", i),
            ("parts", pa.list_(pa.struct([*span, ("text", s)]))),
            (
                "speaker",
                pa.struct(
                    [("name", s), ("mention", s), *span, ("kind", s), ("role", s), ("gender", s)]
                ),
            ),
            ("cue", pa.struct([("text", s), ("lemma", s), *span])),
            ("date", s),
            ("date_basis", s),
            ("confidence", f),
            (
                "article",
                pa.struct(
                    [
                        ("id", s),
                        ("path", s),
                        ("index", i),
                        ("title", s),
                        ("date", s),
                        ("url", s),
                        ("publisher", s),
                    ]
                ),
            ),
            ("schema", i),
            ("cluster", s),
        ]
    )
