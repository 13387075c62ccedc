"""``--statistics``: the findings counted by rule instead of listed, as ``ruff check --statistics``
does: over an archive, which damage is common and which rules an editor's hours go to.

Each rule that found something: how many findings, in how many files, how many of them a safe fix
would repair (``--fix``), its severity and its name; the most frequent first. As text (a table) or
with ``--format json`` (an array of objects with the same fields).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Finding
from . import SEVERITY_ORDER, FileReport, ReportOptions, safely_fixable
from .text import paint, terminal_safe


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    severity: str
    count: int
    files: int
    fixable: int  # findings with a fix that --fix applies (safe)


def rule_counts(reports: Sequence[FileReport]) -> list[RuleCount]:
    """The findings of ``reports`` counted by rule, the most frequent first (then by code).

    >>> from copyedit.model import Severity, Span
    >>> def found(code: str) -> Finding:
    ...     return Finding(code, "doubled-word", Severity.INFO, "…", Span(0, 1), 1, 1, "", None)
    >>> counts = rule_counts([FileReport("a.txt", findings=(found("C401"), found("C401"))), FileReport("b.txt", findings=(found("C401"),))])
    >>> [(c.code, c.count, c.files, c.fixable) for c in counts]
    [('C401', 3, 2, 0)]
    """
    found: dict[str, list[Finding]] = {}
    files: dict[str, set[str]] = {}
    for report in reports:
        for finding in report.findings:
            found.setdefault(finding.code, []).append(finding)
            files.setdefault(finding.code, set()).add(report.path)
    counts = [
        RuleCount(
            code, findings[0].name,
            # the most severe (a configuration may set a rule's severity per folder or file)
            min((f.severity for f in findings), key=SEVERITY_ORDER.index).value, len(findings), len(files[code]),
            sum(map(safely_fixable, findings)),
        )
        for code, findings in found.items()
    ]
    return sorted(counts, key=lambda count: (-count.count, count.code))


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    """The counts as a table (the summary line on stderr gives the totals)."""
    counts = rule_counts(reports)
    if not counts:
        return ""
    rows = [("count", "files", "fixable", "code", "severity", "rule")] + [
        (str(c.count), str(c.files), str(c.fixable) if c.fixable else "", c.code, c.severity, terminal_safe(c.name))
        for c in counts
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.rjust(width) if column < 3 else cell.ljust(width) for column, (cell, width) in enumerate(zip(row, widths))]
        if number:
            cells[3] = paint(cells[3], "code", options.color)
            cells[4] = paint(cells[4], row[4], options.color)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def render_json(reports: Sequence[FileReport], options: ReportOptions) -> str:
    return json.dumps([dataclasses.asdict(count) for count in rule_counts(reports)], ensure_ascii=False, indent=2) + "\n"
