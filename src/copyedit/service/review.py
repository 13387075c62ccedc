"""The review page's data: every suggestion for an article, where it is, what its rule has measured,
and the source sentence beside the sentence it is in (``POST /v1/review``).

Findings come from ``check`` on the body as sent, so every span is in the body's own
coordinates; each item's ``replaces`` is the range an accepted or edited decision replaces (its fix's edits'
range, which may be smaller than the finding's span), and each fix's ``suggestion`` is its replacement as text (its edits are in the body's syntax:
``&amp;`` in HTML); the safe fixes that ``fix`` would apply first are marked ``"default": "accepted"``
(the page shows them applied). The page sends the editor's decisions back to ``/v1/fix``
(:mod:`copyedit.decisions`), which applies them, verifies the markup and answers as usual.

>>> from .configuration import ServiceConfig
>>> from .protocol import parse_article
>>> data = review(parse_article({"body": "They they left. The CSTO is a mid-government alliance."}), ServiceConfig())
>>> [(item["code"], item["default"], item["fix"]["applicability"]) for item in data["items"]]
[('C401', None, 'unsafe'), ('TR101', None, 'unsafe')]
>>> data["items"][0]["text"], data["items"][0]["replaces"]  # an edited decision replaces " they", not "They they"
('They they', {'start': 4, 'end': 9, 'text': ' they'})
>>> data["rules"]["C401"]["why"] != ""
True
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import engine
from ..config import Config
from ..decisions import replaced_span, suggestion
from ..document import Document
from ..files import Layout
from ..model import Finding
from ..qa.bilingual import aligned_sentences
from .configuration import ServiceConfig
from .protocol import Article, add_warnings, check_selectors, content_sha256



@dataclass(frozen=True)
class ReviewFile:
    """The one article ``copyedit review FILE`` opens (``GET /v1/review/article``), and how the file writes it
    (``POST /v1/review/article`` gives its corrected text as the file's bytes)."""

    article: str  # its id in the decision log: the path as given
    body: str
    format: str
    source: str | None = None
    source_lang: str | None = None
    language: str | None = None  # the article's, when not the server's
    layout: Layout = Layout()  # the file's encoding, byte-order mark and line endings
    source_format: str | None = None  # the source's, from its file's suffix (None: the article's)

    def encode(self, text: str) -> bytes:
        """``text`` (a corrected body) as the file's bytes; :class:`FileProblem` for a character its encoding lacks."""
        return self.layout.encode(text, self.article)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "body": self.body,
            "format": self.format,
            "source": self.source,
            "source_lang": self.source_lang,
            "language": self.language,
            "source_format": self.source_format,
        }


def review(article: Article, service: ServiceConfig, deadline: engine.Deadline | None = None) -> dict[str, Any]:
    """Every finding of the body with its fix, default decision, rule evidence and sentences."""
    check_selectors(article, service.config)
    config = article.config(service.config)
    ruleset = engine.ruleset_for(config)
    result = engine.run_check(
        article.body, article.format, ruleset, config, article.source, article.source_lang, deadline=deadline,
        source_format=article.source_format,
    )
    defaults = {id(finding) for finding in engine.choose_fixes(result.findings, engine.accepted())}
    doc = engine.parse_document(article.body, article.format)
    sentences = _sentences(article, doc, config) if article.source else None
    items = []
    for number, finding in enumerate(result.findings):
        item = {
            "id": number,
            **finding.to_dict(),
            "default": "accepted" if id(finding) in defaults else None,
            "suggestion": suggestion(doc, finding.fix),
            "replaces": _replaces(article.body, finding),
        }
        if sentences is not None:
            item["target_sentence"], item["source_sentence"] = sentences.around(finding)
        items.append(item)
    rules = {}
    for finding in result.findings:
        rule = ruleset.by_code.get(finding.code)
        if rule is None or finding.code in rules:
            continue
        shown = rule.measured.precision() if rule.measured else None
        rules[finding.code] = {
            "name": rule.name,
            "why": rule.why,
            "severity": rule.severity.value,
            "fix": rule.applicability.value if rule.applicability else None,
            "precision": shown[0] if shown else None,
            "basis": shown[1] if shown else None,
        }
    response: dict[str, Any] = {
        "format": article.format,
        "body": article.body,
        "content_sha256": content_sha256(article.body),
        "source_lang": article.source_lang,
        "items": items,
        "rules": rules,
    }
    add_warnings(response, result.warnings, article, config)
    return response


def _replaces(body: str, finding: Finding) -> dict[str, Any]:
    """The range of the body as sent that the item's ``suggestion``, or an editor's ``replacement``, takes the place
    of (:func:`~copyedit.decisions.replaced_span`), with its text there (in the body's syntax)."""
    span = replaced_span(finding)
    return {"start": span.start, "end": span.end, "text": body[span.start : span.end]}


class _Sentences:
    """The body's sentences (as source ranges) and the source sentences aligned with each."""

    def __init__(self, starts: list[int], target: list[str], source: list[str | None]) -> None:
        self.starts, self.target, self.source = starts, target, source

    def around(self, finding: Finding) -> tuple[str | None, str | None]:
        index = bisect.bisect_right(self.starts, finding.span.start) - 1
        return (self.target[index], self.source[index]) if index >= 0 else (None, None)


def _sentences(article: Article, doc: Document, config: Config) -> _Sentences:
    context = engine.source_context(config, article.source, article.source_lang, article.format, article.source_format, article.body)
    alignment = aligned_sentences(doc, context)
    source_text = context.source or ""
    translated: dict[int, str] = {}
    for bead in alignment.beads:
        if bead.source:
            first, last = alignment.source[bead.source[0]], alignment.source[bead.source[-1]]
            for j in bead.target:
                translated[j] = " ".join(source_text[first.start : last.end].split())
    starts, target, source = [], [], []
    for j, span in enumerate(alignment.target):
        starts.append(doc.enclosing_span(span.start, span.end).start)
        target.append(" ".join(doc.text[span.start : span.end].split()))
        source.append(translated.get(j))
    return _Sentences(starts, target, source)


@cache
def page() -> tuple[bytes, str]:
    """The review page (``review.html``, package data) and its Content-Security-Policy: nothing
    may load from anywhere, and only the page's own script and style run (by their hashes)."""
    html = resources.files(__package__).joinpath("review.html").read_text(encoding="utf-8")
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert script and style, "review.html holds one inline <script> and one inline <style>"

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"

    policy = (
        f"default-src 'none'; script-src {digest(script.group(1))}; style-src {digest(style.group(1))}; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return html.encode("utf-8"), policy
