"""The newsmill flow: discover → read → (clean, extract, validate) per batch → load → record.

Deployment entrypoint: flows/deployment.py:newsmill_scheduled (this flow as its subflow, on the runner chosen where the run starts)
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows import quality
from flows.child import step_mode, use_child
from flows.faults import checkpoint
from flows.file_index import RECORD_KINDS, RecordRows, index_rows, split_unchanged
from flows.locking import writer_lock
from flows.progress import Throughput, report
from flows.runners import api_for_worker_processes
from flows.sources import ensure_writable, read_inputs
from flows.tasks import (Bulk, assign_stories, discover_inputs, export_parquet, load_warehouse, process_batch,
                         publish_report, record_unchanged)
from flows.warehouse import Warehouse

DEFAULT_BATCH_SIZE = 1000  # documents per Prefect task (README: "Work is batched")


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    docs_seen: int = 0
    docs_new: int = 0
    docs_loaded: int = 0
    docs_duplicate: int = 0
    docs_rejected: int = 0
    status: str = "completed"
    reject_checks: Counter = field(default_factory=Counter)  # rejects rows per check, this run

    def histogram(self) -> list[str]:
        """One line per reject reason, most frequent first (empty when nothing was rejected)."""
        width = max((len(c) for c in self.reject_checks), default=0)
        return [f"  {check.ljust(width)}  {n}" for check, n in sorted(self.reject_checks.items(), key=lambda x: (-x[1], x[0]))]

    def line(self) -> str:
        return (f"newsmill run {self.run_id}: {self.docs_seen} seen, {self.docs_new} new, "
                f"{self.docs_loaded} loaded, {self.docs_duplicate} duplicate, {self.docs_rejected} rejected "
                f"→ {self.warehouse}")


def new_run_id(now: datetime) -> str:
    """Sortable and unique: UTC time plus a short random suffix."""
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@flow(name="newsmill-run", log_prints=False)
def newsmill_run(sources: list[str], warehouse: str = "warehouse",
                 batch_size: int = DEFAULT_BATCH_SIZE, in_flight: int = 1,
                 max_file_bytes: int | None = None) -> RunSummary:
    """Ingest SOURCES into the warehouse; idempotent over inputs already loaded.

    `in_flight` batches are processed at once: 1 with the default runner (CPU-bound
    work gains nothing from threads); more with a process pool or Dask (`flows/runners.py`),
    where a run of one batch still runs it in the flow process.
    `max_file_bytes` overrides the per-file size limit (flows/sources.max_file_bytes).
    """
    started = datetime.now(timezone.utc)
    summary = RunSummary(new_run_id(started), str(warehouse))
    step_mode()  # a bad $NEWSMILL_STEP_PROCESS fails here, not after the batches
    ensure_writable(warehouse)
    with writer_lock(warehouse, run=summary.run_id):
        store = Warehouse(warehouse)
        store.recover()  # leftovers of a run that was killed: stale staging, half-swapped Parquet
        store.ensure_schema()
        run_row = {"run_id": summary.run_id, "flow_run_id": str(flow_run.id) if flow_run.id else None,
                   "started_at": started}
        full_export = store.mark_parquet_dirty()  # an earlier run died before its export finished
        inserted: dict[str, int] = {}
        try:
            inserted = _process_and_load(sources, store, summary, batch_size, max(1, in_flight), max_file_bytes)
        except BaseException:
            summary.status = "failed"
            store.discard_staged(summary.run_id)
            raise
        finally:
            counts = {k: v for k, v in asdict(summary).items() if k.startswith("docs_")}
            store.record_run({**run_row, "finished_at": datetime.now(timezone.utc),
                              "status": summary.status, **counts})
        checkpoint("after_commit")
        changed = [t for t, n in inserted.items() if n] + ["runs"]
        export_parquet(str(warehouse), None if full_export else changed, use_child(summary.docs_loaded))
        publish_report(str(warehouse), summary.run_id)
    get_run_logger().info(summary.line())  # the CLI prints it to the terminal
    return summary


def _process_and_load(sources: list[str], store: Warehouse, summary: RunSummary, batch_size: int,
                      in_flight: int, max_file_bytes: int | None) -> dict[str, int]:
    """Read inputs in batches and process up to `in_flight` batches at once; rows loaded per table."""
    files = discover_inputs(sources)
    jsonl = [f.real for f in files if f.kind in RECORD_KINDS and f.real]  # only their records are looked up
    unchanged, to_read, stats = split_unchanged(files, store.file_index(), store.file_records(jsonl))
    file_count = len(files)
    unchanged_files = file_count - len(to_read)  # a JSONL file gives one unchanged input per record
    files.clear()  # in place: the task's return value may be referenced elsewhere (~0.3 KB a file)
    speed = Throughput(total_size(to_read, stats))
    seen: set[str] = set()
    tallies: dict = {}
    pending: deque = deque()
    first_batch = 0
    if unchanged:
        report("%d of %d files unchanged since they were loaded: not read again", unchanged_files, file_count)
        known, first_batch = record_unchanged(Bulk(unchanged), summary.run_id, str(store.root))
        quality.merge_tallies(tallies, known.tallies)
        summary.docs_seen += known.seen
        summary.docs_duplicate += known.duplicate
        seen.update(i.doc_id for i in unchanged)  # a changed file holding the same bytes is a duplicate too
        del unchanged

    def collect() -> None:
        future, docs, nbytes = pending.popleft()
        result = future.result()
        quality.merge_tallies(tallies, result.tallies)
        summary.docs_seen += result.seen
        summary.docs_new += result.new
        summary.docs_duplicate += result.duplicate
        summary.docs_loaded += result.loaded
        summary.docs_rejected += result.rejected
        summary.reject_checks.update(result.reject_checks)
        report("progress: %s", speed.add(docs, nbytes))

    with api_for_worker_processes():  # a process pool's workers report to this flow's API
        records = RecordRows(stats, summary.run_id)  # the JSONL files' stat-cache rows, as they are read
        items = records.reading(_released_as_read(to_read), lambda files: read_inputs(files, max_file_bytes))
        for batch_no, batch, only_batch in _batches(items, batch_size, first_batch):
            # doc_ids are known at read time, so in-run duplicates are settled here, in order,
            # even when batches run concurrently; only the few repeats travel with the batch.
            repeats = {i.doc_id for i in batch if i.doc_id in seen}
            seen.update(i.doc_id for i in batch if i.doc_id)
            # stat-cache rows staged as the batches go (not held for the whole run: ~0.5 KB a file)
            store.stage_rows(summary.run_id, "file_index", index_rows(batch, stats, summary.run_id), batch_no)
            store.stage_rows(summary.run_id, "file_records", records.take(), batch_no)
            # Bulk: Prefect would otherwise walk every item looking for futures (flows/tasks.py)
            args = (Bulk(batch), batch_no, summary.run_id, str(store.root), Bulk(repeats), in_flight)
            if in_flight > 1 and (only_batch or only_sightings(batch, repeats, store)):
                # the run's one batch (a scheduled run's few new files: starting worker processes
                # would cost more than it saves), or documents already loaded (a re-read JSONL
                # file: only `sources` rows to write): done here, not in a worker process
                future = Done(process_batch(*args))
            else:
                future = process_batch.submit(*args)
            pending.append((future, len(batch), sum(len(i.data or b"") for i in batch)))
            del batch
            while len(pending) >= in_flight:
                collect()
        while pending:
            collect()
    child = use_child(summary.docs_loaded)  # a large run's later steps each in a child process (flows/child.py)
    if summary.docs_loaded:  # nothing new: no task run to spend on stories
        assign_stories(str(store.root), summary.run_id, child)
    checkpoint("after_staging")
    return load_warehouse(str(store.root), summary.run_id, quality.dq_rows(summary.run_id, tallies), child)


def _batches(items: Iterator, size: int, first_no: int) -> Iterator[tuple[int, list, bool]]:
    """(batch number, batch, whether it is the run's only batch) for consecutive `size`-item batches.

    The second batch is read before the first is handed out, so a run of one batch is known
    as such (afterwards the answer is always False, with no reading ahead).
    """
    first = list(itertools.islice(items, size))
    if not first:
        return
    second = list(itertools.islice(items, size))
    yield first_no, first, not second
    del first
    if not second:
        return
    yield first_no + 1, second, False
    del second
    for batch_no in itertools.count(first_no + 2):
        batch = list(itertools.islice(items, size))
        if not batch:
            return
        yield batch_no, batch, False


@dataclass(frozen=True)
class Done:
    """A batch result computed in the flow process, collected like a submitted batch's future."""
    value: object

    def result(self) -> object:
        return self.value


def _released_as_read(files: list) -> Iterator:
    """The files of `files` in order, each dropped from the list once handed out: the run's file
    list (about 0.3 KB a file: 27 MiB at 90k files) shrinks as the run reads it."""
    files.reverse()
    while files:
        yield files.pop()


def only_sightings(batch: list, repeats: set[str], store: Warehouse) -> bool:
    """True when every input of `batch` is a document already loaded or seen earlier in the run."""
    ids = {i.doc_id for i in batch}
    if None in ids:  # an unreadable input: a reject row to write, through the batch task
        return False
    unknown = ids - repeats
    return not unknown or store.known_doc_ids(unknown) == unknown


def total_size(files, stats: dict | None = None) -> int:
    """Bytes of all input files (for the ETA); unreadable files count as 0.

    `stats`: sizes already known by source_uri (the stat-cache split stats every file it can
    cache), so only the others are stat-ed here.
    """
    stats = stats or {}
    total = 0
    for f in files:
        known = stats.get(f.source_uri)
        if known is not None:
            total += known.size
            continue
        try:
            total += os.stat(f.location).st_size
        except OSError:
            pass
    return total
