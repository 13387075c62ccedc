"""Checks that compare a translation with its source: numbers, dates, URLs, e-mail addresses,
handles, registered names, paragraph count and length.

Every check here does nothing without a source (``copyedit.check(text, source=...)``).
Source and translation are aligned sentence by sentence (:mod:`.align`), and each check
compares what an aligned pair mentions, so a finding points at the number or the sentence,
never a whole paragraph. Nothing is auto-fixed: a finding quotes both sides.

Numbers and dates are read in the source language's own scripts and conventions
(:mod:`.numbers`): 1,5 and 1 500 in Russian, 1.500 in German, 3万 and 7600億 in Japanese,
٢٠ in Arabic, מ-20 in Hebrew, 7月21日 and "21 июля" as dates.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import statistics
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import regex

from ..document import Block, paired_paragraphs
from ..errors import OptionError, check_deadline
from ..kinds.base import Context, Hit
from ..languages import UNSPACED_SCRIPT
from ..literals import LiteralScan
from ..model import Span as TextSpan
from .align import Alignment, Span, align_texts, source_paragraphs
from .covered import Covered

if TYPE_CHECKING:  # the number readers load only when there is a source to compare with (20 ms)
    from .names import RegistryEntry
    from .numbers import Mention

_SMALL = frozenset(Decimal(n) for n in range(11))
_HALF = Decimal("0.5")


def _small(mention: Mention) -> bool:
    """Whether a mention may stand for a word on the other side: a number up to ten ("three games", "a month"), and
    so one and a half ("a minute and a half" for 1分半).

    >>> from copyedit.qa.numbers import AND_A_HALF, Mention
    >>> def m(*values, tags=()): return Mention(0, 1, "", frozenset(map(Decimal, values)), tags=frozenset(tags))
    >>> _small(m("3")), _small(m("12")), _small(m("6", "6.5", tags=[AND_A_HALF])), _small(m("6.5"))
    (True, False, True, False)
    """
    from .numbers import AND_A_HALF

    if AND_A_HALF in mention.tags:
        return {value for value in mention.values if not (isinstance(value, Decimal) and value % 1 == _HALF)} <= _SMALL
    return mention.values <= _SMALL

# --- URLs, e-mail addresses, handles ---------------------------------------------------------

_EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Chinese and Japanese write an address between words with no space ("詳しくはhttps://example.org/aをご覧ください。"):
# after a CJK letter an address may start, and its path stops at a CJK letter or punctuation. (A site's name may be
# written in Han, "一休.com": see _unspaced_name_start.)
_CJK_LETTER = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_URL_CHARACTER = rf"[^\s<>\"“”«»{_CJK_LETTER}\u3000-\u303f\uff00-\uffef]"
_URL = regex.compile(
    rf"(?i)(?:\b|(?<=[{_CJK_LETTER}]))(?:https?://|www\.){_URL_CHARACTER}+"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|kz|tr|gov|edu|info|io|uk)(?:/{_URL_CHARACTER}*)?(?:\b|(?=[{_CJK_LETTER}]))"
)
# after a word character it is part of an e-mail address or a word ("C#"), but Chinese and Japanese write a
# handle right after the word before it ("打开@芳芳一人食")
_HANDLE = regex.compile(r"(?<![@.])(?<!(?![\p{Han}\p{Hiragana}\p{Katakana}])\w)[@#][\p{L}\d_]{2,}")
# Japanese spells ".com" out in a company's name: アマゾン・ドット・コム is Amazon.com
_DOT_COM = regex.compile(r"(\p{Katakana}[\p{Katakana}ー]*)・?ドット・?コム")
_NON_LATIN = regex.compile(r"[^\x00-\x7f]+")
_URL_PREFIX = regex.compile(r"^(?:https?://)?(?:www\.)?")


_URL_ENDINGS = tuple("." + ending for ending in ("com", "org", "net", "ru", "kz", "tr", "gov", "edu", "info", "io", "uk"))
_DOT_ENDING_START = re.compile("[.][" + "".join(sorted({ending[1] for ending in _URL_ENDINGS})) + "]")
# Beyond ASCII, `regex` matches İ, ſ and K (Kelvin) to ASCII letters ignoring case
_FOLDS_TO_ASCII = ("\u0130", "\u017f", "\u212a")


def _url_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` that _URL may match in, in order: each word (a run of characters
    between white space) that holds what _URL needs, "://", "www." or a domain ending, in any case.

    A match of _URL holds no white space and one of those, so it lies in such a word, and the
    pattern is run there alone: most texts have none, and a text with one is not read whole
    (_URL's domain alternative tries its look-ahead at each word: 0.3 ms for a page of news).

    >>> text = "See Kremlin.RU today or www.x.org/a b"
    >>> [text[a:b] for a, b in _url_words(text, 0, len(text))], _url_words("See the Kremlin today", 0, 21)
    (['Kremlin.RU', 'www.x.org/a'], [])
    """
    if not text.isascii() and any(letter in text for letter in _FOLDS_TO_ASCII):
        return [(start, end)]  # (then any letter may be one of theirs, and lower() may change the text's length)
    low = text[start:end].lower()
    marks = []
    for needle in ("://", "www."):
        mark = low.find(needle)
        while mark != -1:
            marks.append(mark)
            mark = low.find(needle, mark + 1)
    # a domain ending is a full stop and a letter that starts one: `re` finds those (few: a sentence's full stop has a
    # space after it), not a search for each of the eleven
    marks.extend(stop.start() for stop in _DOT_ENDING_START.finditer(low) if low.startswith(_URL_ENDINGS, stop.start()))
    words: list[tuple[int, int]] = []
    for mark in sorted(marks):
        mark += start
        if words and mark < words[-1][1]:
            continue  # in the word before
        before, after = _SPACE_BEFORE.search(text, start, mark), _SPACE.search(text, mark, end)
        words.append((before.end() if before else start, after.start() if after else end))
    return words


_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"(?r)\s")  # the last white space before a position


def _normal_url(url: str) -> str:
    """
    >>> _normal_url("https://www.Kremlin.ru/events/."), _normal_url("kremlin.ru/events")
    ('kremlin.ru/events', 'kremlin.ru/events')
    """
    url = url.rstrip(".,;:!?)»”’'").lower()
    url = _URL_PREFIX.sub("", url)
    return url.rstrip("/")


def address_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """URLs, e-mail addresses and @handles / #hashtags, normalised for comparison.

    >>> [sorted(m.values)[0] for m in address_mentions("Write to press@akorda.kz or see https://akorda.kz/ru and @TokayevKZ.")]
    ['press@akorda.kz', 'akorda.kz/ru', '@tokayevkz']
    >>> [m.raw for m in address_mentions("as if #23 and #17 were one publisher #G20 #2023年")]
    ['#G20', '#2023年']

    A hashtag, an e-mail address's name and a site's name (with no ``https://``, ``www.`` or
    path: a name, not a link) written in another script are words a translation renders in
    English: they are tagged "rendered" (see :func:`_renders`).

    >>> [(m.raw, sorted(m.values), sorted(m.tags)) for m in address_mentions("в «Газету.Ru», #на Азовсталь,米アマゾン・ドット・コム")]
    [('Газету.Ru', ['газету.ru'], ['rendered']), ('#на', ['#на'], ['rendered']), ('アマゾン・ドット・コム', ['アマゾン.com'], ['rendered'])]
    """
    from .numbers import Mention

    end = len(text) if end is None else end
    found: list[Mention] = []
    taken = Covered(start, end)

    def add(at: int, raw: str, value: str, rendered: bool, unspaced: bool = False) -> None:
        tags = frozenset(tag for tag, holds in (("rendered", rendered), ("unspaced", unspaced)) if holds)
        found.append(Mention(at, at + len(raw), raw, frozenset({value}), tags=tags))
        taken.append((at, at + len(raw)))

    # each pattern runs only where what it needs is: "@" in the text, a link in a word with "://", "www." or a domain ending
    at_sign = text.find("@", start, end) != -1
    for match in _EMAIL.finditer(text, start, end) if at_sign else ():
        add(match.start(), match.group(), match.group().lower().rstrip("."), bool(_NON_LATIN.search(match.group().split("@")[0])))
    for match in (match for word in _url_words(text, start, end) for match in _URL.finditer(text, *word)):
        if match.start() in taken:
            continue
        raw = match.group().rstrip(".,;:!?)»”’'")
        at = match.start()
        if UNSPACED_SCRIPT.search(raw, 0, raw.find(".")):
            cut = _unspaced_name_start(raw)  # "レストラン予約するなら一休.com": the site is 一休.com
            at, raw = at + cut, raw[cut:]
        value = _normal_url(raw)
        add(at, raw, value, value == raw.lower() and "/" not in value and bool(_NON_LATIN.search(value)))
    for match in _DOT_COM.finditer(text, start, end) if not text.isascii() else ():
        add(match.start(), match.group(), match.group(1) + ".com", True)
    for match in _HANDLE.finditer(text, start, end) if at_sign or text.find("#", start, end) != -1 else ():
        if match.start() in taken:
            continue
        handle = match.group()
        if handle[0] == "#" and not any(char.isalpha() for char in handle):
            continue  # "#23" is a number sign ("as if #23 and #17" for 第23和17), no hashtag
        # in Chinese or Japanese the words after a handle run on in it: "@芳芳一人食抖音账号" is the handle
        # @芳芳一人食 and "Douyin account" (see :func:`_same`)
        unspaced = UNSPACED_SCRIPT.search(handle) is not None
        add(match.start(), handle, handle.lower(), handle[0] == "#" and bool(_NON_LATIN.search(handle)), unspaced)
    return sorted(found, key=lambda m: m.start)


_HAN = regex.compile(r"\p{Han}")
# The scripts a site's name may be written in, in a text without spaces: its name is the run of one of them
# (with Latin letters and digits) before the domain ending
_NAME_SCRIPTS = (_HAN, regex.compile(r"[\p{Katakana}ー・]"), regex.compile(r"\p{Hiragana}"))


def _unspaced_name_start(raw: str) -> int:
    """Where a site's name starts in a domain whose first label ran on into the words before it, in Chinese
    or Japanese: a Latin name before the ending stands alone ("…ならabc123.com"); else the name is the run of one
    script (with digits and hyphens) that ends the label.

    >>> raw = "レストラン予約するなら一休.com"
    >>> raw[_unspaced_name_start(raw):], _unspaced_name_start("楽天.co.jp"), _unspaced_name_start("した価格.com")
    ('一休.com', 0, 2)
    >>> _unspaced_name_start("アマゾンした.com"), _unspaced_name_start("見るならabc123.com"), _unspaced_name_start("それで楽天24.com")
    (4, 4, 3)
    """
    label = raw[: raw.find(".")]
    start = len(label)
    while start > 0 and label[start - 1].isascii() and (label[start - 1].isalnum() or label[start - 1] == "-"):
        start -= 1
    if sum(char.isalpha() for char in label[start:]) >= 2:
        return start
    last = label[start - 1] if start else ""
    script = next((pattern for pattern in _NAME_SCRIPTS if pattern.match(last)), None)
    while start > 0 and script is not None and script.match(label[start - 1]):
        start -= 1
    return start


def _renders(source: Mention, target: Mention) -> bool:
    """Whether a target address may be the English of a source one tagged "rendered": the same
    but for what the source writes in another script (#на → #to, Газету.Ru → Gazeta.Ru,
    一休.com → ikyu.com, запрошення@click4survey.cz → invitation@click4survey.cz).

    >>> from copyedit.qa.numbers import Mention
    >>> def m(value, tags=()): return Mention(0, 1, value, frozenset({value}), tags=frozenset(tags))
    >>> _renders(m("газету.ru", ["rendered"]), m("gazeta.ru")), _renders(m("газету.ru", ["rendered"]), m("gazeta.com"))
    (True, False)
    >>> _renders(m("fótbolti.net", ["rendered"]), m("football.net")), _renders(m("kp.ru"), m("up.ru"))
    (False, False)
    """
    if "rendered" not in source.tags:
        return False
    for value in source.values:
        parts = _NON_LATIN.split(value)
        pattern = r"[\w.-]+".join(map(regex.escape, parts))
        if any(isinstance(other, str) and regex.fullmatch(pattern, other) for other in target.values):
            return True
    return False


# --- alignment ------------------------------------------------------------------------------


def source_language(context: Context) -> str:
    """The source's language: as given (``source_lang``), else detected from the source text
    (:func:`detect_source_language`), else English.

    >>> source_language(Context(source="Der Bundestag hat am Donnerstag das neue Gesetz beschlossen."))
    'de'
    >>> source_language(Context(source="Der Bundestag", source_lang="de-AT")), source_language(Context())
    ('de', 'en')
    """
    return context.given_source_language or detect_source_language(context.source or "") or "en"


@functools.lru_cache(maxsize=16)
def detect_source_language(source: str, sample: int = 2000) -> str | None:
    """The language of a source text's first ``sample`` characters, or None when it has no letters:
    CLD2's (pycld2, under 1 ms) when it is reliably sure, else langdetect's (about 20 ms).

    On the 1,111 distinct sources of the WMT and MQM corpora CLD2 was reliably sure of 1,095 and
    right on all but one (a Ukrainian text heavy with Russian words); langdetect alone was wrong
    on 50, 47 of them Icelandic, a language it does not have (it says Norwegian). Together they
    are right on 1,108 (issue 15).

    >>> detect_source_language("Ríkisstjórnin kynnti í gær nýjar aðgerðir vegna faraldursins og sagði að þær tækju gildi á mánudag.")
    'is'
    >>> detect_source_language("Der Bundestag hat am Donnerstag das neue Gesetz beschlossen."), detect_source_language(" 12 ")
    ('de', None)
    """
    if not source.strip():
        return None
    head = source[:sample]
    sure = _reliable_cld2_language(head)
    if sure is not None:
        return sure
    from .language import detect_language

    found = detect_language(head)
    return found[0].split("-")[0].lower() if found else None


CLD2_MIN_PERCENT = 60  # share of the text in the top language; the sources measured had 69 or more


def _reliable_cld2_language(text: str) -> str | None:
    """The language CLD2 reliably finds most of a text in, or None when it is unsure or cannot read the text.

    >>> _reliable_cld2_language("Премьер-министр заявил в четверг, что правительство примет новые меры поддержки."), _reliable_cld2_language("OK 123")
    ('ru', None)
    """
    from .language import cld2_language

    found = cld2_language(text)
    return found[0] if found is not None and found[1] >= CLD2_MIN_PERCENT else None


@functools.lru_cache(maxsize=8)
def _digits(text: str) -> str:
    from .numbers import ascii_digits

    return ascii_digits(text)


@functools.lru_cache(maxsize=16)
def _numbers_in(text: str, lang: str) -> tuple[Mention, ...]:
    """The numbers of a whole text, less the days and months of its dates (the date check's) and the digits of its
    links and e-mail addresses (the address check's: "see http://x.com/8" has no number 8).

    >>> [m.raw for m in _numbers_in("It costs 9 rubles (see http://x.com/8, www.site.ru/2023/05 or info24@site.ru).", "en")]
    ['9']
    """
    from .numbers import number_mentions

    dates = _dates_in(text, (lang,))  # the anchors' dates: read once
    links = [address for address in _addresses_in(text) if address.raw[0] not in "@#"]  # not a handle or hashtag ("#G20")
    digits = _digits(text)
    found: list[Mention] = []
    for start, end in _windows(text):
        check_deadline()
        found.extend(number_mentions(digits, lang, start, end))
    if not dates and not links:
        return tuple(found)  # nothing to leave out (most translations)
    days, addresses = Covered(0, len(text)), Covered(0, len(text))
    for date in dates:
        days.append((date.start, date.end))
    for link in links:
        addresses.append((link.start, link.end))
    return tuple(m for m in found if not (len(m.raw) <= 2 and m.start in days) and m.start not in addresses)


_WINDOW = 1 << 16  # the characters of a long text read at a time, its deadline checked between (a 4 MB source: 10 s)
# where a window may end: after a sentence (or a line), no number runs on across it
_WINDOW_BREAK = regex.compile(r"[.!?…][\p{Pf}\p{Pe}\"']*\s+|[。！？]|\n")


def _windows(text: str, size: int = _WINDOW) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` of about ``size`` characters (at most), each ending after a sentence where one ends in
    its second half, together the whole text: a long text is read window by window.

    >>> list(_windows("One. Two. Three. Four.", 10)), list(_windows("Short.", 10))
    ([(0, 10), (10, 17), (17, 22)], [(0, 6)])
    """
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            ends = [match.end() for match in _WINDOW_BREAK.finditer(text, start + size // 2, end)]
            end = ends[-1] if ends else end
        yield start, end
        start = end


@functools.lru_cache(maxsize=16)
def _dates_in(text: str, languages: tuple[str, ...]) -> tuple[Mention, ...]:
    from .numbers import date_mentions, dates_read_alike

    if len(languages) > 1 and dates_read_alike(_digits(text), languages):
        return _dates_in(text, languages[:1])  # a translation read in its language and the source's: the anchors' dates
    return tuple(date_mentions(_digits(text), languages))


@functools.lru_cache(maxsize=16)
def _addresses_in(text: str) -> tuple[Mention, ...]:
    return tuple(address_mentions(text))


def sentence_anchors(text: str, span: Span, side: str, lang: str = "en") -> frozenset[Hashable]:
    """What a sentence shares with its translation, for the aligner: its numbers' values
    (above ten: small numbers are often words, but 二十四 and "twenty-four" count), its dates'
    days and months, and its addresses.

    >>> sorted(map(str, sentence_anchors("Погибли 44 человека, 3 ранены.", Span(0, 30), "source", "ru")))
    ['1944', '2044', '44']
    >>> sorted(map(str, sentence_anchors("Саммит прошёл 9 декабря.", Span(0, 24), "source", "ru")))
    ['(12, 9)']
    """
    starts, values = _anchor_points(text, lang)
    first, last = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    if first == last:
        return _NO_ANCHORS
    return frozenset().union(*values[first:last])


_NO_ANCHORS: frozenset[Hashable] = frozenset()


@functools.lru_cache(maxsize=16)
def _anchor_points(text: str, lang: str) -> tuple[tuple[int, ...], tuple[frozenset[Hashable], ...]]:
    """The start and anchor values of each number, date and address of a whole text, in order
    of start: a sentence's anchors are those that start within it (found by bisection, not by
    reading every mention of the text for every sentence)."""
    points: list[tuple[int, frozenset[Hashable]]] = []
    for mention in _numbers_in(text, lang):
        values = frozenset(v for v in mention.values if not isinstance(v, Decimal) or v > _TEN)
        if values:
            points.append((mention.start, values))
    points.extend((mention.start, mention.values) for mention in _dates_in(text, (lang,)))
    points.extend((mention.start, mention.values) for mention in _addresses_in(text))
    points.sort(key=lambda point: point[0])
    return tuple(start for start, _ in points), tuple(values for _, values in points)


# (a Decimal compares with a Decimal in a third of the time it takes to compare with an int)
_TEN, _ZERO = Decimal(10), Decimal(0)


def _mentions_between(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start < end]


@functools.lru_cache(maxsize=8)
def _alignment(source: str, target: str, source_lang: str, target_lang: str) -> Alignment:
    def anchors(text: str, span: Span, side: str) -> frozenset[Hashable]:
        return sentence_anchors(text, span, side, source_lang if side == "source" else target_lang)

    return align_texts(source, target, anchors)


def aligned_sentences(doc: Any, context: Context) -> Alignment:
    """The sentences of the source and of the translation, aligned (see :mod:`.align`)."""
    return _alignment(context.source or "", doc.text, source_language(context), context.language)


Extract = Callable[[str, str, str], Sequence["Mention"]]


def _compare(
    doc: Any, context: Context, extract: Extract, what: str, added: bool = True, named: Callable[[Mention], bool] | None = None
) -> Iterator[Hit]:
    """Mentions of each source sentence missing from its translation, and the reverse.

    Sentences are aligned first; a mention counts as kept when the aligned target sentences,
    or those of the next bead on either side (a translator may move a number across a
    sentence boundary), have one of the same value. A target mention with no partner is
    reported on itself, quoting the source mentions left unmatched in the same bead ("“50”
    is not in the source; the source has “500”"); a source mention with no partner and
    nothing to pair it with is reported on the target sentence that translates its
    sentence, quoting that source sentence. With ``added=False`` a target mention is reported
    only when a source mention of its pair went unmatched too (a number changed, not one a
    translator added: a year, a total, a conversion). A target mention that ``named`` says is a
    name written so (a registered organisation's English name, "Chinanews.com") is no mention
    the source must have.
    """
    if not context.source:
        return
    from .numbers import as_written, imperial_units

    text, source = doc.text, context.source
    alignment = aligned_sentences(doc, context)
    source_lang = source_language(context)
    from_source = _Mentions(extract(source, source_lang, source_lang))
    from_target = _Mentions(extract(text, context.language, source_lang))
    if not from_source.mentions and not from_target.mentions:
        return  # nothing to compare (most documents have no address, many no date)
    # the beads with a mention on either side, in order: most beads have none, and nothing to compare
    source_beads, target_beads = alignment.bead_numbers()
    with_mentions = {source_beads[i] for i in from_source.sentences(alignment.source)}
    with_mentions.update(target_beads[j] for j in from_target.sentences(alignment.target))
    for index in sorted(with_mentions):
        check_deadline()  # a bead may hold thousands of mentions (a one-line translation of a long source)
        bead = alignment.beads[index]
        source_here = from_source.within(alignment.source, bead.source)
        target_here = from_target.within(alignment.target, bead.target)
        missing, extra = _unmatched(source_here, target_here, source)
        if named is not None and extra:
            extra = [m for m in extra if not named(m)]
        if not missing and not extra:
            continue
        if what == "Number" and missing and extra:
            # MT's "10, 000" for 1万: the number is right, written in pieces (a tokeniser's spaces)
            split = _pair_split_groups(extra, missing, text)
            in_source = bead_source_span(alignment, index) if split else None
            for pieces, number in split:
                start, end = pieces[0].start, pieces[-1].end
                yield Hit(
                    start, end,
                    message=f"Number “{text[start:end]}” is written in pieces: the source has {_quoted(source, [number])}",
                    source=TextSpan(number.start, number.end), source_sentence=in_source,
                )
            if not missing and not extra:
                continue
        around = alignment.neighbours(index)
        source_around = _Partners(from_source.within(alignment.source, around.source), "source")
        target_around = _Partners(from_target.within(alignment.target, around.target), "target")
        # a mention this bead paired already says its partner's value, not a rounding of another's: in "exceeded
        # 20,000 to 2213" for 2万人を超え、2万213人, "20,000" is 2万, so 2万213 is missing and 2213 is not in the source
        paired_target = {id(t) for t in target_here}.difference(map(id, extra))
        paired_source = {id(s) for s in source_here}.difference(map(id, missing))
        extra = [
            m for m in extra
            if not m.optional and not any(_same(s, m, rounding=id(s) not in paired_source) for s in source_around.partners(m))
        ]
        # nor does it stand for a second mention of its value: in "40 … and 45 against" for "40 …, против — тоже 40",
        # the second 40 is missing (and 45 not in the source), where a translation adds a number; a repeat it leaves
        # out ("in 2020 … that year") is no finding
        if any(not _small(m) for m in extra):
            target_around = _Partners([t for t in target_around.mentions if id(t) not in paired_target], "target")
        missing = [
            m for m in missing
            if not m.optional and not any(_same(m, t, rounding=id(t) not in paired_target) for t in target_around.partners(m))
        ]
        if missing and any(imperial_units(text, alignment.target[j].start, alignment.target[j].end) for j in bead.target):
            missing = [m for m in missing if "metric" not in m.tags]  # 30 cm became "a foot": a converted unit
        # a small number may stand for a word on the other side ("three games", "a month")
        extra = [m for m in extra if missing or (added and not _small(m))]
        missing = [m for m in missing if extra or not _small(m)]
        quoted = _quoted(source, missing)
        in_source = bead_source_span(alignment, index)
        evidence = TextSpan(missing[0].start, missing[0].end) if missing else in_source
        for mention in extra:
            if missing:
                detail = f"; the source has {quoted}"
            else:
                detail = _lone_day_detail(source, mention, source_around.mentions) if what == "Date" else ""
            yield Hit(
                mention.start, mention.end, message=f"{what} “{as_written(text, mention)}” is not in the source{detail}",
                source=evidence, source_sentence=in_source,
            )
        if missing and not extra:
            sentence = _sentence_of(alignment, index, source)
            first, last = _target_sentences(alignment, index)
            yield Hit(
                first.start,
                last.end,
                message=f"{what} {quoted} of the source is missing from the translation (source: “{sentence}”)"
                if len(missing) == 1
                else f"{_PLURALS[what]} {quoted} of the source are missing from the translation (source: “{sentence}”)",
                source=evidence, source_sentence=in_source,
            )


_PLURALS = {"Number": "Numbers", "Date": "Dates", "Address": "Addresses"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _lone_day_detail(source: str, date: Mention, source_around: Sequence[Mention]) -> str:
    """What a translation's date whose month the source does not give stands for: a lone day of the source (7日)
    that the source's other dates place in other months ("July 7" for 7日 in an article of February).

    >>> from copyedit.qa.numbers import Mention
    >>> lone = Mention(0, 2, "7日", frozenset((month, 7) for month in (1, 2, 3)), True, frozenset({"lone day"}))
    >>> _lone_day_detail("7日", Mention(0, 6, "July 7", frozenset({(7, 7)})), [lone])
    '; the source has “7日”, by its other dates a day of January, February or March'
    """
    from .numbers import LONE_DAY

    days = {day for _, day in date.values}
    for mention in source_around:
        if LONE_DAY in mention.tags and days & {day for _, day in mention.values}:
            months = [_MONTHS[month - 1] for month in sorted({month for month, _ in mention.values})]
            named = ", ".join(months[:-1]) + f" or {months[-1]}" if len(months) > 1 else months[0]
            return f"; the source has “{source[mention.start : mention.end]}”, by its other dates a day of {named}"
    return ""


class _Mentions:
    """A text's mentions, found by sentence: by bisection when they are in order of start (as every
    reader here gives them), else by reading them all."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        starts = [m.start for m in mentions]
        self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None

    def sentences(self, sentences: Sequence[Span]) -> set[int]:
        """The sentences (indices into ``sentences``, in order and apart) that a mention starts in, as
        :meth:`within` finds them: found by mention, not by sentence.

        >>> from copyedit.qa.numbers import Mention
        >>> _Mentions([Mention(start, start + 1, "", frozenset()) for start in (0, 12, 14, 31)]).sentences([Span(0, 10), Span(11, 20), Span(21, 30)])
        {0, 1}
        """
        starts = [sentence.start for sentence in sentences]
        found: set[int] = set()
        for mention in self.mentions:
            index = bisect.bisect_right(starts, mention.start) - 1
            if index >= 0 and mention.start < sentences[index].end:
                found.add(index)
        return found

    def within(self, sentences: Sequence[Span], indices: Sequence[int]) -> list[Mention]:
        """The mentions that start in the sentences ``indices``, sentence by sentence."""
        if self._starts is None:
            return _in_sentences(self.mentions, sentences, indices)
        found: list[Mention] = []
        for index in indices:
            sentence = sentences[index]
            found.extend(self.mentions[bisect.bisect_left(self._starts, sentence.start) : bisect.bisect_left(self._starts, sentence.end)])
        return found


# the tags of a mention that a translation may round ("1.2 million" for 1 193 000, "20 million" for 1993.03万)
_SCALED_TAGS = frozenset({"scaled", "scale-word"})
# the tags of a source mention that may pair with a target mention of no value in common (see :func:`_same`)
_LOOSE_TAGS = frozenset({"rendered", "unspaced"})
# how far apart a value and its rounding may be (:func:`_rounded_equal`: 5%), with a margin
_ROUNDING_LOW, _ROUNDING_HIGH = Decimal("0.949"), Decimal("1") / Decimal("0.949")


class _ValueIndex(NamedTuple):
    """A :class:`_Partners`' mentions (their indices) by value; of numbers, sorted by value, all (``numbers``) and
    those written with a scale (``scaled``); and those that pair by other means (``loose``)."""

    by_value: dict[Any, list[int]]
    loose: list[int]
    numbers: tuple[list[Decimal], list[int]]
    scaled: tuple[list[Decimal], list[int]]


class _Partners:
    """The mentions of one side of some sentences (``side``: "source" or "target"), by value: the mentions of the
    other side that :func:`_same` may pair with one of them are found without trying each (a sentence of a
    thousand numbers, or a one-sentence translation of a long source, aligned as one bead).

    >>> from copyedit.qa.numbers import Mention
    >>> def m(value, tags=()): return Mention(0, 1, str(value), frozenset({Decimal(value)}), tags=frozenset(tags))
    >>> targets = _Partners([m(40), m(45), m("20000000", ["scaled"]), m(40)], "target")
    >>> sorted(t.raw for t in targets.partners(m(40))), [t.raw for t in targets.partners(m("19930300", ["scaled"]))]
    (['40', '40'], ['20000000'])
    >>> taken = {targets.pair(m(40), set())}
    >>> taken, targets.pair(m(40), taken), targets.pair(m("19930300", ["scaled"]), taken), targets.pair(m(41), taken)
    ({0}, 3, 2, None)
    """

    def __init__(self, mentions: Sequence[Mention], side: str) -> None:
        self.mentions = mentions
        self._side = side
        self._first: dict[Any, int] = {}  # for pair(): where the mentions of a value not taken yet start

    @functools.cached_property
    def _index(self) -> _ValueIndex:
        """The mentions by value, made when first asked for: of the partners _compare makes of a bead's neighbours,
        19 in 20 are never asked (on 40 documents a corpus), nor one in seven of those _unmatched makes."""
        by_value: dict[Any, list[int]] = {}
        numbers: list[tuple[Decimal, int]] = []
        scaled: list[tuple[Decimal, int]] = []
        loose: list[int] = []
        for index, mention in enumerate(self.mentions):
            for value in mention.values:
                by_value.setdefault(value, []).append(index)
                if isinstance(value, Decimal) and value > _ZERO:
                    numbers.append((value, index))
                    if mention.tags & _SCALED_TAGS:
                        scaled.append((value, index))
            if self._side == "source" and mention.tags & _LOOSE_TAGS:
                loose.append(index)
        numbers.sort()
        scaled.sort()
        return _ValueIndex(
            by_value, loose, ([value for value, _ in numbers], [index for _, index in numbers]),
            ([value for value, _ in scaled], [index for _, index in scaled]),
        )

    def _others(self, mention: Mention) -> Iterator[int]:
        """The mentions ``mention`` may pair with but for a value in common: one it may be a rounding of or
        rounded to, and one written so that it pairs by other means (:data:`_LOOSE_TAGS`)."""
        if self._side == "target" and mention.tags & _LOOSE_TAGS:
            yield from range(len(self.mentions))
            return
        index = self._index
        yield from index.loose
        values, indices = index.numbers if mention.tags & _SCALED_TAGS else index.scaled
        if values:
            for value in mention.values:
                if isinstance(value, Decimal) and value > _ZERO:
                    low, high = bisect.bisect_left(values, value * _ROUNDING_LOW), bisect.bisect_right(values, value * _ROUNDING_HIGH)
                    yield from indices[low:high]

    def partners(self, mention: Mention) -> Iterator[Mention]:
        """The mentions :func:`_same` may pair ``mention`` (of the other side) with (some more than once)."""
        for value in mention.values:
            for index in self._index.by_value.get(value, ()):
                yield self.mentions[index]
        for index in self._others(mention):
            yield self.mentions[index]

    def pair(self, mention: Mention, taken: set[int]) -> int | None:
        """The first mention not ``taken`` that ``mention`` (of the other side) pairs with, as :func:`_unmatched`
        pairs them: the first with a value in common (and scales that agree: "20 тысяч" is not "20 million" nor
        "20"), else the first it may be a rounding of."""
        best: int | None = None
        for value in mention.values:
            indices = self._index.by_value.get(value)
            if not indices:
                continue
            first = self._first.get(value, 0)
            while first < len(indices) and indices[first] in taken:
                first += 1
            self._first[value] = first
            for index in itertools.islice(indices, first, None):
                if best is not None and index >= best:
                    break
                if index not in taken and _same(mention, self.mentions[index]):
                    best = index
                    break
        if best is not None:
            return best
        # (a mention with a value in common that did not pair above does not pair here either)
        return min((i for i in set(self._others(mention)) if i not in taken and _same(mention, self.mentions[i])), default=None)


def _in_sentences(mentions: Sequence[Mention], sentences: Sequence[Span], indices: Sequence[int]) -> list[Mention]:
    found: list[Mention] = []
    for index in indices:
        found.extend(_mentions_between(mentions, sentences[index].start, sentences[index].end))
    return found


def _same(source: Mention, target: Mention, rounding: bool = True) -> bool:
    """Whether two mentions may say the same: a value in common, or, for a number written with a
    scale ("1993.03万", "19.93 million"), equal values once the source's is rounded to the
    significant digits the translation shows, within 5% (a translator rounds "1993.03万" to "19.93
    million" or "20 million", never "2.4 million" to "2 million", and adds no digits); with
    ``rounding=False``, a value in common only.

    >>> from copyedit.qa.numbers import Mention
    >>> def m(*values, tags=()): return Mention(0, 1, "", frozenset(map(Decimal, values)), tags=frozenset(tags))
    >>> _same(m("19930300", tags=["scaled"]), m("19.93", "19930000")), _same(m("19930300", tags=["scaled"]), m("20000000"))
    (True, True)
    >>> _same(m("19930300", tags=["scaled"]), m("20000000"), rounding=False)
    False
    >>> _same(m("2400000", tags=["scaled"]), m("2000000")), _same(m("19930300"), m("19930000")), _same(m("5"), m("5"))
    (False, False, True)
    >>> _same(m("4000", tags=["scaled"]), m("4060")), _same(m("20000000", tags=["scaled"]), m("20400000"))  # digits added
    (False, False)
    >>> _same(m("20", "20000", tags=["scaled", "scale-word"]), m("20", "20000000", tags=["scaled", "scale-word"]))  # 20 тысяч, "20 million"
    False

    A range of days ("с 9 по 11 мая") is the same as a range with both its ends ("9 to 11 May"), and as either
    of its days written alone (English may write "from May 9 to May 11" as two dates); "9 to 12 May" is not it.

    >>> def d(*days): return Mention(0, 1, "", frozenset((5, day) for day in days))
    >>> _same(d(9, 11), d(9, 11)), _same(d(9, 11), d(9, 12)), _same(d(9, 11), d(11)), _same(d(9), d(9, 12))
    (True, False, True, True)
    """
    if _day_range(source) and _day_range(target):
        return source.values == target.values
    if "scale-word" in source.tags and "scale-word" in target.tags:
        from .numbers import scaled_readings

        # both written with a scale word: the scales must agree ("20 тысяч" is not "20 million")
        ours, theirs = scaled_readings(source), scaled_readings(target)
        return bool(ours & theirs) or rounding and any(_rounded_equal(a, b) for a in ours for b in theirs)
    if _scale_dropped(source, target):
        return False
    if source.values & target.values or _renders(source, target):
        return True
    if "unspaced" in source.tags:  # a handle the text after it ran on in: the translation's may stop sooner
        return any(isinstance(s, str) and isinstance(t, str) and s.startswith(t) for s in source.values for t in target.values)
    if not rounding or "scaled" not in source.tags and "scaled" not in target.tags:
        return False
    return any(
        _rounded_equal(a, b) for a in source.values for b in target.values if isinstance(a, Decimal) and isinstance(b, Decimal)
    )


def _day_range(mention: Mention) -> bool:
    """Whether a date mention is a range of days in one month ("9–11 мая", "7月9～11日", "from 9 to 12 May"): two days
    of the same month, where the other dates of two values (03.04: March 4 or April 3) have two months and a day
    without its month (20日, optional) may be any month's.

    >>> from copyedit.qa.numbers import date_mentions
    >>> [(m.raw, _day_range(m)) for m in date_mentions("9–11 мая, 3 мая, 03.04.2021, 20日", ("ru",))]
    [('9–11 мая', True), ('3 мая', False), ('03.04.2021', False)]
    """
    values = mention.values
    if len(values) < 2 or mention.optional:
        return False
    months = {value[0] for value in values if isinstance(value, tuple) and len(value) == 2}
    return len(months) == 1 and all(isinstance(value, tuple) and len(value) == 2 for value in values)


def _rounded_equal(source: Decimal, target: Decimal) -> bool:
    """Whether ``target`` is ``source`` rounded (within 5%): a translation may round a number, never add
    digits its source does not give ("более 4 тысяч" is not "more than 4060")."""
    if source <= 0 or target <= 0 or abs(source - target) > Decimal("0.05") * max(source, target):
        return False
    digits = len(target.normalize().as_tuple().digits)
    return digits <= len(source.normalize().as_tuple().digits) and _significant(source, digits) == _significant(target, digits)


def _significant(value: Decimal, digits: int) -> Decimal:
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent))


def bead_source_span(alignment: Alignment, index: int) -> TextSpan | None:
    """The source sentences of bead ``index`` as one span (None for a target sentence with no source)."""
    bead = alignment.beads[index]
    if not bead.source:
        return None
    return TextSpan(alignment.source[bead.source[0]].start, alignment.source[bead.source[-1]].end)


def _quoted(text: str, mentions: Sequence[Mention], most: int = 10) -> str:
    """The mentions of ``text`` as a message quotes them (see :func:`.numbers.as_written`), the first ``most`` of them.

    >>> from copyedit.qa.numbers import Mention
    >>> _quoted("", [Mention(0, 1, str(n), frozenset()) for n in range(12)])
    '“0”, “1”, “2”, “3”, “4”, “5”, “6”, “7”, “8”, “9” and 2 more'
    >>> _quoted("", [Mention(0, 1, str(n), frozenset()) for n in (67, 75, 2024)])
    '“67”, “75” and “2024”'
    """
    from .numbers import as_written, reading

    quoted = []
    for mention in mentions[:most]:
        written = as_written(text, mention)
        read = reading(written, mention)
        quoted.append(f"“{written}” ({read})" if read else f"“{written}”")
    if len(mentions) > most:
        return f"{', '.join(quoted)} and {len(mentions) - most:,} more"
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def _sentence_of(alignment: Alignment, index: int, source: str) -> str:
    bead = alignment.beads[index]
    return _quotable(source, alignment.source[bead.source[0]].start, alignment.source[bead.source[-1]].end)


def _quotable(text: str, start: int, end: int, width: int = 160) -> str:
    """``text[start:end]`` on one line, cut to ``width`` characters, for a message to quote."""
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def _target_sentences(alignment: Alignment, index: int) -> tuple[Span, Span]:
    """The first and last target sentences of bead ``index``; for an omission, the target
    sentence before it (or after it, at the start)."""
    bead = alignment.beads[index]
    if bead.target:
        return alignment.target[bead.target[0]], alignment.target[bead.target[-1]]
    beads = alignment.beads
    # the nearest bead with a target sentence on either side, looked for outwards (omissions come in runs)
    before = next((beads[k].target[-1] for k in range(index - 1, -1, -1) if beads[k].target), None)
    after = next((beads[k].target[0] for k in range(index + 1, len(beads)) if beads[k].target), None)
    nearest = alignment.target[before] if before is not None else alignment.target[after] if after is not None else Span(0, 0)
    return nearest, nearest


def _scale_dropped(source: Mention, target: Mention) -> bool:
    """Whether a translation gives a number the source writes with a scale word as its digits alone, without the
    scale: "6.4 buildings" or "the lagoon 50" for "6,4 тисячі" (6,400) or "५० लाख" (5,000,000). A rounding of the
    scaled number ("about 6,000") is no such case.

    >>> from copyedit.qa.numbers import number_mentions
    >>> source = number_mentions("понад 6,4 тисячі будівель", "uk")[0]
    >>> [_scale_dropped(source, number_mentions(t, "en")[0]) for t in ("6.4 buildings", "6,400 buildings", "6.4 thousand", "6,000")]
    [True, False, False, False]
    """
    if "scale-word" not in source.tags or "scale-word" in target.tags:
        return False
    from .numbers import scaled_readings

    scaled = scaled_readings(source)
    return bool(target.values & (source.values - scaled)) and not target.values & scaled


def _unmatched(source: Sequence[Mention], target: Sequence[Mention], source_text: str) -> tuple[list[Mention], list[Mention]]:
    """Multiset difference on values: each mention pairs with at most one on the other side (``source_text``: the
    text of the source mentions, where a number a tokeniser split may be read whole).

    >>> from copyedit.qa.numbers import Mention
    >>> a = [Mention(0, 3, "500", frozenset({500})), Mention(4, 6, "12", frozenset({12}))]
    >>> b = [Mention(0, 2, "50", frozenset({50})), Mention(3, 5, "12", frozenset({12}))]
    >>> [m.raw for m in _unmatched(a, b, "500 12")[0]], [m.raw for m in _unmatched(a, b, "500 12")[1]]
    (['500'], ['50'])
    """
    targets = _Partners(target, "target")
    taken: set[int] = set()
    missing = []
    for count, mention in enumerate(source):
        if count % 256 == 255:
            check_deadline()
        partner = targets.pair(mention, taken)
        if partner is None:
            missing.append(mention)
        else:
            taken.add(partner)
    remaining = [mention for index, mention in enumerate(target) if index not in taken]
    if missing and remaining:
        _pair_clock_times(missing, remaining)
        _pair_clock_times(remaining, missing)
        _pair_split_groups(missing, remaining, source_text)
    return missing, remaining


# what a word tokeniser leaves between the groups of one number ("10, 000", "2. 324.069")
_TOKENISED_GAP = regex.compile(r"[,.]?[ \u00a0]|[,.]")
# the groups of three after the first that one number split apart may have (up to 10¹⁸): a longer run of them is a
# list, and reading it as one number at every start would cost the square of its length
_MOST_GROUPS = 6


def _pair_split_groups(parts: list[Mention], whole: list[Mention], text: str) -> list[tuple[list[Mention], Mention]]:
    """Take out of both lists, in place, each run of unpaired mentions of ``parts`` that a word tokeniser split
    from one number ("2. 324.069", "28. 404. 603" in Spanish abstracts, MT's "10, 000": the first group, then groups
    of three, each after a comma, a point or a space, or two) whose digits together are an unpaired number of ``whole``
    (``text``: the text of ``parts``); each such run with the number it pairs with.

    >>> from copyedit.qa.numbers import Mention
    >>> parts = [Mention(0, 2, "28", frozenset({Decimal(28)})), Mention(4, 7, "404", frozenset({Decimal(404)})), Mention(9, 12, "603", frozenset({Decimal(603)}))]
    >>> whole = [Mention(0, 10, "28,404,603", frozenset({Decimal(28404603)}))]
    >>> [([m.raw for m in run], number.raw) for run, number in _pair_split_groups(parts, whole, "28. 404. 603")], parts, whole
    ([(['28', '404', '603'], '28,404,603')], [], [])
    >>> parts = [Mention(0, 2, "41", frozenset({Decimal(41)})), Mention(4, 5, "4", frozenset({Decimal(4)}))]
    >>> [([m.raw for m in run], number.raw) for run, number in _pair_split_groups(parts, [Mention(0, 4, "41.4", frozenset({Decimal("41.4")}))], "41. 4")]
    [(['41', '4'], '41.4')]
    """
    paired: list[tuple[list[Mention], Mention]] = []
    by_value: dict[Any, list[Mention]] = {}  # the mentions of ``whole`` by value, in order
    for mention in whole:
        for value in mention.values:
            by_value.setdefault(value, []).append(mention)
    used: set[int] = set()

    def find(value: Decimal) -> Mention | None:
        return next((m for m in by_value.get(value, ()) if id(m) not in used), None)

    first = 0
    while first < len(parts):
        if first % 256 == 255:
            check_deadline()
        run = _split_number_at(parts, first, find, text)
        if run is None:
            first += 1
            continue
        last, partner = run
        used.add(id(partner))
        paired.append((parts[first : last + 1], partner))
        del parts[first : last + 1]
    if used:
        whole[:] = [m for m in whole if id(m) not in used]
    return paired


def _split_number_at(
    parts: Sequence[Mention], first: int, find: Callable[[Decimal], Mention | None], text: str
) -> tuple[int, Mention] | None:
    """The last of the mentions from ``parts[first]`` that make one number split apart, and the mention it is
    (``find`` gives the first unpaired mention of a value); None when there is none."""
    digits, end = parts[first].raw, parts[first].end
    if not digits.isdigit():
        return None
    following = parts[first + 1] if first + 1 < len(parts) else None
    if following is not None and following.start == end + 2 and text.startswith(". ", end) and following.raw.isdigit():
        # "41. 4 per cent" for 41.4%: a decimal point with a tokeniser's space after it
        partner = find(Decimal(digits + "." + following.raw))
        if partner is not None:
            return first + 1, partner
    if len(digits) > 3:
        return None
    for last in range(first + 1, min(len(parts), first + 1 + _MOST_GROUPS)):
        group = parts[last].raw.replace(".", "").replace(",", "").replace(" ", "")
        if not _TOKENISED_GAP.fullmatch(text, end, parts[last].start) or not group.isdigit() or len(group) % 3:
            return None
        digits, end = digits + group, parts[last].end
        partner = find(Decimal(digits))
        if partner is not None:
            return last, partner
    return None


# A time of day written as a decimal number ("kell 22.30", "5.30 දක්වා"), which one side reads as a time (hour and
# minutes) and the other as a number where nothing tells it is a time ("at 22.30 in a pizza bar")
_CLOCK_DECIMAL = regex.compile(r"([01]?\d|2[0-3])[.:]([0-5]\d)")


def _pair_clock_times(decimals: list[Mention], times: list[Mention]) -> None:
    """Take out of both lists, in place, each unpaired decimal of ``decimals`` that reads as a time of day
    ("22.30") whose hour and minutes are unpaired mentions of ``times``.

    >>> from copyedit.qa.numbers import Mention
    >>> decimal = [Mention(0, 5, "22.30", frozenset({Decimal("22.30")}))]
    >>> time = [Mention(0, 2, "22", frozenset({Decimal(22), Decimal(10)})), Mention(3, 5, "30", frozenset({Decimal(30)}))]
    >>> _pair_clock_times(decimal, time), decimal, time
    (None, [], [])
    >>> decimal = [Mention(0, 4, "5.30", frozenset({Decimal("5.30")}))]
    >>> _pair_clock_times(decimal, [Mention(0, 1, "5", frozenset({Decimal(5)}))]), len(decimal)  # the minutes are not there
    (None, 1)
    """
    clocks = [(decimal, clock) for decimal in decimals if (clock := _CLOCK_DECIMAL.fullmatch(decimal.raw)) is not None]
    if not clocks:
        return
    by_value: dict[Any, list[Mention]] = {}  # the mentions of ``times`` by value, in order
    for mention in times:
        for value in mention.values:
            by_value.setdefault(value, []).append(mention)
    used: set[int] = set()
    for decimal, clock in clocks:
        hour, minutes = Decimal(int(clock.group(1))), frozenset({Decimal(clock.group(2))})
        hours = next((m for m in by_value.get(hour, ()) if id(m) not in used), None)
        minute = next(
            (m for m in by_value.get(Decimal(clock.group(2)), ()) if m.values == minutes and m is not hours and id(m) not in used),
            None,
        )
        if hours is not None and minute is not None:
            used.update((id(decimal), id(hours), id(minute)))
    if used:
        decimals[:] = [m for m in decimals if id(m) not in used]
        times[:] = [m for m in times if id(m) not in used]


def _excerpt(text: str, block: Block, width: int = 60) -> str:
    """A paragraph's first ``width`` characters, white space squeezed, "…" where it goes on.

    >>> from copyedit.document import paragraph_blocks
    >>> text = "Short one.\\n\\n" + "A longer paragraph " * 4
    >>> blocks = paragraph_blocks(text)
    >>> _excerpt(text, blocks[0]), _excerpt(text, blocks[1], 30)
    ('Short one.', 'A longer paragraph A longer pa…')
    """
    end = min(block.end, block.start + width)
    return " ".join(text[block.start : end].split()) + ("…" if end < block.end else "")


def _first_line_length(text: str, block: Block) -> int:
    """The length of a paragraph's first line, without its line break (a CRLF's "\\r" too).

    >>> _first_line_length("Он\\r\\nзаплатил", Block(0, 12)), _first_line_length("Он заплатил", Block(0, 11))
    (2, 11)
    """
    line_end = text.find("\n", block.start, block.end)
    end = line_end if line_end != -1 else block.end
    while end > block.start and text[end - 1] in "\r\n":
        end -= 1
    return end - block.start


# --- the checks -----------------------------------------------------------------------------


def numbers(doc: Any, context: Context) -> Iterator[Hit]:
    """Numbers (with percentages, years, ordinals, phone numbers) that differ from the source."""
    # a number only added in translation is not reported: on WMT references and MQM-rated MT
    # such flags were explicitations (a year, "24 hours", a total) as often as errors
    reported: set[tuple[int, int]] = set()
    for hit in _compare(doc, context, lambda text, lang, source_lang: _numbers_in(text, lang), "Number", added=False):
        reported.add((hit.start, hit.end))
        yield hit
    if context.source:
        yield from _era_years(doc.text, context.language, context.source, source_language(context))
        if source_language(context) == "zh":
            yield from (hit for hit in _unwritten_years(doc, context) if (hit.start, hit.end) not in reported)


# A year as a translation writes it: four digits from 1900 to 2099 alone, not a decade ("the 1990s", 90年代's)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_DECADE_AFTER = regex.compile(r"'?s\b")


def _unwritten_years(doc: Any, context: Context) -> Iterator[Hit]:
    """Each year of the translation (at its first mention) that its Chinese source writes nowhere, in no form its
    number reader knows (2020, 二〇二〇, 20年, 九二共识's 1992) nor as any other number (两千元, "2000 yuan").

    MT that loses the thread of a passage dates it: 2月11日 became "February 11, 2020", 2022年's shipments "the
    2020 shipment", and a hallucinated line "Retrieved October 21, 2016". A translator adds no year the article
    does not give (a year added beside a date of the same sentence, which the source holds elsewhere in the article,
    is no finding: the whole source is searched). An added number is otherwise not reported (explicitations), but
    on WMT23 zh-en a year no part of the source writes was an MT error (30 MT flags to the reference's 3 by a
    first count, most of them 九二共识, which the reader knows as 1992).
    """
    source = context.source or ""
    in_source: set[Decimal] = set()
    for mention in _numbers_in(source, "zh"):
        in_source.update(mention.values)
    seen: set[Decimal] = set()
    found: list[Mention] = []
    text = doc.text
    for mention in _numbers_in(text, context.language):
        if not _YEAR.fullmatch(mention.raw) or _DECADE_AFTER.match(text, mention.end):
            continue
        year = Decimal(mention.raw)
        if year in in_source or year in seen:
            continue
        seen.add(year)
        found.append(mention)
    if not found:
        return
    alignment = aligned_sentences(doc, context)
    for mention in found:
        index = bead_of(alignment, mention.start, target=True)
        in_sentence = bead_source_span(alignment, index) if index is not None else None
        yield Hit(
            mention.start, mention.end,
            message=f"Year “{mention.raw}” is not in the source: it writes that year nowhere, in no form",
            source=in_sentence, source_sentence=in_sentence,
        )


_ERA_BESIDE = 20  # how near the year an era year's Western year is written: "1923 (Taisho 12)", "Reiwa 3 (2021)"


def _era_years(text: str, lang: str, source: str, source_lang: str) -> Iterator[Hit]:
    """A year of the Japanese calendar left in the translation without its Western year, which English
    readers know: MT's "Reiwa 3" and "the 5th year of Reiwa" (references write "1923 (Taisho 12)").
    A year the source does not have is the number check's to report.

    >>> [hit.message for hit in _era_years("Paid in Reiwa 3; opened in 1923 (Taisho 12).", "en", "令和3年、1923（大正12）年", "ja")]
    ['“Reiwa 3” is a year of the Japanese calendar: write 2021 (the era, if it matters, beside it)']
    """
    from .numbers import ERA_YEAR

    in_source: dict[Any, Mention] | None = None  # the source's first mention of each value
    for mention in _numbers_in(text, lang):
        if ERA_YEAR in mention.tags:
            if in_source is None:
                in_source = {}
                for found in _numbers_in(source, source_lang):
                    for value in found.values:
                        in_source.setdefault(value, found)
            value = next(iter(mention.values))
            year = str(value)
            partner = in_source.get(value)
            if partner is not None and year not in text[max(0, mention.start - _ERA_BESIDE) : mention.end + _ERA_BESIDE]:
                yield Hit(
                    mention.start, mention.end,
                    message=f"“{mention.raw}” is a year of the Japanese calendar: write {year} (the era, if it matters, beside it)",
                    source=TextSpan(partner.start, partner.end),
                )


def dates(doc: Any, context: Context) -> Iterator[Hit]:
    """Day-and-month dates that differ from the source."""
    # a translation may keep the source's month names: the target is read in both languages
    yield from _compare(
        doc, context, lambda text, lang, source_lang: _dates_in(text, tuple(dict.fromkeys((lang, source_lang)))), "Date"
    )


def addresses(
    doc: Any, context: Context, packs: list[str] | None = None, domain_names: list[str] | None = None
) -> Iterator[Hit]:
    """URLs, e-mail addresses and handles that differ from the source.

    A site or company whose English name is written as a domain (in the registry, or one of
    ``domain_names``: "JD.com" for 京东) is named, not linked: NM102 writes "Chinanews.com" for
    "China News Network" (中新网), and this check does not then report it as an address the source
    lacks; nor a title's last word joined to it by a hyphen, as its source joins them ("…瓶颈-中新网":
    "bottlenecks in the admission process-Chinanews.com").
    """
    from .names import registry_sources

    registered = _registered_domains(*registry_sources(context, packs), tuple(domain_names or ()))

    def named(mention: Mention) -> bool:
        raw = mention.raw
        if "/" in raw or raw[:4].lower() == "www.":
            return False  # a link: every character must survive
        glued = raw.rpartition("-")[2]  # a capital after the hyphen: a name, not a hyphenated domain
        return raw.lower() in registered or glued[:1].isupper() and glued.lower() in registered

    yield from _compare(doc, context, lambda text, lang, source_lang: _addresses_in(text), "Address", named=named)


@functools.lru_cache(maxsize=16)
def _registered_domains(packs: tuple[str, ...], paths: tuple[str, ...], names: tuple[str, ...] = ()) -> frozenset[str]:
    """The registry's canonical names that read as an address ("Chinanews.com"), and ``names``, as address
    values are compared: lower-cased, without scheme or "www.".

    >>> sorted(_registered_domains(("names",), (), ("JD.com",)))
    ['chinanews.com', 'jd.com']
    """
    from .names import registry_entries

    if not all(_URL.fullmatch(name) for name in names):  # (a list of strings: the rule checked that)
        raise OptionError("option 'domain_names' must be a list of names written as domains (JD.com)")
    canonical = (entry.canonical for entry in registry_entries(packs, paths))
    return frozenset(_normal_url(name) for name in (*canonical, *names) if _URL.fullmatch(name))


def paragraph_lengths(doc: Any, context: Context, min_chars: int = 120, factor: float = 2.5) -> Iterator[Hit]:
    """A different number of paragraphs, or a paragraph far shorter or longer than its source
    compared with the document's usual ratio (a likely omission or addition). A side written one
    paragraph a line, beside one that separates paragraphs by blank lines, has its lines as paragraphs
    (:func:`~copyedit.document.paired_paragraphs`)."""
    if not context.source:
        return
    text = doc.text
    source_blocks, blocks = paired_paragraphs(context.source, source_paragraphs(context.source), text, doc.blocks)
    if not blocks or not source_blocks:
        return
    if len(source_blocks) != len(blocks):
        first, source_first = blocks[0], source_blocks[0]
        opening = TextSpan(source_first.start, source_first.start + _first_line_length(context.source, source_first))
        yield Hit(
            first.start,
            first.start + _first_line_length(text, first),
            message=f"The source has {len(source_blocks)} paragraph{'s' if len(source_blocks) != 1 else ''}, "
            f"the translation {len(blocks)}: a paragraph may be missing or merged",
            source=opening, source_sentence=opening,
        )
        return
    ratios = [(t.end - t.start) / max(1, s.end - s.start) for s, t in zip(source_blocks, blocks)]
    usual = statistics.median(ratios)
    for source_block, target_block, ratio in zip(source_blocks, blocks, ratios):
        if max(source_block.end - source_block.start, target_block.end - target_block.start) < min_chars:
            continue
        if ratio * factor < usual or ratio > usual * factor:
            shorter = ratio < usual
            yield Hit(
                target_block.start,
                target_block.start + _first_line_length(text, target_block),
                message=f"This paragraph is {ratio / usual:.1f}× the usual length relative to its source "
                f"({'a likely omission' if shorter else 'a likely addition'}); source: "
                f"“{_excerpt(context.source, source_block)}”",
                source=TextSpan(source_block.start, source_block.start + _first_line_length(context.source, source_block)),
                source_sentence=TextSpan(source_block.start, source_block.end),
            )


# --- names ----------------------------------------------------------------------------------


def registry_names(doc: Any, context: Context, packs: list[str] | None = None, registry: bool = True) -> Iterator[Hit]:
    """Registered names whose native-script form is in the source but whose canonical form is
    not in the translation. Russian case endings are allowed on the source side (Токаева); a
    name written in Han or Hangul counts as kept by its family name too ("President Xi").

    The finding points at the spelling MT used, when it used a known one, or else at the target
    sentences aligned with the source sentence that names the person; its source span is the
    name as the source writes it. A name in Han that MT read in Mandarin pinyin ("Fan Mingzheng" for
    范明政, Pham Minh Chinh) is a finding wherever else the translation has the name right; so is one of a
    family-name-first script written as another name ("Pham Minh Thanh") in sentences aligned with a source
    sentence that names the person and that have the name nowhere right (:func:`_misspelt_beside_kept`).

    The registry is the ``names`` rules of ``packs`` and of the ``name_registry`` option's files, then, with
    ``registry``, the people of the names registry written in another script than Latin (:func:`registry_people`),
    found in a source by their whole native name. Their other accepted English forms keep a name, and so does
    a Cyrillic name's standard romanisation ("Shoygu", "Zelenskyi").
    """
    if not context.source:
        return
    from ..names_registry import house_registry_files
    from ..transliteration import standard_romanisations
    from .names import NameIndex, name_windows, registry_index, registry_sources, split_tokens

    text, source = doc.text, context.source
    packs_key, paths = registry_sources(context, packs)
    people = house_registry_files(context.options) if registry else None
    named = _named_in_source(source, source_language(context), packs_key, paths, people)
    for entry, native, (named_start, named_end) in named:
        canonical, spellings = entry.canonical, entry.spellings
        tokens = split_tokens(canonical)
        shown: tuple[tuple[int, int], ...] = ()
        read_in_mandarin = _read_in_mandarin(text, native, canonical, (*entry.accepted, *spellings))
        if read_in_mandarin:
            # "Fan Mingzheng" for 范明政: MT read the Han of a name English writes otherwise, wherever else it has the name right
            alignment = aligned_sentences(doc, context)
            index = bead_of(alignment, named_start)
            for start, end in read_in_mandarin:
                yield Hit(
                    start, end,
                    message=f"“{text[start:end]}” is {source[named_start:named_end]} of the source read in Mandarin pinyin: English writes {canonical}",
                    source=TextSpan(named_start, named_end),
                    source_sentence=bead_source_span(alignment, index) if index is not None else None,
                )
        if _FAMILY_NAME_FIRST.search(native):
            occurrences = _name_occurrences(text, tokens)
            kept = _kept_spans(text, entry, occurrences)
            others = [(start, end) for start, end, is_kept in occurrences if not is_kept and not _overlaps((start, end), kept)]
            if kept:
                # Kept somewhere, the name may still be misspelt where a sentence of the source names the person
                # ("Pham Minh Thanh" two sentences after "Pham Minh Chinh"): reported only there, and not where the
                # other name is a relative's the source names too ("Kim Jong Il" beside 金正日)
                relatives = {span for other, _, _ in named if other is not entry for span in _kept_spans(text, other)}
                others = [span for span in others if not _overlaps(span, relatives) and not _overlaps(span, read_in_mandarin)]
                yield from _misspelt_beside_kept(doc, context, native, entry, kept, _first_of_each(text, others))
                continue
            shown = _first_of_each(text, others)
        elif any(_whole_word(split_tokens(name)[-1]).search(text) for name in (canonical, *entry.accepted, *standard_romanisations(native, entry.country))):
            continue  # the house's form, or the one a standard gives ("Shoygu", "Zelenskyi")
        if not shown:
            known = registry_index(packs_key, paths) if entry.by_surname else NameIndex({canonical: (*entry.accepted, *spellings)})
            spelled = _known_spelling(text, spellings) or _fuzzy_spelling(text, canonical, known, name_windows)
            shown = (spelled,) if spelled else ()
        # the reading is the finding: neither the sentences that have it nor the same words need another
        shown = tuple(span for span in shown if not _overlaps(span, read_in_mandarin))
        if not shown and read_in_mandarin:
            continue
        alignment = aligned_sentences(doc, context)
        index = bead_of(alignment, named_start)
        if shown:
            spans = shown
        elif index is not None:
            first, last = _target_sentences(alignment, index)
            spans = ((first.start, last.end),)
        else:
            spans = ((0, _first_line_length(text, doc.blocks[0]) if doc.blocks else 0),)
        for start, end in spans:
            found = f"“{text[start:end]}”" if shown else "no form of it"
            yield Hit(
                start, end,
                message=f"The source names {source[named_start:named_end]}; the translation has {found}, not {canonical}",
                source=TextSpan(named_start, named_end),
                source_sentence=bead_source_span(alignment, index) if index is not None else None,
            )


def _kept_spans(text: str, entry: RegistryEntry, occurrences: Sequence[tuple[int, int, bool]] | None = None) -> set[tuple[int, int]]:
    """Where the translation writes a registered name of a family-name-first script whole or shortened, by its
    canonical form (its ``occurrences``, when read already) or another accepted one."""
    from .names import split_tokens

    if occurrences is None:
        occurrences = _name_occurrences(text, split_tokens(entry.canonical))
    kept = {(start, end) for start, end, is_kept in occurrences if is_kept}
    for other in entry.accepted:
        kept.update((start, end) for start, end, is_kept in _name_occurrences(text, split_tokens(other)) if is_kept)
    return kept


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _misspelt_beside_kept(
    doc: Any, context: Context, native: str, entry: RegistryEntry, kept: set[tuple[int, int]], others: Sequence[tuple[int, int]]
) -> Iterator[Hit]:
    """The other names of ``others`` ("Pham Minh Thanh") that stand in target sentences aligned with a source
    sentence naming the person, where those target sentences write the name nowhere (``kept``)."""
    if not others:
        return
    source = context.source or ""
    alignment = aligned_sentences(doc, context)
    pattern = _native_pattern(native, entry.by_surname)
    for start, end in others:
        index = bead_of(alignment, start, target=True)
        if index is None:
            continue
        bead = alignment.beads[index]
        mention = next(
            (found for i in bead.source if (found := pattern.search(source, alignment.source[i].start, alignment.source[i].end))), None
        )
        sentences = [alignment.target[i] for i in bead.target]
        if mention is None or any(sentence.start <= at < sentence.end for at, _ in kept for sentence in sentences):
            continue
        yield Hit(
            start, end,
            message=f"The source names {mention.group()} here; the translation has “{doc.text[start:end]}”, not {entry.canonical}",
            source=TextSpan(*mention.span()),
            source_sentence=bead_source_span(alignment, index),
        )


# A capitalised word and up to three more joined by spaces or hyphens: a name written in pinyin ("Fan Mingzheng",
# "Cai Ying-wen", "Li Xian Long").
_PINYIN_NAME_RUN = regex.compile(r"(?<![\p{L}\p{M}'’\-‐])\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}*|[\-‐]\p{L}\p{Ll}*){1,3}")
_PINYIN_NAME_PART = regex.compile(r"\p{L}+")


def _read_in_mandarin(text: str, native: str, canonical: str, spellings: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where the translation writes a registered name in Han as Mandarin pinyin reads it, though English
    writes it otherwise (范明政 is Pham Minh Chinh, not "Fan Mingzheng"; 蔡英文 is Tsai Ing-wen): the
    first place of each way it is so written. None for a name whose English form is its pinyin.

    >>> text = "Prime Minister Fan Mingzheng met Fan Ming-zheng, then Pham Minh Chinh; Fan Mingzheng left."
    >>> [text[s:e] for s, e in _read_in_mandarin(text, "范明政", "Pham Minh Chinh", ())]
    ['Fan Mingzheng', 'Fan Ming-zheng']
    >>> _read_in_mandarin("Xi Jinping spoke.", "习近平", "Xi Jinping", ())
    ()
    """
    if not _HAN.search(native):
        return ()
    from .pinyin import pinyin_forms

    readings = pinyin_forms(native)
    accepted = {_joined(name) for name in (canonical, *spellings)}
    if accepted & readings:
        return ()
    found: dict[str, tuple[int, int]] = {}
    for run in _PINYIN_NAME_RUN.finditer(text, overlapped=True):
        joined = ""
        for part in _PINYIN_NAME_PART.finditer(run.group()):
            joined += part.group().lower()
            if part.start() and joined in readings:
                written = text[run.start() : run.start() + part.end()]
                found.setdefault(written, (run.start(), run.start() + part.end()))
    return tuple(sorted(found.values()))



def _joined(name: str) -> str:
    """A name lower-cased without its spaces and hyphens, as :func:`pinyin_forms` writes one."""
    return "".join(_PINYIN_NAME_PART.findall(name)).lower()


# Scripts whose names put the family name first and that news in English may shorten to it alone ("Xi", "Yoon").
_FAMILY_NAME_FIRST = regex.compile(r"[\p{Han}\p{Hangul}]")
# A word of a name after another: capitalised, after a space, or any after a hyphen ("Jae-in"); and before another.
_NAME_PART_AFTER = regex.compile(r"(?: \p{Lu}|[-‐]\p{L})[\p{L}\p{M}]*")
_NAME_PART_BEFORE = regex.compile(r"(?<![\w'’.\-‐])\p{Lu}[\p{L}\p{M}]*[ \-‐]\Z")
# Capitalised words beside a name that are no part of it, though no English words either.
_NOT_NAME_PARTS = frozenset(
    "Mr Mrs Ms Dr Prof Sir Dame Lord Lady Madam Mme Gen Rev Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
).union(_MONTHS)


def _name_occurrences(text: str, tokens: tuple[str, ...]) -> list[tuple[int, int, bool]]:
    """Each place where a translation writes the first or last word of a registered name of a family-name-first
    script whose English form is ``tokens``, as (start, end, kept): kept when the name stands there whole or
    shortened to that word; else the span is the other name that word is part of (words beside it that are not
    the name's, up to the first English word not joined by a hyphen). Read from the first word, then from the last.
    Shortened to its first or last word, the name is kept: "President Xi", "Prime Minister Chinh", "Kishida Fumio"
    too; one syllable wrong makes another man's name ("Pham Minh Thanh" for Pham Minh Chinh, "Kim Jong Il" for Kim
    Jong Un).

    >>> read = lambda text, tokens: [(text[s:e], kept) for s, e, kept in _name_occurrences(text, tokens)]
    >>> read("Pham Minh Chinh arrived. Pham Minh Thanh spoke.", ("Pham", "Minh", "Chinh"))
    [('Pham Minh Chinh', True), ('Pham Minh Thanh', False), ('Pham Minh Chinh', True)]
    >>> read("Pham Minh Thanh met Prime Minister Chinh.", ("Pham", "Minh", "Chinh")), read("Thanh said.", ("Pham", "Minh", "Chinh"))
    ([('Pham Minh Thanh', False), ('Chinh', True)], [])
    >>> [read(t, ("Moon", "Jae", "in")) for t in ("Moon Jae-in", "Moon Jae-hwan", "Moon Meets Kishida", "said in Seoul")]
    [[('Moon Jae-in', True)], [('Moon Jae-hwan', False)], [('Moon', True)], []]
    >>> [read(t, ("Fumio", "Kishida")) for t in ("Mr Kishida", "Shiro Kishida", "Kishida Fumio", "Japan's Kishida")]
    [[('Kishida', True)], [('Shiro Kishida', False)], [('Fumio', True)], [('Kishida', True)]]
    >>> read("Kim Ju Ae waved.", ("Ri", "Sol", "Ju"))
    []
    """
    folded = [token.lower() for token in tokens]
    found: list[tuple[int, int, bool]] = []
    # (the last word alone only when it is capitalised: "in" of Moon Jae-in is no name's word)
    for first in (True, False) if tokens[-1][:1].isupper() else (True,):
        token = tokens[0] if first else tokens[-1]
        for match in _whole_word(token).finditer(text):
            start, end = match.span()
            if not first and _continues_name(text, end):
                # "Ju" of "Kim Ju Ae" ends no name: no other name of Ri Sol Ju's. Not tested of the first word read
                # forward, whose reading keeps a name written family name first whole ("Kishida Fumio")
                continue
            beside: list[str] = []
            while len(beside) < len(tokens) - 1:  # the words after the first word, or before the last
                part = _NAME_PART_AFTER.match(text, end) if first else _NAME_PART_BEFORE.search(text, max(0, start - 40), start)
                if part is None:
                    break
                word, joined = (part.group()[1:], part.group()[0]) if first else (part.group()[:-1], part.group()[-1])
                if not _joins_name(word, joined):
                    break  # the name ends: "Xi Meets Biden", "Prime Minister Chinh" (a hyphen joins it: "Jae-hwan")
                if first:
                    beside.append(word)
                    end = part.end()
                else:
                    beside.insert(0, word)
                    start = part.start()
            words = [word.lower() for word in ([token, *beside] if first else [*beside, token])]
            found.append((start, end, words == (folded[: len(words)] if first else folded[len(folded) - len(words) :])))
    return found


def _first_of_each(text: str, spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The first of ``spans`` of each way the text there is written, in order, less any that overlaps one
    before it (a name read from its first word and from its last is one name).

    >>> text = "Pham Minh Thanh arrived; Pham Myint Seng spoke, as Pham Minh Thanh had."
    >>> _first_of_each(text, [(0, 15), (25, 40), (51, 66), (5, 15)])
    ((0, 15), (25, 40))
    """
    firsts: dict[str, tuple[int, int]] = {}
    for start, end in spans:
        firsts.setdefault(text[start:end], (start, end))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(firsts.values()):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return tuple(chosen)


def _continues_name(text: str, end: int) -> bool:
    """Whether a word of the same name follows ``end`` ("Ae" after "Kim Ju")."""
    part = _NAME_PART_AFTER.match(text, end)
    return part is not None and _joins_name(part.group()[1:], part.group()[0])


def _joins_name(word: str, joined: str) -> bool:
    """Whether ``word``, written beside a name's word after ``joined`` (a space or a hyphen), is a word of the same
    name: after a hyphen any is ("Jae-hwan"), after a space one that is no English word, title or date ("Meets",
    "Minister" and "Monday" are not)."""
    from .english import is_english_word

    return joined != " " or not (word in _NOT_NAME_PARTS or is_english_word(word))


def source_sentence_at(alignment: Alignment, offset: int) -> TextSpan | None:
    """The source sentence of ``alignment`` that holds ``offset`` of the source (None: between sentences).

    >>> source_sentence_at(align_texts("Он пришёл. Она ушла.", "He came. She left."), 12)
    Span(start=11, end=20)
    """
    return next((TextSpan(s.start, s.end) for s in alignment.source if s.start <= offset < s.end), None)


def bead_of(alignment: Alignment, offset: int, target: bool = False) -> int | None:
    """The bead whose source sentences hold ``offset`` of the source (with ``target``: whose target sentences hold
    ``offset`` of the translation)."""
    sentences = alignment.target if target else alignment.source
    for index, bead in enumerate(alignment.beads):
        if any(sentences[i].start <= offset < sentences[i].end for i in (bead.target if target else bead.source)):
            return index
    return None


@functools.lru_cache(maxsize=16)
def _named_in_source(
    source: str, source_lang: str, packs: tuple[str, ...], paths: tuple[str, ...], people: tuple[str, ...] | None
) -> tuple[tuple[RegistryEntry, str, tuple[int, int]], ...]:
    """(entry, native form, where the source first names it) of each registered name the source mentions, in
    the registry's order: read once per source, not once per translation. A person of a country whose
    languages the source's is not is expected only where the source names the country."""
    finder = _native_finder(packs, paths, people)
    candidates = sorted(pair for index in finder.scan.present(source) for pair in finder.owners[index])
    found = []
    for entry_index, pairs in itertools.groupby(candidates, key=operator.itemgetter(0)):
        entry = finder.entries[entry_index]
        for _, native_index in pairs:
            native = entry.natives[native_index]
            match = _native_pattern(native, entry.by_surname).search(source)
            if match is not None:
                if entry.country is None or _names_country(source, source_lang, entry.country):
                    found.append((entry, native, match.span()))
                break
    return tuple(found)


class _NativeFinder(NamedTuple):
    entries: tuple[RegistryEntry, ...]
    scan: LiteralScan  # a literal each native form must hold: the form in unspaced scripts, else its surname's stem
    owners: tuple[tuple[tuple[int, int], ...], ...]  # for each literal, the (entry, native form) numbers that hold it


@functools.lru_cache(maxsize=8)
def _native_finder(packs: tuple[str, ...], paths: tuple[str, ...], people: tuple[str, ...] | None) -> _NativeFinder:
    """The entries of the ``names`` rules of ``packs`` and ``paths``, then the people of the names registry
    (with the house registry files ``people``; None: none of them) that those rules do not hold, and one
    scan for them all: a source is read once, not once per native form."""
    from .names import registry_entries, registry_people

    entries = registry_entries(packs, paths)
    if people is not None:
        held = {entry.canonical for entry in entries}
        entries += tuple(entry for entry in registry_people(people) if entry.canonical not in held)
    owners: dict[str, list[tuple[int, int]]] = {}
    for entry_index, entry in enumerate(entries):
        for native_index, native in enumerate(entry.natives):
            owners.setdefault(_native_literal(native), []).append((entry_index, native_index))
    return _NativeFinder(entries, LiteralScan(list(owners)), tuple(map(tuple, owners.values())))


def _names_country(source: str, source_lang: str, country: str) -> bool:
    """Whether a source names a country (its CLDR name in the source's language, in either Chinese script), or is
    in one of the country's official languages.

    >>> _names_country("越南总理范明政访问文莱。", "zh", "VN"), _names_country("范明政教授说。", "zh", "VN")
    (True, False)
    >>> _names_country("岸田首相は述べた。", "ja", "JP"), _names_country("Президент Украины сказал.", "ru", "UA")
    (True, True)
    """
    names, languages = _country_names(source_lang, country)
    return source_lang in languages or any(_native_pattern(name, by_surname=False).search(source) for name in names)


@functools.lru_cache(maxsize=256)
def _country_names(source_lang: str, country: str) -> tuple[tuple[str, ...], frozenset[str]]:
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    names = []
    for locale in (source_lang, f"{source_lang}_Hant") if source_lang == "zh" else (source_lang,):
        try:
            name = Locale.parse(locale).territories.get(country)
        except (UnknownLocaleError, ValueError):
            continue
        if name:
            names.append(name)
    languages = frozenset(language.split("_")[0] for language in get_official_languages(country, de_facto=True))
    return tuple(names), languages


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\w)" + regex.escape(word) + r"(?!\w)")


def _known_spelling(text: str, spellings: Sequence[str]) -> tuple[int, int] | None:
    for spelling in sorted(spellings, key=len, reverse=True):
        match = _whole_word(spelling).search(text)
        if match:
            return cast("tuple[int, int]", match.span())  # regex ships no types
    return None


def _fuzzy_spelling(text: str, canonical: str, index: Any, name_windows: Any) -> tuple[int, int] | None:
    from .names import split_tokens

    for start, end in name_windows(text, [len(split_tokens(canonical))]):
        found = index.lookup(text[start:end])
        if found is not None and found.canonical == canonical:
            return start, end
    return None


def _native_literal(native: str) -> str:
    """What every mention :func:`_native_pattern` finds holds: the form itself in a script written without
    spaces, else its surname's stem."""
    if UNSPACED_SCRIPT.search(native):
        return native.replace(" ", "")
    return _stem(native.split()[-1])


def _stem(word: str) -> str:
    """A word of a name without the letters a case ending replaces: an adjective's two (Зеленский: Зеленского,
    Зеленський: Зеленським), else one vowel or й (Токаева; Смаилова).

    >>> [_stem(word) for word in ("Зеленский", "Зеленський", "Лавров", "Кулеба", "Шойгу")]
    ['Зеленск', 'Зеленськ', 'Лавров', 'Кулеб', 'Шойгу']
    """
    if word[-2:].lower() in ("ий", "ый", "ой") and len(word) > 5:
        return word[:-2]
    return word[:-1] if word[-1:].lower() in "аяыий" and len(word) > 4 else word


@functools.lru_cache(maxsize=1024)
def _native_pattern(native: str, by_surname: bool = True) -> regex.Pattern[str]:
    """How a source mentions a native form: its surname (or, not ``by_surname``, each of its words) with up
    to three letters of case ending (Токаева), or, in a script written without spaces, the name inside a
    run of letters.

    >>> found = lambda native, source, by_surname=True: _native_pattern(native, by_surname).search(source) is not None
    >>> found("Касым-Жомарт Токаев", "Президент Касым-Жомарт Токаев заявил"), found("Токаев", "встреча с Токаевым")
    (True, True)
    >>> found("Токаев", "Токарев сказал")
    False
    >>> found("习近平", "习近平会见了代表团"), found("이재명", "이재명은 말했다")
    (True, True)
    >>> found("Володимир Зеленський", "з Володимиром Зеленським", False), found("Олена Зеленська", "Володимир Зеленський", False)
    (True, False)
    """
    if UNSPACED_SCRIPT.search(native):
        return regex.compile(regex.escape(native.replace(" ", "")))
    words = native.split() if not by_surname else native.split()[-1:]
    return regex.compile(r"(?<!\w)" + r"\s+".join(regex.escape(_stem(word)) + r"\w{0,3}" for word in words) + r"(?!\w)")


__all__ = [
    "address_mentions",
    "addresses",
    "aligned_sentences",
    "dates",
    "numbers",
    "paragraph_lengths",
    "registry_names",
    "sentence_anchors",
    "source_language",
]
