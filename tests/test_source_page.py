"""A whole HTML page given as the source: its article is the source, not its menus, footer and copyright line.

A translation of a page's article has no menu, promo or footer; compared with the whole page it was missing all of
them: the promo's sentence (LQ208), the copyright line's year (LQ201), the paragraphs of the menu (LQ205) and, for an
HTML translation, the menu's links (LQ210). A page source (one with a ``<body>``, as BP120 decides for an article) is
now read as the article the extractor finds in it, in every front end, and findings still point into the page as
sent. A page translated as a page keeps its chrome on both sides and is compared whole, as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copyedit
from copyedit import engine

from .cli_runner import run_cli

# A real sentence pair (WMT22 ru-en, izvestiya.97208; also LQ208's example), set in a page with a menu, a promo
# before the article and a footer
SOURCE_TEXT = (
    "Согласно окончательным результатам третьего референдума о независимости Новой Каледонии, подавляющее"
    " большинство участников отказались выходить из состава Франции. Об этом 12 декабря сообщил французский"
    " телеканал BFM.TV. Против независимости высказались 96,5% проголосовавших. Поддержали независимость от Франции"
    " 3,51% жителей архипелага на юге Тихого океана. Аннулировали результаты 2,99% бюллетеней. Уровень участия в"
    " голосовании в этот день был очень низким: на участки пришли около 55% жителей архипелага. По мнению экспертов,"
    " низкая явка объясняется призывами сепаратистов отказаться от участия в референдуме из-за коронавируса. Париж"
    " отказался переносить дату референдума."
)
TRANSLATION = (
    "According to the final results of the third referendum on New Caledonia's independence, the vast majority of"
    " participants do not want to secede from France. This was reported by the French channel BFM.TV on December 12."
    " 96.5% of voters opposed independence. 3.51% of the South Pacific archipelago's residents supported independence"
    " from France. The results of 2.99% of the ballots were annulled. Voting turnout that day was very low: about 55% of"
    " the archipelago's residents went to the polls. According to experts, the low turnout was due to the calls by the"
    " separatists to abstain from participating in the referendum in light of the coronavirus. Paris refused to"
    " reschedule the referendum.\n"
)
PAGE = (
    "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Референдум | Известия</title></head><body>\n"
    "<nav><ul><li><a href=\"/\">Главная</a></li><li><a href=\"/world\">Мир</a></li><li><a href=\"/sport\">Спорт</a></li></ul></nav>\n"
    "<div class=\"promo\"><p>Подпишитесь на наш канал в Telegram, чтобы первыми узнавать о самых важных событиях в мире.</p></div>\n"
    f"<article>\n<p>{SOURCE_TEXT}</p>\n</article>\n"
    "<footer><p>© 2024 Известия</p></footer>\n</body></html>\n"
)
# the translation with one number changed: the finding must point at the source's number in the page as sent
CHANGED = TRANSLATION.replace("about 55%", "about 56%")
NUMBER_AT = PAGE.index("55%")


def _codes(findings: list[dict]) -> list[str]:
    return [finding["code"] for finding in findings]


def _lq(findings: list[copyedit.Finding]) -> list[dict]:
    return [finding.to_dict() for finding in findings if finding.code.startswith("LQ")]


def _points_into_the_page(findings: list[dict]) -> None:
    """The findings of CHANGED against PAGE: the changed number alone, its source span the page's own offsets."""
    assert _codes(findings) == ["LQ201"], findings
    source = findings[0]["source"]
    assert (source["start"], source["end"], source["text"]) == (NUMBER_AT, NUMBER_AT + 2, "55")
    assert PAGE[source["start"] : source["end"]] == "55"
    assert "Известия" not in source["sentence"] and "Подпишитесь" not in source["sentence"]


def test_the_library_reads_a_page_source_as_its_article() -> None:
    # before: LQ208 (the promo's sentence), LQ205 (7 paragraphs against 1), LQ201 (the footer's 2024)
    assert _lq(copyedit.check(TRANSLATION, source=PAGE, source_lang="ru", source_format="html").findings) == []
    _points_into_the_page(_lq(copyedit.check(CHANGED, source=PAGE, source_lang="ru", source_format="html").findings))
    _points_into_the_page(_lq(copyedit.fix(CHANGED, source=PAGE, source_lang="ru", source_format="html").findings))


def test_the_source_text_is_the_article_and_offsets_are_the_pages() -> None:
    context = engine.source_context(copyedit.Config(), PAGE, "ru", "text", "html", TRANSLATION)
    assert context.source == SOURCE_TEXT
    assert context.source_markup is not None and len(context.source_markup) == len(PAGE)
    at = PAGE.index(SOURCE_TEXT)
    assert context.source_markup[at : at + len(SOURCE_TEXT)] == SOURCE_TEXT
    assert "<nav" not in context.source_markup and "2024" not in context.source_markup


def test_an_html_translation_is_not_held_to_the_menus_links() -> None:
    fragment = f"<p>{TRANSLATION.strip()}</p>\n"
    findings = _lq(copyedit.check(fragment, format="html", source=PAGE, source_lang="ru").findings)
    assert findings == [], findings  # before: LQ210 "The source has 3 links (<a>), the translation 0", LQ201, LQ205…


def test_a_page_translated_as_a_page_is_compared_whole() -> None:
    """Both sides keep their chrome: menu with menu, footer with footer (the article's own chrome is BP120's)."""
    english = (
        PAGE.replace(SOURCE_TEXT, TRANSLATION.strip()).replace("Главная", "Home").replace("Мир", "World")
        .replace("Спорт", "Sport").replace("Все права защищены", "All rights reserved").replace("Известия", "Izvestia")
        .replace("Референдум", "Referendum")
        .replace("Подпишитесь на наш канал в Telegram, чтобы первыми узнавать о самых важных событиях в мире",
                 "Subscribe to our Telegram channel to be the first to know about the most important events in the world")
    )
    context = engine.source_context(copyedit.Config(), PAGE, "ru", "html", None, english)
    assert "2024" in (context.source or "") and context.source_markup == PAGE
    assert [f for f in _lq(copyedit.check(english, format="html", source=PAGE, source_lang="ru").findings) if f["code"] != "LQ210"] == []


def test_a_fragment_or_a_page_without_an_article_is_read_whole() -> None:
    fragment = "<p>Об этом 12 декабря сообщил французский телеканал BFM.TV.</p>\n"
    assert engine.source_context(copyedit.Config(), fragment, "ru", "text", "html").source == fragment[3:-5]
    empty = "<html><body><nav><a href='/'>Главная</a></nav></body></html>"
    assert engine.source_context(copyedit.Config(), empty, "ru", "text", "html").source == "Главная"


# A page whose extractor leaves out the headline and the standfirst (an <h2> after it), with a copy of the headline
# in a list of stories before them
HEADLINE = "В Астане задержаны 15 участников акции протеста"
STANDFIRST = "Полиция сообщила о задержании 15 человек во вторник вечером у здания акимата."
PARAGRAPH = "Переговоры в Астане завершились в пятницу без соглашения, заявили в министерстве иностранных дел страны."
HEADED_PAGE = (
    f"<html><head><title>{HEADLINE} | Новости</title></head><body>\n<nav><a href='/'>Главная</a></nav>\n"
    f"<ul class='most-read'><li><a href='/news/1'>{HEADLINE}</a></li><li><a href='/news/2'>Курс тенге упал</a></li></ul>\n"
    f"<h1>{HEADLINE}</h1>\n<h2 class='standfirst'>{STANDFIRST}</h2>\n<div class='body'>\n"
    + f"<p>{PARAGRAPH}</p>\n" * 3
    + "</div>\n<footer><p>© 2024 Новости</p></footer>\n</body></html>\n"
)
HEADED_TRANSLATION = (
    "<h1>15 protesters detained in Astana</h1>\n"
    "<h2>Police reported the detention of 15 people on Tuesday evening outside the akimat building.</h2>\n"
    + "<p>The talks in Astana ended on Friday without an agreement, the foreign ministry said.</p>\n" * 3
)


def test_a_page_sources_headline_and_standfirst_are_compared_too() -> None:
    """The extractor drops them, but the page shows they are the article's (BP120 leaves them too); the copy of the
    headline in the list of stories is a link elsewhere, and stays out."""
    context = engine.source_context(copyedit.Config(), HEADED_PAGE, "ru", "html", None, HEADED_TRANSLATION)
    assert (context.source or "").split("\n\n") == [HEADLINE, STANDFIRST] + [PARAGRAPH] * 3
    at = HEADED_PAGE.index(f"<h1>{HEADLINE}")  # offsets stay the page's
    assert context.source_markup is not None and context.source_markup[at : at + 60] == HEADED_PAGE[at : at + 60]
    assert "<a " not in context.source_markup  # the list's copy, with its link (and the menu's)
    # before: LQ205 "The source has 3 paragraphs, the translation 5", and LQ223 on the paragraphs it then misaligned
    assert _lq(copyedit.check(HEADED_TRANSLATION, format="html", source=HEADED_PAGE, source_lang="ru").findings) == []
    headline, _, body = HEADED_TRANSLATION.split("\n", 2)  # a translation that left the standfirst out
    findings = _lq(copyedit.check(f"{headline}\n{body}", format="html", source=HEADED_PAGE, source_lang="ru").findings)
    assert [finding["message"] for finding in findings] == [
        "The source has 5 paragraphs, the translation 4: a paragraph may be missing or merged"  # before: 3 against 4
    ]


# A Chinese page: the extractor drops the headline and the standfirst, and takes the menu's 社会 ("Society") for the
# article's, the word standing in its second paragraph
ZH_HEADLINE = "北京今年将新建五十所学校"
ZH_STANDFIRST = "市教委表示，新学校将在九月开学前全部投入使用。"
ZH_PARAGRAPHS = (
    "北京市教育委员会周二宣布，今年将在城市各区新建五十所中小学，以缓解入学压力。",
    "据介绍，这些学校大多位于人口增长较快的郊区，社会各界对此普遍表示欢迎。",
    "教委负责人说，新学校的教师招聘工作已经开始，预计将招聘两千名教师。",
)
ZH_PAGE = (
    f"<html><head><title>{ZH_HEADLINE} | 新闻网</title></head><body>\n"
    "<nav><ul><li><a href='/'>首页</a></li><li><a href='/society'>社会</a></li><li><a href='/sport'>体育</a></li></ul></nav>\n"
    f"<h1>{ZH_HEADLINE}</h1>\n<h2 class='standfirst'>{ZH_STANDFIRST}</h2>\n<div class='body'>\n"
    + "".join(f"<p>{paragraph}</p>\n" for paragraph in ZH_PARAGRAPHS)
    + "</div>\n<footer><p>© 2024 新闻网</p></footer>\n</body></html>\n"
)
ZH_TRANSLATION = (
    "<h1>Beijing to build fifty new schools this year</h1>\n"
    "<h2>The municipal education commission said the new schools will all be in use before term starts in September.</h2>\n"
    "<p>The Beijing Municipal Education Commission announced on Tuesday that fifty new primary and secondary schools will"
    " be built across the city's districts this year to ease the pressure on enrolment.</p>\n"
    "<p>Most of the schools are in fast-growing suburbs, and the public has broadly welcomed the plan.</p>\n"
    "<p>The head of the commission said that the hiring of teachers for the new schools has begun, and two thousand"
    " teachers are expected to be hired.</p>\n"
)


def test_a_chinese_page_source_starts_at_its_headline() -> None:
    """Its headline and standfirst are found though they have no spaces, and a menu entry the extractor took for the
    article's, a short block before the headline, is not compared."""
    context = engine.source_context(copyedit.Config(), ZH_PAGE, "zh", "html", None, ZH_TRANSLATION)
    assert (context.source or "").split("\n\n") == [ZH_HEADLINE, ZH_STANDFIRST, *ZH_PARAGRAPHS]
    # before: LQ205 "The source has 4 paragraphs, the translation 5", LQ210 (the menu entry's link)
    assert _lq(copyedit.check(ZH_TRANSLATION, format="html", source=ZH_PAGE, source_lang="zh").findings) == []


def test_a_standfirst_the_page_marks_is_compared_without_a_full_stop() -> None:
    """Marked by its class, between the headline and the text, it is the article's: before, only a sentence was."""
    page = HEADED_PAGE.replace(STANDFIRST, STANDFIRST.rstrip("."))
    context = engine.source_context(copyedit.Config(), page, "ru", "html", None, HEADED_TRANSLATION)
    assert (context.source or "").split("\n\n") == [HEADLINE, STANDFIRST.rstrip(".")] + [PARAGRAPH] * 3
    # before: LQ205 "The source has 4 paragraphs, the translation 5", LQ223, LQ209
    assert _lq(copyedit.check(HEADED_TRANSLATION, format="html", source=page, source_lang="ru").findings) == []
    # the same line the page does not mark is no standfirst: it may be a caption or a credit
    unmarked = page.replace(" class='standfirst'", "")
    assert STANDFIRST.rstrip(".") not in (engine.source_context(copyedit.Config(), unmarked, "ru", "html").source or "")


# A page whose extractor keeps its byline and date line (its paragraphs have no full stops: it reads the page whole)
CHAT_HEADLINE = "Переговоры в Астане завершились без соглашения"
CHAT_PARAGRAPHS = (
    "делегации снова встретятся в марте когда комиссия опубликует доклад о границе",
    "министр сказал что переговоры были полезными и следующий раунд решит вопрос",
)
CHAT_TRANSLATION = (
    "<h1>The talks in Astana ended without an agreement</h1>\n"
    "<p>the delegations will meet again in March when the committee publishes its report on the border</p>\n"
    "<p>the minister said the talks had been useful and the next round would settle the question</p>\n"
)


def _bylined_page(headline: str) -> str:
    return (
        f"<html><head><title>{headline} | Новости</title></head><body>\n"
        "<nav><ul><li><a href='/'>Главная</a></li><li><a href='/world'>Мир</a></li></ul></nav>\n"
        f"<article><header><h1>{headline}</h1>\n<p class='byline'>Новости, <time>14.03.2023 10:45</time></p></header>\n"
        + "".join(f"<p>{paragraph}</p>\n" for paragraph in CHAT_PARAGRAPHS)
        + "</article>\n<footer><p>© 2024 Новости</p></footer>\n</body></html>\n"
    )


def test_a_byline_the_extractor_keeps_is_not_compared() -> None:
    """A line the page marks as a byline or a date, between the headline and the text, is no text a translation of
    the article has."""
    page = _bylined_page(CHAT_HEADLINE)
    assert (engine.source_context(copyedit.Config(), page, "ru", "html").source or "").split("\n\n") == [
        CHAT_HEADLINE, *CHAT_PARAGRAPHS
    ]
    # before: LQ205 "The source has 4 paragraphs, the translation 3", LQ201 "2023" and "45", LQ202 "14.03.2023"
    assert _lq(copyedit.check(CHAT_TRANSLATION, format="html", source=page, source_lang="ru").findings) == []
    # a date in a paragraph of the article stays
    dated = page.replace("опубликует доклад", "опубликует <time>14 марта</time> доклад")
    assert "14 марта" in (engine.source_context(copyedit.Config(), dated, "ru", "html").source or "")


def test_a_two_word_headline_starts_the_article_too() -> None:
    """A heading with the text of the title's first part, however short, is the headline: the byline after it goes
    (before: kept, and LQ205, LQ201 and LQ202 with it)."""
    page = _bylined_page("Рекорд Астаны")
    assert (engine.source_context(copyedit.Config(), page, "ru", "html").source or "").split("\n\n") == [
        "Рекорд Астаны", *CHAT_PARAGRAPHS
    ]
    translation = CHAT_TRANSLATION.replace("The talks in Astana ended without an agreement", "Astana's record")
    assert _lq(copyedit.check(translation, format="html", source=page, source_lang="ru").findings) == []


def test_a_buttons_text_is_not_compared() -> None:
    """The extractor takes a share button between the article's paragraphs for text (before: a paragraph
    "Поделиться")."""
    paragraphs = (
        "Делегации снова встретятся в марте, когда комиссия опубликует доклад о границе.",
        "Министр сказал, что переговоры были полезными и следующий раунд решит вопрос.",
    )
    page = (
        f"<html><head><title>{CHAT_HEADLINE} | Новости</title></head><body>\n<article><h1>{CHAT_HEADLINE}</h1>\n"
        f"<p>{paragraphs[0]}</p>\n<button>Поделиться</button>\n<p>{paragraphs[1]}</p>\n</article>\n"
        "<footer><p>© 2024 Новости</p></footer>\n</body></html>\n"
    )
    assert (engine.source_context(copyedit.Config(), page, "ru", "html").source or "").split("\n\n") == [
        CHAT_HEADLINE, *paragraphs
    ]


def test_lint_reads_a_page_named_with_source_as_its_article(tmp_path: Path) -> None:
    (tmp_path / "art.txt").write_text(CHANGED, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    finished = run_cli(
        "lint", "--format", "json", "--select", "LQ", "--source", "page.html", "--source-lang", "ru", "art.txt", cwd=tmp_path
    )
    _points_into_the_page(json.loads(finished.stdout))


def test_the_hook_reads_a_page_source_as_its_article(tmp_path: Path) -> None:
    request = {"body": CHANGED, "source": PAGE, "source_lang": "ru", "source_format": "html", "rules": {"select": ["LQ"]}}
    finished = run_cli("hook", "--check", cwd=tmp_path, stdin=json.dumps(request).encode(), timeout=60)
    _points_into_the_page(json.loads(finished.stdout)["findings"])


def test_a_batch_source_cell_that_is_a_page_is_read_as_its_article() -> None:
    pytest.importorskip("pyarrow")
    from copyedit.batch import Article, BatchSettings, process_article

    body = f"<p>{CHANGED.strip()}</p>\n"
    config = copyedit.Config(select=("LQ",))
    row = process_article(Article("a", body, "html", source=PAGE, source_lang="ru"), BatchSettings(config=config, check_only=True))
    findings = [f for f in json.loads(row["findings"]) if f["code"].startswith("LQ")]
    _points_into_the_page(findings)
