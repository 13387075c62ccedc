"""Sentence alignment against the data's own segmentation (issue 15).

WMT documents come as segments, one translated by one: the source's and each reference's
segments are joined with spaces into one paragraph (no structure to lean on), aligned with
``copyedit.qa.align`` and its number anchors, and each source sentence counts as right when the
target sentences of its bead all come from its own segment. Documents whose reference has a
different number of segments are skipped, as are empty segments.

    python benchmarks/qa_align.py [--corpora ../shared/corpora] [--failures N]

Prints the share of source sentences aligned right, overall and per language pair, and the CPU
speed; ``--failures N`` prints N wrong beads to study (they quote the corpora: keep them out of git).
"""

from __future__ import annotations

import argparse
import bisect
import collections
import sys
import time
from pathlib import Path
from typing import Any

from copyedit.qa.align import align_texts
from copyedit.qa.bilingual import sentence_anchors

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "accuracy"))
from corpora import rows  # noqa: E402 - the harness's own corpus reader, beside it
DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"


def joined(segments: list[str]) -> tuple[str, list[int]]:
    """The segments joined by spaces, and where each starts.

    >>> joined(["A b.", " C d. "])
    ('A b. C d.', [0, 5])
    """
    text, starts = "", []
    for segment in segments:
        if text:
            text += " "
        starts.append(len(text))
        text += segment.strip()
    return text, starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--failures", type=int, default=0, help="print this many wrong beads")
    args = parser.parse_args(argv)
    total = right = characters = 0
    per_pair: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    failures: list[str] = []
    started = time.process_time()
    for path in (args.corpora / "wmt-news" / "wmt21-22_toen_news_docs.jsonl", args.corpora / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz"):
        for row in rows(path):
            lang = row["lp"].split("-")[0]
            source_segments = [s for paragraph in row["source"] for s in paragraph]
            for reference in row["references"].values():  # the first reference with as many segments
                target_segments = [s for paragraph in reference for s in paragraph]
                if len(target_segments) != len(source_segments):
                    continue
                keep = [i for i, (s, t) in enumerate(zip(source_segments, target_segments)) if s.strip() and t.strip()]
                source, source_starts = joined([source_segments[i] for i in keep])
                target, target_starts = joined([target_segments[i] for i in keep])
                characters += len(source) + len(target)

                def anchors(text: str, span: Any, side: str) -> Any:
                    return sentence_anchors(text, span, side, lang if side == "source" else "en")  # noqa: B023

                alignment = align_texts(source, target, anchors)
                segment_of_source = [bisect.bisect_right(source_starts, s.start) - 1 for s in alignment.source]
                segment_of_target = [bisect.bisect_right(target_starts, t.start) - 1 for t in alignment.target]
                for bead in alignment.beads:
                    target_segments_here = {segment_of_target[j] for j in bead.target}
                    for i in bead.source:
                        good = target_segments_here == {segment_of_source[i]}
                        total += 1
                        right += good
                        per_pair[row["lp"]][0] += 1
                        per_pair[row["lp"]][1] += good
                        if not good and len(failures) < args.failures:
                            s = " | ".join(source[alignment.source[k].start : alignment.source[k].end] for k in bead.source)
                            t = " | ".join(target[alignment.target[k].start : alignment.target[k].end] for k in bead.target)
                            failures.append(f"{row['lp']} {row['doc_id']}\n  S: {s[:300]}\n  T: {t[:300]}")
                break
    seconds = time.process_time() - started
    print(f"source sentences aligned as the segment ids say: {right}/{total} = {right / total:.3f}")
    for pair, (n, aligned) in sorted(per_pair.items()):
        print(f"  {pair}: {aligned}/{n} = {aligned / n:.3f}")
    print(f"{characters / 1e6:.2f} MB aligned in {seconds:.1f} CPU s ({characters / 1e6 / seconds:.2f} MB/s)")
    for failure in failures:
        print(failure)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
