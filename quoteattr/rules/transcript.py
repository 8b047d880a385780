"""Transcripts, interviews and dialogue (:mod:`..detect.transcript`): a line is someone's
words by its layout — a label and a colon (« Jean Dupuis : P », « Q. P / R. P »), or a dash
opening the line (« — Nous irons jusqu'au bout, répond-il. »)."""

from __future__ import annotations

import regex
from spacy.tokens import Span

from ..detect.found import Found
from ..detect.rules import Context, Rule, register
from ..detect.transcript import (
    Turn,
    continuation,
    dash_incise,
    find_turns,
    interviewee,
    interviewer,
    is_question,
    transcript_line,
)


def _found(
    turn: Turn,
    parts: list[tuple[int, int]],
    mention: Span | None,
    cue: Span | None,
    confidence: float,
    rule: str,
) -> Found:
    return Found(
        type="direct",
        parts=parts,
        cue=cue,
        cue_lemma=cue.root.lemma_ if cue is not None else "",
        mention=mention,
        confidence=confidence,
        rule=rule,
        outer=(turn.line[0], max(turn.line[1], parts[-1][1])),
    )


def _find(ctx: Context) -> list[Found]:
    doc, text = ctx.doc, ctx.text
    turns = find_turns(doc)
    if not turns:
        return []
    found: list[Found] = []
    asker: Span | None = None
    answerer: Span | None = None
    if any(t.kind in {"question", "dash"} for t in turns):
        asker = interviewer(doc)
    if any(t.kind in {"answer", "dash"} for t in turns):
        answerer = interviewee(doc, turns[0].line[0])
    # Dash lines are an exchange when one of them asks (« — Et votre genou ? »): a list of
    # items opening on dashes asks nothing.
    dash_lines = [t for t in turns if t.kind == "dash"]
    exchange = len(dash_lines) >= 2 and any(is_question(text, t.content) for t in dash_lines)
    for k, turn in enumerate(turns):
        if _quoted(text, turn.content):
            continue  # « X : « … » »: the marks' own rule (direct:colon)
        if turn.kind == "dash":
            inc = dash_incise(doc, turn, ctx.lexicon)
            if inc is not None:
                parts, cue, mention = inc
                found.append(_found(turn, parts, mention, cue, 0.9, "direct:dialogue"))
                continue
            if not exchange or not text[turn.content[0]].isupper():
                continue  # a list item (« — la création de deux cents postes ; »), an aside
            if is_question(text, turn.content):
                if asker is not None:
                    found.append(_found(turn, [turn.content], asker, None, 0.8, "direct:question"))
            elif answerer is not None:
                found.append(_found(turn, [turn.content], answerer, None, 0.8, "direct:answer"))
            continue
        parts = [turn.content, *continuation(doc, turns, k)]
        if turn.kind == "question":
            if asker is not None:
                found.append(_found(turn, parts, asker, None, 0.8, "direct:question"))
        elif turn.kind == "answer":
            if answerer is not None:
                found.append(_found(turn, parts, answerer, None, 0.8, "direct:answer"))
        else:
            label = doc.char_span(*turn.label, alignment_mode="expand")
            found.append(_found(turn, parts, label, None, 0.85, "direct:turn"))
    return found


def _quoted(text: str, span: tuple[int, int]) -> bool:
    """Whether the words are all inside quotation marks."""
    words = text[span[0] : span[1]].strip()
    return bool(regex.match(r"[«“\"]", words)) and bool(regex.search(r"[»”\"][.!?…]?$", words))


_TURN_DOC = "a transcript's turn: « Jean Dupuis : P », « La présidente : P », « AFP : P ? »"
register(
    Rule(
        "direct:turn",
        "direct",
        0.85,
        _find,
        trigger=transcript_line,
        reach="paragraph",
        doc=_TURN_DOC,
    )
)
register(
    Rule(
        "direct:answer",
        "direct",
        0.8,
        _find,
        trigger=transcript_line,
        reach="paragraph",
        doc="« R. P » or « — P » in a Q&A: the interviewee the introduction names",
    )
)
register(
    Rule(
        "direct:question",
        "direct",
        0.8,
        _find,
        trigger=transcript_line,
        reach="paragraph",
        doc="« Q. P ? »: the interviewer the page names (« Propos recueillis par X »)",
    )
)
register(
    Rule(
        "direct:dialogue",
        "direct",
        0.9,
        _find,
        trigger=transcript_line,
        reach="paragraph",
        doc="« — Nous irons jusqu'au bout, répond-il. Les joueurs méritent mieux. »",
    )
)
