"""Find input files and stream them as raw documents (or read failures), in bounded memory.

A SOURCE is a file, a folder (searched recursively) or a glob. Each `.jsonl`
line is its own document; every other file is one document.
"""

from __future__ import annotations

import errno
import glob
import gzip
import hashlib
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024  # a news page is KBs; bigger plain files are logs or dumps
MAX_FILE_BYTES_ENV = "NEWSMILL_MAX_FILE_BYTES"  # overrides the default; --max-file-bytes overrides both
MAX_RECORD_BYTES = 20 * 1024 * 1024

_TYPES = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html", ".jsonl": "jsonl"}
_SIZE_UNITS = {"": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


class SourceError(ValueError):
    """A SOURCE argument that names nothing readable: the run cannot start."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One discovered input location.

    A run holds one per input file until it reads it, so it is kept small: plain strings
    and slots, no Path (a Path keeps each part of the name as its own string). Discovering
    90k files took 79 MiB with Paths and per-object dicts, 27 MiB this way (0.3 KB a file).
    """

    location: str  # the path as found (not resolved)
    source_uri: str  # relative to the working directory when below it
    kind: str  # 'text/plain', 'text/html', 'jsonl' or 'unsupported'
    problem: tuple[str, str] | None = None  # (check, reason): a location that cannot be read at all
    real: str | None = None  # the file's real path (set by discover): its identity and stat-cache key

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass(frozen=True)
class RawInput:
    """One document's bytes and provenance; doc_id is the sha256 of the bytes as read."""

    source_uri: str
    doc_id: str
    data: bytes
    content_type: str
    url: str | None = None
    fetched_at: str | None = None
    line: int | None = None  # its line in a JSONL file (the stat cache's record index, flows/file_index.py)


@dataclass(frozen=True)
class ReadFailure:
    """An input location that yielded no document: a rejects row, never a crash."""

    source_uri: str
    check: str
    reason: str
    doc_id: str | None = None  # set when bytes were read but are not a document
    data: bytes | None = None
    line: int | None = None  # as RawInput.line


def parse_size(text: str) -> int:
    """'52428800', '50M', '200kb', '1G' → bytes; ValueError for anything else."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", str(text).lower())
    if not match or match[2] not in _SIZE_UNITS:
        raise ValueError(f"not a size: {text!r} (use bytes or a K/M/G suffix, e.g. 50M)")
    return int(match[1]) * _SIZE_UNITS[match[2]]


def max_file_bytes(value: int | None = None) -> int:
    """The size limit for one file: `value`, else $NEWSMILL_MAX_FILE_BYTES, else 50 MiB."""
    if value is not None:
        return value
    env = os.environ.get(MAX_FILE_BYTES_ENV)
    try:
        return parse_size(env) if env else MAX_FILE_BYTES
    except ValueError as exc:
        raise ValueError(f"${MAX_FILE_BYTES_ENV}: {exc}") from None


def kind_of(path: Path) -> str:
    return kind_of_name(path.name)


def kind_of_name(name: str) -> str:
    """The input kind a file name says (the folder walk asks per file, without a Path)."""
    # Path(name).suffixes, spelled out: a name ending in '.' has none, leading dots are not one
    suffixes = [] if name.endswith(".") else ["." + s.lower() for s in name.lstrip(".").split(".")[1:][-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _TYPES.get(suffixes[-1], "unsupported") if suffixes else "unsupported"


def safe_text(text: str) -> str:
    """Text that can be stored as UTF-8: undecodable file-name bytes and lone surrogates escaped."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # a file name with non-UTF-8 bytes (os.fsdecode's surrogateescape) → "\xff"
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # lone surrogates from JSON "\ud800": paired ones joined, the rest U+FFFD
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class _Locator:
    """Source URIs and de-duplication keys for one discovery.

    The working directory and each folder's real path are resolved once, not once per
    file: a scheduled run over 100k unchanged files spent a third of its time here.
    """

    def __init__(self) -> None:
        self.cwd = str(Path.cwd().resolve())
        self._below_cwd = self.cwd.rstrip("/") + "/"  # what a real path below it starts with
        self._real: dict[str, str] = {}
        self._folder_uri: dict[str, str] = {}

    def real_dir(self, folder: str) -> str:
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.path.realpath(folder)
        return real

    def subfolder(self, parent: str, name: str) -> None:
        """The walk found folder `name` (not a link) in the folder whose absolute path is `parent`:
        its real path is the parent's plus its name, with no `realpath` walk over every component."""
        folder = _join(parent, name)
        if folder not in self._real:
            self._real[folder] = _join(self.real_dir(parent), name)

    def uri(self, path: Path) -> str:
        """The location as given (symlinks not followed), relative to the working directory when below it."""
        return self.uri_in(*os.path.split(os.path.abspath(path)))

    def uri_in(self, parent: str, name: str) -> str:
        """`uri` of `name` in the folder whose absolute path is `parent` (the folder's part is cached)."""
        folder = self._folder_uri.get(parent)
        if folder is None:
            folder = self._folder_uri[parent] = self._uri_of_folder(parent)
        return safe_text(name if folder == "." else _join(folder, name))

    def _uri_of_folder(self, parent: str) -> str:
        """Once per folder: its real path relative to the working directory, else as given (absolute)."""
        real = self.real_dir(parent)  # normalised, so a prefix on a separator is Path.relative_to
        if real == self.cwd:
            return "."
        if real.startswith(self._below_cwd):
            return real[len(self._below_cwd):]
        return Path(parent).as_posix()

    def entry(self, path: Path, link: bool) -> InputFile:
        parent, name = os.path.split(os.path.abspath(path))
        return self.entry_in(parent, os.fspath(path), name, link, kind_of(path))

    def entry_in(self, parent: str, location: str, name: str, link: bool, kind: str) -> InputFile:
        """The file `name` in the folder whose absolute path is `parent`, found at `location`
        (the folder walk's per-file step: the folder's URI and real path come from the caches)."""
        problem = _problem(location)
        uri = self.uri_in(parent, name)
        real = None if problem else os.path.realpath(location) if link else _join(self.real_dir(parent), name)
        # the three are often the same text: one string object then, not three (held per file for the run)
        uri = location if uri == location else uri
        real = location if real == location else uri if real == uri else real
        return InputFile(location, uri, kind, problem, real)

    @staticmethod
    def key(item: InputFile) -> str:
        """The same file named twice (or through a link) is read once; problems are kept per location."""
        return item.real or os.path.abspath(item.location)


def discover(sources: list[str]) -> list[InputFile]:
    """All input files named by `sources`, sorted and de-duplicated.

    Folder walks skip hidden entries and files of unknown type; a file named
    explicitly is always returned (unknown types are rejected later, visibly).
    Broken symlinks, symlink loops, special files (FIFOs, devices) and folders
    that cannot be listed are returned with a `problem`, so they become rejects
    instead of vanishing. Raises SourceError when a SOURCE matches nothing.
    """
    found: dict[str, InputFile] = {}
    where = _Locator()
    for source in sources:
        for match in _matches(source):
            if os.path.isdir(match):
                for item in _walk(match, where):
                    found.setdefault(where.key(item), item)
            elif os.path.lexists(match):
                item = where.entry(match, link=True)
                found.setdefault(where.key(item), item)
    return sorted(found.values(), key=lambda f: f.source_uri)


def check_sources(sources: list[str]) -> None:
    """Raise SourceError when a SOURCE matches nothing (no folder walk: a fast check before a run)."""
    for source in sources:
        _matches(source)


def _matches(source: str) -> list[Path]:
    matches = [Path(p) for p in sorted(glob.glob(source, recursive=True))] if glob.has_magic(source) else [Path(source)]
    if not any(os.path.lexists(m) for m in matches):
        raise SourceError(f"source not found: {source}")
    return matches


def _problem(path: str | Path) -> tuple[str, str] | None:
    """Why `path` cannot be read as a file, or None (decided from metadata, nothing read)."""
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        if os.path.islink(path):
            return "broken_symlink", f"symbolic link to {safe_text(os.readlink(path))!r}, which does not exist"
        return "unreadable", "the file disappeared before it could be read"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink_loop", "symbolic links that lead back to themselves (a loop)"
        return "unreadable", f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "not_regular_file", "a FIFO, socket or device, not a file (reading it could block forever)"
    return None


def _walk(root: Path, where: _Locator) -> Iterator[InputFile]:
    """Files below `root`, following folder symlinks once each; loops and errors reported.

    Paths are plain strings, spelled as `Path` would (a file of the folder '.' is just its
    name): a walk over 100k files spent most of its time building Paths.
    """
    visited: set[tuple[int, int]] = set()
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in visited:
                continue  # reached again through a link: already walked
            visited.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problem = ("unreadable", f"cannot list folder: {exc.strerror or exc}")
            yield InputFile(folder, where.uri(Path(folder)), "folder", problem)
            continue
        parent = os.path.abspath(folder)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue  # hidden: editor swap files, .git, our own .staging
            path = name if folder == "." else _join(folder, name)
            if _is_dir(entry):
                if entry.is_symlink() and _is_ancestor(Path(path)):
                    problem = ("symlink_loop", "folder link points at a folder that contains it (a loop)")
                    yield InputFile(path, where.uri_in(parent, name), "folder", problem)
                else:
                    if not entry.is_symlink():
                        where.subfolder(parent, name)
                    stack.append(path)
            else:
                kind = kind_of_name(name)
                if kind != "unsupported":
                    yield where.entry_in(parent, path, name, entry.is_symlink(), kind)


def _join(folder: str, name: str) -> str:
    """os.path.join(folder, name) for a file name (never absolute), without its generality (a third of
    a 100k-file walk)."""
    return folder + name if folder.endswith("/") else folder + "/" + name


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: reported as a file problem if its name is an input type
        return False


def _is_ancestor(link: Path) -> bool:
    target = os.path.realpath(link)
    parent = os.path.realpath(link.parent)
    return parent == target or parent.startswith(target.rstrip(os.sep) + os.sep)


def read_inputs(files: list[InputFile], max_bytes: int | None = None) -> Iterator[RawInput | ReadFailure]:
    """Stream raw documents from files; problems become ReadFailure items, never exceptions.

    `max_bytes` limits one .txt/.html file (checked from its size before reading);
    JSONL files are streamed and limited per record instead.
    """
    limit = max_file_bytes(max_bytes)
    for item in files:
        if item.problem:
            yield ReadFailure(item.source_uri, *item.problem)
        elif item.kind == "unsupported":
            yield ReadFailure(item.source_uri, "unsupported_type",
                              f"unsupported file type {safe_text(''.join(item.path.suffixes)) or '(none)'}; "
                              "expected .txt, .html, .htm or .jsonl, optionally .gz")
        elif item.kind == "jsonl":
            yield from _read_jsonl(item)
        else:
            yield _read_file(item, limit)


def _read_file(item: InputFile, limit: int) -> RawInput | ReadFailure:
    try:
        with open(item.path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                return ReadFailure(item.source_uri, "too_large",
                                   f"{size:,} bytes exceeds the {limit:,}-byte limit for one page "
                                   f"(--max-file-bytes or ${MAX_FILE_BYTES_ENV} raise it)")
            data = handle.read(limit + 1)  # a file still growing cannot push past the limit
    except OSError as exc:
        return ReadFailure(item.source_uri, "unreadable", f"cannot read file: {exc.strerror or exc}")
    if len(data) > limit:
        return ReadFailure(item.source_uri, "too_large", f"grew past the {limit:,}-byte limit while being read")
    return RawInput(item.source_uri, hashlib.sha256(data).hexdigest(), data, item.kind)


def _open_lines(item: InputFile):
    if item.path.suffix.lower() == ".gz":
        return gzip.open(item.path, "rb")
    return item.path.open("rb")


def _read_jsonl(item: InputFile) -> Iterator[RawInput | ReadFailure]:
    """One document per line; bad lines are rejected with their line number."""
    line_no = records = 0
    try:
        with _open_lines(item) as handle:
            while True:
                line = handle.readline(MAX_RECORD_BYTES + 1)
                if not line:
                    break
                line_no += 1
                if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of an oversized line without holding it
                if not line.strip():
                    continue
                records += 1
                yield _record(item, line_no, line)
    except (OSError, EOFError, zlib.error) as exc:
        gz = isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile))
        where = f"after line {line_no}" if line_no else "before the first line"
        yield ReadFailure(item.source_uri, "bad_gzip" if gz else "unreadable",
                          f"{'gzip stream is truncated or corrupt' if gz else 'cannot read file'} ({where}): "
                          f"{safe_text(str(getattr(exc, 'strerror', None) or exc))}")
        return
    if records == 0:
        yield ReadFailure(item.source_uri, "empty_input", "the JSONL file holds no records")


def record_uri(file_uri: str, line_no: int) -> str:
    """The source_uri of a JSONL record without a URL: the file's, with its line number."""
    return f"{file_uri}#L{line_no}"


def _record(item: InputFile, line_no: int, line: bytes) -> RawInput | ReadFailure:
    uri = record_uri(item.source_uri, line_no)
    doc_id = hashlib.sha256(line.rstrip(b"\r\n")).hexdigest()
    if len(line) > MAX_RECORD_BYTES:
        return ReadFailure(uri, "too_large", f"line {line_no} is over the {MAX_RECORD_BYTES:,}-byte limit for one record",
                           doc_id, line[:4096], line_no)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return ReadFailure(uri, "bad_json", f"line {line_no} is not valid JSON: {type(exc).__name__}: {str(exc)[:200]}",
                           doc_id, line, line_no)
    if not isinstance(record, dict):
        return ReadFailure(uri, "bad_json", f"line {line_no} is JSON but not an object", doc_id, line, line_no)
    html, text = record.get("html"), record.get("text")
    body, content_type = (html, "text/html") if isinstance(html, str) and html.strip() else (text, "text/plain")
    if not isinstance(body, str):
        return ReadFailure(uri, "missing_field", f"line {line_no} has neither a 'text' nor an 'html' string", doc_id,
                           line, line_no)
    url = _short_str(record.get("url"))
    fetched = _short_str(record.get("fetched_at"))
    return RawInput(url or uri, doc_id, safe_text(body).encode("utf-8"), content_type, url, fetched, line_no)


def _short_str(value: object, limit: int = 2048) -> str | None:
    """A string field usable as a location or timestamp (too long or not a string: ignored)."""
    return safe_text(value) if isinstance(value, str) and value.strip() and len(value) <= limit else None


def ensure_writable(directory: str | os.PathLike) -> Path:
    """Create the warehouse folder if needed; SourceError when it cannot be written."""
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise SourceError(f"warehouse {path} is not writable: {exc.strerror or exc}") from None
    return path
