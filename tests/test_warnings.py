"""``Result.warnings``: what was wrong with what was sent besides the text, said once by the engine for every front end.

An empty source is checked without one; a source language the source is not written in is not believed (the source is
read in the language detected in it); a ``source_lang`` of "" is none given.
"""

from __future__ import annotations

import pytest

import copyedit
from copyedit import CheckWarning, Config
from copyedit.model import EMPTY_SOURCE, SOURCE_LANG_MISMATCH

# Real mislabelled sources gave confident false findings: an Icelandic source said to be Chinese had "Norway" reported
# as a country the source does not name (LQ224, whose Chinese names it looked for); a Russian one said to be Japanese
# had "1,5 тысячи" read as the numbers 1 and 5,000 (LQ201).
ICELANDIC = (
    "Ríkisstjórnin í Noregi og Japan kynnti í gær nýjar aðgerðir vegna faraldursins. "
    "Um 1.500 manns misstu vinnuna á síðasta ári, að sögn ráðherrans."
)
ICELANDIC_TRANSLATION = (
    "The governments of Norway and Japan announced new measures yesterday because of the pandemic. "
    "About 1,500 people lost their jobs last year, the minister said."
)
RUSSIAN = "По данным министерства, около 1,5 тысячи человек были эвакуированы из района в четверг."
RUSSIAN_TRANSLATION = "According to the ministry, about 1,500 people were evacuated from the area on Thursday."
EMPTY = CheckWarning(EMPTY_SOURCE, "source", "the source has no text (it is empty, or only white space or markup): checked without one")


@pytest.mark.parametrize("run", [copyedit.check, copyedit.fix])
def test_an_empty_source_is_a_warning_of_the_result(run) -> None:  # noqa: ANN001
    assert run(RUSSIAN_TRANSLATION, source=" \n").warnings == (EMPTY,)
    assert run(RUSSIAN_TRANSLATION, source="").to_dict()["warnings"] == [EMPTY.to_dict()]
    assert run(RUSSIAN_TRANSLATION, source="<p> </p>", source_format="html").warnings == (EMPTY,)  # text in its markup: none
    assert run(RUSSIAN_TRANSLATION, source=None).warnings == () == run(RUSSIAN_TRANSLATION, source=RUSSIAN).warnings


@pytest.mark.parametrize("run", [copyedit.check, copyedit.fix])
def test_a_source_not_in_the_scripts_of_its_language_is_read_in_the_language_detected(run) -> None:  # noqa: ANN001
    said_chinese = run(ICELANDIC_TRANSLATION, source=ICELANDIC, source_lang="zh")
    assert "LQ224" not in [finding.code for finding in said_chinese.findings]  # read as Icelandic: no Chinese names sought
    [warning] = said_chinese.warnings
    assert (warning.code, warning.field) == (SOURCE_LANG_MISMATCH, "source_lang")
    assert warning.message.startswith("the source language is given as zh, but none of the ")
    assert warning.message.endswith(" letters of the source text is in a script zh is written in: read as is, the language detected in it")
    assert said_chinese.findings == run(ICELANDIC_TRANSLATION, source=ICELANDIC).findings
    said_japanese = run(RUSSIAN_TRANSLATION, source=RUSSIAN, source_lang="ja")
    assert said_japanese.findings == () and said_japanese.warnings[0].message.endswith("read as ru, the language detected in it")


def test_a_source_in_the_scripts_of_its_language_is_read_in_it_without_a_word() -> None:
    # Serbian is written in Latin too (CLDR), Japanese in kana as well as Han; the configuration's language is given too
    assert copyedit.check("x", source="Vlada je u četvrtak objavila nove mere podrške privredi i građanima.", source_lang="sr").warnings == ()
    assert copyedit.check("x", source="東京都は木曜日、新たな支援策を発表しました。", source_lang="ja").warnings == ()
    assert copyedit.check(ICELANDIC_TRANSLATION, source=ICELANDIC, source_lang="is").warnings == ()
    configured = copyedit.check(RUSSIAN_TRANSLATION, source=RUSSIAN, config=Config(source_lang="ja"))
    assert [warning.code for warning in configured.warnings] == [SOURCE_LANG_MISMATCH] and configured.findings == ()


def test_a_short_source_has_too_few_letters_to_doubt_its_language() -> None:
    # a headline of a name or two in Latin letters may well be Russian: nothing is said, and it is read as Russian
    assert copyedit.check("Apple and Samsung", source="Apple и Samsung", source_lang="ru").warnings == ()


def test_an_empty_source_lang_is_none_given() -> None:
    # it was an InputError ("must be a language code"), while an empty source was no source
    assert copyedit.check(RUSSIAN_TRANSLATION, source=RUSSIAN, source_lang="") == copyedit.check(RUSSIAN_TRANSLATION, source=RUSSIAN)
    assert copyedit.fix(RUSSIAN_TRANSLATION, source_lang=" ").warnings == ()


def test_the_service_answers_with_the_engines_warnings_and_reads_the_title_as_the_source() -> None:
    from copyedit.service import ServiceConfig, parse_article, process

    request = {"body": RUSSIAN_TRANSLATION, "title": "1,500 evacuated", "source": RUSSIAN, "source_lang": "ja"}
    answer = process(parse_article(request), ServiceConfig(), mode="check")
    [warning] = answer["warnings"]
    assert (warning["code"], warning["field"]) == (SOURCE_LANG_MISMATCH, "source_lang")
    assert warning["message"].endswith("read as ru, the language detected in it")
    assert answer["findings"] == [] and answer["title_findings"] == []
    # "" is no source language, as in the library (it was a field error)
    assert "warnings" not in process(parse_article({**request, "source_lang": ""}), ServiceConfig(), mode="check")
