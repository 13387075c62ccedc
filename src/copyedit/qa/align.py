"""Sentence alignment of a source and its translation: which source sentences each target
sentence translates (one to one, one to two, two to one, or none: an omission or an addition).

A Gale–Church aligner (Gale & Church 1993, "A program for aligning sentences in bilingual
corpora"): a dynamic programme over sentence lengths in characters, whose cost for a bead is
how far the target length is from the source length times the document's own length ratio, in
standard deviations, plus the bead kind's prior. Anchors — numbers, addresses, Latin-script
names that both sides share — lower the cost of the beads that keep them together, so a
translator's merged or split sentence still aligns on its numbers.

Paragraph structure is used when both texts have as many paragraphs (each pair is aligned
on its own), else the whole texts are aligned as one run of sentences. Line breaks always end
a sentence: segment-per-line data aligns line by line when the line counts agree.

No library was taken: ``galechurch`` on PyPI is a new single-release package and the
embedding aligners (bertalign, vecalign) need models this package cannot ship.
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..document import Block, paired_paragraphs, paragraph_blocks

# A sentence ends at . ! ? …, or at the stops of other scripts: the danda । and double danda ॥ (Hindi, Nepali,
# Marathi), Urdu's full stop ۔ and the Arabic question mark ؟ (not the Arabic semicolon ؛, which parts clauses);
# with closing quotes or brackets, also a quote after a space: 'a leader. " On Monday'; before a space and a capital, digit or non-Latin letter (after opening
# quotes, brackets, or a mark that starts a note or a list item: "*Keep copies dry", a Japanese
# listing's ※ note in English), at 。！？ anywhere (with the closing quotes and brackets and a second
# ！？ after it, also where a space comes before each, as in text tokenised with spaces: "白星だ ！
# ！"), and at every line break. The match is the space between sentences (empty after 。！？): \K
# drops the punctuation before it, which a look-behind would test at every character of the text,
# ten times slower. A line break's match starts at the break, not at the spaces before it (a
# sentence's trailing spaces are dropped either way): an alternative that may start at a space was
# tried at every space of the text (2.5× the scan).
#
# A Japanese quotation that closes a paragraph ends a sentence without a full stop: where a source's
# paragraphs were run together, 」 and a space then part two sentences ("…込んでいる」 今シーズン開幕の前から"),
# unless a particle (」 と, 」 を), punctuation or a bracket follows, or the quotation is a reading in
# brackets ("「ＭＯＭＯ（モモ ） 」 ７号機").
#
# Thai has no full stop: a space between two Thai letters parts its sentences (and its clauses, which a
# translation may run together or split as it will): such a space ends a sentence once the sentence has
# _THAI_MIN_SENTENCE characters (see sentence_spans). Not a space after ๆ (the repetition mark: "ต่างๆ นานา")
# or ฯ (an abbreviation's: "กรุงเทพฯ"), nor one next to a digit ("ผู้ป่วยใหม่ 253 คน").
_THAI_LETTER = r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]"
_THAI_MIN_SENTENCE = 20
_SENTENCE_ENDS = (
    r"""(?:[.!?…।॥۔؟](?:['"’”“»«)\]]|[ \t\u00a0]+['"”»](?=[ \t\u00a0]))*\K[ \t\u00a0]+(?=['"‘“„«»(\[■□◆◇●※*•]*[\p{Lu}\p{N}\p{Lo}])"""
    r"""|[。！？](?:[ \u3000]*[」』”’）)！？])*+\K|\n\s*"""
    r"""|」(?<![）)][ \t\u3000]*」)\K[ \t\u3000]+(?=[\p{Han}\p{Katakana}\p{Hiragana}\p{N}\p{Lu}](?<![とっはをがのもにでへやなか]))"""
)
_SENTENCE_END = regex.compile(_SENTENCE_ENDS + ")")
# (with Thai's, for a text that has a Thai letter: the alternative slowed the scan of every other text by half)
_SENTENCE_END_THAI = regex.compile(_SENTENCE_ENDS + r"|" + _THAI_LETTER + r"\K[ \t\u00a0]+(?=[\u0e01-\u0e2e\u0e40-\u0e44]))")
_THAI = regex.compile(r"[\u0e01-\u0e4e]")
# A list item's number does not end a sentence ("1. Double bangs: …").
_LIST_NUMBER = regex.compile(r"\s*\d{1,2}\.")
# A full stop after these does not end a sentence ("Dr. Smith", "J. Smith", "т. е.").
_ABBREVIATION = regex.compile(
    r"(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|Mt|No|Nos|vs|etc|Jr|Sr|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Inc|Ltd|Co|Corp"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|approx|ca|cf|fig|al"
    r"|г|гг|т|тыс|млн|млрд|руб|ул|им|д|с|ст|пр|просп|обл|р-н|z|ca|bzw|Nr|sog|vgl|hr|fr|nr)\.$",
)


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` of one side."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Bead:
    """Source sentences and the target sentences that translate them (indices into each
    side's sentence list); an empty side is an omission (no target) or an addition."""

    source: tuple[int, ...]
    target: tuple[int, ...]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]``, without their surrounding white space.

    >>> t = "Dr. Smith came. He left!\\n„Ja.“ 他来了。她走了。"
    >>> [t[s.start:s.end] for s in sentence_spans(t)]
    ['Dr. Smith came.', 'He left!', '„Ja.“', '他来了。', '她走了。']
    >>> t = "「映像を見て研究している」 今シーズン開幕の前から気に入っている。「涼皮（リャンピー ） 」 と呼ぶ。"
    >>> [t[s.start:s.end] for s in sentence_spans(t)]
    ['「映像を見て研究している」', '今シーズン開幕の前から気に入っている。', '「涼皮（リャンピー ） 」 と呼ぶ。']
    >>> t = "Það er ekki amalegt.“ Aðalmarkaðurinn er Bandaríkin. „Þið eigið kollgátuna.“"
    >>> [t[s.start:s.end] for s in sentence_spans(t)]
    ['Það er ekki amalegt.“', 'Aðalmarkaðurinn er Bandaríkin.', '„Þið eigið kollgátuna.“']
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    thai = _THAI.search(text, start, end) is not None
    for match in (_SENTENCE_END_THAI if thai else _SENTENCE_END).finditer(text, start, end):
        at, after = match.span()
        before = text[at - 1 : at]
        # (an abbreviation ends in a full stop before a space, not a line break: the pattern is tried only there, and a
        # list item's number only after a digit; a match after a full stop or a Thai letter is spaces or a line break)
        if before == "." and text[at] != "\n" and (
            _ABBREVIATION.search(text, max(start, at - 12), at)
            or text[at - 2 : at - 1].isdigit() and _LIST_NUMBER.fullmatch(text, cursor, at)
        ):
            continue
        if thai and at - cursor < _THAI_MIN_SENTENCE and "\u0e01" <= before <= "\u0e4e" and text[at] != "\n":
            continue  # a short Thai clause: the sentence goes on
        _add_span(spans, text, cursor, at)
        cursor = after
    _add_span(spans, text, cursor, end)
    return spans


def _add_span(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


# Gale & Church's priors per bead kind (source count, target count), with three-to-one added
# for the long Chinese and Japanese sentences that English splits.
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.045, (1, 2): 0.045, (2, 2): 0.011,
    (3, 1): 0.004, (1, 3): 0.004,
}
PRIOR_COST = {kind: -math.log(p) for kind, p in PRIORS.items()}
VARIANCE = 6.8  # Gale & Church's variance of target length per source character
ANCHOR_WEIGHT = 2.0  # cost taken off a bead for each anchor both sides share (at most 3)
BAND = 8  # how far (in sentences) the path may stray from the diagonal, beyond the count difference


def length_cost(source_length: int, target_length: int, ratio: float) -> float:
    """Gale–Church's cost of a bead by its lengths: −log of the probability of a deviation at
    least this large between the target length and ``ratio`` × the source length.

    >>> round(length_cost(100, 100, 1.0), 2), round(length_cost(100, 30, 1.0), 1)
    (0.0, 7.0)
    >>> # a target twice its source's length, where translations run three times as long (Chinese to English)
    >>> round(length_cost(100, 200, 3.0), 1), round(length_cost(100, 200, 2.0), 1)
    (1.8, 0.0)
    """
    if source_length == 0 or target_length == 0:
        return 0.0  # an omission or an addition costs its prior alone, whatever its length
    # (the aligner calls this a quarter of a million times a megabyte: conditional expressions
    # stand for max(), whose calls took a third of the time)
    mean = (source_length + target_length / ratio) / 2
    # Gale & Church measured the variance between European languages; where one source character
    # makes several target ones (a Chinese or Japanese character is a word), it grows with them
    variance = VARIANCE * (ratio if ratio > 1.0 else 1.0)
    delta = (target_length - source_length * ratio) / math.sqrt((mean if mean > 1.0 else 1.0) * variance * ratio)
    probability = math.erfc(abs(delta) / _SQRT2)
    cost = -math.log(probability if probability > 1e-12 else 1e-12)
    return cost if cost > 0.0 else 0.0


_SQRT2 = math.sqrt(2)
_INFINITY = float("inf")


def bead_cost(kind: tuple[int, int], source_length: int, target_length: int, shared: int, ratio: float) -> float:
    """A bead's cost as the programme counts it: its kind's prior and its lengths' cost, less
    ``ANCHOR_WEIGHT`` for each anchor its two sides share (``shared``), at most three. (The programme
    writes this out in its loop, where a call per bead took a third of its time; its tests compare the
    two.)

    >>> round(bead_cost((1, 1), 100, 100, 0, 1.0), 3), round(bead_cost((2, 1), 100, 100, 5, 1.0), 3)
    (0.117, -2.899)
    """
    return PRIOR_COST[kind] + length_cost(source_length, target_length, ratio) - ANCHOR_WEIGHT * (shared if shared < 3 else 3)


# The bead kinds with their prior costs, in the order the programme tries them: of two beads
# that cost the same, the first tried wins. The programme writes out the first three (one to one,
# an omission, an addition: the beads nearly every path takes) and loops over the rest.
_KINDS = tuple((di, dj, prior) for (di, dj), prior in PRIOR_COST.items())
assert [kind[:2] for kind in _KINDS[:3]] == [(1, 1), (1, 0), (0, 1)]
_ONE_TO_ONE, _OMISSION, _ADDITION = (PRIOR_COST[kind] for kind in ((1, 1), (1, 0), (0, 1)))
# The rarer kinds, which the programme writes out one by one in this order (a loop over them, unpacking each
# kind's terms at every cell, took two fifths of its time)
assert [kind[:2] for kind in _KINDS[3:]] == [(2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]
_TWO_TO_ONE, _ONE_TO_TWO, _TWO_TO_TWO, _THREE_TO_ONE, _ONE_TO_THREE = (kind[2] for kind in _KINDS[3:])
# The least a bead's prior costs for each sentence it takes on one side beyond the other, once
# the one-to-one beads its other sentences could make are paid (a three-to-one bead: (5.52 − 0.12) / 2):
# a path that must still take a sentences and b others costs at least _ONE_TO_ONE × min(a, b)
# + _EXCESS × |a − b| in priors
_EXCESS = min(
    (prior - _ONE_TO_ONE * min(di, dj)) / abs(di - dj) for (di, dj), prior in PRIOR_COST.items() if di != dj
)
assert all(prior >= _ONE_TO_ONE * di for (di, dj), prior in PRIOR_COST.items() if di == dj)  # (the bound holds for 2-2)
# What a bead's prior costs beyond the one-to-one beads of as many sentences (half its source and half its target
# sentences count): a path that leaves the diagonal of as many sentences a side other than by a two-to-two bead
# leaves it by a bead of more sentences on one side and comes back by one of more on the other, so its priors exceed
# the one-to-one beads' by at least _DETOUR (a two-to-one and a one-to-two bead: 5.85)
_BEYOND_ONE_TO_ONE = {kind: prior - _ONE_TO_ONE * (kind[0] + kind[1]) / 2 for kind, prior in PRIOR_COST.items()}
assert min(_BEYOND_ONE_TO_ONE.values()) >= 0.0
# For each count of source sentences a bead may take, the fewest and the most target sentences it takes with them
_TARGETS_WITH = tuple(
    (di, min(dj for i, dj in PRIOR_COST if i == di), max(dj for i, dj in PRIOR_COST if i == di)) for di in sorted({i for i, _ in PRIOR_COST} - {0})
)
_DETOUR = min(b for (di, dj), b in _BEYOND_ONE_TO_ONE.items() if di > dj) + min(b for (di, dj), b in _BEYOND_ONE_TO_ONE.items() if di < dj)


def align_runs(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    ratio: float,
    source_anchors: Sequence[frozenset[Hashable]] | None = None,
    target_anchors: Sequence[frozenset[Hashable]] | None = None,
) -> list[Bead]:
    """The cheapest sequence of beads covering both runs of sentences.

    >>> align_runs([50, 40, 60], [52, 95], 1.0)
    [Bead(source=(0,), target=(0,)), Bead(source=(1, 2), target=(1,))]
    >>> align_runs([50, 80, 60], [50, 60], 1.0)
    [Bead(source=(0,), target=(0,)), Bead(source=(1,), target=()), Bead(source=(2,), target=(1,))]
    """
    return _run_beads(source_lengths, target_lengths, ratio, source_anchors, target_anchors, 0, 0)


def left_out_costs(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    ratio: float,
    source_anchors: Sequence[frozenset[Hashable]] | None = None,
    target_anchors: Sequence[frozenset[Hashable]] | None = None,
    ceiling: float = _INFINITY,
) -> list[float] | None:
    """For each source sentence, the cost (the sum of :func:`bead_cost` over its beads) of
    :func:`align_runs`'s beads for the run without that sentence: a forward and a backward programme over
    the whole run, met at the sentence left out or joined by a bead of the sentences either side of it,
    instead of one programme per sentence. Each path keeps within the band that :func:`align_runs` gives
    the shorter run, so the cheapest is the one it finds; sums taken in another order may differ from its
    beads' sum in their last bits. A cost above ``ceiling`` is only known to be above it (a cell that no path
    under it reaches is dropped, as :func:`_fill` drops them). None for fewer than two source sentences, no
    target sentence, or a run that :func:`align_runs` would not give the programme.

    >>> [round(c, 2) for c in left_out_costs([50, 40, 60], [52, 61], 1.0)]
    [0.97, 0.36, 1.68]
    """
    n, m = len(source_lengths), len(target_lengths)
    rest = n - 1
    if rest < 1 or m == 0 or rest * (abs(rest - m) + 2 * BAND + 1) > MAX_CELLS:
        return None
    empty: frozenset[Hashable] = frozenset()
    sources = list(source_anchors) if source_anchors else [empty] * n
    targets = list(target_anchors) if target_anchors else [empty] * m
    source_sums, target_sums = _prefix_sums(source_lengths), _prefix_sums(target_lengths)
    # the anchors of 0 to 3 sentences from each index (of those that end by the last: no bead reads the others), and
    # the most those of the source sentences can take off
    source_sets = [ending[d:] + [empty] * d for d, ending in enumerate(_run_anchors(sources))]
    target_sets = [ending[d:] + [empty] * d for d, ending in enumerate(_run_anchors(targets))]
    most = [[ANCHOR_WEIGHT * (3 if len(anchors) > 3 else len(anchors)) for anchors in by_start] for by_start in source_sets]
    costs: dict[tuple[int, int, int, int], float] = {}
    infinity = _INFINITY

    def bead(before: float, i: int, di: int, j: int, dj: int) -> float:
        """``before`` and the bead of source sentences i to i + di and target sentences j to j + dj (each programme
        first tests whether it may cost less than the best: its prior, less the most its anchors can take off)."""
        key = (i, di, j, dj)
        found = costs.get(key)
        if found is None:
            shared = len(source_sets[di][i] & target_sets[dj][j]) if di and dj else 0
            found = costs[key] = bead_cost(
                (di, dj), source_sums[i + di] - source_sums[i], target_sums[j + dj] - target_sums[j], shared, ratio
            )
        return before + found

    # the least a path from or to a cell may cost: its beads' priors (as in _fill), less all that the anchors of
    # the source sentences after or before it can take off (the one left out's included)
    every_target = frozenset().union(*targets)
    take_off = [ANCHOR_WEIGHT * min(3, len(anchors & every_target)) for anchors in sources]
    after_slack, before_slack = [0.0] * (n + 1), [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        after_slack[i] = after_slack[i + 1] + take_off[i]
    for i in range(n):
        before_slack[i + 1] = before_slack[i] + take_off[i]

    def priors(sentences: int, others: int) -> float:
        if sentences > others:
            return _ONE_TO_ONE * others + _EXCESS * (sentences - others)
        return _ONE_TO_ONE * sentences + _EXCESS * (others - sentences)

    # the columns of each row of the shorter run's programme (see _fill); its row r is the whole run's row r
    # before the sentence left out and row r + 1 after it
    band = BAND + abs(rest - m)
    columns = []
    for r in range(rest + 1):
        diagonal = r * m / rest
        low, high = int(diagonal) - band, int(diagonal) + band + 1
        columns.append((low if low > 0 else 0, high if high < m else m))
    limit = ceiling + _SLACK_MARGIN
    # Each programme works out only the cells that a bead from a cell kept (a finite one) reaches: the first and
    # last column kept of each row bound them, as in _fill (with the ceiling, one cell in twenty is kept)
    firsts, lasts = [m + 1] * (n + 1), [-1] * (n + 1)
    # forward[i][j]: the cheapest path from the start to (i, j), for i up to n - 1
    forward = [[infinity] * (m + 1) for _ in range(n)]
    for i in range(n):
        low, high = columns[i]
        row = forward[i]
        reach_first, reach_last = (0, 0) if i == 0 else (m + 1, -1)  # (row 0: the start, then additions)
        for di, fewest, most_targets in _TARGETS_WITH:  # the cells that a bead from a row above reaches
            if di <= i:
                reach_first, reach_last = min(reach_first, firsts[i - di] + fewest), max(reach_last, lasts[i - di] + most_targets)
        low = max(low, reach_first)
        for j in range(low, high + 1):
            if j > reach_last and row[j - 1] == infinity:
                break  # nothing reaches here or further right
            best = 0.0 if i == 0 and j == 0 else infinity
            for di, dj, prior in _KINDS:
                if di <= i and dj <= j:
                    before = forward[i - di][j - dj]
                    if before != infinity and before + prior - (most[di][i - di] if dj else 0.0) < best:
                        total = bead(before, i - di, di, j - dj, dj)
                        if total < best:
                            best = total
            if best + priors(rest - i, m - j) - after_slack[i] <= limit:
                row[j] = best
                firsts[i], lasts[i] = min(firsts[i], j), j
    # backward[i][j]: the cheapest path from (i, j) to the end, for i from 1 (index 0 unused)
    backward = [[infinity] * (m + 1) for _ in range(n + 1)]
    firsts, lasts = [m + 1] * (n + 1), [-1] * (n + 1)
    for i in range(n, 0, -1):
        low, high = columns[i - 1]
        row = backward[i]
        reach_first, reach_last = (m, m) if i == n else (m + 1, -1)  # (row n: the end, then additions)
        for di, fewest, most_targets in _TARGETS_WITH:  # the cells that a bead to a row below starts from
            if di <= n - i:
                reach_first, reach_last = min(reach_first, firsts[i + di] - most_targets), max(reach_last, lasts[i + di] - fewest)
        high = min(high, reach_last)
        for j in range(high, low - 1, -1):
            if j < reach_first and row[j + 1] == infinity:
                break  # nothing reaches here or further left
            best = 0.0 if i == n and j == m else infinity
            for di, dj, prior in _KINDS:
                if i + di <= n and j + dj <= m:
                    after = backward[i + di][j + dj]
                    if after != infinity and after + prior - (most[di][i] if dj else 0.0) < best:
                        total = bead(after, i, di, j, dj)
                        if total < best:
                            best = total
            if best + priors(i - 1, j) - before_slack[i] <= limit:
                row[j] = best
                firsts[i], lasts[i] = j, max(lasts[i], j)

    def joined(before: list[float], together: Sequence[int], after: list[float], dj: int, best: float) -> float:
        """The cheapest path, if cheaper than ``best``, whose bead of the ``together`` source sentences and
        ``dj`` target sentences stands where the sentence was left out."""
        length = sum(source_lengths[i] for i in together)
        anchors = frozenset().union(*(sources[i] for i in together))
        kind = (len(together), dj)
        for j in range(m - dj + 1):
            if before[j] == infinity or after[j + dj] == infinity or before[j] + after[j + dj] + PRIOR_COST[kind] - 6.0 >= best:
                continue
            shared = len(anchors & target_sets[dj][j])
            total = before[j] + bead_cost(kind, length, target_sums[j + dj] - target_sums[j], shared, ratio) + after[j + dj]
            if total < best:
                best = total
        return best

    found: list[float] = []
    for k in range(n):
        best = min(map(operator.add, forward[k], backward[k + 1]))
        if 1 <= k and k + 2 <= n:
            best = joined(forward[k - 1], (k - 1, k + 1), backward[k + 2], 1, best)
            best = joined(forward[k - 1], (k - 1, k + 1), backward[k + 2], 2, best)
        if 2 <= k and k + 2 <= n:
            best = joined(forward[k - 2], (k - 2, k - 1, k + 1), backward[k + 2], 1, best)
        if 1 <= k and k + 3 <= n:
            best = joined(forward[k - 1], (k - 1, k + 1, k + 2), backward[k + 3], 1, best)
        found.append(best)
    return found


def _run_beads(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    ratio: float,
    source_anchors: Sequence[frozenset[Hashable]] | None,
    target_anchors: Sequence[frozenset[Hashable]] | None,
    source_offset: int,
    target_offset: int,
) -> list[Bead]:
    """:func:`align_runs` of a run whose first sentences are ``source_offset`` and ``target_offset``
    of their texts: its beads numbered as in the whole texts, made once."""
    n, m = len(source_lengths), len(target_lengths)
    if n == 0 or m == 0:
        return [Bead((source_offset + i,), ()) for i in range(n)] + [Bead((), (target_offset + j,)) for j in range(m)]
    if n * (abs(n - m) + 2 * BAND + 1) > MAX_CELLS:
        return _pinned_beads(source_lengths, target_lengths, ratio, source_anchors, target_anchors, source_offset, target_offset)
    if n == 1 and m == 1:  # one sentence a side (most runs of segment-per-line text): the programme's three cells
        shared = len(source_anchors[0] & target_anchors[0]) if source_anchors and target_anchors else 0
        together = bead_cost((1, 1), source_lengths[0], target_lengths[0], shared, ratio)
        if _ADDITION + _OMISSION < together:
            return [Bead((), (target_offset,)), Bead((source_offset,), ())]
        return [Bead((source_offset,), (target_offset,))]
    if n == m and _one_to_one_is_cheapest(source_lengths, target_lengths, ratio, source_anchors, target_anchors):
        return [Bead((source_offset + i,), (target_offset + i,)) for i in range(n)]
    # What a bead ending at each index covers, for each count of sentences it may take (0 to 3):
    # its length and its anchors, worked out once rather than once per cell
    source_runs, target_runs = _run_lengths(source_lengths), _run_lengths(target_lengths)
    anchored = bool(source_anchors and target_anchors and any(source_anchors) and any(target_anchors))
    no_sets: list[list[frozenset[Hashable]]] = [[frozenset()] * (n + 1)] * 4
    source_unions = _run_anchors(source_anchors) if anchored and source_anchors else no_sets
    target_unions = _run_anchors(target_anchors) if anchored and target_anchors else [[frozenset()] * (m + 1)] * 4
    # The cost of a path the programme may take, found first in the narrowest band about the
    # diagonal that holds one (as wide as the count difference: with as many sentences a side, two
    # cells a row instead of eighteen): no cell whose
    # cost, plus the least the priors of the beads still to come cost (see _EXCESS) and less all that
    # anchors still to come can take off, exceeds it lies on the cheapest path, so the full band's
    # programme drops each such cell (its cost infinite), and works out neither a bead that cannot
    # keep a cell under that limit nor a cell that only dropped ones reach. The cheapest path, each
    # cell on it and each choice made there stay as they were (costs only grow along a path, but for
    # anchors): what is dropped is a bead not taken. The narrow pass tries one-to-one beads, omissions and additions
    # alone: any path's cost is a ceiling, and the rarer beads cost that pass more than their tighter ceiling saved
    # (−4% instructions in the programme on the WMT runs, the same beads).
    # the most the anchors of a bead's source sentences can take off its cost, by its count of them and where it ends
    source_most = (
        [[ANCHOR_WEIGHT * (3 if len(anchors) > 3 else len(anchors)) if anchors else 0.0 for anchors in unions] for unions in source_unions]
        if anchored else [[0.0] * (n + 1)] * 4
    )
    slack = _anchor_slack(source_anchors, target_anchors) if anchored and source_anchors and target_anchors else [0.0] * (n + 1)
    ceiling = _INFINITY
    if n > _NARROW and m > _NARROW:
        narrow = _fill(
            n, m, abs(n - m), _INFINITY, slack, ratio, source_runs, target_runs, source_unions, target_unions, source_most, False
        )
        ceiling = narrow.cost[n][m - narrow.offsets[n]] + _SLACK_MARGIN
    programme = _fill(
        n, m, BAND + abs(n - m), ceiling, slack, ratio, source_runs, target_runs, source_unions, target_unions, source_most
    )
    if programme.cost[n][m - programme.offsets[n]] == _INFINITY and ceiling != _INFINITY:
        # never seen: the cheapest path cannot be dropped
        programme = _fill(
            n, m, BAND + abs(n - m), _INFINITY, slack, ratio, source_runs, target_runs, source_unions, target_unions, source_most
        )
    return _traced(programme, n, m, source_offset, target_offset)


def _one_to_one_is_cheapest(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    ratio: float,
    source_anchors: Sequence[frozenset[Hashable]] | None,
    target_anchors: Sequence[frozenset[Hashable]] | None,
) -> bool:
    """Whether the programme surely pairs two runs of as many sentences one to one, each sentence with the one
    beside it (most runs of real translations), decided in one pass over the pairs instead of the programme's band.

    Any other path differs from those beads in stretches between two cells of the diagonal: a two-to-two bead,
    whose cost is worked out, or a detour off the diagonal, whose priors exceed those of the one-to-one beads it
    replaces by at least ``_DETOUR`` (a length cost is never negative, and its anchors take off at most what its
    source sentences' anchors found anywhere in the target can). Where the one-to-one beads' length
    costs, plus all that their sentences' anchors could take off beyond what they do, stay below that, and no
    two-to-two bead costs as little as its two one-to-one beads, every other path costs more (by a margin far above
    the rounding of the sums): the programme's cheapest path is this one. Otherwise the programme decides.

    >>> _one_to_one_is_cheapest([50, 40, 60], [52, 41, 58], 1.0, None, None)
    True
    >>> _one_to_one_is_cheapest([50, 40, 60], [90, 5, 58], 1.0, None, None)  # a merge
    False
    """
    empty: frozenset[Hashable] = frozenset()
    found = frozenset().union(*target_anchors) if source_anchors and target_anchors else empty
    costs: list[float] = []  # each one-to-one bead's cost beyond its prior
    unused: list[float] = []  # and those costs plus what its source sentence's anchors could take off beyond its own
    within = _DETOUR - _SLACK_MARGIN
    for i, (source_length, target_length) in enumerate(zip(source_lengths, target_lengths)):
        anchors = source_anchors[i] if found and source_anchors else empty
        bonus = ANCHOR_WEIGHT * min(3, len(anchors & target_anchors[i])) if anchors and target_anchors else 0.0
        cost = length_cost(source_length, target_length, ratio) - bonus
        costs.append(cost)
        unused.append(cost + (ANCHOR_WEIGHT * min(3, len(anchors & found)) if anchors else 0.0))
        within -= unused[-1]
        if within <= 0.0:
            return False
    pair_bound = _BEYOND_ONE_TO_ONE[(2, 2)] - _SLACK_MARGIN  # as a detour's, for a two-to-two bead alone
    for i in range(len(costs) - 1):
        if unused[i] + unused[i + 1] < pair_bound:
            continue  # (nearly all)
        anchors = source_anchors[i] | source_anchors[i + 1] if found and source_anchors else empty
        shared = len(anchors & (target_anchors[i] | target_anchors[i + 1])) if anchors and target_anchors else 0
        together = bead_cost(
            (2, 2), source_lengths[i] + source_lengths[i + 1], target_lengths[i] + target_lengths[i + 1], shared, ratio
        )
        if together <= 2 * _ONE_TO_ONE + costs[i] + costs[i + 1] + _SLACK_MARGIN:
            return False
    return True


# The most cells the programme works out for one run (a few seconds): the band about the diagonal is as wide as the
# runs' difference in sentences, so runs this unlike (a source of 20,000 sentences for a translation of two, a wrong
# source file) would cost minutes. The largest run of the WMT documents takes 4,000.
MAX_CELLS = 500_000


def _pinned_beads(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    ratio: float,
    source_anchors: Sequence[frozenset[Hashable]] | None,
    target_anchors: Sequence[frozenset[Hashable]] | None,
    source_offset: int,
    target_offset: int,
) -> list[Bead]:
    """The beads of a run too large for the programme: cut at the sentences that share an anchor found once in
    each side (:func:`_pins`), each piece aligned on its own (by the programme where it is small enough), or,
    with no pin to cut at, sentences paired by their place in each side's characters (:func:`_proportional_beads`).

    >>> f = frozenset
    >>> beads = _pinned_beads([10] * 4, [10] * 4, 1.0, [f(), f({7}), f(), f()], [f(), f({7}), f(), f()], 0, 0)
    >>> [(b.source, b.target) for b in beads]
    [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    """
    n, m = len(source_lengths), len(target_lengths)
    pins = _pins(source_anchors, target_anchors) if source_anchors and target_anchors else []
    # a pin is the last sentence of its piece: one at the end of both sides cuts nothing
    cuts = [(i + 1, j + 1) for i, j in pins if (i + 1, j + 1) != (n, m)]
    if not cuts:
        return _proportional_beads(source_lengths, target_lengths, source_offset, target_offset)
    beads: list[Bead] = []
    start_i = start_j = 0
    for end_i, end_j in [*cuts, (n, m)]:
        beads.extend(_run_beads(
            source_lengths[start_i:end_i], target_lengths[start_j:end_j], ratio,
            source_anchors[start_i:end_i] if source_anchors else None, target_anchors[start_j:end_j] if target_anchors else None,
            source_offset + start_i, target_offset + start_j,
        ))
        start_i, start_j = end_i, end_j
    return beads


def _pins(source_anchors: Sequence[frozenset[Hashable]], target_anchors: Sequence[frozenset[Hashable]]) -> list[tuple[int, int]]:
    """Pairs of a source and a target sentence that share an anchor found in no other sentence of either side,
    the longest chain of them in order on both sides (a longest increasing subsequence: n log n).

    >>> f = frozenset
    >>> _pins([f({1}), f({2}), f({3}), f({4})], [f({1}), f({3}), f({2}), f({4, 1})])
    [(2, 1), (3, 3)]
    """
    def once(anchors: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
        seen: dict[Hashable, int] = {}
        for index, sentence in enumerate(anchors):
            for anchor in sentence:
                seen[anchor] = -1 if anchor in seen else index
        return {anchor: index for anchor, index in seen.items() if index >= 0}

    source_once, target_once = once(source_anchors), once(target_anchors)
    # by source sentence, and of one source sentence's pairs only the first target (sorted by j descending, the
    # strict chain below takes at most one)
    pairs = sorted({(i, target_once[a]) for a, i in source_once.items() if a in target_once}, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # tails[k]: the least target index ending a chain of k + 1 pairs
    tail_pair: list[int] = []  # the pair (index into pairs) that ends it
    before = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_pair.append(index)
        else:
            tails[k], tail_pair[k] = j, index
        before[index] = tail_pair[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    at = tail_pair[-1] if tail_pair else -1
    while at >= 0:
        chain.append(pairs[at])
        at = before[at]
    return chain[::-1]


def _proportional_beads(source_lengths: Sequence[int], target_lengths: Sequence[int], source_offset: int, target_offset: int) -> list[Bead]:
    """Beads that pair two runs' sentences by their place in each side's characters alone, in linear time, for
    runs too unlike for the programme with no anchor to cut them at: each sentence of the side with more goes
    with the sentence of the other side at the same share of its side's length as its middle (one that none
    goes with: an omission or an addition).

    >>> [(b.source, b.target) for b in _proportional_beads([10] * 5, [20, 30], 0, 0)]
    [((0, 1), (0,)), ((2, 3, 4), (1,))]
    >>> [(b.source, b.target) for b in _proportional_beads([10, 10, 10, 970], [20, 980], 0, 0)]
    [((0, 1), (0,)), ((2, 3), (1,))]
    >>> [(b.source, b.target) for b in _proportional_beads([50, 50], [10, 10, 10], 10, 20)]
    [((10,), (20,)), ((11,), (21, 22))]
    """
    if len(source_lengths) >= len(target_lengths):
        groups = _shares(source_lengths, target_lengths)
        return [Bead(tuple(source_offset + i for i in group), (target_offset + j,)) for j, group in enumerate(groups)]
    groups = _shares(target_lengths, source_lengths)
    return [Bead((source_offset + i,), tuple(target_offset + j for j in group)) for i, group in enumerate(groups)]


def _shares(many: Sequence[int], few: Sequence[int]) -> list[list[int]]:
    """For each sentence of ``few``, the sentences of ``many`` whose middles fall within it, each side's length
    scaled to the other's."""
    many_total, few_total = max(sum(many), 1), max(sum(few), 1)
    few_ends = _prefix_sums(few)[1:]
    groups: list[list[int]] = [[] for _ in few]
    done = 0
    for index, length in enumerate(many):
        at = bisect.bisect_right(few_ends, (done + length / 2) / many_total * few_total)
        groups[at if at < len(groups) else len(groups) - 1].append(index)
        done += length
    return groups


class _Programme(NamedTuple):
    """The programme's rows: ``cost[i][j - offsets[i]]`` is the cheapest path's cost to cell (i, j) and
    ``step[i][j - offsets[i]]`` its last bead's kind. A row holds only the columns about its band (and
    the few that the rows below it read), so that a long run costs memory in its length, not its square."""

    cost: list[list[float]]
    step: list[list[tuple[int, int]]]
    offsets: list[int]


def _traced(programme: _Programme, n: int, m: int, source_offset: int, target_offset: int) -> list[Bead]:
    """The beads of the cheapest path, followed back from the last cell by each cell's last bead."""
    beads: list[Bead] = []
    step, offsets = programme.step, programme.offsets
    i, j = n, m
    while i or j:
        di, dj = step[i][j - offsets[i]]
        if not (di or dj):  # a cell no path reached: a fault to name, not a loop that fills memory with empty beads
            raise RuntimeError(f"the aligner's programme has no path to cell ({i}, {j}) of ({n}, {m})")
        beads.append(Bead(
            tuple(range(source_offset + i - di, source_offset + i)), tuple(range(target_offset + j - dj, target_offset + j))
        ))
        i, j = i - di, j - dj
    return beads[::-1]


def _fill(
    n: int,
    m: int,
    band: int,
    ceiling: float,
    slack: list[float],
    ratio: float,
    source_runs: list[list[int]],
    target_runs: list[list[int]],
    source_unions: list[list[frozenset[Hashable]]],
    target_unions: list[list[frozenset[Hashable]]],
    source_most: list[list[float]],
    rare_beads: bool = True,
) -> _Programme:
    """The programme's cells within ``band`` sentences of the diagonal: the cost of the cheapest
    path to each and the last bead's kind on it. A cell whose cost, plus the least the beads after it
    cost in priors and less ``slack`` of its row, reaches ``ceiling`` is left infinite. Without
    ``rare_beads``, only one-to-one beads, omissions and additions are tried."""
    infinity = _INFINITY
    # Row i holds the columns from 3 left of its band (a bead takes at most 3 target sentences) to
    # as far right as the three rows after it read: their bands lie at most 3 × ⌈m / n⌉ + 1 further.
    # Full rows took memory in the square of the run's length (8,000 sentences a side: 1.1 GB).
    # Each row ends in three cells that stay infinite: a bead that would start left of the first column reads one
    # of them (at index −1 to −3), and one that would start above the first row reads ``unreached``, so that no
    # cell tests whether its row and column leave room for each bead.
    reach = 3 * -(-m // n) + 3
    offsets, cost, step = [0] * (n + 1), [], []
    for i in range(n + 1):
        centre = int(i * m / n)
        offsets[i] = first = max(0, centre - band - 3)
        width = min(m, centre + band + 1 + reach) - first + 1
        cost.append([infinity] * (width + 3))
        step.append([(0, 0)] * width)
    cost[0][0] = 0.0
    unreached = [infinity] * (m + 1)
    # length_cost's terms that do not change within a run (written out below, as in length_cost:
    # a function call per bead took a third of the programme's time)
    variance = VARIANCE * (ratio if ratio > 1.0 else 1.0)
    erfc, log, sqrt = math.erfc, math.log, math.sqrt
    one_runs, one_sets = target_runs[1], target_unions[1]
    two_runs, two_sets, three_runs, three_sets = target_runs[2], target_unions[2], target_runs[3], target_unions[3]

    def rare(total: float, run_length: int, run_set: frozenset[Hashable], target_length: int, target_set: frozenset[Hashable], best: float) -> float:
        """The cost of a rarer bead whose prior and path before it cost ``total``, or infinity where it cannot
        cost less than ``best``."""
        shared = len(run_set & target_set) if run_set else 0
        bonus = ANCHOR_WEIGHT * (shared if shared < 3 else 3)
        if total - bonus >= best:
            return infinity
        if run_length == 0 or target_length == 0:
            length = 0.0
        else:
            mean = (run_length + target_length / ratio) / 2
            spread = (mean if mean > 1.0 else 1.0) * variance * ratio
            deviation = target_length - run_length * ratio
            # −log erfc(x) ≥ x² (erfc(x) ≤ exp(−x²)), with x = |delta| / √2, and the cost is cut at
            # −log 1e-12 ≈ 27.6: a bead whose cost is surely too high is passed over before the
            # square root, erfc and log (with a margin far above the rounding of these sums)
            bound = deviation * deviation / spread / 2
            if (bound if bound < 27.6 else 27.6) > best + bonus - total + 1e-6:
                return infinity
            delta = deviation / sqrt(spread)
            probability = erfc(abs(delta) / _SQRT2)
            length = -log(probability if probability > 1e-12 else 1e-12)
        return total + (length if length > 0.0 else 0.0) - bonus

    pruning = ceiling != infinity
    # the first and last column of each row with a finite cost (of rows before the first: none)
    firsts, lasts = [m + 1] * (n + 1), [-1] * (n + 1)
    firsts[0] = lasts[0] = 0  # the first cell, where every path starts (the loop below starts row 0 after it)
    for i in range(n + 1):
        diagonal = i * m / n
        # (conditional expressions stand for min() and max() in this loop, as in length_cost)
        low, high = int(diagonal) - band, int(diagonal) + band + 1
        low, high = low if low > 0 else 0, high if high < m else m
        if i:
            # a bead ending in this row starts in one of the three above, at most three columns left:
            # no cell left of the first these reach, nor right of the last once additions run out, is finite
            reach_first, reach_last = firsts[i - 1], lasts[i - 1] + 3
            if i > 1:
                reach_first = reach_first if reach_first < firsts[i - 2] + 1 else firsts[i - 2] + 1
                reach_last = reach_last if reach_last > lasts[i - 2] + 2 else lasts[i - 2] + 2
            if i > 2:
                reach_first = reach_first if reach_first < firsts[i - 3] + 1 else firsts[i - 3] + 1
                reach_last = reach_last if reach_last > lasts[i - 3] + 1 else lasts[i - 3] + 1
            low = low if low > reach_first else reach_first
        else:
            reach_last = high
        row_slack, rest = slack[i], n - i
        row, row_step, here = cost[i], step[i], offsets[i]
        above, above_at = (cost[i - 1], offsets[i - 1]) if i else (unreached, 0)
        source_length, source_set = source_runs[1][i], source_unions[1][i]
        scaled_source = source_length * ratio
        # the rarer beads' terms: their source sentences' lengths and anchors, the most those anchors can take
        # off, and the rows they start from (a bead of more source sentences than the row has: never tried)
        two_length, two_set = source_runs[2][i], source_unions[2][i]
        three_length, three_set = source_runs[3][i], source_unions[3][i]
        one_most, two_most, three_most = source_most[1][i], source_most[2][i], source_most[3][i]
        two_above, two_above_at = (cost[i - 2], offsets[i - 2]) if i > 1 else (unreached, 0)
        three_above, three_above_at = (cost[i - 3], offsets[i - 3]) if i > 2 else (unreached, 0)
        row_first, row_last = firsts[i], lasts[i]
        for j in range(low if i else 1, high + 1):
            if j > reach_last and row[j - 1 - here] == infinity:
                break  # nothing starts here or further right
            # an omission and an addition first: they cost their priors alone, and the one-to-one
            # bead (tried first, so it keeps a tie) is worked out only if it may cost no more
            omission = above[j - above_at] + _OMISSION
            addition = row[j - 1 - here] + _ADDITION
            cheaper = omission if omission < addition else addition
            limit = infinity
            if pruning:  # what this cell may cost and still lie on a path cheaper than the ceiling
                left = m - j
                limit = ceiling + row_slack - (
                    _ONE_TO_ONE * left + _EXCESS * (rest - left) if rest > left else _ONE_TO_ONE * rest + _EXCESS * (left - rest)
                )
                cheaper = cheaper if cheaper < limit else limit
            best, best_step = limit, (0, 0)
            before = above[j - 1 - above_at]  # one to one
            if before != infinity:
                total = before + _ONE_TO_ONE
                if source_set:
                    shared = len(source_set & one_sets[j])
                    bonus = ANCHOR_WEIGHT * (shared if shared < 3 else 3)
                else:
                    bonus = 0.0
                if total - bonus <= cheaper:
                    target_length = one_runs[j]
                    if source_length == 0 or target_length == 0:
                        best, best_step = total + 0.0 - bonus, (1, 1)
                    else:
                        mean = (source_length + target_length / ratio) / 2
                        spread = (mean if mean > 1.0 else 1.0) * variance * ratio
                        deviation = target_length - scaled_source
                        bound = deviation * deviation / spread / 2  # as for the rarer beads below
                        if (bound if bound < 27.6 else 27.6) <= cheaper + bonus - total + 1e-6:
                            probability = erfc(abs(deviation / sqrt(spread)) / _SQRT2)
                            length = -log(probability if probability > 1e-12 else 1e-12)
                            best, best_step = total + (length if length > 0.0 else 0.0) - bonus, (1, 1)
            if omission < best:
                best, best_step = omission, (1, 0)
            if addition < best:
                best, best_step = addition, (0, 1)
            # the rarer beads, each passed over without its length and anchors where its prior and the path before it,
            # less the most its anchors can take off, cannot beat the best (the length cost is never negative)
            if rare_beads:
                total = two_above[j - 1 - two_above_at] + _TWO_TO_ONE  # two to one
                if total - two_most < best:
                    total = rare(total, two_length, two_set, one_runs[j], one_sets[j], best)
                    if total < best:
                        best, best_step = total, (2, 1)
                total = above[j - 2 - above_at] + _ONE_TO_TWO  # one to two
                if total - one_most < best:
                    total = rare(total, source_length, source_set, two_runs[j], two_sets[j], best)
                    if total < best:
                        best, best_step = total, (1, 2)
                total = two_above[j - 2 - two_above_at] + _TWO_TO_TWO  # two to two
                if total - two_most < best:
                    total = rare(total, two_length, two_set, two_runs[j], two_sets[j], best)
                    if total < best:
                        best, best_step = total, (2, 2)
                total = three_above[j - 1 - three_above_at] + _THREE_TO_ONE  # three to one
                if total - three_most < best:
                    total = rare(total, three_length, three_set, one_runs[j], one_sets[j], best)
                    if total < best:
                        best, best_step = total, (3, 1)
                total = above[j - 3 - above_at] + _ONE_TO_THREE  # one to three
                if total - one_most < best:
                    total = rare(total, source_length, source_set, three_runs[j], three_sets[j], best)
                    if total < best:
                        best, best_step = total, (1, 3)
            if best >= limit:
                continue  # unreachable, or off the cheapest path: left infinite
            row[j - here], row_step[j - here] = best, best_step
            if j < row_first:
                row_first = j
            row_last = j
        firsts[i], lasts[i] = row_first, row_last
    return _Programme(cost, step, offsets)


def _anchor_slack(anchors: Sequence[frozenset[Hashable]], others: Sequence[frozenset[Hashable]]) -> list[float]:
    """For each source sentence, the most that the anchors of it and the sentences after it can
    take off a path's cost: a bead's bonus is at most that of its source sentences' anchors found
    in the target at all (``others``), each sentence's taken apart.

    >>> f = frozenset
    >>> _anchor_slack([f({1}), f(), f({1, 2, 3, 4, 5})], [f({1, 2, 3, 4}), f({9})])
    [8.0, 6.0, 6.0, 0.0]
    """
    found = frozenset().union(*others)
    slack = [0.0] * (len(anchors) + 1)
    for i in range(len(anchors) - 1, -1, -1):
        slack[i] = slack[i + 1] + ANCHOR_WEIGHT * min(3, len(anchors[i] & found))
    return slack


# Runs of this many sentences a side or fewer are aligned in one pass: the narrow pass costs more
# than it saves (measured on 2,398 runs of the WMT corpora: 4 and 9 did worse than 6).
_NARROW = 6
# Far above the rounding of a path's cost (a few hundred at most, summed in a few hundred steps)
_SLACK_MARGIN = 1e-6


def _run_lengths(lengths: Sequence[int]) -> list[list[int]]:
    """For 0 to 3 sentences, the length of that many sentences ending before each index (0 where
    there are fewer)."""
    sums = _prefix_sums(lengths)
    return [[sums[end] - sums[end - count] if end >= count else 0 for end in range(len(sums))] for count in range(4)]


def _run_anchors(anchors: Sequence[frozenset[Hashable]]) -> list[list[frozenset[Hashable]]]:
    """For 0 to 3 sentences, the anchors of that many sentences ending before each index.

    >>> f = frozenset
    >>> _run_anchors([f({1}), f(), f({2}), f()])[2:] == [[f(), f(), f({1}), f({2}), f({2})], [f(), f(), f(), f({1, 2}), f({2})]]
    True
    """
    empty: frozenset[Hashable] = frozenset()
    # (most sentences have no anchor: a union is made only of two sets that both have some, as the union of two
    # empty sets cost as much as three tests)
    pairs = [empty, empty] + [(first | second if second else first) if first else second for first, second in zip(anchors, anchors[1:])]
    triples = [empty, empty, empty] + [(two | one if one else two) if two else one for two, one in zip(pairs[3:], anchors)]
    return [[empty] * (len(anchors) + 1), [empty, *anchors], pairs[: len(anchors) + 1], triples[: len(anchors) + 1]]


def _prefix_sums(values: Sequence[int]) -> list[int]:
    sums = [0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums


@dataclass(frozen=True, slots=True)
class Alignment:
    """Both sides' sentences and the beads that pair them, in document order."""

    source: list[Span]
    target: list[Span]
    beads: list[Bead]

    def bead_numbers(self) -> tuple[list[int], list[int]]:
        """For each source sentence and each target sentence, the bead (its index) that holds it.

        >>> Alignment([Span(0, 1)] * 3, [Span(0, 1)] * 2, [Bead((0, 1), (0,)), Bead((2,), ()), Bead((), (1,))]).bead_numbers()
        ([0, 0, 1], [0, 2])
        """
        source, target = [0] * len(self.source), [0] * len(self.target)
        for index, bead in enumerate(self.beads):
            for i in bead.source:
                source[i] = index
            for j in bead.target:
                target[j] = index
        return source, target

    def neighbours(self, index: int, reach: int = 1) -> Bead:
        """The sentences of bead ``index`` and of ``reach`` beads on each side."""
        around = self.beads[max(0, index - reach) : index + reach + 1]
        return Bead(
            tuple(i for bead in around for i in bead.source), tuple(j for bead in around for j in bead.target)
        )


def align_texts(
    source: str, target: str, anchors: Callable[[str, Span, str], frozenset[Hashable]] | None = None
) -> Alignment:
    """Align the sentences of two texts, paragraph by paragraph when both have as many
    paragraphs (a side written a paragraph a line, beside one with blank lines between its
    paragraphs, has its lines as paragraphs: :func:`~copyedit.document.paired_paragraphs`);
    ``anchors(text, span, side)`` gives what a sentence shares with its translation (``side`` is
    "source" or "target").

    >>> a = align_texts("Он пришёл. Она ушла в 5 часов.\\n\\nВсё.", "He came. She left at 5.\\n\\nThat's all.")
    >>> [(b.source, b.target) for b in a.beads]
    [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    """
    source_blocks, target_blocks = paired_paragraphs(source, source_paragraphs(source), target, paragraph_blocks(target))
    if len(source_blocks) == len(target_blocks):
        runs = [(Span(s.start, s.end), Span(t.start, t.end)) for s, t in zip(source_blocks, target_blocks)]
    else:
        runs = [(Span(0, len(source)), Span(0, len(target)))]
    runs = [line_run for run in runs for line_run in _line_runs(source, target, *run)]
    ratio = max(len(target.strip()), 1) / max(len(source.strip()), 1)
    all_source: list[Span] = []
    all_target: list[Span] = []
    beads: list[Bead] = []
    for source_run, target_run in runs:
        source_spans = list(_sentences(source, source_run.start, source_run.end))  # the same for every translation
        target_spans = sentence_spans(target, target_run.start, target_run.end)
        source_anchors = [anchors(source, span, "source") for span in source_spans] if anchors else None
        target_anchors = [anchors(target, span, "target") for span in target_spans] if anchors else None
        beads.extend(_run_beads(
            [s.end - s.start for s in source_spans], [t.end - t.start for t in target_spans], ratio,
            source_anchors, target_anchors, len(all_source), len(all_target),
        ))
        all_source.extend(source_spans)
        all_target.extend(target_spans)
    return Alignment(all_source, all_target, beads)


def _line_runs(source: str, target: str, source_run: Span, target_run: Span) -> list[tuple[Span, Span]]:
    """A run split at its line breaks when both sides have as many lines (segment-per-line data:
    each line translates the line beside it), else the run whole.

    >>> _line_runs("Раз.\\nДва. Три.", "One.\\nTwo. Three.", Span(0, 14), Span(0, 16))
    [(Span(start=0, end=4), Span(start=0, end=4)), (Span(start=5, end=14), Span(start=5, end=16))]
    """
    source_lines, target_lines = _lines(source, source_run), _lines(target, target_run)
    if len(source_lines) < 2 or len(source_lines) != len(target_lines):
        return [(source_run, target_run)]
    return list(zip(source_lines, target_lines))


def _lines(text: str, run: Span) -> list[Span]:
    """The lines of a run that are not blank (each without its line break)."""
    lines: list[Span] = []
    start = run.start
    while start < run.end:
        end = text.find("\n", start, run.end)
        end = run.end if end == -1 else end
        if end > start and not text[start:end].isspace():
            lines.append(Span(start, end))
        start = end + 1
    return lines


@functools.lru_cache(maxsize=16)
def source_paragraphs(text: str) -> Sequence[Block]:
    """A source's paragraphs (kept: every translation of a source is aligned and compared with them)."""
    return paragraph_blocks(text)


@functools.lru_cache(maxsize=1024)
def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    """A source run's sentences (kept: every translation of a source is aligned with them)."""
    return tuple(sentence_spans(text, start, end))


__all__ = [
    "Alignment", "Bead", "Span", "align_runs", "align_texts", "bead_cost", "left_out_costs", "length_cost", "sentence_spans",
    "source_paragraphs",
]
