"""Skip unchanged files cheaply: a stat-based index of (path, size, mtime) → doc_id.

A scheduled run over a folder of 100k files already loaded should stat them,
not read and hash them. A file whose size and modification time match its
index entry (and whose document is still in the warehouse) becomes a `sources`
row without being opened; anything else is read and hashed as usual. Only
one-document files are indexed: a JSONL file holds many documents and is re-read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from flows.sources import InputFile, RawInput

INDEXED_KINDS = ("text/plain", "text/html")


@dataclass(frozen=True, slots=True)  # one per file to read, held for the run: small
class FileStat:
    path: str  # absolute
    size: int
    mtime_ns: int


def stat_file(item: InputFile) -> FileStat | None:
    try:
        st = os.stat(item.location)
    except OSError:
        return None  # reading it will report the problem
    return FileStat(item.real or os.path.realpath(item.location), st.st_size, st.st_mtime_ns)


def split_unchanged(files: list[InputFile], index: dict[str, tuple[int, int, str]]
                    ) -> tuple[list[RawInput], list[InputFile], dict[str, FileStat]]:
    """(inputs for unchanged files, files to read, stats of files to read by source_uri)."""
    unchanged: list[RawInput] = []
    to_read: list[InputFile] = []
    stats: dict[str, FileStat] = {}
    for item in files:
        stat = stat_file(item) if item.kind in INDEXED_KINDS else None
        entry = index.get(stat.path) if stat else None
        if stat and entry and entry[:2] == (stat.size, stat.mtime_ns):
            unchanged.append(RawInput(item.source_uri, entry[2], b"", item.kind))
            continue
        to_read.append(item)
        if stat:
            stats[item.source_uri] = stat
    return unchanged, to_read, stats


def index_rows(items: list, stats: dict[str, FileStat], run_id: str) -> list[dict]:
    """Index entries for the one-document files just read (their doc_id is now known)."""
    rows = []
    for item in items:
        stat = stats.get(item.source_uri)
        if stat is not None and isinstance(item, RawInput):
            rows.append({"path": stat.path, "size": stat.size, "mtime_ns": stat.mtime_ns,
                         "doc_id": item.doc_id, "run_id": run_id})
    return rows
