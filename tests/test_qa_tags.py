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
