"""A real HTTP server on 127.0.0.1 that answers like Nominatim, from tests/data/nominatim/responses.json.

Special queries: "http500" (HTTP 500), "busy" (HTTP 429), "slow ..." (answers after ``slow_seconds``),
"garbage" (not JSON); unknown queries give an empty list, as Nominatim does. Every request is recorded
(path, parameters, headers, arrival time) so tests can check what the client sent.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.loopback_server import LoopbackServer

RESPONSES = json.loads((Path(__file__).parent / "data" / "nominatim" / "responses.json").read_text("utf-8"))


class NominatimServer(LoopbackServer):
    def __init__(self, slow_seconds: float = 2.0) -> None:
        self.requests = []
        self.slow_seconds = slow_seconds
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                owner.requests.append({"path": url.path, "params": params, "headers": dict(self.headers),
                                       "time": time.monotonic()})
                query = params.get("q", "").lower()
                if query == "http500":
                    return self._send(500, b"Internal Server Error", "text/plain")
                if query == "busy":
                    return self._send(429, b"Too Many Requests", "text/plain")
                if query == "garbage":
                    return self._send(200, b"<html>not json</html>", "text/html")
                if query.startswith("slow"):
                    time.sleep(owner.slow_seconds)
                body = json.dumps(RESPONSES.get(query, [])).encode("utf-8")
                return self._send(200, body, "application/json; charset=utf-8")

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        self._serve(Handler)
