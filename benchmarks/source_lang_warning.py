"""The engine's warning that a source is not written in the scripts of its given language (``source-lang-mismatch``).

1. Never when the language is right: every WMT21-23 document (``corpora.translations``: ru, uk, ja, zh, is) with its
   real source language, and every source sentence of the MQM (zh; de, es, fr) and post-edit (et, ne, ro, si)
   corpora with its own; the lowest share of a source's letters in its language's scripts is printed.
2. How often a wrong label is caught: each WMT document labelled with each other language of the corpus, and the
   language it is then read in (the one detected: right when it is the document's real one).

Usage: python benchmarks/source_lang_warning.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from copyedit.engine import SCRIPT_SAMPLE, source_language_warning
from copyedit.languages import letter_count, letters_in_script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent / "accuracy"))
import corpora  # noqa: E402  (the accuracy harness's readers)


def share(text: str, language: str) -> float:
    sample = text[:SCRIPT_SAMPLE]
    inside, letters = letters_in_script(sample, language), letter_count(sample)
    return inside / letters if inside is not None and letters else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    documents = list(corpora.translations(args.corpora))
    sentences = [(row["source"], "zh") for row in corpora.rows(args.corpora / "mqm" / "wmt23_generalMT_news_zhen.segments.jsonl")]
    sentences += [(row["source"], row["lp"].split("-")[0]) for row in corpora.rows(args.corpora / "mqm" / "bio_mqm_x2en.dev.segments.jsonl.gz")]
    sentences += [(row.src, row.source_lang) for row in corpora.post_edits(args.corpora)]
    sentences = list(dict.fromkeys(sentences))  # each MQM source once, not once per system

    warned = [doc.id for doc in documents if source_language_warning(doc.source, doc.source_lang)]
    lowest = min((share(doc.source, doc.source_lang), doc.id) for doc in documents)
    print(f"right label: {len(warned)} of {len(documents)} WMT documents warned {warned[:5]}; lowest share {lowest[0]:.0%} ({lowest[1]})")
    warned_sentences = [text for text, language in sentences if source_language_warning(text, language)]
    lowest_sentence = min((share(text, language), text[:60]) for text, language in sentences)
    print(
        f"right label: {len(warned_sentences)} of {len(sentences)} distinct source sentences warned {warned_sentences[:5]};"
        f" lowest share {lowest_sentence[0]:.0%} ({lowest_sentence[1]!r})"
    )

    languages = sorted({doc.source_lang for doc in documents})
    caught: Counter[tuple[str, str]] = Counter()
    tried: Counter[tuple[str, str]] = Counter()
    read_right: Counter[tuple[str, str]] = Counter()
    for doc in documents:
        for label in languages:
            if label == doc.source_lang:
                continue
            tried[(doc.source_lang, label)] += 1
            warning = source_language_warning(doc.source, label)
            if warning is not None:
                caught[(doc.source_lang, label)] += 1
                read_right[(doc.source_lang, label)] += f"read as {doc.source_lang}," in warning.message
    print("wrong label (real -> given): caught / tried, read in the real language")
    for pair in sorted(tried):
        print(f"  {pair[0]} as {pair[1]}: {caught[pair]} / {tried[pair]}, read right {read_right[pair]}")


if __name__ == "__main__":
    main()
