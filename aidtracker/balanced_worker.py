"""A gunicorn threaded worker that takes a new connection only while it holds no more
connections than any other worker: least connections, as a proxy would balance them.

gunicorn's workers all wait on one listening socket, and whichever wakes first accepts;
with kept-alive connections the first ones a worker wins stay with it. Measured with two
workers and four client connections, one worker sometimes held all four: it ran a full
core while the other idled, and the API served 274 requests per second instead of about
430 (gunicorn's issues 2817 and 3433 describe the same).

Each worker writes its count of open connections to memory shared by the master and its
workers (an array made in the master, where gunicorn builds a worker before it forks).
A worker accepts while its count is at most the lowest count of the others; a worker that
stops accepting for that reason looks again every 50 ms rather than every second, so a
connection never waits long for one of them.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

SLOTS = 256  # workers tracked; more (unusual) accept as plain gthread workers do
RECHECK_SECONDS = 0.05
FREE = 0
STARTING = -1

# Per slot: the worker's pid (FREE, or STARTING until the worker runs) and its open
# connections. Made when gunicorn imports this class in the master, so that every worker
# shares them. A slot whose worker dies while STARTING stays taken (gunicorn stops when a
# worker cannot boot); SLOTS leaves room for that.
_pids = multiprocessing.RawArray(ctypes.c_int, SLOTS)
_counts = multiprocessing.RawArray(ctypes.c_int, SLOTS)
_used = multiprocessing.RawValue(ctypes.c_int, 0)  # slots ever claimed: the ones to read


def _alive(pid: int) -> bool:
    if pid == STARTING:
        return True  # a worker forked or about to be, loading the application
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process has the pid: alive, though not ours
    return True


def claim_slot() -> int | None:
    """A slot for a worker about to be forked (called in the master, one at a time), after
    freeing the slots of workers that died without freeing theirs (killed, say), whose
    counts would otherwise hold the others back; None when all slots are taken."""
    for slot in range(_used.value):
        if _pids[slot] != FREE and not _alive(_pids[slot]):
            _pids[slot], _counts[slot] = FREE, 0
    for slot in range(SLOTS):
        if _pids[slot] == FREE:
            _pids[slot], _counts[slot] = STARTING, 0
            _used.value = max(_used.value, slot + 1)
            return slot
    return None


def fewest_elsewhere(own: int) -> int | None:
    """The lowest count of connections among the other workers (None: there are none)."""
    fewest = None
    for slot in range(_used.value):
        if slot != own and _pids[slot] > 0:  # neither free nor a worker still starting
            count = _counts[slot]
            if fewest is None or count < fewest:
                fewest = count
    return fewest


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, accepting by least connections (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slot: int | None = None
        self._own_conns = 0
        self.most_connections = 0
        super().__init__(*args, **kwargs)
        # With reuse_port each worker listens on its own socket, where the kernel queues
        # connections for it whether it accepts or not: balancing would only delay them.
        if not self.cfg.reuse_port:
            self.slot = claim_slot()  # in the master: gunicorn builds a worker, then forks

    @property
    def nr_conns(self) -> int:
        return self._own_conns

    @nr_conns.setter
    def nr_conns(self, value: int) -> None:
        self._own_conns = value
        if self.slot is not None:
            _counts[self.slot] = value

    @property
    def worker_connections(self) -> int:
        """How many connections this worker may hold now: gunicorn's run loop accepts
        while it holds fewer."""
        if self.slot is None:
            return self.most_connections
        fewest = fewest_elsewhere(self.slot)
        if fewest is None:
            return self.most_connections
        return min(self.most_connections, fewest + 1)

    @worker_connections.setter
    def worker_connections(self, value: int) -> None:
        self.most_connections = value  # the setting, as gunicorn's ThreadWorker sets it

    def run(self) -> None:
        """Counted by the others from here on, once the application has loaded."""
        if self.slot is not None:
            _pids[self.slot] = os.getpid()
        try:
            super().run()
        finally:
            if self.slot is not None:
                _counts[self.slot] = 0
                _pids[self.slot] = FREE

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        if not self._accepting and self.nr_conns < self.most_connections:
            timeout = min(timeout, RECHECK_SECONDS)  # held back for the others' sake
        super().wait_for_and_dispatch_events(timeout)
