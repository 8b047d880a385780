"""quoteattr: who said what, and when, in French news.

>>> import quoteattr
>>> quotes = quoteattr.extract("« Nous gagnerons », a déclaré Marie Dupont.")
>>> quotes[0].text, quotes[0].type, quotes[0].speaker.name
('Nous gagnerons', 'direct', 'Marie Dupont')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .evaluate import evaluate
from .model import SCHEMA_VERSION, Article, ArticleRef, Cue, ErrorRecord, Part, Quote, Speaker
from .render import render

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleRef",
    "Cue",
    "ErrorRecord",
    "Part",
    "Quote",
    "Speaker",
    "evaluate",
    "extract",
    "extract_files",
    "render",
]

__version__ = "0.1.0"


def extract(article: Article | str) -> list[Quote]:
    """The quotations of one article (or bare French text), attributed and dated.

    The spaCy model loads once per process, on the first call.
    """
    from .pipeline import Extractor

    return _extractor(Extractor).extract(article)


def extract_files(
    paths: Iterable[str | Path], *, date: str | None = None, publisher: str | None = None
) -> Iterator[Quote]:
    """The quotations of every article in ``paths`` (files, directories, ``-`` for stdin).

    ``date`` and ``publisher`` fill in articles that lack them. Inputs that cannot be read
    are skipped with a warning; ``quoteattr extract`` records them in its manifest instead.
    """
    import warnings

    from .pipeline import Extractor
    from .reading import read_paths

    def readable() -> Iterator[Article]:
        for item in read_paths([str(p) for p in paths], date=date, publisher=publisher):
            if isinstance(item, ErrorRecord):
                warnings.warn(f"{item.path}: {item.error}", stacklevel=3)
            else:
                yield item

    for _, result in _extractor(Extractor).pipe(readable()):
        if isinstance(result, ErrorRecord):
            warnings.warn(f"{result.path}: {result.error}", stacklevel=2)
        else:
            yield from result


_cache: dict[str, object] = {}


def _extractor(cls: type) -> object:
    if "default" not in _cache:
        _cache["default"] = cls()
    return _cache["default"]
