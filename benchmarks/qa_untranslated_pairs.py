"""Text copied from the source (LQ206 sentence, LQ207 fragment): recall and precision on the
biomedical MQM data, flags per 1,000 words on MT and on human references.

1. ``mqm/bio_mqm_x2en.dev.segments.jsonl.gz`` (de/es/fr → en, every system and the annotated
   references), read as whole documents by the accuracy harness's reader: recall of the
   target spans labelled ``Accuracy/Untranslated`` (found when a flag overlaps one), precision
   against those spans and against any rated error overlapping the flag.
2. ``wmt-news/`` and ``wmt23-news/``: flags per 1,000 words on every MT system's output and on
   the human references of the same documents, per language pair.

Flags are written to ``--review`` (default ``benchmarks/.work/qa-untranslated-flags.md``, outside
git: it quotes the corpora) for reading.

Usage: python benchmarks/qa_untranslated_pairs.py [--every N] [--jobs 2] [--codes LQ206,LQ207]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "accuracy"))
import corpora  # the accuracy harness's readers

import copyedit
from copyedit import Config

ROOT = Path(__file__).resolve().parent.parent
UNTRANSLATED = "Accuracy/Untranslated"
CODES: tuple[str, ...] = ("LQ206", "LQ207")


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def mqm_doc(doc: corpora.MqmDocument) -> tuple[Counter[str], list[str]]:
    tally: Counter[str] = Counter()
    notes: list[str] = []
    config = Config(select=CODES)
    findings = copyedit.check(doc.target, source=doc.source, source_lang=doc.source_lang, config=config).findings
    gold = [(s, e) for category, s, e in doc.errors if category == UNTRANSLATED]
    tally["spans"] += len(gold)
    tally["found"] += sum(any(_overlaps(f.span.start, f.span.end, s, e) for f in findings) for s, e in gold)
    for f in findings:
        hit = [c for c, s, e in doc.errors if _overlaps(f.span.start, f.span.end, s, e)]
        tally[f"{f.code} fired"] += 1
        tally[f"{f.code} right-any"] += bool(hit)
        tally[f"{f.code} right"] += UNTRANSLATED in hit
        mark = "TP" if UNTRANSLATED in hit else ("any" if hit else "FP")
        notes.append(f"- {mark} {f.code} {doc.id} “{doc.target[f.span.start:f.span.end][:80]}” {f.message[:100]}")
    for s, e in gold:
        if not any(_overlaps(f.span.start, f.span.end, s, e) for f in findings):
            notes.append(f"- MISS {doc.id} “{doc.target[s:e]}” in “{_around(doc.target, s, e)}”")
    return tally, notes


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def translation_doc(doc: corpora.Translations) -> tuple[Counter[str], list[str]]:
    tally: Counter[str] = Counter()
    notes: list[str] = []
    config = Config(select=CODES)
    lp = f"{doc.source_lang}"
    for side, texts in (("mt", doc.mt), ("ref", doc.human)):
        for name, text in texts.items():
            tally[f"{side} words {lp}"] += len(text.split())
            for f in copyedit.check(text, source=doc.source, source_lang=doc.source_lang, config=config).findings:
                tally[f"{side} {f.code} {lp}"] += 1
                if side == "ref" or len(notes) < 20:
                    notes.append(f"- {side} {f.code} {doc.id}/{name} “{text[f.span.start:f.span.end][:80]}” in “{_around(text, f.span.start, f.span.end)}”")
    return tally, notes


def _run(item: Any) -> tuple[Counter[str], list[str]]:
    return mqm_doc(item) if isinstance(item, corpora.MqmDocument) else translation_doc(item)


def main() -> None:
    global CODES
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--codes", default=",".join(CODES))
    parser.add_argument("--parts", default="mqm,translations")
    parser.add_argument("--review", type=Path, default=ROOT / "benchmarks" / ".work" / "qa-untranslated-flags.md")
    args = parser.parse_args()
    CODES = tuple(args.codes.split(","))
    items: list[Any] = []
    if "mqm" in args.parts:
        items += [d for d in corpora.mqm_documents(args.corpora) if d.corpus.startswith("MQM bio")]
    if "translations" in args.parts:
        items += list(corpora.translations(args.corpora))
    items = items[:: args.every]
    copyedit.check("A warm-up sentence, so that the language profiles load before the workers fork.")
    tally: Counter[str] = Counter()
    notes: list[str] = []
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for counts, lines in pool.imap_unordered(_run, items, chunksize=4):
            tally.update(counts)
            notes.extend(lines)
    if tally["spans"]:
        print(f"MQM bio: {tally['spans']} {UNTRANSLATED} spans, recall {tally['found'] / tally['spans']:.3f}")
    for code in CODES:
        fired = tally[f"{code} fired"]
        if fired:
            print(f"  {code}: {fired} flags, precision (untranslated) {tally[f'{code} right'] / fired:.3f}, "
                  f"precision (any error) {tally[f'{code} right-any'] / fired:.3f}")
    lps = sorted({key.split()[-1] for key in tally if key.startswith(("mt words", "ref words"))})
    for lp in lps:
        for code in CODES:
            mt = 1000 * tally[f"mt {code} {lp}"] / max(1, tally[f"mt words {lp}"])
            ref = 1000 * tally[f"ref {code} {lp}"] / max(1, tally[f"ref words {lp}"])
            print(f"  {lp}-en {code}: MT {mt:.3f} per 1k words ({tally[f'mt {code} {lp}']}), "
                  f"references {ref:.3f} ({tally[f'ref {code} {lp}']})")
    for code in CODES:
        mt_words = sum(v for k, v in tally.items() if k.startswith("mt words"))
        ref_words = sum(v for k, v in tally.items() if k.startswith("ref words"))
        mt = sum(v for k, v in tally.items() if k.startswith(f"mt {code} "))
        ref = sum(v for k, v in tally.items() if k.startswith(f"ref {code} "))
        if mt_words:
            print(f"  all {code}: MT {1000 * mt / mt_words:.3f} per 1k words ({mt}), references {1000 * ref / max(1, ref_words):.3f} ({ref})")
    args.review.parent.mkdir(parents=True, exist_ok=True)
    args.review.write_text("\n".join(sorted(notes)) + "\n", encoding="utf-8")
    print(f"flags and misses: {args.review}")


if __name__ == "__main__":
    main()
