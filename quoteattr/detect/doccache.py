"""Per-doc memos of values spaCy rebuilds on every access.

``Doc.text`` joins every token and ``Doc.ents`` walks every token each time they are read;
detection reads them hundreds of times per article, so they are computed once per doc.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from .marks import Quoted, words_mask

T = TypeVar("T")

_TEXT = "quoteattr.text"
_ENTS = "quoteattr.ents"
_STARTS = "quoteattr.starts"
_CLAUSE_ENDS = "quoteattr.clause_ends"  # clauses.clause_end's memo
_MEMOS = "quoteattr.memos"  # memo()'s values, by name


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Tells :func:`text_of` the text detection reads for ``doc``: the string the doc was
    made from (``nlp.make_doc(text)``), which then need not be rebuilt token by token, or,
    in fast mode, the full text of which the doc holds a copy with sentences blanked out."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end != len(text):
        raise ValueError(f"a text of {len(text)} characters for a doc of {end}")
    doc.user_data[_TEXT] = text


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, computed once."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
    return ents


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token, in order (for bisecting)."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = doc.to_array(IDX).tolist()
    return starts


def memo(doc: Doc, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, called once per doc for each ``name`` (a value several rules read,
    such as the mask of quoted words: each reads it from here instead of rebuilding it)."""
    memos: dict[str, Any] = doc.user_data.setdefault(_MEMOS, {})
    if name not in memos:
        memos[name] = compute()
    return memos[name]


def quoted_words(doc: Doc, quoted: list[Quoted]) -> bytearray:
    """:func:`.marks.words_mask` of the doc's text and its passages ``quoted``, built once
    for the rules that all read it (again only if they are given other passages)."""
    held = memo(doc, "words_mask", lambda: (quoted, words_mask(text_of(doc), quoted)))
    if held[0] is not quoted:
        return words_mask(text_of(doc), quoted)
    return held[1]


def forget(doc: Doc) -> None:
    """Drop the memos (before the doc is serialised or changed)."""
    for key in (_TEXT, _ENTS, _STARTS, _CLAUSE_ENDS, _MEMOS):
        doc.user_data.pop(key, None)
