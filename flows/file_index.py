"""Skip unchanged files cheaply: a stat-based index of (path, size, mtime) → documents.

A scheduled run over a folder of 100k files already loaded should stat them,
not read and hash them. A file whose size and modification time match its
index entry (and whose documents are all still in the warehouse) becomes `sources`
rows without being opened; anything else is read and hashed as usual.

One-document files are indexed in `file_index` (path → doc_id). A JSONL file holds many
documents: `file_records` keeps one row per record (line, url, doc_id) of a file that the
last reading got through whole; a file that failed part-way (unreadable, a damaged gzip)
is left out, so it is read again and its problem reported again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from flows.sources import InputFile, RawInput, ReadFailure, record_uri

INDEXED_KINDS = ("text/plain", "text/html")  # one document per file: file_index
RECORD_KINDS = ("jsonl",)  # one document per line: file_records
RecordIndex = dict[str, tuple[int, int, list[tuple[int, str | None, str]]]]  # path → (size, mtime_ns, [(line, url, doc_id)])


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


def split_unchanged(files: list[InputFile], index: dict[str, tuple[int, int, str]],
                    records: RecordIndex | None = None
                    ) -> tuple[list[RawInput], list[InputFile], dict[str, FileStat]]:
    """(inputs for unchanged files, files to read, stats of files to read by source_uri).

    An unchanged JSONL file gives one input per record it held, with the source_uri a
    reading would give it (its url, else the file's URI as named now and its line).
    """
    records = records or {}
    unchanged: list[RawInput] = []
    to_read: list[InputFile] = []
    stats: dict[str, FileStat] = {}
    for item in files:
        stat = stat_file(item) if item.kind in INDEXED_KINDS + RECORD_KINDS else None
        if stat and item.kind in RECORD_KINDS:
            entry = records.get(stat.path)
            if entry and entry[:2] == (stat.size, stat.mtime_ns):
                unchanged += [RawInput(url or record_uri(item.source_uri, line), doc_id, b"", item.kind)
                              for line, url, doc_id in entry[2]]
                continue
        elif stat:
            entry = index.get(stat.path)
            if entry and entry[:2] == (stat.size, stat.mtime_ns):
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


class RecordRows:
    """`file_records` rows for the JSONL files a run reads, gathered as it reads them.

    `reading` wraps the run's stream of inputs file by file, so each JSONL record is tied
    to its file (a record's source_uri may be its url) without holding a file's records:
    `take` hands over the rows of the inputs read since the last call, staged with the
    batch that holds them. A file-level failure (unreadable, damaged gzip, no records)
    adds a row without a doc_id: the load then drops the whole file from the index.
    """

    def __init__(self, stats: dict[str, FileStat], run_id: str) -> None:
        self.stats, self.run_id = stats, run_id
        self._rows: list[dict] = []

    def reading(self, files: Iterable[InputFile],
                read: Callable[[list[InputFile]], Iterable[RawInput | ReadFailure]]) -> Iterator[RawInput | ReadFailure]:
        for item in files:
            stat = self.stats.get(item.source_uri) if item.kind in RECORD_KINDS else None
            for read_item in read([item]):
                if stat is not None:
                    self._note(stat, read_item)
                yield read_item

    def _note(self, stat: FileStat, item: RawInput | ReadFailure) -> None:
        whole_file = item.line is None or item.doc_id is None  # a failure of the file, not of one record
        self._rows.append({"path": stat.path, "size": stat.size, "mtime_ns": stat.mtime_ns,
                           "line": None if whole_file else item.line,
                           "url": getattr(item, "url", None), "doc_id": None if whole_file else item.doc_id,
                           "run_id": self.run_id})

    def take(self) -> list[dict]:
        rows, self._rows = self._rows, []
        return rows
