"""`entities`: one row per canonical entity (PERSON, COUNTRY, ORG, CITY, REGION)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import StrictModel

TYPES = ["PERSON", "COUNTRY", "ORG", "CITY", "REGION"]


class Entities(StrictModel):
    entity_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z]+-[0-9a-f]{16}$")
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    type: Series[str] = pa.Field(isin=TYPES)
    aliases: Series[object] = pa.Field(nullable=True)
    external_id: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})

    class Config:
        name = "entities"

    @pa.check("aliases", name="aliases_is_list_of_names")
    @classmethod
    def aliases_is_list(cls, s: Series[object]) -> Series[bool]:
        return s.map(lambda v: v is None or (isinstance(v, (list, tuple)) and all(isinstance(a, str) and a for a in v)))

    @pa.dataframe_check(name="country_has_alpha3")
    @classmethod
    def country_has_alpha3(cls, df: pd.DataFrame) -> Series[bool]:
        """Countries carry their ISO 3166 alpha-3 code; cities their GeoNames id."""
        country = df["type"] == "COUNTRY"
        city = df["type"] == "CITY"
        ext = df["external_id"].fillna("")
        return (~country | ext.str.fullmatch(r"[A-Z]{3}")) & (~city | ext.str.fullmatch(r"\d+"))
