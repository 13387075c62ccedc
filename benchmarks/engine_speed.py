"""The engine's speed goals of issue 13, measured in one run: CPU time, not wall time.

- ``check`` with all built-in packs, MB/s of CPU on BBC news (``clean-news-bbc``) and on the
  ``wmt23-news`` MT outputs (every system's output of every document, joined into paragraphs);
- the same texts through one ``re`` word-tokenising pass (``re.findall(r"\\w+")``), and ``check``'s
  cost as a multiple of it (goal ≤ 8×);
- ``fix`` (safe fixes, and with unsafe fixes), CPU milliseconds per 5 KB of BBC text (goal ≤ 3).

Each figure is the best of ``--runs`` runs (the least disturbed by other work on the machine);
the texts are read before timing starts. ``--append FILE`` adds the Markdown section to FILE.

    .venv/bin/python benchmarks/engine_speed.py --runs 3 --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import time
from pathlib import Path
from typing import Callable, Sequence

import copyedit
from speed import commit  # benchmarks/ is on the path when a script here runs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPORA = ROOT.parent / "shared" / "corpora"
WORD = re.compile(r"\w+")


def bbc_texts(corpora: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((corpora / "clean-news-bbc" / "articles").rglob("*.txt"))]


def wmt23_mt_texts(corpora: Path) -> list[str]:
    texts = []
    with gzip.open(corpora / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            for paragraphs in json.loads(line)["hypotheses"].values():
                texts.append("\n\n".join(" ".join(p) if isinstance(p, list) else p for p in paragraphs))
    return texts


def best_cpu(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def megabytes(texts: Sequence[str]) -> float:
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the best is reported (3)")
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    corpora = {"BBC news": bbc_texts(args.corpora), "wmt23-news MT outputs": wmt23_mt_texts(args.corpora)}
    copyedit.check("Warm up: the rules compile once.")
    rows = []
    for name, texts in corpora.items():
        size = megabytes(texts)
        check = best_cpu(lambda: [copyedit.check(text) for text in texts], args.runs)
        words = best_cpu(lambda: [WORD.findall(text) for text in texts], args.runs)
        rows.append(f"| check, {name} | {len(texts):,} | {size:.2f} | {check:.2f} | {size / check:.2f} | {check / words:.1f}× |")
    bbc = corpora["BBC news"]
    per_5kb = 5000 / (megabytes(bbc) * 1e6) * 1000
    fix_safe = best_cpu(lambda: [copyedit.fix(text) for text in bbc], args.runs)
    fix_unsafe = best_cpu(lambda: [copyedit.fix(text, unsafe=True) for text in bbc], args.runs)
    load_after = os.getloadavg()[0]

    lines = [
        f"## Engine speed (issue 13) — {datetime.date.today().isoformat()}",
        "",
        f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}; "
        f"load average {load_before:.1f} at the start, {load_after:.1f} at the end",
        f"- commit: {commit()}",
        f"- command: `python benchmarks/engine_speed.py --runs {args.runs}`; CPU seconds, best of {args.runs} runs",
        "",
        "| what | documents | MB | CPU s | MB/s | × one `re` word pass |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"- `fix` of BBC news, safe fixes: {fix_safe * per_5kb:.2f} ms CPU per 5 KB (goal ≤ 3); "
        f"with unsafe fixes: {fix_unsafe * per_5kb:.2f} ms",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.append:
        with args.append.open("a", encoding="utf-8") as out:
            out.write("\n" + report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
