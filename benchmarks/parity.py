"""Parity: do two versions of copyedit give the same findings and the same fixed texts?

Runs ``check``, ``fix`` and ``fix(unsafe=True)`` with all built-in packs over every corpus in
``../shared/corpora`` (plain text, HTML pages, MT output with its source for the bilingual
checks, post-edited sentences, name spellings) at two git revisions, each from its own
``git worktree`` (so uncommitted work in the checkout does not leak in), and compares the
results document by document: every finding (code, span, severity, message, fix and its
safety) and the diff of each fixed text. Any difference is listed; exit status 1 when there is one.

    .venv/bin/python benchmarks/parity.py --base HEAD~3 --head HEAD            # two commits
    .venv/bin/python benchmarks/parity.py --base HEAD --head .                 # HEAD vs the working tree
    .venv/bin/python benchmarks/parity.py --base main --head HEAD --every 10   # every 10th document, quick

``--every N`` keeps every Nth document of each corpus; ``--parts NAME,...`` picks corpora (as the accuracy
harness's ``--parts``); ``--corpora DIR`` is the corpora folder (as in every other script here);
``--jobs 2`` runs the two revisions side by side. Dumps go to ``benchmarks/.work/parity/``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
WORK = HERE / ".work" / "parity"

Doc = tuple[str, str, str, "str | None", "str | None"]  # id, format, text, source, source_lang


# --- the corpora ----------------------------------------------------------------------------


def _paragraphs(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(segments) for segments in paragraphs)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:  # type: ignore[operator]
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _bbc(data: Path) -> Iterator[Doc]:
    for path in sorted((data / "clean-news-bbc" / "articles").rglob("*.txt")):
        yield f"bbc/{path.parent.name}/{path.name}", "text", path.read_text(encoding="utf-8", errors="replace"), None, None


def _wmt_docs(path: Path, prefix: str) -> Iterator[Doc]:
    for row in _jsonl(path):
        source, lang = _paragraphs(row["source"]), row["lp"].split("-")[0]
        base = f"{prefix}/{row['lp']}/{row['doc_id']}"
        for name, paragraphs in sorted(row.get("references", {}).items()):
            yield f"{base}/ref-{name}", "text", _paragraphs(paragraphs), source, lang
        for name, paragraphs in sorted(row.get("hypotheses", {}).items()):
            yield f"{base}/{name}", "text", _paragraphs(paragraphs), source, lang


def _wmt_news(data: Path) -> Iterator[Doc]:
    for path in sorted((data / "wmt-news" / "references").glob("*.txt")):
        yield f"wmt-news/references/{path.name}", "text", path.read_text(encoding="utf-8"), None, None
    yield from _wmt_docs(data / "wmt-news" / "wmt21-22_toen_news_docs.jsonl", "wmt-news")


def _wmt23(data: Path) -> Iterator[Doc]:
    yield from _wmt_docs(data / "wmt23-news" / "wmt23_toen_docs.dev.jsonl.gz", "wmt23-news")


def _mqm(data: Path) -> Iterator[Doc]:
    for path in sorted((data / "mqm").glob("*.jsonl*")):
        for row in _jsonl(path):
            yield f"mqm/{row['id']}", "text", row["target"], row.get("source"), row["lp"].split("-")[0]


def _postedits(data: Path) -> Iterator[Doc]:
    for row in _jsonl(data / "postedits" / "mlqe_pe_x2en.dev.jsonl.gz"):
        lang = row["lp"].split("-")[0]
        yield f"postedits/{row['id']}/mt", "text", row["mt"], row["src"], lang
        yield f"postedits/{row['id']}/pe", "text", row["pe"], row["src"], lang


def _boilerplate(data: Path) -> Iterator[Doc]:
    for path in sorted((data / "boilerplate" / "trafilatura_eval_en" / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield f"boilerplate/{path.name}", "html", html, None, None


def _names(data: Path) -> Iterator[Doc]:
    """Name spellings as sentences, 50 names a document: what the name rules read."""
    for path in sorted((data / "names").glob("*.jsonl")):
        lines: list[str] = []
        for number, row in enumerate(_jsonl(path)):
            spellings = [s.title() for s in row["latin_variants_filtered"]]
            lines.append(f"{' and '.join(spellings)} met {row['foreign'].title()} in Astana.")
            if len(lines) == 50:
                yield f"names/{path.stem}/{number // 50}", "text", " ".join(lines), None, None
                lines = []
        if lines:
            yield f"names/{path.stem}/last", "text", " ".join(lines), None, None


CORPORA = {
    "bbc": _bbc,
    "wmt-news": _wmt_news,
    "wmt23-news": _wmt23,
    "mqm": _mqm,
    "postedits": _postedits,
    "boilerplate": _boilerplate,
    "names": _names,
}


# --- one revision: dump ---------------------------------------------------------------------


def _use_tree(root: Path) -> None:
    """Import copyedit (and its rule packs) from ``root``, not from the installed checkout."""
    import importlib.abc
    import importlib.util

    sys.path.insert(0, str(root / "src"))
    packs = root / "rules"

    class Packs(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != "copyedit.packs":
                return None
            return importlib.util.spec_from_file_location(
                fullname, packs / "__init__.py", submodule_search_locations=[str(packs)]
            )

    sys.meta_path.insert(0, Packs())


def _finding(finding: Any) -> list[Any]:
    fix = finding.fix
    fixed = None
    if fix is not None:
        fixed = [fix.applicability.value, fix.title, [[e.span.start, e.span.end, e.replacement] for e in fix.edits]]
    return [finding.code, finding.span.start, finding.span.end, finding.severity.value, finding.message, fixed]


def _result(call: Any) -> Any:
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - a refusal is a result too
        return f"{type(error).__name__}: {error}"


def dump(root: Path, data: Path, corpora: list[str], every: int, out: Path) -> None:
    _use_tree(root)
    import copyedit

    assert Path(copyedit.__file__).resolve().is_relative_to(root.resolve()), copyedit.__file__
    started = time.process_time()
    with out.open("w", encoding="utf-8") as sink:
        for corpus in corpora:
            for number, (doc_id, fmt, text, source, lang) in enumerate(CORPORA[corpus](data)):
                if number % every:
                    continue
                kwargs = {"format": fmt, "source": source, "source_lang": lang} if source else {"format": fmt}
                record: dict[str, Any] = {"id": doc_id}
                checked = _result(lambda: copyedit.check(text, **kwargs))
                record["findings"] = checked if isinstance(checked, str) else [_finding(f) for f in checked.findings]
                for label, unsafe in (("safe", False), ("unsafe", True)):
                    fixed = _result(lambda: copyedit.fix(text, unsafe=unsafe, **kwargs))
                    if isinstance(fixed, str):
                        record[label] = fixed
                    else:
                        record[label] = fixed.diff(path=doc_id) if fixed.text != text else ""
                        record[f"{label}_remaining"] = hashlib.sha256(
                            json.dumps([_finding(f) for f in fixed.findings]).encode()
                        ).hexdigest()[:16]
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{root}: {time.process_time() - started:.0f} CPU-seconds", file=sys.stderr)


# --- two revisions: compare -----------------------------------------------------------------


def _tree(revision: str, scratch: Path, label: str) -> Path:
    """A checkout of ``revision`` (``.`` is the working tree itself, uncommitted changes included)."""
    if revision == ".":
        return ROOT
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = scratch / f"{label}-{commit[:12]}"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True, capture_output=True)
    return tree


def _load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return {record["id"]: record for record in map(json.loads, lines)}


def compare(base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]], show: int) -> dict[str, Any]:
    by_corpus: dict[str, dict[str, int]] = {}
    differences: list[str] = []
    for doc_id in sorted(set(base) | set(head)):
        corpus = doc_id.split("/", 1)[0]
        counts = by_corpus.setdefault(
            corpus, {"documents": 0, "findings": 0, "safe fixed": 0, "unsafe fixed": 0, "different": 0}
        )
        old, new = base.get(doc_id), head.get(doc_id)
        counts["documents"] += 1
        if old is None or new is None:
            counts["different"] += 1
            differences.append(f"{doc_id}: only in {'head' if old is None else 'base'}")
            continue
        counts["findings"] += len(new["findings"]) if isinstance(new["findings"], list) else 0
        counts["safe fixed"] += bool(new.get("safe"))
        counts["unsafe fixed"] += bool(new.get("unsafe"))
        if old == new:
            continue
        counts["different"] += 1
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                if key == "findings" and isinstance(old[key], list) and isinstance(new[key], list):
                    gone = [f for f in old[key] if f not in new[key]]
                    came = [f for f in new[key] if f not in old[key]]
                    differences.append(f"{doc_id}: findings: -{gone[:3]} +{came[:3]}")
                else:
                    differences.append(f"{doc_id}: {key}: {str(old.get(key))[:300]!r} -> {str(new.get(key))[:300]!r}")
    for line in differences[:show]:
        print(line)
    if len(differences) > show:
        print(f"... and {len(differences) - show} more")
    return by_corpus


def chosen_corpora(parser: argparse.ArgumentParser, parts: str, known: Iterable[str], folder: Path) -> list[str]:
    """The corpora ``--parts`` names, in its order; a usage error for a name not in ``known`` or a ``--corpora``
    folder that is not there."""
    corpora = [name for name in parts.split(",") if name]
    unknown = set(corpora) - set(known)
    if unknown:
        parser.error(f"unknown corpus {sorted(unknown)[0]!r}")
    if not folder.is_dir():
        parser.error(f"--corpora {folder}: no such folder")
    return corpora


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD", help="git revision before the change (default HEAD)")
    parser.add_argument("--head", default=".", help="git revision after the change, or . for the working tree")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--parts", default=",".join(CORPORA), help="which corpora, comma-separated: " + ", ".join(CORPORA))
    parser.add_argument("--every", type=int, default=1, help="keep every Nth document of each corpus")
    parser.add_argument("--jobs", type=int, default=2, choices=(1, 2))
    parser.add_argument("--show", type=int, default=40, help="differences to print")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # internal: the tree to dump from
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpora = chosen_corpora(parser, args.parts, CORPORA, args.corpora)
    if args.dump:
        dump(args.dump, args.corpora, corpora, args.every, args.out)
        return 0

    WORK.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="parity-", dir=WORK))
    trees = {label: _tree(revision, scratch, label) for label, revision in (("base", args.base), ("head", args.head))}
    outs = {label: scratch / f"{label}.jsonl" for label in trees}
    try:
        started = time.monotonic()
        command = [sys.executable, __file__, "--corpora", str(args.corpora), "--parts", ",".join(corpora), "--every", str(args.every)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        running = []
        for label, tree in trees.items():
            process = subprocess.Popen([*command, "--dump", str(tree), "--out", str(outs[label])], env=env)
            if args.jobs == 1:
                process.wait()
            running.append(process)
        if any(process.wait() for process in running):
            print("a dump failed", file=sys.stderr)
            return 2
        by_corpus = compare(_load(outs["base"]), _load(outs["head"]), args.show)
    finally:
        for tree in trees.values():
            if tree != ROOT:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    print(f"\nbase {args.base}, head {args.head}, every {args.every}; {time.monotonic() - started:.0f} s\n")
    print("| corpus | documents | findings (head) | fixed, safe | fixed, unsafe | different |")
    print("|---|---:|---:|---:|---:|---:|")
    for corpus, counts in by_corpus.items():
        print(f"| {corpus} | {' | '.join(f'{value:,}' for value in counts.values())} |")
    return 1 if any(counts["different"] for counts in by_corpus.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
