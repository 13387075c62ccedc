"""C201 and C202 pass over, in C, the texts that cannot hold what they look for."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from copyedit.checks import encoding
from copyedit.checks.encoding import _NOT_LEAD_BYTES, _SIGNATURE_IN_RE, MOJIBAKE_SIGNATURE, mojibake, not_nfc
from copyedit.document import PlainDocument
from copyedit.kinds.base import Context


def test_the_signature_starts_with_a_latin_1_character_that_the_byte_gate_keeps():
    leads = {char for char in map(chr, range(0x10000)) if MOJIBAKE_SIGNATURE.fullmatch(char + "\u0080")}
    assert {ord(char) for char in leads} == set(range(256)) - set(_NOT_LEAD_BYTES)


def test_the_standard_library_reads_the_signature_as_regex_does():
    for code in range(0x10000):
        char = chr(code)
        for pair in (char + "\u0080", "\u00c3" + char, char + char):
            assert bool(_SIGNATURE_IN_RE.fullmatch(pair)) == bool(MOJIBAKE_SIGNATURE.fullmatch(pair)), hex(code)


def test_mojibake_is_found_past_the_gates_and_clean_text_is_passed_over():
    assert not list(mojibake(PlainDocument("Café owners said “no”."), Context()))  # a lead, never before a continuation
    assert not list(mojibake(PlainDocument("“No” – twice."), Context()))  # continuations, no lead
    [hit] = mojibake(PlainDocument("The Ã¼ber-rich said “no”."), Context())
    assert hit.replacement == "ü"


def test_every_text_in_latin_1_is_in_nfc():
    """No character of Latin-1 decomposes without composing again, combines, or composes with a neighbour."""
    latin_1 = [chr(code) for code in range(256)]
    assert all(unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) == char for char in latin_1)
    assert all(unicodedata.is_normalized("NFC", first + second) for first in latin_1 for second in latin_1)
    assert not list(not_nfc(PlainDocument("Café, £5 – ½"), Context()))
    assert [h.replacement for h in not_nfc(PlainDocument("Cafe\u0301 “x”"), Context())] == ["é"]


@given(st.text(max_size=30))
def test_a_text_is_read_as_latin_1_exactly_when_it_is(text):
    # A new string has no cached UTF-8 copy, which would make it read wider (safe, but not exact). A string of one
    # Latin-1 character is CPython's own, shared: another test may have given it a copy, so only safety holds there.
    fresh = text.encode("utf-32").decode("utf-32")
    in_latin_1 = all(char <= "\xff" for char in text)
    if len(text) > 1:
        assert encoding._in_latin_1(fresh) == in_latin_1
    else:
        assert in_latin_1 or not encoding._in_latin_1(fresh)


def test_a_cached_copy_never_makes_a_wider_text_read_as_latin_1():
    for text in ("Café au lait " * 3, "“Café” au lait " * 3):
        type(text, (), {})  # the class name: CPython keeps a UTF-8 copy of the string with it
        assert not encoding._in_latin_1(text) or all(char <= "\xff" for char in text)


def test_without_sizes_that_tell_the_width_an_encoding_attempt_tells(monkeypatch):
    monkeypatch.setattr(encoding, "_ONE_BYTE_HEADER", None)
    assert encoding._in_latin_1("Café") and not encoding._in_latin_1("“Café”") and encoding._in_latin_1("plain")


_DAMAGE = st.sampled_from(["Ã©", "â€™", "â€œ", "â€\x9d", "Ã¼", "Ð¿Ñ€", "\x80", "Â "])
_PROSE = st.text(alphabet=st.sampled_from(list("ab ,.é—’“") + ["\n"]), max_size=12)


@given(st.lists(st.tuples(_PROSE, _DAMAGE), max_size=12), _PROSE)
def test_the_repairs_replayed_give_ftfys_text(pieces, tail):
    """Whatever ftfy changes, the repairs found between its text and the damaged one rebuild its text
    (the comparison walks runs of characters; it is not difflib's over the whole paragraph)."""
    from copyedit.checks.encoding import _differences, repair_mojibake

    damaged = "".join(prose + damage for prose, damage in pieces) + tail
    repaired, _ = repair_mojibake(damaged)
    rebuilt, cursor = [], 0
    for start, end, replacement in _differences(damaged, repaired):
        assert cursor <= start <= end
        rebuilt += [damaged[cursor:start], replacement]
        cursor = end
    assert "".join(rebuilt) + damaged[cursor:] == repaired


def test_a_long_paragraph_of_many_repairs_is_compared_run_by_run():
    """A 48 KB paragraph with 2,580 repairs: difflib over its characters did not finish in minutes."""
    text = "The cafÃ© was open and people said â€œit was fineâ€\x9d. " * 860
    hits = list(mojibake(PlainDocument(text), Context()))
    assert len(hits) == 2_580 and {text[hit.start : hit.end] for hit in hits} == {"Ã©", "â€œ", "â€\x9d"}
