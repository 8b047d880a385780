"""Who is who in one article: the people and organisations it names, with their canonical
name, gender, role and every place they are mentioned.

« Wang Yi, membre du Bureau politique… » then « M. Wang » are one source, « Wang Yi », with
the role « membre du Bureau politique… »; « Le président chinois Xi Jinping » … « M. Xi » …
« le président chinois » are one source, « Xi Jinping ». Built once per doc from the named
entities and a few surface patterns; no re-parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex
from spacy.tokens import Doc, Span, Token

from ..data import words as data_words
from ..detect.clauses import (
    TEMPORAL,
    TITLE_GENDER,
    TITLE_ROLE,
    TITLES,
    organisation_nouns,
    speaker_nouns,
)
from ..detect.doccache import ents_of, text_of
from .firstnames import is_first_name

_FEMININE_TITLES = {t for t, g in TITLE_GENDER.items() if g == "f"}
_MASCULINE_TITLES = {t for t, g in TITLE_GENDER.items() if g == "m"}
_ARTICLES = {
    "le",
    "la",
    "les",
    "l'",
    "l’",
    "un",
    "une",
    "des",
    "du",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "ce",
    "cet",
    "cette",
    "ces",
}


@dataclass
class Person:
    """One source of the article (a person or an organisation)."""

    name: str
    kind: str = "person"
    gender: str | None = None
    role: str | None = None
    words: frozenset[str] = frozenset()
    # Character offsets where the article names this source, and whether as a subject.
    mentions: list[tuple[int, int, bool]] = field(default_factory=list)


class Cast:
    """The sources of one article, found from its named entities.

    >>> import spacy
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self.by_role: dict[str, Person] = {}
        # Genders learnt while resolving pronouns, by canonical name.
        self.genders: dict[str, str] = {}
        self._collect()
        # Subjects the article describes without naming them (« Le Premier ministre a
        # défendu sa réforme »): what a later « il » may stand for.
        self.described: list[Span] = _described_subjects(doc)
        # Plural subjects that can speak (« Les grévistes ont bloqué … », « D'autres élus
        # ne cèdent pas … »): what a later « ils », « eux » may stand for.
        self.groups: list[Span] = _plural_subjects(doc)

    # -- building -------------------------------------------------------------------------

    def _collect(self) -> None:
        doc = self.doc
        ents = [_with_adjectives(e) for e in ents_of(doc) if e.label_ in {"PER", "ORG"}]
        # Full names first, so that « M. Wang » finds « Wang Yi » wherever it stands.
        for ent in sorted(ents, key=lambda e: -len(_name_words(e))):
            words = _name_words(ent)
            if not words:
                continue
            person = self._find(words, ent.label_)
            if person is None:
                person = Person(
                    name=_clean_name(ent),
                    kind="person" if ent.label_ == "PER" else "organisation",
                    words=frozenset(w.lower() for w in words),
                )
                self.people.append(person)
            person.mentions.append((ent.start_char, ent.end_char, _is_subject(ent)))
            gender = _title_gender(doc, ent)
            if gender and person.gender is None:
                person.gender = gender
            role = _role_of(doc, ent)
            if role and person.role is None:
                person.role = role
            if role:
                self.by_role.setdefault(_role_key(role), person)
            for key in _descriptions_before(doc, ent):
                self.by_role.setdefault(key, person)
        self._complete_surnames()
        self._expand_acronyms()
        self._unlabelled_mentions()
        for p in self.people:
            p.mentions.sort()

    def _unlabelled_mentions(self) -> None:
        """« Canal 9 » labelled once, then read « de Canal » + « 9 » elsewhere: every
        other place the article writes an organisation's name in full is a mention too."""
        doc, text = self.doc, text_of(self.doc)
        for org in self.people:
            if org.kind != "organisation" or len(org.name) < 3:
                continue
            known = {a for a, _, _ in org.mentions}
            pattern = regex.compile(r"(?<![\w-])" + regex.escape(org.name) + r"(?![\w-])")
            for m in pattern.finditer(text):
                if m.start() in known:
                    continue
                span = doc.char_span(m.start(), m.end())
                if span is not None:
                    org.mentions.append((m.start(), m.end(), _is_subject(span)))

    def _find(self, words: list[str], label: str) -> Person | None:
        low = {w.lower() for w in words}
        best = None
        for p in self.people:
            same_kind = (label == "PER") == (p.kind == "person")
            if (
                same_kind
                and _covers(low, p.words)
                and (best is None or len(p.words) > len(best.words))
            ):
                best = p
        return best

    # -- lookups ---------------------------------------------------------------------------

    def by_name(self, mention: Span, at: int) -> Person | None:
        """The source a naming mention (« M. Wang », « Wang Yi », « Moody's ») refers to."""
        words = {w.lower() for w in _name_words(mention)}
        if not words:
            return None
        candidates = [p for p in self.people if _covers(words, p.words)]
        if not candidates:
            return None

        # Ambiguous surname: the source mentioned most recently before ``at``.
        def last_before(p: Person) -> int:
            before = [a for a, _, _ in p.mentions if a <= at]
            return max(before) if before else -1

        return max(candidates, key=lambda p: (last_before(p), len(p.words)))

    def _expand_acronyms(self) -> None:
        """« le PP » after « le Parti populaire espagnol »: an organisation named by capitals
        that spell the initials of another organisation's name takes that name."""
        for short in self.people:
            letters = short.name.replace(".", "")
            if short.kind != "organisation" or not (2 <= len(letters) <= 6 and letters.isupper()):
                continue
            for full in self.people:
                if full is short or full.kind != "organisation":
                    continue
                initials = "".join(w[0] for w in full.name.split() if w[:1].isalpha()).upper()
                capitals = "".join(w[0] for w in full.name.split() if w[:1].isupper())
                # « Bureau d'enquêtes et d'analyses » → BEA: elisions and small words apart.
                content = "".join(w[0] for w in _content_words(full.name)).upper()
                if (
                    letters in {initials, capitals, content}
                    or initials.startswith(letters)
                    or self._in_brackets(short, full)
                ):
                    short.name = full.name
                    short.words = short.words | full.words
                    break

    def _in_brackets(self, short: Person, full: Person) -> bool:
        """« le Centre national d'études spatiales (CNES) »: an acronym in brackets right
        after the name it abbreviates."""
        text = text_of(self.doc)
        for _, end, _ in full.mentions:
            for a, _, _ in short.mentions:
                if 0 < a - end <= 2 and text[end:a].strip() == "(":
                    return True
        return False

    def _complete_surnames(self) -> None:
        """« M. Castel » when the article wrote « Le ministre des Sports Pierre-Yves Castel »
        and the recogniser folded that name into the title: a capitalised first name right
        before the surname elsewhere in the text completes the name."""
        doc = self.doc
        forms: list[str] | None = None  # the tokens' texts, read once for all the people
        for person in self.people:
            surname = person.name.split()
            if person.kind != "person" or not _surname_only(surname):
                continue
            if forms is None:
                forms = [t.text for t in doc]
            n = len(surname)
            for i in range(1, len(doc) - n + 1):
                if forms[i : i + n] == surname and _first_name(first := doc[i - 1]):
                    person.name = f"{first.text} {person.name}"
                    person.words = person.words | {first.lower_}
                    break

    def by_description(self, mention: Span) -> Person | None:
        """The source a description (« le président chinois ») stands for, if the article
        links them (« Le président chinois Xi Jinping », « Xi Jinping, président chinois »)."""
        key = _role_key(mention.text)
        if not key:
            return None
        if key in self.by_role:
            return self.by_role[key]
        # « le président de la République » for « le président François Hollande ».
        same = [self.by_role[k] for k in _equivalents(key) if k in self.by_role]
        if same and all(p is same[0] for p in same):
            return same[0]
        # « le secrétaire général de la CFDT » for « Laurent Berger, secrétaire général de la
        # CFDT »: a description that the article's role for one person starts with.
        fits = [p for p in self.people if p.role and _role_key(p.role).startswith(key)]
        if len(fits) == 1 and len(key.split()) >= 2:
            return fits[0]
        # « la chorégraphe » after « la chorégraphe nantaise Inès Morel », « le scientifique »
        # after « le géologue vaudois Michel Favre »: a definite article and the head noun of
        # the one person's roles, or a noun of its family (``data/role_families.txt``), in
        # the same gender.
        words = [t for t in mention if not t.is_punct]
        family = role_family(key)
        fits = [
            p
            for p in self.people
            if key in self.role_heads(p) or (p.kind == "person" and self.role_heads(p) & family)
        ]
        if (
            len(words) == 2
            and words[0].lower_ in {"le", "la", "l'", "l’"}
            and words[1].pos_ == "NOUN"
            and len(fits) == 1
            and fits[0].gender in {None, det_gender(words[0]) or fits[0].gender}
        ):
            return fits[0]
        return None

    def role_heads(self, person: Person) -> set[str]:
        """The head nouns of every role the article gave ``person`` (« géologue » for
        « le géologue vaudois Michel Favre »)."""
        keys = [k for k, p in self.by_role.items() if p is person]
        if person.role:
            keys.append(_role_key(person.role))
        # « Me Claire Vasseur » is an avocat, « le Dr Roux » a médecin.
        for a, _, _ in person.mentions:
            span = self.doc.char_span(a, a + 1, alignment_mode="expand")
            if span is not None:
                for t in self.doc[max(0, span.start - 1) : span.start + 1]:
                    if t.lower_ in TITLE_ROLE:
                        keys.append(TITLE_ROLE[t.lower_])
        return {k.split()[0] for k in keys if k}


@cache
def _families() -> dict[str, frozenset[str]]:
    families: dict[str, frozenset[str]] = {}
    for line in data_words("role_families.txt"):
        nouns = frozenset(w.strip() for w in line.split("|") if w.strip())
        for w in nouns:
            families[w] = families.get(w, frozenset()) | nouns
    return families


def role_family(noun: str) -> frozenset[str]:
    """``noun`` and the role nouns the press uses in turn with it (« chercheur »,
    « scientifique », « astronome »).

    >>> "astronome" in role_family("chercheur")
    True
    >>> role_family("procureur") & role_family("juge")
    frozenset()
    """
    return _families().get(noun, frozenset()) | {noun}


# Small words an acronym leaves out (« Bureau d'enquêtes et d'analyses » → BEA).
_FUNCTION_WORDS = {
    "de",
    "du",
    "des",
    "et",
    "la",
    "le",
    "les",
    "l",
    "d",
    "à",
    "au",
    "aux",
    "en",
    "pour",
    "sur",
}


def _content_words(name: str) -> list[str]:
    words = []
    for w in name.replace("’", "'").replace("-", " ").split():
        w = w.split("'")[-1]
        if w and w.lower() not in _FUNCTION_WORDS and w[:1].isalpha():
            words.append(w)
    return words


def _covers(words: set[str], names: frozenset[str]) -> bool:
    """Whether a mention's words all belong to a source's name, an initial standing for a
    first name (« V. Dupuis » for « Valérie Dupuis », « J.-P. Rochat » for « Jean-Pierre
    Rochat »), and at least one word written out in full.

    >>> _covers({"v.", "dupuis"}, frozenset({"valérie", "dupuis"}))
    True
    >>> _covers({"v.", "dupuis"}, frozenset({"marc", "dupuis"}))
    False
    """
    if words <= names:
        return True
    initials = {w for w in words if _initial(w)}
    if not initials or not (words - initials) or not (words - initials) <= names:
        return False
    spelled = {"-".join(part[:1] for part in n.split("-")) for n in names - words}
    return all(w.replace(".", "") in spelled for w in initials)


def _initial(word: str) -> bool:
    """« v. », « j.-p. »: one letter and a dot, hyphenated for a compound first name."""
    return all(len(part) == 2 and part[0].isalpha() and part[1] == "." for part in word.split("-"))


def _surname_only(words: list[str]) -> bool:
    """« Castel », « Le Pen », « de Villepin »: one name word, after particles."""
    return len(words) == 1 or (
        len(words) == 2 and words[0].lower() in _PARTICLES and words[1][:1].isupper()
    )


def _first_name(t: Token) -> bool:
    """A capitalised word right before a surname that reads as its first name: a proper noun,
    or a capitalised noun opening the sentence (« Marine Le Pen a … », tagged NOUN)."""
    if not t.text[:1].isupper() or t.lower_ in TITLES or t.ent_type_ == "LOC":
        return False
    if t.pos_ == "PROPN":
        return True
    return (
        t.pos_ == "NOUN"
        and t.is_sent_start
        and t.lower_ not in _ARTICLES
        and t.lemma_.lower() not in speaker_nouns()
    )


_DEFINITE = {"le", "la", "les", "l'", "l’"}


def _described_subjects(doc: Doc) -> list[Span]:
    """Definite descriptions headed by a speaking noun that are the subject of their clause
    and hold no name: « Le Premier ministre », « la porte-parole de la fédération »."""
    nouns = speaker_nouns() | organisation_nouns()
    out = []
    for t in doc:
        if not t.dep_.startswith("nsubj") or t.pos_ != "NOUN" or t.lemma_.lower() not in nouns:
            continue
        start = t.i
        while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].head == t:
            start -= 1
        if start == 0 or doc[start - 1].lower_ not in _DEFINITE:
            continue
        start -= 1
        end = t.i + 1
        subtree = {w.i for w in t.subtree}
        while (
            end < len(doc)
            and end in subtree
            and end - t.i < 8
            and not doc[end].is_punct
            and doc[end].pos_ not in {"VERB", "AUX", "PRON", "SCONJ"}
        ):
            end += 1
        span = doc[start:end]
        if any(w.ent_type_ == "PER" for w in span):
            continue  # « le ministre Jean Dupont » is in the cast by name
        out.append(span)
    return out


def _plural_subjects(doc: Doc) -> list[Span]:
    """Plural subjects that can speak, with their determiner and adjectives: a noun of people
    or bodies (« d'autres élus », « les syndicats ») or a capitalised one (« les
    Verts », « les Bleus »); not « les prix »."""
    nouns = speaker_nouns() | organisation_nouns()
    out = []
    for t in doc:
        if (
            not t.dep_.startswith("nsubj")
            or t.dep_ == "nsubj:pass"
            or t.pos_ not in {"NOUN", "PROPN"}
            or "Plur" not in t.morph.get("Number")
        ):
            continue
        start = t.i
        while start > 0 and doc[start - 1].pos_ in {"ADJ", "DET"} and doc[start - 1].head == t:
            start -= 1
        if start == t.i or doc[start].pos_ != "DET":
            continue  # « Des » or « Les » must open it: a bare plural is no one in particular
        capitalised = t.text[:1].isupper() and t.i > start
        if not capitalised and t.lemma_.lower() not in nouns and t.lower_ not in nouns:
            continue
        out.append(doc[start : t.i + 1])
    return out


def _with_adjectives(ent: Span) -> Span:
    """An organisation's name with the adjectives that belong to it (« la Commission
    européenne », « le Parti socialiste ») when the recogniser stopped before them."""
    if ent.label_ != "ORG":
        return ent
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < 2 and doc[end].pos_ == "ADJ" and doc[end].is_lower:
        end += 1
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label=ent.label_)


def _name_words(span: Span) -> list[str]:
    words = []
    start, end = _name_range(span)
    doc = span.doc
    for t in doc[start:end]:
        if t.lower_ in TITLES or t.is_punct:
            continue
        if t.lower_ in _ARTICLES and not _name_particle(t, end):
            continue
        nominal = t.pos_ in {"PROPN", "NOUN", "X", "ADJ"} or t.ent_type_ in {"PER", "ORG"}
        # A lower-case common noun the recogniser folded into a name (« président de la
        # République » labelled PER) is a role, not a name word.
        proper = t.text[:1].isupper() or (t.ent_type_ and t.pos_ in {"PROPN", "X"})
        if (nominal or _name_particle(t, end)) and proper:
            words.append(t.text.rstrip("'’"))
    return words


def _name_particle(t: Token, end: int) -> bool:
    """A capitalised article or particle that is part of a surname (« Le Pen », « La
    Fontaine », « De Gaulle »): right before a capitalised proper noun that ends the name."""
    doc = t.doc
    return (
        t.text[:1].isupper()
        and t.lower_ in _PARTICLES
        and t.i + 2 == end
        and doc[t.i + 1].pos_ == "PROPN"
        and doc[t.i + 1].text[:1].isupper()
    )


def _title_article(t: Token, end: int) -> bool:
    """« Le Monde », « Les Échos », « La Presse »: an article written with a capital inside a
    sentence, before the one capitalised word of a title, is part of it."""
    doc = t.doc
    return (
        t.text[:1].isupper()
        and t.i > 0
        and not doc[t.i - 1].is_punct
        and t.i + 2 == end
        and doc[t.i + 1].text[:1].isupper()
    )


# Lower-case particles that belong inside names (« Charles de Gaulle », « Vincent van Gogh »).
_PARTICLES = {
    "de",
    "du",
    "des",
    "d'",
    "d’",
    "van",
    "von",
    "da",
    "di",
    "del",
    "della",
    "bin",
    "ben",
    "el",
    "al",
    "la",
    "le",
    "ibn",
    "y",
}


def _clean_name(ent: Span) -> str:
    """The entity's words as a name: no title or article before it, and nothing after a
    lower-case word that is no particle (« Joechen Zaumseil le vice-président » → the name)."""
    start, end = _name_range(ent)
    return ent.doc[start:end].text if end > start else ent.text


def _name_range(ent: Span) -> tuple[int, int]:
    """Token range of :func:`_clean_name`."""
    toks = list(ent)
    end = ent.end
    while toks and (
        toks[0].is_punct
        or toks[0].lower_ in TITLES
        or (
            toks[0].lower_ in _ARTICLES
            and not (ent.label_ == "PER" and _name_particle(toks[0], end))
            and not (ent.label_ == "ORG" and _title_article(toks[0], end))
        )
    ):
        toks = toks[1:]
    # « le directeur du site de Villefranche Marc Girod »: after a description's « de », the
    # first of three capitalised words is the complement (a place, a firm), not the name —
    # when it is no first name and a first name follows it (« le fils de Jean Pierre Martin »
    # keeps the whole name).
    doc = ent.doc
    if (
        ent.label_ == "PER"
        and len(toks) >= 3
        and toks[0].i == ent.start
        and ent.start >= 2
        and doc[ent.start - 1].lower_ in {"de", "du", "d'", "d’", "des"}
        and doc[ent.start - 2].pos_ == "NOUN"
        and doc[ent.start - 2].is_lower
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and "-" not in t.text for t in toks)
        and toks[0].lower_ not in _PARTICLES
        and not is_first_name(toks[0].text)
        and is_first_name(toks[1].text)
    ):
        toks = toks[1:]
    organisation = ent.label_ == "ORG"
    # « agence Fitch », « groupe Renault »: a common noun before the name describes it; not
    # before a complement (« ministère de l'Intérieur » is the name).
    while (
        organisation
        and len(toks) > 1
        and toks[0].is_lower
        and toks[0].pos_ == "NOUN"
        and toks[1].text[:1].isupper()
    ):
        toks = toks[1:]
    for k, t in enumerate(toks):
        if k and t.lower_ in TEMPORAL:
            toks = toks[:k]  # « l'Office jeudi »: the day is no part of the name
            break
        if organisation and t.pos_ in {"ADJ", "ADP", "DET", "NOUN"}:
            continue  # « Commission suisse d'observation des glaciers » is one name
        if organisation and t.lower_ == "et" and k + 1 < len(toks) and toks[k + 1].pos_ == "ADP":
            continue  # « Bureau d'enquêtes et d'analyses »: a second complement, not a second name
        if (
            k
            and t.text[:1].islower()
            and not (t.lower_ in _PARTICLES and _before_capital(toks, k + 1))
        ):
            toks = toks[:k]
            break
    if not toks:
        return ent.start, ent.start
    end = toks[-1].i + 1
    # « Moody's » tokenised as « Moody' » + « s ».
    if toks[-1].text.endswith(("'", "’")) and end < len(doc) and doc[end].lower_ == "s":
        end += 1
    return toks[0].i, end


def _before_capital(toks: list[Token], k: int) -> bool:
    """Whether a capitalised word starts at ``toks[k]``, past a hyphen (« al-Rahman »)."""
    if k < len(toks) and toks[k].text == "-":
        k += 1
    return k < len(toks) and toks[k].text[:1].isupper()


def _is_subject(ent: Span) -> bool:
    """Whether the name is a subject, or in apposition to one (« La ministre, Mme X, a … »,
    « le capitaine Laurent Abergel regrettait … »), however the parser attached it."""
    if any(t.dep_ in {"nsubj", "nsubj:pass"} for t in ent) or ent.root.dep_.startswith("nsubj"):
        return True
    root = ent.root
    if (
        root.dep_ in {"appos", "flat:name", "nmod", "conj"}
        and root.head.dep_.startswith("nsubj")
        and root.head.i < ent.start
    ):
        return True
    # « Le ministre des Transports, Patrice Vergriete, a appelé … »: a verb right after.
    doc, k = ent.doc, ent.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    return (
        k < len(doc)
        and doc[k].pos_ in {"AUX", "VERB"}
        and ent.start > 0
        and (doc[ent.start - 1].text == "," or doc[ent.start - 1].pos_ == "NOUN")
    )


def _title_gender(doc: Doc, ent: Span) -> str | None:
    for t in (ent[0], doc[ent.start - 1] if ent.start else None):
        if t is None:
            continue
        if t.lower_ in _FEMININE_TITLES:
            return "f"
        if t.lower_ in _MASCULINE_TITLES:
            return "m"
    # « la directrice de la banque Anne Roy »: the article of the role, not of its complement.
    head = _role_head(doc, ent)
    if head is not None:
        return det_gender(doc[head - 1])
    # « la porte-parole Anne Dupont », « le ministre X »: the determiner of a role before it.
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4 and doc[i].pos_ in {"NOUN", "ADJ"}:
        i -= 1
    if i >= 0 and i < ent.start - 1:
        return det_gender(doc[i])
    return None


def det_gender(token: Token) -> str | None:
    """The gender a determiner marks (« la » → f, « le » → m), or None for any other word."""
    return morph_gender(token) if token.pos_ == "DET" else None


def morph_gender(token: Token) -> str | None:
    """The gender the tagger gave ``token`` (« armée » → f), or None."""
    gender = token.morph.get("Gender")
    return ("f" if gender[0] == "Fem" else "m") if gender else None


def _role_of(doc: Doc, ent: Span) -> str | None:
    """The role an apposition gives (« Wang Yi, membre du Bureau politique… ») or a title
    before the name (« le président chinois Xi Jinping »)."""
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        nxt = doc[ent.end + 1]
        if (
            nxt.pos_ == "NOUN"
            and nxt.text[:1].islower()
            or (nxt.pos_ == "DET" and ent.end + 2 < len(doc) and doc[ent.end + 2].pos_ == "NOUN")
        ):
            j = ent.end + 1
            while (
                j < len(doc)
                and doc[j].text not in {",", ".", ";", ":", "«", "»"}
                and (doc[j].pos_ not in {"VERB", "AUX"} or doc[j].dep_ in {"amod", "acl"})
            ):
                j += 1
            # « Interrogé par Le Parisien, le joueur a confié … »: a phrase that runs into a
            # verb is the next clause's subject, not an apposition.
            closed = j >= len(doc) or doc[j].text in {",", ".", ";", ":"}
            start = ent.end + 1
            while start < j and doc[start].pos_ == "DET":
                start += 1  # « l'avocat de la défense » → « avocat de la défense »
            if closed and start < j and j - start <= 30:
                return doc[start:j].text
    desc = _description_before(doc, ent)
    return desc


def _description_before(doc: Doc, ent: Span) -> str | None:
    """« Le président chinois » in « Le président chinois Xi Jinping » (without the article)."""
    # « L'expert en cybersécurité Jean Martin »: a speaking noun and its complement (not
    # « banque cantonale » in « le directeur de la banque cantonale Luc Perrin »).
    head = _role_head(doc, ent)
    if head is not None:
        return doc[head : ent.start].text
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in {"NOUN", "ADJ"} and _title_word(doc, i):
        i -= 1
    if i < ent.start - 1 and i >= 0 and doc[i].pos_ == "DET":
        return doc[i + 1 : ent.start].text
    # « Le conseiller d'Etat et ministre des Affaires étrangères de la Chine, Wang Yi, »
    if ent.start >= 2 and doc[ent.start - 1].text == ",":
        j = ent.start - 2
        while j >= 0 and doc[j].text not in {",", ".", ";", ":"} and ent.start - j < 20:
            j -= 1
        span = doc[j + 1 : ent.start - 1]
        # « La Première ministre, Élisabeth Borne, »: the title may open with an adjective.
        if (
            len(span) >= 2
            and span[0].pos_ == "DET"
            and any(t.pos_ == "NOUN" for t in span[1:3])
            and span[1].pos_ in {"NOUN", "ADJ", "PROPN"}
            and not any(t.pos_ in {"VERB", "AUX"} for t in span)
        ):
            return span[1:].text
    return None


def _title_word(doc: Doc, i: int) -> bool:
    """A word of a role before a name: lower case, or a capitalised adjective the press
    writes before a lower-case role noun (« le Premier ministre », « la Première ministre »)."""
    t = doc[i]
    if t.text[:1].islower():
        return True
    return (
        t.pos_ == "ADJ" and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and doc[i + 1].is_lower
    )


def _role_head(doc: Doc, ent: Span) -> int | None:
    """« L'expert en cybersécurité Jean Martin », « le directeur de la banque cantonale Luc
    Perrin »: the speaking noun whose complement runs up to the name, after its article."""
    nouns = speaker_nouns()
    if ent.start < 3 or doc[ent.start - 1].pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    for j in range(ent.start - 2, max(ent.start - 9, 0) - 1, -1):
        t = doc[j]
        if t.is_punct or t.pos_ in {"VERB", "AUX", "PRON", "CCONJ", "SCONJ"}:
            return None
        if (
            t.pos_ == "NOUN"
            and t.text[:1].islower()
            and t.lemma_.lower() in nouns
            and j > 0
            and doc[j - 1].pos_ == "DET"
            and doc[j + 1].pos_ == "ADP"
        ):
            return j
    return None


def _descriptions_before(doc: Doc, ent: Span) -> list[str]:
    desc = _description_before(doc, ent)
    if not desc:
        return []
    keys = [_role_key(desc)]
    words = desc.split()
    # « son homologue russe Vladimir Poutine » also answers to « le président russe »? No:
    # only the words the article wrote; the head noun alone is too vague to link.
    if len(words) >= 2:
        keys.append(_role_key(" ".join(words[:2])))
    return [k for k in keys if k]


@cache
def _office_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for line in data_words("office_equivalents.txt"):
        ways = frozenset(w.strip() for w in line.split("|") if w.strip())
        for w in ways:
            groups[w] = groups.get(w, frozenset()) | ways
    return groups


def _equivalents(key: str) -> frozenset[str]:
    """Other ways of naming the office ``key`` names (``data/office_equivalents.txt``); a
    bare « président » names nothing but itself."""
    ways = _office_groups().get(key, frozenset())
    return ways - {key} if len(key.split()) >= 2 else frozenset()


def _role_key(text: str) -> str:
    words = text.lower().replace("’", "'").split()
    while words and (words[0] in _ARTICLES or words[0].endswith("'") or words[0] == "même"):
        if words[0].endswith("'") and len(words[0]) > 2:
            break
        words = words[1:]  # « le même chercheur » is « le chercheur »
    if words and words[0].startswith(("l'", "d'")):
        words[0] = words[0][2:]
    return " ".join(words)
