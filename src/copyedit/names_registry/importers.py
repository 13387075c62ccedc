"""Build a house registry from public name data: ``copyedit names import``.

Four input formats, each read strictly (a malformed line raises
:class:`~copyedit.names_registry.RegistryFileError` naming the file and the line):

- ``wikidata``: a Wikidata JSON dump, one entity per line (the ``[``/``]`` lines and trailing commas of
  the official dumps are allowed): the English label is the English form, English aliases are accepted
  English forms, other languages' labels and aliases are the forms MT from that language leaves (a
  Latin-script label) or native forms (any other script); ``claims`` P31 gives the type (:data:`P31_TYPES`);
  entities of other types, or without an English label, are skipped and counted.
- ``sparql``: a SPARQL query's results as CSV (a header row) or JSON (``application/sparql-results+json``),
  with the columns ``item`` (an entity URI or id), ``itemLabel`` (the English form), ``nativeName`` and
  ``lang`` (its language; in JSON the ``xml:lang`` of ``nativeName`` will do), optional ``type``.
  Rows of one item are merged.
- ``paranames``: a ParaNames TSV (``wikidata_id eng label language type``, type ``PER``/``LOC``/``ORG``).
- ``csv``: the house's own CSV, ``english,native,kind,note``: native forms separated by ``;``,
  ``kind`` one of :data:`KINDS`, ``note`` kept as the entry's source. Rows of one English form and kind
  are one entity; one English form of two kinds is two.

Every importer yields :class:`Record` values; :func:`build_registry` merges them (one entity's records
into one entry; two entities with one English form are kept apart and reported), generates the
renderings of Cyrillic native forms as the shipped build does, drops the unsafe ones, and reports the
spellings two entries claim. :func:`write_registry` writes the shipped JSON Lines format.
"""

from __future__ import annotations

import bz2
import contextlib
import csv
import gzip
import io
import itertools
import json
import lzma
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..files import open_named, reading_problem, write_atomically
from . import RegistryFileError, read_registry_text
from .build import add_renderings

KINDS = ("person", "country", "city", "region", "place", "organisation")
# Wikidata classes (P31 "instance of") and the registry type they give.
P31_TYPES = {
    "Q5": "person",
    "Q6256": "country", "Q3624078": "country", "Q7275": "country",
    "Q515": "city", "Q1549591": "city", "Q1637706": "city", "Q5119": "city", "Q486972": "city", "Q3957": "city",
    "Q532": "city",
    "Q10864048": "region", "Q107390": "region", "Q34876": "region", "Q35657": "region",
    "Q43229": "organisation", "Q4830453": "organisation", "Q7210356": "organisation", "Q11032": "organisation",
    "Q1002697": "organisation", "Q327333": "organisation",
}
PARANAMES_TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
FORMATS = ("wikidata", "sparql", "paranames", "csv")
_LATIN = regex.compile(r"^[\p{Latin}\p{Common}\p{Inherited}]+$")
_QID = regex.compile(r"(?:^|/)(Q[0-9]+)$")


@dataclass
class Record:
    """What one input line says about one entity (``key`` identifies the entity across lines)."""

    key: str
    en: str
    type: str
    where: str  # "file:line", for reports
    alt: list[str] = field(default_factory=list)
    native: list[str] = field(default_factory=list)
    forms: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""
    by_name: bool = False  # keyed by its English form and type (the house CSV), not an id: a repeat is reported


@dataclass
class Report:
    """What the import did: entries written, lines skipped, and the duplicates and conflicts found."""

    entries: int = 0
    skipped: int = 0
    duplicates: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _add_name(record: Record, lang: str, name: str) -> None:
    """A name in language ``lang``: an English alias, a Latin-script spelling MT leaves, or a native form."""
    name = name.strip()
    if not name or name == record.en:
        return
    base = lang.split("-")[0].lower()
    if base == "en":
        target = record.alt
    elif _LATIN.match(name):
        target = record.forms.setdefault(base, [])
    else:
        target = record.native
    if name not in target:
        target.append(name)


def _qid(value: str, path: str, number: int) -> str:
    found = _QID.search(value.strip())
    if not found:
        raise RegistryFileError(path, number, f"{value!r} is not a Wikidata entity (Q…)")
    return str(found.group(1))


# --- (a) Wikidata JSON dump -------------------------------------------------------------------


def read_wikidata(path: str, lines: Iterable[str], report: Report) -> Iterator[Record]:
    """Entities of a Wikidata JSON dump, one per line, read as they come (a whole dump is never in memory)."""
    for number, line in enumerate(lines, 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as error:
            raise RegistryFileError(path, number, f"not a JSON entity: {error.msg} (column {error.colno})") from None
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise RegistryFileError(path, number, "not a Wikidata entity (a JSON object with an 'id')")
        labels, aliases, claims = entity.get("labels", {}), entity.get("aliases", {}), entity.get("claims", {})
        if not all(isinstance(part, dict) for part in (labels, aliases, claims)):
            raise RegistryFileError(path, number, "'labels', 'aliases' and 'claims' must be JSON objects")
        try:
            classes = [
                claim["mainsnak"]["datavalue"]["value"]["id"]
                for claim in claims.get("P31", [])
                if claim.get("mainsnak", {}).get("snaktype", "value") == "value"
            ]
            names = [(lang, value["value"]) for lang, value in labels.items()]
            names += [(lang, value["value"]) for lang, values in aliases.items() for value in values]
        except (KeyError, TypeError, AttributeError):
            raise RegistryFileError(path, number, "malformed 'labels', 'aliases' or 'claims' P31") from None
        if not all(isinstance(name, str) for _, name in names):
            raise RegistryFileError(path, number, "a label or alias that is not a string")
        kind = next((P31_TYPES[c] for c in classes if c in P31_TYPES), None)
        english = labels["en"]["value"].strip() if isinstance(labels.get("en"), dict) else None
        if kind is None or not english:
            report.skipped += 1
            continue
        record = Record(entity["id"], english, kind, f"{path}:{number}", source=f"Wikidata {entity['id']}")
        for lang, name in names:
            _add_name(record, lang, name)
        yield record


# --- (b) SPARQL results (CSV or JSON) -----------------------------------------------------------


def read_sparql(path: str, lines: Iterable[str], report: Report) -> Iterator[Record]:
    """Rows of a SPARQL results file: CSV with a header row (streamed), or SPARQL JSON results (one
    JSON document, read whole)."""
    lines = iter(lines)
    first = next(lines, "")
    rows: Iterable[tuple[int, dict[str, str]]]
    if first.lstrip().startswith("{"):
        rows = _sparql_json(path, first + "".join(lines))
    else:
        rows = _csv_rows(path, itertools.chain([first], lines), ("item", "itemLabel"), ",")
    for number, row in rows:
        item, english = row.get("item", ""), row.get("itemLabel", "").strip()
        kind = (row.get("type") or "person").strip()
        if kind not in KINDS:
            raise RegistryFileError(path, number, f"type {kind!r} is not one of {', '.join(KINDS)}")
        if not english or english == item or _QID.search(english):
            report.skipped += 1  # the label service gives the id when there is no English label
            continue
        qid = _qid(item, path, number)
        record = Record(qid, english, kind, f"{path}:{number}", source=f"Wikidata {qid} (SPARQL)")
        native = row.get("nativeName", "").strip()
        if native:
            lang = row.get("lang", "").strip()
            if not lang:
                raise RegistryFileError(path, number, f"nativeName {native!r} has no lang")
            _add_name(record, lang, native)
        yield record


def _sparql_json(path: str, text: str) -> list[tuple[int, dict[str, str]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RegistryFileError(path, error.lineno, f"not SPARQL JSON results: {error.msg}") from None
    bindings = data.get("results", {}).get("bindings") if isinstance(data, dict) else None
    if not isinstance(bindings, list):
        raise RegistryFileError(path, 1, "not SPARQL JSON results (no results.bindings)")
    # JSON results are one document: a bad binding is named by its position and the line it starts on.
    rows = []
    for index, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("value"), str) for v in binding.values()
        ):
            line = _binding_line(text, index)
            raise RegistryFileError(path, line, f"binding {index}: each variable must be an object with a 'value'")
        row = {name: value["value"] for name, value in binding.items()}
        if "lang" not in row and "xml:lang" in binding.get("nativeName", {}):
            row["lang"] = binding["nativeName"]["xml:lang"]
        if "item" not in row or "itemLabel" not in row:
            raise RegistryFileError(path, _binding_line(text, index), f"binding {index}: no item or itemLabel")
        rows.append((_binding_line(text, index), row))
    return rows


def _binding_line(text: str, index: int) -> int:
    """The line the ``index``-th binding (from 1) of a SPARQL JSON results document starts on."""
    depth, count = 0, 0
    for offset in range(text.find("[", text.find('"bindings"')) + 1, len(text)):
        char = text[offset]
        if char == "{":
            depth += 1
            if depth == 1:
                count += 1
                if count == index:
                    return text.count("\n", 0, offset) + 1
        elif char == "}":
            depth -= 1
    return 1


def _csv_rows(path: str, lines: Iterable[str], required: tuple[str, ...], delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise RegistryFileError(path, 1, "no header row") from None
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise RegistryFileError(path, 1, f"missing column(s) {', '.join(missing)} (header: {', '.join(header)})")
    try:
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise RegistryFileError(path, number, f"{len(row)} fields, the header has {len(header)}")
            yield number, dict(zip(header, row))
    except csv.Error as error:
        raise RegistryFileError(path, reader.line_num, f"malformed CSV: {error}") from None


# --- (c) ParaNames TSV --------------------------------------------------------------------------


def read_paranames(path: str, lines: Iterable[str], report: Report) -> Iterator[Record]:
    """Rows of a ParaNames TSV: ``wikidata_id  eng  label  language  type`` (streamed)."""
    columns = ("wikidata_id", "eng", "label", "language", "type")
    lines = iter(lines)
    header = next(lines, "").rstrip("\r\n").split("\t")
    if header != list(columns):
        raise RegistryFileError(path, 1, f"expected the ParaNames header {' '.join(columns)}")
    for number, line in enumerate(lines, 2):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise RegistryFileError(path, number, f"{len(cells)} tab-separated fields, expected {len(columns)}")
        qid, english, label, language, kind = (cell.strip() for cell in cells)
        if kind not in PARANAMES_TYPES:
            raise RegistryFileError(path, number, f"type {kind!r} is not PER, LOC or ORG")
        if not english or not label or not language:
            raise RegistryFileError(path, number, "empty eng, label or language")
        qid = _qid(qid, path, number)
        record = Record(qid, english, PARANAMES_TYPES[kind], f"{path}:{number}", source=f"ParaNames {qid}")
        _add_name(record, language, label)
        yield record


# --- (d) the house CSV ---------------------------------------------------------------------------


def read_house_csv(path: str, lines: Iterable[str], report: Report) -> Iterator[Record]:
    """Rows of the house's CSV: ``english,native,kind,note`` (native forms separated by ``;``)."""
    for number, row in _csv_rows(path, lines, ("english", "native", "kind", "note"), ","):
        english, kind = row["english"].strip(), row["kind"].strip()
        if not english:
            raise RegistryFileError(path, number, "empty english")
        if kind not in KINDS:
            raise RegistryFileError(path, number, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        natives = [n.strip() for n in row["native"].split(";") if n.strip()]
        if not natives:
            raise RegistryFileError(path, number, f"{english}: no native form")
        note = row["note"].strip()
        # one English form of two kinds is two entities (Georgia the country, Georgia the US state)
        yield Record(f"{english} ({kind})", english, kind, f"{path}:{number}", native=natives, by_name=True,
                     source=f"house CSV {Path(path).name}" + (f": {note}" if note else ""))


READERS: dict[str, Callable[[str, Iterable[str], Report], Iterator[Record]]] = {
    "wikidata": read_wikidata, "sparql": read_sparql, "paranames": read_paranames, "csv": read_house_csv,
}


def guess_format(path: str, text: str) -> str:
    """The format of an input file from its name and first line."""
    first = text.split("\n", 1)[0]
    if path.endswith(".tsv") or first.startswith("wikidata_id\t"):
        return "paranames"
    if first.strip().startswith(("{", "[")):
        return "sparql" if '"head"' in text[:2000] or '"bindings"' in text[:2000] else "wikidata"
    header = [cell.strip() for cell in first.split(",")]
    if "english" in header:
        return "csv"
    if "item" in header:
        return "sparql"
    raise RegistryFileError(path, 1, f"cannot tell the format: name it with --from ({', '.join(FORMATS)})")


def read_input(path: str, fmt: str | None, report: Report) -> Iterator[Record]:
    """The records of one input file (``fmt`` None: guessed), read as they come: a dump of any size
    streams through, compressed or not (``.gz``, ``.bz2``, ``.xz``)."""
    opener = _OPENERS.get(Path(path).suffix.lower())
    try:
        with open_named(path) as raw, (opener(raw, "rb") if opener else contextlib.nullcontext(raw)) as stream:
            lines = _decoded_lines(path, stream, decompressed=opener is not None)
            head = _head(lines)
            named = path[: -len(Path(path).suffix)] if opener else path
            yield from READERS[fmt or guess_format(named, "".join(head))](path, itertools.chain(head, lines), report)
    except OSError as error:
        raise RegistryFileError(path, None, reading_problem(path, error)) from None
    except (EOFError, lzma.LZMAError) as error:  # a compressed dump cut short or damaged
        raise RegistryFileError(path, None, f"cannot read: {error}") from None


_HEAD = 4096  # characters read first, to tell the format
_OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def _decoded_lines(path: str, stream: Iterable[bytes], decompressed: bool) -> Iterator[str]:
    """The lines of a UTF-8 stream without its byte-order mark, each with its line break (``\\n``, ``\\r\\n`` or
    ``\\r``, as the csv module wants them). Each line is decoded on its own (no UTF-8 sequence holds a ``\\n``
    byte), so a byte that is not UTF-8 is named with its line and its offset in the file (of a compressed file:
    in the decompressed data)."""
    offset = 0
    for number, data in enumerate(stream, 1):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            where = " of the decompressed data" if decompressed else ""
            problem = f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {offset + error.start}{where})"
            raise RegistryFileError(path, number, problem) from None
        if number == 1:
            text = text.removeprefix("\ufeff")  # every format: a BOM is no JSON and no column name
        offset += len(data)
        if text.count("\r") > text.endswith(("\r", "\r\n")):  # a "\r" inside the line ends one too, as in text mode
            yield from io.StringIO(text, newline="")
        else:
            yield text


def _head(lines: Iterator[str]) -> list[str]:
    """The first lines of ``lines``, at least ``_HEAD`` characters of them (all of a shorter file): enough to
    tell the format."""
    head: list[str] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line)
        if size >= _HEAD:
            break
    return head


# --- merging and writing -----------------------------------------------------------------------


def build_registry(records: Iterable[Record], report: Report, english_words: set[str] | None = None) -> list[dict[str, Any]]:
    """Registry entries from records: one per entity, renderings generated, unsafe and shared spellings dropped."""
    merged: dict[str, Record] = {}
    for record in records:
        known = merged.get(record.key)
        if known is None:
            merged[record.key] = record
            continue
        if record.by_name:  # the house CSV: the same English form and kind twice
            report.duplicates.append(f"{record.where}: {record.en!r} repeats {known.where}; forms merged")
        elif (known.en, known.type) != (record.en, record.type):
            report.conflicts.append(
                f"{record.where}: {record.key} is {record.en!r} ({record.type}) here, "
                f"{known.en!r} ({known.type}) at {known.where}; kept the first"
            )
            continue
        for name in record.alt:
            if name not in known.alt:
                known.alt.append(name)
        for name in record.native:
            if name not in known.native:
                known.native.append(name)
        for lang, names in record.forms.items():
            known.forms.setdefault(lang, []).extend(n for n in names if n not in known.forms.get(lang, []))
    by_english: dict[str, list[Record]] = defaultdict(list)
    for record in merged.values():
        by_english[record.en].append(record)
    for english, same in by_english.items():
        if len(same) > 1:
            report.conflicts.append(
                f"{english!r} names {len(same)} entities ({', '.join(r.key + ' at ' + r.where for r in same)}):"
                " kept apart; their shared spellings are dropped"
            )
    owners: dict[str, set[str]] = defaultdict(set)
    for record in merged.values():
        for names in record.forms.values():
            for name in names:
                owners[name].add(record.key)
    for name, keys in sorted(owners.items()):
        if len(keys) > 1:
            report.conflicts.append(f"{name!r} is a spelling of {len(keys)} entities ({', '.join(sorted(keys))}): dropped")
    entries: list[dict[str, Any]] = [
        {"en": r.en, "type": r.type, "alt": r.alt, "native": r.native, "source": r.source,
         "forms": {lang: list(names) for lang, names in r.forms.items()}}
        for r in merged.values()
    ]
    add_renderings(entries, english_words or set())
    for entry in entries:
        entry["forms"] = {lang: names for lang, names in entry["forms"].items() if names}
    report.entries = len(entries)
    return entries


def write_registry(entries: list[dict[str, Any]], out: Path, inputs: list[str]) -> None:
    """Write ``entries`` in the shipped format (a header line, then one JSON object per entry), once they read
    back as NM103 will read them: a registry that would not load is not written, and ``out`` keeps what it held."""
    header = {"registry": "house names and places", "built_by": "copyedit names import", "sources": inputs}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps({k: v for k, v in entry.items() if v}, ensure_ascii=False, sort_keys=True) for entry in entries]
    text = "\n".join(lines) + "\n"
    try:
        list(read_registry_text(text, str(out)))
    except RegistryFileError as error:
        assert error.line is not None  # read_registry_text names the line of every problem
        number = error.line - 1  # line 1 is the header
        source = entries[number - 1].get("source") or "no source"
        raise RegistryFileError(
            str(out), None, f"not written (left as it was): entry {number} ({source}) would not load: {error.problem}"
        ) from None
    write_atomically(out, text.encode("utf-8"))  # whole or not at all (OSError)
