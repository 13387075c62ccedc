"""The check kinds, one module each, registered in :data:`KINDS`.

A kind module holds everything about its kind: its YAML keys (``KEYS``), its typed options (a
frozen dataclass) and how they are read and checked (``parse``, raising ``ValueError(problem,
key)`` that the loader reports with the file and line), and how its rules compile into passes and
match. :mod:`copyedit.rules` loads YAML and dispatches here; the engine calls
:func:`compile_passes`. Nothing here imports the loader or the engine.

Rules of several kinds share a pass where they can, so that many rules cost one scan: the literal
terms of ``substitution``, ``existence`` and ``names`` rules one automaton, their patterns one
pattern pass (:mod:`copyedit.kinds.shared`).
"""

from __future__ import annotations

from typing import Iterator, Sequence

from . import boilerplate, existence, names, python, repetition, substitution
from .base import Context, Hit, Kind, Options, Pass, Pattern, Rule, Term
from .shared import PatternPass, TermPass

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        substitution.KIND,
        names.KIND,
        existence.KIND,
        repetition.KIND,
        boilerplate.KIND,
        python.KIND,
    )
}

__all__ = ["KINDS", "Context", "Hit", "Kind", "Options", "Pass", "Rule", "compile_passes"]


def _terms(rule: Rule) -> Iterator[Term]:
    kind = KINDS[rule.kind]
    return iter(kind.terms(rule)) if kind.terms else iter(())


def _patterns(rule: Rule) -> Iterator[Pattern]:
    kind = KINDS[rule.kind]
    return iter(kind.patterns(rule)) if kind.patterns else iter(())


def compile_passes(rules: Sequence[Rule]) -> list[Pass]:
    """The passes for a rule set: the kinds' group passes, the shared pattern pass and the shared
    automaton first, then one pass per rule for kinds that run on their own, in rule order."""
    passes: list[Pass] = []
    for kind in KINDS.values():
        if kind.group_pass is not None:
            grouped = [rule for rule in rules if rule.kind == kind.name]
            if grouped:
                passes.append(kind.group_pass(grouped))
    with_patterns = [rule for rule in rules if any(True for _ in _patterns(rule))]
    if with_patterns:
        passes.append(PatternPass(with_patterns, _patterns))
    with_terms = [rule for rule in rules if any(True for _ in _terms(rule))]
    if with_terms:
        passes.append(TermPass(with_terms, _terms))
    for rule in rules:
        make = KINDS[rule.kind].rule_pass
        if make is not None:
            passes.append(make(rule))
    return passes
