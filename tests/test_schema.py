"""The records' JSON Schema, and the check every record read back from JSON goes through."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from quoteattr.cli import main
from quoteattr.model import SCHEMA_VERSION, Article, Cue, ErrorRecord, Part, Quote, Speaker
from quoteattr.schema import RecordError, check, json_schema

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"text": "Nous gagnerons", "type": "direct", "start": 2, "end": 16}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"type": "bogus"},
            "\"type\" must be one of 'direct', 'indirect', 'mixed', not the string",
        ),
        ({"start": "5"}, "\"start\" must be an integer, not the string '5'"),
        ({"start": 5.0}, '"start" must be an integer, not the number 5.0'),
        ({"end": True}, '"end" must be an integer, not true'),
        ({"confidence": "high"}, '"confidence" must be a number'),
        ({"article": None}, '"article" must be an object (ArticleRef), not null'),
        ({"speaker": "Jean Dupont"}, '"speaker" must be an object (Speaker) or null'),
        ({"speaker": {"mention": "il"}}, 'lacks the required field "speaker.name"'),
        ({"speaker": {"name": "X", "kind": "alien"}}, '"speaker.kind" must be one of'),
        ({"parts": [{"start": 0, "end": "1", "text": "a"}]}, '"parts[0].end" must be an integer'),
        ({"parts": "abc"}, '"parts" must be a list, not the string'),
        (
            {"date_basis": "guess"},
            "\"date_basis\" must be one of 'explicit', 'relative', 'article'",
        ),
        (
            {"cue": {"text": "dit", "lemma": "dire", "start": 0}},
            'lacks the required field "cue.end"',
        ),
        ({"article": {"index": "0"}}, '"article.index" must be an integer'),
        ({"schema": "1"}, '"schema" must be an integer'),
    ],
)
def test_reading_back_rejects_what_the_model_does_not_allow(change: dict, message: str):
    """Quote.from_json and from_dict refuse a wrong type or value, naming the field."""
    record = GOOD | change
    for read in (lambda: Quote.from_dict(record), lambda: Quote.from_json(json.dumps(record))):
        with pytest.raises(RecordError, match="^Quote: ") as caught:
            read()
        assert message in str(caught.value)
        assert isinstance(caught.value, ValueError)  # callers catching ValueError still do


@pytest.mark.parametrize("missing", ["text", "type", "start", "end"])
def test_reading_back_names_a_missing_required_field(missing: str):
    record = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(RecordError, match=f'lacks the required field "{missing}"'):
        Quote.from_dict(record)


def test_reading_back_accepts_the_model_own_output_and_unknown_keys():
    """What to_json writes reads back equal; a key from a newer quoteattr is ignored."""
    q = Quote(
        text="La Chine est prête",
        type="mixed",
        start=3,
        end=21,
        parts=[Part(3, 10, "La Chine"), Part(12, 21, "est prête")],
        speaker=Speaker("Wang Yi", "M. Wang", 30, 37, kind="person", role="ministre", gender="m"),
        cue=Cue("a affirmé", "affirmer", 20, 29),
        date="2024-03-12",
        date_basis="relative",
        confidence=1,  # an integer is a JSON number too
    )
    assert Quote.from_json(q.to_json()) == q
    assert Quote.from_dict(q.to_dict() | {"added_later": [1, 2]}) == q
    assert Article.from_dict({"text": "x", "meta": {"a": {"b": [1]}}}).meta == {"a": {"b": [1]}}
    with pytest.raises(RecordError, match='"meta" must be an object'):
        Article.from_dict({"text": "x", "meta": [1]})
    assert ErrorRecord.from_dict({"path": "a.txt", "error": "x", "line": 3}).line == 3


def test_schema_key_stays_in_the_jsonl_and_schema_method_works():
    """The layout version is still written and read as "schema" (files users already have),
    while Quote.schema() is dataclasses-json's marshmallow schema again, not an int."""
    old_line = (
        '{"text": "Oui", "type": "direct", "start": 2, "end": 5, "parts": [], "speaker": null, '
        '"cue": null, "date": null, "date_basis": null, "confidence": 0.5, "article": {"id": "", '
        '"path": "a.txt", "index": 0, "title": null, "date": null, "url": null, '
        '"publisher": null}, "schema": 1}'
    )
    q = Quote.from_json(old_line)
    assert q.schema_version == SCHEMA_VERSION == 1
    assert q.to_json() == old_line  # byte for byte: same keys, same order
    assert Quote.from_json(old_line.replace('"schema": 1', '"schema": 7')).schema_version == 7
    with warnings.catch_warnings():
        # dataclasses-json warns that marshmallow has no field for Literal types.
        warnings.simplefilter("ignore")
        schema = Quote.schema()
    assert schema.load(json.loads(old_line)) == q
    assert schema.dump(q)["schema"] == 1


def test_json_schema_is_generated_from_the_model():
    schema = json_schema(Quote)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["text", "type", "start", "end"]
    props = schema["properties"]
    assert props["type"] == {"enum": ["direct", "indirect", "mixed"]}
    assert props["schema"] == {"type": "integer", "default": SCHEMA_VERSION}
    assert props["date"] == {"type": ["string", "null"], "default": None}
    assert props["date_basis"]["enum"] == ["explicit", "relative", "article", None]
    assert props["article"] == {"$ref": "#/$defs/ArticleRef"}
    assert set(schema["$defs"]) == {"ArticleRef", "Cue", "Part", "Speaker"}
    speaker = schema["$defs"]["Speaker"]
    assert speaker["required"] == ["name"]
    assert speaker["properties"]["kind"]["enum"] == ["person", "organisation", "group", "unnamed"]
    assert "schema_version" not in props


def test_schema_and_check_agree_on_every_field():
    """Each property the schema declares is one check() reads: a wrong JSON type for it is
    refused, so the printed schema and the reader cannot drift apart."""
    for key, prop in json_schema(Quote)["properties"].items():
        wrong = 5 if "string" in str(prop.get("type")) else "x"
        with pytest.raises(RecordError, match=f'"{key}'):
            check(Quote, GOOD | {key: wrong})


def test_schema_command_prints_the_docs_copy(capsys):
    """`quoteattr schema` prints the schema; docs/quote.schema.json is that output."""
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == json_schema(Quote)
    docs_copy = (ROOT / "docs" / "quote.schema.json").read_text(encoding="utf-8")
    assert docs_copy == printed, (
        "regenerate it: python -m quoteattr schema > docs/quote.schema.json"
    )


def test_render_quotes_reports_malformed_records_without_traceback(tmp_path: Path):
    """`render --quotes` on bad records: one clear line per bad record naming file and line,
    the good record still shown, exit 0 (1 with --strict), no traceback."""
    good = Quote(text="Nous tiendrons", type="direct", start=0, end=5).to_json()
    bad = [
        '{"text": "Oui", "type": "direct", "start": 0, "end": 3, "article": null}',
        '{"text": "Oui", "type": "bogus", "start": 0, "end": 3}',
        '{"text": "Oui", "type": "direct", "start": "5", "end": 3}',
        '{"type": "direct", "start": 0, "end": 3}',
        '{"text": "Oui", "type": "direct", "start": 0, "end": 3, "speaker": {"name": null}}',
        "[1, 2]",
        "{not json",
        "[" * 100_000 + "]" * 100_000,
        '{"text": "\\udc80 seul", "type": "direct", "start": 0, "end": 3}',
    ]
    records = tmp_path / "quotes.jsonl"
    records.write_text("\n".join([good, *bad]) + "\n", encoding="utf-8")
    out = tmp_path / "review.html"
    run = [sys.executable, "-m", "quoteattr", "render", "--quotes", str(records), "-o", str(out)]
    done = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    skipped = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert [line.split(f"{records}:")[1].split(":")[0] for line in skipped] == [
        str(n) for n in range(2, 10)
    ]
    assert '2: not a quote: "article" must be an object (ArticleRef), not null' in done.stderr
    assert "3: not a quote: \"type\" must be one of 'direct'" in done.stderr
    assert "7: not a quote: the record must be an object (Quote), not a list" in done.stderr
    assert "8: not JSON" in done.stderr and "9: not a quote: nested too deeply" in done.stderr
    page = out.read_text(encoding="utf-8")
    assert "Nous tiendrons" in page and "\ufffd seul" in page  # a lone surrogate shown as �
    strict = subprocess.run([*run, "--strict"], capture_output=True, text=True, cwd=ROOT)
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
