"""A country (LQ224) or a news organisation (LQ225) named in the translation that the Chinese source
never names.

MT that does not understand a passage fills it with a country it knows: 中国愿同日方一道 ("China is
willing to work with Japan") became "China is willing to work with the United States", 越新两国 (Vietnam and
Singapore) "Vietnam and New Zealand", 美日菲 (the US, Japan and the Philippines) "US and Fiji", 国内 (in
China) "in India", and a review of an Amazon purchase opened with "For example, in the United States". A
translator keeps the countries of the source and adds none. A country is taken as named in the source when
the source writes its Chinese name (simplified or traditional) or the one character that stands for it in
compounds (美 in 中美关系 and 美元, 日 in 日方, 菲 in 美日菲), or the English name itself; China, which a
translation names for 我国, 国内 or 中央, is never reported.

So with the agencies and papers that Chinese news quotes: MT credits a story to the one it knows best,
"CNN.com" or "(Xinhua)" for 中新网 (China News Service's site), "Bloomberg" for 路透社 (Reuters), "the
Associated Press" for 越通社 (the Vietnam News Agency).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import regex

from ..kinds.base import Context, Hit
from .bilingual import aligned_sentences, bead_of, bead_source_span, source_language

# Each country: its names and adjectives in English, and how a Chinese text writes it (full names in
# simplified and traditional characters, then the one character that stands for it, if any). A name
# that is also a common word ("Turkey", "Chad", "Jordan", "Georgia", "Polish") or a language a text may
# name for itself ("English") is left out.
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "the United States": ("United States|U\\.S\\.A?|US|USA|America|American|Americans", ("美国", "美國", "美")),
    "the United Kingdom": ("United Kingdom|U\\.K\\.|UK|Britain|British|England", ("英国", "英國", "英")),
    "Japan": ("Japan|Japanese", ("日本", "日")),
    "South Korea": ("South Korea|South Korean|Korea|Korean|Koreans", ("韩国", "韓國", "南韩", "南韓", "韩", "韓", "朝", "高丽")),
    "North Korea": ("North Korea|North Korean|DPRK", ("朝鲜", "朝鮮", "北韩", "北韓", "朝")),
    "Russia": ("Russia|Russian|Russians", ("俄罗斯", "俄羅斯", "俄", "苏联", "蘇聯")),
    "Germany": ("Germany|German|Germans", ("德国", "德國", "德")),
    "France": ("France|French", ("法国", "法國", "法")),
    "Italy": ("Italy|Italian|Italians", ("意大利", "義大利", "意")),
    "Spain": ("Spain|Spanish", ("西班牙", "西")),
    "India": ("India|Indian|Indians", ("印度", "印")),
    "Australia": ("Australia|Australian|Australians", ("澳大利亚", "澳大利亞", "澳洲", "澳")),
    "Canada": ("Canada|Canadian|Canadians", ("加拿大", "加")),
    "Vietnam": ("Vietnam|Viet Nam|Vietnamese", ("越南", "越")),
    "the Philippines": ("Philippines|Philippine|Filipino|Filipinos", ("菲律宾", "菲律賓", "菲")),
    "Singapore": ("Singapore|Singaporean|Singaporeans", ("新加坡", "星加坡", "新", "星")),
    "Malaysia": ("Malaysia|Malaysian|Malaysians", ("马来西亚", "馬來西亞", "大马", "大馬", "马", "馬")),
    "Indonesia": ("Indonesia|Indonesian|Indonesians", ("印度尼西亚", "印度尼西亞", "印尼", "印")),
    "Thailand": ("Thailand|Thai", ("泰国", "泰國", "泰")),
    "New Zealand": ("New Zealand", ("新西兰", "新西蘭", "纽西兰", "紐西蘭", "纽", "紐")),
    "Fiji": ("Fiji|Fijian", ("斐济", "斐濟")),
    "Portugal": ("Portugal|Portuguese", ("葡萄牙", "葡")),
    "Brazil": ("Brazil|Brazilian", ("巴西", "巴")),
    "Mexico": ("Mexico|Mexican", ("墨西哥", "墨")),
    "Ukraine": ("Ukraine|Ukrainian|Ukrainians", ("乌克兰", "烏克蘭", "乌", "烏")),
    "Iran": ("Iran|Iranian|Iranians", ("伊朗", "伊")),
    "Israel": ("Israel|Israeli|Israelis", ("以色列", "以")),
    "Syria": ("Syria|Syrian|Syrians", ("叙利亚", "敘利亞", "叙", "敘")),
    "Iraq": ("Iraq|Iraqi|Iraqis", ("伊拉克", "伊")),
    "Saudi Arabia": ("Saudi Arabia|Saudi", ("沙特", "沙烏地", "沙")),
    "Egypt": ("Egypt|Egyptian", ("埃及", "埃")),
    "Pakistan": ("Pakistan|Pakistani", ("巴基斯坦", "巴")),
    "Afghanistan": ("Afghanistan|Afghan", ("阿富汗", "阿")),
    "the Netherlands": ("Netherlands|Dutch|Holland", ("荷兰", "荷蘭", "荷")),
    "Belgium": ("Belgium|Belgian", ("比利时", "比利時", "比")),
    "Switzerland": ("Switzerland|Swiss", ("瑞士", "瑞")),
    "Sweden": ("Sweden|Swedish", ("瑞典", "瑞")),
    "Norway": ("Norway|Norwegian", ("挪威", "挪")),
    "Denmark": ("Denmark|Danish", ("丹麦", "丹麥", "丹")),
    "Finland": ("Finland|Finnish", ("芬兰", "芬蘭", "芬")),
    "Greece": ("Greece|Greek", ("希腊", "希臘", "希")),
    "Austria": ("Austria|Austrian", ("奥地利", "奧地利", "奥", "奧")),
    "Chile": ("Chile|Chilean", ("智利", "智")),
    "Argentina": ("Argentina|Argentine|Argentinian", ("阿根廷", "阿")),
    "Hong Kong": ("Hong Kong", ("香港", "港")),
    "Taiwan": ("Taiwan|Taiwanese", ("台湾", "台灣", "臺灣", "台", "臺")),
    "Macao": ("Macau|Macao", ("澳门", "澳門", "澳")),
    "Mongolia": ("Mongolia|Mongolian", ("蒙古", "蒙")),
    "Myanmar": ("Myanmar|Burma|Burmese", ("缅甸", "緬甸", "缅", "緬")),
    "Cambodia": ("Cambodia|Cambodian", ("柬埔寨", "柬")),
    "Nepal": ("Nepal|Nepalese|Nepali", ("尼泊尔", "尼泊爾", "尼")),
    "Bangladesh": ("Bangladesh|Bangladeshi", ("孟加拉", "孟")),
    "Sri Lanka": ("Sri Lanka|Sri Lankan", ("斯里兰卡", "斯里蘭卡", "斯")),
    "Brunei": ("Brunei", ("文莱", "汶莱", "汶萊", "文")),
    "Kazakhstan": ("Kazakhstan|Kazakh", ("哈萨克斯坦", "哈薩克", "哈")),
    "Nigeria": ("Nigeria|Nigerian", ("尼日利亚", "奈及利亞", "尼")),
    "South Africa": ("South Africa|South African", ("南非",)),
    "Kenya": ("Kenya|Kenyan", ("肯尼亚", "肯亞", "肯")),
    "Cuba": ("Cuba|Cuban", ("古巴", "古")),
    "Venezuela": ("Venezuela|Venezuelan", ("委内瑞拉", "委內瑞拉", "委")),
    "Colombia": ("Colombia|Colombian", ("哥伦比亚", "哥倫比亞", "哥")),
    "Peru": ("Peru|Peruvian", ("秘鲁", "秘魯", "秘")),
    "Ireland": ("Ireland|Irish", ("爱尔兰", "愛爾蘭", "爱", "愛")),
    "the Czech Republic": ("Czech Republic|Czechia|Czech", ("捷克", "捷")),
    "Hungary": ("Hungary|Hungarian", ("匈牙利", "匈")),
    "Romania": ("Romania|Romanian", ("罗马尼亚", "羅馬尼亞", "罗", "羅")),
    "Qatar": ("Qatar|Qatari", ("卡塔尔", "卡達", "卡")),
    "the United Arab Emirates": ("United Arab Emirates|UAE|Emirati", ("阿联酋", "阿聯酋", "阿拉伯联合酋长国", "阿")),
}

# English names of news agencies, papers and broadcasters, and how a Chinese text writes them (or their
# Latin name itself). Names that are also words ("Economist", "Guardian", "AP") are left out, and so are
# China News Service and the Central News Agency, whose English names MT gets right.
NEWS_MEDIA: dict[str, tuple[str, tuple[str, ...]]] = {
    "Reuters": ("Reuters", ("路透",)),
    "Bloomberg": ("Bloomberg", ("彭博",)),
    "the New York Times": ("New York Times", ("纽约时报", "紐約時報")),
    "the Associated Press": ("Associated Press", ("美联社", "美聯社")),
    "Agence France-Presse": ("Agence France-Presse|AFP", ("法新社", "法国新闻社", "法國新聞社")),
    "CNN": ("CNN", ("美国有线电视新闻网", "美國有線電視新聞網")),
    "the BBC": ("BBC", ("英国广播公司", "英國廣播公司")),
    "Xinhua": ("Xinhua", ("新华", "新華")),
    "the Wall Street Journal": ("Wall Street Journal", ("华尔街日报", "華爾街日報")),
    "the Washington Post": ("Washington Post", ("华盛顿邮报", "華盛頓郵報")),
    "the Financial Times": ("Financial Times", ("金融时报", "金融時報")),
    "Kyodo": ("Kyodo", ("共同社",)),
    "Yonhap": ("Yonhap", ("韩联社", "韓聯社")),
    "NHK": ("NHK", ("日本广播协会", "日本放送协会", "日本放送協會")),
    "Al Jazeera": ("Al Jazeera", ("半岛电视台", "半島電視台")),
    "TASS": ("TASS", ("塔斯社",)),
    "Sputnik": ("Sputnik", ("卫星通讯社", "衛星通訊社")),
    "CCTV": ("CCTV", ("央视", "央視", "中央电视台", "中央電視台")),
    "the People's Daily": ("People's Daily", ("人民日报", "人民日報")),
    "the Global Times": ("Global Times", ("环球时报", "環球時報")),
    "China Daily": ("China Daily", ("中国日报", "中國日報")),
    "the South China Morning Post": ("South China Morning Post", ("南华早报", "南華早報")),
    "Nikkei": ("Nikkei", ("日经", "日經")),
    "Deutsche Welle": ("Deutsche Welle", ("德国之声", "德國之聲")),
    "the Voice of America": ("Voice of America", ("美国之音", "美國之音")),
    "Radio Free Asia": ("Radio Free Asia", ("自由亚洲电台", "自由亞洲電台")),
    "Newsweek": ("Newsweek", ("新闻周刊", "新聞週刊")),
}

# A country's one character that a source naming another place takes for that place: 澳 is Macau's in a story
# about Macau (来澳, 港澳, 澳品荟), where MT wrote "come to Australia" and "the Australian Telecommunications
# Company" (澳门电讯); Australia is then named only by its full name (澳大利亚, 澳洲)
_CHARACTER_TAKEN: dict[str, tuple[str, ...]] = {"Australia": ("澳门", "澳門")}

# Not a country's name there: a sum in dollars ("US$18"), which LQ217 compares with the source's currency
_NOT_A_NAME = regex.compile(r"US ?\$")

Table = dict[str, tuple[str, tuple[str, ...]]]


@functools.cache
def _names(table: str) -> tuple[list[str], regex.Pattern[str]]:
    """The entries of :data:`COUNTRIES` or :data:`NEWS_MEDIA`, and every English name of them as one
    pattern whose group names the entry."""
    entries: Table = COUNTRIES if table == "countries" else NEWS_MEDIA
    groups = [f"(?P<c{index}>{forms})" for index, (forms, _) in enumerate(entries.values())]
    return list(entries), regex.compile(r"(?<![\w.-])(?:" + "|".join(groups) + r")(?![\w-])")


def _named(text: str, table: str) -> Iterator[tuple[str, regex.Match[str]]]:
    """Each entry of the table that the text names, with the first place it does so.

    >>> [(country, match.group()) for country, match in _named("US and Fiji agree; Fiji's army; US$18.", "countries")]
    [('the United States', 'US'), ('Fiji', 'Fiji')]
    >>> [(medium, match.group()) for medium, match in _named("Rising tensions - CNN.com; (Xinhua) said.", "media")]
    [('CNN', 'CNN'), ('Xinhua', 'Xinhua')]
    """
    entries, names = _names(table)
    seen: set[str] = set()
    for match in names.finditer(text):
        entry = entries[int(str(match.lastgroup)[1:])]
        if entry in seen or _NOT_A_NAME.match(text, match.start()):
            continue
        seen.add(entry)
        yield entry, match


def _forms(entry: str, entries: Table, source: str) -> tuple[str, ...]:
    """The ways ``source`` may write ``entry``: its one character is none in a source that names the place
    :data:`_CHARACTER_TAKEN` gives that character to.

    >>> _forms("Australia", COUNTRIES, "来澳考察，澳门旅游"), _forms("Australia", COUNTRIES, "美日印澳")[-1]
    (('澳大利亚', '澳大利亞', '澳洲'), '澳')
    """
    forms = entries[entry][1]
    if any(name in source for name in _CHARACTER_TAKEN.get(entry, ())):
        return tuple(form for form in forms if len(form) > 1)
    return forms


def _unnamed(doc: Any, context: Context, table: str) -> Iterator[Hit]:
    """Each entry of the table the translation names (at its first mention) that its Chinese source
    writes nowhere, neither in Chinese nor in Latin letters."""
    source = context.source
    if not source or source_language(context) != "zh":
        return
    entries: Table = COUNTRIES if table == "countries" else NEWS_MEDIA
    found = [
        (entry, match) for entry, match in _named(doc.text, table)
        if not any(form in source for form in _forms(entry, entries, source)) and match.group() not in source
    ]
    if not found:
        return
    alignment = aligned_sentences(doc, context)
    for entry, match in found:
        index = bead_of(alignment, match.start(), target=True)
        in_source = bead_source_span(alignment, index) if index is not None else None
        *names, last = entries[entry][1]
        spelled = f"{', '.join(names)} or {last}" if names else last
        yield Hit(
            match.start(), match.end(),
            message=f"“{match.group()}”: the source does not name {entry} ({spelled})",
            source=in_source, source_sentence=in_source,
        )


def unnamed_countries(doc: Any, context: Context) -> Iterator[Hit]:
    """Each country the translation names (at its first mention) that its Chinese source names nowhere:
    neither by a Chinese name nor by the character that stands for it, nor in Latin letters."""
    return _unnamed(doc, context, "countries")


def unnamed_media(doc: Any, context: Context) -> Iterator[Hit]:
    """Each news agency, paper or broadcaster the translation names (at its first mention) that its Chinese
    source names nowhere, neither by its Chinese name nor in Latin letters."""
    return _unnamed(doc, context, "media")


__all__: Sequence[str] = ("COUNTRIES", "NEWS_MEDIA", "unnamed_countries", "unnamed_media")
