"""A pool of query worker processes with deadlines, driven from asyncio.

pyoxigraph cannot interrupt a query running in a thread, so each query runs in a child process
holding the store opened read-only; at the deadline the child is killed (which really stops the
evaluation) and a fresh one takes its place. A slow query occupies one worker; the others keep
answering. Children are forked from a ``forkserver`` that has already imported pyoxigraph, so a
replacement is ready in tens of milliseconds.

Quick queries stay quick while slow ones run (issue 14: an ASK waited up to 1.2 s beside four
runaway queries being killed and replaced):

- ``spares`` idle workers are kept started ahead of need, and a worker killed at the deadline is
  replaced before its client hears of it (503), so a client that sends its runaway again at once
  takes that replacement, not a spare: a query never waits for a worker to start;
- a worker whose query has run for ``DEMOTE_SECONDS`` is lowered to the lowest CPU priority, its
  session included (:mod:`kg.server.priority`), and retired once its query ends (the priority
  cannot be raised again); a query stopped at the deadline before is lowered before it starts;
- a request that finds ``max_waiting`` others already queued for a worker gets a 503 with
  Retry-After at once instead of joining a pile-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import socket
import struct
from collections import OrderedDict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.server import _worker, priority
from kg.server.protocol import HttpError, acceptable
from kg.server.workerproc import QueryTimeout, Reply, Worker, query_key, query_request

__all__ = ["QueryTimeout", "Reply", "WorkerPool", "query_request", "running_pool"]

log = logging.getLogger("kg.server")
STARTUP_SECONDS = 60.0
SLOW_SECONDS = 0.5  # a query running this long may hold a worker for a while: time to add one
GROW_CHECK_SECONDS = 0.1
RETIRE_SECONDS = 5.0
SPARES = 4
# a query running this long is no quick one: its worker yields the CPU to those that are
DEMOTE_SECONDS = 0.05
LOWER_AGAIN_SECONDS = 0.1  # the kernel's limit on unprivileged changes of a session's priority
REPLACE_SECONDS = 2.0  # longest a stopped query's client waits for its worker's replacement
REMEMBERED_RUNAWAYS = 256
RETRY_AFTER_SECONDS = 2


def default_size() -> int:
    """One worker per core plus one, at least three: a slow query never takes the last one."""
    return max(3, (os.cpu_count() or 2) + 1)


class WorkerPool:
    """Worker processes on one store; ``run`` sends a request to an idle one under a deadline.

    ``size`` workers are always running, and ``spares`` of them are kept idle while slow queries
    hold the others (up to ``max_size`` in all), so a few slow queries cannot hold back the quick
    ones; an extra worker is retired once no query is slow. At most ``max_waiting`` requests wait
    for a worker; more get a 503 with Retry-After.
    """

    def __init__(
        self,
        store: Path,
        *,
        size: int | None = None,
        timeout: float = 30.0,
        max_size: int | None = None,
        spares: int = SPARES,
        max_waiting: int = 64,
    ) -> None:
        self.store = store
        self.size = size or default_size()
        self.max_size = max(self.size, max_size if max_size is not None else 2 * self.size + spares)
        self.spares = spares
        self.max_waiting = max_waiting
        self.timeout = timeout
        self.generation = 0
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["kg.server._worker"])
        # last in, first out: a warm worker (caches, RocksDB blocks) takes the next query
        self._idle: asyncio.LifoQueue[Worker] = asyncio.LifoQueue()
        self._open = asyncio.Event()
        self._write_lock = asyncio.Lock()
        # Workers start one at a time once the pool is open: each start holds the GIL for a
        # millisecond or two in a thread (pickling, the forkserver handshake), then the new
        # process takes the CPU to open the store; four at once (four runaways stopped together)
        # kept the event loop from requests for up to 30 ms on a loaded 2-core machine, one at
        # a time for under 5 ms.
        self._start_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._workers: set[Worker] = set()
        self._busy: dict[Worker, float] = {}  # worker -> loop time its query began
        self._pending = 0  # workers being started
        self._waiting = 0  # requests waiting for a worker
        self._closing = False
        self._session = priority.autogroup()  # lower a worker's session too
        self._runaways: OrderedDict[str, None] = OrderedDict()  # queries stopped at the deadline

    async def start(self) -> None:
        """Start every worker; a store that cannot be opened is a StoreError."""
        try:
            workers = await asyncio.gather(*(self._spawn(alone=False) for _ in range(self.size)))
        except StoreError:
            await self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)
        self._open.set()
        self._background(self._watch())

    async def close(self) -> None:
        self._closing = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # their own cleanup first
        for worker in list(self._workers):
            worker.kill()
        await asyncio.gather(*(asyncio.to_thread(w.process.join, 5) for w in self._workers))
        self._workers.clear()

    async def _spawn(self, *, alone: bool = True) -> Worker:
        """A new worker, ready for queries (started while no other starts, with ALONE)."""
        if not alone:
            return await self._start_worker()
        async with self._start_lock:
            return await self._start_worker()

    async def _start_worker(self) -> Worker:
        parent, child = socket.socketpair()
        process = self._context.Process(
            target=_worker.main, args=(child, str(self.store)), daemon=True, name="kg-query-worker"
        )
        try:
            await self._start_process(process)
        except BaseException:
            # cancelled while a spare was starting (the pool is closing): the child finds its end
            # of the pair closed and exits
            parent.close()
            raise
        finally:
            child.close()
        reader, writer = await asyncio.open_connection(sock=parent)
        worker = Worker(process, reader, writer)
        self._workers.add(worker)
        try:
            async with asyncio.timeout(STARTUP_SECONDS):
                kind, payload = await worker.receive()
        except (TimeoutError, asyncio.IncompleteReadError) as err:
            self._discard(worker, replace=False)
            raise StoreError(f"{self.store}: a query worker did not start: {err!r}") from err
        if kind != _worker.READY:
            self._discard(worker, replace=False)
            raise StoreError(json.loads(payload)["message"])
        return worker

    @staticmethod
    async def _start_process(process: Any) -> None:
        """Start PROCESS through the forkserver; a busy forkserver's full accept queue refuses a
        connection for a moment (seen on a loaded 2-core machine), so that is tried again."""
        for delay in (0.05, 0.2, 0.5, 1.0, 2.0):
            try:
                await asyncio.to_thread(process.start)
                return
            except ConnectionRefusedError:
                await asyncio.sleep(delay)
        await asyncio.to_thread(process.start)

    def _release(self, worker: Worker) -> None:
        """WORKER finished its request and waits for the next (or, demoted, makes way for a fresh one)."""
        worker.cancel_timer()
        if worker.demoted:
            self._discard(worker)
            return
        self._busy.pop(worker, None)
        self._idle.put_nowait(worker)

    def _top_up(self) -> None:
        """Start workers until ``size`` run and ``spares`` are idle or starting (within ``max_size``)."""
        while (
            not self._closing and self._open.is_set() and len(self._workers) + self._pending < self.max_size
        ):
            if (
                len(self._workers) + self._pending >= self.size
                and self._idle.qsize() + self._pending >= self.spares
            ):
                return
            self._start_one()

    def _discard(self, worker: Worker, *, replace: bool = True) -> None:
        """Kill WORKER (stopping whatever it evaluates) and, with REPLACE, start a replacement."""
        worker.kill()
        self._busy.pop(worker, None)
        self._workers.discard(worker)
        self._background(asyncio.to_thread(worker.process.join, 5))
        if replace:
            self._top_up()

    def _background(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _start_one(self) -> asyncio.Future[None]:
        self._pending += 1
        task = asyncio.ensure_future(self._add_worker())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _add_worker(self) -> None:
        delay = 0.1
        try:
            while not self._closing:
                try:
                    self._idle.put_nowait(await self._spawn())
                    return
                except StoreError as err:
                    log.error("could not start a query worker: %s; retrying", err)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 10.0)
        finally:
            self._pending -= 1

    def _slow_queries(self) -> int:
        now = asyncio.get_running_loop().time()
        return sum(1 for began in self._busy.values() if now - began > SLOW_SECONDS)

    def _demote(self, worker: Worker) -> None:
        """Lower WORKER's priority while its query runs (again later if the kernel said not yet)."""
        worker.timer = None
        if worker in self._busy and not worker.demote(session=self._session):
            worker.timer = asyncio.get_running_loop().call_later(LOWER_AGAIN_SECONDS, self._demote, worker)

    async def _demote_first(self, worker: Worker, deadline: float) -> None:
        """Lower WORKER before its query starts (the query ran into the deadline before)."""
        loop = asyncio.get_running_loop()
        while not worker.demote(session=self._session) and loop.time() + LOWER_AGAIN_SECONDS < deadline:
            await asyncio.sleep(LOWER_AGAIN_SECONDS)

    async def _stopped(self, worker: Worker, key: str) -> None:
        """WORKER's query (KEY) ran into the deadline: kill it, and wait (a little) for its
        replacement, so that a client sending the query again at once does not take a spare."""
        self._runaways[key] = None
        self._runaways.move_to_end(key)
        while len(self._runaways) > REMEMBERED_RUNAWAYS:
            self._runaways.popitem(last=False)
        self._discard(worker, replace=False)
        if self._closing or len(self._workers) + self._pending >= self.max_size:
            self._top_up()
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._start_one()), REPLACE_SECONDS)

    async def _watch(self) -> None:
        """Add a worker when requests wait behind slow queries; retire extra ones when none is slow."""
        ticks = 0
        while True:
            await asyncio.sleep(GROW_CHECK_SECONDS)
            ticks += 1
            if not self._open.is_set() or self._closing:
                continue
            self._top_up()
            if (
                self._waiting
                and self._pending == 0
                and len(self._workers) < self.max_size
                and self._slow_queries()
            ):
                self._start_one()
            if ticks % round(RETIRE_SECONDS / GROW_CHECK_SECONDS) or self._waiting:
                continue
            if (
                len(self._workers) > self.size
                and self._idle.qsize() > self.spares
                and not self._slow_queries()
            ):
                idle = [self._idle.get_nowait() for _ in range(self._idle.qsize())]  # newest first
                if idle:
                    self._discard(idle.pop(), replace=False)  # the one idle longest
                for worker in reversed(idle):
                    self._idle.put_nowait(worker)

    async def _acquire(self, deadline: float) -> Worker:
        if self._idle.empty() and self._waiting >= self.max_waiting:
            raise HttpError(
                503,
                f"the server is busy: {self._waiting} queries are already waiting for a worker; "
                f"try again in {RETRY_AFTER_SECONDS} s",
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        try:
            async with asyncio.timeout_at(deadline):
                await self._open.wait()
                self._waiting += 1
                try:
                    worker = await self._idle.get()
                finally:
                    self._waiting -= 1
                self._busy[worker] = asyncio.get_running_loop().time()
                self._top_up()
                return worker
        except TimeoutError:
            raise HttpError(
                503,
                f"all {len(self._workers)} query workers stayed busy for {self.timeout:g} s; try again later",
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
            ) from None

    def deadline(self) -> float:
        return asyncio.get_running_loop().time() + self.timeout

    async def run(self, request: dict[str, Any], *, deadline: float | None = None) -> Reply:
        """Send REQUEST to a worker and wait for the first part of its answer (by DEADLINE)."""
        deadline = deadline if deadline is not None else self.deadline()
        worker = await self._acquire(deadline)
        loop = asyncio.get_running_loop()
        key = query_key(request)
        try:
            async with asyncio.timeout_at(deadline):
                if key in self._runaways:
                    await self._demote_first(worker, deadline)
                else:
                    worker.timer = loop.call_later(DEMOTE_SECONDS, self._demote, worker)
                await worker.send(request)
                kind, payload = await worker.receive()
        except TimeoutError:
            await self._stopped(worker, key)
            raise QueryTimeout(self.timeout) from None
        except (asyncio.IncompleteReadError, ConnectionError) as err:
            self._discard(worker)
            raise HttpError(500, f"the query worker died while evaluating the query ({err!r})") from err
        except BaseException:
            self._discard(worker)
            raise
        if kind == _worker.ERROR:
            self._release(worker)
            problem = json.loads(payload)
            if problem["status"] == 406:
                raise HttpError(
                    406,
                    f"no acceptable format for this result; it can be sent as "
                    f"{acceptable(problem['message'])}",
                )
            raise HttpError(problem["status"], problem["message"])
        if kind == _worker.COMPLETE:
            self._release(worker)
            (size,) = struct.unpack(">I", payload[:4])
            return Reply(json.loads(payload[4 : 4 + size]), body=payload[4 + size :])
        state = {"finished": False}

        async def chunks() -> AsyncIterator[bytes]:
            try:
                async with asyncio.timeout_at(deadline):
                    while True:
                        kind, data = await worker.receive()
                        if kind == _worker.DATA:
                            yield data
                        elif kind == _worker.END:
                            state["finished"] = True
                            return
                        else:
                            raise HttpError(500, json.loads(data)["message"])
            except TimeoutError:
                raise QueryTimeout(self.timeout) from None

        async def close() -> None:
            if state["finished"]:
                self._release(worker)
            else:
                self._discard(worker)

        return Reply(json.loads(payload), _chunks=chunks(), _close=close)

    async def fetch(
        self, request: dict[str, Any], *, deadline: float | None = None
    ) -> tuple[dict[str, Any], bytes]:
        """The whole answer to REQUEST as bytes (for the server's own, small, queries)."""
        reply = await self.run(request, deadline=deadline)
        if not reply.streaming:
            assert reply.body is not None
            return reply.head, reply.body
        parts = []
        try:
            async for chunk in reply.chunks():
                parts.append(chunk)
        finally:
            await reply.close()
        return reply.head, b"".join(parts)

    async def update(self, request: dict[str, Any]) -> None:
        """Run an update with the store opened read-write by one worker while the others have closed it.

        New queries wait meanwhile; running ones finish first (within their deadline). Each worker
        reopens the store, and so sees the change, at its next query.
        """
        deadline = self.deadline()
        async with self._write_lock:
            self._open.clear()
            held: list[Worker] = []
            try:
                async with asyncio.timeout_at(deadline):
                    # every worker, including any being started, must have let go of the store
                    while self._pending or len(held) < len(self._workers):
                        held.append(await self._idle.get())
                    for worker in held[1:]:
                        await worker.send({"op": "close"})
                        await worker.receive()
                    await held[0].send({"op": "update", **request})
                    kind, payload = await held[0].receive()
            except BaseException as err:
                for worker in held:
                    self._discard(worker)
                held = []
                if isinstance(err, TimeoutError):
                    raise QueryTimeout(self.timeout) from None
                raise
            finally:
                for worker in held:
                    self._release(worker)
                self._open.set()
            if kind == _worker.ERROR:
                problem = json.loads(payload)
                raise HttpError(problem["status"], problem["message"])
            self.generation += 1
            self._runaways.clear()  # the data changed: a query may be quick now


@contextlib.asynccontextmanager
async def running_pool(
    store: Path, *, size: int | None = None, timeout: float = 30.0
) -> AsyncIterator[WorkerPool]:
    pool = WorkerPool(store, size=size, timeout=timeout)
    await pool.start()
    try:
        yield pool
    finally:
        await pool.close()
