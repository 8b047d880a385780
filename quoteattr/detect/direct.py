"""Direct speech: quoted passages presented as someone's own words.

A quoted passage is direct speech when an attribution stands next to it:
- an incise after it: « … », a affirmé M. Wang. / « … », a-t-il ajouté. / « … » — Name
- an introduction before it ending with a colon: Il a déclaré : « … ». / X : « … »
- « Pour X, » or « Selon X, » before it
- a cue in the sentence just before or after a passage that stands alone.
An incise inside the marks (« Oui, a-t-il dit, mais non. ») is cut out of the content.
Short passages in the middle of a sentence (names, titles, scare quotes) are left to the mixed
speech rules of :mod:`quoteattr.detect.indirect`, which keep them only inside reported speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

import regex
from spacy.tokens import Doc, Span

from .clauses import Incise, incise_at, noun_phrase, speaker_of, subject_of
from .cues import CueLexicon
from .doccache import text_of, token_starts
from .found import Found
from .marks import Quoted, is_name
from .sources import marker_at

# Matched at the offset after a passage (``match(text, pos, endpos)``: no slice to copy).
_DASH = regex.compile(r"\s*[—–-]\s*(?=\p{Lu})")
# Below this many words, a passage inside a sentence is a name or a fragment, not a quotation.
MIN_STANDALONE_WORDS = 4


def find_direct(
    doc: Doc,
    quoted: list[Quoted],
    units: list[tuple[int, int]],
    lexicon: CueLexicon,
) -> list[Found]:
    """Direct quotations of ``doc``: one :class:`Found` per attributed quoted passage."""
    text = text_of(doc)
    found: list[Found] = []
    # Passages and units are in text order: lookups bisect these instead of scanning.
    unit_starts = [a for a, _ in units]
    unit_ends = [b for _, b in units]
    outer_ends = sorted(p.outer_end for p in quoted)
    for q in quoted:
        unit = _unit_of(units, q.open, unit_starts)
        words = len(regex.findall(r"\w+", q.inner(text)))
        if unit is None or not words:
            continue  # an empty passage (« alone before a line break) quotes nothing
        u_start, u_end = unit
        # An introduction starts after an earlier passage or a semicolon of the same sentence.
        k = bisect_right(outer_ends, q.open) - 1
        if k >= 0 and outer_ends[k] >= u_start:
            u_start = outer_ends[k]
        semi = text.rfind(";", u_start, q.open)
        u_start = semi + 1 if semi >= 0 else u_start
        before = text[u_start : q.open].strip()
        after_end = _unit_end_after(units, q, u_end, unit_ends)
        parts, inner_incise = _cut_inner_incise(doc, q, lexicon)
        if inner_incise is not None:
            cue = doc[inner_incise.cue.i : inner_incise.cue.i + 1]
            found.append(_make(q, parts, cue, inner_incise.mention, 0.95, "inner"))
            continue
        standalone = _starts_unit(before)
        # « … », a affirmé M. Wang.  — the incise follows the closing mark.
        inc = _incise_after(doc, q, lexicon)
        if inc is not None and standalone:
            cue, mention = inc
            found.append(_make(q, parts, cue, mention, 0.95, "incise"))
            continue
        if inc is not None and before and not is_name(text, q):
            # « L'usine produira … jusqu'« à 500 millions » », explique X : the fragment ends a
            # sentence of reported speech, which is mixed speech as a whole (from the last
            # sentence end before it, should the units have missed one).
            cue, mention = inc
            stops = [m.end() for m in regex.finditer(r"[.!?…]\s+", text[u_start : q.open])]
            start = u_start + stops[-1] if stops else u_start
            f = _make(q, [(start, q.outer_end)], cue, mention, 0.8, "embedded")
            found.append(replace(f, type="mixed"))
            continue
        # « … » — Marie Dupont
        dash = _DASH.match(text, q.outer_end, max(q.outer_end, after_end))
        if dash and standalone:
            k = _token_at(doc, dash.end())
            if k is not None:
                mention = noun_phrase(doc, k, len(doc))
                found.append(_make(q, parts, None, mention, 0.8, "dash"))
                continue
        # X a déclaré : « … »  /  X : « … »  /  Pour X, « … »
        # « Pour X, « … » » — but « Pour elle, la direction « joue la montre » » is mixed.
        if before.endswith(":") or _source_intro(doc, u_start, q.open, before):
            intro = _intro_attribution(doc, u_start, q.open, lexicon)
            if intro is not None:
                cue, mention, conf = intro
                if words >= 2 or standalone:
                    found.append(_make(q, parts, cue, mention, conf, "colon"))
                    continue
        # « Le maire l'a dit ainsi : ¶ « … » »: the paragraph before ends on a colon.
        if standalone and _ends_unit(text, q, u_end):
            intro = _intro_before(doc, units, unit_starts, q, lexicon)
            if intro is not None:
                cue, mention, conf = intro
                found.append(_make(q, parts, cue, mention, conf, "introduced"))
                continue
        # A passage that is a sentence on its own: its speaker is in a neighbouring sentence.
        if standalone and _ends_unit(text, q, u_end) and words >= MIN_STANDALONE_WORDS:
            found.append(_make(q, parts, None, None, 0.6, "standalone"))
    return found


# « J'ai été agrippée de partout. … —Sonia Dridi, journaliste »: a paragraph closed by a dash
# and a name, the layout of a block quotation whose marks the page dropped.
# (No leading \s*: tried at every space of a long blank run, it would make the search quadratic.)
_DASH_SIGNATURE = regex.compile(r"[—–]\s*(\p{Lu}[^\n—–]{1,80})$")


def find_dash_blocks(doc: Doc, quoted: list[Quoted]) -> list[Found]:
    """Paragraphs without quotation marks signed « —Name[, role] » at their end."""
    text = text_of(doc)
    found: list[Found] = []
    opens = sorted(q.open for q in quoted)
    for para in regex.finditer(r"[^\n]+", text):
        m = _DASH_SIGNATURE.search(para.group())
        k = bisect_left(opens, para.start())
        if m is None or (k < len(opens) and opens[k] < para.end()):
            continue
        sign_start = para.start() + m.start(1)
        content_end = para.start() + m.start()
        if len(regex.findall(r"\w+", text[para.start() : content_end])) < 4:
            continue
        k = _token_at(doc, sign_start)
        if k is None or doc[k].ent_type_ != "PER":
            continue  # only a person's name signs a quotation (not « — Le Monde »)
        j = k
        while j < len(doc) and doc[j].ent_type_ == "PER" and (j == k or doc[j].ent_iob_ == "I"):
            j += 1
        a, b = para.start(), content_end
        while b > a and text[b - 1].isspace():
            b -= 1
        found.append(
            Found(
                type="direct",
                parts=[(a, b)],
                cue=None,
                cue_lemma="",
                mention=doc[k:j],
                confidence=0.7,
                rule="direct:signed",
                outer=(a, para.end()),
            )
        )
    return found


def _make(
    q: Quoted,
    parts: list[tuple[int, int]],
    cue: Span | None,
    mention: Span | None,
    confidence: float,
    rule: str,
) -> Found:
    lemma = cue.root.lemma_ if cue is not None else ""
    return Found(
        type="direct",
        parts=parts,
        cue=cue,
        cue_lemma=lemma,
        mention=mention,
        confidence=confidence,
        rule=f"direct:{rule}",
        outer=(q.open, q.outer_end),
    )


def _unit_of(
    units: list[tuple[int, int]], offset: int, starts: list[int]
) -> tuple[int, int] | None:
    """The unit holding ``offset`` (``starts``: the units' starts, for bisecting)."""
    k = bisect_right(starts, offset) - 1
    if k >= 0 and offset < units[k][1]:
        return units[k]
    return None


def _unit_end_after(units: list[tuple[int, int]], q: Quoted, u_end: int, ends: list[int]) -> int:
    """End of the text that can hold the passage's incise (its unit, or the next one when the
    passage closed a unit of its own); ``ends``: the units' ends, for bisecting."""
    k = bisect_left(ends, q.outer_end)
    if k < len(units) and ends[k] == q.outer_end and k + 1 < len(units):
        # « … . » — Laurent Peyrac : the attribution stands as a unit of its own.
        return units[k + 1][1]
    k = bisect_right(ends, q.outer_end)  # the first unit ending after the passage
    if k < len(units) and units[k][0] <= q.outer_end:
        return units[k][1]
    return u_end


def _starts_unit(before: str) -> bool:
    return before == "" or before in {"—", "–", "-"}


def _ends_unit(text: str, q: Quoted, u_end: int) -> bool:
    """Whether only punctuation between spaces follows the passage in its unit."""
    return _PUNCT_ONLY.fullmatch(text, q.outer_end, max(q.outer_end, u_end)) is not None


# Spaces, sentence punctuation, spaces (``re``'s \s is ``str.isspace``, as ``strip`` uses).
_PUNCT_ONLY = re.compile(r"\s*[.!?…,;]*\s*")


def _token_at(doc: Doc, offset: int) -> int | None:
    """Index of the first token starting at or after ``offset`` (not a space)."""
    i = bisect_left(token_starts(doc), offset)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None


def _incise_after(doc: Doc, q: Quoted, lexicon: CueLexicon) -> tuple[Span, Span | None] | None:
    k = _token_at(doc, q.outer_end)
    if k is None:
        return None
    # « … », a-t-il dit  — skip the comma that French puts after the closing mark.
    if doc[k].text == ",":
        k += 1
    limit = min(len(doc), k + 40)
    inc = incise_at(doc, k, limit, lexicon)
    if inc is None:
        return None
    return doc[inc.cue.i : inc.cue.i + 1], inc.mention


def _cut_inner_incise(
    doc: Doc, q: Quoted, lexicon: CueLexicon
) -> tuple[list[tuple[int, int]], Incise | None]:
    """The passage's content parts, cutting out an incise between commas inside the marks."""
    parts = list(q.parts)
    if len(parts) != 1:
        return parts, None
    a, b = parts[0]
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return parts, None
    for t in span:
        if t.text != "," or t.i + 1 >= span.end:
            continue
        inc = incise_at(doc, t.i + 1, span.end, lexicon)
        if inc is None or inc.end >= span.end or doc[inc.end].text != ",":
            continue
        first_end = t.idx
        second_start = doc[inc.end + 1].idx if inc.end + 1 < len(doc) else b
        if first_end > a and second_start < b:
            rest = doc[inc.end + 1 : span.end]
            if not q.closed and _describes_speaker(rest):
                # An unclosed « … , a promis X, syndicaliste. »: the words after the incise
                # describe the speaker; they are narrative, not quoted.
                return [(a, first_end)], inc
            return [(a, first_end), (second_start, b)], inc
    return parts, None


def _describes_speaker(toks: Span) -> bool:
    """Whether tokens are a short apposition (« syndicaliste. ») with no verb of their own."""
    words = [t for t in toks if not t.is_punct]
    return (
        0 < len(words) <= 8
        and words[0].pos_ in {"NOUN", "DET", "ADJ", "PROPN"}
        and not any(t.pos_ in {"VERB", "AUX"} for t in words)
    )


def _intro_before(
    doc: Doc, units: list[tuple[int, int]], starts: list[int], q: Quoted, lexicon: CueLexicon
) -> tuple[Span | None, Span, float] | None:
    """Cue and speaker of the sentence ending the paragraph before a passage standing alone,
    when it ends on a colon (« Le conseiller Paul Gagnon l'a dit ainsi : »)."""
    k = bisect_right(starts, q.open) - 1
    if k < 1:
        return None
    text = text_of(doc)
    a, b = units[k - 1]
    intro = text[a:b].rstrip()
    if not intro.endswith(":") or "\n" not in text[b : q.open]:
        return None
    found = _intro_attribution(doc, a, a + len(intro) - 1, lexicon)
    if found is None or found[1] is None:
        return None
    cue, mention, conf = found
    return cue, mention, min(conf, 0.85)


def _source_intro(doc: Doc, start: int, end: int, before: str) -> bool:
    """« Pour X, « … » », « D'après le ministre, Jérôme Cahuzac, « … » »: a source marker and
    a short source (one apposition at most) right before the mark, with no verb."""
    if not before.endswith(",") or before.count(",") > 2 or regex.search(r"[;:]", before):
        return False
    span = doc.char_span(start, end, alignment_mode="contract")
    return (
        span is not None
        and len(span) > 0
        and marker_at(doc, span[0].i) is not None
        and not any(t.pos_ in {"VERB", "AUX"} for t in span[1:])
    )


def _intro_attribution(
    doc: Doc, start: int, end: int, lexicon: CueLexicon
) -> tuple[Span | None, Span | None, float] | None:
    """Cue and speaker of an introduction such as « Il a déclaré : » or « Pour X, »."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    marker = marker_at(doc, span[0].i)
    if marker is not None and not any(t.pos_ in {"VERB", "AUX"} for t in span[1:]):
        first = span[0]
        n = marker[0]
        mention = noun_phrase(doc, first.i + n, span.end)
        # « Pour la principale association …, l'April : » — the name after the comma.
        commas = [t.i for t in doc[mention.end : span.end] if t.text == ","]
        tail = [t for t in doc[commas[-1] + 1 : span.end] if not t.is_punct] if commas else []
        if tail and any(t.ent_type_ in {"PER", "ORG"} or t.pos_ == "PROPN" for t in tail):
            mention = noun_phrase(doc, tail[0].i, span.end)
        return doc[first.i : first.i + n], mention, 0.85
    cues = [t for t in span if lexicon.match(t) is not None and t.pos_ in {"VERB", "AUX"}]
    if cues:
        verb = cues[-1]
        mention = speaker_of(doc, verb, span.start, span.end, lexicon)
        return doc[verb.i : verb.i + 1], mention, 0.9
    # « X : « … » » — a bare name before the colon.
    toks = [t for t in span if not t.is_punct]
    if 0 < len(toks) <= 8 and any(t.ent_type_ in {"PER", "ORG"} for t in toks):
        return None, doc[toks[0].i : toks[-1].i + 1], 0.75
    # A narrative introduction (« le graphiste s'est basé sur le raisonnement suivant : »):
    # its subject is taken to speak.
    roots = [t for t in span if t.dep_ == "ROOT" or t.pos_ == "VERB"]
    for verb in roots:
        mention = subject_of(verb)
        if mention is not None:
            return None, mention, 0.7
    return None
