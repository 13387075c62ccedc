"""Many literal strings found in a text at once: which occur, or where each occurs.

:class:`LiteralScan` reads with an Aho-Corasick automaton (pyahocorasick) and, where it is
installed (``pip install hyperscan``: wheels for x86-64), with Hyperscan: the same answers, found
some 15 times faster once a database is built. The literal prefilters of the pattern and
boilerplate passes (:mod:`copyedit.kinds.prefilter`) and the term index (:mod:`copyedit.terms`)
read through it. Compiled databases are kept in the user's cache folder (:func:`kept_database`).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Any, Callable, Iterable, Sequence, TypeVar

import ahocorasick

from .rule_cache import keep, read_kept

# A literal scan moves from the Aho-Corasick automaton to Hyperscan once it has read this many
# characters: building Hyperscan's database costs 2 to 50 ms (150 to 850 literals here), about what
# Hyperscan saves on reading a megabyte or a few, so a single article never pays it (nor the 30 ms
# of importing Hyperscan).
HYPERSCAN_AFTER = 1_000_000
# ... or once it has read a tenth of them when its database is kept (:func:`kept_database`): reading it back, with
# the import, costs about 8 ms of CPU, what Hyperscan saves on reading 100 KB of news.
KEPT_SOONER = 10
T = TypeVar("T")


class HyperscanSchedule:
    """When a reader moves from its own way of reading to Hyperscan: once it has read ``after`` characters
    (:data:`HYPERSCAN_AFTER` unless told), it builds its database (or reads it back, when kept); once it has read
    a tenth of them (:data:`KEPT_SOONER`), it looks once for a kept database of each of its ways of reading.

    >>> schedule = HyperscanSchedule(100)
    >>> [schedule.step(6), schedule.step(6), schedule.step(6), schedule.step(6, "every"), schedule.step(90)]
    ['wait', 'look', 'wait', 'look', 'build']
    """

    def __init__(self, after: int | None = None) -> None:
        self.after = HYPERSCAN_AFTER if after is None else after
        self._read = 0
        self._looked: set[str] = set()

    def step(self, characters: int, way: str = "") -> str:
        """What to do after reading ``characters`` more with ``way``: "build", "look" (for a kept database) or
        "wait". Looking is done once per way: what another process keeps meanwhile waits for the threshold."""
        self._read += characters
        if self._read >= self.after:
            return "build"
        if self._read >= self.after // KEPT_SOONER and way not in self._looked:
            self._looked.add(way)
            return "look"
        return "wait"


def hyperscan_module() -> Any:
    """Hyperscan's Python binding, when installed (wheels for x86-64) and not turned off with
    ``COPYEDIT_HYPERSCAN=0``; else None."""
    if os.environ.get("COPYEDIT_HYPERSCAN", "1") == "0":
        return None
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


class LiteralScan:
    """Finds some literal strings in texts, each where it occurs in full, overlaps included: which of
    them a text holds (:meth:`present`), or every occurrence (:meth:`occurrences`).

    It reads with an Aho-Corasick automaton (pyahocorasick), and with Hyperscan, where that is
    installed, once it has read enough text (:class:`HyperscanSchedule`; ``hyperscan_after``
    characters): the same answers, found some 15 times faster. An automaton's cost per character
    grows with how many different characters the literals start with; in :meth:`present`, the
    literals of one character are looked for with ``str.__contains__`` instead, behind one search
    for any of them. What each way needs is built when first wanted, once.

    >>> scan = LiteralScan(["he", "she", "hers", "\u200b"])
    >>> sorted(scan.present("ushers")), scan.occurrences("ushers")
    ([0, 1, 2], [(4, 1), (4, 0), (6, 2)])
    >>> sorted(LiteralScan(["he", "she", "hers"], hyperscan_after=0).present("ushers"))
    [0, 1, 2]
    """

    def __init__(self, literals: Sequence[str], hyperscan_after: int | None = None) -> None:
        self.literals = tuple(literals)
        if not all(self.literals):
            raise ValueError("an empty literal")
        self._schedule = HyperscanSchedule(hyperscan_after)
        self._lock = threading.Lock()
        self._built: dict[str, Any] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.literals, self._schedule.after))

    def prepare(self) -> None:
        """Build now what both ways of reading need, and read with Hyperscan (where installed) from the first
        text on: a long-running process would otherwise build a database in the middle of a request."""
        if hyperscan_module() is not None:
            self._schedule.after = 0
            self._build("hyperscan", lambda: _Hyperscan.build(self.literals, False))
            self._build("hyperscan every", lambda: _Hyperscan.build(self.literals, True))
        else:
            self._build("present", self._present_parts)
            self._build("every", lambda: _automaton(range(len(self.literals)), self.literals))

    def present(self, text: str) -> set[int]:
        """The indexes of the literals that ``text`` holds."""
        fast = self._hyperscan(text, every=False)
        if fast is not None:
            return fast.present(text)
        longer, single, any_single = self._build("present", self._present_parts)
        found: set[int] = set()
        if longer is not None:
            for _, index in longer.iter(text):
                found.add(index)
        if any_single is not None and any_single.search(text):
            for char, indexes in single.items():
                if char in text:
                    found.update(indexes)
        return found

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """Every occurrence of every literal in ``text``, as (where it ends, the literal's index), by where it ends."""
        fast = self._hyperscan(text, every=True)
        if fast is not None:
            return fast.occurrences(text)
        every = self._build("every", lambda: _automaton(range(len(self.literals)), self.literals))
        if every is None:
            return []
        return [(last + 1, index) for last, index in every.iter(text)]

    def _present_parts(self) -> tuple[Any, dict[str, list[int]], re.Pattern[str] | None]:
        longer = _automaton((index for index, literal in enumerate(self.literals) if len(literal) > 1), self.literals)
        single: dict[str, list[int]] = {}
        for index, literal in enumerate(self.literals):
            if len(literal) == 1:
                single.setdefault(literal, []).append(index)
        any_single = re.compile("[" + "".join(map(_class_char, single)) + "]") if single else None
        return longer, single, any_single

    def _build(self, name: str, build: Callable[[], Any]) -> Any:
        try:
            return self._built[name]
        except KeyError:
            with self._lock:
                if name not in self._built:
                    self._built[name] = build()
            return self._built[name]

    def _hyperscan(self, text: str, every: bool) -> _Hyperscan | None:
        name = "hyperscan every" if every else "hyperscan"
        fast = self._built.get(name, False)
        if fast is not False:
            return fast  # type: ignore[no-any-return]
        step = self._schedule.step(len(text), name)
        if step == "build":
            return self._build(name, lambda: _Hyperscan.build(self.literals, every))  # type: ignore[no-any-return]
        if step == "look":
            kept = _Hyperscan.build(self.literals, every, kept_only=True)
            if kept is not None:
                return self._build(name, lambda: kept)  # type: ignore[no-any-return]
        return None


def _automaton(indexes: Iterable[int], literals: Sequence[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for index in indexes:
        automaton.add_word(literals[index], index)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _class_char(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


class HyperscanDatabase:
    """A compiled Hyperscan database and the scratch space each thread scans it with (a scratch space serves
    one scan at a time)."""

    def __init__(self, hyperscan: Any, database: Any) -> None:
        self._hs = hyperscan
        self._database = database
        self._scratch = threading.local()

    def scan(self, data: bytes, on_match: Callable[..., Any]) -> None:
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = self._hs.Scratch(self._database)
        self._database.scan(data, match_event_handler=on_match, scratch=scratch)


def kept_database(
    hyperscan: Any, identity: Sequence[object], build: Callable[[], tuple[Any, T]]
) -> tuple[HyperscanDatabase | None, T]:
    """What ``build()`` gives, a compiled block-mode database (or None) and what was derived with it, read
    back from the user's cache folder when a process kept it there (:func:`copyedit.rule_cache.kept`, under a
    digest of ``identity``, all that the database is compiled from, and of Hyperscan's version). Compiling
    the databases of BBC news's literals and shapes costs 0.23 s of CPU, reading them back under 1 ms: each
    process that moves to Hyperscan (every worker of ``lint --jobs``) compiled them all again. What was kept
    but cannot be read, or is a database Hyperscan does not take (written by another version, for another
    machine's CPU), is compiled anew and kept in its place."""
    digest = _database_digest(hyperscan, identity)
    found = _read_database(hyperscan, digest)
    if found is not None:
        return found
    database, derived = build()
    keep("hyperscan", (None if database is None else hyperscan.dumpb(database), derived), digest)
    return None if database is None else HyperscanDatabase(hyperscan, database), derived


def read_kept_database(hyperscan: Any, identity: Sequence[object]) -> tuple[HyperscanDatabase | None, Any] | None:
    """What :func:`kept_database` keeps for ``identity``; None when nothing is kept that Hyperscan takes."""
    return _read_database(hyperscan, _database_digest(hyperscan, identity))


def _database_digest(hyperscan: Any, identity: Sequence[object]) -> str:
    return hashlib.sha256(repr((hyperscan.__version__, *identity)).encode()).hexdigest()


def _read_database(hyperscan: Any, digest: str) -> tuple[HyperscanDatabase | None, Any] | None:
    found = read_kept("hyperscan", tuple, digest)
    if found is None:
        return None
    try:
        data, derived = found
        if data is None:
            return None, derived
        database = HyperscanDatabase(hyperscan, hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK))
        database.scan(b"", _no_match)  # its scratch space: where Hyperscan refuses another machine's database
    except Exception:  # noqa: BLE001 - hyperscan.error, or what was kept is not a database
        return None
    return database, derived


def _no_match(*match: object) -> None:
    return None


class _Hyperscan:
    """A :class:`LiteralScan` read by Hyperscan, in UTF-8 (where a literal's bytes occur, the literal
    does: no character's bytes start inside another's). Hyperscan's binding takes no literal that holds
    a NUL character; those few are looked for with ``str.find``."""

    @classmethod
    def build(cls, literals: Sequence[str], every: bool, kept_only: bool = False) -> _Hyperscan | None:
        """One for ``present`` (``every`` False) or ``occurrences``; None where Hyperscan is not installed or does not
        run, or, ``kept_only``, where its database is not kept (:func:`kept_database`) to be read back."""
        hyperscan = hyperscan_module()
        if hyperscan is None:
            return None
        ids = [index for index, literal in enumerate(literals) if "\0" not in literal]
        expressions = [literals[index].encode("utf-8", "surrogatepass") for index in ids]
        identity = ("literals", every, expressions, ids)

        def compiled() -> tuple[Any, None]:
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            database.compile(
                expressions=expressions,
                ids=ids,
                elements=len(ids),
                flags=0 if every else hyperscan.HS_FLAG_SINGLEMATCH,  # present: each literal once
                literal=True,
            )
            return database, None

        try:
            if not ids:
                database = None
            elif kept_only:
                found = read_kept_database(hyperscan, identity)
                if found is None:
                    return None
                database = found[0]
            else:
                database, _ = kept_database(hyperscan, identity, compiled)
        except Exception:  # noqa: BLE001 - a machine Hyperscan does not run on (no SSSE3): the automaton reads on
            return None
        return cls(literals, database)

    def __init__(self, literals: Sequence[str], database: HyperscanDatabase | None) -> None:
        self._literals = literals
        self._with_nul = [index for index, literal in enumerate(literals) if "\0" in literal]
        self._database = database

    def _scan(self, data: bytes, on_match: Callable[..., Any]) -> None:
        if self._database is not None:
            self._database.scan(data, on_match)

    def present(self, text: str) -> set[int]:
        found: set[int] = set()
        self._scan(text.encode("utf-8", "surrogatepass"), lambda index, start, end, flags, context: found.add(index))
        found.update(index for index in self._with_nul if self._literals[index] in text)
        return found

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        data = text.encode("utf-8", "surrogatepass")
        found: list[tuple[int, int]] = []
        self._scan(data, lambda index, start, end, flags, context: found.append((end, index)))
        if len(data) != len(text) and found:  # byte offsets to character offsets
            found.sort()
            characters, read = 0, 0
            for number, (end, index) in enumerate(found):
                characters += len(data[read:end].decode("utf-8", "surrogatepass"))
                read = end
                found[number] = (characters, index)
        for index in self._with_nul:
            literal = self._literals[index]
            where = text.find(literal)
            while where >= 0:
                found.append((where + len(literal), index))
                where = text.find(literal, where + 1)
        # as the automaton gives them: by where they end, the longer first
        found.sort(key=lambda occurrence: (occurrence[0], -len(self._literals[occurrence[1]])))
        return found
