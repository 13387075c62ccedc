"""``python``: a check that data cannot express, named by ``check`` (a built-in one in
:mod:`copyedit.checks`, or an entry point), with its ``options``; one pass a rule."""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..checks import SOURCE_CHECKS, check_known, preload_check, resolve_check
from ..errors import RuleError
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
        self.rule: Rule = rule
        self._name = rule.options.check
        self._check: Callable[..., Iterable[Hit]] | None = None  # imported when it first runs
        self.needs_source = self._name in SOURCE_CHECKS
        self._options = dict(rule.options.options)

    def preload(self) -> None:
        preload_check(self._name)

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        """The check's hits, as it gives them: the engine names their rule, this pass's one (:attr:`Pass.rule`), and
        reports an :class:`~copyedit.errors.OptionError` as the rule's (no generator of its own around the check's:
        one for each of 18 passes was 5% of checking a one-line text)."""
        if self._check is None:
            self._check = self._checked(resolve_check(self._name))
        return iter(self._check(doc, context, **self._options))

    def _checked(self, check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        """The check, once the rule's options are known to be among its keyword arguments, each of the
        type it declares (a check's annotations say what its options take)."""
        try:
            inspect.signature(check).bind(None, None, **self._options)
        except TypeError as error:
            taken = list(check_options(check))
            unknown = sorted(set(self._options) - set(taken))
            problem = (
                f"check {self._name!r} has no option {', '.join(map(repr, unknown))} (its options: {', '.join(taken) or 'none'})"
                if unknown
                else f"check {self._name!r} cannot be called as check(document, context, **options): {error}"
            )
            raise RuleError(self.rule.path, self.rule.line, self.rule.code, problem) from None
        try:
            hints = typing.get_type_hints(check)
        except Exception:  # a plug-in check's annotation that does not resolve: its options are its own to check
            hints = {}
        for name, value in self._options.items():
            wanted = _OPTION_TYPES.get(hints.get(name))
            if wanted is not None and not wanted[0](value):
                raise RuleError(self.rule.path, self.rule.line, self.rule.code, f"option {name!r} must be {wanted[1]}")
        return check


def check_options(check: Callable[..., Any]) -> dict[str, inspect.Parameter]:
    """A check's options: its parameters after the document and the context, by name."""
    return dict(list(inspect.signature(check).parameters.items())[2:])


# What an option of each declared type may be, and how an error says it (an option declared ``Any``
# is checked by its check)
_OPTION_TYPES: dict[Any, tuple[Callable[[Any], bool], str]] = {
    int: (lambda value: isinstance(value, int) and not isinstance(value, bool), "a whole number"),
    float: (lambda value: isinstance(value, (int, float)) and not isinstance(value, bool), "a number"),
    bool: (lambda value: isinstance(value, bool), "true or false"),
    str: (lambda value: isinstance(value, str), "a string"),
    list[str] | None: (
        lambda value: value is None or isinstance(value, list) and all(isinstance(v, str) for v in value), "a list of strings"
    ),
}


KIND = Kind("python", KEYS, parse, rule_pass=PythonPass)
