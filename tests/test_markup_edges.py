"""HTML and Markdown as they come: the cases a fuzzing bug hunt of the markup layer found.

Fixes edit the text and never the markup; what a browser shows as text is the text; what cannot be
edited without changing the markup is reported with a fix shown, not applied, and not refused (X002).
"""

from __future__ import annotations

import pytest

import copyedit
from copyedit.markup import content
from copyedit.markup.html import HtmlDocument
from copyedit.markup.markdown import MarkdownDocument


def codes(result: copyedit.Result) -> list[str]:
    return [finding.code for finding in result.findings]


# --- HTML: what the standard parser gives up on -----------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        '<p>Join &#MeToo</p>\n<img src="/img/cafÃ©.jpg" alt="CafÃ©">\n',  # no ";" after it: the rest was read as text
        '<p>x &# y; z</p><p>Two &#no</p>\n<img src="/img/cafÃ©.jpg">\n',  # two of them
        '<p>Text.</p><!-- editor: see <a href="/cafÃ©">x</a>',  # a comment left open runs to the end
        '<p>Text.</p><p title="Ã© x>CafÃ©</p>',  # so does a tag whose attribute is left open
    ],
)
def test_markup_after_what_the_parser_gives_up_on_is_never_edited(page: str) -> None:
    result = copyedit.fix(page, format="html", unsafe=True)
    assert result.text == page
    assert "X002" not in codes(result)


def test_markup_the_standard_parser_cannot_finish_ends_where_html5_ends_it() -> None:
    # A real page: "<![endif]-->" stalled the parser, and a whole article after it was lost or read with its tags.
    page = "<p>Search</p>\n<![endif]-->\n<p>The cafÃ© reopened.</p><!-- ad --!><p>Share this</p>"
    assert HtmlDocument(page).text == "Search\n\nThe cafÃ© reopened.\n\nShare this"
    assert copyedit.fix(page, format="html").text == page.replace("cafÃ©", "café")


def test_numeric_references_without_a_semicolon_are_read_as_browsers_read_them() -> None:
    page = '<p>&#8220Ahmed said he&#8217d stay,&#8221; the aide said.</p>\n<script>var t = "the the";</script>\n'
    assert HtmlDocument(page).text == "“Ahmed said he’d stay,” the aide said."
    assert copyedit.fix(page, format="html", unsafe=True).text == page  # the script stays as it is
    assert HtmlDocument("<p>Join &#MeToo and the the</p>").text == "Join &#MeToo and the the"


def test_a_page_with_a_byte_order_mark_is_judged_as_lint_judges_it() -> None:
    page = (
        "<html><head><title>T</title></head><body><nav><ul><li>Home</li><li>World</li></ul></nav><article>"
        + "<p>The talks in Astana ended on Friday without an agreement, the ministry said.</p>" * 3
        + "</article><footer><p>Leave a Reply</p></footer></body></html>"
    )
    assert content.judge(HtmlDocument("\ufeff" + page)) == content.judge(HtmlDocument(page))


# --- Markdown ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "fixed"),
    [
        ("The cafÃ© reopened.\xa0\n", "The café reopened.\xa0\n"),
        ("# CafÃ© reopens\u2003\n", "# Café reopens\u2003\n"),
        ("| a |\n|---|\n|\xa0CafÃ© |\n", "| a |\n|---|\n|\xa0Café |\n"),
        ("- item CafÃ©\xa0\n- two\n", "- item Café\xa0\n- two\n"),
    ],
    ids=["paragraph", "heading", "table-cell", "list-item"],
)
def test_a_block_that_ends_in_a_unicode_space_is_checked_and_fixed(markdown: str, fixed: str) -> None:
    # markdown-it strips a block as str.strip() does; the block was left out of the text, unchecked
    assert copyedit.fix(markdown, format="markdown").text == fixed


@pytest.mark.parametrize("link", ["[CafÃ© Central]", "[CafÃ© Central][]"])
def test_the_text_of_a_link_that_is_its_own_label_is_checked_not_edited(link: str) -> None:
    markdown = f"Lunch at {link} was served.\n\n[CafÃ© Central]: https://example.com/cafe\n"
    result = copyedit.fix(markdown, format="markdown")
    assert result.text == markdown
    assert [(f.code, f.fix.applicability.value if f.fix else None) for f in result.findings] == [("C201", "display-only")]
    labelled = "Lunch at [CafÃ© Central][cc] was served.\n\n[cc]: https://example.com/cafe\n"
    assert copyedit.fix(labelled, format="markdown").text == labelled.replace("CafÃ©", "Café", 1)


@pytest.mark.parametrize("markdown", ["Text.[^1]\n\n[^1]: Reuters .\n", "[x]\n\n[x]: They they\nsaid\n"])
def test_a_paragraph_that_starts_like_a_reference_definition_is_checked_not_edited(markdown: str) -> None:
    result = copyedit.fix(markdown, format="markdown", unsafe=True)
    assert result.text == markdown
    assert [f.fix.applicability.value if f.fix else None for f in result.findings] == ["display-only"]


@pytest.mark.parametrize("ending", ["", "\n", "\n\n"])
@pytest.mark.parametrize("block", ['<div class="embed">tweet</div>', "<!-- note -->"])
def test_chrome_that_ends_the_file_after_an_html_block_is_removed(block: str, ending: str) -> None:
    markdown = f"The cafÃ© reopened.\n\n{block}\n\nShare this article{ending}"
    result = copyedit.fix(markdown, format="markdown", unsafe=True)
    assert result.text == f"The café reopened.\n\n{block}\n"
    assert "X002" not in codes(result)


def test_toml_front_matter_is_markup() -> None:
    markdown = '+++\ntitle = "CafÃ© reopens"\nslug = "cafÃ©-reopens"\n+++\n\nThe cafÃ© reopened.\n'
    assert MarkdownDocument(markdown).text == "The cafÃ© reopened."
    assert copyedit.fix(markdown, format="markdown").text == markdown.replace("The cafÃ©", "The café")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_empty_front_matter_is_front_matter_whatever_the_line_ends(newline: str) -> None:
    # Jekyll's "---\n---" (a page it must process); it was front matter with CRLF only
    markdown = f"---{newline}---{newline}Leave a Reply{newline}{newline}The talks ended.{newline}"
    assert MarkdownDocument(markdown).skeleton()[0] == (0, f"front_matter ---{newline}---")
    assert copyedit.fix(markdown, format="markdown", unsafe=True).text == f"---{newline}---{newline}The talks ended.{newline}"


def test_a_refused_fix_is_named_when_it_was_the_only_one() -> None:
    # removing the control character would make the lines a table (a failed link's destination, the example before,
    # is display-only since an edit there could make it a link)
    text = "a | b\n|-\x1c--|---|\n"
    fixed = copyedit.fix(text, format="markdown", unsafe=True)
    assert fixed.text == text and not fixed.applied
    [refusal] = [f for f in fixed.findings if f.code == "X002"]
    assert refusal.message.endswith("not applied: C203 at 2:3 (Remove “\x1c”)")
