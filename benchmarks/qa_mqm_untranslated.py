"""Untranslated text: precision and recall against MQM labels, and the language check's cost.

1. ``../shared/corpora/mqm/wmt23_generalMT_news_zhen.segments.jsonl``: 3,770 MT segments
   (zh → en) with human MQM error spans. The untranslated-text rules (LQ101 sentence in
   another language, LQ103 fragment in another script) run on every target; a flag is right
   when it overlaps a target span labelled ``Accuracy/Source language fragment`` or
   ``Non-translation!``; a labelled span is found when a flag overlaps it.
2. ``../shared/corpora/clean-news-bbc/``: the whole default pipeline over the BBC articles,
   with and without the language rules (LQ1), to measure what the language check costs on
   English news (goal: at most 20% of the pipeline) and how often it flags edited English.

Usage: python benchmarks/qa_mqm_untranslated.py [--bbc-limit N] [--results benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import time
from collections import Counter
from datetime import date
from pathlib import Path

import copyedit
from copyedit import Config

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
CATEGORIES = ("Accuracy/Source language fragment", "Non-translation!")
LANGUAGE_RULES = ("LQ101", "LQ102", "LQ103")


def mqm(path: Path) -> list[str]:
    config = Config(select=LANGUAGE_RULES)
    flags = right = labelled = found = 0
    per_code: Counter[str] = Counter()
    right_per_code: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            gold = {
                (e["start"], e["end"])
                for e in row["errors"]
                if e["category"] in CATEGORIES and e["span_side"] == "target"
            }
            result = copyedit.check(row["target"], config=config)
            spans = [(f.span.start, max(f.span.end, f.span.start + 1), f.code) for f in result.findings]
            for start, end, code in spans:
                hit = any(start < g_end and g_start < end for g_start, g_end in gold)
                flags += 1
                right += hit
                per_code[code] += 1
                right_per_code[code] += hit
            labelled += len(gold)
            found += sum(any(start < g_end and g_start < end for start, end, _ in spans) for g_start, g_end in gold)
    out = [
        f"- MQM zh→en, {', '.join(CATEGORIES)}: {labelled} labelled target spans; {flags} flags; "
        f"precision {right / max(1, flags):.3f}, recall {found / max(1, labelled):.3f}"
    ]
    for code in sorted(per_code):
        out.append(f"  - {code}: {per_code[code]} flags, precision {right_per_code[code] / per_code[code]:.3f}")
    return out


def bbc_cost(folder: Path, limit: int | None) -> list[str]:
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [(folder / row["path"]).read_text(encoding="utf-8") for row in manifest if row["duplicate_of"] is None]
    texts = texts[:limit] if limit else texts
    size = sum(len(t.encode("utf-8")) for t in texts)
    with_language, without_language = Config(), Config(ignore=("LQ1",))
    for config in (with_language, without_language):
        copyedit.check(texts[0], config=config)  # compile the rule sets outside the timing
    from copyedit.qa.language import detect_language

    started = time.perf_counter()
    detect_language("Ein kurzer Satz auf Deutsch, um die Profile zu laden.")  # once per process, timed apart
    load = time.perf_counter() - started
    timings = {}
    flagged: Counter[str] = Counter()
    for label, config in (("without", without_language), ("with", with_language)):
        started = time.perf_counter()
        for text in texts:
            result = copyedit.check(text, config=config)
            if label == "with":
                flagged.update(f.code for f in result.findings if f.code.startswith("LQ1"))
        timings[label] = time.perf_counter() - started
    share = (timings["with"] - timings["without"]) / timings["with"]
    return [
        f"- BBC news, {len(texts)} articles, {size / 1e6:.2f} MB: whole default pipeline {timings['with']:.1f} s "
        f"({size / 1e6 / timings['with']:.2f} MB/s), without LQ1 {timings['without']:.1f} s: the language rules cost "
        f"{100 * share:.1f}% of the pipeline (plus {load:.1f} s once per process to load langdetect's profiles); "
        f"flags on edited English: {dict(flagged) or 'none'}"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mqm", type=Path, default=CORPORA / "mqm" / "wmt23_generalMT_news_zhen.segments.jsonl")
    parser.add_argument("--bbc", type=Path, default=CORPORA / "clean-news-bbc")
    parser.add_argument("--bbc-limit", type=int, default=None, help="only the first N BBC articles")
    parser.add_argument("--results", type=Path, default=None)
    args = parser.parse_args()
    lines = mqm(args.mqm) + bbc_cost(args.bbc, args.bbc_limit)
    print("\n".join(lines))
    if args.results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        limit = f" --bbc-limit {args.bbc_limit}" if args.bbc_limit else ""
        header = (
            f"\n## qa_mqm_untranslated ({date.today()}, {platform.machine()}, {cores} cores, commit {commit})\n\n"
            f"`python benchmarks/qa_mqm_untranslated.py{limit} --results benchmarks/RESULTS.md`\n\n"
        )
        with args.results.open("a", encoding="utf-8") as handle:
            handle.write(header + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
