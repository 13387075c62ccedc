"""BP120: main-content detection in whole HTML pages, with the boilerplate pack (copyedit.markup.content)."""

from __future__ import annotations

from copyedit import Config, check, fix
from copyedit.markup.content import in_article, is_page, main_text
from copyedit.markup.html import HtmlDocument
from copyedit.model import apply_edits

STORY = "".join(
    f"<p>Paragraph {n} of the story: the talks in Astana ended on Friday without an agreement, "
    f"the ministry said, and the delegations will meet again in March.</p>\n"
    for n in range(4)
)
PAGE = (
    "<html><head><title>Talks end</title></head><body>\n"
    "<nav><ul><li>Home</li><li>World</li><li>Business</li><li>Sport</li></ul></nav>\n"
    f"<article>\n<h1>Talks in Astana end without agreement</h1>\n{STORY}</article>\n"
    "<aside><h3>Most read</h3><ul><li>Oil prices fall again</li><li>Markets rally after the vote</li></ul></aside>\n"
    "<footer><p>Copyright 2022 Daily News Group. All rights reserved.</p></footer>\n"
    "</body></html>"
)
ONLY_BOILERPLATE = Config(select=("boilerplate",))


def test_chrome_around_the_article_goes_as_whole_elements() -> None:
    result = fix(PAGE, format="html", config=ONLY_BOILERPLATE, unsafe=True)
    assert "Business" not in result.text and "Oil prices fall again" not in result.text
    assert "Daily News Group" not in result.text
    assert STORY in result.text and "<h1>Talks in Astana end without agreement</h1>" in result.text
    assert not any(f.code.startswith("X") for f in result.findings)  # the markup verification held
    assert "BP120" in {code for applied in result.applied for code in applied.codes}


def test_chrome_beside_a_script_goes_and_the_script_stays() -> None:
    # the "back to top" link's block ends in the placeholder of the script after it, as on a real page
    page = PAGE.replace(
        "</body>",
        '<a title="Scroll back to top" href="#">\n<span>Scroll back to top</span>\n</a>'
        '<script type="text/javascript">\nvar tracking = 1;\n</script>\n<script>var b = 2;</script>\n</body>',
    )
    result = fix(page, format="html", config=ONLY_BOILERPLATE, unsafe=True)
    assert result.text.count("<script") == 2 and "var tracking = 1;" in result.text
    assert "Scroll back to top" not in result.text and "<a title" not in result.text
    assert not any(f.code.startswith("X") for f in result.findings)


SHARE_BAR = (
    '<div class="share">\n  <a href="https://facebook.com/share">Share on Facebook</a>\n'
    '  <script type="text/javascript">var tracking = 1; if (a < b) share();</script>\n'
    '  <a href="https://twitter.com/share">Share on Twitter</a>\n</div>\n'
)


def test_chrome_with_a_script_in_it_loses_its_text_and_keeps_the_script() -> None:
    page = PAGE.replace("<footer>", SHARE_BAR + "<footer>")
    result = fix(page, format="html", config=ONLY_BOILERPLATE, unsafe=True)
    assert "Share on" not in result.text and "facebook.com" not in result.text  # the links went whole
    assert '<div class="share">\n  <script type="text/javascript">var tracking = 1; if (a < b) share();</script>\n</div>' in result.text
    assert STORY in result.text
    assert not any(f.code.startswith("X") for f in result.findings)  # the markup verification held
    assert apply_edits(page, result.edits) == result.text  # the edits replay
    removed = [edit.span for edit in result.edits if not edit.replacement]
    kept = [item for offset, item in HtmlDocument(page).skeleton() if not any(s.start <= offset < s.end for s in removed)]
    assert kept == [item for _, item in HtmlDocument(result.text).skeleton()]  # same tree but the links
    again = fix(result.text, format="html", config=ONLY_BOILERPLATE, unsafe=True)
    assert again.text == result.text and not again.applied


def test_a_split_removal_is_as_sure_as_the_whole_removal_of_the_same_block() -> None:
    # measured on the 179 pages: the split removals took no article text, so they keep the hit's applicability;
    # here (a fragment: no extractor) BP104's, unsafe as for the same block with an icon in the script's place
    related = '<div class="related">\n<a href="/related">See also</a>\n{}\n<a href="/more">Related</a>\n</div>\n'
    fixes = {}
    for between in ("<script>var related = load();</script>", "<svg></svg>"):
        [finding] = check(STORY + related.format(between), format="html", config=ONLY_BOILERPLATE).findings
        assert finding.fix is not None
        fixes[between[1:4]] = finding.fix
    assert fixes["scr"].applicability == fixes["svg"].applicability
    assert len(fixes["scr"].edits) == 2 and fixes["scr"].title == "Remove this paragraph's text"
    assert len(fixes["svg"].edits) == 1


def test_text_of_a_noscript_goes_and_its_tags_stay() -> None:
    page = PAGE.replace(
        "<footer>",
        '<div id="comments"><script>var disqus = 1;</script>\n'
        '<noscript>Please enable JavaScript to view the <a href="https://disqus.com/">comments powered by Disqus.</a></noscript></div>\n<footer>',
    )
    result = fix(page, format="html", config=ONLY_BOILERPLATE, unsafe=True)
    assert "comments powered by" not in result.text and "Please enable" not in result.text
    assert '<div id="comments"><script>var disqus = 1;</script>\n<noscript></noscript></div>' in result.text
    assert not any(f.code.startswith("X") for f in result.findings)


def test_code_and_embedded_media_are_never_split_from_their_block() -> None:
    # the words around code are no chrome to take from a sentence; a video's frame is no text to remove
    for block in (
        '<p>Run <code>make</code> first, then <script>t()</script> share it.</p>',
        '<p><iframe src="https://www.youtube.com/embed/x">Share</iframe><script>t()</script></p>',
    ):
        doc = HtmlDocument(f"<p>Text.</p>\n{block}")
        assert doc.text_removal_spans(1) is None


ARTICLE = (
    "<article>\n<p>The talks in Astana ended on Friday without an agreement, the ministry said in a statement.</p>\n"
    "<p>Both delegations will meet again in March, when the committee publishes its report on the border.</p>\n"
    "<p>The minister said the talks had been useful and that the next round would settle the question.</p>\n</article>\n"
)
MENU = '<ul class="menu"><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul>\n'


def page_of(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body>\n{body}</body></html>"


def removed_by_bp120(page: str) -> str:
    """The text of what BP120 alone takes from a page (every fix applied), a line a removal."""
    result = fix(page, format="html", config=Config(select=("BP120",)), unsafe=True)
    assert not any(f.code.startswith("X") for f in result.findings)  # the markup verification held
    return "\n".join(" ".join(HtmlDocument(page[edit.start : edit.end]).text.split()) for edit in result.edits)


def test_the_headline_and_its_standfirst_stay_when_the_extractor_leaves_them_out() -> None:
    header = (
        "<header><h1>Talks in Astana end without agreement</h1>\n"
        "<p>Both delegations left on Friday and will meet again in March.</p>\n"
        '<form><label>Sign up to our newsletter and never miss a story.</label></form></header>\n'
    )
    page = page_of("Talks in Astana end without agreement | Daily News", MENU + header + ARTICLE)
    removed = removed_by_bp120(page)
    assert "Home" in removed and "Sign up to our newsletter" in removed  # the menu, and a sentence in a form
    assert "Talks in Astana" not in removed and "Both delegations left" not in removed
    # a title of fewer than three words names no headline: "Daily News" could be the site's name as well
    removed = removed_by_bp120(page_of("Daily News", '<div class="logo">Daily News</div>\n' + MENU + header + ARTICLE))
    assert "Talks in Astana end" in removed and "Daily News" in removed
    # a copy of the headline heading a box after the article opens no standfirst
    aside = "<aside><h3>Talks in Astana end without agreement</h3>\n<p>Get the best stories of the day in your inbox.</p></aside>\n"
    removed = removed_by_bp120(page_of("Talks in Astana end without agreement | Daily News", MENU + ARTICLE + aside))
    assert "Get the best stories" in removed and "Talks in Astana" not in removed


def test_a_headline_with_a_separator_in_it_or_without_spaces_stays() -> None:
    # the title's first parts are the headline: its longest part alone, "Talks in Astana", is not (before: removed)
    headline = "Talks in Astana – what comes next"
    header = f"<header><h1>{headline}</h1>\n<p>Both delegations left on Friday and will meet again in March.</p></header>\n"
    removed = removed_by_bp120(page_of(f"{headline} | World | Daily News", MENU + header + ARTICLE))
    assert "Home" in removed and "Talks in Astana" not in removed and "Both delegations left" not in removed
    # a Japanese headline has no spaces: counted as one word, it named no headline (before: removed)
    headline = "アスタナ協議、合意なく終了"
    article = (
        "<article>\n<p>アスタナでの協議は金曜日、合意に至らないまま終了したと外務省が声明で明らかにした。</p>\n"
        "<p>両代表団は三月に再び会合を開き、委員会が国境に関する報告書を公表する予定だ。</p>\n"
        "<p>大臣は協議が有益だったと述べ、次の協議で問題が解決されるとの見方を示した。</p>\n</article>\n"
    )
    menu = '<ul class="menu"><li><a href="/">ホーム</a></li><li><a href="/world">国際</a></li></ul>\n'
    removed = removed_by_bp120(page_of(f"{headline} | 毎日ニュース", f"{menu}<h1>{headline}</h1>\n{article}"))
    assert "ホーム" in removed and headline not in removed


def test_a_standfirst_the_page_marks_stays_without_a_full_stop() -> None:
    # a standfirst by its class (before: removed, as it is no sentence); not a link ("Read more") with the class, nor a
    # line without it
    header = (
        "<header><h1>Talks in Astana end without agreement</h1>\n"
        "<p class='standfirst'>Both delegations left on Friday and will meet again in March</p>\n"
        "<p class='lead'><a href='/more'>Read more about the talks in Astana and the border</a></p>\n"
        "<p>Photographs from the talks by our correspondent in Astana</p></header>\n"
    )
    removed = removed_by_bp120(page_of("Talks in Astana end without agreement | Daily News", MENU + header + ARTICLE))
    assert "Home" in removed and "Read more about the talks" in removed and "Photographs from the talks" in removed
    assert "Both delegations left" not in removed


def test_a_table_of_contents_of_the_articles_headings_stays() -> None:
    article = ARTICLE.replace("<p>Both", '<h2 id="agreed">What was agreed</h2>\n<p>Both').replace(
        "<p>The minister", '<h2 id="next">What comes next</h2>\n<p>The minister'
    )
    toc = '<ul class="toc"><li><a href="#agreed">What was agreed</a></li><li><a href="#next">What comes next</a></li></ul>\n'
    removed = removed_by_bp120(page_of("How the talks in Astana ended", MENU + toc + article))
    assert "Home" in removed and "What was agreed" not in removed and "What comes next" not in removed


def test_a_block_built_as_the_article_stays() -> None:
    def answer(text: str) -> str:
        return f'<div class="answer"><div class="post-text"><p>{text}</p></div></div>\n'

    thread = (
        answer("The first is the passive voice of the verb, and the second is a state that the robbery left you in.")
        + answer("Both are correct German, but they do not mean the same thing, as the grammar books explain.")
        # the extractor skips what stands in an element it takes for comments
        + '<div class="comments">'
        + answer("In that context the speaker tells what happened to him, so the passive voice is the right choice.")
        + "</div>\n"
    )
    removed = removed_by_bp120(page_of("When to use wurde or war", MENU + thread))
    assert "Home" in removed and "In that context" not in removed


def test_extractor_chrome_alone_is_an_unsafe_fix() -> None:
    assert "Business" in fix(PAGE, format="html", config=ONLY_BOILERPLATE).text


def test_a_fragment_is_never_judged_by_the_extractor() -> None:
    fragment = "<p>Home</p>\n<h2>In brief</h2>\n<p>The talks ended.</p>"
    assert not is_page(fragment)
    result = fix(fragment, format="html", config=Config(select=("BP120",)), unsafe=True)
    assert result.text == fragment


def test_a_rule_hit_inside_the_article_is_only_unsafe() -> None:
    # "Related" names a list (BP104, a safe fix) but here it is a heading of the article itself.
    page = PAGE.replace("<h1>", "<h2>Related</h2>\n<h1>")
    safe = fix(page, format="html", config=ONLY_BOILERPLATE)
    assert "<h2>Related</h2>" in safe.text or not any(a.code == "BP104" for a in safe.applied)


def test_the_justext_fallback_reads_its_stop_words_as_a_set_whose_hash_is_kept(monkeypatch) -> None:
    # A short page sends trafilatura to justext, whose stop-word cache is keyed by trafilatura's
    # tuple of 154,000 words: hashed afresh each call, 12 ms a page. main_text hands it a frozenset,
    # which justext reads as the same words.
    import trafilatura
    import trafilatura.external as external

    short_page = "<html><body><h1>Talks</h1><p>Talks in Astana ended on Friday, the ministry said.</p></body></html>"
    original, calls = external.try_justext, []

    def counted(*args: object) -> object:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(external, "try_justext", counted)
    extracted = main_text(short_page)
    assert calls and isinstance(external.JT_STOPLIST, frozenset)
    monkeypatch.setattr(external, "JT_STOPLIST", external.jt_stoplist_init())  # trafilatura's own tuple
    plain = trafilatura.bare_extraction(
        short_page, favor_recall=True, include_comments=False, include_tables=True, with_metadata=False
    )
    assert isinstance(external.JT_STOPLIST, tuple) and len(calls) == 2
    assert extracted is not None and extracted == plain.text


def test_a_paragraph_without_spaces_is_the_articles_wherever_the_extractor_puts_it() -> None:
    """The extractor may move a page's first paragraph last: the Japanese paragraphs after it, short blocks between
    spaces, were looked for after it in the text (before: [False, True, False, False, False]); a menu's word of the text
    after them (参拝者) is still looked for only between the blocks around it."""
    first = "岡山市北区の岡山神社で２５日、恒例の「茅輪祭（ ちのわまつり ） 」 があり、参拝者が茅の輪をくぐった。"
    rest = ["境内に直径約２メートルの茅の輪が設けられ、宮司を先頭に参拝者が３度通り抜けた。", "感染防止のため、参拝者に間隔を空けるよう呼び掛けて実施した。"]
    doc = HtmlDocument("<ul><li>ホーム</li></ul>" + "".join(f"<p>{text}</p>" for text in [first, *rest]) + "<ul><li>参拝者</li></ul>")
    assert in_article(doc.text, doc.blocks, "\n".join([*rest, first])) == [False, True, True, True, False]
