"""Properties that must hold for any text: fix is idempotent, edits replay, spans are in bounds."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copyedit
from copyedit.model import apply_edits

# CI runs a moderate number; benchmarks/soak runs set COPYEDIT_PROPERTY_EXAMPLES higher.
EXAMPLES = int(os.environ.get("COPYEDIT_PROPERTY_EXAMPLES", "300"))

TRIGGERS = [
    "the the ",
    "The the ",
    "mid-government ",
    "a mid-government ",
    "Kasım Cömert Tokayev",
    "Kassym Cömert Tokayev's",
    "Habar-24",
    "“ quoted ”",
    "“open",
    "close”",
    "‘single’",
    "don’t",
    "\"straight\"",
    "places. ” he stated.",
    ". used the terms.",
    "protecting and protecting",
    "Leave a Reply",
    "World news 24 hours a day",
    "Your email address will not be published. Required fields are marked *",
    "  ",
    " ,",
    " .",
    ",,",
    "..",
    "Ã¼ber",
    "â€œ",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "\u00a0 ",
    "\x0b",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "increase in LPG",
    "striving against terrorism",
    "4,8 million",
    "79,5%",
    "4.178.021",
    "rose（by 5%）",
    "found that：",
    "said，",
]
WORDS = st.sampled_from(["news", "said", "Tokayev", "alliance", "the", "and", "“", "”", "’", ".", ",", " ", "İ", "ı", "ß", "😀", "\u05d0"])
FRAGMENT = st.one_of(st.sampled_from(TRIGGERS), WORDS, st.text(max_size=8))
ARTICLE = st.lists(FRAGMENT, max_size=40).map("".join)

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ARTICLE, st.booleans())
def test_fix_is_idempotent_and_replayable(text: str, unsafe: bool) -> None:
    result = copyedit.fix(text, unsafe=unsafe)
    assert apply_edits(text, result.edits) == result.text
    again = copyedit.fix(result.text, unsafe=unsafe)
    assert again.text == result.text, again.applied
    assert not [f for f in result.findings if f.code.startswith("X")]


@SETTINGS
@given(ARTICLE)
def test_finding_spans_are_inside_the_text(text: str) -> None:
    for finding in copyedit.check(text).findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        assert finding.text == text[finding.span.start : finding.span.end] or finding.fix is not None
        if finding.fix:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)


@SETTINGS
@given(ARTICLE)
def test_text_without_fixable_findings_comes_back_unchanged(text: str) -> None:
    checked = copyedit.check(text)
    if not any(f.fix and f.fix.edits and f.fix.applicability.value == "safe" for f in checked.findings):
        assert copyedit.fix(text).text == text


@SETTINGS
@given(ARTICLE, st.booleans())
def test_findings_after_fixing_map_back_to_the_text_as_it_was(text: str, unsafe: bool) -> None:
    # --check reports what remains after the fixes where it is in the file on disk
    from copyedit.reporting import FileReport

    result = copyedit.fix(text, unsafe=unsafe)
    report = FileReport("a.txt", "text", result.original, result.text, result.findings, result.applied).on_disk()
    edits = result.edits
    for after, before in zip(result.findings, report.findings):
        assert 0 <= before.span.start <= before.span.end <= len(text)
        if not any(before.span.overlaps(edit.span) or edit.span.overlaps(before.span) for edit in edits):
            assert text[before.span.start : before.span.end] == result.text[after.span.start : after.span.end]
