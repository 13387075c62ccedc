"""``--format sarif``: SARIF 2.1.0, the format code-scanning dashboards read.

Columns count Unicode code points (``columnKind``), as copyedit's do; a fix that can be
applied becomes a SARIF ``fix`` with one replacement per edit.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Sequence
from urllib.parse import quote

from ..document import LineIndex
from . import FileReport, ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI for a path as given on the command line.

    >>> artifact_uri("news/a b.txt"), artifact_uri("-"), artifact_uri("bad\\udcffname.txt")
    ('news/a%20b.txt', 'stdin', 'bad%FFname.txt')
    """
    # a name that is not UTF-8 on disk keeps its bytes (as lone surrogates): the URI escapes them
    return "stdin" if path == "-" else quote(PurePath(path).as_posix(), errors="surrogateescape")


def _region(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    start_line, start_column = lines.position(start)
    end_line, end_column = lines.position(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message.replace("{match}", "…").replace("{replacement}", "…")},
        "fullDescription": {"text": rule.why},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"pack": rule.pack, "kind": rule.kind, "fix": rule.applicability.value if rule.applicability else None},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    used = sorted({finding.code for report in reports for finding in report.findings})
    rules = [options.rules[code] for code in used if code in options.rules]
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    for report in reports:
        lines = LineIndex(report.text)
        uri = artifact_uri(report.path)
        for finding in report.findings:
            region: dict[str, Any] = _region(lines, finding.span.start, finding.span.end)
            if finding.text:
                region["snippet"] = {"text": finding.text}
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "level": _LEVELS[finding.severity.value],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "properties": {"name": finding.name},
            }
            if finding.source is not None:
                result["properties"]["source"] = finding.source.to_dict()
            if finding.code in index:
                result["ruleIndex"] = index[finding.code]
            if finding.fix is not None:
                result["properties"]["fix"] = {"applicability": finding.fix.applicability.value, "title": finding.fix.title}
                if finding.fix.edits:
                    replacements = [
                        {"deletedRegion": _region(lines, edit.start, edit.end), "insertedContent": {"text": edit.replacement}}
                        for edit in finding.fix.edits
                    ]
                    result["fixes"] = [
                        {
                            "description": {"text": f"{finding.fix.title} ({finding.fix.applicability.value} fix)"},
                            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                        }
                    ]
            results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copyedit",
                        "version": options.tool_version,
                        "informationUri": "https://pypi.org/project/copyedit/",
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
