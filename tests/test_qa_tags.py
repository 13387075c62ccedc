"""LQ210: an HTML translation keeps the inline tags of its HTML source."""

from __future__ import annotations

import copyedit
from copyedit import Config

SELECT = Config(select=("LQ210",))
SOURCE = '<p>Der <b>Bericht</b> ist <a href="/r">hier</a><sup>1</sup>.</p><script>var a = "<b>";</script>'


def test_a_lost_link_and_footnote_mark_are_reported_with_the_source_tag() -> None:
    target = "<p>The <b>report</b> is here.</p>"
    findings = copyedit.check(target, format="html", source=SOURCE, source_lang="de", config=SELECT).findings
    assert [f.message.split(" (")[0] for f in findings] == ["The source has 1 link", "The source has 1 superscript"]
    assert findings[0].source is not None and findings[0].source.text == '<a href="/r">'


def test_the_same_tags_in_another_order_are_fine_and_text_sources_are_not_compared() -> None:
    target = '<p>The report is <a href="/r">here</a><sup>1</sup>, in <b>bold</b>.</p>'
    assert copyedit.check(target, format="html", source=SOURCE, source_lang="de", config=SELECT).findings == ()
    assert copyedit.check("<p>The report.</p>", format="html", source="Der Bericht.", config=SELECT).findings == ()
    assert copyedit.check("The report.", source=SOURCE, config=SELECT).findings == ()  # plain text: no markup to keep


def test_an_html_source_is_read_as_its_text_and_findings_point_into_its_markup() -> None:
    """The numbers of a source's attributes ("width=640", "data-id=2019") are no numbers of its text; the
    source span of a finding is an offset into the source as sent, the tags included."""
    source = '<p class="x" data-id="2019">Президент сказал, что погибли <b>45</b> человек.</p><img src="a-1234.jpg" width="640">'
    kept = copyedit.check('<p>The president said <b>45</b> people died.</p><img src="a.jpg">', format="html", source=source, source_lang="ru")
    assert [f.code for f in kept.findings if f.code.startswith("LQ")] == []
    changed = copyedit.check('<p>The president said <b>44</b> people died.</p><img src="a.jpg">', format="html", source=source, source_lang="ru")
    [number] = [f for f in changed.findings if f.code == "LQ201"]
    assert number.source is not None and source[number.source.start : number.source.end] == number.source.text == "45"
    assert number.source.sentence == "Президент сказал, что погибли 45 человек."
    # a plain-text article is checked against its source as sent
    plain = copyedit.check("The president said 44 people died.", source="Погибли 45 <b>человек</b>.", source_lang="ru")
    assert [f.source.text for f in plain.findings if f.code == "LQ201" and f.source] == ["45"]


def test_a_markdown_source_is_read_as_its_text_as_the_article_is() -> None:
    """A link's address is no text of a Markdown article, nor of its source: its numbers are not compared."""
    source = "Президент сказал, что погибли [45 человек](https://example.com/news/2019/05/640.html)."
    kept = copyedit.check("The president said [45 people](https://example.com/news/2019/05/640.html) died.", format="markdown", source=source, source_lang="ru")
    assert [f.code for f in kept.findings if f.code.startswith("LQ")] == []
    changed = copyedit.check("The president said [44 people](https://example.com/x) died.", format="markdown", source=source, source_lang="ru")
    [number] = [f for f in changed.findings if f.code == "LQ201"]
    assert number.source is not None and source[number.source.start : number.source.end] == "45"
