"""Checks that need a second table (page_text lengths, boilerplate spans, entity ids).

Pandera checks see one frame; these build a model's schema with extra frame checks bound
to the batch's other tables, so they are counted in dq_results and fail like any check.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pandera.pandas as pa


def inside_page_text(page_lengths: dict[str, int]) -> pa.Check:
    """start/end lie within the document's page_text."""
    def check(df: pd.DataFrame) -> pd.Series:
        length = df["doc_id"].map(page_lengths)
        return length.notna() & (df["start"] >= 0) & (df["end"] <= length.fillna(-1))
    return pa.Check(check, name="inside_page_text")


def outside_boilerplate(spans: pd.DataFrame) -> pa.Check:
    """No row overlaps a boilerplate span of its document (mentions in boilerplate are not mentions)."""
    by_doc = {d: (g["start"].to_numpy(), g["end"].to_numpy()) for d, g in spans.groupby("doc_id")} if len(spans) else {}

    def check(df: pd.DataFrame) -> pd.Series:
        ok = []
        for doc_id, start, end in zip(df["doc_id"], df["start"], df["end"]):
            starts, ends = by_doc.get(doc_id, (np.array([]), np.array([])))
            ok.append(not bool(((starts < end) & (start < ends)).any()))
        return pd.Series(ok, index=df.index, dtype=bool)
    return pa.Check(check, name="outside_boilerplate")


def references(column: str, ids: set[str], name: str) -> pa.Check:
    """`column` is NULL or one of `ids` (a foreign key)."""
    def check(df: pd.DataFrame) -> pd.Series:
        return df[column].isna() | df[column].isin(ids)
    return pa.Check(check, name=name)


def extend(schema: pa.DataFrameSchema, checks: list[pa.Check]) -> pa.DataFrameSchema:
    """A copy of `schema` with more frame checks (the model's cached schema is left alone)."""
    extended = copy.deepcopy(schema)
    extended.checks = [*extended.checks, *checks]
    return extended
