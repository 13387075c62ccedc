"""Boilerplate removal on real web pages (``boilerplate/trafilatura_eval_en``).

Two ways in, each page run once per way:

- ``text``: the page's text extracted with html-text (the whole page, no boilerplate removal of
  its own; a benchmark-only requirement: ``pip install -e '.[bench]'``), fixed as plain text;
- ``html``: the page source itself, fixed as HTML (copyedit's ``HtmlDocument``: blocks are
  elements; the prose of the result is compared).

``copyedit.fix`` runs with only the ``boilerplate`` pack. Reported: the share of ``without``
snippets (site chrome) that were in the text and are gone afterwards (goal ≥ 0.8), and the share
of ``with`` snippets (article text) that were there and are still there (goal ≥ 0.99).

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
from dataclasses import dataclass, field
from pathlib import Path

import copyedit
from copyedit import Config
from copyedit.engine import parse_document

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "corpora" / "boilerplate" / "trafilatura_eval_en"
HALVES = ("development", "held-out")
FORMATS = ("text", "html")

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


def before_and_after(html: str, form: str, config: Config) -> tuple[str, str]:
    """The page's prose before and after ``fix``, whitespace squeezed."""
    if form == "text":
        before = page_text(html)
        return squeeze(before), squeeze(copyedit.fix(before, config=config).text)
    fixed = copyedit.fix(html, format="html", config=config).text
    return squeeze(parse_document(html, "html").text), squeeze(parse_document(fixed, "html").text)


@dataclass
class Tally:
    chrome_seen: int = 0
    chrome_removed: int = 0
    article_seen: int = 0
    article_kept: int = 0
    kept_chrome: list[tuple[str, str]] = field(default_factory=list)  # (page file, snippet)
    lost_article: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page: str, entry: dict, before: str, after: str) -> None:
        for snippet in map(squeeze, entry.get("without", [])):
            if snippet and snippet in before:
                self.chrome_seen += 1
                if snippet not in after:
                    self.chrome_removed += 1
                else:
                    self.kept_chrome.append((page, snippet))
        for snippet in map(squeeze, entry.get("with", [])):
            if snippet and snippet in before:
                self.article_seen += 1
                if snippet in after:
                    self.article_kept += 1
                else:
                    self.lost_article.append((page, snippet))

    @property
    def removed(self) -> float:
        return self.chrome_removed / self.chrome_seen if self.chrome_seen else 0.0

    @property
    def kept(self) -> float:
        return self.article_kept / self.article_seen if self.article_seen else 0.0


def measure(pages: dict, data: Path, config: Config, forms: tuple[str, ...]) -> dict[tuple[str, str], Tally]:
    tallies = {(form, half): Tally() for form in forms for half in HALVES}
    for entry in pages.values():
        html = gzip.decompress((data / entry["html_file"]).read_bytes()).decode("utf-8", "replace")
        for form in forms:
            before, after = before_and_after(html, form, config)
            tallies[form, half_of(entry["file"])].add(entry["file"], entry, before, after)
    return tallies


def report(tallies: dict[tuple[str, str], Tally], pages: int, command: str) -> str:
    out = [
        f"\n## Accuracy: boilerplate removal — {datetime.date.today().isoformat()}\n",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- command: `{command.strip()}`",
        f"- data: {pages} pages split in two halves by a hash of the file name (`half_of`); rules were tuned "
        "on the development half only. `text`: the page's text extracted with html-text (guess_layout, no "
        "boilerplate removal), fixed as plain text; `html`: the page source fixed as HTML. copyedit `fix` "
        "with only the boilerplate pack; snippets compared with whitespace squeezed, and counted only when "
        "the text before contains them",
        "",
        "| input | half | chrome (`without`) in the text | removed | share removed (goal ≥ 0.8) "
        "| article (`with`) in the text | kept | share kept (goal ≥ 0.99) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (form, half), tally in tallies.items():
        out.append(
            f"| {form} | {half} | {tally.chrome_seen} | {tally.chrome_removed} | **{tally.removed:.3f}** "
            f"| {tally.article_seen} | {tally.article_kept} | **{tally.kept:.3f}** |"
        )
    out.append("")
    for (form, half), tally in tallies.items():
        if half != "held-out":
            continue
        kept = sorted({snippet for _, snippet in tally.kept_chrome})
        out.append(f"- {form}, held-out: chrome left in place (first 12 of {len(kept)}): "
                   + "; ".join(f"“{s[:50]}”" for s in kept[:12]))
        if tally.lost_article:
            out.append(f"- {form}, held-out: article snippets removed: "
                       + "; ".join(f"“{s[:60]}” ({page})" for page, s in tally.lost_article[:12]))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    parser.add_argument("--formats", default=",".join(FORMATS), help="text, html or both (default: text,html)")
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
    tallies = measure(pages, args.data, Config(select=("boilerplate",)), forms)
    command = "python benchmarks/accuracy_boilerplate.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(tallies, len(pages), command)
    print(text)
    if args.misses:
        for form in forms:
            tally = tallies[form, args.misses]
            for page, snippet in tally.kept_chrome:
                print(f"KEPT CHROME  {form} {page}: {snippet[:100]!r}")
            for page, snippet in tally.lost_article:
                print(f"LOST ARTICLE {form} {page}: {snippet[:100]!r}")
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
