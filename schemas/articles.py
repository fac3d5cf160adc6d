"""`articles`: one row per accepted document."""

from datetime import datetime, timedelta, timezone

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel, doc_id_field, pipeline_version_field

EARLIEST = pd.Timestamp("1990-01-01")


class Articles(StrictModel):
    doc_id: Series[str] = doc_id_field(unique=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": 500})
    title_source: Series[str] = pa.Field(isin=["headline", "lede"])
    outlet: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    authors: Series[object]
    dateline: Series[str] = pa.Field(nullable=True)
    published_date: Series[pa.DateTime] = pa.Field(nullable=True, ge=EARLIEST)
    published_at: Series[pd.DatetimeTZDtype] = pa.Field(nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"})
    published_local: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
    date_source: Series[str] = pa.Field(nullable=True, isin=["explicit", "outlet_zone", "date_only", "dateline"])
    language: Series[str] = pa.Field(nullable=True, str_matches=r"^[a-z]{2}$")
    body: Series[str] = pa.Field(str_length={"min_value": 1})
    word_count: Series[pd.Int64Dtype] = pa.Field(ge=1)
    story_id: Series[str] = pa.Field(nullable=True)

    pipeline_version: Series[str] = pipeline_version_field()

    class Config:
        name = "articles"

    @pa.check("published_date", name="not_after_run_date")
    @classmethod
    def not_after_run_date(cls, s: Series[pd.Timestamp]) -> Series[bool]:
        """A page cannot be published after it was loaded (one day of slack for zones east of UTC)."""
        limit = pd.Timestamp(datetime.now(timezone.utc).date() + timedelta(days=1))
        return s.isna() | (s <= limit)

    @pa.check("authors", name="authors_is_list_of_names")
    @classmethod
    def authors_is_list(cls, s: Series[object]) -> Series[bool]:
        return s.map(lambda v: isinstance(v, (list, tuple)) and all(isinstance(a, str) and a for a in v))

    @pa.dataframe_check(name="published_at_matches_date")
    @classmethod
    def published_at_has_date(cls, df: pd.DataFrame) -> Series[bool]:
        """An instant is only stored when the date is known too."""
        return df["published_at"].isna() | df["published_date"].notna()

