"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import Sequence

from ..document import LineIndex
from . import FileReport, ReportOptions

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """
    >>> escape_data("50% off\\nnow")
    '50%25 off%0Anow'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """
    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    lines = []
    for report in reports:
        lines_of = LineIndex(report.located)
        for finding in report.findings:
            # the end of the span in the file, as SARIF's region: ``finding.text`` is what the reader
            # sees, which is shorter than the source where HTML writes an entity (``&eacute;`` is é)
            end_line, end_column = lines_of.position(finding.span.end)
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", report.path),
                    ("line", finding.line),
                    ("col", finding.column),
                    ("endLine", end_line),
                    ("endColumn", end_column),
                    ("title", f"{finding.code} {finding.name}"),
                )
            )
            lines.append(f"::{_LEVELS[finding.severity.value]} {properties}::{escape_data(f'{finding.code} {finding.message}')}")
    return "".join(line + "\n" for line in lines)
