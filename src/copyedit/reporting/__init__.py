"""Output formats for ``copyedit lint``: each turns a list of :class:`FileReport` into text.

Reports are plain data (they cross process boundaries when ``--jobs`` runs files in
parallel); every format is a pure function ``render(reports, options) -> str``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

from ..document import LineIndex
from ..files import Layout
from ..model import AppliedFix, Applicability, CheckWarning, EditedOffsets, Finding, Result, Severity, Span

FORMATS = ("text", "json", "sarif", "github", "html")

# The codes of lint's own warnings about a file, beside the engine's (:data:`~copyedit.model.EMPTY_SOURCE`,
# :data:`~copyedit.model.SOURCE_LANG_MISMATCH`)
MISSING_SOURCE = "missing-source"  # no source under --source-dir: checked without one
UNUSED_SUPPRESSION = "unused-suppression"  # a suppression comment that silenced nothing
HARD_LINKS = "hard-links"  # fixed as a new file: the file's other hard links keep the old text
SOURCE_UNUSED = "source-unused"  # it had a source, but no selected rule compares an article with one
# what a file with a source no selected rule reads is told, after "it has a source" (or its name, on the terminal)
SOURCE_UNUSED_SAID = "no selected rule compares an article with its source (the qa pack is off?)"


@dataclass(frozen=True)
class FileWarning:
    """A warning about one file that did not stop its check: the engine's (a :class:`~copyedit.model.CheckWarning`
    about the source, :meth:`about_source`) or lint's own (:data:`MISSING_SOURCE`, :data:`UNUSED_SUPPRESSION`,
    :data:`HARD_LINKS`, :data:`SOURCE_UNUSED`). ``code`` says which, ``field`` what it is about (``source``, ``source_lang``,
    ``suppression``, ``file``), ``message`` says it to a person; ``line`` and ``column``, for a warning about a
    place in the file, point into the text the report's findings do. Every format says it from these fields:
    the terminal (:func:`copyedit.reporting.text.warning_line`), SARIF, GitHub annotations, the redline page."""

    code: str
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    @classmethod
    def about_source(cls, warning: CheckWarning, source_path: str | None) -> FileWarning:
        """The engine's warning about a source, naming the source's file (as lint read it) after its words.

        >>> from copyedit.model import EMPTY_SOURCE
        >>> FileWarning.about_source(CheckWarning(EMPTY_SOURCE, "source", "the source has no text"), "a.src.ru.txt").message
        'the source has no text (a.src.ru.txt)'
        """
        named = f" ({source_path})" if source_path is not None else ""
        return cls(warning.code, warning.field, warning.message + named)


@dataclass(frozen=True)
class FileReport:
    """What happened to one file. ``findings`` point into ``text``: the corrected text when
    fixes were computed, else the original; after :meth:`on_disk`, into ``original``."""

    path: str
    format: str = "text"
    original: str = ""
    text: str = ""
    findings: tuple[Finding, ...] = ()
    applied: tuple[AppliedFix, ...] = ()
    written: bool = False
    error: str | None = None
    warnings: tuple[FileWarning, ...] = ()
    with_source: bool = False  # checked against a source text (the bilingual checks ran)
    layout: Layout = Layout()  # the file's encoding, byte-order mark and line endings
    source_unused: bool = False  # it had a source, but no selected rule compares an article with one
    in_original: bool = False  # the findings point into ``original`` (the file as it is on disk), not ``text``

    @property
    def every_warning(self) -> tuple[FileWarning, ...]:
        """The file's warnings, and :data:`SOURCE_UNUSED` when it had a source no selected rule read: what the
        machine-readable formats carry at the file (the terminal says the latter once for all files).

        >>> [w.code for w in FileReport("a.txt", source_unused=True).every_warning]
        ['source-unused']
        """
        if not self.source_unused:
            return self.warnings
        unused = FileWarning(SOURCE_UNUSED, "source", f"it has a source, but {SOURCE_UNUSED_SAID}")
        return (*self.warnings, unused)

    @property
    def located(self) -> str:
        """The text the findings' spans, lines and columns point into."""
        return self.original if self.in_original else self.text

    def on_disk(self) -> FileReport:
        """The report with its findings where they are in the file as it is on disk, for a run
        that computed fixes but wrote nothing (``--check``): what remains after the fixes, at the
        place an editor finds it. A finding inside a fix's replacement points at what it replaces.

        >>> from copyedit import fix
        >>> result = fix("Related\\n\\nThe the talks ended.\\n")
        >>> report = FileReport("a.txt", "text", result.original, result.text, result.findings, result.applied)
        >>> [(f.code, f.line, f.column, f.span.start) for f in report.on_disk().findings]
        [('C401', 3, 1, 9)]

        A warning about a place in the file (a suppression comment that suppresses nothing) moves with it:

        >>> unused = FileWarning(UNUSED_SUPPRESSION, "suppression", "m", line=2, column=12)
        >>> result = fix("Related\\n\\nThe the talks ended.\\nThey left. copyedit: ignore[TR101]\\n")
        >>> report = FileReport("a.txt", "text", result.original, result.text, (), result.applied, warnings=(unused,))
        >>> [(w.line, w.column) for w in report.on_disk().warnings]
        [(4, 12)]
        """
        if self.in_original:
            return self
        if not self.changed:
            return replace(self, in_original=True)
        back = EditedOffsets(edit for applied in self.applied for edit in applied.edits)
        lines = LineIndex(self.original)
        warnings = self.warnings
        if any(warning.line is not None for warning in warnings):
            lines_now = LineIndex(self.text)

            def warning_moved(warning: FileWarning) -> FileWarning:
                if warning.line is None or warning.column is None:
                    return warning
                at = lines_now.offset(warning.line, warning.column)
                line, column = lines.position(back.span(Span(at, at)).start)
                return replace(warning, line=line, column=column)

            warnings = tuple(map(warning_moved, warnings))

        def moved(finding: Finding) -> Finding:
            span = back.span(finding.span)
            line, column = lines.position(span.start)
            fix = finding.fix
            if fix is not None:
                fix = replace(fix, edits=tuple(replace(edit, span=back.span(edit.span)) for edit in fix.edits))
            return replace(finding, span=span, line=line, column=column, fix=fix)

        return replace(self, findings=tuple(map(moved, self.findings)), warnings=warnings, in_original=True)

    def encoded(self) -> bytes:
        """The corrected text as the file's bytes (stdin's, for ``--fix -``)."""
        return self.layout.encode(self.text, self.path)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self) -> str:
        # a/ and b/ prefixes as git writes them, so `patch -p1` applies the diff
        # in the file's own line endings and mark, which `patch` compares byte for byte
        written = Result(self.layout.as_written(self.original), self.layout.as_written(self.text), (), (), self.format)
        return written.diff(self.path.lstrip("/"))

    def encoded_diff(self) -> bytes:
        """:meth:`diff` as ``patch`` reads it: the lines of the text in the file's own encoding, where that
        encoding writes ASCII as ASCII (Latin-1, cp1252: not UTF-16, which ``patch`` cannot apply), and
        the two lines naming the file in UTF-8, as the names are shown everywhere else."""
        diff = self.diff()
        encoding = self.layout.encoding
        if not diff or "\n-a".encode(encoding, "replace") != b"\n-a":
            return diff.encode("utf-8", "surrogateescape")
        header_end = diff.index("\n", diff.index("\n") + 1) + 1  # "--- a/NAME" and "+++ b/NAME"
        return diff[:header_end].encode("utf-8", "surrogateescape") + diff[header_end:].encode(encoding)

    def fixable(self) -> int:
        return sum(map(safely_fixable, self.findings))


def safely_fixable(finding: Finding) -> bool:
    """Whether ``--fix`` would apply the finding's fix (it has edits and is safe)."""
    return bool(finding.fix and finding.fix.edits and finding.fix.applicability is Applicability.SAFE)


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    mode: str = "check"  # check | fix | diff | would-fix
    tool_version: str = ""
    rules: dict[str, Any] = field(default_factory=dict)  # code -> Rule, for formats that describe rules
    # warnings about the run's configuration, not about a file (a selector that selects only rules for other
    # languages than the articles'): stderr says them, and SARIF and GitHub annotations carry them
    run_warnings: tuple[CheckWarning, ...] = ()


def severity_counts(reports: Sequence[FileReport]) -> Counter[str]:
    return Counter(f.severity.value for report in reports for f in report.findings)


def plural(count: int, word: str) -> str:
    """
    >>> plural(1, "file"), plural(2, "finding"), plural(3, "fix"), plural(0, "entry"), plural(2, "key")
    ('1 file', '2 findings', '3 fixes', '0 entries', '2 keys')
    """
    if count == 1:
        return f"{count} {word}"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}{'es' if word.endswith(('s', 'x')) else 's'}"


def renderer(name: str) -> Callable[[Sequence[FileReport], ReportOptions], str]:
    modules = {
        "text": "copyedit.reporting.text",
        "json": "copyedit.reporting.json_format",
        "sarif": "copyedit.reporting.sarif",
        "github": "copyedit.reporting.github",
        "html": "copyedit.reporting.redline",
    }
    render: Callable[[Sequence[FileReport], ReportOptions], str] = importlib.import_module(modules[name]).render
    return render


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
