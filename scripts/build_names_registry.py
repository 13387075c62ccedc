"""Rebuild the shipped names and places registry from its named sources.

    pip install -e '.[names-build]' && python scripts/build_names_registry.py

Writes src/copyedit/names_registry/data/registry.jsonl (see copyedit.names_registry.build) and
data/personal-names.txt: the given names (with their ranks as given name and as surname) and the 20,000 commonest surnames of the US Census 1990 (the
``names`` package's lists), with which NM105 recognises a foreign name under an Icelandic case ending.
"""

from __future__ import annotations

import sys
from pathlib import Path

import names
from english_words import get_english_words_set

from copyedit.names_registry.build import build

DATA = Path(__file__).resolve().parent.parent / "src" / "copyedit" / "names_registry" / "data"
OUT = DATA / "registry.jsonl"
PERSONAL_NAMES = DATA / "personal-names.txt"
SURNAMES = 20_000  # the rest of the census's 88,799 surnames are rare, and many are words


def personal_names() -> dict[str, tuple[int | None, int | None]]:
    """Given names and common surnames, capitalised ("Julia", "Floyd"), with their best rank in the
    census's given-name lists and in its surname list (None: not in that list)."""
    given: dict[str, int] = {}
    surnames: dict[str, int] = {}
    for kind, path in names.FILES.items():
        ranks = given if kind.startswith("first") else surnames
        with open(path, encoding="ascii") as lines:
            for line in lines:
                name, _, _, rank = line.split()
                if ranks is given or int(rank) <= SURNAMES:
                    ranks[name.capitalize()] = min(int(rank), ranks.get(name.capitalize(), int(rank)))
    return {name: (given.get(name), surnames.get(name)) for name in given.keys() | surnames.keys()}


def main() -> int:
    counts = build(OUT, get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
    for kind, count in sorted(counts.items()):
        print(f"{kind}: {count}")
    listed = personal_names()
    PERSONAL_NAMES.write_text(
        "".join(f"{name}\t{given or ''}\t{surname or ''}\n" for name, (given, surname) in sorted(listed.items())),
        encoding="utf-8",
    )
    print(f"personal names: {len(listed)}")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
