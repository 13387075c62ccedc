"""``--format text``: ``path:line:col: CODE message``, then the line with a caret under the problem."""

from __future__ import annotations

from typing import Sequence

from . import FileReport, ReportOptions, plural

EXCERPT_CONTEXT = 40  # characters shown either side of a finding on long lines
_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "1;35", "caret": "1;31", "dim": "2", "fix": "32"}


def paint(text: str, style: str, color: bool) -> str:
    """
    >>> paint("C401", "code", True), paint("C401", "code", False)
    ('\\x1b[1;35mC401\\x1b[0m', 'C401')
    """
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text


def excerpt(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line holding ``start``, cut to a window around ``[start, end)``, and where the span
    sits in it (clipped to the line).

    >>> excerpt("one\\nthe the cat\\n", 4, 11)
    ('the the cat', 0, 7)
    >>> line, at, width = excerpt("x" * 100 + "BAD" + "y" * 100, 100, 103)
    >>> line[at:at + width], len(line) < 100
    ('BAD', True)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    end = min(max(end, start + 1), line_end) if line_end > start else start
    window_start = max(line_start, start - EXCERPT_CONTEXT)
    window_end = min(line_end, end + EXCERPT_CONTEXT)
    prefix = "…" if window_start > line_start else ""
    suffix = "…" if window_end < line_end else ""
    line = prefix + text[window_start:window_end] + suffix
    return line.replace("\t", " "), start - window_start + len(prefix), max(end - start, 1)


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    color = options.color
    out: list[str] = []
    for report in reports:
        if report.changed and options.mode in ("fix", "would-fix"):
            verb = "fixed" if options.mode == "fix" else "would fix"
            codes = ", ".join(dict.fromkeys(code for applied in report.applied for code in applied.codes))
            out.append(f"{paint(report.path, 'path', color)}: {verb} {plural(len(report.applied), 'issue')} ({codes})\n")
        for finding in report.findings:
            location = paint(f"{report.path}:{finding.line}:{finding.column}:", "path", color)
            severity = paint(finding.severity.value, finding.severity.value, color)
            out.append(f"{location} {paint(finding.code, 'code', color)} {finding.message} [{severity}]\n")
            if finding.span.end > finding.span.start or finding.text:
                line, at, width = excerpt(report.text, finding.span.start, finding.span.end)
                gutter = str(finding.line)
                out.append(f"  {paint(gutter, 'dim', color)} | {line}\n")
                out.append(f"  {' ' * len(gutter)} | {' ' * at}{paint('^' * width, 'caret', color)}\n")
            if finding.fix is not None:
                out.append(f"    {paint(f'{finding.fix.applicability.value} fix:', 'fix', color)} {finding.fix.title}\n")
    return "".join(out)
