"""Run one memory-heavy step of a run in a fresh child process.

Story assignment, the load and the Parquet export come after the batches and each needs a
few hundred MB (signature matrices, DuckDB's capped buffer, its primary-key indexes of the
run's rows). Run inside the long-lived flow process, that memory lands on top of everything
the flow already holds, and CPython and glibc keep much of it after the step: on a
100k-document run the flow process peaked at 1,001 MiB during the load against 550 MiB for
the whole batch phase. In a spawned child (it imports only what the step needs) the memory
goes back to the operating system when the step ends, and the flow process stays at its
batch-phase size however large the run.

The child dies with its parent (Linux: PR_SET_PDEATHSIG), so a run killed mid-load cannot
leave a loader writing behind it; the load is one DuckDB transaction, so nothing half-done
survives.

Starting a child costs about half a second (a fresh interpreter importing pandas and DuckDB),
which would be a fifth of a scheduled no-op rerun's own work, so small runs keep these steps in
the flow process: `use_child` says which. `NEWSMILL_STEP_PROCESS=child|inline` overrides it
(`inline` for a debugger or profiler).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

MODE_ENV = "NEWSMILL_STEP_PROCESS"  # auto (default), child or inline
MODES = ("auto", "child", "inline")
CHILD_MIN_DOCS = 5_000  # new documents in a run from which its later steps get a child (≈ +100 MB in-process)
PARENT_ENV = "NEWSMILL_STEP_PARENT"  # set in a step's child: the flow process's pid (flows/faults.py)
_PR_SET_PDEATHSIG = 1

T = TypeVar("T")


class ChildStepError(RuntimeError):
    """A step's child process ended without a result (killed, out of memory, crashed)."""


def step_mode() -> str:
    """$NEWSMILL_STEP_PROCESS, checked (a run calls this first, so a typo fails before any work)."""
    mode = os.environ.get(MODE_ENV, "").strip().lower() or "auto"
    if mode not in MODES:
        raise ValueError(f"${MODE_ENV} must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def use_child(new_docs: int) -> bool:
    """Whether a run that loads `new_docs` new documents runs its later steps in a child process."""
    mode = step_mode()
    return mode == "child" or (mode == "auto" and new_docs >= CHILD_MIN_DOCS)


def run_step(fn: Callable[..., T], *args: object, child: bool) -> T:
    """`fn(*args)`, in a child process when `child` (see use_child), else here."""
    return run_in_child(fn, *args) if child else fn(*args)


def run_in_child(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` in a spawned child process: its return value, or its exception re-raised here.

    `fn` and `args` must be picklable (module-level functions, bound methods of plain
    objects, paths and ids), and so must the result.
    """
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the flow's heap
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(send, os.getpid(), fn, args),
                              name=f"newsmill-{getattr(fn, '__name__', 'step')}", daemon=True)
    process.start()
    send.close()
    try:
        try:
            ok, value, trace = receive.recv()
        except EOFError:  # the child ended without sending: killed or crashed
            process.join()
            raise ChildStepError(_death_message(fn, process.exitcode)) from None
        except Exception as exc:  # sent, but cannot be rebuilt here (an exception class with odd arguments)
            raise ChildStepError(f"{_name(fn)} ended, but its result could not be read back: {exc}") from exc
        process.join()
    finally:
        receive.close()
        if process.is_alive():  # the flow is being interrupted: do not leave the step running
            process.kill()
            process.join()
    if ok:
        return value
    if trace:
        value.add_note(f"(in the child process of {_name(fn)})\n{trace}")
    raise value


def _name(fn: Callable) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


def _death_message(fn: Callable, exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        hint = " (the system's out-of-memory killer sends SIGKILL)" if -exitcode == signal.SIGKILL else ""
        return f"the child process running {_name(fn)} was killed by {name}{hint}; nothing of this step was committed"
    return f"the child process running {_name(fn)} exited with code {exitcode} before returning a result"


def _child_main(send, parent: int, fn: Callable, args: tuple) -> None:
    _die_with_parent(parent)
    os.environ[PARENT_ENV] = str(parent)
    try:
        result = (True, fn(*args), "")
    except BaseException as exc:  # noqa: BLE001 - every failure is the parent's to report
        result = (False, exc, traceback.format_exc())
    try:
        send.send(result)
    except Exception:  # an unpicklable result or exception: send its text instead
        ok, value, trace = result
        send.send((False, ChildStepError(f"{_name(fn)} {'returned' if ok else 'raised'} an object that cannot "
                                         f"be sent back: {value!r:.300}"), trace))
    send.close()


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when the flow process dies (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)
