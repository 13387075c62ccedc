"""The check kinds: each compiles all of its rules into one pass over the text.

- literal terms of ``substitution``, ``existence`` and ``names`` rules share one automaton;
- regex patterns of ``substitution`` and ``existence`` rules share one alternation;
- ``repetition``, ``boilerplate`` and ``python`` rules run their own small passes.

A pass yields :class:`Hit` values in document-text coordinates; the engine turns them into
findings and fixes in source coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import ahocorasick
import regex

from .markup import content
from .model import Applicability
from .names import generate_variants
from .errors import PatternTimeout, RuleError
from .rules import NAME_ENTRY_KEYS, Rule, _LineMap
from .terms import TermIndex, match_case

REGEX_TIMEOUT = 2.0  # seconds for one user pattern over one document
# Every match is called with concurrent=False: regex then keeps the GIL while it matches. Python
# code runs between the matches anyway, so releasing and taking the GIL again around each call
# only adds contention: with 20 threads fixing articles at once (a service under load) it cost
# 3-4x the CPU of the same work on one thread (benchmarks/profile.md, round 3).
# Up to this many patterns run one by one (2.5x faster than one alternation for the 14
# built-in patterns, see benchmarks/profile.md); more share one alternation pass.
SEPARATE_PATTERNS = 64


@dataclass(slots=True)
class Hit:
    """What a pass found: ``text[start:end]`` of the document, and how to fix it."""

    start: int
    end: int
    replacement: str | None = None
    message: str | None = None
    title: str | None = None
    applicability: Applicability | None = None
    block: int | None = None  # remove this whole block (boilerplate)
    rule: Rule | None = None  # set by the pass that ran the rule


@dataclass(frozen=True)
class Context:
    """Facts about the call that rules may depend on."""

    language: str = "en"
    source: str | None = None
    source_lang: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


# --- validation -----------------------------------------------------------------------------


def _compile_user_pattern(pattern: Any, key: str, ignore_case: bool) -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{key}: patterns must be non-empty strings", key)
    try:
        return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error as error:
        raise ValueError(f"{key}: pattern {pattern!r} does not compile: {error}", key) from None


def _string_list(rule: Rule, key: str) -> list[str]:
    value = rule.options.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key!r} must be a list of non-empty strings", key)
    return value


def _bool(rule: Rule, key: str, default: bool) -> bool:
    value = rule.options.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key!r} must be true or false", key)
    return value


def validate_options(rule: Rule) -> None:
    """Raise ``ValueError(problem, key)`` for options the rule's kind cannot use."""
    kind = rule.kind
    fixes = True
    if kind == "substitution":
        swap = rule.options["swap"]
        if not isinstance(swap, dict) or not swap:
            raise ValueError("'swap' must map wrong forms to replacements", "swap")
        use_regex = _bool(rule, "regex", False)
        for wrong, right in swap.items():
            if not isinstance(wrong, str) or not wrong or not isinstance(right, str):
                raise ValueError("'swap' entries must be text: text", "swap")
            if use_regex:
                _compile_user_pattern(wrong, "swap", True)
        _bool(rule, "ignore_case", True)
        _bool(rule, "keep_case", True)
    elif kind == "existence":
        if not rule.options.get("tokens") and not rule.options.get("patterns"):
            raise ValueError("an existence rule needs 'tokens' or 'patterns'", "tokens")
        _string_list(rule, "tokens")
        for pattern in _string_list(rule, "patterns"):
            _compile_user_pattern(pattern, "patterns", True)
        fixes = "replacement" in rule.options
        if fixes and not isinstance(rule.options["replacement"], str):
            raise ValueError("'replacement' must be text", "replacement")
        _bool(rule, "ignore_case", True)
    elif kind == "names":
        _name_entries(rule)
    elif kind == "repetition":
        _compile_user_pattern(rule.options.get("separator", r"\s+"), "separator", True)
        max_words = rule.options.get("max_words", 1)
        if not isinstance(max_words, int) or not 1 <= max_words <= 6:
            raise ValueError("'max_words' must be a number from 1 to 6", "max_words")
        _string_list(rule, "words")
        _string_list(rule, "allow")
        _bool(rule, "skip_names", False)
        _string_list(rule, "function_words")
        _string_list(rule, "verb_endings")
        _string_list(rule, "tautonym_endings")
        fixes = _bool(rule, "fix", True)
    elif kind == "boilerplate":
        main_content = _bool(rule, "main_content", False)
        if not rule.options.get("lines") and not rule.options.get("patterns") and not main_content:
            raise ValueError("a boilerplate rule needs 'lines', 'patterns' or 'main_content: true'", "lines")
        _string_list(rule, "lines")
        for pattern in _string_list(rule, "patterns"):
            _compile_user_pattern(pattern, "patterns", True)
        if not isinstance(rule.options.get("max_length", 300), int):
            raise ValueError("'max_length' must be a number", "max_length")
        list_after = rule.options.get("list_after", 0)
        if not isinstance(list_after, int) or isinstance(list_after, bool) or not 0 <= list_after <= 50:
            raise ValueError("'list_after' must be a number of lines from 0 to 50", "list_after")
        menu_share = rule.options.get("menu_share", 1)
        if not isinstance(menu_share, (int, float)) or isinstance(menu_share, bool) or not 0 < menu_share <= 1:
            raise ValueError("'menu_share' must be a share above 0 and at most 1 (e.g. 0.5)", "menu_share")
    elif kind == "python":
        from .checks import resolve_check

        resolve_check(rule.options["check"])
        if not isinstance(rule.options.get("options", {}), dict):
            raise ValueError("'options' must be a mapping", "options")
        fixes = rule.applicability is not None
    for key in ("not_before", "not_after"):
        if key in rule.options:
            _compile_user_pattern(rule.options[key], key, True)
    if fixes and rule.applicability is None:
        raise ValueError("a rule that can fix must say its fix safety: 'applicability: safe|unsafe|display-only'", "kind")


@dataclass(frozen=True)
class NameEntry:
    canonical: str
    explicit: frozenset[str]
    generated: frozenset[str]


def _name_entries(rule: Rule) -> tuple[NameEntry, ...]:
    raw = rule.options["entries"]
    if not isinstance(raw, list) or not raw:
        raise ValueError("'entries' must be a list of {canonical, variants, parts}", "entries")
    entries: list[NameEntry] = []
    owner: dict[str, str] = {}
    for item in raw:
        line = item.line if isinstance(item, _LineMap) else None
        if not isinstance(item, dict) or "canonical" not in item:
            raise RuleError(rule.path, line, rule.code, "each entry needs a 'canonical' form")
        unknown = set(item) - set(NAME_ENTRY_KEYS)
        if unknown:
            raise RuleError(rule.path, line, rule.code, f"unknown entry key {sorted(unknown)[0]!r}")
        canonical = item["canonical"]
        variants = item.get("variants", [])
        parts = item.get("parts")
        if not isinstance(canonical, str) or not isinstance(variants, list):
            raise RuleError(rule.path, line, rule.code, "'canonical' is text and 'variants' a list of text")
        if parts is not None and not (
            isinstance(parts, list) and all(isinstance(p, list) and p and all(isinstance(t, str) for t in p) for p in parts)
        ):
            raise RuleError(rule.path, line, rule.code, "'parts' is a list of lists of alternative tokens")
        native = item.get("native")
        if native is not None and not (isinstance(native, list) and native and all(isinstance(n, str) and n for n in native)):
            raise RuleError(rule.path, line, rule.code, "'native' is a list of the name's native-script forms")
        explicit, generated = generate_variants(canonical, variants, parts, item.get("generate", True) is True, native)
        for variant in explicit:
            if owner.get(variant, canonical) != canonical:
                raise RuleError(
                    rule.path, line, rule.code, f"variant {variant!r} is listed for both {owner[variant]!r} and {canonical!r}"
                )
            owner[variant] = canonical
        entries.append(NameEntry(canonical, frozenset(explicit), frozenset(generated)))
    canonicals = {entry.canonical for entry in entries}
    # A generated form that is somebody else's name, or that two entries both generate, is
    # dropped: distinct people are never merged.
    generated_by: dict[str, int] = {}
    for entry in entries:
        for form in entry.generated:
            generated_by[form] = generated_by.get(form, 0) + 1
    taken = set(owner) | canonicals | {form for form, count in generated_by.items() if count > 1}
    return tuple(
        NameEntry(e.canonical, e.explicit, frozenset(g for g in e.generated if g not in taken)) for e in entries
    )


# --- passes ---------------------------------------------------------------------------------


class Pass:
    rules: tuple[Rule, ...] = ()

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        raise NotImplementedError


def _guard(rule: Rule, key: str) -> regex.Pattern[str] | None:
    pattern = rule.options.get(key)
    if pattern is None:
        return None
    return regex.compile(f"(?:{pattern})\\Z" if key == "not_before" else pattern, regex.IGNORECASE)


@dataclass(frozen=True)
class _Term:
    rule: Rule
    replacement: str | None
    keep_case: bool
    applicability: Applicability | None = None
    message: str | None = None


class _Guards:
    def __init__(self, rules: Iterable[Rule]) -> None:
        self._before = {rule.code: g for rule in rules if (g := _guard(rule, "not_before"))}
        self._after = {rule.code: g for rule in rules if (g := _guard(rule, "not_after"))}

    def blocked(self, rule: Rule, text: str, start: int, end: int) -> bool:
        before = self._before.get(rule.code)
        if before and before.search(text, max(0, start - 120), start, concurrent=False):
            return True
        after = self._after.get(rule.code)
        return bool(after and after.match(text, end, min(len(text), end + 120), concurrent=False))


class TermPass(Pass):
    """Literal terms of substitution, existence and names rules, in one automaton pass."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._index: TermIndex[_Term] = TermIndex()
        self._guards = _Guards(rules)
        for rule in rules:
            if rule.kind == "substitution":
                ignore_case = rule.options.get("ignore_case", True)
                keep_case = rule.options.get("keep_case", True)
                for wrong, right in rule.options["swap"].items():
                    self._index.add(wrong, _Term(rule, right, keep_case), case_sensitive=not ignore_case)
            elif rule.kind == "existence":
                ignore_case = rule.options.get("ignore_case", True)
                for token in rule.options.get("tokens", []):
                    self._index.add(token, _Term(rule, rule.options.get("replacement"), True), not ignore_case)
            elif rule.kind == "names":
                for entry in _name_entries(rule):
                    for variant in entry.explicit:
                        self._index.add(variant, _Term(rule, entry.canonical, False), case_sensitive=True)
                    for variant in entry.generated:
                        note = f"“{{match}}” looks like a misspelling of {entry.canonical}"
                        term = _Term(rule, entry.canonical, False, message=note)
                        self._index.add(variant, term, case_sensitive=True)
        self._index.freeze()

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        for match in self._index.find(text):
            term = match.payload
            if self._guards.blocked(term.rule, text, match.start, match.end):
                continue
            replacement = term.replacement
            if replacement is not None and term.keep_case:
                replacement = match_case(text[match.start : match.end], replacement)
            yield Hit(match.start, match.end, replacement, term.message, applicability=term.applicability, rule=term.rule)


class PatternPass(Pass):
    """Regex patterns of substitution and existence rules: one alternation, or one by one when few."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._alternatives: list[tuple[Rule, regex.Pattern[str], str | None, bool]] = []
        parts: list[str] = []
        for rule in rules:
            ignore_case = rule.options.get("ignore_case", True)
            if rule.kind == "substitution":
                items = [(p, r) for p, r in rule.options["swap"].items()]
                keep_case = rule.options.get("keep_case", True)
            else:
                items = [(p, rule.options.get("replacement")) for p in rule.options.get("patterns", [])]
                keep_case = True
            for pattern, replacement in items:
                # The same pattern and flags as validate_options compiled: regex's cache has it.
                single = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
                self._alternatives.append((rule, single, replacement, keep_case))
                parts.append(f"(?P<p{len(parts)}>{'(?i:' if ignore_case else '(?:'}{pattern}))")
        # Compiling the alternation costs as much as all the patterns: only when it is used.
        self._combined = regex.compile("|".join(parts)) if len(parts) > SEPARATE_PATTERNS else None
        self._guards = _Guards(rules)

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        if self._combined is None:
            matches = self._separate_matches(text)
        else:
            matches = self._combined_matches(text)
        for index, match in matches:
            rule, single, replacement, keep_case = self._alternatives[index]
            if self._guards.blocked(rule, text, match.start(), match.end()):
                continue
            fixed = None
            if replacement is not None:
                fixed = match.expand(replacement)
                if keep_case:
                    fixed = match_case(match.group(), fixed)
            yield Hit(match.start(), match.end(), fixed, rule=rule)

    def _combined_matches(self, text: str) -> list[tuple[int, regex.Match[str]]]:
        """Each alternative's leftmost non-overlapping matches, from one alternation pass."""
        last_end: dict[int, int] = {}
        try:
            combined_matches = list(self._combined.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT, concurrent=False))  # type: ignore[union-attr]
        except TimeoutError:
            rule = self._slowest(text)
            raise PatternTimeout(rule.path, rule.code, REGEX_TIMEOUT) from None
        found = []
        for combined in combined_matches:
            index = int(combined.lastgroup[1:])  # type: ignore[index]
            if combined.start() < last_end.get(index, -1):
                continue
            match = self._alternatives[index][1].match(text, combined.start())
            if match is None or match.end() == match.start():
                continue
            last_end[index] = match.end()
            found.append((index, match))
        return found

    def _separate_matches(self, text: str) -> list[tuple[int, regex.Match[str]]]:
        """The same matches, one pattern at a time: regex can then skip ahead to each
        pattern's literal or rare character, where an alternation tries every branch at
        every position."""
        found = []
        for index, (rule, single, _, _) in enumerate(self._alternatives):
            try:
                found.extend((index, m) for m in single.finditer(text, timeout=REGEX_TIMEOUT, concurrent=False) if m.end() > m.start())
            except TimeoutError:
                raise PatternTimeout(rule.path, rule.code, REGEX_TIMEOUT) from None
        found.sort(key=lambda item: (item[1].start(), item[0]))
        return found

    def _slowest(self, text: str) -> Rule:
        for rule, single, _, _ in self._alternatives:
            try:
                single.search(text, timeout=REGEX_TIMEOUT / 4, concurrent=False)
            except TimeoutError:
                return rule
        return self._alternatives[0][0]


class RepetitionPass(Pass):
    """Doubled words and phrases ("the the", "protecting and protecting")."""

    def __init__(self, rule: Rule) -> None:
        self.rules = (rule,)
        self.rule = rule
        separator = rule.options.get("separator", r"\s+")
        max_words = rule.options.get("max_words", 1)
        words = rule.options.get("words")
        # Atomic groups: a unit is a whole word, so a failed match never backtracks into it
        # letter by letter (a third faster on news text; see benchmarks/profile.md).
        unit = r"(?>\w+)(?:['’](?>\w+))*"
        # A unit of \w starts at a word boundary, which the engine tests before the look-behind:
        # every position inside a word is rejected at once (1.6x faster). Listed words may not
        # start with a word character, so they go without it.
        boundary = r"\b"
        if words:
            unit = "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
            boundary = ""
        phrase = unit if max_words == 1 else f"{unit}(?:\\s+{unit}){{0,{max_words - 1}}}"
        # A unit inside a decimal number is not a word: "1.1 and 1.5" repeats no "1".
        self._pattern = regex.compile(
            f"{boundary}(?<![\\w'’-]|\\d[.,])(?P<first>{phrase})(?P<sep>{separator})(?P=first)(?![\\w'’-]|[.,]\\d)",
            regex.IGNORECASE,
        )
        self._allow = {" ".join(a.casefold().split()) for a in rule.options.get("allow", [])}
        self._fixes = rule.options.get("fix", True)
        self._skip_names = rule.options.get("skip_names", False)
        self._function_words = {w.casefold() for w in rule.options.get("function_words", [])}
        self._verb_endings = tuple(e.casefold() for e in rule.options.get("verb_endings", []))
        self._tautonym_endings = tuple(e.casefold() for e in rule.options.get("tautonym_endings", []))

    def _meaningful(self, first: str, second: str, following: str) -> bool:
        """Whether a repeat reads as meant: a name, a tautonym, a compound or an object after it."""
        if self._skip_names and is_title_case(first):
            if is_title_case(second):
                return True  # "Fang Fang", "Duran Duran": a name, where "The the" is a slip
            if second.islower() and first.casefold().endswith(self._tautonym_endings):
                return True  # "Rupicapra rupicapra", "Bufo bufo": a zoological name, where "The the" is a slip
        if self._function_words:
            next_word = _NEXT_WORD.match(following)
            if next_word and next_word.group(1).casefold() not in self._function_words:
                # "fish and fish products", "writes and writes texts": the repeat leads into a compound or
                # an object; a doubled gerund before its object is still MT ("protecting and protecting places").
                return not first.casefold().endswith(self._verb_endings)
        return False

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        for match in self._pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT, concurrent=False):
            if self._meaningful(match.group("first"), text[match.end("sep") : match.end()], text[match.end() : match.end() + 40]):
                continue
            if "\n\n" in match.group("sep") or "\n" in match.group("sep") and doc.format != "text":
                continue
            if " ".join(match.group().casefold().split()) in self._allow:
                continue
            first = match.group("first")
            if first.casefold() in self._allow:
                continue
            replacement = first if self._fixes else None
            yield Hit(match.start(), match.end(), replacement, rule=self.rule)


_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}[\p{L}'’-]*)")


def is_title_case(words: str) -> bool:
    """Whether every word starts with a capital and is not all capitals (a name, not a shout).

    >>> is_title_case("Fang"), is_title_case("the"), is_title_case("THE"), is_title_case("New York")
    (True, False, False, True)
    """
    return all(word[:1].isupper() and not word.isupper() for word in words.split())


# --- literal prefilter ----------------------------------------------------------------------
# Which patterns can match a line at all is told by the literals they require: "comments are
# moderated" cannot match a line without "comments". Lines are tested against all required
# literals of all patterns in one automaton pass, and only the patterns whose literal occurs
# run (see benchmarks/profile.md, round 3).

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


class BoilerplatePass(Pass):
    """Scraped site chrome: whole paragraphs (or, in plain text, whole lines) that are only chrome.

    ``lines`` match a whole line whatever its case; ``patterns`` must match a whole line too
    (ignoring case, unless a pattern says ``(?-i:...)``, e.g. for the capitals of a byline).
    A rule with ``list_after: N`` heads a list: up to N lines after one of its lines that read
    like link titles (:func:`is_list_item`), such as the headlines under "Related stories", go
    with it. The list ends at the first line of prose. A rule with ``menu_share: S`` names menus:
    a list (the lines of one block, or consecutive list items) of short entries of which at least
    the share S are chrome is a menu, and its other entries ("Credit Card Payments") go too.
    A line of parts joined by " | " or " • " is chrome when every part is.

    A rule with ``main_content: true`` brings in the extractor's judgement on whole HTML pages
    (:mod:`copyedit.markup.content`): a block outside the article it finds is chrome of that
    rule, and a block the other rules name but the extractor puts inside the article is removed
    only as an unsafe fix, whatever its rule's fix safety: the two judgements together decide.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._lines: dict[str, Rule] = {}
        # Every pattern on its own, in rule order: the first that matches a whole line names it,
        # as the first branch of one alternation would. (The same pattern and flags as
        # validate_options compiled, so regex's cache has them.)
        self._patterns: list[tuple[regex.Pattern[str], Rule]] = []
        self._max_length = max(rule.options.get("max_length", 300) for rule in rules)
        for rule in rules:
            for line in rule.options.get("lines", []):
                self._lines.setdefault(normalise_line(line), rule)
            for pattern in rule.options.get("patterns", []):
                self._patterns.append((regex.compile(pattern, regex.IGNORECASE), rule))
        # The patterns worth trying on a line: those whose required literals it holds (found
        # in one automaton pass), and those that require none.
        self._unfiltered: frozenset[int] = frozenset()
        self._triggers = ahocorasick.Automaton()
        by_literal: dict[str, set[int]] = {}
        for index, (compiled, _) in enumerate(self._patterns):
            literals = required_literals(compiled.pattern)
            if literals is None:
                self._unfiltered |= {index}
            for literal in literals or ():
                by_literal.setdefault(literal, set()).add(index)
        for literal, indexes in by_literal.items():
            self._triggers.add_word(literal, frozenset(indexes))
        if by_literal:
            self._triggers.make_automaton()
        self._menu_rule = next((rule for rule in rules if rule.options.get("menu_share")), None)
        self._content_rule = next((rule for rule in rules if rule.options.get("main_content")), None)

    def _candidates(self, squeezed: str) -> list[int]:
        """The patterns that can match ``squeezed`` whole, in rule order."""
        candidates = set(self._unfiltered)
        if len(self._triggers):
            for _, indexes in self._triggers.iter(fold_for_prefilter(squeezed)):
                candidates |= indexes
        return sorted(candidates)

    def classify(self, line: str, whole: bool = True) -> Rule | None:
        stripped = line.strip()
        if not stripped or len(stripped) > self._max_length:
            return None
        rule = self._lines.get(normalise_line(stripped))
        if rule is None and self._patterns:
            squeezed = squeeze_line(stripped)
            for index in self._candidates(squeezed):
                compiled, candidate = self._patterns[index]
                if compiled.fullmatch(squeezed, timeout=REGEX_TIMEOUT, concurrent=False):
                    rule = candidate
                    break
        if rule is None and whole and _PART_SEPARATOR.search(stripped, concurrent=False):
            # "January 13, 2020 | Categories: Python | View Comments"
            verdicts = [self.classify(part, whole=False) for part in _PART_SEPARATOR.split(stripped)]
            if all(verdicts):
                rule = verdicts[0]
        return rule

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        # Per block: its lines and what each is (None: prose); None for a block too long to be chrome.
        blocks: list[tuple[list[str], list[Rule | None]] | None] = []
        for block in doc.blocks:
            # A table cell is never removed: the cells after it would move to the wrong column.
            if block.end - block.start > self._max_length * 4 or block.kind == "table-cell":
                blocks.append(None)
                continue
            lines = text[block.start : block.end].split("\n")
            blocks.append((lines, [self.classify(line) for line in lines]))
        extend_lists(blocks)
        if self._menu_rule is not None:
            mark_menus([block.kind for block in doc.blocks], blocks, self._menu_rule)
        whole = [entry is not None and all(entry[1]) for entry in blocks]
        tail = len(whole)  # the first block of the run of chrome blocks that ends the document
        while tail > 0 and whole[tail - 1]:
            tail -= 1
        article = self._in_article(doc)
        for number, (block, entry) in enumerate(zip(doc.blocks, blocks)):
            if article is not None and not whole[number] and not article[number] and block.kind != "table-cell":
                yield Hit(block.start, block.end, "", block=number, rule=self._content_rule)
                continue
            if entry is None:
                continue
            lines, verdicts = entry
            if article is not None and whole[number] and article[number]:
                # The rules name it, the extractor reads it as part of the article: not sure.
                yield Hit(block.start, block.end, "", block=number, rule=verdicts[0], applicability=Applicability.UNSAFE)
            elif whole[number] and doc.format == "text" and number >= tail:
                # Each block of the closing run goes with the blank lines before it, so that the
                # removals do not overlap (a list would lose its context before the next pass).
                start = doc.blocks[number - 1].end if number else block.start
                yield Hit(start, block.end, "", title="Remove this paragraph", rule=verdicts[0])
            elif whole[number]:
                yield Hit(block.start, block.end, "", block=number, rule=verdicts[0])
            elif doc.format == "text" and any(verdicts):
                offset = block.start
                for line, verdict in zip(lines, verdicts):
                    if verdict is not None:
                        # the line and its line break go; the paragraph around it stays
                        yield Hit(offset, min(offset + len(line) + 1, block.end), "", rule=verdict)
                    offset += len(line) + 1

    def _in_article(self, doc: Any) -> list[bool] | None:
        """Per block, whether the extractor reads it as the article; None when it does not judge
        (no ``main_content`` rule, not a whole HTML page, or no article found in it)."""
        if self._content_rule is None or doc.format != "html" or not content.is_page(doc.source):
            return None
        extracted = content.main_text(doc.source)
        return None if extracted is None else content.in_article(doc.text, doc.blocks, extracted)


# A list item is at most this long: link titles are short, paragraphs of prose are not.
LIST_ITEM_MAX = 150
# Prose ends a sentence with a full stop (an ellipsis closes a cut-off title instead), a colon or a
# semicolon; a title ends with a word, a question or an exclamation.
_SENTENCE_END = regex.compile(r"(?<![.…])[.:;][\"'’”)\]]*\Z")


def is_list_item(line: str) -> bool:
    """Whether a line reads like the title of a linked page rather than a sentence of prose.

    >>> is_list_item("Hoarding and price-gouging send mask prices soaring in Japan")
    True
    >>> is_list_item("Police in Schools Continue to Target Black Students...")
    True
    >>> is_list_item("The incident has occurred at a time when Japan is short of masks.")
    False
    """
    stripped = line.strip()
    return 0 < len(stripped) <= LIST_ITEM_MAX and not _SENTENCE_END.search(stripped)


def extend_lists(blocks: Sequence[tuple[list[str], list[Rule | None]] | None]) -> None:
    """Mark the lists that ``list_after`` rules head, in place: after a heading line, up to
    ``list_after`` title-like lines become chrome of the same rule. Chrome lines (a date, a
    byline) inside the list neither end it nor count; a line of prose or a long block ends it.

    >>> from types import SimpleNamespace
    >>> related = SimpleNamespace(options={"list_after": 2})
    >>> blocks = [(["Related stories"], [related]), (["One title", "Two title", "Three title"], [None] * 3)]
    >>> extend_lists(blocks)
    >>> blocks[1][1] == [related, related, None]
    True
    """
    header: Rule | None = None
    remaining = 0
    for entry in blocks:
        if entry is None:
            header = None
            continue
        lines, verdicts = entry
        for index, (line, verdict) in enumerate(zip(lines, verdicts)):
            if verdict is not None:
                if verdict.options.get("list_after"):
                    header, remaining = verdict, verdict.options["list_after"]
            elif header is not None and remaining > 0 and is_list_item(line):
                verdicts[index] = header
                remaining -= 1
            elif line.strip():
                header = None


_PART_SEPARATOR = regex.compile(r"\s+[|•·]\s+")
# A menu has at least this many entries, and its entries that are not known chrome are this short.
MENU_MIN_ENTRIES = 3
MENU_ENTRY_MAX = 40


def mark_menus(kinds: Sequence[str], blocks: Sequence[tuple[list[str], list[Rule | None]] | None], rule: Rule) -> None:
    """Mark menus as chrome of ``rule``, in place: a list (the lines of one block, or the
    consecutive blocks of kind ``list-item``) of at least MENU_MIN_ENTRIES entries, a share of at
    least ``menu_share`` of them chrome already and the rest short titles, is all chrome.

    >>> from types import SimpleNamespace
    >>> nav, menu = SimpleNamespace(options={}), SimpleNamespace(options={"menu_share": 0.5})
    >>> footer = (["About us", "Careers", "Credit Card Payments", "Site map"], [nav, nav, None, nav])
    >>> prose = (["The talks ended.", "Careers", "About us"], [None, nav, nav])
    >>> mark_menus(["paragraph", "paragraph"], [footer, prose], menu)
    >>> footer[1][2] is menu, prose[1][0]
    (True, None)
    """
    share = rule.options["menu_share"]
    lists: list[list[tuple[list[str], list[Rule | None], int]]] = []
    previous_item = False
    for kind, entry in zip(kinds, blocks):
        is_item = entry is not None and kind == "list-item"
        if entry is not None:
            lines, verdicts = entry
            entries = [(lines, verdicts, index) for index, line in enumerate(lines) if line.strip()]
            if is_item and previous_item:
                lists[-1].extend(entries)
            else:
                lists.append(entries)
        previous_item = is_item
    for entries in lists:
        if len(entries) < MENU_MIN_ENTRIES:
            continue
        known = sum(verdicts[index] is not None for _, verdicts, index in entries)
        short = all(
            verdicts[index] is not None or len(lines[index].strip()) <= MENU_ENTRY_MAX and is_list_item(lines[index])
            for lines, verdicts, index in entries
        )
        if short and known >= share * len(entries):
            for _, verdicts, index in entries:
                if verdicts[index] is None:
                    verdicts[index] = rule


def squeeze_line(line: str) -> str:
    """Spacing and trailing punctuation do not matter for chrome.

    >>> squeeze_line("  Leave a  Reply. ")
    'Leave a Reply'
    """
    return " ".join(line.split()).rstrip(" .:!|*")


def normalise_line(line: str) -> str:
    """Nor does case, for the ``lines`` of a rule.

    >>> normalise_line("  Leave a  REPLY. ")
    'leave a reply'
    """
    return squeeze_line(line.casefold())


class PythonPass(Pass):
    def __init__(self, rule: Rule) -> None:
        from .checks import resolve_check

        self.rules = (rule,)
        self.rule = rule
        self._check: Callable[..., Iterable[Hit]] = resolve_check(rule.options["check"])
        self._options = dict(rule.options.get("options", {}))

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        for hit in self._check(doc, context, **self._options):
            hit.rule = self.rule
            yield hit


def compile_passes(rules: Sequence[Rule]) -> list[Pass]:
    terms: list[Rule] = []
    patterns: list[Rule] = []
    boilerplate: list[Rule] = []
    passes: list[Pass] = []
    for rule in rules:
        if rule.kind == "names":
            terms.append(rule)
        elif rule.kind == "substitution":
            (patterns if rule.options.get("regex") else terms).append(rule)
        elif rule.kind == "existence":
            if rule.options.get("tokens"):
                terms.append(rule)
            if rule.options.get("patterns"):
                patterns.append(rule)
        elif rule.kind == "repetition":
            passes.append(RepetitionPass(rule))
        elif rule.kind == "boilerplate":
            boilerplate.append(rule)
        elif rule.kind == "python":
            passes.append(PythonPass(rule))
    if terms:
        passes.insert(0, TermPass(terms))
    if patterns:
        passes.insert(0, PatternPass(patterns))
    if boilerplate:
        passes.insert(0, BoilerplatePass(boilerplate))
    return passes
