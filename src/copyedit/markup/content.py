"""Main-content detection in HTML pages: which prose blocks are the article, which are site chrome.

A well-kept extractor (trafilatura, tuned for recall) reads the whole page and returns the
article's text. Each prose block of copyedit's own :class:`~copyedit.markup.html.HtmlDocument`
is then aligned with that text by its words, in document order: a block of four words or more
is in the article when at least half of its word trigrams are in the extracted text; a shorter
block ("Share", "The takeaway") when its words stand in the extracted text between the blocks
aligned before and after it, so that a menu entry "Home" is not taken for the word "home" in a
paragraph far away; but a sentence written without spaces (Chinese, Japanese), of four words as
two letters make one, wherever it stands whole in the text, as a long block is. Blocks that are
not in the article are chrome, but for those the page itself shows to be the article's
(:func:`held_back`: the headline, a standfirst, a table of contents, the blocks built as the
article's are); the boilerplate pass removes them as whole elements (rule BP120), and the
engine's markup verification holds as for every removal.

Only whole pages are judged (a document with a ``<body>``): a CMS fragment of a few paragraphs
has no site around it, and an extractor run on it would only drop its short paragraphs.

>>> page = ("<html><body><nav><ul><li>Home</li><li>World</li></ul></nav><article>"
...         + "<p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>" * 3
...         + "</article><footer><p>Leave a Reply</p></footer></body></html>")
>>> doc = HtmlDocument(page)
>>> in_article(doc.text, doc.blocks, main_text(page))
[False, False, True, True, True, False]
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..document import OBJECT, Block
from ..languages import UNSPACED_SCRIPT
from ..model import PageMetadata
from .html import Element, HtmlDocument

# A block of at least this many words is aligned by its trigrams; a shorter one by its position.
ALIGN_WORDS = 4
# A long block is in the article when at least this share of its word trigrams are.
TRIGRAM_SHARE = 0.5
_BODY = regex.compile(r"<body\b", regex.IGNORECASE)
_WORD = regex.compile(r"\w")
_NOT_LINE_BREAK = regex.compile(r"[^\r\n]")
# What separates a page title's parts ("Talks end in Astana | Daily News", "Talks end - Daily News").
_TITLE_SEPARATOR = regex.compile(r"\s+[-|–—•·:]\s+")
# A headline (the page's title, or a part of it) has at least this many words (fewer may be the site's name).
HEADLINE_WORDS = 3
# A standfirst is a sentence of at least this many words.
STANDFIRST_WORDS = 5
# A class a page marks a standfirst with, as its last part ("lead", "content__standfirst", "article-dek"; not a
# wrapper's "header-dek-wrapper", nor "lead-asset__caption"): the names the development half's standfirsts have.
# Not "summary", "excerpt" or "teaser": there they mark the cards of other stories.
_STANDFIRST_CLASS = regex.compile(
    r"(?:^|[-_])(?:standfirst|dek|deck|strapline|subhead|subtitle|lead|intro)\Z", regex.IGNORECASE
)
# A class a page marks a byline or a date line with, as its last part ("byline", "post-date", "entry-meta"; not
# "dateline": "WASHINGTON —" starts the article's first paragraph).
_BYLINE_CLASS = regex.compile(r"(?:^|[-_])(?:byline|author|date|time|published|timestamp|meta)\Z", regex.IGNORECASE)
_SENTENCE_END = regex.compile(r"[^.…。][.!?。！？][\"'’”)\]」』]*\Z")
# Elements of a form: what stands in one is the form's (a sign-up box), however it reads.
_FORM = frozenset({"form", "label", "button"})
# A form's controls: their text labels the control, it is no article's, whatever the extractor takes (not "form":
# some pages hold all their content in one).
_CONTROLS = frozenset({"button", "label", "select", "option", "textarea"})
# Elements a standfirst the page marks by its class is not in: a link elsewhere ("Read more"), a picture's caption.
_NOT_STANDFIRST = frozenset({"a", "figcaption"})
# A block is built as the article's when this many of the innermost elements around it are those of article blocks.
BUILT_DEPTH = 3
_CLASS = regex.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE)


def is_page(source: str) -> bool:
    """Whether an HTML document is a whole page (it has a body), not a fragment of an article.

    >>> is_page("<html><BODY><p>Text.</p></BODY></html>"), is_page("<p>Text.</p>")
    (True, False)
    """
    return _BODY.search(source) is not None


@dataclass(frozen=True)
class Judgement:
    """A whole page's blocks as the extractor reads them: per block, whether it is in the article the extractor
    finds (``in_article``; a block in the head, the page's ``<title>``, always is), and whether, out of it, the
    page shows it to be the article's all the same (``held``, :func:`held_back`)."""

    in_article: list[bool]
    held: list[bool]


def judge(doc: HtmlDocument) -> Judgement | None:
    """How the extractor reads the blocks of a whole page; None when the page is not judged (a fragment, or no
    article found).

    >>> page = ("<html><head><title>T</title></head><body><nav><ul><li>Home</li><li>World</li></ul></nav><article>"
    ...         + "<p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>" * 3
    ...         + "</article><footer><p>Leave a Reply</p></footer></body></html>")
    >>> judge(HtmlDocument(page)).in_article, judge(HtmlDocument("<p>Home</p>"))
    ([True, False, False, True, True, True, False], None)
    """
    if not is_page(doc.source):
        return None
    extracted = main_text(doc.source.removeprefix("\ufeff"))  # as `lint` reads a file: the extractor takes a mark for text
    if extracted is None:
        return None
    body = body_start(doc.source)
    verdicts = in_article(doc.text, doc.blocks, extracted)
    verdicts = [there or doc.enclosing_span(b.start, b.end).start < body for there, b in zip(verdicts, doc.blocks)]
    return Judgement(verdicts, held_back(doc, verdicts, extracted))


def held_back(doc: HtmlDocument, verdicts: Sequence[bool], extracted: str) -> list[bool]:
    """Per block of a whole page outside the article the extractor finds (``verdicts``: per block, in it), whether
    the page shows it to be the article's all the same. The extractor drops a few parts of an article: on the
    development half of the real pages of ``benchmarks/accuracy_boilerplate.py``, its headline, standfirst, table of
    contents, the answers to a question but one. Such a block is

    - the headline: its text is the page's ``<title>``, the title's longest part, or its first parts together, of
      at least HEADLINE_WORDS words ("Talks end in Astana | Daily News" has the site's name in it;
      "Daily News" alone may be the site's name; "Brexit – what comes next? | UK news | The Guardian" has a
      separator in its headline); a copy of it in a list of recent stories is no article text, but the extractor
      cannot tell it from the headline's own block, and the other rules name the list;
    - a standfirst: between the headline (a heading) and the first block of ALIGN_WORDS words or more the extractor
      finds after it (none without such a block), outside a form, a sentence of at least STANDFIRST_WORDS words, or
      two words or more the page marks as its standfirst by their class ("standfirst", "dek", "lead", ...: many have
      no full stop), not a link nor a caption (:func:`_reads_as_standfirst`);
    - a copy of the article's own lines: most of its lines are whole lines of the extracted text, of two words or
      more (a table of contents, its headings' links; most, not all: the extractor may hold a heading on the page as
      sent and not once the chrome around it has gone; a word alone, "Close", is no evidence);
    - built as the article is: the BUILT_DEPTH innermost elements around it, named and classed alike, hold two blocks
      or more of the article too, each of ALIGN_WORDS words or more (aligned by their words, not their place), one of
      them has a class, and none is a link (a link's text is a way elsewhere: a menu or a playlist is built the same
      way, whichever entries the extractor took for text).

    Words are counted by :func:`_word_count` (in Chinese or Japanese, which have no spaces, two letters are one); the
    article blocks a block is built as are counted between spaces, as the alignment that found them counts them.

    >>> page = ("<html><head><title>Talks end in Astana | Daily News</title></head><body>"
    ...         "<ul><li><a>Talks end in Astana</a></li><li><a>Oil prices fall</a></li></ul>"
    ...         "<h1>Talks end in Astana</h1><p>Both sides will meet again in March, the ministry said.</p>"
    ...         "<ul class='toc'><li><a>What was agreed</a></li></ul>"
    ...         "<div class='post'><p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>"
    ...         "<h2>What was agreed</h2>"
    ...         "<p>The delegations agreed on a timetable for the next round and on the border committee.</p></div>"
    ...         "<div class='post'><p>A reader wrote that the committee had met twice before the talks.</p></div>"
    ...         "</body></html>")
    >>> doc = HtmlDocument(page)
    >>> verdicts = [True, False, False, False, False, False, True, True, True, False]
    >>> held_back(doc, verdicts, "The talks in Astana ended on Friday without an agreement, the ministry said.\\n"
    ...           "What was agreed\\nThe delegations agreed on a timetable for the next round and on the border committee.")
    [False, True, False, True, True, True, False, False, False, True]
    """
    texts = [_squeezed(doc.text[block.start : block.end]) for block in doc.blocks]
    headlines = _headlines(doc, texts)
    lines = {line for line in map(_squeezed, extracted.split("\n")) if " " in line}  # a word alone is no evidence ("Close")
    held = [False] * len(doc.blocks)
    for number, (text, block) in enumerate(zip(texts, doc.blocks)):
        if not verdicts[number] and text:
            own = [line for line in map(_squeezed, doc.text[block.start : block.end].split("\n")) if line]
            held[number] = text in headlines or 2 * sum(line in lines for line in own) > len(own)
    _hold_standfirst(doc, verdicts, texts, headlines, held)
    _hold_built_alike(doc, verdicts, texts, held)
    return held


def _headlines(doc: HtmlDocument, texts: Sequence[str]) -> set[str]:
    """The texts a block names the headline with (see :func:`held_back`), of blocks read as ``texts``
    (:func:`_squeezed`): the page's ``<title>``, its longest part, and its first two parts or more, each of
    HEADLINE_WORDS words or more.

    >>> doc = HtmlDocument("<html><head><title>T</title></head><body></body></html>")
    >>> sorted(_headlines(doc, ["talks end in astana | daily news"]))
    ['talks end in astana', 'talks end in astana | daily news']
    >>> "brexit – what comes next?" in _headlines(doc, ["brexit – what comes next? | uk news | the guardian"])
    True
    >>> sorted(_headlines(doc, ["岸田首相が訪米へ | ニュース"]))
    ['岸田首相が訪米へ', '岸田首相が訪米へ | ニュース']
    """
    title = _title(doc, texts)
    longest = max(_TITLE_SEPARATOR.split(title), key=_word_count)
    # the first parts, two or more: the title less the site's name, when the headline has a separator too (not the
    # last parts: "WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale" after a headline is the site's name)
    firsts = [title[: cut.start()] for cut in list(_TITLE_SEPARATOR.finditer(title))[1:]]
    return {name for name in (title, longest, *firsts) if _word_count(name) >= HEADLINE_WORDS}


def _title(doc: HtmlDocument, texts: Sequence[str]) -> str:
    """The page's ``<title>``, as ``texts`` read its blocks ("" without one)."""
    return next((text for text, block in zip(texts, doc.blocks) if block.kind == "title"), "")


def _hold_standfirst(
    doc: HtmlDocument, verdicts: Sequence[bool], texts: Sequence[str], headlines: set[str], held: list[bool]
) -> None:
    """Hold back the standfirsts between the headline heading and the article's first long block after it (see
    :func:`held_back`); none when no such block follows (a copy of the headline heads a list after the article)."""
    blocks = doc.blocks
    start = next((n for n, text in enumerate(texts) if blocks[n].kind == "heading" and text in headlines), None)
    if start is None:
        return
    first = next((n for n in range(start + 1, len(blocks)) if verdicts[n] and _word_count(texts[n]) >= ALIGN_WORDS), None)
    for number in range(start + 1, first if first is not None else start):
        if not verdicts[number] and _reads_as_standfirst(doc, number, texts[number]):
            held[number] = True


def _reads_as_standfirst(doc: HtmlDocument, block: int, text: str) -> bool:
    """Whether a block (``text``: as :func:`_squeezed` reads it) reads as a standfirst where one may stand, outside a
    form (what stands in one is the form's: a sign-up box): a sentence of STANDFIRST_WORDS words or more, or two words
    or more the page marks as its standfirst (:data:`_STANDFIRST_CLASS`; many have no full stop), not a link ("Read
    more") nor a caption.

    >>> doc = HtmlDocument('<body><p class="article-lead">Talks end without a deal</p><p>Talks end without a deal</p>'
    ...                    '<p class="lead"><a href="/more">Read more about the talks</a></p></body>')
    >>> [_reads_as_standfirst(doc, number, "talks end without a deal") for number in range(3)]
    [True, False, False]
    """
    elements = list(doc.elements_around(block))
    if any(element.name in _FORM for element in elements):
        return False
    if _word_count(text) >= STANDFIRST_WORDS and _SENTENCE_END.search(text) is not None:
        return True
    return (
        _word_count(text) >= 2
        and _marked(doc, block, _STANDFIRST_CLASS)
        and not any(element.name in _NOT_STANDFIRST for element in elements)
    )


def _marked(doc: HtmlDocument, block: int, names: regex.Pattern[str]) -> bool:
    """Whether the page marks a block with a class ``names`` finds: a class of the block's own element, or, when that
    has none, of the element around it (a bare ``<p>`` in ``<div class="standfirst">``); further out, a class names a
    part of the page (a header), not the block.

    >>> doc = HtmlDocument('<body><div class="standfirst"><p>Both sides will meet again</p></div>'
    ...                    '<div class="entry-subhead"><div class="entry-meta">By Ann Lee</div></div></body>')
    >>> _marked(doc, 0, _STANDFIRST_CLASS), _marked(doc, 1, _STANDFIRST_CLASS)
    (True, False)
    """
    for element in itertools.islice(doc.elements_around(block), 2):
        classes = _classes(doc, element)
        if classes:
            return any(names.search(name) for name in classes)
    return False


def _classes(doc: HtmlDocument, element: Element) -> list[str]:
    """An element's classes, as its start tag names them."""
    found = _CLASS.search(doc.source, element.start, element.content_start)
    return next((group for group in found.groups() if group is not None), "").split() if found else []


def _hold_built_alike(doc: HtmlDocument, verdicts: Sequence[bool], texts: Sequence[str], held: list[bool]) -> None:
    """Hold back the blocks built as two or more of the article's are (see :func:`held_back`)."""
    named: dict[int, str] = {}  # each element's name and classes, by where it starts (blocks share their parents)
    # only blocks aligned by their words count (a short one is in the article where its words stand near it)
    in_article = Counter(
        shape
        for number, text in enumerate(texts)
        if verdicts[number] and len(text.split()) >= ALIGN_WORDS and (shape := _shape(doc, number, named)) is not None
    )
    built = {shape for shape, count in in_article.items() if count >= 2}
    if not built:
        return
    for number, text in enumerate(texts):
        if text and not verdicts[number] and not held[number] and _shape(doc, number, named) in built:
            held[number] = True


def _shape(doc: HtmlDocument, block: int, named: dict[int, str]) -> tuple[str, ...] | None:
    """The names and classes of the BUILT_DEPTH innermost elements around a block (``named`` keeps each element's
    once read); None when it has fewer, when none of them has a class (a bare ``<div>`` is any part of any page),
    or when one is a link.

    >>> doc = HtmlDocument('<body><div class="post body"><p>Text.</p><p><a>Elsewhere</a></p></div><div><p>More.</p></div></body>')
    >>> _shape(doc, 0, {}), _shape(doc, 1, {}), _shape(doc, 2, {})
    (('p', 'div.body.post', 'body'), None, None)
    """
    elements = list(itertools.islice(doc.elements_around(block), BUILT_DEPTH))
    if len(elements) < BUILT_DEPTH or any(element.name == "a" for element in elements):
        return None
    shape = []
    for element in elements:
        name = named.get(element.start)
        if name is None:
            name = named[element.start] = ".".join([element.name, *sorted(_classes(doc, element))])
        shape.append(name)
    return tuple(shape) if any("." in part for part in shape) else None


def _word_count(text: str) -> int:
    """The words of a text as the guards count them: between spaces, two letters of a script written without
    spaces (Chinese, Japanese, Thai) counting as one, so that a Japanese headline is no single word.

    >>> _word_count("Talks end in Astana"), _word_count("岸田首相が訪米へ"), _word_count("新闻网")
    (4, 4, 1)
    """
    return len(UNSPACED_SCRIPT.sub(" ", text).split()) + len(UNSPACED_SCRIPT.findall(text)) // 2


def _squeezed(text: str) -> str:
    """A block's words as the guards compare them: case folded, spacing squeezed, placeholders dropped.

    >>> _squeezed("\\ufffc Golem  Application\\nDevelopment ")
    'golem application development'
    """
    return " ".join(text.replace(OBJECT, " ").casefold().split())


def article_only(page: str) -> str | None:
    """A whole page as a source text: the page with everything but its article blanked, character for character (a
    space for each, line breaks kept), so its text is the article's and every offset is the page's as sent; None when
    ``page`` is no whole page, or the extractor finds no article in it.

    A translation of the article has no menu, footer or copyright line: compared with the whole page it would be
    missing all of them (LQ208), their numbers (LQ201), their paragraphs (LQ205) and their links (LQ210). The article
    is the blocks the extractor finds, from its headline on (:func:`_head`), but a control's (a button's "OK", a
    label, a list's option): the extractor often drops the headline and a standfirst, which a translation of the
    article has too, and takes a short block for the article's wherever its words stand in the text (a menu's
    "Politics", a tag): before the headline, with nothing longer there, such blocks are not the article's; nor is a
    byline or a date line between the headline and the text, which the extractor keeps too. The other blocks
    :func:`held_back` holds for BP120 stay out (a table of contents, blocks built as the article's are: the answers of
    a thread, but reader comments as well): an article left whole is the lesser harm there, a source with more than
    the article is not. The page's ``<title>`` goes: the article's own headline is in its body. What goes: all
    before the article's first block and after its last (tags too), and between them the blocks outside it, each
    with the smallest element that holds it alone.

    >>> page = ("<html><head><title>Talks end in Astana | Daily</title></head><body><nav><a href='/'>Home</a></nav>"
    ...         "<h1>Talks end in Astana</h1><article>"
    ...         + "<p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>" * 3
    ...         + "</article><footer><p>© 2024 Daily</p></footer></body></html>")
    >>> source = article_only(page)
    >>> len(source) == len(page), HtmlDocument(source).text.count("talks"), "2024" in source, "href" in source
    (True, 3, False, False)
    >>> at = page.index("<h1>")
    >>> source[at : at + 30] == page[at : at + 30], "<title>" in source
    (True, False)
    >>> article_only("<p>The talks in Astana ended on Friday.</p>") is None
    True
    """
    if not is_page(page):  # (before it is parsed: judge would only say so)
        return None
    doc = HtmlDocument(page)
    judgement = judge(doc)
    if judgement is None:
        return None
    body = body_start(page)
    worded = [bool(_WORD.search(doc.text, block.start, block.end)) for block in doc.blocks]
    found = [
        number for number, (there, block) in enumerate(zip(judgement.in_article, doc.blocks))
        if there and worded[number] and doc.enclosing_span(block.start, block.end).start >= body
        and not any(element.name in _CONTROLS for element in doc.elements_around(number))
    ]
    if not found:
        return None
    texts = [_squeezed(doc.text[block.start : block.end]) for block in doc.blocks]
    article = set(found)
    head = _head(doc, judgement, found, texts)
    if head is not None:
        before = [number for number in found if number < head.headline and texts[number] != texts[head.headline]]
        if all(_word_count(texts[number]) < ALIGN_WORDS for number in before):
            # the article starts at its headline: a short block before it the extractor's text has only its words of
            # (a menu's "Politics", a tag, a vote count), or a copy of the headline (in a list of stories), where
            # nothing else longer stands before it
            article = {number for number in article if number > head.headline}
        article |= {head.headline, *(number for number in head.standfirst if worded[number])}
        article -= set(head.bylines)
    kept = sorted(article)
    first, last = doc.block_region(kept[0]), doc.block_region(kept[-1])
    blanks = [(0, first.start)]
    blanks += [
        (region.start, region.end)
        for number in range(kept[0] + 1, kept[-1])
        if number not in article and worded[number]
        for region in (doc.block_region(number),)
    ]
    blanks.append((last.end, len(page)))
    pieces, position = [], 0
    for start, end in blanks:
        if start < position:  # (regions do not overlap; an element's may hold a placeholder's markup another holds)
            start = position
        if end <= start:
            continue
        pieces.append(page[position:start])
        pieces.append(_NOT_LINE_BREAK.sub(" ", page[start:end]))
        position = end
    pieces.append(page[position:])
    return "".join(pieces)


class _Head(NamedTuple):
    """Where a page's article starts (:func:`_head`): its headline, and between it and the article's text, the blocks
    the extractor left out that are the article's all the same, and those it took that are not."""

    headline: int
    standfirst: list[int]
    bylines: list[int]


def _head(doc: HtmlDocument, judgement: Judgement, found: Sequence[int], texts: Sequence[str]) -> _Head | None:
    """Where a page's article starts (``found``: the blocks the extractor finds, in the body; ``texts``: each block's
    :func:`_squeezed`): its headline, a block with the headline's text (:func:`held_back`) that the extractor finds
    or the page holds back, no link (a copy in a list of stories is one), that the article's text follows soonest
    (the next block of ALIGN_WORDS words or more the extractor finds, not a byline: a copy after the article, or one
    far above the headline, is followed later); without one, a heading with the text of the title's first part, of
    fewer words ("Так. | Новини"). Between them: the blocks that the extractor left out and that read as a
    standfirst (not another copy of the headline, nor a date: the guard of :func:`held_back`'s standfirst), and the
    blocks it took that the page marks as a byline or a date line (a ``<time>``, or a class :data:`_BYLINE_CLASS`
    finds, see :func:`_marked`: "By Ann Lee, 14.03.2023 10:45", which a translation of the article does not have).
    None without such a headline.

    >>> page = ("<html><head><title>Talks end in Astana | Daily</title></head><body>"
    ...         "<ul><li><a href='/talks'>Talks end in Astana</a></li></ul><h1>Talks end in Astana</h1>"
    ...         "<h2>Both sides will meet again in March, the ministry said.</h2>"
    ...         + "<p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>" * 3
    ...         + "</body></html>")
    >>> doc = HtmlDocument(page)
    >>> judgement = Judgement([True, False, False, False, True, True, True], [False, True, True, True, False, False, False])
    >>> _head(doc, judgement, [4, 5, 6], [_squeezed(doc.text[block.start : block.end]) for block in doc.blocks])
    _Head(headline=2, standfirst=[3], bylines=[])
    """
    headlines = _headlines(doc, texts)
    inside = set(found)
    # the article's text: its long blocks, not a dated byline of four words or more ("ニュース 14.03.2023 10:45")
    long = [number for number in found if _word_count(texts[number]) >= ALIGN_WORDS and not _dated(doc, number)]
    named = [
        number
        for number, text in enumerate(texts)
        if (judgement.held[number] or number in inside) and text in headlines
    ]
    head = _soonest_followed(doc, named, long)
    parts = _TITLE_SEPARATOR.split(_title(doc, texts))
    if head is None and len(parts) > 1 and parts[0]:
        # a headline too short to name one for BP120 ("Так. | Новини"): a heading with the text of the title's
        # first part (a site's name, as short, is mostly its last part, or a link)
        short = [
            number for number, text in enumerate(texts) if text == parts[0] and doc.blocks[number].kind == "heading"
        ]
        head = _soonest_followed(doc, short, long)
    if head is None:
        return None
    headline, text_start = head
    standfirst = [
        number
        for number in range(headline + 1, text_start)
        if not judgement.in_article[number] and texts[number] not in headlines
        and _reads_as_standfirst(doc, number, texts[number])
    ]
    bylines = [number for number in range(headline + 1, text_start) if number in inside and _dated(doc, number)]
    return _Head(headline, standfirst, bylines)


def _soonest_followed(doc: HtmlDocument, candidates: Sequence[int], long: Sequence[int]) -> tuple[int, int] | None:
    """Of the ``candidates`` for a headline that are no link (a copy in a list of stories is one), the one the
    article's text follows soonest, and where that text starts (``long``: the article's long blocks, in order)."""
    head: tuple[int, int] | None = None
    for number in candidates:
        after = bisect.bisect_right(long, number)
        if (
            after < len(long)
            and (head is None or long[after] - number <= head[1] - head[0])
            and not any(element.name == "a" for element in doc.elements_around(number))
        ):
            head = (number, long[after])
    return head


def _dated(doc: HtmlDocument, block: int) -> bool:
    """Whether the page marks a block as a byline or a date line: its text is a ``<time>``'s (one of the two innermost
    elements around it is one), or it is :func:`_marked` with a class :data:`_BYLINE_CLASS` finds.

    >>> doc = HtmlDocument('<body><p class="meta"><span>Daily</span> <time>14.03.2023</time></p>'
    ...                    '<div><time>March 14</time></div><p>The talks ended on <time>Friday</time>.</p></body>')
    >>> [_dated(doc, number) for number in range(3)]
    [True, True, False]
    """
    return _marked(doc, block, _BYLINE_CLASS) or any(
        element.name == "time" for element in itertools.islice(doc.elements_around(block), 2)
    )


def body_start(source: str) -> int:
    """Where the page's body starts (0 without one).

    >>> body_start("<html><head><title>T</title></head><body><p>Text.</p></body></html>")
    35
    """
    found = _BODY.search(source)
    return found.start() if found else 0


def main_text(source: str) -> str | None:
    """The article text the extractor finds in a whole page; ``None`` when it finds none (or
    fails on the page: then nothing is judged chrome by it)."""
    import trafilatura

    try:
        _stoplist_hashed_once()  # inside: should trafilatura change, the page goes unjudged, the fix goes on
        document = trafilatura.bare_extraction(
            source, favor_recall=True, include_comments=False, include_tables=True, with_metadata=False
        )
    except Exception:  # noqa: BLE001  (an extractor failure must never fail the fix: the page is not judged)
        return None
    text = getattr(document, "text", None)
    return text if isinstance(text, str) and text.strip() else None


def preload() -> None:
    """Load the extractor now (trafilatura and the modules it loads on its first page and first metadata:
    0.4 CPU s here, seconds on a busy machine), so that a service's first whole page, or first request for
    metadata, does not wait for it."""
    main_text("<html><body><p>Loaded.</p></body></html>")
    metadata("<html><head><title>Loaded</title></head><body></body></html>")


def _stoplist_hashed_once() -> None:
    """Give trafilatura's justext fallback its stop words (all languages, 154,000) as a frozenset.

    trafilatura keeps them in a tuple, and justext looks the list up in an ``lru_cache`` keyed by
    it: a tuple's hash is computed afresh on every call, 12 ms a page, more than the whole check of
    a short page (measured on generated pages; on 179 real pages the fallback ran 3 times). A
    frozenset keeps its hash, and justext reads either as the same set of words.
    """
    from trafilatura import external

    words: object = getattr(external, "JT_STOPLIST", frozenset())
    if not isinstance(words, frozenset):
        setattr(external, "JT_STOPLIST", frozenset(external.jt_stoplist_init()))  # noqa: B010  (its declared type is the tuple)


def metadata(source: str) -> PageMetadata:
    """Title, author, date, site name and canonical URL, as the extractor finds them in a page.

    >>> metadata('<html><head><title>Talks end | Daily News</title>'
    ...          '<link rel="canonical" href="https://example.com/talks"></head><body></body></html>').url
    'https://example.com/talks'
    """
    import trafilatura

    try:
        found = trafilatura.extract_metadata(source)
    except Exception:  # noqa: BLE001  (as main_text: no metadata rather than a failed fix)
        return PageMetadata()

    def field(name: str) -> str | None:
        value = getattr(found, name, None)
        return value.strip() or None if isinstance(value, str) else None

    return PageMetadata(field("title"), field("author"), field("date"), field("sitename"), field("url"))


def in_article(text: str, blocks: Sequence[Block], extracted: str | None) -> list[bool]:
    """Per block of a document: whether its words are in the ``extracted`` article text (every
    block is, when nothing was extracted), aligned as the module's docstring says. Placeholders of
    code and images (U+FFFC) are skipped: the extractor keeps the code's text.

    >>> from copyedit.document import Block
    >>> text = "Home\\n\\nThe talks ended on Friday at last.\\n\\nHome"
    >>> blocks = [Block(0, 4, "paragraph"), Block(6, 37, "paragraph"), Block(39, 43, "paragraph")]
    >>> in_article(text, blocks, "The talks ended on Friday at last. Home")
    [False, True, True]
    """
    if extracted is None:
        return [True] * len(blocks)
    words = extracted.casefold().split()
    joined = " ".join(words)
    starts: list[int] = []
    offset = 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    trigrams: dict[tuple[str, str, str], list[int]] = {}
    for index in range(len(words) - 2):
        trigrams.setdefault((words[index], words[index + 1], words[index + 2]), []).append(index)
    block_words = [[w for w in text[b.start : b.end].casefold().split() if w != OBJECT] for b in blocks]
    # Long blocks first: where each stands in the extracted text (None: not in it).
    found: list[tuple[int, int] | None] = [None] * len(blocks)
    cursor = 0
    for number, bw in enumerate(block_words):
        if len(bw) < ALIGN_WORDS:
            continue
        positions = []
        for index in range(len(bw) - 2):
            at = trigrams.get((bw[index], bw[index + 1], bw[index + 2]))
            if at:
                after = bisect.bisect_left(at, cursor)  # the next occurrence in reading order
                positions.append(at[after] if after < len(at) else at[0])
        if positions and len(positions) >= TRIGRAM_SHARE * (len(bw) - 2):
            last = max(positions) + 2
            found[number] = (starts[min(positions)], starts[last] + len(words[last]))
            cursor = last
    # Short blocks: in the article when found between the long blocks around them.
    before = [0] * len(blocks)
    edge = 0
    for number in range(len(blocks)):
        before[number] = edge
        edge = found[number][1] if found[number] else edge  # type: ignore[index]
    result = [True] * len(blocks)
    edge = len(joined)
    for number in range(len(blocks) - 1, -1, -1):
        bw = block_words[number]
        if len(bw) >= ALIGN_WORDS:
            result[number] = found[number] is not None
            edge = found[number][0] if found[number] else edge  # type: ignore[index]
        elif bw:
            short = " ".join(bw)
            if _word_count(short) >= ALIGN_WORDS:
                # a sentence without spaces (Chinese, Japanese), whole in the text, is the article's wherever it stands
                # there, as a long block is (the extractor may move the first paragraph last)
                result[number] = short in joined
            else:
                low, high = sorted((before[number], edge))
                result[number] = joined.find(short, max(0, low - len(short)), high + len(short)) != -1
    return result
