"""Properties of checking and fixing a translation against its source, on generated pairs: numbers, dates,
names, quotations and untranslated text in the scripts and conventions the checks read (CJK numerals, Arabic-Indic
digits, Hebrew prefixes, Roman numerals, spelled-out numbers), in sentences and paragraphs of any count on each side.

For any pair: ``check`` and ``fix`` (safe, and unsafe) finish without an error or an internal finding; every finding
lies inside the translation, and its source evidence inside the source, quoting the source's own text there; the
applied edits replay to the output; fixing the output again against the same source changes nothing.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copyedit

from .test_markup_properties import known_runaway

EXAMPLES = int(os.environ.get("COPYEDIT_PROPERTY_EXAMPLES", "300")) // 3

SOURCE_PIECES = [
    "В 2022 году", "15 человек задержаны", "12 января", "XVIII в.", "двадцать", "1,5 млн рублей", "Токаев", "«Нур Отан»",
    "7月21日", "3万円", "7600億", "二〇二三年", "十月一日", "习近平", "“北京”", "50%", "約",
    "מ-20", "ב-1948", "١٢٣", "٢٠٢٢", "۱۴۰۲", "Reykjavík", "í gær", "2. mars", "þúsund",
    "Nord Stream-2", "https://example.org/a", "@handle", "#tag", "<b>", "</b>",
]
TARGET_PIECES = [
    "In 2022", "15 people were detained", "on January 12", "the 18th century", "twenty", "1.5 million roubles",
    "Tokayev", "“Nur Otan”", "July 21", "30,000 yen", "760 billion", "2023", "October 1", "Xi Jinping", "Beijing",
    "50 percent", "about", "from 20", "in 1948", "123", "2022", "1402", "Reykjavik", "yesterday", "March 2",
    "a thousand", "Nord Stream 2", "https://example.org/a", "@handle", "#tag", "the the", "said", "he said.",
]
SEPARATORS = [" ", " ", ", ", ". ", "。", "! ", "\n", "\n\n", " “", "” "]


def _text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(st.sampled_from(pieces), st.sampled_from(SEPARATORS)), min_size=1, max_size=14).map(
        lambda parts: "".join(piece + separator for piece, separator in parts)
    )


PAIRS = st.tuples(_text(SOURCE_PIECES), _text(TARGET_PIECES), st.sampled_from(["ru", "ja", "zh", "he", "ar", "fa", "is", None]))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _evidence_problems(result: copyedit.Result, text: str, source: str) -> list[str]:
    problems = []
    for finding in result.findings:
        if not 0 <= finding.span.start <= finding.span.end <= len(text):
            problems.append(f"{finding.code}: span {finding.span} outside a translation of {len(text)}")
        where = finding.source
        if where is not None and (
            not 0 <= where.start <= where.end <= len(source) or source[where.start : where.end] != where.text or where.text not in where.sentence
        ):
            problems.append(f"{finding.code}: source evidence {where} is not the source's text there")
    return problems


@SETTINGS
@given(PAIRS, st.booleans())
def test_a_translation_is_checked_and_fixed_against_any_source(pair: tuple[str, str, str | None], unsafe: bool) -> None:
    source, text, language = pair
    checked = copyedit.check(text, source=source, source_lang=language)
    assert _evidence_problems(checked, text, source) == []
    assert not [f for f in checked.findings if f.code.startswith("X")], checked.findings
    fixed = copyedit.fix(text, source=source, source_lang=language, unsafe=unsafe)
    assert not [f for f in fixed.findings if f.code.startswith("X")] or known_runaway(fixed, unsafe), fixed.findings
    assert _evidence_problems(fixed, fixed.text, source) == []
    assert copyedit.apply_edits(text, fixed.edits) == fixed.text
    again = copyedit.fix(fixed.text, source=source, source_lang=language, unsafe=unsafe)
    assert again.text == fixed.text and not again.applied
