"""Quotation clusters: the same statement across articles, and different statements kept apart.

Unit tests build quote records by hand; the end-to-end tests run articles of our own
(tests/data/clusters.jsonl: wire copy, trimmed, extended, typographic variants, direct and
indirect, Swiss, Belgian and Québec outlets, Chinese diplomacy's stock phrase) through the
real extractor and cluster what it finds.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from quoteattr import ArticleRef, Quote, Speaker, cluster
from quoteattr.cli import main
from quoteattr.corpus import clusters as cl
from quoteattr.corpus.shingles import content_words, fold, sketch

DATA = Path(__file__).parent / "data" / "clusters.jsonl"

_n = 0


def q(text, who=None, day="2024-03-04", outlet="AFP", kind="person", type_="direct", url=None):
    """A quote record of its own article (a new article id each time)."""
    global _n
    _n += 1
    art = ArticleRef(id=f"{outlet}-{_n}", path="corpus.jsonl", publisher=outlet, date=day, url=url)
    speaker = Speaker(name=who, kind=kind) if who else None
    return Quote(
        text=text, type=type_, start=10, end=10 + len(text), date=day, speaker=speaker, article=art
    )


def groups(quotes, **rules) -> list[list[str]]:
    """The clusters of ``quotes`` as sorted lists of their article ids."""
    found = cluster(quotes, cl.Rules(**rules) if rules else None)
    return sorted(sorted(o.article.id for o in c.occurrences) for c in found)


def together(a, b, **rules) -> bool:
    return len(groups([a, b], **rules)) == 1


LONG = (
    "Nous ne céderons pas sur l'âge de départ, parce que l'équilibre du système en dépend et "
    "que les Français le savent"
)
STOCK = "la Chine est prête à travailler avec toutes les parties"


# --- normalisation ------------------------------------------------------------------------


def test_typography_case_accents_and_digit_groups_fold_away():
    """« L’État versera 1 000 euros » and "l'etat versera 1000 EUROS" read the same."""
    assert content_words("« L’État versera 1\u202f000 euros »") == content_words(
        '"l\'etat versera 1000 EUROS"'
    )
    assert fold("Œuvre") == "oeuvre"


def test_direct_and_indirect_forms_read_the_same():
    """« Nous sommes prêts à négocier » / qu'ils étaient prêts à négocier."""
    assert content_words("Nous sommes prêts à négocier") == content_words(
        "qu'ils étaient prêts à négocier"
    )
    assert content_words("notre pays ne reculera pas") == content_words(
        "leur pays ne reculerait pas"
    )


def test_sketches_are_the_same_in_any_batch():
    """Keys depend on the text only, not on its batch (Dask partitions, file batches)."""
    alone = sketch([LONG])
    mixed = sketch(["autre chose", LONG, ""])
    assert (alone.set_of(0) == mixed.set_of(1)).all()
    assert (alone.bands[0] == mixed.bands[1]).all()
    assert mixed.bands[2].tolist() == [0] * len(mixed.bands[2])  # no words, no keys


# --- the rules ----------------------------------------------------------------------------


def test_wire_copies_with_typographic_variants_are_one_statement():
    copies = [
        q(LONG, "Marie Dupont", outlet="AFP"),
        q(LONG.replace("'", "’").upper(), "Marie Dupont", outlet="20 Minutes"),
        q(LONG.replace("é", "e").replace("ç", "c"), "Marie Dupont", outlet="Le Temps"),
    ]
    [c] = cluster(copies)
    assert (c.size, c.outlets, c.speaker, c.disagreements) == (3, 3, "Marie Dupont", [])


def test_distinctive_copies_join_whoever_the_outlets_name_and_list_the_disagreement():
    a = q(LONG, "Marie Dupont", outlet="AFP")
    b = q(LONG, "Marie Dupont", outlet="Le Monde")
    c = q(LONG, "Jean Valjean", day="2024-04-20", outlet="Libération")
    [found] = cluster([a, b, c])
    assert found.speaker == "Marie Dupont"
    assert found.speakers == {"Marie Dupont": 2, "Jean Valjean": 1}
    assert found.disagreements == ["Jean Valjean"]


def test_a_name_and_its_part_agree():
    """« Wang » in one article, « Wang Yi » in another: not a disagreement."""
    a, b = q(LONG, "Wang Yi"), q(LONG, "Wang", outlet="Le Monde")
    [found] = cluster([a, b, q(LONG, "Wang Yi", outlet="RFI")])
    assert found.disagreements == []
    short = "la situation est très grave"
    assert together(q(short, "Wang Yi"), q(short + " et nous agirons", "Wang", outlet="RFI"))


def test_short_identical_quotations_need_the_same_speaker_and_days():
    """« Nous gagnerons » is said by many people on many days."""
    assert together(q("Nous gagnerons", "Paul Martin"), q("nous gagnerons !", "Paul Martin"))
    assert not together(q("Nous gagnerons", "Paul Martin"), q("Nous gagnerons", "Léa Roux"))
    assert not together(
        q("Nous gagnerons", "Paul Martin"), q("Nous gagnerons", "Paul Martin", day="2024-06-01")
    )
    assert not together(q("Nous gagnerons"), q("Nous gagnerons"))  # nobody named


def test_a_fragment_inside_a_longer_quotation_of_the_same_speaker():
    """« la situation est très grave » inside a longer quotation of the same speaker."""
    short = q("La situation est très grave", "Marie Dupont")
    longer = q(
        "la situation est très grave et il faut agir maintenant, avant que le déficit ne se creuse",
        "Marie Dupont",
        day="2024-03-05",
        outlet="Ouest-France",
    )
    assert together(short, longer)
    other = q(longer.text, "Paul Martin", day="2024-03-05", outlet="Ouest-France")
    assert not together(short, other)  # another speaker's words
    weeks_later = q(longer.text, "Marie Dupont", day="2024-04-20", outlet="Ouest-France")
    assert not together(short, weeks_later)  # a short phrase repeated in another statement


def test_a_long_fragment_joins_when_speakers_or_dates_agree():
    trimmed = LONG.split(", parce")[0] + ", parce que l'équilibre du système en dépend"
    full = LONG + " depuis des années et nous le répéterons autant qu'il le faudra"
    assert len(content_words(trimmed)) >= cl.Rules().distinctive_words
    same_speaker_later = (q(trimmed, "Marie Dupont"), q(full, "Marie Dupont", day="2024-05-01"))
    assert together(*same_speaker_later)
    other_name_same_day = (q(trimmed, "Marie Dupont"), q(full, "La ministre du Travail"))
    assert together(*other_name_same_day)
    assert not together(q(trimmed, "Marie Dupont"), q(full, "Léa Roux", day="2024-05-01"))


def test_direct_in_one_article_indirect_in_another():
    """« Nous ne céderons pas sur l'âge de départ » / qu'elle ne céderait pas sur l'âge…"""
    direct = q("Nous ne céderons pas sur l'âge de départ", "Marie Dupont")
    indirect = q(
        "elle ne céderait pas sur l'âge de départ",
        "Marie Dupont",
        day="2024-03-05",
        outlet="Ouest-France",
        type_="indirect",
    )
    [c] = cluster([direct, indirect])
    assert c.types == {"direct": 1, "indirect": 1}


def test_a_stock_phrase_does_not_make_two_statements_one():
    sea = q(f"{STOCK} pour maintenir la paix en mer de Chine méridionale", "Wang Wenbin")
    climate = q(
        f"{STOCK} pour lutter contre le changement climatique", "Mao Ning", day="2024-09-02"
    )
    ukraine = q(
        f"{STOCK} pour favoriser une solution politique à la crise", "Mao Ning", day="2024-11-15"
    )
    assert groups([sea, climate, ukraine]) == [
        [sea.article.id],
        [climate.article.id],
        [ukraine.article.id],
    ]
    # The same speaker on the same days: two cuts of one statement.
    again = q(f"{STOCK} et d'abord avec les pays en développement", "Mao Ning", day="2024-09-03")
    assert together(climate, again)


def test_the_stock_phrase_alone_joins_only_its_own_statement():
    """Quoted alone, the phrase is a fragment: of the same speaker's statement of those days."""
    alone = q(STOCK, "Mao Ning", day="2024-09-02", outlet="Le Soir")
    climate = q(
        f"{STOCK} pour lutter contre le changement climatique", "Mao Ning", day="2024-09-02"
    )
    ukraine = q(
        f"{STOCK} pour favoriser une solution politique à la crise", "Mao Ning", day="2024-11-15"
    )
    sea = q(f"{STOCK} pour maintenir la paix en mer de Chine", "Wang Wenbin", day="2024-09-02")
    assert groups([alone, climate, ukraine, sea]) == sorted(
        sorted(g)
        for g in [
            [alone.article.id, climate.article.id],
            [ukraine.article.id],
            [sea.article.id],
        ]
    )


def test_unnamed_speakers_agree_with_nobody():
    a = q("la situation est très grave", "un diplomate", kind="unnamed")
    b = q("la situation est très grave", "un diplomate", kind="unnamed", outlet="RFI")
    assert not together(a, b)


def test_thresholds_are_the_rules_fields():
    a = q("Nous ne céderons pas sur l'âge de départ", "Marie Dupont")
    b = q("Nous ne céderons pas sur l'âge légal de départ à la retraite", "Marie Dupont")
    assert not together(a, b, contained=1.0, same_words=0.9, overlap=50)
    assert together(a, b, contained=0.5)
    with pytest.raises(ValueError, match="contained"):
        cl.Rules(contained=1.5)
    with pytest.raises(ValueError, match="neighbours"):
        cl.Rules(neighbours=0)


# --- the clusters -------------------------------------------------------------------------


def test_every_quotation_is_in_exactly_one_cluster():
    rng = random.Random(7)
    quotes = [q(LONG, "Marie Dupont", outlet=f"O{k}") for k in range(5)]
    quotes += [q(f"{STOCK} numéro {k} {rng.random()}", f"P{k}") for k in range(20)]
    quotes += [q(""), q("Oui"), q("Oui")]
    found = cluster(quotes)
    seen = [o.article.id for c in found for o in c.occurrences]
    assert sorted(seen) == sorted(x.article.id for x in quotes)
    assert len({c.id for c in found}) == len(found)
    assert sum(c.size for c in found) == len(quotes)


def test_ids_and_clusters_do_not_depend_on_input_order():
    quotes = [q(LONG, "Marie Dupont", outlet=f"O{k}", day=f"2024-03-0{k + 1}") for k in range(5)]
    quotes += [q("La situation est très grave", "Marie Dupont"), q("Nous gagnerons", "Léa Roux")]
    first = [c.to_dict() for c in cluster(quotes)]
    shuffled = quotes[:]
    random.Random(1).shuffle(shuffled)
    assert [c.to_dict() for c in cluster(shuffled)] == first


def test_a_cluster_names_its_earliest_date_article_fullest_text_and_outlets():
    late = q(LONG + " et nous tiendrons", "Marie Dupont", day="2024-03-06", outlet="Le Monde")
    early = q(LONG, "Marie Dupont", day="2024-03-04", outlet="AFP")
    web = q(LONG, "Marie Dupont", day="2024-03-05", outlet="", url="https://www.lesoir.be/a")
    site = q(LONG, "Marie Dupont", day="2024-03-05", outlet="", url="https://lesoir.be/b")
    nowhere = q(LONG, "Marie Dupont", day=None, outlet="")
    [c] = cluster([late, early, web, site, nowhere])
    assert (c.date, c.first.id) == ("2024-03-04", early.article.id)
    assert c.id == cl._cluster_id(cl._occurrence_key(early.to_dict()))
    assert c.text == late.text
    assert c.outlets == 3  # AFP, Le Monde, lesoir.be
    assert [o.date for o in c.occurrences][0] == "2024-03-04"
    assert c.occurrences[-1].date is None  # undated last
    assert [o.text for o in c.occurrences if o.article.id == late.article.id] == [None]


def test_the_same_day_goes_to_the_article_published_first():
    wire = q(LONG, "Marie Dupont", day="2024-03-04", outlet="AFP")
    weekly = q(LONG, "Marie Dupont", day="2024-03-04", outlet="L'Express")
    weekly.article.date = "2024-03-08"
    for order in ([wire, weekly], [weekly, wire]):
        [c] = cluster(order)
        assert c.first.id == wire.article.id


def test_a_wire_copy_in_a_thousand_outlets_is_one_cluster():
    """Each copy is checked against a few bucket neighbours only, and all still join."""
    copies = [q(LONG, "Marie Dupont", outlet=f"site{k}") for k in range(1000)]
    [c] = cluster(copies)
    assert c.outlets == 1000


def test_clusters_read_back_from_json():
    [c] = cluster([q(LONG, "Marie Dupont"), q(LONG, "Marie Dupont", outlet="RFI")])
    assert cl.Cluster.from_dict(json.loads(json.dumps(c.to_dict()))) == c


def test_quotes_must_have_a_text():
    with pytest.raises(ValueError, match="quotation 1: no quotation text"):
        cluster([q("Oui"), {"type": "direct"}])


# --- files and the command line -----------------------------------------------------------


def _write(path: Path, quotes) -> Path:
    path.write_text("".join(x.to_json(ensure_ascii=False) + "\n" for x in quotes), "utf-8")
    return path


def _corpus():
    return [
        q(LONG, "Marie Dupont", outlet="AFP"),
        q(LONG.replace("'", "’"), "Marie Dupont", outlet="Le Monde"),
        q("La situation est très grave", "Marie Dupont"),
        q("la situation est très grave et nous agirons", "Marie Dupont", outlet="RFI"),
        q("Nous gagnerons", "Léa Roux"),
    ]


def test_file_clusters_equal_the_in_memory_ones(tmp_path):
    quotes = _corpus()
    src = _write(tmp_path / "quotes.jsonl", quotes)
    out = tmp_path / "clusters.jsonl"
    summary = cl.cluster_file(src, out)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert lines == [c.to_dict() for c in cluster(quotes)]
    assert (summary.quotes, summary.clusters) == (5, 3)


def test_clusters_spread_over_part_files_come_out_the_same(tmp_path, monkeypatch):
    quotes = _corpus() * 3
    src = _write(tmp_path / "quotes.jsonl", quotes)
    cl.cluster_file(src, tmp_path / "one.jsonl")
    monkeypatch.setattr(cl, "PART_QUOTES", 2)
    monkeypatch.setattr(cl, "BATCH", 4)
    cl.cluster_file(src, tmp_path / "parts.jsonl")
    assert (tmp_path / "parts.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_bad_lines_are_reported_and_left_out(tmp_path, capsys):
    src = tmp_path / "quotes.jsonl"
    good = [x.to_json(ensure_ascii=False) for x in _corpus()[:2]]
    src.write_text(
        "\n".join([good[0], "{pas du json", '{"type": "direct"}', "", "[1, 2]", good[1]]) + "\n",
        "utf-8",
    )
    out = tmp_path / "clusters.jsonl"
    assert main(["cluster", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "quotes.jsonl:2: skipped, not JSON" in err
    assert "quotes.jsonl:3: skipped, no quotation text" in err
    assert "quotes.jsonl:5: skipped, not a JSON object" in err
    assert "2 quotations in 1 clusters, 3 lines skipped" in err
    [c] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert c["size"] == 2


def test_cli_refuses_to_write_over_its_input_and_names_a_missing_one(tmp_path, capsys):
    src = _write(tmp_path / "quotes.jsonl", _corpus())
    before = src.read_bytes()
    assert main(["cluster", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == before
    assert main(["cluster", str(tmp_path / "none.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "is the input" in err and "none.jsonl: no such file" in err
    assert "Traceback" not in err
    assert main(["cluster", str(src), "--contained", "2"]) == 2
    assert "contained must be in (0, 1]" in capsys.readouterr().err


def test_a_failed_run_leaves_the_old_output_whole(tmp_path, monkeypatch):
    src = _write(tmp_path / "quotes.jsonl", _corpus())
    out = tmp_path / "clusters.jsonl"
    out.write_text("ancien\n", "utf-8")

    def broken(occurrences):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cl, "cluster_dict", broken)
    assert main(["cluster", str(src), "-o", str(out)]) == 2
    assert out.read_text("utf-8") == "ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clusters.jsonl", "quotes.jsonl"]


def test_cli_reads_stdin_and_compressed_files(tmp_path, monkeypatch, capsys):
    import gzip
    import io
    import sys

    quotes = _corpus()
    data = "".join(x.to_json(ensure_ascii=False) + "\n" for x in quotes).encode("utf-8")
    gz = tmp_path / "quotes.jsonl.gz"
    gz.write_bytes(gzip.compress(data))
    assert main(["cluster", str(gz), "-o", str(tmp_path / "a.jsonl")]) == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["cluster", "-", "-o", str(tmp_path / "b.jsonl")]) == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert len((tmp_path / "a.jsonl").read_text("utf-8").splitlines()) == 3


def test_label_file_adds_the_cluster_ids_of_cluster_file(tmp_path):
    src = _write(tmp_path / "quotes.jsonl", _corpus())
    clusters_out = tmp_path / "clusters.jsonl"
    cl.cluster_file(src, clusters_out)
    cl.label_file(src)
    labelled = [json.loads(line) for line in src.read_text("utf-8").splitlines()]
    by_id = {c["id"]: c for c in map(json.loads, clusters_out.read_text("utf-8").splitlines())}
    for rec in labelled:
        starts = [(o["article"]["id"], o["start"]) for o in by_id[rec["cluster"]]["occurrences"]]
        assert (rec["article"]["id"], rec["start"]) in starts
    assert Quote.from_dict(labelled[0]).cluster == labelled[0]["cluster"]


# --- the real extractor on articles of our own ---------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("clusters") / "quotes.jsonl"
    assert main(["extract", str(DATA), "-o", str(out), "--cluster", "--workers", "1"]) == 0
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def _ids(extracted, article, words) -> set[str]:
    """The cluster ids of ``article``'s quotations whose text contains ``words``."""
    found = {
        r["cluster"]
        for r in extracted
        if r["article"]["id"] == article and words in fold(r["text"])
    }
    assert found, f"no quotation of {article} with {words!r}: {[r['text'] for r in extracted]}"
    return found


def test_extract_cluster_gives_every_quote_an_id(extracted):
    assert extracted and all(isinstance(r.get("cluster"), str) for r in extracted)


def test_one_statement_in_wire_trimmed_typographic_and_indirect_forms(extracted):
    wire = _ids(extracted, "afp-1", "ne cederons pas")
    assert _ids(extracted, "20min-1", "ne cederons pas") == wire  # typographic variants
    assert _ids(extracted, "lemonde-1", "ne cederons pas") == wire  # trimmed
    assert _ids(extracted, "letemps-1", "ne cederons pas") == wire  # straight quotes
    assert _ids(extracted, "ouest-1", "ne cederait pas") == wire  # indirect
    assert _ids(extracted, "leparisien-1", "cederons rien").isdisjoint(wire)  # another statement


def test_a_short_quotation_and_its_extended_form(extracted):
    assert _ids(extracted, "afp-1", "tres grave") == _ids(extracted, "ouest-1", "tres grave")


def test_the_stock_phrase_keeps_three_statements_apart(extracted):
    sea = _ids(extracted, "xinhua-1", "la chine est prete")
    climate = _ids(extracted, "lesoir-1", "la chine est prete")
    ukraine = _ids(extracted, "lesoir-2", "la chine est prete")
    assert _ids(extracted, "lapresse-1", "la chine est prete") == climate  # trimmed, same days
    assert len(sea | climate | ukraine) == 3


def test_cluster_command_on_the_extraction(extracted, tmp_path):
    src = tmp_path / "quotes.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in extracted), "utf-8")
    out = tmp_path / "clusters.jsonl"
    assert main(["cluster", str(src), "-o", str(out)]) == 0
    found = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sum(c["size"] for c in found) == len(extracted)
    assert {c["id"] for c in found} == {r["cluster"] for r in extracted}
    [retraites] = [c for c in found if c["size"] == 5]
    assert retraites["outlets"] == 5
    assert retraites["speaker"] == "Marie Dupont"
    assert retraites["date"] == "2024-03-04"
    assert retraites["types"] == {"direct": 4, "indirect": 1}
    assert "les Français le savent" in retraites["text"]


def test_label_file_keeps_the_file_mode_and_odd_lines(tmp_path):
    src = _write(tmp_path / "quotes.jsonl", _corpus()[:2])
    with src.open("ab") as f:
        f.write(b"\xff pas de l'UTF-8\n")
    src.chmod(0o640)
    cl.label_file(src)
    assert src.stat().st_mode & 0o777 == 0o640
    lines = src.read_bytes().splitlines()
    assert lines[-1] == b"\xff pas de l'UTF-8"
    assert [json.loads(line)["cluster"] for line in lines[:2]] == [
        json.loads(lines[0])["cluster"]
    ] * 2
