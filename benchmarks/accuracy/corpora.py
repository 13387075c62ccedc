"""Readers for the public corpora in ``../shared/corpora`` (see its README); nothing is copied.

Each reader yields plain records; documents are paragraphs (lists of segments) joined as an
article would be: segments by a space, paragraphs by a blank line.
"""

from __future__ import annotations

import collections
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PostEdit:
    id: str
    lp: str
    mt: str
    pe: str
    src: str = ""  # the source sentence

    @property
    def source_lang(self) -> str:
        """The source's language code ("et" for "et-en")."""
        return self.lp.split("-")[0]


@dataclass(frozen=True)
class Article:
    corpus: str
    id: str
    text: str


@dataclass(frozen=True)
class Translations:
    """One document: its source, every MT system's output and the human reference(s)."""

    corpus: str
    id: str
    source_lang: str
    source: str
    mt: dict[str, str]
    human: dict[str, str]


@dataclass(frozen=True)
class Page:
    """A real web page, with snippets of its article (``keep``) and of its site chrome (``remove``)."""

    id: str
    html: str
    keep: tuple[str, ...]
    remove: tuple[str, ...]


@dataclass(frozen=True)
class MqmDocument:
    """One system's translation of one document, with the target-side error spans."""

    corpus: str
    id: str
    source_lang: str
    source: str
    target: str
    errors: tuple[tuple[str, int, int], ...]  # (category, start, end) in ``target``


def rows(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _article(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(segment.strip() for segment in paragraph) for paragraph in paragraphs)


def post_edits(root: Path) -> Iterator[PostEdit]:
    for row in rows(root / "postedits" / "mlqe_pe_x2en.dev.jsonl.gz"):
        yield PostEdit(row["id"], row["lp"], row["mt"], row["pe"], row["src"])


def bbc(root: Path) -> Iterator[Article]:
    """The BBC articles without the exact duplicates the manifest marks."""
    folder = root / "clean-news-bbc"
    for row in rows(folder / "manifest.jsonl"):
        if not row.get("duplicate_of"):
            yield Article("BBC", row["path"], (folder / row["path"]).read_text(encoding="utf-8"))


def wmt_news_references(root: Path) -> Iterator[Article]:
    for path in sorted((root / "wmt-news" / "references").glob("*.txt")):
        yield Article("wmt-news references", path.name, path.read_text(encoding="utf-8"))


def translations(root: Path) -> Iterator[Translations]:
    """``wmt-news`` (WMT21–22) and ``wmt23-news`` documents with all their translations."""
    for corpus, path in (
        ("wmt-news", root / "wmt-news" / "wmt21-22_toen_news_docs.jsonl"),
        ("wmt23-news", root / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz"),
    ):
        for row in rows(path):
            yield Translations(
                corpus,
                f"{row['testset']}/{row['lp']}/{row['doc_id']}",
                row["lp"].split("-")[0],
                _article(row["source"]),
                {system: _article(paragraphs) for system, paragraphs in row["hypotheses"].items()},
                {name: _article(paragraphs) for name, paragraphs in row["references"].items()},
            )


def held_out(page_file: str) -> bool:
    """The half of the pages the boilerplate rules are never tuned on (``benchmarks/accuracy_boilerplate.py``
    splits them by the same hash).

    >>> held_out("bbc.com.52241221.html"), held_out("theverge.com.ios13.html")
    (False, True)
    """
    return hashlib.sha256(page_file.encode("utf-8")).digest()[0] % 2 == 1


def pages(root: Path) -> Iterator[Page]:
    """The held-out half of the real pages: evidence must come from pages no rule was tuned on."""
    folder = root / "boilerplate" / "trafilatura_eval_en"
    for entry in json.loads((folder / "evaldata_en.json").read_text(encoding="utf-8")).values():
        if not held_out(entry["file"]):
            continue
        with gzip.open(folder / entry["html_file"], "rt", encoding="utf-8", errors="replace") as handle:
            html = handle.read()
        yield Page(entry["file"], html, tuple(entry["with"]), tuple(entry["without"]))


def mqm_documents(root: Path) -> Iterator[MqmDocument]:
    """Each system's translation of each MQM document: segments joined by line breaks (one
    paragraph, so a quotation may run over several segments), error spans moved to document
    offsets; a span marked by several raters counts once, spans without offsets are left out."""
    for corpus, path in (
        ("MQM news zh-en", root / "mqm" / "wmt23_generalMT_news_zhen.segments.jsonl"),
        ("MQM bio de/es/fr-en", root / "mqm" / "bio_mqm_x2en.dev.segments.jsonl.gz"),
    ):
        grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = collections.defaultdict(list)
        for row in rows(path):
            grouped[(row["lp"], row["system"], row["doc"])].append(row)  # doc ids repeat across language pairs
        for (lp, system, doc), segments in grouped.items():
            segments.sort(key=lambda row: int(row["seg_id"]))
            offset = 0
            errors: set[tuple[str, int, int]] = set()
            for row in segments:
                for error in row["errors"]:
                    if error["span_side"] == "target" and error.get("start") is not None:
                        errors.add((error["category"], offset + error["start"], offset + error["end"]))
                offset += len(row["target"]) + 1
            yield MqmDocument(
                corpus,
                f"{lp}/{system}/{doc}",
                segments[0]["lp"].split("-")[0],
                "\n".join(row["source"] for row in segments),
                "\n".join(row["target"] for row in segments),
                tuple(sorted(errors)),
            )
