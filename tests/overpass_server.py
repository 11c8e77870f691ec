"""A real HTTP server on 127.0.0.1 that answers like the Overpass API, from tests/data/overpass/<role>.json.

The role is read from the query's comment (``/* coworking:<role> */``). ``failures`` maps a role to a failure to
answer it with: "429" (HTTP 429, as Overpass's rate limit), "504" (Overpass's "too busy" gateway timeout),
"rate_limited" (HTTP 200 with Overpass's rate_limited text), "garbage" (HTML), "no_elements" (JSON without
elements), "remark" (Overpass's runtime-error remark), "slow" (answers after ``slow_seconds``). ``answers``
replaces a role's recorded answer. Every request is recorded (path, form data, headers).
"""

from __future__ import annotations

import json
import re
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs

from tests.loopback_server import LoopbackServer

DATA = Path(__file__).parent / "data" / "overpass"

REMARK = ("runtime error: Query timed out in \"query\" at line 4 after 181 seconds.")
RATE_LIMITED_TEXT = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm-script><remark> runtime error: open64: 0 "
                     b"Success /osm3s_osm_base Dispatcher_Client::request_read_and_idx::rate_limited. Please check "
                     b"/api/status for the quota of your IP address. </remark></osm-script>\n")
TOO_BUSY_TEXT = (b"<html><body><p>The server is probably too busy to handle your request.</p>"
                 b"<p>Error: runtime error: open64: 0 Success /osm3s_osm_base "
                 b"Dispatcher_Client::request_read_and_idx::timeout.</p></body></html>\n")


def recorded(role: str) -> dict:
    return json.loads((DATA / f"{role}.json").read_text("utf-8"))


class OverpassServer(LoopbackServer):
    def __init__(self, slow_seconds: float = 2.0) -> None:
        self.requests = []
        self.failures = {}
        self.answers = {}
        self.slow_seconds = slow_seconds
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                query = form.get("data", "")
                match = re.search(r"/\* coworking:(\w+) \*/", query)
                role = match.group(1) if match else ""
                owner.requests.append({"path": self.path, "query": query, "role": role,
                                       "headers": dict(self.headers)})
                failure = owner.failures.get(role, "")
                if failure == "429":
                    return self._send(429, RATE_LIMITED_TEXT, "text/html")
                if failure == "504":
                    return self._send(504, TOO_BUSY_TEXT, "text/html")
                if failure == "rate_limited":
                    return self._send(200, RATE_LIMITED_TEXT, "application/osm3s+xml")
                if failure == "garbage":
                    return self._send(200, b"<html><body>Wartungsarbeiten</body></html>", "text/html")
                if failure == "no_elements":
                    return self._json({"version": 0.6, "generator": "Overpass API 0.7.62.4 2390de5a"})
                if failure == "remark":
                    answer = {**recorded(role), "elements": [], "remark": REMARK}
                    return self._json(answer)
                if failure == "slow":
                    time.sleep(owner.slow_seconds)
                if role in owner.answers:
                    return self._json(owner.answers[role])
                if not (DATA / f"{role}.json").exists():
                    return self._send(400, b"Error: unknown role", "text/plain")
                return self._json(recorded(role))

            def _json(self, answer: dict) -> None:
                self._send(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json")

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._serve(Handler, "/api/interpreter")
