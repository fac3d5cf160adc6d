"""Returning freed memory to the OS between run steps (flows/memory.py)."""

import sys

import pytest

from flows import memory


class Recorder:
    def __init__(self):
        self.calls = []

    def release_unused(self):
        self.calls.append("arrow")

    def __call__(self, pad):
        self.calls.append(("malloc_trim", pad))
        return 1


def test_release_asks_both_allocators_to_give_back_free_pages(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(memory.pa, "default_memory_pool", lambda: recorder)
    monkeypatch.setattr(memory, "_malloc_trim", lambda: recorder)
    memory.release_unused_memory()
    assert recorder.calls == ["arrow", ("malloc_trim", 0)]


def test_without_glibc_only_arrow_is_asked(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(memory.pa, "default_memory_pool", lambda: recorder)
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    memory.release_unused_memory()
    assert recorder.calls == ["arrow"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim is Linux-only")
def test_glibc_malloc_trim_is_found_on_linux():
    memory._malloc_trim.cache_clear()
    assert memory._malloc_trim() is not None
    memory.release_unused_memory()  # the real call runs and does not raise
