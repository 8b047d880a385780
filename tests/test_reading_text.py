"""Plain-text articles: metadata of the seed and dev files, chrome kept out of the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr.model import Article
from quoteattr.reading import read_paths, read_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WIKINEWS = FIXTURES / "dev-wikinews"
FIELDS = ("title", "date", "url", "publisher")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _read_dir(folder: Path) -> dict[tuple[str, int], Article]:
    arts = [a for a in read_paths([str(folder / "*.txt")]) if isinstance(a, Article)]
    return {(Path(a.path).name, a.index): a for a in arts}


@pytest.fixture(scope="module")
def seed() -> dict[tuple[str, int], Article]:
    return _read_dir(FIXTURES)


@pytest.mark.parametrize("row", _jsonl(FIXTURES / "articles.jsonl"), ids=lambda r: r["title"][:30])
def test_seed_articles_metadata_match_the_annotation(seed: dict, row: dict) -> None:
    art = seed[(row["file"], row["article"])]
    assert {f: getattr(art, f) for f in FIELDS} == {f: row[f] for f in FIELDS}


def test_seed_files_hold_exactly_three_articles(seed: dict) -> None:
    keys = sorted(k for k in seed if k[0].endswith(".txt"))
    assert keys == [
        ("000_eccd1aaad595508f.txt", 0),
        ("002_7c931416c020a026.txt", 0),
        ("002_7c931416c020a026.txt", 1),
    ]


def test_seed_bodies_hold_no_page_chrome(seed: dict) -> None:
    xinhua = seed[("000_eccd1aaad595508f.txt", 0)]
    for chrome in (
        "Dernière mise à jour",
        "Page d'accueil",
        ">>",
        "Votre pseudo",
        "•",
        "Rédacteurs",
        "Xinhua |",
        xinhua.title,
    ):
        assert chrome not in xinhua.text
    assert xinhua.text.startswith("La Chine et la Russie travailleront étroitement")
    assert xinhua.text.endswith("le mécanisme des BRICS.")
    for art in (seed[("002_7c931416c020a026.txt", 0)], seed[("002_7c931416c020a026.txt", 1)]):
        assert "source/" not in art.text and "https://" not in art.text
        assert "2020/07/" not in art.text
    # "le 19/12/2019" alone on its line is a page stamp inside the body, not a new article.
    second = seed[("002_7c931416c020a026.txt", 1)]
    assert "19/12/2019" not in second.text
    assert "vendredi, au cours de laquelle" in second.text and "Selon M. Wang" in second.text


def test_credits_line_gives_the_authors(seed: dict) -> None:
    assert seed[("000_eccd1aaad595508f.txt", 0)].authors == ["Ying Xie", "Yishuang Liu"]
    assert seed[("002_7c931416c020a026.txt", 0)].authors == []


def test_seed_gold_quotes_are_all_in_the_bodies(seed: dict) -> None:
    """Chrome removal never eats reported speech: every gold quotation survives."""
    for gold in _jsonl(FIXTURES / "gold.jsonl"):
        text = seed[(gold["file"], gold["article"])].text
        pieces = gold["text"].split(" ") if gold.get("discontinuous") else [gold["text"]]
        assert all(p in text for p in pieces), gold["text"][:60]


@pytest.fixture(scope="module")
def wikinews() -> dict[tuple[str, int], Article]:
    return _read_dir(WIKINEWS)


@pytest.mark.parametrize("row", _jsonl(WIKINEWS / "articles.jsonl"), ids=lambda r: r["file"])
def test_wikinews_metadata_match_the_annotation(wikinews: dict, row: dict) -> None:
    art = wikinews[(row["file"], row["article"])]
    assert {f: getattr(art, f) for f in FIELDS} == {f: row[f] for f in FIELDS}


def test_wikinews_files_are_one_article_each_with_the_body_after_the_title(wikinews: dict) -> None:
    assert len(wikinews) == 21
    for (name, index), art in wikinews.items():
        raw = (WIKINEWS / name).read_text(encoding="utf-8")
        assert index == 0
        assert art.id == f"{art.path}#0"
        assert art.text == raw.split("\n\n", 1)[1].strip()


def test_wikinews_gold_quotes_are_all_in_the_bodies(wikinews: dict) -> None:
    for gold in _jsonl(WIKINEWS / "gold.jsonl"):
        if not gold.get("discontinuous"):
            assert gold["text"] in wikinews[(gold["file"], gold["article"])].text


def test_dateline_gives_the_date_after_a_subtitle_and_with_a_place() -> None:
    [a] = read_text("Titre\n\nUn chapeau sans date\n\n22 août 2012, Espagne. - Le parti a dit non.")
    assert a.date == "2012-08-22"
    [b] = read_text("Titre\n\nPARIS, 6 mai 2024 (AFP) – Le ministre a parlé.")
    assert b.date == "2024-05-06"
    [c] = read_text("Titre\n\nLe 6 mai 2024, il a parlé.")
    assert c.date is None  # a date inside a sentence is no dateline


def test_bare_text_is_one_article_without_title() -> None:
    text = "« Nous gagnerons », a déclaré Marie Dupont."
    [a] = read_text(text, "t.txt")
    assert (a.text, a.title, a.date, a.id, a.index, a.path) == (
        text,
        None,
        None,
        "t.txt#0",
        0,
        "t.txt",
    )


def test_first_paragraph_of_prose_is_not_taken_for_a_title() -> None:
    text = "Le ministre est arrivé mardi.\n\n« Nous gagnerons », a-t-il déclaré."
    [a] = read_text(text)
    assert a.title is None and a.text == text


def test_separator_lines_part_articles() -> None:
    arts = read_text("Premier titre\n\nCorps un.\n\n-----\n\nSecond titre\n\nCorps deux.\n")
    assert [(a.index, a.title, a.text) for a in arts] == [
        (0, "Premier titre", "Corps un."),
        (1, "Second titre", "Corps deux."),
    ]


def test_publisher_line_either_way_round_and_source_line() -> None:
    [a] = read_text("Titre\n\n06/05/2024 14:05 | Le Monde\n\nCorps.")
    assert (a.publisher, a.date, a.text) == ("Le Monde", "2024-05-06", "Corps.")
    [b] = read_text("Titre\nSource : AFP\n\nCorps.")
    assert (b.title, b.publisher, b.text) == ("Titre", "AFP", "Corps.")


def test_par_line_gives_authors_but_prose_starting_with_par_stays() -> None:
    [a] = read_text("Titre\n\nPar Marie Dupont et Jean de La Tour\n\nPar ailleurs, il pleut.")
    assert a.authors == ["Marie Dupont", "Jean de La Tour"]
    assert a.text == "Par ailleurs, il pleut."


def test_removed_lines_leave_no_double_gap_and_offsets_stay_plain() -> None:
    [a] = read_text("Titre\n\nUn.\n\nPartager sur Facebook\n\nDeux.\n\n• Votre pseudo\n•\n")
    assert a.text == "Un.\n\nDeux."


def test_long_paragraph_is_never_chrome() -> None:
    long = "Lire aussi " + "la déclaration du ministre, " * 10 + "a-t-il ajouté."
    [a] = read_text(f"Titre\n\n{long}")
    assert a.text == long
