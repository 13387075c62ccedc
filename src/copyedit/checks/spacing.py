"""Spacing after punctuation: sentences and clauses run together ("…fentanyl.The two regions")."""

from __future__ import annotations

import re
from typing import Any, Iterator

import regex

from ..kinds.base import Context, Hit

# A mark directly before a letter: rare in prose, and the standard library finds it fast (one pass of the
# full pattern below, which opens with a class and a look-behind, cost 6% of `check` on BBC news as a
# pattern rule; this scan, and the pattern only where it finds one, 2%).
_CANDIDATE = re.compile(r"[.!?,;](?=[^\W\d_])")
# The mark after a word of two or more lower-case letters, and before a word: a full stop, question or
# exclamation mark before a word that starts a sentence ("the tsunami.Steve"), a comma or semicolon before
# any word ("super,but"). Not inside an address, a domain, a handle or a file name ("Gazeta.Ru",
# "octane.jp", "www.example.Com", "@user.Name", "&amp;Co"), nor after a capitalised word ("Yahoo!News",
# "WoW!Korea" and "One.Tel" are names), nor before a word running on into digits or another mark. A comma or
# semicolon written against the next word after a space ("go home ,but", "TECHNICIAN ,MECHANIC") is one too:
# the space is on the wrong side.
MISSING_SPACE = regex.compile(
    r"[.!?,;](?<=(?<![\p{L}\p{N}.@/_&#'’-])(?:\p{Ll}{2,}.|\p{L}{2,}[ \t]+[,;]))"
    r"(?:(?<=[.!?])(?=\p{Lu}\p{Ll}+)|(?<=[,;])(?=\p{L}{2,}))"
    r"(?=\p{L}+(?![\p{L}\p{N}]|[.@/_-][\p{L}\p{N}]))"
)


def missing_spaces(doc: Any, context: Context) -> Iterator[Hit]:
    """A space to add after each mark that runs two words together.

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.replacement) for h in missing_spaces(PlainDocument("Read it,now. See Gazeta.Ru, the tsunami.Steve said."), Context())]
    [(7, ', '), (39, '. ')]
    >>> [(h.start, h.end, h.message) for h in missing_spaces(PlainDocument("We will go home ,but not yet."), Context())]
    [(15, 17, 'Space before “,” and none after')]
    """
    text = doc.text
    for candidate in _CANDIDATE.finditer(text):
        at = candidate.start()
        if MISSING_SPACE.match(text, at):
            mark, start = text[at], at
            while text[start - 1] in " \t":
                start -= 1
            message = f"No space after “{mark}”" if start == at else f"Space before “{mark}” and none after"
            yield Hit(start, at + 1, mark + " ", message=message)
