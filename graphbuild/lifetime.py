"""Child processes that end with the process that started them, quietly, however it ends.

On Linux the kernel signals the child when its parent dies (``PR_SET_PDEATHSIG``), even after a
SIGKILL that leaves the parent no time to clean up; elsewhere a watcher thread in the child polls
for the parent once a second.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
# The signals that ask a process to stop (as Ctrl-C does, but from another process).
STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s)


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(None, use_errno=True).prctl


def exit_with_parent_hook() -> Callable[[], None] | None:
    """A ``preexec_fn`` for :class:`subprocess.Popen` asking Linux to SIGTERM the child when this process
    dies, or ``None`` elsewhere."""
    prctl = _prctl()  # looked up before the fork: the child only makes the call
    if prctl is None:
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the call took effect
            os._exit(1)

    return hook


def exit_with_parent(parent: int) -> None:
    """In a forked child (a pool worker): exit at once, without a word, when process ``parent`` is gone."""
    prctl = _prctl()
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="exit-with-parent").start()
    if os.getppid() != parent:  # gone already, before the call took effect
        os._exit(0)


def _watch(parent: int) -> None:  # pragma: no cover - the fallback where Linux's call is missing
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
