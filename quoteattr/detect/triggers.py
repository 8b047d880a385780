"""Rule triggers: cheap tests on one sentence's text, without spaCy, saying a rule may fire there.

Each registered rule (:mod:`quoteattr.detect.rules`) names its trigger; fast mode
(:mod:`quoteattr.prescan`) parses a sentence only when some rule's trigger fires on it (and
the sentences around it). A trigger may fire where its rule finds nothing — it costs a
parse — but never miss a sentence where the rule would fire, as far as words can tell.

Cue forms come from the cue lexicon (``data/cues.tsv``) and the forms of each verb
(``data/verb_forms.tsv``, regular -er endings filling its gaps): « a soutenu », « dit-il ».

>>> cue_in_que_frame("Le ministre a soutenu que rien ne changerait.")
True
>>> cue_in_que_frame("La console sort en avril, alors que la 3DS baisse.")
False
>>> cue_in_incise("Rien ne change, appuie-t-il, malgré la crise.")
True
>>> source_marker("Pour le ministre, rien ne change."), source_marker("Il part pour trois jours.")
(True, False)
"""

from __future__ import annotations

import functools

import regex

from ..data import text as data_text
from ..data import words as data_words
from .closed_class import subject_pronouns
from .cues import CueLexicon
from .marks import pair_marks
from .sources import marker_pattern

# Quotation marks of French and English typography; any of them may open reported speech.
_MARKS = regex.compile(r"[«»“”„‹›\"]")
# Words as the lexicon lists them: letters only, so « dit-il » gives « dit ».
WORD = regex.compile(r"\p{L}+")
# « pour X, P » reports X's view only with a comma closing a short X (« pour le ministre, »).
_POUR = regex.compile(r"\b[Pp]our\s+((?:[^\s,.;:!?«»]+\s+){0,5}?[^\s,.;:!?«»]+)\s*,")
_NAME = regex.compile(r"\b(?:\p{Lu}\p{Ll}|\p{Lu}{2,}\b)")
# The source markers of data/source_markers.tsv, but « pour » (far too common alone).
_MARKERS = regex.compile(r"\b" + marker_pattern(frozenset({"pour"})), regex.IGNORECASE)
# The frames of a cue: « … que P », « … : P », « P, ajoute-t-il », « P, a ajouté X »,
# « X affirme avoir… ».
# « alors que », « sans que », « jusqu'à ce que » join clauses: they report nothing (the
# words of ``data/conjunction_heads.txt``, which the que-clause rule reads too).
_QUE_OR_COLON = regex.compile(
    r"(?i)(?<!\b(?:"
    + "|".join(sorted(data_words("conjunction_heads.txt")))
    + r")\s)(?<!jusqu['’]\s?à ce\s)\bqu(?:e\b|['’])|:"
)
# The que or colon that a cue introduces follows it closely (« a affirmé jeudi que »).
_FRAME_REACH = 80
# « P, appuie-t-il, P », « conclut-elle »: any verb with its subject clitic after it is an
# incise (detection reads any verb before an inverted clitic as a cue).
_SUBJECTS = "|".join(sorted(subject_pronouns(), key=len, reverse=True))
_ANY_INCISE = regex.compile(rf"\p{{L}}+-(?:t-)?(?:{_SUBJECTS})\b")
_INVERTED = regex.compile(rf"-(?:t-)?(?:{_SUBJECTS})\b")
_INCISE_BEFORE = regex.compile(r",\s*(?:[\p{L}'’-]+\s+){0,2}$")
_INFINITIVE = regex.compile(r"\s+(?:ne\s+pas\s+|n['’]|pas\s+)?\p{L}+(?:er|ir|re|oir)\b")
# « C'est la remarque de X », « Le constat amer est du professeur X »: the start of a sentence
# naming the speaker of the one before (with a noun of data/speech_nouns.txt).
_NAMED_AFTER = regex.compile(
    r"(?i)(?:c['’]est|tel(?:le)? est|voilà|ce sont)\s+(?:l['’]\s?|la\s|le\s|les\s|un\s|une\s)\w+"
    r"|(?:la|le|l['’]|cette|ce|cet)\s?\w+(?:\s+\w+)?\s+est\s+(?:de|du|d['’])"
)
# « … » — Marie Dupont: a dash and a capital after a closing mark, or a short unit of a dash
# and a name after a quotation that closed its own unit (not a dateline's « 2012. - Après… »).
_DASH_AFTER_MARK = regex.compile(
    r"[»”\"›]\s*[,.]?\s*[—–-]\s*\p{Lu}|^\s*[—–-]\s*\p{Lu}[^.!?:;«»]{0,80}[.!?]?$"
)
# « J'ai été agrippée de partout. —Sonia Dridi, journaliste »: a dash and a name ending a line.
_SIGNATURE = regex.compile(r"[—–]\s*\p{Lu}[^\n—–]{1,80}$")
# Endings of the -er conjugation in the tenses of the news: present, past, imperfect,
# future, conditional, participles, infinitive.
_ER_ENDINGS = [
    *("e", "es", "ent", "ons", "ez", "a", "ai", "âmes", "èrent", "ait", "ais", "aient"),
    *("ions", "iez", "era", "erai", "eront", "erait", "eraient", "é", "ée", "és", "ées"),
    *("ant", "er"),
]


# ---- Triggers of the rules (each a function of one sentence's text) ----


def quote_with_cue(sentence: str) -> bool:
    """A quotation mark and a cue form or an inverted clitic: « « … », a-t-il dit »,
    « a dénoncé un « scandale » »."""
    return bool(_MARKS.search(sentence)) and (
        _has_cue_form(sentence) or bool(_ANY_INCISE.search(sentence))
    )


def quote_introduced(sentence: str) -> bool:
    """A quotation mark after a colon or a source marker: « X : « … » », « Pour X, « … » »."""
    if not _MARKS.search(sentence):
        return False
    return ":" in sentence or source_marker(sentence)


def ends_on_colon(sentence: str) -> bool:
    """A sentence ending on a colon, which may introduce the passage of the next paragraph
    (« Le maire l'a dit ainsi : »)."""
    return sentence.rstrip().endswith(":")


def quote_signed_by_dash(sentence: str) -> bool:
    """« « … » — Marie Dupont », or a sentence opening on a dash and a name after a quote."""
    return bool(_DASH_AFTER_MARK.search(sentence))


def long_quote(sentence: str, words: int = 4) -> bool:
    """A quoted passage of at least ``words`` words (a few quoted words without a cue name a
    thing, « 3DS XL », or keep a distance, les « vraies » couleurs)."""
    return bool(_MARKS.search(sentence)) and any(
        len(q.inner(sentence).split()) >= words for q in pair_marks(sentence, remember=False)
    )


def standalone_quote(sentence: str) -> bool:
    """A quoted passage of four words or more that is a sentence of its own: nothing but a
    dash (or an earlier passage, or a semicolon) before it, nothing but punctuation after.

    >>> standalone_quote("« Nous sortirons demain si le vent tombe. »")
    True
    >>> standalone_quote("Il a parlé d'une « sortie demain si le vent tombe ».")
    False
    """
    if not _MARKS.search(sentence):
        return False
    start = 0
    for q in pair_marks(sentence, remember=False):
        semi = sentence.rfind(";", start, q.open)
        before = sentence[max(start, semi + 1) : q.open].strip()
        after = sentence[q.outer_end :].strip()
        if (
            before in {"", "—", "–", "-"}
            and _PUNCTUATION_ONLY.fullmatch(after)
            and len(q.inner(sentence).split()) >= 4
        ):
            return True
        start = q.outer_end
    return False


_PUNCTUATION_ONLY = regex.compile(r"[.!?…,;]*")


def quoted_predicate(sentence: str) -> bool:
    """A quoted passage long enough to be a predicate (six words)."""
    return long_quote(sentence, 6)


def cue_in_que_frame(sentence: str) -> bool:
    """A cue form followed closely by « que » or a colon (« a soutenu que », not « alors
    que »), or a cue of several words (« faire savoir »)."""
    if cue_phrases().search(sentence):
        return True
    return any(
        que_frame(sentence, end, len(sentence)) is not None for _, end, _ in _cue_words(sentence)
    )


def cue_before_infinitive(sentence: str) -> bool:
    """A cue form that takes an infinitive, before one: « affirme avoir tout essayé »."""
    forms = cue_forms()
    return any(
        "inf" in forms[word] and _INFINITIVE.match(sentence, end)
        for _, end, word in _cue_words(sentence)
    )


def cue_in_incise(sentence: str) -> bool:
    """A cue form after a comma and at most two words (« …, a ajouté X »), or any verb
    before an inverted subject clitic (« appuie-t-il »)."""
    if _ANY_INCISE.search(sentence):
        return True
    return any(incise_frame(sentence, 0, start, end) for start, end, _ in _cue_words(sentence))


def source_marker(sentence: str) -> bool:
    """« selon X », « d'après X », « à en croire X », « aux dires de X », « de l'avis de X »,
    or « pour X, » when X can speak (a name, or a noun such as « ministre »)."""
    if _MARKERS.search(sentence):
        return True
    return any(_speaker_like(m.group(1)) for m in _POUR.finditer(sentence))


def verdict(sentence: str) -> bool:
    """« Le message est clair pour les syndicats : P »: a speech noun, « pour » and a colon."""
    if ":" not in sentence or "pour" not in sentence.lower():
        return False
    return not speech_nouns().isdisjoint(w.lower() for w in WORD.findall(sentence))


def named_after(sentence: str) -> bool:
    """« C'est la remarque de X », « Le constat amer est du professeur X »."""
    m = _NAMED_AFTER.match(sentence)
    return bool(m) and not speech_nouns().isdisjoint(w.lower() for w in WORD.findall(m.group()))


def signed(sentence: str) -> bool:
    """A sentence ending on a dash and a capitalised name (a paragraph's signature)."""
    return bool(_SIGNATURE.search(sentence.rstrip()))


def continuation(sentence: str) -> bool:
    """A word carrying an argument on (« aussi »), from ``data/continuation_words.txt``."""
    return bool(_continuation_words().search(sentence))


# ---- Frames and forms, also read by fast mode's hollowing ----


def que_frame(text: str, end: int, stop: int) -> regex.Match[str] | None:
    """The « que » or colon that the cue ending at ``end`` introduces, if close enough."""
    return _QUE_OR_COLON.search(text, end, min(stop, end + _FRAME_REACH))


def incise_frame(text: str, floor: int, start: int, end: int) -> bool:
    """Whether the cue at ``text[start:end]`` stands in an incise: after a comma and at most
    two words (« …, a ajouté X »), or before an inverted subject (« ajoute-t-il »)."""
    return bool(
        _INCISE_BEFORE.search(text, max(floor, start - 30), start) or _INVERTED.match(text, end)
    )


def _has_cue_form(sentence: str) -> bool:
    return bool(_cue_words(sentence))


@functools.lru_cache(maxsize=256)
def _cue_words(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """The words of ``sentence`` that are cue forms: (start, end, lower case). Four triggers
    read them in each sentence of fast mode's pre-scan: the sentence is scanned once."""
    forms = cue_forms()
    return tuple(
        (m.start(), m.end(), word)
        for m in WORD.finditer(sentence)
        if (word := m.group().lower()) in forms
    )


def _speaker_like(source: str) -> bool:
    # « pour X, » reports X's view only when X can speak: a name or a noun such as ministre.
    return bool(_NAME.search(source)) or not speaker_nouns().isdisjoint(
        w.lower() for w in WORD.findall(source)
    )


@functools.cache
def speech_nouns() -> frozenset[str]:
    """Nouns for what someone said (« constat »), from ``data/speech_nouns.txt``."""
    return data_words("speech_nouns.txt")


@functools.cache
def speaker_nouns() -> frozenset[str]:
    """Nouns for people who speak (« ministre »), from ``data/speaker_nouns.txt``."""
    return data_words("speaker_nouns.txt")


@functools.cache
def _continuation_words() -> regex.Pattern[str]:
    found = sorted(data_words("continuation_words.txt"), key=len, reverse=True)
    return regex.compile(r"(?i)\b(?:" + "|".join(regex.escape(w) for w in found) + r")\b")


@functools.cache
def lexicon_forms() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The cues of ``data/cues.tsv`` with their frames, and the forms of each verb of
    ``data/verb_forms.tsv``."""
    # « pour » alone is far too common: _POUR asks for the comma of « pour X, » instead.
    cues = {
        e.cue.lower(): ",".join(sorted(e.frames))
        for e in CueLexicon.load().entries.values()
        if e.cue.lower() != "pour"
    }
    forms: dict[str, frozenset[str]] = {}
    for line in data_text("verb_forms.tsv").splitlines():
        if line and not line.startswith("#"):
            lemma, words = line.split("\t")
            forms[lemma] = frozenset(words.split())
    return cues, forms


@functools.cache
def cue_forms() -> dict[str, str]:
    """Every form of every one-word verbal cue (« s'exclamer » counts as one: exclamer), with
    the frames of its cue."""
    cues, forms = lexicon_forms()
    found: dict[str, str] = {}
    for cue, frames in cues.items():
        words = WORD.findall(cue)
        if "source" in frames or not (len(words) == 1 or _reflexive(words)):
            continue
        # The tables read « indiqué » as an adjective: regular forms fill such gaps.
        for form in forms.get(words[-1], frozenset()) | regular_forms(words[-1]):
            found[form] = found.get(form, "") + "," + frames
    return found


def _reflexive(words: list[str]) -> bool:
    return len(words) == 2 and words[0] in ("s", "se")


@functools.cache
def cue_phrases() -> regex.Pattern[str]:
    """Cues of several words (« faire savoir », « aux dires de »), each word in any of its
    forms, and the one-word source markers (« selon »)."""
    cues, forms = lexicon_forms()
    by_form = {f: lemma for lemma, fs in forms.items() for f in fs}
    alternatives = set()
    for cue in cues:
        words = WORD.findall(cue)
        if len(words) == 1 or _reflexive(words):
            if "source" in cues[cue]:
                alternatives.add(regex.escape(cue))  # « selon »: a fixed word
            continue
        parts = []
        for w in words:
            lemma = w if w in forms else by_form.get(w)
            # « comme l'a dit » is also « comme l'avait dit »: each word in any of its forms.
            # « de l'avis d'un expert »: « de » elides before a vowel.
            elided = r"d(?:e|['’])" if w == "de" else w
            parts.append("(?:" + "|".join(sorted(forms[lemma])) + ")" if lemma else elided)
        alternatives.add(r"\W+".join(parts))
    return regex.compile(r"(?i)\b(?:" + "|".join(sorted(alternatives)) + r")\b")


def regular_forms(verb: str) -> frozenset[str]:
    """The forms of a regular -er verb, for the cues ``data/verb_forms.tsv`` lacks (the
    model's tables miss recent verbs); other verbs give their infinitive only.

    >>> sorted(f for f in regular_forms("tweeter") if f.startswith("tweet") and len(f) < 7)
    ['tweeta', 'tweete', 'tweeté']
    >>> regular_forms("croire")
    frozenset({'croire'})
    """
    if not verb.endswith("er"):
        return frozenset({verb})
    return frozenset(verb[:-2] + ending for ending in _ER_ENDINGS)
