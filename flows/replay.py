"""`newsmill replay [--check NAME]`: re-run quarantined documents with the current code.

A quarantined document is a `documents` row with status 'rejected' and a
document-scope `rejects` row. Those whose text was decoded (page_text stored) are
run through clean → extract → validate again, exactly as a new input
(flows/reprocess.rebuild_document + quality.validate_batch). Those that now pass
move into the warehouse in ONE transaction, under the writer lock: their
articles/paragraphs/boilerplate rows are inserted, documents.status becomes
'loaded' (page_text refreshed: the offsets point into it), and their
document-scope rejects are deleted. The others stay quarantined as they were.
The replay is recorded as a run (`runs`, `dq_results`) and the Parquet mirror is
rewritten. Inputs that were never decoded (binary, undecodable, unreadable) keep no
text to re-run and are counted as not replayable.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flows import quality
from flows.batch import BatchRows, add_entity_rows
from flows.locking import writer_lock
from flows.learning import Learner, counts_from_rows
from flows.reprocess import rebuild_document
from flows.stories import assign_stories
from flows.warehouse import Warehouse, WarehouseError
from newsmill.entities import EntityExtractor
from newsmill.outlets import load_outlets

MOVED_TABLES = ("articles", "paragraphs", "boilerplate", "quotes", "mentions")
# Replayed articles join stories like a run's new articles (flows/stories.py): an existing
# story when they report its event, else a new one. Their entities are added when new,
# known ones keep their aliases.
STORY_TABLES = ("stories", "story_signatures")

_CANDIDATES = """
select d.doc_id, d.content_type, d.encoding, d.byte_size, d.raw_text, d.page_text, d.first_seen_run,
       min(r.source_uri) as source_uri
from documents d join rejects r on r.doc_id = d.doc_id and r.scope = 'document'
where d.status = 'rejected' and (cast(? as varchar) is null or r."check" = ?)
group by all order by d.doc_id
"""


@dataclass
class ReplaySummary:
    run_id: str
    quarantined: int = 0  # documents matching the selection
    not_replayable: int = 0  # no decoded text stored
    moved: int = 0
    still: Counter = field(default_factory=Counter)  # check that holds each remaining document back now

    def lines(self) -> list[str]:
        kept = sum(self.still.values())
        out = [f"newsmill replay {self.run_id}: {self.quarantined} quarantined documents, {self.moved} now pass and "
               f"were loaded, {kept} still rejected, {self.not_replayable} not replayable (never decoded)"]
        out += [f"  {check}  {n}" for check, n in sorted(self.still.items(), key=lambda x: (-x[1], x[0]))]
        return out


def replay(root: str, check: str | None = None, batch_size: int = 1000) -> ReplaySummary:
    """Replay the warehouse's quarantined documents (optionally only those rejected by `check`)."""
    store = Warehouse(root)
    if not store.exists():
        raise WarehouseError(f"no warehouse at {store.db_path}; run `newsmill run` first")
    started = datetime.now(timezone.utc)
    summary = ReplaySummary(f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}")  # the shape of run ids
    with writer_lock(root, run=f"replay {summary.run_id}"):
        store.check()
        store.recover()
        store.ensure_schema()
        try:
            batches, tallies = _rerun(store, check, batch_size, summary)
            if batches:
                assign_stories(store, summary.run_id)  # rewrites the staged articles with their story_id
            if summary.quarantined:  # nothing selected: no run to record, nothing to rewrite
                _publish(store, summary, batches, tallies, started)
        finally:
            store.discard_staged(summary.run_id)
        if summary.quarantined:
            store.export_parquet()
    return summary


def _rerun(store: Warehouse, check: str | None, batch_size: int, summary: ReplaySummary) -> tuple[int, dict]:
    """Re-run the candidates batch by batch; stage the rows of documents that now pass."""
    registry = load_outlets()
    extractor = EntityExtractor(None)
    learner = Learner(counts_from_rows(*store.outlet_counts()), learn=False)  # site templates learned so far
    tallies: dict = {}
    batches = 0
    with store.connect(read_only=True) as con:
        cursor = con.execute(_CANDIDATES, [check, check])
        columns = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(batch_size):
            rows = BatchRows()
            for values in chunk:
                old = dict(zip(columns, values))
                summary.quarantined += 1
                if old["raw_text"] is None or old["page_text"] is None:
                    summary.not_replayable += 1
                    continue
                rows.seen += 1
                rows.add("sources", {"source_uri": old["source_uri"] or f"documents/{old['doc_id']}",
                                     "doc_id": old["doc_id"], "run_id": summary.run_id, "seen_at": datetime.now(timezone.utc)})
                rebuild_document(rows, old, old["source_uri"] or f"documents/{old['doc_id']}", summary.run_id,
                                 registry, extractor, learner)
            if not rows.seen:
                continue
            add_entity_rows(rows, extractor)
            frames, batch_tallies = quality.validate_batch(rows, summary.run_id)
            quality.merge_tallies(tallies, batch_tallies)
            docs = frames["documents"]
            passing = docs[docs["status"] == "loaded"]
            rejects = frames["rejects"]
            summary.still.update(rejects.loc[rejects["scope"] == "document", "check"].astype(str))
            summary.moved += len(passing)
            if len(passing):
                passing[["doc_id", "page_text"]].to_parquet(store.stage_path(summary.run_id, "documents", batches), index=False)
                for table in (*MOVED_TABLES, "entities"):
                    df = frames[table]
                    if len(df):
                        df.to_parquet(store.stage_path(summary.run_id, table, batches), index=False)
                batches += 1
    return batches, tallies


def _publish(store: Warehouse, summary: ReplaySummary, batches: int, tallies: dict, started: datetime) -> None:
    """One transaction: insert the passing documents' rows, flip their status, drop their rejects, record the run."""
    staged = store.staging_dir / summary.run_id
    with store.connect() as con:
        con.execute("begin transaction")
        try:
            if batches:
                con.execute("create temp table _moved as select * from read_parquet(?)",
                            [sorted(str(p) for p in (staged / "documents").glob("*.parquet"))])
                for table in MOVED_TABLES:
                    files = sorted(str(p) for p in (staged / table).glob("*.parquet"))
                    if files:  # identifiers only from the fixed tuple; a row already there is never added twice
                        con.execute(f'insert into "{table}" by name select * from read_parquet(?, union_by_name = true) '
                                    f'where doc_id not in (select doc_id from "{table}")', [files])
                store.insert_new_entities(con, sorted(str(p) for p in (staged / "entities").glob("*.parquet")))
                for table in STORY_TABLES:
                    store.insert_staged(con, table, sorted(str(p) for p in (staged / table).glob("*.parquet")))
                con.execute("update documents set status = 'loaded', page_text = _moved.page_text "
                            "from _moved where documents.doc_id = _moved.doc_id")
                con.execute("delete from rejects where scope = 'document' and doc_id in (select doc_id from _moved)")
                con.execute("drop table _moved")
            store.insert_run_results(con, {
                "run_id": summary.run_id, "flow_run_id": None, "started_at": started,
                "finished_at": datetime.now(timezone.utc), "status": "completed", "docs_seen": summary.quarantined,
                "docs_new": 0, "docs_loaded": summary.moved, "docs_duplicate": 0,
                "docs_rejected": summary.quarantined - summary.moved,
            }, quality.dq_rows(summary.run_id, tallies))
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
