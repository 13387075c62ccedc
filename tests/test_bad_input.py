"""Hostile input in every front end: answered with the documented error or processed, never a
traceback, never a hang. Every case runs under a time limit (a subprocess timeout, or an alarm
for in-process library calls and commands).

A command runs in the test process (``tests/cli_runner.py``) when what it is given is bytes; in a
process of its own when it meets something that could hang or take the process down: special files,
a device as its stdin, ``--jobs`` workers, a Dask cluster.

The inputs: named pipes, sockets and device files (in a folder and named explicitly), folders
named like articles, JSON, HTML and Markdown nested 1,000 deep, a 50 MB file, a 200 KB single
line, NUL bytes, invalid UTF-8 and lone surrogates. ``benchmarks/soak_bad_input.py`` runs the
same kinds of input longer and larger.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import copyedit

from .cli_runner import alarm, run_cli

TIME_LIMIT = 60  # seconds: a case that takes longer has hung
HUGE = 50 << 20  # bytes: over the default max_bytes (10 MB)
ARTICLE = "Send an e-mail.\n"  # HS101 below fixes it safely, whatever the built-in rules' fix safety
LONG_LINE = ("The minister said the talks would go on, and the the delegates agreed. " * 2900)[:200_000]
DEEP_HTML = "<div>" * 1000 + "<p>They they left.</p>" + "</div>" * 1000
DEEP_MARKDOWN = "> " * 1000 + ARTICLE
DEEP_LIST = "".join("  " * depth + "- item\n" for depth in range(1000)) + ARTICLE
DEEP_JSON = b'{"body": "x", "title": ' + b"[" * 1000 + b"]" * 1000 + b"}"
FIXED = "Send an email.\n"
HOUSE_RULE = """\
code: HS101
name: house-email
kind: substitution
swap:
  e-mail: email
severity: warning
applicability: safe
message: Use “{replacement}”, not “{match}”
why: House style.
examples:
  - bad: "Send an e-mail."
    good: "Send an email."
  - ok: "Send an email."
"""


def time_limit(seconds: float = TIME_LIMIT) -> contextlib.AbstractContextManager[None]:
    """Fail the test (instead of hanging it) when the block runs longer than ``seconds``."""
    return alarm(seconds, TimeoutError(f"took longer than {seconds} s"))


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``copyedit ARGS`` run in this process, with ``stdin`` as its input."""
    finished = run_cli(*args, cwd=cwd, stdin=stdin, timeout=TIME_LIMIT)
    assert b"Traceback" not in finished.stderr, finished.stderr.decode(errors="replace")
    return finished


def run_process(*args: str, cwd: Path, stdin_file: str | None = None) -> subprocess.CompletedProcess:
    """``python -m copyedit ARGS`` in a process of its own, its stdin the file ``stdin_file`` if given."""
    with open(stdin_file, "rb") if stdin_file else contextlib.nullcontext() as handle:
        finished = subprocess.run(
            [sys.executable, "-m", "copyedit", *args], stdin=handle, capture_output=True, cwd=cwd, timeout=TIME_LIMIT, check=False,
        )
    assert b"Traceback" not in finished.stderr, finished.stderr.decode(errors="replace")
    return finished


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Path]:
    """A folder of articles next to everything that is not one."""
    (tmp_path / "house.yml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / "copyedit.toml").write_text('rules = ["house.yml"]\n', encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(news / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(news / "sock.txt"))
    (news / "zero.txt").symlink_to("/dev/zero")  # a device: reading it never ends
    (news / "story.txt").mkdir()  # a folder named like an article
    (news / "story.txt" / "inner.txt").write_text(ARTICLE, encoding="utf-8")
    (news / "deep.html").write_text(DEEP_HTML, encoding="utf-8")
    (news / "deep.md").write_text(DEEP_MARKDOWN, encoding="utf-8")
    (news / "list.md").write_text(DEEP_LIST, encoding="utf-8")
    (news / "long.txt").write_text(LONG_LINE, encoding="utf-8")
    (news / "nul.txt").write_bytes(b"They\0 left.\n")
    (news / "latin.txt").write_bytes(b"Caf\xe9 society.\n")
    (news / "surrogate.txt").write_bytes(b"A lone \xed\xb3\xbf surrogate.\n")
    with open(news / "huge.txt", "wb") as huge:
        huge.truncate(HUGE)  # sparse: 50 MB of NUL bytes, written instantly
    (news / "huge-text.txt").write_bytes(b"word " * (HUGE // 5))
    yield news
    listener.close()


READABLE = ["news/deep.html", "news/long.txt", "news/ok.txt", "news/story.txt/inner.txt"]
DEEP = "Markdown nested 99 or more levels deep (a block quote counts one level, a list item two)"
REFUSED = {
    "news/deep.md": DEEP,
    "news/list.md": DEEP,
    "news/nul.txt": "binary file (contains NUL bytes)",
    "news/huge.txt": "binary file (contains NUL bytes)",
    "news/huge-text.txt": "document is 52,428,800 bytes, over the limit of 10,000,000 (max-bytes)",
    "news/latin.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
    "news/surrogate.txt": "not valid UTF-8 (byte 0xed at offset 7)",
}


# --- copyedit lint ---------------------------------------------------------------------------


def test_lint_a_hostile_folder(hostile: Path) -> None:
    finished = run_process("lint", "--isolated", "--format", "json", "--jobs", "2", "news", cwd=hostile.parent)
    assert finished.returncode == 2  # the unreadable files are errors; the rest is linted
    assert {record["path"] for record in json.loads(finished.stdout)} <= set(READABLE)
    stderr = finished.stderr.decode()
    errors = sorted(line.split(": ")[2] for line in stderr.splitlines() if line.startswith("copyedit: error: "))
    assert errors == sorted(REFUSED)
    for path, problem in REFUSED.items():
        assert f"copyedit: error: {path}: {problem}" in stderr, path
    assert f"{len(READABLE) + len(REFUSED)} files checked" in stderr
    for special in ("pipe.txt", "sock.txt", "zero.txt"):
        assert special not in stderr  # skipped in a folder: not regular files


@pytest.mark.parametrize(
    ("path", "kind"),
    [("news/pipe.txt", "named pipe"), ("news/sock.txt", "socket"), ("news/zero.txt", "character device"), ("/dev/null", "character device")],
)
def test_lint_refuses_a_special_file_named_explicitly(hostile: Path, path: str, kind: str) -> None:
    finished = run_process("lint", "--isolated", "--rules", "house.yml", path, "news/ok.txt", cwd=hostile.parent)
    assert finished.returncode == 2
    assert f"{path}: not a regular file ({kind}); not an article" in finished.stderr.decode()
    assert b"news/ok.txt:1:" in finished.stdout  # the other file is still linted


def test_lint_fix_on_a_hostile_folder_writes_only_whole_articles(hostile: Path) -> None:
    before = {path: path.read_bytes() for path in hostile.rglob("*") if path.is_file() and path.stat().st_size < 1 << 20}
    finished = run_process("lint", "--isolated", "--rules", "house.yml", "--fix", "--jobs", "2", "news", cwd=hostile.parent)
    assert finished.returncode == 2
    assert (hostile / "ok.txt").read_text(encoding="utf-8") == FIXED
    for path, data in before.items():  # refused files are untouched
        if str(path.relative_to(hostile.parent)) in REFUSED:
            assert path.read_bytes() == data
    assert not list(hostile.rglob(".copyedit-*"))  # no temporary file left behind


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"They\0 left.\n", "binary file (contains NUL bytes)"),
        (b"Caf\xe9.\n", "not valid UTF-8"),
        (b"A \xed\xb3\xbf.\n", "not valid UTF-8"),
    ],
)
def test_lint_stdin_refuses_what_is_not_text(tmp_path: Path, data: bytes, problem: str) -> None:
    finished = run("lint", "--isolated", "--fix", "-", cwd=tmp_path, stdin=data)
    assert finished.returncode == 2 and finished.stdout == b""
    assert f"copyedit: error: -: {problem}" in finished.stderr.decode()


def test_lint_names_a_source_nested_too_deeply_not_the_article(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "original.md").write_text(DEEP_MARKDOWN, encoding="utf-8")
    finished = run("lint", "--isolated", "story.md", "--source", "original.md", cwd=tmp_path)
    assert finished.returncode == 2
    assert f"copyedit: error: story.md: source text original.md: {DEEP}" in finished.stderr.decode()


def test_the_library_names_the_source_nested_too_deeply() -> None:
    with time_limit(), pytest.raises(copyedit.errors.SourceError, match=r"^source: Markdown nested 99") as raised:
        copyedit.check(ARTICLE, format="markdown", source=DEEP_MARKDOWN)
    assert raised.value.problem.startswith(DEEP)


def test_lint_stdin_from_a_device_is_bounded(tmp_path: Path) -> None:
    finished = run_process("lint", "--isolated", "-", cwd=tmp_path, stdin_file="/dev/null")
    assert finished.returncode == 0


# --- the library -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "format"),
    [
        (DEEP_HTML, "html"),
        (LONG_LINE, "text"),
        ("They\0 they left.", "text"),
        ("<p>They\0 they left.</p>", "html"),
        ("They \udcff they left.", "text"),
        ("<p>They \ud800 they left.</p>", "html"),
        ("They \udfff they *left*.", "markdown"),
    ],
)
def test_the_library_processes_odd_text(text: str, format: str) -> None:
    with time_limit():
        result = copyedit.fix(text, format=format)
    assert copyedit.apply_edits(result.original, result.edits) == result.text


@pytest.mark.parametrize("text", [DEEP_MARKDOWN, DEEP_LIST])
def test_the_library_refuses_markdown_nested_deeper_than_it_reads(text: str) -> None:
    with time_limit(), pytest.raises(copyedit.InputError, match=DEEP.replace("(", r"\(").replace(")", r"\)")):
        copyedit.fix(text, format="markdown")


def test_text_after_a_list_nested_ten_deep_is_checked() -> None:
    # markdown-it's commonmark preset reads 20 levels (a list item is two) and skips the rest without a word:
    # the article's every line after this list went unchecked, and lint said "0 findings"
    nested = "".join("    " * depth + f"- item {depth}\n" for depth in range(11))
    result = copyedit.check(f"Intro.\n\n{nested}\nThey met on on Monday.\n", format="markdown")
    assert [finding.text for finding in result.findings if finding.code == "C401"] == ["on on"]


def test_the_library_refuses_a_50_mb_document() -> None:
    with time_limit(), pytest.raises(copyedit.InputError, match="over the limit of 10,000,000"):
        copyedit.fix("word " * (HUGE // 5))


# --- copyedit hook ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_bytes", "field", "message"),
    [
        (DEEP_JSON, "(request)", "nested too deeply"),
        (b'{"body": "Caf\xe9"}', "(request)", "not UTF-8"),
        (b'{"body": "A lone \\udcff surrogate"}', "body", "lone surrogate"),
        (b'{"body": "x", "rules": {"select": ["C4O1"]}}', "rules.select", "unknown rule selector 'C4O1'"),
        (json.dumps({"body": "word " * (HUGE // 5)}).encode(), "body", "over the limit of 10,000,000"),
        (json.dumps({"body": DEEP_MARKDOWN, "format": "markdown"}).encode(), "body", DEEP),
        # a source nested too deeply is the source's fault: the body is fine
        (json.dumps({"body": ARTICLE, "format": "markdown", "source": DEEP_MARKDOWN}).encode(), "source", DEEP),
        (json.dumps({"body": ARTICLE, "source": DEEP_LIST, "source_format": "markdown"}).encode(), "source", DEEP),
    ],
)
def test_hook_answers_bad_requests_with_the_error_object(tmp_path: Path, request_bytes: bytes, field: str, message: str) -> None:
    finished = run("hook", cwd=tmp_path, stdin=request_bytes)
    assert finished.returncode == 2
    error = json.loads(finished.stdout)["error"]
    assert error["field"] == field and message in error["message"]


@pytest.mark.parametrize(
    "request_value",
    [
        {"body": DEEP_HTML, "format": "html"},
        {"body": LONG_LINE},
        {"body": "They\0 they left."},
    ],
)
def test_hook_processes_odd_articles(tmp_path: Path, request_value: dict) -> None:
    finished = run("hook", cwd=tmp_path, stdin=json.dumps(request_value).encode())
    assert finished.returncode in (0, 1)
    assert json.loads(finished.stdout)["verdict"] in ("pass", "review", "block")


def test_hook_reading_a_device_is_bounded(tmp_path: Path) -> None:
    finished = run_process("hook", cwd=tmp_path, stdin_file="/dev/zero")
    assert finished.returncode == 2
    assert json.loads(finished.stdout)["error"]["field"] == "(request)"


# --- copyedit serve (a real server on 127.0.0.1) -----------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("httpx")
    pytest.importorskip("uvicorn")
    from .test_service import Server

    running = Server(tmp_path_factory.mktemp("bad-input-service"), "--max-body", str(20 << 20))
    yield running
    running.stop()


@pytest.mark.parametrize(
    ("content", "status", "field"),
    [
        (DEEP_JSON, 400, None),
        (b'{"body": "Caf\xe9"}', 400, None),
        (b'{"body": "A lone \\udcff surrogate"}', 422, "body"),
        (b'{"body": "x", "rules": {"ignore": ["no-such-rule"]}}', 422, "rules.ignore"),
        (json.dumps({"body": "word " * (3 << 20)}).encode(), 422, "body"),  # 15 MB: over max-bytes, under --max-body
        (b"x" * (21 << 20), 413, None),
        (json.dumps({"body": DEEP_HTML, "format": "html"}).encode(), 200, None),
        (json.dumps({"body": ARTICLE, "format": "markdown", "source": DEEP_MARKDOWN}).encode(), 422, "source"),
        (json.dumps({"body": LONG_LINE}).encode(), 200, None),
        (json.dumps({"body": "They\0 they left."}).encode(), 200, None),
    ],
)
def test_service_answers_hostile_requests(server, content: bytes, status: int, field: str | None) -> None:
    import httpx

    response = httpx.post(
        f"{server.url}/v1/fix", content=content, headers={"Content-Type": "application/json"}, timeout=TIME_LIMIT
    )
    assert response.status_code == status, response.text
    if status != 200:
        assert response.json()["error"].get("field") == field
    assert server.process.poll() is None


# --- copyedit batch (a real local Dask cluster) ----------------------------------------------


def test_batch_over_a_hostile_folder(hostile: Path) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from copyedit.batch import read_output

    finished = subprocess.run(
        [sys.executable, "-m", "copyedit", "batch", str(hostile), str(hostile.parent / "out"), "--workers", "1", "-q",
         "--config", str(hostile.parent / "copyedit.toml")],
        capture_output=True, timeout=180, check=False, cwd=hostile.parent,
    )
    assert b"Traceback" not in finished.stderr, finished.stderr.decode(errors="replace")
    assert finished.returncode == 1  # finished, with some article errors recorded
    rows = read_output(hostile.parent / "out").set_index("id")
    assert set(rows.index) == {"deep.html", "deep.md", "list.md", "long.txt", "ok.txt", "story.txt/inner.txt",
                               "nul.txt", "huge.txt", "huge-text.txt", "latin.txt", "surrogate.txt"}
    assert (rows.loc[["huge.txt", "huge-text.txt", "latin.txt", "surrogate.txt"], "status"] == "input-error").all()
    assert rows.loc["ok.txt", "body"] == FIXED


def test_batch_json_lines_with_hostile_lines(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from copyedit.batch import BatchSettings, plan_partitions, process_partition, read_output, run_fingerprint

    lines = [
        b'{"id": "ok", "body": "They they left."}',
        b'{"id": "surrogate", "body": "A lone \\udcff surrogate"}',
        # too deep for the json module on every Python (3.12 reads 1,000 levels, which 3.11 did not)
        b'{"id": "deep", "body": "x", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"id": "nul", "body": "They\\u0000 left."}',
        b'{"id": "latin", "body": "Caf\xe9"}',
    ]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (tmp_path / "out").mkdir()
    settings = BatchSettings()
    with time_limit():
        for partition in plan_partitions(tmp_path / "in.jsonl", settings):
            process_partition(partition, str(tmp_path / "out"), settings, run_fingerprint(settings))
    rows = read_output(tmp_path / "out")
    statuses = dict(zip(rows["id"], rows["status"]))
    assert statuses["ok"] == statuses["nul"] == "ok"
    assert statuses["surrogate"] == statuses["latin"] == "input-error"
    assert "JSON nested too deeply" in " ".join(rows["error"].dropna())


@pytest.mark.parametrize(
    "arguments",
    [
        ["lint", "--source", "PIPE", "--source-lang", "ru", "article.txt"],
        ["lint", "--config", "PIPE", "article.txt"],
        ["lint", "--rules", "PIPE", "article.txt"],
        ["import-glossary", "PIPE", "-o", "out.yml"],
        ["names", "import", "PIPE", "-o", "out.jsonl"],
        ["calibrate", "PIPE"],
    ],
    ids=["source", "config", "rules", "glossary", "names", "calibrate"],
)
def test_a_named_pipe_nobody_writes_to_is_refused_by_name_not_waited_on(tmp_path: Path, arguments: list[str]) -> None:
    """A file the user names may be a pipe (a shell's <(…) is one), but one with no writer is refused in the
    words every command uses: opening it the usual way waited for a writer for ever, and reading it as empty
    ran with no configuration, no rules or no source text without a word."""
    (tmp_path / "article.txt").write_text("The ministry said on Tuesday that the talks would go on.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    finished = run_cli(*("pipe" if a == "PIPE" else a for a in arguments), cwd=tmp_path, timeout=30)
    stderr = finished.stderr.decode()
    assert finished.returncode == 2, stderr
    assert "pipe: cannot read" in stderr and "named pipe with no writer" in stderr and "Traceback" not in stderr, stderr


def test_a_pipe_with_a_writer_is_read_to_its_end(tmp_path: Path) -> None:
    """A named pipe that something writes to (as a shell's ``<(…)``) is read whole, however slowly the writer
    starts and however much it writes (more than one pipe buffer, and more than the first read takes)."""
    import threading
    import time

    from copyedit.files import read_named

    os.mkfifo(tmp_path / "pipe")
    data = b"".join(b"line %d\n" % n for n in range(100_000))

    def write(delay: float) -> None:
        with open(tmp_path / "pipe", "wb") as pipe:  # waits for the reader to open the pipe
            time.sleep(delay)
            pipe.write(data)

    for delay in (0.0, 0.3):
        writer = threading.Thread(target=write, args=(delay,))
        writer.start()
        try:
            with alarm(30):
                while True:  # the reader must open after the writer began to wait in open()
                    time.sleep(0.05)
                    try:
                        assert read_named(tmp_path / "pipe") == data
                        break
                    except OSError as error:  # the writer's thread had not reached its open() yet
                        assert "no writer" in str(error)
        finally:
            writer.join(30)
    # as a shell's <(…) gives it: a pipe that already holds bytes when it is opened, and more come after
    reading, writing = os.pipe()
    try:
        os.write(writing, data[:1000])

        def write_rest() -> None:
            with open(writing, "wb", closefd=True) as pipe:
                pipe.write(data[1000:])

        writer = threading.Thread(target=write_rest)
        writer.start()
        with alarm(30):
            assert read_named(f"/dev/fd/{reading}") == data
        writer.join(30)
    finally:
        os.close(reading)


def test_a_configuration_that_is_not_utf8_names_the_file_and_the_byte(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("The ministry said on Tuesday that the talks would go on.\n", encoding="utf-8")
    (tmp_path / "copyedit.toml").write_bytes('rules = ["café"]\n'.encode("latin-1"))
    finished = run_cli("lint", "--config", "copyedit.toml", "article.txt", cwd=tmp_path)
    assert finished.returncode == 2
    assert finished.stderr.decode() == "copyedit: error: copyedit.toml: not valid UTF-8 (byte 0xe9 at offset 13)\n"


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["lint", "--source", "DEVICE", "--source-lang", "ru", "article.txt"], "cannot read the source text: not a regular file"),
        (["lint", "--config", "DEVICE", "article.txt"], "cannot read: not a regular file"),
        (["lint", "--rules", "DEVICE", "article.txt"], "cannot read: not a regular file"),
        (["import-glossary", "DEVICE", "-o", "out.yml"], "cannot read: not a regular file"),
        (["names", "import", "DEVICE", "-o", "out.jsonl"], "cannot read: not a regular file"),
        (["calibrate", "DEVICE"], "cannot read: not a regular file"),
    ],
    ids=["source", "config", "rules", "glossary", "names", "calibrate"],
)
def test_a_device_given_as_a_file_is_refused_in_the_same_words_everywhere(tmp_path: Path, arguments: list[str], problem: str) -> None:
    """Every file the user names says what is wrong with it in one form: the path, then the reason, never
    Python's own rendering of the error ("[Errno 22] …")."""
    (tmp_path / "article.txt").write_text("The ministry said on Tuesday that the talks would go on.\n", encoding="utf-8")
    finished = run_cli(*("/dev/zero" if a == "DEVICE" else a for a in arguments), cwd=tmp_path)
    stderr = finished.stderr.decode()
    assert finished.returncode == 2, stderr
    assert f"/dev/zero: {problem} (character device)" in stderr and "Errno" not in stderr, stderr


def _raise_rule_error(path: str) -> None:
    copyedit.check("Text.", config=copyedit.Config(rule_paths=(path,)))


def test_an_error_raised_in_a_worker_process_reaches_the_caller_whole(tmp_path: Path) -> None:
    """Every error class of the package survives pickling with its message and fields; a bad rule
    file loaded in a process pool's worker is reported by the pool, which an error that cannot be
    rebuilt from its pickle would instead break (the pool's result thread dies, ``map`` never returns)."""
    import importlib
    import pickle
    import pkgutil
    from concurrent.futures import ProcessPoolExecutor

    for module in pkgutil.walk_packages(copyedit.__path__, "copyedit."):
        if not module.name.endswith("__main__") and "wagtail" not in module.name:
            importlib.import_module(module.name)
    classes, todo = [], [copyedit.CopyeditError]
    while todo:
        classes.append(todo.pop())
        todo.extend(classes[-1].__subclasses__())
    assert len(classes) >= 10, classes
    for kind in classes:
        error = kind.__new__(kind)
        error.args, error.field = ("what went wrong",), "title"
        copied = pickle.loads(pickle.dumps(error))
        assert (type(copied), copied.args, copied.__dict__) == (kind, error.args, error.__dict__)

    rule = tmp_path / "broken.yml"
    rule.write_text("code: X1\nname: x\n", encoding="utf-8")
    with alarm(TIME_LIMIT), ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(copyedit.RuleError) as raised:
            pool.submit(_raise_rule_error, str(rule)).result()
    assert raised.value.path == str(rule) and "broken.yml" in str(raised.value)


def test_a_named_pipe_where_the_chrome_cache_goes_is_not_waited_on(tmp_path: Path) -> None:
    """The files copyedit opens by a name of its own (the site-chrome cache beside the articles) go through the
    same door as those the user names: a named pipe there was waited on for ever."""
    for number in range(6):
        (tmp_path / f"a{number}.txt").write_text("Home | News | Sport\nThe ministry said on Tuesday that the talks would go on.\n", encoding="utf-8")
    os.mkfifo(tmp_path / ".copyedit-chrome.yml")
    finished = run_cli("lint", "--fix", ".", cwd=tmp_path, timeout=30)
    assert finished.returncode in (0, 1) and b"Traceback" not in finished.stderr, finished.stderr
