"""Fix real web pages as HTML and check that only text changed.

For each page of ``boilerplate/trafilatura_eval_en/html/*.html.gz`` it runs
``copyedit.fix(page, format="html")`` and then checks the result with a tag collector of its
own (independent of ``copyedit.markup``): the tags, comments, declarations and the content of
``script``/``style``/``pre``/``code``/``textarea`` of the output must equal the input's minus
those inside removed blocks, and every text edit must lie outside every tag. A page fails if
either check fails or if the engine refused the fix (internal finding X001/X002). Goal: 0.

It prints a Markdown section (date, machine, commit, command, figures); ``--append FILE``
adds it to ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/markup_pages.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import platform
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import copyedit
from copyedit.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "corpora" / "boilerplate" / "trafilatura_eval_en" / "html"
RAW_CONTENT = frozenset({"script", "style", "pre", "code", "textarea"})


class MarkupCollector(HTMLParser):
    """Every piece of markup with its source range, and raw content of code-like elements."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        self.items: list[tuple[int, str]] = []
        self.tags: list[tuple[int, int]] = []  # source ranges of tags and comments
        self.raw_depth = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def add_markup(self, raw: str) -> None:
        start = self.position()
        self.items.append((start, raw))
        self.tags.append((start, start + len(raw)))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.add_markup(self.get_starttag_text() or "")
        self.raw_depth += tag in RAW_CONTENT

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.add_markup(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        end = self.source.find(">", start) + 1 or len(self.source)
        self.items.append((start, self.source[start:end]))
        self.tags.append((start, end))
        if tag in RAW_CONTENT and self.raw_depth:
            self.raw_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.raw_depth:
            self.items.append((self.position(), data))

    def handle_comment(self, data: str) -> None:
        self.add_markup(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.add_markup(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.add_markup(f"<?{data}>")


def collect(source: str) -> MarkupCollector:
    collector = MarkupCollector(source)
    collector.feed(source)
    collector.close()
    return collector


def markup_problem(original: str, result: copyedit.Result) -> str | None:
    """Why the markup of ``result`` differs from the original's outside edited text, if it does."""
    internal = [f.code for f in result.findings if f.code.startswith("X")]
    if internal:
        return f"engine refused the fix ({', '.join(internal)})"
    before = collect(original)
    after = collect(result.text)
    removals = [edit.span for fix in result.applied if any(c.startswith("BP") for c in fix.codes) for edit in fix.edits]
    expected = [item for offset, item in before.items if not any(s.start <= offset < s.end for s in removals)]
    got = [item for _, item in after.items]
    if expected != got:
        index = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
        return f"markup differs at item {index}: {expected[index:index + 1]!r} became {got[index:index + 1]!r}"
    for fix in result.applied:
        if any(code.startswith("BP") for code in fix.codes):
            continue
        for edit in fix.edits:
            if any(start < edit.end and edit.start < end for start, end in before.tags):
                return f"text edit {edit} touches a tag"
            if "<" in edit.replacement or ">" in edit.replacement:
                return f"text edit {edit} writes a raw angle bracket"
    return None


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of *.html.gz pages")
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    args = parser.parse_args(argv)
    paths = sorted(args.pages.glob("*.html.gz"))
    if not paths:
        print(f"no pages in {args.pages}", file=sys.stderr)
        return 2
    pages = [(path.name, decode(gzip.decompress(path.read_bytes()))) for path in paths]
    copyedit.fix("<p>warm up</p>", format="html")  # compile the rule set outside the timing
    failures: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    changed = edits = removals = findings = 0
    total_chars = 0
    elapsed = 0.0
    for name, page in pages:
        started = time.perf_counter()
        try:
            result = copyedit.fix(page, format="html")
        except InputError as error:
            skipped.append((name, str(error)))
            continue
        elapsed += time.perf_counter() - started
        total_chars += len(page.encode("utf-8"))
        changed += result.changed
        findings += len(result.findings)
        for fix in result.applied:
            removed = any(code.startswith("BP") for code in fix.codes)
            removals += removed
            edits += not removed
        problem = markup_problem(page, result)
        if problem:
            failures.append((name, problem))
    checked = len(pages) - len(skipped)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    command = "python benchmarks/markup_pages.py" + (f" --append {args.append}" if args.append else "")
    lines = [
        f"## markup_pages: fixing real HTML pages without touching their markup ({datetime.date.today()})",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end (the machine is shared with other helpers' runs).",
        f"- Commit: {commit} plus uncommitted work. Command: `{command}`.",
        f"- Pages: {checked} of {len(pages)} ({len(skipped)} over the size limit), {total_chars / 1e6:.2f} MB of HTML.",
        f"- **Pages with markup changed outside edited text: {len(failures)}** (goal 0; checked with an independent tag "
        "collector, and counting any fix the engine refused).",
        f"- Pages changed: {changed}; text edits applied: {edits}; chrome blocks removed: {removals}; "
        f"findings remaining: {findings}.",
        f"- Throughput of `fix(format=\"html\")`: {checked / elapsed:.1f} pages/s, {total_chars / 1e6 / elapsed:.2f} MB/s "
        f"({elapsed:.1f} s in all, parsing and verification included).",
    ]
    for name, problem in failures[:20]:
        lines.append(f"  - {name}: {problem}")
    for name, problem in skipped:
        lines.append(f"  - skipped {name}: {problem}")
    section = "\n".join(lines) + "\n"
    print(section)
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write("\n" + section)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
