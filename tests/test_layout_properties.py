"""Fixes keep the article's layout: a property over generated articles.

An article is drawn from pieces that make the rules fire (every built-in rule's ``bad`` examples, chrome lines,
doubled words, quotes) and plain prose, joined by a space or one to three line breaks (some with stray spaces),
written with LF or CRLF, with or without blank lines before and after and a line break at the end. Whatever the fixes do to the words, the reader of the diff must
not meet a layout defect the article did not have (``layout_problems`` says which, and why each must hold).

CI runs ``EXAMPLES`` per property, as many as the markup properties (``COPYEDIT_MARKUP_EXAMPLES``: ``.ci/run`` sets
2,000).
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import copyedit
from copyedit import Config
from copyedit.model import AppliedFix, Edit, Result, Span, apply_edits

EXAMPLES = int(os.environ.get("COPYEDIT_MARKUP_EXAMPLES", "150"))

# What each rule says is wrong, as its examples show it, read through the package (as the engine reads them);
# the bilingual rules' examples need their source and stay out.
RULE_EXAMPLES = sorted(
    {
        example.bad
        for rule in copyedit.ruleset_for(Config()).rules
        for example in rule.examples
        if example.bad and example.format == "text" and example.source is None
    }
)
CHROME = [
    "Leave a Reply",
    "Share this:",
    "Tweet",
    "Share on Facebook",
    "Photo: Reuters",
    "RELATED STORIES",
    "World news 24 hours a day",
    "Your email address will not be published. Required fields are marked *",
    "Subscribe to our newsletter",
    "By Sarah Yang",
]
TRIGGERS = ["They they left.", "the the", "protecting and protecting", "“ quoted ”", '"straight"', "“open", "close”", "places. ” he stated."]
PROSE = ["The talks ended on Friday.", "Both sides will meet again in March.", "The minister said so", "It said."]
# Between pieces: a space, a line break, one or two blank lines; and the stray spaces articles have, which a removal
# must not spread: at a line's end, before an indented line, a blank line of spaces.
SEPARATORS = [" ", "\n", "\n\n", "\n\n\n", " \n", "\n  ", "\n \n"]

piece = st.one_of(st.sampled_from(RULE_EXAMPLES), st.sampled_from(CHROME), st.sampled_from(TRIGGERS), st.sampled_from(PROSE))
body = st.tuples(piece, st.lists(st.tuples(st.sampled_from(SEPARATORS), piece), max_size=7)).map(
    lambda first_rest: first_rest[0] + "".join(separator + text for separator, text in first_rest[1])
)
article = st.builds(
    lambda before, text, after, newline: (before + text + after).replace("\n", newline),
    st.sampled_from(["", "\n", "\n\n", " "]),
    body,
    st.sampled_from(["", "\n", "\n\n", "\n\n\n", " \n"]),
    st.sampled_from(["\n", "\r\n"]),
)

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- the invariants -------------------------------------------------------------------------------

BLANK = re.compile(r"[ \t]*\r?")
LEADING_SPACE = re.compile(r"[ \t]+\S")
TRAILING_SPACE = re.compile(r"\S[ \t]+\r?$")
DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \t]+[,.;:](?![\d.])")
SPACES_ALONE = re.compile(r"[ \t]+\r?")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
INDENT = re.compile(r"\n([ \t]*)[^\n]*\Z")  # the last line's, in what stands between two words
TRAILING = re.compile(r"([ \t]*)\r?\n")  # the first line's trailing spaces
WHITESPACE = re.compile(r"\s")
SUBWORD_MARKER = re.compile(r"@@\s+")


def _merged(edits: list[Edit]) -> list[Edit]:
    """The edits, those that touch made one: "\\nShare" and "\\n" removed side by side are one removal."""
    merged: list[Edit] = []
    for edit in sorted(edits):
        if merged and merged[-1].end == edit.start:
            last = merged.pop()
            edit = Edit(Span(last.start, edit.end), last.replacement + edit.replacement)
        merged.append(edit)
    return merged


def _windows(source: str, edits: list[Edit]) -> list[tuple[int, int, int, int]]:
    """Around each group of edits, the whole lines they touch and the blank lines next to those, as
    ``(start, end)`` in the source and in the output: what a reader of the diff sees of the edit."""

    def line_start(offset: int) -> int:
        return source.rfind("\n", 0, offset) + 1

    def line_end(offset: int) -> int:
        end = source.find("\n", offset)
        return len(source) if end == -1 else end

    groups: list[list[int]] = []  # [start, end, first edit, last edit + 1]
    for number, edit in enumerate(edits):
        start, end = line_start(edit.start), line_end(edit.end)
        while start > 0 and BLANK.fullmatch(source[line_start(start - 1) : start - 1]):  # the blank lines before
            start = line_start(start - 1)
        while end < len(source) and BLANK.fullmatch(source[end + 1 : line_end(end + 1)]):  # and after
            end = line_end(end + 1)
        if groups and start <= groups[-1][1]:
            groups[-1][1:] = [max(end, groups[-1][1]), groups[-1][2], number + 1]
        else:
            groups.append([start, end, number, number + 1])
    windows, shift, done = [], 0, 0
    for start, end, first, last in groups:
        shift += sum(len(e.replacement) - (e.end - e.start) for e in edits[done:first])
        inside = sum(len(e.replacement) - (e.end - e.start) for e in edits[first:last])
        windows.append((start, end, start + shift, end + shift + inside))
        shift, done = shift + inside, last
    return windows


def _blank_run(lines: list[str]) -> int:
    longest = run = 0
    for line in lines:
        run = run + 1 if BLANK.fullmatch(line) else 0
        longest = max(longest, run)
    return longest


def _counts(text: str, at_end: bool) -> dict[str, int]:
    lines = text.split("\n")
    if at_end and not lines[-1]:  # what follows the last line break is no line
        lines.pop()
    return {
        "lines that start with a space": sum(bool(LEADING_SPACE.match(line)) for line in lines),
        "lines that end in a space": sum(bool(TRAILING_SPACE.search(line)) for line in lines),
        "lines of spaces alone": sum(bool(SPACES_ALONE.fullmatch(line)) for line in lines),
        "double spaces in a line": sum(len(DOUBLE_SPACE.findall(line)) for line in lines),
        "spaces before , . ; :": sum(len(SPACE_BEFORE_PUNCTUATION.findall(line)) for line in lines),
        "blank lines in a row": _blank_run(lines),
    }


def _kept(source: str, edits: list[Edit]) -> list[tuple[int, int]]:
    """Where each character that no edit touched is, in the source and in the output; whitespace (and a byte-order
    mark) aside."""
    kept, shift, cursor = [], 0, 0
    for edit in [*edits, Edit(Span(len(source), len(source)), "")]:
        kept += [(offset, offset + shift) for offset in range(cursor, edit.start) if not source[offset].isspace() and source[offset] != "\ufeff"]
        shift += len(edit.replacement) - (edit.end - edit.start)
        cursor = edit.end
    return kept


def layout_problems(result: Result) -> list[str]:
    """Every layout defect the fix that gave ``result`` made ([] when there is none). Each compares the output with
    the input, not with an ideal: the fixer owes the article no layout it did not have, and must make none worse.

    - Line breaks are the article's own: a CRLF article gets no bare "\\n" or "\\r", an LF one no "\\r". An editor
      or a diff tool that reads the file as CRLF shows every stray one.
    - Around each edit (the whole lines it touches, with the blank lines next to them), no more lines start or end
      with a space or hold nothing else, no more double spaces stand inside a line, no more spaces before , . ; :,
      and no longer run of blank lines than before: removing a line or a paragraph takes the line break or the
      blank lines on one side of it, never leaves both ("It said.\\n\\n\\nThey left."). Counted around each edit,
      not over the whole article, so that a defect made in one place cannot hide behind one repaired in another;
      the fixes that repair spacing (C301, C303, C305) only lower the counts.
    - Of two characters that no edit touched and that follow each other in the output (whitespace aside): the
      line of the second keeps its indent, and the line of the first gains no trailing spaces (a removed line
      takes its own, and leaves the next its own); those that a blank line parted are still in two paragraphs
      (removing what stood between them leaves a blank line); and two letters that whitespace parted are not
      joined: what stands between them now is not nothing or letters alone ("km / h" may become "km/h"). The one
      join meant is MT104's: a subword marker "@@ " inside a word.
    - The end of the article: a text that ended with a line break still does (its last line may go, not the end of
      the line before it), and one that did not gets none.
    - An article whose every paragraph went comes back empty: not as the blank lines that stood between them.
    """
    source, output, problems = result.original, result.text, []
    crlf = "\r\n" in source
    if crlf and (re.search(r"(?<!\r)\n", output) or re.search(r"\r(?!\n)", output)):
        problems.append("a CRLF article got a bare line feed or carriage return")
    if not crlf and "\r" in output and "\r" not in source:
        problems.append("an LF article got a carriage return")
    if not output.strip():
        return problems + ([f"no paragraph is left, but {output!r} is"] if output else [])
    edits = _merged(list(result.edits))
    for start, end, out_start, out_end in _windows(source, edits):
        at_end = end == len(source)
        before, after = _counts(source[start:end], at_end), _counts(output[out_start:out_end], at_end)
        for what, count in after.items():
            if count > before[what]:
                problems.append(f"more {what} ({before[what]} → {count}): {source[start:end]!r} → {output[out_start:out_end]!r}")
    kept = [(-1, -1), *_kept(source, edits), (len(source), len(output))]  # and where the text starts and ends
    for (left, out_left), (right, out_right) in zip(kept, kept[1:]):
        was, now = source[left + 1 : right], output[out_left + 1 : out_right]
        if was == now:
            continue
        shown = f"{source[max(left - 12, 0) : right + 12]!r} → {output[max(out_left - 12, 0) : out_right + 12]!r}"
        opened, closed = "\n" if left < 0 else "", "\n" if right == len(source) else ""
        indent, indented = INDENT.search(opened + was), INDENT.search(opened + now)
        if indented and indented.group(1) != (indent.group(1) if indent else ""):
            problems.append(f"a line's indent changed: {shown}")
        trailing, trailed = TRAILING.search(was + closed), TRAILING.search(now + closed)
        if trailed and trailed.group(1) and not (trailing and trailing.group(1) == trailed.group(1)):
            problems.append(f"a line gained a trailing space: {shown}")
        if left < 0 or right == len(source):
            continue
        if PARAGRAPH_BREAK.search(was) and not PARAGRAPH_BREAK.search(now):
            problems.append(f"paragraphs merged: {shown}")
        joined = source[left].isalpha() and source[right].isalpha() and (now.isalpha() or not now)
        if joined and WHITESPACE.search(was) and not SUBWORD_MARKER.fullmatch(was):
            problems.append(f"words joined: {shown}")
    if source.endswith("\n") != output.endswith("\n"):
        problems.append(f"the line break that ends the text {'went' if source.endswith(chr(10)) else 'came'}: {output[-40:]!r}")
    return problems


@pytest.mark.slow(seconds=4)  # with COPYEDIT_MARKUP_EXAMPLES=2000, as in CI
@SETTINGS
@given(article, st.booleans())
@example("The cat sat.\nLeave a Reply\n\nIt said.", True)  # cf39cb63: "The cat sat.\n\n\nIt said."
@example("RELATED STORIES\n\nTalks end in Astana\n\n\nLeave a Reply", False)  # "\n\n\nLeave a Reply"
def test_fixes_keep_the_layout_of_plain_text(source: str, unsafe: bool) -> None:
    assert layout_problems(copyedit.fix(source, unsafe=unsafe)) == []


@pytest.mark.slow(seconds=5)
@SETTINGS
@given(article, st.booleans())
@example("\r\n\r\nBy Sarah Yang\r\n\r\n", True)  # "\r\n\r\n\r\n\r\n"
def test_fixes_keep_the_layout_of_markdown(source: str, unsafe: bool) -> None:
    # The pieces are Markdown paragraphs too (a "*" ends the comment form's line, a ">" stands in a breadcrumb)
    assert layout_problems(copyedit.fix(source, format="markdown", unsafe=unsafe)) == []


def _made(source: str, *edits: tuple[str, str]) -> Result:
    """The result of a fix that replaced the first occurrence of each text with its replacement."""
    spans = [(source.index(old), old, new) for old, new in edits]
    applied = tuple(AppliedFix(("T001",), "a fix", (Edit(Span(at, at + len(old)), new),)) for at, old, new in spans)
    edit_list = [edit for fix in applied for edit in fix.edits]
    return Result(source, apply_edits(source, edit_list), (), applied)


@pytest.mark.parametrize(
    ("result", "problem"),
    [
        (_made("The cat sat.\nLeave a Reply\n\nIt said.", ("Leave a Reply", "")), "more blank lines in a row (1 → 2)"),
        (_made("Talks.\r\nTweet\r\nThey left.\r\n", ("Tweet\r", "")), "a CRLF article got a bare line feed"),
        (_made("Talks.\r\nTweet\r\n", ("\nTweet", "")), "a CRLF article got a bare line feed or carriage return"),
        (_made("Talks.\nTweet\n", ("Tweet", "Tweet\r")), "an LF article got a carriage return"),
        (_made("Talks.\nShare They left.", ("Share", "")), "more lines that start with a space"),
        (_made("Talks. Share\nThey left.", ("Share", "")), "more lines that end in a space"),
        (_made("They the the left.", ("the", "")), "more double spaces in a line"),
        (_made("They left Tweet.", ("Tweet", "")), "more spaces before , . ; :"),
        (_made("The cat sat\nShare\nIt said.", ("\nShare\n", "")), "words joined"),
        (_made("The cat sat\nShare\nIt said.", ("\nShare\n", "x")), "words joined"),
        (_made("Talks.\n\nTweet\n\nThey left.", ("\n\nTweet\n", "")), "paragraphs merged"),
        (_made("Talks.\nTweet \nThey left.", ("Tweet", "")), "more lines of spaces alone"),
        (_made("Talks.\n\n  Tweet\n\nThey left.", ("Tweet\n\n", "")), "a line's indent changed"),
        (_made("Talks.\n\nTweet\n\n  They left.", ("Tweet\n\n  ", "")), "a line's indent changed"),
        (_made("Talks.\nTweet\nThey left.", ("Tweet\n", "  ")), "a line's indent changed"),
        (_made("Talks.\n\nTweet  ", ("\n\nTweet", "")), "a line gained a trailing space"),
        (_made("Talks.\nTweet  \nThey left.", ("\nTweet", "")), "a line gained a trailing space"),
        (_made("Talks.\n\nTweet\n", ("\n\nTweet\n", "")), "the line break that ends the text went"),
        (_made("Talks.\n\nTweet", ("Tweet", "")), "the line break that ends the text came"),
        (_made("\nTweet\n\nShare\n", ("Tweet", ""), ("Share", "")), "no paragraph is left, but '\\n\\n\\n\\n' is"),
    ],
)
def test_each_invariant_finds_its_defect(result: Result, problem: str) -> None:
    assert any(found.startswith(problem) for found in layout_problems(result)), layout_problems(result)


@pytest.mark.parametrize(
    "result",
    [
        _made("Habar-24\n\nThe new@@ ly elected council", ("@@ ", "")),  # MT104 joins a word's pieces
        _made("A wind speed of 150 km / h.", (" / ", "/")),
        _made("They  left , then Tweet\n", ("  ", " "), (" ,", ","), (" Tweet", "")),  # C301, C303, chrome
        _made("Talks.\n\n\nTweet\n\nThey left.\n", ("Tweet\n\n", "")),
        _made("Talks.\n\n  Tweet\n\n  They left.", ("  Tweet\n\n", "")),
        _made("They reached the\r\nthe city.", ("the\r\n", "")),  # C401 across a line: the lines join
    ],
)
def test_fixes_that_keep_the_layout_pass(result: Result) -> None:
    assert layout_problems(result) == []
