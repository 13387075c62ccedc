"""The engine: compile rule sets once, find, fix to a fixed point, verify.

``fix`` applies the chosen fixes right to left, parses the result again and repeats until
nothing applicable is left (at most ``MAX_PASSES`` times; fixes still changing the text then are
left out and the run starts again without them). It then verifies that replaying
the applied edits on the input gives the output and that the markup skeleton is unchanged;
if either fails the input comes back untouched with an internal finding.

Suppression comments (:mod:`.suppression`) are applied on every pass, and per-file ignores
(:meth:`Config.for_path`) when the rule set is chosen, so every front end honours both. A
:class:`Deadline` stops the work, not only the wait for it: it is checked before each check
pass, at each hit and after each fix pass.
"""

from __future__ import annotations

import bisect
import functools
import inspect
import math
import os
import re
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, ParamSpec, Sequence, TypeVar

from .config import Config, matches
from .document import Document, LineIndex, PlainDocument
from .errors import RUNNING_DEADLINE, CopyeditError, InputError, OptionError, PatternTimeout, RuleError, SourceError, TimeLimitExceeded
from .languages import letter_count, letters_in_script, source_language_code
from .kinds import compile_passes
from .kinds.base import REGEX_TIMEOUT, Context, Hit, Pass
from .model import (
    EMPTY_SOURCE, IDLE_SELECTOR, SOURCE_LANG_MISMATCH, AppliedFix, Applicability, CheckWarning, Edit, EditedOffsets, Finding, Fix, PageMetadata,
    Result, Severity, SourceSpan, Span, apply_edits, sorted_findings,
)
from .rules import (
    DOCUMENT_FORMATS, Rule, builtin_packs, check_unique, keep_pattern_readings, kept_rules, load_pack, RuleFiles, read_rule_files,
)
from .suppression import SuppressionFilter

MAX_PASSES = 10
FORMATS = DOCUMENT_FORMATS


def parse_document(text: str, format: str) -> Document:
    if format == "text":
        return PlainDocument(text)
    if format == "html":
        from .markup.html import HtmlDocument

        return HtmlDocument(text)
    if format == "markdown":
        from .markup.markdown import MarkdownDocument

        return MarkdownDocument(text)
    raise InputError(f"unknown format {format!r} (one of: {', '.join(FORMATS)})")


@dataclass(frozen=True)
class Deadline:
    """When the work on one document must stop: ``at`` on the :func:`time.monotonic` clock.

    >>> Deadline.after(None) is None, Deadline.after(60).seconds
    (True, 60)
    >>> Deadline(0.0, 2).check()
    Traceback (most recent call last):
    ...
    copyedit.errors.TimeLimitExceeded: checking the document took longer than the time limit of 2 s
    """

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float | None) -> Deadline | None:
        """The deadline ``seconds`` from now (None: no limit); a limit that is no positive number is a ValueError."""
        if seconds is None:
            return None
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds < math.inf:
            raise ValueError(f"time_limit must be a positive number of seconds, not {seconds!r}")
        return cls(time.monotonic() + seconds, seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise TimeLimitExceeded(self.seconds)


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """``findings`` with one of each set that share a span and a fix: the most severe (then the first code)."""
    fixed = [finding for finding in findings if finding.fix is not None]
    if len(fixed) < 2:
        return findings
    best: dict[tuple[Span, tuple[Edit, ...]], Finding] = {}
    for finding in sorted(fixed, key=lambda f: (-f.severity.rank, f.code)):
        assert finding.fix is not None
        best.setdefault((finding.span, finding.fix.edits), finding)
    if len(best) == len(fixed):
        return findings
    kept = {id(finding) for finding in best.values()}
    return [finding for finding in findings if finding.fix is None or id(finding) in kept]


class RuleSet:
    """Rules compiled into passes. Immutable after construction, so threads may share one."""

    def __init__(self, rules: Sequence[Rule], forced: dict[str, Applicability] | None = None) -> None:
        check_unique(rules)
        self.rules = tuple(rules)
        self.by_code = {rule.code: rule for rule in rules}
        self._forced = dict(forced or {})
        self._passes = tuple(compile_passes(self.rules))
        # whether a source changes anything: some rule compares the article with it
        self.compares_with_source = any(check_pass.needs_source for check_pass in self._passes)
        # passes all of whose rules another rule's finding can supersede: run after the others, or not at all
        self._superseded = frozenset(
            check_pass for check_pass in self._passes if check_pass.rules and all(r.superseded_by for r in check_pass.rules)
        )
        # the measured precision each finding of a rule shows (worked out once: a document may have thousands)
        self._precision = {rule.code: shown[0] if rule.measured and (shown := rule.measured.precision()) else None for rule in rules}
        # fix_passes' answer for each set of applicabilities, worked out on first use (21 µs a call: 13% of fixing a line)
        self._fix_passes: dict[frozenset[Applicability], tuple[tuple[Pass, ...], tuple[Pass, ...]]] = {}
        self._orders: dict[tuple[tuple[Pass, ...], bool], tuple[tuple[Pass, ...], tuple[Pass, ...], frozenset[str]]] = {}

    def without_superseded(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` less those of a rule superseded by a rule with a finding among them (``superseded_by``:
        a sentence in another language is no news in an article LQ102 reports as in another language), and less
        a finding whose span and fix another rule's finding repeats: one problem two rules see ("canada" as a
        place in lower case, MT117, and as the source's Canada, LQ222) is reported once, by the more severe."""
        return self.standing(_without_repeats(findings))

    def standing(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` less those of a rule superseded by a rule with a finding among them."""
        if not any(self.by_code[f.code].superseded_by for f in findings if f.code in self.by_code):
            return findings
        present = {finding.code for finding in findings}
        return [
            finding for finding in findings
            if finding.code not in self.by_code or present.isdisjoint(self.by_code[finding.code].superseded_by)
        ]

    def fix_passes(self, accept: frozenset[Applicability]) -> tuple[tuple[Pass, ...], tuple[Pass, ...]]:
        """The passes with a rule whose fixes ``accept`` takes, or with a rule that supersedes one (its finding
        withholds their fixes: MT102's "6.6 %" in a Spanish article), the only ones the fix loop runs again
        after its first pass; and the others, which run once more, on the final text."""
        found = self._fix_passes.get(accept)
        if found is None:
            fixers = {rule.code for rule in self.rules if (self._forced.get(rule.code) or rule.applicability) in accept}
            superseding = {superseder for code in fixers for superseder in self.by_code[code].superseded_by}
            fixing = tuple(
                check_pass for check_pass in self._passes
                if any(rule.code in fixers or rule.code in superseding for rule in check_pass.rules)
            )
            found = self._fix_passes[accept] = fixing, tuple(p for p in self._passes if p not in fixing)
        return found

    def preload(self, source: bool = True) -> None:
        """Load now what the rules would load on their first document (langdetect's profiles, word
        lists, pypinyin's dictionary: seconds of CPU in all), so that no article waits for it:
        a service before it answers, a process before it forks workers. ``source=False`` leaves out
        the checks against a source."""
        for check_pass in self._passes:
            if source or not check_pass.needs_source:
                check_pass.preload()

    def hits(
        self, doc: Document, context: Context, deadline: Deadline | None = None, passes: Iterable[Pass] | None = None
    ) -> list[Hit]:
        found: list[Hit] = []
        sourceless = not context.source
        running = RUNNING_DEADLINE.set(deadline)  # for the passes that check it as they go (errors.check_deadline)
        try:
            self._run_passes(doc, context, deadline, self._passes if passes is None else passes, sourceless, found)
        finally:
            RUNNING_DEADLINE.reset(running)
        return found

    @staticmethod
    def _run_passes(
        doc: Document, context: Context, deadline: Deadline | None, passes: Iterable[Pass], sourceless: bool, found: list[Hit]
    ) -> None:
        for check_pass in passes:
            if sourceless and check_pass.needs_source:
                continue  # a check against the source, and none was given (14 of the built-in passes)
            if deadline is not None:
                deadline.check()
            try:
                for hit in check_pass.run(doc, context):
                    if deadline is not None:
                        deadline.check()
                    if hit.rule is None:
                        hit.rule = check_pass.rule  # a hit of a python check: its pass's one rule's
                    rule = hit.rule
                    if rule is None or doc.format not in rule.formats:
                        continue
                    if rule.source_lang and context.source_lang and context.source_lang not in rule.source_lang:
                        continue
                    found.append(hit)
            except TimeoutError:
                rule = check_pass.rules[0]
                raise PatternTimeout(rule.path, rule.code, REGEX_TIMEOUT) from None
            except OptionError as error:  # a check that refuses its rule's options
                rule = check_pass.rules[0]
                raise RuleError(rule.path, rule.line, rule.code, str(error)) from None

    def findings(
        self, doc: Document, context: Context, deadline: Deadline | None = None, passes: Iterable[Pass] | None = None
    ) -> list[Finding]:
        """Findings of all passes, or of ``passes`` only."""
        hits = self.hits(doc, context, deadline, passes)
        if not hits:  # most documents: no line index to build
            return []
        lines = LineIndex(doc.source)
        source = _source_document(context.source_markup, context.source_format) if context.source_markup is not None else None
        decided = self._applicabilities(hits)
        return [self._finding(doc, lines, hit, sure, context.source, source) for hit, sure in zip(hits, decided)]

    def _applicabilities(self, hits: list[Hit]) -> list[Applicability | None]:
        """How sure each hit's fix is: as the configuration sets it for the hit's rule, or as the hit claims; the
        hits that go together (one pass marks them: chrome that is the whole text) as the least sure of them."""
        decided = [(hit.rule is not None and self._forced.get(hit.rule.code)) or hit.claimed for hit in hits]
        together = [index for index, hit in enumerate(hits) if hit.together]
        if together:
            least = min((decided[index] or Applicability.DISPLAY_ONLY for index in together), key=lambda sure: sure.rank)
            for index in together:
                decided[index] = least
        return decided

    def reported(
        self, doc: Document, context: Context, suppress: Suppress, deadline: Deadline | None = None,
        passes: Iterable[Pass] | None = None, present: frozenset[str] = frozenset(),
    ) -> list[Finding]:
        """The findings of ``passes`` (all by default) that ``suppress`` leaves. A pass whose every rule is
        superseded by a rule among these findings, or among ``present`` (the codes of the same document's
        other findings), is not run: :meth:`without_superseded` would leave its findings out. An article
        LQ102 reports as in another language is not read sentence by sentence by LQ101 (langdetect on each:
        120 ms of a 5 KB Spanish article's 160)."""
        first, later, superseding = self._in_order(self._passes if passes is None else tuple(passes), bool(context.source))
        found = suppress(doc.source, self.findings(doc, context, deadline, first))
        if later:
            codes = present | {finding.code for finding in found}
            # most documents have no finding of a superseding rule (LQ102): then every later pass runs
            unsuperseded = (
                later
                if codes.isdisjoint(superseding)
                else [p for p in later if not all(codes.intersection(rule.superseded_by) for rule in p.rules)]
            )
            if unsuperseded:
                found += suppress(doc.source, self.findings(doc, context, deadline, unsuperseded))
        return found

    def _in_order(self, chosen: tuple[Pass, ...], source: bool) -> tuple[tuple[Pass, ...], tuple[Pass, ...], frozenset[str]]:
        """``chosen`` less the checks against a source when there is none, split into the passes that run first and
        those a finding may supersede, and the codes of the rules that may supersede them (worked out once for each
        choice: a short article's whole check is 0.1 ms)."""
        key = (chosen, source)
        found = self._orders.get(key)
        if found is None:
            runs = [check_pass for check_pass in chosen if source or not check_pass.needs_source]
            later = tuple(p for p in runs if p in self._superseded)
            found = self._orders[key] = (
                tuple(p for p in runs if p not in self._superseded),
                later,
                frozenset(code for p in later for rule in p.rules for code in rule.superseded_by),
            )
        return found

    def _finding(
        self, doc: Document, lines: LineIndex, hit: Hit, applicability: Applicability | None, source_text: str | None = None,
        source_doc: Document | None = None,
    ) -> Finding:
        rule = hit.rule
        assert rule is not None
        matched = doc.text[hit.start : hit.end]
        span = doc.enclosing_span(hit.start, hit.end)
        fix = None
        if hit.block is not None:
            removal = doc.removal_span(hit.block)
            pieces = doc.text_removal_spans(hit.block) if removal is None else None
            if pieces:
                # A script or a style stands in it (a share bar's tracking script): its text goes, and they
                # stay with the tags around them. As sure as the hit: on the 179 pages of
                # benchmarks/accuracy_boilerplate.py these removals took no article text.
                fix = Fix(tuple(Edit(span, "") for span in pieces), applicability or Applicability.DISPLAY_ONLY, TEXT_REMOVAL)
            elif removal is None:
                # Removing it would change the markup around it (two Markdown lists would merge) or take
                # other blocks with it (an HTML block that opens an element it does not close).
                fix = Fix((), Applicability.DISPLAY_ONLY, "Remove this paragraph")
            else:
                # The finding stays on the paragraph (its line and column, its text); the edit takes the blank
                # lines around it too, which for a closing paragraph are those before it, on the line above.
                fix = Fix((Edit(removal, ""),), applicability or Applicability.DISPLAY_ONLY, "Remove this paragraph")
        elif hit.replacement is not None:
            title = hit.title or (f"Replace with “{hit.replacement}”" if hit.replacement else f"Remove “{matched}”")
            edit_start = hit.start if hit.edit_start is None else hit.edit_start
            edit_end = hit.end if hit.edit_end is None else hit.edit_end
            start, end, replacement = trim_edit(doc.text, edit_start, edit_end, hit.replacement)
            source = doc.source_span(start, end, replacement)
            if source is None or applicability is None:
                # The match crosses markup: show the suggestion, never edit across a tag.
                fix = Fix((), Applicability.DISPLAY_ONLY, title)
            else:
                fix = Fix((Edit(source, doc.encode(replacement, source)),), applicability, title)
        message = (hit.message or rule.message).replace("{match}", matched)
        message = message.replace("{replacement}", hit.replacement or "")
        line, column = lines.position(span.start)
        precision = self._precision[rule.code]
        in_source = None
        if hit.source is not None and source_text is not None:
            sentence = hit.source_sentence or hit.source
            quoted, where = source_text, hit.source
            if source_doc is not None and hit.source_in_markup:  # a tag of an HTML source, quoted as it stands
                quoted = source_doc.source
            elif source_doc is not None:  # offsets into the source as sent: the text's, mapped back into its markup
                where = source_doc.enclosing_span(hit.source.start, hit.source.end)
            in_source = SourceSpan(
                where.start, where.end, quoted[hit.source.start : hit.source.end], quoted[sentence.start : sentence.end]
            )
        return Finding(rule.code, rule.name, rule.severity, message, span, line, column, matched, fix, precision, in_source)


def trim_edit(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """Shrink an edit to the words that actually change, so a diff reads word by word.

    >>> trim_edit("the the cat", 0, 7, "the")
    (3, 7, '')
    >>> trim_edit("Kasım Cömert Tokayev", 0, 20, "Kassym-Jomart Tokayev")
    (0, 12, 'Kassym-Jomart')
    """
    old = text[start:end]
    limit = min(len(old), len(replacement))
    prefix = 0
    while prefix < limit and old[prefix] == replacement[prefix]:
        prefix += 1
    while 0 < prefix and old[prefix - 1].isalnum() and (prefix < len(old) and old[prefix].isalnum() or prefix < len(replacement) and replacement[prefix].isalnum()):
        prefix -= 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == replacement[len(replacement) - 1 - suffix]:
        suffix += 1
    while 0 < suffix and old[len(old) - suffix].isalnum() and (
        suffix < len(old) - prefix and old[len(old) - suffix - 1].isalnum()
        or suffix < len(replacement) - prefix and replacement[len(replacement) - suffix - 1].isalnum()
    ):
        suffix -= 1
    return start + prefix, end - suffix, replacement[prefix : len(replacement) - suffix]


@functools.lru_cache(maxsize=32)
def ruleset_for(config: Config) -> RuleSet:
    """The compiled rule set for a configuration (cached: compile once, share everywhere). Threads that ask for
    one at once wait for the first one's: eight threads' first checks compiled eight (1.3 CPU s instead of 0.5)."""
    with _compiling_lock:
        underway = _compiling.get(config)
        mine = underway is None
        if underway is None:
            underway = _compiling[config] = Future()
    if not mine:
        return underway.result()
    try:
        chosen = [config.overrides(rule) for rule in _read_rules(config.packs, config.rule_paths) if config.enabled(rule)]
        forced = {rule.code: applicability for rule in chosen if (applicability := _forced(config, rule))}
        ruleset = RuleSet(chosen, forced)
        keep_pattern_readings()  # compiling read the patterns for the prefilter: next time, from the cache
        underway.set_result(ruleset)
        return ruleset
    except BaseException as error:
        underway.set_exception(error)
        raise
    finally:
        with _compiling_lock:
            del _compiling[config]


# The rule sets being compiled (only while they are), for the threads that ask for one meanwhile
_compiling: dict[Config, Future[RuleSet]] = {}
_compiling_lock = threading.Lock()


def _forked() -> None:
    """In a forked child only the thread that forked runs on: the rule sets other threads were compiling would never
    come, and a check waiting for one would wait for ever."""
    global _compiling_lock
    _compiling_lock = threading.Lock()  # another thread may have held it as the process forked
    _compiling.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forked)


def loaded_rules(config: Config) -> tuple[Rule, ...]:
    """Every rule of the configuration's packs and rule files, selected or not (codes checked unique); read
    once per packs and rule files, as rule sets are compiled once (a service checks each request's rule
    selectors against them)."""
    return _loaded_rules(config.packs, config.rule_paths)


def idle_selector_warnings(config: Config, selectors: Iterable[str], field: str) -> list[CheckWarning]:
    """A warning (:data:`IDLE_SELECTOR`, about ``field``) for each of the ``selectors`` whose rules are all written
    for other languages than the articles' (``Config.language``): selecting them runs nothing. The command line
    (of its configuration and options) and the service (of a request's ``rules``) give them, in these words.

    >>> [warning.message for warning in idle_selector_warnings(Config(language="de"), ["MT112", "MT", "C101"], "select")]
    ['MT112 selects only rules for articles in en; they do not run on articles in de', 'C101 selects only rules for articles in en; they do not run on articles in de']
    """
    every = loaded_rules(config)
    warnings = []
    for selector in dict.fromkeys(selectors):
        chosen = [rule for rule in every if matches(selector, rule)]
        if chosen and not any(config.in_language(rule) for rule in chosen):
            languages = ", ".join(sorted({language for rule in chosen for language in rule.language}))
            warnings.append(CheckWarning(
                IDLE_SELECTOR, field,
                f"{selector} selects only rules for articles in {languages}; they do not run on articles in {config.language}",
            ))
    return warnings


def _read_rules(packs: tuple[str, ...] | None, rule_paths: tuple[str, ...], verified: bool = True) -> tuple[Rule, ...]:
    loaded = [rule for pack in (builtin_packs() if packs is None else packs) for rule in load_pack(pack)]
    read = _user_rules if verified else lambda path: read_rule_files(path).parse()
    # A rule file named twice (a folder in the configuration and again with --rules, or a file in it) is read
    # once (a rule file holds one rule).
    users = list({os.path.realpath(rule.path): rule for path in rule_paths for rule in read(path)}.values())
    loaded += users
    check_unique(loaded)
    _check_superseders(users, loaded)
    return tuple(loaded)


def _check_superseders(users: list[Rule], loaded: list[Rule]) -> None:
    """A user rule's ``superseded_by`` must name rules that exist: a misspelt code would never supersede it."""
    if not any(rule.superseded_by for rule in users):
        return
    known = {rule.code for rule in loaded} | {rule.code for pack in builtin_packs() for rule in load_pack(pack)}
    for rule in users:
        unknown = [code for code in rule.superseded_by if code not in known]
        if unknown:
            raise RuleError(
                rule.path, rule.line, rule.code,
                f"'superseded_by' names {', '.join(unknown)}, which is no rule of copyedit's packs or of the rule files given",
            )


def rules_to_test(config: Config) -> tuple[Rule, ...]:
    """:func:`loaded_rules`, the user rules read without running their examples: a rule whose examples fail
    cannot load, and ``copyedit rules --test`` reports every failing example of every rule."""
    return _read_rules(config.packs, config.rule_paths, verified=False)


_loaded_rules = functools.lru_cache(maxsize=32)(_read_rules)


def _forced(config: Config, rule: Rule) -> Applicability | None:
    from .config import _most_specific

    return _most_specific(config.applicability, rule) if rule.applicability is not None else None


def source_context(
    config: Config, source: str | None, source_lang: str | None, format: str = "text", source_format: str | None = None,
    article: str | None = None,
) -> Context:
    """The context of a check: the configuration's language and options, and the source with its language (as
    given, else the configuration's, else detected from the source text). The source is read in
    ``source_format`` (None: the article's ``format``): a Markdown source, and an HTML one when it is HTML
    itself, is read as its text, as an article is: a number in an attribute ("width=640") or a link's address
    is no number of the text. The source as sent stays in ``source_markup`` for the markup checks, and findings
    point into it (:func:`_source_document`).

    >>> source = '<p>Mehr <a href="https://example.com/45">hier</a></p>'
    >>> source_context(Config(), source, "de", "text").source == source  # a plain-text article's source, as text
    True
    >>> source_context(Config(), source, "de", "text", source_format="html").source
    'Mehr hier'

    A source that is empty, or only white space or markup, is none, and the context warns of it (every check against a source
    would be blind: most likely a pipeline's bug); a ``source_lang`` of "" is none given:

    >>> context = source_context(Config(), " \\n", "")
    >>> context.source, context.source_lang, [warning.message for warning in context.warnings]
    (None, None, ['the source has no text (it is empty, or only white space or markup): checked without one'])

    A source language the source is not written in (:func:`source_language_warning`) is not believed: the source is
    read in the language detected in it, and the context says so.

    A source read as Markdown that is HTML and nothing else (Markdown keeps HTML blocks as they are, so it has no
    Markdown text) is read as HTML, not compared as an empty text:

    >>> context = source_context(Config(), "<p>Mehr als 500</p>", "de", "markdown")
    >>> context.source, context.source_format
    ('Mehr als 500', 'html')

    An HTML source that is a whole page (it has a ``<body>``) is read as its article, as the extractor finds it, from
    its headline on, with the headline and standfirst the extractor may drop
    (:func:`copyedit.markup.content.article_only`): its menus, footer and ``<title>`` are no text the translation
    must have. Not when the ``article`` (its text) is a whole page too: both are then compared whole, chrome with
    chrome (and the article's chrome is BP120's).
    """
    if source is not None and not isinstance(source, str):
        raise InputError(f"source must be text (str), not {type(source).__name__}")
    given = source is not None
    if source is not None and not source.strip():
        source = None  # an empty source (or only white space) is no source: nothing to compare with
    if source_format is None:
        source_format = format  # (an unknown article format is refused as the article's, when it is parsed)
    elif source_format not in FORMATS:
        raise InputError(f"unknown source format {source_format!r} (one of: {', '.join(FORMATS)})")
    if source is not None:
        try:  # read and compared as the document is
            guard_size(source, config, "source")
        except InputError as error:
            raise SourceError(str(error).removeprefix("source is "), str(error)) from None
    try:  # "" is none given, as an empty source is no source (a pipeline's empty column)
        source_lang = source_language_code(source_lang)
    except ValueError as error:
        raise InputError(f"source_lang {error}") from None
    if not given:
        return _sourceless_context(config, source_lang)
    if source_format == "html" and source is not None:
        from .markup.html import START_TAG

        marked_up = START_TAG.search(source) is not None
    else:
        marked_up = source_format == "markdown"
    markup = source if source is not None and marked_up else None
    options = _check_options(config)
    try:
        text = _source_document(markup, source_format).text if markup is not None else source
        if source_format == "markdown" and markup is not None and not (text or "").strip() and _html_only(markup):
            # Markdown passes HTML blocks through as they are, so a source that is HTML and nothing else (a scraped
            # page beside a Markdown translation, sent without its format) has no Markdown text: read as Markdown,
            # every check would compare the translation with nothing. Its text is what the HTML shows.
            source_format = "html"
            text = _source_document(markup, source_format).text
    except InputError as error:  # e.g. Markdown nested too deeply: the source's fault, not the article's
        raise SourceError(str(error)) from None
    if source_format == "html" and markup is not None and not (format == "html" and article is not None and _is_page(article)):
        main = _article_only(markup)
        if main is not None:
            markup, text = main, _source_document(main, "html").text
    warnings: list[CheckWarning] = []
    if given and not (text or "").strip():  # no text to compare with, not even in its markup: a pipeline's bug, most likely
        text = markup = None
        warnings.append(CheckWarning(EMPTY_SOURCE, "source", "the source has no text (it is empty, or only white space or markup): checked without one"))
    source_lang = source_lang or config.source_lang
    if text is not None:
        source_lang, mismatch = believed_source_language(text, source_lang)
        if mismatch is not None:
            warnings.append(mismatch)
    return Context(
        language=config.language, source=text, source_lang=source_lang, options=options, source_markup=markup,
        source_format=source_format if markup is not None else "text", warnings=tuple(warnings),
    )


@functools.lru_cache(maxsize=32)
def _sourceless_context(config: Config, source_lang: str | None) -> Context:
    """The context of a check without a source, made once per configuration and source language, not once per
    article (3 µs: 4% of checking a one-line text).

    >>> _sourceless_context(Config(source_lang="de"), None).source_lang, _sourceless_context(Config(), "tr").source_lang
    ('de', 'tr')
    """
    return Context(language=config.language, source_lang=source_lang or config.source_lang, options=_check_options(config))


def _check_options(config: Config) -> dict[str, Any]:
    """The options the checks read: the configuration's."""
    options = dict(config.options)
    if config.rule_paths:
        # The names rules a house adds (`rules = [...]`, `--rules`) are registries of the name checks (LQ204, LQ301)
        # too, as the library option `name_registry` is: both are read, non-names rules left out.
        named = options.get("name_registry", ())
        options["name_registry"] = ((named,) if isinstance(named, str) else tuple(named)) + config.rule_paths
    return options


def believed_source_language(source: str, source_lang: str | None) -> tuple[str | None, CheckWarning | None]:
    """The language a source text is read in: ``source_lang``, unless the source is not written in its scripts
    (:func:`source_language_warning`, returned beside it), else the one detected in it (None: none was). Decided
    here for every front end: the rules written for one source language (TR101 for Turkish) must know that a
    Russian source is not theirs.

    >>> believed_source_language("Ríkisstjórnin kynnti í gær nýjar aðgerðir vegna faraldursins.", "is")
    ('is', None)
    >>> language, mismatch = believed_source_language("Ríkisstjórnin kynnti í gær nýjar aðgerðir vegna faraldursins.", "zh")
    >>> language, mismatch.code
    ('is', 'source-lang-mismatch')
    """
    mismatch = source_language_warning(source, source_lang) if source_lang is not None else None
    if source_lang is not None and mismatch is None:
        return source_lang, None
    from .qa.bilingual import detect_source_language

    return detect_source_language(source), mismatch


# A source language is not believed when fewer than this share of the source's letters are in its scripts, of at least
# SCRIPT_MIN_LETTERS letters among its first SCRIPT_SAMPLE characters. With their real languages, the 688 WMT21-23
# documents (ru, uk, ja, zh, is) had at least 58% and the 33,104 source sentences of the MQM and post-edit corpora at
# least 18% (a Sinhala sentence of English titles); labelled with another of those languages in another script, all but
# 20 of 2,111 documents had under a tenth (benchmarks/source_lang_warning.py).
SCRIPT_MIN_SHARE = 0.1
SCRIPT_MIN_LETTERS = 20
SCRIPT_SAMPLE = 2000  # as much as the language detector reads (qa.bilingual.detect_source_language)


@functools.lru_cache(maxsize=16)  # a batch checks a source's many translations in a row: its letters are counted once
def source_language_warning(source: str, source_lang: str) -> CheckWarning | None:
    """The warning for a source language whose scripts (CLDR's: :func:`copyedit.languages.script_letter`) the source
    is not written in (an Icelandic source said to be zh has no Han letter; a Russian one said to be ja, no Han or
    kana), with the language it is then read in: the one detected in it (None: not known); None when the source
    may well be in that language, or has too few letters to tell. The rules of a source language
    read a source in another script wrongly ("1,5 тысячи" read as Japanese is two numbers), and with confidence.

    >>> source_language_warning("Ríkisstjórnin kynnti í gær nýjar aðgerðir vegna faraldursins.", "zh").message
    'the source language is given as zh, but none of the 53 letters of the source text is in a script zh is written in: read as is, the language detected in it'
    >>> source_language_warning("Ríkisstjórnin kynnti í gær nýjar aðgerðir vegna faraldursins.", "is") is None
    True
    """
    from .qa.bilingual import detect_source_language

    sample = source[:SCRIPT_SAMPLE]
    inside = letters_in_script(sample, source_lang)
    if inside is None or inside >= SCRIPT_MIN_SHARE * len(sample):
        return None  # (no more letters than characters: most sources need no count of all their letters)
    letters = letter_count(sample)
    if letters < SCRIPT_MIN_LETTERS or inside >= SCRIPT_MIN_SHARE * letters:
        return None
    detected = detect_source_language(source)
    if detected == source_lang:
        return None  # the detector agrees with the given language: its scripts are not all known here
    how_many = "none" if not inside else f"only {inside:,}"
    read = f"read as {detected}, the language detected in it" if detected else "read without a source language (none was detected in it)"
    return CheckWarning(
        SOURCE_LANG_MISMATCH, "source_lang",
        f"the source language is given as {source_lang}, but {how_many} of the {letters:,} letters of the source text"
        f" {'is' if inside < 2 else 'are'} in a script {source_lang} is written in: {read}",
    )


def _html_only(source: str) -> bool:
    """Whether a source has text only inside HTML tags' blocks: read as Markdown, it would have none.

    >>> _html_only("<p>Mehr als 500</p>"), _html_only("<!-- a note -->"), _html_only("   ")
    (True, False, False)
    """
    from .markup.html import START_TAG

    return START_TAG.search(source) is not None and bool(_source_document(source, "html").text.strip())


def _is_page(text: str) -> bool:
    from .markup.content import is_page

    return is_page(text)


@functools.lru_cache(maxsize=8)
def _article_only(page: str) -> str | None:
    """A whole page's article (:func:`copyedit.markup.content.article_only`), kept as :func:`_source_document` is:
    the extractor reads the whole page (milliseconds), and a batch checks many translations of one source."""
    from .markup.content import article_only

    return article_only(page)


@functools.lru_cache(maxsize=8)
def _source_document(markup: str, format: str) -> Document:
    """A source in its markup, parsed (kept: a fix runs several passes, a batch checks many translations
    of one source)."""
    return parse_document(markup, format)


def guard_size(text: str, config: Config, what: str = "document") -> None:
    """Refuse a document (or its source: ``what``) over ``config.max_bytes`` (UTF-8) with an :class:`InputError`
    that says so.

    >>> guard_size("é" * 600, Config(max_bytes=1000), "source")
    Traceback (most recent call last):
    ...
    copyedit.errors.InputError: source is 1,200 bytes, over the limit of 1,000 (max-bytes)
    """
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if len(text) * 4 <= config.max_bytes:  # no character takes more than 4 bytes: no need to encode it
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > config.max_bytes:
        raise InputError(f"{what} is {size:,} bytes, over the limit of {config.max_bytes:,} (max-bytes)")


def accepted(unsafe: bool = False) -> frozenset[Applicability]:
    """The fixes a run applies: safe ones, and unsafe ones too when asked; display-only never.

    >>> sorted(a.value for a in accepted()), sorted(a.value for a in accepted(unsafe=True))
    (['safe'], ['safe', 'unsafe'])
    """
    return _SAFE_AND_UNSAFE if unsafe else _SAFE


_SAFE = frozenset({Applicability.SAFE})
_SAFE_AND_UNSAFE = frozenset({Applicability.SAFE, Applicability.UNSAFE})


def page_metadata(text: str, format: str) -> PageMetadata | None:
    """Title, author, date, site name and canonical URL of a whole HTML page (a document with a
    ``<body>``), as the main-content extractor finds them; ``None`` for a fragment, plain text or
    Markdown, which have no page around them. The extractor reads the whole page again (about
    four times the cost of the main-text pass), so it runs only when asked.

    >>> page_metadata("<p>Talks end.</p>", "html"), page_metadata("Talks end.", "text")
    (None, None)
    """
    if format != "html":
        return None
    from .markup import content

    return content.metadata(text) if content.is_page(text) else None


def with_metadata(result: Result) -> Result:
    """``result`` with the :func:`page_metadata` of the document as sent (``original``), so that
    ``check`` and ``fix`` report the same fields whatever the fixes removed."""
    return replace(result, metadata=page_metadata(result.original, result.format))


_Parameters = ParamSpec("_Parameters")
_Returned = TypeVar("_Returned")


def _under_deadline(function: Callable[_Parameters, _Returned]) -> Callable[_Parameters, _Returned]:
    """``function`` with its ``deadline`` argument the running one (:data:`~copyedit.errors.RUNNING_DEADLINE`)
    for all its work, parsing included: the Markdown parser checks it as it tries each link (nested images took
    minutes on a few hundred kilobytes), so a service's request over its time limit stops its work, not only
    its answer."""
    position = list(inspect.signature(function).parameters).index("deadline")

    @functools.wraps(function)
    def run(*args: _Parameters.args, **kwargs: _Parameters.kwargs) -> _Returned:
        deadline = kwargs["deadline"] if "deadline" in kwargs else args[position] if len(args) > position else None
        running = RUNNING_DEADLINE.set(deadline)
        try:
            return function(*args, **kwargs)
        finally:
            RUNNING_DEADLINE.reset(running)

    return run


@_under_deadline
def run_check(
    text: str, format: str, ruleset: RuleSet, config: Config, source: str | None = None, source_lang: str | None = None,
    suppress: Suppress | None = None, deadline: Deadline | None = None, source_format: str | None = None,
) -> Result:
    """Check with a compiled rule set; ``suppress`` defaults to the document's suppression comments;
    ``source_format`` is the source's (None: the article's)."""
    guard_size(text, config)
    suppress = suppress if suppress is not None else SuppressionFilter(format, ruleset.by_code)
    doc = parse_document(text, format)
    context = source_context(config, source, source_lang, format, source_format, text)
    findings = ruleset.reported(doc, context, suppress, deadline)
    return Result(text, text, sorted_findings(ruleset.without_superseded(findings)), (), format, warnings=context.warnings)


@_under_deadline
def run_fix(
    text: str,
    format: str,
    ruleset: RuleSet,
    config: Config,
    accept: frozenset[Applicability],
    source: str | None = None,
    source_lang: str | None = None,
    suppress: Suppress | None = None,
    deadline: Deadline | None = None,
    checked: Result | None = None,
    source_format: str | None = None,
    depth: int = 0,
    located: Callable[[int], tuple[int, int]] | None = None,
) -> Result:
    """Fix with a compiled rule set; ``suppress`` defaults to the document's suppression comments,
    so a suppressed finding's fix is never applied. ``checked``, the :func:`run_check` result of the
    same text with the same rule set, source and suppression, saves the first pass: a caller that
    reports both (the hook's ``check``) pays for one. ``source_format`` is the source's (None: the article's).
    ``depth``: how many runs after a partial refusal led to this one (:func:`_fix_further`), and ``located`` the line
    and column in that first run's input of an offset in ``text`` (a refused fix is named where it is in the input)."""
    guard_size(text, config)
    suppress = suppress if suppress is not None else SuppressionFilter(format, ruleset.by_code)
    context = source_context(config, source, source_lang, format, source_format, text)
    original_doc = parse_document(text, format)
    fixing, reporting = ruleset.fix_passes(accept)
    # The passes that can fix run first; the others (most of the work when only safe fixes apply) run
    # once, on the final text: on the input when nothing is fixed. Their findings cannot hold a fix
    # ``accept`` takes (a hit is never surer than its rule), so they choose no fix.
    first: list[Finding] | None = list(checked.findings) if checked is not None else None
    reported: list[Finding] | None = [] if checked is not None else None

    def findings_of(doc: Document, check_passes: tuple[Pass, ...], present: Iterable[Finding] = ()) -> list[Finding]:
        return ruleset.reported(doc, context, suppress, deadline, check_passes, frozenset(f.code for f in present))

    def fixable_in_original() -> list[Finding]:
        nonlocal first
        if first is None:
            first = findings_of(original_doc, fixing)
        return list(first)

    def reported_in_original() -> list[Finding]:
        nonlocal reported
        if reported is None:
            reported = findings_of(original_doc, reporting, fixable_in_original())
        return list(reported)

    def original_findings() -> list[Finding]:
        return fixable_in_original() + reported_in_original()

    def passes(refused: frozenset[str]) -> tuple[str, Document, list[AppliedFix], list[Finding], frozenset[str]]:
        """Fix until nothing applicable is left; the codes whose fixes still apply after ``MAX_PASSES`` come back.

        The passes that can fix run on the input and again after every round of fixes; the others
        once, on the final text, so a checked article costs one pass and a fixed one little more."""
        doc, current = original_doc, text
        applied: list[AppliedFix] = []
        findings = fixable_in_original()
        for _ in range(MAX_PASSES):
            chosen = [f for f in choose_fixes(ruleset.standing(findings), accept) if f.code not in refused]
            if not chosen:
                break
            edits = [(finding.code, finding.fix) for finding in chosen if finding.fix is not None]  # choose_fixes: all have one
            following = apply_edits(current, (edit for _, fix in edits for edit in fix.edits))
            applied = compose(current, applied, edits)
            current = following
            if deadline is not None:
                deadline.check()
            doc = parse_document(current, format)
            findings = findings_of(doc, fixing)
        running = frozenset(f.code for f in choose_fixes(ruleset.standing(findings), accept)) - refused
        findings += findings_of(doc, reporting, findings) if applied else reported_in_original()
        return current, doc, applied, findings, running

    current, doc, applied, findings, running = passes(frozenset())
    if running:
        # Fixes that keep changing the text (two rules undoing each other, a fix that re-creates its own match)
        # are not applied at all: the run starts again without them, and says so.
        current, doc, applied, findings, still = passes(running)
        if still:
            current, doc, applied = text, original_doc, []
            findings = original_findings()
        findings.append(_internal(
            doc, "X001", "fix-runaway",
            f"the fixes of {', '.join(sorted(running | still))} kept changing the text after {MAX_PASSES} passes; "
            "they are not applied",
        ))
    problem = verify(text, current, applied, original_doc, doc)
    if problem == MARKUP_CHANGED:
        # Text that is not markup only because of what a fix removes ("<b\x00>") would become markup: the
        # fixes that do it (found by halving the applied ones) are left out, and the others stand.
        refused = _markup_changing(text, applied, original_doc, format, deadline)
        position = located or LineIndex(text).position
        where = "; ".join(_described(fix, position) for fix in refused)
        kept = [fix for fix in applied if fix not in refused]
        if kept and len(kept) < len(applied):
            current = apply_edits(text, (edit for fix in kept for edit in fix.edits))
            doc = parse_document(current, format)
            problem = verify(text, current, kept, original_doc, doc)
            if not problem:
                internal = [finding for finding in findings if finding.code == "X001"]
                refusal = _internal(doc, "X002", "fix-verification-failed", f"{MARKUP_CHANGED}: not applied: {where}")
                # the next run names a fix it refuses where it is in the input, as this one does: the same fix
                # refused again is then said once (its place in the partly fixed text is not the input's)
                back = EditedOffsets(edit for fix in kept for edit in fix.edits)
                further = _fix_further(text, current, kept, original_doc, refusal, depth, lambda again: run_fix(
                    again, format, ruleset, config, accept, source, source_lang, suppress, deadline,
                    source_format=source_format, depth=depth + 1, located=lambda offset: position(back.start(offset)),
                ))
                if further is not None:
                    return Result(text, further.text, sorted_findings(ruleset.without_superseded(list(further.findings))), further.applied, format, warnings=context.warnings)
                findings = findings_of(doc, fixing)
                findings += findings_of(doc, reporting, findings) + internal
                findings.append(refusal)
                return Result(text, current, sorted_findings(ruleset.without_superseded(findings)), tuple(kept), format, warnings=context.warnings)
            problem = MARKUP_CHANGED
        if not kept and where:  # every fix applied was one that does it: say which
            problem = f"{MARKUP_CHANGED}: not applied: {where}"
    if problem:
        # Refuse the fix: the input comes back untouched, with the reason.
        findings = original_findings()
        findings.append(_internal(original_doc, "X002", "fix-verification-failed", problem))
        return Result(text, text, sorted_findings(ruleset.without_superseded(findings)), (), format, warnings=context.warnings)
    return Result(text, current, sorted_findings(ruleset.without_superseded(findings)), tuple(applied), format, warnings=context.warnings)


def _fix_further(
    text: str, current: str, kept: list[AppliedFix], original_doc: Document, refusal: Finding, depth: int,
    run: Callable[[str], Result],
) -> Result | None:
    """After a partial refusal (X002: some fixes left out, ``kept`` applied to give ``current``), the fixes the
    refused ones hid: one that lost the overlap to a refused fix, or whose text a refused fix would have made
    markup. Without this a second ``fix`` of the output still applied them. ``run`` fixes ``current`` again (the
    refused fixes are found and refused again there); its fixes are folded into ``kept``, and the whole is verified
    against the input once more. None when that run changes nothing, or when the whole would not verify (the caller
    keeps ``kept``). Bounded by ``MAX_PASSES`` runs."""
    if depth >= MAX_PASSES:
        return None
    again = run(current)
    if again.text == current or not again.applied:
        return None
    new = [(fix.codes, Fix(fix.edits, Applicability.SAFE, fix.title)) for fix in again.applied]
    applied = compose(current, kept, new)
    after = parse_document(again.text, original_doc.format)
    if verify(text, again.text, applied, original_doc, after) is not None:
        return None
    # one X002 for the whole: the first refusal's words, and the next run's when it refused something else too
    refusals = [finding.message.removeprefix(INTERNAL) for finding in (refusal, *again.findings) if finding.code == "X002"]
    findings = [finding for finding in again.findings if finding.code != "X002"]
    findings.append(_internal(after, "X002", "fix-verification-failed", _joined_refusals(refusals)))
    return Result(text, again.text, tuple(findings), tuple(applied), original_doc.format)


def _markup_changing(
    text: str, applied: list[AppliedFix], before: Document, format: str, deadline: Deadline | None
) -> list[AppliedFix]:
    """The applied fixes that change the markup outside the edited text, found by halving: a half
    that changes nothing alone holds none; a group whose halves change nothing alone changes it only
    as a whole, and is refused whole. Edits of applied fixes never overlap, so any of them apply alone."""

    def changes_markup(group: list[AppliedFix]) -> bool:
        if deadline is not None:
            deadline.check()
        output = apply_edits(text, (edit for fix in group for edit in fix.edits))
        return verify(text, output, group, before, parse_document(output, format)) is not None

    def culprits(group: list[AppliedFix]) -> list[AppliedFix]:
        if len(group) == 1:
            return group
        half = len(group) // 2
        found = [
            fix for part in (group[:half], group[half:]) if changes_markup(part) for fix in culprits(part)
        ]
        return found or group

    return culprits(applied)


def _joined_refusals(messages: Iterable[str]) -> str:
    """Refusals in one message, each refused fix named once (runs after a partial refusal find it again).

    >>> _joined_refusals([f"{MARKUP_CHANGED}: not applied: C203 at 1:28 (Remove “x”)",
    ...                   f"{MARKUP_CHANGED}: not applied: C203 at 1:28 (Remove “x”); C401 at 2:1 (Replace with “a; b”)"])
    'the markup outside the edited text would change: not applied: C203 at 1:28 (Remove “x”); C401 at 2:1 (Replace with “a; b”)'
    """
    prefix = f"{MARKUP_CHANGED}: not applied: "
    fixes: dict[str, None] = {}
    others: dict[str, None] = {}
    for message in messages:
        if message.startswith(prefix):
            fixes.update(dict.fromkeys(_REFUSED_FIX_SEPARATOR.split(message.removeprefix(prefix))))
        else:
            others[message] = None
    return "; ".join(([prefix + "; ".join(fixes)] if fixes else []) + list(others))


# Between two refused fixes of a message (:func:`_described`): "…)" then "; " then "C401 at 1:5 (" or "TR101, C204 at 2:3 ("
_REFUSED_FIX_SEPARATOR = re.compile(r"(?<=\)); (?=[A-Z]+[0-9]+(?:, [A-Z]+[0-9]+)* at [0-9]+:[0-9]+ \()")


def _described(fix: AppliedFix, position: Callable[[int], tuple[int, int]]) -> str:
    """An applied fix for a message: its rules, where it starts in the input, and what it does."""
    line, column = position(fix.edits[0].start)
    return f"{', '.join(fix.codes)} at {line}:{column} ({fix.title})"


# Drops suppressed findings: called with a document's source and its findings on every pass.
Suppress = Callable[[str, list[Finding]], list[Finding]]


INTERNAL = "internal error: "  # how the message of an X finding starts


def _internal(doc: Document, code: str, name: str, message: str) -> Finding:
    return Finding(code, name, Severity.ERROR, f"{INTERNAL}{message}", Span(0, 0), 1, 1, "", None)


def choose_fixes(findings: Iterable[Finding], accept: frozenset[Applicability]) -> list[Finding]:
    """Non-overlapping fixes, deterministically: leftmost first, then the wider, then by code."""
    candidates = [f for f in findings if f.fix and f.fix.edits and f.fix.applicability in accept]
    candidates.sort(key=lambda f: (f.fix.edits[0].start, -(f.fix.edits[-1].end - f.fix.edits[0].start), f.code))  # type: ignore[union-attr]
    taken = Taken()
    chosen = []
    for finding in candidates:
        spans = [edit.span for edit in finding.fix.edits]  # type: ignore[union-attr]
        if any(taken.overlaps(span) for span in spans):
            continue  # the loser is found again, and fixed, in the next pass
        for span in spans:
            taken.add(span)
        chosen.append(finding)
    return chosen


class Taken:
    """Spans that overlap none of each other (:meth:`Span.overlaps`; a fix's own edits never do), kept
    in order: a new span is tested against its two neighbours only, so choosing n fixes takes n log n,
    not n²."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[Span] = []

    def overlaps(self, span: Span) -> bool:
        """Whether ``span`` overlaps a taken span. Taken spans overlap none of each other, so they end
        in the order they start: only the last one starting before ``span`` and the first one starting
        at or after it can overlap it."""
        index = bisect.bisect_left(self._starts, span.start)
        return any(
            self._spans[i].overlaps(span) for i in (index - 1, index) if 0 <= i < len(self._spans)
        )

    def add(self, span: Span) -> None:
        index = bisect.bisect_left(self._starts, span.start)
        self._starts.insert(index, span.start)
        self._spans.insert(index, span)


def compose(base: str, applied: list[AppliedFix], new: Sequence[tuple[str | tuple[str, ...], Fix]]) -> list[AppliedFix]:
    """Fold fixes made on ``base`` (already the result of ``applied``) into the applied list,
    keeping every edit in the coordinates of the original input.

    ``applied`` edits live in original coordinates; ``new`` edits in those of ``base``.
    A new edit that touches an earlier one is merged with it.
    """
    # Each earlier edit, located in base coordinates.
    located: list[tuple[int, int, Edit, AppliedFix]] = []
    shift = 0
    for item in sorted(((edit, fix) for fix in applied for edit in fix.edits), key=lambda pair: (pair[0].start, pair[0].end)):
        edit, fix = item
        start = edit.start + shift
        located.append((start, start + len(edit.replacement), edit, fix))
        shift += len(edit.replacement) - (edit.end - edit.start)
    # (start, end, "old", (edit, its AppliedFix)) or (start, end, "new", (edit, codes, title)).
    intervals: list[tuple[int, int, str, tuple[Edit, AppliedFix] | tuple[Edit, tuple[str, ...], str]]]
    intervals = [(s, e, "old", (edit, fix)) for s, e, edit, fix in located]
    for code, new_fix in new:
        codes_of = (code,) if isinstance(code, str) else code
        for edit in new_fix.edits:
            intervals.append((edit.start, edit.end, "new", (edit, codes_of, new_fix.title)))
    intervals.sort(key=lambda item: (item[0], item[1], item[2] == "new"))
    clusters: list[list[tuple[int, int, str, tuple[Edit, AppliedFix] | tuple[Edit, tuple[str, ...], str]]]] = []
    cluster_end, cluster_has_new = -1, False  # the last cluster's end, and whether it holds a new edit
    for interval in intervals:
        is_new = interval[2] == "new"
        if clusters and interval[0] <= cluster_end and (is_new or cluster_has_new):
            clusters[-1].append(interval)
            cluster_end, cluster_has_new = max(cluster_end, interval[1]), cluster_has_new or is_new
        else:
            clusters.append([interval])
            cluster_end, cluster_has_new = interval[1], is_new
    back = EditedOffsets(edit for _, _, edit, _ in located)
    result: list[AppliedFix] = []
    untouched: dict[int, list[Edit]] = {}
    fixes_by_id: dict[int, AppliedFix] = {}
    for cluster in clusters:
        if all(i[2] == "old" for i in cluster):
            for _, _, _, payload in cluster:
                if len(payload) == 2:  # every "old" interval's
                    edit, fix = payload
                    untouched.setdefault(id(fix), []).append(edit)
                    fixes_by_id[id(fix)] = fix
            continue
        if len(cluster) == 1:  # one new edit touching no earlier one: most fixes
            start, end, _, (edit, new_codes, title) = cluster[0]  # type: ignore[misc]
            span = Span(back.bound(start, is_end=False), back.bound(end, is_end=True))
            result.append(AppliedFix(new_codes, title, (Edit(span, edit.replacement),)))
            continue
        start = min(i[0] for i in cluster)
        end = max(i[1] for i in cluster)
        pieces = sorted((i for i in cluster if i[2] == "new"), key=lambda i: i[0])
        replacement = apply_edits(
            base[start:end], (Edit(Span(e.start - start, e.end - start), e.replacement) for e in (i[3][0] for i in pieces))
        )
        codes: list[str] = []
        titles: list[str] = []
        for interval in cluster:
            payload = interval[3]
            if len(payload) == 2:  # an "old" interval
                fix = payload[1]
                codes.extend(fix.codes)
                titles.append(fix.title)
            else:
                codes.extend(payload[1])
                titles.append(payload[2])
        original_start = back.bound(start, is_end=False)
        original_end = back.bound(end, is_end=True)
        result.append(AppliedFix(tuple(dict.fromkeys(codes)), "; ".join(dict.fromkeys(titles)), (Edit(Span(original_start, original_end), replacement),)))
    for key, edits in untouched.items():
        fix = fixes_by_id[key]
        result.append(AppliedFix(fix.codes, fix.title, tuple(edits)))
    result.sort(key=lambda fix: (fix.edits[0].start, fix.codes))
    return result


# The title of a block removal that takes the block's text and leaves the scripts and styles in it
TEXT_REMOVAL = "Remove this paragraph's text"

# What verify says of a fix that would change the markup outside the text it edits
MARKUP_CHANGED = "the markup outside the edited text would change"


def verify(original: str, output: str, applied: list[AppliedFix], before: Document, after: Document) -> str | None:
    replay = apply_edits(original, (edit for fix in applied for edit in fix.edits))
    if replay != output:
        return "replaying the applied edits does not reproduce the output"
    removed = sorted(edit.span for fix in applied for edit in fix.edits)  # apart: the edits never overlap
    starts = [span.start for span in removed]

    def edited(offset: int) -> bool:
        at = bisect.bisect_right(starts, offset) - 1  # the last edit starting at or before the offset
        return at >= 0 and offset < removed[at].end

    expected = [item for offset, item in before.skeleton() if not edited(offset)]
    if expected != [item for _, item in after.skeleton()]:
        return MARKUP_CHANGED
    return None


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.rule.path}:{self.line}: rule {self.rule.code}: {self.problem}"


def example_failures(rule: Rule) -> list[ExampleFailure]:
    """Run a rule's own examples: bad text is flagged and fixed to good, ok text is left alone."""
    ruleset = RuleSet([rule])
    config = Config()
    everything = frozenset(Applicability)
    failures = []
    for example in rule.examples:
        source = (example.source, example.source_lang)
        try:
            if example.bad is not None:
                found = run_check(example.bad, example.format, ruleset, config, *source).findings
                if not found:
                    failures.append(ExampleFailure(rule, example.line, f"bad example not flagged: {example.bad!r}"))
                    continue
                if example.good is not None:
                    result = run_fix(example.bad, example.format, ruleset, config, everything, *source)
                    fixed = result.text
                    if fixed != example.good:
                        # a fix refused whole (X001: it re-creates its own match; X002) says why, or the text alone
                        why = next((f" ({f.message})" for f in result.findings if f.code in ("X001", "X002")), "")
                        failures.append(ExampleFailure(
                            rule, example.line, f"fixing {example.bad!r} gave {fixed!r}, expected {example.good!r}{why}"
                        ))
                    elif run_check(example.good, example.format, ruleset, config, *source).findings:
                        failures.append(ExampleFailure(rule, example.line, f"good example still flagged: {example.good!r}"))
            if example.ok is not None:
                flagged = run_check(example.ok, example.format, ruleset, config, *source).findings
                if flagged:
                    failures.append(
                        ExampleFailure(rule, example.line, f"ok example flagged at column {flagged[0].column}: {example.ok!r}")
                    )
        except RuleError:
            raise  # the rule itself is wrong (an option its check refuses), not one of its examples
        except CopyeditError as error:
            failures.append(ExampleFailure(rule, example.line, str(error)))
    return failures


def _user_rules(path: str) -> list[Rule]:
    """The rules of a user rule file or folder, whose examples passed (one whose examples fail cannot
    load): parsed and verified when its files are new to this copyedit, else from the rule cache."""
    files = read_rule_files(path)
    kept = kept_rules(files)
    if kept is not None:
        return kept
    rules = files.parse()
    verify_examples(rules)
    keep_verified(files, rules)
    return rules


def keep_verified(files: RuleFiles, rules: list[Rule]) -> None:
    """Keep the rules parsed from ``files``, whose examples passed, in the rule cache for the next start."""
    from .checks import BUILTIN_CHECKS
    from .kinds.python import PythonOptions
    from .rule_cache import cache_dir, package_fingerprint, write_user_rules

    folder = cache_dir()
    # A check from another package may change without changing this copyedit: its rules are judged anew.
    if folder is not None and all(
        not isinstance(rule.options, PythonOptions) or rule.options.check in BUILTIN_CHECKS for rule in rules
    ):
        write_user_rules(folder, package_fingerprint(), files.digest, rules)


def verify_examples(rules: Iterable[Rule]) -> None:
    """A user rule whose examples fail cannot load (as prh does with its specs)."""
    for rule in rules:
        failures = example_failures(rule)
        if failures:
            first = failures[0]
            raise RuleError(rule.path, first.line, rule.code, f"example fails: {first.problem}")
