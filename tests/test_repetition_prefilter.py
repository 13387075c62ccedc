"""The repetition rules try their pattern only where the text's words (or a search in the standard
library's engine) say it may match; they must find what the pattern finds on the whole text."""

from __future__ import annotations

import dataclasses
import re
import string
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit import Config
from copyedit.engine import parse_document, ruleset_for
from copyedit.kinds.repetition import (
    _AS_ASCII_LETTER,
    RepetitionPass,
    TextWords,
    WordsPrefilter,
    _engines_read_alike,
    _gate,
)
from tests.casefolding import case_partners


def unfiltered(check_pass: RepetitionPass, doc) -> list[tuple[int, int, str | None]]:
    """What the rule finds running its pattern over the whole text."""
    matches = check_pass._pattern.finditer(doc.text, overlapped=False)
    return [(h.start, h.end, h.replacement) for h in check_pass._hits(doc, matches)]


def found(check_pass: RepetitionPass, doc) -> list[tuple[int, int, str | None]]:
    return [(h.start, h.end, h.replacement) for h in check_pass.run(doc, None)]


def built_in() -> list[RepetitionPass]:
    return [p for p in ruleset_for(Config())._passes if isinstance(p, RepetitionPass)]


def with_options(check_pass: RepetitionPass, **options) -> RepetitionPass:
    rule = dataclasses.replace(check_pass.rule, options=dataclasses.replace(check_pass.rule.options, **options))
    return RepetitionPass(rule)


# --- how the words are read --------------------------------------------------------------------


def test_every_character_regex_takes_for_an_ascii_letter_ignoring_case_is_read_as_that_letter():
    """Only "İ", "ı", "ſ" and the Kelvin sign: every other word character beyond ASCII reads as "?".
    (A class such as [a-z] takes "ı" for no letter; a back-reference takes it for "I".)"""
    letters, doubled = regex.compile("[a-z]", regex.IGNORECASE), regex.compile(r"(.)\1", regex.IGNORECASE)
    taken = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if not 0xD800 <= code < 0xE000 and letters.fullmatch(char):
            taken[char] = next(a for a in string.ascii_lowercase if regex.fullmatch(a, char, regex.IGNORECASE))
    for char, other in case_partners():
        if not char.isascii() and other.isascii() and doubled.fullmatch(char + other):
            assert taken.setdefault(char, other.lower()) == other.lower()
    assert taken == _AS_ASCII_LETTER


def test_two_characters_regex_takes_for_the_same_ignoring_case_read_alike():
    doubled = regex.compile(r"(\w)\1", regex.IGNORECASE)
    for char, other in case_partners():
        if doubled.fullmatch(char + other):
            text = f"{char} {other}"
            words = TextWords(text, "".join(c for c in {char, other} if not c.isascii())).words
            assert len(words) == 2 and words[0] == words[1], (char, other)


def test_every_two_characters_re_tells_apart_and_regex_does_not_keep_the_gate_off():
    """The standard library's engine compares lower case: where regex matches two characters
    ignoring case and re does not, one of them is in _FOLDS_APART, and the gate is not used."""
    re_doubled, regex_doubled = re.compile(r"(.)\1", re.IGNORECASE), regex.compile(r"(.)\1", regex.IGNORECASE)
    for char, other in case_partners():
        if regex_doubled.fullmatch(char + other) and not re_doubled.fullmatch(char + other):
            assert not _engines_read_alike("".join(c for c in (char, other) if not c.isascii())), (char, other)


def test_the_gate_is_off_where_the_engines_read_words_apart():
    assert _engines_read_alike("“”’–—\u00a0éüçñ")
    assert not _engines_read_alike("\u0301")  # a combining mark: a word character only to regex
    assert not _engines_read_alike("²")  # a digit only to re
    assert not _engines_read_alike("ς")


def test_every_space_to_regex_is_a_space_to_re():
    spaces, re_spaces = regex.compile(r"\s"), re.compile(r"\s")
    assert all(re_spaces.match(chr(code)) for code in range(sys.maxunicode + 1) if spaces.match(chr(code)))


@pytest.mark.parametrize(
    "separator, max_words, text, expected",
    [
        (r"\s+", 1, "He said the the cat.", [2]),
        (r"\s+", 1, "He said the cat.", []),
        (r"\s+", 2, "a red wine red wine", [1]),
        (r"\s+(?:and|or)\s+", 2, "fish and fish products", [0]),
        (r"\s+(?:and|or)\s+", 2, "new cars AND new cars", [0]),
        (r"\s+(?:and|or)\s+", 2, "the cat and the dog", []),
        (r"\s+(?:und|İst)\s+", 1, "Wasser ıst Wasser", [0]),
        (r"\s*,\s*", 1, "the, the", None),  # another separator: no word prefilter
    ],
)
def test_words_prefilter(separator, max_words, text, expected):
    prefilter = WordsPrefilter.for_separator(separator, max_words)
    beyond = "".join({c for c in text if not c.isascii()})
    assert (prefilter.starts(TextWords(text, beyond).words) if prefilter else None) == expected


@given(st.text(alphabet=" ab’'é—\n?", max_size=60), st.data())
def test_offsets_found_one_by_one_are_the_offsets_found_at_once(text, data):
    words = TextWords(text, "".join({c for c in text if not c.isascii()}))
    indices = sorted(data.draw(st.sets(st.integers(0, len(words.words) - 1))) if words.words else [])
    import copyedit.kinds.repetition as repetition

    one_by_one = words.offsets(indices)
    few, repetition._FEW_OFFSETS = repetition._FEW_OFFSETS, -1
    try:
        assert words.offsets(indices) == one_by_one
    finally:
        repetition._FEW_OFFSETS = few
    assert [text[offset : offset + 1] != " " for offset in one_by_one] == [True] * len(indices)


# --- same hits as the pattern over the whole text --------------------------------------------------


def test_built_in_examples_give_the_same_hits_as_the_pattern_over_the_whole_text():
    passes = built_in()
    assert {p.rule.code for p in passes if p._words_prefilter} >= {"C401", "C402"}
    texts = [t for p in passes for e in p.rule.examples for t in (e.bad, e.good, e.ok) if t]
    texts += [t.upper() for t in texts] + [t.replace(" ", "\n ") for t in texts]
    for check_pass in passes:
        for text in texts:
            doc = parse_document(text, "text")
            assert found(check_pass, doc) == unfiltered(check_pass, doc), (check_pass.rule.code, text)


# Words, spaces and marks that the readings must get right: apostrophes, hyphens, decimals, letters
# beyond ASCII and their case partners, look-alikes of ASCII letters, marks, digits that only one
# engine takes for word characters, spaces of either engine, and the separators' words.
_PIECES = [
    "the", "The", "THE", "and", "AND", "or", "fish", "don't", "don’t", "1.1", "1", "5", "_", "x",
    "İs", "is", "ıs", "Is", "ſo", "so", "\u212aey", "key", "σας", "ΣΑΣ", "ς", "café", "CAFÉ", "cafe\u0301",
    "km²", "²", "中国", "Über", "über", "страсть", "Страсть", "?",
]
_GLUE = [" ", "  ", "\n", "\n\n", "\u00a0", "\x1c", ", ", ". ", "-", "’", "'", "“", "”", "—", "?", "", " and ", " OR "]


@st.composite
def repetitive_texts(draw) -> str:
    pieces = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12))
    text = pieces[0]
    for piece in pieces[1:]:
        text += draw(st.sampled_from(_GLUE)) + piece
    return text


@pytest.fixture(scope="module")
def every_reading() -> list[RepetitionPass]:
    """The built-in rules, and rules that take the other readings: longer phrases, another word
    between, a separator that only the gate reads, and one that nothing reads."""
    c401, c402 = sorted(built_in(), key=lambda p: p.rule.code)[:2]
    return [
        c401,
        c402,
        with_options(c401, max_words=3),
        with_options(c402, separator=r"\s+(?:und|İst|и)\s+", function_words=()),
        with_options(c401, separator=r"\s*,\s*", max_words=2),
        with_options(c401, separator=r"\s*[,;]\s*"),  # a class: neither words nor the gate
    ]


def test_the_rules_take_each_reading(every_reading):
    assert [bool(p._words_prefilter) for p in every_reading] == [True, True, True, True, False, False]
    assert [bool(p._gate) for p in every_reading] == [False, False, False, False, True, False]


@settings(max_examples=400, deadline=None)
@given(repetitive_texts())
def test_the_readings_never_lose_a_hit(every_reading, text):
    doc = parse_document(text, "text")
    for check_pass in every_reading:
        assert found(check_pass, doc) == unfiltered(check_pass, doc), (check_pass.rule.options, text)


@pytest.mark.parametrize(
    "text",
    [
        "He said the the cat left.",
        "Она сказала, что что-то не так; the the end.",
        "cafe\u0301 cafe\u0301 is decomposed",  # combining marks: words to regex alone
        "fish and fish products; protecting and protecting places",
        "It was good or good? It was the the², and ıs Is, \u212aey key.",
        "HELL HELL HELL HELL " * 20 + "in, in, in, in",  # a text that repeats itself: many offsets at once
    ],
)
def test_the_readings_never_lose_a_hit_in_real_cases(every_reading, text):
    doc = parse_document(text, "text")
    for check_pass in every_reading:
        assert found(check_pass, doc) == unfiltered(check_pass, doc), (check_pass.rule.options, text)


def test_the_gate_matches_the_rule_pattern_in_the_standard_library():
    assert _gate((), 1, r"\s*,\s*").search("He said the, the cat.").group() == "the, the"
    assert _gate(("the",), 1, r"\s+") is None  # listed words: no gate
    assert _gate((), 1, r"\s*\S\s*") is None  # an escape other than \s: no gate
    assert _gate((), 1, r"(?i)\s+") is None  # flags: no gate


def test_a_doubled_word_is_tried_only_where_white_space_follows_its_first_copy():
    """C401's separator is white space: of the words the next word repeats, those with a comma, a full stop
    or a hyphen after them ("rash, rash", "Bye. Bye", "so-so") are not tried."""
    c401 = next(p for p in built_in() if p.rule.code == "C401")
    tried = []

    class Counted:
        def match(self, text, start, *args, **kwargs):
            tried.append(start)
            return pattern.match(text, start, *args, **kwargs)

    pattern = c401._pattern
    c401._pattern = Counted()
    try:
        text = "It may cause itching, rash, rash, etc. Bye. Bye, a so-so film: the the end."
        assert [text[h.start : h.end] for h in c401.run(parse_document(text, "text"), None)] == ["the the"]
    finally:
        c401._pattern = pattern
    assert tried == [text.index("the the")]
