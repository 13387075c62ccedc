"""The machine and editor formats: SARIF against the official schema, the HTML redline in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from copyedit.reporting import FORMATS
from tests.test_cli_lint import ARTICLE, DOUBLED, copyedit, err, house, out

# The SARIF 2.1.0 schema of Microsoft's SARIF SDK (see tests/data/README.md).
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def validate_sarif(log: dict) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)  # the draft the schema declares
    validator.check_schema(schema)
    validator(schema).validate(log)


def sarif_log(tmp_path: Path) -> dict:
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    (tmp_path / "b.txt").write_text(DOUBLED, encoding="utf-8")
    return json.loads(out(copyedit("lint", "--format", "sarif", ".", cwd=tmp_path)))


def test_sarif_validates_against_the_schema(tmp_path: Path) -> None:
    validate_sarif(sarif_log(tmp_path))


def test_sarif_locations_rules_and_fixes(tmp_path: Path) -> None:
    log = sarif_log(tmp_path)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints" and run["tool"]["driver"]["name"] == "copyedit"
    results = run["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"article.txt", "b.txt"}
    doubled = next(r for r in results if r["ruleId"] == "C401")
    assert doubled["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 16, "snippet": {"text": "the the"},
    }
    replacement = doubled["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"]["startColumn"] == 12 and replacement["insertedContent"]["text"] == ""
    rules = run["tool"]["driver"]["rules"]
    assert rules[doubled["ruleIndex"]]["id"] == "C401"
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_sarif_schema_rejects_a_broken_log() -> None:
    import jsonschema

    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}  # driver needs a name
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(broken)


# Appended to a copy of the report: reads what the browser actually rendered (innerText leaves
# out what CSS hides; computed styles say how deletions and insertions look) into the DOM.
PROBE = """
<script>
const style = (selector, property) => {
  const element = document.querySelector(selector);
  return element ? getComputedStyle(element)[property] : null;
};
const probe = {
  text: document.body.innerText,
  deletions: [...document.querySelectorAll('.article del')].map(e => e.innerText),
  insertions: [...document.querySelectorAll('.article ins')].map(e => e.innerText),
  changeLabels: [...document.querySelectorAll('.change > .label')].map(e => e.innerText),
  findingLabels: [...document.querySelectorAll('.article .label.finding')].map(e => e.innerText),
  marked: [...document.querySelectorAll('mark.finding')].map(e => e.innerText),
  summary: [...document.querySelectorAll('table.summary tbody tr')].map(r => [...r.cells].map(c => c.innerText)),
  delDecoration: style('.article del', 'textDecorationLine'),
  insColor: style('.article ins', 'backgroundColor'),
  delColor: style('.article del', 'backgroundColor'),
  articleWidth: document.querySelector('.article').getBoundingClientRect().width,
};
const out = document.createElement('pre');
out.id = 'probe';
out.textContent = JSON.stringify(probe);
document.body.appendChild(out);
</script>
"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (Debian: apt-get install chromium; .ci/run installs it)")
def test_html_report_renders_the_redline_in_chromium(tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    result = copyedit("lint", "--format", "html", "--unsafe-fixes", "--fail-on", "info", "--output", "report.html", "article.txt", cwd=tmp_path)
    assert result.returncode == 1, err(result)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch
    (tmp_path / "probe.html").write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    rendered = chromium("--dump-dom", (tmp_path / "probe.html").as_uri(), profile=tmp_path / "profile")
    dom = rendered.stdout.decode("utf-8")
    start = dom.index('<pre id="probe">') + len('<pre id="probe">')
    probe = json.loads(dom[start : dom.index("</pre>", start)].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert "Kasım Cömert" in probe["deletions"] and "Kassym-Jomart" in probe["insertions"]
    assert "a mid-government" in probe["deletions"] and "an intergovernmental" in probe["insertions"]
    assert any("World news 24 hours a day" in deleted for deleted in probe["deletions"])
    assert "NM101" in probe["changeLabels"] and "TR101" in probe["changeLabels"] and "BP102" in probe["changeLabels"]
    assert {"TR105", "C101"} <= set(probe["findingLabels"]) and {"MT101", "C402"} <= set(probe["changeLabels"])
    assert any("LPG" in marked for marked in probe["marked"])  # TR105, display-only, stays marked
    assert probe["delDecoration"] == "line-through"
    assert probe["insColor"] != probe["delColor"] and probe["articleWidth"] > 300
    summary = {row[0]: row for row in probe["summary"]}
    assert summary["NM101"][2] == "2" and summary["C101"][3] != "0"  # fixed twice; C101 remains
    assert "copyedit report" in probe["text"] and "Remaining findings" in probe["text"]
    screenshot = tmp_path / "shot.png"
    shot = chromium(f"--screenshot={screenshot}", "--window-size=1200,900", (tmp_path / "report.html").as_uri(), profile=tmp_path / "profile")
    assert screenshot.exists() and screenshot.stat().st_size > 10_000, shot.stderr.decode(errors="replace")[-500:]


def test_the_report_of_an_html_article_shows_its_prose_and_the_source_on_request(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html><html><head><meta name="description" content="x"><title>Talks</title>'
        "<script>var tracking = '<p>the the</p>';</script><style>p { color: red }</style></head>"
        "<body><p>Officials met &amp; Kasım Cömert Tokayev spoke.</p><div><p>Leave a Reply</p></div></body></html>\n"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    copyedit("lint", "--format", "html", "--unsafe-fixes", "--output", "report.html", "page.html", cwd=tmp_path)
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    prose = report[report.index('<div class="article prose" dir="auto">') : report.index('<details class="source">')]
    assert "&lt;meta" not in prose and "tracking" not in prose and "color: red" not in prose  # no page source
    assert "Officials met &amp; " in prose  # the entity as a reader sees it
    assert "<del>Kasım Cömert</del><ins>Kassym-Jomart</ins>" in prose
    assert "<del>Leave a Reply</del>" in prose  # removed chrome shown as its text
    source = report[report.index('<details class="source">') :]
    assert "&lt;meta name=&quot;description&quot;" in source or '&lt;meta name="description"' in source


def test_the_prose_of_an_html_article_keeps_the_spaces_around_a_deletion(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>He said “the the cat left.</p>\n", encoding="utf-8")
    copyedit("lint", "--format", "html", "--check", "--unsafe-fixes", "--output", "report.html", "page.html", cwd=tmp_path)
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    prose = report[report.index('<div class="article prose" dir="auto">') : report.index('<details class="source">')]
    assert "<del> the</del>" in prose  # C401 deletes " the": the reader sees “the the”, not “thethe”


def test_a_right_to_left_source_sentence_is_isolated_from_the_report_around_it(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Over 50 people were detained in Almaty.\n", encoding="utf-8")
    (tmp_path / "story.src.he.txt").write_text("יותר מ-500 בני אדם נעצרו באלמטי.\n", encoding="utf-8")
    copyedit("lint", "--format", "html", "--output", "report.html", "story.txt", cwd=tmp_path)
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'Source: <bdi>יותר מ-<mark>500</mark> בני אדם נעצרו באלמטי.</bdi>' in report  # shown right to left


def test_statistics_count_the_findings_by_rule(tmp_path: Path) -> None:
    """``--statistics`` (as ruff's): a row per rule, the most frequent first; as JSON with ``--format json``."""
    (tmp_path / "copyedit.toml").write_text('[applicability]\nC401 = "safe"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("He said the the cat left. She saw the the dog.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "c.txt").write_text("He said “it is over.\n", encoding="utf-8")
    table = copyedit("lint", "--statistics", ".", cwd=tmp_path)
    assert table.returncode == 0 and "4 findings (4 info)" in err(table)  # notes: the exit code is as without it
    assert out(table).splitlines() == [
        "count  files  fixable  code  severity  rule",
        "    3      2        3  C401  info      doubled-word",
        "    1      1           C101  info      unbalanced-quotes",
    ]
    counted = json.loads(out(copyedit("lint", "--statistics", "--format", "json", ".", cwd=tmp_path)))
    assert counted[0] == {"code": "C401", "name": "doubled-word", "severity": "info", "count": 3, "files": 2, "fixable": 3}
    assert [row["code"] for row in counted] == ["C401", "C101"]
    after = copyedit("lint", "--statistics", "--fix", ".", cwd=tmp_path)  # what is left once fixed
    assert out(after).splitlines()[1:] == ["    1      1           C101  info      unbalanced-quotes"]
    assert out(copyedit("lint", "--statistics", "c.txt", "--select", "C401", cwd=tmp_path)) == ""
    for refused, named in ((("--format", "sarif"), "--format sarif"), (("--diff",), "--diff")):
        done = copyedit("lint", "--statistics", *refused, ".", cwd=tmp_path)
        assert done.returncode == 2 and f"cannot be combined with {named}" in err(done)


ENTITIES = "<p>They said &eacute;t&eacute; &eacute;t&eacute;.</p>\n"  # C401 on “été été”, 35 characters of source


def entity_reports() -> list:
    import copyedit
    from copyedit.reporting import FileReport

    result = copyedit.check(ENTITIES, format="html")
    assert [f.text for f in result.findings] == ["été été"]
    return [FileReport("e.html", format="html", original=ENTITIES, text=ENTITIES, findings=result.findings)]


def test_github_annotations_end_where_the_span_ends_in_the_source() -> None:
    """The span runs over the entities as written: ``endColumn`` is not ``column + len("été été")``."""
    from copyedit.reporting import ReportOptions
    from copyedit.reporting.github import render

    (finding,) = entity_reports()[0].findings
    assert ENTITIES[finding.span.start : finding.span.end] == "&eacute;t&eacute; &eacute;t&eacute;"
    annotation = render(entity_reports(), ReportOptions())
    assert f"col={finding.column},endLine=1,endColumn={finding.span.end + 1}," in annotation
    assert "col=14,endLine=1,endColumn=49," in annotation


def test_sarif_names_files_relative_to_srcroot_and_others_by_absolute_uri(tmp_path: Path) -> None:
    """Code scanning maps ``uri`` + ``uriBaseId`` to a file of the repository; a path as typed
    (``../x``, ``/abs/x``) with no base maps to none."""
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "news").mkdir(parents=True)
    outside.mkdir()
    for path in (site / "news" / "a b.txt", site / "c.txt", outside / "d.txt"):
        path.write_text(DOUBLED, encoding="utf-8")
    typed = ("news/a b.txt", str(site / "c.txt"), "../outside/d.txt")
    log = json.loads(out(copyedit("lint", "--format", "sarif", *typed, cwd=site)))
    validate_sarif(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": site.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert sorted(locations, key=lambda location: location["uri"]) == [
        {"uri": "c.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": (outside / "d.txt").as_uri()},
        {"uri": "news/a%20b.txt", "uriBaseId": "%SRCROOT%"},
    ]
    fix = next(r for r in run["results"] if r["fixes"])["fixes"][0]
    assert fix["artifactChanges"][0]["artifactLocation"] in locations


def test_sarif_links_no_unrelated_project_and_quotes_the_file_in_its_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``informationUri`` is the project's own address or nothing (``copyedit`` on PyPI is another
    project); a snippet is the artifact's text in the region (SARIF 3.30.13): the entities as written."""
    from copyedit.reporting import ReportOptions
    from copyedit.reporting.sarif import home_page, render

    monkeypatch.chdir(tmp_path)
    log = json.loads(render(entity_reports(), ReportOptions()))
    validate_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert "pypi.org" not in json.dumps(driver)
    assert driver.get("informationUri") == home_page()
    (result,) = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"] == {"text": "&eacute;t&eacute; &eacute;t&eacute;"}
    assert (region["startColumn"], region["endColumn"]) == (14, 49)
    assert result["properties"]["text"] == "été été"  # what a reader sees there


def test_sarif_information_uri_comes_from_the_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from copyedit.reporting import sarif

    class Metadata:
        def __init__(self, urls: list[str]) -> None:
            self.urls = urls

        def get_all(self, key: str) -> list[str] | None:
            return self.urls if key == "Project-URL" else None

    for urls, expected in (
        (["Documentation, https://docs.example.org", "Source, https://git.example.org/copyedit"], "https://git.example.org/copyedit"),
        ([], None),
    ):
        monkeypatch.setattr(importlib.metadata, "metadata", lambda name, urls=urls: Metadata(urls))
        sarif.home_page.cache_clear()
        assert sarif.home_page() == expected
    sarif.home_page.cache_clear()


# What HTML does not allow in a page's text: html5lib's "invalid-codepoint" (the controls but tab, LF, CR)
NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_the_html_report_shows_control_characters_as_markers_and_each_article_in_its_direction(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_bytes(b"He said \x1b[31mthe the\x1b[0m cat\x0bleft \x7f \xc2\x85 end.\n")
    (tmp_path / "r.txt").write_text("قال المتحدث إن إن المحادثات انتهت.\n", encoding="utf-8")
    copyedit("lint", "--format", "html", "--output", "report.html", "c.txt", "r.txt", cwd=tmp_path)
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert NOT_IN_HTML.findall(report) == []
    for code in ("001B", "000B", "007F", "0085"):
        assert f'<span class="control" title="control character U+{code}">U+{code}</span>' in report
    # a highlight on a control character (C203) is no longer empty
    assert 'data-codes="C203" title="C203: Stray control character"><span class="control" title="control character U+001B">U+001B</span></mark>' in report
    assert report.count('<div class="article" dir="auto">') == 2


def test_sarif_reports_unreadable_files_and_warnings_as_notifications(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Talks ended on Tuesday.\n", encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(" \n", encoding="utf-8")  # an empty sidecar source: a warning
    (tmp_path / "binary.txt").write_bytes(b"They\0 left.\n")  # not text: an error
    finished = copyedit("lint", "--isolated", "--format", "sarif", ".", cwd=tmp_path)
    assert finished.returncode == 2
    log = json.loads(finished.stdout)
    validate_sarif(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    where = {
        (n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): n["message"]["text"]
        for n in invocation["toolExecutionNotifications"]
    }
    assert where[("error", "binary.txt")].startswith("binary file (contains NUL bytes)")
    assert where[("warning", "story.txt")].startswith("the source has no text")
    assert "story.src.ru.txt" in where[("warning", "story.txt")]


def test_sarif_of_a_clean_run_says_it_succeeded(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Talks ended on Tuesday.\n", encoding="utf-8")
    log = json.loads(out(copyedit("lint", "--isolated", "--format", "sarif", ".", cwd=tmp_path)))
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def warned_folder(tmp_path: Path) -> Path:
    """Two files with a warning each: an empty sidecar source, and a suppression that suppresses nothing two lines
    below a paragraph that --fix removes (BP104), so that it is at 4:12 on disk and at 2:12 in the corrected text."""
    (tmp_path / "story.txt").write_text("Talks ended on Tuesday.\n", encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Related\n\nThe the talks ended.\nThey left. copyedit: ignore[TR101]\n", encoding="utf-8")
    return tmp_path


EMPTY_SOURCE_SAID = "the source has no text (it is empty, or only white space or markup): checked without one (story.src.ru.txt)"
UNUSED_SAID = "suppression of TR101 suppresses nothing"


def test_a_warning_about_a_place_is_where_the_place_is_on_disk(tmp_path: Path) -> None:
    """--check writes nothing: the suppression is named where it is in the file (it was named at its place in
    the corrected text, two lines up); --fix writes the file, and names it there."""
    folder = warned_folder(tmp_path)
    assert f"b.txt:4:12: warning: {UNUSED_SAID}\n" in err(copyedit("lint", "--isolated", "--check", "b.txt", cwd=folder))
    assert f"b.txt:2:12: warning: {UNUSED_SAID}\n" in err(copyedit("lint", "--isolated", "--fix", "b.txt", cwd=folder))
    assert (folder / "b.txt").read_text(encoding="utf-8").splitlines()[1] == "They left. copyedit: ignore[TR101]"


@pytest.mark.parametrize("action", ["", "--check", "--fix"])
@pytest.mark.parametrize("format", FORMATS)
def test_the_terminal_names_an_unused_suppression_where_it_is_on_disk_in_every_format(tmp_path: Path, format: str, action: str) -> None:
    """Fixes above the comment (BP104 takes two lines, C401 four characters of its line) move it from 4:22 on disk
    to 2:18 in the corrected text: stderr names 4:22 unless --fix wrote the corrected text. With --format html it
    named 2:18, the place in the corrected text the redline page shows."""
    house(tmp_path)
    (tmp_path / "b.txt").write_text("Related\n\nThe talks ended.\nThe the talks ended. copyedit: ignore[TR101]\n", encoding="utf-8")
    finished = copyedit("lint", "--format", format, *([action] if action else []), "b.txt", cwd=tmp_path)
    place = "2:18" if action == "--fix" else "4:22"
    assert f"b.txt:{place}: warning: {UNUSED_SAID}\n" in err(finished)
    line, column = map(int, place.split(":"))
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").splitlines()[line - 1][column - 1 :].startswith("copyedit: ignore[TR101]")


def test_sarif_notifications_say_the_warning_its_code_and_place(tmp_path: Path) -> None:
    """A notification's text is the warning's own, without the terminal's "PATH:LINE:COL: warning: " (a
    suppression's warning kept it whole), its place a region, its code a descriptor of the driver's."""
    log = json.loads(out(copyedit("lint", "--isolated", "--check", "--format", "sarif", ".", cwd=warned_folder(tmp_path))))
    validate_sarif(log)
    run = log["runs"][0]
    kinds = [descriptor["id"] for descriptor in run["tool"]["driver"]["notifications"]]
    said = {}
    for notification in run["invocations"][0]["toolExecutionNotifications"]:
        [location] = notification["locations"]
        assert kinds[notification["descriptor"]["index"]] == notification["descriptor"]["id"]
        said[notification["descriptor"]["id"]] = (
            location["physicalLocation"]["artifactLocation"]["uri"], location["physicalLocation"].get("region"),
            notification["message"]["text"], notification["properties"]["field"],
        )
    assert said == {
        "empty-source": ("story.txt", None, EMPTY_SOURCE_SAID, "source"),
        "unused-suppression": ("b.txt", {"startLine": 4, "startColumn": 12}, UNUSED_SAID, "suppression"),
    }


def test_github_annotations_carry_the_warnings(tmp_path: Path) -> None:
    lines = out(copyedit("lint", "--isolated", "--check", "--format", "github", ".", cwd=warned_folder(tmp_path))).splitlines()
    assert f"::warning file=b.txt,line=4,col=12,title=unused-suppression::{UNUSED_SAID}" in lines
    assert f"::warning file=story.txt,title=empty-source::{EMPTY_SOURCE_SAID}" in lines


def test_github_annotates_a_file_that_could_not_be_checked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"They\0 left.\n")
    finished = copyedit("lint", "--isolated", "--format", "github", ".", cwd=tmp_path)
    assert finished.returncode == 2
    [error] = [line for line in out(finished).splitlines() if line.startswith("::error")]
    assert error.startswith("::error file=binary.txt,title=not checked::binary file (contains NUL bytes)")
    assert any(line.startswith("::notice file=a.txt,") for line in out(finished).splitlines())


def test_the_redline_page_lists_each_files_warnings(tmp_path: Path) -> None:
    page = out(copyedit("lint", "--isolated", "--format", "html", ".", cwd=warned_folder(tmp_path)))
    assert f'<ul class="warnings"><li>Warning: {EMPTY_SOURCE_SAID}</li></ul>' in page
    # the page shows the corrected text, and the place in it
    assert f'<ul class="warnings"><li>Warning at 2:12: {UNUSED_SAID}</li></ul>' in page


def test_json_stays_an_array_of_findings_and_the_warnings_go_to_stderr(tmp_path: Path) -> None:
    finished = copyedit("lint", "--isolated", "--check", "--format", "json", ".", cwd=warned_folder(tmp_path))
    assert [record["code"] for record in json.loads(out(finished))] == ["C401"]
    assert f"story.txt: warning: {EMPTY_SOURCE_SAID}\n" in err(finished)
