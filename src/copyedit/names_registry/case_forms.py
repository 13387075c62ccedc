"""Names MT copied from an inflecting source in a case form English does not use (NM105).

Icelandic declines names: "á Dunhaga" (at Dunhagi), "hjá Landspítalans", "Georges Floyds" (George
Floyd's). MT copies the form it sees, so the English reads "on Dunhaga", "George Floyds". A capitalised
word of the translation that the source has verbatim, and that is an oblique case of a name, is such a
leftover; its nominative is the English form.

The Database of Icelandic Morphology (BÍN, through the ``islenska`` package) reads the case and gives
the nominative. For foreign names BÍN lacks, two endings are read: the genitive "-s" and the weak
feminine "-u" of a known name ("Floyds" of Floyd, "Juliu" of Julia: a census given name or surname,
a word of a registry entry's English form, or a name the document also writes).

>>> from types import SimpleNamespace
>>> source = "Hann ræddi við Juliu Roberts. Morðið á Georges Floyds. Williams sagði það."
>>> doc = SimpleNamespace(text="He talked to Juliu Roberts. The murder of Georges Floyds. Williams said so.")
>>> [(doc.text[h.start:h.end], h.replacement) for h in _endings(doc.text, source)]
[('Juliu', 'Julia'), ('Georges', None), ('Floyds', None)]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Set as AbstractSet
from importlib import resources
from typing import Any

import regex

from ..kinds.base import Context, Hit
from ..loading import load_once
from ..model import Applicability, Span
from ..qa.names import capitalised_runs
from . import load_registry

_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)*")
_UMLAUT = str.maketrans({"ö": "a"})  # "Santönu" is the "-u" form of "Santana"
COMMON = 5_000  # a word ranked this high as a name in the census is a name itself ("Williams"), not a case form
ABSENT = 1 << 30


def _source_is_icelandic(context: Context) -> bool:
    lang = context.given_source_language
    if lang:
        return lang == "is"
    # Icelandic has þ; Faroese, the one other language with ð, does not write it.
    source = context.source or ""
    return source.count("þ") + source.count("Þ") >= 2


def preload() -> None:
    """Load now what the check would load on the first Icelandic source: BÍN, the registry's English
    words and the census names."""
    _bin()
    _english_words()
    _personal_names()


@load_once
def _bin() -> Any:
    from islenska import Bin  # loaded only for an Icelandic source

    return Bin()


@functools.lru_cache(maxsize=16)
def _source_words(source: str) -> frozenset[str]:
    """The capitalised words of a source, read once for all its translations."""
    return frozenset(_WORD.findall(source))


# Keyed on the word and the source's words (the same object for every translation of a source, from
# :func:`_source_words`): BÍN reads each copied name once per source, not once per translation,
# where its lookups took 6% of checking MT output with its source.
@functools.lru_cache(maxsize=4096)
def _nominative(word: str, in_source: frozenset[str] = frozenset()) -> tuple[str, bool] | None:
    """The nominative of a word BÍN reads only as an oblique case ("Dunhaga" → "Dunhagi"), and whether it
    is a name (a proper noun); None when BÍN does not know it, or reads it two ways.

    A word that may also be a nominative ("Ragga" is a name, and "Raggi" in another case) is read as the
    other name's case form only when the source names that other name too ("Raggi" in ``in_source``).
    A name loses its article ("Landspítalans" → "Landspítali"); a common noun keeps its number and
    article ("Bylgjunni" → "Bylgjan").
    """
    database = _bin()
    _, meanings = database.lookup(word)
    if not meanings:
        return None
    if any(m.mark.startswith("NF") for m in meanings):
        others = {m.ord for m in meanings if not m.mark.startswith("NF")} - {m.ord for m in meanings if m.mark.startswith("NF")}
        meanings = [m for m in meanings if m.ord in others and m.ord in in_source]
        if not meanings:
            return None
    # A name is read in the singular when it can be ("Kjartanssyni": dative singular, not accusative plural).
    meanings = [m for m in meanings if "ET" in m.mark] or meanings
    forms = set()
    for meaning in meanings:
        proper = meaning.ord[:1].isupper()
        number = "FT" if "FT" in meaning.mark else "ET"
        article = "gr" if meaning.mark.endswith("gr") and not proper else ""
        if "-" in meaning.mark or "_" in meaning.mark:
            continue  # an adjective's or pronoun's paradigm ("FSB-KK-NFET"): no bare nominative to find
        wanted = f"NF{number}{article}"
        if any(m.bin_id == meaning.bin_id and m.mark == wanted for m in database.lookup(meaning.ord)[1]):
            # the headword is the form wanted (a nominative singular without article): one lookup instead of
            # lookup_variants, which took a tenth of checking MT with an Icelandic source
            forms.add((meaning.ord.replace("-", ""), proper))
            continue
        for variant in database.lookup_variants(word, meaning.ofl, "NF"):
            if variant.ord == meaning.ord and variant.mark == wanted:
                forms.add((variant.bmynd.replace("-", ""), proper))
    if len(forms) != 1:
        return None
    form, proper = forms.pop()
    return form[:1].upper() + form[1:], proper


@load_once
def _english_words() -> frozenset[str]:
    """The words of the registry's English forms ("Barack" of Barack Obama), read once."""
    return frozenset(word for name in load_registry().english for word in name.split())


@load_once
def _personal_names() -> dict[str, tuple[int, int]]:
    """Census given names and common surnames, with their ranks as each (``data/personal-names.txt``;
    ``ABSENT`` where the name is not in that list)."""
    text = resources.files(__package__).joinpath("data/personal-names.txt").read_text(encoding="utf-8")
    names = {}
    for line in text.splitlines():
        name, given, surname = line.split("\t")
        names[name] = (int(given or ABSENT), int(surname or ABSENT))
    return names


def _common_name(word: str) -> bool:
    """A name in its own right ("Williams", "Adams"), so no case form of another."""
    return min(_personal_names().get(word, (ABSENT, ABSENT))) <= COMMON


def _endings(text: str, source: str, english: AbstractSet[str] = frozenset()) -> Iterator[Hit]:
    """Genitive "-s" and weak feminine "-u" forms of names that are not Icelandic ("Georges Floyds",
    "Juliu Roberts"): the word without its ending is a known name and the word is no common name. Known: a
    word of a registry entry's English form, a name the document also writes, and for "-s" a census
    given name ("Floyd"), for "-u" a census given name or surname ("Rivera")."""
    census = _personal_names()
    in_source = _source_words(source)
    in_document = in_source | set(_WORD.findall(text))

    def known(name: str) -> bool:
        return name in in_document or name in english

    for words in capitalised_runs(text):
        for start, end, word in words:
            if word not in in_source or len(word) < 4 or _common_name(word):
                continue
            if word.endswith("s") and (known(word[:-1]) or census.get(word[:-1], (ABSENT,))[0] < ABSENT):
                yield _hit(start, end, word, None, f"the Icelandic genitive of “{word[:-1]}”: English writes “{word[:-1]}’s”", source)
            elif word.endswith("u") and (known(nominative := word[:-1].translate(_UMLAUT) + "a") or nominative in census):
                yield _hit(start, end, word, nominative, f"an Icelandic case form of “{nominative}”", source)


def _hit(start: int, end: int, word: str, nominative: str | None, what: str, source: str) -> Hit:
    """The finding for ``word`` at ``start``–``end``, its source span the word's first use in ``source`` (the
    sentence around it is :func:`source_case_forms`'s to add, from the alignment).

    >>> _hit(10, 17, "Dunhaga", "Dunhagi", "an Icelandic case form of “Dunhagi”", "Hún bjó á Dunhaga. Þar var gott.").source
    Span(start=10, end=17)
    """
    found = regex.search(rf"(?<![\w-]){regex.escape(word)}(?![\w-])", source)
    return Hit(
        start, end, nominative,
        message=f"“{word}” is {what}, copied from the source",
        applicability=Applicability.UNSAFE if nominative else None,
        source=Span(found.start(), found.end()) if found is not None else None,
    )


def source_case_forms(doc: Any, context: Context) -> Iterator[Hit]:
    """Names copied from an Icelandic source in an oblique case ("Dunhaga" for Dunhagi), fixed to the
    nominative when BÍN knows the name (unsafe), flagged when only the document shows the ending; each with
    the source sentence around its word, as the other checks against a source align them."""
    if not _source_is_icelandic(context):
        return
    from ..qa.bilingual import aligned_sentences, source_sentence_at  # the aligner: only for an Icelandic source

    for hit in _case_forms(doc, context):
        if hit.source is not None:
            hit.source_sentence = source_sentence_at(aligned_sentences(doc, context), hit.source.start) or hit.source
        yield hit


def _case_forms(doc: Any, context: Context) -> Iterator[Hit]:
    source = context.source or ""
    in_source = _source_words(source)
    text = doc.text
    found: set[int] = set()
    for words in capitalised_runs(text):
        for start, end, word in words:
            if source and word not in in_source or _common_name(word):
                continue  # not copied from the source (the translator chose it), or a name of its own
            read = _nominative(word, in_source)
            if read is None or read[0] == word:
                continue
            nominative, name = read
            if name:
                found.add(start)
                yield _hit(start, end, word, nominative, f"an Icelandic case form of “{nominative}”", source)
            elif all(_bin().lookup(other)[1] for _, _, other in words):
                # An Icelandic noun: a name made of one ("Bylgjunni", the radio station Bylgjan) or a word
                # left untranslated ("Piparspreyi"); only an editor knows which. Not inside a foreign
                # name ("Charles S. Dela Cruz").
                found.add(start)
                yield _hit(start, end, word, None, f"an Icelandic word in a case form (“{nominative}”): a name, or left untranslated", source)
    if source:
        yield from (hit for hit in _endings(text, source, _english_words()) if hit.start not in found)
