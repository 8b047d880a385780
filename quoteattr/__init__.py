"""quoteattr: who said what, and when, in French news.

>>> import quoteattr
>>> quotes = quoteattr.extract("« Nous gagnerons », a déclaré Marie Dupont.")
>>> quotes[0].text, quotes[0].type, quotes[0].speaker.name
('Nous gagnerons', 'direct', 'Marie Dupont')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .evaluate import evaluate
from .model import SCHEMA_VERSION, Article, ArticleRef, Cue, ErrorRecord, Part, Quote, Speaker
from .render import render

if TYPE_CHECKING:
    from .corpus.clusters import Cluster, Rules
    from .corpus.speakers import Directory
    from .corpus.stats import Stats

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleRef",
    "Cue",
    "ErrorRecord",
    "Part",
    "Quote",
    "Speaker",
    "cluster",
    "evaluate",
    "extract",
    "extract_files",
    "render",
    "speakers",
    "stats",
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


def cluster(quotes: Iterable[Quote | dict[str, Any]], rules: Rules | None = None) -> list[Cluster]:
    """The quotations of many articles grouped into statements, earliest first.

    Each :class:`~quoteattr.corpus.clusters.Cluster` holds the fullest text, every
    occurrence, the earliest date and its article, the agreed speaker and the number of
    outlets; every quotation is in exactly one cluster. ``quoteattr cluster`` streams files.

    >>> a = extract(Article(text="« Nous ne céderons pas sur les retraites », a déclaré "
    ...     "Marie Dupont.", id="afp", publisher="AFP", date="2024-03-04"))
    >>> b = extract(Article(text="Marie Dupont a affirmé qu'elle ne céderait pas sur les "
    ...     "retraites.", id="lm", publisher="Le Monde", date="2024-03-04"))
    >>> [(c.size, c.outlets, c.speaker, sorted(c.types)) for c in cluster(a + b)]
    [(2, 2, 'Marie Dupont', ['direct', 'indirect'])]
    """
    from .corpus.clusters import cluster as _cluster

    return _cluster(quotes, rules)


def speakers(quotes: Iterable[Quote | dict] | str | Path) -> Directory:
    """The speaker directory of ``quotes``: one entry per person or organisation, merged
    across articles (Quote objects, dicts, or a quotes JSONL path).

    >>> from quoteattr import ArticleRef, Quote, Speaker
    >>> def q(name, mention, art):
    ...     return Quote(text="…", type="direct", start=0, end=1,
    ...                  speaker=Speaker(name=name, mention=mention), article=ArticleRef(id=art))
    >>> d = speakers([q("Paul Roy", "Paul Roy", "a"), q("Roy", "M. Roy", "b")])
    >>> [(e.name, e.n_quotes, e.n_articles) for e in d]
    [('Paul Roy', 2, 2)]
    >>> d.entries[0].merged
    ['« Roy » (b): the only person of the corpus named Roy whose gender and roles fit']
    """
    from .corpus.speakers import build

    return build(quotes)


def stats(
    quotes: Iterable[Quote | dict] | str | Path,
    *,
    manifest: str | Path | None = None,
    top: int = 10,
) -> Stats:
    """Quotes and quoted people by gender, top sources, by outlet and month; ``manifest``
    (the extraction's ``OUT.articles.jsonl``) adds the people each article names.

    >>> from quoteattr import ArticleRef, Quote, Speaker
    >>> q = Quote(text="…", type="direct", start=0, end=1,
    ...           speaker=Speaker(name="Anne Morel", gender="f", gender_source="title"),
    ...           article=ArticleRef(id="a", publisher="Le Soir", date="2024-05-02"))
    >>> s = stats([q])
    >>> s.quotes_by_gender["f"], s.by_month[0]["month"], s.to_dict()["share_women"]["quotes"]
    (1, '2024-05', 1.0)
    """
    from .corpus.stats import compute

    return compute(quotes, manifest=manifest, top=top)


_cache: dict[str, Any] = {}


def _extractor(cls: type) -> Any:
    if "default" not in _cache:
        _cache["default"] = cls()
    return _cache["default"]
