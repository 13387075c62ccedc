"""Sentence alignment (copyedit.qa.align) and the number reading it anchors on (copyedit.qa.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from copyedit.qa.align import Bead, align_runs, align_texts, sentence_spans
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
