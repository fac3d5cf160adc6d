"""`sources`: one row per input location seen by a run."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel, doc_id_field


class Sources(StrictModel):
    source_uri: Series[str] = pa.Field(str_length={"min_value": 1})
    doc_id: Series[str] = doc_id_field(nullable=True)  # NULL: no bytes could be read
    run_id: Series[str]
    seen_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"})

    class Config:
        name = "sources"
