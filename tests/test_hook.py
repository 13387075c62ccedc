"""``copyedit hook``: the real command, JSON on stdin, JSON on stdout, exit status for the verdict.

The command runs in the test process (``tests/cli_runner.py``), its stdin and stdout bytes as a new
process would have them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copyedit
from copyedit.service import Policy, ServiceConfig, parse_article, process

from .cli_runner import run_cli
from .conftest import FIXTURES

ARTICLE = (FIXTURES / "kazakhstan-tr-en" / "input.txt").read_text(encoding="utf-8")
EXPECTED = (FIXTURES / "kazakhstan-tr-en" / "expected.txt").read_text(encoding="utf-8")


def hook(stdin: bytes, *args: str, cwd: Path) -> tuple[int, dict, str]:
    finished = run_cli("hook", *args, cwd=cwd, stdin=stdin, timeout=60)
    return finished.returncode, json.loads(finished.stdout), finished.stderr.decode()


def test_the_example_article_goes_to_an_editor_and_a_house_error_blocks_it(tmp_path: Path) -> None:
    status, answer, _ = hook(json.dumps({"body": ARTICLE, "format": "text"}).encode(), cwd=tmp_path)
    # No built-in rule has earned blocking; its suggestions (unsafe fixes) wait for an editor.
    assert status == 0 and answer["verdict"] == "review"
    assert answer["body"] == copyedit.fix(ARTICLE).text != EXPECTED
    leftover = next(finding for finding in answer["findings"] if finding["code"] == "MT101")
    assert leftover["fix"]["applicability"] == "unsafe" and "precision" in leftover
    house = {"body": ARTICLE, "rules": {"severity": {"MT101": "error"}, "applicability": {"NM101": "safe"}}}
    status, answer, _ = hook(json.dumps(house).encode(), cwd=tmp_path)
    assert status == 1 and answer["verdict"] == "block"  # a house that makes MT101 an error
    assert "Kassym-Jomart Tokayev" in answer["body"]
    assert answer["diff"].startswith("--- a/body\n+++ b/body\n")
    assert answer["content_sha256"] == __import__("hashlib").sha256(ARTICLE.encode()).hexdigest()


def test_a_clean_fix_passes_with_exit_0(tmp_path: Path) -> None:
    house = {"applicability": {"NM101": "safe", "TR101": "safe"}}  # a newsroom that trusts these fixes
    request = {"body": "Kasım Cömert Tokayev met the CSTO.", "title": "A mid-government meeting", "rules": house}
    status, answer, _ = hook(json.dumps(request).encode(), cwd=tmp_path)
    assert (status, answer["verdict"]) == (0, "pass")
    assert answer["body"] == "Kassym-Jomart Tokayev met the CSTO."
    assert answer["title"] == "An intergovernmental meeting"
    assert [fix["codes"] for fix in answer["applied"]] == [["NM101"]]


def test_the_policy_comes_from_the_nearest_config_file(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text('[policy]\nblock-on = "never"\nreview-on = "never"\n', encoding="utf-8")
    status, answer, _ = hook(json.dumps({"body": ARTICLE}).encode(), cwd=tmp_path)
    # MT101's unsafe fix still waits for an editor.
    assert (status, answer["verdict"]) == (0, "review")
    status, answer, _ = hook(json.dumps({"body": ARTICLE}).encode(), "--check", cwd=tmp_path)
    assert answer["body"] == ARTICLE and answer["applied"] == [] and answer["verdict"] == "review"


@pytest.mark.parametrize(
    ("stdin", "field", "message"),
    [
        (b'{"body": ', "(request)", "malformed JSON"),
        (b'{"body": "\xff"}', "(request)", "not UTF-8"),
        (b'{"text": "x"}', "text", "unknown field"),
        (b'{"body": null}', "body", "must be a string, not null"),
        (b'{"body": "x", "format": "docx"}', "format", "must be one of text, markdown, html"),
        (b'{"body": "x", "language": "Deutsch"}', "language", "must be a language code such as 'ru', not 'Deutsch'"),
    ],
)
def test_bad_input_exits_2_with_a_json_error(tmp_path: Path, stdin: bytes, field: str, message: str) -> None:
    status, answer, stderr = hook(stdin, cwd=tmp_path)
    assert status == 2
    assert answer["error"]["field"] == field and message in answer["error"]["message"]
    assert stderr.startswith("copyedit hook: ")


def test_a_broken_config_file_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text('[policy]\nblock_on = "error"\n', encoding="utf-8")
    status, answer, _ = hook(b'{"body": "x"}', cwd=tmp_path)
    assert status == 2
    assert "copyedit.toml: key 'policy.block_on': unknown key" in answer["error"]["message"]


def test_a_body_over_max_bytes_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text("max-bytes = 100\n", encoding="utf-8")
    status, answer, _ = hook(json.dumps({"body": "a" * 101}).encode(), cwd=tmp_path)
    assert status == 2 and "over the limit of 100" in answer["error"]["message"]


def test_policy_levels_in_process() -> None:
    doubled = parse_article({"body": "They they left."})  # C401: a warning whose fix is unsafe
    assert process(doubled, ServiceConfig(), "fix")["verdict"] == "review"
    lenient = ServiceConfig(policy=Policy(block_on=None, review_on=None))
    assert process(doubled, lenient, "fix")["verdict"] == "review"  # the unsafe fix still waits for an editor
    strict = ServiceConfig(policy=Policy(block_on=copyedit.Severity.INFO))
    assert process(doubled, strict, "check")["verdict"] == "block"
    house_fixed = parse_article({"body": "They left the the house.", "rules": {"applicability": {"C401": "safe"}}})
    assert process(house_fixed, strict, "check")["verdict"] == "pass"
    ignored = parse_article({"body": "They they left.", "rules": {"ignore": ["C401"]}})
    assert process(ignored, strict, "fix")["verdict"] == "pass"


def test_suppression_comments_are_honoured(tmp_path: Path) -> None:
    from .test_suppression import FIXED, TEXT

    status, answer, _ = hook(json.dumps({"body": TEXT}).encode(), cwd=tmp_path)
    assert (status, answer["body"], answer["findings"]) == (0, FIXED, [])
    _, checked, _ = hook(json.dumps({"body": TEXT}).encode(), "--check", cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in checked["findings"]] == [("C201", 2)]


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        ("They left. It rained. They they came back.", ["all"]),  # no safe fix: one pass, over the text as sent
        ("The cafÃ© was open. They they came back.", ["all", "fixing", "reporting"]),  # C201 is safe
    ],
)
def test_check_pays_for_one_pass_over_the_text_as_sent(monkeypatch: pytest.MonkeyPatch, body: str, passes: list) -> None:
    """``check`` answers for the text as sent and judges what ``fix`` would leave: the fix starts
    from the check's findings instead of finding them again. (The passes a finding may supersede run
    in a call of their own after the others: part of the same pass over the text.)"""
    from copyedit import engine

    seen: list[str] = []
    real_findings = engine.RuleSet.findings

    def counted(self, doc, context, deadline=None, which=None):  # type: ignore[no-untyped-def]
        chosen, fixing = set(which), set(self.fix_passes(engine.accepted())[0])
        if not chosen <= self._superseded:
            seen.append("fixing" if chosen <= fixing else "all" if chosen & fixing else "reporting")
        return real_findings(self, doc, context, deadline, which)

    service = ServiceConfig(copyedit.Config(), Policy())
    expected = process(parse_article({"body": body}), service, "check")
    monkeypatch.setattr(engine.RuleSet, "findings", counted)
    answer = process(parse_article({"body": body}), service, "check")
    assert seen == passes
    assert answer == expected and answer["body"] == body and answer["findings"]


def test_a_fix_from_the_checks_findings_is_the_fix_from_scratch() -> None:
    from copyedit import engine

    config = copyedit.Config()
    ruleset = engine.ruleset_for(config)
    for body in (ARTICLE, "The cafÃ© was open. They they came back.", "Plain prose, nothing to say."):
        checked = engine.run_check(body, "text", ruleset, config)
        for accept in (engine.accepted(), engine.accepted(unsafe=True)):
            assert engine.run_fix(body, "text", ruleset, config, accept, checked=checked) == engine.run_fix(
                body, "text", ruleset, config, accept
            )


def test_an_article_says_its_language_and_english_usage_leaves_it_alone() -> None:
    """A desk in another language sends ``language``: the rules written for English do not run on its article
    (MT112 made safe here would turn „…“ into "…"), and the article-language check expects that language."""
    body = "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n"
    sent_as_english = process(parse_article({"body": body}), ServiceConfig(), "fix")
    assert [f["code"] for f in sent_as_english["findings"]] == ["LQ102"] and sent_as_english["verdict"] == "review"
    # with the article-language check off, English usage would rewrite it
    forced = {"applicability": {"MT112": "safe"}, "ignore": ["LQ102"]}
    assert process(parse_article({"body": body, "rules": forced}), ServiceConfig(), "fix")["body"] != body
    german = process(parse_article({"body": body, "language": "de-AT", "rules": forced}), ServiceConfig(), "fix")
    assert german["body"] == body and german["findings"] == [] and german["verdict"] == "pass"


def test_a_request_that_selects_only_rules_of_another_language_is_warned() -> None:
    """The command line warns of a selection that runs nothing; a request gets the same warning in its response."""
    body = "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n"
    idle = process(parse_article({"body": body, "language": "de", "rules": {"select": ["MT112", "C201"]}}), ServiceConfig(), "check")
    assert idle["warnings"] == [
        {
            "code": "idle-selector", "field": "rules.select",
            "message": "MT112 selects only rules for articles in en; they do not run on articles in de",
        }
    ]
    extended = process(parse_article({"body": body, "language": "de", "rules": {"extend-select": ["MT"]}}), ServiceConfig(), "check")
    assert "warnings" not in extended  # MT holds rules for any language too
    english = process(parse_article({"body": "It was “fine”.", "rules": {"select": ["MT112"]}}), ServiceConfig(), "check")
    assert "warnings" not in english


def test_the_review_answer_carries_the_same_warning() -> None:
    from copyedit.service.review import review

    body = "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n"
    answer = review(parse_article({"body": body, "language": "de", "rules": {"select": ["MT112"]}}), ServiceConfig())
    assert [warning["field"] for warning in answer["warnings"]] == ["rules.select"]
    assert "warnings" not in review(parse_article({"body": body, "language": "de"}), ServiceConfig())


def test_the_title_is_not_checked_against_the_body_s_source(tmp_path: Path) -> None:
    """A headline translates no sentence of the source: the numbers, dates and links of the whole source are not
    "missing" from it, and do not send the article to an editor. It is still read in the source's language (a rule
    for Turkish sources does not run on the headline of a Russian article)."""
    request = {
        "body": "Putin met Tokayev on May 3. Details: https://kremlin.ru/events/1.", "title": "Putin meets Tokayev",
        "source": "Путин встретился с Токаевым 3 мая. Подробности: https://kremlin.ru/events/1.", "source_lang": "ru",
    }
    status, answer, _ = hook(json.dumps(request).encode(), "--check", cwd=tmp_path)
    assert (status, answer["verdict"], answer["findings"], answer["title_findings"]) == (0, "pass", [], [])
    # TR101 is a rule for Turkish sources: not on the title of an article whose source is (detected as) Russian
    turkish = {"body": "Putin met Tokayev.", "title": "A mid-government meeting", "source": request["source"]}
    answer = process(parse_article(turkish), ServiceConfig(), "check")
    assert answer["title_findings"] == []
    assert [f["code"] for f in process(parse_article({**turkish, "source_lang": "tr"}), ServiceConfig(), "check")["title_findings"]] == ["TR101"]


def test_a_source_over_max_bytes_is_refused_naming_the_source() -> None:
    from copyedit.service.protocol import FieldError

    service = ServiceConfig(copyedit.Config(max_bytes=1000), Policy())
    with pytest.raises(FieldError) as refused:
        process(parse_article({"body": "A short article.", "source": "ж" * 600}), service, "check")
    assert (refused.value.field, refused.value.problem) == ("source", "source is 1,200 bytes, over the limit of 1,000 (max-bytes)")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("ua", "not 'ua': ua is the country code of Ukraine; Ukrainian is uk"),
        ("jp", "not 'jp': jp is the country code of Japan; Japanese is ja"),
        ("cn", "not 'cn': cn is the country code of China; Chinese is zh"),
        ("gr", "not 'gr': gr is the country code of Greece; Greek is el"),
        ("dk", "not 'dk': dk is the country code of Denmark; Danish is da"),
        ("xx", "not 'xx': no language has the code xx"),
    ],
)
def test_a_country_code_for_a_language_is_refused_with_the_language_s_code(tmp_path: Path, code: str, problem: str) -> None:
    status, answer, _ = hook(json.dumps({"body": "He paid.", "source": "Він заплатив.", "source_lang": code}).encode(), cwd=tmp_path)
    assert status == 2
    assert answer["error"] == {"message": f"must be a language code such as 'ru', {problem}", "field": "source_lang"}
    with pytest.raises(copyedit.InputError, match=f"^source_lang must be a language code such as 'ru', {problem}$"):
        copyedit.check("He paid.", source="Він заплатив.", source_lang=code)
