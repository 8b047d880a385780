"""Fast mode: the pre-scan keeps offsets, and the quotes of the seeds stay those of normal mode."""

from __future__ import annotations

from pathlib import Path

from quoteattr import batch
from quoteattr.prescan import blank_unlikely, select_lines
from quoteattr.reading import read_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures").glob("*.txt"))


def test_blanking_keeps_length_line_breaks_and_kept_lines():
    for article in read_paths(SEEDS):
        blanked = blank_unlikely(article.text)
        assert len(blanked) == len(article.text)
        lines, keep = article.text.split("\n"), select_lines(article.text.split("\n"))
        for line, new, kept in zip(lines, blanked.split("\n"), keep, strict=True):
            assert new == (line if kept else " " * len(line))


def test_a_quote_spanning_lines_keeps_its_middle_line():
    """« Nous irons… / (a line without any mark or cue) / …jusqu'au bout », a dit M. Wang."""
    lines = [
        "Titre",
        "Chapeau.",
        "x",
        "y",
        "« Nous irons",
        "loin, très loin",
        "",
        "z",
        "w",
        "jusqu'au bout »",
        "v",
        "u",
        "t",
    ]
    keep = select_lines(lines)
    assert keep[5] and keep[9] and not keep[11]


def test_the_line_introducing_a_titled_speaker_is_kept():
    lines = ["Titre", "Chapeau.", "Wang Yi est à Moscou.", "a", "b", "c", "« Oui », a dit M. Wang."]
    assert select_lines(lines)[2]


def test_fast_mode_finds_the_seed_quotes_of_normal_mode():
    items = list(read_paths(SEEDS))
    normal = batch.process_chunk(items, batch.Options())
    fast = batch.process_chunk(items, batch.Options(fast=True))
    normal_lines = {line for d in normal for line in d.lines}
    fast_lines = [line for d in fast for line in d.lines]
    same = sum(line in normal_lines for line in fast_lines)
    assert same >= 0.95 * len(normal_lines)
