"""Clean an archive on a Dask cluster: read articles, fix them on the workers, write Parquet.

The input is a folder of article files, or Parquet / JSON Lines files with an id and a body
column. It is cut into *partitions* (a few hundred files, whole Parquet row groups, or byte
ranges of a JSON Lines file) on the client; each worker reads its partition itself, so article
text never passes through the client. The output is a folder of Parquet files, one per input
partition, with one row per article (:data:`SCHEMA`).

- **Compiled once per worker.** Tasks receive the :class:`~copyedit.Config` (a small hashable
  value, broadcast once), never compiled automata; :func:`copyedit.ruleset_for` caches the
  compiled rule set per process, so each worker compiles it on its first partition only.
- **Failures stay with their article.** Bytes that are not UTF-8, an article over
  ``Config.max_bytes``, a JSON line that does not parse, or any other error while fixing one
  article becomes that article's ``status`` and ``error``; the run goes on.
- **Idempotent.** An output file is named ``part-<index>-<digest>.parquet`` where the digest
  covers the partition's content and everything that decides the result (copyedit's version
  and code, the rule files, the configuration, the options). A rerun skips partitions whose file exists,
  rewrites those whose input changed, and files are written atomically, so an interrupted run
  resumes where it stopped.

The per-article and per-partition work is :mod:`copyedit.batch`, which ``copyedit batch`` and the
Spark recipe share (:func:`copyedit.batch.fix_frames`); this module runs it on a Dask cluster, and
:func:`fix_dataframe` over a Dask DataFrame a pipeline already has.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import copyedit
from copyedit import chrome
from copyedit.batch import (
    PART_FILE, STATUS_INPUT_ERROR, STATUS_INTERNAL_ERROR, STATUS_OK, BatchSettings, Partition, PartitionReport,
    article_warnings, count_partition, duplicate_ids, empty_frame, fix_frame, plan_partitions, process_partition, run_fingerprint,
)

if TYPE_CHECKING:
    import dask.dataframe
    from distributed import Client


@dataclass(frozen=True)
class BatchReport:
    """What a run did: partitions processed, skipped (already done) or failed; article statuses."""

    partitions: int
    processed: int
    skipped: int
    failed: tuple[tuple[str, str], ...]  # (partition name, error)
    articles: int
    statuses: tuple[tuple[str, int], ...]
    seconds: float
    duplicate_ids: tuple[tuple[str, int], ...] = ()  # (id, rows): ids that name more than one row of the output
    warnings: tuple[tuple[str, str], ...] = ()  # (id, message): the output's warnings column (Result.warnings)

    @property
    def article_errors(self) -> int:
        return sum(count for status, count in self.statuses if status != STATUS_OK)

    def summary(self) -> str:
        """One line for people.

        >>> BatchReport(3, 2, 1, (), 10, (("input-error", 1), ("ok", 9)), 2.0).summary()
        '10 articles in 3 partitions (2 processed, 1 already done, 0 failed) in 2.0 s: ok 9, input-error 1'
        >>> BatchReport(1, 1, 0, (), 1, (("ok", 1),), 0.5).summary()
        '1 article in 1 partition (1 processed, 0 already done, 0 failed) in 0.5 s: ok 1'
        """
        statuses = ", ".join(f"{status} {count:,}" for status, count in sorted(self.statuses, key=_status_order))
        articles = f"{self.articles:,} article{'' if self.articles == 1 else 's'}"
        partitions = f"{self.partitions:,} partition{'' if self.partitions == 1 else 's'}"
        return (
            f"{articles} in {partitions} ({self.processed:,} processed, "
            f"{self.skipped:,} already done, {len(self.failed):,} failed) in {self.seconds:.1f} s"
            + (f": {statuses}" if statuses else "")
        )


def _status_order(pair: tuple[str, int]) -> int:
    order = (STATUS_OK, STATUS_INPUT_ERROR, STATUS_INTERNAL_ERROR)
    return order.index(pair[0]) if pair[0] in order else len(order)


# --- Learning site chrome (on the cluster) ----------------------------------------------------


def learn_site_chrome(
    partitions: Sequence[Partition], output: Path, client: Client, settings: BatchSettings
) -> tuple[BatchSettings, dict[str, chrome.Taught], int]:
    """Count the lines of every partition on the cluster, merge the counts here and learn
    (:func:`copyedit.chrome.for_site`); the settings to fix with, what was learned, from how many articles."""
    futures = client.map(count_partition, partitions, settings=settings, pure=False)
    counts = chrome.merge(client.gather(futures))
    site = chrome.for_site(
        settings.config, counts, output / chrome.CACHE_NAME,
        min_count=settings.chrome_min_count, min_share=settings.chrome_min_share,
    )
    return dataclasses.replace(settings, config=site.config), site.learned, counts.articles



# --- The run (on the client) --------------------------------------------------------------------


def run_batch(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    client: Client,
    settings: BatchSettings | None = None,
    *,
    input_format: str = "auto",
    files_per_partition: int = 500,
    rows_per_partition: int = 2_000,
    on_partition: Callable[[PartitionReport, int, int], None] | None = None,
    on_learned: Callable[[dict[str, chrome.Taught], int], None] | None = None,
) -> BatchReport:
    """Process ``source`` into Parquet files under ``output`` on the cluster behind ``client``.

    A partition is ``files_per_partition`` files of a folder, or up to ``rows_per_partition`` rows of Parquet
    (whole row groups); JSON Lines input is cut into blocks of 16 MiB of each file whatever these say.

    Raises :class:`~copyedit.CopyeditError` before any work starts when the rules or the input
    cannot be used; afterwards a partition that fails (e.g. an unreadable input file) is
    reported in :attr:`BatchReport.failed` while the others go on, and a rerun retries it.
    ``output`` must be a folder every worker can write (a shared filesystem on a real cluster).
    With ``settings.learn_chrome`` the workers first count the lines of their partitions and the
    site chrome learned from them is written to ``output/.copyedit-chrome.yml`` (BP190), which
    every worker then reads; ``on_learned(learned, articles)`` is told what was learned.
    """
    from distributed import as_completed

    settings = settings or BatchSettings()
    started = time.perf_counter()
    copyedit.ruleset_for(settings.config)  # a broken rule file fails here, once, with its name
    partitions = plan_partitions(
        source,
        settings,
        input_format=input_format,
        files_per_partition=files_per_partition,
        rows_per_partition=rows_per_partition,
    )
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    if settings.learn_chrome:
        settings, learned, articles = learn_site_chrome(partitions, out.resolve(), client, settings)
        if on_learned:
            on_learned(learned, articles)
    fingerprint = run_fingerprint(settings)
    [shared_settings] = client.scatter([settings], broadcast=True, hash=False)
    futures = client.map(
        process_partition,
        partitions,
        output=str(out.resolve()),
        settings=shared_settings,
        fingerprint=fingerprint,
        pure=False,
    )
    names = {future.key: partition.name for future, partition in zip(futures, partitions)}
    reports: list[PartitionReport] = []
    failed: list[tuple[str, str]] = []
    for future in as_completed(futures):
        try:
            report = future.result()
        except Exception as error:  # noqa: BLE001 - one partition's failure is reported, the run goes on
            failed.append((names[future.key], f"{type(error).__name__}: {error}"))
            continue
        reports.append(report)
        if on_partition:
            on_partition(report, len(reports) + len(failed), len(partitions))
    _remove_beyond(out, len(partitions))
    # a folder's ids are its paths, unique; a table's may repeat, and the output's rows are found by id
    repeated = duplicate_ids(out) if any(partition.kind != "files" for partition in partitions) else []
    warned = article_warnings(out)  # the results' warnings: an empty source file, a source language not the source's
    statuses: Counter[str] = Counter()
    for report in reports:
        statuses.update(dict(report.statuses))
    return BatchReport(
        partitions=len(partitions),
        processed=sum(not report.skipped for report in reports),
        skipped=sum(report.skipped for report in reports),
        failed=tuple(sorted(failed)),
        articles=sum(report.articles for report in reports),
        statuses=tuple(sorted(statuses.items())),
        seconds=time.perf_counter() - started,
        duplicate_ids=tuple(repeated),
        warnings=tuple(warned),
    )


def fix_dataframe(articles: dask.dataframe.DataFrame, settings: BatchSettings) -> dask.dataframe.DataFrame:
    """Each partition of a Dask DataFrame of articles through :func:`copyedit.batch.fix_frame`: one row of
    :data:`copyedit.batch.SCHEMA` per article, computed when the result is.

    Dask before 2025.1 without query planning (no dask-expr) casts every object column of a frame it
    builds to pyarrow strings (``dataframe.convert-string``), which would turn the count columns' dicts
    into their repr ("{'C401': 1}"); the cast is off while this frame is built.
    """
    import dask

    with dask.config.set({"dataframe.convert-string": False}):
        cleaned: dask.dataframe.DataFrame = articles.map_partitions(fix_frame, settings, meta=empty_frame())
    return cleaned


def _remove_beyond(output: Path, count: int) -> None:
    """Remove output of partitions the input no longer has (it shrank since the last run)."""
    for path in output.iterdir():
        match = PART_FILE.match(path.name)
        if match and int(match.group(1)) >= count:
            path.unlink()


def dask_setup(worker: object) -> None:
    """Run by each worker process of :func:`local_client` as it starts (a Dask preload): Ctrl-C reaches
    every process of the terminal's group, and a worker stopped by it prints tracebacks on the user's
    terminal. Workers ignore it; the client's process stops and closes the cluster, which cancels the
    running task (a warning of the state machine's, only ever on such a close, is kept quiet too)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("distributed.worker.state_machine").setLevel(logging.ERROR)


@contextlib.contextmanager
def local_client(workers: int | None = None, memory_limit: str | None = "auto") -> Iterator[Client]:
    """A ``dask.distributed`` client on a new local cluster of worker *processes*, one thread each
    (the rules are pure Python, so processes, not threads, use the cores)."""
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=memory_limit,
        preload=[__name__],  # dask_setup below, in each worker process
    ) as cluster:
        try:
            with Client(cluster) as client:
                yield client
        except KeyboardInterrupt:
            # Partitions are written whole or not at all: a worker still busy with one may be killed, and
            # its nanny's warning that it does so is no news to the user who pressed Ctrl-C.
            logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
            raise
        finally:
            # The client goes first (its results released), then the workers, then the scheduler: a
            # worker whose heartbeat reaches a closed scheduler logs a traceback on the user's terminal
            # (seen once in a few CI runs).
            cluster.scale(0)
            deadline = time.monotonic() + 10
            while cluster.workers and time.monotonic() < deadline:
                time.sleep(0.05)

