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

from ..names import fold_diacritics

DATA = "registry.jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    en: str
    type: str  # person | country | city
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


def _read(text: str) -> Iterator[tuple[Entry, dict[str, list[str]]]]:
    lines = text.splitlines()
    for line in lines[1:]:  # the first line is the header naming the sources
        row = json.loads(line)
        entry = Entry(row["en"], row["type"], tuple(row.get("alt", ())), tuple(row.get("native", ())),
                      row.get("country", ""), row.get("source", ""))
        yield entry, row.get("forms", {})


@functools.lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The shipped registry (read once per process)."""
    text = resources.files(__name__).joinpath("data", DATA).read_text(encoding="utf-8")
    return Registry(_read(text))
