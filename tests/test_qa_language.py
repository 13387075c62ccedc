"""LQ101-LQ103: untranslated sentences, foreign-script fragments, the article's language."""

from __future__ import annotations

import os
import subprocess
import sys

import copyedit
from copyedit import Config
from copyedit.qa.language import _words, may_be_foreign, prose_only


def codes(text: str, select: tuple[str, ...], **config: object) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in copyedit.check(text, config=Config(select=select, **config)).findings]


TURKISH = "Terörle mücadele operasyonunun militanlar tamamen yok edilene kadar devam edeceğini söyledi."


def test_turkish_sentence_in_english_article() -> None:
    text = f"Tokayev said order had been restored in all regions of the country. {TURKISH}\n\nHe left."
    found = copyedit.check(text, config=Config(select=("LQ101",))).findings
    assert [f.text for f in found] == [TURKISH]
    assert "tr (probability" in found[0].message


def test_quotations_names_and_short_segments_are_exempt() -> None:
    text = (
        "He said “Kazakistan halkı bu zor günleri birlikte atlatacak ve daha güçlü olacak” on Tuesday.\n\n"
        "Ministers from Türkiye, Kazakhstan, Uzbekistan, Kyrgyzstan and Azerbaijan met at the Organization of Turkic States.\n\n"
        "Çok teşekkürler!"
    )
    assert codes(text, ("LQ101",)) == []


def test_cheap_prefilter_keeps_langdetect_away_from_english() -> None:
    prose = prose_only("The ministry said that the operation against terrorism would continue until the end.")
    assert not may_be_foreign(prose, _words(prose.lower()), "en")
    # langdetect is not even imported for an English article
    script = (
        "import sys, copyedit;"
        "copyedit.check('The ministry said that the operation would continue until all the militants were caught.',"
        " config=copyedit.Config(select=('LQ1',)));"
        "print('langdetect' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_foreign_script_fragments() -> None:
    assert codes("The EU summit, 中新网 reported, met on Friday.", ("LQ103",)) == [("LQ103", "中新网")]
    assert codes("President Касым-Жомарт Токаев spoke.", ("LQ103",)) == [("LQ103", "Касым-Жомарт Токаев")]
    assert codes("The café in Zürich and São Paulo stayed open.", ("LQ103",)) == []
    # a web address is copied as it is (WMT21 ru-en references); a slogan glued to one in Japanese is still text
    assert codes("New cases were confirmed, the site стопкоронавирус.рф reports; see https://премияарсеньева.рф/.", ("LQ103",)) == []
    assert codes("Booking is cheaper online! レストラン予約するなら一休.com", ("LQ103",)) == [("LQ103", "レストラン予約するなら一休")]
    # the long-vowel mark and the middle dot belong to no script, but a word goes on through them (WMT23 ja-en
    # MT: "Yahoo!ニュ" and "ス" were two findings); alone, as a headline's dash, they are not a fragment
    assert codes("How to find a stole (Sankei Shimbun) - Yahoo!ニュース It is winter.", ("LQ103",)) == [("LQ103", "ニュース")]
    assert codes("(Harper's BAZAAR(ハーパーズ・バザー)) - News", ("LQ103",)) == [("LQ103", "ハーパーズ・バザー")]
    assert codes("New Corona Support Ring ー Kashima Chamber, Paris Saint・Germain.", ("LQ103",)) == []


def test_article_in_the_wrong_language() -> None:
    turkish = "Kazakistan Cumhurbaşkanı, ülkenin tüm bölgelerinde anayasal düzenin yeniden sağlandığını açıkladı. " + TURKISH
    assert [code for code, _ in codes(turkish, ("LQ102",))] == ["LQ102"]
    assert codes("Kazakhstan's president said constitutional order had been restored in all regions.", ("LQ102",)) == []
    assert [code for code, _ in codes("Kazakhstan's president said order had been restored in all the regions.", ("LQ102",), language="tr")] == ["LQ102"]


def test_detection_is_deterministic() -> None:
    text = f"Order was restored. {TURKISH}"
    runs = {tuple(f.message for f in copyedit.check(text, config=Config(select=("LQ101",))).findings) for _ in range(3)}
    assert len(runs) == 1


TURKISH_PARAGRAPH = (
    "Kazakistan Cumhurbaşkanı Tokayev, ülkenin tüm bölgelerinde anayasal düzenin yeniden sağlandığını açıkladı. "
    f"{TURKISH} Tokayev, Almatı'daki saldırıların iyi organize edilmiş bir grup tarafından yapıldığını belirtti."
)
ENGLISH_PARAGRAPHS = (
    "Tokayev thanked the other member states for their troops.",
    "The troops will leave within days, he told the parliament.",
)


def test_the_articles_language_is_decided_by_its_prose_paragraphs() -> None:
    # issue 12: a headline alone is no article (langdetect called this one Slovak, probability 1.00)
    assert codes("Roskomnadzor blocked politician Alexei Navalny's website:", ("LQ102",)) == []
    # one long Turkish paragraph of three is an untranslated paragraph, not a Turkish article
    mixed = "\n\n".join((TURKISH_PARAGRAPH, *ENGLISH_PARAGRAPHS))
    assert [code for code, _ in codes(mixed, ("LQ101", "LQ102"))] == ["LQ101"] * 3
    # two Turkish paragraphs of three are past the margin
    mostly = "\n\n".join((TURKISH_PARAGRAPH, TURKISH_PARAGRAPH, ENGLISH_PARAGRAPHS[0]))
    assert [code for code, _ in codes(mostly, ("LQ102",))] == ["LQ102"]


def test_headings_and_list_items_are_not_prose() -> None:
    html = f"<h1>{TURKISH}</h1><ul><li>{TURKISH}</li></ul><p>{ENGLISH_PARAGRAPHS[0]}</p>"
    assert copyedit.check(html, format="html", config=Config(select=("LQ101", "LQ102"))).findings == ()


def test_names_and_technical_terms_are_not_a_language() -> None:
    # issue 12: langdetect calls both French with probability 1.00
    terms = "Most patients were treated with a plate. (Transverse fracture 52 %, multifragment fractures 40 %). The rest had a nail."
    headline = "Dissident, psychologist, public figure Semyon Gluzman praises Ukrainians."
    assert codes(terms, ("LQ101", "LQ102")) == []
    assert codes(f"{headline} He said the country had changed.", ("LQ101", "LQ102")) == []


def test_an_article_of_english_words_is_english_whatever_langdetect_says() -> None:
    """A post-edit of the MLQE-PE data: langdetect reads it as French (1.00); LQ101 passed it as English words,
    LQ102 (the article's language) did not, as its own test had no word list."""
    odd = "Illusion causes delusion, delusion causes delusion I will expel delusion."
    assert codes(odd, ("LQ101", "LQ102")) == []
    romanian = "Convocarea era sporadică, nu regulată, iar din secolul XVI era convocată tot mai des."
    # the article is Romanian: LQ102 says so, and LQ101 does not repeat it for its one sentence (superseded_by)
    assert [code for code, _ in codes(romanian, ("LQ101", "LQ102"))] == ["LQ102"]
    assert [code for code, _ in codes(romanian, ("LQ101",))] == ["LQ101"]


ICELANDIC = "Einnig er óvíst hvort hægt verður að taka við öllum þeim fjölda áhorfenda sem vanalega sækja leikana."


def test_a_language_langdetect_has_no_profile_of_is_found_and_named() -> None:
    """langdetect knows no Icelandic: unsure of this sentence (a real WMT21 source) it said nothing, and of an
    Icelandic article it said Estonian or Norwegian. CLD2 decides where langdetect is unsure, and names it."""
    found = copyedit.check(f"The games will go ahead as planned. {ICELANDIC}", config=Config(select=("LQ101",))).findings
    assert [f.text for f in found] == [ICELANDIC] and "looks like is (probability" in found[0].message
    article = copyedit.check(f"{ICELANDIC}\n\n{ICELANDIC}", config=Config(select=("LQ102",))).findings
    assert [f.code for f in article] == ["LQ102"] and article[0].message.startswith("The article looks like is (")


def test_german_nouns_count_as_letters_of_the_sentence() -> None:
    """German capitalises its nouns: without them this real sentence (Bio-MQM) kept 33 letters of prose, under 40."""
    german = "Die Erkenntnisse wurden seit dem Pandemieausbruch mehrheitlich von Autopsien gewonnen."
    assert codes(f"Autopsies were the main source of knowledge. {german}", ("LQ101",)) == [("LQ101", german)]
    # without its nouns langdetect was unsure of this one (Bio-MQM); with them it is sure
    unsure = "Die Indikation zur operativen Versorgung besteht bei fast allen lateralen PM-Sehnen-Rupturen mit relevantem Kraftverlust."
    assert codes(f"The study was small. {unsure}", ("LQ101",)) == [("LQ101", unsure)]
    # a list of names keeps too few words of prose, however many letters its names have, and names lend
    # a quarter of the letters at most: with less prose, langdetect reads the words between names
    assert codes("The team: H Shimange, CJ van der Linde, G Britz, D Rossouw, M Claassens, J de Villiers.", ("LQ101",)) == []
    assert codes("He said so. Fischer and Fisher and Vischer met فيشر in Astana. They left.", ("LQ101",)) == []


def test_the_kept_profiles_give_langdetect_s_own_probabilities() -> None:
    from langdetect import detector_factory

    from copyedit.qa.language import _Profiles, _read_profiles

    theirs = detector_factory.DetectorFactory()
    theirs.load_profile(detector_factory.PROFILES_DIRECTORY)
    languages, records = _read_profiles()
    profiles = _Profiles(records, len(languages))
    assert languages == theirs.langlist and set(profiles) == set(theirs.word_lang_prob_map)
    # the same doubles, bit for bit (a float's repr is exact), where zero and where not
    assert all(repr(profiles[word]) == repr(tuple(probabilities)) for word, probabilities in theirs.word_lang_prob_map.items())


def test_a_later_process_reads_the_profiles_back_and_a_broken_file_is_read_anew(tmp_path) -> None:
    script = (
        "from copyedit.qa import language\n"
        "read = []\n"
        "language._read_profiles = (lambda made: lambda: read.append(1) or made())(language._read_profiles)\n"
        f"print(language.detect_language({TURKISH!r}), read)\n"
    )

    def run() -> str:
        environment = {**os.environ, "COPYEDIT_CACHE_DIR": str(tmp_path)}
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True, env=environment).stdout

    first, later = run(), run()
    assert first.endswith("[1]\n") and later.endswith("[]\n") and first.startswith("('tr', 0.99")
    assert first.split(") ")[0] == later.split(") ")[0]  # the same probability
    [kept] = tmp_path.glob("data-langdetect-profiles-*.pickle")
    kept.write_bytes(kept.read_bytes()[:1000])  # truncated
    assert run() == first and kept.stat().st_size > 1_000_000  # read from langdetect's files, and kept again
