"""Direct speech: quoted passages with an attribution next to them (:mod:`..detect.direct`).

One walk over the quoted passages (:func:`~quoteattr.detect.direct.find_direct`) yields the
quotations of six constructions; a paragraph signed « —Name » is a seventh.
"""

from __future__ import annotations

from ..detect.direct import find_dash_blocks, find_direct
from ..detect.found import Found
from ..detect.rules import Context, Rule, register
from ..detect.triggers import (
    ends_on_colon,
    quote_introduced,
    quote_signed_by_dash,
    quote_with_cue,
    signed,
    standalone_quote,
)


def _passages(ctx: Context) -> list[Found]:
    return find_direct(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


def _signed(ctx: Context) -> list[Found]:
    return find_dash_blocks(ctx.doc, ctx.quoted)


register(
    Rule(
        "direct:inner",
        "direct",
        0.95,
        _passages,
        trigger=quote_with_cue,
        doc="« Oui, a-t-il dit, mais non. »: an incise inside the marks, cut out of the content",
    )
)
register(
    Rule(
        "direct:incise",
        "direct",
        0.95,
        _passages,
        trigger=quote_with_cue,
        doc="« … », a affirmé M. Wang.",
    )
)
register(
    Rule(
        "direct:embedded",
        "mixed",
        0.8,
        _passages,
        trigger=quote_with_cue,
        doc="L'usine produira jusqu'« à 500 millions », explique X: a fragment ending a "
        "sentence of reported speech makes the sentence mixed speech",
    )
)
register(
    Rule(
        "direct:dash",
        "direct",
        0.8,
        _passages,
        trigger=quote_signed_by_dash,
        reach="neighbours",
        doc="« … » — Marie Dupont",
    )
)
register(
    Rule(
        "direct:colon",
        "direct",
        0.9,
        _passages,
        trigger=quote_introduced,
        doc="X a déclaré : « … », X : « … », Pour X, « … »",
    )
)
register(
    Rule(
        "direct:introduced",
        "direct",
        0.85,
        _passages,
        trigger=ends_on_colon,
        reach="neighbours",
        doc="« Le maire l'a dit ainsi : ¶ « … » »: a passage standing alone after a paragraph "
        "ending on a colon",
    )
)
register(
    Rule(
        "direct:standalone",
        "direct",
        0.6,
        _passages,
        trigger=standalone_quote,
        reach="neighbours",
        speaker_from="neighbour",
        doc="a quoted sentence standing alone: its speaker is in the sentence before or after",
    )
)
register(
    Rule(
        "direct:signed",
        "direct",
        0.7,
        _signed,
        trigger=signed,
        reach="paragraph",
        doc="a paragraph without marks signed « —Sonia Dridi, journaliste » at its end",
    )
)
