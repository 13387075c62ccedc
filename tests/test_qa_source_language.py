"""Detecting the source's language (copyedit.qa.bilingual.detect_source_language): CLD2 first, langdetect when it is unsure."""

from __future__ import annotations

from copyedit.kinds.base import Context
from copyedit.qa.bilingual import detect_source_language, source_language
from copyedit.qa.language import detect_language

ICELANDIC = "Fimm ný smit greindust innanlands í gær og voru þrír þeirra í sóttkví við greiningu, samkvæmt upplýsingum almannavarna."


def test_icelandic_is_icelandic_not_norwegian() -> None:
    # langdetect has no Icelandic profile: alone, it read all 47 Icelandic WMT sources as Norwegian or Swedish
    alone = detect_language(ICELANDIC)
    assert alone is not None and alone[0] != "is"
    assert detect_source_language(ICELANDIC) == "is"
    assert source_language(Context(source=ICELANDIC)) == "is"


def test_cld2_codes_are_the_ones_the_checks_know() -> None:
    assert detect_source_language("שלום, הממשלה הודיעה היום על צעדים חדשים לתמיכה בעסקים הקטנים במדינה.") == "he"  # CLD2 says "iw"
    assert detect_source_language("台灣的總統今天宣布了新的經濟政策，以支持受到疫情影響的中小企業。") == "zh"  # CLD2 says "zh-Hant"


def test_langdetect_decides_when_cld2_is_unsure() -> None:
    assert detect_source_language("Der Hund") == "de"  # too short for CLD2
    assert detect_source_language("Der Bundestag tagt heute.\udc80") == "de"  # a lone surrogate CLD2 cannot read


def test_nothing_to_detect() -> None:
    assert detect_source_language("  2024  ") is None
    assert source_language(Context(source="")) == "en"
