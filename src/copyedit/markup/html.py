"""HTML articles: only text nodes are prose; tags, attributes, comments and code are not.

The standard library's :class:`html.parser.HTMLParser` (with ``convert_charrefs=False``)
reports every tag, text node and character reference with its position, so each character
of the document text knows its exact source offset. Block-level tags end a block; inline
tags (``<b>``, ``<a>``) only break the run, so a match across them is reported but never
edited. ``script``, ``style``, ``pre``, ``code``, ``kbd``, ``samp``, ``textarea``,
``template``, ``svg`` and ``math`` hold no prose.

>>> doc = HtmlDocument('<h1>Title</h1>\\n<p>Kas&#305;m <b>Cömert</b> Tokayev &amp; <code>x</code></p>')
>>> doc.text
'Title\\n\\nKasım Cömert Tokayev & \\ufffc'
>>> doc.source_span(7, 12), doc.source_span(7, 14)
(Span(start=18, end=28), None)
>>> doc.encode("a < b & “c”", doc.source_span(7, 12))
'a &lt; b &amp; “c”'
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import regex

from ..document import OBJECT
from ..model import Span
from .textmap import Segment, TextBuilder, TextMap, encode, open_reference

# A start tag (never a comment, a declaration or an end tag), its name the first group: how the markup
# checks and the reading of an HTML source tell markup from text that holds a "<"
START_TAG = regex.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^>]*>")

# Content of these elements is never prose (Vale skips the same; template, svg and math hold
# markup or code rather than words).
SKIPPED = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea", "template", "svg", "math"})
# A start or end tag of one of these ends the current block of prose.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body button caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li
    main menu nav ol optgroup option p pre section select summary table tbody td textarea tfoot th
    thead title tr ul""".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A start tag of the key implicitly closes an open element of the same group on top of the stack.
IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "tr": {"tr", "td", "th"},
    "option": {"option"},
}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements of other markup languages inside HTML, whose own elements may be empty ("<style/>" in an icon).
FOREIGN = frozenset({"svg", "math"})
# Removing a block never removes these: they frame the whole page.
FRAME = frozenset({"html", "body", "head"})
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_TRAILING_SPACE = regex.compile(r"[ \t]*(?:\r\n|\n|\r)?")
# Elements whose content is no prose of the page: a removal that would take one is no block's to make
_NO_TEXT_ELEMENTS = frozenset({"script", "style", "template", "noscript", "code", "kbd", "samp", "pre", "math", "textarea"})
_NOT_TEXT = regex.compile(rf"<(?:{'|'.join(sorted(_NO_TEXT_ELEMENTS))})\b", regex.IGNORECASE)
# Embedded media: an element that may hold text only browsers without frames show (a video's <iframe>)
_EMBEDS = frozenset({"iframe", "video", "audio", "object", "embed"})
# What a removal of a block's text alone (HtmlDocument.text_removal_spans) never takes: those elements and
# embedded media. Of them it leaves whole all but <noscript>, whose text the page shows without scripts
# (prose of this document: "View the discussion thread."), and whose tags it keeps.
_KEPT = regex.compile(rf"<(?:{'|'.join(sorted(_NO_TEXT_ELEMENTS | _EMBEDS))})\b", regex.IGNORECASE)
_KEPT_WHOLE = (_NO_TEXT_ELEMENTS | _EMBEDS) - {"noscript"}
# Of those, the ones a reader sees: code in a sentence is part of it, and a removal of the words around it
# would leave the code standing alone (a paragraph the extractor misjudges as chrome: "Managing your <code>…")
_SHOWN_NOT_TEXT = regex.compile(r"<(?:code|kbd|samp|pre|math|textarea)\b", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Element:
    """An element whose end tag was found: ``source[start:end]`` is all of it, tags included."""

    name: str
    start: int
    content_start: int
    content_end: int
    end: int


@dataclass(slots=True)
class _Event:
    kind: str  # data, ref, start, startend, end, markup
    start: int
    name: str = ""
    data: str = ""


class _Recorder(HTMLParser):
    """Records parser events with their source offsets; interpretation happens afterwards."""

    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = line_starts
        self.events: list[_Event] = []
        self._foreign = 0  # open <svg> and <math> elements, where "/>" does close an element

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def goahead(self, end: bool) -> None:
        """Parse what can be parsed; at the end, read what is left as browsers do. The standard parser
        stops at an ``&#`` that is no character reference ("&#MeToo", "&#8220Ahmed") and, at the end, at
        an unclosed comment or tag, and its ``close()`` then passes all the rest on as text: tags,
        attributes and scripts taken for prose, and edited. An ``&#`` is text and parsing goes on; an
        unclosed comment or tag is markup, as far as HTML5 reads it (:func:`_unfinished_markup`)."""
        while True:
            waiting = self.rawdata
            super().goahead(False)
            if self.rawdata != waiting:
                continue  # it went past an "&#" that a ";" follows somewhere: go on from there
            if not end or not waiting:
                return
            if self.cdata_elem:  # an unclosed <script> or <style>: its code, to the end
                super().goahead(True)
                return
            if waiting.startswith("&#"):
                self.handle_data("&#")
                self._consume(2)
            elif waiting.startswith("<"):
                length = _unfinished_markup(waiting)
                self.events.append(_Event("markup", self._offset()))
                self._consume(length)
                if length == len(waiting):
                    return
            else:  # an "&" and a name the end cuts: text, all of it (the standard parser drops "&" from "&a")
                self.handle_data(waiting)
                self._consume(len(waiting))
                return

    def _consume(self, length: int) -> None:
        self.updatepos(0, length)
        self.rawdata = self.rawdata[length:]

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._foreign += tag in FOREIGN
        self.events.append(_Event("start", self._offset(), tag))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in self.CDATA_CONTENT_ELEMENTS and not self._foreign:
            # "<script …/>" opens a script all the same (HTML ignores the slash on an element that is not
            # void; SVG's "<style/>" is empty): what follows up to "</script>" is its code, not text (a
            # recipe page's JSON read as prose)
            self.events.append(_Event("start", self._offset(), tag))
            self.set_cdata_mode(tag)
            return
        self.events.append(_Event("startend", self._offset(), tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in FOREIGN and self._foreign:
            self._foreign -= 1
        self.events.append(_Event("end", self._offset(), tag))

    def parse_endtag(self, i: int) -> int:
        """``</>`` is consumed without an event: it is markup of its own, so that an edit that empties the text
        between it and a tag before it ("<b>the</b> the</>") leaves two pieces of markup, not one."""
        events = len(self.events)
        end: int = super().parse_endtag(i)
        if len(self.events) == events and end == i + 3 and self.rawdata.startswith("</>", i):
            self.events.append(_Event("markup", self._offset()))
        return end

    def handle_data(self, data: str) -> None:
        self.events.append(_Event("data", self._offset(), data=data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(_Event("ref", self._offset()))

    def handle_charref(self, name: str) -> None:
        self.events.append(_Event("ref", self._offset()))

    def handle_comment(self, data: str) -> None:
        self.events.append(_Event("markup", self._offset()))

    def handle_decl(self, decl: str) -> None:
        self.events.append(_Event("markup", self._offset()))

    def handle_pi(self, data: str) -> None:
        self.events.append(_Event("markup", self._offset()))

    def unknown_decl(self, data: str) -> None:
        self.events.append(_Event("markup", self._offset()))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![`` without a section name is a bogus comment up to the next ``>`` (as in HTML5);
        the standard library raises AssertionError on it (found by benchmarks/fuzz_markup.py)."""
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position  # the failed scan had moved it past "<!["
            end = self.rawdata.find(">", i + 3)
            if end == -1:
                return -1  # incomplete: close() turns the rest into text
            self.unknown_decl(self.rawdata[i + 3 : end])
            return end + 1


_COMMENT_END = regex.compile(r"--!?>")


def _unfinished_markup(rest: str) -> int:
    """How much of ``rest`` is the markup the standard parser could not finish, as HTML5 reads it: a comment
    ends at "-->" or "--!>" (the parser knows only the first), "<![endif]-->" and other bogus comments at the
    next ">", and a tag whose attribute's quote is never closed runs to the end.

    >>> [_unfinished_markup(rest) for rest in ("<!-- a --!> b", "<!-- a", "<![endif]--> b", '<p title="a>b</p>')]
    [11, 6, 12, 17]
    """
    if rest.startswith("<!--"):
        end = _COMMENT_END.search(rest, 4)
        return end.end() if end else len(rest)
    if rest[1:2].isalpha():
        return len(rest)
    close = rest.find(">", 1)
    return close + 1 if close != -1 else len(rest)


# A numeric character reference as browsers read it: the semicolon may be missing, and a decimal one ends at
# its last digit ("&#8220Ahmed" is “Ahmed); the standard parser wants a character that is no hex digit after it.
_NUMERIC_REFERENCE = regex.compile(r"&#(?:[xX][0-9a-fA-F]+|[0-9]+);?")


def _read_numeric_references(events: list[_Event], source: str) -> None:
    """Turn the "&#" the parser passed on as text, and the digits after it, into the reference a browser reads."""
    for event, after in itertools.pairwise(events):
        if event.kind != "data" or event.data != "&#":
            continue
        match = _NUMERIC_REFERENCE.match(source, event.start)
        digits = match.end() - event.start - 2 if match else 0
        if digits and after.kind == "data" and after.start == event.start + 2 and len(after.data) >= digits:
            event.kind, event.data = "ref", ""
            after.start, after.data = after.start + digits, after.data[digits:]


def split_reference(raw: str) -> tuple[int, str]:
    """How many characters of ``raw`` (a reference as the parser cut it) form the reference,
    and what they stand for; ``(0, "")`` when it is no reference at all.

    >>> split_reference("&amp;"), split_reference("&copyright"), split_reference("&D")
    ((5, '&'), (5, '©'), (0, ''))
    """
    whole = html.unescape(raw)
    if whole == raw:
        return 0, ""
    for length in range(2, len(raw) + 1):
        head = raw[:length]
        decoded = html.unescape(head)
        if decoded != head and decoded + raw[length:] == whole:
            return length, decoded
    return len(raw), whole


def _line_starts(source: str) -> list[int]:
    starts = [0]
    index = source.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = source.find("\n", index + 1)
    return starts


class HtmlDocument:
    format = "html"

    def __init__(self, source: str) -> None:
        self.source = source
        recorder = _Recorder(_line_starts(source))
        recorder.feed(source)
        recorder.close()
        _read_numeric_references(recorder.events, source)
        self._elements: list[Element] = []
        self._skeleton: list[tuple[int, str]] = []
        builder = TextBuilder()
        self._build(recorder.events, builder)
        self.text, self.blocks, segments = builder.build()
        self._map = TextMap(segments)
        self._block_segments = builder.block_segments

    # --- building ---------------------------------------------------------------------------

    def _build(self, events: list[_Event], builder: TextBuilder) -> None:
        source = self.source
        stack: list[_Open] = []  # open elements, innermost last
        skipping = 0  # how many open elements hold no prose
        for index, event in enumerate(events):
            end = events[index + 1].start if index + 1 < len(events) else len(source)
            raw = source[event.start : end]
            if event.kind == "data" and raw.startswith(event.data):
                if skipping:
                    self._skeleton.append((event.start, event.data))
                elif event.start == 0 and event.data.startswith("\ufeff"):
                    builder.literal(1, event.data[1:])  # the byte-order mark is not prose
                else:
                    builder.literal(event.start, event.data)
                continue
            if event.kind == "ref" and not skipping:
                length, decoded = split_reference(raw)
                if length:
                    builder.reference(event.start, event.start + length, decoded)
                builder.literal(event.start + length, raw[length:])
                continue
            self._skeleton.append((event.start, raw))
            if event.kind not in ("start", "startend", "end"):
                continue
            name = event.name
            if name in BLOCK_TAGS and not skipping:
                builder.end_block(_kind(stack))
            if event.kind == "end":
                skipping = self._close(stack, name, event.start, end, skipping)
            elif name == "br" and not skipping:
                builder.synthetic("\n")
            elif event.kind == "start" and name not in VOID:
                closes = IMPLIED_END.get(name, set())
                if stack and (stack[-1].name in closes or name in BLOCK_TAGS and stack[-1].name == "p"):
                    popped = stack.pop()
                    skipping -= popped.name in SKIPPED
                if name in SKIPPED:
                    if not skipping and name not in BLOCK_TAGS:
                        builder.synthetic(OBJECT)
                    skipping += 1
                stack.append(_Open(name, event.start, end, _kind_inside(stack, name)))
        builder.end_block(_kind(stack))

    def _close(self, stack: list[_Open], name: str, start: int, end: int, skipping: int) -> int:
        """Close the innermost open ``name`` (and whatever is still open inside it)."""
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].name == name:
                for popped in stack[depth + 1 :]:
                    skipping -= popped.name in SKIPPED
                opened = stack[depth]
                del stack[depth:]
                self._elements.append(Element(name, opened.start, opened.content_start, start, end))
                return skipping - (name in SKIPPED)
        return skipping  # a stray end tag closes nothing

    # --- the Document protocol --------------------------------------------------------------

    def source_span(self, start: int, end: int, replacement: str | None = None) -> Span | None:
        span = self._map.source_span(start, end)
        if span is None or span.start == 0:
            return span
        before = self._map.segment_at(start - 1) if start > 0 else None
        if self.source[span.start - 1] == "<" or before is not None and before.atomic and self.source[span.start - 1] != ";":
            # A raw "<" (or a reference without ";") right before the edit could join
            # what the edit leaves after it into a new tag or reference.
            return None
        amp = open_reference(self.source, span.start)
        if amp is not None and (
            replacement is None or split_reference(self.source[amp : span.start] + replacement + self.source[span.end : span.end + 34])[0]
        ):
            return None  # a raw "&" (and a name's first letters) before it with what the edit leaves: "&am\u200bp;" reads "&"
        return span

    def enclosing_span(self, start: int, end: int) -> Span:
        return self._map.enclosing_span(start, end)

    def removal_span(self, block: int) -> Span | None:
        """The smallest element holding the block and nothing else, with the rest of its line;
        None when no element does: the block starts outside an element and ends inside it, so
        taking it whole would take the next blocks too; or when it would take a script, a style or
        code, which a page's text does not show (a block's last placeholder may be the script after it).

        >>> doc = HtmlDocument('<p>Text.</p>\\n<div><p>Leave a <b>Reply</b></p></div>\\n<p>More.</p>')
        >>> span = doc.removal_span(1)
        >>> doc.source[:span.start] + doc.source[span.end:]
        '<p>Text.</p>\\n<p>More.</p>'
        >>> HtmlDocument('<div>By Ann <noscript><b>Posted</b><p>The article.</p></noscript></div>').removal_span(0) is None
        True
        >>> doc = HtmlDocument('<p>Text.</p>\\n<a href="#">Back to top</a><script>var a = 1;</script>\\n<script>var b;</script>')
        >>> span = doc.removal_span(1)
        >>> doc.source[span.start : span.end]
        '<a href="#">Back to top</a>'
        >>> HtmlDocument('<p>Text.</p>\\n<div>Share <script>track()</script> this</div>').removal_span(1) is None
        True
        """
        region = self._removal_region(block)
        if region is None or _NOT_TEXT.search(self.source, *region):
            return None
        return self._with_line(*region)

    def text_removal_spans(self, block: int) -> tuple[Span, ...] | None:
        """When :meth:`removal_span` cannot take the block whole because a script or a style stands
        in it: its text alone, as the source ranges of its text runs and of the elements that hold text
        and nothing that is no text (a share button's link), in order and apart. The script, its tags and
        the tags around the text stay (a ``<noscript>``'s too). None when the block can go whole, when it takes
        other blocks, when some of its text stands where no removal may reach, or when code stands in it (the
        words around code in a sentence are no chrome to take from it).

        >>> doc = HtmlDocument('<p>Text.</p>\\n<div>Share <a href="#">Facebook</a><script>track()</script> Tweet</div>')
        >>> [doc.source[s.start : s.end] for s in doc.text_removal_spans(1)]
        ['Share <a href="#">Facebook</a>', ' Tweet']
        >>> doc = HtmlDocument('<p>Text.</p>\\n<div>\\n  <a>Share</a>\\n  <script>t()</script>\\n  <a>Tweet</a>\\n</div>')
        >>> cuts = [0, *(edge for span in doc.text_removal_spans(1) for edge in (span.start, span.end)), len(doc.source)]
        >>> "".join(doc.source[start:end] for start, end in zip(cuts[::2], cuts[1::2]))
        '<p>Text.</p>\\n<div>\\n  <script>t()</script>\\n</div>'
        >>> HtmlDocument('<p>Text.</p>\\n<p>Share</p>').text_removal_spans(1) is None
        True
        >>> doc = HtmlDocument('<div>Share <noscript><a>Tweet</a></noscript><script>t()</script></div>')
        >>> [doc.source[s.start : s.end] for s in doc.text_removal_spans(0)]
        ['Share ', '<a>Tweet</a>']
        >>> HtmlDocument('<p>Text.</p>\\n<p>Run <code>make</code> first.</p>').text_removal_spans(1) is None
        True
        >>> HtmlDocument('<p>Text.</p>\\n<p><iframe src="v">Video</iframe><script>t()</script></p>').text_removal_spans(1) is None
        True
        """
        region = self._removal_region(block)
        source = self.source
        if region is None or not _NOT_TEXT.search(source, *region) or _SHOWN_NOT_TEXT.search(source, *region):
            return None
        pieces = self._text_pieces(*region)
        # every character of the block's text goes; no removal takes what is no text
        covered = iter(pieces)
        piece = next(covered, None)
        first, last = self._block_segments[block]
        for segment in self._map.segments[first:last]:
            while piece is not None and piece[1] <= segment.source_start:
                piece = next(covered, None)
            inside = piece is not None and piece[0] <= segment.source_start and segment.source_end <= piece[1]
            if not inside and self.text[segment.text_start : segment.text_end].strip():
                return None
        if not pieces or any(_KEPT.search(source, start, end) for start, end in pieces):
            return None
        spans = [self._with_line(start, end) for start, end in pieces]
        return tuple(span for span in spans if span.end > span.start)

    def block_region(self, block: int) -> Span:
        """The source range of block ``block``: the smallest element holding it and nothing else (tags included),
        else its own text with the elements it cuts (as :meth:`removal_span` finds it, without the line around it),
        else its text alone (from its first character to its last, when that would take other blocks' text).

        >>> doc = HtmlDocument('<ul><li><a href="/">Home</a></li><li>World</li></ul><p>Text <b>here</b>.</p>')
        >>> [doc.source[span.start : span.end] for span in map(doc.block_region, range(3))]
        ['<li><a href="/">Home</a></li>', '<li>World</li>', '<p>Text <b>here</b>.</p>']
        """
        region = self._removal_region(block)
        if region is None:
            first, last = self._block_segments[block]
            region = self._map.segments[first].source_start, self._map.segments[last - 1].source_end
        return Span(*region)

    def _removal_region(self, block: int) -> tuple[int, int] | None:
        """The smallest element holding the block and nothing else (tags included), or the block's own
        source when no element does; None when that takes text of other blocks (see :meth:`removal_span`)."""
        first, last = self._block_segments[block]
        segments = self._map.segments
        source = self.source
        # the line break that ends a block may stand after a script beside its text: the removal ends with the text
        while last - first > 1 and not source[segments[last - 1].source_start : segments[last - 1].source_end].strip():
            last -= 1
        start, end = self._balanced(segments[first].source_start, segments[last - 1].source_end)
        if self._other_block_within(block, start, end):
            return None
        # The elements holding the span, innermost first (the closed elements nest: none cuts another):
        # each grows the span when nothing but space stands beside it in the element.
        for element in self._tree.holding(start, end):
            if (
                element.name not in FRAME
                and (element.start, element.end) != (start, end)
                and _NOT_SPACE.search(source, element.content_start, start) is None
                and _NOT_SPACE.search(source, end, element.content_end) is None
            ):
                start, end = element.start, element.end
        return start, end

    def _with_line(self, start: int, end: int) -> Span:
        """``source[start:end]`` with the rest of its line when nothing else stands on it (the whole line
        goes), else with the spaces after it up to the line's end."""
        source = self.source
        line_start = source.rfind("\n", 0, start) + 1
        trailing = _TRAILING_SPACE.match(source, end)
        after = trailing.end() if trailing else end
        if not source[line_start:start].strip(" \t") and (after == len(source) or source[after - 1] in "\r\n"):
            return Span(line_start, after)  # the whole line goes
        return Span(start, after if source[after - 1 : after] not in ("\r", "\n") else end)

    def _text_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The text of ``source[start:end]`` as ranges that take nothing :data:`_KEPT` names and cut no element:
        an element holding text and none of them goes whole; one holding both is split within its tags; text
        between elements goes run by run. Ranges with only space between them are joined."""
        source = self.source
        found: list[tuple[int, int]] = []

        def has_text(lo: int, hi: int) -> bool:
            return any(
                segment.source_end > lo and segment.source_start < hi and self.text[segment.text_start : segment.text_end].strip()
                for _, segment in self._map.from_source(lo, hi)
            )

        def text_runs(lo: int, hi: int) -> None:
            run: list[int] | None = None
            for _, segment in self._map.from_source(lo, hi):
                seg_start, seg_end = max(segment.source_start, lo), min(segment.source_end, hi)
                if seg_end <= seg_start:
                    continue
                if run is not None and run[1] == seg_start:
                    run[1] = seg_end
                    continue
                if run is not None:
                    found.append((run[0], run[1]))
                run = [seg_start, seg_end]
            if run is not None:
                found.append((run[0], run[1]))

        def split(lo: int, hi: int) -> None:
            position = lo
            for element in self._tree.children(lo, hi):
                text_runs(position, element.start)
                position = element.end
                if element.name in _KEPT_WHOLE or not has_text(element.start, element.end):
                    continue
                if _KEPT.search(source, element.start, element.end) is None:
                    found.append((element.start, element.end))
                else:
                    split(element.content_start, element.content_end)
            text_runs(position, hi)

        split(start, end)
        joined: list[tuple[int, int]] = []
        for piece in found:
            if not has_text(*piece):
                continue
            if joined and _NOT_SPACE.search(source, joined[-1][1], piece[0]) is None:
                joined[-1] = (joined[-1][0], piece[1])
            else:
                joined.append(piece)
        return joined

    def stands_for_icons(self, block: int, scripts: bool = False) -> bool:
        """Whether the placeholders within block ``block``'s text stand for icons (an image, an SVG), none
        for a script, a style or code; with ``scripts``, for icons or what the reader does not see (a
        script, a style), none for code.

        >>> doc = HtmlDocument('<p>Text.</p>\\n<div>Share\\n<svg></svg>\\n</div>\\n<div>Share\\n<script>t()</script>\\n</div>')
        >>> doc.stands_for_icons(1), doc.stands_for_icons(2), doc.stands_for_icons(2, scripts=True)
        (True, False, True)
        """
        first, last = self._block_segments[block]
        segments = self._map.segments
        start, end = segments[first].source_start, segments[last - 1].source_end
        # a placeholder at the block's edge stands for markup between it and the text beside the block
        text = self.text[self.blocks[block].start : self.blocks[block].end]
        if text.startswith(OBJECT):
            start = segments[first - 1].source_end if first else 0
        if text.endswith(OBJECT):
            end = segments[last].source_start if last < len(segments) else len(self.source)
        return (_SHOWN_NOT_TEXT if scripts else _NOT_TEXT).search(self.source, start, end) is None

    def elements_around(self, block: int) -> Iterator[Element]:
        """The elements holding block ``block``'s text (those closed by an end tag), innermost first.

        >>> doc = HtmlDocument('<article><div class="body"><p>Text <b>here</b>.</p></div></article>')
        >>> [element.name for element in doc.elements_around(0)]
        ['p', 'div', 'article']
        """
        span = self.enclosing_span(self.blocks[block].start, self.blocks[block].end)
        return self._tree.holding(span.start, span.end)

    def _balanced(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` until no element is cut in two by it: an element open across one
        edge and closed (or opened) inside the span takes the span to its own edge."""
        while True:
            wider_start, wider_end = start, end
            for element in self._tree.open_at(start):
                if element.end >= end:
                    break  # it holds the span, and so does every element around it
                wider_start = element.start
            for element in self._tree.open_at(end):
                if element.start <= start:
                    break
                wider_end = element.end
            if (wider_start, wider_end) == (start, end):
                return start, end
            start, end = wider_start, wider_end

    def _other_block_within(self, block: int, start: int, end: int) -> bool:
        """Whether ``source[start:end]`` holds text of another block than ``block``."""
        first, last = self._block_segments[block]
        return any(
            segment.source_end > start and not first <= index < last and self.text[segment.text_start : segment.text_end].strip()
            for index, segment in self._map.from_source(start, end)
        )

    @functools.cached_property
    def _tree(self) -> _ElementTree:
        return _ElementTree(self._elements)

    def encode(self, replacement: str, span: Span) -> str:
        forms = self._map.reference_forms(self.source, self.text, span)
        return encode(replacement, forms, lambda char: ESCAPES.get(char, char))

    def decode(self, replacement: str) -> str:
        """Character references read as the parser reads them (:func:`split_reference`).

        >>> HtmlDocument("<p>Q and A</p>").decode("Q&amp;A &ldquo;&#x41;&rdquo;")
        'Q&A “A”'
        """
        return html.unescape(replacement)

    def skeleton(self) -> tuple[tuple[int, str], ...]:
        return tuple(self._skeleton)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The editable runs of text with their source ranges (for tests and tools)."""
        return self._map.segments


# What ``str.strip`` keeps, found without copying the text around a block (a page's body is long):
# ``str.isspace`` is Unicode's White_Space (``\s``) and the four separators \x1c-\x1f.
_NOT_SPACE = regex.compile(r"[^\s\x1c-\x1f]")


class _ElementTree:
    """The closed elements as the tree they form (an element closed by its end tag holds every element
    opened and closed inside it, and cuts none), for the elements around a position in time linear in
    nesting depth, not in the number of elements.

    >>> tree = _ElementTree([Element("b", 5, 8, 12, 16), Element("p", 0, 3, 20, 24), Element("p", 30, 33, 40, 44)])
    >>> [e.start for e in tree.open_at(10)], [e.start for e in tree.holding(5, 16)], list(tree.open_at(26))
    ([5, 0], [5, 0], [])
    """

    def __init__(self, elements: list[Element]) -> None:
        self._elements = sorted(elements, key=lambda element: (element.start, -element.end))
        self._starts = [element.start for element in self._elements]
        self._parent: list[int] = []
        stack: list[int] = []
        for index, element in enumerate(self._elements):
            while stack and self._elements[stack[-1]].end <= element.start:
                stack.pop()
            self._parent.append(stack[-1] if stack else -1)
            stack.append(index)

    def _up(self, index: int, inside: Callable[[Element], bool]) -> Iterator[Element]:
        """From element ``index`` up: the first element for which ``inside`` holds, and all its ancestors."""
        while index >= 0 and not inside(self._elements[index]):
            index = self._parent[index]
        while index >= 0:
            yield self._elements[index]
            index = self._parent[index]

    def open_at(self, position: int) -> Iterator[Element]:
        """The elements opened before ``position`` and closed after it, innermost first."""
        last = bisect.bisect_left(self._starts, position) - 1
        return self._up(last, lambda element: element.end > position)

    def children(self, start: int, end: int) -> Iterator[Element]:
        """The outermost elements within ``[start, end)``, in order (one cut by an edge of the range is left out).

        >>> tree = _ElementTree([Element("b", 5, 8, 12, 16), Element("p", 0, 3, 20, 24), Element("i", 30, 33, 40, 44)])
        >>> [e.name for e in tree.children(0, 44)], [e.name for e in tree.children(3, 20)], list(tree.children(3, 14))
        (['p', 'i'], ['b'], [])
        """
        index = bisect.bisect_left(self._starts, start)
        while index < len(self._elements) and self._elements[index].start < end:
            element = self._elements[index]
            if element.end <= end:
                yield element
            index = bisect.bisect_left(self._starts, max(element.end, element.start + 1), index + 1)

    def holding(self, start: int, end: int) -> Iterator[Element]:
        """The elements holding ``[start, end)`` (their tags included), innermost first."""
        last = bisect.bisect_right(self._starts, start) - 1
        return self._up(last, lambda element: element.end >= end)


# --- Nesting depth ---------------------------------------------------------------------------
# Everything that depends on how deeply elements nest is computed once per element, when it
# opens (its block kind) or closes (its Element), never by walking the stack or the element
# list again, so parsing and block removal stay linear in depth (10,000 nested elements).


@dataclass(frozen=True, slots=True)
class _Open:
    """An open element: its name, where it starts, and the kind of block its text belongs to."""

    name: str
    start: int
    content_start: int
    kind: str


def _kind_inside(stack: list[_Open], name: str) -> str:
    """The block kind of text inside a new ``name`` element: its own, else its parent's.

    >>> _kind_inside([_Open("li", 0, 4, "list-item")], "b"), _kind_inside([], "h2")
    ('list-item', 'heading')
    >>> _kind_inside([_Open("td", 0, 4, "table-cell")], "p"), _kind_inside([_Open("li", 0, 4, "list-item")], "p")
    ('paragraph', 'list-item')
    >>> _kind_inside([], "title")
    'title'
    """
    if name in HEADINGS:
        return "heading"
    if name in ("li", "dt", "dd"):
        return "list-item"
    if name in ("td", "th"):
        return "table-cell"
    if name == "blockquote":
        return "blockquote"
    if name == "title":
        return "title"  # the page's own title: a headline, never chrome to remove
    if name == "p" and stack and stack[-1].kind == "table-cell":
        return "paragraph"  # a page laid out in a table: a cell's paragraphs are its prose, not a table's data
    return stack[-1].kind if stack else "paragraph"


def _kind(stack: list[_Open]) -> str:
    return stack[-1].kind if stack else "paragraph"
