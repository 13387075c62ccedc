"""The pattern pass's shape gate (copyedit.kinds.shapes) never hides a match: wherever a pattern matches, its
shape does, and the pass finds the same with the gate and without it."""

from __future__ import annotations

import pickle
import string

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.kinds import shapes
from copyedit.kinds.prefilter import LiteralPrefilter
from copyedit.kinds.shapes import ShapeGate, shape
from copyedit.kinds.shared import PatternPass
from copyedit.literals import hyperscan_module

from .pattern_pass import built_in_pattern_pass, example_texts, hits

hyperscan = pytest.importorskip("hyperscan")
# what the gate is (COPYEDIT_HYPERSCAN=0 turns it off: then the prefilter's tests read the pure-Python path)
pytestmark = pytest.mark.skipif(hyperscan_module() is None, reason="Hyperscan is turned off")


@pytest.fixture(scope="module")
def pattern_pass() -> PatternPass:
    return built_in_pattern_pass()


def ready_gate(patterns) -> ShapeGate:
    gate = ShapeGate(patterns, after=0)
    gate.prepare()
    return gate


def test_most_built_in_patterns_have_a_shape(pattern_pass):
    gate = ready_gate([(single.pattern, single.flags & regex.IGNORECASE) for _, single, _, _ in pattern_pass._patterns])
    shaped = {pattern_pass._patterns[index][0].code for index in gate.shaped}
    # the patterns regex reads the whole of nearly every article for, to find nothing
    assert {"MT105", "MT106", "MT114", "MT118", "C309"} <= shaped
    assert len(gate.shaped) >= 50


def test_a_pattern_is_let_through_wherever_it_matches(pattern_pass):
    patterns = [(single.pattern, single.flags & regex.IGNORECASE) for _, single, _, _ in pattern_pass._patterns]
    gate = ready_gate(patterns)
    texts = example_texts(pattern_pass.rules)
    texts += [text.rstrip() + " " for text in texts] + [text.upper() for text in texts] + [text.replace(" ", "\t") for text in texts]
    texts += ["The club “Minai” played. i'm sure; i think so", "1 234 567 and 12.500 people, 3,5 million at 10:30."]
    matched = 0
    for text in texts:
        allowed = gate.allowed(text)
        assert allowed is not None
        for index, (_, single, _, _) in enumerate(pattern_pass._patterns):
            if any(m.end() > m.start() for m in single.finditer(text)):
                matched += 1
                assert index in allowed, (pattern_pass._patterns[index][0].code, text)
    assert matched > 30
    assert len(gate.allowed("A plain sentence, with a comma.") or ()) < len(patterns) // 2


def test_the_pass_finds_the_same_with_the_gate_and_without(pattern_pass, monkeypatch):
    pattern_pass._shapes.prepare()
    texts = example_texts(pattern_pass.rules)
    texts += [text.rstrip() + " " for text in texts] + [text.upper() for text in texts]
    gated = [hits(pattern_pass, text) for text in texts]
    monkeypatch.setattr(ShapeGate, "allowed", lambda self, text: None)
    assert [hits(pattern_pass, text) for text in texts] == gated
    assert sum(map(len, gated)) > 30


# Patterns of the shapes the gate reads: look-arounds at either end and inside, classes with and without
# characters beyond ASCII, properties, shorthand, negation, back-references, counted and unbounded repeats.
PATTERNS = [
    r"(?<=\b(?:club|team) )[\"“«][A-Z]\w*(?: [A-Z0-9]\w*){0,3}[\"”»]",
    r"(?<![\w(\[.'’/-])i(?=['’](?:m|ve|ll|d)\b| (?:am|was|think)\b)",
    r"\.(?=[ \t]+\p{Ll})(?<=(?<![\p{L}\p{N}.@/_'’-])(?!(?:etc|vs)\.)\p{L}{1,3}\.)",
    r"(?<![\w.,]|\d[ \u00a0])([1-9][0-9]{0,2})[ \u00a0]([0-9]{3})(?!\w|[,.]\d)",
    r"(\b\w+) \1\b",
    r"[^\sA-Za-z]{2}(?=\S)",
    r"\p{Lu}(?<![\p{L}\p{M}'’]\p{Lu})[\p{Ll}\p{M}'’]*\p{Ll}",
    r"(?:ab|c)d{2,30}(?=e|$)",
    r"(?<=x)|y",
    r"\D\W\S(?=\w)",
    r"[ \t]+(?=\r?\n|\Z)",  # the end of the text, which the gate reads as END
    r"a\Z|,\Z(?<=x,)",
]
ALPHABET = "aAbBcdexyiIm.,'’ \t\n\u00a0\u201c\u201d\"«»01239CTéÉ\u0301ſK_()%"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=4))
def test_shapes_match_wherever_their_patterns_do(parts):
    text = " ".join(parts)
    for pattern in PATTERNS:
        written = shape(pattern)
        if written is None or not regex.search(pattern, text):
            continue
        if not any(m.end() > m.start() for m in regex.finditer(pattern, text)):
            continue
        gate = _gates.get(pattern)
        if gate is None:
            gate = _gates[pattern] = ready_gate([(pattern, 0)])
        allowed = gate.allowed(text)
        assert allowed is None or 0 in allowed, (pattern, written, text)  # None: every pattern may run
    for pattern in PATTERNS:  # and read ignoring case, in other cases
        gate = _gates.get("(?i)" + pattern)
        if gate is None:
            gate = _gates["(?i)" + pattern] = ready_gate([(pattern, regex.IGNORECASE)])
        if not gate.shaped:
            continue
        for variant in (text.swapcase(), text.upper().replace("K", "\u212a").replace("S", "\u017f").replace("I", "\u0130")):
            if any(m.end() > m.start() for m in regex.finditer(pattern, variant, regex.IGNORECASE)):
                allowed = gate.allowed(variant)
                assert allowed is None or 0 in allowed, (pattern, shape(pattern, regex.IGNORECASE), variant)


def test_the_tested_patterns_have_shapes():
    assert sum(bool(ready_gate([(pattern, 0)]).shaped) for pattern in PATTERNS) == len(PATTERNS) - 2  # not (?<=x)|y (may match nothing), nor a back-reference (not analysable)


_gates: dict[str, ShapeGate] = {}


def test_patterns_without_a_shape_are_always_let_through():
    gate = ready_gate([(r"(?i:the) end", 0), (r"(?=x)", 0), (r"a*", 0), (r"club “\w+”", 0)])
    assert gate.shaped == {3}
    assert gate.allowed("nothing here") == {0, 1, 2}
    assert gate.allowed("the club “Minai”") == {0, 1, 2, 3}


def test_no_gate_without_hyperscan_nor_on_a_lone_surrogate(monkeypatch):
    gate = ready_gate([(r"club “\w+”", 0)])
    assert gate.allowed("a lone \ud800 surrogate") is None
    monkeypatch.setenv("COPYEDIT_HYPERSCAN", "0")
    off = ShapeGate([(r"club “\w+”", 0)], after=0)
    assert off.allowed("nothing here") is None


def test_the_gate_waits_for_enough_text_and_pickles_unbuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYEDIT_CACHE_DIR", str(tmp_path))
    gate = ShapeGate([(r"club “\w+”", 0)], after=50)
    assert gate.allowed("x" * 20) is None  # nothing kept yet: it waits for 50 characters
    assert gate.allowed("y" * 40) == frozenset()
    copy = pickle.loads(pickle.dumps(gate))
    assert copy.allowed("club “A”" * 10) == frozenset({0})
    kept = ShapeGate([(r"club “\w+”", 0)], after=50)  # its database kept by the first: read back after a tenth
    assert kept.allowed("x" * 4) is None and kept.allowed("x") == frozenset()
    assert shapes._STAND_IN > 0x10FE00


def test_every_character_another_one_is_mapped_to_by_case_has_case_itself():
    # What _cased reads as without case, regex matches only with itself, ignoring case: no other character
    # lowers, uppers or folds to it.
    mapped = set()
    for code in range(0x110000):
        char = chr(code)
        lower, upper, folded = char.lower(), char.upper(), char.casefold()
        if lower != char or upper != char or folded != char:
            mapped.update(other for other in (lower, upper, folded) if len(other) == 1)
    assert not [char for char in mapped if not shapes._cased(ord(char))]
    cased = "".join(chr(code) for code in range(0x3000) if shapes._cased(code))
    for code in [*range(0x20, 0x41), *range(0x5B, 0x61), *range(0x7B, 0xC0), *range(0x2000, 0x2070), 0xFEFF]:
        if not shapes._cased(code):
            assert not regex.search(regex.escape(chr(code)), cased, regex.IGNORECASE), hex(code)
    # and the characters beyond ASCII that it matches with an ASCII letter are the letter's kin
    beyond = "".join(chr(code) for code in range(0x80, 0x110000) if shapes._cased(code))
    for letter in string.ascii_lowercase:
        kin = {other for other in regex.findall(letter, beyond, regex.IGNORECASE)}
        assert kin <= {other for other, of in shapes._KIN.items() if of == letter}, letter


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        (r"(?<=[\w,;]) {2,}(?=\w)", None),  # C301: nothing with case, the same shape
        (r"[ \t]+(?=\r?\n|\Z)", None),
        (r"[()DPp]", r"[\x{28}\x{29}DPdp]"),  # C303's letters
        (r"[^k\d]", r"[\x{0}-\x{2f}\x{3a}-JL-jl-\x{7f}\x{80}-\x{d7ff}\x{e000}-\x{10ffff}]"),  # neither case of k
        (r"Ⅰ", r"[\x{80}-\x{d7ff}\x{e000}-\x{10ffff}]"),  # a letter beyond ASCII: Ⅰ and ⅰ are one in two cases
        (r"[\u2100-\u2150]", r"[Kk\x{80}-\x{d7ff}\x{e000}-\x{10ffff}]"),  # the Kelvin sign, K, in the range
        (r"\p{Lu}", r"[A-Za-z\x{80}-\x{d7ff}\x{e000}-\x{10ffff}]"),  # ignoring case, \p{Lu} matches lower case too
        (r"\u200b|\u2060", None),  # no case
    ],
)
def test_a_pattern_that_ignores_case_has_the_shape_of_its_every_case(pattern, written):
    assert shape(pattern, regex.IGNORECASE) == (shape(pattern) if written is None else written)


def test_with_the_gate_built_the_literals_of_patterns_with_a_shape_are_not_read(pattern_pass, monkeypatch):
    pattern_pass._shapes.prepare()
    # every built-in pattern has a shape (TR105's, ignoring case, too): the prefilter beside the gate reads none
    assert pattern_pass._shapes.shaped == frozenset(range(len(pattern_pass._patterns)))
    beside = pattern_pass._prefilter_beside_shapes()
    assert beside._scan.literals == () and not beside.always
    read = []
    monkeypatch.setattr(pattern_pass._prefilter, "candidates", lambda text, lowered=None: read.append(text) or set(range(len(pattern_pass._patterns))))
    texts = example_texts(pattern_pass.rules)
    assert sum(len(hits(pattern_pass, text)) for text in texts) > 30
    assert read == []  # every pattern's literals: not read while the gate answers
    hits(pattern_pass, "A lone \ud800 surrogate , here.")  # which Hyperscan does not read: the literals of all tell
    assert read == ["A lone \ud800 surrogate , here."]


def test_beside_the_gate_the_prefilter_reads_the_literals_of_the_patterns_without_a_shape():
    patterns = [r"(\w+) \1 again", r"club “\w+”", r"(?i:the) end"]
    gate = ready_gate([(pattern, 0) for pattern in patterns])
    beside = LiteralPrefilter(patterns, among=frozenset(range(len(patterns))) - gate.shaped)
    assert gate.shaped == {1} and beside.always == {0} and beside._scan.literals == ("the end",)  # a back-reference: no literal
    assert beside.candidates("The end, again and again") == {0, 2} and beside.candidates("the club “A”") == {0}
