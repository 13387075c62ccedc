"""Run the ``copyedit`` command inside the test process, as a new process would see it.

Starting ``python -m copyedit`` costs about half a second of CPU (the interpreter, the imports, the
built-in rules); the suite ran it about 160 times. :func:`run_cli` calls
``copyedit.cli.main`` here instead (as click's ``CliRunner`` does), giving it what a new process
would have, and returning a ``subprocess.CompletedProcess`` so that a test reads it as before:

- the arguments, the working folder (changed and changed back) and the whole environment
  (``env`` replaces it, as ``subprocess.run(env=...)`` does; restored afterwards);
- stdin as bytes behind a text stream (``sys.stdin.buffer`` works), stdout and stderr written through
  real text streams with the encoding, error handler and newline a new Python process gets, captured
  as bytes; whatever reaches file descriptors 1 and 2 below Python is captured too, after it;
- the exit status from ``main``'s return value or ``SystemExit``; an uncaught exception prints its
  traceback to stderr and exits 1, as the interpreter does;
- warnings filtered as a new interpreter filters them, printed to stderr;
- as much room on the stack as at a new process's start (the recursion limit is raised by the depth
  of the test's own frames);
- the module caches that hold what files said emptied (see :data:`KEPT_CACHES`);
- a time limit: a command that hangs fails with ``subprocess.TimeoutExpired``.

It refuses what it cannot give faithfully, so that such a test keeps a real process: an environment
that changes how Python starts (locale, I/O encoding, warnings), and more than one ``--jobs``
worker (forking the test process). After the run it checks that the command left nothing behind
in the process: signal handlers, the umask, logging handlers, threads.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
import warnings
from collections.abc import Iterator, Mapping, Sequence
from types import FrameType
from typing import Any, Literal

TIME_LIMIT = 120  # seconds, as the subprocess runs had

# Variables a new Python process reads as it starts: with other values than this process had, its
# streams or warnings would differ from what run_cli gives.
STARTUP_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONWARNINGS", "PYTHONDEVMODE")

# The warning filters of a new interpreter started without -W, PYTHONWARNINGS or -X dev.
NEW_INTERPRETER_FILTERS: tuple[tuple[Literal["default", "ignore"], type[Warning], str | None], ...] = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, None),
    ("ignore", PendingDeprecationWarning, None),
    ("ignore", ImportWarning, None),
    ("ignore", ResourceWarning, None),
)

# Caches that depend only on their arguments and on the installed package (its packs, word lists,
# langdetect's profiles): a new process would build them again exactly as they are, so they are kept
# across runs; they are most of what a start costs. Every other cache in copyedit is emptied before
# each run, as a new process starts with it empty: some hold what a test's own files said (rule files
# and the learned chrome rule, through the compiled rule sets; house names registries; sidecar
# listings), and a test may rewrite such a file between two runs. A cache added to copyedit is
# therefore emptied until it is named here. (Data loaded with copyedit.loading.load_once has no
# cache to empty: it depends on nothing a test writes.)
KEPT_CACHES = frozenset({
    "copyedit.checks.encoding._ftfy",
    "copyedit.checks.resolve_check",
    "copyedit.names_registry.checks._known",
    "copyedit.names_registry.checks._spellings",
    "copyedit.names_registry.orthography._respell_pattern",
    "copyedit.names_registry.orthography.render",
    "copyedit.names_registry.orthography.respell",
    "copyedit.qa.names._extract",
    "copyedit.qa.names._levenshtein",
    "copyedit.qa.names._twins",
    "copyedit.qa.names.skeleton",
    "copyedit.qa.numbers._ascii_of",
    "copyedit.qa.numbers._babel_stamp",
    "copyedit.qa.numbers._cldr_month_names",
    "copyedit.qa.numbers._word_scan",
    "copyedit.rule_cache.package_fingerprint",
    "copyedit.rules._builtin_cache",
    "copyedit.rules._builtin_rules",
    "copyedit.rules._loader",
})
# load_registry(extra) holds the shipped names registry (≈ 0.1 s to load) under no paths and a house
# registry under the paths of its files: it is kept while it holds the shipped one alone.
REGISTRY_CACHE = "copyedit.names_registry.load_registry"


class _TimedOut(BaseException):
    """Raised by the alarm; a BaseException, so that no ``except Exception`` in the command takes it."""


def run_cli(
    *args: str,
    cwd: str | os.PathLike[str],
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIME_LIMIT,
) -> subprocess.CompletedProcess[bytes]:
    """``copyedit ARGS`` in ``cwd`` with ``stdin`` (bytes; none: empty) and ``env`` (the whole
    environment; none: this one), run in this process; see the module's documentation."""
    environment = dict(os.environ if env is None else env)
    _refuse_what_a_process_would_do_differently(args, environment)
    stdin_stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin or b"")), encoding=_ENCODING, errors=_ERRORS, newline="\n")
    stdout_bytes, stderr_bytes = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(stdout_bytes, encoding=_ENCODING, errors=_ERRORS, newline="\n")
    stderr = io.TextIOWrapper(stderr_bytes, encoding=_ENCODING, errors="backslashreplace", newline="\n")
    before = _process_state()
    _empty_caches()
    with (
        _working_folder(cwd),
        _environment(environment),
        _streams(stdin_stream, stdout, stderr),
        _new_interpreter_warnings(),
        _room_on_the_stack(),
        _below_python(1) as fd_stdout,
        _below_python(2) as fd_stderr,
    ):
        returncode = _main(list(args), stderr, timeout)
        stdout.flush()
        stderr.flush()
    _check_nothing_left(args, before)
    return subprocess.CompletedProcess(
        ["copyedit", *args], returncode, stdout_bytes.getvalue() + fd_stdout.data, stderr_bytes.getvalue() + fd_stderr.data
    )


def _main(argv: list[str], stderr: io.TextIOWrapper, timeout: float) -> int:
    from copyedit.cli import main

    with alarm(timeout):
        try:
            return main(argv)
        except SystemExit as exit:
            if exit.code is None:
                return 0
            if isinstance(exit.code, int):
                return exit.code
            print(exit.code, file=stderr)
            return 1
        except _TimedOut:
            raise subprocess.TimeoutExpired(["copyedit", *argv], timeout) from None
        except Exception:  # as the interpreter does with an uncaught exception
            traceback.print_exc(file=stderr)
            return 1


def _refuse_what_a_process_would_do_differently(args: Sequence[str], environment: Mapping[str, str]) -> None:
    changed = [name for name in STARTUP_VARIABLES if environment.get(name) != os.environ.get(name)]
    if changed:
        raise ValueError(f"{', '.join(changed)} changes how a new Python process starts: run this command as a subprocess")
    for flag, following in zip(args, [*args[1:], ""]):
        if flag in ("-j", "--jobs"):
            jobs = following
        elif flag.startswith(("--jobs=", "-j")):
            jobs = flag.removeprefix("--jobs=").removeprefix("-j")
        else:
            continue
        if jobs.isdigit() and int(jobs) > 1:
            raise ValueError("--jobs above 1 forks worker processes from the test process: run this command as a subprocess")


def _stdio_setup() -> tuple[str, str]:
    """The encoding and error handler Python gave this process's stdout at its start (a new process
    with the same locale variables gets the same); stderr's handler is always backslashreplace."""
    original = sys.__stdout__
    assert original is not None, "this process started without a stdout"
    return original.encoding, original.errors or "strict"


_ENCODING, _ERRORS = _stdio_setup()


def _empty_caches() -> None:
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == "copyedit" or module_name.startswith("copyedit.")):
            continue
        for name, value in list(vars(module).items()):
            if not callable(getattr(value, "cache_clear", None)) or getattr(value, "__module__", None) != module_name:
                continue
            qualified = f"{module_name}.{name}"
            if qualified not in KEPT_CACHES and (qualified != REGISTRY_CACHE or not _holds_only_the_shipped_registry(value)):
                value.cache_clear()


def _check_kept_caches() -> None:
    """Every cache :data:`KEPT_CACHES` and :data:`REGISTRY_CACHE` name is still there: a renamed one
    would otherwise be emptied unseen, and the list rot."""
    for qualified in (*sorted(KEPT_CACHES), REGISTRY_CACHE):
        module_name, _, name = qualified.rpartition(".")
        cache = getattr(importlib.import_module(module_name), name, None)
        assert callable(getattr(cache, "cache_clear", None)), f"{qualified} is no longer a cache: mend tests/cli_runner.py"


_check_kept_caches()


def _holds_only_the_shipped_registry(load_registry: Any) -> bool:
    """Whether every entry of the cache is the shipped registry (called as ``load_registry()`` or
    ``load_registry(())``, two entries): each such entry makes one of the two calls a hit."""
    held, hits = load_registry.cache_info().currsize, load_registry.cache_info().hits
    load_registry()
    load_registry(())
    return bool(load_registry.cache_info().hits - hits == held)


@contextlib.contextmanager
def _working_folder(folder: str | os.PathLike[str]) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


@contextlib.contextmanager
def _environment(environment: Mapping[str, str]) -> Iterator[None]:
    previous = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(previous)


@contextlib.contextmanager
def _streams(stdin: io.TextIOWrapper, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper) -> Iterator[None]:
    previous = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = previous


@contextlib.contextmanager
def _new_interpreter_warnings() -> Iterator[None]:
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, file: object = None, line: str | None = None) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    with warnings.catch_warnings():
        warnings.resetwarnings()
        for action, category, module in reversed(NEW_INTERPRETER_FILTERS):
            warnings.filterwarnings(action, category=category, module=module or "")
        warnings.showwarning = show  # caught and restored by catch_warnings
        yield


@contextlib.contextmanager
def _room_on_the_stack() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(previous + depth)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


class _Captured:
    """What reached a file descriptor while it pointed at a temporary file (``data`` once restored)."""

    data = b""


@contextlib.contextmanager
def _below_python(fd: int) -> Iterator[_Captured]:
    captured = _Captured()
    with tempfile.TemporaryFile() as file:
        saved = os.dup(fd)
        os.dup2(file.fileno(), fd)
        try:
            yield captured
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            file.seek(0)
            captured.data = file.read()


@contextlib.contextmanager
def alarm(seconds: float, exception: BaseException | type[BaseException] = _TimedOut) -> Iterator[None]:
    """Raise ``exception`` in the block when it runs longer than ``seconds`` (SIGALRM: one at a time)."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise exception

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "another time limit runs: this one would cancel it"
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process_state() -> dict[str, Any]:
    umask = os.umask(0o022)
    os.umask(umask)
    loggers = [logging.root, *(logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger))]
    return {
        "signal handlers": {signum: signal.getsignal(signum) for signum in signal.valid_signals() if signum not in (signal.SIGKILL, signal.SIGSTOP)},
        "umask": umask,
        # (the loggers a library makes as it is imported stay, as its import does)
        "loggers": {logger.name: (list(logger.handlers), logger.level, logger.disabled, logger.propagate) for logger in loggers},
        "threads": set(threading.enumerate()),
    }


def _check_nothing_left(args: Sequence[str], before: dict[str, Any]) -> None:
    after = _process_state()
    # A logger counts as changed when it gained a handler or its level or flags changed: a handler that
    # went is no trace of the command (an earlier test's Dask cluster, shutting down in its own threads,
    # takes its handlers off meanwhile).
    after["loggers"] = {
        name: (before_handlers + [h for h in handlers if h not in before_handlers], *settings)
        for name, (handlers, *settings) in after["loggers"].items()
        if name in before["loggers"]
        for before_handlers in [before["loggers"][name][0]]
    }
    after["threads"] = {thread for thread in after["threads"] if thread not in before["threads"]}
    before = {**before, "threads": set()}
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    assert not changed, f"`copyedit {' '.join(args)}` left this in the test process (before, after): {changed}"
