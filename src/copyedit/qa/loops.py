"""A translation that runs on, repeating a phrase its source says once (LQ215).

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
from .bilingual import aligned_sentences

# One to six words (with their punctuation), said three times or more in a row.
_REPEATED = re.compile(r"(?<!\S)(\S+(?: \S+){0,5}?) \1 \1(?!\S)")
# The same in the source: one to eight letters three times in a row (Chinese and
# Japanese write no spaces), or words three times in a row, whatever their case and punctuation.
_SOURCE_REPEATED = re.compile(r"([^\W\d_]{1,8}?)\1\1|\b(\w+(?:\W+\w+){0,5})\W+\2\W+\2\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Characters of English per character of a source, about: three to four for Chinese, Japanese
# and Korean (a character is a word or a syllable), a little over one for alphabets.
_DENSE_RATIO, _RATIO = 4.0, 1.6


def _runs_on(target_length: int, source_length: int, ratio: float, stretch: float, min_length: int) -> bool:
    """Whether a translation of ``target_length`` characters is ``stretch`` times as long as its
    source of ``source_length`` would make it, at the document's ``ratio`` of lengths.

    >>> _runs_on(400, 40, 3.0, 2.0, 80), _runs_on(200, 40, 3.0, 2.0, 80), _runs_on(70, 5, 3.0, 2.0, 80)
    (True, False, False)
    """
    return target_length >= min_length and target_length > stretch * ratio * max(source_length, 1)


def _ends_in_a_loop(sentence: str, min_length: int) -> bool:
    """Whether the last ten characters of a sentence (of ``min_length`` or more) come three times
    in it: a loop that replaced the translation rather than lengthened it still runs to its end.

    >>> _ends_in_a_loop("Medical Services - Medical Services - Medical Services - Medical Services", 60)
    True
    >>> _ends_in_a_loop("Medical Services - the prices of dental implants in Henan are put in order", 60)
    False
    """
    tail = sentence.rstrip(" .!?…\"'”’»)")[-10:]
    return len(sentence) >= min_length and len(tail) == 10 and sentence.count(tail) >= 3


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


def _times(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    """How many times in a row the phrase of ``match`` is said, and where the run ends."""
    phrase, end, times = match.group(1), match.end(), 3
    while sentence.startswith(" " + phrase, end):
        end += len(phrase) + 1
        times += 1
    return times, end


def looping_translations(
    doc: Any, context: Context, stretch: float = 1.5, min_length: int = 60
) -> Iterator[Hit]:
    """A target sentence of ``min_length`` characters or more, ``stretch`` times as long as its
    source sentence would make it (at the document's ratio of lengths, or the usual one for the
    source's script when that is less) or ending in a loop, that says a phrase of one to six words
    three times or more in a row, while the source sentence repeats nothing so."""
    if not context.source:
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    # a loop makes a short document's own ratio of lengths long too: no more than a usual one
    usual = _DENSE_RATIO if _DENSE_SCRIPT.search(source) else _RATIO
    ratio = min(max(len(text.strip()), 1) / max(len(source.strip()), 1), usual)
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            continue
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        start, end = alignment.target[bead.target[0]].start, alignment.target[bead.target[-1]].end
        sentence = text[start:end]
        if not (_runs_on(end - start, last.end - first.start, ratio, stretch, min_length) or _ends_in_a_loop(sentence, min_length)):
            continue
        match = _repeated_phrase(sentence)
        if match is None or _SOURCE_REPEATED.search(source, first.start, last.end):
            continue
        times, run_end = _times(sentence, match)
        yield Hit(
            start + match.start(), start + run_end,
            message=f"“{match.group(1)}” comes {times} times in a row, and the source does not repeat itself: the MT ran on in a loop",
            source=TextSpan(first.start, last.end), source_sentence=TextSpan(first.start, last.end),
        )


__all__: Sequence[str] = ("looping_translations",)
