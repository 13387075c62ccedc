"""Prose assembled from pieces of a marked-up source, and the exact map back to that source.

HTML and Markdown documents both build their ``text`` with a :class:`TextBuilder`: literal
source characters, character references or escapes (one text character standing for several
source characters, only ever edited whole), and synthetic characters that stand for markup
(a line-break tag, a code span) and map to no source at all. A :class:`TextMap` then answers
the engine's questions: which source range holds a piece of text, if it is one editable run.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable, Iterator, NamedTuple

from ..document import BLOCK_SEPARATOR, Block
from ..model import Span

# Whitespace that is trimmed from the edges of a block (not U+00A0: a no-break space is content).
EDGE_WHITESPACE = " \t\r\n\f"
# An "&" and what may follow it in a character reference's name or number, up to the longest one
_REFERENCE_SO_FAR = re.compile(r"&#?[A-Za-z0-9]{0,32}")


class Segment(NamedTuple):
    """``text[text_start:text_end]`` comes from ``source[source_start:source_end]``.

    A literal segment maps character for character; an atomic one (a character reference,
    a backslash escape) may only be covered whole. Segments of one ``run`` are contiguous
    both in the text and in the source, so any range inside one run is one source range.
    A named tuple, as are the pieces it is made of: a document makes one or more of each per block (a page
    of setext headings, one every four bytes), and a frozen dataclass took three times as long to make.
    """

    text_start: int
    text_end: int
    source_start: int
    source_end: int
    run: int
    atomic: bool = False

    def source_at(self, position: int) -> int:
        """The source offset of text offset ``position`` (a boundary for atomic segments)."""
        if self.atomic:
            return self.source_start if position <= self.text_start else self.source_end
        return self.source_start + position - self.text_start


class _Piece(NamedTuple):
    source_start: int  # -1 for synthetic characters
    source_end: int
    chars: str
    atomic: bool = False
    prose: bool = False  # synthetic characters that are the source's own text, read but never edited

    @property
    def synthetic(self) -> bool:
        return self.source_start < 0


class TextBuilder:
    """Collects the pieces of the current block; :meth:`end_block` trims and emits them.

    >>> builder = TextBuilder()
    >>> builder.literal(3, "  Hello ")
    >>> builder.reference(11, 18, "\\u201c")
    >>> builder.literal(18, "x")
    >>> builder.end_block("paragraph")
    0
    >>> builder.literal(30, "Two")
    >>> builder.end_block("heading")
    1
    >>> text, blocks, segments = builder.build()
    >>> text, [(b.start, b.end, b.kind) for b in blocks]
    ('Hello “x\\n\\nTwo', [(0, 8, 'paragraph'), (10, 13, 'heading')])
    >>> [(s.text_start, s.source_start, s.run, s.atomic) for s in segments]
    [(0, 5, 0, False), (6, 11, 0, True), (7, 18, 0, False), (10, 30, 1, False)]
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._pending: list[_Piece] = []
        self._runs = 0
        self._run_source_end: int | None = None  # where the current run continues, if it can
        self.segments: list[Segment] = []
        self.blocks: list[Block] = []
        self.block_segments: list[tuple[int, int]] = []  # per block: its slice of ``segments``

    def literal(self, source_start: int, chars: str) -> None:
        if chars:
            self._pending.append(_Piece(source_start, source_start + len(chars), chars))

    def reference(self, source_start: int, source_end: int, chars: str) -> None:
        self._pending.append(_Piece(source_start, source_end, chars, atomic=True))

    def synthetic(self, chars: str) -> None:
        self._pending.append(_Piece(-1, -1, chars))

    def read_only(self, chars: str) -> None:
        """Prose of the source that the checks read and no fix may edit (it maps to no source)."""
        self._pending.append(_Piece(-1, -1, chars, prose=True))

    def end_block(self, kind: str) -> int | None:
        """Close the current block; the index of the new block, or None when it held no prose."""
        pieces = _trim(self._pending)
        self._pending = []
        if not any((piece.prose or not piece.synthetic) and piece.chars.strip() for piece in pieces):
            return None  # only whitespace between placeholders (scripts, code): no prose
        if self.blocks:
            self._emit(_Piece(-1, -1, BLOCK_SEPARATOR))
        start = self._length
        first_segment = len(self.segments)
        for piece in pieces:
            self._emit(piece)
        self.blocks.append(Block(start, self._length, kind))
        self.block_segments.append((first_segment, len(self.segments)))
        return len(self.blocks) - 1

    def _emit(self, piece: _Piece) -> None:
        start = self._length
        self._parts.append(piece.chars)
        self._length += len(piece.chars)
        if piece.synthetic:
            self._run_source_end = None
            return
        if self._run_source_end != piece.source_start:
            self._runs += 1
        self._run_source_end = piece.source_end
        previous = self.segments[-1] if self.segments else None
        run = self._runs - 1
        if previous and not piece.atomic and not previous.atomic and previous.run == run:
            self.segments[-1] = Segment(previous.text_start, self._length, previous.source_start, piece.source_end, run)
        else:
            self.segments.append(Segment(start, self._length, piece.source_start, piece.source_end, run, piece.atomic))

    def build(self) -> tuple[str, tuple[Block, ...], tuple[Segment, ...]]:
        return "".join(self._parts), tuple(self.blocks), tuple(self.segments)


def _trim(pieces: list[_Piece]) -> list[_Piece]:
    """Drop whitespace (literal or synthetic) from both ends of a block's pieces."""
    pieces = list(pieces)
    while pieces and not pieces[0].atomic:
        first = pieces[0]
        kept = first.chars.lstrip(EDGE_WHITESPACE)
        if kept:
            cut = len(first.chars) - len(kept)
            if cut and not first.synthetic:
                pieces[0] = _Piece(first.source_start + cut, first.source_end, kept)
            break
        pieces.pop(0)
    while pieces and not pieces[-1].atomic:
        last = pieces[-1]
        kept = last.chars.rstrip(EDGE_WHITESPACE)
        if kept:
            if len(kept) < len(last.chars) and not last.synthetic:
                pieces[-1] = _Piece(last.source_start, last.source_start + len(kept), kept)
            break
        pieces.pop()
    return pieces


class TextMap:
    """Answers where a range of the text lives in the source."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        self.segments = tuple(segments)
        self._starts = [segment.text_start for segment in self.segments]
        self._source_starts = [segment.source_start for segment in self.segments]  # text order is source order

    def segment_at(self, position: int) -> Segment | None:
        """The segment holding text character ``position`` (None for synthetic characters)."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.segments[index].text_end:
            return self.segments[index]
        return None

    def run_start(self, position: int) -> int:
        """Where the run holding text character ``position`` begins (``position`` if none does)."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0 or position >= self.segments[index].text_end:
            return position
        run = self.segments[index].run
        while index > 0 and self.segments[index - 1].run == run:
            index -= 1
        return self.segments[index].text_start

    def source_span(self, start: int, end: int) -> Span | None:
        """The source range of ``text[start:end]`` if it is one editable run, else None."""
        if start == end:
            return self._insertion_point(start)
        first = self.segment_at(start)
        last = self.segment_at(end - 1)
        if first is None or last is None or first.run != last.run:
            return None
        if first.atomic and start != first.text_start or last.atomic and end != last.text_end:
            return None
        return Span(first.source_at(start), last.source_at(end))

    def _insertion_point(self, position: int) -> Span | None:
        before = self.segment_at(position - 1) if position > 0 else None
        if before is not None and (not before.atomic or before.text_end == position):
            offset = before.source_at(position)
            return Span(offset, offset)
        after = self.segment_at(position)
        if after is not None and after.text_start == position:
            return Span(after.source_start, after.source_start)
        return None

    def enclosing_span(self, start: int, end: int) -> Span:
        """The smallest source range holding every source character behind ``text[start:end]``."""
        index = max(bisect.bisect_right(self._starts, start) - 1, 0)
        covered = []
        while index < len(self.segments) and self.segments[index].text_start < max(end, start + 1):
            segment = self.segments[index]
            if segment.text_end > start:
                covered.append(segment)
            index += 1
        if covered:
            first, last = covered[0], covered[-1]
            low = first.source_at(max(start, first.text_start)) if not first.atomic else first.source_start
            high = last.source_at(min(end, last.text_end)) if not last.atomic else last.source_end
            return Span(low, max(low, high))
        # Only synthetic characters (a separator, a code placeholder): report where the text before them ends.
        index = bisect.bisect_right(self._starts, start) - 1
        offset = self.segments[index].source_end if index >= 0 else 0
        return Span(offset, offset)

    def from_source(self, start: int, end: int) -> Iterator[tuple[int, Segment]]:
        """The segments (with their indexes) that may come from ``source[start:end]``, in order: from the last
        one that starts before ``start`` (it may reach into the range) to the last one that starts before ``end``."""
        segments = self.segments
        for index in range(max(bisect.bisect_left(self._source_starts, start) - 1, 0), len(segments)):
            segment = segments[index]  # (not segments[index:]: a copy of the rest for every range)
            if segment.source_start >= end:
                return
            yield index, segment

    def reference_forms(self, source: str, text: str, span: Span) -> dict[str, str]:
        """How the source writes each character that it writes as a reference or escape inside ``span``."""
        forms: dict[str, str] = {}
        for _, segment in self.from_source(span.start, span.end):
            if segment.atomic and span.start <= segment.source_start and segment.source_end <= span.end:
                raw = source[segment.source_start : segment.source_end]
                if raw.startswith("&") and not raw.endswith(";"):
                    raw += ";"  # a bare legacy reference could run into the next letter
                forms.setdefault(text[segment.text_start : segment.text_end], raw)
        return forms


def open_reference(source: str, position: int) -> int | None:
    """Where the "&" stands when ``position`` follows one and only what may start a character reference's name or
    number ("&am", "&#82"): an edit there could complete the reference ("&am\u200bp;" without its zero-width space
    reads "&"), which the format's reader tells from the source the edit would leave.

    >>> [open_reference(text, len(text)) for text in ("x &am", "x &", "&#82", "AT&T", "x & y", "&amp;")]
    [2, 2, 0, 2, None, None]
    """
    start = source.rfind("&", max(0, position - 34), position)
    return start if start != -1 and _REFERENCE_SO_FAR.fullmatch(source, start, position) else None


def encode(replacement: str, forms: dict[str, str], escape: Callable[[str], str]) -> str:
    """``replacement`` in source syntax: characters the source wrote as references keep that
    form, every other character goes through ``escape``.

    >>> encode(",”", {"”": "&rdquo;"}, lambda char: "&amp;" if char == "&" else char)
    ',&rdquo;'
    """
    return "".join(forms[char] if char in forms else escape(char) for char in replacement)
