"""The English word list (``data/english-words.txt.gz``, built by ``scripts/build_english_words.py``
from SCOWL): what the language and untranslated-text checks take as English.
"""

from __future__ import annotations

import gzip
from importlib import resources

import regex

from ..loading import kept_once


@kept_once("english-words", frozenset)
def english_words() -> frozenset[str]:
    """The English words (lower case) of the shipped list (kept as a set in the cache: 135,000 words, a
    third of the time to read back)."""
    data = resources.files("copyedit.qa").joinpath("data").joinpath("english-words.txt.gz").read_bytes()
    return frozenset(line for line in gzip.decompress(data).decode("utf-8").splitlines() if line and not line.startswith("#"))


def is_english_word(word: str) -> bool:
    """Whether a word is English: in the word list as written or lower-cased, with a possessive
    or plural ending, or, hyphenated, made of English words.

    >>> is_english_word("Patients"), is_english_word("carriers"), is_english_word("fat-free"), is_english_word("Parliament's")
    (True, True, True, True)
    >>> is_english_word("nabiximoles"), is_english_word("sobreestimó"), is_english_word("Querfraktur")
    (False, False, False)
    """
    words = english_words()
    lower = word.lower().replace("’", "'")
    if lower in words:
        return True
    for ending in ("'s", "'", "s"):
        if lower.endswith(ending) and lower[: -len(ending)] in words:
            return True
    if "-" in lower or "/" in lower:
        parts = regex.split(r"[-/]", lower)
        return all(not part or part.isdigit() or part in words for part in parts)
    return False
