"""A registry of people and places in the news, with their spellings in each source orthography.

The registry ships as ``data/registry.jsonl`` (built by ``python scripts/build_names_registry.py``
from the sources named in :mod:`copyedit.names_registry.build`). Each entry has its English form
(``en``), other accepted English forms (``alt``: house style, never flagged), native forms, where
the English form comes from (``source``) and, per orthography (``de``, ``tr``, ``pl``, … and
``native`` for a Latin-script native form), the spellings MT leaves behind. Next to it,
``data/registry.index.json`` holds what loading computes from it (the lookup tables), so that a
process starts in milliseconds; :func:`write_index` writes it and the build does too. An index that
does not match the registry file byte for byte (its SHA-256) is ignored: the file is then read the slow way.

>>> registry = load_registry()
>>> registry.lookup("Wolodymyr Selenskyj", None).entry.en, registry.lookup("Kijów", ("pl",)).lang
('Volodymyr Zelensky', 'pl')
>>> registry.lookup("Kijów", ("de",)) is None, registry.lookup("Kiev", None) is None
(True, True)
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CopyeditError
from ..files import read_named_text, reading_problem
from ..loading import kept_once
from ..names import fold_diacritics
from ..rule_cache import kept

DATA = "registry.jsonl"
INDEX = "registry.index.json"


@dataclass(frozen=True, slots=True)
class Entry:
    en: str
    type: str  # person | country | city | region | place | organisation
    alt: tuple[str, ...]
    native: tuple[str, ...]
    country: str
    source: str


# An entry as a registry file gives it: the entry, and its spellings by orthography.
RegistryItem = tuple[Entry, dict[str, list[str]]]


@dataclass(frozen=True, slots=True)
class Rendering:
    entry: Entry
    lang: str  # the orthography whose spelling this is ("native": the name's own Latin spelling)
    form: str


class Registry:
    """Spellings -> entries. A spelling known for two entries is never looked up (never merge)."""

    def __init__(self, entries: Iterable[RegistryItem] = ()) -> None:
        self._entries: list[Entry | None] = []
        self._rows: list[Any] = []  # from the index: an entry's fields, made into an Entry when first looked up
        # spelling -> [entry number, orthography, entry number, ...] of each entry it renders (see _pairs;
        # from the index, a string)
        table: dict[str, list[Any]] = {}
        self.english: set[str] = set()
        for entry, forms in entries:
            number = len(self._entries)
            self._entries.append(entry)
            self.english.update((entry.en, *entry.alt))
            for lang, spellings in forms.items():
                for form in spellings:
                    if not _shortening(form, (entry.en, *entry.alt)):
                        table.setdefault(form, []).extend((number, lang))
        self.english = english_forms(self.english)
        self._forms: Mapping[str, list[Any] | str] = table
        # Accent-free keys, so "Volodímir Zelenski" finds "Volodimir Zelenski": [number, lang, form, number, ...].
        self._folded: dict[str, list[Any]] = {}
        for form, pairs in self._forms.items():
            key = fold_diacritics(form)
            if key != form and key not in self.english:
                found = self._folded.setdefault(key, [])
                for number, lang in _pairs(pairs):
                    found += (number, lang, form)

    @classmethod
    def from_index(cls, index: Mapping[str, Any]) -> Registry:
        """The registry whose tables :meth:`index` gave (what ``data/registry.index.json`` holds)."""
        registry = cls()
        registry._rows = index["entries"]
        registry._entries = [None] * len(registry._rows)
        for row in registry._rows:
            registry.english.add(row[0])
            registry.english.update(row[2])
        registry.english = english_forms(registry.english)
        registry._forms = index["forms"]
        registry._folded = index["folded"]
        return registry

    def index(self) -> dict[str, Any]:
        """This registry's tables as JSON values: :meth:`from_index` gives the same registry back. A
        spelling's entries are one string there, "number:orthography number:orthography", which JSON
        reads several times faster than lists (the shipped orthographies are codes without spaces)."""
        forms = {form: " ".join(f"{number}:{lang}" for number, lang in _pairs(pairs)) for form, pairs in self._forms.items()}
        if any(list(_pairs(text)) != list(_pairs(self._forms[form])) for form, text in forms.items()):
            raise ValueError("an orthography name with a space or a colon cannot be indexed")
        return {
            "entries": [[e.en, e.type, list(e.alt), list(e.native), e.country, e.source] for e in self.entries],
            "forms": forms,
            "folded": self._folded,
        }

    @property
    def entries(self) -> list[Entry]:
        return [self._entry(number) for number in range(len(self._entries))]

    def _entry(self, number: int) -> Entry:
        entry = self._entries[number]
        if entry is None:
            en, type_, alt, native, country, source = self._rows[number]
            entry = self._entries[number] = Entry(en, type_, tuple(alt), tuple(native), country, source)
        return entry

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, spelling: str, langs: Iterable[str] | None) -> Rendering | None:
        """The rendering ``spelling`` is, in one of ``langs`` (None: any), if it names one entry."""
        if spelling in self.english:
            return None
        pairs = self._forms.get(spelling)
        found = [(number, lang, spelling) for number, lang in _pairs(pairs)] if pairs else []
        folded = fold_diacritics(spelling)
        if not found and (folded != spelling or " " in spelling):  # never "Island" for "Ísland"
            flat = self._folded.get(folded, ())
            found = [(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)]
        allowed = None if langs is None else set(langs) | {"native"}
        found = [r for r in found if allowed is None or r[1] in allowed]
        if len({number for number, _, _ in found}) != 1:
            return None
        number, lang, form = found[0]
        return Rendering(self._entry(number), lang, form)

    def spellings(self) -> Iterator[str]:
        """Every spelling :meth:`lookup` finds as written."""
        return iter(self._forms)

    def folded_spellings(self) -> Iterator[str]:
        """Every accent-free key :meth:`lookup` finds a spelling by."""
        return iter(self._folded)

    def forms(self) -> Iterator[Rendering]:
        for form, pairs in self._forms.items():
            for number, lang in _pairs(pairs):
                yield Rendering(self._entry(number), lang, form)


def _pairs(pairs: list[Any] | str) -> Iterator[tuple[int, str]]:
    """(entry number, orthography) of each entry a spelling renders: a ``_forms`` value as built, or as indexed.

    >>> list(_pairs([12, "de", 40, "native"])), list(_pairs("12:de 40:native"))
    ([(12, 'de'), (40, 'native')], [(12, 'de'), (40, 'native')])
    """
    if isinstance(pairs, str):
        for pair in pairs.split(" "):
            number, _, lang = pair.partition(":")
            yield int(number), lang
    else:
        yield from zip(pairs[::2], pairs[1::2])


# Words English writes in full or abbreviated alike in a place's name ("Saint Vincent", "St. Vincent").
_ABBREVIATED = {"Saint": ("St.", "St"), "Sainte": ("Ste.", "Ste"), "Mount": ("Mt.", "Mt"), "Fort": ("Ft.", "Ft")}
_EXPANDED = {short: full for full, shorts in _ABBREVIATED.items() for short in shorts}
_ABBREVIABLE = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, [*_ABBREVIATED, *_EXPANDED])) + r")(?!\S)")


def english_forms(names: Iterable[str]) -> set[str]:
    """A registry's English forms, each also with its "Saint", "Mount" or "Fort" abbreviated, or its abbreviation
    written in full: a rendering that reads so is English, never looked up ("Saint Vincent" was the "Italian
    spelling" of St. Vincent in a post-edit of MLQE-PE).

    >>> sorted(english_forms(["St. Vincent", "Vrangel"]))
    ['Saint Vincent', 'St. Vincent', 'Vrangel']
    >>> sorted(english_forms(["Mount Everest"]))
    ['Mount Everest', 'Mt Everest', 'Mt. Everest']
    """
    found = set(names)
    for name in [name for name in found if _ABBREVIABLE.search(name)]:  # a few names (the registry loads at start)
        words = name.split(" ")
        for index, word in enumerate(words):
            for other in _ABBREVIATED.get(word, ()) + ((_EXPANDED[word],) if word in _EXPANDED else ()):
                found.add(" ".join([*words[:index], other, *words[index + 1 :]]))
    return found


def _shortening(form: str, english: Iterable[str]) -> bool:
    """Whether ``form`` is some of an English form's words, in order ("Galápagos" of "Galápagos Islands"):
    English shortens names that way too, so it is no source-language spelling.

    >>> _shortening("Galápagos", ["Galápagos Islands"]), _shortening("Selenskyj", ["Volodymyr Zelensky"])
    (True, False)
    """
    padded = f" {form} "
    return any(padded in f" {name} " for name in english if name != form)


class RegistryFileError(CopyeditError):
    """A registry file (or a file imported into one) that cannot be read: names the file and the line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


_ORTHOGRAPHY = re.compile(r"[^\s:]+")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def read_registry_text(text: str, path: str = DATA) -> Iterator[RegistryItem]:
    """The entries of a registry file's text (``path`` names it in errors): line 1 a JSON object naming the
    sources, then one JSON object per entry (``en`` and ``type`` required; ``alt``, ``native`` lists of strings;
    ``forms`` orthography -> list of strings; ``country``, ``source``, ``role`` strings). Anything else raises
    :class:`RegistryFileError`.

    >>> list(read_registry_text('{}\\n{"en": "Kyiv"}', "house.jsonl"))
    Traceback (most recent call last):
    copyedit.names_registry.RegistryFileError: house.jsonl:2: 'type' must be a non-empty string
    """
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise RegistryFileError(path, number, f"not a JSON object: {error.msg} (column {error.colno})") from None
        if not isinstance(row, dict):
            raise RegistryFileError(path, number, "not a JSON object")
        if number == 1:
            continue  # the header naming the sources
        for key in ("en", "type"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise RegistryFileError(path, number, f"{key!r} must be a non-empty string")
        for key in ("alt", "native"):
            if key in row and not _strings(row[key]):
                raise RegistryFileError(path, number, f"{key!r} must be a list of non-empty strings")
        for key in ("country", "source", "role"):
            if key in row and not isinstance(row[key], str):
                raise RegistryFileError(path, number, f"{key!r} must be a string")
        forms = row.get("forms", {})
        if not isinstance(forms, dict) or not all(isinstance(k, str) and _strings(v) for k, v in forms.items()):
            raise RegistryFileError(path, number, "'forms' must map orthographies to lists of non-empty strings")
        for orthography in forms:
            if not _ORTHOGRAPHY.fullmatch(orthography):  # the index writes "number:orthography number:orthography"
                raise RegistryFileError(path, number, f"orthography {orthography!r} in 'forms' must be a code such as 'de' or 'native'")
        entry = Entry(row["en"], row["type"], tuple(row.get("alt", ())), tuple(row.get("native", ())),
                      row.get("country", ""), row.get("source", ""))
        yield entry, forms


def read_registry_file(path: str) -> list[RegistryItem]:
    """The entries of a registry file in the shipped format (a house registry: ``copyedit names import``)."""
    return list(read_registry_text(_read_house_file(path), path))


def _read_house_file(path: str) -> str:
    try:
        return read_named_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryFileError(path, None, reading_problem(path, error)) from None


def _index_of(raw: bytes) -> Registry | None:
    """The registry from the shipped index, if it is the index of the registry file ``raw``."""
    try:
        index = json.loads(resources.files(__name__).joinpath("data").joinpath(INDEX).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("sha256") != hashlib.sha256(raw).hexdigest():
        return None
    return Registry.from_index(index)


def write_index(path: str | Path | None = None) -> Path:
    """Write the index of the registry file ``path`` (the shipped one by default) next to it, as
    ``registry.index.json``: what :func:`load_registry` would otherwise compute at every start."""
    source = Path(path) if path is not None else Path(str(resources.files(__name__).joinpath("data").joinpath(DATA)))
    raw = source.read_bytes()
    index = {"sha256": hashlib.sha256(raw).hexdigest(), **Registry(read_registry_text(raw.decode("utf-8"), str(source))).index()}
    target = source.with_name(INDEX)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return target


def house_registry_files(options: Mapping[str, Any]) -> tuple[str, ...]:
    """The house registry files of the ``names_registry`` option (the ``names-registry`` configuration key): a path
    or a list of paths to files ``copyedit names import`` wrote."""
    paths = options.get("names_registry", ())
    paths = (paths,) if isinstance(paths, str) else paths
    if not isinstance(paths, (list, tuple)) or not all(isinstance(path, str) for path in paths):
        raise ValueError("option 'names_registry' must be a path or a list of paths to registry files")
    return tuple(paths)


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The shipped registry (read once per process), with the entries of the house registry files ``extra``
    (see :func:`_with_house_entries`); a spelling two entries share is never looked up.
    """
    if not extra:
        return _shipped_registry()
    texts = [(path, _read_house_file(path)) for path in extra]
    digest = hashlib.sha256()
    for path, text in texts:
        digest.update(f"{path}\0{len(text)}\0{text}\0".encode("utf-8", "surrogatepass"))

    def build() -> dict[str, Any]:
        raw = resources.files(__name__).joinpath("data").joinpath(DATA).read_bytes()
        shipped = list(read_registry_text(raw.decode("utf-8")))
        house = [item for path, text in texts for item in read_registry_text(text, path)]
        return Registry(_with_house_entries(shipped, house)).index()

    # kept in the cache as its index: 50,000 house names take 6 s of CPU to build, 1 s to read back
    return Registry.from_index(kept("house-registry", dict, build, digest.hexdigest()))


# Types of places; "place" is one of unknown kind (ParaNames says LOC for a city, a country and a region alike).
_PLACE_TYPES = frozenset({"country", "city", "region", "place"})


def _with_house_entries(shipped: list[RegistryItem], house: list[RegistryItem]) -> list[RegistryItem]:
    """The shipped entries with the house's: a house entry of the same English form and type as one shipped entry
    (a house ``place`` and a shipped city, country or region alike) is merged into it, its spellings added to
    the shipped ones, so a house registry that agrees with the shipped one never takes a shipped fix away
    (a spelling both entries had would be shared, and never looked up). Any other house entry is added.

    >>> kyiv = Entry("Kyiv", "city", ("Kiev",), ("Київ",), "UA", "CLDR")
    >>> house = Entry("Kyiv", "place", (), (), "", "ParaNames Q1899")
    >>> [(e.type, e.alt, e.source, forms) for e, forms in _with_house_entries(
    ...     [(kyiv, {"pl": ["Kijów"], "de": ["Kiew"]})], [(house, {"pl": ["Kijów", "Kijow"]})])]
    [('city', ('Kiev',), 'CLDR; ParaNames Q1899', {'pl': ['Kijów', 'Kijow'], 'de': ['Kiew']})]
    """
    by_english: dict[str, list[int]] = {}
    for number, (entry, _) in enumerate(shipped):
        by_english.setdefault(entry.en, []).append(number)
    merged, added = list(shipped), []
    for entry, forms in house:
        same = [number for number in by_english.get(entry.en, ()) if _same_kind(entry.type, shipped[number][0].type)]
        if len(same) == 1:
            merged[same[0]] = _merged(merged[same[0]], (entry, forms))
        else:  # a new entity, or a "place" the shipped registry has as two (Andorra the country and the city)
            added.append((entry, forms))
    return merged + added


def _same_kind(one: str, other: str) -> bool:
    """Whether entries of types ``one`` and ``other`` with one English form name one entity.

    >>> _same_kind("city", "city"), _same_kind("place", "country"), _same_kind("region", "country"), _same_kind("place", "person")
    (True, True, False, False)
    """
    return one == other or ("place" in (one, other) and {one, other} <= _PLACE_TYPES)


def _merged(shipped: RegistryItem, house: RegistryItem) -> RegistryItem:
    """A shipped entry with a house entry of the same entity: names and spellings of both, the house's country and
    the more precise type."""
    (old, old_forms), (new, new_forms) = shipped, house
    forms = {lang: list(spellings) for lang, spellings in old_forms.items()}
    for lang, spellings in new_forms.items():
        forms[lang] = list(dict.fromkeys([*forms.get(lang, []), *spellings]))
    entry = Entry(
        old.en,
        old.type if new.type == "place" else new.type,
        tuple(dict.fromkeys(old.alt + new.alt)),
        tuple(dict.fromkeys(old.native + new.native)),
        new.country or old.country,
        "; ".join(dict.fromkeys(source for source in (old.source, new.source) if source)),
    )
    return entry, forms


@kept_once("names-registry", Registry)
def _shipped_registry() -> Registry:
    """The shipped registry, from its index when the index is the registry file's (kept in the cache:
    reading it back takes two thirds of the time the index takes)."""
    raw = resources.files(__name__).joinpath("data").joinpath(DATA).read_bytes()
    indexed = _index_of(raw)
    return indexed if indexed is not None else Registry(read_registry_text(raw.decode("utf-8")))
