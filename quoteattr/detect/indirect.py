"""Indirect and mixed speech: reported content without quotation marks around all of it.

- que-clauses: « M. Wang a affirmé que P », negated, modal, compound, pronominal and
  multi-word cues (« s'est félicité que », « a fait valoir que »);
- infinitive clauses: « Sonia Dridi a déclaré avoir été agressée »;
- incises without marks: « P, a-t-il dit. », « P, a indiqué M. Xi, ajoutant que Q »,
  « La Chine, a insisté M. Xi, est prête … » (content on both sides of the incise);
- participial cues: « ajoutant que P », « Notant que P, M. Poutine a indiqué que Q ».
Content that holds a quoted passage is mixed speech (« qu'« il est temps … » »).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..data import words as data_words
from .clauses import (
    _QUE,
    TEMPORAL,
    can_speak,
    clause_end,
    incise_at,
    inverted_entry,
    participial_cue,
    que_after,
    speaker_of,
    subject_of,
    verb_group_start,
)
from .closed_class import subject_pronouns
from .coordination import coordination_cut
from .cues import CueEntry, CueLexicon
from .doccache import quoted_words, text_of
from .found import Found, mixed_if_quoted
from .marks import Quoted, quoted_mask
from .sentences import content_limit, unit_spans

_INF_AUX = {"avoir", "être"}
_DE = {"de", "d'", "d’"}
_CLITIC_SUBJECTS = frozenset("-" + f for f in subject_pronouns())  # « -il », « -on »…


def find_indirect(
    doc: Doc,
    quoted: list[Quoted],
    units: list[tuple[int, int]],
    lexicon: CueLexicon,
) -> list[Found]:
    """Indirect (and mixed) quotations of ``doc``, one per cue with reported content."""
    inside = quoted_mask(text_of(doc), quoted)
    words_inside = quoted_words(doc, quoted)
    found: list[Found] = []
    for span in unit_spans(doc, units):
        found.extend(_in_unit(doc, span, inside, words_inside, lexicon))
    return [mixed_if_quoted(f, words_inside) for f in found]


def _in_unit(
    doc: Doc, unit: Span, inside: bytearray, words_inside: bytearray, lexicon: CueLexicon
) -> list[Found]:
    found: list[Found] = []
    limit = content_limit(unit)
    # The other words of a multi-word cue (« observer » in « faisant observer »).
    consumed: set[int] = set()
    for tok in unit:
        if inside[tok.idx] or tok.i in consumed:
            continue
        entry = lexicon.match(tok)
        if entry is None and tok.pos_ in {"VERB", "AUX", "NOUN", "NUM", "ADJ"}:
            after_clitic = tok.i > 0 and doc[tok.i - 1].lower_ in _CLITIC_SUBJECTS
            entry = inverted_entry(doc, tok.i, after_clitic)
        if entry is None:
            f = _quoted_predicate(doc, tok, limit, inside, words_inside)
            if f is not None:
                found.append(f)
            continue
        consumed.update(range(tok.i + 1, tok.i + 1 + 2 * len(entry.rest)))
        f = (
            _participial(doc, unit, tok, entry, limit, lexicon)
            or _que_clause(doc, unit, tok, entry, limit, lexicon)
            or _infinitive(doc, unit, tok, entry, limit, lexicon)
            or _incise(doc, unit, tok, entry, limit, lexicon)
            or _quoted_object(doc, unit, tok, entry, limit, inside, lexicon, words_inside)
        )
        if f is not None:
            found.append(f)
    return found


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens ``[start, end)``, without edge punctuation and spaces."""
    while start < end and doc[start].is_punct and doc[start].text not in {"«", '"', "“"}:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {"»", '"', "”"}:
        end -= 1
    if end <= start:
        return (doc[start].idx, doc[start].idx) if start < len(doc) else (0, 0)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _make(
    doc: Doc,
    parts: list[tuple[int, int]],
    cue: Token,
    entry: CueEntry,
    mention: Span | None,
    confidence: float,
    rule: str,
    outer: tuple[int, int],
) -> Found | None:
    parts = [(a, b) for a, b in parts if b > a]
    if not parts or not _two_words(text_of(doc), parts):
        return None
    return Found(
        type="indirect",
        parts=parts,
        cue=doc[cue.i : cue.i + 1],
        cue_lemma=entry.cue,
        mention=mention,
        confidence=round(confidence * entry.weight / 0.9, 3),
        rule=f"indirect:{rule}",
        outer=outer,
    )


# A word as ``str.split`` sees it (``re``'s \S is not ``str.isspace``).
_WORD = re.compile(r"\S+")


def _two_words(text: str, parts: list[tuple[int, int]]) -> bool:
    """Whether the parts hold two words or more, reading no further than the second."""
    seen = 0
    for a, b in parts:
        for _ in _WORD.finditer(text, a, b):
            seen += 1
            if seen >= 2:
                return True
    return False


def _que_clause(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    """« X a affirmé que P » — content from after « que » to the end of the clause."""
    if "que" not in entry.frames or verb.lower_.endswith("ant"):
        return None
    que = que_after(doc, verb.i, limit)
    if que is None:
        return None
    if _restrictive(doc, verb.i, que) or _narrator(verb) or _comparison(doc, verb):
        return None
    if "Inf" in verb.morph.get("VerbForm") and _impersonal(doc, verb):
        return None  # « Il est important de noter que », « on peut noter que »: nobody speaks
    end = clause_end(doc, que + 1, limit, lexicon)
    end = coordination_cut(doc, verb, que + 1, end, unit.start, lexicon)
    mention = speaker_of(doc, verb, unit.start, limit, lexicon)
    if mention is None and "Inf" in verb.morph.get("VerbForm"):
        # « …, a-t-il regretté, avant d'ajouter que P »: the infinitive's speaker is the
        # governing clause's; « À noter que … » has none, and is the writer's voice.
        mention = _speaker_before(doc, unit, verb, lexicon)
        if mention is None:
            return None
    start = verb_group_start(doc, verb.i)
    if mention is not None and mention.start < start:
        start = mention.start
    chars = _chars(doc, que + 1, end)
    return _make(doc, [chars], verb, entry, mention, 0.9, "que", (doc[start].idx, chars[1]))


def _infinitive(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    """« Sonia Dridi a déclaré avoir été agressée » — an infinitive clause right after the cue."""
    if "inf" not in entry.frames or verb.i + 1 >= limit:
        return None
    j = verb.i + 1
    while j < limit and doc[j].pos_ == "ADV":
        j += 1
    if j >= limit:
        return None
    t = doc[j]
    if "Inf" not in t.morph.get("VerbForm") or t.pos_ not in {"VERB", "AUX"}:
        return None
    if t.pos_ == "AUX" and t.lemma_ not in _INF_AUX:
        return None
    end = clause_end(doc, j, limit, lexicon)
    end = coordination_cut(doc, verb, j, end, unit.start, lexicon)
    mention = speaker_of(doc, verb, unit.start, limit, lexicon)
    start = mention.start if mention is not None else verb_group_start(doc, verb.i)
    chars = _chars(doc, j, end)
    return _make(doc, [chars], verb, entry, mention, 0.8, "inf", (doc[start].idx, chars[1]))


def _participial(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    """« ajoutant que P » / « Notant que P, M. Poutine a indiqué … » — the speaker is the
    subject of the main clause the participle hangs on."""
    if participial_cue(verb, lexicon) is None:
        return None
    que = que_after(doc, verb.i, limit)
    if que is None:
        return None
    if verb.i <= unit.start + 1:
        # Sentence-initial: content runs to the comma before the main clause's subject.
        main = _main_cue_after(doc, que + 1, limit, lexicon)
        if main is None:
            return None
        main_verb, subj = main
        stop = subj.start if subj is not None else verb_group_start(doc, main_verb.i)
        end = stop
        while end > que + 1 and doc[end - 1].text != ",":
            end -= 1
        end = end - 1 if end > que + 1 else stop
        mention = subj
    else:
        end = clause_end(doc, que + 1, limit, lexicon)
        mention = _speaker_before(doc, unit, verb, lexicon)
    chars = _chars(doc, que + 1, end)
    return _make(doc, [chars], verb, entry, mention, 0.85, "participle", (verb.idx, chars[1]))


def _main_cue_after(
    doc: Doc, start: int, limit: int, lexicon: CueLexicon
) -> tuple[Token, Span | None] | None:
    # The main clause's subject follows a comma: « Notant que P, M. Poutine a indiqué … »,
    # and the main verb need not report speech: « Estimant que « P », il vota contre ».
    for want_cue in (True, False):
        for t in doc[start:limit]:
            if t.pos_ != "VERB" or t.lower_.endswith("ant"):
                continue
            if want_cue and lexicon.match(t) is None:
                continue
            subject = speaker_of(doc, t, start, limit, lexicon)
            if subject is not None and subject.start > start and doc[subject.start - 1].text == ",":
                return t, subject
    return None


def _speaker_before(doc: Doc, unit: Span, verb: Token, lexicon: CueLexicon) -> Span | None:
    """The speaker of the clause a participial cue hangs on: the cue it continues (« a dit
    M. X, ajoutant … ») or the main verb (« Ayrault a revu … en affirmant que … »)."""
    # The leftmost cue that reports something (an incise or a que-clause) is the main
    # clause's; later ones may sit inside its content, and « La Russie soutient la position »
    # takes an object, not speech.
    before = list(doc[unit.start : verb.i])
    cues = [t for t in before if t.pos_ == "VERB" and lexicon.match(t) is not None]
    cues.sort(key=lambda t: not _reports(doc, t, verb.i, lexicon))
    finite = [t for t in reversed(before) if t.pos_ == "VERB" and t not in cues]
    for t in cues + finite:
        mention = speaker_of(doc, t, unit.start, verb.i, lexicon)
        if mention is not None and mention.root.lower_ not in {"qui", "que", "dont"}:
            return mention
    return None


def _reports(doc: Doc, verb: Token, limit: int, lexicon: CueLexicon) -> bool:
    """Whether the cue ``verb`` introduces reported content: a que-clause or an incise."""
    if que_after(doc, verb.i, limit) is not None:
        return True
    vstart = verb_group_start(doc, verb.i)
    return (
        vstart > 0
        and doc[vstart - 1].text == ","
        and incise_at(doc, vstart, limit, lexicon) is not None
    )


def _narrator(verb: Token) -> bool:
    """« Rappelons que », « Notons que », « Précisons que »: the writer speaking, no source."""
    # Outside quotation marks, a cue in the first person is the writer's own voice; the
    # tagger often misses it on a clause-initial « -ons » form with no « nous ».
    if "Imp" in verb.morph.get("Mood") or "1" in verb.morph.get("Person"):
        return True
    before = verb.doc[verb.i - 1] if verb.i else None
    return verb.lower_.endswith("ons") and (before is None or before.is_punct)


def _comparison(doc: Doc, verb: Token) -> bool:
    """« On eût dit que P », « on dirait que P »: a comparison (``data/comparison_frames.txt``),
    the writer's image, not anybody's words."""
    start = verb_group_start(doc, verb.i)
    words = " ".join(t.lower_ for t in doc[max(0, start - 1) : verb.i + 1])
    return words in data_words("comparison_frames.txt")


def _impersonal(doc: Doc, verb: Token) -> bool:
    """Whether an infinitive cue hangs on an impersonal frame (« il est important de »,
    « on peut ») rather than on a speaker (« a tenu à préciser »)."""
    i = verb.i - 1
    while i >= 0 and i >= verb.i - 6 and doc[i].text not in {",", ".", ";"}:
        verb_follows = i + 1 < len(doc) and doc[i + 1].pos_ in {"AUX", "VERB"}
        if doc[i].lower_ in {"on", "il"} and verb_follows:
            return (
                doc[i].lower_ == "on"
                or doc[i].dep_ == "expl:subj"
                or any(t.pos_ == "ADJ" for t in doc[i + 1 : verb.i])
            )
        i -= 1
    return False


def _restrictive(doc: Doc, verb: int, que: int) -> bool:
    """« ne rapporteront que 3 milliards »: « ne … que » means « only », it reports nothing."""
    group = {t.lower_ for t in doc[verb_group_start(doc, verb) : que]}
    negated = group & {"pas", "point", "jamais", "plus", "guère", "nullement", "rien"}
    return bool(group & {"ne", "n'", "n’"}) and not negated


def _incise(
    doc: Doc, unit: Span, verb: Token, entry: CueEntry, limit: int, lexicon: CueLexicon
) -> Found | None:
    """« P, a-t-il dit. » and « La Chine, a insisté M. Xi, est prête … » — unmarked content
    around an incise."""
    vstart = verb_group_start(doc, verb.i)
    if vstart <= unit.start or doc[vstart - 1].text != ",":
        return None
    inc = incise_at(doc, vstart, limit, lexicon)
    if inc is None or inc.cue.i != verb.i:
        return None
    first = _chars(doc, unit.start, vstart - 1)
    parts = [first]
    if (
        inc.mention is not None
        and inc.mention.root.pos_ != "PRON"
        and not any(t.pos_ in {"VERB", "AUX"} for t in doc[unit.start : vstart - 1])
        and not (inc.end < limit and doc[inc.end].text == ",")
    ):
        return None  # « David Martin, le rapporteur, a reconnu … »: no content before
    clitic = inc.mention is not None and inc.mention.root.pos_ == "PRON"
    if (
        inc.end < limit
        and doc[inc.end].text == ","
        and not clitic  # « Il est, disent-ils, la langue … »: a pronoun takes no apposition
        # « Par ailleurs, estime l'ex-ministre, P »: a connector alone is no content, P is.
        and any(
            t.pos_ in {"VERB", "AUX", "NOUN", "PROPN", "PRON"} for t in doc[unit.start : vstart - 1]
        )
        and _apposition_to_end(doc, inc.end + 1, limit)
    ):
        inc.end = limit  # « …, a déclaré Wang Yi, membre du Bureau politique… . »
    if inc.end < limit and doc[inc.end].text == ",":
        nxt = doc[inc.end + 1] if inc.end + 1 < limit else None
        if nxt is not None and (
            participial_cue(nxt, lexicon) is not None
            or nxt.pos_ == "CCONJ"
            or nxt.lower_ == "puis"
            or (nxt.pos_ == "ADP" and _infinitive_follows(doc, nxt.i + 1, limit))
        ):
            # « …, a indiqué M. Xi, ajoutant que … », « …, a-t-il regretté, avant d'ajouter
            # que … »: what follows is the speaker's next move, not more of the content.
            pass
        elif _is_subject_only(doc, unit.start, vstart - 1) or (
            inc.mention is not None and inc.mention.root.pos_ == "PRON"
        ):
            # « La Chine, a insisté M. Xi, est prête … » and « Contrairement à tous les
            # discours, appuie-t-il, le français est classé … »: the content resumes after
            # the incise (an inverted clitic leaves no doubt that it is one).
            rest_end = clause_end(doc, inc.end + 1, limit, lexicon)
            parts.append(_chars(doc, inc.end + 1, rest_end))
        else:
            return None
    elif inc.end < limit:
        return None
    outer = (doc[unit.start].idx, doc[inc.end - 1].idx + len(doc[inc.end - 1].text))
    if len(parts) > 1:
        outer = (outer[0], parts[-1][1])
    return _make(doc, parts, verb, entry, inc.mention, 0.9, "incise", outer)


def _infinitive_follows(doc: Doc, start: int, limit: int) -> bool:
    """Whether an infinitive comes within two words (« avant d'ajouter », « pour dire »)."""
    return any(
        "Inf" in t.morph.get("VerbForm") or t.lower_.endswith("er") and t.pos_ == "VERB"
        for t in doc[start : min(limit, start + 2)]
    )


def _apposition_to_end(doc: Doc, start: int, limit: int) -> bool:
    """Whether tokens ``[start, limit)`` only describe the speaker (no verb of their own)."""
    toks = doc[start:limit]
    # « membre du Bureau politique… », or the name after « son PDG, ».
    return (
        len(toks) > 0
        and toks[0].pos_ in {"NOUN", "DET", "ADJ", "PROPN"}
        and not any(t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in toks)
        and not any(t.text == "," and t.nbor().lower_.endswith("ant") for t in toks[:-1])
    )


def _quoted_object(
    doc: Doc,
    unit: Span,
    verb: Token,
    entry: CueEntry,
    limit: int,
    inside: bytearray,
    lexicon: CueLexicon,
    words_inside: bytearray,
) -> Found | None:
    """« a qualifié la situation de « préoccupante » », « a reconnu une « situation très
    tendue » », « parlant d'un « effort de transparence » »: the object of a reporting verb
    holds the speaker's own words, which makes the object mixed speech — when a quotation
    mark opens within a few words of the verb and the passage is no name."""
    if "Inf" in verb.morph.get("VerbForm") or _passive(doc, verb, entry):
        return None  # « a été taxé de « laxisme » par … »: the subject is not the speaker
    j = verb.i + 1
    opened = None
    while j < limit and j <= verb.i + 12:
        t = doc[j]
        if t.lower_ in _QUE or t.pos_ in {"VERB", "AUX"} or t.text in {";", ":", "."}:
            return None
        if t.text in {"«", '"', "“"} and inside[t.idx]:
            if not words_inside[t.idx]:
                return None  # « a salué le programme « Petites villes de demain » »: a name
            opened = j
            break
        j += 1
    if opened is None:
        return None
    if not entry.frames & {"que", "incise", "colon"} and doc[opened - 1].lower_ not in _DE:
        return None  # « traiter », « taxer » report words only as « … X de « P » »
    start = verb.i + 1 + len(entry.rest)
    start = min(start, opened)
    while start < opened and (
        doc[start].lower_ in {"de", "d'", "d’", "contre", "sur"}
        or doc[start].pos_ == "ADV"
        or doc[start].lower_ in TEMPORAL
    ):
        start += 1  # « parlant d'un « … » » reports « un « … » », « a reconnu mardi une … »
    end = clause_end(doc, opened, limit, lexicon)
    end = coordination_cut(doc, verb, opened, end, unit.start, lexicon)
    mention = speaker_of(doc, verb, unit.start, limit, lexicon)
    if verb.lower_.endswith("ant"):
        mention = _speaker_before(doc, unit, verb, lexicon)
    if mention is None:
        return None
    chars = _chars(doc, start, end)
    f = _make(doc, [chars], verb, entry, mention, 0.65, "quoted-object", chars)
    return replace(f, type="mixed") if f is not None else None


def _passive(doc: Doc, verb: Token, entry: CueEntry) -> bool:
    """Whether the cue is a passive participle: with « été », or with « être » for a verb
    that takes « avoir » (all cues but the pronominal ones)."""
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    if entry.pronominal or "Part" not in verb.morph.get("VerbForm"):
        return False
    return any(t.lemma_ == "être" for t in doc[verb_group_start(doc, verb.i) : verb.i])


# A quoted predicate this short may be a scare quote (« vivent « dans la peur » »).
_PREDICATE_MIN_WORDS = 6


def _quoted_predicate(
    doc: Doc, verb: Token, limit: int, inside: bytearray, words_inside: bytearray
) -> Found | None:
    """« La fédération met « tout en œuvre pour que la saison reprenne en mars » »: a quotation
    that opens right after the main verb and closes the sentence gives the subject's own
    words, whatever the verb — when the subject can speak and the passage is long enough to
    be a statement rather than a scare quote. The verb belongs to the content."""
    if verb.pos_ != "VERB" or verb.dep_ != "ROOT" or "Fin" not in verb.morph.get("VerbForm"):
        return None
    if inside[verb.idx] or "1" in verb.morph.get("Person") or "2" in verb.morph.get("Person"):
        return None
    j = verb.i + 1
    while j < limit and doc[j].pos_ == "ADV":
        j += 1
    if j >= limit or doc[j].text not in {"«", '"', "“"} or not words_inside[doc[j].idx]:
        return None
    close = limit - 1
    if close <= j or doc[close].text not in {"»", '"', "”"} or not words_inside[doc[close].idx]:
        return None
    if any(not words_inside[t.idx] for t in doc[j:close]):
        return None  # the passage must run unbroken from the verb to the end of the sentence
    if sum(1 for t in doc[j + 1 : close] if t.is_alpha) < _PREDICATE_MIN_WORDS:
        return None
    # « organise « la grande braderie du quartier » » quotes a name, the verb's object: the
    # passage must go on the predicate (not open on a determiner) and hold a verb of its own.
    if doc[j + 1].pos_ == "DET" or not any(
        t.pos_ in {"VERB", "AUX"} and set(t.morph.get("VerbForm")) & {"Fin", "Inf"}
        for t in doc[j + 1 : close]
    ):
        return None
    mention = subject_of(verb)
    if mention is None or not can_speak(mention) or mention.start > verb.i:
        return None
    chars = _chars(doc, verb.i, limit)
    return Found(
        type="mixed",
        parts=[chars],
        cue=doc[verb.i : verb.i + 1],
        cue_lemma=verb.lemma_,
        mention=mention,
        confidence=0.6,
        rule="indirect:quoted-predicate",
        outer=(mention.start_char, chars[1]),
    )


def _is_subject_only(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` are a bare noun phrase (no verb of their own)."""
    toks = doc[start:end]
    return 0 < len(toks) <= 8 and not any(t.pos_ in {"VERB", "AUX"} for t in toks)
