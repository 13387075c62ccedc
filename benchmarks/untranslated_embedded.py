"""LQ101 recall on real foreign sentences put into English text, and its flags on human English.

MT leaves a sentence untranslated now and then; the corpora hold too few such sentences in English
articles to measure LQ101's recall per language. So real sentences of the corpora's sources — German,
Spanish and French (Bio-MQM abstracts), Icelandic (WMT21 news), Estonian and Romanian (MLQE-PE) — are
each put between two English sentences, and LQ101 must flag that sentence. The cost side: LQ101's flags
on human English (BBC news, the WMT references, the post-edits) and on the WMT MT outputs.

    python benchmarks/untranslated_embedded.py [--sample 300] [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import copyedit

sys.path.insert(0, str(Path(__file__).resolve().parent / "accuracy"))
import corpora  # noqa: E402 - benchmarks/accuracy/corpora.py, the corpora's readers

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BEFORE = "The minister said the talks had gone well and would resume soon."
AFTER = "The talks will continue next week in the capital, officials said."
CONFIG = copyedit.Config(select=("LQ101",))


def foreign_sentences(root: Path) -> dict[str, list[str]]:
    """Source sentences of 60 to 300 characters by language, each once, in a fixed order."""
    found: dict[str, set[str]] = defaultdict(set)
    for document in corpora.mqm_documents(root):
        if document.source_lang in ("de", "es", "fr"):
            for line in document.source.split("\n"):
                if 60 <= len(line.strip()) <= 300:
                    found[document.source_lang].add(line.strip())
    for translations in corpora.translations(root):
        if translations.source_lang == "is":
            for sentence in translations.source.replace("\n", " ").split(". "):
                if 60 <= len(sentence) <= 300:
                    found["is"].add(sentence.strip().rstrip(".") + ".")
    for row in corpora.rows(root / "postedits" / "mlqe_pe_x2en.dev.jsonl.gz"):
        language = row["lp"].split("-")[0]
        if language in ("et", "ro") and 60 <= len(row["src"]) <= 300:
            found[language].add(row["src"])
    return {language: sorted(sentences) for language, sentences in sorted(found.items())}


def flagged(sentence: str) -> bool:
    """Whether LQ101 flags ``sentence`` put between two English sentences."""
    start, end = len(BEFORE) + 1, len(BEFORE) + 1 + len(sentence)
    findings = copyedit.check(f"{BEFORE} {sentence} {AFTER}", config=CONFIG).findings
    return any(f.span.start < end and start < f.span.end for f in findings)


def flags(texts: list[str]) -> int:
    return sum(len(copyedit.check(text, config=CONFIG).findings) for text in texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="sentences per language (300)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args()
    random.seed(3)
    print("| source language | sentences | flagged | recall |\n|---|---:|---:|---:|")
    for language, sentences in foreign_sentences(args.corpora).items():
        sample = random.sample(sentences, min(args.sample, len(sentences)))
        found = sum(map(flagged, sample))
        print(f"| {language} | {len(sample)} | {found} | {found / len(sample):.3f} |")
    translations = list(corpora.translations(args.corpora))
    post_edits = list(corpora.post_edits(args.corpora))
    human = {
        "BBC news": [article.text for article in corpora.bbc(args.corpora)],
        "WMT references": [text for t in translations for text in t.human.values()],
        "post-edits": [edit.pe for edit in post_edits],
    }
    machine = {"WMT MT outputs": [text for t in translations for text in t.mt.values()], "MT of the post-edits": [edit.mt for edit in post_edits]}
    print("\n| text | documents | LQ101 flags |\n|---|---:|---:|")
    for name, texts in {**human, **machine}.items():
        print(f"| {name} | {len(texts):,} | {flags(texts)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
