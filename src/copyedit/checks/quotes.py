"""Quotation marks: pair them across a whole document, tell apostrophes from quotes.

News quotations that run over several paragraphs leave the quote open at the end of each
paragraph and reopen it at the start of the next; that is correct, not unbalanced, so the
pairer works on the whole document and only reports a quote that is still open when the
next paragraph does not reopen it.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Iterator, NamedTuple, Sequence

import regex

from ..document import Block
from ..kinds.base import Context, Hit

OPENERS = {"“": "double", "„": "double", "«": "double", "‘": "single", "‚": "single", "‹": "single"}
CLOSERS = {"”": "double", "»": "double", "’": "single", "›": "single"}
# The closer a given opener expects; "“" also closes "„" (German style).
MATES = {"“": "”", "„": "“”", "«": "»", "‘": "’", "‚": "‘’", "‹": "›", "»": "«»", "›": "‹›", "”": "”", '"': '"', "'": "'"}
QUOTE_CHARS = frozenset("“”„«»‘’‚‹›\"'")
# Jumping from quote to quote in C, rather than testing every character in Python, makes pairing
# ten times cheaper on news text (benchmarks/profile.md). Each mark the text holds is looked for on
# its own, a search for one character (a class of a dozen costs five times as much). Apostrophes
# between two letters or digits ("don't", "O’Brien"), which classify() reads as no quote, are passed
# over in C too: a third of the marks in news, half in MT. In the standard library's engine [^\W_]
# is str.isalnum(), which classify() asks.
_QUOTE_CHAR = {
    char: re.compile(re.escape(char) + (r"(?:(?<![^\W_].)|(?![^\W_]))" if char in "'’‘" else ""))
    for char in sorted(QUOTE_CHARS)
}
# A doubled straight quote (""considerations"", 333 in WMT MT, a slip C304 reports) is one mark: its second
# half is passed over, or it would read as a second quotation opened or closed. An empty "" standing alone
# (a quotation whose words were lost: 'a "" authorising') stays a pair.
_QUOTE_CHAR['"'] = re.compile(r'"(?!(?<="")(?:(?<=[^\s(\[]"")|(?![\s.,;:!?)\]]|\Z)))')
_START = re.Match.start


def quote_marks(text: str) -> list[int]:
    """Where the quotation marks of ``text`` are, in order, but apostrophes inside a word.

    >>> text = "“Don't,” O’Brien said: 'no' in the ’90s"
    >>> [text[position] + str(position) for position in quote_marks(text)]
    ['“0', '”7', "'23", "'26", '’35']
    >>> quote_marks('a ""doubled"" quote.""'), quote_marks('the "" of it')
    ([2, 11, 20], [4, 5])
    """
    found: list[int] = []
    for char, pattern in _QUOTE_CHAR.items():
        if char in text:
            found += map(_START, pattern.finditer(text))
    found.sort()
    return found


_OPENING_CONTEXT = frozenset(" \t\n\r([{—–-/\u00a0") | frozenset(OPENERS)
# what may follow a closing mark but never an opening one: the end of a sentence or a clause
_AFTER_A_CLOSER = frozenset(".,;:!?)]}…")


class Quote(NamedTuple):
    """A quotation mark read in its place (a named tuple: a news article makes a few dozen, and a
    frozen dataclass costs four attribute writes each)."""

    position: int
    char: str
    family: str  # "double" or "single"
    role: str  # "open" or "close"


_FAMILY = itemgetter(2)  # Quote.family, in C


@dataclass
class QuoteAnalysis:
    pairs: list[tuple[Quote, Quote]] = field(default_factory=list)
    unclosed: list[Quote] = field(default_factory=list)
    unopened: list[Quote] = field(default_factory=list)
    miscurled: list[Quote] = field(default_factory=list)  # “…“: an opener written where the closer belongs
    misplaced: list[Quote] = field(default_factory=list)  # “…, ”he said: a closer with its space on the wrong side


def _is_letter(char: str) -> bool:
    return char.isalnum()


def classify(text: str, position: int, single_open: bool, double_open: bool) -> Quote | None:
    """The role of the quote character at ``position``, or None for an apostrophe.

    >>> classify("don’t", 3, False, False) is None
    True
    >>> classify("the ’90s", 4, False, False) is None
    True
    >>> classify("“Hi”", 3, False, True).role
    'close'
    >>> classify('He said "no"', 8, False, False).role
    'open'
    >>> classify('a 32" monitor', 4, False, False), classify('"Route 66" is long', 9, False, True).role
    (None, 'close')
    >>> classify('attain Nirvana. "', 16, False, False).role, classify('the future ".', 11, False, False).role
    ('close', 'close')
    >>> classify('by default with ".o" files', 16, False, False).role, classify('He wrote: "...it is', 10, False, False).role
    ('open', 'open')
    """
    char = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if char in "’'‘":
        if before.isalnum() and after.isalnum():
            return None  # don’t, O’Brien
        if after.isdigit() and not before.isalnum():
            return None  # ’90s
        if text[position - 1 : position + 3] in (" ’n’", " 'n'", " ‘n’") or text[position - 2 : position + 1] in ("’n’", "'n'"):
            return None  # rock ’n’ roll
        if char in "’'" and before.isalnum() and not single_open:
            return None  # Jones’ car, goin’
    if char in OPENERS:
        return Quote(position, char, OPENERS[char], "open")
    if char in CLOSERS:
        if before in _OPENING_CONTEXT and after.isalnum():
            if char == "’":
                return None  # ’em, ’tis: an elision, not a quote
            return Quote(position, char, CLOSERS[char], "open")  # »…« and ”…” styles open with a closer
        return Quote(position, char, CLOSERS[char], "close")
    family = "double" if char == '"' else "single"
    is_open = double_open if family == "double" else single_open
    if char == '"' and before.isdigit() and not is_open and _inch_mark(text, position):
        return None  # a 32" monitor, with no quotation open for the mark to close
    if before.isspace() and (_ends_there(text, position + 1, lines_only=True) or after in _AFTER_A_CLOSER and _ends_there(text, position + 2)):
        return Quote(position, char, family, "close")  # 'attain Nirvana. "', 'the future ".': nothing follows to quote
    opens = before in _OPENING_CONTEXT or position == 0
    at_end = after.isspace() or not after.isalnum() or position + 1 == len(text)
    closes = not before.isspace() and at_end
    if is_open and before.isspace() and at_end and not after.isalnum():
        return Quote(position, char, family, "close")  # space-padded: the term " black holes "
    if opens and not closes:
        return Quote(position, char, family, "open")
    if closes and not opens:
        return Quote(position, char, family, "close")
    if family == "single" and not is_open and not opens:
        return None
    return Quote(position, char, family, "close" if is_open else "open")


def _ends_there(text: str, position: int, lines_only: bool = False) -> bool:
    """Whether a clause ends before ``position``: the text ends, or white space or a closing mark follows (not
    ".o" files, not the "...it" of an ellipsis that opens a quotation); with ``lines_only``, the text or a line
    ends there.

    >>> _ends_there('He said. "', 10, True), _ends_there('It ended "\\nNext', 10, True), _ends_there('a " b', 3, True)
    (True, True, False)
    """
    if position >= len(text) or text[position] in "\n\r":
        return True
    return not lines_only and (text[position].isspace() or text[position] in ")]}\"”’»")


def _inch_mark(text: str, position: int) -> bool:
    """Whether the straight double quote at ``position`` is an inch mark: after a number of up to three digits
    (and its decimals) that stands alone, before a lower-case word. Not after a code, a signed number or a year,
    whose opening quote MT lost ("Pantsir-C1" in Libya", "exceeding +20" - wrote", "Exhibition 2023" underway").

    >>> _inch_mark('on a 32" monitor', 7), _inch_mark('the 15.6" laptop', 8), _inch_mark('Panciry-C1" in Libya', 10)
    (True, True, False)
    >>> _inch_mark('+20" - wrote', 3), _inch_mark('Exhibition 2023" underway', 15)
    (False, False)
    """
    start = position
    while start and (text[start - 1].isdigit() or text[start - 1] in ".,"):
        start -= 1
    whole = text[start:position].split(".")[0]
    return (
        len(whole) <= 3
        and (start == 0 or text[start - 1] in " \t\n(")
        and text[position + 1 : position + 2] == " "
        and text[position + 2 : position + 3].islower()
    )


def _plain_pairs(text: str, marks: Sequence[int]) -> tuple[list[tuple[Quote, Quote]], Quote | None] | None:
    """The pairs of a block whose marks are double quotes that pair the plain way, opener and closer in
    turn ("…", “…”), and the opener left open at its end if any; or None: then the block needs the full
    reading. Seven blocks in ten with quotes in BBC news are such blocks, nearly nine in ten in WMT23 MT.

    With nothing open, classify() reads “ as an opener, and " too when a letter or digit follows it (no
    inch mark, no end of a clause); with a double quote open, it reads " and ” as a closer but after an
    opening context and before a letter or digit (the ”…” style opens with ”); ' and ’ after a letter or
    digit are no quote while no single quote is open (analysts' views, goin’). The pairer pairs those
    openers and closers as they come, with nothing else open.

    >>> pairs, left_open = _plain_pairs('He said "yes" and “no”. Analysts’ "views', [8, 12, 18, 21, 32, 34])
    >>> [(o.position, c.position) for o, c in pairs], left_open.position
    ([(8, 12), (18, 21)], 34)
    >>> _plain_pairs('a 32" monitor', [4]), _plain_pairs('"We go, "he said.', [0, 8]), _plain_pairs("'a' b", [0, 2])
    (None, None, None)
    """
    pairs = []
    opener: Quote | None = None
    for position in marks:
        char = text[position]
        if char in "'’" and position and text[position - 1].isalnum():
            continue
        after = text[position + 1 : position + 2]
        if opener is None:
            if char != "“" and not (char == '"' and after.isalnum()):
                return None
            opener = Quote(position, char, "double", "open")
        else:
            if char not in '"”' or text[position - 1] in _OPENING_CONTEXT and after.isalnum():
                return None
            pairs.append((opener, Quote(position, char, "double", "close")))
            opener = None
    return pairs, opener


def pair_quotes(text: str, blocks: Sequence[Block], *, shortcut: bool = True) -> QuoteAnalysis:
    """Pair the quotation marks of a document, block by block, with nesting. With ``shortcut``, a block
    whose double quotes pair the plain way (_plain_pairs) is not read mark by mark: the same pairs result.

    >>> from copyedit.document import paragraph_blocks
    >>> text = "He said, “One.\\n\\n“Two.”\\n\\nShe said: “Three.” Four.”"
    >>> result = pair_quotes(text, paragraph_blocks(text))
    >>> len(result.pairs), [q.position for q in result.unopened], result.unclosed
    (2, [48], [])
    """
    analysis = QuoteAnalysis()
    stack: list[Quote] = []
    marks = quote_marks(text)  # the whole text at once; each block takes its share
    if not marks:
        return analysis
    for number, block in enumerate(blocks):
        first = bisect_left(marks, block.start)
        last = bisect_left(marks, block.end, first)
        to_read = marks[first:last]
        if not stack:
            if first == last:
                continue
            if shortcut:
                plain = _plain_pairs(text, to_read)
                if plain is not None:
                    analysis.pairs += plain[0]
                    if plain[1] is None:
                        continue  # nothing open before the block, nothing left open after it
                    stack.append(plain[1])  # a quotation that runs on past the block
                    to_read = []
        for position in to_read:
            if stack:
                single_open = "single" in map(_FAMILY, stack)
                double_open = "double" in map(_FAMILY, stack)
            else:
                single_open = double_open = False
            quote = classify(text, position, single_open, double_open)
            if quote is None:
                continue
            if quote.role == "open" and quote.family == "double" and stack and stack[-1].family == "double" and _misplaced_closer(text, position):
                quote = Quote(position, quote.char, quote.family, "close")
                analysis.misplaced.append(quote)
            if quote.role == "open":
                if stack and _closes_in_place(text, position, stack[-1]):
                    if quote.char == stack[-1].char and quote.char in "“‘":
                        analysis.miscurled.append(quote)
                    quote = Quote(position, quote.char, quote.family, "close")  # „…“ and »…« close with an opener
                elif stack and _continues(text, position, stack[-1], analysis.pairs[-1][1].position if analysis.pairs else -1):
                    stack.pop()  # a quotation reopened after a sentence: the paragraph break between them was lost
                    stack.append(quote)
                    continue
                else:
                    stack.append(quote)
                    continue
            match = _find_opener(stack, quote)
            if match is None:
                if quote.family == "double" or quote.char in "’›" and not _is_letter(text[position - 1]):
                    analysis.unopened.append(quote)
                continue
            # Anything opened inside the quote that is closing now was never closed.
            while stack and stack[-1] is not match:
                analysis.unclosed.append(stack.pop())
            stack.pop()
            analysis.pairs.append((match, quote))
        if stack:
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if following is not None and _reopens(text, following, stack):
                stack.clear()  # a quotation running on into the next paragraph
            elif following is not None and _closes_next(text, following, marks, stack):
                continue  # a quotation over two paragraphs, not reopened: web and wiki style
            elif _closed_by_a_lone_mark(text, blocks[number + 1 :], marks, stack):
                continue  # a quotation whose closing mark a segmented source put in a paragraph of its own
            else:
                analysis.unclosed.extend(stack)
                stack.clear()
    analysis.unclosed.sort(key=lambda q: q.position)
    return analysis


# the end of a sentence, perhaps a nested quotation's too ('…saying 'what now?' "To not apologise…')
_SENTENCE_END = regex.compile(r"[.!?…](?P<nested>['’])?[\s\u00a0]+$")


# What follows a quotation's closing mark and never starts one: its attribution, a pronoun or "the" and
# a few words ("the deputy prime minister said"), or after a comma, a question or an exclamation mark,
# a name of up to four words ("Nikolenko said", "A. Smailov concluded").
_SPEECH_VERB = (
    r"(?:said|says|told|tells|added|adds|stressed|stresses|noted|notes|wrote|writes|explained|explains|emphasi[sz]ed|"
    r"stated|states|asked|asks|continued|concluded|recalled|recalls|admitted|replied|commented|insisted|assured|"
    r"warned|claimed|claims|pointed out|reported|reports|announced|declared|shared|remarked|underlined)\b"
)
# (a line feed stands for a space: a hard-wrapped paragraph breaks its lines anywhere, '"the\nIsraeli army said')
_SPACE = r"(?:[ \t]|\n(?!\n))"  # a line feed of a paragraph's is a space too (not a blank line's)
_ATTRIBUTION_AFTER_ANY_END = regex.compile(r"(?:he|she|they|the|his|her|their)\b(?:[\w.'’ -]|\n(?!\n)){0,40}?" + _SPACE + _SPEECH_VERB)
_ATTRIBUTION_AFTER_A_CLAUSE = regex.compile(
    r"(?!(?:I|We|You|It|This|That|There|These|Those|My|Our|Your)\b)"  # a quotation's own first word ("We said")
    r"\p{Lu}(?:\.|[\w'’-]+)(?:" + _SPACE + r"\p{Lu}(?:\.|[\w'’-]+)){0,3}" + _SPACE + _SPEECH_VERB
)


def _misplaced_closer(text: str, position: int) -> bool:
    """Whether a double quotation mark that reads as an opener, written while a double quotation is open, is that
    quotation's closer with its space on the wrong side: after a clause's end and a space, before the attribution
    ("…for their rescue, "Nikolenko said"; MT detokenisers attach the mark to the wrong word). A quotation
    that opens there never starts with "he said".

    >>> _misplaced_closer('"We go, "he said.', 8), _misplaced_closer('"We go. "The team said so."', 8)
    (True, False)
    >>> _misplaced_closer('"We go, "Nikolenko said.', 8), _misplaced_closer('"We go? "the minister asked.', 8)
    (True, True)
    >>> _misplaced_closer('"We go, "A. Smailov said.', 8), _misplaced_closer('"We go, "I asked him to stay.', 8)
    (True, False)
    """
    if position < 2 or text[position - 1] != " " or text[position - 2] not in ",.?!…":
        return False
    return _ATTRIBUTION_AFTER_ANY_END.match(text, position + 1, concurrent=False) is not None or (
        text[position - 2] != "." and _ATTRIBUTION_AFTER_A_CLAUSE.match(text, position + 1, concurrent=False) is not None
    )


def _closes_in_place(text: str, position: int, opener: Quote) -> bool:
    """An opening-style mark after a word that mates the open quote closes it („…“, »…«), as does
    the opener itself written again (“…“: one broken pair, reported once, not twice)."""
    after = text[position + 1 : position + 2]
    return (
        opener.char in "„‚»›“‘"
        and (text[position] in MATES[opener.char] or text[position] == opener.char)  # “…“: a mis-curled closer
        and not text[position - 1].isspace()
        and (not after or not _is_letter(after))
    )


def _continues(text: str, position: int, opener: Quote, nested_closer: int = -1) -> bool:
    """A double quote opened after the end of a sentence inside a still-open double quotation
    reopens it: news quotations run over paragraphs, and scraped text often lost the breaks. The sentence
    may end in a nested quotation's closing mark, the one at ``nested_closer`` (a stray single mark, as in
    "…bandwidth.' "It", closes nothing: the double quotation it should have closed is still open).

    >>> _continues('He said: "We go. "Now."', 17, Quote(9, '"', "double", "open"))
    True
    >>> text = 'He said: "Ask ‘why?’ "Now."'
    >>> _continues(text, 21, Quote(9, '"', "double", "open"), 19), _continues(text, 21, Quote(9, '"', "double", "open"))
    (True, False)
    """
    if opener.family != "double" or not (text[position] in OPENERS or text[position] == '"'):
        return False
    end = _SENTENCE_END.search(text, max(0, position - 4), position)
    return end is not None and end.start("nested") == (nested_closer if end.group("nested") else -1)


def _find_opener(stack: list[Quote], closer: Quote) -> Quote | None:
    for opener in reversed(stack):
        if opener.family == closer.family and (closer.char in MATES[opener.char] or closer.char in "\"'"):
            return opener
        if opener.family == "double" and closer.family == "double":
            return opener  # a mismatched style of the same family still closes it
    return None


def _reopens(text: str, block: Block, stack: list[Quote]) -> bool:
    """Whether ``block`` starts by reopening a quotation left open: with an opening mark, or a straight one of
    the open quotation's family that opens (not one alone on its line, which closes it).

    >>> from copyedit.document import paragraph_blocks
    >>> text = 'She said "no.\\n\\n"Never."\\n\\nHe said "yes.\\n\\n"\\n\\nEnd.'
    >>> blocks, opener = paragraph_blocks(text), [Quote(9, '"', "double", "open")]
    >>> _reopens(text, blocks[1], opener), _reopens(text, blocks[3], opener)
    (True, False)
    """
    first = text[block.start : block.start + 1]
    if first in OPENERS:
        return True
    if not first or first not in "\"'":
        return False
    family = "double" if first == '"' else "single"
    if not any(q.family == family for q in stack):
        return False
    quote = classify(text, block.start, family == "single", family == "double")
    return quote is not None and quote.role == "open"


def _closes_next(text: str, block: Block, marks: list[int], stack: list[Quote]) -> bool:
    """Whether the first quotation mark of ``block`` closes the quotation open at the end of the block before it
    ("“The raindrops are loud¶It's soothing, though.”")."""
    first = bisect_left(marks, block.start)
    for position in marks[first : bisect_left(marks, block.end, first)]:
        quote = classify(text, position, "single" in map(_FAMILY, stack), "double" in map(_FAMILY, stack))
        if quote is not None:
            return quote.role == "close" and quote.family == stack[-1].family
    return False


def _closed_by_a_lone_mark(text: str, blocks: Sequence[Block], marks: list[int], stack: list[Quote]) -> bool:
    """Whether the quotation open at the end of a paragraph is closed by a paragraph that holds nothing but its
    closing mark, after paragraphs with no quotation mark: a source segmented after the quotation's last sentence
    puts its closing mark in a segment of its own, and translations keep it ("“…提供。¶…注册。¶”", WMT23 zh-en).

    >>> from copyedit.document import paragraph_blocks
    >>> text = 'He said, "We will.\\n\\nThen we go.\\n\\n"\\n\\nEnd.'
    >>> blocks, opener = paragraph_blocks(text), [Quote(9, '"', "double", "open")]
    >>> _closed_by_a_lone_mark(text, blocks[1:], quote_marks(text), opener), _closed_by_a_lone_mark(text, blocks[3:], quote_marks(text), opener)
    (True, False)
    """
    for block in blocks:
        first = bisect_left(marks, block.start)
        if first == bisect_left(marks, block.end, first):
            continue  # no quotation mark: the quotation may run on through it
        if text[block.start : block.end].strip() != text[marks[first]]:
            return False
        quote = classify(text, marks[first], "single" in map(_FAMILY, stack), "double" in map(_FAMILY, stack))
        return quote is not None and quote.role == "close" and quote.family == stack[-1].family
    return False


def _analysis(doc: Any) -> QuoteAnalysis:
    cached = getattr(doc, "_quote_analysis", None)
    if cached is None:
        cached = pair_quotes(doc.text, doc.blocks)
        try:
            doc._quote_analysis = cached  # shared by the quote checks of one pass
        except AttributeError:
            pass
    return cached


def unbalanced(doc: Any, context: Context) -> Iterator[Hit]:
    """Report quotation marks that are never closed, or close nothing; none of those when a source is given
    that leaves as many of its own unpaired (a segment of a quotation that runs over several sentences: the
    translation keeps the source's marks, as it should).

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.message) for h in unbalanced(PlainDocument("He said “yes” and ” no."), Context())]
    [(18, 'Closing quotation mark ” closes no opening mark')]
    >>> list(unbalanced(PlainDocument("Therefore, it can be accepted as a bill. ”"), Context(source="Ezért elfogadható törvényként. ”")))
    []
    """
    analysis = _analysis(doc)
    unclosed = [quote for quote in analysis.unclosed if not (quote.family == "single" and quote.char in "'")]
    # (a lone straight single quote is far more often an apostrophe)
    if not (context.source and len(unclosed) + len(analysis.unopened) <= _unpaired_in(context.source)):
        for quote in unclosed:
            yield Hit(quote.position, quote.position + 1, message=f"Opening quotation mark {quote.char} is never closed")
        for quote in analysis.unopened:
            yield Hit(quote.position, quote.position + 1, message=f"Closing quotation mark {quote.char} closes no opening mark")
    for quote in analysis.miscurled:
        mate = MATES[quote.char][0]
        yield Hit(quote.position, quote.position + 1, message=f"Quotation closed with {quote.char}: the closing mark is {mate}")


@functools.lru_cache(maxsize=16)
def _unpaired_in(source: str) -> int:
    """How many double quotation marks a source leaves unpaired, told from the marks alone: curly, guillemet
    and corner marks by which way they face (German „…“ closes with “), straight ones by their parity. (The
    pairer reads spacing, and a source segmented after its full stops puts a closing mark before a space:
    “…很重要。 ”来自.)

    >>> _unpaired_in("“我们入局电商算是晚的。 ”来自广东"), _unpaired_in("Er sagte: „Wir bleiben.“ «Да» "), _unpaired_in('He said " no')
    (0, 0, 1)
    """
    german = "„" in source
    opening = source.count("„") if german else source.count("“")
    closing = source.count("“") + source.count("”") if german else source.count("”")
    return (
        abs(opening - closing) + source.count('"') % 2 + abs(source.count("«") - source.count("»"))
        + abs(source.count("「") - source.count("」")) + abs(source.count("『") - source.count("』"))
    )


def misplaced_closers(doc: Any, context: Context) -> Iterator[Hit]:
    """A quotation's closing mark written after the space that should follow it ("…rescue, "Nikolenko said"):
    the mark and the space change places, the mark written as the closer of its quotation's opener.

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.end, h.replacement) for h in misplaced_closers(PlainDocument('He said: "We go, "he said.'), Context())]
    [(16, 18, '" ')]
    >>> [h.replacement for text in ("“We go, “he said.", "„We go, „he said.", "«On y va, «he said.") for h in misplaced_closers(PlainDocument(text), Context())]
    ['” ', '“ ', '» ']
    """
    analysis = _analysis(doc)
    if not analysis.misplaced:
        return
    openers = {closer: opener for opener, closer in analysis.pairs}
    for quote in analysis.misplaced:
        yield Hit(
            quote.position - 1, quote.position + 1, MATES[openers[quote].char][0] + " ",
            message=f"Closing quotation mark {quote.char} written after its space, not before it",
            title="Put the closing mark before the space",
        )


def _horizontal_space(char: str) -> bool:
    return char in " \t\u00a0"


def space_inside(doc: Any, context: Context) -> Iterator[Hit]:
    """Spaces just inside a pair of curly quotes (“ like this ”) go; where the opening mark is glued to the
    word before it ("the“ Octav Băncilă ”", tokenised text), the space moves before the mark.

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.end, h.replacement) for h in space_inside(PlainDocument("“ Yes. ” he said."), Context())]
    [(1, 2, ''), (6, 7, '')]
    >>> [(h.start, h.end, h.replacement) for h in space_inside(PlainDocument("the“ Octav ” school"), Context())]
    [(3, 5, ' “'), (10, 11, '')]
    """
    text = doc.text
    analysis = _analysis(doc)
    for opener, closer in analysis.pairs:
        if opener.char in "\"'" or closer.char in "\"'":
            continue  # straight quotes say nothing certain about direction
        if closer in analysis.misplaced:
            continue  # the space goes after the mark, not away (misplaced_closers)
        start = opener.position + 1
        end = start
        while end < closer.position and _horizontal_space(text[end]):
            end += 1
        if end > start and end < closer.position:
            if opener.position and text[opener.position - 1].isalnum():
                # "the“ Octav": deleting the space would glue the quotation to the word before it
                yield Hit(
                    opener.position, end, " " + text[opener.position], message="Space after opening quotation mark",
                    title="Move the space before the quotation mark",
                )
            else:
                yield Hit(start, end, "", message="Space after opening quotation mark")
        end = closer.position
        start = end
        while start > opener.position + 1 and _horizontal_space(text[start - 1]):
            start -= 1
        if start < end and start > opener.position + 1:
            yield Hit(start, end, "", message="Space before closing quotation mark")
