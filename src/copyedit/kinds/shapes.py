"""A second gate for the pattern pass: which patterns may match a text, told by Hyperscan from a
looser form of each pattern (its *shape*), in one scan of the text for all of them.

The literal prefilter (:mod:`copyedit.kinds.prefilter`) lets a pattern run on every text that holds
one of its required literals; for patterns whose literals are common (a full stop, a digit, a
quotation mark, the letter "i") that is every news article, and ``regex`` then reads the whole
text for a match it seldom finds (MT105's lower-case "i", MT106's quoted names, MT114, MT118,
C303, C309: about 0.15 CPU s of BBC news's 2). The shape of a pattern matches wherever the pattern
matches (and more):

- a look-ahead at the end of the pattern and a look-behind at its start are read as text the match
  is next to (``(?<=club )"\\w+"`` → ``club "\\w+"``); ``\\Z``, the end of the text, is
  :data:`~copyedit.kinds.prefilter.END`, which the gate reads after the text (C305's ``[ \\t]+(?=\\r?\\n|\\Z)``:
  spaces that end a line or the text; Hyperscan's own ``\\z`` in an alternation lost matches that end at
  the line break); every other look-around, anchor or word boundary is left out (it matches no character);
- a class, a ``\\p{…}`` property or ``\\w``-like shorthand keeps its ASCII characters exactly and takes
  every character beyond ASCII (Hyperscan's Unicode tables need not be ``regex``'s); a back-reference
  reads as anything;
- a counted repeat of more than 16 reads as unbounded, at least 8 times at most.

A pattern read ignoring case has the shape of every case of it: a character with case is a class of the
characters ``regex`` matches with it, ignoring case (of a letter beyond ASCII, every character beyond ASCII).
A pattern that ignores case only in a group, that ``regex`` and the standard library read otherwise, or whose
shape may match nothing or that Hyperscan does not take has no shape: it runs wherever the literal
prefilter says. Without Hyperscan (``COPYEDIT_HYPERSCAN=0``, or no wheel for the machine), or on a
text that is not valid UTF-8 (a lone surrogate), every pattern is let through, as before: the shapes
only ever spare work, they never change a finding.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any, Literal, Sequence

import regex

from ..literals import HyperscanDatabase, HyperscanSchedule, hyperscan_module, kept_database, read_kept_database
from .prefilter import ANALYSABLE, ASCII_FOLD_KEYS, END

# The standard library's parser of the syntax both engines share (as in copyedit.kinds.prefilter).
if sys.version_info >= (3, 11):
    import re._parser as sre_parse
else:
    import sre_parse

# Stand-ins for the \p{…} properties while the standard library's parser reads a pattern: characters
# of the last private-use plane, which no pattern of ours holds (one that does has no shape).
_STAND_IN = 0x10FF00
_PROPERTY = regex.compile(r"\\\\|\\([pP])\{([^}]*)\}")
_MAX_COUNT = 16  # a counted repeat up to this many is kept as it is
_LEAST = 8  # a longer one must match at least this many times (or its own least, if fewer)
_BEYOND_ASCII = r"\x{80}-\x{d7ff}\x{e000}-\x{10ffff}"
_END_WRITTEN = "\\x{%x}" % ord(END)  # \Z: the gate reads END after the text
_END_READ = END.encode("utf-8")
_ASCII = range(128)
_CATEGORIES: dict[str, frozenset[int]] = {
    "CATEGORY_DIGIT": frozenset(range(48, 58)),
    "CATEGORY_WORD": frozenset(c for c in _ASCII if chr(c).isalnum() or c == 95),
    # regex's \s and str.isspace both, over ASCII: tab to carriage return, the separators 0x1c-0x1f, the space
    "CATEGORY_SPACE": frozenset([*range(9, 14), *range(0x1C, 0x20), 32]),
}


class _NoShape(Exception):
    pass


def shape(pattern: str, flags: int = 0) -> str | None:
    """The Hyperscan expression (read with its UTF-8 and DOTALL flags) that matches wherever ``pattern``
    matches, read by ``regex`` with ``flags``; None when it has none.

    >>> print(shape(r"(?<=\\bclub )[\\"“][A-Z]\\w*[\\"”]"))
    club\\x{20}[\\x{22}\\x{201c}][A-Z](?:[0-9A-Z\\x{5f}a-z\\x{80}-\\x{d7ff}\\x{e000}-\\x{10ffff}])*[\\x{22}\\x{201d}]
    >>> print(shape(r"(?<![\\w.])i(?=['’]m\\b)|\\d{2,99}"))
    (?:i[\\x{27}\\x{2019}]m|(?:[0-9\\x{80}-\\x{d7ff}\\x{e000}-\\x{10ffff}]){2,})
    >>> print(shape(r"(?<=\\d)%|(?<!\\w)i(?=\\s)"))
    (?:[0-9\\x{80}-\\x{d7ff}\\x{e000}-\\x{10ffff}]\\x{25}|i[\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{80}-\\x{d7ff}\\x{e000}-\\x{10ffff}])
    >>> shape(r"\\bthe\\b", regex.IGNORECASE), shape(r"(?=x)"), shape(r"[ \\t]+(?=\\n)", regex.IGNORECASE)
    ('[Tt][Hh][Ee]', None, '(?:[\\\\x{9}\\\\x{20}]){1,}\\\\x{a}')
    """
    if not ANALYSABLE.fullmatch(pattern):
        return None
    if any(ord(char) >= _STAND_IN for char in pattern):
        return None
    properties: list[str] = []

    def stand_in(match: Any) -> str:
        if match.group(1) is None:
            return str(match.group())
        properties.append(match.group())
        return "\\U%08x" % (_STAND_IN + len(properties) - 1)

    try:
        parsed: Any = sre_parse.parse(_PROPERTY.sub(stand_in, pattern), 0)
    except re.error:
        return None
    ignore_case = bool(flags & regex.IGNORECASE or parsed.state.flags & re.IGNORECASE)
    try:
        ascii_of = [_property_ascii(text, ignore_case) for text in properties]
        written = _Writer(ascii_of, ignore_case).top(list(parsed))
    except (_NoShape, RecursionError, regex.error):
        return None
    return written or None


def _property_ascii(property_text: str, ignore_case: bool) -> frozenset[int]:
    """The ASCII characters a ``\\p{…}`` or ``\\P{…}`` matches, asked of ``regex`` itself."""
    compiled = regex.compile(property_text, regex.IGNORECASE if ignore_case else 0)
    return frozenset(c for c in _ASCII if compiled.match(chr(c)))


def _char(code: int) -> str:
    return "\\x{%x}" % code if code > 127 or not (chr(code).isalnum()) else chr(code)


def _class(ascii_codes: frozenset[int] | set[int], beyond: bool | set[int]) -> str:
    """A class of ``ascii_codes``, with every character beyond ASCII (``beyond`` True) or those listed."""
    parts = []
    codes = sorted(ascii_codes)
    at = 0
    while at < len(codes):  # runs of three or more as ranges
        end = at
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        if end - at >= 2:
            parts.append(_char(codes[at]) + "-" + _char(codes[end]))
        else:
            parts.extend(_char(code) for code in codes[at : end + 1])
        at = end + 1
    if beyond is True:
        parts.append(_BEYOND_ASCII)
    elif beyond:
        parts.extend(_char(code) for code in sorted(beyond))
    if not parts:
        raise _NoShape("an empty class")
    return "[" + "".join(parts) + "]"


class _Writer:
    def __init__(self, ascii_of: Sequence[frozenset[int]], ignore_case: bool) -> None:
        self._ascii_of = ascii_of
        self._ignore_case = ignore_case

    def top(self, nodes: list[Any]) -> str:
        """The whole pattern: a look-behind that ends where its first character is matched, and a
        look-ahead that starts where its last one is, read as text (in each alternative of a pattern that is one
        alternation)."""
        if len(nodes) == 1 and nodes[0][0].name == "BRANCH":
            return "(?:" + "|".join(self.top(list(branch)) for branch in nodes[0][1][1]) + ")"
        consuming = [i for i, (op, value) in enumerate(nodes) if not _zero_width(op.name)]
        if not consuming:
            return ""
        first, last = consuming[0], consuming[-1]
        before = [value for op, value in nodes[:first] if op.name == "ASSERT" and value[0] == -1]
        after = [value for op, value in nodes[last + 1 :] if op.name == "ASSERT" and value[0] == 1]
        written = self.sequence(nodes[first : last + 1])
        if before:
            written = self.sequence(list(before[-1][1])) + written
        if after:
            written += self.sequence(list(after[0][1]))
        elif any(op.name == "AT" and value.name == "AT_END_STRING" for op, value in nodes[last + 1 :]):
            written += _END_WRITTEN
        return written

    def sequence(self, nodes: Any) -> str:
        return "".join(self.node(op, value) for op, value in nodes)

    def node(self, op: Any, value: Any) -> str:
        name = op.name
        if name == "AT" and value.name == "AT_END_STRING":
            return _END_WRITTEN
        if _zero_width(name):
            return ""
        if name == "LITERAL":
            return self._literal(value)
        if name == "NOT_LITERAL" or name == "ANY":
            return "."
        if name == "IN":
            return self._in(value)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return ".*"
        if name == "SUBPATTERN":
            if value[1] & re.IGNORECASE:
                raise _NoShape("a group that ignores case")
            return "(?:" + self.sequence(value[-1]) + ")"
        if name == "ATOMIC_GROUP":
            return "(?:" + self.sequence(value) + ")"
        if name == "BRANCH":
            return "(?:" + "|".join(self.sequence(branch) for branch in value[1]) + ")"
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = value
            inner = "(?:" + self.sequence(item) + ")"
            if high == sre_parse.MAXREPEAT or high > _MAX_COUNT:
                return inner + "{%d,}" % min(low, _LEAST) if low else inner + "*"
            return inner + "{%d,%d}" % (low, high)
        raise _NoShape(name)

    def _literal(self, code: int) -> str:
        if code >= _STAND_IN:
            number = code - _STAND_IN
            if number >= len(self._ascii_of):
                raise _NoShape("a stand-in")
            return _class(self._ascii_of[number], True)
        if self._ignore_case:
            ascii_codes, beyond = _cases(code)
            if beyond is True or len(ascii_codes) + len(beyond) > 1:
                return _class(ascii_codes, beyond)
        return _char(code)

    @staticmethod
    def _holds(items: Any, code: int) -> bool:
        """Whether a class's ranges hold the character (its categories and properties hold no letter's kin)."""
        return any(kind.name == "RANGE" and item[0] <= code <= item[1] for kind, item in items)

    def _in(self, items: Any) -> str:
        ascii_codes: set[int] = set()
        beyond: set[int] = set()
        any_beyond = False
        negated = False
        for kind, item in items:
            kind = kind.name
            if kind == "NEGATE":
                negated = True
            elif kind == "LITERAL":
                if item >= _STAND_IN:
                    number = item - _STAND_IN
                    if number >= len(self._ascii_of):
                        raise _NoShape("a stand-in")
                    ascii_codes |= self._ascii_of[number]
                    any_beyond = True
                elif item < 128:
                    ascii_codes.add(item)
                else:
                    beyond.add(item)
            elif kind == "RANGE":
                low, high = item
                ascii_codes.update(range(low, min(high, 127) + 1))
                if high > 127:
                    any_beyond = True  # a range beyond ASCII: all of it, without listing it
            elif kind == "CATEGORY":
                category = item.name
                base = category.replace("CATEGORY_NOT_", "CATEGORY_")
                if base not in _CATEGORIES:
                    raise _NoShape(category)
                members = _CATEGORIES[base]
                ascii_codes |= (frozenset(_ASCII) - members) if "_NOT_" in category else members
                any_beyond = True
            else:
                raise _NoShape(kind)
        if self._ignore_case:  # every case of each character, here and (negated) left out
            for code in list(ascii_codes) + list(beyond):
                cases, cases_beyond = _cases(code)
                ascii_codes |= cases
                if cases_beyond is True:
                    any_beyond = True
                else:
                    beyond |= cases_beyond
            if any_beyond:  # a range beyond ASCII may hold a character that matches an ASCII letter
                ascii_codes |= {code for kin, letter in _KIN.items() if self._holds(items, ord(kin)) for code in (ord(letter), ord(letter.upper()))}
        if negated:
            # the ASCII characters it leaves out are exact; beyond ASCII, take everything
            return _class(frozenset(_ASCII) - ascii_codes, True)
        return _class(frozenset(ascii_codes), True if any_beyond else beyond)


# The characters beyond ASCII that ``regex`` matches with an ASCII letter, ignoring case (and "ı", which the
# prefilter reads as "i" too: one more in a shape's class only lets a pattern run once more).
_KIN = dict(zip(ASCII_FOLD_KEYS, "iisk"))


def _cases(code: int) -> tuple[frozenset[int], Literal[True] | set[int]]:
    """The characters ``regex`` matches with the character ignoring case: the ASCII ones, and those beyond ASCII
    listed or (True) all of them, for a character with case beyond ASCII.

    >>> _cases(ord("k")), _cases(ord(",")), _cases(ord("\u212a"))[0] == {ord("k"), ord("K")}
    ((frozenset({75, 107}), {8490}), (frozenset({44}), set()), True)
    """
    char = chr(code)
    if char.isascii():
        if not char.isalpha():
            return frozenset({code}), set()
        lower = char.lower()
        return frozenset({ord(lower), ord(char.upper())}), {ord(kin) for kin, letter in _KIN.items() if letter == lower}
    if not _cased(code):
        return frozenset(), {code}
    letter = _KIN.get(char)
    return (frozenset() if letter is None else frozenset({ord(letter), ord(letter.upper())})), True


def _cased(code: int) -> bool:
    """Whether a character has case: another character is its upper, lower or folded case (what ``regex``
    matches with it, ignoring case; tests/test_pattern_shapes.py checks that every character another
    one maps to has case itself)."""
    char = chr(code)
    return not (char.lower() == char and char.upper() == char and char.casefold() == char)


def _zero_width(name: str) -> bool:
    return name in ("AT", "ASSERT", "ASSERT_NOT")


class ShapeGate:
    """Which of some patterns may match a text, by their shapes, in one Hyperscan scan (see the module's
    documentation). Patterns without a shape always may. The database is built at :meth:`prepare`, or
    when the gate has been asked about enough text (:class:`~copyedit.literals.HyperscanSchedule`, as a
    :class:`~copyedit.literals.LiteralScan`'s)."""

    def __init__(self, patterns: Sequence[tuple[str, int]], after: int | None = None) -> None:
        self._patterns = tuple(patterns)
        self._schedule = HyperscanSchedule(after)
        self._lock = threading.Lock()
        self._built = False
        self._database: HyperscanDatabase | None = None
        self._shaped: frozenset[int] = frozenset()
        self._unshaped: frozenset[int] = frozenset()

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._patterns, self._schedule.after))

    def prepare(self) -> None:
        """Build the database now (a service before its first request)."""
        self._build()

    def allowed(self, text: str) -> frozenset[int] | None:
        """The indexes of the patterns that may match in ``text``; None: any may (no gate yet or at all)."""
        if not self._built:
            step = self._schedule.step(len(text))
            if step != "wait":
                self._build(kept_only=step == "look")
            if not self._built:
                return None
        database = self._database
        if database is None:
            return None
        try:
            data = text.encode("utf-8") + _END_READ
        except UnicodeEncodeError:  # a lone surrogate: Hyperscan reads valid UTF-8 only
            return None
        found: set[int] = set()
        database.scan(data, lambda index, start, end, flags, context: found.add(index))
        return self._unshaped | found

    def _build(self, kept_only: bool = False) -> None:
        with self._lock:
            if self._built:
                return
            compiled = _compile(self._patterns, kept_only)
            if compiled is None:
                return
            self._database, self._shaped = compiled
            self._unshaped = frozenset(range(len(self._patterns))) - self._shaped
            self._built = True

    @property
    def shaped(self) -> frozenset[int]:
        """The indexes of the patterns with a shape in the database (after it is built)."""
        return self._shaped

    @property
    def ready(self) -> bool:
        """Whether the gate is built and has shapes: it then answers for every text in valid UTF-8."""
        return self._built and self._database is not None


def _compile(patterns: Sequence[tuple[str, int]], kept_only: bool) -> tuple[HyperscanDatabase | None, frozenset[int]] | None:
    """The gate's database and the indexes of the patterns it holds, kept in the user's cache folder
    (:func:`~copyedit.literals.kept_database`); ``kept_only``: None unless it is kept."""
    hyperscan = hyperscan_module()
    if hyperscan is None:
        return None, frozenset()
    identity = ("shapes", patterns)
    if kept_only:
        return read_kept_database(hyperscan, identity)
    return kept_database(hyperscan, identity, lambda: _compiled_shapes(hyperscan, patterns))


def _compiled_shapes(hyperscan: Any, patterns: Sequence[tuple[str, int]]) -> tuple[Any, frozenset[int]]:
    """A database of the shapes of ``patterns`` (None: none) and the indexes of the patterns it holds."""
    flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_DOTALL | hyperscan.HS_FLAG_SINGLEMATCH
    expressions: list[tuple[int, bytes]] = []
    for index, (pattern, pattern_flags) in enumerate(patterns):
        written = shape(pattern, pattern_flags)
        if written is not None:
            expressions.append((index, written.encode("ascii")))

    def compiled(chosen: list[tuple[int, bytes]]) -> Any:
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            database.compile(
                expressions=[expression for _, expression in chosen],
                ids=[index for index, _ in chosen],
                elements=len(chosen),
                flags=flags,
            )
        except Exception:  # noqa: BLE001 - hyperscan.error, or a machine Hyperscan does not run on
            return None
        return database

    database = compiled(expressions) if expressions else None
    if database is None and expressions:
        # one shape Hyperscan refuses (too large, may match nothing) runs without a shape: which, asked one by one
        expressions = [item for item in expressions if compiled([item]) is not None]
        database = compiled(expressions) if expressions else None
    if database is None:
        return None, frozenset()
    return database, frozenset(index for index, _ in expressions)
