"""Transcripts and interviews: lines that are someone's words by their layout alone.

- a transcript's turn, a label and a colon at the start of a line: « Mao Ning : … »,
  « Jean Dupuis : … », « La présidente : … », « Question : … », « Q. … / R. … »;
- a Q&A whose answers open on a dash (« — Plus du tout. »), the answers of the one the
  page's introduction names (« Entretien avec la skieuse Léa Berthod »);
- dialogue in narrative, a line opening on a dash with an incise: « — Nous irons jusqu'au
  bout, répond-il. Les joueurs méritent mieux. »

A turn is the words of its label: a name, a role (« La présidente »), an outlet asking a
question (« AFP : »). A question labelled « Question » or « Q. » is a quotation only when the
page names who asks (« Propos recueillis par Claire Janssens »); an answer labelled « R. »
or opening on a dash is the interviewee's only when the introduction names one person.
A line is a turn only in a page that holds two turns at least, of people (a name, a title,
a role, a question or answer label), with a verb: « France : le prix du gaz augmentera »
heading an article, « Lyon : Lopes - Tagliafico » in a line-up, are no transcript.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex
from spacy.tokens import Doc, Span

from ..data import rows as data_rows
from ..data import text as data_text
from ..data import words as data_words
from .clauses import TITLES, incise_at, speaker_nouns
from .cues import CueLexicon
from .doccache import ents_of, text_of

# « Jean Dupuis : P », « M. Favre (PLR) : P »: a short label, a colon, the words. The label
# holds no sentence punctuation but the full stop of a title.
_TURN = regex.compile(
    r"(?P<label>\p{Lu}[^\n:!?«»\"“”;,]{0,50}?)\s*:[ \t\u00a0\u202f]+(?P<content>\S[^\n]*)"
)
# « Q. P », « R - P »: a one-letter label (of the data file) and a full stop or a dash.
_TURN_LETTER = regex.compile(r"(?P<label>\p{Lu})\s*[.–—-][ \t\u00a0\u202f]+(?P<content>\S[^\n]*)")
# A line opening on a dash, the French mark of a new speaker in dialogue.
_DASH_LINE = regex.compile(r"[—–-][ \t\u00a0\u202f]+(?P<content>\S[^\n]*)")
# A name's words: capitalised, or the particles between them (« Abd al-Rahman », « de Villepin »).
_NAME_WORD = regex.compile(r"(?:\p{Lu}[\p{L}'’.-]*|de|du|des|d['’]|van|von|der|al-\p{L}+|ben|bin)")
# A label of this many words at most is a name or a role, not a clause.
_LABEL_WORDS = 7


@dataclass(frozen=True)
class Turn:
    """One line of a transcript: its label, the kind of label, and its words."""

    line: tuple[int, int]  # the whole line
    label: tuple[int, int]
    content: tuple[int, int]
    kind: str  # "question", "answer" (labels of the data file), "person", "outlet", "dash"


@cache
def _labels() -> dict[str, str]:
    return {r["label"]: r["turn"] for r in data_rows(data_text("interview_labels.tsv"))}


@cache
def _phrases() -> dict[str, regex.Pattern[str]]:
    """One pattern per role (interviewee, interviewer) matching its phrases."""
    by_role: dict[str, list[str]] = {}
    for r in data_rows(data_text("interview_phrases.tsv")):
        words = [regex.escape(w).replace("'", "['’]") for w in r["phrase"].split()]
        by_role.setdefault(r["role"], []).append(r"\s+".join(words))
    return {
        role: regex.compile(r"(?i)\b(?:" + "|".join(sorted(ps, key=len, reverse=True)) + r")\b")
        for role, ps in by_role.items()
    }


@cache
def _speech_persons() -> regex.Pattern[str]:
    found = sorted(data_words("speech_persons.txt"), key=len, reverse=True)
    return regex.compile(r"(?i)\b(?:" + "|".join(found) + r")\b(?:['’]|\s|[.,;:!?]|$)")


def label_kind(label: str) -> str | None:
    """What a line's label says of its speaker, from its words alone: a question or answer
    label of the data file, a person (a title or a role noun first, or two name words), an
    outlet (one capitalised word or acronym), or None when it cannot be a speaker.

    >>> label_kind("Question"), label_kind("R."), label_kind("Mao Ning")
    ('question', 'answer', 'person')
    >>> label_kind("La présidente du tribunal"), label_kind("AFP"), label_kind("Bilan des pluies")
    ('person', 'outlet', None)
    """
    low = label.strip().rstrip(".").lower().replace("’", "'")
    if low in _labels():
        return _labels()[low]
    if len(low) == 1:
        return None  # « A. » of a list: only the letters of the data file label a turn
    # « M. Favre (PLR) »: the party or office in brackets says nothing of the name.
    words = regex.sub(r"\s*\([^()]*\)\s*$", "", label).split()
    if not 0 < len(words) <= _LABEL_WORDS or regex.search(r"\d", label):
        return None
    first = words[0].lower().rstrip(".")
    if first in TITLES or first + "." in TITLES:
        return "person" if len(words) > 1 and words[1][:1].isupper() else None
    # « La présidente », « L'avocat de la défense », « Le prévenu »: a determiner, a role noun.
    role = regex.match(r"(?i)(?:le|la|les|l['’])\s*([\p{L}-]+)", label)
    if role and role.group(1).lower() in speaker_nouns():
        return "person"
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        return None
    if len(words) == 1:
        return "outlet"
    return "person" if sum(w[:1].isupper() for w in words) >= 2 else None


def find_turns(doc: Doc) -> list[Turn]:
    """The turns of ``doc``'s transcript, labelled or opening on a dash, in text order; none
    when the page holds fewer than two turns of people whose words have a verb."""
    text = text_of(doc)
    turns: list[Turn] = []
    for line in regex.finditer(r"[^\n]+", text):
        a = line.start() + len(line.group()) - len(line.group().lstrip())
        b = line.end() - (len(line.group()) - len(line.group().rstrip()))
        turn = None
        for pattern in (_TURN, _TURN_LETTER):
            m = pattern.match(text, a, b)
            kind = label_kind(m.group("label")) if m is not None else None
            if m is not None and kind is not None:
                turn = Turn((a, b), m.span("label"), m.span("content"), kind)
                break
        if turn is not None:
            turns.append(turn)
            continue
        d = _DASH_LINE.match(text, a, b)
        if d is not None:
            turns.append(Turn((a, b), (a, a + 1), d.span("content"), "dash"))
    labelled = [t for t in turns if t.kind != "dash"]
    people = [t for t in labelled if t.kind != "outlet" and _has_verb(doc, t.content)]
    if len(people) < 2:
        # No transcript: dash lines only (dialogue or a list; the dash rules tell which).
        return [t for t in turns if t.kind == "dash"]
    # Outlets asking count once the page is a transcript; a one-word label naming a place the
    # recogniser saw (« France : ») does not.
    return [t for t in turns if t.kind != "outlet" or _outlet(doc, t)]


def _has_verb(doc: Doc, span: tuple[int, int]) -> bool:
    s = doc.char_span(*span, alignment_mode="expand")
    return s is not None and any(t.pos_ in {"VERB", "AUX"} for t in s)


def _outlet(doc: Doc, turn: Turn) -> bool:
    a, b = turn.label
    return not any(
        e.label_ == "LOC" and e.start_char <= a and b <= e.end_char for e in ents_of(doc)
    )


def _span(doc: Doc, a: int, b: int) -> Span | None:
    return doc.char_span(a, b, alignment_mode="expand")


def continuation(doc: Doc, turns: list[Turn], k: int) -> list[tuple[int, int]]:
    """The lines after turn ``k`` that carry its words on: unlabelled lines before the next
    turn, each speaking in the first or second person (« Nous avons déposé trois
    amendements »); narrative between two turns speaks of them in the third."""
    if k + 1 >= len(turns):
        return []
    text = text_of(doc)
    parts = []
    for line in regex.finditer(r"[^\n]+", text, pos=turns[k].line[1], endpos=turns[k + 1].line[0]):
        words = line.group().strip()
        if not words:
            continue
        if not _speech_persons().search(words) or regex.search(r"[«»“”\"]", words):
            break
        a = line.start() + len(line.group()) - len(line.group().lstrip())
        parts.append((a, a + len(words)))
    return parts


def interviewee(doc: Doc, before: int) -> Span | None:
    """The one person the introduction (the text before offset ``before``) names in a
    sentence saying who is interviewed (« a répondu aux questions de notre journal »,
    « Entretien avec X »), leaving out who asks (« au micro de Y »); None when it names
    none or several."""
    text = text_of(doc)
    phrases = _phrases()
    found: dict[str, Span] = {}
    for m in phrases["interviewee"].finditer(text, 0, before):
        a = text.rfind("\n", 0, m.start()) + 1
        stop = regex.compile(r"[.!?](?:\s|$)|\n")
        e = stop.search(text, m.end(), before)
        b = e.start() if e else before
        # The sentence holding the phrase: from the last sentence end before it.
        ends = [x.end() for x in stop.finditer(text, a, m.start())]
        a = ends[-1] if ends else a
        askers = [x.end() for x in phrases["interviewer"].finditer(text, a, b)]
        for ent in ents_of(doc):
            if ent.label_ != "PER" or not a <= ent.start_char < b:
                continue
            if any(0 <= ent.start_char - x <= 3 for x in askers):
                continue  # « au micro de Geneviève Roy »: who asks
            found.setdefault(ent.text.split()[-1], ent)
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def interviewer(doc: Doc) -> Span | None:
    """The person a credit names as asking (« Propos recueillis par Claire Janssens »), when
    the page names one only."""
    text = text_of(doc)
    found: dict[str, Span] = {}
    for m in _phrases()["interviewer"].finditer(text):
        for ent in ents_of(doc):
            if ent.label_ == "PER" and 0 <= ent.start_char - m.end() <= 3:
                found.setdefault(ent.text.split()[-1], ent)
    return next(iter(found.values())) if len(found) == 1 else None


def dash_incise(
    doc: Doc, turn: Turn, lexicon: CueLexicon
) -> tuple[list[tuple[int, int]], Span, Span] | None:
    """A dash line's incise (« — Nous irons jusqu'au bout, répond-il. Les joueurs … »): the
    words without it, its cue and its speaker."""
    line = _span(doc, *turn.content)
    if line is None:
        return None
    for t in line:
        if t.text != "," or t.i + 1 >= line.end:
            continue
        inc = incise_at(doc, t.i + 1, line.end, lexicon)
        if inc is None or inc.mention is None:
            continue
        first = (turn.content[0], t.idx)
        parts = [first] if first[1] > first[0] else []
        rest = inc.end
        while rest < line.end and doc[rest].is_punct:
            rest += 1
        if rest < line.end:
            parts.append((doc[rest].idx, turn.content[1]))
        if not parts:
            return None
        return parts, doc[inc.cue.i : inc.cue.i + 1], inc.mention
    return None


def is_question(text: str, span: tuple[int, int]) -> bool:
    """Whether the words end on a question mark (« — Et l'avenir du groupe ? »)."""
    return text[span[0] : span[1]].rstrip(' \u00a0\u202f»"”').endswith("?")


# A unit that may open a turn: a dash, a short label and a colon, a one-letter label.
_LINE_START = regex.compile(
    r"\s*(?:[—–-]\s|\p{Lu}[^\n:!?«»\"“”;,]{0,50}?\s*:|\p{Lu}\s*[.–—-](?:\s|$))"
)


def transcript_line(sentence: str) -> bool:
    """The trigger of the transcript rules: a sentence that may open a turn (a dash, a label
    and a colon, « Q. »), or that names who is interviewed or who asks.

    >>> transcript_line("Mao Ning : Nous l'avons dit."), transcript_line("Il pleut : rentrez.")
    (True, True)
    >>> transcript_line("Il est parti sans un mot."), transcript_line("Propos recueillis par X")
    (False, True)
    """
    if _LINE_START.match(sentence):
        return True
    return any(p.search(sentence) for p in _phrases().values())
