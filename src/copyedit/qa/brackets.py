"""Brackets the translation leaves unpaired where its source pairs them all (LQ216).

MT drops or doubles a bracket: "【NFL】" becomes "NFL]", "（約1万7700台）" becomes "(approximately 17,700",
"(UCS)" becomes "((UCS)". Xbench and Verifika call this "unpaired symbols". A bracket is unpaired
when nothing in its paragraph closes it, or it closes nothing; a translation's unpaired bracket is
reported only when its source leaves no bracket of that kind unpaired (a source with a stray ")" or
a ")))" smile of Russian chat says nothing of its translation's). Chinese and Japanese brackets count
as their Latin kinds: "（" is "(", "【" and "〔" are "[".

Not brackets: a list marker at a line's start ("1)", "b)"), and a smiley after a space (":)", ";-(").

>>> from types import SimpleNamespace
>>> from copyedit.document import paragraph_blocks
>>> text = "NFL] The team won with three passes in the last minute."
>>> doc = SimpleNamespace(text=text, blocks=paragraph_blocks(text))
>>> [h.message for h in unpaired_brackets(doc, Context(source="【NFL】最後の1分で3本のパスを決めて勝利。", source_lang="ja"))]
['“]” closes no bracket, though the source pairs every bracket it opens: one was lost or added in translation']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Block
from ..kinds.base import Context, Hit
from ..model import Span
from .align import Alignment, source_paragraphs
from .bilingual import aligned_sentences, bead_source_span

# Each bracket and the kind it is: the opening bracket of its pair, in Latin form.
_OPENING = {"(": "(", "[": "[", "{": "{", "（": "(", "［": "[", "【": "[", "〔": "[", "〖": "[", "｛": "{"}
_CLOSING = {")": "(", "]": "[", "}": "{", "）": "(", "］": "[", "】": "[", "〕": "[", "〗": "[", "｝": "{"}
_BRACKET = re.compile("[" + re.escape("".join(_OPENING) + "".join(_CLOSING)) + "]")
# What stands between a line's start and the ")" of a list marker ("1)", "b)", "iv)").
_LIST_MARKER = re.compile(r"[ \t]*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})")


def _not_a_bracket(text: str, at: int) -> bool:
    """Whether the bracket at ``at`` is a smiley's (":)", ";-(" after a space or at the start) or a list marker's
    (a line that starts "1)", "b)"), looked at only where a bracket stands: scanning whole paragraphs for them
    cost more than the rest of the check.

    >>> [_not_a_bracket(t, t.index(")")) for t in ("ok :)", "ok:)", "ok ;-)", "1) one", "  iv) four", "x 1) y")]
    [True, False, True, True, True, False]
    """
    mark = at - 2 if text[at - 2 : at] in (":-", ";-") else at - 1
    if mark >= 0 and text[mark] in ":;":
        return mark == 0 or text[mark - 1].isspace()
    if text[at] != ")" or not (at and text[at - 1].isalnum()):
        return False
    low = max(0, at - 64)  # a marker has at most four letters after the blanks a line starts with
    line_start = text.rfind("\n", low, at) + 1 or low
    return (line_start > low or low == 0) and _LIST_MARKER.fullmatch(text, line_start, at) is not None


# An item's number or letter in a list run into a sentence ("will be 1) Uryu, 2) Yamaguchi"), after a blank
_INLINE_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-zA-Z])\)(?=\s)")


def _inline_list_marker(text: str, at: int, block_start: int) -> bool:
    """Whether a ")" that closes nothing ends the marker of a list's first item ("are 1) unless…", "a) …"), or
    of the item after one the paragraph has before it ("…, 2) Yamaguchi" after "1) Uryu"): a numbered list run
    into a sentence, as English writes it (a WMT23 ja-en reference and MT). "drug 42)" is no such marker.

    >>> text = "The problems are 1) the sleeves and 2) the waist; by drug 42) he meant"
    >>> [_inline_list_marker(text, text.index(m) + len(m) - 1, 0) for m in ("1)", "2)", "42)")]
    [True, True, False]
    """
    match = _INLINE_MARKER.search(text, max(block_start, at - 2), at + 2)
    if match is None or match.end() != at + 1:
        return False
    item = match.group(1)
    if item in ("1", "a", "A"):
        return True
    before = str(int(item) - 1) if item.isdigit() else chr(ord(item) - 1)
    return any(earlier.group(1) == before for earlier in _INLINE_MARKER.finditer(text, block_start, at))


def unpaired(text: str, blocks: Iterable[Block]) -> list[tuple[int, str]]:
    """Where each unpaired bracket of a text stands, and its kind ("(", "[" or "{"), in order. Brackets
    pair within a block (a paragraph), each kind on its own: a ")" closes the last "(" left open,
    whatever square brackets stand between them.

    >>> from copyedit.document import paragraph_blocks
    >>> text = "A (b [c] d) e. F (g.\\nH) i] 1) j :) k (l [m) n]"
    >>> unpaired(text, paragraph_blocks(text))
    [(25, '[')]
    >>> text = "A (b.\\n\\nThe c) d {e}"
    >>> unpaired(text, paragraph_blocks(text))
    [(2, '('), (12, '(')]
    """
    found: list[tuple[int, str]] = []
    for block in blocks:
        if _BRACKET.search(text, block.start, block.end) is None:
            continue  # most paragraphs have no bracket at all
        left_open: dict[str, list[int]] = {"(": [], "[": [], "{": []}
        for match in _BRACKET.finditer(text, block.start, block.end):
            at, bracket = match.start(), match.group()
            if _not_a_bracket(text, at):
                continue
            kind = _OPENING.get(bracket)
            if kind is not None:
                left_open[kind].append(at)
                continue
            kind = _CLOSING[bracket]
            if left_open[kind]:
                left_open[kind].pop()
            elif not _inline_list_marker(text, at, block.start):
                found.append((at, kind))
        found.extend((at, kind) for kind, positions in left_open.items() for at in positions)
    found.sort()
    return found


def unpaired_brackets(doc: Any, context: Context) -> Iterator[Hit]:
    """The translation's unpaired brackets of each kind its source leaves none of unpaired, each with the
    source sentences aligned with the sentence it stands in."""
    source, text = context.source, doc.text
    if not source or _BRACKET.search(text) is None:
        return
    found = unpaired(text, doc.blocks)
    if not found:
        return
    in_source = {kind for _, kind in unpaired(source, source_paragraphs(source))}
    alignment: Alignment | None = None  # aligned only for a finding's source sentence
    for at, kind in found:
        if kind in in_source:
            continue
        alignment = alignment or aligned_sentences(doc, context)
        evidence = _source_around(alignment, at)
        bracket = text[at]
        problem = "is never closed" if bracket in _OPENING else "closes no bracket"
        yield Hit(
            at, at + 1,
            message=f"“{bracket}” {problem}, though the source pairs every bracket it opens: one was lost or added in translation",
            source=evidence, source_sentence=evidence,
        )


def _source_around(alignment: Alignment, at: int) -> Span | None:
    """The source sentences aligned with the target sentence that holds offset ``at`` (None when it has none)."""
    for index, bead in enumerate(alignment.beads):
        if any(alignment.target[j].start <= at < alignment.target[j].end for j in bead.target):
            return bead_source_span(alignment, index)
    return None
