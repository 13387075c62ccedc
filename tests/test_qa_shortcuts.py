"""The source checks' shortcuts (issue 15's speed) give what the plain scans they stand for give.

Each shortcut skips work that cannot find anything: a pattern tried only where the words or the
run of digits it starts with stand, a pattern not run on a text without the characters it needs, a
second reading of a text's dates taken from the first. Each is checked here against the plain form, on texts
made of the very things the shortcut looks for (number words, month names, separators, the
letters that match ASCII ones ignoring case) and on near misses.
"""

from __future__ import annotations

from collections.abc import Hashable

import functools
import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copyedit.qa import align, bilingual, numbers
from copyedit.qa.align import Bead, align_runs, sentence_spans

_PIECES = [
    "one", "One", "ONE", "twenty", "five", "hundred", "thousand", "million", "a", "an", "A", "An", "and", "half",
    "dozen", "decades", "third", "May", "may", "march", "Sept", "sept.", "Jan", "December", "noon", "Midnight",
    "someone", "money", "often", "market", "mayor", "Decimal", "onel", "ſix", "\u0130", "K", "\u212az",
    " ", " ", " ", "-", " and ", "\u00a0", ", ", ". ", "\n", "5", "21", "2019", "1/2", "é", "ö", "“", "—", "(", "'",
    "http://", "www.", ".com", ".RU", ".uk", "@", "#", "кремль.ру", "марта", "12", "3 ", "Mars", "des", "okt",
    "Reiwa", "REIWA", "heisei", "Heisei", "Shōwa", "SHŌWA", "Taisho", "Meiji", "midday", "Lakhs", "crore", "CRORE",
]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


@settings(max_examples=500, deadline=None)
@given(_texts, st.integers(0, 5), st.integers(0, 5))
def test_english_words_are_tried_where_they_stand(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    if numbers._english_word_starts(text) is None:
        assert any(letter in text for letter in numbers._FOLDS_TO_ASCII)
    month_day = numbers._date_patterns(("en",))[3]
    for pattern, which in ((numbers._ENGLISH_NUMBER, 0), (month_day, 1)):
        assert _spans(numbers._word_matches(pattern, text, which, start, end)) == _spans(pattern.finditer(text, start, end))
        assert _spans(numbers._word_matches(pattern, text, which, start, len(text))) == _spans(pattern.finditer(text, start))
    for cut in (end, len(text)):  # an era name is looked for as written, within a word or not
        assert numbers._holds_era(text, start, cut) == any(text.find(era, start, cut) != -1 for era in numbers.ENGLISH_ERAS)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_gated_patterns_find_nothing_where_they_are_not_run(text: str) -> None:
    if not numbers._holds_word(text, ("noon", "midday", "midnight")):
        assert numbers._CLOCK_WORD.search(text) is None
    if "1/" not in text:
        assert numbers._CUP_ROUND.search(text) is None
    if not any(mark in text for mark in numbers._RANGE_MARKS):
        assert numbers._YEAR_RANGE.search(text) is None
    if "/" not in text:
        assert numbers._date_patterns(("ja",))[6].search(text) is None
        if not numbers._holds(text, numbers._VULGAR_FRACTIONS, 0, len(text)):
            assert numbers._FRACTION.search(text) is None
    if numbers._without_english_month(text, len(text)):
        assert numbers._date_patterns(("en",))[2].search(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["1", "9", ":", " ", "\u00a0", "\n", "a", "Я", "-", "‑", "(", "$", "'", "\"", "€"]), max_size=6))
def test_the_tests_before_a_number_are_tried_only_after_what_they_need(text: str) -> None:
    for at in range(len(text) + 1):  # a number starting at ``at``, as number_mentions reads the two characters before it
        before = text[max(0, at - 2) : at]
        if numbers._MINUTES_SPLIT_OFF.search(text[max(0, at - 3) : at]):
            assert before[:1] == ":"
        if numbers._IN_NAME.search(text, max(0, at - 2), at):
            assert before[-1:] not in numbers._BEFORE_NO_NAME


def test_no_name_ends_with_what_stands_before_most_numbers() -> None:
    for character in numbers._BEFORE_NO_NAME:
        assert not regex.match(r"[\p{Latin}\p{Cyrillic}\-‑\n]", character)


_CJK_PIECES = st.sampled_from(["年", "月", "日", "令和", "円", "ドル", "ド", "割", "時", "万", "½", "“", "”", "—", "a", " ", "3", "ноч", "н"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CJK_PIECES, max_size=12).map("".join), st.lists(st.sampled_from(["年", "令和", "ドル", "日月号", "½⅓", "ноч", "万"]), max_size=3),
       st.integers(0, 3), st.integers(0, 3))
def test_a_text_is_searched_only_for_the_needles_whose_first_character_it_has(text: str, needles: list[str], cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    plain = not text.isascii() and any(text.find(needle, start, end) != -1 for needle in needles)
    assert numbers._holds(text, needles, start, end) == plain


@functools.cache
def _every_digit_and_sign() -> dict[int, str]:
    """What ascii_digits maps, as one table of every character: each decimal digit below U+20000 and each sign."""
    table = {code: str(unicodedata.decimal(chr(code))) for code in range(0x80, 0x20000) if unicodedata.category(chr(code)) == "Nd"}
    table.update((ord(sign), ascii) for sign, ascii in numbers._SIGNS.items())
    return table


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_digits_of_every_script_are_mapped_as_one_table_would(text: str) -> None:
    assert numbers.ascii_digits(text.replace("・", "")) == text.replace("・", "").translate(_every_digit_and_sign())


@pytest.mark.parametrize(
    "text",
    ["２０２３年、１２．５％", "١٢٫٥٪ and “quotes”", "“Only quotes” — and dashes", "plain ASCII 12", "後３・４８", "٢٠"],
)
def test_digits_are_mapped_only_where_there_are_some(text: str) -> None:
    plain = text.translate(_every_digit_and_sign())
    if "・" in plain:
        plain = numbers._DECIMAL_DOT.sub(".", numbers._TIME_DOT.sub(":", numbers._PHONE_DOT.sub("-", plain)))
    assert numbers.ascii_digits(text) == plain


@settings(max_examples=300, deadline=None)
@given(_texts, st.sampled_from(["ru", "uk", "is", "ja", "zh", "de"]))
def test_dates_read_alike_only_when_they_are_the_same(text: str, source_lang: str) -> None:
    languages = ("en", source_lang)
    if numbers.dates_read_alike(text, languages):
        assert numbers.date_mentions(text, languages) == numbers.date_mentions(text, ("en",))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "МАРТА", "Марта", "ᲃентября", "сентября", "júlí", "JÚNÍ", "mars", "—"]), max_size=20).map("".join))
@example("On 12 МАРТА “so”.")
def test_a_text_is_searched_for_the_source_languages_month_names_only_where_it_has_their_letters(text: str) -> None:
    for source_lang in ("ru", "uk", "is", "de", "tr"):
        languages = ("en", source_lang)
        added = numbers._added_month_names(languages)
        if added is None or added[0] is None:
            continue
        # the plain form: every text searched
        plain = added[0].search(text) is None
        assert numbers.dates_read_alike(text, languages) == plain


def test_dates_are_read_again_where_the_source_language_shows() -> None:
    assert numbers.dates_read_alike("From 12 March to 3 May.", ("en", "ru"))
    assert not numbers.dates_read_alike("From 12 марта.", ("en", "ru"))
    assert not numbers.dates_read_alike("From 12 mars.", ("en", "is"))  # Icelandic's March is ASCII: looked for
    assert not numbers.dates_read_alike("On 9/22.", ("en", "ja"))  # month/day is read from Japanese
    assert numbers.dates_read_alike("On the 24th, 3 May.", ("en", "ja"))  # and needs a "/"


# The sentence end as first written: a line break's match started at the spaces before it. Derived from the
# pattern as it stands, so that only the line break differs.
_SENTENCE_END_FROM_SPACES = regex.compile(align._SENTENCE_END.pattern.replace(r"|\n\s*", r"|[ \t]*\n\s*", 1))
assert _SENTENCE_END_FROM_SPACES.pattern != align._SENTENCE_END.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["He", "Dr", "e.g", " ", "  ", "\t", "\n", "\r", "\u00a0", ".", "!", "?", "…", "。", "！", "」", "”", "«", "(", "*", "5", "Я", "x"]), max_size=30))
def test_a_line_break_ends_a_sentence_as_it_did_from_the_spaces_before_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_SENTENCE_END", _SENTENCE_END_FROM_SPACES)
        before = sentence_spans(text, 0, len(text))
    assert sentence_spans(text, 0, len(text)) == before


def test_abbreviations_are_still_kept_in_sentences() -> None:
    text = "Dr. Smith met Gen. Lee at 5 p.m. on Jan. 5! Then he left. “Yes.” No."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Dr. Smith met Gen. Lee at 5 p.m. on Jan. 5!", "Then he left.", "“Yes.”", "No.",
    ]


@pytest.mark.parametrize("source_length", [1, 40, 100, 400])
@pytest.mark.parametrize("target_length", [1, 45, 300])
@pytest.mark.parametrize("ratio", [0.4, 1.0, 3.0])
@pytest.mark.parametrize("anchors", [None, ({1, 2}, {2}), ({1, 2, 3, 4}, {1, 2, 3, 4}), (set(), {1})])
def test_one_sentence_a_side_aligns_as_the_programme_would(
    source_length: int, target_length: int, ratio: float, anchors: tuple[set[int], set[int]] | None
) -> None:
    from tests.test_qa_align import _plain_align_runs  # the programme as first written, every bead costed

    source_anchors: list[frozenset[Hashable]] | None = [frozenset(anchors[0])] if anchors else None
    target_anchors: list[frozenset[Hashable]] | None = [frozenset(anchors[1])] if anchors else None
    found = align_runs([source_length], [target_length], ratio, source_anchors, target_anchors)
    assert found == _plain_align_runs(
        [source_length], [target_length], ratio, source_anchors or [frozenset()], target_anchors or [frozenset()]
    )
    assert found in ([Bead((0,), (0,))], [Bead((), (0,)), Bead((0,), ())])


# Each pattern read only where a run of digits starts that its gate lets through (numbers._digit_matches), and
# whether it may start at a "+"
_DATES = numbers._date_patterns(("ru", "ja"))
_FROM_DIGITS = [
    (numbers._NUMERIC_DATE, numbers._NUMERIC_DATE_GATE, False), (numbers._YEAR_FIRST_DATE, numbers._YEAR_FIRST_GATE, False),
    (numbers._CUP_ROUND, numbers._CUP_ROUND_GATE, False), (numbers._PHONE, numbers._PHONE_GATE, True),
    (numbers._YEAR_RANGE, numbers._YEAR_RANGE_GATE, False), (numbers._TIME, numbers._TIME_GATE, False),
    (numbers._DOT_TIME, numbers._DOT_TIME_GATE, False), (numbers._HOUR_AMPM, numbers._HOUR_AMPM_GATE, False),
    (numbers._FRACTION, numbers._FRACTION_GATE, False), (numbers._NUMBER, None, False), (numbers._NUMBER_POINT, None, False),
    *((_DATES[index], numbers._DATE_GATES.get(index), False) for index in (1, 2, 4, 5, 6, 7)),
]
_DIGIT_GROUP = st.one_of(st.from_regex(r"\+?[0-3]?\d{1,3}", fullmatch=True), st.from_regex(r"\d{5,8}", fullmatch=True))
_BETWEEN = st.one_of(
    st.sampled_from([" ", "-", "."]),
    st.sampled_from([
        ",", "/", ":", "–", "\u00a0", "x", " pm", "a.m.", "PM", " at ", " о ", "月", "日", "½", " Dec ", " декабря", " финала",
        "-го ", "-Е ", "st ", "ſt ", "TH ", "nd\u00a0", "rd ", "(", ")", "~", ". и ", " y ", ".марта", " / ", "-",
    ]),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(_DIGIT_GROUP, _BETWEEN), max_size=8), st.integers(0, 40), st.integers(0, 40))
@example([("+7", " "), ("727", " "), ("123", " "), ("45", ".")], 0, 40)  # a phone number from its "+"
@example([("7", "("), ("727", ")"), ("1234", " "), ("567", "-"), ("89", " ")], 0, 40)  # a phone number's bracketed group
@example([("7271234", " "), ("567", "-"), ("89", " ")], 0, 40)  # a phone number's first groups run together
@example([("123", ") "), ("45", " "), ("67", " "), ("89", " ")], 0, 40)  # … and a bracket after them
@example([("2023", "年"), ("112", "月"), ("3", "日")], 0, 40)  # a month within a run of digits (7月21日's own pattern scans)
@example([("21", "ſt "), ("12", " pm")], 0, 40)  # ſ matches s ignoring case
def test_patterns_tried_only_where_digits_start_match_as_a_scan_of_the_whole_text(
    pieces: list[tuple[str, str]], start: int, end: int
) -> None:
    text = "".join(digits + between for digits, between in pieces)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    for pattern, gate, plus in _FROM_DIGITS:
        expected = [match.span() for match in pattern.finditer(text, start, end)]
        assert [match.span() for match in numbers._digit_matches(pattern, text, start, end, gate, plus)] == expected, pattern.pattern


def test_a_gate_lets_through_every_character_that_matches_its_letters_ignoring_case() -> None:
    # (the patterns with letters after their digits ignore case: "21ST", "7 PM", "ſt" read as "st")
    letters = {
        (numbers._HOUR_AMPM, numbers._HOUR_AMPM_GATE): "ap", (_DATES[2], numbers._DATE_GATES[2]): "геsnrt",
    }
    every_character = "".join(map(chr, range(0x110000)))
    for (pattern, gate), lower in letters.items():
        assert pattern.flags & regex.IGNORECASE
        matching = set(regex.findall(f"[{lower}]", every_character, regex.IGNORECASE))
        assert matching <= gate.after, sorted(matching - gate.after)


_URL_PIECES = st.sampled_from([
    "www", "WWW", ".", "..", "://", ":/", "com", ".Com", ".org", "net", ".ru", "kz", ".tr", "gov", ".edu", "info", ".io", "UK",
    "http", " ", "a", "\u0130", "é", "“", "kremlin", "/", "-", "\t", "\n", "\u3000", "\u00a0", "\x1c", "@", "<",
    "詳", "を", "。", "一休",  # an address written against CJK text starts after a CJK letter and stops at one
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_URL_PIECES, max_size=20).map("".join), st.integers(0, 5), st.integers(0, 5))
@example("see www.x or it", 0, 0)
@example("Kremlin.RU", 0, 0)
@example("a http://x.com/b c.ru\u3000d.Com\te", 0, 0)
@example("x.\u0130o", 0, 0)
@example("詳しくはhttps://x.org/aをご覧。一休.com", 0, 0)
@example("a.com b.Org c.net d.ru e.kz f.tr g.gov h.edu i.info j.io k.uk", 0, 0)  # each ending
def test_links_are_read_in_the_words_that_may_hold_one_as_a_scan_of_the_whole_text_would(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    words = bilingual._url_words(text, start, end)
    assert _spans(match for word in words for match in bilingual._URL.finditer(text, *word)) == _spans(bilingual._URL.finditer(text, start, end))
    low = text[start:end].lower()
    plain = (
        any(letter in text for letter in bilingual._FOLDS_TO_ASCII)
        or "://" in low or "www." in low or any(ending in low for ending in bilingual._URL_ENDINGS)
    )
    assert bool(words) == plain  # a text is read at its full stops as a search for each ending would
    bounds = [bound for word in words for bound in word]
    assert bounds == sorted(bounds) and all(start <= bound <= end for bound in bounds)
    if not any(letter in text for letter in bilingual._FOLDS_TO_ASCII):
        assert not any(regex.search(r"\s", text[a:b]) for a, b in words)  # words, not the whole text


_ROMAN_PIECES = st.sampled_from([
    "X", "I", "V", "L", "C", "D", "M", "XIV", "XVIII", "IIII", "XL", "MMXXIV", "e", "ème", "-lea", "-", ".", "ᵉ", " ",
    "\u00a0", "–", "(", "a", "Я", "5", " в.", " век", " siècle", "siglo ", " century", "the ", "Louis ", "D. ", ",",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_ROMAN_PIECES, max_size=20).map("".join), st.integers(0, 5), st.integers(0, 5))
@example("в XIV–XV вв., Louis XIV, XIXe siècle, IIII, XL-lea", 0, 0)
def test_roman_numerals_read_from_their_runs_as_from_a_scan_of_the_text(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    centuries = numbers._roman_centuries(text, start, end)
    expected = [
        (match.start(), match.end(), match.group(), True) for match in numbers._ROMAN.finditer(text, start, end)
        if match.start() not in centuries
    ] + [(m.start, m.end, m.raw, m.optional) for m in centuries.values()]
    assert [(m.start, m.end, m.raw, m.optional) for m in numbers._roman_mentions(text, start, end)] == expected


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_a_text_is_lowered_once_for_its_words_as_each_search_would(text: str) -> None:
    low = numbers._lowered(text)
    assert low == (None if any(letter in text for letter in numbers._FOLDS_TO_ASCII) else text.lower())
    for words in (("noon", "midday", "midnight"), ("lakh", "crore")):
        plain = any(letter in text for letter in numbers._FOLDS_TO_ASCII) or any(word in text.lower() for word in words)
        assert numbers._holds_word(text, words) == plain
