"""`documents`: one row per distinct raw input (by content)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel, doc_id_field


class Documents(StrictModel):
    doc_id: Series[str] = doc_id_field(unique=True)
    content_type: Series[str] = pa.Field(isin=["text/plain", "text/html"])
    encoding: Series[str] = pa.Field(nullable=True)
    byte_size: Series[pd.Int64Dtype] = pa.Field(ge=0)
    raw_text: Series[str] = pa.Field(nullable=True)
    page_text: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=["loaded", "rejected"])
    first_seen_run: Series[str]

    class Config:
        name = "documents"

    @pa.dataframe_check(name="loaded_has_page_text")
    @classmethod
    def loaded_has_page_text(cls, df: pd.DataFrame) -> Series[bool]:
        """A loaded document must have text for its offsets to point into."""
        return (df["status"] != "loaded") | df["page_text"].notna()
