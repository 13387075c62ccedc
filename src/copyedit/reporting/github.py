"""``--format github``: GitHub Actions workflow commands, one annotation per finding, one per warning about a
file (an empty source, a suppression that suppresses nothing: what stderr says too), at the file or its place, and
an error annotation at each file that could not be checked (a binary file, one that cannot be decoded), which
would otherwise fail the step with no annotation to say why; a warning about the configuration (a selector that
runs nothing) is an annotation at no file."""

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


def _command(level: str, properties: Sequence[tuple[str, object]], message: str) -> str:
    """
    >>> _command("warning", [("file", "a,b.txt"), ("title", "empty-source")], "no text: 100%")
    '::warning file=a%2Cb.txt,title=empty-source::no text: 100%25'
    """
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{level} {listed}::{escape_data(message)}"


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    lines = [_command("warning", [("title", warning.code)], warning.message) for warning in options.run_warnings]
    for report in reports:
        if report.error:
            lines.append(_command("error", [("file", report.path), ("title", "not checked")], report.error))
        for warning in report.every_warning:
            place = [("line", warning.line), ("col", warning.column)] if warning.line is not None else []
            lines.append(_command("warning", [("file", report.path), *place, ("title", warning.code)], warning.message))
        lines_of = LineIndex(report.located)
        for finding in report.findings:
            # the end of the span in the file, as SARIF's region: ``finding.text`` is what the reader
            # sees, which is shorter than the source where HTML writes an entity (``&eacute;`` is é)
            end_line, end_column = lines_of.position(finding.span.end)
            properties = (
                ("file", report.path),
                ("line", finding.line),
                ("col", finding.column),
                ("endLine", end_line),
                ("endColumn", end_column),
                ("title", f"{finding.code} {finding.name}"),
            )
            lines.append(_command(_LEVELS[finding.severity.value], properties, f"{finding.code} {finding.message}"))
    return "".join(line + "\n" for line in lines)
