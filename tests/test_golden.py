"""Real machine-translated articles with the corrections and findings we expect."""

from __future__ import annotations

import pytest

import copyedit
from copyedit.model import apply_edits

from .conftest import FIXTURES

ARTICLE = FIXTURES / "kazakhstan-tr-en"


def read(name: str) -> str:
    return (ARTICLE / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixed() -> copyedit.Result:
    return copyedit.fix(read("input.txt"))


def test_output_matches_golden(fixed: copyedit.Result) -> None:
    assert fixed.text == read("expected.txt")


def test_remaining_findings_match_golden(fixed: copyedit.Result) -> None:
    assert sorted(f.code for f in fixed.findings) == read("expected_codes.txt").split()


def test_the_corrections_the_issue_asks_for(fixed: copyedit.Result) -> None:
    text = fixed.text
    assert text.count("Kassym-Jomart Tokayev") == 2
    assert "Cömert" not in text
    assert "an intergovernmental military alliance" in text and "mid-government" not in text
    assert "Khabar 24" in text and "Habar-24" not in text
    assert "Deputy Head of the Presidential Administration" in text
    for chrome in ("World news 24 hours a day", "Leave a Reply", "Your email address will not be published"):
        assert chrome not in text
    assert "places,” he stated." in text
    assert text.startswith("Kazakhstan President Tokayev: Constitutional order")
    assert text.endswith("Tajikistan and Armenia.")


def test_what_remains_for_the_editor(fixed: copyedit.Result) -> None:
    by_code = {}
    for finding in fixed.findings:
        by_code.setdefault(finding.code, []).append(finding)
    leftover = by_code["MT101"][0]
    assert leftover.text == ". used the terms."
    assert leftover.fix.applicability.value == "unsafe"
    assert apply_edits(fixed.text, leftover.fix.edits).count("completely destroyed,” he said.") == 1
    unopened = [f for f in by_code["C101"] if "closes no opening" in f.message][0]
    assert fixed.text[unopened.span.start - len("He also took action,") : unopened.span.end] == "He also took action,”"
    assert by_code["C402"][0].text == "protecting and protecting"
    lpg = by_code["TR105"][0]
    assert lpg.fix.applicability.value == "display-only"
    assert "LPG prices" in lpg.fix.title


def test_nothing_else_changes(fixed: copyedit.Result) -> None:
    changed = {code for applied in fixed.applied for code in applied.codes}
    assert changed == {"BP101", "BP102", "NM101", "NM102", "TR101", "TR102", "C103"}
    assert apply_edits(read("input.txt"), fixed.edits) == fixed.text


def test_unsafe_fixes_close_the_quotation() -> None:
    result = copyedit.fix(read("input.txt"), unsafe=True)
    assert "completely destroyed,” he said." in result.text
    assert "for a limited period" in result.text
    assert "protecting and protecting" not in result.text
    assert "the increase in LPG in" in result.text  # display-only is never applied


def test_fix_is_idempotent(fixed: copyedit.Result) -> None:
    again = copyedit.fix(fixed.text)
    assert again.text == fixed.text and not again.applied
