"""Names across spellings: recall of the fuzzy name index, and whether distinct names merge.

Reads ``../shared/corpora/names/wd_{russian,arabic}_latin_variant_groups.jsonl`` (Wikidata:
one Cyrillic or Arabic token, every Latin spelling seen for it). For each script, every
group's most frequent spelling is registered in one :class:`copyedit.qa.names.NameIndex`
(thousands of names, far denser than a real registry, which makes merging more likely),
then every other spelling is looked up:

- recall: share of spellings within edit distance 2 of the registered one that the index
  maps to it (goal >= 0.9);
- merged groups: pairs of groups where a spelling of one is mapped to the other's name
  (goal 0). Groups that share a registered spelling (джон and جون both give "john") are the
  same Latin name and count as one. The goal cannot be met with any fuzzy reach: a spelling
  within reach of its own name and another's is ambiguous and never matched, so every merge
  is a spelling that as a string is within reach of another name only ("janowski" of
  yanovsky's group, near Jankowski; "deer" of dear's, the skeleton of Der). Ambiguity also
  makes the count fall when the reach grows (more spellings near two names): it does not
  measure precision alone;
- unregistered taken for registered: with every tenth group's name registered (a registry of
  1,468 / 722 names, as many people as a real one holds), the spellings of the other groups'
  people that the index maps to a registered name whose group does not hold the spelling: the
  people a text names that a registry would take for someone it knows. Wikidata splits some names into
  two groups (mathieu, matthieu), so not every one is wrong; it grows with the reach, as real
  false matches do.

Usage: python benchmarks/qa_names.py [--corpus ../shared/corpora/names] [--results benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from copyedit.qa.names import NameIndex

ROOT = Path(__file__).resolve().parent.parent


def load_groups(path: Path) -> dict[str, set[str]]:
    """Registered spelling -> every spelling of the groups that register it."""
    entities: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spellings = [s for s in row["latin_variants_filtered"] if s.isalpha()]
        if not spellings:
            continue
        counts = row["latin_variants"]
        top = max(spellings, key=lambda s: (counts.get(s, 0), s))
        entities[top] |= set(spellings)
    return entities


def measure(entities: dict[str, set[str]]) -> dict[str, object]:
    """Recall with each name registered on its own (a registry knows that person), merges
    with every name of the script registered at once (a registry far denser than any real
    one), and the people a registry of every tenth name would take for someone it knows."""
    dense = NameIndex({name.capitalize(): [name.capitalize()] for name in entities})
    owners: dict[str, set[str]] = defaultdict(set)
    for name, spellings in entities.items():
        for spelling in spellings:
            owners[spelling].add(name)
    near = found = found_dense = looked_up = 0
    merged: set[tuple[str, str]] = set()
    for name, spellings in entities.items():
        alone = NameIndex({name.capitalize(): [name.capitalize()]})
        for spelling in sorted(spellings - {name}):
            looked_up += 1
            match = dense.lookup(spelling.capitalize())
            answer = match.canonical.lower() if match else None
            if Levenshtein.distance(spelling, name) <= 2:
                near += 1
                found += alone.lookup(spelling.capitalize()) is not None
                found_dense += answer == name
            if answer is not None and answer != name and answer not in owners[spelling]:
                merged.add(tuple(sorted((name, answer))))  # type: ignore[arg-type]
    sparse_names = set(sorted(entities)[::10])
    sparse = NameIndex({name.capitalize(): [name.capitalize()] for name in sorted(sparse_names)})
    unregistered = taken = 0
    for name, spellings in entities.items():
        if name in sparse_names:
            continue
        for spelling in spellings:
            unregistered += 1
            match = sparse.lookup(spelling.capitalize())
            taken += match is not None and match.canonical.lower() not in owners[spelling]
    return {
        "groups": len(entities),
        "sparse registry": len(sparse_names),
        "unregistered spellings": unregistered,
        "taken for registered": taken,
        "spellings looked up": looked_up,
        "spellings within distance 2": near,
        "recall": found / near if near else 0.0,
        "recall dense": found_dense / near if near else 0.0,
        "merged group pairs": len(merged),
        "examples": sorted(merged)[:6],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "names")
    parser.add_argument("--results", type=Path, default=None, help="append a summary to this Markdown file")
    args = parser.parse_args()
    lines = []
    for script in ("russian", "arabic"):
        started = time.perf_counter()
        figures = measure(load_groups(args.corpus / f"wd_{script}_latin_variant_groups.jsonl"))
        elapsed = time.perf_counter() - started
        line = (
            f"- {script}: {figures['groups']} registered names, {figures['spellings within distance 2']} spellings "
            f"within edit distance 2: recall {figures['recall']:.3f} (registered alone), "
            f"{figures['recall dense']:.3f} (all registered at once); merged group pairs (all registered) "
            f"{figures['merged group pairs']} {figures['examples']}; unregistered spellings taken for one of "
            f"{figures['sparse registry']} registered names {figures['taken for registered']} of "
            f"{figures['unregistered spellings']}; {elapsed:.1f} s"
        )
        print(line)
        lines.append(line)
    if args.results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        header = (
            f"\n## qa_names ({date.today()}, {platform.machine()} {platform.processor() or ''}, "
            f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, commit {commit})\n\n"
            f"`python benchmarks/qa_names.py --results benchmarks/RESULTS.md`\n\n"
        )
        with args.results.open("a", encoding="utf-8") as out:
            out.write(header + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
