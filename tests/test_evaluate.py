"""``quoteattr evaluate`` against the gold format, and agreement with the reference scorer."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.evaluate import Scores, cli_main, evaluate
from quoteattr.model import ArticleRef, Quote, Speaker

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
REFERENCE = SHARED_EVAL / "score.py"
GOLD_DIRS = [d for d in (FIXTURES, SHARED_EVAL / "dev-wikinews") if (d / "gold.jsonl").exists()]


def _load(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _articles(gold_dir: Path) -> dict[tuple[str, int], dict]:
    path = gold_dir / "articles.jsonl"
    return {(a["file"], a["article"]): a for a in _load(path)} if path.exists() else {}


def _as_prediction(g: dict, meta: dict, speaker: str | None, text: str | None = None) -> dict:
    article = {k: meta.get(k) for k in ("title", "date", "url", "publisher")}
    article |= {"path": f"some/dir/{g['file']}", "index": g["article"]}
    return {
        "text": g["text"] if text is None else text,
        "type": g["type"],
        "speaker": None if speaker is None else {"name": speaker, "mention": speaker},
        "date": g.get("date"),
        "article": article,
    }


def _perfect(gold_dir: Path) -> list[dict]:
    """Every gold quotation, optional ones included, predicted right."""
    metas = _articles(gold_dir)
    return [
        _as_prediction(g, metas.get((g["file"], g["article"]), {}), (g["speaker"] or [None])[0])
        for g in _load(gold_dir / "gold.jsonl")
    ]


def _noisy(gold_dir: Path, seed: int) -> list[dict]:
    """Gold quotations damaged at random: missed, cut, wrong speaker/type/date, spurious."""
    rng = random.Random(seed)
    metas = _articles(gold_dir)
    preds: list[dict] = []
    for g in _load(gold_dir / "gold.jsonl"):
        meta = dict(metas.get((g["file"], g["article"]), {}))
        if rng.random() < 0.1:
            meta["title"] = "Un autre titre"
        words = g["text"].split()
        roll = rng.random()
        if roll < 0.15:
            continue  # missed
        text = g["text"]
        if roll < 0.35:
            text = " ".join(words[: max(1, int(len(words) * rng.choice([0.3, 0.6, 0.8])))])
        names = g["speaker"] or [None]
        speaker = rng.choice([*names, "Quelqu'un d'autre", None, "M. " + (names[0] or "X")])
        p = _as_prediction(g, meta, speaker, text)
        if rng.random() < 0.2:
            p["type"] = rng.choice(["direct", "indirect", "mixed"])
        if rng.random() < 0.2:
            p["date"] = rng.choice([None, "1999-01-01", (g.get("date") or "") + "T10:00"])
        preds.append(p)
        if rng.random() < 0.15:
            preds.append(dict(p))  # a duplicate: one of the two is spurious
        if rng.random() < 0.15:
            preds.append(_as_prediction(g, meta, None, "Il fait beau aujourd'hui à Paris"))
    preds.append(
        _as_prediction(
            {"file": "not-in-gold.txt", "article": 0, "text": "x", "type": "direct"}, {}, "X"
        )
    )
    rng.shuffle(preds)
    return preds


def _write(tmp_path: Path, name: str, preds: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), "utf-8")
    return path


def _reference(pred_path: Path, gold_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(REFERENCE), str(pred_path), str(gold_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_perfect_predictions_score_one():
    """Predicting the gold itself gives full marks on every measure."""
    gold_dir = GOLD_DIRS[0]
    s = evaluate(_perfect(gold_dir), gold_dir)
    assert s.gold_quotes == 42 and s.matched == 42 and s.exact_matched == 42
    for name in (
        "quote_f1",
        "exact_f1",
        "attribution_f1",
        "canonical_speaker_accuracy_on_matched",
        "type_accuracy_on_matched",
        "date_accuracy_on_matched",
        "mean_span_overlap",
        "article_metadata_accuracy",
    ):
        assert getattr(s, name) == 1.0, name
    assert s.errors == []


def test_empty_predictions_score_zero_and_list_every_miss():
    gold_dir = GOLD_DIRS[0]
    s = evaluate([], gold_dir)
    assert (s.predicted_quotes, s.matched, s.quote_recall, s.quote_f1) == (0, 0, 0.0, 0.0)
    assert sum(e.kind == "missed" for e in s.errors) == s.gold_quotes == 42


def test_cut_quote_matches_by_overlap_but_not_exactly(tmp_path: Path):
    """ "Nous gagnerons la coupe" found as "Nous gagnerons la": overlap 0.75, not exact."""
    (tmp_path / "gold.jsonl").write_text(
        json.dumps(
            {
                "file": "a.txt",
                "article": 0,
                "text": "Nous gagnerons la coupe",
                "type": "direct",
                "speaker": ["Marie Dupont"],
                "date": "2024-05-01",
            }
        )
        + "\n",
        "utf-8",
    )
    quote = Quote(
        text="Nous gagnerons la",
        type="direct",
        start=0,
        end=17,
        speaker=Speaker(name="Marie Dupont"),
        date="2024-05-01",
        article=ArticleRef(path="a.txt"),
    )
    s = evaluate([quote], tmp_path)
    assert (s.quote_f1, s.exact_f1, s.mean_span_overlap) == (1.0, 0.0, 0.75)


def test_unknown_source_is_right_only_when_left_unnamed(tmp_path: Path):
    (tmp_path / "gold.jsonl").write_text(
        json.dumps(
            {
                "file": "a.txt",
                "article": 0,
                "text": "Il pleuvra demain",
                "type": "indirect",
                "speaker": [],
                "date": None,
            }
        )
        + "\n",
        "utf-8",
    )
    pred = {"text": "Il pleuvra demain", "type": "indirect", "article": {"path": "a.txt"}}
    assert evaluate([pred], tmp_path).attribution_f1 == 1.0
    named = pred | {"speaker": {"name": "Météo France"}}
    s = evaluate([named], tmp_path)
    assert s.attribution_f1 == 0.0 and [e.kind for e in s.errors] == ["speaker"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer ../shared/eval absent")
@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda d: d.name)
def test_agrees_with_reference_scorer(tmp_path: Path, gold_dir: Path):
    """Same numbers as score.py on perfect, empty, spurious and randomly damaged predictions."""
    cases = {"perfect": _perfect(gold_dir), "empty": []}
    cases["spurious"] = _perfect(gold_dir) + [
        _as_prediction(g, {}, "Personne", "Aucun rapport avec le texte " + str(n))
        for n, g in enumerate(_load(gold_dir / "gold.jsonl")[:5])
    ]
    cases |= {f"noisy{seed}": _noisy(gold_dir, seed) for seed in range(6)}
    for name, preds in cases.items():
        path = _write(tmp_path, f"{name}.jsonl", preds)
        ours = evaluate(path, gold_dir).as_dict()
        theirs = _reference(path, gold_dir)
        assert {k: ours[k] for k in theirs} == theirs, name


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer ../shared/eval absent")
def test_error_listing_agrees_with_reference_scorer(tmp_path: Path, capsys):
    gold_dir = GOLD_DIRS[0]
    path = _write(tmp_path, "noisy.jsonl", _noisy(gold_dir, 1))
    assert cli_main([str(path), str(gold_dir), "--show-errors"]) == 0
    ours = capsys.readouterr().out
    theirs = subprocess.run(
        [sys.executable, str(REFERENCE), str(path), str(gold_dir), "--show-errors"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The error list comes first, then a blank line, then the scores.
    assert ours.split("\n\n")[0] == theirs.split("\n\n")[0]
    assert ours.count("spurious") >= 1 and ours.count("missed") >= 1


def test_quotes_and_their_jsonl_score_the_same(tmp_path: Path):
    gold_dir = GOLD_DIRS[0]
    preds = _noisy(gold_dir, 3)
    quotes = [Quote.from_dict(p | {"start": 0, "end": 1}) for p in preds]
    path = _write(tmp_path, "q.jsonl", [q.to_dict() for q in quotes])
    assert evaluate(quotes, gold_dir).as_dict() == evaluate(path, gold_dir).as_dict()


def test_cli_json(tmp_path: Path, capsys):
    gold_dir = GOLD_DIRS[0]
    path = _write(tmp_path, "p.jsonl", _perfect(gold_dir))
    assert cli_main([str(path), str(gold_dir), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["quote_f1"] == scores["exact_f1"] == 1.0
    assert set(scores) == set(Scores().as_dict())


def test_cli_names_the_bad_line(tmp_path: Path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{pas du json\n', "utf-8")
    assert cli_main([str(path), str(GOLD_DIRS[0])]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: not JSON" in err and "Traceback" not in err


def test_cli_refuses_missing_gold_dir(tmp_path: Path, capsys):
    path = _write(tmp_path, "p.jsonl", [])
    assert cli_main([str(path), str(tmp_path / "nowhere")]) == 2
    assert "nowhere: not a directory" in capsys.readouterr().err
    assert cli_main([str(path), str(tmp_path)]) == 2
    assert "gold.jsonl: no such file" in capsys.readouterr().err


def _core_ready() -> bool:
    return all(importlib.util.find_spec(m) for m in ("quoteattr.annotate", "quoteattr.reading"))


@pytest.mark.skipif(not _core_ready(), reason="needs quoteattr.annotate and quoteattr.reading")
def test_cli_run_extracts_then_scores(capsys):
    """--run over the seed articles scores what the extractor finds, whatever its accuracy."""
    inputs = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    assert cli_main(["--run", *inputs, str(FIXTURES), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["gold_quotes"] == 42
    assert 0.0 <= scores["quote_f1"] <= 1.0
    assert scores["matched"] <= min(scores["predicted_quotes"], scores["gold_quotes"])


def test_cli_refuses_run_options_without_run(tmp_path: Path, capsys):
    path = _write(tmp_path, "p.jsonl", [])
    with pytest.raises(SystemExit) as exit_:
        cli_main([str(path), str(GOLD_DIRS[0]), "--date", "2024-05-08"])
    assert exit_.value.code == 2 and "--run only" in capsys.readouterr().err


def test_predictions_without_gold_are_counted_and_reported(tmp_path: Path, capsys):
    """Predictions for files the gold set does not cover are left out of every measure, but
    counted, and the command says so: a typo in file names must not pass for a score."""
    gold_dir = GOLD_DIRS[0]
    perfect = _perfect(gold_dir)
    stray = [
        _as_prediction({"file": name, "article": 0, "text": "x", "type": "direct"}, {}, "X")
        for name in ("renamed-1.txt", "renamed-1.txt", "renamed-2.txt")
    ]
    path = _write(tmp_path, "p.jsonl", perfect + stray)
    scores = evaluate(path, gold_dir)
    assert (
        scores.as_dict() | {"unscored_predictions": 0, "unscored_files": 0}
        == evaluate(perfect, gold_dir).as_dict()
    )  # the stray predictions change no measure...
    assert (scores.unscored_predictions, scores.unscored_files) == (3, 2)  # ...but are counted
    assert scores.unscored_names == ["renamed-1.txt", "renamed-2.txt"]
    assert cli_main([str(path), str(gold_dir)]) == 0
    out, err = capsys.readouterr()
    assert "unscored_predictions                     3" in out
    assert "3 predictions for 2 files" in err and "renamed-1.txt, renamed-2.txt" in err
    assert cli_main([str(_write(tmp_path, "ok.jsonl", perfect)), str(gold_dir)]) == 0
    assert "not scored" not in capsys.readouterr().err
