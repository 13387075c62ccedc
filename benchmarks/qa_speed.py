"""Speed of ``check`` with a source against ``check`` alone, on the same MT outputs (issue 15).

Reads the WMT documents of ``wmt-news`` and ``wmt23-news`` with the accuracy harness's reader
and checks every MT system's output with all built-in packs, once as
``copyedit.check(text, source=source)`` (the source language detected, as a user who does not
give it) and once as ``copyedit.check(text)``. Sizes are the MT outputs' UTF-8 bytes; times are
CPU seconds (``time.process_time``), the best of ``--runs`` passes. A document's systems are
checked one after the other, so the work done once per source (language detection, the
source's numbers) is shared by its 10–15 translations, as it is in a real batch.

    .venv/bin/python benchmarks/qa_speed.py [--corpora ../shared/corpora] [--limit N] [--systems N]
        [--runs R] [--source-lang] [--findings FILE]

``--limit N`` takes the first N documents of each corpus; ``--systems N`` the first N systems of
each document (``--systems 1``: nothing is shared between translations of one source);
``--source-lang`` passes the known source language instead of detecting it; ``--findings FILE``
writes every finding of the checks with a source as JSON Lines instead of timing, to compare two
versions of the code.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import copyedit
from copyedit import Config

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "accuracy"))
from corpora import Translations, translations  # noqa: E402 - the harness's own corpus reader, beside it

DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"


def documents(root: Path, limit: int | None, systems: int | None) -> list[Translations]:
    """The first ``limit`` documents of each corpus with their first ``systems`` MT outputs (all without a limit)."""
    by_corpus = itertools.groupby(translations(root), key=lambda document: document.corpus)
    return [
        dataclasses.replace(document, mt=dict(itertools.islice(document.mt.items(), systems)))
        for _, group in by_corpus
        for document in itertools.islice(group, limit)
    ]


def outputs(docs: list[Translations]) -> Iterator[tuple[Translations, str, str]]:
    for document in docs:
        for system, text in document.mt.items():
            yield document, system, text


def timed_pass(
    docs: list[Translations], config: Config, with_source: bool, source_lang: bool, findings: TextIO | None = None
) -> tuple[float, int]:
    """CPU seconds to check every MT output once, and the number of findings."""
    gc.collect()
    found = 0
    started = time.process_time()
    for document, system, text in outputs(docs):
        if with_source:
            lang = document.source_lang if source_lang else None
            result = copyedit.check(text, source=document.source, source_lang=lang, config=config)
        else:
            result = copyedit.check(text, config=config)
        found += len(result.findings)
        if findings is not None:
            for finding in result.findings:
                record = {"doc": document.id, "system": system, **finding.to_dict()}
                findings.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return time.process_time() - started, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=None, help="the first N documents of each corpus")
    parser.add_argument("--systems", type=int, default=None, help="the first N MT systems of each document")
    parser.add_argument("--runs", type=int, default=1, help="passes of each kind; the best counts")
    parser.add_argument("--source-lang", action="store_true", help="give the source language instead of detecting it")
    parser.add_argument("--findings", type=Path, default=None, help="write the findings with a source here (JSON Lines)")
    args = parser.parse_args(argv)
    docs = documents(args.corpora, args.limit, args.systems)
    megabytes = sum(len(text.encode("utf-8")) for _, _, text in outputs(docs)) / 1e6
    config = Config()
    copyedit.check("Warm up.", source="Aufwärmen.", config=config)  # rule compilation and imports are not counted
    if args.findings is not None:
        with args.findings.open("w", encoding="utf-8") as handle:
            seconds, found = timed_pass(docs, config, True, args.source_lang, handle)
        print(f"{found} findings of {megabytes:.2f} MB with their source written to {args.findings} ({seconds:.1f} CPU s)")
        return 0
    with_source = min(timed_pass(docs, config, True, args.source_lang) for _ in range(args.runs))
    without = min(timed_pass(docs, config, False, args.source_lang) for _ in range(args.runs))
    translations_count = sum(len(document.mt) for document in docs)
    print(f"{len(docs)} documents, {translations_count} MT outputs, {megabytes:.2f} MB, best of {args.runs}")
    detected = "given" if args.source_lang else "detected"
    print(f"check with source (language {detected}): {with_source[0]:.2f} CPU s, {megabytes / with_source[0]:.3f} MB/s, {with_source[1]} findings")
    print(f"check without source:          {without[0]:.2f} CPU s, {megabytes / without[0]:.3f} MB/s, {without[1]} findings")
    extra = with_source[0] - without[0]
    if extra > 0:
        print(f"the source's own cost: {extra:.2f} CPU s ({megabytes / extra:.3f} MB/s of MT output)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
