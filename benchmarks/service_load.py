"""Load and attack ``copyedit serve`` on 127.0.0.1: many requests at a fixed concurrency, then
schemathesis against the service's own OpenAPI schema.

Starts ``copyedit serve`` (with a bearer token), sends ``--requests`` POST /v1/fix and
/v1/check requests (the example article and short paragraphs, text, HTML and Markdown) over
``--concurrency`` connections, checks every answer (status 200, the body the library gives),
and prints requests served, errors and latency percentiles. Then runs schemathesis with the
``not_a_server_error`` check for ``--schemathesis-examples`` examples per operation.

    .venv/bin/python benchmarks/service_load.py --requests 10000 --concurrency 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

import copyedit

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt").read_text(encoding="utf-8")
TOKEN = "load-test-token"
PAYLOADS = [
    {"body": ARTICLE, "format": "text"},
    {"body": "He said the the CSTO is a mid-government alliance.", "format": "text"},
    {"body": "<p>He said the the <b>CSTO</b> is a mid-government alliance.</p>", "format": "html"},
    {"body": "# The the title\n\nKasım Cömert Tokayev said *the the* troops left.\n", "format": "markdown"},
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {**os.environ, "COPYEDIT_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "copyedit", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=folder, env=environment, stdout=subprocess.DEVNULL, stderr=open(folder / "serve.log", "wb"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"copyedit serve did not start: {(folder / 'serve.log').read_text()}")


async def load(url: str, requests: int, concurrency: int) -> tuple[list[float], list[str]]:
    expected = {
        (mode, index): (copyedit.fix if mode == "fix" else copyedit.check)(p["body"], format=p["format"]).text
        for mode in ("fix", "check")
        for index, p in enumerate(PAYLOADS)
    }
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(number)
    # Expire idle connections before uvicorn does (5 s): reusing one the server is closing at
    # that moment fails with ReadError (3 in 10,000 at first, with both at 5 s).
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency, keepalive_expiry=2.0)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=url, limits=limits, headers=headers, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                number = queue.get_nowait()
                mode, index = ("fix", "check")[number % 2], number % len(PAYLOADS)
                started = time.perf_counter()
                try:
                    response = await client.post(f"/v1/{mode}", json=PAYLOADS[index])
                except httpx.HTTPError as error:
                    errors.append(f"{type(error).__name__}: {error}")
                    continue
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors.append(f"status {response.status_code}: {response.text[:200]}")
                elif response.json()["body"] != expected[(mode, index)]:
                    errors.append(f"{mode} {index}: body differs from the library's")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run_schemathesis(url: str, examples: int) -> int:
    binary = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if binary is None:
        print("schemathesis: not installed (pip install copyedit[bench]); skipped")
        return 0
    started = time.perf_counter()
    run = subprocess.run(
        [binary, "run", f"{url}/openapi.json", "--checks", "not_a_server_error", "--header", f"Authorization: Bearer {TOKEN}",
         "--max-examples", str(examples), "--no-color"],
        capture_output=True, text=True,
    )
    summary = [line for line in run.stdout.splitlines() if line.strip()][-12:]
    print(f"schemathesis ({examples} examples per operation, {time.perf_counter() - started:.0f} s, exit {run.returncode}):")
    print("\n".join("  " + line for line in summary))
    return run.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default: 1)")
    parser.add_argument("--schemathesis-examples", type=int, default=500, help="0 skips schemathesis (default: 500)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="copyedit-load-") as work:
        process, url = start_server(Path(work), args.workers)
        try:
            started = time.perf_counter()
            latencies, errors = asyncio.run(load(url, args.requests, args.concurrency))
            seconds = time.perf_counter() - started
            print(
                f"{len(latencies)} requests served at concurrency {args.concurrency} in {seconds:.1f} s "
                f"({len(latencies) / seconds:.0f}/s), {len(errors)} errors; latency ms: "
                f"p50 {percentile(latencies, 0.5) * 1000:.1f}, p95 {percentile(latencies, 0.95) * 1000:.1f}, "
                f"p99 {percentile(latencies, 0.99) * 1000:.1f}, max {max(latencies) * 1000:.1f}, "
                f"mean {statistics.mean(latencies) * 1000:.1f}"
            )
            for error in errors[:5]:
                print("  error:", error)
            failed = run_schemathesis(url, args.schemathesis_examples) if args.schemathesis_examples else 0
        finally:
            process.terminate()
            process.wait(timeout=15)
    return 1 if errors or failed else 0


if __name__ == "__main__":
    sys.exit(main())
