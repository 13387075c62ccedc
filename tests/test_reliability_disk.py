"""Nothing lost on disk: ``copyedit lint --fix`` killed at any moment, read-only files, a full
disk, a file edited during the run.

Every file must end up byte for byte either as it was or as the library fixes it; the expected
fixed bytes come from the library (``copyedit.fix`` plus the file's own encoding, BOM and line
endings), not from the CLI under test. ``benchmarks/kill_fix.py`` runs the kill loop longer.
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import copyedit
from copyedit.files import decode, format_for

# 15 kills keep the suite within its 3 minutes; benchmarks/kill_fix.py --kills 150 is the full run.
KILLS = int(os.environ.get("COPYEDIT_KILLS", "15"))
COPYEDIT = shutil.which("copyedit", path=str(Path(sys.executable).parent)) or "copyedit"

PARAGRAPHS = [
    "He said the the troops of the mid-government alliance left.",
    "In a statement to Kazakhstan television Habar-24, Abayev said the protests began.",
    "Prices rose , and the the government “ promised ” relief.",
    "The CSTO is a mid-government military alliance.",
]


def article(number: int) -> tuple[str, bytes, int]:
    """The name, bytes and permissions of article ``number``: every encoding shape the CLI keeps."""
    body = "\n\n".join(PARAGRAPHS[(number + k) % len(PARAGRAPHS)] for k in range(3 + number % 5)) + "\n"
    shape = number % 6
    if shape == 0:
        return f"a{number:02}.txt", body.encode(), 0o644
    if shape == 1:
        return f"a{number:02}.txt", b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode(), 0o640
    if shape == 2:
        return f"a{number:02}.txt", "\ufeff".encode("utf-16-le") + body.encode("utf-16-le"), 0o600
    if shape == 3:
        html = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
        return f"a{number:02}.html", html.encode(), 0o664
    if shape == 4:
        return f"a{number:02}.md", ("# The the title\n\n" + body).encode(), 0o644
    return f"a{number:02}.txt", b"Nothing to fix here.\n", 0o644


def write_articles(folder: Path, count: int) -> dict[str, tuple[bytes, bytes, int]]:
    """Write ``count`` articles; map each name to (original bytes, fixed bytes, mode)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for number in range(count):
        name, raw, mode = article(number)
        path = folder / name
        path.write_bytes(raw)
        path.chmod(mode)
        expected[name] = (raw, fixed_bytes(name, raw), mode)
    return expected


def fixed_bytes(name: str, raw: bytes) -> bytes:
    source = decode(name, raw)
    return source.encode(copyedit.fix(source.text, format=format_for(name), unsafe=True).text)


def lint_fix(folder: Path, *args: str, **popen: object) -> subprocess.Popen:
    return subprocess.Popen(
        # Every fix, safe or not: these tests are about how files are written, not which fixes apply
        # (and not about the chrome a folder of look-alike articles would teach: nothing is learned).
        [COPYEDIT, "lint", "--fix", "--unsafe-fixes", "--no-cache", "--chrome-min-count", "1000", "--isolated", "--quiet", *args,
         str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
        **popen,  # type: ignore[arg-type]
    )


def states(folder: Path, expected: dict[str, tuple[bytes, bytes, int]]) -> dict[str, str]:
    """Each article's state: 'old', 'new', or what is wrong with it."""
    found = {}
    for name, (old, new, mode) in expected.items():
        path = folder / name
        data = path.read_bytes()
        state = "old" if data == old else "new" if data == new else "CORRUPT"
        if stat.S_IMODE(path.stat().st_mode) != mode:
            state += f" (mode {stat.S_IMODE(path.stat().st_mode):o}, expected {mode:o})"
        found[name] = state
    return found


def test_fixing_a_folder_gives_the_library_bytes_and_keeps_every_file_shape(tmp_path: Path) -> None:
    expected = write_articles(tmp_path / "news", 12)
    assert sum(old != new for old, new, _ in expected.values()) == 10  # the two clean ones stay
    run = lint_fix(tmp_path / "news")
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr.decode()
    changing = {name for name, (old, new, _) in expected.items() if old != new}
    assert {name: state for name, state in states(tmp_path / "news", expected).items()} == {
        name: "new" if name in changing else "old" for name in expected
    }


def kill_loop(work: Path, kills: int, seed: int) -> int:
    """Start ``lint --fix`` on a fresh copy of 60 articles ``kills`` times and SIGKILL it at a
    random moment of its writing phase; assert every file is old or new after each kill. Returns
    how many kills interrupted a run (some files written, others not yet)."""
    pristine = work / "pristine"
    expected = write_articles(pristine, 60)
    timing = lint_fix(_fresh_copy(pristine, work / "timing"), "--jobs", "2")
    writing = _writing_phase(work / "timing", timing)
    chooser = random.Random(seed)
    interrupted = 0
    for attempt in range(kills):
        folder = _fresh_copy(pristine, work / f"run{attempt}")
        run = lint_fix(folder, "--jobs", str(1 + attempt % 2))
        _wait_for_first_write(folder, run)
        time.sleep(chooser.uniform(0, writing))
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate(timeout=60)
        found = states(folder, expected)
        assert {state for state in found.values()} <= {"old", "new"}, found
        changing = [found[name] for name, (old, new, _) in expected.items() if old != new]
        interrupted += "old" in changing and "new" in changing
        shutil.rmtree(folder)
    return interrupted


@pytest.mark.slow(seconds=19)
def test_sigkill_at_random_moments_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    interrupted = kill_loop(tmp_path, KILLS, seed=8)
    # The kills must land while files are being written, or the test proves nothing.
    assert interrupted >= KILLS // 4, f"only {interrupted} of {KILLS} kills interrupted a run"


def _wait_for_first_write(folder: Path, run: subprocess.Popen) -> None:
    """Return once copyedit creates its first temporary file (the folder changes) or exits."""
    before = folder.stat().st_mtime_ns
    while folder.stat().st_mtime_ns == before and run.poll() is None:
        time.sleep(0.002)


def _writing_phase(folder: Path, run: subprocess.Popen) -> float:
    """Seconds from the first write of an uninterrupted run to its end."""
    _wait_for_first_write(folder, run)
    started = time.monotonic()
    run.communicate(timeout=120)
    return time.monotonic() - started


def _fresh_copy(pristine: Path, folder: Path) -> Path:
    shutil.copytree(pristine, folder)  # copy2 keeps the modes
    return folder


def test_a_read_only_file_is_a_per_file_error_and_left_alone(tmp_path: Path) -> None:
    expected = write_articles(tmp_path, 2)
    locked = tmp_path / "a00.txt"
    locked.chmod(0o444)
    run = lint_fix(tmp_path)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    assert f"{locked}: not written: the file is read-only" in stderr.decode()
    assert locked.read_bytes() == expected["a00.txt"][0]
    assert (tmp_path / "a01.txt").read_bytes() == expected["a01.txt"][1]  # the others are still fixed


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def limit_in_child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_in_child


def test_a_full_disk_is_a_per_file_error_and_the_original_intact(tmp_path: Path) -> None:
    small = "He said the the cat left.\n"
    large = "He said the the cat left.\n\n" + "A long paragraph of news. " * 400 + "\n"
    (tmp_path / "small.txt").write_text(small, encoding="utf-8")
    (tmp_path / "large.txt").write_text(large, encoding="utf-8")
    run = lint_fix(tmp_path, preexec_fn=_limit_file_size(4096))
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    assert f"{tmp_path / 'large.txt'}: not written: File too large" in stderr.decode()
    assert (tmp_path / "large.txt").read_text(encoding="utf-8") == large
    assert (tmp_path / "small.txt").read_text(encoding="utf-8") == "He said the cat left.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.txt", "small.txt"]  # no temporary file left


# Runs the real CLI in one process; an editor saves one article after copyedit has read and
# fixed it and before it writes (deterministically, by wrapping the engine's run_fix).
EDITOR_DURING_RUN = """
import sys
import copyedit.cli.lint as lint
from copyedit.cli import main

fix = lint.run_fix

def fix_then_someone_saves(text, *args, **kwargs):
    result = fix(text, *args, **kwargs)
    if "edited-by-someone" in text:
        with open(sys.argv[1] + "/b.txt", "w", encoding="utf-8") as handle:
            handle.write("Newer words the the editor saved.\\n")
    return result

lint.run_fix = fix_then_someone_saves
sys.exit(main(["lint", "--fix", "--unsafe-fixes", "--no-cache", "--chrome-min-count", "1000", "--isolated", "--jobs", "1", sys.argv[1]]))
"""


def test_a_file_saved_by_someone_else_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He said the the cat left.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("edited-by-someone: the the draft.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("She said the the dog left.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", EDITOR_DURING_RUN, str(tmp_path)], capture_output=True, timeout=120)
    assert run.returncode == 2, run.stderr.decode()
    assert f"{tmp_path / 'b.txt'}: not written: the file changed on disk since it was read" in run.stderr.decode()
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Newer words the the editor saved.\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "He said the cat left.\n"
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "She said the dog left.\n"


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (its --jobs workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat_line = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_sigterm_stops_the_workers_and_leaves_every_file_whole(tmp_path: Path) -> None:
    # A service manager, `timeout` or a CI cancel sends SIGTERM to copyedit alone: its worker processes went on
    # fixing files after it had exited (orphaned), then idled for ever.
    folder = tmp_path / "news"
    folder.mkdir()
    article = ("Café owners met on Monday to discuss the the plan. " * 40 + "\n") * 3
    old, new = article.replace("é", "Ã©").encode(), copyedit.fix(article.replace("é", "Ã©")).text.encode()
    for number in range(600):
        (folder / f"{number:04}.txt").write_bytes(old)
    errors = tmp_path / "stderr.txt"
    with open(errors, "wb") as stderr:  # a file, not a pipe: orphaned workers would hold a pipe open
        run = subprocess.Popen(
            [sys.executable, "-m", "copyedit", "lint", "--fix", "--jobs", "2", "--isolated", "--no-cache", "-q", "--exit-zero", str(folder)],
            stdout=subprocess.DEVNULL, stderr=stderr,
        )
    workers: set[int] = set()
    try:
        _wait_for_first_write(folder, run)
        workers = _children(run.pid)
        run.send_signal(signal.SIGTERM)  # the command alone, not its process group
        run.wait(timeout=60)
        assert run.returncode == 143, errors.read_text()
        assert "Traceback" not in errors.read_text()
        assert len(workers) == 2 and _stopped_within(workers, seconds=5), "the workers went on after copyedit exited"

        def snapshot() -> dict[str, bytes]:
            return {path.name: path.read_bytes() for path in folder.iterdir()}

        at_exit = snapshot()
        time.sleep(1.0)
        assert snapshot() == at_exit, "files changed after copyedit exited"
        assert set(at_exit.values()) <= {old, new}  # every file whole: as it was, or as fixed
        assert 0 < sum(data == new for data in at_exit.values()) < len(at_exit)  # the signal came mid-run
        assert all(name.endswith(".txt") for name in at_exit)  # no temporary file left
    finally:
        for pid in workers | _children(run.pid) | {run.pid}:  # whatever is left (without the fix: orphans, by pid)
            with contextlib.suppress(OSError):
                if b"copyedit" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)


def _stopped_within(workers: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(map(_running, workers)):
            return True
        time.sleep(0.05)
    return False


# Runs `copyedit lint ARGS...` in one process and, while it still plans (learning chrome, the plan's last step),
# once its --jobs workers have warmed up (the first calls of `process`, in the workers, are their warm-ups: no
# job is sent before the plan is done), names the workers on stderr and sends the command sys.argv[1] ("none":
# no signal). sys.argv[2] is a file the workers note each call in.
WHILE_PLANNING = """
import multiprocessing, os, signal, sys, time
from pathlib import Path
import copyedit.cli.lint as lint
from copyedit.cli import main

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal: a background job starts with it ignored
calls = Path(sys.argv[2])
process, learn_chrome = lint.process, lint.learn_chrome

def process_noted(job):
    report = process(job)
    with open(calls, "a") as note:
        note.write("x")
    return report

def learn_chrome_once_warm(*args, **kwargs):
    given_up = time.monotonic() + 60  # not for ever, if the workers never warm up
    while (not calls.exists() or len(calls.read_text()) < 2) and time.monotonic() < given_up:
        time.sleep(0.01)
    print("warm-ups:", len(calls.read_text()) if calls.exists() else 0, file=sys.stderr)
    print("workers:", *[child.pid for child in multiprocessing.active_children()], file=sys.stderr, flush=True)
    if sys.argv[1] != "none":
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return learn_chrome(*args, **kwargs)

lint.process, lint.learn_chrome = process_noted, learn_chrome_once_warm
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
@pytest.mark.parametrize(
    ("signal_name", "extra", "code", "said"),
    [
        ("SIGTERM", (), 143, ""),
        ("SIGINT", (), 130, ""),
        ("none", ("--source", "source.txt"), 2, "--source gives the source of one article"),  # an error of the plan
    ],
)
def test_workers_started_while_the_run_plans_stop_with_it_and_their_warm_up_writes_nothing(
    tmp_path: Path, signal_name: str, extra: tuple[str, ...], code: int, said: str
) -> None:
    # The workers start as soon as the run knows it takes them, and warm up on its first file (checked, never
    # written) while it plans: a signal or an error then must stop them too, with no file touched.
    folder = tmp_path / "news"
    expected = write_articles(folder, 6)
    (tmp_path / "source.txt").write_text("Кот ушёл.\n", encoding="utf-8")
    command = ["lint", "--fix", "--unsafe-fixes", "--jobs", "2", "--isolated", "--quiet", *extra, str(folder)]
    run = subprocess.run(
        [sys.executable, "-c", WHILE_PLANNING, signal_name, str(tmp_path / "calls"), *command],
        capture_output=True, cwd=tmp_path, timeout=120,  # a worker left running would hold the pipes open
    )
    stderr = run.stderr.decode()
    assert run.returncode == code, stderr
    assert said in stderr and "Traceback" not in stderr
    assert "warm-ups: 2\n" in stderr
    workers = [int(pid) for pid in stderr.split("workers:")[1].split("\n")[0].split()]
    assert len(workers) == 2 and not any(map(_running, workers))
    assert set(states(folder, expected).values()) == {"old"}
    assert sorted(path.name for path in folder.iterdir()) == sorted(expected)  # no temporary file, no chrome learned
