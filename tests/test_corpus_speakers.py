"""Speakers across a corpus: one row per source, merged only when the text says so, with a
stable id; gender with its evidence, the text beating the first name.

``tests/corpus/articles.jsonl`` is a corpus written for these tests: eleven short news
articles from Swiss, Québec, Belgian, regional, wire, court and sport outlets, where Wang Yi is
« Wang Yi » and « M. Wang », three different Duponts are quoted (a mayor, a judge, a rugby
player) and bare « Dupont »s turn up, and the WHO is named in full and by its acronym.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from quoteattr.attribute.firstnames import firstname_gender
from quoteattr.attribute.identity import speaker_id
from quoteattr.corpus.speakers import build, cli_main
from quoteattr.model import Article, ArticleRef, Quote, Speaker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="module")
def extracted() -> list[tuple[Article, list[Quote], list[dict]]]:
    from quoteattr.pipeline import Extractor

    articles = [Article(**json.loads(line)) for line in CORPUS.read_text("utf-8").splitlines()]
    return list(Extractor().pipe_people(articles))


@pytest.fixture(scope="module")
def quotes(extracted) -> list[Quote]:
    return [q for _, qs, _ in extracted for q in qs]


@pytest.fixture(scope="module")
def directory(quotes):
    return build(quotes)


def _entry(directory, name):
    found = [e for e in directory if e.name == name]
    assert len(found) == 1, f"{name}: {[e.name for e in directory]}"
    return found[0]


def _entry_of(directory, quotes, article, mention):
    q = next(q for q in quotes if q.article.id == article and q.speaker.mention == mention)
    return directory.find(q)


# --- merging ---------------------------------------------------------------------------------


def test_one_person_under_three_forms_is_one_row(directory, quotes):
    """« Wang Yi, ministre des Affaires étrangères » (Le Temps), « M. Wang, ministre chinois des
    Affaires étrangères » (Le Devoir), « Wang Yi, membre du Bureau politique » (AFP)."""
    wang = _entry(directory, "Wang Yi")
    assert wang.n_articles == 3 and wang.n_outlets == 3
    assert {"M. Wang", "Wang Yi"} <= set(wang.aliases)
    assert _entry_of(directory, quotes, "t02", "M. Wang") is wang
    assert any("t02" in r and "role" in r for r in wang.merged)
    assert wang.gender == "m" and wang.gender_source == "title"  # « M. Wang » in Le Devoir


def test_people_sharing_a_surname_stay_apart(directory):
    """The mayor of Lyon, the judge in Rennes and the scrum-half are three people."""
    jean, marie, antoine = (
        _entry(directory, n) for n in ("Jean Dupont", "Marie Dupont", "Antoine Dupont")
    )
    assert len({jean.id, marie.id, antoine.id}) == 3
    assert (jean.gender, marie.gender, antoine.gender) == ("m", "f", "m")


def test_a_surname_alone_joins_the_person_whose_role_it_shares(directory, quotes):
    """« M. Dupont, maire de Lyon » (Lyon Capitale) is the mayor, not the judge."""
    entry = _entry_of(directory, quotes, "t06", "M. Dupont")
    assert entry.name == "Jean Dupont" and entry.n_articles == 2
    assert any("t06" in r and "maire de Lyon" in r for r in entry.merged)


def test_a_surname_alone_joins_the_person_quoted_alongside_the_same_people(directory, quotes):
    """« a confié Dupont » next to Fabien Galthié (Midi Olympique) is the player quoted next
    to Galthié in L'Équipe."""
    entry = _entry_of(directory, quotes, "t08", "Dupont")
    assert entry.name == "Antoine Dupont"
    assert any("t08" in r and "Fabien Galthié" in r for r in entry.merged)


def test_a_surname_nothing_decides_stays_apart_and_says_why(directory, quotes):
    """« Mme Dupont » (La Libre Belgique): a woman, no role, nobody quoted alongside — the
    judge is one candidate, not proof."""
    entry = _entry_of(directory, quotes, "t09", "Mme Dupont")
    assert entry.name == "Dupont" and entry.n_quotes == 1 and not entry.merged
    assert entry.gender == "f" and entry.gender_source == "title"
    assert any("Marie Dupont" in k for k in entry.kept_apart)
    assert any("t09" in k for k in _entry(directory, "Marie Dupont").kept_apart)


def test_an_acronym_joins_its_organisation(directory, quotes):
    who = _entry(directory, "Organisation mondiale de la santé")
    assert who.kind == "organisation" and who.n_articles == 2 and who.gender is None
    assert _entry_of(directory, quotes, "t11", "L'OMS") is who
    assert any("OMS" in r and "initials" in r for r in who.merged)


def test_ids_are_stable_across_articles_runs_and_input_order(directory, quotes):
    assert all(q.speaker.id == speaker_id(q.speaker.name, q.speaker.kind) for q in quotes)
    wang = _entry(directory, "Wang Yi")
    assert wang.id == speaker_id("Wang Yi", "person")
    assert all(q.speaker.id == wang.id for q in quotes if q.speaker.name == "Wang Yi")
    shuffled = list(quotes)
    random.Random(7).shuffle(shuffled)
    again = build(shuffled)
    assert [e.to_dict() for e in again] == [e.to_dict() for e in directory]


def test_unnamed_sources_are_not_in_the_directory(directory, quotes):
    """« Le chef de la diplomatie chinoise » names nobody in particular."""
    unnamed = [q for q in quotes if q.speaker.kind == "unnamed"]
    assert unnamed and all(q.speaker.id is None and directory.find(q) is None for q in unnamed)


# --- merging rules on handmade records -------------------------------------------------------


def _q(name, art, *, mention=None, role=None, gender=None, source=None, kind="person"):
    sp = Speaker(
        name=name,
        mention=mention or name,
        kind=kind,
        role=role,
        gender=gender,
        gender_source=source,
    )
    return Quote(
        text="…",
        type="direct",
        start=0,
        end=1,
        speaker=sp,
        article=ArticleRef(id=art, publisher="Le Soir", date="2024-02-01"),
    )


def _names(d):
    return sorted((e.name, e.n_quotes) for e in d)


def test_initials_join_the_one_full_name_they_abbreviate():
    d = build([_q("Jean-Pierre Raffarin", "a"), _q("J.-P. Raffarin", "b"), _q("Paul Roy", "c")])
    assert _names(d) == [("Jean-Pierre Raffarin", 2), ("Paul Roy", 1)]
    assert "initials" in d.entries[0].merged[0]


def test_two_first_names_are_two_people_whatever_else_they_share():
    d = build(
        [
            _q("Marine Le Pen", "a", role="présidente du groupe RN"),
            _q("Jean-Marie Le Pen", "b", role="président d'honneur du FN"),
        ]
    )
    assert _names(d) == [("Jean-Marie Le Pen", 1), ("Marine Le Pen", 1)]


def test_a_surname_the_text_genders_never_joins_someone_of_the_other_gender():
    """« Mme Le Pen » cannot be Jean-Marie Le Pen, even as the only Le Pen of the corpus."""
    d = build(
        [
            _q("Jean-Marie Le Pen", "a"),
            _q("Le Pen", "b", mention="Mme Le Pen", gender="f", source="title"),
        ]
    )
    assert _names(d) == [("Jean-Marie Le Pen", 1), ("Le Pen", 1)]
    assert "woman" in d.find(_q("Jean-Marie Le Pen", "a")).kept_apart[0]


def test_a_surname_with_another_role_stays_apart_from_the_only_namesake():
    """« M. Roy, boulanger » is not « Paul Roy, maire de Brest »."""
    d = build(
        [
            _q("Paul Roy", "a", role="maire de Brest"),
            _q("Roy", "b", mention="M. Roy", role="boulanger", gender="m", source="title"),
            _q("Roy", "c", mention="M. Roy", role="maire de Brest", gender="m", source="title"),
        ]
    )
    assert _names(d) == [("Paul Roy", 2), ("Roy", 1)]


def test_a_surname_with_nothing_against_it_joins_the_only_namesake():
    d = build([_q("Paul Roy", "a", role="maire de Brest"), _q("Roy", "b", mention="M. Roy")])
    assert _names(d) == [("Paul Roy", 2)]
    assert "only person of the corpus named Roy" in d.entries[0].merged[0]


def test_a_name_not_in_surname_position_needs_positive_evidence():
    """« Hassan » alone is not « Hassan Rouhani » just because the word is in the name."""
    d = build([_q("Hassan Rouhani", "a", role="président iranien"), _q("Hassan", "b")])
    assert _names(d) == [("Hassan", 1), ("Hassan Rouhani", 1)]


def test_an_acronym_an_article_used_joins_its_organisation():
    """« le PP » for « Parti populaire espagnol » in one article teaches the other."""
    d = build(
        [
            _q("Parti populaire espagnol", "a", mention="le PP", kind="organisation"),
            _q("PP", "b", mention="le PP", kind="organisation"),
            _q("Parti socialiste", "c", kind="organisation"),
        ]
    )
    assert _names(d) == [("Parti populaire espagnol", 2), ("Parti socialiste", 1)]
    assert "calls" in d.entries[0].merged[0]


def test_the_directory_counts_outlets_and_dates():
    q1, q2 = _q("Paul Roy", "a"), _q("Paul Roy", "b")
    q2.article.publisher, q2.date = "Le Devoir", "2024-03-09"
    q1.date = "2024-01-15"
    (e,) = build([q1, q2])
    assert (e.n_quotes, e.n_articles, e.n_outlets) == (2, 2, 2)
    assert (e.first_date, e.last_date) == ("2024-01-15", "2024-03-09")


# --- gender ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from quoteattr.nlp import load_nlp

    return load_nlp()


def _gender(nlp, text):
    doc = nlp(text)
    assert doc._.quotes, text
    sp = doc._.quotes[0].speaker
    return sp.gender, sp.gender_source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title
        ("« Nous ne céderons pas », a déclaré Mme Camille Roussel.", ("f", "title")),
        ("« Le dossier est clos », a affirmé M. Dominique Lebrun, samedi à Namur.", ("m", "title")),
        # agreement: a determiner before an epicene role noun
        (
            "La porte-parole Camille Martin a affirmé que le gouvernement « tiendrait parole ».",
            ("f", "agreement"),
        ),
        # agreement: a gendered role noun in apposition
        (
            "Dominique Lebrun, directrice de l'école, a estimé que la réforme était « bâclée ».",
            ("f", "agreement"),
        ),
        # agreement: a participle with « être »
        (
            "Camille Morel s'est dite satisfaite du verdict. « Justice est rendue », "
            "a-t-elle ajouté.",
            ("f", "agreement"),
        ),
        # pronoun
        (
            "Dominique Lebrun a pris la parole au conseil. « Nous sommes prêts », "
            "a-t-elle déclaré.",
            ("f", "pronoun"),
        ),
        # first name, when the text says nothing
        (
            "« Le match a été difficile », a reconnu Hugo Lambert après la rencontre.",
            ("m", "firstname"),
        ),
        ("« On a bien joué », a lancé Pascale Girard, jeudi à Sherbrooke.", ("f", "firstname")),
    ],
)
def test_each_kind_of_evidence(nlp, text, expected):
    assert _gender(nlp, text) == expected


@pytest.mark.parametrize("first", ["Camille", "Dominique", "Claude", "Sacha", "Andrea"])
def test_ambiguous_first_names_leave_gender_unknown(nlp, first):
    assert firstname_gender(f"{first} Lambert") is None
    text = f"« Le match a été difficile », a reconnu {first} Lambert après la rencontre."
    assert _gender(nlp, text) == (None, None)


def test_rare_or_foreign_first_names_are_unknown():
    assert firstname_gender("Wang Yi") is None and firstname_gender("Xi Jinping") is None


def test_the_text_overrides_the_first_name(nlp):
    """Maxime is a boy's name in 99 % of French births; « Mme » and « l'avocate » say more."""
    assert firstname_gender("Maxime Roussel") == "m"
    assert _gender(nlp, "« Nous ferons appel », a déclaré Mme Maxime Roussel.") == ("f", "title")
    doc = nlp(
        "« Le doute doit profiter au prévenu », a rappelé la présidente. L'avocate de la "
        "défense, Maxime Roussel, s'est dite soulagée."
    )
    people = {p["name"]: p for p in doc._.people}
    assert people["Maxime Roussel"]["gender"] == "f"
    assert people["Maxime Roussel"]["gender_source"] == "agreement"


def test_one_speaker_has_one_gender_throughout_the_article(nlp):
    """« affirme Hassan » says nothing, « a-t-il ajouté » does: both quotes get it."""
    doc = nlp(
        "Les manifestants refusent de quitter la place. « On ne partira pas », affirme "
        "Hassan, un étudiant. « Nous resterons ici jusqu'au bout », a-t-il ajouté."
    )
    got = {(q.speaker.name, q.speaker.gender, q.speaker.gender_source) for q in doc._.quotes}
    assert got == {("Hassan", "m", "pronoun")}


def test_a_description_of_no_person_has_no_gender(nlp):
    """« Le fisc » is masculine grammar, not a man; « le porte-parole » is a man."""
    assert _gender(nlp, "Le fisc a affirmé que les contrôles allaient « se multiplier ».") == (
        None,
        None,
    )
    text = "Le porte-parole du collectif a affirmé que la grève « continuerait »."
    assert _gender(nlp, text) == ("m", "agreement")


def test_organisations_and_groups_have_no_gender(nlp):
    assert _gender(nlp, "« Nous porterons plainte », a annoncé la société Vinci.") == (None, None)
    assert _gender(nlp, "« Nous ferons grève », ont prévenu les syndicats.") == (None, None)


def test_text_evidence_beats_first_names_across_the_corpus():
    d = build(
        [
            _q("Maxime Roussel", "a"),
            _q("Maxime Roussel", "b", mention="Mme Maxime Roussel", gender="f", source="title"),
        ]
    )
    assert (d.entries[0].gender, d.entries[0].gender_source) == ("f", "title")


# --- people mentioned -----------------------------------------------------------------------


def test_people_mentioned_are_counted_by_gender_quoted_or_not(extracted):
    from quoteattr.batch import people_counts

    by_id = {a.id: people for a, _, people in extracted}
    # Rennes: the judge (quoted) and the defence lawyer (not quoted), both women.
    assert people_counts(by_id["t05"]) == {"f": 2, "m": 0, "unknown": 0}
    # Organisations are no people.
    assert people_counts(by_id["t11"])["unknown"] == 1  # Camille Durand; the WHO is not counted


# --- command line ---------------------------------------------------------------------------


def test_cli_writes_jsonl_and_csv_and_relabels(tmp_path: Path, quotes, capsys):
    src = tmp_path / "q.jsonl"
    src.write_text(
        "".join(q.to_json(ensure_ascii=False) + "\n" for q in quotes) + "pas du JSON\n", "utf-8"
    )
    out, table, relabelled = tmp_path / "s.jsonl", tmp_path / "s.csv", tmp_path / "r.jsonl"
    args = [str(src), "-o", str(out), "-o", str(table), "--relabel", str(relabelled)]
    assert cli_main(args) == 0
    assert f"{src}:{len(quotes) + 1}" in capsys.readouterr().err
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert "Wang Yi" in {r["name"] for r in rows}
    assert table.read_text("utf-8").startswith("id,name,kind,aliases")
    moved = [json.loads(line) for line in relabelled.read_text("utf-8").splitlines()]
    wang = next(r["id"] for r in rows if r["name"] == "Wang Yi")
    assert all(
        m["speaker"]["id"] == wang
        for m in moved
        if m["article"]["id"] == "t02" and m["speaker"]["name"] == "Wang"
    )
    assert cli_main([*args, "--strict"]) == 1
    with pytest.raises(SystemExit):
        cli_main([str(src), "-o", str(src)])  # never overwrites its input
