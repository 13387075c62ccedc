"""C201 looks for the mojibake signature only in texts that hold a character of each of its classes."""

from __future__ import annotations

import sys

from copyedit.checks.encoding import _CONTINUATIONS, _LEADS, MOJIBAKE_SIGNATURE, mojibake
from copyedit.document import PlainDocument
from copyedit.kinds.base import Context


def test_the_two_sets_are_the_classes_of_the_signature():
    characters = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000]
    assert {char for char in characters if MOJIBAKE_SIGNATURE.fullmatch(char + "\u0080")} == _LEADS
    assert {char for char in characters if MOJIBAKE_SIGNATURE.fullmatch("\u00c3" + char)} == _CONTINUATIONS


def test_a_text_with_one_class_only_is_passed_over_and_one_with_both_is_read():
    assert not list(mojibake(PlainDocument("Café owners said “no”."), Context()))  # é is a lead, “” continue, never after é
    assert not list(mojibake(PlainDocument("Ã alone"), Context()))
    [hit] = mojibake(PlainDocument("The Ã¼ber-rich"), Context())
    assert hit.replacement == "ü"
