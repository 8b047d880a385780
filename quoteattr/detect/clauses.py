"""Small syntactic helpers shared by the detectors: cue verbs, incises, subjects.

The French model's parse is right most of the time on plain clauses and often wrong around
quotations and inversions (« a déclaré mardi à Moscou Wang Yi » parses Wang as part of
Moscou), so these helpers read the surface (part of speech, entities, punctuation) first and
the dependency tree second.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..calendar import WEEKDAYS
from ..data import rows as data_rows
from ..data import text as data_text
from ..data import words as data_words
from .coordination import coordinated_with
from .cues import CueEntry, CueLexicon

# Words that name a time, not a speaker, after an inverted verb (« a déclaré mardi soir »).
TEMPORAL = frozenset(WEEKDAYS) | data_words("time_words.txt")


def _titles() -> dict[str, str | None]:
    table = data_rows(data_text("titles.tsv"))
    return {r["title"]: (None if r["gender"] == "-" else r["gender"]) for r in table}


#: Honorific titles (lower case) → the gender they mark, from ``data/titles.tsv``.
TITLE_GENDER: dict[str, str | None] = _titles()
TITLES = frozenset(TITLE_GENDER)
#: Titles that name a trade (« Me » an avocat, « Dr » a médecin), from ``data/titles.tsv``.
TITLE_ROLE: dict[str, str] = {
    r["title"]: r["role"] for r in data_rows(data_text("titles.tsv")) if r.get("role")
}
# Clitic subjects of an inverted verb, as the tokenizer leaves them (« a-t-il », « dit-elle »).
_INVERTED_CLITICS = {
    "-il",
    "-elle",
    "-ils",
    "-elles",
    "-on",
    "-t-il",
    "-t-elle",
    "-t-on",
    "-je",
    "-nous",
    "-vous",
}
_PRE_VERB = {
    "ne",
    "n'",
    "n’",
    "se",
    "s'",
    "s’",
    "lui",
    "leur",
    "y",
    "en",
    "nous",
    "vous",
    "me",
    "m'",
    "m’",
    "-t",
    *_INVERTED_CLITICS,
}
_INCISE_ONLY = frozenset({"incise"})
_STOP_NP = {"qui", "que", "qu'", "qu’", "dont", "lequel", "laquelle", "où"}
_QUE = {"que", "qu'", "qu’"}


@dataclass
class Incise:
    """An incise: the cue verb, the speaker's words (clitic or noun phrase), and its extent."""

    cue: Token
    mention: Span | None
    end: int  # token index just past the incise


def inverted_entry(doc: Doc, j: int, clitic_after_aux: bool = False) -> CueEntry | None:
    """A cue for a verb the lexicon lacks but whose subject is an inverted clitic
    (« appuie-t-il », « a-t-elle tranché »): French inverts the subject after a comma only in
    an incise, so the verb reports speech whatever it is."""
    verb = doc[j]
    if verb.lemma_ in {"être", "avoir", "pouvoir"} or verb.is_punct:
        return None
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if not (clitic_after_aux or after in _INVERTED_CLITICS or after == "-t"):
        return None
    return CueEntry(cue=verb.lemma_.lower(), category="incise", frames=_INCISE_ONLY, weight=0.75)


def verb_group_start(doc: Doc, verb: int) -> int:
    """First token of the verb's group: auxiliaries, negation, clitics and adverbs before it,
    and connectors between auxiliary and participle (« a quant à lui déclaré »)."""
    i = verb
    while i > 0:
        p = doc[i - 1]
        if p.lower_ in {"lui", "leur", "elle", "eux"} and i >= 2 and doc[i - 2].lower_ == "à":
            k = _connector_before(doc, i - 1)
            if k is None:
                break
            i = k  # « quant à lui »
        elif _in_verb_group(doc, i - 1):
            i -= 1
        elif (k := _connector_before(doc, i - 1)) and doc[k - 1].pos_ == "AUX":
            i = k  # « a pour sa part ajouté »
        else:
            break
    return i


def _in_verb_group(doc: Doc, j: int) -> bool:
    """An auxiliary, a clitic, or an adverb after an auxiliary (« a également »)."""
    p = doc[j]
    if p.pos_ == "AUX" or p.lower_ in _PRE_VERB:
        return True
    return p.pos_ == "ADV" and j >= 1 and doc[j - 1].pos_ in {"AUX", "ADV"}


def _connector_before(doc: Doc, j: int) -> int | None:
    """Start of a connector (« quant à lui », « pour sa part ») that ends at token ``j``."""
    if doc[j].lower_ not in _CONNECTOR_ENDS:
        return None
    for words in _CONNECTORS:
        n = len(words)
        if j - n + 1 >= 0 and all(doc[j - n + 1 + k].lower_ == w for k, w in enumerate(words)):
            return j - n + 1
    return None


def incise_at(doc: Doc, i: int, limit: int, lexicon: CueLexicon) -> Incise | None:
    """The incise starting at token ``i`` (« a-t-il dit », « a affirmé M. Wang »), or None.

    An incise is a cue verb whose subject is inverted: a hyphenated clitic right after the
    verb or its auxiliary, or a noun phrase after the verb. Plain word order is not an incise.
    """
    j = i
    # « s'est-il félicité »: the reflexive clitic comes first.
    if j < limit and doc[j].lower_ in {"s'", "s’", "se"}:
        j += 1
    aux = j < limit and doc[j].pos_ == "AUX" and doc[j].lemma_ in {"avoir", "être"}
    clitic_after_aux = False
    if aux:
        j += 1
        while j < limit and (doc[j].lower_ in _INVERTED_CLITICS or doc[j].lower_ == "-t"):
            clitic_after_aux = True
            j += 1
        while j < limit and doc[j].pos_ == "ADV" and doc[j].lower_ not in TEMPORAL:
            j += 1
    if j >= limit:
        return None
    verb = doc[j]
    # Right after « », » or a comma, the word is the verb of the incise whatever its tag.
    entry = lexicon.match(verb, verb_slot=not aux and j == i) or inverted_entry(
        doc, j, clitic_after_aux
    )
    if entry is None or "incise" not in entry.frames:
        return None
    k = j + 1
    k += len(entry.rest)  # « a-t-il fait valoir »
    clitic = clitic_after_aux
    while k < limit and (doc[k].lower_ in _INVERTED_CLITICS or doc[k].lower_ == "-t"):
        clitic = True
        k += 1
    # An infinitive or a bare participle is never the verb of an incise (« , maintenir l'élan »);
    # a clitic after it (« dit-il ») proves it finite whatever the tagger says.
    forms = verb.morph.get("VerbForm")
    low = verb.lower_
    non_finite = (
        low.endswith(("er", "ir", "ant"))
        or ("Inf" in forms and low.endswith("re"))
        # The tagger's « Part » is trusted only on participle endings: « lance » and « dit »
        # after « », » are finite.
        or ("Part" in forms and low.endswith(("é", "ée", "és", "ées", "u", "ue", "us", "i", "is")))
    )
    if not aux and not clitic and non_finite:
        return None
    if clitic:
        mention = _clitic_span(doc, i, k)
        if mention.text.lower() == "-on":
            # « a-t-on appris auprès du parquet »: the source is the one « auprès de » names.
            source = _aupres_de(doc, k, limit)
            mention = source if source is not None else mention
        return Incise(verb, mention, _incise_end(doc, k, limit))
    mention = inverted_subject(doc, k, limit)
    if mention is None:
        return None
    return Incise(verb, mention, _incise_end(doc, mention.end, limit))


def _aupres_de(doc: Doc, k: int, limit: int) -> Span | None:
    """The noun phrase after « auprès de » (« a-t-on appris auprès du parquet » → parquet)."""
    j = k
    while j < limit and j < k + 4 and doc[j].lower_ != "auprès":
        j += 1
    if j + 2 < limit and doc[j].lower_ == "auprès" and doc[j + 1].lower_ in _DE_FORMS:
        np = noun_phrase(doc, j + 2, limit)
        return np if can_speak(np) else None
    return None


_DE_FORMS = {"de", "du", "d'", "d’", "des"}


def _clitic_span(doc: Doc, start: int, end: int) -> Span:
    for t in doc[start:end]:
        if t.lower_ in _INVERTED_CLITICS and t.lower_ != "-t":
            return doc[t.i : t.i + 1]
    return doc[end - 1 : end]


def _incise_end(doc: Doc, k: int, limit: int) -> int:
    """Just past the incise: its temporal and place complements and an apposition run on until
    a comma that introduces a new clause, or the end of the sentence."""
    while k < limit and doc[k].text not in {",", ".", "!", "?", ";", ":", "»", "«", '"'}:
        k += 1
    return k


def inverted_subject(doc: Doc, k: int, limit: int) -> Span | None:
    """The subject noun phrase after an inverted verb, skipping adverbs, times and places.

    « a déclaré mardi à Moscou Wang Yi, membre du… » → Wang Yi.
    """
    state = "free"  # "prep": inside a prepositional phrase, waiting for its noun
    j = k
    while j < limit:
        t = doc[j]
        low = t.lower_
        if t.is_punct and t.text not in {"-"}:
            return None
        if low in TEMPORAL or (t.pos_ == "ADV" and state == "free"):
            j += 1
            continue
        if t.pos_ == "ADP" or low in {"du", "des", "au", "aux"}:
            state = "prep"
            j += 1
            continue
        if state == "prep":
            if t.pos_ in {"NOUN", "PROPN"}:
                state = "pp_noun"
            j += 1
            # Skip the rest of an entity the preposition governs (« à New York »).
            while j < limit and doc[j].ent_iob_ == "I":
                j += 1
            continue
        starts_np = (
            t.pos_ in {"DET", "PROPN"}
            or low in TITLES
            or (t.ent_iob_ == "B" and t.ent_type_ in {"PER", "ORG"})
            or (t.pos_ == "NOUN" and state == "free")
        )
        if state == "pp_noun" and not (t.ent_iob_ == "B" or t.pos_ == "DET" or low in TITLES):
            j += 1
            continue
        if starts_np:
            np = noun_phrase(doc, j, limit)
            # « a reconnu l'importance de cette lutte »: an object, not an inverted subject.
            return np if can_speak(np) else None
        return None
    return None


def noun_phrase(doc: Doc, start: int, limit: int) -> Span:
    """The noun phrase starting at ``start``: determiners, titles, nouns, names, adjectives and
    their « de » complements, up to a comma, a verb or a relative pronoun."""
    j = start
    if doc[start].lower_ in TITLES and start + 1 < limit and doc[start + 1].ent_iob_ == "B":
        j = start + 1
    if doc[j].ent_type_ == "PER" and doc[j].ent_iob_ == "B":
        j += 1
        while j < limit and doc[j].ent_iob_ == "I":
            j += 1
        return doc[start:j]
    j = start
    seen_name = False
    while j < limit and j - start < 14:
        t = doc[j]
        if seen_name and t.pos_ == "DET":
            break  # « Joechen Zaumseil le vice-président … »: an apposition without comma
        seen_name = seen_name or t.pos_ == "PROPN"

        stops = t.lower_ in _STOP_NP or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "PRON"}
        if stops and not (t.pos_ == "PRON" and j == start):
            break
        if t.is_punct and t.text not in {"-", "'", "’", "(", ")"} and t.lower_ not in TITLES:
            break
        if t.pos_ == "ADP" and t.lower_ not in {"de", "d'", "d’", "du", "des"}:
            break
        j += 1
    # A dangling « de » or determiner is not part of the phrase.
    while j > start + 1 and doc[j - 1].pos_ in {"ADP", "DET"}:
        j -= 1
    if j == start:
        j = start + 1
    return doc[start:j]


def subject_of(verb: Token) -> Span | None:
    """The subject of ``verb`` as a noun phrase (or pronoun), from the parse.

    A coordinated verb takes its first conjunct's subject (« se sont entretenus … et ont
    promis que »). Expletive « il » of impersonal verbs is no speaker.
    """
    doc = verb.doc
    seen = 0
    v = verb
    while v is not None and seen < 3:
        for child in v.children:
            if child.dep_ in {"nsubj", "nsubj:pass", "expl:subj"} and child.i < verb.i + 3:
                if child.lower_ in _INVERTED_CLITICS or child.lower_ == "-t":
                    continue
                return mention_around(doc, child)
        if v.dep_ in {"conj", "xcomp"} and v.head.i < v.i:
            v = v.head
            seen += 1
            continue
        break
    return None


def mention_around(doc: Doc, head: Token) -> Span:
    """The noun phrase headed by ``head``: its left dependents and tight right ones, cut at the
    first comma, conjunction or relative clause."""
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    start = head.left_edge.i
    # Never reach back over a comma or a preposition that is not part of the phrase.
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].is_punct and doc[k].text not in {"-", "'", "’"}:
            start = k + 1
            break
    end = head.i + 1
    limit = head.right_edge.i + 1
    while end < limit:
        t = doc[end]
        if t.is_punct and t.text not in {"-", "'", "’", "(", ")"}:
            break
        # « Le chef étoilé Luc Varenne »: a participle used as an adjective stays in.
        adjectival = t.pos_ == "VERB" and t.dep_ == "amod"
        if t.lower_ in _STOP_NP or (t.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"} and not adjectival):
            break
        end += 1
    return doc[start:end]


def que_after(doc: Doc, verb: int, limit: int) -> int | None:
    """Index of the « que » that opens the verb's complement clause, if it follows closely.

    Between the verb and « que » may stand adverbs, an indirect object pronoun, a short
    prepositional phrase (« a déclaré à la presse que ») or an inverted clitic.
    """
    j = verb + 1
    steps = 0
    while j < limit and steps < 7:
        t = doc[j]
        if t.lower_ in _QUE:
            return None if _conjunction(doc, j) else j
        # « qu'« il est temps » » is tokenised « qu » + « ' » before the mark.
        if t.lower_ == "qu" and j + 1 < limit and doc[j + 1].text in {"'", "’"}:
            return j + 1
        if t.text in {".", "!", "?", ";", "«", "»", '"'}:
            return None
        # A verb ends the search, unless it is part of the cue (« faisant observer que »), the
        # participle of « se dire / se montrer convaincu que », or a gerund standing between
        # the cue and its clause (« a déclaré en quittant la salle que »).
        right_after = j == verb + 1
        gerund = t.lower_.endswith("ant") and doc[j - 1].lower_ == "en"
        if (
            t.pos_ == "VERB"
            and not gerund
            and not (
                right_after
                and ("Inf" in t.morph.get("VerbForm") or "Part" in t.morph.get("VerbForm"))
            )
        ):
            return None
        j += 1
        steps += 1
    return None


def _conjunction(doc: Doc, que: int) -> bool:
    """Whether the « que » at ``que`` ends a conjunction (« avant que », « sans que »,
    « jusqu'à ce que »; ``data/conjunction_heads.txt``): it joins clauses, reports nothing."""
    before = doc[que - 1].lower_ if que > 0 else ""
    if before == "ce":
        return que >= 3 and doc[que - 2].lower_ == "à" and doc[que - 3].lower_.startswith("jusqu")
    return before in data_words("conjunction_heads.txt")


def clause_end(doc: Doc, start: int, limit: int, lexicon: CueLexicon) -> int:
    """Where reported content that starts at ``start`` ends: the end of the sentence, or just
    before a comma that opens a new reporting cue (« , ajoutant que », « , a-t-il dit »).

    Every token scanned remembers the end it leads to (per ``limit``), so the many clauses of
    one long sentence are read once, not once each."""
    memo = doc.user_data.setdefault(CLAUSE_ENDS, {}).setdefault((limit, id(lexicon)), {})
    scanned = []
    j = start
    end = limit
    while j < limit:
        known = memo.get(j)
        if known is not None:
            end = known
            break
        scanned.append(j)
        if _ends_clause(doc, j, limit, lexicon):
            end = j
            break
        j += 1
    for k in scanned:
        memo[k] = end
    return end


#: Key of :func:`clause_end`'s memo in ``Doc.user_data`` (dropped by ``doccache.forget``).
CLAUSE_ENDS = "quoteattr.clause_ends"


def _ends_clause(doc: Doc, j: int, limit: int, lexicon: CueLexicon) -> bool:
    """Whether reported content stops at token ``j`` (see :func:`clause_end`)."""
    t = doc[j]
    if t.text == ";":
        return True
    if t.text == "," and j + 1 < limit:
        nxt = doc[j + 1]
        if participial_cue(nxt, lexicon) and que_after(doc, nxt.i, limit) is not None:
            return True
        if incise_at(doc, j + 1, limit, lexicon) is not None:
            return True
        # « …, selon son avocat. » names who reports the content; it is not part of it.
        if nxt.lower_ in {"selon", "d'après", "d’après"} or (
            nxt.lower_ in {"d'", "d’"} and j + 2 < limit and doc[j + 2].lower_ == "après"
        ):
            return True
    return False


def participial_cue(token: Token, lexicon: CueLexicon) -> CueEntry | None:
    """A present-participle cue (« ajoutant », « soulignant », « faisant observer »)."""
    if not token.lower_.endswith("ant"):
        return None
    return lexicon.match(token)


# Connectors that stand between a subject and its verb (« M. Patrouchev a quant à lui déclaré »).
_CONNECTORS = tuple(
    tuple(line.split())
    for line in data_text("connectors.txt").splitlines()
    if line and not line.startswith("#")
)
_CONNECTOR_ENDS = frozenset(words[-1] for words in _CONNECTORS)
_SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles", "on"}


def _skip_connectors_back(doc: Doc, j: int, floor: int) -> int:
    """Index just before any connectors (and their commas) that end at token ``j``."""
    moved = True
    while moved and j >= floor:
        moved = False
        if doc[j].text == ",":
            j -= 1
            moved = True
            continue
        k = _connector_before(doc, j)
        if k is not None and k >= floor:
            j = k - 1
            moved = True
        if not moved and (
            doc[j].pos_ in {"ADV", "AUX"} or doc[j].lower_ in {"ne", "n'", "n’", "se", "s'", "s’"}
        ):
            j -= 1
            moved = True
    return j


def subject_before(doc: Doc, vstart: int, floor: int) -> Span | None:
    """The subject noun phrase that ends just before the verb group at ``vstart``, read from
    the surface: « le ministre des finances, Pierre Moscovici, a pour sa part ajouté »."""
    j = _skip_connectors_back(doc, vstart - 1, floor)
    if j < floor:
        return None
    # « Joji Otaki, auteur de l'étude ayant fourni ces résultats, précise » : skip the
    # apposition between two commas back to the name it describes.
    # « Le maire, cité par Ouest-France, estime » too: an incidental phrase in lower case
    # between two commas is not the subject.
    if vstart - 1 >= floor and doc[vstart - 1].text == ",":
        k = vstart - 2
        while k > floor and doc[k].text not in {",", ";", ".", ":"} and vstart - k < 18:
            k -= 1
        if k > floor and doc[k].text == ",":
            segment = doc[k + 1 : vstart - 1]
            if (
                segment
                and segment[0].is_lower
                and not any(
                    t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in segment
                )
            ):
                j = k - 1
    if doc[j].lower_ == "s" and j > floor and doc[j - 1].text.endswith(("'", "’")):
        found = subject_before(doc, j, floor)  # « Moody's » tokenised « Moody' » + « s »
        return doc[found.start : j + 1] if found is not None else None
    t = doc[j]
    if t.lower_ in _SUBJECT_PRONOUNS:
        return doc[j : j + 1]
    if t.ent_type_ in {"PER", "ORG"} or t.pos_ in {"PROPN", "NOUN"}:
        k = j
        if t.ent_type_ in {"PER", "ORG"}:
            while k - 1 >= floor and doc[k - 1].ent_type_ == t.ent_type_ and doc[k].ent_iob_ == "I":
                k -= 1
            if k - 1 >= floor and doc[k - 1].lower_ in TITLES:
                k -= 1
            return doc[k : j + 1]
        # Walk back over the noun phrase to its determiner (« le président chinois »).
        while (
            k - 1 >= floor
            and doc[k - 1].pos_ in {"NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP"}
            and doc[k - 1].text not in {",", ";"}
        ):
            if doc[k - 1].pos_ == "ADP" and doc[k - 1].lower_ not in {
                "de",
                "d'",
                "d’",
                "du",
                "des",
            }:
                break
            k -= 1
            if doc[k].pos_ == "DET" and (k == floor or doc[k - 1].pos_ not in {"ADP"}):
                break
        while k < j and doc[k].pos_ == "ADP":
            k += 1
        return doc[k : j + 1]
    return None


def speaker_of(doc: Doc, verb: Token, floor: int, limit: int, lexicon: CueLexicon) -> Span | None:
    """Who utters the cue ``verb``: an inverted subject when the verb stands in an incise, else
    its subject from the parse, checked against the surface, else the surface subject. A
    relative « qui » stands for the noun phrase before it (« la Commission, qui regrette »)."""
    found = _speaker_of(doc, verb, floor, limit, lexicon)
    if found is not None and len(found) == 1 and found[0].lower_ == "qui":
        k = found.start
        if k > floor and doc[k - 1].text == ",":
            k -= 1
        return subject_before(doc, k, floor) if k > floor else None
    return found


def _content_before(doc: Doc, floor: int, end: int) -> bool:
    """Whether what precedes a comma can be reported content (a clause or a quotation), as
    before an incise — not a subject in apposition (« Le ministre, Patrice Vergriete, a
    appelé … », where the verb has its subject before it)."""
    toks = doc[floor:end]
    return any(t.text in {"»", '"', "”"} for t in toks[-1:]) or any(
        t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in toks
    )


def _speaker_of(doc: Doc, verb: Token, floor: int, limit: int, lexicon: CueLexicon) -> Span | None:
    co = coordinated_with(doc, verb, floor, lexicon)
    if co is not None:
        # « Le maire a assuré que P et a promis de Q »: the second verb has no subject of its
        # own, it shares the first one's (the parse often hangs it on a verb of P).
        return speaker_of(doc, co.main, floor, co.link, lexicon)
    vstart = verb_group_start(doc, verb.i)
    if (
        vstart > floor
        and doc[vstart - 1].text in {",", "»", '"', "”"}
        and _content_before(doc, floor, vstart - 1)
    ):
        inc = incise_at(doc, vstart, limit, lexicon)
        if inc is not None and inc.cue.i == verb.i:
            return inc.mention
    parsed = subject_of(verb)
    if (
        parsed is not None
        and parsed.start >= floor
        and not any(t.text in {",", ";"} for t in doc[parsed.end : vstart])
    ):
        return parsed
    surface = subject_before(doc, vstart, floor)
    if (
        surface is not None
        and parsed is not None
        and floor <= parsed.start < surface.start
        and parsed.end == surface.end
        and [t.text for t in doc[parsed.end : vstart]] == [","]
    ):
        # « La porte-parole de l'association Les Amis du Rail, se félicite »: a comma the
        # writer put between subject and verb; the surface walk stopped at the inner name.
        return parsed
    if surface is not None:
        return surface
    if parsed is not None and parsed.start >= floor:
        return parsed
    inc = incise_at(doc, vstart, limit, lexicon)
    return inc.mention if inc is not None and inc.cue.i == verb.i else None


def organisation_nouns() -> frozenset[str]:
    """Head nouns of organisations (« la compagnie », « le gouvernement »), which speak too."""
    return data_words("organisation_nouns.txt")


def speaker_nouns() -> frozenset[str]:
    """Nouns that name people or bodies that speak (ministre, porte-parole, syndicat…)."""
    return data_words("speaker_nouns.txt")


@cache
def _speaking_nouns() -> frozenset[str]:
    return speaker_nouns() | organisation_nouns()


def _unprefixed(word: str) -> str:
    """``word`` in lower case without a prefix of former office (« ex-président »)."""
    low = word.lower()
    return low[3:] if low.startswith("ex-") else low


def can_speak(np: Span) -> bool:
    """Whether a noun phrase can be a source: a person or organisation name, a titled name, a
    noun for people or bodies that speak (``data/speaker_nouns.txt``), or a pronoun."""
    if any(t.ent_type_ in {"PER", "ORG"} for t in np):
        return True
    if np[0].lower_ in TITLES:
        return True
    # Any noun before a complement (« un jeune manifestant », not « la note de l'agence »).
    heads = []
    for t in np:
        if t.pos_ == "ADP":
            break
        if t.pos_ in {"NOUN", "PROPN", "ADJ"}:
            heads.append(t)
    nouns = _speaking_nouns()
    # « l'ex-président » and « l'ancien président » speak as the president does.
    if any(_unprefixed(t.lemma_) in nouns or _unprefixed(t.text) in nouns for t in heads):
        return True
    if any(t.pos_ == "PROPN" for t in heads):
        return True
    return len(np) == 1 and np[0].lower_ in {"lui", "elle", "eux", "elles"}
