"""``names``: people and places with their one right spelling (``canonical``) and the wrong ones
(``variants``, plus forms generated from ``parts`` and ``native`` scripts), in the shared automaton.

A generated form that is somebody else's name, or that two entries both generate, is dropped:
distinct people are never merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..errors import RuleError
from ..names import generate_variants
from .base import Kind, LineMap, Options, Origin, Rule, Term

KEYS = {"entries": True}
ENTRY_KEYS = {
    "canonical": True, "variants": False, "parts": False, "generate": False, "note": False, "native": False, "country": False,
}


@dataclass(frozen=True)
class NameEntry:
    canonical: str
    explicit: frozenset[str]
    generated: frozenset[str]
    # ISO 3166 code of the person's country: a source in another language must name the country for the
    # source-names check (LQ204) to expect this person (范明政 may be a Chinese name as well as Vietnam's premier)
    country: str | None = None


@dataclass(frozen=True)
class NamesOptions(Options):
    entries: tuple[NameEntry, ...]


def parse(raw: Mapping[str, Any], origin: Origin) -> NamesOptions:
    return NamesOptions(name_entries(raw["entries"], origin))


def name_entries(raw: Any, origin: Origin) -> tuple[NameEntry, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("'entries' must be a list of {canonical, variants, parts}", "entries")
    entries: list[NameEntry] = []
    owner: dict[str, str] = {}
    for item in raw:
        line = item.line if isinstance(item, LineMap) else None

        def fail(problem: str) -> RuleError:
            return RuleError(origin.path, line, origin.code, problem)  # noqa: B023 - raised at once

        if not isinstance(item, dict) or "canonical" not in item:
            raise fail("each entry needs a 'canonical' form")
        unknown = set(item) - set(ENTRY_KEYS)
        if unknown:
            raise fail(f"unknown entry key {sorted(unknown)[0]!r}")
        canonical = item["canonical"]
        variants = item.get("variants", [])
        parts = item.get("parts")
        if not isinstance(canonical, str) or not canonical.strip():
            raise fail("'canonical' is the name's right form, as text")
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            raise fail(f"'variants' of {canonical!r} is a list of its wrong forms, each text")
        generate = item.get("generate", True)
        if not isinstance(generate, bool):
            raise fail("'generate' must be true or false")
        if parts is not None and not (
            isinstance(parts, list) and all(isinstance(p, list) and p and all(isinstance(t, str) for t in p) for p in parts)
        ):
            raise fail("'parts' is a list of lists of alternative tokens")
        native = item.get("native")
        if native is not None and not (isinstance(native, list) and native and all(isinstance(n, str) and n for n in native)):
            raise fail("'native' is a list of the name's native-script forms")
        country = item.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper() and country.isascii()):
            raise fail("'country' is a two-letter ISO 3166 code in capitals")
        explicit, generated = generate_variants(canonical, variants, parts, generate, native)
        for variant in explicit:
            if owner.get(variant, canonical) != canonical:
                raise fail(f"variant {variant!r} is listed for both {owner[variant]!r} and {canonical!r}")
            owner[variant] = canonical
        entries.append(NameEntry(canonical, frozenset(explicit), frozenset(generated), country))
    canonicals = {entry.canonical for entry in entries}
    generated_by: dict[str, int] = {}
    for entry in entries:
        for form in entry.generated:
            generated_by[form] = generated_by.get(form, 0) + 1
    taken = set(owner) | canonicals | {form for form, count in generated_by.items() if count > 1}
    return tuple(
        NameEntry(e.canonical, e.explicit, frozenset(g for g in e.generated if g not in taken), e.country) for e in entries
    )


def entries(rule: Rule) -> tuple[NameEntry, ...]:
    """The entries of a ``names`` rule."""
    assert isinstance(rule.options, NamesOptions)
    return rule.options.entries


def terms(rule: Rule) -> Iterator[Term]:
    for entry in entries(rule):  # in the same order in every process: the term scan's database is kept (kept_database)
        for variant in sorted(entry.explicit):
            yield Term(variant, rule, entry.canonical, False, case_sensitive=True)
        for variant in sorted(entry.generated):
            note = f"“{{match}}” looks like a misspelling of {entry.canonical}"
            yield Term(variant, rule, entry.canonical, False, case_sensitive=True, message=note)


KIND = Kind("names", KEYS, parse, terms=terms)
