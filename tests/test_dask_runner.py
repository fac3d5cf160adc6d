"""Scale-out: the same run on a local Dask cluster (2 worker processes) gives the same tables."""

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


def test_dask_run_matches_default_run(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(next(SEEDS.glob("001_*")), inputs / "dup.txt")  # an in-run duplicate across batches
    (inputs / "empty.txt").write_bytes(b"")
    default = newsmill_run([str(inputs)], str(tmp_path / "default"), batch_size=2)
    choice = make_runner("dask", workers=2)
    dask = newsmill_run.with_options(task_runner=choice.runner)(
        [str(inputs)], str(tmp_path / "dask"), batch_size=2, in_flight=choice.in_flight)
    assert (dask.docs_seen, dask.docs_new, dask.docs_loaded, dask.docs_duplicate, dask.docs_rejected) == \
        (default.docs_seen, default.docs_new, default.docs_loaded, default.docs_duplicate, default.docs_rejected) == \
        (7, 6, 5, 1, 1)
    assert tables(tmp_path / "dask") == tables(tmp_path / "default")
