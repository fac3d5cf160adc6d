"""The `newsmill` command line: exit codes, one-line errors, summaries, SQL output."""

import os
import shutil
import subprocess
import sys

import pytest

from flows import cli
from flows.warehouse import Warehouse
from tests.conftest import ROOT, SEEDS


def run_cli(args, cwd, tmp_path):
    # PYTHONPATH: run this checkout's code even where another checkout is pip-installed
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.e2e
def test_run_on_default_seeds_folder_prints_summary_and_no_tracebacks(tmp_path):
    """`newsmill run` with no arguments, as the README's first command runs it."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    env_root = tmp_path
    proc = run_cli(["run"], env_root, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "5 seen, 5 new, 5 loaded, 0 duplicate, 0 rejected" in proc.stdout
    assert "Traceback" not in proc.stderr and "CancelledError" not in proc.stderr
    assert "newsmill: batch 0" in proc.stderr  # progress is shown
    assert (tmp_path / "warehouse" / "newsmill.duckdb").exists()


def test_missing_source_exits_2_with_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["run", "does-not-exist/"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "newsmill: error: source not found: does-not-exist/"


@pytest.mark.parametrize("args, says", [
    (["--max-file-bytes", "lots"], "not a size: 'lots'"),
    (["--max-file-bytes", "-5"], "not a size"),
])
def test_bad_size_limit_exits_2(tmp_path, capsys, args, says):
    assert cli.main(["run", str(SEEDS), "--warehouse", str(tmp_path / "wh"), *args]) == 2
    assert says in capsys.readouterr().err


def test_unwritable_warehouse_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cli.main(["run", str(SEEDS), "--warehouse", str(blocker / "wh")]) == 2
    assert "not writable" in capsys.readouterr().err


def test_sql_without_warehouse_and_with_bad_sql(tmp_path, capsys):
    assert cli.main(["sql", "select 1", "--warehouse", str(tmp_path / "none")]) == 2
    assert "run `newsmill run` first" in capsys.readouterr().err
    Warehouse(tmp_path / "wh").ensure_schema()
    assert cli.main(["sql", "select nope from articles", "--warehouse", str(tmp_path / "wh")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsmill: error:") and err.count("\n") == 1


@pytest.mark.parametrize("fmt, expected", [
    ("table", "title_source\n------------\n(0 rows)"),
    ("csv", "title_source"),
    ("json", "[]"),
])
def test_sql_formats(tmp_path, capsys, fmt, expected):
    Warehouse(tmp_path).ensure_schema()
    assert cli.main(["sql", "select title_source from articles", "--warehouse", str(tmp_path), "--format", fmt]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_sql_is_read_only(tmp_path, capsys):
    Warehouse(tmp_path).ensure_schema()
    assert cli.main(["sql", "delete from articles", "--warehouse", str(tmp_path)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()


def test_render_table_truncates_long_cells():
    out = cli.render(["a"], [("x" * 200,), (None,)], "table")
    assert "…" in out and "NULL" in out and out.endswith("(2 rows)")


def test_run_that_cannot_complete_exits_1_with_one_line(tmp_path, capsys):
    """A damaged warehouse file fails the run before Prefect starts: exit 1, one line with the fix."""
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "newsmill.duckdb").write_text("not a database")
    assert cli.main(["run", str(SEEDS), "--warehouse", str(tmp_path / "wh")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsmill: error: cannot open")
    assert "not a valid DuckDB database" in err[0] and "newsmill reprocess --from-parquet" in err[0]


def test_embedded_prefect_waits_long_enough_for_a_new_server_and_user_settings_win(monkeypatch):
    """A brand-new PREFECT_HOME takes ~17 s to migrate on an idle 2-core machine; Prefect's own
    20 s start-up window made `newsmill run` fail under load. A value the user set is kept."""
    from prefect.settings import Settings  # read from the environment now (the current settings are cached)

    monkeypatch.delenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", raising=False)
    cli._prefect_env()
    assert Settings().server.ephemeral.startup_timeout_seconds >= 120
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "45")
    cli._prefect_env()
    assert Settings().server.ephemeral.startup_timeout_seconds == 45


@pytest.mark.parametrize("argv, option", [
    (["run", "--task-runner", "process", "--workers", "0"], "--workers/--dask-workers"),
    (["run", "--batch-size", "-5"], "--batch-size"),
    (["run", "--batch-size", "ten"], "--batch-size"),
    (["serve", "--workers", "0"], "--workers/--dask-workers"),
    (["reprocess", "--batch-size", "0"], "--batch-size"),
    (["replay", "--batch-size", "0"], "--batch-size"),
])
def test_counts_must_be_whole_numbers_of_at_least_one(argv, option, tmp_path, capsys, monkeypatch):
    """Checked when the arguments are parsed, before Prefect starts or any warehouse is touched."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: " in err
    assert ("must be at least 1" in err) != ("invalid whole number" in err)
    assert not (tmp_path / "warehouse").exists()
