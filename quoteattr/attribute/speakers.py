"""From the words detection saw (« M. Wang », « il », « le président chinois ») to a speaker
a reader can search for (« Wang Yi »), or to no speaker at all when the article does not say.

- names resolve to the fullest name the article gives for that source;
- descriptions resolve to the named source the article linked them to, or stay as written
  (kind unnamed, group or organisation);
- pronouns resolve to the most recent compatible source before them (gender from « il » /
  « elle » against M./Mme and role agreement; « ils » to a plural subject);
- a quotation standing alone takes the speaker of the cue just before or after it.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import regex
from spacy.tokens import Doc, Span

from ..data import words as data_words
from ..detect.clauses import TEMPORAL, organisation_nouns, speaker_nouns
from ..detect.doccache import ents_of, text_of
from ..detect.found import Found
from ..detect.rules import rule_named
from ..detect.sources import source_documents
from ..model import Speaker
from .firstnames import firstname_gender
from .gender import with_gender
from .people import _ARTICLES, Cast, Person, det_gender, morph_gender, role_family

_PRONOUNS = {
    "il": ("m", "sg"),
    "-il": ("m", "sg"),
    "-t-il": ("m", "sg"),
    "lui": ("m", "sg"),
    "elle": ("f", "sg"),
    "-elle": ("f", "sg"),
    "-t-elle": ("f", "sg"),
    "ils": ("m", "pl"),
    "-ils": ("m", "pl"),
    "eux": ("m", "pl"),
    "elles": ("f", "pl"),
    "-elles": ("f", "pl"),
}
# A pronoun reaches back at most this far for its source (characters): about two paragraphs.
_PRONOUN_REACH = 1500


def attribute(doc: Doc, found: list[Found], cast: Cast | None = None) -> list[Speaker | None]:
    """One speaker (or None) per detected quotation, in the same order, with gender and id.

    ``cast`` is the article's :class:`~.people.Cast` when the caller built it already.
    """
    cast = cast if cast is not None else Cast(doc)
    speakers: list[Speaker | None] = []
    history: list[tuple[int, Speaker]] = []  # resolved speakers by position
    # Nobody named inside a quotation is what a later pronoun stands for (« « … comme les
    # Fabius », explique-t-il »).
    quoted = sorted(part for f in found for part in f.parts)
    for i, f in enumerate(found):
        sp = None
        if f.mention is not None:
            sp = _resolve(doc, cast, f.mention, history, quoted)
        elif rule_named(f.rule).speaker_from == "previous" and history:
            sp = history[-1][1]  # the speaker goes on; annotate checks the next quote agrees
        elif rule_named(f.rule).speaker_from == "neighbour":
            sp = _neighbour(doc, cast, found, i, history, quoted)
        if sp is not None:
            pos = f.mention.start_char if f.mention is not None else f.start
            history.append((pos, sp))
        speakers.append(sp)
    # Gender and its evidence once every pronoun has taught what it could (:mod:`.gender`).
    return with_gender(doc, cast, speakers)


def _resolve(
    doc: Doc,
    cast: Cast,
    mention: Span,
    history: list[tuple[int, Speaker]],
    quoted: list[tuple[int, int]],
) -> Speaker | None:
    # « Moody's » tokenised « Moody' » + « s »: keep the s.
    if (
        mention.text.endswith(("'", "’"))
        and mention.end < len(doc)
        and doc[mention.end].lower_ == "s"
    ):
        mention = doc[mention.start : mention.end + 1]
    mention = _trimmed(mention)
    text = mention.text.strip()
    low = text.lower()
    if low in _PRONOUNS:
        return _pronoun(doc, cast, mention, history, quoted)
    pair = _coordinated(doc, cast, mention)
    if pair is not None:
        return pair
    # « un communiqué de la préfecture » speaks for the préfecture.
    issuer = _issuer(mention)
    if issuer is not None:
        sp = _resolve(doc, cast, issuer, history, quoted)
        if sp is not None:
            return _at(sp, mention)
    at = mention.start_char
    department = _department(mention)
    if department is not None:
        return _at(Speaker(name=department.text, kind="organisation"), mention)
    ents = [
        e
        for e in ents_of(doc)
        if e.label_ in {"PER", "ORG"} and e.start >= mention.start and e.end <= mention.end
    ]
    if ents and not (all(e.label_ == "ORG" for e in ents) and _person_head(mention)):
        # « le nouveau directeur du site David Quentin »: the name inside the description
        # (but « le porte-parole de la SNCF » is a person the article does not name).
        person = cast.by_name(ents[-1], at)
        if person is not None:
            return _speaker(person, mention)
    if any(t.pos_ == "PROPN" for t in mention):
        person = cast.by_name(mention, at)
        if person is not None:
            return _speaker(person, mention)
    person = cast.by_description(mention)
    if person is not None:
        return _speaker(person, mention)
    # « le porte-parole du ministère, Wang Wenbin » : a name in apposition, whose role the
    # description gives.
    appos = _apposed_name(doc, mention)
    if appos is not None:
        person = cast.by_name(appos, at)
        if person is not None:
            sp = _speaker(person, mention)
            sp.role = sp.role or _role_text(mention)
            return sp
    body = _body_before(doc, cast, mention, at) or _anaphor(doc, cast, mention, at)
    if body is not None:
        return body
    body = _managed_body(doc, cast, mention, history, quoted)
    if body is not None:
        return body
    return _description(mention)


_DEFINITE = {"le", "la", "l'", "l’"}
_POSSESSIVES = {"leur", "sa", "son"}
# How far back (characters) « leur direction » looks for its body.
_MANAGED_REACH = 300


def _managed_body(
    doc: Doc,
    cast: Cast,
    mention: Span,
    history: list[tuple[int, Speaker]],
    quoted: list[tuple[int, int]],
) -> Speaker | None:
    """« a indiqué leur direction », « la direction de la chaîne »: the management of a body
    (``data/management_nouns.txt``) speaks for the body — the one its complement names, or,
    after a possessive, the organisation named last in the sentence before it."""
    toks = [t for t in mention if not t.is_punct]
    if len(toks) < 2 or toks[1].lemma_.lower() not in data_words("management_nouns.txt"):
        return None
    first = toks[0]
    if first.lower_ in _DEFINITE and len(toks) >= 4 and toks[2].lower_ in _ISSUED_BY:
        rest = toks[3:]
        if rest[0].pos_ == "DET":
            rest = rest[1:]
        if rest and rest[0].pos_ == "NOUN" and rest[0].is_lower:
            # « la direction de la chaîne de l'audiovisuel … », « la rédaction du journal »:
            # the body the article named last that this noun may stand for.
            body = _last_body(doc, cast, rest[0].lemma_.lower(), mention.start_char)
            return _speaker(body, mention) if body is not None else None
        owner = doc[toks[3].i : toks[-1].i + 1]
        sp = _resolve(doc, cast, owner, history, quoted)
        if sp is not None and sp.kind == "organisation" and sp.name != owner.text:
            return _at(sp, mention)
        return None
    if first.lower_ not in _POSSESSIVES:
        return None
    at = mention.start_char
    text = text_of(doc)
    # The sentence before the mention: back to the last full stop or paragraph break.
    stop = max(text.rfind(".", 0, at), text.rfind("\n", 0, at))
    if stop > 0 and text[stop] == ".":
        # or the sentence before it in the same paragraph: « Les employés de X ont
        # manifesté. Selon leur direction, … ».
        stop = max(text.rfind(".", 0, stop), text.rfind("\n", 0, stop))
    start = max(stop, at - _MANAGED_REACH)
    best = None
    for person in cast.people:
        if person.kind != "organisation":
            continue
        for a, _, _ in person.mentions:
            if start < a < at and (best is None or a > best[0]):
                best = (a, person)
    return _speaker(best[1], mention) if best is not None else None


def _coordinated(doc: Doc, cast: Cast, mention: Span) -> Speaker | None:
    """« la FGTB et la CSC estiment que P », « ont prévenu Anne Roux et Marc Petit »:
    two named sources of one kind joined by « et » speak together, as one source."""
    ents = [e for e in ents_of(doc) if e.label_ in {"PER", "ORG"}]
    inside = [e for e in ents if e.start >= mention.start and e.end <= mention.end]
    if len(inside) != 1:
        return None
    ent = inside[0]
    k = bisect.bisect_left([e.start for e in ents], ent.start)

    def joined(first: Span, second: Span) -> bool:
        between = [t for t in doc[first.end : second.start]]
        return (
            first.label_ == second.label_
            and bool(between)
            and between[0].lower_ == "et"
            and all(t.pos_ == "DET" for t in between[1:])
            and len(between) <= 2
        )

    pair = None
    if k + 1 < len(ents) and joined(ent, ents[k + 1]):
        pair = (ent, ents[k + 1])
    elif k > 0 and joined(ents[k - 1], ent):
        pair = (ents[k - 1], ent)
    if pair is None:
        return None
    people = [cast.by_name(e, e.start_char) for e in pair]
    if any(p is None for p in people) or people[0] is people[1]:
        return None
    name = " et ".join(p.name for p in people if p is not None)
    return _at(Speaker(name=name, kind="group"), mention)


def _trimmed(mention: Span) -> Span:
    """The mention without the time words an inverted incise glues to it (« précise l'Office
    jeudi », « a indiqué la préfecture samedi soir »)."""
    doc = mention.doc
    start = mention.start
    # « Le Royaume-Uni » cut to « Uni »: the parts before the hyphen, and their article.
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].text[:1].isupper():
        start -= 2
    if start < mention.start:
        if start > 0 and doc[start - 1].pos_ == "DET":
            start -= 1
        mention = doc[start : mention.end]
    end = mention.end
    while end - 1 > mention.start and doc[end - 1].lower_ in TEMPORAL:
        end -= 1  # « la Ligue mardi matin »: the time of day, then its weekday
    if end == mention.end and end < len(doc):
        # « révèle le Canard enchaîné »: a participle or adjective of the title the mention
        # stopped before, with nothing of its own after it.
        last, nxt = doc[end - 1], doc[end]
        if (
            last.pos_ == "PROPN"
            and nxt.is_lower
            and nxt.pos_ in {"ADJ", "VERB"}
            and nxt.head.i == last.i
            and nxt.dep_ in {"amod", "acl"}
            and not list(nxt.children)
            and doc[mention.start].pos_ == "DET"
        ):
            return doc[mention.start : end + 1]
    if end == mention.end:
        return mention
    return doc[mention.start : end] if end > mention.start else mention


# Prepositions that tie a document to the body or person issuing it.
_ISSUED_BY = {"de", "du", "des", "d'", "d’", "par"}


def _department(mention: Span) -> Span | None:
    """« le ministère de l'Éducation du Québec » → « ministère de l'Éducation du Québec »: a
    body named by its field (``data/department_nouns.txt``) keeps its noun, whatever part of
    the complement the recogniser took for a name."""
    toks = [t for t in mention if not t.is_punct]
    if (
        len(toks) < 3
        or toks[0].pos_ != "DET"
        or toks[1].lower_ not in data_words("department_nouns.txt")
    ):
        return None
    if toks[2].lower_ not in _ISSUED_BY | {"à", "aux", "au"}:
        return None
    if not any(t.text[:1].isupper() for t in toks[3:]):
        return None  # « le ministère de tutelle » names no department
    return mention.doc[toks[1].i : toks[-1].i + 1]


def _issuer(mention: Span) -> Span | None:
    """The author of a document named as a source: « un communiqué de la préfecture de
    police » → « la préfecture de police », « le rapport du ministère de la Défense » → « du
    ministère … » without its preposition, « une lettre signée par Marc Aubry » → the name."""
    toks = [t for t in mention if not t.is_punct]
    if len(toks) < 3 or toks[0].pos_ != "DET":
        return None
    head = toks[1]
    if head.pos_ != "NOUN" or head.lemma_.lower() not in source_documents():
        return None
    k = 2
    # « le communiqué officiel de », « un rapport publié par »: an adjective or participle.
    while k < len(toks) and toks[k].pos_ in {"ADJ", "VERB"} and k < 4:
        k += 1
    if k >= len(toks) or toks[k].lower_ not in _ISSUED_BY:
        return None
    rest = toks[k + 1 :]
    if not rest:
        return None
    nouns = [t for t in rest if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns:
        return None
    first = nouns[0]
    speaks = first.pos_ == "PROPN" or first.ent_type_ in {"PER", "ORG"}
    speaks = speaks or first.lemma_.lower() in speaker_nouns() | organisation_nouns()
    if not speaks:
        return None  # « un rapport de 200 pages »
    return mention.doc[rest[0].i : mention.end]


def _anaphor(doc: Doc, cast: Cast, mention: Span, at: int) -> Speaker | None:
    """« La Française Caroline Garcia s'est qualifiée … « … », a déclaré la joueuse
    lyonnaise »: a definite description of a person stands for the one person of that gender
    the article just made a subject, unless that person already holds another title."""
    toks = [t for t in mention if not t.is_punct]
    if len(toks) < 2 or toks[0].lower_ not in _DEFINITE:
        return None
    if any(t.pos_ == "ADP" or t.ent_type_ for t in toks):
        return None  # « le maire de Lyon » names its own referent
    noun = next((t for t in toks[1:] if t.pos_ in {"NOUN", "ADJ"}), None)
    if noun is None or noun.lemma_.lower() not in speaker_nouns():
        return None
    want = det_gender(toks[0])
    # « l'expert »: the elided article marks no gender, the role noun must then match.
    elided = toks[0].lower_ in {"l'", "l’"}
    if want is None and not elided:
        return None
    fits = []
    for person in cast.people:
        gender = person.gender or cast.genders.get(person.name)
        if person.kind != "person" or (want is not None and gender != want):
            continue
        if not any(subject and 0 < at - a <= 600 for a, _, subject in person.mentions):
            continue
        role_nouns = {w.lower() for w in (person.role or "").split()} & speaker_nouns()
        if role_nouns and noun.lemma_.lower() not in role_nouns and noun.lower_ not in role_nouns:
            continue  # « le ministre » is not the person titled « président »
        if elided and not role_nouns:
            continue
        fits.append(person)
    return _speaker(fits[0], mention) if len(fits) == 1 else None


def _body_before(doc: Doc, cast: Cast, mention: Span, at: int) -> Speaker | None:
    """« l'agence », « la compagnie », « le groupe »: a bare definite description of a body
    stands for the organisation the article named last before it."""
    toks = [t for t in mention if not t.is_punct]
    if len(toks) != 2 or toks[0].pos_ != "DET" or toks[0].lower_ not in _DEFINITE:
        return None
    body = _last_body(doc, cast, toks[1].lemma_.lower(), at)
    return _speaker(body, mention) if body is not None else None


def _last_body(doc: Doc, cast: Cast, noun: str, at: int) -> Person | None:
    """The organisation named last before ``at`` that the article may call a ``noun``."""
    if noun not in organisation_nouns():
        return None
    best = None
    for person in cast.people:
        if person.kind != "organisation" or not _called(doc, person, noun):
            continue
        for a, _, _ in person.mentions:
            if a < at and at - a <= _PRONOUN_REACH and (best is None or a > best[0]):
                best = (a, person)
    return best[1] if best is not None else None


def _called(doc: Doc, body: Person, noun: str) -> bool:
    """Whether the article calls ``body`` a ``noun``: in its name (« Agence France-Presse »),
    its role, or right before it (« l'armée de l'air »), or the noun fits any body (« la
    compagnie », ``data/generic_body_nouns.txt``). « l'armée » is not the party named last."""
    if noun in data_words("generic_body_nouns.txt"):
        return True
    # « le journal » for « le quotidien Le Soir »: a noun of the same family
    # (``data/role_families.txt``).
    nouns = role_family(noun)
    if any(n in body.name.lower() or n in (body.role or "").lower() for n in nouns):
        return True
    for a, _, _ in body.mentions:
        span = doc.char_span(a, a + 1, alignment_mode="expand")
        if span is None:
            continue
        before = doc[max(0, span.start - 4) : span.start]
        if any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in before):
            return True
    return False


def _person_head(mention: Span) -> bool:
    """Whether the description's head names a person (« porte-parole », « directeur »)."""
    heads = [t for t in mention if t.pos_ in {"NOUN", "PROPN"}]
    if not heads or heads[0].pos_ == "PROPN" or heads[0].ent_type_:
        return False
    noun = heads[0].lemma_.lower()
    return noun in speaker_nouns() and noun not in organisation_nouns()


def _role_text(mention: Span) -> str | None:
    """« le maire de Saint-Lô » → « maire de Saint-Lô »."""
    words = [t for t in mention if not t.is_punct]
    while words and words[0].pos_ == "DET":
        words = words[1:]
    return mention.doc[words[0].i : words[-1].i + 1].text if words else None


def _speaker(person: Person, mention: Span) -> Speaker:
    return _at(
        Speaker(name=person.name, kind=person.kind, role=person.role, gender=person.gender),  # type: ignore[arg-type]
        mention,
    )


def _at(speaker: Speaker, mention: Span, **changes: object) -> Speaker:
    """``speaker`` as named by ``mention`` (its words and offsets), with ``changes``."""
    return replace(
        speaker,
        mention=mention.text,
        start=mention.start_char,
        end=mention.end_char,
        **changes,  # type: ignore[arg-type]
    )


def _apposed_name(doc: Doc, mention: Span) -> Span | None:
    """« le porte-parole du ministère, Wang Wenbin »; also past a place the detector left
    out of the mention (« l'ambassadeur de France en Afghanistan, Bernard Bajolet »)."""
    k = mention.end
    while (
        k < len(doc)
        and k - mention.end < 4
        and (doc[k].pos_ in {"ADP", "DET"} or doc[k].ent_type_ == "LOC")
        and doc[k].text != ","
    ):
        k += 1
    if k + 1 < len(doc) and doc[k].text == ",":
        t = doc[k + 1]
        if t.ent_type_ == "PER" and t.ent_iob_ == "B":
            j = k + 2
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            return doc[k + 1 : j]
    return None


def _description(mention: Span) -> Speaker | None:
    """A source the article never names: its description, as written — unless it holds a
    person's name the recogniser did not label (« le Professeur Nobutaka Miura »)."""
    toks = [t for t in mention if not t.is_punct]
    if not toks:
        return None
    name = _unlabelled_name(mention)
    if name is not None:
        return _at(Speaker(name=name.text, kind="person"), mention)
    heads = [t for t in toks if t.pos_ in {"NOUN", "PROPN"}]
    if not heads:
        if len(toks) >= 2 and all(t.text[:1].isupper() for t in toks):
            # « D'après The Lakeside Courier »: a foreign title the tagger read word by word.
            return _at(Speaker(name=mention.text.strip(), kind="organisation"), mention)
        return None
    head = heads[0]
    if head.pos_ == "PROPN":
        # « la Russie a affirmé » is a state speaking; « ajoute Hassan » (no article) is a
        # person, whatever label the recogniser gave the name.
        has_det = toks[0].pos_ == "DET"
        kind = "organisation" if head.ent_type_ == "ORG" or has_det else "person"
    elif "Plur" in head.morph.get("Number"):
        kind = "group"  # « les syndicats », « les autorités »: several sources at once
    elif head.lemma_.lower() in organisation_nouns():
        kind = "organisation"
    else:
        kind = "unnamed"
    gender = det_gender(toks[0])
    if gender is None and kind == "organisation" and head.pos_ == "NOUN":
        # « l'armée », « l'agence »: a body's gender is its noun's.
        gender = morph_gender(head)
    name = mention.text.strip()
    if head.pos_ == "PROPN" and kind in {"organisation", "person"}:
        # « la CGT » → CGT; a description (« la compagnie ») stays as written.
        words = name.split()
        while words and words[0].lower() in _ARTICLES:
            words = words[1:]
        if words and words[0].lower().startswith(("l'", "l’")) and head.pos_ == "PROPN":
            words[0] = words[0][2:]
        name = " ".join(words) or name
    return _at(Speaker(name=name, kind=kind, gender=gender), mention)  # type: ignore[arg-type]


def _unlabelled_name(mention: Span) -> Span | None:
    """Two or more capitalised proper nouns ending the mention, after its titles."""
    toks = list(mention)
    end = len(toks)
    start = end
    while start > 0 and toks[start - 1].pos_ == "PROPN" and toks[start - 1].text[:1].isupper():
        start -= 1
    if end - start < 2 or (start > 0 and toks[start - 1].lower_ in {"de", "du", "des", "d'"}):
        return None
    if any(t.ent_type_ in {"LOC", "ORG"} for t in toks[start:end]):
        return None
    return mention[start:end]


def _pronoun(
    doc: Doc,
    cast: Cast,
    mention: Span,
    history: list[tuple[int, Speaker]],
    quoted: list[tuple[int, int]],
) -> Speaker | None:
    """The most recent compatible source before the pronoun."""
    gender, number = _PRONOUNS[mention.text.strip().lower()]
    at = mention.start_char
    candidates: list[tuple[int, Speaker]] = []
    for pos, sp in history:
        if pos == at:
            return sp  # the same pronoun already resolved for an earlier quote of its clause
        if pos < at and at - pos <= _PRONOUN_REACH:
            candidates.append((pos, sp))
    objects: list[tuple[int, Speaker]] = []
    for person in cast.people:
        for a, b, subject in person.mentions:
            if a < at and at - a <= _PRONOUN_REACH and not _inside(a, quoted):
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is not None:
                    (candidates if subject else objects).append((a, _speaker(person, span)))
    # « Le Premier ministre a défendu sa réforme. « … », a-t-il lancé »: a subject the
    # article describes without naming.
    for span in cast.described:
        a = span.start_char
        if a < at and at - a <= _PRONOUN_REACH and not _inside(a, quoted):
            sp = _resolve(doc, cast, span, [], quoted)
            if sp is not None:
                candidates.append((a, sp))
    # « Les grévistes ont bloqué le dépôt car selon eux, P »: a plural subject that can speak.
    if number == "pl":
        for span in cast.groups:
            a = span.start_char
            if a < at and at - a <= _PRONOUN_REACH and not _inside(a, quoted):
                candidates.append((a, _group(span)))
    # What earlier pronouns taught about a source's gender (« Pour elle, … » makes Sophie
    # Marchand a woman, so a later « il » is someone else).
    candidates = [(pos, _learned(cast, sp)) for pos, sp in candidates]
    objects = [(pos, _learned(cast, sp)) for pos, sp in objects]
    # Subjects and earlier speakers first; a name in another position only when none fits;
    # a body (« Moody's … elle considère que ») only when no person fits at all.
    found = (
        _most_recent(candidates, gender, number, mention)
        or _most_recent(objects, gender, number, mention)
        or _most_recent(candidates, gender, number, mention, bodies=True)
    )
    # « … l'armée s'est octroyé le pouvoir. Elle a promis … »: a body whose noun has the
    # pronoun's gender, the subject just before, beats a person of unknown gender further.
    body = _most_recent(candidates, gender, number, mention, bodies=True, near=True)
    if number == "sg" and body is not None and body.gender == gender:
        person = _most_recent(candidates, gender, number, mention, near=True)
        # A person further back loses to the body unless the text gave that person a gender.
        if person is None or ((person.start or 0) < (body.start or 0) and person.gender is None):
            found = _at(body, mention)
    if found is not None and number == "sg" and found.kind == "person":
        cast.genders.setdefault(found.name, gender)
    return found


def _group(span: Span) -> Speaker:
    """A plural subject as a group source: « les Verts » → Verts, « d'autres
    élus » as written."""
    toks = list(span)
    head = toks[-1]
    name = span.text
    if head.text[:1].isupper() and toks[0].lower_ in _ARTICLES:
        name = span.doc[toks[1].i : head.i + 1].text
    gender = morph_gender(head)
    return _at(Speaker(name=name, kind="group", gender=gender), span)  # type: ignore[arg-type]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted)."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _learned(cast: Cast, sp: Speaker) -> Speaker:
    gender = sp.gender or cast.genders.get(sp.name)
    return sp if gender == sp.gender else replace(sp, gender=gender)


def _gender_guess(sp: Speaker) -> str | None:
    """The gender the text gave, else the one a first name all but decides (« Jake »): weak,
    but enough to tell that « elle » is someone else."""
    if sp.gender is not None or sp.kind != "person":
        return sp.gender
    return firstname_gender(sp.name)


def _most_recent(
    candidates: list[tuple[int, Speaker]],
    gender: str,
    number: str,
    mention: Span,
    bodies: bool = False,
    near: bool = False,
) -> Speaker | None:
    """The last of ``candidates`` that fits the pronoun; with ``near``, its offset kept in
    ``start`` (for comparing two)."""
    best: tuple[int, Speaker] | None = None
    # « il » stands for a person far more often than for a body; bodies only when asked.
    candidates = [
        (pos, sp)
        for pos, sp in candidates
        if (number == "pl") == (sp.kind == "group")
        and (number == "pl" or (sp.kind == "organisation") == bodies)
    ]
    # « elle »: a source the article marks as a woman (Mme, « la ministre ») beats a nearer
    # one of unknown gender (« Mme Odile Sarrazin … l'architecte Jean Fournel. Elle … »). The
    # masculine is French's unmarked gender, so « il » gets no such preference.
    if number == "sg" and gender == "f" and any(sp.gender == "f" for _, sp in candidates):
        candidates = [(pos, sp) for pos, sp in candidates if sp.gender == gender]
    for pos, sp in candidates:
        guess = _gender_guess(sp)
        if guess is not None and guess != gender and number == "sg":
            continue
        if best is None or pos > best[0]:
            best = (pos, sp)
    if best is None:
        return None
    if near:
        return replace(best[1], start=best[0])
    return _at(best[1], mention, gender=best[1].gender or gender)


_NEXT_NAMES = regex.compile(
    r"(?i)^[\s»”\"]*(?:c['’]est\s+(?:en\s+ces\s+termes|ainsi|par\s+ces\s+mots|ce\s+qu['’]"
    r"(?:a|avait)\s+\w+)|ainsi\s+(?:s['’]exprim|parl))"
)


# « Ainsi réagit X », « Ainsi conclut X »: « ainsi » and a verb, no comma between them.
_AINSI = regex.compile(r"(?i)^[\s»”\"]*ainsi\s+(?=\p{L})")


def _ainsi_verb(doc: Doc, end: int, window: str) -> bool:
    """Whether the text after offset ``end`` opens on « Ainsi » and a verb (« Ainsi réagit
    la présidente, Marie Zufferey »), not the connector « Ainsi, le conseil a … »."""
    m = _AINSI.match(window)
    if m is None:
        return False
    span = doc.char_span(end + m.end(), end + m.end() + 1, alignment_mode="expand")
    return span is not None and span[0].pos_ in {"VERB", "AUX"}


def _named_next(doc: Doc, cast: Cast, f: Found) -> Speaker | None:
    """The person a following « C'est en ces termes que X … » or « C'est ce qu'a déclaré X »
    names as the author of a quotation standing alone."""
    text = text_of(doc)
    end = f.outer[1] if f.outer[1] > f.end else f.end
    window = text[end : end + 250]
    if not _NEXT_NAMES.match(window) and not _ainsi_verb(doc, end, window):
        return None
    stop = end + (window.find(".") if "." in window else len(window))
    for ent in ents_of(doc):
        if ent.label_ == "PER" and end <= ent.start_char < stop:
            person = cast.by_name(ent, ent.start_char)
            if person is not None:
                return _speaker(person, ent)
    return None


def _conjunct_subject(doc: Doc, at: int) -> bool:
    """Whether the name at offset ``at`` is coordinated with a subject (« Le ministre Paul
    Durand et la députée Claire Morel se sont affrontés »)."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    t = span[0]
    for _ in range(6):
        if t.dep_ in {"nsubj", "nsubj:pass"}:
            return False  # a subject itself, not a conjunct of one
        if t.dep_ not in {"flat:name", "appos", "conj"} or t.head is t:
            return False
        conj = t.dep_ == "conj"
        t = t.head
        if conj:
            while t.dep_ in {"flat:name", "appos"} and t.head is not t:
                t = t.head
            return t.dep_ in {"nsubj", "nsubj:pass"}
    return False


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence of ``text`` holding offset ``at``: from the last sentence end before it
    to the next one after it (a line break ends a sentence too)."""
    ends = list(_SENTENCE_END.finditer(text, max(0, at - 400), at))
    lo = ends[-1].end() if ends else max(0, at - 400)
    m = _SENTENCE_END.search(text, at)
    return lo, m.end() if m else len(text)


_SENTENCE_END = regex.compile(r"[.!?…](?:\s|$)|\n")


def _neighbour(
    doc: Doc,
    cast: Cast,
    found: list[Found],
    i: int,
    history: list[tuple[int, Speaker]],
    quoted: list[tuple[int, int]],
) -> Speaker | None:
    """Speaker of a quotation standing alone: the source of the quote just before it, when it
    is close (same or previous paragraph), else the one just after it."""
    f = found[i]
    text = text_of(doc)
    prev = None
    if history and 0 <= f.start - history[-1][0] <= 600:
        prev = history[-1][1]
    # The people named as subjects since the quote before (or in the 300 characters before
    # when there is none), outside any quotation's words: « « … », a dit X. ¶ Le directeur,
    # Y, a reçu les délégués. ¶ « … » » is Y's.
    floor = max(history[-1][0], found[i - 1].outer[1]) if prev is not None else f.start - 300
    best = None
    subjects: list[tuple[int, int, Person]] = []
    for person in cast.people:
        if person.kind != "person":
            continue
        for a, b, subject in person.mentions:
            if not floor <= a or b > f.start or _inside(a, quoted):
                continue
            if subject or _conjunct_subject(doc, a):
                subjects.append((a, b, person))
            if subject and (best is None or a > best[0]):
                best = (a, b, person)
    if best is not None:
        # Two people made subjects of that sentence (« X et Y se sont affrontés »): which of
        # them speaks the text does not say.
        lo, hi = _sentence_around(text, best[0])
        if any(lo <= a < hi and p is not best[2] for a, _, p in subjects):
            return None
        span = doc.char_span(best[0], best[1], alignment_mode="expand")
        if span is not None:
            return _speaker(best[2], span)
    if prev is not None:
        return prev
    # « « … » ¶ C'est en ces termes que Paul Mercier, le directeur du salon, résume … »
    after = _named_next(doc, cast, f)
    if after is not None:
        return after
    if i + 1 < len(found):
        nxt = found[i + 1]
        if nxt.mention is not None and 0 <= nxt.start - f.end <= 300:
            return _resolve(doc, cast, nxt.mention, history, quoted)
    return None
