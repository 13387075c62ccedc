"""The pattern pass's literal prefilter never hides a match: the same findings with it and without."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.kinds.prefilter import LiteralPrefilter, prefilter_text, required_literals
from copyedit.kinds.shared import PatternPass

from .pattern_pass import built_in_pattern_pass, example_texts, hits


@pytest.fixture(scope="module")
def pattern_pass() -> PatternPass:
    return built_in_pattern_pass()


def test_most_built_in_patterns_are_filtered(pattern_pass):
    assert len(pattern_pass._prefilter.always) <= 2 < len(pattern_pass._patterns)


def test_every_example_gives_the_same_hits_with_and_without_the_prefilter(pattern_pass, monkeypatch):
    texts = example_texts(pattern_pass.rules)
    # Variants at the end of the text, in other cases and with tabs: "$", "\Z" and case folding are read too.
    texts += [text.rstrip() + " " for text in texts] + [text.upper() for text in texts] + [text.replace(" ", "\t") for text in texts]
    filtered = [hits(pattern_pass, text) for text in texts]
    monkeypatch.setattr(LiteralPrefilter, "candidates", lambda self, text, lowered=None: set(range(self.size)))
    unfiltered = [hits(pattern_pass, text) for text in texts]
    assert filtered == unfiltered
    assert sum(map(len, unfiltered)) > 30  # the examples do exercise the patterns


def test_a_text_without_any_required_literal_runs_no_filtered_pattern(pattern_pass):
    assert pattern_pass._prefilter.candidates("A plain sentence, with a comma.") == set(pattern_pass._prefilter.always)


def test_patterns_tried_at_their_first_characters_find_what_a_scan_finds(pattern_pass, monkeypatch):
    from copyedit.kinds import shared

    anchored = [index for index, anchors in enumerate(pattern_pass._anchors) if anchors]
    assert any(pattern_pass._patterns[index][0].code == "MT106" for index in anchored)
    texts = example_texts(pattern_pass.rules)
    # quotation marks close together (a match may cover the next one's start), rare and dense, at either end
    texts += [
        "The club “Minai” and the club “Dnipro” and the team «Shakhtar» played.",
        "“The club “Minai”", "club «A»«B» club “C D E F” “", "x" * 300 + " the party “Nur Otan” " + "y" * 300,
        " ".join(["the bank “Alfa”"] * 40), "\u200bx\u200b\u2060\ufeff",
    ]
    by_anchors = [hits(pattern_pass, text) for text in texts]
    monkeypatch.setattr(shared, "ANCHOR_SPACING", 1 << 40)  # never tried at its characters: always the scan
    scanned = [hits(pattern_pass, text) for text in texts]
    assert by_anchors == scanned and any(hit[0] == "MT106" for found in scanned for hit in found)


_AT_THE_END = [r"[ \t]+\Z", r"ex\Z", r"(?<=\w) {2,}", r"y.\Z|zz"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \texyzXZ\n.\ufdd0", max_size=12))
def test_a_literal_at_the_text_s_end_is_found_as_in_the_text_with_the_end_written(text):
    # The scan reads the text without END; the literals that hold it are told apart: with the same result.
    prefilter = LiteralPrefilter(_AT_THE_END)
    written = prefilter_text(text)
    expected = {index for index, pattern in enumerate(_AT_THE_END) if any(literal in written for literal in required_literals(pattern))}
    assert prefilter.candidates(text) == expected


def test_literals_at_the_end_are_read_beside_the_scan():
    prefilter = LiteralPrefilter(_AT_THE_END)
    assert [literal for literal, _ in prefilter._at_end] == ["\t\ufdd0", " \ufdd0"] and "\ufdd0" not in "".join(prefilter._scan.literals)
    assert prefilter.candidates("Trailing ") == {0} and prefilter.candidates("Trailing\t") == {0}
    assert prefilter.candidates("Trailing \n") == set() and prefilter.candidates("Its own \ufdd0 end") == {0}
    assert prefilter.candidates("A word  with  ZZ") == {2, 3}
