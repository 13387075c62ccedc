"""The ``copyedit`` program (the console script, ``python -m copyedit``) runs :func:`copyedit.cli.program`: the
command in a process of its own, whose cyclic collector it sets; :func:`copyedit.cli.main`, which a host may call
in its own process, leaves the collector alone."""

from __future__ import annotations

import gc
import runpy
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from copyedit.cli import main

PROGRAM = """\
import gc, sys
from copyedit.cli import COLLECT_EVERY, program
sys.argv = ["copyedit", "rules", "C401"]
status = program()
print(status, gc.get_threshold()[0] == COLLECT_EVERY, gc.get_freeze_count() > 0)
"""


def test_the_program_collects_every_hundred_thousand_objects_and_freezes_what_is_left(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROGRAM], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 True True"


def test_main_leaves_the_collector_as_it_was(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Asked of the calls, not of gc.get_freeze_count(): objects another test froze in this process (the service's
    # start-up freezes) may be freed while main runs, which lowers the count without main touching the collector.
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *args: calls.append("set_threshold"))
    before = gc.get_threshold()
    assert main(["rules", "C401"]) == 0
    assert "C401" in capsys.readouterr().out
    assert (calls, gc.get_threshold()) == ([], before)


def test_the_console_script_runs_the_program() -> None:
    (script,) = entry_points(group="console_scripts", name="copyedit")
    assert script.value == "copyedit.cli:program"


def test_python_m_copyedit_runs_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("copyedit.cli.program", lambda: 7)
    with pytest.raises(SystemExit) as exit_status:
        runpy.run_module("copyedit", run_name="__main__")
    assert exit_status.value.code == 7
