"""LQ221 and LQ222: a word the source writes with capitals (an acronym, a brand) or capitalises (a name)
lower-cased in translation; on sentences of the biomedical MQM MT, the WMT outputs and references and the
MLQE-PE post-edits."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config


def found(text: str, source: str, lang: str, select: tuple[str, ...] = ("LQ221",)) -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.text, f.source.text if f.source else "", f.fix.edits[0].replacement if f.fix else "")
        for f in copyedit.check(text, source=source, source_lang=lang, config=Config(select=select)).findings
    ]


@pytest.mark.parametrize(
    ("source", "lang", "text", "expected"),
    [
        (
            "Eine bariatrische Operation kann bei einem BMI ≥ 35 kg/m2 erwogen werden.", "de",
            "Bariatric surgery can be considered in people with a bmi ≥ 35 kg/m2.", [("bmi", "BMI")],
        ),
        (
            "Statine und Kombinationspartner wie Ezetimib und PCSK9-Inhibitoren. Die PCSK9 wirkt.", "de",
            "Statins and combination partners such as ezetimibe and pcsk9 inhibitors.", [("pcsk9", "PCSK9")],
        ),
        ("Irreguläre Tests RhD-positiver Schwangerer; RhD positiv.", "de", "Irregular tests of rhd positive pregnant women.", [("rhd", "RhD")]),
        ("ENREGISTREMENT DE L’ÉTUDE : PROSPERO (CRD42015029439).", "fr", "Study recording: prospero (crd42015029439).", [("prospero", "PROSPERO"), ("crd42015029439", "CRD42015029439")]),
        # a compound's first part; a letter-by-letter Roman-looking acronym is no numeral
        (
            "Die Leitlinie senkt die LDL-Cholesterinwerte; CTLA-4 und COVID-19.", "de",
            "The guideline lowers ldl cholesterol levels; ctla-4 and covid-19.", [("ldl", "LDL"), ("ctla", "CTLA"), ("covid", "COVID")],
        ),
        ("JCB CARD W plus LとJCB CARD W は2枚同時に持てないカードです。", "ja", "You cannot hold both jcb card w plus l and jcb card w.", [("jcb", "JCB"), ("jcb", "JCB")]),
    ],
)
def test_a_lower_cased_acronym_is_reported_with_the_source_form_as_fix(
    source: str, lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    findings = found(text, source, lang)
    assert [(target, replacement) for _, target, _, replacement in findings] == expected
    assert all(quoted == replacement for _, _, quoted, replacement in findings)  # the source span is the form written


@pytest.mark.parametrize(
    ("source", "lang", "text"),
    [
        ("Die WHO und die US-Behörden warnen vor AIDS.", "de", "The test aids who and us."),  # English words
        ("“基金E账户”APP在各手机应用商店上架。", "zh", "The \"Fund E-account\" app is in the app stores."),  # lower case by convention
        ("Die KG nahm 5 KG zu.", "de", "The control group gained 5 kg."),  # a unit after a number
        ("Kapitel IV und XI.", "de", "See chapters iv and xi."),  # Roman numerals
        ("Die NASA, auf ihrer Seite nasa.", "de", "The nasa website."),  # the source writes it in lower case too
        ("Siehe www.NATO.int und @UNICEF.", "de", "See the nato and unicef pages."),  # the source's addresses
        ("Die NATO und UNICEF.", "de", "See www.nato.int and unicef.org."),  # the translation's addresses
        ("Cystic Fibrosis (CF) ist häufig.", "de", "Cystic fibrosis (cf) is common."),  # the defining bracket is MT115's
        ("Der BMI lag bei 31.", "de", "The BMI was 31."),  # kept
    ],
)
def test_english_words_units_numerals_addresses_and_kept_capitals_are_left_alone(source: str, lang: str, text: str) -> None:
    assert found(text, source, lang) == []


def test_the_defining_bracket_is_reported_once_by_mt115_and_the_other_mentions_by_lq221() -> None:
    source = "Die Zystische Fibrose (CF) ist häufig. Bei CF ist die Lunge betroffen."
    text = "Cystic fibrosis (cf) is common. In cf the lungs are affected."
    assert found(text, source, "de", ("MT115", "LQ221")) == [("MT115", "cf", "", "CF"), ("LQ221", "cf", "CF", "CF")]


def test_without_a_source_or_for_another_target_language_nothing_is_reported() -> None:
    assert copyedit.check("A bmi of 31.", config=Config(select=("LQ221",))).findings == ()
    german = Config(select=("LQ221",), language="de")
    result = copyedit.check("Ein bmi von 31.", source="A BMI of 31.", source_lang="en", config=german)
    assert result.findings == ()


def test_the_unsafe_fix_writes_the_source_form() -> None:
    result = copyedit.fix(
        "A bmi of 31 and the bmi of 35.", source="Ein BMI von 31 und der BMI von 35.", source_lang="de", unsafe=True,
        config=Config(select=("LQ221",)),
    )
    assert result.text == "A BMI of 31 and the BMI of 35."
    assert copyedit.fix("A bmi of 31.", source="Ein BMI von 31.", source_lang="de", config=Config(select=("LQ221",))).text == "A bmi of 31."


def names(text: str, source: str, lang: str) -> list[tuple[str, str]]:
    return [(target, replacement) for _, target, _, replacement in found(text, source, lang, ("LQ222",))]


@pytest.mark.parametrize(
    ("source", "lang", "text", "expected"),
    [
        (
            "En 1859, Charles Darwin (1809-1882) élabore une théorie de la sélection naturelle.", "fr",
            "In 1859, charles darwin (1809-1882) developed a theory of natural selection.",
            [("charles", "Charles"), ("darwin", "Darwin")],
        ),
        (
            "Echipa dispune de jucători care joacă în prezent în Superliga Europeană.", "ro",
            "The team has players currently playing in the European superliga.", [("superliga", "Superliga")],
        ),
        (
            "„Ég held það,“ segir Axel Örn Guðmundsson, sem stundar strandveiðar.", "is",
            '"I think so," axel says, who fishes along the coast.', [("axel", "Axel")],
        ),
        ("Plusieurs essais sont en cours, dont un au Canada.", "fr", "Several trials are underway, including one in canada.", [("canada", "Canada")]),
    ],
)
def test_a_lower_cased_name_is_reported_with_the_source_form_as_fix(source: str, lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text, source, lang) == expected


@pytest.mark.parametrize(
    ("source", "lang", "text"),
    [
        # German capitalises every noun: drug names are lower case in English
        ("Die Kombination aus Voxilaprevir, Velpatasvir und Sofosbuvir ist zugelassen.", "de", "The combination of voxilaprevir, velpatasvir and sofosbuvir is approved."),
        ("Firmó con el Real Madrid, no con el Bill.", "es", "He signed for real money, not for a bill."),  # English words
        ("Se descargó la App Store.", "es", "The app was downloaded."),  # lower case in English
        # a source in another script: its Latin words are foreign names already (WMT22 ru-en reference)
        ("Лидером стал сервис App Annie и компания Meta.", "ru", "The leader was the app market, and the meta topic."),
        ("Charles est venu. Il a vu charles.", "fr", "Then charles came."),  # the source writes it in lower case too
        ("Paris est belle. Elle aime Paris.", "fr", "She loves Paris."),  # kept
        ("Salvador a gagné. Il a gagné.", "fr", "Then salvador won."),  # a sentence's first word says nothing of a name
    ],
)
def test_german_sources_english_words_and_sentence_starts_are_left_alone(source: str, lang: str, text: str) -> None:
    assert names(text, source, lang) == []


def test_one_problem_two_rules_see_is_reported_once_by_the_more_severe() -> None:
    """"canada" is a place in lower case (MT117, info) and the source's Canada in lower case (LQ222, warning): the same
    span and the same fix, reported once. Without the source, MT117 reports it as before."""
    select = ("MT117", "LQ222")
    text, source = "Several trials are underway, including one in canada.", "Plusieurs essais sont en cours, dont un au Canada."
    assert found(text, source, "fr", select) == [("LQ222", "canada", "Canada", "Canada")]
    assert [f.code for f in copyedit.check(text, config=Config(select=select)).findings] == ["MT117"]
    fixed = copyedit.fix(text, source=source, source_lang="fr", unsafe=True, config=Config(select=select))
    assert fixed.text == "Several trials are underway, including one in Canada."
    assert fixed.findings == ()


def test_only_findings_with_the_same_span_and_fix_are_merged() -> None:
    from copyedit.engine import _without_repeats
    from copyedit.model import Applicability, Edit, Finding, Fix, Severity, Span

    def finding(code: str, severity: Severity, replacement: str | None, start: int = 0) -> Finding:
        span = Span(start, start + 6)
        fix = Fix((Edit(span, replacement),), Applicability.UNSAFE, "Replace") if replacement is not None else None
        return Finding(code, code.lower(), severity, "message", span, 1, start + 1, "canada", fix)

    place, name = finding("MT117", Severity.INFO, "Canada"), finding("LQ222", Severity.WARNING, "Canada")
    assert _without_repeats([place, name]) == [name]
    other_fix = finding("XX001", Severity.INFO, "CANADA")
    assert _without_repeats([place, other_fix]) == [place, other_fix]  # two fixes: two opinions
    unfixed = [finding("XX001", Severity.INFO, None), finding("XX002", Severity.INFO, None)]
    assert _without_repeats(unfixed) == unfixed  # two diagnoses without a fix are both kept
    elsewhere = finding("LQ222", Severity.WARNING, "Canada", start=10)
    assert _without_repeats([place, elsewhere]) == [place, elsewhere]
