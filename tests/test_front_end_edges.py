"""The hook, the service, the glossary, calibration and the library on input a bug hunt found them
wrong on: each case answers with a clear error naming the field, file or line, or with what every
other front end gives.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import anyio
import httpx
import pytest

import copyedit
from copyedit.decisions import DecisionError, read_logged
from copyedit.errors import InputError
from copyedit.qa.glossary import read_csv, read_tbx
from copyedit.service import app as service_app
from copyedit.service.protocol import FieldError, decode_request

from .cli_runner import run_cli

CALQUE = "The CSTO is a mid-government military alliance of six states."


def hook(request: dict, cwd: Path) -> tuple[int, dict]:
    finished = run_cli("hook", cwd=cwd, stdin=json.dumps(request).encode(), timeout=60)
    return finished.returncode, json.loads(finished.stdout)


# --- the same findings from every front end --------------------------------------------------------


def test_a_source_without_its_language_is_detected_by_the_library_as_by_lint(tmp_path: Path) -> None:
    # TR101 is a calque of Turkish: it ran on a Russian source in the library, the hook, the service and batch
    russian = "ОДКБ — межправительственный военный союз шести государств."
    turkish = "KGAÖ, altı devletin hükümetlerarası askeri ittifakıdır."
    assert "TR101" not in {f.code for f in copyedit.check(CALQUE, source=russian).findings}
    assert "TR101" in {f.code for f in copyedit.check(CALQUE, source=turkish).findings}
    (tmp_path / "a.txt").write_text(CALQUE + "\n", encoding="utf-8")
    (tmp_path / "a.src.txt").write_text(russian + "\n", encoding="utf-8")
    status, answer = hook({"body": CALQUE, "source": russian}, tmp_path)
    linted = run_cli("lint", "--format", "json", "a.txt", cwd=tmp_path)
    assert {f["code"] for f in answer["findings"]} == {f["code"] for f in json.loads(linted.stdout)}


# --- requests ------------------------------------------------------------------------------------


def test_a_number_of_more_digits_than_python_reads_is_malformed_json(tmp_path: Path) -> None:
    huge = b'{"body": "x", "metadata": ' + b"9" * 5000 + b"}"
    with pytest.raises(FieldError, match=r"\(request\): malformed JSON: Exceeds the limit"):
        decode_request(huge)
    finished = run_cli("hook", cwd=tmp_path, stdin=huge, timeout=60)
    assert finished.returncode == 2 and json.loads(finished.stdout)["error"]["field"] == "(request)"
    with pytest.raises(DecisionError, match="log.jsonl:1: not JSON"):
        read_logged(['{"rule": ' + "9" * 5000 + "}\n"], "log.jsonl")


def test_a_title_over_the_size_limit_is_named_as_the_title(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text("max-bytes = 1000\n", encoding="utf-8")
    status, answer = hook({"body": "Short body.", "title": "A title " * 200}, tmp_path)
    assert status == 2 and answer["error"]["field"] == "title"
    assert "over the limit of 1,000" in answer["error"]["message"]


def test_an_empty_selector_is_refused_not_taken_for_every_rule(tmp_path: Path) -> None:
    status, answer = hook({"body": CALQUE, "rules": {"severity": {"": "error"}}}, tmp_path)
    assert status == 2 and answer["error"]["field"] == "rules.severity"
    (tmp_path / "copyedit.toml").write_text('[severity]\n"" = "error"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CALQUE, encoding="utf-8")
    linted = run_cli("lint", "a.txt", cwd=tmp_path)
    assert linted.returncode == 2 and "key 'severity': an empty selector" in linted.stderr.decode()


def test_a_finding_decided_two_ways_is_refused_and_the_same_decision_twice_is_one(tmp_path: Path) -> None:
    rejected = {"rule": "TR101", "span": [12, 28], "decision": "rejected"}
    accepted = {"rule": "TR101", "span": [12, 28], "decision": "accepted"}
    status, answer = hook({"body": CALQUE, "decisions": [rejected, accepted]}, tmp_path)
    assert status == 2 and answer["error"]["field"] == "decisions[1]"
    assert "decided otherwise in decisions[0]" in answer["error"]["message"]
    status, answer = hook({"body": CALQUE, "decisions": [accepted, accepted]}, tmp_path)
    assert status == 0 and "intergovernmental" in answer["body"]


def test_the_service_answers_a_stalled_body_408_and_takes_any_case_of_bearer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYEDIT_TOKEN", "secret")
    monkeypatch.setattr(service_app, "BODY_IDLE_SECONDS", 0.2)
    application = service_app.create_app(service_app.ServiceOptions(preload=False))

    async def stalled() -> list[dict]:
        sent: list[dict] = []
        parts = iter([{"type": "http.request", "body": b'{"body": "The', "more_body": True}])

        async def receive() -> dict:
            part = next(parts, None)
            if part is None:
                await anyio.sleep(60)  # the client sends nothing more
            return part  # type: ignore[return-value]

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {
            "type": "http", "method": "POST", "path": "/v1/check", "raw_path": b"/v1/check", "query_string": b"",
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"100"), (b"authorization", b"bearer secret")],
            "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": "",
        }
        with anyio.fail_after(10):
            await application(scope, receive, send)
        return sent

    sent = anyio.run(stalled)
    assert sent[0]["status"] == 408
    assert b"nothing arrived for 0.2 s" in b"".join(m.get("body", b"") for m in sent)

    async def lower_case_scheme() -> int:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://copyedit") as session:
            response = await session.post("/v1/check", json={"body": CALQUE}, headers={"Authorization": "bearer secret"})
            return response.status_code

    assert anyio.run(lower_case_scheme) == 200


# --- commands that write files -------------------------------------------------------------------


def test_a_csv_glossary_with_a_quotation_mark_left_open_is_an_error_at_its_line() -> None:
    text = "source,target,forbidden,note\nx,administration,\"mid-government,\ny,council,municipality,\nz,Türkiye,Turkey,\n"
    with pytest.raises(InputError, match=r"g.csv:2: unexpected end of data \(a quotation mark left open\?\)"):
        read_csv(text, "g.csv")
    # a row's line is the line it starts on, whatever the rows before it hold
    spread = 'a,administration,"mid-government"\n\n# a comment\nb,"council",municipality,note,extra\n'
    with pytest.raises(InputError, match="g.csv:4: expected 2 to 4 columns"):
        read_csv(spread, "g.csv")


def test_a_tbx_target_language_reads_with_its_region_and_in_capitals() -> None:
    tbx = """<tbx><text><body><termEntry>
      <langSet xml:lang="ru"><tig><term>хокимият</term></tig></langSet>
      <langSet xml:lang="en-GB"><tig><term>administration</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>mid-government</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet></termEntry></body></text></tbx>"""
    for lang in ("en", "en-GB", "EN"):
        assert [(e.target, e.forbidden) for e in read_tbx(tbx, lang)] == [("administration", ("mid-government",))]


@pytest.mark.parametrize(
    "command",
    [
        ("import-glossary", "g.csv", "-o", "missing/g.yml"),
        ("calibrate", "log.jsonl", "-o", "missing/house.toml"),
    ],
)
def test_an_output_file_in_a_missing_folder_is_an_error_naming_it(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "g.csv").write_text("source,target,forbidden\nx,administration,mid-government\n", encoding="utf-8")
    (tmp_path / "log.jsonl").write_text("", encoding="utf-8")
    finished = run_cli(*command, cwd=tmp_path)
    assert finished.returncode == 2
    assert "missing/" in finished.stderr.decode() and "Traceback" not in finished.stderr.decode()
    assert not (tmp_path / "missing").exists()


# --- ports ---------------------------------------------------------------------------------------


def test_a_port_out_of_range_or_in_use_is_refused_before_the_server_starts(tmp_path: Path) -> None:
    for command in (("serve", "--port", "70000"), ("review", "article.txt", "--port", "-1")):
        finished = run_cli(*command, cwd=tmp_path)
        assert finished.returncode == 2 and "a port is a number from 0 to 65535" in finished.stderr.decode()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        finished = subprocess.run(
            [sys.executable, "-m", "copyedit", "serve", "--port", str(port), "--no-preload"],
            cwd=tmp_path, capture_output=True, timeout=60,
        )
    assert finished.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in finished.stderr.decode()


def test_a_jsonl_archive_without_the_body_column_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "They they left."}\n{"id": "b", "text": "Ok."}\n', encoding="utf-8")
    # a process of its own: the Dask tests' background threads change the logging state of the test process
    finished = subprocess.run([sys.executable, "-m", "copyedit", "batch", "in.jsonl", "out"], cwd=tmp_path, capture_output=True, timeout=120)
    assert finished.returncode == 2
    assert "in.jsonl: the first record has no 'body' (it has: id, text)" in finished.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_articles_whose_names_start_with_an_underscore_are_batch_articles(tmp_path: Path) -> None:
    from copyedit.batch.articles import BatchSettings
    from copyedit.batch.partitions import plan_partitions

    (tmp_path / "_drafts").mkdir()
    for name in ("a.txt", "_index.md", "_drafts/d.txt", ".hidden.txt"):
        (tmp_path / name).write_text(CALQUE, encoding="utf-8")
    planned = plan_partitions(tmp_path, BatchSettings())
    assert [name for partition in planned for name in partition.members] == ["_drafts/d.txt", "_index.md", "a.txt"]
    # a table's folder keeps skipping what Spark writes beside its parts
    tables = tmp_path / "table"
    tables.mkdir()
    (tables / "_SUCCESS").write_bytes(b"")
    (tables / "part-0.jsonl").write_text('{"id": "a", "body": "They they left."}\n', encoding="utf-8")
    assert [partition.kind for partition in plan_partitions(tables, BatchSettings())] == ["jsonl"]


def test_an_empty_pandas_cell_is_an_empty_cell() -> None:
    import pandas

    from copyedit.batch.articles import BatchSettings, table_article

    settings = BatchSettings(source_column="source")
    assert table_article("a", CALQUE, None, "row 0", settings, source=pandas.NA).problem is None
    assert table_article(pandas.NA, CALQUE, None, "row 1", settings).problem == "row 1: the id column 'id' is null: an article needs an id"
    assert table_article("c", pandas.NA, None, "row 2", settings).problem == "the body column 'body' is null: no text to check"


def test_a_repeated_list_item_is_found_however_long_its_word() -> None:
    # the pattern is tried in the text a candidate's word can reach (twice the word, and what follows): all of it
    word = "rash" * 150
    text = f"It may cause itching, {word}, {word}, etc."
    assert [f.code for f in copyedit.check(text, config=copyedit.Config(select=("MT110",))).findings] == ["MT110"]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: copyedit.fix("They they left.", unsafe="no"), "unsafe must be True or False, not 'no'"),
        (lambda: copyedit.check("x", time_limit=float("nan")), "time_limit must be a positive number of seconds, not nan"),
        (lambda: copyedit.check("x", time_limit="5"), "time_limit must be a positive number of seconds, not '5'"),
        (lambda: copyedit.check("x", config={"ignore": ["C401"]}), "config must be a copyedit.Config, not dict"),
        (lambda: copyedit.check("x", source=b"bytes"), "source must be text \\(str\\), not bytes"),
        (lambda: copyedit.Config(per_file_ignores="x"), "per_file_ignores must map globs to rule selectors"),
    ],
)
def test_library_arguments_of_the_wrong_kind_are_refused_naming_them(call, message: str) -> None:
    with pytest.raises((TypeError, ValueError, InputError), match=message):
        call()


def test_a_folder_s_articles_are_found_whatever_the_case_of_their_extension_and_alike_everywhere(tmp_path: Path) -> None:
    """Archives from Windows hold STORY.TXT and PAGE.HTML: ``lint``, ``batch`` and ``chrome learn`` find them in a
    folder, as they read them when named; the three take one list (``files.articles_in``)."""
    from copyedit.batch.articles import BatchSettings
    from copyedit.batch.partitions import plan_partitions
    from copyedit.cli.chrome import _articles

    archive = tmp_path / "archive"
    (archive / "desk").mkdir(parents=True)
    names = ("a.txt", "desk/story.TXT", "page.HTML", "b.MD", "c.Markdown", "notes.rst", "data.csv", ".hidden.TXT",
             "story.src.RU.TXT", "README")
    for name in names:
        (archive / name).write_text(CALQUE + "\n", encoding="utf-8")
    finished = run_cli("lint", "--exit-zero", "--format", "json", "archive", cwd=tmp_path)
    linted = sorted({finding["path"].removeprefix("archive/") for finding in json.loads(finished.stdout)})
    assert linted == ["a.txt", "b.MD", "c.Markdown", "desk/story.TXT", "page.HTML"], finished.stderr
    [partition] = plan_partitions(archive, BatchSettings())
    assert sorted(partition.members) == linted
    learned, pages, _ = _articles([str(archive)])
    assert sorted(path.relative_to(archive).as_posix() for path in learned) == ["a.txt", "b.MD", "c.Markdown", "desk/story.TXT"]
    assert pages == 1  # page.HTML: a whole page's chrome is BP120's
    # an exclude glob matches an upper-case extension as the include globs do
    finished = run_cli("lint", "--exit-zero", "--format", "json", "--exclude", "*.md", "archive", cwd=tmp_path)
    assert "archive/b.MD" not in {finding["path"] for finding in json.loads(finished.stdout)}


def test_batch_takes_the_configuration_s_include_and_exclude_as_lint_does(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("a.txt", "b.rst", "drafts.txt"):
        (archive / name).write_text(CALQUE + "\n", encoding="utf-8")
    (tmp_path / "copyedit.toml").write_text('include = ["*.txt", "*.rst"]\nexclude = ["drafts.txt"]\n', encoding="utf-8")
    from copyedit.cli.batch import _config
    from copyedit.batch.articles import BatchSettings
    from copyedit.batch.partitions import plan_partitions

    config, selection = _config(str(tmp_path / "copyedit.toml"))
    [partition] = plan_partitions(archive, BatchSettings(config=config, selection=selection))
    assert partition.members == ("a.txt", "b.rst")


def test_a_configuration_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Windows Notepad saves UTF-8 with a byte-order mark; tomllib refuses it ("Invalid statement at line 1,
    # column 1"), which named neither the mark nor a key. Articles, glossaries and rule files take a mark already.
    (tmp_path / "a.txt").write_text("They met on on Monday.\n", encoding="utf-8")
    (tmp_path / "copyedit.toml").write_bytes(b'\xef\xbb\xbfselect = ["C401"]\r\nfail-on = "info"\r\n')
    done = run_cli("lint", "--format", "json", "a.txt", cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode()
    assert [finding["code"] for finding in json.loads(done.stdout)] == ["C401"]
    assert hook({"body": "They met on on Monday."}, tmp_path)[1]["findings"][0]["code"] == "C401"
    # a pyproject.toml with a mark and no copyedit table does not hide the configuration of the folder above
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "pyproject.toml").write_bytes(b'\xef\xbb\xbf[project]\nname = "desk"\n')
    (tmp_path / "desk" / "b.txt").write_text("They met on on Monday.\n", encoding="utf-8")
    below = run_cli("lint", "--format", "json", "desk/b.txt", cwd=tmp_path)
    assert below.returncode == 1 and [finding["code"] for finding in json.loads(below.stdout)] == ["C401"]
    # calibrate merges into it and keeps the mark, as lint --fix keeps an article's
    accepted = [{"rule": "C401", "span": [9, 14], "decision": "accepted", "article": f"a{n}.txt", "time": "2026-12-01T10:00:00Z"}
                for n in range(40)]
    (tmp_path / "log.jsonl").write_text("".join(json.dumps(item) + "\n" for item in accepted), encoding="utf-8")
    merged = run_cli("calibrate", "log.jsonl", "-o", "copyedit.toml", cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr.decode()
    written = (tmp_path / "copyedit.toml").read_bytes()
    assert written.startswith(b'\xef\xbb\xbfselect = ["C401"]') and b'C401 = "safe"' in written, written


def test_calibrate_merging_into_a_configuration_keeps_its_crlf_line_ends(tmp_path: Path) -> None:
    # "every other line and comment stays": the merge writes the file's own line ends, so it must see them
    house = 'fail-on = "info"  # house rule\r\n\r\n[applicability]\r\nNM101 = "safe"\r\n'
    (tmp_path / "copyedit.toml").write_bytes(house.encode("utf-8"))
    accepted = [{"rule": "C401", "span": [9, 14], "decision": "accepted", "article": f"a{n}.txt", "time": "2026-12-01T10:00:00Z"}
                for n in range(40)]
    (tmp_path / "log.jsonl").write_text("".join(json.dumps(item) + "\n" for item in accepted), encoding="utf-8")
    merged = run_cli("calibrate", "log.jsonl", "-o", "copyedit.toml", cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr.decode()
    written = (tmp_path / "copyedit.toml").read_bytes().decode("utf-8")
    assert written == house + 'C401 = "safe"  # 40 of 40 accepted (100.0%); was unsafe\r\n'


@pytest.mark.parametrize("field", ["body", "title", "source"])
def test_a_lone_surrogate_is_refused_naming_its_field(field: str) -> None:
    from copyedit.service.protocol import parse_article

    request = {"body": "They met on Monday.", field: "caf\\ud800"}
    with pytest.raises(FieldError) as refused:
        parse_article(decode_request(json.dumps(request).replace("\\\\ud800", "\\ud800").encode()))
    assert refused.value.field == field and "lone surrogate" in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "field"),
    [(b'{"body": "The draft.", "body": "The final text."}', "body"),
     (b'{"body": "x", "rules": {"severity": {"C401": "error", "C401": "info"}}}', "C401")],
)
def test_a_field_given_twice_is_refused_not_read_as_its_last_value(raw: bytes, field: str) -> None:
    # json.loads keeps the last of two values silently: the hook would judge a body the publisher did not mean
    with pytest.raises(FieldError) as refused:
        decode_request(raw)
    assert refused.value.field == field and "twice" in str(refused.value)


def test_the_service_answers_a_field_given_twice_422_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPYEDIT_TOKEN", raising=False)
    application = service_app.create_app(service_app.ServiceOptions(preload=False))

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://copyedit") as session:
            return await session.post("/v1/fix", content=b'{"body": "The draft.", "body": "The final text."}',
                                      headers={"Content-Type": "application/json"})

    response = anyio.run(post)
    assert response.status_code == 422 and response.json()["error"]["field"] == "body"


def test_a_csv_glossary_header_of_two_columns_is_a_header_not_a_term() -> None:
    # "source,target" is the usual header of a key-term list; only "source,target,forbidden" was taken as a header,
    # so this one became the key term "source" → "target", with an example written from it
    entries = read_csv("source,target\nКиев,Kyiv\n", "terms.csv")
    assert [(entry.source, entry.target) for entry in entries] == [("Киев", "Kyiv")]
    assert [entry.target for entry in read_csv("Source,Target,Note\nКиев,Kyiv,city\n", "terms.csv")] == ["Kyiv"]


def test_a_csv_glossary_header_in_another_order_is_read_by_its_names() -> None:
    # the columns were read by position: a header "target,forbidden" turned every row around without a word
    [entry] = read_csv("target,forbidden\ncolor,colour\n", "terms.csv")
    assert (entry.source, entry.target, entry.forbidden) == ("", "color", ("colour",))
    with pytest.raises(InputError, match=r"terms.csv:1: a header row: unknown column 'comment'"):
        read_csv("source,target,comment\nКиев,Kyiv,city\n", "terms.csv")


def test_a_glossary_of_key_terms_imported_as_substitutions_points_to_key_terms(tmp_path: Path) -> None:
    # "source,target" rows are key terms: without --key-terms the import stopped at "nothing to substitute"
    (tmp_path / "terms.csv").write_text("source,target\nхокимият,municipality\n", encoding="utf-8")
    refused = run_cli("import-glossary", "terms.csv", "-o", "terms.yml", cwd=tmp_path)
    assert refused.returncode == 2 and b"nothing to substitute" in refused.stderr and b"--key-terms" in refused.stderr
    imported = run_cli("import-glossary", "terms.csv", "--key-terms", "-o", "terms.yml", cwd=tmp_path)
    assert imported.returncode == 0 and imported.stdout == b"wrote terms.yml: rule KT101 (terms) with 1 key term\n"  # not "1 key terms"


def test_a_glossary_variant_with_a_no_break_space_matches_a_plain_space_too(tmp_path: Path) -> None:
    # a TBX exported from a word processor wrote "Supreme\u00a0Rada": the rule matched only that, and MT's
    # "Supreme Rada" (a plain space) was left as it was
    (tmp_path / "terms.csv").write_text(
        "source,target,forbidden\nВерховная рада,Verkhovna Rada,Supreme\u00a0Rada\n,10 km,10\u00a0km\n", encoding="utf-8"
    )
    assert run_cli("import-glossary", "terms.csv", "-o", "terms.yml", cwd=tmp_path).returncode == 0
    config = copyedit.Config(packs=(), rule_paths=(str(tmp_path / "terms.yml"),))
    fixed = copyedit.fix("The Supreme Rada met. The Supreme\u00a0Rada met. It is 10\u00a0km away.", config=config).text
    assert fixed == "The Verkhovna Rada met. The Verkhovna Rada met. It is 10 km away."
