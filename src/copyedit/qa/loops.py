"""A translation that runs on, repeating a phrase its source says once (LQ215), or that says a
phrase of five words or more twice in a row (LQ223).

Neural MT sometimes falls into a loop and writes the same words until its length limit: "the
live broadcast of the live broadcast of the live broadcast of …", "Bern, Bern, Bern, …", "Kim
Jong Jong Jong …". The sentence is then far longer than its source would make it, or (when the loop
took the place of the translation) ends in the same words it has said twice before: those are
the cheap tests that come first. Only such sentences are searched for the repeated phrase, and
the source sentence is checked not to repeat itself ("哈哈哈", "Нет, нет, нет").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..kinds.base import Context, Hit
from ..model import Span as TextSpan

# One to six words (with their punctuation), said three times or more in a row.
_REPEATED = re.compile(r"(?<!\S)(\S+(?: \S+){0,5}?) \1 \1(?!\S)")
# The same in the source: one to eight letters three times in a row (Chinese and
# Japanese write no spaces), or words three times in a row, whatever their case and punctuation.
_SOURCE_REPEATED = re.compile(r"([^\W\d_]{1,8}?)\1\1|\b(\w+(?:\W+\w+){0,5})\W+\2\W+\2\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DENSE_LANGUAGES = frozenset({"zh", "ja", "ko"})
# Characters of English per character of a source, about: three to four for Chinese, Japanese
# and Korean (a character is a word or a syllable), a little over one for alphabets.
_DENSE_RATIO, _RATIO = 4.0, 1.6


def _ends_in_a_loop(text: str, start: int, end: int) -> bool:
    """Whether the ten characters before the last one of ``text[start:end]`` come three times in
    it: a loop that took the place of a translation, rather than lengthened it, runs to its end.

    >>> _ends_in_a_loop("Medical Services - Medical Services - Medical Services - Medical Services.", 0, 74)
    True
    >>> _ends_in_a_loop("Medical Services - the prices of dental implants in Henan are put in order.", 0, 75)
    False
    """
    return text.count(text[end - 11 : end - 1], start, end) >= 3


def _repeated_phrase(sentence: str) -> re.Match[str] | None:
    """The first phrase of one to six words that ``sentence`` says three times in a row, when it
    has a letter in it (a list of numbers or scores may repeat itself).

    >>> _repeated_phrase("She visited the University of Bern, Bern, Bern, Bern, Bern.").group(1)
    'Bern,'
    >>> _repeated_phrase("The video of the live broadcast of the live broadcast of the live broadcast of the").group(1)
    'of the live broadcast'
    >>> _repeated_phrase("The score was 0 0 0 at half time."), _repeated_phrase("He said no and left.")
    (None, None)
    """
    for match in _REPEATED.finditer(sentence):
        if _LETTER.search(match.group(1)):
            return match
    return None


def _times(sentence: str, match: re.Match[str], said: int = 3, limit: int | None = None) -> tuple[int, int]:
    """How many times in a row the phrase of ``match`` (which says it ``said`` times) is said before ``limit``,
    and where the run ends."""
    phrase, end, times = match.group(1), match.end(), said
    while sentence.startswith(" " + phrase, end, limit):
        end += len(phrase) + 1
        times += 1
    return times, end


def looping_translations(
    doc: Any, context: Context, stretch: float = 1.5, min_length: int = 60
) -> Iterator[Hit]:
    """A target sentence of ``min_length`` characters or more, more than ``stretch`` times as long
    as its source sentence would make it (at the document's ratio of lengths, or the usual one for
    the source's script when that is less) or ending in a loop, that says a phrase of one to six
    words three times or more in a row, while the source sentence repeats nothing so."""
    if not context.source:
        return
    from .bilingual import aligned_sentences, source_language  # the aligner: only against a source (12 ms to import)

    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    # a loop makes a short document's own ratio of lengths long too: no more than a usual one
    usual = _DENSE_RATIO if source_language(context) in _DENSE_LANGUAGES else _RATIO
    ratio = min(len(text) / max(len(source), 1), usual)
    longest = stretch * ratio  # characters of translation per character of source, beyond which it runs on
    sources, targets = alignment.source, alignment.target
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            continue
        start, end = targets[bead.target[0]].start, targets[bead.target[-1]].end
        if end - start < min_length:
            continue
        first, last = sources[bead.source[0]], sources[bead.source[-1]]
        if end - start <= longest * max(last.end - first.start, 1) and not _ends_in_a_loop(text, start, end):
            continue
        sentence = text[start:end]
        match = _repeated_phrase(sentence)
        if match is None or _SOURCE_REPEATED.search(source, first.start, last.end):
            continue
        times, run_end = _times(sentence, match)
        yield Hit(
            start + match.start(), start + run_end,
            message=f"“{match.group(1)}” comes {times} times in a row, and the source does not repeat itself: the MT ran on in a loop",
            source=TextSpan(first.start, last.end), source_sentence=TextSpan(first.start, last.end),
        )


# A word of the translation, for the search of a phrase said twice (apostrophes inside: "Iran's")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Punctuation read as a space when the words of a sentence are first compared (apostrophes too: a word
# cut in two at one is cut so in both copies of a phrase, and a quotation mark is no part of a word)
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys("!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~«»“”„‘’‚‹›-‐‑–—…•·・⇒→、，。：；！？（）「」『』【】", " "))
# The same for a sentence in ASCII, with its capitals lowered, for its bytes: a table of 256 bytes is read where a dict
# was looked up for each character (the rough words took nine tenths of the search's time). bytes.split() splits at
# str.split()'s white space but for \x1c–\x1f, which the table makes spaces.
_ASCII_TO_ROUGH = bytes(
    ord(" ") if code in _PUNCTUATION_TO_SPACE or 0x1C <= code <= 0x1F else ord(chr(code).lower()) if code < 128 else code
    for code in range(256)
)
# Five words or more said twice in a row (fewer are said so on purpose: "very, very", "step by step, step by step")
_DOUBLED_WORDS = 5
# The same in the source sentences: four letters or more said twice (Chinese and Japanese write no
# spaces: 侧面的细节，侧面的细节; 国民党的“九二共识”是原汁原味的“九二共识”), or two words or more.
_SOURCE_SAID_TWICE = re.compile(r"\b(\w+\W+\w+)\b.*?\b\1\b", re.IGNORECASE | re.DOTALL)
_SOURCE_SAID_TWICE_DENSE = re.compile(r"([^\W\d_]{4,}).*?\1", re.DOTALL)


def _rough_words(sentence: str) -> list[str] | list[bytes]:
    """The words of a sentence in lower case, punctuation read as a space (as bytes for a sentence in ASCII).

    >>> _rough_words("Iran's leader, “so they can”."), _rough_words("Iran's leader, so they can.")
    (['iran', 's', 'leader', 'so', 'they', 'can'], [b'iran', b's', b'leader', b'so', b'they', b'can'])
    """
    if sentence.isascii():
        return sentence.encode().translate(_ASCII_TO_ROUGH).split()
    return sentence.lower().translate(_PUNCTUATION_TO_SPACE).split()


def _doubled(sentence: str, fewest: int = _DOUBLED_WORDS) -> tuple[TextSpan, TextSpan] | None:
    """Where ``sentence`` says a phrase of ``fewest`` words or more twice in a row (whatever the
    punctuation and case between and in them): the phrase's first copy and its second.

    >>> s = "Cocaine is shipped from South America to Europe by sea from South America to Europe by sea."
    >>> first, second = _doubled(s); s[first.start : first.end], s[second.start : second.end]
    ('from South America to Europe by sea', 'from South America to Europe by sea')
    >>> _doubled("The battery is fully charged, the battery is fully charged.") is not None
    True
    >>> _doubled("A little lion who can shoot, a little lion who loves sweets."), _doubled("Step by step, step by step.")
    (None, None)
    """
    # first, in C: whether any run of that many words comes twice (in most sentences none does)
    rough = _rough_words(sentence)
    if len(rough) < 2 * fewest or len(set(rough)) > len(rough) - fewest:
        return None  # too short, or fewer than that many words come twice
    if len(set(zip(*(rough[i:] for i in range(fewest))))) == len(rough) - fewest + 1:
        return None
    matches = list(_WORD.finditer(sentence))
    words = "\0".join(match.group() for match in matches).lower().split("\0")
    grams = list(zip(*(words[i:] for i in range(fewest))))
    first: dict[tuple[str, ...], list[int]] = {}
    for at, gram in enumerate(grams):
        for earlier in first.get(gram, ()):
            size = at - earlier
            if size >= fewest and words[earlier:at] == words[at : at + size]:
                return (
                    TextSpan(matches[earlier].start(), matches[at - 1].end()),
                    TextSpan(matches[at].start(), matches[at + size - 1].end()),
                )
        first.setdefault(gram, []).append(at)
    return None


def doubled_phrases(doc: Any, context: Context) -> Iterator[Hit]:
    """A target sentence (as aligned) that says a phrase of five words or more twice in a row, while its
    source sentences say nothing twice: MT wrote part of its translation
    twice ("… so they can be pardoned by Iran's supreme leader so they can be pardoned by Iran's
    supreme leader"). A phrase of one to six words said three times or more is a loop, LQ215's."""
    if not context.source:
        return
    from .bilingual import aligned_sentences, source_language

    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    said_twice = _SOURCE_SAID_TWICE_DENSE if source_language(context) in ("zh", "ja") else _SOURCE_SAID_TWICE
    sources, targets = alignment.source, alignment.target
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            continue
        start, end = targets[bead.target[0]].start, targets[bead.target[-1]].end
        sentence = text[start:end]
        found = _doubled(sentence)
        if found is None or _repeated_phrase(sentence) is not None:
            continue
        in_source = TextSpan(sources[bead.source[0]].start, sources[bead.source[-1]].end)
        if said_twice.search(source, in_source.start, in_source.end):
            continue
        copy, again = found
        yield Hit(
            start + again.start, start + again.end,
            message=f"“{sentence[copy.start : copy.end]}” is said twice in a row, and the source says it once",
            source=in_source, source_sentence=in_source,
        )


# Without a source to tell a loop from a text that repeats itself ("No, no, no!"), a phrase must come five times
_REPEATED_FIVE = re.compile(r"(?<!\S)(\S+(?: \S+){0,5}?) \1 \1 \1 \1(?!\S)")
# Where the search looks: eight characters that come four times within 240 characters either side of them (a
# loop's words do), at the end of each line and at its middle, or every 150 characters along a longer one. The
# search over all text would cost two thirds of all other checks together; these counts, in C, a thirtieth.
_PROBE, _PROBE_STRIDE, _PROBE_REACH, _SEARCH_REACH = 8, 150, 240, 400


def looping_output(doc: Any, context: Context, min_length: int = 60) -> Iterator[Hit]:
    r"""Without a source (with one, :func:`looping_translations` judges): a line of ``min_length`` characters or
    more that says a phrase of one to six words, one with a letter, five times or more in a row.

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="Intro line.\nThen he can score, he can score, he can score, he can score, he can score, and more.")
    >>> [doc.text[h.start : h.end] for h in looping_output(doc, Context())]
    ['he can score, he can score, he can score, he can score, he can score,']
    """
    if context.source:
        return
    start = 0  # where the line starts in the text
    for line in doc.text.split("\n"):  # (each line probed in itself: a tenth faster than by offsets into the text)
        if len(line) >= min_length and (probe := _recurring_probe(line)) is not None:
            hit = _loop_in_line(line, probe, start)
            if hit is not None:
                yield hit
        start += len(line) + 1


def _recurring_probe(line: str) -> int | None:
    """The first probe of a line whose characters come four times close by: a short line is probed at its
    middle and its end, a longer one along it and at its end. None: the line holds no loop the search would find.

    >>> _recurring_probe("The talks went on: Bern, Bern, Bern, Bern, Bern, Bern, Bern, Bern, Bern, Bern.")
    39
    >>> _recurring_probe("The talks in Bern went on for a week, and ended with no agreement at all.") is None
    True
    """
    size = len(line)
    last = size - _PROBE - 3
    if size < 2 * _PROBE_STRIDE:
        middle = size // 2
        if line.count(line[middle : middle + _PROBE]) >= 4:  # (_recurs: the middle's reach takes in the whole line)
            return middle
    else:
        for at in range(_PROBE_STRIDE // 2, last, _PROBE_STRIDE):
            if _recurs(line, at):
                return at
    return last if _recurs(line, last) else None


def _recurs(line: str, at: int) -> bool:
    """Whether the probe's characters at ``at`` come four times close by in the line."""
    return line.count(line[at : at + _PROBE], max(0, at - _PROBE_REACH), at + _PROBE_REACH) >= 4


def _loop_in_line(line: str, first: int, offset: int) -> Hit | None:
    """The first loop of a line (at ``offset`` in the text), searched about each probe from ``first`` on where
    the probe's characters recur."""
    end = len(line)
    searched_to = 0
    for at in (first, *range(first + _PROBE_STRIDE, end - _PROBE, _PROBE_STRIDE), end - _PROBE - 3):
        low, high = max(0, at - _SEARCH_REACH), min(end, at + _SEARCH_REACH)
        if at < first or high <= searched_to:
            continue  # (a window searched already)
        if at != first and not _recurs(line, at):
            continue
        low, searched_to = max(low, searched_to - _SEARCH_REACH), high
        for match in _REPEATED_FIVE.finditer(line, low, high):
            if _LETTER.search(match.group(1)):
                times, run_end = _times(line, match, 5, end)
                return Hit(
                    offset + match.start(), offset + run_end,
                    message=f"“{match.group(1)}” comes {times} times in a row: the MT ran on in a loop",
                )
    return None


__all__: Sequence[str] = ("doubled_phrases", "looping_output", "looping_translations")
