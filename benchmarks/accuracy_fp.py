"""False positives on professionally edited English news, per rule code.

Runs ``copyedit.check`` and ``copyedit.fix`` (safe fixes only, all built-in packs) over
``clean-news-bbc`` (duplicates skipped) and ``wmt-news/references``, and reports findings per
1,000 words and safe edits per 100,000 words (goal: ≤ 1), counting apart the edits that only
change whitespace (harmless, invisible to a reader) and those that change words or punctuation
(the figure that matters). Every safe edit is listed in
``benchmarks/review-safe-edits.md`` with only the matched snippet and a few characters around
it, for an editor to mark as a real error (counts for us) or an over-correction (against).

    .venv/bin/python benchmarks/accuracy_fp.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import copyedit

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
REVIEW = HERE / "review-safe-edits.md"
CONTEXT = 20  # characters of corpus text shown on each side of a safe edit

sys.path.insert(0, str(HERE))
from speed import commit, machine  # noqa: E402  (sibling script)


@dataclass
class Tally:
    name: str
    articles: int = 0
    words: int = 0
    findings: collections.Counter[str] = field(default_factory=collections.Counter)
    safe_edits: collections.Counter[str] = field(default_factory=collections.Counter)
    word_edits: collections.Counter[str] = field(default_factory=collections.Counter)  # not whitespace only
    review: list[str] = field(default_factory=list)


def whitespace_only(old: str, new: str) -> bool:
    """Whether replacing ``old`` by ``new`` changes nothing but whitespace (a space before a full
    stop is whitespace too: the words and the punctuation stay the same).

    >>> whitespace_only("  ", " "), whitespace_only(" ", ""), whitespace_only(" .", "."), whitespace_only("the ", "")
    (True, True, True, False)
    """
    return "".join(old.split()) == "".join(new.split())


def bbc_articles(root: Path) -> list[Path]:
    """The BBC articles, without the 98 exact duplicates the manifest marks."""
    rows = [json.loads(line) for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [root / row["path"] for row in rows if not row.get("duplicate_of")]


def snippet(text: str, start: int, end: int) -> str:
    """The edited range in brackets with a little context, on one line.

    >>> snippet("He said  that it was over.", 7, 9)
    'He said[  ]that it was over.'
    """
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"{before}[{text[start:end]}]{after}".replace("\n", "⏎")


def tally(name: str, paths: list[Path], root: Path) -> Tally:
    result = Tally(name)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        result.articles += 1
        result.words += len(text.split())
        result.findings.update(finding.code for finding in copyedit.check(text).findings)
        for applied in copyedit.fix(text).applied:
            for edit in applied.edits:
                code = "+".join(applied.codes)
                result.safe_edits[code] += 1
                spacing = whitespace_only(text[edit.start : edit.end], edit.replacement)
                if not spacing:
                    result.word_edits[code] += 1
                result.review.append(
                    f"| {path.relative_to(root)} | {code} | {'whitespace' if spacing else 'words'} "
                    f"| `{snippet(text, edit.start, edit.end)}` | `{edit.replacement.replace(chr(10), '⏎')}` | |"
                )
    return result


def report(tallies: list[Tally], command: str) -> str:
    lines = [
        f"\n## Accuracy: false positives on edited news — {datetime.date.today().isoformat()}\n",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- command: `{command}`",
        f"- every safe edit is listed for review in `benchmarks/{REVIEW.name}`",
        "",
        "- *words*: safe edits that change words or punctuation; *whitespace*: safe edits that only "
        "change spacing (trailing spaces, doubled spaces, a space before punctuation), still edits",
        "",
        "| corpus | articles | words | findings / 1,000 words | safe edits | of which whitespace only "
        "| safe edits / 100,000 words (goal ≤ 1) | word-changing safe edits / 100,000 words |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in tallies:
        findings, edits, words = sum(t.findings.values()), sum(t.safe_edits.values()), sum(t.word_edits.values())
        lines.append(
            f"| {t.name} | {t.articles:,} | {t.words:,} | {findings / t.words * 1000:.2f} | {edits:,} "
            f"| {edits - words:,} | {edits / t.words * 100_000:.2f} | **{words / t.words * 100_000:.2f}** |"
        )
    lines += ["", "| rule | " + " | ".join(f"{t.name} findings | safe edits (words) " for t in tallies) + " |"]
    lines.append("|---|" + "---:|---:|" * len(tallies))
    codes = sorted(set().union(*(set(t.findings) | set(t.safe_edits) for t in tallies)))
    for code in codes:
        cells = " | ".join(
            f"{t.findings.get(code, 0)} | {t.safe_edits.get(code, 0)} ({t.word_edits.get(code, 0)})" for t in tallies
        )
        lines.append(f"| {code} | {cells} |")
    return "\n".join(lines) + "\n"


def write_review(tallies: list[Tally]) -> None:
    lines = [
        "# Safe edits on professionally edited news, for review",
        "",
        "Written by `benchmarks/accuracy_fp.py`; the corpora are not part of the project, so only",
        f"the edited range (in brackets) and {CONTEXT} characters on each side are shown.",
        "Verdict: **real** (an error in the edited text, found) or **over** (an over-correction).",
        "",
    ]
    for t in tallies:
        lines += [
            f"## {t.name}", "", "| file | rule | changes | text | replacement | verdict |", "|---|---|---|---|---|---|"
        ]
        lines += t.review or ["| (none) | | | | | |"]
        lines.append("")
    REVIEW.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="the shared corpora folder")
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    args = parser.parse_args(argv)
    bbc_root = args.corpora / "clean-news-bbc"
    wmt_root = args.corpora / "wmt-news" / "references"
    for folder in (bbc_root, wmt_root):
        if not folder.is_dir():
            parser.error(f"{folder}: not found (is ../shared next to the project?)")
    tallies = [
        tally("clean-news-bbc", bbc_articles(bbc_root), bbc_root),
        tally("wmt-news/references", sorted(wmt_root.glob("*.txt")), wmt_root),
    ]
    command = "python benchmarks/accuracy_fp.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(tallies, command.strip())
    write_review(tallies)
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
