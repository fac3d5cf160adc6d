"""The newsmill flow: discover → read → (clean, extract, validate) per batch → load → record.

Deployment entrypoint: flows/pipeline.py:newsmill_run
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows import quality
from flows.sources import ensure_writable, read_inputs
from flows.tasks import assign_stories, discover_inputs, export_parquet, load_warehouse, process_batch
from flows.warehouse import Warehouse

DEFAULT_BATCH_SIZE = 2000


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

    def line(self) -> str:
        return (f"newsmill run {self.run_id}: {self.docs_seen} seen, {self.docs_new} new, "
                f"{self.docs_loaded} loaded, {self.docs_duplicate} duplicate, {self.docs_rejected} rejected "
                f"→ {self.warehouse}")


def new_run_id(now: datetime) -> str:
    """Sortable and unique: UTC time plus a short random suffix."""
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@flow(name="newsmill-run", log_prints=False)
def newsmill_run(sources: list[str], warehouse: str = "warehouse",
                 batch_size: int = DEFAULT_BATCH_SIZE) -> RunSummary:
    """Ingest SOURCES into the warehouse; idempotent over inputs already loaded."""
    started = datetime.now(timezone.utc)
    ensure_writable(warehouse)
    store = Warehouse(warehouse)
    store.ensure_schema()
    summary = RunSummary(new_run_id(started), str(warehouse))
    run_row = {"run_id": summary.run_id, "flow_run_id": str(flow_run.id) if flow_run.id else None,
               "started_at": started}
    try:
        files = discover_inputs(sources)
        seen: set[str] = set()
        tallies: dict = {}
        items = read_inputs(files)
        for batch_no in itertools.count():
            batch = list(itertools.islice(items, batch_size))
            if not batch:
                break
            result = process_batch(batch, batch_no, summary.run_id, str(warehouse), seen)
            seen.update(result.new_doc_ids)
            quality.merge_tallies(tallies, result.tallies)
            summary.docs_seen += result.seen
            summary.docs_new += result.new
            summary.docs_duplicate += result.duplicate
            summary.docs_loaded += result.loaded
            summary.docs_rejected += result.rejected
        assign_stories(str(warehouse), summary.run_id)
        load_warehouse(str(warehouse), summary.run_id, quality.dq_rows(summary.run_id, tallies))
    except BaseException:
        summary.status = "failed"
        store.discard_staged(summary.run_id)
        raise
    finally:
        counts = {k: v for k, v in asdict(summary).items() if k.startswith("docs_")}
        store.record_run({**run_row, "finished_at": datetime.now(timezone.utc), "status": summary.status, **counts})
    export_parquet(str(warehouse))
    get_run_logger().info(summary.line())  # the CLI prints it to the terminal
    return summary
