"""An editor's decisions: the hook and /v1/fix apply exactly them; `copyedit calibrate` turns a
decision log into the fix safety and severity the evidence earns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copyedit as library
from copyedit.config import Config
from copyedit.decisions import DecisionError, apply_decisions, parse_decision, suggestion
from copyedit.engine import parse_document, ruleset_for
from copyedit.evidence import SAFE_JUDGED
from copyedit.model import Applicability, Edit, Finding, Fix, Result, Severity, Span
from copyedit.service import ServiceConfig, parse_article, process
from copyedit.service.protocol import FieldError
from copyedit.service.review import review

from .test_cli_lint import copyedit, err, out

DECOMPOSED = "Cafe\u0301 society"  # C202: not NFC; a lossless, safe fix
CALQUE = "The CSTO is a mid-government alliance. They they left."


def run_copyedit(*args: str, cwd: Path, input: str | None = None):  # type: ignore[no-untyped-def]
    return copyedit(*args, cwd=cwd, stdin=None if input is None else input.encode("utf-8"))


def line(rule: str, start: int, end: int, decision: str, replacement: str | None = None, article: str = "a.txt") -> dict:
    return {"rule": rule, "span": [start, end], "decision": decision, "replacement": replacement,
            "article": article, "time": "2026-12-01T10:00:00Z"}


def articles(count: int, rule: str, start: int, end: int, decision: str, replacement: str | None = None) -> list[dict]:
    """The same decision in ``count`` articles (one article's finding counts once)."""
    return [line(rule, start, end, decision, replacement, f"a{number}.txt") for number in range(count)]


def write_log(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in lines), encoding="utf-8")
    return path


def test_forty_rejections_make_a_safe_fix_unsafe(tmp_path: Path) -> None:
    finding = library.check(DECOMPOSED).findings[0]
    assert finding.code == "C202" and finding.fix is not None and finding.fix.applicability.value == "safe"
    assert library.fix(DECOMPOSED).text == "Café society"
    log = write_log(tmp_path / "decisions.jsonl", articles(40, "C202", finding.span.start, finding.span.end, "rejected"))
    result = run_copyedit("calibrate", str(log), "-o", "calibrated.toml", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    written = (tmp_path / "calibrated.toml").read_text(encoding="utf-8")
    assert 'C202 = "unsafe"  # 0 of 40 accepted (0.0%); was safe' in written
    report = out(result)
    assert "C202" in report and "safe -> unsafe" in report
    fixed = run_copyedit("lint", "--fix", "--config", "calibrated.toml", "-", cwd=tmp_path, input=DECOMPOSED)
    assert out(fixed) == DECOMPOSED  # the next fix with that configuration no longer applies it


def test_enough_acceptances_make_a_suggestion_safe_and_fewer_change_nothing(tmp_path: Path) -> None:
    log = write_log(tmp_path / "many.jsonl", articles(SAFE_JUDGED, "TR101", 12, 28, "accepted", "an intergovernmental"))
    result = run_copyedit("calibrate", str(log), cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert 'TR101 = "safe"  # 30 of 30 accepted (100.0%); was unsafe' in out(result)
    config = Config(applicability=(("TR101", Applicability.SAFE),))
    assert library.fix(CALQUE, config=config).text.startswith("The CSTO is an intergovernmental alliance.")
    few = run_copyedit("calibrate", str(write_log(tmp_path / "few.jsonl", articles(SAFE_JUDGED - 1, "TR101", 12, 28, "accepted", "an intergovernmental"))), cwd=tmp_path)
    assert "TR101 =" not in out(few)


def test_a_bad_log_line_is_named(tmp_path: Path) -> None:
    log = tmp_path / "bad.jsonl"
    log.write_text(json.dumps(line("C202", 0, 5, "rejected")) + "\n" + '{"rule": "C202", "span": [0], "decision": "rejected"}\n')
    result = run_copyedit("calibrate", str(log), cwd=tmp_path)
    assert result.returncode == 2 and "bad.jsonl:2.span" in err(result)


def test_the_hook_applies_exactly_the_decisions(tmp_path: Path) -> None:
    start = CALQUE.index("a mid-government")
    doubled = CALQUE.index("They they")
    request = {"body": CALQUE, "decisions": [
        line("TR101", start, start + len("a mid-government"), "edited", "an interstate"),
        line("C401", doubled, doubled + len("They they"), "rejected"),
    ]}
    result = run_copyedit("hook", cwd=tmp_path, input=json.dumps(request))
    response = json.loads(out(result))
    assert result.returncode == 0, err(result)
    assert response["body"] == "The CSTO is an interstate alliance. They they left."
    assert response["findings"] == [] and response["verdict"] == "pass"  # nothing undecided is left
    undecided = process(parse_article({"body": CALQUE, "decisions": request["decisions"][:1]}), ServiceConfig())
    assert undecided["verdict"] == "review"  # the doubled word still awaits an editor


@pytest.mark.parametrize(
    ("decisions", "field", "message"),
    [
        ([line("TR101", 0, 3, "accepted")], "decisions[0]", "no TR101 finding at 0-3"),
        ([{"rule": "TR101", "span": [12, 28], "decision": "maybe"}], "decisions[0].decision", "must be one of"),
        ([line("TR101", 12, 28, "accepted"), line("TR101", 12, 28, "edited", "an interstate")], "decisions[1]", "decided otherwise in decisions[0]"),
    ],
)
def test_decisions_that_do_not_fit_are_refused_naming_the_field(decisions: list, field: str, message: str) -> None:
    with pytest.raises(FieldError) as raised:
        process(parse_article({"body": CALQUE, "decisions": decisions}), ServiceConfig())
    assert raised.value.field == field and message in raised.value.problem


def test_an_edit_across_markup_is_refused() -> None:
    html = "<p>They <b>they</b> left.</p>"
    config = Config()
    finding = library.check(html, format="html").findings[0]
    decision = parse_decision({"rule": finding.code, "span": [finding.span.start, finding.span.end], "decision": "edited",
                               "replacement": "They"})
    with pytest.raises(DecisionError, match="spans markup: an editor's text may replace prose only"):
        apply_decisions(html, "html", ruleset_for(config), config, [decision])


HOUSE_RULE = """code: HS101
name: house-q-and-a
kind: substitution
swap:
  Q and A: Q&A
severity: warning
applicability: unsafe
message: Use “{replacement}”, not “{match}”
why: House style.
examples:
  - bad: "A Q and A session."
    good: "A Q&A session."
  - ok: "A Q&A session."
"""


@pytest.fixture
def house(tmp_path: Path) -> ServiceConfig:
    """A house rule whose replacement holds a character that HTML and Markdown escape."""
    (tmp_path / "HS101-q-and-a.yml").write_text(HOUSE_RULE, encoding="utf-8")
    return ServiceConfig(Config(rule_paths=(str(tmp_path / "HS101-q-and-a.yml"),)))


@pytest.mark.parametrize(
    ("format", "body", "corrected"),
    [
        ("html", "<p>A Q and A session.</p>", "<p>A Q&amp;A session.</p>"),
        ("markdown", "A Q and A session.\n", "A Q\\&A session.\n"),
        ("text", "A Q and A session.\n", "A Q&A session.\n"),
    ],
)
def test_a_replacement_is_text_to_the_editor_and_written_once_in_the_articles_syntax(
    house: ServiceConfig, format: str, body: str, corrected: str
) -> None:
    """The fix's edit (" and " → "&") is in the article's syntax (``&amp;``); the review page shows, and the decision
    log names, its text, and an accepted "&", or one the editor typed, is written into the article once."""
    [item] = [item for item in review(parse_article({"body": body, "format": format}), house)["items"] if item["code"] == "HS101"]
    assert item["suggestion"] == "&"
    for decision in ("accepted", "edited"):
        decided = line("HS101", item["start"], item["end"], decision, item["suggestion"])
        assert process(parse_article({"body": body, "format": format, "decisions": [decided]}), house)["body"] == corrected
    other = line("HS101", item["start"], item["end"], "accepted", item["fix"]["edits"][0]["replacement"] + " ")
    with pytest.raises(FieldError, match="differs from the rule's fix"):
        process(parse_article({"body": body, "format": format, "decisions": [other]}), house)


def test_a_fix_of_several_edits_is_accepted_as_the_text_of_the_range_they_cover() -> None:
    """A fix may edit in several places (the two quotation marks around a word): the page shows, and an accepted
    decision names, the text its edits give the whole range, and that is what is applied."""
    html = "<p>He said &quot;R&amp;D&quot; now.</p>"
    opening, closing = html.index("&quot;"), html.rindex("&quot;")
    edits = (Edit(Span(opening, opening + 6), "&ldquo;"), Edit(Span(closing, closing + 6), "&rdquo;"))
    curled = Finding("QT001", "curl-quotes", Severity.INFO, "Curl the quotes", Span(opening, closing + 6), 1, 12,
                     '"R&D"', Fix(edits, Applicability.UNSAFE, "Curl the quotes"))
    config = Config()
    checked = Result(html, html, (curled,), (), "html")
    assert suggestion(parse_document(html, "html"), curled.fix) == "“R&D”"
    decision = parse_decision(line("QT001", opening, closing + 6, "accepted", "“R&D”"))
    result, _ = apply_decisions(html, "html", ruleset_for(config), config, [decision], checked=checked)
    assert result.text == "<p>He said &ldquo;R&amp;D&rdquo; now.</p>"


HOUSE = """# The house configuration
fail-on = "info"
ignore = ["TR105"]  # LPG is our spelling

[policy]
block-on = "error"

[applicability]
NM101 = "safe"  # a house decision
"""


def test_calibrate_merges_into_an_existing_configuration_and_keeps_the_rest(tmp_path: Path) -> None:
    """``-o copyedit.toml`` sets the keys calibrate changes; every other line stays, comments too."""
    from copyedit.service.configuration import load_service_config

    finding = library.check(DECOMPOSED).findings[0]
    log = write_log(tmp_path / "decisions.jsonl", articles(40, "C202", finding.span.start, finding.span.end, "rejected"))
    (tmp_path / "copyedit.toml").write_text(HOUSE, encoding="utf-8")
    result = run_copyedit("calibrate", str(log), "-o", "copyedit.toml", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert "copyedit.toml: 1 key set, the rest of the file kept" in err(result)
    written = (tmp_path / "copyedit.toml").read_text(encoding="utf-8")
    assert written == HOUSE + 'C202 = "unsafe"  # 0 of 40 accepted (0.0%); was safe\n'  # C202 is info already
    loaded = load_service_config(str(tmp_path / "copyedit.toml"))
    assert loaded.policy.block_on is Severity.ERROR and "TR105" in loaded.config.ignore
    assert dict(loaded.config.applicability) == {"NM101": Applicability.SAFE, "C202": Applicability.UNSAFE}
    again = run_copyedit("calibrate", str(log), "-o", "copyedit.toml", cwd=tmp_path)  # read under the merged file
    assert again.returncode == 0 and "no rule changes; the file is left as it was" in err(again)
    assert (tmp_path / "copyedit.toml").read_text(encoding="utf-8") == written


def test_calibrate_merges_an_existing_key_in_place_and_into_pyproject_tables(tmp_path: Path) -> None:
    finding = library.check(DECOMPOSED).findings[0]
    log = write_log(tmp_path / "decisions.jsonl", articles(40, "C202", finding.span.start, finding.span.end, "rejected"))
    pyproject = '[project]\nname = "site"\n\n[tool.copyedit]\nfail-on = "info"\n\n[tool.copyedit.applicability]\nC202 = "safe"  # 2025\nNM101 = "safe"\n'
    pyproject += '\n[tool.copyedit.severity]\nC202 = "warning"\n'
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    result = run_copyedit("calibrate", str(log), "-o", "pyproject.toml", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == pyproject.replace(
        'C202 = "safe"  # 2025', 'C202 = "unsafe"  # 0 of 40 accepted (0.0%); was safe'
    ).replace('C202 = "warning"', 'C202 = "info"  # 0 of 40 accepted or edited (0.0%); was warning')
    fixed = run_copyedit("lint", "--fix", "-", cwd=tmp_path, input=DECOMPOSED)  # found as the nearest configuration
    assert out(fixed) == DECOMPOSED


def test_calibrate_refuses_to_merge_a_table_it_cannot_edit_and_leaves_the_file(tmp_path: Path) -> None:
    finding = library.check(DECOMPOSED).findings[0]
    log = write_log(tmp_path / "decisions.jsonl", articles(40, "C202", finding.span.start, finding.span.end, "rejected"))
    inline = 'fail-on = "info"\napplicability = { NM101 = "safe" }\n'
    (tmp_path / "house.toml").write_text(inline, encoding="utf-8")
    result = run_copyedit("calibrate", str(log), "--config", "house.toml", "-o", "house.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "house.toml: cannot merge the calibration: its applicability table is not written as a [applicability] table" in err(result)
    assert "merge it by hand" in err(result)
    assert (tmp_path / "house.toml").read_text(encoding="utf-8") == inline
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".copyedit-")] == []


def test_calibrate_counts_a_finding_once_however_often_it_is_logged(tmp_path: Path) -> None:
    """The same log given twice, or appended twice, is the same 30 decisions: not enough twice over."""
    finding = library.check(DECOMPOSED).findings[0]
    half = write_log(tmp_path / "half.jsonl", articles(20, "C202", finding.span.start, finding.span.end, "rejected"))
    result = run_copyedit("calibrate", str(half), str(half), cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert "20 repeated decisions counted once" in err(result)
    assert "C202 =" not in out(result)  # 20 decisions, not 40: fewer than SAFE_JUDGED change nothing
    assert "C202          20" in err(result)
    # an article exported again after a change of mind: its latest decision counts
    rejected = line("C202", finding.span.start, finding.span.end, "rejected")
    accepted = {**rejected, "decision": "accepted", "time": "2026-12-02T10:00:00Z"}
    again = write_log(tmp_path / "again.jsonl", [accepted, rejected])
    assert "C202           1        1" in err(run_copyedit("calibrate", str(again), cwd=tmp_path))


def test_calibrate_names_the_rules_it_does_not_load_and_says_when_there_is_nothing(tmp_path: Path) -> None:
    log = write_log(tmp_path / "log.jsonl", articles(40, "ZZ999", 0, 4, "rejected") + articles(2, "C202", 0, 5, "rejected"))
    result = run_copyedit("calibrate", str(log), cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert "not counted: decisions on rules the configuration does not load: ZZ999 (40)" in err(result)
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    assert "0 decisions in the logs" in err(run_copyedit("calibrate", "empty.jsonl", cwd=tmp_path))


def test_a_safe_fix_kept_counts_for_its_rule_and_is_no_decision_to_apply(tmp_path: Path) -> None:
    """The review page logs a safe fix left applied as "kept": 40 undone of 2,000 kept is 98% taken,
    and the fix stays safe; judged on its rejections alone, it would be 0% and made unsafe."""
    finding = library.check(DECOMPOSED).findings[0]
    span = (finding.span.start, finding.span.end)
    log = write_log(tmp_path / "log.jsonl", articles(40, "C202", *span, "rejected") + [
        line("C202", *span, "kept", article=f"k{number}.txt") for number in range(2000)
    ])
    result = run_copyedit("calibrate", str(log), cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert "C202 =" not in out(result) and "safe -> safe" in err(result) and "no safe fix logged as kept" not in err(result)
    rejected_only = run_copyedit("calibrate", str(write_log(tmp_path / "r.jsonl", articles(40, "C202", *span, "rejected"))), cwd=tmp_path)
    assert 'C202 = "unsafe"' in out(rejected_only) and "C202: no safe fix logged as kept" in err(rejected_only)
    kept = process(parse_article({"body": DECOMPOSED, "decisions": [line("C202", *span, "kept")]}), ServiceConfig())
    assert kept["body"] == "Café society"  # the hook applies it as any undecided safe fix


@pytest.mark.parametrize(
    ("format", "body"),
    [
        ("text", CALQUE),
        ("text", "Kasım Cömert Tokayev said they they would stay."),
        ("html", "<p>The CSTO is a mid-government alliance. They they left.</p>"),
    ],
)
def test_each_review_item_says_what_an_edited_decision_replaces(format: str, body: str) -> None:
    """``/v1/review`` gives each item's ``replaces``: the range of the body an edited decision takes the place of
    (its fix's edits' range, " they" for C401, whose finding spans "They they"). A client that puts the editor's
    text there gets exactly what /v1/fix makes of the decision."""
    items = review(parse_article({"body": body, "format": format}), ServiceConfig())["items"]
    doubled = next(item for item in items if item["code"] == "C401")
    assert (doubled["text"], doubled["replaces"]["text"]) == ("they they" if "said" in body else "They they", " they")
    assert doubled["replaces"]["start"] > doubled["start"] and doubled["replaces"]["end"] == doubled["end"]
    for item in items:
        start, end = item["replaces"]["start"], item["replaces"]["end"]
        assert item["replaces"]["text"] == body[start:end]
        if item["fix"] is None:
            assert (start, end) == (item["start"], item["end"])
            continue
        decided = line(item["code"], item["start"], item["end"], "edited", "EDITED")
        fixed = process(parse_article({"body": body, "format": format, "decisions": [decided]}), ServiceConfig())["body"]
        assert fixed == body[:start] + "EDITED" + body[end:], item["code"]
