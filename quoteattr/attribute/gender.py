"""A speaker's gender and the evidence for it, strongest first.

1. ``title`` — an honorific before the name (« Mme Dupont », « M. Wang »);
2. ``agreement`` — the article's own grammar: a gendered role noun or its determiner in
   apposition (« la porte-parole Anne Morel », « Paul Roy, directeur du port », « La Première
   ministre, Élisabeth Borne »), or a participle agreeing with the name as subject of « être »
   or in apposition (« Marie Colin s'est dite satisfaite », « Léa Roux, interrogée par… »);
3. ``pronoun`` — « il » / « elle » resolved to the person while attributing quotes;
4. ``firstname`` — only when the text says nothing: a first name that is overwhelmingly of
   one sex at birth (:mod:`.firstnames`).

Organisations and groups have no gender. The text always beats the name: « Mme Claude
Martin » is a woman whatever « Claude » suggests.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex
from spacy.tokens import Doc, Span, Token

from ..data import rows, text
from ..detect.clauses import TITLE_GENDER, organisation_nouns, speaker_nouns
from ..model import Speaker
from .firstnames import firstname_gender
from .identity import speaker_id
from .people import Cast, Person

Evidence = tuple[str | None, str | None]  # (gender, source)

_NONE: Evidence = (None, None)
_STOPS = {",", ".", ";", ":", "«", "»", "(", ")", "!", "?"}
# A past participle in the feminine singular ends in -e; its masculine never does (« dite » /
# « dit », « interrogée » / « interrogé », « ouverte » / « ouvert »).
_FEM_PARTICIPLE = regex.compile(r"(?:ée|ie|ue|te|se|ise|ite)$")
_MASC_PARTICIPLE = regex.compile(r"(?:é|i|u|t|s)$")


@cache
def _role_forms() -> dict[str, str]:
    """Role nouns whose form marks a gender (« directrice » → f), from role_genders.tsv."""
    forms: dict[str, str] = {}
    for r in rows(text("role_genders.tsv")):
        forms[r["masculine"]] = "m"
        forms[r["feminine"]] = "f"
    return forms


def _is_role(token: Token) -> bool:
    low = token.lower_
    return low in _role_forms() or low in speaker_nouns() or token.lemma_.lower() in speaker_nouns()


def person_gender(doc: Doc, cast: Cast, person: Person) -> Evidence:
    """The gender of one source of the article's cast and where it comes from."""
    if person.kind != "person":
        return _NONE
    found: dict[str, str] = {}
    for a, b, _ in person.mentions:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        for source, gender in (("title", _title(doc, span)), ("agreement", _agreement(span))):
            if gender is not None:
                found.setdefault(source, gender)
        if "title" in found:
            break
    if not found.get("agreement") and person.role:
        head = person.role.split()[0].lower() if person.role.split() else ""
        if head in _role_forms():
            found["agreement"] = _role_forms()[head]
    learnt = cast.genders.get(person.name)
    if learnt in {"f", "m"}:
        found["pronoun"] = learnt
    for source in ("title", "agreement", "pronoun"):
        if source in found:
            return found[source], source
    gender = firstname_gender(person.name)
    if gender is not None:
        return gender, "firstname"
    # people.py's guess from a determiner before a noun that is no role: weaker than a name.
    if person.gender in {"f", "m"}:
        return person.gender, "agreement"
    return _NONE


def _title(doc: Doc, span: Span) -> str | None:
    """« Mme » or « M. » opening the mention or right before it."""
    for t in (span[0], doc[span.start - 1] if span.start else None):
        if t is not None and TITLE_GENDER.get(t.lower_) in {"f", "m"}:
            return TITLE_GENDER[t.lower_]
    return None


def _agreement(span: Span) -> str | None:
    return _role_before(span) or _role_after(span) or _participle(span)


def _role_before(span: Span) -> str | None:
    """« la porte-parole Anne Morel », « le président de la fédération Paul Roy », « La
    Première ministre, Élisabeth Borne »: the nearest role noun phrase before the name."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    for j in range(i, max(-1, i - 10), -1):
        t = doc[j]
        if t.text in _STOPS or t.pos_ in {"VERB", "AUX", "PRON"}:
            return None
        if t.pos_ != "DET":
            continue
        k = j + 1
        while k <= i and (doc[k].pos_ == "ADJ" or doc[k].lower_ in {"première", "premier"}):
            k += 1
        if k > i or not _is_role(doc[k]):
            continue  # « de la fédération »: keep looking for the role it depends on
        form = _role_forms().get(doc[k].lower_)
        if form is not None:
            return form
        gender = t.morph.get("Gender") if t.lower_ not in {"l'", "l’"} else []
        return ("f" if gender[0] == "Fem" else "m") if gender else None
    return None


def _role_after(span: Span) -> str | None:
    """« Paul Roy, directeur du port », « Léa Roux, l'avocate de la famille »."""
    doc = span.doc
    k = span.end
    if k >= len(doc) or doc[k].text != ",":
        return None
    k += 1
    if k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if k < len(doc) and doc[k].text[:1].islower():
        return _role_forms().get(doc[k].lower_)
    return None


def _participle(span: Span) -> str | None:
    """A participle agreeing with the name: « Léa Roux, interrogée par… », « Marie Colin
    s'est dite satisfaite », « Paul Roy a été élu »."""
    doc = span.doc
    k = span.end
    if k + 1 < len(doc) and doc[k].text == "," and _participle_gender(doc[k + 1]):
        return _participle_gender(doc[k + 1])
    root = span.root
    if not root.dep_.startswith("nsubj"):
        return None
    head = root.head
    if not any(
        c.lemma_ == "être" and c.dep_ in {"aux:tense", "aux:pass", "cop"} for c in head.children
    ):
        return None
    # « Marie Colin s'est dite satisfaite »: the attribute of the participle agrees too.
    return _participle_gender(head)


def _participle_gender(token: Token) -> str | None:
    if token.pos_ not in {"VERB", "ADJ"} or "Plur" in token.morph.get("Number"):
        return None
    if token.pos_ == "VERB" and "Part" not in token.morph.get("VerbForm"):
        return None
    low = token.lower_
    if _FEM_PARTICIPLE.search(low) and "Masc" not in token.morph.get("Gender"):
        return "f"
    if _MASC_PARTICIPLE.search(low) and "Fem" not in token.morph.get("Gender"):
        return "m"
    return None


def with_gender(doc: Doc, cast: Cast, speakers: list[Speaker | None]) -> list[Speaker | None]:
    """``speakers`` with their gender, its evidence and their id filled in."""
    known: dict[int, Evidence] = {}
    found = [None if sp is None else _speaker_gender(doc, cast, sp, known) for sp in speakers]
    # One speaker, one gender in an article: the strongest evidence any of their quotes has
    # (« Hassan » at one quote, « a-t-il ajouté » at the next).
    best: dict[tuple[str, str], Evidence] = {}
    for sp, ev in zip(speakers, found, strict=True):
        if sp is None or ev is None or ev[1] is None:
            continue
        key = (sp.name, sp.kind)
        if key not in best or _RANK[ev[1]] < _RANK[best[key][1] or ""]:
            best[key] = ev
    out: list[Speaker | None] = []
    for sp in speakers:
        if sp is None:
            out.append(None)
            continue
        gender, source = best.get((sp.name, sp.kind), _NONE)
        out.append(
            replace(sp, gender=gender, gender_source=source, id=speaker_id(sp.name, sp.kind))  # type: ignore[arg-type]
        )
    return out


_RANK = {"title": 0, "agreement": 1, "pronoun": 2, "firstname": 3, "": 9}


def _speaker_gender(doc: Doc, cast: Cast, sp: Speaker, known: dict[int, Evidence]) -> Evidence:
    if sp.kind in {"organisation", "group"}:
        return _NONE
    person = next((p for p in cast.people if p.name == sp.name and p.kind == sp.kind), None)
    if person is not None:
        if id(person) not in known:
            known[id(person)] = person_gender(doc, cast, person)
        if known[id(person)] != _NONE:
            return known[id(person)]
    elif sp.kind == "unnamed" and sp.gender in {"f", "m"} and _describes_a_person(sp.name):
        return sp.gender, "agreement"  # « la ministre », « le porte-parole »: the determiner
    elif sp.kind == "person":
        gender = firstname_gender(sp.name)
        if gender is not None:
            return gender, "firstname"
    # A pronoun resolved to this speaker at this quote (« a-t-elle ajouté »).
    if sp.gender in {"f", "m"} and sp.mention.strip().lower().lstrip("-t").startswith(
        ("il", "elle")
    ):
        return sp.gender, "pronoun"
    return _NONE


def _describes_a_person(description: str) -> bool:
    """« le porte-parole du collectif », « un jeune manifestant »: a description headed by a
    noun for a person (not « le fisc », « la direction »), within its first three words."""
    words = description.lower().replace("’", "'").split()[:4]
    nouns = (speaker_nouns() - organisation_nouns()) | set(_role_forms())
    return any(w.split("'")[-1] in nouns for w in words[1:] or words)


def cast_people(doc: Doc, cast: Cast) -> list[dict[str, str | None]]:
    """The people and organisations the article names, each with its id and gender."""
    out = []
    for person in cast.people:
        gender, source = person_gender(doc, cast, person)
        out.append(
            {
                "id": speaker_id(person.name, person.kind),
                "name": person.name,
                "kind": person.kind,
                "gender": gender,
                "gender_source": source,
            }
        )
    return out
