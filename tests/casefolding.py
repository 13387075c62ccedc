"""The pairs of characters that may be one another's case, for the tests that check how ``regex``
matches them when it ignores case."""

from __future__ import annotations

import collections
import functools
import sys


@functools.lru_cache(maxsize=1)
def case_partners() -> tuple[tuple[str, str], ...]:
    """Every two different characters linked by ``lower``, ``upper``, ``casefold`` or ``title``
    (directly or through a shared image), in both orders."""
    cased = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000]
    cased = [char for char in cased if {char.lower(), char.upper(), char.casefold(), char.title()} != {char}]
    images: dict[str, set[str]] = collections.defaultdict(set)
    for char in cased:
        for image in (char, char.lower(), char.upper(), char.casefold(), char.title()):
            images[image].add(char)
    pairs = set()
    for char in cased:
        for image in (char, char.lower(), char.upper(), char.casefold(), char.title()):
            pairs.update((char, other) for other in images[image] if other != char)
    return tuple(sorted(pairs))
