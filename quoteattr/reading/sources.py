"""Where articles come from: paths, directories, glob patterns and stdin, opened as byte streams.

:func:`expand` turns what the user typed into the files to read, in a stable order, or into
errors that say why a path gives nothing. :func:`open_input` opens one of them, undoing
gzip/bzip2/xz compression (by extension, or by the file's first bytes when the extension
does not say), and tells the format its content is in.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import lzma
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import BinaryIO

from .decode import binary_kind, bom_encoding

__all__ = [
    "COMPRESSED",
    "READABLE",
    "STDIN",
    "Skip",
    "expand",
    "is_side_file",
    "open_input",
    "sniff_format",
]

#: The path that means standard input.
STDIN = "-"
#: Extensions of the files a directory is searched for (each also with a compression suffix).
READABLE = (".txt", ".json", ".jsonl", ".html", ".htm")
#: Compression suffixes and the reader that undoes each, given the compressed stream.
COMPRESSED: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    ".gz": lambda f: gzip.GzipFile(fileobj=f, mode="rb"),
    ".bz2": lambda f: bz2.BZ2File(f, mode="rb"),
    ".xz": lambda f: lzma.LZMAFile(f, mode="rb"),  # noqa: SIM115 - closed by the caller
}
_MAGIC = ((b"\x1f\x8b", ".gz"), (b"BZh", ".bz2"), (b"\xfd7zXZ\x00", ".xz"))
_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
# Enough of a file to recognise its format, its encoding and binary content.
_HEAD = 8192


class InputError(Exception):
    """A path gives no article; the message says why, in plain words."""


def _plain_error(exc: OSError) -> str:
    """An OS error as a reader would say it: ``permission denied``, not ``[Errno 13]``."""
    reason = exc.strerror or str(exc)
    return reason[0].lower() + reason[1:] if reason else type(exc).__name__


def _readable_name(name: str) -> bool:
    base = name.lower()
    for suffix in COMPRESSED:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return base.endswith(READABLE)


def is_side_file(name: str) -> bool:
    """Whether a file name is one of quoteattr's own JSONL files, which hold no articles.

    >>> is_side_file("gold.jsonl"), is_side_file("run.articles.jsonl"), is_side_file("a.jsonl")
    (True, True, False)
    """
    # Gold quotes, article metadata of a gold set and our own run manifests sit beside the
    # articles in a folder; read as articles they give only errors.
    base = os.path.basename(name)
    return base in ("gold.jsonl", "articles.jsonl") or base.endswith(".articles.jsonl")


class Skip(str):
    """Why an entry of a folder is not read: not an error, it holds no article.

    :func:`expand` gives these only when asked (``skipped=True``), so that a run can list
    every entry it passed over.
    """


_NOT_ARTICLE = Skip(
    "not an article file: a folder gives its .txt, .json, .jsonl, .html and .htm files "
    "(also .gz, .bz2, .xz); name the file to read it anyway"
)
_SIDE_FILE = Skip("a gold set or a quoteattr manifest, not articles; name it to read it anyway")


def _not_a_file(path: str) -> Skip:
    """Why ``path``, neither a folder nor a regular file, is not read (never opened: a named
    pipe would block the run)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return Skip("broken symbolic link: its target does not exist")
    if stat.S_ISFIFO(mode):
        return Skip("a named pipe (FIFO), not a file: name it to read it")
    if stat.S_ISSOCK(mode):
        return Skip("a socket, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Skip("a device, not a file")
    return Skip("not a regular file")


def _walk(directory: str, recursive: bool, skipped: bool) -> Iterator[tuple[str, str | None]]:
    """The readable files under ``directory`` in name order, or the reason one can't be listed.

    quoteattr's own JSONL files (:func:`is_side_file`) are left out. With ``skipped``, every
    entry left out comes too, with a :class:`Skip` reason.
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield directory, f"cannot list the directory: {_plain_error(exc)}"
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        # Hidden files and folders (.git, .cache) are tools' business, not articles.
        if entry.name.startswith("."):
            if skipped:
                yield path, Skip("hidden (its name starts with a dot)")
            continue
        try:
            is_dir = entry.is_dir()  # follows links to folders; is_file() below likewise
            is_file = entry.is_file()
            is_link = entry.is_symlink()
        except OSError as exc:
            yield path, _plain_error(exc)
            continue
        readable = _readable_name(entry.name)
        reason: Skip | None = None
        if is_dir:
            if not is_link and recursive:
                yield from _walk(path, recursive, skipped)
            elif is_link:  # a linked folder may loop back
                reason = Skip("a symbolic link to a folder, not followed: name it to read it")
            else:
                reason = Skip("a subfolder (not searched: not recursive)")
        elif is_file and readable and not is_side_file(entry.name):
            yield path, None
        elif readable and is_link and not os.path.exists(path):
            # A dangling link looks like an article to the user: say why it gives nothing.
            yield path, "broken symbolic link: its target does not exist"
        elif is_file:
            reason = _SIDE_FILE if readable else _NOT_ARTICLE
        else:
            reason = _not_a_file(path)
        if skipped and reason is not None:
            yield path, reason


def expand(
    paths: Iterable[str],
    *,
    recursive: bool = True,
    exclude: Collection[tuple[int, int]] = (),
    skipped: bool = False,
) -> Iterator[tuple[str, str | None]]:
    """Each file to read as ``(path, None)``, or ``(path, reason)`` when a path gives nothing.

    A file named explicitly is always read; a directory gives its ``.txt``, ``.json``,
    ``.jsonl``, ``.html`` and ``.htm`` files (compressed or not) in name order, its
    subdirectories too when ``recursive``, but not the gold sets and manifests
    (:func:`is_side_file`) that sit beside articles; a pattern with ``*``, ``?`` or ``[`` gives the
    paths it matches, sorted; ``-`` is standard input. Files whose ``(st_dev, st_ino)`` is in
    ``exclude`` (the run's own output and manifest, see :mod:`quoteattr.outputs`) are left out
    wherever they are found, so a run never reads what it writes. Named pipes, sockets and
    devices found in a folder or by a pattern are never opened. With ``skipped``, every
    entry left out of a folder or pattern comes too, its reason a :class:`Skip`.
    """
    found = _expand(paths, recursive, skipped)
    if not exclude:
        yield from found
        return
    for path, reason in found:
        if path == STDIN or reason is not None or _file_id(path) not in exclude:
            yield path, reason
        elif skipped:
            yield path, Skip("this run's own output or manifest")


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _expand(
    paths: Iterable[str], recursive: bool, skipped: bool
) -> Iterator[tuple[str, str | None]]:
    for path in paths:
        if path == STDIN:
            yield path, None
        elif os.path.isdir(path):
            yield from _walk(path, recursive, skipped)
        elif os.path.exists(path) or os.path.islink(path):
            yield path, None
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=recursive))
            if not matches:
                yield path, "no file matches this pattern"
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, recursive, skipped)
                    continue
                # A pattern names no file explicitly: it skips what a folder skips.
                reason = _SIDE_FILE if is_side_file(match) else None
                if reason is None and os.path.islink(match) and not os.path.exists(match):
                    yield match, "broken symbolic link: its target does not exist"
                    continue
                if reason is None and not os.path.isfile(match):
                    reason = _not_a_file(match)
                if reason is None:
                    yield match, None
                elif skipped:
                    yield match, reason
        else:
            yield path, "no such file or directory"


def _stdin() -> BinaryIO:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # replaced by a text stream (tests, notebooks): re-encode it
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    return stream


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream, buffer_size=_HEAD * 8)  # type: ignore[arg-type]


def _head(stream: io.BufferedReader) -> bytes:
    head = stream.peek(_HEAD)
    return head[:_HEAD]


def open_input(path: str) -> tuple[io.BufferedReader, str]:
    """``path`` opened for reading, decompressed, with the name its format is told by.

    The name is ``path`` without its compression suffix. Raises :class:`InputError` when
    the file cannot be opened.
    """
    try:
        raw: BinaryIO = _stdin() if path == STDIN else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot open: {_plain_error(exc)}") from exc
    name = path
    stream = _peekable(raw)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in COMPRESSED:
        name = name[: -len(suffix)]
    else:
        # Compressed data without the extension is still decompressed, never read as text.
        head = _head(stream)
        suffix = next((s for magic, s in _MAGIC if head.startswith(magic)), "")
    if suffix in COMPRESSED:
        stream = _peekable(COMPRESSED[suffix](stream))
    return stream, name


def sniff_format(name: str, head: bytes) -> str:
    """``text``, ``json``, ``jsonl`` or ``html``: from the extension, else from the content.

    >>> sniff_format("a.ndjson", b""), sniff_format("page", b"<!DOCTYPE html><html>")
    ('jsonl', 'html')
    >>> sniff_format("-", b'{"text": "x"}\\n{"text": "y"}\\n'), sniff_format("notes", b"Bonjour")
    ('jsonl', 'text')
    """
    fmt = _FORMATS.get(os.path.splitext(name)[1].lower())
    if fmt:
        return fmt
    encoding = bom_encoding(head)
    try:
        start = head.decode(encoding or "utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    except LookupError:
        start = ""
    lowered = start[:512].lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in lowered:
        return "html"
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        # One object a line is JSONL; an object spread over several lines is JSON. A first
        # line longer than the head is one record, which the JSONL reader takes as well.
        first, newline, _ = start.partition("\n")
        return "json" if newline and not first.rstrip().endswith("}") else "jsonl"
    return "text"


def check_binary(head: bytes) -> str | None:
    """Why ``head`` cannot be an article (``not a text file: looks like a PDF document``)."""
    kind = binary_kind(head)
    return f"not a text file: looks like {kind}" if kind else None
