"""The records' JSON Schema, generated from the dataclasses of :mod:`quoteattr.model`, and
the check that a JSON record fits a dataclass before it is built from it.

Both read the same thing, the dataclass fields' type hints, so the schema that
``quoteattr schema`` prints and what ``Quote.from_json`` accepts cannot drift apart: a
``Literal`` is a closed list of strings, ``X | None`` may be ``null``, a field without a
default is required, and keys the model does not know are allowed (a newer quoteattr may add
fields).

>>> from quoteattr.model import Cue
>>> json_schema(Cue)["required"]
['text', 'lemma', 'start', 'end']
>>> check(Cue, {"text": "a dit", "lemma": "dire", "start": "5", "end": 10})
Traceback (most recent call last):
quoteattr.schema.RecordError: Cue: "start" must be an integer, not the string '5'
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import types
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints

__all__ = ["RecordError", "check", "json_key", "json_schema", "cli_main"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


class RecordError(ValueError):
    """A JSON record that does not fit its dataclass: ``record`` is the dataclass's name and
    ``problem`` says which field is wrong and how."""

    def __init__(self, record: str, problem: str) -> None:
        super().__init__(f"{record}: {problem}")
        self.record, self.problem = record, problem


def json_key(f: dataclasses.Field) -> str:
    """The JSON key of a dataclass field: its name, or the one given with
    ``dataclasses_json.config(field_name=...)``."""
    rename = f.metadata.get("dataclasses_json", {}).get("letter_case")
    return rename(f.name) if rename else f.name


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the records of dataclass ``cls``.

    Nested dataclasses are described once each under ``$defs``.
    """
    defs: dict[str, Any] = {}
    top = _object_schema(cls, defs)
    defs.pop(cls.__name__, None)
    schema = {"$schema": _DRAFT, "title": cls.__name__, **top}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def check(cls: type, data: Any) -> None:
    """Raises :class:`RecordError` naming the first field of ``data`` that does not fit
    ``cls``: a missing required key, a value of the wrong JSON type, a string outside a
    closed list."""
    problem = _problem(cls, data, "")
    if problem:
        where, message = problem
        raise RecordError(cls.__name__, f"{where} {message}" if where else message)


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        key = json_key(f)
        prop = _type_schema(hints[f.name], defs)
        if _required(f):
            required.append(key)
        elif f.default is not dataclasses.MISSING:
            prop["default"] = f.default
        elif not dataclasses.is_dataclass(default := f.default_factory()):
            prop["default"] = default
        properties[key] = prop
    schema: dict[str, Any] = {"type": "object"}
    doc = _first_paragraph(cls.__doc__)
    if doc:
        schema["description"] = doc
    schema["properties"] = properties
    if required:
        schema["required"] = required
    return schema


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return {}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = [_type_schema(a, defs) for a in options]
        nullable = len(options) < len(args)
        if len(inner) == 1 and not nullable:
            return inner[0]
        if len(inner) == 1 and set(inner[0]) == {"enum"}:
            return {"enum": [*inner[0]["enum"], None]}
        if len(inner) == 1 and set(inner[0]) == {"type"}:
            return {"type": [inner[0]["type"], "null"]}
        return {"anyOf": [*inner, *([{"type": "null"}] if nullable else [])]}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if dataclasses.is_dataclass(hint):
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}  # a placeholder first, should a class refer to itself
            defs[hint.__name__] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def _problem(hint: Any, value: Any, where: str) -> tuple[str, str] | None:
    """(where, what is wrong) for the first misfit of ``value`` to ``hint``, or None."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return None
    if origin in (typing.Union, types.UnionType):
        nullable = type(None) in args
        if value is None and nullable:
            return None
        options = [a for a in args if a is not type(None)]
        problems = [_problem(a, value, where) for a in options]
        if not all(problems):
            return None
        if len(options) > 1:
            return _at(where), f"has the wrong type: {_shown(value)}"
        at, message = problems[0]  # type: ignore[misc]
        if nullable and at == _at(where) and message.startswith("must be "):
            head, _, tail = message.partition(", not ")
            message = f"{head} or null, not {tail}"
        return at, message
    if origin is Literal:
        if value in args and isinstance(value, str):
            return None
        allowed = ", ".join(repr(a) for a in args)
        return _at(where), f"must be one of {allowed}, not {_shown(value)}"
    expected = _expected(hint, origin)
    if expected is None:
        raise TypeError(f"cannot check the type {hint!r}")
    name, ok = expected
    if not ok(value):
        return _at(where), f"must be {name}, not {_shown(value)}"
    if origin is list:
        for n, item in enumerate(value):
            problem = _problem(args[0], item, f"{where}[{n}]")
            if problem:
                return problem
    elif origin is dict:
        for key, item in value.items():
            if not isinstance(key, str):
                return _at(where), f"has a key that is not a string: {key!r}"
            problem = _problem(args[1], item, f"{where}.{key}" if where else key)
            if problem:
                return problem
    elif dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint)
        for f in dataclasses.fields(hint):
            key = json_key(f)
            path = f"{where}.{key}" if where else key
            if key not in value:
                if _required(f):
                    return "", f"lacks the required field {_at(path)}"
                continue
            problem = _problem(hints[f.name], value[key], path)
            if problem:
                return problem
    return None


def _expected(hint: Any, origin: Any) -> tuple[str, Any] | None:
    """What a value of this type must be, in words, and the test for it."""
    if hint is str:
        return "a string", lambda v: isinstance(v, str)
    if hint is bool:
        return "true or false", lambda v: isinstance(v, bool)
    if hint is int:
        return "an integer", lambda v: isinstance(v, int) and not isinstance(v, bool)
    if hint is float:
        return "a number", lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    if origin is list:
        return "a list", lambda v: isinstance(v, list)
    if origin is dict:
        return "an object", lambda v: isinstance(v, dict)
    if dataclasses.is_dataclass(hint):
        return f"an object ({hint.__name__})", lambda v: isinstance(v, dict)
    return None


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _at(path: str) -> str:
    return f'"{path}"' if path else "the record"


def _shown(value: Any) -> str:
    """A value as an error message shows it: its JSON type, and the value when short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    kind = {str: "the string", int: "the integer", float: "the number"}.get(type(value))
    if kind:
        text = repr(value)
        return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"
    return {list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def cli_main(argv: list[str]) -> int:
    """``quoteattr schema``: prints the JSON Schema of the quote records ``extract`` writes."""
    from .model import Quote

    parser = argparse.ArgumentParser(
        prog="quoteattr schema",
        description="Print the JSON Schema of one line of 'quoteattr extract' output.",
        epilog="Example: quoteattr schema > quote.schema.json",
    )
    parser.parse_args(argv)
    sys.stdout.write(json.dumps(json_schema(Quote), ensure_ascii=False, indent=2) + "\n")
    return 0
