"""Which characters of a text the mentions found so far cover."""

from __future__ import annotations


class Covered:
    """Which characters of a text the mentions found so far cover, asked of every match: one lookup
    each (a walk over the mentions found made a long text of dates and numbers quadratic).

    >>> covered = Covered(0, 10); covered.append((2, 5)); [at in covered for at in (1, 2, 4, 5)]
    [False, True, True, False]
    """

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._marks = bytearray(end - start + 1)

    def append(self, span: tuple[int, int]) -> None:
        start, end = span[0] - self._start, span[1] - self._start
        self._marks[start:end] = b"\x01" * (end - start)

    def __contains__(self, position: int) -> bool:
        return bool(self._marks[position - self._start])
