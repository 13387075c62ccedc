"""What every check kind shares: the rule as loaded, the typed options it carries, what a pass finds.

This module sits below the kinds, the rule loader (:mod:`copyedit.rules`) and the engine, and
imports none of them. A kind module (:mod:`copyedit.kinds.substitution`, ...) reads its YAML keys
into a frozen options dataclass with the helpers below, which raise ``ValueError(problem, key)``;
the loader turns that into a :class:`~copyedit.errors.RuleError` naming the file and the line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import regex

from ..evidence import Measured
from ..model import Applicability, CheckWarning, Severity, Span

DOCUMENT_FORMATS = ("text", "markdown", "html")

REGEX_TIMEOUT = 2.0  # seconds for one user pattern over one document
# Every match is called with concurrent=False: regex then keeps the GIL while it matches. Python
# code runs between the matches anyway, so releasing and taking the GIL again around each call
# only adds contention: with 20 threads fixing articles at once (a service under load) it cost
# 3-4x the CPU of the same work on one thread (benchmarks/profile.md, round 3).

class LineMap(dict[Any, Any]):
    """A mapping read from YAML that remembers the line of each key (``lines``) and its own (``line``)."""

    line: int = 0
    lines: dict[str, int]


@dataclass(frozen=True)
class Origin:
    """Where a rule comes from, for errors raised while its options are read. ``builtin``: a rule
    of a shipped pack, whose patterns the tests compile (tests/test_rule_examples.py), so a kind
    may leave compiling them to when they are first needed (a faster start)."""

    path: str
    code: str | None
    line: int | None = None
    builtin: bool = False


@dataclass(frozen=True)
class Options:
    """A kind's options, read and checked once when the rule loads."""

    def fixes(self, applicability: Applicability | None) -> bool:
        """Whether rules with these options can fix (and so must state their fix safety)."""
        return True

    def get(self, key: str, default: Any = None) -> Any:
        """An option by its YAML key, as when options were a mapping (for code written then)."""
        value = getattr(self, key, None)
        return default if value is None else value


@dataclass(frozen=True, slots=True)
class Example:
    bad: str | None = None
    good: str | None = None
    ok: str | None = None
    format: str = "text"
    line: int = 0
    source: str | None = None  # the text translated, for checks that compare with it
    source_lang: str | None = None

    def __reduce__(self) -> tuple[type[Example], tuple[object, ...]]:
        # Unpickled by its constructor: half the time of the slots' generic state (a glossary has ~35,000).
        return Example, (self.bad, self.good, self.ok, self.format, self.line, self.source, self.source_lang)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    message: str
    why: str
    severity: Severity
    applicability: Applicability | None
    examples: tuple[Example, ...]
    pack: str
    path: str
    line: int
    options: Options = field(default_factory=Options, hash=False, compare=False)  # the kind's typed options
    source_lang: tuple[str, ...] = ()
    language: tuple[str, ...] = ()  # the article languages the rule is written for (English usage: "en"); any when empty
    link: str | None = None
    formats: tuple[str, ...] = DOCUMENT_FORMATS  # the document formats the rule applies to
    lossless: bool = False  # the fix is lossless by construction (an encoding repair verified to round-trip)
    # rules whose finding in a document makes this rule's findings there redundant (LQ101's sentences in an
    # article LQ102 reports as in another language)
    superseded_by: tuple[str, ...] = ()
    measured: Measured | None = field(default=None, hash=False, compare=False)  # written by the accuracy harness

    def with_overrides(self, severity: Severity | None = None, applicability: Applicability | None = None) -> Rule:
        changes: dict[str, Any] = {}
        if severity is not None:
            changes["severity"] = severity
        if applicability is not None and self.applicability is not None:
            changes["applicability"] = applicability
        return dataclasses.replace(self, **changes) if changes else self

    def describe(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "pack": self.pack,
            "kind": self.kind,
            "severity": self.severity.value,
            "fix": self.applicability.value if self.applicability else None,
            "message": self.message,
            "why": self.why,
            "examples": [
                {k: v for k, v in dataclasses.asdict(e).items() if v is not None and k not in ("line", "format", "source_lang")}
                for e in self.examples
            ],
            "path": self.path,
            "lossless": self.lossless,
            "language": list(self.language),
            "superseded_by": list(self.superseded_by),
            "measured": self.measured.to_dict() if self.measured else None,
        }


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
    edit_start: int | None = None  # the fix's edit starts here, before ``start`` (a closing paragraph's blank lines above it)
    edit_end: int | None = None  # and ends here, after ``end`` (the line breaks after the last paragraph, when none is left)
    together: bool = False  # its fix and the others so marked go together or not at all (a text of chrome alone)
    rule: Rule | None = None  # set by the pass that ran the rule, or for it by the engine (:attr:`Pass.rule`)
    source: Span | None = None  # checks against a source: the source text the hit is about ...
    source_sentence: Span | None = None  # ... and the source sentence around it
    source_in_markup: bool = False  # those spans are offsets into ``Context.source_markup``, not ``Context.source``

    @property
    def claimed(self) -> Applicability | None:
        """How sure its fix is by its rule's evidence: a hit may be less sure than its rule (a guessed repair),
        never surer; a rule that declares no applicability fixes nothing (the fix loop counts on it, see run_fix)."""
        declared = self.rule.applicability if self.rule is not None else None
        return self.applicability.at_most(declared) if self.applicability and declared else declared


@dataclass(frozen=True)
class Context:
    """Facts about the call that rules may depend on."""

    language: str = "en"
    source: str | None = None  # the source's text (of a Markdown or HTML source, its text: see source_markup)
    source_lang: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    # a Markdown or HTML source as sent, for the checks that compare markup (a whole page: its article, the rest
    # blanked to spaces, offsets kept: copyedit.markup.content.article_only)
    source_markup: str | None = None
    source_format: str = "text"  # the format ``source_markup`` is in (markdown or html; text when there is none)
    warnings: tuple[CheckWarning, ...] = ()  # what was wrong with the source as sent, and what was done about it

    @property
    def given_source_language(self) -> str:
        """The language of ``source_lang`` without its region, lower-case ("de" for "de-AT"); "" when not given."""
        return (self.source_lang or "").split("-")[0].lower()


class Pass:
    """One pass over a document for one or more rules. ``needs_source``: the pass compares the
    document with its source and finds nothing without one, so the engine does not run it then."""

    rules: tuple[Rule, ...] = ()
    rule: Rule | None = None  # the rule of a pass of one rule, whose hits need not name it (a python check's)
    needs_source: bool = False

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        raise NotImplementedError

    def preload(self) -> None:
        """Load now what the pass would load on first use (most passes load nothing)."""


@dataclass(frozen=True)
class Term:
    """A literal for the shared automaton (:class:`~copyedit.kinds.shared.TermPass`)."""

    text: str
    rule: Rule
    replacement: str | None
    keep_case: bool
    case_sensitive: bool
    applicability: Applicability | None = None
    message: str | None = None


@dataclass(frozen=True)
class Pattern:
    """A user pattern for the shared pattern pass (:class:`~copyedit.kinds.shared.PatternPass`)."""

    pattern: str
    replacement: str | None
    keep_case: bool
    ignore_case: bool


@dataclass(frozen=True)
class Kind:
    """One check kind, as the registry (:data:`copyedit.kinds.KINDS`) holds it.

    ``keys`` are its YAML keys (True: required); ``parse`` reads them into its options. Its rules
    compile into the shared automaton (``terms``), the shared pattern pass (``patterns``), one
    pass for all its rules (``group_pass``) or one pass per rule (``rule_pass``).
    """

    name: str
    keys: Mapping[str, bool]
    parse: Callable[[Mapping[str, Any], Origin], Options]
    terms: Callable[[Rule], Iterable[Term]] | None = None
    patterns: Callable[[Rule], Iterable[Pattern]] | None = None
    group_pass: Callable[[Sequence[Rule]], Pass] | None = None
    rule_pass: Callable[[Rule], Pass] | None = None


# --- reading options ------------------------------------------------------------------------


def user_pattern(pattern: Any, key: str, ignore_case: bool) -> regex.Pattern[str]:
    """A rule's pattern, compiled; ``ValueError(problem, key)`` when it is not one."""
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{key}: patterns must be non-empty strings", key)
    try:
        return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error as error:
        raise ValueError(f"{key}: pattern {pattern!r} does not compile: {error}", key) from None


# A group reference in a replacement (\1, \g<name>), or any other escape (skipped: "\\" is no reference)
_TEMPLATE_ESCAPE = regex.compile(r"\\(?:g<([^>]*)>|([0-9]{1,2})|.)", regex.DOTALL)


def check_template(pattern: regex.Pattern[str], template: str, where: str | int) -> None:
    """``ValueError(problem, where)`` (a key, or a line) when a replacement refers to a group its pattern
    does not have: ``match.expand`` would fail at the pattern's first match, in the middle of a run."""
    for escape in _TEMPLATE_ESCAPE.finditer(template):
        name, number = escape.group(1), escape.group(2)
        if number is not None:
            known = int(number) <= pattern.groups
        elif name is not None:
            known = int(name) <= pattern.groups if name.isdigit() else name in pattern.groupindex
        else:
            continue
        if not known:
            raise ValueError(f"replacement {template!r} refers to group {escape.group()!r}, which pattern {pattern.pattern!r} does not have", where)


def string_list(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key!r} must be a list of non-empty strings", key)
    return tuple(value)


def boolean(raw: Mapping[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key!r} must be true or false", key)
    return value


@dataclass(frozen=True, kw_only=True)
class Guarded(Options):
    """Options with ``not_before``/``not_after``: a match right after (before) text that matches
    the pattern is not a hit."""

    not_before: str | None = None
    not_after: str | None = None


def guards(raw: Mapping[str, Any]) -> dict[str, str]:
    """The ``not_before``/``not_after`` patterns, checked."""
    found = {}
    for key in ("not_before", "not_after"):
        if key in raw:
            user_pattern(raw[key], key, True)
            found[key] = raw[key]
    return found
