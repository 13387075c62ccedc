"""Term matching's case folding (copyedit.terms), which must keep every offset."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from copyedit.terms import fold_case


def test_only_dotted_capital_i_lowers_to_more_than_one_character() -> None:
    # fold_case keeps this one character as it is and lowers the rest of the text around it.
    assert [code for code in range(sys.maxunicode + 1) if len(chr(code).lower()) != 1] == [0x130]


@given(st.text(alphabet=st.sampled_from("İiIıKkaA ΣσςΟΔ ŞşÇç\u0307") | st.characters()))
def test_fold_case_lowers_every_character_but_dotted_capital_i_at_the_same_offsets(text: str) -> None:
    folded = fold_case(text)
    assert len(folded) == len(text)
    if "İ" not in text:
        assert folded == text.lower()
    for char, fold in zip(text, folded):
        # str.lower writes a capital sigma that ends a word as ς
        assert fold == char if char == "İ" else fold == char.lower() or (char, fold) == ("Σ", "ς")


@given(st.text(alphabet=st.sampled_from("İiIıKkſsaA ΣσςΟΔ ŞşÇç\u0307\u212a") | st.characters()))
def test_the_folds_given_the_text_lowered_are_the_folds_that_lower_it_themselves(text: str) -> None:
    # The term pass and the pattern prefilter take the document index's one lowering of the text.
    from copyedit.kinds.prefilter import fold_for_prefilter

    assert fold_case(text, text.lower()) == fold_case(text)
    assert fold_for_prefilter(text, text.lower()) == fold_for_prefilter(text)
