"""The reporting-cue lexicon (``data/cues.tsv``) and cue matching on spaCy tokens.

Cues are matched on lemmas, not on inflected forms: « a réitéré », « réaffirme-t-il » and
« affirmant » all reach ``affirmer``/``réaffirmer``. Pronominal cues (« se féliciter ») need a
reflexive clitic, multi-word cues (« faire valoir », « mettre en garde ») their other words.

>>> lex = CueLexicon.load()
>>> lex["déclarer"].frames >= {"que", "incise"}
True
>>> len(lex) >= 150
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from ..data import rows as data_rows
from ..data import text as data_text

_REFLEXIVE = {"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous", "vous"}


@dataclass(frozen=True)
class CueEntry:
    """One cue of the lexicon: its words, category, frames and speech certainty."""

    cue: str
    category: str
    frames: frozenset[str]
    weight: float

    @property
    def verb(self) -> str:
        """The lemma the entry is matched on (the verb of a multi-word or pronominal cue)."""
        words = self.cue.replace("’", "'").split()
        if words[0] in {"se", "s'"} or words[0].startswith("s'"):
            return words[0][2:] if words[0].startswith("s'") and len(words[0]) > 2 else words[1]
        return words[0]

    @property
    def pronominal(self) -> bool:
        return self.cue.startswith(("se ", "s'", "s’"))

    @property
    def rest(self) -> tuple[str, ...]:
        """Words after the verb in a multi-word cue (« valoir » in « faire valoir »)."""
        words = self.cue.replace("’", "'").split()
        if self.pronominal:
            words = words[1:] if words[0] == "se" else [words[0][2:], *words[1:]]
        return tuple(words[1:])


class CueLexicon:
    """Reporting cues indexed by verb lemma; load the bundled one with :meth:`load`."""

    def __init__(self, entries: list[CueEntry], text: str | None = None) -> None:
        self.entries = {e.cue: e for e in entries}
        # The table the lexicon was read from, for saving it with a pipeline (to_disk).
        self.text = text
        self._by_verb: dict[str, list[CueEntry]] = {}
        for e in entries:
            if "source" not in e.frames:
                self._by_verb.setdefault(e.verb, []).append(e)
        # The entries a (lemma, form) pair reaches (:meth:`_entries`), by the two strings'
        # hashes: most words of a text are no cue, and this says so without building strings.
        self._reached: dict[tuple[int, int], list[CueEntry] | None] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> CueLexicon:
        """The lexicon at ``path`` (TSV with columns cue, category, frames, weight), or ours."""
        if path is None:
            text = data_text("cues.tsv")
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ValueError(f"cannot read the cue lexicon {path}: {exc.strerror}") from exc
        return cls.from_text(text, str(path or "cues.tsv"))

    @classmethod
    def from_text(cls, text: str, name: str = "cues.tsv") -> CueLexicon:
        """The lexicon of a TSV table's ``text`` (``name`` says where it came from in errors).

        >>> CueLexicon.from_text("cue\\tframes\\tweight\\nclamer\\tque\\t0.9")["clamer"].weight
        0.9
        """
        entries = []
        for row in data_rows(text):
            try:
                entries.append(
                    CueEntry(
                        cue=row["cue"].strip(),
                        category=row.get("category") or "",
                        frames=frozenset((row.get("frames") or "que,incise").split(",")),
                        weight=float(row.get("weight") or 0.8),
                    )
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"bad row in the cue lexicon {name}: {row}") from exc
        return cls(entries, text)

    def __getitem__(self, cue: str) -> CueEntry:
        return self.entries[cue]

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, token: Token, verb_slot: bool = False) -> CueEntry | None:
        """The cue ``token`` (a verb) realises in its sentence, or None.

        ``verb_slot``: the position itself says the word is a verb (right after « », » or
        before an inverted clitic), so a tagger's noun (« lance ») is read as the verb.
        """
        entries = self._entries(token)
        if not entries:
            return None
        # Verbs, and participles the model tags as adjectives or nouns (« Notant », « indiqué »).
        if (
            not verb_slot
            and token.pos_ not in {"VERB", "AUX"}
            and not (
                token.pos_ in {"NOUN", "ADJ", "PROPN"} and token.lower_.endswith(("ant", "é", "ée"))
            )
            and not _before_inverted_clitic(token)
        ):
            return None
        reflexive = _has_reflexive(token)
        best = None
        for e in entries:
            if e.rest and not _has_words(token, e.rest):
                continue
            if e.pronominal != reflexive:
                continue
            if best is None or len(e.rest) > len(best.rest):
                best = e
        if best is None and not reflexive:
            return None
        if best is None:
            # « se dire » is in the lexicon, « s'entendre » is not: a reflexive verb matches only
            # its pronominal entry, except that a plain entry still matches with a dative clitic.
            best = next((e for e in entries if not e.pronominal and not e.rest), None)
        return best

    def _entries(self, token: Token) -> list[CueEntry] | None:
        """The entries of the first of the token's :func:`lemmas` that has some."""
        key = (token.lemma, token.lower)
        try:
            return self._reached[key]
        except KeyError:
            pass
        entries = None
        for candidate in lemmas(token):
            entries = self._by_verb.get(candidate)
            if entries:
                break
        if len(self._reached) >= _REACHED_LIMIT:
            self._reached.clear()  # a corpus of millions of articles brings millions of forms
        self._reached[key] = entries or None
        return entries or None


#: Most (lemma, form) pairs :meth:`CueLexicon._entries` remembers.
_REACHED_LIMIT = 100_000


def lemmas(token: Token) -> list[str]:
    """The token's lemma, then guesses for the regular verb forms the model leaves
    unlemmatised (« estime » → estimer, « lance » → lancer, « Notant » → noter)."""
    low = token.lower_
    first = token.lemma_.lower()
    out = [first]
    if first == low:
        for ending, replacement in _REGULAR_ENDINGS:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                out.append(low[: -len(ending)] + replacement)
    return out


# Endings of first-group verb forms, longest first, and what the infinitive ends with.
_REGULAR_ENDINGS = (
    ("èrent", "er"),
    ("ant", "er"),
    ("aient", "er"),
    ("ées", "er"),
    ("ent", "er"),
    ("ait", "er"),
    ("ée", "er"),
    ("és", "er"),
    ("es", "er"),
    ("é", "er"),
    ("e", "er"),
    ("a", "er"),
)


def _before_inverted_clitic(token: Token) -> bool:
    doc = token.doc
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return nxt in {"-t", "-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on"}


def _has_reflexive(token: Token) -> bool:
    for child in token.children:
        if child.lower_ in _REFLEXIVE and child.dep_ in {
            "expl:comp",
            "expl:pv",
            "obj",
            "iobj",
            "expl",
            "expl:pass",
            "dep",
        }:
            return True
    # The clitic sits just before the verb or its auxiliary (« s'est félicité »).
    i = token.i - 1
    doc = token.doc
    while i >= 0 and i >= token.i - 3 and doc[i].pos_ in {"AUX", "ADV", "PART"}:
        i -= 1
    return i >= 0 and doc[i].lower_ in {"se", "s'", "s’"}


def _has_words(token: Token, words: tuple[str, ...]) -> bool:
    """Whether the words of a multi-word cue follow the verb closely (« fait valoir »)."""
    doc = token.doc
    window = [t.lemma_.lower() for t in doc[token.i + 1 : token.i + 3 + len(words) * 2]]
    forms = [t.lower_ for t in doc[token.i + 1 : token.i + 3 + len(words) * 2]]
    pos = 0
    for w in words:
        w = w.lower()
        try:
            pos = next(k for k in range(pos, len(window)) if window[k] == w or forms[k] == w) + 1
        except StopIteration:
            return False
    return True
