"""Numbers, dates and sentences of source languages the readers once missed: Hindi and Thai sentences, Korean
scales and dates, Hebrew dates with the month's prefix, Chinese and Japanese ranges whose second number carries
the scale, and a date's span without the sentence's full stop."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config

QA = Config(select=("LQ201", "LQ202"))


def findings(target: str, source: str, lang: str) -> list[tuple[str, str, str]]:
    return [
        (f.code, f.text, f.source.text if f.source else "")
        for f in copyedit.check(target, source=source, source_lang=lang, config=QA).findings
    ]


CITIES = ("Delhi", "Mumbai", "Pune", "Jaipur", "Lucknow", "Patna")
COUNTS = ("253", "616", "567", "143", "388", "947")


@pytest.mark.parametrize(
    "source, lang",
    [
        (" ".join(f"{city} में {n} नए मरीज मिले।" for city, n in zip(("दिल्ली", "मुंबई", "पुणे", "जयपुर", "लखनऊ", "पटना"), COUNTS)), "hi"),
        (" ".join(f"{city}มีผู้ป่วยใหม่ {n} คน" for city, n in zip(("กรุงเทพฯ", "เชียงใหม่", "ภูเก็ต", "ขอนแก่น", "ชลบุรี", "สงขลา"), COUNTS)), "th"),
    ],
)
def test_sentences_without_a_latin_full_stop_keep_their_numbers(source: str, lang: str) -> None:
    # the whole paragraph was one sentence, aligned with the last of the translation's: "253" and "616" went missing
    target = " ".join(f"{city} found {n} new patients." for city, n in zip(CITIES, COUNTS))
    assert findings(target, source, lang) == []
    changed = target.replace("616", "661")
    assert [code for code, _, _ in findings(changed, source, lang)] == ["LQ201"]


@pytest.mark.parametrize(
    "target, source, lang",
    [
        ("He earned 3.2 million won.", "그는 320만 원을 벌었다.", "ko"),
        ("The budget is 150 billion won; the debt is 1.2 trillion won.", "예산은 1500억 원이고 부채는 1조 2000억 원이다.", "ko"),
        ("It cost 350 million won and 5,000 won.", "3억 5천만 원과 5천 원이 들었다.", "ko"),
        ("He arrived on March 3, 2023.", "그는 2023년 3월 3일에 도착했다.", "ko"),
        ("Under Article 3 of the Constitution, the budget is 2 trillion won.", "헌법 제3조에 따라 예산은 2조 원이다.", "ko"),
        ("He arrived on March 3.", "הוא הגיע ב-3 במרץ.", "he"),
        ("He left on 10 May.", "הוא עזב ב-10 במאי.", "he"),
        ("About 30,000 to 50,000 people came.", "约3至5万人参加。", "zh"),
        ("About 30,000-50,000 people came.", "約3～5万人が参加した。", "ja"),
        ("Between 3 and 5 million yen.", "300～500万円。", "ja"),
        ("Some 30,000 to 50,000 people.", "약 3~5만 명.", "ko"),
        # two neighbouring digits before a scale are an approximate range, as 三四万 is
        ("About 30,000 or 40,000 people came.", "约3、4万人参加。", "zh"),
        ("3 or 4 million yen.", "3、4百万円。", "ja"),
    ],
)
def test_numbers_and_dates_of_these_languages_are_read(target: str, source: str, lang: str) -> None:
    assert findings(target, source, lang) == []


@pytest.mark.parametrize(
    "target, source, lang, found",
    [
        ("He earned 3.5 million won.", "그는 320만 원을 벌었다.", "ko", ("LQ201", "3.5", "320만")),
        ("He arrived on March 4.", "그는 3월 3일에 도착했다.", "ko", ("LQ202", "March 4", "3월 3일")),
        ("He arrived on March 4.", "הוא הגיע ב-3 במרץ.", "he", ("LQ202", "March 4", "3 במרץ")),
        ("About 40,000 to 50,000 people came.", "约3至5万人参加。", "zh", ("LQ201", "40,000", "3")),
        # 3、5万 is two numbers, and a list's 、 has no scale after it
        ("About 30,000 or 50,000 people came.", "约3、5万人参加。", "zh", ("LQ201", "30,000", "3")),
        ("Sections 1, 2 and 4.", "第1、2、3节。", "zh", ("LQ201", "4", "3")),
        # a full month name leaves the sentence's full stop out of the date; an abbreviation keeps its own
        ("He arrived on 4 March.", "Он приехал 3 марта.", "ru", ("LQ202", "4 March", "3 марта")),
        ("He arrived on 4 May.", "Он приехал 3 мая.", "ru", ("LQ202", "4 May", "3 мая")),
        ("He arrived on 4 January.", "Он приехал 3 янв.", "ru", ("LQ202", "4 January", "3 янв.")),
    ],
)
def test_a_changed_number_or_date_of_these_languages_is_reported(target: str, source: str, lang: str, found: tuple[str, str, str]) -> None:
    assert findings(target, source, lang) == [found]


def test_a_range_quotes_its_scale() -> None:
    [finding] = copyedit.check("About 40,000 to 50,000 people came.", source="约3至5万人参加。", source_lang="zh", config=QA).findings
    assert "the source has “3至5万” (30,000)" in finding.message
