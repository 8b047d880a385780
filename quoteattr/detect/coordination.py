"""A verb phrase coordinated with the one before it, sharing its subject: « Le maire a assuré
que les travaux seraient finis et a promis de rouvrir la salle », « L'entraîneur a reconnu que
P, avant d'ajouter que Q ». The links are ``data/coordination_links.txt``.

Two consequences for reported speech: the second verb speaks with the first one's subject
(:func:`coordinated_with`), and the first cue's content stops where the second verb phrase
opens (:func:`coordination_cut`), since that phrase is the speaker's next move, not more of
what was said. Both hold only when the reading is certain: the second verb group follows the
link at once, agrees with the first verb, and no other finite verb in between could be the one
it is coordinated with (« a affirmé que la police a arrêté deux hommes et a saisi … » is left
alone).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

import regex
from spacy.tokens import Doc, Token

from ..data import words as data_words
from .closed_class import normalise_apostrophes
from .cues import CueLexicon


@dataclass(frozen=True)
class Coordination:
    """``verb`` coordinated with ``main``; ``link`` is the index where the link opens (its
    comma included: « , puis a ajouté »)."""

    main: Token
    verb: Token
    link: int


@cache
def _links() -> tuple[tuple[str, ...], ...]:
    """The links, longest first, as token sequences (« avant d' » is « avant » + « d' »)."""
    out = {
        tuple(normalise_apostrophes(line).split()) for line in data_words("coordination_links.txt")
    }
    return tuple(sorted(out, key=len, reverse=True))


def _infinitive_link(link: tuple[str, ...]) -> bool:
    return link[-1] in {"de", "d'"}


def _link_before(doc: Doc, vstart: int, floor: int) -> tuple[int, bool] | None:
    """Where the link ending just before token ``vstart`` opens, and whether it takes an
    infinitive; None when no link stands there."""
    for link in _links():
        n = len(link)
        first = vstart - n
        if first < floor:
            continue
        if all(normalise_apostrophes(doc[first + k].lower_) == w for k, w in enumerate(link)):
            if first > floor and doc[first - 1].text == ",":
                first -= 1
            return first, _infinitive_link(link)
    return None


def _group_start(doc: Doc, verb: int) -> int:
    # Imported late: clauses imports this module.
    from .clauses import verb_group_start

    return verb_group_start(doc, verb)


def _form(doc: Doc, verb: Token) -> tuple[bool, tuple[str, ...], tuple[str, ...]] | None:
    """Whether the verb is compound, with the number and person of its finite word (its
    auxiliary, or itself); None for a verb without a finite form."""
    group = doc[_group_start(doc, verb.i) : verb.i]
    aux = [t for t in group if t.pos_ == "AUX" and "Fin" in t.morph.get("VerbForm")]
    finite = aux[0] if aux else verb
    if "Fin" not in finite.morph.get("VerbForm") or "Ind" not in finite.morph.get("Mood"):
        return None
    if any(t.lower_ == "été" for t in group):
        return None  # a passive has a subject of its own (« la réforme … a été votée »)
    return bool(aux), tuple(finite.morph.get("Number")), tuple(finite.morph.get("Tense"))


def _finite_verbs(doc: Doc, start: int, end: int) -> list[Token]:
    """The last word of each finite verb group of ``[start, end)`` (« a assuré », « seraient
    finis », « appelle »)."""
    out = []
    for t in doc[start:end]:
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        if t.i + 1 < end and doc[t.i + 1].pos_ in {"VERB", "AUX"}:
            continue
        group = doc[_group_start(doc, t.i) : t.i + 1]
        if any("Fin" in w.morph.get("VerbForm") for w in group if w.pos_ in {"VERB", "AUX"}):
            out.append(t)
    return out


def coordinated_with(doc: Doc, verb: Token, floor: int, lexicon: CueLexicon) -> Coordination | None:
    """The earlier verb ``verb`` is coordinated with, when the sentence allows one reading
    only: « [a assuré] que P et [a promis] de Q », « [a reconnu] que P, avant d'[ajouter] … »."""
    if verb.pos_ != "VERB":
        return None
    vstart = _group_start(doc, verb.i)
    found = _link_before(doc, vstart, floor)
    if found is None:
        return None
    link, infinitive = found
    if infinitive != ("Inf" in verb.morph.get("VerbForm")):
        return None
    verbs = _finite_verbs(doc, floor, link)
    if not verbs:
        return None
    main = verbs[0]
    if infinitive:
        return Coordination(main, verb, link)
    mine, theirs = _form(doc, verb), _form(doc, main)
    if mine is None or theirs is None or mine[1] != theirs[1]:
        return None  # « les élus ont dit … et a promis » does not agree
    others = verbs[1:]
    if mine == theirs:
        # Another verb of the same form in between could be the first conjunct.
        if any(_form(doc, t) == mine for t in others):
            return None
        return Coordination(main, verb, link)
    # The journalist changed tense (« a fermé le pont et appelle la population à … »): only
    # with no other finite verb between the two.
    return Coordination(main, verb, link) if not others else None


def coordination_cut(
    doc: Doc, main: Token, start: int, end: int, floor: int, lexicon: CueLexicon
) -> int:
    """Where the content ``[start, end)`` of the cue ``main`` stops because a verb phrase
    coordinated with ``main`` opens (« … que P et a promis de Q » stops before « et »);
    ``end`` if none does. An infinitive after « avant de » cuts only when it reports content
    itself (« avant d'ajouter que Q »), not in « … s'entraîner avant de partir »."""
    for t in doc[start:end]:
        if t.pos_ != "VERB":
            continue
        co = coordinated_with(doc, t, floor, lexicon)
        if co is None or co.main.i != main.i or co.link < start:
            continue
        if "Inf" in t.morph.get("VerbForm") and not _reports(doc, t, end, lexicon):
            continue
        compound = any(w.pos_ == "AUX" for w in doc[_group_start(doc, t.i) : t.i])
        if not compound and lexicon.match(t) is None:
            continue  # what fast mode's pre-scan can tell from the words (coordination_in)
        return co.link
    return end


def _reports(doc: Doc, verb: Token, limit: int, lexicon: CueLexicon) -> bool:
    from .clauses import que_after

    entry = lexicon.match(verb)
    return entry is not None and que_after(doc, verb.i, limit) is not None


# What may stand between a link and its verb: negation and object clitics, as words of
# letters (« n'a », « s'est », « l'a » give « n », « s », « l »).
_CLITICS = frozenset({"ne", "n", "se", "s", "lui", "leur", "y", "en", "l", "le", "la", "les"})
_LETTERS = regex.compile(r"\p{L}+")


@cache
def _word_links() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_LETTERS.findall(link)) for link in data_words("coordination_links.txt"))


def coordination_in(text: str, start: int, end: int, cue_forms: Collection[str]) -> bool:
    """Whether ``text[start:end]`` may hold a verb phrase coordinated with a cue, read without
    a parse (fast mode's pre-scan): a link, then an auxiliary or a cue form."""
    words = [w.lower() for w in _LETTERS.findall(text, start, end)]
    auxiliaries = data_words("auxiliary_forms.txt")
    for i in range(len(words)):
        for link in _word_links():
            n = len(link)
            if tuple(words[i : i + n]) != link:
                continue
            j = i + n
            while j < len(words) and words[j] in _CLITICS:
                j += 1
            if j < len(words) and (words[j] in auxiliaries or words[j] in cue_forms):
                return True
    return False
