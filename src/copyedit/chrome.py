"""Site chrome learned across the articles of one site (plain text and Markdown).

A scraper that keeps a site's chrome keeps the same lines in every article of that site: its
slogan ("World news 24 hours a day"), its comment form ("Leave a Reply"), its footer. No rule
lists them all, but a run over many articles of the site sees them recur: a line that stands
in at least ``min_count`` articles and in at least the share ``min_share`` of them is chrome.

What was learned is written as a rule file, BP190 ``learned-chrome`` (a ``boilerplate`` rule
whose ``lines`` are the learned lines, each with a comment naming the articles that taught it),
to the file ``.copyedit-chrome.yml`` beside the configuration. A run over fewer articles (one
file; a service or hook whose configuration sits beside it) uses it. Its fixes are unsafe:
nothing has measured them yet.

Who may rewrite that file: a file a run wrote as a cache (its :data:`CACHE_MARK` line) is
rewritten by the next run that learns something and writes (``copyedit lint --fix``, ``copyedit
batch``); any other file there (one ``copyedit chrome learn`` wrote, one of the user's own, one an
older copyedit wrote) is used as it is and never rewritten nor removed. Learning nothing writes
and removes nothing. A run that writes no file (``lint`` without ``--fix``) learns for itself only.

Every front end goes through this module: ``copyedit lint DIR`` (:func:`for_site`), ``copyedit
batch`` and :func:`copyedit.integrations.dask.run_batch` (:func:`count_lines` per partition on
the workers, :func:`merge` and :func:`select` on the client, then :func:`for_site`), ``copyedit
chrome learn DIR -o FILE`` and the service and hook (:func:`beside`).

>>> texts = {f"{n}.txt": f"World news 24 hours a day\\n\\nStory {n} is told here.\\n\\nLeave a Reply" for n in range(4)}
>>> learned = learn(texts, min_count=3, min_share=0.5)
>>> sorted(learned), learned["Leave a Reply"]
(['Leave a Reply', 'World news 24 hours a day'], Taught(articles=4, names=('0.txt', '1.txt', '2.txt', '3.txt')))
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from .config import Config
from .files import FileProblem, describe_os_error, open_named, write_atomically
from .kinds.boilerplate import normalise_line

CACHE_NAME = ".copyedit-chrome.yml"
# The line that makes a learned rule file a cache, which the next run that learns may rewrite
CACHE_MARK = "# copyedit-cache:"
CODE = "BP190"
MIN_COUNT = 5  # a line is learned when at least this many articles hold it
MIN_SHARE = 0.5  # and at least this share of the articles learned from
MAX_LINE = 200  # longer lines are prose, not chrome
NAMES_KEPT = 20  # the articles named for each line (the first by name); the count is exact
FORMATS = ("text", "markdown")  # the document formats whose lines are learned
# A line that is not chrome may recur too: a markup rule, a lone symbol.
_MIN_LETTERS = 3


class Taught(NamedTuple):
    """How many articles hold a line, and the first of them by name."""

    articles: int
    names: tuple[str, ...]


@dataclass
class LineCounts:
    """Per line (normalised), in how many articles it stands: what a part of the articles
    teaches, merged with :func:`merge` (a Dask partition's, for instance) before :func:`select`."""

    articles: int = 0
    lines: dict[str, tuple[str, int, tuple[str, ...]]] = field(default_factory=dict)  # key -> (as first seen, count, names)


def check_thresholds(min_count: int, min_share: float) -> None:
    """Refuse thresholds that would learn every line.

    >>> check_thresholds(1, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: the minimum count must be 2 or more and the minimum share above 0 and at most 1
    """
    if min_count < 2 or not 0 < min_share <= 1:
        raise ValueError("the minimum count must be 2 or more and the minimum share above 0 and at most 1")


def count_lines(texts: Mapping[str, str]) -> LineCounts:
    """The lines of ``texts`` (name -> article text) with the articles that hold them; a line
    counts once per article, whatever its case, spacing or trailing punctuation."""
    counts = LineCounts(len(texts))
    lines = counts.lines
    for name in sorted(texts):
        keys: dict[str, str] = {}
        for line in texts[name].splitlines():
            stripped = line.strip().lstrip("#>*-+ ").strip()
            # (the letters counted up to the third, in C: counting every one was a third of a folder's start)
            if len(stripped) > MAX_LINE or len(list(islice(filter(str.isalpha, stripped), _MIN_LETTERS))) < _MIN_LETTERS:
                continue
            keys.setdefault(normalise_line(stripped), " ".join(stripped.split()))
        for key, shown in keys.items():
            first, count, names = lines.get(key, (shown, 0, ()))
            lines[key] = (first, count + 1, names if len(names) >= NAMES_KEPT else names + (name,))
    return counts


def merge(parts: Iterable[LineCounts]) -> LineCounts:
    """Several parts' counts as one (the line as the first part saw it, the first names).

    >>> both = merge([count_lines({"a": "Home"}), count_lines({"b": "HOME"})])
    >>> both.articles, both.lines
    (2, {'home': ('Home', 2, ('a', 'b'))})
    """
    total = LineCounts()
    for part in parts:
        total.articles += part.articles
        for key, (shown, count, names) in part.lines.items():
            first, before, kept = total.lines.get(key, (shown, 0, ()))
            total.lines[key] = (first, before + count, tuple(sorted(kept + names))[:NAMES_KEPT])
    return total


def select(counts: LineCounts, min_count: int = MIN_COUNT, min_share: float = MIN_SHARE) -> dict[str, Taught]:
    """The lines that stand in at least ``min_count`` articles and the share ``min_share`` of them."""
    needed = max(min_count, min_share * counts.articles)
    return {shown: Taught(count, names) for shown, count, names in counts.lines.values() if count >= needed}


def learn(texts: Mapping[str, str], min_count: int = MIN_COUNT, min_share: float = MIN_SHARE) -> dict[str, Taught]:
    """The lines that recur across ``texts`` (name -> article text), each (as first seen) with
    how many articles hold it and the first of them by name.

    >>> learn({"a": "Home\\nThe talks ended.", "b": "HOME\\nOther news."}, min_count=2, min_share=1.0)
    {'Home': Taught(articles=2, names=('a', 'b'))}
    """
    return select(count_lines(texts), min_count, min_share)


def with_rule(config: Config, path: Path | str) -> Config:
    """``config`` with the learned rule file at ``path`` among its rules (once)."""
    path = str(path)
    return config if path in config.rule_paths else config.replace(rule_paths=config.rule_paths + (path,))


def cache_for(settings_file: str | None, articles: Iterable[str]) -> Path:
    """Where the articles of one configuration keep what they taught: beside its file
    ``settings_file``, or in the folder that holds them all when there is none.

    >>> str(cache_for("/news/copyedit.toml", ["/news/wire/a.txt"])), str(cache_for(None, ["/news/wire/a.txt", "/news/desk/b.txt"]))
    ('/news/.copyedit-chrome.yml', '/news/.copyedit-chrome.yml')
    """
    if settings_file is not None:
        return Path(os.path.dirname(os.path.abspath(settings_file))) / CACHE_NAME
    return Path(os.path.commonpath([os.path.dirname(os.path.abspath(path)) for path in articles])) / CACHE_NAME


def beside(config: Config, settings_file: str) -> Config:
    """``config`` with the cache beside its configuration file ``settings_file`` when one is
    there: how the service and the hook use what was learned."""
    cache = Path(os.path.dirname(os.path.abspath(settings_file))) / CACHE_NAME
    return with_rule(config, cache) if cache.is_file() else config


class Site(NamedTuple):
    """What :func:`for_site` decided for one site's articles."""

    config: Config  # the configuration they run with
    learned: dict[str, Taught]  # the lines this run learned and uses (none: it uses the file there, if any)
    written: Path | None  # the rule file this run wrote what it learned to (``cache``, or the run's own)
    note: str | None = None  # what the user should hear (a file kept as it is, though it lacks what was learned)


def is_cache(path: Path | str) -> bool:
    """Whether the file at ``path`` is a cache that the next run that learns may rewrite: a learned
    rule file with the :data:`CACHE_MARK` line near its top. A file ``copyedit chrome learn`` wrote,
    a rule file of the user's own, or one written before the mark existed is not one.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / CACHE_NAME
    ...     marked = write_rule(path, {"Leave a Reply": Taught(5, ())}, 5) and is_cache(path)
    ...     _ = write_rule(path, {"Leave a Reply": Taught(5, ())}, 5, cache=False)
    ...     marked, is_cache(path), is_cache(Path(folder) / "missing.yml")
    (True, False, False)
    """
    try:
        with open_named(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", errors="replace") as handle:
            return any(line.startswith(CACHE_MARK) for line in islice(handle, 5))
    except OSError:
        return False


def kept(path: Path) -> bool:
    """Whether a file is at ``path`` that no run may rewrite or remove (it is not a cache)."""
    return os.path.lexists(path) and not is_cache(path)


def discard(path: Path) -> None:
    """Remove the file at ``path`` when it is a cache (:func:`is_cache`): how a run that learns for
    itself only (``copyedit batch --no-cache``) clears what it or an earlier run wrote there. Any
    other file (``copyedit chrome learn``'s, the user's own) is kept.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / CACHE_NAME
    ...     _ = write_rule(path, {"Leave a Reply": Taught(5, ())}, 5, cache=False)
    ...     discard(path)
    ...     learned_kept = path.is_file()
    ...     _ = write_rule(path, {"Leave a Reply": Taught(5, ())}, 5)
    ...     discard(path)
    ...     learned_kept, path.exists()
    (True, False)
    """
    if is_cache(path):
        try:
            os.unlink(path)
        except FileNotFoundError:  # removed since (another run's --no-cache)
            pass


def rule_lines(path: Path) -> set[str]:
    """The ``lines`` of the rule file at ``path``, normalised (none when it cannot be read)."""
    import yaml

    try:
        with open_named(path) as handle:
            raw = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    lines = raw.get("lines") if isinstance(raw, dict) else None
    return {normalise_line(line) for line in lines if isinstance(line, str)} if isinstance(lines, list) else set()


def for_site(
    config: Config,
    counts: LineCounts,
    cache: Path,
    *,
    min_count: int = MIN_COUNT,
    min_share: float = MIN_SHARE,
    write_to: Path | None = None,
) -> Site:
    """The configuration a site's articles run with, and what they taught now; the one place
    where lint and batch decide.

    - With fewer than ``min_count`` articles counted, the file at ``cache`` is used when it is there.
    - A file at ``cache`` that is not a cache (:func:`is_cache`: ``copyedit chrome learn`` wrote it, or
      the user did) is used as it is, never rewritten nor removed; the note says when the articles
      repeat lines it lacks.
    - Otherwise the recurring lines are learned. Nothing learned writes and removes nothing (the file
      there, if any, is used). What is learned is written as the BP190 rule, marked as a cache, to
      ``write_to`` (default: ``cache``; a run that writes no file gives a file of its own, which
      lasts as long as the run), and the articles run with it.

    A :class:`FileProblem` when the rule cannot be written."""
    check_thresholds(min_count, min_share)
    there = with_rule(config, cache) if cache.is_file() else config
    if counts.articles < min_count:
        return Site(there, {}, None)
    learned = select(counts, min_count, min_share)
    if kept(cache):
        holds = rule_lines(cache)
        missing = sorted(line for line in learned if normalise_line(line) not in holds)
        note = (
            f"{cache} is kept as it is (`copyedit chrome learn` or you made it, and no run rewrites it), though the"
            f" {counts.articles} articles of this run repeat {len(missing)} line{'s' if len(missing) != 1 else ''} it"
            f" lacks, such as {missing[0]!r}: `copyedit chrome learn` over the site's articles rewrites it"
        ) if missing else None
        return Site(there, {}, None, note)
    if not learned:
        return Site(there, {}, None)
    target = cache if write_to is None else write_to
    write_rule(target, learned, counts.articles)
    return Site(with_rule(config, target), learned, target)


def rule_text(learned: Mapping[str, Taught], articles: int, cache: bool = True) -> str:
    """The BP190 rule file for what was learned from ``articles`` articles (a valid rule file:
    its examples hold, so it loads like any house rule); a ``cache`` (:data:`CACHE_MARK`) is
    rewritten by the next run that learns, any other file only by ``copyedit chrome learn``.

    >>> print(rule_text({"Leave a Reply": Taught(2, ("a.txt", "b.txt"))}, 2).splitlines()[6])
      - "Leave a Reply"  # 2 of 2 articles: a.txt, b.txt
    """
    whose = (
        f"{CACHE_MARK} the next run that learns and writes (copyedit lint --fix, copyedit batch) rewrites"
        " this file; remove this line to keep it as it is."
        if cache else
        "# Written by copyedit chrome learn: copyedit lint uses it and never rewrites nor removes it."
    )
    out = [
        f"# Site chrome learned by copyedit across {articles} articles.",
        whose,
        f"code: {CODE}",
        "name: learned-chrome",
        "kind: boilerplate",
        "lines:",
    ]
    for line, (count, names) in sorted(learned.items()):
        shown = ", ".join(names[:5]) + (f", … ({count - 5} more)" if count > 5 else "")
        out.append(f"  - {_yaml_string(line)}  # {count} of {articles} articles: {_yaml_string(shown)[1:-1]}")
    example = next(iter(sorted(learned)))
    bad = f"The talks ended on Friday.\n\n{example}\n\nBoth sides will meet again in March."
    out += [
        "formats: [text, markdown]",
        "severity: warning",
        "applicability: unsafe",
        "message: Site chrome learned across the site's articles (a line most of them repeat)",
        "why: >",
        "  The line recurs in most articles of this site, so it belongs to the site, not to an",
        "  article. Learned, not measured: the fix is unsafe.",
        "examples:",
        f"  - bad: {_yaml_string(bad)}",
        f"    good: {_yaml_string(bad.replace(f'{example}' + chr(10) + chr(10), ''))}",
        '  - ok: "The talks ended on Friday.\\n\\nBoth sides will meet again in March."',
        "",
    ]
    return "\n".join(out)


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted string that reads back as ``text``: JSON's escapes, and
    ``\\u`` escapes for what YAML does not allow in a file as it is (C1 controls such as the U+009D of
    cp1252 mojibake, surrogates) or reads as a line break (U+0085, U+2028, U+2029).

    >>> print(_yaml_string('Share: \\x9d "Facebook"\\u2028'))
    "Share: \\u009d \\"Facebook\\"\\u2028"
    """
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


# Characters a YAML file may not hold as they are (YAML 1.1's printable set, which PyYAML reads; its line breaks too)
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def write_rule(path: Path, learned: Mapping[str, Taught], articles: int, *, cache: bool = True) -> bool:
    """Write what was learned to ``path`` (whole or not at all), as a cache (:func:`rule_text`) or
    not; nothing learned writes and removes nothing. Whether it was written; a :class:`FileProblem`
    when it cannot be."""
    if not learned:
        return False
    try:
        write_atomically(path, rule_text(learned, articles, cache).encode("utf-8"))
    except OSError as error:
        raise FileProblem(str(path), f"cannot write the learned site chrome: {describe_os_error(str(path), error)}") from None
    return True
