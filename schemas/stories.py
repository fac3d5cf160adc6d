"""`stories`: one row per cluster of articles reporting the same event."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel


class Stories(StrictModel):
    story_id: Series[str] = pa.Field(unique=True, str_matches=r"^story-[0-9a-f]{16}$")
    title: Series[str] = pa.Field(nullable=True)
    first_published: Series[pa.DateTime] = pa.Field(nullable=True)
    doc_count: Series[pd.Int64Dtype] = pa.Field(ge=1)

    class Config:
        name = "stories"
