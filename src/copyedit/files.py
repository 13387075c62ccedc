"""Files on disk: finding the articles under a path, reading them faithfully, writing them back safely.

Reading records everything needed to write a file back the way it was found: the encoding,
the byte-order mark, the line endings and the exact bytes (so a write can check that nobody
changed the file in the meantime). Writing goes to a temporary file in the same folder that
is then renamed over the original, so a reader never sees a half-written article.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import stat
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import InputError

if TYPE_CHECKING:  # imported where a pattern is first matched: 20 ms a CLI start that matches none saves
    import pathspec

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
BINARY_PROBE_BYTES = 8192

# Byte-order marks, longest first so UTF-32 is not mistaken for UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class FileProblem(InputError):
    """A file that cannot be read or written; the message names the path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


def format_for(path: str, default: str = "text") -> str:
    """The document format a file name implies.

    >>> format_for("news/a.md"), format_for("b.HTM"), format_for("c.rst")
    ('markdown', 'html', 'text')
    """
    return FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), default)


@dataclass(frozen=True)
class Layout:
    """How a file's text is laid out as bytes: its encoding, its byte-order mark and its line endings.
    What a file's report keeps, so that stdin's corrected text and a diff come out as the file was."""

    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"  # "\r\n" (or "\r") when every line ended so in the file, else "\n"

    def encode(self, text: str, path: str) -> bytes:
        """``text`` as the file's bytes: same encoding, BOM and line endings.

        >>> Layout("utf-8", codecs.BOM_UTF8, "\\r\\n").encode("One\\nTwo\\n", "a.txt")
        b'\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n'
        """
        try:
            return self.bom + self._ended(text).encode(self.encoding)
        except UnicodeEncodeError as error:
            raise FileProblem(path, f"the corrected text cannot be written as {self.encoding}: {error.reason}") from None

    def as_written(self, text: str) -> str:
        """``text`` with the file's line endings, and its mark when the file is UTF-8 with one: the
        lines a diff of the file shows, so that ``patch`` finds them."""
        text = self._ended(text)
        return ("\ufeff" + text) if self.bom == codecs.BOM_UTF8 else text

    def _ended(self, text: str) -> str:
        return text if self.newline == "\n" else text.replace("\n", self.newline)


@dataclass(frozen=True)
class TextFile:
    """A decoded file and how to encode it again exactly as it was."""

    path: str
    text: str  # decoded, BOM removed, CRLF (or lone CR) line endings turned into LF
    layout: Layout
    raw: bytes

    def encode(self, text: str) -> bytes:
        """``text`` as the file's bytes: same encoding, BOM and line endings.

        >>> f = decode("a.txt", b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n")
        >>> f.text, f.encode(f.text) == f.raw
        ('One\\nTwo\\n', True)
        >>> f = decode("mac.txt", b"One\\rTwo\\r")
        >>> f.text, f.encode(f.text) == f.raw
        ('One\\nTwo\\n', True)
        """
        return self.layout.encode(text, self.path)


def decode(
    path: str, raw: bytes, encoding: str | None = None, encoding_option: str | None = "--encoding", what: str = "an article"
) -> TextFile:
    """Decode a file's bytes: a BOM decides the encoding, then ``encoding``, then strict UTF-8. A file that
    is not valid UTF-8 is said to be so, with a hint to ``encoding_option`` when there is one; a binary
    file is said not to be ``what`` the file should hold.

    >>> decode("x.txt", b"caf\\xe9").text
    Traceback (most recent call last):
    ...
    copyedit.files.FileProblem: x.txt: not valid UTF-8 (byte 0xe9 at offset 3); pass --encoding to read it as another encoding
    >>> decode("x.txt", b"caf\\xe9", "latin-1").text
    'café'
    """
    bom, chosen = b"", encoding or "utf-8"
    for mark, name in _BOMS:
        if raw.startswith(mark):
            bom, chosen = mark, name
            break
    try:
        codec = codecs.lookup(chosen).name
    except LookupError:
        raise FileProblem(path, f"unknown encoding {chosen!r}") from None
    if not bom:
        # A file without a mark is written back without one: "utf-8-sig", "utf-16" and "utf-32" would add it.
        chosen = _UNMARKED.get(codec, chosen)
    body = raw[len(bom) :]
    if not bom and not codec.startswith(("utf-16", "utf-32")) and b"\0" in body[:BINARY_PROBE_BYTES]:
        raise FileProblem(path, f"binary file (contains NUL bytes); not {what}")
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as error:
        bad = body[error.start : error.start + 1]
        hint = f"; pass {encoding_option} to read it as another encoding" if encoding is None and encoding_option else ""
        name = "UTF-8" if chosen == "utf-8" else chosen
        raise FileProblem(path, f"not valid {name} (byte 0x{bad.hex()} at offset {error.start + len(bom)}){hint}") from None
    newline = "\n"
    if "\r" in text:
        if "\r\n" in text and text.count("\n") == text.count("\r\n") == text.count("\r"):
            newline, text = "\r\n", text.replace("\r\n", "\n")
        elif "\n" not in text:  # classic Mac OS: a line ends with CR alone
            newline, text = "\r", text.replace("\r", "\n")
    return TextFile(path, text, Layout(chosen, bom, newline), raw)

# The codec that reads a file without a byte-order mark as these do, and writes none.
_UNMARKED = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le" if sys.byteorder == "little" else "utf-16-be",
             "utf-32": "utf-32-le" if sys.byteorder == "little" else "utf-32-be"}


def read_file(path: str, encoding: str | None = None) -> TextFile:
    """Read and decode one file; every failure is a :class:`FileProblem` naming the path."""
    return decode(path, read_regular_file(path), encoding)


def read_regular_file(path: str) -> bytes:
    """The bytes of a regular file. Anything else (a named pipe, a socket, a device, a folder)
    is a :class:`FileProblem`, found without blocking: opening a pipe with no writer would
    otherwise wait forever.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        # an article was listed a moment ago: if it is gone, it went during the run
        vanished = " (it may have been removed during the run)" if error.errno == errno.ENOENT and not os.path.islink(path) else ""
        raise FileProblem(path, describe_os_error(path, error) + vanished) from None
    kind = file_kind(os.fstat(descriptor).st_mode)
    if kind != "regular file":  # before fdopen, which refuses a folder with an error of its own
        os.close(descriptor)
        raise FileProblem(path, f"not a regular file ({kind}); not an article")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read()
        except OSError as error:
            raise FileProblem(path, describe_os_error(path, error)) from None


def open_named(path: str | os.PathLike[str]) -> BinaryIO:
    """A file the user named (a source text, a configuration, a rule file, a glossary, a names dump, a decision
    log), open for reading its bytes: a regular file, or a pipe that something writes to (a shell's process
    substitution, ``<(…)``). Anything else is an :class:`OSError` that says what it is: a folder, a device, a
    socket, and a named pipe with no writer. A run never waits for a writer: the pipe is opened without waiting,
    and one that holds nothing and has no writer is refused, not read as an empty file (an empty configuration
    or source text would silently change the run)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    first = b""
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise OSError(errno.EINVAL, f"not a regular file ({file_kind(mode)})", os.fspath(path))
        if stat.S_ISFIFO(mode):
            first = _first_of_pipe(descriptor, os.fspath(path))
            os.set_blocking(descriptor, True)  # a writer is there, or was and left its bytes: read to its end
    except BaseException:
        os.close(descriptor)
        raise
    raw = os.fdopen(descriptor, "rb", buffering=0)
    return io.BufferedReader(raw if not first else _AfterFirstBytes(first, raw))


def _first_of_pipe(descriptor: int, path: str) -> bytes:
    """What a pipe opened without waiting holds at once. Nothing and no writer (the read ends at once) is
    refused; a writer that has not written yet is waited for by the caller's reads (it is there to finish)."""
    try:
        first = os.read(descriptor, 65536)
    except BlockingIOError:  # a writer is connected and has written nothing yet
        return b""
    if not first:
        raise OSError(errno.EINVAL, "named pipe with no writer (a run does not wait for one)", path)
    return first


class _AfterFirstBytes(io.RawIOBase):
    """A pipe read from its start: the bytes :func:`_first_of_pipe` took from it, then the rest."""

    def __init__(self, first: bytes, rest: io.FileIO) -> None:
        super().__init__()
        self._first, self._rest = first, rest

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._rest.fileno()

    def readinto(self, buffer: memoryview) -> int | None:  # type: ignore[override]
        if not self._first:
            return self._rest.readinto(buffer)
        size = min(len(buffer), len(self._first))
        buffer[:size], self._first = self._first[:size], self._first[size:]
        return size

    def close(self) -> None:
        self._rest.close()
        super().close()


def read_named(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file the user named (:func:`open_named`)."""
    with open_named(path) as handle:
        return handle.read()


def read_named_text(path: str | os.PathLike[str], encoding: str = "utf-8", errors: str = "strict") -> str:
    """:func:`read_named`, decoded as :meth:`pathlib.Path.read_text` decodes (universal newlines); a
    :class:`UnicodeDecodeError` is the caller's to report."""
    return io.TextIOWrapper(io.BytesIO(read_named(path)), encoding=encoding, errors=errors, newline=None).read()


def same_file(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (through symbolic and hard links); a path that names no file names none."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def file_kind(mode: int) -> str:
    """What a file's mode says it is, in words.

    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG | 0o644)
    ('named pipe', 'regular file')
    """
    kinds = (
        (stat.S_ISREG, "regular file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")


def _kind_of(path: str) -> str | None:
    """What ``path`` is (following symbolic links), or None when it cannot be looked at."""
    try:
        return file_kind(os.stat(path).st_mode)
    except OSError:
        return None


def reading_problem(path: str | os.PathLike[str], error: OSError | UnicodeDecodeError) -> str:
    """Why a file the user named (a configuration, rules, a glossary, a registry) could not be read, in the
    words every command uses for it.

    >>> reading_problem("x.toml", UnicodeDecodeError("utf-8", b"ab\\xff", 2, 3, "invalid start byte"))
    'not valid UTF-8 (byte 0xff at offset 2)'
    >>> reading_problem("/dev/zero", OSError(22, "not a regular file (character device)", "/dev/zero"))
    'cannot read: not a regular file (character device)'
    """
    if isinstance(error, UnicodeDecodeError):
        return f"not valid UTF-8 (byte 0x{error.object[error.start : error.start + 1].hex()} at offset {error.start})"
    return f"cannot read: {describe_os_error(os.fspath(path), error)}"


def describe_os_error(path: str, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "broken symbolic link (its target does not exist)" if os.path.islink(path) else "no such file"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.EACCES:
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a directory"
    return error.strerror or str(error)


def write_back(original: TextFile, text: str) -> bool:
    """Write ``text`` over the file atomically, keeping encoding, BOM, line endings, permissions and
    (:func:`write_atomically`) owner and group.

    Nothing is written when the bytes would not change. When the file on disk no longer holds
    the bytes that were read, it is left alone and :class:`FileProblem` says so. Returns True
    when the file was written.
    """
    data = original.encode(text)
    if data == original.raw:
        return False
    path = original.path
    try:
        with open(path, "rb") as handle:
            current = handle.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as error:
        raise FileProblem(path, f"not written: {describe_os_error(path, error)}") from None
    if current != original.raw:
        raise FileProblem(path, "not written: the file changed on disk since it was read")
    # Renaming over a file needs only the folder's permission: honour the file's own, and its
    # write bits even for root, so a file someone made read-only stays as it is.
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise FileProblem(path, "not written: the file is read-only")
    try:
        write_atomically(os.path.realpath(path), data, mode)  # the file a symlink points to, not the link
    except OSError as error:
        raise FileProblem(path, f"not written: {describe_os_error(path, error)}") from None
    return True


def write_atomically(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed over it once
    written: a reader finds the old file or the new one, never half of one, and a failure (an
    ``OSError``) leaves nothing behind. ``mode``: the file's permissions (by default the file's own if
    it is there, else those a new file gets). A file that is there keeps its owner and group where
    this process may give them (root may; others keep a group they belong to), as an editor saving
    it does. The new file is a new inode: another hard link to the old one keeps the old bytes."""
    try:
        before: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        before = None
    if mode is None and before is not None:
        mode = stat.S_IMODE(before.st_mode)
    temporary = os.path.join(os.path.dirname(os.path.abspath(path)), f".copyedit-{uuid.uuid4().hex}.tmp")
    # a new file is created as open() creates one, 0o666 less the umask (reading the umask means setting it,
    # which races with other threads); a file's own permissions, or those asked for, are set after
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600 if mode is not None else 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if before is not None:
            _keep_owner(temporary, before)  # before chmod: a change of owner clears the set-user-ID bit
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_owner(path: str, before: os.stat_result) -> None:
    """Give ``path`` the owner and group of the file it replaces, as far as this process may."""
    if not hasattr(os, "chown"):
        return
    current = os.stat(path)
    if (current.st_uid, current.st_gid) == (before.st_uid, before.st_gid):
        return
    try:
        os.chown(path, before.st_uid, before.st_gid)  # root (or CAP_CHOWN)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(path, -1, before.st_gid)  # a group the user belongs to


def hard_links(path: str) -> int:
    """How many names the file at ``path`` has (1 when it cannot be told)."""
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 1


@dataclass(frozen=True)
class Selection:
    """Which files a directory walk picks: globs in gitignore syntax."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True

    def included(self, relative: str) -> bool:
        """Whether a file (path relative to the walk root, '/'-separated) is linted. Its extension matches
        in any case (archives from Windows hold ``STORY.TXT``): a glob matches the path as it is or with
        its extension in lower case, for ``include`` and ``exclude`` alike.

        >>> Selection(exclude=("drafts/",)).included("drafts/a.md"), Selection().included("a/b.txt")
        (False, True)
        >>> Selection().included("notes.rst"), Selection().included("desk/STORY.TXT"), Selection().included("page.Html")
        (False, True, True)
        >>> Selection(exclude=("*.md",)).included("README.MD")
        False
        """
        forms = _extension_forms(matchable(relative))
        return _matched(_spec(self.include), forms) and not _matched(_spec(self.exclude), forms)

    def excluded_folder(self, relative: str) -> bool:
        return _spec(self.exclude).match_file(matchable(relative.rstrip("/") + "/"))


def _matched(spec: pathspec.GitIgnoreSpec, forms: tuple[str, ...]) -> bool:
    """Whether the globs select a path given in its :func:`_extension_forms`: the path as it is decides when a
    glob (or a ``!`` negation) names it, else the path with its extension in lower case.

    >>> spec = gitignore_spec(["*.txt", "!KEEP.TXT"])
    >>> _matched(spec, _extension_forms("A.TXT")), _matched(spec, _extension_forms("KEEP.TXT"))
    (True, False)
    """
    for form in forms:
        verdict = spec.check_file(form).include
        if verdict is not None:
            return verdict
    return False


def _extension_forms(path: str) -> tuple[str, ...]:
    """``path``, and the same path with its extension in lower case when that differs.

    >>> _extension_forms("Desk/STORY.TXT"), _extension_forms("desk/a.txt"), _extension_forms("NOTES")
    (('Desk/STORY.TXT', 'Desk/STORY.txt'), ('desk/a.txt',), ('NOTES',))
    """
    stem, extension = os.path.splitext(path)
    lowered = extension.lower()
    return (path,) if lowered == extension else (path, stem + lowered)


def matchable(name: str) -> str:
    """A path as globs can be matched against: a name that is not UTF-8 on disk (Python keeps its
    bytes as lone surrogates) has each such byte read as U+FFFD, which a glob's ``*`` matches.

    >>> matchable("news/a.txt"), matchable("bad\\udcffname.txt")
    ('news/a.txt', 'bad\ufffdname.txt')
    """
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return _compiled(tuple(patterns))


_SPECS: dict[tuple[str, ...], pathspec.GitIgnoreSpec] = {}


def _compiled(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """The gitignore-style matcher of ``patterns`` (kept: the same few are asked of every file)."""
    spec = _SPECS.get(patterns)
    if spec is None:
        spec = _SPECS[patterns] = gitignore_spec(patterns)
    return spec


def glob_problem(pattern: str) -> str | None:
    """What is wrong with an ``include`` or ``exclude`` glob (gitignore syntax), or None when it is valid. pathspec
    drops a pattern it cannot read without a word (``[abc``), or fails with a regex error: either way the
    files it was meant to name would be "no files to check".

    >>> glob_problem("*.txt"), glob_problem("drafts/"), glob_problem("[!_]*.md")
    (None, None, None)
    >>> glob_problem("[abc")
    "a '[' is never closed by ']'"
    >>> glob_problem("[z-a]*")
    'bad character range z-a'
    >>> glob_problem("#notes.txt"), glob_problem("")
    ('a # starts a comment in gitignore syntax (write \\\\# for a name that starts with #)', 'an empty glob names no file')
    >>> glob_problem("story\\\\")
    'ends with a lone backslash'
    """
    import re

    import pathspec

    if not pattern.strip():
        return "an empty glob names no file"
    if pattern.strip() == "!":
        return "a lone ! negates nothing"
    if pattern.startswith("#"):
        return "a # starts a comment in gitignore syntax (write \\# for a name that starts with #)"
    try:
        [compiled] = pathspec.GitIgnoreSpec.from_lines([pattern]).patterns
    except re.error as error:
        return str(error.msg)
    except ValueError as error:  # pathspec's GitIgnorePatternError: a trailing backslash, a lone "!"
        if pattern.rstrip().endswith("\\"):
            return "ends with a lone backslash"
        return str(error)
    if compiled.regex is None:  # read as nothing
        if "[" in pattern and "]" not in pattern[pattern.index("[") + 1 :]:
            return "a '[' is never closed by ']'"
        return "names no file"
    return None


def gitignore_spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """A gitignore-style matcher of ``lines``, by pathspec's regular expressions. Where Hyperscan is installed,
    pathspec 1.x compiles a Hyperscan database of each spec instead: 11 ms of CPU for the default include globs and
    3 ms to import its backend, at every CLI start, to match each path about 1 µs sooner."""
    import pathspec

    lines = tuple(lines)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
    except TypeError:  # pathspec 0.12 has no backends: only its regular expressions
        return pathspec.GitIgnoreSpec.from_lines(lines)


@dataclass(frozen=True)
class Found:
    """A file to lint (``problem`` is None) or a path that cannot be linted and why."""

    path: str
    problem: str | None = None
    relative: str | None = None  # its path inside the folder named on the command line (its name, for a file named there)
    named: bool = False  # named on the command line (not found in a folder)


class _Gitignores:
    """The .gitignore files that apply inside a walk, each matched relative to its own folder."""

    def __init__(self, root: Path) -> None:
        self._specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        for folder in _ancestors_in_repository(root):
            self.add(folder)

    def add(self, folder: Path) -> None:
        ignore_file = folder / ".gitignore"
        try:
            lines = read_named_text(ignore_file, errors="replace").splitlines()
        except OSError:
            return
        self._specs.append((folder, gitignore_spec(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder, spec in self._specs:
            try:
                relative = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            if spec.match_file(matchable(relative + "/" if is_dir else relative)):
                return True
        return False


def _ancestors_in_repository(root: Path) -> list[Path]:
    """``root`` and, when it is inside a git repository, its parents up to the repository's top."""
    chain = [root]
    for parent in root.parents:
        if (chain[-1] / ".git").exists():
            break
        chain.append(parent)
    else:
        return [root]  # not inside a repository: only the walked tree's own .gitignore files count
    return list(reversed(chain))


SelectionFor = Callable[[str], "tuple[Selection, str]"]


def is_sidecar_source(name: str) -> bool:
    """``article.src.txt`` / ``article.src.ru.txt`` hold the source of ``article.txt``: checked
    with it, never linted as articles of their own.

    >>> is_sidecar_source("article.src.ru.txt"), is_sidecar_source("source.txt")
    (True, False)
    """
    return ".src." in name


# How an HTML report of copyedit's begins (:func:`copyedit.reporting.redline.render`): its generator tag, or (in a
# report written before it had one) its title, within the first bytes of the file.
REPORT_MARKERS = (b'<meta name="generator" content="copyedit', b"<title>copyedit report: ")
_REPORT_PROBE_BYTES = 512


def is_copyedit_report(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` is an HTML report copyedit wrote (``lint --format html -o FILE``): a folder walk
    leaves it out, as it does sidecar sources, so a report written into the linted folder is not linted on the next
    run. Only ``.html``/``.htm`` files are opened; one that cannot be read is no report (reading it says why).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report, article = Path(folder, "report.html"), Path(folder, "story.html")
    ...     _ = report.write_text('<!DOCTYPE html>\\n<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="copyedit 1.0">')
    ...     _ = article.write_text("<p>copyedit report: the tool's name in an article</p>")
    ...     is_copyedit_report(report), is_copyedit_report(article)
    (True, False)
    """
    if Path(path).suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(_REPORT_PROBE_BYTES)
    except OSError:
        return False
    return head.startswith(b"<!DOCTYPE html>") and any(marker in head for marker in REPORT_MARKERS)


def walk(paths: Iterable[str], selection_for: SelectionFor) -> Iterator[Found]:
    """The files to lint under ``paths``, in a stable (sorted) order within each path.

    A file named on the command line is always linted (a named pipe, socket or device named
    there is reported, never opened); directories are walked recursively, skipping hidden
    files and folders, excluded paths, (unless disabled) what .gitignore ignores and anything that is not
    a regular file.
    ``selection_for(folder)`` gives the include/exclude globs that apply in a folder and the
    folder they are relative to (the configuration file's). Symbolic links to folders are
    not followed, so a link loop cannot trap the walk. A file found again (named twice, or through a
    symbolic link to a file already found) is linted once, under its first path: two jobs on one file
    would race to write it.
    """
    seen: set[tuple[int, int]] = set()
    for found in _found(paths, selection_for):
        if found.problem is None and found.path != "-":
            try:
                status = os.stat(found.path)
            except OSError:
                yield found  # gone since the listing: reading it says so
                continue
            identity = (status.st_dev, status.st_ino)
            if identity in seen:
                continue
            seen.add(identity)
        yield found


def articles_in(folder: str | os.PathLike[str], selection: Selection | None = None) -> list[str]:
    """The articles under ``folder`` that ``copyedit lint FOLDER`` reads (:func:`walk`, with ``selection`` and
    its globs relative to ``folder``), as '/'-separated paths relative to it; what cannot be read (a broken
    link) is left out. ``copyedit batch`` and ``copyedit chrome learn`` take their articles from here, so all
    three find the same files.
    """
    top, chosen = os.fspath(folder), selection or Selection()
    return [found.relative or found.path for found in walk([top], lambda _: (chosen, top)) if found.problem is None]


def _found(paths: Iterable[str], selection_for: SelectionFor) -> Iterator[Found]:
    for given in paths:
        if given == "-":
            yield Found("-")
        elif os.path.islink(given) and not os.path.exists(given):
            yield Found(given, "symbolic link loop" if _is_loop(given) else "broken symbolic link (its target does not exist)")
        elif os.path.isdir(given):
            yield from _walk_folder(given, selection_for)
        elif not os.path.exists(given):
            yield Found(given, "no such file or directory")
        elif (kind := _kind_of(given)) not in ("regular file", None):
            yield Found(given, f"not a regular file ({kind}); not an article")
        else:
            yield Found(given, relative=os.path.basename(given), named=True)


def _is_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _relative_to(path: str, base: str, fallback: str) -> str:
    absolute = os.path.abspath(path)
    for start in (base, fallback):
        relative = os.path.relpath(absolute, os.path.abspath(start))
        if not relative.startswith(".."):
            return Path(relative).as_posix()
    return Path(path).as_posix()


def _joined(folder: str, name: str) -> str:
    """A name in a folder given as a relative POSIX path ("." for the folder itself).

    >>> _joined(".", "a.txt"), _joined("news/2024", "a.txt")
    ('a.txt', 'news/2024/a.txt')
    """
    return name if folder == "." else f"{folder}/{name}"


def _walk_folder(top: str, selection_for: SelectionFor) -> Iterator[Found]:
    root = Path(top)
    resolved_root = root.resolve()
    gitignores = _Gitignores(resolved_root) if selection_for(top)[0].respect_gitignore else None
    for folder, dirs, files in os.walk(top, followlinks=False):
        here = Path(folder)
        resolved_here = resolved_root / here.relative_to(root)
        if gitignores is not None and here != root:
            gitignores.add(resolved_here)
        selection, base = selection_for(folder)
        # the folder's paths relative to the selection's folder and to the walked one, worked out once for its entries
        to_base, from_top = _relative_to(folder, base, top), Path(os.path.relpath(folder, top)).as_posix()
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if name.startswith(".") or selection.excluded_folder(_joined(to_base, name)):
                continue
            if gitignores is not None and gitignores.ignored(resolved_here / name, is_dir=True):
                continue
            if os.path.islink(path):
                continue  # never follow links to folders: no loops, no walking out of the tree
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = os.path.normpath(os.path.join(folder, name))
            if name.startswith(".") or is_sidecar_source(name) or not selection.included(_joined(to_base, name)):
                continue
            if gitignores is not None and gitignores.ignored(resolved_here / name, is_dir=False):
                continue
            if os.path.islink(path) and not os.path.exists(path):
                yield Found(path, "symbolic link loop" if _is_loop(path) else "broken symbolic link (its target does not exist)")
            elif _kind_of(path) in ("regular file", None):  # None: gone since the listing; reading says so
                if is_copyedit_report(path):
                    continue  # copyedit's own output (an HTML report written into the folder), not an article
                yield Found(path, relative=_joined(from_top, name))
