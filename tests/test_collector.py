"""The collector's pause (copyedit.collector): the collector is off while any pause runs, in any thread, and is
left as it was before the first of them, whatever they raise."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator

import pytest

from copyedit.collector import collection_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_off_during_a_pause_and_on_after_it() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_host_stays_off() -> None:
    gc.disable()
    with collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_is_restored_when_the_paused_work_raises() -> None:
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("bad input")
    assert gc.isenabled()
    gc.disable()
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("bad input")
    assert not gc.isenabled()


def test_the_collector_comes_back_when_the_last_of_overlapping_pauses_ends() -> None:
    """Threads parse side by side: one ending its pause must not switch the collector on under another, and the
    last must not leave it off because it was off (the others' pause) when its own began."""
    inside, leave = threading.Event(), threading.Event()
    seen_by_the_other: list[bool] = []

    def other() -> None:
        with collection_paused():
            inside.set()
            leave.wait(10)
            seen_by_the_other.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(10)
    with collection_paused():  # begins while the collector is off for the other thread
        with collection_paused():  # and one pause within another
            assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread's pause still runs
    leave.set()
    thread.join(10)
    assert seen_by_the_other == [False]
    assert gc.isenabled()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_process_forked_during_another_threads_pause_has_its_collector_back() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collection_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    try:
        assert inside.wait(10)
        child = os.fork()
        if child == 0:  # the other thread is not here: its pause must not keep the collector off
            with collection_paused():
                paused = not gc.isenabled()
            os._exit(0 if paused and gc.isenabled() else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert not gc.isenabled()  # here the other thread's pause goes on
    finally:
        leave.set()
        thread.join(10)
    assert gc.isenabled()
