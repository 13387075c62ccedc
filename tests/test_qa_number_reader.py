"""The number and date readers of the checks against a source take any text without raising: one
exception there fails the whole check of an article (two did, on "79 290,39 m" and "85: 9,562")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.qa.numbers import ascii_digits, date_mentions, number_mentions

# Digits, every separator and mark the readers look at, scale words and units of several scripts.
_PIECES = st.sampled_from([
    *"0123456789", *" ,.,.'’-–—/:%+×x\n", "½", "٣", "۴", "１", "万", "億", "千", "百", "円", "年", "月", "日", "時", "割",
    "$", "€", "£", " m", " km", " kg", " million", " billion", " тыс.", " млн", " процента", "pm", "th", "st", "IX",
    "XVIII в.", "twenty", "a dozen", "מ-", "в ", "гг.", "7月21日", "3万円", "Nord Stream-", "令和", "第", "号",
])
_LANGUAGES = st.sampled_from(["en", "ru", "uk", "ro", "ja", "zh", "de", "fr", "tr", "he", "ar", "fa", "is"])
# Runs of digits joined by the marks that group, split or range them: "79 290,39", "85: 9,562", "1.500-2"
_NUMBER_LIKE = st.lists(
    st.tuples(st.text("0123456789", min_size=1, max_size=4), st.sampled_from(["", " ", ",", ".", ": ", "-", "–", "/", "'"])),
    min_size=1, max_size=5,
).map(lambda groups: "".join(digits + mark for digits, mark in groups))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, _NUMBER_LIKE), max_size=12).map("".join), _LANGUAGES)
def test_the_readers_take_any_mix_of_digits_marks_and_scale_words(middle: str, lang: str) -> None:
    text = ascii_digits(f"About {middle} here.")
    for mention in number_mentions(text, lang):
        assert 0 <= mention.start <= mention.end <= len(text)
    for mention in date_mentions(text, (lang, "en")):
        assert 0 <= mention.start <= mention.end <= len(text)


def test_a_list_of_three_digit_prices_is_read_only_when_each_is_digits_alone() -> None:
    # "249,289,299" may be three prices; "123,456 789" (a group and a space) is one number, and reading its
    # pieces as prices raised on "456 789"
    found = number_mentions(ascii_digits("大约123,456 789人，249,289,299円。"), "zh")
    assert [m.raw for m in found if not m.optional] == ["123,456 789"]
    assert [m.raw for m in found if m.optional] == ["249", "249,289,299", "289", "299"]
