"""The built-in packs kept in the user's cache folder (copyedit.rule_cache)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from copyedit import rule_cache, rules


def fresh_packs() -> dict[str, list[rules.Rule]]:
    root = rules.builtin_rules_dir()
    return {name: [rules.load_rule_file(path, pack=name, builtin=True) for path in rules.rule_files(root / name)] for name in rules.builtin_packs()}


def test_what_is_kept_is_what_the_files_say(tmp_path: Path) -> None:
    packs = fresh_packs()
    rule_cache.write_packs(tmp_path, "k1", packs)
    assert rule_cache.read_packs(tmp_path, "k1") == packs
    assert rule_cache.read_packs(tmp_path, "k2") is None
    assert [p.name for p in tmp_path.iterdir()] == ["builtin-rules-k1.pickle"]
    assert (tmp_path / "builtin-rules-k1.pickle").stat().st_mode & 0o077 == 0


def test_installs_sharing_the_folder_keep_their_own_and_only_the_latest_stay(tmp_path: Path) -> None:
    packs = {"core": []}
    for number in range(rule_cache.KEPT + 2):
        rule_cache.write_packs(tmp_path, f"k{number}", packs)
        os.utime(tmp_path / f"builtin-rules-k{number}.pickle", ns=(number * 10**9, number * 10**9))
        # two installs that start by turns each find their own file: neither removed the other's
        assert number == 0 or rule_cache.read_packs(tmp_path, f"k{number - 1}") == packs
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"builtin-rules-k{number}.pickle" for number in range(2, rule_cache.KEPT + 2)]  # the oldest went
    rule_cache.write_readings(tmp_path, "k9", {})
    assert len(list(tmp_path.glob("builtin-rules-*"))) == rule_cache.KEPT  # each kind is counted apart


def test_a_cache_others_could_write_or_a_broken_one_is_not_read(tmp_path: Path) -> None:
    rule_cache.write_packs(tmp_path, "k", {"core": []})
    kept = tmp_path / "builtin-rules-k.pickle"
    kept.chmod(0o666)
    assert rule_cache.read_packs(tmp_path, "k") is None
    kept.chmod(0o600)
    assert rule_cache.read_packs(tmp_path, "k") == {"core": []}
    kept.write_bytes(b"not a pickle")
    assert rule_cache.read_packs(tmp_path, "k") is None


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    rule_cache.write_packs(blocked / "copyedit", "k", {"core": []})
    assert rule_cache.read_packs(blocked / "copyedit", "k") is None


def test_the_fingerprint_changes_with_any_rule_file_or_module(tmp_path: Path) -> None:
    package, packs = tmp_path / "copyedit", tmp_path / "packs"
    (package / "kinds").mkdir(parents=True)
    (packs / "core").mkdir(parents=True)
    (package / "kinds" / "base.py").write_text("A = 1\n", encoding="utf-8")
    (packs / "core" / "C101.yml").write_text("code: C101\n", encoding="utf-8")
    first = rule_cache.fingerprint(package, packs)
    assert rule_cache.fingerprint(package, packs) == first
    (packs / "core" / "C101.yml").write_text("code: C102\n", encoding="utf-8")
    second = rule_cache.fingerprint(package, packs)
    (package / "kinds" / "base.py").write_text("A = 22\n", encoding="utf-8")
    third = rule_cache.fingerprint(package, packs)
    assert len({first, second, third}) == 3


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYEDIT_CACHE_DIR", "")
    assert rule_cache.cache_dir() is None
    monkeypatch.delenv("COPYEDIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert rule_cache.cache_dir() == Path("/somewhere/copyedit")


def test_a_run_writes_the_cache_and_the_next_reads_it_without_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "COPYEDIT_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import sys, copyedit; from copyedit.kinds import prefilter;"
        "found = copyedit.check('He said the the cat left.').findings;"
        "print([f.code for f in found], 'yaml' in sys.modules, prefilter.readings()[1] > 0)"
    )
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert first == "['C401'] True True\n"
    assert len(list((tmp_path / "cache").glob("builtin-rules-*.pickle"))) == 1
    assert len(list((tmp_path / "cache").glob("pattern-readings-*.pickle"))) == 1
    # The next run reads the rules without YAML, and the patterns' readings without making one.
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert second == "['C401'] False False\n"
    shutil.rmtree(tmp_path / "cache")
    off = subprocess.run([sys.executable, "-c", probe], env={**env, "COPYEDIT_CACHE_DIR": ""}, capture_output=True, text=True, check=True).stdout
    assert off == "['C401'] True True\n" and not (tmp_path / "cache").exists()


def test_kept_readings_are_the_readings_made_and_anything_else_is_passed_over(tmp_path: Path) -> None:
    from copyedit.kinds import prefilter

    patterns = [r"(?:view|show)(?: all)? comments", r"\p{Lu}\w+ writes", r"by (?:clicking|continuing).{0,50}\b(?:accept|agree)"]
    made = {pattern: prefilter._read_pattern(pattern) for pattern in patterns}
    rule_cache.write_readings(tmp_path, "k", made)
    kept = rule_cache.read_readings(tmp_path, "k")
    assert kept == made and rule_cache.read_readings(tmp_path, "other") is None
    prefilter.learn_readings({"a pattern": "not a reading", 3: None, **(kept or {})})
    assert "a pattern" not in prefilter.readings()[0] and 3 not in prefilter.readings()[0]
    assert [prefilter.required_literals(pattern) for pattern in patterns] == [
        frozenset({"view comments", "view all comments", "show comments", "show all comments"}), frozenset({" writes"}),
        frozenset({"by clicking", "by continuing"}),
    ]


_GLOSSARY_RULE = """code: HS101
name: house-terms
kind: substitution
swap:
  e-mail: email
severity: warning
applicability: safe
message: Use “{replacement}”
why: House style.
examples:
  - bad: "Send an e-mail."
    good: "Send an email."
  - ok: "Send an email."
"""


def test_a_user_rule_file_is_parsed_and_its_examples_run_once_per_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A glossary (tens of thousands of terms: 12 s for 17,550) is parsed and its examples run when its
    file is new or changed, not at every start; a change that breaks an example is still refused."""
    from copyedit import Config, RuleError, engine, rules

    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    rule_file = tmp_path / "house.yml"
    rule_file.write_text(_GLOSSARY_RULE, encoding="utf-8")
    config = Config(packs=()).replace(rule_paths=(str(rule_file),))
    runs: list[int] = []
    real = engine.verify_examples
    monkeypatch.setattr(engine, "verify_examples", lambda found: (runs.append(len(found)), real(found))[1])
    parsed: list[str] = []
    real_parse = rules.parse_rule
    monkeypatch.setattr(rules, "parse_rule", lambda text, path, pack: (parsed.append(path), real_parse(text, path, pack))[1])

    def load() -> list[str]:
        engine.ruleset_for.cache_clear()
        return [f"{rule.code} {rule.path}" for rule in engine.ruleset_for(config).rules]

    assert load() == load() == [f"HS101 {rule_file}"]
    assert runs == [1] and parsed == [str(rule_file)]  # the second start read the rules that passed from the cache
    rule_file.write_text(_GLOSSARY_RULE.replace('good: "Send an email."', 'good: "Send a letter."'), encoding="utf-8")
    with pytest.raises(RuleError, match="example fails"):
        load()
    with pytest.raises(RuleError, match="example fails"):
        load()  # a failure is never kept
    rule_file.write_text(_GLOSSARY_RULE, encoding="utf-8")
    load()
    assert runs == [1, 1, 1] and len(parsed) == 3  # the content that passed before is read without running again
    moved = tmp_path / "elsewhere.yml"
    rule_file.rename(moved)
    config = config.replace(rule_paths=(str(moved),))
    assert load() == [f"HS101 {moved}"]  # the same text in another place: its errors name the new place
    monkeypatch.chdir(tmp_path)
    config = config.replace(rule_paths=("elsewhere.yml",))
    assert load() == ["HS101 elsewhere.yml"]  # and the same file named another way, as it is named
    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, "")
    load()
    assert runs == [1] * 6  # no cache folder: every start runs them
    engine.ruleset_for.cache_clear()


def test_a_rule_of_another_package_s_check_is_judged_at_every_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The package's check may change while copyedit does not: its examples are never taken as passed."""
    from copyedit import engine
    from copyedit.kinds.python import PythonOptions

    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    rule_file = tmp_path / "house.yml"
    rule_file.write_text(_GLOSSARY_RULE, encoding="utf-8")
    written: list[object] = []
    monkeypatch.setattr(rule_cache, "write_user_rules", lambda folder, key, digest, found: written.append(found))
    [rule] = engine._user_rules(str(rule_file))
    assert written == [[rule]]
    plugin = dataclasses.replace(rule, kind="python", options=PythonOptions("a-plugin-check"))
    monkeypatch.setattr(engine, "verify_examples", lambda found: None)
    monkeypatch.setattr(rules.RuleFiles, "parse", lambda self: [plugin])
    assert engine._user_rules(str(tmp_path / "house.yml")) == [plugin] and written == [[rule]]


def test_the_latest_used_user_rules_stay(tmp_path: Path) -> None:
    digests = [f"{number:02d}".ljust(64, "a") for number in range(rule_cache.USER_KEPT)]
    for age, digest in enumerate(reversed(digests)):
        rule_cache.write_user_rules(tmp_path, "key", digest, [digest])
        [written] = tmp_path.glob(f"*{digest[:32]}.pickle")
        os.utime(written, (1_000_000 - age, 1_000_000 - age))  # digests[0] the oldest
    assert rule_cache.read_user_rules(tmp_path, "key", digests[0]) == [digests[0]]  # used: now the latest
    rule_cache.write_user_rules(tmp_path, "key", "f" * 64, ["new"])
    kept = [digest for digest in digests if rule_cache.read_user_rules(tmp_path, "key", digest)]
    assert kept == digests[:1] + digests[2:]  # the oldest unused one made room
    assert rule_cache.read_user_rules(tmp_path, "another copyedit", "f" * 64) is None


def test_data_kept_once_is_read_back_by_a_later_process_and_never_when_not_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copyedit.loading import kept_once

    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, str(tmp_path))
    calls: list[int] = []

    def words() -> frozenset[str]:
        calls.append(1)
        return frozenset({"a", "b"})

    first, later = kept_once("test-words", frozenset)(words), kept_once("test-words", frozenset)(words)
    assert first() == later() == frozenset({"a", "b"}) and len(calls) == 1  # the later "process" read it back
    assert [p.name for p in tmp_path.iterdir()] == [f"data-test-words-{rule_cache.package_fingerprint()}.pickle"]
    assert kept_once("test-words", dict)(words)() == frozenset({"a", "b"}) and len(calls) == 2  # not a dict: loaded anew
    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, "")
    assert kept_once("test-words", frozenset)(words)() == frozenset({"a", "b"}) and len(calls) == 3  # the cache off


def test_the_fingerprint_changes_with_a_data_file(tmp_path: Path) -> None:
    package, packs = tmp_path / "package", tmp_path / "packs"
    (package / "data").mkdir(parents=True)
    packs.mkdir()
    words = package / "data" / "words.txt.gz"
    words.write_bytes(b"one")
    before = rule_cache.fingerprint(package, packs)
    words.write_bytes(b"one, two")
    assert rule_cache.fingerprint(package, packs) != before


def test_a_value_that_cannot_be_pickled_is_no_error(tmp_path: Path) -> None:
    rule_cache.write_packs(tmp_path, "k", {"core": [lambda: None]})  # type: ignore[list-item]
    assert rule_cache.read_packs(tmp_path, "k") is None and not list(tmp_path.glob("*.tmp"))
