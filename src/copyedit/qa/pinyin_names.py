"""A Chinese person's name written in pinyin with a syllable that is not the source's (LQ214).

MT reads a rare or many-voiced character wrongly, or puts a likelier name in its place: 李絮枫 as
"Li Sufeng" (絮 is xù), 刘畊宏 as "Liu Xihong" (畊 is gēng), 王沪宁 as "Wang Yining". The
surname and one syllable of the given name are right, so the name looks plausible and nothing
else points at it. A translator who copies the name from the source rarely gets a syllable
wrong; MQM raters mark such names as mistranslations.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import regex

from ..kinds.base import Context, Hit
from ..model import Span as TextSpan
from .bilingual import _source_language, aligned_sentences
from .carried import _DOUBLE_SURNAMES, _SURNAMES, _spelled

# "Li Sufeng", "Wang Yi-ning", "Ouyang Ming": a capitalised surname, then a capitalised given
# name of one word (hyphenated or not), not followed by another name word.
_NAME = regex.compile(
    r"(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}{0,6})\s(\p{Lu}\p{Ll}{1,11}(?:-\p{Ll}{1,6})?)(?![\p{L}\p{N}-])"
)
_HAN = regex.compile(r"\p{Han}")
# Syllables of interjections (嗯 ng, 呣 m, 哼 hng): never part of a name, and they split "Ying" as "yi-ng"
_INTERJECTIONS = frozenset({"ng", "n", "m", "hm", "hng", "e"})


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable a character can be read as (ü written u, as names are)."""
    from pypinyin import Style
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    found = {
        _plain(convert(reading, Style.NORMAL, strict=False))
        for readings in pinyin_dict.values()
        for reading in readings.split(",")
    }
    return frozenset(found - _INTERJECTIONS)


def _plain(syllable: str) -> str:
    return syllable.replace("ü", "u").replace("v", "u")


@functools.lru_cache(maxsize=4096)
def readings(character: str) -> frozenset[str]:
    """Every toneless pinyin reading of a character.

    >>> sorted(readings("单"))
    ['chan', 'dan', 'shan']
    """
    from pypinyin import Style, pinyin

    return frozenset(_plain(r) for r in pinyin(character, style=Style.NORMAL, heteronym=True, errors="ignore")[0])


@functools.lru_cache(maxsize=1)
def _surnames() -> dict[str, frozenset[str]]:
    """Surname in pinyin → the surnames (one or two characters) read so."""
    found: dict[str, set[str]] = {}
    for surname in (*_SURNAMES, *_DOUBLE_SURNAMES):
        for spelled in _spellings(surname):
            found.setdefault(spelled, set()).add(surname)
    return {spelled: frozenset(names) for spelled, names in found.items()}


def _spellings(characters: str) -> set[str]:
    forms = {""}
    for character in characters:
        forms = {form + reading for form in forms for reading in readings(character)}
    return forms


@functools.lru_cache(maxsize=1024)
def two_syllables(word: str) -> tuple[tuple[str, str], ...]:
    """The ways a given name splits into two pinyin syllables, when no single syllable spells
    it and no split into two is impossible: "Xufeng" is xu-feng, "Mena" me-na or men-a, "Ying"
    one syllable, "Jun" one.

    >>> two_syllables("Xufeng"), two_syllables("Xue-ju"), two_syllables("Ying"), two_syllables("Alexander")
    ((('xu', 'feng'),), (('xue', 'ju'),), (), ())
    """
    word = word.lower().replace("-", "")
    syllables = _syllables()
    if word in syllables:
        return ()
    return tuple((word[:cut], word[cut:]) for cut in range(1, len(word)) if word[:cut] in syllables and word[cut:] in syllables)


def _candidates(text: str) -> list[tuple[regex.Match[str], str, tuple[tuple[str, str], ...]]]:
    """Surname-and-given-name pairs of the translation whose given name is two pinyin syllables
    and not an English word."""
    from .english import is_english_word

    surnames = _surnames()
    found = []
    for match in _NAME.finditer(text):
        surname = match.group(1).lower()
        if surname not in surnames:
            continue
        splits = two_syllables(match.group(2))
        if splits and not is_english_word(match.group(2)):
            found.append((match, surname, splits))
    return found


def _spelled_in(source: str, surname: str, splits: Sequence[tuple[str, str]], start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where ``source[start:end]`` has the surname followed by two characters, with how many of
    the two given-name syllables each reads as: (position, syllables matched)."""
    for characters in _surnames()[surname]:
        at = source.find(characters, start, end)
        while at != -1:
            given = source[at + len(characters) : at + len(characters) + 2]
            if len(given) == 2 and all(_HAN.match(c) for c in given):
                best = max(sum(s in readings(c) for s, c in zip(split, given)) for split in splits)
                yield at, best
            at = source.find(characters, at + 1, end)


def misspelt_pinyin_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A name in pinyin ("Li Sufeng") whose surname and one given-name syllable are those of a
    Chinese name in the aligned source sentence (李絮枫, Li Xufeng) and whose other syllable is
    no reading of the character it stands for, while the source has the name nowhere spelled so.

    Only given names of two syllables are compared: a one-syllable name that differs entirely is
    no near miss, and a source name of one character differs too often from a rendering that is
    right (a Korean or Vietnamese name written in Chinese characters is rendered in its own
    language: 金正恩 is Kim Jong Un, and nothing is said then).
    """
    if not context.source or _source_language(context) != "zh":
        return
    source, text = context.source, doc.text
    candidates = _candidates(text)
    if not candidates:
        return
    # a name spelled right somewhere in the source is not misspelt (the same surname and given name)
    candidates = [
        (match, surname, splits) for match, surname, splits in candidates
        if all(best < 2 for _, best in _spelled_in(source, surname, splits, 0, len(source)))
    ]
    if not candidates:
        return
    alignment = aligned_sentences(doc, context)
    for index, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue
        start, end = alignment.target[bead.target[0]].start, alignment.target[bead.target[-1]].end
        here = [c for c in candidates if start <= c[0].start() < end]
        if not here:
            continue
        around = alignment.neighbours(index)
        first, last = alignment.source[around.source[0]], alignment.source[around.source[-1]]
        for match, surname, splits in here:
            near = next((at for at, best in _spelled_in(source, surname, splits, first.start, last.end) if best == 1), None)
            if near is None:
                continue
            length = len(next(c for c in _surnames()[surname] if source.startswith(c, near))) + 2
            name = source[near : near + length]
            spelled = " ".join(part.capitalize() for part in _spelled(name))
            sentence = next(alignment.source[i] for i in around.source if alignment.source[i].start <= near < alignment.source[i].end)
            yield Hit(
                match.start(), match.end(),
                message=f"“{match.group()}” is not how {name} of the source is written in pinyin ({spelled})",
                source=TextSpan(near, near + length), source_sentence=TextSpan(sentence.start, sentence.end),
            )


__all__: Sequence[str] = ("misspelt_pinyin_names", "readings", "two_syllables")
