"""Clean an archive on a Dask cluster: read articles, fix them on the workers, write Parquet.

The input is a folder of article files, or Parquet / JSON Lines files with an id and a body
column. It is cut into *partitions* (a few hundred files, whole Parquet row groups, or byte
ranges of a JSON Lines file) on the client; each worker reads its partition itself, so article
text never passes through the client. The output is a folder of Parquet files, one per input
partition, with one row per article (:data:`SCHEMA`).

- **Compiled once per worker.** Tasks receive the :class:`~copyedit.Config` (a small hashable
  value, broadcast once), never compiled automata; :func:`copyedit.ruleset_for` caches the
  compiled rule set per process, so each worker compiles it on its first partition only.
- **Failures stay with their article.** Bytes that are not UTF-8, an article over
  ``Config.max_bytes``, a JSON line that does not parse, or any other error while fixing one
  article becomes that article's ``status`` and ``error``; the run goes on.
- **Idempotent.** An output file is named ``part-<index>-<digest>.parquet`` where the digest
  covers the partition's content and everything that decides the result (copyedit's version
  and code, the rule files, the configuration, the options). A rerun skips partitions whose file exists,
  rewrites those whose input changed, and files are written atomically, so an interrupted run
  resumes where it stopped.

:func:`fix_frame` is the same per-article work on a pandas DataFrame, for Dask DataFrames
(``map_partitions``) and Spark (``mapInPandas``, see :func:`fix_frames`); only
:func:`run_batch` and :func:`local_client` need ``dask.distributed``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("copyedit.integrations.dask needs pyarrow: pip install '.[dask]' in the copyedit clone") from error

import copyedit
from copyedit import Config, CopyeditError, Result, chrome, files
from copyedit.files import FileProblem, file_kind, read_regular_file
from copyedit.rules import builtin_rules_dir, rule_files

if TYPE_CHECKING:
    import pandas
    from distributed import Client

STATUS_OK, STATUS_INPUT_ERROR, STATUS_INTERNAL_ERROR = "ok", "input-error", "internal-error"
INPUT_FORMATS = ("auto", "files", "parquet", "jsonl")
ARTICLE_FORMATS = ("auto", "text", "markdown", "html")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_PART_FILE = re.compile(r"^part-(\d{6})-[0-9a-f]{16}\.parquet$")

#: One row per article. ``body`` is the corrected text (the input for ``check_only``), null on
#: error; ``findings`` and ``fixes`` are JSON lists in the schema of :meth:`copyedit.Result.to_dict`.
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("body", pa.string()),
        ("changed", pa.bool_()),
        ("findings", pa.string()),
        ("fixes", pa.string()),
        ("finding_counts", pa.map_(pa.string(), pa.int32())),
        ("fix_counts", pa.map_(pa.string(), pa.int32())),
    ]
)
#: The same schema as a Spark DDL string, for ``mapInPandas(..., schema=SPARK_SCHEMA)``.
SPARK_SCHEMA = (
    "id string, status string, error string, body string, changed boolean, findings string, fixes string, "
    "finding_counts map<string,int>, fix_counts map<string,int>"
)


@dataclass(frozen=True)
class BatchSettings:
    """What every task needs to know; small and picklable, shipped to each worker once.

    ``format`` is the articles' markup (``auto``: by file extension for a folder, ``text`` for
    tables); ``format_column`` names a column that gives it per article instead.

    >>> BatchSettings(format="pdf")
    Traceback (most recent call last):
    ...
    ValueError: format: 'pdf' is not one of auto, text, markdown, html
    """

    config: Config = field(default_factory=Config)
    unsafe: bool = False
    check_only: bool = False
    format: str = "auto"
    id_column: str = "id"
    body_column: str = "body"
    format_column: str | None = None
    # Learn site chrome across the run's plain-text and Markdown articles first (copyedit.chrome):
    # the learned BP190 rule goes to OUTPUT/.copyedit-chrome.yml, where every worker reads it.
    learn_chrome: bool = False
    chrome_min_count: int = chrome.MIN_COUNT
    chrome_min_share: float = chrome.MIN_SHARE
    encoding: str | None = None  # of article files without a BOM (default: UTF-8), as lint --encoding

    def __post_init__(self) -> None:
        chrome.check_thresholds(self.chrome_min_count, self.chrome_min_share)
        if self.format not in ARTICLE_FORMATS:
            raise ValueError(f"format: {self.format!r} is not one of {', '.join(ARTICLE_FORMATS)}")
        if self.unsafe and self.check_only:
            raise ValueError("unsafe and check_only exclude each other: check_only applies no fixes")


@dataclass(frozen=True)
class Article:
    """One article as read, before decoding: ``body`` is bytes from files, text from tables.

    ``problem`` says why it could not be read (then ``body`` is None).
    """

    id: str
    body: str | bytes | None
    format: str = "text"
    problem: str | None = None


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


@dataclass(frozen=True)
class BatchReport:
    """What a run did: partitions processed, skipped (already done) or failed; article statuses."""

    partitions: int
    processed: int
    skipped: int
    failed: tuple[tuple[str, str], ...]  # (partition name, error)
    articles: int
    statuses: tuple[tuple[str, int], ...]
    seconds: float

    @property
    def article_errors(self) -> int:
        return sum(count for status, count in self.statuses if status != STATUS_OK)

    def summary(self) -> str:
        """One line for people.

        >>> BatchReport(3, 2, 1, (), 10, (("input-error", 1), ("ok", 9)), 2.0).summary()
        '10 articles in 3 partitions (2 processed, 1 already done, 0 failed) in 2.0 s: ok 9, input-error 1'
        """
        statuses = ", ".join(f"{status} {count:,}" for status, count in sorted(self.statuses, key=_status_order))
        return (
            f"{self.articles:,} articles in {self.partitions:,} partitions ({self.processed:,} processed, "
            f"{self.skipped:,} already done, {len(self.failed):,} failed) in {self.seconds:.1f} s"
            + (f": {statuses}" if statuses else "")
        )


def _status_order(pair: tuple[str, int]) -> int:
    order = (STATUS_OK, STATUS_INPUT_ERROR, STATUS_INTERNAL_ERROR)
    return order.index(pair[0]) if pair[0] in order else len(order)


# --- One article -------------------------------------------------------------------------------


def decode(body: str | bytes, where: str = "body", encoding: str | None = None) -> files.TextFile:
    """An article's text, decoded as ``copyedit lint`` decodes a file (:func:`copyedit.files.decode`):
    a BOM decides the encoding (UTF-16 and UTF-32 articles are read), then ``encoding``, then strict
    UTF-8; CRLF line ends are read as LF and kept in the output. Text from a table is taken as it is.

    >>> decode(b"caf\\xc3\\xa9").text, decode(b"\\xff\\xfec\\x00a\\x00f\\x00\\xe9\\x00").text
    ('café', 'café')
    >>> decode(b"caf\\xe9")
    Traceback (most recent call last):
    ...
    copyedit.files.FileProblem: body: not valid UTF-8 (byte 0xe9 at offset 3); pass --encoding to read it as another encoding
    """
    if isinstance(body, str):
        return files.TextFile(where, body, "utf-8", b"", "\n", b"")
    return files.decode(where, body, encoding)


def process_article(article: Article, settings: BatchSettings) -> dict[str, Any]:
    """The output row for one article; never raises.

    >>> row = process_article(Article("a1", b"The CSTO is a mid-government alliance."), BatchSettings(unsafe=True))
    >>> row["status"], row["body"], row["fix_counts"]
    ('ok', 'The CSTO is an intergovernmental alliance.', {'TR101': 1})
    >>> process_article(Article("a2", b"\\xff"), BatchSettings())["error"]
    'not valid UTF-8 (byte 0xff at offset 0); pass --encoding to read it as another encoding'
    """
    try:
        if article.problem is not None or article.body is None:
            raise copyedit.InputError(article.problem or "no body")
        decoded = decode(article.body, article.id, settings.encoding)
        result = _run(decoded.text, article.format, article.id, settings)
    except files.FileProblem as error:
        return _error_row(article.id, STATUS_INPUT_ERROR, error.problem)
    except CopyeditError as error:
        return _error_row(article.id, STATUS_INPUT_ERROR, str(error))
    except Exception as error:  # noqa: BLE001 - a bug in one rule must not stop an archive run
        return _error_row(article.id, STATUS_INTERNAL_ERROR, f"{type(error).__name__}: {error} (a copyedit bug)")
    return result_row(article.id, result, decoded.newline)


def _run(text: str, format: str, article_id: str, settings: BatchSettings) -> Result:
    """Per-file ignores match the article's id: for a folder of files, its path in the folder."""
    if settings.check_only:
        return copyedit.check(text, format=format, config=settings.config, path=article_id)
    return copyedit.fix(text, format=format, unsafe=settings.unsafe, config=settings.config, path=article_id)


def result_row(article_id: str, result: Result, newline: str = "\n") -> dict[str, Any]:
    """The output row for a finished result (also what the tests compare against); the body keeps
    the file's line ends (findings point into the text with LF line ends, as ``lint``'s do)."""
    return {
        "id": article_id,
        "status": STATUS_OK,
        "error": None,
        "body": result.text if newline == "\n" else result.text.replace("\n", newline),
        "changed": result.changed,
        "findings": _json([finding.to_dict() for finding in result.findings]),
        "fixes": _json([applied.to_dict() for applied in result.applied]),
        "finding_counts": dict(sorted(Counter(finding.code for finding in result.findings).items())),
        "fix_counts": dict(sorted(Counter(code for applied in result.applied for code in applied.codes).items())),
    }


def _error_row(article_id: str, status: str, message: str) -> dict[str, Any]:
    return {
        "id": article_id,
        "status": status,
        "error": message,
        "body": None,
        "changed": False,
        "findings": "[]",
        "fixes": "[]",
        "finding_counts": {},
        "fix_counts": {},
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- pandas: Dask DataFrames and Spark -----------------------------------------------------------


def fix_frame(frame: pandas.DataFrame, settings: BatchSettings) -> pandas.DataFrame:
    """Process a DataFrame of articles (``settings.id_column``, ``settings.body_column``) into
    rows of :data:`SCHEMA`, e.g. ``ddf.map_partitions(fix_frame, settings, meta=empty_frame())``.
    """
    missing = [c for c in (settings.id_column, settings.body_column, settings.format_column) if c and c not in frame]
    if missing:
        raise copyedit.InputError(f"no column {', '.join(map(repr, missing))} (columns: {', '.join(map(str, frame.columns))})")
    formats = frame[settings.format_column] if settings.format_column else [None] * len(frame)
    articles = (
        _table_article(article_id, body, row_format, f"row {number}", settings)
        for number, (article_id, body, row_format) in enumerate(
            zip(frame[settings.id_column], frame[settings.body_column], formats)
        )
    )
    return _frame([process_article(article, settings) for article in articles])


def fix_frames(frames: Iterable[pandas.DataFrame], settings: BatchSettings) -> Iterator[pandas.DataFrame]:
    """Spark's ``mapInPandas`` form of :func:`fix_frame`:
    ``df.mapInPandas(functools.partial(fix_frames, settings=settings), schema=SPARK_SCHEMA)``."""
    for frame in frames:
        yield fix_frame(frame, settings)


def empty_frame() -> pandas.DataFrame:
    """An empty frame with the output columns and types (Dask's ``meta``)."""
    return _frame([])


def _frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    """Rows as a frame of Python objects: nulls stay None (pandas would make text nulls NaN) and
    the counts stay dicts, which Spark's Arrow conversion takes for ``map<string,int>``."""
    import pandas

    return pandas.DataFrame(rows, columns=SCHEMA.names, dtype=object).astype({"changed": bool})


def _table_article(article_id: Any, body: Any, row_format: Any, where: str, settings: BatchSettings) -> Article:
    """An article from a table row, with the problem spelled out when a cell is missing or wrong."""
    if _missing(article_id):
        return Article(f"<{where}>", None, problem=f"{where}: the id column {settings.id_column!r} is empty")
    article_id = str(article_id)
    article_format = str(row_format) if not _missing(row_format) else "text" if settings.format == "auto" else settings.format
    if _missing(body):
        return Article(article_id, None, article_format, f"the body column {settings.body_column!r} is empty")
    if not isinstance(body, (str, bytes)):
        return Article(article_id, None, article_format, f"the body column {settings.body_column!r} holds {type(body).__name__}, not text")
    for column, value in ((settings.id_column, article_id), (settings.body_column, body)):
        surrogate = _lone_surrogate(value)
        if surrogate is not None:  # a JSON escape can spell one; Parquet (UTF-8) cannot hold it
            problem = f"{where}: the {column!r} column holds a lone surrogate ({surrogate!r}), not Unicode text"
            return Article(article_id if column != settings.id_column else f"<{where}>", None, article_format, problem)
    return Article(article_id, body, article_format)


def _lone_surrogate(value: str | bytes) -> str | None:
    """The first lone surrogate in a text value, if any.

    >>> _lone_surrogate("a \\udcff b"), _lone_surrogate("fine"), _lone_surrogate(b"\\xff")
    ('\\udcff', None, None)
    """
    if isinstance(value, bytes):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return value[error.start]
    return None


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
    if kind == "files":
        if root.is_file():
            raise copyedit.InputError(f"{root}: a file; --input-format files expects a folder of articles")
        relative = [path.relative_to(root).as_posix() for path in files]
        return [
            Partition(index, "files", str(root), tuple(relative[start : start + files_per_partition]))
            for index, start in enumerate(range(0, len(relative), files_per_partition))
        ]
    tables = [path for path in files if kind != "parquet" or path.suffix.lower() == ".parquet"]
    plans = _parquet_plans(tables, settings, rows_per_partition) if kind == "parquet" else _jsonl_plans(tables, jsonl_block_bytes)
    return [dataclasses.replace(plan, index=index) for index, plan in enumerate(plans)]


def _visible_files(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        found.extend(
            Path(folder, name) for name in sorted(names) if not name.startswith((".", "_")) and _regular(Path(folder, name))
        )
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
        wanted = [c for c in (settings.id_column, settings.body_column, settings.format_column) if c]
        missing = [c for c in wanted if c not in parquet.schema_arrow.names]
        if missing:
            raise copyedit.InputError(
                f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(parquet.schema_arrow.names)}); "
                "name them with --id-column / --body-column"
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


def _jsonl_plans(paths: Sequence[Path], block_bytes: int) -> list[Partition]:
    plans = []
    for path in paths:
        size = path.stat().st_size
        for start in range(0, size, block_bytes):
            plans.append(Partition(0, "jsonl", str(path), byte_range=(start, min(start + block_bytes, size))))
    return plans


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
    try:
        size = path.stat().st_size
        if size > limit:  # refuse before reading: one huge file must not exhaust a worker's memory
            return Article(member, None, article_format, f"document is {size:,} bytes, over the limit of {limit:,} (max_bytes)")
        return Article(member, read_regular_file(str(path)), article_format)
    except FileProblem as error:
        return Article(member, None, article_format, f"cannot read: {error.problem}")
    except OSError as error:
        return Article(member, None, article_format, f"cannot read: {error.strerror or error}")


def _parquet_articles(partition: Partition, settings: BatchSettings) -> list[Article]:
    columns = [c for c in (settings.id_column, settings.body_column, settings.format_column) if c]
    table = pq.ParquetFile(partition.path).read_row_groups(list(partition.row_groups), columns=columns)
    ids = table.column(settings.id_column).to_pylist()
    bodies = table.column(settings.body_column).to_pylist()
    formats = table.column(settings.format_column).to_pylist() if settings.format_column else [None] * len(ids)
    name = Path(partition.path).name
    return [
        _table_article(article_id, body, row_format, f"{name} row {number}", settings)
        for number, (article_id, body, row_format) in enumerate(zip(ids, bodies, formats))
    ]


def _jsonl_articles(partition: Partition, settings: BatchSettings) -> Iterator[Article]:
    name = Path(partition.path).name
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
        yield _table_article(
            record.get(settings.id_column),
            record.get(settings.body_column),
            record.get(settings.format_column) if settings.format_column else None,
            where,
            settings,
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
    return None if _missing(value) else str(value)


# --- One partition, start to finish (on a worker) ----------------------------------------------


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


def learn_site_chrome(
    partitions: Sequence[Partition], output: Path, client: Client, settings: BatchSettings
) -> tuple[BatchSettings, dict[str, chrome.Taught], int]:
    """Count the lines of every partition on the cluster, merge the counts here and learn
    (:func:`copyedit.chrome.for_site`); the settings to fix with, what was learned, from how many articles."""
    futures = client.map(count_partition, partitions, settings=settings, pure=False)
    counts = chrome.merge(client.gather(futures))
    config, learned = chrome.for_site(
        settings.config, counts, output / chrome.CACHE_NAME,
        min_count=settings.chrome_min_count, min_share=settings.chrome_min_share,
    )
    return dataclasses.replace(settings, config=config), learned, counts.articles


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
        body = article.body.encode("utf-8", "surrogatepass") if isinstance(article.body, str) else article.body or b""
        header = f"\0{article.id}\0{article.format}\0{article.problem or ''}\0{len(body)}\0"
        digest.update(header.encode("utf-8", "surrogatepass"))
        digest.update(body)
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


# --- The run (on the client) --------------------------------------------------------------------


def run_batch(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    client: Client,
    settings: BatchSettings | None = None,
    *,
    input_format: str = "auto",
    files_per_partition: int = 500,
    rows_per_partition: int = 2_000,
    on_partition: Callable[[PartitionReport, int, int], None] | None = None,
    on_learned: Callable[[dict[str, chrome.Taught], int], None] | None = None,
) -> BatchReport:
    """Process ``source`` into Parquet files under ``output`` on the cluster behind ``client``.

    Raises :class:`~copyedit.CopyeditError` before any work starts when the rules or the input
    cannot be used; afterwards a partition that fails (e.g. an unreadable input file) is
    reported in :attr:`BatchReport.failed` while the others go on, and a rerun retries it.
    ``output`` must be a folder every worker can write (a shared filesystem on a real cluster).
    With ``settings.learn_chrome`` the workers first count the lines of their partitions and the
    site chrome learned from them is written to ``output/.copyedit-chrome.yml`` (BP190), which
    every worker then reads; ``on_learned(learned, articles)`` is told what was learned.
    """
    from distributed import as_completed

    settings = settings or BatchSettings()
    started = time.perf_counter()
    copyedit.ruleset_for(settings.config)  # a broken rule file fails here, once, with its name
    partitions = plan_partitions(
        source,
        settings,
        input_format=input_format,
        files_per_partition=files_per_partition,
        rows_per_partition=rows_per_partition,
    )
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    if settings.learn_chrome:
        settings, learned, articles = learn_site_chrome(partitions, out.resolve(), client, settings)
        if on_learned:
            on_learned(learned, articles)
    fingerprint = run_fingerprint(settings)
    [shared_settings] = client.scatter([settings], broadcast=True, hash=False)
    futures = client.map(
        process_partition,
        partitions,
        output=str(out.resolve()),
        settings=shared_settings,
        fingerprint=fingerprint,
        pure=False,
    )
    names = {future.key: partition.name for future, partition in zip(futures, partitions)}
    reports: list[PartitionReport] = []
    failed: list[tuple[str, str]] = []
    for future in as_completed(futures):
        try:
            report = future.result()
        except Exception as error:  # noqa: BLE001 - one partition's failure is reported, the run goes on
            failed.append((names[future.key], f"{type(error).__name__}: {error}"))
            continue
        reports.append(report)
        if on_partition:
            on_partition(report, len(reports) + len(failed), len(partitions))
    _remove_beyond(out, len(partitions))
    statuses: Counter[str] = Counter()
    for report in reports:
        statuses.update(dict(report.statuses))
    return BatchReport(
        partitions=len(partitions),
        processed=sum(not report.skipped for report in reports),
        skipped=sum(report.skipped for report in reports),
        failed=tuple(sorted(failed)),
        articles=sum(report.articles for report in reports),
        statuses=tuple(sorted(statuses.items())),
        seconds=time.perf_counter() - started,
    )


def _remove_beyond(output: Path, count: int) -> None:
    """Remove output of partitions the input no longer has (it shrank since the last run)."""
    for path in output.iterdir():
        match = _PART_FILE.match(path.name)
        if match and int(match.group(1)) >= count:
            path.unlink()


@contextlib.contextmanager
def local_client(workers: int | None = None, memory_limit: str | None = "auto") -> Iterator[Client]:
    """A ``dask.distributed`` client on a new local cluster of worker *processes*, one thread each
    (the rules are pure Python, so processes, not threads, use the cores)."""
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=memory_limit,
    ) as cluster, Client(cluster) as client:
        yield client


def read_output(output: str | os.PathLike[str]) -> pandas.DataFrame:
    """All rows written under ``output`` as one DataFrame (for inspection and tests)."""
    files = sorted(path for path in Path(output).iterdir() if _PART_FILE.match(path.name))
    tables = [pq.read_table(path, schema=SCHEMA) for path in files]
    return (pa.concat_tables(tables) if tables else SCHEMA.empty_table()).to_pandas()
