"""Accuracy harness: what every rule gets right and wrong on real text it was not written on.

One command, reading ``../shared/corpora`` (never copied into the project):

    .venv/bin/python benchmarks/accuracy/harness.py [--write-measured] [--jobs 2] [--every N]

Per rule code it measures

- **post-edit agreement** (``postedits/``, 32,000 MT sentences with professional post-edits):
  every fix the rule applies is replayed alone on the MT and judged against the post-edit —
  AGREE (the post-editor made the same change), DISAGREE (the post-editor kept that text
  exactly), OTHER — in the default run (safe fixes) and with every fix applied (the evidence
  a rule's fix safety is decided on); and the recall of the post-editors' mechanical changes;
  site-chrome removals are judged on real pages too (``boilerplate/``: AGREE when what went
  holds a snippet marked as chrome, DISAGREE when it holds one marked as article);
- **flags against post-edits** (``postedits/`` with their sources): each sentence's MT and
  post-edit checked against its source (so the rules that compare with one run too); a flagged MT
  sentence whose post-edit the rule no longer flags was repaired by the post-editor, one it still
  flags was kept, and the flags on the post-edits count against the rule (a floor for rules of house
  style: the post-editors repaired translation errors, and kept most decimal commas MT102 flags);
- **MT against human text**: flags per 1,000 words on every MT system's output and on the
  human reference of the same documents (``wmt-news/``, ``wmt23-news/``, the post-edits), and
  safe edits per 100,000 words on human text (BBC, the references, the post-edits), every edit
  that changes a visible character listed in ``benchmarks/.work/review-visible-edits.md``
  (outside git: it quotes the corpora); ``block`` verdicts
  and language findings at warning or above on human text;
- **MQM**: the precision of each rule's flags against error spans of the categories it
  targets (``TARGETS``) and against any rated error, and the recall of each targeted category
  (``mqm/``, news zh-en and biomedical de/es/fr-en).

It writes ``RESULTS.md`` (tables, date, commit, command) and ``results.jsonl`` (one record per
rule) beside this file; ``--write-measured`` writes each rule's ``measured:`` block into its
file in ``rules/``, which the tests hold the rule's fix safety and severity to.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

import copyedit
from copyedit.checks import SOURCE_CHECKS
from copyedit.engine import ruleset_for
from copyedit.kinds.python import PythonOptions
from copyedit.model import Result, Severity
from copyedit.policy import Policy, Verdict

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import corpora  # sibling module
from speed import commit, machine  # the benchmarks' shared header lines
from judge import Verdict as Judged
from judge import judge_fix, made, mechanical_changes

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
CONTEXT = 30  # characters shown on each side of a visible edit in the review file

PUNCTUATION = ("Fluency/Punctuation", "Linguistic_conventions/Punctuation")
GRAMMAR = ("Fluency/Grammar", "Linguistic_conventions/Grammar")
ENCODING = ("Fluency/Character encoding", "Linguistic_conventions/Character_encoding")
SPELLING = ("Fluency/Spelling", "Linguistic_conventions/Spelling")
NAMES = ("Locale convention/Name format",) + SPELLING + ("Fluency/Inconsistency", "Terminology/Inconsistent")
UNTRANSLATED = ("Accuracy/Source language fragment", "Non-translation!", "Accuracy/Untranslated")
NUMBERS = (
    "Accuracy/Mistranslation", "Locale_conventions/Number_format", "Locale convention/Currency format",
    "Locale_conventions/Measurement_format",
)
DATES = ("Accuracy/Mistranslation", "Locale convention/Date format", "Locale_conventions/Date_format")
WORDING = (
    "Accuracy/Mistranslation", "Accuracy/Addition", "Terminology/Inappropriate for context", "Terminology/Wrong_term",
    "Style/Unnatural or awkward", "Style/Non_fluent",
)
# The MQM categories each family of rules targets, by code prefix (the longest prefix wins).
TARGETS: dict[str, tuple[str, ...]] = {
    "C1": PUNCTUATION,
    "C2": ENCODING,
    "C3": PUNCTUATION,
    "C4": GRAMMAR + ("Style/Unnatural or awkward", "Style/Non_fluent"),
    "MT": WORDING + GRAMMAR,
    "MT102": NUMBERS,  # a decimal comma or thousands stops copied from the source's way of writing numbers
    "MT103": PUNCTUATION,  # Chinese or Japanese punctuation left in English text
    "MT104": ENCODING + ("Accuracy/Mistranslation",),  # an unknown-word token where a word was lost
    "MT105": GRAMMAR + SPELLING,  # the pronoun "i" in lower case
    "MT106": PUNCTUATION + ("Style/Unnatural or awkward", "Style/Non_fluent"),  # a quoted ship's or team's name
    "MT107": WORDING,  # the pandemic under its Japanese or German short name
    "MT108": GRAMMAR + SPELLING + ("Style/Non_fluent",),  # "can not"
    "MT110": WORDING,  # one word given twice in a list, where the source had two
    "MT111": GRAMMAR + SPELLING,  # "korean", "nepalese" in lower case
    "MT115": GRAMMAR + SPELLING,  # an acronym in lower case where it is defined
    "MT109": WORDING,  # a phrase repeated in a loop
    "TR": WORDING,
    "NM": NAMES,
    "LQ1": UNTRANSLATED,
    "LQ201": NUMBERS,
    "LQ202": DATES,
    "LQ203": NUMBERS,
    "LQ204": NAMES,
    "LQ206": UNTRANSLATED,
    "LQ207": UNTRANSLATED,
    "LQ211": NAMES + ("Accuracy/Mistranslation",),  # a name copied wrong
    "LQ212": NAMES + ("Accuracy/Mistranslation",),  # a byline's name made up (dropped ones are source-side omissions)
    "LQ213": NAMES + ("Accuracy/Mistranslation",),  # a name that lost its first letters
    "LQ214": NAMES + ("Accuracy/Mistranslation",),  # a Chinese name misspelt in pinyin
    "LQ215": ("Accuracy/Addition", "Accuracy/Mistranslation", "Style/Unnatural or awkward"),  # MT in a loop
    "LQ216": PUNCTUATION,  # a bracket lost or doubled
    "LQ217": NUMBERS,  # a sum given in another currency
    "LQ218": NUMBERS,  # a percentage become a bare number
    "LQ219": NAMES,  # a Chinese given name split into two words
    "LQ220": NAMES + ("Accuracy/Mistranslation",),  # a Chinese name the source does not have
    "LQ221": GRAMMAR + SPELLING,  # the source's acronym in lower case
    "LQ222": NAMES + GRAMMAR,  # the source's name in lower case
    "LQ223": ("Accuracy/Addition", "Accuracy/Mistranslation", "Style/Unnatural or awkward"),  # a phrase said twice
    "LQ224": ("Accuracy/Addition", "Accuracy/Mistranslation"),  # a country the source does not name
    "LQ225": ("Accuracy/Addition", "Accuracy/Mistranslation"),  # a news organisation the source does not name
    "LQ3": NAMES,
}
LANGUAGE_CODES = ("LQ101", "LQ102")


def targets(code: str) -> tuple[str, ...]:
    """The MQM categories a rule targets; () for rules MQM has no category for (site chrome).

    >>> targets("C303")[0], targets("LQ201")[1], targets("BP104")
    ('Fluency/Punctuation', 'Locale_conventions/Number_format', ())
    """
    prefixes = [prefix for prefix in TARGETS if code.startswith(prefix)]
    return TARGETS[max(prefixes, key=len)] if prefixes else ()


def words(text: str) -> int:
    return len(text.split())


def visible(old: str, new: str) -> bool:
    """Whether an edit changes a visible character (a space before a full stop is not one).

    >>> visible("  ", " "), visible(" .", "."), visible("the ", "")
    (False, False, True)
    """
    return "".join(old.split()) != "".join(new.split())


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """A zero-width span touches the character at its position.

    >>> overlaps(3, 5, 4, 9), overlaps(3, 5, 5, 9), overlaps(4, 4, 3, 5)
    (True, False, True)
    """
    return start < other_end and other_start < max(end, start + 1)


@dataclass
class Tally:
    """Counts keyed by tuples, and the visible edits on human text, merged across workers."""

    counts: collections.Counter[tuple[str, ...]] = field(default_factory=collections.Counter)
    review: list[str] = field(default_factory=list)

    def add(self, *key: str, n: int = 1) -> None:
        self.counts[key] += n

    def merge(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.review.extend(other.review)

    def get(self, *key: str) -> int:
        return self.counts.get(key, 0)


def _fixes(result: Result) -> Iterator[tuple[str, Any]]:
    for applied in result.applied:
        for code in applied.codes:
            yield code, applied


def _snippet(text: str, start: int, end: int, replacement: str) -> str:
    shown = f"{text[max(0, start - CONTEXT):start]}[{text[start:end]} → {replacement}]{text[end:end + CONTEXT]}"
    return shown.replace("\n", "⏎").replace("|", "\\|")


def human_text(tally: Tally, corpus: str, name: str, text: str, safe: Result | None = None) -> None:
    """Edits, flags, verdicts and language findings on text a human wrote or edited."""
    safe = safe or copyedit.fix(text)
    every = copyedit.fix(text, unsafe=True)
    checked = copyedit.check(text)
    tally.add("words", corpus, n=words(text))
    tally.add("documents", corpus)
    for run, result in (("safe", safe), ("all", every)):
        for code, applied in _fixes(result):
            for edit in applied.edits:
                shows = visible(text[edit.start : edit.end], edit.replacement)
                tally.add("human-edit", corpus, run, code, "visible" if shows else "spacing")
                if shows and run == "safe":
                    tally.review.append(
                        f"| {corpus} | {name} | {code} | `{_snippet(text, edit.start, edit.end, edit.replacement)}` |"
                    )
    for finding in checked.findings:
        tally.add("flags", corpus, "human", finding.code)
        if finding.code in LANGUAGE_CODES and finding.severity.rank >= Severity.WARNING.rank:
            tally.add("language-warning", corpus, finding.code)
    if Policy().verdict(safe.findings) is Verdict.BLOCK:
        tally.add("block", corpus)
        tally.review.append(f"| {corpus} | {name} | BLOCK | {', '.join(sorted({f.code for f in safe.findings if f.severity is Severity.ERROR}))} |")


Counts = collections.Counter[str]


def postedit_flag_verdicts(row: corpora.PostEdit, config: copyedit.Config) -> tuple[Counts, Counts]:
    """The flags of the rules ``config`` selects on a post-edited sentence's MT and on its post-edit, both
    checked against the sentence's source: a rule that flags the MT and not the post-edit was repaired by the
    post-editor (or rewritten away); one that flags both was kept."""

    def flags(text: str) -> Counts:
        found = copyedit.check(text, source=row.src, source_lang=row.source_lang, config=config).findings
        return collections.Counter(finding.code for finding in found)

    return flags(row.mt), flags(row.pe)


def process_post_edits(rows: list[corpora.PostEdit]) -> Tally:
    tally = Tally()
    corpus = "post-edits"
    every_rule = copyedit.Config()
    for row in rows:
        on_mt, on_pe = postedit_flag_verdicts(row, every_rule)
        for code in on_mt:
            tally.add("pe-flag", code, "kept" if on_pe[code] else "repaired")
        for code, n in on_pe.items():
            tally.add("pe-flag", code, "on-post-edits", n=n)
        every = copyedit.fix(row.mt, unsafe=True)
        safe = copyedit.fix(row.mt)
        for run, result in (("safe", safe), ("all", every)):
            for code, applied in _fixes(result):
                verdict = judge_fix(row.mt, applied.edits, row.pe)
                tally.add("pe-fix", run, code, verdict.value)
            for change in mechanical_changes(row.mt, row.pe):
                tally.add("mechanical", run, change.kind, "total")
                if made(change, result.text):
                    tally.add("mechanical", run, change.kind, "made")
        tally.add("mt-words", corpus, n=words(row.mt))
        for finding in copyedit.check(row.mt).findings:
            tally.add("flags", corpus, "mt", finding.code)
        human_text(tally, corpus, row.id, row.pe)
    return tally


def process_articles(articles: list[corpora.Article]) -> Tally:
    tally = Tally()
    for article in articles:
        human_text(tally, article.corpus, article.id, article.text)
    return tally


def _squeeze(text: str) -> str:
    return " ".join(regex.sub(r"<[^>]*>", " ", text).split()).casefold()


def process_pages(pages: list[corpora.Page]) -> Tally:
    """Site-chrome removals judged on real pages: AGREE when what went holds a snippet of the
    page's chrome, DISAGREE when it holds a snippet of its article, OTHER otherwise."""
    tally = Tally()
    for page in pages:
        try:
            result = copyedit.fix(page.html, format="html", unsafe=True)
        except copyedit.CopyeditError:
            tally.add("pages-refused")
            continue
        keep = [_squeeze(s) for s in page.keep if _squeeze(s)]
        remove = [_squeeze(s) for s in page.remove if _squeeze(s)]
        for code, applied in _fixes(result):
            removed = _squeeze(" ".join(page.html[e.start : e.end] for e in applied.edits))
            if any(snippet in removed for snippet in keep):
                verdict = Judged.DISAGREE
            elif any(snippet in removed for snippet in remove):
                verdict = Judged.AGREE
            else:
                verdict = Judged.OTHER
            tally.add("page-fix", code, verdict.value)
    return tally


def process_translations(documents: list[corpora.Translations]) -> Tally:
    tally = Tally()
    for doc in documents:
        for text in doc.mt.values():
            tally.add("mt-words", doc.corpus, n=words(text))
            tally.add("pair-words", doc.source_lang, "mt", n=words(text))
            for finding in copyedit.check(text, source=doc.source, source_lang=doc.source_lang).findings:
                tally.add("flags", doc.corpus, "mt", finding.code)
                tally.add("pair-flags", doc.source_lang, "mt", finding.code)
        for name, text in doc.human.items():
            tally.add("ref-words", doc.corpus, n=words(text))
            tally.add("pair-words", doc.source_lang, "human", n=words(text))
            for finding in copyedit.check(text, source=doc.source, source_lang=doc.source_lang).findings:
                tally.add("ref-flags", doc.corpus, finding.code)
                tally.add("pair-flags", doc.source_lang, "human", finding.code)
            if doc.corpus == "wmt23-news":  # wmt-news references are read from their own folder
                human_text(tally, "wmt23-news references", f"{doc.id}/{name}", text)
    return tally


def process_mqm(documents: list[corpora.MqmDocument]) -> Tally:
    tally = Tally()
    for doc in documents:
        findings = copyedit.check(doc.target, source=doc.source, source_lang=doc.source_lang).findings
        tally.add("mqm-words", doc.corpus, n=words(doc.target))
        for category, start, end in doc.errors:
            tally.add("mqm-spans", doc.corpus, category)
            if any(category in targets(f.code) and overlaps(f.span.start, f.span.end, start, end) for f in findings):
                tally.add("mqm-found", doc.corpus, category)
        for f in findings:
            tally.add("mqm", doc.corpus, f.code, "fired")
            hit = [category for category, start, end in doc.errors if overlaps(f.span.start, f.span.end, start, end)]
            if hit:
                tally.add("mqm", doc.corpus, f.code, "right-any")
            if any(category in targets(f.code) for category in hit):
                tally.add("mqm", doc.corpus, f.code, "right")
    return tally


def chunks(items: Iterable[Any], size: int, every: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for index, item in enumerate(items):
        if index % every:
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(root: Path, jobs: int, every: int, parts: set[str]) -> Tally:
    work: list[tuple[Callable[[list[Any]], Tally], Iterable[list[Any]]]] = []
    if "postedits" in parts:
        work.append((process_post_edits, chunks(corpora.post_edits(root), 400, every)))
    if "human" in parts:
        work.append((process_articles, chunks(corpora.bbc(root), 50, every)))
        work.append((process_articles, chunks(corpora.wmt_news_references(root), 50, every)))
    if "translations" in parts:
        work.append((process_translations, chunks(corpora.translations(root), 4, every)))
    if "pages" in parts:
        work.append((process_pages, chunks(corpora.pages(root), 5, every)))
    if "mqm" in parts:
        work.append((process_mqm, chunks(corpora.mqm_documents(root), 40, every)))
    tally = Tally()
    ruleset_for(copyedit.Config())  # compile once before the workers fork
    copyedit.check("A warm-up sentence, so that the language profiles load before the workers fork.")
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pending = [pool.apply_async(function, (batch,)) for function, batches in work for batch in batches]
        for done, job in enumerate(pending, 1):
            tally.merge(job.get())
            if done % 20 == 0:
                print(f"  {done}/{len(pending)} batches", file=sys.stderr, flush=True)
    return tally


# -- figures per rule ------------------------------------------------------------------------

PARTS = ("postedits", "human", "translations", "pages", "mqm")
HUMAN_CORPORA = ("BBC", "wmt-news references", "wmt23-news references", "post-edits")
MT_CORPORA = ("wmt-news", "wmt23-news", "post-edits")
MQM_CORPORA = ("MQM news zh-en", "MQM bio de/es/fr-en")


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def flag_rates(tally: Tally, code: str) -> tuple[float | None, float | None]:
    """Flags per 1,000 words on every MT system's output and on the human reference of the same
    WMT documents (the post-edits have no source, so they are shown apart, not pooled).

    >>> tally = Tally()
    >>> tally.add("mt-words", "wmt-news", n=2000); tally.add("flags", "wmt-news", "mt", "C401", n=4)
    >>> tally.add("ref-words", "wmt-news", n=1000); tally.add("ref-flags", "wmt-news", "C401")
    >>> flag_rates(tally, "C401")
    (2.0, 1.0)
    """
    wmt = MT_CORPORA[:2]
    mt_words = sum(tally.get("mt-words", corpus) for corpus in wmt)
    human_words = sum(tally.get("ref-words", corpus) for corpus in wmt)
    mt_flags = sum(tally.get("flags", corpus, "mt", code) for corpus in wmt)
    human_flags = sum(tally.get("ref-flags", corpus, code) for corpus in wmt)
    return ratio(1000 * mt_flags, mt_words), ratio(1000 * human_flags, human_words)


# NM105's check reads the source too (an Icelandic one), though it is not skipped without one
SOURCE_BASED_CHECKS = SOURCE_CHECKS | {"names.source-case-forms"}


def source_based_codes() -> list[str]:
    """The built-in rules that compare a translation with its source (issue 15's "source-based flags")."""
    return sorted(
        rule.code for rule in ruleset_for(copyedit.Config()).rules
        if isinstance(rule.options, PythonOptions) and rule.options.check in SOURCE_BASED_CHECKS
    )


def pair_rates(tally: Tally, codes: Iterable[str], lang: str | None = None) -> tuple[float | None, float | None]:
    """Flags per 1,000 words of some rules on every MT system's output and on the human references
    of the same WMT documents, for one source language or (None) all of them.

    >>> tally = Tally()
    >>> tally.add("pair-words", "ja", "mt", n=2000); tally.add("pair-flags", "ja", "mt", "LQ201", n=6)
    >>> tally.add("pair-words", "ja", "human", n=1000); tally.add("pair-flags", "ja", "human", "LQ202")
    >>> tally.add("pair-words", "ru", "mt", n=1000); tally.add("pair-flags", "ru", "mt", "LQ202", n=1)
    >>> pair_rates(tally, ["LQ201", "LQ202"], "ja"), pair_rates(tally, ["LQ201", "LQ202"])
    ((3.0, 1.0), (2.333, 1.0))
    """
    codes = set(codes)
    rates = []
    for side in ("mt", "human"):
        n = sum(v for key, v in tally.counts.items() if key[0] == "pair-words" and key[2] == side and lang in (None, key[1]))
        flags = sum(
            v for key, v in tally.counts.items()
            if key[0] == "pair-flags" and key[2] == side and key[3] in codes and lang in (None, key[1])
        )
        rates.append(ratio(1000 * flags, n))
    return rates[0], rates[1]


def share(mt_rate: float | None, human_rate: float | None) -> str:
    """MT flags per word ÷ human flags per word, as a table cell.

    >>> share(2.0, 0.5), share(1.0, 0), share(0, 0)
    ('4.00', '∞', '—')
    """
    if not (mt_rate or human_rate):
        return "—"
    return "∞" if not human_rate else f"{(mt_rate or 0) / human_rate:.2f}"


def rule_record(tally: Tally, code: str) -> dict[str, Any]:
    """Everything measured about one rule, as written to ``results.jsonl`` and the rule's file."""
    judged = {run: {v.value: tally.get("pe-fix", run, code, v.value) for v in Judged} for run in ("safe", "all")}
    pages = {v.value: tally.get("page-fix", code, v.value) for v in Judged}
    for verdict, n in pages.items():
        judged["all"][verdict] += n  # site-chrome removals judged on real pages count as evidence too
    for counts in judged.values():
        counts["precision"] = ratio(counts["agree"], counts["agree"] + counts["disagree"])
    human_words = sum(tally.get("words", corpus) for corpus in HUMAN_CORPORA)
    mt_rate, human_rate = flag_rates(tally, code)
    fired = sum(tally.get("mqm", corpus, code, "fired") for corpus in MQM_CORPORA)
    right = sum(tally.get("mqm", corpus, code, "right") for corpus in MQM_CORPORA)
    right_any = sum(tally.get("mqm", corpus, code, "right-any") for corpus in MQM_CORPORA)
    return {
        "code": code,
        "fixes": judged["all"],
        "safe_run": judged["safe"],
        "pages": pages,
        "human_visible_edits_per_100k_words": ratio(
            100_000 * sum(tally.get("human-edit", corpus, "all", code, "visible") for corpus in HUMAN_CORPORA), human_words
        ),
        "human_edits_per_100k_words": ratio(
            100_000 * sum(tally.get("human-edit", corpus, "all", code, kind) for corpus in HUMAN_CORPORA
                          for kind in ("visible", "spacing")), human_words
        ),
        "flags_per_1k_words": {"mt": mt_rate, "human": human_rate},
        "postedit_flags": {
            "repaired": tally.get("pe-flag", code, "repaired"),
            "kept": tally.get("pe-flag", code, "kept"),
            "on_post_edits": tally.get("pe-flag", code, "on-post-edits"),
        },
        "mqm": {
            "flags": fired,
            "precision_targeted": ratio(right, fired) if targets(code) else None,
            "precision_any": ratio(right_any, fired),
        },
    }


def measured_block(record: dict[str, Any], today: str, revision: str) -> str:
    """The ``measured:`` block of a rule file (YAML flow mappings, one line a measurement)."""

    def flow(mapping: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{k}: {'null' if v is None else v}" for k, v in mapping.items()) + "}"

    fixes = {k: record["fixes"][k] for k in ("agree", "disagree", "other", "precision")}
    return (
        "measured:  # written by benchmarks/accuracy/harness.py --write-measured; do not edit by hand\n"
        f'  date: "{today}"\n'
        f'  commit: "{revision.split()[0]}"\n'
        f"  fixes: {flow(fixes)}  # every fix replayed alone on MT, judged against the post-edit\n"
        f"  human_visible_edits_per_100k_words: {record['human_visible_edits_per_100k_words'] or 0}"
        "  # BBC, WMT references, post-edits\n"
        f"  flags_per_1k_words: {flow(record['flags_per_1k_words'])}  # MT outputs; human references of the same documents\n"
        f"  postedit_flags: {flow(record['postedit_flags'])}  # flagged MT sentences the post-editors repaired or kept; flags on their post-edits (checked with the source)\n"
        f"  mqm: {flow(record['mqm'])}  # flags on MQM-annotated MT (news zh-en, bio de/es/fr-en)\n"
    )


def write_measured(records: dict[str, dict[str, Any]], today: str, revision: str) -> int:
    """Replace (or add) the ``measured:`` block at the end of every built-in rule's file."""
    written = 0
    for rule in ruleset_for(copyedit.Config()).rules:
        path = ROOT / "rules" / rule.pack / Path(rule.path).name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        cut = text.find("\nmeasured:")
        kept = (text[: cut + 1] if cut >= 0 else text).rstrip("\n") + "\n"
        path.write_text(kept + measured_block(records[rule.code], today, revision), encoding="utf-8")
        written += 1
    return written


# -- report ----------------------------------------------------------------------------------


def _cell(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report(tally: Tally, records: dict[str, dict[str, Any]], header: list[str]) -> str:
    rules = {rule.code: rule for rule in ruleset_for(copyedit.Config()).rules}
    out = header + ["", "## Fixes judged against professional post-edits", ""]
    for run, title in (("safe", "default run (safe fixes)"), ("all", "every fix applied (the evidence for fix safety)")):
        agree = sum(tally.get("pe-fix", run, c, "agree") for c in records)
        disagree = sum(tally.get("pe-fix", run, c, "disagree") for c in records)
        other = sum(tally.get("pe-fix", run, c, "other") for c in records)
        out.append(
            f"- {title}: {agree + disagree + other} fixes applied, AGREE {agree}, DISAGREE {disagree}, OTHER {other}; "
            f"precision AGREE/(AGREE+DISAGREE) = **{_cell(ratio(agree, agree + disagree))}** over {agree + disagree} judged"
        )
    out += ["", ("| rule | fix | post-edits: agree | disagree | other | pages: agree | disagree | other "
                 "| precision (all judged) | safe run: judged | precision |"), "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for code, record in sorted(records.items()):
        fixes, safe, pages = record["fixes"], record["safe_run"], record["pages"]
        if not (fixes["agree"] + fixes["disagree"] + fixes["other"]):
            continue
        rule = rules[code]
        post = [fixes[v] - pages[v] for v in ("agree", "disagree", "other")]
        out.append(
            f"| {code} | {rule.applicability.value if rule.applicability else '—'} | {post[0]} | {post[1]} | {post[2]} "
            f"| {pages['agree']} | {pages['disagree']} | {pages['other']} | {_cell(fixes['precision'])} "
            f"| {safe['agree'] + safe['disagree']} | {_cell(safe['precision'])} |"
        )
    out += ["", ("Mechanical post-edits (the post-editor's changes of quote marks, punctuation and spacing, doubled "
                 "words, capitals) that copyedit made:"), "",
            "| kind | post-edits | made, safe run | made, every fix |", "|---|---:|---:|---:|"]
    for kind in sorted({key[2] for key in tally.counts if key[0] == "mechanical"}):
        out.append(
            f"| {kind} | {tally.get('mechanical', 'all', kind, 'total')} | {tally.get('mechanical', 'safe', kind, 'made')} "
            f"| {tally.get('mechanical', 'all', kind, 'made')} |"
        )
    out += ["", "## Human text: safe edits, blocks and language findings", "",
            ("| corpus | documents | words | safe edits / 100,000 words | visible safe edits / 100,000 words (goal ≤ 1) "
             "| `block` verdicts (goal 0) | LQ101/LQ102 at warning+ (goal 0) |"), "|---|---:|---:|---:|---:|---:|---:|"]
    for corpus in HUMAN_CORPORA:
        n = tally.get("words", corpus)
        if not n:
            continue
        safe_edits = {key[3]: v for key, v in tally.counts.items() if key[:3] == ("human-edit", corpus, "safe")}
        visible_edits = sum(v for key, v in tally.counts.items() if key[:3] == ("human-edit", corpus, "safe") and key[4] == "visible")
        lang = sum(tally.get("language-warning", corpus, code) for code in LANGUAGE_CODES)
        out.append(
            f"| {corpus} | {tally.get('documents', corpus):,} | {n:,} | {100_000 * sum(safe_edits.values()) / n:.2f} "
            f"| **{100_000 * visible_edits / n:.2f}** | {tally.get('block', corpus)} | {lang} |"
        )
    out += ["", ("Every visible safe edit on human text, and every `block`, is listed in "
                 "`benchmarks/.work/review-visible-edits.md` (not in git: it quotes the corpora)."), "",
            "## MT against human translation: flags per 1,000 words", "",
            "| rule | severity | " + " | ".join(f"{c} MT | {c} human" for c in MT_CORPORA) + " | MT ÷ human (WMT) |",
            "|---|---|" + "---:|---:|" * len(MT_CORPORA) + "---:|"]
    for code, record in sorted(records.items()):
        cells = []
        for corpus in MT_CORPORA:
            mt_words = tally.get("mt-words", corpus)
            human_words = tally.get("words", corpus) if corpus == "post-edits" else tally.get("ref-words", corpus)
            human = tally.get("flags", corpus, "human", code) if corpus == "post-edits" else tally.get("ref-flags", corpus, code)
            cells.append(f"{_cell(ratio(1000 * tally.get('flags', corpus, 'mt', code), mt_words))} "
                         f"| {_cell(ratio(1000 * human, human_words))}")
        mt_rate, human_rate = flag_rates(tally, code)
        if not (mt_rate or human_rate or any(tally.get("flags", "post-edits", side, code) for side in ("mt", "human"))):
            continue
        out.append(f"| {code} | {rules[code].severity.value} | " + " | ".join(cells) + f" | {share(mt_rate, human_rate)} |")
    out += source_based_report(tally)
    out += ["", "## Flags judged against post-edits", "",
            ("Each of the post-edited sentences (et, ne, ro, si → en) checked with its source, as MT and as "
             "post-edited: a flagged MT sentence whose post-edit the rule no longer flags was repaired by the "
             "post-editor (or rewritten away); one it still flags was kept. Rules that flag nothing here are left out."), "",
            "| rule | severity | flagged MT sentences | repaired | kept | repaired ÷ flagged | flags on the post-edits |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for code, record in sorted(records.items()):
        judged = record["postedit_flags"]
        flagged = judged["repaired"] + judged["kept"]
        if not (flagged or judged["on_post_edits"]):
            continue
        out.append(f"| {code} | {rules[code].severity.value} | {flagged} | {judged['repaired']} | {judged['kept']} "
                   f"| {_cell(ratio(judged['repaired'], flagged))} | {judged['on_post_edits']} |")
    out += ["", "## MQM: flags against human-rated error spans", "",
            ("A flag is right when it overlaps a target-side error span of a category its rule targets (any rater); "
             "*any* counts a span of any category. Goal: precision (any) ≥ 0.8 for every rule firing ≥ 20 times, "
             "or the rule is `info`."), "",
            "| rule | severity | " + " | ".join(f"{c} flags | targeted | any" for c in MQM_CORPORA) + " | all flags | precision targeted | precision any | goal |",
            "|---|---|" + "---:|---:|---:|" * len(MQM_CORPORA) + "---:|---:|---:|---|"]
    for code, record in sorted(records.items()):
        mqm = record["mqm"]
        if not mqm["flags"]:
            continue
        cells = []
        for corpus in MQM_CORPORA:
            fired = tally.get("mqm", corpus, code, "fired")
            cells.append(f"{fired} | {_cell(ratio(tally.get('mqm', corpus, code, 'right'), fired))} "
                         f"| {_cell(ratio(tally.get('mqm', corpus, code, 'right-any'), fired))}")
        info = rules[code].severity is Severity.INFO
        goal = ("met" if (mqm["precision_any"] or 0) >= 0.8 or info else "**missed**") if mqm["flags"] >= 20 else "too few flags"
        out.append(f"| {code} | {rules[code].severity.value} | " + " | ".join(cells) + f" | {mqm['flags']} "
                   f"| {_cell(mqm['precision_targeted'])} | {_cell(mqm['precision_any'])} | {goal} |")
    out += ["", "| MQM category (target side) | corpus | error spans | found by a rule targeting it | recall |",
            "|---|---|---:|---:|---:|"]
    for key, spans in sorted(tally.counts.items()):
        if key[0] != "mqm-spans" or not any(key[2] in targets(code) for code in records):
            continue
        found = tally.get("mqm-found", key[1], key[2])
        out.append(f"| {key[2]} | {key[1]} | {spans:,} | {found:,} | {found / spans:.3f} |")
    return "\n".join(out) + "\n"


def source_based_report(tally: Tally) -> list[str]:
    """Issue 15's goal read off directly: the flags of every source-based rule together, MT ÷ human,
    per source language and over both WMT corpora, and each rule's own ratio per language."""
    langs = sorted({key[1] for key in tally.counts if key[0] == "pair-words"})
    if not langs:
        return []
    codes = source_based_codes()
    fired = [c for c in codes if any(key[0] == "pair-flags" and key[3] == c for key in tally.counts)]
    out = ["", "## Source-based flags: MT ÷ human per language pair", "",
           (f"Every rule that compares the translation with its source ({', '.join(codes)}) taken together, on "
            "wmt-news and wmt23-news; goal (issue 15): MT ÷ human ≥ 3 on all pairs together and ≥ 2 on each. "
            "The last columns are each rule's own MT ÷ human."), "",
           "| source → en | MT words | human words | MT flags / 1k words | human flags / 1k words | MT ÷ human | goal | "
           + " | ".join(fired) + " |",
           "|---|---:|---:|---:|---:|---:|---|" + "---:|" * len(fired)]
    for lang in [*langs, None]:
        mt_rate, human_rate = pair_rates(tally, codes, lang)
        goal = 3 if lang is None else 2
        met = mt_rate is not None and (not human_rate or mt_rate / human_rate >= goal)
        mt_words = sum(v for key, v in tally.counts.items() if key[:3] == ("pair-words", lang or key[1], "mt"))
        human_words = sum(v for key, v in tally.counts.items() if key[:3] == ("pair-words", lang or key[1], "human"))
        per_rule = [share(*pair_rates(tally, [code], lang)) for code in fired]
        out.append(
            f"| {'**all**' if lang is None else f'{lang}-en'} | {mt_words:,} | {human_words:,} | {_cell(mt_rate)} "
            f"| {_cell(human_rate)} | **{share(mt_rate, human_rate)}** | ≥ {goal}: {'met' if met else '**missed**'} | "
            + " | ".join(per_rule) + " |"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--every", type=int, default=1, help="use every Nth item of each corpus (1: all)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"which corpora to run ({','.join(PARTS)})")
    parser.add_argument("--write-measured", action="store_true", help="write each rule's measured: block into rules/")
    parser.add_argument("--out", type=Path, default=HERE, help="where RESULTS.md and results.jsonl go")
    parser.add_argument("--review", type=Path, help="where the list of visible edits on human text goes "
                        "(default benchmarks/.work/review-visible-edits.md, outside git: it quotes the corpora)")
    args = parser.parse_args(argv)
    if not (args.corpora / "README.md").is_file():
        parser.error(f"{args.corpora}: not the shared corpora folder (is ../shared next to the project?)")
    parts = set(args.parts.split(","))
    if args.write_measured and (args.every != 1 or parts != set(PARTS)):
        parser.error("--write-measured needs the whole of every corpus (no --every, no --parts)")
    started = time.monotonic()
    tally = run(args.corpora, args.jobs, args.every, parts)
    codes = sorted(rule.code for rule in ruleset_for(copyedit.Config()).rules)
    records = {code: rule_record(tally, code) for code in codes}
    today, revision = datetime.date.today().isoformat(), commit()
    command = "python benchmarks/accuracy/harness.py " + " ".join(argv if argv is not None else sys.argv[1:])
    header = [
        f"# Accuracy on real text — {today}", "",
        f"- machine: {machine()}", f"- commit: {revision}", f"- command: `{command.strip()}`",
        (f"- corpora: `{args.corpora}` (parts: {', '.join(sorted(parts))}; every {args.every}. item); "
         f"took {time.monotonic() - started:.0f} s"),
        "- how each figure is taken: see the docstring of `benchmarks/accuracy/harness.py` and `judge.py`",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "RESULTS.md").write_text(report(tally, records, header), encoding="utf-8")
    with (args.out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for record in records.values():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    review = ["# Visible safe edits and blocks on human text", "", f"commit {revision}, {today}", "",
              "| corpus | document | rule | edit |", "|---|---|---|---|", *sorted(tally.review)]
    # Corpus text stays out of the project: the review list goes to the ignored work folder.
    review_path = args.review or (ROOT / "benchmarks" / ".work" / "review-visible-edits.md")
    review_path.parent.mkdir(parents=True, exist_ok=True)
    review_path.write_text("\n".join(review) + "\n", encoding="utf-8")
    if args.write_measured:
        print(f"measured: written into {write_measured(records, today, revision)} rule files", file=sys.stderr)
    print((args.out / "RESULTS.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
