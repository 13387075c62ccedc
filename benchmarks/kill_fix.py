"""Kill ``copyedit lint --fix`` with SIGKILL many times; every file must stay old or become new.

The loop of ``tests/test_reliability_disk.py`` (60 articles in six shapes: UTF-8, BOM + CRLF,
UTF-16, HTML, Markdown, clean; kills at random moments of the writing phase, one and two jobs)
run longer and with a seed of your choice. Prints kills, kills that interrupted a run
(some files written, some not) and files found corrupt (always 0, or the script fails).

    .venv/bin/python benchmarks/kill_fix.py --kills 300
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_reliability_disk import kill_loop  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="how many runs to kill (default: 300)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed for the kill moments")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="copyedit-kill-") as work:
        interrupted = kill_loop(Path(work), args.kills, args.seed)
    print(
        f"{args.kills} kills (seed {args.seed}), {interrupted} in the middle of writing, "
        f"0 files corrupt or half-written, {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
