"""Open database connections from what a QGIS user knows: a PostgreSQL connection name or a libpq string.

Credentials come from QGIS's auth manager (authcfg) or a libpq service file and are expanded only in memory,
for the lifetime of the connection; they are never written anywhere.

psycopg2 ships with QGIS (Debian's python3-qgis depends on it). We use it rather than QGIS's
``executeSql`` because the register needs transactions and bound parameters, which that API lacks.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Iterator, List, Optional

from qgis.core import QgsDataSourceUri, QgsProviderRegistry

LOG = logging.getLogger(__name__)


class ConnectionError_(Exception):
    """The DATABASE value names no usable connection (message is translated for the user)."""


def postgres_connection_names() -> List[str]:
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(md.connections().keys()) if md else []


def _uri_for(database: str) -> QgsDataSourceUri:
    database = (database or "").strip()
    if not database:
        from .i18n import tr

        raise ConnectionError_(tr("No database connection is set. Choose a QGIS PostgreSQL connection."))
    if "=" in database:  # a libpq connection string, possibly with a QGIS authcfg
        return QgsDataSourceUri(database)
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        conn = md.findConnection(database) if md else None
    except Exception:  # QgsProviderConnectionException
        conn = None
    if conn is None:
        from .i18n import tr

        raise ConnectionError_(
            tr("There is no QGIS PostgreSQL connection named “{name}”. Create it in the Data Source Manager "
               "or enter a connection string such as service=… or host=… dbname=….").format(name=database)
        )
    return QgsDataSourceUri(conn.uri())


def datasource_uri(database: str) -> QgsDataSourceUri:
    """The QgsDataSourceUri of ``database`` (an authcfg stays a reference: no password is expanded)."""
    return QgsDataSourceUri(_uri_for(database))


def libpq_dsn(database: str) -> str:
    """libpq connection string for ``database`` with any authcfg expanded (in memory only)."""
    uri = _uri_for(database)
    # connectionInfo(True) asks the auth manager to put user/password of the authcfg into the string
    info = uri.connectionInfo(True)
    return info


def connect(database: str, application_name: str = "coworking_plugin", **kwargs):
    """A new psycopg2 connection (autocommit off). The caller closes it."""
    import psycopg2

    dsn = libpq_dsn(database)
    try:
        conn = psycopg2.connect(dsn, application_name=application_name, **kwargs)
    except psycopg2.OperationalError as exc:
        from .i18n import tr

        # the libpq message names host/port/user, not the password; should a future one echo it, it goes
        message = tr("Could not connect to the database: {error}").format(error=_without_password(str(exc), dsn))
        raise ConnectionError_(message) from None
    return conn


def _without_password(text: str, dsn: str) -> str:
    from psycopg2.extensions import parse_dsn

    try:
        password = parse_dsn(dsn).get("password")
    except Exception:  # not parseable: libpq said so, and the message says where
        password = None
    text = text.strip()
    return text.replace(password, "***") if password else text


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table, column, schema). Values are never formatted into SQL: bind them."""
    return '"' + name.replace('"', '""') + '"'


class SharedConnection:
    """One connection a dock's tasks reuse, one task at a time: opened by the first task that needs it (in the
    task's thread), opened again after it broke or when the database setting changed, closed by ``close()``.

    ``with shared.use(database) as conn:`` hands it out; a task that ends with an error leaves it rolled back.
    ``close()`` never waits for a running task (the GUI thread calls it): that task closes it when done."""

    def __init__(self, application_name: str) -> None:
        import threading

        self.application_name = application_name
        self._lock = threading.Lock()
        self._conn = None
        self._database: Optional[str] = None
        self._stale = False

    @contextmanager
    def use(self, database: str) -> Iterator[Any]:
        with self._lock:
            if self._conn is not None and (self._stale or self._conn.closed or self._database != database):
                self._close()
            self._stale = False
            if self._conn is None:
                self._conn = connect(database, application_name=self.application_name)
                self._database = database
            conn = self._conn
            try:
                yield conn
            except BaseException:
                if not conn.closed:
                    try:
                        conn.rollback()
                    except Exception:  # broken meanwhile: the next task connects again
                        self._close()
                raise
            finally:
                if self._stale:
                    self._close()

    @property
    def is_open(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def close(self) -> None:
        """Close now, or (a task holds it) as soon as that task is done."""
        self._stale = True
        if self._lock.acquire(blocking=False):
            try:
                self._close()
            finally:
                self._lock.release()

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # already gone
                LOG.debug("closing the shared connection failed", exc_info=True)
        self._conn = None
