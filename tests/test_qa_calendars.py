"""Numbers and dates of Estonian, Nepali and Sinhala sources (LQ201, LQ202), as the post-editors of MLQE-PE
translated them: the sentences are theirs. Before, "11. detsembril" (on 11 December) was no date, so its day was
a number "missing" from "on 11 December"; "३० लाख" (30 lakh) was 30, not three million; a year of Nepal's calendar
(२०५२) was not the year its translation gives (1995)."""

from __future__ import annotations

import pytest

import copyedit

CONFIG = copyedit.Config(select=("LQ201", "LQ202"))


def flags(text: str, source: str, lang: str) -> list[str]:
    return [f"{f.code} {text[f.span.start : f.span.end]}" for f in copyedit.check(text, source=source, source_lang=lang, config=CONFIG).findings]


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        # Estonian month names take case endings: on (-l), until (-ni), from (-st)
        ("Alfred Nobel suri 10. detsembril 1896 Itaalias Sanremos.", "Alfred Nobel died on 10 December 1896 in Sanremo, Italy.", "et"),
        ("Soomes Espoos algas kuni 11. märtsini kestev Eesti teatrinädal.", "In Espoo, Finland, the Estonian theatre week runs until 11 March.", "et"),
        ("Krediidipank lõpetab 14. juunist oma Läti filiaali tegevuse.", "The bank will close its Latvian branch as of June 14.", "et"),
        ("Nhamadjo volitused presidendina jõustusid alles 11. mail.", "Nhamadjo's Presidential mandate entered into force only on 11 May.", "et"),
        # "kell 12.30" is a time (at half past twelve), as is "at 9.40" in English
        ("Dubais süttis kohaliku aja järgi kell 12.30 kõrghoone.", "In Dubai, a skyscraper caught fire at 12.30 p.m. local time.", "et"),
        ("Gozo saarel varises hommikul kell 9.40 kokku lubjakivikaar.", "On Gozo, at 9.40 in the morning, a limestone arch collapsed.", "et"),
        # two days of one month: "27. ja 28. aprillil", "între 23 și 26 aprilie"
        ("Pääsuke jäädvustas vigurlendu 27. ja 28. aprillil Tartus.", "On 27 and 28 April, the flight was filmed in Tartu.", "et"),
        ("Portul fusese bombardat puternic între 23 și 26 aprilie.", "The port had been heavily bombed between April 23 and 26.", "ro"),
        # Nepali and Sinhala write the month first, Nepali with postpositions joined, Sinhala with the word for month
        ("अप्रिल २८ का दिन एम्ब्रोजले एमभीपिको कृतिमान तोडे ।", "On April 28, Ambrose broke the MVP record.", "ne"),
        ("उनीहरूको खेल फेरि २२ डिसेम्बरमा भएको थियो ।", "Their game was again held on 22 December.", "ne"),
        ("2017 මාර්තු 16 දින ඩිස්නි ආයතනය නිවේදනය කළේය.", "On March 16, 2017, Disney announced it.", "si"),
        ("1939 සැප්තැම්බර් මස 01 දින පෝලන්තය ආක්රමණය කළේය.", "Germany invaded Poland on September 1, 1939.", "si"),
        # a lakh is a hundred thousand, joined to its postposition
        ("भवन रु ३० लाखभन्दा कममा बिक्री भएको थियो ।", "The building was sold for less than Rs. 3 million.", "ne"),
        ("ले विश्वभरीमा ७० लाख भन्दाबढि प्रति बिक्रि गर्यो ।", "It sold over 7 million copies worldwide.", "ne"),
        # Nepal's calendar: its years run 56 or 57 ahead, its dates are given in the Gregorian calendar
        ("२०५२ मा जनयुद्ध थालनी भएको घोषणा गरियो ।", "The start of the People's War was declared in 1996.", "ne"),
        ("०१७ साल पुस २२ गते देशका तमाम पार्टी प्रतिबन्धित भए ।", "On 5 January 1961 all the parties of the country were banned.", "ne"),
        ("रुकुमको शीतलपोखरीमा ०६५ मा उनको सालिक निर्माण भएको छ ।", "His statue was built in Rukum in 2008.", "ne"),
        ("सामान्यतया माघ ११ गतेदेखि माघ २३ गतेसम्म सूर्य यहाँ देखिन्छ ।", "Generally the Sun can be seen here from January 24 to February 5.", "ne"),
    ],
)
def test_a_faithful_translation_draws_no_flag(source: str, translation: str, lang: str) -> None:
    assert flags(translation, source, lang) == []


def test_a_changed_date_or_year_is_still_reported() -> None:
    assert flags("Alfred Nobel died on 12 December 1896.", "Alfred Nobel suri 10. detsembril 1896.", "et") == ["LQ202 12 December"]
    assert flags("On April 29, Ambrose broke the record.", "अप्रिल २८ का दिन एम्ब्रोजले कृतिमान तोडे ।", "ne") == ["LQ202 April 29"]
    assert flags("On March 17, 2017, Disney announced it.", "2017 මාර්තු 16 දින ඩිස්නි නිවේදනය කළේය.", "si") == ["LQ202 March 17"]
    assert flags("The war was declared in 1990.", "२०५२ मा जनयुद्ध थालनी भएको घोषणा गरियो ।", "ne") == ["LQ201 1990"]
    # "सन्" marks a Gregorian year: it is not read as one of Nepal's calendar
    assert flags("The resolution came in 1950.", "सन् २००७ मा प्रस्ताव आयो ।", "ne") == ["LQ201 1950"]


def test_a_decimal_after_at_is_no_time_when_a_unit_follows() -> None:
    # "at 21.57 seconds" is a time of a race, not of the day: changed, it is reported
    assert flags("He finished at 21.75 seconds.", "Hann kom í mark á 21,57 sekúndum.", "is") == ["LQ201 21.75"]


def test_a_decimal_after_at_is_no_time_when_a_word_follows() -> None:
    # a post-edit of MLQE-PE (ro-en): "at 1.52 children" is the source's 1,52, not 1:52
    source = "Rata totală a fertilității în 2015 era estimată la 1,52 copii născuți / femeie."
    assert flags("The total fertility rate in 2015 was estimated at 1.52 children born / woman.", source, "ro") == []
    assert flags("The total fertility rate in 2015 was estimated at 1.25 children born / woman.", source, "ro") == ["LQ201 1.25"]


def test_a_month_name_inside_a_word_is_no_date() -> None:
    # जन्मेको (was born) holds मे (May) and को: "२५ सय" is 2,500 years, no 25 May
    assert flags("It has been 2500 years since he was born.", "गौतम जन्मेको २५ सय वर्ष भयो ।", "ne") == []


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("It was discovered on January 27, Reiwa 5.", ["LQ201 Reiwa 5"]),
        ("It was discovered on January 27, the 5th year of Reiwa.", ["LQ201 the 5th year of Reiwa"]),
        ("It was discovered on January 27, 2023 (Reiwa 5).", []),
        ("It was discovered on January 27, 2023.", []),
        # a wrong era year is a number the source lacks, reported once
        ("It was discovered on January 27, Reiwa 4.", ["LQ201 Reiwa 4"]),
    ],
)
def test_a_japanese_era_year_in_english_is_read_as_its_year(translation: str, expected: list[str]) -> None:
    assert flags(translation, "令和5年1月27日に判明した。", "ja") == expected


def test_an_era_year_left_in_the_translation_names_the_year_and_points_at_the_source() -> None:
    source = "令和3年度の給付金について、11世帯12人に誤支給があった。"
    [finding] = copyedit.check("For the Reiwa 3 fiscal year, 11 households (12 people) were overpaid.", source=source, source_lang="ja", config=CONFIG).findings
    assert finding.message == "“Reiwa 3” is a year of the Japanese calendar: write 2021 (the era, if it matters, beside it)"
    assert finding.source is not None and finding.source.text == "令和3年"


def test_the_same_era_is_the_era_last_named() -> None:
    source = "１９０３（明治３６）年に発表し、０５（同３８）年には自ら登った。"
    assert flags("He published them in 1903 (Meiji 36), and in 1905 (Meiji 38) climbed it himself.", source, "ja") == []
    # "2005" may stand for "05"; 1905, the year 同38 stands for, is not there
    [finding] = copyedit.check("He published them in 1903, and in 2005 climbed it himself.", source=source, source_lang="ja", config=CONFIG).findings
    assert finding.message.startswith("Number “同38” (1905) of the source is missing from the translation")
