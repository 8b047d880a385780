"""Hostile inputs at the extractor: texts cut into chunks, marks that never close, huge runs.

Texts longer than a chunk are cut by :func:`quoteattr.pipeline.split_text`; a quote near a
cut must come out whole, with offsets into the original text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quoteattr.pipeline import Extractor, split_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from invariants import check_quotes  # noqa: E402
from make_corpus import QUOTE, _big  # noqa: E402

FILLER = "Il pleut sur la ville depuis des jours et les habitants attendent. " * 5


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _spans(quotes) -> list[tuple[int, int, str]]:
    return [(q.start, q.end, q.text) for q in quotes]


def test_split_text_covers_a_50_mb_text_exactly_with_offsets_into_it() -> None:
    """Beyond spaCy's max_length: pieces below the limit, cut at breaks, that add up to the text."""
    text = _big(50_000_000)
    limit = 200_000
    pieces = list(split_text(text, limit))
    assert len(pieces) > 250
    assert "".join(p for _, p in pieces) == text
    at = 0
    for offset, piece in pieces:
        assert offset == at and 0 < len(piece) <= limit
        at += len(piece)
    # Every cut falls on a paragraph break, so no paragraph (and no quote) is split.
    assert all(text[o - 1] == "\n" for o, _ in pieces[1:])


@pytest.mark.parametrize("shift", [-20, -5, 0, 3, 10, 30, 60])
def test_a_quote_at_a_chunk_limit_is_found_whole(extractor: Extractor, shift: int) -> None:
    """The chunk limit falls before, on or inside the quote's paragraph: same quote and offsets."""
    text = f"{FILLER}\n\n{QUOTE}\n\n{FILLER}"
    whole = extractor.extract(text)
    assert [q.text for q in whole] == ["Nous gagnerons"]
    limit = len(FILLER) + 2 + shift + len(QUOTE) // 2
    small = Extractor(extractor.nlp, chunk_chars=limit)
    assert len(list(split_text(text, limit))) > 1
    cut = small.extract(text)
    check_quotes(text, cut)
    assert _spans(cut) == _spans(whole)
    assert cut[0].speaker is not None and cut[0].speaker.name == whole[0].speaker.name


def test_a_quote_in_one_long_line_is_not_cut_at_its_inner_full_stop(extractor) -> None:
    """« Nous gagnerons. Nous vaincrons », a déclaré Marie Dupont. — in a text without breaks."""
    quote = "« Nous gagnerons. Nous vaincrons », a déclaré Marie Dupont."
    text = f"{FILLER}{quote} {FILLER}"
    whole = extractor.extract(text)
    assert [q.text for q in whole] == ["Nous gagnerons. Nous vaincrons"]
    cut = Extractor(extractor.nlp, chunk_chars=len(FILLER) + 20).extract(text)
    assert _spans(cut) == _spans(whole)


def test_many_quotes_across_many_chunks_are_all_found(extractor: Extractor) -> None:
    paragraphs = [FILLER if i % 3 else QUOTE for i in range(30)]
    text = "\n\n".join(paragraphs)
    cut = Extractor(extractor.nlp, chunk_chars=900).extract(text)
    check_quotes(text, cut)
    assert len(cut) == text.count(QUOTE) == 10
    assert all(text[q.start - 2 : q.end + 2] == "« Nous gagnerons »" for q in cut)


@pytest.mark.parametrize(
    "text",
    [
        # (10,000 « in a row: the corpus run of test_hostile_cli.py)
        "« " * 2_000 + "»",
        "» « " * 1_000,
        "« Il a dit « non, a-t-il affirmé.\n\n» Fin » » ».",
        "« Il m’a dit “ va-t’en ‹ vite › ” hier », a raconté Paul.",
        '« Oui ", a dit Paul. "Non », a répondu “Marie\'.',
        f"« {QUOTE} {QUOTE} »",
        "\u00a0«\u202fOui\u202f»\u00a0, a dit\u2009Paul.",
        "Bonjour",
        "",
        " \n\n\t ",
    ],
    ids=lambda t: repr(t[:20]),
)
def test_marks_that_never_close_or_nest_give_valid_quotes(extractor: Extractor, text) -> None:
    check_quotes(text, extractor.extract(text))


@pytest.mark.xfail(
    strict=True,
    reason="a lower-case word after a full stop merges two sentences and the mixed-speech rule "
    "swallows the first direct quote (core, reported to its owner)",
)
def test_a_direct_quote_is_not_swallowed_by_the_next_sentence(extractor: Extractor) -> None:
    """« Nous gagnerons », a déclaré Marie Dupont. xxxx « Nous gagnerons », a dit M. Dupont."""
    text = "« Nous gagnerons », a déclaré Marie Dupont. xxxx « Nous gagnerons », a dit M. Dupont."
    quotes = extractor.extract(text)
    check_quotes(text, quotes)
    assert [(q.type, q.text) for q in quotes] == [("direct", "Nous gagnerons")] * 2


def test_a_paragraph_holding_only_an_opening_mark_gives_no_empty_part(extractor) -> None:
    """«⏎« Il pleut sur la ville"""
    text = "«\n« Il pleut sur la ville"
    check_quotes(text, extractor.extract(text))


@pytest.mark.parametrize("text", [", d'après ", "Il pleut, d'après", "« Oui », aux dires de"])
def test_a_source_marker_ending_the_text_names_nobody_and_does_not_crash(extractor, text) -> None:
    """« …, d'après » with nothing after it (found by the property run: IndexError)."""
    check_quotes(text, extractor.extract(text))


def test_an_opening_mark_alone_before_a_cue_gives_no_empty_quote(extractor) -> None:
    """«⏎a déclaré Marie Dupont (found by the full property run)"""
    text = "«\na déclaré Marie Dupont"
    check_quotes(text, extractor.extract(text))
