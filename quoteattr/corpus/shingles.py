"""Quotations as sets of word shingles, and their MinHash and anchor keys for candidate search.

Two quotations are compared on their *content words*: the text is folded (case, accents,
apostrophes and typographic variants, digit groups), elided forms are expanded, the words
that change when direct speech is reported indirectly (pronouns, possessives, être and avoir:
``data/person_words.txt``) are left out and a light stemmer drops verb, plural and
feminine endings (``data/verb_endings.txt``). « Je suis prête à négocier » and « elle était
prête à négocier » give the same words, and so do « nous céderons » and « il céderait »:

>>> content_words("« Je suis prête à négocier », a-t-elle dit")
['pret', 'negocier', 'dit']
>>> content_words("nous ne céderons pas") == content_words("qu'il ne céderait pas")
True
>>> content_words("qu'elle était prête à NÉGOCIER") == content_words("Je suis prête à négocier")
True

A quotation's *shingles* are the pairs of consecutive content words, hashed to 32 bits (a
one-word quotation has its word as its only shingle). :func:`sketch` turns a batch of texts
into the arrays the clustering holds per quotation: the sorted shingle set (for exact
verification), MinHash band keys (candidates for near-duplicates) and winnowing anchors
(candidates for a fragment inside a longer quotation, or a long shared passage).

All hashes are seeded constants (no Python ``hash``), so every process, machine and Dask
worker computes the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from hashlib import blake2b
from typing import Any

import numpy as np

from ..data import words as _data_words

#: MinHash permutations; the band keys are made of pairs of them.
NUM_PERM = 20
#: Rows per band: 10 bands of 2 rows make two texts with a shingle Jaccard of 0.7 share a band
#: key with probability 1 - (1 - 0.7²)¹⁰ ≈ 0.999, 0.5 with 0.94, 0.2 with 0.33.
BAND_ROWS = 2
BANDS = NUM_PERM // BAND_ROWS
#: Winnowing window, in shingles: any run of WINDOW shingles (WINDOW + 1 content words) that
#: two quotations share gives them a common anchor.
WINDOW = 3

_M32 = np.uint64(0xFFFFFFFF)
_SEEDS = None  # filled on first use by _perm_seeds()

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u00b4`\u2032\u201b"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_MARKS = re.compile(r"[\u0300-\u036f]")
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009.](?=\d{3}(?!\d))")
_WORD = re.compile(r"[^\W_]+")
#: Elided forms (j', qu'…) read as the full word, so « qu'il » and « que il » compare equal.
_ELIDED = {
    "j": "je",
    "m": "me",
    "t": "te",
    "s": "se",
    "n": "ne",
    "c": "ce",
    "d": "de",
    "l": "le",
    "qu": "que",
    "jusqu": "jusque",
    "lorsqu": "lorsque",
    "puisqu": "puisque",
}
_CACHE_LIMIT = 500_000
_stems: dict[str, str | None] = {}
_entries: dict[str, tuple[tuple[str, int], ...]] = {}


def fold(text: str) -> str:
    """``text`` lower-cased, without accents, with one apostrophe and no digit-group spaces.

    >>> fold("L’Élysée a versé 1 000 €, cœur")
    "l'elysee a verse 1000 €, coeur"
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)
    text = _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_LIGATURES)))
    return _DIGIT_GROUP.sub("", text)


@cache
def _person_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _data_words("person_words.txt"))


@cache
def _verb_endings() -> tuple[str, ...]:
    """The verb endings of ``data/verb_endings.txt``, longest first."""
    return tuple(sorted(_data_words("verb_endings.txt"), key=len, reverse=True))


def _stem(token: str) -> str | None:
    """The comparison form of one folded token, or None for a word left out."""
    stem = _stems.get(token, "")
    if stem != "":
        return stem
    word = _ELIDED.get(token, token)
    if word in _person_words():
        stem = None
    else:
        # A verb ending (« céderons », « céderait » read « ced »), else a plural ending;
        # then a feminine one: « prêtes », « prêts », « prête » all read « pret ».
        cut = next((e for e in _verb_endings() if word.endswith(e) and len(word) - len(e) >= 4), "")
        if cut:
            word = word[: -len(cut)]
        elif len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        if len(word) > 3 and word[-1] == "e":
            word = word[:-1]
        stem = word
    if len(_stems) >= _CACHE_LIMIT:
        _stems.clear()
    _stems[token] = stem
    return stem


def _tokens(text: str) -> list[str]:
    """The lower-case tokens of ``text``, apostrophes and digit groups dealt with; each is
    folded on its own by :func:`_entry`, where a cache makes the work once per word."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _WORD.findall(_DIGIT_GROUP.sub("", text.lower()))


def _entry(token: str) -> tuple[tuple[str, int], ...]:
    """The content words (with their hashes) that one token gives: usually one, none for a
    word left out."""
    entry = _entries.get(token)
    if entry is None:
        words = (_stem(w) for w in _WORD.findall(fold(token)))
        entry = tuple((w, _word_hash(w)) for w in words if w is not None)
        if len(_entries) >= _CACHE_LIMIT:
            _entries.clear()
        _entries[token] = entry
    return entry


def content_words(text: str) -> list[str]:
    """The words of ``text`` that quotations are compared on, in order (see the module)."""
    return [w for token in _tokens(text) for w, _ in _entry(token)]


def _word_hashes(text: str) -> list[int]:
    return [h for token in _tokens(text) for _, h in _entry(token)]


def _word_hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """The distinct values of ``a``, sorted (by sorting: faster than ``np.unique``'s hashing
    on large integer arrays).

    >>> sorted_unique(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser over a uint64 array: a fast, well-spread 64-bit hash."""
    z = x + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _perm_seeds() -> np.ndarray:
    global _SEEDS
    if _SEEDS is None:
        _SEEDS = _mix(np.arange(1, NUM_PERM + 1, dtype=np.uint64) * np.uint64(0x51ED27))
    return _SEEDS


@dataclass
class Sketches:
    """What clustering keeps of each quotation of a batch: no text, only hashes and counts.

    ``sets[offsets[i]:offsets[i + 1]]`` is quotation ``i``'s sorted shingle set (uint32),
    ``words[i]`` its number of content words, ``bands[i]`` its MinHash band keys (uint32, all
    zero for a text without words) and ``anchors`` its winnowing anchors, owned by
    ``anchor_owner`` (quotation numbers within the batch).
    """

    sets: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    words: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    bands: np.ndarray = field(default_factory=lambda: np.zeros((0, BANDS), np.uint32))
    anchors: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    anchor_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))

    def __len__(self) -> int:
        return len(self.words)

    def set_of(self, i: int) -> np.ndarray:
        """Quotation ``i``'s shingle set."""
        return self.sets[self.offsets[i] : self.offsets[i + 1]]

    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(
            a.nbytes
            for a in (
                self.sets,
                self.offsets,
                self.words,
                self.bands,
                self.anchors,
                self.anchor_owner,
            )
        )

    @classmethod
    def concat(cls, parts: list[Sketches], consume: bool = False) -> Sketches:
        """One :class:`Sketches` for the quotations of ``parts``, in order.

        With ``consume``, each array of the parts is let go as soon as it is copied, so
        that joining needs little more memory than the result.
        """
        if not parts:
            return cls()
        base = np.cumsum([0] + [len(p) for p in parts[:-1]]).astype(np.uint32)
        set_base = np.cumsum([0] + [len(p.sets) for p in parts[:-1]]).astype(np.int64)
        offsets = [p.offsets[1:] for p in parts]
        return cls(
            sets=concat_field(parts, "sets", consume),
            offsets=np.concatenate(
                [np.zeros(1, np.int64)] + [o + b for o, b in zip(offsets, set_base, strict=True)]
            ),
            words=concat_field(parts, "words", consume),
            bands=concat_field(parts, "bands", consume),
            anchors=concat_field(parts, "anchors", consume),
            anchor_owner=concat_field(parts, "anchor_owner", consume, shift=base),
        )


def concat_field(
    parts: list[Any], name: str, consume: bool, shift: np.ndarray | None = None
) -> np.ndarray:
    """The arrays ``name`` of ``parts`` end to end (``shift[k]`` added to part k's)."""
    arrays = [getattr(p, name) for p in parts]
    if shift is not None:
        arrays = [a + s for a, s in zip(arrays, shift, strict=True)]
    joined = np.concatenate(arrays)
    if consume:
        for p in parts:
            setattr(p, name, getattr(p, name)[:0])
    return joined


def sketch(texts: list[str]) -> Sketches:
    """The :class:`Sketches` of a batch of texts, computed with whole-batch array operations.

    >>> s = sketch(["la situation est très grave", "La situation est TRÈS grave !", ""])
    >>> s.words.tolist(), bool((s.set_of(0) == s.set_of(1)).all()), len(s.set_of(2))
    ([4, 4, 0], True, 0)
    """
    n = len(texts)
    hashes: list[int] = []
    counts = np.zeros(n, np.int64)
    for i, text in enumerate(texts):
        hs = _word_hashes(text)
        counts[i] = len(hs)
        hashes.extend(hs)
    h = np.array(hashes, dtype=np.uint64)
    owner = np.repeat(np.arange(n, dtype=np.int64), counts)
    # Shingles: each word with the next one of the same text; a one-word text keeps its word.
    pair = owner[:-1] == owner[1:] if len(h) else np.zeros(0, bool)
    single = np.flatnonzero(counts == 1)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    bi = np.flatnonzero(pair)
    shingle = np.concatenate([_mix(_mix(h[bi]) ^ h[bi + 1]), _mix(h[starts[single]] ^ 1)])
    shingle_owner = np.concatenate([owner[bi], single])
    order = np.argsort(shingle_owner, kind="stable")  # per text, in reading order
    shingle = (shingle[order] >> np.uint64(32)).astype(np.uint64)
    shingle_owner = shingle_owner[order]

    # The set of each text: unique (owner, shingle), sorted.
    keyed = sorted_unique((shingle_owner.astype(np.uint64) << np.uint64(32)) | shingle)
    sets = (keyed & _M32).astype(np.uint32)
    set_owner = (keyed >> np.uint64(32)).astype(np.int64)
    sizes = np.bincount(set_owner, minlength=n)
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)

    return Sketches(
        sets=sets,
        offsets=offsets,
        words=counts.astype(np.int32),
        bands=_bands(sets, offsets, sizes),
        anchors=(anchors := _anchors(shingle, shingle_owner))[0],
        anchor_owner=anchors[1],
    )


def _bands(sets: np.ndarray, offsets: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """MinHash signatures of the shingle sets, folded into BANDS keys of BAND_ROWS rows."""
    n = len(sizes)
    bands = np.zeros((n, BANDS), np.uint32)
    full = np.flatnonzero(sizes > 0)
    if not len(full):
        return bands
    values = _mix(sets.astype(np.uint64)[:, None] ^ _perm_seeds()[None, :]) >> np.uint64(32)
    sig = np.minimum.reduceat(values, offsets[full], axis=0)  # (texts with words, NUM_PERM)
    for b in range(BANDS):
        key = np.full(len(full), np.uint64(b + 1) * np.uint64(0x9E3779B1))
        for r in range(BAND_ROWS):
            key = _mix(key ^ sig[:, b * BAND_ROWS + r])
        # Zero stands for "no key" (a text without words): never produce it otherwise.
        bands[full, b] = np.maximum((key >> np.uint64(32)).astype(np.uint32), 1)
    return bands


def _anchors(shingle: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Winnowing: the smallest shingle hash of every WINDOW consecutive shingles of a text.

    Texts shorter than the window anchor every shingle they have.
    """
    if not len(shingle):
        return np.zeros(0, np.uint32), np.zeros(0, np.uint32)
    picked = []
    if len(shingle) >= WINDOW:
        win = np.lib.stride_tricks.sliding_window_view(shingle, WINDOW)
        inside = owner[: len(win)] == owner[WINDOW - 1 :]
        start = np.flatnonzero(inside)
        picked.append(start + np.argmin(win[start], axis=1))
    sizes = np.bincount(owner)
    short = sizes[owner] < WINDOW
    picked.append(np.flatnonzero(short))
    pos = sorted_unique(np.concatenate(picked))
    return shingle[pos].astype(np.uint32), owner[pos].astype(np.uint32)
