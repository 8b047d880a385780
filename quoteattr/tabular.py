"""Quotes as one flat table, for the tools data teams use: CSV, or Parquet through pyarrow.

``quoteattr extract -o quotes.csv`` / ``-o quotes.parquet`` write the same fields as the
JSONL, one column per leaf (``speaker.name`` → ``speaker_name``); ``parts`` stays a JSON
list in one column. :class:`TableWriter` takes the JSON lines the batch writer produces, so
the extraction itself does not know which format it writes. A Parquet file is written beside
its final name and moved there when the run ends, so a file by that name is always whole.

>>> flatten({"text": "Oui", "type": "direct", "speaker": {"name": "Anne Morel", "kind": "person"},
...          "article": {"publisher": "Le Soir"}})["speaker_name"]
'Anne Morel'
>>> COLUMNS[:4]
['text', 'type', 'start', 'end']
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import IO, Any

#: Suffixes :func:`open_table` writes as a table.
TABLE_SUFFIXES = (".csv", ".parquet")

_SPEAKER = ("name", "mention", "start", "end", "kind", "role", "gender", "gender_source", "id")
_CUE = ("text", "lemma", "start", "end")
_ARTICLE = ("id", "path", "index", "title", "date", "url", "publisher")

#: The columns, in order: the quote's own fields, then speaker, cue and article fields.
COLUMNS = [
    "text",
    "type",
    "start",
    "end",
    "parts",
    *(f"speaker_{k}" for k in _SPEAKER),
    *(f"cue_{k}" for k in _CUE),
    "date",
    "date_basis",
    "confidence",
    *(f"article_{k}" for k in _ARTICLE),
    "schema",
]
_INTS = {"start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"}
_INTS |= {"article_index", "schema"}
_FLOATS = {"confidence"}


def flatten(rec: dict[str, Any]) -> dict[str, Any]:
    """One quote record (as in the JSONL) as a flat row of :data:`COLUMNS`."""
    row: dict[str, Any] = {c: rec.get(c) for c in COLUMNS if c in rec}
    row["parts"] = json.dumps(rec.get("parts") or [], ensure_ascii=False)
    for prefix, keys in (("speaker", _SPEAKER), ("cue", _CUE), ("article", _ARTICLE)):
        sub = rec.get(prefix) or {}
        for k in keys:
            row[f"{prefix}_{k}"] = sub.get(k)
    return {c: row.get(c) for c in COLUMNS}


def is_table(path: str | Path) -> bool:
    """Whether ``path`` names a table output (``.csv`` or ``.parquet``)."""
    return Path(path).suffix.lower() in TABLE_SUFFIXES


def open_table(path: str | Path) -> TableWriter:
    """A writer for ``path``, CSV or Parquet by its suffix.

    Raises :class:`ImportError` with the install command when Parquet is asked for without
    pyarrow, and :class:`OSError` naming the path when it cannot be created.
    """
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return _ParquetWriter(path)
    return _CsvWriter(path)


class TableWriter:
    """A file-like sink for quote JSON lines that writes them as table rows."""

    name: str

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if line.strip():
                self._row(flatten(json.loads(line)))
        return len(text)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def _row(self, row: dict[str, Any]) -> None:
        raise NotImplementedError


class _CsvWriter(TableWriter):
    def __init__(self, path: Path) -> None:
        self.name = str(path)
        try:
            self._f: IO[str] = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        self._csv = csv.writer(self._f)
        self._csv.writerow(COLUMNS)

    def _row(self, row: dict[str, Any]) -> None:
        self._csv.writerow(["" if row[c] is None else row[c] for c in COLUMNS])

    def flush(self) -> None:
        self._f.flush()

    def fileno(self) -> int:
        return self._f.fileno()

    def close(self) -> None:
        self._f.close()


class _ParquetWriter(TableWriter):
    #: Rows kept before they become one row group.
    GROUP = 20_000

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise ImportError(
                "writing .parquet needs pyarrow: pip install 'quoteattr[parquet]'"
            ) from exc
        self.name = str(path)
        self._pa = pa
        fields = []
        for c in COLUMNS:
            kind = pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()
            fields.append(pa.field(c, kind))
        self._schema = pa.schema(fields)
        self._final = path
        self._tmp = path.with_name(f".{path.name}.part")
        try:
            self._writer = pq.ParquetWriter(str(self._tmp), self._schema, compression="zstd")
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        self._rows: list[dict[str, Any]] = []

    def _row(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.GROUP:
            self._write_group()

    def _write_group(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def close(self) -> None:
        self._write_group()
        self._writer.close()
        os.replace(self._tmp, self._final)
