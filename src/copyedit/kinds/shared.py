"""The passes several kinds share, so that many rules cost one scan:

- the literal terms of ``substitution``, ``existence`` and ``names`` rules share one automaton
  (:class:`TermPass`);
- the regex patterns of ``substitution`` and ``existence`` rules share one pass
  (:class:`PatternPass`): each runs on its own, and only on a text that holds one of its literals.

A kind hands its rules' terms and patterns over as :class:`~copyedit.kinds.base.Term` and
:class:`~copyedit.kinds.base.Pattern` values.
"""

from __future__ import annotations

import string
import time
from typing import Any, Callable, Iterable, Iterator, Sequence

import regex

from ..errors import PatternTimeout
from ..index import text_index
from ..model import Applicability
from ..terms import TermIndex, match_case
from .base import REGEX_TIMEOUT, Context, Guarded, Hit, Pass, Pattern, Rule, Term
from .prefilter import END, LiteralPrefilter, opens_with_literal, required_starts
from .shapes import ShapeGate

# A pattern whose every match starts with one of a few characters is tried only where they stand while
# they are at most one in this many characters of the text: ``regex`` tries a pattern that opens with a
# look-behind, a class or an alternation at every character (MT106's quoted names: 0.053 s over BBC news
# and 0.086 s over WMT23 MT that way, 0.033 and 0.027 s tried at their quotation marks); one that opens
# with a literal character it finds by a fast scan, and is left to it.
ANCHOR_SPACING = 128


def _guard(rule: Rule, key: str) -> regex.Pattern[str] | None:
    pattern = getattr(rule.options, key) if isinstance(rule.options, Guarded) else None
    if pattern is None:
        return None
    return regex.compile(f"(?:{pattern})\\Z" if key == "not_before" else pattern, regex.IGNORECASE)


class Guards:
    """The ``not_before``/``not_after`` patterns of a set of rules."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._before = {rule.code: g for rule in rules if (g := _guard(rule, "not_before"))}
        self._after = {rule.code: g for rule in rules if (g := _guard(rule, "not_after"))}

    def blocked(self, rule: Rule, text: str, start: int, end: int) -> bool:
        try:
            before = self._before.get(rule.code)
            if before and before.search(text, max(0, start - 120), start, timeout=REGEX_TIMEOUT, concurrent=False):
                return True
            after = self._after.get(rule.code)
            return bool(after and after.match(text, end, min(len(text), end + 120), timeout=REGEX_TIMEOUT, concurrent=False))
        except TimeoutError:  # a house guard that backtracks without end on 120 characters
            raise PatternTimeout(rule.path, rule.code, REGEX_TIMEOUT) from None


class TermPass(Pass):
    """Literal terms of substitution, existence and names rules, in one automaton pass."""

    def __init__(self, rules: Sequence[Rule], terms: Callable[[Rule], Iterable[Term]]) -> None:
        self.rules = tuple(rules)
        self._index: TermIndex[Term] = TermIndex()
        self._guards = Guards(rules)
        for rule in rules:
            for term in terms(rule):
                self._index.add(term.text, term, case_sensitive=term.case_sensitive)
        self._index.freeze()

    def preload(self) -> None:
        self._index.prepare()

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        lowered = text_index(doc).lowered
        # A line feed is a space to a term ("Yamagata\nNewspaper" in a hard-wrapped paragraph of wire copy), as
        # long as the text: a blank line ("\n\n", two spaces) and a CRLF still part the words of a term.
        wrapped = "\n" in text
        found = self._index.find(text.replace("\n", " "), lowered and lowered.replace("\n", " ")) if wrapped else self._index.find(text, lowered)
        for match in found:
            term = match.payload
            if self._guards.blocked(term.rule, text, match.start, match.end) or _glossed(text, match.start, term):
                continue
            replacement = term.replacement
            surface = text[match.start : match.end]
            if replacement is not None and term.keep_case:
                replacement = match_case(surface, replacement)
            title, applicability = None, term.applicability
            if wrapped and "\n" in surface:
                # A line feed parts a headline from its paragraph too, when no blank line does: a term read across
                # one is offered, never made by default (a glossary's safe term included).
                applicability = Applicability.UNSAFE.at_most(applicability)
                if replacement:
                    title = f"Replace with “{replacement}”"  # (a title on one line)
                    replacement = _line_breaks_kept(surface, replacement)
            yield Hit(match.start, match.end, replacement, term.message, title, applicability=applicability, rule=term.rule)


def _line_breaks_kept(surface: str, replacement: str) -> str:
    """A term's replacement with the line breaks of the text it replaces, at its last spaces: the paragraph keeps its
    lines (a name whose words differ in number from its right form's keeps as many breaks as it can).

    >>> _line_breaks_kept("Yamagata\\nNewspaper", "Yamagata Shimbun"), _line_breaks_kept("Kasım\\nCömert Tokayev", "Kassym-Jomart Tokayev")
    ('Yamagata\\nShimbun', 'Kassym-Jomart\\nTokayev')
    >>> _line_breaks_kept("China News\\nNetwork", "Chinanews.com")
    'Chinanews.com'
    """
    return "\n".join(replacement.rsplit(" ", surface.count("\n")))


def _glossed(text: str, start: int, term: Term) -> bool:
    """Whether a name stands in brackets right after its own right form: "Tsai Ing-wen (蔡英文)" glosses the name in
    its script, as an article may; it is no misspelling to fix.

    >>> from types import SimpleNamespace
    >>> term = SimpleNamespace(replacement="Tsai Ing-wen", rule=SimpleNamespace(kind="names"))
    >>> _glossed("Tsai Ing-wen (蔡英文) spoke.", 14, term), _glossed("蔡英文 spoke.", 0, term)
    (True, False)
    """
    replacement = term.replacement
    if not replacement or term.rule.kind != "names" or start < len(replacement) + 2:
        return False
    before = text[max(0, start - len(replacement) - 3) : start].rstrip()
    return before[-1:] in ("(", "（", "[") and before[:-1].rstrip().endswith(replacement)


class PatternPass(Pass):
    """Regex patterns of substitution and existence rules, each run on its own: ``regex`` then skips ahead to a
    pattern's literal or rare character, and a pattern runs only on a text holding one of its required literals.
    One alternation of them all (with overlapped matches, to find each pattern's own) tried every branch at every
    character: 2.5x slower for the 14 built-in patterns of 2026-11, 16x for 66, 29x for 266 with a user's pack."""

    def __init__(self, rules: Sequence[Rule], patterns: Callable[[Rule], Iterable[Pattern]]) -> None:
        self.rules = tuple(rules)
        self._patterns: list[tuple[Rule, regex.Pattern[str], str | None, bool]] = []
        for rule in rules:
            for item in patterns(rule):
                # The same pattern and flags as the kind compiled when the rule loaded: regex's cache has it.
                single = regex.compile(item.pattern, regex.IGNORECASE if item.ignore_case else 0)
                self._patterns.append((rule, single, item.replacement, item.keep_case))
        self._anchors = [_anchor_characters(single.pattern) for _, single, _, _ in self._patterns]
        self._guards = Guards(rules)
        self._prefilter = LiteralPrefilter([single.pattern for _, single, _, _ in self._patterns], worth=_rare)
        self._shapes = ShapeGate([(single.pattern, single.flags & regex.IGNORECASE) for _, single, _, _ in self._patterns])
        self._unshaped_prefilter: LiteralPrefilter | None = None  # made once the gate is built (see _matches)

    def preload(self) -> None:
        self._shapes.prepare()
        (self._prefilter_beside_shapes() if self._shapes.ready else self._prefilter).prepare()

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        matches = self._matches(text, text_index(doc).lowered)
        reported: set[tuple[str, int, int]] = set()  # one finding per rule and span, however many of its patterns match it
        for index, match in matches:
            rule, single, replacement, keep_case = self._patterns[index]
            if self._guards.blocked(rule, text, match.start(), match.end()):
                continue
            span = (rule.code, match.start(), match.end())
            if span in reported:
                continue
            reported.add(span)
            fixed = None
            if replacement is not None:
                fixed = match.expand(replacement)
                if keep_case:
                    fixed = match_case(match.group(), fixed)
            yield Hit(match.start(), match.end(), fixed, rule=rule)

    def _matches(self, text: str, lowered: str | None = None) -> list[tuple[int, regex.Match[str]]]:
        """Each pattern's leftmost non-overlapping matches, in the text's order (``lowered``: ``text.lower()``,
        when known)."""
        found: list[tuple[int, regex.Match[str]]] = []
        # A pattern with a shape runs where its shape matches, one without (none of the built-in ones) where a
        # literal it needs is: on BBC and WMT23 MT the shapes told as much as shapes and literals together, and the
        # scan for 318 literals cost more than its share of the gate's. With no gate (no Hyperscan, not built yet,
        # a lone surrogate), every pattern's literals tell.
        allowed = self._shapes.allowed(text)
        if allowed is None:
            candidates = self._prefilter.candidates(text, lowered)
        else:
            candidates = self._prefilter_beside_shapes().candidates(text, lowered) | (allowed & self._shapes.shaped)
        for index in sorted(candidates):
            rule, single, _, _ = self._patterns[index]
            anchors = self._anchors[index]
            starts = _positions(text, anchors, len(text) // ANCHOR_SPACING) if anchors else None
            try:
                if starts is None:
                    found.extend((index, m) for m in single.finditer(text, timeout=REGEX_TIMEOUT, concurrent=False) if m.end() > m.start())
                    continue
                end = 0  # as finditer: each match after the last, none overlapping it
                deadline = time.monotonic() + REGEX_TIMEOUT  # the pattern's time over the document, as finditer has
                for start in starts:
                    if start < end:
                        continue
                    m = single.match(text, start, timeout=max(deadline - time.monotonic(), 1e-6), concurrent=False)
                    if m is not None and m.end() > m.start():
                        found.append((index, m))
                        end = m.end()
            except TimeoutError:
                raise PatternTimeout(rule.path, rule.code, REGEX_TIMEOUT) from None
        found.sort(key=lambda item: (item[1].start(), item[0]))
        return found

    def _prefilter_beside_shapes(self) -> LiteralPrefilter:
        """The literal prefilter of the patterns the built gate has no shape for."""
        prefilter = self._unshaped_prefilter
        if prefilter is None:
            unshaped = frozenset(range(len(self._patterns))) - self._shapes.shaped
            patterns = [single.pattern for _, single, _, _ in self._patterns]
            prefilter = self._unshaped_prefilter = LiteralPrefilter(patterns, worth=_rare, among=unshaped)
        return prefilter


def _anchor_characters(pattern: str) -> str | None:
    """The characters one of which starts every match of ``pattern``, when they are single characters
    without case (a mark, a space, a control character: each matches only itself, ignoring case or not)
    other than digits, and the pattern does not open with one (see :data:`ANCHOR_SPACING`).

    >>> _anchor_characters(r'(?<=\\bclub )["“«][A-Z]\\w*["”»]'), _anchor_characters(r"[\\u200b\\u2060]|(?<=.)\\ufeff")
    ('"«“', '\\u200b\\u2060\\ufeff')
    >>> _anchor_characters(r"\\bi(?=['’]m)"), _anchor_characters(r"(?:view|show) comments"), _anchor_characters(r",(?=,)")
    (None, None, None)
    >>> _anchor_characters(r"(?<!\\w)[1-9] ([0-9]{3})") is None
    True
    """
    starts = required_starts(pattern)
    if not starts or not all(len(start) == 1 and start != END and start.lower() == start.upper() for start in starts):
        return None
    if any(start.isdigit() for start in starts):
        return None  # news is full of digits: a match tried at each cost 4x regex's own scan (C309's "812 485")
    return None if opens_with_literal(pattern) else "".join(sorted(starts))


def _positions(text: str, characters: str, most: int) -> list[int] | None:
    """Where the characters stand in ``text``, in order; None when there are more than ``most``.

    >>> _positions("a “b” «c»", "«“", 5), _positions("a “b” «c»", "«“", 1)
    ([2, 6], None)
    """
    found: list[int] = []
    for character in characters:
        at = text.find(character)
        while at != -1:
            if len(found) == most:
                return None
            found.append(at)
            at = text.find(character, at + 1)
    found.sort()
    return found


def _rare(literal: str) -> bool:
    """Whether a literal is worth looking for: not a single letter, digit, space or common mark, which
    nearly every text holds (each occurrence would cost a step out of the automaton)."""
    return len(literal) > 1 or literal not in _COMMON


_COMMON = frozenset(string.ascii_lowercase + string.digits + " \t\n\r,.;:'\"()-!?" + END)
