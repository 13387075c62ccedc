"""Throughput of `copyedit lint` over a folder with --jobs 1 and --jobs 2 (files per second).

Usage: .venv/bin/python benchmarks/cli_jobs.py [FOLDER]   (default: ../shared/corpora/clean-news-bbc/articles)
Runs the installed command as a user would (report to /dev/null, JSON so every finding is
serialised), once per job count, and checks that both runs print the same report.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "clean-news-bbc" / "articles"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    command = shutil.which("copyedit", path=str(Path(sys.executable).parent)) or "copyedit"
    files = sum(1 for _ in folder.rglob("*.txt"))
    digests = {}
    for jobs in ("1", "2"):
        started = time.perf_counter()
        result = subprocess.run(
            [command, "lint", "--format", "json", "--jobs", jobs, "--exit-zero", str(folder)], capture_output=True
        )
        seconds = time.perf_counter() - started
        digests[jobs] = hashlib.sha256(result.stdout).hexdigest()[:12]
        summary = result.stderr.decode().strip().splitlines()[-1]
        print(f"--jobs {jobs}: {files} files in {seconds:.2f} s = {files / seconds:.0f} files/s (exit {result.returncode}); {summary}")
    print("identical output:", digests["1"] == digests["2"], digests)


if __name__ == "__main__":
    main()
