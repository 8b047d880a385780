"""Reading articles: files, folders, patterns and stdin, in text, JSON, JSONL or HTML.

:func:`read_paths` is the one entry point of every command: it yields each article it finds,
with its metadata, or an :class:`~quoteattr.model.ErrorRecord` for an input that cannot be
read, and never raises for a bad input. :func:`read_text` reads one plain-text input.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Titre\\n\\n6 juillet 2012. - « Oui », a dit Paul.\\n")
>>> _ = (folder / "b.jsonl").write_text('{"id": "b1", "text": "Non."}\\n{"text": 3\\n')
>>> for item in read_paths([str(folder)], publisher="Wikinews"):
...     print(type(item).__name__, item.index, item.id.replace(str(folder), "DIR"),
...           getattr(item, "publisher", None) or item.error)
Article 0 DIR/a.txt#0 Wikinews
Article 0 b1 Wikinews
ErrorRecord 1 DIR/b.jsonl#1 line 2: malformed JSON (Expecting ',' delimiter at column 11)
"""

from __future__ import annotations

import contextlib
import io
import logging
import lzma
import os
import zlib
from collections.abc import Iterable, Iterator

from ..model import Article, ErrorRecord
from .dates import parse_date, search_date
from .decode import BinaryInputError, clean_text, decode
from .html import read_html
from .plaintext import read_text
from .records import read_json, read_jsonl
from .sources import STDIN, InputError, check_binary, expand, open_input, sniff_format

__all__ = ["clean_text", "decode", "parse_date", "read_paths", "read_text", "search_date"]

# Unexpected failures are error records for the user; their traceback goes to this logger,
# which ``quoteattr extract --debug`` shows.
_log = logging.getLogger("quoteattr.reading")
# What a corrupt or truncated .gz/.bz2/.xz raises while it is being read.
_DECOMPRESSION_ERRORS = (EOFError, lzma.LZMAError, zlib.error)


def read_paths(
    paths: Iterable[str],
    *,
    date: str | None = None,
    publisher: str | None = None,
    recursive: bool = True,
) -> Iterator[Article | ErrorRecord]:
    """Every article in ``paths``, in input order, or an error record for what can't be read.

    ``paths`` holds files, directories (their ``.txt``, ``.json``, ``.jsonl``, ``.html``,
    ``.htm`` files, also ``.gz``/``.bz2``/``.xz``, in name order; subdirectories too when
    ``recursive``), glob patterns and ``-`` for standard input. A file named explicitly is
    read whatever its extension. JSONL is read line by line, so memory does not grow with
    the input. ``date`` (any form :func:`parse_date` reads) and ``publisher`` fill in the
    articles that lack them. Each article carries ``path``, ``index`` (its position in its
    file) and ``id`` (the JSON ``"id"``, else ``path#index``).

    Raises ValueError, before reading anything, when ``date`` is not a date.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    names = [os.fspath(p) for p in paths]  # pathlib.Path works as well as str
    forced_date = None
    if date is not None:
        forced_date = parse_date(date)
        if forced_date is None:
            raise ValueError(
                f"date {date!r} is not a date quoteattr can read "
                "(use YYYY-MM-DD, DD/MM/YYYY or '6 juillet 2012')"
            )
    return _read_all(names, forced_date, publisher, recursive)


def _read_all(
    paths: list[str], date: str | None, publisher: str | None, recursive: bool
) -> Iterator[Article | ErrorRecord]:
    for path, reason in expand(paths, recursive=recursive):
        if reason:
            yield ErrorRecord(path=path, error=reason)
            continue
        for item in _read_one(path):
            if isinstance(item, Article):
                item.date = item.date or date
                item.publisher = item.publisher or publisher
            yield item


def _read_one(path: str) -> Iterator[Article | ErrorRecord]:
    """The articles of one file (or stdin), or the error that stops it."""
    try:
        stream, name = open_input(path)
    except InputError as exc:
        yield ErrorRecord(path=path, error=str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
        _log.debug("cannot open %s", path, exc_info=True)
        yield ErrorRecord(path=path, error=f"cannot open: {type(exc).__name__}: {exc}")
        return
    # Standard input belongs to the caller: read it, never close it.
    keep_open = path == STDIN
    with contextlib.nullcontext(stream) if keep_open else stream:
        try:
            yield from _parse(stream, name, path)
        except BinaryInputError as exc:
            yield ErrorRecord(path=path, error=str(exc))
        except _DECOMPRESSION_ERRORS as exc:
            yield ErrorRecord(path=path, error=f"corrupt or truncated compressed data: {exc}")
        except OSError as exc:
            yield ErrorRecord(path=path, error=f"cannot read: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
            _log.debug("cannot read %s", path, exc_info=True)
            yield ErrorRecord(path=path, error=f"cannot read: {type(exc).__name__}: {exc}")


def _parse(stream: io.BufferedReader, name: str, path: str) -> Iterator[Article | ErrorRecord]:
    head = stream.peek(8192)[:8192]
    if reason := check_binary(head):
        yield ErrorRecord(path=path, error=reason)
        return
    fmt = sniff_format(name, head)
    if fmt == "jsonl":
        any_line = False
        for item in read_jsonl(stream, path):
            any_line = True
            yield item
        if not any_line:  # an empty JSONL input must still show up in the manifest
            yield ErrorRecord(path=path, error="the file is empty")
        return
    data = stream.read()
    items: list[Article | ErrorRecord]
    if fmt == "json":
        items = read_json(data, path)
    elif fmt == "html":
        items = [read_html(decode(data), path)]
    else:
        items = list(read_text(decode(data), path))
    if not items:
        reason = "the file is empty" if not data.strip() else "no article text found"
        items = [ErrorRecord(path=path, error=reason)]
    yield from items
