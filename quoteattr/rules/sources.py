"""Attribution without a verb: « selon X », « d'après X », « pour X » (:mod:`..detect.sources`).

One walk over the sentence units (:func:`~quoteattr.detect.sources.find_sources`) yields the
quotations of the four constructions. They weigh half a type less than a quotation with a
cue when both share content (``priority``).
"""

from __future__ import annotations

from ..detect.found import Found
from ..detect.rules import Context, Rule, register
from ..detect.sources import find_sources
from ..detect.triggers import named_after, source_marker, verdict

# A source marker attributes less surely than a cue: half a type's rank below.
_BELOW_CUES = -0.5


def _markers(ctx: Context) -> list[Found]:
    return find_sources(ctx.doc, ctx.quoted, ctx.units)


register(
    Rule(
        "source:leading",
        "indirect",
        0.85,
        _markers,
        trigger=source_marker,
        priority=_BELOW_CUES,
        doc="Selon X, P (the marker's weight: selon 0.85 … pour 0.7)",
    )
)
register(
    Rule(
        "source:trailing",
        "indirect",
        0.85,
        _markers,
        trigger=source_marker,
        priority=_BELOW_CUES,
        doc="P, selon X.",
    )
)
register(
    Rule(
        "source:verdict",
        "indirect",
        0.7,
        _markers,
        trigger=verdict,
        priority=_BELOW_CUES,
        doc="Le message est clair pour les syndicats : la grève continuera.",
    )
)
register(
    Rule(
        "source:named-after",
        "indirect",
        0.7,
        _markers,
        trigger=named_after,
        reach="neighbours",
        priority=_BELOW_CUES,
        doc="P. C'est la remarque de Kareyce Fotso.",
    )
)
