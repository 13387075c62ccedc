"""Spelling variants of registered names, generated the way MT and wire services garble them.

A registry entry gives the canonical form and, optionally, explicit variants and per-token
alternatives (``parts``). From these we generate: every combination of the parts, hyphen
and space between tokens, diacritics folded (Turkish ı/İ included), and the Turkish
rendering of the canonical form (sh → ş, ch → ç, zh → j, j → c, kh → h), which is what a
Turkish → English system leaves behind ("Lukaşenko", "Paşinyan").
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from typing import cast

import regex

_FOLD_SPECIAL = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})
_TURKISH = {"kh": "h", "zh": "j", "sh": "ş", "ch": "ç", "j": "c"}
_TURKISH_PATTERN = regex.compile(r"kh|zh|sh|ch|j", regex.IGNORECASE)
_SEPARATOR = regex.compile(r"(?<=\w)[ -](?=\w)")


def fold_diacritics(text: str) -> str:
    """Strip accents, as an English keyboard or an ASCII-only pipeline would.

    >>> fold_diacritics("Kasım Cömert İnan Lukaşenko")
    'Kasim Comert Inan Lukasenko'
    """
    if text.isascii():  # nothing to fold (and the commonest case)
        return text
    # names and words recur from article to article, and are short: their folded forms are kept
    return _folded_word(text) if len(text) <= 40 else _folded(text)


@functools.lru_cache(maxsize=65536)
def _folded_word(text: str) -> str:
    return _folded(text)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def turkish_rendering(text: str) -> str:
    """How Turkish spelling renders an English transliteration.

    >>> turkish_rendering("Alexander Lukashenko"), turkish_rendering("Sadyr Japarov")
    ('Alexander Lukaşenko', 'Sadyr Caparov')
    """

    def swap(match: regex.Match[str]) -> str:
        found = match.group()
        replacement = _TURKISH[found.lower()]
        return replacement.capitalize() if found[0].isupper() else replacement

    return cast(str, _TURKISH_PATTERN.sub(swap, text))  # regex ships no types


def separator_variants(name: str) -> set[str]:
    """Every choice of hyphen or space between the tokens of a name.

    >>> sorted(separator_variants("Kassym-Jomart Tokayev"))[:2]
    ['Kassym Jomart Tokayev', 'Kassym Jomart-Tokayev']
    """
    pieces = _SEPARATOR.split(name)
    if len(pieces) == 1:
        return {name}
    if len(pieces) > 6:  # long organisation names: keep the forms given
        return {name}
    return {
        "".join(itertools.chain.from_iterable(zip(pieces, seps + ("",))))
        for seps in itertools.product(" -", repeat=len(pieces) - 1)
    }


def generate_variants(
    canonical: str,
    variants: list[str],
    parts: list[list[str]] | None,
    generate: bool = True,
    native: list[str] | None = None,
) -> tuple[set[str], set[str]]:
    """The explicit variants and the generated ones (canonical excluded), as two sets.

    Native-script forms (``native``) are explicit variants; their Latin transliterations
    (:func:`copyedit.transliteration.latin_variants`) seed the generated ones.

    >>> explicit, generated = generate_variants("Kassym-Jomart Tokayev", [], [["Kassym", "Kasım"], ["Jomart", "Cömert"], ["Tokayev"]])
    >>> "Kasım Cömert Tokayev" in explicit, "Kasim Comert Tokayev" in generated
    (True, True)
    >>> explicit, generated = generate_variants("Alikhan Smailov", [], None, native=["Алихан Смаилов"])
    >>> "Алихан Смаилов" in explicit, "Alihan Smailov" in generated
    (True, True)
    """
    explicit = set(variants) | set(native or ())
    if parts:
        for tokens in itertools.product(*parts):
            explicit.add(" ".join(tokens))
            explicit.add("-".join(tokens[:-1]) + " " + tokens[-1] if len(tokens) > 1 else tokens[0])
    generated: set[str] = set()
    if generate:
        seeds = explicit | {canonical, turkish_rendering(canonical)}
        if native:
            from .transliteration import latin_variants  # needs iuliia: loaded only for native forms

            seeds |= {latin for form in native for latin in latin_variants(form)}
        for seed in seeds:
            for form in separator_variants(seed):
                generated.add(form)
                generated.add(fold_diacritics(form))
    generated -= explicit
    explicit.discard(canonical)
    generated.discard(canonical)
    return explicit, generated
