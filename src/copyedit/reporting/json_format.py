"""``--format json``: one array of findings, the core schema (``Finding.to_dict``) plus ``path``."""

from __future__ import annotations

import json
from typing import Sequence

from . import FileReport, ReportOptions


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    records = [{"path": report.path, **finding.to_dict()} for report in reports for finding in report.findings]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
