"""LQ217 and LQ218: a sum given in another currency than the source's, a percentage become a bare number; on
sentences of the WMT MT outputs."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config

def found(text: str, source: str, lang: str, code: str = "LQ217") -> list[tuple[str, str, str]]:
    return [
        (f.text, f.source.text if f.source else "", f.message)
        for f in copyedit.check(text, source=source, source_lang=lang, config=Config(select=(code,))).findings
    ]


@pytest.mark.parametrize(
    ("code", "source", "lang", "text", "in_target", "in_source"),
    [
        ("LQ217", "2022年前三季度，杉杉股份的营收为158.41亿元。", "zh", "In the first three quarters of 2022, revenue was $15.841 billion.", "$15.841 billion", "158.41亿元"),
        ("LQ217", "六百元的东西就这样对待，很失望。", "zh", "This is how you treat a six hundred dollar item.", "a six hundred dollar", "六百元"),
        # 块 after a number is yuan as people say it (WMT23 zh-en MT: "$280", "a 200 dollar item")
        ("LQ217", "做活动280块买到的，这个价格还可以。", "zh", "I bought it for $280 during the promotion.", "$280", "280块"),
        ("LQ217", "懒得为了个200块的东西被你们折腾。", "zh", "I can't be bothered over a 200 dollar item.", "200 dollar", "200块"),
        ("LQ217", "追加料金も0円で安心。", "ja", "I'll pay you an extra $0.", "$0", "0円"),
        ("LQ217", "Fær ekki sekt fyrir 27 milljóna kr. Bitcoin uppskeru", "is", "Not getting fined for $27 million Bitcoin harvest", "$27 million", "27 milljóna kr."),
        ("LQ217", "Плавучую крепость за 50 миллионов долларов купят немногие.", "ru", "Few will buy a floating fortress for 50 million pounds.", "50 million pounds", "50 миллионов долларов"),
        ("LQ217", "Зарплата — 20 тисяч гривень.", "uk", "The salary is 20 thousand rubles.", "20 thousand rubles", "20 тисяч гривень"),
        ("LQ218", "Сообщается, что 23% опрошенных придерживаются противоположного мнения.", "ru", "It is reported that 23 of those surveyed disagree.", "23", "23%"),
        ("LQ218", "Экономика сократится на 4,5-5,5%.", "ru", "The economy will shrink by 4.5-5.5.", "4.5", "4,5-5,5%"),
        ("LQ218", "失业率为百分之三十。", "zh", "The unemployment rate was 30.", "30", "百分之三十"),
        ("LQ218", "较去年12月续跌3.3个百分点。", "zh", "Down 3.3 rate focuses from December.", "3.3", "3.3个百分点"),
    ],
)
def test_a_measure_changed_or_lost_is_reported_with_both_sides(code: str, source: str, lang: str, text: str, in_target: str, in_source: str) -> None:
    target, quoted, message = found(text, source, lang, code)[0]
    assert (target, quoted) == (in_target, in_source)
    assert f"“{in_source}”" in message


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


@pytest.mark.parametrize(
    ("source", "lang", "text"),
    [
        ("Сообщается, что 23% опрошенных придерживаются противоположного мнения.", "ru", "23 percent of those surveyed disagree."),
        ("Ставка снизилась еще на 0,25 процентного пункта, до 4,25%.", "ru", "It dropped by another 0.25 of a percentage point, to 4.25%."),
        ("旅游收入将恢复到约67%至75%的水平。", "zh", "Tourism revenue will return to about 67 to 75 percent of its level."),
        ("支持率上升了3个百分点。", "zh", "Support rose three points."),
        ("日本は3ポイント差で勝った。", "ja", "Japan won by 3."),  # ポイント: points of a game, not percentage points
        ("Референдумы прошли в 2018 и 2020 годах: в 2020 - 53,3% против.", "ru", "The referendums were in 2018 and 2020: 53.3% against in 2020."),
        ("米国では中古住宅取引の70～90％で検査が行われる。", "ja", "In the US, 70 ~ 90% of used homes are inspected."),
        # Bio-MQM de-en MT: a range kept with its sign at the end; "third" is no bare "3%"
        ("Mortalität von 0,1–0,5 % und längerfristige Komplikationen.", "de", "A mortality of 0.1 and >0.5 % and longer-term complications."),
        ("Insgesamt wiesen 3% Probleme auf. TOPS der dritten Generation hilft.", "de", "In all, some had problems. TOPS of the third generation helps."),
    ],
)
def test_a_percentage_kept_in_any_form_is_left_alone(source: str, lang: str, text: str) -> None:
    assert found(text, source, lang, "LQ218") == []


def test_nothing_without_a_source_nor_in_a_translation_not_in_english() -> None:
    both = Config(select=("LQ217", "LQ218"))
    assert copyedit.check("The book costs $18, 23 of them.", config=both).findings == ()
    german = both.replace(language="de")  # "23 Prozent" is no bare number: the readers know English only
    assert copyedit.check("Das Buch kostet 18 Yuan, 23 Prozent mehr.", source="书价18元，涨了23%。", source_lang="zh", config=german).findings == ()


def test_a_piece_counted_with_kuai_is_no_sum() -> None:
    # 块 counts pieces too: a number with no currency in the translation is never a changed sum
    assert found("I bought six watches for the kids; 3 pieces were broken.", "买了六块手表送孩子，坏了3块。", "zh") == []
    assert found("I paid 280 yuan for it during the promotion.", "做活动280块买到的。", "zh") == []


@pytest.mark.parametrize("distinct", [False, True])
def test_a_sentence_of_many_figures_pairs_each_number_with_its_likes_only(monkeypatch: pytest.MonkeyPatch, distinct: bool) -> None:
    # "5%, " × 30,000 in one sentence and its translation: each source number was tried against every target number,
    # minutes of CPU past any time_limit (4,000 of them: 10 s)
    from copyedit.qa import measures

    calls = 0
    real_same = measures._same

    def counted(source: object, target: object, rounding: bool = True) -> bool:
        nonlocal calls
        calls += 1
        return real_same(source, target, rounding)  # type: ignore[arg-type]

    monkeypatch.setattr(measures, "_same", counted)
    n = 300
    numbers = [str(3 * i + 11) if distinct else "5" for i in range(n)]
    source = "Акции выросли на " + ", ".join(f"{x}%" for x in numbers) + "."
    text = "Shares rose " + ", ".join(numbers) + "."
    found_here = found(text, source, "ru", "LQ218")
    assert calls <= 3 * n
    assert len(found_here) == (n if distinct else 1)  # each figure that lost its sign is still reported
