"""Numbers and dates as a language writes them, read into values that can be compared across
a translation.

- digits of any script (full-width １２, Arabic-Indic ١٢, Persian ۱۲, Devanagari १२) are read
  as the digits they are; offsets are kept (:func:`ascii_digits` maps one character to one);
- separators follow the language's convention from CLDR (babel): 1,5 and 1 500 in Russian,
  1.500 in German, 1,500 in English; "4,159" with one group of three digits is ambiguous
  between conventions and means either;
- scale words and characters multiply: 5 тыс., 3 milyon, 1.2 million, 3万, 7600億, 1200万;
- Chinese and Japanese numerals (二〇二三, 三十五, 两千) are read, and kept *optional*: a
  translation may match them, they are never reported missing, as 一 is also a word;
- a number glued to a Latin or Cyrillic word by a hyphen is part of a name (Nord Stream-2,
  Су-57, COVID-19): optional too; Hebrew and Arabic prefixes (מ-20, ב־2019, بـ20) are not names;
- Roman numerals (XVIII в., World War II), English number words (twenty-five, a dozen, half
  a million) and those of the source languages are optional;
- year ranges (2020–21) give both years; phone numbers compare by their digits; in English a
  number grouped with plain spaces ("5V 2 100mA") may also be two numbers;
- Japanese conventions: a time after 午後 (後3・48), batting averages (2割4～5分, 打率・252),
  ages (アラフィフ, "around 50"), the Dow's 30種平均; a cup's round as a fraction (1/8 финала);
  noon and midnight in English;
- day-and-month dates are read in any CLDR language (babel's month names, "12 января",
  "19 Ocak", "7月21日", "2019-7-7", "с 9 по 10 декабря") and are the date check's business:
  their day and month are not numbers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import regex

from ..index import non_ascii_characters
from ..literals import LiteralScan
from .covered import Covered


@dataclass(frozen=True, slots=True)
class Mention:
    """Something countable in a text (a number, a date, a URL): where, as written, and the
    values it may mean."""

    start: int
    end: int
    raw: str
    values: frozenset[Any]
    optional: bool = False  # may pair with a mention on the other side, never reported alone
    # "scaled": written with a scale word or character (1.2 million, 1993.03万), so a translation
    # may round it; "imperial": a length, weight or temperature in units a translator converts
    tags: frozenset[str] = frozenset()


LONE_DAY = "lone day"  # the tag of a date written without its month (20日)
ERA_YEAR = "era year"  # the tag of a year of the Japanese calendar written in English ("Reiwa 3")
_ERA_TAGS = frozenset({ERA_YEAR})
CENTURY = "century"  # the tag of a century's number: "XVIII в.", "the 18th century"
_CENTURY_TAGS = frozenset({CENTURY})
AND_A_HALF = "and a half"  # the tag of a number read as a number and a half too ("1分半": 1 and 1.5)
_HALF_TAGS = frozenset({AND_A_HALF})
_HALF = Decimal("0.5")


# --- digits of every script ------------------------------------------------------------------


# full-width and Arabic separators and signs, one character for one
_SIGNS = {"．": ".", "％": "%", "٫": ".", "٬": ",", "٪": "%", "－": "-"}


@functools.lru_cache(maxsize=4096)
def _ascii_of(character: str) -> str | None:
    """The ASCII digit or sign of a character beyond ASCII (a decimal digit of any script below
    U+20000, or a sign of :data:`_SIGNS`); None for any other. Worked out per character a text has
    (a table of every digit took a scan of 130,000 characters, 20–80 ms of a process's first check)."""
    if character in _SIGNS:
        return _SIGNS[character]
    if ord(character) < 0x20000 and unicodedata.category(character) == "Nd":
        return str(unicodedata.decimal(character))
    return None


# Each character of a text beyond ASCII, once (:func:`~copyedit.index.non_ascii_characters`): for mapping its digits,
# and then for the tests of the characters a pattern needs, of the same text as a rule for English reads it
_beyond_ascii = functools.lru_cache(maxsize=4)(non_ascii_characters)


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written in ASCII, at the same offsets.

    >>> ascii_digits("２０２３年、١٢٫٥٪، ۱۴۰۲")
    '2023年、12.5%، 1402'

    Japanese writes a decimal point as ・ (182・44ドル, 1・55㍍), separates a phone number's
    groups with it (090・8859・5928) and a time's hour and minutes after 午前 or 午後 (後３・４８):

    >>> ascii_digits("１８２・４４ドル、０９０・８８５９・５９２８、月～金曜後３・４８")
    '182.44ドル、090-8859-5928、月～金曜後3:48'
    """
    if text.isascii():  # most English MT output: nothing to map (translate() would copy it all)
        return text
    # translate() looks every character up: a text none of whose characters beyond ASCII (a few
    # quotation marks and dashes, in English) is a digit or sign is left as it is
    table = {ord(char): ascii for char in _beyond_ascii(text) if (ascii := _ascii_of(char)) is not None}
    if table:
        text = text.translate(table)
    if "・" in text:
        text = _PHONE_DOT.sub("-", text)
        text = _TIME_DOT.sub(":", text)
        text = _DECIMAL_DOT.sub(".", text)
    return text


_PHONE_DOT = regex.compile(r"(?<=\d)・(?=\d+・\d)|(?<=\d・\d+)・(?=\d)")
_TIME_DOT = regex.compile(r"(?<=[前後]\s?(?:[01]?\d|2[0-3]))・(?=[0-5]\d(?!\d))")
_DECIMAL_DOT = regex.compile(r"(?<=\d)・(?=\d)")


# --- separators by locale --------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def separators(lang: str) -> tuple[str, str]:
    """(decimal mark, group separator) of a language, from CLDR; English's when babel does
    not know the language.

    >>> separators("ru"), separators("de"), separators("ja"), separators("xx")
    ((',', ' '), (',', '.'), ('.', ','), ('.', ','))
    """
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ".", ","
    group = get_group_symbol(locale)
    return get_decimal_symbol(locale), " " if group.isspace() else group


_GROUP_SPACE = regex.compile(r"[ \u00a0\u2009\u202f'’]")
_ONE_GROUP = regex.compile(r"\d{1,3}[.,]\d{3}")
_INDIAN_GROUPS = regex.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")  # lakhs and crores: 12,85,470


@functools.lru_cache(maxsize=16)
def _grouped(group: str) -> regex.Pattern[str]:
    """Digits grouped in threes by ``group`` (1.500.000)."""
    return regex.compile(r"\d{1,3}(?:" + regex.escape(group) + r"\d{3})+")


# A news text writes the same numbers again and again (years, "10", "2"), and a source's 10 to 15
# translations write the source's: each is parsed once (a fifth of number_mentions's instructions)
@functools.lru_cache(maxsize=4096)
def parse_number(raw: str, lang: str) -> frozenset[Decimal]:
    """The values a number as written may have in a language (ASCII digits).

    >>> def show(raw, lang): return sorted(map(str, parse_number(raw, lang)))
    >>> show("1,5", "ru"), show("1 500", "ru"), show("636.3", "ru"), show("3.000.000", "tr")
    (['1.5'], ['1500'], ['636.3'], ['3000000'])
    >>> show("1,500.25", "en"), show("4,159", "es"), show("1.500", "de"), show("2.5", "en")
    (['1500.25'], ['4.159', '4159'], ['1.500', '1500'], ['2.5'])
    >>> show("12,85,470", "en"), show("1,40,000.50", "hi")
    (['1285470'], ['140000.50'])
    """
    text = _GROUP_SPACE.sub("", raw)
    if _INDIAN_GROUPS.fullmatch(text):
        return frozenset({Decimal(text.replace(",", ""))})
    if _ONE_GROUP.fullmatch(text):  # one group of three: either convention
        return frozenset(_one_group_readings(text))
    decimal, _ = separators(lang)
    for mark, group in ((decimal, "," if decimal == "." else "."), ("." if decimal == "," else ",", decimal)):
        value = _with_separators(text, mark, group)
        if value is not None:
            return frozenset({value})
    return frozenset()


def _one_group_readings(text: str) -> tuple[Decimal, Decimal]:
    """A number of one group of three ("1.500", "2,626") read with a decimal mark, and read as thousands."""
    return Decimal(text.replace(",", ".")), Decimal(text[:-4] + text[-3:])


def _with_separators(text: str, mark: str, group: str) -> Decimal | None:
    head, _, tail = text.partition(mark)
    if mark in tail or (group in head and not _grouped(group).fullmatch(head)):
        return None
    try:
        return Decimal(head.replace(group, "") + ("." + tail if tail else ""))
    except InvalidOperation:
        return None


# --- scales ----------------------------------------------------------------------------------

SCALE_WORDS: dict[str, int] = {
    # English
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "mln": 10**6, "bn": 10**9,
    "m": 10**6, "k": 10**3, "lakh": 10**5, "crore": 10**7, "lakhs": 10**5, "crores": 10**7, "hundred": 100,
    "tln": 10**12, "trln": 10**12,
    # Russian and Ukrainian
    "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3, "тысяча": 10**3, "млн": 10**6, "миллион": 10**6,
    "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9,
    "миллиардов": 10**9, "трлн": 10**12, "тис": 10**3, "тисяч": 10**3, "мільйон": 10**6, "мільйона": 10**6,
    "мільйонів": 10**6, "мільярд": 10**9, "мільярда": 10**9, "мільярдів": 10**9, "мільярди": 10**9,
    # ... in the cases a number governs ("6,4 тисячі", "до 2 тысяч", "с 5 миллионами")
    "тысячу": 10**3, "тысячам": 10**3, "тысячами": 10**3, "тысячах": 10**3, "миллиону": 10**6,
    "миллионам": 10**6, "миллионами": 10**6, "миллионах": 10**6, "миллиарду": 10**9, "миллиардам": 10**9,
    "миллиардами": 10**9, "миллиардах": 10**9, "триллион": 10**12, "триллиона": 10**12, "триллионов": 10**12,
    "тисяча": 10**3, "тисячі": 10**3, "тисячу": 10**3, "тисячам": 10**3, "тисячами": 10**3, "тисячах": 10**3,
    "мільйони": 10**6, "мільйону": 10**6, "мільйонам": 10**6, "мільйонами": 10**6, "мільйонах": 10**6,
    "мільярду": 10**9, "мільярдам": 10**9, "мільярдами": 10**9, "мільярдах": 10**9, "трильйон": 10**12,
    "трильйона": 10**12, "трильйонів": 10**12,
    # Estonian and Romanian ("1,5 miljonit", "2 milioane", "mld" for both languages' milliards)
    "tuhat": 10**3, "tuhande": 10**3, "miljon": 10**6, "miljoni": 10**6, "miljonit": 10**6, "miljard": 10**9,
    "miljardi": 10**9, "miljardit": 10**9, "mld": 10**9, "mie": 10**3, "mii": 10**3, "milion": 10**6,
    "milioane": 10**6, "miliard": 10**9, "miliarde": 10**9,
    # Turkish
    "bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12,
    # German, French, Spanish, Portuguese, Italian, Icelandic
    "tausend": 10**3, "mio": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9,
    "mille": 10**3, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
    "mil": 10**3, "millón": 10**6, "millones": 10**6, "milhões": 10**6, "milhão": 10**6, "milioni": 10**6,
    "milljón": 10**6, "milljónir": 10**6, "milljónum": 10**6, "milljarðar": 10**9, "milljarða": 10**9,
    "milljörðum": 10**9, "þúsund": 10**3,
}
# South Asian scale words (a lakh is a hundred thousand, a crore ten million; "२५ सय", 25 hundred), written with the
# postposition joined in Nepali and Hindi ("३० लाखभन्दा", less than 30 lakh): a word that starts with one scales.
_INDIC_SCALE_WORDS = {
    # Nepali and Hindi
    "सय": 100, "सौ": 100, "हजार": 10**3, "हज़ार": 10**3, "लाख": 10**5, "करोड": 10**7, "करोड़": 10**7, "अर्ब": 10**9,
    "अरब": 10**9, "खर्ब": 10**11, "खरब": 10**11,
    # Sinhala, Bengali
    "දහස": 10**3, "ලක්ෂ": 10**5, "කෝටි": 10**7, "লাখ": 10**5, "লক্ষ": 10**5, "কোটি": 10**7,
}
# A nukta letter is written as one character (ज़, U+095B) or as its letter and the nukta (ज + ़), which NFC keeps
# apart: each stem is kept decomposed, and a word is decomposed before it is compared.
INDIC_SCALES = {unicodedata.normalize("NFD", stem): factor for stem, factor in _INDIC_SCALE_WORDS.items()}


def _indic_factor(word: str) -> int | None:
    """The factor of a South Asian scale word, however its nukta letters are written.

    >>> _indic_factor("ह\u095bार"), _indic_factor("हज\u093cार"), _indic_factor("लाखभन्दा"), _indic_factor("सात"), _indic_factor("सौं")
    (1000, 1000, 100000, None, None)
    """
    word = unicodedata.normalize("NFD", word)
    if word.startswith(_ORDINAL_SAU):
        return None  # "१९सौं शताब्दी", the 19th century: an ordinal, not a hundred
    return next((factor for stem, factor in INDIC_SCALES.items() if word.startswith(stem)), None)


_ORDINAL_SAU = unicodedata.normalize("NFD", "सौं")


# after a number: a range's or list's second number, then its scale word or unit ("12 to 14 million",
# "2,5 и 3,5 метровые")
_SECOND_NUMBER = r"(?:[ \u00a0]?(?:to|and|or|-|–|—|~|〜|至|до|і|и)[ \u00a0]?[\d.,]+)?"
_SCALE_AFTER = regex.compile(_SECOND_NUMBER + r"[ \u00a0]?(\p{L}[\p{L}\p{M}]*)\.?(?!\p{L})")
# (and Korean's, which it writes after digits: 320만, 1500억, 2조, 5천, 3백만)
CJK_SCALES = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12,
    "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12,
}
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


_CJK_TOKEN = regex.compile(r"\d+(?:\.\d+)?|.")
_COMMA_OR_SPACE = regex.compile(r"[,\s]")


def cjk_value(text: str) -> Decimal | None:
    """The value of a Chinese or Japanese number, in digits, numerals or both.

    >>> [str(cjk_value(t)) for t in ("3万", "7600億", "1200万", "1万2000", "二〇二三", "三十五", "两千", "4.5亿")]
    ['30000', '760000000000', '12000000', '12000', '2023', '35', '2000', '450000000']
    >>> [str(cjk_value(t)) for t in ("26万亿", "500多万", "6千", "1.92 亿")]
    ['26000000000000', '5000000', '6000', '192000000']
    >>> [str(cjk_value(t)) for t in ("320만", "1500억", "1조 2000억", "3억 5천만", "5천")]
    ['3200000', '150000000000', '1200000000000', '350000000', '5000']
    """
    total, section = Decimal(0), Decimal(0)
    current: Decimal | None = None
    previous = ""
    for token in _CJK_TOKEN.findall(_COMMA_OR_SPACE.sub("", text)):
        if token in "多余餘":  # "500多万": some five million
            continue
        if token[0].isdigit():
            current = Decimal(token)
        elif token in CJK_DIGITS:
            current = (current * 10 if current is not None else Decimal(0)) + CJK_DIGITS[token]
        elif CJK_SCALES.get(token, 0) >= 10**4 and CJK_SCALES.get(previous, 0) >= 10**4:
            total *= CJK_SCALES[token]  # 万亿: a trillion
        elif CJK_SCALES.get(token, 0) >= 10**4:
            total += (section + (current or 0)) * CJK_SCALES[token] or CJK_SCALES[token]
            section, current = Decimal(0), None
        elif token in CJK_SCALES:
            section += (current if current is not None else 1) * CJK_SCALES[token]
            current = None
        else:
            return None
        previous = token
    return (total + section + (current or 0)).normalize() + 0


# Two neighbouring digits before a scale character are an approximate number, not a two-digit one:
# 六七千 is six or seven thousand, 两三千 two or three thousand, 三四十 thirty or forty (乱七八糟, "a mess", has
# no scale after 七八)
_PAIR = r"([一二两兩三四五六七八])([二两兩三四五六七八九])"
_APPROXIMATE = regex.compile(_PAIR + r"(?=[十百千万萬亿億])")
# ... and so are two that end a number before a measure word: 四五天 is four or five days, 一两天 a day or two,
# 十五六岁 fifteen or sixteen years old (MT wrote "45 days"); 九二共识 (the 1992 Consensus) is no neighbouring
# pair, and before a word that is no measure (乱七八糟) or before 年 (五六年: 1956 too) the digits stay one number
_APPROXIMATE_LAST = regex.compile(r"(?:^|(?<=十))" + _PAIR + "$")
_MEASURE_WORD = regex.compile(
    r"[个個天岁歲点點次人名位家只隻条條件本辆輛台架艘倍周层層种種批所座间間张張户戶场場轮輪届屆篇部项項起例份页頁步口棵头頭杯瓶颗顆片元块塊米斤秒分]"
    r"|小[时時]|星期"
)


def cjk_values(text: str, before_measure: bool = False) -> frozenset[Decimal]:
    """The values a Chinese or Japanese number may have: one (:func:`cjk_value`), or two for an
    approximate one; none when it is no number. ``before_measure``: a measure word follows (个, 天, 岁…).

    >>> [sorted(map(str, cjk_values(t))) for t in ("一万六七千", "三四十", "七八百万", "一百五六十", "三十五", "五四十", "两三千")]
    [['16000', '17000'], ['30', '40'], ['7000000', '8000000'], ['150', '160'], ['35'], [], ['2000', '3000']]
    >>> [sorted(map(str, cjk_values(t, before_measure=True))) for t in ("四五", "一两", "十五六", "二十五六", "九二", "三十五")]
    [['4', '5'], ['1', '2'], ['15', '16'], ['25', '26'], ['92'], ['35']]
    >>> sorted(map(str, cjk_values("四五")))
    ['45']
    """
    pair = _APPROXIMATE.search(text) or (_APPROXIMATE_LAST.search(text) if before_measure else None)
    if pair is None:
        value = cjk_value(text)
        return frozenset() if value is None else frozenset({value})
    low, high = pair.group(1), pair.group(2)
    if CJK_DIGITS[high] != CJK_DIGITS[low] + 1:
        return frozenset()  # 五四十: no number a writer means
    values = (cjk_value(text[: pair.start()] + digit + text[pair.end() :]) for digit in (low, high))
    return frozenset(value for value in values if value is not None)


# --- number words ----------------------------------------------------------------------------

ENGLISH_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
    )
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ENGLISH_DECADES = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80,
    "nineties": 90,
}
ENGLISH_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "hundredth": 100,
}
ENGLISH_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ENGLISH_WORD = "|".join(
    sorted([*ENGLISH_UNITS, *ENGLISH_SCALES, *ENGLISH_ORDINALS, *ENGLISH_DECADES, "dozen", "half", "decades?"], key=len, reverse=True)
)
# A number in words may lead a compound of a unit or a count ("a thirty-eight-year-old man", "a forty-four-year
# break", "a two-day visit"), not of other words ("one-sided")
_ENGLISH_COMPOUND_TAIL = r"(?:year|month|week|day|hour|minute|storey|story|member|seat|point|game|page|mile|man|strong)s?\b"
_ENGLISH_NUMBER = regex.compile(
    rf"(?<![\p{{L}}-])(?:(?:{_ENGLISH_WORD}|an?)(?:[ -]|[ ]and[ ]))*(?:{_ENGLISH_WORD})(?!\p{{L}}|-(?!{_ENGLISH_COMPOUND_TAIL}))",
    regex.IGNORECASE,
)


_WORD_GAP = regex.compile(r"[ -]+")
# the hundreds of a number in words written in digits ("2 hundred and 50"), not inside a longer number
_DIGITS_BEFORE_HUNDRED = regex.compile(r"(?<![\d.,]|(?:thousand|lakhs?|crores?|million) )(\d) \Z", regex.IGNORECASE)
# the tens and units of a number in words written in digits after its hundreds ("a hundred and 14")
_HUNDRED_AND_DIGITS = regex.compile(r" (?:and )?(\d{1,2})(?![\d\p{L}]|[.,]\d)")


@functools.lru_cache(maxsize=1024)  # "one", "two", "first", "a million": the same few words in every text
def english_number(words: str) -> Decimal | None:
    """The value of an English number in words ("a" alone is no number).

    >>> [str(english_number(w)) for w in ("twenty-five", "a dozen", "half a million", "two hundred thousand", "third")]
    ['25', '12', '500000', '200000', '3']
    >>> [str(english_number(w)) for w in ("a decade", "two decades")]
    ['10', '20']
    >>> english_number("a")
    """
    tokens = [t for t in _WORD_GAP.split(words.lower()) if t and t != "and"]
    if all(t in ("a", "an") for t in tokens):
        return None
    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        if token in ENGLISH_SCALES or token in ("dozen", "decade", "decades"):
            scale = ENGLISH_SCALES.get(token, 12 if token == "dozen" else 10)
            if scale < 1000:
                current = (current or Decimal(1)) * scale
            else:
                total += (current or Decimal(1)) * scale
                current = Decimal(0)
        elif token == "half":
            current += Decimal("0.5")
        elif token not in ("a", "an"):  # "a" counts as one only before a scale: "a million"
            current += Decimal(ENGLISH_UNITS.get(token) or ENGLISH_ORDINALS.get(token) or ENGLISH_DECADES.get(token, 0))
    return (total + current).normalize() + 0


# --- where a pattern of English words may start -----------------------------------------------
#
# _ENGLISH_NUMBER and the English month-and-day date begin with a whole word of a short list,
# which the `regex` engine tries, ignoring case, at every word of a text (4 and 18 MB/s). One
# Aho–Corasick pass over the lower-cased text finds the words (over 100 MB/s); the patterns are
# then tried where those words stand, and nowhere else.

# Beyond ASCII, `regex` matches İ, ſ and K (Kelvin) to ASCII letters ignoring case, and İ
# lower-cases to two characters: a text that holds one is scanned whole, as before.
_FOLDS_TO_ASCII = ("\u0130", "\u017f", "\u212a")
_NUMBER_WORDS = frozenset([*ENGLISH_UNITS, *ENGLISH_SCALES, *ENGLISH_ORDINALS, *ENGLISH_DECADES, "dozen", "half", "decade", "decades"])
_ARTICLES = frozenset({"a", "an"})


# words whose patterns run only on a text that holds one (see :func:`_holds_word`)
_GATE_WORDS = frozenset({"noon", "midday", "midnight", "lakh", "crore"})


class _EnglishWords(NamedTuple):
    """What :func:`_english_word_starts` finds in a text, in one scan."""

    numbers: tuple[int, ...]  # where an English number in words may start, in order
    months: tuple[int, ...]  # where an English month name may start, in order
    eras: tuple[int, ...]  # where an era name stands as written, within a word or not (:func:`_holds_era`)
    held: frozenset[str]  # the words of _GATE_WORDS the text holds ignoring case, within a word or not


@functools.cache
def _word_scan() -> tuple[LiteralScan, tuple[tuple[int, bool, bool, str, bool], ...]]:
    """English number words, month names, era names and :data:`_GATE_WORDS`, to find in a lower-cased
    text (Hyperscan reads an English news text for them five times as fast as an Aho-Corasick automaton),
    and for each its length, whether it is a number word, whether a month name, the era name as written
    ("" for none), and whether a gate word."""
    months = set(month_names(("en",)))
    eras = {era.lower(): era for era in ENGLISH_ERAS}
    words = sorted(_NUMBER_WORDS | months | set(eras) | _GATE_WORDS)
    scan = LiteralScan(words)
    scan.prepare()  # (with Hyperscan from the first text: a text is one of many)
    return scan, tuple(
        (len(word), word in _NUMBER_WORDS, word in months, eras.get(word, ""), word in _GATE_WORDS) for word in words
    )


@functools.lru_cache(maxsize=4)
def _english_word_starts(text: str) -> _EnglishWords | None:
    """Where in ``text`` an English number in words (:data:`_ENGLISH_NUMBER`) and an English month
    name may start, where an era name stands and which gate words it holds (see :class:`_EnglishWords`);
    None when ``text`` holds a letter that matches an ASCII one ignoring case (then every word may start one).

    A match's words are whole runs of letters, so only a number word or month name with no ASCII
    letter on either side counts, and a number also starts at each "a", "an" or number word that
    leads to such a word through a space, a hyphen or " and " ("a hundred and twenty-five").

    >>> _english_word_starts("Around a hundred and twenty-five, someone said in May")
    _EnglishWords(numbers=(7, 9, 21, 28), months=(50,), eras=(), held=frozenset())
    >>> found = _english_word_starts("In Reiwa 3 (2021) at Noon, not REIWA or Heiseis")
    >>> found.eras, found.held
    ((3, 40), frozenset({'noon'}))
    """
    low = _lowered(text)  # the same length: İ is not in it
    if low is None:
        return None
    numbers: set[int] = set()
    months: list[int] = []
    eras: list[int] = []
    held: set[str] = set()
    scan, kinds = _word_scan()
    for end, index in scan.occurrences(low):
        length, number, month, era, gate = kinds[index]
        start = end - length
        if era and text.startswith(era, start):
            eras.append(start)  # as written, within a word or not
        if gate:
            held.add(low[start:end])
        if (start and "a" <= low[start - 1] <= "z") or (end < len(low) and "a" <= low[end] <= "z"):
            continue  # within a longer word ("one" in "money")
        if month:
            months.append(start)
        pending = [start] if number else []
        while pending:
            at = pending.pop()
            if at in numbers:
                continue
            numbers.add(at)
            for gap in (" ", "-", " and "):  # the word before, if it may lead to this one
                word_end = at - len(gap)
                if word_end <= 0 or not low.startswith(gap, word_end):
                    continue
                word_start = word_end
                while word_start and "a" <= low[word_start - 1] <= "z":
                    word_start -= 1
                if low[word_start:word_end] in _NUMBER_WORDS or low[word_start:word_end] in _ARTICLES:
                    pending.append(word_start)
    return _EnglishWords(tuple(sorted(numbers)), tuple(months), tuple(eras), frozenset(held))


def _without_english_month(text: str, end: int) -> bool:
    """Whether ``text``, read up to ``end``, surely has no English month name (see :func:`_word_matches`)."""
    starts = _english_word_starts(text) if end == len(text) else None
    return starts is not None and not starts.months


def _word_matches(pattern: regex.Pattern[str], text: str, which: int, start: int, end: int) -> Iterator[Any]:
    """``pattern.finditer(text, start, end)`` for _ENGLISH_NUMBER (``which`` 0) or the month-and-day
    date (1), tried only where :func:`_english_word_starts` says one may start. (A text read only up
    to ``end`` ends a word there: it is scanned whole.)"""
    starts = _english_word_starts(text) if end == len(text) else None
    return pattern.finditer(text, start, end) if starts is None else _matches_at(pattern, text, starts.months if which else starts.numbers, start, end)


def _matches_at(pattern: regex.Pattern[str], text: str, starts: Sequence[int], start: int, end: int) -> Iterator[Any]:
    """``pattern.finditer(text, start, end)`` for a pattern that can match only at ``starts`` (in order)."""
    cursor = start
    for at in starts:
        if at < cursor:
            continue
        if at >= end:
            return
        match = pattern.match(text, at, end)
        if match:
            yield match
            cursor = max(match.end(), at + 1)


# --- where a pattern of digits may start -------------------------------------------------------
#
# Most number and date patterns start at a digit that their look-behind refuses to follow another
# (or at a "+" before one, for a phone number): at the first digit of a run of digits. `regex`
# scans a text for each at about 10 ns a character, as long as for a bare \d, and most of a text
# is no digit: one scan finds where the runs start, and each pattern is tried there alone. Most
# patterns also need a run of a few digits and a given character after it (a date "21.07.2023" a
# run of one or two digits and "." or "/"): a pattern with a gate (:class:`_RunGate`) is tried only at
# the runs that have what it needs, four in five of its tries on the WMT translations.

_DIGIT_RUN = regex.compile(r"\d+")


class _RunGate(NamedTuple):
    """What a pattern tried at the first digit of a run of digits needs there: a run of ``shortest``
    to ``longest`` digits (``\\d``) and, just after it, one of the characters ``after`` (all of
    those that its pattern may match there, ignoring case where it does)."""

    shortest: int
    longest: int
    after: frozenset[str]


def _gate(shortest: int, longest: int, after: str) -> _RunGate:
    return _RunGate(shortest, longest, frozenset(after))


@functools.lru_cache(maxsize=4)
def _digit_runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each run of digits (``\\d``, as the patterns read one) of ``text``: its start, its length and
    the character just after it ("" at the end of the text).

    >>> _digit_runs("Call +7 727 or 12.5%")
    ((6, 1, ' '), (8, 3, ' '), (15, 2, '.'), (18, 1, '%'))
    """
    return tuple((match.start(), len(match.group()), text[match.end() : match.end() + 1]) for match in _DIGIT_RUN.finditer(text))


def _digit_matches(
    pattern: regex.Pattern[str], text: str, start: int, end: int, gate: _RunGate | None = None, plus: bool = False
) -> Iterator[Any]:
    """``pattern.finditer(text, start, end)`` for a pattern that can start a match only at the first
    digit of a run of digits (a look-behind that refuses a digit before it) that ``gate`` lets
    through (any without one), or with ``plus`` also at a "+" before one."""
    if gate is None:
        starts = [at for at, _, _ in _digit_runs(text)]
    else:
        shortest, longest, after = gate
        starts = [at for at, length, next_character in _digit_runs(text) if shortest <= length <= longest and next_character in after]
    if plus and "+" in text:
        starts = [before for at in starts for before in ((at - 1, at) if at and text[at - 1] == "+" else (at,))]
    return _matches_at(pattern, text, starts, start, end) if starts else iter(())


def _case_forms(forms: dict[int, str]) -> dict[str, float]:
    """Number words keyed by their value (each value's words in one string) as :data:`SOURCE_WORDS` keys them.

    >>> _case_forms({2: "двух двум", 100: "ста"})
    {'двух': 2, 'двум': 2, 'ста': 100}
    """
    return {word: value for value, words in forms.items() for word in words.split()}


# Number words of source languages, so "сорок" in the source matches 40 in the translation.
SOURCE_WORDS: dict[str, dict[str, float]] = {
    "ru": dict(zip(
        ["один", "одна", "два", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто", "сто", "двести", "триста",
         "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
         "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот", "тысяча", "тысячи", "полтора", "полторы", "дюжина"],
        (1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300,
         11, 12, 13, 14, 15, 16, 17, 18, 19, 400, 500, 600, 700, 800, 900, 1000, 1000, 1.5, 1.5, 12),
    )) | _case_forms({
        # the cases a number word takes after a preposition or verb ("до двадцати пяти", "из двух тысяч"), which
        # join a compound as the nominative does; not "семью" (also "family"). Millions and milliards too, so
        # "двух миллионов" reads as 2,000,000 (digits before one are scaled by it instead: "2 миллиона")
        1: "одного одной одному одним одну", 2: "двух двум двумя", 3: "трех трёх трем трём тремя",
        4: "четырех четырёх четырем четырём четырьмя", 5: "пяти пятью", 6: "шести шестью", 7: "семи",
        8: "восьми восемью", 9: "девяти девятью", 10: "десяти десятью", 11: "одиннадцати", 12: "двенадцати",
        13: "тринадцати", 14: "четырнадцати", 15: "пятнадцати", 16: "шестнадцати", 17: "семнадцати",
        18: "восемнадцати", 19: "девятнадцати", 20: "двадцати двадцатью", 30: "тридцати тридцатью", 40: "сорока",
        50: "пятидесяти", 60: "шестидесяти", 70: "семидесяти", 80: "восьмидесяти", 90: "девяноста", 100: "ста",
        200: "двухсот двумстам двухстах", 300: "трехсот трёхсот тремстам трехстах трёхстах",
        400: "четырехсот четырёхсот четырехстах четырёхстах", 500: "пятисот пятистах", 600: "шестисот шестистах",
        700: "семисот семистах", 800: "восьмисот восьмистах", 900: "девятисот девятистах",
        1000: "тысяч тысячу тысяче тысячей тысячам тысячами тысячах",
        10**6: "миллион миллиона миллионов миллиону миллионам миллионами миллионах",
        10**9: "миллиард миллиарда миллиардов миллиарду миллиардам миллиардами миллиардах",
    }),
    "uk": dict(zip(
        ["один", "одна", "два", "дві", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "двадцять", "тридцять", "сорок", "п'ятдесят", "сто",
         "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "п'ятнадцять", "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять", "тисяча", "півтора"],
        (1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 100, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000, 1.5),
    )) | _case_forms({
        # the tens and hundreds past fifty, and the cases a number word takes ("до двадцяти п'яти", "двох тисяч")
        1: "одного одної одному одній одним одну", 2: "двох двом двома", 3: "трьох трьом трьома",
        4: "чотирьох чотирьом чотирма", 5: "п'яти п'ятьма п'ятьох п'ятьома", 6: "шести шістьма шістьох шістьома",
        7: "семи сімох сімома", 8: "восьми вісьмох вісьма",
        9: "дев'яти дев'ятьма", 10: "десяти десятьма десятьох десятьома", 11: "одинадцяти", 12: "дванадцяти", 13: "тринадцяти",
        14: "чотирнадцяти", 15: "п'ятнадцяти", 16: "шістнадцяти", 17: "сімнадцяти", 18: "вісімнадцяти",
        19: "дев'ятнадцяти", 20: "двадцяти", 30: "тридцяти", 40: "сорока", 50: "п'ятдесяти",
        60: "шістдесят шістдесяти", 70: "сімдесят сімдесяти", 80: "вісімдесят вісімдесяти", 90: "дев'яносто дев'яноста",
        100: "ста", 200: "двісті двохсот", 300: "триста трьохсот", 400: "чотириста чотирьохсот", 500: "п'ятсот п'ятисот",
        600: "шістсот шестисот", 700: "сімсот семисот", 800: "вісімсот восьмисот", 900: "дев'ятсот дев'ятисот",
        1000: "тисячі тисяч тисячу тисячею тисячам тисячами тисячах",
        10**6: "мільйон мільйона мільйонів мільйони мільйону мільйонам мільйонами мільйонах",
        10**9: "мільярд мільярда мільярдів мільярди мільярду мільярдам мільярдами мільярдах",
    }),
    "tr": dict(zip(
        ["bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan", "yüz"],
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100),
    )),
    "de": dict(zip(
        ["ein", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig", "hundert",
         "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100, 13, 14, 15, 16, 17, 18, 19),
    )),
    "es": dict(zip(
        ["uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "veinte", "treinta", "cien",
         "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100, 13, 14, 15, 16, 17, 18, 19),
    )),
    "fr": dict(zip(
        ["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "vingt", "trente", "cent",
         "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100, 13, 14, 15, 16, 17, 18, 19),
    )),
    "is": dict(zip(
        ["einn", "ein", "eitt", "tveir", "tvær", "tvö", "þrír", "þrjár", "þrjú", "fjórir", "fjórar", "fjögur", "fimm", "sex", "sjö", "átta", "níu", "tíu", "tuttugu",
         "ellefu", "tólf", "þrettán", "fjórtán", "fimmtán", "sextán", "sautján", "átján", "nítján", "þrjátíu", "fjörutíu", "fimmtíu", "hundrað", "hundruð", "þúsund"],
        (1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8, 9, 10, 20, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30, 40, 50, 100, 100, 1000),
    )),
    # Estonian, in the nominative and the genitive a number word takes ("sada kümme", 110; "saja üheksakümne
    # kaheksa", 198); "üks" and "kuus" are also "a" and "in a month", "viis" also "took": a word alone is optional
    "et": dict(zip(
        ["üks", "ühe", "kaks", "kahe", "kolm", "kolme", "neli", "nelja", "viis", "viie", "kuus", "kuue", "seitse", "seitsme",
         "kaheksa", "üheksa", "kümme", "kümne", "üksteist", "kaksteist", "kolmteist", "neliteist", "viisteist", "kuusteist",
         "seitseteist", "kaheksateist", "üheksateist", "kakskümmend", "kahekümne", "kolmkümmend", "kolmekümne",
         "nelikümmend", "neljakümne", "viiskümmend", "viiekümne", "kuuskümmend", "kuuekümne", "seitsekümmend",
         "seitsmekümne", "kaheksakümmend", "kaheksakümne", "üheksakümmend", "üheksakümne", "sada", "saja", "kakssada",
         "kahesaja", "kolmsada", "kolmesaja", "nelisada", "neljasaja", "viissada", "viiesaja", "tuhat", "tuhande"],
        (1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20, 30, 30, 40, 40,
         50, 50, 60, 60, 70, 70, 80, 80, 90, 90, 100, 100, 200, 200, 300, 300, 400, 400, 500, 500, 1000, 1000),
    )),
    # Romanian ("douăzeci și cinci", 25; "două sute", 200); not "un", "o" (also "a"), nor "nouă" (also "new", "us")
    "ro": dict(zip(
        ["unu", "doi", "două", "trei", "patru", "cinci", "șase", "șapte", "opt", "zece", "unsprezece", "doisprezece",
         "douăsprezece", "treisprezece", "paisprezece", "cincisprezece", "șaisprezece", "șaptesprezece", "optsprezece",
         "nouăsprezece", "douăzeci", "treizeci", "patruzeci", "cincizeci", "șaizeci", "șaptezeci", "optzeci", "nouăzeci",
         "sută", "sute", "mie", "mii"],
        (1, 2, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100,
         1000, 1000),
    )),
    # Nepali, before a scale word above all ("एक लाख", a hundred thousand); not छ (six), which is also "is" and ends
    # most sentences, nor सय (a hundred), a scale word (INDIC_SCALES)
    "ne": dict(zip(
        ["एक", "दुई", "तीन", "चार", "पाँच", "सात", "आठ", "नौ", "दस", "बीस", "पचास"],
        (1, 2, 3, 4, 5, 7, 8, 9, 10, 20, 50),
    )),
}
# Russian and Ukrainian number words are listed in every case form they take (SOURCE_WORDS), so a word that only
# starts with one is another word ("однако", however; "стоит", costs; "семьей", family; "триває", lasts), not 1, 100,
# 7 or 3. In the other languages a number word may take up to three more letters.
_WHOLE_WORDS_ONLY = frozenset({"ru", "uk"})
# A word's letters: in Devanagari its vowel signs too, which are marks (without them a number word would be found
# at the end of a longer word)
_WORD_LETTER = {lang: r"[\p{L}\p{M}]" if lang == "ne" else r"\p{L}" for lang in SOURCE_WORDS}
_SOURCE_WORD = {
    lang: regex.compile(
        rf"(?<!{_WORD_LETTER[lang]})(" + "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
        + rf"){_WORD_LETTER[lang]}{{0,{0 if lang in _WHOLE_WORDS_ONLY else 3}}}(?!{_WORD_LETTER[lang]})",
        regex.IGNORECASE,
    )
    for lang, words in SOURCE_WORDS.items()
}

# --- Roman numerals --------------------------------------------------------------------------

_ROMAN_BODY = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN = regex.compile(r"(?<![\p{L}\d-])(?=[MDCLXVI]{2,}(?![\p{L}\d]))" + _ROMAN_BODY + r"(?![\p{L}\d])")
# A century in Roman numerals, as the press of most European languages writes it: "XVIII в.", "XIXe siècle",
# "secolul al XVI-lea", "siglo XX", "XIX wieku", "the XVIII century" (MT). Beside such a word the numeral is
# surely a number (not "Louis XIV" or a size "XL"), so it is no optional mention: "17th century" for
# "XVIII в." is a changed number.
_CENTURY_WORD_AFTER = (
    r"(?:вв?\.|век\w*|ст\.|столітт\w*|сторіччя|siècles?|secol\w*|sec\.|siglos?|séculos?|wiek\w*|Jh\.|"
    r"Jahrhundert\w*|centur(?:y|ies)|yüzyıl\w*|yy\.|század\w*|století|stol\.)"
)
_CENTURY_WORD_BEFORE = r"(?:siglos?|secolul(?: al)?|secolele|sec\.|séculos?|secolo|veacul(?: al)?|century|centuries)"
_ROMAN_SUFFIX = r"(?:-(?:lea|le)|e|ème|er|ᵉ|\.)?"  # Romanian, French; Turkish, Hungarian "XIX. yüzyıl"
# an upper-case run of two numeral letters or more that is a word (or carries a suffix), found at its capitals;
# not one letter: "D. W. Griffith" is no 500th century, and "siglo V" is rare in the news
_ROMAN_RUN = regex.compile(r"(?<![\p{L}\d-])[MDCLXVI]{2,}(?=" + _ROMAN_SUFFIX + r"(?![\p{L}\d]))")
# after a numeral: its suffix, maybe a range's second numeral ("XIV–XV вв."), and the word for century
# _ROMAN_RUN matches only where two or more numeral letters in a row start (its look-behind refuses a letter before
# it): they are found first with the standard library's `re`, which scans a text for them in half the time `regex`
# takes to try _ROMAN_RUN's look-behind at each of its characters (most texts have none)
_ROMAN_PAIRS = re.compile(r"[CDILMVX][CDILMVX]+")
_CENTURY_AFTER = regex.compile(
    _ROMAN_SUFFIX + r"(?:[ \u00a0]?[-–—][ \u00a0]?[MDCLXVI]+" + _ROMAN_SUFFIX + r")?[ \u00a0](?i:" + _CENTURY_WORD_AFTER + r")(?!\p{L})"
)
_CENTURY_BEFORE = regex.compile(r"(?i:(?<!\p{L})" + _CENTURY_WORD_BEFORE + r")[ \u00a0]$")
_ROMAN_NUMERAL = regex.compile(_ROMAN_BODY)
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman_mentions(text: str, start: int, end: int) -> list[Mention]:
    """The Roman numerals of ``text[start:end]``: those that name centuries (see :func:`_roman_centuries`), then
    every other, optional ("Louis XIV", a size "XL").

    A numeral (:data:`_ROMAN`) starts only where a run of numeral letters (:data:`_ROMAN_RUN`) does, with the same
    look-behind, and takes the run whole: the text is read for runs once, for both, and the numeral tried at each
    run alone (a second scan of the whole text cost a twentieth of reading an English text's numbers).

    >>> [(m.raw, str(next(iter(m.values))), m.optional) for m in _roman_mentions("Louis XIV, XVIII в., XL, IIII", 0, 29)]
    [('XIV', '14', True), ('XL', '40', True), ('XVIII', '18', False)]
    """
    runs = list(_matches_at(_ROMAN_RUN, text, [pair.start() for pair in _ROMAN_PAIRS.finditer(text, start, end)], start, end))
    if not runs:
        return []
    centuries = _roman_centuries(text, start, end, runs)
    found = [
        Mention(match.start(), match.end(), match.group(), frozenset({Decimal(roman_value(match.group()))}), True)
        for match in _matches_at(_ROMAN, text, [run.start() for run in runs], start, end)
        if match.start() not in centuries
    ]
    found.extend(centuries.values())
    return found


def _roman_centuries(text: str, start: int, end: int, runs: Sequence[Any] | None = None) -> dict[int, Mention]:
    """The Roman numerals of ``text[start:end]`` that name centuries, by start: no optional mentions. ``runs``: the
    matches of :data:`_ROMAN_RUN` there, where already found.

    >>> text = "в XIV–XV вв., XIXe siècle, siglo XX, XX. yüzyıl, Louis XIV, D. W. Griffith"
    >>> [(m.raw, str(next(iter(m.values))), m.optional) for m in _roman_centuries(text, 0, len(text)).values()]
    [('XIV', '14', False), ('XV', '15', False), ('XIX', '19', False), ('XX', '20', False), ('XX', '20', False)]
    """
    found: dict[int, Mention] = {}
    for run in _ROMAN_RUN.finditer(text, start, end) if runs is None else runs:
        numeral = run.group()
        if _ROMAN_NUMERAL.fullmatch(numeral) and (
            _CENTURY_AFTER.match(text, run.end(), end) or _CENTURY_BEFORE.search(text, max(start, run.start() - 16), run.start())
        ):
            found[run.start()] = Mention(run.start(), run.end(), numeral, frozenset({Decimal(roman_value(numeral))}), tags=_CENTURY_TAGS)
    return found


def roman_value(numeral: str) -> int:
    """
    >>> roman_value("XVIII"), roman_value("MCMXC"), roman_value("IV")
    (18, 1990, 4)
    """
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


# --- dates -----------------------------------------------------------------------------------


# In front of a pattern that matches only from a digit and starts with a look-behind: the engine
# then skips from digit to digit instead of testing the look-behind at every character (the date
# patterns ran 10 to 35 times faster on English news, with the same matches).
_AT_DIGIT = r"(?=\d)"


@functools.lru_cache(maxsize=64)
def month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names of some languages and of English (every CLDR form: wide, abbreviated;
    format and stand-alone, so Russian has both "января" and "январь"; and the forms of
    :func:`_news_month_names`), lower-cased, to their number.

    >>> m = month_names(("ru",)); m["января"], m["январь"], m["янв"], m["march"]
    (1, 1, 1, 3)
    """
    names: dict[str, int] = {}
    for code in dict.fromkeys((*languages, "en")):
        for name, number in _cldr_month_names(code).items():
            names.setdefault(name, number)
        for name, number in _news_month_names(code).items():
            names.setdefault(name, number)
    names.setdefault("sept", 9)
    return names


@functools.lru_cache(maxsize=64)
def _cldr_month_names(code: str) -> dict[str, int]:
    """One language's month names as :func:`month_names` reads them (none for a language CLDR does not
    know), kept in the cache: babel reads a language's CLDR data in 10–60 ms, more than the whole of a
    short check."""
    from ..rule_cache import kept

    return kept(f"months-{code}-{_babel_stamp()}", dict, lambda: _babel_month_names(code))


def _babel_month_names(code: str) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError

    names: dict[str, int] = {}
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return names
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, month in locale.months[context][width].items():
                month = month.lower().rstrip(".")
                if len(month) >= 3 and not month.isdigit() and "月" not in month:
                    names.setdefault(month, number)
    return names


@functools.lru_cache(maxsize=64)
def _month_abbreviations(languages: tuple[str, ...]) -> frozenset[str]:
    """The month names of :func:`month_names` that are abbreviations only (CLDR's abbreviated forms that are no
    wide form: "янв", "mar", "sept"; not "мая", "März" or "May", which are both): a full stop after one is the
    abbreviation's, after any other the sentence's ("on 4 March.").

    >>> sorted(_month_abbreviations(("ru",)) & {"янв", "мар", "мая", "марта", "sept", "may", "june"})
    ['sept', 'мар', 'янв']
    """
    names: set[str] = {"sept"}
    for code in dict.fromkeys((*languages, "en")):
        names |= _cldr_month_abbreviations(code)
    return frozenset(names)


@functools.lru_cache(maxsize=64)
def _cldr_month_abbreviations(code: str) -> set[str]:
    """One language's month abbreviations (see :func:`_month_abbreviations`), kept in the cache as :func:`_cldr_month_names`."""
    from ..rule_cache import kept

    return kept(f"month-abbreviations-{code}-{_babel_stamp()}", set, lambda: _babel_month_abbreviations(code))


def _babel_month_abbreviations(code: str) -> set[str]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return set()
    forms = {
        width: {month.lower().rstrip(".") for context in ("format", "stand-alone") for month in locale.months[context][width].values()}
        for width in ("wide", "abbreviated")
    }
    return forms["abbreviated"] - forms["wide"]


@functools.cache
def _babel_stamp() -> str:
    """Which babel (and so which CLDR data) is installed, without importing it: its data file's size and time."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("babel")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return "unknown"
    try:
        info = os.stat(os.path.join(list(folders)[0], "global.dat"))
    except OSError:
        return "unknown"
    return f"{info.st_size}-{info.st_mtime_ns}"


# Month names news writes beyond CLDR's: Sinhala news writes the English months ("2017 මාර්තු 16") where CLDR
# has the Sinhala ones (දුරුතු); Nepali writes जून beside CLDR's जुन, and मे (May), too short for the CLDR reading
# (which keeps names of three letters or more).
_NEWS_MONTH_NAMES: dict[str, dict[str, int]] = {
    "si": {
        "ජනවාරි": 1, "පෙබරවාරි": 2, "මාර්තු": 3, "අප්\u200dරේල්": 4, "අප්රේල්": 4, "අප්රෙල්": 4, "මැයි": 5, "ජූනි": 6,
        "ජූලි": 7, "අගෝස්තු": 8, "සැප්තැම්බර්": 9, "ඔක්තෝබර්": 10, "නොවැම්බර්": 11, "දෙසැම්බර්": 12,
        # as often written
        "ජුනි": 6, "ජුලි": 7, "අගෝසතු": 8, "ඔක්තෝම්බර්": 10,
    },
    "ne": {
        "जून": 6, "मे": 5, "अक्टुबर": 10, "अक्टूबर": 10,
        # spellings Nepali writing has beside CLDR's (व for ब, दि for डि, Hindi's फरवरी)
        "जनावरी": 1, "फरवरी": 2, "फेब्रुवरी": 2, "अप्रील": 4, "जुलाइ": 7, "अगस्त": 8, "अगष्ट": 8, "सेप्टेम्वर": 9,
        "अक्टोवर": 10, "नोवेम्बर": 11, "नोभेम्वर": 11, "दिसेम्बर": 12, "दिसम्बर": 12, "डिसेम्वर": 12,
    },
}
# Case endings and postpositions a language joins to a month's name in a date, where CLDR gives the bare name:
# Estonian "11. detsembril" (on 11 December), "kuni 11. märtsini" (until 11 March), "14. juunist" (from 14 June);
# Nepali "२२ डिसेम्बरमा" (on 22 December), "२६ जुनका दिन" (on the day of 26 June).
_MONTH_CASE_ENDINGS = {
    "et": ("", "t", "sse", "s", "st", "le", "l", "lt", "ks", "ni", "na", "ta"),
    "ne": ("", "मा", "को", "का", "लाई", "देखि", "सम्म", "भित्र"),
}


def _bare(names: dict[str, int], languages: tuple[str, ...]) -> dict[str, int]:
    """Month names less the forms with a case ending of :data:`_MONTH_CASE_ENDINGS` (which end a date written
    day first: "२२ डिसेम्बरमा")."""
    endings = tuple(ending for lang in languages for ending in _MONTH_CASE_ENDINGS.get(lang, ()) if len(ending) > 1)
    if not endings:
        return names
    return {name: number for name, number in names.items() if not any(name.endswith(e) and name[: -len(e)] in names for e in endings)}


# Languages that write the month before the day ("अप्रिल २८", "2017 මාර්තු 16", "1939 සැප්තැම්බර් මස 01" with the
# word for month), as English does.
MONTH_FIRST = frozenset({"ne", "si"})


@functools.lru_cache(maxsize=64)
def _news_month_names(code: str) -> dict[str, int]:
    """A language's month names beyond CLDR's (:data:`_NEWS_MONTH_NAMES`), and its month names with the case
    endings of :data:`_MONTH_CASE_ENDINGS` (none for other languages).

    Estonian adds the endings to the genitive stem: the name less the "e" of a final "-er", then "i"
    ("detsember" → "detsembri"), or the name itself when it ends in a vowel ("mai", "juuni").

    >>> names = _news_month_names("et"); names["detsembril"], names["märtsini"], names["mail"], names["juunist"]
    (12, 3, 5, 6)
    >>> _news_month_names("ne")["डिसेम्बरमा"], _news_month_names("si")["මාර්තු"], _news_month_names("ru")
    (12, 3, {})
    """
    if code not in _MONTH_CASE_ENDINGS and code not in _NEWS_MONTH_NAMES:
        return {}
    from ..rule_cache import kept

    return kept(f"months-news-{code}-{_babel_stamp()}", dict, lambda: _babel_news_month_names(code))


def _babel_news_month_names(code: str) -> dict[str, int]:
    from babel import Locale

    names = dict(_NEWS_MONTH_NAMES.get(code, {}))
    endings = _MONTH_CASE_ENDINGS.get(code)
    if not endings:
        return names
    forms: dict[str, int] = {}
    wide = {name.lower(): number for number, name in Locale.parse(code).months["format"]["wide"].items()}
    for name, number in {**wide, **names}.items():
        stem = name
        if code == "et" and name[-1] not in "aeiou":
            stem = name[:-2] + "ri" if name.endswith("er") else name + "i"
        for ending in endings:
            forms.setdefault(stem + ending, number)
    return {**names, **forms}


_DIGIT_SPACE_END = regex.compile(r"\d[ \u00a0]$")
_MONTH_DAY_AFTER = regex.compile(r"[ \u00a0]?(?:[(（]|現在|時点|现在)")
_FRACTION_CONTEXT = regex.compile(r"[ \u00a0]?(?:stars?|of|inch|inches|innings?|th|mm|cm|km)\b", regex.IGNORECASE)


def _misspelt_month(word: str, names: dict[str, int]) -> int | None:
    """The month a word misspells by one letter (added, dropped, changed or swapped with the next), for a name
    of five letters or more with the same first letter; None for a month name itself or anything further.
    (A word one first letter away is another word: Estonian "17 kuuli" is 17 bullets, not "juuli", July.)

    >>> names = month_names(("es",))
    >>> _misspelt_month("juno", names), _misspelt_month("dicembre", names), _misspelt_month("junio", names), _misspelt_month("mayor", names)
    (6, 12, None, None)
    >>> _misspelt_month("arpilie", month_names(("ro",))), _misspelt_month("kuuli", month_names(("et",)))
    (4, None)
    """
    if word in names:
        return None
    found = {number for name, number in names.items() if len(name) >= 5 and name[0] == word[:1] and _one_edit(word, name)}
    return found.pop() if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(differ) == 2 and differ[1] == differ[0] + 1:  # two letters swapped: "arpilie"
            return a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
        return len(differ) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@functools.lru_cache(maxsize=64)
def _date_patterns(languages: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    month = "(?P<month>" + "|".join(sorted(map(regex.escape, month_names(languages)), key=len, reverse=True)) + r")\.?"
    # month before day is the order of English and MONTH_FIRST ("July 21", "अप्रिल २८"); "в конце июня 25-го года" is June 1925
    # (bare names only: a case ending closes the phrase, "जुलाईमा १५ औं" is "in July, the 15th")
    first_names = _bare(month_names(tuple(lang for lang in languages if lang in MONTH_FIRST) or ("en",)), languages)
    month_first = "(?P<month>" + "|".join(sorted(map(regex.escape, first_names), key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>[0-3]?\d)"
    hebrew_prefix = r"|[בלמ][-־]?(?=\p{Hebrew})" if "he" in languages or "iw" in languages else ""
    return (
        # 7月21日, ２０２３年２月１１日 (digits already ASCII), 10月16号, 3月11～14日; Korean 3월 3일
        regex.compile(
            r"(?P<monthnum>1[0-2]|0?[1-9])\s?[月월]\s?" + day + r"(?:\s?[～〜~–-]\s?(?P<other>[0-3]?\d))?\s?[日号號일]"
        ),
        # 2023-02-11, 2019-7-7, 2023.02.10, 2023/2/10
        regex.compile(_AT_DIGIT + r"(?<![\d.,/])(?:19|20)\d\d(?P<sep>[-./])(?P<monthnum>1[0-2]|0?[1-9])(?P=sep)" + day + r"(?!\d|[.,]\d)"),
        # 21 July, 9–10 December, 21-го июля, 21. júlí, 21 de julio, 21st of July, с 9 по 10 декабря, (в ночь) с 10 на 11 февраля;
        # Hebrew's "3 במרץ" (the month with the prefix ב, "in", as CLDR's date format writes it; or ל, מ)
        regex.compile(
            _AT_DIGIT + r"(?<![\d.,])(?:(?P<other>[0-3]?\d)(?:[–-]|[ \u00a0]?/[ \u00a0]?|\.?[ \u00a0](?:y|and|to|и|і|по|до|на|et|und|e|og|ve|ja|și|spre)[ \u00a0](?:el[ \u00a0]|le[ \u00a0])?))?" + day + r"(?:(?:-?(?:го|е|st|nd|rd|th)|\.)?[ \u00a0]|\.(?=\p{L}))(?:(?:of|de)[ \u00a0]" + hebrew_prefix + r")?"
            + month + r"(?!\p{L})",
            regex.IGNORECASE,
        ),
        # July 21, July 21st, December 9–10, December 9 to 10, अप्रिल २८
        regex.compile(
            r"(?<![\p{L}\p{M}])" + month_first + r"[ \u00a0](?:මස[ \u00a0])?" + day + r"(?:st|nd|rd|th)?(?:(?:[–-]|[ \u00a0]?/[ \u00a0]?|[ \u00a0](?:and|to)[ \u00a0])(?P<other>[0-3]?\d)(?:st|nd|rd|th)?)?(?![\d.,]\d|\d)",
            regex.IGNORECASE,
        ),
        # 21.07.2023, 21/07/2023, 07/21/2023 (either order when both could be a month)
        regex.compile(_AT_DIGIT + r"(?<![\d.])(?P<first>[0-3]?\d)[./](?P<second>[0-3]?\d)[./](?:19|20)\d\d(?!\d)"),
        # the 24th in Chinese and Japanese news (24日, 同月20日, 24号): a day of any month, kept optional
        regex.compile(_AT_DIGIT + r"(?<!\d\s?[月월]\s?|\d[～〜~–-]\s?|\d)" + day + r"\s?[日号號일](?![間间간])"),
        # 9/22(水), 7/10: month and day in Japanese and Chinese
        regex.compile(_AT_DIGIT + r"(?<![\d/.])(?P<monthnum>1[0-2]|0?[1-9])/" + day + r"(?![\d/])"),
        # a source's misspelt month: "20 de juno", "31 de dicembre" (one letter from a month name)
        regex.compile(_AT_DIGIT + r"(?<![\d.,])" + day + r"\.?[ \u00a0](?:de[ \u00a0])?(?P<word>\p{L}{4,12})(?!\p{L})"),
    )


# The runs of digits each of _date_patterns' patterns tried at them (by index; 0 and 3 are not) may start at, as
# numbers' (5, a lone day, is read in Chinese and Japanese sources alone): 21-го, 21st, 21 or 9–10 before a month
_DATE_GATES = {
    1: _gate(4, 4, "-./"), 2: _gate(1, 2, "–-/. \u00a0гГеЕsSſnNrRtT"), 4: _gate(1, 2, "./"), 6: _gate(1, 2, "/"), 7: _gate(1, 2, ". \u00a0"),
}
_DAY_AFTER = regex.compile(r"[ \u00a0][0-3]?\d(?!\d)")
_ORDINAL_DAY = regex.compile(r"\d(?:st|nd|rd|th)\b")


def _tokenised_group_after_native_month(match: Any) -> bool:
    """Whether a month-first date of a month name beyond Latin letters is followed by a tokenised group of three
    digits ("जुन १०, ०००" is "which 10,000"; English "April 1, 101 people" stays a date)."""
    return not match.group("month").isascii() and _TOKENISED_GROUP_AFTER.match(match.string, match.end()) is not None


_TOKENISED_GROUP_AFTER = regex.compile(r",[ \u00a0]\d{3}(?!\d)")


def dates_read_alike(text: str, languages: tuple[str, ...]) -> bool:
    """Whether :func:`date_mentions` finds the same in ``text`` read in ``languages`` as in their
    first alone: the same patterns run (none that the other languages add, as the day of a Chinese
    or Japanese text), the month names they share have the same numbers, and the text has none of
    the month names the other languages add. A translation into English is read in English and in
    its source's language (a translation may keep the source's month names); most have none.

    >>> dates_read_alike("On 12 March.", ("en", "ru")), dates_read_alike("On 12 марта.", ("en", "ru"))
    (True, False)
    >>> dates_read_alike("On 9/22.", ("en", "ja")), dates_read_alike("On 12 March.", ("en", "ja"))  # month/day (9/22), from Japanese
    (False, True)
    """
    first = languages[:1]
    if ("en" in languages) != ("en" in first):
        return False
    # A translation from Chinese or Japanese is also read for month/day (9/22), which needs a "/"
    # (five in six translations into English have none)
    if any(lang in POINT_ONLY for lang in languages) != (first[0] in POINT_ONLY) and "/" in text:
        return False
    added = _added_month_names(languages)
    if added is None:
        return False
    pattern, letters = added
    if pattern is None:
        return True
    if "en" not in languages:  # a misspelt month is read without English, from every name
        return False
    # a text none of whose characters beyond ASCII (an English one's quotation marks and dashes) matches a letter that
    # each name has and no ASCII letter matches, whatever the case, holds none of the names: it is not searched for them
    if letters is not None and not any(letters.match(character) for character in _beyond_ascii(text)):
        return True
    return pattern.search(text) is None


@functools.lru_cache(maxsize=64)
def _added_month_names(languages: tuple[str, ...]) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None] | None:
    """The month names that ``languages`` have and their first language alone has not, as a pattern
    (ignoring case, as the date patterns match them; None for none), and, when each has a letter beyond
    ASCII that no ASCII letter matches, those letters of theirs as a pattern that matches one character
    (ignoring case too); None when a name of both has another number."""
    all_names, first_names = month_names(languages), month_names(languages[:1])
    if any(all_names.get(name) != number for name, number in first_names.items()):
        return None
    added = sorted((name for name in all_names if name not in first_names), key=len, reverse=True)
    if not added:
        return None, None
    beyond_ascii = [{c for c in name if not c.isascii() and c not in _FOLDS_TO_ASCII} for name in added]
    letters = None
    if all(beyond_ascii):
        letters = regex.compile("[" + "".join(map(regex.escape, sorted(set().union(*beyond_ascii)))) + "]", regex.IGNORECASE)
    return regex.compile("|".join(map(regex.escape, added)), regex.IGNORECASE), letters


def date_mentions(text: str, languages: tuple[str, ...], start: int = 0, end: int | None = None) -> list[Mention]:
    """Day-and-month dates in some languages or English, as (month, day); ``text`` in ASCII
    digits.

    >>> [sorted(m.values) for m in date_mentions("12 января 2022; on January 12, and 03.02.2021", ("ru",))]
    [[(1, 12)], [(1, 12)], [(2, 3), (3, 2)]]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("2023年2月11日、7月21日", ("ja",))]
    [('2月11日', [(2, 11)]), ('7月21日', [(7, 21)])]
    >>> [sorted(m.values) for m in date_mentions("9–10 декабря; December 9-10; 2023-02-11 13:07", ("ru",))]
    [[(12, 9), (12, 10)], [(12, 9), (12, 10)], [(2, 11)]]
    >>> [sorted(m.values) for m in date_mentions("с 9 по 10 декабря; from December 9 to 10", ("ru",))]
    [[(12, 9), (12, 10)], [(12, 9), (12, 10)]]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("10月16号到，3月11～14日; 10/22/2023, 10/02/2023", ("zh",))]
    [('10月16号', [(10, 16)]), ('3月11～14日', [(3, 11), (3, 14)]), ('10/22/2023', [(10, 22)]), ('10/02/2023', [(2, 10), (10, 2)])]
    >>> [(m.raw, len(m.values), m.optional) for m in date_mentions("同月20日、24日間、9/22(水)", ("ja",))]
    [('20日', 3, True), ('9/22', 1, False)]
    >>> [m.raw for m in date_mentions("Level 1 may select; applied again may 5th; the 5th of may", ("en",))]
    ['may 5th', '5th of may']
    >>> date_mentions("Level 1 may select", ("en",)), [m.raw for m in date_mentions("5/5 stars, 1/5 of it, until 1/15.", ("en", "ja"))]
    ([], ['1/15'])
    >>> [m.raw for m in date_mentions("1/4インチ、1/20以下、9/22(水)、７８４人 (2/6現在)", ("ja",))]
    ['9/22', '2/6']
    >>> [(m.raw, sorted(m.values)[:2], m.optional) for m in date_mentions("二〇二三年二月十日，十月一日；二十四日、三日間", ("zh",))]
    [('二月十日', [(2, 10)], False), ('十月一日', [(10, 1)], False), ('二十四日', [(1, 24), (2, 24)], True)]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("2023.02.10 - いわき民報; 2019-7-7水泵故障", ("zh",))]
    [('2023.02.10', [(2, 10)]), ('2019-7-7', [(7, 7)])]
    >>> [sorted(m.values) for m in date_mentions("entre el 4 y el 17 de abril; April 4 and 17", ("es",))]
    [[(4, 4), (4, 17)], [(4, 4), (4, 17)]]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("released;\\n2. March 31 pushed; 2. mars 2023", ("en", "is"))]
    [('March 31', [(3, 31)]), ('2. mars', [(3, 2)])]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("2014. aasta 1. juulist 30. septembrini", ("et",))]
    [('1. juulist', [(7, 1)]), ('30. septembrini', [(9, 30)])]
    """
    end = len(text) if end is None else end
    names = month_names(languages)
    # a lone day (20日) is read in Chinese or Japanese text, month/day with its weekday or "as of"
    # there (9/22(水), 2/6現在: 1/4インチ and 1/20以下 are fractions) and in a translation from them
    # unless it reads as a fraction ("5/5 stars", "1/5 of", "3 1/3 innings")
    cjk, cjk_source = languages[0] in POINT_ONLY, any(lang in POINT_ONLY for lang in languages)
    found: dict[int, Mention] = {}
    covered = Covered(start, end)  # a match starting inside a date found is not read again

    def add(mention: Mention) -> None:
        found[mention.start] = mention
        covered.append((mention.start, mention.end))

    for pattern_index, pattern in enumerate(_date_patterns(languages)):
        if (pattern_index == 5 and not cjk) or (pattern_index == 6 and not cjk_source) or (pattern_index == 7 and "en" in languages):
            continue
        if pattern_index == 0 and not _holds(text, "月월", start, end):
            continue
        if pattern_index == 6 and "/" not in text:
            continue
        if pattern_index == 2 and languages == ("en",) and _without_english_month(text, end):
            continue  # 21 July: English has no month name this pattern may find where the word scan finds none
        # July 21: only where an English month name stands (any month name of a language in MONTH_FIRST)
        if pattern_index == 3 and not MONTH_FIRST.intersection(languages):
            matches = _word_matches(pattern, text, 1, start, end)
        elif pattern_index == 3:
            matches = pattern.finditer(text, start, end)
        elif pattern_index == 0:  # 7月21日 has no look-behind: its month may start within a run of digits
            matches = pattern.finditer(text, start, end)
        else:
            matches = _digit_matches(pattern, text, start, end, _DATE_GATES.get(pattern_index))
        for match in matches:
            if match.start() in covered or (pattern_index == 3 and (match.start("day") in covered or _tokenised_group_after_native_month(match))):
                continue  # "जुन २९ मार्च", "जुन १०, ००० फिट": जुन is also "which", before a date or a tokenised number
            if pattern_index == 6 and (
                not _MONTH_DAY_AFTER.match(text, match.end())
                if cjk
                else _FRACTION_CONTEXT.match(text, match.end()) or _DIGIT_SPACE_END.search(text[max(0, match.start() - 2) : match.start()])
            ):
                continue
            groups = match.groupdict()
            if groups.get("month") == "may" and not _ORDINAL_DAY.search(match.group()):
                continue  # the verb, not the month: "1 may select" (but "may 5th", "the 5th of may")
            if pattern_index == 3 and text.startswith(".", match.end("month")) and not _abbreviated(groups["month"]):
                continue  # "until late January. 1 bottle": a sentence ends after the month ("Jan. 1" is a date)
            if (
                pattern_index == 2
                and text.startswith(".", match.end("day"))
                and (after := _DAY_AFTER.match(text, match.end())) is not None
                and pattern.match(text, after.start() + 1) is None
            ):
                continue  # "2. March 31": a list's number before a date, which the month-first pattern reads ("1. juulist 30. septembrini" is two)
            if groups.get("word"):
                month_number = _misspelt_month(groups["word"].lower(), names)
                if month_number and 1 <= int(groups["day"]) <= 31:
                    add(Mention(match.start(), match.end(), match.group(), frozenset({(month_number, int(groups["day"]))})))
                continue
            if groups.get("first"):
                first, second = int(groups["first"]), int(groups["second"])
                values = {(m, d) for m, d in ((second, first), (first, second)) if 1 <= m <= 12 and 1 <= d <= 31}
                if values:
                    add(Mention(match.start(), match.end(), match.group(), frozenset(values)))
                continue
            days = {int(match.group("day"))} | ({int(groups["other"])} if groups.get("other") else set())
            if not all(1 <= day <= 31 for day in days):
                continue
            if pattern_index == 5:
                values = {(month, day) for month in range(1, 13) for day in days}
                add(Mention(match.start(), match.end(), match.group(), frozenset(values), True, frozenset({LONE_DAY})))
                continue
            month = names[groups["month"].lower()] if groups.get("month") else int(groups["monthnum"])
            if 1 <= month <= 12:
                # a translation's month/day may be a fraction ("smaller than 1/20"): it pairs, is never reported
                optional = pattern_index == 6 and not cjk
                stop = match.end()
                if pattern_index == 2 and text[stop - 1] == "." and groups["month"].lower() not in _month_abbreviations(languages):
                    stop -= 1  # "on 4 March.": the full stop is the sentence's ("4 янв." keeps the abbreviation's)
                add(Mention(match.start(), stop, text[match.start() : stop], frozenset((month, day) for day in days), optional))
    for match in _HAN_DATE.finditer(text, start, end) if cjk and _holds(text, "月日号號", start, end) else ():
        if match.start() in covered:
            continue
        # (the pattern takes only numerals cjk_value reads, a month up to 12 and a day up to 31)
        if match.group("lone"):
            day = int(cjk_value(match.group("lone")) or 0)
            add(Mention(match.start(), match.end(), match.group(), frozenset((m, day) for m in range(1, 13)), True, frozenset({LONE_DAY})))
        else:
            month, day = (int(cjk_value(match.group(part)) or 0) for part in ("month", "day"))
            add(Mention(match.start(), match.end(), match.group(), frozenset({(month, day)})))
    if "ne" in languages and _holds(text, _BIKRAM_SAMBAT_MARKS, start, end):
        # a date of the Nepali calendar: a translation gives it in the Gregorian one, or not at all
        for match in _BIKRAM_SAMBAT_DATE.finditer(text, start, end):
            if match.start() not in covered:
                add(Mention(match.start(), match.end(), match.group(), _ANY_DAY, True))
    if _NIGHT_LANGUAGES.intersection(languages) and _holds(text, _NIGHT_WORDS, start, end):
        for mention in _nights_before_days(text, [found[k] for k in sorted(found)], covered, start, end):
            add(mention)
    mentions = [found[k] for k in sorted(found)]
    return _lone_days_in_named_months(mentions) if cjk else mentions


# "в ночь на 11", "в ніч проти 11": the night before the 11th, after a date that names the month ("Ввечері 10
# лютого та в ніч проти 11" is February 11); a translation gives the month ("the night of February 11")
_NIGHT_LANGUAGES = frozenset({"ru", "uk", "be"})
_NIGHT_WORDS = ("ноч", "ніч")  # ночь, ночи, ночі (and Belarusian ноч); ніч
_NIGHT_BEFORE_DAY = regex.compile(
    r"(?<!\p{L})(?:ночь|ночи|ніч|ночі|ноч)[ \u00a0](?:на|проти)[ \u00a0](?P<day>[0-3]?\d)(?!\d|[.,]\d)", regex.IGNORECASE
)
_NIGHT_REACH = 120  # characters back to the date that names the month: about a sentence


def _nights_before_days(text: str, dates: list[Mention], covered: Covered, start: int, end: int) -> Iterator[Mention]:
    """The day of each "night before the Nth" written without its month, in the month of the date just before it
    (or the next month, when the day is smaller: "31 января и в ночь на 1" is February 1).

    >>> [(m.raw, sorted(m.values)) for m in date_mentions("Ввечері 10 лютого та в ніч проти 11 росіяни атакували", ("uk",))]
    [('10 лютого', [(2, 10)]), ('11', [(2, 11)])]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("31 декабря и в ночь на 1 шёл снег; в ночь на 5 тоже", ("ru",))]
    [('31 декабря', [(12, 31)]), ('1', [(1, 1)]), ('5', [(1, 5)])]
    >>> date_mentions("в ночь на 11 россияне атаковали", ("ru",))  # no month before it: left a number
    []
    """
    named = [mention for mention in dates if not mention.optional]
    for match in _NIGHT_BEFORE_DAY.finditer(text, start, end):
        day_start = match.start("day")
        day = int(match.group("day"))
        if day_start in covered or not 1 <= day <= 31:
            continue  # "в ночь на 11 февраля": the date has its month
        before = [mention for mention in named if day_start - _NIGHT_REACH <= mention.end <= match.start()]
        if not before:
            continue
        month, last_day = max(before[-1].values, key=lambda value: value[1])
        if day < last_day:
            month = month % 12 + 1
        found = Mention(day_start, match.end(), match.group("day"), frozenset({(month, day)}))
        named.append(found)
        yield found


def _abbreviated(month: str) -> bool:
    """Whether a month's name as written is an abbreviation a full stop may follow ("Jan.", "Sept."): four
    letters at most, and none of the short names written whole.

    >>> [_abbreviated(month) for month in ("Jan", "Sept", "January", "May", "June")]
    [True, True, False, False, False]
    """
    return len(month) <= 4 and month.lower() not in ("may", "june", "july")


# A date in numerals, as formal Chinese and Japanese write it: 十月一日, 二〇二三年二月十日, 二十四日 (its year is a number,
# see _CJK_NUMBER). A lone day only from the 10th: 一日 to 九日 are as often "one day" to "nine days" (一日中, 三日間).
_HAN_DAY = r"三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"
_HAN_DATE = regex.compile(
    rf"(?P<month>十[一二]?|[一二三四五六七八九])月(?P<day>{_HAN_DAY})[日号號]"
    r"|(?<![〇零一二两兩三四五六七八九十百千万萬月])(?P<lone>三十一?|二?十[一二三四五六七八九]?)[日号號](?![間间])"
)


def _lone_days_in_named_months(mentions: list[Mention]) -> list[Mention]:
    """Lone days (20日) as days of a month the text's dates name, or of the month before or after: news
    writes this month's days alone (10日下午, 同月13日), so a translation that gives one another month ("July 7"
    for 7日 in an article of February) made the month up. In a text that names no month a day may be of any.

    >>> found = date_mentions("中新网2月11日电 朝鲜官媒9日公布影片，7日的晚宴", ("zh",))
    >>> [(m.raw, sorted({month for month, _ in m.values})) for m in found]
    [('2月11日', [2]), ('9日', [1, 2, 3]), ('7日', [1, 2, 3])]
    >>> [len(m.values) for m in date_mentions("朝鲜官媒9日公布影片", ("zh",))]
    [12]
    """
    named = {month for mention in mentions if not mention.optional for month, _ in mention.values}
    if not named:
        return mentions
    near = {(month + shift - 1) % 12 + 1 for month in named for shift in (-1, 0, 1)}
    return [
        replace(mention, values=frozenset(value for value in mention.values if value[0] in near))
        if LONE_DAY in mention.tags
        else mention
        for mention in mentions
    ]


# The months of the Bikram Sambat calendar (Nepal's), as Nepali news writes them.
_BIKRAM_SAMBAT_MONTHS = (
    "बैशाख", "वैशाख", "जेठ", "जेष्ठ", "असार", "आषाढ", "साउन", "श्रावण", "भदौ", "भाद्र", "असोज", "आश्विन", "कात्तिक",
    "कार्तिक", "मंसिर", "मङ्सिर", "मार्ग", "पुस", "पौष", "माघ", "फागुन", "फाल्गुन", "चैत", "चैत्र",
)
_BIKRAM_SAMBAT_MARKS = ("गते", *_BIKRAM_SAMBAT_MONTHS)  # what such a date holds, one of them at least
# "माघ ११" (the 11th of Magh), "२४ गते" (the 24th), in ASCII digits
_BIKRAM_SAMBAT_DATE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:" + "|".join(_BIKRAM_SAMBAT_MONTHS) + r")[ \u00a0](?:[0-3]?\d)(?!\d)|(?<!\d)[0-3]?\d[ \u00a0]?गते"
)
# Every (month, day): a date of another calendar pairs with any date of the translation and is never reported
_ANY_DAY = frozenset((month, day) for month in range(1, 13) for day in range(1, 32))


# --- numbers ---------------------------------------------------------------------------------

_YEAR_FIRST_DATE = regex.compile(r"(?<![\d.,/])((?:19|20)\d\d)([-./])(?:1[0-2]|0?[1-9])\2(?:3[01]|[12]\d|0?[1-9])(?!\d|[.,]\d)")
_YEAR_FIRST_GATE = _gate(4, 4, "-./")  # 2023-02-11: a year, then its separator
# (Indian grouping first: 12,85,470 and 1,40,000 are lakhs, and a group of two digits is no group of three)
# a number in lakhs and crores, as Indian English and Nepali write it: 12,34,567
_LAKHS = r"\d{1,2}(?:,\d{2})+,\d{3}(?=\.\d|(?![.,]\d))"
_NUMBER = regex.compile(
    r"(?<!\p{N}|\d[.,])(?:" + _LAKHS + r"|\d{1,3}(?:(?:[ \u00a0\u2009\u202f'’]|[.,](?=\d{3}(?!\d)))\d{3})+|\d+)"
    r"(?:[.,]\d+)?(?![\p{N}]|[.,]\d)"
)
# Chinese, Japanese and Korean write decimals with a point only: "2000,2005" is a list
_NUMBER_POINT = regex.compile(
    r"(?<!\p{N}|\d\.)(?:" + _LAKHS + r"|\d{1,3}(?:(?:[ \u00a0\u2009\u202f'’]|,(?=\d{3}(?!\d)))\d{3})+|\d+)"
    r"(?:\.\d+)?(?![\p{N}]|\.\d)"
)
POINT_ONLY = frozenset({"zh", "ja", "ko"})
# and so does Sinhala, whose texts run lists together: "අශ්ව බල 10,12 සහ 15" is 10, 12 and 15 horsepower, "1960,70
# හා 80 දශකවල" the 1960s, '70s and '80s (MLQE-PE; never a decimal comma there)
_POINT_DECIMALS = POINT_ONLY | {"si"}
# an area in ares (a hundred square metres) in Japanese and in languages that write "ares" or "Ar"
_ARES_AFTER = regex.compile(r"[ \u00a0]?(?:アール|ares\b|Ar\b)")
# a number glued to a Latin or Cyrillic word is part of a name (COVID-19, Су-57, Nord Stream-2)
_IN_NAME = regex.compile(r"(?:[\p{Latin}\p{Cyrillic}]|[\p{Latin}\p{Cyrillic}][-‑])$")
# what stands before most numbers and ends no name: _IN_NAME is not tried after it (a match of it ends with a letter
# or a hyphen, just before the number: its "$" matches before nothing else but a line break)
_BEFORE_NO_NAME = frozenset(" (\"'$£€")
# Japanese for "around thirty, forty, fifty, sixty" (an age): アラフィフ is "around 50"
AROUND_AGES = {"サー": 30, "フォー": 40, "フィフ": 50, "カン": 60}
_AROUND_AGE = regex.compile(r"アラ(サー|フォー|フィフ|カン)")
# a number in an index's name: ダウ工業株30種平均 (the Dow Jones Industrial Average)
_INDEX_NAME = regex.compile(r"種(?:平均|株価)")
# noon and midnight for 12 and 0 o'clock ("klukkan 12 á hádegi", "at noon")
_CLOCK_WORD = regex.compile(r"(?<!\p{L})(?:noon|midday|midnight)(?!\p{L})", regex.IGNORECASE)
# a cup's round as a fraction of the final: 1/8 финала is the round of 16
_CUP_ROUND = regex.compile(r"(?<![\d/])1/(2|4|8|16|32)(?=[ \u00a0](?:финал|фінал|final))", regex.IGNORECASE)
_CUP_ROUND_GATE = _gate(1, 1, "/")
_NUMERIC_DATE = regex.compile(_AT_DIGIT + r"(?<![\d.,/])[0-3]?\d[./][0-3]?\d[./]((?:19|20)\d\d)(?!\d)")
_NUMERIC_DATE_GATE = _gate(1, 2, "./")  # 15.09.2020: a day, then its separator
_NOT_DIGIT = regex.compile(r"\D")
_PHONE = regex.compile(r"(?<![\w+])\+?\d{1,3}[ \u00a0-]?\(?\d{2,4}\)?(?:[ \u00a0-]\d{2,4}){2,4}(?!\w)")
# +7 727 123 45 67, 090-8859-5928, 7(727)1234567: its first groups run together are 3 to 7 digits, each alone 1 to 4
_PHONE_GATE = _gate(1, 7, " \u00a0-()")
_RANGE_MARKS = "–—/～〜~-"
_YEAR_RANGE = regex.compile(r"(?<!\d)((?:1[89]|20)\d\d)[" + _RANGE_MARKS + r"]((?:1[89]|20)?\d\d)(?!\d)(?![–—-])")
_YEAR_RANGE_GATE = _gate(4, 4, _RANGE_MARKS)
# Korean writes its scales after digits only (its numerals are words: 일 is also "day", 만 "only"): 320만,
# 1500억, "1조 2000억" (a space before a part with its own scale), 1만2000, 5천, 3백만; not after 제, which makes
# an ordinal (제3조 is Article 3)
_KO_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_SCALE = r"(?:[천백]?[만억조]|천)"
_KO_NUMBER = rf"{_KO_DIGITS}{_KO_SCALE}(?:{_KO_DIGITS}{_KO_SCALE}?|[ \u00a0]{_KO_DIGITS}{_KO_SCALE})*"
_CJK_NUMBER = regex.compile(
    # 제3조 is Article 3 (제 makes an ordinal of the number), not 3 trillion
    r"(?<!제[ \u00a0]?\d*)" + _KO_NUMBER + r"|"
    r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两兩三四五六七八九十百千])+[多余餘]?[ \u00a0]?(?:[万萬亿億兆](?:\d+(?:\.\d+)?|[〇零一二两兩三四五六七八九十百千])*)+"
    r"|\d+千(?![葉米克瓦])|[〇零一二两兩三四五六七八九十百千万萬亿億兆]{2,}|(?<![〇零一二两兩三四五六七八九])[十百千](?![〇零一二两兩三四五六七八九十百千万萬亿億兆])"
)
_POSITIONAL_YEAR = regex.compile(r"[〇零一二三四五六七八九]{4}")  # 二〇二三 (年): 2023, one numeral a digit
# Japanese era years: 令和3年 is 2021, 明治23（1890）年 and 1895（明治28）年 are 1890 and 1895
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
# (and "０５（同３８）年" after them: 同, "the same", is the era last named)
_ERA_YEAR = regex.compile(r"(令和|平成|昭和|大正|明治|同)(\d{1,2}|元)(?:年|(?=[（(]\d{4}[）)])|(?=[）)]年))")
# ... and in English, as MT leaves them and references give them beside the year: "Reiwa 3", "Heisei
# era 18", "the 5th year of Reiwa", "1923 (Taisho 12)"
ENGLISH_ERAS = {"Reiwa": 2018, "Heisei": 1988, "Showa": 1925, "Shōwa": 1925, "Taisho": 1911, "Taishō": 1911, "Meiji": 1867}
_ENGLISH_ERA = "(" + "|".join(ENGLISH_ERAS) + ")"
_ERA_ORDINAL = r"(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(word for word, value in ENGLISH_ORDINALS.items() if value <= 12) + "))"
_ENGLISH_ERA_YEAR = regex.compile(
    rf"\b{_ENGLISH_ERA}(?:[ -](?:[Ee]ra|[Pp]eriod))?,? (?:(\d{{1,2}})(?:st|nd|rd|th)?|[Ff]irst|[Gg]annen)(?: [Yy]ear)?(?![\d.,]\d)"
    rf"|\b(?:[Tt]he )?{_ERA_ORDINAL} year of (?:the )?{_ENGLISH_ERA}(?: (?:[Ee]ra|[Pp]eriod))?\b"
)


def _english_era_year(match: Any) -> int:
    """The year of an :data:`_ENGLISH_ERA_YEAR` match ("Reiwa 3" is 2021, its first year 2019)."""
    era, number, ordinal, word, era_after = match.groups()
    if era is not None:
        return ENGLISH_ERAS[era] + (int(number) if number is not None else 1)
    return ENGLISH_ERAS[era_after] + (int(ordinal) if ordinal is not None else ENGLISH_ORDINALS[word.lower()])


# Japanese prices in yen and sen (2万6469円89銭 is 26,469.89) and ratios in tenths (7割 is 70%,
# a batting average of 2割5分 is .250)
_YEN_SEN = regex.compile(r"(\d[\d,.]*(?:[万萬億兆]\d*)*)(?:円|ドル)(\d{1,2})(?:銭|セント)")
_WARI = regex.compile(r"(?<!\d)(\d{1,2})割(?:(\d)分)?(?:(\d)厘)?")
_WARI_RANGE = regex.compile(r"(?<!\d)(\d{1,2})割(\d)[～〜~–-](\d)分")  # 2割4～5分: .240 to .250
# hours in Chinese and Japanese: 19時, 下午3点, 11時半 (half past)
_CJK_HOUR = regex.compile(r"(?<!\d)([01]?\d|2[0-4])\s?(?:時(?!間)|时(?!间)|點|点(?![\d〇一二三四五六七八九]))(?:(半)|(\d{1,2})分)?")
# an hour with a.m./p.m. alone: 7pm, 11 a.m.
_HOUR_AMPM = regex.compile(_AT_DIGIT + r"(?<![\d.,:])(1[0-2]|0?[1-9])[ \u00a0]?([ap])\.?m\b\.?", regex.IGNORECASE)
_HOUR_AMPM_GATE = _gate(1, 2, " \u00a0apAP")
# a whole number and a fraction: 2 1/2, 3½
_VULGAR_FRACTIONS = "½⅓⅔¼¾⅛"
_FRACTION = regex.compile(r"(?<![\d.,/])(\d+)(?:[ \u00a0]([1-9])/([2348])|([" + _VULGAR_FRACTIONS + r"]))(?![\d/])")
_FRACTION_GATE = _gate(1, 1 << 30, " \u00a0" + _VULGAR_FRACTIONS)
# "and a half" after a number and its unit: 4 mois et demi, 2 años y medio, 3 года с половиной; in Chinese and
# Japanese 半 after the unit: 1分半 (a minute and a half), 2時間半, 1年半, 一个半小时
_AND_A_HALF = regex.compile(
    r"(?:[ \u00a0]\p{L}+)?[ \u00a0](?:and a half|et demie?|y medi[oa]|e mezzo|und ein halb|с половиной|з половиною|og hálf)(?!\p{L})"
    r"|(?:時間|时间|小時|小时|分間?|分钟|分鐘|秒|年|[ヶかカヵ个個]?月|週間?|日|倍|[个個])半",
    regex.IGNORECASE,
)
# English after a number: words that make it something a translator writes otherwise
_AFTER_24 = regex.compile(r"[ \u00a0-]hours?\b|/7\b")  # "24 hours" for "сутки", 24/7
_PERCENT_AFTER = regex.compile(r"[ \u00a0]?(?:%|％|percent|per cent|процент|відсот|prósent|pour ?cent|por ?ciento|Prozent)", regex.IGNORECASE)
# after an ordinal's digits: "18th century", "14th-15th centuries", "18th and 19th centuries", "18th-century"
_ORDINAL_CENTURY = regex.compile(
    r"(?:st|nd|rd|th)(?:[ \u00a0]?(?:-|–|and|or|to)[ \u00a0]?\d{1,2}(?:st|nd|rd|th))?[ \u00a0-]centur(?:y|ies)\b", regex.IGNORECASE
)
_HUNDREDS_DECADE = regex.compile(r"1\d00")
_DAY_ORDINAL = regex.compile(r"(?<=\bthe[ \u00a0])([12]?\d|3[01])(?:st|nd|rd|th)\b")
# a time written with a point after "at" in the language: о 21.30, um 9.15, klukkan 21.30, kell 12.30, kello 9.15
_DOT_TIME = regex.compile(
    r"(?<=(?:\b[оОвВ]|\b[aA]t|\b[uU]m|\b[kK]l\.|\b[kK]lukkan|\bà|\b[oO]m|\b[kK]ell[ao]?)[ \u00a0])([01]?\d|2[0-3])\.([0-5]\d)(?!\d|[.,]\d)"
)
_TIME_GATE = _gate(1, 2, ":.")
_DOT_TIME_GATE = _gate(1, 2, ".")
_IMPERIAL_WORD = regex.compile(
    r"\b(?:feet|foot|ft|miles?|mph|pounds?|lbs?|inch(?:es)?|Fahrenheit|gallons?|acres?|ounces?|yards?)\b|°F", regex.IGNORECASE
)


def imperial_units(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` measures in imperial units (a translator converted metric ones).

    >>> imperial_units("That sort of phallic bit there is about a foot long."), imperial_units("about 30 cm long")
    (True, False)
    """
    return _IMPERIAL_WORD.search(text, start, len(text) if end is None else end) is not None


_IMPERIAL = regex.compile(
    r"[ \u00a0-]?(?:feet|foot|ft\b|miles?\b|mph\b|pounds?\b|lbs?\b|inch(?:es)?\b|°F|degrees? Fahrenheit|Fahrenheit"
    r"|gallons?\b|acres?\b|ounces?\b|oz\b|yards?\b)",
    regex.IGNORECASE,
)
_METRIC = regex.compile(
    _SECOND_NUMBER + r"[ \u00a0-]?(?:km|m\b|cm|mm\b|kg|°C|℃|градус|метр|сантиметр|километр|килограмм|кг|км|см|см|м\b|мм"
    r"|メートル|センチ|キロ|ミリ|度|米|公里|公斤|厘米|千米|千克|平方米|gradu|metr|kilometr|kilogram|centímetr|centimètr)",
    regex.IGNORECASE,
)
# times of day: 21.30, 9:30 p.m.; the hour also matches its 12-hour form
# (a full stop, or a colon and a space, only before a.m./p.m.: 0.01 and 3.33 are decimals)
_TIME = regex.compile(
    _AT_DIGIT + r"(?<![\d.,:])([01]?\d|2[0-4])(?::([0-5]\d)(?![\d]|[.,]\d)(?:[ \u00a0]?([ap])\.?m\b\.?)?|(?:\.|:[ \u00a0])([0-5]\d)[ \u00a0]?([ap])\.?m\b\.?)",
    regex.IGNORECASE,
)
# CJK dates and counters whose digits are not numbers of the text: 7月21日 is the date check's,
# 24日 ("the 24th") and 3月 ("March") may be translated without digits
_CJK_DAY_OR_MONTH = regex.compile(r"(?<!\d)(\d{1,2})\s?(?:日|月|号|號|일|월)")
# a range whose second number carries the scale, which is both ends': 3至5万, 約3～5万人, 300～500万円 (30,000 to
# 50,000; 3 to 5 million), 3~5만, as "20-30 тысяч" (_SECOND_NUMBER) reads
_CJK_RANGE_SCALE = regex.compile(
    r"[ \u00a0]?(?:[～〜~–—-]|至|到)[ \u00a0]?\d+(?:,\d{3})*(?:\.\d+)?(?P<scale>[千천百백]?[万萬亿億兆만억조]+|[千천](?![葉米克瓦]))"
)
# two neighbouring digits joined by 、 before a scale, 3、4万 ("thirty or forty thousand"), as 三四万 reads; a list
# (1、2、3) has no scale after its second number, and 3、5万 is two numbers
_CJK_PAIR_SCALE = regex.compile(r"、(?P<second>\d)(?P<scale>[千천百백]?[万萬亿億兆만억조]+)")
_RANGE_SCALE_TAGS = frozenset({"scaled", "scale-word"})


def _cjk_range_after(text: str, start: int, end: int) -> regex.Match[str] | None:
    """The rest of a CJK range whose second number carries the scale, after its first number ``text[start:end]``:
    "～5万" of 3～5万, "、4万" of 3、4万 (None when none follows)."""
    if found := _CJK_RANGE_SCALE.match(text, end):
        return found
    pair = _CJK_PAIR_SCALE.match(text, end) if end - start == 1 else None
    return pair if pair is not None and int(pair.group("second")) == int(text[start]) + 1 else None


# Every character one of the CJK patterns needs (_CJK_NUMBER matches none without one of these)
_CJK_NUMERALS = "〇零一二两兩三四五六七八九十百千万萬亿億兆천만억조"


def _holds(text: str, needles: Iterable[str], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of ``needles`` (each starting beyond ASCII): a pattern that
    needs one is not run where none is (most MT output into English has no CJK character at all, and a
    needle whose first character the text lacks is not searched for: an English text's curly quotes made
    it search for each of some fifty).

    >>> _holds("“Reiwa” 3年", "令平昭大明", 0, 10), _holds("“Reiwa” 3年", "日月年", 0, 10), _holds("“Reiwa” 3年", "日月年", 0, 9)
    (False, True, False)
    """
    if text.isascii():
        return False
    present = _beyond_ascii(text)
    return any(needle[0] in present and text.find(needle, start, end) != -1 for needle in needles)


def _holds_era(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold an English era year (see :data:`_ENGLISH_ERA_YEAR`): whether it holds
    an era name, as the scan for number words finds them in a text read whole."""
    starts = _english_word_starts(text) if end == len(text) else None
    if starts is None:
        return any(text.find(era, start, end) != -1 for era in ENGLISH_ERAS)
    return any(at >= start for at in starts.eras)


def _holds_word(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` may hold one of ``words`` (of :data:`_GATE_WORDS`) ignoring case, as `regex` reads it:
    as the scan for number words finds them."""
    found = _english_word_starts(text)
    return found is None or any(word in found.held for word in words)


def _lowered(text: str) -> str | None:
    """``text`` in lower case, to scan for words (:func:`_english_word_starts`); None when ``text`` holds
    a letter that matches an ASCII one ignoring case (İ, ſ, K: then any word may be there, as `regex` reads it).

    >>> _lowered("Around Noon"), _lowered("\u212aelvin")
    ('around noon', None)
    """
    if not text.isascii() and any(letter in text for letter in _FOLDS_TO_ASCII):
        return None
    return text.lower()


_CJK_SCALE_CHAR = regex.compile(r"[万萬亿億兆만억조]")
# a numeral from two to nine and a power of ten after it (六百, 三十五, 两千), which before a measure word or 多 is a
# count, where 千万 ("by all means"), 万一 ("in case") and 一 alone are words of the text as often as numbers
_CJK_COUNTED = regex.compile(r"[二两兩三四五六七八九][十百千万萬亿億]")
_LETTER_OR_DIGIT = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{N}]")
# a bracket or quotation mark that closes: a full stop after it ends a sentence, and the number after that is whole
_CLOSING = frozenset(")]}”’»）」』")  # (a straight quotation mark may open one: '".5 percent"')
# what makes "at 21.57" no time of day in English: a unit, a share, a score or a price after it
_NOT_CLOCK = regex.compile(
    r"[ \u00a0]?(?:s\b|sec|min|%|per|points?|pts|[a-zA-Z]*metres?|[a-zA-Z]*meters?|m\b|km|kg|g\b|ft|feet|mph"
    r"|dollars?|pounds?|euros?|times|x\b)",
    regex.IGNORECASE,
)
# and what an English time of day is followed by: no word ("at 21.30!", "at 9.40, the"), or a word of
# time ("at 18.30 local time"); "estimated at 1.52 children" is a number
_CLOCK_AFTER = regex.compile(
    r"[ \u00a0]?(?:[ap]\.?m\b|h\b|hrs?\b|hours?\b|GMT|UTC|BST|CES?T|EES?T|MSK|local\b|o['’]clock|in the (?:morning|afternoon|evening))"
    r"|(?![ \u00a0]?\p{L})",
    regex.IGNORECASE,
)
# a day of a Nepali month ("असार ७ गते", the 7th of Asar)
_NEPALI_DAY = regex.compile(r"[ \u00a0]?गते")


def _bikram_sambat_year(text: str, match: Any) -> set[Decimal]:
    """The Gregorian years a year of the Bikram Sambat calendar (57 or 56 years ahead) may be, for a number of
    a Nepali text from 2000 to 2099 not after "सन्" (AD), or of three digits, the first 0 ("०५६ साल", the year
    2056); none for others.

    >>> text = "२०६१ माघ, ०५६ साल, सन् २०१२"
    >>> [sorted(map(int, _bikram_sambat_year(text, m))) for m in _NUMBER.finditer(ascii_digits(text))]
    [[2004, 2005, 2061], [1999, 2000, 2056], []]
    """
    raw = match.group()
    if not raw.isdigit():
        return set()
    year = int(raw)
    if len(raw) == 3 and raw.startswith("0"):  # a year of the 2000s written short: "०५६ साल", "०६५ मा"
        year += 2000
    if not 2000 <= year <= 2099 or "सन्" in text[max(0, match.start() - 6) : match.start()]:
        return set()
    return {Decimal(year), Decimal(year - 57), Decimal(year - 56)}


# Languages that end a sentence with the danda (।): a point between digits is a decimal point there.
DANDA_LANGUAGES = frozenset({"ne", "hi", "mr", "bn", "as", "sa", "mai"})
# A word tokeniser (as in the MLQE-PE sources) writes "५६,०००" as "५६, ०००" and "५.८" as "५. ८": groups
# of two digits (Indian grouping) or three after a comma and a space; a decimal after a point and a space,
# of a number below 1,000 ("२०१५. ३" is a year that ends a sentence)
_TOKENISED_GROUPS = regex.compile(r"(?<![\d.,]|\d[.,] )(\d{1,3})((?:, \d{2})*, \d{3}|(?:, \d{3})+)(?!\d|[.,] ?\d)")
_TOKENISED_DECIMAL = regex.compile(r"(?<![\d.,]|\d[.,] )(\d{1,3})(?:\. | ?दशमलव )(\d+)(?!\d|[.,] ?\d)")  # दशमलव: "point"


def _tokenised_mentions(text: str, start: int, end: int, lang: str) -> Iterator[Mention]:
    """Numbers a tokeniser split at their separators in a text of a danda language.

    A group that starts with 0, or a group of two digits, is no number of its own: the number is read whole.
    Otherwise ("९०, १७३") it may be a list: the first number reads either way and the others are optional.

    >>> found = _tokenised_mentions(ascii_digits("५६, ००० र ५, ४०, ४९३; ९०, १७३; ०. ०३% र ५. ८ लाख; ६ दशमलव ६"), 0, 70, "ne")
    >>> [(m.raw, sorted(map(str, m.values)), m.optional) for m in found]
    [('56, 000', ['56000'], False), ('5, 40, 493', ['540493'], False), ('90, 173', ['90', '90173'], False), ('173', ['173'], True), ('0. 03', ['0.03'], False), ('5. 8', ['5.8', '580000.0'], False), ('6 दशमलव 6', ['6.6'], False)]
    """
    for match in _TOKENISED_GROUPS.finditer(text, start, end):
        groups = match.group(2)[2:].split(", ")
        values = {Decimal(match.group(1) + "".join(groups))}
        whole = any(group.startswith("0") or len(group) == 2 for group in groups)
        if not whole:
            values.add(Decimal(match.group(1)))
        scale = _SCALE_AFTER.match(text, match.end())
        values = _scaled_by(values, scale, lang)
        yield Mention(match.start(), match.end(), match.group(), frozenset(values), tags=_tags_after(text, match.end(), scale, False, lang))
        if not whole:
            position = match.start(2) + 2
            for group in groups:
                yield Mention(position, position + len(group), group, frozenset({Decimal(group)}), optional=True)
                position += len(group) + 2
    for match in _TOKENISED_DECIMAL.finditer(text, start, end):
        scale = _SCALE_AFTER.match(text, match.end())
        values = _scaled_by({Decimal(f"{match.group(1)}.{match.group(2)}")}, scale, lang)
        yield Mention(match.start(), match.end(), match.group(), frozenset(values), tags=_tags_after(text, match.end(), scale, False, lang))


_MINUTES_SPLIT_OFF = regex.compile(r"\d:[ \u00a0]$")  # "9: 00": the minutes of a time
_LEADING_ZERO = regex.compile(r"0\d")
_SECTION_NUMBER = regex.compile(r"\d{1,2}\.\d")


def _at_line_start(text: str, position: int) -> bool:
    """Whether only spaces and tabs stand between the start of the line and ``position`` (looked at
    backwards from it: a document of many numbers is not copied once for each)."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def number_mentions(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Numbers in ``text[start:end]`` (``text`` in ASCII digits, see :func:`ascii_digits`).

    >>> [sorted(map(str, m.values)) for m in number_mentions("Более 500 человек, 1,5 млн рублей", "ru")]
    [['500'], ['1.5', '1500000.0']]
    >>> [m.raw for m in number_mentions("Call +7 727 123 45 67 in 2020–21, five times.", "en")]
    ['+7 727 123 45 67', '2020–21', '2020–21', 'five']
    >>> [(m.raw, sorted(map(str, m.values)), m.optional) for m in number_mentions("Nord Stream-2 cost 3万円", "ja")]
    [('2', ['2'], True), ('3万', ['30000'], False)]
    >>> [(m.raw, sorted(map(str, m.values))) for m in number_mentions("2万6469円89銭、7割、19時、2000,2005年", "ja")]
    [('2万6469円89銭', ['26469.89']), ('7割', ['0.7', '70.0']), ('19', ['19', '7']), ('2000', ['2000']), ('2005', ['2005'])]
    >>> found = number_mentions("At 7pm, 2 1/2 million, .182, the 11th, 24 hours, 30 feet", "en")
    >>> [(m.raw, sorted(map(str, m.values))) for m in found if not m.optional]
    [('7', ['19', '7']), ('2 1/2', ['2.5', '2500000.0']), ('.182', ['0.182'])]
    >>> [m.raw for m in found if m.optional]  # a number word, a day, "24 hours" for a day, a converted unit
    ['million', '11', '24', '30']
    >>> [(m.raw, sorted(map(str, m.values))) for m in number_mentions("killed seven hundred and 21 and 2 hundred and 50", "en") if not m.optional]
    [('seven hundred and 21', ['721']), ('21', ['1921', '2021', '21']), ('2', ['2', '200']), ('2 hundred and 50', ['250']), ('50', ['1950', '2050', '50'])]
    """
    end = len(text) if end is None else end
    found: list[Mention] = []
    taken = Covered(start, end)

    def free(match_start: int) -> bool:
        return match_start not in taken

    # 15.09.2020, 2023.02.10, 2019-7-7: the year is a number, day and month the date check's
    for pattern, gate in ((_NUMERIC_DATE, _NUMERIC_DATE_GATE), (_YEAR_FIRST_DATE, _YEAR_FIRST_GATE)):
        for match in _digit_matches(pattern, text, start, end, gate):
            found.append(Mention(match.start(1), match.end(1), match.group(1), frozenset({Decimal(match.group(1))})))
            taken.append(match.span())
    for match in _digit_matches(_CUP_ROUND, text, start, end, _CUP_ROUND_GATE) if "1/" in text else ():  # 1/8 финала: the last 16
        teams = int(match.group(1)) * 2
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(teams // 2), Decimal(teams)}), True))
        taken.append(match.span())
    for match in _digit_matches(_PHONE, text, start, end, _PHONE_GATE, plus=True):
        digits = _NOT_DIGIT.sub("", match.group())
        if len(digits) >= 9 and free(match.start()):
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({"tel:" + digits[-9:]})))
            taken.append(match.span())
    for match in _digit_matches(_YEAR_RANGE, text, start, end, _YEAR_RANGE_GATE) if any(mark in text for mark in _RANGE_MARKS) else ():
        if not free(match.start()):
            continue
        first = int(match.group(1))
        second = int(match.group(2)) if len(match.group(2)) == 4 else first // 100 * 100 + int(match.group(2))
        for year in (first, second):  # two years, however the second is written
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(year)})))
        taken.append(match.span())
    era = None
    for match in _ERA_YEAR.finditer(text, start, end) if _holds(text, "令平昭大明", start, end) else ():
        era = match.group(1) if match.group(1) != "同" else era
        if era is not None:
            year = ERAS[era] + (1 if match.group(2) == "元" else int(match.group(2)))
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(year)})))
            taken.append(match.span())
    for match in _ENGLISH_ERA_YEAR.finditer(text, start, end) if lang == "en" and _holds_era(text, start, end) else ():
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(_english_era_year(match))}), tags=_ERA_TAGS))
        taken.append(match.span())
    for match in _YEN_SEN.finditer(text, start, end) if _holds(text, ("円", "ドル"), start, end) else ():
        yen = cjk_value(match.group(1)) if free(match.start()) else None
        if yen is not None:
            amount = yen + Decimal(match.group(2)) / 100
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({amount})))
            taken.append(match.span())
    for match in _WARI_RANGE.finditer(text, start, end) if _holds(text, "割", start, end) else ():
        for digit in (2, 3):
            tenths = Decimal(match.group(1)) / 10 + Decimal(match.group(digit)) / 100
            found.append(Mention(match.start(digit), match.end(digit), match.group(), frozenset({tenths, tenths * 100})))
        taken.append(match.span())
    for match in _WARI.finditer(text, start, end) if _holds(text, "割", start, end) else ():
        if free(match.start()):
            tenths = Decimal(match.group(1)) / 10 + Decimal(match.group(2) or 0) / 100 + Decimal(match.group(3) or 0) / 1000
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({tenths, tenths * 100})))
            taken.append(match.span())
    for match in _CJK_HOUR.finditer(text, start, end) if _holds(text, "時时點点", start, end) else ():
        if not free(match.start()):
            continue
        hour = int(match.group(1))
        hours = {hour, hour % 12 or 12} | ({hour + 12} if hour < 12 else set())
        midnight = hour in (0, 24)  # "midnight"
        found.append(Mention(match.start(), match.end(1), match.group(1), frozenset(map(Decimal, hours)), optional=midnight))
        if match.group(2) or match.group(3):
            minute = Decimal(30 if match.group(2) else match.group(3))
            found.append(Mention(match.start(2) if match.group(2) else match.start(3), match.end(), match.group(), frozenset({minute}), optional=minute == 0))
        taken.append(match.span())
    for match in _digit_matches(_TIME, text, start, end, _TIME_GATE):
        if not free(match.start()):
            continue
        minute_group = 2 if match.group(2) else 4
        hour, minute = int(match.group(1)), Decimal(match.group(minute_group))
        after_noon = (match.group(3) or match.group(5) or "").lower() == "p"
        hours = {hour, hour % 12 or 12} | ({hour + 12} if after_noon else set())
        found.append(Mention(match.start(), match.start() + len(match.group(1)), match.group(1), frozenset(map(Decimal, hours))))
        minute_end = match.end(minute_group)
        found.append(Mention(minute_end - 2, minute_end, match.group(minute_group), frozenset({minute}), optional=minute == 0))
        taken.append(match.span())
    for match in _digit_matches(_DOT_TIME, text, start, end, _DOT_TIME_GATE):
        if not free(match.start()) or (lang == "en" and (_NOT_CLOCK.match(text, match.end()) or not _CLOCK_AFTER.match(text, match.end()))):
            continue  # "at 21.57 seconds", "at 1.30 per cent", "at 1.52 children"
        hour, minute = int(match.group(1)), Decimal(match.group(2))
        hours = {hour, hour % 12 or 12} | ({hour + 12} if hour < 12 else set())
        found.append(Mention(match.start(), match.end(1), match.group(1), frozenset(map(Decimal, hours))))
        found.append(Mention(match.start(2), match.end(2), match.group(2), frozenset({minute}), optional=minute == 0))
        taken.append(match.span())
    for match in _digit_matches(_HOUR_AMPM, text, start, end, _HOUR_AMPM_GATE):
        if free(match.start()):
            hour = int(match.group(1))
            hours = {hour} | ({hour % 12 + 12} if match.group(2).lower() == "p" else {hour % 12})
            found.append(Mention(match.start(), match.end(1), match.group(1), frozenset(map(Decimal, hours))))
            taken.append(match.span())
    for match in _digit_matches(_FRACTION, text, start, end, _FRACTION_GATE) if "/" in text or _holds(text, _VULGAR_FRACTIONS, start, end) else ():
        if not free(match.start()):
            continue
        fraction = Decimal(match.group(2)) / Decimal(match.group(3)) if match.group(2) else Decimal(str(unicodedata.numeric(match.group(4))))
        fraction = fraction.quantize(Decimal("0.01")).normalize()
        values = _scaled({Decimal(match.group(1)) + fraction}, text, match.end(), lang)
        found.append(Mention(match.start(), match.end(), match.group(), frozenset(values), tags=_tags(values, text, match.end(), lang)))
        taken.append(match.span())
    for match in _CJK_NUMBER.finditer(text, start, end) if _holds(text, _CJK_NUMERALS, start, end) else ():
        measured = _MEASURE_WORD.match(text, match.end()) is not None
        read = cjk_values(match.group(), measured) if free(match.start()) else frozenset()
        if read:
            # written in numerals, a number may be a word of the text (千万, "by all means"); an approximate
            # one (六七千) never is, nor a year written digit by digit (二〇二三年)
            has_digits = any(c.isdigit() for c in match.group()) or (
                _POSITIONAL_YEAR.fullmatch(match.group()) is not None and text.startswith("年", match.end())
            )
            values = set(read) | {value + year for value in read if 10 <= value < 100 for year in (1900, 2000)}
            scaled = frozenset({"scaled"}) if _CJK_SCALE_CHAR.search(match.group()) else frozenset()
            # 六百多, 三十五个: a count, no word of the text (伤敌一千自损八百 is an idiom, 二十四日 a date)
            counted = _CJK_COUNTED.match(match.group()) is not None and (measured or text.startswith(("多", "余", "餘"), match.end()))
            optional = not (has_digits or counted) and len(read) == 1
            if _AND_A_HALF.match(text, match.end()):  # 一个半小时: an hour and a half
                values |= {value + _HALF for value in read}
                scaled |= _HALF_TAGS
            found.append(Mention(match.start(), match.end(), match.group(), frozenset(values), optional=optional, tags=scaled))
            taken.append(match.span())
    for match in _CJK_DAY_OR_MONTH.finditer(text, start, end) if _holds(text, "日月号號일월", start, end) else ():
        if free(match.start()):
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(match.group(1))}), True))
            taken.append(match.span())
    for mention in _tokenised_mentions(text, start, end, lang) if lang in DANDA_LANGUAGES else ():
        if free(mention.start):
            found.append(mention)
            if not mention.optional:  # (a list's later numbers, optional, lie inside the whole one's span)
                taken.append((mention.start, mention.end))
    for match in _digit_matches(_NUMBER_POINT if lang in _POINT_DECIMALS else _NUMBER, text, start, end):
        if not free(match.start()):
            continue
        values = set(parse_number(match.group(), lang))
        if not values:
            continue
        before, in_time = text[max(0, match.start() - 2) : match.start()], False
        # .182, P<.05, 打率・252 (a batting average after ・ has three digits: 第１弾・９Ｒ is race 9)
        point = before[-1:] == "." or (before[-1:] == "・" and len(match.group()) == 3)
        first, raw = match.start(), match.group()
        if point and not _LETTER_OR_DIGIT.match(before[:1]) and before[:1] not in _CLOSING:  # "City).2" ends a sentence
            values = {Decimal("0." + match.group())} if match.group().isdigit() else values
            first, raw = first - 1, before[-1] + raw  # the point is the number's: "・252" (.252), not "252"
        elif match.group().isdigit() and before[:1] == ":" and _MINUTES_SPLIT_OFF.search(text[max(0, match.start() - 3) : match.start()]):
            values, in_time = {Decimal(match.group())}, True  # "9: 00", a time's minutes split off (not "85: 9,562")
        elif len(match.group()) == 2:  # '98, the 80s, 22年: a year may be written in full on the other side
            values |= {Decimal(1900 + int(match.group())), Decimal(2000 + int(match.group()))}
        # the words after the number, matched once for its values, its tags and whether it is optional
        scale, imperial = _SCALE_AFTER.match(text, match.end()), lang == "en" and _IMPERIAL.match(text, match.end()) is not None
        if len(values) == 2 and _ONE_GROUP.fullmatch(match.group()) and _scale_factor(scale, lang):
            # before a scale word the language's decimal mark settles what one group means: "1.153 billion" and
            # "2,626 млрд" are decimals, "2,500 million" and "1.500 Mio." thousands groups (read both ways,
            # only the larger would count as the scaled reading)
            as_decimal, as_thousands = _one_group_readings(match.group())
            values = {as_decimal if separators(lang)[0] in match.group() else as_thousands}
        values = _scaled_by(values, scale, lang)
        range_tags: frozenset[str] = frozenset()
        if lang in POINT_ONLY and not _scale_factor(scale, lang) and (cjk_range := _cjk_range_after(text, match.start(), match.end())):
            factor = cjk_value("1" + cjk_range.group("scale")) or 1  # 3～5万: 30,000 as well as 3
            values |= {value * factor for value in values}
            range_tags = _RANGE_SCALE_TAGS
        if _ARES_AFTER.match(text, match.end()):  # "２９・６アール": a translator may give the 2,960 m² it is
            values |= {value * 100 for value in values}
        half = _AND_A_HALF.match(text, match.end()) is not None  # "4 mois et demi" is 4 1/2 months
        if half:
            values |= {value + _HALF for value in values if isinstance(value, Decimal)}
        optional = in_time or (before[-1:] not in _BEFORE_NO_NAME and _IN_NAME.search(text, max(0, match.start() - 2), match.start()) is not None)
        if lang == "ne":  # Nepali dates are in the Bikram Sambat calendar: a translation gives their Gregorian date
            values |= _bikram_sambat_year(text, match)
            optional = optional or _NEPALI_DAY.match(text, match.end()) is not None
        # 100% may be "entirely", "all of it"
        optional = optional or (match.group() == "100" and _PERCENT_AFTER.match(text, match.end()) is not None)
        if _at_line_start(text, match.start()) and (
            _LEADING_ZERO.fullmatch(match.group()) or (lang in POINT_ONLY and _SECTION_NUMBER.fullmatch(match.group()))
        ):
            optional = True  # a heading's or a list item's number: 01 佩戴耳机, 6.2 Ordering
        if lang in POINT_ONLY:
            optional = optional or (len(match.group()) == 2 and text.startswith("0后", match.end() - 1))  # 90后: the 1990s generation
            optional = optional or _INDEX_NAME.match(text, match.end()) is not None  # ダウ工業株30種平均: the Dow
            parts = match.group().split(",")
            if len(parts) > 1 and len(parts[0]) == 3 and all(part.isdigit() and not part.startswith("0") for part in parts):
                # 249,289,299 may be three prices: each may pair, none is reported
                optional = True
                position = match.start()
                for part in parts:
                    found.append(Mention(position, position + len(part), part, frozenset({Decimal(part)}), optional=True))
                    position += len(part) + 1
        if lang == "en" and _HUNDREDS_DECADE.fullmatch(raw) and text.startswith(("s", "'s", "’s"), match.end()):
            values |= {Decimal(raw[:2]) + 1}  # "the 1700s": the 18th century, as the source may write it (XVIII в.)
        if lang == "en" and match.group().isdigit() and _ORDINAL_CENTURY.match(text, match.end()):
            # "the 18th century", "the 14th and 15th centuries": a century, no day and no year
            suffix = match.end() + 2  # "18th"
            found.append(Mention(first, suffix, text[first:suffix], frozenset({Decimal(match.group())}), tags=_CENTURY_TAGS))
            continue
        if lang == "en":
            # a day ("on the 11th": the date check's), "24 hours" for a day, "50/50", a converted unit
            optional = optional or bool(
                _DAY_ORDINAL.match(text, match.start())
                or (match.group() == "24" and _AFTER_24.match(text, match.end()))
                or (match.group() == "50" and "50/50" in text[max(0, match.start() - 3) : match.end() + 3])
                or imperial
            )
            groups = match.group().split(" ")
            if len(groups) > 1:
                # English groups thousands with commas: "5V 2 100mA" may be two numbers, so the grouped
                # reading may pair and the numbers apart are the ones reported
                optional = True
                position = match.start()
                for index, group in enumerate(groups):
                    apart = set(parse_number(group, lang))  # the last group may hold a decimal mark: "79 290,39 m"
                    apart = _scaled_by(apart, scale, lang) if index == len(groups) - 1 else apart  # "2 100 million"
                    if apart:
                        found.append(Mention(position, position + len(group), group, frozenset(apart)))
                    position += len(group) + 1
        tags = _tags_after(text, match.end(), scale, imperial, lang) | range_tags | (_HALF_TAGS if half else frozenset())
        found.append(Mention(first, match.end(), raw, frozenset(values), optional=optional, tags=tags))
    found.extend(_roman_mentions(text, start, end))
    if lang in _SOURCE_WORD:
        found.extend(_source_word_mentions(text, start, end, lang))
    if lang == "ja":
        for match in _AROUND_AGE.finditer(text, start, end):
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(AROUND_AGES[match.group(1)])}), True))
    if lang == "en":
        for match in _CLOCK_WORD.finditer(text, start, end) if _holds_word(text, ("noon", "midday", "midnight")) else ():
            hours = {12} if match.group().lower() in ("noon", "midday") else {0, 12, 24}
            found.append(Mention(match.start(), match.end(), match.group(), frozenset(map(Decimal, hours)), optional=True))
        for match in _word_matches(_ENGLISH_NUMBER, text, 0, start, end):
            number = english_number(match.group())
            if number is not None:
                numbers = {number} | ({number + 12} if number < 12 and text.startswith(" o'clock", match.end()) else set())
                found.append(Mention(match.start(), match.end(), match.group(), frozenset(numbers), optional=True))
                tens = _HUNDRED_AND_DIGITS.match(text, match.end()) if match.group().lower().endswith("hundred") else None
                if tens is not None:  # "seven hundred and 21", "2 hundred and 50" for सात सय २१, २ सय ५० (MT from Nepali)
                    first = match.start()
                    if match.group().lower() == "hundred":
                        hundreds = _DIGITS_BEFORE_HUNDRED.search(text, max(0, first - 20), first)
                        if hundreds is None:
                            continue  # "Thousand 9 Hundred 96": a part of a longer number
                        first, number = hundreds.start(), Decimal(int(hundreds.group(1)) * 100)
                    found.append(Mention(first, tens.end(), text[first : tens.end()], frozenset({number + int(tens.group(1))})))
    found.sort(key=lambda m: m.start)
    if lang in DANDA_LANGUAGES or (lang == "en" and _holds_word(text, ("lakh", "crore"))):
        return _with_compounds(found, text, lang)
    return found


_COMPOUND_GAP = regex.compile(r"[ \u00a0]?")
# English has "4 crore 37 lakh" but "2 million 300 people" is two numbers: it joins the Indian scales alone
_ENGLISH_COMPOUND_SCALES = {"lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}


def _with_compounds(found: list[Mention], text: str, lang: str) -> list[Mention]:
    """``found`` (in order of start) with each run of numbers of falling scale words read as one number too:
    "४ करोड ३७ लाख" is 43,700,000, "२ सय ६५" 265, "4 crore 37 lakh" 43,700,000. The run is the number
    reported; its parts stay, optional, for a translation that writes them apart.

    >>> def show(text, lang): return [(m.raw, sorted(map(int, m.values))) for m in number_mentions(ascii_digits(text), lang) if not m.optional]
    >>> show("४ करोड ३७ लाख डलर, कूल २ सय ६५ सांसद र ७ लाख ८३ हजार", "ne")
    [('4 करोड 37', [43700000]), ('2 सय 65', [265]), ('7 लाख 83', [783000])]
    >>> show("एक सय ८४ किलोमीटर", "ne")  # (MLQE-PE: "a journey of 184 kilometres")
    [('एक सय 84', [184])]
    >>> show("Rs 4 crore 37 lakh, and 2 million 300 people", "en")
    [('4 crore 37', [43700000]), ('2', [2, 2000000]), ('300', [300])]
    """
    result: list[Mention] = []
    index = 0
    while index < len(found):
        count, total, scaled = _compound_at(found, index, text, lang)
        if count < 2:
            result.append(found[index])
            index += 1
            continue
        first, last = found[index], found[index + count - 1]
        tags = frozenset({"scaled", "scale-word"}) if scaled else frozenset()
        result.append(Mention(first.start, last.end, text[first.start : last.end], frozenset({total}), tags=tags))
        result.extend(replace(part, optional=True) for part in found[index : index + count])
        index += count
    return result


def _compound_at(found: list[Mention], index: int, text: str, lang: str) -> tuple[int, Decimal, bool]:
    """How many mentions from ``found[index]`` make one number of falling scale words, its value, and whether
    it ends with a scale word (not with a number below the last scale: "२ सय ६५")."""
    total, last_factor, count, gap_end = Decimal(0), 0, 0, -1
    while index + count < len(found):
        mention = found[index + count]
        base = _plain_value(mention, lang)
        if base is None or (count and mention.start != gap_end):
            break
        scale = _SCALE_AFTER.match(text, mention.end)
        factor = _compound_factor(scale, mention.end, lang)
        if factor is None:
            if count and base < last_factor:
                return count + 1, total + base, False
            break
        if count and factor >= last_factor:
            break
        total, last_factor, count = total + base * factor, factor, count + 1
        gap_end = _COMPOUND_GAP.match(text, scale.end()).end()
    return count, total, True


def _compound_factor(scale: Any, after: int, lang: str) -> int | None:
    """The factor of the scale word right after a number (at ``after``) that joins a compound number: an Indian
    scale (सय, हजार, लाख, करोड; in English lakh and crore); None for any other word, or none."""
    if not scale or scale.start(1) - after > 1:
        return None  # no scale word, or a range's second number before it ("12 to 14 million")
    word = scale.group(1).lower()
    if lang == "en":
        return _ENGLISH_COMPOUND_SCALES.get(word)
    return None if word.isascii() else _indic_factor(word)


def _plain_value(mention: Mention, lang: str) -> Decimal | None:
    """The number a mention writes in digits, or as one number word of the language ("एक सय ८४" is 184), before any
    scale word; None for one that is no plain number."""
    if not mention.raw[:1].isdigit():
        word = SOURCE_WORDS.get(lang, {}).get(mention.raw)
        return Decimal(int(word)) if word is not None and word == int(word) else None
    values = parse_number(mention.raw, lang)
    return next(iter(values)) if len(values) == 1 else None


def _source_word_mentions(text: str, start: int, end: int, lang: str) -> Iterator[Mention]:
    """The number words of a source language: each word alone, optional (a word may be no number: "одна
    из", "one of"), and each run of them that spells one number ("двести пятьдесят", "sjö hundruð og
    fimmtíu") as that number, which a translation must then give.

    >>> [(m.raw, sorted(m.values), m.optional) for m in _source_word_mentions("погибли двести пятьдесят человек", 0, 32, "ru")]
    [('двести', [Decimal('200')], True), ('пятьдесят', [Decimal('50')], True), ('двести пятьдесят', [Decimal('250')], False)]
    >>> [m.raw for m in _source_word_mentions("sjö hundruð og fimmtíu manns", 0, 28, "is") if not m.optional]
    ['sjö hundruð og fimmtíu']
    >>> [m.raw for m in _source_word_mentions("пять двадцать", 0, 13, "ru") if not m.optional]  # no one number
    []
    >>> [m.raw for m in _source_word_mentions("на кухні стоять один стіл", 0, 25, "uk") if not m.optional]  # "стоять" (stand)
    []
    >>> [m.raw for m in _source_word_mentions("Однако билет стоит сорока рублей, а не четырех", 0, 46, "ru")]
    ['сорока', 'четырех']
    >>> def required(text, lang): return [(m.raw, sorted(map(int, m.values))) for m in _source_word_mentions(text, 0, len(text), lang) if not m.optional]
    >>> required("до двадцати пяти человек из двух тысяч, а не пятисот тысяч", "ru")  # case forms
    [('двадцати пяти', [25]), ('двух тысяч', [2000]), ('пятисот тысяч', [500000])]
    >>> required("понад двох тисяч, шістдесят три, до двадцяти п'яти", "uk")
    [('двох тисяч', [2000]), ('шістдесят три', [63]), ("двадцяти п'яти", [25])]
    >>> required("двух миллионов, два миллиона триста тысяч, тремя миллиардами", "ru")
    [('двух миллионов', [2000000]), ('два миллиона триста тысяч', [2300000]), ('тремя миллиардами', [3000000000])]
    >>> required("десять мільйонів, півтора мільйона", "uk")
    [('десять мільйонів', [10000000])]
    >>> required("семью двумя", "ru") + required("стать ста", "ru")  # "семью" is also "family"
    []
    >>> [m.raw for m in _source_word_mentions("11 тысяч обращений, тысяча писем", 0, 32, "ru")]  # "тысяч" scales 11
    ['тысяча']
    """
    run: list[tuple[int, int, Decimal]] = []
    for match in _SOURCE_WORD[lang].finditer(text, start, end):
        # Matched ignoring case: "İki" lower-cases to "i̇ki" (a combining dot), so fold it away.
        word = match.group(1).lower().replace("\u0307", "")
        word_value = SOURCE_WORDS[lang].get(word)
        if word_value is None:
            continue
        if word in SCALE_WORDS and _DIGIT_JUST_BEFORE.search(text, max(0, match.start() - 2), match.start()):
            continue  # the scale word of digits ("11 тысяч"), which they read: no thousand of its own
        value = Decimal(str(word_value))
        values = _scaled({value}, text, match.end(), lang)  # четырёх тысяч
        yield Mention(match.start(), match.end(), match.group(), frozenset(values), optional=True)
        if run and not _NUMBER_WORD_JOINT[lang].fullmatch(text, run[-1][1], match.start()):
            yield from _compound_mention(text, run, lang)
            run = []
        if match.end(1) == match.end():  # a number word as it is: "стоять" is no "сто"
            run.append((match.start(), match.end(), value))
        else:
            yield from _compound_mention(text, run, lang)
            run = []
    yield from _compound_mention(text, run, lang)


_DIGIT_JUST_BEFORE = regex.compile(r"\d[ \u00a0]?\Z")
# What may stand between the words of one number: a space, and in Icelandic "og" ("hundruð og fimmtíu"), in Romanian
# "și" ("douăzeci și cinci")
_NUMBER_WORD_JOINT: dict[str, regex.Pattern[str]] = {
    lang: regex.compile(r"[ \u00a0]+(?:og[ \u00a0]+)?" if lang == "is" else r"[ \u00a0]+(?:și[ \u00a0]+)?" if lang == "ro" else r"[ \u00a0]+")
    for lang in SOURCE_WORDS
}


def _compound_mention(text: str, run: list[tuple[int, int, Decimal]], lang: str) -> Iterator[Mention]:
    """The number a run of two or more number words spells, if they spell one: each word smaller than
    the one before (200 then 50 then 3: 253), but for a hundred or thousand after a smaller number,
    which multiplies it ("sjö hundruð": 700, "две тысячи": 2000, "два миллиона триста тысяч": 2,300,000)."""
    if len(run) < 2:
        return
    total, group, previous = Decimal(0), Decimal(0), None
    for _, _, value in run:
        if value != value.to_integral_value():
            return  # "полтора" (one and a half) with other words: no one number
        if previous is not None and previous < value and (value >= 1000 or value == 100 and group < 10):
            group *= value  # a multiplier
            if value >= 1000:
                total, group = total + group, Decimal(0)
        elif previous is not None and value >= previous:
            return  # "пять двадцать": no one number
        else:
            group += value
        previous = value
    first, last = run[0][0], run[-1][1]
    values = _scaled({total + group}, text, last, lang)  # двести пятьдесят тысяч
    yield Mention(first, last, text[first:last], frozenset(values))


def _scaled(values: set[Decimal], text: str, at: int, lang: str) -> set[Decimal]:
    """``values`` and, when a scale word follows at ``at`` ("1.2 million", "5 тыс."), each multiplied by it."""
    return _scaled_by(values, _SCALE_AFTER.match(text, at), lang)


def _scaled_by(values: set[Decimal], scale: Any, lang: str) -> set[Decimal]:
    """:func:`_scaled` with the scale word's match (of _SCALE_AFTER) already made.

    >>> sorted(map(str, _scaled_by({Decimal(30)}, _SCALE_AFTER.match(" लाखभन्दा कम"), "ne")))
    ['30', '3000000']
    """
    factor = _scale_factor(scale, lang)
    return values | {value * factor for value in values} if factor else values


_LARGER_SCALE_AFTER = regex.compile(r"[ \u00a0](thousand|million|billion)\b", regex.IGNORECASE)


def _scale_factor(scale: Any, lang: str) -> int | None:
    """What the scale word of a match of _SCALE_AFTER multiplies by; None when it is no scale word."""
    if not scale:
        return None
    written = scale.group(1)
    word = written.lower()
    if word not in SCALE_WORDS:
        return None if word.isascii() else _indic_factor(word)
    if written in ("m", "k") and lang != "en":
        return None
    factor = SCALE_WORDS[word]
    if word == "hundred":
        if scale.start(1) - scale.start() > 1:
            return None  # "21 and 2 hundred and 50" is no range of hundreds
        larger = _LARGER_SCALE_AFTER.match(scale.string, scale.end())  # "5 hundred thousand"
        factor *= SCALE_WORDS[larger.group(1).lower()] if larger else 1
    return factor


def as_written(text: str, mention: Mention) -> str:
    """A mention of ``text`` as a message quotes it: with the scale word after its digits, which its
    ``raw`` leaves out ("400 тысяч" is 400,000, not 400).

    >>> [as_written(text, m) for text in ("пропали 400 тысяч долларов", "2.5 million, 7 days", "5 тыс. и 3 million.") for m in number_mentions(text, "ru")]
    ['400 тысяч', '2.5 million', '7', '5 тыс.', '3 million']
    >>> [as_written(text, m) for text in ("约3至5万人", "约3、4万人") for m in number_mentions(text, "zh")]
    ['3至5万', '5万', '3、4万', '4万']
    """
    scale = _SCALE_AFTER.match(text, mention.end) if "scaled" in mention.tags else None
    if scale is None or not _scale_factor(scale, "en"):
        cjk_range = _cjk_range_after(text, mention.start, mention.end) if "scale-word" in mention.tags else None
        return mention.raw if cjk_range is None else text[mention.start : cjk_range.end()]  # 3至5万
    written = text[mention.start : scale.end()]
    # the full stop of an abbreviation ("5 тыс."), not a sentence's ("3 million.")
    return written[:-1] if written.endswith(".") and len(scale.group(1)) > 4 else written


def reading(written: str, mention: Mention) -> str:
    """What a number written beyond ASCII (``written``, :func:`as_written`'s) reads as in English digits, for a
    message: "5,300,000" for 530万, "400,000" for "400 тысяч", "16,000 or 17,000" for 一万六七千; "" for one an
    English reader reads as written, or whose readings are too many to tell.

    >>> def read(text): return [reading(as_written(text, m), m) for m in number_mentions(text, "ru")]
    >>> read("530万人, 400 тысяч, 一万六七千, 400, ३० लाख")
    ['5,300,000', '400,000', '16,000 or 17,000', '', '3,000,000']
    >>> read("3,5 млрд, 99999999999999999999999999999 тысяч")
    ['3,500,000,000', '']
    >>> read("в XVIII в.")
    ['18']
    >>> [reading(as_written(text, m), m) for text in ["令和３年度", "1895（明治２８）年、05（同38）年", "二〇二三年"] for m in number_mentions(text, "ja")]  # years
    ['2021', '', '1895', '', '1905', '2023']
    """
    if CENTURY in mention.tags and not written[:1].isdigit():
        return str(next(iter(mention.values)))  # a century in Roman numerals: "XVIII" (18)
    if written.isascii():
        return ""
    values = scaled_readings(mention)
    if not values or len(values) > 2 or max(values).adjusted() >= 15:
        return ""  # too many readings to tell, or a number past a quadrillion: none worth reading out
    # a year of an era (令和3年, 明治28 of "1895（明治28）年") or in numerals (二〇二三) is read as English writes years
    year = "年" in written or written.startswith((*ERAS, "同")) or _POSITIONAL_YEAR.fullmatch(written) is not None
    grouping = "f" if year else ",f"
    return " or ".join(format(value.normalize(), grouping) for value in sorted(values))


def scaled_readings(mention: Mention) -> frozenset[Decimal]:
    """A number's values, less those that read it as a year ("30" as 1930), and for one written with a scale
    word only those with the scale ("400 тысяч" is 400,000, not 400; "३० लाख" 3,000,000).

    >>> [sorted(map(str, scaled_readings(m))) for m in number_mentions("20 тысяч, ३० लाख, 一万六七千, 30", "ru")]
    [['20000'], ['3000000'], ['16000', '17000'], ['30']]
    """
    values = {value for value in mention.values if isinstance(value, Decimal)}
    years = {value + year for value in values for year in (1900, 2000)}  # a two-digit number read as a year
    values = {value for value in values if not _scaled_from(value, years)}
    if "scale-word" in mention.tags and values:
        values = {value for value in values if value * 10 > max(values)}
    return frozenset(values)


def _scaled_from(value: Decimal, bases: set[Decimal]) -> bool:
    """Whether ``value`` is one of ``bases`` times a power of ten (1930 or 193,000,000 for 1930); no number past
    the arithmetic's 28 digits is (``%`` would raise there)."""
    if value.adjusted() >= 27:
        return False
    while value not in bases:
        if value == 0 or value % 10:
            return False
        value /= 10
    return True


def _tags(values: set[Decimal], text: str, at: int, lang: str) -> frozenset[str]:
    """"scaled" when a scale word follows ("scale-word" too when it is one in ``lang``: its values then hold the
    number with and without it), "metric" when a metric unit does (a translator may convert it)."""
    return _tags_after(text, at, _SCALE_AFTER.match(text, at), lang == "en" and _IMPERIAL.match(text, at) is not None, lang)


def _tags_after(text: str, at: int, scale: Any, imperial: bool, lang: str) -> frozenset[str]:
    """:func:`_tags` with the scale word's match and whether an imperial unit follows (English) already known."""
    tags = set()
    in_english = _scale_factor(scale, "en")
    if in_english:
        tags.add("scaled")
    if (in_english if lang == "en" else _scale_factor(scale, lang)) and scale.group(1).lower() not in ("m", "k"):  # "3,000 m" may be metres
        tags.add("scale-word")
    if _METRIC.match(text, at):
        tags.add("metric")
    if imperial:
        tags.add("imperial")
    return frozenset(tags)


__all__ = [
    "Mention",
    "ascii_digits",
    "cjk_value",
    "cjk_values",
    "reading",
    "scaled_readings",
    "date_mentions",
    "english_number",
    "imperial_units",
    "month_names",
    "number_mentions",
    "AND_A_HALF",
    "parse_number",
    "roman_value",
    "separators",
]
