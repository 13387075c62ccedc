"""Archive scale on Dask (issue 9): articles/s with 1 and 2 workers, memory per worker, and the
projection to 10 million articles.

The BBC corpus (2,225 articles) is read repeatedly in memory and written once to a Parquet file
under ``benchmarks/.work/`` (ignored by git) until it holds ``--articles`` rows; each copy's ids
are distinct. Each worker count then runs ``run_batch`` on a fresh local cluster into a fresh
output folder, and finally reruns once to time the skip of work already done.

Besides wall-clock rates, the script reads each worker's CPU time, so that articles per CPU
second (what a dedicated core would do) is known even when other processes share the machine.

    .venv/bin/python benchmarks/dask_scale.py --articles 100000 --workers 1 2 --append
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

from copyedit.batch import BatchSettings
from copyedit.integrations.dask import local_client, run_batch

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "clean-news-bbc" / "articles"
WORK = ROOT / "benchmarks" / ".work" / "dask_scale"
TARGET = 10_000_000


def build_input(articles: int, rows_per_group: int) -> Path:
    """A Parquet file of ``articles`` rows made of the BBC articles repeated (built once, then reused)."""
    path = WORK / f"bbc-x{articles}.parquet"
    if path.exists() and pq.ParquetFile(path).metadata.num_rows == articles:
        return path
    files = sorted(CORPUS.rglob("*.txt"))
    if not files:
        sys.exit(f"no articles under {CORPUS}")
    texts = [(file.relative_to(CORPUS).as_posix(), file.read_text("utf-8")) for file in files]
    ids, bodies = [], []
    for number in range(articles):
        name, text = texts[number % len(texts)]
        ids.append(f"{number // len(texts):03d}/{name}")
        bodies.append(text)
    WORK.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"id": ids, "body": bodies}), path, row_group_size=rows_per_group, compression="zstd")
    return path


class MemorySampler:
    """Polls every worker's resident memory while a run goes on; keeps each worker's peak."""

    def __init__(self, client, every: float = 0.5) -> None:
        self.client, self.every = client, every
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.is_set():
            for worker, rss in self.client.run(_rss).items():
                self.peaks[worker] = max(self.peaks.get(worker, 0), rss)
            self._stop.wait(self.every)


def _rss() -> int:
    return psutil.Process().memory_info().rss


def _cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def measure(source: Path, workers: int, rows_per_partition: int) -> dict:
    output = WORK / f"out-{workers}w"
    shutil.rmtree(output, ignore_errors=True)
    with local_client(workers, memory_limit=None) as client:
        idle = client.run(_rss)
        cpu_before = sum(client.run(_cpu_seconds).values())
        with MemorySampler(client) as sampler:
            report = run_batch(source, output, client, BatchSettings(), rows_per_partition=rows_per_partition)
        cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
        print(f"{workers} worker(s): {report.summary()}; {report.articles / cpu:,.0f} articles per CPU-second", flush=True)
        rerun = run_batch(source, output, client, BatchSettings(), rows_per_partition=rows_per_partition)
    assert not report.failed and report.processed == report.partitions, report
    size = sum(path.stat().st_size for path in output.iterdir())
    return {
        "workers": workers,
        "articles": report.articles,
        "partitions": report.partitions,
        "seconds": report.seconds,
        "rate": report.articles / report.seconds,
        "cpu_rate": report.articles / cpu,
        "idle_mb": max(idle.values()) / 2**20,
        "peak_mb": max(sampler.peaks.values()) / 2**20,
        "rerun_seconds": rerun.seconds,
        # below 1.0 only when rule files or code changed between the runs (then redoing is right)
        "rerun_skipped": rerun.skipped / rerun.partitions,
        "output_mb": size / 2**20,
        "statuses": dict(report.statuses),
    }


def projection(per_core: float, efficiency: float, cores_per_machine: int) -> list[tuple[int, float]]:
    """Hours for 10 million articles on N machines, each with ``cores_per_machine`` worker processes."""
    return [
        (machines, TARGET / (per_core * efficiency * cores_per_machine * machines) / 3600)
        for machines in (1, 4, 16, 64)
    ]


def render(results: list[dict], source: Path, command: str, load: float) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=False, capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    by_workers = {result["workers"]: result for result in results}
    lines = [
        f"## Archive scale on Dask (issue 9) — {datetime.date.today().isoformat()}",
        "",
        f"- machine: {cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}; load average at start {load:.1f} (the cores are shared "
        "with other work, so wall-clock rates are a floor; the CPU-second rate is what a dedicated core does)",
        f"- git commit: {commit} (with uncommitted work in the tree)",
        f"- command: `{command}`",
        f"- input: {source.name}: {results[0]['articles']:,} articles (the {len(list(CORPUS.rglob('*.txt'))):,} "
        "BBC articles repeated), Parquet, partitions of whole row groups",
        "",
        "| workers | articles | partitions | wall s | articles/s | articles per worker CPU-s | worker RSS idle → peak (MiB) | rerun s (share skipped) | output MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        lines.append(
            f"| {result['workers']} | {result['articles']:,} | {result['partitions']:,} | {result['seconds']:.1f} | "
            f"{result['rate']:,.0f} | {result['cpu_rate']:,.0f} | {result['idle_mb']:.0f} → {result['peak_mb']:.0f} | "
            f"{result['rerun_seconds']:.1f} ({result['rerun_skipped']:.0%}) | {result['output_mb']:.0f} |"
        )
    per_core = by_workers[1]["cpu_rate"] if 1 in by_workers else min(result["cpu_rate"] for result in results)
    if 1 in by_workers and 2 in by_workers:
        # From CPU seconds, not wall clock: other work on a shared machine slows the wall clock of
        # both runs unevenly, while the work per article that parallel workers add shows up here.
        efficiency = min(1.0, by_workers[2]["cpu_rate"] / by_workers[1]["cpu_rate"])
        efficiency_note = (
            f"parallel efficiency {efficiency:.2f} (articles per CPU-second with 2 workers / with 1; "
            f"wall clock {by_workers[2]['rate'] / (2 * by_workers[1]['rate']):.2f} on this shared machine)"
        )
    else:
        efficiency, efficiency_note = 0.9, "assumed efficiency 0.9 (run with --workers 1 2 to measure it)"
    lines += [
        "",
        f"Projection to {TARGET:,} articles: {per_core:,.0f} articles per CPU-second per worker process (one "
        f"worker alone), {efficiency_note}; one worker process per core; time = articles / (rate × efficiency × cores × machines).",
        "",
        "| machines | hours with 2 cores each | hours with 16 cores each |",
        "|---|---|---|",
    ]
    for (machines, small), (_, large) in zip(projection(per_core, efficiency, 2), projection(per_core, efficiency, 16)):
        lines.append(f"| {machines} | {small:.1f} | {large:.2f} |")
    peak = max(result["peak_mb"] for result in results)
    lines += [
        "",
        f"Memory per worker stays at about {peak:.0f} MiB whatever the archive size: a worker holds one partition "
        "(a few thousand articles) and the compiled rules; the scheduler holds one small task per partition "
        f"({TARGET:,} articles at 2,000 per partition is 5,000 tasks).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rows-per-partition", type=int, default=2_000)
    parser.add_argument("--append", action="store_true", help="append the results to benchmarks/RESULTS.md")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    source = build_input(args.articles, args.rows_per_partition)
    results = []
    for workers in args.workers:
        result = measure(source, workers, args.rows_per_partition)
        print(result, flush=True)
        results.append(result)
    command = "python benchmarks/dask_scale.py " + " ".join(sys.argv[1:])
    text = render(results, source, command, load)
    print(text)
    if args.append:
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as stream:
            stream.write("\n" + text)


if __name__ == "__main__":
    main()
