"""A sentence carrying a speaker's words on between two quotations (:mod:`..detect.continued`).

It reads the quotations the other rules kept, so it runs after them (``after_others``); its
speaker is the previous quotation's, kept only when the next one has the same.
"""

from __future__ import annotations

from ..detect.continued import RULE, find_continued
from ..detect.found import Found
from ..detect.rules import Context, Rule, register
from ..detect.triggers import continuation


def _going_on(ctx: Context) -> list[Found]:
    return find_continued(ctx.doc, list(ctx.found), ctx.units)


register(
    Rule(
        RULE,
        "indirect",
        0.5,
        _going_on,
        speaker_from="previous",
        trigger=continuation,
        after_others=True,
        doc="« … », selon X. Elle reste sur trois victoires. « … », insiste-t-il.",
    )
)
