"""``existence``: words (``tokens``, in the shared automaton) or ``patterns`` (in the shared
pattern pass) that should not be there; with a ``replacement`` the rule can fix them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..model import Applicability
from .base import Guarded, Kind, Origin, Pattern, Rule, Term, boolean, check_template, guards, string_list, user_pattern

KEYS = {
    "tokens": False,
    "patterns": False,
    "replacement": False,
    "ignore_case": False,
    "not_before": False,
    "not_after": False,
}


@dataclass(frozen=True, kw_only=True)
class ExistenceOptions(Guarded):
    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    replacement: str | None = None  # None: report only
    ignore_case: bool = True

    def fixes(self, applicability: Applicability | None) -> bool:
        return self.replacement is not None


def parse(raw: Mapping[str, Any], origin: Origin) -> ExistenceOptions:
    if not raw.get("tokens") and not raw.get("patterns"):
        raise ValueError("an existence rule needs 'tokens' or 'patterns'", "tokens")
    tokens = string_list(raw, "tokens")
    patterns = string_list(raw, "patterns")
    replacement = raw.get("replacement")
    if "replacement" in raw and not isinstance(replacement, str):
        raise ValueError("'replacement' must be text", "replacement")
    for pattern in patterns:
        compiled = user_pattern(pattern, "patterns", True)
        if replacement is not None:
            check_template(compiled, replacement, "replacement")
    ignore_case = boolean(raw, "ignore_case", True)
    return ExistenceOptions(
        tokens=tokens, patterns=patterns, replacement=replacement, ignore_case=ignore_case, **guards(raw)
    )


def _options(rule: Rule) -> ExistenceOptions:
    assert isinstance(rule.options, ExistenceOptions)
    return rule.options


def terms(rule: Rule) -> Iterator[Term]:
    options = _options(rule)
    for token in options.tokens:
        yield Term(token, rule, options.replacement, True, case_sensitive=not options.ignore_case)


def patterns(rule: Rule) -> Iterator[Pattern]:
    options = _options(rule)
    for pattern in options.patterns:
        yield Pattern(pattern, options.replacement, True, options.ignore_case)


KIND = Kind("existence", KEYS, parse, terms=terms, patterns=patterns)
