"""Instructions one ``check`` pass costs, steady state (issue 13): a count that does not depend on the
machine's load, unlike the CPU time of ``engine_speed.py``.

``check`` with all built-in packs reads every Nth document of a corpus (BBC news, or the wmt23-news
MT outputs as ``engine_speed.py`` joins them) two and three times under cachegrind (``valgrind
--tool=cachegrind --cache-sim=no``): the difference is one pass after everything that happens once,
such as compiling the rules, loading langdetect's profiles and the English word list, and each literal
scan's move to Hyperscan once it has read a million characters. Three passes first, not measured, fill the
rule cache and the data kept beside it (Hyperscan's databases among them), so both measured processes read
them. The same is done for one ``re`` word-tokenising pass (the goal's yardstick: ``check`` ≤ 8× it),
and the ratio given. ``--mode fix`` or ``--mode fix-unsafe`` counts a ``fix`` pass (safe fixes, or every fix) instead.

``--source`` (MT only) passes each MT output's source document with it, ``check(text, source=source)``
with the source language detected, as ``qa_speed.py`` does: the same MT outputs as without it, so the
two counts' difference is what the source costs. Every Nth output rarely keeps two translations of one
source, so the work done once per source (detecting its language, reading its numbers and sentences)
is counted about once per output: more than in a batch that checks a document's 15 translations in a row.

Each revision runs from its own ``git worktree`` (``.``: the working tree), with ``PYTHONHASHSEED=0``
and its own rule cache: checkouts of other revisions share ``~/.cache/copyedit`` and each removes the
others' cache file, and a run that has to rebuild it costs about 0.5 G instructions more.

    .venv/bin/python benchmarks/engine_instructions.py --rev main --rev .          # MT, every 10th
    .venv/bin/python benchmarks/engine_instructions.py --corpus bbc --rev HEAD
    .venv/bin/python benchmarks/engine_instructions.py --mode fix-unsafe --rev main --rev .
    .venv/bin/python benchmarks/engine_instructions.py --source --rev main --rev .   # MT with its source
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from parity import WORK, _tree, _use_tree  # benchmarks/ is on the path

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _texts(corpus: str, every: int) -> list[str]:
    # engine_speed imports copyedit: in a measured process, only once _use_tree has said from where.
    from engine_speed import CORPORA, bbc_texts, wmt23_mt_texts

    return (wmt23_mt_texts(CORPORA) if corpus == "mt" else bbc_texts(CORPORA))[::every]


def _sources(every: int) -> list[str]:
    """The source document of each MT output :func:`_texts` keeps, in its order (joined as the outputs are)."""
    from engine_speed import CORPORA

    sources = []
    with gzip.open(CORPORA / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            source = "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in row["source"])
            sources.extend([source] * len(row["hypotheses"]))
    return sources[::every]


MODES = ("check", "fix", "fix-unsafe")


def run(tree: Path, corpus: str, every: int, work: str, mode: str = "check", source: bool = False) -> None:
    """What one measured process does: ``work`` is a number of passes of ``mode``, ``re`` or ``read`` (the
    texts only); with ``source``, each text is checked (or fixed) with its source."""
    _use_tree(tree)
    import copyedit
    from engine_speed import WORD

    texts = _texts(corpus, every)
    sources: list[str | None] = [*_sources(every)] if source else [None] * len(texts)
    if work == "re":
        for text in texts:
            WORD.findall(text)
    elif work != "read":
        for _ in range(int(work)):
            for text, original in zip(texts, sources, strict=True):
                if mode == "check":
                    copyedit.check(text, source=original)
                else:
                    copyedit.fix(text, unsafe=mode == "fix-unsafe", source=original)


def _command(tree: Path, corpus: str, every: int, work: str, mode: str = "check", source: bool = False) -> list[str]:
    return [
        sys.executable, __file__, "--run", str(tree), "--corpus", corpus, "--every", str(every), "--work", work, "--mode", mode,
        *(["--source"] if source else []),
    ]


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": "0", "COPYEDIT_CACHE_DIR": str(cache)}


def instructions(
    tree: Path, corpus: str, every: int, work: str, cache: Path, mode: str = "check", source: bool = False
) -> int:
    done = subprocess.run(
        [
            "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            *_command(tree, corpus, every, work, mode, source),
        ],
        env=_env(cache), check=True, capture_output=True, text=True,
    )
    found = _REFS.search(done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in cachegrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", action="append", help="git revision, or . for the working tree (repeatable; default .)")
    parser.add_argument("--corpus", choices=("mt", "bbc"), default="mt")
    parser.add_argument("--every", type=int, default=10, help="keep every Nth document (10)")
    parser.add_argument("--mode", choices=MODES, default="check", help="what a pass does: check (default), fix or fix-unsafe")
    parser.add_argument("--source", action="store_true", help="check each MT output with its source (--corpus mt only)")
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # internal: the measured process
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.source and args.corpus != "mt":
        parser.error("--source needs --corpus mt (the BBC articles have no source)")
    if args.run:
        run(args.run, args.corpus, args.every, args.work, args.mode, args.source)
        return 0

    WORK.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="instructions-", dir=WORK))
    from engine_speed import megabytes

    size = megabytes(_texts(args.corpus, args.every))
    root = Path(__file__).resolve().parent.parent
    words = instructions(root, args.corpus, args.every, "re", scratch) - instructions(root, args.corpus, args.every, "read", scratch)
    sources = f" with their sources ({megabytes(_sources(args.every)):.2f} MB)" if args.source else ""
    print(f"{args.corpus}, every {args.every}th document, {size:.2f} MB{sources}; one `re` word pass: {words / 1e6:,.1f} M instructions\n")
    print(f"| revision | one {args.mode} pass{' with source' if args.source else ''}, M instructions | per byte | × the `re` pass |")
    print("|---|---:|---:|---:|")
    for number, revision in enumerate(args.rev or ["."]):
        tree = _tree(revision, scratch, f"rev{number}")
        cache = scratch / f"cache-{number}"
        try:
            # three passes first, unmeasured: they fill the rule cache and the data kept beside it (the English words,
            # month names, and each literal scan's Hyperscan database, compiled once it has read a million characters),
            # which a measured process would otherwise make in one run and read in the other: the three-pass process
            # compiled the databases (about 3 G instructions) and the two-pass one read them back
            subprocess.run(_command(tree, args.corpus, args.every, "3", args.mode, args.source), env=_env(cache), check=True)
            one = (
                instructions(tree, args.corpus, args.every, "3", cache, args.mode, args.source)
                - instructions(tree, args.corpus, args.every, "2", cache, args.mode, args.source)
            )
        finally:
            if tree != root:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=root, capture_output=True)
        print(f"| {revision} | {one / 1e6:,.1f} | {one / (size * 1e6):,.0f} | {one / words:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
