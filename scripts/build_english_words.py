"""Build ``src/copyedit/qa/data/english-words.txt.gz``: the English words that the language and
untranslated-text checks (LQ101, LQ206, LQ207) take as English.

Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson; permissive licence, kept in the
data file's header), as Debian's ``scowl`` package installs it (``apt-get install scowl``):
``/usr/share/dict/scowl/{english,american,british,canadian}-words.N`` for every size N up to
:data:`LEVEL`, inflected forms included, lower-cased, and words with a Latin ending up to
:data:`LATIN_LEVEL`. Proper names and abbreviations are not taken: a copied name is judged apart, and
an abbreviation by whether the translation spells it out.

Usage: python scripts/build_english_words.py [--scowl /usr/share/dict/scowl]
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

LEVEL = 70  # SCOWL's size for "large" dictionaries: 80 and 95 add rare and foreign words (diana, deutsche)
# ... but also the Latin of medicine and science that English text keeps (diabetes mellitus, in vitro,
# latissimus dorsi): from the larger sizes, words with a Latin ending are taken too.
LATIN_LEVEL = 95
LATIN = re.compile(r"[a-z]+(?:us|um|ae|is|i|orum|itro|ivo|ivum|ium)")
VARIETIES = ("english", "american", "british", "canadian")
OUT = Path(__file__).resolve().parent.parent / "src" / "copyedit" / "qa" / "data" / "english-words.txt.gz"
HEADER = """\
# English words (lower case) from SCOWL, built by scripts/build_english_words.py
# SCOWL (Spell Checker Oriented Word Lists) is Copyright 2000-2011 by Kevin Atkinson and the copyright
# holders listed in its README. Permission to use, copy, modify, distribute and sell these word lists, the
# associated scripts, the output created from the scripts, and its documentation for any purpose is hereby
# granted without fee, provided that the above copyright notice appears in all copies and that both that
# copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as is" without
# express or implied warranty.
"""


def word_lists(scowl: Path, largest: int) -> Iterator[tuple[int, list[str]]]:
    """SCOWL's English word lists (not its proper names) of every size up to ``largest``: (size, words)."""
    for path in sorted(scowl.iterdir()):
        name, _, size = path.name.rpartition(".")
        variety, _, kind = name.partition("-")
        if size.isdigit() and int(size) <= largest and variety in VARIETIES and kind == "words":
            yield int(size), path.read_bytes().decode("latin-1").split()


def build(scowl: Path) -> list[str]:
    words: set[str] = set()
    for size, listed in word_lists(scowl, LATIN_LEVEL):
        for word in listed:
            word = word.removesuffix("'s")
            if word.islower() and re.fullmatch(r"[a-zà-ÿ'-]+", word) and (size <= LEVEL or LATIN.fullmatch(word)):
                words.add(word)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words = build(args.scowl)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    body = HEADER + "\n".join(words) + "\n"
    # mtime=0: the same lists give a byte-identical file
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(body.encode("utf-8"))
    print(f"{args.out}: {len(words)} words, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
