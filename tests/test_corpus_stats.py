"""Corpus numbers and their report: counts by gender, outlet and month from quotes JSONL
alone, the manifest's people mentioned, and an HTML page that opens offline in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium

from quoteattr.corpus.report import report
from quoteattr.corpus.stats import cli_main, compute
from quoteattr.model import ArticleRef, Quote, Speaker

ROOT = Path(__file__).resolve().parents[1]


def _q(name, art, pub, date, *, gender=None, source=None, kind="person", mention=None):
    sp = None
    if name is not None:
        sp = Speaker(
            name=name, mention=mention or name, kind=kind, gender=gender, gender_source=source
        )
    return Quote(
        text="…",
        type="direct",
        start=0,
        end=1,
        speaker=sp,
        article=ArticleRef(id=art, publisher=pub, date=date),
    )


QUOTES = [
    _q("Anne Morel", "a1", "Le Soir", "2024-03-02", gender="f", source="title"),
    _q("Anne Morel", "a2", "Le Devoir", "2024-04-10"),  # no evidence here: the corpus has some
    _q("Paul Roy", "a2", "Le Devoir", "2024-04-10", gender="m", source="firstname"),
    _q("Roy", "a3", "Le Soir", "2024-04-21", mention="M. Roy", gender="m", source="title"),
    _q("CGT", "a3", "Le Soir", "2024-04-21", kind="organisation"),
    _q("les syndicats", "a3", "Le Soir", "2024-04-21", kind="group"),
    _q(
        "la ministre", "a4", "Le Soir", "2024-04-22", kind="unnamed", gender="f", source="agreement"
    ),
    _q(None, "a4", "Le Soir", "2024-04-22"),
]


def test_quotes_count_with_the_gender_the_corpus_gives_each_person():
    s = compute(QUOTES)
    # Anne Morel's second quote counts as a woman's: « Mme » in another article says so.
    assert s.quotes_by_gender == {
        "f": 3,
        "m": 2,
        "unknown": 0,
        "organisation": 1,
        "group": 1,
        "none": 1,
    }
    assert s.people_by_gender == {"f": 1, "m": 1, "unknown": 0}  # M. Roy is Paul Roy
    assert s.share_women() == 0.6
    assert s.n_quotes == 8 and s.n_articles_with_quotes == 4 and s.n_outlets == 2
    assert s.evidence == {"title": 4, "agreement": 1, "pronoun": 0, "firstname": 0}


def test_top_sources_outlets_and_months():
    s = compute(QUOTES, top=2)
    assert [(t["name"], t["quotes"]) for t in s.top_sources] == [("Anne Morel", 2), ("Paul Roy", 2)]
    assert [(o["outlet"], o["quotes"], o["f"], o["m"]) for o in s.by_outlet] == [
        ("Le Soir", 6, 2, 1),
        ("Le Devoir", 2, 1, 1),
    ]
    assert [(m["month"], m["quotes"], m["share_women"]) for m in s.by_month] == [
        ("2024-03", 1, 1.0),
        ("2024-04", 7, 0.5),
    ]
    text = str(s)
    assert "Anne Morel (f): 2 quotes" in text and "2024-04" in text and "Le Devoir" in text


def test_the_manifest_adds_articles_without_quotes_and_people_mentioned(tmp_path: Path):
    manifest = tmp_path / "q.articles.jsonl"
    lines = [
        {
            "path": "a",
            "index": 0,
            "status": "ok",
            "n_quotes": 2,
            "people": {"f": 1, "m": 2, "unknown": 0},
        },
        {
            "path": "b",
            "index": 0,
            "status": "ok",
            "n_quotes": 0,
            "people": {"f": 2, "m": 0, "unknown": 1},
        },
        {"path": "c", "index": None, "status": "error", "error": "not UTF-8"},
    ]
    manifest.write_text("".join(json.dumps(x) + "\n" for x in lines) + "{torn", "utf-8")
    s = compute(QUOTES[:2], manifest=manifest, on_error=lambda *_: None)
    assert s.mentioned_by_gender == {"f": 3, "m": 2, "unknown": 1}
    assert s.n_articles == 2 and s.n_articles_with_quotes == 2
    assert s.to_dict()["share_women"]["people_mentioned"] == 0.6


def test_an_old_manifest_without_people_says_nothing_rather_than_zero(tmp_path: Path):
    manifest = tmp_path / "q.articles.jsonl"
    manifest.write_text('{"path": "a", "index": 0, "status": "ok", "n_quotes": 1}\n', "utf-8")
    assert compute(QUOTES[:1], manifest=manifest).mentioned_by_gender is None


def test_cli_reads_the_manifest_beside_the_quotes_and_writes_json_and_html(tmp_path: Path, capsys):
    quotes = tmp_path / "q.jsonl"
    quotes.write_text("".join(q.to_json(ensure_ascii=False) + "\n" for q in QUOTES), "utf-8")
    (tmp_path / "q.articles.jsonl").write_text(
        '{"path": "a", "index": 0, "status": "ok", "people": {"f": 4, "m": 1, "unknown": 0}}\n',
        "utf-8",
    )
    page = tmp_path / "report.html"
    assert cli_main([str(quotes), "--json", "--html", str(page)]) == 0
    numbers = json.loads(capsys.readouterr().out)
    assert numbers["mentioned_by_gender"] == {"f": 4, "m": 1, "unknown": 0}
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(SystemExit):
        cli_main([str(quotes), "--html", str(quotes)])  # never overwrites its input
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nimporte quoi\n", "utf-8")
    assert cli_main([str(bad)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_report_escapes_every_name_and_needs_no_network():
    evil = '<img src=x onerror="alert(1)">'
    s = compute([_q(evil, "a", "<b>Média</b>", "2024-01-05", gender="f", source="title")])
    page = report(s, title="<script>alert(2)</script>")
    assert "<img" not in page and "<script>" not in page and "<b>Média" not in page
    assert "&lt;img src=x" in page and "&lt;b&gt;Média&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page  # the page runs no code at all


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (CI installs it: .ci/run)")
def test_report_in_a_real_browser(tmp_path: Path):
    """Chromium opens the page and draws every chart; the screenshot is kept in build/."""
    page = tmp_path / "report.html"
    page.write_text(report(compute(QUOTES)), "utf-8")
    dom = chromium(page, "--dump-dom")
    assert dom.count("<svg") == 5 and dom.count("<rect") >= 10
    assert "Anne Morel" in dom and "Le Devoir" in dom and "2024-04" in dom
    shot = ROOT / "build" / "stats.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    chromium(page, f"--screenshot={shot}", "--window-size=820,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_lines_of_the_wrong_shape_are_named_and_skipped(tmp_path: Path):
    """A speaker that is a string, a name that is a number, a list: each line reported with
    its number and what is wrong, and the good lines still counted."""
    good = QUOTES[0].to_json(ensure_ascii=False)
    bad = [
        '{"text": "x", "type": "direct", "speaker": "Paul"}',
        '{"text": "x", "type": "direct", "speaker": {"name": 5}}',
        "[1, 2]",
        '{"text": "x", "type": "direct", "article": {"index": "deux"}}',
    ]
    src = tmp_path / "q.jsonl"
    src.write_text("\n".join([good, *bad]) + "\n", "utf-8")
    seen: list[tuple[int | None, str]] = []
    s = compute(src, on_error=lambda path, line, msg: seen.append((line, msg)))
    assert s.n_quotes == 1
    assert [line for line, _ in seen] == [2, 3, 4, 5]
    assert "speaker.name is 5" in seen[1][1] and "article.index" in seen[3][1]
    with pytest.warns(UserWarning, match="speaker is 'Paul'"):
        assert compute([{"text": "x", "type": "direct", "speaker": "Paul"}]).n_quotes == 0
