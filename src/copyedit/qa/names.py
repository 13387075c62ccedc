"""Names across spellings: fuzzy matching against the registry, and consistency in one article.

Exact variants are the ``names`` kind's job (one automaton pass). This module finds the
spellings nobody listed: "Kasim Jomart Tokaev" or "Alihan Smailov" for a registered
name. Two spellings are compared on their *skeletons* (:func:`skeleton`), which erase the
differences that transliteration conventions make (kh/h, zh/j/dj, -yev/-ev, a first ye/e,
y/i, doubled letters, diacritics); what is left may differ by a small edit distance that grows with the
length of the token; each word may be near a different registered spelling of the person (MT mixes
systems within one name: "Fedor Semyonov"). A spelling close to two different registered people is ambiguous and
never matched, so distinct people are never merged (Aliyev/Alimov, Mohammed/Mahmoud).
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, NamedTuple

import regex

from ..index import Run, text_index
from ..index import capitalised_runs as _capitalised_runs
from ..kinds.base import Context, Hit
from ..model import Applicability
from ..names import fold_diacritics

# Applied in order to a lower-cased token; each erases one convention difference. Each step first
# names what every match of its pattern holds: one of these literals, or (none named) a character
# doubled. A token holding none of them is passed over: most tokens need only a few of the steps.
_SKELETON_RULES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("ş", "sch"), r"ş|sch", "sh"),
    (("tsch", "ç"), r"tsch|ç", "ch"),
    (("ı",), r"ı", "i"),
    (("zh", "dj", "ž"), r"dzh|dj|zh|ž", "j"),
    (("kh",), r"kh", "h"),
    (("x",), r"x", "ks"),
    (("c",), r"ck|c(?=[aou]|\b)", "k"),
    (("ph",), r"ph", "f"),
    (("th",), r"th", "t"),
    (("ff",), r"ff\b", "v"),
    (("ow",), r"ow\b", "ov"),
    (("w",), r"w", "v"),
    (("q",), r"q", "k"),
    (("ou",), r"ou", "u"),
    (("ev",), r"(?<=[aeiou])[yi]ev\b", "ev"),
    (("ye",), r"^ye(?=[^aeiouy])", "e"),  # Russian Е first: Yevgeny/Evgeny, Yelena/Elena (not Korean Yeon/Yeong)
    (("y",), r"y", "i"),
    (("'", "’", "ʹ", "`"), r"['’ʹ`]", ""),
    ((), r"(.)\1+", r"\1"),
)
# A pattern that is its one literal is a plain replacement (no compiled pattern).
_SKELETON_STEPS: tuple[tuple[tuple[str, ...], regex.Pattern[str] | None, str], ...] = tuple(
    (needs, None if needs == (pattern,) else regex.compile(pattern), replacement)
    for needs, pattern, replacement in _SKELETON_RULES
)
_DOUBLED = re.compile(r"(.)\1")  # a character doubled: the standard library's engine reads it as ``regex`` does
_TOKEN_SPLIT = regex.compile(r"[\s\-‐]+")


@functools.lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A token with transliteration-convention differences erased.

    >>> [skeleton(t) for t in ("Tokayev", "Tokaev", "Alikhan", "Alihan", "Zhomart", "Jomart", "Kassym", "Kasım")]
    ['tokaev', 'tokaev', 'alihan', 'alihan', 'jomart', 'jomart', 'kasim', 'kasim']
    >>> skeleton("Aliyev"), skeleton("Alimov"), skeleton("Mohammed"), skeleton("Mahmoud")
    ('aliev', 'alimov', 'mohamed', 'mahmud')
    >>> skeleton("Yevgeny"), skeleton("Evgeniy"), skeleton("Yelena"), skeleton("Yeon")
    ('evgeni', 'evgeni', 'elena', 'ieon')
    """
    text = token.lower()
    text = text.replace("ş", "sh").replace("ç", "ch")
    text = fold_diacritics(text)
    for needs, pattern, replacement in _SKELETON_STEPS:
        if pattern is None:
            text = text.replace(needs[0], replacement)
        elif needs:
            for literal in needs:
                if literal in text:
                    text = pattern.sub(replacement, text)
                    break
        elif _DOUBLED.search(text) is not None:
            text = pattern.sub(replacement, text)
    return text


_MAX_DISTANCE = 2  # the most allowed_distance allows


def allowed_distance(length: int) -> int:
    """How many edits two skeletons of this length may differ by and still be one name.

    >>> [allowed_distance(n) for n in (3, 5, 7, 10)]
    [0, 1, 1, 2]
    """
    if length < 4:
        return 0
    return 1 if length < 9 else _MAX_DISTANCE


def split_tokens(name: str) -> tuple[str, ...]:
    """
    >>> split_tokens("Kassym-Jomart Tokayev")
    ('Kassym', 'Jomart', 'Tokayev')
    """
    return tuple(t for t in _TOKEN_SPLIT.split(name.strip()) if t)


@dataclass(frozen=True, slots=True)
class NameMatch:
    canonical: str
    distance: int  # summed skeleton edit distance; 0 means only conventions differ


_MAX_KEPT = 65536


class NameIndex:
    """Registered names, looked up by spelling.

    ``names`` maps each canonical form to its known spellings (the canonical included).
    A lookup compares token by token with the spellings of as many tokens: every token must be
    within :func:`allowed_distance` of the registered token in its position and the first letters
    must agree, the registered tokens of one person's spellings taken in any mix (MT writes
    "Fedor Semyonov" for Fedor Semenov, also spelt Fyodor Semyonov). When two different canonicals
    are both within reach, the lookup answers None.

    >>> index = NameIndex({"Ilham Aliyev": ["Ilham Aliyev"], "Alisher Alimov": ["Alisher Alimov"],
    ...                    "Alikhan Smailov": ["Alikhan Smailov"]})
    >>> index.lookup("Ilham Aliev"), index.lookup("Alihan Smaylov").canonical
    (NameMatch(canonical='Ilham Aliyev', distance=0), 'Alikhan Smailov')
    >>> index.lookup("Ilham Alimov") is None
    True
    >>> NameIndex({"Fyodor Semyonov": ["Fedor Semenov"]}).lookup("Fedor Semyonov")
    NameMatch(canonical='Fyodor Semyonov', distance=0)
    """

    def __init__(self, names: Mapping[str, Iterable[str]]) -> None:
        self.known: dict[str, str] = {}  # exact spelling -> canonical
        # Each person's words by number of words and position, from all its spellings: MT and wire copy mix
        # systems within one name ("Fedor Semyonov": Fedor Semenov's first word, Fyodor Semyonov's last).
        words_at: dict[tuple[str, int], tuple[set[str], ...]] = {}
        for canonical, spellings in names.items():
            for spelling in {canonical, *spellings}:
                self.known.setdefault(spelling, canonical)
                key = tuple(skeleton(t) for t in split_tokens(spelling))
                if not key:
                    continue
                positions = words_at.setdefault((canonical, len(key)), tuple(set() for _ in key))
                for words, token in zip(positions, key):
                    words.add(token)
        # A person can only match a spelling with as many words whose first letters each agree with one of its
        # words in that position (see _distance), so each lookup compares only the people that share them,
        # and only their words of those first letters.
        self._by_initials: dict[tuple[str, ...], list[tuple[tuple[tuple[str, ...], ...], str]]] = defaultdict(list)
        for (canonical, _), positions in words_at.items():
            by_initial = [_by_initial(words) for words in positions]
            for initials in itertools.product(*by_initial):
                self._by_initials[initials].append((tuple(words[initial] for words, initial in zip(by_initial, initials)), canonical))
        self.token_counts = frozenset(count for _, count in words_at)
        # Names recur within and across articles; the index never changes, so answers are kept.
        self.lookup = functools.lru_cache(maxsize=65536)(self._lookup)
        self._tokens_by_initial = _by_initial({token for positions in words_at.values() for words in positions for token in words})
        self._first_tokens = frozenset(token for positions in words_at.values() for token in positions[0])
        self._last_tokens = frozenset(token for positions in words_at.values() for token in positions[-1])
        # Words known to be within reach of a registered token (of a form's first, of its last); all words read.
        self._near: set[str] = set()
        self._near_first: set[str] = set()
        self._near_last: set[str] = set()
        self._seen: set[str] = set()
        # A service checks articles in threads that share these: a word is in ``_seen`` before it is sorted into
        # the others, and a clear empties them all, so another thread reading meanwhile would miss a name.
        self._lock = threading.Lock()

    def near_words(self, words: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The ``words`` that may be tokens of a registered name: each is within reach of a token of some
        registered form (see :func:`_distance`); and of them, those within reach of a form's first
        token, and of a form's last. A spelling with any other word, or without such a first and last
        word, is none of them: a document's words say at once which runs of words are worth a lookup
        (in most, none). Without a word near a first token and one near a last, the first and the
        last are given alone.

        >>> index = NameIndex({"Alikhan Smailov": ["Alikhan Smailov"]})
        >>> [sorted(found) for found in index.near_words(frozenset({"Alihan", "Smaylov", "Minister", "Smith"}))]
        [['Alihan', 'Smaylov'], ['Alihan'], ['Smaylov']]
        >>> [sorted(found) for found in index.near_words(frozenset({"Alihan", "Smith"}))]
        [[], ['Alihan'], []]
        """
        with self._lock:
            if not self._seen.issuperset(words):  # else every word was read before: most documents, once a few are
                if len(self._seen) > _MAX_KEPT:  # a long-running service reads an endless vocabulary
                    for known in (self._near, self._near_first, self._near_last, self._seen):
                        known.clear()
                for word in words - self._seen:
                    self._seen.add(word)
                    reached = self._reached(skeleton(word))
                    if not reached:
                        continue
                    self._near.add(word)
                    if not reached.isdisjoint(self._first_tokens):
                        self._near_first.add(word)
                    if not reached.isdisjoint(self._last_tokens):
                        self._near_last.add(word)
            first = words & self._near_first
            last = words & self._near_last if first else frozenset()
            return (words & self._near if last else frozenset()), first, last

    def _reached(self, token: str) -> set[str]:
        """The registered tokens within reach of a token (see :func:`_distance`)."""
        registered = self._tokens_by_initial.get(token[:1])
        if not registered:
            return set()
        # No token within reach is more than _MAX_DISTANCE edits away: rapidfuzz picks out those that near
        # in one call, with their distances.
        near = _extract()(token, registered, scorer=_levenshtein().distance, score_cutoff=_MAX_DISTANCE, limit=None)
        return {found for found, distance, _ in near if distance <= allowed_distance(min(len(token), len(found)))}

    def _lookup(self, spelling: str) -> NameMatch | None:
        """The registered name ``spelling`` is a spelling of (``lookup``, cached)."""
        tokens = tuple(skeleton(t) for t in split_tokens(spelling))
        if not tokens:
            return None
        best: dict[str, int] = {}
        for words_at, canonical in self._by_initials.get(_initials(tokens), ()):
            distance = _distance(tokens, words_at)
            if distance is not None and distance < best.get(canonical, 1 << 30):
                best[canonical] = distance
        if len(best) != 1:
            return None  # nothing near, or near two different people: never merge them
        ((canonical, distance),) = best.items()
        return NameMatch(canonical, distance)


def _initials(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """
    >>> _initials(("kasim", "jomart", "tokaev"))
    ('k', 'j', 't')
    """
    return tuple(token[:1] for token in tokens)


@functools.lru_cache(maxsize=1)
def _levenshtein() -> Any:
    """rapidfuzz's Levenshtein, imported when a name is first compared (50 ms a CLI start saves)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein


@functools.lru_cache(maxsize=1)
def _extract() -> Any:
    """rapidfuzz's ``process.extract``, imported when a name is first compared (as :func:`_levenshtein`)."""
    from rapidfuzz.process import extract

    return extract


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """
    >>> _by_initial({"fedor", "fiodor", "semenov"})
    {'f': ('fedor', 'fiodor'), 's': ('semenov',)}
    """
    found: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        found[word[:1]].append(word)
    return {initial: tuple(words) for initial, words in found.items()}


def _distance(tokens: tuple[str, ...], words_at: tuple[tuple[str, ...], ...]) -> int | None:
    """The summed distance of each token to the nearest registered word in its position (all of them of its
    first letter), or None when one has none within reach (:func:`allowed_distance`).

    >>> _distance(("fedor", "semionov"), (("fedor", "fiodor"), ("semenov", "semionov")))
    0
    >>> _distance(("fedor", "semianov"), (("fedor", "fiodor"), ("semenov", "semionov"))), _distance(("fedor", "smith"), (("fedor",), ("semenov",)))
    (1, None)
    """
    total = 0
    for token, registered in zip(tokens, words_at):
        if token in registered:
            continue
        nearest = None
        for word in registered:
            allowed = allowed_distance(min(len(token), len(word)))
            distance = _levenshtein().distance(token, word, score_cutoff=allowed)
            if distance <= allowed and (nearest is None or distance < nearest):
                nearest = distance
        if nearest is None:
            return None
        total += nearest
    return total


# --- the registry -------------------------------------------------------------------------


class RegistryEntry(NamedTuple):
    canonical: str
    natives: tuple[str, ...]  # native-script forms
    spellings: tuple[str, ...]  # Latin spellings
    country: str | None
    accepted: tuple[str, ...] = ()  # other English forms the house writes (the names registry's "alt")
    by_surname: bool = True  # a source names it by its surname alone (Токаева), not only by its whole native form


@functools.lru_cache(maxsize=16)
def registry_entries(packs: tuple[str, ...], paths: tuple[str, ...] = ()) -> tuple[RegistryEntry, ...]:
    """Every entry of every ``names`` rule in the given built-in packs and rule files; those of built-in
    packs alone are kept in the cache (generating every entry's spellings is most of the first name check
    of a process)."""
    from ..rule_cache import kept

    if paths:
        return _entries_of(packs, paths)
    return kept("name-entries-" + "-".join(packs), tuple, lambda: _entries_of(packs, ()))


def _entries_of(packs: tuple[str, ...], paths: tuple[str, ...]) -> tuple[RegistryEntry, ...]:
    from ..kinds.names import entries as _name_entries
    from ..rules import kept_rules, load_pack, read_rule_files

    rules = [rule for pack in packs for rule in load_pack(pack)]
    for path in paths:  # a house's rules, as the rule cache keeps them (a glossary of 17,000 terms: 0.3 s to parse)
        files = read_rule_files(path)
        rules += kept_rules(files) or files.parse()
    found = []
    for rule in rules:
        if rule.kind != "names":
            continue
        for entry in _name_entries(rule):
            forms = entry.explicit | entry.generated
            natives = tuple(sorted(f for f in forms if _is_native(f)))
            found.append(RegistryEntry(entry.canonical, natives, tuple(sorted(forms - set(natives))), entry.country))
    return tuple(found)


@functools.lru_cache(maxsize=16)
def registry_index(packs: tuple[str, ...], paths: tuple[str, ...] = ()) -> NameIndex:
    """A :class:`NameIndex` over every ``names`` rule in the given built-in packs and rule files."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in registry_entries(packs, paths):
        names[entry.canonical] |= set(entry.spellings)
    return NameIndex(names)


@functools.lru_cache(maxsize=8)
def registry_people(extra: tuple[str, ...] = ()) -> tuple[RegistryEntry, ...]:
    """The people of the names registry (the shipped one, with the house registry files ``extra``) that it writes
    in a script other than Latin: their English form, its other accepted forms, the native ones, and the
    other languages' spellings. A source names one only by a whole native form: among a thousand people
    a surname alone is often someone else's (Кириленко the basketball player; Зеленська is not Зеленський).
    """
    from ..names_registry import load_registry

    registry = load_registry(extra)
    spellings: dict[str, set[str]] = defaultdict(set)
    for rendering in registry.forms():
        if rendering.entry.type == "person":
            spellings[rendering.entry.en].add(rendering.form)
    return tuple(
        RegistryEntry(entry.en, natives, tuple(sorted(spellings[entry.en] - {entry.en, *entry.alt})), entry.country or None, entry.alt, by_surname=False)
        for entry in registry.entries
        if entry.type == "person" and (natives := tuple(form for form in entry.native if _is_native(form)))
    )


def _is_native(form: str) -> bool:
    return regex.search(r"[^\p{Latin}\p{Common}\p{Inherited}]", form) is not None


def registry_sources(context: Context, packs: list[str] | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The built-in packs (a check's ``packs`` option, the ``names`` pack when not given; its rule checked
    it is a list of strings) and rule files (the ``name_registry`` option) of the registry a check reads, as
    :func:`registry_index`, :func:`registry_tokens` and :func:`registry_entries` take them."""
    packs = ["names"] if packs is None else packs
    paths = context.options.get("name_registry", ())
    return tuple(packs), (paths,) if isinstance(paths, str) else tuple(paths)


# --- checks -------------------------------------------------------------------------------


def name_windows(text: str, sizes: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Spans of ``n`` consecutive capitalised words, for every ``n`` in ``sizes``.

    >>> text = "President Kasim Jomart Tokaev spoke."
    >>> sorted(text[s:e] for s, e in name_windows(text, [3]))
    ['Kasim Jomart Tokaev', 'President Kasim Jomart']
    """
    for run in capitalised_runs(text):
        for words in _windows(run, sizes):
            yield words[0][0], words[-1][1]


def _windows(words: Run, sizes: Iterable[int]) -> Iterator[Run]:
    """The stretches of ``n`` consecutive words of a run, for every ``n`` in ``sizes``."""
    for size in sizes:
        for first in range(len(words) - size + 1):
            yield words[first : first + size]


@functools.lru_cache(maxsize=4)
def capitalised_runs(text: str) -> tuple[Run, ...]:
    """:func:`copyedit.index.capitalised_runs`, kept for the last few texts: for the source checks,
    which ask for the runs of a text several times (the document's checks read its index instead).

    >>> capitalised_runs("Then Kasim Jomart Tokaev spoke.")
    (((0, 4, 'Then'), (5, 10, 'Kasim'), (11, 17, 'Jomart'), (18, 24, 'Tokaev')),)
    """
    return _capitalised_runs(text)


def fuzzy_names(doc: Any, context: Context, packs: list[str] | None = None, min_tokens: int = 2) -> Iterator[Hit]:
    """Unseen spellings of registered names ("Kasim Jomart Tokaev", "Alihan Smailov"), as unsafe fixes.

    Only runs of capitalised words with as many words as a registered name are compared,
    and only names of at least ``min_tokens`` words, so a lone surname is never rewritten.
    """
    index = registry_index(*registry_sources(context, packs))
    found = text_index(doc)
    near, near_first, near_last = index.near_words(found.capitalised_words)
    if not (near_first and near_last):
        return  # no word within reach of a registered name's first word, or none of a last word: most documents
    sizes = sorted(n for n in index.token_counts if n >= min_tokens)
    # Names of two words or more (the default, min_tokens=2) are only in runs of two words or more: found alone.
    runs = found.capitalised_runs if sizes and sizes[0] < 2 else found.several_word_runs
    windows = [
        (words[0][0], words[-1][1])
        for run in runs
        for stretch in _stretches(run, near)
        for words in _windows(stretch, sizes)
        if words[0][2] in near_first and words[-1][2] in near_last
    ]
    text = doc.text
    taken: list[tuple[int, int]] = []
    for start, end in sorted(windows, key=lambda span: (span[0], -(span[1] - span[0]))):
        spelling = text[start:end]
        if spelling in index.known or any(s < end and start < e for s, e in taken):
            continue
        match = index.lookup(spelling)
        if match is None or fold_diacritics(spelling) == fold_diacritics(match.canonical):
            continue  # accents alone are house style ("Shinzō Abe", "Erdoğan"): not a spelling to fix
        taken.append((start, end))
        yield Hit(
            start,
            end,
            match.canonical,
            message=f"“{spelling}” looks like an unlisted spelling of {match.canonical}",
            applicability=Applicability.UNSAFE,
        )


def _stretches(words: Run, near: frozenset[str]) -> Iterator[Run]:
    """The longest stretches of a run's words that are all in ``near``.

    >>> [[w for _, _, w in s] for s in _stretches(((0, 1, "A"), (2, 3, "B"), (4, 5, "C"), (6, 7, "D")), frozenset("ACD"))]
    [['A'], ['C', 'D']]
    """
    first = 0
    for position, (_, _, word) in enumerate(words):
        if word not in near:
            if first < position:
                yield words[first:position]
            first = position + 1
    if first < len(words):
        yield words[first:]


@functools.lru_cache(maxsize=16)
def registry_tokens(packs: tuple[str, ...], paths: tuple[str, ...] = ()) -> tuple[frozenset[str], frozenset[str]]:
    """The words of registered canonical names, and the words that only misspellings use.

    >>> canonical, misspelt = registry_tokens(("names",))
    >>> "Tokayev" in canonical, "Habar" in misspelt, "Tokayev" in misspelt
    (True, True, False)
    """
    canonical: set[str] = set()
    spelt: set[str] = set()
    for entry in registry_entries(packs, paths):
        canonical.update(split_tokens(entry.canonical))
        for spelling in entry.spellings:
            spelt.update(split_tokens(spelling))
    return frozenset(canonical), frozenset(spelt - canonical)


def inconsistent_spellings(doc: Any, context: Context, min_length: int = 5, packs: list[str] | None = None) -> Iterator[Hit]:
    """One name spelled two ways in one article ("Abayev" and "Abaev").

    Spellings are grouped by :func:`skeleton`, so only convention differences count, never
    a different letter (Aliyev and Alimov stay apart). The registry decides where it can: a
    group holding a word of a registered name is fixed to it (safely when the registry also
    knows the other spellings as misspellings), and a registered misspelling is never the
    target. Otherwise the majority wins (unsafe); a tie is reported without a fix.
    """
    registry = registry_sources(context, packs)
    canonical_words, misspelt_words = registry_tokens(*registry)
    found = text_index(doc)
    twinned = _twins(min_length).twinned(found.capitalised_words)
    if len(twinned) < 2:
        return  # no two of its words could share a skeleton: most articles
    # Two of the document's words that share a skeleton are both twinned, and so is any other word of theirs:
    # the twinned words alone say which skeletons the document's words share.
    skeletons = list(map(skeleton, twinned))
    if len(set(skeletons)) == len(skeletons):
        return  # no two spellings share a skeleton: most articles
    shared = {key for key, count in Counter(skeletons).items() if count > 1}
    # A word whose skeleton another of the document's words shares is twinned: its skeleton is looked up, not made again.
    grouped = {word: key for word, key in zip(twinned, skeletons) if key in shared}
    groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    companions: dict[str, set[str]] = defaultdict(set)  # spelling -> skeletons of the words beside it
    for words in found.capitalised_runs:
        for index, (start, end, token) in enumerate(words):
            key = grouped.get(token)
            if key is not None:
                groups[key].append((start, end, token))
                companions[token] |= {skeleton(other) for i, (_, _, other) in enumerate(words) if i != index}
    for mentions in groups.values():
        counts = Counter(token for _, _, token in mentions)
        if len({token.replace("’", "'") for token in counts}) < 2 or _different_people(list(counts), companions):
            continue  # one spelling, or "O'Brien" and "O’Brien": an apostrophe's style, not the name's
        if _a_firm_and_a_person(doc.text, mentions):
            continue
        ranked = counts.most_common()
        registered = [token for token in counts if token in canonical_words]
        if len(registered) == 1:
            target: str | None = registered[0]
        else:
            target = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
            if target in misspelt_words:
                target = None
        spellings = " / ".join(f"{token} ({count}×)" for token, count in ranked)
        for start, end, token in mentions:
            if token == target:
                continue
            yield Hit(
                start,
                end,
                target,
                message=f"“{token}” is spelled differently elsewhere in this article: {spellings}",
                applicability=Applicability.UNSAFE if target else None,
            )


class _Twins:
    """The words of at least ``min_length`` letters seen so far, by skeleton: which of a document's words
    share their skeleton with another word. A document with fewer than two such words has no two words
    of one skeleton, and :func:`inconsistent_spellings` knows that from its distinct words alone.

    >>> twins = _Twins(5)
    >>> sorted(twins.twinned(frozenset({"Abayev", "Abaev", "Astana", "Kazakh", "Aliev"})))
    ['Abaev', 'Abayev']
    >>> sorted(twins.twinned(frozenset({"Aliyev", "Astana"})))  # Aliev was seen before
    ['Aliyev']
    """

    def __init__(self, min_length: int) -> None:
        self.min_length = min_length
        self._seen: set[str] = set()
        self._by_skeleton: dict[str, list[str]] = {}
        self._twinned: set[str] = set()
        # A service checks articles in threads that share these: one thread's words are in ``_seen`` before their
        # skeletons are grouped, and a clear empties all three, so another thread reading meanwhile would miss twins.
        self._lock = threading.Lock()

    def twinned(self, words: frozenset[str]) -> frozenset[str]:
        """The ``words`` whose skeleton some other word seen so far (of these or before) shares."""
        with self._lock:
            if not self._seen.issuperset(words):
                if len(self._seen) > _MAX_KEPT:  # a long-running service reads an endless vocabulary
                    self._seen.clear()
                    self._by_skeleton.clear()
                    self._twinned.clear()
                for word in words - self._seen:
                    self._seen.add(word)
                    if len(word) >= self.min_length:
                        group = self._by_skeleton.setdefault(skeleton(word), [])
                        group.append(word)
                        if len(group) > 1:
                            self._twinned.update(group)
            return words & self._twinned


@functools.lru_cache(maxsize=4)
def _twins(min_length: int) -> _Twins:
    return _Twins(min_length)


# Words after a name that make it a firm's: a firm keeps its own spelling of its founder's name ("Tinkoff Bank",
# Oleg Tinkov)
_FIRM_AFTER = regex.compile(
    r"[ \u00a0]+(?:[Gg]roup|[Bb]ank|[Cc]ompany|[Cc]orporation|[Hh]olding|[Ii]nc\b|[Ll]td\b|[Aa]irlines?\b|[Bb]rand|[Ff]oundation|[Cc]oncern)"
)


def _a_firm_and_a_person(text: str, mentions: list[tuple[int, int, str]]) -> bool:
    """Whether one spelling always names a firm and the other never does: two names, not one spelt two ways.

    >>> text = "Oleg Tinkov, founder of the Tinkoff group, said Tinkov was well."
    >>> _a_firm_and_a_person(text, [(5, 11, "Tinkov"), (28, 35, "Tinkoff"), (48, 54, "Tinkov")])
    True
    >>> text = "Tinkov met the Tinkoff group; Tinkoff said no."  # Tinkoff as a person too: one name
    >>> _a_firm_and_a_person(text, [(0, 6, "Tinkov"), (15, 22, "Tinkoff"), (30, 37, "Tinkoff")])
    False
    """
    firm: dict[str, set[bool]] = defaultdict(set)
    for _, end, token in mentions:
        firm[token].add(_FIRM_AFTER.match(text, end) is not None)
    kinds = list(firm.values())
    return {True} in kinds and {False} in kinds and all(len(kind) == 1 for kind in kinds)


def _different_people(spellings: list[str], companions: Mapping[str, set[str]]) -> bool:
    """Two spellings that each come with other names, never the same ones, are two people
    ("Mohamed Salah" and "Mohammed bin Salman").

    >>> _different_people(["Mohamed", "Mohammed"], {"Mohamed": {"salah"}, "Mohammed": {"bin", "salman"}})
    True
    >>> _different_people(["Tokayev", "Tokaev"], {"Tokayev": {"kasim", "jomart"}, "Tokaev": set()})
    False
    """
    return any(
        companions[a] and companions[b] and not companions[a] & companions[b]
        for i, a in enumerate(spellings)
        for b in spellings[i + 1 :]
    )
