"""Issue 16, item 2: a whole HTML page's metadata (title, author, date, site name, canonical URL)
comes back from the library, the hook and the service when asked, and never for a fragment or
plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copyedit
from copyedit.service import ServiceConfig, parse_article, process
from copyedit.service.protocol import FieldError

from .test_hook import hook

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Talks in Astana end without agreement | Daily Wire News</title>
<meta name="author" content="Aigerim Sadykova">
<meta property="og:site_name" content="Daily Wire News">
<meta property="article:published_time" content="2024-03-15T09:30:00+00:00">
<link rel="canonical" href="https://news.example.com/world/astana-talks">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Talks in Astana end without agreement</h1>
<p>The talks in Astana ended on Friday without an agreement, the foreign ministry said in a statement.</p>
<p>Delegations from both countries met for three days and discussed the border, trade and water rights.</p>
<p>A new round is expected in the spring, according to officials who asked not to be named.</p>
</article><footer><p>Leave a Reply</p></footer></body></html>
"""
FRAGMENT = "<p>The talks in Astana ended on Friday without an agreement, the foreign ministry said.</p>"
FIELDS = {
    "title": "Talks in Astana end without agreement",
    "author": "Aigerim Sadykova",
    "date": "2024-03-15",
    "site_name": "Daily Wire News",
    "url": "https://news.example.com/world/astana-talks",
}


@pytest.mark.parametrize("run", [copyedit.check, copyedit.fix])
def test_the_library_returns_a_pages_fields_when_asked(run) -> None:
    result = run(PAGE, format="html", metadata=True)
    assert result.metadata == copyedit.PageMetadata(**FIELDS)
    assert result.to_dict()["metadata"] == FIELDS


def test_fix_reports_the_page_as_sent_and_cleans_it_in_the_same_call() -> None:
    result = copyedit.fix(PAGE, format="html", unsafe=True, metadata=True)
    assert "Leave a Reply" not in result.text  # the chrome goes (BP120) ...
    assert result.metadata == copyedit.PageMetadata(**FIELDS)  # ... and the fields come with it


def test_metadata_is_not_extracted_unless_asked() -> None:
    result = copyedit.fix(PAGE, format="html")
    assert result.metadata is None
    assert "metadata" not in result.to_dict()


@pytest.mark.parametrize(("text", "format"), [(FRAGMENT, "html"), ("Talks end.\n", "text"), ("# Talks end\n", "markdown")])
def test_a_fragment_or_plain_text_has_none(text: str, format: str) -> None:
    assert copyedit.check(text, format=format, metadata=True).metadata is None
    assert copyedit.fix(text, format=format, metadata=True).metadata is None


def test_a_page_without_those_tags_gives_nulls_not_a_failure() -> None:
    found = copyedit.check("<html><body><p>Text.</p></body></html>", format="html", metadata=True).metadata
    assert found is not None and found.author is None and found.site_name is None and found.url is None


def test_the_protocol_returns_metadata_only_when_asked() -> None:
    asked = process(parse_article({"body": PAGE, "format": "html", "metadata": True}), ServiceConfig())
    assert asked["metadata"] == FIELDS
    assert "metadata" not in process(parse_article({"body": PAGE, "format": "html"}), ServiceConfig())
    fragment = process(parse_article({"body": FRAGMENT, "format": "html", "metadata": True}), ServiceConfig(), "check")
    assert fragment["metadata"] is None
    with pytest.raises(FieldError, match="metadata: must be a boolean, not string"):
        parse_article({"body": PAGE, "metadata": "yes"})


def test_the_hook_returns_the_fields(tmp_path: Path) -> None:
    request = json.dumps({"body": PAGE, "format": "html", "metadata": True}).encode()
    status, answer, _ = hook(request, cwd=tmp_path)
    assert status == 0 and answer["metadata"] == FIELDS
    status, answer, _ = hook(json.dumps({"body": "Talks end.", "metadata": True}).encode(), "--check", cwd=tmp_path)
    assert status == 0 and answer["metadata"] is None


def test_the_service_returns_the_fields_and_declares_them(tmp_path: Path) -> None:
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    from .test_service import Server

    server = Server(tmp_path)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for mode in ("fix", "check"):
                answer = client.post(f"/v1/{mode}", json={"body": PAGE, "format": "html", "metadata": True}).json()
                assert answer["metadata"] == FIELDS
            fragment = client.post("/v1/fix", json={"body": FRAGMENT, "format": "html", "metadata": True}).json()
            assert fragment["metadata"] is None
            schemas = client.get("/openapi.json").json()["components"]["schemas"]
    finally:
        server.stop()
    assert "metadata" in schemas["Article"]["properties"] and "metadata" in schemas["Verdict"]["properties"]
    assert set(schemas["PageMetadata"]["required"]) == set(FIELDS)
