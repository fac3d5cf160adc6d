"""`dq_results`: one row per data-quality check per table per run."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel


class DqResults(StrictModel):
    run_id: Series[str]
    table_name: Series[str]
    check: Series[str]
    passed: Series[bool]
    failures: Series[pd.Int64Dtype] = pa.Field(ge=0)
    sample: Series[str] = pa.Field(nullable=True)

    class Config:
        name = "dq_results"
        unique = ["run_id", "table_name", "check"]
