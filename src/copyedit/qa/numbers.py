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
- year ranges (2020–21) give both years; phone numbers compare by their digits;
- day-and-month dates are read in any CLDR language (babel's month names, "12 января",
  "19 Ocak", "7月21日") and are the date check's business: their day and month are not numbers.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import regex


@dataclass(frozen=True, slots=True)
class Mention:
    """Something countable in a text (a number, a date, a URL): where, as written, and the
    values it may mean."""

    start: int
    end: int
    raw: str
    values: frozenset[Any]
    optional: bool = False  # may pair with a mention on the other side, never reported alone


# --- digits of every script ------------------------------------------------------------------


@functools.cache
def _digit_table() -> dict[int, str]:
    """Every decimal digit above ASCII -> its ASCII digit (built on first use: a scan of 130,000 characters)."""
    table = {
        code: str(unicodedata.decimal(chr(code)))
        for code in range(0x80, 0x20000)
        if unicodedata.category(chr(code)) == "Nd"
    }
    # full-width and Arabic separators and signs, one character for one
    table.update({ord("．"): ".", ord("％"): "%", ord("٫"): ".", ord("٬"): ",", ord("٪"): "%", ord("－"): "-"})
    return table


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written in ASCII, at the same offsets.

    >>> ascii_digits("２０２３年、١٢٫٥٪، ۱۴۰۲")
    '2023年、12.5%، 1402'
    """
    return text.translate(_digit_table())


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


def parse_number(raw: str, lang: str) -> frozenset[Decimal]:
    """The values a number as written may have in a language (ASCII digits).

    >>> def show(raw, lang): return sorted(map(str, parse_number(raw, lang)))
    >>> show("1,5", "ru"), show("1 500", "ru"), show("636.3", "ru"), show("3.000.000", "tr")
    (['1.5'], ['1500'], ['636.3'], ['3000000'])
    >>> show("1,500.25", "en"), show("4,159", "es"), show("1.500", "de"), show("2.5", "en")
    (['1500.25'], ['4.159', '4159'], ['1.500', '1500'], ['2.5'])
    """
    text = regex.sub(r"[ \u00a0\u202f'’]", "", raw)
    if regex.fullmatch(r"\d{1,3}[.,]\d{3}", text):  # one group of three: either convention
        return frozenset({Decimal(text.replace(",", ".")), Decimal(text[:-4] + text[-3:])})
    decimal, _ = separators(lang)
    for mark, group in ((decimal, "," if decimal == "." else "."), ("." if decimal == "," else ",", decimal)):
        value = _with_separators(text, mark, group)
        if value is not None:
            return frozenset({value})
    return frozenset()


def _with_separators(text: str, mark: str, group: str) -> Decimal | None:
    head, _, tail = text.partition(mark)
    if mark in tail or (group in head and not regex.fullmatch(r"\d{1,3}(?:" + regex.escape(group) + r"\d{3})+", head)):
        return None
    try:
        return Decimal(head.replace(group, "") + ("." + tail if tail else ""))
    except InvalidOperation:
        return None


# --- scales ----------------------------------------------------------------------------------

SCALE_WORDS: dict[str, int] = {
    # English
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "mln": 10**6, "bn": 10**9,
    "m": 10**6, "k": 10**3, "lakh": 10**5, "crore": 10**7,
    # Russian and Ukrainian
    "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3, "тысяча": 10**3, "млн": 10**6, "миллион": 10**6,
    "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9,
    "миллиардов": 10**9, "трлн": 10**12, "тис": 10**3, "тисяч": 10**3, "мільйон": 10**6, "мільйона": 10**6,
    "мільйонів": 10**6, "мільярд": 10**9, "мільярда": 10**9, "мільярдів": 10**9, "мільярди": 10**9,
    # Turkish
    "bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12,
    # German, French, Spanish, Portuguese, Italian, Icelandic
    "tausend": 10**3, "mio": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9,
    "mille": 10**3, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
    "mil": 10**3, "millón": 10**6, "millones": 10**6, "milhões": 10**6, "milhão": 10**6, "milioni": 10**6,
    "milljón": 10**6, "milljónir": 10**6, "milljónum": 10**6, "milljarðar": 10**9, "milljarða": 10**9,
    "milljörðum": 10**9, "þúsund": 10**3,
}
# after a number: its scale word, or a range's second number and then the scale ("12 to 14 million")
_SCALE_AFTER = regex.compile(
    r"(?:[ \u00a0]?(?:to|and|or|-|–|—|~|〜|至|до|і|и)[ \u00a0]?[\d.,]+)?[ \u00a0]?(\p{L}+)\.?(?!\p{L})"
)
CJK_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cjk_value(text: str) -> Decimal | None:
    """The value of a Chinese or Japanese number, in digits, numerals or both.

    >>> [str(cjk_value(t)) for t in ("3万", "7600億", "1200万", "1万2000", "二〇二三", "三十五", "两千", "4.5亿")]
    ['30000', '760000000000', '12000000', '12000', '2023', '35', '2000', '450000000']
    >>> [str(cjk_value(t)) for t in ("26万亿", "500多万", "6千")]
    ['26000000000000', '5000000', '6000']
    """
    total, section = Decimal(0), Decimal(0)
    current: Decimal | None = None
    previous = ""
    for token in regex.findall(r"\d+(?:\.\d+)?|.", text.replace(",", "")):
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
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "thirtieth": 30, "hundredth": 100,
}
ENGLISH_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ENGLISH_WORD = "|".join(sorted([*ENGLISH_UNITS, *ENGLISH_SCALES, *ENGLISH_ORDINALS, *ENGLISH_DECADES, "dozen", "half"], key=len, reverse=True))
_ENGLISH_NUMBER = regex.compile(
    rf"(?<![\p{{L}}-])(?:(?:{_ENGLISH_WORD}|an?)(?:[ -]|[ ]and[ ]))*(?:{_ENGLISH_WORD})(?![\p{{L}}-])",
    regex.IGNORECASE,
)


def english_number(words: str) -> Decimal | None:
    """The value of an English number in words ("a" alone is no number).

    >>> [str(english_number(w)) for w in ("twenty-five", "a dozen", "half a million", "two hundred thousand", "third")]
    ['25', '12', '500000', '200000', '3']
    >>> english_number("a")
    """
    tokens = [t for t in regex.split(r"[ -]+", words.lower()) if t and t != "and"]
    if all(t in ("a", "an") for t in tokens):
        return None
    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        if token in ENGLISH_SCALES or token == "dozen":
            scale = ENGLISH_SCALES.get(token, 12)
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


# Number words of source languages, so "сорок" in the source matches 40 in the translation.
SOURCE_WORDS = {
    "ru": dict(zip(
        ["один", "одна", "два", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто", "сто", "двести", "триста"],
        (1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300),
    )),
    "uk": dict(zip(
        ["один", "одна", "два", "дві", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "двадцять", "тридцять", "сорок", "п'ятдесят", "сто"],
        (1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 100),
    )),
    "tr": dict(zip(
        ["bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan", "yüz"],
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100),
    )),
    "de": dict(zip(
        ["ein", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig", "hundert"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100),
    )),
    "es": dict(zip(
        ["uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "veinte", "treinta", "cien"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100),
    )),
    "fr": dict(zip(
        ["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "vingt", "trente", "cent"],
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30, 100),
    )),
    "is": dict(zip(
        ["einn", "ein", "eitt", "tveir", "tvær", "tvö", "þrír", "þrjár", "þrjú", "fjórir", "fjórar", "fjögur", "fimm", "sex", "sjö", "átta", "níu", "tíu", "tuttugu"],
        (1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8, 9, 10, 20),
    )),
}
_SOURCE_WORD = {
    lang: regex.compile(
        r"(?<!\p{L})(" + "|".join(sorted(map(regex.escape, words), key=len, reverse=True)) + r")\p{L}{0,3}(?!\p{L})",
        regex.IGNORECASE,
    )
    for lang, words in SOURCE_WORDS.items()
}

# --- Roman numerals --------------------------------------------------------------------------

_ROMAN = regex.compile(r"(?<![\p{L}\d-])(?=[MDCLXVI]{2,}(?![\p{L}\d]))M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\p{L}\d])")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_value(numeral: str) -> int:
    """
    >>> roman_value("XVIII"), roman_value("MCMXC"), roman_value("IV")
    (18, 1990, 4)
    """
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


# --- dates -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names of some languages and of English (every CLDR form: wide, abbreviated;
    format and stand-alone, so Russian has both "января" and "январь"), lower-cased, to
    their number.

    >>> m = month_names(("ru",)); m["января"], m["январь"], m["янв"], m["march"]
    (1, 1, 1, 3)
    """
    from babel import Locale, UnknownLocaleError

    names: dict[str, int] = {}
    for code in dict.fromkeys((*languages, "en")):
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    name = name.lower().rstrip(".")
                    if len(name) >= 3 and not name.isdigit() and "月" not in name:
                        names.setdefault(name, number)
    names.setdefault("sept", 9)
    return names


@functools.lru_cache(maxsize=64)
def _date_patterns(languages: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    month = "(?P<month>" + "|".join(sorted(map(regex.escape, month_names(languages)), key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>[0-3]?\d)"
    return (
        # 7月21日, ２０２３年２月１１日 (digits already ASCII)
        regex.compile(r"(?P<monthnum>1[0-2]|0?[1-9])\s?月\s?" + day + r"\s?日"),
        # 2023-02-11
        regex.compile(r"(?<!\d)(?:19|20)\d\d-(?P<monthnum>[01]\d)-" + day + r"(?!\d)"),
        # 21 July, 9–10 December, 21-го июля, 21. júlí, 21 de julio, 21st of July
        regex.compile(
            r"(?<![\d.,])(?:(?P<other>[0-3]?\d)[–-])?" + day + r"(?:-?(?:го|е|st|nd|rd|th)|\.)?[ \u00a0](?:(?:of|de)[ \u00a0])?"
            + month + r"(?!\p{L})",
            regex.IGNORECASE,
        ),
        # July 21, July 21st, December 9–10
        regex.compile(
            r"(?<!\p{L})" + month + r"[ \u00a0]" + day + r"(?:st|nd|rd|th)?(?:[–-](?P<other>[0-3]?\d)(?:st|nd|rd|th)?)?(?![\d.,]\d|\d)",
            regex.IGNORECASE,
        ),
        # 21.07.2023, 21/07/2023
        regex.compile(r"(?<![\d.])" + day + r"[./](?P<monthnum>[01]?\d)[./](?:19|20)\d\d(?!\d)"),
    )


def date_mentions(text: str, languages: tuple[str, ...], start: int = 0, end: int | None = None) -> list[Mention]:
    """Day-and-month dates in some languages or English, as (month, day); ``text`` in ASCII
    digits.

    >>> [sorted(m.values) for m in date_mentions("12 января 2022; on January 12, and 03.02.2021", ("ru",))]
    [[(1, 12)], [(1, 12)], [(2, 3)]]
    >>> [(m.raw, sorted(m.values)) for m in date_mentions("2023年2月11日、7月21日", ("ja",))]
    [('2月11日', [(2, 11)]), ('7月21日', [(7, 21)])]
    >>> [sorted(m.values) for m in date_mentions("9–10 декабря; December 9-10; 2023-02-11 13:07", ("ru",))]
    [[(12, 9), (12, 10)], [(12, 9), (12, 10)], [(2, 11)]]
    """
    end = len(text) if end is None else end
    names = month_names(languages)
    found: dict[int, Mention] = {}
    for pattern in _date_patterns(languages):
        for match in pattern.finditer(text, start, end):
            groups = match.groupdict()
            month = names[groups["month"].lower()] if groups.get("month") else int(groups["monthnum"])
            days = {int(match.group("day"))} | ({int(groups["other"])} if groups.get("other") else set())
            if all(1 <= day <= 31 for day in days) and 1 <= month <= 12 and not any(s <= match.start() < m.end for s, m in found.items()):
                found[match.start()] = Mention(match.start(), match.end(), match.group(), frozenset((month, day) for day in days))
    return [found[k] for k in sorted(found)]


# --- numbers ---------------------------------------------------------------------------------

_ISO_DATE = regex.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
_NUMBER = regex.compile(
    r"(?<!\p{N}|\d[.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f'’]|[.,](?=\d{3}(?!\d)))\d{3})+|\d+)(?:[.,]\d+)?(?![\p{N}]|[.,]\d)"
)
# a number glued to a Latin or Cyrillic word is part of a name (COVID-19, Су-57, Nord Stream-2)
_IN_NAME = regex.compile(r"(?:[\p{Latin}\p{Cyrillic}]|[\p{Latin}\p{Cyrillic}][-‑])$")
_PHONE = regex.compile(r"(?<![\w+])\+?\d{1,3}[ \u00a0-]?\(?\d{2,4}\)?(?:[ \u00a0-]\d{2,4}){2,4}(?!\w)")
_YEAR_RANGE = regex.compile(r"(?<!\d)((?:1[89]|20)\d\d)[–—/-]((?:1[89]|20)?\d\d)(?!\d)(?![–—-])")
_CJK_NUMBER = regex.compile(
    r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两兩三四五六七八九十百千])+[多余餘]?(?:[万萬亿億兆](?:\d+|[〇零一二两兩三四五六七八九十百千])*)+"
    r"|\d+千(?!葉)|[〇零一二两兩三四五六七八九十百千万萬亿億兆]{2,}|(?<![〇零一二两兩三四五六七八九])[十百千](?![〇零一二两兩三四五六七八九十百千万萬亿億兆])"
)
# Japanese era years: 令和3年 is 2021
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_YEAR = regex.compile(r"(令和|平成|昭和)(\d{1,2}|元)年")
# times of day: 21.30, 9:30 p.m.; the hour also matches its 12-hour form
# (a full stop only before a.m./p.m.: 0.01 and 3.33 are decimals)
_TIME = regex.compile(
    r"(?<![\d.,:])([01]?\d|2[0-4])(?::([0-5]\d)(?![\d]|[.,]\d)(?:[ \u00a0]?([ap])\.?m\b\.?)?|\.([0-5]\d)[ \u00a0]?([ap])\.?m\b\.?)",
    regex.IGNORECASE,
)
# CJK dates and counters whose digits are not numbers of the text: 7月21日 is the date check's,
# 24日 ("the 24th") and 3月 ("March") may be translated without digits
_CJK_DAY_OR_MONTH = regex.compile(r"(?<!\d)(\d{1,2})\s?(?:日|月)")


def number_mentions(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Numbers in ``text[start:end]`` (``text`` in ASCII digits, see :func:`ascii_digits`).

    >>> [sorted(map(str, m.values)) for m in number_mentions("Более 500 человек, 1,5 млн рублей", "ru")]
    [['500'], ['1.5', '1500000.0']]
    >>> [m.raw for m in number_mentions("Call +7 727 123 45 67 in 2020–21, five times.", "en")]
    ['+7 727 123 45 67', '2020–21', '2020–21', 'five']
    >>> [(m.raw, sorted(map(str, m.values)), m.optional) for m in number_mentions("Nord Stream-2 cost 3万円", "ja")]
    [('2', ['2'], True), ('3万', ['30000'], False)]
    """
    end = len(text) if end is None else end
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(match_start: int) -> bool:
        return not any(s <= match_start < e for s, e in taken)

    for match in _PHONE.finditer(text, start, end):
        digits = regex.sub(r"\D", "", match.group())
        if len(digits) >= 9 and not _ISO_DATE.match(match.group()):
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({"tel:" + digits[-9:]})))
            taken.append(match.span())
    for match in _YEAR_RANGE.finditer(text, start, end):
        if not free(match.start()):
            continue
        first = int(match.group(1))
        second = int(match.group(2)) if len(match.group(2)) == 4 else first // 100 * 100 + int(match.group(2))
        for year in (first, second):  # two years, however the second is written
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(year)})))
        taken.append(match.span())
    for match in _ERA_YEAR.finditer(text, start, end):
        year = ERAS[match.group(1)] + (1 if match.group(2) == "元" else int(match.group(2)))
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(year)})))
        taken.append(match.span())
    for match in _TIME.finditer(text, start, end):
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
    for match in _CJK_NUMBER.finditer(text, start, end):
        value = cjk_value(match.group()) if free(match.start()) else None
        if value is not None:
            has_digits = any(c.isdigit() for c in match.group())
            values = {value} | ({value + 1900, value + 2000} if 10 <= value < 100 else set())
            found.append(Mention(match.start(), match.end(), match.group(), frozenset(values), optional=not has_digits))
            taken.append(match.span())
    for match in _CJK_DAY_OR_MONTH.finditer(text, start, end):
        if free(match.start()):
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(match.group(1))}), True))
            taken.append(match.span())
    for match in _NUMBER.finditer(text, start, end):
        if not free(match.start()):
            continue
        values = set(parse_number(match.group(), lang))
        if not values:
            continue
        if len(match.group()) == 2:  # '98, the 80s, 22年: a year may be written in full on the other side
            values |= {Decimal(1900 + int(match.group())), Decimal(2000 + int(match.group()))}
        scale = _SCALE_AFTER.match(text, match.end())
        if scale and scale.group(1).lower() in SCALE_WORDS and (scale.group(1) not in ("m", "k") or lang == "en"):
            values |= {value * SCALE_WORDS[scale.group(1).lower()] for value in values}
        in_name = _IN_NAME.search(text, max(0, match.start() - 2), match.start()) is not None
        found.append(Mention(match.start(), match.end(), match.group(), frozenset(values), optional=in_name))
    for match in _ROMAN.finditer(text, start, end):
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(roman_value(match.group()))}), True))
    if lang in _SOURCE_WORD:
        for match in _SOURCE_WORD[lang].finditer(text, start, end):
            # Matched ignoring case: "İki" lower-cases to "i̇ki" (a combining dot), so fold it away.
            word_value = SOURCE_WORDS[lang].get(match.group(1).lower().replace("\u0307", ""))
            if word_value is not None:
                found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(word_value)}), optional=True))
    if lang == "en":
        for match in _ENGLISH_NUMBER.finditer(text, start, end):
            number = english_number(match.group())
            if number is not None:
                found.append(Mention(match.start(), match.end(), match.group(), frozenset({number}), optional=True))
    return sorted(found, key=lambda m: m.start)


__all__ = [
    "Mention",
    "ascii_digits",
    "cjk_value",
    "date_mentions",
    "english_number",
    "month_names",
    "number_mentions",
    "parse_number",
    "roman_value",
    "separators",
]
