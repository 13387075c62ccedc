"""LQ206 (sentence copied from the source) and LQ207 (source-language words and abbreviations
copied into English), per aligned sentence pair; real-looking biomedical and news pairs."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config
from copyedit.kinds.base import Context
from copyedit.qa.bilingual import source_language
from copyedit.qa.english import is_english_word
from copyedit.qa.untranslated import definitions

CODES = ("LQ206", "LQ207")


def flagged(text: str, source: str | None, lang: str | None = "es") -> list[tuple[str, str]]:
    result = copyedit.check(text, source=source, source_lang=lang, config=Config(select=CODES))
    return [(f.code, f.text) for f in result.findings]


def test_source_abbreviation_kept_after_its_long_form_was_translated() -> None:
    source = (
        "Se estimaron la masa grasa (MG), la masa libre de grasa (MLG) y el agua corporal total (ACT). "
        "La BIA sobreestimó el ACT y la MLG."
    )
    target = (
        "Fat mass (MG), fat-free mass (MLG) and total body water (ACT) were estimated. "
        "BIA overestimated ACT and MLG."
    )
    assert flagged(target, source) == [("LQ207", "MG"), ("LQ207", "MLG"), ("LQ207", "ACT"), ("LQ207", "ACT"), ("LQ207", "MLG")]
    finding = copyedit.check(target, source=source, source_lang="es", config=Config(select=CODES)).findings[0]
    assert "masa grasa" in finding.message and finding.fix is None  # its severity is its evidence's (test_rule_evidence)


def test_english_abbreviations_are_not_flagged() -> None:
    source = "La bioimpedanciometría (BIA) y el índice de masa corporal (IMC) se midieron en pacientes con COVID-19."
    # BIA: the English long form spells it too; COVID: never spelled out in the source
    assert flagged("Bioimpedance analysis (BIA) and body mass index (BMI) were measured in COVID-19 patients.", source) == []


@pytest.mark.parametrize(
    "source, target",
    [
        # a name's abbreviation: institutions keep theirs in English
        (
            "Hospital General Regional 25 del Instituto Mexicano del Seguro Social (IMSS). El IMSS atendió a 40 pacientes.",
            "Regional General Hospital 25 of the Mexican Social Security Institute (IMSS). The IMSS treated 40 patients.",
        ),
        # the source itself uses an English long form
        (
            "Se realizó un muestreo venoso suprarrenal (adrenal venous sampling, AVS). El AVS fue exitoso.",
            "Adrenal venous sampling (AVS) was performed. The AVS was successful.",
        ),
        # a single-word long form: English may share the abbreviation
        ("Die Videosprechstunde (VISP) wird genutzt. Die VISP ist beliebt.", "Video consultation (VISP) is used. VISP is popular."),
    ],
)
def test_abbreviations_english_may_keep(source: str, target: str) -> None:
    assert flagged(target, source, "es" if "Die" not in source else "de") == []


def test_split_abbreviations_are_read_in_parts() -> None:
    source = "Se midieron el agua extracelular (AEC) y el agua intracelular (AIC) y la relación AEC/AIC."
    target = "Extracellular water (ECW), intracellular water (ICW) and the AEC/AIC ratio were measured."
    assert flagged(target, source) == [("LQ207", "AEC"), ("LQ207", "AIC")]


def test_copied_phrase_is_flagged_and_single_terms_are_not() -> None:
    source = "Los pacientes de la farmacia hospitalaria recibieron nabiximoles y misoprostol por Chlamydia trachomatis."
    assert flagged("Patients of the farmacia hospitalaria recibieron nabiximoles and misoprostol.", source) == [
        ("LQ207", "farmacia hospitalaria recibieron nabiximoles")
    ]
    # one copied word alone is a drug, a species or a unit more often than an untranslated word
    assert flagged("Hospital pharmacy patients received nabiximoles and misoprostol for Chlamydia trachomatis.", source) == []


def test_copied_sentence() -> None:
    source = "El estudio incluyó a 40 pacientes. Se midió el agua corporal total por deuterio y se calcularon las masas."
    target = "The study included 40 patients. Se midió el agua corporal total por deuterio y se calcularon las masas."
    found = flagged(target, source)
    assert ("LQ206", "Se midió el agua corporal total por deuterio y se calcularon las masas.") in found


@pytest.mark.parametrize(
    "source, lang, target",
    [
        # names copied letter for letter: not untranslated text
        ("Guðni Th. Jóhannesson hitti Katrínu Jakobsdóttur í Reykjavík.", "is", "Guðni Th. Jóhannesson met Katrín Jakobsdóttir in Reykjavík."),
        # a source in another script: Latin abbreviations in it are international
        ("Рост ВВП (GDP) составил 3%, сообщил МВФ (IMF).", "ru", "GDP growth was 3%, the IMF said."),
        # no source, or an English one
        (None, "es", "Fat mass (MG) was measured."),
        ("Fat mass (MG) was measured.", "en", "Fat mass (MG) was measured."),
    ],
)
def test_nothing_to_report(source: str | None, lang: str, target: str) -> None:
    assert flagged(target, source, lang) == []


def test_source_language_is_detected_when_not_given() -> None:
    source = "Se estimaron la masa grasa (MG) y el agua corporal total en los pacientes del estudio."
    assert source_language(Context(source=source)) == "es"
    assert flagged("Fat mass (MG) and total body water were estimated in the study patients.", source, None) == [("LQ207", "MG")]


def test_word_list_and_definitions() -> None:
    assert is_english_word("measured") and is_english_word("mellitus") and not is_english_word("grasa")
    assert definitions("el agua corporal total (ACT), ACT, extracellular water (AEC)") == {"ACT": ["agua corporal total"]}


def test_findings_carry_the_source_span() -> None:
    source = "Se estimaron la masa grasa (MG) en los pacientes. La BIA subestimó la MG."
    target = "Fat mass (MG) was estimated in the patients. BIA underestimated the MG."
    found = copyedit.check(target, source=source, source_lang="es", config=Config(select=CODES)).findings
    assert [(f.text, f.source.text if f.source else None) for f in found] == [("MG", "MG"), ("MG", "MG")]
    assert found[1].source is not None and found[1].source.start == source.rindex("MG")


def test_german_sources_borrow_english_abbreviations() -> None:
    # German writes English abbreviations for its own long forms: a copied one is no evidence
    source = "Patienten mit linksventrikulärer Assist-Devices (LVAD) wurden eingeschlossen. Das LVAD wurde implantiert."
    assert flagged("Patients with left ventricular assist devices (LVAD) were included. The LVAD was implanted.", source, "de") == []


def test_a_fragment_in_another_script_copied_from_the_source_carries_its_copy() -> None:
    # WMT23 ja-en MT: a site's name left in Japanese; the source's copy is quoted beside it (HTML report, SARIF, JSON)
    source = "盗まれたストールの探し方（産経新聞）。\n\nYahoo!ニュースで読む。"
    translation = "How to find a stolen stole (Sankei Shimbun).\n\nRead it on Yahoo!ニュース."
    [found] = copyedit.check(translation, source=source, source_lang="ja", config=Config(select=("LQ103",))).findings
    assert found.text == "ニュース" and "copied from the source" in found.message
    assert found.source is not None and (found.source.text, found.source.sentence) == ("ニュース", "Yahoo!ニュースで読む。")
    assert source[found.source.start : found.source.end] == "ニュース"
    # not in the source: the fragment stays LQ103's plain finding, without a source span
    [other] = copyedit.check("Read it on Yahoo!ニュース.", source="Yahooで読む。", source_lang="ja", config=Config(select=("LQ103",))).findings
    assert other.source is None and other.message == "“ニュース” is in Katakana script: left untranslated?"
    # without a source, as before
    [alone] = copyedit.check("Read it on Yahoo!ニュース.", config=Config(select=("LQ103",))).findings
    assert alone.source is None


def test_fragments_of_one_script_with_only_marks_between_are_one_finding() -> None:
    # WMT23 zh-en MT (ANVITA) wrote a line of Korean for a Chinese review: one stretch, once six findings
    line = "\"'복면가왕' 동방신기, 3 주연속 1 위... 이상수상수상, 이상수상수상.\""
    [found] = copyedit.check(f"The battery is small.\n\n{line}", config=Config(select=("LQ103",))).findings
    assert found.text == "복면가왕' 동방신기, 3 주연속 1 위... 이상수상수상, 이상수상수상" and "Hangul" in found.message
    # a Latin letter or another script between two fragments keeps them apart
    text = "Токаев (Tokayev) and 中国, Назарбаев"
    assert [f.text for f in copyedit.check(text, config=Config(select=("LQ103",))).findings] == ["Токаев", "中国", "Назарбаев"]
    # WMT23 ja-en MT: a stretch copied with the source's wide digits written narrow is still the source's copy
    source = "大会は１０月１０日に開かれた。"
    [copied] = copyedit.check("The meeting was held on 月 10 日.", source=source, source_lang="ja", config=Config(select=("LQ103",))).findings
    assert copied.text == "月 10 日" and "copied from the source" in copied.message
    assert copied.source is not None and source[copied.source.start : copied.source.end] == "月１０日"
