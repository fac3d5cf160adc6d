"""Scale-out: the same run on a local process pool or a local Dask cluster (2 worker processes each)
gives the same tables as the default runner."""

import shutil

import duckdb
import pytest

from flows.pipeline import newsmill_run
from flows.runners import make_runner
from tests.conftest import SEEDS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

COMPARED = {
    "documents": "select doc_id, status, page_text from documents",
    "articles": "select * exclude (story_id) from articles",
    "paragraphs": "select * from paragraphs",
    "boilerplate": "select * from boilerplate",
    "rejects": "select scope, doc_id, source_uri, stage, \"check\", reason from rejects",
}


def tables(warehouse):
    with duckdb.connect(str(warehouse / "newsmill.duckdb"), read_only=True) as con:
        return {name: sorted(map(str, con.execute(sql).fetchall())) for name, sql in COMPARED.items()}


def test_unknown_runner_is_refused():
    with pytest.raises(ValueError, match="unknown task runner"):
        make_runner("spark")


@pytest.fixture(scope="module")
def default_run(tmp_path_factory, prefect_harness):
    """Seeds plus an in-run duplicate across batches and an empty file, through the default runner."""
    root = tmp_path_factory.mktemp("runners")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(next(SEEDS.glob("001_*")), inputs / "dup.txt")  # an in-run duplicate across batches
    (inputs / "empty.txt").write_bytes(b"")
    summary = newsmill_run([str(inputs)], str(root / "default"), batch_size=2)
    return inputs, summary, tables(root / "default")


@pytest.mark.parametrize("kind", ["process", "dask"])
def test_scaled_out_run_matches_default_run(tmp_path, default_run, kind):
    inputs, default, expected = default_run
    choice = make_runner(kind, workers=2)
    assert choice.in_flight > 1
    scaled = newsmill_run.with_options(task_runner=choice.runner)(
        [str(inputs)], str(tmp_path / kind), batch_size=2, in_flight=choice.in_flight)
    assert (scaled.docs_seen, scaled.docs_new, scaled.docs_loaded, scaled.docs_duplicate, scaled.docs_rejected) == \
        (default.docs_seen, default.docs_new, default.docs_loaded, default.docs_duplicate, default.docs_rejected) == \
        (7, 6, 5, 1, 1)
    assert tables(tmp_path / kind) == expected


def test_worker_processes_report_to_the_flows_api_server():
    """In a flow on a process pool, the workers are told the flow's API address (else each would
    start a temporary Prefect server of its own); nothing is set outside a process-pool flow."""
    import os

    from prefect import flow
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows.runners import api_for_worker_processes

    def seen_inside() -> str | None:
        with api_for_worker_processes():
            return os.environ.get("PREFECT_API_URL")

    pooled = flow(seen_inside, name="pooled").with_options(task_runner=ProcessPoolTaskRunner(max_workers=1))
    assert pooled().startswith("http://")
    assert flow(seen_inside, name="plain")() is None
    assert "PREFECT_API_URL" not in os.environ
