"""The publish verdict: ``pass``, ``review`` or ``block``, decided once for the hook, the server and Wagtail.

The verdict judges what is left of an article after its safe fixes (for ``check`` too, which
gives the verdict ``fix`` would give):

- **block** when a finding at or above ``block_on`` (default ``error``) remains;
- **review** when a finding at or above ``review_on`` (default ``warning``) remains, or any
  remaining finding carries a fix that was not applied (unsafe or display-only): an editor
  should decide;
- **pass** otherwise.

``block_on`` and ``review_on`` may be ``never`` to switch a level off.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import CopyeditError
from .model import Finding, Severity

NEVER = "never"


class Verdict(str, enum.Enum):
    PASS = "pass"
    REVIEW = "review"
    BLOCK = "block"


class PolicyError(CopyeditError):
    """A ``[policy]`` table that cannot be used: names the file and the key."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: key {key!r}: {problem}")


@dataclass(frozen=True)
class Policy:
    """What blocks a publish and what sends it to an editor (``None``: that level is off).

    >>> Policy().block_on, Policy().review_on
    (<Severity.ERROR: 'error'>, <Severity.WARNING: 'warning'>)
    """

    block_on: Severity | None = Severity.ERROR
    review_on: Severity | None = Severity.WARNING

    def verdict(self, findings: Iterable[Finding]) -> Verdict:
        """The verdict for the findings left in the text that would be published.

        >>> from copyedit.model import Span
        >>> def finding(severity, fix=None):
        ...     return Finding("C101", "x", Severity(severity), "m", Span(0, 1), 1, 1, "x", fix)
        >>> Policy().verdict([finding("info")]), Policy().verdict([finding("warning")])
        (<Verdict.PASS: 'pass'>, <Verdict.REVIEW: 'review'>)
        >>> Policy().verdict([finding("warning"), finding("error")])
        <Verdict.BLOCK: 'block'>
        >>> Policy(block_on=None).verdict([finding("error")])
        <Verdict.REVIEW: 'review'>
        """
        verdict = Verdict.PASS
        for finding in findings:
            rank = finding.severity.rank
            if self.block_on is not None and rank >= self.block_on.rank:
                return Verdict.BLOCK
            if (self.review_on is not None and rank >= self.review_on.rank) or finding.fix is not None:
                verdict = Verdict.REVIEW
        return verdict


def parse_policy(table: Any, path: str) -> Policy:
    """Read the ``[policy]`` table of a configuration file, strictly.

    >>> parse_policy({"block-on": "warning", "review-on": "never"}, "copyedit.toml")
    Policy(block_on=<Severity.WARNING: 'warning'>, review_on=None)
    >>> parse_policy({"block_on": "error"}, "copyedit.toml")
    Traceback (most recent call last):
    ...
    copyedit.policy.PolicyError: copyedit.toml: key 'policy.block_on': unknown key (known keys: block-on, review-on)
    """
    if not isinstance(table, Mapping):
        raise PolicyError(path, "policy", "must be a table with block-on and review-on")
    levels: dict[str, Severity | None] = {}
    for key, value in table.items():
        if key not in ("block-on", "review-on"):
            raise PolicyError(path, f"policy.{key}", "unknown key (known keys: block-on, review-on)")
        levels[key.replace("-", "_")] = _level(value, path, f"policy.{key}")
    return Policy(**levels)


def _level(value: Any, path: str, key: str) -> Severity | None:
    if value == NEVER:
        return None
    try:
        return Severity(value)
    except ValueError:
        raise PolicyError(path, key, f"{value!r} is not one of error, warning, info, {NEVER}") from None
