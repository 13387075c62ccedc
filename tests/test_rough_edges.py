"""Issue 14: request mistakes and the rough edges a new user hits, each through the real front end.

The commands run in the test process (``tests/cli_runner.py``), except where the process itself is
the subject: a named pipe that could hang it, a pseudo-terminal, and the service's start.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport the package depends on there
    import tomli as tomllib

from copyedit.model import Finding, Severity, Span
from copyedit.reporting import FileReport, ReportOptions
from copyedit.reporting.text import HIGHLIGHT_LIMIT, render

from .cli_runner import run_cli
from .conftest import ROOT
from .test_bad_input import HOUSE_RULE

TIME_LIMIT = 60  # seconds any one command may take before the test calls it a hang
UNTRANSLATED = "He said, “We stay. used the terms."  # MT101, an error: blocked


def copyedit(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``copyedit ARGS``, run in this process."""
    return run_cli(*args, cwd=cwd, stdin=stdin, timeout=TIME_LIMIT)


def copyedit_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m copyedit ARGS`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "copyedit", *args], capture_output=True, cwd=cwd, timeout=TIME_LIMIT, check=False, env=env
    )


def hook(request: bytes, cwd: Path) -> tuple[int, dict, str]:
    finished = copyedit("hook", cwd=cwd, stdin=request)
    stderr = finished.stderr.decode()
    assert "Traceback" not in stderr
    return finished.returncode, json.loads(finished.stdout), stderr


# 1. A typo in a request's rule selection is an error, never "every rule off".


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"select": ["MT1O1"]}, "rules.select"),
        ({"extend-select": ["core", "no-such-pack"]}, "rules.extend-select"),
        ({"ignore": ["doubled-wrod"]}, "rules.ignore"),
        ({"severity": {"C4O1": "error"}}, "rules.severity.C4O1"),
        ({"applicability": {"NM1O1": "unsafe"}}, "rules.applicability.NM1O1"),
    ],
)
def test_an_unknown_selector_in_a_request_is_exit_2_naming_the_field(tmp_path: Path, rules: dict, field: str) -> None:
    status, answer, stderr = hook(json.dumps({"body": UNTRANSLATED, "rules": rules}).encode(), tmp_path)
    assert status == 2
    assert answer["error"]["field"] == field
    assert "unknown rule selector" in answer["error"]["message"] and field in stderr


def test_known_selectors_in_a_request_still_work(tmp_path: Path) -> None:
    status, answer, _ = hook(json.dumps({"body": UNTRANSLATED, "rules": {"select": ["MT1", "core", "doubled-word"]}}).encode(), tmp_path)
    assert status in (0, 1) and answer["verdict"] in ("pass", "review", "block")
    assert "MT101" in {finding["code"] for finding in answer["findings"]}


# 2. Deeply nested JSON is the documented error, not a traceback that means "block".


def test_deeply_nested_json_is_exit_2_with_the_error_object(tmp_path: Path) -> None:
    request = b'{"body": "x", "title": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    status, answer, _ = hook(request, tmp_path)
    assert status == 2
    assert answer == {"error": {"message": "nested too deeply (more than 16 levels of arrays and objects)", "field": "(request)"}}


# 3. A named pipe in a folder is skipped; named on the command line it is reported.


def test_a_named_pipe_in_a_folder_does_not_hang_lint(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("He said the the cat left.\n", encoding="utf-8")
    os.mkfifo(news / "pipe.txt")
    # In a process of its own: a read of the pipe would hang it.
    finished = copyedit_process("lint", "--format", "json", "--fail-on", "info", "news", cwd=tmp_path)
    assert finished.returncode == 1  # the doubled word in a.txt
    assert [record["path"] for record in json.loads(finished.stdout)] == ["news/a.txt"]
    named = copyedit_process("lint", "news/pipe.txt", cwd=tmp_path)
    assert named.returncode == 2
    assert "news/pipe.txt: not a regular file (named pipe)" in named.stderr.decode()


# 4. Options on stdin either work or are refused.


def test_fix_on_stdin_writes_the_report_in_the_chosen_format_to_the_output_file(tmp_path: Path) -> None:
    (tmp_path / "house.yml").write_text(HOUSE_RULE, encoding="utf-8")
    text = "Send an e-mail. “We stay.\n".encode()
    finished = copyedit(
        "lint", "--rules", "house.yml", "--fix", "--fail-on", "info", "--format", "json", "-o", "report.json", "-",
        cwd=tmp_path, stdin=text,
    )
    assert finished.stdout == "Send an email. “We stay.\n".encode()
    assert finished.returncode == 1
    assert [record["code"] for record in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))] == ["C101"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fix", "--format", "json", "-"), "write the json report to a file with -o FILE"),
        (("--stdin-filename", "story.md", "a.txt"), "--stdin-filename names the text read from stdin"),
    ],
)
def test_options_that_cannot_work_with_stdin_are_refused(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    finished = copyedit("lint", *args, cwd=tmp_path, stdin=b"He said the the cat.\n")
    assert finished.returncode == 2
    assert finished.stdout == b""
    assert message in finished.stderr.decode()


# 5. Terminal escapes in an article are shown, never obeyed.

ESCAPES = "Title \x1b]0;pwned\x07 and an e-mail \x1b[2J\x9b31m sent.\n"


def run_on_terminal(args: tuple[str, ...], cwd: Path) -> str:
    """The output of a command whose stdout and stderr are a pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "copyedit", *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, cwd=cwd
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + TIME_LIMIT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=TIME_LIMIT)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    return output.decode("utf-8")


def test_the_text_report_shows_escapes_instead_of_sending_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ESCAPES, encoding="utf-8")
    (tmp_path / "house.yml").write_text(HOUSE_RULE, encoding="utf-8")
    report = copyedit("lint", "--isolated", "--rules", "house.yml", "a.txt", cwd=tmp_path).stdout.decode()
    assert "HS101" in report and "␛]0;pwned␇" in report and "␛[2J" in report and "\\x9b31m" in report
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", report)


def test_diff_on_a_terminal_shows_escapes_and_stays_exact_when_piped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ESCAPES, encoding="utf-8")
    (tmp_path / "house.yml").write_text(HOUSE_RULE, encoding="utf-8")
    on_terminal = run_on_terminal(("lint", "--diff", "--isolated", "--rules", "house.yml", "--no-color", "a.txt"), tmp_path)
    assert "-Title ␛]0;pwned␇ and an e-mail" in on_terminal
    assert "\x1b]" not in on_terminal and "\x1b[2J" not in on_terminal and "\x9b" not in on_terminal
    piped = copyedit("lint", "--diff", "--isolated", "--rules", "house.yml", "a.txt", cwd=tmp_path).stdout.decode()
    assert "-" + ESCAPES in piped  # exact, so `patch` applies it


# 6. A long finding is clipped in the text report. (The span of the missing-number finding
#    itself belongs to the QA checks.)


def test_the_text_report_clips_a_paragraph_long_finding() -> None:
    paragraph = "In 2023 the ministry said " + "the figures were revised again and again, " * 300 + "end."
    finding = Finding("LQ201", "numbers", Severity.WARNING, "A number differs from the source", Span(0, len(paragraph)), 1, 1, paragraph)
    report = render([FileReport("a.txt", original=paragraph, text=paragraph, findings=(finding,))], ReportOptions())
    excerpt, carets = report.splitlines()[1:3]
    assert len(excerpt) < 2 * HIGHLIGHT_LIMIT and excerpt.endswith("…")
    assert carets.count("^") == HIGHLIGHT_LIMIT + 1  # the shown part and the "…" that stands for the rest


# 7. The README's install commands work from a clone.


def test_readme_installs_extras_from_the_clone() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    extras = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])
    commands = re.findall(r"pip install [^\n`]*", readme)
    assert commands
    for command in commands:
        assert "copyedit[" not in command, f"{command!r} installs from PyPI, where copyedit is not published"
        for named in re.findall(r"\.\[([^\]]+)\]", command):
            assert set(named.split(",")) <= extras, command


def test_readme_lists_every_built_in_pack_and_its_configuration_keeps_them() -> None:
    """The packs table names every built-in pack, and the configuration example, which newsrooms copy, does not
    turn one off unnoticed (a `packs` list without "qa" silently dropped every check against a source)."""
    from copyedit.rules import builtin_packs

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("The built-in packs:") : readme.index("Every rule has a `code`")]
    assert set(builtin_packs()) == set(re.findall(r"^\| `([\w-]+)` \|", table, re.MULTILINE))
    example = re.search(r"```toml\n(# copyedit\.toml \(in pyproject.*?)```", readme, re.DOTALL).group(1)
    packs = tomllib.loads(example).get("packs")
    assert packs is None or set(packs) == set(builtin_packs())


# 8. The service refuses to listen unprotected beyond this machine unless told to.


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "COPYEDIT_TOKEN"}
    finished = copyedit_process("serve", "--host", "0.0.0.0", "--port", "1", cwd=tmp_path, env=environment)
    assert finished.returncode == 2
    message = finished.stderr.decode()
    assert "refusing to listen without a token ($COPYEDIT_TOKEN is not set) on 0.0.0.0" in message and "--insecure" in message


def test_serve_warns_when_told_to_listen_publicly_without_a_token(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    environment = {key: value for key, value in os.environ.items() if key != "COPYEDIT_TOKEN"}
    log = tmp_path / "serve.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "copyedit", "serve", "--host", "0.0.0.0", "--port", "0", "--insecure"],
            stdout=subprocess.DEVNULL, stderr=stderr, cwd=tmp_path, env=environment,
        )
    try:
        deadline = time.monotonic() + TIME_LIMIT
        while "Application startup complete" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=TIME_LIMIT)
    first = json.loads(log.read_text(encoding="utf-8").splitlines()[0])
    assert first["level"] == "warning" and "without a token" in first["message"] and "--insecure" in first["message"]


# 9. The WordPress recipe fails closed, visibly, and documents PHP-FPM's clear_env.


def wordpress_recipe() -> tuple[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Recipe: WordPress") : readme.index("### Recipe: a webhook")]
    return section, re.search(r"```php\n(.*?)```", section, re.DOTALL).group(1)


def test_the_wordpress_recipe_never_saves_an_unchecked_post() -> None:
    section, php = wordpress_recipe()
    body = php[php.index("add_filter('rest_pre_insert_post'") :]
    returns = re.findall(r"return ([^;]+);", body)
    # Only two ways to return the post: empty content (nothing to check) and after a 200 answer.
    assert returns.count("$post") == 2 and body.index("return $post;") < body.index("wp_remote_post")
    assert body.rindex("return $post;") > body.index("$result['body']")
    for failure in ("copyedit_unconfigured", "copyedit_unavailable", "copyedit_failed", "copyedit_blocked"):
        assert f"new WP_Error('{failure}'" in body
    assert "getenv('COPYEDIT_TOKEN')" in php and "defined('COPYEDIT_TOKEN')" in php
    assert "add_action('admin_notices'" in php and "notice-error" in php
    assert "clear_env = yes" in section and "env[COPYEDIT_TOKEN]" in section
    assert php.count("{") == php.count("}") and php.count("(") == php.count(")")
