"""A literal prefilter for user patterns: which patterns can match a line at all.

Which patterns can match a line at all is told by the literals they require: "comments are
moderated" cannot match a line without "comments". Lines are tested against all required
literals of all patterns in one automaton pass, and only the patterns whose literal occurs
run (see benchmarks/profile.md, round 3).
"""

from __future__ import annotations

import re
from typing import Any

import regex

# Syntax the analyser reads exactly as ``regex`` does. Anything else (fuzzy matching, POSIX
# classes, \K, branch reset, recursion, named lists, full case folding...) leaves the pattern
# without a prefilter: it then runs on every line, as before.
_ANALYSABLE = regex.compile(
    r"""(?x)
    (?: [^\\\[{(]                              # an ordinary character
      | \\ (?: [dDwWsSbBAZntrfv0.^$*+?{}()\[\]|\\/\-'"’,:;&\#@%!=<>~`] | x[0-9a-fA-F]{2} | u[0-9a-fA-F]{4} )
      | \\[pP]\{ [A-Za-z_&=]+ \}               # a Unicode property: read as any character
      | \{ (?: \d+ (?: , \d* )? | , \d+ ) \} [?+]?  # a counted repeat, never fuzzy matching
      | \( (?: \?(?: [:=!>] | <[=!] | P<\w+> | -?i: | [ai]+\) ) )?
      | \[ \^? \]? (?: [^\[\]\\] | \\. )* \]    # a character class with no POSIX class in it
    )*
    """
)
# A pattern's exact strings are kept while there are at most this many alternatives.
_MAX_EXACT = 64
# Characters that ``regex`` matches, ignoring case, with an ASCII letter; every other
# non-ASCII character is told apart from ASCII by ``str.lower`` too.
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u017f": "s", "\u212a": "k"})

Strings = frozenset[str] | None


class _Unanalysable(Exception):
    pass


def fold_for_prefilter(text: str) -> str:
    """The text as the prefilter reads it: ASCII letters, whatever their case or look-alike, in lower case.

    >>> fold_for_prefilter("COMMENTS \\u212aept İn")
    'comments kept in'
    """
    return text.translate(_ASCII_FOLD).lower()


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings of which every match of ``pattern`` (case ignored) contains one;
    None when no such strings can be told, so the pattern must run on every line.

    >>> sorted(required_literals(r"(?:view|show)(?: all)? comments"))
    ['show all comments', 'show comments', 'view all comments', 'view comments']
    >>> sorted(required_literals(r".{0,200}\\b(?:we use cookies|cookie (?:policy|settings))\\b.{0,100}"))
    ['cookie policy', 'cookie settings', 'we use cookies']
    >>> sorted(required_literals(r"by (?:clicking|continuing).{0,50}\\b(?:accept|agree)"))
    ['by clicking', 'by continuing']
    >>> required_literals(r"\\p{Lu}\\w+"), required_literals(r"(?:colour){e<=1}")
    (None, None)
    """
    import re._parser as sre_parse  # the standard library's own parser of the common syntax

    if not _ANALYSABLE.fullmatch(pattern):
        return None
    analysable = regex.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)
    try:
        exact, required = _literals(sre_parse.parse(analysable, re.IGNORECASE))
    except (re.error, _Unanalysable, RecursionError):
        return None
    return _useful(exact) or _useful(required)


def _useful(strings: Strings) -> frozenset[str] | None:
    return strings if strings and "" not in strings else None


def _better(first: Strings, second: Strings) -> Strings:
    """The more selective of two requirements: the longer shortest string, then the fewer strings."""
    first, second = _useful(first), _useful(second)
    if first is None or second is None:
        return first or second
    return first if _selectivity(first) >= _selectivity(second) else second


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _literals(sequence: Any) -> tuple[Strings, Strings]:
    """(exact, required) of a parsed sequence: ``exact`` is every string it can match (None
    when not a few), ``required`` strings of which every match contains one (None: unknown)."""
    run: frozenset[str] = frozenset({""})
    best: Strings = None
    whole = True
    for node in sequence:
        exact, required = _node_literals(*node)
        if exact is not None and len(run) * len(exact) <= _MAX_EXACT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        whole = False
        best = _better(best, run)
        if exact is None:
            best = _better(best, required)
            run = frozenset({""})
        else:
            run = exact
    if whole:
        return run, _useful(run)
    return None, _better(best, run)


def _node_literals(op: Any, value: Any) -> tuple[Strings, Strings]:
    name = str(op)
    if name == "LITERAL":
        char = chr(value)
        return (frozenset({char.lower()}), None) if char.isascii() else (None, None)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset({""}), None  # matches no characters of its own
    if name in ("ANY", "NOT_LITERAL", "GROUPREF", "GROUPREF_EXISTS"):
        return None, None
    if name == "IN":
        chars = set()
        for item_op, item in value:
            if str(item_op) != "LITERAL" or not chr(item).isascii():
                return None, None  # a range, a category, a negation or non-ASCII: any character
            chars.add(chr(item).lower())
        return (frozenset(chars), None) if len(chars) <= 10 else (None, None)
    if name == "SUBPATTERN":
        return _literals(value[-1])
    if name == "ATOMIC_GROUP":
        return _literals(value)
    if name == "BRANCH":
        branches = [_literals(branch) for branch in value[1]]
        exacts = [exact for exact, _ in branches]
        if all(exact is not None for exact in exacts):
            union = frozenset().union(*exacts)  # type: ignore[arg-type]
            if len(union) <= _MAX_EXACT:
                return union, _useful(union)
        requirements = [_useful(exact) or required for exact, required in branches]
        if any(requirement is None for requirement in requirements):
            return None, None
        return None, frozenset().union(*requirements)  # type: ignore[arg-type]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, item = value
        exact, required = _literals(item)
        if low == 0:
            if high == 1 and exact is not None:
                return exact | {""}, None  # optional: one of its strings, or nothing
            return None, None
        return None, _useful(exact) or required
    raise _Unanalysable(name)
