"""The English word list (``data/english-words.txt.gz``, built by ``scripts/build_english_words.py``
from SCOWL): what the language and untranslated-text checks take as English.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

import regex


@functools.lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The English words (lower case) and abbreviations (capitals) of the shipped list."""
    data = resources.files("copyedit.qa").joinpath("data").joinpath("english-words.txt.gz").read_bytes()
    words: set[str] = set()
    abbreviations: set[str] = set()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        (words if line.islower() else abbreviations).add(line)
    return frozenset(words), frozenset(abbreviations)


def is_english_word(word: str) -> bool:
    """Whether a word is English: in the word list as written or lower-cased, with a possessive
    or plural ending, or, hyphenated, made of English words.

    >>> is_english_word("Patients"), is_english_word("carriers"), is_english_word("fat-free"), is_english_word("Parliament's")
    (True, True, True, True)
    >>> is_english_word("nabiximoles"), is_english_word("sobreestimó"), is_english_word("Querfraktur")
    (False, False, False)
    """
    words = _word_lists()[0]
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


def is_english_abbreviation(word: str) -> bool:
    """
    >>> is_english_abbreviation("DNA"), is_english_abbreviation("MLG")
    (True, False)
    """
    return word in _word_lists()[1] or word.removesuffix("s") in _word_lists()[1]
