"""The cyclic garbage collector, paused while the library makes many objects at once, none of them garbage.

A full collection walks every tracked object of the process (in a library process, the rules, patterns and word
lists alone take ~37 ms), and one runs each time the objects that outlived the younger collections reach a
quarter of those the last one kept. Work that makes many objects that stay alive to its end, such as markdown-it's
tokens of a large document (23 for each list item holding another) or langdetect's profiles, sets off one full
collection after another, each walking all of them again, and none finds anything to free: such work runs with
the collector paused (it makes no reference cycle for it to find afterwards either).

The pause is shared by the threads of the process (a service's engine threads parse articles side by side):
the collector is off while any of them is in a pause, and is then left as it was when the first of them
began: on if it was on, off if the host had switched it off. A host thread that switches it off during a
pause has it switched back on at the pause's end. A process forked during another thread's pause has its
collector back as it was, as that thread is not in the child to end its pause.

>>> import gc
>>> with collection_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from typing import Iterator

_lock = threading.Lock()
_pauses = 0  # in progress, in all threads
_resume = False  # whether the collector was on when the first of them began


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Keep the collector off for the ``with`` block, and leave it as it was after it, whatever the block raises."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def _forked() -> None:
    """In a forked child only the thread that forked runs on, in no pause (no paused work forks): the others'
    pauses would never end there."""
    global _lock, _pauses
    _lock = threading.Lock()  # another thread may have held it as the process forked
    if _pauses:
        _pauses = 0
        if _resume:
            gc.enable()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forked)
