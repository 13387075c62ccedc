"""The boilerplate pass's literal prefilter never hides a line that a pattern matches."""

from __future__ import annotations

import random
import string
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import regex

from copyedit import Config
from copyedit.engine import ruleset_for
from copyedit.kinds.boilerplate import BoilerplatePass, squeeze_line
from copyedit.kinds.prefilter import _FOLDS_APART, END, fold_for_prefilter, prefilter_text, required_literals
from tests.casefolding import case_partners


@pytest.fixture(scope="module")
def boilerplate() -> BoilerplatePass:
    ruleset = ruleset_for(Config(packs=("boilerplate",)))
    return next(p for p in ruleset._passes if isinstance(p, BoilerplatePass))


def example_lines(rules) -> list[str]:
    lines = []
    for rule in rules:
        for example in rule.examples:
            for text in (example.bad, example.good, example.ok):
                lines.extend((text or "").split("\n"))
    return [line for line in lines if line.strip()]


def test_the_fold_covers_every_character_regex_matches_with_an_ascii_letter():
    letters = regex.compile("[a-zA-Z]", regex.IGNORECASE)
    for code in range(0x80, 0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or not letters.fullmatch(char):
            continue
        for letter in string.ascii_letters:
            if regex.fullmatch(letter, char, regex.IGNORECASE):
                assert fold_for_prefilter(char) == letter.lower(), (letter, hex(code))  # "I" matches "ı"


def test_the_characters_that_fold_apart_are_all_known():
    """Every cased character that regex, ignoring case, matches with one that lowers otherwise."""
    apart = {char for char in map(chr, range(sys.maxunicode + 1)) if len(char.lower()) != 1}
    for char, other in case_partners():
        if regex.fullmatch(char, other, regex.IGNORECASE) and char.lower() != other.lower():
            apart |= {char, other}
    assert {char for char in apart if not char.isascii()} == _FOLDS_APART
    assert required_literals("читайте") == {"чи"}  # "т" matches "ᲄ", which lowers to itself


@pytest.mark.parametrize(
    "pattern, literals",
    [
        (r"(?:no|\d+) responses? to .{1,120}", {" response to ", " responses to "}),
        (r"share (?:this|on) (?:x|email)", {"share this x", "share on x", "share this email", "share on email"}),
        (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", {"@"}),
        (r".{0,30}you (?:may|might) have missed", {"you may have missed", "you might have missed"}),
        (r"(?-i:\p{Lu}\w+) writes for .{1,40}", {" writes for "}),
        (r"News(?:[:–-]| ?[>›])", {"news:", "news-", "news–", "news>", "news >", "news›", "news ›"}),
        (r"©.{0,20}", {"©"}),  # a character without case reads as itself
        (r"(?<=\w)[ \t]+(?=[,;](?:\s|$))", {" ,", " ;", "\t,", "\t;"}),  # a look-ahead follows the match
        (r"[ \t]+(?=\r?\n|\Z)", {" \n", " \r\n", "\t\n", "\t\r\n", " " + END, "\t" + END}),
        (r"(?<=[\w,;]) {2,}(?=\w)", {"  "}),
        (r"[\x00-\x08\x0b]", {chr(code) for code in (*range(9), 11)}),
        (r"(?-i:Used) (?i:the) TERMS", {"used the terms"}),
    ],
)
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:colour){e<=1}",  # fuzzy: the literal need not occur
        r"[[:alpha:]]+ reply",  # a POSIX class
        r"(\w+) \1",  # a back-reference
        r"(?V1)[a--b] reply",  # version 1 set operations
        r"(?f)strasse",  # full case folding: "straße"
        r"\d+",  # nothing literal at all
        r"(?:sign up)?.{1,5}",  # an optional literal is not a required one
        r"σ.{0,20}",  # a character with case: "ς" and "Σ" match it too
    ],
)
def test_unanalysable_or_literal_free_patterns_run_on_every_line(pattern):
    assert required_literals(pattern) is None


def test_every_match_holds_a_required_literal(boilerplate):
    lines = example_lines(boilerplate.rules)
    matched = 0
    for index, (pattern, rule) in enumerate(boilerplate._patterns):
        compiled = boilerplate._pattern(index)
        literals = required_literals(pattern)
        for line in lines:
            squeezed = squeeze_line(line.strip())
            if compiled.fullmatch(squeezed):
                matched += 1
                if literals is not None:
                    folded = prefilter_text(squeezed)
                    assert any(literal in folded for literal in literals), (rule.code, compiled.pattern, line)
    assert matched > 40  # the examples do exercise the patterns


def test_classify_names_the_first_pattern_that_matches_as_one_alternation_did(boilerplate):
    alternation = regex.compile(
        "|".join(f"(?P<b{i}>{pattern})" for i, (pattern, _) in enumerate(boilerplate._patterns)), regex.IGNORECASE
    )
    lines = example_lines(boilerplate.rules)
    # Mixed-case and shuffled variants, so that case folding and order are tested too.
    rng = random.Random(7)
    lines += [line.upper() for line in lines] + [line.swapcase() for line in lines]
    lines += [" ".join(rng.sample(line.split(), len(line.split()))) for line in lines[:200]]
    for line in lines:
        stripped = line.strip()
        if not stripped or len(stripped) > 300 or boilerplate._lines.get(" ".join(stripped.casefold().split()).rstrip(" .:!|*")):
            continue
        match = alternation.fullmatch(squeeze_line(stripped))
        expected = boilerplate._patterns[int(match.lastgroup[1:])][1] if match else None
        if expected is None and " | " not in stripped and " • " not in stripped and " · " not in stripped:
            assert boilerplate.classify(line) is None, line
        elif expected is not None:
            assert boilerplate.classify(line) is expected, line


def test_the_gate_squeezes_every_space_that_str_split_does():
    from copyedit.kinds.boilerplate import _ODD_SPACES

    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(_ODD_SPACES) == spaces - {" ", "\n"}


def test_classify_lines_says_what_classify_says_line_by_line(boilerplate):
    """The gate that picks the lines worth reading (and the patterns worth trying on each) hides no chrome."""
    lines = example_lines(boilerplate.rules)
    lines += [line for rule in boilerplate.rules for line in getattr(rule.options, "lines", ())]
    rng = random.Random(11)
    variants = []
    for line in lines:
        variants += [
            line.upper(),
            "  " + line.replace(" ", " \t ") + " .:!",  # spacing and the punctuation a line may end with
            line + "\r",  # a line of a CRLF file
            "\u201c" + line + "\u201d",  # beyond ASCII, folding as it lowers
            line.replace(" ", "\xa0").replace("s", "\u017f"),  # a no-break space; a long s (read whole)
            line.replace("ss", "\u00df").replace("i", "\u0131").upper(),  # folds otherwise: read whole
            "\u03a3\u039f\u03a3 " + line + " \u2003 \u03bf\u03c2",  # final sigma; an em space
            line.replace("k", "\u212a") + " \u2022 x",  # the Kelvin sign; a part separator
            line + " | " + rng.choice(lines),  # parts
            line + " " + rng.choice(lines),
            line[: len(line) // 2],
        ]
    lines += variants + ["", " ", "x" * 301, " " * 5 + "Leave a reply" + " " * 300, "By  JOHN SMITH", "\ufeffRelated stories"]
    for format in ("text", "markdown", "html"):
        expected = {number: rule for number, line in enumerate(lines) if (rule := boilerplate.classify(line, format=format))}
        assert boilerplate.classify_lines(lines, format) == expected
        assert len(expected) > 100  # the lines do exercise the rules


def test_the_gate_marks_a_line_only_with_the_patterns_whose_own_strings_it_holds(boilerplate):
    """ "had read the" holds BP105's " read", not the "read more" of BP103 or the "reader-supported" of BP111:
    only BP105's pattern is tried on it (when strings were looked for through those they hold, six rules' were).
    "already" holds none of BP105's strings: its look-ahead wants a space before "read"."""
    marks = boilerplate._gate.suspects("They had read the letter, and the others followed them.")
    assert {boilerplate._patterns[index][1].code for index in marks[0]} == {"BP105"}
    assert not boilerplate._gate.suspects("They had already left the city, and the others followed them.")


def test_only_a_line_with_a_character_that_may_fold_otherwise_is_asked_whether_it_folds(boilerplate, monkeypatch):
    """The characters beyond ASCII answer for every line at once: curly quotes and accents ask no line whether
    it folds as it lowers; a dotless i does, and only its line is asked (and read whole)."""
    from copyedit.kinds import boilerplate as module

    asked: list[str] = []
    folds = module._folds_as_lowered
    monkeypatch.setattr(module, "_folds_as_lowered", lambda text: asked.append(text) or folds(text))
    lines = ["\u201cLeave a reply\u201d", "The caf\u00e9 closed \u2013 for good.", "Read more", "Talks ended."]
    assert boilerplate._gate.suspects("\n".join(lines)) is not None
    assert all(len(text) == 1 for text in asked) and asked  # characters, never a line
    asked.clear()
    suspects = boilerplate._gate.suspects("\n".join(lines + ["Kas\u0131m spoke."]))
    assert suspects[4] is None and [text for text in asked if len(text) > 1] == ["Kas\u0131m spoke."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aSs k|•·’é\u03a3\u03c3\u00df\u0131\u0130\u017f\u212a\u2003\xa0", max_size=12), min_size=3, max_size=6))
def test_the_lines_read_whole_are_those_with_a_part_separator_or_that_fold_otherwise(boilerplate, lines):
    """The gate asks only lines with a character that may fold otherwise (or "|"), and reads whole just the lines
    the line-by-line definition does: beyond ASCII or with "|", and with a part separator or folding otherwise."""
    from copyedit.kinds.boilerplate import _SEPARATORS, _folds_as_lowered

    expected = {
        number for number, each in enumerate(lines)
        if (not each.isascii() or "|" in each) and (any(char in each for char in _SEPARATORS) or not _folds_as_lowered(each))
    }
    suspects = boilerplate._gate.suspects("\n".join(lines))
    assert {number for number, marks in suspects.items() if marks is None} == expected
