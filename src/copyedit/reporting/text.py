"""``--format text``: ``path:line:col: CODE message``, then the line with a caret under the problem."""

from __future__ import annotations

from collections.abc import Sequence

from . import FileReport, FileWarning, ReportOptions, plural

EXCERPT_CONTEXT = 40  # characters shown either side of a finding on long lines
HIGHLIGHT_LIMIT = 80  # characters of a long finding shown (and underlined) before "…"
_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "1;35", "caret": "1;31", "dim": "2", "fix": "32"}


def _visible(code: int) -> str:
    """A control character as something a terminal prints but never obeys: C0 controls and DEL
    as their Unicode control pictures (one column wide, like ruff), C1 controls as ``\\x..``."""
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_ONE_LINE = str.maketrans({code: _visible(code) for code in _CONTROLS if code != 0x09})
_MULTILINE = str.maketrans({code: _visible(code) for code in _CONTROLS if code not in (0x09, 0x0A)})


def terminal_safe(text: str, multiline: bool = False) -> str:
    r"""``text`` with every control character made visible, so an article cannot set a terminal's
    title, clear its screen or move its cursor (an escape sequence starts with ESC, or the C1
    control CSI). Tabs stay; line breaks stay only when ``multiline``.

    >>> terminal_safe("\x1b]0;pwned\x07Title\x1b[2J\x9b1m")
    '␛]0;pwned␇Title␛[2J\\x9b1m'
    >>> terminal_safe("one\ntwo"), terminal_safe("one\ntwo", multiline=True)
    ('one␊two', 'one\ntwo')
    """
    return text.translate(_MULTILINE if multiline else _ONE_LINE)


def warning_line(path: str, warning: FileWarning) -> str:
    """A warning about a file as stderr gives it, as compilers do: the file, and the place in it when there is one.

    >>> warning_line("a.txt", FileWarning("unused-suppression", "suppression", "suppression of C401 suppresses nothing", 3, 11))
    'a.txt:3:11: warning: suppression of C401 suppresses nothing'
    >>> warning_line("a\x1b.txt", FileWarning("missing-source", "source", "no source text"))
    'a␛.txt: warning: no source text'
    """
    place = f"{path}:{warning.line}:{warning.column}" if warning.line is not None else path
    return terminal_safe(f"{place}: warning: {warning.message}")


def paint(text: str, style: str, color: bool) -> str:
    """
    >>> paint("C401", "code", True), paint("C401", "code", False)
    ('\\x1b[1;35mC401\\x1b[0m', 'C401')
    """
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text


def excerpt(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line holding ``start``, cut to a window around ``[start, end)``, and where the span
    sits in it (clipped to the line, and to ``HIGHLIGHT_LIMIT`` characters and a "…" when
    longer), with control characters made visible.

    >>> excerpt("one\\nthe the cat\\n", 4, 11)
    ('the the cat', 0, 7)
    >>> line, at, width = excerpt("x" * 100 + "BAD" + "y" * 100, 100, 103)
    >>> line[at:at + width], len(line) < 100
    ('BAD', True)
    >>> line, at, width = excerpt("Intro. " + "z" * 13_000, 7, 13_007)
    >>> line[at:at + width] == "z" * HIGHLIGHT_LIMIT + "…", len(line) < 100
    (True, True)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    end = min(max(end, start + 1), line_end) if line_end > start else start
    shown_end = min(end, start + HIGHLIGHT_LIMIT)
    window_start = max(line_start, start - EXCERPT_CONTEXT)
    window_end = min(line_end, end + EXCERPT_CONTEXT) if shown_end == end else shown_end
    before, inside, after = (
        terminal_safe(text[a:b].replace("\t", " ")) for a, b in ((window_start, start), (start, shown_end), (shown_end, window_end))
    )
    prefix = "…" if window_start > line_start else ""
    suffix = "…" if window_end < line_end else ""
    clipped = 1 if shown_end < end else 0  # the "…" that stands for the rest of the span is underlined too
    return prefix + before + inside + after + suffix, len(prefix) + len(before), max(len(inside) + clipped, 1)


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    color = options.color
    out: list[str] = []
    for report in reports:
        path = terminal_safe(report.path)
        if report.changed and options.mode in ("fix", "would-fix"):
            verb = "fixed" if options.mode == "fix" else "would fix"
            codes = ", ".join(dict.fromkeys(code for applied in report.applied for code in applied.codes))
            out.append(f"{paint(path, 'path', color)}: {verb} {plural(len(report.applied), 'issue')} ({codes})\n")
        for finding in report.findings:
            location = paint(f"{path}:{finding.line}:{finding.column}:", "path", color)
            severity = paint(finding.severity.value, finding.severity.value, color)
            out.append(f"{location} {paint(finding.code, 'code', color)} {terminal_safe(finding.message)} [{severity}]\n")
            if finding.span.end > finding.span.start or finding.text:
                line, at, width = excerpt(report.located, finding.span.start, finding.span.end)
                gutter = str(finding.line)
                out.append(f"  {paint(gutter, 'dim', color)} | {line}\n")
                out.append(f"  {' ' * len(gutter)} | {' ' * at}{paint('^' * width, 'caret', color)}\n")
            if finding.source is not None:
                out.append(f"    {paint('source:', 'dim', color)} {terminal_safe(finding.source.sentence)}\n")
            if finding.fix is not None:
                out.append(f"    {paint(f'{finding.fix.applicability.value} fix:', 'fix', color)} {terminal_safe(finding.fix.title)}\n")
    return "".join(out)
