"""Documents: the text that checks read, and the map back to the source it came from.

Checks never see markup. A :class:`Document` exposes ``text`` (the prose, one block per
paragraph, heading, list item or cell, blocks separated by a blank line) and maps any range
of that text back to the source. For plain text the two are the same string; for HTML and
Markdown (``copyedit.markup``) the map skips tags, code and URLs, so an edit can only ever
land on prose.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple, Protocol

import regex

from .model import Span

BLOCK_SEPARATOR = "\n\n"
# Stands, in the text of a marked-up document, for an element whose content is not prose (a code
# span, an image, a script) so that the words on either side of it do not run together.
OBJECT = "\ufffc"

# A blank line (possibly holding spaces or tabs) separates paragraphs of plain text.
PARAGRAPH_BREAK = regex.compile(r"\r?\n(?:[ \t]*\r?\n)+")


class Block(NamedTuple):
    """One block of prose: ``text[start:end]`` of its document. A named tuple: a document has one per
    paragraph, and a frozen dataclass cost six times as much to make (7 k instructions each).

    >>> Block(0, 4)
    Block(start=0, end=4, kind='paragraph')
    """

    start: int
    end: int
    kind: str = "paragraph"


class Document(Protocol):
    source: str
    text: str
    format: str
    blocks: tuple[Block, ...]

    def source_span(self, start: int, end: int, replacement: str | None = None) -> Span | None:
        """The source range holding ``text[start:end]``, or None when that range is not one
        editable run of source (it crosses a tag, a block boundary or a character reference
        only partly) or an edit there could change the markup; ``replacement``, when given, is the text the
        edit writes (a format may allow an edit beside markup that it shows to be harmless)."""

    def enclosing_span(self, start: int, end: int) -> Span:
        """The smallest source range that holds all of ``text[start:end]``, for reporting."""

    def removal_span(self, block: int) -> Span | None:
        """The source range to delete so that block ``block`` disappears whole, markup included;
        None when removing it would change the markup around it (the fix is then display-only)."""

    def text_removal_spans(self, block: int) -> tuple[Span, ...] | None:
        """When :meth:`removal_span` gives None because markup that is no text (a script) stands in the block:
        the source ranges to delete so that its text disappears and that markup stays; None otherwise."""

    def encode(self, replacement: str, span: Span) -> str:
        """``replacement`` written in source syntax for the source range ``span`` (escaped for HTML)."""

    def decode(self, replacement: str) -> str:
        """The text that ``replacement``, in source syntax (as :meth:`encode` writes it), stands for."""

    def skeleton(self) -> tuple[tuple[int, str], ...]:
        """Everything but the prose (tags, attributes, code, URLs) in order, each with its
        source offset, for verification."""


def paragraph_blocks(text: str, offset: int = 0) -> list[Block]:
    """Split plain text into paragraphs at blank lines.

    >>> [(b.start, b.end) for b in paragraph_blocks("One.\\n\\nTwo\\nlines.\\n")]
    [(0, 4), (6, 16)]
    """
    blocks: list[Block] = []
    cursor = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        start, end = cursor, match.start()
        cursor = match.end()
        if start < end and text[start] not in _LEADING_SPACE and text[end - 1] not in _TRAILING_SPACE:
            blocks.append(Block(start + offset, end + offset))  # most paragraphs: nothing to trim (a third of the cost)
        else:
            _add_block(blocks, text, start, end, offset)
    _add_block(blocks, text, cursor, len(text), offset)
    return blocks


def paired_paragraphs(
    source: str, source_blocks: Sequence[Block], target: str, target_blocks: Sequence[Block]
) -> tuple[Sequence[Block], Sequence[Block]]:
    """A source's and its translation's paragraphs, to be compared one by one: each side's blocks, but a
    side that is one block of several lines, beside a side of several blocks, has its lines as paragraphs.

    Such a side writes each paragraph on one line with no blank line between them (a common CMS export),
    and the other side separates its paragraphs by blank lines; read both as blank-line paragraphs and a
    faithful translation of three paragraphs has one. Two sides that are one block each stay as they are
    (a hard-wrapped text's lines are no paragraphs; the aligner pairs lines itself when both have as many).

    >>> source, target = "Раз.\\nДва.\\nТри.", "One.\\n\\nTwo.\\n\\nThree."
    >>> [len(side) for side in paired_paragraphs(source, paragraph_blocks(source), target, paragraph_blocks(target))]
    [3, 3]
    >>> paired_paragraphs(target, paragraph_blocks(target), source, paragraph_blocks(source))[1]
    [Block(start=0, end=4, kind='paragraph'), Block(start=5, end=9, kind='paragraph'), Block(start=10, end=14, kind='paragraph')]
    >>> [len(side) for side in paired_paragraphs(source, paragraph_blocks(source), source, paragraph_blocks(source))]
    [1, 1]
    """
    if len(source_blocks) == 1 and len(target_blocks) > 1:
        return _line_blocks(source, source_blocks[0]) or source_blocks, target_blocks
    if len(target_blocks) == 1 and len(source_blocks) > 1:
        return source_blocks, _line_blocks(target, target_blocks[0]) or target_blocks
    return source_blocks, target_blocks


def _line_blocks(text: str, block: Block) -> list[Block]:
    """The lines of ``block`` that hold text, each a block of its kind; empty when it has one line only.

    >>> _line_blocks(" Раз.\\r\\n Два. \\n", Block(1, 14))
    [Block(start=1, end=5, kind='paragraph'), Block(start=8, end=12, kind='paragraph')]
    """
    if "\n" not in text[block.start : block.end]:
        return []
    lines: list[Block] = []
    start = block.start
    while start < block.end:
        end = text.find("\n", start, block.end)
        end = block.end if end == -1 else end
        _add_block(lines, text, start, end, 0)
        start = end + 1
    return [Block(line.start, line.end, block.kind) for line in lines] if len(lines) > 1 else []


# What a block is trimmed of, at its start and at its end.
_LEADING_SPACE = " \t\r\n\ufeff"
_TRAILING_SPACE = " \t\r\n"


def _add_block(blocks: list[Block], text: str, start: int, end: int, offset: int) -> None:
    while start < end and text[start] in _LEADING_SPACE:
        start += 1
    while end > start and text[end - 1] in _TRAILING_SPACE:
        end -= 1
    if start < end:
        blocks.append(Block(start + offset, end + offset))


def spaces_before(text: str, offset: int) -> int:
    """Where the spaces and tabs that end at ``offset`` start: a line's indent, before its first word.

    >>> spaces_before("Keep.\\n \\tDrop.", 8), spaces_before("\\ufeffDrop.", 1)
    (6, 1)
    """
    while offset > 0 and text[offset - 1] in " \t":
        offset -= 1
    return offset


def spaces_after(text: str, offset: int) -> int:
    """Where the spaces and tabs that start at ``offset`` end: a line's trailing spaces, after its last word.

    >>> spaces_after("Drop.  \\r\\nKeep.", 5)
    7
    """
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset


class PlainDocument:
    """Plain text: the text is the source."""

    format = "text"

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = source
        self.blocks = tuple(paragraph_blocks(source))

    def source_span(self, start: int, end: int, replacement: str | None = None) -> Span | None:
        return Span(start, end)

    def enclosing_span(self, start: int, end: int) -> Span:
        return Span(start, end)

    def removal_span(self, block: int) -> Span:
        """The paragraph and the blank lines after it; for the last paragraph, the blank lines
        before it, so that no run of blank lines is left behind. Its lines go whole: the indent
        of its first line and the spaces after its last go with it, the next paragraph's stays.

        >>> doc = PlainDocument("Keep.\\n\\nDrop.\\n\\nKeep.")
        >>> doc.removal_span(1)
        Span(start=7, end=14)
        >>> PlainDocument("Keep.\\n\\nDrop.\\n").removal_span(1)
        Span(start=5, end=12)
        >>> text = "Keep.\\n\\n  Drop.\\n\\n  Keep.  \\n\\nDrop. "
        >>> [text[:span.start] + text[span.end:] for span in map(PlainDocument(text).removal_span, (1, 3))]
        ['Keep.\\n\\n  Keep.  \\n\\nDrop. ', 'Keep.\\n\\n  Drop.\\n\\n  Keep.  ']
        """
        text, current = self.source, self.blocks[block]
        if block + 1 < len(self.blocks):
            return Span(spaces_before(text, current.start), spaces_before(text, self.blocks[block + 1].start))
        if block > 0:
            return Span(spaces_after(text, self.blocks[block - 1].end), spaces_after(text, current.end))
        return Span(spaces_before(text, current.start), spaces_after(text, current.end))

    def text_removal_spans(self, block: int) -> None:
        return None  # a paragraph of plain text holds no markup

    def encode(self, replacement: str, span: Span) -> str:
        return replacement

    def decode(self, replacement: str) -> str:
        return replacement

    def skeleton(self) -> tuple[tuple[int, str], ...]:
        return ()


class LineIndex:
    """Line and column (both 1-based, columns in characters) of offsets in a text."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        index = text.find("\n")
        while index != -1:
            self._starts.append(index + 1)
            index = text.find("\n", index + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset at ``line`` and ``column``, as :meth:`position` gives them.

        >>> lines = LineIndex("one\\ntwo")
        >>> lines.offset(2, 3), lines.position(lines.offset(2, 3))
        (6, (2, 3))
        """
        return self._starts[line - 1] + column - 1
