"""Glossary import: a CSV or TBX-Basic termbase becomes a substitution rule with examples.

- CSV: columns ``source, target, forbidden, note`` (a header row with those names is
  optional); ``forbidden`` lists the variants to replace, separated by ``;`` or ``|``.
- TBX (ISO 30042, TBX-Basic, v2 ``termEntry/langSet/tig`` or v3 ``conceptEntry/langSec/termSec``):
  in each entry, the target-language terms marked deprecated or superseded
  (``administrativeStatus``) become substitutions to the preferred (or first admitted) term.

The rule is checked like any user rule before it is written: its examples must pass.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError
from ..files import describe_os_error, read_named_text, reading_problem, write_atomically
from ..languages import language_code

CSV_COLUMNS = ("source", "target", "forbidden", "note")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded", "notrecommended"}
_PREFERRED = {"preferredterm-admn-sts", "preferred"}


@dataclass(frozen=True)
class GlossaryEntry:
    source: str
    target: str
    forbidden: tuple[str, ...]
    note: str
    line: int


def read_csv(text: str, name: str = "<csv>") -> list[GlossaryEntry]:
    """Entries of a CSV glossary; a malformed row is an :class:`InputError` naming its line.

    >>> [e.forbidden for e in read_csv("source,target,forbidden,note\\nхокимият,administration,mid-government;municipality,\\n")]
    [('mid-government', 'municipality')]
    """
    reader = csv.reader(io.StringIO(text), strict=True)
    entries = []
    first_row = True
    columns: list[str] | None = None  # the header's column names, when the first row is one
    next_line = 1  # the line the next row starts on (a quoted cell may run over several)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # "unexpected end of data": a quotation mark left open
            hint = " (a quotation mark left open?)" if "end of data" in str(error) else ""
            raise InputError(f"{name}:{next_line}: {error}{hint}") from None
        number, next_line = next_line, reader.line_num + 1
        if any("\n" in cell or "\r" in cell for cell in row):  # a term holds no line break: a quote left open
            raise InputError(f"{name}:{number}: a cell runs over several lines (a quotation mark left open?)")
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if first_row:
            first_row = False
            columns = _header(cells, name, number)
            if columns is not None:
                continue
        if columns is not None:  # read by the header's names, in any order
            if len(cells) > len(columns) and any(cells[len(columns):]):
                raise InputError(f"{name}:{number}: {len(cells)} cells, but the header names {len(columns)} columns")
            cells += [""] * (len(columns) - len(cells))
            named = dict(zip(columns, cells))
            source, target, forbidden, note = (named.get(column, "") for column in CSV_COLUMNS)
        else:
            if not 2 <= len(cells) <= 4:
                raise InputError(f"{name}:{number}: expected 2 to 4 columns (source, target, forbidden, note), found {len(cells)}")
            cells += [""] * (4 - len(cells))
            source, target, forbidden, note = cells
        if not target:
            raise InputError(f"{name}:{number}: the target term is empty")
        variants = tuple(v.strip() for v in forbidden.replace("|", ";").split(";") if v.strip())
        entries.append(GlossaryEntry(source, target, variants, note, number))
    return entries


def _header(cells: list[str], name: str, number: int) -> list[str] | None:
    """The column names of a header row (``source``/``target`` among them, any case, any order), or None for a
    row of terms. A header that names another column or no ``target`` is an :class:`InputError`: its rows
    cannot be read.

    >>> _header(["Source", "Target", "Note"], "g.csv", 1), _header(["Киев", "Kyiv"], "g.csv", 1)
    (['source', 'target', 'note'], None)
    """
    lowered = [cell.lower() for cell in cells]
    if "source" not in lowered and "target" not in lowered:
        return None
    unknown = [cell for cell, low in zip(cells, lowered) if low not in CSV_COLUMNS]
    if unknown or "target" not in lowered or len(set(lowered)) != len(lowered):
        problem = f"unknown column {unknown[0]!r}" if unknown else "no target column" if "target" not in lowered else "a column named twice"
        raise InputError(f"{name}:{number}: a header row: {problem} (the columns are source, target, forbidden, note)")
    return lowered


def _parse_with_lines(text: str, name: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse XML, remembering the line each element starts on (for error messages)."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    lines: dict[int, int] = {}
    root: ET.Element | None = None
    try:
        for number, line in enumerate(text.splitlines(keepends=True), 1):
            parser.feed(line)
            for event in parser.read_events():  # ("start", element): the only events asked for
                element = event[-1]
                if not isinstance(element, ET.Element):  # never
                    continue
                lines[id(element)] = number
                root = element if root is None else root
        parser.close()
    except ET.ParseError as error:
        raise InputError(f"{name}:{error.position[0]}: not well-formed XML: {error}") from None
    if root is None:
        raise InputError(f"{name}:1: empty TBX file")
    return root, lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_tbx(text: str, lang: str = "en", name: str = "<tbx>", every: bool = False) -> list[GlossaryEntry]:
    """Entries of a TBX-Basic file for the target language ``lang``: those with deprecated terms to
    replace, or (``every``) every entry with a source term and a ``lang`` term (key terms).

    >>> tbx = '''<tbx><text><body><termEntry>
    ... <langSet xml:lang="ru"><tig><term>хокимият</term></tig></langSet>
    ... <langSet xml:lang="en"><tig><term>administration</term>
    ...   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    ... <tig><term>mid-government</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    ... </langSet></termEntry></body></text></tbx>'''
    >>> [(e.source, e.target, e.forbidden) for e in read_tbx(tbx)]
    [('хокимият', 'administration', ('mid-government',))]
    """
    try:
        lang = language_code(lang)  # "en-GB" and "EN" are English, as a langSet's "en-GB" is
    except ValueError as error:
        raise InputError(f"lang {error}") from None
    root, lines = _parse_with_lines(text, name)
    entries = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        line = lines.get(id(entry), 0)
        preferred, admitted, deprecated, source_terms = [], [], [], []
        for lang_set in entry:
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            set_lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
            if not set_lang:
                raise InputError(f"{name}:{lines.get(id(lang_set), line)}: {_local(lang_set.tag)} without xml:lang")
            for term_group in lang_set:
                if _local(term_group.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term = next((e.text or "" for e in term_group.iter() if _local(e.tag) == "term"), "").strip()
                if not term:
                    raise InputError(f"{name}:{lines.get(id(term_group), line)}: a term group without a term")
                status = next(
                    ((e.text or "").strip().lower() for e in term_group.iter()
                     if _local(e.tag) == "termNote" and e.get("type") == "administrativeStatus"),
                    "",
                )
                if set_lang.replace("_", "-").split("-")[0] != lang:
                    source_terms.append(term)
                elif status in _DEPRECATED:
                    deprecated.append(term)
                elif status in _PREFERRED:
                    preferred.append(term)
                else:
                    admitted.append(term)
        if every:  # key terms: an entry with terms on both sides (a monolingual entry has none to check)
            if source_terms and (preferred or admitted):
                entries.append(GlossaryEntry("; ".join(source_terms), "; ".join(preferred + admitted), tuple(deprecated), "", line))
            continue
        if not deprecated:
            continue
        target = preferred[0] if preferred else admitted[0] if admitted else None
        if target is None:
            raise InputError(f"{name}:{line}: deprecated terms {deprecated} but no preferred or admitted {lang} term")
        entries.append(GlossaryEntry(", ".join(source_terms), target, tuple(deprecated), "", line))
    return entries


def read_glossary(path: str | Path, lang: str = "en", every: bool = False) -> list[GlossaryEntry]:
    """Entries of a ``.csv`` or ``.tbx`` file (by suffix; ``.xml`` is read as TBX); ``every``: all TBX
    entries, not only those with deprecated terms (see :func:`read_tbx`)."""
    path = Path(path)
    try:
        text = read_named_text(path, "utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: {reading_problem(path, error)}") from None
    if path.suffix.lower() == ".csv":
        return read_csv(text, str(path))
    if path.suffix.lower() in (".tbx", ".xml"):
        return read_tbx(text, lang, str(path), every)
    raise InputError(f"{path}: unknown glossary format {path.suffix!r} (use .csv or .tbx)")


def glossary_rule(entries: list[GlossaryEntry], code: str, name: str, origin: str) -> dict[str, object]:
    """The rule (as YAML-ready data): one substitution of every forbidden variant to its
    target term, a bad → good example for each, and an ok example with every target term.

    >>> rule = glossary_rule([GlossaryEntry("хокимият", "administration", ("mid-government",), "", 2)], "GL101", "house-terms", "g.csv")
    >>> rule["swap"], rule["examples"][0]
    ({'mid-government': 'administration', 'Mid-government': 'Administration'}, {'bad': 'See mid-government.', 'good': 'See administration.'})

    Matching keeps case: a capitalised variant is a proper noun, so "Turkey → Türkiye" leaves
    "roasted a turkey" alone (an ok example says so); a lower-case variant matches at the
    start of a sentence too.

    >>> rule = glossary_rule([GlossaryEntry("Türkiye", "Türkiye", ("Turkey",), "", 3)], "GL101", "house-terms", "g.csv")
    >>> rule["swap"], rule["examples"][-1]
    ({'Turkey': 'Türkiye'}, {'ok': 'See turkey.'})

    A variant with a no-break space is substituted as written and with a plain space, as MT writes it:

    >>> list(glossary_rule([GlossaryEntry("", "Verkhovna Rada", ("Supreme\u00a0Rada",), "", 2)], "GL101", "g", "g.tbx")["swap"])
    ['Supreme\xa0Rada', 'Supreme Rada']
    """
    swap: dict[str, str] = {}
    owner: dict[str, GlossaryEntry] = {}
    for entry in entries:
        # a variant written with a no-break space or a tab (a word processor's, a TBX export's) matches only so;
        # MT writes a plain space: that form is substituted too
        spaced = (" ".join(v.split()) for v in entry.forbidden if " ".join(v.split()).casefold() != entry.target.casefold())
        for variant in dict.fromkeys((*entry.forbidden, *spaced)):
            key = variant.casefold()
            if key in owner and owner[key].target != entry.target:
                raise InputError(
                    f"{origin}:{entry.line}: {variant!r} is forbidden for both {owner[key].target!r} "
                    f"(line {owner[key].line}) and {entry.target!r}"
                )
            if key == entry.target.casefold():
                raise InputError(f"{origin}:{entry.line}: {variant!r} is both the term and a forbidden variant")
            owner[key] = entry
            swap[variant] = entry.target
            if variant[:1].islower():
                swap[variant[:1].upper() + variant[1:]] = entry.target[:1].upper() + entry.target[1:]
    if not swap:
        raise InputError(
            f"{origin}: no forbidden or deprecated terms, so there is nothing to substitute (a glossary of source and"
            " target terms is a check of the translation against its source: --key-terms)"
        )
    notes = [f"{e.target}: {e.note}" for e in entries if e.note]
    why = f"House glossary imported from {Path(origin).name}: forbidden variants are replaced by the glossary term."
    if notes:
        why += " Notes: " + "; ".join(notes) + "."
    targets = sorted({entry.target for entry in entries if entry.forbidden})
    return {
        "code": code,
        "name": name,
        "kind": "substitution",
        "severity": "warning",
        "applicability": "safe",
        "ignore_case": False,
        "message": "Glossary: use “{replacement}”, not “{match}”",
        "why": why,
        "swap": swap,
        "examples": [{"bad": f"See {variant}.", "good": f"See {target}."} for variant, target in swap.items()]
        + [{"ok": "See " + "; ".join(targets) + "."}]
        + [{"ok": f"See {variant.lower()}."} for variant in swap if variant[:1].isupper() and variant.lower() not in swap],
    }


def key_terms_rule(entries: list[GlossaryEntry], code: str, name: str, origin: str) -> dict[str, object]:
    """The key-term rule (as YAML-ready data): each entry's source terms (``;``-separated) must be
    translated with one of its target terms (``;``-separated) in the aligned sentences, with a generated
    bad and ok example each.

    >>> rule = key_terms_rule([GlossaryEntry("хокимият", "administration", (), "", 2)], "KT101", "key-terms", "g.csv")
    >>> rule["options"], rule["examples"][:2]
    ({'terms': [{'source': ['хокимият'], 'target': ['administration']}]}, [{'bad': 'Something else.', 'source': 'хокимият.'}, {'ok': 'administration.', 'source': 'хокимият.'}])
    """
    terms = []
    examples: list[dict[str, str]] = []
    for entry in entries:
        sources = [term.strip() for term in entry.source.replace("|", ";").split(";") if term.strip()]
        targets = [term.strip() for term in entry.target.replace("|", ";").split(";") if term.strip()]
        if not sources:
            raise InputError(f"{origin}:{entry.line}: a key term needs its source term")
        terms.append({"source": sources, "target": targets})
        examples += [{"bad": "Something else.", "source": f"{sources[0]}."}, {"ok": f"{targets[0]}.", "source": f"{sources[0]}."}]
    if not terms:
        raise InputError(f"{origin}: no entries, so there is no key term to check")
    return {
        "code": code,
        "name": name,
        "kind": "python",
        "check": "qa.key-terms",
        "severity": "warning",
        "message": "Key term not translated as the glossary says",
        "why": f"House key terms imported from {Path(origin).name}: a source term must be translated with its "
        "glossary term in the aligned sentences. Only runs when a source is given.",
        "options": {"terms": terms},
        "examples": examples,
    }


def write_glossary_rule(
    source: str | Path, output: str | Path, code: str, name: str, lang: str = "en", key_terms: bool = False
) -> int:
    """Import ``source`` into the rule file ``output`` (a substitution of forbidden variants, or with
    ``key_terms`` a key-term check against the source); return how many substitutions or terms it holds.

    The rule is loaded and its examples run before anything is written; the rule cache then keeps it, so
    the first check with it need not run them again.
    """
    from ..engine import example_failures, keep_verified
    from ..rules import parse_rule, read_rule_files

    entries = read_glossary(source, lang, every=key_terms)
    data = (key_terms_rule if key_terms else glossary_rule)(entries, code, name, str(source))
    text = f"# Generated by `copyedit import-glossary {Path(source).name}`; edit the glossary, not this file.\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    output = Path(output)
    rule = parse_rule(text, str(output), output.stem)
    failures = example_failures(rule)
    if failures:
        raise InputError(f"{source}: the generated rule does not pass its own examples: {failures[0].problem}")
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write the rule file: {describe_os_error(str(output), error)}") from None
    written = read_rule_files(output)
    if written.texts == ((output, text),):  # as a check will read it (nobody changed it meanwhile)
        keep_verified(written, [rule])
    return len(data["options"]["terms"] if key_terms else data["swap"])  # type: ignore[index,arg-type]
