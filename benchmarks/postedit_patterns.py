"""Which mechanical changes do professional post-editors make consistently? (issue 12)

A fix may be safe only when post-editors make it (nearly) every time its context occurs:
precision AGREE / (AGREE + DISAGREE) ≥ 0.98 over ≥ 30 judged cases in the accuracy harness.
This script looks for such fixes in ``../shared/corpora/postedits/`` (MLQE-PE, 32,000 MT
sentences with professional post-edits; never copied) before anyone writes a rule:

1. **mined patterns**: every small mechanical change a post-editor made (punctuation, spacing,
   quote marks, digit grouping; the changes ``judge.mechanical_changes`` finds, capitals
   aside) is cut down to the characters that changed and normalised with two characters of
   context on each side as classes (``L`` lower-case letter, ``U`` capital, ``D`` digit,
   ``S`` space, ``⊢``/``⊣`` the sentence's start/end, other characters as themselves). Each
   pattern made at least ``--min-made`` times is then replayed as a fix on every MT sentence
   where its context occurs, and judged with the harness's own ``judge.judge_fix``: AGREE
   (made), DISAGREE (the post-editor kept the MT's text), OTHER (rewritten);
2. **candidates**: conditions the classes cannot express (digit grouping by language habit,
   sentence-initial capitals, unbalanced quotes, a/an, demonyms, introductory commas, …),
   judged the same way.

Each row also counts how often the fix would fire on the post-edits themselves (human text:
every such fire is a change to text a professional signed off). Output: Markdown tables on
stdout, split by language pair; ``--examples FILE`` writes judged examples (it quotes the
corpus: keep it outside git, e.g. ``benchmarks/.work/``).

    .venv/bin/python benchmarks/postedit_patterns.py [--min-made 6] [--examples benchmarks/.work/postedit-examples.md]
"""

from __future__ import annotations

import argparse
import collections
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "accuracy"), str(HERE)]
import corpora  # the harness's corpus readers
from judge import judge_fix, mechanical_changes
from speed import commit, machine

from copyedit.model import Edit, Span

DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"
WIDTH = 2  # characters of context kept on each side of a mined change
SAFE_PRECISION, SAFE_JUDGED = 0.98, 30  # what a safe fix must reach (tests/test_rule_evidence.py)
CLASSES = {"L": r"\p{Ll}", "U": r"\p{Lu}", "D": r"\d", "S": " ", "⊢": "^", "⊣": "$"}

Replacement = Callable[["regex.Match[str]"], str]


@dataclass(frozen=True)
class Candidate:
    name: str
    pattern: regex.Pattern[str]
    replace: Replacement
    condition: Callable[[regex.Match[str]], bool] | None = None  # what a regex cannot say


def capitalised_elsewhere(match: regex.Match[str]) -> bool:
    """Whether the sentence has the matched word capitalised, not as its first word.

    >>> [capitalised_elsewhere(m) for m in regex.finditer(r"pawan|cat", "Pawan saw pawan, the cat and Cat")]
    [False, True]
    """
    word = match.group()
    capital = regex.compile(rf"(?<!^|[.!?] )\b{regex.escape(word[:1].upper() + word[1:])}\b")
    return bool(capital.search(match.string))


def literal(text: str) -> Replacement:
    return lambda match: match.expand(text)


def capitalise(match: regex.Match[str]) -> str:
    word: str = match.group()
    return word[:1].upper() + word[1:]


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.V1)


# Nationality, language and religion adjectives, which English always capitalises (those that
# are also common words — polish, china, turkey, french fries, roman type — are left out).
DEMONYMS = (
    "afghan albanian algerian american argentine armenian australian austrian azerbaijani bangladeshi belarusian "
    "belgian bhutanese bolivian bosnian brazilian british bulgarian burmese cambodian canadian chilean chinese "
    "colombian croatian cuban cypriot czech danish egyptian english estonian ethiopian european finnish georgian "
    "german greek hungarian icelandic indian indonesian iranian iraqi irish israeli italian japanese jordanian "
    "kazakh kenyan korean kurdish latvian lebanese libyan lithuanian macedonian malaysian maltese mexican "
    "moldovan mongolian moroccan nepali nepalese nigerian norwegian pakistani palestinian persian peruvian "
    "portuguese romanian russian saudi scottish serbian sinhala sinhalese slovak slovenian spanish swedish syrian "
    "tamil thai tibetan tunisian turkish ukrainian uzbek vietnamese welsh hindi urdu bengali punjabi telugu "
    "kannada malayalam sanskrit pali arabic hebrew latin soviet asian african buddhist hindu christian muslim "
    "islamic jewish catholic"
).split()
INTRODUCTORY = "However|Therefore|Moreover|Furthermore|Meanwhile|Nevertheless|Thus|Later|Today|Currently|Finally|Additionally"

CANDIDATES = (
    Candidate("thousands: 30.000 → 30,000", _compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?![.,]?\d)"), literal(r"\1,\2")),
    Candidate("thousands: 30.000 → 30,000, not before million/billion",
              _compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?![.,]?\d)(?! (?:million|billion|trillion)\b)"), literal(r"\1,\2")),
    Candidate("thousands: 30 000 → 30,000", _compile(r"(?<![\d.,] ?)(\d{1,3}) (\d{3})(?![.,]?\d| \d)"), literal(r"\1,\2")),
    Candidate("decimal comma: 6,22 → 6.22", _compile(r"(?<![\d.,])(\d+),(\d{1,2})(?![.,]?\d)"), literal(r"\1.\2")),
    Candidate("sentence-initial lower case", _compile(r"^\p{Ll}(?=\p{Ll}* )"), capitalise),
    Candidate("lower case after '. '", _compile(r"(?<=\p{Ll}{2}\. )\p{Ll}"), capitalise),
    Candidate("capital S after an apostrophe: Women'S", _compile(r"(?<=\p{Ll}['’])S\b"), literal("s")),
    Candidate("lower-case demonym: nepali → Nepali", _compile(r"(?<![\w\-/.@])(?:" + "|".join(DEMONYMS) + r")(?![\w\-/@])"),
              capitalise),
    Candidate("a before a vowel: a apparatus", _compile(r"(?<=\b[Aa])(?= [aeiAEI]\p{Ll})"), literal("n")),
    Candidate("an before a consonant: an book",
              _compile(r"(?<=\b[Aa])n(?= [bcdfgjklmnpqrstvwxzBCDFGJKLMNPQRSTVWXZ]\p{Ll})"), literal("")),
    Candidate("lower case where the sentence has the word capitalised: pawan … Pawan",
              _compile(r"(?<!^|[.!?] )\b\p{Ll}{4,}\b"), capitalise, capitalised_elsewhere),
    Candidate("doubled word", _compile(r"(?<=\b(\p{L}+)) \1\b"), literal("")),
    Candidate("doubled full stop: a.m..", _compile(r"(?<!\.)\.\.(?!\.)"), literal(".")),
    Candidate("spaced hyphen: long - serving", _compile(r"(?<=\p{L}) - (?=\p{L})"), literal("-")),
    Candidate("spaced slash: km / h", _compile(r"(?<=\p{L}) / (?=\p{L})"), literal("/")),
    Candidate("unbalanced \": close at the end", _compile(r'^(?=[^"]*"[^"]*$).*\K$'), literal('"')),
    Candidate("unbalanced \": drop the opening quote", _compile(r'^"(?=[^"]*$)'), literal("")),
    Candidate("no final full stop", _compile(r"(?<=\p{Ll})$"), literal(".")),
    Candidate("etc., → etc.", _compile(r"(?<=\betc\.),"), literal("")),
    Candidate('full stop inside the closing quote: word". → word."', _compile(r'(?<=\p{Ll})"\.$'), literal('."')),
    Candidate("comma after introductory 'In 2007'", _compile(r"^In \d{4}\K(?= \p{Ll})"), literal(",")),
    Candidate("comma after an introductory adverb", _compile(rf"^(?:{INTRODUCTORY})\K(?= \p{{Ll}})"), literal(",")),
)


@dataclass
class Counts:
    """Judged replays of one pattern, per language pair, and its fires on the post-edits."""

    made: collections.Counter[str] = field(default_factory=collections.Counter)  # mined: the post-editors' changes
    judged: dict[str, collections.Counter[str]] = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    on_post_edits: int = 0
    examples: list[str] = field(default_factory=list)

    def total(self, verdict: str) -> int:
        return sum(counter[verdict] for counter in self.judged.values())

    def precision(self) -> float | None:
        agree, disagree = self.total("agree"), self.total("disagree")
        return agree / (agree + disagree) if agree + disagree else None


def char_class(char: str) -> str:
    """The class a context character is normalised to.

    >>> [char_class(c) for c in "aZ7 ,"]
    ['L', 'U', 'D', 'S', ',']
    """
    if char.islower():
        return "L"
    if char.isupper():
        return "U"
    if char.isdigit():
        return "D"
    return "S" if char == " " else char


def normalise(left: str, old: str, new: str, right: str) -> tuple[str, str, str, str]:
    """A change cut down to the characters that changed, with ``WIDTH`` classed characters of context.

    >>> normalise("of 25", ",", ".", "68 km")
    ('DD', ',', '.', 'DD')
    >>> normalise("ago", " ", "", ". ")
    ('LL', ' ', '', '.S')
    >>> normalise("", '"', "", "We")
    ('⊢', '"', '', 'UL')
    """
    shared = 0
    while shared < min(len(old), len(new)) and old[shared] == new[shared]:
        shared += 1
    tail = 0
    while tail < min(len(old), len(new)) - shared and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    left, right = left + old[:shared], old[len(old) - tail :] + right
    old, new = old[shared : len(old) - tail], new[shared : len(new) - tail]
    before = "".join(char_class(c) for c in left[-WIDTH:])
    after = "".join(char_class(c) for c in right[:WIDTH])
    return ("⊢" if len(left) < WIDTH else "") + before, old, new, after + ("⊣" if len(right) < WIDTH else "")


def context_pattern(key: tuple[str, str, str, str]) -> regex.Pattern[str]:
    """The regex of a mined pattern's MT side: where the same change could be made.

    >>> [m.start() for m in context_pattern(("DD", ",", ".", "DD")).finditer("16,22 g, 10, 20")]
    [2]
    >>> [m.start() for m in context_pattern(("⊢", '"', "", "UL")).finditer('"We said "We')]
    [0]
    """
    before, old, _, after = key

    def classes(text: str) -> str:
        return "".join(CLASSES.get(c, regex.escape(c)) for c in text)

    return regex.compile(f"(?<={classes(before)}){regex.escape(old)}(?={classes(after)})" if before
                         else f"{regex.escape(old)}(?={classes(after)})", regex.V1)


def mine(rows: list[corpora.PostEdit]) -> dict[tuple[str, str, str, str], collections.Counter[str]]:
    """Every mechanical change the post-editors made (capitals aside), normalised, counted per language pair."""
    made: dict[tuple[str, str, str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in rows:
        for change in mechanical_changes(row.mt, row.pe):
            if change.kind != "capitals":
                made[normalise(change.left, change.old, change.new, change.right)][row.lp] += 1
    return made


def replay(rows: list[corpora.PostEdit], candidate: Candidate, counts: Counts, examples: int) -> None:
    """Every place the candidate matches the MT, fixed alone and judged against the post-edit."""
    pattern, replace, condition = candidate.pattern, candidate.replace, candidate.condition or (lambda match: True)
    for row in rows:
        for match in filter(condition, pattern.finditer(row.mt)):
            verdict = judge_fix(row.mt, [Edit(Span(match.start(), match.end()), replace(match))], row.pe).value
            counts.judged[row.lp][verdict] += 1
            if verdict != "other" and len(counts.examples) < examples:
                start, end = match.start(), match.end()
                counts.examples.append(f"| {verdict} | {row.lp} | `{row.mt[max(0, start - 40):start]}[{row.mt[start:end]} → "
                                       f"{replace(match)}]{row.mt[end:end + 30]}` |")
        counts.on_post_edits += sum(1 for _ in filter(condition, pattern.finditer(row.pe)))


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def table(rows: Iterator[tuple[str, Counts]], made_column: bool) -> list[str]:
    pairs = ("et-en", "ne-en", "ro-en", "si-en")
    head = ["| pattern |" + (" made by post-editors |" if made_column else "") + " AGREE | DISAGREE (kept) | OTHER "
            "| precision | at best (OTHER as AGREE) | " + " | ".join(f"{lp} agree/kept" for lp in pairs)
            + " | fires on post-edits | safe? |",
            "|---|" + ("---:|" if made_column else "") + "---:|---:|---:|---:|---:|" + "---:|" * len(pairs) + "---:|---|"]
    lines = []
    for name, counts in rows:
        agree, disagree, other = counts.total("agree"), counts.total("disagree"), counts.total("other")
        precision = counts.precision()
        # A bound on what any judge could find: were every rewritten place an agreement.
        at_best = (agree + other) / (agree + other + disagree) if agree + other + disagree else None
        safe = "yes" if precision is not None and precision >= SAFE_PRECISION and agree + disagree >= SAFE_JUDGED else "no"
        lines.append(
            f"| {name} |" + (f" {sum(counts.made.values())} |" if made_column else "")
            + f" {agree} | {disagree} | {other} | {_cell(precision)} | {_cell(at_best)} | "
            + " | ".join(f"{counts.judged[lp]['agree']}/{counts.judged[lp]['disagree']}" for lp in pairs)
            + f" | {counts.on_post_edits} | {safe} |"
        )
    return head + lines


def show(key: tuple[str, str, str, str]) -> str:
    before, old, new, after = key
    return f"`{before}[{old}→{new}]{after}`".replace("|", "\\|").replace("\u200b", "ZWSP")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--min-made", type=int, default=6, help="replay mined patterns made at least this often (6)")
    parser.add_argument("--examples", type=Path, help="write judged examples here (quotes the corpus: keep outside git)")
    args = parser.parse_args(argv)
    rows = list(corpora.post_edits(args.corpora))
    keep = 8 if args.examples else 0
    mined: list[tuple[str, Counts]] = []
    for key, per_pair in sorted(mine(rows).items(), key=lambda item: -sum(item[1].values())):
        if sum(per_pair.values()) < args.min_made:
            break
        counts = Counts(made=per_pair)
        replay(rows, Candidate(show(key), context_pattern(key), literal(key[2].replace("\\", "\\\\"))), counts, keep)
        mined.append((show(key), counts))
    mined.sort(key=lambda item: -(item[1].precision() or 0))
    candidates: list[tuple[str, Counts]] = []
    for candidate in CANDIDATES:
        counts = Counts()
        replay(rows, candidate, counts, keep)
        candidates.append((candidate.name.replace("|", "\\|"), counts))
    command = "python benchmarks/postedit_patterns.py " + " ".join(argv if argv is not None else sys.argv[1:])
    out = [
        "# Mechanical post-edits: made and kept (MLQE-PE, 32,000 sentences)", "",
        f"- machine: {machine()}", f"- commit: {commit()}", f"- command: `{command.strip()}`",
        f"- a fix may be safe with precision ≥ {SAFE_PRECISION} over ≥ {SAFE_JUDGED} judged (AGREE + DISAGREE), "
        "judged by `benchmarks/accuracy/judge.py` as the harness does", "",
        f"## Mined patterns (made ≥ {args.min_made} times), best precision first", "",
        "Context classes: L lower-case letter, U capital, D digit, S space, ⊢/⊣ sentence start/end.", "",
        *table(iter(mined), made_column=True), "",
        "## Candidates with conditions", "",
        *table(iter(candidates), made_column=False),
    ]
    print("\n".join(out))
    if args.examples:
        lines = ["# Judged examples (quotes the corpus; not for git)", ""]
        for name, counts in mined + candidates:
            lines += [f"## {name}", "", "| verdict | pair | MT [old → new] |", "|---|---|---|", *counts.examples, ""]
        args.examples.parent.mkdir(parents=True, exist_ok=True)
        args.examples.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
