"""What a translation must carry over from its source, per aligned sentence pair: every sentence
(LQ208), the Latin-script names a non-Latin source already writes in Latin letters (LQ211), a
Chinese reporter's name in pinyin (LQ212), and a Cyrillic name whole (LQ213).

These find errors that strong MT makes and human translators rarely do: a sentence of a multi-sentence
segment dropped, "Credit Suisse" copied as "Credit Suise", a byline "(记者 马祚波)" left out or the
name made up ("Ma Jun"). Each compares an aligned pair (:mod:`.align`), so a finding points at the
sentence and quotes the source.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import regex

from ..kinds.base import Context, Hit
from ..model import Span as TextSpan
from ..names import fold_diacritics
from .align import PRIOR_COST, Alignment, Bead, Span, align_runs, bead_cost, left_out_costs, length_cost
from .bilingual import (
    _quotable,
    _sentence_of,
    _target_sentences,
    address_mentions,
    aligned_sentences,
    sentence_anchors,
    source_language,
)
from .english import is_english_word
from .pinyin import DOUBLE_SURNAMES, SURNAMES, pinyin_forms, surname_length, usual_spelling

# --- LQ208: a source sentence with no translation --------------------------------------------

# Scripts in which a character is a word or a syllable: a sentence is long in fewer characters.
_DENSE_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LETTER = regex.compile(r"\p{L}")
_SENTENCE_FINAL = regex.compile(r"[.!?…。！？][\p{Pf}\p{Pe}\"'»」』]*$")


@functools.lru_cache(maxsize=4096)
def _sentence_length(text: str, span: Span) -> int:
    """Letters of a source sentence, a dense-script character counting as three (the aligner's ratio
    makes the same allowance: a Chinese character is a word). Kept: each translation of a source asks again."""
    piece = text[span.start : span.end]
    return len(_LETTER.findall(piece)) + 2 * len(_DENSE_SCRIPT.findall(piece))


_QUOTES = (("「", "」"), ("『", "』"), ("«", "»"), ("“", "”"))


def _split_quotation(sentence: str) -> bool:
    """Whether a "sentence" is a piece of a quotation cut at a full stop inside it ("「…申し訳ない。",
    "…」と話す。"), which a translation often joins to the piece beside it.

    >>> _split_quotation("地方から全国に広がる研究者同士のつながりをたどることができる」と話す。"), _split_quotation("「はい」と話す。")
    (True, False)
    """
    return any(sentence.count(opening) != sentence.count(closing) for opening, closing in _QUOTES)


def _stretched(alignment: Alignment, bead: Bead, ratio: float, limit: float) -> bool:
    """Whether a bead of the alignment's sentences has a translation far longer than its source: where the
    aligner put a translation of the sentence it called omitted."""
    if not bead.source or not bead.target:
        return False
    source_length = sum(alignment.source[i].end - alignment.source[i].start for i in bead.source)
    target_length = sum(alignment.target[j].end - alignment.target[j].start for j in bead.target)
    return target_length > limit * ratio * max(source_length, 1)


def omitted_sentences(doc: Any, context: Context, min_letters: int = 40, stretch: float = 1.5) -> Iterator[Hit]:
    """A source sentence of at least ``min_letters`` letters that no target sentence translates.

    The aligner leaves a source sentence without a target (a 1–0 bead) only when no merge with a
    neighbour fits the lengths. Nothing is reported when the translation may be there all the same:
    when a neighbour's translation is ``stretch`` times as long as its source would predict, or has
    all the sentence's numbers (a merge the lengths hid); when target sentences with no source
    stand beside it (a sentence split into more than the three the aligner pairs); when the
    sentence does not end as a sentence does (a line of an unpunctuated transcript); or when it is
    a piece of a quotation cut at a full stop inside it.
    """
    if not context.source:
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    if not alignment.target:
        return
    ratio = max(len(text.strip()), 1) / max(len(source.strip()), 1)
    lang = source_language(context)
    reported: set[int] = set()
    for hit in _reported_omissions(alignment, source, text, ratio, lang, min_letters, stretch):
        reported.add(hit[0])
        yield hit[1]
    for sentence, span_of_target in _shifted_omissions(alignment, source, text, ratio, lang, min_letters, stretch, reported):
        span = alignment.source[sentence]
        yield Hit(
            span_of_target.start, span_of_target.end,
            message=f"A source sentence is not translated near here: “{_quotable(source, span.start, span.end)}”",
            source=TextSpan(span.start, span.end), source_sentence=TextSpan(span.start, span.end),
        )


def _reported_omissions(
    alignment: Alignment, source: str, text: str, ratio: float, lang: str, min_letters: int, stretch: float
) -> Iterator[tuple[int, Hit]]:
    """LQ208's findings in 1–0 beads and in two- or three-to-one beads, each with its (first) source sentence."""
    for index, bead in enumerate(alignment.beads):
        if len(bead.target) == 1 and len(bead.source) > 1:
            hidden = _hidden_omission(alignment, source, text, index, ratio, lang)
            if hidden is not None and _sentence_length(source, alignment.source[hidden]) >= min_letters:
                span, target = alignment.source[hidden], alignment.target[bead.target[0]]
                yield hidden, Hit(
                    target.start, target.end,
                    message=f"A source sentence is not translated near here: “{_quotable(source, span.start, span.end)}”",
                    source=TextSpan(span.start, span.end), source_sentence=TextSpan(span.start, span.end),
                )
            continue
        if bead.target or not bead.source:
            continue
        if sum(_sentence_length(source, alignment.source[i]) for i in bead.source) < min_letters:
            continue
        last_sentence = source[alignment.source[bead.source[-1]].start : alignment.source[bead.source[-1]].end]
        if not _SENTENCE_FINAL.search(last_sentence):
            continue  # a line of unpunctuated text (a transcript): the aligner cannot tell its sentences
        if _split_quotation(source[alignment.source[bead.source[0]].start : alignment.source[bead.source[-1]].end]):
            continue
        if any(not b.source for b in alignment.beads[max(0, index - 2) : index + 3]):
            continue  # target sentences with no source beside it: a sentence split four ways or more
        beside = [i for i in (index - 1, index + 1) if 0 <= i < len(alignment.beads)]
        if any(_stretched(alignment, alignment.beads[i], ratio, stretch) for i in beside):
            continue
        if _anchored_beside(alignment, source, text, bead.source, beside, lang):
            continue
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        near, _ = _target_sentences(alignment, index)  # the target sentence before it
        yield bead.source[0], Hit(
            near.start, near.end,
            message=f"A source sentence is not translated near here: “{_sentence_of(alignment, index, source)}”",
            source=TextSpan(first.start, last.end), source_sentence=TextSpan(first.start, last.end),
        )


# A two- or three-to-one bead hides an omission when its target is this much shorter than its source sentences
# predict, the others' length accounts for it (their length cost at most _HIDDEN_FIT, the omitted one's
# alternatives' at least _HIDDEN_MARGIN more), and the omitted sentence has a number, date or address that
# neither this target nor its neighbours' has, while the others' are all there. Measured with
# benchmarks/qa_omissions.py (one target segment deleted per WMT document): 31 more omissions found of 1,360,
# 2 flags on a sentence beside the deleted one, none on the untouched references or MT outputs.
_HIDDEN_SHRINK = 0.8
_HIDDEN_FIT = 2.0
_HIDDEN_MARGIN = 1.0


def _hidden_omission(alignment: Alignment, source: str, text: str, index: int, ratio: float, lang: str) -> int | None:
    """The source sentence of a two- or three-to-one bead that its one target sentence leaves out, or None:
    Gale–Church pairs a dropped sentence with its neighbour (a 2–1 bead) rather than leave it alone, when
    the lengths allow."""
    bead = alignment.beads[index]
    lengths = [alignment.source[i].end - alignment.source[i].start for i in bead.source]
    target = alignment.target[bead.target[0]]
    target_length = target.end - target.start
    if target_length >= _HIDDEN_SHRINK * ratio * sum(lengths):
        return None
    # the sentence whose absence fits the target best, and how much better than the next
    fits = sorted((length_cost(sum(lengths) - lengths[k], target_length, ratio), k) for k in range(len(lengths)))
    (fit, omitted), (other, _) = fits[0], fits[1]
    if fit > _HIDDEN_FIT or other - fit < _HIDDEN_MARGIN:
        return None
    sentence = bead.source[omitted]
    piece = source[alignment.source[sentence].start : alignment.source[sentence].end]
    if not _SENTENCE_FINAL.search(piece) or _split_quotation(piece):
        return None
    wanted = sentence_anchors(source, alignment.source[sentence], "source", lang)
    kept = frozenset().union(*(sentence_anchors(source, alignment.source[i], "source", lang) for i in bead.source if i != sentence))
    here = sentence_anchors(text, target, "target")
    if not wanted or not kept <= here:
        return None
    near = frozenset().union(*(
        sentence_anchors(text, alignment.target[j], "target")
        for b in alignment.beads[max(0, index - 1) : index + 2] for j in b.target
    ))
    return sentence if wanted - near else None


# A sentence the aligner absorbed by shifting its pairing: beside a bead of two sentences to one (or one to two,
# where it re-synchronised), the beads of up to _SHIFT_WINDOW sentence pairs either side, in one paragraph, are
# aligned again with each of their source sentences left out in turn. The cheapest such alignment is reported when it
# costs (with the omission's prior) less than _SHIFT_MARGIN more than the beads chosen, and at least _SHIFT_UNIQUE
# less than leaving out any other of the window's sentences (and LQ208's tests of a one-to-none bead find no merge
# beside it). Measured with benchmarks/qa_omissions.py (one target segment deleted per WMT document): 118 more of
# 1,891 deletions found in the references (0.236 → 0.299), none flagged on the untouched references, one more on
# the untouched MT outputs (a real omission). Every left-out cost comes from one forward and one backward programme
# over the window (:func:`.align.left_out_costs`, cells no deciding path reaches dropped): 1.0 → 0.27 CPU s of
# ~7 s of checks with a source (qa_speed's first 60 documents a corpus); one alignment a sentence took 13%.
_SHIFT_WINDOW = 4
_SHIFT_MARGIN = 1.5
_SHIFT_UNIQUE = 1.5
# How far from those limits the costs of :func:`.align.left_out_costs` (summed in another order than the beads'
# costs) decide alone: nearer, each alignment is made and its beads summed as the limits were measured
_ROUNDING = 1e-9


def _shifted_omissions(
    alignment: Alignment, source: str, text: str, ratio: float, lang: str, min_letters: int, stretch: float, reported: set[int]
) -> Iterator[tuple[int, Span]]:
    """Source sentences (with the target sentence before where their translation would be) that the aligner
    paired with the next sentence's translation, re-synchronising at a two-to-one bead further on (or the
    reverse): each pair in the window then costs a little, which an omission's prior outweighed."""
    beads = alignment.beads
    # the beads of two sentences to one (or one to two) that a window is centred on: none in most translations
    centres = [index for index, bead in enumerate(beads) if bead.source and bead.target and len(bead.source) != len(bead.target)]
    if not centres:
        return

    @functools.cache
    def source_anchors(i: int) -> frozenset[Any]:
        return sentence_anchors(source, alignment.source[i], "source", lang)

    @functools.cache
    def target_anchors(j: int) -> frozenset[Any]:
        return sentence_anchors(text, alignment.target[j], "target")

    @functools.cache  # (the windows about neighbouring centres share most of their beads)
    def cost(bead: Bead) -> float:
        """The bead's cost as the aligner counts it."""
        source_length = sum(alignment.source[i].end - alignment.source[i].start for i in bead.source)
        target_length = sum(alignment.target[j].end - alignment.target[j].start for j in bead.target)
        shared = 0
        if bead.source and bead.target:
            shared = len(frozenset().union(*map(source_anchors, bead.source)) & frozenset().union(*map(target_anchors, bead.target)))
        return bead_cost((len(bead.source), len(bead.target)), source_length, target_length, shared, ratio)

    def reportable(sentence: int) -> bool:
        span = alignment.source[sentence]
        return _sentence_length(source, span) >= min_letters and bool(_SENTENCE_FINAL.search(source, span.start, span.end))

    def joined(left: Bead, right: Bead) -> bool:
        """Whether two beads with sentences on both sides are in one paragraph."""
        if not (left.source and left.target and right.source and right.target):
            return False
        return "\n" not in source[alignment.source[left.source[-1]].end : alignment.source[right.source[0]].start] and (
            "\n" not in text[alignment.target[left.target[-1]].end : alignment.target[right.target[0]].start]
        )

    def aligned_without(left_out: int, sources: list[int], targets: list[int]) -> list[Bead]:
        """The beads that the aligner makes of the window's sentences without one source sentence."""
        rest = [i for i in sources if i != left_out]
        return [
            Bead(tuple(rest[i] for i in b.source), tuple(targets[j] for j in b.target))
            for b in align_runs(
                [alignment.source[i].end - alignment.source[i].start for i in rest],
                [alignment.target[j].end - alignment.target[j].start for j in targets], ratio,
                [source_anchors(i) for i in rest], [target_anchors(j) for j in targets],
            )
        ]

    done: set[int] = set()
    for index in centres:
        first = index
        while first > 0 and index - first < _SHIFT_WINDOW and joined(beads[first - 1], beads[first]):
            first -= 1
        last = index
        while last + 1 < len(beads) and last - index < _SHIFT_WINDOW and joined(beads[last], beads[last + 1]):
            last += 1
        window = beads[first : last + 1]
        if any((len(b.source), len(b.target)) not in PRIOR_COST for b in window):
            continue  # beads of the aligner's fallback for runs too large for its programme, which no cost compares
        sources = [i for b in window for i in b.source]
        if not any(reportable(i) for i in sources if i not in reported):
            continue
        if len(sources) < 2:
            continue
        chosen = sum(cost(b) for b in window)
        targets = [j for b in window for j in b.target]
        tried: list[tuple[float, int]] = []
        costs = left_out_costs(
            [alignment.source[i].end - alignment.source[i].start for i in sources],
            [alignment.target[j].end - alignment.target[j].start for j in targets], ratio,
            [source_anchors(i) for i in sources], [target_anchors(j) for j in targets],
            # (a cost above this decides nothing: the cheapest is then no omission, or the second no rival)
            chosen - PRIOR_COST[(1, 0)] + _SHIFT_MARGIN + _SHIFT_UNIQUE + _ROUNDING,
        )
        if costs is not None:
            tried = sorted((PRIOR_COST[(1, 0)] + total - chosen, left_out) for total, left_out in zip(costs, sources))
            (margin, _), (other, _) = tried[0], tried[1]
            if margin >= _SHIFT_MARGIN + _ROUNDING or other - margin < _SHIFT_UNIQUE - _ROUNDING:
                continue  # (most windows)
            if margin > _SHIFT_MARGIN - _ROUNDING or other - margin < _SHIFT_UNIQUE + _ROUNDING:
                costs = None  # too near a limit for sums taken in another order: each alignment's beads summed
        if costs is None:
            tried = sorted(
                ((PRIOR_COST[(1, 0)] + sum(cost(b) for b in aligned_without(left_out, sources, targets)) - chosen, left_out) for left_out in sources),
                key=lambda t: t[0],
            )
        (margin, sentence), (other, _) = tried[0], tried[1]
        if margin >= _SHIFT_MARGIN or other - margin < _SHIFT_UNIQUE or sentence in reported or sentence in done:
            continue
        again = aligned_without(sentence, sources, targets)
        if not reportable(sentence) or _split_quotation(source[alignment.source[sentence].start : alignment.source[sentence].end]):
            continue
        if _merged_beside(alignment, again, sentence, ratio, stretch, source_anchors(sentence), target_anchors):
            continue
        done.add(sentence)
        before = [j for b in again if b.source and b.source[-1] < sentence for j in b.target]
        yield sentence, alignment.target[before[-1] if before else targets[0]]


def _merged_beside(
    alignment: Alignment, beads: Sequence[Bead], sentence: int, ratio: float, stretch: float,
    wanted: frozenset[Any], target_anchors: Callable[[int], frozenset[Any]],
) -> bool:
    """Whether the translation of a source sentence left out of ``beads`` may be in a neighbour's (as LQ208 asks of
    a one-to-none bead): a target sentence beside its place ``stretch`` times as long as its source predicts, or
    the neighbours' target sentences with all its numbers."""
    earlier = [b for b in beads if b.source and b.source[-1] < sentence]
    later = [b for b in beads if b.source and b.source[0] > sentence]
    beside = ([earlier[-1]] if earlier else []) + ([later[0]] if later else [])
    if any(_stretched(alignment, bead, ratio, stretch) for bead in beside):
        return True
    found = frozenset().union(*(target_anchors(j) for bead in beside for j in bead.target))
    return bool(wanted) and wanted <= found


def _anchored_beside(
    alignment: Alignment, source: str, text: str, sentences: Sequence[int], beside: Sequence[int], lang: str
) -> bool:
    """Whether the numbers, dates and addresses of some source sentences are all in the target
    sentences of the beads beside them: their translation is there, merged with a neighbour."""
    wanted = frozenset().union(*(sentence_anchors(source, alignment.source[i], "source", lang) for i in sentences))
    if not wanted:
        return False
    found = frozenset().union(*(
        sentence_anchors(text, alignment.target[j], "target") for i in beside for j in alignment.beads[i].target
    ))
    return wanted <= found


# --- LQ211: a Latin-script name of a non-Latin source, altered --------------------------------

# A word written in Latin letters (with digits, inner dots, hyphens, apostrophes and ampersands:
# KP.ru, Al-Hayat, McDonald's, H&M), in a source whose own script is not Latin.
_LATIN_WORD = regex.compile(r"(?<![\p{Latin}\p{N}])\p{Latin}[\p{Latin}\p{N}]*(?:[-.'’&][\p{Latin}\p{N}]+)*")
_ROMAN = regex.compile(r"[IVXLCDM]+")
# What is not a letter, and what is not a letter of a script other than Latin: removed, what is left
# counts them (a list of every letter of a whole source took twenty times as long)
_NOT_LETTER = regex.compile(r"\P{L}+")
_NOT_OTHER_SCRIPT = regex.compile(r"[^\p{Cyrillic}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Arabic}\p{Hebrew}\p{Greek}]+")
_JOINERS = regex.compile(r"[^\p{L}\p{N}]+")


@functools.lru_cache(maxsize=8)
def written_in_another_script(source: str) -> bool:
    """Whether most of a source's letters are not Latin (a Greek β in a Spanish abstract is not enough).

    >>> written_in_another_script("Credit Suisse требует доступ."), written_in_another_script("La proteína β-amiloide (Aβ).")
    (True, False)
    >>> written_in_another_script("瑞士信贷要求访问（CS）。"), written_in_another_script("Credit Suisse, 瑞士信贷。")
    (True, False)
    """
    others = len(_NOT_OTHER_SCRIPT.sub("", source))
    # (no more letters than characters: a source mostly in another script, as most are, is read once)
    return others * 2 > len(source) or others * 2 > len(_NOT_LETTER.sub("", source))


def _bare(word: str) -> str:
    """A word compared without case, accents or inner punctuation: "BFM.TV" is "BFM. TV", "Ríos" is "Rios".

    >>> _bare("BFM.TV"), _bare("Ríos"), _bare("Al-Hayat")
    ('bfmtv', 'rios', 'alhayat')
    """
    return str(_JOINERS.sub("", fold_diacritics(word).casefold()))


def _altered_from(word: str, candidates: Sequence[str]) -> str | None:
    """The target word that is ``word`` with a letter or two changed (a quarter of its letters at
    most, one for short words), if there is one.

    >>> _altered_from("Suisse", ["Credit", "Suise"]), _altered_from("CNN", ["CN"]), _altered_from("Bloomberg", ["Reuters"])
    ('Suise', 'CN', None)
    """
    from rapidfuzz.distance import Levenshtein

    bare = _bare(word)
    allowed = max(1, len(bare) // 4)
    for candidate in candidates:
        other = _bare(candidate)
        if len(other) >= 2 and other != bare and Levenshtein.distance(bare, other, score_cutoff=allowed) <= allowed:
            return candidate
    return None


def altered_latin_words(doc: Any, context: Context, min_length: int = 3) -> Iterator[Hit]:
    """A word the source writes in Latin letters (a name, a brand, a site) that its translation
    has only with a letter or two changed ("Credit Suisse" → "Credit Suise", "Meesho" → "Mesho").

    Only for sources mostly in another script: there, a Latin word is a name the translation copies.
    Not reported: Roman numerals and digits after a word ("FG1" is one FG: numbers are LQ201's),
    addresses (LQ203's), a source word that is English ("MERE"), and a changed form that is English
    ("Omikron" → "Omicron", "Brasil" → "Brazil": a translator's rendering), that is itself in the
    source (a scanned source's "chaz" corrected to the "char" it has elsewhere) or that has more
    English words in it than the source's ("-fno-exteznal-templates" put right).
    """
    if not context.source or not written_in_another_script(context.source):
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    addresses = _address_spans(source)
    source_bare = _bare_words(source)
    for index, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        words = _latin_words(source, first.start, last.end, min_length)
        if not words:  # most sentences of a source in another script have none
            continue
        around = alignment.neighbours(index)
        translated = _JOINERS.sub("", fold_diacritics(" ".join(
            text[alignment.target[j].start : alignment.target[j].end] for j in around.target
        )).casefold())
        target_words: list[tuple[str, int, int]] | None = None  # (read once a word is not in the translation: most are)
        for word_start, word_end, word, bare in words:
            if bare in translated or any(s <= word_start < e for s, e in addresses):
                continue
            if target_words is None:
                target_words = [
                    (m.group(), m.start(), m.end())
                    for j in bead.target
                    for m in _LATIN_WORD.finditer(text, alignment.target[j].start, alignment.target[j].end)
                ]
            altered = _altered_from(word, [w for w, _, _ in target_words])
            if altered is None or is_english_word(altered) or _bare(altered) in source_bare or _repaired(word, altered):
                continue
            if bare.rstrip("0123456789") == _bare(altered).rstrip("0123456789"):
                continue  # "FG1本" is one FG, "win8.1" a version: the digits are a number, LQ201's
            start, end = next((s, e) for w, s, e in target_words if w == altered)
            yield Hit(
                start, end,
                message=f"“{altered}” is “{word}” in the source, which is written in Latin letters: copy it as it is",
                source=TextSpan(word_start, word_end), source_sentence=TextSpan(first.start, last.end),
            )


@functools.lru_cache(maxsize=4096)
def _latin_words(source: str, start: int, end: int, min_length: int) -> tuple[tuple[int, int, str, str], ...]:
    """The words of ``source[start:end]`` in Latin letters that a translation copies: of
    ``min_length`` letters and digits or more, not Roman numerals, not English; (start, end, word,
    :func:`_bare` word). Kept, as every translation of a source is read against the same sentences.

    >>> _latin_words("Акции Credit Suisse и XIV, 5G, Meesho.", 0, 38, 3)
    ((13, 19, 'Suisse', 'suisse'), (31, 37, 'Meesho', 'meesho'))
    """
    words = [match for match in _LATIN_WORD.finditer(source, start, end) if not _ROMAN.fullmatch(match.group())]
    return tuple(
        (match.start(), match.end(), match.group(), bare)
        for match in words
        if len(bare := _bare(match.group())) >= min_length and not is_english_word(match.group())
    )


@functools.lru_cache(maxsize=8)
def _address_spans(source: str) -> tuple[tuple[int, int], ...]:
    """Where the source's URLs, e-mail addresses and handles are (LQ203 compares them)."""
    return tuple((m.start, m.end) for m in address_mentions(source))


_PARTS = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")


def _repaired(word: str, altered: str) -> bool:
    """Whether the changed form has more English words in it than the source's: a scanned source's
    misspelling that the translation put right ("-fno-exteznal-templates", "RedmIArDots2").

    >>> _repaired("fno-exteznal-templates", "fno-external-templates"), _repaired("RedmIArDots2", "RedmiAirDots2")
    (True, True)
    >>> _repaired("Bloomberg", "Blomberg"), _repaired("Suisse", "Suise")
    (False, False)
    """
    def english_parts(form: str) -> int:
        return sum(1 for part in _PARTS.findall(form) if len(part) >= 3 and is_english_word(part.lower()))

    return english_parts(altered) > english_parts(word)


@functools.lru_cache(maxsize=8)
def _bare_words(text: str) -> frozenset[str]:
    return frozenset(_bare(m.group()) for m in _LATIN_WORD.finditer(text))


# --- LQ212: a Chinese reporter's name in pinyin ---------------------------------------------

# "(记者 马祚波)", "本报记者 程婕", "记者赵博、黄扬", "[责编:李絮枫]", "统筹/池海波": the names after a
# reporter's or an editor's title, each of two to four characters, ended by what is not a Chinese
# character (a bracket, a space, a date, 、)
_BYLINE = regex.compile(
    r"(?:记者|通讯员|实习生|责编|责任编辑|编辑|摄影|撰稿|统筹)[\s:：/]*"
    r"(\p{Han}{2,4}(?:[、，,\s]+\p{Han}{2,4})*)(?=$|[^\p{Han}]|报道|摄)"
)
_NAME_SPLIT = regex.compile(r"[、，,\s]+")


def byline_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The reporters' names of a Chinese byline in ``text[start:end]``: (start, end, name).

    >>> [n for _, _, n in byline_names("新华社台北2月11日电(记者赵博、黄扬)出口贸易额")]
    ['赵博', '黄扬']
    >>> [n for _, _, n in byline_names("扬子晚报讯(记者 马祚波)扬子晚报/紫牛新闻记者10日在采访中发现")]
    ['马祚波']
    >>> byline_names("北京青年报记者看到，5只新发产品中有4只"), byline_names("记者高度评价")
    ([], [])
    """
    found: list[tuple[int, int, str]] = []
    for match in _BYLINE.finditer(text, start, len(text) if end is None else end):
        position = match.start(1)
        for name in _NAME_SPLIT.split(match.group(1)):
            at = text.index(name, position)
            position = at + len(name)
            surname = surname_length(name)
            if name[:surname] in SURNAMES or name[:2] in DOUBLE_SURNAMES:
                if 2 <= len(name) <= surname + 2:
                    found.append((at, at + len(name), name))
    return found


def reporter_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A reporter named in a Chinese source's byline ("(记者 马祚波)") whose name is not in the
    aligned translation in pinyin ("Ma Zuobo", "Zuobo Ma", "MA Zuobo"): the byline was dropped or
    the name made up ("Ma Jun")."""
    if not context.source or source_language(context) != "zh":
        return
    source, text = context.source, doc.text
    names = byline_names(source)
    if not names:
        return
    alignment = aligned_sentences(doc, context)
    for index, bead in enumerate(alignment.beads):
        if not bead.source:
            continue
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        here = [n for n in names if first.start <= n[0] < last.end]
        if not here:
            continue
        around = alignment.neighbours(index)
        translated = _bare(" ".join(text[alignment.target[j].start : alignment.target[j].end] for j in around.target))
        for start, end, name in here:
            forms = pinyin_forms(name)
            if not forms or any(form in translated for form in forms):
                continue
            target, target_last = _target_sentences(alignment, index)
            spelled = " ".join(w.capitalize() for w in usual_spelling(name))
            yield Hit(
                target.start, target_last.end,
                message=f"{name} ({spelled} in pinyin), named in the source's byline, is not in the translation",
                source=TextSpan(start, end), source_sentence=TextSpan(first.start, last.end),
            )


# --- LQ213: a Cyrillic name that lost its first letters in translation ------------------------

_CYRILLIC_NAME = regex.compile(r"(?<![\p{L}\p{N}-])\p{Lu}\p{Ll}{3,}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Ll}{4,}")


@functools.lru_cache(maxsize=4096)
def _latin(word: str) -> str:
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(word)).replace("'", "")


def _headless(word: str, sentence: str, unknown: Sequence[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """Which of the ``unknown`` words of ``sentence`` (lower-case, not English) is the transliteration
    of ``word`` (a capitalised Cyrillic word) without its first letter or two ("hukov" for Жуков,
    "elensky" for Зеленский), when the whole of it is not in the sentence.

    >>> _headless("Жуков", "The singer, Sergei hukov, reacted.", [(19, 24, "hukov")])
    (19, 24, 'hukov')
    >>> _headless("Жуков", "Sergei Zhukov, hukov", [(15, 20, "hukov")])
    """
    latin = _latin(word)
    for cut in (1, 2):
        fragment = latin[cut : cut + 4].lower()
        if len(fragment) < 4 or not fragment.isalpha():
            continue
        found = next((candidate for candidate in unknown if candidate[2].startswith(fragment)), None)
        if found is None:
            continue
        if regex.search(r"(?i)(?<!\p{L})" + regex.escape(latin[: cut + 3]), sentence):
            return None
        return found
    return None


def truncated_names(doc: Any, context: Context) -> Iterator[Hit]:
    """A name of a Cyrillic source whose transliteration lost its first letters in translation
    ("Sergei hukov" for Сергей Жуков, "atar" for Катар): MT that splits a word into pieces may drop
    the first one. Reported on the word, quoting the source's."""
    if not context.source or not _CYRILLIC.search(context.source):
        return
    source, text = context.source, doc.text
    alignment = aligned_sentences(doc, context)
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            continue
        first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
        names, heads = _cyrillic_names(source, first.start, last.end)
        if not heads:
            continue
        start, end = alignment.target[bead.target[0]].start, alignment.target[bead.target[-1]].end
        sentence = text[start:end]
        # the lower-case words that are not English and may be one of these names without its first
        # letters (_headless takes none other): most sentences have none, and nothing to look up
        unknown = _headed_words(sentence, heads)
        if not unknown:
            continue
        reported: set[int] = set()
        for name_start, name_end, name in names:
            found = _headless(name, sentence, unknown)
            if found is None or found[0] in reported:
                continue
            reported.add(found[0])
            yield Hit(
                start + found[0], start + found[1],
                message=f"“{found[2]}” looks like “{name}” of the source with its first letters lost",
                source=TextSpan(name_start, name_end), source_sentence=TextSpan(first.start, last.end),
            )


def _headed_words(sentence: str, heads: frozenset[str]) -> list[tuple[int, int, str]]:
    """The lower-case words of ``sentence`` (of four letters or more) that start with one of ``heads`` and are not
    English, in order: (start, end, word). Each head is found with str.find and a word matched only there (every
    word of a sentence matched and its start looked up took three times as long).

    >>> _headed_words("Sergei hukov met Shukov, hukova and ukov.", frozenset({"huko", "ukov"}))
    [(7, 12, 'hukov'), (25, 31, 'hukova'), (36, 40, 'ukov')]
    """
    found: list[tuple[int, int, str]] = []
    for head in heads:
        at = sentence.find(head)
        while at >= 0:
            word = _LOWER_WORD.match(sentence, at)  # (its look-behind reads the character before: a word's start)
            if word is not None and not is_english_word(word.group()):
                found.append((at, word.end(), word.group()))
            at = sentence.find(head, at + 1)
    return sorted(found)


@functools.lru_cache(maxsize=4096)
def _cyrillic_names(source: str, start: int, end: int) -> tuple[tuple[tuple[int, int, str], ...], frozenset[str]]:
    """The capitalised Cyrillic words of ``source[start:end]`` (start, end, word), and the four
    letters that a word of the translation starts with when it is one of them without its first
    letter or two (see :func:`_headless`): kept, as every translation of a source is read against
    the same sentences.

    >>> names, heads = _cyrillic_names("Сергей Жуков и Qatar.", 0, 21)
    >>> names, sorted(heads)
    (((0, 6, 'Сергей'), (7, 12, 'Жуков')), ['erge', 'huko', 'rgey', 'ukov'])
    """
    names = tuple(
        (match.start(), match.end(), match.group())
        for match in _CYRILLIC_NAME.finditer(source, start, end)
        if _CYRILLIC.match(match.group())
    )
    heads = frozenset(
        fragment
        for _, _, name in names
        for cut in (1, 2)
        if len(fragment := _latin(name)[cut : cut + 4].lower()) == 4 and fragment.isalpha()
    )
    return names, heads


__all__: Sequence[str] = (
    "altered_latin_words", "byline_names", "omitted_sentences", "reporter_names", "truncated_names",
)
