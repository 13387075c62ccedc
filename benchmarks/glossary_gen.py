"""Generate a house glossary of N terms as one copyedit substitution rule file (and the same
glossary as a prh dictionary for textlint), for the speed benchmark.

Most terms are made-up words and phrases (a real glossary mostly lists terms that a given
article does not contain); a share of them are real words sampled from a corpus, so that
matches, findings and fixes happen at a realistic rate. The output is deterministic for a
given seed and corpus.

    python benchmarks/glossary_gen.py --terms 1000 --corpus ../shared/corpora/clean-news-bbc/articles \
        --out benchmarks/.work/glossary-1000.yml --prh benchmarks/.work/prh-1000.yml
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from pathlib import Path

SYLLABLES = (
    "ka ve lo mi ra tu sen dor pal qui zan fe bro nim ost ul gar tes vin hal "
    "rep jas mor kel dun fi sha tro wen yel zor ab ep ik ob un"
).split()
WORD = re.compile(r"\b[a-z]{6,}\b")


def made_up_term(rng: random.Random) -> str:
    """A pronounceable phrase of one to three invented words.

    >>> made_up_term(random.Random(1))
    'ragardorab'
    """
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(rng.choice((1, 1, 2, 3)))
    ]
    return " ".join(words)


def corpus_words(corpus: Path, low: int = 5, high: int = 200) -> list[str]:
    """Lower-case words of six letters or more that occur between ``low`` and ``high`` times:
    the frequency band of real glossary terms (names, jargon), not of "the" or "said"."""
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted(corpus.rglob("*.txt")):
        counts.update(WORD.findall(path.read_text(encoding="utf-8").lower()))
    return sorted(word for word, count in counts.items() if low <= count <= high)


def preferred_form(wrong: str) -> str:
    """The glossary's preferred spelling of a wrong form: its last letter doubled, a whole
    word that no term matches, so a fix never makes a new match (as "colour" -> "color").

    >>> preferred_form("parliament")
    'parliamentt'
    """
    return wrong + wrong[-1]


def glossary(terms: int, corpus: Path | None, hit_share: float, seed: int) -> dict[str, str]:
    """``terms`` pairs wrong form -> preferred form; about ``hit_share`` of them occur in the corpus."""
    if terms < 1:
        raise ValueError("--terms must be at least 1")
    rng = random.Random(seed)
    pairs: dict[str, str] = {}
    if corpus is not None:
        words = corpus_words(corpus)
        hits = min(len(words), max(1, round(terms * hit_share)))
        for word in rng.sample(words, hits):
            pairs[word] = preferred_form(word)
    while len(pairs) < terms:
        wrong = made_up_term(rng)
        if wrong not in pairs:
            pairs[wrong] = preferred_form(wrong)
    if set(pairs) & set(pairs.values()):
        raise ValueError("a preferred form is also a wrong form; choose another --seed")
    return pairs


def rule_yaml(pairs: dict[str, str], code: str) -> str:
    """A substitution rule with one bad and one ok example (user rules verify them at load)."""
    first_wrong, first_right = next(iter(pairs.items()))
    lines = [
        f"code: {code}",
        f"name: house-glossary-{len(pairs)}",
        "kind: substitution",
        "severity: warning",
        "applicability: safe",
        "message: House style writes “{replacement}”, not “{match}”",
        "why: A generated house glossary for the speed benchmark (benchmarks/glossary_gen.py).",
        "examples:",
        f"  - bad: {json.dumps(f'The {first_wrong} was mentioned.', ensure_ascii=False)}",
        f"    good: {json.dumps(f'The {first_right} was mentioned.', ensure_ascii=False)}",
        '  - ok: "Nothing from the glossary appears in this sentence."',
        "swap:",
    ]
    lines.extend(f"  {json.dumps(w, ensure_ascii=False)}: {json.dumps(r, ensure_ascii=False)}" for w, r in pairs.items())
    return "\n".join(lines) + "\n"


def prh_yaml(pairs: dict[str, str]) -> str:
    """The same glossary as a prh dictionary (``expected`` + literal ``patterns``)."""
    lines = ["version: 1", "rules:"]
    for wrong, right in pairs.items():
        lines.append(f"  - expected: {json.dumps(right, ensure_ascii=False)}")
        lines.append(f"    patterns: [{json.dumps(wrong, ensure_ascii=False)}]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, required=True, help="number of glossary terms")
    parser.add_argument("--corpus", type=Path, help="folder of .txt articles to sample real terms from")
    parser.add_argument("--hit-share", type=float, default=0.01, help="share of terms taken from the corpus (0.01)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--code", default="G001", help="rule code of the generated rule (G001)")
    parser.add_argument("--out", type=Path, required=True, help="copyedit rule file to write")
    parser.add_argument("--prh", type=Path, help="also write the glossary as a prh dictionary here")
    args = parser.parse_args(argv)
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus}: no such folder")
    if not 0 <= args.hit_share <= 1:
        parser.error("--hit-share must be between 0 and 1")
    pairs = glossary(args.terms, args.corpus, args.hit_share, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(rule_yaml(pairs, args.code), encoding="utf-8")
    if args.prh:
        args.prh.parent.mkdir(parents=True, exist_ok=True)
        args.prh.write_text(prh_yaml(pairs), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
