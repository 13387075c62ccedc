"""Language codes as every front end reads them: a BCP 47 tag, named by its language subtag."""

from __future__ import annotations

import functools
import importlib.util
import os
import re

import regex

# A BCP 47 tag: a language subtag and perhaps a script or region ("ru", "fil", "pt-BR", "zh_Hant")
LANGUAGE_TAG = r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*"  # (also the service's schema pattern)
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG)
# A letter of a script written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): there
# a word or name is found inside a run of letters, not between spaces
UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def source_language_code(value: object) -> str | None:
    """A source language as every front end reads one: None for none given (None, or "" or only white space: a
    script's unset variable, a pipeline's empty column, a configuration's ``source-lang = ""``; the source's language
    is then detected), else its :func:`language_code`.

    >>> source_language_code("RU"), source_language_code(""), source_language_code(" "), source_language_code(None)
    ('ru', None, None, None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return language_code(value)


def language_code(value: object) -> str:
    """The language a tag names, as the checks know languages (the detected ones too): its
    language subtag in lower case, a deprecated one as it is now written ("iw" is "he", "ukr" is "uk").
    Anything else, a subtag that names no language among them, is a :class:`ValueError` saying what
    is wanted.

    >>> language_code("ru"), language_code("pt-BR"), language_code("ZH_Hant"), language_code("iw"), language_code("ukr")
    ('ru', 'pt', 'zh', 'he', 'uk')
    >>> language_code("Russian")
    Traceback (most recent call last):
    ...
    ValueError: must be a language code such as 'ru', not 'Russian'
    >>> language_code("ua")
    Traceback (most recent call last):
    ...
    ValueError: must be a language code such as 'ru', not 'ua': ua is the country code of Ukraine; Ukrainian is uk
    >>> language_code("xx-XX")
    Traceback (most recent call last):
    ...
    ValueError: must be a language code such as 'ru', not 'xx-XX': no language has the code xx
    """
    found = _LANGUAGE_TAG.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"must be a language code such as 'ru', not {value!r}")
    code = found.group(1).lower()
    known = _known_language(code)
    if known is None:
        raise ValueError(f"must be a language code such as 'ru', not {value!r}: {_not_a_language(code)}")
    return known


@functools.lru_cache(maxsize=256)
def _known_language(code: str) -> str | None:
    """``code`` when it names a language CLDR knows (babel's data), its current code when it is a deprecated one,
    else None. A language with its own CLDR data is known by a file's name, without importing babel (a CLI start
    reads the configuration's language); the others by the English names of languages and CLDR's aliases.

    >>> _known_language("en"), _known_language("la"), _known_language("in"), _known_language("jp")
    ('en', 'la', 'id', None)
    """
    if os.path.isfile(os.path.join(_babel_folder(), "locale-data", f"{code}.dat")):
        return code
    from babel import Locale
    from babel.core import get_global

    if code not in _NO_LANGUAGE and code in {str(name).lower() for name in Locale("en").languages}:
        return code
    alias = get_global("language_aliases").get(code)
    return alias.split("_")[0].lower() if alias else None


# codes of BCP 47 that name no language: undetermined, no linguistic content, several languages
_NO_LANGUAGE = frozenset({"und", "zxx", "mul", "mis"})


@functools.cache
def _babel_folder() -> str:
    """babel's package folder, found without importing it (babel is a dependency)."""
    spec = importlib.util.find_spec("babel")
    assert spec is not None and spec.submodule_search_locations is not None, "babel is not installed"
    return list(spec.submodule_search_locations)[0]


def _not_a_language(code: str) -> str:
    """Why ``code`` is no language code: a country's code, which names the language most of its people speak
    ("jp is the country code of Japan; Japanese is ja"), or none at all.

    >>> _not_a_language("gr"), _not_a_language("xx")
    ('gr is the country code of Greece; Greek is el', 'no language has the code xx')
    """
    from babel import Locale
    from babel.core import get_global

    english = Locale("en")
    country = english.territories.get(code.upper()) if len(code) == 2 else None
    likely = get_global("likely_subtags").get(f"und_{code.upper()}") if country else None
    if country and likely:
        language = likely.split("_")[0]
        return f"{code} is the country code of {country}; {english.languages.get(language, language)} is {language}"
    return f"no language has the code {code}"


# The ISO 15924 codes CLDR gives that name several Unicode scripts, or a variant of one: Japanese is written in Han
# and kana, Korean in Hangul and Han, simplified and traditional Chinese in Han
_SCRIPT_UNIONS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"), "Hans": ("Hani",), "Hant": ("Hani",)}


@functools.lru_cache(maxsize=64)
def script_letter(code: str) -> regex.Pattern[str] | None:
    """A letter of a script the language ``code`` (as :func:`language_code` gives it) is written in, as CLDR (babel's
    data) says: its likely script, and the scripts it is written in somewhere (Serbian in Latin as well as Cyrillic,
    Uzbek in Latin, Cyrillic and Arabic). A character of several scripts counts for each (the long-vowel mark "ー" is
    kana). None when CLDR names no script for the language, or one the ``regex`` module does not know.

    >>> [bool(script_letter("ja").match(c)) for c in "漢かナーaя。"]
    [True, True, True, True, False, False, False]
    >>> bool(script_letter("sr").match("ж")), bool(script_letter("sr").match("ž")), bool(script_letter("zh").match("a"))
    (True, True, False)
    """
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code, "")
    scripts = [part for part in likely.split("_")[1:2] if len(part) == 4]
    for territory in get_global("territory_languages").values():
        scripts += [tag.split("_")[1] for tag in territory if tag.startswith(f"{code}_")]
    names = [name for script in dict.fromkeys(scripts) for name in _SCRIPT_UNIONS.get(script, (script,))]
    try:
        scripts_of = "".join(rf"\p{{scx={name}}}" for name in dict.fromkeys(names))
        return regex.compile(rf"[\p{{L}}&&[{scripts_of}]]", regex.V1) if names else None
    except regex.error:  # a script newer than the regex module's Unicode data
        return None


_LETTER = regex.compile(r"\p{L}")


def letters_in_script(text: str, code: str) -> int | None:
    """How many of ``text``'s letters are in a script the language ``code`` is written in (:func:`script_letter`); None
    when the scripts of the language are not known.

    >>> letters_in_script("Ríkisstjórnin kynnti nýjar aðgerðir.", "zh"), letters_in_script("市场担心Alphabet不及微软。", "zh")
    (0, 8)
    """
    letter = script_letter(code)
    return len(letter.findall(text, concurrent=False)) if letter is not None else None


def letter_count(text: str) -> int:
    """
    >>> letter_count("市场担心Alphabet不及微软。"), letter_count("1,5 тысячи")
    (16, 6)
    """
    return len(_LETTER.findall(text, concurrent=False))
