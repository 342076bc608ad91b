"""A fake local HTTP server for the media engines: routes answer canned bodies and requests are recorded."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: route handler: (path with query, JSON body or None) -> (status, content type, body)
Route = Callable[[str, Any], tuple[int, str, bytes]]


class Recorder:
    """What the server saw."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []


@contextmanager
def fake_server(routes: dict[str, Route]) -> Iterator[tuple[str, Recorder]]:
    """Serve ``routes`` (matched by path prefix) on 127.0.0.1; yields ``host:port`` and the recorder."""
    recorder = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: Any) -> None:
            # header names are case-insensitive: recorded in lower case
            headers = {name.lower(): value for name, value in self.headers.items()}
            recorder.requests.append({"method": self.command, "path": self.path, "headers": headers, "json": body})
            for prefix, route in routes.items():
                if self.path.startswith(prefix):
                    status, kind, data = route(self.path, body)
                    break
            else:
                status, kind, data = 404, "text/plain", b"no such route"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            self._answer(None)

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length", 0))
            self._answer(json.loads(self.rfile.read(length) or b"null"))

        def log_message(self, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()
