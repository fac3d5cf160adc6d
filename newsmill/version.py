"""The pipeline version stamped on every derived row: package version + code/rules fingerprint.

A rule fix in `newsmill/rules/*.yaml` or a code change in `newsmill/` changes the
fingerprint, so `newsmill reprocess` can tell which rows an older pipeline made.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from newsmill import __version__

_FINGERPRINTED = (".py", ".yaml", ".yml", ".csv")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _FINGERPRINTED and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"
