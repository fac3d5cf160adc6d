"""`newsmill reprocess [--since RUN]`: re-derive loaded tables from stored documents, in place.

After a rule fix (a YAML file in newsmill/rules/ or the code), every derived row
can be rebuilt from `documents.raw_text` with the current pipeline: the selected
documents (all, or those first seen in RUN or later) go through clean → extract →
validate again (flows/reprocess.rebuild_document, as replay does), and in ONE
transaction under the writer lock their articles, paragraphs, boilerplate, quotes,
mentions and non-read rejects are replaced by the new ones, each stamped with the
current `pipeline_version`. `documents` keeps its rows and raw text; only a
document's `status` follows the new verdict (the contract's invariant needs it),
and its `page_text` only if decoding itself changed. Story ids are kept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from flows import quality
from flows.batch import BatchRows, add_entity_rows
from flows.locking import writer_lock
from flows.learning import Learner, counts_from_rows
from flows.reprocess import rebuild_documents
from flows.warehouse import Warehouse, WarehouseError
from newsmill.entities import EntityExtractor
from newsmill.outlets import load_outlets
from newsmill.version import pipeline_version

DERIVED = ("articles", "paragraphs", "boilerplate", "quotes", "mentions")

_SELECTED = """
select d.doc_id, d.content_type, d.encoding, d.byte_size, d.raw_text, d.page_text, d.first_seen_run, d.status,
       (select min(s.source_uri) from sources s where s.doc_id = d.doc_id) as source_uri
from documents d
where d.raw_text is not null and d.page_text is not null
  and (cast(? as varchar) is null or d.first_seen_run >= ?)
order by d.doc_id
"""


@dataclass
class RederiveSummary:
    run_id: str
    documents: int = 0
    loaded: int = 0
    rejected: int = 0
    changed_status: int = 0

    def line(self) -> str:
        return (f"newsmill reprocess {self.run_id}: {self.documents} documents re-derived with pipeline "
                f"{pipeline_version()}: {self.loaded} loaded, {self.rejected} rejected, "
                f"{self.changed_status} changed status")


def reprocess_in_place(root: str, since: str | None = None, batch_size: int = 1000) -> RederiveSummary:
    store = Warehouse(root)
    if not store.exists():
        raise WarehouseError(f"no warehouse at {store.db_path}; run `newsmill run` first")
    if since is not None:
        _, rows = store.query("select count(*) from runs where run_id = ?", [since])
        if not rows[0][0]:
            raise WarehouseError(f"no run {since!r} in {store.db_path} (see `newsmill sql \"select run_id from runs\"`)")
    started = datetime.now(timezone.utc)
    summary = RederiveSummary(f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}")
    with writer_lock(root, run=f"reprocess {summary.run_id}"):
        store.check()
        store.recover()
        store.ensure_schema()
        try:
            tallies = _rerun(store, since, batch_size, summary)
            if summary.documents:
                _publish(store, summary, tallies, started)
        finally:
            store.discard_staged(summary.run_id)
        if summary.documents:
            store.export_parquet()
    return summary


def _rerun(store: Warehouse, since: str | None, batch_size: int, summary: RederiveSummary) -> dict:
    registry = load_outlets()
    extractor = EntityExtractor(None)
    # the site-template lines learned so far apply to old documents too; their counts are
    # not added again (every document was counted when it was loaded)
    learner = Learner(counts_from_rows(*store.outlet_counts()), learn=False)
    tallies: dict = {}
    with store.connect(read_only=True) as con:
        cursor = con.execute(_SELECTED, [since, since])
        columns = [d[0] for d in cursor.description]
        batch_no = 0
        while chunk := cursor.fetchmany(batch_size):
            rows = BatchRows()
            was_loaded = {}
            stored = []
            for values in chunk:
                old = dict(zip(columns, values))
                rows.seen += 1
                stored.append((old, old["source_uri"] or f"documents/{old['doc_id']}"))
                was_loaded[old["doc_id"]] = old["status"] == "loaded"
            rebuild_documents(rows, stored, summary.run_id, registry, extractor, learner)
            add_entity_rows(rows, extractor)
            frames, batch_tallies = quality.validate_batch(rows, summary.run_id)
            quality.merge_tallies(tallies, batch_tallies)
            docs = frames["documents"]
            summary.documents += len(docs)
            summary.loaded += int((docs["status"] == "loaded").sum())
            summary.rejected += int((docs["status"] != "loaded").sum())
            summary.changed_status += sum(
                1 for d, st in zip(docs["doc_id"], docs["status"]) if was_loaded.get(d) != (st == "loaded"))
            docs[["doc_id", "status", "page_text"]].to_parquet(store.stage_path(summary.run_id, "documents", batch_no),
                                                               index=False)
            for table in (*DERIVED, "entities", "rejects"):
                if len(frames[table]):
                    frames[table].to_parquet(store.stage_path(summary.run_id, table, batch_no), index=False)
            batch_no += 1
    return tallies


def _publish(store: Warehouse, summary: RederiveSummary, tallies: dict, started: datetime) -> None:
    """One transaction: replace the selected documents' derived rows, keep their story ids."""
    staged = store.staging_dir / summary.run_id

    def files(table: str) -> list[str]:
        return sorted(str(p) for p in (staged / table).glob("*.parquet"))

    with store.connect() as con:
        con.execute("begin transaction")
        try:
            con.execute("create temp table _redo as select * from read_parquet(?)", [files("documents")])
            con.execute("create temp table _story as select doc_id, story_id from articles "
                        "where doc_id in (select doc_id from _redo)")
            for table in DERIVED:  # identifiers only from the fixed tuple
                con.execute(f'delete from "{table}" where doc_id in (select doc_id from _redo)')
            # verdicts of earlier passes over the text; a 'read' reject (no bytes) is a fact about the input
            con.execute("delete from rejects where doc_id in (select doc_id from _redo) and stage <> 'read'")
            for table in DERIVED:
                if files(table):
                    con.execute(f'insert into "{table}" by name select * from read_parquet(?, union_by_name = true)',
                                [files(table)])
            con.execute("update articles set story_id = _story.story_id from _story "
                        "where articles.doc_id = _story.doc_id")
            store.insert_new_entities(con, files("entities"))
            if files("rejects"):
                con.execute("insert into rejects by name select * from read_parquet(?, union_by_name = true)",
                            [files("rejects")])
            con.execute("update documents set status = _redo.status, "
                        "page_text = coalesce(_redo.page_text, documents.page_text) "
                        "from _redo where documents.doc_id = _redo.doc_id")
            store.insert_run_results(con, {
                "run_id": summary.run_id, "flow_run_id": None, "started_at": started,
                "finished_at": datetime.now(timezone.utc), "status": "completed", "docs_seen": summary.documents,
                "docs_new": 0, "docs_loaded": summary.loaded, "docs_duplicate": 0, "docs_rejected": summary.rejected,
            }, quality.dq_rows(summary.run_id, tallies))
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
