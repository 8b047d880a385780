"""Quotes as a stream of plain records: from JSONL files, from :class:`~quoteattr.model.Quote`
objects or from dicts, one at a time, so that corpus-level work holds its counts in memory,
never the quotes.

A line that is not a quote is reported (to ``on_error``, or as a warning) and skipped; it
never stops the stream.

>>> from quoteattr.model import Quote, Speaker
>>> q = Quote(text="Oui", type="direct", start=0, end=3, speaker=Speaker(name="Anne Morel"))
>>> [r["speaker"]["name"] for r in quote_records([q])]
['Anne Morel']
"""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model import Quote
from ..reading.sources import InputError, open_input

Record = dict[str, Any]
#: ``on_error(path, line, message)``: told about each input or line that is not a quote.
OnError = Callable[[str, int | None, str], None]


def quote_records(
    quotes: Iterable[Quote | Record] | str | Path, on_error: OnError | None = None
) -> Iterator[Record]:
    """Each quote of ``quotes`` as a dict laid out like a line of ``quoteattr extract``.

    ``quotes`` is a path to a quotes JSONL file (``.gz``/``.bz2``/``.xz`` too), or an
    iterable of :class:`Quote` objects, dicts, or paths.
    """
    report = on_error or _warn
    if isinstance(quotes, str | Path):
        yield from read_jsonl(quotes, report)
        return
    for n, item in enumerate(quotes, 1):
        if isinstance(item, Quote):
            yield item.to_dict()  # the JSON keys ("schema", not schema_version)
        elif isinstance(item, dict):
            problem = _problem(item)
            if problem:
                report("quotes", n, f"not a quote ({problem})")
            else:
                yield item
        elif isinstance(item, str | Path):
            yield from read_jsonl(item, report)
        else:
            raise TypeError(f"not a quote: {type(item).__name__} (Quote, dict or path expected)")


def read_jsonl(path: str | Path, on_error: OnError | None = None) -> Iterator[Record]:
    """The quote records of one JSONL file, read line by line."""
    report = on_error or _warn
    path = str(path)
    try:
        stream, _ = open_input(path)  # decompressed as extraction reads its inputs
    except InputError as exc:
        report(path, None, str(exc))
        return
    with io.TextIOWrapper(stream, encoding="utf-8") as f:
        n = 0
        try:
            for n, line in enumerate(f, 1):  # noqa: B007 - n names the failing line below
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    report(path, n, f"not JSON ({exc.msg})")
                    continue
                problem = _problem(rec)
                if problem:
                    report(path, n, f"not a quote ({problem})")
                    continue
                yield rec
        except (UnicodeDecodeError, OSError, EOFError) as exc:
            report(path, n + 1, f"unreadable ({type(exc).__name__}): quotes JSONL expected")


def same_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one existing file (an output that would overwrite an input)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


_STRINGS = {
    "speaker": ("name", "mention", "kind", "role", "gender", "gender_source", "id"),
    "article": ("id", "path", "title", "date", "url", "publisher"),
}


def _problem(rec: Any) -> str | None:
    """What keeps a JSON value from being a quote line that corpus work can read, or None.

    Checks the fields corpus work reads, with the types of :class:`~quoteattr.model.Quote`
    (cheaper than the full schema check, for corpora of millions of lines).

    >>> _problem({"text": "x", "type": "direct", "speaker": {"name": 5}})
    'speaker.name is 5, not a string'
    """
    if not isinstance(rec, dict):
        return f"a JSON {type(rec).__name__}, not an object"
    for key in ("text", "type"):
        if not isinstance(rec.get(key), str):
            return f"{key} is missing or not a string"
    if not isinstance(rec.get("date"), str | None):
        return f"date is {rec['date']!r}, not a string"
    for part, keys in _STRINGS.items():
        sub = rec.get(part)
        if sub is None:
            continue
        if not isinstance(sub, dict):
            return f"{part} is {_shown(sub)}, not an object"
        for k in keys:
            if not isinstance(sub.get(k), str | None):
                return f"{part}.{k} is {_shown(sub[k])}, not a string"
    index = (rec.get("article") or {}).get("index")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
        return f"article.index is {_shown(index)}, not a whole number"
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _warn(path: str, line: int | None, message: str) -> None:
    where = f"{path}:{line}" if line else path
    warnings.warn(f"{where}: {message}", stacklevel=3)


def article_key(rec: Record) -> str:
    """One string per article of the corpus: its id, else its path and index.

    >>> article_key({"article": {"id": "", "path": "a.txt", "index": 2}})
    'a.txt#2'
    """
    a = rec.get("article") or {}
    return str(a.get("id") or f"{a.get('path', '')}#{a.get('index', 0)}")


def outlet(rec: Record) -> str | None:
    """The publisher of the quote's article, else the host of its URL, else None.

    >>> outlet({"article": {"url": "https://www.lemonde.fr/a/b"}})
    'lemonde.fr'
    """
    a = rec.get("article") or {}
    if a.get("publisher"):
        return str(a["publisher"]).strip()
    url = a.get("url") or ""
    if "://" in url:
        host = url.split("://", 1)[1].split("/", 1)[0].split(":")[0].lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def month(rec: Record) -> str | None:
    """``YYYY-MM`` of the article's publication, else of the statement."""
    a = rec.get("article") or {}
    date = a.get("date") or rec.get("date") or ""
    return date[:7] if len(date) >= 7 and date[4:5] == "-" else None
