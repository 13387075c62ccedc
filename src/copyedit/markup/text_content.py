"""Main-content detection in the plain text of a web page (a scraper's or html-text's output):
which paragraphs at its top and bottom lie outside the article.

jusText's algorithm (Pomikálek 2011) classes paragraphs by their length and their share of the
language's stop words: a long paragraph dense in stop words is prose ("good"), a short one takes
its class from its neighbours, and one with a copyright sign is chrome. Its stop lists are read
from the jusText package (installed with trafilatura); its classing is done here, in time linear
in the paragraphs (jusText's own takes the square of a run of short ones: 8,000 menu lines, 7 s)
and without importing it (with lxml and urllib: 0.07 s of every CLI run on scraped text). The article runs from the first good paragraph to the last. Plain text has no markup to
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
import importlib.util
from collections.abc import Collection, Sequence
from pathlib import Path

MIN_PROSE = 2
MAX_LENGTH = 100
# How a paragraph that is a sentence ends (a teaser, a menu entry, a date does not)
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "»", "…")
# jusText's defaults: a paragraph shorter than LENGTH_LOW characters is short; one with a share of
# stop words of at least STOPWORDS_HIGH is good when longer than LENGTH_HIGH, else near-good, as is
# one with at least STOPWORDS_LOW; any other is bad.
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32


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
        if _squeezed_length(paragraphs[index].split()) <= MAX_LENGTH and not paragraphs[index].rstrip().endswith(_SENTENCE_ENDS)
    }


def _prose_span(paragraphs: Sequence[str], stoplist: frozenset[str]) -> tuple[int, int] | None:
    """The indexes of the first and the last paragraph jusText classes good, None when it finds
    fewer than :data:`MIN_PROSE`.

    A paragraph good by its own length and stop words stays good whatever its neighbours, and a
    paragraph's class depends on the paragraphs between it and the nearest good one: the
    paragraphs up to the first such paragraph, and from the last, are classed alone, as in the
    whole text, and what lies between is not read twice (a page of thousands of paragraphs, or an
    article sent a thousand times over, costs as much as its edges).
    """
    # each paragraph's class by itself, from the start up to the first good one and from the end up to the last
    head: list[str] = []
    for text in paragraphs:
        head.append(_alone(text, stoplist))
        if head[-1] == "good":
            break
    tail: list[str] = []
    for text in reversed(paragraphs[len(head) :]):
        tail.append(_alone(text, stoplist))
        if tail[-1] == "good":
            break
    tail.reverse()
    if tail[:1] != ["good"]:  # rare: fewer than two good by themselves, and the whole text is classed
        good = [index for index, kind in enumerate(_in_context(head + tail)) if kind == "good"]
        return (good[0], good[-1]) if len(good) >= MIN_PROSE else None
    last = len(paragraphs) - len(tail)
    return _in_context(head).index("good"), last + len(tail) - 1 - _in_context(tail)[::-1].index("good")


def _squeezed_length(words: Sequence[str]) -> int:
    """The length of a text of these words with its white space squeezed."""
    return sum(map(len, words)) + len(words) - 1 if words else 0


def _alone(text: str, stoplist: frozenset[str]) -> str:
    """jusText's class of a paragraph by itself: short, near-good, good or bad (a plain-text paragraph
    has no link, no heading and no form)."""
    words = text.split()
    length = _squeezed_length(words)
    if "\xa9" in text or "&copy" in text:
        return "bad"
    if length < LENGTH_LOW:
        return "short"
    stop = sum(map(stoplist.__contains__, map(str.lower, words))) / len(words)  # each word asked in C
    if stop >= STOPWORDS_HIGH:
        return "good" if length > LENGTH_HIGH else "neargood"
    return "neargood" if stop >= STOPWORDS_LOW else "bad"


def classes(paragraphs: Sequence[str], stoplist: frozenset[str]) -> list[str]:
    """jusText's classes of plain-text paragraphs in context, "good" or "bad" (its
    ``revise_paragraph_classification`` without headings), in linear time.

    A short paragraph between good ones is good, between bad ones bad; between a good and a bad one
    it is good when a near-good one stands between it and the bad one, else bad. A near-good
    paragraph is bad when the nearest good or bad paragraphs on both sides are bad (the text's
    ends count as bad), else good; the near-good paragraphs are decided in order, each seeing those
    before it decided.

    >>> stop = stop_words("en")
    >>> prose = "The talks ended on Friday, and the ministry said that both of the sides would meet again in the spring, when the committee has published all of its report on the question of the border and of the trade."
    >>> classes(["Home", prose, "He left.", prose, "Read more"], stop)
    ['bad', 'good', 'good', 'good', 'bad']
    """
    return _in_context([_alone(text, stoplist) for text in paragraphs])


def _in_context(initial: Sequence[str]) -> list[str]:
    """:func:`classes` from each paragraph's class by itself (:func:`_alone`)."""
    before_sure, before_any = _nearest(initial)
    after_sure, after_any = (found[::-1] for found in _nearest(initial[::-1]))
    revised = list(initial)
    for index, kind in enumerate(initial):
        if kind != "short":
            continue
        previous, following = before_sure[index], after_sure[index]
        if previous == following:
            revised[index] = previous
        elif (previous == "bad" and before_any[index] == "neargood") or (following == "bad" and after_any[index] == "neargood"):
            revised[index] = "good"
        else:
            revised[index] = "bad"
    # near-good paragraphs, in order: every paragraph before one is decided by then
    after_decided = _nearest(revised[::-1])[0][::-1]
    for index, kind in enumerate(revised):
        if kind == "neargood":
            previous = revised[index - 1] if index else "bad"
            revised[index] = "bad" if previous == "bad" and after_decided[index] == "bad" else "good"
    return revised


def _nearest(kinds: Sequence[str]) -> tuple[list[str], list[str]]:
    """For each paragraph, the class of the nearest good or bad one before it (short and near-good
    ones passed over), and of the nearest one that is not short; "bad" before the first.

    >>> _nearest(["good", "short", "neargood", "short", "bad"])
    (['bad', 'good', 'good', 'good', 'good'], ['bad', 'good', 'good', 'neargood', 'neargood'])
    """
    sure_found, any_found = [], []
    sure = any_ = "bad"
    for kind in kinds:
        sure_found.append(sure)
        any_found.append(any_)
        if kind != "short":
            any_ = kind
            if kind != "neargood":
                sure = kind
    return sure_found, any_found


@functools.lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str] | None:
    """jusText's stop list for a language code ("en", "pt-BR"); None when it has none.

    The file is read from the installed jusText package without importing it; the language's
    English name comes from CLD2's table (``pycld2.LANGUAGES``), as jusText names its lists.

    >>> "the" in stop_words("en"), "que" in stop_words("es-MX"), stop_words("de") is not None, stop_words("zh")
    (True, True, True, None)
    """
    import pycld2

    code = language.replace("_", "-").split("-")[0].lower()
    name = next((name for name, language_code in pycld2.LANGUAGES if language_code == code), None)
    spec = importlib.util.find_spec("justext")
    if name is None or spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "stoplists" / f"{name.title().replace(' ', '_')}.txt"
    if not path.is_file():
        return None
    return frozenset(line.lower() for line in path.read_text(encoding="utf-8").splitlines())
