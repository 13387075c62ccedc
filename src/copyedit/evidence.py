"""What a rule has earned on real text: the ``measured:`` block of its file, and what it allows.

The accuracy harness (``benchmarks/accuracy/harness.py --write-measured``) writes the block;
nobody edits it by hand. A rule's fix safety and severity must agree with it
(:func:`contradictions`, held by the tests):

- a fix is ``safe`` only when the post-editors made the same change in at least
  ``SAFE_PRECISION`` of at least ``SAFE_JUDGED`` judged cases and it changes at most
  ``HUMAN_VISIBLE_LIMIT`` visible characters per 100,000 words of human text — or when it is
  lossless by construction (``lossless: true``: an encoding repair verified to round-trip);
- a rule may be an ``error`` (and so ``block`` a publish) only with a measured precision of at
  least ``BLOCK_PRECISION``;
- a rule whose flags land on rated MQM errors less than ``FLAG_PRECISION`` of the time over at
  least ``FLAG_MIN`` flags (``FLAG_FLOOR`` over fewer, from ``FLAG_FEW`` on) is ``info``; so is one
  that flags MT sentences the post-editors kept as they were more often than ones they repaired
  (a repaired share under ``FLAG_FLOOR`` over at least ``FLAG_MIN`` judged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Applicability, Severity

SAFE_PRECISION = 0.98
SAFE_JUDGED = 30
HUMAN_VISIBLE_LIMIT = 1.0
BLOCK_PRECISION = 0.95
FLAG_PRECISION = 0.8
FLAG_MIN = 20
FLAG_FLOOR = 0.5
FLAG_FEW = 5


@dataclass(frozen=True, slots=True)
class Measured:
    date: str
    commit: str
    # human judgements of the rule's fixes, each replayed alone: against the post-edit of the MT it was made on, or
    # (page chrome) against a real page's annotations of its article text and its chrome
    agree: int
    disagree: int
    other: int
    human_visible_edits_per_100k_words: float
    flags_per_1k_words_mt: float | None
    flags_per_1k_words_human: float | None
    mqm_flags: int
    mqm_precision_targeted: float | None  # flags on rated errors of the categories the rule targets
    mqm_precision_any: float | None  # flags on rated errors of any category
    # MT sentences of the post-edit corpus the rule flagged (checked with their sources) whose post-edit it no
    # longer flags (repaired) or still does (kept), and its flags on the post-edits themselves
    postedit_repaired: int = 0
    postedit_kept: int = 0
    postedit_flags_on_post_edits: int = 0

    @property
    def postedit_judged(self) -> int:
        return self.postedit_repaired + self.postedit_kept

    @property
    def judged(self) -> int:
        return self.agree + self.disagree

    @property
    def fix_precision(self) -> float | None:
        return self.agree / self.judged if self.judged else None

    def precision(self) -> tuple[float, str] | None:
        """The precision to show beside a finding, and what it was measured on.

        >>> m = Measured("2026-12-01", "abc", 40, 1, 3, 0.0, 1.0, 0.1, 0, None, None)
        >>> m.precision()
        (0.976, 'fixes agreeing with human editors, 41 judged')
        >>> Measured("2026-12-01", "abc", 0, 0, 0, 0.0, 1.0, 0.1, 12, 0.25, 0.5).precision()
        (0.5, 'flags on rated MQM errors, 12 flags')
        >>> Measured("2026-12-01", "abc", 0, 0, 0, 0.0, 1.0, 0.1, 1, 0.0, 1.0, 146, 0, 0).precision()
        (1.0, 'flagged sentences the post-editors repaired, 146 judged')
        """
        if self.judged:
            return round(self.agree / self.judged, 3), f"fixes agreeing with human editors, {self.judged} judged"
        # of the flags' two measures, the one with more evidence
        if self.postedit_judged > self.mqm_flags:
            shown = round(self.postedit_repaired / self.postedit_judged, 3)
            return shown, f"flagged sentences the post-editors repaired, {self.postedit_judged} judged"
        if self.mqm_flags and self.mqm_precision_any is not None:
            return self.mqm_precision_any, f"flags on rated MQM errors, {self.mqm_flags} flags"
        return None

    def to_dict(self) -> dict[str, Any]:
        shown = self.precision()
        return {
            "date": self.date,
            "commit": self.commit,
            "precision": shown[0] if shown else None,
            "basis": shown[1] if shown else None,
            "fixes": {"agree": self.agree, "disagree": self.disagree, "other": self.other},
            "human_visible_edits_per_100k_words": self.human_visible_edits_per_100k_words,
            "flags_per_1k_words": {"mt": self.flags_per_1k_words_mt, "human": self.flags_per_1k_words_human},
            "postedit_flags": {
                "repaired": self.postedit_repaired,
                "kept": self.postedit_kept,
                "on_post_edits": self.postedit_flags_on_post_edits,
            },
            "mqm": {
                "flags": self.mqm_flags,
                "precision_targeted": self.mqm_precision_targeted,
                "precision_any": self.mqm_precision_any,
            },
        }


def parse_measured(data: Any) -> Measured:
    """Read a ``measured:`` block; raises ``ValueError(problem)`` naming the bad field.

    >>> parse_measured({"date": "2026-12-01", "commit": "abc", "fixes": {"agree": 1, "disagree": 0, "other": 2,
    ...   "precision": 1.0}, "human_visible_edits_per_100k_words": 0, "flags_per_1k_words": {"mt": 0.5, "human": None},
    ...   "mqm": {"flags": 3, "precision_targeted": None, "precision_any": 0.3}}).judged
    1
    >>> parse_measured({"date": "x"})
    Traceback (most recent call last):
    ...
    ValueError: measured.commit: missing
    """

    def get(mapping: Any, key: str, path: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
        if not isinstance(mapping, Mapping):
            raise ValueError(f"{path}: must be a mapping")  # noqa: TRY004 - a rule file's error, reported as such
        if key not in mapping:
            raise ValueError(f"{path}.{key}: missing")
        value = mapping[key]
        if (value is None and optional) or (isinstance(value, kinds) and not isinstance(value, bool)):
            return value
        raise ValueError(f"{path}.{key}: {value!r} is not a {' or '.join(k.__name__ for k in kinds)}")

    def known(mapping: Mapping[str, Any], keys: set[str], path: str) -> None:
        unknown = sorted(set(mapping) - keys)
        if unknown:
            raise ValueError(f"{path}.{unknown[0]}: unknown key")

    number = (int, float)
    date = get(data, "date", "measured", (str,))
    revision = get(data, "commit", "measured", (str,))
    fixes = get(data, "fixes", "measured", (dict,))
    flags = get(data, "flags_per_1k_words", "measured", (dict,))
    mqm = get(data, "mqm", "measured", (dict,))
    # (postedit_flags came later: a block without it measured none)
    postedit = get(data, "postedit_flags", "measured", (dict,)) if "postedit_flags" in data else {}
    known(
        data,
        {"date", "commit", "fixes", "human_visible_edits_per_100k_words", "flags_per_1k_words", "postedit_flags", "mqm"},
        "measured",
    )
    known(fixes, {"agree", "disagree", "other", "precision"}, "measured.fixes")
    known(flags, {"mt", "human"}, "measured.flags_per_1k_words")
    known(postedit, {"repaired", "kept", "on_post_edits"}, "measured.postedit_flags")
    known(mqm, {"flags", "precision_targeted", "precision_any"}, "measured.mqm")
    return Measured(
        date=date,
        commit=revision,
        agree=get(fixes, "agree", "measured.fixes", (int,)),
        disagree=get(fixes, "disagree", "measured.fixes", (int,)),
        other=get(fixes, "other", "measured.fixes", (int,)),
        human_visible_edits_per_100k_words=float(get(data, "human_visible_edits_per_100k_words", "measured", number)),
        flags_per_1k_words_mt=get(flags, "mt", "measured.flags_per_1k_words", number, True),
        flags_per_1k_words_human=get(flags, "human", "measured.flags_per_1k_words", number, True),
        mqm_flags=get(mqm, "flags", "measured.mqm", (int,)),
        mqm_precision_targeted=get(mqm, "precision_targeted", "measured.mqm", number, True),
        mqm_precision_any=get(mqm, "precision_any", "measured.mqm", number, True),
        postedit_repaired=get(postedit, "repaired", "measured.postedit_flags", (int,)) if postedit else 0,
        postedit_kept=get(postedit, "kept", "measured.postedit_flags", (int,)) if postedit else 0,
        postedit_flags_on_post_edits=get(postedit, "on_post_edits", "measured.postedit_flags", (int,)) if postedit else 0,
    )


def earned_safe(measured: Measured | None) -> bool:
    """Whether the evidence lets a fix be applied by default."""
    return (
        measured is not None
        and measured.judged >= SAFE_JUDGED
        and (measured.fix_precision or 0) >= SAFE_PRECISION
        and measured.human_visible_edits_per_100k_words <= HUMAN_VISIBLE_LIMIT
    )


def earned_block(measured: Measured | None) -> bool:
    """Whether the evidence lets a rule be an error (block a publish)."""
    if measured is None:
        return False
    if measured.judged >= SAFE_JUDGED:
        return (measured.fix_precision or 0) >= BLOCK_PRECISION
    return measured.mqm_flags >= FLAG_MIN and (measured.mqm_precision_targeted or 0) >= BLOCK_PRECISION


def must_be_info(measured: Measured | None) -> bool:
    """Whether the rule's flags miss rated errors too often to be more than ``info``, or flag MT sentences the
    post-editors kept as they were more often than ones they repaired (over ``FLAG_MIN`` judged or more)."""
    if measured is None:
        return False
    if _mostly_kept(measured):
        return True
    if measured.mqm_precision_any is None:
        return False
    if measured.mqm_flags >= FLAG_MIN:
        return measured.mqm_precision_any < FLAG_PRECISION
    return measured.mqm_flags >= FLAG_FEW and measured.mqm_precision_any < FLAG_FLOOR


def contradictions(
    applicability: Applicability | None, severity: Severity, measured: Measured | None, lossless: bool
) -> list[str]:
    """Where a rule's fix safety or severity claims more than its evidence shows ([] when none).

    >>> contradictions(Applicability.SAFE, Severity.WARNING, None, lossless=False)
    ['the fix is safe without evidence (needs >= 30 judged post-edits at >= 0.98, or lossless: true)']
    >>> contradictions(Applicability.SAFE, Severity.INFO, None, lossless=True)
    []
    """
    problems = []
    if applicability is Applicability.SAFE and not lossless and not earned_safe(measured):
        shown = f"; measured {measured.agree}/{measured.judged} agreeing" if measured else " without evidence"
        problems.append(
            f"the fix is safe{shown} (needs >= {SAFE_JUDGED} judged post-edits at >= {SAFE_PRECISION}, or lossless: true)"
        )
    if severity is Severity.ERROR and not earned_block(measured):
        problems.append(f"the rule is an error (it blocks publishing) without a measured precision >= {BLOCK_PRECISION}")
    if severity is not Severity.INFO and measured is not None and _mostly_kept(measured):
        problems.append(
            f"the post-editors repaired {measured.postedit_repaired} of the {measured.postedit_judged} MT sentences"
            " it flags: it must be info"
        )
    elif severity is not Severity.INFO and measured is not None and must_be_info(measured):
        problems.append(
            f"its flags land on rated errors {measured.mqm_precision_any} of {measured.mqm_flags} times: it must be info"
        )
    return problems


def _mostly_kept(measured: Measured) -> bool:
    """Whether the post-editors kept the MT sentences the rule flags as they were more often than they
    repaired them, over ``FLAG_MIN`` judged or more."""
    judged = measured.postedit_judged
    return judged >= FLAG_MIN and measured.postedit_repaired / judged < FLAG_FLOOR
