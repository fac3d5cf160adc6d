"""flows/child.py: a run's heavy steps in a spawned child process."""

import os
import signal
import subprocess
import sys
import time

import pytest

from flows.child import CHILD_MIN_DOCS, MODE_ENV, ChildStepError, run_in_child, run_step, step_mode, use_child
from tests.conftest import ROOT


def _pid_and(value):
    return os.getpid(), value


def _fail(message):
    raise KeyError(message)


def _kill_self():
    os.kill(os.getpid(), signal.SIGKILL)


def _exit_hard():
    os._exit(3)


def _unpicklable():
    return lambda: None


def _touch_mib(mib):
    """Allocate and touch `mib` MiB, as the load's DuckDB buffer would, and return the child's peak RSS."""
    block = bytearray(mib * 2**20)
    block[::4096] = b"x" * len(block[::4096])
    return _rss_mib()


def _rss_mib():
    with open(f"/proc/{os.getpid()}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _sleep_after_writing_pid(path):
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    time.sleep(60)


def test_runs_in_another_process_and_returns_the_result():
    pid, value = run_in_child(_pid_and, {"rows": [1, 2]})
    assert pid != os.getpid()
    assert value == {"rows": [1, 2]}


def test_run_step_runs_here_unless_asked_for_a_child():
    assert run_step(_pid_and, 7, child=False) == (os.getpid(), 7)
    assert run_step(_pid_and, 7, child=True)[0] != os.getpid()


@pytest.mark.parametrize(("mode", "docs", "child"), [
    ("", CHILD_MIN_DOCS - 1, False), ("", CHILD_MIN_DOCS, True), ("auto", 10**6, True),
    ("child", 0, True), ("CHILD ", 0, True), ("inline", 10**6, False)])
def test_large_runs_use_a_child_and_the_setting_overrides(monkeypatch, mode, docs, child):
    monkeypatch.setenv(MODE_ENV, mode)
    assert use_child(docs) is child


def test_a_bad_setting_is_named(monkeypatch):
    monkeypatch.setenv(MODE_ENV, "sometimes")
    with pytest.raises(ValueError, match="NEWSMILL_STEP_PROCESS must be one of auto, child, inline, not 'sometimes'"):
        step_mode()


def test_exception_is_re_raised_with_the_child_traceback():
    with pytest.raises(KeyError, match="no such table") as info:
        run_in_child(_fail, "no such table")
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert "in the child process of _fail" in notes and "raise KeyError(message)" in notes


def test_a_killed_child_is_a_clear_error():
    with pytest.raises(ChildStepError, match="killed by SIGKILL.*out-of-memory"):
        run_in_child(_kill_self)


def test_a_child_that_exits_without_a_result_is_an_error():
    with pytest.raises(ChildStepError, match="exited with code 3"):
        run_in_child(_exit_hard)


def test_a_result_that_cannot_be_sent_back_is_an_error():
    with pytest.raises(ChildStepError, match="cannot be sent back"):
        run_in_child(_unpicklable)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_step_memory_leaves_with_the_child():
    before = _rss_mib()
    child_peak = run_in_child(_touch_mib, 300)
    assert child_peak > 300
    assert _rss_mib() - before < 50  # the flow process did not grow by the step's 300 MiB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_its_parent(tmp_path):
    pid_file = tmp_path / "child.pid"
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from flows.child import run_in_child; "
              "from tests.test_child import _sleep_after_writing_pid as f; run_in_child(f, sys.argv[2])")
    parent = subprocess.Popen([sys.executable, "-c", script, str(ROOT), str(pid_file)])
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the step's child outlived the killed flow process"
    finally:
        parent.kill()


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
