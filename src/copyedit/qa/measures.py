"""What a number of the source measures, lost or changed in translation though the number is kept:
a sum given in another currency (LQ217), a percentage become a bare number (LQ218). The number
check (LQ201) pairs the numbers and says nothing of either.

MT writes a source's sum with the currency it sees most: "18 元" (yuan) becomes "$18", "188円" "$188",
"27 milljóna kr" "$27 million", "3億ドル（約321億円）" "$300 million ($32.1 billion)", "1.1亿新元" (Singapore
dollars) "110 million yuan". A sum is read as the source writes it (a currency word or sign right after
the number, its scale word between: "142亿元", "6,2 млн рублей"; or a sign or code before it: "$5",
"€ 20", "人民币5000"), and so in the translation ("$14.2 billion", "14.2 billion yuan", "HK$3", "€20").
And MT drops a percent sign: "с долей 30%" becomes "with a 30 stake", "23% опрошенных" "23 of those
surveyed".

A source's sum or percentage is reported when the numbers of the aligned target sentences (or of the
beads beside them) that say the same value all lose what it measures: a sum in another currency and
never in the source's or with none (a translator's "18 yuan ($2.60)" adds a conversion of another
value, and "18 to 21 billion yuan" names the currency once), a percentage with no percent sign, word
or "points" ("67 to 75 percent" names it once). The dollars are one currency here: "$" of a
Singapore-dollar sum is a house's way of writing it, not an error this check can tell.

>>> from types import SimpleNamespace
>>> from copyedit.document import paragraph_blocks
>>> def check(found, text, source, lang): return [h.message for h in found(SimpleNamespace(text=text, blocks=paragraph_blocks(text)), Context(source=source, source_lang=lang))]
>>> check(changed_currencies, "Amazon cut the e-book's price to $18.", "亚马逊上该书电子版降价到了 18 元。", "zh")
['“$18” is in dollars; the source has “18 元”, in yuan']
>>> check(dropped_percentages, "Rosneft has another 20, Japan's Sodeco 30.", "Еще 20% у «Роснефти», 30% у японской Sodeco.", "ru")
['“20” has lost its percent sign: the source has “20%”', '“30” has lost its percent sign: the source has “30%”']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import regex

from ..errors import check_deadline
from ..kinds.base import Context, Hit
from ..model import Span
from .bilingual import _Mentions, _numbers_in, _Partners, _same, aligned_sentences, bead_source_span, source_language
from .numbers import Mention

DOLLARS = "dollars"  # US, Hong Kong, Singapore, Australian, Canadian, New Taiwan dollars alike
NAMES = {
    DOLLARS: "dollars", "CNY": "yuan", "JPY": "yen", "EUR": "euros", "GBP": "pounds", "RUB": "rubles", "UAH": "hryvnias",
    "KRW": "won", "KZT": "tenge", "ISK": "krónur", "MYR": "ringgit", "INR": "rupees", "CHF": "francs",
}
# "¥" is the sign of the yuan and of the yen: an English "¥18" agrees with either
_YEN_OR_YUAN = "CNY|JPY"

_SCALE_HAN = r"(?:万亿|千万|百万|万|亿|億|千|百|兆)?"
# "more than" between a Chinese number and its currency: 8000多元, 100余万元, 1万多元
_SCALE_HAN_MORE = r"(?:多|余)?" + _SCALE_HAN + r"(?:多|余)?"
_SCALE_CYRILLIC = r"(?:(?:тыс|тис)\.?|тысяч\w*|тисяч\w*|млн\.?|миллион\w*|мільйон\w*|млрд\.?|миллиард\w*|мільярд\w*|трлн\.?|триллион\w*|трильйон\w*)?"
_SCALE_ICELANDIC = r"(?:þús\.?|þúsund\w*|milljón\w*|milljarð\w*|millj\.|ma\.|m\.)?"
_SCALE_ENGLISH = r"(?:-?\s?(?:thousand|million|billion|trillion|bn|mn|m|k)\b)?"

# What comes right after a source's number: its scale word, then the currency (the longest names first).
_AFTER_SOURCE = {
    "zh": (_SCALE_HAN_MORE, (
        ("美元|美金", DOLLARS), ("港元|港币|澳元|加元|新加坡元|新元|新台币|台币", DOLLARS), ("欧元", "EUR"), ("英镑", "GBP"),
        ("日元|日圆", "JPY"), ("韩元", "KRW"), ("卢布", "RUB"), ("令吉", "MYR"), ("卢比", "INR"), ("瑞郎", "CHF"),
        ("人民币|元|圆|块钱|块", "CNY"),
    )),
    "ja": (_SCALE_HAN, (
        ("米ドル|香港ドル|豪ドル|カナダドル|シンガポールドル|台湾ドル|ドル", DOLLARS), ("ユーロ", "EUR"), ("ポンド", "GBP"),
        ("人民元|元", "CNY"), ("ウォン", "KRW"), ("ルーブル", "RUB"), ("ルピー", "INR"), ("円", "JPY"),
    )),
    "ru": (_SCALE_CYRILLIC, (
        (r"руб\w*|₽", "RUB"), (r"грн\b\.?|гривн\w*|гривен\w*|₴", "UAH"), (r"долл\w*|\$", DOLLARS), (r"евро|€", "EUR"),
        (r"фунт\w* стерлинг\w*|£", "GBP"), (r"тенге|₸", "KZT"), (r"юан\w*", "CNY"), (r"иен\w*", "JPY"),
    )),
    "uk": (_SCALE_CYRILLIC, (
        (r"грн\b\.?|гривн\w*|гривен\w*|₴", "UAH"), (r"руб\w*|₽", "RUB"), (r"дол\b\.?|долар\w*|\$", DOLLARS), (r"євро|€", "EUR"),
        (r"фунт\w* стерлінг\w*|£", "GBP"), (r"тенге|₸", "KZT"), (r"юан\w*", "CNY"), (r"єн\w*", "JPY"),
    )),
    "is": (_SCALE_ICELANDIC, (
        (r"kr\b\.?|krón\w*|ISK\b", "ISK"), (r"evr\w*|€", "EUR"), (r"dal\w*|dollar\w*|\$", DOLLARS), (r"sterlingspund\w*|£", "GBP"),
    )),
}
# In every source language: a sign or a code after the number ("20 €", "5 USD") ...
_AFTER_ANY = (
    (r"€|EUR\b", "EUR"), (r"\$|USD\b|HKD\b|SGD\b|AUD\b|CAD\b|TWD\b", DOLLARS), (r"£|GBP\b", "GBP"), (r"₽|RUB\b", "RUB"),
    (r"₴|UAH\b", "UAH"), (r"CNY\b|RMB\b", "CNY"), (r"JPY\b", "JPY"), (r"₩|KRW\b", "KRW"), (r"₸|KZT\b", "KZT"), (r"ISK\b", "ISK"),
    (r"CHF\b", "CHF"), (r"₹|INR\b", "INR"),
)
# ... or before it ("$5", "€ 20", "人民币5000", "US$3")
_BEFORE_ANY = (
    (r"(?:US|HK|S|NT|A|C|NZ)?\$", DOLLARS), (r"€|EUR", "EUR"), (r"£|GBP", "GBP"), (r"₽|RUB", "RUB"), (r"₴|UAH", "UAH"),
    (r"RMB|CNY|人民币", "CNY"), (r"JPY", "JPY"), (r"₩|KRW", "KRW"), (r"₹|INR", "INR"), (r"USD|HKD|SGD", DOLLARS),
)
# The sign of the yen and the yuan: the source's language says which
_YEN_SIGN = {"zh": "CNY", "ja": "JPY"}

# The translation's currency names after the number, its scale word between ("14.2 billion yuan")
_AFTER_ENGLISH = (
    (r"(?:(?:US|U\.S\.|American|Hong Kong|Singapore|Taiwan(?:ese)?|New Taiwan|Australian|Canadian|NZ|New Zealand) )?dollars?\b", DOLLARS),
    (r"(?:yuan|renminbi|RMB|CNY)\b", "CNY"), (r"(?:yen|JPY)\b", "JPY"), (r"(?:euros?|EUR)\b", "EUR"),
    (r"(?:pounds?(?: sterling)?|GBP)\b", "GBP"), (r"(?:rubles?|roubles?|RUB)\b", "RUB"), (r"(?:hryvnias?|hryvnyas?|hryvnas?|UAH)\b", "UAH"),
    (r"(?:won|KRW)\b", "KRW"), (r"(?:tenge|KZT)\b", "KZT"), (r"(?:(?:Icelandic )?(?:krónur|kronur|krónas?|kronas?|crowns?)|ISK)\b", "ISK"),
    (r"(?:ringgit|MYR)\b", "MYR"), (r"(?:rupees?|INR)\b", "INR"), (r"(?:(?:Swiss )?francs?|CHF)\b", "CHF"),
    (r"(?:USD|HKD|SGD|AUD|CAD|TWD)\b", DOLLARS),
)
_BEFORE_ENGLISH = (
    (r"(?:US|U\.S\.|HK|S|NT|A|C|NZ)?\$", DOLLARS), (r"€", "EUR"), (r"£", "GBP"), (r"[¥￥]", _YEN_OR_YUAN), (r"₽", "RUB"),
    (r"₴", "UAH"), (r"₩", "KRW"), (r"₹", "INR"), (r"(?:RMB|CNY)", "CNY"), (r"JPY", "JPY"), (r"EUR", "EUR"), (r"GBP", "GBP"),
    (r"(?:USD|HKD|SGD|AUD|CAD)", DOLLARS), (r"CHF", "CHF"),
)


def _after(scale: str, names: Sequence[tuple[str, str]]) -> tuple[regex.Pattern[str], dict[str, str]]:
    """One pattern for the currencies after a number (its scale word between), and the code of each of its groups."""
    groups, codes = _alternatives(names)
    return regex.compile(rf"\s?{scale}\s?(?:{groups})"), codes


def _before(names: Sequence[tuple[str, str]]) -> tuple[regex.Pattern[str], dict[str, str]]:
    """One pattern for the currencies right before a number, and the code of each of its groups."""
    groups, codes = _alternatives(names)
    return regex.compile(rf"(?:{groups})\s?$"), codes


def _alternatives(names: Sequence[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """The currencies' patterns as one alternation, each a group named after its position, and each group's code."""
    groups = "|".join(f"(?P<c{index}>{pattern})" for index, (pattern, _) in enumerate(names))
    return groups, {f"c{index}": code for index, (_, code) in enumerate(names)}


@functools.lru_cache(maxsize=16)
def _source_readers(lang: str) -> tuple[tuple[regex.Pattern[str], dict[str, str]], ...]:
    scale, names = _AFTER_SOURCE.get(lang, ("", ()))
    readers = [_after(scale, names)] if names else []
    return (*readers, _after(scale, _AFTER_ANY))


_SOURCE_BEFORE = _before(_BEFORE_ANY)
_TRAILING_SCALE = regex.compile(r"\s?(?:thousand|million|billion|trillion|bn|mn)\b|万亿|千万|百万|万|亿|億|兆")
_TARGET_AFTER = _after(_SCALE_ENGLISH, _AFTER_ENGLISH)
_TARGET_BEFORE = _before(_BEFORE_ENGLISH)


class Measure(NamedTuple):
    """A number with what it measures: a currency's code or "%", and the span of both ("142亿元", "$14.2 billion", "20%")."""

    unit: str
    start: int
    end: int


def _read(text: str, mention: Mention, after: Sequence[tuple[regex.Pattern[str], dict[str, str]]], before: tuple[regex.Pattern[str], dict[str, str]]) -> Measure | None:
    """The currency written right after or right before a number, if any."""
    for pattern, codes in after:
        match = pattern.match(text, mention.end)
        if match is not None:
            return Measure(codes[str(match.lastgroup)], mention.start, match.end())
    pattern, codes = before
    match = pattern.search(text[max(0, mention.start - 6) : mention.start])
    if match is None:
        return None
    scale = _TRAILING_SCALE.match(text, mention.end)  # "$14.2 billion": the sum takes its scale word
    return Measure(codes[str(match.lastgroup)], mention.start - len(match.group()), scale.end() if scale else mention.end)


def source_sum(text: str, mention: Mention, lang: str) -> Measure | None:
    """A number of the source with its currency, as its language writes them.

    >>> from copyedit.qa.numbers import number_mentions
    >>> def read(t, lang): return source_sum(t, number_mentions(t, lang)[0], lang)
    >>> [read(t, lang).unit for t, lang in (("142亿元", "zh"), ("3億ドル", "ja"), ("6,2 млн рублей", "ru"), ("27 milljóna kr", "is"), ("$5", "de"))]
    ['CNY', 'dollars', 'RUB', 'ISK', 'dollars']
    >>> [read(t, "zh")[1:] for t in ("8000多元", "100余万元")]
    [(0, 6), (0, 6)]
    >>> read("3单元", "zh"), read("¥18", "ja")
    (None, Measure(unit='JPY', start=0, end=3))
    """
    if lang in _YEN_SIGN and text[max(0, mention.start - 1) : mention.start] in ("¥", "￥"):
        return Measure(_YEN_SIGN[lang], mention.start - 1, mention.end)
    return _read(text, mention, _source_readers(lang), _SOURCE_BEFORE)


def target_sum(text: str, mention: Mention) -> Measure | None:
    """A number of an English translation with its currency.

    >>> from copyedit.qa.numbers import number_mentions
    >>> def read(t): found = target_sum(t, number_mentions(t, "en")[0]); return found and (found.unit, t[found.start : found.end])
    >>> [read(t) for t in ("It was $14.2 billion.", "14.2 billion yuan", "HK$3", "¥18", "18 people")]
    [('dollars', '$14.2 billion'), ('CNY', '14.2 billion yuan'), ('dollars', 'HK$3'), ('CNY|JPY', '¥18'), None]
    """
    return _read(text, mention, (_TARGET_AFTER,), _TARGET_BEFORE)


@functools.lru_cache(maxsize=16)
def _measured(source: str, source_lang: str, read: Callable[[str, Mention, str], Measure | None]) -> Mapping[Mention, Measure]:
    """The numbers of a source that ``read`` finds a measure of, with it (read once per source: every translation of
    it is checked against them)."""
    return {mention: found for mention in _numbers_in(source, source_lang) if (found := read(source, mention, source_lang))}


def _kept(doc: Any, context: Context, read: Callable[[str, Mention, str], Measure | None]) -> Iterator[tuple[Measure, list[Mention], Span | None]]:
    """Each number of the source that ``read`` finds a measure of, with the numbers of the aligned target
    sentences (and of the beads beside them) that say the same value, and the source sentences around it."""
    if not context.source or context.language.split("-")[0] != "en":
        return  # the translation's currencies and percent words are read as English writes them
    text = doc.text
    measured = _measured(context.source, source_language(context), read)
    if not measured:
        return  # most sources have no sum, many no percentage
    alignment = aligned_sentences(doc, context)
    # by sentence, found by bisection: a long document's every number against every sentence took seconds
    in_source = _Mentions(list(measured))
    in_target = _Mentions(_numbers_in(text, context.language))
    for index, bead in enumerate(alignment.beads):
        check_deadline()
        here = in_source.within(alignment.source, bead.source)
        if not here:
            continue
        candidates = in_target.within(alignment.target, alignment.neighbours(index).target)
        # A bead may hold thousands of numbers a side (a list of figures in one sentence, a one-sentence translation
        # of a long source): each source number against each target one took minutes ("5%, " × 30,000: CPU time
        # grew fourfold when the list doubled). Only the target numbers that may say its value are tried (as
        # LQ201 does), and a number written as one before it, of the same unit, is passed over: it pairs with the
        # same numbers, so the checks make the same of it (they report a target number once).
        partners, place = _Partners(candidates, "target"), {id(t): k for k, t in enumerate(candidates)}
        seen: set[tuple[str, str, frozenset[Any], frozenset[str]]] = set()
        for mention in here:
            measure = measured[mention]
            key = (measure.unit, mention.raw, mention.values, mention.tags)
            if key in seen:
                continue
            seen.add(key)
            paired = sorted({id(t): t for t in partners.partners(mention) if _same(mention, t)}.values(), key=lambda t: place[id(t)])
            yield measure, paired, bead_source_span(alignment, index)


def changed_currencies(doc: Any, context: Context) -> Iterator[Hit]:
    """Sums of the source that the aligned translation gives with the same number in another currency."""
    source, text = context.source or "", doc.text
    reported: set[int] = set()
    for in_source, paired, sentences in _kept(doc, context, source_sum):
        said = [target_sum(text, t) for t in paired]
        if not said or any(written is None or in_source.unit in written.unit.split("|") for written in said):
            continue
        written = said[0]
        assert written is not None
        if written.start in reported:
            continue
        reported.add(written.start)
        yield Hit(
            written.start, written.end,
            message=f"“{text[written.start : written.end]}” is in {_name(written.unit)}; the source has "
            f"“{source[in_source.start : in_source.end]}”, in {NAMES[in_source.unit]}",
            source=Span(in_source.start, in_source.end), source_sentence=sentences,
        )


# A percentage as the source writes it: a sign or word after the number ("20%", "20 процентов",
# "3.3个百分点"), or Chinese 百分之 before it. Not Japanese ポイント nor 割: points of a game, tenths.
_PERCENT_WORD = r"(?:%|％|‰|проц\w*|відсот\w*|prósent\w*|パーセント|个百分点|百分点)"
# (the first number of a range whose last has it is one too: "4,5-5,5%", "67%至75%")
# (a dash between them unspaced: "2020 - 53,3%" is a year, then a share)
_SOURCE_PERCENT = regex.compile(rf"\s?{_PERCENT_WORD}|(?:[-–—]|\s?(?:до|至|～|~|〜)\s?)[\d.,]+\s?{_PERCENT_WORD}")
_SOURCE_PERCENT_BEFORE = regex.compile(r"百分之$")
# ... and in English, after the number, or after the range or list it starts ("67 to 75 percent")
_ENGLISH_PERCENT = r"(?:%|‰|percent\w*|per[ -]cent\w*|pct\b|(?:of\s(?:a\s)?)?percentage|points?\b|pp\b|p\.p\.|basis points)"
_TARGET_PERCENT = regex.compile(
    rf"\s?-?{_ENGLISH_PERCENT}|\s?(?:to|-|–|—|and|or|~|～|〜|⁇)\s?[<>≤≥~≈]?[\d.,]+\s?{_ENGLISH_PERCENT}", regex.IGNORECASE
)


def source_percentage(text: str, mention: Mention, lang: str) -> Measure | None:
    """A percentage of the source: the number and its sign or word.

    >>> from copyedit.qa.numbers import number_mentions
    >>> def read(t, lang): found = source_percentage(t, number_mentions(t, lang)[0], lang); return found and t[found.start : found.end]
    >>> [read(t, lang) for t, lang in (("30% акций", "ru"), ("下降3.3个百分点", "zh"), ("15 prósent", "is"), ("3ポイント差", "ja"), ("30 человек", "ru"))]
    ['30%', '3.3个百分点', '15 prósent', None, None]
    """
    after = _SOURCE_PERCENT.match(text, mention.end)
    if after is not None:
        return Measure("%", mention.start, after.end())
    if _SOURCE_PERCENT_BEFORE.search(text, max(0, mention.start - 3), mention.start):
        return Measure("%", mention.start - 3, mention.end)
    return None


def dropped_percentages(doc: Any, context: Context) -> Iterator[Hit]:
    """Percentages of the source that the aligned translation gives as bare numbers."""
    source, text = context.source or "", doc.text
    reported: set[int] = set()
    for in_source, paired, sentences in _kept(doc, context, source_percentage):
        if not paired or any(_TARGET_PERCENT.match(text, t.end) for t in paired):
            continue
        # a number written in digits: "the third generation" beside a source's "3%" is another number
        bare = next((t for t in paired if any(c.isdigit() for c in t.raw)), None)
        if bare is None or bare.start in reported:
            continue
        reported.add(bare.start)
        yield Hit(
            bare.start, bare.end,
            message=f"“{text[bare.start : bare.end]}” has lost its percent sign: the source has “{source[in_source.start : in_source.end]}”",
            source=Span(in_source.start, in_source.end), source_sentence=sentences,
        )


def _name(code: str) -> str:
    return " or ".join(NAMES[part] for part in code.split("|"))
