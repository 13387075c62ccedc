"""Every built-in rule's own examples, one test per rule (the rule code is the test id)."""

from __future__ import annotations

import os

import pytest

import copyedit
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


def _changed(bad: str, good: str) -> tuple[int, int]:
    """Where ``good`` differs from ``bad``: the span of ``good`` between their common start and end.

    >>> _changed("a Kasım b", "a Kassym b")
    (5, 7)
    """
    start = len(os.path.commonprefix([bad, good]))
    end = len(os.path.commonprefix([bad[start:][::-1], good[start:][::-1]]))
    return start, len(good) - end


FIXED_EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples if example.bad and example.good]


@pytest.mark.parametrize(
    "rule, example", FIXED_EXAMPLES, ids=[f"{rule.code}-line{example.line}" for rule, example in FIXED_EXAMPLES]
)
def test_a_fix_provokes_no_other_rule(rule, example) -> None:
    # NM102 wrote "Chinanews.com" for "China News Network" and LQ203 then reported it as an address
    # the source lacks: an editor who takes one rule's fix must not meet another rule's finding on it.
    start, end = _changed(example.bad, example.good)
    source = {"source": example.source, "source_lang": example.source_lang, "format": example.format}
    before = {f.code for f in copyedit.check(example.bad, **source).findings}
    after = copyedit.check(example.good, **source).findings
    provoked = [f for f in after if f.code != rule.code and f.code not in before and f.span.start <= end and start <= f.span.end]
    assert not provoked, [(f.code, f.message) for f in provoked]
