"""Errors the library raises on bad input; each names what was wrong and where."""

from __future__ import annotations


class CopyeditError(Exception):
    """Base class: the CLI turns any of these into a message and exit code 2."""


class RuleError(CopyeditError):
    """A rule file that cannot be loaded: names the file, the line and the rule."""

    def __init__(self, path: str, line: int | None, code: str | None, problem: str) -> None:
        self.path, self.line, self.code, self.problem = path, line, code, problem
        where = f"{path}:{line}" if line else path
        rule = f" rule {code}:" if code else ""
        super().__init__(f"{where}:{rule} {problem}")


class InputError(CopyeditError):
    """A document that cannot be processed (too large, wrong format, undecodable)."""


class PatternTimeout(CopyeditError):
    """A rule's pattern ran too long on a document (catastrophic backtracking)."""

    def __init__(self, path: str, code: str, seconds: float) -> None:
        super().__init__(
            f"{path}: rule {code}: pattern took longer than {seconds:g} s on this document "
            "(catastrophic backtracking?)"
        )
        self.code = code


class TimeLimitExceeded(CopyeditError):
    """The work on a document ran past its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"checking the document took longer than the time limit of {seconds:g} s")
        self.seconds = seconds
