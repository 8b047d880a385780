"""The review page: every quote, cue and speaker marked, text intact, nothing injected."""

from __future__ import annotations

import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium

from quoteattr.model import Article, ArticleRef, Cue, ErrorRecord, Part, Quote, Speaker
from quoteattr.render import cli_main, render

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
CORE = all(importlib.util.find_spec(m) for m in ("quoteattr.annotate", "quoteattr.reading"))

LYON = (
    "Lyon : le maire défend son plan vélo\n\n"
    "«\u00a0Nous ne reculerons pas\u00a0», a affirmé mardi Grégory Doucet, maire de Lyon, devant "
    "le conseil municipal. «\u00a0Le vélo, a-t-il ajouté, n’est pas une lubie\u202f: c’est une "
    "nécessité.\u00a0»\n\n"
    "Selon l’opposition, le plan coûtera plus de 80\u00a0millions d’euros. Pierre Oliver, chef "
    "de file de la droite, a estimé que la ville «\u00a0fonce dans le mur\u00a0» et qu’elle "
    "oubliait les commerçants.\n\n"
    "Un commerçant de la Croix-Rousse confie que ses ventes ont baissé depuis janvier."
)
WORKS = (
    "Vélo : les travaux avant l’été\n\n"
    "Grégory Doucet a assuré jeudi que les travaux seraient terminés avant l’été. "
    "«\u00a0Nous tiendrons les délais\u00a0», a-t-il promis.\n\n"
    "«\u00a0C’est la fin du quartier\u00a0», lit-on sur une banderole rue d’Austerlitz."
)
DOUCET = ("Grégory Doucet", "maire de Lyon", "person")
OLIVER = ("Pierre Oliver", "chef de file de la droite", "person")


def _at(text: str, s: str) -> tuple[int, int]:
    """Start and end of the first whole-word occurrence of s in text."""
    m = re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)
    assert m, s
    return m.span()


def _article(text: str, specs: list[tuple], **meta: str) -> tuple[Article, list[Quote]]:
    """An article and its quotes from (parts, type, (name, role, kind), mention, cue, lemma)."""
    article = Article(text=text, title=text.split("\n")[0], **meta)
    quotes = []
    for parts, qtype, who, mention, cue, lemma in specs:
        ps = [Part(*_at(text, p), text=p) for p in parts]
        speaker = None
        if who is not None:
            name, role, kind = who
            speaker = Speaker(name, mention, *_at(text, mention), kind=kind, role=role)
        quotes.append(
            Quote(
                text=" ".join(parts),
                type=qtype,
                start=ps[0].start,
                end=ps[-1].end,
                parts=ps if len(ps) > 1 else [],
                speaker=speaker,
                cue=Cue(cue, lemma, *_at(text, cue)),
                date="2024-03-12",
                date_basis="relative",
                confidence=0.9,
                article=article.ref(),
            )
        )
    return article, quotes


def _handmade() -> tuple[Article, list[Quote]]:
    """A small article whose quotes cover every construction the page must show."""
    nested = "fonce dans le mur"
    return _article(
        LYON,
        [
            (
                ["Nous ne reculerons pas"],
                "direct",
                DOUCET,
                "Grégory Doucet",
                "a affirmé",
                "affirmer",
            ),
            (
                ["Le vélo,", "n’est pas une lubie\u202f: c’est une nécessité."],
                "direct",
                DOUCET,
                "il",
                "ajouté",
                "ajouter",
            ),
            (
                ["le plan coûtera plus de 80\u00a0millions d’euros"],
                "indirect",
                ("opposition", None, "group"),
                "l’opposition",
                "Selon",
                "selon",
            ),
            (
                [f"la ville «\u00a0{nested}\u00a0» et qu’elle oubliait les commerçants"],
                "mixed",
                OLIVER,
                "Pierre Oliver",
                "a estimé",
                "estimer",
            ),
            # Nested in the mixed quote above: the page must show both.
            ([nested], "direct", OLIVER, "Pierre Oliver", "a estimé", "estimer"),
            (
                ["ses ventes ont baissé depuis janvier"],
                "indirect",
                ("un commerçant de la Croix-Rousse", None, "unnamed"),
                "Un commerçant de la Croix-Rousse",
                "confie",
                "confier",
            ),
        ],
        date="2024-03-13",
        url="https://exemple.fr/lyon-velo",
        publisher="Le Quotidien",
        path="lyon.txt",
    )


def _second() -> tuple[Article, list[Quote]]:
    """Another article: the same speaker again (same colour), and an unattributed quote."""
    return _article(
        WORKS,
        [
            (
                ["les travaux seraient terminés avant l’été"],
                "indirect",
                DOUCET,
                "Grégory Doucet",
                "a assuré",
                "assurer",
            ),
            (["Nous tiendrons les délais"], "direct", DOUCET, "il", "promis", "promettre"),
            (["C’est la fin du quartier"], "direct", None, None, "lit-on", "lire"),
        ],
        date="2024-03-15",
        publisher="Le Quotidien",
        path="travaux.txt",
    )


class _Dom(HTMLParser):
    """Every element with data-q (tag, classes, ids, text) and the article bodies' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.marked: list[dict] = []
        self.bodies: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        el = {
            "tag": tag,
            "cls": (a.get("class") or "").split(),
            "q": (a.get("data-q") or "").split(),
            "style": a.get("style") or "",
            "text": [],
            "title": a.get("title") or "",
            "pos": self.getpos(),
        }
        if tag == "script" and a.get("type") != "application/json":
            self.scripts += 1
        self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            el = self.stack.pop()
            el["text"] = "".join(el["text"])
            if el["q"]:
                self.marked.append(el)
            if el["tag"] == "div" and "text" in el["cls"]:
                self.bodies.append(el["text"])
            if el["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el["text"].append(data)

    def text_of(self, qid: str, cls: str) -> str:
        """The text of all elements of class cls marking quote qid, in document order."""
        # Elements are collected as they close, inner first: sort them back by opening order.
        found = sorted(
            (e for e in self.marked if qid in e["q"] and cls in e["cls"]), key=lambda e: e["pos"]
        )
        return "".join(e["text"] for e in found)


def _parse(page: str) -> _Dom:
    dom = _Dom()
    dom.feed(page)
    dom.close()
    return dom


def _check_page(dom: _Dom, articles: list[tuple[Article, list[Quote]]]) -> None:
    """Every quote part, speaker mention and cue is marked with exactly its text."""
    assert dom.bodies == [a.text for a, _ in articles]  # the text survives, typography included
    for n, (article, quotes) in enumerate(articles):
        for k, q in enumerate(quotes):
            qid = f"a{n}q{k}"
            pieces = q.parts or [Part(q.start, q.end, article.text[q.start : q.end])]
            assert dom.text_of(qid, "q") == "".join(article.text[p.start : p.end] for p in pieces)
            if q.speaker is not None and q.speaker.start is not None:
                assert dom.text_of(qid, "spk") == article.text[q.speaker.start : q.speaker.end]
            if q.cue is not None:
                assert dom.text_of(qid, "cue") == article.text[q.cue.start : q.cue.end]


def test_handmade_articles_every_quote_cue_and_speaker_marked():
    pairs = [_handmade(), _second()]
    dom = _parse(render(pairs))
    _check_page(dom, pairs)
    direct = [e for e in dom.marked if "a0q0" in e["q"] and "q" in e["cls"]]
    assert "t-direct" in direct[0]["cls"] and "Grégory Doucet" in direct[0]["title"]
    assert "maire de Lyon" in direct[0]["title"] and "0.90" in direct[0]["title"]
    assert "12 mars 2024" in direct[0]["title"]


def test_one_colour_per_speaker_across_articles():
    pairs = [_handmade(), _second()]
    dom = _parse(render(pairs))
    styles: dict[str | None, set[str]] = {}
    for e in dom.marked:
        if "q" in e["cls"]:
            for qid in e["q"]:
                n, k = map(int, qid[1:].split("q"))
                speaker = pairs[n][1][k].speaker
                styles.setdefault(speaker and speaker.name, set()).add(e["style"])
    assert styles.pop(None) == {""}  # the unattributed quote stays grey
    assert all(len(s) == 1 for s in styles.values())  # each speaker keeps one colour
    assert len({s.pop() for s in styles.values()}) == len(styles) == 4  # no two share one


def test_discontinuous_quote_marks_each_part_not_the_incise():
    article, quotes = _handmade()
    dom = _parse(render([(article, quotes)]))
    marked = [e["text"] for e in dom.marked if "a0q1" in e["q"] and "q" in e["cls"]]
    assert marked == ["Le vélo,", "n’est pas une lubie\u202f: c’est une nécessité."]


def test_article_text_cannot_inject_html():
    text = "Il a dit : « <script>alert('x')</script> & <b>gras</b> »."
    s = text.index("<script>")
    q = Quote(text=text[s:-3], type="direct", start=s, end=len(text) - 3)
    art = Article(text=text, title="<img src=x onerror=alert(1)>", url="javascript:alert(1)")
    page = render([(art, [q])])
    dom = _parse(page)
    assert dom.bodies == [text] and dom.scripts == 1  # only our own script
    assert "<img" not in page and 'href="javascript' not in page


def test_overlapping_and_out_of_range_quotes_render_without_losing_text():
    text = "abcdefghij klmnop"
    qs = [
        Quote(text="cdefg", type="direct", start=2, end=7),
        Quote(text="efghij", type="indirect", start=4, end=10),  # crosses the first one
        Quote(text="??", type="direct", start=15, end=99),  # offsets beyond the text
    ]
    page = render([(Article(text=text), qs)])
    dom = _parse(page)
    assert dom.bodies == [text]
    assert dom.text_of("a0q0", "q") == "cdefg" and dom.text_of("a0q1", "q") == "efghij"
    assert "position introuvable" in page  # the unplaceable quote is flagged in the list


def test_quote_list_renders_as_tables_grouped_by_article_and_speaker():
    _, quotes = _handmade()
    other = Quote(
        text="Autre chose",
        type="indirect",
        start=0,
        end=5,
        article=ArticleRef(path="b.txt", title="Autre article"),
    )
    page = render([*quotes, other])
    dom = _parse(page)
    texts = [e["text"] for e in dom.marked if "q" in e["cls"] and e["tag"] == "mark"]
    assert (
        texts.count(f"«\u00a0{quotes[0].text}\u00a0»") == 1 and "«\u00a0Autre chose\u00a0»" in texts
    )
    assert page.count('class="article table"') == 2 and "Locuteur inconnu" in page


def test_quote_without_article_renders_under_an_unnamed_article():
    quote = Quote(text="Nous irons", type="direct", start=0, end=10, article=None)  # type: ignore[arg-type]
    page = render([quote])
    assert "Nous irons" in page and page.count('class="article table"') == 1


def test_errors_are_listed_and_bad_items_refused():
    page = render([ErrorRecord(path="x.html", error="not HTML")])
    assert "x.html" in page and "not HTML" in page
    with pytest.raises(TypeError, match="item 0"):
        render([("pas un article", [])])
    with pytest.raises(TypeError, match="not str"):
        render("texte")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (CI installs it: .ci/run)")
def test_page_in_a_real_browser(tmp_path: Path):
    """Chromium builds the same marks from the page, and the screenshot is kept in build/."""
    pairs = [_handmade(), _second()]
    page = tmp_path / "review.html"
    page.write_text(render(pairs, title="Relecture des citations"), "utf-8")
    dom = _parse(chromium(page, "--dump-dom"))
    _check_page(dom, pairs)
    # The script runs: a link to one quote opens its details and outlines all its pieces.
    opened = chromium(page, "--dump-dom", fragment="a0q1")
    details = re.search(r'<aside id="details"[^>]*>(.*?)</aside>', opened, re.S)
    assert details and "hidden" not in details.group(0) and "Grégory Doucet" in details.group(1)
    active = [e for e in _parse(opened).marked if "active" in e["cls"]]
    assert {e["text"] for e in active if "q" in e["cls"]} == {
        "Le vélo,",
        "n’est pas une lubie\u202f: c’est une nécessité.",
    }
    shot = ROOT / "build" / "review.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    chromium(page, f"--screenshot={shot}", "--window-size=1280,2000", fragment="a0q1")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(not CORE, reason="needs the detection core (quoteattr.annotate)")
def test_seed_fixture_through_the_extractor():
    """Whatever the extractor finds in a seed article is marked with its exact text."""
    from quoteattr.pipeline import Extractor

    text = (FIXTURES / "000_eccd1aaad595508f.txt").read_text(encoding="utf-8")
    pairs = [(a, q) for a, q in Extractor().pipe([Article(text=text, path="000.txt")])]
    _check_page(_parse(render(pairs)), pairs)


@pytest.mark.skipif(not CORE, reason="needs the detection core and quoteattr.reading")
def test_cli_writes_the_page(tmp_path: Path, capsys):
    out = tmp_path / "review.html"
    assert cli_main([str(FIXTURES / "000_eccd1aaad595508f.txt"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert cli_main([str(tmp_path / "absent.txt"), "-o", str(out)]) == 2
    assert "absent.txt" in capsys.readouterr().err


@pytest.mark.skipif(not CORE, reason="needs the detection core (quoteattr.annotate)")
def test_spacy_doc_with_quotes():
    """A Doc that went through the quoteattr component renders like its (Article, quotes)."""
    from quoteattr.nlp import load_nlp

    doc = load_nlp()("« Nous gagnerons », a déclaré Marie Dupont.")
    assert doc._.quotes, "the core found no quote in the simplest direct quotation"
    pairs = [(Article(text=doc.text), list(doc._.quotes))]
    _check_page(_parse(render(doc)), pairs)
    assert render(doc) == render(pairs)
    import spacy

    with pytest.raises(TypeError, match="quoteattr component"):
        render(spacy.blank("fr")("Pas de composant."))


@pytest.mark.skipif(not CORE, reason="needs quoteattr.reading")
def test_cli_refuses_a_bad_date_before_any_work(tmp_path: Path, capsys):
    out = tmp_path / "review.html"
    assert cli_main([str(FIXTURES), "--date", "bientôt", "-o", str(out)]) == 2
    assert "bientôt" in capsys.readouterr().err and not out.exists()


def test_cli_quotes_mode_shows_jsonl_quotes_without_extracting(tmp_path: Path, capsys):
    """quoteattr render --quotes quotes.jsonl: tables of the quotes; bad lines are listed."""
    _, quotes = _handmade()
    good = tmp_path / "quotes.jsonl"
    good.write_text("".join(q.to_json(ensure_ascii=False) + "\n" for q in quotes), "utf-8")
    bad = tmp_path / "articles.jsonl"
    bad.write_text('{"text": "Un article, pas une citation."}\n', "utf-8")
    out = tmp_path / "review.html"
    assert cli_main(["--quotes", str(good), str(bad), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    marked = [e for e in _parse(page).marked if "q" in e["cls"] and e["tag"] == "mark"]
    assert len(marked) == len(quotes) and f"{bad.name}:1" in page
    assert f"{bad}:1: not a quote" in capsys.readouterr().err
    assert cli_main(["--quotes", str(good), str(bad), "--strict", "-o", str(out)]) == 1
    assert cli_main(["--quotes", str(bad), "-o", str(out)]) == 2


# Hostile records: every string a record carries holds markup and script. If any of it ran in
# the page, it would retitle the document or set data-xss on <html>.
def _evil(field: str) -> str:
    return (
        f"{field} <img src=x onerror=\"document.title='XSS {field}'\">"
        f"<script>document.title='XSS {field}'</script>\"'><svg onload="
        f'"document.documentElement.dataset.xss=\'{field}\'"><a href="javascript:alert(1)">x</a>'
    )


def _hostile_quotes() -> list[Quote]:
    """Quotes with a hostile value in every string field, in two articles: one whose URL is a
    javascript: one, one whose http URL tries to close its attribute."""
    refs = [
        ArticleRef(
            id=_evil("id"),
            path=_evil("path"),
            title=_evil("title"),
            date=_evil("date"),
            url=url,
            publisher=_evil("publisher"),
        )
        for url in (
            "javascript:document.title='XSS url'",
            'https://exemple.fr/"><b>' + _evil("url"),
        )
    ]
    speaker = Speaker(_evil("name"), _evil("mention"), 0, 5, role=_evil("role"))
    cue = Cue(_evil("cue"), _evil("lemma"), 6, 9)
    return [
        Quote(
            _evil("text"),
            "direct",
            0,
            5,
            speaker=speaker,
            cue=cue,
            date=_evil("qdate"),
            article=refs[0],
        ),
        Quote(_evil("unattributed"), "indirect", 0, 5, article=refs[0]),
        Quote(_evil("other"), "mixed", 0, 5, speaker=speaker, article=refs[1]),
    ]


def _hostile_article() -> tuple[Article, list[Quote]]:
    """An article whose text, metadata and quotes all carry markup, with a forged quote type."""
    text = _evil("body") + " « " + _evil("quoted") + " », a déclaré " + _evil("speaker")
    s = text.index(_evil("quoted"))
    quotes = _hostile_quotes()
    forged = Quote(
        _evil("forged"),
        'direct"><img src=x onerror="document.title=\'XSS type\'">',
        s,
        s + 10,
        speaker=quotes[0].speaker,
        cue=quotes[0].cue,
    )
    art = Article(
        text=text,
        title=_evil("title"),
        url="javascript:document.title='XSS url'",
        publisher=_evil("publisher"),
        date=_evil("date"),
        path=_evil("path"),
    )
    return art, [*quotes, forged]


def _assert_inert(dom_text: str, title: str, web_link: bool = True) -> None:
    """No hostile markup became an element, handler, script or non-web link in this DOM
    (and, with ``web_link``, the hostile https URL of _hostile_quotes is a link, intact)."""
    heads = re.findall(r"<title>(.*?)</title>", dom_text, re.S)
    assert heads == [title], heads  # no script retitled the page
    assert "data-xss" not in dom_text  # no onload handler ran
    tags: list[tuple[str, dict]] = []

    class _Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            tags.append((tag, dict(attrs)))

    _Tags().feed(dom_text)
    assert not {t for t, _ in tags} & {"img", "svg", "iframe", "object", "embed"}
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/json", None]
    assert not [(t, k) for t, a in tags for k in a if k.startswith("on")]  # no handler attribute
    hrefs = [a["href"] for t, a in tags if "href" in a]
    assert all(h.startswith(("#", "https://exemple.fr/")) for h in hrefs), hrefs
    assert not web_link or 'https://exemple.fr/"><b>' + _evil("url") in hrefs
    classes = {c for _, a in tags for c in (a.get("class") or "").split()}
    assert not {c for c in classes if c.startswith("t-")} - {
        "t-direct",
        "t-indirect",
        "t-mixed",
        "t-unknown",
    }


def test_hostile_records_stay_text_in_the_page():
    """Markup in any field of a record is shown as text, and a forged type is no CSS class."""
    art, quotes = _hostile_article()
    page = render(
        [(art, quotes), *_hostile_quotes(), ErrorRecord(_evil("epath"), _evil("err"))],
        title="Relecture",
    )
    _assert_inert(page, "Relecture")
    dom = _parse(page)
    assert dom.bodies == [art.text]  # the text survives whole, as text
    assert "XSS text" in page and "XSS forged" in page and "XSS err" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (CI installs it: .ci/run)")
def test_hostile_records_run_no_script_in_a_real_browser(tmp_path: Path, capsys):
    """Chromium loads pages made of hostile records: no script or handler runs.

    One page from the API (articles with their text, a forged quote type, quote tables), one
    from ``render --quotes`` on a JSONL of hostile quotes, as a user would run it.
    """
    art, quotes = _hostile_article()
    api_page = tmp_path / "api.html"
    api_page.write_text(render([(art, quotes), *_hostile_quotes()], title="Relecture"), "utf-8")
    records = tmp_path / "hostile.jsonl"
    lines = [q.to_json(ensure_ascii=False) for q in _hostile_quotes()]
    forged = json.loads(lines[0]) | {"type": 'direct"><img src=x onerror="document.title=1">'}
    records.write_text("\n".join([*lines, json.dumps(forged)]) + "\n", "utf-8")
    cli_page = tmp_path / "cli.html"
    assert cli_main(["--quotes", str(records), "--title", "Relecture", "-o", str(cli_page)]) == 0
    capsys.readouterr()
    for page in (api_page, cli_page):
        _assert_inert(chromium(page, "--dump-dom"), "Relecture")
        # Opening a quote's details shows the hostile text through textContent only.
        qid = "a0q0" if page == api_page else "t0s0q0"
        opened = chromium(page, "--dump-dom", fragment=qid)
        _assert_inert(opened, "Relecture")
        assert "XSS text" in re.search(r'<aside id="details".*?</aside>', opened, re.S).group(0)


@pytest.mark.skipif(not CORE, reason="needs the detection core and quoteattr.reading")
def test_hostile_articles_through_render_cli(tmp_path: Path, capsys):
    """`quoteattr render` on articles whose title, URL, publisher and text carry markup
    (JSONL and plain text inputs): the page shows it all as text and runs none of it."""
    speech = "«\u00a0Nous ne reculerons pas\u00a0», a affirmé mardi Grégory Doucet."
    records = tmp_path / "hostile.jsonl"
    records.write_text(
        json.dumps(
            {
                "title": _evil("jtitle"),
                "url": "javascript:document.title='XSS url'",
                "publisher": _evil("jpublisher"),
                "date": _evil("jdate"),
                "text": f"{_evil('jbody')}\n\n{speech}",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "hostile.txt").write_text(
        f"{_evil('ttitle')}\n\n{speech} {_evil('tbody')}\n", encoding="utf-8"
    )
    out = tmp_path / "review.html"
    paths = [str(records), str(tmp_path / "hostile.txt")]
    assert cli_main([*paths, "--title", "Relecture", "-o", str(out)]) == 0
    capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    _assert_inert(page, "Relecture", web_link=False)
    assert page.count("Nous ne reculerons pas") >= 2  # both articles extracted and shown
    for field in ("jtitle", "jpublisher", "jbody", "ttitle", "tbody"):
        assert f"XSS {field}" in page
    if CHROMIUM is not None:
        _assert_inert(chromium(out, "--dump-dom"), "Relecture", web_link=False)
