"""Reported speech with no cue of its own: a sentence that carries on a speaker's words.

« Selon l'entraîneur, l'équipe a manqué de rythme. Elle reste sur trois victoires. La
défense, insiste-t-il, a tenu. »: the middle sentence stands between two quotations, the
second of which goes on under a pronoun (« insiste-t-il »), so the speaker never stopped
talking. Which speaker that is, and whether both ends agree, is for attribution to check.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex
from spacy.tokens import Doc, Span

from ..data import words as data_words
from .closed_class import inverted_subjects, personal_pronouns
from .doccache import text_of
from .found import Found

# Subject clitics and pronouns that carry the previous speaker on (« appuie-t-il »).
_GOING_ON = personal_pronouns() | inverted_subjects(personal=True)
RULE = "indirect:continued"


def find_continued(doc: Doc, found: list[Found], units: list[tuple[int, int]]) -> list[Found]:
    """Sentences standing alone between two quotations whose second one is spoken by a
    pronoun, in one paragraph: the first quotation's speaker goes on talking."""
    text = text_of(doc)
    out: list[Found] = []
    # Units are disjoint and in text order: those between two quotations are a slice.
    starts = [s for s, _ in units]
    ends = [e for _, e in units]
    for a, b in zip(found, found[1:], strict=False):
        if b.mention is None or b.mention.text.strip().lower() not in _GOING_ON:
            continue
        lo = bisect_left(starts, a.outer[1])
        hi = bisect_right(ends, min(b.outer[0], b.start))
        between = units[lo:hi]
        if len(between) != 1:
            continue
        s, e = between[0]
        # One paragraph, no gap: the units around the middle one hold the two quotations.
        if "\n" in text[a.outer[1] : b.start] or text[a.outer[1] : s].strip(" .!?…"):
            continue
        if text[e : min(b.outer[0], b.start)].strip():
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not _plain_statement(span):
            continue
        end = e
        while end > s and text[end - 1] in " .!…":
            end -= 1
        out.append(
            Found(
                type="indirect",
                parts=[(s, end)],
                cue=None,
                cue_lemma="",
                mention=None,
                confidence=0.5,
                rule=RULE,
                outer=(s, e),
            )
        )
    return out


def _plain_statement(span: Span) -> bool:
    """A declarative third-person sentence of a few words that names no new person, quotes
    nothing and carries an argument on (``data/continuation_words.txt``): the kind of
    sentence that goes on a speaker's words."""
    toks = list(span)
    words = [t for t in toks if t.is_alpha]
    if len(words) < 4 or toks[-1].text in {"?", ":"}:
        return False
    if any(t.text in {"«", "»", '"', "“", "”", ":"} for t in toks):
        return False
    if any(t.ent_type_ in {"PER", "ORG"} for t in toks):
        return False  # a new source on stage: the narrative has taken over
    finite = [t for t in toks if t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm")]
    if not finite or any(set(t.morph.get("Person")) & {"1", "2"} for t in finite):
        return False
    # « Elle est aussi … », « Il reste toutefois … »: the argument goes on; a bare fact
    # (« L'usine emploie 800 personnes ») is the writer's background.
    lowered = span.text.lower().replace("’", "'")
    return any(
        regex.search(rf"(?<!\w){regex.escape(w)}(?!\w)", lowered)
        for w in data_words("continuation_words.txt")
    )
