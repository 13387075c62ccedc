"""Names MT left in the source language's spelling, and how many copyedit fixes or flags.

Reads ``../shared/corpora/wmt-news`` and ``wmt23-news`` (sources, MT outputs and human references). In
every MT output, a capitalised word is counted as a name left in its source spelling when

- it is written as in the source: the same word occurs in the source text (a Latin-script source, e.g.
  Icelandic), or it is written in the source's own script (Cyrillic, CJK);
- no human reference of the document has it, and one of them has an English form of it: a
  capitalised word that reads alike (same first letter after romanising, normalised edit similarity
  at least 0.6 after folding accents) but is not an accent-only variant (accents are house style);

and it is *fixed or flagged* when ``copyedit.check(mt, source=..., source_lang=...)`` reports a finding
over it. Prints the share (goal: at least 80%) and the list of every name counted.

Usage: python benchmarks/names_left_in_source.py [--corpora ../shared/corpora] [--every N] [--list FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import regex
from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

import copyedit
from copyedit.names import fold_diacritics

ROOT = Path(__file__).resolve().parent.parent
WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}]+|[\p{Han}\p{Hiragana}\p{Katakana}]{2,}|\p{Cyrillic}{3,}")


def documents(corpora: Path) -> Iterator[tuple[str, str, str, dict[str, str], list[str]]]:
    """(corpus, source_lang, source, {system: MT}, [references]) per document."""
    def text(paragraphs: list[list[str]]) -> str:
        return "\n\n".join(" ".join(p) for p in paragraphs)

    with (corpora / "wmt-news" / "wmt21-22_toen_news_docs.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            yield ("wmt-news", row["lp"].split("-")[0], text(row["source"]),
                   {k: text(v) for k, v in row["hypotheses"].items()}, [text(v) for v in row["references"].values()])
    with gzip.open(corpora / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz", "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            yield ("wmt23-news", row["lp"].split("-")[0], text(row["source"]),
                   {k: text(v) for k, v in row["hypotheses"].items()}, [text(v) for v in row["references"].values()])


def romanised(word: str) -> str:
    return fold_diacritics(anyascii(word) if not word.isascii() else word).lower()


def english_form(word: str, reference_words: set[str]) -> str | None:
    """The reference word that is this word's English form, if one reads alike."""
    key = romanised(word)
    best = None
    for candidate in reference_words:
        other = romanised(candidate)
        if not other or other[0] != key[:1] or other == key:
            continue  # an accent-only variant is house style, not a leftover
        score = Levenshtein.normalized_similarity(key, other)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--every", type=int, default=1, help="take every Nth document")
    parser.add_argument("--list", type=Path, help="write every counted name here (default: print the 40 most frequent)")
    args = parser.parse_args(argv)
    counted: Counter[tuple[str, str, str, str]] = Counter()  # (corpus, left, english, found-by)
    for index, (corpus, lang, source, outputs, references) in enumerate(documents(args.corpora)):
        if index % args.every:
            continue
        source_words = set(WORD.findall(source))
        reference_text = " ".join(references)
        # a reference word that the source also has is the source language's own form, not an English one
        reference_words = {w for w in WORD.findall(reference_text) if w.isascii() and w not in source_words}
        for mt in outputs.values():
            findings = None
            for match in WORD.finditer(mt):
                word = match.group()
                native_script = not regex.match(r"\p{Latin}", word)
                if word not in source_words or word in reference_text:
                    continue
                if not native_script and lang in ("ru", "uk", "ja", "zh"):
                    continue  # a Latin word in a Cyrillic or CJK source is already English (a brand, a quote)
                english = english_form(word, reference_words)
                if english is None:
                    continue
                if findings is None:
                    findings = copyedit.check(mt, source=source, source_lang=lang).findings
                codes = sorted({f.code for f in findings if f.span.start < match.end() and match.start() < f.span.end})
                counted[(corpus, word, english, ",".join(codes) or "-")] += 1
    total = sum(counted.values())
    found = sum(n for key, n in counted.items() if key[3] != "-")
    print(f"names left in a source spelling that a reference writes in English: {total}")
    print(f"fixed or flagged: {found} ({100 * found / total if total else 0:.1f}%)  goal: >= 80%")
    by_code: Counter[str] = Counter()
    for key, n in counted.items():
        for code in key[3].split(","):
            by_code[code] += n
    print("by rule:", ", ".join(f"{code} {n}" for code, n in by_code.most_common()))
    rows = [f"{n}\t{corpus}\t{left}\t{english}\t{codes}" for (corpus, left, english, codes), n in counted.most_common()]
    if args.list:
        args.list.write_text("count\tcorpus\tleft in MT\treference\tfound by\n" + "\n".join(rows) + "\n", encoding="utf-8")
    else:
        print("\n".join(rows[:40]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
