"""Hostile inputs at the reader: each corpus file gives articles or an error naming it, no raise.

The corpus is written by ``tests/hostile/make_corpus.py`` (small profile: the big files are
shrunk here; ``test_hostile_cli.py`` and the full profile run them at 5 MB and 50 MB).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from quoteattr.model import Article, ErrorRecord
from quoteattr.reading import decode, read_paths
from quoteattr.reading.sources import expand

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from faults import unreadable_folder  # noqa: E402
from make_corpus import BODY, make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make_corpus(folder, small=True)


def _items(path: Path) -> list[Article | ErrorRecord]:
    return list(read_paths([str(path)]))


def test_every_corpus_file_gives_what_it_must(corpus) -> None:
    folder, expected = corpus
    for name, expect in expected.items():
        items = _items(folder / name)
        errors = [i for i in items if isinstance(i, ErrorRecord)]
        articles = [i for i in items if isinstance(i, Article)]
        assert items, name
        assert all(i.path == str(folder / name) for i in items), name
        assert sorted(e.line for e in errors if e.line is not None) == expect.error_lines, name
        if expect.status == "ok":
            assert articles and all(a.text.strip() for a in articles), name
            assert len(errors) == len(expect.error_lines), name
        else:
            assert not articles and errors, name
            assert all(e.error for e in errors), name
        if expect.articles is not None:
            assert len(articles) == expect.articles, name


@pytest.mark.parametrize(
    "name",
    [
        "enc_utf8.txt",
        "enc_utf8_bom.txt",
        "enc_utf16.txt",
        "enc_utf16le_nobom.txt",
        "enc_latin1.txt",
        "enc_mojibake.txt",
        "lines_crlf.txt",
        "lines_cr.txt",
        "gzip_noext.txt",
    ],
)
def test_encodings_line_ends_and_hidden_gzip_read_as_the_utf8_text(corpus, name: str) -> None:
    folder, _ = corpus
    [clean] = _items(folder / "enc_utf8.txt")
    [article] = _items(folder / name)
    assert (article.title, article.text, article.date) == (clean.title, clean.text, clean.date)
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_cp1252_punctuation_is_kept(corpus) -> None:
    folder, _ = corpus
    [article] = _items(folder / "enc_cp1252.txt")
    assert "L’État a dit « oui »… 5 €." in article.text


def test_nul_and_control_characters_are_removed_and_the_words_rejoined(corpus) -> None:
    folder, _ = corpus
    [article] = _items(folder / "ctrl_nul.txt")
    [clean] = _items(folder / "enc_utf8.txt")
    assert (article.title, article.text) == (clean.title, clean.text)


def test_nbsp_and_narrow_nbsp_around_guillemets_are_kept(corpus) -> None:
    folder, _ = corpus
    [article] = _items(folder / "spaces_nbsp.txt")
    assert "«\u00a0Nous gagnerons\u202f»" in article.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bin_pdf.txt", "looks like a PDF document"),
        ("bin_png.html", "looks like a PNG image"),
        ("bin_gzip_png.txt", "looks like a PNG image"),
        ("bin_gzip_truncated.txt", "corrupt or truncated compressed data"),
        ("bin_random.txt", "looks like binary data"),
        ("size_empty.txt", "the file is empty"),
        ("size_whitespace.txt", "no article text found"),
        ("json_broken.json", "malformed JSON: Unterminated string"),
        ("json_deep.json", "unreadable JSON: nested too deeply"),
    ],
)
def test_unreadable_files_are_one_error_saying_why(corpus, name: str, reason: str) -> None:
    folder, _ = corpus
    [err] = _items(folder / name)
    assert isinstance(err, ErrorRecord) and err.path == str(folder / name)
    assert reason in err.error


def test_a_jsonl_line_that_breaks_the_decoder_loses_only_itself(tmp_path: Path) -> None:
    """Over-deep nesting and over-long numbers raise outside JSONDecodeError; the rest goes on."""
    lines = [
        '{"text": "a"}',
        "[" * 50_000 + "]" * 50_000,
        '{"text": 1' + "0" * 5000 + "}",
        '{"text": "Unterminated',
        '{"text": "b"}',
    ]
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = _items(tmp_path / "x.jsonl")
    assert [getattr(i, "text", None) for i in items] == ["a", None, None, None, "b"]
    assert [getattr(i, "line", None) for i in items[1:4]] == [2, 3, 4]
    assert "nested too deeply" in items[1].error and "digits" in items[2].error
    # The decoder's "starting at" message is not doubled into "at at".
    assert items[3].error == "line 4: malformed JSON (Unterminated string starting at column 10)"


def test_side_files_are_skipped_in_folders_and_patterns_but_read_when_named(tmp_path) -> None:
    """gold.jsonl, articles.jsonl and run manifests hold no articles: a folder scan skips them."""
    gold = json.dumps({"quote": "x", "speaker": "y"})
    for name in ("gold.jsonl", "articles.jsonl", "run.articles.jsonl"):
        (tmp_path / name).write_text(gold + "\n", encoding="utf-8")
    (tmp_path / "news.jsonl").write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    news = str(tmp_path / "news.jsonl")
    assert [p for p, _ in expand([str(tmp_path)])] == [news]
    assert [p for p, _ in expand([str(tmp_path / "*.jsonl")])] == [news]
    [article] = _items(tmp_path)
    assert article.path == news
    [err] = _items(tmp_path / "gold.jsonl")  # named explicitly: read, and reported
    assert isinstance(err, ErrorRecord) and "no article text" in err.error


def test_unreadable_and_vanishing_paths_are_errors_naming_them(tmp_path, monkeypatch) -> None:
    """As root every file is readable, so the refusal and the vanishing are simulated."""
    unreadable_folder(tmp_path, monkeypatch)
    items = _items(tmp_path)
    got = [(Path(i.path).name, getattr(i, "error", "article")) for i in items]
    assert got == [
        ("a.txt", "article"),
        ("b.txt", "cannot open: no such file or directory"),
        ("dangling.txt", "broken symbolic link: its target does not exist"),
        ("locked", "cannot list the directory: permission denied"),
        ("secret.txt", "cannot open: permission denied"),
    ]


def test_an_empty_or_blank_jsonl_file_is_an_error_not_silence(tmp_path: Path) -> None:
    """A JSONL file without a single line must still show up in the manifest."""
    for name, data in (("empty.jsonl", ""), ("blank.jsonl", "\n \n\t\n")):
        (tmp_path / name).write_text(data, encoding="utf-8")
        [err] = _items(tmp_path / name)
        assert isinstance(err, ErrorRecord) and err.error == "the file is empty"


def test_a_binary_line_in_jsonl_loses_only_itself(tmp_path: Path) -> None:
    good = json.dumps({"text": BODY}).encode() + b"\n"
    # Few enough control bytes for the file to pass as text; the line alone is binary.
    bad = bytes(range(1, 9)) * 8 + b"\xff\n"
    (tmp_path / "x.jsonl").write_bytes(good * 40 + bad + good)
    items = _items(tmp_path / "x.jsonl")
    assert [type(i) for i in items] == [Article] * 40 + [ErrorRecord, Article]
    assert items[40].line == 41 and items[40].error.startswith("line 41: malformed JSON")


@pytest.mark.parametrize("text", ["\x00 ", "\x00 a", "\x00« Oui », a dit Paul."])
def test_utf16_text_opening_with_nul_is_not_taken_for_utf32(text: str) -> None:
    """FF FE 00 00 is the UTF-32 mark, and also UTF-16 text whose first character is NUL."""
    assert decode(text.encode("utf-16")) == decode(text.encode("utf-8")) == text[1:]


def test_a_few_nuls_in_utf8_text_are_not_taken_for_utf16() -> None:
    """NULs at every other byte of a short stretch: noise to clean, not UTF-16 (found by
    the property run)."""
    from quoteattr.reading.decode import BinaryInputError

    # A third of the odd bytes NUL: too many controls for text, far too few for UTF-16.
    with pytest.raises(BinaryInputError):
        decode(b"Marie Dupont \x00 \x00 \x00 ")
    fr = "L’État a dit « oui »… — c’est l’été, a-t-il déclaré à l’AFP. " * 3
    assert decode(fr.encode("utf-16-le")) == decode(fr.encode("utf-16-be")) == fr


def test_cleaning_twice_changes_nothing_when_a_dropped_c1_byte_joins_mojibake() -> None:
    """\\x81 (undefined in cp1252) between mojibake halves: found by the property run."""
    text = decode(b"\xc2\x81\xc3\x82\xc2\x80 ")
    assert text == "€ " and decode(text.encode()) == text
