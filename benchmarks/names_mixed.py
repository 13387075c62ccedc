"""Names spelt in two transliteration systems at once: recall of the fuzzy name index, and false matches.

MT and wire copy mix systems within one name ("Fedor Semyonov" for Фёдор Семёнов, registered as Fedor
Semenov and Fyodor Semyonov). Two measures:

- registry: every person of the built-in names registry (:func:`copyedit.qa.names.registry_people`, in one
  :class:`~copyedit.qa.names.NameIndex`, denser than the one-person index LQ204 builds) and of the ``names``
  pack (:func:`~copyedit.qa.names.registry_index`) whose registered spellings of one number of words differ
  per word: every combination of words taken from different spellings that is not itself registered is
  looked up; recall is the share mapped to that person (the others are unmatched or ambiguous, never
  another person's: that is counted too);
- Wikidata (``../shared/corpora/names/wd_{russian,arabic}_latin_variant_groups.jsonl``, one token per
  group): people of two words are made of consecutive groups with at least two spellings (group 2k's, group
  2k+1's); every tenth is registered with two spellings, each group's two commonest (first words together,
  second words together), and looked up as the two mixes; the spellings (all four combinations of the two
  commonest of each word) of the other, unregistered people that the index maps to a registered person whose
  groups do not hold both words are the false matches (an upper bound: Wikidata splits some names in two
  groups).

Usage: python benchmarks/names_mixed.py [--corpus ../shared/corpora/names]
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

from copyedit.qa.names import NameIndex, RegistryEntry, registry_entries, registry_index, registry_people, split_tokens

ROOT = Path(__file__).resolve().parent.parent


def mixes(entry: RegistryEntry) -> set[str]:
    """The spellings made of words of an entry's spellings of one number of words, each in its position, that
    are not themselves registered."""
    spellings = {entry.canonical, *entry.accepted, *entry.spellings}
    by_count: dict[int, set[tuple[str, ...]]] = {}
    for spelling in spellings:
        tokens = split_tokens(spelling)
        by_count.setdefault(len(tokens), set()).add(tokens)
    found = set()
    for count, spelt in by_count.items():
        positions = [sorted({tokens[i] for tokens in spelt}) for i in range(count)]
        found |= {" ".join(words) for words in itertools.product(*positions) if words not in spelt}
    return found - spellings


def registry_recall(entries: tuple[RegistryEntry, ...], index: NameIndex) -> dict[str, int]:
    looked_up = found = other = 0
    for entry in entries:
        for spelling in sorted(mixes(entry)):
            looked_up += 1
            match = index.lookup(spelling)
            found += match is not None and match.canonical == entry.canonical
            other += match is not None and match.canonical != entry.canonical
    return {"looked up": looked_up, "found": found, "another person": other}


def load_groups(path: Path) -> list[list[str]]:
    """Each group's spellings, commonest first, of the groups with at least two."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        counts = row["latin_variants"]
        spellings = sorted((s for s in row["latin_variants_filtered"] if s.isalpha()), key=lambda s: (-counts.get(s, 0), s))
        if len(spellings) >= 2:
            groups.append([s.capitalize() for s in spellings])
    return groups


def wikidata(groups: list[list[str]]) -> dict[str, int]:
    people = [(groups[k], groups[k + 1]) for k in range(0, len(groups) - 1, 2)]
    registered = people[::10]
    index = NameIndex({f"{a[0]} {b[0]}": [f"{a[1]} {b[1]}"] for a, b in registered})
    owners = {f"{a[0]} {b[0]}": (set(a), set(b)) for a, b in registered}
    looked_up = found = 0
    for a, b in registered:
        for spelling in (f"{a[0]} {b[1]}", f"{a[1]} {b[0]}"):
            looked_up += 1
            match = index.lookup(spelling)
            found += match is not None and match.canonical == f"{a[0]} {b[0]}"
    unregistered = taken = 0
    for position, (a, b) in enumerate(people):
        if position % 10 == 0:
            continue
        for first, last in itertools.product(a[:2], b[:2]):
            unregistered += 1
            match = index.lookup(f"{first} {last}")
            if match is not None:
                own_first, own_last = owners[match.canonical]
                taken += not (first.lower() in {s.lower() for s in own_first} and last.lower() in {s.lower() for s in own_last})
    return {"registered": len(registered), "looked up": looked_up, "found": found, "unregistered spellings": unregistered, "taken": taken}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "names")
    args = parser.parse_args()
    started = time.perf_counter()
    people = registry_people()
    people_index = NameIndex({entry.canonical: (*entry.accepted, *entry.spellings) for entry in people})
    for label, entries, index in (
        ("names registry people", people, people_index),
        ("names pack", registry_entries(("names",)), registry_index(("names",))),
    ):
        figures = registry_recall(entries, index)
        recall = figures["found"] / figures["looked up"] if figures["looked up"] else 0.0
        print(
            f"- {label}: {figures['looked up']} mixed spellings, recall {recall:.3f} ({figures['found']}); "
            f"taken for another person {figures['another person']}"
        )
    for script in ("russian", "arabic"):
        figures = wikidata(load_groups(args.corpus / f"wd_{script}_latin_variant_groups.jsonl"))
        print(
            f"- Wikidata {script}: {figures['registered']} registered people of two words, {figures['looked up']} mixed "
            f"spellings, recall {figures['found'] / figures['looked up']:.3f} ({figures['found']}); unregistered "
            f"spellings taken for a registered person {figures['taken']} of {figures['unregistered spellings']}"
        )
    print(f"- {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
