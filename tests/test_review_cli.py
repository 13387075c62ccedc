"""``copyedit review FILE`` as a real process on 127.0.0.1: the article it serves, and how it opens a browser."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .cli_runner import run_cli

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


class Review:
    """A ``copyedit review FILE`` child process and the address it prints. ``browser``: the command that opens
    the page (``BROWSER``); without one, ``--no-browser``."""

    def __init__(self, tmp: Path, *args: str, browser: str | None = None, stderr: Any = subprocess.DEVNULL) -> None:
        # the session's settings only: its rule cache (tests/conftest.py), no token or other setting of the user's
        environment = {k: v for k, v in os.environ.items() if k == "COPYEDIT_CACHE_DIR" or not k.startswith(("COPYEDIT_", "BROWSER"))}
        if browser is not None:
            environment["BROWSER"] = browser
        self.process = subprocess.Popen(
            [sys.executable, "-m", "copyedit", "review", *(() if browser else ("--no-browser",)), *args],
            stdout=subprocess.PIPE, stderr=stderr, env=environment, cwd=tmp, text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert " at http://127.0.0.1:" in line, line
        self.url = line.split(" at ", 1)[1].split()[0]
        self.base = self.url.split("/review")[0]
        self.token = self.url.split("#token=")[1]

    def get(self, path: str) -> Any:
        return httpx.get(self.base + path, headers={"Authorization": f"Bearer {self.token}"}, timeout=30).json()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def test_source_lang_wins_over_the_sidecars_name(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Over 50 people were detained.\n", encoding="utf-8")
    (tmp_path / "story.src.de.txt").write_text("Über 500 Menschen wurden festgenommen.\n", encoding="utf-8")
    review = Review(tmp_path, "story.txt", "--source-lang", "ru")
    try:
        opened = review.get("/v1/review/article")
        assert (opened["source"], opened["source_lang"]) == ("Über 500 Menschen wurden festgenommen.\n", "ru")  # as lint
    finally:
        review.stop()
    review = Review(tmp_path, "story.txt")
    try:
        assert review.get("/v1/review/article")["source_lang"] == "de"  # without it, the sidecar's name says
    finally:
        review.stop()


def test_an_empty_source_is_a_warning_naming_it_as_in_lint(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Over 50 people were detained.\n", encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(" \n", encoding="utf-8")
    with open(tmp_path / "stderr.txt", "w", encoding="utf-8") as stderr:
        review = Review(tmp_path, "story.txt", stderr=stderr)
        try:
            opened = review.get("/v1/review/article")
            answer = httpx.post(
                review.base + "/v1/review", headers={"Authorization": f"Bearer {review.token}"}, timeout=30,
                json={"body": opened["body"], "source": opened["source"]},
            ).json()
        finally:
            review.stop()
    said = "the source has no text (it is empty, or only white space or markup): checked without one"
    assert f"copyedit review: warning: {said} (story.src.ru.txt)" in (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert answer["warnings"] == [{"code": "empty-source", "field": "source", "message": said}]  # the engine's words


def test_an_html_sidecar_is_served_with_its_format(tmp_path: Path) -> None:
    """The page sends the opened file's ``source_format`` back with its requests: a plain-text article's HTML
    source is read as HTML."""
    (tmp_path / "story.txt").write_text("Over 50 people were detained.\n", encoding="utf-8")
    (tmp_path / "story.src.html").write_text("<p>Über 500 Menschen wurden festgenommen.</p>\n", encoding="utf-8")
    review = Review(tmp_path, "story.txt")
    try:
        opened = review.get("/v1/review/article")
        assert (opened["source"], opened["source_format"]) == ("<p>Über 500 Menschen wurden festgenommen.</p>\n", "html")
    finally:
        review.stop()


def test_an_article_over_two_megabytes_is_served_as_lint_reads_it(tmp_path: Path) -> None:
    """The review server takes requests as large as the hook does (the configuration's max-bytes as JSON), not
    the 2 MB of ``copyedit serve``; an article over max-bytes is refused at the start, naming the setting."""
    (tmp_path / "story.txt").write_text("They they left.\n", encoding="utf-8")
    review = Review(tmp_path, "story.txt")
    try:
        large = {"body": "Short plain news.\n\n" * 120_000, "unknown": True}  # 2.3 MB: refused for its field, not its size
        answer = httpx.post(f"{review.base}/v1/review", json=large, headers={"Authorization": f"Bearer {review.token}"}, timeout=30)
        assert (answer.status_code, answer.json()["error"]["field"]) == (422, "unknown")
    finally:
        review.stop()
    (tmp_path / "copyedit.toml").write_text("max-bytes = 10\n", encoding="utf-8")
    refused = run_cli("review", "--no-browser", "story.txt", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode() == (
        "copyedit review: story.txt: document is 16 bytes, over the limit of 10 (max-bytes);"
        " raise max-bytes in the configuration to review it\n"
    )


def test_the_browser_gets_a_private_page_and_the_server_answers_while_it_runs(tmp_path: Path) -> None:
    """The browser's command line, which every local user can read, holds no token: it is given a page of the
    user's alone that leads to the address; and a browser that runs until it is closed (lynx, a BROWSER script)
    does not hold the server up."""
    (tmp_path / "story.txt").write_text("They they left.\n", encoding="utf-8")
    browser = tmp_path / "browser"
    browser.write_text('#!/bin/sh\necho $$ > "$0.pid"\nprintf "%s" "$*" > "$0.args"\nexec sleep 60\n', encoding="utf-8")
    browser.chmod(0o755)
    review = Review(tmp_path, "story.txt", browser=str(browser))
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "browser.args").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        opened = (tmp_path / "browser.args").read_text(encoding="utf-8")
        assert opened.startswith("file:///") and review.token not in opened
        page = Path(unquote(urlsplit(opened).path))
        assert stat.S_IMODE(page.stat().st_mode) == 0o600 and stat.S_IMODE(page.parent.stat().st_mode) == 0o700
        assert f'content="0;url={review.url}"' in page.read_text(encoding="utf-8")
        answer = httpx.get(f"{review.base}/v1/review/article", headers={"Authorization": f"Bearer {review.token}"}, timeout=10)
        assert answer.json()["article"] == "story.txt"  # served while the browser still runs
    finally:
        review.stop()
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            os.kill(int((tmp_path / "browser.pid").read_text()), signal.SIGTERM)
    assert not page.exists() and not page.parent.exists()  # gone with the server


def test_the_corrected_article_comes_back_as_the_files_bytes(tmp_path: Path) -> None:
    """The page's export of the file it opened is the file's bytes: its encoding, byte-order mark and line endings,
    as ``lint --fix`` writes them; a character its encoding cannot hold is refused, naming the field."""
    (tmp_path / "story.txt").write_bytes(b"Caf\xe9 news.\r\nThey they left.\r\n")
    review = Review(tmp_path, "story.txt", "--encoding", "latin-1")
    try:
        assert review.get("/v1/review/article")["body"] == "Café news.\nThey they left.\n"
        headers = {"Authorization": f"Bearer {review.token}"}
        answer = httpx.post(f"{review.base}/v1/review/article", json={"body": "Café news.\nThey left.\n"}, headers=headers)
        assert (answer.status_code, answer.content) == (200, b"Caf\xe9 news.\r\nThey left.\r\n")
        refused = httpx.post(f"{review.base}/v1/review/article", json={"body": "Café costs 5 €.\n"}, headers=headers)
        assert refused.status_code == 422 and refused.json()["error"] == {
            "message": "the corrected text cannot be written as latin-1: ordinal not in range(256)", "field": "body"
        }
        assert httpx.post(f"{review.base}/v1/review/article", json={"text": "x"}, headers=headers).status_code == 422
    finally:
        review.stop()
