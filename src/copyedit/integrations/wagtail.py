"""copyedit in Wagtail's publish step (``pip install copyedit[wagtail]``).

Importing this module registers a ``before_publish_page`` hook, so one line in any app's
``wagtail_hooks.py`` turns it on::

    import copyedit.integrations.wagtail  # noqa: F401

When an editor publishes a page from the admin, the hook runs copyedit over the page's title,
its rich-text fields (as HTML) and the text inside its StreamFields (rich-text blocks as HTML,
char and text blocks as plain text, nested in struct, list and stream blocks too), and over the
same fields of its inline children (an ``InlinePanel``'s objects, such as Orderables):

- safe fixes are applied to the revision being published, and the editor is told what changed;
- on ``review`` the page is published and the remaining findings are shown as a warning;
- on ``block`` the page is **not** published: the revision stays as a draft and the editor is
  sent back to the edit view with the findings as an error message.

Each finding names its field and where in it the editor finds it (:func:`where_in`): the paragraph
of rich text (or the line of a multi-line text block) and the words there, quoted without markup;
never a line number of the stored HTML, which the editor does not see.

Wagtail runs ``before_publish_page`` only from the admin's create and edit views, *after* it
has saved the new revision and *before* publishing it; ``Revision.publish()``, scheduled
publishing and workflow approvals do not run it. Code that publishes pages itself should call
:func:`publish_checked` instead of ``page.save_revision().publish()``.

Draftail drops HTML comments when it saves, so rich text cannot hold a suppression comment; in
the title and in char and text blocks, ``copyedit: ignore[CODE]`` on the line works (and is published).

A page copyedit cannot check (a text over the configuration's ``max-bytes``, a page past the time
limit, a configuration that does not load) is not published either: the editor gets the problem as
an error message, as on ``block``.

Django settings: ``COPYEDIT_CONFIG``, the path of a ``copyedit.toml`` whose rules and
``[policy]`` apply (default: the built-in rules and policy); ``COPYEDIT_TIME_LIMIT``, the seconds
checking a page may take (default 10, as the service gives an article; None: no limit);
``COPYEDIT_SOURCE_LOCALE``, the language code of the locale a site translates from (``"ru"``, which
also finds a locale ``ru-ru``; Wagtail's localisation, with ``WAGTAIL_I18N_ENABLED``). A page in
another locale is then checked against its translation in that locale (the page with the same
``translation_key``): each text against the text in the same place there (the title against the
title, a rich-text field against the same field, a StreamField block against the block with the
same id), so the bilingual checks (numbers, dates, names, text left untranslated, the inline tags
of rich text) run on publish. With localisation, each page is checked in its locale's language: a
page in the source locale is not held to English usage.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from ..engine import Deadline, believed_source_language
from ..errors import CopyeditError
from ..service.configuration import DEFAULT_TIME_LIMIT, ServiceConfig, load_service_config
from ..policy import Verdict
from ..service.protocol import Article, process

if TYPE_CHECKING:
    from django.http import HttpResponseRedirect

# Findings listed in one admin message; the rest are counted.
MAX_LISTED_FINDINGS = 10


@dataclass(frozen=True)
class Location:
    """One piece of text in a page: a field, and inside a StreamField the path to the block."""

    label: str  # for editors: "body", "content[2].heading"
    format: str  # "text" or "html"
    key: str = ""  # the same place in the page's translations: blocks by their ids ("content@9f1c….heading")


@dataclass(frozen=True)
class LocatedFinding:
    location: Location
    finding: dict[str, Any]  # Finding.to_dict()
    where: str = ""  # in the editor's terms (:func:`where_in`): 'paragraph 2, at “… the text …”'

    def __str__(self) -> str:
        f = self.finding
        return f"{self.location.label}{', ' + self.where if self.where else ''}: {f['message']} [{f['code']}]"


# How Wagtail turns stored rich text into Draftail's blocks (wagtail.admin.rich_text.converters.html_to_contentstate):
# these elements open a block; lists and inline styles and links open none; any other element at the top level is
# a paragraph; text outside a block starts a paragraph of its own; an image or a rule is a block with no text
# (not counted) that ends the text block it stands in, whose text goes on in a new one.
_BLOCK_ELEMENTS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
_NO_BLOCK_ELEMENTS = frozenset({"ul", "ol", "b", "strong", "i", "em", "a", "code", "sup", "sub", "s", "strike", "u"})
_ATOMIC_ELEMENTS = frozenset({"embed", "hr"})
_VOID_ELEMENTS = frozenset({"br", "img", "wbr", "input", "area", "base", "col", "link", "meta", "source", "track", "param"})
_MARKUP = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>|<[!?][^>]*>")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_TAG = re.compile(r"<[^>]*>")
_EXCERPT_WORDS = 3  # words of context each side of the finding's text
_EXCERPT_TEXT = 60  # characters of the finding's own text quoted, at most


def where_in(body: str, format: str, start: int, end: int) -> str:
    """Where ``body[start:end]`` is, as the editor sees the field: the paragraph (rich text: every block
    Draftail shows counts, from 1: paragraphs, headings, list items, quotes, as :func:`draftail_blocks` finds
    them; plain text: the line, when there are several),
    and the words there, quoted as they read (no markup). The stored HTML's line numbers say nothing
    to an editor: Draftail shows no HTML.

    >>> body = '<p data-block-key="a1">Fine.</p><h2>Title</h2><p>Talks <b>ended</b> on on Friday &amp; Monday, he said.</p>'
    >>> where_in(body, "html", body.index("on on"), body.index("on on") + 5)
    'paragraph 3, at “Talks ended on on Friday & Monday,…”'
    >>> where_in("One line\\nand the the next one here", "text", 13, 20)
    'line 2, at “and the the next one here”'
    >>> where_in("A title with with words", "text", 8, 17)
    'at “A title with with words”'
    """
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    shown: Callable[[str], str]
    if format == "html":
        blocks = draftail_blocks(body)
        opened = max((at for at in blocks if at <= start), default=0)
        closes = min((at for at in blocks if at >= end and at > opened), default=len(body))
        place = f"paragraph {max(1, sum(1 for at in blocks if at <= start))}"
        shown = _visible
    else:
        opened = body.rfind("\n", 0, start) + 1
        closes = len(body) if body.find("\n", end) < 0 else body.find("\n", end)
        place = f"line {body.count(chr(10), 0, start) + 1}" if "\n" in body.strip("\n") else ""
        shown = str
    before, text, after = shown(body[opened:start]), shown(body[start:end]), shown(body[end:closes])
    if len(text) > _EXCERPT_TEXT:
        text = text[:_EXCERPT_TEXT].rstrip() + "…"
    words_before, words_after = before.split(), after.split()
    head = ("…" if len(words_before) > _EXCERPT_WORDS else "") + " ".join(words_before[-_EXCERPT_WORDS:])
    head += " " if before[-1:].isspace() else ""  # (a word the finding starts inside stays whole)
    tail = (" " if after[:1].isspace() else "") + " ".join(words_after[:_EXCERPT_WORDS])
    tail += "…" if len(words_after) > _EXCERPT_WORDS else ""
    excerpt = " ".join((head + text + tail).split())
    return f"{place + ', ' if place else ''}at “{excerpt}”"


def draftail_blocks(body: str) -> list[int]:
    """Where each block of text Draftail shows for the rich text ``body`` starts (offsets in ``body``), as
    Wagtail's converter makes them: a ``<p>`` in a ``<blockquote>`` is a block of its own after the (then
    empty) quote's, and so is text after a block inside another one, or outside any.

    >>> def shown(body):
    ...     starts = draftail_blocks(body)
    ...     return [_visible(body[one:other]).strip() for one, other in zip(starts, [*starts[1:], len(body)])]
    >>> shown("<blockquote><p>One.</p><p>Two.</p></blockquote><p>Three.</p>")
    ['', 'One.', 'Two.', 'Three.']
    >>> shown("Loose text<p>A <b>bold</b> word</p>tail <i>text</i><ul><li>Item</li></ul>")
    ['Loose text', 'A bold word', 'tail text', 'Item']
    >>> shown('<p>Before <embed embedtype="image" id="1"/> after</p><hr/><h2>Title</h2>')
    ['Before', 'after', 'Title']
    """
    blocks: list[int] = []
    open_elements: list[tuple[str, bool]] = []  # each open element's name, and whether it opened a block
    in_block = False
    at = 0
    for markup in [*_MARKUP.finditer(body), None]:
        text_end = markup.start() if markup else len(body)
        if not in_block and _HTML_SPACE.sub("", html.unescape(body[at:text_end])):
            blocks.append(at + len(body[at:text_end]) - len(body[at:text_end].lstrip(" \t\n\r\f")))
            in_block = True
        if markup is None:
            break
        at = markup.end()
        closing, name = markup.group(1), (markup.group(2) or "").lower()
        if not name or name in _VOID_ELEMENTS:
            continue
        if name in _ATOMIC_ELEMENTS:
            in_block = False  # text after an image goes on in a block of its own
        elif closing:
            names = [open_name for open_name, _ in open_elements]
            if name in names:
                index = len(names) - 1 - names[::-1].index(name)
                if open_elements[index][1]:
                    in_block = False
                del open_elements[index:]
        elif not markup.group(0).endswith("/>"):
            opens = name in _BLOCK_ELEMENTS or (not open_elements and name not in _NO_BLOCK_ELEMENTS)
            open_elements.append((name, opens))
            if opens:
                blocks.append(markup.start())
                in_block = True
    return blocks


def _visible(markup: str) -> str:
    """Rich text's HTML as the editor reads it: no tags, entities read."""
    return html.unescape(_TAG.sub("", markup))


@dataclass
class PageReport:
    """What copyedit made of a page: the verdict, what it fixed, what is left."""

    verdict: Verdict = Verdict.PASS
    fixed: list[tuple[Location, int]] = field(default_factory=list)  # location, number of applied fixes
    findings: list[LocatedFinding] = field(default_factory=list)
    # location, the engine's warning about its source text (Result.warnings as the service gives them): a source text
    # that is empty, or in another script than the rest of the source page
    warnings: list[tuple[Location, dict[str, str]]] = field(default_factory=list)
    # warnings about the page as a whole, each said once (as the service gives them): a source page that is not in
    # the source locale's language
    page_warnings: list[dict[str, str]] = field(default_factory=list)
    source_lang: str | None = None  # the language of the page the texts were compared with (its translation there)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)

    def summary(self) -> str:
        """The findings as one line for an admin message.

        >>> found = LocatedFinding(Location("body[1].paragraph", "html"), {"message": "Doubled word", "code": "C401"}, "paragraph 2, at “the the”")
        >>> PageReport(Verdict.REVIEW, [], [found]).summary()
        'body[1].paragraph, paragraph 2, at “the the”: Doubled word [C401]'
        """
        return _listed([str(item) for item in self.findings])

    def warned(self) -> str:
        """The warnings as one line for an admin message: the page's first, then each after the place it is about;
        one about a source names that source, as lint names the source file (``story.txt: warning: …
        (story.src.ru.txt)``).

        >>> empty = {"code": "empty-source", "field": "source", "message": "the source has no text"}
        >>> mismatch = {"code": "source-lang-mismatch", "field": "source_lang", "message": "the source language is given as ru, but …"}
        >>> PageReport(warnings=[(Location("standfirst", "html"), empty)], page_warnings=[mismatch], source_lang="ru").warned()
        'the source language is given as ru, but … (the ru page); standfirst: the source has no text (its counterpart in the ru page)'
        """
        return _listed([
            *(f"{warning['message']}{self._source_named(warning, 'the')}" for warning in self.page_warnings),
            *(f"{location.label}: {warning['message']}{self._source_named(warning, 'its counterpart in the')}" for location, warning in self.warnings),
        ])

    def _source_named(self, warning: dict[str, str], how: str) -> str:
        """What names the source page after a warning about a source (" (the ru page)"); "" after any other."""
        return f" ({how} {self.source_lang} page)" if self.source_lang and warning["field"] in _ABOUT_THE_SOURCE else ""


_ABOUT_THE_SOURCE = ("source", "source_lang")  # the fields of the engine's warnings about a source text


def _listed(items: list[str]) -> str:
    """Items for one admin message: the first ``MAX_LISTED_FINDINGS``, and how many more."""
    more = len(items) - MAX_LISTED_FINDINGS
    return "; ".join(items[:MAX_LISTED_FINDINGS]) + (f"; and {more} more" if more > 0 else "")


class CheckError(CopyeditError):
    """A text of a page that copyedit could not check (over ``max-bytes``, past the time limit, …): names where
    it is in the page."""

    def __init__(self, location: Location, problem: CopyeditError) -> None:
        self.location, self.problem = location, problem
        super().__init__(f"{location.label}: {problem}")


class PublishBlocked(Exception):
    """Raised by :func:`publish_checked` when the verdict is ``block``; carries the report."""

    def __init__(self, report: PageReport) -> None:
        self.report = report
        super().__init__(f"copyedit blocked publishing: {report.summary()}")


@functools.cache
def _service_for(path: str | None) -> ServiceConfig:
    return load_service_config(path)


def service_config() -> ServiceConfig:
    """The configuration named by the ``COPYEDIT_CONFIG`` setting, read once."""
    from django.conf import settings  # a lazy object: not kept at module level, where doctest would touch it

    return _service_for(getattr(settings, "COPYEDIT_CONFIG", None))


def page_deadline() -> Deadline | None:
    """When checking a page that starts now must stop: ``COPYEDIT_TIME_LIMIT`` seconds from now (None: no limit)."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    seconds = getattr(settings, "COPYEDIT_TIME_LIMIT", DEFAULT_TIME_LIMIT)
    try:
        return Deadline.after(seconds)
    except ValueError:
        raise ImproperlyConfigured(f"COPYEDIT_TIME_LIMIT must be a positive number of seconds or None, not {seconds!r}") from None


def copyedit_page(page: Any, service: ServiceConfig | None = None, deadline: Deadline | None = None) -> PageReport:
    """Fix a page's text in place (on the Python object; nothing is saved) and judge what is left. A text
    copyedit cannot check (over ``max-bytes``, or reached past ``deadline``) raises :class:`CheckError`."""
    service = service or service_config()
    verdicts: list[Verdict] = []
    sources, source_lang = source_texts(page)
    report = PageReport(source_lang=source_lang)
    language = page_language(page)
    read_as = source_lang
    if sources:
        # The source locale's language is the whole page's: a page not written in it (the English text a new
        # translation was copied with) is said once, not at each field, and its texts are read in the language
        # detected in the page. A text in another script than that is still said at its field, by the engine.
        read_as, mismatch = believed_source_language(_page_text(sources), source_lang)
        if mismatch is not None:
            report.page_warnings.append(mismatch.to_dict())

    def run(text: str, location: Location) -> str:
        # an empty field (rich text with no text: "<p></p>") translates nothing: it is not compared with its source (an
        # empty one there is no news)
        shown = _visible(text) if location.format == "html" else text
        source = sources.get(location.key) if shown.strip() else None
        article = Article(body=text, format=location.format, language=language, source=source, source_lang=read_as)
        try:
            answer = process(article, service, mode="fix", deadline=deadline)
        except CopyeditError as error:
            raise CheckError(location, error) from error
        verdicts.append(Verdict(answer["verdict"]))
        if answer["applied"]:
            report.fixed.append((location, len(answer["applied"])))
        body: str = answer["body"]
        report.warnings.extend((location, warning) for warning in answer.get("warnings", ()))
        report.findings.extend(
            LocatedFinding(location, finding, where_in(body, location.format, finding["start"], finding["end"]))
            for finding in answer["findings"]
        )
        return body

    _rewrite_texts(page, run)
    # The policy is monotone, so the worst verdict of the parts is the verdict of the whole.
    order = {Verdict.PASS: 0, Verdict.REVIEW: 1, Verdict.BLOCK: 2}
    report.verdict = max(verdicts, key=order.__getitem__, default=Verdict.PASS)
    return report


def _page_text(sources: dict[str, str]) -> str:
    """A page's texts (:func:`source_texts`) as one text, in the page's order and without markup (rich text as
    Draftail shows it): what the page's letters are counted in."""
    return "\n\n".join(_visible(text) for text in sources.values())


def _rewrite_texts(page: Any, run: Callable[[str, Location], str]) -> None:
    """Replace each text of a page (its title, rich-text fields and the text of its StreamFields, its inline
    children's too) with what ``run`` makes of it."""
    page.title = run(page.title, Location("title", "text", "title"))
    if hasattr(page, "draft_title"):
        page.draft_title = page.title
    _rewrite_fields(page, run, "")


def _rewrite_fields(instance: Any, run: Callable[[str, Location], str], place: str) -> None:
    """Replace the text of a page's or an inline child's rich-text fields and StreamFields, then of its inline
    children (the objects of an ``InlinePanel``, such as Orderables); ``place`` is where ``instance`` is in the
    page ("" for the page, "related[0]." for its first child of the relation ``related``)."""
    from modelcluster.models import get_all_child_relations
    from wagtail.fields import RichTextField, StreamField  # needs configured Django settings

    for model_field in instance._meta.get_fields():
        name = place + model_field.name
        if isinstance(model_field, RichTextField):
            value = getattr(instance, model_field.attname) or ""
            setattr(instance, model_field.attname, run(value, Location(name, "html", name)))
        elif isinstance(model_field, StreamField):
            stream = getattr(instance, model_field.attname)
            raw = list(stream.raw_data) if stream is not None else []
            fixed = [_fix_stream_item(model_field.stream_block, item, (name, name), i, run) for i, item in enumerate(raw)]
            if fixed != raw:
                setattr(instance, model_field.attname, fixed)
    for relation in get_all_child_relations(instance):
        if not any(isinstance(f, (RichTextField, StreamField)) for f in relation.related_model._meta.get_fields()):
            continue  # no text to check (Wagtail's comments): not even read
        accessor = relation.get_accessor_name()
        children = list(getattr(instance, accessor).all())
        for index, child in enumerate(children):
            _rewrite_fields(child, run, f"{place}{accessor}[{index}].")
        setattr(instance, accessor, children)  # kept on the page, as the form's are: read again, they would lose the fixes


def page_language(page: Any) -> str | None:
    """The language of the page's locale on a site with Wagtail's localisation (``WAGTAIL_I18N_ENABLED``): the
    rules written for another language (English usage) do not run on it, and the article-language check expects
    it. None without localisation: the configuration's language stands."""
    from django.conf import settings

    from ..languages import language_code

    locale = getattr(page, "locale", None)
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or locale is None:
        return None
    return language_code(locale.language_code)


def source_texts(page: Any) -> tuple[dict[str, str], str | None]:
    """The texts of the page a page translates, by place (``Location.key``: a field by its name, a StreamField
    block by its id, which a translation keeps), and their language: the page's
    translation in the ``COPYEDIT_SOURCE_LOCALE`` locale. None of them for a page in that locale, without a
    translation there, or without the setting."""
    from django.conf import settings

    from ..languages import language_code

    code = getattr(settings, "COPYEDIT_SOURCE_LOCALE", None)
    locale = getattr(page, "locale", None)
    if not code or locale is None:
        return {}, None
    try:
        source_lang = language_code(code)
    except ValueError as error:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"COPYEDIT_SOURCE_LOCALE {error}") from None
    if language_code(locale.language_code) == source_lang:
        return {}, None
    source_locale = _source_locale(code, source_lang)
    original = page.get_translation_or_none(source_locale) if source_locale is not None else None
    if original is None:
        return {}, None
    original = original.get_latest_revision_as_object()  # the original as its editors last saved it
    texts: dict[str, str] = {}

    def keep(text: str, location: Location) -> str:
        texts[location.key] = text  # rich text as it is: the engine reads an HTML source's text and keeps its tags
        return text

    _rewrite_texts(original, keep)  # (the source page is read, never saved)
    return texts, source_lang


def _source_locale(code: str, source_lang: str) -> Any:
    """The site's locale that ``COPYEDIT_SOURCE_LOCALE`` (``code``, of the language ``source_lang``) names: the one
    with that code in any spelling ("ru-RU", "ru_ru"), else the one of that language ("ru" for a locale "ru-ru");
    None when the site has none."""
    from django.core.exceptions import ImproperlyConfigured
    from wagtail.models import Locale

    from ..languages import language_code

    def tag(value: str) -> str:
        return value.replace("_", "-").lower()

    of_language = [locale for locale in Locale.objects.all() if language_code(locale.language_code) == source_lang]
    exact = [locale for locale in of_language if tag(locale.language_code) == tag(code)]
    if exact:
        return exact[0]
    if len(of_language) > 1:
        codes = ", ".join(sorted(locale.language_code for locale in of_language))
        raise ImproperlyConfigured(f"COPYEDIT_SOURCE_LOCALE {code!r} is none of the site's locales of that language ({codes}): name one")
    return of_language[0] if of_language else None


def _fix_stream_item(
    stream_block: Any, item: dict[str, Any], stream: tuple[str, str], index: int, run: Callable[[str, Location], str]
) -> dict[str, Any]:
    """Item ``index`` of a stream with its text fixed; ``stream`` is the stream's label and key (see :class:`Location`)."""
    label, key = stream
    child = stream_block.child_blocks.get(item.get("type"))
    if child is None:
        return item
    place = f"@{item['id']}" if item.get("id") else f"[{index}]"
    return {**item, "value": _fix_block_value(child, item.get("value"), (f"{label}[{index}].{item['type']}", f"{key}{place}.{item['type']}"), run)}


def _fix_block_value(block: Any, value: Any, where: tuple[str, str], run: Callable[[str, Location], str]) -> Any:
    """The raw (JSON) value of a block with its text fixed; other values come back as they were. ``where``
    is the block's label and key (see :class:`Location`)."""
    from wagtail import blocks  # needs configured Django settings

    label, key = where
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        return run(value, Location(label, "html", key))
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and isinstance(value, str):
        return run(value, Location(label, "text", key))
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: _fix_block_value(block.child_blocks[name], child_value, (f"{label}.{name}", f"{key}.{name}"), run)
            if name in block.child_blocks
            else child_value
            for name, child_value in value.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        fixed = []
        for i, entry in enumerate(value):
            if isinstance(entry, dict) and "value" in entry and "type" in entry:  # the list format with block ids
                place = (f"{label}[{i}]", f"{key}@{entry['id']}" if entry.get("id") else f"{key}[{i}]")
                fixed.append({**entry, "value": _fix_block_value(block.child_block, entry["value"], place, run)})
            else:
                fixed.append(_fix_block_value(block.child_block, entry, (f"{label}[{i}]", f"{key}[{i}]"), run))
        return fixed
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        return [_fix_stream_item(block, item, (label, key), i, run) for i, item in enumerate(value)]
    return value


def _store_in_revision(page: Any) -> None:
    """Put the fixed page into the revision Wagtail is about to publish (saved just before the hook)."""
    revision = page.latest_revision
    revision.content = page.serializable_data()
    revision.object_str = str(page)
    revision.save(update_fields=["content", "object_str"])


@hooks.register("before_publish_page")
def before_publish_page(request: Any, page: Any) -> HttpResponseRedirect | None:
    """Wagtail's hook: fix the page about to be published; stop the publish on ``block``, or when the page
    cannot be checked."""
    title = page.title  # as the editor saved it (checking fixes the title first)
    try:
        report = copyedit_page(page, deadline=page_deadline())
    except CopyeditError as error:
        messages.error(request, f"copyedit could not check “{title}”, so it was not published: {error}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    if report.page_warnings or report.warnings:  # what was wrong besides the text (a source text that is empty), published or not
        messages.warning(request, f"copyedit checked “{title}” with warnings: {report.warned()}")
    if report.verdict is Verdict.BLOCK:
        if report.changed:
            _store_in_revision(page)  # keep the safe fixes in the draft the editor goes back to
        messages.error(request, f"copyedit stopped publishing “{page.title}”: {report.summary()}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    if report.changed:
        _store_in_revision(page)
        fixes = sum(count for _, count in report.fixed)
        places = ", ".join(location.label for location, _ in report.fixed)
        messages.info(request, f"copyedit applied {fixes} safe fix{'es' if fixes != 1 else ''} ({places}).")
    if report.verdict is Verdict.REVIEW:
        messages.warning(request, f"copyedit: please review “{page.title}”: {report.summary()}")
    return None


def publish_checked(page: Any, user: Any = None) -> PageReport:
    """Publish a page from code the way the admin hook would: fix, then publish unless blocked.

    The fixed text is saved as a new revision either way; :class:`PublishBlocked` is raised
    (and nothing is published) when the verdict is ``block``. A page copyedit cannot check (within
    ``COPYEDIT_TIME_LIMIT``) raises :class:`CheckError`: nothing is saved or published.
    """
    report = copyedit_page(page, deadline=page_deadline())
    revision = page.save_revision(user=user)
    if report.verdict is Verdict.BLOCK:
        raise PublishBlocked(report)
    revision.publish(user=user)
    return report


__all__ = [
    "CheckError", "Location", "PageReport", "PublishBlocked", "before_publish_page", "copyedit_page", "page_deadline",
    "publish_checked", "source_texts",
]
