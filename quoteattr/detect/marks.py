"""Quotation-mark pairing on raw text, independent of any parse.

French news writes quotations between « » (with or without no-break spaces), “ ”, " " or ‹ ›,
nests them (« … « bordel » … »), reopens « at each new paragraph of a long quotation, and
sometimes forgets to close one. :func:`pair_marks` turns that into spans of quoted text.

>>> [(s.inner(t)) for t in ["Il a dit : « Oui. » Puis rien."] for s in pair_marks(t)]
['Oui.']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..data import words

# Marks that only open, only close, or do both (the straight double quote).
_OPEN = {"«": "»", "“": "”", "‹": "›", "„": "“"}
_CLOSE = {"»", "”", "›"}
_BOTH = {'"'}
# Spaces that French typography puts inside guillemets; they are not part of the content.
_INNER_SPACE = " \t\u00a0\u202f\u2009"


@dataclass(frozen=True)
class Quoted:
    """A top-level quoted passage: ``open``/``close`` are the marks' offsets.

    ``close`` is the offset just past the content when the closing mark is missing
    (``closed`` is then False); ``parts`` lists content pieces when the quotation runs over
    several paragraphs and reopens its mark at each of them.
    """

    open: int
    close: int
    closed: bool
    parts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark (or the content, when the mark is missing)."""
        return self.close + 1 if self.closed else self.close

    def inner(self, text: str) -> str:
        """The quoted content, paragraphs joined by a line break."""
        return "\n".join(text[a:b] for a, b in self.parts)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _INNER_SPACE:
        a += 1
    while b > a and text[b - 1] in _INNER_SPACE:
        b -= 1
    return a, b


def _straight_opens(text: str, i: int) -> bool:
    """Whether a straight quote at ``i`` opens (it follows a space or start, not a letter)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{:—–-'’":
        return not after.isspace() or before in ":"
    return False


def pair_marks(text: str, remember: bool = True) -> list[Quoted]:
    """The top-level quoted passages of ``text``, in order.

    An unclosed mark never swallows more than its paragraph: the passage is cut at the
    paragraph end, unless the next paragraph reopens it with the same mark (the French
    convention for a quotation over several paragraphs).
    """
    # Fast mode's pre-scan and the component read the marks of the same article in turn, a
    # batch of articles apart; ``remember=False`` keeps one-off texts out of the memo.
    return list(_pair_marks(text)) if remember else _pairs(text)


@functools.lru_cache(maxsize=64)
def _pair_marks(text: str) -> tuple[Quoted, ...]:
    return tuple(_pairs(text))


def _pairs(text: str) -> list[Quoted]:
    found: list[Quoted] = []
    stack: list[tuple[int, str]] = []  # (offset, expected closing mark)
    top_open = -1
    parts: list[tuple[int, int]] = []
    seg_start = 0
    i, n = 0, len(text)

    def finish(close: int, closed: bool) -> None:
        nonlocal parts
        a, b = _trim(text, seg_start, close)
        pieces = [*parts, (a, b)] if b > a or not parts else parts
        found.append(Quoted(top_open, close, closed, tuple(pieces)))
        parts = []

    while True:
        # Only marks and line breaks change anything: the loop jumps from one to the next.
        m = _MARK_OR_BREAK.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\n" and stack:
            # Paragraph end inside a quotation: continue only if the next paragraph reopens.
            j = i
            while j < n and text[j] in "\n \t\u00a0\u202f":
                j += 1
            reopen = stack[0][1] if text[j : j + 1] == _reopen_mark(stack[0][1]) else None
            if reopen and len(stack) == 1:
                a, b = _trim(text, seg_start, i)
                if b > a:  # « alone on its line adds no empty piece
                    parts.append((a, b))
                seg_start = j + 1
                i = j + 1
                continue
            finish(_rstrip_offset(text, i), False)
            stack.clear()
            i += 1
            continue
        if ch in _BOTH:
            if stack and stack[-1][1] == ch:
                ch_role = "close"
            elif _straight_opens(text, i):
                ch_role = "open"
            else:
                ch_role = "none"
        elif ch in _OPEN and not (ch == "“" and stack and stack[-1][1] == "“"):
            ch_role = "open"
        elif ch in _CLOSE or ch == "“":
            ch_role = "close"
        else:
            ch_role = "none"
        if ch_role == "open":
            if not stack:
                top_open, seg_start, parts = i, i + 1, []
            stack.append((i, _OPEN.get(ch, ch)))
        elif ch_role == "close" and stack:
            # Close the innermost passage this mark can close (tolerates mixed styles).
            k = len(stack) - 1
            while k >= 0 and stack[k][1] != ch:
                k -= 1
            if k < 0:
                k = len(stack) - 1
            del stack[k:]
            if not stack:
                finish(i, True)
        i += 1
    if stack:
        finish(_rstrip_offset(text, n), False)
    return found


_MARK_OR_BREAK = regex.compile("[\n" + regex.escape("".join([*_OPEN, *_CLOSE, *_BOTH])) + "]")


def _reopen_mark(closing: str) -> str:
    return {"»": "«", "”": "“", "›": "‹", '"': '"'}.get(closing, "")


def _rstrip_offset(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\u00a0\u202f\n":
        end -= 1
    return end


def quoted_mask(text: str, spans: list[Quoted]) -> bytearray:
    """One byte per character: 1 inside a quoted passage (marks included), else 0."""
    mask = bytearray(len(text))
    for q in spans:
        mask[q.open : q.outer_end] = b"\x01" * (q.outer_end - q.open)
    return mask


def is_name(text: str, q: Quoted) -> bool:
    """Whether a quoted passage names something rather than quotes someone: a short title in
    capitals (« Les Misérables »), or a passage after a naming word of
    ``data/naming_words.txt`` (« une politique dite « l'Amérique d'abord » », « la
    construction de « la Ceinture et la Route » »).

    >>> t = "une politique dite « l'Amérique d'abord »"
    >>> is_name(t, pair_marks(t)[0])
    True
    """
    inner = q.inner(text).strip()
    if not inner:
        return True
    naming = words("naming_words.txt")
    before = regex.findall(r"[\w'’-]+", text[max(0, q.open - 40) : q.open].lower())
    if before and before[-1].strip("'’") in naming:
        return True
    if (
        len(before) >= 2
        and before[-1] in {"de", "d", "du", "des", "la", "le", "les"}
        and (before[-2] in naming)
        and not _qualified(before[:-2])
    ):
        return True
    first = regex.match(r"(?:l['’]|la |le |les )?(\w)", inner, regex.IGNORECASE)
    return first is not None and first.group(1).isupper() and len(inner.split()) <= 6


@functools.cache
def _qualifying_forms() -> regex.Pattern[str]:
    stems = sorted(w[:-2] for w in words("qualifying_verbs.txt"))
    return regex.compile(r"(?:" + "|".join(stems) + r")(?:e|es|ent|é|ée|és|ées|ait|aient|ant|er|a)")


def _qualified(before: list[str]) -> bool:
    """Whether a verb of ``data/qualifying_verbs.txt`` stands among the last words before a
    noun and its « de » (« a qualifié la réforme de « P » »): « de » opens a predicate, the
    passage after it is the subject's words, not the name of the reform."""
    return any(_qualifying_forms().fullmatch(w) for w in before[-5:])


def words_mask(text: str, spans: list[Quoted]) -> bytearray:
    """Like :func:`quoted_mask`, for the passages that quote someone's words (not names)."""
    mask = bytearray(len(text) + 1)
    for q in spans:
        if not is_name(text, q):
            mask[q.open : q.outer_end] = b"\x01" * (q.outer_end - q.open)
    return mask
