"""One article of a batch: read, decoded as ``lint`` decodes a file, fixed or checked, and made
one output row (:data:`SCHEMA`); and the same work on a pandas DataFrame (:func:`fix_frame` for Dask
DataFrames, :func:`fix_frames` for Spark's ``mapInPandas``). Failures stay with their article: bytes
that are not text, an article over ``Config.max_bytes`` or an error while fixing it becomes the row's
``status`` and ``error``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

try:
    import pyarrow as pa
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("copyedit.batch needs pyarrow: pip install '.[dask]' in the copyedit clone") from error

import copyedit
from copyedit import Config, CopyeditError, Result, chrome, files
from copyedit.errors import SourceError
from copyedit.languages import language_code, source_language_code
from copyedit.qa import source_problem

if TYPE_CHECKING:
    import pandas

STATUS_OK, STATUS_INPUT_ERROR, STATUS_INTERNAL_ERROR = "ok", "input-error", "internal-error"
ARTICLE_FORMATS = ("auto", "text", "markdown", "html")

#: One row per article. ``body`` is the corrected text (the input for ``check_only``), null on
#: error; ``findings`` and ``fixes`` are JSON lists in the schema of :meth:`copyedit.Result.to_dict`;
#: ``warnings`` a JSON list of ``{"code", "field", "message"}``, as the service's: the result's (``Result.warnings``: a
#: source file that is empty, a source language the source is not written in).
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
        ("warnings", pa.string()),
    ]
)
#: The same schema as a Spark DDL string, for ``mapInPandas(..., schema=SPARK_SCHEMA)``.
SPARK_SCHEMA = (
    "id string, status string, error string, body string, changed boolean, findings string, fixes string, "
    "finding_counts map<string,int>, fix_counts map<string,int>, warnings string"
)


# A table's optional columns read by default, when a table has them: the names of a hook or service request's keys
DEFAULT_COLUMNS = {"format_column": "format", "source_column": "source", "source_lang_column": "source_lang", "language_column": "language"}


@dataclass(frozen=True)
class BatchSettings:
    """What every task needs to know; small and picklable, shipped to each worker once.

    ``format`` is the articles' markup (``auto``: by file extension for a folder, ``text`` for
    tables); ``format_column`` names a column that gives it per article instead.

    A table's optional columns have default names, the keys of a hook or service request (:data:`DEFAULT_COLUMNS`:
    ``format``, ``source``, ``source_lang``, ``language``): a column of that name is read when it is there and the
    setting is None (:meth:`with_columns_in`), as ``id`` and ``body`` are by default; ``""`` reads none. A named
    column must be there. ``format`` other than ``auto`` sets every article's markup: no ``format`` column is read
    then unless named.

    The bilingual checks run on an article that has a source text: in a folder, its sidecar file
    (``story.src.txt`` or ``story.src.ru.txt`` beside ``story.txt``, as for ``copyedit lint``), or with
    ``source_dir`` the file at the article's path in that folder (``lint --source-dir``); in a table,
    the ``source_column`` cell. The source language is ``source_lang``, else the sidecar
    name's or the ``source_lang_column`` cell's, else detected (as ``lint --source-lang``).

    An article's own language is the ``language_column`` cell's, else the configuration's
    (``Config.language``): the rules written for English run on the articles in English.

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
    source_column: str | None = None
    source_dir: str | None = None
    source_lang_column: str | None = None
    source_lang: str | None = None
    language_column: str | None = None
    # Learn site chrome across the run's plain-text and Markdown articles first (copyedit.chrome):
    # the learned BP190 rule goes to OUTPUT/.copyedit-chrome.yml, where every worker reads it.
    learn_chrome: bool = False
    chrome_min_count: int = chrome.MIN_COUNT
    chrome_min_share: float = chrome.MIN_SHARE
    encoding: str | None = None  # of article files without a BOM (default: UTF-8), as lint --encoding
    # which files of a folder are articles: those `copyedit lint FOLDER` reads (the configuration's include, exclude
    # and respect-gitignore; extensions in any case), by copyedit.files.articles_in
    selection: files.Selection = field(default_factory=files.Selection)

    def with_columns_in(self, columns: Collection[str] | None) -> BatchSettings:
        """These settings with each optional column left unnamed (None) named by its default name
        (:data:`DEFAULT_COLUMNS`) when ``columns`` holds it (None: a JSON Lines file, whose records may each hold it).

        >>> settings = BatchSettings().with_columns_in(["id", "body", "format"])
        >>> settings.format_column, settings.source_column
        ('format', None)
        >>> BatchSettings(format="html", source_column="").with_columns_in(None).format_column is None
        True
        """
        changes: dict[str, Any] = {
            name: default for name, default in DEFAULT_COLUMNS.items()
            if getattr(self, name) is None and (columns is None or default in columns)
            and not (name == "format_column" and self.format != "auto")  # --format: every article's markup
        }
        return replace(self, **changes) if changes else self

    def __post_init__(self) -> None:
        chrome.check_thresholds(self.chrome_min_count, self.chrome_min_share)
        if self.format not in ARTICLE_FORMATS:
            raise ValueError(f"format: {self.format!r} is not one of {', '.join(ARTICLE_FORMATS)}")
        if self.unsafe and self.check_only:
            raise ValueError("unsafe and check_only exclude each other: check_only applies no fixes")
        try:  # "" is none given, as everywhere
            object.__setattr__(self, "source_lang", source_language_code(self.source_lang))
        except ValueError as error:
            raise ValueError(f"source_lang {error}") from None


@dataclass(frozen=True)
class Article:
    """One article as read, before decoding: ``body`` is bytes from files, text from tables.

    ``problem`` says why it could not be read (then ``body`` is None). ``source`` is the text it was
    translated from, if any, read as ``source_name`` (its sidecar file, or its table cell), in ``source_format``
    (a sidecar's suffix says it: ``story.src.html``; None: the article's format).
    """

    id: str
    body: str | bytes | None
    format: str = "text"
    problem: str | None = None
    source: str | bytes | None = None
    source_lang: str | None = None
    source_name: str = "source"
    language: str | None = None  # the article's own, when it is not the configuration's
    source_format: str | None = None
    source_file: bool = False  # the source is a file (a sidecar, or under source_dir): an empty one is warned of


# --- One article -------------------------------------------------------------------------------


def decode(
    body: str | bytes, where: str = "body", encoding: str | None = None, what: str = "an article", encoding_option: str | None = "--encoding"
) -> files.TextFile:
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
        return files.TextFile(where, body, files.Layout(), b"")
    return files.decode(where, body, encoding, encoding_option, what)


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
        source, source_lang = _source(article, settings)
        result = _run(decoded.text, article.format, article.id, settings, source, source_lang, article.language, article.source_format)
    except files.FileProblem as error:
        return _error_row(article.id, STATUS_INPUT_ERROR, error.problem)
    except SourceError as error:  # the source is at fault (e.g. Markdown nested too deeply), not the article
        return _error_row(article.id, STATUS_INPUT_ERROR, f"{article.source_name}: {error.problem}")
    except CopyeditError as error:
        return _error_row(article.id, STATUS_INPUT_ERROR, str(error))
    except Exception as error:  # noqa: BLE001 - a bug in one rule must not stop an archive run
        return _error_row(article.id, STATUS_INTERNAL_ERROR, f"{type(error).__name__}: {error} (a copyedit bug)")
    return result_row(article.id, result, decoded.layout.newline)


def _source(article: Article, settings: BatchSettings) -> tuple[str | None, str | None]:
    """The article's source text, decoded as ``lint`` decodes a source file (a BOM, else strict UTF-8:
    ``encoding`` says how the articles are written, so no hint to it either, but one to save it as UTF-8), and its language."""
    if article.source is None:
        return None, None
    try:
        text = decode(article.source, article.source_name, what="a source text", encoding_option=None).text
    except files.FileProblem as error:
        raise copyedit.InputError(f"{article.source_name}: cannot read the source text: {source_problem(error.problem)}") from None
    if not article.source_file and not text.strip():
        return None, None  # a table's empty cell is no source, and says nothing (an empty source file is warned of)
    return text, settings.source_lang or article.source_lang


def _run(
    text: str, format: str, article_id: str, settings: BatchSettings, source: str | None = None, source_lang: str | None = None,
    language: str | None = None, source_format: str | None = None,
) -> Result:
    """Per-file ignores match the article's id: for a folder of files, its path in the folder."""
    config = settings.config.replace(language=language) if language is not None else settings.config
    if settings.check_only:
        return copyedit.check(
            text, format=format, config=config, path=article_id, source=source, source_lang=source_lang,
            source_format=source_format,
        )
    return copyedit.fix(
        text, format=format, unsafe=settings.unsafe, config=config, path=article_id, source=source, source_lang=source_lang,
        source_format=source_format,
    )


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
        "warnings": _json([warning.to_dict() for warning in result.warnings]),
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
        "warnings": "[]",
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- pandas: Dask DataFrames and Spark -----------------------------------------------------------


def fix_frame(frame: pandas.DataFrame, settings: BatchSettings) -> pandas.DataFrame:
    """Process a DataFrame of articles (``settings.id_column``, ``settings.body_column``) into
    rows of :data:`SCHEMA`, e.g. ``ddf.map_partitions(fix_frame, settings, meta=empty_frame())``.
    """
    settings = settings.with_columns_in([str(name) for name in frame.columns])  # a "format" or "source" column, unnamed
    missing = [c for c in table_columns(settings) if c not in frame]
    if missing:
        raise copyedit.InputError(f"no column {', '.join(map(repr, missing))} (columns: {', '.join(map(str, frame.columns))})")

    def column(name: str | None) -> Any:
        return frame[name] if name else [None] * len(frame)

    articles = (
        table_article(article_id, body, row_format, f"row {number}", settings, source, source_lang, language)
        for number, (article_id, body, row_format, source, source_lang, language) in enumerate(
            zip(
                frame[settings.id_column], frame[settings.body_column], column(settings.format_column),
                column(settings.source_column), column(settings.source_lang_column), column(settings.language_column),
            )
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


def table_columns(settings: BatchSettings) -> list[str]:
    """The columns a table of articles must have for these settings."""
    named = (
        settings.id_column, settings.body_column, settings.format_column, settings.source_column, settings.source_lang_column,
        settings.language_column,
    )
    return [name for name in named if name]


def table_article(
    article_id: Any, body: Any, row_format: Any, where: str, settings: BatchSettings, source: Any = None, source_lang: Any = None,
    language: Any = None,
) -> Article:
    """An article from a table row, with the problem spelled out when a cell is missing or wrong: a null
    id or body, or an empty id, is the row's input error; an empty body is an empty article, as an empty
    file is, and an empty source cell is an article without a source."""
    if missing(article_id) or str(article_id).strip() == "":
        state = "null" if missing(article_id) else "an empty string"
        return Article(f"<{where}>", None, problem=f"{where}: the id column {settings.id_column!r} is {state}: an article needs an id")
    article_id = str(article_id)
    article_format = str(row_format) if not missing(row_format) else "text" if settings.format == "auto" else settings.format
    if missing(body):
        # no text at all (a failed scrape, a missing field), which an empty string is not: that is an empty article,
        # checked as an empty file is
        return Article(article_id, None, article_format, f"the body column {settings.body_column!r} is null: no text to check")
    if not isinstance(body, (str, bytes)):
        return Article(article_id, None, article_format, f"the body column {settings.body_column!r} holds {type(body).__name__}, not text")
    source = None if missing(source) else source
    for column, value in ((settings.source_column, source), (settings.source_lang_column, source_lang), (settings.language_column, language)):
        wanted = (str, bytes) if column == settings.source_column else str
        if not missing(value) and not isinstance(value, wanted):
            return Article(article_id, None, article_format, f"the {column!r} column holds {type(value).__name__}, not text")
    for column, value in ((settings.id_column, article_id), (settings.body_column, body), (settings.source_column, source)):
        surrogate = None if value is None else _lone_surrogate(value)
        if surrogate is not None:  # a JSON escape can spell one; Parquet (UTF-8) cannot hold it
            problem = f"{where}: the {column!r} column holds a lone surrogate ({surrogate!r}), not Unicode text"
            return Article(article_id if column != settings.id_column else f"<{where}>", None, article_format, problem)
    codes: dict[str | None, str | None] = {}
    for column, value in ((settings.source_lang_column, source_lang), (settings.language_column, language)):
        codes[column] = None
        if not missing(value) and value.strip():
            try:
                codes[column] = language_code(value.strip())
            except ValueError as error:
                return Article(article_id, None, article_format, f"the {column!r} column {error}")
    return Article(
        article_id, body, article_format, source=source, source_lang=codes[settings.source_lang_column],
        source_name=f"{where}, column {settings.source_column!r}", language=codes[settings.language_column],
    )


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


def missing(value: Any) -> bool:
    """Whether a table cell is empty: None, NaN as pandas writes it in an object column, or pandas' NA (a
    ``string[pyarrow]`` column's, which Dask makes of object columns) and NaT.

    >>> import pandas
    >>> [missing(v) for v in (None, float("nan"), pandas.NA, pandas.NaT, "", "x", 0)]
    [True, True, True, True, False, False, False]
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    kind = type(value)  # (pandas is not imported for a test a table without it never needs)
    return kind.__name__ in ("NAType", "NaTType") and kind.__module__.startswith("pandas")
