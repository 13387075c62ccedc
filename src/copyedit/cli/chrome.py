"""``copyedit chrome learn DIR... -o FILE``: learn a site's chrome offline, for the service and the hook.

The same learning as ``copyedit lint DIR`` (:mod:`copyedit.chrome`): the lines that recur in at
least ``--min-count`` of the plain-text and Markdown articles and in the share ``--min-share`` of
them are written as the BP190 rule to FILE (default: ``.copyedit-chrome.yml`` in the current
folder). Put FILE beside the service's configuration file, or list it under ``rules``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import EXIT_ERROR, EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .. import chrome

    actions = parser.add_subparsers(dest="chrome_action", metavar="ACTION", required=True)
    learn = actions.add_parser(
        "learn",
        help="learn the lines a site's articles repeat and write them as the BP190 rule file",
        description=(  # the module docstring is reStructuredText; --help shows plain text
            "The same learning as 'copyedit lint DIR': the lines that recur in at least --min-count of the plain-text "
            "and Markdown articles and in at least the share --min-share of them are written as the BP190 rule to "
            f"FILE (-o; default: {chrome.CACHE_NAME} in the current folder). Put FILE beside the configuration file "
            "of the service or the hook, or list it under 'rules'."
        ),
    )
    learn.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (walked recursively: *.txt *.md *.markdown; HTML is not read)")
    learn.add_argument("-o", "--output", type=Path, default=Path(chrome.CACHE_NAME), metavar="FILE", help=f"the rule file to write (default: {chrome.CACHE_NAME})")
    learn.add_argument("--min-count", type=int, default=chrome.MIN_COUNT, metavar="N", help=f"at least N articles hold the line (default: {chrome.MIN_COUNT})")
    learn.add_argument("--min-share", type=float, default=chrome.MIN_SHARE, metavar="S", help=f"and at least the share S of them (default: {chrome.MIN_SHARE})")
    learn.add_argument("--encoding", metavar="NAME", help="read files without a byte-order mark in this encoding (default: UTF-8), as lint does")
    learn.add_argument("-q", "--quiet", action="store_true", help="do not list the lines learned")


def run(args: argparse.Namespace) -> int:
    from .. import chrome
    from ..files import FileProblem, read_file
    from ..reporting import plural
    from ..reporting.text import terminal_safe

    try:
        chrome.check_thresholds(args.min_count, args.min_share)
    except ValueError as error:
        print(f"copyedit chrome learn: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    texts = {}
    articles, pages, missing = _articles(args.paths)
    for name in missing:
        print(terminal_safe(f"copyedit chrome learn: {name}: no such file or directory"), file=sys.stderr)
    if pages:
        print(terminal_safe(
            f"copyedit chrome learn: {pages} HTML file{'s' if pages != 1 else ''} not read: site chrome is learned from"
            " plain-text and Markdown articles (*.txt *.md *.markdown); on a whole HTML page, BP120 finds it"
        ), file=sys.stderr)
    unread = len(missing)  # as in lint: the others are still read, and the run exits 2
    for path in articles:
        try:
            texts[str(path)] = read_file(str(path), args.encoding).text
        except FileProblem as error:
            print(terminal_safe(f"copyedit chrome learn: {path}: {error.problem}"), file=sys.stderr)
            unread += 1
    if len(texts) < args.min_count:
        print(
            f"copyedit chrome learn: error: {len(texts)} plain-text or Markdown articles; at least {args.min_count} are needed to learn",
            file=sys.stderr,
        )
        return EXIT_ERROR
    counts = chrome.count_lines(texts)
    learned = chrome.select(counts, args.min_count, args.min_share)
    if learned:  # nothing learned leaves FILE as it is: it may be a rule file of the user's own
        try:
            chrome.write_rule(args.output, learned, counts.articles, cache=False)  # lint never rewrites it
        except FileProblem as error:
            print(terminal_safe(f"copyedit chrome learn: error: {error}"), file=sys.stderr)
            return EXIT_ERROR
    if not args.quiet:
        for line, (count, _) in sorted(learned.items()):
            print(terminal_safe(f"copyedit: learned chrome ({count} of {counts.articles} articles): {line}"), file=sys.stderr)
        print(f"copyedit chrome learn: {plural(len(learned), 'line')} from {plural(counts.articles, 'article')}"
              + (f" written to {args.output}" if learned else "; nothing written"), file=sys.stderr)
    return EXIT_ERROR if unread else EXIT_OK


def _articles(paths: list[str]) -> tuple[list[Path], int, list[str]]:
    """The articles to learn from (in folders, the plain-text and Markdown files among those `copyedit lint`
    reads: :func:`copyedit.files.articles_in`), how many HTML files were left out (in folders, or named):
    their lines are markup, not the page's lines, and a whole page's chrome is BP120's; and the paths named
    that do not exist. A sidecar source named beside its article (``site/*.txt`` names ``story.src.ru.txt``) is
    no article of the site, as in a folder."""
    from .. import chrome
    from ..files import articles_in, format_for
    from ..qa import article_of_sidecar

    found: list[Path] = []
    pages = 0
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if not os.path.lexists(path):
            missing.append(name)
            continue
        if not path.is_dir() and article_of_sidecar(path) is not None:
            continue
        for file in [path / relative for relative in articles_in(path)] if path.is_dir() else [path]:
            if format_for(file.name) in chrome.FORMATS:
                found.append(file)
            else:
                pages += 1
    return found, pages, missing
