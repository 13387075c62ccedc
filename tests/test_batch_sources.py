"""Bilingual checks over archives: ``copyedit batch`` reads each article's source text from its
sidecar file (as ``lint`` does) or from a table column, and checks against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import copyedit
from copyedit.batch import (
    Article,
    BatchSettings,
    fix_frame,
    partition_digest,
    plan_partitions,
    process_article,
    read_partition,
    result_row,
)

from .cli_runner import run_cli
from .conftest import write_parallel_trees

TARGET = "The summit took place on 9 December. The president said 44 people died.\n"
SOURCE = "Саммит прошёл 9 декабря. Президент сказал, что погибли 45 человек.\n"


def _rows(folder: Path, settings: BatchSettings) -> dict[str, dict]:
    rows = {}
    for partition in plan_partitions(folder, settings):
        for article in read_partition(partition, settings):
            rows[article.id] = process_article(article, settings)
    return rows


def _codes(row: dict) -> list[str]:
    return [finding["code"] for finding in json.loads(row["findings"])]


def test_a_sidecar_is_the_source_of_its_article_and_no_article_itself(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(TARGET, encoding="utf-8")
    settings = BatchSettings(check_only=True)
    rows = _rows(tmp_path, settings)
    assert sorted(rows) == ["plain.txt", "story.txt"]
    assert rows["story.txt"] == result_row("story.txt", copyedit.check(TARGET, source=SOURCE, source_lang="ru"))
    [number] = [f for f in json.loads(rows["story.txt"]["findings"]) if f["code"] == "LQ201"]
    assert number["source"]["text"] == "45"
    assert "LQ201" not in _codes(rows["plain.txt"])  # no sidecar: no source, no bilingual check


def test_the_source_language_comes_from_the_option_then_the_sidecar_name(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "story.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    [partition] = plan_partitions(tmp_path, BatchSettings())
    [article] = read_partition(partition, BatchSettings())
    assert (article.source_lang, article.source_name) == ("ru", "story.src.ru.txt")
    given = BatchSettings(check_only=True, source_lang="uk")
    assert process_article(article, given) == result_row("story.txt", copyedit.check(TARGET, source=SOURCE, source_lang="uk"))


def test_a_sidecar_named_with_a_country_code_is_the_articles_error_naming_the_language_meant(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "story.src.ua.txt").write_text(SOURCE, encoding="utf-8")
    row = _rows(tmp_path, BatchSettings())["story.txt"]
    assert row["status"] == "input-error"
    assert row["error"] == (
        "story.src.ua.txt: the source language in the file name must be a language code such as 'ru', not 'ua': "
        "ua is the country code of Ukraine; Ukrainian is uk"
    )


def test_an_unreadable_sidecar_is_the_articles_error_naming_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "desk" / "story.src.txt").write_bytes("Саммит".encode("cp1251"))
    row = _rows(tmp_path, BatchSettings())["desk/story.txt"]
    assert row["status"] == "input-error"
    assert row["error"].startswith("desk/story.src.txt: cannot read the source text: not valid UTF-8 (byte 0xd1 at offset 0); ")
    assert row["error"].endswith("save it as UTF-8 (iconv -f ITS-ENCODING -t UTF-8)")
    (tmp_path / "desk" / "story.src.txt").write_bytes(b"\0\0\0\0")
    error = _rows(tmp_path, BatchSettings())["desk/story.txt"]["error"]
    assert error == "desk/story.src.txt: cannot read the source text: binary file (contains NUL bytes); not a source text"


def test_a_sidecar_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Short.", encoding="utf-8")
    (tmp_path / "story.src.txt").write_text("слово " * 1_000, encoding="utf-8")
    row = _rows(tmp_path, BatchSettings(config=copyedit.Config(max_bytes=5_000)))["story.txt"]
    assert row["error"] == "story.src.txt: the source text is 11,000 bytes, over the limit of 5,000 (max-bytes)"


def test_a_changed_sidecar_changes_the_partition_digest(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TARGET, encoding="utf-8")
    sidecar = tmp_path / "story.src.txt"
    digests = []
    for source in (SOURCE, SOURCE.replace("45", "44")):
        sidecar.write_text(source, encoding="utf-8")
        [partition] = plan_partitions(tmp_path, BatchSettings())
        digests.append(partition_digest(read_partition(partition, BatchSettings()), "run"))
    sidecar.unlink()
    [partition] = plan_partitions(tmp_path, BatchSettings())
    digests.append(partition_digest(read_partition(partition, BatchSettings()), "run"))
    assert len(set(digests)) == 3


def test_tables_take_the_source_and_its_language_from_columns(tmp_path: Path) -> None:
    settings = BatchSettings(check_only=True, source_column="src", source_lang_column="lang")
    table = pa.table({
        "id": ["a", "b", "c", "d"],
        "body": [TARGET] * 4,
        "src": [SOURCE, None, SOURCE, SOURCE],
        "lang": ["ru", None, None, "Russian"],
    })
    path = tmp_path / "articles.parquet"
    pq.write_table(table, path)
    rows = _rows(path, settings)
    assert rows["a"] == result_row("a", copyedit.check(TARGET, source=SOURCE, source_lang="ru"))
    assert rows["b"] == result_row("b", copyedit.check(TARGET))  # an empty source cell: no source
    assert rows["c"] == result_row("c", copyedit.check(TARGET, source=SOURCE))  # the language detected
    assert rows["d"]["error"] == "the 'lang' column must be a language code such as 'ru', not 'Russian'"
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a", "body": TARGET, "src": SOURCE, "lang": "ru"}) + "\n"
        + json.dumps({"id": "e", "body": TARGET, "src": 45}) + "\n",
        encoding="utf-8",
    )
    rows = _rows(jsonl, settings)
    assert rows["a"] == result_row("a", copyedit.check(TARGET, source=SOURCE, source_lang="ru"))
    assert rows["e"]["error"] == "the 'src' column holds int, not text"
    frame = fix_frame(table.to_pandas(), settings)
    assert frame.set_index("id").loc["a", "findings"] == rows["a"]["findings"]


HTML = '<p title="they they">They they left.</p>'


@pytest.mark.parametrize("kind", ["jsonl", "parquet", "frame"])
def test_every_kind_of_table_reads_a_format_source_and_language_column_by_its_default_name(tmp_path: Path, kind: str) -> None:
    # A JSON Lines record's "format" and "source" (the hook's keys) were ignored unless named: HTML was cleaned as
    # text (a doubled word inside a tag's attribute "fixed") and the source went unread. Parquet and frames alike.
    records = [
        {"id": "a", "body": HTML, "format": "html", "source": None, "source_lang": None, "language": None},
        {"id": "b", "body": TARGET, "format": None, "source": SOURCE, "source_lang": "ru", "language": None},
        {"id": "c", "body": TARGET, "format": None, "source": None, "source_lang": None, "language": "de"},
    ]
    settings = BatchSettings(unsafe=True)
    if kind == "frame":
        rows = {row["id"]: row for row in fix_frame(pa.Table.from_pylist(records).to_pandas(), settings).to_dict("records")}
    else:
        path = tmp_path / f"articles.{kind}"
        if kind == "jsonl":  # a record may leave a key out
            path.write_text("".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n" for r in records), encoding="utf-8")
        else:
            pq.write_table(pa.Table.from_pylist(records), path)
        rows = _rows(path, settings)
    assert rows["a"]["body"] == copyedit.fix(HTML, format="html", unsafe=True).text == '<p title="they they">They left.</p>'
    assert rows["b"]["findings"] == result_row("b", copyedit.fix(TARGET, source=SOURCE, source_lang="ru", unsafe=True))["findings"]
    assert "LQ201" in _codes(rows["b"])
    german = copyedit.Config(language="de")
    assert rows["c"]["findings"] == result_row("c", copyedit.fix(TARGET, config=german, unsafe=True))["findings"]


def test_a_default_column_is_not_read_when_turned_off_or_when_the_format_is_set(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a", "body": HTML, "format": "html", "source": SOURCE}) + "\n", encoding="utf-8")
    as_text = result_row("a", copyedit.fix(HTML, unsafe=True))
    assert _rows(path, BatchSettings(unsafe=True, format_column="", source_column=""))["a"] == as_text
    assert _rows(path, BatchSettings(unsafe=True, format="text", source_column=""))["a"] == as_text
    parquet = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": [TARGET]}), parquet)  # no default column: nothing is required
    assert _rows(parquet, BatchSettings(check_only=True))["a"] == result_row("a", copyedit.check(TARGET))


def test_a_source_nested_too_deeply_is_the_rows_error_naming_the_source_not_the_article(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a", "body": TARGET, "format": "markdown", "source": "> " * 120 + SOURCE}) + "\n", encoding="utf-8")
    row = _rows(path, BatchSettings(check_only=True, source_column="source", format_column="format"))["a"]
    assert row["status"] == "input-error"
    assert row["error"].startswith("articles.jsonl@0, column 'source': Markdown nested 99 or more levels deep")


def test_a_table_without_the_source_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": [TARGET]}), path)
    with pytest.raises(copyedit.InputError, match=r"no column 'src' \(columns: id, body\)"):
        plan_partitions(path, BatchSettings(source_column="src"))


def test_a_source_language_that_is_no_language_code_is_refused() -> None:
    with pytest.raises(ValueError, match="source_lang must be a language code such as 'ru', not 'Russian'"):
        BatchSettings(source_lang="Russian")
    assert BatchSettings(source_lang="pt-BR").source_lang == "pt"
    with pytest.raises(copyedit.InputError, match="source_lang must be a language code"):
        copyedit.check(TARGET, source=SOURCE, source_lang="Russian")
    with pytest.raises(ValueError, match="language must be a language code"):
        copyedit.Config(language="English")
    assert process_article(Article("x", TARGET, source=SOURCE, source_lang="ru"), BatchSettings())["status"] == "ok"


@pytest.mark.parametrize("command", [["lint"], ["review", "--no-browser"], ["batch"]])
def test_the_cli_refuses_a_source_language_that_is_no_language_code(command: list[str], tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(TARGET, encoding="utf-8")
    finished = run_cli(*command, "story.txt", *(["out"] if command == ["batch"] else []), "--source-lang", "Russian", cwd=tmp_path)
    assert finished.returncode == 2
    assert "argument --source-lang: must be a language code such as 'ru', not 'Russian'" in finished.stderr.decode()


def test_a_batch_source_folder_laid_out_as_the_articles_gives_each_its_source(tmp_path: Path) -> None:
    write_parallel_trees(tmp_path, "articles", TARGET, SOURCE)
    settings = BatchSettings(check_only=True, source_dir=str(tmp_path / "originals"), source_lang="ru")
    rows = _rows(tmp_path / "articles", settings)
    assert rows["desk/story.txt"] == result_row("desk/story.txt", copyedit.check(TARGET, source=SOURCE, source_lang="ru"))
    assert rows["alone.txt"] == result_row("alone.txt", copyedit.check(TARGET))
    with pytest.raises(copyedit.InputError, match="is not a folder"):
        plan_partitions(tmp_path / "articles", BatchSettings(source_dir=str(tmp_path / "nowhere")))
    table = tmp_path / "articles.jsonl"
    table.write_text(json.dumps({"id": "a", "body": TARGET}) + "\n", encoding="utf-8")
    with pytest.raises(copyedit.InputError, match="is for a folder of articles"):
        plan_partitions(table, settings)


def test_an_empty_source_file_is_warned_of_in_the_articles_row(tmp_path: Path) -> None:
    """lint, the hook, the service and review give the engine's warning of an empty source (``Result.warnings``);
    batch gives it in the row's warnings column (a JSON list, as the service's ``warnings``). An empty table cell is
    no source."""
    (tmp_path / "articles" / "desk").mkdir(parents=True)
    (tmp_path / "articles" / "desk" / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "articles" / "desk" / "story.src.ru.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "articles" / "other.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "articles" / "other.src.txt").write_text(SOURCE, encoding="utf-8")
    rows = _rows(tmp_path / "articles", BatchSettings(check_only=True))
    warning = {"code": "empty-source", "field": "source", "message": "the source has no text (it is empty, or only white space or markup): checked without one"}
    assert json.loads(rows["desk/story.txt"]["warnings"]) == [warning]
    assert rows["desk/story.txt"] == result_row("desk/story.txt", copyedit.check(TARGET, source=" \n"))
    assert rows["other.txt"]["warnings"] == "[]" and "LQ201" in _codes(rows["other.txt"])
    # a counterpart under --source-dir, named as lint names it
    (tmp_path / "originals" / "desk").mkdir(parents=True)
    (tmp_path / "originals" / "desk" / "story.txt").write_text("", encoding="utf-8")
    under = _rows(tmp_path / "articles", BatchSettings(check_only=True, source_dir=str(tmp_path / "originals")))
    assert json.loads(under["desk/story.txt"]["warnings"]) == [warning]
    # a table's empty cell is an article without a source, and says nothing
    [cell] = fix_frame(pandas_frame({"id": ["a"], "body": [TARGET], "source": [""]}), BatchSettings(check_only=True)).to_dict("records")
    assert cell["status"] == "ok" and cell["warnings"] == "[]"


def test_a_source_language_the_source_is_not_written_in_is_warned_of_in_the_articles_row() -> None:
    russian = "Министерство сообщило, что во вторник в Алматы задержаны более 500 человек."
    frame = pandas_frame({"id": ["a"], "body": [TARGET], "source": [russian], "source_lang": ["ja"]})
    [row] = fix_frame(frame, BatchSettings(check_only=True)).to_dict("records")
    [warning] = json.loads(row["warnings"])
    assert (warning["code"], warning["field"]) == ("source-lang-mismatch", "source_lang")
    assert warning["message"].endswith("read as ru, the language detected in it")
    # a source_lang of "" is none given, as in the library, lint and the configuration (it was a ValueError)
    assert BatchSettings(source_lang="") == BatchSettings()


def pandas_frame(columns: dict[str, list[str]]):  # noqa: ANN201  (pandas is optional here)
    pandas = pytest.importorskip("pandas")
    return pandas.DataFrame(columns)


def test_a_batch_source_folder_is_read_as_lint_reads_it_down_to_the_articles_name(tmp_path: Path) -> None:
    """``desk/story.txt`` has its source at ``DIR/desk/story.txt``, else at ``DIR/story.txt``, as for ``lint``."""
    (tmp_path / "articles" / "desk").mkdir(parents=True)
    (tmp_path / "articles" / "desk" / "story.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "story.txt").write_text(SOURCE, encoding="utf-8")
    rows = _rows(tmp_path / "articles", BatchSettings(check_only=True, source_dir=str(tmp_path / "flat"), source_lang="ru"))
    assert rows["desk/story.txt"] == result_row("desk/story.txt", copyedit.check(TARGET, source=SOURCE, source_lang="ru"))


GERMAN = "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n"


def test_a_language_column_gives_each_article_its_own_language(tmp_path: Path) -> None:
    """An archive of several desks: each row says its language, and the rules of English usage run on the English
    ones only (a German row sent as English draws LQ102; with its language, no finding)."""
    settings = BatchSettings(unsafe=True, language_column="language")
    table = pa.table({"id": ["de", "en", "unsaid", "bad"], "body": [GERMAN, TARGET, GERMAN, GERMAN], "language": ["de-AT", "en", None, "Deutsch"]})
    path = tmp_path / "articles.parquet"
    pq.write_table(table, path)
    rows = _rows(path, settings)
    assert rows["de"] == result_row("de", copyedit.fix(GERMAN, unsafe=True, config=copyedit.Config(language="de")))
    assert rows["de"]["body"] == GERMAN and rows["de"]["findings"] == "[]"
    assert rows["en"] == result_row("en", copyedit.fix(TARGET, unsafe=True))
    assert rows["unsaid"]["finding_counts"] == {"LQ102": 1}  # an empty cell: the configuration's language
    assert rows["bad"]["error"] == "the 'language' column must be a language code such as 'ru', not 'Deutsch'"
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"id": "de", "body": GERMAN, "language": "de"}) + "\n", encoding="utf-8")
    assert _rows(jsonl, settings)["de"] == rows["de"]
    frame = fix_frame(table.to_pandas(), settings).set_index("id")
    assert frame.loc["de", "body"] == GERMAN and frame.loc["unsaid", "findings"] == rows["unsaid"]["findings"]
    # a row's language is part of what a rerun compares: the same body in another language is redone
    digests = []
    one = tmp_path / "one.jsonl"
    for language in ("de", "en"):
        one.write_text(json.dumps({"id": "x", "body": GERMAN, "language": language}) + "\n", encoding="utf-8")
        [partition] = plan_partitions(one, settings)
        digests.append(partition_digest(read_partition(partition, settings), "run"))
    assert digests[0] != digests[1]
