"""Writes the hostile-input corpus: the dirty files a news archive holds, and what each must give.

Nothing here is committed as a binary: every file is generated from this script into a
folder the caller chooses (a pytest tmp dir), so the corpus is reviewable as code.

    python tests/hostile/make_corpus.py DIR [--small]

:func:`make_corpus` returns, for each file written, its :class:`Expect`: whether reading it
must give articles (``"ok"``) or an error record naming it (``"error"``), and for JSONL
inputs the line numbers that must be reported as errors. ``small=True`` shrinks the two
big files (5 MB single line, 50 MB) so that a quick run stays quick; their shape is the same.
"""

from __future__ import annotations

import argparse
import gzip
import json
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

#: A sentence every correct extractor turns into one direct quote attributed to a name.
QUOTE = "« Nous gagnerons », a déclaré Marie Dupont, ministre de l'Intérieur."
INDIRECT = "Le président a affirmé que la Chine était prête à coopérer."
BODY = f"Titre de l'article\n\n6 juillet 2012. - {QUOTE} {INDIRECT}\n"
MB = 1_000_000


@dataclass
class Expect:
    """What reading one corpus file must give."""

    status: str  # "ok": at least one article, no error; "error": one error record, no article
    error_lines: list[int] = field(default_factory=list)  # JSONL lines that must be errors
    articles: int | None = None  # exact number of articles, when it is known


def _png() -> bytes:
    """A real 1×1 PNG image, so the test sees the bytes an image file starts with."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    # A minimal PDF whose stream is compressed, as real ones are: text extraction is not ours.
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Bonjour) Tj ET" * 40)
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _filler_line(width: int) -> str:
    # Long tokens: megabytes of text that cost the parser little, so big files stay testable.
    # Each is a sentence of its own (capital, full stop), as prose between quotes would be.
    word = "X" + "x" * 997 + "."
    return " ".join([word] * max(1, width // 1000))[:width]


def _single_line(size: int) -> str:
    """One line of ``size`` characters with quotes at its start, middle and end."""
    filler = _filler_line(size // 2 - 2 * len(QUOTE))
    return f"{QUOTE} {filler} {QUOTE} {filler} {QUOTE}"


def _big(size: int) -> str:
    """A many-paragraph article of about ``size`` characters, a quote every ~100 kB."""
    paragraph = _filler_line(20_000)
    parts = ["Un très long article", ""]
    total = 0
    n = 0
    while total < size:
        block = QUOTE if n % 5 == 0 else paragraph
        parts.append(block)
        total += len(block) + 1
        n += 1
    return "\n".join(parts) + "\n"


def make_corpus(folder: Path, *, small: bool = False) -> dict[str, Expect]:
    """Writes every hostile file into ``folder``; returns each file name's expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, tuple[bytes, Expect]] = {}

    def put(name: str, data: bytes | str, expect: Expect) -> None:
        files[name] = (data.encode("utf-8") if isinstance(data, str) else data, expect)

    ok = Expect("ok")
    # Encodings.
    put("enc_utf8.txt", BODY, ok)
    put("enc_utf8_bom.txt", b"\xef\xbb\xbf" + BODY.encode(), ok)
    put("enc_utf16.txt", BODY.encode("utf-16"), ok)
    put("enc_utf16le_nobom.txt", BODY.encode("utf-16-le"), ok)
    put("enc_cp1252.txt", (BODY + "L’État a dit « oui »… 5 €.\n").encode("cp1252"), ok)
    put("enc_latin1.txt", BODY.encode("latin-1"), ok)
    put("enc_mojibake.txt", BODY.encode("utf-8").decode("cp1252").encode("utf-8"), ok)
    # Line ends, control characters, spaces.
    put("lines_crlf.txt", BODY.replace("\n", "\r\n"), ok)
    put("lines_cr.txt", BODY.replace("\n", "\r"), ok)
    controls = BODY.replace("Nous", "No\x00us\x01\x07").replace("Titre", "\x1bTi\x7ftre")
    put("ctrl_nul.txt", controls, ok)
    put("spaces_nbsp.txt", BODY.replace("« ", "«\u00a0").replace(" »", "\u202f»"), ok)
    put("spaces_odd.txt", BODY.replace(" ", "\u2009\u200b") + "\u2028\u2029\ufeff", ok)
    # Sizes.
    put("size_empty.txt", b"", Expect("error"))
    put("size_whitespace.txt", " \n\t\r\n\u00a0  \n\n", Expect("error"))
    put("size_one_word.txt", "Bonjour", Expect("ok", articles=1))
    put("size_single_line.txt", _single_line(MB // 20 if small else 5 * MB), ok)
    put("size_big.txt", _big(MB if small else 50 * MB), ok)
    # Binary files, whatever their name says.
    put("bin_pdf.txt", _pdf(), Expect("error"))
    put("bin_png.html", _png(), Expect("error"))
    put("bin_gzip_png.txt", gzip.compress(_png()), Expect("error"))
    put("bin_gzip_truncated.txt", gzip.compress(BODY.encode() * 50)[:60], Expect("error"))
    put("bin_random.txt", bytes((i * 7919 + 13) % 256 for i in range(4096)), Expect("error"))
    # Gzip without its extension is still decompressed and read.
    put("gzip_noext.txt", gzip.compress(BODY.encode()), ok)
    # Broken JSON and JSONL: the bad lines are errors, the others go on.
    good = json.dumps({"id": "g", "title": "T", "text": BODY})
    lines = [good, '{"text": "pas fermé', "", "[1, 2]", '{"title": "sans texte"}', good, "\x00{}"]
    put("json_lines.jsonl", "\n".join(lines) + "\n", Expect("ok", error_lines=[2, 4, 5, 7]))
    put("json_broken.json", '{"text": "ouvert', Expect("error", error_lines=[1]))
    put("json_only_bad.jsonl", "{\n}\n", Expect("error", error_lines=[1, 2]))
    put("json_deep.json", "[" * 100_000 + "]" * 100_000, Expect("error"))
    # Quotation marks.
    put("marks_unbalanced.txt", "« Il a dit « non, a-t-il affirmé.\n\n» Fin » » ».\n" + BODY, ok)
    put("marks_nested.txt", "« Il m’a dit “ va-t’en ‹ vite › ” hier », a raconté Paul.\n", ok)
    put("marks_mixed.txt", '« Oui ", a dit Paul. "Non », a répondu “Marie\'.\n' + BODY, ok)
    put("marks_whole.txt", f"« {BODY.strip()} {BODY.strip()} »\n", ok)
    put("marks_10000.txt", "«" * 10_000 + "\n", ok)
    put("marks_10000_spaced.txt", "« " * 10_000 + "»\n", ok)
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: expect for name, (_, expect) in files.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--small", action="store_true", help="shrink the two big files")
    args = parser.parse_args()
    for name, expect in make_corpus(args.folder, small=args.small).items():
        print(f"{expect.status:5}  {name}")


if __name__ == "__main__":
    main()
