"""Latency and throughput of the pre-publish service and hook, over loopback.

Starts ``copyedit serve`` (a child process) and drives ``POST /v1/fix`` from this process with
keep-alive HTTP/1.1 connections: C connections each send one request after another for a fixed
number of seconds, at C = 1, 20 and 50. Every request is a different ~5 KB article (the example
article plus a numbered paragraph), so nothing can be answered from a cache. Then runs
``copyedit hook`` once per article (a new process each time, start-up included).

    .venv/bin/python benchmarks/service_latency.py [--workers 2] [--seconds 10] [--ramp 2] [--append benchmarks/RESULTS.md]

Prints a Markdown section (date, machine, commit, command, load average); ``--append`` adds it
to the results file. The goal of issue 5 is p99 ≤ 50 ms at C = 20 with no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shlex
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt").read_text(encoding="utf-8")
TARGET_BYTES = 5_000


def article(number: int) -> str:
    """A distinct ~5 KB article: the example plus numbered filler paragraphs."""
    text = ARTICLE
    filler = 0
    while len(text.encode()) < TARGET_BYTES:
        filler += 1
        text += f"\n\nReport {number}.{filler}: officials said the situation in the region was being monitored closely."
    return text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int, extra: Sequence[str] = ()) -> subprocess.Popen:
    """``copyedit serve`` (with ``extra`` arguments), once ``/healthz`` answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "copyedit", "serve", "--port", str(port), "--workers", str(workers), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("copyedit serve did not start within 60 s")


async def connection_loop(port: int, bodies: list[bytes], until: float, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    index = 0
    try:
        while time.perf_counter() < until:
            body = bodies[index % len(bodies)]
            index += 1
            request = (
                b"POST /v1/fix HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
            payload = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200") or b'"verdict"' not in payload:
                errors.append(head.split(b"\r\n")[0].decode())
    finally:
        writer.close()


async def drive(port: int, concurrency: int, seconds: float, bodies: list[bytes]) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    until = started + seconds
    share = [bodies[i::concurrency] or bodies for i in range(concurrency)]
    await asyncio.gather(*(connection_loop(port, share[i], until, latencies, errors) for i in range(concurrency)))
    elapsed = time.perf_counter() - started
    return summary(latencies, elapsed, len(errors))


def summary(latencies: list[float], elapsed: float, errors: int) -> dict:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "p50_ms": 1000 * statistics.median(ordered),
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
        "rps": len(ordered) / elapsed,
        "errors": errors,
    }


def run_hook(runs: int) -> dict:
    latencies = []
    errors = 0
    started = time.perf_counter()
    for number in range(runs):
        request = json.dumps({"body": article(100_000 + number)}).encode()
        began = time.perf_counter()
        finished = subprocess.run([sys.executable, "-m", "copyedit", "hook"], input=request, capture_output=True, cwd=ROOT, check=False)
        latencies.append(time.perf_counter() - began)
        if finished.returncode not in (0, 1) or b'"verdict"' not in finished.stdout:
            errors += 1
    return summary(latencies, time.perf_counter() - started, errors)


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="copyedit serve --workers (default 1)")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each concurrency level (default 10)")
    parser.add_argument("--concurrency", default="1,20,50", help="comma-separated levels (default 1,20,50)")
    parser.add_argument("--hook-runs", type=int, default=30, help="copyedit hook invocations (default 30; 0 leaves the hook out)")
    parser.add_argument(
        "--ramp", type=float, default=0.0,
        help="seconds at each level before it is measured, on connections then closed (default 0: a level's first requests count)",
    )
    parser.add_argument("--append", metavar="FILE", help="append the Markdown section to this file")
    args = parser.parse_args()

    bodies = [json.dumps({"body": article(number), "format": "text"}).encode() for number in range(2_000)]
    port = free_port()
    server = start_server(port, args.workers)
    rows = []
    try:
        asyncio.run(drive(port, 4, 1.0, bodies))  # warm-up: connections, caches, branch predictors
        for level in (int(c) for c in args.concurrency.split(",")):
            if args.ramp > 0:
                asyncio.run(drive(port, level, args.ramp, bodies))
            rows.append((f"serve, C = {level}", asyncio.run(drive(port, level, args.seconds, bodies))))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.hook_runs > 0:
        rows.append(("hook (new process per article)", run_hook(args.hook_runs)))

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    command = "python benchmarks/service_latency.py " + shlex.join(sys.argv[1:])
    lines = [
        f"## service_latency ({date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, commit {commit()})",
        "",
        f"`{command.strip()}`",
        "",
        (
            f"`copyedit serve --workers {args.workers}` on 127.0.0.1, driven over loopback by a second process with "
            f"keep-alive connections; `POST /v1/fix`, each request a different {len(article(0).encode()):,}-byte "
            f"article; {args.seconds:g} s per level"
            + (f", after {args.ramp:g} s at the level on connections then closed" if args.ramp > 0 else "")
            + f". Load average when finished: {load}."
        ),
        "",
        "| run | requests | p50 ms | p99 ms | requests/s | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in rows:
        lines.append(
            f"| {name} | {result['requests']:,} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | "
            f"{result['rps']:.1f} | {result['errors']} |"
        )
    section = "\n".join(lines) + "\n"
    print(section)
    if args.append:
        with open(args.append, "a", encoding="utf-8") as handle:
            handle.write("\n" + section)


if __name__ == "__main__":
    main()
