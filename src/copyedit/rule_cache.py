"""The built-in rule packs, read and validated once and kept in the user's cache folder.

Reading the 60-odd YAML files of the built-in packs and validating them is about a third of a
CLI start (``import yaml`` 100 M instructions, parsing 135 M, validating 130 M, of 1.86 G for
``copyedit lint`` of one small file); unpickling the same rules costs 30 M. The cache is a pickle of
every built-in pack's rules, named after a fingerprint of everything that could change them: the
Python version, and the size and modification time of every rule file and every module of the
package (copyedit's version among them). A change to any of them is a new fingerprint, so a stale cache is
never read. The files of the :data:`KEPT` latest fingerprints stay: several installs that share the folder
(a virtual environment per project, a checkout beside a release) each keep theirs instead of removing the
other's at every start; older files are removed when a new one is written.

Beside them, under the same fingerprint, the prefilter's readings of the built-in patterns
(:mod:`copyedit.kinds.prefilter`): analysing them is about 0.08 s of CPU a start, a third of
compiling the packs once they are read. And the rules of user rule files whose examples passed, named after
a digest of the path given and the files' names and texts: a glossary of tens of thousands of terms is parsed
and its examples run once, not at every start (17,550 substitutions: 8 s the first time, then ≈ 0.1 s).
And data the checks derive on first use from files of their own or of their libraries (:func:`kept`):
the English word list as a set, the names registry, its start words and the built-in names rules' spellings,
CLDR's month names of a language (a process with a source to check derived them in about 0.15 s of CPU
before), langdetect's profiles (0.25 s to read from langdetect's files, 0.03 s back from here) and the
compiled Hyperscan databases of the literal scans and shape gates, under a digest of what each is compiled
from (:func:`copyedit.literals.kept_database`: 0.23 s to compile BBC news's, under 1 ms to read back).

Where: ``$COPYEDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/copyedit``, else ``~/.cache/copyedit``;
``COPYEDIT_CACHE_DIR=""`` turns the cache off. It is only ever a shortcut: a folder that cannot be
written, or a file that cannot be read, owned by another user or writable by others, means the
packs are read from their YAML as if there were no cache.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TypeVar

from .files import open_named, write_atomically

T = TypeVar("T")
CACHE_DIR_ENV = "COPYEDIT_CACHE_DIR"
_PREFIX = "builtin-rules-"
_READINGS_PREFIX = "pattern-readings-"
_USER_PREFIX = "user-rules-"
_KEPT_PREFIX = "data-"
KEPT = 4  # files of each kind kept: the latest written
USER_KEPT = 16  # user rule files or folders kept (all fingerprints together): the latest used


def cache_dir() -> Path | None:
    """The folder copyedit keeps its cache in; None when ``$COPYEDIT_CACHE_DIR`` is set empty."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copyedit"


def fingerprint(package: Path, packs: Path) -> str:
    """A digest of the Python version and of each module, data file and rule file's size and time."""
    digest = hashlib.sha256(f"{sys.version}\0".encode())  # copyedit's version is in a module: its time says it
    for root in (package, packs):
        for folder, folders, files in os.walk(root):
            folders.sort()
            for name in sorted(files):
                if name.endswith((".py", ".yml", ".yaml", ".gz", ".json", ".jsonl", ".txt")):
                    path = os.path.join(folder, name)
                    info = os.stat(path)
                    digest.update(f"{os.path.relpath(path, root)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def read_packs(folder: Path, key: str) -> dict[str, list[object]] | None:
    """The packs (pack name → its rules) kept under ``key``, or None when there are none that may be trusted."""
    packs = _read(folder / f"{_PREFIX}{key}.pickle")
    return packs if isinstance(packs, dict) else None


def write_packs(folder: Path, key: str, packs: Mapping[str, Sequence[object]]) -> None:
    """Keep ``packs`` under ``key`` (atomically, readable by this user only) and drop all but the
    :data:`KEPT` latest keys; a folder that cannot be written is no error."""
    _write(folder, _PREFIX, key, packs)


def read_readings(folder: Path, key: str) -> dict[str, object] | None:
    """The prefilter's readings of patterns (pattern → reading) kept under ``key``, or None."""
    readings = _read(folder / f"{_READINGS_PREFIX}{key}.pickle")
    return readings if isinstance(readings, dict) else None


def write_readings(folder: Path, key: str, readings: Mapping[str, object]) -> None:
    """Keep the prefilter's ``readings`` under ``key``, as :func:`write_packs` keeps packs."""
    _write(folder, _READINGS_PREFIX, key, readings)


def read_user_rules(folder: Path, key: str, digest: str) -> list[object] | None:
    """The rules of the user rule files whose digest is ``digest`` (:class:`copyedit.rules.RuleFiles`), kept
    under ``key`` (the package's fingerprint: another copyedit may read or judge them otherwise) once their
    examples passed; None when there are none that may be trusted. Reading them marks them as used, so the
    glossaries in use stay."""
    path = folder / f"{_USER_PREFIX}{key}-{digest[:32]}.pickle"
    rules = _read(path)
    if not isinstance(rules, list):
        return None
    _mark_used(path)
    return rules


def write_user_rules(folder: Path, key: str, digest: str, rules: Sequence[object]) -> None:
    """Keep the rules of the user rule files whose digest is ``digest``, whose examples passed (as
    :func:`write_packs` keeps packs; the :data:`USER_KEPT` latest used stay)."""
    _write(folder, _USER_PREFIX, f"{key}-{digest[:32]}", list(rules), kept=USER_KEPT)


@functools.cache
def package_fingerprint() -> str:
    """The fingerprint of this copyedit's modules, data files and built-in rule files (:func:`fingerprint`)."""
    return fingerprint(Path(__file__).parent, Path(str(resources.files("copyedit.packs"))))


def kept(name: str, kind: type[T], build: Callable[[], T], digest: str = "") -> T:
    """What ``build()`` gives, read back instead when a copyedit with this one's fingerprint kept it as ``name``
    (an instance of ``kind``); else built and kept for later processes (the :data:`KEPT` latest of each name
    stay). ``name`` says what the data derives from beyond this package (a library's data, say). Data derived from
    the user's files too takes ``digest``, a digest of what was read of them: the :data:`USER_KEPT` latest used of
    ``name`` stay (a house registry of 50,000 names: 6 s of CPU to build, 1 s to read back). With the cache off,
    or a folder that cannot be written, it is only built."""
    value = read_kept(name, kind, digest)
    if value is None:
        value = build()
        keep(name, value, digest)
    return value


def read_kept(name: str, kind: type[T], digest: str = "") -> T | None:
    """What :func:`kept` keeps as ``name`` (and ``digest``), when it is an instance of ``kind``; else None."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{_KEPT_PREFIX}{name}-{_kept_key(digest)}.pickle"
    value = _read(path)
    if not isinstance(value, kind):
        return None
    if digest:
        _mark_used(path)
    return value


def keep(name: str, value: object, digest: str = "") -> None:
    """Keep ``value`` as ``name`` (and ``digest``) for later processes, as :func:`kept` does."""
    folder = cache_dir()
    if folder is not None:
        _write(folder, f"{_KEPT_PREFIX}{name}-", _kept_key(digest), value, kept=USER_KEPT if digest else KEPT)


def _kept_key(digest: str) -> str:
    return f"{package_fingerprint()}-{digest[:32]}" if digest else package_fingerprint()


def _mark_used(path: Path) -> None:
    """Mark a kept file as used, so that it stays among the latest (:func:`_drop_older`)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _read(path: Path) -> object:
    """What the pickle at ``path`` holds; None when it is missing, unreadable or not ours to read."""
    try:
        with open_named(path) as cached:  # a named pipe put there is refused, never waited on
            info = os.fstat(cached.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None  # somebody else could have written it: never unpickle it
            return pickle.load(cached)
    except Exception:  # noqa: BLE001 - missing, unreadable or not ours to read: the YAML decides
        return None


def _write(folder: Path, prefix: str, key: str, value: object, kept: int = KEPT) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # only its owner may write it (a cache file others could write is never unpickled)
        write_atomically(folder / f"{prefix}{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 0o600)
        _drop_older(folder, prefix, kept)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a folder that cannot be written, or a value that cannot be pickled: only the shortcut is lost


def _drop_older(folder: Path, prefix: str, kept: int) -> None:
    """Remove the files of ``prefix`` but the ``kept`` latest written (or read, for user rules)."""
    written = []
    for path in folder.glob(f"{prefix}*.pickle"):
        try:
            written.append((path.stat().st_mtime_ns, path.name, path))
        except OSError:  # removed meanwhile by another process
            continue
    for _, _, older in sorted(written, reverse=True)[kept:]:
        older.unlink(missing_ok=True)
