"""A batch's partitions: the input cut into slices without reading article text (a few hundred
files, whole Parquet row groups, or byte ranges of a JSON Lines file), each read by the worker that
processes it and written as one Parquet file named by a digest of its content and of everything that
decides the result, so a rerun skips what is done and an interrupted run resumes (files are written
atomically).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("copyedit.batch needs pyarrow: pip install '.[dask]' in the copyedit clone") from error

import copyedit
from copyedit import CopyeditError, chrome
from copyedit.files import FileProblem, articles_in, describe_os_error, file_kind, read_regular_file
from copyedit.qa import counterparts, sidecar_language, sidecar_path, source_format
from copyedit.rules import builtin_rules_dir, rule_files

from .articles import SCHEMA, Article, BatchSettings, decode, missing, process_article, table_article, table_columns

if TYPE_CHECKING:
    import pandas

INPUT_FORMATS = ("auto", "files", "parquet", "jsonl")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
PART_FILE = re.compile(r"^part-(\d{6})-[0-9a-f]{16}\.parquet$")


@dataclass(frozen=True)
class Partition:
    """A slice of the input that one task reads and writes as one output file."""

    index: int
    kind: str  # files | parquet | jsonl
    path: str  # the folder for files; the Parquet or JSON Lines file otherwise
    members: tuple[str, ...] = ()  # files: paths relative to ``path``
    row_groups: tuple[int, ...] = ()  # parquet
    byte_range: tuple[int, int] = (0, 0)  # jsonl: lines that start in [start, end)

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"


@dataclass(frozen=True)
class PartitionReport:
    name: str
    articles: int
    statuses: tuple[tuple[str, int], ...]
    skipped: bool
    seconds: float
    output: str


# --- Planning the input (on the client) ---------------------------------------------------------


def plan_partitions(
    source: str | os.PathLike[str],
    settings: BatchSettings,
    *,
    input_format: str = "auto",
    files_per_partition: int = 500,
    rows_per_partition: int = 2_000,
    jsonl_block_bytes: int = 16 << 20,
) -> list[Partition]:
    """Cut the input into partitions without reading article text (only listings and Parquet footers).

    A folder holds article files unless every visible file in it is Parquet (or JSON Lines).
    Parquet partitions are whole row groups, grouped up to ``rows_per_partition`` rows.
    """
    if input_format not in INPUT_FORMATS:
        raise copyedit.InputError(f"input format {input_format!r} is not one of {', '.join(INPUT_FORMATS)}")
    root = Path(source)
    if not root.exists():
        raise copyedit.InputError(f"{root}: no such file or folder")
    if not root.is_dir() and not root.is_file():
        raise copyedit.InputError(f"{root}: not a regular file or folder ({file_kind(root.stat().st_mode)})")
    files = [root] if root.is_file() else _visible_files(root)
    kind = input_format if input_format != "auto" else _detect_kind(root, files)
    if settings.source_dir is not None and kind != "files":
        raise copyedit.InputError("a source folder (--source-dir) is for a folder of articles; a table's sources are a column (--source-column)")
    if settings.source_dir is not None and not os.path.isdir(settings.source_dir):
        raise copyedit.InputError(f"{settings.source_dir}: the source folder (--source-dir) is not a folder")
    if kind == "files":
        if root.is_file():
            raise copyedit.InputError(f"{root}: a file; --input-format files expects a folder of articles")
        # the files `copyedit lint root` reads ("_index.md" and "_drafts/" too; a sidecar source is read with its
        # article, never as an article of its own)
        relative = sorted(articles_in(root, settings.selection))
        return [
            Partition(index, "files", str(root), tuple(relative[start : start + files_per_partition]))
            for index, start in enumerate(range(0, len(relative), files_per_partition))
        ]
    tables = [path for path in files if kind != "parquet" or path.suffix.lower() == ".parquet"]
    plans = _parquet_plans(tables, settings, rows_per_partition) if kind == "parquet" else _jsonl_plans(tables, settings, jsonl_block_bytes)
    return [dataclasses.replace(plan, index=index) for index, plan in enumerate(plans)]


def _visible_files(root: Path) -> list[Path]:
    """The regular files under ``root`` but hidden ones and those that Spark and Hive write beside a table's parts
    ("_SUCCESS", "_temporary/")."""
    skipped = (".", "_")
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(skipped))
        found.extend(Path(folder, name) for name in sorted(names) if not name.startswith(skipped) and _regular(Path(folder, name)))
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file: named pipes, sockets and devices are never articles
    (opening a pipe would block the worker)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _detect_kind(root: Path, files: Sequence[Path]) -> str:
    suffixes = {path.suffix.lower() for path in files}
    if suffixes == {".parquet"}:
        return "parquet"
    if suffixes and suffixes <= set(JSONL_SUFFIXES):
        return "jsonl"
    if root.is_file():
        raise copyedit.InputError(f"{root}: expected a .parquet or .jsonl file, or a folder of articles")
    return "files"


def _parquet_plans(paths: Sequence[Path], settings: BatchSettings, rows_per_partition: int) -> list[Partition]:
    plans: list[Partition] = []
    for path in paths:
        try:
            parquet = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as error:
            raise copyedit.InputError(f"{path}: not a readable Parquet file: {error}") from None
        missing = [c for c in table_columns(settings) if c not in parquet.schema_arrow.names]
        if missing:
            raise copyedit.InputError(
                f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(parquet.schema_arrow.names)}); "
                "name them with --id-column / --body-column / --source-column"
            )
        group: list[int] = []
        rows = 0
        for number in range(parquet.num_row_groups):
            if group and rows + parquet.metadata.row_group(number).num_rows > rows_per_partition:
                plans.append(Partition(0, "parquet", str(path), row_groups=tuple(group)))
                group, rows = [], 0
            group.append(number)
            rows += parquet.metadata.row_group(number).num_rows
        if group:
            plans.append(Partition(0, "parquet", str(path), row_groups=tuple(group)))
    return plans


def _jsonl_plans(paths: Sequence[Path], settings: BatchSettings, block_bytes: int) -> list[Partition]:
    plans = []
    for path in paths:
        _check_first_record(path, settings)
        size = path.stat().st_size
        for start in range(0, size, block_bytes):
            plans.append(Partition(0, "jsonl", str(path), byte_range=(start, min(start + block_bytes, size))))
    return plans


def _check_first_record(path: Path, settings: BatchSettings) -> None:
    """Refuse, before any work, a JSON Lines file whose first record lacks the id or the body column (a wrong
    ``--body-column``), as a Parquet file's schema is checked: every row would fail alike. A first line that is
    no JSON object is left to its row's own error."""
    with open(path, "rb") as stream:
        first = next((line for line in stream if line.strip()), b"")
    try:
        record = json.loads(first)
    except ValueError:
        return
    # (only the columns every row needs: a row may leave out its source or its format)
    missing = [c for c in (settings.id_column, settings.body_column) if isinstance(record, dict) and c not in record]
    if missing:
        raise copyedit.InputError(
            f"{path}: the first record has no {', '.join(map(repr, missing))} (it has: {', '.join(map(str, record))}); "
            "name them with --id-column / --body-column / --source-column"
        )


# --- Reading a partition (on a worker) ------------------------------------------------------------


def read_partition(partition: Partition, settings: BatchSettings) -> list[Article]:
    """The articles of a partition; unreadable ones come back with a ``problem``, never raised."""
    if partition.kind == "files":
        return [_file_article(Path(partition.path), member, settings) for member in partition.members]
    if partition.kind == "parquet":
        return _parquet_articles(partition, settings)
    if partition.kind == "jsonl":
        return list(_jsonl_articles(partition, settings))
    raise ValueError(f"unknown partition kind {partition.kind!r}")


def _file_article(root: Path, member: str, settings: BatchSettings) -> Article:
    path = root / member
    article_format = _FORMAT_BY_SUFFIX.get(path.suffix.lower(), "text") if settings.format == "auto" else settings.format
    limit = settings.config.max_bytes
    body = _file_bytes(path, limit, "document", "cannot read")
    if isinstance(body, str):
        return Article(member, None, article_format, body)
    if settings.source_dir is not None:  # as lint --source-dir finds it, from the article's path in the folder
        sidecar = next((Path(c) for c in counterparts(settings.source_dir, member) if os.path.isfile(c)), None)
        name = str(sidecar)
    else:
        sidecar = sidecar_path(path)
        name = sidecar.relative_to(root).as_posix() if sidecar is not None else ""
    if sidecar is None:
        return Article(member, body, article_format)
    source = _file_bytes(sidecar, limit, f"{name}: the source text", f"{name}: cannot read the source text")
    if isinstance(source, str):
        return Article(member, None, article_format, source)
    try:
        source_lang = sidecar_language(sidecar)
    except CopyeditError as error:  # story.src.ua.txt: a country's code, not a language's
        return Article(member, None, article_format, str(error))
    return Article(
        member, body, article_format, source=source, source_lang=source_lang, source_name=name,
        source_format=source_format(sidecar, path, article_format), source_file=True,
    )


def _file_bytes(path: Path, limit: int, what: str, unreadable: str) -> bytes | str:
    """A file's bytes, or the problem: ``what`` is over ``limit`` bytes (refused before it is read: one huge file
    must not exhaust a worker's memory), or ``unreadable`` and why."""
    try:
        size = path.stat().st_size
        if size > limit:
            return f"{what} is {size:,} bytes, over the limit of {limit:,} (max-bytes)"
        return read_regular_file(str(path))
    except FileProblem as error:
        return f"{unreadable}: {error.problem}"
    except OSError as error:
        return f"{unreadable}: {describe_os_error(str(path), error)}"


def _parquet_articles(partition: Partition, settings: BatchSettings) -> list[Article]:
    parquet = pq.ParquetFile(partition.path)
    settings = settings.with_columns_in(parquet.schema_arrow.names)  # a "format" or "source" column, unnamed
    table = parquet.read_row_groups(list(partition.row_groups), columns=table_columns(settings))

    def column(name: str | None) -> list[object]:
        return table.column(name).to_pylist() if name else [None] * table.num_rows

    name = Path(partition.path).name
    return [
        table_article(article_id, body, row_format, f"{name} row {number}", settings, source, source_lang, language)
        for number, (article_id, body, row_format, source, source_lang, language) in enumerate(zip(
            column(settings.id_column), column(settings.body_column), column(settings.format_column),
            column(settings.source_column), column(settings.source_lang_column), column(settings.language_column),
        ))
    ]


def _jsonl_articles(partition: Partition, settings: BatchSettings) -> Iterator[Article]:
    name = Path(partition.path).name
    settings = settings.with_columns_in(None)  # a record's "format" or "source" key is read unless told otherwise
    for offset, line in _lines_in_range(partition.path, *partition.byte_range):
        if not line.strip():
            continue
        where = f"{name}@{offset}"
        try:
            record = json.loads(decode(line, where, "utf-8").text)  # JSON Lines are UTF-8
        except FileProblem as error:
            yield Article(_id_of_broken_line(line, settings) or f"<{where}>", None, problem=str(error))
            continue
        except ValueError as error:
            yield Article(f"<{where}>", None, problem=f"{where}: not valid JSON: {error}")
            continue
        except RecursionError:
            yield Article(f"<{where}>", None, problem=f"{where}: JSON nested too deeply")
            continue
        if not isinstance(record, dict):
            yield Article(f"<{where}>", None, problem=f"{where}: a JSON line must be an object")
            continue
        yield table_article(
            record.get(settings.id_column),
            record.get(settings.body_column),
            record.get(settings.format_column) if settings.format_column else None,
            where,
            settings,
            record.get(settings.source_column) if settings.source_column else None,
            record.get(settings.source_lang_column) if settings.source_lang_column else None,
            record.get(settings.language_column) if settings.language_column else None,
        )


def _lines_in_range(path: str, start: int, end: int) -> Iterator[tuple[int, bytes]]:
    """The lines that *start* in ``[start, end)``, with their byte offsets (so blocks never share a line)."""
    with open(path, "rb") as stream:
        if start > 0:
            stream.seek(start - 1)
            stream.readline()  # the rest of a line that began in the previous block
        offset = stream.tell()
        while offset < end:
            line = stream.readline()
            if not line:
                return
            yield offset, line
            offset += len(line)


def _id_of_broken_line(line: bytes, settings: BatchSettings) -> str | None:
    """Best effort: the id of a JSON line whose bytes are not UTF-8, so the error names the article."""
    try:
        record = json.loads(line.decode("utf-8", "replace"))
    except ValueError:
        return None
    value = record.get(settings.id_column) if isinstance(record, dict) else None
    return None if missing(value) else str(value)


def count_partition(partition: Partition, settings: BatchSettings) -> chrome.LineCounts:
    """The lines of a partition's plain-text and Markdown articles, for learning site chrome
    (articles that cannot be read or decoded teach nothing; their error comes with the fix)."""
    texts = {}
    for article in read_partition(partition, settings):
        if article.format in chrome.FORMATS and article.problem is None and article.body is not None:
            try:
                texts[article.id] = decode(article.body, article.id, settings.encoding).text
            except CopyeditError:
                continue
    return chrome.count_lines(texts)



def run_fingerprint(settings: BatchSettings) -> str:
    """A digest of everything besides the input that decides the output: copyedit's version and
    code, the settings and the text of every rule file (built-in and the config's own)."""
    digest = hashlib.sha256()
    digest.update(f"{copyedit.__version__}\0{settings!r}\0".encode())
    code = sorted(Path(copyedit.__file__).parent.rglob("*.py"))
    rules = [path for root in [builtin_rules_dir(), *map(Path, settings.config.rule_paths)] if root.exists()
             for path in rule_files(root)]
    for path in code + rules:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def partition_digest(articles: Sequence[Article], fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for article in articles:
        body, source = (
            text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text or b"" for text in (article.body, article.source)
        )
        header = (
            f"\0{article.id}\0{article.format}\0{article.problem or ''}\0{len(body)}\0"
            f"{article.source is not None}\0{article.source_lang or ''}\0{len(source)}\0{article.language or ''}\0"
        )
        digest.update(header.encode("utf-8", "surrogatepass"))
        digest.update(body)
        digest.update(source)
    return digest.hexdigest()[:16]


def process_partition(partition: Partition, output: str, settings: BatchSettings, fingerprint: str) -> PartitionReport:
    """Read, fix and write one partition, unless its output already exists (then only count it)."""
    started = time.perf_counter()
    articles = read_partition(partition, settings)
    target = Path(output) / f"{partition.name}-{partition_digest(articles, fingerprint)}.parquet"
    if target.exists():
        statuses = Counter(pq.read_table(target, columns=["status"]).column("status").to_pylist())
        return _partition_report(partition, statuses, True, started, target)
    rows = [process_article(article, settings) for article in articles]
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _remove_outdated(Path(output), partition.index, keep=target.name)
    return _partition_report(partition, Counter(row["status"] for row in rows), False, started, target)


def _partition_report(partition: Partition, statuses: Counter[str], skipped: bool, started: float, target: Path) -> PartitionReport:
    return PartitionReport(
        partition.name,
        sum(statuses.values()),
        tuple(sorted(statuses.items())),
        skipped,
        time.perf_counter() - started,
        str(target),
    )


def _remove_outdated(output: Path, index: int, keep: str) -> None:
    """Remove this partition's files from earlier runs over other input or settings."""
    for path in output.glob(f"part-{index:06d}-*.parquet"):
        if path.name != keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

def duplicate_ids(output: str | os.PathLike[str]) -> list[tuple[str, int]]:
    """The ids that name more than one row under ``output``, with how many: a join of the results
    back to the input by id cannot tell those rows apart. Reads the id column only."""
    counts: Counter[str] = Counter()
    for path in sorted(Path(output).iterdir()):
        if PART_FILE.match(path.name):
            counts.update(str(value) for value in pq.read_table(path, columns=["id"]).column("id").to_pylist())
    return sorted((article_id, count) for article_id, count in counts.items() if count > 1)


def article_warnings(output: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """``(id, message)`` of every warning under ``output`` (the ``warnings`` column: the results' warnings, such as a
    sidecar source that is empty), in id order. Reads the id and warnings columns only."""
    found: list[tuple[str, str]] = []
    for path in sorted(Path(output).iterdir()):
        if PART_FILE.match(path.name):
            table = pq.read_table(path, columns=["id", "warnings"])
            for article_id, warnings in zip(table.column("id").to_pylist(), table.column("warnings").to_pylist()):
                if warnings and warnings != "[]":
                    found.extend((str(article_id), warning["message"]) for warning in json.loads(warnings))
    return sorted(found)


def read_output(output: str | os.PathLike[str]) -> pandas.DataFrame:
    """All rows written under ``output`` as one DataFrame (for inspection and tests)."""
    files = sorted(path for path in Path(output).iterdir() if PART_FILE.match(path.name))
    tables = [pq.read_table(path, schema=SCHEMA) for path in files]
    return (pa.concat_tables(tables) if tables else SCHEMA.empty_table()).to_pandas()

