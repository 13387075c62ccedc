"""Chinese names in pinyin, read one way for every rule that needs them: the common surnames, each
character's toneless readings (pypinyin's dictionary), and the forms a name takes in Latin letters.
LQ212 (a byline's reporter left out) and LQ214 (a name misspelt) read names here.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence

# The surnames of nine in ten Chinese people (the most common hundred, with the double ones): a
# byline's name starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤牛池门常温康施文樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪"
    "简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘查麻苑迟邝"
)
DOUBLE_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "夏侯")


def surname_length(name: str) -> int:
    """How many of a name's characters are its surname: two for a double surname, else one."""
    return 2 if name[:2] in DOUBLE_SURNAMES else 1


def _plain(reading: str) -> str:
    """A pinyin reading without its tone mark, ü written u: "xù" is "xu", "lǘ" is "lu"."""
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def readings(character: str) -> frozenset[str]:
    """Every toneless pinyin reading of a character.

    >>> sorted(readings("单")), sorted(readings("a"))
    (['chan', 'dan', 'shan'], [])
    """
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(_plain(r) for r in pinyin_dict.get(ord(character), "").split(",") if r)


def preload() -> None:
    """Load pypinyin's dictionary now, not on the first Chinese name (0.5 s of CPU)."""
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: F401 - imported for its first use


def spellings(characters: str) -> set[str]:
    """Every way the characters read in pinyin, run together: 单于 is "danyu", "shanyu", "chanyu"…"""
    forms = {""}
    for character in characters:
        forms = {form + reading for form in forms for reading in readings(character)}
    return forms


@functools.lru_cache(maxsize=1024)
def pinyin_forms(name: str) -> frozenset[str]:
    """How a Chinese name is written in pinyin, without tones, spaces or hyphens: surname first or
    last, every reading of a character that has several (单 is Shan as a surname; at most 64
    combinations of readings). A character without a reading is passed over.

    >>> "mazuobo" in pinyin_forms("马祚波"), "zuoboma" in pinyin_forms("马祚波"), "majun" in pinyin_forms("马祚波")
    (True, True, False)
    >>> "zengguofan" in pinyin_forms("曾国藩"), "shanxiongxin" in pinyin_forms("单雄信")
    (True, True)
    """
    surname = surname_length(name)
    each = [sorted(readings(character)) or [""] for character in name]
    forms: set[str] = set()
    for combination in itertools.islice(itertools.product(*each), 64):
        family, given = "".join(combination[:surname]), "".join(combination[surname:])
        forms.update({family + given, given + family})
    return frozenset(forms - {""})


def usual_spelling(name: str) -> list[str]:
    """A name's likeliest pinyin, surname apart, to show in a message: ['ma', 'zuobo'] (pypinyin's
    reading in context, which picks one of a character's several readings)."""
    from pypinyin import Style, lazy_pinyin

    surname = surname_length(name)
    syllables = lazy_pinyin(name, style=Style.NORMAL)
    return ["".join(syllables[:surname]), "".join(syllables[surname:])]


__all__: Sequence[str] = (
    "DOUBLE_SURNAMES", "SURNAMES", "pinyin_forms", "readings", "spellings", "surname_length", "usual_spelling",
)
