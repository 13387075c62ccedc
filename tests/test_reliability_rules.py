"""Hostile rules and oversized input, through the command line.

A rule file cannot run code (safe YAML loader, Python checks only through installed entry
points), a catastrophic pattern ends in a clear error naming the rule instead of a hang, and a
document over the size limit (``max-bytes``, default 10 MB) is a per-file error naming the file.
The library-level versions are in ``tests/test_engine.py``. The command runs in the test process
(``tests/cli_runner.py``).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from copyedit.config import DEFAULT_MAX_BYTES

from .cli_runner import run_cli

DOUBLED = "He said the the cat left.\n"

CATASTROPHIC = """
code: HS103
name: catastrophic
kind: existence
patterns: ['(a|aa)+$']
message: m
why: w
examples: [{bad: "aa"}, {ok: "c"}]
"""
RUNS_CODE = """
code: HS102
name: sneaky
kind: python
check: os:system
message: m
why: w
examples: [{bad: "x"}, {ok: "y"}]
"""


def lint(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("lint", *args, cwd=folder)


def test_a_catastrophic_pattern_is_a_per_file_error_naming_the_rule_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "rule.yml").write_text(CATASTROPHIC, encoding="utf-8")
    # Ends with "a": the literal prefilter lets the pattern run, and it backtracks at the start.
    (tmp_path / "slow.txt").write_text("a" * 40 + "!\na\n", encoding="utf-8")
    (tmp_path / "fine.txt").write_text(DOUBLED, encoding="utf-8")
    started = time.monotonic()
    run = lint(tmp_path, "--fix", "--unsafe-fixes", "--isolated", "--rules", "rule.yml", "slow.txt", "fine.txt")
    assert time.monotonic() - started < 30
    assert run.returncode == 2
    assert "slow.txt: " in run.stderr.decode() and "rule HS103: pattern took longer than" in run.stderr.decode()
    assert (tmp_path / "slow.txt").read_text(encoding="utf-8") == "a" * 40 + "!\na\n"
    assert (tmp_path / "fine.txt").read_text(encoding="utf-8") == "He said the cat left.\n"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("!!python/object/apply:os.system ['touch pwned']\n", "invalid YAML"),
        ("code: !!python/name:os.system HS101\n", "invalid YAML"),
        (RUNS_CODE, "unknown check 'os:system'"),
    ],
)
def test_a_rule_file_cannot_run_code(tmp_path: Path, rule: str, message: str) -> None:
    (tmp_path / "rule.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    run = lint(tmp_path, "--fix", "--isolated", "--rules", "rule.yml", "a.txt")
    assert run.returncode == 2
    assert "rule.yml" in run.stderr.decode() and message in run.stderr.decode()
    assert not (tmp_path / "pwned").exists()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DOUBLED  # nothing runs with a broken rule


def test_max_bytes_from_the_configuration_is_a_per_file_error(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text("max-bytes = 100\n", encoding="utf-8")
    large = "He said the the cat left. " * 10 + "\n"
    (tmp_path / "large.txt").write_text(large, encoding="utf-8")
    (tmp_path / "small.txt").write_text(DOUBLED, encoding="utf-8")
    run = lint(tmp_path, "--fix", "--unsafe-fixes", ".")
    assert run.returncode == 2
    assert "large.txt: document is 261 bytes, over the limit of 100 (max-bytes)" in run.stderr.decode()
    assert (tmp_path / "large.txt").read_text(encoding="utf-8") == large
    assert (tmp_path / "small.txt").read_text(encoding="utf-8") == "He said the cat left.\n"


def test_the_default_limit_is_ten_megabytes(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES == 10_000_000
    (tmp_path / "huge.txt").write_bytes(b"word " * 2_000_001)
    run = lint(tmp_path, "--isolated", "huge.txt")
    assert run.returncode == 2
    assert "huge.txt: document is 10,000,005 bytes, over the limit of 10,000,000 (max-bytes)" in run.stderr.decode()


@pytest.mark.parametrize("value", ["0", "-5", '"10MB"', "true"])
def test_a_bad_max_bytes_names_the_file_and_key(tmp_path: Path, value: str) -> None:
    (tmp_path / "copyedit.toml").write_text(f"max-bytes = {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    run = lint(tmp_path, "a.txt")
    assert run.returncode == 2
    assert "copyedit.toml: key 'max-bytes': must be a positive whole number of bytes" in run.stderr.decode()


PYTHON_RULE = """
code: KT101
name: key-terms
kind: python
check: {CHECK}
severity: warning
message: m
why: w
options: {OPTIONS}
examples:
  - bad: "The akimat met."
    source: "Хокимият собрался."
    source_lang: ru
  - ok: "The mayor's office met."
    source: "Хокимият собрался."
    source_lang: ru
"""


@pytest.mark.parametrize(
    ("check", "options", "message"),
    [
        ("qa.key-terms", '{terms: "хокимият"}', "option 'terms' must be a list"),
        ("qa.key-terms", "{terms: [{source: хокимият}]}", "option 'terms', entry 1: 'target' must be a term"),
        ("qa.key-terms", "{term: []}", "check 'qa.key-terms' has no option 'term' (its options: terms)"),
        ("qa.paragraph-lengths", "{min_chars: many}", "option 'min_chars' must be a whole number"),
        ("qa.source-addresses", "{domain_names: JD.com}", "option 'domain_names' must be a list of strings"),
        ("qa.source-addresses", "{domain_names: [JD]}", "option 'domain_names' must be a list of names written as domains"),
        ("qa.source-names", "{packs: names}", "option 'packs' must be a list of strings"),
    ],
)
def test_an_option_a_check_cannot_take_names_the_rule_file_not_a_traceback(
    tmp_path: Path, check: str, options: str, message: str
) -> None:
    rule = PYTHON_RULE.replace("{CHECK}", check).replace("{OPTIONS}", options)
    (tmp_path / "rule.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text("Он сказал, что кот ушёл.\n", encoding="utf-8")
    run = lint(tmp_path, "--isolated", "--rules", "rule.yml", "--source", "a.ru.txt", "a.txt")
    assert run.returncode == 2
    assert f"rule.yml:2: rule KT101: {message}" in run.stderr.decode() and "Traceback" not in run.stderr.decode()


def test_a_check_that_cannot_take_a_document_and_context_names_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import copyedit
    from copyedit import Config, RuleError
    from copyedit.kinds import python

    def plugin(document: object) -> list[object]:  # a plug-in check written without the context
        return []

    monkeypatch.setattr(python, "resolve_check", lambda name: plugin)
    (tmp_path / "rule.yml").write_text(PYTHON_RULE.replace("{CHECK}", "qa.key-terms").replace("{OPTIONS}", "{}"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"rule\.yml:2: rule KT101: check 'qa.key-terms' cannot be called as check\(document, context"):
        copyedit.check("text", config=Config(packs=(), rule_paths=(str(tmp_path / "rule.yml"),)))
