"""`mentions`: one row per entity mention in a body paragraph."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import _relations
from schemas._common import OffsetRows, doc_id_field, pipeline_version_field


class Mentions(OffsetRows):
    doc_id: Series[str] = doc_id_field()
    entity_id: Series[str] = pa.Field(str_length={"min_value": 1})
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    para_no: Series[pd.Int64Dtype] = pa.Field(ge=0)

    pipeline_version: Series[str] = pipeline_version_field()

    class Config:
        name = "mentions"
        unique = ["doc_id", "start"]

    @pa.dataframe_check(name="surface_length_matches_offsets")
    @classmethod
    def surface_matches(cls, df: pd.DataFrame) -> Series[bool]:
        return df["surface"].str.len() == df["end"] - df["start"]


def with_relations(page_lengths: dict[str, int], spans: pd.DataFrame, entity_ids: set[str]) -> pa.DataFrameSchema:
    """The model plus checks against the batch: offsets in page_text, outside boilerplate, known entity."""
    return _relations.extend(Mentions.to_schema(), [
        _relations.inside_page_text(page_lengths),
        _relations.outside_boilerplate(spans),
        _relations.references("entity_id", entity_ids, "entity_id_in_entities"),
    ])
