"""Site chrome learned across the articles of one site (plain text and Markdown).

A scraper that keeps a site's chrome keeps the same lines in every article of that site: its
slogan ("World news 24 hours a day"), its comment form ("Leave a Reply"), its footer. No rule
lists them all, but a run over many articles of the site sees them recur: a line that stands
in at least ``min_count`` articles and in at least the share ``min_share`` of them is chrome.

What was learned is written as a rule file, BP190 ``learned-chrome`` (a ``boilerplate`` rule
whose ``lines`` are the learned lines, each with a comment naming the articles that taught it),
to the cache file ``.copyedit-chrome.yml`` beside the configuration. The next run over fewer
articles (one file, or a service whose configuration lists the file under ``rules``) uses it;
a run over enough articles learns again and rewrites it. Its fixes are unsafe: nothing has
measured them yet.

>>> texts = {f"{n}.txt": f"World news 24 hours a day\\n\\nStory {n} is told here.\\n\\nLeave a Reply" for n in range(4)}
>>> learned = learn(texts, min_count=3, min_share=0.5)
>>> sorted(learned), learned["Leave a Reply"]
(['Leave a Reply', 'World news 24 hours a day'], ('0.txt', '1.txt', '2.txt', '3.txt'))
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .kinds.boilerplate import normalise_line

CACHE_NAME = ".copyedit-chrome.yml"
CODE = "BP190"
MIN_COUNT = 5  # a line is learned when at least this many articles hold it
MIN_SHARE = 0.5  # and at least this share of the articles learned from
MAX_LINE = 200  # longer lines are prose, not chrome
# A line that is not chrome may recur too: a markup rule, a lone symbol.
_MIN_LETTERS = 3


def learn(texts: Mapping[str, str], min_count: int = MIN_COUNT, min_share: float = MIN_SHARE) -> dict[str, tuple[str, ...]]:
    """The lines that recur across ``texts`` (name -> article text), each (as first seen) with
    the names of the articles that hold it; a line counts once per article, whatever its case,
    spacing or trailing punctuation.

    >>> learn({"a": "Home\\nThe talks ended.", "b": "HOME\\nOther news."}, min_count=2, min_share=1.0)
    {'Home': ('a', 'b')}
    """
    seen: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for name, text in texts.items():
        keys = set()
        for line in text.splitlines():
            stripped = line.strip().lstrip("#>*-+ ").strip()
            if len(stripped) > MAX_LINE or sum(char.isalpha() for char in stripped) < _MIN_LETTERS:
                continue
            key = normalise_line(stripped)
            first.setdefault(key, " ".join(stripped.split()))
            keys.add(key)
        for key in keys:
            seen.setdefault(key, []).append(name)
    needed = max(min_count, min_share * len(texts))
    return {first[key]: tuple(sorted(names)) for key, names in seen.items() if len(names) >= needed}


def rule_text(learned: Mapping[str, tuple[str, ...]], articles: int) -> str:
    """The BP190 rule file for what was learned from ``articles`` articles (a valid rule file:
    its examples hold, so it loads like any house rule).

    >>> print(rule_text({"Leave a Reply": ("a.txt", "b.txt")}, 2).splitlines()[5])
      - "Leave a Reply"  # 2 of 2 articles: a.txt, b.txt
    """
    out = [
        f"# Site chrome learned by copyedit across {articles} articles; rewritten by the next run that learns.",
        f"code: {CODE}",
        "name: learned-chrome",
        "kind: boilerplate",
        "lines:",
    ]
    for line, names in sorted(learned.items()):
        shown = ", ".join(names[:5]) + (f", … ({len(names) - 5} more)" if len(names) > 5 else "")
        out.append(f"  - {json.dumps(line, ensure_ascii=False)}  # {len(names)} of {articles} articles: {shown}")
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
        f"  - bad: {json.dumps(bad, ensure_ascii=False)}",
        f"    good: {json.dumps(bad.replace(f'{example}' + chr(10) + chr(10), ''), ensure_ascii=False)}",
        '  - ok: "The talks ended on Friday.\\n\\nBoth sides will meet again in March."',
        "",
    ]
    return "\n".join(out)


def write_rule(path: Path, learned: Mapping[str, tuple[str, ...]], articles: int) -> bool:
    """Write what was learned to ``path``; nothing learned removes a stale file. Whether a
    rule file is there afterwards."""
    if not learned:
        path.unlink(missing_ok=True)
        return False
    path.write_text(rule_text(learned, articles), encoding="utf-8")
    return True
