"""Thread parity: does copyedit give the same answer when threads share it? (issues 13 and 15)

``copyedit serve`` runs each request's ``check``/``fix`` in a worker thread, Dask workers run tasks in a
thread pool, and a library user may call ``copyedit.check`` from a ``ThreadPoolExecutor``: every cache,
lazily loaded table and index the rules keep is then shared. This script runs ``check``, ``fix`` and
``fix(unsafe=True)`` with all built-in packs on every Nth document of the corpora that ``parity.py``
reads (MT outputs and references with their sources, so that the bilingual rules, the aligner and the
names index run; the real HTML pages as HTML) and of the BBC articles as Markdown, first one call after
another in one thread, then, in a fresh process (nothing loaded yet: the first loads race too), the same
calls spread over ``--threads`` threads with ``sys.setswitchinterval(--switch)`` so that threads switch
every few bytecodes. The documents are shuffled (each corpus's, then the corpora taken in turns, so that
the first documents are of every kind) and each document's three calls are queued together: they run
at once, reading the same words at the same moment, which is when a memo the threads share can lose
one. Each ``--rounds`` round is a new process and a new shuffle; with ``--cold``, each also has an empty
cache folder, so that the threads build what later processes read back (the rule packs, pattern readings,
langdetect's profiles, the names registry, Hyperscan databases) at once. Every finding (code, span,
severity, message, fix and its edits) and every fixed text is compared document by document; each
difference is printed with the document, the call and the rules concerned; exit status 1 when there is one.

    .venv/bin/python benchmarks/thread_parity.py --every 50                   # 8 threads, one round
    .venv/bin/python benchmarks/thread_parity.py --every 20 --rounds 3 --seed 7
    .venv/bin/python benchmarks/thread_parity.py --threads 2 --parts wmt-news,mqm

Both processes run the working tree's code (``PYTHONPATH`` is not needed) with ``PYTHONHASHSEED=0``, so
that a difference is the threads' and not the order of a set. Dumps go to ``benchmarks/.work/thread-parity/``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

from parity import CORPORA, DEFAULT_CORPORA, ROOT, WORK, Doc, _finding, _result, _use_tree, chosen_corpora  # benchmarks/ is on the path

DUMPS = WORK.parent / "thread-parity"
CALLS = ("check", "safe", "unsafe")


def _bbc_markdown(data: Path) -> Iterator[Doc]:
    """The BBC articles as Markdown, the headline a heading: no corpus is in Markdown, which has its own parser."""
    for doc_id, _, text, _, _ in CORPORA["bbc"](data):
        yield f"bbc-markdown/{doc_id.split('/', 1)[1]}", "markdown", "# " + text, None, None


PARTS = {**CORPORA, "bbc-markdown": _bbc_markdown}


def _documents(data: Path, corpora: list[str], every: int) -> list[list[Doc]]:
    """Every ``every``th document of each corpus."""
    return [[doc for number, doc in enumerate(PARTS[corpus](data)) if number % every == 0] for corpus in corpora]


def _shuffled(parts: list[list[Doc]], seed: int) -> list[int]:
    """The documents' numbers (as ``parts`` lists them, one after another) in a new order: each corpus's shuffled,
    then taken in turns, so that the first documents, which the threads check while the rules load their data,
    are of every corpus."""
    shuffle = random.Random(seed).shuffle
    numbers, first = [], 0
    for docs in parts:
        numbers.append(list(range(first, first + len(docs))))
        shuffle(numbers[-1])
        first += len(docs)
    return [number for turn in itertools.zip_longest(*numbers) for number in turn if number is not None]


def _call(copyedit: Any, doc: Doc, call: str) -> Any:
    """One call's result as JSON data: its findings and, for a fix, the fixed text."""
    _, fmt, text, source, lang = doc
    kwargs = {"format": fmt, "source": source, "source_lang": lang} if source else {"format": fmt}
    if call == "check":
        done = _result(lambda: copyedit.check(text, **kwargs))
    else:
        done = _result(lambda: copyedit.fix(text, unsafe=call == "unsafe", **kwargs))
    if isinstance(done, str):
        return done
    return {"findings": [_finding(f) for f in done.findings], "text": None if call == "check" else done.text}


def dump(data: Path, corpora: list[str], every: int, threads: int, seed: int, switch: float, out: Path) -> None:
    """Every (document, call) of the sample; with ``threads`` > 1, shuffled over that many threads."""
    _use_tree(ROOT)
    import copyedit

    assert Path(copyedit.__file__).resolve().is_relative_to(ROOT), copyedit.__file__
    parts = _documents(data, corpora, every)
    docs = [doc for docs in parts for doc in docs]
    results: dict[tuple[int, str], Any] = {}
    started = time.monotonic()
    if threads == 1:
        for number in range(len(docs)):
            for call in CALLS:
                results[number, call] = _call(copyedit, docs[number], call)
    else:
        # the documents shuffled, each one's calls queued together: they run at once in as many threads, reading
        # the same words, names and numbers at the same moment (where a memo shared by the threads could lose one)
        tasks = [(number, call) for number in _shuffled(parts, seed) for call in CALLS]
        # all threads start their first call together, so the lazy loads behind the first calls race too
        gate = threading.Barrier(threads)
        local = threading.local()

        def run(task: tuple[int, str]) -> None:
            if not getattr(local, "started", False):
                local.started = True
                gate.wait()
            results[task] = _call(copyedit, docs[task[0]], task[1])

        sys.setswitchinterval(switch)
        with ThreadPoolExecutor(threads) as pool:
            for done in [pool.submit(run, task) for task in tasks]:
                done.result()
    with out.open("w", encoding="utf-8") as sink:
        for number, doc in enumerate(docs):
            record = {"id": doc[0], **{call: results[number, call] for call in CALLS}}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(docs):,} documents, {threads} thread(s): {time.monotonic() - started:.0f} s", file=sys.stderr)


def _load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return {record["id"]: record for record in map(json.loads, lines)}


def _codes(findings: list[list[Any]]) -> str:
    return ",".join(sorted({f[0] for f in findings})) or "-"


def compare(alone: dict[str, dict[str, Any]], shared: dict[str, dict[str, Any]]) -> list[str]:
    """One line per (document, call) whose threaded result differs from the one-thread result."""
    differences = []
    for doc_id in sorted(set(alone) | set(shared)):
        one, many = alone.get(doc_id), shared.get(doc_id)
        if one is None or many is None:
            differences.append(f"{doc_id}: only in the {'threaded' if one is None else 'one-thread'} run")
            continue
        for call in CALLS:
            before, after = one[call], many[call]
            if before == after:
                continue
            if isinstance(before, str) or isinstance(after, str):
                differences.append(f"{doc_id} {call}: {str(before)[:200]!r} -> {str(after)[:200]!r}")
                continue
            gone = [f for f in before["findings"] if f not in after["findings"]]
            came = [f for f in after["findings"] if f not in before["findings"]]
            if gone or came:
                differences.append(
                    f"{doc_id} {call}: rules -{_codes(gone)} +{_codes(came)}: -{gone[:2]} +{came[:2]}"
                )
            if before["text"] != after["text"]:
                differences.append(f"{doc_id} {call}: fixed text differs (findings {'differ' if gone or came else 'equal'})")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--parts", default=",".join(PARTS), help="which corpora, comma-separated: " + ", ".join(PARTS))
    parser.add_argument("--every", type=int, default=50, help="keep every Nth document of each corpus (50)")
    parser.add_argument("--threads", type=int, default=8, help="threads of the threaded run (8)")
    parser.add_argument("--rounds", type=int, default=1, help="threaded runs, each a new process and shuffle (1)")
    parser.add_argument("--switch", type=float, default=1e-6, help="sys.setswitchinterval of the threaded run (1e-6)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first round's shuffle (0; round r: seed + r)")
    parser.add_argument("--cold", action="store_true", help="each threaded run with an empty cache folder: the threads build the rule cache, kept data and Hyperscan databases")
    parser.add_argument("--show", type=int, default=40, help="differences to print per round")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # internal: the file a measured process writes
    args = parser.parse_args(argv)
    corpora = chosen_corpora(parser, args.parts, PARTS, args.corpora)
    if args.dump:  # the one-thread run is a dump with --threads 1
        dump(args.corpora, corpora, args.every, args.threads, args.seed, args.switch, args.dump)
        return 0
    if args.every < 1 or args.threads < 2 or args.rounds < 1 or args.switch <= 0:
        parser.error("--every and --rounds must be at least 1, --threads at least 2, --switch above 0")

    DUMPS.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=DUMPS))
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def run(threads: int, seed: int, out: Path) -> None:
        cache = {"COPYEDIT_CACHE_DIR": str(out.with_suffix(".cache"))} if args.cold and threads > 1 else {}
        command = [
            sys.executable, __file__, "--corpora", str(args.corpora), "--parts", ",".join(corpora), "--every", str(args.every),
            "--threads", str(threads), "--seed", str(seed), "--switch", str(args.switch), "--dump", str(out),
        ]
        subprocess.run(command, env={**env, **cache}, check=True)

    alone_out = scratch / "one-thread.jsonl"
    run(1, args.seed, alone_out)
    alone = _load(alone_out)
    found = 0
    for number in range(args.rounds):
        out = scratch / f"threads-{args.threads}-round-{number}.jsonl"
        run(args.threads, args.seed + number, out)
        differences = compare(alone, _load(out))
        found += len(differences)
        print(f"round {number + 1} (seed {args.seed + number}): {len(differences)} difference(s) in {len(alone):,} documents × {len(CALLS)} calls")
        for line in differences[: args.show]:
            print("  " + line)
        if len(differences) > args.show:
            print(f"  ... and {len(differences) - args.show} more")
    print(f"\n{len(alone):,} documents, {args.rounds} round(s) of {args.threads} threads at switch interval {args.switch:g}: "
          f"{found} difference(s); dumps in {scratch}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
