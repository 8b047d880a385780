"""The scan several cue rules share: every token outside quoted passages, sentence unit by
sentence unit, with the offset its content may reach; what a rule builds there is mixed
speech when its content holds someone's quoted words."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .doccache import quoted_words, text_of
from .found import Found, mixed_if_quoted
from .marks import Quoted, quoted_mask
from .sentences import content_limit, unit_spans

#: What a rule builds at a token: ``(unit, token, limit)`` → a quotation or None.
Build = Callable[[Span, Token, int], "Found | None"]


def find_in_units(
    doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]], build: Build
) -> list[Found]:
    """What ``build`` finds at each token of ``doc`` outside quoted passages, in text order,
    made mixed where its content holds a quoted passage."""
    inside = quoted_mask(text_of(doc), quoted)
    words_inside = quoted_words(doc, quoted)
    found: list[Found] = []
    for unit in unit_spans(doc, units):
        limit = content_limit(unit)
        for tok in unit:
            if inside[tok.idx]:
                continue
            f = build(unit, tok, limit)
            if f is not None:
                found.append(mixed_if_quoted(f, words_inside))
    return found
