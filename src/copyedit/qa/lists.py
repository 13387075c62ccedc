"""A list that names the same item twice (MT110).

MT gives two different words of the source one English word and writes it twice in a list: かゆみ、
発疹、かぶれ as "itching, rash, rash", справок, свидетельств, выписок as "certificates, certificates,
extracts", романы, повести as "novels, novels". What the source said there is lost. English repeats
a word in a list only on purpose, and then three times or more ("very, very, very"), which is left to
the loop checks.

The candidates are the words that the next word repeats (commas are no words there), found in C for
the doubled-word rule and kept in the document's index (:func:`adjacent_repeats`): most documents
have none, and the pattern is tried only at the few there are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from ..kinds.base import REGEX_TIMEOUT, Context, Hit
from ..kinds.repetition import adjacent_repeats

# The first copy opens a list item (after a comma, or after a word that leads into a list); the second
# copy is followed by the list going on or ending ("rash, rash, etc.", "presenter, presenter and singer").
_LIST_REPEAT = regex.compile(
    r"(?:(?<=, )|(?<=(?<![\p{L}'’-])(?:of|the|a|an|in|on|with|for|from|and|or|as|like|including|such as|cause|causes"
    r"|offer|offers|include|includes) ))(\p{L}[\p{L}'’]*), \1(?=,? (?:and|or|etc)\b|, \p{L}|\.)(?![\p{L}'’-])",
    regex.IGNORECASE,
)


# A match is tried in the text it can reach from its candidate: without an end, regex first looks for the pattern's
# literal ", " as far as the text goes, at every candidate (a megabyte of "1 1 1 …", with no comma, took 85 s).
_WORD = regex.compile(r"\p{L}[\p{L}'’]*")  # the item, as the pattern's group 1 reads it
_BEYOND = 16  # ", " between the copies, and what the lookaheads read after them (",? and" and a letter), with room

# How a list's last items are joined: the end of a list of names, where an address goes on with the next place.
_LIST_ENDS = regex.compile(r",? (?:and|or|etc)\b")
# What may stand between a list's items: a comma, "and", "or".
_JOINT = regex.compile(r",? (?:and |or )?")


def repeated_list_items(doc: Any, context: Context, allow: list[str] | None = None) -> Iterator[Hit]:
    r"""A word that a list gives twice in a row, as two of its items ("itching, rash, rash, etc."), where it
    is not said a third time; a name only where the list ends after it ("Kyushu, Kyushu, and other regions"), since
    an address names a city twice ("University of California, Berkeley, Berkeley, CA"). ``allow`` lists idioms
    that repeat an item, from the item on, ignoring case: "day, day and night".

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="It may cause itching, rash, rash, etc. A very, very, very close family.", format="text")
    >>> [doc.text[h.start : h.end] for h in repeated_list_items(doc, Context())]
    ['rash, rash']
    >>> doc = SimpleNamespace(text="It sends 2,000 signals a day, day and night, and a day, day and week.", format="text")
    >>> [(h.start, doc.text[h.start : h.end]) for h in repeated_list_items(doc, Context(), allow=["day, day and night"])]
    [(51, 'day, day')]
    """
    text = doc.text
    for start in adjacent_repeats(doc):
        word = _WORD.match(text, start)
        if word is None or not text.startswith(", ", word.end()):
            continue  # the pattern's item is this word, with ", " after it: most repeats are no list's ("the the", "so-so")
        # ends where a match, its lookaheads read, could end (the word twice, ", " and ", and" after)
        end = start + 2 * (word.end() - start) + _BEYOND
        match = _LIST_REPEAT.match(text, start, end, timeout=REGEX_TIMEOUT, concurrent=False)
        if match is None:
            continue
        item = match.group(1)
        lowered = item.lower()
        if text[max(0, start - len(item) - 2) : start].lower() == lowered + ", " or _said_again(text, match.end(), lowered):
            continue  # said three times: a loop or an intensifier, not a list
        if item[:1].isupper() and not _LIST_ENDS.match(text, match.end()):
            continue  # a name twice in an address: "University of California, Berkeley, Berkeley, CA 94720"
        if allow and any(_reads(text, match.start(), " ".join(phrase.casefold().split())) for phrase in allow):
            continue  # an idiom: "2,000 signals a day, day and night"
        yield Hit(
            match.start(), match.end(),
            message=f"“{item}” is given twice in one list: MT may have translated two different words of the source alike",
        )


def _reads(text: str, at: int, phrase: str) -> bool:
    """Whether ``text`` reads ``phrase`` (casefolded, single-spaced) from ``at`` on, as whole words."""
    end = at + len(phrase)
    found = " ".join(text[at:end].casefold().split())
    return found == phrase and not (end < len(text) and (text[end].isalnum() or text[end] in "'’-"))


def _said_again(text: str, at: int, item: str) -> bool:
    """Whether ``text`` goes on at ``at`` with the item (lower-cased) once more: ", rash", " and rash", ", or rash"."""
    joint = _JOINT.match(text, at)
    if joint is None:
        return False
    after = joint.end() + len(item)
    return text[joint.end() : after].lower() == item and not (after < len(text) and (text[after].isalpha() or text[after] in "'’-"))


__all__: Sequence[str] = ("repeated_list_items",)
