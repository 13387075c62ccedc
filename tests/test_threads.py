"""Threads that share copyedit give each article the answer one thread alone gives (issues 13 and 15): a service
checks each request in a worker thread, Dask workers and Wagtail may too, so every cache, lazily loaded table and
memo the rules keep is shared. benchmarks/thread_parity.py does this on the corpora, from a fresh process."""

from __future__ import annotations

import sys
import threading
from typing import Any

import regex

import copyedit

from .conftest import FIXTURES, ROOT

SOURCE = (ROOT / "tests" / "data" / "kazakhstan-source.tr.txt").read_text(encoding="utf-8")
THREADS = 4
CAPITALISED = regex.compile(r"(?<![\p{L}<&/])\p{Lu}\p{Ll}{3,}(?![\p{L}>])")


def _new_names(text: str, letter: str) -> str:
    """``text`` with ``letter`` added to each capitalised word (one edit: still near the registered names): names no
    other test checks, so that the threads are the first to ask the memos the names checks share about them (where
    a thread could miss a word another was taking in)."""
    return CAPITALISED.sub(r"\g<0>" + letter, text)


def _articles(letter: str) -> list[tuple[str, dict[str, Any]]]:
    """The fixture articles, each in its format, their names new (:func:`_new_names`); the plain one with its Turkish
    source too, so that the checks against a source, the aligner and the names index run."""
    articles = [
        (_new_names((FIXTURES / folder / f"input.{suffix}").read_text(encoding="utf-8"), letter), {"format": format})
        for folder, suffix, format in (
            ("kazakhstan-tr-en", "txt", "text"), ("kazakhstan-tr-en-markdown", "md", "markdown"), ("kazakhstan-tr-en-html", "html", "html"),
        )
    ]
    articles.append((articles[0][0], {"format": "text", "source": SOURCE, "source_lang": "tr"}))
    return articles


def _answer(text: str, kwargs: dict[str, Any], call: str) -> tuple[Any, ...]:
    """Every finding (code, span, message, fix) of one call, and the fixed text of a fix."""
    done = copyedit.check(text, **kwargs) if call == "check" else copyedit.fix(text, unsafe=call == "unsafe", **kwargs)
    findings = tuple((f.code, f.span, f.message, f.fix) for f in done.findings)
    return findings, None if call == "check" else done.text


def test_four_threads_switching_every_few_bytecodes_give_the_answers_of_one() -> None:
    for text, kwargs in _articles(""):  # what the rules load on first use, loaded first: seconds at a tiny switch interval
        _answer(text, kwargs, "unsafe")
    calls = [(text, kwargs, call) for text, kwargs in _articles("z") for call in ("check", "safe", "unsafe")]
    shared: list[list[tuple[Any, ...]]] = [[] for _ in range(THREADS)]
    meet = threading.Barrier(THREADS, timeout=30)

    def run(number: int) -> None:
        for task in calls:
            meet.wait()  # every thread makes the same call on the same article at the same moment
            shared[number].append(_answer(*task))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(number,)) for number in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        sys.setswitchinterval(interval)
    assert all(len(answers) == len(calls) for answers in shared), "a thread failed (see its traceback above)"
    alone = [_answer(*task) for task in calls]  # after: the memos' answers must not depend on what they were asked before
    for answers in shared:
        for (text, kwargs, call), one, many in zip(calls, alone, answers, strict=True):
            assert many == one, (call, kwargs, text[:60])
