"""A gerund between a cue and its que-clause (sentences of our own, normal and fast mode)."""

from __future__ import annotations

import json

from quoteattr import Article, batch


def _quotes(text: str) -> list[dict]:
    runs = []
    for fast in (False, True):
        done = batch.process_chunk(
            [Article(text=text, date="2024-05-15")], batch.Options(fast=fast)
        )
        runs.append([json.loads(line) for line in done[0].lines])
    assert [(q["text"], q["speaker"]) for q in runs[1]] == [
        (q["text"], q["speaker"]) for q in runs[0]
    ]
    return runs[0]


def test_gerund_between_cue_and_que():
    """Le syndic a assuré en quittant la séance que le budget serait revu."""
    (q,) = _quotes("Le syndic a assuré en quittant la séance que le budget serait revu en juin.")
    assert q["text"] == "le budget serait revu en juin"
    assert q["speaker"]["name"] == "Le syndic"
    assert q["cue"]["lemma"] == "assurer"


def test_a_finite_verb_still_ends_the_search():
    """Le maire a assuré la permanence et pense que tout ira bien. (« pense » has its own que)"""
    quotes = _quotes("Le maire a assuré la permanence puis répète que tout ira bien.")
    assert [q["cue"]["lemma"] for q in quotes] == ["répéter"]
