"""Every built-in rule's fix safety and severity agree with what it measured on real text.

The ``measured:`` block of each rule file is written by ``benchmarks/accuracy/harness.py
--write-measured`` from the public corpora (which this suite never reads); these tests hold
the rule's claims to it, so a rule cannot be made safe, or blocking, on intuition.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import copyedit
from copyedit.engine import ruleset_for
from copyedit.evidence import Measured, contradictions, earned_safe
from copyedit.model import Applicability, Severity
from copyedit.qa.glossary import write_glossary_rule
from copyedit.rules import Rule, parse_rule

BUILTIN = ruleset_for(copyedit.Config()).rules


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda rule: rule.code)
def test_claims_follow_the_evidence(rule: Rule) -> None:
    # A rule not measured yet (no measured: block) may claim nothing: no safe fix, no error.
    assert contradictions(rule.applicability, rule.severity, rule.measured, rule.lossless) == []


def test_only_an_exact_repair_may_claim_lossless() -> None:
    lossless = sorted(rule.code for rule in BUILTIN if rule.lossless)
    assert lossless == ["C201", "C202"]


def _measured(agree: int, disagree: int, visible: float = 0.0, flags: int = 0, targeted: float | None = None,
              any_error: float | None = None) -> Measured:
    return Measured("2026-12-01", "abc1234", agree, disagree, 0, visible, 1.0, 0.1, flags, targeted, any_error)


@pytest.mark.parametrize(
    ("measured", "safe"),
    [
        (_measured(30, 0), True),
        (_measured(29, 0), False),  # too few judged
        (_measured(49, 1), True),  # 0.98
        (_measured(48, 2), False),  # 0.96
        (_measured(60, 0, visible=1.5), False),  # edits human text too often
        (None, False),
    ],
)
def test_safe_needs_thirty_judged_at_098(measured: Measured | None, safe: bool) -> None:
    assert earned_safe(measured) is safe


def test_contradictions_name_what_is_wrong() -> None:
    flagged = contradictions(Applicability.UNSAFE, Severity.ERROR, _measured(0, 0, flags=40, targeted=0.5, any_error=0.6), False)
    assert any("blocks publishing" in problem for problem in flagged)
    assert any("must be info" in problem for problem in flagged)
    assert contradictions(Applicability.UNSAFE, Severity.INFO, _measured(0, 0, flags=40, targeted=0.5, any_error=0.6), False) == []
    assert contradictions(Applicability.SAFE, Severity.ERROR, _measured(100, 1, flags=0), False) == []


RULE = """\
code: ZZ101
name: sample
kind: substitution
swap: {colour: color}
applicability: safe
message: m
why: w
examples:
  - bad: colour
    good: color
  - ok: color
"""


def test_a_measured_block_is_read_strictly() -> None:
    block = (
        'measured:\n  date: "2026-12-01"\n  commit: "abc"\n  fixes: {agree: 3, disagree: 1, other: 0, precision: 0.75}\n'
        "  human_visible_edits_per_100k_words: 0.5\n  flags_per_1k_words: {mt: 1.0, human: null}\n"
        "  mqm: {flags: 4, precision_targeted: null, precision_any: 0.25}\n"
    )
    rule = parse_rule(RULE + block, "sample.yml", "user")
    assert rule.measured is not None and rule.measured.judged == 4
    assert rule.describe()["measured"]["precision"] == 0.75
    with pytest.raises(copyedit.RuleError, match=r"measured.fixes.agreed: unknown key"):
        parse_rule(RULE + block.replace("other: 0", "other: 0, agreed: 1"), "sample.yml", "user")
    with pytest.raises(copyedit.RuleError, match=r"measured.mqm: missing"):
        parse_rule(RULE + block.split("  mqm:")[0], "sample.yml", "user")


def test_post_edit_judgements_of_flags_are_read_and_shown_where_they_are_the_larger_evidence() -> None:
    block = (
        'measured:\n  date: "2026-12-01"\n  commit: "abc"\n  fixes: {agree: 0, disagree: 0, other: 0, precision: null}\n'
        "  human_visible_edits_per_100k_words: 0\n  flags_per_1k_words: {mt: 1.0, human: 0.0}\n"
        "  postedit_flags: {repaired: 45, kept: 5, on_post_edits: 2}\n"
        "  mqm: {flags: 4, precision_targeted: null, precision_any: 0.25}\n"
    )
    measured = parse_rule(RULE + block, "sample.yml", "user").describe()["measured"]
    assert measured["precision"] == 0.9 and measured["basis"] == "flagged sentences the post-editors repaired, 50 judged"
    assert measured["postedit_flags"] == {"repaired": 45, "kept": 5, "on_post_edits": 2}
    # fewer judged than MQM flags: the MQM precision is shown
    fewer = parse_rule(RULE + block.replace("repaired: 45, kept: 5", "repaired: 2, kept: 1"), "sample.yml", "user")
    assert fewer.describe()["measured"]["precision"] == 0.25
    with pytest.raises(copyedit.RuleError, match=r"measured.postedit_flags.fixed: unknown key"):
        parse_rule(RULE + block.replace("kept: 5", "kept: 5, fixed: 1"), "sample.yml", "user")
    with pytest.raises(copyedit.RuleError, match=r"measured.postedit_flags.kept: missing"):
        parse_rule(RULE + block.replace(" kept: 5,", ""), "sample.yml", "user")


def test_a_rule_whose_flags_the_post_editors_mostly_keep_must_be_info() -> None:
    kept = dataclasses.replace(_measured(0, 0), postedit_repaired=9, postedit_kept=11)
    assert contradictions(None, Severity.WARNING, kept, False) == [
        "the post-editors repaired 9 of the 20 MT sentences it flags: it must be info"
    ]
    assert contradictions(None, Severity.INFO, kept, False) == []
    assert contradictions(None, Severity.WARNING, dataclasses.replace(kept, postedit_repaired=11, postedit_kept=9), False) == []
    # fewer than 20 judged prove nothing either way
    assert contradictions(None, Severity.WARNING, dataclasses.replace(kept, postedit_repaired=1, postedit_kept=10), False) == []


def test_a_guessed_mojibake_repair_is_not_applied_by_default() -> None:
    # "stayâ€ he said" lost the 0x9D of ”; ftfy's guess is a dagger.
    result = copyedit.fix("“We stay,â€ he said. Kulakov â€“ both agreed.")
    assert result.text == "“We stay,â€ he said. Kulakov – both agreed."
    guessed = [f for f in result.findings if f.code == "C201"]
    assert guessed and guessed[0].fix is not None and guessed[0].fix.applicability is Applicability.UNSAFE


def test_a_glossary_proper_noun_matches_its_case(tmp_path: Path) -> None:
    glossary = tmp_path / "house.csv"
    glossary.write_text("source,target,forbidden,note\nTürkiye,Türkiye,Turkey,\n", encoding="utf-8")
    write_glossary_rule(glossary, tmp_path / "GL101-house.yml", "GL101", "house")
    config = copyedit.Config(rule_paths=(str(tmp_path / "GL101-house.yml"),), packs=())
    assert copyedit.fix("They roasted a turkey in Turkey.", config=config).text == "They roasted a turkey in Türkiye."
