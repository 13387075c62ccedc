"""Boilerplate removal on real web pages (``boilerplate/trafilatura_eval_en``).

Two ways in, each page run once per way:

- ``text``: the page's text extracted with html-text (the whole page, no boilerplate removal of
  its own; a benchmark-only requirement: ``pip install -e '.[bench]'``), fixed as plain text;
- ``html``: the page source itself, fixed as HTML (copyedit's ``HtmlDocument``: blocks are
  elements; the prose of the result is compared).

``copyedit.fix`` runs with only the ``boilerplate`` pack, twice per page and way: safe fixes only
(the default) and every fix (``unsafe=True``); for HTML, trafilatura's own extraction of the page
(the extractor BP120 relies on) is measured on the same pages in the same run. Reported: the
share of ``without`` snippets (site chrome) that were in the text and are gone afterwards, and
the share of ``with`` snippets (article text) that were there and are still there — by snippet,
and by word 4-gram shingles of the snippets (as article-extraction benchmarks count text) — the
applied removals that took a ``with`` snippet the text no longer holds afterwards (article blocks removed), pages whose fix was
refused by the markup verification, and CPU speed.

The pages are split in two halves by a stable hash of the page's file name: rules are tuned on
the development half (``--misses development`` lists what it still gets wrong) and the held-out
half says whether they generalise. Never tune on the held-out half.

    .venv/bin/python benchmarks/accuracy_boilerplate.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import copyedit
from copyedit import Config
from copyedit.engine import parse_document

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "corpora" / "boilerplate" / "trafilatura_eval_en"
HALVES = ("development", "held-out")
FORMATS = ("text", "html")
RUNS = ("safe", "all")  # safe fixes only; every fix (safe and unsafe)
SHINGLE = 4  # words per shingle

sys.path.insert(0, str(HERE))
from speed import commit, machine  # noqa: E402  (sibling script)


def squeeze(text: str) -> str:
    """Whitespace-insensitive form for finding a snippet in a text.

    >>> squeeze("  Leave a\\n  Reply ")
    'Leave a Reply'
    """
    return " ".join(text.split())


def half_of(page_file: str) -> str:
    """The half a page belongs to, from a hash of its file name (stable across runs and machines).

    >>> half_of("bbc.com.52241221.html"), half_of("theverge.com.ios13.html")
    ('development', 'held-out')
    """
    return HALVES[hashlib.sha256(page_file.encode("utf-8")).digest()[0] % 2]


def page_text(html: str) -> str:
    """All text of the page, one block per paragraph-level element, blank lines between."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def shingles(text: str) -> set[tuple[str, ...]]:
    """The word n-grams of a text, case folded (a text shorter than n words is one shingle).

    >>> sorted(shingles("Leave a Reply"))
    [('leave', 'a', 'reply')]
    """
    words = text.casefold().split()
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()


@dataclass
class Fixed:
    """One page fixed one way: the prose before and after, and what the fix did."""

    before: str
    after: str
    removed: list[str] = field(default_factory=list)  # the prose of each applied removal, squeezed
    refused: bool = False  # the markup verification refused the fix
    seconds: float = 0.0  # CPU time of the fix


def fix_page(html: str, form: str, config: Config, unsafe: bool) -> Fixed:
    """The page's prose before and after ``fix`` (whitespace squeezed), and its removals."""
    source = page_text(html) if form == "text" else html
    format = "text" if form == "text" else "html"
    started = time.process_time()
    result = copyedit.fix(source, format=format, config=config, unsafe=unsafe)
    seconds = time.process_time() - started
    removed = [
        squeeze(parse_document(source[e.start : e.end], format).text if form == "html" else source[e.start : e.end])
        for applied in result.applied
        for e in applied.edits
        if not e.replacement
    ]
    refused = any(f.code == "X002" for f in result.findings)
    if form == "text":
        return Fixed(squeeze(source), squeeze(result.text), removed, refused, seconds)
    before = squeeze(parse_document(html, "html").text)
    return Fixed(before, squeeze(parse_document(result.text, "html").text), removed, refused, seconds)


def extractor_page(html: str) -> Fixed:
    """trafilatura's own extraction of the page (its defaults, as its benchmarks run it)."""
    import trafilatura

    started = time.process_time()
    extracted = trafilatura.extract(html) or ""
    seconds = time.process_time() - started
    return Fixed(squeeze(parse_document(html, "html").text), squeeze(extracted), seconds=seconds)


@dataclass
class Tally:
    chrome_seen: int = 0
    chrome_removed: int = 0
    article_seen: int = 0
    article_kept: int = 0
    chrome_shingles: int = 0
    chrome_shingles_removed: int = 0
    article_shingles: int = 0
    article_shingles_kept: int = 0
    article_blocks_removed: int = 0  # applied removals holding a `with` snippet
    pages: int = 0
    refused: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    kept_chrome: list[tuple[str, str]] = field(default_factory=list)  # (page file, snippet)
    lost_article: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page: str, entry: dict, fixed: Fixed, size: int) -> None:
        before, after = fixed.before, fixed.after
        self.pages += 1
        self.refused += fixed.refused
        self.megabytes += size / 1e6
        self.seconds += fixed.seconds
        left = shingles(after)
        for snippet in map(squeeze, entry.get("without", [])):
            if snippet and snippet in before:
                self.chrome_seen += 1
                grams = shingles(snippet)
                self.chrome_shingles += len(grams)
                self.chrome_shingles_removed += len(grams - left)
                if snippet not in after:
                    self.chrome_removed += 1
                else:
                    self.kept_chrome.append((page, snippet))
        article = [s for s in map(squeeze, entry.get("with", [])) if s and s in before]
        for snippet in article:
            self.article_seen += 1
            grams = shingles(snippet)
            self.article_shingles += len(grams)
            self.article_shingles_kept += len(grams & left)
            if snippet in after:
                self.article_kept += 1
            else:
                self.lost_article.append((page, snippet))
        # A removal that took a copy of article text (the title in a list of recent posts) while
        # the article keeps its own is no article block removed.
        lost = [s for s in article if s not in after]
        self.article_blocks_removed += sum(any(s in removed for s in lost) for removed in fixed.removed)

    @property
    def removed(self) -> float:
        return self.chrome_removed / self.chrome_seen if self.chrome_seen else 0.0

    @property
    def kept(self) -> float:
        return self.article_kept / self.article_seen if self.article_seen else 0.0

    @property
    def shingles_removed(self) -> float:
        return self.chrome_shingles_removed / self.chrome_shingles if self.chrome_shingles else 0.0

    @property
    def shingles_kept(self) -> float:
        return self.article_shingles_kept / self.article_shingles if self.article_shingles else 0.0


Key = tuple[str, str, str]  # (input, fixes, half)


def measure(pages: dict, data: Path, config: Config, forms: tuple[str, ...], extractor: bool) -> dict[Key, Tally]:
    ways = [(form, run) for form in forms for run in RUNS] + ([("html", "trafilatura")] if extractor else [])
    tallies = {(form, run, half): Tally() for form, run in ways for half in HALVES}
    for entry in pages.values():
        raw = gzip.decompress((data / entry["html_file"]).read_bytes())
        html = raw.decode("utf-8", "replace")
        for form, run in ways:
            fixed = extractor_page(html) if run == "trafilatura" else fix_page(html, form, config, run == "all")
            tallies[form, run, half_of(entry["file"])].add(entry["file"], entry, fixed, len(raw))
    return tallies


def report(tallies: dict[Key, Tally], pages: int, command: str) -> str:
    out = [
        f"\n## Accuracy: boilerplate removal — {datetime.date.today().isoformat()}\n",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- command: `{command.strip()}`",
        f"- data: {pages} pages split in two halves by a hash of the file name (`half_of`); rules were tuned "
        "on the development half only. `text`: the page's text extracted with html-text (guess_layout, no "
        "boilerplate removal), fixed as plain text; `html`: the page source fixed as HTML. copyedit `fix` "
        "with only the boilerplate pack; snippets compared with whitespace squeezed, and counted only when "
        "the text before contains them. fixes `safe`: the default; `all`: safe and unsafe; `trafilatura`: "
        "the extractor's own output (`trafilatura.extract`, its defaults). Shingles: word 4-grams of the "
        "snippets. Article blocks removed: applied removals that took a `with` snippet the text after no longer holds. Refused: pages "
        "whose fix the markup verification refused. MB/s: page bytes per CPU second of the fix",
        "",
        (
            "| input | fixes | half | chrome (`without`) in the text | removed | share removed (goal ≥ 0.9, all) "
            "| article (`with`) in the text | kept | share kept (goal ≥ 0.995, safe) | chrome shingles removed "
            "| article shingles kept | article blocks removed | refused | MB/s |"
        ),
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (form, run, half), tally in tallies.items():
        speed = tally.megabytes / tally.seconds if tally.seconds else 0.0
        out.append(
            f"| {form} | {run} | {half} | {tally.chrome_seen} | {tally.chrome_removed} | **{tally.removed:.3f}** "
            f"| {tally.article_seen} | {tally.article_kept} | **{tally.kept:.3f}** | {tally.shingles_removed:.3f} "
            f"| {tally.shingles_kept:.3f} | {tally.article_blocks_removed if run != 'trafilatura' else '–'} "
            f"| {tally.refused} | {speed:.2f} |"
        )
    out.append("")
    for (form, run, half), tally in tallies.items():
        if half != "held-out":
            continue
        kept = sorted({snippet for _, snippet in tally.kept_chrome})
        out.append(f"- {form} {run}, held-out: chrome left in place (first 12 of {len(kept)}): "
                   + "; ".join(f"“{s[:50]}”" for s in kept[:12]))
        if tally.lost_article:
            out.append(f"- {form} {run}, held-out: article snippets removed: "
                       + "; ".join(f"“{s[:60]}” ({page})" for page, s in tally.lost_article[:12]))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    parser.add_argument("--formats", default=",".join(FORMATS), help="text, html or both (default: text,html)")
    parser.add_argument("--no-extractor", action="store_true", help="skip trafilatura's own figures")
    parser.add_argument(
        "--misses", choices=HALVES, help="also list every chrome snippet kept and article snippet lost in this half"
    )
    args = parser.parse_args(argv)
    index = args.data / "evaldata_en.json"
    if not index.is_file():
        parser.error(f"{index}: not found (is ../shared next to the project?)")
    forms = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    if not forms or set(forms) - set(FORMATS):
        parser.error(f"--formats: choose from {', '.join(FORMATS)}")
    if "text" in forms:
        try:
            import html_text  # noqa: F401
        except ImportError:
            parser.error("html-text is not installed: pip install -e '.[bench]'")
    pages = json.loads(index.read_text(encoding="utf-8"))
    tallies = measure(pages, args.data, Config(select=("boilerplate",)), forms, not args.no_extractor)
    command = "python benchmarks/accuracy_boilerplate.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(tallies, len(pages), command)
    print(text)
    if args.misses:
        for (form, run, half), tally in tallies.items():
            if half != args.misses or run == "trafilatura":
                continue
            for page, snippet in tally.kept_chrome:
                print(f"KEPT CHROME  {form} {run} {page}: {snippet[:100]!r}")
            for page, snippet in tally.lost_article:
                print(f"LOST ARTICLE {form} {run} {page}: {snippet[:100]!r}")
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
