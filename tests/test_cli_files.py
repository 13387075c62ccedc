"""``copyedit lint`` and the files it reads and writes: the cases a bug hunt of the command found.

Each file comes out as it went in (encoding, byte-order mark, line endings), a report or a learned
rule file is written whole or not at all, and bad input is a message naming the file or the key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from copyedit import chrome

from .cli_runner import run_cli

DOUBLED = "They they left.\n"


def lint(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return run_cli("lint", *args, cwd=cwd, stdin=stdin, env={**os.environ, "NO_COLOR": ""})


def site(folder: Path, line: str, count: int = 5) -> Path:
    """``count`` articles that share ``line``, as a site's template repeats it."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"s{number}.txt").write_text(f"Story {number} on the talks.\n\n{line}\n", encoding="utf-8")
    return folder


# --- learned site chrome -------------------------------------------------------------------------


def test_a_learned_line_with_a_c1_control_character_is_written_as_yaml_that_reads_back(tmp_path: Path) -> None:
    # cp1252 mojibake leaves U+009D in scraped news; raw in the file, YAML refuses it and every later run failed
    site(tmp_path, "Share this: \x9d Facebook")
    assert lint(".", "--fix", cwd=tmp_path).returncode == 1
    learned = yaml.safe_load((tmp_path / chrome.CACHE_NAME).read_text(encoding="utf-8"))
    assert learned["lines"] == ["Share this: \x9d Facebook"]
    (tmp_path / "other.txt").write_text("A story of its own.\n", encoding="utf-8")
    later = lint("other.txt", cwd=tmp_path)
    assert later.returncode == 0, later.stderr.decode()


def test_a_cache_that_cannot_be_written_is_said_so_and_serves_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write = chrome.write_atomically

    def refused_in_the_site(path: Path, data: bytes, mode: int | None = None) -> None:
        if path.parent == tmp_path:  # as in a folder the user may read but not write
            raise PermissionError(13, "Permission denied")
        write(path, data, mode)

    monkeypatch.setattr(chrome, "write_atomically", refused_in_the_site)
    site(tmp_path, "World news all day long")
    result = lint(".", "--fix", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert "cannot write the learned site chrome: permission denied; what is learned serves this run only" in stderr
    assert "Traceback" not in stderr
    assert result.stdout.decode().count("BP190") == 5
    assert not (tmp_path / chrome.CACHE_NAME).exists()


def test_the_articles_of_one_configuration_learn_together_and_keep_the_cache_beside_it(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text('[per-file-ignores]\n"wire/*.txt" = ["C401"]\n', encoding="utf-8")
    site(tmp_path / "wire", "World news all day long", 3)
    site(tmp_path / "desk", "World news all day long", 3)
    # per-file ignores split the articles by their settings; they are still one site of six
    assert lint(".", "--fix", cwd=tmp_path).stdout.decode().count("BP190") == 6
    assert (tmp_path / chrome.CACHE_NAME).is_file()
    # a later run over one article, from its own folder, finds the cache beside the configuration
    assert "BP190" in lint("s1.txt", cwd=tmp_path / "wire").stdout.decode()


def test_chrome_learn_leaves_the_output_file_alone_when_it_learns_nothing(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(5):
        (articles / f"s{number}.txt").write_text(f"Story {number} has words of its own.\n", encoding="utf-8")
    house = tmp_path / "house-rules.yml"
    house.write_text("# the newsroom's own rules\n", encoding="utf-8")
    result = run_cli("chrome", "learn", "articles", "-o", "house-rules.yml", cwd=tmp_path)
    assert result.returncode == 0
    assert house.read_text(encoding="utf-8") == "# the newsroom's own rules\n"


def test_chrome_learn_into_a_missing_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    site(tmp_path / "articles", "World news all day long")
    result = run_cli("chrome", "learn", "articles", "-o", "missing/learned.yml", cwd=tmp_path)
    assert result.returncode == 2
    assert "missing/learned.yml: cannot write the learned site chrome: no such file" in result.stderr.decode()


# --- which files ---------------------------------------------------------------------------------


def test_a_file_found_twice_is_linted_once(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    command = shutil.which("copyedit", path=str(Path(sys.executable).parent)) or "copyedit"
    for jobs in ("1", "2"):
        (tmp_path / "real.txt").write_text(DOUBLED, encoding="utf-8")
        # two jobs on one file raced to write it: worker processes, so the installed command in a process of its own
        arguments = ("lint", "--fix", "--unsafe-fixes", "--jobs", jobs, ".", "real.txt")
        result = subprocess.run([command, *arguments], cwd=tmp_path, capture_output=True, timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "They left.\n"
        assert "1 file fixed" in result.stderr.decode()


def test_a_file_name_that_is_not_utf8_is_linted_and_reported(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/bad\xffname.txt"
    with open(name, "wb") as handle:
        handle.write(DOUBLED.encode())
    for report in ("text", "sarif", "json", "github", "html"):
        result = lint("--format", report, "-o", "report.out", ".", cwd=tmp_path)
        assert result.returncode == 0, (report, result.stderr.decode())
        assert b"bad" in (tmp_path / "report.out").read_bytes()
    assert b"bad%FFname.txt" in (lint("--format", "sarif", ".", "--exclude", "report.out", cwd=tmp_path).stdout)


def test_a_report_file_that_is_the_article_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = lint("--fix", "-o", "a.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "-o a.txt is the article a.txt: the report would replace it" in result.stderr.decode()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DOUBLED


@pytest.mark.parametrize(("report_format", "name"), [("html", "report.html"), ("text", "report.txt"), ("json", "report.md")])
def test_a_report_written_into_the_linted_folder_is_not_linted_when_the_run_is_repeated(
    tmp_path: Path, report_format: str, name: str
) -> None:
    # `copyedit lint news -o news/report.html`, run twice: the second run met its own report in the folder (and,
    # since it was one of its articles, refused to write it: exit 2)
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(DOUBLED, encoding="utf-8")
    for _ in range(2):
        result = lint("--format", report_format, "-o", f"news/{name}", "news", cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()  # C401 is info
        assert "1 file checked" in result.stderr.decode()
    assert f"news/{name}" not in (news / name).read_text(encoding="utf-8")


def test_an_html_report_in_a_folder_is_left_out_of_every_later_walk_but_linted_when_named(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (news / "story.html").write_text("<p>The copyedit report: they they left.</p>\n", encoding="utf-8")
    assert lint("--format", "html", "-o", "news/report.html", "news", cwd=tmp_path).returncode == 0
    again = lint("--format", "json", "news", cwd=tmp_path)
    assert sorted({finding["path"] for finding in json.loads(again.stdout)}) == ["news/a.txt", "news/story.html"]
    from copyedit.files import articles_in  # batch and chrome learn take their articles from here

    assert articles_in(news) == ["a.txt", "story.html"]
    named = lint("--format", "json", "news/report.html", cwd=tmp_path)
    assert {finding["path"] for finding in json.loads(named.stdout)} == {"news/report.html"}


@pytest.mark.parametrize(
    ("arguments", "toml", "message"),
    [
        (("--include", "[abc"), None, "--include '[abc' is not a valid glob: a '[' is never closed by ']'"),
        (("--include", "[z-a]*.txt"), None, "--include '[z-a]*.txt' is not a valid glob: bad character range z-a"),
        (("--exclude", "drafts\\"), None, "--exclude 'drafts\\\\' is not a valid glob: ends with a lone backslash"),
        (("--exclude", "#old.txt"), None, "--exclude '#old.txt' is not a valid glob: a # starts a comment"),
        ((), 'include = ["[abc"]\n', "copyedit.toml: key 'include': '[abc' is not a valid glob: a '[' is never closed by ']'"),
        ((), 'extend-exclude = ["*.txt", "!"]\n', "copyedit.toml: key 'extend-exclude': '!' is not a valid glob: a lone ! negates nothing"),
    ],
)
def test_a_glob_that_is_not_valid_is_an_error_naming_it_not_no_files(
    tmp_path: Path, arguments: tuple[str, ...], toml: str | None, message: str
) -> None:
    # pathspec read "[abc" as nothing ("no files to check", exit 0) and "[z-a]" or "a\\" as a traceback
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(DOUBLED, encoding="utf-8")
    if toml is not None:
        (news / "copyedit.toml").write_text(toml, encoding="utf-8")
    result = lint(*arguments, "news", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert message in stderr and "Traceback" not in stderr and "no files to check" not in stderr


def test_an_include_glob_that_matches_nothing_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = lint("--include", "*.xml", "--include", "*.json", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "no files to check in .: no file there matches --include '*.xml' or --include '*.json'" in result.stderr.decode()


# --- files come out as they went in --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "options"),
    [
        (b"They they left.\r\nThe room , ok.\r\n", ()),
        (b"\xef\xbb\xbfThey they left.\n", ()),
        (b"Intro.\nThey they left.\xe2\x80\xa8Next.\x0cPage two.\nEnd\n", ()),
        ("Caf\u00e9 owners said they they left.\nS\u00e3o Paulo.\n".encode("latin-1"), ("--encoding", "latin-1")),
    ],
    ids=["crlf", "bom", "unicode-line-breaks", "latin-1"],
)
def test_the_diff_applies_with_patch(tmp_path: Path, raw: bytes, options: tuple[str, ...]) -> None:
    (tmp_path / "a.txt").write_bytes(raw)
    diff = lint("--diff", "--unsafe-fixes", *options, "a.txt", cwd=tmp_path).stdout
    assert diff
    subprocess.run(["patch", "-p1", "--quiet"], input=diff, cwd=tmp_path, check=True, capture_output=True)
    patched = (tmp_path / "a.txt").read_bytes()
    (tmp_path / "b.txt").write_bytes(raw)
    lint("--fix", "--unsafe-fixes", *options, "b.txt", cwd=tmp_path)
    assert patched == (tmp_path / "b.txt").read_bytes()


def test_stdin_comes_back_with_its_byte_order_mark_line_endings_and_encoding(tmp_path: Path) -> None:
    result = lint("--fix", "--unsafe-fixes", "-", cwd=tmp_path, stdin=b"\xef\xbb\xbfThey they left.\r\nOk.\r\n")
    assert result.stdout == b"\xef\xbb\xbfThey left.\r\nOk.\r\n"
    utf16 = "They they left.\n".encode("utf-16")
    assert lint("--fix", "--unsafe-fixes", "-", cwd=tmp_path, stdin=utf16).stdout == "They left.\n".encode("utf-16")


def test_stdin_named_as_a_file_of_the_run_prints_only_its_own_text(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(DOUBLED, encoding="utf-8")
    result = lint("--stdin-filename", "x.txt", "--fix", "--unsafe-fixes", "-", "x.txt", cwd=tmp_path, stdin=b"Other other.\n")
    assert result.stdout == b"Other.\n"
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "They left.\n"


def test_an_encoding_named_without_a_mark_reads_and_writes_without_one(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(DOUBLED.encode("utf-16-le"))
    (tmp_path / "sig.txt").write_bytes(DOUBLED.encode())
    assert lint("--encoding", "utf-16-le", "--fix", "--unsafe-fixes", "u16.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "u16.txt").read_bytes() == "They left.\n".encode("utf-16-le")
    assert lint("--encoding", "utf-8-sig", "--fix", "--unsafe-fixes", "sig.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "sig.txt").read_bytes() == b"They left.\n"


def test_lines_ended_by_carriage_returns_alone_are_lines(tmp_path: Path) -> None:
    (tmp_path / "mac.txt").write_bytes(b"The talks ended.\rLeave a Reply\rThey they left.\r")
    found = lint("mac.txt", cwd=tmp_path).stdout.decode()
    assert "mac.txt:2:1: BP101" in found and "mac.txt:3:1: C401" in found
    lint("--fix", "--unsafe-fixes", "mac.txt", cwd=tmp_path)
    assert (tmp_path / "mac.txt").read_bytes() == b"The talks ended.\rThey left.\r"


# --- configuration and options -------------------------------------------------------------------


@pytest.mark.parametrize(
    "pyproject, message",
    [('tool = "copyedit"\n', None), ("[tool]\ncopyedit = 5\n", "key 'tool.copyedit': must be a table")],
)
def test_a_pyproject_whose_tool_is_no_table(tmp_path: Path, pyproject: str, message: str | None) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The talks ended.\n", encoding="utf-8")
    result = lint("a.txt", cwd=tmp_path)
    if message is None:  # another tool's business: no copyedit table there
        assert result.returncode == 0, result.stderr.decode()
    else:
        assert result.returncode == 2 and message in result.stderr.decode()


@pytest.mark.parametrize(
    "toml, args, message",
    [
        ('packs = ["nope"]\n', (), "copyedit.toml: key 'packs': unknown rule pack 'nope'"),
        ("", ("--select", ","), "argument --select: no rule selector in ','"),
        ("", ("--diff", "--format", "json"), "--diff prints a unified diff, not a report"),
    ],
)
def test_options_that_cannot_be_carried_out_are_refused(tmp_path: Path, toml: str, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "copyedit.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = lint(*args, "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr.decode()


def test_no_packs_is_a_selection_of_no_rules_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text("packs = []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = lint("a.txt", cwd=tmp_path)
    assert result.returncode == 0 and "0 findings" in result.stderr.decode()


def test_a_directive_shown_in_a_markdown_code_block_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "Write this to silence a rule:\n\n```\n<!-- copyedit: disable=C4 -->\n```\n\nThey they left.\n", encoding="utf-8"
    )
    assert "a.md:7:1: C401" in lint("a.md", cwd=tmp_path).stdout.decode()


# --- where findings are ----------------------------------------------------------------------------

# A safe fix (BP104 removes the "Related" paragraph, two lines) before a finding that stays (C401, unsafe)
SHIFTED = "Officials met in Astana on Monday to discuss the plan.\n\nRelated\n\nThe talks ended late and the the delegates left.\n"


def test_check_reports_places_in_the_file_on_disk_and_fix_in_the_file_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHIFTED, encoding="utf-8")
    # plain lint: the file on disk, line 5
    assert "a.txt:5:26: C401" in lint("a.txt", cwd=tmp_path).stdout.decode()
    # --check writes nothing: the same place, in every format (it said 3:28, a line the file does not have there)
    checked = lint("--check", "a.txt", cwd=tmp_path).stdout.decode()
    assert "a.txt:5:26: C401" in checked and "5 | The talks ended late and the the delegates left." in checked
    [found] = json.loads(lint("--check", "--format", "json", "a.txt", cwd=tmp_path).stdout)
    assert (found["line"], found["column"]) == (5, 26)
    assert SHIFTED[found["start"] : found["end"]] == "the the"
    assert [SHIFTED[edit["start"] : edit["end"]] for edit in found["fix"]["edits"]] == [" the"]
    github = lint("--check", "--format", "github", "a.txt", cwd=tmp_path).stdout.decode()
    assert "line=5,col=26,endLine=5,endColumn=33," in github
    sarif = json.loads(lint("--check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (5, 26, 33)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == SHIFTED
    # --fix writes the file: what remains is where it is in the file as written, as ruff reports it
    fixed = lint("--fix", "a.txt", cwd=tmp_path).stdout.decode()
    assert "a.txt:3:26: C401" in fixed
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()[2] == "The talks ended late and the the delegates left."


# --- the report file -------------------------------------------------------------------------------


def test_a_report_into_a_missing_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHIFTED, encoding="utf-8")
    done = lint("--fix", "a.txt", "-o", "missing/dir/report.json", "--format", "json", cwd=tmp_path)
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert f"cannot write the report to missing/dir/report.json: there is no folder {tmp_path / 'missing' / 'dir'}" in stderr
    assert "checked" not in stderr  # it used to check (and fix) every file first
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == SHIFTED
    refused = lint("a.txt", "-o", ".", cwd=tmp_path)
    assert refused.returncode == 2 and "cannot write the report to .: it is a folder" in refused.stderr.decode()


# --- owner, group and hard links of a fixed file ----------------------------------------------------

MOJIBAKE = "CafÃ© is open.\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives a file to another owner")
def test_fix_as_root_keeps_the_owner_group_and_mode(tmp_path: Path) -> None:
    # a root cron job over a shared newsroom folder made every file it fixed root's
    article = tmp_path / "own.txt"
    article.write_text(MOJIBAKE, encoding="utf-8")
    os.chown(article, 65534, 65534)
    article.chmod(0o640)
    assert lint("--fix", "own.txt", cwd=tmp_path).returncode == 0
    assert article.read_text(encoding="utf-8") == "Café is open.\n"
    status = article.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (65534, 65534, 0o640)


def test_write_atomically_writes_when_it_may_not_give_the_owner_or_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copyedit import files

    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    real = path.stat()
    # another user's file in a folder this user may write: the owner cannot be given, nor (here) the group
    theirs = os.stat_result((real.st_mode, real.st_ino, real.st_dev, 1, real.st_uid + 1, real.st_gid + 1, 3, 0, 0, 0))
    stat = os.stat
    monkeypatch.setattr(os, "stat", lambda target, **kw: theirs if str(target) == str(path) else stat(target, **kw))
    calls = []

    def refused(target: str, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)
    files.write_atomically(path, b"new")
    assert calls == [(real.st_uid + 1, real.st_gid + 1), (-1, real.st_gid + 1)]  # the owner and group, then the group
    assert path.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fix_of_a_file_with_hard_links_says_that_the_other_names_keep_the_old_text(tmp_path: Path) -> None:
    # the write is atomic (a new file renamed over the old): never half-written, but a new inode
    article = tmp_path / "own.txt"
    article.write_text(MOJIBAKE, encoding="utf-8")
    os.link(article, tmp_path / "hard.txt")
    done = lint("--fix", "own.txt", cwd=tmp_path)
    assert done.returncode == 0
    assert "own.txt: warning: fixed as a new file: 1 other hard link to the old one keeps the old text" in done.stderr.decode()
    assert article.read_text(encoding="utf-8") == "Café is open.\n"
    assert (tmp_path / "hard.txt").read_text(encoding="utf-8") == MOJIBAKE
    assert "hard link" not in lint("--fix", "own.txt", cwd=tmp_path).stderr.decode()  # one name now: nothing to say


GLOBS = ("*.txt", "!KEEP.TXT", "drafts/", "/top.md", "news/**/*.html", "[!_]*.md", "a?c.htm", "\\#x", "*.MD")
PATHS = ("a.txt", "KEEP.TXT", "drafts/a.txt", "top.md", "sub/top.md", "news/2026/x.html", "_a.md", "b.md", "abc.htm", "#x", "N.MD")


def test_the_globs_match_as_pathspec_s_other_backends_match(monkeypatch: pytest.MonkeyPatch) -> None:
    import pathspec

    from copyedit.files import gitignore_spec

    ours = gitignore_spec(GLOBS)
    assert [ours.match_file(path) for path in PATHS] == [pathspec.GitIgnoreSpec.from_lines(GLOBS).match_file(path) for path in PATHS]
    assert getattr(ours, "_backend_name", "simple") == "simple"  # never a Hyperscan database compiled for a few globs
    made = pathspec.GitIgnoreSpec.from_lines

    def without_backends(lines, **options):  # pathspec 0.12
        if options:
            raise TypeError("from_lines() got an unexpected keyword argument 'backend'")
        return made(lines)

    monkeypatch.setattr(pathspec.GitIgnoreSpec, "from_lines", without_backends)
    assert [gitignore_spec(GLOBS).match_file(path) for path in PATHS] == [ours.match_file(path) for path in PATHS]
