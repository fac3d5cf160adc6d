"""`boilerplate`: one row per removed span, with the kind of text and the rule that removed it."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import OffsetRows, doc_id_field, pipeline_version_field

# Contract kinds plus the metadata kinds the extractor removes from the body
# (title, dateline): every removed character is explained by one of these.
KINDS = [
    "related_headlines", "calendar", "comments", "navigation", "counter", "share", "photo_credit",
    "repeated_title", "repeated_lede", "separator", "footer", "promo", "metadata_line",
    "title", "dateline",
    # HTML block classifier (issue #3): page template outside the article container,
    # tag lists, author bios, currency/weather widgets
    "page_chrome", "tags", "author_bio", "widget",
    # corpus-level learning (issue #3): a line the outlet repeats on many of its pages
    "site_template",
]


class Boilerplate(OffsetRows):
    doc_id: Series[str] = doc_id_field()
    start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    kind: Series[str] = pa.Field(isin=KINDS)
    rule: Series[str] = pa.Field(str_length={"min_value": 1})
    text: Series[str] = pa.Field(str_length={"min_value": 1})

    pipeline_version: Series[str] = pipeline_version_field()

    class Config:
        name = "boilerplate"
        unique = ["doc_id", "start"]
