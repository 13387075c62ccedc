"""MT110: a list that gives the same item twice. The sentences are real MT of WMT21 ru-en and WMT23 ja-en."""

from __future__ import annotations

import copyedit
from copyedit import Config


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
