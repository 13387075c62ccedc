"""Bilingual checks (LQ2xx) on WMT news: flags per 1,000 words on MT output vs human references.

Reads ``../shared/corpora/wmt-news/wmt21-22_toen_news_docs.jsonl`` (357 ru/ja/is → en news
documents with source, references and every system's output). Each translation is checked
against its source paragraph by paragraph with ``copyedit.check(text, source=..., source_lang=...)``.
Reports flags per 1,000 words for MT output and for references, per rule and overall (goal:
MT >= 3x references), and the 20 most frequent flags on references (false positives to study).

Usage: python benchmarks/qa_wmt.py [--corpus FILE] [--limit N] [--results benchmarks/RESULTS.md]
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

import regex

import copyedit
from copyedit import Config

ROOT = Path(__file__).resolve().parent.parent
CODES = ("LQ201", "LQ202", "LQ203", "LQ204", "LQ205")


def as_text(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(segment.strip() for segment in paragraph) for paragraph in paragraphs)


def words(text: str) -> int:
    return len(regex.findall(r"\w+", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt-news" / "wmt21-22_toen_news_docs.jsonl"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--results", type=Path, default=None)
    args = parser.parse_args()
    config = Config(select=CODES)
    counts = {"mt": Counter(), "ref": Counter()}
    word_totals = Counter()
    reference_flags: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    documents = 0
    with args.corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if args.limit is not None and documents >= args.limit:
                break
            doc = json.loads(line)
            documents += 1
            source = as_text(doc["source"])
            lang = doc["lp"].split("-")[0]
            sides = [("ref", p) for p in doc["references"].values()] + [("mt", p) for p in doc["hypotheses"].values()]
            for side, paragraphs in sides:
                text = as_text(paragraphs)
                word_totals[side] += words(text)
                for finding in copyedit.check(text, source=source, source_lang=lang, config=config).findings:
                    counts[side][finding.code] += 1
                    if side == "ref":
                        reference_flags[(finding.code, finding.text[:40])] += 1
    elapsed = time.perf_counter() - started
    out = [f"{documents} documents, {word_totals['mt']:,} MT words, {word_totals['ref']:,} reference words, {elapsed:.0f} s"]
    out.append("")
    out.append("| rule | MT flags / 1k words | reference flags / 1k words | ratio |")
    out.append("|---|---|---|---|")
    for code in CODES + ("all",):
        mt = sum(counts["mt"].values()) if code == "all" else counts["mt"][code]
        ref = sum(counts["ref"].values()) if code == "all" else counts["ref"][code]
        mt_rate, ref_rate = 1000 * mt / max(1, word_totals["mt"]), 1000 * ref / max(1, word_totals["ref"])
        ratio = f"{mt_rate / ref_rate:.1f}×" if ref_rate else "–"
        out.append(f"| {code} | {mt_rate:.2f} | {ref_rate:.2f} | {ratio} |")
    out.append("")
    out.append("20 most frequent flags on references:")
    for (code, text), count in reference_flags.most_common(20):
        out.append(f"- {count} × {code} “{text}”")
    report = "\n".join(out)
    print(report)
    if args.results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        limit = f" --limit {args.limit}" if args.limit else ""
        header = (
            f"\n## qa_wmt ({date.today()}, {platform.machine()}, {cores} cores, commit {commit})\n\n"
            f"`python benchmarks/qa_wmt.py{limit} --results benchmarks/RESULTS.md`\n\n"
        )
        with args.results.open("a", encoding="utf-8") as handle:
            handle.write(header + report + "\n")


if __name__ == "__main__":
    main()
