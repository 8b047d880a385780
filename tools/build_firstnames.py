"""Rebuilds quoteattr/data/firstnames.tsv: the first names that all but decide a sex at birth.

    python tools/build_firstnames.py /work/shared/lexicons/firstnames-fr/firstnames.tsv \
        > quoteattr/data/firstnames.tsv

The source (Insee, *Fichier des prénoms*, births in France 1900–2021, Licence Ouverte 2.0)
gives, per registered spelling, the births recorded as female and as male. Spellings that
fold together (case, accents) are summed. A name is kept only when at least
``MIN_BIRTHS`` births carry it and at least ``MIN_SHARE`` of them are of one sex; every
other name (Camille, Dominique, Claude, Andrea, names rare in France) is left out, which
makes it "unknown" to quoteattr.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict

#: A name decides only when this share of its births (or more) are of one sex.
MIN_SHARE = 0.95
#: ... over at least this many births: rarer names say too little.
MIN_BIRTHS = 500


def fold(name: str) -> str:
    """Lower case, accents off: the key quoteattr looks names up by.

    >>> fold("Hélène"), fold("JEAN-PIERRE")
    ('helene', 'jean-pierre')
    """
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(source: str) -> None:
    births: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with open(source, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            counts = births[fold(row["name"])]
            counts[0] += int(row["female"])
            counts[1] += int(row["male"])
    out = sys.stdout
    out.write(
        "# First names that mark a sex at birth in France: at least "
        f"{MIN_SHARE:.0%} of at least {MIN_BIRTHS} births, 1900-2021.\n"
        "# Source : Insee, Fichier des prénoms (Licence Ouverte / Open Licence 2.0, Etalab),\n"
        "# aggregated over years; built by tools/build_firstnames.py. Names folded (lower case,\n"
        "# no accents). share = per mille of births of that sex. A name's share is evidence\n"
        "# about a person's likely gender, not a fact about them.\n"
        "name\tgender\tshare\n"
    )
    for name in sorted(births):
        female, male = births[name]
        total = female + male
        if total < MIN_BIRTHS:
            continue
        for gender, n in (("f", female), ("m", male)):
            if n / total >= MIN_SHARE:
                out.write(f"{name}\t{gender}\t{round(1000 * n / total)}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/lexicons/firstnames-fr/firstnames.tsv")
