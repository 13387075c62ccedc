"""``repetition``: doubled words and phrases ("the the", "protecting and protecting"), one pass a rule.

A repeat that reads as meant is left alone: a name ("Fang Fang", with ``skip_names``), a
zoological tautonym, a compound or an object after it (``function_words``), or an ``allow`` entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import eq
from typing import Any, Iterator, Mapping

import regex

from ..index import text_index
from ..model import Applicability
from .base import REGEX_TIMEOUT, Context, Hit, Kind, Options, Origin, Pass, Rule, boolean, string_list, user_pattern

KEYS = {
    "separator": False,
    "max_words": False,
    "words": False,
    "allow": False,
    "skip_names": False,
    "function_words": False,
    "verb_endings": False,
    "tautonym_endings": False,
    "fix": False,
}


@dataclass(frozen=True)
class RepetitionOptions(Options):
    separator: str = r"\s+"  # what may stand between the two copies
    max_words: int = 1  # the longest phrase that counts as one unit
    words: tuple[str, ...] = ()  # only these repeat (default: any word)
    allow: tuple[str, ...] = ()
    skip_names: bool = False
    function_words: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    tautonym_endings: tuple[str, ...] = ()
    fix: bool = True

    def fixes(self, applicability: Applicability | None) -> bool:
        return self.fix


def parse(raw: Mapping[str, Any], origin: Origin) -> RepetitionOptions:
    separator = raw.get("separator", r"\s+")
    user_pattern(separator, "separator", True)
    max_words = raw.get("max_words", 1)
    if not isinstance(max_words, int) or not 1 <= max_words <= 6:
        raise ValueError("'max_words' must be a number from 1 to 6", "max_words")
    words = string_list(raw, "words")
    allow = string_list(raw, "allow")
    skip_names = boolean(raw, "skip_names", False)
    function_words = string_list(raw, "function_words")
    verb_endings = string_list(raw, "verb_endings")
    tautonym_endings = string_list(raw, "tautonym_endings")
    return RepetitionOptions(
        separator, max_words, words, allow, skip_names, function_words, verb_endings, tautonym_endings,
        boolean(raw, "fix", True),
    )




class RepetitionPass(Pass):
    """Doubled words and phrases ("the the", "protecting and protecting")."""

    def __init__(self, rule: Rule) -> None:
        self.rules = (rule,)
        self.rule = rule
        options = rule.options
        assert isinstance(options, RepetitionOptions)
        separator = options.separator
        max_words = options.max_words
        words = options.words
        # Atomic groups: a unit is a whole word, so a failed match never backtracks into it
        # letter by letter (a third faster on news text; see benchmarks/profile.md).
        unit = r"(?>\w+)(?:['’](?>\w+))*"
        # A unit of \w starts at a word boundary, which the engine tests before the look-behind:
        # every position inside a word is rejected at once (1.6x faster). Listed words may not
        # start with a word character, so they go without it.
        boundary = r"\b"
        if words:
            unit = "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
            boundary = ""
        phrase = unit if max_words == 1 else f"{unit}(?:\\s+{unit}){{0,{max_words - 1}}}"
        # A unit inside a decimal number is not a word: "1.1 and 1.5" repeats no "1".
        self._pattern = regex.compile(
            f"{boundary}(?<![\\w'’-]|\\d[.,])(?P<first>{phrase})(?P<sep>{separator})(?P=first)(?![\\w'’-]|[.,]\\d)",
            regex.IGNORECASE,
        )
        self._prefilter = _prefilter(words, max_words, separator)
        self._words_prefilter = None if words else WordsPrefilter.for_separator(separator, max_words)
        self._allow = {" ".join(a.casefold().split()) for a in options.allow}
        self._fixes = options.fix
        self._skip_names = options.skip_names
        self._function_words = {w.casefold() for w in options.function_words}
        self._verb_endings = tuple(e.casefold() for e in options.verb_endings)
        self._tautonym_endings = tuple(e.casefold() for e in options.tautonym_endings)

    def _meaningful(self, first: str, second: str, following: str) -> bool:
        """Whether a repeat reads as meant: a name, a tautonym, a compound or an object after it."""
        if self._skip_names and is_title_case(first):
            if is_title_case(second):
                return True  # "Fang Fang", "Duran Duran": a name, where "The the" is a slip
            if second.islower() and first.casefold().endswith(self._tautonym_endings):
                return True  # "Rupicapra rupicapra", "Bufo bufo": a zoological name, where "The the" is a slip
        if self._function_words:
            next_word = _NEXT_WORD.match(following)
            if next_word and next_word.group(1).casefold() not in self._function_words:
                # "fish and fish products", "writes and writes texts": the repeat leads into a compound or
                # an object; a doubled gerund before its object is still MT ("protecting and protecting places").
                return not first.casefold().endswith(self._verb_endings)
        return False

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        index = text_index(doc)
        beyond_ascii = index.non_ascii_characters
        if self._words_prefilter is not None and _engines_fold_alike(beyond_ascii):
            if not self._words_prefilter.may_repeat(index.kept(folded_words, lambda: folded_words(text))):
                return  # no repeat at all: most documents
        elif self._prefilter is not None and _engines_agree(beyond_ascii) and self._prefilter.search(text) is None:
            return
        for match in self._pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT, concurrent=False):
            if self._meaningful(match.group("first"), text[match.end("sep") : match.end()], text[match.end() : match.end() + 40]):
                continue
            if "\n\n" in match.group("sep") or "\n" in match.group("sep") and doc.format != "text":
                continue
            if " ".join(match.group().casefold().split()) in self._allow:
                continue
            first = match.group("first")
            if first.casefold() in self._allow:
                continue
            replacement = first if self._fixes else None
            yield Hit(match.start(), match.end(), replacement, rule=self.rule)


_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}[\p{L}'’-]*)")
# Characters that are word characters to ``regex`` but not to ``re`` (marks, connector punctuation
# other than "_", joiners): in a text without them the two engines split words alike.
_BEYOND_RE_WORDS = regex.compile(r"[\p{M}\u200c\u200d]|(?!_)\p{Pc}")
# A separator the standard library reads as ``regex`` does: words, spaces, groups and repeats only.
_PLAIN_SEPARATOR = regex.compile(r"[\w\s\\+*?(){}|:,.'’-]*")


def _engines_agree(beyond_ascii: str) -> bool:
    """Whether ``re`` splits a text into the words ``regex`` does, told from its characters beyond ASCII."""
    return not any(map(_beyond_re_words, beyond_ascii))


def _engines_fold_alike(beyond_ascii: str) -> bool:
    """Whether ``re`` splits a text into the words ``regex`` does, and every two words ``regex``
    takes for the same ignoring case are the same casefolded, told from the text's characters
    beyond ASCII. The one pair that are not is "I" and the Turkish "ı"
    (tests/test_repetition_prefilter.py goes through every character)."""
    return "ı" not in beyond_ascii and _engines_agree(beyond_ascii)


@lru_cache(maxsize=4096)
def _beyond_re_words(char: str) -> bool:
    # Asked of each distinct character of a text (a few dozen), not of every character.
    return _BEYOND_RE_WORDS.match(char) is not None


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def folded_words(text: str) -> list[str]:
    """The words of ``text``, casefolded (split once per document for all repetition rules, kept in its index)."""
    return _WORD.findall(text.casefold())


@dataclass(frozen=True)
class WordsPrefilter:
    """Which texts may hold a repeat, told from their words alone: a repeat of up to ``max_words``
    words has its first word again ``max_words`` words or fewer later (straight after it with a
    separator of spaces; after one of ``between`` otherwise). Looser than the rule: when it says
    no, the rule's pattern would find nothing."""

    max_words: int
    between: frozenset[str] | None  # the words of a separator such as " and "; None: spaces only

    @classmethod
    def for_separator(cls, separator: str, max_words: int) -> WordsPrefilter | None:
        """The prefilter for a separator of spaces (``\\s+``) or of one listed word between spaces; None for any other."""
        if separator == r"\s+":
            return cls(max_words, None)
        listed = _ONE_WORD_SEPARATOR.fullmatch(separator)
        if listed is None:
            return None
        return cls(max_words, frozenset(word.casefold() for word in listed.group(1).split("|")))

    def may_repeat(self, words: list[str]) -> bool:
        if self.between is None:
            # One comparison of neighbours a phrase length, all in C.
            return any(any(map(eq, words, words[length:])) for length in range(1, self.max_words + 1))
        for between in self.between:
            middle = -1
            while (middle := _index(words, between, middle + 1)) >= 0:  # list.index: the scan is in C
                for length in range(1, self.max_words + 1):
                    if middle >= length and words[middle - length : middle] == words[middle + 1 : middle + 1 + length]:
                        return True
        return False


def _index(words: list[str], word: str, start: int) -> int:
    try:
        return words.index(word, start)
    except ValueError:
        return -1


_ONE_WORD_SEPARATOR = regex.compile(r"\\s\+\(\?:((?:\w+\|)*\w+)\)\\s\+")


def _prefilter(words: tuple[str, ...], max_words: int, separator: str) -> re.Pattern[str] | None:
    """A looser pattern in the standard library's engine (about twice as fast on news text) that
    matches wherever the rule's pattern does: when it finds nothing, the rule's pattern is not run.
    None when the separator or the words may read differently there.

    >>> _prefilter((), 1, r"\\s+").search("He said the the cat.").group()
    'the the'
    """
    if words or not _PLAIN_SEPARATOR.fullmatch(separator):
        return None
    unit = r"(?>\w+)(?:['’](?>\w+))*"
    phrase = unit if max_words == 1 else f"{unit}(?:\\s+{unit}){{0,{max_words - 1}}}"
    try:
        return re.compile(rf"\b({phrase})(?:{separator})\1(?!\w)", re.IGNORECASE)
    except re.error:  # Python 3.10 has no atomic groups: no prefilter (without them it costs what it saves)
        return None


def is_title_case(words: str) -> bool:
    """Whether every word starts with a capital and is not all capitals (a name, not a shout).

    >>> is_title_case("Fang"), is_title_case("the"), is_title_case("THE"), is_title_case("New York")
    (True, False, False, True)
    """
    return all(word[:1].isupper() and not word.isupper() for word in words.split())


KIND = Kind("repetition", KEYS, parse, rule_pass=RepetitionPass)
