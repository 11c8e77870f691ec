"""Open database connections from what a QGIS user knows: a PostgreSQL connection name or a libpq string.

Credentials come from QGIS's auth manager (authcfg) or a libpq service file and are expanded only in memory,
for the lifetime of the connection; they are never written anywhere.

psycopg2 ships with QGIS (Debian's python3-qgis depends on it). We use it rather than QGIS's
``executeSql`` because the register needs transactions and bound parameters, which that API lacks.
"""

from __future__ import annotations

import logging
from typing import List

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

        # the libpq message never contains the password, only host/port/user
        message = tr("Could not connect to the database: {error}").format(error=str(exc).strip())
        raise ConnectionError_(message) from None
    return conn


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table, column, schema). Values are never formatted into SQL: bind them."""
    return '"' + name.replace('"', '""') + '"'
