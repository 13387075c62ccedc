"""The one configuration value: which rules run and how their findings are treated."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping


from .languages import language_code, source_language_code
from .model import Applicability, Severity
from .rules import Rule

DEFAULT_MAX_BYTES = 10_000_000


def _frozen_pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]], kind: type) -> tuple[tuple[str, Any], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    pairs = []
    for key, raw in items:
        try:
            pairs.append((str(key), kind(raw)))
        except ValueError:
            allowed = ", ".join(member.value for member in kind)  # type: ignore[attr-defined]
            raise ValueError(f"{key}: {raw!r} is not one of {allowed}") from None
    return tuple(sorted(pairs))


def _frozen_option(name: str, value: Any) -> Any:
    """An option's value as a :class:`Config` (hashable: rule sets are cached by it) can hold it: lists as
    tuples, mappings as tuples of pairs (the checks read them back with ``dict``)."""
    if isinstance(value, Mapping):
        return tuple((key, _frozen_option(name, item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_frozen_option(name, item) for item in value)
    try:
        hash(value)
    except TypeError:
        raise ValueError(f"option {name!r}: a {type(value).__name__} is not a value an option can take") from None
    return value


@dataclass(frozen=True)
class Config:
    """Which rules run, and how.

    ``packs=None`` means every built-in pack. Selectors (``select``, ``extend_select``,
    ``ignore``) accept a rule code, a code prefix (``TR1``), a rule name, a pack name, or
    ``ALL``. ``severity`` and ``applicability`` map a selector to an override, e.g.
    ``applicability={"NM101": "unsafe"}``. ``per_file_ignores`` maps a gitignore-style glob
    to selectors ignored in the documents whose path it matches (the ``path`` given to
    ``check``/``fix``; relative to ``root``, by default the current folder). ``options`` maps a
    check's option to its value (a mapping or pairs; lists and mappings are kept as tuples). Derive
    variants with :meth:`replace`.

    >>> Config(select=("core",), severity={"C101": "error"}).severity
    (('C101', <Severity.ERROR: 'error'>),)
    >>> Config(options={"names_registry": ["house.jsonl"], "names_house_style": {"Kyiv": "Kiev"}}).options
    (('names_registry', ('house.jsonl',)), ('names_house_style', (('Kyiv', 'Kiev'),)))
    """

    packs: tuple[str, ...] | None = None
    rule_paths: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    applicability: tuple[tuple[str, Applicability], ...] = ()
    language: str = "en"
    source_lang: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    options: tuple[tuple[str, Any], ...] = field(default=())
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: str | None = None

    def __post_init__(self) -> None:
        for name in ("packs", "rule_paths", "select", "extend_select", "ignore"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            if value is not None:
                object.__setattr__(self, name, tuple(value))
        pairs = self.per_file_ignores.items() if isinstance(self.per_file_ignores, Mapping) else self.per_file_ignores
        if isinstance(pairs, str) or not all(isinstance(pair, tuple | list) and len(pair) == 2 for pair in pairs):
            raise ValueError(f"per_file_ignores must map globs to rule selectors ({{'wire/*.txt': ['NM']}}), not {self.per_file_ignores!r}")
        object.__setattr__(
            self,
            "per_file_ignores",
            tuple((str(glob), (selectors,) if isinstance(selectors, str) else tuple(selectors)) for glob, selectors in pairs),
        )
        options = self.options.items() if isinstance(self.options, Mapping) else self.options
        object.__setattr__(self, "options", tuple((str(name), _frozen_option(name, value)) for name, value in options))
        object.__setattr__(self, "severity", _frozen_pairs(self.severity, Severity))
        object.__setattr__(self, "applicability", _frozen_pairs(self.applicability, Applicability))
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number, not {self.max_bytes!r}")
        for name, read in (("language", language_code), ("source_lang", source_language_code)):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, read(value))
                except ValueError as error:
                    raise ValueError(f"{name} {error}") from None

    def replace(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def for_path(self, path: str | None) -> Config:
        """The configuration for one document: its ``per_file_ignores`` added to ``ignore``
        (and dropped, so the result is the same value for every path they treat alike).

        >>> c = Config(per_file_ignores={"wire/*.txt": ["NM"]}, root="/news")
        >>> c.for_path("/news/wire/a.txt").ignore, c.for_path("wire/b.txt").ignore, c.for_path("/news/b.txt").ignore
        (('NM',), ('NM',), ())
        >>> c.for_path(None) == c.for_path("/news/b.txt") == Config()
        True
        """
        if not self.per_file_ignores:
            return self
        extra: tuple[str, ...] = ()
        if path is not None:
            from .files import gitignore_spec, matchable

            relative = matchable(_relative(path, self.root or os.getcwd()))
            extra = tuple(
                selector
                for glob, selectors in self.per_file_ignores
                if gitignore_spec([glob]).match_file(relative)
                for selector in selectors
            )
        return self.replace(ignore=self.ignore + extra, per_file_ignores=(), root=None)

    def in_language(self, rule: Rule) -> bool:
        """Whether the rule is written for the articles' language, or for any."""
        return not rule.language or self.language in rule.language

    def enabled(self, rule: Rule) -> bool:
        """Whether the rule runs: selected, not ignored, and written for the articles' language (if for one)."""
        if not self.in_language(rule):
            return False
        chosen = any(matches(s, rule) for s in self.select) or any(matches(s, rule) for s in self.extend_select)
        return chosen and not any(matches(s, rule) for s in self.ignore)

    def overrides(self, rule: Rule) -> Rule:
        severity = _most_specific(self.severity, rule)
        applicability = _most_specific(self.applicability, rule)
        return rule.with_overrides(severity, applicability)


@functools.cache
def default_config() -> Config:
    """``Config()``, made once: the library's calls without a configuration (one per document) share it.

    >>> default_config() is default_config() and default_config() == Config()
    True
    """
    return Config()


def _relative(path: str, root: str) -> str:
    """A document's path as per-file globs see it: relative to ``root`` when inside it."""
    if not os.path.isabs(path):
        return Path(path).as_posix()
    try:
        return Path(path).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def matches(selector: str, rule: Rule) -> bool:
    """Whether a selector picks a rule: ALL, a code or code prefix, a rule name, or a pack."""
    return (
        selector == "ALL"
        or rule.code.startswith(selector)
        or selector == rule.name
        or selector == rule.pack
    )


def _most_specific(pairs: tuple[tuple[str, Any], ...], rule: Rule) -> Any:
    """The override whose selector is most specific (an exact code beats a prefix beats a pack)."""
    best, best_rank = None, -1
    for selector, value in pairs:
        if not matches(selector, rule):
            continue
        rank = 3 if selector in (rule.code, rule.name) else 2 if rule.code.startswith(selector) else 1
        if rank > best_rank:
            best, best_rank = value, rank
    return best
