"""read_paths: every input form and format, errors as records, order, laziness, stdin."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import shutil
import sys
from pathlib import Path

import pytest

from quoteattr.model import Article, ErrorRecord
from quoteattr.reading import read_paths
from quoteattr.reading import sources as sources_module

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
XINHUA = FIXTURES / "000_eccd1aaad595508f.txt"
FMPRC = FIXTURES / "002_7c931416c020a026.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-fr-100"
BODY = "« Nous gagnerons », a déclaré Marie Dupont."


def _read(*paths: object, **kwargs: object) -> list[Article | ErrorRecord]:
    return list(read_paths([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def _errors(items: list) -> list[ErrorRecord]:
    return [i for i in items if isinstance(i, ErrorRecord)]


# --- JSON and JSONL --------------------------------------------------------------------


def test_jsonl_articles_with_metadata_aliases_and_unknown_keys(tmp_path: Path) -> None:
    rows = [
        {
            "title": "Un",
            "date": "2024-05-06",
            "url": "https://a.fr/1",
            "publisher": "AFP",
            "text": BODY,
            "lang": "fr",
        },
        {"id": 42, "body": "Corps deux.", "date": "6 juillet 2012", "authors": ["A B", "C D"]},
        {"content": ["Premier paragraphe.", "Second."], "author": "Marie Dupont et Paul Durand"},
    ]
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    a, b, c = _read(f)
    assert (a.title, a.date, a.url, a.publisher, a.text) == (
        "Un",
        "2024-05-06",
        "https://a.fr/1",
        "AFP",
        BODY,
    )
    assert a.meta == {"lang": "fr"} and a.id == f"{f}#0" and a.index == 0 and a.path == str(f)
    assert (b.id, b.index, b.date, b.authors, b.text) == (
        "42",
        1,
        "2012-07-06",
        ["A B", "C D"],
        "Corps deux.",
    )
    assert c.text == "Premier paragraphe.\n\nSecond."
    assert c.authors == ["Marie Dupont", "Paul Durand"]


def test_malformed_jsonl_lines_are_reported_with_their_line_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text(
        '{"text": "un"}\n'
        "\n"
        '{"text": "deux"\n'  # line 3: unterminated
        '["pas", "un objet"]\n'  # line 4
        '{"title": "sans texte"}\n'  # line 5
        '{"text": "six"}\n'
    )
    items = _read(f)
    assert [getattr(i, "text", None) for i in items] == ["un", None, None, None, "six"]
    errors = _errors(items)
    assert [(e.line, e.index) for e in errors] == [(3, 1), (4, 2), (5, 3)]
    assert all(e.path == str(f) for e in errors)
    assert "line 3: malformed JSON" in errors[0].error
    assert "expected a JSON object" in errors[1].error
    assert '"text", "body" or "content"' in errors[2].error
    assert items[-1].index == 4  # indices count records, so ids stay put whatever fails


def test_json_file_with_one_object_a_list_or_jsonl_inside(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "T", "text": BODY}, indent=2))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "a"}, 3, {"text": "c"}]))
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "a"}\n{"text": "b"}\n')
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "text": "a",\n  oops\n}')
    [a] = _read(one)
    assert (a.title, a.text) == ("T", BODY)
    assert [getattr(i, "text", None) for i in _read(many)] == ["a", None, "c"]
    assert [i.text for i in _read(lines)] == ["a", "b"]
    [err] = _read(broken)
    assert isinstance(err, ErrorRecord) and err.line == 3 and "malformed JSON" in err.error


def test_jsonl_in_utf16_and_with_bom(tmp_path: Path) -> None:
    f16 = tmp_path / "a.jsonl"
    f16.write_bytes('{"text": "é1"}\n{"text": "é2"}\n'.encode("utf-16"))
    bom = tmp_path / "b.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + '{"text": "é"}\n'.encode())
    assert [a.text for a in _read(f16)] == ["é1", "é2"]
    assert [a.text for a in _read(bom)] == ["é"]


def test_json_text_is_cleaned_like_any_text(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(
        json.dumps({"text": "Il a dÃ©clarÃ©\r\n« oui\u00a0»\u0000", "title": " Un \n titre "})
    )
    [a] = _read(f)
    assert (a.text, a.title) == ("Il a déclaré\n« oui\u00a0»", "Un titre")


class _CountingRaw(io.RawIOBase):
    """A byte source that counts how much has been taken from it."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = min(len(buffer), len(self.data) - self.pos)
        buffer[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n


def test_jsonl_is_read_lazily_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    line = json.dumps({"text": BODY * 5}, ensure_ascii=False).encode() + b"\n"
    data = line * 20_000  # about 6 MB
    raw = _CountingRaw(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))
    items = read_paths(["-"])
    first = next(items)
    assert isinstance(first, Article) and first.text == BODY * 5
    assert raw.pos < len(data) // 20  # the first article came before the input was read
    assert sum(1 for _ in items) == 19_999
    assert raw.pos == len(data)


# --- stdin ------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, FMPRC.read_bytes())
    arts = _read("-")
    assert [(a.path, a.index, a.id, a.date) for a in arts] == [
        ("-", 0, "-#0", "2020-07-08"),
        ("-", 1, "-#1", "2020-07-18"),
    ]


def test_stdin_jsonl_and_gzip(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))
    assert [a.text for a in _read("-")] == ["a", "b"]


def test_stdin_without_buffer_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Titre\n\nCorps du texte."))
    [a] = _read("-")
    assert (a.title, a.text) == ("Titre", "Corps du texte.")


# --- files, folders, patterns -----------------------------------------------------------


def test_directory_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a/z.txt",
        "A.txt",
        "c.json",
        "d.htm.gz",
        "notes.md",
        ".hidden.txt",
        ".git/x.txt",
        "e.jsonl.xz",
        "pic.png",
    ):
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"x")
    rel = [os.path.relpath(p, tmp_path) for p, _ in sources_module.expand([str(tmp_path)])]
    assert rel == ["A.txt", "a/z.txt", "b.txt", "c.json", "d.htm.gz", "e.jsonl.xz"]
    flat = sources_module.expand([str(tmp_path)], recursive=False)
    assert [os.path.relpath(p, tmp_path) for p, _ in flat] == [
        "A.txt",
        "b.txt",
        "c.json",
        "d.htm.gz",
        "e.jsonl.xz",
    ]


def test_explicit_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    f = tmp_path / "article.md"
    f.write_text(f"Titre\n\n{BODY}\n")
    [a] = _read(f)
    assert (a.title, a.text) == ("Titre", BODY)


def test_glob_patterns_and_missing_paths(tmp_path: Path) -> None:
    shutil.copy(XINHUA, tmp_path / "x1.txt")
    shutil.copy(FMPRC, tmp_path / "x2.txt")
    items = _read(tmp_path / "x*.txt", tmp_path / "nothing*.txt", tmp_path / "absent.txt")
    assert [(Path(i.path).name, i.index) for i in items[:3]] == [
        ("x1.txt", 0),
        ("x2.txt", 0),
        ("x2.txt", 1),
    ]
    e1, e2 = _errors(items)
    assert e1.path.endswith("nothing*.txt") and e1.error == "no file matches this pattern"
    assert e2.path.endswith("absent.txt") and e2.error == "no such file or directory"


@pytest.mark.parametrize(
    ("name", "pack"),
    [
        ("a.txt.gz", gzip.compress),
        ("a.txt.bz2", bz2.compress),
        ("a.txt.xz", lzma.compress),
        ("gzip-without-extension.txt", gzip.compress),
    ],
)
def test_compressed_inputs(tmp_path: Path, name: str, pack) -> None:
    f = tmp_path / name
    f.write_bytes(pack(FMPRC.read_bytes()))
    arts = _read(f)
    assert [a.date for a in arts] == ["2020-07-08", "2020-07-18"]
    assert all(a.path == str(f) for a in arts)


def test_corrupt_compressed_input_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt.gz"
    f.write_bytes(gzip.compress(FMPRC.read_bytes())[:200])
    [err] = _read(f)
    assert isinstance(err, ErrorRecord) and "corrupt or truncated" in err.error


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_files_are_errors_naming_the_kind(tmp_path: Path, content: bytes, kind: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(content)
    [err] = _read(f)
    assert isinstance(err, ErrorRecord) and err.path == str(f)
    assert err.error.startswith("not a text file") and kind in err.error


def test_empty_and_chrome_only_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("  • Votre pseudo\n  •\n")
    a, b = _read(tmp_path)
    assert (a.error, b.error) == ("the file is empty", "no article text found")


def test_encodings_of_a_text_file(tmp_path: Path) -> None:
    text = "Titre\r\n\r\nL’État, a déclaré M. Lefèvre\u00a0: « oui »."
    for i, encoding in enumerate(("utf-8", "utf-8-sig", "utf-16", "cp1252")):
        (tmp_path / f"{i}.txt").write_bytes(text.encode(encoding))
    arts = _read(tmp_path)
    assert {(a.title, a.text) for a in arts} == {
        ("Titre", "L’État, a déclaré M. Lefèvre\u00a0: « oui ».")
    }
    assert len(arts) == 4


def test_unlistable_directory_and_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "secret.txt").write_text(BODY)
    real_scandir, real_open = os.scandir, open

    def scandir(path):  # root reads everything, so the refusal is simulated
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def fake_open(path, *args, **kwargs):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources_module.os, "scandir", scandir)
    monkeypatch.setattr(sources_module, "open", fake_open, raising=False)
    e1, e2 = _read(tmp_path)
    assert (e1.path, e1.error) == (str(locked), "cannot list the directory: permission denied")
    assert e2.path.endswith("secret.txt") and e2.error == "cannot open: permission denied"


def test_file_vanishing_between_listing_and_reading(tmp_path: Path) -> None:
    shutil.copy(XINHUA, tmp_path / "a.txt")
    shutil.copy(XINHUA, tmp_path / "b.txt")
    items = read_paths([str(tmp_path)])
    assert isinstance(next(items), Article)
    (tmp_path / "b.txt").unlink()
    [err] = list(items)
    assert err.path.endswith("b.txt") and "no such file or directory" in err.error


def test_broken_symlink_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    [err] = _read(tmp_path / "link.txt")
    assert isinstance(err, ErrorRecord) and "no such file or directory" in err.error


# --- forced metadata --------------------------------------------------------------------


def test_date_and_publisher_fill_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Titre\n\n{BODY}")
    shutil.copy(XINHUA, tmp_path / "b.txt")
    a, b = _read(tmp_path, date="06/05/2024", publisher="Le Monde")
    assert (a.date, a.publisher) == ("2024-05-06", "Le Monde")
    assert (b.date, b.publisher) == ("2023-09-20", "Xinhua")


def test_a_date_that_is_not_a_date_is_refused_before_reading() -> None:
    with pytest.raises(ValueError, match="'demain' is not a date"):
        read_paths(["-"], date="demain")


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Grève : la CGT durcit le ton | Le Quotidien</title>
<meta property="og:title" content="Grève : la CGT durcit le ton">
<meta property="og:site_name" content="Le Quotidien">
<meta property="og:url" content="https://quotidien.example.fr/greve">
<meta property="article:published_time" content="2024-05-06T09:30:00+02:00">
<meta name="author" content="Marie Dupont">
</head><body><nav><a href="/">Accueil</a> &gt; <a href="/social">Social</a></nav>
<article><h1>Grève : la CGT durcit le ton</h1>
<p>« Nous irons jusqu'au bout », a déclaré lundi la secrétaire générale de la CGT devant
les militants réunis à Montreuil, promettant de nouvelles journées de mobilisation.</p>
<p>Selon le ministère du Travail, la participation a été plus faible que lors de la
précédente journée, mais les syndicats contestent ces chiffres et annoncent un recours.</p>
</article><footer>© Le Quotidien – Tous droits réservés</footer></body></html>"""


def test_html_page_gives_text_and_metadata(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    [a] = _read(f)
    assert isinstance(a, Article), a
    assert (a.title, a.date, a.url, a.publisher) == (
        "Grève : la CGT durcit le ton",
        "2024-05-06",
        "https://quotidien.example.fr/greve",
        "Le Quotidien",
    )
    assert a.authors == ["Marie Dupont"]
    assert a.text.startswith("« Nous irons jusqu'au bout », a déclaré lundi")
    assert "\n\nSelon le ministère du Travail" in a.text
    assert "Accueil" not in a.text and "Tous droits réservés" not in a.text


def test_html_without_trafilatura_says_how_to_install_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now fails
    f = tmp_path / "page.htm"
    f.write_text(PAGE, encoding="utf-8")
    [err] = _read(f)
    assert isinstance(err, ErrorRecord) and "pip install quoteattr[html]" in err.error


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    f = tmp_path / "empty.html"
    f.write_text(
        "<html><head><title></title></head><body><script>var x = 1;</script></body></html>"
    )
    [err] = _read(f)
    assert isinstance(err, ErrorRecord) and "no article text" in err.error


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs shared/corpus beside the project")
def test_wikinews_pages_read_like_their_text_versions(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    for name in ("44833.html", "44975.html"):  # "1er août 2012. -", "22 août 2012, Espagne. -"
        shutil.copy(CORPUS / name, tmp_path / name)
    a, b = _read(tmp_path)
    assert (a.title, a.date) == (
        "Croatie : publication des noms des plus gros fraudeurs",
        "2012-08-01",
    )
    assert b.date == "2012-08-22" and b.publisher is None
    assert a.text.startswith("1er août 2012. - La Croatie a décidé")
