"""Fast mode's pre-scan: which sentences of an article can hold reported speech, without spaCy.

The text is cut into sentence units (:func:`quoteattr.detect.sentences.sentence_units`, which
never cuts a quotation). A unit is a *hit* when the trigger of some registered rule fires on
it (:func:`is_hit`; the triggers are in :mod:`quoteattr.detect.triggers`, the rules in
:mod:`quoteattr.rules`): there is no second grammar here, and a rule without a trigger makes
every unit a hit. Kept are the hits with what their rules read around them (``reach``: the
unit before and after for a passage standing alone, « C'est le constat de X » or an incise
standing as a unit of its own; the whole paragraph of a signed block; the unit before every
hit, where the source of a pronoun or a description is named), read at their head and names
only, and the first unit naming each
capitalised word or role noun that a kept unit uses (« M. Wang » needs « Wang Yi », « le
graphiste » « le graphiste portugais Miguel Neiva »; attribution reads full names there).
Dates need no parse: attribution reads them from the text.
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

import regex

from .detect.closed_class import personal_pronouns
from .detect.coordination import coordination_in
from .detect.marks import Quoted, pair_marks
from .detect.rules import Trigger, all_rules
from .detect.sentences import sentence_units
from .detect.sources import source_markers
from .detect.triggers import WORD as _WORD
from .detect.triggers import cue_forms as _cue_forms
from .detect.triggers import incise_frame as _incise_frame
from .detect.triggers import que_frame as _que_frame
from .detect.triggers import speaker_nouns

# A capitalised word inside a unit may be a name whose full form is given elsewhere.
_CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}'’-]{2,}")


def blank_unlikely(text: str) -> str:
    """``text`` with the sentences that cannot matter to quotations turned into spaces, and
    the middle of long reported content too (see :func:`hollows`)."""
    units = sentence_units(text, quoted := pair_marks(text))
    keep, context = _select(text, units)
    # Units never hold a line break, so same-length spaces keep lines and offsets.
    blanks = [u for u, k in zip(units, keep, strict=True) if not k]
    blanks += hollows(text, units, keep, quoted, context)
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
    text: str,
    units: list[tuple[int, int]],
    keep: list[bool],
    quoted: list[Quoted],
    context: list[bool] | None = None,
) -> list[tuple[int, int]]:
    """Stretches inside reported content that spaCy need not parse: detection reads content
    from the text, and from the parse only its edges, the names in it and what may end it.

    Content is the inside of quotation marks and, in a kept unit, what follows the « que »
    or colon of a cue up to the end of the unit, or what stands before an incise. Inside it,
    runs of words far from its edges and from any name, mark or cue are blanked. A unit kept
    only as the ``context`` of a hit beside it is read like content after its first twelve
    words (its subject and verb, and the names in it, are what attribution reads there).

    >>> text = "Le maire a assuré que la piscine ouvrira ses portes au public dès la fin de l'été."
    >>> [text[a:b] for a, b in hollows(text, [(0, len(text))], [True], [])]
    ['ses portes au public dès la']
    """
    forms = _cue_forms()
    # A passage that closes its sentence right after a word of the narrative may be a quoted
    # predicate (« Le constructeur met « tout en œuvre … » »), whose rule reads its verbs.
    spans = [part for q in quoted if not _predicate_shaped(text, q) for part in q.parts]
    for n, ((a, b), k) in enumerate(zip(units, keep, strict=True)):
        if context is not None and context[n]:
            head = _TEXT_WORD.finditer(text, a, b)
            start = next((w.end() for i, w in enumerate(head, 1) if i == _INCISE_HEAD), b)
            if start < b:
                spans.append((start, b))
        elif k:
            spans.extend(_reported(text, a, b, forms))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if coordination_in(text, a, b, forms):
            continue  # « … que P et a promis de Q »: where P stops is read on the whole parse
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


def _predicate_shaped(text: str, q: Quoted) -> bool:
    before = text[max(0, q.open - 2) : q.open].strip()
    after = text[q.outer_end : q.outer_end + 3].strip()
    return bool(before) and before[-1].isalpha() and (after == "" or after[0] in ".!?…")


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
    if _WORD.sub(lambda m: m.group().lower(), word).strip(".,!?…()") in forms:
        # The clause from the comma on (its subject) and a few words after the cue.
        for back in range(1, min(i, _CLAUSE_HEAD) + 1):
            if words[i - back].endswith((",", ";", ":")):
                return max(back, _HOLLOW_EDGE)
    if word[:1].isupper():
        return _NAME_CONTEXT
    return None


# A cue this many words after a comma may open a clause of its own (« …, le président
# Gilles Mallet a indiqué que »): its subject and verb are parsed.
_CLAUSE_HEAD = 7
# Source markers written as one word (« selon X », « d'après X »): they end content.
_SOURCE_WORDS = frozenset(
    form
    for marker in source_markers()
    if " " not in marker and marker != "pour"
    for form in (marker, marker.replace("'", "’"))
)


def select_units(text: str, units: list[tuple[int, int]]) -> list[bool]:
    """For each sentence unit, whether fast mode parses it (rules in the module docstring)."""
    return _select(text, units)[0]


def _select(text: str, units: list[tuple[int, int]]) -> tuple[list[bool], list[bool]]:
    """Which units fast mode parses, and which of them only as the context of a hit beside
    them (parsed at their head and names only, see :func:`hollows`)."""
    hit, keep = _hits(text, units)
    context = [k and not h for k, h in zip(keep, hit, strict=True)]
    for n in _introduction_units(text, units, keep):
        keep[n] = True
        context[n] = False
    return keep, context


def is_hit(sentence: str) -> bool:
    """Whether some registered rule's trigger fires on ``sentence`` (or some rule has none).

    >>> is_hit("Le ministre a soutenu que rien ne changerait."), is_hit("Il pleut à Paris.")
    (True, False)
    >>> is_hit("Pour le ministre, rien ne change."), is_hit("Il part pour trois jours.")
    (True, False)
    >>> is_hit("Rien ne change, a ajouté le ministre."), is_hit("Il faut soutenir les PME.")
    (True, False)
    """
    return any(trigger is None or trigger(sentence) for trigger, _ in _triggers() + _triggers(True))


def cue_form_frames(word: str) -> frozenset[str] | None:
    """The frames of the cue ``word`` (lower case) is a form of, or None if it is no cue form.

    >>> sorted(cue_form_frames("promis"))[:3], cue_form_frames("pleut")
    (['colon', 'de_inf', 'incise'], None)
    """
    frames = _cue_forms().get(word)
    return None if frames is None else frozenset(f for f in frames.split(",") if f)


def _triggers(after_others: bool = False) -> list[tuple[Trigger | None, str]]:
    """The distinct triggers of the registered rules, with their reach; with
    ``after_others``, those of the rules reading the others' quotations instead. These fire
    only right after a quotation of the others, in the same paragraph (« Elle reste
    toutefois… » going on, the reportive conditional): without a trigger they need none
    here, the unit before them is kept already."""
    own: dict[tuple[Trigger | None, str], tuple[Trigger | None, str]] = {}
    for rule in all_rules():
        if rule.after_others == after_others and (not after_others or rule.trigger is not None):
            own.setdefault((rule.trigger, rule.reach), (rule.trigger, rule.reach))
    return list(own.values())


def _needs_antecedent(sentence: str) -> bool:
    """Whether a speaker in ``sentence`` may be named in the sentence before: a subject
    pronoun (« a-t-il dit »), a definite description with a role noun (« la joueuse
    lyonnaise »; ``data/speaker_nouns.txt``) or an acronym (« le PP »)."""
    if _PRONOUN.search(sentence) or _ACRONYM.search(sentence):
        return True
    roles = speaker_nouns()
    return any(m.group(1).lower() in roles for m in _DEFINITE.finditer(sentence))


# A subject pronoun that may stand for the speaker (« a-t-il dit », « elle a affirmé »).
_PRONOUN = regex.compile(
    r"(?i)(?:-t-|-|\b)(?:" + "|".join(sorted(personal_pronouns(), key=len, reverse=True)) + r")\b"
)
_ACRONYM = regex.compile(r"\b\p{Lu}{2,}\b")
# A definite determiner and the noun after it (« la joueuse », « l'entraîneur »).
_DEFINITE = regex.compile(r"(?i)\b(?:le|la|les|l['’]|ce|cette|ces)\s*(\p{L}[\p{L}-]*)")


def _hits(text: str, units: list[tuple[int, int]]) -> tuple[list[bool], list[bool]]:
    """The units some rule's trigger fires on (hits), and the units kept with them: the
    neighbours a rule reads (``reach``: a passage standing alone takes its speaker from the
    sentence before or after, « C'est le constat de X » names the speaker of the one before,
    an incise may stand as a unit of its own), its whole paragraph for a rule whose reach is
    the paragraph, and the sentence before a hit whose speaker may be named there (a pronoun,
    a description, an acronym: « il », « la joueuse lyonnaise », « le PP »). A rule without
    a trigger makes every unit a hit. The rules reading the others' quotations fire only on
    a unit right after a hit of the others, in its paragraph: their triggers are tried there
    only."""
    own = _triggers()
    if any(trigger is None for trigger, _ in own):
        return [True] * len(units), [True] * len(units)
    after = [(trigger, reach) for trigger, reach in _triggers(True) if trigger is not None]
    hit = [False] * len(units)
    keep = [False] * len(units)
    # Hits of the rules reading the others' quotations only, which no such rule reads.
    second = [False] * len(units)
    last = len(units) - 1
    for n, (a, b) in enumerate(units):
        sentence = text[a:b]
        reaches = {reach for trigger, reach in own if trigger is not None and trigger(sentence)}
        if (
            not reaches
            and n > 0
            and hit[n - 1]
            and not second[n - 1]
            and "\n" not in text[units[n - 1][1] : a]
        ):
            # Right after a hit of the others: a rule reading its quotation may fire here.
            reaches = {reach for trigger, reach in after if trigger(sentence)}
            second[n] = bool(reaches)
        if not reaches:
            continue
        hit[n] = keep[n] = True
        if "neighbours" in reaches:
            keep[max(0, n - 1)] = keep[min(last, n + 1)] = True
        elif _needs_antecedent(sentence):
            keep[max(0, n - 1)] = True
        if "paragraph" in reaches:
            lo = hi = n
            while lo > 0 and "\n" not in text[units[lo - 1][1] : units[lo][0]]:
                lo -= 1
            while hi < last and "\n" not in text[units[hi][1] : units[hi + 1][0]]:
                hi += 1
            hit[lo : hi + 1] = keep[lo : hi + 1] = [True] * (hi + 1 - lo)
    return hit, keep


def _introduction_units(text: str, units: list[tuple[int, int]], keep: list[bool]) -> list[int]:
    # A name used in a kept unit (« Wang a dit ») gets its full form where first written, and
    # a role noun (« le graphiste ») the sentence first using it, where the article usually
    # names its holder (« conçu par le graphiste portugais Miguel Neiva »).
    first: dict[str, int] = {}
    needed: set[str] = set()
    roles = speaker_nouns()
    for n, (a, b) in enumerate(units):
        for m in _CAPITALISED.finditer(text, a, b):
            first.setdefault(m.group(), n)
            # Any first word is capitalised: only later ones show a name is used.
            if keep[n] and m.start() > a:
                needed.add(m.group())
        for m in _WORD.finditer(text, a, b):
            word = m.group().lower()
            if word in roles:
                # Where a name follows the role (« le graphiste portugais Miguel Neiva »).
                if _NAMED_ROLE.match(text, m.end(), b):
                    first.setdefault(word, n)
                if keep[n]:
                    needed.add(word)
    return [first[name] for name in needed if name in first]


# A capitalised word within three words after a role noun: the holder's name.
_NAMED_ROLE = regex.compile(r"(?:\s+[\p{Ll}'’-]+){0,3}\s+\p{Lu}")
