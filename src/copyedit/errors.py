"""Errors the library raises on bad input; each names what was wrong and where."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any


class CopyeditError(Exception):
    """Base class: the CLI turns any of these into a message and exit code 2."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its message and attributes, not by calling ``__init__`` with the message alone (which
        # subclasses with named fields refuse): an error raised in a worker process reaches the caller of a
        # process pool, Dask or Spark intact instead of breaking the pool that carries it.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(kind: type[CopyeditError], args: tuple[Any, ...], state: dict[str, Any]) -> CopyeditError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class RuleError(CopyeditError):
    """A rule file that cannot be loaded: names the file, the line and the rule."""

    def __init__(self, path: str, line: int | None, code: str | None, problem: str) -> None:
        self.path, self.line, self.code, self.problem = path, line, code, problem
        where = f"{path}:{line}" if line else path
        rule = f" rule {code}:" if code else ""
        super().__init__(f"{where}:{rule} {problem}")


class OptionError(ValueError):
    """A value a check cannot take for one of its options, raised by the check: the rule that gives the option
    turns it into a :class:`RuleError` naming its file and line."""


class InputError(CopyeditError):
    """A document that cannot be processed (too large, wrong format, undecodable)."""


class SourceError(InputError):
    """The source text an article is checked against cannot be processed (too large, nested too deeply): the
    article itself is fine, and front ends name the source (the field ``source``, the ``--source`` file), not the
    article. ``problem`` says what is wrong without naming the source, for a front end that names it its own way.

    >>> error = SourceError("Markdown nested 99 or more levels deep")
    >>> str(error), error.problem
    ('source: Markdown nested 99 or more levels deep', 'Markdown nested 99 or more levels deep')
    """

    def __init__(self, problem: str, message: str | None = None) -> None:
        self.problem = problem
        super().__init__(message or f"source: {problem}")


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


# The deadline of the document being checked in this thread (the engine's ``Deadline``, or None), set by the
# engine around all its work on the document: the engine checks it between hits, and work that may run long
# without one (parsing nested Markdown links, a comparison with a long source) calls :func:`check_deadline` as it goes.
RUNNING_DEADLINE: ContextVar[Any] = ContextVar("copyedit_deadline", default=None)


def check_deadline() -> None:
    """Raise :class:`~copyedit.errors.TimeLimitExceeded` when the document being checked is past its deadline.

    >>> check_deadline()  # no deadline set: nothing to do
    """
    deadline = RUNNING_DEADLINE.get()
    if deadline is not None:
        deadline.check()
