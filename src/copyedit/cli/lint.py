"""``copyedit lint``: check files, folders or stdin; fix, diff, report.

The command finds the files, works out each one's configuration, runs the library on each
(in parallel processes with ``--jobs``), prints every report through one formatter and sets
the exit code: 0 nothing at or above ``fail-on``, 1 findings (or changes, for ``--check``
and ``--diff``), 2 a usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__, chrome
from ..config import Config, matches
from ..engine import FORMATS as DOCUMENT_FORMATS
from ..engine import accepted, idle_selector_warnings, loaded_rules, ruleset_for, run_check, run_fix
from ..errors import CopyeditError, SourceError
from ..files import DEFAULT_INCLUDE, FileProblem, glob_problem, Selection, TextFile, decode, format_for, hard_links, read_file, same_file, walk, write_atomically, write_back
from ..model import EMPTY_SOURCE, CheckWarning, Severity
from ..reporting import FORMATS, HARD_LINKS, MISSING_SOURCE, SOURCE_UNUSED_SAID, UNUSED_SUPPRESSION, FileReport, FileWarning, ReportOptions, plural, renderer, severity_counts
from ..reporting.text import terminal_safe, warning_line
from ..settings import Settings, SettingsError, SettingsResolver
from ..suppression import SuppressionFilter
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, language_argument, source_language_argument

if TYPE_CHECKING:  # rich is imported when a progress bar is shown; the pool when the run has workers
    from concurrent.futures import ProcessPoolExecutor

    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

PROGRESS_DELAY = 1.0  # seconds before a progress bar appears: short runs stay quiet


def _selectors(value: str) -> list[str]:
    selectors = [part.strip() for part in value.split(",") if part.strip()]
    if not selectors:
        raise argparse.ArgumentTypeError(f"no rule selector in {value!r} (codes, prefixes, names or packs, separated by commas)")
    return selectors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint, or - for stdin (default: .)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--fix", action="store_true", help="write safe fixes in place (stdin: print the corrected text)")
    action.add_argument("--diff", action="store_true", help="print what --fix would change as a unified diff; write nothing")
    action.add_argument("--check", action="store_true", help="report what --fix would change and what remains; write nothing")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply (or show) fixes marked unsafe")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--statistics", action="store_true", help="count the findings by rule instead of listing them (--format text or json)")
    parser.add_argument("--select", type=_selectors, action="append", metavar="CODES", help="run only these rules (codes, prefixes, names, packs, ALL)")
    parser.add_argument("--extend-select", type=_selectors, action="append", metavar="CODES", help="run these rules too")
    parser.add_argument("--ignore", type=_selectors, action="append", metavar="CODES", help="do not run these rules")
    parser.add_argument("--rules", action="append", metavar="PATH", default=[], help="an extra rule file or folder (repeatable)")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file instead of discovering one")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--include", action="append", metavar="GLOB", help="files to lint in folders (replaces the default *.txt *.md *.markdown *.html *.htm)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", default=[], help="paths to skip in folders (gitignore syntax)")
    parser.add_argument("--no-respect-gitignore", action="store_true", help="also lint what .gitignore files ignore")
    parser.add_argument("--encoding", metavar="NAME", help="read files without a byte-order mark in this encoding (default: UTF-8)")
    parser.add_argument("--source", metavar="FILE", help="the source text the article was translated from, for the bilingual checks (one article only; otherwise a sidecar ARTICLE.src.txt or ARTICLE.src.LANG.txt beside each article is used)")
    parser.add_argument("--source-dir", metavar="DIR", help="a folder of source texts laid out as the articles are: the source of an article at PATH (as named or found, relative to the current folder) is the first file of DIR/PATH, DIR/PATH without its first folder, and so on down to DIR/NAME")
    parser.add_argument("--source-lang", metavar="LANG", type=source_language_argument, help="the language of the source text (default: from the sidecar's name, else detected)")
    parser.add_argument("--language", metavar="LANG", type=language_argument, help="the articles' language (default: the configuration's, else en): the rules of English usage run on English articles only")
    parser.add_argument("--format-in", choices=DOCUMENT_FORMATS, help="document format (default: from the extension; text otherwise)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name of the text read from stdin (for its format, configuration and reports)")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], help="lowest severity that makes the exit code 1 (default: warning; info findings are notes)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file was fixed, even if nothing remains")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help=f"files checked in parallel (default: the number of cores for runs of {PARALLEL_FROM_BYTES // 1024} KB or more, else 1)")
    parser.add_argument("--no-color", action="store_true", help="no colours in the text report (also: NO_COLOR=1)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line and no progress bar")
    parser.add_argument("--no-cache", action="store_true", help=f"learn site chrome for this run only: neither read nor write {chrome.CACHE_NAME} (only --fix writes it)")
    parser.add_argument("--chrome-min-count", type=int, default=chrome.MIN_COUNT, metavar="N", help=f"learn a line as site chrome when at least N articles of the run hold it (default: {chrome.MIN_COUNT})")
    parser.add_argument("--chrome-min-share", type=float, default=chrome.MIN_SHARE, metavar="S", help=f"... and at least the share S of them (default: {chrome.MIN_SHARE})")


@dataclass(frozen=True)
class Job:
    """One file's work, sent to a worker process."""

    path: str  # what to read ('-' for stdin)
    display: str  # how reports name it
    config: Config
    format: str
    action: str  # check | preview (compute fixes, write nothing) | fix
    unsafe: bool
    encoding: str | None
    stdin: bytes | None = None
    source: str | None = None  # --source FILE, or the article's counterpart under --source-dir (else its sidecar, if any)
    source_lang: str | None = None
    warnings: tuple[FileWarning, ...] = ()  # known before the run (a counterpart missing from --source-dir)
    sidecars: bool = True  # look for a sidecar source (not with --source-dir, which says where the sources are)
    site: str | None = None  # the configuration file it runs with (its site's, for learning chrome); None: defaults


STOPPED = "stopped before it was done: not written"  # a worker's report once the run stops


def process(job: Job) -> FileReport:
    """Lint one file; every failure becomes the report's ``error`` (never an exception). In a
    worker process, once the run stops (:func:`_stopping`) a file is neither started nor written."""
    if _stopping():
        return FileReport(job.display, job.format, error=STOPPED)
    original_path = None
    try:
        source = decode(job.display, job.stdin, job.encoding) if job.stdin is not None else read_file(job.path, job.encoding)
        original_path, original, original_lang, original_format = _source_text(job)
        ruleset = ruleset_for(job.config)
        suppress = SuppressionFilter(job.format, ruleset.by_code)
        if job.action == "check":
            result = run_check(
                source.text, job.format, ruleset, job.config, original, original_lang, suppress=suppress,
                source_format=original_format,
            )
        else:
            accept = accepted(job.unsafe)
            result = run_fix(
                source.text, job.format, ruleset, job.config, accept, original, original_lang, suppress=suppress,
                source_format=original_format,
            )
        if _stopping():
            return FileReport(job.display, job.format, error=STOPPED)
        writing = job.action == "fix" and job.stdin is None and result.changed
        links = hard_links(job.path) if writing else 1
        written = writing and _write_back(source, result.text)
        # the engine's warnings (an empty source, a source language it is not written in), naming the source file
        warnings = job.warnings + tuple(FileWarning.about_source(warning, original_path) for warning in result.warnings)
        warnings += tuple(
            FileWarning(UNUSED_SUPPRESSION, "suppression", f"suppression of {s.selector} suppresses nothing", s.line, s.column)
            for s in suppress.unused(result.text)
        )
        if written and links > 1:  # a file is never half-written: it is replaced whole, a new inode
            others = links - 1
            warnings += (FileWarning(
                HARD_LINKS, "file",
                f"fixed as a new file: {others} other hard link{'s' if others > 1 else ''}"
                f" to the old one keep{'' if others > 1 else 's'} the old text",
            ),)
        compared = original is not None and EMPTY_SOURCE not in {warning.code for warning in result.warnings}
        return FileReport(
            job.display, job.format, result.original, result.text, result.findings, result.applied, written, None, warnings,
            compared and ruleset.compares_with_source, source.layout, compared and not ruleset.compares_with_source,
        )
    except FileProblem as error:
        return FileReport(job.display, job.format, error=error.problem)
    except SourceError as error:  # the source is at fault (e.g. Markdown nested too deeply), not the article: name it
        return FileReport(job.display, job.format, error=f"source text {original_path}: {error.problem}")
    except CopyeditError as error:
        return FileReport(job.display, job.format, error=str(error))
    except Exception as error:  # a bug must not take the other files down, nor print a traceback
        return FileReport(job.display, job.format, error=f"internal error: {type(error).__name__}: {error}")


def _write_back(source: TextFile, text: str) -> bool:
    """:func:`copyedit.files.write_back` with SIGTERM held until the file is written (or left as it
    was): a worker the run stops, or the run itself, ends between two files, never with a temporary
    file left behind."""
    with _sigterm_held():
        return write_back(source, text)


@contextlib.contextmanager
def _sigterm_held() -> Iterator[None]:
    """SIGTERM held (blocked) in this block, acted on after it."""
    held = hasattr(signal, "pthread_sigmask")
    if held:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _source_text(job: Job) -> tuple[str | None, str | None, str | None, str | None]:
    """The file the article was translated from: ``--source`` (or its counterpart under ``--source-dir``), else
    a sidecar file (stdin's: the one beside its ``--stdin-filename``), else none; its text, its language, and the format it is read in (from its suffix: ``story.src.html``
    is HTML beside ``story.txt``; :func:`copyedit.qa.source_format`)."""
    from ..qa import read_source, sidecar_path, source_format

    path = job.source
    # stdin named with --stdin-filename (an editor piping the file it shows) has that file's sidecar, as the file has
    named = job.path if job.stdin is None else job.display if job.display != "-" else None
    if path is None and named is not None and job.sidecars:
        found = sidecar_path(named)
        path = str(found) if found is not None else None
    if path is None:
        return None, None, job.source_lang, None
    text, lang = read_source(path, job.source_lang)
    return path, text, lang, source_format(path, job.display, job.format)


class UsageError(CopyeditError):
    """A command line that cannot be carried out."""


def _flatten(groups: Sequence[Sequence[str]] | None) -> tuple[str, ...]:
    return tuple(item for group in groups or () for item in group)


class Plan:
    """The command line applied on top of each configuration file's settings."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.resolver = SettingsResolver(args.config, args.isolated)
        self._effective: dict[int, Settings] = {}
        self._validated: set[Config] = set()
        self.run_warnings: list[CheckWarning] = []  # about the configuration, each said once (idle selectors)

    def settings_for_folder(self, folder: str) -> Settings:
        settings = self.resolver.for_folder(folder)
        effective = self._effective.get(id(settings))
        if effective is None:
            effective = self._effective[id(settings)] = self._apply_flags(settings)
        return effective

    def _apply_flags(self, settings: Settings) -> Settings:
        args = self.args
        _check_selectors(settings)
        config = settings.config
        changes: dict[str, Any] = {}
        if args.select:
            changes["select"] = _flatten(args.select)
        if args.extend_select:
            changes["extend_select"] = config.extend_select + _flatten(args.extend_select)
        if args.ignore:
            changes["ignore"] = config.ignore + _flatten(args.ignore)
        if args.rules:
            changes["rule_paths"] = config.rule_paths + tuple(os.path.abspath(path) for path in args.rules)
        if args.language:
            changes["language"] = args.language
        selection = settings.selection
        selection = Selection(
            tuple(args.include) if args.include else selection.include,
            selection.exclude + tuple(args.exclude),
            selection.respect_gitignore and not args.no_respect_gitignore,
        )
        fail_on = Severity(args.fail_on) if args.fail_on else settings.fail_on
        return replace(settings, config=config.replace(**changes) if changes else config, selection=selection, fail_on=fail_on)

    def selection_for(self, folder: str) -> tuple[Selection, str]:
        settings = self.settings_for_folder(folder)
        return settings.selection, settings.root

    def validate(self, config: Config) -> None:
        """Load the rules once in this process: a broken rule file or an unknown selector stops
        the run before any file is touched."""
        if config in self._validated:
            return
        ruleset_for(config)
        unknown = _unknown(config, _flatten(self.args.select) + _flatten(self.args.extend_select) + _flatten(self.args.ignore))
        if unknown:
            raise UsageError(f"unknown rule selector {unknown[0]!r} on the command line (see `copyedit rules`)")
        for key, selectors in (("select", config.select), ("extend-select", config.extend_select)):
            for idle in idle_selector_warnings(config, selectors, key):
                if all(said.message != idle.message for said in self.run_warnings):  # once, not for each file's own ignores
                    self.run_warnings.append(idle)
                    print(terminal_safe(f"copyedit: warning: {idle.message}"), file=sys.stderr)
        self._validated.add(config)


def _unknown(config: Config, selectors: Iterable[str]) -> list[str]:
    every = loaded_rules(config)  # a rule written for another language than the articles' exists all the same
    return [selector for selector in selectors if selector != "ALL" and not any(matches(selector, rule) for rule in every)]


def _check_selectors(settings: Settings) -> None:
    if settings.path is None:
        return
    config = settings.config
    keyed = [("select", config.select), ("extend-select", config.extend_select), ("ignore", config.ignore)]
    keyed += [("severity", tuple(s for s, _ in config.severity)), ("applicability", tuple(s for s, _ in config.applicability))]
    keyed += [(f"per-file-ignores.{pattern}", selectors) for pattern, selectors in settings.per_file_ignores]
    for key, selectors in keyed:
        unknown = _unknown(config, selectors)
        if unknown:
            raise SettingsError(settings.path, key, f"unknown rule selector {unknown[0]!r} (see `copyedit rules`)")


def _action(args: argparse.Namespace) -> str:
    if args.fix:
        return "fix"
    if args.diff or args.check or args.format == "html":
        return "preview"
    return "check"


def plan_jobs(args: argparse.Namespace, plan: Plan, paths: Sequence[str]) -> Iterator[Job | FileReport]:
    from ..qa import counterparts

    action = _action(args)
    for found in walk(paths, plan.selection_for):
        if found.problem is not None:
            yield FileReport(found.path, error=found.problem)
            continue
        if args.output is not None and not found.named and same_file(found.path, args.output):
            continue  # the report this run writes, found in a folder it lints (named on its own, it is refused)
        stdin = None
        if found.path == "-":
            display = args.stdin_filename or "-"
            settings_path = args.stdin_filename or os.path.join(os.getcwd(), "-")
            stdin = sys.stdin.buffer.read()
        else:
            display = settings_path = found.path
        settings = plan.settings_for_folder(os.path.dirname(os.path.abspath(settings_path)))
        config = settings.config_for(settings_path)
        plan.validate(config)
        document_format = args.format_in or format_for(display)
        source: str | None = args.source
        warnings: tuple[FileWarning, ...] = ()
        if args.source_dir is not None:
            named = found.path if stdin is None else args.stdin_filename
            looked = counterparts(args.source_dir, named) if named else []
            source = next((candidate for candidate in looked if os.path.isfile(candidate)), None)
            if source is None:
                where = f" ({', '.join(looked)})" if looked else " (name stdin with --stdin-filename)"
                warnings = (FileWarning(MISSING_SOURCE, "source", f"no source text in --source-dir{where}: checked without one"),)
        yield Job(
            found.path, display, config, document_format, action, args.unsafe_fixes, args.encoding, stdin,
            source, args.source_lang, warnings, args.source_dir is None, settings.path,
        )


def learn_chrome(args: argparse.Namespace, planned: list[Job | FileReport], scratch: str) -> list[Job | FileReport]:
    """Site chrome learned across the plain-text and Markdown articles of the run that share a
    configuration file (one site), through :func:`copyedit.chrome.for_site`: with at least
    ``--chrome-min-count`` of them, the recurring lines are learned; with fewer, the file already
    beside the configuration is used. Only ``--fix``, the mode that writes, writes what was learned
    to that file (and only over a cache a run wrote: never over one ``copyedit chrome learn`` or the
    user made); ``--check``, ``--diff``, a report and ``--no-cache`` learn for this run only, in the
    folder ``scratch``, which lasts as long as the run. Each of those articles then runs with that
    rule too, whatever its own per-file ignores. A file that cannot be written is said so, and what
    was learned serves this run only."""
    sites: dict[str | None, list[Job]] = {}
    for item in planned:
        if isinstance(item, Job) and item.stdin is None and item.format in chrome.FORMATS:
            sites.setdefault(item.site, []).append(item)
    caches: dict[int, Path] = {}  # id(job) -> the learned rule file it runs with
    for number, (site, jobs) in enumerate(sites.items()):
        run_only = Path(scratch) / str(number) / chrome.CACHE_NAME
        cache = run_only if args.no_cache else chrome.cache_for(site, [job.path for job in jobs])
        texts = {}
        if len(jobs) >= args.chrome_min_count:
            for job in jobs:
                try:
                    texts[job.display] = read_file(job.path, job.encoding).text
                except FileProblem:
                    continue  # the article's own job reports it
        counts = chrome.count_lines(texts)
        options = {"min_count": args.chrome_min_count, "min_share": args.chrome_min_share}
        base = jobs[0].config
        run_only.parent.mkdir()
        try:
            found = chrome.for_site(base, counts, cache, write_to=cache if args.fix else run_only, **options)
        except FileProblem as error:
            print(terminal_safe(f"copyedit: warning: {error}; what is learned serves this run only"), file=sys.stderr)
            found = chrome.for_site(base, counts, cache, write_to=run_only, **options)
        if found.note is not None:
            print(terminal_safe(f"copyedit: note: {found.note}"), file=sys.stderr)
        if not args.quiet:
            for line, (count, _) in sorted(found.learned.items()):
                print(terminal_safe(f"copyedit: learned chrome ({count} of {counts.articles} articles): {line}"), file=sys.stderr)
            if found.written == cache and not args.no_cache:
                print(terminal_safe(f"copyedit: learned chrome written to {cache}"), file=sys.stderr)
            elif found.written is not None and not args.no_cache:
                print(terminal_safe(f"copyedit: learned chrome serves this run only (--fix writes it to {cache})"), file=sys.stderr)
        if found.config is not base:
            caches.update((id(job), found.written or cache) for job in jobs)
    return [
        replace(item, config=chrome.with_rule(item.config, caches[id(item)])) if isinstance(item, Job) and id(item) in caches else item
        for item in planned
    ]


# A run of fewer bytes of articles is checked in this process unless --jobs says otherwise: starting
# the workers (a fork each, langdetect's profiles, each one's first document) costs more than they
# save at that size. Measured with the example article, 128 copies (490 KB), on 2 cores under load:
# --jobs 1 1.9 CPU s and 3.2 s, --jobs 2 3.0 CPU s and 4.2 s; two small files: 0.8 against 1.7 CPU s.
PARALLEL_FROM_BYTES = 256 * 1024
# The workers warm up on the run's first article of at most this size: each checks it, and a large one would
# cost more than the warm-up saves (a process's first document: 0.1 s of imports and caches).
WARM_UP_MAX_BYTES = 64 * 1024


def default_workers(size: int) -> int:
    """Without ``--jobs``: one worker process per core for a run of at least :data:`PARALLEL_FROM_BYTES`
    (``size``: the bytes of its articles so far); none (1: this process) for a smaller one, such as the
    few files a pre-commit hook is given."""
    return (os.cpu_count() or 1) if size >= PARALLEL_FROM_BYTES else 1


def job_size(job: Job) -> int:
    """The bytes of a job's article (0 when it cannot be read: the job reports it)."""
    if job.stdin is not None:
        return len(job.stdin)
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


class Workers:
    """The run's worker processes, started while the run still plans its files, as soon as it
    knows it needs them (a job for each of ``--jobs``; without it, a job for each core once
    the articles reach :data:`PARALLEL_FROM_BYTES`), else when the plan is done if it has two jobs
    or more: they fork with the rule set ``Plan.validate`` loaded and each warms up on the run's
    first file of at most :data:`WARM_UP_MAX_BYTES`, if one is planned by then (a process's first
    document costs 0.1 s: patterns, databases, caches) while this
    process walks the folders, plans and learns chrome. Before that (and without workers) the run
    is this process's alone, and SIGTERM ends it as it ends any program.

    From their start to :meth:`close`, SIGTERM raises :class:`~copyedit.cli.Terminated` here (in the
    main thread); on it, on Ctrl-C, on an error of the plan, or when the run stops early, the workers
    stop with the run: each ends the file it is writing, if any, starts and writes no other, and
    exits. None goes on after the command has exited."""

    def __init__(self, jobs: int | None) -> None:
        self.jobs = jobs  # --jobs; None: by the size of the run
        self.files = 0  # jobs planned
        self.size = 0  # their bytes, counted until the run is large enough for workers
        self._first: Job | None = None  # what the workers warm up on (WARM_UP_MAX_BYTES)
        self._pool: ProcessPoolExecutor | None = None
        self._workers = 1
        self._stop: Any = None  # a multiprocessing.Event: the run has stopped
        self._sigterm = contextlib.ExitStack()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def wanted(self) -> int:
        """How many worker processes the run takes by now (1: none, the jobs run in this process)."""
        return self.jobs if self.jobs is not None else default_workers(self.size)

    def add(self, job: Job) -> None:
        """Count a planned job; start the workers once there is a job for each."""
        self.files += 1
        counting = self.jobs is None and self.size < PARALLEL_FROM_BYTES
        if counting or self._first is None:
            size = job_size(job)  # a stat of the file, once
            if counting:
                self.size += size
            if self._first is None and size <= WARM_UP_MAX_BYTES:
                self._first = job
        if self._pool is None and self.files >= self.wanted > 1:
            self._start(self.wanted)

    def planned(self) -> None:
        """The plan is done: start the workers if the run takes them and they have not started."""
        workers = min(self.wanted, self.files)
        if self._pool is None and workers > 1:
            self._start(workers)

    def _start(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # only with workers: 14 ms at every start

        # The workers fork with the compiled rule sets (``validate`` loaded them) and load the rest of the
        # rules' data themselves, when a file needs it: loading all of it here first (RuleSet.preload, 0.9 s)
        # kept both cores waiting, and most runs need little of it (--jobs 2 over BBC news 2.2–2.5 s with it,
        # 1.7 s without; over WMT MT output, which needs langdetect, 2.5 s with it and 2.2 s without).
        # Fork is named, not left to the default: Python 3.14 makes forkserver Linux's default, whose workers
        # would each load and compile the rule set again (the run has no thread that a fork could break).
        context = multiprocessing.get_context(worker_start_method())
        self._sigterm.enter_context(_terminated_on_sigterm())
        with _sigterm_held():  # raised halfway through the forks, it would leave some workers out of the pool's reach
            self._stop = context.Event()
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(self._stop, self._first)
            )
            self._workers = workers
            self._pool.submit(int)  # the first call forks the workers (each warms up as it starts)

    def run(self, jobs: Sequence[Job], advance: Callable[[], None]) -> Generator[FileReport, None, None]:
        """Reports in the order of ``jobs``, from the workers if they started, else from this process."""
        if self._pool is None:
            with _terminated_on_sigterm():
                for job in jobs:
                    yield process(job)
                    advance()
            return
        chunk = max(1, min(32, len(jobs) // (self._workers * 8)))
        for report in self._pool.map(process, jobs, chunksize=chunk):
            yield report
            advance()

    def close(self) -> None:
        """Stop the workers, if they started, and wait for them to exit. The workers skip what is left of
        their chunks, the files not sent are cancelled, and the pool ends them as it ends idle ones.
        (Killing them instead could cut a result in half in the pool's pipe, and the pool then waited
        for the rest for ever.)"""
        try:
            if self._pool is not None:
                self._stop.set()
                self._pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self._sigterm.close()


@contextlib.contextmanager
def _terminated_on_sigterm() -> Iterator[None]:
    """SIGTERM raises :class:`~copyedit.cli.Terminated` in the main thread while in this block
    (elsewhere, as in a library's thread, it is left as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, frame: object) -> None:
    from . import Terminated

    raise Terminated()


# In a worker process: the run's stop (set by the run), and whether the worker was sent SIGTERM itself
def worker_start_method() -> str:
    """How ``lint --jobs`` starts its workers: by fork where it is safe (Linux), so that each starts with the
    rule set the run compiled; elsewhere (macOS, where fork may crash system libraries, and Windows) as the
    platform's default does, each worker loading the rules itself."""
    if sys.platform.startswith("linux"):
        return "fork"
    import multiprocessing

    return multiprocessing.get_start_method()


_stop: Any = None  # a multiprocessing.Event
_signalled = False


def _start_worker(stop: Any, warm_up: Job | None) -> None:
    """A worker stops when the run says so (``stop``) or on its own SIGTERM (as when a service manager
    signals the whole process group); Ctrl-C, which a terminal sends to the whole group too, is the
    run's to handle. Either signal, acted on at once, could stop the worker halfway through handing
    a result back, and the run would wait for the rest for ever. Then it checks ``warm_up`` (a file
    of the run, writing nothing) for what a process's first document loads, while the run plans."""
    global _stop
    _stop = stop
    signal.signal(signal.SIGTERM, _on_worker_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # held while the run forked it
    if warm_up is not None:
        process(replace(warm_up, action="check" if warm_up.action == "check" else "preview"))


def _on_worker_sigterm(signum: int, frame: object) -> None:
    global _signalled
    _signalled = True


def _stopping() -> bool:
    """Whether this worker is to start or write no more files (never in the run's own process)."""
    return _signalled or (_stop is not None and _stop.is_set())


class Progress:
    """A progress bar on stderr, shown only on a terminal and only once a run passes a second."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.started = time.monotonic()
        self.done = 0
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._bar is None and time.monotonic() - self.started > PROGRESS_DELAY:
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(transient=True, console=_stderr_console())
            self._bar.start()
            self._task = self._bar.add_task("copyedit", total=self.total, completed=self.done)
        if self._bar is not None and self._task is not None:  # set together
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _use_color(args: argparse.Namespace, stream: TextIO) -> bool:
    return not args.no_color and not os.environ.get("NO_COLOR") and args.output is None and stream.isatty()


def summary_line(reports: Sequence[FileReport], action: str, seconds: float) -> str:
    """
    >>> from copyedit.model import Finding, Severity, Span
    >>> bad = Finding("C401", "doubled-word", Severity.WARNING, "m", Span(0, 1), 1, 1, "x")
    >>> summary_line([FileReport("a.txt", findings=(bad,)), FileReport("b.txt", error="gone")], "check", 0.5)
    'copyedit: 2 files checked in 0.50 s: 1 finding (1 warning), 1 file with errors'
    >>> summary_line([FileReport("a.txt", with_source=True), FileReport("b.txt")], "check", 0.5)
    'copyedit: 2 files checked (1 against its source) in 0.50 s: 0 findings'
    """
    checked = [r for r in reports if r.error is None]
    counts = severity_counts(checked)
    total = sum(counts.values())
    parts = []
    if action == "fix":
        parts.append(f"{plural(sum(r.written or r.changed for r in checked), 'file')} fixed")
    elif action == "preview":
        parts.append(f"{plural(sum(r.changed for r in checked), 'file')} would be fixed")
    by_severity = ", ".join(
        f"{counts[s.value]} {s.value}" if s is Severity.INFO else plural(counts[s.value], s.value) for s in Severity if counts[s.value]
    )
    parts.append(f"{plural(total, 'finding')}" + (f" ({by_severity})" if total else ""))
    if action == "check":
        fixable = sum(r.fixable() for r in checked)
        if fixable:
            parts.append(f"{fixable} fixable with --fix")
    errors = len(reports) - len(checked)
    if errors:
        parts.append(f"{plural(errors, 'file')} with errors")
    sourced = sum(r.with_source for r in checked)
    against = f" ({sourced} against {'its source' if sourced == 1 else 'their sources'})" if sourced else ""
    return f"copyedit: {plural(len(reports), 'file')} checked{against} in {seconds:.2f} s: " + ", ".join(parts)


def sources_unused(paths: Sequence[str]) -> str:
    """What to say when articles had a source that no selected rule reads.

    >>> sources_unused(["a.txt", "b.txt"])
    'a.txt and 1 other file have a source, but no selected rule compares an article with its source (the qa pack is off?)'
    """
    others = f" and {plural(len(paths) - 1, 'other file')}" if len(paths) > 1 else ""
    verb = "have" if others else "has"
    return f"{paths[0]}{others} {verb} a source, but {SOURCE_UNUSED_SAID}"


def nothing_to_check(paths: Sequence[str], include: Sequence[str] = ()) -> str:
    """What to say when the paths hold no file to check; ``include``: the globs ``--include`` gave, named.

    >>> nothing_to_check(["news"])
    'no files to check in news: folders are searched for the files their include patterns name (by default *.txt *.md *.markdown *.html *.htm), less sidecar sources (NAME.src.*), hidden folders and what .gitignore ignores'
    >>> nothing_to_check(["news"], ["*.xml"])[:75]
    "no files to check in news: no file there matches --include '*.xml'; folders"
    """
    if include:
        matched = " or ".join(f"--include {pattern!r}" for pattern in include)
        return (
            f"no files to check in {', '.join(paths)}: no file there matches {matched}; folders are searched for the files "
            "their include patterns name, less sidecar sources (NAME.src.*), hidden folders and what .gitignore ignores"
        )
    return (
        f"no files to check in {', '.join(paths)}: folders are searched for the files their include patterns name "
        f"(by default {' '.join(DEFAULT_INCLUDE)}), less sidecar sources (NAME.src.*), hidden folders and what .gitignore ignores"
    )


def exit_code(reports: Sequence[FileReport], action: str, fail_on: Callable[[str], Severity], args: argparse.Namespace) -> int:
    if any(r.error for r in reports):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    failing = any(f.severity.rank >= fail_on(r.path).rank for r in reports for f in r.findings)
    would_change = action == "preview" and (args.check or args.diff) and any(r.changed for r in reports)
    fixed = args.exit_non_zero_on_fix and any(r.changed for r in reports)
    return EXIT_FINDINGS if failing or would_change or fixed else EXIT_OK


def _emit(text: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        # a file name that is not UTF-8 keeps its bytes, as on stdout
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        if os.path.exists(output) and not os.path.isfile(output):
            with open(output, "wb") as handle:  # a pipe or a device, such as /dev/stderr
                handle.write(data)
        else:
            write_atomically(os.path.realpath(output), data)  # through a symbolic link, as open() writes
    except OSError as error:
        raise UsageError(f"cannot write the report to {output}: {error.strerror or error}") from None


def _check_output_folder(output: str) -> None:
    """Refuse, before any work, a report file that cannot be written: its folder is missing or not
    writable, or it is a folder itself (a pipe or a device, such as /dev/stderr, is written as it is)."""
    if os.path.isdir(output):
        raise UsageError(f"cannot write the report to {output}: it is a folder")
    if os.path.exists(output) and not os.path.isfile(output):
        return
    folder = os.path.dirname(os.path.realpath(output))  # through a symbolic link, as the report is written
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write the report to {output}: there is no folder {folder}")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write the report to {output}: the folder {folder} is not writable")


def _check_output(output: str, planned: Sequence[Job | FileReport]) -> None:
    """Refuse a report file that is one of the articles: writing the report would replace it."""
    if not os.path.isfile(output):
        return
    for item in planned:
        if isinstance(item, Job) and item.stdin is None and same_file(item.path, output):
            raise UsageError(f"-o {output} is the article {item.display}: the report would replace it")


def _report(args: argparse.Namespace, format: str) -> Callable[[Sequence[FileReport], ReportOptions], str]:
    """The report's renderer: the format's, or with ``--statistics`` the counts by rule."""
    if not args.statistics:
        return renderer(format)
    from ..reporting import statistics

    return statistics.render_json if format == "json" else statistics.render


def _check_globs(args: argparse.Namespace) -> None:
    """Refuse an ``--include`` or ``--exclude`` glob that is not valid, naming it: pathspec would read it as
    nothing (or fail), and the run would say "no files to check" (or lint what was meant to be left out)."""
    for option, patterns in (("--include", args.include or ()), ("--exclude", args.exclude)):
        for pattern in patterns:
            problem = glob_problem(pattern)
            if problem is not None:
                raise UsageError(f"{option} {pattern!r} is not a valid glob: {problem}")


def _check_report_options(args: argparse.Namespace) -> None:
    if args.statistics and (args.diff or args.format not in ("text", "json")):
        raise UsageError(
            "--statistics counts findings as text or json; it cannot be combined with "
            + ("--diff" if args.diff else f"--format {args.format}")
        )
    if args.diff and args.format != "text":
        raise UsageError(f"--diff prints a unified diff, not a report: it cannot be combined with --format {args.format} (--check --format {args.format} reports what --fix would change)")


def _check_stdin_options(args: argparse.Namespace, paths: Sequence[str]) -> None:
    """Refuse options that cannot work with the paths given, rather than ignore them."""
    if "-" not in paths:
        if args.stdin_filename:
            raise UsageError("--stdin-filename names the text read from stdin; add - to the paths to read it")
        return
    if args.fix and args.output is None and args.format != "text":
        raise UsageError(
            f"--fix with stdin (-) prints the corrected text on stdout; write the {args.format} report to a file with -o FILE"
        )


def _articles_named(paths: Sequence[str], quiet: bool) -> list[str]:
    """The paths less the sidecar sources named beside their articles: pre-commit names every staged file, the
    translation and its ``story.src.ru.txt`` alike, and a source is read with its article, never linted as one
    (LQ102 would find it in another language, and ``--fix`` would edit it). Each one left out is named on stderr.
    """
    from ..qa import article_of_sidecar

    kept = []
    for path in paths:
        article = article_of_sidecar(path) if path != "-" and ".src." in path and os.path.isfile(path) else None
        if article is None:
            kept.append(path)
        elif not quiet:
            print(terminal_safe(f"copyedit: {path}: the source of {article}, read with it; not linted as an article"), file=sys.stderr)
    return kept


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    paths = args.paths or ["."]
    try:
        if args.jobs is not None and args.jobs < 1:
            raise UsageError("--jobs must be 1 or more")
        if paths.count("-") > 1:
            raise UsageError("stdin (-) can be read only once")
        _check_report_options(args)
        _check_stdin_options(args, paths)
        if args.source and args.source_dir:
            raise UsageError("--source and --source-dir exclude each other: --source names one article's source")
        if args.source_dir is not None and not os.path.isdir(args.source_dir):
            raise UsageError(f"--source-dir {args.source_dir}: not a folder")
        if args.output is not None:
            _check_output_folder(args.output)
        _check_globs(args)
        if args.chrome_min_count < 2 or not 0 < args.chrome_min_share <= 1:
            raise UsageError("--chrome-min-count must be 2 or more and --chrome-min-share above 0 and at most 1")
        plan = Plan(args)
    except CopyeditError as error:
        print(f"copyedit: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    with Workers(args.jobs) as workers:  # they start while the files are planned, and stop with the run
        try:
            planned: list[Job | FileReport] = []
            for item in plan_jobs(args, plan, _articles_named(paths, args.quiet)):
                planned.append(item)
                if isinstance(item, Job):
                    workers.add(item)
            workers.planned()
            learning = tempfile.TemporaryDirectory(prefix="copyedit-chrome-")
            planned = learn_chrome(args, planned, learning.name)
            if args.output is not None:
                _check_output(args.output, planned)
            if args.source and sum(isinstance(item, Job) for item in planned) > 1:
                raise UsageError(
                    "--source gives the source of one article; for several, put ARTICLE.src.txt beside each, or name a"
                    " folder of sources laid out as the articles are with --source-dir"
                )
        except CopyeditError as error:
            print(f"copyedit: error: {error}", file=sys.stderr)
            return EXIT_ERROR
        jobs = [item for item in planned if isinstance(item, Job)]
        progress = Progress(len(jobs), sys.stderr.isatty() and not args.quiet)
        done = workers.run(jobs, progress.advance)
        try:
            reports = [item if isinstance(item, FileReport) else next(done) for item in planned]
        finally:
            done.close()
            progress.close()
    action = _action(args)
    # Nothing is written: a place is where it is in the file on disk (with --fix, in the file as written, as ruff
    # reports what remains). The redline page shows the corrected text, and its places; stderr the places on disk.
    on_disk = [report.on_disk() for report in reports] if action == "preview" else reports
    if args.format != "html":
        reports = on_disk
    for report in on_disk:
        if report.error:
            print(terminal_safe(f"copyedit: error: {report.path}: {report.error}"), file=sys.stderr)
        for warning in report.warnings:
            print(warning_line(report.path, warning), file=sys.stderr)
    checked = [r for r in reports if r.error is None]
    unused = [r.path for r in checked if r.source_unused]
    if unused:
        print(terminal_safe(f"copyedit: warning: {sources_unused(unused)}"), file=sys.stderr)
    stdin_reports = [report for item, report in zip(planned, reports) if isinstance(item, Job) and item.stdin is not None]
    to_stdin_fix = args.fix and bool(stdin_reports)
    try:
        options = ReportOptions(
            color=_use_color(args, sys.stderr if to_stdin_fix else sys.stdout),
            mode="fix" if action == "fix" else "would-fix" if action == "preview" else "check",
            tool_version=__version__,
            run_warnings=tuple(plan.run_warnings),
            rules={
                rule.code: rule
                for item, report in zip(planned, reports)
                if isinstance(item, Job) and report.error is None
                for rule in ruleset_for(item.config).rules
            },
        )
        # SARIF and GitHub annotations record the files that could not be checked too (an error notification of
        # SARIF's invocation; an error annotation at the file)
        reported = reports if args.format in ("sarif", "github") else checked
        if args.diff:
            # On a terminal the diff is for reading: an article's escape sequences must not act.
            # Piped or written to a file it stays exact, in each file's encoding, so `patch` can apply it.
            if args.output is None and sys.stdout.isatty():
                _emit(terminal_safe("".join(r.diff() for r in checked), multiline=True), None)
            else:
                _emit(b"".join(r.encoded_diff() for r in checked), args.output)
        elif to_stdin_fix:
            # stdout carries the corrected article; the report goes to -o FILE, else (as text) to stderr
            sys.stdout.flush()
            sys.stdout.buffer.write(b"".join(r.encoded() for r in stdin_reports if r.error is None))
            sys.stdout.buffer.flush()
            if args.output is not None:
                _emit(_report(args, args.format)(reported, options), args.output)
            else:
                sys.stderr.write(_report(args, "text")(checked, options))
        else:
            _emit(_report(args, args.format)(reported, options), args.output)
    except CopyeditError as error:
        print(f"copyedit: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not args.quiet:
        print(summary_line(reports, action, time.monotonic() - started), file=sys.stderr)
    if not reports:
        # as ruff does: an empty run is most often a wrong folder or include pattern, not a clean one
        print(terminal_safe(f"copyedit: warning: {nothing_to_check(paths, args.include or ())}"), file=sys.stderr)

    def fail_on(path: str) -> Severity:
        if args.fail_on:
            return Severity(args.fail_on)
        return plan.settings_for_folder(os.path.dirname(os.path.abspath(path if path != "-" else "-"))).fail_on

    return exit_code(reports, action, fail_on, args)
