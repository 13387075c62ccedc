"""Flags of chosen rules judged against professional post-edits.

``postedits/mlqe_pe_x2en.dev.jsonl.gz`` has 32,000 MT sentences (et, ne, ro, si → en) with their
source and a post-editor's version. Each MT sentence is checked with its source by the rules
given (``--codes``), and so is its post-edit. Per rule:

- **flags on MT**, and on how many sentences (repaired and kept, below);
- of those sentences, how many the post-editor's version no longer draws a flag on (**repaired**: the
  post-editor repaired what the rule reported, or rewrote it away) and how many it still does
  (**kept**: a wrong flag, or something these post-editors did not repair, such as a decimal comma);
- **flags on the post-edits** themselves (human text against the same source).

The accuracy harness measures the same for every rule (``postedit_flags`` in each rule's
``measured:`` block); this script runs it alone in seconds, for the rules given, and lists what it
flagged in ``--review`` (default ``benchmarks/.work/postedit-flags.md``, outside git: it quotes the corpus).

Usage: python benchmarks/postedit_flags.py [--codes LQ216] [--every N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "accuracy"))
import corpora  # the accuracy harness's readers
from harness import postedit_flag_verdicts

from copyedit import Config

ROOT = Path(__file__).resolve().parent.parent


def _judge(task: tuple[tuple[str, ...], list[corpora.PostEdit]]) -> tuple[Counter[tuple[str, str]], list[str]]:
    codes, rows = task
    config = Config(select=codes)
    counts: Counter[tuple[str, str]] = Counter()
    review: list[str] = []
    for row in rows:
        on_mt, on_pe = postedit_flag_verdicts(row, config)
        for code in codes:
            counts[code, "pe flags"] += on_pe[code]
            if not on_mt[code]:
                continue
            verdict = "kept" if on_pe[code] else "repaired"
            counts[code, "mt flags"] += on_mt[code]
            counts[code, verdict] += 1
            review.append(f"- {code} {verdict} ({row.id})\n  - source: {row.src}\n  - MT: {row.mt}\n  - post-edit: {row.pe}\n")
    return counts, review


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--codes", default="LQ216", help="comma-separated rule codes (LQ216)")
    parser.add_argument("--every", type=int, default=1, help="use every Nth sentence (1: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--review", type=Path, default=ROOT / "benchmarks" / ".work" / "postedit-flags.md")
    args = parser.parse_args(argv)
    codes = tuple(code.strip() for code in args.codes.split(",") if code.strip())
    rows = list(corpora.post_edits(args.corpora))[:: args.every]
    chunks = [(codes, rows[start : start + 500]) for start in range(0, len(rows), 500)]
    with multiprocessing.Pool(args.jobs) as pool:
        results = pool.map(_judge, chunks)
    counts: Counter[tuple[str, str]] = sum((counted for counted, _ in results), Counter())
    args.review.parent.mkdir(parents=True, exist_ok=True)
    args.review.write_text("".join(line for _, review in results for line in review), encoding="utf-8")
    print(f"{len(rows):,} post-edited sentences with their sources; flagged sentences in {args.review}\n")
    print("| rule | flags on MT | MT sentences | repaired | kept | repaired ÷ flagged | flags on the post-edits |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for code in codes:
        judged = counts[code, "repaired"] + counts[code, "kept"]
        share = f"{counts[code, 'repaired'] / judged:.2f}" if judged else "—"
        print(
            f"| {code} | {counts[code, 'mt flags']} | {judged} | {counts[code, 'repaired']} | "
            f"{counts[code, 'kept']} | {share} | {counts[code, 'pe flags']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
