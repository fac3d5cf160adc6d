"""`newsmill reprocess --from-parquet`: rebuild newsmill.duckdb from the Parquet copy.

The stored `raw_text` of every document in parquet/documents is run through
clean → extract → validate again (the current rules), into a new DuckDB file
built beside the old one; history (`sources`, `runs`, `dq_results`, rejects of
inputs that had no text) is copied from Parquet. Only then is the old file moved
aside (never deleted) and the new one swapped in, and the Parquet mirror
rewritten. No Prefect: this is a repair command and must work when little else does.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flows import quality
from flows.batch import BatchRows, _add_document, add_entity_rows, extract, reject_row
from flows.learning import Learner, count_rows
from flows.stories import assign_stories
from flows.sources import RawInput
from flows.warehouse import CONNECT_CONFIG, TABLES, Warehouse, WarehouseError
from newsmill.core import redecode_stored
from newsmill.entities import EntityExtractor
from newsmill.outlets import load_outlets

REBUILD_DIR = ".rebuild"
HISTORY_TABLES = ("sources", "runs", "dq_results")  # copied as they were, not recomputed


@dataclass
class ReprocessSummary:
    run_id: str
    documents: int = 0
    loaded: int = 0
    rejected: int = 0
    kept_aside: str | None = None  # where the old DuckDB file went

    def line(self) -> str:
        aside = f"; old file kept as {self.kept_aside}" if self.kept_aside else ""
        return (f"newsmill reprocess {self.run_id}: {self.documents} documents rebuilt from Parquet, "
                f"{self.loaded} loaded, {self.rejected} rejected{aside}")


def _parquet_files(store: Warehouse, table: str) -> list[str]:
    return [str(p) for p in sorted((store.parquet_dir / table).rglob("*.parquet"))]


def reprocess_from_parquet(root: str | os.PathLike, batch_size: int = 1000) -> ReprocessSummary:
    """Rebuild the warehouse's DuckDB file from parquet/; WarehouseError when there is nothing to rebuild from."""
    store = Warehouse(root)
    doc_files = _parquet_files(store, "documents")
    if not doc_files:
        raise WarehouseError(f"no Parquet copy of documents under {store.parquet_dir / 'documents'}, so nothing to "
                             f"rebuild from; move {store.db_path} away and run `newsmill run` to start a new warehouse")
    started = datetime.now(timezone.utc)
    summary = ReprocessSummary(f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}")  # the shape of run ids
    scratch = Warehouse(store.root / REBUILD_DIR)
    shutil.rmtree(scratch.root, ignore_errors=True)
    scratch.ensure_schema()
    try:
        with duckdb.connect(config=CONNECT_CONFIG) as src:
            kept = _rebuild_documents(src, store, scratch, doc_files, summary, batch_size)
        assign_stories(scratch, summary.run_id)  # stories are derived: recomputed like the rest
        scratch.load(summary.run_id)
        _copy_history(store, scratch, kept, summary.run_id)
        scratch.record_run({
            "run_id": summary.run_id, "flow_run_id": None, "started_at": started,
            "finished_at": datetime.now(timezone.utc), "status": "completed", "docs_seen": summary.documents,
            "docs_new": 0, "docs_loaded": summary.loaded, "docs_duplicate": 0, "docs_rejected": summary.rejected,
        })
        summary.kept_aside = _swap_in(store, scratch)
    finally:
        shutil.rmtree(scratch.root, ignore_errors=True)
    store.export_parquet()
    return summary


def _rebuild_documents(src, store: Warehouse, scratch: Warehouse, doc_files: list[str],
                       summary: ReprocessSummary, batch_size: int) -> list[str]:
    """Re-run every stored document; returns doc_ids kept as they were (no text to re-run)."""
    uris = dict(src.execute("select doc_id, min(source_uri) from read_parquet(?, union_by_name = true) "
                            "where doc_id is not null group by doc_id", [_parquet_files(store, "sources")]).fetchall()
                ) if _parquet_files(store, "sources") else {}
    registry = load_outlets()
    extractor = EntityExtractor(None)  # the rebuilt warehouse starts with no entities
    learner = Learner()  # the counts are not in Parquet: learned again, batch after batch, in memory
    tallies: dict = {}
    kept: list[str] = []
    cursor = src.execute("select * from read_parquet(?, union_by_name = true) order by doc_id", [doc_files])
    columns = [d[0] for d in cursor.description]
    batch_no = 0
    while chunk := cursor.fetchmany(batch_size):
        rows = BatchRows()
        stored = []
        for values in chunk:
            old = dict(zip(columns, values))
            doc_id = old["doc_id"]
            rows.seen += 1
            if old.get("raw_text") is None or old.get("page_text") is None:
                # never decoded (binary, bad JSON line, ...): nothing to re-run; its old reject is copied
                rows.add("documents", {**{c: old.get(c) for c in _doc_columns()}, "status": "rejected"})
                kept.append(doc_id)
                continue
            stored.append((old, uris.get(doc_id) or f"parquet:documents/{doc_id}"))
        rebuild_documents(rows, stored, summary.run_id, registry, extractor, learner)
        add_entity_rows(rows, extractor)
        frames, batch_tallies = quality.validate_batch(rows, summary.run_id)
        quality.merge_tallies(tallies, batch_tallies)
        for table, df in frames.items():
            if len(df):
                df.to_parquet(scratch.stage_path(summary.run_id, table, batch_no), index=False)
        docs = frames["documents"]
        summary.documents += len(docs)
        summary.loaded += int((docs["status"] == "loaded").sum())
        summary.rejected += int((docs["status"] == "rejected").sum())
        batch_no += 1
    for table, data in count_rows(learner.base).items():
        scratch.stage_rows(summary.run_id, table, data)
    if tallies:
        import pandas as pd

        pd.DataFrame(quality.dq_rows(summary.run_id, tallies)).to_parquet(
            scratch.stage_path(summary.run_id, "dq_results", 0), index=False)
    return kept


def rebuild_document(rows: BatchRows, old: dict, source_uri: str, run_id: str, registry,
                     extractor: EntityExtractor, learner: Learner | None = None) -> None:
    """Run one stored document (a `documents` row with raw_text) through clean/extract again.

    The rows go into `rows` as for a new input; the documents row keeps the stored
    raw_text, encoding, byte size and first run. Used by reprocess and by replay.
    """
    rebuild_documents(rows, [(old, source_uri)], run_id, registry, extractor, learner)


def rebuild_documents(rows: BatchRows, stored: list[tuple[dict, str]], run_id: str, registry,
                      extractor: EntityExtractor, learner: Learner | None = None) -> None:
    """rebuild_document for a batch of (documents row, source_uri): `learner` sees them together
    (site-template lines, flows/learning.py; None: none applied)."""
    pairs = [(RawInput(uri, old["doc_id"], b"", old["content_type"]),
              redecode_stored(old["raw_text"], old["content_type"], old.get("encoding"))) for old, uri in stored]
    learner = learner or Learner(learn=False)
    done = learner.process(pairs, lambda i, d, learned: extract(i, d, registry, learned))
    for (old, _), (item, decoded, result) in zip(stored, done):
        _add_document(rows, item, run_id, registry, extractor, decoded=decoded, result=result)
        rows.tables["documents"][-1].update(
            raw_text=old["raw_text"], encoding=old.get("encoding"), byte_size=old["byte_size"],
            first_seen_run=old["first_seen_run"])


def _doc_columns() -> tuple[str, ...]:
    return ("doc_id", "content_type", "encoding", "byte_size", "raw_text", "page_text", "status", "first_seen_run")


def _copy_history(store: Warehouse, scratch: Warehouse, kept: list[str], run_id: str) -> None:
    """sources/runs/dq_results as they were; old rejects of kept documents and of unreadable locations."""
    with scratch.connect() as con:
        con.execute("begin transaction")
        for table in HISTORY_TABLES:
            files = _parquet_files(store, table)
            if files:
                assert table in TABLES  # identifiers only from the fixed list
                con.execute(f'insert into "{table}" by name select * from read_parquet(?, union_by_name = true)', [files])
        files = _parquet_files(store, "rejects")
        if files:
            con.execute("insert into rejects by name select * from read_parquet(?, union_by_name = true) "
                        "where doc_id is null or doc_id in (select unnest(?::varchar[]))", [files, kept])
        # a kept document whose reject was lost too still gets one: nothing is ever unaccounted for
        missing = [r[0] for r in con.execute(
            "select unnest(?::varchar[]) as d except select doc_id from rejects where scope = 'document'", [kept]
        ).fetchall()]
        for doc_id in missing:
            row = reject_row(run_id, doc_id=doc_id, source_uri=None, stage="read", check="not_reprocessable",
                             reason="the input was never decoded and its reject row was not in the Parquet copy")
            con.execute("insert into rejects by name select * from (select ? as run_id, ? as scope, ? as doc_id, "
                        "? as source_uri, ? as stage, ? as \"check\", ? as reason, ? as payload)",
                        [row[c] for c in ("run_id", "scope", "doc_id", "source_uri", "stage", "check", "reason", "payload")])
        con.execute("commit")


def _swap_in(store: Warehouse, scratch: Warehouse) -> str | None:
    """Move the old DuckDB file (and its WAL) aside, then put the rebuilt one in its place."""
    aside = None
    if store.db_path.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = store.db_path.with_name(f"{store.db_path.name}.damaged-{stamp}")
        os.replace(store.db_path, aside)
        wal = Path(str(store.db_path) + ".wal")
        if wal.exists():
            os.replace(wal, Path(str(aside) + ".wal"))
    os.replace(scratch.db_path, store.db_path)
    return str(aside) if aside else None
