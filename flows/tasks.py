"""Prefect tasks: coarse (one per stage or per batch of thousands), thin wrappers over plain functions.

Tasks pass paths, counters and ids, never DataFrames; caching is off because
inputs are large and every run must look at the files as they are now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from flows import quality
from flows.batch import BatchRows, build_rows
from flows.child import run_step
from flows.learning import Learner, counts_from_rows
from flows.memory import release_unused_memory
from flows.progress import report
from flows.runners import learning_horizon
from flows.sources import InputFile, RawInput, ReadFailure, discover
from flows.stories import assign_stories as _assign_stories
from flows.stories import stage_story_inputs
from flows.warehouse import Warehouse
from newsmill.gazetteer import Entity

TASK_OPTIONS = {"cache_policy": NONE, "persist_result": False}


class Bulk:
    """A large task argument (a batch, 100k unchanged files) handed to a task as one value.

    Prefect walks a task's list, set, dict and dataclass arguments item by item looking for
    futures: seconds per 100k items, most of a scheduled no-op rerun's own time. It does not
    walk into other objects. (Prefect's `quote` does the same for its own runners, but reaches
    a task run on Dask as a plain tuple.)
    """

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value


def unbulk(value):
    """The value inside a Bulk (a task called directly may get the plain value)."""
    return value.value if isinstance(value, Bulk) else value


@dataclass
class BatchSummary:
    seen: int = 0
    new: int = 0
    duplicate: int = 0
    loaded: int = 0
    rejected: int = 0
    new_doc_ids: list[str] = field(default_factory=list)
    tallies: dict = field(default_factory=dict)
    reject_checks: dict[str, int] = field(default_factory=dict)  # rejects rows per check


@task(name="discover-inputs", **TASK_OPTIONS)
def discover_inputs(sources: list[str]) -> list[InputFile]:
    files = discover(sources)
    report("found %d input files under %s", len(files), ", ".join(sources))
    return files


@task(name="process-batch", **TASK_OPTIONS)
def process_batch(items: list[RawInput | ReadFailure], batch_no: int, run_id: str,
                  warehouse_root: str, seen: set[str], in_flight: int = 1) -> BatchSummary:
    """Decode, clean, extract and validate one batch; stage its rows as Parquet.

    Site templates are learned from the run's batches numbered below
    `learning_horizon(batch_no, in_flight)`: those are finished whatever the timing (the flow
    keeps at most `in_flight` batches running), so a run's output depends neither on which
    concurrent batch finished first nor on the runner (flows/runners.py).
    """
    items, seen = unbulk(items), unbulk(seen)
    warehouse = Warehouse(warehouse_root)
    known = warehouse.known_doc_ids({i.doc_id for i in items if i.doc_id}) | seen
    persons = [Entity(i, name, "PERSON", tuple(aliases)) for i, name, aliases in warehouse.known_persons()]
    horizon = learning_horizon(batch_no, in_flight)
    learner = Learner(lambda outlets: counts_from_rows(*warehouse.outlet_counts(outlets, run_id, horizon)))
    rows = build_rows(items, known, run_id, persons, learner)
    frames, tallies = quality.validate_batch(rows, run_id)
    for table, df in frames.items():
        if len(df):
            df.to_parquet(warehouse.stage_path(run_id, table, batch_no), index=False)
    stage_story_inputs(warehouse, run_id, batch_no, frames)  # signatures are signed here, on the batch's worker
    for table, data in rows.counts.items():  # site-template counts: later batches and runs learn from them
        warehouse.stage_rows(run_id, table, data, batch_no)
    docs = frames["documents"]
    summary = BatchSummary(
        seen=rows.seen, new=rows.new, duplicate=rows.duplicate,
        loaded=int((docs["status"] == "loaded").sum()),
        rejected=int((frames["rejects"]["scope"] == "document").sum()),
        new_doc_ids=rows.new_doc_ids, tallies=tallies,
        reject_checks={str(k): int(v) for k, v in frames["rejects"]["check"].value_counts().items()},
    )
    report("batch %d: %d inputs, %d new, %d loaded, %d rejected",
                          batch_no, summary.seen, summary.new, summary.loaded, summary.rejected)
    del rows, frames, docs
    release_unused_memory()  # the next batch starts from a small heap
    return summary


SIGHTINGS_PER_FILE = 50_000  # sources rows per staged file for unchanged inputs


@task(name="record-unchanged", **TASK_OPTIONS)
def record_unchanged(items: list[RawInput], run_id: str, warehouse_root: str) -> tuple[BatchSummary, int]:
    """`sources` rows for inputs the stat cache says are unchanged; returns (summary, files staged).

    Their documents are in the warehouse already, so there is nothing to decode: the run
    only records that it saw them (the contract's sightings), validated like any batch's,
    a few staged files for the whole set instead of a batch task per `--batch-size` inputs.
    """
    items = unbulk(items)
    warehouse = Warehouse(warehouse_root)
    now = datetime.now(timezone.utc)
    summary = BatchSummary()
    staged = 0
    for start in range(0, len(items), SIGHTINGS_PER_FILE):
        rows = BatchRows()
        for item in items[start:start + SIGHTINGS_PER_FILE]:
            rows.add("sources", {"source_uri": item.source_uri, "doc_id": item.doc_id, "run_id": run_id, "seen_at": now})
        rows.seen = rows.duplicate = len(rows.tables["sources"])
        frames, tallies = quality.validate_batch(rows, run_id)
        frames["sources"].to_parquet(warehouse.stage_path(run_id, "sources", staged), index=False)
        quality.merge_tallies(summary.tallies, tallies)
        summary.seen += rows.seen
        summary.duplicate += rows.duplicate
        staged += 1
    return summary, staged


@task(name="assign-stories", **TASK_OPTIONS)
def assign_stories(warehouse_root: str, run_id: str, child: bool = False) -> int:
    """Put the run's new articles into stories (new or existing); stages stories rows.

    `child`: in a child process (flows/child.py), for a large run.
    """
    assigned = run_step(_assign_stories, Warehouse(warehouse_root), run_id, child=child)
    if not child:
        release_unused_memory()  # before the load: DuckDB needs the room
    report("assigned %d articles to stories", assigned)
    return assigned


@task(name="load-warehouse", **TASK_OPTIONS)
def load_warehouse(warehouse_root: str, run_id: str, dq: list[dict], child: bool = False) -> dict[str, int]:
    """Move the staged run into DuckDB in one transaction (`child`: in a child process)."""
    warehouse = Warehouse(warehouse_root)
    warehouse.stage_rows(run_id, "dq_results", dq)
    inserted = run_step(warehouse.load, run_id, child=child)
    report("loaded rows: %s", ", ".join(f"{t}={n}" for t, n in inserted.items()) or "none")
    return inserted


@task(name="export-parquet", **TASK_OPTIONS)
def export_parquet(warehouse_root: str, tables: list[str] | None = None, child: bool = False) -> str:
    """Refresh the Parquet mirror of `tables` (None: every table); `child`: in a child process."""
    warehouse = Warehouse(warehouse_root)
    run_step(warehouse.export_parquet, tables, child=child)
    return str(Path(warehouse.parquet_dir))


@task(name="publish-report", **TASK_OPTIONS)
def publish_report(warehouse_root: str, run_id: str) -> str:
    """Write the run's HTML report and publish its summary as a Prefect Markdown artifact."""
    from prefect.artifacts import create_markdown_artifact

    from flows.report import write_report

    path, summary = write_report(Warehouse(warehouse_root), run_id)
    create_markdown_artifact(markdown=summary + f"\nFull report: `{path}`\n", key="newsmill-run-report",
                             description=f"newsmill data-quality report for run {run_id}")
    report("report: %s", path)
    return str(path)
