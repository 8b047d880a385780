"""Finding quotations: which stretches of an article are reported speech, and their cues.

The detectors run on one parsed ``Doc``; they know nothing of speakers' canonical names.

- :mod:`.marks` pairs quotation marks; :mod:`.sentences` cuts sentence units that never split
  a quotation;
- :mod:`.direct` keeps the quoted passages someone is reported as saying;
- :mod:`.indirect` finds que-clauses, infinitive clauses, incises and participial cues, and
  mixed speech;
- :mod:`.sources` handles « selon X », « d'après X », « pour X »;
- :mod:`.continued` finds sentences that carry a speaker's words on between two quotations;
- :mod:`.cues` holds the reporting-cue lexicon.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .continued import find_continued
from .cues import CueLexicon
from .direct import find_dash_blocks, find_direct
from .doccache import text_of
from .found import Found
from .indirect import find_indirect
from .marks import Quoted, pair_marks
from .pour_qui import find_pour_qui
from .sentences import sentence_units
from .source_medial import find_medial_sources
from .sources import find_sources

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
    direct = find_direct(doc, quoted, units, lexicon) + find_dash_blocks(doc, quoted)
    indirect = find_indirect(doc, quoted, units, lexicon)
    sources = find_sources(doc, quoted, units) + find_medial_sources(doc, quoted, units, lexicon)
    sources += find_pour_qui(doc, quoted, units, lexicon)
    candidates = direct + indirect + sources
    kept = _resolve_overlaps(candidates)
    kept = sorted(kept + find_continued(doc, kept, units), key=lambda f: (f.start, f.end))
    _widen(kept, units)
    return kept


def _widen(found: list[Found], units: list[tuple[int, int]]) -> None:
    """Stretch each quotation's construction to its whole sentence (where its cue, incise and
    any date of the statement stand): « « … », a déclaré mardi Louis Caradec »."""
    for f in found:
        a, b = f.outer
        for u_start, u_end in units:
            if u_start <= a < u_end or u_start < b <= u_end:
                a, b = min(a, u_start), max(b, u_end)
        f.outer = (a, b)


def _resolve_overlaps(candidates: list[Found]) -> list[Found]:
    """Drop quotations nested in another one's content, and the weaker of two that share it.

    Reason: « a clause of reported speech nested inside another quotation is not listed
    separately », and a direct passage whose incise the indirect rules also saw is one quote.
    """
    outer = [
        f
        for f in candidates
        if not any(o is not f and _nested_in(f, o) and not _nested_in(o, f) for o in candidates)
    ]
    kept: list[Found] = []
    for f in sorted(outer, key=lambda f: (-_priority(f), f.start)):
        if any(_same(f, k) for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _priority(f: Found) -> float:
    base = {"direct": 3.0, "mixed": 2.0, "indirect": 1.0}[f.type]
    if f.rule.startswith("source"):
        base -= 0.5
    return base + f.confidence / 10


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
