"""The built-in pattern pass and what its gates are tested on: every text of every pattern rule's examples."""

from __future__ import annotations

from copyedit import Config
from copyedit.engine import ruleset_for
from copyedit.kinds.shared import PatternPass


def built_in_pattern_pass() -> PatternPass:
    ruleset = ruleset_for(Config())
    return next(p for p in ruleset._passes if isinstance(p, PatternPass))


def example_texts(rules) -> list[str]:
    texts = []
    for rule in rules:
        for example in rule.examples:
            texts.extend(text for text in (example.bad, example.good, example.ok) if text)
    return texts


def hits(check_pass: PatternPass, text: str) -> list[tuple[str, int, int, str | None]]:
    doc = type("Doc", (), {"text": text, "format": "text"})()
    return [(hit.rule.code, hit.start, hit.end, hit.replacement) for hit in check_pass.run(doc, None)]
