"""The bilingual checks from the command line: --source, and sidecar files beside articles.

The command runs in the test process (``tests/cli_runner.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import copyedit

from .cli_runner import run_cli
from .conftest import FIXTURES, write_parallel_trees

ARTICLE = "The ministry said more than 50 people were detained in Almaty on Tuesday.\n"
SOURCE = "Министерство сообщило, что во вторник в Алматы задержаны более 500 человек.\n"


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``copyedit lint --format json --select LQ201 ARGS``, its output read as text (UTF-8)."""
    finished = run_cli("lint", "--format", "json", "--select", "LQ201", *args, cwd=cwd)
    return subprocess.CompletedProcess(finished.args, finished.returncode, finished.stdout.decode(), finished.stderr.decode())


def test_source_flag_reports_a_changed_number(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "original.txt").write_text(SOURCE, encoding="utf-8")
    result = lint("--source", "original.txt", "--source-lang", "ru", "--fail-on", "info", "article.txt", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr  # LQ201 is info (its flags are right a third of the time)
    assert [f["code"] for f in findings] == ["LQ201"]
    assert "500" in findings[0]["message"]


def test_sidecar_is_used_and_not_linted_itself(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    result = lint(".", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert {f["path"] for f in findings} == {"article.txt"}
    assert [f["code"] for f in findings] == ["LQ201"]


def test_a_sidecar_named_beside_its_article_is_not_linted_as_one(tmp_path: Path) -> None:
    """pre-commit names every staged file, the translation and its sidecar alike: the source was linted as an
    article (LQ102: "looks like ru, not en", a warning that stopped the commit) and ``--fix`` would have edited it."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    finished = run_cli("lint", "--format", "json", "article.txt", "article.src.ru.txt", cwd=tmp_path)
    findings = json.loads(finished.stdout)
    assert {f["path"] for f in findings} == {"article.txt"} and [f["code"] for f in findings] == ["LQ201"]
    assert b"article.src.ru.txt: the source of article.txt, read with it; not linted as an article" in finished.stderr
    assert b"1 file checked (1 against its source)" in finished.stderr
    fixed = run_cli("lint", "--fix", "--unsafe-fixes", "-q", "article.src.ru.txt", cwd=tmp_path)
    assert fixed.returncode == 0 and b"the source of article.txt" not in fixed.stderr and (tmp_path / "article.src.ru.txt").read_text(encoding="utf-8") == SOURCE
    # a file named so with no article beside it is an article like any other named file
    (tmp_path / "notes.src.txt").write_text("They they left.\n", encoding="utf-8")
    assert [f["code"] for f in json.loads(run_cli("lint", "--format", "json", "notes.src.txt", cwd=tmp_path).stdout)] == ["C401"]


def test_stdin_named_with_stdin_filename_has_that_files_sidecar(tmp_path: Path) -> None:
    """An editor pipes the article it shows (``--stdin-filename story.txt -``): the sidecar beside the file was
    not read, so the bilingual checks were silently off, where ``copyedit lint story.txt`` ran them."""
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "desk" / "article.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    piped = run_cli("lint", "--format", "json", "--stdin-filename", "desk/article.txt", "-", cwd=tmp_path, stdin=ARTICLE.encode())
    named = run_cli("lint", "--format", "json", "desk/article.txt", cwd=tmp_path)
    assert [f["code"] for f in json.loads(piped.stdout)] == [f["code"] for f in json.loads(named.stdout)] == ["LQ201"]
    assert b"1 file checked (1 against its source)" in piped.stderr
    # unnamed stdin has no folder to look in
    assert json.loads(run_cli("lint", "--format", "json", "-", cwd=tmp_path / "desk", stdin=ARTICLE.encode()).stdout) == []


def test_a_sidecar_beside_an_article_with_dots_in_its_name_is_its_source(tmp_path: Path) -> None:
    (tmp_path / "lenta.ru.344779.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "lenta.ru.344779.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    result = lint(".", cwd=tmp_path)
    assert [f["code"] for f in json.loads(result.stdout)] == ["LQ201"]
    assert "1 file checked (1 against its source)" in result.stderr


def test_a_folder_of_sidecars_alone_says_there_is_nothing_to_check(tmp_path: Path) -> None:
    (tmp_path / "notes.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    result = lint(".", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert "warning: no files to check in ." in result.stderr and "sidecar sources (NAME.src.*)" in result.stderr
    # a folder with an article says nothing of the kind
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    assert "no files to check" not in lint(".", cwd=tmp_path).stderr


def test_without_a_source_the_bilingual_checks_are_silent(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = lint("article.txt", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_source_for_several_articles_is_a_usage_error(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "original.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = lint("--source", "original.txt", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 2 and "--source gives the source of one article" in result.stderr
    assert "with --source-dir" in result.stderr  # the other way to give several articles their sources


def test_unreadable_source_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = lint("--source", "missing.txt", "article.txt", cwd=tmp_path)
    assert result.returncode == 2 and "missing.txt" in result.stderr


@pytest.mark.parametrize("text", ["", " \n\n", "\ufeff"])
def test_an_empty_source_is_a_warning_naming_the_file_and_the_article_is_checked_without_one(tmp_path: Path, text: str) -> None:
    # An empty source is most likely a pipeline's bug (`--source <(curl …)` that failed): every check against a
    # source would be blind. The article is still checked; stderr says why no source check ran.
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "original.txt").write_text(text, encoding="utf-8")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(text, encoding="utf-8")
    result = run_cli("lint", "--select", "LQ201", "--source", "original.txt", "article.txt", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert f"article.txt: warning: {EMPTY_MESSAGE} (original.txt)" in stderr  # the engine's words, and the file
    assert "against its source" not in stderr  # the summary does not count it as checked against one
    sidecar = run_cli("lint", "--select", "LQ201", "story.txt", cwd=tmp_path).stderr.decode()
    assert f"story.txt: warning: {EMPTY_MESSAGE} (story.src.ru.txt)" in sidecar


EMPTY_MESSAGE = "the source has no text (it is empty, or only white space or markup): checked without one"


def test_a_source_language_the_source_is_not_written_in_is_a_warning_and_the_source_is_read_as_detected(tmp_path: Path) -> None:
    # a Russian source named as Japanese had "1,5 тысячи" read as 1 and 5,000: LQ201 said 1,500 was not in it
    (tmp_path / "story.txt").write_text("According to the ministry, about 1,500 people were evacuated on Thursday.\n", encoding="utf-8")
    (tmp_path / "story.src.ja.txt").write_text("По данным министерства, около 1,5 тысячи человек были эвакуированы в четверг.\n", encoding="utf-8")
    result = lint("story.txt", cwd=tmp_path)
    assert json.loads(result.stdout) == [] and result.returncode == 0
    assert "story.txt: warning: the source language is given as ja, but none of the " in result.stderr
    assert "is in a script ja is written in: read as ru, the language detected in it (story.src.ja.txt)" in result.stderr
    assert "warning" not in lint("--source-lang", "ru", "story.txt", cwd=tmp_path).stderr


def test_an_empty_source_lang_is_none_given(tmp_path: Path) -> None:
    # `--source-lang "$LANG_OF_SOURCE"` with the variable unset was a usage error; the library reads "" as none given
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "original.txt").write_text(SOURCE, encoding="utf-8")
    result = lint("--source", "original.txt", "--source-lang", "", "--fail-on", "info", "article.txt", cwd=tmp_path)
    assert result.returncode == 1 and [f["code"] for f in json.loads(result.stdout)] == ["LQ201"], result.stderr
    assert result.stdout == lint("--source", "original.txt", "--fail-on", "info", "article.txt", cwd=tmp_path).stdout


@pytest.mark.parametrize("empty", ['""', '" "'])
def test_an_empty_source_lang_in_the_configuration_is_none_given(tmp_path: Path, empty: str) -> None:
    """As on the command line and in the library: a templated ``source-lang = "$SOURCE_LANG"`` with nothing to put
    there was an error that stopped the run (and the service, the hook and review, which read the same file)."""
    from copyedit.service import load_service_config

    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "original.txt").write_text(SOURCE, encoding="utf-8")
    expected = lint("--source", "original.txt", "--fail-on", "info", "article.txt", cwd=tmp_path)
    (tmp_path / "copyedit.toml").write_text(f"source-lang = {empty}\n", encoding="utf-8")
    result = lint("--source", "original.txt", "--fail-on", "info", "article.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout), result.stderr
    assert load_service_config(str(tmp_path / "copyedit.toml")).config.source_lang is None
    assert copyedit.Config(source_lang=empty.strip('"')) == copyedit.Config()


@pytest.mark.parametrize("source", ["", " \n"])
def test_the_hook_and_the_service_warn_of_an_empty_source_as_lint_does(tmp_path: Path, source: str) -> None:
    from copyedit.service import ServiceConfig, parse_article, process

    warning = {"code": "empty-source", "field": "source", "message": EMPTY_MESSAGE}
    answer = process(parse_article({"body": ARTICLE, "source": source}), ServiceConfig())
    assert answer["warnings"] == [warning] and answer["verdict"] == "pass"
    assert "warnings" not in process(parse_article({"body": ARTICLE, "source": None}), ServiceConfig())
    finished = run_cli("hook", cwd=tmp_path, stdin=json.dumps({"body": ARTICLE, "source": source}).encode())
    assert finished.returncode == 0 and json.loads(finished.stdout)["warnings"] == [warning]
    assert f"copyedit hook: warning: source: {warning['message']}" in finished.stderr.decode()


def test_a_source_of_white_space_is_no_source_in_the_library() -> None:
    # it was compared as a source with nothing in it: "Date “January 2” is not in the source" (LQ202)
    article = (FIXTURES / "kazakhstan-tr-en" / "input.txt").read_text(encoding="utf-8")
    alone = copyedit.check(article, source=None)
    assert copyedit.check(article, source=" \n\t").findings == alone.findings
    assert copyedit.check(article, source="").findings == alone.findings


def test_a_source_is_decoded_as_an_article_is(tmp_path: Path) -> None:
    """A byte-order mark decides (UTF-16 among them), else strict UTF-8; an error names the file and the
    byte, and does not point to --encoding (which says how the articles are written): it says how to have the
    source read (a translator whose cp1251 source failed with --encoding cp1251 was told nothing more)."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    for name, data in (("utf16.src.ru.txt", SOURCE.encode("utf-16")), ("bom.src.ru.txt", b"\xef\xbb\xbf" + SOURCE.encode())):
        (tmp_path / name).write_bytes(data)
        result = lint("--source", name, "article.txt", cwd=tmp_path)
        assert [f["code"] for f in json.loads(result.stdout)] == ["LQ201"], name
    (tmp_path / "cp1251.src.ru.txt").write_bytes(SOURCE.encode("cp1251"))
    result = lint("--source", "cp1251.src.ru.txt", "article.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "cp1251.src.ru.txt: cannot read the source text: not valid UTF-8 (byte 0xcc at offset 0); " in result.stderr
    assert "--encoding is the articles'): save it as UTF-8" in result.stderr and "pass --encoding" not in result.stderr
    assert "save it as UTF-8" in lint("--encoding", "cp1251", "--source", "cp1251.src.ru.txt", "article.txt", cwd=tmp_path).stderr


def test_a_source_that_is_a_pipe_with_no_writer_or_a_folder_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: refused, never waited on nor read as an empty source
    result = lint("--source", "pipe.txt", "--source-lang", "ru", "article.txt", cwd=tmp_path)
    assert result.returncode == 2 and "pipe.txt: cannot read the source text: named pipe with no writer" in result.stderr
    (tmp_path / "folder").mkdir()
    result = lint("--source", "folder", "article.txt", cwd=tmp_path)
    assert result.returncode == 2 and "folder: cannot read the source text: is a directory" in result.stderr


def test_a_finding_shows_its_source_span_in_every_report(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    at = SOURCE.index("500")
    expected = {"start": at, "end": at + 3, "text": "500", "sentence": SOURCE.strip()}
    assert json.loads(lint("--exit-zero", "article.txt", cwd=tmp_path).stdout)[0]["source"] == expected
    sarif = json.loads(lint("--exit-zero", "--format", "sarif", "article.txt", cwd=tmp_path).stdout)
    assert sarif["runs"][0]["results"][0]["properties"]["source"] == expected
    text = lint("--exit-zero", "--format", "text", "article.txt", cwd=tmp_path).stdout
    assert f"source: {SOURCE.strip()}" in text
    page = lint("--exit-zero", "--format", "html", "article.txt", cwd=tmp_path).stdout
    assert "Source: <bdi>Министерство сообщило, что во вторник в Алматы задержаны более <mark>500</mark> человек.</bdi>" in page


def test_the_hook_answers_with_the_source_span() -> None:
    from copyedit.service import ServiceConfig, parse_article, process

    answer = process(parse_article({"body": ARTICLE, "source": SOURCE, "source_lang": "ru"}), ServiceConfig())
    [finding] = [f for f in answer["findings"] if f["code"] == "LQ201"]
    assert finding["source"]["text"] == "500" and SOURCE[finding["source"]["start"] : finding["source"]["end"]] == "500"


def test_every_front_end_reads_a_language_tag_as_its_language_code(tmp_path: Path) -> None:
    """"pt-BR" and "RU" name the languages "pt" and "ru", as detection names them; "Russian" is refused by name."""
    from copyedit.service import FieldError, parse_article

    assert parse_article({"body": ARTICLE, "source": SOURCE, "source_lang": "RU"}).source_lang == "ru"
    try:
        parse_article({"body": ARTICLE, "source_lang": "Russian"})
    except FieldError as error:
        assert (error.field, error.problem) == ("source_lang", "must be a language code such as 'ru', not 'Russian'")
    else:
        raise AssertionError("'Russian' was taken for a language code")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.src.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "copyedit.toml").write_text('source-lang = "ru-RU"\n', encoding="utf-8")
    expected = lint("--exit-zero", "article.txt", "--source", "article.src.txt", "--source-lang", "ru", cwd=tmp_path).stdout
    assert lint("--exit-zero", "article.txt", cwd=tmp_path).stdout == expected
    (tmp_path / "copyedit.toml").write_text('source-lang = "Russian"\n', encoding="utf-8")
    finished = lint("article.txt", cwd=tmp_path)
    assert finished.returncode == 2 and "copyedit.toml: key 'source-lang': must be a language code such as 'ru', not 'Russian'" in finished.stderr


def test_a_rule_files_source_languages_are_read_as_language_codes() -> None:
    import pytest

    from copyedit.errors import RuleError
    from copyedit.rules import parse_rule

    rule = "code: XQ901\nname: x\nkind: existence\npatterns: ['zzz']\nseverity: info\nmessage: m\nwhy: w\nexamples: [{{bad: 'zzz'}}, {{ok: 'a'}}]\nsource_lang: {}\n"
    assert parse_rule(rule.format("[ru-RU, UK]"), "house.yml", "user").source_lang == ("ru", "uk")
    with pytest.raises(RuleError, match="'source_lang' must be a language code or a list of them"):
        parse_rule(rule.format("[Russian]"), "house.yml", "user")


def test_a_source_folder_laid_out_as_the_articles_gives_each_its_source(tmp_path: Path) -> None:
    write_parallel_trees(tmp_path, "translated", ARTICLE, SOURCE)
    result = lint("--exit-zero", "translated", "--source-dir", "originals", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = {(f["path"], f["code"]) for f in json.loads(result.stdout)}
    assert found == {("translated/desk/story.txt", "LQ201")}
    assert (
        "translated/alone.txt: warning: no source text in --source-dir (originals/translated/alone.txt,"
        " originals/alone.txt): checked without one"
    ) in result.stderr
    assert "copyedit: 2 files checked (1 against its source) in " in result.stderr
    # a file named on the command line has its source under its own name
    alone = lint("--exit-zero", "translated/desk/story.txt", "--source-dir", "originals/desk", cwd=tmp_path)
    assert [f["code"] for f in json.loads(alone.stdout)] == ["LQ201"] and "warning" not in alone.stderr


def test_source_dir_finds_a_named_files_source_by_its_path_as_pre_commit_names_it(tmp_path: Path) -> None:
    """pre-commit names repository paths from the root: ``news/2026/story.txt`` has its source at
    ``originals/news/2026/story.txt``, not at ``originals/story.txt`` (the name alone, which was all that was looked up)."""
    for folder, text in (("news/2026", ARTICLE), ("originals/news/2026", SOURCE)):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    named = lint("--exit-zero", "--source-dir", "originals", "news/2026/story.txt", cwd=tmp_path)
    assert [f["code"] for f in json.loads(named.stdout)] == ["LQ201"], named.stderr
    assert "warning" not in named.stderr and "(1 against its source)" in named.stderr
    walked = lint("--exit-zero", "--source-dir", "originals", "news", cwd=tmp_path)  # a folder named: the same source
    assert walked.stdout == named.stdout and "warning" not in walked.stderr


def test_source_dir_gives_a_file_the_same_source_named_or_found_in_a_folder(tmp_path: Path) -> None:
    """Folders laid out alike (``translated/desk/story.txt``, ``originals/desk/story.txt``): the article named from
    their parent finds its source as a walk of ``translated`` does; a flat folder of sources serves too."""
    write_parallel_trees(tmp_path, "translated", ARTICLE, SOURCE)
    walked = lint("--exit-zero", "--source-dir", "originals", "translated", cwd=tmp_path)
    named = lint("--exit-zero", "--source-dir", "originals", "translated/desk/story.txt", cwd=tmp_path)
    assert [f["code"] for f in json.loads(named.stdout)] == ["LQ201"] and "warning" not in named.stderr, named.stderr
    assert json.loads(named.stdout) == [f for f in json.loads(walked.stdout) if f["path"] == "translated/desk/story.txt"]
    absolute = lint("--exit-zero", "--source-dir", str(tmp_path / "originals"), str(tmp_path / "translated/desk/story.txt"), cwd=tmp_path)
    assert [f["code"] for f in json.loads(absolute.stdout)] == ["LQ201"] and "warning" not in absolute.stderr
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "story.txt").write_text(SOURCE, encoding="utf-8")
    flat = lint("--exit-zero", "--source-dir", "flat", "translated/desk/story.txt", cwd=tmp_path)
    assert [f["code"] for f in json.loads(flat.stdout)] == ["LQ201"] and "warning" not in flat.stderr
    missing = lint("--exit-zero", "--source-dir", "originals", "translated/alone.txt", cwd=tmp_path)
    assert "no source text in --source-dir (originals/translated/alone.txt, originals/alone.txt)" in missing.stderr


def test_source_dir_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    both = lint("article.txt", "--source", "source.txt", "--source-dir", ".", cwd=tmp_path)
    assert both.returncode == 2 and "--source and --source-dir exclude each other" in both.stderr
    missing = lint("article.txt", "--source-dir", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "--source-dir nowhere: not a folder" in missing.stderr


def test_a_country_code_for_the_source_language_is_refused_on_the_command_line_and_in_a_sidecar_name(tmp_path: Path) -> None:
    """"ua" is Ukraine's code, not Ukrainian's: the source was read as in no language the checks know (a date and a
    number of a correct translation reported), now it is refused with the code meant."""
    (tmp_path / "article.txt").write_text("He paid 6,400 hryvnias on February 10.\n", encoding="utf-8")
    (tmp_path / "original.txt").write_text("Він заплатив 6,4 тисячі гривень 10 лютого.\n", encoding="utf-8")
    result = lint("--source", "original.txt", "--source-lang", "ua", "article.txt", cwd=tmp_path)
    assert result.returncode == 2 and "ua is the country code of Ukraine; Ukrainian is uk" in result.stderr
    (tmp_path / "original.txt").rename(tmp_path / "article.src.ua.txt")
    result = lint("article.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "article.src.ua.txt: the source language in the file name must be a language code such as 'ru', not 'ua': ua is the country code of Ukraine; Ukrainian is uk" in result.stderr
    (tmp_path / "article.src.ua.txt").rename(tmp_path / "article.src.uk.txt")
    result = lint("article.txt", cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)) == (0, []), result.stderr
