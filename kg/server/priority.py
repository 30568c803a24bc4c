"""CPU priority of query worker processes, so that quick queries win the CPU from runaway ones.

A worker whose query has run for a while is lowered to the lowest priority (nice 19). That is
not enough where the kernel groups processes by session for scheduling (Linux "autogroup",
common on desktops and plain VMs): nice values then only weigh processes of one session against
each other, while each session as a whole gets an equal share of the CPU. Workers in the server's
own session would keep that session always busy, and the server would wait its turn behind other
sessions' work each time a request arrives. So each worker starts a session of its own
(:func:`own_session`), and lowering a worker also lowers its session's weight (:func:`lower`).

Neither can be raised again without privileges (an unprivileged process may only lower a nice
value), so a lowered worker is retired once its query ends. The kernel lets an unprivileged
process change a session's weight only ten times a second, machine-wide: :func:`lower` says when
that part must be tried again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

LOWEST = 19
_AUTOGROUP = Path("/proc/sys/kernel/sched_autogroup_enabled")


def autogroup() -> bool:
    """Whether the kernel weighs sessions against each other (Linux autogroup is on)."""
    try:
        return _AUTOGROUP.read_text().strip() == "1"
    except OSError:
        return False


def own_session() -> None:
    """In a worker: start a session of its own (its own scheduling group under autogroup)."""
    with contextlib.suppress(OSError):  # already a session leader: nothing to do
        os.setsid()


def quietly(function: Callable[[], T]) -> T:
    """FUNCTION's result, computed by a thread of the lowest priority (Linux: nice is per thread).

    A worker opens the store this way (about 20 ms of CPU, four times over when four runaways
    are stopped together) before it leaves the server's session: it then takes the CPU only
    when the server and the workers answering queries leave it some; the worker's own thread
    keeps the normal priority for the queries to come.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        if sys.platform.startswith("linux"):  # elsewhere a thread id is no process id
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST)
        try:
            outcome.append(function())
        except BaseException as err:  # raised again in the calling thread
            failure.append(err)

    thread = threading.Thread(target=run, name="kg-worker-start")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def lower(pid: int, *, session: bool) -> bool:
    """Give process PID the lowest priority and, with SESSION (autogroup on), its session too.

    False when the session's weight could not be changed this time (the kernel's rate limit for
    unprivileged processes): call again a little later. A process that has ended counts as done.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, pid, LOWEST)
    except OSError:
        return True  # it has ended
    if not session:
        return True
    try:
        descriptor = os.open(f"/proc/{pid}/autogroup", os.O_WRONLY)
    except OSError:
        return True  # ended, or no autogroup after all
    try:
        os.write(descriptor, str(LOWEST).encode())
    except OSError as err:
        return err.errno != errno.EAGAIN
    finally:
        os.close(descriptor)
    return True


def session_nice(pid: int) -> int | None:
    """The nice value of PID's session (autogroup), None where there is none."""
    try:
        return int(Path(f"/proc/{pid}/autogroup").read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return None
