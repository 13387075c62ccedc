"""An acronym written in lower case where it is defined (MT115): "human papilloma virus (hpv)"; anywhere
the source writes it in capitals (LQ221): "bmi", "dna of shox2" for the source's BMI, DNA, SHOX2; and a name
the source capitalises (LQ222): "charles darwin", "axel says" for Charles Darwin, Axel.

MT systems that lower-case their output (a truecaser that failed, or a model trained on lower-cased
text) write the acronym a text defines in lower case too: "pulmonary embolism (pe)", "the democratic
republic of congo (drc)". English writes an acronym in capitals. The acronym is known for one by the
words before its bracket: their initials spell it, with or without the small words between them
("aggressive posterior retinopathy of prematurity (aprop)", "democratic republic of congo (drc)").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import regex

from ..kinds.base import Context, Hit
from ..model import Span

# A bracket that opens on two to six lower-case letters and closes (or goes on to a comma or semicolon
# after them): rare, and the standard library finds it fast
_BRACKETED = re.compile(r"\(([a-z]{2,6})[),;]")
_WORD = re.compile(r"[^\W\d_]+")
# Words an acronym's initials may skip
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "to", "with", "on", "a", "an", "by", "at", "or", "de", "du", "la"})
# Abbreviations written in lower case by convention, whatever their words' initials
_LOWER_BY_CONVENTION = frozenset({"bpm", "rpm", "mph", "kph", "ppm", "ppb", "kwh", "mmhg", "aka", "ie", "eg", "etc", "vs"})


def lowercase_acronyms(doc: Any, context: Context) -> Iterator[Hit]:
    """Each acronym in brackets written in lower case whose initials the words before it spell.

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="Cystic fibrosis (cf) and human papilloma virus (hpv, type 16) and the Democratic Republic of Congo (drc).")
    >>> [(doc.text[h.start : h.end], h.replacement) for h in lowercase_acronyms(doc, Context())]
    [('cf', 'CF'), ('hpv', 'HPV'), ('drc', 'DRC')]
    >>> doc = SimpleNamespace(text="The heart rate rose to 140 beats per minute (bpm), then (as expected) fell.")
    >>> list(lowercase_acronyms(doc, Context()))
    []
    """
    text = doc.text
    for match in _BRACKETED.finditer(text):
        acronym = match.group(1)
        if acronym in _LOWER_BY_CONVENTION:
            continue
        words = [word.lower() for word in _WORD.findall(text, max(0, match.start() - 40 * len(acronym)), match.start())]
        if not _spelt_by(acronym, words):
            continue
        start = match.start(1)
        yield Hit(
            start,
            start + len(acronym),
            acronym.upper(),
            message=f"The acronym “{acronym}” in lower case: English writes “{acronym.upper()}”",
        )


def _spelt_by(acronym: str, words: list[str]) -> bool:
    """Whether the last words' initials spell ``acronym``: all of them, or all but the small words among them.

    >>> _spelt_by("aprop", "aggressive posterior retinopathy of prematurity".split())
    True
    >>> _spelt_by("drc", "the democratic republic of congo".split()), _spelt_by("pe", "to the pe".split())
    (True, False)
    """
    size = len(acronym)
    if len(words) >= size and "".join(word[0] for word in words[-size:]) == acronym:
        return True
    initials = [word[0] for word in words if word not in _SMALL_WORDS]
    return len(initials) >= size and "".join(initials[-size:]) == acronym and words[-1] not in _SMALL_WORDS


# A source word of Latin letters and digits with two capitals or more (BMI, PCSK9, RhD, iOS, YouTube), and a
# translation's word in lower case; neither part of an address or a file name, nor a compound's second part or a
# first part before a lower-case word ("LDL-Cholesterin", "CTLA-4" and "covid-19" count). ASCII bounds, as a
# Chinese or Japanese source writes "APP" against its own characters.
_SOURCE_CAPITALS = re.compile(r"(?<![A-Za-z0-9@./_-])[A-Za-z0-9]*[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9@_]|\.[A-Za-z]|-[a-z])")
_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9@./_-])[a-z][a-z0-9]+(?![A-Za-z0-9@_]|\.[A-Za-z]|-[a-z])")
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")  # "xiv", not "ldl"
_AFTER_NUMBER = re.compile(r"\d[ \u00a0]?$")  # "5 kg", "3 pm": a unit, whatever the source's capitals mean
# Written in lower case in English whatever the source does (Chinese writes "APP")
_LOWER_IN_ENGLISH = _LOWER_BY_CONVENTION | {"app", "apps"}


def source_acronyms(doc: Any, context: Context) -> Iterator[Hit]:
    """Each word of the translation in lower case that the source writes with capitals: an acronym or a
    brand that MT lower-cased ("bmi" for BMI, "pcr tests" for PCR, "ios" for iOS).

    Not reported: English words ("aids" for AIDS, "us" for US), words written in lower case by convention
    ("app" for Chinese "APP", "bpm"), Roman numerals, a unit after a number ("5 kg" for a source's KG), a
    word the source also writes in lower case, and the acronym in the brackets that define it, which MT115
    reports.

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="The bmi was 31 (a bmi of 31). It is 5 kg, as the us said; ios users, ldl levels.")
    >>> context = Context(source="Der BMI lag bei 31. Es sind 5 KG, wie die US sagten; iOS-Nutzer, LDL-Werte.", source_lang="de")
    >>> [(doc.text[h.start : h.end], h.replacement) for h in source_acronyms(doc, context)]
    [('bmi', 'BMI'), ('bmi', 'BMI'), ('ios', 'iOS'), ('ldl', 'LDL')]
    """
    if not context.source or context.language != "en":
        return
    text = doc.text
    forms = _source_capitals(context.source)
    wanted = _in_text(forms, text)
    if not wanted:
        return
    defined: set[tuple[int, int]] | None = None
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        if word not in wanted:
            continue
        start, end = match.span()
        if _AFTER_NUMBER.search(text, max(0, start - 2), start):
            continue
        if defined is None:
            defined = {(hit.start, hit.end) for hit in lowercase_acronyms(doc, context)}
        if (start, end) in defined:
            continue
        form, where = forms[word]
        yield Hit(start, end, form, message=f"“{word}” is “{form}” in the source: the translation lost its capitals", source=where)


# A source's words that a translation must not write in lower case: for each, in lower case, the form to write
# and where the source has it first
_SourceWords = dict[str, tuple[str, Span]]


# Worked out once for a source, and kept: every translation of it is read against the same words
@functools.lru_cache(maxsize=16)
def _source_capitals(source: str) -> _SourceWords:
    """What :func:`source_acronyms` looks for: the source's words with two capitals or more, less those that may
    be written in lower case (English words, "app", Roman numerals, the source's own lower-case words)."""
    spellings: dict[str, Counter[str]] = {}
    first_at: dict[str, Span] = {}
    for match in _SOURCE_CAPITALS.finditer(source):
        word = match.group()
        spellings.setdefault(word.lower(), Counter())[word] += 1
        first_at.setdefault(word, Span(match.start(), match.end()))
    kept = _never_lower(spellings, source, _LOWER_WORD)
    written = {key: spellings[key].most_common(1)[0][0] for key in kept if not _ROMAN.fullmatch(key)}  # the usual form
    return {key: (form, first_at[form]) for key, form in written.items()}


def _never_lower(keys: Iterable[str], source: str, word: re.Pattern[str] | regex.Pattern[str]) -> list[str]:
    """Those of ``keys`` (source words in lower case) that a translation has no reason to write so: not
    English words, not "app", and not written in lower case by the source itself; each a ``word`` whole."""
    from .english import is_english_word

    keys = list(keys)
    if not keys:
        return []
    in_lower_case = {match.group() for match in word.finditer(source)}
    return [
        key for key in keys
        if word.fullmatch(key) and key not in in_lower_case and key not in _LOWER_IN_ENGLISH and not is_english_word(key)
    ]


def _in_text(words: _SourceWords, text: str) -> frozenset[str]:
    """Those of ``words`` that ``text`` has anywhere (inside other words too): most translations have none, and
    are not read word by word."""
    return frozenset(word for word in words if word in text)


# A capitalised word inside a sentence of the source (after a lower-case word, a digit or a comma: not a
# sentence's first word), and a translation's word in lower case
_SOURCE_NAME = regex.compile(r"(?<=[\p{Ll}\p{N},;:)] )\p{Lu}\p{Ll}{2,}(?![\p{L}\p{N}-])")
_LOWER_NAME = regex.compile(r"(?<![\p{L}\p{N}@./_-])\p{Ll}{3,}(?![\p{L}\p{N}@_-]|\.\p{L})")
# Languages that capitalise common nouns too: a capital there says nothing of a name
NOUNS_CAPITALISED = frozenset({"de", "lb"})


def source_names(doc: Any, context: Context) -> Iterator[Hit]:
    """Each word of the translation in lower case that the source capitalises inside a sentence, in a language
    that capitalises names and not common nouns: a name MT lower-cased ("charles darwin", "axel says",
    "the European superliga").

    Not reported: English words ("bill", "real" of Real Madrid), words English writes in lower case ("app"),
    a word the source also writes in lower case, any word of a German source, which capitalises every noun, and
    any of a source in another script, whose Latin words are foreign names already ("App Annie", "Meta" in a
    Russian source: the translation's "app" and "meta" are words).

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="In 1859, charles darwin proposed a theory, as did the bill of the pasteur institute.")
    >>> context = Context(source="En 1859, Charles Darwin a proposé une théorie, comme le Bill de l'Institut Pasteur.", source_lang="fr")
    >>> [(doc.text[h.start : h.end], h.replacement) for h in source_names(doc, context)]
    [('charles', 'Charles'), ('darwin', 'Darwin'), ('pasteur', 'Pasteur')]
    """
    from .bilingual import source_language

    if not context.source or context.language != "en":
        return
    names = _source_names(context.source)
    wanted = _in_text(names, doc.text)
    if not wanted or source_language(context) in NOUNS_CAPITALISED:
        return
    for match in _LOWER_NAME.finditer(doc.text):
        word = match.group()
        if word not in wanted:
            continue
        form, where = names[word]
        yield Hit(
            match.start(), match.end(), form,
            message=f"“{word}” is “{form}” in the source, a name: the translation lost its capital", source=where,
        )


@functools.lru_cache(maxsize=16)
def _source_names(source: str) -> _SourceWords:
    """What :func:`source_names` looks for: the words a source in Latin letters capitalises inside its sentences,
    less those that may be written in lower case (English words, "app", the source's own lower-case words)."""
    from .carried import written_in_another_script

    forms: dict[str, tuple[str, Span]] = {}
    for match in _SOURCE_NAME.finditer(source):
        forms.setdefault(match.group().lower(), (match.group(), Span(match.start(), match.end())))
    if not forms or written_in_another_script(source):
        return {}
    return {key: forms[key] for key in _never_lower(forms, source, _LOWER_NAME)}
