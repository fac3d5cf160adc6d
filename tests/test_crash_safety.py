"""SIGKILL a run at points of its load; the warehouse keeps its contract and the next run finishes.

Runs the real CLI in a subprocess (the kill must take the whole process) against
the session's Prefect test server, so each run skips Prefect's start-up.
"""

import os
import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from flows.faults import POINTS
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def api_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_API_URL": PREFECT_API_URL.value()}


def cli_run(inputs, warehouse, env, fault=None, steps=None):
    env = dict(env)
    if fault:
        env["NEWSMILL_FAULT"] = fault
    if steps:
        env["NEWSMILL_STEP_PROCESS"] = steps  # flows/child.py: the load and export in a child process
    return subprocess.run([sys.executable, "-m", "flows.cli", "run", str(inputs), "--warehouse", str(warehouse)],
                          env=env, capture_output=True, text=True, timeout=300)


def counts(warehouse):
    with duckdb.connect(str(warehouse / "newsmill.duckdb"), read_only=True) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("select count(*) from documents"),
            "distinct_documents": one("select count(distinct doc_id) from documents"),
            "articles": one("select count(*) from articles"),
            "paragraphs": one("select count(*) from paragraphs"),
            "unpaired": one("select count(*) from documents where status = 'loaded' "
                            "and doc_id not in (select doc_id from articles)"),
            "orphans": one("select count(*) from paragraphs where doc_id not in (select doc_id from articles)"),
        }


def parquet_articles(warehouse):
    files = list((warehouse / "parquet" / "articles").rglob("*.parquet"))
    if not files:
        return 0
    with duckdb.connect() as con:
        return con.execute("select count(*) from read_parquet(?, hive_partitioning = true)",
                           [[str(f) for f in files]]).fetchone()[0]


@pytest.fixture(scope="module")
def loaded_two(tmp_path_factory, api_env):
    """A warehouse after an earlier, complete run over two seeds: what readers already rely on."""
    root = tmp_path_factory.mktemp("two")
    inputs = root / "inputs"
    inputs.mkdir()
    for seed in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(seed, inputs)
    assert cli_run(inputs, root / "wh", api_env).returncode == 0
    return root / "wh"


@pytest.mark.parametrize(("point", "steps"), [(p, "inline") for p in POINTS] + [
    ("mid_load", "child"), ("mid_export", "child")])  # a large run loads and exports in a child process
def test_killed_run_leaves_a_valid_warehouse_and_the_next_run_completes(tmp_path, api_env, loaded_two, point, steps):
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    shutil.copytree(loaded_two, warehouse)

    killed = cli_run(inputs, warehouse, api_env, fault=point, steps=steps)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    after_kill = counts(warehouse)
    assert after_kill["unpaired"] == 0 and after_kill["orphans"] == 0  # never half-loaded
    assert after_kill["articles"] in (2, 5)  # all of the killed run's load, or none of it
    assert after_kill["documents"] == after_kill["distinct_documents"]

    done = cli_run(inputs, warehouse, api_env)
    assert done.returncode == 0, done.stderr
    final = counts(warehouse)
    assert final["articles"] == 5 and final["documents"] == 5 == final["distinct_documents"]
    assert final["unpaired"] == 0 and final["orphans"] == 0
    assert parquet_articles(warehouse) == 5
    assert not (warehouse / ".staging").exists()
    assert not list((warehouse / "parquet").glob(".*"))
