"""An editor's decisions on an article's suggestions: apply them, log them, calibrate the rules from them.

A :class:`Decision` names a finding by its rule code and its span in the body as sent, and says
``accepted`` (apply the rule's fix), ``rejected`` (leave the text) or ``edited`` (apply the
editor's own replacement); ``kept`` records a safe fix applied by default that the editor left
applied, which is no decision to apply but counts for its rule in :func:`calibrate`.
:func:`apply_decisions` applies exactly the decisions, plus the safe fixes nobody decided on,
verifies the result as ``fix`` does, and reports what is left.

The review page writes a **decision log**, one JSON object per line — ``rule``, ``span``,
``text``, ``suggestion``, ``applicability``, ``decision``, ``replacement``, ``article``,
``time`` — and the pre-publish hook takes the same objects. :func:`calibrate` turns a log
into each rule's acceptance rate and the fix safety and severity the evidence allows, by the
thresholds of :mod:`copyedit.evidence`.

>>> from copyedit.config import Config
>>> from copyedit import engine
>>> config = Config()
>>> text = "The CSTO is a mid-government alliance. They they left."
>>> result, left = apply_decisions(text, "text", engine.ruleset_for(config), config,
...     [parse_decision({"rule": "TR101", "span": [12, 28], "decision": "edited", "replacement": "an interstate"}),
...      parse_decision({"rule": "C401", "span": [39, 48], "decision": "rejected"})])
>>> result.text, [f.code for f in left]
('The CSTO is an interstate alliance. They they left.', [])
"""

from __future__ import annotations

import bisect
import copy
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from . import engine, toml_reader
from .config import Config
from .document import Document
from .errors import CopyeditError
from .evidence import BLOCK_PRECISION, FLAG_MIN, FLAG_PRECISION, SAFE_JUDGED, SAFE_PRECISION
from .model import Applicability, AppliedFix, Edit, EditedOffsets, Finding, Fix, Result, Severity, Span, apply_edits, sorted_findings

DECISIONS = ("accepted", "rejected", "edited", "kept")
# The keys of one decision-log line; the hook takes the same objects.
LOG_KEYS = ("rule", "span", "text", "suggestion", "applicability", "decision", "replacement", "article", "time")


class DecisionError(CopyeditError):
    """A decision that is malformed or does not fit the article; ``field`` names it (``decisions[2]``)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


@dataclass(frozen=True, slots=True)
class Decision:
    """What an editor decided about the finding of ``rule`` at ``span`` (in the body as sent)."""

    rule: str
    span: Span
    decision: str
    replacement: str | None = None  # the editor's text, for "edited"; the applied fix's, for "accepted"


def parse_decision(data: Any, field: str = "decision") -> Decision:
    """One decision from a log line or a hook request; :class:`DecisionError` names the bad key.

    >>> parse_decision({"rule": "TR101", "span": [3, 9], "decision": "rejected", "time": "2026-01-01T00:00:00Z"})
    Decision(rule='TR101', span=Span(start=3, end=9), decision='rejected', replacement=None)
    >>> parse_decision({"rule": "TR101", "span": [3, 9], "decision": "edited"})
    Traceback (most recent call last):
    ...
    copyedit.decisions.DecisionError: decision.replacement: an edited decision needs the editor's replacement text
    """
    if not isinstance(data, Mapping):
        raise DecisionError(field, "must be an object with rule, span and decision")
    unknown = sorted(set(data) - set(LOG_KEYS))
    if unknown:
        raise DecisionError(f"{field}.{unknown[0]}", f"unknown key (known keys: {', '.join(LOG_KEYS)})")
    rule, span, decision, replacement = data.get("rule"), data.get("span"), data.get("decision"), data.get("replacement")
    if not isinstance(rule, str) or not rule:
        raise DecisionError(f"{field}.rule", "must be a rule code")
    if not (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in span)
        and 0 <= span[0] <= span[1]
    ):
        raise DecisionError(f"{field}.span", "must be [start, end]: character offsets in the body as sent")
    if decision not in DECISIONS:
        raise DecisionError(f"{field}.decision", f"must be one of {', '.join(DECISIONS)}")
    if replacement is not None and not isinstance(replacement, str):
        raise DecisionError(f"{field}.replacement", "must be a string")
    if decision == "edited" and replacement is None:
        raise DecisionError(f"{field}.replacement", "an edited decision needs the editor's replacement text")
    return Decision(rule, Span(span[0], span[1]), decision, replacement)


def parse_decisions(value: Any, field: str = "decisions") -> tuple[Decision, ...]:
    if not isinstance(value, list):
        raise DecisionError(field, "must be an array of decisions")
    return tuple(parse_decision(item, f"{field}[{index}]") for index, item in enumerate(value))


def apply_decisions(
    text: str,
    format: str,
    ruleset: engine.RuleSet,
    config: Config,
    decisions: Sequence[Decision],
    source: str | None = None,
    source_lang: str | None = None,
    deadline: engine.Deadline | None = None,
    checked: Result | None = None,
    source_format: str | None = None,
) -> tuple[Result, tuple[Finding, ...]]:
    """Apply the editor's decisions and the undecided safe fixes to ``text`` in one verified step.

    Returns the result (its findings point into the corrected text) and the findings nobody
    decided on, which a verdict should judge. Raises :class:`DecisionError` for a decision that
    names no finding of the body, accepts a finding without a fix, overlaps another accepted
    edit, or would change the markup outside the edited text. ``checked`` is the
    :func:`engine.run_check` result of ``text`` if the caller has it; ``source_format`` the source's format (None:
    ``format``).
    """
    if checked is None:
        checked = engine.run_check(
            text, format, ruleset, config, source, source_lang, deadline=deadline, source_format=source_format
        )
    before = engine.parse_document(text, format)
    by_key: dict[tuple[str, int, int], Finding] = {}
    for finding in checked.findings:
        by_key.setdefault((finding.code, finding.span.start, finding.span.end), finding)
    decided: list[tuple[Finding, Decision, int]] = []
    first_decision: dict[tuple[str, int, int], int] = {}
    for index, decision in enumerate(decisions):
        if decision.decision == "kept":
            continue  # a safe fix left applied by default: undecided, it is applied as such
        key = (decision.rule, decision.span.start, decision.span.end)
        found = by_key.get(key)
        if found is None:
            raise DecisionError(
                f"decisions[{index}]",
                f"no {decision.rule} finding at {decision.span.start}-{decision.span.end} of this body "
                "(decisions are made on the body as sent)",
            )
        if key in first_decision:
            first = decisions[first_decision[key]]
            if (first.decision, first.replacement) != (decision.decision, decision.replacement):
                # accepted and rejected, or edited two ways: which one stands is not ours to guess
                raise DecisionError(
                    f"decisions[{index}]",
                    f"the {decision.rule} finding at {decision.span.start}-{decision.span.end} is decided otherwise"
                    f" in decisions[{first_decision[key]}]; decide each finding once",
                )
            continue  # the same decision again
        first_decision[key] = index
        decided.append((found, decision, index))
    changes: list[tuple[AppliedFix, int | None]] = []
    for finding, decision, index in decided:
        edit = _decided_edit(finding, decision, before, f"decisions[{index}]")
        if edit is not None:
            title = finding.fix.title if decision.decision == "accepted" and finding.fix else f"Edited: “{decision.replacement}”"
            changes.append((AppliedFix((finding.code,), title, (edit,)), index))
    _refuse_overlaps(changes)  # the editor's edits overlap none of each other from here on
    taken = engine.Taken()
    for applied_fix, _ in changes:
        for edit in applied_fix.edits:
            taken.add(edit.span)
    decided_findings = {id(finding) for finding, _, _ in decided}
    undecided = [finding for finding in checked.findings if id(finding) not in decided_findings]
    for finding in engine.choose_fixes(undecided, engine.accepted()):
        assert finding.fix is not None
        if not any(taken.overlaps(edit.span) for edit in finding.fix.edits):
            changes.append((AppliedFix((finding.code,), finding.fix.title, finding.fix.edits), None))
            for edit in finding.fix.edits:
                taken.add(edit.span)
    applied = sorted((fix for fix, _ in changes), key=lambda fix: (fix.edits[0].start, fix.codes))
    output = apply_edits(text, (edit for fix in applied for edit in fix.edits))
    problem = engine.verify(text, output, applied, before, engine.parse_document(output, format))
    if problem:
        raise DecisionError("decisions", f"refused: {problem}")
    mapped = EditedOffsets(edit for fix in applied for edit in fix.edits)
    regions = _Regions((finding.code, mapped.edited_span(finding.span)) for finding, _, _ in decided)
    remaining = engine.run_check(
        output, format, ruleset, config, source, source_lang, deadline=deadline, source_format=source_format
    ).findings
    left = tuple(f for f in remaining if not regions.overlapped(f.code, f.span))
    return Result(text, output, sorted_findings(left), tuple(applied), format, warnings=checked.warnings), left


def replaced_span(finding: Finding) -> Span:
    """What an accepted or edited decision on ``finding`` replaces in the body as sent: the range its fix's edits
    cover, from the first edit's start to the last one's end, which may be smaller than the finding's span (C401's
    span is "They they", its fix removes " they"); the finding's span when it has no fix.

    >>> doubled = Finding("C401", "doubled-word", Severity.WARNING, "", Span(0, 9), 1, 1, "They they",
    ...                   Fix((Edit(Span(4, 9), ""),), Applicability.UNSAFE, "Remove"))
    >>> replaced_span(doubled), replaced_span(Finding("LQ201", "n", Severity.INFO, "", Span(3, 5), 1, 4, "13"))
    (Span(start=4, end=9), Span(start=3, end=5))
    """
    edits = finding.fix.edits if finding.fix else ()
    return Span(edits[0].start, edits[-1].end) if edits else finding.span


def suggestion(doc: Document, fix: Fix | None) -> str | None:
    """What a fix puts in place of the range its edits cover, as text (its edits are in source syntax): what the
    review page shows, and what an accepted decision's ``replacement`` says. None for a fix without edits, or
    one that keeps markup between its edits (no text says that).

    >>> from copyedit.engine import parse_document
    >>> curled = Fix((Edit(Span(11, 17), "&ldquo;"), Edit(Span(24, 30), "&rdquo;")), Applicability.SAFE, "Curl the quotes")
    >>> suggestion(parse_document("<p>He said &quot;R&amp;D&quot; now</p>", "html"), curled)
    '“R&D”'
    >>> print(suggestion(parse_document("<p>He said &quot;<b></b>&quot; now</p>", "html"), curled))
    None
    """
    if fix is None or not fix.edits:
        return None
    if any(_holds_markup(doc, Span(before.end, after.start)) for before, after in itertools.pairwise(fix.edits)):
        return None
    return doc.decode(_joined(doc.source, fix.edits))


def _decided_edit(finding: Finding, decision: Decision, doc: Document, field: str) -> Edit | None:
    edits = finding.fix.edits if finding.fix else ()
    if decision.decision == "rejected":
        return None
    if decision.decision == "accepted":
        if not edits:
            raise DecisionError(field, f"the {finding.code} finding has no fix to accept: reject it or edit it")
        if decision.replacement is not None and decision.replacement != suggestion(doc, finding.fix):
            raise DecisionError(f"{field}.replacement", "differs from the rule's fix: an editor's own text is 'edited'")
        return edits[0] if len(edits) == 1 else Edit(Span(edits[0].start, edits[-1].end), _joined(doc.source, edits))
    assert decision.replacement is not None
    span = replaced_span(finding)
    if _holds_markup(doc, span):
        raise DecisionError(field, f"the {finding.code} finding spans markup: an editor's text may replace prose only")
    return Edit(span, doc.encode(decision.replacement, span))  # the editor's text, written in the source's syntax


def _holds_markup(doc: Document, span: Span) -> bool:
    return any(span.start <= offset < span.end for offset, _ in doc.skeleton())


def _joined(source: str, edits: Sequence[Edit]) -> str:
    """Several edits of one fix as one replacement of the range they cover."""
    first = edits[0].start
    return apply_edits(source[first : edits[-1].end], (Edit(Span(e.start - first, e.end - first), e.replacement) for e in edits))


def _refuse_overlaps(changes: list[tuple[AppliedFix, int | None]]) -> None:
    """Two accepted edits may not touch the same text (undecided safe fixes already give way)."""
    located = sorted((edit.span, -1 if index is None else index) for fix, index in changes for edit in fix.edits)
    for (span, index), (following, other) in itertools.pairwise(located):
        if span.overlaps(following):
            first, second = sorted((index, other), key=lambda i: (i < 0, i))
            raise DecisionError(f"decisions[{first}]", f"overlaps the edit of decisions[{second}]: accept only one of them")


class _Regions:
    """Spans by rule code, asked whether a finding of that code overlaps one (:meth:`Span.overlaps`)."""

    def __init__(self, regions: Iterable[tuple[str, Span]]) -> None:
        by_code: dict[str, list[Span]] = {}
        for code, span in regions:
            by_code.setdefault(code, []).append(span)
        self.starts: dict[str, list[int]] = {}
        self.reach: dict[str, list[int]] = {}  # the furthest end of the spans up to each one
        for code, spans in by_code.items():
            spans.sort()
            self.starts[code] = [span.start for span in spans]
            self.reach[code] = list(itertools.accumulate((span.end for span in spans), max))

    def overlapped(self, code: str, span: Span) -> bool:
        starts = self.starts.get(code)
        if not starts:
            return False
        before = bisect.bisect_left(starts, span.end)  # the spans that start before this one ends
        if before and self.reach[code][before - 1] > span.start:
            return True
        at = bisect.bisect_left(starts, span.start)
        return at < len(starts) and starts[at] == span.start


# --- calibration ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleCounts:
    """How editors decided one rule's suggestions. ``kept``: its safe fix, applied by default, left
    applied; it counts as taken, as an undone one counts as rejected, so that a safe rule is judged
    on every time an editor saw its fix, not on its rejections alone."""

    rule: str
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    kept: int = 0

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected + self.kept

    @property
    def taken(self) -> int:
        return self.accepted + self.kept

    @property
    def acceptance(self) -> float:
        """Fixes taken as proposed (accepted, or kept as applied): the fix's precision in this newsroom."""
        return self.taken / self.decided if self.decided else 0.0

    @property
    def agreement(self) -> float:
        """Findings the editor acted on (accepted, kept or rewrote): the flag's precision."""
        return (self.taken + self.edited) / self.decided if self.decided else 0.0


@dataclass(frozen=True, slots=True)
class Calibration:
    """One rule's counts, its fix safety and severity now, and what the evidence makes them."""

    counts: RuleCounts
    applicability: Applicability | None
    severity: Severity
    new_applicability: Applicability | None
    new_severity: Severity


@dataclass(frozen=True, slots=True)
class Logged:
    """A decision as logged: with the article it was made in, the finding's text and when it was exported."""

    decision: Decision
    article: str | None = None
    text: str | None = None
    time: str | None = None

    @property
    def finding(self) -> tuple[str, str, int, int, str | None] | None:
        """What the decision is about: the finding of one article (rule, span, text). None without an article."""
        if self.article is None:
            return None
        return (self.article, self.decision.rule, self.decision.span.start, self.decision.span.end, self.text)


def read_logged(lines: Iterable[str], name: str = "decisions") -> list[Logged]:
    """The decisions of a JSON Lines log (blank lines skipped); :class:`DecisionError` names the line."""
    logged = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:  # JSONDecodeError, or an integer of more digits than Python converts
            raise DecisionError(f"{name}:{number}", f"not JSON: {error}") from None
        decision = parse_decision(data, f"{name}:{number}")
        article, text, time = (data.get(key) for key in ("article", "text", "time"))
        logged.append(
            Logged(decision, *(value if isinstance(value, str) else None for value in (article, text, time)))
        )
    return logged


def deduplicate(logged: Sequence[Logged]) -> tuple[list[Decision], int]:
    """One decision per finding of an article, and how many records were left out: a log appended twice,
    given twice, or an article exported again (after a change of mind) decides each finding once, by
    its latest record (the latest ``time``; at equal times, the later line). A finding is the article,
    the rule, the span and the finding's text; a record without an article cannot be told apart from
    another article's and always counts.

    >>> first = Logged(Decision("C401", Span(8, 15), "rejected"), "a.txt", "the the", "2026-12-01T10:00:00Z")
    >>> again = Logged(Decision("C401", Span(8, 15), "accepted"), "a.txt", "the the", "2026-12-02T09:00:00Z")
    >>> other = Logged(Decision("C401", Span(8, 15), "rejected"), "b.txt", "the the", "2026-12-01T10:00:00Z")
    >>> deduplicate([first, again, first, other])
    ([Decision(rule='C401', span=Span(start=8, end=15), decision='accepted', replacement=None), Decision(rule='C401', span=Span(start=8, end=15), decision='rejected', replacement=None)], 2)
    """
    latest: dict[object, tuple[str, int, Decision]] = {}
    for number, record in enumerate(logged):
        key: object = record.finding if record.finding is not None else number
        seen = latest.get(key)
        if seen is None or (record.time or "") >= seen[0]:
            latest[key] = (record.time or "", seen[1] if seen else number, record.decision)
    chosen = sorted(latest.values(), key=lambda item: item[1])  # in the order the findings first appear
    return [decision for _, _, decision in chosen], len(logged) - len(chosen)


def count(decisions: Iterable[Decision]) -> list[RuleCounts]:
    """Decisions per rule, by rule code.

    >>> d = [Decision("A1", Span(0, 1), "accepted"), Decision("A1", Span(2, 3), "rejected"), Decision("B2", Span(0, 1), "edited", "x")]
    >>> [(c.rule, c.accepted, c.edited, c.rejected, c.kept) for c in count(d + [Decision("A1", Span(4, 5), "kept")])]
    [('A1', 1, 0, 1, 1), ('B2', 0, 1, 0, 0)]
    """
    tally: dict[str, dict[str, int]] = {}
    for decision in decisions:
        tally.setdefault(decision.rule, dict.fromkeys(DECISIONS, 0))[decision.decision] += 1
    return [RuleCounts(rule, t["accepted"], t["edited"], t["rejected"], t["kept"]) for rule, t in sorted(tally.items())]


def reclassify(counts: RuleCounts, applicability: Applicability | None, severity: Severity) -> Calibration:
    """The fix safety and severity a rule's decisions allow, by the thresholds of :mod:`copyedit.evidence`.

    A fix is safe when at least ``SAFE_PRECISION`` of at least ``SAFE_JUDGED`` decisions took it
    as proposed, and unsafe when that many decisions took it less often; a display-only fix
    stays display-only. Severity only goes down: below ``BLOCK_PRECISION`` over ``SAFE_JUDGED``
    decisions an error becomes a warning, and below ``FLAG_PRECISION`` over ``FLAG_MIN`` the
    rule becomes info. Fewer decisions change nothing.

    >>> reclassify(RuleCounts("TR101", rejected=40), Applicability.SAFE, Severity.WARNING).new_applicability
    <Applicability.UNSAFE: 'unsafe'>
    >>> reclassify(RuleCounts("TR101", accepted=49, edited=1), Applicability.UNSAFE, Severity.ERROR).new_applicability
    <Applicability.SAFE: 'safe'>
    >>> reclassify(RuleCounts("TR101", accepted=29), Applicability.UNSAFE, Severity.WARNING).new_applicability
    <Applicability.UNSAFE: 'unsafe'>
    """
    new_applicability = applicability
    if applicability in (Applicability.SAFE, Applicability.UNSAFE) and counts.decided >= SAFE_JUDGED:
        new_applicability = Applicability.SAFE if counts.acceptance >= SAFE_PRECISION else Applicability.UNSAFE
    new_severity = severity
    if severity is Severity.ERROR and counts.decided >= SAFE_JUDGED and counts.agreement < BLOCK_PRECISION:
        new_severity = Severity.WARNING
    if counts.decided >= FLAG_MIN and counts.agreement < FLAG_PRECISION:
        new_severity = Severity.INFO
    return Calibration(counts, applicability, severity, new_applicability, new_severity)


def calibrate(decisions: Iterable[Decision], ruleset: engine.RuleSet) -> tuple[list[Calibration], list[RuleCounts]]:
    """Reclassify every rule of ``ruleset`` (its rules carry the configuration's overrides) that has decisions;
    the counts of rules it does not hold come second, uncounted (the caller names them)."""
    calibrations, unknown = [], []
    for counts in count(decisions):
        rule = ruleset.by_code.get(counts.rule)
        if rule is not None:
            calibrations.append(reclassify(counts, rule.applicability, rule.severity))
        else:
            unknown.append(counts)
    return calibrations, unknown


def changes(calibrations: Sequence[Calibration]) -> dict[str, list[tuple[str, str, str]]]:
    """The configuration's keys the decisions change, by table: (rule, value, the counts behind it)."""
    tables: dict[str, list[tuple[str, str, str]]] = {"applicability": [], "severity": []}
    for c in calibrations:
        n = c.counts
        if c.new_applicability is not None and c.new_applicability != c.applicability:
            was = c.applicability.value if c.applicability else "none"
            taken = f"{n.taken} of {n.decided} accepted{' or kept' if n.kept else ''}"
            tables["applicability"].append((n.rule, c.new_applicability.value, f"{taken} ({n.acceptance:.1%}); was {was}"))
        if c.new_severity != c.severity:
            acted = f"{n.taken + n.edited} of {n.decided} accepted{', kept' if n.kept else ''} or edited"
            tables["severity"].append((n.rule, c.new_severity.value, f"{acted} ({n.agreement:.1%}); was {c.severity.value}"))
    return tables


def _key_line(rule: str, value: str, why: str) -> str:
    return f'{rule} = "{value}"  # {why}'


def configuration(calibrations: Sequence[Calibration], log_name: str) -> str:
    """A ``copyedit.toml`` fragment with the changed rules, each line with the counts behind it.

    >>> c = reclassify(RuleCounts("TR101", rejected=40), Applicability.SAFE, Severity.WARNING)
    >>> print(configuration([c], "decisions.jsonl"), end="")
    # Written by `copyedit calibrate decisions.jsonl`: what editors' decisions make of each rule's
    # fix safety (safe needs >= 0.98 of >= 30 decisions accepted) and severity. Merge into copyedit.toml
    # with `-o copyedit.toml`, which changes these keys only.
    <BLANKLINE>
    [applicability]
    TR101 = "unsafe"  # 0 of 40 accepted (0.0%); was safe
    <BLANKLINE>
    [severity]
    TR101 = "info"  # 0 of 40 accepted or edited (0.0%); was warning
    """
    tables = changes(calibrations)
    lines = [
        f"# Written by `copyedit calibrate {log_name}`: what editors' decisions make of each rule's",
        f"# fix safety (safe needs >= {SAFE_PRECISION} of >= {SAFE_JUDGED} decisions accepted) and severity. Merge into copyedit.toml",
        "# with `-o copyedit.toml`, which changes these keys only.",
    ]
    for table, keys in tables.items():
        lines += ["", f"[{table}]", *(_key_line(*key) for key in keys)]
    return "\n".join(lines) + "\n"


class MergeError(CopyeditError):
    """A configuration file that :func:`merge_configuration` cannot change safely."""


def merge_configuration(text: str, calibrations: Sequence[Calibration], pyproject: bool = False) -> str:
    """``text``, a ``copyedit.toml`` (or, with ``pyproject``, a ``pyproject.toml``, whose tables are
    ``[tool.copyedit.…]``), with the keys the decisions change set in its ``[applicability]`` and
    ``[severity]`` tables: a key's line is replaced, a new key goes after the table's last key, a
    missing table is added at the end. Every other line stays as it was, comments too. The result is
    read back: anything but the old configuration with exactly those keys changed (a table written
    inline or as dotted keys, which this does not edit) raises :class:`MergeError`.

    >>> c = reclassify(RuleCounts("TR101", rejected=40), Applicability.SAFE, Severity.WARNING)
    >>> house = 'fail-on = "info"  # house rule\\n\\n[applicability]\\nNM101 = "safe"\\nTR101 = "safe"  # 2025\\n\\n[policy]\\nblock-on = "error"\\n'
    >>> print(merge_configuration(house, [c]), end="")
    fail-on = "info"  # house rule
    <BLANKLINE>
    [applicability]
    NM101 = "safe"
    TR101 = "unsafe"  # 0 of 40 accepted (0.0%); was safe
    <BLANKLINE>
    [policy]
    block-on = "error"
    <BLANKLINE>
    [severity]
    TR101 = "info"  # 0 of 40 accepted or edited (0.0%); was warning
    >>> merge_configuration('applicability = { NM101 = "safe" }\\n', [c])
    Traceback (most recent call last):
    ...
    copyedit.decisions.MergeError: its applicability table is not written as a [applicability] table of its own lines; ...
    """
    try:
        before = toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as error:
        raise MergeError(f"invalid TOML: {error}") from None
    prefix = ("tool", "copyedit") if pyproject else ()
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"  # the file's own line ends
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    expected = copy.deepcopy(before)
    for table, keys in changes(calibrations).items():
        if not keys:
            continue
        path = (*prefix, table)
        name = ".".join(path)
        target: dict[str, Any] = expected
        for part in path:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise MergeError(f"{name} must be a table")
        target.update((rule, value) for rule, value, _ in keys)
        _merge_table(lines, path, keys, newline)
        try:
            after = toml_reader.loads("".join(lines))
        except toml_reader.TOMLDecodeError:
            after = None
        if after != expected:
            raise MergeError(
                f"its {name} table is not written as a [{name}] table of its own lines; "
                "write the calibration to another file with -o and merge it by hand"
            )
    return "".join(lines)


def _merge_table(lines: list[str], path: tuple[str, ...], keys: Sequence[tuple[str, str, str]], newline: str) -> None:
    """Set ``keys`` in the table ``path`` of a TOML file's ``lines``, in place."""
    part = r"\s*\.\s*".join(rf"(?:{regex.escape(name)}|\"{regex.escape(name)}\"|'{regex.escape(name)}')" for name in path)
    header = regex.compile(rf"\s*\[\s*{part}\s*\]\s*(?:#.*)?\r?\n?")
    start = next((number for number, line in enumerate(lines) if header.fullmatch(line)), None)
    if start is None:
        if lines and lines[-1].strip():
            lines.append(newline)
        lines.append(f"[{'.'.join(path)}]{newline}")
        lines.extend(_key_line(*key) + newline for key in keys)
        return
    end = next((number for number in range(start + 1, len(lines)) if lines[number].lstrip().startswith("[")), len(lines))
    last_key = start
    for number in range(start + 1, end):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            last_key = number
    added = []
    for key in keys:
        rule = regex.escape(key[0])
        at = regex.compile(rf"\s*(?:{rule}|\"{rule}\"|'{rule}')\s*=")
        found = next((number for number in range(start + 1, end) if at.match(lines[number])), None)
        if found is None:
            added.append(_key_line(*key) + newline)
        else:
            lines[found] = _key_line(*key) + newline
    lines[last_key + 1 : last_key + 1] = added


