"""What detection hands to attribution: a quotation's spans, its cue and its speaker mention."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span


@dataclass(frozen=True)
class Found:
    """A detected quotation, before names are resolved and dates computed.

    ``parts`` are character spans of the reported content (several when an incise cuts it);
    ``mention`` is the words that name or stand for the speaker (possibly a pronoun), or None
    when detection could not see one; ``cue`` the reporting verb or marker; ``rule`` the name
    of the registered rule (:mod:`quoteattr.detect.rules`) that found it. A record is never
    changed: a later stage makes a new one (``dataclasses.replace``).
    """

    type: str
    parts: list[tuple[int, int]]
    cue: Span | None
    cue_lemma: str
    mention: Span | None
    confidence: float
    rule: str
    # Character span of the whole construction (content, cue and incise): a quotation whose
    # cue lies inside another quotation's content is nested and not listed separately.
    outer: tuple[int, int] = (0, 0)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def mixed_if_quoted(f: Found, words_inside: bytearray) -> Found:
    """``f`` as mixed speech when its content holds a quoted passage of someone's words
    (``words_inside`` is :func:`.marks.words_mask` of the text)."""
    if any(words_inside.find(1, a, b) >= 0 for a, b in f.parts):
        return replace(f, type="mixed")
    return f
