"""The reportive conditional: a sentence right after a reported statement, in the same
paragraph, with no cue of its own and its main verb in the conditional, goes on reporting the
same source — « Selon le chercheur, la planète est rocheuse. D'autres planètes orbiteraient
autour de l'étoile. » French news uses the conditional to mark what it has not checked, which
is what a source said; the speaker is the previous statement's.

Kept out: a sentence opening on « si » (the conditional of a hypothesis), the modal « pouvoir »
and « devoir » as main verb (« Le bilan pourrait s'alourdir » is often the writer's hedge),
a sentence with quotation marks or in the first or second person.
"""

from __future__ import annotations

from bisect import bisect_left

import regex
from spacy.tokens import Span

from ..detect.doccache import text_of
from ..detect.found import Found
from ..detect.rules import Context, Rule, register
from ..detect.sentences import before_stops

RULE = "indirect:reportive-conditional"
_OPENERS = {"si", "s'", "s’", "selon", "d'", "d’", "pour", "même"}
_HEDGES = {"pouvoir", "devoir"}
_MARKS = set('«»“”"')


def find_reportive_conditionals(ctx: Context) -> list[Found]:
    """The sentence after each reported statement whose main verb is conditional."""
    doc, text = ctx.doc, text_of(ctx.doc)
    starts = [s for s, _ in ctx.units]
    taken = sorted(part for f in ctx.found for part in f.parts)
    out: list[Found] = []
    for f in ctx.found:
        if f.mention is None or f.type == "direct" or f.rule == RULE:
            continue
        k = bisect_left(starts, f.outer[1])
        if k >= len(ctx.units):
            continue
        a, b = ctx.units[k]
        if "\n" in text[f.outer[1] : a] or any(c in _MARKS for c in text[a:b]):
            continue  # the same paragraph, and no quoted words of its own
        if any(x < b and a < y for x, y in taken):
            continue  # another rule reads it already
        unit = doc.char_span(a, b, alignment_mode="expand")
        if unit is None or not _conditional(unit):
            continue
        end = unit.end
        end = before_stops(doc, unit.start, end)
        if end - unit.start < 4:
            continue
        out.append(
            Found(
                type="indirect",
                parts=[(unit.start_char, doc[end - 1].idx + len(doc[end - 1].text))],
                cue=None,
                cue_lemma="",
                mention=f.mention,
                confidence=0.5,
                rule=RULE,
                outer=(unit.start_char, unit.end_char),
            )
        )
    return out


def _conditional(unit: Span) -> bool:
    """Whether the sentence's main verb is in the conditional, and nothing else says whose
    words they are."""
    if unit[0].lower_ in _OPENERS:
        return False
    roots = [t for t in unit if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return False
    root = roots[0]
    # The conditional may sit on the verb or on its auxiliary (« aurait couvé », « serait »).
    group = [root, *(c for c in root.children if c.dep_ in {"cop", "aux:tense", "aux:pass"})]
    if root.lemma_ in _HEDGES or not any("Cnd" in t.morph.get("Mood") for t in group):
        return False
    return not any(
        set(t.morph.get("Person")) & {"1", "2"} for t in unit if t.pos_ in {"VERB", "AUX", "PRON"}
    )


# A verb form in the conditional (« orbiteraient », « faudrait »), the cheap test of fast mode.
_CONDITIONAL = regex.compile(r"(?i)\b\p{L}{2,}r(?:ait|aient)\b")


def _trigger(sentence: str) -> bool:
    return _CONDITIONAL.search(sentence) is not None and not sentence.lstrip().lower().startswith(
        ("si ", "s'", "s’")
    )


register(
    Rule(
        RULE,
        "indirect",
        0.5,
        find_reportive_conditionals,
        after_others=True,
        trigger=_trigger,
        doc="Selon le chercheur, P. D'autres planètes orbiteraient autour de l'étoile.",
    )
)
