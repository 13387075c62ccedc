"""Markup parity against the source (LQ210): an HTML translation keeps the source's inline tags.

MT of HTML drops or adds inline tags: a link loses its ``<a>``, a bold run its ``<strong>``, a
footnote its ``<sup>``. A CAT tool's tag check (Xbench's "tag mismatch") compares the tags of each
segment; here the source and the translation are whole HTML documents, so each inline tag is
counted in both and a different count is reported, with the source tag it is about.

>>> from types import SimpleNamespace
>>> doc = SimpleNamespace(source="<p>Read <b>the</b> report.</p>", text="Read the report.", blocks=())
>>> context = Context(source='<p>Lesen Sie <b>den</b> <a href="/r">Bericht</a>.</p>')
>>> [h.message for h in tag_parity(doc, context)]
['The source has 1 link (<a>), the translation 0: a tag was lost or added in translation']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import regex

from ..kinds.base import Context, Hit
from ..markup.html import START_TAG
from ..model import Span

# Inline tags a translation must keep, with how a message names them.
INLINE = {
    "a": "link", "b": "bold run", "strong": "bold run", "i": "italic run", "em": "italic run", "u": "underlined run",
    "s": "struck-through run", "code": "code run", "sup": "superscript", "sub": "subscript", "img": "image", "br": "line break",
}
# Script and style bodies and comments are skipped.
_HIDDEN = regex.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", regex.DOTALL | regex.IGNORECASE)


def _tags(html: str) -> tuple[Counter[str], dict[str, list[Span]]]:
    """Inline start tags by name, counted, and where each stands."""
    visible = _HIDDEN.sub(lambda hidden: " " * len(hidden.group()), html)
    counts: Counter[str] = Counter()
    where: dict[str, list[Span]] = {}
    for match in START_TAG.finditer(visible):
        name = match.group(1).lower()
        if name in INLINE:
            counts[name] += 1
            where.setdefault(name, []).append(Span(match.start(), match.end()))
    return counts, where


def tag_parity(doc: Any, context: Context) -> Iterator[Hit]:
    """Inline tags the source has more or fewer of than the HTML translation (whole documents)."""
    source = context.source_markup or context.source or ""  # (an HTML source's text is its content, without tags)
    in_markup = context.source_markup is not None
    if getattr(doc, "format", "html") != "html" or "<" not in source or not START_TAG.search(source):
        return
    wanted, in_source = _tags(source)
    found, _ = _tags(doc.source)
    text = doc.text
    line_end = text.find("\n")
    start, end = 0, line_end if line_end != -1 else len(text)
    for name in sorted(set(wanted) | set(found), key=list(INLINE).index):
        if wanted[name] == found[name]:
            continue
        what = INLINE[name]
        plural = "s" if wanted[name] != 1 else ""
        evidence = in_source[name][min(found[name], wanted[name] - 1)] if wanted[name] else None
        yield Hit(
            start, end,
            message=f"The source has {wanted[name]} {what}{plural} (<{name}>), the translation {found[name]}: "
            "a tag was lost or added in translation",
            source=evidence, source_sentence=evidence, source_in_markup=in_markup,
        )
