"""Fast mode's pre-scan: which lines of an article can hold reported speech, found without spaCy.

A line is kept when it has a quotation mark, a form of a reporting cue from the lexicon
(``quoteattr/data/cues.tsv``), ``selon`` or ``d'après``; so are its neighbours, the lines
inside a quotation that spans several, the article's first lines, and the first line naming
each person referred to by title (« M. Wang ») in a kept line. :func:`blank_unlikely`
replaces every other line by spaces of the same length, so that the parser skips it (a
run of spaces is one token) while every offset still points into the original text.

>>> lines = ["Titre", "Intro.", "Il pleut.", "Il vente.", "Il fait beau.", "« Oui », dit-il."]
>>> print(blank_unlikely("\\n".join(lines)).replace(" " * 9, "_"))
Titre
Intro.
_
_
Il fait beau.
« Oui », dit-il.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

import regex

# Quotation marks of French and English typography; any of them may open reported speech.
_MARKS = regex.compile(r"[«»“”„‹›\"]")
_OPEN, _CLOSE = "«", "»"
# Titles put before a surname: « M. Wang » needs the line that says « Wang Yi ».
_TITLED = regex.compile(r"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Dr|Pr|Mgr)\s+(\p{Lu}[\p{L}'’-]+)")
# The title and lead: where speakers are introduced with full names and roles.
_LEAD_LINES = 2
# A quotation left open runs over at most this many following lines before we give up on it.
_MAX_SPAN = 10
# Stems shorter than this match only short words (« di » → dit, disent; not dimanche).
_SHORT_STEM = 4


def blank_unlikely(text: str) -> str:
    """``text`` with the lines that cannot matter to quotations turned into spaces."""
    lines = text.split("\n")
    keep = select_lines(lines)
    if all(keep):
        return text
    return "\n".join(ln if k else " " * len(ln) for ln, k in zip(lines, keep, strict=True))


def select_lines(lines: list[str]) -> list[bool]:
    """For each line, whether fast mode parses it (see the module docstring for the rules)."""
    full = [i for i, ln in enumerate(lines) if ln.strip()]
    keep = [False] * len(lines)
    hits = [i for i in full if _MARKS.search(lines[i]) or _cues().search(lines[i])]
    hits += _inside_open_quotes(lines, full)
    picked = set(hits)
    pos = {line: n for n, line in enumerate(full)}
    # Neighbours name the speaker of an incise-less quote and the antecedent of « il ».
    for i in hits:
        n = pos[i]
        picked.update(full[max(0, n - 1) : n + 2])
    picked.update(full[:_LEAD_LINES])
    picked.update(_introductions(lines, full, picked))
    for i in picked:
        keep[i] = True
    return keep


def _inside_open_quotes(lines: list[str], full: list[int]) -> list[int]:
    """Lines between a « left open at the end of a line and its closing »."""
    inside: list[int] = []
    depth, since = 0, 0
    for i in full:
        if depth > 0:
            if since >= _MAX_SPAN:
                depth = 0
            else:
                inside.append(i)
                since += 1
        depth = max(0, depth + lines[i].count(_OPEN) - lines[i].count(_CLOSE))
        if depth == 0:
            since = 0
    return inside


def _introductions(lines: list[str], full: list[int], picked: set[int]) -> set[int]:
    """The first line mentioning each surname that a kept line uses after a title."""
    names = {m for i in picked for m in _TITLED.findall(lines[i])}
    found = set()
    for name in names:
        word = regex.compile(rf"\b{regex.escape(name)}\b")
        for i in full:
            if word.search(lines[i]):
                found.add(i)
                break
    return found


@functools.cache
def _cues() -> regex.Pattern[str]:
    """Word-start stems of every cue of the lexicon, plus selon and d'après, as one pattern."""
    text = resources.files("quoteattr.data").joinpath("cues.tsv").read_text("utf-8")
    rows = csv.DictReader(
        io.StringIO("\n".join(ln for ln in text.splitlines() if ln and not ln.startswith("#"))),
        delimiter="\t",
    )
    alternatives = {r"selon\b", r"d['’]apr[eè]s\b"}
    for row in rows:
        stem = cue_stem(row["cue"])
        if " " in row["cue"].strip():
            alternatives.add(regex.escape(stem) + r"\b")  # a fixed word, not a stem
        elif len(stem) < _SHORT_STEM:
            alternatives.add(regex.escape(stem) + r"\p{L}{0,4}\b")
        else:
            alternatives.add(regex.escape(stem))
    return regex.compile(r"\b(?:" + "|".join(sorted(alternatives)) + ")", regex.IGNORECASE)


def cue_stem(cue: str) -> str:
    """The start that the forms of a cue share, cheaply: its main word less the last letters.

    Dropping three letters of an -er verb covers its conjugation (affir|mer, affir|mé,
    affir|mait); four of other verbs, most irregular stems too (sout|enir, sout|ient). In a
    multiword cue the last long word is fixed (faire *savoir*, mettre en *garde*): it is kept
    whole.

    >>> cue_stem("affirmer"), cue_stem("soutenir"), cue_stem("dire"), cue_stem("s'exclamer")
    ('affir', 'sout', 'di', 'excla')
    >>> cue_stem("faire savoir"), cue_stem("mettre en garde"), cue_stem("comme l'a dit")
    ('savoir', 'garde', 'comme')
    """
    words = [w.split("'")[-1].split("’")[-1] for w in cue.lower().split()]
    words = [w for w in words if w not in ("se", "s")]
    if len(words) > 1:
        long = [w for w in words if len(w) >= 4]
        return long[-1] if long else max(words, key=len)
    word = words[0]
    cut = 3 if word.endswith("er") else 4
    return word[: max(2, len(word) - cut)]
