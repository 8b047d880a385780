"""Attribution without a verb: « Selon X, P », « P, selon X. », « d'après X », « pour X, P »,
« à en croire X », « Le message est clair pour X : P ».

Only a speaker makes these reported speech: « selon les chiffres », « selon un sondage » or
« pour la première fois » report nobody. The source must be a person or organisation name, a
title (M., Mme…) or a noun for people who speak (``data/speaker_nouns.txt``).
"""

from __future__ import annotations

from functools import cache

import regex
from spacy.tokens import Doc, Span

from ..data import rows as data_rows
from ..data import text as data_text
from ..data import words
from .clauses import can_speak, noun_phrase
from .doccache import memo, quoted_words, text_of, token_starts
from .found import Found, mixed_if_quoted
from .marks import Quoted
from .sentences import before_stops, unit_spans
from .source_phrase import document_source, is_criterion, title_source
from .source_phrase import source_documents as source_documents  # attribution reads it here


@cache
def source_markers() -> dict[str, float]:
    """Each source marker (« selon », « d'après »…) with how sure a match makes us that speech
    is reported, from ``data/source_markers.tsv``."""
    return {r["marker"]: float(r["weight"]) for r in data_rows(data_text("source_markers.tsv"))}


def marker_pattern(leave_out: frozenset[str] = frozenset()) -> str:
    """A regular expression matching the source markers but those of ``leave_out``, in
    their written forms: either apostrophe (with a space or not after it), « de » elided.

    >>> bool(regex.match(marker_pattern(), "aux dires d’un témoin"))
    True
    """
    alternatives = []
    for marker in source_markers():
        if marker in leave_out:
            continue
        words = marker.split(" ")
        elided = words[-1] == "de" and len(words) > 1
        body = " ".join(regex.escape(w).replace("'", "['’]\\s?") for w in words[:-1])
        if elided:
            alternatives.append(body + r" d(?:e\s|['’])")
        else:
            last = regex.escape(words[-1]).replace("'", "['’]\\s?")
            alternatives.append((body + " " if body else "") + last + r"(?=\W)")
    return "(" + "|".join(alternatives) + ")"


_MARKER_RE = regex.compile(marker_pattern(), regex.IGNORECASE)


def find_sources(doc: Doc, quoted: list[Quoted], units: list[tuple[int, int]]) -> list[Found]:
    """« selon X » quotations: the rest of the sentence is X's view."""
    found: list[Found] = []
    inside = quoted_words(doc, quoted)
    previous: Span | None = None
    for unit in unit_spans(doc, units):
        if previous is not None and "\n" in text_of(doc)[previous.end_char : unit.start_char]:
            previous = None  # the sentence before must be in the same paragraph
        f = _leading(doc, unit) or _trailing(doc, unit) or _verdict(doc, unit)
        if f is None and previous is not None:
            f = _named_after(doc, previous, unit)
        previous = unit
        if f is not None:
            found.append(mixed_if_quoted(f, inside))
    return found


def marker_at(doc: Doc, i: int) -> tuple[int, float] | None:
    """Length in tokens and weight of the source marker (« selon », « d'après »…) starting at
    token ``i``, if any."""
    m = _markers_of(doc).get(token_starts(doc)[i])
    if m is None:
        return None
    key = regex.sub(r"['’]\s?", "'", m.group(1).lower()).strip()
    if key.endswith(" d'"):
        key = key[:-2] + "de"  # « aux dires d'un témoin »
    end = m.end()
    n = 0
    while i + n < len(doc) and doc[i + n].idx < end:
        n += 1
    return n, source_markers().get(key, 0.75)


def _markers_of(doc: Doc) -> dict[int, regex.Match[str]]:
    """The source markers of ``doc``'s text by their start: one scan of the text (matches
    may overlap) instead of a match tried at every token."""
    return memo(
        doc,
        "source_markers",
        lambda: {m.start(): m for m in _MARKER_RE.finditer(text_of(doc), overlapped=True)},
    )


def _apposition_end(doc: Doc, start: int, limit: int) -> int | None:
    """Index just past « , analyste chez Oddo, » or « , Paul Girard, » starting at the comma
    ``start``: a short phrase without a verb closed by another comma."""
    j = start + 1
    while j < limit and j - start <= 9:
        t = doc[j]
        if t.text == ",":
            return j if j > start + 1 else None
        finite = t.pos_ in {"VERB", "AUX"} and "Part" not in t.morph.get("VerbForm")
        if finite or t.text in {";", ":", "«", "»", '"'}:
            return None  # « élu écologiste » is a title, « a dit » a clause
        j += 1
    return None


def source_after(doc: Doc, start: int, limit: int) -> tuple[Span, int] | None:
    """The source named from token ``start`` (just after « selon ») and the token index where
    the reported content starts (after the comma that closes the source), or None."""
    return _source_of(doc, start, limit)


def _source_of(doc: Doc, start: int, limit: int) -> tuple[Span, int] | None:
    """The source after a marker and the token index where the reported content starts."""
    if is_criterion(doc, start, limit):
        return None  # « Selon les régions, … » means "depending on"
    np = noun_phrase(doc, start, limit)
    if can_speak(np) and np.end < limit and doc[np.end].text == ",":
        mention, content = np, np.end + 1
        # « Selon Camille Arnoux, analyste chez Oddo, P » / « Selon le ministre, Paul Girard, P »
        appos = _apposition_end(doc, np.end, limit)
        if appos is not None and appos + 1 < limit:
            inner = doc[np.end + 1 : appos]
            names = [t for t in inner if t.ent_type_ == "PER"]
            if names and not any(t.ent_type_ == "PER" for t in np):
                mention = inner
            content = appos + 1
        return mention, content
    # « Selon un rapport établi par l'INSEE sur « … », P »: a document and its author.
    j = start
    while j < limit and doc[j].text != "," and j - start < 25:
        j += 1
    if j >= limit:
        return None
    # « Selon le bilan le plus récent, P »: a document without author is the source itself;
    # « D'après The Lakeside Courier, P »: a title the tagger read as foreign words.
    source = document_source(doc, start, j) or title_source(doc, start, j)
    return (source, j + 1) if source is not None else None


def _leading(doc: Doc, unit: Span) -> Found | None:
    """« Selon X, P » at the start of a sentence."""
    # A dateline's dash (« 4 juillet 2012. - Selon … ») is not part of the sentence.
    while len(unit) > 1 and unit[0].text in {"-", "—", "–"}:
        unit = unit[1:]
    m = marker_at(doc, unit.start)
    if m is None:
        return None
    n, weight = m
    if unit.start + n >= unit.end:
        return None
    if doc[unit.start].lower_ == "pour" and doc[unit.start + n].lower_ in {"sa", "son", "leur"}:
        return None  # « Pour sa part, … » is a connector, not a source.
    source = _source_of(doc, unit.start + n, unit.end)
    if source is None:
        return None
    np, start = source
    end = unit.end
    semi = next((t.i for t in doc[start : unit.end] if t.text == ";"), None)
    if semi is not None:
        end = semi  # « ; » closes what « selon X » covers
    end = before_stops(doc, start, end)
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
    limit = unit.end
    limit = before_stops(doc, unit.start, limit)
    for i in range(unit.end - 2, unit.start, -1):
        # « P, selon X. » — or « « P » selon X. » right after a closing mark, or « P selon X. »
        # when X closes the sentence.
        m = marker_at(doc, i)
        if m is None or doc[i].lower_ == "pour":
            continue
        comma = doc[i - 1].text in {",", "»", '"', "”"}
        n, weight = m
        if i + n >= unit.end:  # « …, d'après » ends the unit: no source named, no token to read
            continue
        if is_criterion(doc, i + n, unit.end):
            return None  # « …, selon les régions. » means "depending on"
        np: Span | None = noun_phrase(doc, i + n, unit.end)
        if np is None or not can_speak(np):
            stop = next((t.i for t in doc[i + n : limit] if t.text == ","), limit)
            np = document_source(doc, i + n, stop)
            if np is None:
                return None
            if not comma and stop != limit:
                return None
        elif not comma and not _closes(doc, np.end, limit):
            continue  # « classés selon l'avis des experts du jury »: no comma, more follows
        rest = [t for t in doc[np.end : unit.end] if not t.is_punct]
        if rest and rest[0].pos_ in {"VERB", "AUX"}:
            return None
        if _has_finite_verb(doc, np.end, limit):
            return None  # « En 2009, selon X, le réseau comptait … »: X opens the clause
        if not comma and not _has_finite_verb(doc, unit.start, i):
            return None
        a = doc[unit.start].idx
        last = i - 2 if doc[i - 1].text == "," else i - 1
        b = doc[last].idx + len(doc[last].text)
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


def _closes(doc: Doc, end: int, limit: int) -> bool:
    """Whether the source phrase ending at ``end`` closes the sentence, or only an apposition
    follows it (« … selon Joseph Lhota, le président de la MTA. »)."""
    if end >= limit:
        return True
    return doc[end].text == "," and not _has_finite_verb(doc, end, limit)


def _has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    return any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in doc[start:end]
    )


def speech_nouns() -> frozenset[str]:
    """Nouns for what someone said (« remarque », « constat », « avis »)."""
    return words("speech_nouns.txt")


def _verdict(doc: Doc, unit: Span) -> Found | None:
    """« Le message est clair pour les syndicats : la grève continuera. »: a speech noun
    (``data/speech_nouns.txt``) opens the sentence, « pour X » names whose it is, and what
    follows the colon is its content."""
    colon = next((t.i for t in unit if t.text == ":"), None)
    if colon is None or colon + 3 >= unit.end:
        return None
    head = [t for t in unit[:4] if t.pos_ == "NOUN"]
    if not head or head[0].lemma_.lower() not in speech_nouns() or head[0].i > unit.start + 2:
        return None
    if unit[0].pos_ != "DET":
        return None
    pour = next((t.i for t in doc[head[0].i : colon] if t.lower_ == "pour"), None)
    if pour is None or pour + 1 >= colon:
        return None
    # « est clair pour X », « est sans appel pour X »: « être » and an adjective or a phrase,
    # not a verb of its own (« Le verdict est tombé pour l'accusé : dix ans »).
    copula = [t for t in doc[head[0].i + 1 : pour] if t.lemma_ == "être" and t.pos_ == "AUX"]
    if len(copula) != 1 or any(
        t.pos_ == "VERB" for t in doc[copula[0].i + 1 : pour] if "Part" in t.morph.get("VerbForm")
    ):
        return None
    if not any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm")
        for t in doc[colon + 1 : unit.end]
    ):
        return None  # what follows the colon must be a statement, not a noun phrase
    np = noun_phrase(doc, pour + 1, colon)
    if not can_speak(np) or np.end != colon:
        return None  # « pour la première fois : » names nobody
    end = unit.end
    end = before_stops(doc, colon + 1, end)
    if end - colon - 1 < 3:
        return None
    a, b = doc[colon + 1].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[pour : pour + 1],
        cue_lemma="pour",
        mention=np,
        confidence=0.7,
        rule="source:verdict",
        outer=(unit.start_char, b),
    )


_NAMED_AFTER = regex.compile(
    r"(?i)^(?:c['’]est|tel(?:le)? est|voilà|ce sont)\s+(?:l['’]\s?|la\s|le\s|les\s|un\s|une\s)"
    r"|^(?:la|le|l['’]|cette|ce|cet)\s?\w+(?:\s+\w+)?\s+est\s+(?:de|du|d['’])"
)


def _named_after(doc: Doc, previous: Span, unit: Span) -> Found | None:
    """« P. C'est la remarque de Kareyce Fotso. » / « P. Le constat amer est du professeur
    Nobutaka Miura. »: a sentence that names who said the sentence before it."""
    text = text_of(doc)
    if not _NAMED_AFTER.match(text[unit.start_char : unit.end_char]):
        return None
    nouns = [t for t in unit[:6] if t.pos_ == "NOUN"]
    if not nouns or nouns[0].lemma_.lower() not in speech_nouns():
        return None
    # The speaker: the noun phrase after the « de » that follows the speech noun.
    j = nouns[0].i + 1
    while j < unit.end and doc[j].lower_ not in {"de", "du", "d'", "d’", "des"}:
        if doc[j].pos_ in {"VERB"} or doc[j].text == ",":
            return None
        j += 1
    if j + 1 >= unit.end:
        return None
    start = j + 1 if doc[j].lower_ in {"de", "d'", "d’"} else j + 1
    np = noun_phrase(doc, start, unit.end)
    if not can_speak(np) or any(t.text in {"«", "»", '"'} for t in previous):
        return None
    end = previous.end
    end = before_stops(doc, previous.start, end)
    if end - previous.start < 3:
        return None
    a, b = previous.start_char, doc[end - 1].idx + len(doc[end - 1].text)
    return Found(
        type="indirect",
        parts=[(a, b)],
        cue=doc[nouns[0].i : nouns[0].i + 1],
        cue_lemma=nouns[0].lemma_.lower(),
        mention=np,
        confidence=0.7,
        rule="source:named-after",
        outer=(a, unit.end_char),
    )
