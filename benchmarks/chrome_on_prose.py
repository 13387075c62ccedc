"""Chrome rules on prose: every sentence people wrote, set as a paragraph of its own, and which boilerplate rule
would remove it.

News writes many one-sentence paragraphs, and a chrome rule reads a paragraph or a line whole: a pattern that
fullmatches a sentence of the article ("Top stories in the Kazakh press were about the protests.") deletes it
wherever that sentence stands alone. Each distinct sentence of the human-written corpora (the BBC articles, the
wmt-news and wmt23-news references, the MLQE-PE post-edits; ``--mt`` adds the MT outputs) is checked with the
boilerplate pack only, as the middle paragraph of a three-paragraph article of plain prose, and every finding
on it is counted by rule and by its fix's safety.

A finding is not always wrong: the references keep the chrome of the pages they translate ("Also read: …",
"© 2023 Deutsche Welle …"). The counts say where to read; ``--show N`` prints N sentences per rule. A safe fix on a
sentence of the article is the worst case: it is applied by default.

    .venv/bin/python benchmarks/chrome_on_prose.py [--corpora ../shared/corpora] [--mt] [--show 20]
"""

from __future__ import annotations

import argparse
import textwrap
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent / "accuracy"))
import corpora  # noqa: E402 - the accuracy harness's readers

from copyedit import Config, check  # noqa: E402

DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BEFORE = "The talks ended on Tuesday, the minister said.\n\n"
AFTER = "\n\nThey left on Wednesday, officials said."
# A sentence ends at ".", "!" or "?" before a space and a capital letter or an opening quotation mark: rough, and
# enough here (a sentence cut in two is two shorter paragraphs, each still prose).
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}\"“])")


def sentences(texts: Iterable[str]) -> list[str]:
    """The distinct sentences of the texts' lines, 3 to 300 characters long, in sorted order.

    >>> sentences(["The talks ended. “They left,” he said.\\nThe talks ended.", "Ok"])
    ['The talks ended.', '“They left,” he said.']
    """
    found = {
        sentence
        for text in texts
        for line in text.split("\n")
        for sentence in _SENTENCE_END.split(line.strip())
        if 3 <= len(sentence) <= 300
    }
    return sorted(found)


def human_texts(root: Path, with_mt: bool) -> Iterator[str]:
    for article in corpora.bbc(root):
        yield article.text
    for document in corpora.translations(root):
        yield from document.human.values()
        if with_mt:
            yield from document.mt.values()
    for post_edit in corpora.post_edits(root):
        yield post_edit.pe
        if with_mt:
            yield post_edit.mt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--mt", action="store_true", help="also the MT outputs (WMT and MLQE-PE)")
    parser.add_argument("--show", type=int, default=10, help="sentences printed per rule and safety")
    parser.add_argument("--wrap", type=int, metavar="COLUMNS", help="hard-wrap each sentence at this width first (wire copy, e-mail)")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        parser.error(f"--corpora: {args.corpora} is not a folder")
    if args.wrap is not None and args.wrap < 10:
        parser.error("--wrap must be at least 10 columns")
    config = Config(select=("boilerplate",))
    every = sentences(human_texts(args.corpora, args.mt))
    counts: Counter[tuple[str, str]] = Counter()
    shown: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for sentence in every:
        if args.wrap:
            sentence = "\n".join(textwrap.wrap(sentence, args.wrap, break_long_words=False, break_on_hyphens=False))
        start, end = len(BEFORE), len(BEFORE) + len(sentence)
        for finding in check(BEFORE + sentence + AFTER, config=config).findings:
            if start <= finding.span.start < end:
                key = (finding.code, finding.fix.applicability.value if finding.fix else "no fix")
                counts[key] += 1
                shown[key].append(sentence)
    wrapped = f", each wrapped at {args.wrap} columns" if args.wrap else ""
    print(f"{len(every):,} sentences ({'with' if args.mt else 'without'} MT outputs{wrapped}); findings on them by rule and fix safety:\n")
    print("| rule | fix | sentences |\n|---|---|---:|")
    for (code, safety), count in sorted(counts.items()):
        print(f"| {code} | {safety} | {count:,} |")
    for key in sorted(shown):
        print(f"\n{key[0]} ({key[1]}):")
        for sentence in shown[key][: args.show]:
            print(f"    {sentence[:160]!r}" if args.wrap else f"    {sentence[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
