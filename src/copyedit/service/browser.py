"""``copyedit review`` opens its page in the user's browser without giving the token away.

A browser's command line is there for every local user to read (``ps``, ``/proc/PID/cmdline``), so the
browser is not given the address, which carries the token, but a page that leads to it: a file readable by
the user alone, in a folder of the user's own that goes when the server stops (as Jupyter does). The browser
starts once the server serves, in a thread of its own: a console browser (lynx, w3m) or a ``BROWSER`` script
runs until it is closed, and the server must answer it meanwhile.
"""

from __future__ import annotations

import html
import os
import signal
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path

import uvicorn

# It goes on to the address at once; the link is there should a browser not follow.
REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={address}">
<title>copyedit review</title></head>
<body><p><a href="{address}">Open the review page</a></p></body></html>
"""


def serve_and_open(config: uvicorn.Config, listener: socket.socket, address: str) -> None:
    """Serve on ``listener`` until stopped, opening ``address`` in the user's browser once serving."""
    # uvicorn hands SIGTERM on once it has shut down, and by default that ends the process on the spot
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with tempfile.TemporaryDirectory(prefix="copyedit-review-") as folder:  # made 0700: the user's alone
            _BrowserOpeningServer(config, redirect_page(folder, address)).run(sockets=[listener])
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """End by an exception, as Ctrl-C does, so that the private folder is removed on the way out."""
    raise SystemExit(128 + signum)


def redirect_page(folder: str, address: str) -> str:
    """Write a page into ``folder`` that leads to ``address``, readable by its user alone (0600); its ``file://`` URL."""
    path = Path(folder, "review.html")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as page:
        page.write(REDIRECT_PAGE.format(address=html.escape(address)))
    return path.as_uri()


class _BrowserOpeningServer(uvicorn.Server):
    """uvicorn, which opens ``url`` in the user's browser once it serves."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self.url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            threading.Thread(target=webbrowser.open, args=(self.url,), name="browser", daemon=True).start()
