"""LQ224 and LQ225: a country or a news organisation the translation names that its Chinese source does
not. The sentences are real MT of WMT23 zh-en, shortened."""

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


def test_in_a_story_about_macau_its_character_is_not_australia() -> None:
    # 来澳 (to Macau) in a source that names 澳门: MT's "come to Australia" (WMT23 zh-en, ONLINE-M)
    macau = "继上月邀请香港旅游业界领袖来澳交流考察及香港网红亲身体验澳门“旅游+”。"
    assert countries("Hong Kong tourism leaders were invited to come to Australia for exchange visits.", macau) == ["Australia"]
    assert countries("Hong Kong tourism leaders were invited to come to Macau for exchange visits.", macau) == []
    # 美日印澳 without Macau, and Australia by its full name beside Macau, are Australia
    assert countries("The US, Japan, India and Australia formed a group.", "美日印澳四边机制。") == []
    assert countries("Tourists from Australia came to Macau.", "澳洲旅客来到澳门。") == []


# LQ225: a news organisation the translation names that its Chinese source does not


def media(text: str, source: str, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ225"]


def test_a_news_organisation_the_source_does_not_name_is_reported() -> None:
    text = "Fitness industry should get rid of crisis of confidence - CNN.com"
    findings = [f for f in copyedit.check(text, source="健身行业应摆脱信任危机-中新网", source_lang="zh").findings if f.code == "LQ225"]
    assert [f.message for f in findings] == ["“CNN”: the source does not name CNN (美国有线电视新闻网 or 美國有線電視新聞網)"]
    assert findings[0].severity == "warning"
    # 中新网 is China News Service, 路透社 Reuters
    assert media("BEIJING, Feb. 11 (Xinhua) -- A report was released.", "中新网北京2月11日电 报告发布。") == ["Xinhua"]
    assert media("As reported by Bloomberg, Google posted a video.", "根据《路透社》报道，google发布了视频。") == ["Bloomberg"]


def test_a_news_organisation_the_source_names_in_any_script_is_not_reported() -> None:
    assert media("BEIJING, Feb. 10 (Xinhua) -- Xi Jinping wrote back.", "新华社北京2月10日电 习近平回信。") == []
    assert media("Taipei, Feb. 11 (Xinhua) -- Exports fell.", "新華社台北2月11日電 出口下降。") == []
    assert media("The video is from the BBC.", "视频来自BBC。") == []
    # a word that may name a paper, and no Chinese source
    assert media("Economist Zhang Ming said so; the Guardian angel smiled.", "经济学家张明如是说。") == []
    assert media("As reported by Bloomberg, Google posted a video.", "Как сообщает Reuters, Google опубликовал видео.", "ru") == []
