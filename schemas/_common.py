"""Shared field helpers for the Pandera table models."""

from __future__ import annotations

import pandera.pandas as pa

SHA256 = r"^[0-9a-f]{64}$"


def pipeline_version_field() -> object:
    """Which newsmill derived the row: version + code/rules fingerprint (newsmill/version.py)."""
    return pa.Field(str_matches=r"^\d+\.\d+\.\d+\+[0-9a-f]{10}$")


def doc_id_field(**kwargs) -> object:
    """A document key: sha256 hex of the raw bytes."""
    return pa.Field(str_matches=SHA256, **kwargs)


class Strict:
    """Config shared by every model: exact columns, coerce types, report all failures."""

    strict = True
    coerce = True
