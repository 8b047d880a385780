"""Extraction on a real Dask cluster (two worker processes) gives the single-machine quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from quoteattr import batch  # noqa: E402
from quoteattr.cli import main  # noqa: E402
from quoteattr.dask import cluster_bag, extract_bag, to_jsonl, to_parquet  # noqa: E402
from quoteattr.reading import read_paths  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures").glob("*.txt"))


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def local_quotes() -> list[dict]:
    """The same inputs extracted in this process, as ``quoteattr extract`` does."""
    done = batch.process_chunk(list(read_paths(SEEDS)), batch.Options())
    return [json.loads(line) for d in done for line in d.lines]


def test_bag_from_paths_gives_the_single_machine_quotes(client, local_quotes):
    bag = extract_bag(SEEDS, files_per_partition=1)
    assert bag.npartitions == len(SEEDS)
    assert local_quotes, "the seed articles hold quotations"
    assert bag.compute() == local_quotes


def test_bag_of_articles_fills_missing_metadata(client):
    import dask.bag as db

    texts = ["« Nous gagnerons », a déclaré Marie Dupont.", {"text": "Rien à signaler."}]
    quotes = extract_bag(db.from_sequence(texts, npartitions=2), publisher="AFP").compute()
    assert [q["article"]["publisher"] for q in quotes] == ["AFP"] * len(quotes)
    assert all(q["article"]["index"] == 0 for q in quotes)


def test_partitioned_jsonl_holds_every_quote_once(client, local_quotes, tmp_path):
    files = to_jsonl(extract_bag(SEEDS, files_per_partition=1), tmp_path / "out")
    assert [Path(f).name for f in files] == ["part-00000.jsonl", "part-00001.jsonl"]
    lines = [json.loads(line) for f in files for line in Path(f).read_text().splitlines()]
    assert lines == local_quotes


def test_parquet_needs_pyarrow_or_writes_one_schema(client, tmp_path):
    bag = extract_bag(SEEDS[:1])
    try:
        import pyarrow.parquet as pq
    except ImportError:
        with pytest.raises(ImportError, match="pip install pyarrow"):
            to_parquet(bag, tmp_path)
        return
    files = to_parquet(bag, tmp_path)
    assert pq.read_table(files[0]).num_rows == len(bag.compute())


def test_cli_on_the_cluster_writes_the_local_bytes(client, tmp_path):
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    assert main(["extract", *SEEDS, "-o", str(local), "--workers", "1"]) == 0
    address = client.scheduler.address
    assert main(["extract", *SEEDS, "-o", str(remote), "--dask", address, "--chunk-size", "1"]) == 0
    assert remote.read_bytes() == local.read_bytes()
    man = ".articles.jsonl"
    assert (tmp_path / f"remote{man}").read_bytes() == (tmp_path / f"local{man}").read_bytes()


def _quote_dicts() -> list[dict]:
    """Hand-made quote records: a statement in several outlets and forms, a stock phrase."""
    long = (
        "Nous ne céderons pas sur l'âge de départ, parce que l'équilibre du système en dépend "
        "et que les Français le savent"
    )
    stock = "la Chine est prête à travailler avec toutes les parties"
    texts = [
        (long, "Marie Dupont", "2024-03-04"),
        (long.replace("'", "’").upper(), "Marie Dupont", "2024-03-04"),
        ("Nous ne céderons pas sur l’âge de départ", "Marie Dupont", "2024-03-04"),
        ("elle ne céderait pas sur l'âge de départ", "Marie Dupont", "2024-03-05"),
        (f"{stock} pour maintenir la paix en mer de Chine", "Wang Wenbin", "2024-05-10"),
        (f"{stock} pour lutter contre le changement climatique", "Mao Ning", "2024-09-02"),
        (stock, "Mao Ning", "2024-09-02"),
        ("Nous gagnerons", "Léa Roux", "2024-03-04"),
    ]
    records = []
    for n, (text, who, day) in enumerate(texts * 3):
        records.append(
            {
                "text": text,
                "type": "direct",
                "start": 0,
                "end": len(text),
                "speaker": {"name": who, "kind": "person"},
                "date": day,
                "article": {"id": f"a{n}", "path": "x.jsonl", "index": n, "publisher": f"O{n}"},
            }
        )
    records.append({"type": "direct", "note": "no text: passed through"})
    return records


def test_clusters_on_the_cluster_are_the_single_machine_ones(client, tmp_path):
    import dask.bag as db

    from quoteattr.corpus.clusters import cluster_file, label_file

    records = _quote_dicts()
    src = tmp_path / "quotes.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    cluster_file(src, tmp_path / "clusters.jsonl")
    local = [json.loads(line) for line in (tmp_path / "clusters.jsonl").read_text().splitlines()]

    labelled, clusters = cluster_bag(db.from_sequence(records, npartitions=4))
    remote = clusters.compute()
    assert sorted(remote, key=lambda c: c["id"]) == sorted(local, key=lambda c: c["id"])
    assert len(local) < len(records) - 1, "some quotations are clustered together"

    label_file(src)
    want = [json.loads(line).get("cluster") for line in src.read_text().splitlines()]
    assert [r.get("cluster") for r in labelled.compute()] == want
