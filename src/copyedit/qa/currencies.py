"""A sum of money the translation gives in another currency than its source (LQ217).

MT writes the source's amount with the currency it sees most: "18 元" (yuan) becomes "$18", "188円"
"$188", "27 milljóna kr" "$27 million", "3億ドル（約321億円）" "$300 million ($32.1 billion)", "1.1亿新元"
(Singapore dollars) "110 million yuan". The number is right, so the number check (LQ201) pairs it and
says nothing. A sum is read as the source writes it (a currency word or sign right after the number,
its scale word between: "142亿元", "6,2 млн рублей"; or a sign or code before it: "$5", "€ 20",
"人民币5000"), and so in the translation ("$14.2 billion", "14.2 billion yuan", "HK$3", "€20").

A source sum is reported when a number of the aligned target sentences (or of the beads beside them)
says the same value with a currency of its own and none of them says it in the source's currency or
with no currency at all (a translator's "18 yuan ($2.60)" adds a conversion of another value, and
"18 to 21 billion yuan" names the currency once). The dollars are one currency here: "$" of a
Singapore-dollar sum is a house's way of writing it, not an error this check can tell.

>>> from types import SimpleNamespace
>>> from copyedit.document import paragraph_blocks
>>> text = "Amazon cut the e-book's price to $18."
>>> doc = SimpleNamespace(text=text, blocks=paragraph_blocks(text))
>>> [h.message for h in changed_currencies(doc, Context(source="亚马逊上该书电子版降价到了 18 元。", source_lang="zh"))]
['“$18” is in dollars; the source has “18 元”, in yuan']
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import regex

from ..kinds.base import Context, Hit
from ..model import Span
from .bilingual import _numbers_in, _same, _source_sentences, aligned_sentences, source_language
from .numbers import Mention

DOLLARS = "dollars"  # US, Hong Kong, Singapore, Australian, Canadian, New Taiwan dollars alike
NAMES = {
    DOLLARS: "dollars", "CNY": "yuan", "JPY": "yen", "EUR": "euros", "GBP": "pounds", "RUB": "rubles", "UAH": "hryvnias",
    "KRW": "won", "KZT": "tenge", "ISK": "krónur", "MYR": "ringgit", "INR": "rupees", "CHF": "francs",
}
# "¥" is the sign of the yuan and of the yen: an English "¥18" agrees with either
_YEN_OR_YUAN = "CNY|JPY"

_SCALE_HAN = r"(?:万亿|千万|百万|万|亿|億|千|百|兆)?"
_SCALE_CYRILLIC = r"(?:(?:тыс|тис)\.?|тысяч\w*|тисяч\w*|млн\.?|миллион\w*|мільйон\w*|млрд\.?|миллиард\w*|мільярд\w*|трлн\.?|триллион\w*|трильйон\w*)?"
_SCALE_ICELANDIC = r"(?:þús\.?|þúsund\w*|milljón\w*|milljarð\w*|millj\.|ma\.|m\.)?"
_SCALE_ENGLISH = r"(?:-?\s?(?:thousand|million|billion|trillion|bn|mn|m|k)\b)?"

# What comes right after a source's number: its scale word, then the currency (the longest names first).
_AFTER_SOURCE = {
    "zh": (_SCALE_HAN, (
        ("美元|美金", DOLLARS), ("港元|港币|澳元|加元|新加坡元|新元|新台币|台币", DOLLARS), ("欧元", "EUR"), ("英镑", "GBP"),
        ("日元|日圆", "JPY"), ("韩元", "KRW"), ("卢布", "RUB"), ("令吉", "MYR"), ("卢比", "INR"), ("瑞郎", "CHF"),
        ("人民币|元|圆|块钱", "CNY"),
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
    """One pattern for the currencies after a number, its groups named after each currency's position in ``names``."""
    groups = "|".join(f"(?P<c{index}>{pattern})" for index, (pattern, _) in enumerate(names))
    return regex.compile(rf"\s?{scale}\s?(?:{groups})"), {f"c{index}": code for index, (_, code) in enumerate(names)}


def _before(names: Sequence[tuple[str, str]]) -> tuple[regex.Pattern[str], dict[str, str]]:
    groups = "|".join(f"(?P<c{index}>{pattern})" for index, (pattern, _) in enumerate(names))
    return regex.compile(rf"(?:{groups})\s?$"), {f"c{index}": code for index, (_, code) in enumerate(names)}


@functools.lru_cache(maxsize=16)
def _source_readers(lang: str) -> tuple[tuple[regex.Pattern[str], dict[str, str]], ...]:
    scale, names = _AFTER_SOURCE.get(lang, ("", ()))
    readers = [_after(scale, names)] if names else []
    return (*readers, _after(scale, _AFTER_ANY))


_SOURCE_BEFORE = _before(_BEFORE_ANY)
_TRAILING_SCALE = regex.compile(r"\s?(?:thousand|million|billion|trillion|bn|mn)\b|万亿|千万|百万|万|亿|億|兆")
_TARGET_AFTER = _after(_SCALE_ENGLISH, _AFTER_ENGLISH)
_TARGET_BEFORE = _before(_BEFORE_ENGLISH)


class Sum(NamedTuple):
    """A number with its currency: the code, and the span of both ("142亿元", "$14.2 billion")."""

    currency: str
    start: int
    end: int


def _read(text: str, mention: Mention, after: Sequence[tuple[regex.Pattern[str], dict[str, str]]], before: tuple[regex.Pattern[str], dict[str, str]]) -> Sum | None:
    """The currency written right after or right before a number, if any."""
    for pattern, codes in after:
        match = pattern.match(text, mention.end)
        if match is not None:
            return Sum(codes[str(match.lastgroup)], mention.start, match.end())
    pattern, codes = before
    match = pattern.search(text[max(0, mention.start - 6) : mention.start])
    if match is None:
        return None
    scale = _TRAILING_SCALE.match(text, mention.end)  # "$14.2 billion": the sum takes its scale word
    return Sum(codes[str(match.lastgroup)], mention.start - len(match.group()), scale.end() if scale else mention.end)


def source_sum(text: str, mention: Mention, lang: str) -> Sum | None:
    """A number of the source with its currency, as its language writes them.

    >>> from copyedit.qa.numbers import number_mentions
    >>> def read(t, lang): return source_sum(t, number_mentions(t, lang)[0], lang)
    >>> [read(t, lang).currency for t, lang in (("142亿元", "zh"), ("3億ドル", "ja"), ("6,2 млн рублей", "ru"), ("27 milljóna kr", "is"), ("$5", "de"))]
    ['CNY', 'dollars', 'RUB', 'ISK', 'dollars']
    >>> read("3单元", "zh"), read("¥18", "ja")
    (None, Sum(currency='JPY', start=0, end=3))
    """
    if lang in _YEN_SIGN and text[max(0, mention.start - 1) : mention.start] in ("¥", "￥"):
        return Sum(_YEN_SIGN[lang], mention.start - 1, mention.end)
    return _read(text, mention, _source_readers(lang), _SOURCE_BEFORE)


def target_sum(text: str, mention: Mention) -> Sum | None:
    """A number of an English translation with its currency.

    >>> from copyedit.qa.numbers import number_mentions
    >>> def read(t): found = target_sum(t, number_mentions(t, "en")[0]); return found and (found.currency, t[found.start : found.end])
    >>> [read(t) for t in ("It was $14.2 billion.", "14.2 billion yuan", "HK$3", "¥18", "18 people")]
    [('dollars', '$14.2 billion'), ('CNY', '14.2 billion yuan'), ('dollars', 'HK$3'), ('CNY|JPY', '¥18'), None]
    """
    return _read(text, mention, (_TARGET_AFTER,), _TARGET_BEFORE)


def changed_currencies(doc: Any, context: Context) -> Iterator[Hit]:
    """Sums of the source that the aligned translation gives with the same number in another currency."""
    if not context.source:
        return
    source, text = context.source, doc.text
    source_lang = source_language(context)
    sums = [(mention, found) for mention in _numbers_in(source, source_lang) if (found := source_sum(source, mention, source_lang))]
    if not sums:
        return  # most sources name no sum of money
    alignment = aligned_sentences(doc, context)
    in_target = _numbers_in(text, context.language)
    reported: set[int] = set()
    for index, bead in enumerate(alignment.beads):
        sentences = [alignment.source[i] for i in bead.source]
        here = [(m, found) for m, found in sums if any(s.start <= m.start < s.end for s in sentences)]
        if not here:
            continue
        around = [alignment.target[j] for j in alignment.neighbours(index).target]
        candidates = [m for m in in_target if any(s.start <= m.start < s.end for s in around)]
        for mention, in_source in here:
            said = [target_sum(text, t) for t in candidates if _same(mention, t)]
            if not said or any(written is None or in_source.currency in written.currency.split("|") for written in said):
                continue
            written = said[0]
            assert written is not None
            if written.start in reported:
                continue
            reported.add(written.start)
            yield Hit(
                written.start, written.end,
                message=f"“{text[written.start : written.end]}” is in {_name(written.currency)}; the source has "
                f"“{source[in_source.start : in_source.end]}”, in {NAMES[in_source.currency]}",
                source=Span(in_source.start, in_source.end), source_sentence=_source_sentences(alignment, index),
            )


def _name(code: str) -> str:
    return " or ".join(NAMES[part] for part in code.split("|"))
