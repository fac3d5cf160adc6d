"""Apply the cross-table checks (schemas/relationships.py) to a validated batch.

Severity: every relationship check is an error. A failing row whose document is in
the batch holds that whole document back (the documented rule, as for the
per-table checks): `rejects` gets one document-scope row with check
'<table>:<check>'. A row naming no document of the batch at all (a dangling
doc_id) cannot take a document with it: the row alone is held back as a
row-scope reject. Every check is counted in `dq_results`, passing ones too.
"""

from __future__ import annotations

import re

import pandas as pd

from flows import quality
from flows.batch import BatchRows, reject_row
from schemas._common import SHA256
from schemas.relationships import CHECKS, check_relationships

DERIVED = ("articles", "paragraphs", "boilerplate")
_SHA = re.compile(SHA256)


def apply_relationship_checks(frames: dict[str, pd.DataFrame], rows: BatchRows, tallies: dict, run_id: str) -> None:
    """Check, tally, quarantine failing documents and hold back dangling rows (frames changed in place)."""
    for key in CHECKS:
        tallies.setdefault(key, quality.CheckTally())
    violations = check_relationships(frames)
    loaded = set(frames["documents"].loc[frames["documents"]["status"] == "loaded", "doc_id"])
    bad_docs: dict[str, tuple] = {}
    row_rejects: list[dict] = []
    for v in violations:
        tally = tallies[(v.table, v.check)]
        tally.failures += len(v.rows)
        room = quality.SAMPLE_SIZE - len(tally.sample)
        for doc_id, detail in v.rows[["doc_id", "detail"]].head(max(room, 0)).itertuples(index=False):
            tally.sample.append(f"{str(doc_id)[:16]}: {detail}"[:200])
        owned = v.rows[~v.rows["orphan"]]
        for doc_id, detail in owned[["doc_id", "detail"]].drop_duplicates("doc_id").itertuples(index=False):
            if doc_id in loaded and doc_id not in bad_docs:
                bad_docs[doc_id] = (v.table, v.check, f"{v.table} failed {v.check}: {detail}"[:300], {"detail": detail})
        if v.table in DERIVED:  # dangling rows: held back one by one
            orphans = v.rows[v.rows["orphan"]]
            if len(orphans):
                frames[v.table] = frames[v.table].drop(index=orphans.index)
                row_rejects += [dangling_row_reject(run_id, v.table, v.check, doc_id, detail)
                                for doc_id, detail in orphans[["doc_id", "detail"]].itertuples(index=False)]
    if bad_docs:
        quality._quarantine(frames, rows, bad_docs, run_id)
    _drop_rows_of_rejected(frames)
    if row_rejects:
        frames["rejects"] = pd.concat([frames["rejects"], quality.frame("rejects", row_rejects)], ignore_index=True)


def dangling_row_reject(run_id: str, table: str, check: str, doc_id, detail: str) -> dict:
    """The row-scope reject of a `table` row whose doc_id names no document of the batch."""
    valid = isinstance(doc_id, str) and bool(_SHA.match(doc_id))
    return reject_row(run_id, doc_id=doc_id if valid else None, source_uri=None, stage="validate",
                      check=f"{table}:{check}", reason=f"a {table} row for a document not in the batch: {detail}",
                      payload={"table": table, "doc_id": str(doc_id)}, scope="row")


def _drop_rows_of_rejected(frames: dict[str, pd.DataFrame]) -> None:
    """Derived rows of a document held back are never loaded (its reject explains them)."""
    docs = frames["documents"]
    rejected = docs.loc[docs["status"] != "loaded", "doc_id"]
    if len(rejected):
        for table in DERIVED:
            df = frames[table]
            frames[table] = df[~df["doc_id"].isin(rejected)]
