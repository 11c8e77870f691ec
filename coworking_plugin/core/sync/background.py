"""Work a sync does in a thread while it goes on: opening the connection, the server's query of a refresh."""

from __future__ import annotations

from typing import Any, Callable, Optional

from ..connection import connect


class _Background:
    """Run ``fn(*args)`` in a thread while the caller goes on (libpq waits for the server without holding the GIL).

    result() waits and returns fn's value or raises its exception. discard() gives up on it without waiting:
    ``dispose`` (closing a connection) is applied to a value nobody took, now or when it arrives.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, dispose: Optional[Callable[[Any], None]] = None) -> None:
        import threading

        self._value: Any = None
        self._error: Optional[BaseException] = None
        self._state = "running"  # -> "taken" by result() or "discarded"
        self._dispose = dispose
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., Any], args: tuple) -> None:
        try:
            value = fn(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
            return
        with self._lock:
            if self._state == "discarded":
                if self._dispose:
                    self._dispose(value)
            else:
                self._value = value

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._state = "taken"
        return self._value

    def discard(self) -> None:
        with self._lock:
            if self._state == "taken":
                return
            self._state = "discarded"
            if self._value is not None and self._dispose:
                self._dispose(self._value)
                self._value = None


def _connect_for_sync(database: str):
    return connect(database, application_name="coworking_plugin sync")

