"""LQ215: a translation that repeats a phrase in a loop its source does not have. The sentences
are real MT of WMT23 zh-en and WMT22 ja-en."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import copyedit
from copyedit.qa.loops import _PROBE, _PROBE_STRIDE, _PUNCTUATION_TO_SPACE, _recurring_probe, _recurs, _rough_words


def flagged(text: str, source: str, lang: str) -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [f.message for f in findings if f.code == "LQ215"]


SOURCE = "越南政府总理范明政与夫人走访了文莱达鲁萨兰大学。"
LOOP = "Prime Minister Pham Minh Chinh and his wife visited the University of " + "Bern, " * 20 + "Bern."


def test_a_phrase_repeated_in_a_loop_is_reported_on_the_run() -> None:
    findings = [f for f in copyedit.check(LOOP, source=SOURCE, source_lang="zh").findings if f.code == "LQ215"]
    assert [f.message for f in findings] == [
        "“Bern,” comes 20 times in a row, and the source does not repeat itself: the MT ran on in a loop"
    ]
    assert LOOP[findings[0].span.start : findings[0].span.end] == "Bern, " * 19 + "Bern,"
    assert findings[0].source is not None and findings[0].source.sentence == SOURCE


def test_no_loop_a_short_sentence_or_a_source_that_repeats_itself_is_not_reported() -> None:
    assert flagged("Prime Minister Pham Minh Chinh and his wife visited the University of Brunei Darussalam.", SOURCE, "zh") == []
    # as long as its source would make it: a loop is longer than a translation
    assert flagged("Jiken Jiken Jiken", "事件", "ja") == []
    cheer = "Go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, they chanted."
    assert flagged(cheer, "Вперёд, вперёд, вперёд! — скандировали они.", "ru") == []
    assert len(flagged(cheer, "Они скандировали лозунги.", "ru")) == 1
    assert flagged(LOOP, SOURCE, "zh") and not flagged(LOOP, "", "zh")  # only with a source


def codes(text: str, **source: str) -> list[str]:
    return [f.code for f in copyedit.check(text, **source).findings if f.code in ("LQ215", "MT109")]


def test_without_a_source_a_phrase_said_five_times_is_a_loop_and_with_one_lq215_judges() -> None:
    assert codes(LOOP) == ["MT109"]
    assert codes(LOOP, source=SOURCE, source_lang="zh") == ["LQ215"]
    cheer = "Go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, go, they chanted."
    assert codes(cheer, source="Вперёд, вперёд, вперёд! — скандировали они.", source_lang="ru") == []  # the source repeats
    # four times, a line under 60 characters, or no letter in the phrase: no loop without a source
    assert codes("He can score, he can score, he can score, he can score, and he can defend the goal.") == []
    assert codes("Bye Bye Bye Bye Bye Bye Bye Bye Bye.") == []
    assert codes("The scores were " + "0 " * 30 + "in the last thirty games of the season.") == []


def test_a_loop_is_found_anywhere_in_a_long_line() -> None:
    prose = "The committee met on Tuesday and discussed the budget for the coming year in some detail. " * 12
    for at in (0, len(prose) // 3, len(prose)):
        text = prose[:at] + "the live broadcast of " * 6 + prose[at:]
        findings = [f for f in copyedit.check(text).findings if f.code == "MT109"]
        assert len(findings) == 1, at
        assert text[findings[0].span.start : findings[0].span.end].count("the live broadcast of") >= 5


# LQ223: a phrase of five words or more said twice in a row (WMT23 MT of ZengHuiMT, zh-en and uk-en)


def doubled(text: str, source: str, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ223"]


PARDON = "但莱西仍然呼吁“受骗的青年”悔改，这样他们才能得到伊朗最高领导人的赦免。"


def test_a_phrase_said_twice_in_a_row_is_reported_on_its_second_copy() -> None:
    text = "But Raisi still calls on deceived youth to repent so they can be pardoned by Iran's supreme leader so they can be pardoned by Iran's supreme leader."
    findings = [f for f in copyedit.check(text, source=PARDON, source_lang="zh").findings if f.code == "LQ223"]
    assert [f.message for f in findings] == [
        "“so they can be pardoned by Iran's supreme leader” is said twice in a row, and the source says it once"
    ]
    assert text[findings[0].span.start : findings[0].span.end] == "so they can be pardoned by Iran's supreme leader"
    assert findings[0].severity == "warning"
    assert findings[0].source is not None and findings[0].source.text == PARDON
    # whatever the punctuation and case between the copies; a source in a language that spaces its words
    ukrainian = "Сьогоднішня війна Росії проти України готувалася довго і цілеспрямовано, через інформаційну та лінгвістичну політику."
    text = "Russia's war against Ukraine has been prepared for a long time, through information and linguistic policy. Through information and linguistic policy."
    assert doubled(text, ukrainian, "uk") == ["Through information and linguistic policy"]


def test_a_phrase_the_source_says_twice_a_shorter_one_or_a_loop_is_not_doubled() -> None:
    assert doubled("But Raisi still calls on deceived youth to repent so they can be pardoned by Iran's supreme leader.", PARDON) == []
    # the source says it twice too
    source = "图片没有拍出侧面的细节，侧面的细节跟主体的风格并不一致。"
    assert doubled("The picture does not show the details of the side, the details of the side are not like the main body.", source) == []
    assert doubled("Nobody called. Nobody was there, nobody was there, nobody was there.", "Нет, никого там не было, никого там не было.", "ru") == []
    # four words said twice; a loop of a shorter phrase is LQ215's; no source
    assert doubled("It is hard for them to adapt, they have become capricious, they have become capricious.", "他们很难适应，变得任性了。") == []
    assert doubled(LOOP, SOURCE) == []
    assert doubled("He was pardoned by the supreme leader, pardoned by the supreme leader of Iran.", "") == []


LINE_PIECES = ["Bern, ", "he can score, ", "the ", "live broadcast of ", "a", " ", "—", "Go, ", "go ", "0 ", "end.", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), min_size=6, max_size=60).map("".join))
def test_a_short_lines_middle_probe_is_counted_in_the_whole_line(line: str) -> None:
    """A line under two strides is probed at its middle and its end, each within its reach either side
    (the plain definition); the middle's reach takes in the whole line, which is counted without it."""
    assume(60 <= len(line) < 2 * _PROBE_STRIDE)
    probes = (len(line) // 2, len(line) - _PROBE - 3)
    assert _recurring_probe(line) == next((at for at in probes if _recurs(line, at)), None)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=80) | st.text(st.sampled_from("aB ,.'\x1c\x1f\t\n\x0b-é“”"), max_size=40))
def test_a_sentence_in_ascii_has_the_rough_words_of_any_other(sentence: str) -> None:
    """LQ223 reads a sentence in ASCII as bytes, through its own table: the same words, in lower case and cut at
    punctuation and at every white space that str.split() cuts at (\x1c–\x1f among them), as the plain reading."""
    plain = sentence.lower().translate(_PUNCTUATION_TO_SPACE).split()
    words = _rough_words(sentence)
    assert [w.decode() if isinstance(w, bytes) else w for w in words] == plain
    if words:
        assert isinstance(words[0], bytes) == sentence.isascii()
