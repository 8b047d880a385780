"""Plain-text articles: one or several per file, with their title, date, URL and publisher.

Two layouts are understood, and mixtures of them:

- ``Title`` / blank line / body, the publication date given by a dateline that opens one of
  the first paragraphs (``6 juillet 2012. - ``), as Wikinews and agency dispatches print it;
- page scrapes, where the title may carry the date (``Title – 2020/07/08``), a line gives
  publisher and date (``Xinhua | 20.09.2023 08h36``), a ``source/https://…`` line closes the
  article, credits name the editors (``(Rédacteurs : A, B)``), and navigation, sharing and
  comment chrome surrounds the text.

A file holds several articles when a ``source/URL`` line closes one, when a ``Title – date``
line opens the next, or when a line of dashes or equal signs separates them.

Page chrome (``data/boilerplate.txt``), credits, source lines and stray date-only lines are
removed from the body, which becomes :attr:`Article.text`; the dateline stays in it.

>>> [a] = read_text("Titre\\n\\n6 juillet 2012. - « Oui », a dit Paul.\\n", "x.txt")
>>> a.title, a.date, a.text
('Titre', '2012-07-06', '6 juillet 2012. - « Oui », a dit Paul.')
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..data import text as data_text
from ..model import Article
from .dates import parse_date, search_date
from .decode import clean_text

__all__ = ["dateline", "read_text"]


def _boilerplate() -> regex.Pattern[str]:
    rules = [
        line
        for line in data_text("boilerplate.txt").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return regex.compile("|".join(f"(?:{r})" for r in rules), regex.IGNORECASE | regex.V1)


_CHROME = _boilerplate()
# Chrome lines are short; a paragraph of prose is never dropped as chrome.
_CHROME_MAX = 150
_BULLETS = regex.compile(r"^[\s•·▪►*|]+")
# Lines of dashes, equal signs, stars or underscores part articles in concatenated files.
_SEPARATOR = regex.compile(r"^\s*(?:[-=*_~#]\s*){3,}$")
_URL = r"(?P<url>https?://[^\s<>\"«»]+)"
# "source/https://…", "Source : https://…", "Lien : …", or a bare URL alone on its line.
_URL_LINE = regex.compile(
    rf"^\s*(?:(?:source|lien|url|link|article original)\s*(?:/|:)\s*)?{_URL}\s*$",
    regex.IGNORECASE,
)
# "Source : Xinhua": a publisher named on a line of its own.
_SOURCE_LINE = regex.compile(
    r"^\s*(?:source|agence)\s*:\s*(?P<pub>[\p{Lu}\d][^/:.!?]{1,58})\s*$", regex.IGNORECASE
)
# "Xinhua | 20.09.2023 08h36" or "20.09.2023 | Xinhua": publisher and date on one line.
_PIPE_LINE = regex.compile(r"^\s*(?P<a>[^|]{2,80}?)\s*\|\s*(?P<b>[^|]{2,80}?)\s*$")
# "Title – 2020/07/08": a heading that ends with its date after a dash.
_DATED_TITLE = regex.compile(r"^\s*(?P<title>\S.{0,300}?)\s+[-–—|]\s+(?P<date>[^-–—|]{6,60}?)\s*$")
# A person's name: capitalised words, with the particles French and Arabic names carry.
_PARTICLE = r"(?:de|du|des|van|von|der|la|le|d'|d’|ben|bin|al)"
_WORD = r"\p{Lu}[\p{L}'’.-]*"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{0,4}}"
# "(Rédacteurs :Ying Xie, Yishuang Liu)", "Par Marie Dupont et Jean Martin": the credits.
_CREDITS = regex.compile(
    # Only the label ignores case: under IGNORECASE \p{Lu} would take "ailleurs" for a name.
    r"^\s*\(?\s*(?i:(?:rédact(?:eur|rice)s?|éditeurs?|auteur(?:e|s|es)?|autrices?|journalistes?"
    r"|correspondants?|envoyée?s? spéciale?s?|texte|propos recueillis)(?:\s+par)?\s*:?|par)\s*"
    rf"(?P<names>{_NAME}(?:\s*(?:,|;|/|&|\bet\b)\s*{_NAME})*)\s*\)?\s*\.?\s*$",
    regex.V1,
)
_NAME_SPLIT = regex.compile(r"\s*(?:,|;|/|&|\bet\b)\s*")
# A dateline opening a paragraph: "6 juillet 2012. - ", "22 août 2012, Espagne. - ",
# "PARIS, 6 mai 2024 (AFP) – ".
_DATELINE_HEAD = regex.compile(r"^\s*(?:\p{Lu}[\p{L}'’ -]{1,40},\s*)?$")
_DATELINE_TAIL = regex.compile(
    r"^(?:,\s*[\p{L}'’ -]{1,40})?\s*(?:\([^()]{1,30}\))?\s*[.,]?\s*[-–—]+\s"
)
# Datelines open the body; a few paragraphs in (after a subtitle) is as far as they go.
_DATELINE_PARAGRAPHS = 3
# A heading is short and does not end like a sentence of the body.
_TITLE_MAX = 250
_SENTENCE_END = regex.compile(r"[.;,:]\s*$")


@dataclass
class _Meta:
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


def read_text(text: str, path: str = "") -> list[Article]:
    """The articles of one plain-text input, with their metadata, in order.

    ``path`` goes into each article's ``path`` and ``id`` (``path#index``). Text without
    any recognisable header is one article whose body is the whole text.

    >>> arts = read_text("Un – 2020/07/08\\nCorps un.\\nsource/https://a.fr/1\\n"
    ...                  "Deux – 2020/07/18\\nCorps deux.\\nsource/https://a.fr/2")
    >>> [(a.id, a.title, a.date, a.url, a.text) for a in arts]  # doctest: +NORMALIZE_WHITESPACE
    [('#0', 'Un', '2020-07-08', 'https://a.fr/1', 'Corps un.'),
     ('#1', 'Deux', '2020-07-18', 'https://a.fr/2', 'Corps deux.')]
    """
    lines = clean_text(text).split("\n")
    articles = []
    for chunk in _split(lines):
        article = _parse(chunk)
        if article is not None:
            index = len(articles)
            article.path, article.index, article.id = path, index, f"{path}#{index}"
            articles.append(article)
    return articles


def _is_chrome(line: str) -> bool:
    """A navigation, sharing, comment or legal line of the page around the article."""
    s = line.strip()
    if not s or len(s) > _CHROME_MAX:
        return False
    bare = _BULLETS.sub("", s)
    # A line of bullets alone is what list markup leaves behind.
    return not bare or _CHROME.fullmatch(bare) is not None


def _dated_title(line: str) -> tuple[str, str] | None:
    """``(title, iso_date)`` for a ``Title – date`` heading, else None."""
    m = _DATED_TITLE.match(line)
    if m and len(m.group("title")) <= _TITLE_MAX:
        iso = parse_date(m.group("date"))
        if iso:
            return m.group("title").strip(), iso
    return None


def _publisher_and_date(line: str) -> tuple[str, str] | None:
    """``(publisher, iso_date)`` for a ``Publisher | date`` or ``date | Publisher`` line."""
    m = _PIPE_LINE.match(line)
    if not m:
        return None
    a, b = m.group("a"), m.group("b")
    for pub, when in ((a, b), (b, a)):
        iso = parse_date(when)
        if iso and parse_date(pub) is None and regex.search(r"\p{L}", pub):
            return pub.strip(), iso
    return None


def _credits(line: str) -> list[str] | None:
    m = _CREDITS.match(line)
    if not m:
        return None
    # A closing full stop ends the line, not the name ("Par Marie Dupont.").
    return [n.rstrip(".") for n in _NAME_SPLIT.split(m.group("names")) if n.rstrip(".")]


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not _is_chrome(line)


def _split(lines: list[str]) -> list[list[str]]:
    """The lines of ``lines`` grouped into one list per article."""
    chunks: list[list[str]] = []
    current: list[str] = []
    content = 0  # lines of the current article that are neither blank nor chrome
    for line in lines:
        if _SEPARATOR.match(line):
            chunks.append(current)
            current, content = [], 0
            continue
        # A dated heading after some body opens the next article.
        if content >= 2 and _dated_title(line):
            chunks.append(current)
            current, content = [], 0
        current.append(line)
        content += _is_content(line)
        # A source URL after some body closes the article; near the top it is metadata.
        if content >= 3 and _URL_LINE.match(line):
            chunks.append(current)
            current, content = [], 0
    chunks.append(current)
    return [c for c in chunks if any(_is_content(line) for line in c)]


def _header_line(line: str, meta: _Meta, more_content: bool, next_line: str | None) -> bool:
    """Reads ``line`` into ``meta`` if it is part of the header; False once the body starts."""
    if not line.strip() or _is_chrome(line):
        return True
    if m := _URL_LINE.match(line):
        meta.url = meta.url or m.group("url")
        return True
    if pd := _publisher_and_date(line):
        meta.publisher = meta.publisher or pd[0]
        meta.date = meta.date or pd[1]
        return True
    if m := _SOURCE_LINE.match(line):
        meta.publisher = meta.publisher or m.group("pub").strip()
        return True
    if iso := parse_date(line):
        meta.date = meta.date or iso
        return True
    if (names := _credits(line)) is not None:
        meta.authors.extend(names)
        return True
    if meta.title is None and more_content:
        if td := _dated_title(line):
            meta.title, meta.date = td[0], meta.date or td[1]
            return True
        # A heading stands apart: a blank line or a metadata line follows it.
        apart = next_line is None or not next_line.strip() or _is_metadata(next_line)
        s = line.strip()
        if apart and len(s) <= _TITLE_MAX and not _SENTENCE_END.search(s):
            meta.title = s
            return True
    return False


def _is_metadata(line: str) -> bool:
    return bool(
        _is_chrome(line)
        or _URL_LINE.match(line)
        or _publisher_and_date(line)
        or _SOURCE_LINE.match(line)
        or parse_date(line)
    )


def _parse(lines: list[str]) -> Article | None:
    """One article from its lines: header read into metadata, chrome dropped from the body."""
    meta = _Meta()
    content_left = sum(_is_content(line) for line in lines)
    start = len(lines)
    for i, line in enumerate(lines):
        content_left -= _is_content(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if not _header_line(line, meta, content_left > 0, nxt):
            start = i
            break
    body: list[str] = []
    for line in lines[start:]:
        if _is_chrome(line) or parse_date(line):
            continue  # page chrome, or a stray date stamp of the page (not a new article)
        if m := _URL_LINE.match(line):
            meta.url = meta.url or m.group("url")
            continue
        if (names := _credits(line)) is not None:
            meta.authors.extend(n for n in names if n not in meta.authors)
            continue
        # Removing a line between two blank ones must not leave a double gap.
        if not line.strip() and (not body or not body[-1].strip()):
            continue
        body.append(line.rstrip())
    text = "\n".join(body).strip("\n")
    if not text and meta.title is None:
        return None
    if meta.date is None:
        meta.date = dateline(text)
    return Article(
        text=text,
        title=meta.title,
        date=meta.date,
        url=meta.url,
        publisher=meta.publisher,
        authors=meta.authors,
    )


def dateline(body: str) -> str | None:
    """The date of a dateline opening one of the first paragraphs of ``body``, if any."""
    paragraphs = [p for p in body.split("\n") if p.strip()][:_DATELINE_PARAGRAPHS]
    for p in paragraphs:
        m = search_date(p, 0, min(len(p), 120))
        if m and _DATELINE_HEAD.match(p[: m.start]) and _DATELINE_TAIL.match(p[m.end :]):
            return m.iso
    return None
