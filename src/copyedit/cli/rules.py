"""``copyedit rules``: list the rules, explain one, or run every rule's own examples.

An explanation has the shape of ruff's rule pages: what it does, why it matters, an example
and what to use instead, how safe its fix is, and what the rule measured on real text.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
from typing import Any

import regex

from ..checks import resolve_check
from ..config import Config
from ..engine import example_failures, loaded_rules, rules_to_test
from ..errors import CopyeditError
from ..evidence import SAFE_JUDGED, SAFE_PRECISION
from ..kinds.base import Example
from ..kinds.python import PythonOptions, check_options
from ..reporting.text import terminal_safe
from ..rules import Rule
from ..settings import SettingsResolver
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

# Format characters (zero-width spaces, joiners, marks) and every space but the plain one: invisible in a terminal
_INVISIBLE = regex.compile(r"[\p{Cf}\p{Zs}\p{Zl}\p{Zp}--[ ]]", regex.VERSION1)

FIX_SAFETY = {
    "safe": "Safe: applied by `copyedit lint --fix`.",
    "unsafe": "Unsafe: applied only with `--fix --unsafe-fixes`, because it may change the meaning; review it.",
    "display-only": "Display only: the suggestion is shown, never applied.",
    None: "No automatic fix: an editor has to decide.",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("codes", nargs="*", metavar="CODE", help="explain these rules (a code, prefix, name or pack)")
    parser.add_argument("--test", action="store_true", help="run every rule's examples; exit 1 if one fails")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--rules", action="append", metavar="PATH", default=[], help="an extra rule file or folder (repeatable)")
    parser.add_argument("--config", metavar="FILE", help="take packs and rule files from this configuration file")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def available_rules(args: argparse.Namespace) -> list[Rule]:
    """Every rule the configuration loads (selection and the articles' language are ignored: this lists what
    exists), with the configuration's severity and fix-safety overrides; with ``--test``, also the user rules
    whose examples fail (which cannot load otherwise)."""
    settings = SettingsResolver(args.config, args.isolated).for_folder(os.getcwd())
    config: Config = settings.config.replace(rule_paths=settings.config.rule_paths + tuple(os.path.abspath(p) for p in args.rules))
    every = rules_to_test(config) if args.test else loaded_rules(config)
    return sorted((config.overrides(rule) for rule in every), key=lambda rule: rule.code)


def explain(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name} ({rule.pack}, {rule.kind}, {rule.severity.value})", ""]
    reports = rule.message.replace("{match}", "…").replace("{replacement}", "…")
    lines += ["What it reports", f"  {reports}", "", "Why", f"  {rule.why}", ""]
    if rule.language:
        lines += ["Runs on", f"  articles in {', '.join(rule.language)} (Config.language; language:)", ""]
    if rule.superseded_by:
        not_done = "Not reported or fixed" if rule.applicability is not None else "Not reported"
        lines += [not_done, f"  in a document where {', '.join(rule.superseded_by)} reports something (superseded_by)", ""]
    for example in rule.examples:
        if example.bad is not None:
            lines += ["Example", *_shown(example.bad), *_source_line(example)]
            if example.good is not None:
                lines += ["Use instead", *_shown(example.good)]
            lines.append("")
    oks = [example for example in rule.examples if example.ok is not None]
    if oks:
        lines += ["Left alone"] + [line for ok in oks for line in (*_shown(ok.ok), *_source_line(ok))] + [""]
    options = option_lines(rule)
    if options:
        lines += ["Options", *options, ""]
    fix = rule.applicability.value if rule.applicability else None
    lines += ["Fix safety", f"  {FIX_SAFETY[fix]}"]
    if rule.lossless:
        lines.append("  Lossless by construction: only repairs that round-trip exactly are applied.")
    lines += ["", *measured_lines(rule)]
    if rule.link:
        lines += ["", f"More: {rule.link}"]
    lines += ["", f"Defined in {rule.path}:{rule.line}"]
    return "\n".join(lines) + "\n"


def _shown(text: str | None) -> list[str]:
    r"""An example's lines, each indented under its heading, with what a terminal would not show named: control
    characters as their pictures, invisible and unusual spaces by their code point.

    >>> _shown("The the\u200b talks.\n\nLeave a\u00a0Reply\r\n")
    ['  The the⟨U+200B⟩ talks.', '', '  Leave a⟨U+00A0⟩Reply␍', '']
    """
    shown = _INVISIBLE.sub(lambda found: f"⟨U+{ord(found.group()):04X}⟩", terminal_safe(text or "", multiline=True))
    return [f"  {line}" if line else "" for line in shown.split("\n")]


def _source_line(example: Example) -> list[str]:
    """The source an example of a check against the source is translated from."""
    if example.source is None:
        return []
    return [f"  (source{f', {example.source_lang}' if example.source_lang else ''}: {example.source})"]


def rule_options(rule: Rule) -> dict[str, tuple[Any, bool]]:
    """A check's options (``kind: python``): the value this rule gives each, or the check's default, and
    whether it is the default."""
    if not isinstance(rule.options, PythonOptions):
        return {}
    try:
        check = resolve_check(rule.options.check)
    except ValueError:
        return {}
    given = rule.options.options
    return {
        name: (given[name], False) if name in given else (parameter.default, True)
        for name, parameter in check_options(check).items()
        if name in given or parameter.default is not inspect.Parameter.empty
    }


def option_lines(rule: Rule) -> list[str]:
    return [
        f"  {name}: {json.dumps(value, ensure_ascii=False)}{' (the check’s default)' if default else ''}"
        for name, (value, default) in rule_options(rule).items()
    ]


def measured_lines(rule: Rule) -> list[str]:
    """What the rule measured on real text (the ``measured:`` block the accuracy harness writes)."""
    m = rule.measured
    if m is None:
        return ["Measured on real text", "  Not measured: no evidence for its fix safety or severity."]
    shown = m.precision()
    lines = [f"Measured on real text (benchmarks/accuracy, {m.date}, commit {m.commit})"]
    lines.append(f"  Precision: {shown[0]:.2f} ({shown[1]})" if shown else "  Precision: not measurable on these corpora")
    if m.agree or m.disagree or m.other:
        lines.append(
            f"  Fixes: {m.agree} made as the human did, {m.disagree} where the human kept the text, {m.other} rewritten"
            f" otherwise; safe needs >= {SAFE_PRECISION} over >= {SAFE_JUDGED} judged"
        )
    lines.append(f"  Visible edits on human text: {m.human_visible_edits_per_100k_words:g} per 100,000 words")
    if m.flags_per_1k_words_mt is not None or m.flags_per_1k_words_human is not None:
        lines.append(
            f"  Flags per 1,000 words: {m.flags_per_1k_words_mt or 0:g} on MT, {m.flags_per_1k_words_human or 0:g}"
            " on human translations of the same documents"
        )
    if m.postedit_judged or m.postedit_flags_on_post_edits:
        lines.append(
            f"  Post-edits (checked with their sources): of {m.postedit_judged} MT sentences it flagged, the"
            f" post-editors repaired {m.postedit_repaired} and kept {m.postedit_kept};"
            f" {m.postedit_flags_on_post_edits} flags on the post-edits"
        )
    if m.mqm_flags:
        targeted = "—" if m.mqm_precision_targeted is None else f"{m.mqm_precision_targeted:.2f}"
        lines.append(
            f"  MQM: {m.mqm_flags} flags; the share on rated errors of its categories {targeted}, "
            f"on any rated error {m.mqm_precision_any or 0:.2f}"
        )
    return lines


def listing(rules: list[Rule]) -> str:
    """One line per rule: code, severity, fix safety, measured precision, pack, name."""
    width = max((len(rule.name) for rule in rules), default=0)
    rows = []
    for rule in rules:
        shown = rule.measured.precision() if rule.measured else None
        precision = f"{shown[0]:.2f}" if shown else "-"
        rows.append(
            f"{rule.code:<6} {rule.severity.value:<7} {(rule.applicability.value if rule.applicability else '-'):<12} "
            f"{precision:<5} {rule.pack:<12} {rule.name:<{width}}"
        )
    return "\n".join(row.rstrip() for row in rows) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        rules = available_rules(args)
    except CopyeditError as error:
        print(f"copyedit: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.codes:
        from ..config import matches

        chosen = [rule for rule in rules if any(matches(code, rule) for code in args.codes)]
        missing = [code for code in args.codes if not any(matches(code, rule) for rule in rules)]
        if missing:
            print(f"copyedit: error: no rule matches {missing[0]!r} (see `copyedit rules`)", file=sys.stderr)
            return EXIT_ERROR
        rules = chosen
    if args.test:
        return _test(rules, args.format)
    if args.format == "json":
        described = [
            {**rule.describe(), "options": {name: value for name, (value, _) in rule_options(rule).items()}} for rule in rules
        ]
        print(json.dumps(described, ensure_ascii=False, indent=2))
    elif args.codes:
        print("\n".join(explain(rule) for rule in rules), end="")
    else:
        print(listing(rules), end="")
    return EXIT_OK


def _test(rules: list[Rule], output_format: str) -> int:
    failures = [failure for rule in rules for failure in example_failures(rule)]
    examples = sum(len(rule.examples) for rule in rules)
    if output_format == "json":
        records = [{"path": f.rule.path, "line": f.line, "code": f.rule.code, "problem": f.problem} for f in failures]
        print(json.dumps({"rules": len(rules), "examples": examples, "failures": records}, ensure_ascii=False, indent=2))
    else:
        for failure in failures:
            print(failure)
        status = "all passed" if not failures else f"{len(failures)} failed"
        print(f"{len(rules)} rules, {examples} examples: {status}")
    return EXIT_FINDINGS if failures else EXIT_OK
