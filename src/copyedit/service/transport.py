"""The HTTP protocol ``copyedit serve`` runs under uvicorn: uvicorn's own (httptools when
installed, else h11) with ``TCP_NODELAY`` on every connection.

With ``--workers N`` uvicorn binds the listening socket itself, without naming the protocol,
and asyncio sets ``TCP_NODELAY`` only on sockets that say they are TCP: every answer written in
two parts (headers, then body) then waited for the client's delayed ACK, ~45 ms per request
at concurrency 1 (issue 13). Setting it on each connection as it is made fixes that for any
socket, worker count and event loop (uvloop, used when installed, sets it too).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _UvicornHttp
except ImportError:  # httptools is not installed: uvicorn's pure-Python h11 parser
    from uvicorn.protocols.http.h11_impl import H11Protocol as _UvicornHttp  # type: ignore[assignment]


def set_nodelay(sock: Any) -> None:
    """Send small writes at once (no Nagle) on a TCP socket; other sockets are left alone."""
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHttpProtocol(_UvicornHttp):
    """uvicorn's HTTP protocol, with ``TCP_NODELAY`` set as each connection is made."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport.get_extra_info("socket"))
        super().connection_made(transport)
