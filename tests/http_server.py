"""A scripted HTTP server on 127.0.0.1 for testing downloads against real sockets.

Each path answers with a list of replies in turn, repeating the last one once the list is used
up, so "503, 503, then 200" and "500 forever" are both one `route` call. Unknown paths get 404.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Reply:
    """One scripted response.

    `delay` holds the reply back (to outlast a client's timeout); `truncate_to` sends only that
    many body bytes under a Content-Length for the whole body, then closes; `drop` closes the
    connection without sending anything at all; `trickle` sends the body a byte at a time, and
    `header_trickle` the status line and headers.
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate_to: int | None = None
    drop: bool = False
    trickle: float = 0.0  # seconds between bytes of the body: a server that never quite stalls
    header_trickle: float = 0.0  # seconds between bytes of the status line and headers


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


class ScriptedServer:
    def __init__(self) -> None:
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[str] = []
        self._httpd = ThreadingHTTPServer((HOST, 0), self._handler_class())
        # Daemon threads so a handler still holding back a delayed reply never blocks shutdown.
        self._httpd.daemon_threads = True
        # A short poll interval, as shutdown() waits for the serving loop's next poll.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        if not replies:
            raise ValueError("route needs at least one reply")
        with self._lock:
            self._routes[path] = list(replies)

    def count(self, path: str) -> int:
        with self._lock:
            return Counter(self.requests)[path]

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        # Wake any handler waiting out a delay, so it finishes instead of lingering.
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, path: str) -> Reply:
        with self._lock:
            self.requests.append(path)
            replies = self._routes.get(path)
            if replies is None:
                return Reply(status=404, body=b"not found")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (name fixed by BaseHTTPRequestHandler)
                reply = server._next_reply(self.path)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.drop:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                if reply.header_trickle:
                    head = b"".join(self._headers_buffer) + b"\r\n"
                    self._headers_buffer = []
                    for index in range(len(head)):
                        self.wfile.write(head[index : index + 1])
                        self.wfile.flush()
                        if server._stopping.wait(reply.header_trickle):
                            return
                else:
                    self.end_headers()
                body = reply.body
                if reply.truncate_to is not None:
                    body = body[: reply.truncate_to]
                    self.close_connection = True
                if reply.trickle:
                    for index in range(len(body)):
                        self.wfile.write(body[index : index + 1])
                        self.wfile.flush()
                        if server._stopping.wait(reply.trickle):
                            return
                    return
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep pytest's captured output to what the tests print

        return Handler


@pytest.fixture
def http_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()
