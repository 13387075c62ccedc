"""Suppression comments: an editor's way to say "this is right, leave it".

In HTML and Markdown a region is opened by ``<!-- copyedit: disable=CODE[,CODE] -->`` and
closed by ``<!-- copyedit: enable=CODE -->`` (or the end of the file); in plain text
``copyedit: ignore[CODE]`` anywhere on a line silences those codes on that line, and no rule
reports the comment's own words (in "He left. copyedit: ignore[C401]" the comment is not a
sentence that starts in lower case). A code is any rule selector: a code, a prefix, a rule
name, a pack (``house`` for the rules of ``house/``) or ``ALL``. Internal findings (``X…``) are never suppressed.

The engine applies them on every pass of ``check`` and ``fix`` (so every front end honours
them): a suppressed finding is not reported and its fix is not applied. ``copyedit lint``
passes its own :class:`SuppressionFilter` to report suppressions that silence nothing, so
stale ones get removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .collector import collection_paused
from .config import matches
from .model import Finding

if TYPE_CHECKING:
    from .rules import Rule

_REGION = regex.compile(r"<!--\s*copyedit:\s*(disable|enable)\s*=\s*([^>]*?)\s*-->")
_LINE = regex.compile(r"copyedit:\s*ignore\[([^\]\n]*)\]")


@dataclass(frozen=True)
class Suppression:
    """One selector silenced over ``[start, end)`` of the source, declared at ``line:column``."""

    selector: str
    start: int
    end: int
    line: int
    column: int

    def covers(self, finding: Finding, rule: Rule) -> bool:
        """Whether it silences ``finding``, of ``rule``: a selector picks rules as ``--select`` does."""
        return self.start <= finding.span.start < self.end and matches(self.selector, rule)


def _selectors(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _position(source: str, offset: int) -> tuple[int, int]:
    line_start = source.rfind("\n", 0, offset) + 1
    return source.count("\n", 0, offset) + 1, offset - line_start + 1


def parse_suppressions(source: str, format: str) -> tuple[Suppression, ...]:
    """The suppressions a document declares, in source order.

    >>> [(s.selector, s.start, s.end) for s in parse_suppressions("a copyedit: ignore[C401, TR1]\\nb", "text")]
    [('C401', 0, 29), ('TR1', 0, 29)]
    >>> text = "<!-- copyedit: disable=C401 -->the the<!-- copyedit: enable=C401 -->"
    >>> [(s.selector, s.start, s.end) for s in parse_suppressions(text, "html")]
    [('C401', 31, 38)]
    """
    found: list[Suppression] = []
    if format == "text":
        for match in _LINE.finditer(source):
            start = source.rfind("\n", 0, match.start()) + 1
            end = source.find("\n", match.end())
            end = len(source) if end == -1 else end
            line, column = _position(source, match.start())
            found.extend(Suppression(selector, start, end, line, column) for selector in _selectors(match.group(1)))
        return tuple(found)
    open_regions: dict[str, tuple[int, int, int]] = {}
    matches = list(_REGION.finditer(source))
    if matches and format == "markdown":
        code = _markdown_code_lines(source)
        matches = [match for match in matches if source.count("\n", 0, match.start()) not in code]
    for match in matches:
        action, selectors = match.group(1), _selectors(match.group(2))
        for selector in selectors:
            if action == "disable":
                if selector not in open_regions:
                    open_regions[selector] = (match.end(), *_position(source, match.start()))
            elif selector in open_regions:
                start, line, column = open_regions.pop(selector)
                found.append(Suppression(selector, start, match.start(), line, column))
    for selector, (start, line, column) in open_regions.items():
        found.append(Suppression(selector, start, len(source), line, column))
    return tuple(sorted(found, key=lambda s: (s.start, s.selector)))


def _markdown_code_lines(source: str) -> set[int]:
    """The lines (from 0) of a Markdown document's code blocks, fenced or indented: a directive shown
    there is an example of one, not one.

    >>> sorted(_markdown_code_lines("Text\\n\\n```\\n<!-- copyedit: disable=C4 -->\\n```\\n"))
    [2, 3, 4]
    """
    from .markup.markdown import parse_blocks

    with collection_paused():  # as the document's own parse: its tokens are no garbage until the set is made
        return {line for token in parse_blocks(source) if token.type in ("fence", "code_block") and token.map for line in range(*token.map)}


def _about_comment(finding: Finding, start: int, end: int) -> bool:
    """Whether a finding is about the words of the comment at ``[start, end)``: it takes some of them, not the
    whole comment with the text around it (a line or a block the comment stands in is still the article's).

    >>> from copyedit.model import Severity, Span
    >>> def at(a, b): return Finding("MT114", "x", Severity.INFO, "m", Span(a, b), 1, 1, "t")
    >>> _about_comment(at(8, 18), 10, 30), _about_comment(at(12, 20), 10, 30), _about_comment(at(0, 40), 10, 30)
    (True, True, False)
    """
    return start < finding.span.end and finding.span.start < end and not (finding.span.start <= start and finding.span.end >= end)


class SuppressionFilter:
    """The ``suppress`` callable for the engine: drops covered findings and remembers which
    suppressions were used (by their order in the document, which fixes never change). ``rules``, the rules by
    code, say each finding's pack, for selectors that name one."""

    def __init__(self, format: str, rules: Mapping[str, Rule]) -> None:
        self.format = format
        self.rules = rules
        self.used: set[int] = set()
        self._cache: tuple[str, tuple[Suppression, ...], tuple[tuple[int, int], ...]] | None = None

    def _parsed(self, source: str) -> tuple[str, tuple[Suppression, ...], tuple[tuple[int, int], ...]]:
        if self._cache is None or self._cache[0] != source:
            suppressions = parse_suppressions(source, self.format)
            # (the comments' own spans are wanted only where there are any: most documents have none)
            comments = tuple(m.span() for m in _LINE.finditer(source)) if suppressions and self.format == "text" else ()
            self._cache = (source, suppressions, comments)
        return self._cache

    def suppressions(self, source: str) -> tuple[Suppression, ...]:
        return self._parsed(source)[1]

    def __call__(self, source: str, findings: list[Finding]) -> list[Finding]:
        _, suppressions, comments = self._parsed(source)
        if not suppressions:
            return findings
        kept = []
        for finding in findings:
            rule = self.rules.get(finding.code)  # none for an internal finding (X…), which is never suppressed
            if rule is not None and any(_about_comment(finding, start, end) for start, end in comments):
                continue
            covering = [index for index, s in enumerate(suppressions) if s.covers(finding, rule)] if rule is not None else []
            if covering:
                self.used.update(covering)
            else:
                kept.append(finding)
        return kept

    def unused(self, source: str) -> Iterable[Suppression]:
        return (s for index, s in enumerate(self.suppressions(source)) if index not in self.used)
