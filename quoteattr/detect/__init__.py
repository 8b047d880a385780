"""Finding quotations: which stretches of an article are reported speech, and their cues.

The detectors run on one parsed ``Doc``; they know nothing of speakers' canonical names.

- :mod:`.marks` pairs quotation marks; :mod:`.sentences` cuts sentence units that never split
  a quotation;
- :mod:`.direct` keeps the quoted passages someone is reported as saying;
- :mod:`.indirect` finds que-clauses, infinitive clauses, incises and participial cues, and
  mixed speech;
- :mod:`.sources` handles « selon X », « d'après X », « pour X »;
- :mod:`.continued` finds sentences that carry a speaker's words on between two quotations;
- :mod:`.cues` holds the reporting-cue lexicon;
- :mod:`.rules` registers each construction as a :class:`~.rules.Rule` (the rules themselves
  are in :mod:`quoteattr.rules`): :func:`find_quotes` runs them all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import replace

from spacy.tokens import Doc

from .cues import CueLexicon
from .doccache import text_of
from .found import Found
from .marks import Quoted, pair_marks
from .rules import TYPE_RANK, Context, Rule, all_rules, rule_named
from .sentences import sentence_units

__all__ = ["CueLexicon", "Found", "find_quotes"]


def find_quotes(
    doc: Doc,
    lexicon: CueLexicon,
    quoted: list[Quoted] | None = None,
    units: list[tuple[int, int]] | None = None,
) -> list[Found]:
    """Every quotation of ``doc`` in text order, nested reported speech left out.

    ``quoted`` and ``units`` (from :func:`pair_marks` and :func:`sentence_units`) may be
    given when the caller already has them."""
    if quoted is None:
        quoted = pair_marks(text_of(doc))
    if units is None:
        units = sentence_units(text_of(doc), quoted)
    ctx = Context(doc, text_of(doc), quoted, units, lexicon)
    rules = all_rules()
    candidates = _run([r for r in rules if not r.after_others], ctx)
    kept = _resolve_overlaps(candidates)
    kept += _run([r for r in rules if r.after_others], replace(ctx, found=kept))
    kept.sort(key=lambda f: (f.start, f.end))
    return _widen(kept, units)


def _run(rules: list[Rule], ctx: Context) -> list[Found]:
    """The quotations of ``rules``, each ``find`` called once (several rules may share one),
    in registration order; a quotation of a rule not among them is left out."""
    names = {r.name for r in rules}
    done: set[int] = set()
    out: list[Found] = []
    for rule in rules:
        if id(rule.find) in done:
            continue
        done.add(id(rule.find))
        for f in rule.find(ctx):
            if f.rule in names:
                out.append(f)
            else:
                rule_named(f.rule)  # unregistered: an error naming it
    return out


def _widen(found: list[Found], units: list[tuple[int, int]]) -> list[Found]:
    """Stretch each quotation's construction to its whole sentence (where its cue, incise and
    any date of the statement stand): « « … », a déclaré mardi Louis Caradec »."""
    # Units are disjoint and in text order: the one holding the construction's start and the
    # one holding its end are found by bisection.
    starts = [a for a, _ in units]
    out = []
    for f in found:
        a, b = f.outer
        k = bisect_right(starts, a) - 1  # the unit with u_start <= a
        if k >= 0 and a < units[k][1]:
            a, b = min(a, units[k][0]), max(b, units[k][1])
        k = bisect_left(starts, b) - 1  # the unit with u_start < b
        if k >= 0 and b <= units[k][1]:
            a, b = min(a, units[k][0]), max(b, units[k][1])
        out.append(replace(f, outer=(a, b)))
    return out


def _resolve_overlaps(candidates: list[Found]) -> list[Found]:
    """Drop quotations nested in another one's content, and the weaker of two that share it.

    Reason: « a clause of reported speech nested inside another quotation is not listed
    separately », and a direct passage whose incise the indirect rules also saw is one quote.
    Both steps sweep the candidates in text order, so a long article costs no more than its
    pieces would.
    """
    holders = _holders(candidates)
    outer = [
        f
        for i, f in enumerate(candidates)
        if not any(o is not f and not _nested_in(o, f) for o in holders[i])
    ]
    kept: list[Found] = []
    # The content parts of the kept quotations, by start: (start, end, index in kept).
    spans: list[tuple[int, int, int]] = []
    longest = 0
    for f in sorted(outer, key=lambda f: (-_priority(f), f.start)):
        near: set[int] = set()
        for a, b in f.parts:
            # Only a kept quotation whose content overlaps this one's can share most of it.
            k = bisect_left(spans, (b, -1, -1)) - 1
            while k >= 0 and spans[k][0] >= a - longest:
                if spans[k][1] > a and spans[k][0] < b:
                    near.add(spans[k][2])
                k -= 1
        if any(_same(f, kept[k]) for k in sorted(near)):
            continue
        for a, b in f.parts:
            insort(spans, (a, b, len(kept)))
            longest = max(longest, b - a)
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _holders(candidates: list[Found]) -> list[list[Found]]:
    """For each candidate, the candidates whose content holds its cue (a sweep over the cues
    and the content parts, both in text order)."""
    parts = sorted((a, b, o) for o, f in enumerate(candidates) for a, b in f.parts)
    cues = sorted((f.cue.start_char, i) for i, f in enumerate(candidates) if f.cue is not None)
    holders: list[list[Found]] = [[] for _ in candidates]
    active: list[tuple[int, int, int]] = []
    k = 0
    for c, i in cues:
        while k < len(parts) and parts[k][0] <= c:
            active.append(parts[k])
            k += 1
        active = [p for p in active if p[1] > c]
        seen: set[int] = set()
        for _, _, o in active:
            if o not in seen:
                seen.add(o)
                holders[i].append(candidates[o])
    return holders


def _priority(f: Found) -> float:
    return TYPE_RANK[f.type] + rule_named(f.rule).priority + f.confidence / 10


def _nested_in(f: Found, other: Found) -> bool:
    """Whether ``f``'s cue lies inside ``other``'s content."""
    if f.cue is None:
        return False
    c = f.cue.start_char
    return any(a <= c < b for a, b in other.parts)


def _same(f: Found, other: Found) -> bool:
    """Whether the two share most of their content."""
    shared = 0
    for a, b in f.parts:
        for c, d in other.parts:
            shared += max(0, min(b, d) - max(a, c))
    size = min(sum(b - a for a, b in f.parts), sum(d - c for c, d in other.parts)) or 1
    return shared / size > 0.5
