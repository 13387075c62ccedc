"""Metamorphic testing on real text: the same article in another form gives the same findings and the same fixed prose.

copyedit reads plain text, HTML and Markdown, LF and CRLF, with a source or without, and the source in another
format than the article (``source_format``). This script takes every Nth document of the corpora ``parity.py``
reads, runs ``check`` and ``fix(unsafe=True)`` with all built-in packs on it as given and on each transformation
of it, and compares per document

- the findings, as a multiset of (rule code, matched text, fix title, fix safety): the spans differ between forms,
  what was found must not; a finding whose fix applies in one form and is display-only in the other is reported as
  such ("fix unsafe → display-only");
- the fixed prose: the fixed text itself (CRLF: with its line endings read as LF; appended: without the paragraph
  appended), or for HTML and Markdown the text copyedit reads in the fixed page, white space squeezed (and a byte
  order mark at the start dropped).

A source stays plain text in every form but ``source-html`` (``source_format="text"``: by default a source is read in
the article's format, and a plain-text source read as Markdown loses "13." at a line's start to a list marker).

The transformations (``--transforms``; each applies to the documents it names):

``crlf``          every line feed a CRLF (all documents);
``html``          plain text as an HTML fragment, a ``<p>`` per paragraph, text escaped with ``html.escape``;
``markdown``      plain text as Markdown, escaped where Markdown would read it as markup (:func:`markdown_escaped`);
``page``          plain text as a simple whole page, ``<html><body><article>`` and a ``<p>`` per paragraph;
``source-html``   a document with a source: the source as HTML paragraphs with ``source_format="html"``;
``appended``      plain text with a clean unrelated paragraph appended: findings in it are left out (and findings that
                  reach into it are cut where the original ends), and only the rules that read the whole document
                  may find otherwise elsewhere: the article's language, paragraph counts, the alignment with the
                  source (:data:`JUSTIFIED` says which and why);
``prepended``     the same before the text (another paragraph, ``PREPENDED``): the first paragraph is no longer the first;
``split``         plain text with each sentence that follows another after a single space, and starts with a capital,
                  made a paragraph of its own (:func:`split_sentences`; news often writes a sentence a paragraph):
                  the rules that read sentences must find the same, those that read paragraphs (boilerplate,
                  quotation marks and brackets paired within a paragraph) and the source's paragraphs may not;
``blank-lines``   plain text with two blank lines between paragraphs instead of one: everything must stay the same;
``line-breaks``   plain text with a line break between paragraphs instead of a blank line (its paragraphs lines of
                  one): only the rules that read paragraphs may find otherwise;
``trailing-space`` a space at the end of every line and of the text: only trailing white space (C305) may be found;
``final-newline`` plain text with its final line feed removed, or one added: everything must stay the same.
``hard-wrap``     plain text with every paragraph's lines wrapped at 72 columns at spaces (wire copy, e-mail): the
                  line breaks are spaces to every rule but those that read lines, so the findings and the fixed
                  prose (white space squeezed) must stay the same;
``html-references``, ``markdown-references`` the HTML fragment or the Markdown with every character outside ASCII
                  written as a character reference (decimal, hexadecimal and named ones in turn, "&#8220;",
                  "&#x2019;", "&eacute;"): a reference is one character of the text, so everything must be as for
                  ``html`` and ``markdown``.

A paragraph is what a blank line separates (the corpora's own paragraphs: BBC articles, WMT documents); the
paragraphs of the markup forms are the text's, stripped, so a difference in white space alone at a paragraph's
edge is no difference of the markup (the plain-text forms keep every character of the text, or compare what their
change leaves alone: the squeezed prose for ``split`` and ``line-breaks``, lines less trailing spaces for
``trailing-space``).

Differences that are justified by the form, not bugs, are counted apart, with the reason, and not listed as
differences: a rule that reads one of the two formats only (its ``formats:``; C301 and C305 do not read HTML, where
white space is markup's), and :data:`JUSTIFIED`; so is a difference of the prose that a justified finding's fix
makes. Everything else is printed: counts per transformation and rule, and the first ``--show`` examples of each
kind of difference (transformation, rule; lost, gained, or a fix applied in one form only). Exit status 1 when a
difference is left.

    .venv/bin/python benchmarks/metamorphic.py --every 20
    .venv/bin/python benchmarks/metamorphic.py --every 5 --parts bbc,wmt-news --transforms html,markdown
    .venv/bin/python benchmarks/metamorphic.py --every 10 --transforms prepended,split,line-breaks

The code and rule packs are the working tree's (as ``parity.py --head .``).
"""

from __future__ import annotations

import argparse
import html
import html.entities
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from parity import CORPORA, DEFAULT_CORPORA, ROOT, Doc, _use_tree, chosen_corpora  # benchmarks/ is on the path

APPENDED = (
    "The museum will reopen to visitors on Saturday after a two-year renovation of its main hall, "
    "the city council said in a statement."
)
PREPENDED = "Officials in the region said on Monday that the new bridge would open to traffic next spring."
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_WHITE = re.compile(r"\s+")
_OPENING_MARKS = "\"'“‘«(["
# What Markdown reads as markup anywhere in a line (CommonMark plus tables and strikethrough, as copyedit reads it)
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]<~|]|&(?=#?\w+;)")
# ... and at a line's start: a heading, a quote, a list item, a setext underline, an ordered list item
_MARKDOWN_LINE_START = re.compile(r"^([ \t]*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)

_ALIGNED = (
    "reads the sentence alignment with the source: the aligner pairs paragraphs only when both sides have as many, so "
    "a paragraph no source has makes it align the whole text as one run, and a sentence near the end may pair otherwise"
)
_SPLIT_ALIGNED = (
    "reads the sentence alignment with the source: the aligner pairs paragraphs only when both sides have as many, and "
    "the split gives the text more than its source"
)
_ALIGNED_CODES = ("LQ201", "LQ202", "LQ203", "LQ204", "LQ206", "LQ208", "LQ209", "LQ212", "LQ213", "LQ217", "LQ218", "LQ223")
_PARAGRAPH_COUNTS = "paragraph counts and lengths against the source: the {} paragraph is in no source"
_LENGTH_RATIO = (
    "searches sentences longer than the document's ratio of lengths to the source makes them, which the {} paragraph "
    "(in no source) raises"
)
_MARKER = (
    "an edit at a line's start after digits (\"3 1 / 2\", \"2,88\", \"1  Packed\"): Markdown refuses an edit that could "
    "complete a list marker, and does not look at what the edit writes there (markdown.py's MARKER_PREFIX); conservative, left"
)
_LANGUAGE = "LQ102 judges the language of the whole article: an English paragraph added to a foreign one-sentence text"
# The rules whose findings LQ102's finding (an article in another language) supersedes.
_SUPERSEDED_BY_LQ102 = ("LQ101", "LQ103", "LQ301", "NM101", "NM102", "NM104")
_SHORT_PARAGRAPHS = (
    "LQ102 judges the language of the article's prose lines (of 8 words or more): one-sentence paragraphs of a few "
    "words (the names corpus: \"Etty met إيتي in Astana.\") are none, so each foreign word is reported alone"
)
_BOILERPLATE = "a boilerplate rule reads a paragraph as a whole: a {}"
_QUOTES_SPLIT = (
    "pairs quotation marks within a paragraph: the split cuts a quotation of several sentences apart (news would reopen "
    "it in each paragraph)"
)
# Every boilerplate rule (BP121: plain text only; what it removes is a paragraph too).
_BOILERPLATE_CODES = tuple(f"BP{number}" for number in (*range(101, 118), 120, 121))

_MARKDOWN = ("markdown", "markdown-references")
# (transformation, rule code, difference) → why the rule's findings may differ there: a difference of the form, not a
# bug. The difference is "lost", "gained", "fix unsafe → display-only" (as the report names them) or "*" (any).
JUSTIFIED: dict[tuple[str, str, str], str] = {
    **{(name, "LQ205", "*"): _PARAGRAPH_COUNTS.format(name) for name in ("appended", "prepended")},
    **{(name, "LQ215", "*"): _LENGTH_RATIO.format(name) for name in ("appended", "prepended")},
    **{(name, code, "*"): _ALIGNED for code in _ALIGNED_CODES for name in ("appended", "prepended")},
    **{(name, "LQ102", "lost"): _LANGUAGE + " makes it mixed" for name in ("appended", "prepended")},
    **{(name, code, "gained"): _LANGUAGE + " makes it mixed, and the sentence is reported alone (LQ102 supersedes it)"
       for code in _SUPERSEDED_BY_LQ102 for name in ("appended", "prepended")},
    ("split", "LQ205", "*"): "paragraph counts and lengths against the source: the split gives the text more than its source",
    **{("split", code, "*"): _SPLIT_ALIGNED for code in _ALIGNED_CODES},
    ("split", "LQ102", "lost"): _SHORT_PARAGRAPHS,
    **{("split", code, "gained"): _SHORT_PARAGRAPHS for code in _SUPERSEDED_BY_LQ102},
    **{("split", code, "*"): _BOILERPLATE.format("sentence alone in a paragraph (\"Read also: …\", \"Photo: …\") may be one")
       for code in _BOILERPLATE_CODES},
    **{("split", code, "*"): _QUOTES_SPLIT for code in ("C101", "C102", "C104")},
    ("split", "LQ215", "*"): "reads a target sentence as aligned with its source: " + _SPLIT_ALIGNED.split(": ", 1)[1],
    ("split", "LQ216", "*"): "pairs brackets within a paragraph: the split cuts a bracket of several sentences apart",
    ("split", "C304", "gained"): "\"..\" before \"I\" may be an informal ellipsis (\"Love or.. I stopped\"), at a paragraph's "
                                 "end it is a slip: the split puts the paragraph's end there",
    **{("line-breaks", code, "*"): _BOILERPLATE.format("line of a paragraph is no paragraph") for code in _BOILERPLATE_CODES},
    ("line-breaks", "C101", "*"): "pairs quotation marks within a paragraph: a quotation news reopens in each paragraph "
                                  "without closing it is balanced once the paragraphs are lines of one (and a mark left "
                                  "open by MT pairs with the next paragraph's)",
    ("line-breaks", "C401", "gained"): "a word doubled across a line break is a slip in wrapped text; a paragraph that ends "
                                       "with the word the next starts with in lower case (\"and gathering\" / \"gathering "
                                       "dialect\") reads as that once the paragraphs are lines of one",
    **{("line-breaks", code, "*"): "reads the sentence alignment with the source: the source's paragraphs are paired with "
       "the text's lines, one to one only when they are as many" for code in _ALIGNED_CODES},
    ("line-breaks", "LQ216", "lost"): "pairs brackets within a paragraph: a bracket closed in the paragraph after the one that "
                                      "opened it is paired once the paragraphs are lines of one",
    ("line-breaks", "C305", "lost"): "white space on a blank line, which the transformation takes out with the blank line",
    ("trailing-space", "C305", "*"): "trailing white space: what the transformation adds",
    **{(name, code, "fix unsafe → display-only"): _MARKER for code in ("C301", "C309", "MT102") for name in _MARKDOWN},
    **{(name, "C305", "lost"): "Markdown reads no space at the end of a line inside a paragraph (a soft line break)" for name in _MARKDOWN},
}


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (what a blank line separates), stripped, empty ones left out.

    >>> paragraphs("Headline\\n\\nOne line,\\nanother.\\n \\n\\nLast. \\n")
    ['Headline', 'One line,\\nanother.', 'Last.']
    """
    return [paragraph.strip() for paragraph in _PARAGRAPH_BREAK.split(text) if paragraph.strip()]


def markdown_escaped(paragraph: str) -> str:
    r"""A plain-text paragraph as Markdown that reads as the same text: what Markdown would read as markup escaped.

    >>> print(markdown_escaped("# Rates *rose* to 5% [AT&T] &amp; <b>\n- then fell_back ~~x~~ a|b\n2004. The 2) end"))
    \# Rates \*rose\* to 5% \[AT&T\] \&amp; \<b>
    \- then fell\_back \~\~x\~\~ a\|b
    2004\. The 2) end
    """
    escaped = _MARKDOWN_INLINE.sub(lambda match: "\\" + match.group(), paragraph)
    return _MARKDOWN_LINE_START.sub(lambda match: f"{match.group(1)}{match.group(2)}\\" if match.group(2)[0].isdigit() else f"{match.group(1)}\\{match.group(2)}", escaped)


def _html_paragraphs(text: str) -> str:
    return "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(text))


def _markdown(text: str) -> str:
    return "\n\n".join(map(markdown_escaped, paragraphs(text)))


_NAMED = {code: name for name, code in html.entities.name2codepoint.items()}


def references(text: str) -> str:
    """Every character outside ASCII as a character reference: decimal, hexadecimal and named (where HTML has a
    name) in turn.

    >>> references("“Café” – ok")
    '&#8220;Caf&#xe9;&rdquo; &#8211; ok'
    """
    pieces, count = [], 0
    for char in text:
        if ord(char) < 128:
            pieces.append(char)
            continue
        kind = count % 3
        count += 1
        name = _NAMED.get(ord(char))
        pieces.append(f"&#{ord(char)};" if kind == 0 or kind == 2 and name is None else f"&#x{ord(char):x};" if kind == 1 else f"&{name};")
    return "".join(pieces)


class Variant(NamedTuple):
    """A document in another form: the call's arguments, and how to read its fixed prose and its findings."""

    text: str
    kwargs: dict[str, Any]
    prose: Callable[[str], str]  # the fixed text → the prose compared with the original's
    end: int | None = None  # where the original ends in it: findings after are left out, and cut there
    start: int = 0  # where the original starts in it: findings before are left out, and cut there


class Transform(NamedTuple):
    applies: Callable[[Doc], bool]
    variant: Callable[[Doc], Variant]
    base_prose: Callable[[str], str]  # the original's fixed text → the prose compared


def _kwargs(doc: Doc, **changes: Any) -> dict[str, Any]:
    """The call's arguments for ``doc``, with ``changes``; a source stays in its own format (the document's,
    not the form's: a plain-text source of a Markdown article is read as text, not as Markdown)."""
    _, fmt, _, source, lang = doc
    kwargs: dict[str, Any] = {"format": fmt}
    if source:
        kwargs.update(source=source, source_lang=lang, source_format=fmt)
    return {**kwargs, **changes}


def _squeezed(text: str) -> str:
    """White space squeezed, and a byte order mark at the start dropped (Markdown reads it as none of the text)."""
    return _WHITE.sub(" ", text.lstrip().removeprefix("\ufeff")).strip()


def _read(fmt: str) -> Callable[[str], str]:
    """The prose of a fixed text in ``fmt``: the text copyedit reads in it, white space squeezed."""

    def prose(text: str) -> str:
        from copyedit.engine import parse_document

        return _squeezed(parse_document(text, fmt).text)

    return prose


def _is_text(doc: Doc) -> bool:
    return doc[1] == "text" and bool(doc[2].strip())


def _crlf(doc: Doc) -> Variant:
    return Variant(doc[2].replace("\r\n", "\n").replace("\n", "\r\n"), _kwargs(doc), lambda fixed: fixed.replace("\r\n", "\n"))


def _appended(doc: Doc) -> Variant:
    """The paragraph after a blank line (before the text's own last line feed, if any). Its separator goes with a
    paragraph a fix removes (a photo credit), so the fixed prose is what comes before the paragraph, less the separator
    if it is still there."""
    text = doc[2]
    tail = "\n" if text.endswith("\n") else ""
    separator = "\n" if tail else "\n\n"
    return Variant(
        text + separator + APPENDED + tail, _kwargs(doc), lambda fixed: fixed.removesuffix(APPENDED + tail).removesuffix(separator), len(text)
    )


def _prepended(doc: Doc) -> Variant:
    """The paragraph and a blank line before the text. The separator goes with the text's first paragraph when a fix
    removes it (a photo credit), so the fixed prose is what follows the paragraph, less the separator if still there."""
    head = PREPENDED + "\n\n"
    return Variant(head + doc[2], _kwargs(doc), lambda fixed: fixed.removeprefix(PREPENDED).removeprefix("\n\n"), start=len(head))


def split_sentences(text: str) -> str:
    """Each sentence that follows another after a single space and starts with a capital (after an opening mark, if
    any) made a paragraph of its own, as copyedit reads sentences (news often writes a sentence a paragraph). What
    else copyedit reads as a sentence's start (", and", "” It", "・Yudai") would start no paragraph.

    >>> split_sentences("Headline\\n\\nOne here. “Two” there!  Three\\nFour. The U.S. troops. ” It? , and")
    'Headline\\n\\nOne here.\\n\\n“Two” there!  Three\\nFour.\\n\\nThe U.S. troops. ” It? , and'
    """
    from copyedit.index import sentences

    pieces, cursor, previous_end = [], 0, -1
    for start, end in sentences(text, 0, len(text)):
        if text[previous_end:start] == " " and text[start:end].lstrip(_OPENING_MARKS)[:1].isupper():
            pieces += [text[cursor:previous_end], "\n\n"]
            cursor = start
        previous_end = end
    return "".join(pieces) + text[cursor:]


def _split(doc: Doc) -> Variant:
    return Variant(split_sentences(doc[2]), _kwargs(doc), _squeezed)


def hard_wrapped(text: str, width: int = 72) -> str:
    r"""Each line longer than ``width`` broken at spaces into lines of at most ``width`` characters (a word longer
    stays whole), as wire copy and e-mail are; the line breaks and blank lines already there stay.

    >>> hard_wrapped("One two three four.\n\nFive six", width=9)
    'One two\nthree\nfour.\n\nFive six'
    """
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) if len(line) > width else line
        for line in text.split("\n")
    )


def _paragraph_breaks(text: str) -> str:
    """Every paragraph break a blank line: what ``blank-lines`` changes read back."""
    return _PARAGRAPH_BREAK.sub("\n\n", text)


def _line_ends_trimmed(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def _trailing_space(doc: Doc) -> Variant:
    text = doc[2].replace("\n", " \n")
    return Variant(text if text.endswith("\n") else text + " ", _kwargs(doc), _line_ends_trimmed)


def _final_newline(doc: Doc) -> Variant:
    text = doc[2]
    return Variant(text.removesuffix("\n") if text.endswith("\n") else text + "\n", _kwargs(doc), lambda fixed: fixed.removesuffix("\n"))


def _page(doc: Doc) -> Variant:
    page = f"<!DOCTYPE html>\n<html><body><article>\n{_html_paragraphs(doc[2])}\n</article></body></html>\n"
    return Variant(page, _kwargs(doc, format="html"), _read("html"))


def _source_html(doc: Doc) -> Variant:
    return Variant(doc[2], _kwargs(doc, source=_html_paragraphs(doc[3] or ""), source_format="html"), lambda fixed: fixed)


TRANSFORMS: dict[str, Transform] = {
    "crlf": Transform(lambda doc: "\n" in doc[2], _crlf, lambda fixed: fixed.replace("\r\n", "\n")),
    "html": Transform(_is_text, lambda doc: Variant(_html_paragraphs(doc[2]), _kwargs(doc, format="html"), _read("html")), _squeezed),
    "markdown": Transform(_is_text, lambda doc: Variant(_markdown(doc[2]), _kwargs(doc, format="markdown"), _read("markdown")), _squeezed),
    "markdown-references": Transform(
        _is_text, lambda doc: Variant(references(_markdown(doc[2])), _kwargs(doc, format="markdown"), _read("markdown")), _squeezed
    ),
    "page": Transform(_is_text, _page, _squeezed),
    "html-references": Transform(
        _is_text, lambda doc: Variant(references(_html_paragraphs(doc[2])), _kwargs(doc, format="html"), _read("html")), _squeezed
    ),
    "source-html": Transform(lambda doc: bool(doc[3]), _source_html, lambda fixed: fixed),
    "appended": Transform(_is_text, _appended, lambda fixed: fixed),
    "prepended": Transform(_is_text, _prepended, lambda fixed: fixed),
    "split": Transform(lambda doc: _is_text(doc) and split_sentences(doc[2]) != doc[2], _split, _squeezed),
    "blank-lines": Transform(
        lambda doc: _is_text(doc) and _PARAGRAPH_BREAK.search(doc[2]) is not None,
        lambda doc: Variant(_PARAGRAPH_BREAK.sub(lambda match: match.group() + "\n", doc[2]), _kwargs(doc), _paragraph_breaks),
        _paragraph_breaks,
    ),
    "line-breaks": Transform(
        lambda doc: _is_text(doc) and _PARAGRAPH_BREAK.search(doc[2]) is not None,
        lambda doc: Variant(_PARAGRAPH_BREAK.sub("\n", doc[2]), _kwargs(doc), _squeezed),
        _squeezed,
    ),
    "trailing-space": Transform(_is_text, _trailing_space, _line_ends_trimmed),
    "hard-wrap": Transform(
        lambda doc: _is_text(doc) and hard_wrapped(doc[2]) != doc[2], lambda doc: Variant(hard_wrapped(doc[2]), _kwargs(doc), _squeezed), _squeezed
    ),
    "final-newline": Transform(_is_text, _final_newline, lambda fixed: fixed.removesuffix("\n")),
}


Key = tuple[str, str, "str | None", "str | None"]  # code, matched text, fix title, fix applicability


def _key(finding: Any, variant: Variant | None = None) -> Key:
    """What is compared of a finding; in a variant with text before or after the original, the part of its matched
    text within the original (a finding about the last sentence may reach into an appended paragraph: the aligner
    gives a sentence with no counterpart in the source to its neighbour)."""
    text = finding.text
    if variant is not None:
        cut = max(0, variant.start - finding.span.start)
        text = text[cut:] if variant.end is None else text[cut: max(cut, variant.end - finding.span.start)]
    fix = finding.fix
    return finding.code, _squeezed(text), fix.title if fix else None, fix.applicability.value if fix else None


def _within(finding: Any, variant: Variant) -> bool:
    """Whether a finding of the variant is about the original: it reaches into it (or, empty, is at its edge)."""
    span = finding.span
    starts_before_end = variant.end is None or span.start < variant.end
    return starts_before_end and (span.end > variant.start or span.start >= variant.start)


def _paired(lost: Counter[Key], gained: Counter[Key]) -> Counter[tuple[Key, str]]:
    """The findings found in both forms whose fix applies in one and not in the other (or differs in safety),
    taken out of ``lost`` and ``gained``: (the finding as the original has it, its fix's applicability in the other)."""
    paired: Counter[tuple[Key, str]] = Counter()
    for key in list(lost):
        for other in list(gained):
            if key[:3] == other[:3] and lost[key] and gained[other]:
                count = min(lost[key], gained[other])
                paired[key, str(other[3])] += count
                lost[key] -= count
                gained[other] -= count
    return paired


def _run(copyedit: Any, text: str, kwargs: dict[str, Any]) -> tuple[Any, Any] | str:
    """``check`` and ``fix(unsafe=True)`` of one form, or the error either raised."""
    try:
        return copyedit.check(text, **kwargs), copyedit.fix(text, unsafe=True, **kwargs)
    except Exception as error:  # noqa: BLE001 - a refusal in one form only is a difference too
        return f"{type(error).__name__}: {error}"


class Tally:
    """Differences per transformation: documents compared and different, findings lost and gained per rule,
    and the first examples of each kind."""

    def __init__(self, show: int, formats: dict[str, tuple[str, ...]]) -> None:
        self.show = show
        self.formats = formats  # each rule's formats: a rule that reads one form and not the other differs by design
        self.compared: Counter[str] = Counter()
        self.different: Counter[str] = Counter()
        self.kinds: Counter[tuple[str, str, str]] = Counter()  # (transformation, rule or "prose"/"error", lost/gained)
        self.justified: Counter[tuple[str, str]] = Counter()
        self.reasons: dict[tuple[str, str], str] = {}
        self.examples: dict[tuple[str, str, str], list[str]] = {}

    def add(self, name: str, doc_id: str, kind: tuple[str, str], example: str, count: int = 1) -> None:
        key = (name, *kind)
        self.kinds[key] += count
        shown = self.examples.setdefault(key, [])
        if len(shown) < self.show:
            shown.append(f"{doc_id}: {example}")

    def _justified(self, name: str, code: str, label: str, forms: tuple[str, str]) -> str | None:
        formats = self.formats.get(code, forms)
        if not set(forms) <= set(formats):
            return f"the rule reads {', '.join(formats)} only"
        return JUSTIFIED.get((name, code, label)) or JUSTIFIED.get((name, code, "*"))

    def compare(
        self, name: str, doc_id: str, base: tuple[Any, Any] | str, other: tuple[Any, Any] | str, variant: Variant,
        base_prose: Callable[[str], str],
    ) -> None:
        self.compared[name] += 1
        found = False
        if isinstance(base, str) or isinstance(other, str):
            if base != other:
                self.add(name, doc_id, ("error", "raised"), f"{str(base)[:200]!r} vs {str(other)[:200]!r}")
                self.different[name] += 1
            return
        before = Counter(_key(finding) for finding in base[0].findings)
        after = Counter(_key(finding, variant) for finding in other[0].findings if _within(finding, variant))
        forms = (base[0].format, other[0].format)
        lost, gained = before - after, after - before
        refused = False  # a fix applies in one form only, unjustified
        justified_fixes = False  # a justified difference with a fix: the prose may differ by it
        differences = [((key, f"fix {key[3]} → {applicability}"), count) for (key, applicability), count in _paired(lost, gained).items()]
        differences += [((key, label), count) for label, keys in (("lost", +lost), ("gained", +gained)) for key, count in keys.items()]
        for (key, label), count in differences:
            why = self._justified(name, key[0], label, forms)
            if why is not None:
                self.justified[name, key[0]] += count
                self.reasons[name, key[0]] = why
                justified_fixes |= key[3] in ("safe", "unsafe")
                continue
            found = True
            refused |= label.startswith("fix ")
            self.add(name, doc_id, (key[0], label), f"{key[1][:160]!r} ({key[2]})", count)
        old, new = base_prose(base[1].text), variant.prose(other[1].text)
        if old != new:
            start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            example = f"{old[max(0, start - 60):start + 80]!r} vs {new[max(0, start - 60):start + 80]!r}"
            if refused or not justified_fixes:
                found = True
                self.add(name, doc_id, ("prose", "differs, a fix refused" if refused else "differs"), example)
            else:
                self.justified[name, "prose"] += 1
                self.reasons[name, "prose"] = "the fix of a justified difference"
        self.different[name] += found

    def report(self) -> None:
        print("| transformation | documents | different | findings lost | findings gained | fix applies in one form only | prose differs | justified |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name in self.compared:
            lost = sum(n for (t, rule, label), n in self.kinds.items() if t == name and label == "lost")
            gained = sum(n for (t, rule, label), n in self.kinds.items() if t == name and label == "gained")
            prose = sum(n for (t, rule, _), n in self.kinds.items() if t == name and rule == "prose")
            refused = sum(n for (t, rule, label), n in self.kinds.items() if t == name and label.startswith("fix "))
            justified = sum(n for (t, _), n in self.justified.items() if t == name)
            print(f"| {name} | {self.compared[name]:,} | {self.different[name]:,} | {lost:,} | {gained:,} | {refused:,} | {prose:,} | {justified:,} |")
        if self.kinds:
            print("\n| transformation | rule | difference | count |\n|---|---|---|---:|")
            for (name, rule, label), count in sorted(self.kinds.items()):
                print(f"| {name} | {rule} | {label} | {count:,} |")
        if self.justified:
            print("\n| transformation | rule | justified findings | why |\n|---|---|---:|---|")
            for (name, rule), count in sorted(self.justified.items()):
                print(f"| {name} | {rule} | {count:,} | {self.reasons[name, rule]} |")
        for (name, rule, label), shown in sorted(self.examples.items()):
            print(f"\n{name} {rule} {label}:")
            for line in shown:
                print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--parts", default=",".join(CORPORA), help="which corpora, comma-separated: " + ", ".join(CORPORA))
    parser.add_argument("--transforms", default=",".join(TRANSFORMS), help="which transformations, comma-separated: " + ", ".join(TRANSFORMS))
    parser.add_argument("--every", type=int, default=20, help="keep every Nth document of each corpus (20)")
    parser.add_argument("--show", type=int, default=3, help="examples to print of each kind of difference (3)")
    args = parser.parse_args(argv)
    corpora = chosen_corpora(parser, args.parts, CORPORA, args.corpora)
    transforms = [name for name in args.transforms.split(",") if name]
    unknown = set(transforms) - set(TRANSFORMS)
    if unknown:
        parser.error(f"unknown transformation {sorted(unknown)[0]!r}")
    if args.every < 1:
        parser.error("--every must be at least 1")

    _use_tree(ROOT)
    import copyedit

    assert Path(copyedit.__file__).resolve().is_relative_to(ROOT), copyedit.__file__
    tally = Tally(args.show, {rule.code: rule.formats for rule in copyedit.ruleset_for(copyedit.Config()).rules})
    started = time.process_time()
    for corpus in corpora:
        for number, doc in enumerate(CORPORA[corpus](args.corpora)):
            if number % args.every:
                continue
            chosen = [name for name in transforms if TRANSFORMS[name].applies(doc)]
            if not chosen:
                continue
            base = _run(copyedit, doc[2], _kwargs(doc))
            for name in chosen:
                transform = TRANSFORMS[name]
                variant = transform.variant(doc)
                tally.compare(name, doc[0], base, _run(copyedit, variant.text, variant.kwargs), variant, transform.base_prose)
    print(f"corpora {','.join(corpora)}, every {args.every}: {time.process_time() - started:.0f} CPU-seconds\n")
    tally.report()
    return 1 if tally.kinds else 0


if __name__ == "__main__":
    sys.exit(main())
