"""The language checks' shortcuts (issue 13) find what the plain definitions do: prose lines and their
sentences, the common-word score of a text, where a fragment in another script may start, and the
article-language check's early stop."""

from __future__ import annotations

from typing import Iterable, Iterator

import regex
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.document import Block, PlainDocument, paragraph_blocks
from copyedit.index import PROSE_MIN_WORDS, TextIndex, line_sentences, prose_lines, sentences
from copyedit.kinds.base import Context
from copyedit.qa.language import (
    _ASCII_WORD,
    _BEYOND_LATIN,
    _COMMON_BYTES,
    _FOREIGN_SCRIPT_RUN,
    COMMON_WORDS,
    may_be_foreign,
    _screen,
    _surely_native,
    _words,
    prose_only,
    article_language,
    _screen_score,
    _unquoted,
    _NOT_SCREENED,
    _QUOTED,
)

# Pieces of lines that make sentence ends, list markers and white space interesting.
PIECES = [
    "The", "court", "said", "U.S.", "3.5", "e.g.", "(c)", "b)", "1.", "12)", "-", "•", "—", "“", "”", '"', "’", "'",
    "»", ")", "(", ".", "..", "!", "?", "…", "!?", ".”", '."', ".)", ". ", "  ", " ", "\t", "\u00a0", "\u2009", "\x1c",
    "\n", "é", "Ж", "a", "of", "it's", "£5m",
]
lines = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _old_prose_lines(text: str, blocks: Iterable[Block]) -> Iterator[tuple[int, int]]:
    """prose_lines before its shortcuts: the plain definition."""
    sentence_end = regex.compile(r"[.!?…][\"'’”»)\]]*(?:\s|\Z)")
    list_marker = regex.compile(r"(?:[-*•·–—]|\(?(?:\d{1,3}|\p{L})[.)])\s")
    for block in blocks:
        if block.kind != "paragraph":
            continue
        start = block.start
        while start < block.end:
            end = text.find("\n", start, block.end)
            end = block.end if end == -1 else end
            line = text[start:end]
            trimmed = line.strip()
            if (
                len(trimmed.split(maxsplit=PROSE_MIN_WORDS)) >= PROSE_MIN_WORDS
                and sentence_end.search(trimmed) is not None
                and list_marker.match(trimmed) is None
            ):
                first = start + len(line) - len(line.lstrip())
                yield first, first + len(trimmed)
            start = end + 1


@settings(max_examples=300, deadline=None)
@given(lines)
def test_line_sentences_are_the_sentences(text: str) -> None:
    trimmed = text.strip()
    if trimmed:
        start = text.index(trimmed)
        assert line_sentences(text, start, start + len(trimmed)) == tuple(sentences(text, start, start + len(trimmed)))


# Lines that may be prose: a list marker or not, some words, a sentence's end or not.
MARKERS = ["", "", "1. ", "12) ", "1234. ", "(c) ", "b) ", "- ", "• ", "A. ", "é. ", "(1) ", "e.g. ", "U.S. ", " \t", "—", "1.\t"]
ENDINGS = ["", ".", '."', "!", "?)", "…", ". ", ".x", "."]
prose_like = st.tuples(
    st.sampled_from(MARKERS), st.lists(st.sampled_from(PIECES[:12] + ["a", "of", "it's"]), max_size=12).map(" ".join), st.sampled_from(ENDINGS)
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(lines, prose_like), min_size=1, max_size=4).map("\n".join))
def test_prose_lines_are_the_plain_definitions(text: str) -> None:
    blocks = [Block(0, len(text))]
    assert list(prose_lines(text, blocks)) == list(_old_prose_lines(text, blocks))


def test_a_sentence_s_end_is_followed_by_what_regex_takes_for_white_space() -> None:
    """prose_lines's sentence end, read by the standard library's engine, is followed by white space as ``regex``
    reads ``\\s``, in all of Unicode (str.isspace and ``re``'s ``\\s`` take \\x1c-\\x1f too)."""
    from copyedit.index import _SENTENCE_END

    every = [chr(code) for code in range(0x110000)]
    white = set(regex.findall(r"\s", "".join(every)))
    ends = "".join(f"x.{character}" for character in every)  # an end before each character
    assert {match.group()[-1] for match in _SENTENCE_END.finditer(ends)} == white
    assert "\u2009" in white and "\x1c" not in white


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', '"', "“", "”", "«", "»", "„", "\n", " ", "no", "Да"]), max_size=12).map("".join))
def test_a_text_without_its_quotations_is_the_quotation_pattern_s_doing(text: str) -> None:
    """Straight quotation marks alone are taken out by a split: what the pattern takes out, and nothing else."""
    assert _unquoted(text) == _QUOTED.sub("", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["the", "The", "café", "of'the", "(of),", "'of'", "''", "’til", "rock’n’roll", "Ğ"]), min_size=1, max_size=8).map("".join))
def test_a_sentences_score_counts_its_words(sentence: str) -> None:
    """The screen's score of a sentence is 5 × its common words − its words, once its quotations are out; it has
    none where a letter beyond ASCII prose is left."""
    unquoted = _unquoted(sentence)
    words = _ASCII_WORD.findall(unquoted.replace("’", "'"))  # "’" joins letters as "'" does
    expected = -1 if _NOT_SCREENED.search(unquoted) else 5 * sum(word in COMMON_WORDS["en"] for word in words) - len(words)
    assert _screen_score(sentence, _COMMON_BYTES["en"]) == expected


SENTENCE_PIECES = [
    "the", "The", "of", "it", "court", "said", "Nur", "Otan", "’s", "'s", "’", "‘", "“", "”", "«", "»", "„", '"', "'",
    " ", " ", " ", ".", ",", "£5m", "–", "é", "Ж", "\u0301", "it’s", "It’S", "of’the", "a’b", "rock’n’roll",
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), min_size=1, max_size=30).map("".join))
def test_a_sentence_the_screen_passes_is_one_the_full_test_passes(sentence: str) -> None:
    """What the common-word screen passes as English, the full test (prose_only, its words, the common-word
    share) would pass too: the screen only spares work, it never hides a finding."""
    if _surely_native(sentence, _COMMON_BYTES["en"]):
        prose = prose_only(sentence)
        assert not may_be_foreign(prose, _words(prose.lower()), "en")


def test_the_screen_passes_apostrophes_and_quotation_marks() -> None:
    """BBC writes "’" and curly quotation marks: a sentence with them is scored by the screen, not sent to
    the full test (before, 45% of BBC's prose lines were, for "’" alone)."""
    common = _COMMON_BYTES["en"]
    assert _surely_native("Mr Putin’s spokesman said it’s the ruling of the court and it is final.", common)
    assert _surely_native("“The court said the ruling was final and that the case was closed.", common)
    assert not _surely_native("It’s Nur Otan’s Astana, Almaty and Shymkent, it’s.", common)
    text = "Mr Putin’s spokesman said the ruling of the court was final, and that it would be respected.”"
    screen = _screen(TextIndex(text, paragraph_blocks(text)), "en")
    assert screen is not None and screen.plain(0)


def test_a_fragment_in_another_script_starts_beyond_latin() -> None:
    """foreign_script looks for fragments from a block's first character beyond Latin: no fragment
    may start before it."""
    pattern = _FOREIGN_SCRIPT_RUN["en"]
    allowed = [*range(0x00, 0xB5), *range(0xB6, 0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0)]
    assert all(_BEYOND_LATIN.match(chr(code)) is None for code in allowed)
    for code in allowed:
        for after in ("中文", "ЖЖ", chr(code) * 2):
            assert pattern.match(chr(code) + after) is None, hex(code)


WORDS = ["the", "court", "said", "Nur", "Otan", "Astana", "U.S.", "it's", "£5m", '"quoted', 'words"', "Tokaïev", "a", "of", "и", "суд"]
prose = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=8, max_size=20).map(" ".join).map(lambda line: line + "."),
    min_size=1, max_size=4,
).map("\n\n".join)


@settings(max_examples=100, deadline=None)
@given(prose)
def test_a_lines_score_is_its_sentences_and_its_words(text: str) -> None:
    index = TextIndex(text, paragraph_blocks(text))
    screen = _screen(index, "en")
    assert screen is not None
    for number, (start, end) in enumerate(index.prose_lines):
        if screen.plain(number):
            assert screen.line_score(number) == _screen_score(text[start:end], _COMMON_BYTES["en"])
        assert screen.sentence_scores(number) == tuple(_screen_score(text[s:e], _COMMON_BYTES["en"]) for s, e in index.prose_sentences[number])


@settings(max_examples=100, deadline=None)
@given(prose, st.integers(0, 60), st.integers(1, 3))
def test_the_suspects_are_the_long_sentences_that_score_below_0(text: str, min_length: int, every: int) -> None:
    """Whether a line's scores were found first (the article-language check reads a few lines) or not."""
    index = TextIndex(text, paragraph_blocks(text))
    screen = _screen(index, "en")
    assert screen is not None
    for number in range(0, len(index.prose_lines), every):
        screen.sentence_scores(number)
    common = _COMMON_BYTES["en"]
    expected = [(s, e) for line in index.prose_sentences for s, e in line if e - s >= min_length and _screen_score(text[s:e], common) < 0]
    assert list(screen.suspects(min_length)) == expected


def _counted_scores(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the screen scores from now on."""
    import copyedit.qa.language as language

    scored: list[str] = []
    original = language._screen_score

    def counted(text: str, common: frozenset[bytes]) -> int:
        scored.append(text)
        return original(text, common)

    monkeypatch.setattr(language, "_screen_score", counted)
    return scored


def test_a_line_the_article_language_check_scored_is_not_scored_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line that the article-language check (first on most documents) scored is not scored again, sentence by
    sentence, for the untranslated-sentence check: each of its sentences is scored once (on BBC news, whose
    paragraphs hold about four sentences, each was once scored twice)."""
    text = "The court said on Friday that the ruling was final.\n\nThe case was closed. It was the last of them."
    scored = _counted_scores(monkeypatch)
    screen = _screen(TextIndex(text, paragraph_blocks(text)), "en")
    assert screen is not None
    assert [screen.line_score(0), screen.line_score(1)] == [15, 15]
    assert scored == ["The court said on Friday that the ruling was final.", "The case was closed.", "It was the last of them."]
    assert list(screen.suspects(1)) == []
    assert [screen.sentence_scores(0), screen.sentence_scores(1)] == [(15,), (1, 14)]
    assert len(scored) == 3


def test_the_sentence_check_scores_only_the_sentences_long_enough_of_a_line_not_scored_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the lines the article-language check read, a sentence shorter than the sentence check judges is not
    scored (4% of BBC's sentences, 9% of WMT23 MT output's)."""
    text = "The court said on Friday that the ruling was final.\n\nNur Otan won. Astana, Almaty, Shymkent, Aktobe and Oral voted."
    scored = _counted_scores(monkeypatch)
    screen = _screen(TextIndex(text, paragraph_blocks(text)), "en")
    assert screen is not None
    assert screen.line_score(0) == 15
    long = "Astana, Almaty, Shymkent, Aktobe and Oral voted."
    assert list(screen.suspects(40)) == [(text.index(long), len(text))]
    assert scored == ["The court said on Friday that the ruling was final.", long]


def test_the_article_language_check_searches_its_lines_for_letters_outside_the_alphabet_only_if_the_article_has_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lines the cheap test does not clear (quoted, full of names) are searched for letters outside the alphabet
    only when the article has such a letter; a line without one is not searched again in its prose."""
    import copyedit.qa.language as language

    searched: list[str] = []
    prose_searched: list[bool] = []
    has_letters_outside, may_be_foreign = language._has_letters_outside, language.may_be_foreign

    def counted(text: str, lang: str) -> bool:
        searched.append(text)
        return has_letters_outside(text, lang)

    def counted_prose(prose: str, words: list[str], lang: str, letters_outside: bool = True) -> bool:
        prose_searched.append(letters_outside)
        return may_be_foreign(prose, words, lang, letters_outside)

    monkeypatch.setattr(language, "_has_letters_outside", counted)
    monkeypatch.setattr(language, "may_be_foreign", counted_prose)
    names = 'Astana, Almaty, Shymkent, Aktobe, Oral, Taraz, Semey and Kostanay voted "yes" on Sunday.'
    assert list(article_language(PlainDocument(f"{names}\n\n{ENGLISH}\n\n{names}"), Context())) == []
    assert searched == [] and prose_searched == [False]
    assert list(article_language(PlainDocument(f"{names} Токаев\n\n{ENGLISH}\n\n{names}"), Context())) == []
    assert searched == [ENGLISH, names + " Токаев"] and prose_searched == [False, True]


def _article_language_in_full(doc: PlainDocument, min_share: float) -> bool:
    """Whether article_language could go on to langdetect, judged on every line (no early stop)."""
    from copyedit.qa.language import _has_letters_outside, may_be_foreign, prose_only, surely_in

    index = TextIndex(doc.text, doc.blocks)
    screen = _screen(index, "en")
    assert screen is not None
    judged = judged_chars = suspects = 0
    for number, (start, end) in enumerate(index.prose_lines):
        if judged_chars >= 1500:
            break
        line = doc.text[start:end]
        judged += 1
        judged_chars += len(line)
        if not _has_letters_outside(line, "en") and screen.native(number, start, end):
            continue
        prose = prose_only(line)
        if may_be_foreign(prose, _words(prose.lower()), "en") and not surely_in(prose, "en"):
            suspects += 1
    return suspects > 0 and suspects >= min_share * judged


ENGLISH = "The court said on Friday that the ruling was final and that the case was closed."
TURKISH = "Mahkeme cuma günü kararın kesin olduğunu ve davanın kapandığını açıkladı, dedi."


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([ENGLISH, TURKISH, '"' + TURKISH + '" ' + ENGLISH, "Headline"]), min_size=1, max_size=8), st.sampled_from([0.5, 2 / 3, 0.9]))
def test_article_language_stops_early_only_when_langdetect_could_not_make_the_share(paragraphs: list[str], min_share: float) -> None:
    """Each early stop is one the full count would make: no article it stops for could reach langdetect."""
    import copyedit.qa.language as language

    calls: list[str] = []
    original = language.language_probabilities

    def counted(text: str) -> list[tuple[str, float]]:
        calls.append(text)
        return original(text)

    language.language_probabilities = counted
    try:
        doc = PlainDocument("\n\n".join(paragraphs))
        list(article_language(doc, Context(), min_share=min_share))
    finally:
        language.language_probabilities = original
    assert bool(calls) == _article_language_in_full(doc, min_share)

