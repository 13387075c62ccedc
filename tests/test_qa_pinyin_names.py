"""LQ214: a Chinese name of the source misspelt in pinyin; LQ219: its given name split in two;
LQ220: a name in pinyin the source does not have. The sentences are real MT and references of
WMT23 zh-en."""

from __future__ import annotations

import copyedit
from copyedit.qa.pinyin import readings
from copyedit.qa.pinyin_names import two_syllables

SOURCE = "据中央社今天称，国民党副主席夏立言率团访陆，在北京期间，分别会见中共中央政治局常委王沪宁、新任国台办主任宋涛。"


def flagged(text: str, source: str = SOURCE, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ214"]


def test_a_given_name_with_one_syllable_wrong_is_reported_with_the_source_name() -> None:
    bad = "In Beijing, Vice Chairman Xia Liyan met Wang Yining, a member of the Standing Committee, and Song Tao."
    assert flagged(bad) == ["Wang Yining"]
    assert flagged(bad.replace("Wang Yining", "Wang Yi-ning")) == ["Wang Yi-ning"]
    finding = next(f for f in copyedit.check(bad, source=SOURCE, source_lang="zh").findings if f.code == "LQ214")
    assert finding.source is not None and finding.source.text == "王沪宁"
    assert finding.message == "“Wang Yining” is not how 王沪宁 of the source is written in pinyin (Wang Huning)"


def test_the_right_spelling_and_other_readings_of_a_character_are_not_reported() -> None:
    assert flagged("In Beijing, Vice Chairman Xia Liyan met Wang Huning and Song Tao.") == []
    assert flagged("Wang Hu-ning met Song Tao.") == []
    # 单 is Shan as a surname, Dan elsewhere: any reading of a character counts
    assert flagged("Shan Xiongxin arrived.", "单雄信来了。") == []
    assert flagged("Shan Xiongwen arrived.", "单雄信来了。") == ["Shan Xiongwen"]


def test_names_that_are_not_a_near_miss_are_left_alone() -> None:
    # a one-syllable given name; a name with no syllable in common; a Chinese source only
    assert flagged("Patient He Ying: after the new policy the doctor told me.", "患者 何莹：新政策之后，大夫跟我说。") == []
    assert flagged("In Beijing, Xia Liyan met Wang Jianguo and Song Tao.") == []
    assert flagged("In Beijing, Xia Liyan met Wang Yining and Song Tao.", SOURCE, "ja") == []
    # the right spelling elsewhere in the source: the name may be another person's
    assert flagged("Wang Yining and Wang Huning met.", "王沪宁和王亦宁见面了。") == []


def test_pinyin_syllables_and_readings() -> None:
    assert two_syllables("Genghong") == (("geng", "hong"),)
    assert two_syllables("Ying") == () and two_syllables("Yaxuan") == (("ya", "xuan"),)
    assert two_syllables("Smith") == ()
    assert "geng" in readings("畊") and "hu" in readings("沪")


def split(text: str, source: str, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ219"]


def test_a_given_name_split_in_two_words_is_reported_with_the_joined_name_as_a_suggestion() -> None:
    source = "何立峰出席主论坛并发表主旨演讲。"
    text = "He Li Feng attended the main forum."
    assert split(text, source) == ["He Li Feng"]
    finding = next(f for f in copyedit.check(text, source=source, source_lang="zh").findings if f.code == "LQ219")
    assert finding.source is not None and finding.source.text == "何立峰" and finding.source.sentence == source
    assert finding.message == "“He Li Feng” splits the given name of 何立峰 in the source: English writes “He Lifeng”"
    # a suggestion: applied only when unsafe fixes are
    assert copyedit.fix(text, source=source, source_lang="zh").text == text
    assert copyedit.fix(text, source=source, source_lang="zh", unsafe=True).text == "He Lifeng attended the main forum."
    # a syllable that starts with a vowel follows an apostrophe
    fixed = copyedit.fix("Li Ming An spoke.", source="李明安发言。", source_lang="zh", unsafe=True).text
    assert fixed == "Li Ming'an spoke."


def test_names_written_as_english_writes_them_or_not_of_the_source_are_left_alone() -> None:
    source = "何立峰出席主论坛。"
    assert split("He Lifeng attended the main forum.", source) == []
    # the words are not the source's characters; no Chinese source
    assert split("He Li Feng attended the main forum.", "王小洪出席主论坛。") == []
    assert split("He Li Feng attended the main forum.", source, "ja") == []
    assert split("He Li Feng attended the main forum.", "") == []
    # another capitalised word after the third: two names side by side
    assert split("Ye Xiu Huang Shaotian have many fans.", "叶修黄少天都有大量的粉丝。") == []


def invented(text: str, source: str, lang: str = "zh") -> list[str]:
    findings = copyedit.check(text, source=source, source_lang=lang).findings
    return [text[f.span.start : f.span.end] for f in findings if f.code == "LQ220"]


KISHIDA = "何立峰指出，举办本届论坛是落实习近平主席和岸田文雄首相曼谷会晤共识。他说，合作很重要。"


def test_a_pinyin_name_the_source_does_not_have_is_reported_with_its_source_sentence() -> None:
    text = "He Lifeng said the forum implements the consensus of President Xi Jinping and Prime Minister Wen Jiabao. He said cooperation matters."
    assert invented(text, KISHIDA) == ["Wen Jiabao"]
    finding = next(f for f in copyedit.check(text, source=KISHIDA, source_lang="zh").findings if f.code == "LQ220")
    assert finding.message == "“Wen Jiabao” reads as a Chinese name in pinyin that the source does not have"
    assert finding.severity == "warning"
    assert finding.source is not None and finding.source.text == "何立峰指出，举办本届论坛是落实习近平主席和岸田文雄首相曼谷会晤共识。"
    # every name of the translation is read: MT's list of invented names
    source = "石泰峰、李干杰、李书磊出席结业式。"
    assert invented("Shi Taifeng, Li Kanzhi and Li Suqi attended.", source) == ["Li Kanzhi", "Li Suqi"]


def test_names_the_source_has_in_any_form_are_not_reported() -> None:
    right = "He Lifeng said the forum implements the consensus of President Xi Jinping and Prime Minister Fumio Kishida."
    assert invented(right, KISHIDA) == []
    # a near miss is LQ214's, not this rule's
    assert invented("Wang Yining met Song Tao.", SOURCE) == []
    # the given name without its surname; a surname outside the common ones (郗); another reading of a character
    assert invented("Xi Jinping spoke.", "近平同志讲话。") == []
    assert invented("Xi Jianguo spoke.", "郗建国讲话。") == []
    assert invented("Shan Xiongxin arrived.", "单雄信来了。") == []
    # a byline that spaces its characters; the name written in Latin letters in the source; traditional characters
    assert invented("Reporter Ma Zuobo reports.", "（记者 马 祚波）报道。") == []
    assert invented("Reporter Ma Zuobo reports.", "记者Ma Zuobo报道。") == []
    assert invented("Chen Shuibian spoke.", "陳水扁發言。") == []
    # a one-syllable given name the source has (李), a place, an English word as a given name, no Chinese source
    assert invented("Li Na won in Hong Kong.", "李娜在香港夺冠。") == []
    assert invented("The Yang Dining Hall opened.", "食堂开放了。") == []
    assert invented("Prime Minister Wen Jiabao spoke.", "Премьер говорил.", "ru") == []
    # a surname only as surnames are spelled: 蓝 is Lan (la is another of its readings)
    assert invented("He played in La Liga this season.", "他本赛季在西甲踢球。") == []
    assert invented("Reporter Zeng Guofan and Shan Xiongwen.", "记者报道。") == ["Zeng Guofan", "Shan Xiongwen"]


def test_a_surname_no_character_of_the_source_reads_as_is_reported_alone_or_with_one_syllable() -> None:
    # WMT23 zh-en MT (NLLB): the byline's 程婕 is Cheng Jie
    assert invented("The article was written by Chen Chen, a reporter.", "文/本报记者 程婕 统筹/池海波") == ["Chen Chen"]
    assert invented("He met Mr. Liu and then left.", "他见了蔡奇，然后离开了。") == ["Liu"]
    assert invented("Li Na won the match.", "网球比赛结束了。") == ["Li Na"]


def test_a_surname_some_character_of_the_source_reads_as_or_a_word_of_another_name_is_not_reported() -> None:
    # 望 reads wang: a surname so common in sound is left to the checks of whole names
    assert invented("Wang Ji said so.", "蔡奇表示，希望如此。") == []
    # part of a place or of a name a capitalised word starts; what follows is no given name
    assert invented("It is cheaper than in Hong Kong.", "比在别处买还便宜。") == []
    assert invented("Tourism chief Tan Kian Leng said so.", "旅游局局长陈建隆表示。") == []
    assert invented("Aceh, Hua Hin and Phuket were hit.", "亚齐省、泰国镐立和普吉岛受灾。") == []
