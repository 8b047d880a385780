"""Property-based tests: generated hostile inputs never crash the reader, the extractor or a
batch run with worker processes.

Inputs are French-news-like: names, cues, incises, « selon », quotation marks of every style
(balanced or not), odd spaces, control characters, line ends of every system, very long
tokens and stray unicode. The invariants are the reliability guarantees of issue 7: every
article gives a result, every quote's offsets point into its article and its text is the
text at those offsets, quotes never share content, output is deterministic. Through
``quoteattr extract`` with two worker processes (issue 15): every line read ends in the
manifest, as quotes or as an error record, the output is UTF-8 JSONL, the input is unchanged.

The number of examples comes from a Hypothesis profile chosen by ``QUOTEATTR_HYPOTHESIS``:
``ci`` (default, a few hundred inputs) or ``full`` (more than 10,000; see
docs/reliability.md for the measured run).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quoteattr.model import Article, ErrorRecord
from quoteattr.reading import clean_text, decode, read_paths, read_text
from quoteattr.reading.decode import BinaryInputError

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
from invariants import check_quotes  # noqa: E402

# Examples per test in each profile; the extractor tests send 1-3 articles per example.
_EXAMPLES = {
    "ci": {"extract": 40, "chunks": 10, "reader": 150, "batch": 12},
    "full": {"extract": 2500, "chunks": 300, "reader": 2000, "batch": 500},
}
PROFILE = os.environ.get("QUOTEATTR_HYPOTHESIS", "ci")
if PROFILE not in _EXAMPLES:
    raise ValueError(f"QUOTEATTR_HYPOTHESIS={PROFILE!r}: expected one of {sorted(_EXAMPLES)}")
for _name, _counts in _EXAMPLES.items():
    for _kind, _n in _counts.items():
        settings.register_profile(
            f"quoteattr-{_name}-{_kind}",
            max_examples=_n,
            # Parsing time varies with the machine; a slow example is not a failure.
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            derandomize=_name == "ci",  # CI runs the same inputs every time
            database=None,
        )


def _profile(kind: str) -> settings:
    return settings.get_profile(f"quoteattr-{PROFILE}-{kind}")


# --- French-news-like text ------------------------------------------------------------------

_NAMES = ["Marie Dupont", "M. Wang", "Emmanuel Macron", "Mme Lefèvre", "le ministre", "Il", "elle"]
_CUES = [
    "a déclaré",
    "a affirmé que",
    "a-t-il dit",
    ", a-t-elle souligné,",
    "selon",
    "d'après",
    "estime",
    "a indiqué mardi à Paris que",
    ":",
]
_WORDS = ["la", "Chine", "est", "prête", "nous", "gagnerons", "coopération", "2012", "6 juillet"]
_MARKS = ["«", "»", "« ", " »", "“", "”", '"', "‹", "›", "„", "'", "’", "«" * 50, "»»"]
_SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u200b", "\t", "  "]
_BREAKS = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85"]
_CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\ufeff", "\x92", "\x0c"]
_PUNCT = [",", ".", ";", "!", "?", "…", "-", "–", "(", ")", ". -"]
_MOJIBAKE = ["Ã©", "â€™", "Â«", "Ã ", "Å“"]

_fragment = st.one_of(
    st.sampled_from(_NAMES),
    st.sampled_from(_CUES),
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.sampled_from(_SPACES),
    st.sampled_from(_BREAKS),
    st.sampled_from(_CONTROLS),
    st.sampled_from(_PUNCT),
    st.sampled_from(_MOJIBAKE),
    st.builds(lambda c, n: c * n, st.sampled_from("xé«»-.'"), st.integers(100, 3000)),
    st.text(max_size=12),
    st.just("« Nous gagnerons », a déclaré Marie Dupont."),
    st.just("Le président a affirmé que la Chine était prête à coopérer."),
)
_JOINERS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n"])


@st.composite
def news_text(draw: st.DrawFn, max_fragments: int = 40) -> str:
    """A text built from French-news pieces and hostile ones, joined by spaces or breaks."""
    pieces = draw(st.lists(_fragment, max_size=max_fragments))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(_JOINERS))
    return "".join(out)


# --- invariants -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor():
    from quoteattr.pipeline import Extractor

    return Extractor(batch_size=2)


@given(texts=st.lists(news_text(), min_size=1, max_size=3))
@_profile("extract")
def test_pipe_gives_every_article_valid_quotes_deterministically(extractor, texts) -> None:
    """Any text: one result per article, in order, no error, quotes pointing into the text."""
    articles = [Article(text=t, path="gen.txt", index=i, id=f"a{i}") for i, t in enumerate(texts)]
    first = list(extractor.pipe(articles))
    assert [a for a, _ in first] == articles
    for article, result in first:
        assert not isinstance(result, ErrorRecord), result.error
        check_quotes(article.text, result)
        event("article with quotes" if result else "article without quotes")
        assert all(q.article == article.ref() for q in result)
    again = [[q.to_json() for q in r] for _, r in extractor.pipe(articles)]
    assert again == [[q.to_json() for q in r] for _, r in first]


@given(
    paragraphs=st.lists(news_text(max_fragments=12), min_size=2, max_size=8),
    limit=st.integers(200, 600),
)
@_profile("chunks")
def test_chunked_extraction_keeps_offsets_and_loses_no_quote(extractor, paragraphs, limit):
    """Text cut into chunks at paragraph breaks: every quote that lies in one paragraph (with
    its cue and speaker) is found in the cut text too, at the same offsets.

    (A quote whose cue sits in another paragraph can be lost when the two fall in different
    chunks; with the default 200,000-character chunks, that is one cut in 200,000 characters.)
    """
    from quoteattr.pipeline import Extractor

    # Each paragraph fits in a chunk, so every cut falls on a paragraph break.
    paras = [clean_text(p).replace("\n", " ")[: limit // 2].strip() or "Rien." for p in paragraphs]
    text = "\n\n".join(paras)
    small = Extractor(extractor.nlp, chunk_chars=limit)
    cut = small.extract(text)
    check_quotes(text, cut)
    starts = [0]
    for p in paras:
        starts.append(starts[-1] + len(p) + 2)

    def paragraph(offset: int) -> int:
        return next(i for i, s in enumerate(starts) if s > offset) - 1

    def local(q) -> bool:
        ends = [q.start, q.end - 1]
        for span in (q.cue, q.speaker):
            if span is not None and span.start is not None:
                ends += [span.start, span.end - 1]
        return len({paragraph(o) for o in ends}) == 1

    found = {(q.start, q.end, q.text) for q in cut}
    for q in extractor.extract(text):
        if local(q):
            assert (q.start, q.end, q.text) in found, q


# --- the reader -----------------------------------------------------------------------------

_hostile_bytes = st.one_of(
    st.binary(max_size=300),
    news_text().map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.tuples(news_text(), st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])).map(
        lambda te: te[0].encode(te[1], errors="replace")
    ),
    st.tuples(st.sampled_from([b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04"]), st.binary()).map(
        b"".join
    ),
)
_LEFTOVERS = set("\r\x00\x07\x1b\x7f\ufeff\u2028\u2029")


@given(data=_hostile_bytes)
@_profile("reader")
def test_decode_gives_clean_text_or_says_it_is_binary(data: bytes) -> None:
    try:
        text = decode(data)
    except BinaryInputError as exc:
        assert str(exc).startswith("not a text file: looks like")
        return
    assert not _LEFTOVERS & set(text)
    assert clean_text(text) == text  # cleaning is done once and for all


@given(text=news_text(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
@_profile("reader")
def test_unicode_encodings_decode_to_the_same_text(text: str, encoding: str) -> None:
    text = text.encode("utf-8", errors="ignore").decode("utf-8")  # no lone surrogates
    try:
        expected = decode(text.encode("utf-8"))
    except BinaryInputError:
        return  # control characters galore: binary in any encoding
    assert decode(text.encode(encoding)) == expected


@given(text=news_text())
@_profile("reader")
def test_read_text_keeps_only_lines_of_the_input(text: str) -> None:
    """Articles are cut from the cleaned input: no body line is invented or altered."""
    lines = {line.rstrip() for line in clean_text(text).split("\n")}
    for i, article in enumerate(read_text(text, "gen.txt")):
        assert (article.index, article.id, article.path) == (i, f"gen.txt#{i}", "gen.txt")
        assert article.text.strip() or article.title
        assert all(line in lines for line in article.text.split("\n") if line.strip())


_SUFFIXES = ["", ".txt", ".json", ".jsonl", ".txt.gz", ".html"]
# One folder for the whole session (Hypothesis examples cannot take pytest's tmp_path).
_folder = Path(tempfile.mkdtemp(prefix="quoteattr-props-"))
atexit.register(shutil.rmtree, _folder, ignore_errors=True)


@given(data=_hostile_bytes, suffix=st.sampled_from(_SUFFIXES))
@_profile("reader")
def test_read_paths_reports_every_file_and_never_raises(data: bytes, suffix: str) -> None:
    path = _folder / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_paths([str(path)]))
    assert items, "a file gave neither an article nor an error"
    assert all(i.path == str(path) for i in items)
    for item in items:
        if isinstance(item, ErrorRecord):
            assert item.error and "Traceback" not in item.error
        else:
            assert item.text.strip() or item.title


@given(
    lines=st.lists(
        st.one_of(
            st.builds(lambda t: {"text": t}, news_text(max_fragments=8)),
            st.builds(lambda t, d: {"body": [t], "date": d}, st.text(max_size=20), st.text()),
            st.dictionaries(st.sampled_from(["id", "title", "text", "date", "url"]), st.integers()),
            news_text(max_fragments=5),
            st.just("[" * 5000),
        ),
        max_size=8,
    )
)
@_profile("reader")
def test_jsonl_gives_one_item_per_non_blank_line(lines: list) -> None:
    """Nothing lost: each non-blank line is an article, or an error with its line number."""
    import json

    raw = [json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines]
    raw = [r.replace("\n", " ").replace("\r", " ") for r in raw]
    path = _folder / "lines.jsonl"
    path.write_text("\n".join(raw), encoding="utf-8", errors="surrogatepass")
    items = list(read_paths([str(path)]))
    # A BOM opening the file is the encoding's mark, not content.
    numbered = [n for n, r in enumerate(raw, 1) if (r.lstrip("\ufeff") if n == 1 else r).strip()]
    if not numbered:  # no line at all: the file itself is the error
        assert [(type(i), i.error) for i in items] == [(ErrorRecord, "the file is empty")]
        return
    if len(items) == 1 and isinstance(items[0], ErrorRecord) and items[0].line is None:
        # Control bytes all over the head: the file as a whole is refused as binary.
        assert items[0].error == "not a text file: looks like binary data"
        return
    assert len(items) == len(numbered)
    for n, item in zip(numbered, items, strict=True):
        if isinstance(item, ErrorRecord):
            assert item.line == n and item.error.startswith(f"line {n}: ")


# --- the batch path: the command line, two worker processes ---------------------------------

_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
# Half the texts hold a lone surrogate, as a broken ``\udc80`` escape gives.
_text = st.one_of(
    news_text(max_fragments=6),
    st.tuples(news_text(max_fragments=3), _SURROGATES, st.text(max_size=5)).map("".join),
)
_json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=6,
)
_field = st.one_of(_text, _json_value)
_record = st.fixed_dictionaries(
    {"text": _field},
    optional={k: _field for k in ("id", "title", "date", "url", "publisher", "author", "extra")},
)


def _deep(depth: int) -> str:
    """A valid article whose unknown key nests ``depth`` objects deep."""
    return '{"text": "« Oui », a dit Paul.", "extra": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


_jsonl_line = st.one_of(
    # Escapes as a JSON writer makes them (\udc80 for a lone surrogate), or raw code points.
    _record.map(lambda r: json.dumps(r).encode("ascii")),
    _record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.integers(1, 1200).map(lambda n: _deep(n).encode()),
    st.binary(max_size=40),
    news_text(max_fragments=4).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@pytest.fixture(scope="module")
def two_workers():
    """One pool of two worker processes for every example (each loads the model once)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from quoteattr import batch

    pool = ProcessPoolExecutor(
        max_workers=2,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=batch._init_worker,
        initargs=(batch.Options(), os.getpid()),
    )
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@given(lines=st.lists(_jsonl_line, min_size=1, max_size=6), chunk=st.integers(1, 3))
@_profile("batch")
def test_a_batch_run_accounts_for_every_line_in_utf8(two_workers, lines, chunk) -> None:
    """Hostile JSONL through ``quoteattr extract`` with two worker processes: no line stops the
    run, each item read is a manifest line in input order, output and manifest are UTF-8
    JSONL whose counts agree, and the input is left as it was."""
    import contextlib
    import io
    from unittest import mock

    from quoteattr import batch, cli

    folder = Path(tempfile.mkdtemp(dir=_folder))
    src = folder / "in.jsonl"
    data = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines) + b"\n"
    src.write_bytes(data)
    out = folder / "q.jsonl"
    args = ["extract", str(src), "-o", str(out), "--chunk-size", str(chunk), "--no-progress"]
    stderr = io.StringIO()
    with (
        mock.patch.object(cli, "_executor", lambda a, w: (two_workers.submit, lambda: None)),
        contextlib.redirect_stderr(stderr),
    ):
        assert cli.main([*args, "--workers", "2"]) == 0
    err = stderr.getvalue()
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("quoteattr: ")
    assert src.read_bytes() == data

    manifest = [
        json.loads(x)
        for x in (folder / "q.articles.jsonl").read_bytes().decode("utf-8").splitlines()
    ]
    expected = [batch.item_key(batch.portable(i)) for i in read_paths([str(src)])]
    assert [batch._key(m["path"], m["index"], m["line"]) for m in manifest] == expected
    assert all((m["status"] == "error") == bool(m["error"]) for m in manifest)
    quotes = [json.loads(x) for x in out.read_bytes().decode("utf-8").splitlines()]
    per_article = {(m["path"], m["index"]): m["n_quotes"] for m in manifest if m["status"] == "ok"}
    counted: dict = {}
    for q in quotes:
        key = (q["article"]["path"], q["article"]["index"])
        counted[key] = counted.get(key, 0) + 1
    assert counted == {k: n for k, n in per_article.items() if n}
    shutil.rmtree(folder, ignore_errors=True)
