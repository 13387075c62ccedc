"""Scaling: does each path take time in proportion to its input? (issue 13: fix time linear in the
number of fixes; a run never hangs.)

Each scenario is run at a size and at twice that size in this process, and the CPU time of each and
their ratio printed: about 2 is linear, about 4 quadratic. The scenarios are the inputs that were
quadratic before 2026-12-03 — two rounds of fixes, markup with many fixes, an HTML report with many
findings, many editor decisions, a long mojibake paragraph, and checks against a source of a long
text without paragraphs, of many dates and times, of many addresses, of many sums and percentages — each written out here, so the
script needs no corpus. Compare two revisions with ``PYTHONPATH=<other checkout>/src``.

    .venv/bin/python benchmarks/scaling.py                  # every scenario, sizes as below
    .venv/bin/python benchmarks/scaling.py --scale 0.5      # half the sizes, quicker
"""

from __future__ import annotations

import argparse
import io
import platform
import resource
import sys
import time
from collections.abc import Callable

import copyedit
from copyedit import engine
from copyedit.config import Config
from copyedit.decisions import Decision, apply_decisions


def two_rounds(n: int) -> Callable[[], object]:
    text = "He said the\u200b the cat left. " * n  # C204, then C401: each sentence fixed in two rounds
    return lambda: copyedit.fix(text, unsafe=True)


def markdown_table(n: int) -> Callable[[], object]:
    text = "| a | b |\n|---|---|\n" + "\n".join(f"| the the {i} | said  , yes |" for i in range(n))
    return lambda: copyedit.fix(text, format="markdown", unsafe=True)


def html_report(n: int) -> Callable[[], object]:
    from copyedit.cli import main

    text = "".join(f"He said the the cat left {i}. The cafÃ© said “yes.\n\n" for i in range(n))

    def run() -> object:
        stdin, stdout = sys.stdin, sys.stdout
        sys.stdin, sys.stdout = io.TextIOWrapper(io.BytesIO(text.encode())), io.StringIO()
        try:
            return main(["lint", "--format", "html", "--exit-zero", "-q", "-"])
        finally:
            sys.stdin, sys.stdout = stdin, stdout

    return run


def decisions(n: int) -> Callable[[], object]:
    config = Config()
    ruleset = engine.ruleset_for(config)
    text = "".join(f"He said the the cat left {i}. The cafÃ© was open.\n\n" for i in range(n))
    checked = engine.run_check(text, "text", ruleset, config)
    decided = [
        Decision(f.code, f.span, "accepted" if i % 3 else "edited", None if i % 3 else "the")
        for i, f in enumerate(checked.findings) if f.code == "C401"
    ]
    return lambda: apply_decisions(text, "text", ruleset, config, decided, checked=checked)


def mojibake_paragraph(n: int) -> Callable[[], object]:
    text = "The cafÃ© was open and people said â€œit was fineâ€\x9d. " * n  # one paragraph, 3 repairs a sentence
    return lambda: copyedit.check(text, config=Config(select=("C201",)))


def source_without_paragraphs(n: int) -> Callable[[], object]:
    source = " ".join(f"Президент {i} заявил, что {i * 7} человек приехали {i % 28 + 1} мая." for i in range(n))
    target = " ".join(f"The president {i} said that {i * 7} people arrived on May {i % 28 + 1}." for i in range(n))
    return lambda: copyedit.check(target, source=source, source_lang="ru")


def source_dates_and_times(n: int) -> Callable[[], object]:
    source = "\n\n".join(f"В {i % 24}:{i % 60:02d} прибыли {i * 7} человек, {i % 28 + 1} мая." for i in range(n))
    target = "\n\n".join(f"At {i % 24}:{i % 60:02d}, {i * 7} people arrived on May {i % 28 + 1}." for i in range(n))
    return lambda: copyedit.check(target, source=source, source_lang="ru")


def source_addresses(n: int) -> Callable[[], object]:
    source = "\n\n".join(f"Сайт https://example{i}.ru/page и почта info{i}@example.ru, @user{i} #tag{i}" for i in range(n))
    target = "\n\n".join(f"Site https://example{i}.ru/page and mail info{i}@example.ru, @user{i} #tag{i}" for i in range(n))
    return lambda: copyedit.check(target, source=source, source_lang="ru")


def source_sums_and_percentages(n: int) -> Callable[[], object]:
    source = " ".join(f"Выручка составила {i} млн рублей, рост на {i % 90}%." for i in range(n))
    target = " ".join(f"Revenue was ${i} million, up {i % 90}." for i in range(n))
    return lambda: copyedit.check(target, source=source, source_lang="ru")


SCENARIOS: list[tuple[str, Callable[[int], Callable[[], object]], int, str]] = [
    ("fix, two rounds (“the”, a zero-width space, “the”)", two_rounds, 4_000, "sentences"),
    ("fix, Markdown table", markdown_table, 1_000, "rows"),
    ("`lint --format html`", html_report, 2_000, "paragraphs"),
    ("editor's decisions", decisions, 2_000, "paragraphs"),
    ("C201, one mojibake paragraph", mojibake_paragraph, 400, "sentences"),
    ("check with a source, no paragraphs", source_without_paragraphs, 2_000, "sentences"),
    ("check with a source, dates and times", source_dates_and_times, 2_000, "paragraphs"),
    ("check with a source, addresses", source_addresses, 1_000, "paragraphs"),
    ("check with a source, sums and percentages changed (LQ217, LQ218)", source_sums_and_percentages, 2_000, "sentences"),
]


def cpu(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this (1)")
    args = parser.parse_args(argv)
    copyedit.check("Warm the rules up: the the cafÃ©.", source="Разогрев 1 мая.", source_lang="ru")
    print(f"## scaling — {time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, Python {platform.python_version()}, "
          f"copyedit from {copyedit.__file__}\n")
    print("| scenario | size | CPU s | twice the size | CPU s | ratio (2 = linear) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, scenario, size, unit in SCENARIOS:
        n = max(1, int(size * args.scale))
        small, large = cpu(scenario(n)), cpu(scenario(2 * n))
        print(f"| {name} | {n:,} {unit} | {small:.2f} | {2 * n:,} | {large:.2f} | {large / max(small, 1e-9):.1f} |", flush=True)
    print(f"\nPeak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
