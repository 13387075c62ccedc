"""``copyedit calibrate DECISIONS.jsonl``: each rule's acceptance rate in this newsroom, and the
configuration its editors' decisions earn (:func:`copyedit.decisions.calibrate`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import engine
from ..decisions import Calibration, MergeError, calibrate, changes, configuration, deduplicate, merge_configuration, read_logged
from ..errors import CopyeditError
from ..files import describe_os_error, read_named, read_named_text, reading_problem, write_atomically
from ..model import Applicability
from ..service.configuration import load_service_config
from . import EXIT_ERROR, EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("log", metavar="DECISIONS.jsonl", nargs="+", help="decision logs written by the review page")
    parser.add_argument("--config", metavar="FILE", help="the configuration the decisions were made under (default: the nearest one)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the configuration here; an existing copyedit.toml or pyproject.toml gets only the changed"
        " [applicability] and [severity] keys, the rest kept (default: stdout, after the report on stderr)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        config = load_service_config(args.config, discover_from=os.getcwd()).config
        logged = []
        for path in args.log:
            try:
                text = read_named_text(path)
            except (OSError, UnicodeDecodeError) as error:
                print(f"copyedit calibrate: {path}: {reading_problem(path, error)}", file=sys.stderr)
                return EXIT_ERROR
            logged.extend(read_logged(text.splitlines(keepends=True), path))
        decisions, repeated = deduplicate(logged)
        calibrations, unknown = calibrate(decisions, engine.ruleset_for(config))
    except CopyeditError as error:
        print(f"copyedit calibrate: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not logged:
        print("copyedit calibrate: warning: 0 decisions in the logs: nothing to calibrate", file=sys.stderr)
    if repeated:
        print(
            f"copyedit calibrate: {repeated} repeated decision{'s' if repeated != 1 else ''} counted once"
            " (the same finding of the same article: the latest counts)",
            file=sys.stderr,
        )
    if unknown:
        named = ", ".join(f"{n.rule} ({n.decided})" for n in unknown)
        print(
            f"copyedit calibrate: warning: not counted: decisions on rules the configuration does not load: {named};"
            " is --config the configuration they were made under?",
            file=sys.stderr,
        )
    report = sys.stderr if args.output is None else sys.stdout
    print(f"{'rule':<8} {'decided':>7} {'accepted':>8} {'kept':>5} {'edited':>6} {'rejected':>8} {'rate':>6}  fix now -> new, severity now -> new", file=report)
    for c in calibrations:
        n = c.counts
        fix = f"{c.applicability.value if c.applicability else '-'} -> {c.new_applicability.value if c.new_applicability else '-'}"
        print(
            f"{n.rule:<8} {n.decided:>7} {n.accepted:>8} {n.kept:>5} {n.edited:>6} {n.rejected:>8} {n.acceptance:>6.1%}  "
            f"{fix}, {c.severity.value} -> {c.new_severity.value}",
            file=report,
        )
    unseen = [c.counts.rule for c in calibrations if c.applicability is Applicability.SAFE and not c.counts.kept and c.counts.rejected]
    if unseen:
        print(
            f"copyedit calibrate: note: {', '.join(unseen)}: no safe fix logged as kept; a log from a review page that did"
            " not log them judges a safe rule on its rejections only",
            file=sys.stderr,
        )
    if args.output is None:
        sys.stdout.write(configuration(calibrations, " ".join(args.log)))
        return EXIT_OK
    return _write(args.output, calibrations, " ".join(args.log))


def _write(path: str, calibrations: Sequence[Calibration], log_name: str) -> int:
    """Write the calibration to ``path``: merged into the configuration already there (only the keys it
    changes), else as a new file."""
    pyproject = os.path.basename(path) == "pyproject.toml"
    existing: str | None = None
    if os.path.lexists(path):
        try:
            existing = read_named(path).decode("utf-8")  # its own line ends, which the merge writes back
        except (OSError, UnicodeDecodeError) as error:
            print(f"copyedit calibrate: {path}: {reading_problem(path, error)}", file=sys.stderr)
            return EXIT_ERROR
    mark = ""  # a byte-order mark is read past, as lint reads the configuration, and written back
    if existing is not None and existing.startswith("\ufeff"):
        mark, existing = "\ufeff", existing[1:]
    try:
        if existing is None and not pyproject:
            written = configuration(calibrations, log_name)
        else:
            written = merge_configuration(existing or "", calibrations, pyproject)
    except MergeError as error:
        print(f"copyedit calibrate: {path}: cannot merge the calibration: {error}", file=sys.stderr)
        return EXIT_ERROR
    if written == existing:
        print(f"copyedit calibrate: {path}: no rule changes; the file is left as it was", file=sys.stderr)
        return EXIT_OK
    try:
        write_atomically(path, (mark + written).encode("utf-8"))
    except OSError as error:
        print(f"copyedit calibrate: {path}: cannot write the configuration: {describe_os_error(path, error)}", file=sys.stderr)
        return EXIT_ERROR
    if existing is not None:
        keys = sum(map(len, changes(calibrations).values()))
        print(f"copyedit calibrate: {path}: {keys} key{'' if keys == 1 else 's'} set, the rest of the file kept", file=sys.stderr)
    return EXIT_OK
