"""The repetition rules' word prefilter never hides a repeat the rule's pattern finds."""

from __future__ import annotations

import pytest
import regex

from copyedit import Config
from copyedit.engine import ruleset_for
from copyedit.kinds.repetition import RepetitionPass, WordsPrefilter, _engines_fold_alike, folded_words
from tests.casefolding import case_partners


def test_every_two_characters_regex_takes_for_the_same_ignoring_case_casefold_alike_but_i_and_dotless_i():
    doubled = regex.compile(r"(.)\1", regex.IGNORECASE)
    unlike = {
        char + other
        for char, other in case_partners()
        if doubled.fullmatch(char + other) and char.casefold() != other.casefold()
    }
    assert unlike == {"Iı", "ıI"}
    assert not _engines_fold_alike("ı") and _engines_fold_alike("Üïöé“”")


@pytest.mark.parametrize(
    "separator, max_words, text, expected",
    [
        (r"\s+", 1, "He said the the cat.", True),
        (r"\s+", 1, "He said the cat.", False),
        (r"\s+", 2, "a red wine red wine", True),
        (r"\s+(?:and|or)\s+", 2, "fish and fish products", True),
        (r"\s+(?:and|or)\s+", 2, "new cars AND new cars", True),
        (r"\s+(?:and|or)\s+", 2, "the cat and the dog", False),
        (r"\s*,\s*", 1, "the, the", None),  # another separator: no word prefilter
    ],
)
def test_words_prefilter(separator, max_words, text, expected):
    prefilter = WordsPrefilter.for_separator(separator, max_words)
    assert (prefilter.may_repeat(folded_words(text)) if prefilter else None) is expected


def test_built_in_examples_give_the_same_hits_with_and_without_the_prefilter():
    ruleset = ruleset_for(Config())
    passes = [p for p in ruleset._passes if isinstance(p, RepetitionPass)]
    assert {p.rule.code for p in passes if p._words_prefilter} >= {"C401", "C402"}
    texts = [t for p in passes for e in p.rule.examples for t in (e.bad, e.good, e.ok) if t]
    texts += [t.upper() for t in texts] + [t.replace(" ", "\n ") for t in texts]
    for check_pass in passes:
        doc = type("Doc", (), {"text": "", "format": "text"})()
        for text in texts:
            doc.text = text
            filtered = [(h.start, h.end) for h in check_pass.run(doc, None)]
            prefilter, check_pass._words_prefilter = check_pass._words_prefilter, None
            try:
                assert filtered == [(h.start, h.end) for h in check_pass.run(doc, None)], (check_pass.rule.code, text)
            finally:
                check_pass._words_prefilter = prefilter
