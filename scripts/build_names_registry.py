"""Rebuild the shipped names and places registry from its named sources.

    pip install -e '.[names-build]' && python scripts/build_names_registry.py

Writes src/copyedit/names_registry/data/registry.jsonl (see copyedit.names_registry.build).
"""

from __future__ import annotations

import sys
from pathlib import Path

from english_words import get_english_words_set

from copyedit.names_registry.build import build

OUT = Path(__file__).resolve().parent.parent / "src" / "copyedit" / "names_registry" / "data" / "registry.jsonl"


def main() -> int:
    counts = build(OUT, get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
    for kind, count in sorted(counts.items()):
        print(f"{kind}: {count}")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
