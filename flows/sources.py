"""Find input files and stream them as raw documents (or read failures), in bounded memory.

A SOURCE is a file, a folder (searched recursively) or a glob. Each `.jsonl`
line is its own document; every other file is one document.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024  # a news page is KBs; bigger plain files are logs or dumps
MAX_RECORD_BYTES = 20 * 1024 * 1024

_TYPES = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html", ".jsonl": "jsonl"}


class SourceError(ValueError):
    """A SOURCE argument that names nothing readable: the run cannot start."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_uri: str  # relative to the working directory when below it
    kind: str  # 'text/plain', 'text/html', 'jsonl' or 'unsupported'


@dataclass(frozen=True)
class RawInput:
    """One document's bytes and provenance; doc_id is the sha256 of the bytes as read."""

    source_uri: str
    doc_id: str
    data: bytes
    content_type: str
    url: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class ReadFailure:
    """An input location that yielded no document: a rejects row, never a crash."""

    source_uri: str
    check: str
    reason: str
    doc_id: str | None = None  # set when bytes were read but are not a document
    data: bytes | None = None


def kind_of(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _TYPES.get(suffixes[-1], "unsupported") if suffixes else "unsupported"


def _uri(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def discover(sources: list[str]) -> list[InputFile]:
    """All input files named by `sources`, sorted and de-duplicated.

    Folder walks skip hidden files and files of unknown type; a file named
    explicitly is always returned (unknown types are rejected later, visibly).
    Raises SourceError when a SOURCE matches nothing.
    """
    found: dict[Path, InputFile] = {}
    for source in sources:
        matches = [Path(p) for p in sorted(glob.glob(source, recursive=True))] if glob.has_magic(source) else [Path(source)]
        if not matches or not any(m.exists() for m in matches):
            raise SourceError(f"source not found: {source}")
        for match in matches:
            if match.is_dir():
                for path in sorted(match.rglob("*")):
                    if path.is_file() and not _hidden(path, match) and kind_of(path) != "unsupported":
                        found.setdefault(path.resolve(), InputFile(path, _uri(path), kind_of(path)))
            elif match.exists():
                found.setdefault(match.resolve(), InputFile(match, _uri(match), kind_of(match)))
    return sorted(found.values(), key=lambda f: f.source_uri)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_inputs(files: list[InputFile]) -> Iterator[RawInput | ReadFailure]:
    """Stream raw documents from files; problems become ReadFailure items."""
    for item in files:
        if item.kind == "unsupported":
            yield ReadFailure(item.source_uri, "unsupported_type",
                              f"unsupported file type {''.join(item.path.suffixes) or '(none)'}; "
                              "expected .txt, .html, .htm or .jsonl, optionally .gz")
        elif item.kind == "jsonl":
            yield from _read_jsonl(item)
        else:
            yield _read_file(item)


def _read_file(item: InputFile) -> RawInput | ReadFailure:
    try:
        size = item.path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadFailure(item.source_uri, "too_large", f"{size} bytes exceeds the {MAX_FILE_BYTES}-byte limit for one page")
        data = item.path.read_bytes()
    except OSError as exc:
        return ReadFailure(item.source_uri, "unreadable", f"cannot read file: {exc.strerror or exc}")
    return RawInput(item.source_uri, hashlib.sha256(data).hexdigest(), data, item.kind)


def _open_lines(item: InputFile):
    if item.path.suffix.lower() == ".gz":
        return gzip.open(item.path, "rb")
    return item.path.open("rb")


def _read_jsonl(item: InputFile) -> Iterator[RawInput | ReadFailure]:
    """One document per line; bad lines are rejected with their line number."""
    try:
        with _open_lines(item) as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield _record(item, line_no, line)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadFailure(item.source_uri, "bad_gzip" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) else "unreadable",
                          f"stopped reading: {exc}")


def _record(item: InputFile, line_no: int, line: bytes) -> RawInput | ReadFailure:
    uri = f"{item.source_uri}#L{line_no}"
    doc_id = hashlib.sha256(line.rstrip(b"\r\n")).hexdigest()
    if len(line) > MAX_RECORD_BYTES:
        return ReadFailure(uri, "too_large", f"record of {len(line)} bytes exceeds {MAX_RECORD_BYTES}", doc_id, line[:4096])
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return ReadFailure(uri, "bad_json", f"line {line_no} is not valid JSON: {exc}", doc_id, line)
    if not isinstance(record, dict):
        return ReadFailure(uri, "bad_json", f"line {line_no} is JSON but not an object", doc_id, line)
    html, text = record.get("html"), record.get("text")
    body, content_type = (html, "text/html") if isinstance(html, str) and html.strip() else (text, "text/plain")
    if not isinstance(body, str):
        return ReadFailure(uri, "missing_field", f"line {line_no} has neither a 'text' nor an 'html' string", doc_id, line)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    fetched = record.get("fetched_at") if isinstance(record.get("fetched_at"), str) else None
    return RawInput(url or uri, doc_id, body.encode("utf-8", "surrogatepass"), content_type, url, fetched)


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
