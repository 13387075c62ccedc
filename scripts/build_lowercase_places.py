"""Write the registry's places into MT117 (``rules/mt-en/MT117-lowercase-place.yml``): the block of its
``swap`` between the ``BEGIN registry places`` and ``END registry places`` lines.

A place of the names registry (a city, country or region: GeoNames, CLDR and the maintainers' list) is
taken when its name, lower-cased, has a word of four letters or more that English does not write in lower
case: no word of SCOWL's English word lists up to size 80 (``apt-get install scowl``), which has "alma",
"chia" and "stocker" besides the shipped list's words. Names MT117 lists by hand or MT111 lists (nationalities)
are left to them, and :data:`LOWER_CASE_WORDS` are left out. Run it after rebuilding the registry:

    python scripts/build_lowercase_places.py [--scowl /usr/share/dict/scowl]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import yaml
from build_english_words import word_lists  # this script's folder is on the path when it runs

ROOT = Path(__file__).resolve().parent.parent
RULE = ROOT / "rules" / "mt-en" / "MT117-lowercase-place.yml"
NATIONALITIES = ROOT / "rules" / "mt-en" / "MT111-lowercase-nationality.yml"
REGISTRY = ROOT / "src" / "copyedit" / "names_registry" / "data" / "registry.jsonl"
BEGIN, END = "  # BEGIN registry places\n", "  # END registry places\n"
SCOWL_SIZE = 80  # 95 has "tokyo" and "kathmandu" in lower case
PLACES = ("city", "country", "region")
# Places whose lower-case name English writes as a word that SCOWL lacks: "georgia" (the typeface), "niger"
# (Aspergillus niger), "chile" (the pepper), "brussels" (sprouts), "vienna" (a loaf or sausage), "palau" (the
# rice dish, pulao: a post-editor kept "palau briyani"); and two that human text has in lower case as other words:
# "big brest arms" (a post-editor's typo for breast), "a second kobe from a bird" (MLQE-PE post-edits).
LOWER_CASE_WORDS = frozenset({"georgia", "niger", "chile", "brussels", "vienna", "palau", "brest", "kobe"})


def english_words(scowl: Path) -> set[str]:
    """SCOWL's words (not its proper names) up to :data:`SCOWL_SIZE`, as written."""
    words = {word.removesuffix("'s") for _, listed in word_lists(scowl, SCOWL_SIZE) for word in listed}
    if not words:
        raise SystemExit(f"{scowl}: no SCOWL word lists there (apt-get install scowl)")
    return words


def places(words: set[str], listed: set[str]) -> dict[str, str]:
    """Each registry place's lower-case name → its English name, when no other place shares the lower-case form."""
    found: dict[str, str | None] = {}
    with open(REGISTRY, encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if entry.get("type") not in PLACES:
                continue
            for name in [entry["en"], *entry.get("alt", [])]:
                lower = name.lower()
                if lower == name or lower in listed or lower in LOWER_CASE_WORDS:
                    continue
                if not any(
                    len(word) >= 4 and word.isalpha() and word not in words for word in re.findall(r"\w+", lower)
                ):
                    continue
                found[lower] = name if found.get(lower, name) == name else None
    return {lower: name for lower, name in sorted(found.items()) if name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    args = parser.parse_args()
    text = RULE.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise SystemExit(f"{RULE}: needs one {BEGIN.strip()!r} line and, after it, one {END.strip()!r} line")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    by_hand = set(yaml.safe_load(head + tail)["swap"])
    nationalities = set(yaml.safe_load(NATIONALITIES.read_text(encoding="utf-8"))["swap"])
    found = places(english_words(args.scowl), by_hand | nationalities)
    block = "".join(
        f"  {json.dumps(lower, ensure_ascii=False)}: {json.dumps(name, ensure_ascii=False)}\n"
        for lower, name in found.items()
    )
    RULE.write_text(head + BEGIN + block + END + tail, encoding="utf-8")
    print(f"{RULE}: {len(found)} registry places")


if __name__ == "__main__":
    main()
