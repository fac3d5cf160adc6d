"""`runs`: one row per pipeline run."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel


class Runs(StrictModel):
    run_id: Series[str] = pa.Field(unique=True)
    flow_run_id: Series[str] = pa.Field(nullable=True)
    started_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"})
    finished_at: Series[pd.DatetimeTZDtype] = pa.Field(nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"})
    status: Series[str] = pa.Field(isin=["completed", "failed"])
    docs_seen: Series[pd.Int64Dtype] = pa.Field(ge=0)
    docs_new: Series[pd.Int64Dtype] = pa.Field(ge=0)
    docs_loaded: Series[pd.Int64Dtype] = pa.Field(ge=0)
    docs_duplicate: Series[pd.Int64Dtype] = pa.Field(ge=0)
    docs_rejected: Series[pd.Int64Dtype] = pa.Field(ge=0)

    class Config:
        name = "runs"
