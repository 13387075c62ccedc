"""Main-content detection in the plain text of a web page (a scraper's or html-text's output):
which paragraphs at its top and bottom lie outside the article.

jusText (Pomikálek 2011; installed with trafilatura, which uses it too) classes paragraphs by
their length and their share of the language's stop words: a long paragraph dense in stop words
is prose ("good"), a short one takes its class from its neighbours, and one with a copyright sign
is chrome. The article runs from the first good paragraph to the last. Plain text has no markup to
tell more, and on clean articles jusText alone takes a short closing paragraph or a list of
results for chrome (one BBC article in thirteen), so the page's edge is marked by chrome that
other rules name (or a copyright sign): a paragraph is outside the article when it lies beyond
such a mark, on the side away from the article, and when

- the text has at least :data:`MIN_PROSE` good paragraphs (a whole page, not a fragment or a list);
- it is at most :data:`MAX_LENGTH` characters long (a longer one may be article text that jusText
  found too sparse in stop words: a list of references, MT of short sentences);
- it does not end as a sentence does (a full stop, a closing quotation mark): WMT documents join
  several articles, each closed by a copyright line, and their one-sentence paragraphs after it
  are no teasers (32 flags on WMT MT without this test, 6 with it).

What lies between the article and the mark nearest it stays (a headline, a caption, a last short
line). Each choice was made on the development half of the boilerplate pages
(``benchmarks/accuracy_boilerplate.py``); on the BBC articles and the WMT references nothing is found.

>>> prose = ("The talks in Astana ended on Friday without an agreement, and the ministry said that both sides would"
...          " meet again in the spring, when the committee has published its report, to settle the question of the border.")
>>> text = ["Home", "World news", "Talks end", prose, prose, "He left.", "Read more", "Most popular", "Sport"]
>>> sorted(outside_article(text, "en", chrome={6})), sorted(outside_article(text, "en", chrome={1, 6}))
([7, 8], [0, 7, 8])
>>> sorted(outside_article(text[:-1] + ["© 2024 Daily News"], "en", chrome=()))
[8]
>>> sorted(outside_article(text, "en", chrome=())), sorted(outside_article(text, "zh", chrome={1, 6}))
([], [])
"""

from __future__ import annotations

import functools
import types
import unicodedata
from collections.abc import Collection, Sequence
from typing import Any

MIN_PROSE = 2
MAX_LENGTH = 100
MAX_CLASSED = 1000
# How a paragraph that is a sentence ends (a teaser, a menu entry, a date does not)
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "»", "…")
# What jusText's paragraphs read of the page's markup: plain text has none (no heading, no link).
_NO_MARKUP = types.SimpleNamespace(dom="body.p", xpath="/body/p")


@functools.lru_cache(maxsize=None)
def _paragraph_class() -> Any:
    """jusText's paragraph for a plain-text paragraph, its text and words worked out once: jusText's own
    normalises the white space of its text at every read, seven times per paragraph (20 ms a page)."""
    from justext.paragraph import Paragraph

    class PlainParagraph(Paragraph):  # type: ignore[misc]  # (jusText ships no types)
        def __init__(self, text: str) -> None:
            super().__init__(_NO_MARKUP)
            self._words = text.split()
            self._text = " ".join(self._words)
            self.text_nodes.append(self._text)

        @property
        def text(self) -> str:
            return self._text

        @property
        def words_count(self) -> int:
            return len(self._words)

        def stopwords_count(self, stopwords: frozenset[str]) -> int:
            return sum(word.lower() in stopwords for word in self._words)

    return PlainParagraph


def outside_article(paragraphs: Sequence[str], language: str, chrome: Collection[int]) -> set[int]:
    """The indexes of the paragraphs outside the article (see the module's text); ``chrome``: the
    indexes of the paragraphs other rules name chrome. Nothing for a language without a stop list."""
    stoplist = stop_words(language)
    if stoplist is None:
        return set()
    copyright = [index for index, text in enumerate(paragraphs) if "\xa9" in text]
    if not chrome and not copyright:
        return set()  # no mark of a page's edge: most texts
    span = _prose_span(paragraphs, stoplist)
    if span is None:
        return set()
    first, last = span
    marks = set(chrome) | set(copyright)
    before = [index for index in marks if index < first]
    after = [index for index in marks if index > last]
    outside = {index for index in copyright if not first <= index <= last}
    if before:
        outside.update(range(max(before)))
    if after:
        outside.update(range(min(after) + 1, len(paragraphs)))
    return {
        index for index in outside
        if len(" ".join(paragraphs[index].split())) <= MAX_LENGTH and not paragraphs[index].rstrip().endswith(_SENTENCE_ENDS)
    }


def _prose_span(paragraphs: Sequence[str], stoplist: frozenset[str]) -> tuple[int, int] | None:
    """The indexes of the first and the last paragraph jusText classes good, None when it finds
    fewer than :data:`MIN_PROSE`.

    A paragraph good by its own length and stop words stays good whatever its neighbours, and a
    paragraph's class depends on the paragraphs between it and the nearest good one: the
    paragraphs up to the first such paragraph, and from the last, are classed alone, as in the
    whole text, and what lies between is not read twice (a page of thousands of paragraphs, or an
    article sent a thousand times over, costs as much as its edges). jusText's classing takes time
    in the square of a run of short paragraphs (8,000 menu lines: 7 s), so a text whose edge has
    more than :data:`MAX_CLASSED` paragraphs before its prose is not judged (the 179 boilerplate
    pages have 784 at most, 0.2 s).
    """
    from justext.core import LENGTH_HIGH_DEFAULT, STOPWORDS_HIGH_DEFAULT

    def good_alone(text: str) -> bool:
        words = text.split()
        if sum(map(len, words)) + len(words) - 1 <= LENGTH_HIGH_DEFAULT or "\xa9" in text:
            return False
        return sum(word.lower() in stoplist for word in words) >= float(STOPWORDS_HIGH_DEFAULT) * len(words)

    count = len(paragraphs)
    first = next((index for index in range(count) if good_alone(paragraphs[index])), None)
    last = next((index for index in reversed(range(count)) if good_alone(paragraphs[index])), None)
    if first is None or last is None or first == last:  # rare: the whole text is classed
        if count > MAX_CLASSED:
            return None
        good = _good(paragraphs, stoplist)
        return (good[0], good[-1]) if len(good) >= MIN_PROSE else None
    if first >= MAX_CLASSED or count - last > MAX_CLASSED:
        return None
    return _good(paragraphs[: first + 1], stoplist)[0], last + _good(paragraphs[last:], stoplist)[-1]


def _good(paragraphs: Sequence[str], stoplist: frozenset[str]) -> list[int]:
    """The indexes of the paragraphs jusText classes good (by their length, stop words and neighbours)."""
    from justext.core import classify_paragraphs, revise_paragraph_classification

    paragraph = _paragraph_class()
    classed = [paragraph(text) for text in paragraphs]
    classify_paragraphs(classed, stoplist)
    revise_paragraph_classification(classed)
    return [index for index, paragraph in enumerate(classed) if paragraph.class_type == "good"]


@functools.lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str] | None:
    """jusText's stop list for a language code ("en", "pt-BR"); None when it has none.

    >>> "the" in stop_words("en"), "que" in stop_words("es-MX"), stop_words("nb") is not None, stop_words("zh")
    (True, True, True, None)
    """
    import justext
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale(Locale.parse(language.replace("-", "_")).language).english_name or ""
    except (ValueError, UnknownLocaleError):
        return None
    # jusText's names are the English ones, with underscores and no accents ("Norwegian_Bokmal")
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).replace(" ", "_")
    if name not in justext.get_stoplists():
        return None
    return frozenset(justext.get_stoplist(name))
