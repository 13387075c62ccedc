"""Precision and recall of each rule against human MQM error annotations.

Every system's translation of every document of ``mqm/wmt23_generalMT_news_zhen.segments.jsonl``
is checked with all built-in packs (segments joined by line breaks, so quotations may span them). A finding counts as right when its span overlaps a target-side
error span, marked by any rater, of a category its rule targets (``CATEGORIES``). Precision is
per rule code (goal: ≥ 0.8 for every rule that fires ≥ 20 times); recall is per MQM category:
the share of its (deduplicated) error spans that some finding of a mapped rule overlaps.

    .venv/bin/python benchmarks/accuracy_mqm.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import sys
from pathlib import Path
from typing import Iterator

import copyedit
from copyedit.engine import ruleset_for

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "corpora" / "mqm" / "wmt23_generalMT_news_zhen.segments.jsonl"
MIN_FIRINGS = 20
PRECISION_GOAL = 0.8

sys.path.insert(0, str(HERE))
from speed import commit, machine  # noqa: E402  (sibling script)

PUNCTUATION = ("Fluency/Punctuation",)
# What each family of rules targets, by code prefix (the longest matching prefix wins).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "C1": PUNCTUATION,  # quotation marks
    "C2": ("Fluency/Character encoding",),
    "C3": PUNCTUATION,  # spacing and punctuation
    "C4": ("Fluency/Grammar",),  # repetition
    "NM": ("Locale convention/Name format",),
}
# Rules from other packs are mapped by what their name says they look for.
NAME_HINTS: dict[str, tuple[str, ...]] = {
    "untranslated": ("Accuracy/Source language fragment",),
    "language": ("Accuracy/Source language fragment",),
    "consisten": ("Fluency/Inconsistency", "Terminology/Inconsistent"),
    "quote": PUNCTUATION,
    "punctuation": PUNCTUATION,
    "name": ("Locale convention/Name format",),
    "encoding": ("Fluency/Character encoding",),
    "mojibake": ("Fluency/Character encoding",),
    "repeat": ("Fluency/Grammar",),
    "doubled": ("Fluency/Grammar",),
}


def categories_for(code: str, name: str) -> tuple[str, ...]:
    """The MQM categories a rule targets; () when none is mapped.

    >>> categories_for("C303", "space-before-punctuation")
    ('Fluency/Punctuation',)
    >>> categories_for("Q201", "untranslated-fragment")
    ('Accuracy/Source language fragment',)
    >>> categories_for("TR101", "mid-government")
    ()
    """
    prefixes = [prefix for prefix in CATEGORIES if code.startswith(prefix)]
    if prefixes:
        return CATEGORIES[max(prefixes, key=len)]
    for hint, categories in NAME_HINTS.items():
        if hint in name:
            return categories
    return ()


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Spans overlap when they share a character (a zero-width finding touches its position).

    >>> overlaps(3, 5, 4, 9), overlaps(3, 5, 5, 9), overlaps(4, 4, 3, 5)
    (True, False, True)
    """
    return start < other_end and other_start < max(end, start + 1)


def documents_of(path: Path) -> Iterator[tuple[str, set[tuple[str, int, int]]]]:
    """Each system's translation of each document: its segments joined by line breaks (one
    paragraph, so a quotation may run over several segments as it does in the article), and
    the target-side error spans moved to document offsets. A span marked by several raters
    counts once; the few errors that mark no span are left out."""
    grouped: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        grouped[(row["system"], row["doc"])].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda row: int(row["seg_id"]))
        offset = 0
        errors: set[tuple[str, int, int]] = set()
        for row in rows:
            for e in row["errors"]:
                if e["span_side"] == "target" and e["start"] is not None:
                    errors.add((e["category"], offset + e["start"], offset + e["end"]))
            offset += len(row["target"]) + 1
        yield "\n".join(row["target"] for row in rows), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"{args.data}: not found (is ../shared next to the project?)")
    names = {rule.code: rule.name for rule in ruleset_for(copyedit.Config()).rules}
    fired: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    category_spans: collections.Counter[str] = collections.Counter()
    category_found: collections.Counter[str] = collections.Counter()
    right_any: collections.Counter[str] = collections.Counter()
    segments = 0
    documents = 0
    for target, errors in documents_of(args.data):
        documents += 1
        segments += target.count("\n") + 1
        findings = copyedit.check(target).findings
        for category, start, end in errors:
            category_spans[category] += 1
            if any(
                category in categories_for(f.code, names.get(f.code, "")) and overlaps(f.span.start, f.span.end, start, end)
                for f in findings
            ):
                category_found[category] += 1
        for finding in findings:
            fired[finding.code] += 1
            targets = categories_for(finding.code, names.get(finding.code, ""))
            if any(
                category in targets and overlaps(finding.span.start, finding.span.end, start, end)
                for category, start, end in errors
            ):
                right[finding.code] += 1
            if any(overlaps(finding.span.start, finding.span.end, start, end) for _, start, end in errors):
                right_any[finding.code] += 1
    command = "python benchmarks/accuracy_mqm.py " + " ".join(argv if argv is not None else sys.argv[1:])
    out = [
        f"\n## Accuracy: precision and recall against MQM annotations — {datetime.date.today().isoformat()}\n",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- command: `{command.strip()}`",
        f"- data: `{args.data.name}`, {segments:,} segments checked as {documents:,} documents (each system's "
        "segments of a document joined by line breaks); a flag is right when it overlaps a target span of a mapped "
        "category marked by any rater; *any category* counts an overlap with a span of any category",
        "",
        f"| rule | name | MQM categories | fired | right | precision | goal (≥ {PRECISION_GOAL} when fired ≥ {MIN_FIRINGS}) "
        "| precision, any category |",
        "|---|---|---|---:|---:|---:|---|---:|",
    ]
    for code in sorted(fired):
        targets = categories_for(code, names.get(code, ""))
        precision = right[code] / fired[code]
        verdict = "n/a (unmapped)" if not targets else (
            "too few firings" if fired[code] < MIN_FIRINGS else "met" if precision >= PRECISION_GOAL else "**missed**"
        )
        out.append(
            f"| {code} | {names.get(code, '')} | {', '.join(targets) or '—'} | {fired[code]} | {right[code]} "
            f"| {precision:.2f} | {verdict} | {right_any[code] / fired[code]:.2f} |"
        )
    out += ["", "| MQM category (target side) | error spans | found by a mapped rule | recall |", "|---|---:|---:|---:|"]
    mapped = sorted({c for cats in list(CATEGORIES.values()) + list(NAME_HINTS.values()) for c in cats})
    for category in mapped:
        spans = category_spans.get(category, 0)
        recall = f"{category_found[category] / spans:.3f}" if spans else "—"
        out.append(f"| {category} | {spans:,} | {category_found.get(category, 0):,} | {recall} |")
    text = "\n".join(out) + "\n"
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
