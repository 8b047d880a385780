"""Batch extraction: worker processes, input order, the manifest, and resuming after a crash.

The input is a lazy stream of :class:`~quoteattr.model.Article` records (and
:class:`~quoteattr.model.ErrorRecord` for inputs that could not be read). It is cut into
chunks of consecutive articles; each chunk goes to a worker process that holds its own
:class:`~quoteattr.pipeline.Extractor` (one spaCy model per process) and sends back, for each
article, its quotes already serialised as JSON lines plus its manifest entry. Chunks are
written back strictly in input order, so the output bytes do not depend on the number of
workers.

Writing is crash-safe: an article's quote lines are written and flushed before its manifest
line, so after a ``kill -9`` the manifest lists exactly the articles whose quotes are all on
disk. :func:`repair` cuts a torn last line and drops quotes of articles the manifest does not
list; the articles it does list are skipped on resume.

>>> from quoteattr.model import Article, ErrorRecord
>>> item_key(Article(text="…", path="a.txt", index=2))
'["a.txt", 2, null]'
>>> item_key(ErrorRecord(path="b.jsonl", error="bad JSON", line=7))
'["b.jsonl", null, 7]'
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, TypeVar

from .model import Article, ErrorRecord, Quote


@dataclass
class Skipped:
    """An entry of an input folder (or pattern) that holds no article and is not read: a
    linked folder, a named pipe, a socket, an image, a hidden file. Listed in the manifest
    with status ``skipped`` and its ``reason``."""

    path: str
    reason: str
    id: str | None = None
    index: int | None = None


Item = Article | ErrorRecord | Skipped
# Tracebacks behind articles' error records; ``quoteattr extract --debug`` shows them.
_log = logging.getLogger("quoteattr.batch")
T = TypeVar("T")
R = TypeVar("R")

#: Entries a component's cache may hold before it is emptied (about 30 MB of lemmas): enough
#: for the common words of any corpus, so emptying it seldom costs a recomputation.
CACHE_LIMIT = 100_000

#: Articles sent to a worker at a time: big enough for ``nlp.pipe`` batching and to spread
#: the cost of each chunk's memory zone (the words it frees are looked up again by the next
#: chunk), small enough to keep output flowing and memory flat.
DEFAULT_CHUNK = 96


@dataclass
class Options:
    """How each worker builds its :class:`~quoteattr.pipeline.Extractor`."""

    model: str | None = None
    fast: bool = False
    batch_size: int = 16
    #: Also write each article's text, the one quote offsets point into, in its manifest line.
    with_text: bool = False


@dataclass
class Done:
    """One article (or unreadable input) after extraction, ready to be written."""

    key: str
    lines: list[str]
    manifest: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.manifest["status"] == "ok"


@dataclass
class Summary:
    """What a run did: counts for the closing message on stderr."""

    articles: int = 0
    quotes: int = 0
    errors: int = 0
    #: Articles and inputs finished by an earlier run (``--resume``).
    skipped: int = 0
    #: Entries of input folders that hold no article (:class:`Skipped`).
    not_articles: int = 0


def item_key(item: Item) -> str:
    """The identity of an article or unreadable input in the manifest: ``[path, index, line]``.

    Articles are keyed by their input path and position in it; read errors by path and the
    index or JSONL line they concern, so an article and an error never share a key.
    """
    if isinstance(item, ErrorRecord):
        return _key(item.path, item.index, item.line)
    if isinstance(item, Skipped):
        return _key(item.path, None, None)
    return _key(item.path, item.index, None)


def _key(path: str, index: int | None, line: int | None) -> str:
    return json.dumps([path, index, line], ensure_ascii=False)


def input_files(
    paths: Iterable[str], exclude: Collection[tuple[int, int]] = (), skipped: bool = False
) -> Iterator[str | Skipped]:
    """The files behind ``paths``, as :func:`quoteattr.reading.sources.expand` lists them
    (gold sets and manifests in a directory left out, files named explicitly kept, files
    whose identity is in ``exclude`` -- the run's own output and manifest -- left out).

    A path that gives nothing is kept too, so that reading it reports why. With ``skipped``,
    each entry of a folder or pattern that is not read comes as a :class:`Skipped`.
    """
    from .reading.sources import Skip, expand

    for path, reason in expand(paths, exclude=exclude, skipped=skipped):
        yield Skipped(path, str(reason)) if isinstance(reason, Skip) else path


def manifest_entry(
    item: Item,
    quotes: list[Quote] | ErrorRecord,
    people: list[dict[str, Any]] | None = None,
    *,
    with_text: bool = False,
) -> dict[str, Any]:
    """The manifest line of one article (status ``ok``) or failed input (status ``error``).

    It carries the article's metadata as read (``title``, ``date``, ``url``, ``publisher``),
    the ``warnings`` of :class:`~quoteattr.pipeline.QuoteList` (how the text was altered
    before parsing, e.g. a run of characters cut by :mod:`quoteattr.guard`), and with
    ``with_text`` the article's ``text``, which quote offsets point into.
    Every string in it can be written as UTF-8 (see :func:`writable`), whatever the input held.
    ``people`` (``Doc._.people``) gives ``people``: how many persons the article names, by
    gender (``f``, ``m``, ``unknown``), quoted or not.
    """
    error = quotes.error if isinstance(quotes, ErrorRecord) else None
    if isinstance(item, ErrorRecord):
        error = item.error
    status = "error" if error is not None else "ok"
    if isinstance(item, Skipped):
        status = "skipped"
    article = item if isinstance(item, Article) else None
    entry = {
        "id": item.id or "",
        "path": item.path,
        "index": item.index,
        "line": item.line if isinstance(item, ErrorRecord) else None,
        "title": article.title if article else None,
        "date": article.date if article else None,
        "url": article.url if article else None,
        "publisher": article.publisher if article else None,
        "n_quotes": len(quotes) if isinstance(quotes, list) else 0,
        "status": status,
        "error": error,
        "reason": item.reason if isinstance(item, Skipped) else None,
        # How the article was read, when not as it came (runs cut before parsing…).
        "warnings": [writable(w) for w in getattr(quotes, "warnings", [])],
    }
    if people is not None and error is None:
        entry["people"] = people_counts(people)
    entry = {k: writable(v) if isinstance(v, str) else v for k, v in entry.items()}
    if with_text and article is not None:
        # Each lone surrogate becomes U+FFFD, one character for one: offsets stay true.
        entry["text"] = article.text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return entry


def people_counts(people: list[dict[str, Any]]) -> dict[str, int]:
    """Persons by gender among the people an article names (organisations left out).

    >>> people_counts([{"kind": "person", "gender": "f"}, {"kind": "organisation", "gender": None}])
    {'f': 1, 'm': 0, 'unknown': 0}
    """
    counts = {"f": 0, "m": 0, "unknown": 0}
    for p in people:
        if p.get("kind") == "person":
            counts[p.get("gender") if p.get("gender") in {"f", "m"} else "unknown"] += 1
    return counts


def writable(text: str) -> str:
    """``text`` if it can be written as UTF-8, else with each lone surrogate as ``\\udcxx``.

    A JSON ``"\\udc80"`` escape or a file name that is not UTF-8 gives Python strings that no
    UTF-8 file can hold; written as they are, they would stop the run.

    >>> writable("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _unicode_problem(name: str, value: str | None) -> str | None:
    """Why ``value`` (field ``name`` of an article) is not text that can be written, if so."""
    if not value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = value[exc.start]
        return (
            f"{name} is not valid Unicode: lone surrogate U+{ord(char):04X} at character "
            f"{exc.start} (a broken \\u escape or encoding)"
        )
    return None


def portable(item: Item) -> Item:
    """``item`` reduced to what a worker needs, as plain data that crosses any process
    boundary and can be written; or an error record for an article that cannot be.

    ``meta`` (the input's unknown keys, of any shape and depth) stays behind: nothing in a
    worker reads it. A path that is not UTF-8 (a file name in Latin-1) is shown with
    escapes, the same in the output, the manifest and on ``--resume``. An article whose text
    or metadata holds a lone surrogate becomes an error record under the article's own key.
    """
    path = writable(item.path)
    if isinstance(item, Skipped):
        return Skipped(path, writable(item.reason))
    if isinstance(item, ErrorRecord):
        item_id = None if item.id is None else writable(item.id)
        return dataclasses.replace(item, path=path, error=writable(item.error), id=item_id)
    authors = [a for a in item.authors if isinstance(a, str)]
    item_id = item.id
    if path != item.path and item_id.startswith(item.path):
        item_id = writable(item_id)  # the ``path#index`` id of a file whose name is not UTF-8
    for name in ("text", "id", "title", "date", "url", "publisher"):
        problem = _unicode_problem(name, item_id if name == "id" else getattr(item, name))
        if problem is None and name == "text":
            problem = next(filter(None, (_unicode_problem("author", a) for a in authors)), None)
        if problem is not None:
            return ErrorRecord(
                path=path, error=problem, index=item.index, id=writable(item.id or "")
            )
    return Article(
        text=item.text,
        id=item_id,
        path=path,
        index=item.index,
        title=item.title,
        date=item.date,
        url=item.url,
        publisher=item.publisher,
        authors=authors,
    )


def quote_line(quote: Quote) -> str:
    """One output line: the quote as JSON (keys in model order, UTF-8 kept readable)."""
    return json_line(quote.to_dict())


#: Characters JSON leaves raw in strings but that many line readers take for line ends
#: (Python's ``str.splitlines``, JavaScript): escaped, so one record is always one line.
_LINE_BREAKERS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: Any) -> str:
    """``record`` as one JSONL line: UTF-8 kept readable, but no character any reader could
    take for a line end.

    >>> json_line({"id": "a\u2028b", "title": "Été"})
    '{"id": "a\\\\u2028b", "title": "Été"}\\n'
    """
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKERS) + "\n"


# --- worker side -------------------------------------------------------------------------

_extractors: dict[tuple[Any, ...], Any] = {}
_lock = threading.Lock()


def _extractor(options: Options) -> Any:
    """The process's Extractor for ``options``, built on first use (one model per process)."""
    from .pipeline import Extractor

    key = (options.model, options.fast, options.batch_size)
    if key not in _extractors:
        kwargs: dict[str, Any] = {"model": options.model, "batch_size": options.batch_size}
        # Only ask for fast mode when wanted, so normal runs work with any Extractor version.
        if options.fast:
            kwargs["fast"] = True
        _extractors[key] = Extractor(**kwargs)
    return _extractors[key]


#: The tokenizer remembers how it split each word, but nothing it learns inside a memory zone:
#: left alone, it would split every word of every chunk afresh. The start of each article of
#: the first :data:`WARM_ARTICLES` of a run is therefore split once outside any zone, which
#: fills its cache (made larger, still bounded) with the common words of the corpus.
WARM_ARTICLES = 200
_WARM_CHARS = 5_000
_TOKENIZER_CACHE = 50_000
_warmed: dict[int, int] = {}


def _warm_tokenizer(nlp: Any, articles: list[Article]) -> None:
    from .guard import guard_text

    done = _warmed.get(id(nlp), 0)
    if done >= WARM_ARTICLES:
        return
    tokenizer = nlp.tokenizer
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, _TOKENIZER_CACHE)
    for article in articles[: WARM_ARTICLES - done]:
        try:
            # Guarded like the text parsed later: a long run would take minutes here too.
            nlp.make_doc(guard_text(article.text[:_WARM_CHARS])[0])
        except Exception:  # noqa: BLE001 - only a cache fill: the article fails on its own later
            _log.debug("warm-up of %s failed", article.id, exc_info=True)
        done += 1
    _warmed[id(nlp)] = done


def _bound_caches(nlp: Any) -> None:
    """Empties the caches of pipeline components that outgrew :data:`CACHE_LIMIT`."""
    from .fast import bound_cache, cached_lemmas

    for _, component in nlp.pipeline:
        # The rule lemmatizer caches each (form, part of speech) forever; the memory zone
        # does not reach it, and a corpus of millions of articles brings millions of forms.
        bound_cache(getattr(component, "cache", None), CACHE_LIMIT)
    bound_cache(getattr(cached_lemmas(nlp, create=False), "cache", None), CACHE_LIMIT)


def _init_worker(options: Options, parent: int | None = None) -> None:
    # Ctrl-C is the parent's to handle; workers just stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _die_with(parent)
    _extractor(options)


#: How often a worker checks that its parent still lives, where the kernel cannot tell it.
_WATCH_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Ends this worker when process ``parent`` dies, even by ``kill -9``.

    A worker whose parent is gone would wait forever for its next chunk, holding its model
    (half a gigabyte). On Linux the kernel kills it (``PR_SET_PDEATHSIG``); everywhere a
    daemon thread also checks the parent's pid every :data:`_WATCH_SECONDS`.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still does the job
    if os.getppid() != parent:  # the parent died before we asked to die with it
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="quoteattr-parent-watch", daemon=True).start()


def process_chunk(chunk: list[Item], options: Options) -> list[Done]:
    """Extracts the quotes of a chunk of articles in this process; the unit of parallel work.

    Runs inside a spaCy memory zone so that strings of the chunk are freed afterwards: a
    worker's memory stays flat however many articles it sees.
    """
    # Dask may run several tasks of one worker in threads; one Extractor is not thread-safe.
    with _lock:
        ex = _extractor(options)
        articles = [a for a in chunk if isinstance(a, Article)]
        _warm_tokenizer(ex.nlp, articles)
        try:
            with ex.nlp.memory_zone():
                results = iter(_pipe(ex, articles))
        except Exception:  # noqa: BLE001 - one article must not sink its chunk: redo each alone
            _log.debug("chunk failed, redone one article at a time", exc_info=True)
            results = iter([_alone(ex, a) for a in articles])
        _bound_caches(ex.nlp)
        done = []
        for item in chunk:
            if not isinstance(item, Article):  # nothing to extract: only its manifest line
                done.append(Done(item_key(item), [], manifest_entry(item, [])))
                continue
            done.append(_done(item, *next(results), with_text=options.with_text))
        return done


def _pipe(
    ex: Any, articles: list[Article]
) -> list[tuple[list[Quote] | ErrorRecord, list[dict[str, Any]] | None]]:
    """Each article's quotes and the people it names (None from an extractor that does not
    say, such as a stand-in with ``pipe`` alone)."""
    if hasattr(ex, "pipe_people"):
        return [(quotes, people) for _, quotes, people in ex.pipe_people(articles)]
    return [(quotes, None) for _, quotes in ex.pipe(articles)]


def _alone(
    ex: Any, article: Article
) -> tuple[list[Quote] | ErrorRecord, list[dict[str, Any]] | None]:
    """``article``'s quotes and people, extracted by itself, or the error that stopped it."""
    try:
        with ex.nlp.memory_zone():
            [(quotes, people)] = _pipe(ex, [article])
        return quotes, people
    except Exception as exc:  # noqa: BLE001 - reported in the article's manifest line
        _log.debug("article %s failed", article.id, exc_info=True)
        return ErrorRecord(path=article.path, error=_reason(exc), index=article.index), None


def _reason(exc: BaseException) -> str:
    return writable(f"cannot extract: {type(exc).__name__}: {exc}")


def _done(
    article: Article,
    quotes: list[Quote] | ErrorRecord,
    people: list[dict[str, Any]] | None = None,
    *,
    with_text: bool = False,
) -> Done:
    """The record of one article; an error record if its quotes cannot be written as UTF-8."""
    key = item_key(article)
    if isinstance(quotes, ErrorRecord):
        return Done(key, [], manifest_entry(article, quotes, with_text=with_text))
    try:
        lines = [quote_line(q) for q in quotes]
        for line in lines:
            line.encode("utf-8")
    except Exception as exc:  # noqa: BLE001 - reported in the article's manifest line
        error = ErrorRecord(path=article.path, error=_reason(exc), index=article.index)
        return Done(key, [], manifest_entry(article, error, with_text=with_text))
    return Done(key, lines, manifest_entry(article, quotes, people, with_text=with_text))


# --- parent side -------------------------------------------------------------------------


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items, read lazily.

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered_map(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    submit: Callable[[Callable[[T], R], T], Future[R]] | None,
    window: int,
) -> Iterator[R]:
    """``fn`` over ``tasks``, results in task order, at most ``window`` tasks in flight.

    ``submit`` hands a task to an executor (a process pool, a Dask client); ``None`` runs
    tasks here. The window keeps input reading lazy: tasks are pulled only as results leave.

    >>> list(ordered_map(lambda x: x * 2, [1, 2, 3], None, 2))
    [2, 4, 6]
    """
    if submit is None:
        yield from map(fn, tasks)
        return
    pending: deque[Future[R]] = deque()
    for task in tasks:
        pending.append(submit(fn, task))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def extract_items(
    items: Iterable[Item],
    *,
    workers: int = 1,
    options: Options | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    submit: Callable[..., Future[Any]] | None = None,
) -> Iterator[Done]:
    """Each item's :class:`Done` record, in input order, computed by ``workers`` processes.

    ``workers=1`` runs in this process. ``submit`` replaces the process pool by another
    executor (see :mod:`quoteattr.dask`). Chunks are the same whatever the number of
    workers, so the results are too.
    """
    task = _Task(options or Options())
    # Only plain, writable data goes to the workers (see portable).
    chunks = chunked(map(portable, items), chunk_size)
    if submit is not None:
        # Enough chunks in flight to keep a whole cluster busy, few enough to stay lazy.
        for done in ordered_map(task, chunks, submit, window=64):
            yield from done
        return
    if workers <= 1:
        for done in ordered_map(task, chunks, None, 1):
            yield from done
        return
    pool = _Pool(task.options, workers)
    try:
        # Two chunks per worker in flight: none idles while the parent writes.
        yield from _pooled(task, chunks, pool, window=2 * workers)
    finally:
        pool.close()


#: Workers dying on this many articles in a row is no article's fault: the run stops.
DEATHS_IN_A_ROW = 3


class _Pool:
    """A process pool that can be replaced by a fresh one after a worker died."""

    def __init__(
        self, options: Options, workers: int, initializer: Callable[..., None] | None = None
    ) -> None:
        self.options = options
        self.workers = workers
        self.initializer = initializer or _init_worker
        self.worked = False  # a task has succeeded: the workers can work at all
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            # A fresh interpreter per worker: no inherited threads or locks from the parent.
            mp_context=multiprocessing.get_context("spawn"),
            initializer=self.initializer,
            initargs=(self.options, os.getpid()),
        )

    def submit(self, fn: Callable[[T], R], arg: T) -> Future[R]:
        try:
            return self.executor.submit(fn, arg)
        except BrokenProcessPool as exc:  # the pool broke since the last result was read
            future: Future[R] = Future()
            future.set_exception(exc)
            return future

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _pooled(
    task: Callable[[list[Item]], list[Done]],
    chunks: Iterable[list[Item]],
    pool: _Pool,
    window: int,
) -> Iterator[Done]:
    """``task`` over ``chunks`` in ``pool``, results in order, ``window`` chunks in flight.

    A worker that dies (killed by the system for its memory, crashed in native code) takes
    its pool down with every chunk in flight. The chunk being waited for is then run again
    one article at a time in a fresh pool, and the chunks behind it are sent again: an
    article on which a worker dies a second time gets an error record, the others their
    quotes, so one such article never stops a run nor a ``--resume``. Workers dying on
    :data:`DEATHS_IN_A_ROW` articles in a row, or before any article succeeded (they cannot
    start: a missing model), stop the run with :class:`BrokenProcessPool`.
    """
    pending: deque[tuple[list[Item], Future[list[Done]]]] = deque()

    def head() -> list[Done]:
        chunk, future = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            pool.restart()
            result = _one_by_one(task, chunk, pool)
            for i, (lost, _) in enumerate(pending):
                pending[i] = (lost, pool.submit(task, lost))
        pool.worked = True
        return result

    for chunk in chunks:
        pending.append((chunk, pool.submit(task, chunk)))
        if len(pending) >= window:
            yield from head()
    while pending:
        yield from head()


def _one_by_one(
    task: Callable[[list[Item]], list[Done]], chunk: list[Item], pool: _Pool
) -> list[Done]:
    results: list[Done] = []
    in_a_row = 0
    for item in chunk:
        try:
            results.extend(pool.submit(task, [item]).result())
            pool.worked = True
            in_a_row = 0
        except BrokenProcessPool:
            in_a_row += 1
            if in_a_row >= DEATHS_IN_A_ROW or not isinstance(item, Article):
                raise
            _log.debug("a worker died on %s", item.id)
            pool.restart()
            died = ErrorRecord(
                path=item.path,
                error="a worker process died while extracting this article (out of memory, "
                "or a crash); the rest of the run went on",
                index=item.index,
            )
            results.append(Done(item_key(item), [], manifest_entry(item, died)))
    if not pool.worked:
        raise BrokenProcessPool("no worker process could extract any article")
    return results


class _Task:
    """A picklable ``process_chunk`` bound to its options (lambdas cannot cross processes)."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def __call__(self, chunk: list[Item]) -> list[Done]:
        return process_chunk(chunk, self.options)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- output, manifest, resume ------------------------------------------------------------


def manifest_path(output: str | Path) -> Path:
    """Where the manifest of ``output`` goes: ``OUT.articles.jsonl`` beside it (for a table
    output too: ``quotes.parquet`` → ``quotes.articles.jsonl``).

    >>> manifest_path("runs/quotes.jsonl").as_posix()
    'runs/quotes.articles.jsonl'
    >>> manifest_path("runs/quotes.parquet").as_posix()
    'runs/quotes.articles.jsonl'
    """
    p = Path(output)
    stem = p.name
    for suffix in (".jsonl", ".csv", ".parquet"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return p.with_name(stem + ".articles.jsonl")


def repair(output: Path, manifest: Path) -> set[str]:
    """Makes ``output`` and ``manifest`` consistent after a crash; returns the finished keys.

    Both files lose a torn last line; output lines of articles that the manifest does not
    list (their writing was cut short) are dropped, since those articles will run again.
    """
    done: set[str] = set()
    if manifest.exists():
        _cut_torn_line(manifest)
        with manifest.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    rec = json.loads(line)
                    done.add(_key(rec["path"], rec["index"], rec.get("line")))
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValueError(f"{manifest}:{n}: not a quoteattr manifest line") from exc
    if output.exists():
        _cut_torn_line(output)
        _drop_unfinished(output, done)
    return done


def _cut_torn_line(path: Path) -> None:
    """Truncates ``path`` after its last newline: a line without one was cut by a crash."""
    with path.open("rb+") as f:
        size = f.seek(0, os.SEEK_END)
        pos = size
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            f.seek(start)
            data = f.read(pos - start)
            nl = data.rfind(b"\n")
            if nl >= 0:
                end = start + nl + 1
                if end != size:
                    f.truncate(end)
                return
            pos = start
        f.truncate(0)


def _drop_unfinished(output: Path, done: set[str]) -> None:
    """Removes quote lines whose article is not in ``done``, keeping the others' order."""
    keep_until = None  # byte offset of the first line to drop, if all dropped lines trail
    tail_only = True
    offset = 0
    with output.open("rb") as f:
        for raw in f:
            a = json.loads(raw).get("article") or {}
            if _key(a.get("path", ""), a.get("index"), None) not in done:
                if keep_until is None:
                    keep_until = offset
            elif keep_until is not None:
                tail_only = False
                break
            offset += len(raw)
    if keep_until is None:
        return
    if tail_only:
        # The usual case: the article being written at the crash is last. Cut it off.
        with output.open("rb+") as f:
            f.truncate(keep_until)
        return
    tmp = output.with_name(output.name + ".tmp")
    with output.open("rb") as src, tmp.open("wb") as dst:
        for raw in src:
            a = json.loads(raw).get("article") or {}
            if _key(a.get("path", ""), a.get("index"), None) in done:
                dst.write(raw)
    os.replace(tmp, output)


class OutputError(OSError):
    """The output or the manifest cannot be written (full disk, no permission…)."""


class Writer:
    """Writes quote lines and manifest lines so that a crash never loses or doubles a record.

    For each article: its quotes, flushed; then its manifest line, flushed. Write failures
    become :class:`OutputError` naming the file.
    """

    def __init__(self, out: IO[str], manifest: IO[str] | None = None) -> None:
        self.out = out
        self.manifest = manifest

    def write(self, done: Done) -> None:
        if done.lines:
            self._put(self.out, "".join(done.lines))
        if self.manifest is not None:
            self._put(self.manifest, json_line(done.manifest))

    @staticmethod
    def _put(f: IO[str], text: str) -> None:
        try:
            f.write(text)
            f.flush()
        except BrokenPipeError:
            raise  # the reader went away: not a disk problem, the CLI ends quietly
        except OSError as exc:
            name = getattr(f, "name", "output")
            raise OutputError(exc.errno, f"cannot write {name}: {exc.strerror or exc}") from exc


def run(
    items: Iterable[Item],
    writer: Writer,
    *,
    workers: int = 1,
    options: Options | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    skip: set[str] | None = None,
    submit: Callable[..., Future[Any]] | None = None,
    on_done: Callable[[Done], None] | None = None,
) -> Summary:
    """Extracts ``items`` and writes the results in input order; returns the counts.

    Items whose key is in ``skip`` (finished in an earlier run) are not processed again.
    """
    summary = Summary()

    def todo() -> Iterator[Item]:
        for item in map(portable, items):
            if skip and item_key(item) in skip:
                summary.skipped += 1
                continue
            yield item

    for done in extract_items(
        todo(), workers=workers, options=options, chunk_size=chunk_size, submit=submit
    ):
        writer.write(done)
        summary.quotes += done.manifest["n_quotes"]
        if done.ok:
            summary.articles += 1
        elif done.manifest["status"] == "skipped":
            summary.not_articles += 1
        else:
            summary.errors += 1
        if on_done is not None:
            on_done(done)
    return summary
