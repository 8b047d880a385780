"""Dense and degenerate texts: detection must stay linear in the input, with the results the
pairwise definitions give.

The shapes of issue 15 (« a » repeated, « a dit que : » repeated, a text that lost its
capitals, many quotes in one paragraph) are run small here, for their results; their timings
are measured by ``benchmarks/shapes.py``, never asserted.
"""

from __future__ import annotations

import random
from dataclasses import replace
from types import SimpleNamespace

import pytest

from quoteattr.detect import _priority, _resolve_overlaps, _same, _widen
from quoteattr.detect.found import Found
from quoteattr.detect.sentences import MAX_UNIT_CHARS, sentence_units
from quoteattr.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


# -- the sweeps give what the pairwise definitions give -----------------------------------


def _pairwise_overlaps(candidates: list[Found]) -> list[Found]:
    """``_resolve_overlaps`` as first written: every candidate against every other."""

    def nested(f: Found, other: Found) -> bool:
        return f.cue is not None and any(a <= f.cue.start_char < b for a, b in other.parts)

    outer = [
        f
        for f in candidates
        if not any(o is not f and nested(f, o) and not nested(o, f) for o in candidates)
    ]
    kept: list[Found] = []
    for f in sorted(outer, key=lambda f: (-_priority(f), f.start)):
        if not any(_same(f, k) for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _random_found(rng: random.Random, size: int) -> Found:
    start = rng.randrange(size)
    parts = [(start, start + rng.randint(1, 60))]
    if rng.random() < 0.3:  # content cut by an incise
        a = parts[0][1] + rng.randint(1, 20)
        parts.append((a, a + rng.randint(1, 40)))
    cue = None
    if rng.random() < 0.85:  # a cue near the content, or inside another quotation
        cue = SimpleNamespace(start_char=max(0, start + rng.randint(-30, 80)))
    return Found(
        type=rng.choice(["direct", "indirect", "mixed"]),
        parts=parts,
        cue=cue,  # type: ignore[arg-type]
        cue_lemma="",
        mention=None,
        confidence=rng.choice([0.5, 0.6, 0.9]),
        rule=rng.choice(["direct:incise", "indirect:que", "source:leading"]),
    )


@pytest.mark.parametrize("seed", range(40))
def test_overlap_sweep_keeps_what_comparing_every_pair_keeps(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.choice([100, 400, 2000])
    candidates = [_random_found(rng, size) for _ in range(rng.randint(0, 60))]
    assert _resolve_overlaps(candidates) == _pairwise_overlaps(candidates)


def _scanned_widen(outer: tuple[int, int], units: list[tuple[int, int]]) -> tuple[int, int]:
    a, b = outer
    for u_start, u_end in units:
        if u_start <= a < u_end or u_start < b <= u_end:
            a, b = min(a, u_start), max(b, u_end)
    return a, b


@pytest.mark.parametrize("seed", range(20))
def test_widening_by_bisection_matches_the_scan_over_units(seed: int) -> None:
    rng = random.Random(seed)
    units, at = [], 0
    for _ in range(rng.randint(0, 15)):
        at += rng.randint(0, 3)  # units touch or leave a gap (spaces, line breaks)
        units.append((at, at + rng.randint(1, 40)))
        at = units[-1][1]
    found = []
    for _ in range(30):
        a = rng.randrange(at + 5)
        found.append(replace(_random_found(rng, 10), outer=(a, a + rng.randint(1, 80))))
    expected = [_scanned_widen(f.outer, units) for f in found]
    assert [f.outer for f in _widen(found, units)] == expected


# -- sentence units are bounded --------------------------------------------------------------


def test_a_text_without_capitals_is_cut_into_bounded_units_at_full_stops() -> None:
    sentence = "le ministre a déclaré que la situation était grave. il a ajouté qu'il partait. "
    text = sentence * 200
    units = sentence_units(text)
    assert len(units) > 1
    assert all(b - a <= MAX_UNIT_CHARS for a, b in units)
    # Cut after a full stop, never in the middle of a clause; nothing lost between units.
    assert all(text[b - 1] == "." for _, b in units[:-1])
    assert all(not text[b:c].strip() for (_, b), (c, _) in zip(units, units[1:], strict=False))


def test_a_run_without_any_break_is_cut_at_the_bound() -> None:
    text = "x" * (3 * MAX_UNIT_CHARS + 7)
    units = sentence_units(text)
    assert [b - a for a, b in units] == [MAX_UNIT_CHARS] * 3 + [7]


def test_a_long_news_sentence_stays_one_unit() -> None:
    """A 1,400-character sentence (three times the longest of the development sets)."""
    clause = "le conseil régional, réuni en séance plénière à Rennes, a adopté le budget"
    text = "Selon la présidente, " + ", puis ".join([clause] * 18) + ". Il pleut."
    assert 1_300 < len(text) < MAX_UNIT_CHARS
    assert [text[a:b] for a, b in sentence_units(text)] == [text[:-10], "Il pleut."]


def test_quotes_in_a_bounded_unit_are_not_cut_when_a_break_outside_them_exists() -> None:
    quote = "« Nous partirons demain, et nous reviendrons », a dit Paul Martin, "
    text = quote * 60
    for a, b in sentence_units(text):
        assert b - a <= MAX_UNIT_CHARS
        assert text[a:b].count("«") == text[a:b].count("»")


# -- the shapes of issue 15, small: they complete and give the expected quotes -----------------


def test_guillemets_repeated_quote_nothing(extractor: Extractor) -> None:
    assert extractor.extract("« a » " * 1_500) == []


def test_reporting_verb_repeated_gives_one_quote_per_unit(extractor: Extractor) -> None:
    """« Paul a dit que : » × 600: each clause holds the next ones, which are nested and left
    out; a unit that long is cut, so one quote per unit of at most MAX_UNIT_CHARS."""
    text = "Paul a dit que : " * 600
    quotes = extractor.extract(text)
    assert 1 <= len(quotes) <= len(text) // (MAX_UNIT_CHARS // 2) + 1
    assert all(q.speaker is not None and q.speaker.name == "Paul" for q in quotes)
    assert all(len(q.text) <= MAX_UNIT_CHARS for q in quotes)


def test_many_incises_in_one_paragraph_all_keep_their_speaker(extractor: Extractor) -> None:
    text = "« Nous partirons demain », a dit Paul Martin. « Rien ne presse », a-t-il ajouté. " * 150
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["Nous partirons demain", "Rien ne presse"] * 150
    assert {q.speaker.name for q in quotes if q.speaker} == {"Paul Martin"}
    assert all(q.speaker is not None for q in quotes)


def test_a_lower_case_text_gives_its_reported_speech(extractor: Extractor) -> None:
    sentence = (
        "la ministre de la santé, Claire Dubois, a déclaré que la situation était grave. "
        "les syndicats estiment que rien ne changera. "
    )
    quotes = extractor.extract(sentence * 80)
    assert quotes
    assert all(len(q.text) <= MAX_UNIT_CHARS for q in quotes)
    assert any(q.text.startswith("la situation était grave") for q in quotes)
