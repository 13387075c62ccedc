"""Real machine-translated articles with the corrections and findings we expect.

The golden output is the article with every suggestion accepted (``unsafe=True``): what an
editor gets who takes them all. By default only the fixes that earned their safety on real
text are applied (``tests/test_rule_evidence.py``); the rest wait for the editor.
"""

from __future__ import annotations

import pytest

import copyedit
from copyedit.model import Applicability, apply_edits
from copyedit.policy import Policy, Verdict

from .conftest import FIXTURES

ARTICLE = FIXTURES / "kazakhstan-tr-en"


def read(name: str) -> str:
    return (ARTICLE / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixed() -> copyedit.Result:
    return copyedit.fix(read("input.txt"), unsafe=True)


@pytest.fixture(scope="module")
def default() -> copyedit.Result:
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


def test_by_default_only_earned_fixes_apply_and_the_rest_waits_for_the_editor(default: copyedit.Result) -> None:
    rules = {rule.code: rule for rule in copyedit.ruleset_for(copyedit.Config()).rules}
    applied = {code for fix in default.applied for code in fix.codes}
    assert all(rules[code].applicability is Applicability.SAFE for code in applied)
    by_code: dict[str, list[copyedit.Finding]] = {}
    for finding in default.findings:
        by_code.setdefault(finding.code, []).append(finding)
    for code in ("NM101", "TR101", "BP101", "MT101", "C402"):
        fix = by_code[code][0].fix
        assert fix is not None and fix.applicability is Applicability.UNSAFE, code
    leftover = by_code["MT101"][0]
    assert leftover.text == ". used the terms." and leftover.fix is not None
    assert apply_edits(default.text, leftover.fix.edits).count("completely destroyed,” he said.") == 1
    assert by_code["C402"][0].text == "protecting and protecting"
    lpg = by_code["TR105"][0]
    assert lpg.fix is not None and lpg.fix.applicability.value == "display-only"
    assert "LPG prices" in lpg.fix.title
    assert Policy().verdict(default.findings) is Verdict.REVIEW


def test_every_suggestion_accepted_leaves_the_quote_question(fixed: copyedit.Result) -> None:
    unopened = [f for f in fixed.findings if f.code == "C101" and "closes no opening" in f.message][0]
    assert fixed.text[unopened.span.start - len("He also took action,") : unopened.span.end] == "He also took action,”"
    assert "completely destroyed,” he said." in fixed.text
    assert "for a limited period" in fixed.text
    assert "protecting and protecting" not in fixed.text
    assert "the increase in LPG in" in fixed.text  # display-only is never applied


def test_nothing_else_changes(fixed: copyedit.Result) -> None:
    changed = {code for applied in fixed.applied for code in applied.codes}
    assert changed == {"BP101", "BP102", "NM101", "NM102", "TR101", "TR102", "TR103", "TR104", "C103", "C402", "MT101"}
    assert apply_edits(read("input.txt"), fixed.edits) == fixed.text


def test_fix_is_idempotent(fixed: copyedit.Result) -> None:
    again = copyedit.fix(fixed.text, unsafe=True)
    assert again.text == fixed.text and not again.applied
