"""A literal prefilter for user patterns: which patterns can match a line at all.

Which patterns can match a line at all is told by the literals they require: "comments are
moderated" cannot match a line without "comments". Lines are tested against all required
literals of all patterns in one automaton pass, and only the patterns whose literal occurs
run (see benchmarks/profile.md, round 3).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Collection, Sequence

import regex

from ..literals import LiteralScan

# The standard library's own parser of the syntax both engines share (named sre_parse before Python 3.11;
# importing re has loaded it already).
if sys.version_info >= (3, 11):
    import re._parser as sre_parse
else:
    import sre_parse

# Syntax the analyser reads exactly as ``regex`` does. Anything else (fuzzy matching, POSIX
# classes, \K, branch reset, recursion, named lists, full case folding...) leaves the pattern
# without a prefilter: it then runs on every line, as before.
ANALYSABLE = regex.compile(
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
ASCII_FOLD_KEYS = "\u0130\u0131\u017f\u212a"
_ASCII_FOLDS = tuple(zip(ASCII_FOLD_KEYS, "iisk"))
# Characters that ``regex``, ignoring case, matches with a character that ``str.lower`` does not
# lower alike ("ς" and "σ", "ᲀ" and "в"), found by tests/test_boilerplate_prefilter.py: a pattern's
# literal of one of these tells nothing. Every other character is read lower-cased.
_FOLDS_APART = frozenset(
    "\xb5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3\u03a6\u03b0"
    "\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1"
    "\u03f4\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a\u0462\u0463"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b"
    "\ufb05\ufb06"
)
# A character class is read as its characters while it has at most this many.
_MAX_CLASS = 32

Strings = frozenset[str] | None


class _Unanalysable(Exception):
    pass


def fold_for_prefilter(text: str, lowered: str | None = None) -> str:
    """The text as the prefilter reads it: ASCII letters, whatever their case or look-alike, in lower case;
    ``lowered``: ``text.lower()``, when the caller has it (what this is for a text without a look-alike).

    >>> fold_for_prefilter("COMMENTS \\u212aept İn"), fold_for_prefilter("Kept İn", "Kept İn".lower())
    ('comments kept in', 'kept in')
    """
    if not text.isascii():
        # One replace a character: str.translate looks up every character of a non-ASCII text in its
        # table, 0.57 ms for a 5 KB article with a Turkish name in it, against 0.002 ms.
        for char, ascii_char in _ASCII_FOLDS:
            if char in text:
                text = text.replace(char, ascii_char)
                lowered = None  # no longer the text's
    return text.lower() if lowered is None else lowered


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings, as :func:`prefilter_text` reads a text, of which every text that ``pattern`` matches
    in holds one; None when no such strings can be told, so the pattern must always run.

    What a look-ahead, ``$`` or ``\\Z`` requires after a match is in the text too (the end of the
    text reads as :data:`END`).

    >>> sorted(required_literals(r"(?:view|show)(?: all)? comments"))
    ['show all comments', 'show comments', 'view all comments', 'view comments']
    >>> sorted(required_literals(r".{0,200}\\b(?:we use cookies|cookie (?:policy|settings))\\b.{0,100}"))
    ['cookie policy', 'cookie settings', 'we use cookies']
    >>> sorted(required_literals(r"by (?:clicking|continuing).{0,50}\\b(?:accept|agree)"))
    ['by clicking', 'by continuing']
    >>> sorted(required_literals(r"(?<=\\w)[ \\t]+(?=[,.])"))
    ['\\t,', '\\t.', ' ,', ' .']
    >>> sorted(required_literals(r"(?<=\\w) {2,}(?=\\w)"))
    ['  ']
    >>> required_literals(r"\\p{Lu}\\w+"), required_literals(r"(?:colour){e<=1}")
    (None, None)
    """
    reading = _reading(pattern)
    return None if reading is None else _useful(reading.exact) or _useful(reading.required)


def required_starts(pattern: str) -> frozenset[str] | None:
    """Strings, as :func:`prefilter_text` reads a text, with one of which every match of ``pattern``
    starts; None when no such strings can be told.

    >>> sorted(required_starts(r"(?:view|show)(?: all)? comments"))
    ['show all comments', 'show comments', 'view all comments', 'view comments']
    >>> sorted(required_starts(r"(?:photo|image)s?: .{1,50}"))
    ['image: ', 'images: ', 'photo: ', 'photos: ']
    >>> required_starts(r".{0,250}\\bwe use cookies"), required_starts(r"\\p{Lu}\\w+ writes")
    (None, None)
    """
    reading = _reading(pattern)
    return None if reading is None else _useful(reading.exact) or _useful(reading.starts)


# Each pattern's reading, once made; the built-in packs' are kept between runs (copyedit.rule_cache):
# making them is about 0.08 s of CPU a start.
_READINGS: dict[str, _Reading | None] = {}
_MAX_READINGS = 4096
_made_readings = 0  # readings made in this process, not learnt


def _reading(pattern: str) -> _Reading | None:
    global _made_readings
    try:
        return _READINGS[pattern]
    except KeyError:
        pass
    if len(_READINGS) >= _MAX_READINGS:  # a long-running process given ever new user rules
        _READINGS.clear()
    reading = _READINGS[pattern] = _read_pattern(pattern)
    _made_readings += 1
    return reading


def readings() -> tuple[dict[str, _Reading | None], int]:
    """The readings of patterns known to this process, and how many of them it made itself."""
    return dict(_READINGS), _made_readings


def learn_readings(kept: dict[str, object]) -> None:
    """Take readings that :func:`readings` gave in an earlier run (of the same code: the rule cache's
    fingerprint says so); anything that is not a pattern's reading is passed over."""
    for pattern, reading in kept.items():
        if isinstance(pattern, str) and (reading is None or isinstance(reading, _Reading)):
            _READINGS.setdefault(pattern, reading)


def _read_pattern(pattern: str) -> _Reading | None:
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    try:
        return _sequence(parsed)
    except (_Unanalysable, RecursionError):
        return None


def _parsed(pattern: str) -> Any:
    """The pattern as the standard library's parser reads the syntax both engines share; None beyond it."""
    if not ANALYSABLE.fullmatch(pattern):
        return None
    try:
        return sre_parse.parse(regex.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern), re.IGNORECASE)
    except re.error:
        return None


def opens_with_literal(pattern: str) -> bool:
    """Whether the pattern's first item is one literal character, which ``regex`` finds by a fast scan.

    >>> opens_with_literal(r"，(?=\\d)"), opens_with_literal(r"(?<=\\w)“"), opens_with_literal(r",{2,}")
    (True, False, False)
    """
    parsed = _parsed(pattern)
    return bool(parsed) and parsed[0][0].name == "LITERAL"


# The end of a text, as the prefilter reads it: a noncharacter, which text does not hold (and
# when it does, the prefilter only lets one more pattern run).
END = "\ufdd0"


def prefilter_text(text: str, lowered: str | None = None) -> str:
    """The text as :func:`required_literals` strings are looked for in it (``lowered``: ``text.lower()``, when known)."""
    return fold_for_prefilter(text, lowered) + END


class LiteralPrefilter:
    """Which of some patterns may match in a text: those whose required literals it holds, all looked
    for in one pass (:class:`LiteralScan`), and always those without literals ``worth`` looking for.

    The scan reads the text as :func:`fold_for_prefilter` writes it, without :data:`END`: the few literals
    that hold it (C305's " " at the end) are told by ``str.endswith``. Appended, a character beyond Latin-1
    made every ASCII text a copy twice its size to write and encode, which cost more than the scan (WMT23 MT:
    about 5 µs an output).

    ``among``: only these patterns are told (the others never are candidates); None: all.

    >>> prefilter = LiteralPrefilter([r"[ \\t]+\\Z", r"(?<=\\w) {2,}"])
    >>> prefilter.candidates("Two  spaces"), prefilter.candidates("At the end "), prefilter.candidates("None.")
    ({1}, {0}, set())
    >>> LiteralPrefilter([r"[ \\t]+\\Z", r"(?<=\\w) {2,}"], among={1}).candidates("Two  spaces at the end ")
    {1}
    """

    def __init__(
        self, patterns: Sequence[str], worth: Callable[[str], bool] = lambda literal: True, among: Collection[int] | None = None
    ) -> None:
        self.size = len(patterns)
        self.always: frozenset[int] = frozenset()
        by_literal: dict[str, set[int]] = {}
        for index, pattern in enumerate(patterns):
            if among is not None and index not in among:
                continue
            literals = required_literals(pattern)
            if literals is None or not all(map(worth, literals)):
                self.always |= {index}
                continue
            for literal in sorted(literals):  # the same scan in every process: its database is kept (kept_database)
                by_literal.setdefault(literal, set()).add(index)
        scanned = [literal for literal in by_literal if END not in literal]
        self._triggers = [frozenset(by_literal[literal]) for literal in scanned]
        self._scan = LiteralScan(scanned)
        self._at_end = [(literal, frozenset(by_literal[literal])) for literal in by_literal if END in literal]

    def prepare(self) -> None:
        """See :meth:`copyedit.literals.LiteralScan.prepare`."""
        self._scan.prepare()

    def candidates(self, text: str, lowered: str | None = None) -> set[int]:
        """The indexes of the patterns that may match in ``text`` (``lowered``: ``text.lower()``, when known)."""
        candidates = set(self.always)
        if self._triggers or self._at_end:
            folded = fold_for_prefilter(text, lowered)
            triggers = self._triggers
            for found in self._scan.present(folded) if triggers else ():
                candidates |= triggers[found]
            for literal, indexes in self._at_end:
                # in the text, or at its end (where prefilter_text writes END)
                if literal in folded or literal[-1] == END and folded.endswith(literal[:-1]):
                    candidates |= indexes
        return candidates


@dataclass(frozen=True)
class _Reading:
    """What is known of the strings a part of a pattern matches. ``exact``: every string it can
    match (None when not a few); ``required``: strings one of which the text holds wherever it
    matches; ``starts``/``ends``: strings every match starts/ends with; ``maybe``, for a part that
    may match nothing (``x*``): strings every match of something starts with. None: not known."""

    exact: Strings = None
    required: Strings = None
    starts: Strings = None
    ends: Strings = None
    maybe: Strings = None


_EMPTY: frozenset[str] = frozenset({""})
_NOTHING = _Reading(exact=_EMPTY)


def _product(first: frozenset[str], second: frozenset[str]) -> Strings:
    if len(first) * len(second) > _MAX_EXACT:
        return None
    return frozenset(a + b for a in first for b in second)


def _sequence(nodes: Any) -> _Reading:
    run: frozenset[str] = _EMPTY  # the match so far ends with one of these
    whole = True  # and is exactly one of them
    starts: Strings = None
    lead: Strings = None  # what a look-ahead before anything matched says the text goes on with
    best: Strings = None
    for position, (op, value) in enumerate(nodes):
        if op.name == "LITERAL" and (char := _char(value)) is not None:
            run = frozenset(string + char for string in run)  # the common case, kept cheap: words
            continue
        reading = _node(op, value)
        best = _better(best, reading.required)
        if whole and run == _EMPTY and lead is None:
            lead = reading.starts
        if reading.exact == _EMPTY:  # zero width: a look-around or an anchor
            if reading.starts is not None:
                best = _better(best, _product(run, reading.starts))
            continue
        exact = reading.exact
        if exact is not None:
            joined = _product(run, exact)
            if joined is not None:
                run = joined
                continue
        if whole:
            following = reading.starts or _useful(reading.exact)
            if following is None and reading.maybe is not None:
                # a part that may match nothing: what follows it starts the match then
                rest = _sequence(nodes[position + 1 :])
                after = _useful(rest.exact) or rest.starts
                following = None if after is None else reading.maybe | after
            starts = _starts(run, following)
        whole = False
        best = _better(best, run)
        if reading.starts is not None:
            best = _better(best, _product(run, reading.starts))
        run = exact if exact is not None else (reading.ends or _EMPTY)
    if whole:
        return _Reading(exact=run, required=_better(best, run), starts=_useful(run) or lead, ends=run)
    return _Reading(required=_better(best, run), starts=starts, ends=_useful(run))


def _starts(run: frozenset[str], following: Strings) -> Strings:
    """What every match starts with, of one of the strings ``run`` followed by something that starts
    with one of ``following`` (None: not known). When there are too many pairs to list, a match that
    starts with the empty string of ``run`` starts with one of ``following``."""
    if following is not None:
        joined = _product(run, following)
        if joined is not None:
            return _useful(joined)
        if "" in run:
            return (run - _EMPTY) | following
    return _useful(run)


def _node(op: Any, value: Any) -> _Reading:
    name = op.name
    if name == "LITERAL":
        char = _char(value)
        return _Reading() if char is None else _Reading(exact=frozenset({char}))
    if name == "IN":
        return _char_class(value)
    if name == "ASSERT":
        direction, inner = value
        reading = _sequence(inner)
        # What a look-around matches is in the text; what a look-ahead starts with follows the match so far.
        ahead = (_useful(reading.exact) or reading.starts) if direction == 1 else None
        return _Reading(exact=_EMPTY, required=_useful(reading.exact) or reading.required, starts=ahead)
    if name in ("AT", "ASSERT_NOT"):
        if name == "AT" and value.name in ("AT_END", "AT_END_STRING"):
            # "$" is before a line break or at the end, "\Z" at the end.
            return _Reading(exact=_EMPTY, starts=frozenset({"\n", END} if value.name == "AT_END" else {END}))
        return _NOTHING  # matches no characters of its own
    if name in ("ANY", "NOT_LITERAL", "GROUPREF", "GROUPREF_EXISTS"):
        return _Reading()
    if name == "SUBPATTERN":
        return _sequence(value[-1])
    if name == "ATOMIC_GROUP":
        return _sequence(value)
    if name == "BRANCH":
        return _branch([_sequence(branch) for branch in value[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(*value)
    raise _Unanalysable(name)


@lru_cache(maxsize=1024)
def _char(code: int) -> str | None:
    """The character as the prefilter reads it; None when it may read otherwise in a text."""
    char = chr(code)
    if char.isascii():
        return char.lower()
    if char in _FOLDS_APART or len(char.lower()) != 1:
        return None
    return char.lower()


def _char_class(items: Any) -> _Reading:
    chars: set[str] = set()
    for item_op, item in items:
        kind = item_op.name
        if kind == "LITERAL":
            codes: range | tuple[int, ...] = (item,)
        elif kind == "RANGE" and item[1] - item[0] < _MAX_CLASS:
            codes = range(item[0], item[1] + 1)
        else:
            return _Reading()  # a category, a negation or a wide range: any character
        for code in codes:
            char = _char(code)
            if char is None:
                return _Reading()
            chars.add(char)
    return _Reading(exact=frozenset(chars)) if len(chars) <= _MAX_CLASS else _Reading()


def _branch(readings: list[_Reading]) -> _Reading:
    def union(values: list[Strings]) -> Strings:
        if any(value is None for value in values):
            return None
        joined = frozenset().union(*values)  # type: ignore[arg-type]
        return joined if len(joined) <= _MAX_EXACT else None

    exact = union([reading.exact for reading in readings])
    starts = _useful(union([reading.starts or _useful(reading.exact) for reading in readings]))
    if exact is not None:
        return _Reading(exact=exact, required=_useful(exact), starts=starts, ends=_useful(exact))
    requirements = [_useful(reading.exact) or reading.required for reading in readings]
    return _Reading(
        required=_useful(union(requirements)),
        starts=starts,
        ends=_useful(union([reading.ends or _useful(reading.exact) for reading in readings])),
    )


def _repeat(low: int, high: int, item: Any) -> _Reading:
    reading = _sequence(item)
    exact = reading.exact
    if low == 0:
        if high == 1 and exact is not None:
            return _Reading(exact=exact | {""})  # optional: one of its strings, or nothing
        return _Reading(maybe=_useful(exact) or reading.starts)
    if exact is not None and low == high:
        repeated: Strings = _EMPTY
        for _ in range(low):
            repeated = _product(repeated, exact) if repeated is not None else None
        if repeated is not None:
            return _Reading(exact=repeated, required=_useful(repeated), starts=repeated, ends=repeated)
    required = _useful(exact) or reading.required
    if exact is not None and low >= 2:
        # " {2,}": every match holds two spaces.
        required = _better(required, _product(exact, exact))
    starts = _useful(exact) or reading.starts
    ends = _useful(exact) or reading.ends
    return _Reading(required=required, starts=starts, ends=ends)


def _useful(strings: Strings) -> frozenset[str] | None:
    return strings if strings and "" not in strings else None


def _better(first: Strings, second: Strings) -> Strings:
    """The more selective of two requirements: the longer shortest string, then the fewer strings."""
    first, second = _useful(first), _useful(second)
    if first is None or second is None:
        return first or second
    return first if _selectivity(first) >= _selectivity(second) else second


def _selectivity(strings: frozenset[str]) -> tuple[float, int]:
    # The end of a text is in every text: alone it tells nothing, after a space it tells a little. A
    # character beyond ASCII ("”", "©") is rarer in English text than a few letters are.
    return min(_weight(string) for string in strings), -len(strings)


def _weight(string: str) -> float:
    if string.isascii():
        return len(string)
    return sum(1 if char.isascii() else 0.5 if char == END else _RARE for char in string)


# What a character beyond ASCII weighs, in letters, as a sign of a text that a pattern may match in.
_RARE = 4
