"""``python``: a check that data cannot express, named by ``check`` (a built-in one in
:mod:`copyedit.checks`, or an entry point), with its ``options``; one pass a rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..checks import SOURCE_CHECKS, check_known, preload_check, resolve_check
from ..model import Applicability
from .base import Context, Hit, Kind, Options, Origin, Pass, Rule

KEYS = {"check": True, "options": False}


@dataclass(frozen=True)
class PythonOptions(Options):
    check: str
    options: Mapping[str, Any] = field(default_factory=dict)  # keyword arguments of the check

    def fixes(self, applicability: Applicability | None) -> bool:
        # A check may fix or not: the rule says so by stating its fix safety.
        return applicability is not None


def parse(raw: Mapping[str, Any], origin: Origin) -> PythonOptions:
    check_known(raw["check"])
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise ValueError("'options' must be a mapping", "options")
    return PythonOptions(raw["check"], dict(options))


class PythonPass(Pass):
    def __init__(self, rule: Rule) -> None:
        assert isinstance(rule.options, PythonOptions)
        self.rules = (rule,)
        self.rule = rule
        self._name = rule.options.check
        self._check: Callable[..., Iterable[Hit]] | None = None  # imported when it first runs
        self.needs_source = self._name in SOURCE_CHECKS
        self._options = dict(rule.options.options)

    def preload(self) -> None:
        preload_check(self._name)

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        if self._check is None:
            self._check = resolve_check(self._name)
        for hit in self._check(doc, context, **self._options):
            hit.rule = self.rule
            yield hit


KIND = Kind("python", KEYS, parse, rule_pass=PythonPass)
