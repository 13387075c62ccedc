"""The boilerplate pass's shortcuts (issue 13's speed) give what the full readings give.

mark_edge_menus does not read a document without list items whose blocks each hold fewer lines than
a menu has entries (news and MT: a line a paragraph). Documents of menu entries, prose, headings,
list items and blank lines, some lines chrome already, are marked with and without the shortcut.

mark_link_lines tries its pattern only on a line with a link's mark, and the pass splits no block into
its lines when no line is named chrome and there is nothing to mark (most documents).
"""

from __future__ import annotations

import copy
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

import pytest

from copyedit import Config
from copyedit.document import PlainDocument
from copyedit.engine import ruleset_for
from copyedit.kinds import boilerplate
from copyedit.kinds.base import Context
from copyedit.kinds.boilerplate import _LINK_LINE, BoilerplateOptions, BoilerplatePass, _has_link_mark, mark_edge_menus

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


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "h", "t", "p", "s", ":", "/", "w", ".", "x", " ", "|", "-"]), max_size=30).map("".join))
@example("[Home](x.y)")
@example("www.a.b | http://c.d")
def test_a_line_without_a_link_mark_is_no_line_of_links(line) -> None:
    if not _has_link_mark(line):
        assert _LINK_LINE.fullmatch(line) is None


@pytest.fixture(scope="module")
def boilerplate_pass() -> BoilerplatePass:
    ruleset = ruleset_for(Config(packs=("boilerplate",)))
    return next(p for p in ruleset._passes if isinstance(p, BoilerplatePass))


_PROSE = "The talks ended on Friday, the ministry said.\n\nBoth sides will meet again in March."


@pytest.mark.parametrize(
    "text, marked",
    [
        (_PROSE, False),
        (_PROSE + "\n\n[Home](https://example.com/) | [World](https://example.com/world)", True),
        ("Home\nWorld\nBusiness\nSport\n\n" + _PROSE, True),
    ],
)
def test_blocks_are_split_into_lines_only_for_something_to_mark(boilerplate_pass, monkeypatch, text, marked) -> None:
    calls = []
    for name in ("mark_link_lines", "mark_edge_menus"):
        monkeypatch.setattr(boilerplate, name, lambda *args, _mark=getattr(boilerplate, name), **kwargs: calls.append(1) or _mark(*args, **kwargs))
    hits = list(boilerplate_pass.run(PlainDocument(text), Context()))
    assert bool(calls) == marked
    assert bool(hits) == marked
