"""Soak copyedit's front ends with hostile input, longer and larger than tests/test_bad_input.py.

Each round builds a folder of hostile files (a named pipe, a socket, a link to /dev/zero, a
folder named like an article, HTML, Markdown and JSON nested --depth deep, a --huge-mb file, a
--line-kb single line, NUL bytes, invalid UTF-8, encoded lone surrogates, and --random files of
random bytes and random Unicode), then runs ``copyedit lint`` over the folder and over each file,
and ``copyedit hook`` on each as a request body and as raw bytes. Every command has a time
limit. A round fails on a traceback, a hang, an exit status outside 0-2 or, for the hook, a
stdout that is not one JSON object.

    python benchmarks/soak_bad_input.py --minutes 10
    python benchmarks/soak_bad_input.py --rounds 1 --depth 100000 --huge-mb 200

Exit status 0 when every case held, 1 otherwise (each failure is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(folder: Path, rng: random.Random, args: argparse.Namespace) -> list[Path]:
    """Write the hostile files; return the regular ones (the others are only walked past)."""
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "story.txt").mkdir()
    depth = args.depth
    files = {
        "story.txt/inner.txt": b"The CSTO is a mid-government alliance.\n",
        "deep.html": (b"<div>" * depth + b"<p>They they left.</p>" + b"</div>" * depth),
        "deep-inline.html": (b"<b>" * depth + b"x" + b"</b>" * depth),
        "stray-ends.html": (b"<div>" * (depth // 10) + b"</span>" * depth),
        "deep.md": b"> " * depth + b"They they left.\n",
        "deep-list.md": b"".join(b"  " * level + b"- item\n" for level in range(min(depth, 5000))),
        "deep-emphasis.md": b"*" * depth + b"x" + b"*" * depth,
        "long.txt": (b"The the minister said the talks would go on. " * (args.line_kb * 1024 // 45 + 1))[: args.line_kb * 1024],
        "nul.txt": b"They\0 left.\n" * 100,
        "latin.txt": b"Caf\xe9 society.\n",
        "surrogate.txt": b"A lone \xed\xb3\xbf surrogate.\n",
    }
    for index in range(args.random):
        files[f"random-{index}.txt"] = rng.randbytes(rng.randrange(1, 20_000))
        text = "".join(chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x3000), rng.randrange(0, 0x20)))) for _ in range(rng.randrange(1, 5_000)))
        files[f"unicode-{index}.html"] = text.encode("utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as huge:
        huge.write(b"word " * (args.huge_mb * (1 << 20) // 5))
    return [folder / name for name in files] + [folder / "huge.txt"]


def run(command: list[str], stdin: bytes | None, limit: float) -> tuple[str | None, float]:
    """Run one command; the failure (or None) and the seconds it took."""
    started = time.monotonic()
    try:
        finished = subprocess.run(command, input=stdin, capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return f"hung (over {limit:g} s)", time.monotonic() - started
    seconds = time.monotonic() - started
    if b"Traceback" in finished.stderr:
        return "traceback:\n" + finished.stderr.decode(errors="replace")[-2000:], seconds
    if finished.returncode not in (0, 1, 2):
        return f"exit status {finished.returncode}", seconds
    if command[3] == "hook":
        try:
            answer = json.loads(finished.stdout)
        except ValueError:
            return "hook stdout is not JSON", seconds
        if ("error" in answer) != (finished.returncode == 2):
            return f"hook exit {finished.returncode} with {sorted(answer)}", seconds
    return None, seconds


def soak_round(rng: random.Random, args: argparse.Namespace) -> tuple[list[str], dict[str, float]]:
    failures: list[str] = []
    slowest: dict[str, float] = {}
    copyedit = [sys.executable, "-m", "copyedit"]
    with tempfile.TemporaryDirectory(prefix="copyedit-soak-") as temporary:
        folder = Path(temporary) / "news"
        folder.mkdir()
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(folder / "sock.txt"))
        try:
            regular = build(folder, rng, args)
            cases: list[tuple[str, list[str], bytes | None]] = [("lint folder", [*copyedit, "lint", "--isolated", "-q", str(folder)], None)]
            for special in ("pipe.txt", "sock.txt", "zero.txt"):
                cases.append((f"lint {special}", [*copyedit, "lint", "--isolated", "-q", str(folder / special)], None))
            for path in regular:
                data = path.read_bytes()
                fmt = "html" if path.suffix == ".html" else "markdown" if path.suffix == ".md" else "text"
                cases.append((f"lint --fix {path.name}", [*copyedit, "lint", "--isolated", "-q", "--fix", str(path)], None))
                cases.append((f"hook raw {path.name}", [*copyedit, "hook"], data))
                body = data.decode("utf-8", "surrogateescape")
                request = json.dumps({"body": body, "format": fmt}, ensure_ascii=True).encode()
                cases.append((f"hook body {path.name}", [*copyedit, "hook"], request))
            deep_json = b'{"body": "x", "title": ' + b"[" * args.depth + b"]" * args.depth + b"}"
            cases.append(("hook deep JSON", [*copyedit, "hook"], deep_json))
            for name, command, stdin in cases:
                failure, seconds = run(command, stdin, args.time_limit)
                slowest[name] = max(slowest.get(name, 0.0), seconds)
                if failure:
                    failures.append(f"{name}: {failure}")
        finally:
            listener.close()
    return failures, slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="keep running rounds this long (default: 5)")
    parser.add_argument("--rounds", type=int, default=None, help="run exactly this many rounds instead")
    parser.add_argument("--depth", type=int, default=20_000, help="nesting depth of HTML, Markdown and JSON (default: 20000)")
    parser.add_argument("--huge-mb", type=int, default=100, help="size of the huge file in MB (default: 100)")
    parser.add_argument("--line-kb", type=int, default=2048, help="length of the single long line in KB (default: 2048)")
    parser.add_argument("--random", type=int, default=10, help="random-byte and random-Unicode files per round (default: 10)")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds any one command may take (default: 120)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    rounds = 0
    failures: list[str] = []
    slowest: dict[str, float] = {}
    while (rounds < args.rounds) if args.rounds is not None else (time.monotonic() < deadline or rounds == 0):
        round_failures, round_slowest = soak_round(rng, args)
        rounds += 1
        failures += [f"round {rounds}: {failure}" for failure in round_failures]
        for name, seconds in round_slowest.items():
            slowest[name] = max(slowest.get(name, 0.0), seconds)
        print(f"round {rounds}: {len(round_slowest)} cases, {len(round_failures)} failures", flush=True)
    print("slowest cases:")
    for name, seconds in sorted(slowest.items(), key=lambda item: -item[1])[:10]:
        print(f"  {seconds:7.2f} s  {name}")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{rounds} rounds, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
