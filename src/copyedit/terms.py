"""One pass over a text for any number of literal terms (Aho-Corasick automaton).

Cost grows with the length of the text, hardly with the number of terms: 10,000 terms
cost little more than 10. Matching is case-insensitive on a case-folded copy of the text
of the same length, so offsets carry over; whole words only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Iterator, TypeVar

from .literals import LiteralScan

Payload = TypeVar("Payload")


def fold_case(text: str, lowered: str | None = None) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid; ``lowered``:
    ``text.lower()``, when the caller has it.

    >>> fold_case("Kasım İNAN"), fold_case("Kasım İNAN", "Kasım İNAN".lower())
    ('kasım İnan', 'kasım İnan')
    """
    if lowered is None:
        lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # İ is the one character whose lower case is two ("i̇"; tests/test_terms.py checks every code
    # point): it stays as it is, and the rest is lowered around it (a Python loop over the
    # characters took 1 ms for a 4 KB article with "İstanbul" in it; this, 0.1 ms).
    return _LONGER_WHEN_LOWERED.join(part.lower() for part in text.split(_LONGER_WHEN_LOWERED))


_LONGER_WHEN_LOWERED = "\u0130"


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def match_case(matched: str, replacement: str) -> str:
    """Carry the case of the matched text over to the replacement.

    >>> match_case("Mid-government", "intergovernmental")
    'Intergovernmental'
    >>> match_case("MID-GOVERNMENT", "intergovernmental")
    'INTERGOVERNMENTAL'
    >>> match_case("habar-24", "Khabar 24")
    'Khabar 24'
    """
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True, slots=True)
class TermMatch(Generic[Payload]):
    start: int
    end: int
    payload: Payload


class TermIndex(Generic[Payload]):
    """Literal terms with payloads, found in one pass, leftmost-longest, whole words only.

    >>> index = TermIndex()
    >>> index.add("mid-government", "a")
    >>> index.add("Habar-24", "b", case_sensitive=True)
    >>> index.freeze()
    >>> [(m.start, m.end, m.payload) for m in index.find("A Mid-government alliance; habar-24, Habar-24.")]
    [(2, 16, 'a'), (37, 45, 'b')]
    >>> index = TermIndex()
    >>> index.add("Habar-24", "b", case_sensitive=True)
    >>> index.add("korean", "c", case_sensitive=True)
    >>> index.add("3d", "d", case_sensitive=True)
    >>> index.freeze()
    >>> [(m.start, m.payload) for m in index.find("HABAR-24; KOREAN, Korean, korean; 3D, 3d")]  # a headline's capitals
    [(0, 'b'), (26, 'c'), (38, 'd')]
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[str, bool, Any]]] = {}
        # per key of the folded text's scan: its length and its entries
        self._found: list[tuple[int, tuple[tuple[str, bool, Any], ...]]] = []
        self._scan: LiteralScan | None = None
        # The keys whose terms are all in lower case and case-sensitive (MT111's "korean", the names rules' "europe")
        # are found apart, in the text itself: only where it reads a term exactly is one of theirs found. Of the
        # 21,373 occurrences of keys in BBC's folded text, 21,373 were of such keys and 3,136 read as their term
        # ("Europe", "England" are passed over by the scan, not by a test each). Per such term: its length and
        # the payloads of its entries.
        self._exact: list[tuple[int, tuple[Any, ...]]] = []
        self._exact_scan: LiteralScan | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, term: str, payload: Payload, case_sensitive: bool = False) -> None:
        if not term:
            raise ValueError("empty term")
        key = fold_case(term)
        self._entries.setdefault(key, []).append((term, case_sensitive, payload))

    def freeze(self) -> None:
        folded: dict[str, list[tuple[str, bool, Any]]] = {}
        exact: dict[str, list[Any]] = {}
        for key, entries in self._entries.items():
            if all(case_sensitive and term.islower() for term, case_sensitive, _ in entries):
                # found only where the text reads the term itself (see find): its entries, by term, in their order
                for term, _, payload in entries:
                    exact.setdefault(term, []).append(payload)
            else:
                folded[key] = entries
        self._found = [(len(key), tuple(entries)) for key, entries in folded.items()]
        self._scan = LiteralScan(list(folded)) if folded else None
        self._exact = [(len(term), tuple(payloads)) for term, payloads in exact.items()]
        self._exact_scan = LiteralScan(list(exact)) if exact else None

    def prepare(self) -> None:
        """See :meth:`copyedit.literals.LiteralScan.prepare` (once frozen)."""
        for scan in (self._scan, self._exact_scan):
            if scan is not None:
                scan.prepare()

    def find(self, text: str, lowered: str | None = None) -> Iterator[TermMatch[Payload]]:
        """The terms in ``text`` (``lowered``: ``text.lower()``, when the caller has it)."""
        candidates: list[tuple[int, int, Any]] = []
        if self._scan is not None:
            folded = fold_case(text, lowered)
            found = self._found
            for end, key in self._scan.occurrences(folded):
                length, entries = found[key]
                start = end - length
                if not self._word_bounded(text, start, end):
                    continue
                surface = text[start:end]
                for term, case_sensitive, payload in entries:
                    # a term's capitals may be a headline's ("HABAR-24"), but a term in lower case is one for its case alone
                    if case_sensitive and surface != term and (surface != term.upper() or term.islower()):
                        continue
                    candidates.append((start, -end, payload))
        if self._exact_scan is not None:
            # A key whose terms are all in lower case and case-sensitive: at an occurrence of it in the folded text,
            # the test above keeps an entry only where the text reads its term, so the terms are found in the text.
            # (A span's entries are all of one key: the sort below keeps them in their order.)
            exact = self._exact
            for end, index in self._exact_scan.occurrences(text):
                length, payloads = exact[index]
                start = end - length
                if self._word_bounded(text, start, end):
                    candidates.extend((start, -end, payload) for payload in payloads)
        # Leftmost-longest, non-overlapping: what a reader sees as "the" match. Every payload
        # of the chosen span is reported (two rules may list the same term).
        candidates.sort(key=lambda item: (item[0], item[1]))
        cursor = -1
        chosen: tuple[int, int] | None = None
        for start, negative_end, payload in candidates:
            end = -negative_end
            if (start, end) == chosen:
                yield TermMatch(start, end, payload)
            elif start >= cursor:
                chosen, cursor = (start, end), end
                yield TermMatch(start, end, payload)

    @staticmethod
    def _word_bounded(text: str, start: int, end: int) -> bool:
        if is_word_char(text[start]) and start > 0 and is_word_char(text[start - 1]):
            return False
        if is_word_char(text[end - 1]) and end < len(text) and is_word_char(text[end]):
            return False
        return True
