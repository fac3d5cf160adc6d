"""`rejects`: documents or rows held back, with the check that failed and why."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel, doc_id_field


class Rejects(StrictModel):
    run_id: Series[str]
    scope: Series[str] = pa.Field(isin=["document", "row"])
    doc_id: Series[str] = doc_id_field(nullable=True)
    source_uri: Series[str] = pa.Field(nullable=True)
    stage: Series[str] = pa.Field(isin=["read", "decode", "extract", "enrich", "validate"])
    check: Series[str] = pa.Field(str_length={"min_value": 1})
    reason: Series[str] = pa.Field(str_length={"min_value": 1})
    payload: Series[str] = pa.Field(nullable=True)

    class Config:
        name = "rejects"
