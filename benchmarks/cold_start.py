"""CLI cold start: ``copyedit lint`` of one small file, and ``copyedit --version``, in new processes.

Each ``copyedit`` executable given (for instance a fresh ``pip install .`` of two commits, one venv
each) is run ``--runs`` times, the executables taking turns so that a drift of the machine's speed
touches each alike. Reported per executable: CPU seconds (user + system, from the children's
resource usage) at best and median, wall seconds at median, and with ``--instructions`` the
instructions one run executes under valgrind's cachegrind, which do not depend on the machine's
load. The rule cache (``COPYEDIT_CACHE_DIR``) is filled by one run before timing, as it is for a user
after the first run; ``--no-rule-cache`` turns it off.

    .venv/bin/python benchmarks/cold_start.py [--runs 15] [--instructions] EXE [EXE ...]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = HERE.parent / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt"


def cpu_of(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def instructions_of(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed by one run of ``command`` (cachegrind's ``I refs``)."""
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        env=env, capture_output=True, text=True, check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"cachegrind gave no count for {command}:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("executables", nargs="+", help="copyedit executables to compare")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="also count instructions with cachegrind")
    parser.add_argument("--no-rule-cache", action="store_true", help="run without the built-in rule cache")
    args = parser.parse_args(argv)
    if args.instructions and shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind")

    with tempfile.TemporaryDirectory(prefix="copyedit-cold-") as scratch:
        small = Path(scratch) / "article.txt"
        small.write_text(ARTICLE.read_text(encoding="utf-8")[:500], encoding="utf-8")
        env = dict(os.environ)
        env["COPYEDIT_CACHE_DIR"] = "" if args.no_rule_cache else str(Path(scratch) / "cache")
        commands = {exe: {"lint": [exe, "lint", str(small)], "--version": [exe, "--version"]} for exe in args.executables}
        for exe in args.executables:  # fill the rule cache, as any earlier run would have
            cpu_of(commands[exe]["lint"], env)
        timings: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            for exe in args.executables:
                for what, command in commands[exe].items():
                    timings.setdefault((exe, what), []).append(cpu_of(command, env))
        load = os.getloadavg()[0]
        print(f"| executable | command | CPU s best | CPU s median | wall s median | instructions |  (load {load:.1f}, {args.runs} runs)")
        print("|---|---|---:|---:|---:|---:|")
        for (exe, what), runs in timings.items():
            cpus = [cpu for cpu, _ in runs]
            walls = [wall for _, wall in runs]
            counted = f"{instructions_of(commands[exe][what], env) / 1e9:.3f} G" if args.instructions else "—"
            print(f"| {exe} | {what} | {min(cpus):.3f} | {statistics.median(cpus):.3f} | {statistics.median(walls):.3f} | {counted} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
