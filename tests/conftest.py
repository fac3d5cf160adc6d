"""Shared fixtures: seed texts, a temporary warehouse, one Prefect harness per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Property tests draw the same examples on every run by default: CI decides whether work
# lands, and a random draw once failed a test on an input it was not written for
# (test_properties_hostile). NEWSMILL_HYPOTHESIS=explore draws new examples each run (or pass
# --hypothesis-seed N): do that when changing the code under a property test.
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("explore" if os.environ.get("NEWSMILL_HYPOTHESIS") == "explore" else "deterministic")
SEEDS = ROOT / "seeds"

# Quiet, offline embedded Prefect for every test process (see shared/NOTES.md).
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


def raw_input(data: str | bytes, uri: str, content_type: str = "text/plain"):
    """A RawInput as flows/sources would read it: doc_id is the sha256 of the bytes."""
    import hashlib

    from flows.sources import RawInput

    data = data.encode() if isinstance(data, str) else data
    return RawInput(uri, hashlib.sha256(data).hexdigest(), data, content_type)


def seed_text(prefix: str) -> str:
    """The seed whose file name starts with `prefix` (e.g. '003')."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may add files to."""
    target = tmp_path / "inputs"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def warehouse_dir(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """One temporary Prefect API (own PREFECT_HOME/SQLite) shared by all flow tests."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
