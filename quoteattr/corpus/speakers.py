"""The speaker directory: one row per source of a corpus, merged across articles.

Every article already gives each speaker the fullest name it has (« M. Wang » → « Wang Yi »);
the directory then joins articles:

- the same folded name (case, accents, hyphens) is the same source — and the same id;
- a surname alone (« M. Dupont », from an article that never gives the first name) joins the
  one person of the corpus with that surname whose gender and roles fit; when several fit,
  only a role they share, or people quoted alongside them, can pick one; otherwise it stays
  apart (two Duponts are two people until the text says otherwise);
- initials (« J.-P. Raffarin ») join the one full name they abbreviate;
- an acronym (« CGT ») joins the one organisation whose initials it spells, or that an
  article called by that acronym.

Every merge is kept, with its reason, in the row's ``merged``; every near miss (a surname
that could be several people) in ``kept_apart``. Quotes are read as a stream: memory grows
with the number of distinct speakers and articles, not quotes.

>>> from quoteattr.model import ArticleRef, Quote, Speaker
>>> def q(name, mention, art, role=None, gender=None, source=None):
...     sp = Speaker(name=name, mention=mention, role=role, gender=gender, gender_source=source)
...     return Quote(text="…", type="direct", start=0, end=1, speaker=sp,
...                  article=ArticleRef(id=art, publisher="Le Temps", date="2024-03-02"))
>>> d = build([
...     q("Wang Yi", "Wang Yi", "a1", role="ministre des Affaires étrangères"),
...     q("Wang", "M. Wang", "a2", role="ministre chinois des Affaires étrangères", gender="m",
...       source="title"),
... ])
>>> [(e.name, e.n_quotes, e.n_articles, e.aliases) for e in d]
[('Wang Yi', 2, 2, ['M. Wang', 'Wang', 'Wang Yi'])]
>>> d.entries[0].merged
['« Wang » (a2): same role « ministre chinois des Affaires étrangères » as Wang Yi']
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from ..attribute.firstnames import firstname_gender
from ..attribute.identity import NAMED_KINDS, fold, id_of_key, speaker_key
from ..model import Quote
from .gender import decide, text_gender
from .quotes import OnError, Record, article_key, outlet, quote_records, same_file

# Lower-case words inside a surname (« Le Pen », « de Villepin », « van der Leyen »).
_PARTICLES = {"de", "du", "des", "d", "le", "la", "van", "von", "der", "den", "da", "di", "el"}
_ROLE_STOP = {
    "de",
    "du",
    "des",
    "d",
    "la",
    "le",
    "les",
    "l",
    "et",
    "en",
    "a",
    "au",
    "aux",
    "pour",
    "sur",
    "son",
    "sa",
    "ses",
    "leur",
    "ancien",
    "ancienne",
    "nouveau",
    "nouvelle",
    "actuel",
    "actuelle",
    "futur",
    "future",
    "ex",
    "vice",
}
_ORG_STOP = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour", "a", "au", "aux"}


@dataclass
class DirectoryEntry:
    """One source of the corpus: a person or an organisation, across every article.

    ``ids`` are the speaker ids of the quotes it gathers (one per name form merged in; the
    first is ``id``); ``merged`` says why each other form joined, ``kept_apart`` which
    similar names were not joined and why.
    """

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    gender_source: str | None = None
    n_quotes: int = 0
    n_articles: int = 0
    n_outlets: int = 0
    outlets: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    ids: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    kept_apart: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Columns of the CSV directory (lists joined by `` | ``).
CSV_COLUMNS = [f for f in DirectoryEntry.__dataclass_fields__]


class Directory:
    """The directory of a corpus: its entries, most quoted first, and lookups by speaker."""

    def __init__(self, entries: list[DirectoryEntry], by_key: dict[str, DirectoryEntry]) -> None:
        self.entries = entries
        self._by_key = by_key
        # An id is its own entry's; the id of a surname alone also leads to the entries it
        # joined, the first of them when it has none of its own.
        self._by_id = {i: e for e in reversed(entries) for i in e.ids} | {e.id: e for e in entries}

    def __iter__(self) -> Iterator[DirectoryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, speaker_id: str) -> DirectoryEntry:
        """The entry of a speaker id (the entry's own or one merged into it)."""
        return self._by_id[speaker_id]

    def find(self, quote: Quote | Record) -> DirectoryEntry | None:
        """The entry of a quote's speaker (a :class:`~quoteattr.model.Quote` or its dict),
        or None for an unnamed source or no speaker."""
        rec = quote if isinstance(quote, dict) else asdict(quote)
        sp = rec.get("speaker") or {}
        key = speaker_key(sp.get("name") or "", sp.get("kind") or "person")
        if key is None:
            return None
        return self._by_key.get(key) or self._by_key.get(f"{key}@{article_key(rec)}")

    def write_jsonl(self, f: IO[str]) -> None:
        for e in self.entries:
            f.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")

    def write_csv(self, f: IO[str]) -> None:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for e in self.entries:
            row = e.to_dict()
            w.writerow(
                [" | ".join(v) if isinstance(v, list) else v for v in (row[c] for c in CSV_COLUMNS)]
            )


@dataclass
class _Name:
    """What the corpus says about one folded name."""

    key: str  # the folded name; a surname alone also carries its article (key@article)
    base: str  # the folded name, as speaker_key gives it
    kind: str
    words: tuple[str, ...]
    names: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    votes: Counter[tuple[str, str]] = field(default_factory=Counter)
    n_quotes: int = 0
    articles: set[str] = field(default_factory=set)
    outlets: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    co: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return min(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def gender(self) -> str | None:
        votes = Counter(self.votes)
        g = firstname_gender(self.name) if self.kind == "person" else None
        if g and not any(s == "firstname" for s, _ in votes):
            votes[("firstname", g)] += 1
        return decide(votes)[0]


def build(
    quotes: Iterable[Quote | Record] | str | Path, on_error: OnError | None = None
) -> Directory:
    """The speaker directory of ``quotes`` (Quote objects, dicts, or quotes JSONL paths)."""
    collector = Collector()
    for rec in quote_records(quotes, on_error):
        collector.add(rec)
    return collector.directory()


class Collector:
    """Builds a directory from quote records given one at a time (so that another reader of
    the same stream, such as :mod:`.stats`, needs no second pass)."""

    def __init__(self) -> None:
        self.names: dict[str, _Name] = {}
        self.in_article: dict[str, set[str]] = defaultdict(set)

    def add(self, rec: Record) -> None:
        sp = rec.get("speaker") or {}
        kind = sp.get("kind") or "person"
        base = speaker_key(sp.get("name") or "", kind)
        if base is None:
            return
        words = tuple(base.split(":", 1)[1].split())
        # « Dupont » in one article and « Dupont » in another may be two people: a surname
        # alone is weighed article by article.
        key = _local_key(base, words, kind, article_key(rec))
        n = self.names.get(key)
        if n is None:
            n = self.names[key] = _Name(key, base, kind, words)
        _add(n, rec, sp)
        self.in_article[article_key(rec)].add(key)

    def directory(self) -> Directory:
        names = self.names
        for keys in self.in_article.values():
            for k in keys:
                names[k].co.update(keys - {k})
        self.in_article.clear()
        index = _Index(names)
        into: dict[str, tuple[str, str]] = {}
        kept: dict[str, list[str]] = defaultdict(list)
        for n in names.values():
            found = _target(n, index, kept)
            if found is not None:
                into[n.key] = found
        return _directory(names, into, kept)


def _local_key(base: str, words: tuple[str, ...], kind: str, article: str) -> str:
    return f"{base}@{article}" if kind == "person" and not _is_full(words) else base


def _add(n: _Name, rec: Record, sp: dict[str, Any]) -> None:
    n.names[sp.get("name") or ""] += 1
    mention = " ".join((sp.get("mention") or "").split())
    if mention and mention.lower().lstrip("-t") not in {"il", "elle", "ils", "elles", "lui"}:
        n.mentions[mention] += 1
    if sp.get("role"):
        n.roles[" ".join(sp["role"].split())] += 1
    if sp.get("gender") in {"f", "m"} and sp.get("gender_source"):
        n.votes[(sp["gender_source"], sp["gender"])] += 1
    n.n_quotes += 1
    n.articles.add(article_key(rec))
    where = outlet(rec)
    if where:
        n.outlets[where] += 1
    date = rec.get("date") or (rec.get("article") or {}).get("date")
    if date:
        day = str(date)[:10]
        n.first = day if n.first is None else min(n.first, day)
        n.last = day if n.last is None else max(n.last, day)


class _Index:
    """The names by what a short form looks them up by, so that each lookup reads only the
    names that could match (no scan of the whole directory per name)."""

    def __init__(self, names: dict[str, _Name]) -> None:
        self.names = names
        self.links = _aliases(names)
        # Full person names by each of their words; person names by their last word; and
        # organisations of two words or more by their initials.
        self.by_word: dict[str, list[_Name]] = defaultdict(list)
        self.by_last: dict[str, list[_Name]] = defaultdict(list)
        self.acronyms: dict[str, list[_Name]] = defaultdict(list)
        for n in names.values():
            if n.kind == "person":
                self.by_last[n.words[-1]].append(n)
                if _is_full(n.words):
                    for w in set(n.words):
                        self.by_word[w].append(n)
            elif len(n.words) >= 2:
                for letters in {_initials(n.words, stop=True), _initials(n.words, stop=False)}:
                    self.acronyms[letters].append(n)


def _aliases(names: dict[str, _Name]) -> dict[str, set[str]]:
    """Folded mention → the organisation keys an article called by it (« le PP » for the
    Parti populaire espagnol)."""
    links: dict[str, set[str]] = defaultdict(set)
    for n in names.values():
        if n.kind != "organisation":
            continue
        for mention in n.mentions:
            words = fold(mention).split()
            while len(words) > 1 and words[0] in _ORG_STOP:
                words = words[1:]
            short = " ".join(words)
            if short and short != " ".join(n.words):
                links[short].add(n.key)
    return links


def _target(n: _Name, index: _Index, kept: dict[str, list[str]]) -> tuple[str, str] | None:
    """``(key it joins, reason)`` for a name that is another's short form, else None."""
    if n.kind == "organisation":
        return _organisation_target(n, index)
    words = n.words
    if _is_full(words):
        return _initials_target(n, index)
    # A surname alone (« Dupont », « Le Pen »): the full names that end with it, else (names
    # written surname first, « Wang Yi ») those that hold it.
    by_surname = [m for m in index.by_word.get(words[-1], []) if m.words[-len(words) :] == words]
    anywhere = len(words) == 1 and not by_surname
    pool = by_surname or (list(index.by_word.get(words[0], [])) if anywhere else [])
    if not pool:
        return None
    label = " ".join(words).title()
    fit, why = _fitting(n, pool, index.names)
    if len(pool) > 1 or anywhere:
        # Several people bear the name, or it is not in surname position: the roles, gender or
        # co-quoted people must point at one of them.
        positive = [m for m in fit if why.get(m.key)]
        if len(positive) == 1:
            m = positive[0]
            return m.key, f"« {n.name} » ({_where(n)}): {why[m.key]}"
        others = " or ".join(sorted(m.name for m in fit or pool))
        kept[n.key].append(f"« {n.name} » could be {others}: nothing in the text decides")
        for m in pool:
            kept[m.key].append(f"« {n.name} » ({_where(n)}): could be another {label}")
        return None
    if len(fit) == 1:
        m = fit[0]
        reason = why.get(m.key) or (
            f"the only person of the corpus named {label} whose gender and roles fit"
        )
        return m.key, f"« {n.name} » ({_where(n)}): {reason}"
    m = pool[0]
    kept[m.key].append(f"« {n.name} » ({_where(n)}): {_misfit(n, m)}")
    return None


def _fitting(
    n: _Name, pool: list[_Name], names: dict[str, _Name]
) -> tuple[list[_Name], dict[str, str]]:
    """The candidates whose gender and roles do not contradict ``n``, and for each, the
    positive evidence that ``n`` is them, if any."""
    fit, why = [], {}
    for m in pool:
        if _misfit(n, m):
            continue
        fit.append(m)
        shared_roles = [r for r in n.roles if any(_same_role(r, s) for s in m.roles)]
        co = sorted(names[k].name for k in set(n.co) & set(m.co))
        if shared_roles:
            why[m.key] = f"same role « {shared_roles[0]} » as {m.name}"
        elif co:
            why[m.key] = f"quoted alongside {', '.join(co[:3])}, as {m.name} is"
    return fit, why


def _misfit(n: _Name, m: _Name) -> str:
    """Why ``n`` cannot be ``m`` (gender or roles that contradict), or ""."""
    g, h = text_gender(n.votes), m.gender()
    if g is not None and h is not None and g != h:
        return f"not {m.name}: the text makes them a {'woman' if g == 'f' else 'man'}"
    if n.roles and m.roles and not any(_same_role(r, s) for r in n.roles for s in m.roles):
        return f"not {m.name}: roles differ (« {n.roles.most_common(1)[0][0]} »)"
    return ""


def _initials_target(n: _Name, index: _Index) -> tuple[str, str] | None:
    """« J.-P. Raffarin » → the one « Jean-Pierre Raffarin »."""
    words = n.words
    if not all(len(w) == 1 for w in words[:-1]):
        return None
    pool = [
        m
        for m in index.by_last.get(words[-1], [])
        if m.key != n.key
        and len(m.words) == len(words)
        and m.words[-1] == words[-1]
        and all(a == b[0] and len(b) > 1 for a, b in zip(words[:-1], m.words[:-1], strict=True))
        and not _misfit(n, m)
    ]
    if len(pool) != 1:
        return None
    return pool[0].key, f"« {n.name} » ({_where(n)}): the initials of {pool[0].name}"


def _organisation_target(n: _Name, index: _Index) -> tuple[str, str] | None:
    """« CGT » → « Confédération générale du travail »: named so by an article, or the
    initials of exactly one organisation's name."""
    short = " ".join(n.words)
    linked = [k for k in index.links.get(short, ()) if k != n.key]
    if len(linked) == 1:
        m = index.names[linked[0]]
        return m.key, f"« {n.name} » ({_where(n)}): an article calls {m.name} « {short.upper()} »"
    raw = n.name.replace(".", "")
    if len(n.words) != 1 or not (2 <= len(raw) <= 7 and raw.isupper()):
        return None
    pool = index.acronyms.get(raw.lower(), [])
    if len(pool) != 1:
        return None
    return pool[0].key, f"« {n.name} » ({_where(n)}): the initials of {pool[0].name}"


def _initials(words: tuple[str, ...], stop: bool) -> str:
    return "".join(w[0] for w in words if not (stop and w in _ORG_STOP))


def _is_full(words: tuple[str, ...]) -> bool:
    """A first name (or initial) and a surname, not a surname alone (« Le Pen »)."""
    return len(words) >= 2 and words[0] not in _PARTICLES


def _role_words(role: str) -> list[str]:
    return [w[:4] for w in fold(role).split() if w not in _ROLE_STOP and len(w) > 1]


def _same_role(a: str, b: str) -> bool:
    """« ministre des Affaires étrangères » and « ministre chinois des Affaires étrangères »
    are one role; « maire de Lyon » and « maire de Rennes » two; « ministre » fits either.

    >>> _same_role("maire de Lyon", "maire de Rennes")
    False
    >>> _same_role("ministre", "ministre de la Santé")
    True
    """
    x, y = _role_words(a), _role_words(b)
    if not x or not y or x[0] != y[0]:
        return False
    return len(x) == 1 or len(y) == 1 or bool(set(x[1:]) & set(y[1:]))


def _where(n: _Name) -> str:
    arts = sorted(n.articles)
    return ", ".join(arts[:3]) + (f" and {len(arts) - 3} more" if len(arts) > 3 else "")


def _directory(
    names: dict[str, _Name], into: dict[str, tuple[str, str]], kept: dict[str, list[str]]
) -> Directory:
    members: dict[str, list[tuple[_Name, str]]] = defaultdict(list)
    for n in names.values():
        target, reason = into.get(n.key, (n.base, ""))
        # One level only: a name that others join never joins another itself.
        if target in into:
            target, reason = n.base, ""
        members[target].append((n, reason))
    entries, by_key = [], {}
    for target, group in members.items():
        group.sort(key=lambda nr: (nr[0].base != target, nr[0].key))
        entry = _entry(target, [n for n, _ in group])
        entry.merged = [r for _, r in group if r]
        entry.kept_apart = sorted({k for n, _ in group for k in kept.get(n.key, [])})
        entries.append(entry)
        for n, _ in group:
            by_key[n.key] = entry
    entries.sort(key=lambda e: (-e.n_quotes, e.name, e.id))
    return Directory(entries, by_key)


def _entry(target: str, group: list[_Name]) -> DirectoryEntry:
    votes: Counter[tuple[str, str]] = Counter()
    roles: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    head_names: Counter[str] = Counter()
    articles: set[str] = set()
    dates = []
    for n in group:
        votes.update(n.votes)
        roles.update(n.roles)
        aliases.update(n.names)
        aliases.update(n.mentions)
        outlets.update(n.outlets)
        articles |= n.articles
        dates += [d for d in (n.first, n.last) if d]
        if n.base == target:
            head_names.update(n.names)
    name = min(head_names.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    kind = group[0].kind
    gender, source = (None, None)
    if kind == "person":
        first = firstname_gender(name)
        if first and not any(s == "firstname" for s, _ in votes):
            votes[("firstname", first)] += 1
        gender, source = decide(votes)
    return DirectoryEntry(
        id=id_of_key(target),
        name=name,
        kind=kind,
        aliases=sorted(aliases),
        roles=[r for r, _ in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))],
        gender=gender,
        gender_source=source,
        n_quotes=sum(n.n_quotes for n in group),
        n_articles=len(articles),
        n_outlets=len(outlets),
        outlets=[o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        ids=list(dict.fromkeys(id_of_key(n.base) for n in group)),
    )


# --- command line ---------------------------------------------------------------------------


def cli_main(argv: list[str] | None = None) -> int:
    """``quoteattr speakers QUOTES.jsonl... [-o OUT.jsonl] [-o OUT.csv] [--relabel Q.jsonl]``."""
    parser = argparse.ArgumentParser(
        prog="quoteattr speakers",
        description="The speaker directory of extracted quotes: one row per person or "
        "organisation, merged across articles, with gender and its evidence and counts.",
        epilog="Example: quoteattr speakers quotes.jsonl -o speakers.jsonl -o speakers.csv",
    )
    parser.add_argument("quotes", nargs="+", metavar="QUOTES", help="quotes JSONL (from extract)")
    parser.add_argument(
        "-o",
        "--output",
        action="append",
        metavar="OUT",
        help="directory file, .jsonl or .csv (repeat for both; default: JSONL on stdout)",
    )
    parser.add_argument(
        "--relabel",
        metavar="OUT",
        help="also write the quotes with each speaker.id set to its directory entry's id",
    )
    parser.add_argument("--strict", action="store_true", help="exit with 1 if a line was bad")
    args = parser.parse_args(argv)
    outputs = args.output or ["-"]
    for out in [*outputs, args.relabel]:
        if (
            out
            and out != "-"
            and Path(out).suffix not in {".jsonl", ".csv"}
            and out != args.relabel
        ):
            parser.error(f"{out}: the directory is written as .jsonl or .csv")
        if out and out != "-" and any(same_file(out, q) for q in args.quotes):
            parser.error(f"{out} is an input: refusing to overwrite it")
    bad: list[str] = []

    def on_error(path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        bad.append(where)
        print(f"quoteattr speakers: skipped {where}: {message}", file=sys.stderr)

    directory = build(list(args.quotes), on_error)
    if not len(directory) and bad:
        print("quoteattr speakers: error: no quote could be read", file=sys.stderr)
        return 2
    try:
        for out in outputs:
            _write(directory, out)
        if args.relabel:
            _relabel(directory, args.quotes, args.relabel)
    except OSError as exc:
        print(
            f"quoteattr speakers: error: cannot write {exc.filename}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    print(f"quoteattr speakers: {len(directory)} sources", file=sys.stderr)
    return 1 if bad and args.strict else 0


def _write(directory: Directory, out: str) -> None:
    if out == "-":
        directory.write_jsonl(sys.stdout)
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as f:
            (directory.write_csv if out.endswith(".csv") else directory.write_jsonl)(f)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, out) from exc


def _relabel(directory: Directory, inputs: list[str], out: str) -> None:
    """The quotes again, each speaker carrying its directory entry's id."""
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            for rec in quote_records(list(inputs), lambda *_: None):
                entry = directory.find(rec)
                if entry is not None:
                    rec["speaker"]["id"] = entry.id
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, out) from exc


__all__ = ["NAMED_KINDS", "Collector", "Directory", "DirectoryEntry", "build", "cli_main"]
