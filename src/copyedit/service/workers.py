"""``copyedit serve --workers N`` on Linux: N worker processes, each listening on a socket of its own
bound to the same port (``SO_REUSEPORT``), so that the kernel spreads new connections over them.

uvicorn's workers share one listening socket, and the worker that is awake when connections arrive
accepts all of them: 20 keep-alive connections went 17/3, 20/0 and 17/3 between two workers in three
tries (issue 13), so one core did the work of two and every answer waited for 17 articles. With a
socket each, Linux hashes each new connection to one of the workers' sockets. Elsewhere (where
``SO_REUSEPORT`` does not spread connections) ``copyedit serve`` uses uvicorn's workers.

The supervisor binds the port first, so that a port in use is one clear error, and holds it while
the workers run (a bound socket that does not listen is given no connection). It stops the workers
on SIGINT or SIGTERM, and starts again a worker that dies after it has started, or that a signal
killed while it started (the OOM killer, an operator): only a worker that exits on its own before it
serves stops the service, since its successor would fail the same way.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event
from typing import Any

error_log = logging.getLogger("copyedit.service.error")

# How long the workers have to finish their requests once asked to stop.
STOP_SECONDS = 10.0


def spreads_connections() -> bool:
    """Whether sockets sharing a port with ``SO_REUSEPORT`` share its connections (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` that other sockets of this user may bind as well (not yet listening)."""
    family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _worker(config: dict[str, Any], host: str, port: int, ready: Event) -> None:
    """One worker process: uvicorn serving on a listening socket of its own; ``ready`` is set once it serves."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(**config))

    def tell_when_started() -> None:
        while not server.started:
            time.sleep(0.05)
        ready.set()

    threading.Thread(target=tell_when_started, daemon=True).start()
    server.run(sockets=[port_socket(host, port)])


class Supervisor:
    """Starts ``count`` workers serving uvicorn ``config`` on ``host:port``; :meth:`run` returns the exit status."""

    def __init__(self, config: dict[str, Any], host: str, port: int, count: int) -> None:
        self.config, self.host, self.count = config, host, count
        self.holder = port_socket(host, port)  # OSError here: the port is taken, or the address is not ours
        self.port: int = self.holder.getsockname()[1]  # port 0: the one the system chose
        self.stopping = False
        self._spawn = multiprocessing.get_context("spawn")

    def _start(self) -> tuple[SpawnProcess, Event]:
        ready = self._spawn.Event()
        process = self._spawn.Process(target=_worker, args=(self.config, self.host, self.port, ready), name="copyedit-serve-worker")
        process.start()
        return process, ready

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        previous = {signum: signal.signal(signum, self._stop) for signum in (signal.SIGINT, signal.SIGTERM)}
        workers = [self._start() for _ in range(self.count)]
        status = 0
        try:
            while not self.stopping:
                time.sleep(0.2)
                for number, (process, ready) in enumerate(workers):
                    if process.is_alive() or self.stopping:
                        continue
                    if not ready.is_set() and process.exitcode is not None and process.exitcode >= 0:  # it would fail again
                        error_log.error("worker failed to start", extra={"fields": {"pid": process.pid, "exitcode": process.exitcode}})
                        self.stopping, status = True, 1
                        break
                    error_log.warning("worker died; starting another", extra={"fields": {"pid": process.pid, "exitcode": process.exitcode}})
                    workers[number] = self._start()
        finally:
            for process, _ in workers:
                if process.is_alive():
                    process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
            deadline = time.monotonic() + STOP_SECONDS
            for process, _ in workers:
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join()
            self.holder.close()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return status
