"""The ``copyedit`` command: a thin layer over the library.

Each subcommand lives in its own module with ``add_arguments(parser)`` and ``run(args) -> int``
and is imported only when used, so ``copyedit --version`` starts fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from typing import Sequence

from .. import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped by Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report a program stopped by `kill`, `timeout` or a service manager


class Terminated(BaseException):
    """SIGTERM, raised where a command asked for it (``lint`` while it runs its files) so that it
    can stop its workers before it exits, as Ctrl-C's KeyboardInterrupt does."""
# A command loads its rules, patterns and word lists once and keeps them to its end: the cyclic collector, run
# every 700 new objects and once more at exit, walked them again and again (130 M of the 1.6 G instructions of a
# one-file lint). The program runs it every 100,000 (:func:`program`).
COLLECT_EVERY = 100_000

# name -> (module, one-line help)
COMMANDS = {
    "lint": ("copyedit.cli.lint", "check files, directories or stdin; fix, diff, report"),
    "rules": ("copyedit.cli.rules", "list the rules, explain one, or run every rule's examples"),
    "hook": ("copyedit.cli.hook", "pre-publish hook: one JSON article on stdin, verdict and corrected body on stdout"),
    "serve": ("copyedit.cli.serve", "run the pre-publish HTTP service (needs copyedit[service])"),
    "review": ("copyedit.cli.review", "open one article in the review page on 127.0.0.1 (needs copyedit[service])"),
    "calibrate": ("copyedit.cli.calibrate", "acceptance rate per rule from decision logs; the configuration they earn"),
    "batch": ("copyedit.cli.batch", "clean an archive on a Dask cluster into Parquet (needs copyedit[dask])"),
    "import-glossary": ("copyedit.cli.glossary", "turn a CSV or TBX glossary into a substitution rule file"),
    "names": ("copyedit.cli.names", "import a house names registry from Wikidata, SPARQL, ParaNames or a CSV"),
    "chrome": ("copyedit.cli.chrome", "learn a site's chrome from its articles for the service and the hook (copyedit chrome learn DIR)"),
}


def language_argument(value: str) -> str:
    """An option's language code (``--source-lang ru``), as the configuration reads one."""
    from ..languages import language_code

    try:
        return language_code(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def source_language_argument(value: str) -> str | None:
    """``--source-lang``: a language code, or "" for none given (the source's language is then detected), as the library
    reads ``source_lang=""``: a script's unset variable (``--source-lang "$LANG_OF_SOURCE"``) is no language.

    >>> source_language_argument("RU"), source_language_argument("")
    ('ru', None)
    """
    from ..languages import source_language_code

    try:
        return source_language_code(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def port_argument(value: str) -> int:
    """A TCP port (``--port 8750``); 0 asks for any free one.

    >>> port_argument("8750"), port_argument("0")
    (8750, 0)
    >>> port_argument("70000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: a port is a number from 0 to 65535, not '70000'
    """
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535, not {value!r}")
    return int(value)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copyedit",
        description="Clean up machine-translated news articles and check their translation quality.",
    )
    parser.add_argument("--version", action="version", version=f"copyedit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if command in (name, None) and command is not None:
            importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Terminated:
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_ERROR


def program() -> int:
    """``copyedit`` as a program (the console script, ``python -m copyedit``): :func:`main` in a process of its own,
    whose collector it may set (:data:`COLLECT_EVERY`); what is alive at its end is left out of the exit's collection."""
    gc.set_threshold(COLLECT_EVERY)
    try:
        return main()
    finally:
        gc.freeze()


if __name__ == "__main__":
    sys.exit(program())
