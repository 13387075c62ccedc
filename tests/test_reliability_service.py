"""The service under attack: slow bodies, slow clients, injected markup, hostile strings, and a
short schemathesis run against its own OpenAPI schema (``benchmarks/service_load.py`` has the
long run and the load test). Token enforcement and declared oversized bodies are in
``tests/test_service.py``."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from .test_service import Server  # noqa: E402

# The module's server and schemathesis's run take ~25 s: started first, with its tests together (one server).
pytestmark = pytest.mark.slow(seconds=25)

TOKEN = "reliability-token-9d2e"
MAX_BODY = 1000
INJECTING_RULE = """
code: XS101
name: injects-markup
kind: substitution
applicability: safe
message: a replacement that is markup
why: a rule must never be able to add markup to an HTML article
swap:
  bad word: <script>alert(1)</script>
examples:
  - bad: a bad word
    good: a <script>alert(1)</script>
  - ok: a good word
"""
SCHEMATHESIS = shutil.which("schemathesis", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("reliability-service")
    (folder / "rules").mkdir()
    (folder / "rules" / "XS101-injects-markup.yml").write_text(INJECTING_RULE, encoding="utf-8")
    (folder / "copyedit.toml").write_text('rules = ["rules"]\n', encoding="utf-8")
    running = Server(folder, "--max-body", str(MAX_BODY), env={"COPYEDIT_TOKEN": TOKEN})
    yield running
    running.stop()


def post(server: Server, path: str, payload: object) -> httpx.Response:
    return httpx.post(f"{server.url}{path}", json=payload, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)


def test_a_rule_cannot_inject_markup_into_html(server: Server) -> None:
    response = post(server, "/v1/fix", {"body": "<p>a bad word</p>", "format": "html"})
    assert response.status_code == 200
    assert response.json()["body"] == "<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize("payload", [{"body": "the the \udcff"}, {"body": "x", "title": "\ud800"}, {"\udfff": 1}])
def test_lone_surrogates_in_json_are_422_not_500(server: Server, payload: dict) -> None:
    raw = json.dumps(payload).encode()  # ASCII JSON with "\\udcff" escapes, as a client may send
    response = httpx.post(
        f"{server.url}/v1/fix",
        content=raw,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 422
    assert "lone surrogate" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/nope", "/v1", "/v1/fix/", "/healthz/../v1/rules", "/HEALTHZ"])
def test_unknown_paths_need_the_token_too(server: Server, path: str) -> None:
    assert httpx.get(f"{server.url}{path}", timeout=10).status_code == 401


def _raw_request(port: int) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(
        b"POST /v1/fix HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {TOKEN}\r\n".encode()
    )
    return connection


def _status(connection: socket.socket) -> bytes:
    answer = b""
    while b"\r\n" not in answer:
        chunk = connection.recv(4096)
        if not chunk:
            break
        answer += chunk
    return answer.split(b"\r\n")[0]


def test_a_slow_chunked_body_is_cut_off_with_413_once_over_the_limit(server: Server) -> None:
    """No Content-Length to refuse up front: the server counts as it reads and stops at the limit."""
    with _raw_request(server.port) as connection:
        connection.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
        piece = b'{"body": "' + b"a" * 290
        sent, started = 0, time.monotonic()
        connection.settimeout(0.2)
        status = b""
        while not status and time.monotonic() - started < 20:
            connection.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            sent += len(piece)
            try:
                status = _status(connection)
            except TimeoutError:
                continue
    assert status.startswith(b"HTTP/1.1 413 ")  # the reason phrase is the Python's ("Content Too Large" from 3.13)
    assert MAX_BODY < sent <= MAX_BODY + 2 * len(piece)  # answered as soon as the limit was passed


def test_slow_clients_do_not_block_others(server: Server) -> None:
    """Thirty clients trickle their headers (slowloris); a normal client is still answered at once."""
    stop = threading.Event()
    slow = [_raw_request(server.port) for _ in range(30)]

    def trickle() -> None:
        while not stop.is_set():
            for connection in slow:
                try:
                    connection.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            stop.wait(0.2)

    worker = threading.Thread(target=trickle, daemon=True)
    worker.start()
    try:
        time.sleep(0.5)
        for _ in range(10):
            started = time.monotonic()
            response = post(server, "/v1/fix", {"body": "The Ã¼ber-rich left."})
            assert response.status_code == 200 and response.json()["body"] == "The über-rich left."
            # Blocked, it would wait as long as the trickle lasts; 10 s leaves room for a loaded CI machine.
            assert time.monotonic() - started < 10.0
    finally:
        stop.set()
        worker.join()
        for connection in slow:
            connection.close()


@pytest.mark.skipif(SCHEMATHESIS is None, reason="schemathesis is not installed (pip install copyedit[bench])")
def test_schemathesis_finds_no_server_error(server: Server, tmp_path: Path) -> None:
    run = subprocess.run(
        [
            SCHEMATHESIS, "run", f"{server.url}/openapi.json",
            "--checks", "not_a_server_error",
            "--header", f"Authorization: Bearer {TOKEN}",
            "--max-examples", "15",
            "--seed", "8",
            "--no-color",
        ],
        capture_output=True,
        timeout=300,
        cwd=tmp_path,
    )
    output = run.stdout.decode()
    assert run.returncode == 0, output[-3000:]
