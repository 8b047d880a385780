"""A speaker's identity across articles and runs: a folded name key and the id hashed from it.

« Jean-Luc Mélenchon », « Jean Luc Melenchon » and « JEAN-LUC MÉLENCHON » are one key; a person
and an organisation of the same name are two. The id is a hash of the key, so it is the same
in every article, every run and every machine. Unnamed sources (« un diplomate », « les
syndicats ») have no key: a description names nobody in particular.

>>> speaker_key("Jean-Luc Mélenchon", "person")
'person:jean luc melenchon'
>>> speaker_id("Jean Luc Melenchon", "person") == speaker_id("Jean-Luc Mélenchon", "person")
True
>>> speaker_id("la CGT", "organisation") == speaker_id("CGT", "organisation")
True
>>> speaker_id("les syndicats", "group") is None
True
"""

from __future__ import annotations

import hashlib
import unicodedata

import regex

#: The kinds of speaker that name one source, and so get a key and an id.
NAMED_KINDS = ("person", "organisation")

_ARTICLES = {"le", "la", "les", "l", "du", "des"}


def fold(text: str) -> str:
    """Lower case, no accents, words of letters and digits only, separated by one space.

    >>> fold("  L’Élysée, J.-P. Dupont ")
    'l elysee j p dupont'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_LETTERS_DIGITS.findall(plain))


_LETTERS_DIGITS = regex.compile(r"[\p{L}\p{N}]+")


def speaker_key(name: str, kind: str) -> str | None:
    """``kind:folded name`` for a named person or organisation, None for any other source."""
    if kind not in NAMED_KINDS:
        return None
    words = fold(name).split()
    # « la CGT », « l'ONU », « Les Républicains » keeps its article when it is the whole name.
    while kind == "organisation" and len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return f"{kind}:{' '.join(words)}" if words else None


def speaker_id(name: str, kind: str) -> str | None:
    """The stable id of a named source: ``s`` and 12 hex digits of the SHA-1 of its key."""
    key = speaker_key(name, kind)
    return None if key is None else id_of_key(key)


def id_of_key(key: str) -> str:
    """The id that :func:`speaker_id` gives for a key of :func:`speaker_key`."""
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
