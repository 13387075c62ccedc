"""Checks that compare a translation with its source: numbers, dates, URLs, e-mail addresses,
handles, registered names, paragraph count and length.

Every check here does nothing without a source (``copyedit.check(text, source=...)``).
Paragraphs are aligned one to one when source and translation have as many; otherwise the
whole texts are compared. Nothing is auto-fixed: a finding quotes both sides.

Numbers are read with the source language's conventions: Russian and Turkish write 1,5 for
one and a half, Turkish writes 1.500 and Russian 1 500 for fifteen hundred, English 1,500.
A number followed by a scale word (5 тыс., 2 млрд, 3 milyon) also matches its full value.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator, Sequence

import regex

from ..document import Block, paragraph_blocks
from ..matchers import Context, Hit

# --- numbers --------------------------------------------------------------------------------

# Languages that write a decimal comma (1,5) and group thousands with a dot or a space.
DECIMAL_COMMA = frozenset({"ru", "tr", "de", "fr", "es", "it", "pt", "uk", "kk", "pl", "cs", "nl", "is", "id", "az"})
_NUMBER = regex.compile(
    # a number glued to a Latin or Cyrillic word is part of a name (COVID-19, Су-57); CJK writes 24日
    r"(?<![\p{Latin}\p{Cyrillic}\p{N}.,]|\p{L}-)(?:\d{1,3}(?:(?:[ \u00a0\u202f]|[.,](?=\d{3}(?!\d)))\d{3})+|\d+)(?:[.,]\d+)?(?![\p{N}]|[.,]\d)"
)
_PHONE = regex.compile(r"(?<![\w+])\+?\d{1,3}[ \u00a0-]?\(?\d{2,4}\)?(?:[ \u00a0-]\d{2,4}){2,4}(?!\w)")
_YEAR_RANGE = regex.compile(r"\b((?:1[89]|20)\d\d)[–—/-]((?:1[89]|20)?\d\d)\b(?![–—-])")
SCALES: dict[str, int] = {
    # English
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "mln": 10**6, "bn": 10**9,
    # Russian
    "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3, "тысяча": 10**3, "млн": 10**6, "миллион": 10**6,
    "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9,
    "миллиардов": 10**9, "трлн": 10**12,
    # Turkish
    "bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12,
}
_SCALE_AFTER = regex.compile(r"[ \u00a0]?(\p{L}+)")
# English number words, so "five" in the translation matches 5 in the source.
WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
# Number words of the source languages, so "сорок" in the source matches 40 in the translation.
SOURCE_WORDS = {
    "ru": dict(zip(
        "один одна два две три четыре пять шесть семь восемь девять десять двадцать тридцать сорок "
        "пятьдесят шестьдесят семьдесят восемьдесят девяносто сто двести триста".split(),
        (1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300),
    )),
    "tr": dict(zip(
        "bir iki üç dört beş altı yedi sekiz dokuz on yirmi otuz kırk elli altmış yetmiş seksen doksan yüz".split(),
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100),
    )),
}
_SOURCE_WORD = {
    lang: regex.compile(r"(?<!\p{L})(" + "|".join(sorted(words, key=len, reverse=True)) + r")\p{L}{0,3}(?!\p{L})", regex.IGNORECASE)
    for lang, words in SOURCE_WORDS.items()
}
_SMALL = frozenset(Decimal(n) for n in range(11))
_WORD_NUMBER = regex.compile(r"\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """Something countable in a text (a number, a URL): where, as written, and the values it may mean."""

    start: int
    end: int
    raw: str
    values: frozenset[Any]
    optional: bool = False  # may pair with a mention on the other side, never reported alone


def parse_number(raw: str, lang: str) -> Decimal | None:
    """The value of a number as written in a language.

    >>> [str(parse_number(n, "ru")) for n in ("1,5", "1 500", "2020", "636.3")]
    ['1.5', '1500', '2020', '636.3']
    >>> [str(parse_number(n, "tr")) for n in ("1.500", "1,5", "3.000.000")]
    ['1500', '1.5', '3000000']
    >>> [str(parse_number(n, "en")) for n in ("1,500", "1.5", "1,500.25")]
    ['1500', '1.5', '1500.25']
    """
    text = regex.sub(r"[ \u00a0\u202f]", "", raw)
    decimal, group = (",", ".") if lang in DECIMAL_COMMA else (".", ",")
    if text.count(decimal) > 1:
        return None
    head, _, tail = text.partition(decimal)
    if group in head and not regex.fullmatch(r"\d{1,3}(?:" + regex.escape(group) + r"\d{3})+", head):
        # not a thousands group ("636.3" in Russian news): the other convention's decimal point
        return parse_number(raw, "en" if lang in DECIMAL_COMMA else "ru") if not tail else None
    try:
        return Decimal(head.replace(group, "") + ("." + tail if tail else ""))
    except InvalidOperation:
        return None


def number_mentions(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Numbers in ``text[start:end]``; a phone number counts as one, by its digits; a year
    range "2020–21" as both years; "5 тыс." as 5 and 5000; "five" as 5.

    >>> [sorted(map(str, m.values)) for m in number_mentions("Более 500 человек, 1,5 млн рублей", "ru")]
    [['500'], ['1.5', '1500000.0']]
    >>> [m.raw for m in number_mentions("Call +7 727 123 45 67 in 2020–21, five times.", "en")]
    ['+7 727 123 45 67', '2020–21', '2020–21', 'five']
    """
    end = len(text) if end is None else end
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for match in _PHONE.finditer(text, start, end):
        digits = regex.sub(r"\D", "", match.group())
        if len(digits) >= 9:
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({"tel:" + digits[-9:]})))
            taken.append(match.span())
    for match in _YEAR_RANGE.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        first = int(match.group(1))
        second = int(match.group(2)) if len(match.group(2)) == 4 else first // 100 * 100 + int(match.group(2))
        for year in (first, second):  # two years, however the second is written
            found.append(Mention(match.start(), match.end(), match.group(), frozenset({Decimal(year)})))
        taken.append(match.span())
    for match in _NUMBER.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = parse_number(match.group(), lang)
        if value is None:
            continue
        values = {value}
        scale = _SCALE_AFTER.match(text, match.end())
        if scale and scale.group(1).lower() in SCALES:
            values.add(value * SCALES[scale.group(1).lower()])
        found.append(Mention(match.start(), match.end(), match.group(), frozenset(values)))
    if lang in _SOURCE_WORD:
        for match in _SOURCE_WORD[lang].finditer(text, start, end):
            value = frozenset({Decimal(SOURCE_WORDS[lang][match.group(1).lower()])})
            found.append(Mention(match.start(), match.end(), match.group(), value, optional=True))
    if lang == "en":
        for match in _WORD_NUMBER.finditer(text, start, end):
            value = frozenset({Decimal(WORDS[match.group().lower()])})
            found.append(Mention(match.start(), match.end(), match.group(), value, optional=True))
    return sorted(found, key=lambda m: m.start)


# --- dates ----------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _lang_months in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
):
    for _number, _name in enumerate(_lang_months.split(), 1):
        MONTHS.setdefault(_name, _number)
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    regex.compile(r"\b(?P<day>[0-3]?\d)(?:-?(?:го|е|st|nd|rd|th))?[ \u00a0](?:of[ \u00a0])?" + _MONTH + r"(?!\p{L})", regex.IGNORECASE),
    regex.compile(r"(?<!\p{L})" + _MONTH + r"[ \u00a0](?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,]\d)", regex.IGNORECASE),
    regex.compile(r"\b(?P<day>[0-3]?\d)[./](?P<monthnum>[01]?\d)[./](?:19|20)\d\d\b"),
)


def date_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Day-and-month dates in any of the supported languages, as (month, day).

    >>> [sorted(m.values) for m in date_mentions("12 января 2022; 5 Ocak; on January 12, and 03.02.2021")]
    [[(1, 12)], [(1, 5)], [(1, 12)], [(2, 3)]]
    """
    end = len(text) if end is None else end
    found: dict[int, Mention] = {}
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text, start, end):
            month = MONTHS[match.group("month").lower()] if "month" in match.groupdict() and match.group("month") else int(match.group("monthnum"))
            day = int(match.group("day"))
            if 1 <= day <= 31 and 1 <= month <= 12 and not any(s <= match.start() < m.end for s, m in found.items()):
                found[match.start()] = Mention(match.start(), match.end(), match.group(), frozenset({(month, day)}))
    return [found[k] for k in sorted(found)]


# --- URLs, e-mail addresses, handles ---------------------------------------------------------

_EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = regex.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"“”«»]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|kz|tr|gov|edu|info|io|uk)(?:/[^\s<>\"“”«»]*)?\b")
_HANDLE = regex.compile(r"(?<![\w@.])[@#][\p{L}\d_]{2,}")


def _normal_url(url: str) -> str:
    """
    >>> _normal_url("https://www.Kremlin.ru/events/."), _normal_url("kremlin.ru/events")
    ('kremlin.ru/events', 'kremlin.ru/events')
    """
    url = url.rstrip(".,;:!?)»”’'").lower()
    url = regex.sub(r"^(?:https?://)?(?:www\.)?", "", url)
    return url.rstrip("/")


def address_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """URLs, e-mail addresses and @handles / #hashtags, normalised for comparison.

    >>> [sorted(m.values)[0] for m in address_mentions("Write to press@akorda.kz or see https://akorda.kz/ru and @TokayevKZ.")]
    ['press@akorda.kz', 'akorda.kz/ru', '@tokayevkz']
    """
    end = len(text) if end is None else end
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for match in _EMAIL.finditer(text, start, end):
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({match.group().lower().rstrip(".")})))
        taken.append(match.span())
    for match in _URL.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        raw = match.group().rstrip(".,;:!?)»”’'")
        found.append(Mention(match.start(), match.start() + len(raw), raw, frozenset({_normal_url(raw)})))
        taken.append(match.span())
    for match in _HANDLE.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        found.append(Mention(match.start(), match.end(), match.group(), frozenset({match.group().lower()})))
    return sorted(found, key=lambda m: m.start)


# --- alignment ------------------------------------------------------------------------------


def _source_language(context: Context) -> str:
    return (context.source_lang or "").split("-")[0].lower() or "en"


def aligned_paragraphs(doc: Any, source: str) -> list[tuple[Block, Block | None]]:
    """Pairs (source paragraph, target paragraph): one to one when the counts agree, else
    the whole source against the whole target (``None`` stands for the whole document)."""
    source_blocks = paragraph_blocks(source)
    if len(source_blocks) == len(doc.blocks):
        return list(zip(source_blocks, doc.blocks))
    return [(Block(0, len(source)), None)]


def _compare(doc: Any, context: Context, extract: Any, what: str, show: Any = None) -> Iterator[Hit]:
    """Mentions of the source missing from the translation, and the reverse.

    A target mention with no partner is reported on itself, quoting the source mentions left
    unmatched in the same paragraph ("“50” is not in the source; the source has “500”");
    a source mention with no partner and nothing to pair it with is reported on the paragraph.
    """
    if not context.source:
        return
    text, source = doc.text, context.source
    for source_block, target_block in aligned_paragraphs(doc, source):
        target_start, target_end = (target_block.start, target_block.end) if target_block else (0, len(text))
        from_source = extract(source, source_block.start, source_block.end, "source")
        from_target = extract(text, target_start, target_end, "target")
        missing, extra = _unmatched(from_source, from_target)
        missing = [m for m in missing if not m.optional]
        # a small number in the translation may stand for a number word in the source
        extra = [m for m in extra if not m.optional and (missing or not m.values <= _SMALL)]
        quoted = ", ".join(f"“{m.raw}”" for m in missing)
        for mention in extra:
            detail = f"; the source has {quoted}" if missing else ""
            yield Hit(mention.start, mention.end, message=f"{what} “{mention.raw}” is not in the source{detail}")
        if missing and not extra:
            block = target_block or (doc.blocks[0] if doc.blocks else Block(0, len(text)))
            excerpt = _excerpt(source, missing[0].start)
            yield Hit(
                block.start,
                min(block.end, block.start + max(1, _first_line_length(text, block))),
                message=f"{what} {quoted} of the source is missing from the translation (source: “{excerpt}”)",
            )


def _unmatched(source: Sequence[Mention], target: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Multiset difference on values: each mention pairs with at most one on the other side.

    >>> a = [Mention(0, 3, "500", frozenset({500})), Mention(4, 6, "12", frozenset({12}))]
    >>> b = [Mention(0, 2, "50", frozenset({50})), Mention(3, 5, "12", frozenset({12}))]
    >>> [m.raw for m in _unmatched(a, b)[0]], [m.raw for m in _unmatched(a, b)[1]]
    (['500'], ['50'])
    """
    remaining = list(target)
    missing = []
    for mention in source:
        partner = next((m for m in remaining if m.values & mention.values), None)
        if partner is None:
            missing.append(mention)
        else:
            remaining.remove(partner)
    return missing, remaining


def _excerpt(text: str, at: int, width: int = 60) -> str:
    start = max(0, at - width // 2)
    return " ".join(text[start : start + width].split())


def _first_line_length(text: str, block: Block) -> int:
    line_end = text.find("\n", block.start, block.end)
    return (line_end if line_end != -1 else block.end) - block.start


# --- the checks -----------------------------------------------------------------------------


def numbers(doc: Any, context: Context) -> Iterator[Hit]:
    """Numbers (with percentages, years, ordinals, phone numbers) that differ from the source."""
    source_lang = _source_language(context)
    target_lang = context.language

    def extract(text: str, start: int, end: int, side: str) -> list[Mention]:
        lang = source_lang if side == "source" else target_lang
        dates = date_mentions(text, start, end)
        days = [(d.start, d.end) for d in dates]
        # a day inside a date is the date check's business; the year stays a number
        return [
            m for m in number_mentions(text, lang, start, end)
            if not any(s <= m.start < e and len(m.raw) <= 2 for s, e in days)
        ]

    yield from _compare(doc, context, extract, "Number")


def dates(doc: Any, context: Context) -> Iterator[Hit]:
    """Day-and-month dates that differ from the source."""
    yield from _compare(doc, context, lambda text, start, end, side: date_mentions(text, start, end), "Date")


def addresses(doc: Any, context: Context) -> Iterator[Hit]:
    """URLs, e-mail addresses and handles that differ from the source."""
    yield from _compare(doc, context, lambda text, start, end, side: address_mentions(text, start, end), "Address")


def paragraph_lengths(doc: Any, context: Context, min_chars: int = 120, factor: float = 2.5) -> Iterator[Hit]:
    """A different number of paragraphs, or a paragraph far shorter or longer than its source
    compared with the document's usual ratio (a likely omission or addition)."""
    if not context.source:
        return
    source_blocks = paragraph_blocks(context.source)
    text = doc.text
    if not doc.blocks or not source_blocks:
        return
    if len(source_blocks) != len(doc.blocks):
        first = doc.blocks[0]
        yield Hit(
            first.start,
            first.start + _first_line_length(text, first),
            message=f"The source has {len(source_blocks)} paragraphs, the translation {len(doc.blocks)}: "
            "a paragraph may be missing or merged",
        )
        return
    ratios = [(t.end - t.start) / max(1, s.end - s.start) for s, t in zip(source_blocks, doc.blocks)]
    usual = statistics.median(ratios)
    for source_block, target_block, ratio in zip(source_blocks, doc.blocks, ratios):
        if max(source_block.end - source_block.start, target_block.end - target_block.start) < min_chars:
            continue
        if ratio * factor < usual or ratio > usual * factor:
            shorter = ratio < usual
            yield Hit(
                target_block.start,
                target_block.start + _first_line_length(text, target_block),
                message=f"This paragraph is {ratio / usual:.1f}× the usual length relative to its source "
                f"({'a likely omission' if shorter else 'a likely addition'}); source: "
                f"“{_excerpt(context.source, source_block.start)}…”",
            )


# --- names ----------------------------------------------------------------------------------


def registry_names(doc: Any, context: Context, packs: list[str] | None = None) -> Iterator[Hit]:
    """Registered names whose native-script form is in the source but whose canonical form is
    not in the translation. Russian case endings are allowed on the source side (Токаева)."""
    if not context.source:
        return
    from .names import name_windows, registry_entries, registry_index, split_tokens

    text = doc.text
    packs_key, paths = tuple(packs or ["names"]), _registry_paths(context)
    for canonical, natives, spellings in registry_entries(packs_key, paths):
        surname = split_tokens(canonical)[-1]
        named = next((native for native in natives if _native_in(context.source, native)), None)
        if named is None or regex.search(r"(?<!\w)" + regex.escape(surname) + r"(?!\w)", text):
            continue
        shown = _known_spelling(text, spellings) or _fuzzy_spelling(
            text, canonical, registry_index(packs_key, paths), name_windows
        )
        start, end = shown if shown else (0, _first_line_length(text, doc.blocks[0]) if doc.blocks else 0)
        found = f"“{text[start:end]}”" if shown else "no form of it"
        yield Hit(start, end, message=f"The source names {named}; the translation has {found}, not {canonical}")


def _known_spelling(text: str, spellings: Sequence[str]) -> tuple[int, int] | None:
    for spelling in sorted(spellings, key=len, reverse=True):
        match = regex.search(r"(?<!\w)" + regex.escape(spelling) + r"(?!\w)", text)
        if match:
            return match.span()
    return None


def _fuzzy_spelling(text: str, canonical: str, index: Any, name_windows: Any) -> tuple[int, int] | None:
    from .names import split_tokens

    for start, end in name_windows(text, [len(split_tokens(canonical))]):
        found = index.lookup(text[start:end])
        if found is not None and found.canonical == canonical:
            return start, end
    return None


def _native_in(source: str, native: str) -> bool:
    """Whether the source mentions a native form, allowing case endings on the surname.

    >>> _native_in("Президент Касым-Жомарт Токаев заявил", "Касым-Жомарт Токаев"), _native_in("встреча с Токаевым", "Токаев")
    (True, True)
    >>> _native_in("Токарев сказал", "Токаев")
    False
    """
    surname = native.split()[-1]
    stem = surname[:-1] if surname[-1:].lower() in "аяыий" and len(surname) > 4 else surname
    return regex.search(r"(?<!\w)" + regex.escape(stem) + r"\w{0,3}(?!\w)", source) is not None


def _registry_paths(context: Context) -> tuple[str, ...]:
    paths = context.options.get("name_registry", ())
    return (paths,) if isinstance(paths, str) else tuple(paths)


__all__ = [
    "Mention",
    "addresses",
    "address_mentions",
    "aligned_paragraphs",
    "date_mentions",
    "dates",
    "number_mentions",
    "numbers",
    "paragraph_lengths",
    "parse_number",
    "registry_names",
]
