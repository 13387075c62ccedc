"""The quote pairer passes over, in C, the apostrophes inside words, which classify() reads as no
quote whatever is open, and the second half of a doubled straight quote; it reads every other quotation mark."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.checks.quotes import QUOTE_CHARS, classify, pair_quotes, quote_marks
from copyedit.document import paragraph_blocks


def doubled(text: str, position: int) -> bool:
    """Whether the straight quote at ``position``, after another, is the second half of one mark, not of an
    empty "" standing alone (white space or an opening bracket before it, white space or a mark after it)."""
    alone_before = position < 2 or text[position - 2].isspace() or text[position - 2] in "(["
    alone_after = position + 1 == len(text) or text[position + 1].isspace() or text[position + 1] in ".,;:!?)]"
    return not (alone_before and alone_after)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1_ ’'‘“”„«»‚‹›\"\n.é²", max_size=40))
def test_quote_marks_are_every_mark_but_the_apostrophes_inside_words(text):
    expected = []
    for position, char in enumerate(text):
        if char not in QUOTE_CHARS:
            continue
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        if char in "'’‘" and before.isalnum() and after.isalnum():
            assert all(classify(text, position, single, double) is None for single in (False, True) for double in (False, True))
        elif not (char == '"' and before == '"' and doubled(text, position)):
            expected.append(position)
    assert quote_marks(text) == expected
    pair_quotes(text, paragraph_blocks(text))  # and the pairer reads them without fault
