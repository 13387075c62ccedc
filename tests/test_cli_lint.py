"""End to end: the ``copyedit`` command on temporary folder trees.

The command runs in the test process (``tests/cli_runner.py``: its own arguments, folder, environment
and byte streams, as a new process would have them); the installed ``copyedit`` script runs in a
process of its own where the process is what a test is about: the README's first command, and
``--jobs`` worker processes.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from copyedit.files import FileProblem, read_file, write_back

from .cli_runner import run_cli

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt"
EXPECTED = ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "expected.txt"
COPYEDIT = shutil.which("copyedit", path=str(Path(sys.executable).parent)) or "copyedit"
DOUBLED = "He said the the cat left.\n"
CLEAN = "The cat left.\n"
# Most tests are about the command, not about which fixes have earned their safety: a house
# configuration makes the doubled-word fix safe and its findings warnings, as a newsroom may.
HOUSE = '[applicability]\nC401 = "safe"\n\n[severity]\nC401 = "warning"\n'


def house(folder: Path) -> Path:
    (folder / "copyedit.toml").write_text(HOUSE, encoding="utf-8")
    return folder


def copyedit(*args: str, cwd: Path, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``copyedit ARGS``, run in this process."""
    return run_cli(*args, cwd=cwd, stdin=stdin, env={**os.environ, "NO_COLOR": "", **(env or {})})


def installed_copyedit(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The installed ``copyedit`` script, in a process of its own."""
    environment = {**os.environ, "NO_COLOR": ""}
    return subprocess.run([COPYEDIT, *args], cwd=cwd, input=stdin, capture_output=True, env=environment, timeout=120)


def out(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8")


def err(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8")


# --- issue 2: the minimal CLI -------------------------------------------------------------


def test_fix_stdin_prints_the_corrected_article(tmp_path: Path) -> None:
    # The README's first command, as a user runs it: the installed script, the article piped in.
    result = installed_copyedit("lint", "--fix", "--unsafe-fixes", "-", cwd=tmp_path, stdin=ARTICLE.read_bytes())
    assert out(result) == EXPECTED.read_text(encoding="utf-8")  # every suggestion accepted
    assert result.returncode == 0  # what remains is info: notes for an editor
    assert "C101" in err(result) and "Traceback" not in err(result)
    default = installed_copyedit("lint", "--fix", "-", cwd=tmp_path, stdin=ARTICLE.read_bytes())
    assert default.returncode == 1  # unapplied suggestions remain as warnings
    assert "MT101" in err(default) and "unsafe fix" in err(default)


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(ARTICLE, article)
    before = article.read_bytes()
    result = copyedit("lint", "--diff", "--unsafe-fixes", "article.txt", cwd=tmp_path)
    assert article.read_bytes() == before
    text = out(result)
    assert text.startswith("--- a/article.txt\n+++ b/article.txt\n")
    assert "-Kazakhstan President Kasım Cömert Tokayev" in text and "+Kazakhstan President Kassym-Jomart Tokayev" in text
    assert result.returncode == 1


def test_json_lists_findings_with_the_core_schema_and_path(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = copyedit("lint", "--format", "json", "a.txt", cwd=tmp_path)
    records = json.loads(out(result))
    assert [r["code"] for r in records] == ["C401"]
    record = records[0]
    assert set(record) == {"path", "code", "name", "severity", "message", "line", "column", "start", "end", "text", "fix", "precision", "source"}
    assert (record["path"], record["line"], record["column"], record["text"]) == ("a.txt", 1, 9, "the the")
    assert record["fix"]["applicability"] == "safe"
    assert record["fix"]["edits"] == [{"start": 11, "end": 15, "replacement": ""}]
    assert result.returncode == 1


def test_exit_codes_clean_findings_and_errors(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(DOUBLED, encoding="utf-8")
    assert copyedit("lint", "clean.txt", cwd=tmp_path).returncode == 0
    assert copyedit("lint", "bad.txt", cwd=tmp_path).returncode == 1
    assert copyedit("lint", "--exit-zero", "bad.txt", cwd=tmp_path).returncode == 0
    assert copyedit("lint", "--no-such-flag", cwd=tmp_path).returncode == 2
    assert copyedit("lint", "--jobs", "0", "clean.txt", cwd=tmp_path).returncode == 2


def test_empty_text_is_valid(tmp_path: Path) -> None:
    result = copyedit("lint", "-", cwd=tmp_path, stdin=b"")
    assert result.returncode == 0, err(result)


def test_non_utf8_is_an_error_naming_the_file_unless_encoding_says_otherwise(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "latin.txt").write_bytes("Café the the bar.\n".encode("latin-1"))
    result = copyedit("lint", "latin.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "latin.txt: not valid UTF-8" in err(result) and "--encoding" in err(result)
    result = copyedit("lint", "--encoding", "latin-1", "--fix", "latin.txt", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert (tmp_path / "latin.txt").read_bytes() == "Café the bar.\n".encode("latin-1")  # written back as Latin-1


def test_broken_rule_file_names_file_line_and_rule(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "broken.yml").write_text(
        "code: ZZ101\nname: zz\nkind: substitution\nswap: {a: b}\nmessage: m\nwhy: w\nbogus: 1\n"
        "examples: [{bad: a, good: b}, {ok: c}]\n",
        encoding="utf-8",
    )
    result = copyedit("lint", "--rules", "broken.yml", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "broken.yml:7: rule ZZ101: unknown key 'bogus'" in err(result)
    (tmp_path / "regex.yml").write_text(
        "code: ZZ102\nname: zz\nkind: existence\npatterns: ['(unclosed']\nmessage: m\nwhy: w\n"
        "examples: [{bad: a}, {ok: c}]\n",
        encoding="utf-8",
    )
    result = copyedit("lint", "--rules", "regex.yml", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "regex.yml" in err(result) and "ZZ102" in err(result)
    assert "Traceback" not in err(result)


# --- issue 4: folders, selection, config ----------------------------------------------------


def make_tree(root: Path) -> None:
    files = {
        "news/a.txt": DOUBLED,
        "news/b.md": DOUBLED,
        "news/c.html": f"<p>{DOUBLED.strip()}</p>\n",
        "news/notes.rst": DOUBLED,
        "news/drafts/d.txt": DOUBLED,
        "news/.hidden/e.txt": DOUBLED,
        "news/ignored/f.txt": DOUBLED,
        "news/clean.txt": CLEAN,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "news" / ".gitignore").write_text("ignored/\n", encoding="utf-8")


def linted_paths(result: subprocess.CompletedProcess) -> list[str]:
    return sorted({record["path"] for record in json.loads(out(result))})


def test_walks_folders_with_default_includes_hidden_and_gitignore(tmp_path: Path) -> None:
    make_tree(tmp_path)
    # --format-in text: this test is about which files are walked, not how markup is read
    result = copyedit("lint", "--format", "json", "--format-in", "text", "--select", "C401", "news", cwd=tmp_path)
    assert linted_paths(result) == ["news/a.txt", "news/b.md", "news/c.html", "news/drafts/d.txt"]
    result = copyedit("lint", "--format", "json", "--format-in", "text", "--select", "C401", "--no-respect-gitignore", "news", cwd=tmp_path)
    assert "news/ignored/f.txt" in linted_paths(result)


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    make_tree(tmp_path)
    result = copyedit("lint", "--format", "json", "--format-in", "text", "--exclude", "drafts/", "--exclude", "*.html", "news", cwd=tmp_path)
    assert linted_paths(result) == ["news/a.txt", "news/b.md"]
    result = copyedit("lint", "--format", "json", "--include", "*.rst", "news", cwd=tmp_path)
    assert linted_paths(result) == ["news/notes.rst"]


def test_select_ignore_extend_select(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He said the the cat left  early.\n", encoding="utf-8")

    def codes(*flags: str) -> list[str]:
        return [r["code"] for r in json.loads(out(copyedit("lint", "--format", "json", *flags, "a.txt", cwd=tmp_path)))]

    assert codes() == ["C401", "C301"]
    assert codes("--select", "C4") == ["C401"]
    assert codes("--select", "doubled-spaces") == ["C301"]
    assert codes("--ignore", "C401") == ["C301"]
    assert codes("--select", "C401", "--extend-select", "C301") == ["C401", "C301"]
    assert codes("--select", "mt-tr-en") == []
    result = copyedit("lint", "--select", "Q999", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "'Q999'" in err(result)


def test_config_is_discovered_from_the_file_folder_upward(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "copyedit.toml").write_text(
        'ignore = ["C401"]\nexclude = ["drafts/"]\n', encoding="utf-8"
    )
    (tmp_path / "news" / "sub").mkdir()
    (tmp_path / "news" / "sub" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copyedit]\nselect = ["C401"]\n', encoding="utf-8"
    )
    (tmp_path / "news" / "sub" / "g.txt").write_text(DOUBLED, encoding="utf-8")
    result = copyedit("lint", "--format", "json", "--format-in", "text", "news", cwd=tmp_path)
    assert linted_paths(result) == ["news/sub/g.txt"]  # the nearer pyproject.toml selects C401 again
    isolated = copyedit("lint", "--format", "json", "--format-in", "text", "--isolated", "news", cwd=tmp_path)
    assert "news/drafts/d.txt" in linted_paths(isolated)
    explicit = copyedit("lint", "--format", "json", "--config", "news/sub/pyproject.toml", "news/a.txt", cwd=tmp_path)
    assert linted_paths(explicit) == ["news/a.txt"]


def test_per_file_ignores_severity_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "copyedit.toml").write_text(
        'fail-on = "info"\n\n[per-file-ignores]\n"wire/*.txt" = ["C401"]\n\n[severity]\nC401 = "info"\n', encoding="utf-8"
    )
    result = copyedit("lint", "--format", "json", ".", cwd=tmp_path)
    records = json.loads(out(result))
    assert [(r["path"], r["severity"]) for r in records] == [("b.txt", "info")]
    assert result.returncode == 1
    assert copyedit("lint", "--fail-on", "warning", ".", cwd=tmp_path).returncode == 0
    (tmp_path / "copyedit.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert copyedit("lint", ".", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('selct = ["C4"]\n', "copyedit.toml: key 'selct': unknown key"),
        ('select = "C401,"\nfail-on = "fatal"\n', "copyedit.toml: key 'fail-on': 'fatal' is not one of"),
        ('[severity]\nC401 = "loud"\n', "copyedit.toml: key 'severity': C401 = 'loud'"),
        ('ignore = ["NOPE1"]\n', "copyedit.toml: key 'ignore': unknown rule selector 'NOPE1'"),
        ("select = [\n", "copyedit.toml: invalid TOML"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, toml: str, expected: str) -> None:
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "copyedit.toml").write_text(toml, encoding="utf-8")
    result = copyedit("lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert expected in err(result)
    assert "Traceback" not in err(result)


# --- fixing and writing ---------------------------------------------------------------------


def test_fix_writes_atomically_keeping_bom_crlf_and_permissions(tmp_path: Path) -> None:
    house(tmp_path)
    article = tmp_path / "a.txt"
    article.write_bytes(b"\xef\xbb\xbfHe said the the cat left.\r\nSecond line.\r\n")
    article.chmod(0o640)
    untouched = tmp_path / "clean.txt"
    untouched.write_text(CLEAN, encoding="utf-8")
    before = article.stat()
    clean_before = untouched.stat()
    result = copyedit("lint", "--fix", ".", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    after = article.stat()
    assert article.read_bytes() == b"\xef\xbb\xbfHe said the cat left.\r\nSecond line.\r\n"
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert after.st_ino != before.st_ino  # replaced by rename, never rewritten in place
    assert (untouched.stat().st_ino, untouched.stat().st_mtime_ns) == (clean_before.st_ino, clean_before.st_mtime_ns)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".copyedit-")]


def test_check_reports_would_be_changes_and_writes_nothing(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = copyedit("lint", "--check", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "a.txt: would fix 1 issue (C401)" in out(result)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DOUBLED


def test_unsafe_fixes_and_exit_non_zero_on_fix(tmp_path: Path) -> None:
    text = "They were protecting and protecting the places.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    left = copyedit("lint", "--fix", "--fail-on", "info", "a.txt", cwd=tmp_path)
    assert left.returncode == 1  # unsafe C402 left as a finding
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text
    result = copyedit("lint", "--fix", "--unsafe-fixes", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, out(result)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "They were protecting the places.\n"
    (tmp_path / "b.txt").write_text(DOUBLED, encoding="utf-8")
    assert copyedit("lint", "--fix", "--exit-non-zero-on-fix", "b.txt", cwd=house(tmp_path)).returncode == 1


def test_write_back_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DOUBLED, encoding="utf-8")
    original = read_file(str(path))
    path.write_text("Edited by someone else.\n", encoding="utf-8")
    with pytest.raises(FileProblem, match="changed on disk since it was read"):
        write_back(original, "He said the cat left.\n")
    assert path.read_text(encoding="utf-8") == "Edited by someone else.\n"
    assert write_back(read_file(str(path)), "Edited by someone else.\n") is False  # no change: no write


def test_write_back_reports_a_vanished_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DOUBLED, encoding="utf-8")
    original = read_file(str(path))
    path.unlink()
    with pytest.raises(FileProblem, match="a.txt: not written: no such file"):
        write_back(original, "He said the cat left.\n")
    assert not path.exists()


# --- bad input per file ------------------------------------------------------------------


def test_bad_inputs_are_reported_per_file_and_the_rest_still_processed(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "good.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "folder-loop").symlink_to(tmp_path)  # a link to a parent folder is not followed
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text(DOUBLED, encoding="utf-8")
    unreadable.chmod(0)
    result = copyedit("lint", "--fix", ".", "missing.txt", cwd=tmp_path)
    stderr = err(result)
    assert result.returncode == 2
    assert "binary.txt: binary file" in stderr
    assert "latin.txt: not valid UTF-8" in stderr
    assert "dangling.txt: broken symbolic link" in stderr
    assert "loop.txt: symbolic link loop" in stderr
    assert "missing.txt: no such file or directory" in stderr
    if os.geteuid() != 0:  # root reads any file
        assert "secret.txt: permission denied" in stderr
    assert "Traceback" not in stderr
    assert (tmp_path / "good.txt").read_text(encoding="utf-8") == "He said the cat left.\n"  # still fixed


# --- formats, suppression, parallel -----------------------------------------------------------


def test_text_format_has_location_code_excerpt_and_caret(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    lines = out(copyedit("lint", "a.txt", cwd=tmp_path)).splitlines()
    assert lines[0] == "a.txt:1:9: C401 Doubled word “the the” [warning]"
    assert lines[1] == "  1 | He said the the cat left."
    assert lines[2] == "    |         ^^^^^^^"
    assert "\x1b[" not in "".join(lines)  # piped: no colour


def test_colour_only_when_allowed(tmp_path: Path) -> None:
    from copyedit.reporting import FileReport, ReportOptions
    from copyedit.reporting.text import render

    import copyedit as library

    result = library.check(DOUBLED)
    report = FileReport("a.txt", original=DOUBLED, text=DOUBLED, findings=result.findings)
    assert "\x1b[" in render([report], ReportOptions(color=True))
    assert "\x1b[" not in render([report], ReportOptions(color=False))


def test_github_annotations(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    lines = out(copyedit("lint", "--format", "github", "a.txt", cwd=tmp_path)).splitlines()
    assert lines == [
        "::warning file=a.txt,line=1,col=9,endLine=1,endColumn=16,title=C401 doubled-word::C401 Doubled word “the the”"
    ]


def test_summary_line(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    stderr = err(copyedit("lint", ".", cwd=tmp_path))
    assert "copyedit: 2 files checked in " in stderr
    assert "1 finding (1 warning), 1 fixable with --fix" in stderr
    assert "copyedit" not in err(copyedit("lint", "--quiet", ".", cwd=tmp_path))


def test_plain_text_suppression_and_unused_warning(tmp_path: Path) -> None:
    house(tmp_path)
    (tmp_path / "a.txt").write_text(
        "He said the the cat left. copyedit: ignore[C401]\nShe said the the dog left.\nAll fine. copyedit: ignore[TR101]\n",
        encoding="utf-8",
    )
    result = copyedit("lint", "--format", "json", "a.txt", cwd=tmp_path)
    assert [(r["code"], r["line"]) for r in json.loads(out(result))] == [("C401", 2)]
    assert "a.txt:3:11: warning: suppression of TR101 suppresses nothing" in err(result)
    copyedit("lint", "--fix", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()[:2] == [
        "He said the the cat left. copyedit: ignore[C401]",  # suppressed: not fixed either
        "She said the dog left.",
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "a.md",
            "He said the the cat left.\n\n<!-- copyedit: disable=C401 -->\n\nShe said the the dog left.\n\n"
            "<!-- copyedit: enable=C401 -->\n\nThey said the the end.\n\n<!-- copyedit: disable=TR1 -->\n",
        ),
        (
            "a.html",
            "<p>He said the the cat left.</p>\n<!-- copyedit: disable=C401 -->\n<p>She said the the dog left.</p>\n"
            "<!-- copyedit: enable=C401 -->\n<p>They said the the end.</p>\n<!-- copyedit: disable=TR1 -->\n",
        ),
    ],
)
def test_markup_suppression_regions(tmp_path: Path, name: str, text: str) -> None:
    pytest.importorskip("copyedit.markup.markdown" if name.endswith(".md") else "copyedit.markup.html")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = copyedit("lint", "--format", "json", "--select", "C401", name, cwd=tmp_path)
    records = json.loads(out(result))
    assert [r["text"] for r in records] == ["the the", "the the"]
    assert [r["line"] for r in records] == ([1, 9] if name.endswith(".md") else [1, 5])
    assert "suppression of TR1 suppresses nothing" in err(result)


def test_jobs_1_and_2_give_identical_output(tmp_path: Path) -> None:
    for index in range(12):
        (tmp_path / f"{index:02d}.txt").write_text(DOUBLED * (index + 1), encoding="utf-8")
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    # In processes of their own: --jobs 2 forks worker processes.
    runs = [installed_copyedit("lint", "--format", "json", "--jobs", jobs, ".", cwd=tmp_path) for jobs in ("1", "2")]
    assert out(runs[0]) == out(runs[1])
    assert len(json.loads(out(runs[0]))) > 12
    texts = [out(installed_copyedit("lint", "--jobs", jobs, ".", cwd=tmp_path)) for jobs in ("1", "2")]
    assert texts[0] == texts[1]


def test_without_jobs_a_small_run_stays_in_this_process_and_a_large_one_takes_every_core(tmp_path: Path) -> None:
    from copyedit import Config
    from copyedit.cli.lint import PARALLEL_FROM_BYTES, Job, default_workers, job_size

    def workers(*jobs: Job) -> int:
        return default_workers(sum(map(job_size, jobs)))

    def job(path: Path, stdin: bytes | None = None) -> Job:
        return Job(str(path), path.name, Config(), "text", "check", False, None, stdin)

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_bytes(b"x" * 1000)
    large.write_bytes(b"x" * (PARALLEL_FROM_BYTES - 1000))
    assert workers(job(small), job(small), job(small)) == 1
    assert workers(job(tmp_path / "missing.txt"), job(large)) == 1  # a missing file counts nothing
    cores = os.cpu_count() or 1
    assert workers(job(small), job(large)) == cores  # the sizes add up
    assert workers(job(tmp_path / "-", stdin=b"x" * PARALLEL_FROM_BYTES)) == cores  # stdin: what was read


def test_format_in_and_stdin_filename(tmp_path: Path) -> None:
    pytest.importorskip("copyedit.markup.html")
    html = b"<p class=\"the the\">He said the the cat left.</p>\n"
    result = copyedit("lint", "--format", "json", "--stdin-filename", "story.html", "-", cwd=tmp_path, stdin=html)
    records = json.loads(out(result))
    assert [(r["path"], r["code"], r["start"]) for r in records] == [("story.html", "C401", 27)]
    as_text = copyedit("lint", "--format", "json", "--format-in", "text", "-", cwd=tmp_path, stdin=html)
    assert len(json.loads(out(as_text))) == 2  # read as text, the attribute is prose too


def test_a_source_no_selected_rule_reads_is_a_warning_not_a_check_against_it(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("More than 50 people were detained.\n", encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text("Более 500 человек задержаны.\n", encoding="utf-8")
    compared = run_cli("lint", "--isolated", "story.txt", cwd=tmp_path)
    assert "LQ201" in compared.stdout.decode() and "(1 against its source)" in compared.stderr.decode()
    assert "warning" not in compared.stderr.decode()
    unread = run_cli("lint", "--isolated", "--select", "C", "story.txt", cwd=tmp_path)
    assert unread.returncode == 0 and "(1 against its source)" not in unread.stderr.decode()
    assert "story.txt has a source, but no selected rule compares an article with its source" in unread.stderr.decode()
    # a code-scanning upload and a workflow's annotations say it at the file
    log = json.loads(run_cli("lint", "--isolated", "--select", "C", "--format", "sarif", "story.txt", cwd=tmp_path).stdout)
    [notification] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["descriptor"]["id"] == "source-unused"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "story.txt"
    github = run_cli("lint", "--isolated", "--select", "C", "--format", "github", "story.txt", cwd=tmp_path).stdout.decode()
    assert "::warning file=story.txt,title=source-unused::it has a source, but no selected rule compares" in github


def test_the_workers_warm_up_on_the_first_article_small_enough(tmp_path, monkeypatch):
    """Each worker checks its warm-up article whole: a large first file would cost more than the warm-up saves, so the
    first one of at most WARM_UP_MAX_BYTES planned before they start is taken (none: no warm-up)."""
    from copyedit import Config
    from copyedit.cli import lint

    started = []

    def start(self, workers):
        started.append(self._first)
        self._pool = object()  # started: once

    monkeypatch.setattr(lint.Workers, "_start", start)
    sizes = {"large.txt": lint.WARM_UP_MAX_BYTES + 1, "small.txt": 10, "later.txt": 10}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size)

    def job(name):
        return lint.Job(str(tmp_path / name), name, Config(), "text", "check", False, None)

    workers = lint.Workers(jobs=3)
    for name in sizes:
        workers.add(job(name))
    assert [first.display for first in started] == ["small.txt"]
    only_large = lint.Workers(jobs=2)
    only_large.add(job("large.txt"))
    only_large.add(job("large.txt"))  # the workers start here, with none small enough to warm up on
    only_large.add(job("small.txt"))
    assert started[1:] == [None]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is named on Linux only")
def test_the_workers_fork_whatever_the_default_start_method(monkeypatch):
    """Python 3.14 makes forkserver Linux's default: the workers must still fork, so that each starts with the
    rule set this process compiled instead of compiling it again."""
    import concurrent.futures

    from copyedit.cli import lint

    pools = []

    class RecordedPool:
        def __init__(self, **options):
            pools.append(options)

        def submit(self, *call):
            return None

        def shutdown(self, **options):
            return None

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", RecordedPool)
    with lint.Workers(jobs=2) as workers:
        workers._start(2)  # (the SIGTERM handler it sets is restored as the block ends)
    assert pools[0]["mp_context"].get_start_method() == "fork"
    assert lint.worker_start_method() == "fork"
