"""Rules as data: loading and validating YAML rule files.

A rule file holds one rule. The keys every rule has are in ``COMMON_KEYS`` and are read here;
the rule's kind (:data:`copyedit.kinds.KINDS`) names its own keys and reads them into its typed
options. Anything else is an error that names the file, the line and the rule, so a typo never
silently disables a check.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, cast

import regex

from .errors import RuleError
from .evidence import parse_measured
from .kinds import KINDS
from .kinds.base import DOCUMENT_FORMATS, Example, LineMap, Origin, Rule
from .kinds.prefilter import learn_readings, readings
from .languages import language_code
from .model import INTERNAL_CODE, Applicability, Severity

if TYPE_CHECKING:  # imported when a rule file is first read: the built-in packs usually come from the cache
    import yaml

__all__ = ["DOCUMENT_FORMATS", "Example", "Rule", "RuleFiles", "load_pack", "load_path", "load_rule_file", "parse_rule", "read_rule_files"]

CODE_PATTERN = regex.compile(r"[A-Z]{1,4}[0-9]{3}")
NAME_PATTERN = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

COMMON_KEYS = {
    "code": True,
    "name": True,
    "kind": True,
    "message": True,
    "why": True,
    "severity": False,
    "applicability": False,
    "examples": True,
    "source_lang": False,
    "language": False,
    "link": False,
    "formats": False,
    "lossless": False,
    "superseded_by": False,
    "measured": False,
}
EXAMPLE_KEYS = {"bad", "good", "ok", "format", "source", "source_lang"}


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader (its C version when there is one) that makes every mapping a :class:`LineMap`."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return Loader


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMap:
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            import yaml

            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        if key in result:  # YAML would keep the last silently: a glossary's first "swap:" block, lost
            import yaml

            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {result.lines[str(key)]})", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = key_node.start_mark.line + 1
    return result


def builtin_rules_dir() -> Path:
    return Path(str(resources.files("copyedit.packs")))


def builtin_packs() -> list[str]:
    root = builtin_rules_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def rule_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in (".yml", ".yaml") and p.is_file())
    return [path]


def load_pack(name: str) -> list[Rule]:
    folder = builtin_rules_dir() / name
    if not folder.is_dir():
        known = ", ".join(builtin_packs())
        raise RuleError(name, None, None, f"unknown rule pack {name!r} (built-in packs: {known})")
    return list(_builtin_rules()[name])


@functools.cache
def _builtin_rules() -> dict[str, list[Rule]]:
    """Every built-in pack's rules: from the user's cache when it has them (:mod:`copyedit.rule_cache`),
    else read from their files, and kept there for the next run."""
    from .rule_cache import read_packs, read_readings, write_packs

    root = builtin_rules_dir()
    cache = _builtin_cache()
    if cache is not None:
        kept_readings = read_readings(*cache)
        if kept_readings:
            learn_readings(kept_readings)
        kept = read_packs(*cache)
        if kept is not None and all(isinstance(rule, Rule) for rules in kept.values() for rule in rules):
            return cast(dict[str, list[Rule]], kept)
    packs = {
        name: [load_rule_file(path, pack=name, builtin=True) for path in rule_files(root / name)] for name in builtin_packs()
    }
    if cache is not None:
        write_packs(*cache, packs)
    return packs


@functools.cache
def _builtin_cache() -> tuple[Path, str] | None:
    """The folder of the built-in packs' cache and the fingerprint they are kept under; None when it is off."""
    from .rule_cache import cache_dir, package_fingerprint

    folder = cache_dir()
    return None if folder is None else (folder, package_fingerprint())


_readings_made_when_kept = 0


def keep_pattern_readings() -> None:
    """Keep the prefilter's readings of patterns for the next run, beside the built-in packs, when this
    process made readings it had not learnt (a first run, new rules); a compiled rule set calls it."""
    global _readings_made_when_kept
    from .rule_cache import write_readings

    cache = _builtin_cache()
    known, made = readings()
    if cache is None or made == _readings_made_when_kept:
        return
    write_readings(*cache, known)
    _readings_made_when_kept = made


def load_path(path: str | Path) -> list[Rule]:
    """Rules from a user file or folder (the pack is named after the folder or the file)."""
    return read_rule_files(path).parse()


@dataclass(frozen=True)
class RuleFiles:
    """A user rule file or folder as read: the pack it makes, each file and its text, and a digest of
    where they were read from and what they said (each file read once: the digest is of what is parsed)."""

    pack: str
    texts: tuple[tuple[Path, str], ...]
    digest: str

    def parse(self) -> list[Rule]:
        return [parse_rule(text, str(file), self.pack) for file, text in self.texts]


def kept_rules(files: RuleFiles) -> list[Rule] | None:
    """The rules of ``files`` as the rule cache kept them once their examples passed; None when it did not
    (or the cache is off)."""
    from .rule_cache import cache_dir, package_fingerprint, read_user_rules

    folder = cache_dir()
    kept = read_user_rules(folder, package_fingerprint(), files.digest) if folder is not None else None
    if kept is None:
        return None
    rules = [rule for rule in kept if isinstance(rule, Rule)]
    return rules if len(rules) == len(kept) else None


def read_rule_files(path: str | Path) -> RuleFiles:
    """Read the rule files of a user file or folder (the pack is named after the folder or the file)."""
    import hashlib

    path = Path(path)
    if not path.exists():
        problem = "a symbolic link that leads nowhere (or round in a loop)" if path.is_symlink() else "no such rule file or folder"
        raise RuleError(str(path), None, None, problem)
    # The path as given is in the digest too: a rule remembers it for its errors.
    digest = hashlib.sha256(f"{path}\0".encode())
    texts = []
    for file in rule_files(path):
        text = _rule_text(file)
        digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}\0{text}\0".encode())
        texts.append((file, text))
    if not texts:  # a folder named by mistake (or a typo'd one that exists) would add no rule, silently
        raise RuleError(str(path), None, None, "a rule folder with no rule files (*.yml, *.yaml) in it")
    return RuleFiles(path.name if path.is_dir() else path.stem, tuple(texts), digest.hexdigest())


def load_rule_file(path: Path, pack: str, *, builtin: bool = False) -> Rule:
    return parse_rule(_rule_text(path), str(path), pack, builtin=builtin)


def _rule_text(path: Path) -> str:
    from .files import read_named_text, reading_problem

    try:
        return read_named_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(str(path), None, None, reading_problem(path, error)) from None


def parse_rule(text: str, path: str, pack: str, *, builtin: bool = False) -> Rule:
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise RuleError(path, line, None, f"invalid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, LineMap):
        raise RuleError(path, 1, None, "a rule file must hold one mapping (code, name, kind, ...)")
    return _build_rule(data, path, pack, builtin)


def _build_rule(data: LineMap, path: str, pack: str, builtin: bool = False) -> Rule:
    code = data.get("code")
    code_str = code if isinstance(code, str) else None

    def fail(problem: str, key: str | None = None, line: int | None = None) -> RuleError:
        return RuleError(path, line or (data.lines.get(key) if key else data.line), code_str, problem)

    if code_str is None or not CODE_PATTERN.fullmatch(code_str):
        raise fail(f"'code' must be a prefix of 1-4 capitals and 3 digits (e.g. TR101), not {code!r}", "code")
    if INTERNAL_CODE.fullmatch(code_str):
        raise fail(f"'code' {code_str} is of the engine's own findings (X001, X002): choose another prefix", "code")
    kind = data.get("kind")
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})", "kind")
    allowed = {**COMMON_KEYS, **KINDS[kind].keys}
    for key in data:
        if key not in allowed:
            raise fail(f"unknown key {key!r} for kind {kind}", str(key))
    for key, required in allowed.items():
        if required and key not in data:
            raise fail(f"missing required key {key!r}")
    name = data["name"]
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise fail(f"'name' must be lower-case words joined by hyphens, not {name!r}", "name")
    for key in ("message", "why"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(f"{key!r} must be a non-empty string", key)
    try:
        severity = Severity(data.get("severity", "warning"))
    except ValueError:
        raise fail("'severity' must be error, warning or info", "severity") from None
    applicability = None
    if "applicability" in data:
        try:
            applicability = Applicability(data["applicability"])
        except ValueError:
            raise fail("'applicability' must be safe, unsafe or display-only", "applicability") from None
    source_lang = _languages(data, "source_lang", fail)
    language = _languages(data, "language", fail)
    formats = data.get("formats", list(DOCUMENT_FORMATS))
    if not isinstance(formats, list) or not formats or not set(formats) <= set(DOCUMENT_FORMATS):
        raise fail(f"'formats' must be a list of document formats ({', '.join(DOCUMENT_FORMATS)})", "formats")
    formats = tuple(formats)
    examples = _build_examples(data, fail)
    lossless = data.get("lossless", False)
    if not isinstance(lossless, bool):
        raise fail("'lossless' must be true or false", "lossless")
    superseded_by = data.get("superseded_by", [])
    superseded_by = [superseded_by] if isinstance(superseded_by, str) else superseded_by
    if not isinstance(superseded_by, list) or not all(isinstance(c, str) and CODE_PATTERN.fullmatch(c) for c in superseded_by):
        raise fail("'superseded_by' must be a rule code or a list of them", "superseded_by")
    link = data.get("link")
    if link is not None and not (isinstance(link, str) and link.strip()):
        raise fail("'link' must be the address of the rule's documentation, as text", "link")
    message = data["message"]
    unknown = {name for name in regex.findall(r"\{([^{}]*)\}", message) if name not in ("match", "replacement")} if isinstance(message, str) else set()
    if unknown:
        raise fail(f"'message' may hold {{match}} and {{replacement}}, not {{{sorted(unknown)[0]}}}", "message")
    measured = None
    if "measured" in data:
        try:
            measured = parse_measured(data["measured"])
        except ValueError as error:
            raise fail(str(error), "measured") from None
    try:
        options = KINDS[kind].parse({key: data[key] for key in KINDS[kind].keys if key in data}, Origin(path, code_str, builtin=builtin))
        if options.fixes(applicability) and applicability is None:
            raise ValueError("a rule that can fix must say its fix safety: 'applicability: safe|unsafe|display-only'", "kind")
    except ValueError as error:
        where = error.args[1] if len(error.args) > 1 else None  # the key, or the line, of the problem
        raise fail(str(error.args[0]), where if isinstance(where, str) else None, where if isinstance(where, int) else None) from None
    return Rule(
        code=code_str,
        name=name,
        kind=kind,
        message=data["message"].strip(),
        why=" ".join(data["why"].split()),
        severity=severity,
        applicability=applicability,
        examples=examples,
        pack=pack,
        path=path,
        line=data.line,
        options=options,
        source_lang=source_lang,
        language=language,
        link=link,
        formats=formats,
        lossless=lossless,
        superseded_by=tuple(superseded_by),
        measured=measured,
    )


def _languages(data: LineMap, key: str, fail: Any) -> tuple[str, ...]:
    """A rule's ``source_lang`` or ``language``: a language code or a list of them, each read as a document's
    language is ("pt-BR" is pt); none when the key is absent."""
    codes = data.get(key, [])
    codes = [codes] if isinstance(codes, str) else codes
    if isinstance(codes, list):
        try:
            return tuple(language_code(code) for code in codes)
        except ValueError:
            pass
    raise fail(f"{key!r} must be a language code or a list of them", key)


def _build_examples(data: LineMap, fail: Any) -> tuple[Example, ...]:
    raw = data["examples"]
    if not isinstance(raw, list) or not raw:
        raise fail("'examples' must be a non-empty list of {bad, good} or {ok} items", "examples")
    examples = []
    for item in raw:
        line: int = getattr(item, "line", None) or data.lines.get("examples") or data.line
        if not isinstance(item, dict) or not item:
            raise fail("each example is a mapping with bad/good or ok", line=line)
        unknown = set(item) - EXAMPLE_KEYS
        if unknown:
            raise fail(f"unknown example key {sorted(unknown)[0]!r}", line=line)
        if not all(isinstance(v, str) for v in item.values()):
            raise fail("example texts must be strings", line=line)
        if "ok" in item and ("bad" in item or "good" in item):
            raise fail("an example is either bad (with an optional good) or ok, not both", line=line)
        if "good" in item and "bad" not in item:
            raise fail("'good' needs the 'bad' text it corrects", line=line)
        examples.append(
            Example(
                item.get("bad"), item.get("good"), item.get("ok"), item.get("format", "text"), line,
                item.get("source"), item.get("source_lang"),
            )
        )
    if not any(e.bad is not None for e in examples) or not any(e.ok is not None for e in examples):
        raise fail("a rule needs at least one 'bad' example and one 'ok' example", "examples")
    return tuple(examples)


def check_unique(rules: Iterable[Rule]) -> None:
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in seen:
            raise RuleError(rule.path, rule.line, rule.code, f"code already used by {seen[rule.code].path}")
        if rule.name in names:
            raise RuleError(rule.path, rule.line, rule.code, f"name {rule.name!r} already used by {names[rule.name].code}")
        seen[rule.code] = rule
        names[rule.name] = rule
