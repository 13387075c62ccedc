"""LQ216: a bracket the translation leaves unpaired where its source pairs them all. The first cases
are real MT of WMT22 ja-en and ru-en and WMT23 zh-en."""

from __future__ import annotations

import copyedit
from copyedit.document import paragraph_blocks
from copyedit.qa.brackets import unpaired


def findings(text: str, source: str, lang: str, format: str = "text") -> list[copyedit.Finding]:
    return [f for f in copyedit.check(text, source=source, source_lang=lang, format=format).findings if f.code == "LQ216"]


def flagged(text: str, source: str, lang: str) -> list[str]:
    return [text[f.span.start : f.span.end] for f in findings(text, source, lang)]


def test_a_bracket_lost_in_translation_is_reported_on_its_partner_with_the_source_sentence() -> None:
    source = "ソウル市の発表。【NFL】1試合パス3回で勝ったチーム。"
    text = "Seoul said so. NFL] The team that won with three passes in one game."
    [finding] = findings(text, source, "ja")
    assert text[finding.span.start : finding.span.end] == "]"
    assert finding.message == (
        "“]” closes no bracket, though the source pairs every bracket it opens: one was lost or added in translation"
    )
    assert finding.source is not None and finding.source.sentence == "【NFL】1試合パス3回で勝ったチーム。"


def test_a_bracket_never_closed_or_one_too_many() -> None:
    source = "96,49% (75 762) проголосовали \"против\". Явка составила 43,90%."
    assert flagged("While 96.49 per cent (75) voted in favor, 762) voted against. The turnout was 43.90%.", source, "ru") == [")"]
    assert flagged("It is 27% of the target (approximately 17,700 The schedule is as follows.", "目標の27%（約1万7700台）にとどまる。", "ja") == ["("]
    assert flagged("Eight-bit coded character set ((UCS)", "八位编码字符集(UCS)", "zh") == ["("]


def test_a_good_translation_and_brackets_that_pair_across_lines_of_a_paragraph_are_not_reported() -> None:
    assert flagged("[NFL] The team that won (with three passes).", "【NFL】1試合パス3回で勝ったチーム（BBM）", "ja") == []
    assert flagged("The figures (from the\nministry) are final.", "Цифры (министерства) окончательные.", "ru") == []


def test_a_kind_the_source_leaves_unpaired_itself_says_nothing_of_the_translation() -> None:
    # a smile of Ukrainian chat, and a stray bracket of the source's own
    assert flagged("Thank you all for the help))) See you soon!", "Дякую всім за допомогу))) До зустрічі!", "uk") == []
    assert flagged("He said: see point 2]. Then (he left.", "Он сказал: см. пункт 2]. Потом ушёл.", "ru") == ["("]


def test_list_markers_and_smileys_are_not_brackets() -> None:
    text = "The plan has two steps:\n1) collect the votes;\nb) count them :) and ;-("
    assert unpaired(text, paragraph_blocks(text)) == []
    # inside a line, a list's first item's number, or the next one's after it (a list run into a sentence)
    text = "The problems are 1) the price and 2) the size"
    assert unpaired(text, paragraph_blocks(text)) == []
    text = "The problems are 2) the price, a drug 42) and 3)x"
    assert [text[at - 2 : at + 1] for at, _ in unpaired(text, paragraph_blocks(text))] == [" 2)", "42)", " 3)"]


def test_brackets_pair_within_a_paragraph_each_kind_on_its_own() -> None:
    text = "A (b [c) d]. {E (f) g.\n\nThe h) i (j."
    assert [text[at:] for at, _ in unpaired(text, paragraph_blocks(text))] == ["{E (f) g.\n\nThe h) i (j.", ") i (j.", "(j."]


def test_html_translation_against_an_html_source_compares_their_text() -> None:
    text = "<p>NFL] The <b>team</b> won.</p>"
    source = "<p>【NFL】<b>チーム</b>が勝った。</p>"
    [finding] = findings(text, source, "ja", format="html")
    assert text[finding.span.start : finding.span.end] == "]"
    assert findings("<p>[NFL] The <b>team</b> won.</p>", source, "ja", format="html") == []


def test_only_with_a_source() -> None:
    assert flagged("NFL] The team won.", "", "ja") == []
    assert [f.code for f in copyedit.check("NFL] The team won.").findings if f.code == "LQ216"] == []
