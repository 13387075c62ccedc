"""How the time to fix an article grows with its size, on generated hostile inputs.

Each case builds an article at n, 2n and 4n repeats of a pattern (unclosed "[", nested images, a table of
thousands of columns, emphasis runs, control characters, HTML nesting, …) and times ``copyedit.fix`` on it in
CPU seconds of this process (other processes on the machine change them less than wall time; ``--runs 3``
keeps the best of three, steadier on a loaded machine). A time that more than doubles when the input doubles
(ratio > 2.5) grows faster than linearly; a case over 1 s for 100 KB is slow. The figures print as a Markdown
table.

    .venv/bin/python benchmarks/growth.py
    .venv/bin/python benchmarks/growth.py --only md-brackets-unclosed md-table-columns --scale 2 --runs 3
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import copyedit  # noqa: E402

# name: (format, article of n repeats, n to start at)
CASES: dict[str, tuple[str, Callable[[int], str], int]] = {
    "md-brackets-unclosed": ("markdown", lambda n: "see [note and more text\n" * n, 5000),
    "md-brackets-one-closer": ("markdown", lambda n: "see [note and more text\n" * n + "]\n", 5000),
    "md-brackets-nested": ("markdown", lambda n: "[" * n + "a" + "]" * n, 2000),
    "md-images-nested": ("markdown", lambda n: "![" * n + "a" + "](b)" * n, 500),
    "md-link-openers": ("markdown", lambda n: "[a](" * n, 4000),
    "md-table-columns": ("markdown", lambda n: "|" + "a|" * n + "\n|" + "-|" * n + "\n|" + "b c|" * n + "\n", 1000),
    "md-table-rows": ("markdown", lambda n: "|a|b|\n|-|-|\n" + "|the cell|and the cell|\n" * n, 2000),
    "md-emphasis-runs": ("markdown", lambda n: "*a **b " * n, 2000),
    "md-backticks": ("markdown", lambda n: "a ` b `` c " * n, 2000),
    "md-lists-nested": ("markdown", lambda n: "- a\n  - b\n" * n, 1000),
    "md-setext-headings": ("markdown", lambda n: "a\n=\n" * n, 2000),
    "md-references": (
        "markdown",
        lambda n: "".join(f"Text [^{i}] and [r{i}].\n\n" for i in range(n)) + "".join(f"[r{i}]: http://a.b/{i}\n" for i in range(n)),
        1000,
    ),
    "md-html-comment-unclosed": ("markdown", lambda n: "text <!-- a\n" * n, 2000),
    "text-control-characters": ("text", lambda n: "a\x01b\x0bc\x0c d\x7f e\u200b f " * n, 1000),
    "text-list-repeats": ("text", lambda n: "a, a " * n, 8000),
    "text-quotes": ("text", lambda n: "He said \"yes and 'no then " * n, 2000),
    "text-one-line-no-space": ("text", lambda n: "x" * (20 * n), 2000),
    "html-nested-inline": ("html", lambda n: "<p>" + "<b>a " * n + "</p>", 2000),
    "html-paragraphs": ("html", lambda n: "<p>The man said the the thing.</p>\n" * n, 2000),
    "html-table-columns": ("html", lambda n: "<table><tr>" + "<td>a b</td>" * n + "</tr></table>", 2000),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), help="these cases only (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply each case's starting n (default: 1)")
    parser.add_argument("--runs", type=int, default=1, help="time each size this many times, keep the best (default: 1)")
    args = parser.parse_args()
    copyedit.fix("Warm up the the rules.", format="markdown")
    copyedit.fix("<p>Warm up.</p>", format="html")
    print("| case | n | 2n | 4n | growth |\n|---|---|---|---|---|")
    for name in args.only or list(CASES):
        format, article, start = CASES[name]
        timings: list[tuple[int, float]] = []
        for factor in (1, 2, 4):
            text = article(int(start * args.scale) * factor)
            best = float("inf")
            for _ in range(args.runs):
                started = time.process_time()
                copyedit.fix(text, format=format)
                best = min(best, time.process_time() - started)
            timings.append((len(text), best))
        cells = " | ".join(f"{size / 1000:.0f} KB: {seconds:.2f} s" for size, seconds in timings)
        ratios = " ".join(f"×{later[1] / max(earlier[1], 1e-6):.1f}" for earlier, later in zip(timings, timings[1:]))
        print(f"| {name} | {cells} | {ratios} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
