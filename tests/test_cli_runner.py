"""The in-process runner of the ``copyedit`` command (``tests/cli_runner.py``) gives what a new
process would: the same bytes and exit status, and nothing carried from one run to the next."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from .cli_runner import STARTUP_VARIABLES, run_cli

HOUSE_RULE = """\
code: HS101
name: house-term
kind: substitution
swap:
  {wrong}: {right}
severity: warning
applicability: safe
message: Use “{{replacement}}”, not “{{match}}”
why: House style.
examples:
  - bad: "The {wrong} met."
    good: "The {right} met."
  - ok: "The {right} met."
"""


def in_a_process(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "copyedit", *args], cwd=cwd, input=stdin, capture_output=True, timeout=120)


def without_timings(data: bytes) -> bytes:
    return re.sub(rb"in \d+\.\d\d s", b"in T s", data)


def test_a_command_gives_the_bytes_and_status_of_a_new_process(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kasım Cömert Tokayev said the the talks ended.\n", encoding="utf-8")
    commands = [
        (("lint", "a.txt"), b""),  # a text report with non-ASCII excerpts, a summary on stderr
        (("lint", "--format", "json", "--stdin-filename", "b.md", "-"), "Ölüm the the “end”.\n".encode()),
        (("lint", "--no-such-flag"), b""),  # argparse's usage error: SystemExit(2)
        (("hook",), b'{"body": "\xff"}'),  # the JSON error object, exit 2
    ]
    for args, stdin in commands:
        here, there = run_cli(*args, cwd=tmp_path, stdin=stdin), in_a_process(*args, cwd=tmp_path, stdin=stdin)
        assert (here.returncode, here.stdout, without_timings(here.stderr)) == (
            there.returncode, there.stdout, without_timings(there.stderr)
        ), args


def test_the_run_has_its_own_folder_environment_and_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def main(argv: list[str]) -> int:
        seen.update(argv=argv, cwd=os.getcwd(), env=dict(os.environ), stdin=sys.stdin.buffer.read())
        print("Tokaïev \udcff", file=sys.stderr)  # stderr escapes what it cannot encode
        sys.stdout.write("Kasım\n")
        os.write(1, b"below Python\n")
        return 3

    monkeypatch.setattr("copyedit.cli.main", main)
    before = os.getcwd(), dict(os.environ)
    environment = {"ONLY": "this", **{name: os.environ[name] for name in STARTUP_VARIABLES if name in os.environ}}
    finished = run_cli("lint", "-", cwd=tmp_path, stdin=b"caf\xc3\xa9", env=environment)
    assert seen == {"argv": ["lint", "-"], "cwd": str(tmp_path), "env": environment, "stdin": b"caf\xc3\xa9"}
    assert finished.returncode == 3
    assert finished.stdout == "Kasım\n".encode() + b"below Python\n"
    assert finished.stderr == "Tokaïev \\udcff\n".encode()
    assert (os.getcwd(), dict(os.environ)) == before


@pytest.mark.parametrize(
    ("raised", "returncode", "stderr"),
    [
        (SystemExit(None), 0, b""),
        (SystemExit(4), 4, b""),
        (SystemExit("copyedit: gone"), 1, b"copyedit: gone\n"),
        (RuntimeError("a bug"), 1, b"RuntimeError: a bug\n"),
    ],
)
def test_an_exit_or_an_uncaught_exception_ends_the_run_as_the_interpreter_ends_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: BaseException, returncode: int, stderr: bytes
) -> None:
    def main(argv: list[str]) -> int:
        raise raised

    monkeypatch.setattr("copyedit.cli.main", main)
    finished = run_cli("lint", cwd=tmp_path)
    assert finished.returncode == returncode and finished.stderr.endswith(stderr)
    assert finished.stderr.startswith(b"Traceback") == isinstance(raised, RuntimeError)


def test_warnings_show_as_a_new_interpreter_shows_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def main(argv: list[str]) -> int:
        warnings.warn("shown", UserWarning, stacklevel=1)
        warnings.warn("hidden outside __main__", DeprecationWarning, stacklevel=1)
        return 0

    monkeypatch.setattr("copyedit.cli.main", main)
    stderr = run_cli("lint", cwd=tmp_path).stderr.decode()
    assert "UserWarning: shown" in stderr and "hidden" not in stderr


def test_the_stack_has_the_room_of_a_new_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def nested(depth: int) -> int:
        return 0 if depth == 0 else nested(depth - 1)

    # `python -m copyedit` calls main 4 frames deep, under the default limit of 1,000 frames.
    monkeypatch.setattr("copyedit.cli.main", lambda argv: nested(985))
    assert run_cli("lint", cwd=tmp_path).returncode == 0


def test_a_rule_file_rewritten_between_two_runs_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The minister met the premier.\n", encoding="utf-8")
    rule = tmp_path / "house.yml"
    for wrong, right in (("minister", "secretary"), ("premier", "prime minister")):
        rule.write_text(HOUSE_RULE.format(wrong=wrong, right=right), encoding="utf-8")
        finished = run_cli("lint", "--isolated", "--select", "HS101", "--rules", "house.yml", "a.txt", cwd=tmp_path)
        assert f"“{wrong}”" in finished.stdout.decode(), finished.stderr.decode()


def test_a_hang_is_a_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def main(argv: list[str]) -> int:
        try:
            time.sleep(30)
        except Exception:  # noqa: BLE001  # the command's own handlers cannot swallow the time limit
            return 0
        return 0

    monkeypatch.setattr("copyedit.cli.main", main)
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        run_cli("lint", cwd=tmp_path, timeout=0.2)
    assert time.monotonic() - started < 10
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("args", "env", "refused"),
    [
        (("lint", "--jobs", "2", "."), None, "--jobs above 1"),
        (("lint", "-j4", "."), None, "--jobs above 1"),
        (("lint", "--jobs=3", "."), None, "--jobs above 1"),
        (("lint", "."), {"LC_ALL": "C"}, "LC_ALL changes how a new Python process starts"),
        (("lint", "."), {"PYTHONIOENCODING": "latin-1"}, "PYTHONIOENCODING"),
    ],
)
def test_what_only_a_process_gives_is_refused(tmp_path: Path, args: tuple[str, ...], env: dict[str, str] | None, refused: str) -> None:
    with pytest.raises(ValueError, match=re.escape(refused)):
        run_cli(*args, cwd=tmp_path, env=None if env is None else {**os.environ, **env})


def _set_a_signal_handler() -> Callable[[], object]:
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    return lambda: signal.signal(signal.SIGTERM, previous)


# made before any run, as a library's loggers are at its import (a logger a run makes is passed over)
_LOGGER = logging.getLogger("copyedit.test-cli-runner")


def _add_a_logging_handler() -> Callable[[], object]:
    handler = logging.NullHandler()
    _LOGGER.addHandler(handler)
    return lambda: _LOGGER.removeHandler(handler)


@pytest.mark.parametrize(("leave", "what"), [(_set_a_signal_handler, "signal handlers"), (_add_a_logging_handler, "loggers")])
def test_a_command_that_leaves_state_in_the_process_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave: Callable[[], Callable[[], object]], what: str
) -> None:
    undo: list[Callable[[], object]] = []

    def main(argv: list[str]) -> int:
        undo.append(leave())
        return 0

    monkeypatch.setattr("copyedit.cli.main", main)
    try:
        with pytest.raises(AssertionError, match=what):
            run_cli("lint", cwd=tmp_path)
    finally:
        for restore in undo:
            restore()


def test_a_logging_handler_that_goes_meanwhile_is_no_trace_of_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an earlier test's Dask cluster, shutting down in its own threads, takes its handlers off during a run
    restore = _add_a_logging_handler()

    def main(argv: list[str]) -> int:
        restore()
        return 0

    monkeypatch.setattr("copyedit.cli.main", main)
    assert run_cli("lint", cwd=tmp_path).returncode == 0
