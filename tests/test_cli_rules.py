"""``copyedit rules``: listing, explaining, JSON, and running every rule's examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.test_cli_lint import copyedit, err, out

FAILING_RULE = """\
code: ZZ101
name: always-wrong
kind: substitution
swap: {colour: color}
message: use “{replacement}”
why: house style
applicability: safe
examples:
  - bad: "The colour red."
    good: "The colours red."
  - ok: "The color red."
"""


def test_lists_every_rule_with_severity_fix_and_pack(tmp_path: Path) -> None:
    result = copyedit("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = out(result).splitlines()
    assert any(line.split()[:5] == ["TR101", "warning", "unsafe", "-", "mt-tr-en"] for line in lines)
    assert any(line.split()[:5] == ["BP104", "warning", "safe", "1.00", "boilerplate"] for line in lines)
    assert any(line.startswith("C101 ") for line in lines)


def test_explains_one_rule_what_why_example_fix_safety(tmp_path: Path) -> None:
    text = out(copyedit("rules", "TR101", cwd=tmp_path))
    for heading in ("What it reports", "Why", "Example", "Use instead", "Left alone", "Fix safety"):
        assert f"\n{heading}\n" in text
    assert "mid-government military alliance" in text and "Unsafe: applied only with" in text
    assert "Measured on real text (benchmarks/accuracy" in text
    assert copyedit("rules", "QQ999", cwd=tmp_path).returncode == 2


def test_examples_show_every_line_indented_and_invisible_characters_named(tmp_path: Path) -> None:
    # C204's example was "Kazakh\u200bstan" printed as "Kazakhstan"; a chrome example's lines after the first stood at
    # the left margin, like headings
    assert "\nExample\n  Kazakh⟨U+200B⟩stan\nUse instead\n  Kazakhstan\n" in out(copyedit("rules", "C204", cwd=tmp_path))
    assert "\nExample\n  The talks ended.\n\n  Twitter\n  Facebook\n" in out(copyedit("rules", "BP110", cwd=tmp_path))


def test_mqm_evidence_reads_as_shares_not_counts(tmp_path: Path) -> None:
    """LQ203's flags on MQM-rated MT: two precisions, as shares with two decimals (a bare "1" read like a count)."""
    text = out(copyedit("rules", "LQ203", cwd=tmp_path))
    assert re.search(r"MQM: \d+ flags; the share on rated errors of its categories (\d\.\d\d|—), on any rated error \d\.\d\d\n", text), text


def test_post_edit_evidence_and_supersession_are_explained(tmp_path: Path) -> None:
    text = out(copyedit("rules", "LQ101", cwd=tmp_path))
    assert "\nNot reported\n  in a document where LQ102 reports something (superseded_by)\n" in text
    english = out(copyedit("rules", "MT112", cwd=tmp_path))
    assert "\nRuns on\n  articles in en (Config.language; language:)\n\nNot reported or fixed\n  in a document where LQ102 reports something (superseded_by)\n" in english
    assert re.search(r"Post-edits \(checked with their sources\): of \d+ MT sentences it flagged, the post-editors"
                     r" repaired \d+ and kept \d+; \d+ flags on the post-edits\n", text), text
    described = json.loads(out(copyedit("rules", "--format", "json", "LQ101", cwd=tmp_path)))[0]
    assert described["superseded_by"] == ["LQ102"] and set(described["measured"]["postedit_flags"]) == {"repaired", "kept", "on_post_edits"}


def test_json_describes_rules(tmp_path: Path) -> None:
    rules = json.loads(out(copyedit("rules", "--format", "json", "mt-tr-en", cwd=tmp_path)))
    assert {rule["pack"] for rule in rules} == {"mt-tr-en"}
    tr101 = next(rule for rule in rules if rule["code"] == "TR101")
    assert tr101["fix"] == "unsafe" and tr101["examples"][0]["bad"].startswith("The CSTO")
    assert set(tr101["measured"]) >= {"precision", "fixes", "mqm", "flags_per_1k_words"}


def test_a_check_against_the_source_shows_its_examples_sources_and_its_options(tmp_path: Path) -> None:
    text = out(copyedit("rules", "LQ203", cwd=tmp_path))
    assert "Example\n  Questions go to press@akorda.com.\n  (source, ru: Вопросы направляйте на press@akorda.kz.)\n" in text
    assert '\nOptions\n  packs: ["names"]\n  domain_names: ["JD.com", ' in text
    assert "  min_letters: 40 (the check’s default)\n" in out(copyedit("rules", "LQ101", cwd=tmp_path))
    described = json.loads(out(copyedit("rules", "--format", "json", "LQ203", "C401", cwd=tmp_path)))
    assert [rule["code"] for rule in described] == ["C401", "LQ203"]
    assert described[0]["options"] == {} and described[1]["options"]["packs"] == ["names"]


def test_test_runs_every_example(tmp_path: Path) -> None:
    result = copyedit("rules", "--test", cwd=tmp_path)
    assert result.returncode == 0, out(result)
    assert out(result).strip().endswith("examples: all passed")


def test_test_fails_on_a_failing_example(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "ZZ101-always-wrong.yml").write_text(FAILING_RULE, encoding="utf-8")
    # A user rule with a failing example cannot even load (exit 2, naming file, line and rule) ...
    result = copyedit("rules", "--rules", "house", cwd=tmp_path)
    assert result.returncode == 2
    assert "ZZ101-always-wrong.yml:9: rule ZZ101: example fails" in err(result)
    # ... and `rules --test` runs its examples all the same, to report every one that fails.
    result = copyedit("rules", "--test", "--rules", "house", cwd=tmp_path)
    assert result.returncode == 1 and "ZZ101-always-wrong.yml:9: rule ZZ101: fixing" in out(result)


def test_rules_lists_the_rules_of_other_languages_too(tmp_path: Path) -> None:
    """A desk that sets `language: de` still sees, and can read about, the rules of English usage it does not run."""
    (tmp_path / "copyedit.toml").write_text('language = "de"\n', encoding="utf-8")
    text = out(copyedit("rules", "MT112", cwd=tmp_path))
    assert text.startswith("MT112 foreign-quotation-marks") and "\nRuns on\n  articles in en" in text
    # and naming one in a selection is no unknown selector, on the command line, in the settings or in a request
    (tmp_path / "story.txt").write_text("„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag.\n", encoding="utf-8")
    assert copyedit("lint", "--ignore", "MT112", "story.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "copyedit.toml").write_text('language = "de"\nignore = ["MT112"]\n', encoding="utf-8")
    assert copyedit("lint", "story.txt", cwd=tmp_path).returncode == 0
    from copyedit import Config
    from copyedit.service.protocol import check_selectors, parse_article

    check_selectors(parse_article({"body": "Text.", "rules": {"ignore": ["MT112"]}}), Config(language="de"))


def test_lint_takes_the_articles_language_from_the_command_line(tmp_path: Path) -> None:
    """`--language` says what `language` says in the configuration; a one-sentence story is too short for LQ102
    to judge, so only the language given keeps English usage off it."""
    (tmp_path / "story.txt").write_text("„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag.\n", encoding="utf-8")
    assert "MT112" in out(copyedit("lint", "story.txt", cwd=tmp_path))
    assert copyedit("lint", "--language", "de", "story.txt", cwd=tmp_path).returncode == 0
    refused = copyedit("lint", "--language", "Deutsch", "story.txt", cwd=tmp_path)
    assert refused.returncode == 2 and "must be a language code such as 'ru', not 'Deutsch'" in err(refused)


def test_lint_warns_when_a_selection_holds_only_rules_of_another_language(tmp_path: Path) -> None:
    """`--select MT112` on German articles would check nothing and say nothing: it is run, with a warning that
    names the selector and the rule's language; a selector that also holds rules for any language is not warned of."""
    (tmp_path / "story.txt").write_text("„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag.\n", encoding="utf-8")
    done = copyedit("lint", "--language", "de", "--select", "MT112,C2", "story.txt", cwd=tmp_path)
    assert done.returncode == 0
    assert "copyedit: warning: MT112 selects only rules for articles in en; they do not run on articles in de\n" in err(done)
    assert "C2 " not in err(done)  # mojibake, control characters and the like hold in any language
    (tmp_path / "copyedit.toml").write_text('language = "de"\nselect = ["MT"]\n', encoding="utf-8")
    assert "warning:" not in err(copyedit("lint", "story.txt", cwd=tmp_path))  # MT104, MT109, MT110 run in any language
    assert "warning:" not in err(copyedit("lint", "--select", "MT112", "story.txt", "--language", "en", cwd=tmp_path))
    # once a run, though a file's own ignores make its configuration another
    (tmp_path / "copyedit.toml").write_text('language = "de"\n[per-file-ignores]\n"other.txt" = ["C201"]\n', encoding="utf-8")
    (tmp_path / "other.txt").write_text("Noch ein Satz.\n", encoding="utf-8")
    both = err(copyedit("lint", "--select", "MT112", "story.txt", "other.txt", cwd=tmp_path))
    assert both.count("warning: MT112 selects only rules") == 1


def test_lint_and_the_service_say_an_idle_selector_in_the_same_words(tmp_path: Path) -> None:
    """One wording, made in one place (``engine.idle_selector_warnings``): lint said "these articles are in de, so
    they do not run (see ...)", the service "this article is in de, so they do not run"."""
    from copyedit.service import ServiceConfig, parse_article, process

    (tmp_path / "story.txt").write_text("Noch ein Satz.\n", encoding="utf-8")
    lint = err(copyedit("lint", "--language", "de", "--select", "MT112", "story.txt", cwd=tmp_path))
    request = {"body": "Noch ein Satz.\n", "language": "de", "rules": {"select": ["MT112"]}}
    [said] = process(parse_article(request), ServiceConfig(), "check")["warnings"]
    assert f"copyedit: warning: {said['message']}\n" in lint


def test_a_selection_that_runs_nothing_is_in_sarif_and_github_annotations(tmp_path: Path) -> None:
    """A code-scanning upload or a workflow's annotations show what stderr says of the configuration: SARIF as a
    configuration notification of the run, GitHub as an annotation at no file."""
    (tmp_path / "story.txt").write_text("„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag.\n", encoding="utf-8")
    said = "MT112 selects only rules for articles in en; they do not run on articles in de"
    arguments = ("lint", "--isolated", "--language", "de", "--select", "MT112,C2", "story.txt")
    log = json.loads(out(copyedit(*arguments, "--format", "sarif", cwd=tmp_path)))
    [run] = log["runs"]
    [invocation] = run["invocations"]
    [notification] = invocation["toolConfigurationNotifications"]
    assert (notification["level"], notification["message"]["text"], notification["properties"]["field"]) == ("warning", said, "select")
    assert run["tool"]["driver"]["notifications"][notification["descriptor"]["index"]]["id"] == "idle-selector"
    assert "toolExecutionNotifications" not in invocation
    annotations = out(copyedit(*arguments, "--format", "github", cwd=tmp_path)).splitlines()
    assert f"::warning title=idle-selector::{said}" in annotations
