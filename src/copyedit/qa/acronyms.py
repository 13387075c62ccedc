"""An acronym written in lower case where it is defined (MT115): "human papilloma virus (hpv)".

MT systems that lower-case their output (a truecaser that failed, or a model trained on lower-cased
text) write the acronym a text defines in lower case too: "pulmonary embolism (pe)", "the democratic
republic of congo (drc)". English writes an acronym in capitals. The acronym is known for one by the
words before its bracket: their initials spell it, with or without the small words between them
("aggressive posterior retinopathy of prematurity (aprop)", "democratic republic of congo (drc)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..kinds.base import Context, Hit

# A bracket that opens on two to six lower-case letters and closes (or goes on to a comma or semicolon
# after them): rare, and the standard library finds it fast
_BRACKETED = re.compile(r"\(([a-z]{2,6})[),;]")
_WORD = re.compile(r"[^\W\d_]+")
# Words an acronym's initials may skip
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "to", "with", "on", "a", "an", "by", "at", "or", "de", "du", "la"})
# Abbreviations written in lower case by convention, whatever their words' initials
_LOWER_BY_CONVENTION = frozenset({"bpm", "rpm", "mph", "kph", "ppm", "ppb", "kwh", "mmhg", "aka", "ie", "eg", "etc", "vs"})


def lowercase_acronyms(doc: Any, context: Context) -> Iterator[Hit]:
    """Each acronym in brackets written in lower case whose initials the words before it spell.

    >>> from types import SimpleNamespace
    >>> doc = SimpleNamespace(text="Cystic fibrosis (cf) and human papilloma virus (hpv, type 16) and the Democratic Republic of Congo (drc).")
    >>> [(doc.text[h.start : h.end], h.replacement) for h in lowercase_acronyms(doc, Context())]
    [('cf', 'CF'), ('hpv', 'HPV'), ('drc', 'DRC')]
    >>> doc = SimpleNamespace(text="The heart rate rose to 140 beats per minute (bpm), then (as expected) fell.")
    >>> list(lowercase_acronyms(doc, Context()))
    []
    """
    text = doc.text
    for match in _BRACKETED.finditer(text):
        acronym = match.group(1)
        if acronym in _LOWER_BY_CONVENTION:
            continue
        words = [word.lower() for word in _WORD.findall(text, max(0, match.start() - 40 * len(acronym)), match.start())]
        if not _spelt_by(acronym, words):
            continue
        start = match.start(1)
        yield Hit(
            start,
            start + len(acronym),
            acronym.upper(),
            message=f"The acronym “{acronym}” in lower case: English writes “{acronym.upper()}”",
        )


def _spelt_by(acronym: str, words: list[str]) -> bool:
    """Whether the last words' initials spell ``acronym``: all of them, or all but the small words among them.

    >>> _spelt_by("aprop", "aggressive posterior retinopathy of prematurity".split())
    True
    >>> _spelt_by("drc", "the democratic republic of congo".split()), _spelt_by("pe", "to the pe".split())
    (True, False)
    """
    size = len(acronym)
    if len(words) >= size and "".join(word[0] for word in words[-size:]) == acronym:
        return True
    initials = [word[0] for word in words if word not in _SMALL_WORDS]
    return len(initials) >= size and "".join(initials[-size:]) == acronym and words[-1] not in _SMALL_WORDS
