"""Closed-class French words read from the data files, in every written form a rule meets.

The lists live in ``quoteattr/data/`` (``subject_pronouns.tsv``, ``source_markers.tsv``,
``conjunction_heads.txt``…); this module derives the forms the rules compare tokens with, so
that no rule spells them out again: an inverted subject is « -il » or « -t-il » (the « t »
only before a vowel-initial singular pronoun), an apostrophe is ' or ’.

>>> sorted(inverted_subjects(personal=True))
['-elle', '-elles', '-il', '-ils', '-t-elle', '-t-il']
>>> normalise_apostrophes("aujourd’hui")
"aujourd'hui"
"""

from __future__ import annotations

from functools import cache

from ..data import rows as data_rows
from ..data import text as data_text

#: The apostrophes of French typography; rules compare the straight one.
APOSTROPHES = "'’"


def normalise_apostrophes(text: str) -> str:
    """``text`` with the typographic apostrophe turned into the straight one (same length)."""
    return text.replace("’", "'")


@cache
def subject_pronouns() -> dict[str, tuple[str, str]]:
    """Third-person subject pronouns with their gender (or "") and number."""
    return {
        r["form"]: (r.get("gender") or "", r["number"])
        for r in data_rows(data_text("subject_pronouns.tsv"))
    }


def personal_pronouns() -> frozenset[str]:
    """The subject pronouns that stand for someone named (« il », « elles »; not « on »)."""
    return frozenset(f for f, (gender, _) in subject_pronouns().items() if gender)


@cache
def inverted_subjects(personal: bool = False) -> frozenset[str]:
    """The inverted subject clitics as the tokenizer gives them: « -il », « -t-il »…
    (``personal``: only those standing for someone named, not « -on »)."""
    forms = personal_pronouns() if personal else frozenset(subject_pronouns())
    out = {"-" + f for f in forms}
    out |= {"-t-" + f for f in forms if subject_pronouns()[f][1] == "sg"}
    return frozenset(out)
