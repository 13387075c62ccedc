"""``copyedit serve --workers N`` on Unix: N worker processes and a supervisor that accepts every
connection and hands it to the worker holding the fewest (its file descriptor sent over a Unix
socket), so that each worker answers an equal share of a client's keep-alive connections.

uvicorn's workers share one listening socket, and the worker that is awake when connections arrive
accepts all of them: 20 keep-alive connections went 17/3, 20/0 and 17/3 between two workers in three
tries (issue 13). A listening socket per worker bound with ``SO_REUSEPORT`` fared better but not
well: the kernel hashes each connection to a socket, so 20 connections split 7/13, 8/12 or 9/11, and
the 13 waited twice as long as the 7 (p99 61 ms at concurrency 20, where an even split gives 46). Where
file descriptors cannot be sent (Windows) ``copyedit serve`` uses uvicorn's workers.

The supervisor binds the port first, so that a port in use is one clear error; connections that
arrive before a worker serves wait in its backlog. It stops the workers on SIGINT or SIGTERM, and
starts again a worker that dies after it has started, or that a signal killed while it started (the
OOM killer, an operator): only a worker that exits on its own before it serves stops the service,
since its successor would fail the same way. The connections a dead worker held are lost with it.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import selectors
import signal
import socket
import sys
import time
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from typing import Any

import uvicorn

error_log = logging.getLogger("copyedit.service.error")

# How long the workers have to finish their requests once asked to stop.
STOP_SECONDS = 10.0
# How long the supervisor waits for a worker to take a connection before offering it to another.
HANDOVER_SECONDS = 1.0
BACKLOG = 2048


def hands_over_connections() -> bool:
    """Whether this system can send a connection's file descriptor to another process (Unix)."""
    return hasattr(socket, "send_fds") and sys.platform != "win32"


def port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (not yet listening)."""
    family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


class _HandedServer(uvicorn.Server):
    """uvicorn serving the connections the supervisor hands over on ``channel`` instead of a socket of its
    own; ``closed`` counts the connections it has closed, which tells the supervisor how many it holds."""

    def __init__(self, config: uvicorn.Config, channel: socket.socket, closed: Synchronized[int], ready: Event) -> None:
        super().__init__(config)
        self.channel, self.closed, self.ready = channel, closed, ready
        self._taking: set[asyncio.Task[None]] = set()  # the loop keeps only weak references to its tasks

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])
        if self.should_exit:
            return
        loop = asyncio.get_running_loop()
        self.channel.setblocking(False)
        loop.add_reader(self.channel.fileno(), self._take_connections, loop)
        self.ready.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().remove_reader(self.channel.fileno())
        await super().shutdown(sockets=sockets)

    def _take_connections(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            try:
                data, descriptors, _, _ = socket.recv_fds(self.channel, 64, 64)
            except BlockingIOError:
                return
            if not data:  # the supervisor is gone: finish the requests in flight and stop
                loop.remove_reader(self.channel.fileno())
                self.should_exit = True
                return
            for descriptor in descriptors:
                task = loop.create_task(self._serve_connection(loop, socket.socket(fileno=descriptor)))
                self._taking.add(task)
                task.add_done_callback(self._taking.discard)

    async def _serve_connection(self, loop: asyncio.AbstractEventLoop, connection: socket.socket) -> None:
        try:
            await loop.connect_accepted_socket(self._protocol, connection)
        except OSError:  # the client left before the worker took its connection
            connection.close()
            self._count_closed()

    def _protocol(self) -> asyncio.Protocol:
        # as uvicorn's own startup makes each connection's protocol (its create_protocol)
        protocol_class: Any = self.config.http_protocol_class  # typed as asyncio.Protocol, which takes no arguments
        made = protocol_class(config=self.config, server_state=self.server_state, app_state=self.lifespan.state)
        lost = made.connection_lost

        def connection_lost(exc: Exception | None) -> None:
            self._count_closed()
            lost(exc)

        made.connection_lost = connection_lost
        return made  # type: ignore[no-any-return]

    def _count_closed(self) -> None:
        with self.closed.get_lock():
            self.closed.value += 1


def _worker(config: dict[str, Any], channel: socket.socket, closed: Synchronized[int], ready: Event) -> None:
    """One worker process: uvicorn serving the connections handed to it; ``ready`` is set once it serves."""
    _HandedServer(uvicorn.Config(**config), channel, closed, ready).run()


@dataclass
class _Worker:
    process: SpawnProcess
    ready: Event
    channel: socket.socket  # the supervisor's end of the worker's Unix socket
    closed: Synchronized[int]  # connections the worker has closed
    sent: int = 0  # connections handed to it

    @property
    def holds(self) -> int:
        return self.sent - self.closed.value


class Supervisor:
    """Starts ``count`` workers serving uvicorn ``config`` on ``host:port``; :meth:`run` returns the exit status."""

    def __init__(self, config: dict[str, Any], host: str, port: int, count: int) -> None:
        self.config, self.host, self.count = config, host, count
        self.holder = port_socket(host, port)  # OSError here: the port is taken, or the address is not ours
        self.port: int = self.holder.getsockname()[1]  # port 0: the one the system chose
        self.stopping = False
        self._spawn = multiprocessing.get_context("spawn")

    def _start(self) -> _Worker:
        ready, closed = self._spawn.Event(), self._spawn.Value("q", 0)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        process = self._spawn.Process(target=_worker, args=(self.config, theirs, closed, ready), name="copyedit-serve-worker")
        process.start()
        theirs.close()
        ours.settimeout(HANDOVER_SECONDS)
        return _Worker(process, ready, ours, closed)

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def _hand_over(self, workers: list[_Worker]) -> None:
        """Accept the connections waiting and give each to the serving worker that holds the fewest."""
        while True:
            try:
                connection, _ = self.holder.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # out of file descriptors, a connection reset before it was accepted
                error_log.warning("accept failed", extra={"fields": {"error": str(error)}})
                return
            with connection:
                for worker in sorted((w for w in workers if w.ready.is_set() and w.process.is_alive()), key=lambda w: w.holds):
                    try:
                        socket.send_fds(worker.channel, [b"c"], [connection.fileno()])
                    except OSError:  # a worker that died or stopped reading: the next one takes it
                        continue
                    worker.sent += 1
                    break

    def run(self) -> int:
        previous = {signum: signal.signal(signum, self._stop) for signum in (signal.SIGINT, signal.SIGTERM)}
        workers = [self._start() for _ in range(self.count)]
        status = 0
        self.holder.listen(BACKLOG)
        self.holder.setblocking(False)
        waiting = selectors.DefaultSelector()
        waiting.register(self.holder, selectors.EVENT_READ)
        try:
            while not self.stopping:
                # connections wait in the backlog until a worker serves
                if any(worker.ready.is_set() for worker in workers) and waiting.select(timeout=0.2):
                    self._hand_over(workers)
                elif not any(worker.ready.is_set() for worker in workers):
                    time.sleep(0.05)
                for number, worker in enumerate(workers):
                    process = worker.process
                    if process.is_alive() or self.stopping:
                        continue
                    worker.channel.close()
                    if not worker.ready.is_set() and process.exitcode is not None and process.exitcode >= 0:  # it would fail again
                        error_log.error("worker failed to start", extra={"fields": {"pid": process.pid, "exitcode": process.exitcode}})
                        self.stopping, status = True, 1
                        break
                    error_log.warning("worker died; starting another", extra={"fields": {"pid": process.pid, "exitcode": process.exitcode}})
                    workers[number] = self._start()
        finally:
            waiting.close()
            self.holder.close()  # no new connection: the workers finish those they hold
            for worker in workers:
                if worker.process.is_alive():
                    worker.process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
            deadline = time.monotonic() + STOP_SECONDS
            for worker in workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join()
                worker.channel.close()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return status
