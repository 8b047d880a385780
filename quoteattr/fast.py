"""Fast mode's parsing: spaCy on the pre-scanned text, with the lemmatizer's work cached.

:func:`quoteattr.prescan.blank_unlikely` has already turned the sentences that cannot hold
reported speech into spaces. What remains costs what spaCy costs, less the rule lemmatizer:
its result depends only on a token's form and part of speech, yet it rebuilds it token by
token in Python. :class:`CachedLemmas` computes each (form, part of speech) once and sets all
lemmas of a doc through arrays, giving the very same lemmas. The French models' attribute
ruler is skipped too when all it does is what :func:`marks_spaces_only` allows: extraction
reads none of the tags it sets, and whitespace tokens are marked SPACE here with two arrays.

>>> from quoteattr.nlp import load_nlp
>>> nlp = load_nlp()
>>> docs = [nlp.make_doc("« Nous partons », ont dit les élèves.")]
>>> [[t.lemma_ for t in doc] for doc, _ in pipe(nlp, ((d, 0) for d in docs))]
[['«', 'nous', 'partir', '»', ',', 'avoir', 'dire', 'le', 'élève', '.']]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import numpy
from spacy.attrs import IS_SPACE, LEMMA, ORTH, POS
from spacy.parts_of_speech import SPACE as _SPACE
from spacy.parts_of_speech import X as _X

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

C = TypeVar("C")

_LEMMATIZER = "lemmatizer"
_COMPONENT = "quoteattr"
_RULER = "attribute_ruler"


class CachedLemmas:
    """Sets the lemmas ``nlp``'s rule lemmatizer would set, computing each one once.

    Like the lemmatizer (without ``overwrite``), it leaves lemmas set earlier in the
    pipeline (by the attribute ruler) alone.
    """

    def __init__(self, nlp: Language) -> None:
        self.lemmatizer: Any = nlp.get_pipe(_LEMMATIZER)
        self.strings = nlp.vocab.strings
        # Strings, not their hashes: a memory zone frees the strings it added on exit.
        self.cache: dict[tuple[int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, LEMMA])
        lemmas = rows[:, 2].copy()
        add = self.strings.add
        for i in numpy.flatnonzero(lemmas == 0).tolist():
            key = (int(rows[i, 0]), int(rows[i, 1]))
            lemma = self.cache.get(key)
            if lemma is None:
                # The lemmatizer's own rules, once per (form, part of speech).
                lemma = self.cache[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = add(lemma)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # stubs: to_array gives floats
        return doc


_cached: dict[int, CachedLemmas] = {}


def cached_lemmas(nlp: Language, create: bool = True) -> CachedLemmas | None:
    """The lemma cache of ``nlp`` (one per pipeline), made on first use when ``create``."""
    lemmas = _cached.get(id(nlp))
    if lemmas is not None and lemmas.lemmatizer is nlp.get_pipe(_LEMMATIZER):
        return lemmas
    if not create:
        return None
    lemmas = _cached[id(nlp)] = CachedLemmas(nlp)
    return lemmas


def bound_cache(cache: object, limit: int) -> None:
    """Empties ``cache`` (a dict) once it holds more than ``limit`` entries.

    >>> cache = {i: i for i in range(5)}
    >>> bound_cache(cache, 10), len(cache), bound_cache(cache, 3), len(cache)
    (None, 5, None, 0)
    """
    if isinstance(cache, dict) and len(cache) > limit:
        cache.clear()


def pipe(
    nlp: Language, docs: Iterable[tuple[Doc, C]], batch_size: int | None = None
) -> Iterator[tuple[Doc, C]]:
    """``nlp.pipe(docs, as_tuples=True)`` with the lemmas cached: same docs, same quotes.

    A pipeline without a rule lemmatizer named ``lemmatizer`` runs unchanged.
    """
    lemmatizer = nlp.get_pipe(_LEMMATIZER) if _LEMMATIZER in nlp.pipe_names else None
    if getattr(lemmatizer, "mode", None) != "rule" or _COMPONENT not in nlp.pipe_names:
        yield from nlp.pipe(docs, as_tuples=True, batch_size=batch_size)
        return
    lemmas = cached_lemmas(nlp)
    assert lemmas is not None  # made on first use
    component: Any = nlp.get_pipe(_COMPONENT)
    # The lemmatizer feeds no model (NER reads forms and shapes), so it may run last.
    skipped = [_LEMMATIZER, _COMPONENT]
    ruler = _RULER in nlp.pipe_names and marks_spaces_only(nlp.get_pipe(_RULER))
    if ruler:
        skipped.append(_RULER)
    parsed = nlp.pipe(docs, as_tuples=True, batch_size=batch_size, disable=skipped)
    for doc, context in parsed:
        if ruler:
            _mark_spaces(doc)
        yield component(lemmas(doc)), context


def marks_spaces_only(ruler: Any) -> bool:
    """Whether an attribute ruler does nothing extraction reads but mark whitespace tokens
    (part of speech SPACE) and set other tokens' tags to their part of speech, as the
    French models' ruler does. Such a ruler is replaced by :func:`_mark_spaces`.

    >>> from quoteattr.nlp import load_nlp
    >>> marks_spaces_only(load_nlp().get_pipe("attribute_ruler"))
    True
    """
    for rule in ruler.patterns:
        patterns, attrs = rule["patterns"], rule["attrs"]
        if len(patterns) != 1 or len(patterns[0]) != 1:
            return False
        (token,) = patterns[0]
        if "IS_SPACE" in token or token.get("POS") == "SPACE":
            if set(attrs) <= {"TAG", "POS", "MORPH", "DEP"}:
                continue  # the whitespace rules, which _mark_spaces does
            return False
        if set(attrs) != {"TAG"} or set(token) != {"POS"} or attrs["TAG"] != token["POS"]:
            return False
    return True


def _mark_spaces(doc: Doc) -> None:
    # Whitespace is SPACE, and nothing else is: what the French models' ruler does to the
    # parts of speech (tags, which extraction never reads, are left unset).
    rows = doc.to_array([POS, IS_SPACE])
    pos = rows[:, 0].copy()
    space = rows[:, 1] == 1
    pos[space] = _SPACE
    pos[~space & (pos == _SPACE)] = _X
    doc.from_array([POS], pos.reshape(-1, 1))  # type: ignore[arg-type]  # stubs: to_array gives floats
