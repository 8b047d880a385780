"""Long articles: chunks parsed with their context, batches bounded in characters, and the
guard that keeps spaCy's tokenizer away from runs it would take minutes on.

Timings and memory are measured by ``benchmarks/shapes.py``, never asserted here.
"""

from __future__ import annotations

import json

import pytest

from quoteattr import batch
from quoteattr import pipeline as pipeline_module
from quoteattr.guard import MAX_REPEATS, MAX_RUN_CHARS, Cut, guard_text
from quoteattr.model import Article
from quoteattr.pipeline import Extractor, QuoteList, split_text, windows

# Four speakers' turns; pronouns (« a-t-elle ajouté ») need the name given before them.
TURNS = [
    "« Nous ne céderons rien sur les salaires du site {k} », a déclaré Marie Dupont. ",
    "« Les négociations reprendront demain à {k} heures », a-t-elle ajouté. ",
    "« Le dépôt {k} restera ouvert », a affirmé Paul Martin, délégué syndical. ",
    "« Rien n'est joué pour l'équipe {k} », a-t-il poursuivi. ",
]


def _one_paragraph(n: int) -> str:
    return "".join(TURNS[i % 4].format(k=i) for i in range(n))


def _signature(quotes) -> list[tuple[int, int, str, str | None]]:
    return [(q.start, q.end, q.text, q.speaker and q.speaker.name) for q in quotes]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


# -- chunks and their context ------------------------------------------------------------------


@pytest.mark.parametrize("chunk_chars", [700, 1_500])
def test_no_quote_loses_its_speaker_at_a_chunk_boundary(
    extractor: Extractor, chunk_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One paragraph of 120 quotes cut into many chunks: the same quotes, offsets and
    speakers as when it is parsed whole — the pronoun right after a cut still finds the name
    the previous chunk gave."""
    text = _one_paragraph(120)
    whole = extractor.extract(text)
    assert len(whole) == 120 and all(q.speaker is not None for q in whole)
    small = Extractor(extractor.nlp, chunk_chars=chunk_chars)
    assert len(list(split_text(text, chunk_chars))) > 5
    assert _signature(small.extract(text)) == _signature(whole)
    # Without the context the cuts do cost speakers: the test does see boundaries.
    monkeypatch.setattr(pipeline_module, "CONTEXT_BEFORE", 0)
    monkeypatch.setattr(pipeline_module, "CONTEXT_AFTER", 0)
    bare = small.extract(text)
    assert any(q.speaker is None for q in bare)


def test_windows_cover_the_text_once_with_context_on_both_sides() -> None:
    text = _one_paragraph(200) + "\n\n" + _one_paragraph(100)
    ws = list(windows(text, 2_000))
    assert ws[0].start == 0 and ws[-1].end == len(text)
    for w, nxt in zip(ws, ws[1:], strict=False):
        assert w.end == nxt.start  # chunks proper tile the text
        assert w.lo <= w.start < w.end <= w.hi
        assert 0 < nxt.start - nxt.lo <= pipeline_module.CONTEXT_BEFORE
        assert 0 < w.hi - w.end <= pipeline_module.CONTEXT_AFTER
        # Context starts and ends at a break, never in a word.
        assert text[nxt.lo - 1] in "\n " and text[w.hi - 1] in "\n "


def test_docs_are_parsed_in_groups_bounded_in_characters(extractor: Extractor) -> None:
    """A long article and small ones: no ``nlp.pipe`` call gets more than ``batch_tokens``
    tokens (or one doc), and the quotes are those of a run in one batch."""
    articles = [Article(text=_one_paragraph(4), id=f"s{i}") for i in range(6)]
    articles.insert(3, Article(text=_one_paragraph(60), id="long"))
    ex = Extractor(extractor.nlp, chunk_chars=1_000, batch_tokens=600)
    sizes: list[int] = []
    parse = ex._parse

    def spy(group):
        sizes.append([len(doc) for doc, _ in group])
        return parse(group)

    ex._parse = spy  # type: ignore[method-assign]
    got = {a.id: _signature(q) for a, q in ex.pipe(articles)}
    assert len(sizes) > 3
    assert all(sum(group) <= 600 or len(group) == 1 for group in sizes)
    assert got == {a.id: _signature(extractor.extract(a.text)) for a in articles}


# -- the tokenizer guard ----------------------------------------------------------------------


def test_guard_keeps_ordinary_text_as_it_is() -> None:
    text = _one_paragraph(40) + " https://www.example.org/" + "a/" * 100
    assert guard_text(text) == (text, [])


def test_guard_cuts_long_runs_keeping_length_and_offsets() -> None:
    run = "l'" * 5_000
    text = f"Il a dit : « {run} ». « Nous partirons », a déclaré Paul Martin."
    guarded, cuts = guard_text(text)
    start = text.index(run)
    assert cuts == [Cut(start, start + len(run), "run")]
    assert len(guarded) == len(text)
    assert guarded[: start + MAX_RUN_CHARS] == text[: start + MAX_RUN_CHARS]
    assert guarded[start + MAX_RUN_CHARS : start + len(run)].strip() == ""
    assert guarded[start + len(run) :] == text[start + len(run) :]


def test_guard_cuts_a_passage_repeating_a_short_pattern() -> None:
    """« a » « a » « a »… or « a dit que : » again and again costs three times as much per
    character as prose to parse: only its first repetitions are parsed."""
    for pattern in ("« a » ", "a dit que : ", "ha, "):
        lead = "Le maire a parlé. "
        text = lead + pattern * 2_000 + "« Nous partirons », a déclaré Paul Martin."
        guarded, cuts = guard_text(text)
        end = len(lead) + len(pattern) * 2_000
        assert cuts == [Cut(len(lead), end, "repeat", len(pattern) * MAX_REPEATS)]
        kept = len(lead) + len(pattern) * MAX_REPEATS
        assert guarded[:kept] == text[:kept]
        assert guarded[kept:end].strip() == ""
        assert guarded[end:] == text[end:]


def test_guard_leaves_tables_separators_and_short_repeats_alone() -> None:
    table = "".join(f"{i:>3}. Équipe {chr(65 + i % 26)} {i * 3 % 17:>2} pts\n" for i in range(300))
    for text in (
        _one_paragraph(40) + "\n" + "-" * 200 + "\n" + "= " * 300 + "\n" + table,
        "« Non », « non », « non »… " * 20 + _one_paragraph(40),
    ):
        assert guard_text(text) == (text, [])


def test_an_article_with_a_pathological_run_completes_and_reports_the_cut(
    extractor: Extractor,
) -> None:
    """« l'l'l'… » of 60,000 characters (minutes in spaCy's tokenizer unguarded): the quote
    after it is found, with offsets into the original text, and a warning says what was cut."""
    run = "l'" * 30_000
    text = f"{run} « Nous partirons demain », a déclaré Paul Martin."
    [(_, quotes)] = list(extractor.pipe([Article(text=text, id="run")]))
    assert isinstance(quotes, QuoteList)
    assert [(q.text, q.speaker and q.speaker.name) for q in quotes] == [
        ("Nous partirons demain", "Paul Martin")
    ]
    q = quotes[0]
    assert text[q.start : q.end] == "Nous partirons demain"
    assert quotes.warnings == [
        f"1 run without spaces cut to {MAX_RUN_CHARS} characters before parsing "
        f"(longest {len(run)} at offset 0)"
    ]
    entry = batch.manifest_entry(Article(text=text, id="run"), quotes)
    assert entry["warnings"] == quotes.warnings
    assert extractor.pipe([Article(text="« Oui », a dit Paul.")]).__next__()[1].warnings == []


def test_a_run_longer_than_a_chunk_is_reported_once(extractor: Extractor) -> None:
    run = "l'" * 3_000
    text = f"« Oui », a dit Paul. {run}. « Non », a répondu Marie."
    ex = Extractor(extractor.nlp, chunk_chars=2_000)
    [(_, quotes)] = list(ex.pipe([Article(text=text)]))
    assert [q.text for q in quotes] == ["Oui", "Non"]
    assert len(quotes.warnings) == 1 and "1 run " in quotes.warnings[0]


def test_the_cli_reports_the_cut_in_the_manifest(tmp_path) -> None:
    """End to end with two workers: the article with the run is extracted, its manifest
    line carries the warning, the others none."""
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "« Nous partirons », a déclaré Paul Martin."},
        {"id": "b", "text": "l'" * 20_000 + " « Oui », a dit Marie Dupont."},
        {"id": "c", "text": "« Non », a répondu Marie Dupont."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", str(src), "-o", str(out)]
        + ["--workers", "2", "--chunk-size", "1", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    manifest = [json.loads(line) for line in (tmp_path / "out.articles.jsonl").open()]
    assert [m["id"] for m in manifest] == ["a", "b", "c"]
    assert [bool(m["warnings"]) for m in manifest] == [False, True, False]
    assert "cut to 250 characters" in manifest[1]["warnings"][0]
    quotes = [json.loads(line)["text"] for line in out.open()]
    assert quotes == ["Nous partirons", "Oui", "Non"]
