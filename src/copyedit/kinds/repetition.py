"""``repetition``: doubled words and phrases ("the the", "protecting and protecting"), one pass a rule.

A repeat that reads as meant is left alone: a name ("Fang Fang", with ``skip_names``), a
zoological tautonym, a compound or an object after it (``function_words``), an ``allow`` entry, or a
repeat in a context an ``unless`` entry describes ("could and could not", "C and C++").
A word said three times or more in a row is one finding over the run, with no fix (a loop or an
onomatopoeia, not a slip), and none when a word joins the copies ("shrunk and shrunk and shrunk").
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import eq
from typing import Any, Iterable, Iterator, Mapping

import regex

from ..document import PARAGRAPH_BREAK
from ..errors import PatternTimeout
from ..index import text_index
from ..model import Applicability
from .base import REGEX_TIMEOUT, Context, Hit, Kind, Options, Origin, Pass, Rule, boolean, string_list, user_pattern
from .prefilter import _FOLDS_APART

KEYS = {
    "separator": False,
    "max_words": False,
    "words": False,
    "allow": False,
    "skip_names": False,
    "function_words": False,
    "verb_endings": False,
    "tautonym_endings": False,
    "unless": False,
    "fix": False,
}

# The keys of an ``unless`` entry: patterns for the text before the repeat, the repeat, the text after it.
UNLESS_KEYS = ("before", "match", "after")
# How far ``before`` and ``after`` look (as the ``not_before``/``not_after`` guards of other kinds).
UNLESS_REACH = 120


@dataclass(frozen=True)
class Unless:
    """A context where a repeat is meant: each pattern given (ignoring case, unless it says ``(?-i:...)``)
    must match. ``before`` ends where the repeat starts ("has been" before "building and building"),
    ``match`` is the whole repeat ("could and could"), ``after`` starts where it ends (" not")."""

    before: str | None = None
    match: str | None = None
    after: str | None = None


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
    unless: tuple[Unless, ...] = ()

    def fixes(self, applicability: Applicability | None) -> bool:
        return self.fix


def parse(raw: Mapping[str, Any], origin: Origin) -> RepetitionOptions:
    separator = raw.get("separator", r"\s+")
    user_pattern(separator, "separator", True)
    max_words = raw.get("max_words", 1)
    if not isinstance(max_words, int) or isinstance(max_words, bool) or not 1 <= max_words <= 6:
        raise ValueError("'max_words' must be a number from 1 to 6", "max_words")
    words = string_list(raw, "words")
    allow = string_list(raw, "allow")
    skip_names = boolean(raw, "skip_names", False)
    function_words = string_list(raw, "function_words")
    verb_endings = string_list(raw, "verb_endings")
    tautonym_endings = string_list(raw, "tautonym_endings")
    return RepetitionOptions(
        separator, max_words, words, allow, skip_names, function_words, verb_endings, tautonym_endings,
        boolean(raw, "fix", True), unless_entries(raw),
    )


def unless_entries(raw: Mapping[str, Any]) -> tuple[Unless, ...]:
    """The ``unless`` entries, checked: a list of mappings of ``before``/``match``/``after`` to patterns.

    >>> unless_entries({"unless": [{"after": " not"}, {"before": "been ", "match": "building and building"}]})
    (Unless(before=None, match=None, after=' not'), Unless(before='been ', match='building and building', after=None))
    """
    value = raw.get("unless", [])
    if not isinstance(value, list):
        raise ValueError("'unless' must be a list of mappings of before, match and after to patterns", "unless")
    entries = []
    for entry in value:
        if not isinstance(entry, dict) or not entry:
            raise ValueError("each 'unless' entry must map before, match or after to a pattern", "unless")
        unknown = sorted(str(key) for key in entry if key not in UNLESS_KEYS)
        if unknown:
            raise ValueError(f"'unless' entries take before, match and after, not {', '.join(map(repr, unknown))}", "unless")
        for key, pattern in entry.items():
            user_pattern(pattern, f"unless.{key}", True)
        entries.append(Unless(entry.get("before"), entry.get("match"), entry.get("after")))
    return tuple(entries)


class _CompiledUnless:
    """An :class:`Unless` entry, compiled: whether a repeat at ``start``–``end`` of a text stands where it describes."""

    def __init__(self, entry: Unless) -> None:
        self._before = regex.compile(f"(?:{entry.before})\\Z", regex.IGNORECASE) if entry.before else None
        self._match = regex.compile(entry.match, regex.IGNORECASE) if entry.match else None
        self._after = regex.compile(entry.after, regex.IGNORECASE) if entry.after else None

    def holds(self, text: str, start: int, end: int) -> bool:
        if self._match and not self._match.fullmatch(text, start, end, timeout=REGEX_TIMEOUT, concurrent=False):
            return False
        before = self._before
        if before and not before.search(text, max(0, start - UNLESS_REACH), start, timeout=REGEX_TIMEOUT, concurrent=False):
            return False
        after = self._after
        return not after or bool(after.match(text, end, min(len(text), end + UNLESS_REACH), timeout=REGEX_TIMEOUT, concurrent=False))


class RepetitionPass(Pass):
    """Doubled words and phrases ("the the", "protecting and protecting")."""

    def __init__(self, rule: Rule) -> None:
        self.rules = (rule,)
        self.rule: Rule = rule
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
        # A unit inside a decimal number is not a word: "1.1 and 1.5" repeats no "1"; nor is a file's extension
        # or a domain's ending (".c C source program", 26 false findings in WMT MT of the GCC manual).
        self._pattern = regex.compile(
            f"{boundary}(?<![\\w'’-]|\\d[.,]|\\.)(?P<first>{phrase})(?P<sep>{separator})(?P=first)(?![\\w'’-]|[.,]\\d)",
            regex.IGNORECASE,
        )
        # Where the pattern may match, told more cheaply (see _matches): from the text's words, or by
        # a search in the standard library's engine.
        self._words_prefilter = None if words else WordsPrefilter.for_separator(separator, max_words)
        self._gate = None if self._words_prefilter else _gate(words, max_words, separator)
        self._separator = regex.compile(separator, regex.IGNORECASE)
        self._allow = {" ".join(a.casefold().split()) for a in options.allow}
        self._fixes = options.fix
        self._skip_names = options.skip_names
        self._function_words = {w.casefold() for w in options.function_words}
        self._verb_endings = tuple(e.casefold() for e in options.verb_endings)
        self._tautonym_endings = tuple(e.casefold() for e in options.tautonym_endings)
        self._unless = tuple(map(_CompiledUnless, options.unless))

    def _meaningful(self, first: str, second: str, following: str) -> bool:
        """Whether a repeat reads as meant: a number, a name, a tautonym, a compound or an object after it."""
        if not any(map(str.isalpha, first)):
            return True  # a number or a mark is no word: "1 000 000", "call 225 225", "1 1/4 cups", "m(_ _)m"
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
        yield from self._hits(doc, self._matches(doc))

    def _matches(self, doc: Any) -> Iterable[Any]:
        """The pattern's matches in a document, as ``finditer`` gives them, tried only where a cheaper
        reading of the text says one may start (most documents: nowhere).

        - With a separator of spaces or of one listed word, the text's words (:class:`TextWords`,
          kept in the document index for every repetition rule) tell: a match starts at a word that
          comes again a phrase later, or after a word of the separator.
        - With another separator, a search in the standard library's engine for a looser pattern
          (:func:`_gate`) finds every place where the rule's pattern may start, where that engine
          reads the text as ``regex`` does (:func:`_engines_read_alike`).
        """
        text = doc.text
        index = text_index(doc)
        if self._words_prefilter == _ADJACENT:
            offsets = adjacent_repeats(doc)
            if offsets:  # the separator is white space, which most of these lack after their first word ("rash, rash")
                words = _text_words(doc)
                offsets = [at for at in offsets if _WHITE_SPACE.match(text, words.word_end(at))]
            return self._tried_at(text, offsets) if offsets else ()
        if self._words_prefilter is not None:
            words = _text_words(doc)
            starts = self._words_prefilter.starts(words.words)
            return self._tried_at(text, words.offsets(starts)) if starts else ()
        if self._gate is not None and _engines_read_alike(index.non_ascii_characters):
            return self._gated(text, self._gate)
        everywhere: Iterator[Any] = self._pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT, concurrent=False)
        return everywhere

    def _tried_at(self, text: str, starts: Iterable[int]) -> Iterator[Any]:
        """What ``finditer`` gives, the pattern tried only at ``starts`` (in order), which hold every
        place where it matches: ``finditer`` goes on from the end of a match to the next place
        where the pattern matches."""
        pattern = self._pattern
        end = 0
        for start in starts:
            if start >= end and (match := pattern.match(text, start, timeout=REGEX_TIMEOUT, concurrent=False)):
                yield match
                end = match.end()

    def _gated(self, text: str, gate: re.Pattern[str]) -> Iterator[Any]:
        """What ``finditer`` gives, the pattern tried only where ``gate`` matches: the gate matches
        wherever the pattern does (and more), so its leftmost match from a position comes no later
        than the pattern's."""
        pattern = self._pattern
        position = 0
        while (candidate := gate.search(text, position)) is not None:
            start = candidate.start()
            match = pattern.match(text, start, timeout=REGEX_TIMEOUT, concurrent=False)
            if match is None:
                position = start + 1
            else:
                yield match
                position = match.end()  # a match is never empty: a unit is a word

    def _hits(self, doc: Any, matches: Iterable[Any]) -> Iterator[Hit]:
        text = doc.text
        reported = 0  # the end of the last run reported: a repeat inside it is part of it
        for match in matches:
            if match.start() < reported or _ends_an_address(text, match.start()):
                continue
            if self._meaningful(match.group("first"), text[match.end("sep") : match.end()], text[match.end() : match.end() + 40]):
                continue
            separator = match.group("sep")
            # a blank line, in CRLF text ("\r\n\r\n") or holding spaces too, parts two paragraphs: no copy of a word
            if PARAGRAPH_BREAK.search(separator) or "\n" in separator and (doc.format != "text" or _heading_then_sentence(match, text)):
                continue
            if " ".join(match.group().casefold().split()) in self._allow:
                continue
            first = match.group("first")
            if first.casefold() in self._allow or self._meant_here(text, match.start(), match.end()):
                continue
            copies, end = self._copies(text, match)
            if copies > 2:
                # A run ("logo logo logo …", "rumbling rumbling rumbling") is no slip of the keyboard: an
                # onomatopoeia, or MT in a loop (MT109). Reported once, whole, and nothing is taken out;
                # joined by a word ("shrunk and shrunk and shrunk") it is rhetoric, and left alone.
                reported = end
                if not any(map(str.isalpha, match.group("sep"))):
                    yield Hit(match.start(), end, message=f"“{first}” {copies} times in a row", rule=self.rule)
                continue
            replacement = first if self._fixes else None
            yield Hit(match.start(), match.end(), replacement, rule=self.rule)

    def _meant_here(self, text: str, start: int, end: int) -> bool:
        """Whether an ``unless`` entry describes where the repeat stands ("could and could" before " not")."""
        try:
            return any(entry.holds(text, start, end) for entry in self._unless)
        except TimeoutError:  # a house pattern that backtracks without end on 120 characters
            raise PatternTimeout(self.rule.path, self.rule.code, REGEX_TIMEOUT) from None

    def _copies(self, text: str, match: Any) -> tuple[int, int]:
        """How many times in a row a repeat's unit comes (2 for a doubled word), and where the last copy ends."""
        unit = match.group("first").lower()
        size = len(unit)
        copies, end = 2, match.end()
        while (between := self._separator.match(text, end, timeout=REGEX_TIMEOUT, concurrent=False)) is not None:
            after = between.end()
            if PARAGRAPH_BREAK.search(between.group()) or text[after : after + size].lower() != unit or _UNIT_GOES_ON.match(text, after + size):
                break
            copies, end = copies + 1, after + size
        return copies, end


def _ends_an_address(text: str, start: int) -> bool:
    """Whether the word at ``start`` ends a web address, handle, hashtag or e-mail address ("www.example.com/news/the
    the report", "@the the"): the prose's word after it is no copy of it, and taking it out would delete the
    article's word. A full stop counts only after a letter or digit ("example.the"), not in "...the the".

    >>> _ends_an_address("See example.com/the the end", 16), _ends_an_address("He said...the the end", 10), _ends_an_address("the the", 0)
    (True, False, False)
    """
    if start == 0:
        return False
    before = text[start - 1]
    return before in _ADDRESS_JOINERS or before == "." and start > 1 and text[start - 2].isalnum()


_ADDRESS_JOINERS = frozenset("/@#=_&?%+~:")


def _heading_then_sentence(match: Any, text: str) -> bool:
    r"""Whether a repeat across a line break starts a sentence with the word a heading ended with
    ("male urethral stenosis" / "Stenosis of the male urethra is …", "OPTIONS" / "Options must be given …"):
    wrapping never capitalises a word, nor writes it otherwise ("the" / "the city" is a slip).

    >>> import re
    >>> pattern = re.compile(r"(?P<first>\w+)(?P<sep>\n)(?P=first)", re.IGNORECASE)
    >>> [_heading_then_sentence(pattern.search(text), text) for text in ("stenosis\nStenosis", "OPTIONS\nOptions", "the\nthe")]
    [True, True, False]
    """
    second = text[match.end("sep") : match.end()]
    return second[:1].isupper() and second != match.group("first")


_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}[\p{L}'’-]*)")
# What ends a copy of a unit when it is not followed by it (as the rule's pattern ends it).
_UNIT_GOES_ON = regex.compile(r"[\w'’-]|[.,]\d")
_REGEX_WORD_CHARACTER = regex.compile(r"\w")
_WHITE_SPACE = regex.compile(r"\s")  # as the rules' separators read it
_RE_WORD_CHARACTER = re.compile(r"\w")


# --- the words of a text --------------------------------------------------------------------------

# Each character of a text as TextWords reads it, where it is ASCII: a letter in lower case, a
# digit and "_" as themselves, "'" as itself (an apostrophe inside a word), and anything else as a
# space; in the second table "?" stands for a word character beyond ASCII (see _word_bytes).
_WORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if byte < 128 and (chr(byte).isalnum() or chr(byte) in "_'") else 32
    for byte in range(256)
)
_WORD_BYTES_BEYOND_ASCII = _WORD_BYTES[: ord("?")] + b"?" + _WORD_BYTES[ord("?") + 1 :]
# Characters beyond ASCII that ``regex``, ignoring case, takes for an ASCII letter ("ı" for "I"):
# they are read as that letter (tests/test_repetition_prefilter.py goes through every character).
_AS_ASCII_LETTER = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


@lru_cache(maxsize=4096)
def _read_as(char: str) -> str | None:
    """How TextWords reads a character beyond ASCII before it encodes the text: an apostrophe, a
    space, an ASCII letter, or as itself (None: a word character, which becomes "?")."""
    if char == "’":
        return "'"
    if char in _AS_ASCII_LETTER:
        return _AS_ASCII_LETTER[char]
    return None if _REGEX_WORD_CHARACTER.match(char) else " "


def _word_bytes(text: str, beyond_ascii: str) -> bytes:
    """One byte for each character of ``text``: the letters of its words, lower-cased, with their
    apostrophes, and spaces between. A word character beyond ASCII becomes "?" (so "Élan" and
    "élan" read alike, as do all words of the same length in another script), a character that
    ``regex`` takes for an ASCII letter becomes that letter, and every other character a space.

    >>> _word_bytes("Don’t—say “Élan” ı?", "’—“É”ı")
    b"don't say  ?lan  i "
    """
    if beyond_ascii:
        text = text.replace("?", " ")  # "?" will stand for a word character beyond ASCII
        for char in beyond_ascii:
            if (read_as := _read_as(char)) is not None:
                text = text.replace(char, read_as)  # one character for one: the offsets stay
        return text.encode("ascii", "replace").translate(_WORD_BYTES_BEYOND_ASCII)
    return text.encode("ascii").translate(_WORD_BYTES)


class TextWords:
    """The words of a text as the repetition rules compare them: lower-cased, split in C at every
    character that is neither a word character nor an apostrophe. Wherever a rule's pattern
    matches, a word starts that comes again a phrase later (or after a word of the separator):
    the rules read the words first, and try the pattern at those words alone.

    >>> words = TextWords("“The the”, he said — ça va", "“”—ç")
    >>> words.words, words.offsets([1, 4])
    ([b'the', b'the', b'he', b'said', b'?a', b'va'], [5, 21])
    """

    def __init__(self, text: str, beyond_ascii: str) -> None:
        self._bytes = _word_bytes(text, beyond_ascii)
        self.words = self._bytes.split()

    def word_end(self, offset: int) -> int:
        """Where the word that starts at ``offset`` ends (the character after it, which is no word character).

        >>> TextWords("the the, cat", "").word_end(4)
        7
        """
        end = self._bytes.find(b" ", offset)
        return len(self._bytes) if end == -1 else end

    def offsets(self, indices: list[int]) -> list[int]:
        """Where the words at ``indices`` (in order) start in the text (one byte is one character)."""
        spaced = self._bytes
        if len(indices) > _FEW_OFFSETS:  # a text that repeats itself: every word's offset at once
            parts = spaced.split(b" ")  # the words, and an empty part for every other space
            part_of_word = list(compress(count(), parts))
            before = list(accumulate(map(len, parts), initial=0))
            return [before[part] + part for part in map(part_of_word.__getitem__, indices)]
        found = []
        rest, at = spaced, 0
        for index in indices:
            rest = rest.split(None, index - at)[-1]  # the text from the word at ``index`` on
            at = index
            found.append(len(spaced) - len(rest))
        return found


# Up to this many offsets are found one by one, each by splitting the rest of the text (a fifth of
# the cost of splitting it all at once); each takes a copy of the rest.
_FEW_OFFSETS = 16


@dataclass(frozen=True)
class WordsPrefilter:
    """Which words of a text may start a repeat, told from the words alone: a repeat of up to
    ``max_words`` words has its first word again ``max_words`` words or fewer later (straight after
    it with a separator of spaces; after one of ``between`` otherwise). Looser than the rule: where
    it says no, the rule's pattern does not match."""

    max_words: int
    between: frozenset[bytes] | None  # the words of a separator such as " and ", as TextWords reads them; None: spaces only

    @classmethod
    def for_separator(cls, separator: str, max_words: int) -> WordsPrefilter | None:
        """The prefilter for a separator of spaces (``\\s+``) or of one listed word between spaces; None for any other."""
        if separator == r"\s+":
            return cls(max_words, None)
        listed = _ONE_WORD_SEPARATOR.fullmatch(separator)
        if listed is None:
            return None
        words = listed.group(1).split("|")
        return cls(max_words, frozenset(_word_bytes(word, "".join({c for c in word if not c.isascii()})) for word in words))

    def starts(self, words: list[bytes]) -> list[int]:
        """The indices of the words where a repeat may start, in order (none: most texts)."""
        found: set[int] = set()
        if self.between is None:
            # One comparison of neighbours a phrase length, all in C; the few words found are checked in full.
            for length in range(1, self.max_words + 1):
                if any(map(eq, words, words[length:])):
                    found.update(
                        start
                        for start in compress(count(), map(eq, words, words[length:]))
                        if words[start : start + length] == words[start + length : start + 2 * length]
                    )
            return sorted(found)
        lengths = range(1, self.max_words + 1)
        last = len(words) - 1
        for between in self.between:
            middle = 0
            try:
                while (middle := words.index(between, middle + 1)) < last:  # with a word before; list.index scans in C
                    after = words[middle + 1]
                    for length in lengths:
                        if (
                            length <= middle
                            and words[middle - length] == after  # the phrases' first words, before slicing them
                            and words[middle - length : middle] == words[middle + 1 : middle + 1 + length]
                        ):
                            found.add(middle - length)
            except ValueError:  # no more
                pass
        return sorted(found)


_ONE_WORD_SEPARATOR = regex.compile(r"\\s\+\(\?:((?:\w+\|)*\w+)\)\\s\+")

# Words the next word repeats: the doubled-word rule's candidates, and a repeated list item's (commas are no words).
_ADJACENT = WordsPrefilter(1, None)


def adjacent_repeats(doc: Any) -> list[int]:
    """Where the words start that the next word repeats (:class:`TextWords` reads "rash, rash" as
    two words), kept in the document's index for every check that reads them.

    >>> from copyedit.document import PlainDocument
    >>> adjacent_repeats(PlainDocument("It may cause itching, rash, rash, etc. The the end."))
    [22, 39]
    """
    def find() -> list[int]:
        words = _text_words(doc)
        starts = _ADJACENT.starts(words.words)
        return words.offsets(starts) if starts else []

    return text_index(doc).kept(adjacent_repeats, find)


def _text_words(doc: Any) -> TextWords:
    """The document's :class:`TextWords`, kept in its index for every repetition rule and MT110."""
    index = text_index(doc)
    return index.kept(TextWords, lambda: TextWords(doc.text, index.non_ascii_characters))


# --- a search in the standard library's engine, for other separators -------------------------------

# A separator the standard library reads as ``regex`` does, and searches in linear time (it has no time
# limit, so a house rule's "(?:\s|\s)+(?:\s|\s)+," must not reach it): ASCII letters, digits, punctuation and
# spaces (``\s``), each repeated or not, but no two repeats in a row, no group and no alternative.
_SEPARATOR_ATOM = re.compile(r"(\\s|[A-Za-z0-9_ :,.'’-])([*+?]?)")


def _linear_separator(separator: str) -> bool:
    """Whether a separator is read alike by both engines and cannot make a search backtrack without end.

    >>> [_linear_separator(s) for s in (r"\\s*,\\s*", r"\\s+-\\s+", r"\\s*-?\\s*", r"(?:\\s|\\s)+,", r"\\s*[,;]\\s*")]
    [True, True, False, False, False]
    """
    atoms = _SEPARATOR_ATOM.findall(separator)
    if "".join(atom + repeat for atom, repeat in atoms) != separator:
        return False
    return not any(first[1] and second[1] for first, second in zip(atoms, atoms[1:]))


def _gate(words: tuple[str, ...], max_words: int, separator: str) -> re.Pattern[str] | None:
    """A looser pattern in the standard library's engine (several times as fast as the rule's
    pattern on news text) that matches wherever the rule's pattern does, from the same start: the
    rule's pattern without the number test around it. None when the separator or the words may read
    differently there.

    >>> _gate((), 1, r"\\s*,\\s*").search("He said the, the cat.").group()
    'the, the'
    """
    if words or not _linear_separator(separator):
        return None
    # Python 3.10's engine has no atomic groups: a plain group matches wherever the atomic one does (and more).
    word = r"(?>\w+)" if sys.version_info >= (3, 11) else r"\w+"
    unit = rf"{word}(?:['’]{word})*"
    phrase = unit if max_words == 1 else f"{unit}(?:\\s+{unit}){{0,{max_words - 1}}}"
    return re.compile(rf"(?<![\w'’-])({phrase})(?:{separator})\1(?![\w'’-])", re.IGNORECASE)


def _engines_read_alike(beyond_ascii: str) -> bool:
    """Whether a search in ``re`` ignoring case matches a text where one in ``regex`` does, told from
    its characters beyond ASCII: both take the same characters for word characters, and no two
    characters that ``regex`` takes for the same ignoring case are told apart by ``re``, which
    compares their lower case (only characters of ``_FOLDS_APART`` may be; tests/test_repetition_prefilter.py).

    >>> _engines_read_alike("“é”–\\u00a0"), _engines_read_alike("ς"), _engines_read_alike("²")
    (True, False, False)
    """
    return not any(map(_read_apart, beyond_ascii))


@lru_cache(maxsize=4096)
def _read_apart(char: str) -> bool:
    # Asked of each distinct character of a text beyond ASCII (a few dozen), not of every character.
    # A mark, a joiner or connector punctuation is a word character only to ``regex``, a digit such as "²" only to ``re``.
    return char in _FOLDS_APART or (_RE_WORD_CHARACTER.match(char) is None) != (_REGEX_WORD_CHARACTER.match(char) is None)


def is_title_case(words: str) -> bool:
    """Whether every word starts with a capital and is not all capitals (a name, not a shout).

    >>> is_title_case("Fang"), is_title_case("the"), is_title_case("THE"), is_title_case("New York")
    (True, False, False, True)
    """
    return all(word[:1].isupper() and not word.isupper() for word in words.split())


KIND = Kind("repetition", KEYS, parse, rule_pass=RepetitionPass)
