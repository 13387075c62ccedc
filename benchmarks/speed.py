"""Speed of copyedit against its peers, measured side by side in one run.

For the corpus (default ``../shared/corpora/clean-news-bbc/articles``) it measures, each as the
median of ``--runs`` runs with reading the files included:

- ``check`` and ``fix`` with all built-in packs;
- ``check`` and ``fix`` with generated glossaries of 10, 100, 1,000 and 10,000 terms
  (``glossary_gen.py``, 1 % of the terms sampled from the corpus; plus 10,000 terms with
  10 % sampled, to show the cost per finding);
- the floor for each glossary: one pass of a pre-compiled pyahocorasick automaton;
- textlint + textlint-rule-prh with the same glossary (``benchmarks/textlint``; one run each,
  and over a sample of the files when a full run would exceed ``--textlint-budget`` seconds);
- CLI cold start, peak memory for few and for all files, and ``lint --jobs 1`` vs ``--jobs 2``
  when the ``copyedit lint`` command exists.

It prints a Markdown section and, with ``--append FILE``, appends it to ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/speed.py --append benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import ahocorasick

import copyedit
from copyedit import Config
from copyedit.engine import ruleset_for
from copyedit.rules import builtin_packs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "clean-news-bbc" / "articles"
TEXTLINT = HERE / "textlint" / "node_modules" / ".bin" / "textlint"

sys.path.insert(0, str(HERE))
import glossary_gen  # noqa: E402  (a sibling script, not an installed module)


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float  # median
    runs: int
    megabytes: float
    articles: int
    findings: int | None = None
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    def row(self) -> str:
        found = "" if self.findings is None else f"{self.findings:,}"
        return (
            f"| {self.label} | {self.seconds:.2f} | {self.mb_per_s:.2f} | {self.articles_per_s:,.0f} | {found} "
            f"| {self.runs} | {self.note} |"
        )


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        raise SystemExit(f"{corpus}: no .txt articles found (is ../shared next to the project?)")
    return files


def megabytes(files: Sequence[Path]) -> float:
    return sum(path.stat().st_size for path in files) / 1e6


def median_time(work: Callable[[], int], runs: int) -> tuple[float, int]:
    """Median wall time of ``runs`` calls, and what the last call returned (a count)."""
    times = []
    count = 0
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        count = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def copyedit_work(files: Sequence[Path], config: Config, mode: str) -> Callable[[], int]:
    run = copyedit.check if mode == "check" else copyedit.fix

    def work() -> int:
        found = 0
        for path in files:
            result = run(path.read_text(encoding="utf-8"), config=config)
            found += len(result.findings) if mode == "check" else sum(len(f.edits) for f in result.applied)
        return found

    return work


def floor_work(files: Sequence[Path], terms: Sequence[str]) -> Callable[[], int]:
    """Reading the files plus one pass of an automaton built beforehand: the least any tool
    that finds these terms must spend."""
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term.lower(), len(term))
    automaton.make_automaton()

    def work() -> int:
        found = 0
        for path in files:
            for _ in automaton.iter(path.read_text(encoding="utf-8").lower()):
                found += 1
        return found

    return work


def textlint_run(files: Sequence[Path], prh: Path, timeout: float) -> tuple[float, int]:
    """One textlint + prh run over ``files``: seconds and the number of messages."""
    config = WORK / f"textlintrc-{prh.stem}.json"
    config.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}), encoding="utf-8")
    command = [str(TEXTLINT), "--config", str(config), "--format", "json", *map(str, files)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=WORK)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"textlint failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds, sum(len(item["messages"]) for item in json.loads(done.stdout))


def ensure_textlint() -> str | None:
    """Install textlint + prh into benchmarks/textlint (ignored by git); None when ready."""
    if TEXTLINT.exists():
        return None
    if shutil.which("npm") is None:
        return "npm not found: textlint skipped"
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund"], cwd=HERE / "textlint", capture_output=True, text=True
    )
    return None if done.returncode == 0 and TEXTLINT.exists() else f"npm install failed: {done.stderr[-300:]}"


def glossary_files(size: int, share: float, corpus: Path) -> tuple[Path, Path, list[str]]:
    name = f"{size}" if share == 0.01 else f"{size}-share{share:g}"
    rule_path, prh_path = WORK / f"glossary-{name}.yml", WORK / f"prh-{name}.yml"
    pairs = glossary_gen.glossary(size, corpus, share, seed=7)
    rule_path.write_text(glossary_gen.rule_yaml(pairs, "G001"), encoding="utf-8")
    prh_path.write_text(glossary_gen.prh_yaml(pairs), encoding="utf-8")
    return rule_path, prh_path, list(pairs)


def median_command(command: Sequence[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(files_list: Path, count: int) -> float:
    """Peak RSS of a fresh process that checks the first ``count`` files with the built-in packs."""
    done = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(count), "--files-list", str(files_list)],
        capture_output=True, text=True, check=True,
    )
    return float(done.stdout.strip())


def memory_probe(files_list: Path, count: int) -> None:
    for line in files_list.read_text(encoding="utf-8").splitlines()[:count]:
        copyedit.fix(Path(line).read_text(encoding="utf-8"))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (3)")
    parser.add_argument("--terms", default="10,100,1000,10000", help="glossary sizes (10,100,1000,10000)")
    parser.add_argument("--textlint-budget", type=float, default=120.0,
                        help="seconds a full textlint run may take; above it a sample of the files is used (120)")
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--append", type=Path, help="append the Markdown section to this file")
    parser.add_argument("--memory-probe", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--files-list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe is not None:
        memory_probe(args.files_list, args.memory_probe)
        return 0
    WORK.mkdir(exist_ok=True)
    files = corpus_files(args.corpus)
    size = megabytes(files)
    count = len(files)
    command = "python benchmarks/speed.py " + " ".join(argv if argv is not None else sys.argv[1:])
    out: list[str] = []
    say = out.append
    say(f"\n## Speed — {datetime.date.today().isoformat()}\n")
    say(f"- machine: {machine()}")
    say(f"- commit: {commit()}")
    say(f"- command: `{command.strip()}`")
    say(f"- corpus: `{args.corpus}` — {count:,} articles, {size:.2f} MB; times include reading the files; "
        f"medians of {args.runs} runs unless the table says otherwise")
    print("\n".join(out), flush=True)
    table: list[Timing] = []

    def measure(label: str, work: Callable[[], int], runs: int = args.runs, note: str = "") -> Timing:
        seconds, found = median_time(work, runs)
        timing = Timing(label, seconds, runs, size, count, found, note)
        table.append(timing)
        print(timing.row(), flush=True)
        return timing

    builtin = Config()
    start = time.perf_counter()
    ruleset_for(builtin)
    builtin_compile = time.perf_counter() - start
    check_builtin = measure("copyedit check, built-in packs", copyedit_work(files, builtin, "check"))
    measure("copyedit fix, built-in packs", copyedit_work(files, builtin, "fix"), note="count = applied edits")
    packs = builtin_packs()
    if "qa" in packs:
        # The translation-QA pack (language detection, source comparison) is the newest and the
        # costliest; its share is shown by measuring the others alone.
        others = Config(packs=tuple(p for p in packs if p != "qa"))
        measure("copyedit check, built-in packs except qa", copyedit_work(files, others, "check"))

    textlint_problem = None if not args.skip_textlint else "skipped (--skip-textlint)"
    if textlint_problem is None:
        textlint_problem = ensure_textlint()
    sizes = [int(s) for s in args.terms.split(",")]
    variants = [(n, 0.01) for n in sizes] + ([(max(sizes), 0.1)] if sizes else [])
    per_size: dict[tuple[int, float], dict[str, Timing]] = {}
    compile_seconds: dict[tuple[int, float], float] = {}
    for terms, share in variants:
        rule_path, prh_path, term_list = glossary_files(terms, share, args.corpus)
        name = f"{terms:,} terms" + ("" if share == 0.01 else f", {share:.0%} from the corpus")
        config = Config(packs=(), rule_paths=(str(rule_path),))
        start = time.perf_counter()
        ruleset_for(config)
        compile_seconds[(terms, share)] = time.perf_counter() - start
        row = {
            "check": measure(f"copyedit check, {name}", copyedit_work(files, config, "check")),
            "fix": measure(f"copyedit fix, {name}", copyedit_work(files, config, "fix"), note="count = applied edits"),
            "floor": measure(f"floor (pyahocorasick), {name}", floor_work(files, term_list), note="raw matches"),
        }
        if textlint_problem is None and share == 0.01:
            row["textlint"] = measure_textlint(files, prh_path, name, args.textlint_budget, table, size, count)
        per_size[(terms, share)] = row

    say("\n| what | seconds | MB/s | articles/s | findings | runs | note |")
    say("|---|---:|---:|---:|---:|---:|---|")
    out.extend(timing.row() for timing in table)
    say("")
    say(f"- rule compile (once per configuration, cached): built-in packs {builtin_compile:.2f} s; "
        + ", ".join(f"{t:,} terms{'' if s == 0.01 else f' ({s:.0%})'} {sec:.2f} s" for (t, s), sec in compile_seconds.items())
        + " (user rule files include verifying their examples)")
    if sizes:
        smallest, largest = per_size[(min(sizes), 0.01)], per_size[(max(sizes), 0.01)]
        ratio = largest["check"].seconds / smallest["check"].seconds
        say(f"- cost of `check` at {max(sizes):,} terms / at {min(sizes):,} terms: **{ratio:.2f}×** (goal ≤ 1.5×)")
        say(f"- `check` at {max(sizes):,} terms: **{largest['check'].mb_per_s:.1f} MB/s** on one core (goal ≥ 10); "
            f"{largest['check'].seconds / largest['floor'].seconds:.1f}× the floor (goal ≤ 3×)")
        if "textlint" in largest:
            tl = largest["textlint"]
            say(f"- textlint+prh at {max(sizes):,} terms: {tl.mb_per_s:.3f} MB/s; copyedit is "
                f"**{largest['check'].mb_per_s / tl.mb_per_s:,.0f}×** faster (goal ≥ 500×)")
            for terms in sizes:
                row = per_size[(terms, 0.01)]
                say(f"  - {terms:,} terms: copyedit check {row['check'].mb_per_s:.2f} MB/s, textlint "
                    f"{row['textlint'].mb_per_s:.3f} MB/s ({row['check'].mb_per_s / row['textlint'].mb_per_s:,.0f}×)")
    if textlint_problem:
        say(f"- textlint: {textlint_problem}")
    say(f"- all built-in packs ({', '.join(packs)}): **{check_builtin.mb_per_s:.2f} MB/s** on one core (goal ≥ 5)")
    say(f"- load average at the end of the run (other work on this machine): {os.getloadavg()[0]:.2f}")
    out.extend(cli_figures(files, args.runs))
    text = "\n".join(out) + "\n"
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


def measure_textlint(
    files: Sequence[Path], prh: Path, name: str, budget: float, table: list[Timing], size: float, count: int
) -> Timing:
    """One textlint run; over every 10th file first, and over all files only when the sample
    says a full run fits the budget (textlint with 10,000 prh terms takes minutes)."""
    sample = list(files[::10])
    sample_seconds, sample_found = textlint_run(sample, prh, timeout=budget * 2)
    if sample_seconds * 10 <= budget:
        seconds, found = textlint_run(files, prh, timeout=budget * 3)
        timing = Timing(f"textlint + prh, {name}", seconds, 1, size, count, found)
    else:
        timing = Timing(
            f"textlint + prh, {name}", sample_seconds, 1, megabytes(sample), len(sample), sample_found,
            f"every 10th file only (a full run would exceed {budget:.0f} s)",
        )
    table.append(timing)
    print(timing.row(), flush=True)
    return timing


def cli_figures(files: Sequence[Path], runs: int) -> list[str]:
    lines = []
    exe = Path(sys.executable).with_name("copyedit")
    if not exe.exists():
        return ["- CLI: the `copyedit` command is not installed in this environment; not measured"]
    cold_runs = max(runs, 5)
    lines.append(f"- CLI cold start `copyedit --version`: **{median_command([str(exe), '--version'], cold_runs):.3f} s** "
                 f"(median of {cold_runs}; goal ≤ 0.3 s); bare `python -c pass`: "
                 f"{median_command([sys.executable, '-c', 'pass'], cold_runs):.3f} s")
    if importlib.util.find_spec("copyedit.cli.lint") is None:
        lines.append("- CLI `copyedit lint`: the lint command does not exist yet; cold lint and --jobs not measured")
    else:
        small = min(files, key=lambda p: p.stat().st_size)
        lines.append(f"- CLI `copyedit lint` on one small file ({small.stat().st_size:,} bytes): "
                     f"**{median_command([str(exe), 'lint', str(small)], cold_runs):.3f} s** (median of {cold_runs})")
        help_text = subprocess.run([str(exe), "lint", "--help"], capture_output=True, text=True).stdout
        if "--jobs" in help_text:
            folder = str(files[0].parent.parent)
            one = median_command([str(exe), "lint", "--jobs", "1", folder], runs)
            two = median_command([str(exe), "lint", "--jobs", "2", folder], runs)
            lines.append(f"- directory lint `copyedit lint --jobs 1` {one:.2f} s, `--jobs 2` {two:.2f} s: "
                         f"**{one / two:.2f}×** (goal ≥ 1.7×; medians of {runs})")
        else:
            lines.append("- `copyedit lint` has no --jobs option yet; not measured")
    files_list = WORK / "files.txt"
    files_list.write_text("\n".join(map(str, files)), encoding="utf-8")
    few, all_files = peak_memory_mb(files_list, 100), peak_memory_mb(files_list, len(files))
    lines.append(f"- peak memory (`fix` with the built-in packs, fresh process): {few:.0f} MB after 100 files, "
                 f"{all_files:.0f} MB after {len(files):,} files")
    return lines


if __name__ == "__main__":
    sys.exit(main())
