"""Key terms and consistency against the source, per aligned sentence pair (as Xbench's key-term
and inconsistency checks).

- :func:`key_terms`: a term of the house glossary in a source sentence must be translated with one
  of its required target terms in the sentences aligned with it (or the next ones: a translator may
  move a clause across a sentence boundary). The terms come from the rule's ``terms`` option, which
  ``copyedit import-glossary --key-terms`` writes from a CSV or TBX glossary.
- :func:`inconsistent_translations`: one source sentence translated two ways in one document.

>>> from types import SimpleNamespace
>>> doc = SimpleNamespace(text="The governor's office met. The office closed the road.", blocks=())
>>> context = Context(source="Хокимият собрался. Хокимият закрыл дорогу.", source_lang="ru")
>>> terms = [{"source": ["хокимият"], "target": ["administration"]}]
>>> [doc.text[h.start:h.end] for h in key_terms(doc, context, terms)]
["The governor's office met.", 'The office closed the road.']
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from ..errors import OptionError
from ..kinds.base import Context, Hit
from ..languages import UNSPACED_SCRIPT
from ..model import Span
from .align import Span as AlignedSpan
from .bilingual import aligned_sentences, source_language

_NORMAL = regex.compile(r"[\W_]+")
_EDGE_MARKS = regex.compile(r"^[\W_]+|[\W_]+$")
MIN_CONSISTENCY_WORDS = 4  # shorter sentences ("Thank you.") may fairly be translated several ways


def _terms(terms: Any) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The ``terms`` option checked: a list of {source: [...], target: [...]} (strings allowed for one)."""
    if not isinstance(terms, list):
        raise OptionError("option 'terms' must be a list of {source: [...], target: [...]}")
    checked = []
    for number, entry in enumerate(terms, 1):
        if not isinstance(entry, Mapping):
            raise OptionError(f"option 'terms', entry {number}: must be a mapping with 'source' and 'target'")
        sides = []
        for side in ("source", "target"):
            value = entry.get(side)
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise OptionError(f"option 'terms', entry {number}: '{side}' must be a term or a list of terms")
            sides.append(tuple(v.strip() for v in values))
        checked.append((sides[0], sides[1]))
    return tuple(checked)


# Languages whose nouns change their last vowel in their cases (политика, политику, политики; firma, firmę):
# a term's last word may drop its final vowel (or soft sign, or й) for one of their endings
SLAVIC = frozenset({"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk"})
_SLAVIC_FINALS = frozenset("аяоеёуюыиіїєйьaeiouyąęóáéíúůýěô")
# The case endings that may stand for it (Cyrillic, then Latin): a closed list, as any three letters found verbs,
# adjectives and other words of a term's stem ("дело": делать; "заява": заявив; "цена": центр; "страна": странице).
# Measured on the WMT ru-en and uk-en sources with 52 and 50 news nouns: 1,202 forms found that were missed, of
# which 7 no form of the term ("мести" for "место"; "политик", a politician, for "политика"); any three letters
# found 74 more, nearly all other words.
_SLAVIC_ENDINGS = (
    "а я о е ё у ю ы и і ї й ой ою ей ею ёй єю ём ем ом ам ям ами ями ах ях ий ии ию ия ие ов ев ів "
    "a e ě é i í o ó u ú ů y ý ą ę ou om em ám ami ach ách ích ej ie ov ův ům ama ima ih am ów iu ia ii"
).split()
_SLAVIC_ENDING = "(?:" + "|".join(sorted(_SLAVIC_ENDINGS, key=len, reverse=True)) + ")"
# A word before a term's last one is most often its adjective ("Государственная дума", "Верховна Рада", "Sąd
# Najwyższy"), or a noun before its genitive ("министерство обороны"): it may lose up to two final vowels (or й)
# for a noun's or an adjective's case ending ("Государственной думы", "Верховної Ради", "министерства обороны")
_SLAVIC_ADJECTIVE_ENDINGS = (
    "ая яя ое ее ые ие ый ий ій ой ей ого его ього ому ему ьому ым им ім ых их іх ыми ими іми ую юю ої єї "
    "ego emu ym ych ymi ej ą ého ému ém ým ých ými á é ý"
).split()
_SLAVIC_WORD_ENDING = "(?:" + "|".join(sorted(set(_SLAVIC_ENDINGS) | set(_SLAVIC_ADJECTIVE_ENDINGS), key=len, reverse=True)) + ")"
# English plurals beyond -s and -es: a last word's ending and what its plural ends in instead ("city", "cities";
# "policy", "policies"; "leaf", "leaves"; "analysis", "analyses"; "chairman", "chairmen"), and irregular plurals
_ENGLISH_PLURAL_ENDINGS = (
    ("y", r"(?:y|ies)", r"[^aeiou]y"), ("fe", r"(?:fes?|ves)", "fe"), ("f", r"(?:fs?|ves)", "f"), ("is", r"(?:is|es)", "is"),
    ("man", r"m[ae]ns?", "man"), ("ion", r"(?:ions?|ia)", "rion"), ("on", r"(?:ons?|a)", "enon"), ("um", r"(?:ums?|a)", "(?:medi|dat)um"),
)
_ENGLISH_IRREGULAR_PLURALS = {
    "child": "children", "person": "people", "foot": "feet", "tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen",
}


@functools.lru_cache(maxsize=4096)
def _pattern(term: str, inflected: bool, slavic: bool = False) -> regex.Pattern[str]:
    """A term as a pattern: whole words, any case, any spacing; on the source side the last word may take
    an ending of up to three letters ("хокимията"), and in a ``slavic`` language one of its case endings for its
    last vowel ("политику" for "политика"); on the English side a plural ("cities" for "city", "children" for "child").

    >>> [bool(_pattern("city", False).fullmatch(w)) for w in ("city", "cities", "citys", "City's")]
    [True, True, False, False]
    >>> [bool(_pattern(t, False).fullmatch(w)) for t, w in (("key", "keys"), ("leaf", "leaves"), ("crisis", "crises"), ("child", "children"), ("spokeswoman", "spokeswomen"))]
    [True, True, True, True, True]
    >>> [bool(_pattern("политика", True, True).fullmatch(w)) for w in ("политику", "политикой", "политиках", "политикам", "политикует")]
    [True, True, True, True, False]
    >>> [bool(_pattern("политика", True).fullmatch(w)) for w in ("политику", "политиками")]  # not a Slavic source
    [False, True]
    >>> [bool(_pattern(t, True, True).fullmatch(w)) for t, w in (("Государственная дума", "Государственной думы"),
    ...     ("Верховна Рада", "Верховної Ради"), ("министерство обороны", "министерства обороны"), ("Президент України", "Президента України"))]
    [True, True, True, True]
    """
    words = [regex.escape(word) for word in regex.split(r"[\s\-‐]+", term) if word]
    if inflected and slavic and not UNSPACED_SCRIPT.search(term):
        words[:-1] = [_slavic_word(word) for word in words[:-1]]
    body = r"[\s\-‐]+".join(words)
    if UNSPACED_SCRIPT.search(term):
        return regex.compile(body, regex.IGNORECASE)
    if inflected:
        ending = r"\p{L}{0,3}"
        last = words[-1]
        if slavic and len(last) >= 4 and last[-1].lower() in _SLAVIC_FINALS:
            # (no ending at all, the genitive plural "стран", only after a stem of four letters not ending in a soft
            # sign: "цен", "дел", "семь" (seven, for "семья") and "стать" (to become, for "статья") are too often other words)
            stem = last[:-1]
            bare = len(stem) >= 4 and stem[-1].lower() not in "ьй"
            head = body[: len(body) - len(last)]
            body = rf"(?:{body}{ending}|{head}{stem}{_SLAVIC_ENDING}{'?' if bare else ''})"
            ending = ""
    else:
        ending = r"(?:s|es)?"
        last = words[-1].lower()
        plural = _ENGLISH_IRREGULAR_PLURALS.get(last)
        if plural is not None:
            body = body[: len(body) - len(last)] + rf"(?:{last}|{plural})"
        else:
            for suffix, plurals, shape in _ENGLISH_PLURAL_ENDINGS:
                if regex.search(rf"{shape}\Z", last):
                    body, ending = body[: len(body) - len(suffix)] + plurals, ""
                    break
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){body}{ending}(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


def _slavic_word(word: str) -> str:
    """A (escaped) word before a Slavic term's last one as a pattern of its case forms: its stem without up to
    two final vowels, then a noun's or an adjective's ending; a word ending in a consonant with up to three
    letters more, as the last word takes ("Президента України", "Sądu Najwyższego"); a word of under four
    letters as it is."""
    if len(word) < 4:
        return word
    stem = word
    while len(stem) > len(word) - 2 and stem[-1:].lower() in _SLAVIC_FINALS:
        stem = stem[:-1]
    if stem == word:
        return word + r"\p{L}{0,3}"
    return rf"(?:{word}|{stem}{_SLAVIC_WORD_ENDING})" if len(stem) >= 3 else word


def key_terms(doc: Any, context: Context, terms: Any = None) -> Iterator[Hit]:
    """Source sentences with a glossary term whose aligned translation has none of its target terms."""
    checked = _terms([] if terms is None else terms)
    if not context.source or not checked:
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    slavic = source_language(context) in SLAVIC
    for index, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue  # an omission or an addition: not a key term's to report
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        around = alignment.neighbours(index)
        translated = " ".join(text[alignment.target[j].start : alignment.target[j].end] for j in around.target)
        found_by_entry = _longest_matches(checked, slavic, source, first.start, last.end)
        for (sources, targets), found in zip(checked, found_by_entry):
            if found is None or any(_pattern(target, False).search(translated) for target in targets):
                continue
            start, end = alignment.target[bead.target[0]].start, alignment.target[bead.target[-1]].end
            wanted = " or ".join(f"“{target}”" for target in targets)
            has_none = "the translation does not have it" if len(targets) == 1 else "the translation has neither" if len(targets) == 2 else "the translation has none of them"
            yield Hit(
                start, end,
                message=f"Key term: the source has “{found.group()}”, which the glossary translates {wanted}; {has_none}",
                source=Span(found.start(), found.end()), source_sentence=Span(first.start, last.end),
            )


def _longest_matches(
    checked: Sequence[tuple[tuple[str, ...], tuple[str, ...]]], slavic: bool, source: str, start: int, end: int
) -> list[regex.Match[str] | None]:
    """Each glossary entry's first match in ``source[start:end]`` that no longer term of another entry holds, as
    a terminology tool recognises the longest term: 外交部长 (Foreign Minister) is no mention of 外交部 (Foreign
    Ministry), nor "Верховная рада" of "рада" (council). Chinese and Japanese terms, which cannot be matched as
    whole words, are found inside longer ones; a glossary with both could not even be imported (its own examples
    failed).

    >>> entries = ((("外交部",), ("Foreign Ministry",)), (("外交部长",), ("Foreign Minister",)))
    >>> [m and m.group() for m in _longest_matches(entries, False, "外交部长说，外交部发言人也说。", 0, 15)]
    ['外交部', '外交部长']
    >>> [m and m.group() for m in _longest_matches(entries, False, "外交部长说。", 0, 6)]
    [None, '外交部长']
    """
    matches = [
        [match for term in sources for match in _pattern(term, True, slavic).finditer(source, start, end)]
        for sources, _ in checked
    ]
    every = [(index, match) for index, own in enumerate(matches) for match in own]

    def held(number: int, match: regex.Match[str]) -> bool:
        """Whether a longer match of another entry's term holds ``match``."""
        return any(
            index != number and o.start() <= match.start() and match.end() <= o.end() and o.end() - o.start() > match.end() - match.start()
            for index, o in every
        )

    return [
        next((match for match in sorted(own, key=lambda m: m.start()) if not held(number, match)), None)
        for number, own in enumerate(matches)
    ]


def _normal(text: str) -> str:
    return str(_NORMAL.sub(" ", text)).strip().casefold()


@functools.lru_cache(maxsize=4096)
def _sentence_key(text: str, start: int, end: int) -> tuple[str, int]:
    """A source sentence without its white space and the marks at either end (a list's bullet, a doubled full
    stop), and its number of words (kept: every translation of a source reads them). Case and the marks
    within count: ".c C 源程序" and ".C C++ 源程序" are two sentences (their translations are compared without them).

    >>> _sentence_key("· Hydratation kann helfen..", 0, 27) == _sentence_key("Hydratation  kann helfen.", 0, 25)
    True
    >>> _sentence_key(".c C 源程序; 预处理, 编译", 0, 18)[0], _sentence_key(".C C++ 源程序; 预处理, 编译", 0, 20)[0]
    ('cC源程序;预处理,编译', 'CC++源程序;预处理,编译')
    """
    sentence = text[start:end]
    return _EDGE_MARKS.sub("", "".join(sentence.split())), len(_normal(sentence).split())


def inconsistent_translations(doc: Any, context: Context, min_words: int = MIN_CONSISTENCY_WORDS) -> Iterator[Hit]:
    """A source sentence repeated in the document and translated differently the second time (one to one
    pairs only: a sentence split or merged with its neighbours is translated in context)."""
    if not context.source:
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    # one to one: the source sentence's key, the sentence, its translation (the aligner's spans: a
    # finding's are made only for a sentence repeated, and most documents repeat none)
    pairs: list[tuple[str, AlignedSpan, AlignedSpan]] = []
    counts: dict[str, int] = {}
    for bead in alignment.beads:
        if len(bead.source) != 1 or len(bead.target) != 1:
            continue
        on_source, on_target = alignment.source[bead.source[0]], alignment.target[bead.target[0]]
        key, words = _sentence_key(source, on_source.start, on_source.end)
        if words < min_words:
            continue
        pairs.append((key, on_source, on_target))
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, tuple[str, AlignedSpan]] = {}  # source sentence -> its first translation and where it is (target)
    for key, sentence, translation in pairs:
        if counts[key] < 2:
            continue  # a sentence the source has once (nearly all): its translation need not be read
        translated = _normal(text[translation.start : translation.end])
        if key not in seen:
            seen[key] = (translated, translation)
            continue
        first, where = seen[key]
        if translated != first:
            earlier = " ".join(text[where.start : where.end].split())
            in_source = Span(sentence.start, sentence.end)
            yield Hit(
                translation.start, translation.end,
                message=f"The same source sentence was translated differently before: “{_shorten(earlier)}”",
                source=in_source, source_sentence=in_source,
            )


def _shorten(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


__all__: Sequence[str] = ("inconsistent_translations", "key_terms")
