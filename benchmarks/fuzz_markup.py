"""Fuzz the HTML and Markdown segmenters and the quote pairer with atheris (coverage-guided).

Each input is decoded as text (any code point, lone surrogates included) and held to the
invariants of ``tests/test_reliability_properties.py``: ``segmenter_problems`` for
``HtmlDocument`` and ``MarkdownDocument`` (blocks and segments in bounds, literal segments
equal to their source, every span inside the source), ``quote_problems`` for ``pair_quotes``.
Any exception or broken invariant stops the run; libFuzzer writes the input to
``crash-<sha1>`` in the working folder, which then becomes a regression test.

    .venv/bin/python benchmarks/fuzz_markup.py html --seconds 240
    .venv/bin/python benchmarks/fuzz_markup.py markdown --seconds 240
    .venv/bin/python benchmarks/fuzz_markup.py quotes --seconds 120

Needs ``pip install atheris`` (in the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["copyedit"]):
    from copyedit.checks import quotes  # noqa: F401
    from copyedit.markup import html, markdown, textmap  # noqa: F401

from tests.test_reliability_properties import quote_problems, segmenter_problems  # noqa: E402

# Starting points; libFuzzer mutates them (and keeps what reaches new code).
SEEDS = [
    "<p>He said, “the the” <b>Kas&#305;m</b> &amp; <a href='/x'>link</a></p>\n<ul><li>One</li></ul>",
    "<!DOCTYPE html><html><body><h2>T</h2><script>a < b</script><p>x<br/>y &copy z</p></body></html>",
    "---\ntitle: x\n---\n# Title\n\nText *em* **strong** `code` [link](/u \"t\") <http://a.b>\n",
    "| a | b |\n|---|---|\n| c | d |\n\n> quote\n\n- item\n  1. nested\n\n```\ncode\n```\n[ref]: /u\n",
    "He said, “One.\n\n“Two.”\n\nShe said: ‘Three’ don’t « quatre » „fünf“ '90s \"six\"",
]


def check(target: str, text: str) -> None:
    problems = quote_problems(text) if target == "quotes" else segmenter_problems(text, target)
    if problems:
        raise AssertionError(f"{target}: {problems[:3]} for {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["html", "markdown", "quotes"])
    parser.add_argument("--seconds", type=int, default=240, help="how long to fuzz (default: 240)")
    parser.add_argument("--corpus", default=None, help="folder of seed inputs to keep and grow (default: a fresh one)")
    args, libfuzzer_args = parser.parse_known_args()
    corpus = Path(args.corpus or f"/tmp/copyedit-fuzz-{args.target}")
    corpus.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(SEEDS):
        (corpus / f"seed-{number}").write_bytes(seed.encode("utf-8", "surrogatepass"))

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        check(args.target, provider.ConsumeUnicode(len(data)) if data[:1] == b"\0" else data.decode("utf-8", "surrogateescape"))

    atheris.Setup(
        [sys.argv[0], *libfuzzer_args, f"-max_total_time={args.seconds}", "-max_len=4096", "-print_final_stats=1", str(corpus)],
        one_input,
    )
    atheris.Fuzz()


if __name__ == "__main__":
    main()
