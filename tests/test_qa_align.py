"""Sentence alignment (copyedit.qa.align) and the number reading it anchors on (copyedit.qa.numbers)."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copyedit.qa.align import (
    ANCHOR_WEIGHT, BAND, PRIORS, Bead, align_runs, align_texts, bead_cost, left_out_costs, length_cost, sentence_spans,
)
from copyedit.qa.numbers import ascii_digits, number_mentions


def beads(source: str, target: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in align_texts(source, target).beads]


def test_one_to_one_without_paragraphs() -> None:
    source = "Президент прибыл в Астану. Переговоры продлились два часа. Стороны подписали соглашение."
    target = "The president arrived in Astana. Talks lasted two hours. The sides signed an agreement."
    assert beads(source, target) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_merged_sentence_is_two_to_one() -> None:
    source = "Он пришёл домой поздно вечером. Было темно. Все уже спали, и никто его не встретил."
    target = "He came home late in the evening, when it was dark. Everyone was already asleep and nobody met him."
    assert beads(source, target) == [((0, 1), (0,)), ((2,), (1,))]


def test_an_omitted_sentence_has_no_target() -> None:
    assert align_runs([60, 90, 70], [62, 71], 1.0) == [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))]


def test_paragraphs_are_aligned_one_to_one_when_both_have_as_many() -> None:
    source = "Первый абзац.\n\nВторой абзац. Ещё одно предложение."
    target = "The first paragraph.\n\nThe second paragraph and one more sentence."
    assert beads(source, target) == [((0,), (0,)), ((1, 2), (1,))]


def test_anchors_pull_a_number_to_its_sentence() -> None:
    source = "Погибли 44 человека. Ранены ещё 120."
    target = "A total of 44 people died and 120 were injured."
    anchored = align_texts(source, target, lambda text, span, side: frozenset(
        m.raw for m in number_mentions(text, "en", span.start, span.end)
    ))
    assert [(b.source, b.target) for b in anchored.beads] == [((0, 1), (0,))]


def test_cjk_sentences_split_without_spaces() -> None:
    text = "他来了。她走了！「本当？」"
    assert [text[s.start : s.end] for s in sentence_spans(text)] == ["他来了。", "她走了！", "「本当？」"]


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("7600億円", "ja", Decimal(760000000000)),
        ("３万円", "ja", Decimal(30000)),
        ("1200万人", "zh", Decimal(12000000)),
        ("מ-20 אנשים", "he", Decimal(20)),
        ("٢٠ شخصا", "ar", Decimal(20)),
        ("۱۴۰۲", "fa", Decimal(1402)),
        ("1.500 Soldaten", "de", Decimal(1500)),
        ("1 500 солдат", "ru", Decimal(1500)),
        ("令和3年", "ja", Decimal(2021)),
    ],
)
def test_numbers_in_every_script(text: str, lang: str, value: Decimal) -> None:
    found = number_mentions(ascii_digits(text), lang)
    assert any(value in m.values and not m.optional for m in found)


def test_a_number_in_a_name_is_not_a_quantity() -> None:
    (mention,) = number_mentions("Nord Stream-2", "en")
    assert mention.optional


def test_segment_per_line_data_aligns_line_by_line() -> None:
    # MQM-style documents: one segment per line, a line may hold two sentences on one side only
    source = "Der Versorgungsstandard ist gut. Er entspricht der Leitlinie.\n(60 %).\nWas sind die häufigsten Komplikationen?"
    target = "The standard of care is good and follows the guideline.\n(60%).\nWhat are the most common complications?"
    alignment = align_texts(source, target)
    pairs = [([source[alignment.source[i].start : alignment.source[i].end] for i in b.source], len(b.target)) for b in alignment.beads]
    assert pairs[-2:] == [(["(60 %)."], 1), (["Was sind die häufigsten Komplikationen?"], 1)]
    assert [b.target for b in alignment.beads][0] == (0,)


def test_a_side_written_one_paragraph_a_line_is_aligned_paragraph_by_paragraph() -> None:
    # the source puts each paragraph on one line, the translation separates them by blank lines and breaks one
    # of its paragraphs over two lines: the three lines pair with the three paragraphs (the whole text aligned
    # at once gave the first paragraph no source and the second source line no translation)
    source = "Он пришёл. Она ушла.\nВсё было тихо и спокойно в этом большом старом доме на окраине города.\nКонец."
    target = "He came and she left, and the house was empty again.\n\nAll was quiet\nand calm.\n\nThe end."
    assert beads(source, target) == [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,))]
    assert beads(target, source) == [((0,), (0, 1)), ((1, 2), (2,)), ((3,), (3,))]
    # with as many lines on both sides, lines pair with lines whichever side has the blank lines
    source = "Президент прибыл в Астану.\nПереговоры продлились два часа. Стороны подписали соглашение.\nВсё."
    target = "The president arrived in Astana.\n\nTalks lasted two hours and the sides signed an agreement.\n\nThat's all."
    assert beads(source, target) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert beads(source.replace("\n", "\n\n"), target.replace("\n\n", "\n")) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("He left. „Ja.“ (Sie ging.) [Ende.] «Да.» Done", ["He left.", "„Ja.“", "(Sie ging.)", "[Ende.]", "«Да.»", "Done"]),
        ("He said: “Stop.” Then 5 left.\u00a0Ясно.", ["He said: “Stop.”", "Then 5 left.", "Ясно."]),
        ("Dr. Smith and J. Doe came. Then e.g. this. Мы ушли в 5 ч. Утром.", ["Dr. Smith and J. Doe came.", "Then e.g. this.", "Мы ушли в 5 ч.", "Утром."]),
        ("Он пришёл.\n  Она ушла. \n\nConfused? no. Fine!Next", ["Он пришёл.", "Она ушла.", "Confused? no.", "Fine!Next"]),
        ("「本当？」と聞いた。はい。」終わり！", ["「本当？」", "と聞いた。", "はい。」", "終わり！"]),
        # text tokenised with spaces: a closing quote or a second mark after a space still ends with its sentence
        ("「尊敬しています ！ 」と憧れる。白星だ ！ ！ 次へ。なぜ？！ 本当。", ["「尊敬しています ！ 」", "と憧れる。", "白星だ ！ ！", "次へ。", "なぜ？！", "本当。"]),
        ("…. A", ["….", "A"]),
        # a closing quote after a space ends with its sentence; a list item's number ends none
        ('A leader. " On Monday. She said. "Yes." Why! 1. Weak belts. It rose to 12. Rescuers came.',
         ['A leader. "', "On Monday.", "She said.", '"Yes."', "Why!", "1. Weak belts.", "It rose to 12.", "Rescuers came."]),
        # a note or a bullet after a full stop starts a sentence (a Japanese listing's ※ notes, written * in English)
        ("See-through colour. *Keep copies dry. ■Try it? •Yes. 3 *5 = 15.", ["See-through colour.", "*Keep copies dry.", "■Try it?", "•Yes.", "3 *5 = 15."]),
        # the danda and double danda (Hindi, Nepali), Urdu's full stop, the Arabic question mark (not its semicolon)
        ("दिल्ली में 253 मरीज मिले। मुंबई में 616 मिले ॥ पुणे में ५६७ मिले ।", ["दिल्ली में 253 मरीज मिले।", "मुंबई में 616 मिले ॥", "पुणे में ५६७ मिले ।"]),
        ("دہلی میں 253 نئے مریض ملے۔ ممبئی میں 616 ملے۔", ["دہلی میں 253 نئے مریض ملے۔", "ممبئی میں 616 ملے۔"]),
        ("هل جاء؟ نعم جاء 253 رجلا؛ ثم ذهبوا.", ["هل جاء؟", "نعم جاء 253 رجلا؛ ثم ذهبوا."]),
        # Thai: a space between Thai letters after a clause of some length; not before or after a number, nor
        # after ๆ or ฯ, nor after a short clause
        ("ผู้ป่วยใหม่ในกรุงเทพฯ มี 253 คน เชียงใหม่มีผู้ป่วยใหม่ต่างๆ นานา 616 คน ภูเก็ตมีผู้ป่วย",
         ["ผู้ป่วยใหม่ในกรุงเทพฯ มี 253 คน", "เชียงใหม่มีผู้ป่วยใหม่ต่างๆ นานา 616 คน", "ภูเก็ตมีผู้ป่วย"]),
        ("เขาไป บ้าน แล้ว", ["เขาไป บ้าน แล้ว"]),
        # a line break ends a sentence after an abbreviation, a list item's number or a short Thai clause
        ("Dr.\nSmith came.\n1.\nWeak belts. เขาไป\nบ้าน แล้ว", ["Dr.", "Smith came.", "1.", "Weak belts.", "เขาไป", "บ้าน แล้ว"]),
    ],
)
def test_sentence_ends(text: str, sentences: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentence_spans(text)] == sentences


def test_a_long_run_of_closing_marks_is_one_sentence_end() -> None:
    # each ！ once read the rest of the run again (quadratic: 68 CPU s for 90,000 characters)
    text = "好" + "！ 」" * 3000 + "完。"
    assert [(s.start, s.end) for s in sentence_spans(text)] == [(0, 9001), (9001, 9003)]


def test_a_run_is_split_within_its_bounds() -> None:
    text = "Prologue. One here. Two there. Epilogue."
    assert [text[s.start : s.end] for s in sentence_spans(text, 10, 30)] == ["One here.", "Two there."]


def _plain_align_runs(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]],
) -> list[Bead]:
    """The aligner's programme as first written, every bead of every cell costed: the reference
    that align_runs's shortcuts (precomputed runs, beads passed over by a bound) must agree with."""
    n, m = len(source_lengths), len(target_lengths)
    band = BAND + abs(n - m)
    infinity = float("inf")
    cost = [[infinity] * (m + 1) for _ in range(n + 1)]
    step = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        diagonal = i * m / n
        for j in range(max(0, int(diagonal) - band), min(m, int(diagonal) + band + 1) + 1):
            if i == 0 and j == 0:
                continue
            for (di, dj), prior in PRIORS.items():
                if di > i or dj > j or cost[i - di][j - dj] == infinity:
                    continue
                total = cost[i - di][j - dj] + -math.log(prior) + length_cost(
                    sum(source_lengths[i - di : i]), sum(target_lengths[j - dj : j]), ratio
                )
                if di and dj:
                    shared = frozenset().union(*source_anchors[i - di : i]) & frozenset().union(*target_anchors[j - dj : j])
                    total -= ANCHOR_WEIGHT * min(3, len(shared))
                if total < cost[i][j]:
                    cost[i][j], step[i][j] = total, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def _agrees_with_plain_form(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]],
) -> None:
    # anchors padded or cut to one set per sentence
    source_anchors = (source_anchors + [frozenset()] * len(source_lengths))[: len(source_lengths)]
    target_anchors = (target_anchors + [frozenset()] * len(target_lengths))[: len(target_lengths)]
    assert align_runs(source_lengths, target_lengths, ratio, source_anchors, target_anchors) == _plain_align_runs(
        source_lengths, target_lengths, ratio, source_anchors, target_anchors
    )


_lengths = st.lists(st.integers(1, 300), min_size=1, max_size=25)
_anchor_sets = st.lists(st.frozensets(st.integers(0, 4), max_size=2), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_lengths, _lengths, st.sampled_from([0.4, 1.0, 1.3, 3.0]), _anchor_sets, _anchor_sets)
def test_the_programme_agrees_with_its_plain_form(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]],
) -> None:
    # lengths repeat often, so costs tie
    _agrees_with_plain_form(source_lengths, target_lengths, ratio, source_anchors, target_anchors)


@pytest.mark.slow(seconds=13)
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 300), min_size=7, max_size=40),
    st.lists(st.integers(1, 300), min_size=7, max_size=40),
    st.sampled_from([0.4, 1.0, 3.0]),
    st.lists(st.frozensets(st.integers(0, 12), max_size=4), max_size=40),
    st.lists(st.frozensets(st.integers(0, 12), max_size=4), max_size=40),
)
def test_cells_dropped_off_the_cheapest_path_change_nothing(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]],
) -> None:
    # runs long enough for the narrow pass that sets the ceiling, with anchors enough to take off
    # several points per bead (the slack the ceiling allows for)
    _agrees_with_plain_form(source_lengths, target_lengths, ratio, source_anchors, target_anchors)


def _beads_cost(
    beads: list[Bead], source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]],
) -> float:
    total = 0.0
    for bead in beads:
        shared = frozenset().union(*(source_anchors[i] for i in bead.source)) & frozenset().union(*(target_anchors[j] for j in bead.target))
        total += bead_cost(
            (len(bead.source), len(bead.target)), sum(source_lengths[i] for i in bead.source),
            sum(target_lengths[j] for j in bead.target), len(shared), ratio,
        )
    return total


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 300), min_size=2, max_size=25),
    _lengths,
    st.sampled_from([0.4, 1.0, 1.3, 3.0]),
    _anchor_sets,
    _anchor_sets,
    st.floats(-5, 40),
)
def test_each_left_out_cost_is_that_of_the_beads_align_runs_makes_without_the_sentence(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]], ceiling: float,
) -> None:
    """LQ208's shifted omissions ask what aligning a window costs with each of its source sentences left out: the
    forward and backward programmes must give what align_runs's beads for the other sentences cost (up to the
    order of the sums), including where runs of up to 25 sentences meet the band's edge, and no less than the
    ceiling where that cost is above it."""
    source_anchors = (source_anchors + [frozenset()] * len(source_lengths))[: len(source_lengths)]
    target_anchors = (target_anchors + [frozenset()] * len(target_lengths))[: len(target_lengths)]
    _left_out_costs_agree(source_lengths, target_lengths, ratio, source_anchors, target_anchors, ceiling)


@st.composite
def _translated_runs(draw: st.DrawFn) -> tuple[list[int], list[int], float, list[frozenset[Hashable]], list[frozenset[Hashable]]]:
    """A run of source sentences and a translation of it that merges two or three of them, splits one into two
    or three, leaves one out or adds one, with no length cost: the rarer beads' reach matters."""
    ratio = draw(st.sampled_from([0.4, 1.0, 3.0]))
    source = draw(st.lists(st.integers(5, 200), min_size=3, max_size=14))
    target: list[int] = []
    i = 0
    while i < len(source):
        kind = draw(st.sampled_from(["1-1", "1-1", "2-1", "3-1", "1-2", "1-3", "1-0", "0-1"]))
        taken = {"2-1": 2, "3-1": 3, "0-1": 0}.get(kind, 1)
        length = round(sum(source[i : i + taken]) * ratio)
        parts = {"1-2": 2, "1-3": 3, "1-0": 0}.get(kind, 1)
        target.extend([max(1, length // parts)] * parts if parts else [])
        if kind == "0-1":
            target.append(draw(st.integers(5, 200)))
        i += taken
    target = target or [5]
    anchors = st.lists(st.frozensets(st.integers(0, 8), max_size=2), max_size=14)
    return source, target, ratio, draw(anchors), draw(anchors)


@settings(max_examples=150, deadline=None)
@given(_translated_runs(), st.floats(-1, 4))
# cells that only a one-to-three bead reaches (forward, backward) and only a three-to-one one (backward), at a
# ceiling of the cheapest cost
@example(([5, 5, 5], [2, 2, 1, 1], 0.4, [], []), 0.0)
@example(([5, 5, 11], [2, 2, 2, 2], 0.4, [], []), 0.0)
@example(([5, 5, 5], [6], 0.4, [], []), 0.0)
def test_each_left_out_cost_of_a_split_and_merged_translation_is_that_of_align_runs(
    run: tuple[list[int], list[int], float, list[frozenset[Hashable]], list[frozenset[Hashable]]], above: float,
) -> None:
    """As above, for translations made of every bead kind and a ceiling near the cheapest cost: cells that only a
    three-sentence bead reaches, with most cells dropped, are worked out too."""
    source_lengths, target_lengths, ratio, source_anchors, target_anchors = run
    source_anchors = (source_anchors + [frozenset()] * len(source_lengths))[: len(source_lengths)]
    target_anchors = (target_anchors + [frozenset()] * len(target_lengths))[: len(target_lengths)]
    found = left_out_costs(source_lengths, target_lengths, ratio, source_anchors, target_anchors)
    assert found is not None
    _left_out_costs_agree(source_lengths, target_lengths, ratio, source_anchors, target_anchors, min(found) + above)


def _left_out_costs_agree(
    source_lengths: list[int], target_lengths: list[int], ratio: float,
    source_anchors: list[frozenset[Hashable]], target_anchors: list[frozenset[Hashable]], ceiling: float,
) -> None:
    found = left_out_costs(source_lengths, target_lengths, ratio, source_anchors, target_anchors)
    capped = left_out_costs(source_lengths, target_lengths, ratio, source_anchors, target_anchors, ceiling)
    assert found is not None and capped is not None
    for k, (cost, cost_under_ceiling) in enumerate(zip(found, capped)):
        rest = [i for i in range(len(source_lengths)) if i != k]
        lengths, anchors = [source_lengths[i] for i in rest], [source_anchors[i] for i in rest]
        beads = align_runs(lengths, target_lengths, ratio, anchors, target_anchors)
        expected = _beads_cost(beads, lengths, target_lengths, ratio, anchors, target_anchors)
        assert cost == pytest.approx(expected, abs=1e-9)
        if expected <= ceiling:
            assert cost_under_ceiling == pytest.approx(expected, abs=1e-9)
        else:
            assert cost_under_ceiling > ceiling - 1e-9


@st.composite
def _pairs_one_to_one(draw: st.DrawFn) -> tuple[list[int], list[int], float, list[frozenset[Hashable]], list[frozenset[Hashable]]]:
    """Runs of as many sentences a side, each target sentence near its source's length times the ratio (now and
    then far from it: a merge or a split the one-to-one beads miss), with anchors shared mostly pair by pair."""
    ratio = draw(st.sampled_from([0.4, 1.0, 1.3, 3.0]))
    source = draw(st.lists(st.integers(5, 300), min_size=2, max_size=12))
    target = [max(1, round(length * ratio * draw(st.sampled_from([0.8, 0.9, 1.0, 1.0, 1.1, 1.25, 0.3, 2.5])))) for length in source]
    shared = st.frozensets(st.integers(0, 6), max_size=3)
    source_anchors = [draw(shared) for _ in source]
    target_anchors = [anchors if draw(st.booleans()) else draw(shared) for anchors in source_anchors]
    return source, target, ratio, source_anchors, target_anchors


@settings(max_examples=200, deadline=None)
@given(_pairs_one_to_one())
def test_runs_paired_one_to_one_without_the_programme_are_the_programmes_beads(
    run: tuple[list[int], list[int], float, list[frozenset[Hashable]], list[frozenset[Hashable]]],
) -> None:
    """Where the test of one pass over the pairs finds the one-to-one beads surely cheapest, the plain programme
    makes them too; and the aligner's beads stay the plain form's either way."""
    from copyedit.qa import align

    source, target, ratio, source_anchors, target_anchors = run
    plain = _plain_align_runs(source, target, ratio, source_anchors, target_anchors)
    if align._one_to_one_is_cheapest(source, target, ratio, source_anchors, target_anchors):
        assert plain == [Bead((i,), (i,)) for i in range(len(source))]
    assert align_runs(source, target, ratio, source_anchors, target_anchors) == plain


def test_the_one_to_one_test_decides_most_runs_and_leaves_a_cheaper_two_to_two_bead_to_the_programme() -> None:
    """The test settles a run of close lengths, and leaves the programme a run whose cheapest path is a detour just
    cheaper than the one-to-one beads, and one (lengths and anchors of a WMT document) where two sentences split at
    another place in the translation cost less as one bead."""
    from copyedit.qa import align

    assert align._one_to_one_is_cheapest([120, 80, 95, 60], [125, 78, 99, 61], 1.0, None, None)
    # a detour by a two-to-one and a one-to-two bead of no length cost, cheaper by 0.15 than the one-to-one beads,
    # whose length costs (6.0) are just above what its priors cost beyond theirs (5.85)
    assert not align._one_to_one_is_cheapest([40, 40, 70], [80, 20, 50], 1.0, None, None)
    assert align_runs([40, 40, 70], [80, 20, 50], 1.0) == [Bead((0, 1), (0,)), Bead((2,), (1, 2))]
    year: list[frozenset[Hashable]] = [frozenset(), frozenset(), frozenset(), frozenset({Decimal(2021), Decimal(2022)})]
    source, target, ratio = [183, 295, 88, 179], [238, 214, 94, 168], 0.9586
    assert not align._one_to_one_is_cheapest(source, target, ratio, year, year)
    assert align_runs(source, target, ratio, year, year)[0] == Bead((0, 1), (0, 1))
    assert align_runs(source, target, ratio, year, year) == _plain_align_runs(source, target, ratio, year, year)


def test_left_out_costs_needs_two_source_sentences_and_a_target() -> None:
    assert left_out_costs([50], [50, 60], 1.0) is None
    assert left_out_costs([50, 60], [], 1.0) is None
    # a sentence whose translation is missing costs least to leave out
    costs = left_out_costs([50, 80, 60], [50, 60], 1.0)
    assert costs is not None and min(range(3), key=costs.__getitem__) == 1


def test_the_one_to_one_shortcut_costs_a_bead_as_bead_cost_does() -> None:
    """One sentence a side is decided without the programme, by bead_cost (the programme's formula)."""
    for length in (10, 40, 100):
        together = bead_cost((1, 1), 50, length, 0, 1.0)
        apart = bead_cost((1, 0), 50, 0, 0, 1.0) + bead_cost((0, 1), 0, length, 0, 1.0)
        expected = [Bead((0,), (0,))] if together <= apart else [Bead((), (0,)), Bead((0,), ())]
        assert align_runs([50], [length], 1.0) == expected


def test_runs_too_unlike_for_the_programme_are_paired_by_position(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong source file (20,000 sentences for a translation of two, or the reverse) would cost the programme
    minutes: its band is as wide as the runs' difference. Beyond MAX_CELLS the runs are paired by position."""
    from copyedit.qa import align

    def no_programme(*args: object) -> None:
        raise AssertionError("the programme ran")

    monkeypatch.setattr(align, "_fill", no_programme)
    beads = align.align_runs([20] * 20_000, [40, 40], 1.0)
    assert [(len(b.source), b.target) for b in beads] == [(10_000, (0,)), (10_000, (1,))]
    assert beads[0].source[0] == 0 and beads[1].source[-1] == 19_999
    beads = align.align_runs([20] * 300, [20] * 3_000, 1.0)
    assert [len(b.target) for b in beads] == [10] * 300 and [b.source for b in beads[:2]] == [(0,), (1,)]
    with pytest.raises(AssertionError, match="the programme ran"):  # the runs of real documents take the programme
        align.align_runs([20] * 163, [20] * 160, 1.0)


def test_a_run_too_large_for_the_programme_is_cut_at_its_shared_numbers() -> None:
    """A long source whose translation runs its first half together as one sentence (a text without full
    stops: 1,000 sentences for one) is too unlike for the programme; pairing by position put each target
    sentence with two source sentences, a thousand sentences away from its own. Cut at the numbers that each
    side has once, each piece aligns on its own: the run-together sentence takes the first half and every
    sentence after it its own."""
    from copyedit.qa.bilingual import sentence_anchors

    source = " ".join(f"Отчёт номер {k} опубликован вчера." for k in range(1000, 3000))
    target = ", ".join(f"report number {k} was published yesterday" for k in range(1000, 2000)) + ". "
    target += " ".join(f"Report number {k} was published yesterday." for k in range(2000, 3000))

    def anchors(text: str, span: Any, side: str) -> frozenset[Hashable]:
        return sentence_anchors(text, span, side, "ru" if side == "source" else "en")

    alignment = align_texts(source, target, anchors)
    assert len(alignment.source) == 2000 and len(alignment.target) == 1001
    assert alignment.beads[0] == Bead(tuple(range(1000)), (0,))
    assert alignment.beads[1:] == [Bead((i,), (i - 999,)) for i in range(1000, 2000)]


def test_a_run_with_no_shared_numbers_is_paired_by_its_characters() -> None:
    """With nothing to cut at, each sentence goes with the sentence of the other side at the same share of its
    length: a short first target sentence (1% of its side) takes the short source sentences that make 1% of
    theirs, not half of them."""
    from copyedit.qa import align

    beads = align._proportional_beads([10] * 2000 + [20_000], [200, 20_000], 0, 0)
    assert beads == [Bead(tuple(range(40)), (0,)), Bead(tuple(range(40, 2001)), (1,))]
    assert align._pins([frozenset({1}), frozenset({1})], [frozenset({1})]) == []  # a number twice is no pin


def test_the_narrow_pass_tries_the_common_beads_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrow pass only sets a ceiling, which any path's cost is: it tries one-to-one beads, omissions and
    additions (the rarer beads cost it more than their tighter ceiling saved), and the beads stay the plain form's."""
    from copyedit.qa import align

    passes: list[tuple[int, bool]] = []
    fill = align._fill

    def counted(*args: Any, **kwargs: Any) -> Any:
        programme = fill(*args, **kwargs)
        rare = args[11] if len(args) > 11 else kwargs.get("rare_beads", True)
        passes.append((args[2], rare))
        if not rare:
            assert {kind for row in programme.step for kind in row} <= {(0, 0), (1, 1), (1, 0), (0, 1)}
        return programme

    monkeypatch.setattr(align, "_fill", counted)
    # sentences merged two to one and split one to two, which the full pass still finds
    source, target = [50, 40, 60, 80, 30, 70, 90, 45, 55, 65], [50, 100, 40, 40, 30, 70, 90, 100, 65]
    anchors: list[frozenset[Hashable]] = [frozenset()] * 10
    _agrees_with_plain_form(source, target, 1.0, anchors, anchors[:9])
    assert passes == [(1, False), (BAND + 1, True)]


def test_a_programme_with_no_path_to_its_last_cell_is_a_named_fault_not_a_loop() -> None:
    """Following the path back from a cell the programme never reached (its last bead's kind left as (0, 0)) is an
    error naming the cell: a fault in the programme never turns into a loop that fills memory with empty beads."""
    from copyedit.qa.align import _Programme, _traced

    class Row(list):  # a row that says so when the path is followed on and on (instead of hanging the test)
        reads = 0

        def __getitem__(self, index):  # type: ignore[no-untyped-def]
            Row.reads += 1
            assert Row.reads < 10, "the path was followed on past the programme's cells"
            return super().__getitem__(index)

    infinite = float("inf")
    step = [Row([(0, 0), (0, 1)]), Row([(1, 0), (0, 0)])]
    programme = _Programme(cost=[[0.0, infinite], [infinite, infinite]], step=step, offsets=[0, 0])
    with pytest.raises(RuntimeError, match=r"no path to cell \(1, 1\) of \(1, 1\)"):
        _traced(programme, 1, 1, 0, 0)
    assert _traced(programme, 1, 0, 0, 0) == [Bead((0,), ())]
