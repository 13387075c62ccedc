"""Recall and false flags of the omitted-sentence checks (LQ208 and any rule named with ``--rules``).

For each WMT document (``wmt-news`` WMT21–22 and ``wmt23-news``, read with the accuracy harness's reader
``benchmarks/accuracy/corpora.py``) whose translation has the source's segments paragraph by paragraph,
``--cuts`` target segments (3) are deleted, one at a time, chosen at random (seeded by the document id) among
those whose source segment has at least 40 letters (LQ208's least) and ends with a full stop, question or
exclamation mark (a headline runs into the sentence after it). A segment alone in its paragraph goes with its
paragraph (segment-per-line text that lost a line). Each cut article is checked with
``copyedit.check(text, source=..., source_lang=...)``, only the named rules selected. A deletion counts as found
when a finding quotes a source span that overlaps the deleted segment's source and sits on a target segment next
to the gap; any other finding in the cut article is counted apart ("other findings"; in brackets those at the gap, which
quote a neighbour of the deleted sentence). The untouched translation is checked too: every finding on it is a flag, counted per
1,000 words (on a human reference a flag is false; an MT output may really have dropped a sentence).

Human references (the first with as many segments per paragraph as the source) and MT outputs (one system per
document, chosen by the same seed) are counted apart, per language pair.

    python benchmarks/qa_omissions.py [--corpora ../shared/corpora] [--rules LQ208] [--cuts 3] [--every N] [--show N]

``--every N`` takes every Nth document (a quicker run); ``--show N`` prints N missed deletions, N flags on
references and N other findings in cut articles (they quote the corpora: keep them out of git).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path
from typing import Any

import regex

import copyedit
from copyedit import Config

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "accuracy"))
from corpora import rows  # noqa: E402 - the harness's own corpus reader, beside it

DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"
_LETTER = regex.compile(r"\p{L}")
_DENSE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_WORD = regex.compile(r"\w+")
_FINAL = regex.compile(r"[.!?…。！？][\p{Pf}\p{Pe}\"'»」』]*$")


def letters(text: str) -> int:
    """Letters, a Chinese or Japanese character counting as three (as LQ208 counts them).

    >>> letters("Ab c."), letters("他来了")
    (3, 9)
    """
    return len(_LETTER.findall(text)) + 2 * len(_DENSE.findall(text))


def layout(paragraphs: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The article as the harness joins it (segments by a space, paragraphs by a blank line), and each segment's
    span in it (an empty segment: an empty span).

    >>> layout([["A.", " B. "], ["C."]])
    ('A. B.\\n\\nC.', [[(0, 2), (3, 5)], [(7, 9)]])
    """
    text, spans = "", []
    for p, paragraph in enumerate(paragraphs):
        if p:
            text += "\n\n"
        row = []
        for s, segment in enumerate(paragraph):
            if s:
                text += " "
            start = len(text)
            text += segment.strip()
            row.append((start, len(text)))
        spans.append(row)
    return text, spans


def same_shape(source: list[list[str]], target: list[list[str]]) -> bool:
    return len(source) == len(target) and all(len(s) == len(t) for s, t in zip(source, target))


def deletable(source: list[list[str]], target: list[list[str]]) -> list[tuple[int, int]]:
    """Segments that may be deleted: non-empty on both sides (as is the rest of their paragraph), a source of 40
    letters or more that ends as a sentence does (not a headline, which the source runs into the sentence after
    it: LQ208 reports sentences)."""
    return [
        (p, s)
        for p, paragraph in enumerate(source)
        for s, segment in enumerate(paragraph)
        if letters(segment) >= 40 and _FINAL.search(segment.strip()) and all(x.strip() for x in target[p])
    ]


def without(target: list[list[str]], p: int, s: int) -> list[list[str]]:
    """The paragraphs without segment ``s`` of paragraph ``p`` (a paragraph of that segment alone goes whole:
    segment-per-line text that lost a line).

    >>> without([["A.", "B."], ["C."]], 0, 1), without([["A."], ["B."], ["C."]], 1, 0)
    ([['A.'], ['C.']], [['A.'], ['C.']])
    """
    cut = [[x for k, x in enumerate(paragraph) if (i, k) != (p, s)] for i, paragraph in enumerate(target)]
    return [paragraph for paragraph in cut if paragraph]


def beside(spans: list[list[tuple[int, int]]], p: int, s: int, whole: bool) -> list[tuple[int, int]]:
    """The target segments next to the gap that deleting segment ``s`` of paragraph ``p`` left (``whole``: the
    paragraph went with it), as spans of the cut article."""
    flat = [span for paragraph in spans for span in paragraph]
    gap = sum(len(paragraph) for paragraph in spans[:p]) + (0 if whole else s)
    return [flat[k] for k in (gap - 1, gap) if 0 <= k < len(flat)]


def findings(text: str, source: str, lang: str, config: Config) -> list[Any]:
    return list(copyedit.check(text, source=source, source_lang=lang, config=config).findings)


def found(hits: list[Any], source_span: tuple[int, int], near: list[tuple[int, int]]) -> bool:
    """Whether a finding quotes a source span overlapping ``source_span`` on a target span overlapping one of
    ``near`` (the segments beside the gap)."""
    for finding in hits:
        quoted = finding.source
        if quoted is None or not (quoted.start < source_span[1] and source_span[0] < quoted.end):
            continue
        if any(finding.span.start < end and start < finding.span.end for start, end in near):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--rules", default="LQ208", help="comma-separated rule codes to select")
    parser.add_argument("--every", type=int, default=1, help="take every Nth document")
    parser.add_argument("--cuts", type=int, default=3, help="deletions per translation, each checked apart (3)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and reference flags")
    args = parser.parse_args(argv)
    config = Config(select=tuple(args.rules.split(",")))
    # per (kind, pair): documents, deletions, found, flags on untouched, words of untouched
    table: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    misses: list[str] = []
    flagged: list[str] = []
    elsewhere: list[str] = []
    started = time.process_time()
    number = 0
    for path in (args.corpora / "wmt-news" / "wmt21-22_toen_news_docs.jsonl", args.corpora / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz"):
        for row in rows(path):
            number += 1
            if (number - 1) % args.every:
                continue
            pair, lang = row["lp"], row["lp"].split("-")[0]
            doc_id = f"{row['testset']}/{pair}/{row['doc_id']}"
            rng = random.Random(doc_id)
            source_paragraphs = row["source"]
            source, source_spans = layout(source_paragraphs)
            human = next((t for t in row["references"].values() if same_shape(source_paragraphs, t)), None)
            systems = sorted(name for name, t in row["hypotheses"].items() if same_shape(source_paragraphs, t))
            machine = row["hypotheses"][rng.choice(systems)] if systems else None
            for kind, target_paragraphs in (("human", human), ("mt", machine)):
                if target_paragraphs is None:
                    continue
                counts = table[(kind, pair)]
                counts["documents"] += 1
                target, _ = layout(target_paragraphs)
                counts["words"] += len(_WORD.findall(target))
                hits = findings(target, source, lang, config)
                counts["flags"] += len(hits)
                if kind == "human" and len(flagged) < args.show:
                    flagged.extend(f"{doc_id}: {h.code} {target[h.span.start:h.span.end][:200]!r} | {h.message[:300]}" for h in hits)
                choices = deletable(source_paragraphs, target_paragraphs)
                if not choices:
                    continue
                for p, s in rng.sample(choices, min(args.cuts, len(choices))):
                    cut = without(target_paragraphs, p, s)
                    text, spans = layout(cut)
                    near = beside(spans, p, s, len(target_paragraphs[p]) == 1)
                    hits = findings(text, source, lang, config)
                    counts["deletions"] += 1
                    if found(hits, source_spans[p][s], near):
                        counts["found"] += 1
                    elif len(misses) < args.show:
                        misses.append(f"{doc_id} {kind} ¶{p} seg {s}: {source_paragraphs[p][s][:200]!r}")
                    # a finding elsewhere in the cut document (not at the gap: a sentence beside the one deleted
                    # quoted, or the alignment thrown further) is counted apart
                    others = [h for h in hits if not found([h], source_spans[p][s], near)]
                    counts["elsewhere"] += len(others)
                    counts["beside"] += sum(1 for h in others if any(h.span.start < b and a < h.span.end for a, b in near))
                    if len(elsewhere) < args.show:
                        elsewhere.extend(
                            f"{doc_id} {kind}: deleted {source_paragraphs[p][s][:150]!r}\n    {h.code} on {text[h.span.start:h.span.end][:150]!r}"
                            f"\n    {h.message[:200]}" for h in others
                        )
    seconds = time.process_time() - started
    print(f"rules {args.rules}; every {args.every} document(s); {seconds:.0f} CPU s")
    print("kind  pair   docs  deletions  found  recall  | untouched: flags  per 1k words | cut docs: other findings (at the gap)")
    for kind in ("human", "mt"):
        totals: collections.Counter[str] = collections.Counter()
        for (k, pair), counts in sorted(table.items()):
            if k != kind:
                continue
            totals.update(counts)
            _line(kind, pair, counts)
        _line(kind, "all", totals)
    for line in misses:
        print("MISS", line)
    for line in flagged:
        print("FLAG", line)
    for line in elsewhere:
        print("OTHER", line)
    return 0


def _line(kind: str, pair: str, c: collections.Counter[str]) -> None:
    recall = c["found"] / c["deletions"] if c["deletions"] else 0.0
    rate = 1000 * c["flags"] / c["words"] if c["words"] else 0.0
    print(
        f"{kind:5} {pair:6} {c['documents']:5} {c['deletions']:9} {c['found']:6}  {recall:6.3f}  |"
        f" {c['flags']:16}  {rate:12.3f} | {c['elsewhere']} ({c['beside']})"
    )


if __name__ == "__main__":
    raise SystemExit(main())
