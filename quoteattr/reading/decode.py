"""Bytes to clean text: encoding detection, mojibake repair, line ends, control characters.

French news files come as UTF-8 (with or without BOM), UTF-16, or cp1252/latin-1 from older
systems, and sometimes double-encoded (``Ã©`` for ``é``). :func:`decode` turns any of them
into the same ``str``; :func:`clean_text` is the normalisation every reader applies.
:func:`binary_kind` recognises files that are not text at all.

>>> decode("Le ministre a déclaré".encode("cp1252"))
'Le ministre a déclaré'
>>> decode(b"\\xef\\xbb\\xbfLigne 1\\r\\nLigne\\x00 2\\rFin")
'Ligne 1\\nLigne 2\\nFin'
"""

from __future__ import annotations

import codecs
import re

__all__ = ["BinaryInputError", "binary_kind", "clean_text", "decode"]


class BinaryInputError(ValueError):
    """The bytes are not text (a PDF, an image, an archive…); the message says which."""


# File signatures of the binary formats most often dropped into a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI media)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00asm", "a WebAssembly module"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text files (tab, LF, CR, FF and ESC excepted).
_CONTROL_BYTES = frozenset(range(0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x1B))


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` announces, if any."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs fill every other byte, as in BOM-less UTF-16 Latin text."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    # Latin text in UTF-16 has a NUL in nearly every other byte (’ « … aside); a few NULs
    # in UTF-8 text are noise to clean, not a sign of UTF-16.
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def binary_kind(head: bytes) -> str | None:
    """What kind of non-text ``head`` (the first few kilobytes of a file) is, or None for text.

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind("Un texte ordinaire".encode())
    ('a PDF document', None)
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if bom_encoding(head) or _utf16_without_bom(head):
        return None
    sample = head[:8192]
    if not sample:
        return None
    # A few stray control bytes are noise to clean; more than 1% of them is a binary format
    # (random or compressed bytes have about 9%, text in any 8-bit code page none).
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls > 0.01 * len(sample) + 2:
        return "binary data"
    return None


def _guess_encoding(data: bytes) -> str:
    """The encoding of ``data``, which is not valid UTF-8: a Western 8-bit code page."""
    from charset_normalizer import from_bytes

    # French text outside UTF-8 is in one of these; letting the detector roam wider makes it
    # pick Cyrillic or Greek pages for short inputs.
    best = from_bytes(
        data[:65536], cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
    ).best()
    # Latin-1 maps 0x80-0x9F to invisible controls where cp1252 has ’ « … €: files that use
    # those bytes were written by Windows software, whatever the detector says.
    if best is None or best.encoding in ("latin_1", "ascii"):
        return "cp1252"
    return best.encoding


def decode(data: bytes) -> str:
    """``data`` as clean text: encoding detected, mojibake repaired, see :func:`clean_text`.

    Raises :class:`BinaryInputError` when ``data`` is not text.
    """
    kind = binary_kind(data[:8192])
    if kind:
        raise BinaryInputError(f"not a text file: looks like {kind}")
    encoding = bom_encoding(data) or _utf16_without_bom(data[:8192])
    if encoding is None:
        try:
            return clean_text(data.decode("utf-8"))
        except UnicodeDecodeError:
            encoding = _guess_encoding(data)
    elif encoding == "utf-32":
        try:
            return clean_text(data.decode(encoding))
        except UnicodeDecodeError:
            # FF FE 00 00 also opens UTF-16 text whose first character is NUL.
            encoding = "utf-16"
    return clean_text(data.decode(encoding, errors="replace"))


# (Plain ``re``: these classes need no Unicode properties, and it is several times faster.)
# Telltales of UTF-8 read as cp1252/latin-1 ("Ã©", "â€™", "Å“"); only then is ftfy run.
_MOJIBAKE_HINT = re.compile(
    r"[ÃÂâÅÆÐ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# C1 controls in decoded text are cp1252 bytes read as latin-1: ’ for \x92, … for \x85.
_C1 = re.compile(r"[\x80-\x9f]")
# Line and paragraph separators, NEL aside (see _line_breaks), and the form feed.
_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x0c": "\n"}
_BREAK = re.compile("|".join(_BREAKS))

# Every character some pass of clean_text changes or looks at: line breaks, C0 and C1
# controls, DEL, the characters ftfy's remove_control_chars drops (U+206A-U+206F, U+FEFF,
# U+FFF9-U+FFFC), and the first letters of UTF-8 read as cp1252.
_ANYTHING_TO_FIX = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u206a-\u206f\ufeff\ufff9-\ufffc" + "ÃÂâÅÆÐ]"
)


def _line_breaks(text: str) -> str:
    """CRLF, CR and U+2028 as LF, like ftfy's ``fix_line_breaks``, with two differences.

    U+2029 separates paragraphs, so it becomes a blank line (ftfy: a line break); paragraphs
    are what the readers split headers, articles and datelines on. U+0085 is left to the C1
    pass, which makes it cp1252's « … » (ftfy: a line break): in French news files it is an
    ellipsis read as latin-1, not a NEL. A form feed (a page break from a PDF converter)
    becomes a line break too: removed, it would glue the words on either side.
    """
    return _BREAK.sub(lambda m: _BREAKS[m.group()], text)


def _windows_1252(text: str) -> str:
    """C1 controls as the cp1252 characters they stand for, with ftfy's ``fix_c1_controls``;
    the five bytes cp1252 leaves undefined (which ftfy keeps as controls) are dropped: they
    are no character, and kept they would hide the halves of a mojibake pair from each other.
    """
    from ftfy.fixes import fix_c1_controls

    return _C1.sub("", fix_c1_controls(text))


def _fix_mojibake(text: str) -> str:
    import ftfy

    # Encoding repair only: quotation marks, spaces, ligatures and widths are the author's.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


def clean_text(text: str) -> str:
    """``text`` with mojibake repaired, CRLF and CR made LF, control characters removed.

    ftfy does the work, with the fixes that would change the author's typography switched
    off; where quoteattr differs from ftfy (line breaks, undefined cp1252 bytes) the helper
    says why. Tabs, newlines and non-breaking spaces (U+00A0, U+202F) stay as they are: French
    typography puts them before « ; : ? ! » on purpose.

    >>> clean_text("Il a dÃ©clarÃ©\\u202f: Â« oui Â»\\r\\n")
    'Il a déclaré\\u202f: « oui »\\n'
    """
    # Most texts need nothing: one scan for anything to fix, then none of the passes below.
    if not _ANYTHING_TO_FIX.search(text):
        return text
    from ftfy.fixes import remove_control_chars

    text = _line_breaks(text)
    # Controls go before the repair: one between « Â » and « € » would hide the mojibake
    # from this pass and show it to the next (cleaning must be done once and for all).
    text = remove_control_chars(text)
    # The hint is a quick look for UTF-8 read as cp1252 before ftfy's own, slower check.
    if _MOJIBAKE_HINT.search(text):
        text = _fix_mojibake(text)
    text = _windows_1252(text)
    # Dropping a C1 byte cp1252 leaves undefined can join the halves of a mojibake pair.
    if _MOJIBAKE_HINT.search(text):
        text = _windows_1252(_fix_mojibake(text))
    return text
