"""Decoding: every encoding French articles arrive in gives the same text; binaries refused."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest

from quoteattr.reading.decode import BinaryInputError, binary_kind, clean_text, decode

TEXT = "« L’État, c’est moi », a déclaré Noël Lefèvre à Besançon\u00a0; «\u202foui\u202f» !\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be-bom", "utf16-le-nobom", "utf16-be-nobom", "utf32"],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == TEXT


def test_cp1252_is_detected_with_its_curly_apostrophes() -> None:
    # Narrow no-break spaces do not exist in cp1252; everything else does.
    text = TEXT.replace("\u202f", " ")
    assert decode(text.encode("cp1252")) == text


def test_latin1_is_detected() -> None:
    text = "Le président a déclaré mercredi à Genève que la réunion était terminée.\n"
    assert decode(text.encode("latin-1")) == text


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = TEXT.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    assert "Ã" in mojibake.decode("utf-8")
    assert decode(mojibake) == TEXT


def test_mojibake_repair_leaves_quotes_spaces_and_entities_alone() -> None:
    text = 'Il a dit "oui" et ‘non’ &amp; ﬁn\u00a0: « Ã©té »'
    assert clean_text(text) == 'Il a dit "oui" et ‘non’ &amp; ﬁn\u00a0: « été »'


def test_line_ends_become_newlines_and_controls_go() -> None:
    assert decode(b"un\r\ndeux\rtrois\nquatre") == "un\ndeux\ntrois\nquatre"
    assert clean_text("a\x00b\x07c\x1bd\x7fe\tf\u00a0g\u202fh") == "abcde\tf\u00a0g\u202fh"
    assert clean_text("x\ufeffy") == "xy"


def test_c1_controls_from_a_latin1_reading_become_cp1252_characters() -> None:
    assert clean_text("l\x92Etat \x85") == "l’Etat …"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (gzip.compress(b"bonjour"), "gzip"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (random.Random(0).randbytes(4096), "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
    ids=["pdf", "png", "jpeg", "zip", "gzip", "elf", "random", "all-bytes"],
)
def test_binary_content_is_recognised(head: bytes, kind: str) -> None:
    assert kind in (binary_kind(head) or "")
    with pytest.raises(BinaryInputError, match=kind):
        decode(head)


def test_text_with_a_stray_nul_is_still_text() -> None:
    data = ("Un long paragraphe de texte ordinaire. " * 20).encode() + b"\x00"
    assert binary_kind(data) is None
    assert "\x00" not in decode(data)
