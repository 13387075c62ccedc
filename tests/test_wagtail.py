"""The Wagtail integration on a real Wagtail site: SQLite in a temp dir, migrations, the admin's publish."""

from __future__ import annotations

import html
import os
import re
import shutil

import pytest

pytest.importorskip("wagtail")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.wagtail_site.settings")

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import copyedit
from copyedit.integrations import wagtail as integration
from tests.wagtail_site.models import ArticlePage, RelatedStory

from .conftest import FIXTURES

# Migrating the site's database takes ~14 s: the module starts first, its tests together (one migration).
pytestmark = pytest.mark.slow(seconds=25)

PARAGRAPHS = [p.strip() for p in (FIXTURES / "kazakhstan-tr-en" / "input.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
LEFTOVER = next(p for p in PARAGRAPHS if "used the terms." in p)  # MT101, an error in the house configuration: blocks
HEADING = next(p for p in PARAGRAPHS if p.startswith("Kazakhstan President Tokayev"))
PROSE = [p for p in PARAGRAPHS if p not in (LEFTOVER, HEADING) and len(p) > 80]


def without_block_keys(html: str) -> str:
    """Rich text as stored, without the ids Draftail gives each block."""
    return re.sub(r' data-block-key="[^"]*"', "", html)


@pytest.fixture(scope="module")
def site():
    """Make the test app's migrations, migrate a fresh database, yield the home page; clean up at the end."""
    call_command("makemigrations", "wagtail_site", verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    get_user_model().objects.create_superuser("editor", "editor@example.com", "password")
    yield Page.objects.get(depth=2)
    shutil.rmtree(settings.DATA_DIR, ignore_errors=True)


@pytest.fixture
def editor(site) -> Client:
    client = Client()
    assert client.login(username="editor", password="password")
    return client


def new_draft(home: Page, slug: str, standfirst: str, paragraphs: list[str]) -> ArticlePage:
    page = ArticlePage(
        title=HEADING,
        slug=slug,
        standfirst=f"<p>{standfirst}</p>",
        body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
        live=False,
    )
    home.add_child(instance=page)
    page.save_revision()
    return page


def publish_in_admin(client: Client, page: ArticlePage, standfirst: str, blocks: list, related: tuple[str, ...] = ()) -> object:
    """Post the edit form with the publish action, as the admin's “Publish” button does; ``related``: the
    captions of the page's related stories."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "standfirst": rich_text(f"<p>{standfirst}</p>"),
            "body": streamfield(blocks),
            "related": inline_formset([{"caption": rich_text(f"<p>{caption}</p>")} for caption in related]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def house() -> copyedit.Config:
    """The test newsroom's rules (tests/wagtail_site/copyedit.toml): some fixes trusted, MT101 an error."""
    return integration.service_config().config


def test_the_hook_is_registered() -> None:
    assert integration.before_publish_page in hooks.get_hooks("before_publish_page")


def test_publishing_in_the_admin_applies_safe_fixes(site, editor: Client) -> None:
    standfirst, paragraph = PROSE[0], PROSE[1]
    page = new_draft(site, "corrected", standfirst, [paragraph])
    quote = "The CSTO is a mid-government military alliance , he said."
    response = publish_in_admin(
        editor,
        page,
        standfirst,
        [
            ("heading", "Kasım Cömert Tokayev speaks"),
            ("paragraph", rich_text(f"<p>{paragraph}</p>")),
            ("quote", {"text": quote, "source": "Anadolu  Agency"}),
        ],
    )
    assert response.status_code == 200
    live = ArticlePage.objects.get(pk=page.pk)
    assert live.live and not live.has_unpublished_changes
    assert without_block_keys(live.standfirst) == copyedit.fix(f"<p>{standfirst}</p>", format="html", config=house()).text
    assert live.title == copyedit.fix(HEADING, config=house()).text
    blocks = {block.block_type: block for block in live.body}
    assert blocks["heading"].value == "Kassym-Jomart Tokayev speaks"
    assert without_block_keys(blocks["paragraph"].value.source) == copyedit.fix(f"<p>{paragraph}</p>", format="html", config=house()).text
    assert blocks["quote"].value["text"] == copyedit.fix(quote, config=house()).text != quote
    assert blocks["quote"].value["source"] == "Anadolu Agency"
    assert list(live.live_revision.as_object().body.raw_data) == list(live.body.raw_data)  # the revision holds the fixes
    shown = html.unescape(response.content.decode())  # the page the admin sends the editor to
    assert "copyedit applied 5 safe fixes (standfirst, body[0].heading, body[2].quote.text, body[2].quote.source)." in shown
    # TR104 (a calque whose fix is unsafe) is a warning: published, and the editor is asked to review.
    assert "copyedit: please review" in shown and "[TR104]" in shown
    # where in the field, as the editor sees it: its paragraph and the words there, not a line of the stored HTML
    [review] = re.findall(r"body\[1\]\.paragraph, [^:]*: [^\[]*\[TR104\]", shown)
    assert review.startswith("body[1].paragraph, paragraph 1, at “"), review


def test_rich_text_of_inline_children_is_fixed_and_checked_on_publish(site, editor: Client) -> None:
    caption = "Kasım Cömert Tokayev met the press."
    page = new_draft(site, "related", PROSE[0], [])
    response = publish_in_admin(editor, page, PROSE[0], [], related=(caption,))
    live = ArticlePage.objects.get(pk=page.pk)
    assert live.live and [without_block_keys(r.caption) for r in live.related.all()] == ["<p>Kassym-Jomart Tokayev met the press.</p>"]
    assert "copyedit applied 2 safe fixes (standfirst, related[0].caption)." in html.unescape(response.content.decode())

    blocked = new_draft(site, "related-blocked", PROSE[0], [])
    response = publish_in_admin(editor, blocked, PROSE[0], [], related=(caption, LEFTOVER))
    stored = ArticlePage.objects.get(pk=blocked.pk)
    assert not stored.live  # the second caption holds an MT leftover (MT101, an error here)
    shown = html.unescape(response.content.decode())
    assert "related[1].caption, paragraph 1, at “" in shown and "[MT101]" in shown and ", line 1:" not in shown
    draft = stored.get_latest_revision_as_object()  # the draft keeps the safe fix of the first caption
    assert without_block_keys(draft.related.all()[0].caption) == "<p>Kassym-Jomart Tokayev met the press.</p>"


def test_a_blocking_finding_stops_the_publish_and_the_editor_sees_it(site, editor: Client) -> None:
    page = new_draft(site, "blocked", PROSE[0], [PROSE[1], LEFTOVER])
    response = publish_in_admin(
        editor, page, PROSE[0], [("paragraph", rich_text(f"<p>{PROSE[1]}</p>")), ("paragraph", rich_text(f"<p>{LEFTOVER}</p>"))]
    )
    stored = ArticlePage.objects.get(pk=page.pk)
    assert not stored.live and stored.live_revision is None
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = html.unescape(response.content.decode())  # the edit view, rendered for the editor
    assert re.search(r'<li class="error">((?!</li>).)*copyedit stopped publishing “', shown, re.DOTALL)  # an error message
    assert "body[1].paragraph" in shown and "[MT101]" in shown
    # The draft keeps the editor's work, with the safe fixes.
    draft = stored.get_latest_revision_as_object()
    assert LEFTOVER.split(".")[0] in draft.body.raw_data[1]["value"]


def test_a_page_copyedit_cannot_check_is_not_published_and_the_editor_is_told_why(site, editor: Client, tmp_path) -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.test import override_settings

    small = tmp_path / "copyedit.toml"
    small.write_text("max-bytes = 200\n", encoding="utf-8")
    long_standfirst = "Long text. " * 40
    page = new_draft(site, "unchecked", PROSE[0], [])
    for setting, problem in (
        ({"COPYEDIT_CONFIG": str(small)}, r"standfirst: document is \d+ bytes, over the limit of 200 \(max-bytes\)"),
        ({"COPYEDIT_TIME_LIMIT": 1e-9}, r"title: checking the document took longer than the time limit of 1e-09 s"),
    ):
        with override_settings(**setting):
            response = publish_in_admin(editor, page, long_standfirst, [])
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
        shown = html.unescape(response.content.decode())
        assert re.search(rf'<li class="error">((?!</li>).)*copyedit could not check “{re.escape(HEADING)}”, so it was not published: {problem}', shown, re.DOTALL)
        assert not ArticlePage.objects.get(pk=page.pk).live
    with override_settings(COPYEDIT_TIME_LIMIT="ten"), pytest.raises(ImproperlyConfigured, match="COPYEDIT_TIME_LIMIT must be a positive number"):
        integration.page_deadline()


def test_revision_publish_skips_the_hook_and_publish_checked_does_not(site) -> None:
    plain = new_draft(site, "direct", PROSE[0], [LEFTOVER])
    plain.get_latest_revision().publish()  # Wagtail's model API runs no before_publish_page hook
    assert ArticlePage.objects.get(pk=plain.pk).live

    checked = new_draft(site, "checked", PROSE[0], [LEFTOVER])
    with pytest.raises(integration.PublishBlocked) as blocked:
        integration.publish_checked(checked)
    assert "MT101" in str(blocked.value) and not ArticlePage.objects.get(pk=checked.pk).live

    clean = new_draft(site, "clean", "Kasım Cömert Tokayev met the press.", ["The CSTO is a mid-government alliance."])
    clean.related = [RelatedStory(caption="<p>Kasım Cömert Tokayev met the press.</p>")]
    report = integration.publish_checked(clean)
    stored = ArticlePage.objects.get(pk=clean.pk)
    assert report.verdict.value == "pass" and stored.live
    assert stored.standfirst == "<p>Kassym-Jomart Tokayev met the press.</p>"
    assert [related.caption for related in stored.related.all()] == ["<p>Kassym-Jomart Tokayev met the press.</p>"]
    assert stored.body.raw_data[0]["value"] == "<p>The CSTO is an intergovernmental alliance.</p>"


def test_suppression_comments_are_honoured_on_publish(site, editor: Client) -> None:
    from .test_suppression import FIXED, TEXT

    page = new_draft(site, "suppressed", PROSE[0], [PROSE[1]])
    response = publish_in_admin(editor, page, PROSE[0], [("quote", {"text": TEXT.rstrip("\n"), "source": ""})])
    assert response.status_code == 200
    live = ArticlePage.objects.get(pk=page.pk)
    assert live.live
    assert next(block for block in live.body).value["text"] == FIXED.rstrip("\n")


def test_a_translated_page_is_checked_against_its_translation_in_the_source_locale(site) -> None:
    from wagtail.models import Locale

    russian = Locale.objects.create(language_code="ru")
    site.copy_for_translation(russian)  # the Russian home page, the parent of the Russian original
    page = new_draft(site, "translated", "More than 50 people were detained in Almaty.", ["The summit took place on 9 December."])
    original = page.copy_for_translation(russian)
    original.title = "Президент Казахстана Токаев: в стране восстановлен конституционный порядок"
    original.standfirst = "<p>Более <b>500</b> человек задержаны в Алматы.</p>"
    [block] = original.body.raw_data  # a translation keeps each block's id: blocks pair by it, not by position
    original.body = [{"type": "heading", "value": "Погибли 44 человека."}, {**block, "value": "<p>Саммит прошёл 9 декабря.</p>"}]
    original.save_revision()  # a draft: the original is read as its editors last saved it

    report = integration.copyedit_page(ArticlePage.objects.get(pk=page.pk))
    [number] = [found for found in report.findings if found.finding["code"] == "LQ201"]
    assert number.location.label == "standfirst"
    assert number.finding["source"]["text"] == "500" and "“500”" in number.finding["message"]
    from django.test import override_settings

    for spelling in ("ru-RU", "ru_ru", "RU"):  # the setting names the locale "ru" in any spelling of its language
        with override_settings(COPYEDIT_SOURCE_LOCALE=spelling):
            assert integration.source_texts(ArticlePage.objects.get(pk=page.pk))[0]["standfirst"] == original.standfirst
    assert not [found for found in report.findings if found.finding["code"] == "LQ202"]  # 9 December is 9 декабря
    assert report.warnings == []
    # a source text with nothing in it is the engine's warning, named by its place (an admin message on publish)
    original.standfirst = "<p> </p>"
    original.save_revision()
    emptied = integration.copyedit_page(ArticlePage.objects.get(pk=page.pk))
    said = "the source has no text (it is empty, or only white space or markup): checked without one"
    assert [(location.label, warning["message"]) for location, warning in emptied.warnings] == [("standfirst", said)]
    # the editor is told which source, as lint names the source file: "the source" alone is no page they know
    assert emptied.warned() == f"standfirst: {said} (its counterpart in the ru page)"
    blank = ArticlePage.objects.get(pk=page.pk)
    blank.standfirst = "<p></p>"  # an empty field translates nothing: its empty source is no news
    assert integration.copyedit_page(blank).warnings == []
    # the original is in the source locale: nothing to compare it with, and it is held to no English usage: checked
    # in its locale's language, it is no article in another language either (LQ102)
    assert integration.page_language(original) == "ru" and integration.page_language(page) == "en"
    assert not integration.copyedit_page(original).findings
    from django.core.exceptions import ImproperlyConfigured

    with override_settings(COPYEDIT_SOURCE_LOCALE="Russian"), pytest.raises(ImproperlyConfigured, match="COPYEDIT_SOURCE_LOCALE must be a language code"):
        integration.copyedit_page(ArticlePage.objects.get(pk=page.pk))
    second = Locale.objects.create(language_code="ru-ua")  # two locales of the language: the setting must name one
    try:
        with override_settings(COPYEDIT_SOURCE_LOCALE="ru-RU"), pytest.raises(ImproperlyConfigured, match=r"none of the site's locales of that language \(ru, ru-ua\)"):
            integration.source_texts(ArticlePage.objects.get(pk=page.pk))
    finally:
        second.delete()


def test_a_source_page_not_in_the_source_locales_language_is_said_once_a_text_of_it_at_its_field(site, editor: Client) -> None:
    from wagtail.models import Locale

    russian, _ = Locale.objects.get_or_create(language_code="ru")
    if site.get_translation_or_none(russian) is None:
        site.copy_for_translation(russian)  # the Russian home page, the parent of the Russian original
    page = new_draft(site, "source-untranslated", PROSE[0], [PROSE[1]])
    original = page.copy_for_translation(russian)  # a new translation is a copy of the English text: no Russian in it
    original.save_revision()
    response = publish_in_admin(editor, page, PROSE[0], [("paragraph", rich_text(f"<p>{PROSE[1]}</p>"))])
    shown = html.unescape(response.content.decode())
    # said once for the page, naming it, where it was said at the title, the standfirst and the paragraph
    assert shown.count("the source language is given as ru") == 1
    assert re.search(r"with warnings: the source language is given as ru, but none of the \d+ letters of the source text is in a"
                     r" script ru is written in: read as en, the language detected in it \(the ru page\)", shown)
    report = integration.copyedit_page(ArticlePage.objects.get(pk=page.pk))
    assert [warning["code"] for warning in report.page_warnings] == ["source-lang-mismatch"] and report.warnings == []
    # translated but for the standfirst: the page is in Russian, and the standfirst is said at its field
    original.title = "Президент Казахстана Токаев: в стране восстановлен конституционный порядок"
    original.body = [{**block, "value": "<p>По заявлению пресс-службы президента, Токаев провёл совещание по борьбе с терроризмом.</p>"}
                     for block in original.body.raw_data]
    original.save_revision()
    report = integration.copyedit_page(ArticlePage.objects.get(pk=page.pk))
    assert report.page_warnings == []
    assert [(location.label, warning["code"]) for location, warning in report.warnings] == [("standfirst", "source-lang-mismatch")]
    assert report.warned().startswith("standfirst: the source language is given as ru, but none of the ")
    assert report.warned().endswith("read as en, the language detected in it (its counterpart in the ru page)")


@pytest.mark.parametrize(
    "body",
    [
        "<blockquote><p>One on on.</p><p>Two.</p></blockquote><p>Three on on.</p>",
        "<p>A</p><blockquote>Quote <p>inner</p> tail on on here</blockquote><p>Last on on.</p>",
        "Loose on on text<p>A <b>bold</b> word</p>tail on on <i>text</i><ul><li>Item on on</li></ul>",
        "<div>Div text<p>inner</p>more on on</div><p>end on on</p>",
        "<p>Before</p><hr/><p>after on on</p><h2>Title on on</h2>",
        '<p data-block-key="a1">Fine.</p><h2>Title</h2><ol><li>One</li><li>Two <a href="https://example.com">on on</a></li></ol>',
    ],
)
def test_the_paragraph_a_finding_names_is_the_block_draftail_shows(body: str) -> None:
    """"paragraph N" counts Draftail's blocks as Wagtail's own converter makes them from the stored HTML: a <p>
    in a <blockquote> follows the quote's (empty) block, text after a nested block is a block of its own."""
    import json

    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=["h2", "bold", "italic", "ol", "ul", "blockquote", "link", "hr"])
    blocks = [block for block in json.loads(converter.from_database_format(body))["blocks"] if block["type"] != "atomic"]
    # the k-th "on on" of the stored HTML is in the block whose text holds the k-th "on on" of Draftail's blocks
    in_block = [number for number, block in enumerate(blocks, 1) for _ in range(block["text"].count("on on"))]
    offsets = [match.start() for match in re.finditer("on on", body)]
    assert len(offsets) == len(in_block)
    for at, number in zip(offsets, in_block):
        assert integration.where_in(body, "html", at, at + 5).startswith(f"paragraph {number}, "), (body[at - 20 : at], number)
    assert len(integration.draftail_blocks(body)) == len(blocks)
