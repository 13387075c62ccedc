"""MT110: a list that gives the same item twice. The sentences are real MT of WMT21 ru-en and WMT23 ja-en."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copyedit
from copyedit import Config
from copyedit.kinds.base import Context
from copyedit.qa import lists
from copyedit.qa.lists import _LIST_REPEAT, _WORD


def listed(text: str) -> list[str]:
    findings = copyedit.check(text, config=Config(select=("MT110",))).findings
    return [text[f.span.start : f.span.end] for f in findings]


def test_a_word_given_twice_as_two_items_of_a_list_is_reported_without_a_fix() -> None:
    assert listed("Depending on your constitution, it may cause itching, rash, rash, etc.") == ["rash, rash"]
    assert listed("Philbin worked as an actor, presenter, presenter and singer for six decades.") == ["presenter, presenter"]
    # a list opened by a word that leads into one; either case
    text = "The mandatory presence of certificates, Certificates, extracts is checked."
    assert listed(text) == ["certificates, Certificates"]
    [finding] = copyedit.fix(text, unsafe=True, config=Config(select=("MT110",))).findings
    assert finding.fix is None and finding.message.startswith("“certificates” is given twice in one list")


def test_words_said_three_times_and_items_that_only_end_alike_are_left_alone() -> None:
    assert listed("We have a very, very, very close family. Come in, come in, come in...") == []
    assert listed("The sound is coming closer, closer and closer.") == []
    assert listed("The categories were first novel, novel, biography, poetry and children's book.") == []
    # no list: a repeat at the start of a sentence, or a line of verse
    assert listed("Novels, novels, collections of stories. My friend, my friend, I am very sick.") == []


def test_a_name_counts_only_where_the_list_ends_after_it() -> None:
    # a web page's author address names the city twice; WMT23 ja-en MT gives one region twice
    assert listed("Anderson, University of California, Berkeley, Berkeley, CA 94720.") == []
    assert listed("Arrival: Okinawa, Kansai, Hokkaido, Tohoku, Kyushu, Kyushu, and other regions.") == ["Kyushu, Kyushu"]


ITEM_PIECES = ["rash", "Rash", "rash's", "’", ", ", " ", "-", ".", " and ", "of ", "the ", "é", "1", ",", " etc"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ITEM_PIECES), max_size=20).map("".join))
def test_the_list_pattern_matches_only_where_a_comma_and_a_space_follow_the_word(text: str) -> None:
    """MT110 tries its pattern only at a repeat whose word (as the pattern's item reads it) ", " follows."""
    for start in range(len(text)):
        if _LIST_REPEAT.match(text, start, concurrent=False):
            word = _WORD.match(text, start)
            assert word is not None and text.startswith(", ", word.end())


def test_the_list_pattern_is_tried_only_at_repeats_a_comma_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[int] = []

    class Counted:
        def match(self, text: str, start: int, *args: Any, **kwargs: Any) -> Any:
            tried.append(start)
            return _LIST_REPEAT.match(text, start, *args, **kwargs)

    monkeypatch.setattr(lists, "_LIST_REPEAT", Counted())
    text = "The the cat, a so-so cat, may cause itching, rash, rash, etc."
    doc = SimpleNamespace(text=text, format="text")
    assert [text[h.start : h.end] for h in lists.repeated_list_items(doc, Context())] == ["rash, rash"]
    assert tried == [text.index("rash")]
