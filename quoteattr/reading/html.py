"""HTML pages: the article's text and metadata, extracted by trafilatura.

trafilatura is an optional dependency (``pip install quoteattr[html]``); without it, an HTML
input gives an :class:`ErrorRecord` that says so. Paragraphs are separated by blank lines, as
in the plain-text inputs. When the page gives no date, a dateline opening the body does.
"""

from __future__ import annotations

from typing import Any

import regex

from ..model import Article, ErrorRecord
from .dates import parse_date
from .plaintext import dateline

__all__ = ["MISSING_TRAFILATURA", "read_html"]

MISSING_TRAFILATURA = "reading HTML needs trafilatura: pip install quoteattr[html]"
# Page metadata worth keeping beside the article fields.
_META_KEYS = ("sitename", "hostname", "description", "language", "categories", "tags", "license")
# Markup that names the site; without it trafilatura guesses a site name from the title.
_SITE_NAME_TAG = regex.compile(
    r"<meta\b[^>]*(?:og:site_name|application-name|publisher|twitter:site)[^>]*>",
    regex.IGNORECASE,
)


def _extract(html: str) -> dict[str, Any] | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=False,
        # Dates from the page's markup only: htmldate's guesses from the text are often wrong
        # ("1er août 2012" read as 2012-01-01), and the dateline reader does better there.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def read_html(html: str, path: str = "") -> Article | ErrorRecord:
    """The article of one HTML page, or an error saying why there is none.

    >>> page = ("<html><head><title>Paris : la grève continue</title></head><body><article>"
    ...         "<h1>Paris : la grève continue</h1><p>6 juillet 2012. - « La grève continuera "
    ...         "jusqu'à ce que nous soyons entendus », a déclaré mardi la secrétaire générale "
    ...         "du syndicat devant les grévistes réunis place de la République.</p>"
    ...         "</article></body></html>")
    >>> art = read_html(page, "p.html")
    >>> art.title, art.date, art.text[:30]
    ('Paris : la grève continue', '2012-07-06', '6 juillet 2012. - « La grève c')
    """
    try:
        doc = _extract(html)
    except ImportError:
        return ErrorRecord(path=path, index=0, error=MISSING_TRAFILATURA)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on is one bad input
        return ErrorRecord(path=path, index=0, error=f"cannot parse the HTML page: {exc}")
    text = (doc or {}).get("text") or ""
    if not text.strip() or doc is None:
        return ErrorRecord(path=path, index=0, error="no article text found in the HTML page")
    # trafilatura ends each paragraph with one newline; a blank line marks them apart.
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    title = doc.get("title") or None
    # The page heading is the title, not the body (the text readers keep them apart too).
    if title and paragraphs and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    date = parse_date(doc.get("date") or "") or dateline(body)
    meta = {k: doc[k] for k in _META_KEYS if doc.get(k)}
    return Article(
        text=body,
        id=f"{path}#0",
        path=path,
        index=0,
        title=title,
        date=date,
        url=doc.get("url") or None,
        publisher=(doc.get("sitename") or None) if _SITE_NAME_TAG.search(html) else None,
        authors=authors,
        meta=meta,
    )
