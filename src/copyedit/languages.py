"""Language codes as every front end reads them: a BCP 47 tag, named by its language subtag."""

from __future__ import annotations

import re

import regex

# A BCP 47 tag: a language subtag and perhaps a script or region ("ru", "fil", "pt-BR", "zh_Hant")
LANGUAGE_TAG = r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*"  # (also the service's schema pattern)
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG)
# A letter of a script written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): there
# a word or name is found inside a run of letters, not between spaces
UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def language_code(value: object) -> str:
    """The language a tag names, as the checks know languages (the detected ones too): its
    language subtag in lower case. Anything else is a :class:`ValueError` saying what is wanted.

    >>> language_code("ru"), language_code("pt-BR"), language_code("ZH_Hant")
    ('ru', 'pt', 'zh')
    >>> language_code("Russian")
    Traceback (most recent call last):
    ...
    ValueError: must be a language code such as 'ru', not 'Russian'
    """
    found = _LANGUAGE_TAG.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"must be a language code such as 'ru', not {value!r}")
    return found.group(1).lower()
