"""Translation QA: checks that compare a translation with its source, or look for text left
untranslated, and names across scripts.

The checks themselves are python checks registered in :mod:`copyedit.checks` and enabled by
the built-in ``qa`` pack (codes ``LQ``). This package also gives front ends what they need to
find a source text and the format it is in: :func:`sidecar_source`, :func:`read_source` and :func:`source_format`.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from ..errors import InputError
from ..languages import LANGUAGE_TAG, language_code

_LANGUAGE_TAG = re.compile(LANGUAGE_TAG)

__all__ = ["article_of_sidecar", "counterparts", "read_source", "sidecar_language", "sidecar_path", "sidecar_source", "source_format", "source_problem"]

def sidecar_path(path: str | Path) -> Path | None:
    """The source file kept beside an article, if there is one.

    For ``article.txt`` these are tried in order: ``article.src.txt`` (or the article's own
    suffix, ``article.src.md``), then the other suffixes of the document formats (``article.src.html``: a
    source is read in the format its suffix names, :func:`source_format`), then ``article.src.<lang>.txt``
    (``article.src.ru.txt``, or another suffix), whose name also gives the source language. Only the article's
    last suffix is replaced: ``lenta.ru.344779.txt`` has its source in ``lenta.ru.344779.src.ru.txt``, and never
    shares one with ``lenta.ru.344780.txt``.
    """
    from ..files import FORMAT_BY_SUFFIX

    path = Path(path)
    stem, suffix = path.stem, path.suffix or ".txt"
    for name in dict.fromkeys((f"{stem}.src{suffix}", f"{stem}.src.txt", *(f"{stem}.src{other}" for other in FORMAT_BY_SUFFIX))):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    prefix = f"{stem}.src."
    tagged = [
        name for name in _file_names(path.parent, sources_only=True)
        if name.startswith(prefix) and "." in name[len(prefix) :] and _tag_language(name[len(prefix) :].split(".")[0])
    ]
    return path.with_name(tagged[0]) if tagged else None


def article_of_sidecar(path: str | Path) -> Path | None:
    """The article beside ``path`` whose sidecar source (:func:`sidecar_path`) ``path`` is, or None: a source
    has a name with ``.src.`` in it, and an article beside it that finds it.
    """
    path = Path(path)
    if ".src." not in path.name:
        return None
    # pre-commit may name a thousand sidecars of one folder: it is listed once (while its modification time holds)
    stem = path.name[: path.name.index(".src.")]
    for name in _file_names(path.parent):
        if not name.startswith(stem):
            continue
        if ".src." in name or not path.name.startswith(f"{Path(name).stem}.src."):
            continue
        article = path.with_name(name)
        found = sidecar_path(article) if article.is_file() else None
        if found is not None and found.name == path.name:
            return article
    return None


def _file_names(folder: Path, sources_only: bool = False) -> tuple[str, ...]:
    """The sorted names of the files in a folder, or of its sidecar sources (``*.src.*``) alone. Listing a
    folder of thousands of articles once per article made a directory lint quadratic, so each listing is
    kept for as long as the folder's modification time stays the same."""
    try:
        modified = os.stat(folder).st_mtime_ns
    except OSError:
        return ()
    return (_listed_source_names if sources_only else _listed_file_names)(str(folder), modified)


@functools.lru_cache(maxsize=64)
def _listed_file_names(folder: str, modified: int) -> tuple[str, ...]:
    try:
        with os.scandir(folder) as entries:
            return tuple(sorted(entry.name for entry in entries if entry.is_file()))
    except OSError:
        return ()


@functools.lru_cache(maxsize=64)
def _listed_source_names(folder: str, modified: int) -> tuple[str, ...]:
    return tuple(name for name in _listed_file_names(folder, modified) if ".src." in name)


def counterparts(source_dir: str, article: str) -> list[str]:
    """Where a folder of sources laid out as the articles are (``lint --source-dir``) may hold an article's source,
    most specific first: the folder joined with each end of the article's path, from its path relative to the current
    folder (as named, or as found in a folder named) down to its name. The first that is a file is the source.

    So a folder that mirrors the repository (pre-commit names ``news/2026/story.txt`` from its root), one laid out
    as the folder of articles named (``translated/desk/story.txt`` <-> ``originals/desk/story.txt``) and a flat one
    all serve, and an article has the same source whether it is named or found in a folder.

    >>> counterparts("originals", "translated/desk/story.txt")
    ['originals/translated/desk/story.txt', 'originals/desk/story.txt', 'originals/story.txt']
    >>> counterparts("originals", "./story.txt"), counterparts("src", "../elsewhere/story.txt")
    (['originals/story.txt'], ['src/elsewhere/story.txt', 'src/story.txt'])
    """
    path = os.path.normpath(article)
    if os.path.isabs(path):
        inside = os.path.relpath(path)
        path = inside if not inside.startswith(os.pardir) else os.path.splitdrive(path)[1]
    parts = [part for part in Path(path).parts if part not in (os.sep, os.pardir, os.curdir, "/")]
    return [os.path.join(source_dir, *parts[start:]) for start in range(len(parts))]


def read_source(path: str | Path, lang: str | None = None) -> tuple[str, str | None]:
    """A source text and its language: ``lang`` if given, else the one in the file name
    (``article.src.ru.txt``), else None (the check detects it: :func:`copyedit.engine.source_context`).

    The file is decoded as ``copyedit lint`` decodes an article (:func:`copyedit.files.decode`). Raises
    :class:`InputError` naming the file when it cannot be read.
    """
    from ..files import FileProblem, decode, describe_os_error, read_named

    path = Path(path)
    try:
        # decoded as an article is (a byte-order mark, UTF-16 among them, then strict UTF-8), but without lint's
        # --encoding, which says how the articles are written; read as a named file (<(…) works, no pipe blocks)
        text = decode(str(path), read_named(path), encoding_option=None, what="a source text").text
    except OSError as error:
        raise InputError(f"{path}: cannot read the source text: {describe_os_error(str(path), error)}") from None
    except FileProblem as error:
        raise InputError(f"{path}: cannot read the source text: {source_problem(error.problem)}") from None
    return text, lang or sidecar_language(path)


def source_problem(problem: str) -> str:
    """Why a source text could not be decoded, with how to have it read when it is not UTF-8: ``--encoding`` says
    how the articles are written, not their sources (a translation in latin-1, its Russian source in cp1251).

    >>> source_problem("not valid UTF-8 (byte 0xc1 at offset 0)")
    "not valid UTF-8 (byte 0xc1 at offset 0); a source text is read as UTF-8 unless a byte-order mark says otherwise (--encoding is the articles'): save it as UTF-8 (iconv -f ITS-ENCODING -t UTF-8)"
    """
    if not problem.startswith("not valid UTF-8"):
        return problem
    return (
        f"{problem}; a source text is read as UTF-8 unless a byte-order mark says otherwise (--encoding is the articles'):"
        " save it as UTF-8 (iconv -f ITS-ENCODING -t UTF-8)"
    )


def source_format(source: str | Path, article: str | Path, article_format: str) -> str:
    """The format a source file is read in: the one its suffix names, or the article's (``article_format``, which
    ``--format-in`` may have chosen) when the source has the article's own suffix or one that names no format.
    A plain-text article's HTML source is then read as HTML: its tags and its links' addresses are not text.

    >>> source_format("story.src.html", "story.txt", "text"), source_format("story.src.ru.txt", "story.html", "html")
    ('html', 'text')
    >>> source_format("story.src.txt", "story.txt", "html"), source_format("/dev/fd/63", "story.md", "markdown")
    ('html', 'markdown')
    """
    from ..files import FORMAT_BY_SUFFIX

    suffix = Path(source).suffix.lower()
    if suffix == Path(article).suffix.lower() or suffix not in FORMAT_BY_SUFFIX:
        return article_format
    return FORMAT_BY_SUFFIX[suffix]


def sidecar_language(path: str | Path) -> str | None:
    """The source language a sidecar's name gives (``article.src.ru.txt``), else None.

    >>> sidecar_language("a/story.src.ru.txt"), sidecar_language("story.src.pt-BR.md"), sidecar_language("story.src.txt")
    ('ru', 'pt', None)
    >>> sidecar_language("story.src.RU.txt"), sidecar_language("story.src.final.txt")  # read as any language code
    ('ru', None)

    A part written as a language code that names no language is an :class:`InputError` naming the file, as
    ``--source-lang`` would be refused: the source is not then compared as if in some other language.

    >>> sidecar_language("story.src.ua.txt")
    Traceback (most recent call last):
    ...
    copyedit.errors.InputError: story.src.ua.txt: the source language in the file name must be a language code such as 'ru', not 'ua': ua is the country code of Ukraine; Ukrainian is uk
    """
    parts = Path(path).name.split(".")
    if len(parts) < 4 or parts[-3] != "src" or not _tag_language(parts[-2]):
        return None
    try:
        return language_code(parts[-2])
    except ValueError as error:
        raise InputError(f"{Path(path).name}: the source language in the file name {error}") from None


def _tag_language(part: str) -> bool:
    """Whether a part of a file name is written as a language code (``ru``, ``pt-BR``), whether or not it names
    a language (a sidecar named ``story.src.ua.txt`` is one, and its language refused)."""
    return _LANGUAGE_TAG.fullmatch(part) is not None


def sidecar_source(path: str | Path, lang: str | None = None) -> tuple[str, str | None] | None:
    """The source text and language for the article at ``path`` from its sidecar file, or
    None when there is no sidecar (see :func:`sidecar_path`). A ``lang`` given (``--source-lang``)
    wins over the one in the sidecar's name; with neither the language is None (nothing is detected
    here: the checks detect it)."""
    found = sidecar_path(path)
    return read_source(found, lang) if found is not None else None
