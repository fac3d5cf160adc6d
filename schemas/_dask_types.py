"""Keep pandera from importing dask.dataframe when it reads our (pandas-only) models.

pandera's `get_index_types()` imports `pandera.typing.dask`, which imports `dask.dataframe`
whenever dask is installed (newsmill's `[dask]` extra). That costs about 0.5 s of CPU on the
first validation of every run, no-op reruns included, for annotations newsmill never uses:
every model here describes a pandas DataFrame. A stand-in module that reports dask as absent
skips the import. Frames are validated the same way (tests/test_contract.py); a process that
imported pandera's dask types first keeps them.
"""

from __future__ import annotations

import sys
import types

_MODULE = "pandera.typing.dask"


def skip_dask_annotations() -> None:
    if _MODULE not in sys.modules:
        stand_in = types.ModuleType(_MODULE, "newsmill: pandera's dask annotations are not used")
        stand_in.DASK_INSTALLED = False
        sys.modules[_MODULE] = stand_in
