"""Validate a batch's tables against the Pandera models; failures become quarantine rows.

Rule for partial failures (documented in the README): a document with *any*
failing row in `documents`, `articles`, `paragraphs` or `boilerplate` is held
back whole (scope 'document'), so no article is ever half-loaded. Every check
that ran is counted in `dq_results`, passing ones included.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from flows.batch import BatchRows, reject_row
from newsmill.checks import WARNING_KINDS
from schemas import MODELS, mentions, quotes
from schemas._relations import isin

DOC_TABLES = ("documents", "articles", "paragraphs", "boilerplate")
SAMPLE_SIZE = 5


@dataclass
class CheckTally:
    failures: int = 0
    sample: list = field(default_factory=list)


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly the model's columns (empty tables keep their shape)."""
    schema = MODELS[table].to_schema()
    df = pd.DataFrame(rows, columns=list(schema.columns))
    for name, column in schema.columns.items():
        # pandera leaves an all-NULL object column uncoerced; give datetimes their type first
        if "datetime64" in str(column.dtype) and df[name].dtype == object:
            df[name] = pd.to_datetime(df[name], utc="UTC" in str(column.dtype)).astype(column.dtype.type)
    return df


def check_names(schema: pa.DataFrameSchema) -> list[str]:
    """Every check a model runs, named '<column>:<check>' or '<check>' for frame checks."""
    names = []
    for col_name, col in schema.columns.items():
        names.append(f"{col_name}:dtype")
        if not col.nullable:
            names.append(f"{col_name}:not_nullable")
        if col.unique:
            names.append(f"{col_name}:field_uniqueness")
        names += [f"{col_name}:{c.name}" for c in col.checks]
    names += [c.name for c in schema.checks]
    if schema.unique:
        names.append("multiple_fields_uniqueness")
    return names


def _failure_name(case: pd.Series) -> str:
    check = str(case["check"]).split("(")[0]
    if check.startswith("coerce_dtype"):
        check = "dtype"
    column = case.get("column")
    return f"{column}:{check}" if isinstance(column, str) and case["schema_context"] == "Column" else check


def validate_batch(rows: BatchRows, run_id: str) -> tuple[dict[str, pd.DataFrame], dict[tuple[str, str], CheckTally]]:
    """Validated DataFrames per table (failing documents held back) and per-check tallies.

    Document tables are checked first; failing documents are quarantined and the
    remaining rows of the tables that failed validated again, so what is staged is
    always coerced and valid. `sources` and `rejects` are built by newsmill itself: a failure there
    is a bug and raises.
    """
    frames = {t: frame(t, r) for t, r in rows.tables.items()}
    tallies: dict[tuple[str, str], CheckTally] = {}
    bad_docs: dict[str, tuple[str, str, str, dict]] = {}
    failed = []
    for table in DOC_TABLES:
        try:
            frames[table] = _validate(table, frames[table], tallies)
        except pa.errors.SchemaErrors as exc:
            failed.append(table)
            _collect(table, frames[table], exc.failure_cases, tallies, bad_docs)
    if bad_docs:
        _quarantine(frames, rows, bad_docs, run_id)
        # A table that passed is validated and coerced already: holding documents back only
        # drops its rows (and marks documents 'rejected', a valid status), so it is not checked again.
        for table in failed:
            # infer_objects: a column that held a mistyped value is still object-typed, which pandera won't coerce
            df = frames[table].infer_objects()
            frames[table] = MODELS[table].validate(df, lazy=True) if len(df) else df
    from flows.crosscheck import apply_relationship_checks  # lazy: crosscheck builds on this module

    apply_relationship_checks(frames, rows, tallies, run_id)  # across tables: dangling ids, offsets, overlaps
    _validate_enrichment(frames, rows, run_id, tallies)
    for table in ("sources", "rejects"):
        frames[table] = _validate(table, frames[table], tallies)
    _tally_warnings(rows, frames["documents"], tallies)
    return frames, tallies


def _validate_enrichment(frames: dict[str, pd.DataFrame], rows: BatchRows, run_id: str, tallies: dict) -> None:
    """Entities, mentions and quotes: a failing row is held back alone (scope 'row'), not its article.

    Rows of documents held back above go with them (their document's reject explains them);
    a row naming no document of the batch at all is held back alone with a reject of its own
    ('<table>:doc_in_articles', as a dangling paragraph). Mentions and quotes are checked against
    the batch's other tables: offsets inside page_text, outside boilerplate, known entity ids.
    """
    from flows.crosscheck import dangling_row_reject  # lazy: crosscheck builds on this module

    loaded = set(frames["articles"]["doc_id"])
    in_batch = set(frames["documents"]["doc_id"])
    for table in ("quotes", "mentions"):
        df = frames[table]
        tally = tallies.setdefault((table, "doc_in_articles"), CheckTally())
        keep = isin(df["doc_id"], loaded)
        dangling = df[~keep & ~isin(df["doc_id"], in_batch)]
        if len(dangling):
            tally.failures += len(dangling)
            tally.sample.extend(str(d)[:16] for d in dangling["doc_id"].head(SAMPLE_SIZE - len(tally.sample)))
            extra = [dangling_row_reject(run_id, table, "doc_in_articles", doc_id, f"doc_id {str(doc_id)[:16]}")
                     for doc_id in dangling["doc_id"]]
            frames["rejects"] = pd.concat([frames["rejects"], frame("rejects", extra)], ignore_index=True)
        frames[table] = df[keep]
    page_lengths = _page_lengths(frames["documents"])
    schemas = {"entities": MODELS["entities"].to_schema()}
    frames["entities"], held = _validate_rows("entities", frames["entities"], schemas["entities"], tallies)
    entity_ids = set(frames["entities"]["entity_id"])
    schemas["mentions"] = mentions.with_relations(page_lengths, frames["boilerplate"], entity_ids)
    schemas["quotes"] = quotes.with_relations(page_lengths, entity_ids)
    for table in ("mentions", "quotes"):
        frames[table], more = _validate_rows(table, frames[table], schemas[table], tallies)
        held += more
    if held:
        uris = {r["doc_id"]: r["source_uri"] for r in rows.tables["sources"] if r["doc_id"]}
        extra = [reject_row(run_id, doc_id=row.get("doc_id"), source_uri=uris.get(row.get("doc_id")),
                            stage="validate", check=check, reason=reason, payload={"row": _payload_row(row)},
                            scope="row")
                 for row, check, reason in held]
        frames["rejects"] = pd.concat([frames["rejects"], frame("rejects", extra)], ignore_index=True)


def _page_lengths(docs: pd.DataFrame) -> dict[str, int]:
    """doc_id -> len(page_text) of the documents that have a page_text.

    Counted by Arrow (code points, as len()) instead of turning every page into a Python string.
    """
    texts = docs["page_text"]
    if not isinstance(texts.dtype, pd.StringDtype):  # an object column (an empty table): as it always was
        return {d: len(t) for d, t in zip(docs["doc_id"], texts) if isinstance(t, str)}
    has = texts.notna()  # in a str column, every value that is not NA is a string
    return dict(zip(docs["doc_id"][has].tolist(), texts[has].str.len().tolist()))


def _validate_rows(table: str, df: pd.DataFrame, schema: pa.DataFrameSchema,
                   tallies: dict) -> tuple[pd.DataFrame, list[tuple[pd.Series, str, str]]]:
    """Valid rows of `df` and the failing ones with their first failed check."""
    for name in check_names(schema):
        tallies.setdefault((table, name), CheckTally())
    if df.empty:
        return df, []
    try:
        return schema.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as exc:
        bad: dict = {}
        for _, case in exc.failure_cases.iterrows():
            name = _count_failure(tallies, table, case)
            index = case["index"]
            indexes = df.index if pd.isna(index) or index not in df.index else [index]
            reason = f"{table}.{case.get('column') or ''} failed {case['check']}: {str(case['failure_case'])[:200]}"
            for i in indexes:
                bad.setdefault(i, (f"{table}:{name}", reason))
    kept = df.drop(index=list(bad))
    kept = schema.validate(kept, lazy=True) if len(kept) else kept
    return kept, [(df.loc[i], check, reason) for i, (check, reason) in bad.items()]


def _tally_warnings(rows: BatchRows, docs: pd.DataFrame, tallies: dict) -> None:
    """Extraction warnings of the documents actually loaded; every warning kind is recorded, passing too."""
    for kind in WARNING_KINDS:
        tallies.setdefault(("articles", f"warning:{kind}"), CheckTally())
    loaded = set(docs.loc[docs["status"] == "loaded", "doc_id"])
    for kind, doc_ids in rows.warnings.items():  # loaded, but a field was left NULL or looks wrong
        kept = [d for d in doc_ids if d in loaded]
        samples = [s for s in rows.warning_samples.get(kind, []) if s["doc_id"] in loaded] or kept
        tallies[("articles", f"warning:{kind}")] = CheckTally(len(kept), samples[:SAMPLE_SIZE])


def _validate(table: str, df: pd.DataFrame, tallies: dict) -> pd.DataFrame:
    model = MODELS[table]
    for name in check_names(model.to_schema()):
        tallies.setdefault((table, name), CheckTally())
    if df.empty:
        return df  # nothing to check (and pandera cannot coerce an empty object column)
    return model.validate(df, lazy=True)


def _count_failure(tallies: dict, table: str, case: pd.Series) -> str:
    """Count one pandera failure case under its check (with a sample); return the check name."""
    name = _failure_name(case)
    tally = tallies.setdefault((table, name), CheckTally())
    tally.failures += 1
    if len(tally.sample) < SAMPLE_SIZE:
        tally.sample.append(str(case["failure_case"])[:200])
    return name


def _collect(table, df, cases, tallies, bad_docs) -> None:
    # A value that cannot take the column's type makes the column's later checks error out
    # without a row index; those failures belong to the rows that failed the type.
    typed = set(cases.loc[cases["check"].astype(str).str.startswith(("dtype", "coerce_dtype"))
                          & cases["index"].notna(), "column"])
    for _, case in cases.iterrows():
        name = _count_failure(tallies, table, case)
        index = case["index"]
        if pd.isna(index) and case.get("column") in typed:
            continue  # counted; the documents held back are those of the mistyped rows
        # A failure without a row index concerns the whole column (e.g. a type that
        # cannot be coerced): every document of the batch is held back with it.
        indexes = df.index if pd.isna(index) or index not in df.index else [index]
        reason = f"{table}.{case.get('column') or ''} failed {case['check']}: {str(case['failure_case'])[:200]}"
        for i in indexes:
            doc_id = df.at[i, "doc_id"]
            if isinstance(doc_id, str) and doc_id not in bad_docs:
                bad_docs[doc_id] = (table, name, reason, _payload_row(df.loc[i]))


def _payload_row(row: pd.Series) -> dict:
    """The failing row as JSON-able values, without the large text columns."""
    return {k: (v if isinstance(v, (str, int, float, bool, type(None))) else str(v))
            for k, v in row.items() if k not in ("raw_text", "page_text", "body")}


def _quarantine(frames: dict[str, pd.DataFrame], rows: BatchRows, bad_docs: dict, run_id: str) -> None:
    """Hold back whole documents that failed, with the first failing check as the reason."""
    uris = defaultdict(lambda: None, {r["doc_id"]: r["source_uri"] for r in rows.tables["sources"] if r["doc_id"]})
    for table in ("articles", "paragraphs", "boilerplate"):
        frames[table] = frames[table][~frames[table]["doc_id"].isin(bad_docs)]
    docs = frames["documents"]
    docs.loc[docs["doc_id"].isin(bad_docs), "status"] = "rejected"
    extra = [
        reject_row(run_id, doc_id=doc_id, source_uri=uris[doc_id], stage="validate", check=f"{table}:{name}",
                   reason=reason, payload={"row": row})
        for doc_id, (table, name, reason, row) in bad_docs.items()
    ]
    frames["rejects"] = pd.concat([frames["rejects"], frame("rejects", extra)], ignore_index=True)


def dq_rows(run_id: str, tallies: dict[tuple[str, str], CheckTally]) -> list[dict]:
    return [
        {"run_id": run_id, "table_name": table, "check": check, "passed": t.failures == 0,
         "failures": t.failures, "sample": json.dumps(t.sample, ensure_ascii=False) if t.sample else None}
        for (table, check), t in sorted(tallies.items())
    ]


def merge_tallies(into: dict, more: dict) -> None:
    for key, tally in more.items():
        total = into.setdefault(key, CheckTally())
        total.failures += tally.failures
        total.sample.extend(tally.sample[: max(0, SAMPLE_SIZE - len(total.sample))])
