"""Checks that need a second table (page_text lengths, boilerplate spans, entity ids).

Pandera checks see one frame; these build a model's schema with extra frame checks bound
to the batch's other tables, so they are counted in dq_results and fail like any check.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc


def inside_page_text(page_lengths: dict[str, int]) -> pa.Check:
    """start/end lie within the document's page_text."""
    def check(df: pd.DataFrame) -> pd.Series:
        length = lookup(df["doc_id"], page_lengths)
        return length.notna() & (df["start"] >= 0) & (df["end"] <= length.fillna(-1))
    return pa.Check(check, name="inside_page_text")


def outside_boilerplate(spans: pd.DataFrame) -> pa.Check:
    """No row overlaps a boilerplate span of its document (mentions in boilerplate are not mentions)."""
    def check(df: pd.DataFrame) -> pd.Series:
        return pd.Series(~overlaps_any(df, spans), index=df.index, dtype=bool)
    return pa.Check(check, name="outside_boilerplate")


def overlaps_any(rows: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """Per row of `rows` (doc_id, start, end): does it overlap a span of `spans` of its document?

    [start, end) overlaps [s, e) when s < end and start < e. Among a document's spans sorted by
    s, those with s < end are a prefix, so the row overlaps one of them exactly when the largest
    e in that prefix exceeds start. Done for all documents at once in NumPy: keys are
    doc code × width + offset, so one sorted array holds every document in turn (a Python loop
    over 100k mentions cost ~1 ms per document). Spans may overlap each other: still exact.
    """
    out = np.zeros(len(rows), dtype=bool)
    spans = spans[spans[["doc_id", "start", "end"]].notna().all(axis=1)]  # a NULL never compares as overlapping
    valid = rows[["doc_id", "start", "end"]].notna().all(axis=1).to_numpy()
    if not valid.any() or not len(spans):
        return out
    rows = rows[valid]
    codes, _ = pd.factorize(pd.concat([spans["doc_id"], rows["doc_id"]], ignore_index=True))
    span_doc, row_doc = codes[:len(spans)].astype(np.int64), codes[len(spans):].astype(np.int64)
    s, e = spans["start"].to_numpy(np.int64), spans["end"].to_numpy(np.int64)
    start, end = rows["start"].to_numpy(np.int64), rows["end"].to_numpy(np.int64)
    low = min(int(s.min()), int(e.min()), int(start.min()), int(end.min()), 0)
    width = max(int(s.max()), int(e.max()), int(start.max()), int(end.max())) - low + 1
    order = np.lexsort((s, span_doc))
    span_doc, s, e = span_doc[order], s[order] - low, e[order] - low
    keys = span_doc * width + s
    running_max_e = np.maximum.accumulate(span_doc * width + e) - span_doc * width  # per document: earlier documents' keys are smaller
    k = np.searchsorted(keys, row_doc * width + (end - low), side="left")  # spans before the row's doc, plus its spans with s < end
    has = k > 0
    prev = np.where(has, k - 1, 0)
    same_doc = has & (span_doc[prev] == row_doc)
    hits = np.zeros(len(rows), dtype=bool)
    hits[same_doc] = running_max_e[prev[same_doc]] > (start[same_doc] - low)
    out[valid] = hits
    return out


def references(column: str, ids: set[str], name: str) -> pa.Check:
    """`column` is NULL or one of `ids` (a foreign key)."""
    def check(df: pd.DataFrame) -> pd.Series:
        return df[column].isna() | isin(df[column], ids)
    return pa.Check(check, name=name)


def extend(schema: pa.DataFrameSchema, checks: list[pa.Check]) -> pa.DataFrameSchema:
    """A copy of `schema` with more frame checks (the model's cached schema is left alone)."""
    extended = copy.deepcopy(schema)
    extended.checks = [*extended.checks, *checks]
    return extended


def lookup(keys: pd.Series, mapping: dict) -> pd.Series:
    """`keys.map(mapping)` (same values, dtype, index and name), minus the detour pandas takes for a str column.

    For a dict, Series.map looks every key up in an Index of the dict's keys and takes the
    values: int64 when each key is found, float64 with NaN for the keys that are not. On an
    Arrow-backed "str" column pandas then rebuilds that result from Python objects (~0.6 µs
    a row: 35 ms for the mentions of 1,000 documents); for that column this is the lookup alone.
    """
    dtype = keys.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" and dtype.na_value is np.nan
            and len(keys)):  # other columns (an empty one keeps its dtype): pandas' own map
        return keys.map(mapping)
    if not mapping:  # pandas maps through an empty float64 Series: all NaN
        return pd.Series(np.nan, index=keys.index, name=keys.name, dtype=np.float64)
    table = pd.Series(mapping.values(), index=pd.Index(mapping.keys(), tupleize_cols=False))
    if all(type(k) is str for k in mapping):  # Arrow finds the same positions ~10x faster than Index.get_indexer
        arrow = pyarrow.chunked_array(pyarrow.array(keys.array))
        found_at = pc.index_in(arrow, value_set=pyarrow.array(list(mapping), type=arrow.type))
        indexer = pc.fill_null(found_at, -1).to_numpy().astype(np.intp)
    else:
        indexer = table.index.get_indexer(keys)
    values = table.to_numpy()[indexer]
    found = indexer >= 0
    if not found.all():
        values = np.where(found, values, np.nan)  # as pandas' take with -1: promoted to float64
    return pd.Series(values, index=keys.index, name=keys.name)


def isin(values: pd.Series, members: set) -> pd.Series:
    """`values.isin(members)` (same result), without pandas' per-member cost on an Arrow-backed str column.

    pandas turns every member into a pyarrow scalar and back (~5 µs each, so ~5 ms per call
    for a batch's 1,000 doc_ids) before the Arrow `is_in`; with only strings as members the
    same `is_in` is run on them directly. Anything else is left to pandas.
    """
    dtype = values.dtype
    if (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" and members
            and all(type(m) is str for m in members)):
        arrow = pyarrow.chunked_array(pyarrow.array(values.array))
        hits = pc.is_in(arrow, value_set=pyarrow.array(list(members), type=arrow.type))
        return pd.Series(np.array(hits, dtype=np.bool_), index=values.index, name=values.name)
    return values.isin(members)
