"""The boilerplate kind's structural options (list_after, menu_share) and C401's skip_names."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Applicability, Config, RuleError

ONLY_USER = Config(packs=())
# These tests are about what the structure marks as chrome, whatever the fix safety each rule
# has earned: they apply unsafe fixes too.
BOILERPLATE = Config(select=("boilerplate",))


def rule_file(tmp_path, options: str, examples: str = '  - bad: "Prose.\\n\\nRelated\\n\\nA title"\n    good: "Prose."\n  - ok: "Prose."\n'):
    path = tmp_path / "BX101-related.yml"
    path.write_text(
        "code: BX101\nname: related\nkind: boilerplate\nlines: [Related]\n"
        f"{options}\napplicability: safe\nmessage: Chrome\nwhy: Chrome.\nexamples:\n{examples}",
        encoding="utf-8",
    )
    return ONLY_USER.replace(rule_paths=(str(path),))


@pytest.mark.parametrize(
    ("option", "problem"),
    [("list_after: -1", "'list_after' must be a number"), ("list_after: yes", "'list_after' must be a number"),
     ("menu_share: 0", "'menu_share' must be a share"), ("menu_share: 1.5", "'menu_share' must be a share")],
)
def test_bad_structural_options_name_the_file_and_key(tmp_path, option: str, problem: str) -> None:
    with pytest.raises(RuleError) as error:
        copyedit.check("text", config=rule_file(tmp_path, option))
    assert problem in str(error.value) and "BX101-related.yml" in str(error.value)


def test_a_user_pattern_that_does_not_compile_names_the_file_and_a_shipped_one_compiles(tmp_path) -> None:
    # A user rule's patterns compile when it loads; the shipped packs' compile when a line first
    # needs them (a faster start), so this is where a broken shipped pattern is caught.
    import regex

    from copyedit.kinds.boilerplate import BoilerplateOptions
    from copyedit.rules import builtin_packs, load_pack

    with pytest.raises(RuleError) as error:
        copyedit.check("text", config=rule_file(tmp_path, "patterns: ['(unclosed']"))
    assert "does not compile" in str(error.value) and "BX101-related.yml" in str(error.value)
    shipped = [
        (rule.code, pattern) for pack in builtin_packs() for rule in load_pack(pack)
        if isinstance(rule.options, BoilerplateOptions) for pattern in rule.options.patterns
    ]
    assert len(shipped) >= 50
    for code, pattern in shipped:
        assert regex.compile(pattern, regex.IGNORECASE), code


def test_list_after_takes_at_most_that_many_titles(tmp_path) -> None:
    config = rule_file(tmp_path, "list_after: 2")
    text = "Prose before.\n\nRelated\n\nFirst title\nSecond title\nThird title\n\nProse after."
    assert copyedit.fix(text, config=config).text == "Prose before.\n\nThird title\n\nProse after."


def test_a_list_ends_at_the_first_line_of_prose() -> None:
    text = "Prose.\n\nRelated stories\n\nA linked title\n\nThe article goes on here.\n\nA subheading"
    assert copyedit.fix(text, config=BOILERPLATE, unsafe=True).text == "Prose.\n\nThe article goes on here.\n\nA subheading"


def test_a_menu_goes_whole_but_a_list_of_mostly_prose_items_stays() -> None:
    menu = "Prose.\n\nAbout us\nCareers\nCredit Card Payments\nSite map"
    assert copyedit.fix(menu, config=BOILERPLATE, unsafe=True).text == "Prose."
    items = "Prose.\n\nTwo eggs\nFlour\nMilk\nContact"
    assert copyedit.fix(items, config=BOILERPLATE, unsafe=True).text == "Prose.\n\nTwo eggs\nFlour\nMilk"


def test_a_menu_of_html_list_items_goes_whole() -> None:
    html = "<p>Prose.</p><ul><li>About us</li><li>Careers</li><li>Credit Card Payments</li><li>Site map</li></ul>"
    assert copyedit.fix(html, format="html", config=BOILERPLATE, unsafe=True).text == "<p>Prose.</p><ul></ul>"


def test_an_icon_beside_chrome_and_blank_source_lines_do_not_keep_a_block() -> None:
    # As on real pages (CBS News, KXAN, GitHub): a button's icon before its label, an element's lines
    # with blank lines between. Read as a word, an icon kept its block from matching; a blank line kept
    # a block from being chrome throughout.
    html = (
        "<p>The talks ended on Friday, the ministry said.</p>\n"
        '<a href="/share"><svg viewBox="0 0 9 9"><path d="M0 0"/></svg>\n    Share on Facebook</a>\n'
        "<div>Tweet\n\n   Email</div>\n"
        "<div>SHARE\n\n\t\n<svg></svg>\n\t\n</div>\n"
        "<div>Share\n<script>track()</script>\n<svg></svg></div>"
    )
    fixed = copyedit.fix(html, format="html", config=BOILERPLATE, unsafe=True)
    assert [applied.codes for applied in fixed.applied] == [("BP103",), ("BP103",), ("BP110",), ("BP110",)]
    assert fixed.text == (
        "<p>The talks ended on Friday, the ministry said.</p>\n"
        '<a href="/share"><svg viewBox="0 0 9 9"><path d="M0 0"/></svg></a>\n'  # no element holds the label alone
        "<div><svg></svg>\n\t\n</div>\n"
        # a line of a script is no icon, and no word either: the block's text goes, the script stays
        "<div><script>track()</script>\n<svg></svg></div>"
    )
    # a heading's anchor icon: the removal rests on more than the rule's evidence, so it is unsafe
    heading = '<p>The talks ended on Friday, the ministry said.</p><h2><svg></svg>See also</h2>'
    [finding] = copyedit.check(heading, format="html", config=BOILERPLATE).findings
    assert finding.code == "BP104" and finding.fix is not None and finding.fix.applicability == Applicability.UNSAFE
    prose = '<p><img src="map.png"> Share prices rose on Friday, the exchange said.</p>'
    assert copyedit.check(prose, format="html", config=BOILERPLATE).findings == ()


def test_table_cells_are_never_removed() -> None:
    html = "<table><tr><td>Share</td><td>Updated 12 May 2022, 4:18pm</td></tr></table>"
    assert copyedit.check(html, format="html", config=BOILERPLATE).findings == ()


def test_a_line_of_chrome_parts_is_chrome() -> None:
    text = "Prose.\n\n5 min read | Categories: Python | View Comments"
    assert copyedit.fix(text, config=BOILERPLATE, unsafe=True).text == "Prose."


def test_a_line_of_chrome_parts_with_the_articles_date_stays() -> None:
    # the post's date is the article's own (issue 12): the line is not chrome throughout
    text = "Prose.\n\nJanuary 13, 2020 at 08:45 AM | Categories: Python | View Comments"
    assert copyedit.fix(text, config=BOILERPLATE, unsafe=True).text == text


def test_doubled_word_skips_names_but_not_the_the() -> None:
    config = Config(select=("C401",))
    codes = [f.text for f in copyedit.check("Fang Fang wrote it. The the end. THE THE END.", config=config).findings]
    assert codes == ["The the", "THE THE"]


def test_a_rule_for_other_formats_never_claims_a_line() -> None:
    """Found on a real page (bostonherald.com): BP116 (text and Markdown only) took "Trending Nationally"
    in an HTML page, so BP120 did not remove it, and BP116's own hit was then dropped for the format."""
    from copyedit.engine import ruleset_for
    from copyedit.kinds.boilerplate import BoilerplatePass

    [boilerplate] = [p for p in ruleset_for(copyedit.Config(select=("boilerplate",)))._passes if isinstance(p, BoilerplatePass)]
    claimed = boilerplate.classify("Trending Nationally", format="text")
    assert claimed is not None and claimed.code == "BP116"
    assert boilerplate.classify("Trending Nationally", format="html") is None


def test_closing_chrome_is_reported_on_its_own_line_and_removed_with_the_blank_lines_above() -> None:
    text = "The alliance was founded in 2002.\n\nLeave a Reply\n\nYour email address will not be published."
    found = copyedit.check(text, config=BOILERPLATE).findings
    # on the chrome's own line and column, not at the end of the article's last line above it
    assert [(f.code, f.line, f.column, f.text) for f in found] == [
        ("BP101", 3, 1, "Leave a Reply"), ("BP101", 5, 1, "Your email address will not be published."),
    ]
    assert copyedit.fix(text, unsafe=True, config=BOILERPLATE).text == "The alliance was founded in 2002."


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_chrome_lines_ending_a_paragraph_go_with_the_line_break_before_them(newline: str) -> None:
    # The paragraph keeps its prose, and no blank line is left where the lines were
    # ("The talks ended.\n\n\nThey left." before).
    text = newline.join(["Share this:", "The talks ended.", "Share this:", "Tweet", "", "They left.", ""])
    fixed = copyedit.fix(text, unsafe=True, config=BOILERPLATE)
    assert fixed.text == newline.join(["The talks ended.", "", "They left.", ""])
    assert copyedit.fix(fixed.text, unsafe=True, config=BOILERPLATE).text == fixed.text


@pytest.mark.parametrize(
    ("text", "format"),
    [("<p>The talks ended.<br>Share this:<br>Tweet</p><p>They left.</p>", "html"),
     ("The talks ended.\nShare this:\nTweet\n\nThey left.\n", "markdown")],
)
def test_chrome_lines_inside_a_paragraph_of_markup_are_reported_on_their_own_lines(text: str, format: str) -> None:
    # They went unreported: only plain text's paragraphs were read line by line. Their removal would take
    # a line break of the markup (<br>, a Markdown line's end), which only an editor may judge.
    found = copyedit.check(text, format=format, config=BOILERPLATE).findings
    assert [(f.code, f.text) for f in found] == [("BP103", "Share this:"), ("BP103", "Tweet")]
    assert all(f.fix is not None and f.fix.applicability is Applicability.DISPLAY_ONLY for f in found)
    assert copyedit.fix(text, format=format, unsafe=True, config=BOILERPLATE).text == text


def test_a_plain_text_list_item_is_read_without_its_mark_as_in_markdown() -> None:
    # trafilatura writes a page's list items "- Share on Facebook"; they went unread in plain text
    text = "The talks ended.\n\n- Two sides met.\n- Share on Facebook\n\n* Leave a Reply\n• Related"
    found = copyedit.check(text, config=BOILERPLATE).findings
    assert [(f.code, f.line) for f in found] == [("BP103", 4), ("BP101", 6)]  # (a paragraph all chrome: one finding)
    assert copyedit.fix(text, unsafe=True, config=BOILERPLATE).text == "The talks ended.\n\n- Two sides met."


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # Found by tests/test_layout_properties.py: the chrome's indent stayed, for the line after it
        ("The talks ended.\n\n Share this:\n\nThey left.", "The talks ended.\n\nThey left."),
        (" By Sarah Yang\n  It said.", "  It said."),
        # ... or it took the next paragraph's, and the spaces after the last went to the paragraph above
        ("The talks ended.\n\nShare this:\n\n  They left.", "The talks ended.\n\n  They left."),
        ("The talks ended.\n\nShare this:  ", "The talks ended."),
        ("The talks ended.\r\nShare this:\t\r\n", "The talks ended.\r\n"),
    ],
)
def test_chrome_goes_with_its_own_indent_and_trailing_spaces_only(text: str, fixed: str) -> None:
    assert copyedit.fix(text, unsafe=True, config=BOILERPLATE.replace(ignore=("C305",))).text == fixed


def test_a_text_of_chrome_alone_goes_whole_or_not_at_all() -> None:
    # Found by tests/test_layout_properties.py: the related list (BP104, safe) went and the comment prompt after it
    # (BP101, unsafe) stayed, behind the blank lines that had parted them: "\n\n\nLeave a Reply".
    text = "RELATED STORIES\n\nTalks end in Astana\n\n\nLeave a Reply\n"
    found = copyedit.check(text, config=BOILERPLATE).findings
    assert [(f.code, f.fix and f.fix.applicability) for f in found] == [("BP104", Applicability.UNSAFE)] * 2 + [("BP101", Applicability.UNSAFE)]
    assert copyedit.fix(text, config=BOILERPLATE).text == text
    # with prose before it, a closing run may go in part: each of its blocks takes the blank lines above it
    assert copyedit.fix("Prose.\n\n" + text, config=BOILERPLATE).text == "Prose.\n\n\nLeave a Reply\n"
    # and when it goes, nothing is left: not the blank lines around it, nor the line break that ended it
    assert copyedit.fix(text, config=BOILERPLATE, unsafe=True).text == ""
    assert copyedit.fix("\r\n\r\nTweet\r\n\r\n", config=BOILERPLATE, unsafe=True).text == ""
    # the configuration's say on a rule's fixes counts before the least sure is taken: one of them demoted keeps all
    # (it made BP104's removal safe alone, and its two paragraphs went, their blank lines left)
    demoted = BOILERPLATE.replace(applicability={"BP101": "display-only"})
    assert copyedit.fix(text, config=demoted, unsafe=True).text == text
    promoted = BOILERPLATE.replace(applicability={"BP101": "safe", "BP104": "safe"})
    assert copyedit.fix(text, config=promoted).text == ""
    assert copyedit.fix(text, config=BOILERPLATE.replace(applicability={"BP104": "safe"})).text == text


def test_a_page_title_that_reads_like_chrome_is_its_headline_and_stays() -> None:
    # "Related stories" in <title> names the page; the same words in its body head a list of other stories
    page = (
        "<html><head><title>Related Stories</title></head><body><h3>Related stories</h3>"
        "<ul><li>Oil prices fall again</li></ul><p>The talks ended on Friday, the ministry said.</p></body></html>"
    )
    fixed = copyedit.fix(page, format="html", unsafe=True)
    assert fixed.text == page.replace("<h3>Related stories</h3><ul><li>Oil prices fall again</li></ul>", "")
    alone = "<html><head><title>Related stories</title></head><body><p>The talks ended on Friday, the ministry said.</p></body></html>"
    assert copyedit.check(alone, format="html").findings == ()


def test_code_after_see_also_is_a_word_of_its_line_not_an_icon() -> None:
    # Markdown reads code as a placeholder; read as an icon's, "See also: `request.setTimeout()`." was a bare "See
    # also" heading, and its list took the next heading and list items (Node.js's HTTP documentation)
    source = "The request must be destroyed.\n\nSee also: `x()`.\n\n### Event: `'upgrade'`\n\n* `response` {x}\n* `socket` {y}\n\nEmitted each time.\n"
    found = copyedit.check(source, format="markdown", config=BOILERPLATE).findings
    assert [(f.code, f.line) for f in found] == [("BP103", 3)]
    # an icon's placeholder before or after words is still none of them
    icons = "Story.\n\n![](share.svg) Share on Facebook\n\nEnd of it all, he said.\n"
    assert [f.code for f in copyedit.check(icons, format="markdown", config=BOILERPLATE).findings] == ["BP103"]
