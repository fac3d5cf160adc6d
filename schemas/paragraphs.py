"""`paragraphs`: one row per body paragraph, with offsets into page_text."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import OffsetRows, doc_id_field, pipeline_version_field


class Paragraphs(OffsetRows):
    doc_id: Series[str] = doc_id_field()
    para_no: Series[pd.Int64Dtype] = pa.Field(ge=0)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    end: Series[pd.Int64Dtype] = pa.Field(ge=1)

    pipeline_version: Series[str] = pipeline_version_field()

    class Config:
        name = "paragraphs"
        unique = ["doc_id", "para_no"]
