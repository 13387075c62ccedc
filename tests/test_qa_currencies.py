"""LQ217: a sum the translation gives in another currency than its source, on sentences of the WMT MT outputs."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config

ONLY = Config(select=("LQ217",))


def found(text: str, source: str, lang: str) -> list[tuple[str, str, str]]:
    return [
        (f.text, f.source.text if f.source else "", f.message)
        for f in copyedit.check(text, source=source, source_lang=lang, config=ONLY).findings
    ]


@pytest.mark.parametrize(
    ("source", "lang", "text", "sum_in_target", "sum_in_source"),
    [
        ("2022年前三季度，杉杉股份的营收为158.41亿元。", "zh", "In the first three quarters of 2022, revenue was $15.841 billion.", "$15.841 billion", "158.41亿元"),
        ("六百元的东西就这样对待，很失望。", "zh", "This is how you treat a six hundred dollar item.", "a six hundred dollar", "六百元"),
        ("追加料金も0円で安心。", "ja", "I'll pay you an extra $0.", "$0", "0円"),
        ("Fær ekki sekt fyrir 27 milljóna kr. Bitcoin uppskeru", "is", "Not getting fined for $27 million Bitcoin harvest", "$27 million", "27 milljóna kr."),
        ("Плавучую крепость за 50 миллионов долларов купят немногие.", "ru", "Few will buy a floating fortress for 50 million pounds.", "50 million pounds", "50 миллионов долларов"),
        ("Зарплата — 20 тисяч гривень.", "uk", "The salary is 20 thousand rubles.", "20 thousand rubles", "20 тисяч гривень"),
    ],
)
def test_a_sum_in_another_currency_is_reported_with_both_sides(source: str, lang: str, text: str, sum_in_target: str, sum_in_source: str) -> None:
    [(target, quoted, message)] = found(text, source, lang)
    assert (target, quoted) == (sum_in_target, sum_in_source)
    assert f"“{sum_in_source}”" in message


@pytest.mark.parametrize(
    ("source", "lang", "text"),
    [
        ("亚马逊上该书电子版降价到了 18 元。", "zh", "The e-book's price on Amazon was cut to 18 yuan (about $2.60)."),  # a conversion added
        ("投资额为3亿港元。", "zh", "The investment was $300 million."),  # which dollar "$" means is the house's choice
        ("188円って、どんな品質かと思った。", "ja", "I wondered what quality ¥188 would buy."),  # ¥ is the yen's sign too
        ("将带来约180亿至210亿新元的旅游收益。", "zh", "It will bring 18 to 21 billion Singapore dollars in tourism revenue."),
        ("这栋楼3单元有3块蛋糕。", "zh", "Unit 3 of the building has 3 pieces of cake for $3."),  # 单元 is a unit, 块 a piece
        ("Бюджет составляет 6,2 млн рублей.", "ru", "The budget is 6.2 million rubles, about $84,000."),
    ],
)
def test_the_same_currency_a_conversion_or_no_sum_is_left_alone(source: str, lang: str, text: str) -> None:
    assert found(text, source, lang) == []


def test_nothing_without_a_source() -> None:
    assert copyedit.check("The book costs $18.", config=ONLY).findings == ()
