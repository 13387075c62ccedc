"""One document's text taken apart once, for every check of a pass that reads it (issue 13).

A check asks :func:`text_index` for its document's index. Each part is found the first time a
check asks for it and kept with the document, so the checks of one pass share it; the next pass
of the fix loop reads a new document and starts afresh. The parts:

- the non-ASCII characters of the text, from which each check tells whether the standard
  library's faster engine reads the text as ``regex`` does (see :attr:`TextIndex.ascii_letters`);
- the runs of capitalised words (name candidates) and their distinct words, which the name checks
  read: most of them can tell from the distinct words alone that a document has nothing for them;
- the lines of prose and their sentences, which the language checks read.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable, Generic, Hashable, Iterable, Iterator, Sequence, TypeVar, overload

import regex

from .document import Block

Word = tuple[int, int, str]  # start, end, the word
Run = tuple[Word, ...]
Kept = TypeVar("Kept")
Value = TypeVar("Value")


class found_once(Generic[Value]):
    """:func:`functools.cached_property` without its lock: before Python 3.12 it takes one lock, shared by
    every instance, at the first read of each instance's value, which for the index (a new one per
    document, and one thread per document) is only a cost. The value is kept in the instance's
    ``__dict__``, which attribute lookup reads first from then on.

    >>> class Counted:
    ...     made = 0
    ...     @found_once
    ...     def value(self) -> int:
    ...         Counted.made += 1
    ...         return 42
    >>> counted = Counted()
    >>> counted.value, counted.value, Counted.made, counted.__dict__
    (42, 42, 1, {'value': 42})
    """

    def __init__(self, make: Callable[[Any], Value]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> found_once[Value]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> Value: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Value | found_once[Value]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.make(instance)
        return value

# --- capitalised runs -------------------------------------------------------------------------

# Lower-case particles inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
_PARTICLE_WORDS = ("bin", "ibn", "al", "el", "de", "del", "van", "von", "der", "da", "di", "du", "la", "le")
_PARTICLES = r"(?:[ \-](?:" + "|".join(_PARTICLE_WORDS) + "))*"
_PARTICLE_SET = frozenset(_PARTICLE_WORDS)
# A run of capitalised words (a name candidate), joined by spaces or hyphens. A possessive is not
# part of the name: "Putin's assets" names Putin, "Halifax's" is Halifax. The capital comes before
# the look-behind that checks the letter before it: the engine then tries the look-behind only at
# capitals (a quarter faster than testing it everywhere).
_CAPITALISED_RUN = regex.compile(
    r"\p{Lu}(?<![\p{L}\p{M}'’]\p{Lu})[\p{Ll}\p{M}'’]*\p{Ll}(?<!['’]s)(?:" + _PARTICLES
    + r"[ \-]\p{Lu}[\p{Ll}\p{M}'’]*\p{Ll}(?<!['’]s))*"
)
_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’]*\p{Ll}(?<!['’]s)")
# A run of two words or more: where a run of one word is, this finds nothing (no later word can follow its
# first at any length of it, and no run starts inside a word), and every other run whole. Its first word is
# followed by a space or a hyphen, so it takes all the letters there are (possessive: a third faster on news,
# where most capitalised words stand alone) and then ends in a lower-case letter, as the runs' words do.
_SEVERAL_WORD_RUN = regex.compile(
    r"\p{Lu}(?<![\p{L}\p{M}'’]\p{Lu})[\p{Ll}\p{M}'’]*+(?<=\p{Ll})(?<!['’]s)(?:" + _PARTICLES
    + r"[ \-]\p{Lu}[\p{Ll}\p{M}'’]*\p{Ll}(?<!['’]s))+"
)
# A word of a run, found without the run: a run's first word is one, and so is every later word (it
# comes after a space or a hyphen); and where one is, a run is (the run's pattern starts with it).
_RUN_WORD = regex.compile(r"\p{Lu}(?<![\p{L}\p{M}'’]\p{Lu})[\p{Ll}\p{M}'’]*\p{Ll}(?<!['’]s)")
# The same two patterns for a text whose letters are all ASCII (and so has no combining mark),
# where \p{Lu} is [A-Z], \p{Ll} is [a-z] and \p{L} is [A-Za-z]: the standard library's engine finds
# the same runs about 1.7 times as fast.
_ASCII_CAPITALISED_RUN = re.compile(
    r"[A-Z](?<![A-Za-z'’][A-Z])[a-z'’]*[a-z](?<!['’]s)(?:" + _PARTICLES + r"[ \-][A-Z][a-z'’]*[a-z](?<!['’]s))*"
)
_ASCII_SEVERAL_WORD_RUN = re.compile(
    r"[A-Z](?<![A-Za-z'’][A-Z])[a-z'’]*" + ("+" if sys.version_info >= (3, 11) else "")  # (3.10: the same, backtracking)
    + r"(?<=[a-z])(?<!['’]s)(?:" + _PARTICLES + r"[ \-][A-Z][a-z'’]*[a-z](?<!['’]s))+"
)
_ASCII_WORD = re.compile(r"[A-Z][a-z'’]*[a-z](?<!['’]s)")
_ASCII_RUN_WORD = re.compile(r"[A-Z](?<![A-Za-z'’][A-Z])[a-z'’]*[a-z](?<!['’]s)")

_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")


def capitalised_word(text: str) -> str | None:
    """The first word of ``text`` that :func:`capitalised_runs` would take as a word.

    >>> capitalised_word("Kassym-Jomart Tokayev"), capitalised_word("bande de Gaza"), capitalised_word("Łódź")
    ('Kassym', 'Gaza', 'Łódź')
    """
    # An ASCII text (the registry's English forms, many spellings) goes to the standard library's faster engine.
    found = _ASCII_WORD.search(text) if text.isascii() else _WORD.search(text)
    return found.group() if found else None


def capitalised_words(text: str) -> list[str]:
    """The words of a text's capitalised runs, in order.

    >>> capitalised_words("Mohammed bin Salman-Al Saud, McDonald's"), capitalised_words("Jean-Luc Mélenchon")
    (['Mohammed', 'Salman', 'Al', 'Saud', 'Mc'], ['Jean', 'Luc', 'Mélenchon'])
    """
    if text.isascii():
        return _ASCII_RUN_WORD.findall(text)
    return list(_RUN_WORD.findall(text, concurrent=False))


def capitalised_runs(text: str, ascii_letters: bool | None = None) -> tuple[Run, ...]:
    """Each run of capitalised words in a text, as its words' (start, end, word);
    ``ascii_letters``: whether the text's letters are all ASCII, when the caller knows.

    >>> capitalised_runs("Then Kasim Jomart Tokaev spoke to Mohammed bin Salman in Putin's Kremlin.")
    (((0, 4, 'Then'), (5, 10, 'Kasim'), (11, 17, 'Jomart'), (18, 24, 'Tokaev')), ((34, 42, 'Mohammed'), (47, 53, 'Salman')), ((57, 62, 'Putin'),), ((65, 72, 'Kremlin'),))
    >>> capitalised_runs("Kasım Cömert Tokayev met McDonald.")
    (((0, 5, 'Kasım'), (6, 12, 'Cömert'), (13, 20, 'Tokayev')), ((25, 27, 'Mc'),))
    """
    if ascii_letters is None:
        ascii_letters = _ascii_letters(non_ascii_characters(text))
    runs: list[Run] = []
    if ascii_letters:
        for run in _ASCII_CAPITALISED_RUN.finditer(text):
            found = run.group()
            if " " not in found and "-" not in found:  # one word: most runs
                runs.append(((run.start(), run.end(), found),))
            else:
                runs.append(_run_words(found, run.start()))
    else:
        for run in _CAPITALISED_RUN.finditer(text, concurrent=False):
            found = run.group()
            if " " not in found and "-" not in found:
                runs.append(((run.start(), run.end(), found),))
            else:
                runs.append(_run_words(found, run.start()))
    return tuple(runs)


def several_word_runs(text: str, ascii_letters: bool | None = None) -> tuple[Run, ...]:
    """The runs of :func:`capitalised_runs` that have two words or more, found without the others (most runs
    are one word).

    >>> several_word_runs("Then Kasim Jomart Tokaev spoke to Mohammed bin Salman in Putin's Kremlin.")
    (((0, 4, 'Then'), (5, 10, 'Kasim'), (11, 17, 'Jomart'), (18, 24, 'Tokaev')), ((34, 42, 'Mohammed'), (47, 53, 'Salman')))
    """
    if ascii_letters is None:
        ascii_letters = _ascii_letters(non_ascii_characters(text))
    runs = _ASCII_SEVERAL_WORD_RUN.finditer(text) if ascii_letters else _SEVERAL_WORD_RUN.finditer(text, concurrent=False)
    return tuple([_run_words(run.group(), run.start()) for run in runs])


def _run_words(run: str, start: int) -> Run:
    """The words of a run of several words found at ``start``: the parts between its spaces and hyphens but its
    particles (a run's word is whole: the letters around it are no part of the run). Splitting the run's text
    takes half the time of finding its words again with a pattern.

    >>> _run_words("Mohammed bin Salman-Al", 10)
    ((10, 18, 'Mohammed'), (23, 29, 'Salman'), (30, 32, 'Al'))
    """
    words = []
    for part in run.replace("-", " ").split(" "):
        if part not in _PARTICLE_SET:
            words.append((start, start + len(part), part))
        start += len(part) + 1
    return tuple(words)


def non_ascii_characters(text: str) -> str:
    """Each character of ``text`` beyond ASCII, once.

    >>> sorted(non_ascii_characters("“Café” – café"))
    ['é', '–', '“', '”']
    """
    # Deleting the ASCII runs is about 5× cheaper than collecting the other runs (BBC 15 → 2.8 ms).
    return "" if text.isascii() else "".join(set(_ASCII_RUNS.sub("", text)))


def _ascii_letters(characters: str) -> bool:
    return _LETTER_OR_MARK.search(characters) is None


# --- prose lines and sentences ----------------------------------------------------------------

# A line is prose when it has this many words and ends a sentence (see prose_lines).
PROSE_MIN_WORDS = 8
# regex's \s (Unicode White_Space) spelt out, which str.isspace and re's \s extend by \x1c-\x1f: the standard library's
# engine (faster) then reads the pattern as ``regex`` did.
_WHITE_SPACE = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SENTENCE_END = re.compile(rf"[.!?…][\"'’”»)\]]*(?:[{_WHITE_SPACE}]|\Z)")
# A list entry: a bullet, or "1." / "(c)" / "b)" and a space.
_LIST_MARKER = regex.compile(r"(?:[-*•·–—]|\(?(?:\d{1,3}|\p{L})[.)])\s")
# No class shorthand, so the standard library's engine (faster) reads it as ``regex`` would.
# A sentence's end is followed by white space, a closing mark or the end: "56.134", "U.S." and "0.5%" end none.
# (Runs, not characters, in the loop: a character at a time took five times as long.)
_SENTENCE = re.compile(r"(?:[^.!?…]+|[.!?…]+(?=[^\s.!?…”’\"»)]))+(?:[.!?…]+[”’\"»)]*|$)")
# The characters that end a sentence, and those that may follow its end (as in _SENTENCE), and
# those that may start a list entry (as in _LIST_MARKER).
_ENDS = ".!?…"
_CLOSERS = "”’\"»)"
_BULLETS = "-*•·–—("


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, trimmed.

    >>> text = "One here. Two there! Three"
    >>> [text[s:e] for s, e in sentences(text, 0, len(text))]
    ['One here.', 'Two there!', 'Three']
    """
    for match in _SENTENCE.finditer(text, start, end):
        sentence = match.group()
        trimmed = sentence.lstrip()  # str.strip removes exactly the characters str.isspace accepts
        if trimmed:
            s = match.start() + len(sentence) - len(trimmed)
            yield s, s + len(trimmed.rstrip())


def prose_lines(text: str, blocks: Iterable[Block]) -> tuple[tuple[int, int], ...]:
    """Spans of the lines of prose, trimmed: lines of paragraphs (not headings, list items, table
    cells or block quotes) that are no list entry, have at least PROSE_MIN_WORDS words and end a
    sentence somewhere. Headlines, captions and lists are mostly names and terms: no test of
    language.

    >>> from copyedit.document import paragraph_blocks
    >>> text = (
    ...     "Roskomnadzor blocked politician Alexei Navalny's website:\\n\\n"
    ...     "The regulator said on Friday that the site had broken the law.\\n"
    ...     "- a list entry that is long enough and ends like a sentence."
    ... )
    >>> [text[s:e] for s, e in prose_lines(text, paragraph_blocks(text))]
    ['The regulator said on Friday that the site had broken the law.']
    """
    found: list[tuple[int, int]] = []
    for start, stop, kind in blocks:
        if kind != "paragraph":
            continue
        while start < stop:
            end = text.find("\n", start, stop)
            if end == -1:
                end = stop
            line = text[start:end]
            trimmed = line.strip()
            # A line that ends with a sentence's end needs no search for one (most prose does), and a
            # list marker has a bullet or "(" first, or "." or ")" second, third or fourth. Split at most
            # PROSE_MIN_WORDS - 1 times, a line of PROSE_MIN_WORDS words or more gives that many pieces (one fewer to make).
            if (
                len(trimmed.split(None, PROSE_MIN_WORDS - 1)) == PROSE_MIN_WORDS
                and (trimmed[-1] in _ENDS or _SENTENCE_END.search(trimmed) is not None)
                and (
                    not (trimmed[0] in _BULLETS or "." in trimmed[1:4] or ")" in trimmed[1:4])
                    or _LIST_MARKER.match(trimmed, concurrent=False) is None
                )
            ):
                first = start if len(trimmed) == len(line) else start + len(line) - len(line.lstrip())
                found.append((first, first + len(trimmed)))
            start = end + 1
    return tuple(found)  # made at once: resuming a generator for each line took 5% of the time


def line_sentences(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """:func:`sentences` of a span with no white space at either end (a prose line), found faster.

    Such a line that does not start with a sentence's end holds one sentence when the sentence's end
    at its end (if any) is the only one. Otherwise its sentences are the sentence pattern's matches
    (``findall``, without a match object each), when they follow one another without a gap (they do
    unless a sentence's end follows a closing quotation mark or bracket), each less the white space
    before it: a match ends with a sentence's end, a closing mark or the line's end, none of them white space.

    >>> text = " One here. Two there!” (Three) U.S. troops… "
    >>> [text[s:e] for s, e in line_sentences(text, 1, len(text) - 1)]
    ['One here.', 'Two there!”', '(Three) U.S.', 'troops…']
    >>> line_sentences(text, 1, 9), line_sentences(text, 12, 22)
    (((1, 9),), ((12, 22),))
    """
    line = text[start:end]
    if line[0] not in _ENDS:
        body = line.rstrip(_CLOSERS).rstrip(_ENDS)
        if "." not in body and "!" not in body and "?" not in body and "…" not in body:
            return ((start, end),)
        found = []
        if "!" not in body and "?" not in body and "…" not in body and body.count(".") == body.count(". "):
            # Only full stops, each followed by a space: a sentence ends at each ". ", unless white space follows it.
            at = start
            for part in line.split(". "):
                if part[:1].isspace():
                    break
                found.append((at, at + len(part) + 1))
                at += len(part) + 2
            else:
                found[-1] = (found[-1][0], end)
                return tuple(found)
            found = []
        at = start
        for piece in _SENTENCE.findall(text, start, end):
            size = len(piece)
            found.append((at + size - len(piece.lstrip()), at + size))
            at += size
        if at == end:
            return tuple(found)
    return tuple(sentences(text, start, end))


# --- the index --------------------------------------------------------------------------------


class TextIndex:
    """The parts of one text that several checks read, each found on first use and kept."""

    def __init__(self, text: str, blocks: Sequence[Block]) -> None:
        self.text = text
        self.blocks = blocks
        self._kept: dict[Hashable, Any] = {}

    def kept(self, key: Hashable, make: Callable[[], Kept]) -> Kept:
        """``make()``, made once per ``key`` for this text: what a check derives from the index for
        itself and for the checks after it (the language checks keep each sentence's score here)."""
        try:
            found: Kept = self._kept[key]
        except KeyError:
            found = self._kept[key] = make()
        return found

    @found_once
    def non_ascii_characters(self) -> str:
        """Each character of the text beyond ASCII, once (most news has a few quotation marks and
        dashes): enough to tell whether a pattern reads the text alike in ``re`` and ``regex``."""
        return non_ascii_characters(self.text)

    @found_once
    def lowered(self) -> str:
        """``text.lower()``, for the checks that read the text lower-cased (the term pass and the pattern
        prefilter): lowering it once costs a third of a term pass on text beyond ASCII."""
        return self.text.lower()

    @found_once
    def ascii_letters(self) -> bool:
        """Whether every letter of the text is ASCII (and it has no combining mark)."""
        return _ascii_letters(self.non_ascii_characters)

    @found_once
    def capitalised_runs(self) -> tuple[Run, ...]:
        """See :func:`capitalised_runs`."""
        return capitalised_runs(self.text, self.ascii_letters)

    @found_once
    def several_word_runs(self) -> tuple[Run, ...]:
        """See :func:`several_word_runs`: the runs of two words or more, taken from :attr:`capitalised_runs`
        when a check has found those already."""
        runs = self.__dict__.get("capitalised_runs")
        if runs is not None:
            return tuple(run for run in runs if len(run) > 1)
        return several_word_runs(self.text, self.ascii_letters)

    @found_once
    def capitalised_words(self) -> frozenset[str]:
        """The distinct words of the capitalised runs, found without the runs (most documents need no more).

        >>> TextIndex("Kasim Jomart Tokaev met McDonald's Kasim.", ()).capitalised_words == {"Kasim", "Jomart", "Tokaev", "Mc"}
        True
        """
        if self.ascii_letters:
            return frozenset(_ASCII_RUN_WORD.findall(self.text))
        return frozenset(_RUN_WORD.findall(self.text, concurrent=False))

    @found_once
    def prose_lines(self) -> tuple[tuple[int, int], ...]:
        """See :func:`prose_lines`."""
        return prose_lines(self.text, self.blocks)

    @found_once
    def prose_sentences(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """The sentences of each prose line (see :func:`sentences`).

        >>> from copyedit.document import paragraph_blocks
        >>> text = "Headline\\n\\nThe first sentence of the article. A second one is longer."
        >>> TextIndex(text, paragraph_blocks(text)).prose_sentences
        (((10, 44), (45, 68)),)
        """
        text = self.text
        return tuple([line_sentences(text, start, end) for start, end in self.prose_lines])


_KEPT_AS = "_copyedit_text_index"


def text_index(doc: Any) -> TextIndex:
    """The index of a document (anything with ``text`` and ``blocks``), built on first use and kept
    with it: the checks of a pass read one document, and the next pass parses a new one.

    >>> from copyedit.document import PlainDocument
    >>> doc = PlainDocument("Kasim Tokaev spoke. He said the talks went well.")
    >>> text_index(doc) is text_index(doc), sorted(text_index(doc).capitalised_words)
    (True, ['He', 'Kasim', 'Tokaev'])
    """
    index: TextIndex | None = getattr(doc, _KEPT_AS, None)
    if index is None or index.text is not doc.text:
        index = TextIndex(doc.text, getattr(doc, "blocks", ()))
        try:
            setattr(doc, _KEPT_AS, index)
        except AttributeError:  # a document that takes no new attribute: each check builds its own
            pass
    return index
