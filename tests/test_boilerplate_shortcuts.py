"""The boilerplate pass's shortcuts (issue 13's speed) give what the full readings give.

mark_edge_menus does not read a document without list items whose blocks each hold fewer lines than
a menu has entries (news and MT: a line a paragraph). Documents of menu entries, prose, headings,
list items and blank lines, some lines chrome already, are marked with and without the shortcut.
"""

from __future__ import annotations

import copy
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from copyedit.kinds.boilerplate import BoilerplateOptions, mark_edge_menus

_KNOWN = SimpleNamespace(code="BP2", options=BoilerplateOptions(lines=("Share",)))
_LINES = ["Home", "World News", "Sport", "Terms of Use", "", " ", "The talks ended on Friday, the ministry said.", "Two eggs", "Share"]
_KINDS = ["paragraph", "paragraph", "paragraph", "paragraph", "list-item", "heading", "table-cell"]
_block = st.one_of(
    st.none(),
    st.lists(st.tuples(st.sampled_from(_LINES), st.sampled_from([None, _KNOWN])), min_size=1, max_size=5).map(
        lambda pairs: ([line for line, _ in pairs], [verdict for _, verdict in pairs])
    ),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_KINDS), _block), max_size=8), st.integers(2, 4))
@example([("paragraph", (["Home", "World News", "Sport"], [None] * 3)), ("paragraph", ([_LINES[6]], [None]))], 3)
@example([*(("list-item", ([line], [None])) for line in _LINES[:3]), ("paragraph", ([_LINES[6]], [None]))], 3)
def test_edge_menus_are_marked_as_without_the_shortcut(document, least) -> None:
    kinds = [kind for kind, _ in document]
    blocks = [entry for _, entry in document]
    rule = SimpleNamespace(code="BP1", options=BoilerplateOptions(edge_menu=least))
    plain = copy.deepcopy(blocks)
    marked = mark_edge_menus(kinds, blocks, rule)
    assert marked == mark_edge_menus(kinds, plain, rule, shortcut=False)
    assert blocks == plain
