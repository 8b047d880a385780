"""Where a run writes: never over one of its inputs, never reading its own files back.

:func:`check_outputs` runs before anything is opened for writing. It refuses an output or a
manifest that is one of the inputs (the same file, through symbolic or hard links too, named
explicitly, found in an input folder or matched by a pattern, or standard input redirected
from it) and an output that is also the manifest. :func:`file_ids` gives the identities of the
files once opened, which :func:`quoteattr.reading.sources.expand` leaves out, so a run writing
into an input folder never reads its own output back as articles.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.jsonl").write_text('{"text": "Bonjour."}\\n')
>>> check_outputs([str(folder)], str(folder / "a.jsonl"), None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
quoteattr.outputs.OutputClashError: refusing to write .../a.jsonl: it is the input .../a.jsonl...
>>> check_outputs([str(folder)], str(folder / "quotes.jsonl"), None)
"""

from __future__ import annotations

import glob
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO

__all__ = ["FileId", "OutputClashError", "check_outputs", "file_ids"]

#: A file's identity whatever the path it is reached by: ``(st_dev, st_ino)``.
FileId = tuple[int, int]


class OutputClashError(ValueError):
    """An output or manifest path that would overwrite an input, or the other output."""


def _identity(path: str) -> FileId | None:
    """The regular file ``path`` leads to, through links; ``None`` for anything else."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _stdin_identity() -> FileId | None:
    """The regular file standard input is redirected from (``< in.jsonl``), if any."""
    try:
        st = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def file_ids(files: Iterable[IO[str] | None]) -> frozenset[FileId]:
    """The identities of open regular files (the run's output and manifest)."""
    ids = set()
    for f in files:
        try:
            st = os.fstat(f.fileno()) if f is not None else None
        except (AttributeError, OSError, ValueError):
            continue
        if st is not None and stat.S_ISREG(st.st_mode):
            ids.add((st.st_dev, st.st_ino))
    return frozenset(ids)


def _same_path(a: str, b: str) -> bool:
    """Whether two paths name the same file, existing or to be created."""
    return os.path.realpath(a) == os.path.realpath(b)


def _inputs(paths: Iterable[str]) -> Iterator[tuple[str, str, bool]]:
    """``(user's path, file, named explicitly)`` for every file the inputs stand for."""
    from .reading.sources import STDIN, expand

    for path in paths:
        if path == STDIN:
            continue
        explicit = not os.path.isdir(path) and (
            os.path.exists(path) or os.path.islink(path) or not glob.has_magic(path)
        )
        if explicit:
            yield path, path, True
            continue
        for found, _ in expand([path]):
            yield path, found, False


def _own_file(path: str) -> bool:
    """Whether ``path`` holds nothing, or quoteattr's quotes or manifest lines (a former run)."""
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 20)
    except OSError:
        return False
    if not first.strip():
        return True
    try:
        rec = json.loads(first)
    except ValueError:
        return False
    if not isinstance(rec, dict):
        return False
    is_quote = isinstance(rec.get("article"), dict) and "type" in rec and "start" in rec
    is_manifest = "status" in rec and "n_quotes" in rec
    return is_quote or is_manifest


def check_outputs(paths: Iterable[str], output: str | None, manifest: str | None) -> None:
    """Raises :class:`OutputClashError` when writing ``output`` or ``manifest`` would
    destroy an input or mix the two outputs into one file.

    ``paths`` are the inputs as the user gave them; ``output``/``manifest`` are ``None`` when
    not written to a file. A file found in an input folder or by a pattern may be written
    only if it holds a former run's quotes or manifest (the run then leaves it out of its
    inputs); a file named explicitly as input never.
    """
    paths = list(paths)
    targets = [(name, p) for name, p in (("output", output), ("manifest", manifest)) if p]
    if len(targets) == 2:
        assert output is not None and manifest is not None
        out_id = _identity(output)
        if _same_path(output, manifest) or (out_id is not None and out_id == _identity(manifest)):
            raise OutputClashError(
                f"refusing to write {output} as both the output and the manifest: "
                "give them different paths; nothing was written"
            )
    if not targets:
        return
    ids: dict[FileId, tuple[str, str]] = {}
    for name, target in targets:
        target_id = _identity(target)
        if target_id is not None:
            ids.setdefault(target_id, (name, target))
    if "-" in paths:
        stdin_id = _stdin_identity()
        if stdin_id is not None and stdin_id in ids:
            raise OutputClashError(
                f"refusing to write {ids[stdin_id][1]}: standard input is read from that file; "
                "nothing was written"
            )
    for given, found, explicit in _inputs(paths):
        fid = _identity(found) if ids else None
        for name, target in targets:
            clash = (explicit and _same_path(found, target)) or (
                fid is not None and ids.get(fid) == (name, target)
            )
            if not clash or (not explicit and _own_file(found)):
                continue  # a former run's file is rewritten, and left out of the inputs
            where = "" if found == given else f" (found in {given})"
            raise OutputClashError(
                f"refusing to write {target}: it is the input {found}{where}; choose another "
                f"{name} path; nothing was written"
            )
