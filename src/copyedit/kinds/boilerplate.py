"""``boilerplate``: scraped site chrome (share buttons, bylines, "Related stories" lists, menus),
removed as whole paragraphs or lines; all the kind's rules share one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

import regex

from ..document import OBJECT, spaces_after, spaces_before
from ..errors import RuleError
from ..index import non_ascii_characters
from ..literals import LiteralScan
from ..model import Applicability
from .base import REGEX_TIMEOUT, Context, Hit, Kind, Options, Origin, Pass, Rule, boolean, string_list, user_pattern
from .prefilter import ASCII_FOLD_KEYS, END, LiteralPrefilter, required_literals, required_starts

if TYPE_CHECKING:
    from ..markup.content import Judgement

KEYS = {
    "lines": False,
    "patterns": False,
    "max_length": False,
    "list_after": False,
    "list_min": False,
    "menu_share": False,
    "main_content": False,
    "edge_menu": False,
    "link_lines": False,
}


@dataclass(frozen=True, kw_only=True)
class BoilerplateOptions(Options):
    lines: tuple[str, ...] = ()  # whole lines, whatever their case
    patterns: tuple[str, ...] = ()  # patterns that match a whole line
    max_length: int = 300  # a longer line is never chrome
    list_after: int = 0  # up to this many title-like lines after one of the rule's lines go with it
    list_min: int = 0  # and a header of the rule is chrome only when at least this many follow it
    menu_share: float | None = None  # a list of which this share is chrome is a menu
    main_content: bool = False  # also remove what lies outside the article (HTML pages: the extractor's; text: jusText's)
    edge_menu: int = 0  # a run of at least this many title-case entries at the top or bottom is a menu
    link_lines: int = 0  # a line of at least this many links and nothing else is chrome


def parse(raw: Mapping[str, Any], origin: Origin) -> BoilerplateOptions:
    main_content = boolean(raw, "main_content", False)
    edge_menu = _count(raw, "edge_menu", 2)
    link_lines = _count(raw, "link_lines", 1)
    if not raw.get("lines") and not raw.get("patterns") and not main_content and not edge_menu and not link_lines:
        raise ValueError("a boilerplate rule needs 'lines', 'patterns', 'edge_menu', 'link_lines' or 'main_content: true'", "lines")
    lines = string_list(raw, "lines")
    patterns = string_list(raw, "patterns")
    if not origin.builtin:  # the shipped ones compile when first needed (80 patterns: 50 ms at every start)
        for pattern in patterns:
            user_pattern(pattern, "patterns", True)
    max_length = raw.get("max_length", 300)
    if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
        raise ValueError("'max_length' must be a number of characters, at least 1", "max_length")
    list_after = raw.get("list_after", 0)
    if not isinstance(list_after, int) or isinstance(list_after, bool) or not 0 <= list_after <= 50:
        raise ValueError("'list_after' must be a number of lines from 0 to 50", "list_after")
    list_min = raw.get("list_min", 0)
    if not isinstance(list_min, int) or isinstance(list_min, bool) or not 0 <= list_min <= list_after:
        raise ValueError("'list_min' must be a number of lines from 0 to 'list_after'", "list_min")
    menu_share = raw.get("menu_share")
    if menu_share is not None and (
        not isinstance(menu_share, (int, float)) or isinstance(menu_share, bool) or not 0 < menu_share <= 1
    ):
        raise ValueError("'menu_share' must be a share above 0 and at most 1 (e.g. 0.5)", "menu_share")
    return BoilerplateOptions(
        lines=lines,
        patterns=patterns,
        max_length=max_length,
        list_after=list_after,
        list_min=list_min,
        menu_share=menu_share,
        main_content=main_content,
        edge_menu=edge_menu,
        link_lines=link_lines,
    )


def _count(raw: Mapping[str, Any], key: str, least: int) -> int:
    value = raw.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not (value == 0 or least <= value <= 50):
        raise ValueError(f"'{key}' must be a number from {least} to 50 (or 0: off)", key)
    return value


def _options(rule: Any) -> BoilerplateOptions:
    options = rule.options
    assert isinstance(options, BoilerplateOptions)
    return options


def _takes(rule: Rule, stripped: str, format: str | None) -> bool:
    """Whether a rule may name a line chrome that is its own line or matches its pattern: a line no
    longer than its ``max_length``, in a document of one of its formats (None: any)."""
    return len(stripped) <= _options(rule).max_length and (format is None or format in rule.formats)


def _the_one(rules: Sequence[Rule], option: str) -> Rule | None:
    """The rule that sets ``option`` (menus, edge menus, link lines, the main content): one judge of
    each; a second would never be asked, so it is refused rather than left silent."""
    setting = [rule for rule in rules if getattr(_options(rule), option)]
    if len(setting) > 1:
        first, second = setting[:2]
        raise RuleError(
            second.path,
            None,
            second.code,
            f"'{option}' is set by {first.code} too, and one rule of a run decides it"
            f" (to change {first.code}'s fix safety or severity, set them in the configuration; or ignore {first.code})",
        )
    return setting[0] if setting else None


class BoilerplatePass(Pass):
    """Scraped site chrome: whole paragraphs (or, in plain text, whole lines) that are only chrome.

    ``lines`` match a whole line whatever its case; ``patterns`` must match a whole line too
    (ignoring case, unless a pattern says ``(?-i:...)``, e.g. for the capitals of a byline).
    A rule with ``list_after: N`` heads a list: up to N lines after one of its lines that read
    like link titles (:func:`is_list_item`), such as the headlines under "Related stories", go
    with it. The list ends at the first line of prose. A rule with ``menu_share: S`` names menus:
    a list (the lines of one block, or consecutive list items) of short entries of which at least
    the share S are chrome is a menu, and its other entries ("Credit Card Payments") go too.
    A line of parts joined by " | " or " • " is chrome when every part is.

    A rule with ``main_content: true`` brings in a judgement of where the article is. On whole
    HTML pages it is the extractor's (:mod:`copyedit.markup.content`): a block outside the article
    it finds is chrome of that rule, unless the page shows it is the article's all the same (its
    headline, a standfirst: :func:`~copyedit.markup.content.held_back`); a block the other rules
    name but the extractor puts inside the article is removed only as an unsafe fix, whatever its
    rule's fix safety: the two judgements together decide. In plain text it is jusText's paragraph classes (:mod:`copyedit.markup.text_content`),
    weaker evidence: only short paragraphs beyond chrome the other rules name (or a copyright line),
    away from the article, are chrome of that rule, and the other rules' verdicts stand.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._lines: dict[str, list[Rule]] = {}  # the rules that list each line, in rule order
        # Every pattern on its own, in rule order: the first that matches a whole line names it,
        # as the first branch of one alternation would. Each is compiled when a line first needs
        # it (a user rule's already was when it loaded, so regex's cache has it).
        self._patterns: list[tuple[str, Rule]] = []
        self._compiled: dict[int, regex.Pattern[str]] = {}
        # The longest line any rule takes: a longer one is no suspect; each rule then holds to its own.
        self._max_length = max(_options(rule).max_length for rule in rules)
        for rule in rules:
            for line in _options(rule).lines:
                self._lines.setdefault(normalise_line(line), []).append(rule)
            for pattern in _options(rule).patterns:
                self._patterns.append((pattern, rule))
        # The patterns worth trying on a line: those whose required literals it holds, and those that require none.
        self._prefilter = LiteralPrefilter([pattern for pattern, _ in self._patterns])
        self._gate = _LineGate(self._lines, [pattern for pattern, _ in self._patterns])
        self._menu_rule = _the_one(rules, "menu_share")
        self._edge_rule = _the_one(rules, "edge_menu")
        self._link_rule = _the_one(rules, "link_lines")
        # by format: the rule that removes what lies outside the article (one judge for HTML, one for text)
        self._content_rules = {
            format: judge
            for format in {format for rule in rules for format in rule.formats}
            if (judge := _the_one([rule for rule in rules if format in rule.formats], "main_content"))
        }

    def _pattern(self, index: int) -> regex.Pattern[str]:
        compiled = self._compiled.get(index)
        if compiled is None:
            compiled = self._compiled[index] = regex.compile(self._patterns[index][0], regex.IGNORECASE)
        return compiled

    def classify(self, line: str, whole: bool = True, format: str | None = None) -> Rule | None:
        """The rule that names ``line`` chrome, among those for documents of ``format`` (None: any).

        A rule for other formats never claims a line: BP116 (text and Markdown) taking "Trending
        Nationally" in an HTML page would keep BP120 from removing it, and then be dropped itself.
        """
        stripped = line.strip()
        if not stripped or len(stripped) > self._max_length:
            return None
        rule = self._listed(stripped, format)
        if rule is None and self._patterns:
            squeezed = squeeze_line(stripped)
            for index in sorted(self._prefilter.candidates(squeezed)):  # in rule order
                candidate = self._patterns[index][1]
                if not _takes(candidate, stripped, format):
                    continue
                if self._pattern(index).fullmatch(squeezed, timeout=REGEX_TIMEOUT, concurrent=False):
                    rule = candidate
                    break
        if rule is None and whole and _PART_SEPARATOR.search(stripped, concurrent=False):
            # "January 13, 2020 | Categories: Python | View Comments"
            verdicts = [self.classify(part, False, format) for part in _PART_SEPARATOR.split(stripped)]
            if all(verdicts):
                rule = verdicts[0]
        return rule

    def classify_lines(self, lines: Sequence[str], format: str | None = None) -> dict[int, Rule]:
        """What :meth:`classify` says of ``lines``, by line number, for the lines it names chrome; at a
        cost that grows with the lines that may be chrome (:class:`_LineGate`), hardly with the others."""
        if len(lines) <= 2:  # the gate's own cost is worth it from a few lines on
            return {number: rule for number, line in enumerate(lines) if (rule := self.classify(line, format=format))}
        limit = self._max_length
        read = lines
        if max(map(len, lines), default=0) > limit:  # a line too long to be chrome is no suspect
            read = ["" if len(line) > limit and len(line.strip()) > limit else line for line in lines]
        suspects = self._gate.suspects("\n".join(read))
        if suspects is None:
            suspects = dict.fromkeys(range(len(lines)))
        verdicts = {}
        for number, marks in sorted(suspects.items()):
            if marks is None:
                verdict = self.classify(lines[number], format=format)
            else:
                verdict = self._classify_marked(lines[number], marks, format)
            if verdict is not None:
                verdicts[number] = verdict
        return verdicts

    def _classify_marked(self, line: str, marks: set[int], format: str | None) -> Rule | None:
        """:meth:`classify` of a line that folds as it lowers, without a part separator, knowing what the gate
        found on it: it is read as a rule's line only when the gate saw one, and only the patterns
        that the gate saw a start or a literal of are tried (in rule order: any other cannot match)."""
        stripped = line.strip()
        if not stripped or len(stripped) > self._max_length:
            return None
        if LINE in marks:
            rule = self._listed(stripped, format)
            if rule is not None:
                return rule
            marks = marks - {LINE}
        if not marks:
            return None
        squeezed = squeeze_line(stripped)
        for index in sorted(marks):
            candidate = self._patterns[index][1]
            if not _takes(candidate, stripped, format):
                continue
            if self._pattern(index).fullmatch(squeezed, timeout=REGEX_TIMEOUT, concurrent=False):
                return candidate
        return None

    def _listed(self, stripped: str, format: str | None) -> Rule | None:
        """The first rule that lists the line and takes it."""
        return next((rule for rule in self._lines.get(normalise_line(stripped), ()) if _takes(rule, stripped, format)), None)

    def preload(self) -> None:
        self._prefilter.prepare()
        self._gate.prepare()
        if "html" in self._content_rules:  # whole pages are judged by the extractor (a page's source is read by it too)
            from ..markup import content

            content.preload()

    def run(self, doc: Any, context: Context) -> Iterator[Hit]:
        text = doc.text
        limit = self._max_length * 4
        # Per block: its text; None for a block too long to be chrome, for a table cell (removing one would
        # move the cells after it to the wrong column) and for a page's <title> (its headline: "Related
        # stories" there names the page, it links to no other).
        read = [None if end - start > limit or kind in _KEPT_BLOCKS else text[start:end] for start, end, kind in doc.blocks]
        # A hard-wrapped paragraph (wire copy, e-mail, Markdown at 80 columns) is one line to the rules: its line
        # feeds read as spaces, the same length, so offsets stay (its lines are no titles or menu entries, and a
        # chrome paragraph so wrapped, "© 2023 Deutsche Welle …\nis protected by copyright", goes whole).
        read = [own.replace("\n", " ") if own is not None and "\n" in own and _wrapped(own.split("\n")) else own for own in read]
        kept_texts = [own for own in read if own is not None]
        # All the lines are classified at once: the kept blocks' lines, split from their texts joined.
        lines = "\n".join(kept_texts).split("\n") if kept_texts else []
        placeholders = OBJECT in text
        if placeholders:
            # An icon's place in markup (an <svg>) is no word of the line it is on: "￼ Share on Facebook"
            # is a share button (see _all_chrome for a line of nothing else). One that punctuation follows or
            # a bracket opens is a word of a sentence (Markdown's code "See also: `x()`." is "See also: ￼."):
            # it stays, and the line is no bare "See also".
            lines = [_ICON.sub(" ", line) for line in lines]
        if doc.format == "text" and ("- " in text or "* " in text or "• " in text):
            # A list item of plain text is read without its mark, as Markdown's and HTML's are ("- Leave a
            # Reply", as trafilatura writes a page's list items); its removal takes the mark with it.
            lines = [_TEXT_LIST_MARK.sub("", line) for line in lines]
        verdicts = self.classify_lines(lines, doc.format)
        kinds = [kind for _, _, kind in doc.blocks]
        marks_text = doc.format in ("text", "markdown")
        judgement = self._judgement(doc)
        # A menu at an edge is list items, or a block of edge_menu lines at least: that many lines in one
        # block make the lines outnumber the blocks by edge_menu - 1 or more (news and MT: a line a block).
        may_mark = marks_text and (
            self._link_rule is not None and _has_link_mark(text if doc.format == "text" else doc.source)
            or self._edge_rule is not None
            and ("list-item" in kinds or len(lines) - len(kept_texts) >= _options(self._edge_rule).edge_menu - 1)
        )
        if not verdicts and not may_mark and judgement is None and "\xa9" not in text:
            return  # nothing named, nothing to mark, no article to judge and no page's edge (see below): most documents
        # Per block: its lines and what each is (None: prose); None for a block no rule reads.
        blocks: list[tuple[list[str], list[Rule | None]] | None] = [
            None if own is None else ((own_lines := own.split("\n")), [None] * len(own_lines)) for own in read
        ]
        kept = [entry for entry in blocks if entry is not None]
        if verdicts:
            firsts = list(accumulate(len(own) for own, _ in kept))
            for number, rule in verdicts.items():
                index = bisect_right(firsts, number)
                kept[index][1][number - (firsts[index - 1] if index else 0)] = rule
        chrome = bool(verdicts)
        if self._link_rule is not None and marks_text:
            chrome = mark_link_lines(doc, blocks, self._link_rule) or chrome
        if chrome:  # a list has a header, a menu a known entry: neither without chrome
            extend_lists(blocks)
            if self._menu_rule is not None:
                mark_menus(kinds, blocks, self._menu_rule)
        if self._edge_rule is not None and marks_text:
            chrome = mark_edge_menus(kinds, blocks, self._edge_rule) or chrome
        # (a copyright sign marks a page's edge as well as chrome named: see outside_article)
        outside = self._outside_text(doc, blocks, context.language) if chrome or "\xa9" in text else set()
        numbers: Iterable[int] = range(len(blocks))
        if judgement is None:  # only a block with chrome in it gives a hit
            if not chrome and not outside:
                return
            numbers = [number for number, entry in enumerate(blocks) if number in outside or entry is not None and any(entry[1])]
        whole = [
            entry is not None and (_all_chrome(*entry) or _all_chrome(*entry, icons_only=True) and _icons_only(doc, number))
            for number, entry in enumerate(blocks)
        ]
        tail = len(whole)  # the first block of the run of chrome blocks that ends the document
        while tail > 0 and (whole[tail - 1] or tail - 1 in outside):
            tail -= 1
        closing: list[Hit] = []  # the removals of the closing run's blocks
        for number in numbers:
            block, entry = doc.blocks[number], blocks[number]
            if block.kind == "title":
                continue
            if judgement is not None and not whole[number] and not judgement.in_article[number] and block.kind != "table-cell":
                if not judgement.held[number]:  # out of the extractor's article, but the page shows it is the article's
                    yield Hit(block.start, block.end, "", block=number, rule=self._content_rules["html"])
                continue
            if number in outside:
                rule = self._content_rules["text"]
                if number >= tail:  # as for the closing run below
                    closing.append(_closing_removal(doc, number, rule, None))
                else:
                    yield Hit(block.start, block.end, "", block=number, rule=rule)
                continue
            if entry is None:
                continue
            lines, line_verdicts = entry
            named = next((verdict for verdict in line_verdicts if verdict is not None), None)  # the rule of its first chrome line
            # A line named with an icon's place read as a space is more than the rule's evidence covers
            # (a heading's anchor icon: "￼See also" in a README): its removal is unsafe whatever the rule's.
            guessed = placeholders and any(verdict is not None and OBJECT in line for line, verdict in zip(lines, line_verdicts))
            sure = Applicability.UNSAFE if guessed else None
            if judgement is not None and whole[number] and judgement.in_article[number]:
                # The rules name it, the extractor reads it as part of the article: not sure.
                yield Hit(block.start, block.end, "", block=number, rule=named, applicability=Applicability.UNSAFE)
            elif whole[number] and doc.format == "text" and number >= tail:
                closing.append(_closing_removal(doc, number, named, sure))
            elif whole[number]:
                yield Hit(block.start, block.end, "", block=number, rule=named, applicability=sure)
            elif any(line_verdicts):
                # the first line's indent and the spaces after the last are the lines', and go with them
                start = spaces_before(text, block.start)
                yield from _line_removals(start, text[start : spaces_after(text, block.end)].split("\n"), line_verdicts, sure)
        yield from _together(closing, len(text)) if tail == 0 else closing

    def _judgement(self, doc: Any) -> Judgement | None:
        """How the extractor reads the blocks (:func:`copyedit.markup.content.judge`); None when it does not judge
        (no ``main_content`` rule for HTML, not a whole HTML page, or no article found in it)."""
        if doc.format != "html" or "html" not in self._content_rules:
            return None
        from ..markup import content  # the extractor, only for HTML (19 ms at every start)

        return content.judge(doc)

    def _outside_text(self, doc: Any, blocks: Sequence[tuple[list[str], list[Rule | None]] | None], language: str) -> set[int]:
        """The plain-text paragraphs outside the article (:func:`~copyedit.markup.text_content.outside_article`)
        that no rule names chrome in part or whole; none without a ``main_content`` rule for text."""
        if doc.format != "text" or "text" not in self._content_rules:
            return set()
        from ..markup.text_content import outside_article

        named = [number for number, entry in enumerate(blocks) if entry is not None and any(entry[1])]
        text = doc.text
        found = outside_article([text[block.start : block.end] for block in doc.blocks], language, named)
        return {number for number in found if (entry := blocks[number]) is not None and not any(entry[1])}


def _closing_removal(doc: Any, number: int, rule: Rule | None, sure: Applicability | None) -> Hit:
    """The removal of a block of the closing run of plain text: each goes with the blank lines before it, so that
    the removals do not overlap (a list would lose its context before the next pass); its lines go whole, with
    the spaces after the last, and the line before keeps its own.

    >>> from copyedit.document import PlainDocument
    >>> doc = PlainDocument("Prose.  \\n\\nShare  \\n\\nTweet")
    >>> [(hit.edit_start, hit.edit_end) for hit in (_closing_removal(doc, 1, None, None), _closing_removal(doc, 2, None, None))]
    [(8, 17), (17, 24)]
    """
    text, block = doc.text, doc.blocks[number]
    before = spaces_after(text, doc.blocks[number - 1].end) if number else block.start
    return Hit(
        block.start, block.end, "", title="Remove this paragraph", rule=rule, edit_start=before,
        edit_end=spaces_after(text, block.end), applicability=sure,
    )


def _together(removals: list[Hit], length: int) -> list[Hit]:
    """The removals of a text's blocks when every block is chrome: they go together or not at all, as sure as the
    least sure of them once the configuration has had its say (the engine decides, :attr:`Hit.together`), since the
    first block has no blank lines before it to take (a block left standing after it went would start the text with
    the blank lines that parted them); the first takes the blank lines before it and the last the line breaks after
    it, so that not even a blank line is left.

    >>> hits = _together([Hit(1, 8, "", edit_start=1), Hit(10, 23, "", edit_start=8)], 24)
    >>> [(hit.together, hit.edit_start, hit.edit_end) for hit in hits]
    [(True, 0, None), (True, 8, 24)]
    """
    together = [replace(hit, together=True) for hit in removals]
    if together:
        together[0] = replace(together[0], edit_start=0)
        together[-1] = replace(together[-1], edit_end=length)
    return together


def _line_removals(start: int, lines: Sequence[str], verdicts: Sequence[Rule | None], sure: Applicability | None) -> Iterator[Hit]:
    """The removals of a paragraph's chrome lines, the paragraph around them kept: a line goes with the line
    break after it, and a line of the run that ends the paragraph with the one before it (the paragraph has a
    line of prose before that run), so that no blank line is left where the line was. Each is reported on the
    line's words, without the spaces or tabs around them (an HTML element's source lines keep their indent).

    >>> from types import SimpleNamespace
    >>> share = SimpleNamespace(code="BP103")
    >>> removals = _line_removals(0, ["Share", "Talks ended.", "Tweet", "Like"], [share, None, share, share], None)
    >>> [(hit.edit_start, hit.start, hit.end, hit.edit_end) for hit in removals]
    [(0, 0, 5, 6), (18, 19, 24, 24), (24, 25, 29, 29)]
    >>> [(hit.edit_start, hit.start, hit.end, hit.title) for hit in _line_removals(0, ["Talks ended.\\r", "\\tTweet "], [None, share], None)]
    [(12, 15, 20, 'Remove “Tweet”')]
    """
    last_prose = max(number for number, verdict in enumerate(verdicts) if verdict is None)
    offset = start
    for number, (line, verdict) in enumerate(zip(lines, verdicts)):
        if verdict is not None:
            words = line.strip()
            first = offset + len(line) - len(line.lstrip())
            if number < last_prose:  # the line and the line break after it
                edit_start, edit_end = offset, offset + len(line) + 1
            else:  # from the end of the line before it ("\r\n" or "\n" between them) to its own end but a "\r"
                edit_start, edit_end = offset - 1 - lines[number - 1].endswith("\r"), offset + len(line) - line.endswith("\r")
            yield Hit(
                first, first + len(words), "", title=f"Remove “{words}”", rule=verdict,
                edit_start=edit_start, edit_end=edit_end, applicability=sure,
            )
        offset += len(line) + 1


def _all_chrome(lines: Sequence[str], verdicts: Sequence[Rule | None], icons_only: bool = False) -> bool:
    """Whether a block is chrome through and through: a rule names every line of it but the blank ones
    (an element's source lines between its tags), and at least one. With ``icons_only`` (its
    placeholders stand for icons, nothing its removal must not take), a line of placeholders is blank too.

    >>> from types import SimpleNamespace
    >>> share = SimpleNamespace(code="BP103")
    >>> _all_chrome(["Share", "  ", "Tweet"], [share, None, share]), _all_chrome(["", " "], [None, None])
    (True, False)
    >>> _all_chrome([OBJECT, "Share"], [None, share]), _all_chrome([OBJECT, "Share"], [None, share], icons_only=True)
    (False, True)
    >>> _all_chrome(["Share", "The talks ended."], [share, None])
    False
    """
    return any(verdicts) and all(
        verdict is not None or not (line.replace(OBJECT, "") if icons_only else line).strip()
        for line, verdict in zip(lines, verdicts)
    )


# Blocks no rule removes: a table cell, and a page's <title>.
_KEPT_BLOCKS = frozenset({"table-cell", "title"})


def _icons_only(doc: Any, block: int) -> bool:
    """Whether an HTML block's placeholders stand for icons, scripts or styles only (no code) and it can be
    removed: whole, or its text alone when a script stands in it (the script stays). Not for Markdown, whose
    placeholders are code spans and images of the article."""
    return bool(
        doc.format == "html"
        and doc.stands_for_icons(block, scripts=True)
        and (doc.removal_span(block) is not None or doc.text_removal_spans(block) is not None)
    )


# Whitespace but the line break, as str.split() reads it (tests/test_boilerplate_prefilter.py checks
# it against str.isspace): a run of it that is not one space, and the rest of it.
_ODD_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {_ODD_SPACES}]{{2,}}|[{_ODD_SPACES}]")
_ASCII_ODD_SPACES, _BEYOND_ASCII_ODD_SPACES = _ODD_SPACES[:8], _ODD_SPACES[8:]
# The part separators (see _PART_SEPARATOR).
_SEPARATORS = "|\u2022\u00b7"


# In what the gate finds on a line: a rule's line may be read in it (any other number: a pattern's).
LINE = -1


class _LineGate:
    """Which lines of a document may be chrome, and by which patterns, found for all its lines in a
    few passes of C code.

    A line is chrome by a rule's ``lines`` when it reads as one of them (:func:`normalise_line`), and by
    a rule's ``patterns`` when one of them matches it whole (:func:`squeeze_line`), which it cannot
    without starting with one of the strings that the pattern's matches start with
    (:func:`required_starts`) or, when those are not known, holding one of its required literals. A line
    that folds as it lowers reads, to both, as itself lower-cased, with its spaces squeezed and some punctuation
    taken off its end. The gate writes every line so, but for that punctuation, after a line break,
    and finds in one scan (:class:`~copyedit.literals.LiteralScan`) the lines that start with a rule's
    line or a pattern's start (a line break before it), or hold a pattern's literal: the part of it
    before :data:`END`, since the line's end may be written with the punctuation. Each string is
    looked for itself, also one that holds another: looked for through the other, it would mark every
    line with the other with its patterns too ("already" holds BP105's "read", not "\\nread more"), and
    on MT output four times as many patterns were tried in vain. Lines whose case folds otherwise
    than it lowers (:func:`_folds_as_lowered`) and lines with a part separator (each part may be
    chrome) are read whole; when a pattern has no literals at all, every line is.
    """

    def __init__(self, lines: Iterable[str], patterns: Sequence[str]) -> None:
        marks: dict[str, set[int]] = {}
        for line in lines:
            marks.setdefault("\n" + line, set()).add(LINE)
        self._every_line = False
        for index, pattern in enumerate(patterns):
            starts = required_starts(pattern)
            literals = required_literals(pattern) if starts is None else {"\n" + start for start in starts}
            if literals is None:
                self._every_line = True
                continue
            for literal in sorted(literals):  # the same scan in every process: its database is kept (kept_database)
                marks.setdefault(literal.split(END, 1)[0], set()).add(index)
        self._every_line |= "" in marks or "\n" in marks
        kept = [key for key in marks if key]
        self._scan = LiteralScan(kept)
        self._marks = [frozenset(marks[key]) for key in kept]

    def prepare(self) -> None:
        """See :meth:`copyedit.literals.LiteralScan.prepare`."""
        self._scan.prepare()

    def suspects(self, text: str) -> dict[int, set[int] | None] | None:
        """The numbers of the lines of ``text`` that may be chrome, each with what may make it chrome
        (:data:`LINE`, patterns' indexes), or None for a line to read whole; None: read every line whole."""
        if self._every_line:
            return None
        suspects: dict[int, set[int] | None] = {}
        ascii = text.isascii()
        # Its characters beyond ASCII, once: asked for odd spaces and for lines to read whole, they answer for
        # the whole text at once (a scan of text beyond Latin-1 for each of 20 odd spaces cost more than this).
        beyond = "" if ascii else non_ascii_characters(text)
        if self._scan.literals:
            written = "\n" + text.lower()
            if (
                "  " in written
                or any(space in written for space in _ASCII_ODD_SPACES)
                or beyond and any(space in beyond for space in _BEYOND_ASCII_ODD_SPACES)
            ):  # a regex scan costs 5 times more
                written = _SPACES.sub(" ", written)
            written = written.replace("\n ", "\n")
            line, seen = -1, 0
            marks = self._marks
            for end, key in self._scan.occurrences(written):
                line += written.count("\n", seen, end)
                seen = end
                found = suspects.get(line)
                if found is None:
                    suspects[line] = set(marks[key])
                else:
                    found |= marks[key]
        # Only a line with one of the characters that may make it so is asked whether to read it whole.
        risky = [char for char in beyond if _read_whole(char)] if beyond else []
        if "|" in text:
            risky.append("|")
        for number, each in enumerate(text.split("\n") if risky else ()):
            if any(char in each for char in risky) and (any(char in each for char in _SEPARATORS) or not _folds_as_lowered(each)):
                suspects[number] = None
        return suspects


def _read_whole(char: str) -> bool:
    """Whether a line with ``char`` in it may be one the gate reads whole: a part separator, or a character
    that does not fold as it lowers (:func:`_folds_as_lowered`); "Σ" lowers by where it stands in a word.
    Both folding and lowering map character by character otherwise, so a line free of such characters and of "|"
    is not read whole.

    >>> [_read_whole(char) for char in "“é•ßıΣ"]
    [False, False, True, True, True, True]
    """
    return char in _SEPARATORS or char == "Σ" or not _folds_as_lowered(char)


def _folds_as_lowered(line: str) -> bool:
    """Whether ``line`` reads, lower-cased, as :func:`normalise_line` (case folding) and the prefilter
    (:func:`~copyedit.kinds.prefilter.fold_for_prefilter`) read it: not so with "ß", final "ς" or "ı".

    >>> _folds_as_lowered("Ölçek “Related” — café"), _folds_as_lowered("STRASSE Straße"), _folds_as_lowered("Kasım")
    (True, False, False)
    """
    return line.casefold() == line.lower() and not any(char in line for char in ASCII_FOLD_KEYS)


# A placeholder that stands where an icon would: not one a word's punctuation follows, nor one a bracket opens
_ICON = regex.compile(r"(?<![(\[“\"'])" + OBJECT + r"(?![.,;:!?)\]”\"'])")

# A list item is at most this long: link titles are short, paragraphs of prose are not.
LIST_ITEM_MAX = 150
# Prose ends a sentence with a full stop (an ellipsis closes a cut-off title instead), a colon or a
# semicolon; a title ends with a word, a question or an exclamation.
_SENTENCE_END = regex.compile(r"(?<![.…])[.:;][\"'’”)\]]*\Z")


def is_list_item(line: str) -> bool:
    """Whether a line reads like the title of a linked page rather than a sentence of prose.

    >>> is_list_item("Hoarding and price-gouging send mask prices soaring in Japan")
    True
    >>> is_list_item("Police in Schools Continue to Target Black Students...")
    True
    >>> is_list_item("The incident has occurred at a time when Japan is short of masks.")
    False
    """
    stripped = line.strip()
    return 0 < len(stripped) <= LIST_ITEM_MAX and not _SENTENCE_END.search(stripped)


def extend_lists(blocks: Sequence[tuple[list[str], list[Rule | None]] | None]) -> None:
    """Mark the lists that ``list_after`` rules head, in place: after a heading line, up to
    ``list_after`` title-like lines become chrome of the same rule. Chrome lines (a date, a
    byline) inside the list neither end it nor count; a line of prose or a long block ends it.

    >>> from types import SimpleNamespace
    >>> related = SimpleNamespace(options=BoilerplateOptions(lines=("Related stories",), list_after=2))
    >>> blocks = [(["Related stories"], [related]), (["One title", "Two title", "Three title"], [None] * 3)]
    >>> extend_lists(blocks)
    >>> blocks[1][1] == [related, related, None]
    True
    """
    header: Rule | None = None
    remaining = 0
    # The header's place and the items given to it, for a rule that heads only lists of at
    # least ``list_min`` items (else the header is some other line that starts alike).
    opened: list[tuple[list[Rule | None], int]] = []

    def close() -> None:
        if header is not None and len(opened) <= _options(header).list_min:
            for verdicts, index in opened:
                verdicts[index] = None
        opened.clear()

    for entry in blocks:
        if entry is None:
            close()
            header = None
            continue
        lines, verdicts = entry
        if header is None and not any(verdicts):
            continue  # no list is open, and none opens here
        for index, (line, verdict) in enumerate(zip(lines, verdicts)):
            if verdict is not None:
                if _options(verdict).list_after:
                    close()
                    header, remaining = verdict, _options(verdict).list_after
                    opened.append((verdicts, index))
            elif header is not None and remaining > 0 and is_list_item(line):
                verdicts[index] = header
                opened.append((verdicts, index))
                remaining -= 1
            elif line.strip():
                close()
                header = None
    close()


def _wrapped(lines: Sequence[str]) -> bool:
    """Whether a block is a hard-wrapped paragraph (wire copy, e-mail, Markdown at 80 columns): one of its lines
    runs on into the next (:func:`_runs_on`). Such a paragraph is prose, whose lines can each read like a title
    ("The ministry said the troops would stay. If the"); a list of titles starts each line anew, and a list of
    networks in lower case ("facebook", "twitter") is no prose.

    >>> _wrapped(["Talks end in Astana", "Oil prices fall"]), _wrapped(["facebook", "twitter", "flipboard"])
    (False, False)
    >>> _wrapped(["The ministry said the troops would stay until May. If the", "protests resume, they stay on."])
    True
    """
    return any(_runs_on(previous, line) for previous, line in zip(lines, lines[1:]))


def _runs_on(previous: str, line: str) -> bool:
    r"""Whether ``line`` goes on with the sentence ``previous`` leaves unfinished: ``previous`` reads as a line of
    English prose (no sentence end at its end; four words or more, one of them a word sentences are made of) and
    ``line`` ends that sentence with a full stop ("…were unavailable for\ncomment."), or ``previous`` cannot end there
    (on such a word: "…from Fukui Prefecture on\nInstagram"); or ``previous`` reads as prose more surely (six words or
    more, two of them such words) and ``line`` starts in lower case. A menu's line is no prose ("help Reddit App
    Reddit coins Reddit premium"), and a title ends with no full stop. (Looser tests joined the lines of
    related-story lists on real pages: measured with benchmarks/accuracy_boilerplate.py.)

    >>> _runs_on("The delegates left the hall after the vote and went", "home"), _runs_on("Join", "help")
    (True, False)
    >>> _runs_on("help Reddit App Reddit coins Reddit premium Reddit gifts", "about careers press")
    False
    >>> _runs_on("Lokomotiv's Krychowiak published a new post on", "Twitter."), _runs_on("Hoarding sends mask prices soaring in Japan", "Oil falls")
    (True, False)
    """
    stripped = previous.rstrip()
    if _ENDS_SENTENCE.search(stripped):
        return False
    words = stripped.lower().split()
    function_words = sum(word in _FUNCTION_WORDS for word in words)
    if len(words) >= 4 and function_words and (_FULL_STOP.search(line.rstrip()) or words[-1] in _FUNCTION_WORDS):
        return True  # the sentence's end ("…were unavailable for\ncomment."): no title ends so
    return len(words) >= 6 and function_words >= 2 and line.lstrip()[:1].islower()


# A line that ends a sentence or opens a list: its next line starts anew
_ENDS_SENTENCE = regex.compile(r"[.!?:;…][\"'’”)\]]*\Z")
_FULL_STOP = regex.compile(r"(?<![.…])\.[\"'’”)\]]*\Z")
# Words English prose is made of, and a menu or a list of titles seldom has two of
_FUNCTION_WORDS = frozenset(
    "the a an of to in and or that for on with was were is are as by at from he she they it its his her their "
    "said says would will has have had be been not but this which who".split()
)


_PART_SEPARATOR = regex.compile(r"\s+[|•·]\s+")
# A menu has at least this many entries, and its entries that are not known chrome are this short.
MENU_MIN_ENTRIES = 3
MENU_ENTRY_MAX = 40


def mark_menus(kinds: Sequence[str], blocks: Sequence[tuple[list[str], list[Rule | None]] | None], rule: Rule) -> None:
    """Mark menus as chrome of ``rule``, in place: a list (the lines of one block, or the
    consecutive blocks of kind ``list-item``) of at least MENU_MIN_ENTRIES entries, a share of at
    least ``menu_share`` of them chrome already and the rest short titles, is all chrome.

    >>> from types import SimpleNamespace
    >>> nav = SimpleNamespace(options=BoilerplateOptions(lines=("About us",)))
    >>> menu = SimpleNamespace(options=BoilerplateOptions(lines=("Site map",), menu_share=0.5))
    >>> footer = (["About us", "Careers", "Credit Card Payments", "Site map"], [nav, nav, None, nav])
    >>> prose = (["The talks ended.", "Careers", "About us"], [None, nav, nav])
    >>> mark_menus(["paragraph", "paragraph"], [footer, prose], menu)
    >>> footer[1][2] is menu, prose[1][0]
    (True, None)
    """
    share = _options(rule).menu_share or 1
    lists: list[list[tuple[list[str], list[Rule | None], int]]] = []
    previous_item = False
    for kind, entry in zip(kinds, blocks):
        is_item = entry is not None and kind == "list-item"
        # A block of fewer lines than a menu has entries is no menu, nor part of one unless it is a list item.
        if entry is not None and (is_item or len(entry[0]) >= MENU_MIN_ENTRIES):
            lines, verdicts = entry
            # a line of placeholders alone is no entry: an icon, or a script the menu must not take
            entries = [(lines, verdicts, index) for index, line in enumerate(lines) if line.replace(OBJECT, "").strip()]
            if is_item and previous_item:
                lists[-1].extend(entries)
            else:
                lists.append(entries)
        previous_item = is_item
    for entries in lists:
        if len(entries) < MENU_MIN_ENTRIES:
            continue
        known = sum(verdicts[index] is not None for _, verdicts, index in entries)
        short = all(
            verdicts[index] is not None or len(lines[index].strip()) <= MENU_ENTRY_MAX and is_list_item(lines[index])
            for lines, verdicts, index in entries
        )
        if short and known >= share * len(entries):
            for _, verdicts, index in entries:
                if verdicts[index] is None:
                    verdicts[index] = rule


# Words a title-case menu entry may keep in lower case ("Terms of Use", "Sport and Leisure").
_SMALL_WORDS = frozenset("a an and as at by de for from in into of on or per the to via vs with & + -".split())
_BULLET = regex.compile(r"\A[-*•·+>|–—]+\s*")
# A plain-text list item's mark: a dash, an asterisk or a bullet and a space at the line's start.
_TEXT_LIST_MARK = re.compile(r"\A[ \t]*[-*•][ \t]+")
# A date, a time or a byline is the article's, not a menu entry: it ends a run.
_NOT_AN_ENTRY = regex.compile(
    r"\A(?:by|posted|updated|published)\b|\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.]\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d",
    regex.IGNORECASE,
)


def is_menu_entry(line: str) -> bool:
    """Whether a line reads like an entry of a site's menu: short, in title case (or capitals),
    no sentence, no date and no byline.

    >>> [is_menu_entry(line) for line in ("Terms of Use", "WORLD NEWS", "Submit A News Tip", "• Sport")]
    [True, True, True, True]
    >>> [is_menu_entry(line) for line in ("The talks ended.", "Talks ended on Friday", "By Alex Bozarjian", "May 4, 2021")]
    [False, False, False, False]
    """
    stripped = _BULLET.sub("", line.strip())
    if not 0 < len(stripped) <= MENU_ENTRY_MAX or not is_list_item(stripped) or _NOT_AN_ENTRY.search(stripped):
        return False
    words = stripped.split()
    if len(words) > 6 or not any(char.isalpha() for char in stripped):
        return False
    capitalised = 0
    for word in words:
        first = next((char for char in word if char.isalnum()), "")
        if first.isalpha() and first.isupper() or first.isdigit():
            capitalised += first.isalpha()
        elif word.casefold() not in _SMALL_WORDS and not any(char.isupper() for char in word):
            return False
    return capitalised > 0


def _is_prose(line: str, verdict: Rule | None) -> bool:
    return verdict is None and bool(line.strip()) and not is_list_item(line)


def mark_edge_menus(
    kinds: Sequence[str], blocks: Sequence[tuple[list[str], list[Rule | None]] | None], rule: Rule, *, shortcut: bool = True
) -> bool:
    """Mark the menus at the edges of an article as chrome of ``rule``, in place (and say whether it
    marked any): before its first line of prose or after its last, a list (the lines of one block,
    or consecutive list items) of at least ``edge_menu`` entries, every one a title-case entry
    (:func:`is_menu_entry`) or chrome already, is a menu. A headline or a subhead stands alone (a blank line around it),
    so it is never such a list, nor is a list with one entry of another shape ("Two eggs"); a
    document without prose is left alone (where its article is, nobody can say). With ``shortcut``, a document
    with no list items and no block of ``edge_menu`` lines (news, MT: a line a paragraph) is not read: it has no menu.

    >>> from types import SimpleNamespace
    >>> edge = SimpleNamespace(options=BoilerplateOptions(edge_menu=3))
    >>> top = (["Home", "World", "Business", "Sport"], [None] * 4)
    >>> headline = (["Talks End in Astana"], [None])
    >>> prose = (["The talks ended on Friday, the ministry said."], [None])
    >>> middle = (["Oil", "Gas", "Coal"], [None] * 3)
    >>> recipe = (["Two eggs", "Flour", "Milk", "Salt"], [None] * 4)
    >>> mark_edge_menus(["paragraph"] * 6, [top, headline, prose, middle, prose, recipe], edge)
    True
    >>> top[1] == [edge] * 4, headline[1], middle[1], recipe[1]
    (True, [None], [None, None, None], [None, None, None, None])
    """
    least = _options(rule).edge_menu
    if shortcut and "list-item" not in kinds and all(entry is None or len(entry[0]) < least for entry in blocks):
        return False  # each list is one block, and none has lines enough for a menu (news and MT: a line a paragraph)
    # The lists in document order, each as its blocks: one block, or a run of list items.
    lists: list[list[int]] = []
    if "list-item" in kinds:
        previous_item = False
        for b, (kind, entry) in enumerate(zip(kinds, blocks)):
            is_item = entry is not None and kind == "list-item"
            if is_item and previous_item:
                lists[-1].append(b)
            else:
                lists.append([b])
            previous_item = is_item
    else:
        lists = [[b] for b in range(len(blocks))]

    def holds_prose(number: int) -> bool:
        for b in lists[number]:
            entry = blocks[b]
            if entry is None or kinds[b] == "table-cell" or any(map(_is_prose, entry[0], entry[1])):
                return True
        return False

    # Only the lists before the first that holds prose and after the last are looked at.
    first = next((number for number in range(len(lists)) if holds_prose(number)), None)
    if first is None:
        return False
    marked = False
    last = next(number for number in reversed(range(len(lists))) if holds_prose(number))
    for number in [*range(first), *range(last + 1, len(lists))]:
        entries = [(b, i) for b in lists[number] for i, line in enumerate(blocks[b][0]) if line.strip()]  # type: ignore[index]
        if len(entries) < least:
            continue
        shapes = [(blocks[b][0][i], blocks[b][1][i], kinds[b]) for b, i in entries]  # type: ignore[index]
        known = sum(verdict is not None for _, verdict, _ in shapes)
        if len(entries) - known >= 2 and all(
            verdict is not None or kind != "heading" and is_menu_entry(line) for line, verdict, kind in shapes
        ):
            for b, i in entries:
                verdicts = blocks[b][1]  # type: ignore[index]
                verdicts[i] = verdicts[i] or rule
            marked = True
    return marked


# A link: [text](target) in Markdown, or a bare address.
_LINK = r"(?:!?\[[^\]\n]{0,200}\]\([^)\s]{1,500}(?:\s+\"[^\"]{0,100}\")?\)|(?:https?://|www\.)[^\s<>|]{2,500})"
_LINK_LINE = regex.compile(rf"(?:[-*+•·]\s+)?{_LINK}(?:\s*[|•·,/–—-]?\s*{_LINK})*\s*[|•·]?")


def _has_link_mark(text: str) -> bool:
    """Whether ``text`` may hold a link (:data:`_LINK`): each has "[", "http" or "www.".

    >>> _has_link_mark("[Talks](https://a.example/1)"), _has_link_mark("www.a.example"), _has_link_mark("Talks ended.")
    (True, True, False)
    """
    return "[" in text or "http" in text or "www." in text


def mark_link_lines(doc: Any, blocks: Sequence[tuple[list[str], list[Rule | None]] | None], rule: Rule) -> bool:
    """Mark the lines made of links and nothing else (at least ``link_lines`` of them) as chrome
    of ``rule``, in place; in Markdown the line's source is what counts (its text is only the
    links' words). Whether it marked any.

    >>> from copyedit.document import PlainDocument
    >>> from types import SimpleNamespace
    >>> links = SimpleNamespace(options=BoilerplateOptions(link_lines=2))
    >>> doc = PlainDocument("Talks ended.\\nhttps://a.example/1 | https://a.example/2")
    >>> blocks = [(doc.text.split("\\n"), [None, None])]
    >>> mark_link_lines(doc, blocks, links)
    True
    >>> blocks[0][1] == [None, links]
    True
    """
    least = _options(rule).link_lines
    marked = False
    if not _has_link_mark(doc.text if doc.format == "text" else doc.source):
        return marked
    for block, entry in zip(doc.blocks, blocks):
        if entry is None:
            continue
        lines, verdicts = entry
        offset = block.start
        for index, line in enumerate(lines):
            source = line
            if doc.format != "text" and line.strip():
                span = doc.enclosing_span(offset, offset + len(line))
                start = doc.source.rfind("\n", 0, span.start) + 1
                end = doc.source.find("\n", span.end)
                source = doc.source[start : end if end >= 0 else len(doc.source)]
            offset += len(line) + 1
            stripped = source.strip()
            if verdicts[index] is None and _has_link_mark(stripped) and _LINK_LINE.fullmatch(stripped, timeout=REGEX_TIMEOUT, concurrent=False):
                if len(regex.findall(_LINK, stripped)) >= least:
                    verdicts[index] = rule
                    marked = True
    return marked


def squeeze_line(line: str) -> str:
    """Spacing and trailing punctuation do not matter for chrome.

    >>> squeeze_line("  Leave a  Reply. ")
    'Leave a Reply'
    """
    return " ".join(line.split()).rstrip(" .:!|*")


def normalise_line(line: str) -> str:
    """Nor does case, for the ``lines`` of a rule.

    >>> normalise_line("  Leave a  REPLY. ")
    'leave a reply'
    """
    return squeeze_line(line.casefold())


KIND = Kind("boilerplate", KEYS, parse, group_pass=BoilerplatePass)
