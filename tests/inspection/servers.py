"""A small HTTP server on the loopback address for the link-check tests: it answers 200, 404, 500, a redirect loop,
a slow answer, a server that refuses HEAD and one that fails once, and it counts the requests in flight — shared by
several servers through one ``Gauge`` — so a test can prove the checker never exceeds its caps."""

from __future__ import annotations

import select
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Gauge:
    """Requests being handled now, and the most there ever were at once."""

    def __init__(self):
        self._lock = threading.Lock()
        self.now = 0
        self.peak = 0

    def __enter__(self):
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def __exit__(self, *exc):
        with self._lock:
            self.now -= 1


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")

    def _answer(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        self.server.hits[(method, parts.path)] += 1
        with self.server.gauge, self.server.own:
            delay = float(query.get("delay", ["0"])[0])
            if parts.path == "/slow":
                delay = 5.0
            if delay and not self._wait(delay):
                return  # the client gave up: nothing more to send
            code, headers = self._route(method, parts.path)
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if method == "GET":
                self.wfile.write(b"ok")

    def _route(self, method: str, path: str) -> tuple[int, dict]:
        if path in self.server.down:
            return 503, {}
        if path == "/ok" or path == "/slow":
            return 200, {}
        if path == "/missing":
            return 404, {}
        if path == "/error":
            return 500, {}
        if path == "/loop":
            return 302, {"Location": "/loop"}
        if path == "/to-ok":
            return 301, {"Location": "/ok"}
        if path == "/no-head":
            return (405, {}) if method == "HEAD" else (200, {})
        if path == "/flaky":
            return (503, {}) if self.server.hits[("HEAD", path)] + self.server.hits[("GET", path)] <= 1 else (200, {})
        return 404, {}

    def _wait(self, seconds: float) -> bool:
        """Sleep, but stop as soon as the client hangs up (then the request is no longer in flight)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            readable, _, _ = select.select([self.connection], [], [], 0.02)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return False
                except OSError:
                    return False
        return True


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, gauge: Gauge | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.gauge = gauge or Gauge()
        self.own = Gauge()  # this server's own requests in flight
        self.hits: Counter = Counter()
        self.down: set[str] = set()  # paths answering 503 for now
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


def refused_url() -> str:
    """An address on the loopback where nothing listens: a port taken and given back at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
