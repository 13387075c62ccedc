"""Every built-in rule's own examples, one test per rule (the rule code is the test id)."""

from __future__ import annotations

import pytest

from copyedit.engine import example_failures
from copyedit.rules import builtin_packs, check_unique, load_pack

RULES = [rule for pack in builtin_packs() for rule in load_pack(pack)]


def test_codes_and_names_are_unique() -> None:
    check_unique(RULES)


def test_every_rule_has_bad_and_ok_examples() -> None:
    for rule in RULES:
        assert any(e.bad for e in rule.examples), rule.code
        assert any(e.ok for e in rule.examples), rule.code


def test_rule_file_names_carry_the_code() -> None:
    for rule in RULES:
        assert rule.path.rsplit("/", 1)[-1].startswith(f"{rule.code}-{rule.name}"), rule.path


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_examples(rule) -> None:
    failures = example_failures(rule)
    assert not failures, "\n".join(map(str, failures))
