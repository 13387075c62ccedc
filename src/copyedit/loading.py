"""Data a check loads once per process: on its first use, or ahead of it (:meth:`copyedit.engine.RuleSet.preload`);
and kept across processes in the user's cache folder where deriving it costs more than reading it back."""

from __future__ import annotations

import functools
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class LoadOnce(Generic[T]):
    """A loader run at most once per process, however many threads ask for its data at once: the
    first runs it and the others wait for it. (``functools.lru_cache`` runs the function in every
    thread that misses: a service worker's first concurrent requests each loaded langdetect's
    profiles, 0.7 s of CPU apiece.)

    >>> calls = []
    >>> @load_once
    ... def numbers() -> list[int]:
    ...     calls.append(1)
    ...     return [1, 2]
    >>> numbers.loaded, numbers() is numbers(), numbers.loaded, len(calls)
    (False, True, True, 1)
    """

    def __init__(self, loader: Callable[[], T], kept: tuple[str, type[T]] | None = None) -> None:
        self._loader = loader
        self._kept = kept
        self._lock = threading.Lock()
        self._value: list[T] = []  # empty until loaded: None may be what a loader returns
        functools.update_wrapper(self, loader)

    @property
    def loaded(self) -> bool:
        return bool(self._value)

    def __call__(self) -> T:
        if not self._value:
            with self._lock:
                if not self._value:
                    self._value.append(self._load())
        return self._value[0]

    def _load(self) -> T:
        if self._kept is None:
            return self._loader()
        from .rule_cache import kept

        name, kind = self._kept
        return kept(name, kind, self._loader)


def load_once(loader: Callable[[], T]) -> LoadOnce[T]:
    """Decorate a loader taking no argument: see :class:`LoadOnce`."""
    return LoadOnce(loader)


def kept_once(name: str, kind: type[T]) -> Callable[[Callable[[], T]], LoadOnce[T]]:
    """Decorate a loader taking no argument, whose data (an instance of ``kind``, picklable) derives only
    from this package's files: :func:`load_once`, and what it loads is kept as ``name`` in the user's
    cache folder (:func:`copyedit.rule_cache.kept`), so that a later process reads it back instead."""

    def decorate(loader: Callable[[], T]) -> LoadOnce[T]:
        return LoadOnce(loader, (name, kind))

    return decorate
