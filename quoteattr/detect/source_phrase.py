"""What the phrase after « selon » names: a source that speaks or writes, or a criterion.

« selon le ministre » and « selon un bilan de la préfecture » report someone; « selon les
régions » and « selon chaque cas » mean "depending on" and report nobody. A document or a
piece of information (``data/source_documents.txt``: « selon le bilan le plus récent »,
« selon d'autres témoignages ») is a source of its own when it names no author.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..data import words
from .clauses import can_speak, noun_phrase
from .doccache import ents_of

# Determiners after which « selon » always means "depending on".
_EACH = {"chaque", "différents", "différentes", "divers", "diverses", "tel", "telle"}
_DE = {"de", "du", "des", "d'", "d’"}


def criterion_nouns() -> frozenset[str]:
    """Nouns for which « selon les X » means "depending on the X" (``data/criterion_nouns.txt``)."""
    return words("criterion_nouns.txt")


def source_documents() -> frozenset[str]:
    """Nouns for documents and information a source speaks through (« rapport », « bilan »)."""
    return words("source_documents.txt")


def is_criterion(doc: Doc, start: int, limit: int) -> bool:
    """Whether the words from ``start`` (just after « selon ») name a criterion, not a source:
    « selon que … », « selon chaque cas », « selon les différentes académies », « selon les
    régions »."""
    toks = [t for t in doc[start : min(limit, start + 3)]]
    if not toks:
        return False
    first = toks[0].lower_
    if first in {"que", "qu'", "qu’"} or first in _EACH:
        return True
    if first != "les" or len(toks) < 2:
        return False
    second = toks[1].lower_
    if second in _EACH and len(toks) > 2:
        return True
    return second in criterion_nouns()


def document_source(doc: Doc, start: int, end: int) -> Span | None:
    """The source of a document phrase ``doc[start:end]`` (« un communiqué de la police »,
    « le bilan le plus récent », « les informations des autorités »): its author when it names
    one — an entity, or a speaking noun after « de » — else the document phrase itself.
    None when the phrase is not headed by a document noun."""
    region = doc[start:end]
    heads = [t for t in region if t.pos_ in {"NOUN", "PROPN"}]
    if (
        not heads
        or heads[0].lemma_.lower() not in source_documents()
        and (heads[0].lower_ not in source_documents())
    ):
        return None
    if any(t.pos_ == "ADP" and t.lower_ not in _DE for t in doc[start : heads[0].i]):
        return None  # « selon moi, en bref, … »: the noun is not the phrase's head
    ents = [
        e for e in ents_of(doc) if e.label_ in {"ORG", "PER"} and e.start >= start and e.end <= end
    ]
    if ents:
        return ents[0]
    # « les informations des autorités »: the complement names who gave them.
    j = heads[0].i + 1
    while j < end and doc[j].pos_ == "ADJ":
        j += 1
    if j < end and doc[j].lower_ in _DE and j + 1 < end:
        author = noun_phrase(doc, j + 1, end)
        if can_speak(author) and author[0].pos_ != "PRON":
            return author
    # « un bilan communiqué par l'hôpital »: the agent of the participle is the author.
    par = next((t.i for t in doc[heads[0].i + 1 : end] if t.lower_ == "par"), None)
    if par is not None and par + 1 < end and doc[par - 1].pos_ in {"VERB", "ADJ"}:
        author = noun_phrase(doc, par + 1, end)
        if can_speak(author) and author[0].pos_ != "PRON":
            return author
    # The document itself speaks: trim what follows the phrase.
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


# Small words inside a title of a medium or a body (« Le Canard enchaîné », « The Wall Street
# Journal », « Reporters sans frontières »).
_TITLE_WORDS = {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "the", "of", "sans"}


def title_source(doc: Doc, start: int, end: int) -> Span | None:
    """A title in capitals that runs from ``start`` to ``end`` (« The Lakeside Courier »,
    « Der Spiegel »): a medium or a body the tagger took for foreign words, not a name."""
    toks = doc[start:end]
    if not 0 < len(toks) <= 6 or not toks[0].text[:1].isupper():
        return None
    if not all(t.text[:1].isupper() or t.lower_ in _TITLE_WORDS for t in toks):
        return None
    if not any(t.pos_ in {"PROPN", "X"} or t.ent_type_ for t in toks):
        return None
    return toks
