"""The records quoteattr reads and writes: articles, quotes, speakers, cues.

Every record is a plain dataclass that serialises to JSON with ``to_json``/``to_dict`` and
comes back with ``from_json``/``from_dict``. One :class:`Quote` is one line of the JSONL that
``quoteattr extract`` writes; its layout is versioned by :data:`SCHEMA_VERSION`.

>>> q = Quote(text="La Chine est prête", type="indirect", start=0, end=18)
>>> Quote.from_json(q.to_json()) == q
True
"""

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dataclasses_json import DataClassJsonMixin, config

from .schema import check

#: Version of the JSONL layout; bumped whenever a field changes meaning or disappears.
SCHEMA_VERSION = 1

QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organisation", "group", "unnamed"]
DateBasis = Literal["explicit", "relative", "article"]
#: Where a speaker's gender comes from: an honorific (« Mme », « M. »), a pronoun resolved to
#: them (« elle »), the agreement of a role noun, determiner or participle (« la ministre »,
#: « directrice », « s'est dite satisfaite »), or — only when the text says nothing — a first
#: name that is overwhelmingly of one sex at birth.
GenderSource = Literal["title", "pronoun", "agreement", "firstname"]


class _Record(DataClassJsonMixin):
    """A record read back from JSON is checked against its fields' types first."""

    @classmethod
    def from_dict(cls, kvs: Any, *, infer_missing: bool = False) -> Any:
        """The record of the JSON object ``kvs``; :class:`~quoteattr.schema.RecordError`
        (a ``ValueError``) naming the field when a key is missing or of the wrong type."""
        check(cls, kvs)
        return super().from_dict(kvs, infer_missing=infer_missing)


@dataclass
class Article(_Record):
    """One news article: its body text (which quote offsets point into) and its metadata.

    ``path`` is the input it came from and ``index`` its position inside that input (a file
    may hold several articles). ``date`` is the publication date, ISO ``YYYY-MM-DD``.
    Keys of JSON inputs that quoteattr does not know are kept in ``meta``.

    >>> Article(text="« Bonjour », a-t-il dit.", title="Salut").title
    'Salut'
    """

    text: str
    id: str = ""
    path: str = ""
    index: int = 0
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def ref(self) -> "ArticleRef":
        """The metadata a quote carries about its article (everything but the text)."""
        return ArticleRef(
            id=self.id,
            path=self.path,
            index=self.index,
            title=self.title,
            date=self.date,
            url=self.url,
            publisher=self.publisher,
        )


@dataclass
class ArticleRef(_Record):
    """Where a quote comes from: the article's identity and metadata, without its text."""

    id: str = ""
    path: str = ""
    index: int = 0
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass
class Part(_Record):
    """One continuous piece of a quote that an incise interrupts (offsets into the text)."""

    start: int
    end: int
    text: str


@dataclass
class Speaker(_Record):
    """Who said it.

    ``name`` is the canonical name across the article (``"Wang Yi"``), ``mention`` the words
    used at this quote (``"M. Wang"``, ``"il"``) with their offsets, ``kind`` one of person,
    organisation, group or unnamed, and ``role`` the title the article gives
    (``"ministre des Affaires étrangères"``), when it gives one.

    ``gender`` (``"f"``, ``"m"`` or None; never for organisations and groups) comes with its
    evidence in ``gender_source``. ``id`` identifies a named person or organisation across
    articles and runs: the same canonical name gives the same id (see
    :func:`quoteattr.attribute.identity.speaker_id`); unnamed sources have none.
    """

    name: str
    mention: str = ""
    start: int | None = None
    end: int | None = None
    kind: SpeakerKind = "person"
    role: str | None = None
    gender: Literal["m", "f"] | None = None
    gender_source: GenderSource | None = None
    id: str | None = None


@dataclass
class Cue(_Record):
    """The words that report the speech: a verb (``a affirmé``), ``selon``, a colon…"""

    text: str
    lemma: str
    start: int
    end: int


@dataclass
class Quote(_Record):
    """One reported statement, its speaker, its date and its source article.

    ``text`` is the reported content only (no quotation marks, cue or incise); ``start`` and
    ``end`` are character offsets into the article text. A quote cut by an incise lists its
    pieces in ``parts`` and its ``text`` is their texts joined by a space.
    ``date`` is the day the words were said and ``date_basis`` how it was found.
    ``cluster`` is the id of the statement's cluster across the corpus, when clustering was
    asked for (``quoteattr extract --cluster``, :mod:`quoteattr.corpus.clusters`); it is
    left out of the JSON when there is none, so lines of runs without it do not change.
    """

    text: str
    type: QuoteType
    start: int
    end: int
    parts: list[Part] = field(default_factory=list)
    speaker: Speaker | None = None
    cue: Cue | None = None
    date: str | None = None
    date_basis: DateBasis | None = None
    confidence: float = 0.0
    article: ArticleRef = field(default_factory=ArticleRef)
    # "schema" in JSON; named otherwise in Python, where schema() is the serialiser's method.
    schema_version: int = field(default=SCHEMA_VERSION, metadata=config(field_name="schema"))
    cluster: str | None = None

    def to_dict(self, encode_json: bool = False) -> dict[str, Any]:
        """The quote as a JSON object (keys in model order); ``cluster`` only when it has one.

        The model holds only JSON types, so the standard library's ``asdict`` builds the same
        object as dataclasses-json, several times faster (every quote of a run goes through
        here, in the spaCy component and in the writer)."""
        d = asdict(self)
        cluster = d.pop("cluster")
        # JSON calls the layout version "schema" (``schema_version`` in Python).
        d["schema"] = d.pop("schema_version")
        if cluster is not None:
            d["cluster"] = cluster
        return d


@dataclass
class ErrorRecord(_Record):
    """An input, or one article of it, that could not be read or processed, and why.

    ``line`` is the 1-based line number inside a JSONL input, when the error is tied to one.
    """

    path: str
    error: str
    index: int | None = None
    line: int | None = None
    id: str | None = None
