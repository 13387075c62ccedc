"""A registry of people and places in the news, with their spellings in each source orthography.

The registry ships as ``data/registry.jsonl`` (built by ``python scripts/build_names_registry.py``
from the sources named in :mod:`copyedit.names_registry.build`). Each entry has its English form
(``en``), other accepted English forms (``alt``: house style, never flagged), native forms, where
the English form comes from (``source``) and, per orthography (``de``, ``tr``, ``pl``, … and
``native`` for a Latin-script native form), the spellings MT leaves behind.

>>> registry = load_registry()
>>> registry.lookup("Wolodymyr Selenskyj", None).entry.en, registry.lookup("Kijów", ("pl",)).lang
('Volodymyr Zelensky', 'pl')
>>> registry.lookup("Kijów", ("de",)) is None, registry.lookup("Kiev", None) is None
(True, True)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CopyeditError
from ..names import fold_diacritics

DATA = "registry.jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    en: str
    type: str  # person | country | city | region | place | organisation
    alt: tuple[str, ...]
    native: tuple[str, ...]
    country: str
    source: str


@dataclass(frozen=True, slots=True)
class Rendering:
    entry: Entry
    lang: str  # the orthography whose spelling this is ("native": the name's own Latin spelling)
    form: str


class Registry:
    """Spellings -> entries. A spelling known for two entries is never looked up (never merge)."""

    def __init__(self, entries: Iterable[tuple[Entry, dict[str, list[str]]]]) -> None:
        self.entries: list[Entry] = []
        self._forms: dict[str, list[Rendering]] = {}
        self.english: set[str] = set()
        for entry, forms in entries:
            self.entries.append(entry)
            self.english.update((entry.en, *entry.alt))
            for lang, spellings in forms.items():
                for form in spellings:
                    if not _shortening(form, (entry.en, *entry.alt)):
                        self._forms.setdefault(form, []).append(Rendering(entry, lang, form))
        # Accent-free keys, so "Volodímir Zelenski" finds "Volodimir Zelenski".
        self._folded: dict[str, list[Rendering]] = {}
        for form, renderings in self._forms.items():
            key = fold_diacritics(form)
            if key != form and key not in self.english:
                self._folded.setdefault(key, []).extend(renderings)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, spelling: str, langs: Iterable[str] | None) -> Rendering | None:
        """The rendering ``spelling`` is, in one of ``langs`` (None: any), if it names one entry."""
        if spelling in self.english:
            return None
        found = self._forms.get(spelling, [])
        folded = fold_diacritics(spelling)
        if not found and (folded != spelling or " " in spelling):  # never "Island" for "Ísland"
            found = self._folded.get(folded, [])
        allowed = None if langs is None else set(langs) | {"native"}
        found = [r for r in found if allowed is None or r.lang in allowed]
        if len({id(r.entry) for r in found}) != 1:
            return None
        return found[0]

    def forms(self) -> Iterator[Rendering]:
        for renderings in self._forms.values():
            yield from renderings


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


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _read(text: str, path: str = DATA) -> Iterator[tuple[Entry, dict[str, list[str]]]]:
    """The entries of a registry file: line 1 a JSON object naming the sources, then one JSON object per entry
    (``en`` and ``type`` required; ``alt``, ``native`` lists of strings; ``forms`` orthography -> list of
    strings; ``country``, ``source``, ``role`` strings). Anything else raises :class:`RegistryFileError`.

    >>> list(_read('{}\\n{"en": "Kyiv"}', "house.jsonl"))
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
        entry = Entry(row["en"], row["type"], tuple(row.get("alt", ())), tuple(row.get("native", ())),
                      row.get("country", ""), row.get("source", ""))
        yield entry, forms


def read_registry_file(path: str) -> list[tuple[Entry, dict[str, list[str]]]]:
    """The entries of a registry file in the shipped format (a house registry: ``copyedit names import``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryFileError(path, None, f"cannot read the registry: {error}") from None
    return list(_read(text, path))


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The shipped registry (read once per process), with the entries of the house registry files ``extra``.

    A house entry replaces the shipped entry of the same English form and type; a spelling two entries
    share is never looked up.
    """
    text = resources.files(__name__).joinpath("data", DATA).read_text(encoding="utf-8")
    entries = list(_read(text))
    if extra:
        house = [item for path in extra for item in read_registry_file(path)]
        replaced = {(entry.en, entry.type) for entry, _ in house}
        entries = [item for item in entries if (item[0].en, item[0].type) not in replaced] + house
    return Registry(entries)
