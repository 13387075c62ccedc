"""The registry's checks: names left in a source orthography (NM103), and leftovers no registry knows (NM104).

>>> from copyedit.kinds.base import Context
>>> from types import SimpleNamespace
>>> doc = SimpleNamespace(text="President Wolodymyr Selenskyj visited Bachmut.")
>>> [(doc.text[h.start:h.end], h.replacement) for h in registry_names(doc, Context(source_lang="de"))]
[('Wolodymyr Selenskyj', 'Volodymyr Zelensky'), ('Bachmut', 'Bakhmut')]
>>> [doc.text[h.start:h.end] for h in registry_names(doc, Context())]  # one ASCII word: only from German
['Wolodymyr Selenskyj']
>>> doc = SimpleNamespace(text="Gündoğdu and Szczęsny met in Łęczna.")
>>> [(doc.text[h.start:h.end], h.replacement) for h in leftovers(doc, Context())]
[('Gündoğdu', 'Gundogdu'), ('Szczęsny', 'Szczesny'), ('Łęczna', 'Leczna')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set as AbstractSet
from dataclasses import dataclass
from itertools import repeat
from typing import Any, cast

import regex

from ..index import TextIndex, capitalised_word, capitalised_words, text_index
from ..kinds.base import Context, Hit
from ..model import Applicability
from ..names import fold_diacritics
from ..qa.names import registry_entries, registry_sources, split_tokens
from ..rule_cache import kept
from . import Registry, Rendering, house_registry_files, load_registry
from .orthography import ORTHOGRAPHIES

LANGUAGE_NAMES = {
    "tr": "Turkish", "az": "Azerbaijani", "uz": "Uzbek", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pt": "Portuguese", "pl": "Polish", "cs": "Czech", "ro": "Romanian", "nl": "Dutch",
    "is": "Icelandic", "native": "native",
}
MAX_WORDS = 5
_NO_WORDS: frozenset[str] = frozenset()
# Words before a single-word name that make it a person ("President Erdoğan").
_TITLE = regex.compile(r"(?:President|Minister|Premier|Chancellor|Mr|Mrs|Ms|Dr|General|Gen\.|Governor|Mayor|Leader|Sheikh|Prince|King|Queen)\.? \Z")
# Letters of source orthographies that English never uses, and the German/Czech "-yj" ending.
# Not Icelandic þ and ð: human translators keep them as often as MT does (0.57 and 0.51 flags per 1,000
# words on the WMT21 is-en references and MT outputs), so they are house style, like accents. Nor Romanian
# ș ț ă: the MLQE-PE post-editors kept them in 328 names ("Iași", "Târgu Mureș"), as English reference works do.
_FOREIGN_LETTERS = "ıİşŞğĞəƏłŁżŻśŚźŹńŃąĄęĘřŘěĚůŮß"
_LEFTOVER = regex.compile(rf"[{_FOREIGN_LETTERS}]|\p{{Ll}}[yi]j\Z")
_FOREIGN_LETTER = re.compile(f"[{_FOREIGN_LETTERS}]")
# The languages whose alphabets have each of those letters (ş is also Romanian's s-comma as old fonts write it).
_LETTER_LANGUAGES: dict[str, frozenset[str]] = {
    letter: frozenset(langs)
    for letters, langs in (
        ("ıİğĞ", ("tr", "az")), ("şŞ", ("tr", "az", "ro")), ("əƏ", ("az",)), ("łŁśŚźŹńŃ", ("pl",)), ("żŻ", ("pl", "mt")),
        ("ąĄęĘ", ("pl", "lt")), ("řŘěĚůŮ", ("cs",)), ("ß", ("de",)),
    )
    for letter in letters
}
assert set(_LETTER_LANGUAGES) == set(_FOREIGN_LETTERS)
# English news writes Turkish and Polish names without their marks (Besiktas, Kilicdaroglu, Walesa, Lezajsk), and
# Azerbaijani ones as they sound (Shusha for Şuşa, Shaki for Şəki: a word with ə is Azerbaijani)
_ENGLISH_SPELLING = str.maketrans({
    "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ə": "a", "Ə": "A", "ł": "l", "Ł": "L", "ż": "z",
    "Ż": "Z", "ř": "r", "Ř": "R", "ß": "ss", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D",
})
_AZERBAIJANI_SPELLING = str.maketrans({"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch"})


def _langs(context: Context) -> tuple[str, ...] | None:
    """The orthographies whose renderings apply: the source language's, or all when it is unknown."""
    lang = context.given_source_language
    return (lang,) if lang in ORTHOGRAPHIES or lang == "is" else None


def _target(rendering: Rendering, house: Mapping[str, Any]) -> str:
    """The English form the house writes for this entry (``names_house_style``: ``{"Kyiv": "Kiev"}``)."""
    chosen = house.get(rendering.entry.en, rendering.entry.en)
    if house.get("accents") == "strip":
        chosen = fold_diacritics(chosen)
    return str(chosen)


def _house(context: Context) -> Mapping[str, Any]:
    """The ``names_house_style`` option: English form -> the house's choice, and ``accents: strip``; a mapping or
    (being part of a hashable :class:`~copyedit.Config`) a tuple of pairs."""
    house = context.options.get("names_house_style", {})
    try:
        return dict(house)
    except (TypeError, ValueError):
        raise ValueError("option 'names_house_style' must map English forms to the house's choice") from None


def _registry(context: Context) -> Registry:
    """The shipped registry, with the house registry files of the ``names_registry`` option (the
    ``names-registry`` configuration key): a path or a list of paths to files ``copyedit names import`` wrote."""
    return load_registry(house_registry_files(context.options))


def registry_names(doc: Any, context: Context, max_words: int = MAX_WORDS) -> Iterator[Hit]:
    """Names and places written as a source language writes them ("Selenskyj", "Kijów"), as unsafe fixes.

    The longest run of capitalised words that is a registered rendering wins. A rendering of several
    words is matched anywhere; a one-word rendering of a person only after a title ("President"), a
    one-word place anywhere (renderings that are English words were dropped when the registry was
    built). The fix is the registry's English form, or the house's choice of it.
    """
    registry = _registry(context)
    house = _house(context)
    found = text_index(doc)
    words = found.capitalised_words
    # Every word may start a spelling while a process reads its first few documents (see _read_directly).
    starts = words if _read_directly(len(words)) else _starts(registry, found)
    if not starts:
        return
    spellings = _spellings(registry)
    langs = _langs(context)
    text = doc.text
    for run in found.capitalised_runs:
        index = 0
        while index < len(run):
            if run[index][2] not in starts:
                index += 1
                continue
            for size in range(min(max_words, len(run) - index), 0, -1):
                start, end = run[index][0], run[index + size - 1][1]
                spelling = text[start:end]
                if spelling in registry.english:
                    # An English form takes its words: "Galápagos" inside "Galápagos Islands" is not a rendering.
                    index += size
                    break
                if spelling not in spellings and (spelling.isascii() or fold_diacritics(spelling) not in spellings):
                    continue  # no spelling the registry could find it by (see Registry.lookup)
                rendering = registry.lookup(spelling, langs)
                if rendering is None or (size == 1 and not _alone(rendering, langs, text, start)):
                    continue
                target = _target(rendering, house)
                if target != spelling:
                    language = LANGUAGE_NAMES.get(rendering.lang, rendering.lang)
                    # found by its letters alone: "Viet Nam" is the French "Viêt Nam" less its accents, said so
                    what = (
                        f"the {language} spelling of {target}" if rendering.form == spelling
                        else f"{target} as {language} writes it (“{rendering.form}”), less its accents"
                    )
                    yield Hit(
                        start, end, target,
                        message=f"“{spelling}” is {what}; English uses “{target}” (registry: {rendering.entry.source})",
                        applicability=Applicability.UNSAFE,
                    )
                index += size
                break
            else:
                index += 1


# The first documents a process checks are read without the registry's start words (_starts), which take
# about 35 ms to build (10 ms to read back once kept): more than looking up each window of a few documents
# costs, and a command-line check of one file reads no more. The start words only pass over windows that no
# lookup could find, so either way the findings are the same. After this many distinct words, the start words
# are built.
_DIRECT_WORDS = 1_000
_direct_words = 0


def preload() -> None:
    """Build the shipped registry's start words now, and read every document with them: a long-running
    process (``copyedit serve``) would otherwise build them in the middle of a request, ~35 ms of it."""
    global _direct_words
    _known(load_registry(()))
    _direct_words = _DIRECT_WORDS + 1


def _read_directly(words: int) -> bool:
    """Whether to read a document with ``words`` distinct capitalised words window by window (the count
    only grows: once past the limit, the start words serve every document after)."""
    global _direct_words
    _direct_words += words
    return _direct_words <= _DIRECT_WORDS


def _starts(registry: Registry, found: TextIndex) -> AbstractSet[str]:
    """The words of a document that a spelling the registry knows may start with (none when no such
    spelling can be there)."""
    known = _known(registry)
    # Runs are read from the words a spelling the registry knows starts with (a few words of an article):
    # a word in ``known.starts``, or whose accent-free form is in ``known.folded_starts``.
    words = found.capitalised_words
    starts = words & known.either_starts  # what that says of a word that folding leaves alone
    # A text whose capitalised words are all ASCII (its other letters beyond it: a Chinese fragment, an accented
    # word in lower case, as MT leaves them) has only ASCII spellings, and is read as a text of ASCII letters.
    if not found.ascii_letters and not all(map(str.isascii, words)):
        chosen = set(starts)
        for word in words:
            unaccented = fold_diacritics(word)
            if unaccented != word:
                if word in known.starts or unaccented in known.folded_starts:
                    chosen.add(word)
                else:
                    chosen.discard(word)
        return chosen
    second_words = map(known.second_words.get, starts, repeat(_NO_WORDS))
    if starts.isdisjoint(known.spellings) and all(map(words.isdisjoint, second_words)):
        # No spelling the registry knows has all its words here (its first two, for this test): most articles.
        # In a text of ASCII letters a spelling and its accent-free form are one, and a word is what it looks like.
        return _NO_WORDS
    return starts


@dataclass(frozen=True)
class _Known:
    """What a registry's lookups can find, for passing over what they cannot."""

    starts: frozenset[str]  # the first words of the registry's spellings and English forms
    folded_starts: frozenset[str]  # the first words of its accent-free keys
    either_starts: frozenset[str]  # both
    spellings: frozenset[str]  # every spelling and accent-free key: a lookup of anything else finds nothing
    second_words: Mapping[str, frozenset[str]]  # first word of a spelling of several words -> the second words


@functools.lru_cache(maxsize=8)
def _spellings(registry: Registry) -> frozenset[str]:
    """Every spelling and accent-free key of the registry: a lookup of anything else finds nothing."""
    return frozenset((*registry.spellings(), *registry.folded_spellings()))


@functools.lru_cache(maxsize=8)
def _known(registry: Registry) -> _Known:
    """What the registry's lookups can find: the shipped registry's is kept in the user's cache folder
    (:func:`copyedit.rule_cache.kept`: about 40 ms of CPU to build, 10 ms to read back), a house registry's built."""
    if registry is load_registry(()):
        return kept("registry-start-words", _Known, lambda: _start_words(registry))
    return _start_words(registry)


def _start_words(registry: Registry) -> _Known:
    def first(spellings: Iterable[str]) -> frozenset[str]:
        return frozenset(found for spelling in spellings if (found := capitalised_word(spelling)))

    starts, folded_starts = first((*registry.spellings(), *registry.english)), first(registry.folded_spellings())
    spellings = _spellings(registry)
    second_words: dict[str, set[str]] = {}
    for spelling in spellings:
        words = capitalised_words(spelling)
        if len(words) > 1:
            second_words.setdefault(words[0], set()).add(words[1])
    return _Known(
        starts, folded_starts, starts | folded_starts, spellings, {word: frozenset(s) for word, s in second_words.items()}
    )


def _alone(found: Rendering, langs: tuple[str, ...] | None, text: str, start: int) -> bool:
    """Whether a one-word rendering may be matched: a person after a title; a place spelled with a letter
    English spells without ("Kijów"), or in the known source language's spelling ("Bachmut" from German)."""
    if found.entry.type == "person":
        return _TITLE.search(text, 0, start) is not None
    return langs is not None and found.lang in langs or not found.form.isascii()


def english_spelling(word: str) -> str:
    """How English writes a word spelled with a source orthography's letters (a suggestion only).

    >>> english_spelling("Erdoğan"), english_spelling("Selenskyj"), english_spelling("Kılıçdaroğlu")
    ('Erdogan', 'Selensky', 'Kilicdaroglu')
    >>> english_spelling("Beşiktaş"), english_spelling("Leżajsk"), english_spelling("Şəki"), english_spelling("Heß")
    ('Besiktas', 'Lezajsk', 'Shaki', 'Hess')
    """
    if "ə" in word or "Ə" in word:
        word = word.translate(_AZERBAIJANI_SPELLING)
    spelled = fold_diacritics(word.translate(_ENGLISH_SPELLING))
    return cast(str, regex.sub(r"(?<=\p{Ll})([yi])j\Z", r"\1", spelled))  # regex ships no types


def _has_yj_or_ij(text: str) -> bool:
    """Whether "yj" or "ij" is in ``text``, found from its few j's (quicker than two searches of the text).

    >>> _has_yj_or_ij("Selenskyj"), _has_yj_or_ij("Beijing"), _has_yj_or_ij("jobs: a major project"), _has_yj_or_ij("")
    (True, True, False, False)
    """
    at = text.find("j", 1)
    while at != -1:
        if text[at - 1] in "yi":
            return True
        at = text.find("j", at + 1)
    return False


def leftovers(doc: Any, context: Context, packs: list[str] | None = None) -> Iterator[Hit]:
    """Capitalised words spelled with letters English does not use (ı ş ğ ł ż ś ř ě ß, "-yj"), which the
    registry does not know: a name left in its source spelling. The English spelling is display-only.

    A word of a name that a ``names`` rule lists as a misspelling (NM101's "Kasım Cömert Tokayev") is
    that rule's: it knows the English form (Kassym-Jomart), where this check would guess "Kasim".
    """
    registry = _registry(context)
    found = text_index(doc)
    # Only a word with one of those letters, or ending in "yj" or "ij", may be one: a text with neither
    # has none, and a word of ASCII letters needs its final j.
    if _FOREIGN_LETTER.search(found.non_ascii_characters) is None and not _has_yj_or_ij(doc.text):
        return
    suspects = {w for w in found.capitalised_words if (w[-1] == "j" or not w.isascii()) and _LEFTOVER.search(w)}
    if not suspects:
        return
    langs = _langs(context)
    copied = _copied_from_another_orthography(suspects, context)
    listed: frozenset[tuple[str, ...]] | None = None
    for words in found.capitalised_runs:
        for index, (start, end, word) in enumerate(words):
            if word not in suspects or word in registry.english or word in copied:
                continue
            if registry.lookup(word, langs) is not None or _in_registered_name(registry, doc.text, words, index, langs):
                continue  # NM103's, or the house's accepted form ("Recep Tayyip Erdoğan")
            if listed is None:
                listed = _listed_names(*registry_sources(context, packs))
            if _in_listed_name(words, index, listed):
                continue
            suggestion = english_spelling(word)
            yield Hit(
                start, end, suggestion,
                message=f"“{word}” is spelled with letters English does not use: a name left in its source spelling?"
                f" (perhaps “{suggestion}”)",
                applicability=Applicability.DISPLAY_ONLY,
            )


def _copied_from_another_orthography(words: Iterable[str], context: Context) -> set[str]:
    """The words the source writes as they stand, none of whose letters English does not use is a letter of the
    source's language: a Polish name in an Estonian text ("Władysław", "Kaczyński"), which the source too wrote
    in the name's own spelling, not one the source language gave it ("Kasım" in a Turkish text). The post-editors
    of MLQE-PE kept such names (Estonian and Romanian sources: "Stanisław", "Zamość", "Doğubeyazıt",
    "Friedrichstraße"), as English reference works write them."""
    lang = context.given_source_language
    if context.source is None or not lang:
        return set()
    return {
        word
        for word in words
        if word in context.source
        and not any(lang in _LETTER_LANGUAGES[letter] for letter in word if letter in _LETTER_LANGUAGES)
    }


@functools.lru_cache(maxsize=16)
def _listed_names(packs: tuple[str, ...], paths: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Every Latin spelling of every ``names`` rule's entries (canonical and misspelt), as lower-case words."""
    return frozenset(
        tuple(token.lower() for token in split_tokens(spelling))
        for entry in registry_entries(packs, paths)
        for spelling in (entry.canonical, *entry.spellings)
    )


def _in_registered_name(
    registry: Registry, text: str, words: Sequence[tuple[int, int, str]], index: int, langs: tuple[str, ...] | None
) -> bool:
    """Whether word ``index`` of a run of capitalised words is in a stretch of two to :data:`MAX_WORDS` of them
    that the registry knows: an English form it accepts ("Erdoğan" in "Recep Tayyip Erdoğan") or a rendering
    NM103 reports whole ("Selenskyj" in "Wolodymyr Selenskyj")."""
    for first in range(max(0, index - MAX_WORDS + 1), index + 1):
        for last in range(max(index + 1, first + 2), min(len(words), first + MAX_WORDS) + 1):
            spelling = text[words[first][0] : words[last - 1][1]]
            if spelling in registry.english or registry.lookup(spelling, langs) is not None:
                return True
    return False


def _in_listed_name(words: Sequence[tuple[int, int, str]], index: int, listed: frozenset[tuple[str, ...]]) -> bool:
    """Whether word ``index`` of a run of capitalised words is in a stretch of up to four of them that a
    ``names`` rule lists ("Kasım" in "Kasım Cömert Tokayev").

    >>> run = [(0, 5, "Kasım"), (6, 12, "Cömert"), (13, 20, "Tokayev")]
    >>> _in_listed_name(run, 0, frozenset({("kasım", "cömert", "tokayev")})), _in_listed_name(run, 0, frozenset())
    (True, False)
    """
    for first in range(max(0, index - 3), index + 1):
        for last in range(index + 1, min(len(words), first + 4) + 1):
            tokens = split_tokens(" ".join(word for _, _, word in words[first:last]))
            if tuple(token.lower() for token in tokens) in listed:
                return True
    return False
