"""extract -o quotes.csv / quotes.parquet: the JSONL's fields, flattened, row for row."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from quoteattr.cli import main
from quoteattr.model import ArticleRef, Cue, Quote, Speaker
from quoteattr.tabular import COLUMNS, flatten

ARTICLES = [
    {
        "id": "s1",
        "publisher": "Le Soir",
        "date": "2024-05-02",
        "text": "« Nous tiendrons », a déclaré Anne Morel. « Rien n'est joué », a ajouté "
        "Anne Morel, présidente du club. « On verra », a dit Paul Roy.",
    },
    {
        "id": "d1",
        "publisher": "Le Devoir",
        "date": "2024-05-03",
        "text": "« C'est fini, a lancé Paul Roy, nous partons. »",
    },
]


def test_every_field_of_the_jsonl_has_its_column():
    q = Quote(
        text="a",
        type="direct",
        start=0,
        end=1,
        speaker=Speaker(name="Anne Morel"),
        cue=Cue(text="dit", lemma="dire", start=3, end=6),
        article=ArticleRef(),
    )
    line = json.loads(q.to_json())
    leaves = [k for k, v in line.items() if not isinstance(v, dict)]
    leaves += [f"{k}_{sub}" for k, v in line.items() if isinstance(v, dict) for sub in v]
    assert sorted(leaves) == sorted(COLUMNS)


def test_flatten_keeps_parts_as_json_and_missing_records_as_empty():
    q = Quote(text="a b", type="direct", start=0, end=9, parts=[], speaker=None)
    row = flatten(dataclasses.asdict(q))
    assert row["speaker_name"] is None and row["cue_lemma"] is None and row["parts"] == "[]"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tab")
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), "utf-8")
    assert main(["extract", str(src), "-o", str(folder / "q.jsonl"), "--workers", "1"]) == 0
    return folder


def _jsonl_rows(folder: Path) -> list[dict]:
    lines = (folder / "q.jsonl").read_text("utf-8").splitlines()
    return [flatten(json.loads(line)) for line in lines]


def test_csv_has_the_jsonl_rows_and_its_manifest_beside(inputs: Path):
    out = inputs / "q.csv"
    assert main(["extract", str(inputs / "articles.jsonl"), "-o", str(out), "--workers", "1"]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    want = _jsonl_rows(inputs)
    assert len(rows) == len(want) >= 3
    assert [r["speaker_name"] for r in rows] == [w["speaker_name"] for w in want]
    assert [r["article_publisher"] for r in rows] == [w["article_publisher"] for w in want]
    assert rows[0].keys() == set(COLUMNS)
    assert (inputs / "q.articles.jsonl").exists()  # not q.csv.articles.jsonl


def test_parquet_has_the_jsonl_rows_with_types(inputs: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = inputs / "q.parquet"
    assert main(["extract", str(inputs / "articles.jsonl"), "-o", str(out), "--workers", "1"]) == 0
    table = pq.read_table(out)
    assert table.column_names == COLUMNS
    assert table.to_pylist() == _jsonl_rows(inputs)
    assert str(table.schema.field("start").type) == "int64"
    assert not list(inputs.glob(".*.part"))  # the file under construction was moved in place


def test_resume_refuses_a_table_output(inputs: Path, capsys):
    out = str(inputs / "q.parquet")
    assert main(["extract", str(inputs / "articles.jsonl"), "-o", out, "--resume"]) == 2
    assert "JSONL only" in capsys.readouterr().err
