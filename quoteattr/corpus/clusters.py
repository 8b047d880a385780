"""Quotation clusters: one statement and all its occurrences across a corpus of articles.

A statement is carried by the wire, by ten outlets and by a ministry's site, trimmed,
extended, with other quotation marks and apostrophes, as direct speech in one article and as
indirect speech in another. :func:`cluster` groups the quotations that ``quoteattr extract``
found into :class:`Cluster` records: every quotation is in exactly one cluster (a quotation
seen once is a cluster of one), with the fullest text, all its occurrences, the earliest date
and its article, the speaker the occurrences agree on and the number of outlets.

>>> from quoteattr import Quote, Speaker, ArticleRef
>>> def q(text, who, outlet, day):
...     art = ArticleRef(id=outlet + day, publisher=outlet, date=day)
...     return Quote(text=text, type="direct", start=0, end=len(text), date=day,
...                  speaker=Speaker(name=who), article=art)
>>> clusters = cluster([
...     q("La situation est très grave", "Marie Dupont", "AFP", "2024-03-04"),
...     q("la situation est très grave et nous agirons dès demain", "Marie Dupont",
...       "Le Monde", "2024-03-05"),
...     q("Nous gagnerons", "Paul Martin", "Ouest-France", "2024-03-05"),
... ])
>>> [(len(c.occurrences), c.outlets, c.date, c.speaker) for c in clusters]
[(2, 2, '2024-03-04', 'Marie Dupont'), (1, 1, '2024-03-05', 'Paul Martin')]
>>> clusters[0].text
'la situation est très grave et nous agirons dès demain'

Quotations are compared on the shingles of their content words
(:mod:`quoteattr.corpus.shingles`); candidate pairs come from MinHash band keys and
winnowing anchors, so the search is linear in the number of quotations; each candidate pair
is then checked exactly against :class:`Rules`, and the pairs that pass are joined by
union-find. docs/clusters.md gives the rules, their thresholds and the memory used.

Files are clustered in two passes (:func:`cluster_file`): the first keeps only hashes and
counts per quotation, the second reads the quotations again and writes the clusters.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date as _date
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..model import ArticleRef, Quote
from .quotes import same_file
from .shingles import Sketches, concat_field, fold, sketch, sorted_unique

__all__ = ["Cluster", "Occurrence", "Rules", "Summary", "cluster", "cluster_file", "label_file"]

#: Quotations sketched at a time: large enough for array operations to pay, small enough to
#: keep the batch's texts (the only texts ever held in the first pass) a few megabytes.
BATCH = 4096
#: Quotations whose occurrences are grouped in memory at a time when clusters are written.
PART_QUOTES = 50_000
#: Candidate pairs checked at a time: the exact check holds about 100 bytes per pair, so a
#: family's millions of pairs are checked (and joined) in slices of this many.
CHECK_PAIRS = 1 << 20
#: A date that sorts after every real one, for quotations without a date.
_NO_DATE = np.iinfo(np.int32).max
_M32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class Rules:
    """When two quotations are the same statement; see docs/clusters.md for the reasons.

    Sizes are counted on content words and their shingles (pairs of consecutive content
    words). With ``A`` the smaller shingle set, ``B`` the larger and ``I`` what they share:

    1. *same words*: ``I / |A ∪ B| >= same_words``. Same statement whoever the speakers and
       whatever the dates when both quotations have at least ``distinctive_words`` content
       words; shorter ones must also have agreeing speakers and dates.
    2. *contained*: ``I / |A| >= contained``. Same statement when two of these three hold:
       the speakers agree, the dates agree, the shorter has ``distinctive_words`` content words.
    3. *shared passage*: ``I >= overlap``. Same statement only when speakers and dates agree.

    Speakers agree when both are named and one name's words include the other's; dates agree
    when they are at most ``date_window`` days apart or one is unknown. ``neighbours`` is
    how many earlier members of the same candidate bucket each quotation is checked against.
    """

    same_words: float = 0.7
    contained: float = 0.8
    overlap: int = 6
    distinctive_words: int = 12
    date_window: int = 2
    neighbours: int = 8

    def __post_init__(self) -> None:
        for name in ("same_words", "contained"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name} must be in (0, 1], not {getattr(self, name)!r}")
        for name in ("overlap", "distinctive_words", "neighbours"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        if self.date_window < 0:
            raise ValueError(f"date_window must be at least 0, not {self.date_window!r}")


@dataclass
class Occurrence:
    """One quotation of a cluster: where it is, when, how it was reported and by whom.

    ``text`` is the occurrence's own wording, given only when it differs from the cluster's.
    """

    article: ArticleRef
    start: int
    end: int
    type: str
    date: str | None = None
    speaker: str | None = None
    text: str | None = None


@dataclass
class Cluster:
    """One statement and all its occurrences (one line of ``quoteattr cluster``'s output).

    ``id`` is derived from the key of the earliest occurrence (article, offsets), so the same
    quotations give the same id in every run. ``date`` is the earliest date and ``first`` the
    article of that occurrence. ``speaker`` is the name most occurrences give; ``speakers``
    counts every name given and ``disagreements`` lists the names that do not agree with
    ``speaker`` (neither name's words include the other's). ``outlets`` counts the distinct
    publishers (or web sites, for articles without one).
    """

    id: str
    text: str
    size: int
    outlets: int
    date: str | None
    first: ArticleRef
    speaker: str | None
    speakers: dict[str, int] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this cluster."""
        from dataclasses import asdict

        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cluster:
        """The cluster of a line of ``quoteattr cluster``'s output."""
        d = dict(d)
        d["first"] = ArticleRef(**d["first"])
        d["occurrences"] = [
            Occurrence(**{**o, "article": ArticleRef(**o["article"])}) for o in d["occurrences"]
        ]
        return cls(**d)


@dataclass
class Summary:
    """What a clustering run did."""

    quotes: int = 0
    clusters: int = 0
    skipped: int = 0
    candidates: int = 0
    joined: int = 0
    state_bytes: int = 0


# --- one quotation ----------------------------------------------------------------------


def _as_dict(quote: Quote | dict[str, Any]) -> dict[str, Any]:
    if isinstance(quote, Quote):
        return quote.to_dict()
    if not isinstance(quote, dict):
        raise TypeError(f"not a quotation: {type(quote).__name__}")
    return quote


def _check(quote: Any) -> str | None:
    """Why ``quote`` (a decoded JSON line) cannot be clustered, or None."""
    if not isinstance(quote, dict):
        return "not a JSON object"
    if not isinstance(quote.get("text"), str):
        return "no quotation text"
    if not isinstance(quote.get("article") or {}, dict):
        return "its article is not a JSON object"
    if not isinstance(quote.get("speaker") or {}, dict):
        return "its speaker is not a JSON object"
    return None


def _article(quote: dict[str, Any]) -> dict[str, Any]:
    return quote.get("article") or {}


def _quote_date(quote: dict[str, Any]) -> str | None:
    """The day the words were said, else the article's publication date."""
    d = quote.get("date") or _article(quote).get("date")
    return d if isinstance(d, str) else None


def _ordinal(day: str | None) -> int:
    try:
        return _date.fromisoformat(day[:10]).toordinal() if day else -1
    except ValueError:
        return -1


def _day_key(day: str | None) -> int:
    """The sort key of a date: its ordinal, after every date when there is none."""
    n = _ordinal(day)
    return n if n >= 0 else int(_NO_DATE)


def _speaker_name(quote: dict[str, Any]) -> str | None:
    name = (quote.get("speaker") or {}).get("name")
    return name if isinstance(name, str) and name.strip() else None


def _speaker_key(quote: dict[str, Any]) -> str | None:
    """The folded name that speaker agreement compares, None for nobody or an unnamed one."""
    speaker = quote.get("speaker") or {}
    name = _speaker_name(quote)
    if name is None or speaker.get("kind") == "unnamed":
        return None
    return _name_key(name)


@lru_cache(maxsize=100_000)
def _name_key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def _hash64(text: str) -> int:
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _occurrence_key(quote: dict[str, Any]) -> int:
    """The 64-bit hash of where a quotation is: its article and its offsets."""
    a = _article(quote)
    key = (a.get("id") or "", a.get("path") or "", a.get("index") or 0)
    key += (quote.get("start"), quote.get("end"), quote.get("text"))
    return _hash64("\x1f".join(map(str, key)))


def _cluster_id(occurrence_hash: int) -> str:
    return f"{occurrence_hash:016x}"


# --- what the first pass keeps ------------------------------------------------------------


@dataclass
class State:
    """The per-quotation state of the first pass: sketches and three numbers, no text.

    ``speaker`` is a 64-bit hash of the folded speaker name (0: none), ``day`` the date's
    ordinal (-1: none), ``published`` the article's (the tie-break between occurrences of one
    day) and ``where`` the hash of the occurrence's key. ``names`` maps
    speaker hashes to folded names (one entry per distinct speaker, not per quotation).
    """

    sketches: Sketches = field(default_factory=Sketches)
    speaker: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    day: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    published: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    where: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    names: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.day)

    def nbytes(self) -> int:
        """Memory held by the arrays (the name table aside)."""
        arrays = (self.speaker, self.day, self.published, self.where)
        return self.sketches.nbytes() + sum(a.nbytes for a in arrays)

    @classmethod
    def concat(cls, parts: list[State], consume: bool = False) -> State:
        """One :class:`State` for the quotations of ``parts``, in order (``consume``: as
        :meth:`Sketches.concat <quoteattr.corpus.shingles.Sketches.concat>`)."""
        names: dict[int, str] = {}
        for p in parts:
            names.update(p.names)
        sketches = [p.sketches for p in parts]
        empty = cls()
        return cls(
            sketches=Sketches.concat(sketches, consume),
            speaker=concat_field([empty, *parts], "speaker", consume),
            day=concat_field([empty, *parts], "day", consume),
            published=concat_field([empty, *parts], "published", consume),
            where=concat_field([empty, *parts], "where", consume),
            names=names,
        )


def state_of(quotes: list[dict[str, Any]]) -> State:
    """The :class:`State` of a batch of checked quotation dicts."""
    names: dict[int, str] = {}
    speakers = np.zeros(len(quotes), np.uint64)
    for i, q in enumerate(quotes):
        key = _speaker_key(q)
        if key:
            h = _hash64(key) or 1
            names[h] = key
            speakers[i] = h
    return State(
        sketches=sketch([q["text"] for q in quotes]),
        speaker=speakers,
        day=np.array([_ordinal(_quote_date(q)) for q in quotes], np.int32),
        published=np.array([_ordinal(_article(q).get("date")) for q in quotes], np.int32),
        where=np.array([_occurrence_key(q) for q in quotes], np.uint64),
        names=names,
    )


# --- candidates, verification, union-find -------------------------------------------------


def _bucket_pairs(
    keys: np.ndarray, owners: np.ndarray, neighbours: int, entries: int
) -> Iterator[np.ndarray]:
    """Pairs ``(i << 32) | j``, i < j, of quotations sharing a key, each quotation paired
    with at most ``neighbours`` earlier members of its bucket (buckets of a stock phrase
    can hold a large part of a corpus; comparing all their pairs would be quadratic).

    The keys are sorted once and cut, between buckets, into runs of about ``entries`` keys:
    the pairs of each run come sorted and without repeats, one run at a time, so at most
    ``entries * neighbours`` pairs are held whatever the number of keys.
    """
    keep = keys != 0
    arr = (keys[keep].astype(np.uint64) << np.uint64(32)) | owners[keep].astype(np.uint64)
    arr.sort()
    start = 0
    while start < len(arr):
        stop = min(start + entries, len(arr))
        if stop < len(arr):  # end the run with its last bucket
            last = arr[stop - 1] >> np.uint64(32)
            stop += int(np.searchsorted(arr[stop:] >> np.uint64(32), last, side="right"))
        hi, lo = arr[start:stop] >> np.uint64(32), arr[start:stop] & _M32
        found = []
        for d in range(1, neighbours + 1):
            same = hi[d:] == hi[:-d]
            if not same.any():
                break  # no bucket has d + 1 members
            a, b = lo[:-d][same], lo[d:][same]
            found.append((a[a < b] << np.uint64(32)) | b[a < b])
            del a, b, same
        del hi, lo
        if found:
            yield sorted_unique(np.concatenate(found))
        start = stop


def _candidates(
    sk: Sketches, neighbours: int, slice_size: int | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The candidate pairs ``(a, b)`` of each family of keys in turn (each band, then the
    anchors), about ``slice_size`` pairs at a time: the keys of a family are sorted once
    (8 bytes a key), its pairs made from one run of buckets at a time (8 bytes a pair), and
    only one slice is unpacked and checked. A pair that shares keys in two runs comes twice:
    the second time it is already joined, or checked again with the same answer."""
    slice_size = slice_size or CHECK_PAIRS
    entries = max(1, slice_size // 2)
    owners = np.arange(len(sk), dtype=np.uint64)
    families = [(sk.bands[:, b], owners) for b in range(sk.bands.shape[1])]
    families.append((sk.anchors, sk.anchor_owner))
    for keys, who in families:
        for pairs in _bucket_pairs(keys, who, neighbours, entries):
            for s in range(0, len(pairs), slice_size):
                part = pairs[s : s + slice_size]
                yield (part >> np.uint64(32)).astype(np.int64), (part & _M32).astype(np.int64)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[k] .. starts[k] + lengths[k] - 1`` of every k, concatenated.

    >>> _ranges(np.array([5, 0]), np.array([2, 3])).tolist()
    [5, 6, 0, 1, 2]
    """
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, np.int64)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total, dtype=np.int64) - first + np.repeat(starts, lengths)


def _intersections(sk: Sketches, a: np.ndarray, b: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """How many shingles quotations ``a[k]`` and ``b[k]`` share, for every k: exact."""
    out = np.zeros(len(a), np.int64)
    sizes = np.diff(sk.offsets)
    for s in range(0, len(a), chunk):
        ia, ib = a[s : s + chunk], b[s : s + chunk]
        k = len(ia)
        la, lb = sizes[ia], sizes[ib]
        pid = np.concatenate([np.repeat(np.arange(k), la), np.repeat(np.arange(k), lb)])
        vals = np.concatenate(
            [sk.sets[_ranges(sk.offsets[ia], la)], sk.sets[_ranges(sk.offsets[ib], lb)]]
        )
        # Each set holds a shingle once: a (pair, shingle) seen twice is in both sets.
        keyed = np.sort((pid.astype(np.uint64) << np.uint64(32)) | vals.astype(np.uint64))
        dup = keyed[1:] == keyed[:-1]
        out[s : s + k] = np.bincount(
            (keyed[1:][dup] >> np.uint64(32)).astype(np.int64), minlength=k
        )
    return out


def _names_agree(a: str, b: str) -> bool:
    """« Wang » and « Wang Yi » agree; « Wang Yi » and « Li Qiang » do not."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _same_statement(state: State, a: np.ndarray, b: np.ndarray, rules: Rules) -> np.ndarray:
    """Which candidate pairs ``(a[k], b[k])`` the :class:`Rules` call the same statement."""
    sk = state.sketches
    sizes = np.diff(sk.offsets)
    inter = _intersections(sk, a, b)
    na, nb = sizes[a], sizes[b]
    small = np.maximum(np.minimum(na, nb), 1)
    union = np.maximum(na + nb - inter, 1)
    same_words = inter / union >= rules.same_words
    contained = inter / small >= rules.contained
    shared = inter >= rules.overlap
    distinctive = np.minimum(sk.words[a], sk.words[b]) >= rules.distinctive_words
    da, db = state.day[a].astype(np.int64), state.day[b].astype(np.int64)
    dates = (da < 0) | (db < 0) | (np.abs(da - db) <= rules.date_window)
    sa, sb = state.speaker[a], state.speaker[b]
    speakers = (sa == sb) & (sa != 0)
    # Different folded names may still agree (« Wang » in one article, « Wang Yi » in another):
    # checked by name for the few pairs where it decides.
    textual = same_words | contained | shared
    for k in np.flatnonzero(textual & ~speakers & (sa != 0) & (sb != 0)):
        speakers[k] = _names_agree(state.names[int(sa[k])], state.names[int(sb[k])])
    return (
        (same_words & distinctive)
        | (same_words & speakers & dates)
        | (contained & ((speakers & dates) | (speakers & distinctive) | (dates & distinctive)))
        | (shared & speakers & dates)
    )


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union_find(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The root of each of ``n`` quotations once every pair ``(a[k], b[k])`` is joined."""
    roots = np.arange(n, dtype=np.int64)
    if not len(a):
        return roots
    nodes = sorted_unique(np.concatenate([a, b]))
    index = {int(x): k for k, x in enumerate(nodes)}
    parent = list(range(len(nodes)))
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = _find(parent, index[x]), _find(parent, index[y])
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    roots[nodes] = nodes[[_find(parent, k) for k in range(len(nodes))]]
    return roots


@dataclass
class Solution:
    """Each quotation's cluster: ``root`` (a quotation of the cluster), ``ids`` (the hash its
    id is written from) and ``rank`` (the cluster's place in the output: earliest first)."""

    root: np.ndarray
    ids: np.ndarray
    rank: np.ndarray
    clusters: int
    candidates: int
    joined: int

    def id_of(self, i: int) -> str:
        """The cluster id of quotation ``i``."""
        return _cluster_id(int(self.ids[i]))


def solve(state: State, rules: Rules | None = None) -> Solution:
    """The clusters of the quotations of ``state``: candidates, exact checks, union-find."""
    rules = rules or Rules()
    n = len(state)
    root = np.arange(n, dtype=np.int64)
    candidates = joined = 0
    for a, b in _candidates(state.sketches, rules.neighbours):
        # A pair already in one cluster needs no check: it cannot change the clusters.
        apart = root[a] != root[b]
        a, b = a[apart], b[apart]
        if not len(a):
            continue
        ok = _same_statement(state, a, b, rules)
        candidates, joined = candidates + len(a), joined + int(ok.sum())
        root = _union_find(n, root[a[ok]], root[b[ok]])[root]
    # A cluster's id comes from its earliest occurrence: by date (undated last), then by the
    # article's publication date, then by key.
    day = np.where(state.day < 0, _NO_DATE, state.day).astype(np.int64)
    pub = np.where(state.published < 0, _NO_DATE, state.published).astype(np.int64)
    order = np.lexsort((state.where, pub, day, root))
    first = np.ones(n, bool)
    first[1:] = root[order][1:] != root[order][:-1]
    heads = order[first]  # the earliest quotation of each cluster
    ids = np.zeros(n, np.uint64)
    ids_by_root = np.zeros(n, np.uint64)
    ids_by_root[root[heads]] = state.where[heads]
    ids[:] = ids_by_root[root]
    by_time = heads[np.lexsort((state.where[heads], pub[heads], day[heads]))]
    rank_by_root = np.zeros(n, np.int64)
    rank_by_root[root[by_time]] = np.arange(len(by_time))
    return Solution(
        root=root,
        ids=ids,
        rank=rank_by_root[root],
        clusters=len(heads),
        candidates=candidates,
        joined=joined,
    )


# --- cluster records ----------------------------------------------------------------------


def occurrence_of(quote: dict[str, Any]) -> dict[str, Any]:
    """The part of a quotation dict that its cluster keeps (a JSON object)."""
    a = _article(quote)
    ref = {k: a.get(k) for k in _REF_FIELDS}
    return {
        "article": ref,
        "start": quote.get("start"),
        "end": quote.get("end"),
        "type": quote.get("type"),
        "date": _quote_date(quote),
        "speaker": _speaker_name(quote),
        "text": quote["text"],
        "where": _occurrence_key(quote),
    }


_REF_FIELDS = tuple(f.name for f in fields(ArticleRef))


def _outlet(article: dict[str, Any]) -> str | None:
    publisher = article.get("publisher")
    if isinstance(publisher, str) and publisher.strip():
        return _name_key(publisher)
    url = article.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def build_cluster(occurrences: list[dict[str, Any]]) -> Cluster:
    """The :class:`Cluster` of the :func:`occurrence_of` dicts of one cluster's quotations."""
    return Cluster.from_dict(cluster_dict(occurrences))


def cluster_dict(occurrences: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON object of the :class:`Cluster` of the :func:`occurrence_of` dicts of one
    cluster's quotations (built directly: a corpus has millions)."""
    # Earliest first, as solve() orders them: by date (undated last), publication, key.
    occs = sorted(
        occurrences,
        key=lambda o: (_day_key(o["date"]), _day_key(o["article"]["date"]), o["where"]),
    )
    head = occs[0]
    # The longest wording; among equally long ones the most carried, then the earliest.
    carried = Counter(o["text"] for o in occs)
    fullest = min(occs, key=lambda o: (-len(o["text"]), -carried[o["text"]]))["text"]
    votes = Counter(o["speaker"] for o in occs if o["speaker"])
    # The most given name; a tie goes to the name of the earliest occurrence.
    order = {o["speaker"]: k for k, o in reversed(list(enumerate(occs))) if o["speaker"]}
    agreed = min(votes, key=lambda s: (-votes[s], order[s])) if votes else None
    agreed_key = _name_key(agreed) if agreed else ""
    return {
        "id": _cluster_id(head["where"]),
        "text": fullest,
        "size": len(occs),
        "outlets": len({o for o in (_outlet(x["article"]) for x in occs) if o}),
        "date": head["date"] if _ordinal(head["date"]) >= 0 else None,
        "first": head["article"],
        "speaker": agreed,
        "speakers": dict(sorted(votes.items(), key=lambda kv: (-kv[1], order[kv[0]]))),
        "disagreements": sorted(
            s for s in votes if s != agreed and not _names_agree(_name_key(s), agreed_key)
        ),
        "types": dict(Counter(o["type"] for o in occs if o["type"])),
        "occurrences": [
            {
                "article": o["article"],
                "start": o["start"],
                "end": o["end"],
                "type": o["type"],
                "date": o["date"],
                "speaker": o["speaker"],
                "text": o["text"] if o["text"] != fullest else None,
            }
            for o in occs
        ],
    }


# --- the Python API -----------------------------------------------------------------------


def cluster(quotes: Iterable[Quote | dict[str, Any]], rules: Rules | None = None) -> list[Cluster]:
    """The clusters of ``quotes`` (:class:`~quoteattr.model.Quote` records or their dicts),
    earliest first. Everything is held in memory; :func:`cluster_file` streams files."""
    items = [_as_dict(q) for q in quotes]
    for n, q in enumerate(items):
        why = _check(q)
        if why:
            raise ValueError(f"quotation {n}: {why}")
    states = [state_of(items[s : s + BATCH]) for s in range(0, len(items), BATCH)]
    sol = solve(State.concat(states), rules)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, q in enumerate(items):
        groups.setdefault(int(sol.rank[i]), []).append(occurrence_of(q))
    return [build_cluster(groups[r]) for r in sorted(groups)]


# --- files --------------------------------------------------------------------------------


def _lines(path: str, warn: Callable[[str], None]) -> Iterator[tuple[int, Any]]:
    """``(line number, decoded JSON)`` of each non-blank line of a (compressed) JSONL file;
    lines that are not JSON are reported through ``warn`` and left out."""
    from ..reading.sources import open_input

    stream, _ = open_input(path)
    with stream:
        for n, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                yield n, json.loads(raw)
            except ValueError as exc:
                warn(f"{path}:{n}: skipped, not JSON ({exc})")


def _quotes(path: str, warn: Callable[[str], None]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The clusterable quotations of ``path``, with their line numbers."""
    for n, record in _lines(path, warn):
        why = _check(record)
        if why:
            warn(f"{path}:{n}: skipped, {why}")
            continue
        yield n, record


def _batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def first_pass(
    path: str, rules: Rules | None = None, warn: Callable[[str], None] | None = None
) -> tuple[Solution, Summary]:
    """Reads the quotations of ``path`` once, keeping only their :class:`State`, and solves."""
    summary = Summary()
    said: list[str] = []

    def note(message: str) -> None:
        summary.skipped += 1
        (warn or said.append)(message)

    parts = []
    for batch in _batched(_quotes(path, note), BATCH):
        parts.append(state_of([q for _, q in batch]))
    state = State.concat(parts, consume=True)
    del parts
    sol = solve(state, rules)
    summary.quotes = len(state)
    summary.clusters = sol.clusters
    summary.candidates = sol.candidates
    summary.joined = sol.joined
    summary.state_bytes = state.nbytes()
    return sol, summary


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[Any]:
    """A file to write whose content replaces ``target`` only when writing succeeded."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as f:
            yield f
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    """The permissions ``target`` has, or those a new file gets (temporary files get 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def cluster_file(
    src: str | Path,
    dst: str | Path | None,
    rules: Rules | None = None,
    warn: Callable[[str], None] | None = None,
) -> Summary:
    """Clusters the quotations of the JSONL file ``src`` into ``dst`` (one cluster a line,
    earliest first; ``None`` for stdout). Lines that are not quotations are reported through
    ``warn`` and left out. ``dst`` is written whole or not at all, and never over ``src``.
    """
    src = str(src)
    if dst is not None and same_file(src, str(dst)):
        raise ValueError(f"the output {dst} is the input: choose another file")
    sol, summary = first_pass(src, rules, warn)
    if dst is None:
        _write_clusters(src, sol, sys.stdout)
    else:
        with _replacing(Path(dst)) as out:
            _write_clusters(src, sol, out)
    return summary


def _write_clusters(src: str, sol: Solution, out: Any) -> None:
    """The second pass: occurrences spread over part files by cluster rank (one part, in
    memory, for a small input), then each part grouped in memory and written in rank order."""
    n = len(sol.root)
    parts = max(1, math.ceil(n / PART_QUOTES))
    quiet: Callable[[str], None] = lambda _: None  # noqa: E731 - warned in the first pass
    occurrences = (
        (int(sol.rank[i]), occurrence_of(q)) for i, (_, q) in enumerate(_quotes(src, quiet))
    )
    if parts == 1:
        _write_part(occurrences, out)
        return
    tmp = tempfile.mkdtemp(prefix="quoteattr-clusters-")
    try:
        names = [os.path.join(tmp, f"{p}.pickle") for p in range(parts)]
        files = [open(name, "wb") for name in names]  # noqa: SIM115 - closed below
        try:
            for r, occ in occurrences:
                # Our own temporary files, read back by this process only.
                files[r * parts // sol.clusters].write(pickle.dumps((r, occ), protocol=5))
        finally:
            for f in files:
                f.close()
        for name in names:
            _write_part(_unpickled(name), out)
            os.unlink(name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _unpickled(name: str) -> Iterator[Any]:
    with open(name, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def _write_part(occurrences: Iterable[tuple[int, dict[str, Any]]], out: Any) -> None:
    groups: dict[int, list[dict[str, Any]]] = {}
    for r, occ in occurrences:
        groups.setdefault(r, []).append(occ)
    for r in sorted(groups):
        out.write(json.dumps(cluster_dict(groups[r]), ensure_ascii=False) + "\n")


def label_file(
    path: str | Path, rules: Rules | None = None, warn: Callable[[str], None] | None = None
) -> Summary:
    """Adds its ``cluster`` id to every quotation of the JSONL file ``path``, in place.

    The file is rewritten to a temporary file beside it, which replaces it only once
    complete: a failure leaves ``path`` as it was. Lines that are not quotations are kept.
    """
    path = Path(path)
    sol, summary = first_pass(str(path), rules, warn)
    i = 0
    # Lines split at "\n" only and undecodable bytes kept, as the first pass reads them.
    with (
        _replacing(path) as out,
        path.open(encoding="utf-8", errors="surrogateescape", newline="\n") as f,
    ):
        for raw in f:
            try:
                record = json.loads(raw) if raw.strip() else None
            except ValueError:
                record = None
            if record is None or _check(record):
                out.write(raw)
                continue
            record["cluster"] = sol.id_of(i)
            i += 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return summary


# --- the command line ---------------------------------------------------------------------


def _parser() -> Any:
    import argparse

    defaults = Rules()
    p = argparse.ArgumentParser(
        prog="quoteattr cluster",
        description="Group the quotations of a quotes JSONL into clusters of the same "
        "statement, one cluster a line, earliest first.",
        epilog="Example: quoteattr cluster quotes.jsonl -o clusters.jsonl",
    )
    p.add_argument(
        "input",
        metavar="QUOTES",
        help="quotes JSONL written by 'quoteattr extract' (.gz/.bz2/.xz too, - for stdin)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="clusters JSONL (default: stdout)")
    rules = p.add_argument_group("rules (docs/clusters.md)")
    rules.add_argument(
        "--same-words",
        type=float,
        default=defaults.same_words,
        metavar="J",
        help=f"shingle Jaccard of the same words (default: {defaults.same_words})",
    )
    rules.add_argument(
        "--contained",
        type=float,
        default=defaults.contained,
        metavar="C",
        help=f"share of a fragment found in a longer quotation (default: {defaults.contained})",
    )
    rules.add_argument(
        "--overlap",
        type=int,
        default=defaults.overlap,
        metavar="N",
        help=f"shared shingles of a shared passage (default: {defaults.overlap})",
    )
    rules.add_argument(
        "--distinctive-words",
        type=int,
        default=defaults.distinctive_words,
        metavar="N",
        help="content words from which a quotation identifies its statement alone "
        f"(default: {defaults.distinctive_words})",
    )
    rules.add_argument(
        "--date-window",
        type=int,
        default=defaults.date_window,
        metavar="DAYS",
        help=f"days apart that dates still agree (default: {defaults.date_window})",
    )
    rules.add_argument(
        "--neighbours",
        type=int,
        default=defaults.neighbours,
        metavar="N",
        help="earlier members of a candidate bucket each quotation is checked against "
        f"(default: {defaults.neighbours})",
    )
    return p


def cli_main(argv: list[str]) -> int:
    """``quoteattr cluster QUOTES -o OUT``; returns the exit code (0 done, 2 failed)."""
    args = _parser().parse_args(argv)

    def fail(message: str) -> int:
        print(f"quoteattr cluster: error: {message}", file=sys.stderr)
        return 2

    def warn(message: str) -> None:
        print(f"quoteattr cluster: {message}", file=sys.stderr)

    try:
        rules = Rules(
            same_words=args.same_words,
            contained=args.contained,
            overlap=args.overlap,
            distinctive_words=args.distinctive_words,
            date_window=args.date_window,
            neighbours=args.neighbours,
        )
    except ValueError as exc:
        return fail(str(exc))
    to_stdout = args.output in (None, "-")
    if to_stdout:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
    spool = None
    try:
        src = args.input
        if src == "-":
            # Two passes read the input: standard input is kept in a temporary file.
            spool = tempfile.NamedTemporaryFile(prefix="quoteattr-quotes-", delete=False)  # noqa: SIM115
            with spool:
                shutil.copyfileobj(sys.stdin.buffer, spool)
            src = spool.name
        elif not os.path.isfile(src):
            return fail(f"cannot open {src}: no such file")
        summary = cluster_file(src, None if to_stdout else args.output, rules, warn)
    except ValueError as exc:
        return fail(str(exc))
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return fail(f"cannot write or read{where}: {exc.strerror or exc}")
    except Exception as exc:  # an unreadable input: one line, never a traceback
        return fail(f"{args.input}: {type(exc).__name__}: {exc}")
    finally:
        if spool is not None:
            with contextlib.suppress(OSError):
                os.unlink(spool.name)
    skipped = f", {summary.skipped} lines skipped" if summary.skipped else ""
    print(
        f"quoteattr cluster: {summary.quotes} quotations in {summary.clusters} clusters{skipped}",
        file=sys.stderr,
    )
    return 0
