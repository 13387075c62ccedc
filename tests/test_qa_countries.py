"""LQ224: a country the translation names that its Chinese source does not. The sentences are real MT of
WMT23 zh-en, shortened."""

from __future__ import annotations

import copyedit

JAPAN = "中国愿同日方一道，继续深化绿色低碳产业合作。"


def countries(text: str, source: str, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ224"]


def test_a_country_the_source_does_not_name_is_reported_once_with_its_source_sentence() -> None:
    text = "China is willing to work with the United States to deepen cooperation in green industries. The United States agreed."
    findings = [f for f in copyedit.check(text, source=JAPAN, source_lang="zh").findings if f.code == "LQ224"]
    assert [f.message for f in findings] == ["“United States”: the source does not name the United States (美国, 美國 or 美)"]
    assert findings[0].severity == "warning"
    assert findings[0].source is not None and findings[0].source.text == JAPAN
    # 越新 is Vietnam and Singapore; 美日菲 the US, Japan and the Philippines; an adjective counts
    assert countries("A partnership between Vietnam and New Zealand.", "越新两国战略伙伴关系。") == ["New Zealand"]
    assert countries("US and Fiji reach defense consensus.", "美日菲达成防卫共识。") == ["Fiji"]
    assert countries("It is far from the Japanese companies JD.com and Tmall.", "和国内的京东、天猫等差太远了。") == ["Japanese"]


def test_a_country_the_source_names_in_any_way_or_china_is_not_reported() -> None:
    assert countries("China is willing to work with Japan to deepen cooperation.", JAPAN) == []
    # its character in a compound, its name in traditional characters or in Latin letters
    assert countries("Chinese and US officials met; the dollar rose.", "中美官员会面，美元上涨。") == []
    assert countries("Taiwan and the Philippines signed.", "臺灣與菲律賓簽署。") == []
    assert countries("The USA team won.", "USA队赢了。") == []
    # China, a currency (LQ217's), a name that is also a word, and no Chinese source
    assert countries("China's economy grew; the book costs US$18.", "我国经济增长；这本书售价18元。") == []
    assert countries("He ate turkey in Turkey.", "他吃了火鸡。") == []
    assert countries("China is willing to work with the United States.", "Китай готов работать с Японией.", "ru") == []
