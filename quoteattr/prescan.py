"""Fast mode's pre-scan: which sentences of an article can hold reported speech, without spaCy.

The text is cut into sentence units (:func:`quoteattr.detect.sentences.sentence_units`, which
never cuts a quotation). A unit is a *hit* when it may report speech (:func:`is_hit`): a
quotation mark, a source marker (« selon X », « pour X, »), or a form of a cue of the lexicon
(``data/cues.tsv``; forms from ``data/verb_forms.tsv``) with what it introduces, or the
``trigger`` of a registered rule (:mod:`quoteattr.detect.rules`) fires on it. Kept are the
hits, a unit naming the author of the one before (« C'est le constat de X »), the last unit
dating an event before a kept one, and the first unit naming each capitalised word that a
kept unit uses (« M. Wang » needs « Wang Yi »; the component reads full names from there).
The unit before a hit is not kept: speakers named there come with a cue of their own.
:func:`blank_unlikely` turns every other unit into spaces of the same length, and the middle
of long reported content too (:func:`hollows`): the parser skips a run of spaces as one
token, and every offset still points into the original text. Detection reads the original
text (:func:`quoteattr.detect.doccache.remember_text`) and the parse of what was kept, so a
quotation over several paragraphs needs no parse of its middle paragraphs.

>>> text = "Marie Dupont arrive.\\nIl pleut. Il vente. « Nous partons », dit Mme Dupont."
>>> blanked = blank_unlikely(text)
>>> len(blanked) == len(text), regex.sub(" {2,}", "[…]", blanked)
(True, 'Marie Dupont arrive.\\n[…]« Nous partons », dit Mme Dupont.')
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

from .data import text as data_text
from .data import words as data_words
from .detect.cues import CueLexicon
from .detect.marks import Quoted, pair_marks
from .detect.sentences import sentence_units

# Quotation marks of French and English typography; any of them may open reported speech.
_MARKS = regex.compile(r"[«»“”„‹›\"]")
# A few quoted words without any cue name a thing (« 3DS XL ») or keep a distance (les
# « vraies » couleurs); a cue nearby (« a dénoncé un « scandale » ») makes them speech.
_SHORT_QUOTE = 4
# Words as the lexicon lists them: letters only, so « dit-il » gives « dit ».
_WORD = regex.compile(r"\p{L}+")
# « pour X, P » reports X's view only with a comma closing a short X (« pour le ministre, »).
_POUR = regex.compile(r"\b[Pp]our\s+((?:[^\s,.;:!?«»]+\s+){0,5}?[^\s,.;:!?«»]+)\s*,")
_NAME = regex.compile(r"\b(?:\p{Lu}\p{Ll}|\p{Lu}{2,}\b)")
# The frames of a cue: « … que P », « … : P », « P, ajoute-t-il », « P, a ajouté X »,
# « X affirme avoir… ».
_QUE_OR_COLON = regex.compile(
    # « vu que », « alors que », « plus que »… join clauses: they report nothing.
    r"(?i)(?<!\b(?:vu|alors|tandis|bien|ainsi|plus|moins|ce|parce|afin|dès|lors|avant|après"
    r"|sans|pour|tant|même|autant|sinon|tel|telle|tels|telles|si|aussi|de|ne)\s)"
    r"\bqu(?:e\b|['’])|:"
)
# The que or colon that a cue introduces follows it closely (« a affirmé jeudi que »).
_FRAME_REACH = 80
# « P, appuie-t-il, P »: any verb with its subject after it, between commas, is an incise.
_ANY_INCISE = regex.compile(r",\s*\p{L}+-t-(?:il|elle|on)\b")
_INVERTED = regex.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b")
_INCISE_BEFORE = regex.compile(r",\s*(?:[\p{L}'’-]+\s+){0,2}$")
_INFINITIVE = regex.compile(r"\s+(?:ne\s+pas\s+|n['’]|pas\s+)?\p{L}+(?:er|ir|re|oir)\b")
# « C'est la remarque de X », « Le constat amer est du professeur X »: the start of a sentence
# naming the speaker of the one before (with a noun of data/speech_nouns.txt).
_NAMED_AFTER = regex.compile(
    r"(?i)(?:c['’]est|tel(?:le)? est|voilà|ce sont)\s+(?:l['’]\s?|la\s|le\s|les\s|un\s|une\s)\w+"
    r"|(?:la|le|l['’]|cette|ce|cet)\s?\w+(?:\s+\w+)?\s+est\s+(?:de|du|d['’])"
)
# A capitalised word inside a unit may be a name whose full form is given elsewhere.
_CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}'’-]{2,}")
# Endings of the -er conjugation in the tenses of the news: present, past, imperfect,
# future, conditional, participles, infinitive.
_ER_ENDINGS = [
    *("e", "es", "ent", "ons", "ez", "a", "ai", "âmes", "èrent", "ait", "ais", "aient"),
    *("ions", "iez", "era", "erai", "eront", "erait", "eraient", "é", "ée", "és", "ées"),
    *("ant", "er"),
]


def blank_unlikely(text: str) -> str:
    """``text`` with the sentences that cannot matter to quotations turned into spaces, and
    the middle of long reported content too (see :func:`hollows`)."""
    units = sentence_units(text, quoted := pair_marks(text))
    keep = select_units(text, units)
    # Units never hold a line break, so same-length spaces keep lines and offsets.
    blanks = [u for u, k in zip(units, keep, strict=True) if not k]
    blanks += hollows(text, units, keep, quoted)
    if not blanks:
        return text
    out = []
    last = 0
    for a, b in sorted(blanks):
        a = max(a, last)
        if b <= a:
            continue
        out.append(text[last:a])
        out.append(_LINE_BREAKS.sub(" ", text[a:b]))
        last = b
    out.append(text[last:])
    return "".join(out)


# Everything but line breaks: a blank keeps the lines of the text.
_LINE_BREAKS = regex.compile(r"[^\n]")
_TEXT_WORD = regex.compile(r"\S+")
# What detection reads inside reported content: names (the cast of the article), quotation
# marks (mixed quotes), and what ends content early: a semicolon, a source marker or a cue
# (« …, ajoutant que », « …, a-t-il dit », « …, selon X »).
_CONTENT_SIGNAL = regex.compile(r"[«»“”\";:]|-t-|-(?:il|elle|on)\b")
# Words parsed at each edge of a hollowed stretch and around each word detection reads: the
# parser and the entity recogniser see a few words of context on both sides.
_HOLLOW_EDGE = 3
# The words of content before an incise that stay parsed: its subject and verb.
_INCISE_HEAD = 12
# Words parsed on each side of a name in content.
_NAME_CONTEXT = 1
# Fewer words in a row than this are parsed anyway.
_HOLLOW_MIN = 6


def hollows(
    text: str, units: list[tuple[int, int]], keep: list[bool], quoted: list[Quoted]
) -> list[tuple[int, int]]:
    """Stretches inside reported content that spaCy need not parse: detection reads content
    from the text, and from the parse only its edges, the names in it and what may end it.

    Content is the inside of quotation marks and, in a kept unit, what follows the « que »
    or colon of a cue up to the end of the unit, or what stands before an incise. Inside it,
    runs of words far from its edges and from any name, mark or cue are blanked.

    >>> text = "Le maire a assuré que la piscine ouvrira ses portes au public dès la fin de l'été."
    >>> [text[a:b] for a, b in hollows(text, [(0, len(text))], [True], [])]
    ['ses portes au public dès la']
    """
    forms = _cue_forms()
    spans = [part for q in quoted for part in q.parts]
    for (a, b), k in zip(units, keep, strict=True):
        if k:
            spans.extend(_reported(text, a, b, forms))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        found = list(_TEXT_WORD.finditer(text, a, b))
        words = [w.group() for w in found]
        n = len(words)
        parse = [i < _HOLLOW_EDGE or i >= n - _HOLLOW_EDGE for i in range(n)]
        for i in range(n):
            reach = _read_in_content(words, i, forms)
            if reach is not None:
                for j in range(max(0, i - reach), min(n, i + reach + 1)):
                    parse[j] = True
        i = 0
        while i < n:
            j = i
            while j < n and not parse[j]:
                j += 1
            if j - i >= _HOLLOW_MIN:
                out.append((found[i].start(), found[j - 1].end()))
            i = j + 1
    return out


def _reported(text: str, a: int, b: int, forms: dict[str, str]) -> list[tuple[int, int]]:
    """Where the content of the unit ``text[a:b]`` may stand: after the que or colon of its
    first cue, or, before an incise (« P, a ajouté X », « P, a-t-il dit »), from its start."""
    cues = [m for m in _WORD.finditer(text, a, b) if m.group().lower() in forms]
    for m in cues:
        frame = _que_frame(text, m.end(), b)
        if frame is not None:
            return [(frame.end(), b)]
    for m in reversed(cues):
        if _incise_frame(text, a, m.start(), m.end()):
            # Content before an incise must show a verb to the parser: its head is kept.
            head = _TEXT_WORD.finditer(text, a, b)
            start = next((w.end() for n, w in enumerate(head, 1) if n == _INCISE_HEAD), b)
            comma = text.rfind(",", a, m.start())
            return [(start, comma)] if comma > start else []
    return []


def _read_in_content(words: list[str], i: int, forms: dict[str, str]) -> int | None:
    """How many words around ``words[i]`` of reported content detection reads, or None if
    it reads none: a name (the entity recogniser needs a word of context on each side); a
    mark, a semicolon, a source marker, or a cue that may start a clause of its own (a
    comma shortly before it: « …, rappelant que », « …, le ministre a ajouté que »), whose
    clause the parser needs."""
    word = words[i]
    if _CONTENT_SIGNAL.search(word) or word.lower().strip(",.") in _SOURCE_WORDS:
        return _HOLLOW_EDGE
    if _WORD.sub(lambda m: m.group().lower(), word).strip(".,!?…()") in forms and any(
        w.endswith((",", ";", ":")) for w in words[max(0, i - 5) : i]
    ):
        return _HOLLOW_EDGE
    if word[:1].isupper():
        return _NAME_CONTEXT
    return None


# Source markers written as one word (« selon X », « d'après X »): they end content.
_SOURCE_WORDS = frozenset({"selon", "d'après", "d’après"})


def select_units(text: str, units: list[tuple[int, int]]) -> list[bool]:
    """For each sentence unit, whether fast mode parses it (rules in the module docstring)."""
    keep = [is_hit(text[a:b]) for a, b in units]
    _keep_named_after(text, units, keep)
    _keep_continuations(text, units, keep)
    _keep_event_dates(text, units, keep)
    _keep_introductions(text, units, keep)
    return keep


def is_hit(sentence: str) -> bool:
    """Whether ``sentence`` may report speech: a quotation mark, a source marker, or a cue
    form in one of its frames (… a soutenu que, … a-t-il dit, …, a ajouté X, … affirme avoir).

    >>> is_hit("Le ministre a soutenu que rien ne changerait."), is_hit("Il pleut à Paris.")
    (True, False)
    >>> is_hit("Pour le ministre, rien ne change."), is_hit("Il part pour trois jours.")
    (True, False)
    >>> is_hit("Rien ne change, a ajouté le ministre."), is_hit("Il faut soutenir les PME.")
    (True, False)
    """
    forms = _cue_forms()
    if _MARKS.search(sentence) and (
        any(
            len(q.inner(sentence).split()) > _SHORT_QUOTE
            for q in pair_marks(sentence, remember=False)
        )
        or any(m.group().lower() in forms for m in _WORD.finditer(sentence))
    ):
        return True
    if _cue_phrases().search(sentence) or _ANY_INCISE.search(sentence):
        return True
    if any(_speaker_like(m.group(1)) for m in _POUR.finditer(sentence)):
        return True
    for m in _WORD.finditer(sentence):
        frames = forms.get(m.group().lower())
        if frames is not None and _in_frame(sentence, m.start(), m.end(), "inf" in frames):
            return True
    # A registered rule's own cheap test (quoteattr.detect.rules: ``Rule.trigger``).
    return any(trigger(sentence) for trigger in _rule_triggers())


@functools.cache
def _rule_triggers() -> tuple[Callable[[str], bool], ...]:
    from .detect.rules import all_rules

    return tuple(rule.trigger for rule in all_rules() if rule.trigger is not None)


def cue_form_frames(word: str) -> frozenset[str] | None:
    """The frames of the cue ``word`` (lower case) is a form of, or None if it is no cue form.

    >>> sorted(cue_form_frames("promis"))[:3], cue_form_frames("pleut")
    (['colon', 'de_inf', 'incise'], None)
    """
    frames = _cue_forms().get(word)
    return None if frames is None else frozenset(f for f in frames.split(",") if f)


def _in_frame(sentence: str, start: int, end: int, infinitive: bool) -> bool:
    # A cue form reports speech only with what it introduces: que, a colon, an infinitive…
    return bool(
        _que_frame(sentence, end, len(sentence))
        or _incise_frame(sentence, 0, start, end)
        or (infinitive and _INFINITIVE.match(sentence, end))
    )


def _que_frame(text: str, end: int, stop: int) -> regex.Match[str] | None:
    """The « que » or colon that the cue ending at ``end`` introduces, if close enough."""
    return _QUE_OR_COLON.search(text, end, min(stop, end + _FRAME_REACH))


def _incise_frame(text: str, floor: int, start: int, end: int) -> bool:
    """Whether the cue at ``text[start:end]`` stands in an incise: after a comma and at most
    two words (« …, a ajouté X »), or before an inverted subject (« ajoute-t-il »)."""
    return bool(
        _INCISE_BEFORE.search(text, max(floor, start - 30), start) or _INVERTED.match(text, end)
    )


def _speaker_like(source: str) -> bool:
    # « pour X, » reports X's view only when X can speak: a name or a noun such as ministre.
    return bool(_NAME.search(source)) or not _speaker_nouns().isdisjoint(
        w.lower() for w in _WORD.findall(source)
    )


@functools.cache
def _dates() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Days named relative to publication (« mardi », « hier »), and explicit dates."""
    from .calendar import MONTHS, WEEKDAYS

    weekday = "|".join(WEEKDAYS)
    month = "|".join(sorted(MONTHS, key=len, reverse=True))
    relative = rf"(?i)\b(?:{weekday}|avant-hier|hier|aujourd['’]hui)\b"
    explicit = rf"(?i)\b(?:\d{{1,2}}|1er)\s+(?:{month})\b"
    return regex.compile(relative), regex.compile(explicit)


@functools.cache
def _speech_nouns() -> frozenset[str]:
    """Nouns for what someone said (« constat »), from ``data/speech_nouns.txt``."""
    return data_words("speech_nouns.txt")


@functools.cache
def _speech_events() -> frozenset[str]:
    """Stems of occasions for speech (« conférence »), from ``data/speech_events.txt``."""
    return data_words("speech_events.txt")


@functools.cache
def _speaker_nouns() -> frozenset[str]:
    """Nouns for people who speak (« ministre »), from ``data/speaker_nouns.txt``."""
    return data_words("speaker_nouns.txt")


def _keep_named_after(text: str, units: list[tuple[int, int]], keep: list[bool]) -> None:
    # « P. Le constat amer est du professeur X. » names who said the sentence before it.
    for n in range(1, len(units)):
        a, b = units[n]
        m = _NAMED_AFTER.match(text, a, b)
        if m and not _speech_nouns().isdisjoint(w.lower() for w in _WORD.findall(m.group())):
            keep[n - 1] = keep[n] = True


@functools.cache
def _continuation_words() -> regex.Pattern[str]:
    """Words carrying an argument on (« aussi »), from ``data/continuation_words.txt``."""
    found = sorted(data_words("continuation_words.txt"), key=len, reverse=True)
    return regex.compile(r"(?i)\b(?:" + "|".join(regex.escape(w) for w in found) + r")\b")


def _keep_continuations(text: str, units: list[tuple[int, int]], keep: list[bool]) -> None:
    # A sentence carrying a speaker's argument on between two hits of one paragraph may be
    # their words too (quoteattr.detect.continued).
    for n in range(1, len(units) - 1):
        a, b = units[n]
        if keep[n] or not (keep[n - 1] and keep[n + 1]):
            continue
        if "\n" not in text[units[n - 1][0] : units[n + 1][1]] and _continuation_words().search(
            text, a, b
        ):
            keep[n] = True


def _keep_event_dates(text: str, units: list[tuple[int, int]], keep: list[bool]) -> None:
    # The last day the narrative names before a quote (« ce vendredi », « hier ») dates it.
    last = None
    for n, (a, b) in enumerate(units):
        if keep[n] and last is not None:
            keep[last] = True
        if _event_date(text[a:b]):
            last = n


def _event_date(sentence: str) -> bool:
    if _dates()[0].search(sentence):
        return True
    # An explicit date is often background: it counts with an occasion for speech.
    lowered = sentence.lower()
    return bool(_dates()[1].search(sentence)) and any(w in lowered for w in _speech_events())


def _keep_introductions(text: str, units: list[tuple[int, int]], keep: list[bool]) -> None:
    # A name used in a kept unit (« Wang a dit ») gets its full form where first written.
    first: dict[str, int] = {}
    needed: set[str] = set()
    for n, (a, b) in enumerate(units):
        for m in _CAPITALISED.finditer(text, a, b):
            first.setdefault(m.group(), n)
            # Any first word is capitalised: only later ones show a name is used.
            if keep[n] and m.start() > a:
                needed.add(m.group())
    for name in needed:
        keep[first[name]] = True


@functools.cache
def _lexicon() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
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
def _cue_forms() -> dict[str, str]:
    """Every form of every one-word verbal cue (« s'exclamer » counts as one: exclamer), with
    the frames of its cue."""
    cues, forms = _lexicon()
    found: dict[str, str] = {}
    for cue, frames in cues.items():
        words = _WORD.findall(cue)
        if "source" in frames or not (len(words) == 1 or _reflexive(words)):
            continue
        # The tables read « indiqué » as an adjective: regular forms fill such gaps.
        for form in forms.get(words[-1], frozenset()) | regular_forms(words[-1]):
            found[form] = found.get(form, "") + "," + frames
    return found


def _reflexive(words: list[str]) -> bool:
    return len(words) == 2 and words[0] in ("s", "se")


@functools.cache
def _cue_phrases() -> regex.Pattern[str]:
    """Cues of several words (« faire savoir », « aux dires de »), each word in any of its
    forms, and the one-word source markers (« selon »)."""
    cues, forms = _lexicon()
    by_form = {f: lemma for lemma, fs in forms.items() for f in fs}
    alternatives = set()
    for cue in cues:
        words = _WORD.findall(cue)
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
