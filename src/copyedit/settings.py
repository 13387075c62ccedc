"""Configuration files: ``copyedit.toml`` or ``[tool.copyedit]`` in ``pyproject.toml``.

The file nearest to an article (its folder, then each parent) applies to it. Keys use
hyphens, as in ruff. Parsing is strict: an unknown key or a value of the wrong shape is an
error that names the file and the key, so a typo never silently changes what is checked.

>>> s = parse_settings({"select": ["core", "TR1"], "fail-on": "warning"}, "copyedit.toml", None)
>>> s.config.select, s.fail_on
(('core', 'TR1'), <Severity.WARNING: 'warning'>)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from . import toml_reader
from .config import Config
from .errors import CopyeditError
from .files import DEFAULT_INCLUDE, Selection, glob_problem, read_named_text, reading_problem
from .languages import language_code, source_language_code
from .model import Applicability, Severity


CONFIG_NAMES = ("copyedit.toml", "pyproject.toml")


class SettingsError(CopyeditError):
    """A configuration file that cannot be used: names the file and the key."""

    def __init__(self, path: str, key: str | None, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {f'key {key!r}: ' if key else ''}{problem}")


@dataclass(frozen=True)
class Settings:
    """What one configuration file says: the engine's :class:`Config` plus what only the CLI uses."""

    config: Config = field(default_factory=Config)
    # Info findings are notes (a rule whose flags are often not errors is info): they never fail a run by default.
    fail_on: Severity = Severity.WARNING
    selection: Selection = field(default_factory=Selection)
    path: str | None = None  # the file these settings came from (None: defaults)
    root: str = "."  # the folder that relative globs and rule paths start from

    @property
    def per_file_ignores(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return self.config.per_file_ignores

    def config_for(self, path: str) -> Config:
        """The configuration for one article (a path relative to the current folder, or
        absolute), with its ``per-file-ignores`` added (:meth:`Config.for_path`).

        >>> s = Settings(Config(per_file_ignores=(("wire/*.txt", ("NM",)),), root="/news"), root="/news")
        >>> s.config_for("/news/wire/a.txt").ignore, s.config_for("/news/b.txt").ignore
        (('NM',), ())
        """
        return self.config.for_path(os.path.abspath(path))


def _packs(names: tuple[str, ...], where: Callable[[str], SettingsError]) -> tuple[str, ...]:
    from .rules import builtin_packs

    known = builtin_packs()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise where(f"unknown rule pack {unknown[0]!r} (built-in packs: {', '.join(known)}; add rule files with `rules`)")
    return names


def _strings(value: Any, where: Callable[[str], SettingsError]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise where("must be a list of non-empty strings")
    return tuple(value)


def _levels(value: Any, kind: type, where: Callable[[str], SettingsError]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where("must be a table of selector = level")
    allowed = ", ".join(member.value for member in kind)  # type: ignore[attr-defined]
    result = {}
    for selector, level in value.items():
        if not selector.strip():  # "" would match every rule (each code starts with it)
            raise where(f"an empty selector = {level!r}: name a rule code, prefix, name or pack")
        try:
            result[selector] = kind(level)
        except ValueError:
            raise where(f"{selector} = {level!r} is not one of {allowed}") from None
    return result


def _globs(patterns: tuple[str, ...], error: Callable[[str], SettingsError]) -> tuple[str, ...]:
    """``patterns``, each a valid glob (:func:`copyedit.files.glob_problem`); else the file's error naming it."""
    for pattern in patterns:
        problem = glob_problem(pattern)
        if problem is not None:
            raise error(f"{pattern!r} is not a valid glob: {problem}")
    return patterns


def parse_settings(data: Mapping[str, Any], path: str, root: str | None) -> Settings:
    """Turn the keys of a configuration table into :class:`Settings` (strictly)."""
    base = Path(root if root is not None else os.path.dirname(os.path.abspath(path)))

    def where(key: str) -> Callable[[str], SettingsError]:
        return lambda problem: SettingsError(path, key, problem)

    config: dict[str, Any] = {}
    options: dict[str, Any] = {}
    fail_on = Settings.fail_on
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    gitignore = True
    for key, value in data.items():
        if key == "packs":
            config["packs"] = _packs(_strings(value, where(key)), where(key))
        elif key == "rules":
            config["rule_paths"] = tuple(str(base / item) for item in _strings(value, where(key)))
        elif key in ("select", "ignore", "extend-select"):
            config[key.replace("-", "_")] = _strings(value, where(key))
        elif key == "severity":
            config["severity"] = _levels(value, Severity, where(key))
        elif key == "applicability":
            config["applicability"] = _levels(value, Applicability, where(key))
        elif key == "fail-on":
            try:
                fail_on = Severity(value)
            except ValueError:
                raise where(key)(f"{value!r} is not one of error, warning, info") from None
        elif key == "include":
            include = _globs(_strings(value, where(key)), where(key))
        elif key in ("exclude", "extend-exclude"):
            exclude = exclude + _globs(_strings(value, where(key)), where(key))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise where(key)("must be a table of glob = [selectors]")
            per_file = tuple((pattern, _strings(selectors, where(f"{key}.{pattern}"))) for pattern, selectors in value.items())
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise where(key)("must be true or false")
            gitignore = value
        elif key in ("language", "source-lang"):
            # a source-lang of "" is none given (the sources' language is detected), as --source-lang "" is
            read = language_code if key == "language" else source_language_code
            try:
                config[key.replace("-", "_")] = read(value)
            except ValueError as error:
                raise where(key)(str(error)) from None
        elif key == "max-bytes":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise where(key)(f"must be a positive whole number of bytes, not {value!r}")
            config["max_bytes"] = value
        elif key == "names-registry":  # house registry files for NM103/NM104 (`copyedit names import`)
            files = tuple(str(base / item) for item in _strings(value, where(key)))
            for file in files:
                if not os.path.isfile(file):
                    raise where(key)(f"no registry file {file}")
            options["names_registry"] = files
        elif key == "policy":  # read by `copyedit hook`/`serve` (copyedit.service); checked here too
            from .policy import parse_policy

            parse_policy(value, path)
        else:
            raise where(key)(f"unknown key (known keys: {', '.join(KNOWN_KEYS)})")
    if per_file:
        config.update(per_file_ignores=per_file, root=str(base))
    if options:
        config["options"] = tuple(options.items())
    return Settings(Config(**config), fail_on, Selection(include, exclude, gitignore), path, str(base))


KNOWN_KEYS = (
    "packs", "rules", "select", "extend-select", "ignore", "per-file-ignores", "severity", "applicability",
    "fail-on", "include", "exclude", "extend-exclude", "respect-gitignore", "language", "source-lang", "max-bytes", "policy",
    "names-registry",
)


# UTF-8, with or without a byte-order mark: Windows Notepad writes one, and tomllib refuses it as an
# "Invalid statement" at line 1, column 1, naming neither the mark nor a key.
CONFIGURATION_ENCODING = "utf-8-sig"


def read_settings_table(path: str) -> dict[str, Any]:
    """The copyedit table of a ``copyedit.toml`` (the whole file) or a ``pyproject.toml`` (its
    ``[tool.copyedit]``), unparsed."""
    try:
        data = toml_reader.loads(read_named_text(path, CONFIGURATION_ENCODING))
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(path, None, reading_problem(path, error)) from None
    except toml_reader.TOMLDecodeError as error:
        raise SettingsError(path, None, f"invalid TOML: {error}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise SettingsError(path, "tool", "must be a table")
        data = tool.get("copyedit", {})
        if not isinstance(data, dict):
            raise SettingsError(path, "tool.copyedit", "must be a table")
    return dict(data)


def load_settings(path: str) -> Settings:
    """Read a ``copyedit.toml`` or the ``[tool.copyedit]`` table of a ``pyproject.toml``."""
    return parse_settings(read_settings_table(path), path, None)


def _holds_settings(path: Path) -> bool:
    if path.name == "copyedit.toml":
        return path.is_file()
    if not path.is_file():
        return False
    try:
        tool = toml_reader.loads(read_named_text(path, CONFIGURATION_ENCODING)).get("tool", {})
        # a "tool" that is no table holds no copyedit table (another tool's business, not an error of ours)
        return isinstance(tool, dict) and "copyedit" in tool
    except (OSError, UnicodeDecodeError, toml_reader.TOMLDecodeError):
        # An unreadable pyproject.toml is reported when loaded, not skipped silently.
        return True


def find_settings_file(folder: str) -> str | None:
    """The configuration file nearest to ``folder``: its own, or its parents'.

    ``copyedit.toml`` wins over ``pyproject.toml`` in the same folder; a ``pyproject.toml``
    without a ``[tool.copyedit]`` table does not count.
    """
    here = Path(os.path.abspath(folder))
    for candidate_folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if _holds_settings(candidate):
                return str(candidate)
    return None


class SettingsResolver:
    """Finds and caches the settings for each folder (each configuration file is read once)."""

    def __init__(self, explicit: str | None = None, isolated: bool = False) -> None:
        self._fixed: Settings | None = None
        if isolated:
            self._fixed = Settings()
        elif explicit is not None:
            self._fixed = load_settings(explicit)
        self._by_folder: dict[str, Settings] = {}
        self._by_file: dict[str, Settings] = {}

    def for_folder(self, folder: str) -> Settings:
        if self._fixed is not None:
            return self._fixed
        folder = os.path.abspath(folder)
        settings = self._by_folder.get(folder)
        if settings is None:
            found = find_settings_file(folder)
            if found is None:
                settings = Settings(root=os.getcwd())
            else:
                settings = self._by_file.get(found) or load_settings(found)
                self._by_file[found] = settings
            self._by_folder[folder] = settings
        return settings

    def for_path(self, path: str) -> Settings:
        return self.for_folder(path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)))
