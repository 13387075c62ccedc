"""``--format html``: a self-contained redline page for an editor.

For each file the article is shown with every applied fix as a deletion (red, struck
through) followed by its insertion (green), each labelled with the rule codes that made it;
the findings that remain are highlighted in place and labelled with their codes, and listed
below the text; the warnings about a file (an empty source, a suppression that suppresses nothing) are
listed above it. A table at the top counts fixes and findings by rule. The page needs no
network and no script.

Control characters, which HTML does not allow and a browser would not show, appear as
``U+001B`` markers; each article's direction is its own (``dir="auto"``), so an Arabic or
Hebrew article reads right to left in the English page.
"""

from __future__ import annotations

import bisect
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from ..model import Finding
from . import SEVERITY_ORDER, FileReport, ReportOptions, plural

STYLE = """
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #222; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1, h2, h3, table, .meta, .findings, .label { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: .9em; }
.source-sentence { color: #555; font-size: .9em; margin-top: .3em; } .source-sentence mark { background: #fde9a9; }
table { border-collapse: collapse; font-size: .9em; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; }
.article { white-space: pre-wrap; border: 1px solid #ddd; border-radius: 4px; padding: 1em 1.2em; background: #fff; }
del { background: #ffd7d5; color: #8a1010; text-decoration: line-through; }
ins { background: #d5f5dc; color: #0a5a1e; text-decoration: none; }
mark.finding { background: #fff1a8; border-bottom: 2px solid #e0a800; }
mark.sev-error { background: #ffe0b3; border-bottom-color: #d9480f; }
mark.sev-info { background: #e3f0ff; border-bottom-color: #4a90d9; }
.label { font-size: .65em; font-weight: 600; padding: 0 .3em; border-radius: 3px; margin-left: 1px; vertical-align: super; }
.label.fixed { background: #2f7d3b; color: #fff; } .label.finding { background: #b8860b; color: #fff; }
.label.sev-error { background: #c0392b; } .label.sev-info { background: #2f6fb0; }
.findings td.code { font-weight: 600; white-space: nowrap; }
.error { color: #c0392b; } .warnings { color: #8a5a00; font-family: system-ui, sans-serif; font-size: .9em; }
.article { unicode-bidi: plaintext; }
.control { font: .7em system-ui, sans-serif; color: #6a1b9a; border: 1px solid #b39ddb; border-radius: 2px; padding: 0 .15em; }
details.source { margin-top: 1em; } details.source summary { cursor: pointer; font-family: system-ui, sans-serif; }
"""


# Characters HTML does not allow in a page's text (a parse error each, and shown as nothing): the
# controls other than tab, line feed and carriage return, and the noncharacters.
_NOT_IN_HTML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\p{Noncharacter_Code_Point}]")


def escape(text: str, quote: bool = True) -> str:
    """``html.escape``, with each character HTML does not allow shown as a marker naming it.

    >>> escape("a\x1b[31m <b>\x85")
    'a<span class="control" title="control character U+001B">U+001B</span>[31m &lt;b&gt;<span class="control" title="control character U+0085">U+0085</span>'
    """
    shown: str = _NOT_IN_HTML.sub(
        lambda m: f'<span class="control" title="control character U+{ord(m.group()):04X}">U+{ord(m.group()):04X}</span>',
        html.escape(text, quote=quote),
    )
    return shown


def escape_attribute(text: str) -> str:
    """``html.escape`` for an attribute's value, where markup cannot go: each character HTML does not
    allow becomes its code point.

    >>> escape_attribute('say "\x1b"')
    'say &quot;U+001B&quot;'
    """
    shown: str = _NOT_IN_HTML.sub(lambda m: f"U+{ord(m.group()):04X}", html.escape(text))
    return shown


@dataclass(frozen=True)
class Segment:
    """A run of the corrected text ``[new_start, new_end)``; for a change, also what it replaced."""

    new_start: int
    new_end: int
    deleted: str | None = None  # None: unchanged text
    codes: tuple[str, ...] = ()
    title: str = ""


def segments(report: FileReport) -> list[Segment]:
    """Split the corrected text into unchanged runs and changes (each with its deleted text).

    >>> from copyedit import fix
    >>> result = fix("He said the the cat left.", unsafe=True)
    >>> r = FileReport("a.txt", original=result.original, text=result.text, applied=result.applied)
    >>> [(s.deleted, result.text[s.new_start:s.new_end], s.codes) for s in segments(r)]
    [(None, 'He said the', ()), (' the', '', ('C401',)), (None, ' cat left.', ())]
    """
    edits = sorted((edit, applied) for applied in report.applied for edit in applied.edits)
    out: list[Segment] = []
    cursor = position = 0
    for edit, applied in edits:
        if edit.start > cursor:
            out.append(Segment(position, position + edit.start - cursor))
            position += edit.start - cursor
        out.append(
            Segment(position, position + len(edit.replacement), report.original[edit.start : edit.end], applied.codes, applied.title)
        )
        position += len(edit.replacement)
        cursor = edit.end
    if cursor < len(report.original):
        out.append(Segment(position, position + len(report.original) - cursor))
    return out


# Tags that start a new line of prose when an HTML article is shown as its text.
_BLOCK_TAG = regex.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|blockquote|section|article|header|footer|nav|aside"
                           r"|figure|figcaption|main|title|dd|dt|dl|hr|pre)\b", regex.IGNORECASE)
_TAG = regex.compile(r"<[^>]*>")
_BLANK_RUN = regex.compile(r"[ \t]*\n\s*")


class Prose:
    """An HTML page shown as its prose: the page's markup (tags, comments, scripts, styles) is
    left out of every slice, a block-level tag becomes a line break."""

    def __init__(self, source: str) -> None:
        from ..engine import parse_document  # the report renders what the engine parsed

        self.ranges: list[tuple[int, int, str]] = []
        for offset, item in parse_document(source, "html").skeleton():
            if source.startswith(item, offset):
                self.ranges.append((offset, offset + len(item), "\n" if _BLOCK_TAG.match(item) else ""))
        self.starts = [start for start, _, _ in self.ranges]

    def __call__(self, text: str, start: int, end: int) -> str:
        parts, cursor = [], start
        for index in range(max(0, bisect.bisect_right(self.starts, start) - 1), len(self.ranges)):
            markup_start, markup_end, shown = self.ranges[index]
            if markup_start >= end:
                break
            if markup_end <= cursor:
                continue
            parts.append(text[cursor:max(cursor, markup_start)])
            parts.append(shown)
            cursor = max(cursor, markup_end)
        parts.append(text[cursor:end] if cursor < end else "")
        return html.unescape(_BLANK_RUN.sub("\n\n", "".join(parts)))


def without_tags(source: str) -> str:
    """Removed page source shown as prose: the line breaks its block tags make at its edges go (the
    prose around it has its own), its spaces stay (a doubled word's deletion is " the").

    >>> without_tags("<div class='x'><p>Leave a Reply</p>\\n</div>"), without_tags(" <b>the</b>")
    ('Leave a Reply', ' the')
    """
    return html.unescape(_BLANK_RUN.sub("\n\n", _TAG.sub(lambda m: "\n" if _BLOCK_TAG.match(m.group()) else "", source)).strip("\n"))


def _marked(
    text: str, start: int, end: int, findings: Sequence[Finding], shown: Callable[[str, int, int], str] | None = None
) -> str:
    """``text[start:end]`` as HTML with the findings inside it highlighted and labelled (``shown``
    renders a slice of the text; by default, as it is). In one sweep over the findings' bounds: an
    article with 16,000 findings took minutes when each piece looked through all of them."""
    points = {start, end}
    empty_at: dict[int, list[Finding]] = {}  # labels of empty findings sit where they point
    ending_at: dict[int, list[Finding]] = {}
    for finding in findings:
        for point in (finding.span.start, finding.span.end):
            if start < point < end:
                points.add(point)
        if finding.span.start == finding.span.end:
            empty_at.setdefault(finding.span.start, []).append(finding)
        else:
            ending_at.setdefault(finding.span.end, []).append(finding)
    ordered = sorted(points)
    by_start = sorted(range(len(findings)), key=lambda index: findings[index].span.start)
    active: dict[int, Finding] = {}  # the findings over the current piece, by their order in ``findings``
    waiting = 0
    parts: list[str] = []
    for index, chunk_start in enumerate(ordered):
        if start <= chunk_start < end or chunk_start == end == len(text):
            parts.extend(_label(finding) for finding in empty_at.get(chunk_start, ()))
        if index + 1 == len(ordered):
            break
        chunk_end = ordered[index + 1]
        while waiting < len(by_start) and findings[by_start[waiting]].span.start <= chunk_start:
            active[by_start[waiting]] = findings[by_start[waiting]]
            waiting += 1
        for number in [number for number, finding in active.items() if finding.span.end <= chunk_start]:
            del active[number]
        chunk = escape(shown(text, chunk_start, chunk_end) if shown else text[chunk_start:chunk_end], quote=False)
        if active:
            over = [active[number] for number in sorted(active)]
            worst = min(over, key=lambda f: SEVERITY_ORDER.index(f.severity)).severity.value
            codes = " ".join(dict.fromkeys(f.code for f in over))
            titles = escape_attribute(" | ".join(f"{f.code}: {f.message}" for f in over))
            chunk = f'<mark class="finding sev-{worst}" data-codes="{codes}" title="{titles}">{chunk}</mark>'
        parts.append(chunk)
        parts.extend(_label(f) for f in ending_at.get(chunk_end, ()))
    return "".join(parts)


def _label(finding: Finding) -> str:
    title = escape_attribute(f"{finding.code} {finding.name}: {finding.message}")
    return f'<span class="label finding sev-{finding.severity.value}" title="{title}">{finding.code}</span>'


def article_html(report: FileReport, as_prose: bool = False) -> str:
    """The article with its changes and findings; ``as_prose`` shows an HTML page as its text."""
    findings = [f for f in report.findings if f.span.end <= len(report.text)]
    shown = Prose(report.text) if as_prose else None
    # The findings are swept once over the segments (in order): each segment looks only at those that
    # began before it ends and did not end before it starts, in their order in the report.
    waiting = sorted(range(len(findings)), key=lambda number: (findings[number].span.start, findings[number].span.end))
    next_waiting = 0
    candidates: list[int] = []
    parts = []
    for segment in segments(report):
        while next_waiting < len(waiting) and (
            findings[waiting[next_waiting]].span.start < segment.new_end
            or findings[waiting[next_waiting]].span.start == segment.new_start
        ):
            candidates.append(waiting[next_waiting])
            next_waiting += 1
        candidates = [number for number in candidates if findings[number].span.end >= segment.new_start]
        inside = [
            f for f in (findings[number] for number in sorted(candidates))
            if f.span.start < segment.new_end and f.span.end > segment.new_start or f.span.start == f.span.end == segment.new_start
        ]
        new_html = _marked(report.text, segment.new_start, segment.new_end, inside, shown)
        if segment.deleted is None:
            parts.append(new_html)
            continue
        codes = " ".join(segment.codes)
        title = escape_attribute(f"{codes}: {segment.title}")
        # A removed paragraph's trailing blank lines go after the label, so the label stays on its line.
        removed = without_tags(segment.deleted) if as_prose else segment.deleted
        visible = removed.rstrip("\n") if segment.new_end == segment.new_start else removed
        tail = removed[len(visible) :]
        deleted = f"<del>{escape(visible, quote=False)}</del>" if visible else ""
        inserted = f"<ins>{new_html}</ins>" if segment.new_end > segment.new_start else ""
        parts.append(
            f'<span class="change" data-codes="{codes}" title="{title}">{deleted}{inserted}<span class="label fixed">{codes}</span>'
            f"{escape(tail, quote=False)}</span>"
        )
    return "".join(parts)


def _source_sentence(finding: Finding) -> str:
    """The source sentence beside a bilingual finding, its evidence marked."""
    if finding.source is None:
        return ""
    sentence, evidence = finding.source.sentence, finding.source.text
    at = sentence.find(evidence) if evidence else -1
    shown = escape(sentence) if at < 0 else (
        f"{escape(sentence[:at])}<mark>{escape(evidence)}</mark>{escape(sentence[at + len(evidence):])}"
    )
    # <bdi>: a Hebrew or Arabic sentence runs right to left, apart from the "Source:" before it
    return f'<div class="source-sentence">Source: <bdi>{shown}</bdi></div>'


def _findings_table(report: FileReport) -> str:
    if not report.findings:
        return '<p class="meta">No findings remain.</p>'
    rows = []
    for finding in report.findings:
        fix = f"{finding.fix.applicability.value}: {finding.fix.title}" if finding.fix else ""
        precision = "—" if finding.precision is None else f"{finding.precision:.2f}"
        rows.append(
            f'<tr class="sev-{finding.severity.value}"><td>{finding.line}:{finding.column}</td><td class="code">{finding.code}</td>'
            f"<td>{finding.severity.value}</td><td>{escape(finding.message)}{_source_sentence(finding)}</td><td>{escape(fix)}</td>"
            f'<td class="num">{precision}</td></tr>'
        )
    return (
        '<table class="findings"><thead><tr><th>Where</th><th>Rule</th><th>Severity</th><th>Finding</th><th>Suggested fix</th>'
        '<th title="The rule\'s measured precision on real text (copyedit rules CODE says how)">Measured precision</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _warnings_list(report: FileReport) -> str:
    """The warnings about the file (an empty source, a suppression that suppresses nothing), in stderr's words, a
    place in the file where the page shows it (in the corrected text, as the findings' places).

    >>> from . import FileWarning
    >>> _warnings_list(FileReport("a.txt", warnings=(FileWarning("unused-suppression", "suppression", "<b> unused", 2, 5),)))
    '<ul class="warnings"><li>Warning at 2:5: &lt;b&gt; unused</li></ul>'
    """
    warnings = report.every_warning
    if not warnings:
        return ""
    items = "".join(
        f"<li>Warning{'' if warning.line is None else f' at {warning.line}:{warning.column}'}: {escape(warning.message)}</li>"
        for warning in warnings
    )
    return f'<ul class="warnings">{items}</ul>'


def _summary_table(reports: Sequence[FileReport], options: ReportOptions) -> str:
    fixed = Counter(code for r in reports for applied in r.applied for code in applied.codes)
    remaining = Counter(f.code for r in reports for f in r.findings)
    names = {f.code: f.name for r in reports for f in r.findings}
    rows = []
    for code in sorted(set(fixed) | set(remaining)):
        rule = options.rules.get(code)
        name = rule.name if rule else names.get(code, "")
        rows.append(
            f'<tr data-code="{code}"><td class="code">{code}</td><td>{escape(name)}</td>'
            f'<td class="num">{fixed[code]}</td><td class="num">{remaining[code]}</td></tr>'
        )
    if not rows:
        return '<p class="meta">Nothing to fix and no findings.</p>'
    return (
        '<table class="summary"><thead><tr><th>Rule</th><th>Name</th><th>Fixed</th><th>Remaining</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _article_views(report: FileReport) -> str:
    """An HTML page is shown as its prose, its source only on request; other formats as they are."""
    if report.format != "html":
        return f'<div class="article" dir="auto">{article_html(report)}</div>'
    return (
        f'<div class="article prose" dir="auto">{article_html(report, as_prose=True)}</div>'
        f'<details class="source"><summary>Page source with the changes</summary>'
        f'<div class="article" dir="auto">{article_html(report)}</div></details>'
    )


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    verb = "applied" if options.mode == "fix" else "would be applied"
    total_fixes = sum(len(r.applied) for r in reports)
    total_findings = sum(len(r.findings) for r in reports)
    sections = []
    for number, report in enumerate(reports, 1):
        anchor = f"file-{number}"
        if report.error:
            sections.append(f'<section class="file" id="{anchor}"><h2>{escape(report.path)}</h2><p class="error">{escape(report.error)}</p></section>')
            continue
        sections.append(
            f'<section class="file" id="{anchor}"><h2>{escape(report.path)}</h2>'
            f'<p class="meta">{plural(len(report.applied), "fix")} {verb}, {plural(len(report.findings), "finding")} remaining.</p>'
            f"{_warnings_list(report)}{_article_views(report)}"
            f"<h3>Remaining findings</h3>{_findings_table(report)}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        # the generator tag tells a folder walk that this is copyedit's output, not an article (files.is_copyedit_report)
        f'<meta name="generator" content="copyedit {escape(options.tool_version)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>copyedit report: {plural(len(reports), 'file')}</title><style>{STYLE}</style></head><body>"
        f"<h1>copyedit report</h1>"
        f'<p class="meta">{plural(len(reports), "file")}, {plural(total_fixes, "fix")} {verb}, '
        f'{plural(total_findings, "finding")} remaining. copyedit {escape(options.tool_version)}. '
        "Deletions are <del>struck through</del>, insertions <ins>underlaid green</ins>, remaining findings "
        '<mark class="finding">highlighted</mark>; labels name the rule.</p>'
        f"<h2>Summary by rule</h2>{_summary_table(reports, options)}"
        f"{''.join(sections)}</body></html>\n"
    )
