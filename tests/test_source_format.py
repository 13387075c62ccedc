"""A source in another format than its article's: a plain-text translation of an HTML page.

The source was read in the article's format, so an HTML source beside a plain-text article was compared as text:
its link's address was "missing" from the translation (LQ203) and the source spans quoted its tags. Each front end
now reads a source in its own format: ``source_format`` in the library, the hook and the service, and the source
file's suffix for ``lint``, ``review`` and ``batch`` (``story.src.html`` beside ``story.txt``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copyedit
from copyedit import qa

from .cli_runner import run_cli

ARTICLE = "The president spoke to 13 ministers on Monday. More\n"
SOURCE = '<p>Der Präsident sprach am Montag mit 12 Ministern. <a href="https://example.com/news/2023/45">Mehr</a></p>\n'
NUMBER_AT = SOURCE.index("12")


def _codes(findings: list[dict]) -> list[str]:
    return [finding["code"] for finding in findings]


def _read_as_html(findings: list[dict]) -> None:
    """The findings of ARTICLE against SOURCE read as HTML: the changed number, pointing into the source as sent;
    no link "missing" (its address is an attribute, not text)."""
    assert _codes(findings) == ["LQ201"], findings
    assert findings[0]["source"]["start"] == NUMBER_AT and findings[0]["source"]["text"] == "12"


def test_the_library_reads_the_source_in_its_own_format() -> None:
    as_html = copyedit.check(ARTICLE, source=SOURCE, source_lang="de", source_format="html")
    _read_as_html([finding.to_dict() for finding in as_html.findings])
    assert [f.code for f in copyedit.fix(ARTICLE, source=SOURCE, source_lang="de", source_format="html").findings] == ["LQ201"]
    # without it, the source is in the article's format (text), as documented
    assert "LQ203" in [f.code for f in copyedit.check(ARTICLE, source=SOURCE, source_lang="de").findings]
    with pytest.raises(copyedit.InputError, match="unknown source format 'pdf'"):
        copyedit.check(ARTICLE, source=SOURCE, source_format="pdf")


def test_an_html_sidecar_beside_a_text_article_is_found_and_read_as_html(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.src.html").write_text(SOURCE, encoding="utf-8")
    assert qa.sidecar_path(tmp_path / "story.txt") == tmp_path / "story.src.html"
    finished = run_cli("lint", "--format", "json", "--select", "LQ", "--source-lang", "de", ".", cwd=tmp_path)
    _read_as_html(json.loads(finished.stdout))
    assert b"1 file checked (1 against its source)" in finished.stderr


@pytest.mark.parametrize("name", ["original.html", "story.src.de.html"])
def test_lint_reads_a_named_or_tagged_html_source_as_html(tmp_path: Path, name: str) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / name).write_text(SOURCE, encoding="utf-8")
    args = ("--source", name, "--source-lang", "de") if name == "original.html" else ()
    finished = run_cli("lint", "--format", "json", "--select", "LQ", *args, "story.txt", cwd=tmp_path)
    _read_as_html(json.loads(finished.stdout))


def test_a_source_with_the_articles_suffix_keeps_the_articles_format(tmp_path: Path) -> None:
    """``--format-in html`` reads ``story.txt`` as HTML, and its ``story.src.txt`` with it."""
    assert qa.source_format(tmp_path / "story.src.txt", "story.txt", "html") == "html"
    (tmp_path / "story.txt").write_text("<p>" + ARTICLE.strip() + "</p>\n", encoding="utf-8")
    (tmp_path / "story.src.de.txt").write_text(SOURCE, encoding="utf-8")
    finished = run_cli("lint", "--format", "json", "--select", "LQ", "--format-in", "html", "story.txt", cwd=tmp_path)
    assert "LQ203" not in _codes(json.loads(finished.stdout))


def test_the_hook_takes_source_format(tmp_path: Path) -> None:
    request = {"body": ARTICLE, "source": SOURCE, "source_lang": "de", "source_format": "html", "rules": {"select": ["LQ"]}}
    finished = run_cli("hook", "--check", cwd=tmp_path, stdin=json.dumps(request).encode(), timeout=60)
    _read_as_html(json.loads(finished.stdout)["findings"])
    bad = run_cli("hook", cwd=tmp_path, stdin=json.dumps({"body": "x", "source_format": "pdf"}).encode(), timeout=60)
    error = json.loads(bad.stdout)["error"]
    assert bad.returncode == 2 and error["field"] == "source_format" and "text, markdown, html" in error["message"]


def test_batch_reads_an_html_sidecar_as_html(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from copyedit.batch import BatchSettings, plan_partitions, process_article, read_partition

    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.src.de.html").write_text(SOURCE, encoding="utf-8")
    settings = BatchSettings(check_only=True, config=copyedit.Config(select=("LQ",)))
    [row] = [process_article(article, settings) for p in plan_partitions(tmp_path, settings) for article in read_partition(p, settings)]
    _read_as_html(json.loads(row["findings"]))


MARKDOWN_ARTICLE = "The president spoke to 13 ministers on Monday. [More](https://example.com/news/2023/45)\n"


@pytest.mark.parametrize("source_format", [None, "markdown"])
def test_an_html_source_of_a_markdown_article_is_read_as_html(tmp_path: Path, source_format: str | None) -> None:
    """A Markdown translation of an HTML page, its source sent without its format (a hook or service request's
    ``"source_format": null``, a batch table's source cell, ``--source <(…)``): read as Markdown, the source was
    all HTML blocks and had no text, so every check compared the translation with nothing and found nothing."""
    only_qa = copyedit.Config(select=("LQ",))
    found = copyedit.check(MARKDOWN_ARTICLE, format="markdown", config=only_qa, source=SOURCE, source_lang="de", source_format=source_format)
    _read_as_html([finding.to_dict() for finding in found.findings])
    request = {"body": MARKDOWN_ARTICLE, "format": "markdown", "source": SOURCE, "source_lang": "de", "rules": {"select": ["LQ"]}}
    finished = run_cli("hook", "--check", cwd=tmp_path, stdin=json.dumps(request).encode(), timeout=60)
    _read_as_html(json.loads(finished.stdout)["findings"])
    # a Markdown source with text of its own stays Markdown: its HTML blocks are not text
    mixed = "Der Präsident sprach am Montag mit 12 Ministern.\n\n<div>13</div>\n"
    assert [f.code for f in copyedit.check(MARKDOWN_ARTICLE, format="markdown", config=only_qa, source=mixed, source_lang="de").findings] == ["LQ201"]
