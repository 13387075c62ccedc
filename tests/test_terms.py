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


def _found_the_long_way(terms: list[tuple[str, bool]], text: str) -> list[tuple[int, int, int]]:
    """What TermIndex.find gives, read off every occurrence of every key in the folded text, each entry tested
    (as find read the terms in lower case before their keys were found in the text itself)."""
    from copyedit.terms import TermIndex

    entries: dict[str, list[tuple[str, bool, int]]] = {}
    for number, (term, case_sensitive) in enumerate(terms):
        entries.setdefault(fold_case(term), []).append((term, case_sensitive, number))
    folded = fold_case(text)
    candidates = []
    for key, listed in entries.items():
        start = folded.find(key)
        while start != -1:
            end = start + len(key)
            if TermIndex._word_bounded(text, start, end):
                surface = text[start:end]
                for term, case_sensitive, number in listed:
                    if case_sensitive and surface != term and (surface != term.upper() or term.islower()):
                        continue
                    candidates.append((start, -end, number))
            start = folded.find(key, start + 1)
    # by span; a span's entries (all of one key) in their order
    candidates.sort()
    chosen, cursor, found = None, -1, []
    for start, negative_end, number in candidates:
        end = -negative_end
        if (start, end) == chosen:
            found.append((start, end, number))
        elif start >= cursor:
            chosen, cursor = (start, end), end
            found.append((start, end, number))
    return found


TERM_PIECES = ["korean", "Korean", "KOREAN", "kor", "ean", "europe", "Europe", "euro", "ß", "Σ", "ς", "σ", "İ", "i", "-", " "]


@given(
    st.lists(st.tuples(st.lists(st.sampled_from(TERM_PIECES), min_size=1, max_size=3).map("".join), st.booleans()), min_size=1, max_size=6),
    st.lists(st.sampled_from([*TERM_PIECES, ", ", ".", "x"]), max_size=30).map("".join),
)
def test_terms_in_lower_case_found_in_the_text_itself_are_those_the_folded_text_gives(terms: list[tuple[str, bool]], text: str) -> None:
    """TermIndex finds the keys whose terms are all in lower case and case-sensitive in the text itself, the others in
    the folded text: the same matches, in the same order, as testing every occurrence of every key."""
    from copyedit.terms import TermIndex

    index: TermIndex[int] = TermIndex()
    for number, (term, case_sensitive) in enumerate(terms):
        index.add(term, number, case_sensitive=case_sensitive)
    index.freeze()
    assert [(m.start, m.end, m.payload) for m in index.find(text)] == _found_the_long_way(terms, text)
