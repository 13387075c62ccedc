"""``--format sarif``: SARIF 2.1.0, the format code-scanning dashboards read.

Columns count Unicode code points (``columnKind``), as copyedit's do; a fix that can be
applied becomes a SARIF ``fix`` with one replacement per edit. A file under the folder the
report starts from (the current folder) is named relative to it, with
the base ``%SRCROOT%`` that ``originalUriBaseIds`` resolves: code scanning maps such a name to
the repository's file. A file outside it is named by an absolute ``file:`` URI.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
from pathlib import Path, PurePath
from typing import Any, Sequence
from urllib.parse import quote

from ..document import LineIndex
from ..model import CheckWarning
from . import FileReport, ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
_HOME_LABELS = ("homepage", "home", "source", "source code", "repository")


@functools.lru_cache(maxsize=1)
def home_page() -> str | None:
    """The project's own address from its package metadata (``[project.urls]`` in pyproject.toml),
    or None when it gives none: then SARIF's ``informationUri`` is left out rather than guessed
    (the name ``copyedit`` on PyPI is another project's)."""
    try:
        metadata = importlib.metadata.metadata("copyedit")
    except importlib.metadata.PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in metadata.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    for label in _HOME_LABELS:
        if urls.get(label):
            return urls[label]
    home = metadata.get_all("Home-page")
    return str(home[0]) if home else None


def artifact_uri(path: str) -> str:
    """A relative URI for a path as given on the command line.

    >>> artifact_uri("news/a b.txt"), artifact_uri("-"), artifact_uri("bad\\udcffname.txt")
    ('news/a%20b.txt', 'stdin', 'bad%FFname.txt')
    """
    # a name that is not UTF-8 on disk keeps its bytes (as lone surrogates): the URI escapes them
    return "stdin" if path == "-" else quote(PurePath(path).as_posix(), errors="surrogateescape")


def artifact_location(path: str, root: str) -> dict[str, str]:
    """A SARIF ``artifactLocation``: relative to ``root`` (an absolute folder) with the base
    ``%SRCROOT%`` when the file is under it, else an absolute ``file:`` URI with no base.

    >>> artifact_location("news/a b.txt", "/site"), artifact_location("/site/news/../a.txt", "/site")
    ({'uri': 'news/a%20b.txt', 'uriBaseId': '%SRCROOT%'}, {'uri': 'a.txt', 'uriBaseId': '%SRCROOT%'})
    >>> artifact_location("../other/a.txt", "/site/news"), artifact_location("-", "/site")
    ({'uri': 'file:///site/other/a.txt'}, {'uri': 'stdin'})
    """
    if path == "-":
        return {"uri": "stdin"}
    absolute = os.path.normpath(os.path.join(root, path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # Windows: another drive
        return {"uri": Path(absolute).as_uri()}
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": artifact_uri(relative), "uriBaseId": SRCROOT}


def root_uri(root: str) -> str:
    """
    >>> root_uri("/site/news")
    'file:///site/news/'
    """
    uri = Path(root).as_uri()
    return uri if uri.endswith("/") else uri + "/"


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
    root = os.getcwd()
    results = []
    for report in reports:
        lines = LineIndex(report.located)
        location = artifact_location(report.path, root)
        for finding in report.findings:
            region: dict[str, Any] = _region(lines, finding.span.start, finding.span.end)
            written = report.located[finding.span.start : finding.span.end]
            if written:
                # the artifact's own text in the region (SARIF 3.30.13): an HTML entity as written
                region["snippet"] = {"text": written}
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "level": _LEVELS[finding.severity.value],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": region}}],
                "properties": {"name": finding.name},
            }
            if finding.text != written:
                result["properties"]["text"] = finding.text  # what a reader sees there
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
                            "artifactChanges": [{"artifactLocation": dict(location), "replacements": replacements}],
                        }
                    ]
            results.append(result)
    driver: dict[str, Any] = {"name": "copyedit", "version": options.tool_version}
    if home_page():
        driver["informationUri"] = home_page()
    driver["rules"] = [_rule_descriptor(rule) for rule in rules]
    codes = {w.code for report in reports for w in report.every_warning} | {w.code for w in options.run_warnings}
    kinds = {code: index for index, code in enumerate(sorted(codes))}
    if kinds:  # the descriptors of the warnings' codes, as the rules are the findings'
        driver["notifications"] = [{"id": code, "defaultConfiguration": {"level": "warning"}} for code in kinds]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri(root)}},
                "columnKind": "unicodeCodePoints",
                "invocations": [_invocation(reports, root, kinds, options.run_warnings)],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _invocation(
    reports: Sequence[FileReport], root: str, kinds: dict[str, int], run_warnings: Sequence[CheckWarning] = ()
) -> dict[str, Any]:
    """The run's invocation (SARIF 3.20): a file that could not be checked as an error notification, and the
    warnings about a file (an empty source, a source language its source is not written in, a suppression that
    suppresses nothing) as warning notifications, each at its file (and its place there, when it has one), with its
    code as the descriptor (``kinds``: the index of each code among the driver's ``notifications``): a
    code-scanning upload shows them, as the terminal does on stderr. Warnings about the configuration
    (``run_warnings``: a selector that runs nothing) are its configuration notifications, at no file."""
    notifications = []
    for report in reports:
        artifact = artifact_location(report.path, root)
        if report.error:
            notifications.append({"level": "error", "message": {"text": report.error}, "locations": [{"physicalLocation": {"artifactLocation": artifact}}]})
        for warning in report.every_warning:
            place: dict[str, Any] = {"artifactLocation": dict(artifact)}
            if warning.line is not None:
                place["region"] = {"startLine": warning.line, "startColumn": warning.column}
            notifications.append({
                "level": "warning",
                "message": {"text": warning.message},
                "locations": [{"physicalLocation": place}],
                "descriptor": {"id": warning.code, "index": kinds[warning.code]},
                "properties": {"field": warning.field},
            })
    invocation: dict[str, Any] = {"executionSuccessful": not any(report.error for report in reports)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if run_warnings:
        invocation["toolConfigurationNotifications"] = [
            {
                "level": "warning",
                "message": {"text": warning.message},
                "descriptor": {"id": warning.code, "index": kinds[warning.code]},
                "properties": {"field": warning.field},
            }
            for warning in run_warnings
        ]
    return invocation
