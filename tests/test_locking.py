"""One writer per warehouse: a second run fails fast naming the holder, or waits with --wait."""

import os
import subprocess
import sys
import time

import pytest

from flows.locking import WarehouseLocked, writer_lock
from tests.conftest import ROOT, SEEDS

HOLD = """
import sys, time
from flows.locking import writer_lock
with writer_lock(sys.argv[1], run="RUN-HOLDER"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(warehouse, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse), str(seconds)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_fails_fast_naming_the_holder(tmp_path):
    holder = hold_lock(tmp_path, 30)
    try:
        with pytest.raises(WarehouseLocked, match=r"run RUN-HOLDER \(pid \d+ on .+, since .+\)"):
            with writer_lock(tmp_path, run="second"):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_cli_second_run_exits_3_within_seconds(tmp_path):
    holder = hold_lock(tmp_path / "wh", 60)
    try:
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(SEEDS), "--warehouse", str(tmp_path / "wh")],
                              cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "ph")},
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 3
        assert "is being written by run RUN-HOLDER" in proc.stderr and "--wait" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert time.monotonic() - started < 30  # no Prefect start-up before failing
    finally:
        holder.kill()
        holder.wait()


def test_wait_queues_behind_the_holder(tmp_path):
    holder = hold_lock(tmp_path, 1.0)
    waited_for = []
    with writer_lock(tmp_path, run="next", wait=True, poll_seconds=0.1, on_wait=waited_for.append):
        assert holder.poll() is not None or holder.wait(timeout=10) == 0
    assert waited_for and "RUN-HOLDER" in waited_for[0]


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    holder = hold_lock(tmp_path, 60)
    holder.kill()
    holder.wait()
    with writer_lock(tmp_path, run="after-crash"):
        pass


def test_nested_acquire_in_one_process_names_the_run(tmp_path):
    with writer_lock(tmp_path):
        with writer_lock(tmp_path, run="inner-run"):
            assert "inner-run" in (tmp_path / ".newsmill.lock").read_text()
