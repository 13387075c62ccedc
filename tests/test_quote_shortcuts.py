"""The quote pairer's shortcut (issue 13's speed) gives what the mark-by-mark reading gives.

A block whose double quotes pair the plain way ("…", “…”) is not read mark by mark. Texts made of
the very things the reading looks at (every quotation mark, the opening contexts, letters, digits,
the ends of clauses, paragraph breaks, speech verbs) are paired with and without the shortcut, and
the two analyses compared whole: pairs, unclosed, unopened, mis-curled and misplaced marks.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from copyedit.checks.quotes import pair_quotes
from copyedit.document import paragraph_blocks

_MARKS = ['"', '"', '"', "“", "“", "”", "”", "'", "’", "‘", "„", "«", "»", "‹", "›", "‚", '""']
_BEFORE = ["", "", "a", "32", " ", " ", "\u00a0", "\u2009", "\t", "\n", "\n\n", ".", ". ", ", ", "!", "(", "—", "-", "/", "…", "'"]
_AFTER = ["", "", "a", "We", "1", "s", " ", " ", "\u00a0", "\n", "\n\n", ".", ". ", ",", "?", ")", ";", ":", "he said", " Nikolenko said"]
# A mark with what stands before and after it, a few to a text: most blocks then hold one or two pairs,
# the blocks the shortcut takes or is a near miss for.
_marked = st.tuples(st.sampled_from(_BEFORE), st.sampled_from(_MARKS), st.sampled_from(_AFTER)).map("".join)
_texts = st.lists(st.one_of(_marked, st.sampled_from(["word ", "é", "\n\n", " "])), max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_texts)
@example('He said "yes" and “no”.\n\n"We go, "he said.')
@example('a 32" monitor and "Route 66" here')
@example('"a"b" “c” ”d” (“e”) "f "g"')
def test_the_shortcut_pairs_as_the_full_reading_does(text: str) -> None:
    blocks = paragraph_blocks(text)
    assert pair_quotes(text, blocks) == pair_quotes(text, blocks, shortcut=False)
