"""Shared field helpers for the Pandera table models."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SHA256 = r"^[0-9a-f]{64}$"


def pipeline_version_field() -> object:
    """Which newsmill derived the row: version + code/rules fingerprint (newsmill/version.py)."""
    return pa.Field(str_matches=r"^\d+\.\d+\.\d+\+[0-9a-f]{10}$")


def doc_id_field(**kwargs) -> object:
    """A document key: sha256 hex of the raw bytes."""
    return pa.Field(str_matches=SHA256, **kwargs)


class StrictModel(pa.DataFrameModel):
    """Base of every table model: exact columns, coerced types.

    Pandera reads `Config` attributes only from a model's own Config or a parent
    model's, not from a plain mixin class, hence a base model.
    """

    class Config:
        strict = True
        coerce = True


class OffsetRows(StrictModel):
    """Base for tables of [start, end) ranges into page_text: a range is never empty."""

    @pa.dataframe_check(name="end_after_start")
    @classmethod
    def end_after_start(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end"] > df["start"]
