"""Text that MT copied from its source instead of translating it, found per aligned sentence
pair: a target sentence that is its source sentence, and source-language words or abbreviations
inside an English sentence.

A word counts as copied when the aligned source sentence (or the one before or after: a
sentence boundary may move) has it letter for letter, and as source language when it is not
English: not in the English word list shipped in ``data/english-words.txt.gz`` (SCOWL, built by
``scripts/build_english_words.py``), not a name (capitalised words are names more often than
not), not a number, URL or code. An abbreviation counts as the source's when the source spells
it out in its own language ("masa grasa (MG)", found as Schwartz & Hearst 2003 find
abbreviation definitions) and the translation does not spell it out in English: "fat mass (MG)"
keeps the Spanish abbreviation of "masa grasa", while "bioimpedance analysis (BIA)" is English.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from ..kinds.base import Context, Hit
from ..model import Span as TextSpan
from .english import is_english_word
from .language import foreign_script

if TYPE_CHECKING:  # the aligner is imported where a source is read (5 ms a start without one)
    from .align import Alignment, Span

# A word: letters and digits, with inner hyphens, apostrophes and slashes (AEC/AIC, day/cama).
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’\-/.][\p{L}\p{N}]+)*")
_ABBREVIATION = regex.compile(r"(?:\p{N}*\p{Lu}){2,}[\p{Lu}\p{N}]*")  # two capitals or more: MG, BPGYR, PCL5
_LATIN_LETTERS = regex.compile(r"\p{Latin}")
# Scripts whose texts write their abbreviations in Latin letters only when they are international
# (NATO, GDP): a copied Latin abbreviation is then no evidence of anything.
_CLAUSE_STOP = regex.compile(r"(?r)[,;:.!?()\[\]=]")
_PARENTHESIS = regex.compile(r"\(([^()]{1,12})\)")
# International names of drugs (INN stems) and chemicals, written alike in English and in the
# source: pembrolizumab, apixaban, azathioprine.
_TERM_ENDING = regex.compile(
    r"(?:mab|nib|ban|pril|sartan|olol|azole|mycin|cillin|vir|statin|parin|platin|taxel|ine|ide|ase|ate|one)s?$"
)
# Source languages that write English abbreviations for their own long forms (German medicine:
# "linksventrikulärer Assist-Devices (LVAD)"): a copied abbreviation is no evidence there. On the
# biomedical MQM data, 34 German flags landed on a rated error 0.41 of the time.
BORROWS_ABBREVIATIONS = frozenset({"de"})
MIN_WORD = 4  # a shorter copied word (en, la, die) is evidence only beside a longer one
# Copied words that are not English must come this many together: one alone is a drug, a species
# or a unit more often than a word left untranslated (misoprostol, trachomatis, ng/mL).
MIN_WORDS = 2


# --- abbreviation definitions ---------------------------------------------------------------


def _long_form(short: str, words: Sequence[str]) -> str | None:
    """The shortest tail of ``words`` that ``short`` abbreviates (Schwartz & Hearst 2003): every
    letter of the short form in order, read from the end, the first one at a word's start.

    >>> _long_form("MLG", "la masa libre de grasa".split()), _long_form("ACT", "el agua corporal total".split())
    ('masa libre de grasa', 'agua corporal total')
    >>> _long_form("ACT", "total body water".split()) is None, _long_form("BIA", "bioimpedancemetry".split())
    (True, 'bioimpedancemetry')
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2 or not letters[0].isalpha():
        return None
    text = " ".join(words).lower()
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        c = letters[s]
        while t >= 0 and (text[t] != c or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        t -= 1
        s -= 1
    start = text.rfind(" ", 0, t + 1) + 1
    return " ".join(words)[start:]


def definitions(text: str) -> dict[str, list[str]]:
    """Abbreviations the text spells out, "long form (SF)", each with its long forms.

    >>> definitions("la masa grasa (MG) y el agua corporal total (ACT) en 5 pacientes (n = 5)")
    {'MG': ['masa grasa'], 'ACT': ['agua corporal total']}
    """
    found: dict[str, list[str]] = {}
    for match in _PARENTHESIS.finditer(text):
        short = match.group(1).strip().removesuffix("s")
        if not _ABBREVIATION.fullmatch(short) or len(short) > 10:
            continue
        # the long form runs back to the nearest punctuation at most: "ACT, extracellular water
        # (AEC)" does not spell out AEC with the A of ACT
        window_start = max(0, match.start() - 120)
        stop = _CLAUSE_STOP.search(text, window_start, match.start())
        before = regex.findall(r"[\p{L}\p{N}'’-]+", text[stop.end() if stop else window_start : match.start()])
        window = before[-min(len(short) + 5, 2 * len(short)) :]
        long = _long_form(short, window)
        if long is not None:
            found.setdefault(short, []).append(long)
    return found


# --- the checks -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


def words_of(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _source_language(context: Context) -> str:
    from .bilingual import source_language

    return source_language(context)


def _copies_possible(context: Context) -> bool:
    """Whether MT could copy words from this source into English: a Latin-script source in
    another language."""
    if not context.source:
        return False
    language = _source_language(context).split("-")[0]
    if language == context.language.split("-")[0]:
        return False
    return _may_write_latin(language) and _mostly_latin(context.source[:2000])


@functools.lru_cache(maxsize=64)
def _may_write_latin(language: str) -> bool:
    """Whether a language is written in Latin letters by CLDR: its likely script, or a Latin locale of it
    (Serbian). Latin words in a Sinhala or Russian source are its own borrowings, which English keeps
    ("caliciviruses, herpesviruses … සහ parvoviruses": mostly Latin letters, and no Sinhala left in English).

    >>> _may_write_latin("et"), _may_write_latin("sr"), _may_write_latin("si"), _may_write_latin("ru"), _may_write_latin("xx")
    (True, True, False, False, True)
    """
    from babel import localedata
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language)
    return likely is None or "_Latn" in likely or localedata.exists(f"{language}_Latn")


@functools.lru_cache(maxsize=16)
def _mostly_latin(sample: str) -> bool:
    """Whether most letters of a source's first 2,000 characters are Latin (read once per source)."""
    letters = sum(1 for c in sample if c.isalpha())
    return letters > 0 and len(_LATIN_LETTERS.findall(sample)) * 2 > letters


@dataclass(frozen=True, slots=True)
class _Pair:
    """One bead's target sentences, and the words of its source sentences and their neighbours."""

    target: Span
    source_words: frozenset[str]
    source: TextSpan  # the bead's source sentences
    around: TextSpan  # and those of its neighbours


def _pairs(doc: Any, context: Context) -> tuple[_Pair, ...]:
    return _pairs_of(context.source or "", doc.text, _source_language(context), context.language)


@functools.lru_cache(maxsize=8)
def _pairs_of(source: str, target: str, source_lang: str, target_lang: str) -> tuple[_Pair, ...]:
    """Each bead with both sides (cached: both checks read them)."""
    from .align import Span
    from .bilingual import _alignment

    alignment: Alignment = _alignment(source, target, source_lang, target_lang)
    sentence_words = [_words_between(source, span.start, span.end) for span in alignment.source]
    pairs: list[_Pair] = []
    for index, bead in enumerate(alignment.beads):
        if not bead.target or not bead.source:
            continue
        around = alignment.neighbours(index)
        first, last = alignment.target[bead.target[0]], alignment.target[bead.target[-1]]
        source_words = frozenset().union(*(sentence_words[i] for i in around.source))
        s_first, s_last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        a_first, a_last = alignment.source[around.source[0]], alignment.source[around.source[-1]]
        pairs.append(_Pair(
            Span(first.start, last.end), source_words,
            TextSpan(s_first.start, s_last.end), TextSpan(a_first.start, a_last.end),
        ))
    return tuple(pairs)


@functools.lru_cache(maxsize=1024)
def _tokens(text: str, start: int, end: int) -> tuple[str, ...]:
    """The words of a translated sentence as :func:`words_of` finds them, without their places (kept: both checks
    read them; most sentences need no more)."""
    return tuple(_TOKEN.findall(text, start, end))


@functools.lru_cache(maxsize=4096)
def _words_between(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a source sentence (kept: every translation of a source reads them)."""
    return frozenset(m.group() for m in _TOKEN.finditer(text, start, end))


def _foreign_word(text: str) -> bool:
    """A copied word that is evidence of source language: lower-case, letters only, not English."""
    if not text[:1].isalpha() or any(c.isdigit() for c in text):
        return False
    if text[:1].isupper():
        return False  # a name, more often than not, or a title
    if text.isupper() and len(text) > 1:
        return False  # an abbreviation: judged apart
    if _TERM_ENDING.search(text):
        return False  # drugs and chemicals keep their international names
    return not is_english_word(text)


@functools.lru_cache(maxsize=8)
def _source_abbreviations(source: str, target: str) -> frozenset[str]:
    """Abbreviations the source spells out in its language and the translation never spells out
    in English."""
    in_source = _definitions(source)
    in_target = _definitions(target)
    return frozenset(
        short for short, longs in in_source.items()
        if short not in in_target
        and any(_initials(short, long) and not _proper_name(long) and not _english(long) for long in longs)
    )


def _proper_name(long: str) -> bool:
    """Whether a long form is a name, every word of four letters or more capitalised: an
    institution's or a law's abbreviation is often kept in English (IMSS, GOÄ).

    >>> _proper_name("Instituto Mexicano del Seguro Social"), _proper_name("masa libre de grasa")
    (True, False)
    """
    words = [word for word in regex.split(r"[\s\-]+", long) if len(word) >= 4]
    return len(words) >= 2 and all(word[:1].isupper() for word in words)


def _english(long: str) -> bool:
    """Whether a long form is English: the source used the English abbreviation.

    >>> _english("adrenal venous sampling"), _english("agua corporal total")
    (True, False)
    """
    return all(is_english_word(word) for word in regex.split(r"[\s\-]+", long) if len(word) >= 3)


def _initials(short: str, long: str) -> bool:
    """Whether a long form is spelled out over several words, at least two of the short form's
    letters starting one of them: "masa grasa" (MG), not "Videosprechstunde" (VISP) or
    "bioimpedanciometría" (BIA), single words that English may share.

    >>> _initials("MG", "masa grasa"), _initials("VISP", "Videosprechstunde"), _initials("TEPT", "trastorno de estrés postraumático")
    (True, False, True)
    """
    starts = [word[:1].lower() for word in regex.split(r"[\s\-]+", long) if word]
    if len(starts) < 2:
        return False
    letters = [c.lower() for c in short if c.isalpha()]
    return sum(1 for c in letters if c in starts) >= 2


def source_fragments(doc: Any, context: Context, min_word: int = MIN_WORD, min_words: int = MIN_WORDS) -> Iterator[Hit]:
    """Source-language words and abbreviations copied into an English sentence."""
    if not _copies_possible(context):
        return
    text = doc.text
    source = context.source or ""
    borrows = _source_language(context) in BORROWS_ABBREVIATIONS
    abbreviations = frozenset() if borrows else _source_abbreviations(source, text)
    for pair in _pairs(doc, context):
        tokens = _tokens(text, pair.target.start, pair.target.end)
        if not abbreviations and not any(map(_foreign_word, pair.source_words.intersection(tokens))):
            continue  # no copied word that is not English, and no abbreviation to find: no run starts (most sentences)
        run: list[Word] = []
        for position, word in enumerate(words_of(text, pair.target.start, pair.target.end)):
            found = list(_source_abbreviations_in(word, pair.source_words, abbreviations))
            if found:
                for start, end, bare in found:
                    in_source, sentences = _in_source(source, pair, bare) or (pair.source, pair.source)
                    yield Hit(
                        start, end,
                        message=f"“{text[start:end]}” is the source's abbreviation (“{_long(source, bare)}”): "
                        "give the English one, or spell it out",
                        source=in_source, source_sentence=sentences,
                    )
                continue
            copied = word.text in pair.source_words
            if copied and _foreign_word(word.text) and not _epithet(tokens, position):
                run.append(word)
                continue
            if copied and run and word.text.lower() in pair.source_words and len(word.text) <= 3:
                run.append(word)  # a short word inside a copied run: "Registro Sueco de Cáncer"
                continue
            yield from _report(text, run, min_word, min_words, source, pair)
            run = []
        yield from _report(text, run, min_word, min_words, source, pair)


def _source_abbreviations_in(
    word: Word, source_words: frozenset[str], abbreviations: frozenset[str]
) -> Iterator[tuple[int, int, str]]:
    """The parts of a word (AEC/AIC is two) that are abbreviations of the source copied from the
    aligned source sentence: (start, end, abbreviation without a plural s)."""
    offset = word.start
    for part in word.text.split("/"):
        bare = part.removesuffix("s") if part[:-1].isupper() else part
        if bare in abbreviations and (part in source_words or bare in source_words or word.text in source_words):
            yield offset, offset + len(part), bare
        offset += len(part) + 1


def _epithet(sentence: Sequence[str], position: int) -> bool:
    """Whether a sentence's word (of its words ``sentence``) follows a capitalised word that is not English: the
    second part of a species name (Chlamydia trachomatis, Lactobacillus reuteri) or of another name.

    >>> _epithet(["with", "Chlamydia", "trachomatis"], 2), _epithet(["with", "nabiximoles"], 1)
    (True, False)
    >>> _epithet(["Se", "midió"], 1)  # the first word of a sentence is capitalised anyway
    False
    """
    if position == 0:
        return False
    before = sentence[position - 1]
    # the first word of a sentence is capitalised anyway, unless it is long enough for a genus
    return before[:1].isupper() and not before.isupper() and (position >= 2 or len(before) >= 6)


def _long(source: str, short: str) -> str:
    return _definitions(source).get(short, [short])[0]


@functools.lru_cache(maxsize=8)
def _definitions(text: str) -> dict[str, list[str]]:
    return definitions(text)


# The letter runs of a stretch of text, and what is not a letter in it (see _in_source)
_LETTER_RUN = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_NOT_LETTER = regex.compile(r"[^\p{L}\p{M}]")


def _in_source(source: str, pair: _Pair, words: str, whole_words: bool = True) -> tuple[TextSpan, TextSpan] | None:
    """Where the aligned source sentences (or else their neighbours) have these words, and those sentences;
    None when neither does. ``whole_words=False`` finds them inside a word too (text without spaces), and
    with any marks and digits between their letters: a stretch "月 10 日" is the source's "月１０日"."""
    pattern = (
        regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(words) + r"(?![\p{L}\p{N}])")
        if whole_words
        else regex.compile(r"[^\p{L}\n]*?".join(regex.escape(part) for part in _LETTER_RUN.findall(words)))
        if _NOT_LETTER.search(words)
        else None
    )
    for sentences in (pair.source, pair.around):
        if pattern is None:
            at = source.find(words, sentences.start, sentences.end)
            found = None if at == -1 else TextSpan(at, at + len(words))
        else:
            match = pattern.search(source, sentences.start, sentences.end)
            found = None if match is None else TextSpan(match.start(), match.end())
        if found is not None:
            return found, sentences
    return None


def _report(text: str, run: list[Word], min_word: int, min_words: int, source: str, pair: _Pair) -> Iterator[Hit]:
    while run and not _foreign_word(run[-1].text) and len(run[-1].text) <= 3:
        run = run[:-1]
    if not run:
        return
    foreign = [w for w in run if not is_english_word(w.text)]
    if len(foreign) < min_words or not any(len(w.text) >= min_word for w in foreign):
        return
    start, end = run[0].start, run[-1].end
    if cited_title(text, start, end):
        return
    in_source, sentences = _in_source(source, pair, text[start:end]) or (pair.source, pair.source)
    yield Hit(
        start, end, message=f"“{text[start:end]}” is copied from the source and is not English: left untranslated?",
        source=in_source, source_sentence=sentences,
    )


# A short quotation: its marks, what it holds (up to MAX_CITED_WORDS words), and its closing mark
_QUOTATION = regex.compile(r"(?<![\p{L}\p{N}])([\"“„«‘'‹])([^\"“”„«»‘’'‹›\n]{1,120}?)([\"”“»’'›])(?![\p{L}\p{N}])")
_CLOSES = {'"': '"', "“": "”", "„": "“”", "«": "»", "‘": "’", "'": "'", "‹": "›"}
_LETTERS = regex.compile(r"\p{L}+")
MAX_CITED_WORDS = 5


def cited_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a short quotation (a title, a word cited in its language) with an English
    word just outside it: an English sentence names it and keeps it as it is ("the novel “Pornofilm ja pudel
    viina”", "the 'Idiota de staticis experimentis' dialogue"). A quotation with no English beside it is text left
    untranslated ("„A treia biserică a Scoției” este, membră…"). Quotation marks are paired from the line's start.

    >>> text = 'A prize for the novel "Pornofilm ja pudel viina". „A treia biserică a Scoției” este, membră.'
    >>> [cited_title(text, text.index(w), text.index(w) + len(w)) for w in ("pudel viina", "treia biserică")]
    [True, False]
    """
    line, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    for quotation in _QUOTATION.finditer(text, line, len(text) if line_end == -1 else line_end):
        if quotation.start() > start:
            return False
        opening, held, closing = quotation.group(1, 2, 3)
        if closing not in _CLOSES[opening] or not (quotation.start(2) <= start and end <= quotation.end(2)):
            continue
        if len(held.split()) > MAX_CITED_WORDS:
            return False
        before = _LETTERS.findall(text, max(line, quotation.start() - 30), quotation.start())
        after = _LETTERS.findall(text, quotation.end(), min(len(text), quotation.end() + 30))
        return bool(before and is_english_word(before[-1]) or after and is_english_word(after[0]))
    return False


def foreign_script_fragments(doc: Any, context: Context) -> Iterator[Hit]:
    """LQ103: fragments in a script the article's language does not use (:func:`.language.foreign_script`).
    With a source, a fragment that its sentence's aligned source sentences (or their neighbours) hold
    letter for letter was copied from there: its finding says so and carries the source's copy.
    Without one (most checks), the fragments as they are, with no generator around them."""
    fragments = foreign_script(doc, context)
    return _copied_fragments(fragments, doc, context, context.source) if context.source else fragments


def _copied_fragments(fragments: Iterator[Hit], doc: Any, context: Context, source: str) -> Iterator[Hit]:
    """The fragments, each that the aligned source sentences hold letter for letter said to be copied from there."""
    text = doc.text
    pairs: tuple[_Pair, ...] | None = None
    starts: list[int] = []
    for hit in fragments:
        if pairs is None:  # aligned on the first fragment: most translations have none
            pairs = _pairs(doc, context)
            starts = [pair.target.start for pair in pairs]
        at = bisect.bisect_right(starts, hit.start) - 1
        pair = pairs[at] if at >= 0 and hit.start < pairs[at].target.end else None
        fragment = text[hit.start : hit.end]
        copy = _in_source(source, pair, fragment, whole_words=False) if pair is not None else None
        if copy is None:
            yield hit
            continue
        yield dataclasses.replace(
            hit,
            message=f"“{fragment}” is copied from the source as it stands: left untranslated?",
            source=copy[0],
            source_sentence=copy[1],
        )


def untranslated_pairs(doc: Any, context: Context, min_words: int = 4, share: float = 0.6) -> Iterator[Hit]:
    """Target sentences that are mostly their source sentence, copied."""
    if not _copies_possible(context):
        return
    text = doc.text
    for pair in _pairs(doc, context):
        sentence = _tokens(text, pair.target.start, pair.target.end)
        lettered = [word for word in sentence if word[:1].isalpha()]
        if len(lettered) < min_words or sum(word in pair.source_words for word in lettered) < share * len(lettered):
            continue
        # copied and not English (a word that _foreign_word passes is a lettered one)
        foreign = [w for i, w in enumerate(sentence) if w in pair.source_words and _foreign_word(w) and not _epithet(sentence, i)]
        if len(foreign) >= max(3, len(lettered) // 4):
            yield Hit(
                pair.target.start, pair.target.end,
                message="This sentence is its source sentence, copied: left untranslated?",
                source=pair.source, source_sentence=pair.source,
            )


__all__ = ["definitions", "source_fragments", "untranslated_pairs"]
