"""The review page in a real browser: Debian's chromium driven by Selenium through Debian's chromedriver
(never a driver that downloads its own browser). Servers are started here, on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")

from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

import copyedit
from copyedit.model import Edit, Span

from .conftest import FIXTURES
from .test_review_cli import Review
from .test_review_decisions import HOUSE_RULE
from .test_service import TOKEN, Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="chromium or chromedriver is not on PATH (Debian: apt-get install chromium chromium-driver)",
)

ARTICLE = FIXTURES / "kazakhstan-tr-en" / "input.txt"
HTML_ARTICLE = FIXTURES / "kazakhstan-tr-en-html" / "input.html"
SOURCE = Path(__file__).parent / "data" / "kazakhstan-source.tr.txt"
# A house rule makes TR103's fix safe, so the page shows one safe fix applied for the editor to reject.
HOUSE = '[applicability]\nTR103 = "safe"\n'


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = Options()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait(driver: WebDriver, condition, timeout: float = 20) -> object:  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def load(driver: WebDriver, url: str) -> None:
    """Load the review page at ``url`` afresh and wait until it has checked its article."""
    driver.get("about:blank")  # else the address of the page on show (with a fragment) would load nothing
    driver.get(url)
    wait(driver, lambda d: "Checked" in d.find_element(By.ID, "status").text)


@pytest.fixture
def open_review(browser: WebDriver, tmp_path: Path) -> Iterator[Callable[..., Review]]:
    """``open_review(ARTICLE, *ARGS, files={NAME: TEXT})``: write ``files`` (the article, its sidecar source, a
    copyedit.toml, a rule file…; bytes as they are) into the test's folder, start ``copyedit review ARTICLE ARGS``
    there and load its page in the browser, checked. With ``browser_command`` that command is given the page
    (``BROWSER``) and nothing is loaded here. Each server stops when the test ends."""
    started: list[Review] = []

    def open_(*args: str, files: dict[str, str | bytes], browser_command: str | None = None) -> Review:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        review = Review(tmp_path, *args, browser=browser_command)
        started.append(review)
        if browser_command is None:
            load(browser, review.url)
        return review

    yield open_
    for review in started:
        review.stop()


def card(driver: WebDriver, code: str, start: int) -> WebElement:
    """The suggestion card of the ``code`` finding that starts at ``start``."""
    index = driver.execute_script(
        "return state.items.findIndex((i) => i.code === arguments[0] && i.start === arguments[1]);", code, start
    )
    assert index >= 0, f"no {code} suggestion at {start}"
    return driver.find_elements(By.CSS_SELECTOR, "#items > li")[index]


def press(driver: WebDriver, key: str) -> None:
    webdriver.ActionChains(driver).send_keys(key).perform()


def export(driver: WebDriver) -> tuple[str, list[dict]]:
    # a second export finds the first one's results on show: wait for its own log (each line has its time), or
    # a loaded machine reads the first one's
    again = driver.find_element(By.ID, "results").is_displayed()
    before = driver.find_element(By.ID, "log").get_property("value")
    driver.find_element(By.ID, "export").click()
    wait(driver, lambda d: d.find_element(By.ID, "results").is_displayed() and (not again or d.find_element(By.ID, "log").get_property("value") != before))
    corrected = str(driver.find_element(By.ID, "corrected").get_property("value"))
    log = str(driver.find_element(By.ID, "log").get_property("value"))
    return corrected, [json.loads(line) for line in log.splitlines()]


def decided(log: list[dict]) -> list[tuple]:
    return [(line["rule"], line["span"], line["decision"], line["replacement"], line["article"]) for line in log]


def test_seed_article_accept_reject_edit_export(browser: WebDriver, open_review) -> None:
    files = {"input.txt": ARTICLE.read_bytes(), "copyedit.toml": HOUSE}
    open_review("input.txt", "--source", str(SOURCE), "--source-lang", "tr", files=files)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#items > li")) > 10
    assert "token=" not in browser.current_url  # taken from the address, kept for the tab only
    body = ARTICLE.read_text(encoding="utf-8")
    tr101 = body.index("a mid-government")
    nm101 = body.index("Kasım Cömert Tokayev")
    tr103 = body.index("for a finite respite")

    # the safe fix is shown applied, the unsafe ones as proposals, each with its evidence
    safe = card(browser, "TR103", tr103)
    assert "Applied (safe fix)" in safe.text
    assert browser.find_element(By.CSS_SELECTOR, "#article del.accepted").text == "finite respite"
    proposal = card(browser, "TR101", tr101)
    assert "Proposed: not decided" in proposal.text and "Measured precision" in proposal.text
    named = card(browser, "NM101", nm101)
    assert "Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev, ülkenin" in named.text  # the source sentence beside
    assert "Kazakhstan President Kasım Cömert Tokayev stated" in named.text

    # accept an unsafe fix with the keyboard, reject the safe one, edit a replacement
    proposal.find_element(By.TAG_NAME, "h3").click()
    press(browser, "a")
    wait(browser, lambda d: "Accepted" in card(d, "TR101", tr101).text)
    card(browser, "TR103", tr103).find_element(By.CSS_SELECTOR, "button[data-act=reject]").click()
    wait(browser, lambda d: "Rejected" in card(d, "TR103", tr103).text)
    card(browser, "NM101", nm101).find_element(By.TAG_NAME, "h3").click()
    press(browser, "e")
    field = browser.switch_to.active_element
    assert field.get_attribute("value") == "Kassym-Jomart"
    field.clear()
    field.send_keys("Qasym-Jomart\n")
    wait(browser, lambda d: "Edited" in card(d, "NM101", nm101).text)

    # undo takes back the last decision only, and a keypress redoes it
    press(browser, "u")
    wait(browser, lambda d: "Proposed: not decided" in card(d, "NM101", nm101).text)
    card(browser, "NM101", nm101).find_element(By.CSS_SELECTOR, "button[data-act=edit]").click()
    field = browser.switch_to.active_element
    field.clear()
    field.send_keys("Qasym-Jomart\n")
    wait(browser, lambda d: "Edited" in card(d, "NM101", nm101).text)

    corrected, log = export(browser)
    nm_edit = next(f for f in copyedit.check(body).findings if f.code == "NM101" and f.span.start == nm101).fix
    assert nm_edit is not None
    expected = copyedit.apply_edits(body, [
        Edit(Span(tr101, tr101 + len("a mid-government")), "an intergovernmental"),
        Edit(nm_edit.edits[0].span, "Qasym-Jomart"),
    ])
    assert corrected == expected
    nm_span = [nm101, nm101 + len("Kasım Cömert Tokayev")]
    assert sorted(decided(log)) == sorted([
        ("NM101", nm_span, "edited", "Qasym-Jomart", "input.txt"),
        ("TR101", [tr101, tr101 + len("a mid-government")], "accepted", "an intergovernmental", "input.txt"),
        ("TR103", [tr103, tr103 + len("for a finite respite")], "rejected", None, "input.txt"),
    ])
    assert all(line["time"].endswith("Z") for line in log)
    diff = browser.find_element(By.ID, "diff").text
    assert "+The CSTO was established in 2002 as an intergovernmental military alliance" in diff


def test_html_article_asks_for_the_token_once_and_keeps_the_markup(browser: WebDriver, tmp_path: Path) -> None:
    server = Server(tmp_path, env={"COPYEDIT_TOKEN": TOKEN})
    try:
        browser.get(f"{server.url}/review")
        wait(browser, lambda d: d.find_element(By.ID, "token-form").is_displayed())
        browser.find_element(By.ID, "token").send_keys(TOKEN + "\n")
        wait(browser, lambda d: not d.find_element(By.ID, "token-form").is_displayed())
        html = HTML_ARTICLE.read_text(encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, "#format option[value=html]").click()
        browser.execute_script("document.getElementById('body').value = arguments[0];", html)
        browser.find_element(By.ID, "article-id").clear()
        browser.find_element(By.ID, "article-id").send_keys("kz-html")
        browser.find_element(By.ID, "check").click()
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#items > li")) > 5)
        tr101 = html.index("a mid-government")
        card(browser, "TR101", tr101).find_element(By.CSS_SELECTOR, "button[data-act=accept]").click()
        wait(browser, lambda d: "Accepted" in card(d, "TR101", tr101).text)
        corrected, log = export(browser)
        assert corrected == html[:tr101] + "an intergovernmental" + html[tr101 + len("a mid-government"):]
        assert decided(log) == [("TR101", [tr101, tr101 + len("a mid-government")], "accepted", "an intergovernmental", "kz-html")]
        assert not browser.find_element(By.ID, "token-form").is_displayed()  # asked once
    finally:
        server.stop()


def test_article_text_is_never_markup(browser: WebDriver, open_review) -> None:
    hostile = 'They they said <img src=x onerror="window.pwned=1"><script>window.pwned=2</script> &amp; left.\n'
    review = open_review("hostile.txt", files={"hostile.txt": hostile})
    assert len(browser.find_elements(By.CSS_SELECTOR, "#items > li")) >= 1
    time.sleep(0.2)
    assert browser.execute_script("return window.pwned === undefined && document.querySelectorAll('#article img, #article script').length === 0")
    assert browser.find_element(By.ID, "article").text.startswith("They they said <img src=x")
    assert "&amp;" in browser.find_element(By.ID, "article").text
    policy = httpx.get(review.url.split("#")[0]).headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy


def test_the_article_language_reaches_the_checks_and_the_export(browser: WebDriver, open_review) -> None:
    """``copyedit review --language de``: the page shows the language, checks the German article as German (no
    English usage, no LQ102) and exports it unchanged; with the field cleared it is checked as English."""
    german = (
        "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n\n"
        "Die Inflation stieg im Dezember auf 7,1 %, und 12 000 Menschen verloren ihre Arbeit.\n"
    )
    open_review("artikel.txt", "--language", "de", files={"artikel.txt": german})
    assert browser.find_element(By.ID, "language").get_property("value") == "de"
    assert browser.find_element(By.ID, "status").text == "Checked: nothing to suggest."
    browser.find_element(By.ID, "export").click()
    wait(browser, lambda d: d.find_element(By.ID, "results").is_displayed())
    assert browser.find_element(By.ID, "corrected").get_property("value") == german
    browser.find_element(By.ID, "language").clear()
    browser.find_element(By.ID, "check").click()
    wait(browser, lambda d: "suggestions" in d.find_element(By.ID, "status").text)
    assert browser.execute_script("return state.items.map((i) => i.code);") == ["LQ102"]


def test_a_right_to_left_source_sentence_runs_right_to_left(browser: WebDriver, open_review) -> None:
    open_review("story.txt", files={
        "story.txt": "Over 50 people were detained in Almaty. They they left.\n",
        "story.src.he.txt": "יותר מ-500 בני אדם נעצרו באלמטי. הם עזבו.\n",
    })
    directions = browser.execute_script(
        "return [...document.querySelectorAll('.pair p')].map((p) => [p.lang, getComputedStyle(p).direction]);"
    )
    assert ["he", "rtl"] in directions and ["", "ltr"] in directions  # the source right to left, the English not


def test_an_html_source_of_a_text_article_is_checked_and_exported_as_html(browser: WebDriver, open_review) -> None:
    """The page takes the opened file's source format and sends it with /v1/review and /v1/fix: the HTML source's
    link is no address "missing" from the plain-text translation (LQ203)."""
    article = "Over 50 people were detained. More. They they left.\n"
    source = '<p>Über 500 Menschen wurden festgenommen. <a href="https://example.com/2023/45">Mehr</a>. Sie gingen.</p>\n'
    review = open_review("story.txt", files={"story.txt": article, "story.src.de.html": source})
    assert len(browser.find_elements(By.CSS_SELECTOR, "#items > li")) >= 2
    assert browser.find_element(By.ID, "source-format").get_property("value") == "html"
    codes = browser.execute_script("return state.items.map((i) => i.code);")
    assert "LQ201" in codes and "LQ203" not in codes
    export(browser)
    verdict = browser.find_element(By.ID, "verdict").text
    left = httpx.post(f"{review.base}/v1/fix", json={"body": article, "source": source, "source_format": "html"},
                      headers={"Authorization": f"Bearer {review.token}"}, timeout=30).json()["findings"]
    assert f"({len(left)} findings left" in verdict and "LQ203" not in [f["code"] for f in left]


def test_the_page_the_browser_is_given_leads_to_the_review(browser: WebDriver, open_review, tmp_path: Path) -> None:
    """``copyedit review`` without --no-browser: the private page it hands the browser leads to the review page
    with the token, which the page keeps for the tab and takes out of the address."""
    opener = '#!/bin/sh\nprintf "%s" "$1" > "$0.url"\n'
    (tmp_path / "browser").write_text(opener, encoding="utf-8")
    (tmp_path / "browser").chmod(0o755)
    review = open_review("story.txt", files={"story.txt": "They they left.\n"}, browser_command=str(tmp_path / "browser"))
    wait(browser, lambda d: (tmp_path / "browser.url").exists())
    load(browser, (tmp_path / "browser.url").read_text(encoding="utf-8"))
    assert browser.current_url == review.url.split("#")[0]
    assert browser.execute_script("return state.items.map((i) => i.code);") == ["C401"]


def test_a_replacement_with_markup_characters_is_shown_accepted_and_edited_as_text(browser: WebDriver, open_review) -> None:
    """A house rule's “&” in an HTML article: its edit is written “&amp;”, the editor sees and edits “&”, and the
    export writes it once (not “&amp;amp;”), whether accepted or edited."""
    review = open_review("qa.html", files={
        "house/HS101-q-and-a.yml": HOUSE_RULE, "copyedit.toml": 'rules = ["house/"]\n', "qa.html": "<p>A Q and A session.</p>\n",
    })
    for act in ("accept", "edit"):
        if act == "edit":
            load(browser, review.url)  # the page afresh: nothing decided
        found = card(browser, "HS101", 5)
        assert found.find_element(By.CSS_SELECTOR, ".change ins").text == "&"
        found.find_element(By.CSS_SELECTOR, f"button[data-act={act}]").click()
        if act == "edit":
            field = browser.find_element(By.ID, "edit-0")
            assert field.get_property("value") == "&"
            field.send_keys("\n")
        corrected, log = export(browser)
        assert corrected == "<p>A Q&amp;A session.</p>\n"
        assert decided(log) == [("HS101", [5, 12], "accepted" if act == "accept" else "edited", "&", "qa.html")]


def test_highlights_and_cards_stay_on_their_words_after_an_emoji(browser: WebDriver, open_review) -> None:
    """The server counts characters and JavaScript UTF-16 units, two for an emoji or any character beyond the
    BMP: the page converts, so each suggestion marks and quotes its own words."""
    body = "Fans 😀😀 cheered. They they left. 𝐀 The CSTO is a mid-government alliance.\n"
    open_review("emoji.txt", files={"emoji.txt": body})
    shown = browser.execute_script(
        "return [...document.querySelectorAll('#items > li')].map((li) => li.querySelector('.change del').textContent);"
    )
    expected = [body[f.fix.edits[0].start : f.fix.edits[-1].end] for f in copyedit.check(body).findings if f.fix]
    assert shown == expected and "a mid-government" in shown
    marked = browser.execute_script("return [...document.querySelectorAll('#article .seg')].map((s) => s.textContent);")
    assert marked == expected


def test_the_log_holds_what_the_editor_decided_and_the_safe_fixes_kept(browser: WebDriver, open_review) -> None:
    """A safe fix shown applied and left so is exported applied but is nobody's decision: it is logged as
    "kept", not "accepted", so that ``copyedit calibrate`` judges a safe rule on every time its fix was seen."""
    body = "The CSTO is a mid-government alliance. They they left.\n"
    open_review("story.txt", files={"story.txt": body, "copyedit.toml": '[applicability]\nTR101 = "safe"\n'})
    assert "Applied (safe fix)" in card(browser, "TR101", 12).text
    doubled = body.index("They they")
    card(browser, "C401", doubled).find_element(By.CSS_SELECTOR, "button[data-act=reject]").click()
    corrected, log = export(browser)
    assert corrected == body.replace("a mid-government", "an intergovernmental")
    assert decided(log) == [
        ("TR101", [12, 28], "kept", None, "story.txt"),
        ("C401", [doubled, doubled + len("They they")], "rejected", None, "story.txt"),
    ]
    card(browser, "TR101", 12).find_element(By.CSS_SELECTOR, "button[data-act=accept]").click()  # now the editor's
    wait(browser, lambda d: "Accepted" in card(d, "TR101", 12).text)
    _, log = export(browser)
    assert [line["rule"] for line in log] == ["TR101", "C401"] and log[0]["decision"] == "accepted"


def test_the_exported_article_keeps_the_files_line_endings_and_mark(browser: WebDriver, open_review) -> None:
    open_review("story.txt", files={"story.txt": "\ufeffThey they left.\r\nThe CSTO is a mid-government alliance.\r\n".encode()})
    card(browser, "TR101", 28).find_element(By.CSS_SELECTOR, "button[data-act=accept]").click()
    # the page's policy lets nothing fetch the download's blob: address; keep the blobs as they are made
    browser.execute_script(
        "const make = URL.createObjectURL; window.made = [];"
        "URL.createObjectURL = (blob) => { window.made.push(blob); return make(blob); };"
    )
    export(browser)
    downloaded = browser.execute_async_script(
        "const done = arguments[0]; window.made[0].arrayBuffer().then((bytes) => done([...new Uint8Array(bytes)]));"
    )
    assert bytes(downloaded) == "\ufeffThey they left.\r\nThe CSTO is an intergovernmental alliance.\r\n".encode()


def test_the_page_shows_the_checks_warnings(browser: WebDriver, open_review) -> None:
    """A warning of the engine (here: a source language the source is not written in) is on the page, in its words."""
    open_review("story.txt", files={
        "story.txt": "Over 50 people were detained in Almaty on Tuesday.\n",
        "story.src.zh.txt": "Более 50 человек были задержаны во вторник в Алматы.\n",
    })
    warnings = browser.find_element(By.ID, "warnings")
    assert warnings.is_displayed()
    assert warnings.text.startswith("Warning: ") and "zh" in warnings.text and "ru" in warnings.text
