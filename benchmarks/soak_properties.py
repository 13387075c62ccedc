"""Soak the never-corrupt promise: many generated documents per format, hostile Unicode included.

Runs the properties of ``tests/test_reliability_properties.py`` (no exception, spans inside the
text, edits replay, idempotent, markup skeleton kept, segmenter invariants) on ``--examples``
documents per format and prints one line per format: examples run, documents changed,
fixes left out by verification (almost-markup: the document whole, or only those fixes), runs whose fixes
kept undoing each other and were left out (X001, unsafe fixes), failures, seconds. Exit 1 on
the first failure, with the falsifying document.

    .venv/bin/python benchmarks/soak_properties.py --examples 10000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import copyedit  # noqa: E402
from tests.test_markup_properties import known_runaway  # noqa: E402
from tests.test_reliability_properties import (  # noqa: E402
    REFUSED_MARKUP,
    corruption_problems,
    hostile_html,
    hostile_markdown,
    plain_document,
    segmenter_problems,
)

STRATEGIES = {"text": plain_document, "html": hostile_html, "markdown": hostile_markdown}


def soak(format: str, examples: int) -> Counter:
    counts: Counter = Counter()

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[format], st.booleans())
    def run(source: str, unsafe: bool) -> None:
        counts["examples"] += 1
        problems = corruption_problems(source, format, unsafe)
        if format != "text":
            problems += segmenter_problems(source, format)
        result = copyedit.fix(source, format=format, unsafe=unsafe)
        counts["changed"] += result.changed
        refusals = [f"{f.code}: {f.message}" for f in result.findings if f"{f.code}: {f.message}".startswith(REFUSED_MARKUP)]
        counts["refused"] += refusals == [REFUSED_MARKUP]
        counts["partly"] += bool(refusals) and refusals != [REFUSED_MARKUP]
        counts["runaway"] += known_runaway(result, unsafe)
        assert problems == [], (source, problems)

    run()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="documents per format (default: 10000)")
    parser.add_argument("--formats", default="text,html,markdown", help="comma-separated (default: all three)")
    args = parser.parse_args()
    for format in args.formats.split(","):
        started = time.perf_counter()
        try:
            counts = soak(format, args.examples)
        except AssertionError as failure:
            print(f"{format}: FAILED: {failure}")
            return 1
        seconds = time.perf_counter() - started
        print(
            f"{format}: {counts['examples']} examples, {counts['changed']} changed, "
            f"{counts['refused']} refused whole and {counts['partly']} in part by verification (almost-markup), "
            f"{counts['runaway']} runaway fixes left out (unsafe), 0 failures, {seconds:.0f} s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
