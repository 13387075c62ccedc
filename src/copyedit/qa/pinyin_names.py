"""A Chinese person's name written in pinyin with a syllable that is not the source's (LQ214), with
its given name split in two words (LQ219), or that the source does not have at all (LQ220).

MT reads a rare or many-voiced character wrongly, or puts a likelier name in its place: 李絮枫 as
"Li Sufeng" (絮 is xù), 刘畊宏 as "Liu Xihong" (畊 is gēng), 王沪宁 as "Wang Yining". The
surname and one syllable of the given name are right, so the name looks plausible and nothing
else points at it. A translator who copies the name from the source rarely gets a syllable
wrong; MQM raters mark such names as mistranslations. MT that reads a name character by
character writes "He Li Feng" for 何立峰, where English writes He Lifeng.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import regex

from ..index import text_index
from ..kinds.base import Context, Hit
from ..loading import load_once
from ..model import Applicability, Span as TextSpan
from .align import Alignment
from .bilingual import aligned_sentences, bead_source_span, source_language, source_sentence_at
from .pinyin import DOUBLE_SURNAMES, SURNAMES, readings, spellings, usual_spelling

_Found = TypeVar("_Found")

# "Li Sufeng", "Wang Yi-ning", "Ouyang Ming": a capitalised surname, then a capitalised given
# name of one word (hyphenated or not), not followed by another name word. The capital comes
# before the look-behind, which the engine then tries only at capitals.
_NAME = regex.compile(
    r"(\p{Lu}(?<![\p{L}\p{N}'’-]\p{Lu})\p{Ll}{0,6})\s(\p{Lu}\p{Ll}{1,11}(?:-\p{Ll}{1,6})?)(?![\p{L}\p{N}-])"
)
_HAN = regex.compile(r"\p{Han}")
# Every toneless pinyin syllable a character is read as in pypinyin's dictionary (ü written u, as
# names write it), without the interjections (嗯 ng, 呣 m, 哼 hng, 欸 ê), which are never part of a
# name and would split "Ying" as "yi-ng".
_SYLLABLES = frozenset((
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can "
    "cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan "
    "chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian "
    "diao die din ding diu dong dou du duan dui dun duo ei en eng er fa fan fang fei fen feng fiao fo fou fu "
    "ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he "
    "hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju "
    "juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan "
    "lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo ma mai "
    "man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng "
    "ni nia nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen "
    "peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun "
    "ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai "
    "shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su "
    "suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa "
    "wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan "
    "yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan "
    "zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu "
    "zuan zui zun zuo"
).split())


@load_once
def _surnames() -> dict[str, frozenset[str]]:
    """Surname in pinyin → the surnames (one or two characters) read so."""
    found: dict[str, set[str]] = {}
    for surname in (*SURNAMES, *DOUBLE_SURNAMES):
        for spelled in spellings(surname):
            found.setdefault(spelled, set()).add(surname)
    return {spelled: frozenset(names) for spelled, names in found.items()}


# Surnames whose reading as a surname is not the character's usual one (单 is Shan, 曾 Zeng)
_SURNAME_READINGS = {"单": "shan", "曾": "zeng", "查": "zha", "翟": "zhai", "仇": "qiu", "缪": "miao", "解": "xie", "覃": "qin"}


@load_once
def _usual_surnames() -> frozenset[str]:
    """The surnames as they are spelled in pinyin: each one's usual reading, or its reading as a
    surname. LQ220 takes no other (every reading of 蓝 would make "La Liga" a Chinese name)."""
    from pypinyin import Style, lazy_pinyin

    usual = {"".join(lazy_pinyin(surname, style=Style.NORMAL)) for surname in (*SURNAMES, *DOUBLE_SURNAMES)}
    return frozenset(usual | set(_SURNAME_READINGS.values()))


def preload() -> None:
    """Load now what the check would load on the first Chinese name in a source."""
    _surnames()
    _usual_surnames()


@functools.lru_cache(maxsize=1024)
def two_syllables(word: str) -> tuple[tuple[str, str], ...]:
    """The ways a given name splits into two pinyin syllables, when no single syllable spells
    it and no split into two is impossible: "Xufeng" is xu-feng, "Mena" me-na or men-a, "Ying"
    one syllable, "Jun" one.

    >>> two_syllables("Xufeng"), two_syllables("Xue-ju"), two_syllables("Ying"), two_syllables("Alexander")
    ((('xu', 'feng'),), (('xue', 'ju'),), (), ())
    """
    word = word.lower().replace("-", "")
    if word in _SYLLABLES:
        return ()
    return tuple(
        (word[:cut], word[cut:]) for cut in range(1, len(word)) if word[:cut] in _SYLLABLES and word[cut:] in _SYLLABLES
    )


def _candidates(text: str) -> list[tuple[regex.Match[str], str, tuple[tuple[str, str], ...]]]:
    """Surname-and-given-name pairs of the translation whose given name is two pinyin syllables
    and not an English word."""
    from .english import is_english_word

    surnames = _surnames()
    found = []
    for match in _NAME.finditer(text):
        surname = match.group(1).lower()
        if surname not in surnames:
            continue
        splits = two_syllables(match.group(2))
        if splits and not is_english_word(match.group(2)):
            found.append((match, surname, splits))
    return found


def _spelled_in(source: str, surname: str, splits: Sequence[tuple[str, str]], start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where ``source[start:end]`` has the surname followed by two characters, with how many of
    the two given-name syllables each reads as: (position, syllables matched)."""
    for characters in _surnames()[surname]:
        at = source.find(characters, start, end)
        while at != -1:
            given = source[at + len(characters) : at + len(characters) + 2]
            if len(given) == 2 and all(_HAN.match(c) for c in given):
                best = max(sum(s in readings(c) for s, c in zip(split, given)) for split in splits)
                yield at, best
            at = source.find(characters, at + 1, end)


def _chinese_source(doc: Any, context: Context) -> str | None:
    """The source, when the name checks may find anything in it: a Chinese source, and a capitalised
    word of the translation that is a surname (the capitalised words, which the name checks find anyway)."""
    if not context.source or source_language(context) != "zh":
        return None
    surnames = _surnames()
    return context.source if any(word.lower() in surnames for word in text_index(doc).capitalised_words) else None


def misspelt_pinyin_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A name in pinyin ("Li Sufeng") whose surname and one given-name syllable are those of a
    Chinese name in the aligned source sentence (李絮枫, Li Xufeng) and whose other syllable is
    no reading of the character it stands for, while the source has the name nowhere spelled so.

    Only given names of two syllables are compared: a one-syllable name that differs entirely is
    no near miss, and a source name of one character differs too often from a rendering that is
    right (a Korean or Vietnamese name written in Chinese characters is rendered in its own
    language: 金正恩 is Kim Jong Un, and nothing is said then).
    """
    source = _chinese_source(doc, context)
    candidates = _candidates(doc.text) if source is not None else []
    if source is None or not candidates:
        return
    # a name spelled right somewhere in the source is not misspelt (the same surname and given name)
    candidates = [
        (match, surname, splits) for match, surname, splits in candidates
        if all(best < 2 for _, best in _spelled_in(source, surname, splits, 0, len(source)))
    ]
    if not candidates:
        return
    alignment = aligned_sentences(doc, context)
    for index, here in _by_bead(alignment, candidates, lambda candidate: candidate[0].start()):
        if not alignment.beads[index].source:
            continue
        around = alignment.neighbours(index)
        first, last = alignment.source[around.source[0]], alignment.source[around.source[-1]]
        for match, surname, splits in here:
            near = next((at for at, best in _spelled_in(source, surname, splits, first.start, last.end) if best == 1), None)
            if near is None:
                continue
            named = _name_at(source, surname, near)
            name = source[named.start : named.end]
            spelled = " ".join(part.capitalize() for part in usual_spelling(name))
            yield Hit(
                match.start(), match.end(),
                message=f"“{match.group()}” is not how {name} of the source is written in pinyin ({spelled})",
                source=named, source_sentence=source_sentence_at(alignment, near),
            )


def invented_pinyin_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A name in pinyin ("Wen Jiabao", "Liu Yunshan") of which the source has no trace: no place where
    the surname is followed by a character read as one of its given-name syllables, and no two
    characters read as its given name. MT put a name it knew in place of the source's (何立峰 became
    "Wen Jiabao") or made one up from the meaning of other words (星图, "star map", became "Deng
    Xiaoping"). Candidates are those of LQ214 (a surname, a given name of two pinyin syllables
    that is not an English word) whose surname is spelled as surnames are, not by another reading
    of its character; a near miss is LQ214's, and a name the source writes in Latin letters is its own.
    """
    source = _chinese_source(doc, context)
    if source is None:
        return
    candidates = _candidates(doc.text)
    compact, usual = _compact(source), _usual_surnames()
    absent = [
        (match.start(), match.end()) for match, surname, splits in candidates
        if surname in usual
        and match.group() not in source
        and not any(best for _, best in _spelled_in(compact, surname, splits, 0, len(compact)))
        and not any(_given_name_in(compact, split) for split in splits)
    ]
    taken = {start for start, _ in absent}
    absent += [span for span in _untraced_surnames(doc.text, compact) if span[0] not in taken]
    if not absent:
        return
    absent.sort()
    alignment = aligned_sentences(doc, context)
    for index, here in _by_bead(alignment, absent, lambda span: span[0]):
        in_source = bead_source_span(alignment, index)
        for start, end in here:
            yield Hit(
                start, end,
                message=f"“{doc.text[start:end]}” reads as a Chinese name in pinyin that the source does not have",
                source=in_source, source_sentence=in_source,
            )


# A capitalised word that may be a surname, with the capitalised word before it (a title, or the word
# before a name it is part of: "Hong Kong") and after it (its given name)
_LONE_NAME = regex.compile(
    r"(?:(?<=(?<![\p{L}.])(\p{Lu}[\p{L}.]*) ))?(?<![\p{L}\p{N}'’.-])(\p{Lu}\p{Ll}{1,5})(?: (\p{Lu}\p{Ll}{1,11}(?:-\p{Ll}{1,6})?))?(?![\p{L}\p{N}'’-])"
)
# Words that come before a surname in English without being part of the name
_TITLES = frozenset((
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof. Professor President Premier Chairman Chairwoman Chair Minister "
    "Secretary Director Governor Mayor General Vice Deputy Reporter Journalist Editor Correspondent Manager "
    "Ambassador Spokesman Spokeswoman Spokesperson Commissioner Senator Chief Officer Founder Head Leader "
    "Councillor Councilor Judge Justice Captain Colonel Commander Coach Teacher Doctor Lawyer Consul"
).split())


def _untraced_surnames(text: str, compact: str) -> list[tuple[int, int]]:
    """A surname in pinyin, alone ("… as Liu said") or with a given name of one or two syllables
    ("Wang Ji", "Tao Zhihong"), that no character of the (compacted) source reads as: MT named someone
    the source does not (蔡奇 as "Wang Ji", 曹志弘 as "Tao Zhihong", 程婕 as "Chen Chen"). The surname must
    not follow a capitalised word other than a title ("Hong Kong", "Tan Kian Leng" are a place and a
    Hokkien name), and what follows it must read as a given name ("Hua Hin" is a place in Thailand).

    >>> _untraced_surnames("Written by Chen Chen. Mr. Liu agreed; Hong Kong and Hua Hin too.", "文/本报记者 程婕")
    [(11, 20), (26, 29)]
    """
    from .english import is_english_word

    surnames, usual, read = _surnames(), _usual_surnames(), _characters_read(compact)
    found = []
    for match in _LONE_NAME.finditer(text):
        before, word, given = match.group(1), match.group(2), match.group(3)
        surname = word.lower()
        if surname not in usual or surname not in surnames or surname in read:
            continue
        if any(characters in compact for characters in surnames[surname]) or word in compact:
            continue
        if before is not None and before not in _TITLES:
            continue
        if given is not None and (
            is_english_word(given) or not (given.lower().replace("-", "") in _SYLLABLES or two_syllables(given))
        ):
            continue
        if is_english_word(word):
            continue
        found.append((match.start(2), match.end(3) if given is not None else match.end(2)))
    return found


def _by_bead(alignment: Alignment, found: Sequence[_Found], start_of: Callable[[_Found], int]) -> Iterator[tuple[int, list[_Found]]]:
    """Each bead with target sentences, and what was found that starts in them (in order)."""
    for index, bead in enumerate(alignment.beads):
        if bead.target:
            start, end = alignment.target[bead.target[0]].start, alignment.target[bead.target[-1]].end
            here = [item for item in found if start <= start_of(item) < end]
            if here:
                yield index, here


@functools.lru_cache(maxsize=16)
def _compact(source: str) -> str:
    """The source with the spaces between Chinese characters taken out ("(记者 颜 欢)" names 颜欢)."""
    compact: str = _SPACE_IN_NAME.sub("", source)
    return compact


_SPACE_IN_NAME = regex.compile(r"(?<=\p{Han})[^\S\n]+(?=\p{Han})")


@functools.lru_cache(maxsize=16)
def _characters_read(source: str) -> dict[str, str]:
    """Each pinyin reading → the source's characters read so (a few thousand at most, whatever the
    source's length)."""
    found: dict[str, str] = {}
    for character in set(source):
        for reading in readings(character):
            found[reading] = found.get(reading, "") + character
    return found


def _given_name_in(source: str, split: tuple[str, str]) -> bool:
    """Whether two characters side by side in the (compacted) source read as a given name's two syllables."""
    read = _characters_read(source)
    first, second = read.get(split[0]), read.get(split[1])
    return bool(first and second and regex.search(f"[{regex.escape(first)}][{regex.escape(second)}]", source))


def _name_at(source: str, surname: str, at: int) -> TextSpan:
    """The name :func:`_spelled_in` found at ``at``: the surname spelled ``surname`` and two characters."""
    return TextSpan(at, at + len(next(c for c in _surnames()[surname] if source.startswith(c, at))) + 2)


# "Ma Zuo Bo", "He Li Feng": a capitalised surname and two capitalised one-syllable words, not followed by
# another capitalised word ("Ye Xiu Huang Shaotian" is two names).
_SPLIT_NAME = regex.compile(
    r"(\p{Lu}(?<![\p{L}\p{N}'’-]\p{Lu})\p{Ll}{0,5})\s(\p{Lu}\p{Ll}{0,5})\s(\p{Lu}\p{Ll}{0,5})(?![\p{L}\p{N}'’-]|\s+\p{Lu})"
)


def split_given_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A Chinese name in pinyin whose given name is written as two words ("Ma Zuo Bo" for 马祚波):
    English joins a given name's syllables in one word (Ma Zuobo, Xi Jinping), with an apostrophe
    before a syllable that starts with a, e or o (Li Ming'an).

    Reported when the surname and the two words are pinyin syllables and the source has that
    surname followed by two characters read as the two syllables, in that order; the fix joins them.
    """
    source = _chinese_source(doc, context)
    if source is None:
        return
    text, surnames = doc.text, _surnames()
    alignment: Alignment | None = None
    for match in _SPLIT_NAME.finditer(text, overlapped=True):
        surname, first, second = (part.lower() for part in match.groups())
        if surname not in surnames or first not in _SYLLABLES or second not in _SYLLABLES:
            continue
        at = next((at for at, matched in _spelled_in(source, surname, ((first, second),), 0, len(source)) if matched == 2), None)
        if at is None:
            continue
        if alignment is None:
            alignment = aligned_sentences(doc, context)
        near = _name_at(source, surname, at)
        name = source[near.start : near.end]
        joined = first.capitalize() + ("'" if second[0] in "aeo" else "") + second
        replacement = f"{match.group(1)} {joined}"
        yield Hit(
            match.start(), match.end(), replacement,
            message=f"“{match.group()}” splits the given name of {name} in the source: English writes “{replacement}”",
            applicability=Applicability.UNSAFE, source=near, source_sentence=source_sentence_at(alignment, near.start),
        )


__all__: Sequence[str] = ("invented_pinyin_names", "misspelt_pinyin_names", "split_given_names", "two_syllables")
