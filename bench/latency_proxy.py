"""A small TCP proxy on 127.0.0.1 that adds latency or cuts connections, for the sync bench and tests.

* ``delay`` seconds are added to every chunk in each direction (a round trip gets 2 x delay), without
  limiting bandwidth: chunks are queued with their due time and sent by a writer thread.
* ``cut_after_client_bytes``: the connection is closed once that many bytes came from the client (a link
  that drops mid-upload); with ``count_from``, bytes are counted from the chunk holding those bytes on.
* ``cut_after_marker``: once the client sent these bytes (e.g. ``b"COMMIT"``), the server's next answer is
  swallowed and the connection closed (the commit happened, the client never hears of it).

Only loopback: it listens on 127.0.0.1 and forwards to a server on this machine.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from typing import List, Optional


class LatencyProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1", delay: float = 0.0,
                 cut_after_client_bytes: Optional[int] = None, cut_after_marker: Optional[bytes] = None,
                 count_from: Optional[bytes] = None) -> None:
        self.target = (target_host, target_port)
        self.delay = delay
        self.cut_after_client_bytes = cut_after_client_bytes
        self.cut_after_marker = cut_after_marker
        self.count_from = count_from
        self.cuts = 0
        #: client messages sent after an answer from the server: the round trips, connection set-up included
        self.round_trips = 0
        self._lock = threading.Lock()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._sockets: List[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def __enter__(self) -> LatencyProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        try:
            self._server.close()
        except OSError:
            pass
        for s in list(self._sockets):
            _close(s)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._sockets.append(s)
            state = {"last_from_client": False, "client_bytes": 0, "marker_seen": False, "tail": b"",
                     "counting": self.count_from is None}
            for src, dst, from_client in ((client, upstream, True), (upstream, client, False)):
                q: queue.Queue = queue.Queue()
                threading.Thread(target=self._read, args=(src, dst, q, from_client, state, client, upstream),
                                 daemon=True).start()
                threading.Thread(target=self._write, args=(dst, q), daemon=True).start()

    def _cut(self, *socks: socket.socket) -> None:
        for s in socks:
            _close(s)

    def _read(self, src, dst, q, from_client, state, client, upstream) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                q.put((0.0, None))
                return
            with self._lock:
                if from_client and not state["last_from_client"]:
                    self.round_trips += 1
                state["last_from_client"] = from_client
            if from_client:
                if not state["counting"] and self.count_from in state["tail"] + data:
                    state["counting"] = True
                if self.cut_after_client_bytes is not None and state["counting"]:
                    room = self.cut_after_client_bytes - state["client_bytes"]
                    if room <= len(data):
                        self.cuts += 1
                        q.put((time.monotonic() + self.delay, data[:max(room, 0)]))
                        q.put((0.0, None))
                        time.sleep(self.delay + 0.05)
                        self._cut(client, upstream)
                        return
                if state["counting"]:
                    state["client_bytes"] += len(data)
                if self.cut_after_marker and self.cut_after_marker in state["tail"] + data:
                    state["marker_seen"] = True
                state["tail"] = data[-64:]
            elif state["marker_seen"]:
                self.cuts += 1
                self._cut(client, upstream)  # the answer to the marked message never arrives
                q.put((0.0, None))
                return
            q.put((time.monotonic() + self.delay, data))

    @staticmethod
    def _write(dst, q) -> None:
        while True:
            due, data = q.get()
            if data is None:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                dst.sendall(data)
            except OSError:
                return


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass
