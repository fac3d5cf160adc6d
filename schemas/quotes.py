"""`quotes`: one row per direct quotation, with its speaker and offsets into page_text."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import _relations
from schemas._common import OffsetRows, doc_id_field, pipeline_version_field


class Quotes(OffsetRows):
    doc_id: Series[str] = doc_id_field()
    quote_no: Series[pd.Int64Dtype] = pa.Field(ge=0)
    speaker: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    speaker_entity_id: Series[str] = pa.Field(nullable=True)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    cue: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})

    pipeline_version: Series[str] = pipeline_version_field()

    class Config:
        name = "quotes"
        unique = ["doc_id", "quote_no"]

    @pa.dataframe_check(name="resolved_speaker_is_named")
    @classmethod
    def resolved_speaker_is_named(cls, df: pd.DataFrame) -> Series[bool]:
        """A speaker entity always comes with the speaker's canonical name."""
        return df["speaker_entity_id"].isna() | df["speaker"].notna()


def with_relations(page_lengths: dict[str, int], entity_ids: set[str]) -> pa.DataFrameSchema:
    """The model plus checks against the batch: offsets in page_text, speaker entity known."""
    return _relations.extend(Quotes.to_schema(), [
        _relations.inside_page_text(page_lengths),
        _relations.references("speaker_entity_id", entity_ids, "speaker_entity_id_in_entities"),
    ])
