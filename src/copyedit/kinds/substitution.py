"""``substitution``: wrong forms and their replacements (``swap``), as literals or as patterns.

Literal forms join the shared automaton, patterns (``regex: true``) the shared pattern pass;
``keep_case`` gives the replacement the case of what it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from .base import Guarded, Kind, Origin, Pattern, Rule, Term, boolean, check_template, guards, user_pattern

KEYS = {"swap": True, "regex": False, "ignore_case": False, "keep_case": False, "not_before": False, "not_after": False}


@dataclass(frozen=True, kw_only=True)
class SubstitutionOptions(Guarded):
    swap: tuple[tuple[str, str], ...]  # (wrong, right), in the rule's order
    regex: bool = False
    ignore_case: bool = True
    keep_case: bool = True


def parse(raw: Mapping[str, Any], origin: Origin) -> SubstitutionOptions:
    swap = raw["swap"]
    if not isinstance(swap, dict) or not swap:
        raise ValueError("'swap' must map wrong forms to replacements", "swap")
    use_regex = boolean(raw, "regex", False)
    lines = getattr(swap, "lines", {})  # each entry's line in the rule file
    for wrong, right in swap.items():
        where = lines.get(str(wrong), "swap")
        if not isinstance(wrong, str) or not wrong or not isinstance(right, str):
            raise ValueError(f"'swap' entries must be text: text, not {wrong!r}: {right!r} (quote words YAML reads otherwise, such as 'off' or 'yes')", where)
        if use_regex:
            check_template(user_pattern(wrong, "swap", True), right, where)
    ignore_case = boolean(raw, "ignore_case", True)
    keep_case = boolean(raw, "keep_case", True)
    return SubstitutionOptions(
        swap=tuple(swap.items()), regex=use_regex, ignore_case=ignore_case, keep_case=keep_case, **guards(raw)
    )


def _options(rule: Rule) -> SubstitutionOptions:
    assert isinstance(rule.options, SubstitutionOptions)
    return rule.options


def terms(rule: Rule) -> Iterator[Term]:
    options = _options(rule)
    if not options.regex:
        for wrong, right in options.swap:
            yield Term(wrong, rule, right, options.keep_case, case_sensitive=not options.ignore_case)


def patterns(rule: Rule) -> Iterator[Pattern]:
    options = _options(rule)
    if options.regex:
        for wrong, right in options.swap:
            yield Pattern(wrong, right, options.keep_case, options.ignore_case)


KIND = Kind("substitution", KEYS, parse, terms=terms, patterns=patterns)
