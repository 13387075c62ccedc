"""A new service worker's first requests: what an article waits for while the rules load their data.

Starts ``copyedit serve`` (one worker) as a child process, waits for ``/healthz``, then sends
``--concurrency`` requests at once, each an article with a Turkish sentence (LQ101 asks langdetect
about it) or, with ``--sources``, a mix of Chinese, Russian and Icelandic sources, a Turkish
sentence and HTML; then three more one by one. Reports the time until the service answered, the
status codes, and the first requests' latencies. Extra arguments go to ``copyedit serve``
(``--no-preload``).

    .venv/bin/python benchmarks/service_first_requests.py [--tries 2] [--concurrency 8] [--sources] [-- --no-preload]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import time
import urllib.error
import urllib.request

from service_latency import free_port, start_server  # benchmarks/ is on the path when a script here runs

TURKISH = (
    "Officials said the situation was being monitored. "
    "Operasyonun militanlar tamamen yok edilene kadar devam edeceğini söyledi ve bölgedeki durum yakından izleniyor."
)
MIXED = [
    {"body": "He paid 5 million yuan on 3 March, said Li Sufeng.", "source": "李絮枫说，他于3月3日支付了500万元。"},
    {"body": "He paid 5 million roubles on 3 March.", "source": "Он заплатил 5 млн рублей 3 марта."},
    {"body": "Guðni said Jóni was there on 3 March.", "source": "Guðni sagði að Jóni hefði verið þar 3. mars."},
    {"body": TURKISH},
    {"body": "<p>Kasım Cömert Tokayev said the the CSTO helped.</p>", "format": "html"},
    {"body": "He said 5 people came on Tuesday.", "source": "彼は火曜日に5人が来たと言った。"},
]


def post(port: int, article: dict[str, str]) -> tuple[int, float]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/fix", data=json.dumps(article).encode(), headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def one_try(serve_args: list[str], concurrency: int, sources: bool) -> str:
    port = free_port()
    started = time.perf_counter()
    server = start_server(port, 1, serve_args)
    ready = time.perf_counter() - started
    try:
        articles = [MIXED[n % len(MIXED)] if sources else {"body": f"{TURKISH} ({n})"} for n in range(concurrency)]
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            first = list(pool.map(lambda article: post(port, article), articles))
        later = [post(port, {"body": f"{TURKISH} (later {n})"})[1] for n in range(3)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    statuses = sorted({status for status, _ in first})
    latencies = sorted(seconds for _, seconds in first)
    return (
        f"ready after {ready:.2f} s; {concurrency} concurrent first requests: statuses {statuses}, "
        f"median {1000 * latencies[len(latencies) // 2]:.0f} ms, max {1000 * latencies[-1]:.0f} ms; "
        f"then {1000 * min(later):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=2, help="new servers started, one after the other (default 2)")
    parser.add_argument("--concurrency", type=int, default=8, help="first requests sent at once (default 8)")
    parser.add_argument("--sources", action="store_true", help="a mix of articles with sources instead of one kind")
    parser.add_argument("serve_args", nargs="*", help="arguments for copyedit serve, after --")
    args = parser.parse_args()
    command = " ".join(["copyedit serve", *args.serve_args])
    for number in range(1, args.tries + 1):
        print(f"{command}, try {number}: {one_try(args.serve_args, args.concurrency, args.sources)}")


if __name__ == "__main__":
    main()
