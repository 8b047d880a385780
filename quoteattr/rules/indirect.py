"""Indirect and mixed speech around a reporting cue (:mod:`..detect.indirect`).

One walk over the sentence units (:func:`~quoteattr.detect.indirect.find_indirect`) yields
the quotations of all six constructions. Content holding a quoted passage is mixed speech.
"""

from __future__ import annotations

from ..detect.found import Found
from ..detect.indirect import find_indirect
from ..detect.rules import Context, Rule, register
from ..detect.triggers import (
    cue_before_infinitive,
    cue_in_incise,
    cue_in_que_frame,
    quote_with_cue,
    quoted_predicate,
)


def _cues(ctx: Context) -> list[Found]:
    return find_indirect(ctx.doc, ctx.quoted, ctx.units, ctx.lexicon)


register(
    Rule(
        "indirect:que",
        "indirect",
        0.9,
        _cues,
        trigger=cue_in_que_frame,
        doc="M. Wang a affirmé que P",
    )
)
register(
    Rule(
        "indirect:inf",
        "indirect",
        0.8,
        _cues,
        trigger=cue_before_infinitive,
        doc="Sonia Dridi a déclaré avoir été agressée",
    )
)
register(
    Rule(
        "indirect:participle",
        "indirect",
        0.85,
        _cues,
        trigger=cue_in_que_frame,
        doc="…, ajoutant que P / Notant que P, M. Poutine a indiqué que Q",
    )
)
register(
    Rule(
        "indirect:incise",
        "indirect",
        0.9,
        _cues,
        trigger=cue_in_incise,
        doc="P, a-t-il dit. / La Chine, a insisté M. Xi, est prête …",
    )
)
register(
    Rule(
        "indirect:quoted-object",
        "mixed",
        0.65,
        _cues,
        trigger=quote_with_cue,
        doc="a qualifié la situation de « préoccupante »",
    )
)
register(
    Rule(
        "indirect:quoted-predicate",
        "mixed",
        0.6,
        _cues,
        trigger=quoted_predicate,
        doc="La fédération met « tout en œuvre pour que la saison reprenne en mars »",
    )
)
