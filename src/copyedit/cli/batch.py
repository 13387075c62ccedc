"""``copyedit batch INPUT OUTPUT``: clean an archive on a Dask cluster and write Parquet.

Exit codes: 0 every article done, 1 done but some articles have an error recorded in the
output, 2 usage, configuration or input error, or a partition that could not be processed
(a rerun retries only what is missing).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, source_language_argument

if TYPE_CHECKING:  # imported when used: the CLI starts without them
    from ..batch import BatchSettings, PartitionReport
    from ..chrome import Taught
    from ..config import Config
    from ..files import Selection

_PROGRESS_EVERY_SECONDS = 2.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="a folder of article files, or Parquet / JSON Lines file(s)")
    parser.add_argument("output", metavar="OUTPUT", help="the folder to write Parquet files to (shared by all workers)")
    parser.add_argument(
        "--scheduler",
        default="local",
        metavar="ADDRESS|local",
        help="a Dask scheduler address (tcp://host:8786), or 'local' for a cluster on this machine (default)",
    )
    parser.add_argument("--workers", type=int, metavar="N", help="worker processes for --scheduler local (default: cores)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too (as lint --fix --unsafe-fixes)")
    # the option's first name, kept working for the scripts that use it
    mode.add_argument("--unsafe", action="store_true", dest="unsafe_old_name", help=argparse.SUPPRESS)
    mode.add_argument("--check", action="store_true", help="report findings only; bodies are left as they are")
    parser.add_argument("--config", metavar="FILE", help="a copyedit.toml or pyproject.toml with [tool.copyedit]")
    parser.add_argument(
        "--input-format", choices=("auto", "files", "parquet", "jsonl"), default="auto",
        help="what INPUT holds (default: by file name)",
    )
    parser.add_argument("--format", choices=("auto", "text", "markdown", "html"), default="auto",
                        help="the articles' markup (default: by file extension; text for tables)")
    parser.add_argument("--encoding", metavar="NAME", help="the encoding of article files without a byte-order mark (default: UTF-8), as for lint")
    parser.add_argument("--id-column", default="id", metavar="NAME", help="the id column of a table (default: id)")
    parser.add_argument("--body-column", default="body", metavar="NAME", help="the text column of a table (default: body)")
    parser.add_argument("--format-column", metavar="NAME", help="a column that gives each article's format (default: a 'format' column when there is one and --format is auto; '' for none)")
    parser.add_argument("--source-column", metavar="NAME", help="a column that gives each article's source text, for the bilingual checks (default: a 'source' column when there is one; '' for none; in a folder: a sidecar ARTICLE.src.txt or ARTICLE.src.LANG.txt beside each article)")
    parser.add_argument("--source-dir", metavar="DIR", help="for a folder of articles: a folder of their source texts laid out as the articles are (instead of sidecars)")
    parser.add_argument("--source-lang-column", metavar="NAME", help="a column that gives each source's language (default: a 'source_lang' column when there is one; '' for none)")
    parser.add_argument("--source-lang", metavar="LANG", type=source_language_argument, help="the language of every source text (default: the sidecar's name or --source-lang-column, else detected)")
    parser.add_argument("--language-column", metavar="NAME", help="a column that gives each article's own language, when not the configuration's (default: a 'language' column when there is one; '' for none; the rules of English usage run on the articles in English)")
    parser.add_argument("--partition-size", type=int, default=500, metavar="N",
                        help="articles per task: files per partition, or rows per Parquet partition, whole row groups (default: 500); "
                             "JSON Lines input is split by size instead, into blocks of 16 MiB of the file (each line "
                             "in the block it starts in), whatever N is")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    from .. import chrome

    parser.add_argument("--no-cache", action="store_true", help=f"learn site chrome for this run only: remove OUTPUT/{chrome.CACHE_NAME} afterwards when a run wrote it (a file `copyedit chrome learn` or you wrote is kept, and used)")
    parser.add_argument("--chrome-min-count", type=int, default=chrome.MIN_COUNT, metavar="N", help=f"learn a line as site chrome when at least N plain-text or Markdown articles hold it (default: {chrome.MIN_COUNT})")
    parser.add_argument("--chrome-min-share", type=float, default=chrome.MIN_SHARE, metavar="S", help=f"... and at least the share S of them (default: {chrome.MIN_SHARE})")


def run(args: argparse.Namespace) -> int:
    try:
        from ..batch import BatchSettings
        from ..integrations.dask import local_client, run_batch
    except ImportError as error:
        print(f"copyedit batch: {error} (install the extra: pip install '.[dask]' in the copyedit clone)", file=sys.stderr)
        return EXIT_ERROR
    from ..errors import CopyeditError

    if args.unsafe_old_name:
        print("copyedit batch: warning: --unsafe is now --unsafe-fixes, as in copyedit lint", file=sys.stderr)
    problem = _usage_problem(args)
    if problem:
        print(f"copyedit batch: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        config, selection = _config(args.config)
        settings = BatchSettings(
            config=config,
            selection=selection,
            unsafe=args.unsafe_fixes or args.unsafe_old_name,
            check_only=args.check,
            format=args.format,
            id_column=args.id_column,
            body_column=args.body_column,
            format_column=args.format_column,
            source_column=args.source_column,
            source_dir=args.source_dir,
            source_lang_column=args.source_lang_column,
            source_lang=args.source_lang,
            language_column=args.language_column,
            learn_chrome=True,
            chrome_min_count=args.chrome_min_count,
            chrome_min_share=args.chrome_min_share,
            encoding=args.encoding,
        )
        _check_before_connecting(args.input, settings)
        if args.no_cache:  # nor use what an earlier run learned (a file no run wrote is kept, and used)
            from .. import chrome

            chrome.discard(Path(args.output) / chrome.CACHE_NAME)
        progress = None if args.quiet else _Progress()
        options = {
            "input_format": args.input_format,
            "files_per_partition": args.partition_size,
            "rows_per_partition": args.partition_size,
            "on_partition": progress,
            "on_learned": None if args.quiet else _print_learned,
        }
        if args.scheduler == "local":
            with local_client(args.workers) as client:
                report = run_batch(args.input, args.output, client, settings, **options)
        else:
            from distributed import Client

            with Client(args.scheduler, timeout="30s") as client:
                report = run_batch(args.input, args.output, client, settings, **options)
    except (CopyeditError, ValueError) as error:
        print(f"copyedit batch: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:  # the scheduler cannot be reached, or OUTPUT cannot be created
        print(f"copyedit batch: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("copyedit batch: interrupted; the partitions written so far are kept, and the same command goes on from them", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if args.no_cache:  # what this run wrote (a cache), never a file of the user's or `chrome learn`'s
            from .. import chrome

            chrome.discard(Path(args.output) / chrome.CACHE_NAME)
    for name, failure in report.failed:
        print(f"copyedit batch: {name}: {failure}", file=sys.stderr)
    if report.duplicate_ids:
        from ..reporting.text import terminal_safe

        shown = ", ".join(f"{article_id!r} ({rows} rows)" for article_id, rows in report.duplicate_ids[:_DUPLICATES_SHOWN])
        more = len(report.duplicate_ids) - _DUPLICATES_SHOWN
        print(
            terminal_safe(
                f"copyedit batch: warning: {len(report.duplicate_ids):,} id{'s' if len(report.duplicate_ids) != 1 else ''}"
                f" name more than one article: {shown}{f' and {more:,} more' if more > 0 else ''};"
                f" the output's rows cannot be told apart by id"
            ),
            file=sys.stderr,
        )
    if report.warnings:
        from ..reporting.text import terminal_safe

        for article_id, message in report.warnings[:_WARNINGS_SHOWN]:
            print(terminal_safe(f"copyedit batch: {article_id}: warning: {message}"), file=sys.stderr)
        more = len(report.warnings) - _WARNINGS_SHOWN
        if more > 0:
            print(f"copyedit batch: warning: and {more:,} more (the output's warnings column)", file=sys.stderr)
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    if report.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.article_errors else EXIT_OK


_DUPLICATES_SHOWN = 10
_WARNINGS_SHOWN = 10


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.workers is not None and args.scheduler != "local":
        return "--workers applies to --scheduler local only (a remote cluster has its own workers)"
    if args.workers is not None and args.workers < 1:
        return f"--workers must be at least 1, not {args.workers}"
    if args.partition_size < 1:
        return f"--partition-size must be at least 1, not {args.partition_size}"
    return None


def _check_before_connecting(source: str, settings: BatchSettings) -> None:
    """Fail in a second on what would otherwise wait for a cluster: a missing input, broken rules."""
    from .. import ruleset_for
    from ..errors import InputError

    if not os.path.exists(source):
        raise InputError(f"{source}: no such file or folder")
    ruleset_for(settings.config)  # cached: run_batch reuses it


def _config(path: str | None) -> tuple[Config, Selection]:
    """The configuration file's rules and which files of a folder are articles (its include, exclude and
    respect-gitignore, as for ``copyedit lint``)."""
    from ..config import Config
    from ..files import Selection

    if path is None:
        return Config(), Selection()
    from ..settings import load_settings

    settings = load_settings(path)
    return settings.config, settings.selection


def _print_learned(learned: dict[str, Taught], articles: int) -> None:
    from ..reporting.text import terminal_safe

    for line, (count, _) in sorted(learned.items()):
        print(terminal_safe(f"copyedit batch: learned chrome ({count} of {articles} articles): {line}"), file=sys.stderr)


class _Progress:
    """A progress line on stderr at most every few seconds (the run may take hours)."""

    def __init__(self) -> None:
        self.started = self.shown = time.monotonic()
        self.articles = 0

    def __call__(self, report: PartitionReport, done: int, total: int) -> None:
        self.articles += report.articles
        now = time.monotonic()
        if now - self.shown >= _PROGRESS_EVERY_SECONDS or done == total:
            self.shown = now
            rate = f"{self.articles / max(now - self.started, 1e-9):,.0f}"
            articles = f"{self.articles:,} article{'' if self.articles == 1 else 's'}"
            print(f"{done:,}/{total:,} partitions, {articles}, {rate} article{'' if rate == '1' else 's'}/s", file=sys.stderr)
