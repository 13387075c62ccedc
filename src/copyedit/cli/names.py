"""``copyedit names import FILE... -o house-registry.jsonl``: a house names registry from public name data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="names_action", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help="build a registry file (the shipped JSON Lines format) for the names-registry setting",
        description="Build a registry file from Wikidata JSON dump lines, SPARQL results (CSV or JSON), a "
        "ParaNames TSV or the house's CSV (english,native,kind,note). Use it with names-registry = [FILE] "
        "in copyedit.toml.",
    )
    importer.add_argument("inputs", nargs="+", metavar="FILE", help="input files (merged into one registry)")
    importer.add_argument("-o", "--output", type=Path, required=True, help="the registry file to write (.jsonl)")
    importer.add_argument(
        "--from", dest="fmt", choices=("wikidata", "sparql", "paranames", "csv"), default=None,
        help="the input format (default: guessed from each file's name and first line)",
    )
    importer.add_argument("-q", "--quiet", action="store_true", help="do not list duplicates and conflicts")


def run(args: argparse.Namespace) -> int:
    from ..files import same_file
    from ..names_registry import RegistryFileError
    from ..names_registry.importers import Report, build_registry, read_input, write_registry

    clash = next((path for path in args.inputs if same_file(path, args.output)), None)
    if clash is not None:
        print(f"copyedit names import: error: -o {args.output} is the input {clash}: the registry would replace it", file=sys.stderr)
        return EXIT_ERROR
    report = Report()
    try:
        records = (record for path in args.inputs for record in read_input(path, args.fmt, report))
        entries = build_registry(records, report, _english_words())
        write_registry(entries, args.output, [Path(p).name for p in args.inputs])
    except RegistryFileError as error:
        print(f"copyedit names import: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"copyedit names import: error: {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    if not args.quiet:
        for line in report.duplicates:
            print(f"duplicate: {line}", file=sys.stderr)
        for line in report.conflicts:
            print(f"conflict: {line}", file=sys.stderr)
    from ..reporting import plural

    print(
        f"wrote {args.output}: {plural(report.entries, 'entry')} ({report.skipped} skipped, "
        f"{plural(len(report.duplicates), 'duplicate')}, {plural(len(report.conflicts), 'conflict')})"
    )
    return EXIT_OK


def _english_words() -> set[str] | None:
    """English words a one-word rendering must not be (the english-words package of copyedit[names-build])."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return None
    return set(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
