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
    """Seeds plus an in-run duplicate across batches, an empty file and one outlet's 10 pages
    sharing a footer line (a site template learned across batches), through the default runner."""
    import json

    from tests.test_recurring import page

    root = tmp_path_factory.mktemp("runners")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(next(SEEDS.glob("001_*")), inputs / "dup.txt")  # an in-run duplicate across batches
    (inputs / "empty.txt").write_bytes(b"")
    pages = [page(n) for n in range(10)]  # after the 7 files: batches 3-8 of 2 inputs each
    (inputs / "feed.jsonl").write_text("".join(json.dumps({"url": p.url, "text": p.data.decode()}) + "\n" for p in pages))
    summary = newsmill_run([str(inputs)], str(root / "default"), batch_size=2)
    return inputs, summary, tables(root / "default")


def test_the_default_run_learns_a_template_across_batches(default_run):
    """What the comparison below rests on: batches 7 and 8 learn the footer from batches 3-5
    (3 pages) plus their own, so a runner learning from other batches would give other rows."""
    _, summary, expected = default_run
    assert (summary.docs_seen, summary.docs_new, summary.docs_loaded, summary.docs_duplicate,
            summary.docs_rejected) == (17, 16, 15, 1, 1)
    learned = [row for row in expected["boilerplate"] if "'site_template'" in row]
    assert len(learned) == 3


@pytest.mark.parametrize("kind", ["process", "dask"])
def test_scaled_out_run_matches_default_run(tmp_path, default_run, kind):
    inputs, default, expected = default_run
    choice = make_runner(kind, workers=2)
    assert choice.in_flight > 1
    scaled = newsmill_run.with_options(task_runner=choice.runner)(
        [str(inputs)], str(tmp_path / kind), batch_size=2, in_flight=choice.in_flight)
    assert (scaled.docs_seen, scaled.docs_new, scaled.docs_loaded, scaled.docs_duplicate, scaled.docs_rejected) == \
        (default.docs_seen, default.docs_new, default.docs_loaded, default.docs_duplicate, default.docs_rejected)
    assert tables(tmp_path / kind) == expected


@pytest.fixture
def submitted(monkeypatch):
    """The batch numbers handed to the task runner (process_batch.submit), in order."""
    from flows import pipeline

    numbers = []
    real_submit = pipeline.process_batch.submit

    def counting_submit(*args, **kwargs):
        numbers.append(args[1])
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(pipeline.process_batch, "submit", counting_submit)
    return numbers


def test_a_scheduled_run_uses_the_runner_it_is_given_with_the_same_tables(tmp_path, default_run, submitted):
    """The deployment's flow builds its runner where the run starts: a pool here, same tables."""
    from flows.deployment import newsmill_scheduled

    inputs, default, expected = default_run
    summary = newsmill_scheduled([str(inputs)], str(tmp_path / "scheduled"), batch_size=2,
                                 task_runner="process", workers=2)
    assert (summary.docs_loaded, summary.docs_rejected) == (default.docs_loaded, default.docs_rejected)
    assert len(submitted) == 9  # every batch went to the pool
    assert tables(tmp_path / "scheduled") == expected


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


def test_only_sightings_is_true_only_for_batches_of_loaded_or_repeated_documents(tmp_path):
    from flows.pipeline import only_sightings
    from flows.sources import ReadFailure
    from flows.tasks import process_batch
    from flows.warehouse import Warehouse
    from tests.conftest import raw_input, seed_text

    store = Warehouse(tmp_path)
    store.ensure_schema()
    loaded, new = raw_input(seed_text("000"), "a.txt"), raw_input(seed_text("001"), "b.txt")
    process_batch.fn([loaded], 0, "20260101T000000Z-aaaaaa", str(tmp_path), set())
    store.load("20260101T000000Z-aaaaaa")
    unreadable = ReadFailure(source_uri="c.txt", check="unreadable", reason="permission denied")
    cases = [
        ([loaded], set(), True, "already in the warehouse"),
        ([loaded, new], {new.doc_id}, True, "the other one repeats an earlier batch of the run"),
        ([loaded, new], set(), False, "a new document needs extracting"),
        ([loaded, unreadable], set(), False, "an unreadable input needs its reject row"),
    ]
    for batch, repeats, expected, reason in cases:
        assert only_sightings(batch, repeats, store) is expected, reason


@pytest.mark.usefixtures("prefect_harness")
def test_a_rerun_of_a_loaded_jsonl_file_on_the_process_pool_adds_sightings_only(tmp_path):
    """JSONL files are always re-read (the stat cache keeps one-document files only); their
    batches of loaded documents are recorded in the flow process, with the same counts."""
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": p.read_text("utf-8")}) + "\n" for p in sorted(SEEDS.glob("*.txt"))))
    choice = make_runner("process", workers=2)
    run = newsmill_run.with_options(task_runner=choice.runner)
    first = run([str(feed)], str(tmp_path / "wh"), batch_size=2, in_flight=choice.in_flight)
    again = run([str(feed)], str(tmp_path / "wh"), batch_size=2, in_flight=choice.in_flight)
    assert (first.docs_seen, first.docs_new, first.docs_loaded) == (5, 5, 5)
    assert (again.docs_seen, again.docs_new, again.docs_loaded, again.docs_duplicate, again.docs_rejected) == (5, 0, 0, 5, 0)
    with duckdb.connect(str(tmp_path / "wh" / "newsmill.duckdb"), read_only=True) as con:
        assert con.execute("select count(*), count(distinct run_id) from sources").fetchone() == (10, 2)
        assert con.execute("select count(*) from documents").fetchone() == (5,)


def test_the_file_list_is_released_as_it_is_read():
    """The run's file list shrinks as the run reads it (about 1 KB per discovered file)."""
    from flows.pipeline import _released_as_read

    files = ["a.txt", "b.txt", "c.txt"]
    handed = _released_as_read(files)
    assert next(handed) == "a.txt" and files == ["c.txt", "b.txt"]
    assert list(handed) == ["b.txt", "c.txt"] and files == []


# --- auto: a pool of 2 when the machine allows, the same tables as one batch at a time -------

def test_default_workers_use_this_machines_cores_within_bounds():
    from flows.runners import MAX_DEFAULT_WORKERS, default_workers

    assert 2 <= default_workers() <= MAX_DEFAULT_WORKERS


@pytest.mark.parametrize("cores, memory_gib, workers", [
    (1, None, 1),  # one core: nothing to gain
    (2, None, 2),  # memory unknown (not Linux): the cores decide
    (16, None, 2),  # never more than AUTO_WORKERS, so the tables stay those of a serial run
    (16, 3.0, 2),  # 1 GiB for each worker and for the flow process
    (16, 2.9, 1),
    (2, 0.5, 0),
])
def test_auto_workers_follow_cores_and_available_memory(cores, memory_gib, workers):
    from flows.runners import auto_workers

    memory = None if memory_gib is None else int(memory_gib * (1 << 30))
    assert auto_workers(cores=cores, memory=memory) == workers


def test_auto_is_a_pool_of_two_with_the_learning_lag_in_flight_or_the_default_runner():
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows.runners import LEARNING_LAG, auto_workers

    pooled, alone = make_runner("auto", workers=2), make_runner("auto", workers=1)
    assert isinstance(pooled.runner, ProcessPoolTaskRunner) and pooled.in_flight == LEARNING_LAG == 3
    assert (alone.runner, alone.in_flight) == (None, 1)
    mine = make_runner("auto")  # this machine: a pool exactly when auto_workers() allows one
    assert (mine.runner is not None) == (auto_workers() >= 2)


def test_available_memory_is_read_on_linux():
    import sys

    from flows.runners import available_memory

    found = available_memory()
    if sys.platform.startswith("linux"):
        assert found is not None and found > 0
    else:
        assert found is None or found > 0


def test_the_learning_horizon_is_the_same_up_to_the_lag_in_flight():
    """Batch N learns from the batches below the horizon: N - 2 for the default runner and a pool
    of 2 workers alike (3 in flight); later only when more run at once."""
    from flows.runners import learning_horizon

    assert [learning_horizon(10, k) for k in (1, 2, 3, 4, 8)] == [8, 8, 8, 7, 3]
    assert learning_horizon(0, 1) == -2  # nothing below it: the first batches learn from earlier runs only


def test_batches_tell_a_run_of_one_batch():
    from flows.pipeline import _batches

    def listed(n, size, first=0):
        return list(_batches(iter(range(n)), size, first))

    assert listed(0, 2) == []
    assert listed(2, 2) == [(0, [0, 1], True)]
    assert listed(1, 2, 7) == [(7, [0], True)]
    assert listed(5, 2) == [(0, [0, 1], False), (1, [2, 3], False), (2, [4], False)]
    assert listed(4, 2, 3) == [(3, [0, 1], False), (4, [2, 3], False)]


@pytest.mark.usefixtures("prefect_harness")
def test_a_run_of_one_batch_on_the_pool_stays_in_the_flow_process(tmp_path, submitted):
    """Starting worker processes for a scheduled run's few new files costs more than it saves:
    a run of one batch is processed in the flow process; a run of several is submitted."""
    choice = make_runner("process", workers=2)
    run = newsmill_run.with_options(task_runner=choice.runner)
    one = run([str(SEEDS)], str(tmp_path / "one"), in_flight=choice.in_flight)
    assert (one.docs_loaded, submitted) == (5, [])
    several = run([str(SEEDS)], str(tmp_path / "several"), batch_size=2, in_flight=choice.in_flight)
    assert (several.docs_loaded, submitted) == (5, [0, 1, 2])
