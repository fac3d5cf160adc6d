"""`newsmill serve` and prefect.yaml describe the same deployment; built without a server."""


import pytest
import yaml

from flows import cli
from flows.deployment import DEFAULT_CRON, build_deployment, newsmill_scheduled
from tests.conftest import ROOT, SEEDS


def test_deployment_schedule_and_parameters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deployment = build_deployment([str(SEEDS), "in/*.txt"], "wh", "*/15 * * * *")
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "*/15 * * * *"
    assert deployment.parameters["sources"] == [str(SEEDS), str(tmp_path / "in/*.txt")]
    assert deployment.parameters["warehouse"] == str(tmp_path / "wh")  # absolute: runs start elsewhere
    assert deployment.entrypoint.endswith("flows/deployment.py:newsmill_scheduled")
    assert deployment.parameters["task_runner"] == "auto"  # chosen where each run starts, as `newsmill run`
    assert deployment.concurrency_limit == 1


def test_the_runner_options_become_parameters():
    deployment = build_deployment([str(SEEDS)], "wh", task_runner="process", workers=3)
    assert (deployment.parameters["task_runner"], deployment.parameters["workers"]) == ("process", 3)
    with pytest.raises(ValueError, match="unknown task runner"):
        build_deployment([str(SEEDS)], "wh", task_runner="spark")


def test_serve_refuses_a_runner_it_cannot_start_before_serving(capsys, monkeypatch):
    """--task-runner dask without prefect-dask installed: exit 2 with the install hint, nothing served."""
    import sys

    monkeypatch.setitem(sys.modules, "prefect_dask", None)  # `import prefect_dask` now raises ImportError
    monkeypatch.setattr("prefect.flows.Flow.serve", lambda *a, **k: pytest.fail("served"))
    assert cli.main(["serve", str(SEEDS), "--task-runner", "dask"]) == 2
    assert "pip install 'newsmill[dask]'" in capsys.readouterr().err


def test_default_schedule_is_hourly():
    (schedule,) = build_deployment([str(SEEDS)], "wh").schedules
    assert schedule.schedule.cron == DEFAULT_CRON == "0 * * * *"


def test_invalid_cron_is_a_clear_cli_error(capsys):
    assert cli.main(["serve", str(SEEDS), "--cron", "every tuesday"]) == 2
    assert "invalid --cron 'every tuesday'" in capsys.readouterr().err


def test_prefect_yaml_matches_the_flow():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text("utf-8"))
    (dep,) = spec["deployments"]
    path, func = dep["entrypoint"].split(":")
    assert (ROOT / path).exists() and func == newsmill_scheduled.fn.__name__
    assert set(dep["parameters"]) <= set(newsmill_scheduled.parameters.properties)
    assert dep["parameters"]["task_runner"] == "auto"
    assert dep["schedules"][0]["cron"] == DEFAULT_CRON
    assert dep["concurrency_limit"] == 1
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=dep["schedules"][0]["cron"])


def test_serve_without_a_server_explains_how_to_get_one(capsys, monkeypatch):
    """Prefect's embedded server runs no scheduler: serving on it would silently never run."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert cli.main(["serve", str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert "prefect server start" in err and "PREFECT_API_URL" in err and "--start-server" in err
