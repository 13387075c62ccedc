"""Boilerplate removal on real web pages (``boilerplate/trafilatura_eval_en``).

Each page's text is extracted with html-text (the whole page, no boilerplate removal of its
own; a benchmark-only requirement: ``pip install -e '.[bench]'``), then ``copyedit.fix`` runs
with only the ``boilerplate`` pack. Reported: the share of ``without`` snippets (site chrome)
that were in the extracted text and are gone afterwards (goal ≥ 0.8), and the share of
``with`` snippets (article text) that were there and are still there (goal ≥ 0.99).

    .venv/bin/python benchmarks/accuracy_boilerplate.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import sys
from pathlib import Path

import copyedit
from copyedit import Config

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "corpora" / "boilerplate" / "trafilatura_eval_en"

sys.path.insert(0, str(HERE))
from speed import commit, machine  # noqa: E402  (sibling script)


def squeeze(text: str) -> str:
    """Whitespace-insensitive form for finding a snippet in a text.

    >>> squeeze("  Leave a\\n  Reply ")
    'Leave a Reply'
    """
    return " ".join(text.split())


def page_text(html: str) -> str:
    """All text of the page, one block per paragraph-level element, blank lines between."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    args = parser.parse_args(argv)
    index = args.data / "evaldata_en.json"
    if not index.is_file():
        parser.error(f"{index}: not found (is ../shared next to the project?)")
    try:
        import html_text  # noqa: F401
    except ImportError:
        parser.error("html-text is not installed: pip install -e '.[bench]'")
    config = Config(select=("boilerplate",))
    pages = json.loads(index.read_text(encoding="utf-8"))
    chrome_seen = chrome_removed = article_seen = article_kept = 0
    kept_chrome: list[str] = []
    lost_article: list[str] = []
    for entry in pages.values():
        html = gzip.decompress((args.data / entry["html_file"]).read_bytes()).decode("utf-8", "replace")
        before = page_text(html)
        after = squeeze(copyedit.fix(before, config=config).text)
        before = squeeze(before)
        for snippet in map(squeeze, entry.get("without", [])):
            if snippet and snippet in before:
                chrome_seen += 1
                if snippet not in after:
                    chrome_removed += 1
                else:
                    kept_chrome.append(snippet)
        for snippet in map(squeeze, entry.get("with", [])):
            if snippet and snippet in before:
                article_seen += 1
                if snippet in after:
                    article_kept += 1
                else:
                    lost_article.append(snippet)
    command = "python benchmarks/accuracy_boilerplate.py " + " ".join(argv if argv is not None else sys.argv[1:])
    removed = chrome_removed / chrome_seen if chrome_seen else 0.0
    kept = article_kept / article_seen if article_seen else 0.0
    out = [
        f"\n## Accuracy: boilerplate removal — {datetime.date.today().isoformat()}\n",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- command: `{command.strip()}`",
        f"- data: {len(pages)} pages; text extracted with html-text (guess_layout, no boilerplate removal); "
        "copyedit `fix` with only the boilerplate pack; snippets compared with whitespace squeezed, and counted "
        "only when the extracted text contains them",
        "",
        "| measure | snippets in the extracted text | result | share | goal |",
        "|---|---:|---:|---:|---|",
        f"| site chrome (`without`) removed | {chrome_seen} | {chrome_removed} | **{removed:.3f}** | ≥ 0.8 |",
        f"| article text (`with`) kept | {article_seen} | {article_kept} | **{kept:.3f}** | ≥ 0.99 |",
        "",
        "- chrome most often left in place: " + "; ".join(f"“{s[:50]}”" for s in sorted(set(kept_chrome))[:12]),
    ]
    if lost_article:
        out.append("- article snippets removed: " + "; ".join(f"“{s[:60]}”" for s in lost_article[:12]))
    text = "\n".join(out) + "\n"
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
