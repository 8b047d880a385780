"""Attribution without a verb: « Selon X, P », « P, selon X. », « d'après X », « pour X, P »,
« à en croire X ».

Only a speaker makes these reported speech: « selon les chiffres », « selon un sondage » or
« pour la première fois » report nobody. The source must be a person or organisation name, a
title (M., Mme…) or a noun for people who speak (``data/speaker_nouns.txt``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .clauses import can_speak, noun_phrase
from .doccache import text_of
from .found import Found
from .marks import Quoted

# Marker words → how sure a match makes us that speech is reported.
_MARKERS: dict[tuple[str, ...], float] = {
    ("selon",): 0.85,
    ("d'après",): 0.8,
    ("d’après",): 0.8,
    ("d'", "après"): 0.8,
    ("d’", "après"): 0.8,
    ("à", "en", "croire"): 0.8,
    ("aux", "dires", "de"): 0.8,
    ("de", "l'avis", "de"): 0.75,
    ("pour",): 0.7,
}


def find_sources(doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]]) -> list[Found]:
    """« selon X » quotations: the rest of the sentence is X's view."""
    found: list[Found] = []
    inside = bytearray(len(text_of(doc)) + 1)
    for q in quoted:
        inside[q.open : q.outer_end] = b"\x01" * (q.outer_end - q.open)
    for u_start, u_end in units:
        unit = doc.char_span(u_start, u_end, alignment_mode="expand")
        if unit is None:
            continue
        f = _leading(doc, unit) or _trailing(doc, unit)
        if f is not None:
            if any(inside[a:b].find(1) >= 0 for a, b in f.parts):
                f.type = "mixed"
            found.append(f)
    return found


def _marker_at(doc: Doc, i: int) -> tuple[int, float] | None:
    """Length and weight of the marker starting at token ``i``, if any."""
    for words, weight in _MARKERS.items():
        if all(i + k < len(doc) and doc[i + k].lower_ == w for k, w in enumerate(words)):
            return len(words), weight
    return None


def _leading(doc: Doc, unit: Span) -> Found | None:
    """« Selon X, P » at the start of a sentence."""
    m = _marker_at(doc, unit.start)
    if m is None:
        return None
    n, weight = m
    np = noun_phrase(doc, unit.start + n, unit.end) if unit.start + n < unit.end else None
    if np is None or not can_speak(np) or np.end >= unit.end or doc[np.end].text != ",":
        return None
    if doc[unit.start].lower_ == "pour" and np[0].lower_ in {"sa", "son", "leur"}:
        return None  # « Pour sa part, … » is a connector, not a source.
    start = np.end + 1
    end = unit.end
    semi = next((t.i for t in doc[start : unit.end] if t.text == ";"), None)
    if semi is not None:
        end = semi  # « ; » closes what « selon X » covers
    while end > start and doc[end - 1].text in {".", "!", "?", "…"}:
        end -= 1
    if end - start < 3:
        return None
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[unit.start : unit.start + n],
        cue_lemma=doc[unit.start : unit.start + n].text.lower(),
        mention=np,
        confidence=weight,
        rule="source:leading",
        outer=(doc[unit.start].idx, b),
    )


def _trailing(doc: Doc, unit: Span) -> Found | None:
    """« P, selon X. » at the end of a sentence."""
    for i in range(unit.end - 2, unit.start, -1):
        if doc[i - 1].text != ",":
            continue
        m = _marker_at(doc, i)
        if m is None or doc[i].lower_ == "pour":
            continue
        n, weight = m
        np = noun_phrase(doc, i + n, unit.end)
        if not can_speak(np):
            return None
        rest = [t for t in doc[np.end : unit.end] if not t.is_punct]
        if rest and rest[0].pos_ in {"VERB", "AUX"}:
            return None
        a = doc[unit.start].idx
        b = doc[i - 2].idx + len(doc[i - 2].text)
        if i - 1 - unit.start < 3:
            return None
        return Found(
            type="indirect",
            parts=[(a, b)],
            cue=doc[i : i + n],
            cue_lemma=doc[i : i + n].text.lower(),
            mention=np,
            confidence=weight,
            rule="source:trailing",
            outer=(a, doc[unit.end - 1].idx + len(doc[unit.end - 1].text)),
        )
    return None
