"""JSON and JSONL articles: ``{"title", "date", "url", "publisher", "text"}`` objects.

The text may also come as ``"body"`` or ``"content"`` (a string, or a list of paragraphs),
the authors as ``"authors"`` or ``"author"`` (a string or a list); an ``"id"`` key becomes the
article's id. Keys quoteattr does not know are kept in :attr:`Article.meta`.

JSONL is read one line at a time, so memory does not grow with the size of the input, and a
malformed line gives an :class:`ErrorRecord` with its 1-based line number while the other
lines go on.

>>> record = {"body": "« Oui »", "date": "6 juillet 2012", "lang": "fr"}
>>> art = article_from_record(record, "a.json", 0)
>>> art.text, art.date, art.id, art.meta
('« Oui »', '2012-07-06', 'a.json#0', {'lang': 'fr'})
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import regex

from ..model import Article, ErrorRecord
from .dates import parse_date
from .decode import BinaryInputError, bom_encoding, clean_text, decode

__all__ = ["article_from_record", "read_json", "read_jsonl"]

_TEXT_KEYS = ("text", "body", "content")
_AUTHOR_KEYS = ("authors", "author")
_KNOWN = {"id", "title", "date", "url", "publisher", *_TEXT_KEYS, *_AUTHOR_KEYS}
_NAME_SPLIT = regex.compile(r"\s*(?:,|;|\bet\b|\band\b)\s*")


def _one_line(value: Any) -> str | None:
    """A metadata string with its whitespace runs made single spaces, or None if empty."""
    if value is None:
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


def _authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):  # schema.org style: {"@type": "Person", "name": "…"}
            item = item.get("name")
        if isinstance(item, str):
            names.extend(n for n in (_one_line(p) for p in _NAME_SPLIT.split(item)) if n)
    return names


def article_from_record(
    obj: Any, path: str, index: int, line: int | None = None
) -> Article | ErrorRecord:
    """The article a decoded JSON value describes, or an error saying what is missing."""
    default_id = f"{path}#{index}"
    where = f"line {line}: " if line is not None else ""
    if not isinstance(obj, dict):
        return ErrorRecord(
            path=path,
            index=index,
            line=line,
            id=default_id,
            error=f"{where}expected a JSON object, got {type(obj).__name__}",
        )
    key = next((k for k in _TEXT_KEYS if k in obj), None)
    text = obj.get(key) if key else None
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        text = "\n\n".join(text)  # a list of paragraphs
    if not isinstance(text, str):
        found = f'"{key}" is {type(text).__name__}, not a string' if key else "none found"
        return ErrorRecord(
            path=path,
            index=index,
            line=line,
            id=default_id,
            error=f'{where}no article text: expected a "text", "body" or "content" string '
            f"({found})",
        )
    meta = {k: v for k, v in obj.items() if k not in _KNOWN}
    meta.update({k: obj[k] for k in _TEXT_KEYS if k in obj and k != key})
    raw_date = obj.get("date")
    date = parse_date(str(raw_date)) if raw_date not in (None, "") else None
    if raw_date not in (None, "") and date is None:
        meta["date"] = raw_date  # kept for the user: quoteattr could not read it
    authors = [n for k in _AUTHOR_KEYS if k in obj for n in _authors(obj[k])]
    return Article(
        text=clean_text(text),
        id=str(obj["id"]) if obj.get("id") not in (None, "") else default_id,
        path=path,
        index=index,
        title=_one_line(obj.get("title")),
        date=date,
        url=_one_line(obj.get("url")),
        publisher=_one_line(obj.get("publisher")),
        authors=authors,
        meta=meta,
    )


def _parse_line(raw: str, path: str, index: int, line: int) -> Article | ErrorRecord:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        # Some messages end with "at" already ("Unterminated string starting at").
        msg = exc.msg.removesuffix(" at")
        error = f"line {line}: malformed JSON ({msg} at column {exc.colno})"
    except (ValueError, RecursionError) as exc:
        # Over-deep nesting or a number beyond Python's digit limit: this line only is lost.
        error = f"line {line}: unreadable JSON ({_json_failure(exc)})"
    else:
        return article_from_record(obj, path, index, line)
    return ErrorRecord(path=path, index=index, line=line, id=f"{path}#{index}", error=error)


def _json_failure(exc: BaseException) -> str:
    """Why valid-looking JSON could not be decoded, in plain words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return decode(raw)  # a line from a cp1252 exporter: detect it rather than fail
    except BinaryInputError:
        # One line of garbage bytes: let the JSON parser reject that line alone.
        return raw.decode("cp1252", errors="replace")


def read_jsonl(stream: io.BufferedReader, path: str) -> Iterator[Article | ErrorRecord]:
    """The articles of a JSONL stream, one line at a time; blank lines are skipped.

    ``index`` counts the non-blank lines, so ids stay the same whichever lines fail.
    """
    lines: Iterator[str]
    encoding = bom_encoding(stream.peek(4)[:4])
    if encoding and encoding != "utf-8-sig":
        lines = io.TextIOWrapper(stream, encoding=encoding, newline="")
    else:
        lines = (_decode_line(raw) for raw in stream)
    index = 0
    for number, raw in enumerate(lines, start=1):
        text = (raw.lstrip("\ufeff") if number == 1 else raw).rstrip("\r\n")
        if not text.strip():
            continue
        yield _parse_line(text, path, index, number)
        index += 1


def read_json(data: bytes, path: str) -> list[Article | ErrorRecord]:
    """The articles of a JSON document: one object, or a list of them.

    A ``.json`` file that turns out to hold one object a line is read as JSONL.
    """
    text = decode(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return list(read_jsonl(io.BufferedReader(io.BytesIO(text.encode())), path))
        return [
            ErrorRecord(
                path=path,
                line=exc.lineno,
                error=f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            )
        ]
    except (ValueError, RecursionError) as exc:
        return [ErrorRecord(path=path, error=f"unreadable JSON: {_json_failure(exc)}")]
    items = value if isinstance(value, list) else [value]
    return [article_from_record(obj, path, i) for i, obj in enumerate(items)]
