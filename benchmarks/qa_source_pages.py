"""Bilingual flags (LQ2xx) when the source is a whole web page: what the page adds over its article alone.

The WMT sources are plain text, so each document of ``wmt-news`` (WMT21-22) and ``wmt23-news`` is set in a news page
built here: a ``<title>`` and an ``<h1>`` of its first segment, a menu, a dated byline, every further segment a
paragraph of the article's body (on every other page the second segment a standfirst outside the body, as
``<p class="lead">``), a list of other documents' headlines (before the article on every third page, with the
page's own headline among them, after it on the others), a newsletter box and a copyright footer, the chrome in the
source's language. Each human reference and MT output with the source's segments (a headline and paragraphs as
``<h1>`` and ``<p>`` of an HTML fragment) is checked twice: with the page as the source (read as its article,
:func:`copyedit.markup.content.article_only`) and with the article alone (the same headline and paragraphs as a
fragment: what a perfect extractor would give). A flag only the page gets is the page's doing; a flag only the
article gets is one the page route hides.

    python benchmarks/qa_source_pages.py [--corpora ../shared/corpora] [--every N] [--dump FILE]

``--dump`` writes every flag as JSON lines (side: page or article; document, translation, code, target span,
message, source text), to compare two versions of the code; the flags quote the corpora: keep the file out of git.
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import sys
import time
from pathlib import Path

import copyedit
from copyedit import Config

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "accuracy"))
from corpora import rows  # noqa: E402 - the harness's own corpus reader, beside it

DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"
FILES = ("wmt-news/wmt21-22_toen_news_docs.jsonl", "wmt23-news/wmt23_toen_docs.dev.jsonl.gz")
# per source language: the site's name, its menu, the heading of its list of headlines, its newsletter box, its
# copyright line
CHROME = {
    "ru": ("Новости", ("Главная", "Политика", "Экономика", "Общество", "Спорт"), "Самое читаемое",
           "Подпишитесь на нашу рассылку, чтобы первыми узнавать о главных событиях дня.", "Все права защищены."),
    "uk": ("Новини", ("Головна", "Політика", "Економіка", "Суспільство", "Спорт"), "Найпопулярніше",
           "Підпишіться на нашу розсилку, щоб першими дізнаватися про головні події дня.", "Усі права захищені."),
    "ja": ("ニュース", ("ホーム", "政治", "経済", "社会", "スポーツ"), "よく読まれている記事",
           "ニュースレターに登録すると、毎日の主なニュースをお届けします。", "無断転載を禁じます。"),
    "zh": ("新闻网", ("首页", "政治", "经济", "社会", "体育"), "热门文章",
           "订阅我们的新闻简报，第一时间了解每天的重要新闻。", "版权所有。"),
    "is": ("Fréttir", ("Forsíða", "Innlent", "Erlent", "Viðskipti", "Íþróttir"), "Mest lesið",
           "Skráðu þig á póstlistann okkar og fáðu helstu fréttir dagsins.", "Öll réttindi áskilin."),
}


def segments(paragraphs: list[list[str]]) -> list[str]:
    return [" ".join(segment.split()) for paragraph in paragraphs for segment in paragraph]


def article(lines: list[str], lead: bool) -> str:
    """The headline and paragraphs as an HTML fragment (the second line a standfirst when ``lead``)."""
    out = [f"<h1>{html.escape(lines[0])}</h1>"]
    out += [f'<p class="lead">{html.escape(line)}</p>' if lead and number == 1 else f"<p>{html.escape(line)}</p>"
            for number, line in enumerate(lines[1:], 1)]
    return "\n".join(out) + "\n"


def page(lang: str, lines: list[str], others: list[str], number: int, lead: bool) -> str:
    """A news page around the source's segments (see the module's docstring); ``number`` picks where its list of
    headlines stands, ``lead`` whether the second segment is a standfirst."""
    site, menu, most_read, newsletter, rights = CHROME[lang]
    headline, rest = html.escape(lines[0]), [html.escape(line) for line in lines[1:]]
    listed = others[:4] + ([lines[0]] if number % 3 == 0 else [])
    headlines = "".join(f'<li><a href="/news/{n}">{html.escape(title)}</a></li>' for n, title in enumerate(listed))
    box = f'<aside class="most-read"><h3>{most_read}</h3><ul>{headlines}</ul></aside>\n'
    nav = "".join(f'<li><a href="/{n}">{entry}</a></li>' for n, entry in enumerate(menu))
    body = "".join(f"<p>{line}</p>\n" for line in rest[1 if lead else 0 :])
    top = (
        f'<header class="article-header"><h1 class="headline">{headline}</h1>\n'
        f'<p class="meta"><span class="author">{site}</span> <time>14.03.2023 10:45</time></p></header>\n'
        + (f'<p class="lead">{rest[0]}</p>\n' if lead else "")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{headline} | {site}</title></head>\n'
        f'<body>\n<header class="site"><a class="logo" href="/">{site}</a><nav><ul>{nav}</ul></nav></header>\n'
        + (box if number % 3 == 0 else "")
        + f'<main><article>\n{top}<div class="article-body">\n{body}</div>\n</article>\n'
        + f'<div class="newsletter"><p>{newsletter}</p><form><input type="email"><button>OK</button></form></div>\n'
        + (box if number % 3 else "")
        + f'</main>\n<footer><p>© 2023 {site}. {rights}</p></footer>\n</body></html>\n'
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--every", type=int, default=1, help="only every Nth document")
    parser.add_argument("--dump", type=Path, help="write every flag here (JSON lines)")
    args = parser.parse_args()
    config = Config(select=("LQ2",))
    counts: dict[str, collections.Counter[str]] = {"page": collections.Counter(), "article": collections.Counter()}
    only: dict[str, collections.Counter[str]] = {"page": collections.Counter(), "article": collections.Counter()}
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()  # (pair, what): translations, flags per side
    checked = skipped = documents = 0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    started = time.process_time()
    for name in FILES:
        docs = [doc for doc in rows(args.corpora / name) if len(segments(doc["source"])) >= 2]
        headlines = collections.defaultdict(list)
        for doc in docs:
            headlines[doc["lp"]].append(segments(doc["source"])[0])
        for number, doc in enumerate(docs[:: args.every]):
            lang = doc["lp"].split("-")[0]
            lines = segments(doc["source"])
            if lang not in CHROME:
                continue
            documents += 1
            others = [headline for headline in headlines[doc["lp"]] if headline != lines[0]]
            lead = number % 2 == 1 and len(lines) > 2
            source = page(lang, lines, others[number % max(1, len(others) - 4) :], number, lead)
            alone = article(lines, lead)
            translations = [(f"ref:{k}", v) for k, v in doc["references"].items()]
            translations += [(f"mt:{k}", v) for k, v in doc["hypotheses"].items()]
            for who, paragraphs in translations:
                target = segments(paragraphs)
                if len(target) != len(lines):  # no segment of its own for each line of the source
                    skipped += 1
                    continue
                checked += 1
                pairs[doc["lp"], "translations"] += 1
                text = article(target, lead)
                runs = {}
                for side, given in (("page", source), ("article", alone)):
                    found = copyedit.check(text, format="html", source=given, source_lang=lang, config=config).findings
                    runs[side] = collections.Counter((f.code, f.span.start, f.span.end) for f in found)
                    counts[side].update(f.code for f in found)
                    pairs[doc["lp"], side] += len(found)
                    if dump:
                        for f in found:
                            record = {"side": side, "doc": f"{doc['lp']}:{doc['doc_id']}", "who": who, "code": f.code,
                                      "start": f.span.start, "end": f.span.end, "text": f.text, "message": f.message,
                                      "source": f.source.text if f.source else None}
                            dump.write(json.dumps(record, ensure_ascii=False) + "\n")
                for side, other in (("page", "article"), ("article", "page")):
                    only[side].update(code for code, *_ in (runs[side] - runs[other]).elements())
    if dump:
        dump.close()
    print(f"{documents} documents, {checked} translations checked twice, {skipped} left out (not segment by segment); "
          f"{time.process_time() - started:.0f} CPU s")
    print("\n| rule | page as source | article alone | only with the page | only with the article |")
    print("|---|---|---|---|---|")
    for code in sorted(set(counts["page"]) | set(counts["article"])):
        print(f"| {code} | {counts['page'][code]} | {counts['article'][code]} | {only['page'][code]} | {only['article'][code]} |")
    total = {side: sum(counter.values()) for side, counter in {**counts, **{f"only {k}": v for k, v in only.items()}}.items()}
    print(f"| all | {total['page']} | {total['article']} | {total['only page']} | {total['only article']} |")
    print("\n| pair | translations | flags, page as source | flags, article alone |")
    print("|---|---|---|---|")
    for pair in sorted({pair for pair, _ in pairs}):
        print(f"| {pair} | {pairs[pair, 'translations']} | {pairs[pair, 'page']} | {pairs[pair, 'article']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
