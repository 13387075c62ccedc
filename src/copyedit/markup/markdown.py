"""Markdown articles: headings, paragraphs, list items, table cells and quotes are prose;
code, URLs, raw HTML, reference definitions and front matter are not.

markdown-it-py finds the blocks (CommonMark plus tables and strikethrough). It gives line
maps for blocks only, so each inline token's characters are located in the source here:
every content line is found in its source line, and the inline tokens are walked over the
source in order (backslash escapes and entities count as one character, edited only whole).
A paragraph that cannot be aligned exactly is left out of the text: never edited, never
reported, rather than edited in the wrong place.

>>> doc = MarkdownDocument("---\\ntitle: x\\n---\\n# Kasım *Tokayev*\\n\\nSee [the the](http://a.b/the_the) `code` \\\\*.\\n")
>>> doc.text
'Kasım Tokayev\\n\\nSee the the \\ufffc *.'
>>> doc.source_span(0, 5), doc.source_span(19, 26)
(Span(start=19, end=24), Span(start=41, end=48))
>>> doc.encode("a*b_[c]", doc.source_span(0, 5))
'a\\\\*b\\\\_\\\\[c\\\\]'
"""

from __future__ import annotations

import bisect
import html
import weakref
from typing import Any, NamedTuple, Sequence, cast

import regex
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from markdown_it.token import Token

from ..collector import collection_paused
from ..document import OBJECT
from ..errors import InputError, check_deadline
from ..model import Span
from .textmap import Segment, TextBuilder, TextMap, encode, open_reference

# markdown-it stops reading blocks nested deeper than its maxNesting (20 in the commonmark preset) and skips,
# without a word, the rest of the enclosing block: a list nested ten deep hid every line after it, to the end
# of the article, from every check. A hundred levels (the default preset's) is more than any article needs and
# well inside Python's recursion limit; a document that reaches it is refused (:func:`parse_blocks`).
MAX_NESTING = 100
_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
_BRACKET_COUNTS = regex.compile(r"\\\[|\]\(?|[\[`<]")  # what counts in a link's bracket count (_unclosable_brackets)
_UNCLOSABLE: weakref.WeakKeyDictionary[StateInline, tuple[frozenset[int], int]] = weakref.WeakKeyDictionary()


def _unclosable_brackets(content: str) -> frozenset[int]:
    r"""Where the ``[`` of a paragraph's inline content stand that no ``]`` can close, found in one pass.

    markdown-it tries each ``[`` as a link by scanning on for its ``]`` token by token, nested brackets
    as links in turn, as deep as its nesting limit: some hundred steps for every ``[``, and a page of
    unclosed brackets took seconds (5.5 s for 136 KB). The scan closes only at a ``]`` that brings its
    count of bracket tokens to nought, and this count errs low, so that a ``[`` it never closes is one no
    scan closes: an escaped ``[`` counts nothing, and after a code span's backtick, an HTML tag's or
    autolink's ``<`` or a link destination's ``](`` (which could hide a ``[``) every ``[`` counts nothing
    and every ``]`` closes one.

    >>> content = "[a] [b \\[ c] [x [y `z` ] [f"
    >>> [content[bracket:bracket + 2] for bracket in sorted(_unclosable_brackets(content))]
    ['[x', '[f']
    """
    unclosable: set[int] = set()
    open_brackets: list[int] = []  # since the last code span, tag or destination could start
    closers_left = content.count("]")
    for found in _BRACKET_COUNTS.finditer(content):
        token = found.group()
        if token == "\\[":
            continue  # an escaped bracket counts nothing
        if token == "[":
            open_brackets.append(found.start())
            continue
        if token.startswith("]"):
            closers_left -= 1
            if open_brackets:
                open_brackets.pop()
        if token != "]":
            # From a backtick, "<" or "](" on, only closers count: a bracket open needs as many as its depth.
            for depth, opener in enumerate(reversed(open_brackets), start=1):
                if depth > closers_left:
                    unclosable.add(opener)
            open_brackets = []
    unclosable.update(open_brackets)
    return frozenset(unclosable)


def _opens_no_label(state: StateInline, bracket: int) -> bool:
    """Whether the ``[`` at ``bracket`` can open no link or image: no ``]`` can close it, or, with no reference
    defined, no ``](`` follows it (markdown-it would still scan ``[[[…]]]`` as deep as its nesting limit)."""
    found = _UNCLOSABLE.get(state)
    if found is None:
        found = _UNCLOSABLE[state] = (_unclosable_brackets(state.src), state.src.rfind("]("))
    unclosable, last_destination = found
    return bracket in unclosable or (last_destination < bracket and not state.env.get("references"))


def _link(state: StateInline, silent: bool) -> bool:
    # A label is parsed again for each link or image around it: nested ones take seconds. This rule is tried
    # before the image rule wherever either is, so checking the time limit here stops both.
    check_deadline()
    if state.src[state.pos] == "[" and _opens_no_label(state, state.pos):
        return False
    return link(state, silent)


def _image(state: StateInline, silent: bool) -> bool:
    if state.src.startswith("![", state.pos) and _opens_no_label(state, state.pos + 1):
        return False
    return image(state, silent)


_PARSER.inline.ruler.at("link", _link)
_PARSER.inline.ruler.at("image", _image)


def _list_rules(parser: MarkdownIt) -> None:
    """List each of the parser's rulers' rules now. markdown-it does it at the first parse and publishes the list
    before filling it: threads parsing their first documents at once (a service's first requests) found no block
    rule ("none of the block rules matched") or too few. At import, it is done under the import lock."""
    for ruler in (parser.core.ruler, parser.block.ruler, parser.inline.ruler, parser.inline.ruler2):
        ruler.getRules("")


_list_rules(_PARSER)
_NEWLINE = regex.compile(r"\r\n|\r|\n")
# YAML front matter (Jekyll, Hugo, …) between "---" lines, or TOML between "+++" lines (Hugo, Zola); empty too (Jekyll)
FRONT_MATTER = regex.compile(
    r"\A\ufeff?(?:---[ \t]*(?:\r\n|\r|\n)(?:.*?(?:\r\n|\r|\n))?(?:---|\.\.\.)|\+\+\+[ \t]*(?:\r\n|\r|\n)(?:.*?(?:\r\n|\r|\n))?\+\+\+)[ \t]*(?=\r\n|\r|\n|\Z)",
    regex.DOTALL,
)
ENTITY = regex.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Characters a replacement must escape so as not to become markup anywhere in a line...
ESCAPED = frozenset("\\`*_[]<>|~&")
# ...and at the start of a line (a heading, a list item, a quote, a setext underline).
LINE_START = regex.compile(r"[#+\-=>]|\d{1,9}[.)]")
# What the source writes for one character: a backslash and ASCII punctuation, or an entity.
_REFERENCE = regex.compile(r"\\([" + regex.escape("".join(sorted(ASCII_PUNCTUATION))) + r"])|" + ENTITY.pattern)
# An edit next to one of these may only touch letters or digits on that side: changing what
# stands beside an emphasis, link or table delimiter can change what it means.
DELIMITERS = frozenset("*_~[]()!|")
_EMPHASIS_CLOSERS = frozenset({"em_close", "strong_close", "s_close"})
# The delimiters whose runs open or close by what stands beside them (CommonMark's flanking rules)
_EMPHASIS_RUNS = frozenset("*_~")
# An edit right after one of these is never safe: it could complete an escape, an entity, an autolink or raw HTML,
# or a code span.
OPENERS = frozenset("\\&<`")
# Brackets pair up over a paragraph, literal ones too (a link's text holds balanced ones): a literal one is kept
_BRACKETS = frozenset("[]")
# What may start a block and is not escaped wherever it stands (encode escapes it at a line's start only, and not
# after a list item's marker): a replacement that starts with one of these, a digit or a space may start a block.
_BLOCK_STARTS = frozenset("#+-=")
# What a line may hold before an edit without the edit risking a new block marker after it.
MARKER_PREFIX = regex.compile(r"[-+*=#_~`.)>0-9][-+*=#_~`.)>0-9 \t]*")
CONTAINERS = frozenset({"blockquote", "bullet_list", "ordered_list", "list_item"})
_CLOSING_HASHES = regex.compile(r"(?:[ \t]+#+)?[ \t]*\Z")
# Prose brackets (:meth:`MarkdownDocument._inside_failed_markup`): of a failed link's destination or a failed tag or
# autolink, and, where the document defines references, of a label
_FAILED_MARKUP = (("](", ")"), ("<", ">"))
_FAILED_REFERENCE = (("[", "]"),)
# A line that starts with three backticks, after what may be a container's marker, and goes on to an edit
_FENCE_LIKE = regex.compile(r"[ \t>*+\-.)0-9]*```")
_LABEL_THEN_COLON = regex.compile(r"\[(?:[^\[\]\\]|\\.){1,999}\]:")  # how a link reference definition starts
_SPACES = regex.compile(r"[ \t]*")


class _Misaligned(Exception):
    """The inline tokens could not be found in the source exactly."""


class _Node:
    """A block in the tree that removal needs: containers and leaves with their line maps. A node reaches
    its parent through a weak reference, and the document keeps the root: links both ways, both strong, made
    every Markdown document a reference cycle that only the garbage collector frees."""

    __slots__ = ("kind", "lines", "children", "_parent", "__weakref__")

    def __init__(self, kind: str, lines: tuple[int, int], parent: _Node | None) -> None:
        self.kind = kind
        self.lines = lines
        self.children: list[_Node] = []
        self._parent = None if parent is None else weakref.ref(parent)

    @property
    def parent(self) -> _Node | None:
        return None if self._parent is None else self._parent()


class _Leaf(NamedTuple):
    """Where a block of prose sits: its node, and the source range its own syntax covers."""

    node: _Node
    start: int
    end: int


class _Lines:
    """Source lines split the way markdown-it splits them (CRLF, CR or LF)."""

    def __init__(self, source: str) -> None:
        first = 1 if source.startswith("\ufeff") else 0
        self.starts = [first]
        self.ends: list[int] = []
        for match in _NEWLINE.finditer(source):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(source))
        self.source = source

    def text(self, line: int) -> str:
        return self.source[self.starts[line] : self.ends[line]]

    def blank(self, line: int) -> bool:
        return not self.text(line).strip(" \t")


def parse_blocks(source: str, env: dict[str, Any] | None = None) -> list[Token]:
    """markdown-it's tokens of a document, its front matter read as blank lines (so that line maps
    count the source's lines); ``env`` receives the reference definitions."""
    body = source.removeprefix("\ufeff")
    front = FRONT_MATTER.match(source)
    if front:
        body = "\n" * len(_NEWLINE.findall(front.group())) + source[front.end() :]
    tokens = _PARSER.parse(body, {} if env is None else env)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):  # markdown-it has skipped what lies deeper
        raise InputError(
            f"Markdown nested {MAX_NESTING - 1} or more levels deep (a block quote counts one level, a list item "
            "two): the text inside and after it would go unchecked"
        )
    return tokens


class MarkdownDocument:
    format = "markdown"

    def __init__(self, source: str) -> None:
        self.source = source
        self._lines = _Lines(source)
        front = FRONT_MATTER.match(source)
        self._front_matter = front is not None
        self._atx_lines: set[int] = set()  # where the lines of ATX headings start in the source
        self._skeleton: list[tuple[int, str]] = [(0, "front_matter " + front.group())] if front else []
        self._closers: dict[int, int] = {}  # where an emphasis closes in the source: the length of its closing run
        self._row_cells: dict[int, list[tuple[int, int]]] = {}  # a table row's cells, by line
        env: dict[str, Any] = {}
        builder = TextBuilder()
        self._leaves: list[_Leaf] = []
        # The tokens and what is made of them live until the walk ends, none of them garbage: collections meanwhile
        # walked them again and again (320 KB of nested list items: twelve full collections, 40% of the time to fix).
        with collection_paused():
            tokens = parse_blocks(source, env)
            for label, reference in sorted(env.get("references", {}).items()):
                line = reference.get("map", [0])[0]
                self._skeleton.append((self._lines.starts[line], repr(("reference", label, reference["href"], reference["title"]))))
            self._walk(tokens, builder)
            self._references = bool(env.get("references"))
            del tokens  # freed now: the first collection after the pause walks only what the document keeps
        self.text, self.blocks, segments = builder.build()
        self._block_starts = [block.start for block in self.blocks]
        self._map = TextMap(segments)

    # --- building ---------------------------------------------------------------------------

    def _walk(self, tokens: Sequence[Token], builder: TextBuilder) -> None:
        """Build the text, the block tree and the skeleton.

        Every skeleton item sits on a source offset that is markup, never prose (a container
        marker, a heading's ``#``, an emphasis delimiter, a line end), so that a text edit
        never seems to remove one while removing a block removes all of its own.
        """
        lines = self._lines
        parent = self._root = _Node("root", (0, len(lines.starts)), None)
        opened: list[int] = []  # skeleton offsets of open tokens, for their close tokens
        column = 0  # of the next table cell in its row
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type.removesuffix("_open").removesuffix("_close")
            if token.type in ("paragraph_open", "heading_open", "th_open", "td_open"):
                node = _Node(kind, tuple(token.map or tokens[index + 1].map or (0, 0)), parent)  # type: ignore[arg-type]
                parent.children.append(node)
                self._leaf(token, tokens[index + 1], tokens[index + 2], node, builder, column, opened[-1] if opened else 0)
                column += token.type in ("th_open", "td_open")
                index += 3
                continue
            if token.type == "tr_open":
                column = 0
            if token.nesting == 1:
                offset = self._block_offset(token.map[0], kind in ("table", "thead", "tbody", "tr")) if token.map else 0
                opened.append(offset)
                if kind in CONTAINERS:
                    parent = _Node(kind, tuple(token.map), parent)  # type: ignore[arg-type]
                    parent.parent.children.append(parent)  # type: ignore[union-attr]
            elif token.nesting == -1:
                offset = opened.pop()
                if kind in CONTAINERS:
                    parent = parent.parent  # type: ignore[assignment]
            else:
                offset = lines.starts[token.map[0]] if token.map else 0
                parent.children.append(_Node(token.type, tuple(token.map or (0, 0)), parent))  # type: ignore[arg-type]
            self._add(offset, token)
            index += 1

    def _block_offset(self, line: int, table: bool) -> int:
        """Where a block token sits: its line start, or for a table row its leading pipe (its
        line end when it has none, as a row may start with prose)."""
        if not table:
            return self._lines.starts[line]
        text = self._lines.text(line)
        if text.lstrip(" \t").startswith("|"):
            return self._lines.starts[line] + len(text) - len(text.lstrip(" \t"))
        return self._lines.ends[line]

    def _add(self, offset: int, token: Token) -> None:
        content = token.content if token.type not in ("inline", "text") else ""
        attrs = tuple(sorted((str(k), str(v)) for k, v in token.attrs.items())) if token.attrs else ()
        self._skeleton.append((offset, repr((token.type, token.markup, token.info, content, attrs))))
        if token.type in _EMPHASIS_CLOSERS:
            self._closers[offset] = len(token.markup)

    def _leaf(
        self, opener: Token, inline: Token, closer: Token, node: _Node, builder: TextBuilder, column: int, row: int
    ) -> None:
        """Align one block of inline content, add it to the text and its markup to the skeleton."""
        lines = self._lines
        first_line = (inline.map or opener.map or (0, 0))[0]
        cell = opener.type in ("th_open", "td_open")
        try:
            if cell:
                starts, ends = self._cell(first_line, column)
            else:
                starts, ends = self._content_lines(inline, first_line, opener.markup.startswith("#"))
            pieces, marks = _align(self.source, inline.children or [], starts, ends)
            if opener.type in ("paragraph_open", "heading_open") and not opener.markup.startswith("#") and _LABEL_THEN_COLON.match(self.source, starts[0]):
                # "[^1]: Reuters ." is a paragraph (or a setext heading's text) only while what follows the colon is
                # no link destination and title: an edit could make it a link reference definition. It is read, and
                # left as it is.
                pieces = [("read-only", piece[-1]) for piece in pieces]
        except _Misaligned:
            # Left out of the text: never edited, never reported; its markup sits on its line end.
            pieces, marks = [], [(lines.ends[first_line], child) for child in inline.children or [] if child.type != "text"]
            starts = ends = []
        start, end = (starts[0], ends[-1]) if starts else (0, 0)
        own = row if cell else lines.ends[first_line]
        if opener.type == "heading_open" and opener.markup.startswith("#"):
            start = own = _hash_run_start(self.source, lines.starts[first_line], starts[0]) if starts else own
            end = lines.ends[first_line]
            self._atx_lines.add(lines.starts[first_line])
        elif opener.type == "heading_open":
            underline = opener.map[1] - 1  # type: ignore[index]
            own, end = lines.starts[underline], lines.ends[underline]
        if opener.type != "paragraph_open":  # paragraphs have no markup of their own
            self._add(own, opener)
        for offset, child in marks:
            self._add(offset, child)
        if opener.type != "paragraph_open":
            self._add(own, closer)
        for piece in pieces:
            if piece[0] == "literal":
                builder.literal(piece[1], piece[2])
            elif piece[0] == "reference":
                builder.reference(piece[1], piece[2], piece[3])
            elif piece[0] == "read-only":
                builder.read_only(piece[1])
            else:
                builder.synthetic(piece[1])
        if pieces and builder.end_block(_block_kind(node, opener)) is not None:
            self._leaves.append(_Leaf(node, start, end))

    def _content_lines(self, inline: Token, first_line: int, atx: bool) -> tuple[list[int], list[int]]:
        """Where each line of the inline content starts and ends in the source."""
        starts: list[int] = []
        ends: list[int] = []
        content_lines = inline.content.split("\n")
        for number, content_line in enumerate(content_lines):
            line = first_line + number
            if line >= len(self._lines.starts):
                raise _Misaligned()
            wanted = content_line.lstrip(" \t").rstrip(" \t")
            found = self._lines.text(line).replace("\0", "\ufffd").rstrip(" \t")
            if atx:  # its closing "#"s are no text, even where the text ends in "#" too ("# # #" reads "#")
                found = found[: _CLOSING_HASHES.search(found).start()]
            if number == len(content_lines) - 1 and not found.endswith(wanted):
                # markdown-it strips a block's content as str.strip() does: a no-break space (or any
                # Unicode space) that ends the block (or comes before a heading's closing "#"), common in
                # text converted from a CMS's HTML, is gone
                found = found.rstrip()
            if not found.endswith(wanted):
                raise _Misaligned()
            start = self._lines.starts[line] + len(found) - len(wanted)
            starts.append(start)
            ends.append(self._lines.ends[line])
        ends[-1] = starts[-1] + len(content_lines[-1].strip(" \t"))  # the content is stripped
        return starts, ends

    def _cell(self, line: int, column: int) -> tuple[list[int], list[int]]:
        """The source range of a table cell: cells are found left to right between unescaped pipes."""
        text = self._lines.text(line)
        base = self._lines.starts[line]
        cells = self._row_cells.get(line)
        if cells is None:  # once a row: a row of thousands of cells was split again for each of them
            bounds = [-1] + [i for i, char in enumerate(text) if char == "|" and not _escaped(text, i)] + [len(text)]
            cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
            stripped = text.strip(" \t")
            if stripped.startswith("|"):
                cells = cells[1:]
            if stripped.endswith("|") and not _escaped(text, len(text.rstrip(" \t")) - 1):
                cells = cells[:-1]
            self._row_cells[line] = cells
        if column >= len(cells):
            raise _Misaligned()
        start, end = cells[column]
        while start < end and text[start].isspace():  # markdown-it strips a cell as str.strip() does
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return [base + start], [base + end]

    # --- the Document protocol --------------------------------------------------------------

    def source_span(self, start: int, end: int, replacement: str | None = None) -> Span | None:
        r"""The Document protocol's, and beside markup characters only where the edit cannot change what they
        mean: not beside a delimiter, nor at the start of a line, unless the edit changes letters or digits there,
        or ``replacement`` (when given) shows it harmless: spaces removed inside a bracket (a link's parentheses
        take spaces or none alike), anything but an opening bracket after a "!" (an image's "![") or a closing one
        before a "(" (a link's "](": :meth:`encode` escapes a replacement's brackets), anything before a "!" (what
        precedes it means nothing to Markdown, and a backslash is escaped), a first character that
        starts no block (:data:`_BLOCK_STARTS`; :meth:`encode` escapes the rest), a last character that ends no
        line in a hard break (before a line end, or before the spaces that end a line). After prose that could begin a
        block marker ("1.", "-") at a line's start, only when that line starts with a backslash escape.

        >>> doc = MarkdownDocument("※Note: an extra ($1bn ) for! ! ” them\n")
        >>> [doc.source_span(*edit) for edit in ((21, 22), (21, 22, ""), (0, 1, "*"), (0, 1, "-"), (0, 1, ""))]
        [None, Span(start=21, end=22), Span(start=0, end=1), None, None]
        >>> doc.source_span(30, 31), doc.source_span(30, 31, ""), MarkdownDocument("Look! [here](x)\n").source_span(5, 6, "")
        (None, Span(start=30, end=31), None)
        >>> doc.source_span(28, 29), doc.source_span(28, 29, "")
        (None, Span(start=28, end=29))
        """
        span = self._map.source_span(start, end)
        if span is None:
            return None
        source = self.source
        past_closers = start == end and span.start in self._closers
        if past_closers:
            runs = span.start
            span = self._past_closers(runs)
            alone = span.start - runs == self._closers[runs]  # one closing run, not "~~*" (each after punctuation)
            if (replacement is None or replacement[:1].isalnum()) and (source[runs] == "_" or not alone or not source[runs - 1].isalnum()):
                # a letter or digit after the closing runs keeps a "_" from closing ("_the_1"), and a "*" after
                # punctuation ("*\**1", "*~~the~~*1")
                return None
        before = source[span.start - 1] if span.start > 0 else "\n"
        after = source[span.end] if span.end < len(source) else "\n"
        if before in OPENERS or after == "`" or self._completes_reference(span, replacement):
            return None
        if start == end and not past_closers and (
            before in _EMPHASIS_RUNS or after in _EMPHASIS_RUNS and not (replacement and replacement[-1].isspace())
        ):
            # what is put after a "*" run can make it open ("**  \nthe**" with "1") or stop opening ("*x*" with " ");
            # before one, only white space keeps what it does
            return None
        if self._inside_failed_markup(start, end) or self._after_brackets(span):
            return None
        if any(source[index] in _BRACKETS and not _escaped(source, index) for index in range(span.start, span.end)):
            return None  # a literal bracket taken out ("[R&D [ref]](x)") can change which of the others pair up
        line_end = _SPACES.match(source, span.end).end()
        if (
            (line_end == len(source) or source[line_end] in "\r\n")
            and (before in " \t\\" or line_end > span.end and replacement != "")
            and not (replacement and replacement[-1] not in " \t\\")
        ):
            # an edit between spaces (or a backslash) and a line end, or that could end in a space before the spaces
            # that end a line (", \u200b \n": C204 took the zero-width space), could make a hard break; so could a
            # replacement's own spaces or backslash ("(" made ";  "): the line's end must break as before. (The first
            # test also keeps a line's last content in place: "| a | \u200b" without it is a table's header row.)
            return None
        if replacement is not None and (line_end == len(source) or source[line_end] in "\r\n"):
            starts = _line_start(source, span.start)
            if _hard_break(source[starts : span.start] + replacement + source[span.end : line_end]) != _hard_break(source[starts:line_end]):
                return None
        if _line_start(source, span.start) in self._atx_lines and self._makes_closing_sequence(span, replacement):
            return None
        if replacement is not None and "\n" not in source[span.start : span.end]:
            line = source[_line_start(source, span.start) : span.start] + replacement + source[span.end : line_end]
            if not line.strip(" \t"):
                return None  # the line left blank would end its paragraph there (and a hard break before it)
        if start < end:
            spaces_removed = replacement is not None and not self.text[start:end].strip(" \t") and not replacement.strip(" \t")
            if before in DELIMITERS and not self.text[start].isalnum() and not (
                before == "(" and spaces_removed or before == "!" and replacement is not None and (replacement or after != "[")
            ):
                return None
            if after in DELIMITERS and not self.text[end - 1].isalnum() and not (
                after == ")" and spaces_removed
                or after == "(" and replacement is not None and (replacement or before != "]")
                or after == "!" and replacement is not None
            ):
                return None
            first = self._map.segment_at(start)
            previous = self._map.segment_at(start - 1) if start > 0 else None
            run_start = previous is None or first is None or previous.run != first.run
            if run_start and not self.text[start].isalnum() and not (replacement and _starts_no_block(replacement)):
                return None  # at the start of a line it could become a list marker or a heading
            opening = "" if replacement is None else replacement + self.text[end : end + 1]
            if run_start and opening and not self.text[start].isdigit() and not _starts_no_block(opening):
                # what the run would start with now ("a" of "- a" replaced by "-": a list in the item; encode
                # escapes a marker at a line's start, not after an item's marker)
                return None
            if "`" in self.text[start:end] and _FENCE_LIKE.match(source, _line_start(source, span.start), span.start):
                return None  # a line that starts "```" (a code span's end too) is no fence only while a backtick follows
        line_start = self._map.run_start(start) if start < len(self.text) else start
        if (
            (line_start == 0 or self.text[line_start - 1] == "\n")
            and MARKER_PREFIX.fullmatch(self.text, line_start, start)
            and not self._escaped_at(line_start)
        ):
            return None  # prose "1.", "-", "##" or "==" alone before it: the line could become a block marker
        return span

    def _makes_closing_sequence(self, span: Span, replacement: str | None) -> bool:
        r"""Whether an edit on an ATX heading's line makes or unmakes its closing sequence: "## x #\u200b" without the
        zero-width space ends in " #", which is no text ("x #" would read "x"). With no replacement known, any edit
        before a "#" of the line.

        >>> doc = MarkdownDocument("## x #\u200b\n")
        >>> doc._makes_closing_sequence(Span(6, 7), ""), doc._makes_closing_sequence(Span(6, 7), "!"), doc._makes_closing_sequence(Span(3, 4), "y")
        (True, False, False)
        """
        source = self.source
        starts = _line_start(source, span.start)
        ends = _NEWLINE.search(source, span.end)
        line_end = ends.start() if ends else len(source)
        if replacement is None:
            return "#" in source[span.end : line_end]
        before = source[starts:line_end]
        after = source[starts : span.start] + replacement + source[span.end : line_end]
        return bool(_CLOSING_HASHES.search(before).group().strip()) != bool(_CLOSING_HASHES.search(after).group().strip())

    def _after_brackets(self, span: Span) -> bool:
        r"""Whether an edit stands in parentheses, or brackets where the document defines references, right after a
        closing bracket of the source (markup or not): what they hold is a link's destination, or the label the
        brackets before try first, once the edit makes it one ("[x](the the)": made "(the)", a destination;
        "[x][the the][x]" with "the" defined: made "[the]", a label that takes "[x]" as its link's text).

        >>> doc = MarkdownDocument("[x][the the][x] and [the the][x], [ x ]( the the ) (the the)\n\n[the]: /the\n[x]: /x\n")
        >>> doc.text
        '[x]the the and the the,  x ( the the ) (the the)'
        >>> [doc._after_brackets(doc._map.source_span(*edit)) for edit in ((6, 10), (18, 22), (32, 36), (43, 47))]
        [True, False, True, False]
        """
        source = self.source
        line_start = _line_start(source, span.start)
        for opener, closer in (("(", ")"), ("[", "]")) if self._references else (("(", ")"),):
            opened = source.rfind(opener, line_start, span.start)
            if opened > 0 and source[opened - 1] == "]" and not _escaped(source, opened - 1) and closer not in source[opened + 1 : span.start]:
                return True
        return False

    def _inside_failed_markup(self, start: int, end: int) -> bool:
        r"""Whether an edit stands in prose between brackets that are no markup only because of what they hold, which
        the edit could change: "[it](the the)" is no link (no destination holds a space: C401's fix made it one),
        "<b\u200b>" no tag and "<x@y.org\u200b>" no autolink (C204's), and, where the document defines references,
        "[the the]" and "[x][the the]" no reference link (no definition has that label).

        >>> doc = MarkdownDocument("See [it](the the), <b\u200b> and [the the].\n\n[the]: /x\n")
        >>> [doc._inside_failed_markup(*edit) for edit in ((9, 16), (21, 22), (29, 36), (0, 3))]
        [True, True, True, False]
        >>> doc = MarkdownDocument("A [b](c) d the the (e) [the the].\n")  # a link, and no definitions
        >>> doc.text, doc._inside_failed_markup(6, 13), doc._inside_failed_markup(19, 26)
        ('A b d the the (e) [the the].', False, False)
        """
        text = self.text
        block = self.blocks[bisect.bisect_right(self._block_starts, start) - 1]
        for opener, closer in _FAILED_MARKUP + (_FAILED_REFERENCE if self._references else ()):
            opened = text.rfind(opener, block.start, start)
            if opened != -1 and text.find(closer, opened + len(opener), start) == -1 and text.find(closer, end, block.end) != -1:
                return True
        return False

    def _completes_reference(self, span: Span, replacement: str | None) -> bool:
        r"""Whether an edit after an "&" and the start of a name could complete an entity: "&amp ;" without its space
        reads "&" (C303's fix). Only a replacement that leaves no entity there is made.

        >>> doc = MarkdownDocument("AT&T ; x &amp ;\n")
        >>> [doc.source_span(*edit) for edit in ((4, 5, ""), (13, 14, ""), (13, 14))]
        [Span(start=4, end=5), None, None]
        """
        amp = open_reference(self.source, span.start)
        if amp is None:
            return False
        if replacement is None:
            return True
        found = ENTITY.match(self.source[amp : span.start] + replacement + self.source[span.end : span.end + 34])
        return found is not None and html.unescape(found.group()) != found.group()

    def _escaped_at(self, position: int) -> bool:
        r"""Whether text character ``position`` is written as a backslash escape: a line that starts with one
        starts no block, whatever follows.

        >>> doc = MarkdownDocument("\\- China News Network\n")
        >>> doc._escaped_at(0), doc._escaped_at(2), doc.source_span(2, 20, "Chinanews.com")
        (True, False, Span(start=3, end=21))
        """
        span = self._map.source_span(position, position + 1)
        return span is not None and self.source[span.start] == "\\"

    def _past_closers(self, at: int) -> Span:
        r"""Where an insertion at the end of emphasised text goes: after the emphasis's closing runs. Before them,
        a space would keep them from closing (CommonMark: a closing ``*``/``_`` follows no white space), and the
        next emphasis may open right after them (``_ed._*Td*``), so the insertion has no other place.

        >>> doc = MarkdownDocument("_ed._*Td*\n")
        >>> span = doc.source_span(3, 3, " ")
        >>> doc.source[: span.start] + " " + doc.source[span.start :]
        '_ed._ *Td*\n'
        >>> doc = MarkdownDocument("He said **no**, *and*\n")
        >>> doc.source_span(10, 10)
        Span(start=14, end=14)
        """
        while at in self._closers:
            at += self._closers[at]
        return Span(at, at)

    def enclosing_span(self, start: int, end: int) -> Span:
        return self._map.enclosing_span(start, end)

    def text_removal_spans(self, block: int) -> None:
        return None  # a code span or block is never part of a removal (removal_span keeps them whole)

    def removal_span(self, block: int) -> Span | None:
        """The block's own lines if it stands alone at the top level (or is all that a
        top-level list or quote holds), with the blank lines after it; inside a container
        that stays, the list item it is all of, or only the block itself (:meth:`_nested_removal`).
        None when its neighbours would change: two lists or code blocks that it keeps apart would
        merge, or the block is glued to the one before it, or it opens a list item that holds more.

        >>> doc = MarkdownDocument("Text.\\n\\nLeave a Reply\\n\\n- One\\n- Share this\\n")
        >>> [doc.source[:s.start] + doc.source[s.end:] for s in map(doc.removal_span, (1, 3))]
        ['Text.\\n\\n- One\\n- Share this\\n', 'Text.\\n\\nLeave a Reply\\n\\n- One\\n']
        >>> MarkdownDocument("- One\\n\\nLeave a Reply\\n\\n- Two\\n").removal_span(1) is None
        True
        >>> MarkdownDocument("\\nLeave a Reply\\n\\n").removal_span(0)
        Span(start=0, end=16)
        >>> MarkdownDocument("Leave a Reply\\n\\n---\\nThe article.\\n\\n---\\n").removal_span(0) is None  # front matter
        True
        """
        leaf = self._leaves[block]
        unit = leaf.node
        while unit.parent is not None and unit.parent.kind in CONTAINERS and unit.parent.children == [unit]:
            unit = unit.parent
        if unit.parent is None or unit.parent.kind != "root":
            return self._nested_removal(leaf)
        lines = self._lines
        siblings = unit.parent.children
        position = siblings.index(unit)
        before = siblings[position - 1] if position else None
        after = siblings[position + 1] if position + 1 < len(siblings) else None
        first = unit.lines[0]
        last = unit.lines[1] - 1
        while last > first and lines.blank(last):
            last -= 1
        if before is not None and not lines.blank(first - 1):
            return None  # no blank line before it: the blocks around it would run together
        if before is not None and after is not None and _would_join(before, after, lines.text(after.lines[0])):
            return None
        following = next((n for n in range(last + 1, len(lines.starts)) if not lines.blank(n)), None)
        if following is not None:
            if FRONT_MATTER.match(self.source[: lines.starts[first]] + self.source[lines.starts[following] :]) and not self._front_matter:
                return None  # the document would start with "---" lines around the next block: front matter
            return Span(lines.starts[first], lines.starts[following])
        preceding = next((n for n in range(first - 1, -1, -1) if not lines.blank(n)), None)
        if preceding is not None:
            if any(offset == lines.ends[preceding] for offset, _ in self._skeleton):
                return None  # markup of the block before sits on that line end (a row without pipes)
            if before is not None and before.kind == "html_block":
                # An HTML block's content holds its last line feed: it stays, and the document ends with it
                # (the blank lines after it go).
                return Span(lines.starts[preceding + 1], len(self.source))
            return Span(lines.ends[preceding], lines.ends[last])
        return Span(0, len(self.source))  # nothing but blank lines around it: they go too, not left as the document

    def _nested_removal(self, leaf: _Leaf) -> Span | None:
        """Inside a list that stays, the list item it is all of, with its marker (a bullet list's, or an ordered
        list's last: another would leave a gap in the numbers, so only its text goes); inside a quote, only the
        block's own text."""
        item = leaf.node.parent
        if item is not None and item.kind == "list_item":
            items = item.parent.children if item.parent is not None else [item]
            position = items.index(item)
            if item.children != [leaf.node] or position == 0:
                return None  # an emptied first item, or one that holds more, would reshape the list
            ordered = item.parent is not None and item.parent.kind == "ordered_list"
            if not ordered or position == len(items) - 1:
                return self._item_removal(item, items[position + 1] if position + 1 < len(items) else None)
        start = leaf.start
        while start > 0 and self.source[start - 1] in " \t":
            start -= 1  # the space after the container's marker goes too
        return Span(start, leaf.end)

    def _item_removal(self, item: _Node, following: _Node | None) -> Span:
        """A list item's lines, which are not its list's first: up to the next item's (the blank line of a loose list
        before it too), or for the last item from the end of the line before it, so that what follows the list
        keeps the blank line that parted them.

        >>> doc = MarkdownDocument("Text.\\n\\n- One\\n- Share this\\n  page\\n- Three\\n\\n- Tweet\\n\\nEnd.\\n")
        >>> [doc.source[:s.start] + doc.source[s.end:] for s in map(doc.removal_span, (2, 4))]
        ['Text.\\n\\n- One\\n- Three\\n\\n- Tweet\\n\\nEnd.\\n', 'Text.\\n\\n- One\\n- Share this\\n  page\\n- Three\\n\\nEnd.\\n']
        """
        lines = self._lines
        first, last = item.lines[0], item.lines[1] - 1
        while last > first and lines.blank(last):
            last -= 1
        if following is not None:
            return Span(lines.starts[first], lines.starts[following.lines[0]])
        preceding = first - 1
        while preceding > 0 and lines.blank(preceding):
            preceding -= 1
        return Span(lines.ends[preceding], lines.ends[last])

    def encode(self, replacement: str, span: Span) -> str:
        forms = self._map.reference_forms(self.source, self.text, span)
        encoded = encode(replacement, forms, lambda char: "\\" + char if char in ESCAPED else char)
        line_start = _line_start(self.source, span.start)
        marker = LINE_START.match(encoded) if not self.source[line_start : span.start].strip(" \t>") else None
        if marker:  # its punctuation escaped ("1\\." not "\\1.": a backslash before a digit is a backslash)
            encoded = encoded[: marker.end() - 1] + "\\" + encoded[marker.end() - 1 :]
        return encoded

    def decode(self, replacement: str) -> str:
        r"""Backslash escapes and entities read as the parser reads them (a backslash before anything but ASCII
        punctuation is a backslash).

        >>> MarkdownDocument("Q and A").decode(r"Q\&A 1\. \\ &amp; \&amp; \1")
        'Q&A 1. \\ & &amp; \\1'
        """
        return cast(str, _REFERENCE.sub(lambda found: found.group(1) or html.unescape(found.group()), replacement))  # regex ships no types

    def skeleton(self) -> tuple[tuple[int, str], ...]:
        return tuple(self._skeleton)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The editable runs of text with their source ranges (for tests and tools)."""
        return self._map.segments


def _starts_no_block(replacement: str) -> bool:
    """Whether a line that starts with ``replacement``, as :meth:`MarkdownDocument.encode` writes it, starts no block.

    >>> [_starts_no_block(text) for text in ("*", '"', "Note", "- a", "1", " a")]
    [True, True, True, False, False, False]
    """
    return not (replacement[0].isspace() or replacement[0].isdigit() or replacement[0] in _BLOCK_STARTS)


def _line_start(source: str, offset: int) -> int:
    return max(source.rfind("\n", 0, offset), source.rfind("\r", 0, offset)) + 1


def _hard_break(line: str) -> bool:
    """Whether a line (without its line end) would end in a hard break, were a line to follow it in its paragraph."""
    return line.endswith(("  ", "\\"))


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _hash_run_start(source: str, line_start: int, content_start: int) -> int:
    """Where the ``#`` run of an ATX heading starts, searching back from its content over the white space the
    parser trimmed off it: a vertical tab or form feed too ("## \\vHeading")."""
    position = content_start
    while position > line_start and source[position - 1].isspace():
        position -= 1
    while position > line_start and source[position - 1] == "#":
        position -= 1
    return position


def _block_kind(node: _Node, opener: Token) -> str:
    if opener.type == "heading_open":
        return "heading"
    if opener.type in ("th_open", "td_open"):
        return "table-cell"
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.kind == "list_item":
            return "list-item"
        if ancestor.kind == "blockquote":
            return "blockquote"
        ancestor = ancestor.parent
    return "paragraph"


def _align(
    source: str, children: Sequence[Token], starts: list[int], ends: list[int]
) -> tuple[list[tuple[Any, ...]], list[tuple[int, Token]]]:
    """Walk the inline tokens over the source: the pieces of text they make, in order, and
    the source offset of every token that is markup.

    Each piece is ``("literal", start, chars)``, ``("reference", start, end, chars)``, ``("read-only", chars)``
    (the source's text, never edited) or ``("synthetic", chars)``. Raises :class:`_Misaligned` unless every token is found exactly.
    """
    pieces: list[tuple[Any, ...]] = []
    marks: list[tuple[int, Token]] = []
    line = 0
    cursor = starts[0]
    limit = ends[-1]
    autolink = False
    link_text = 0  # the first piece of the text of the link being read

    def expect(marker: str) -> None:
        nonlocal cursor
        if not source.startswith(marker, cursor) or cursor + len(marker) > limit:
            raise _Misaligned()
        cursor += len(marker)

    def move_to(position: int) -> None:
        nonlocal cursor, line
        if position > limit:
            raise _Misaligned()
        cursor = position
        while line + 1 < len(starts) and cursor >= starts[line + 1]:
            line += 1

    for token in children:
        kind = token.type
        if autolink:
            autolink = kind != "link_close"
            if not autolink:
                marks.append((cursor - 1, token))
            continue
        if kind != "text":
            marks.append((cursor, token))
        if kind == "text":
            cursor = _align_text(source, token.content, cursor, ends[line], pieces)
        elif kind in ("softbreak", "hardbreak"):
            position = _SPACES.match(source, cursor).end()
            if kind == "hardbreak" and source.startswith("\\", position):
                position += 1
            if position != ends[line] or line + 1 >= len(starts):
                raise _Misaligned()
            line += 1
            cursor = starts[line]
            pieces.append(("synthetic", "\n"))
        elif kind == "code_inline":
            expect(token.markup)
            move_to(_closing_run(source, cursor, token.markup, limit) + len(token.markup))
            pieces.append(("synthetic", OBJECT))
        elif kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            expect(token.markup)
        elif kind == "link_open" and token.markup == "autolink":
            expect("<")
            close = source.find(">", cursor, limit)
            if close < 0:
                raise _Misaligned()
            move_to(close + 1)
            pieces.append(("synthetic", OBJECT))
            autolink = True
        elif kind == "link_open":
            expect("[")
            link_text = len(pieces)
        elif kind == "link_close":
            expect("]")
            tail = _link_tail(source, cursor, limit)
            if tail == cursor or source[cursor:tail] == "[]":
                # "[Café Central]" and "[Café Central][]": the text is also the label of the link's definition,
                # so an edit of it would unlink it. It is read, and left as it is.
                pieces[link_text:] = [("read-only", piece[-1]) for piece in pieces[link_text:]]
            move_to(tail)
        elif kind == "image":
            expect("![")
            move_to(_link_tail(source, _label_end(source, cursor, limit) + 1, limit))
            pieces.append(("synthetic", OBJECT))
        elif kind == "html_inline":
            expect(token.content)
        else:
            raise _Misaligned()
    if cursor != limit:
        raise _Misaligned()
    return pieces, marks


def _align_text(source: str, content: str, cursor: int, line_end: int, pieces: list[tuple[Any, ...]]) -> int:
    """Match decoded text against the source: literal characters, escapes and entities."""
    index = 0
    literal_start = cursor
    while index < len(content):
        char = content[index]
        if cursor >= line_end:
            raise _Misaligned()
        found = source[cursor]
        step = 0
        decoded = ""
        if found == "\\" and cursor + 1 < line_end and source[cursor + 1] == char and char in ASCII_PUNCTUATION:
            step, decoded = 2, char
        elif found == "&" and (entity := ENTITY.match(source, cursor, line_end)):
            value = html.unescape(entity.group())
            if value != entity.group() and content.startswith(value, index):
                step, decoded = len(entity.group()), value
        if step:
            if literal_start < cursor:
                pieces.append(("literal", literal_start, source[literal_start:cursor]))
            pieces.append(("reference", cursor, cursor + step, decoded))
            cursor += step
            index += len(decoded)
            literal_start = cursor
            continue
        if found != char and not (found == "\0" and char == "\ufffd"):
            raise _Misaligned()
        cursor += 1
        index += 1
    if literal_start < cursor:
        pieces.append(("literal", literal_start, source[literal_start:cursor]))
    return cursor


def _closing_run(source: str, position: int, run: str, limit: int) -> int:
    """Where the backtick run that closes a code span starts."""
    while True:
        found = source.find(run, position, limit)
        if found < 0:
            raise _Misaligned()
        end = found
        while end < len(source) and source[end] == "`":
            end += 1
        if end - found == len(run):
            return found
        position = end


def _label_end(source: str, position: int, limit: int) -> int:
    """The ``]`` that closes a link label starting at ``position`` (nested brackets allowed)."""
    level = 1
    while position < limit:
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if char == "`":
            end = position
            while end < limit and source[end] == "`":
                end += 1
            try:
                position = _closing_run(source, end, source[position:end], limit) + end - position
            except _Misaligned:
                position = end
            continue
        if char == "[":
            level += 1
        elif char == "]":
            level -= 1
            if level == 0:
                return position
        position += 1
    raise _Misaligned()


def _skip_space(source: str, position: int, limit: int) -> int:
    while position < limit and source[position] in " \t\r\n":
        position += 1
    return position


def _link_tail(source: str, position: int, limit: int) -> int:
    """Skip a link's ``(destination "title")`` or ``[reference]`` after its text."""
    if source.startswith("(", position):
        inner = _skip_space(source, position + 1, limit)
        if source.startswith(")", inner):
            return inner + 1
        destination = parseLinkDestination(source, inner, limit)
        if destination.ok:
            inner = _skip_space(source, destination.pos, limit)
            title = parseLinkTitle(source, inner, limit)
            if title.ok:
                inner = _skip_space(source, title.pos, limit)
            if source.startswith(")", inner):
                return inner + 1
        return position
    if source.startswith("[", position):
        close = source.find("]", position + 1, limit)
        if close >= 0:
            return close + 1
    return position


def _would_join(before: _Node, after: _Node, after_line: str) -> bool:
    """Whether two top-level blocks with only blank lines between them would become one."""
    if before.kind in ("bullet_list", "ordered_list"):
        # Another list of the kind continues it; an indented block continues its last item.
        return after.kind == before.kind or after_line[:1] in (" ", "\t")
    return before.kind == after.kind == "code_block"
