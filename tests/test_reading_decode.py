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


# Where clean_text does what ftfy does, it calls ftfy; where it differs, on purpose, the
# tests below say why.


def test_line_and_paragraph_separators_as_ftfy_except_u2029_which_is_a_paragraph() -> None:
    """U+2029 is a paragraph break: a title line before it stays a title (ftfy's
    fix_line_breaks makes it one line break, and the title would run into the body)."""
    from ftfy.fixes import fix_line_breaks

    from quoteattr.reading import read_text

    for s in ("a\r\nb", "a\rb", "a\u2028b"):
        assert clean_text(s) == fix_line_breaks(s) == "a\nb"
    assert clean_text("a\u2029b") == "a\n\nb" != fix_line_breaks("a\u2029b")
    [article] = read_text("Le maire tient bon\u2029« Nous ne reculerons pas », a dit Paul.")
    assert article.title == "Le maire tient bon"
    assert article.text == "« Nous ne reculerons pas », a dit Paul."


def test_u0085_is_an_ellipsis_read_as_latin1_not_a_line_break() -> None:
    """\\x85 in a French news text is cp1252's « … » read as latin-1; ftfy's fix_line_breaks
    would cut the sentence there."""
    from ftfy.fixes import fix_line_breaks

    assert clean_text("Il a hésité\x85 puis il a signé.") == "Il a hésité… puis il a signé."
    assert fix_line_breaks("Il a hésité\x85 puis") == "Il a hésité\n puis"


def test_form_feed_becomes_a_line_break_not_glue() -> None:
    """A page break from a PDF converter separates words; ftfy keeps it as a control,
    removing it would glue the last word of a page to the first of the next."""
    assert clean_text("fin de la page\x0cSuite du texte") == "fin de la page\nSuite du texte"


def test_controls_are_removed_by_ftfy_remove_control_chars() -> None:
    """The same characters as ftfy's remove_control_chars, including those the fast path
    must notice on their own (U+206A-U+206F, U+FFF9-U+FFFC)."""
    from ftfy.chardata import CONTROL_CHARS
    from ftfy.fixes import remove_control_chars

    for code in CONTROL_CHARS:
        s = f"avant{chr(code)}après"
        assert clean_text(s) == remove_control_chars(s) == "avantaprès", hex(code)


def test_undefined_cp1252_bytes_are_dropped_where_ftfy_keeps_them() -> None:
    """0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing in cp1252: ftfy's fix_c1_controls keeps them
    as invisible controls, which would end up inside quotations and names."""
    from ftfy.fixes import fix_c1_controls

    for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
        s = f"M.{chr(byte)} Wang a dit\x92oui\x92"
        assert fix_c1_controls(s) == f"M.{chr(byte)} Wang a dit’oui’"
        assert clean_text(s) == "M. Wang a dit’oui’"
