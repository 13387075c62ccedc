"""The plain data types everything else is built from.

A :class:`Finding` says what is wrong and where; its optional :class:`Fix` says how to
correct it and how sure we are (:class:`Applicability`); a :class:`Result` holds the
corrected text, the edits that produced it, the findings that remain, the :class:`CheckWarning` of what was sent
that the check worked around (and, when asked, the :class:`PageMetadata` of a whole HTML page).
"""

from __future__ import annotations

import bisect
import difflib
import enum
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

# The codes of the engine's own findings (X001 a fix that ran away, X002 a fix refused), which no comment
# silences; rule files may not take one (a house rule's XS101 is a rule code like any other).
INTERNAL_CODE = re.compile(r"X[0-9]{3}")


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, enum.Enum):
    """How sure a fix is: only ``safe`` fixes are applied by default."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        """How sure: display-only < unsafe < safe."""
        return {"display-only": 0, "unsafe": 1, "safe": 2}[self.value]

    def at_most(self, other: Applicability | None) -> Applicability:
        """The less sure of the two: a hit may be less sure than its rule, never more.

        >>> Applicability.SAFE.at_most(Applicability.UNSAFE), Applicability.DISPLAY_ONLY.at_most(Applicability.SAFE)
        (<Applicability.UNSAFE: 'unsafe'>, <Applicability.DISPLAY_ONLY: 'display-only'>)
        """
        return self if other is None or self.rank <= other.rank else other


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a character or start at the same offset.

        >>> Span(0, 3).overlaps(Span(3, 5)), Span(0, 3).overlaps(Span(2, 5)), Span(2, 2).overlaps(Span(1, 3))
        (False, True, True)
        """
        return (self.start < other.end and other.start < self.end) or self.start == other.start


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[span.start:span.end]`` with ``replacement``."""

    span: Span
    replacement: str

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "title": self.title,
            "edits": [edit.to_dict() for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where in the source a bilingual finding's evidence is: the source text it is about (``start``,
    ``end``: offsets into the source as sent; ``text``) and the whole source sentence it stands in."""

    start: int
    end: int
    text: str
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    text: str
    fix: Fix | None = None
    precision: float | None = None  # the rule's measured precision on real text (its measured: block)
    source: SourceSpan | None = None  # checks against a source: what in the source the finding is about

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.text,
            "fix": self.fix.to_dict() if self.fix else None,
            "precision": self.precision,
            "source": self.source.to_dict() if self.source else None,
        }


@dataclass(frozen=True, slots=True)
class AppliedFix:
    """A fix that ``fix`` applied, with its edits in the coordinates of the *input* text."""

    codes: tuple[str, ...]
    title: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "codes": list(self.codes),
            "title": self.title,
            "edits": [edit.to_dict() for edit in self.edits],
        }


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits given in the coordinates of ``text``.

    >>> apply_edits("the the cat", [Edit(Span(0, 4), "")])
    'the cat'
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    parts: list[str] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts.append(text[cursor : edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


class EditedOffsets:
    """Offsets between a text and the text that ``edits`` (non-overlapping, in the coordinates of the
    text they were applied to, in any order) produced: the one map of the package, each lookup a
    binary search. What lies outside every edit maps exactly, both ways. A bound on an edit's edge, or
    inside it, has three rules, one per question asked (they cannot be one: see the last paragraph):

    - :meth:`span` (with :meth:`start`, :meth:`end`), edited → original, for findings on the corrected
      text placed on the text as it was (reporting): a start inside a replacement maps to where the
      edit starts, an end to where it ends; at the point where text was deleted a start maps after
      the deleted text and an end before it (a finding beside a removed word does not claim it).
    - :meth:`bound`, edited → original, for an edit made on the corrected text and merged with the
      earlier edits it touches (``engine.compose``): a bound on an earlier replacement's edge maps to
      that edit's edge in the original, and at the point where text was deleted a start maps before
      the deleted text and an end after it, so the merged edit covers what the earlier one removed.
      It is asked only of bounds outside every replacement or on its edge.
    - :meth:`edited` (and :meth:`edited_span`), original → edited, for spans of the text as sent placed
      in the corrected text (``decisions``): a bound inside an edit maps to its replacement's edge, and
      at an insertion point a start maps before the inserted text and an end after it.

    Why three rules: at a deletion point :meth:`span` keeps the removed text out and :meth:`bound` takes
    it in, and each caller's tests pin its own (a finding's reported column; a merged fix that replays
    to the output); :meth:`edited` asks the opposite direction.

    >>> back = EditedOffsets([Edit(Span(3, 12), ""), Edit(Span(20, 23), "four")])
    >>> back.span(Span(3, 6)), back.span(Span(11, 15)), back.span(Span(0, 3))
    (Span(start=12, end=15), Span(start=20, end=23), Span(start=0, end=3))
    >>> back.bound(3, is_end=False), back.bound(3, is_end=True), back.bound(15, is_end=True)
    (3, 12, 23)
    >>> back.edited_span(Span(10, 21)), EditedOffsets([Edit(Span(5, 5), "ab")]).edited_span(Span(3, 5))
    (Span(start=3, end=15), Span(start=3, end=7))
    """

    def __init__(self, edits: Iterable[Edit]) -> None:
        # in the order apply_edits applies them
        self._old = sorted(edits, key=lambda edit: (edit.start, edit.end))
        self._old_starts = [edit.start for edit in self._old]
        self._old_ends = [edit.end for edit in self._old]
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        self._shifts = [0]  # how far the edits before each one moved the text
        for edit in self._old:
            start = edit.start + self._shifts[-1]
            self._new_starts.append(start)
            self._new_ends.append(start + len(edit.replacement))
            self._shifts.append(self._shifts[-1] + len(edit.replacement) - (edit.end - edit.start))

    def start(self, offset: int) -> int:
        """Where a span starting at ``offset`` starts in the text before the edits."""
        at = bisect.bisect_right(self._new_starts, offset) - 1
        if at < 0:
            return offset
        if offset < self._new_ends[at]:
            return self._old[at].start
        return offset - self._new_ends[at] + self._old[at].end

    def end(self, offset: int) -> int:
        """Where a span ending at ``offset`` ends in the text before the edits."""
        at = bisect.bisect_left(self._new_starts, offset) - 1
        if at < 0:
            return offset
        if offset <= self._new_ends[at]:
            return self._old[at].end
        return offset - self._new_ends[at] + self._old[at].end

    def span(self, span: Span) -> Span:
        start = self.start(span.start)
        return Span(start, max(start, self.end(span.end)))

    def bound(self, offset: int, is_end: bool) -> int:
        """Where the bound ``offset`` of an edit made on the edited text lies in the text before the
        edits, taking in an earlier edit whose replacement it is the edge of."""
        before = bisect.bisect_right(self._new_ends, offset)  # the edits that end at or before the offset
        if is_end:
            at = bisect.bisect_left(self._new_ends, offset)
            if at < before:  # an edit ends at the offset
                return self._old[at].end
        else:
            at = bisect.bisect_left(self._new_starts, offset)
            if at <= before and at < len(self._new_starts) and self._new_starts[at] == offset:
                return self._old[at].start
        return offset - self._shifts[before]

    def edited(self, offset: int, is_end: bool) -> int:
        """Where the bound ``offset`` of the text before the edits lies in the edited text."""
        # The edits wholly before the offset (an insertion at a start offset is not: it comes after it).
        before = bisect.bisect_right(self._old_ends, offset)
        if not is_end:
            before = min(before, bisect.bisect_left(self._old_starts, offset))
        if before < len(self._old) and self._old[before].start < offset:  # inside an edit: its replacement's edge
            return self._new_ends[before] if is_end else self._new_starts[before]
        return offset + self._shifts[before]

    def edited_span(self, span: Span) -> Span:
        start = self.edited(span.start, False)
        return Span(start, max(start, self.edited(span.end, True)))


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the main-content extractor found about a whole HTML page (``None``: not found).

    ``url`` is the page's canonical URL (``<link rel="canonical">``, else ``og:url``).
    """

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """All five fields, for JSON (``None`` when not found), so a client sees the same keys
        on every page.

        >>> PageMetadata(title="Talks end").to_dict()
        {'title': 'Talks end', 'author': None, 'date': None, 'site_name': None, 'url': None}
        """
        return {"title": self.title, "author": self.author, "date": self.date,
                "site_name": self.site_name, "url": self.url}


@dataclass(frozen=True, slots=True)
class CheckWarning:
    """A problem with what was sent that does not stop the check, and what the check did about it: ``code`` says
    which (:data:`EMPTY_SOURCE`, :data:`SOURCE_LANG_MISMATCH`; :data:`IDLE_SELECTOR` of a selection), ``field`` what
    it is about (``source``, ``source_lang``; ``select``), ``message`` says it to a person. Every front end shows the
    message as it is."""

    code: str
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message": self.message}


# The engine's warnings: a source that is empty or only white space (checked without one), and a source language
# whose scripts the source is not written in (read in the language detected in it)
EMPTY_SOURCE = "empty-source"
SOURCE_LANG_MISMATCH = "source-lang-mismatch"
# A selector that selects only rules written for another language than the articles': they do not run
IDLE_SELECTOR = "idle-selector"


@dataclass(frozen=True)
class Result:
    """What ``check`` and ``fix`` return.

    ``findings`` point into ``text`` (the corrected text, equal to ``original`` for
    ``check``); ``applied`` edits point into ``original``, so
    ``apply_edits(original, edits) == text``. ``metadata`` is filled only when asked
    (``metadata=True``) and only for a whole HTML page; it describes the page as sent. ``warnings`` say what
    was wrong with what was sent besides the text (an empty source, a source language the source is not written in)
    and what the check did about it.
    """

    original: str
    text: str
    findings: tuple[Finding, ...]
    applied: tuple[AppliedFix, ...] = ()
    format: str = "text"
    path: str | None = field(default=None, compare=False)
    metadata: PageMetadata | None = None
    warnings: tuple[CheckWarning, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(sorted(edit for applied in self.applied for edit in applied.edits))

    def diff(self, path: str | None = None, context: int = 3) -> str:
        """A unified diff from the original to the corrected text ('' when unchanged)."""
        if not self.changed:
            return ""
        name = path or self.path or "article"
        lines = difflib.unified_diff(
            _lines(self.original),
            _lines(self.text),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
            n=context,
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

    def to_dict(self) -> dict[str, Any]:
        """The result for JSON; ``"metadata"`` is there only when it was found."""
        data = {
            "format": self.format,
            "changed": self.changed,
            "text": self.text,
            "findings": [finding.to_dict() for finding in self.findings],
            "applied": [applied.to_dict() for applied in self.applied],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }
        if self.metadata is not None:
            data["metadata"] = self.metadata.to_dict()
        return data


def _lines(text: str) -> list[str]:
    """The lines of a text as ``patch`` reads them: each ends at a line feed, and only there (not at
    the form feeds, vertical tabs, lone CRs or U+2028 that ``str.splitlines`` breaks at).

    >>> _lines("One\\fTwo\\r\\nThree\\u2028four\\nEnd"), _lines("A\\n")
    (['One\\x0cTwo\\r\\n', 'Three\\u2028four\\n', 'End'], ['A\\n'])
    """
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def sorted_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.code, f.message)))
