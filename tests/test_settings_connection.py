"""core/connection.py against a real PostGIS: a QGIS PostgreSQL connection whose credentials live in QGIS's
auth manager (authcfg), a libpq service, and the messages a user sees when the setting is wrong."""

from __future__ import annotations

import secrets
import uuid

import psycopg2
import pytest
from psycopg2 import sql
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProviderRegistry, QgsSettings

from coworking_plugin.core.connection import ConnectionError_, connect, libpq_dsn, postgres_connection_names

pytestmark = pytest.mark.postgis


@pytest.fixture
def login_role(postgis_db):
    """A real LOGIN role (not the superuser) with its password; dropped afterwards."""
    name = "officer_" + uuid.uuid4().hex[:8]
    password = secrets.token_urlsafe(12)
    with psycopg2.connect(postgis_db) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(name)), (password,))
    params = psycopg2.extensions.parse_dsn(postgis_db)
    yield {"user": name, "password": password, "host": params["host"], "port": params["port"],
           "dbname": params["dbname"]}
    with psycopg2.connect(postgis_db) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.fixture
def qgis_connection(qgis_app, login_role):
    """A QGIS PostgreSQL connection with an authcfg holding the role's credentials."""
    auth = QgsApplication.authManager()
    if not auth.masterPasswordIsSet():
        assert auth.setMasterPassword("test-master-password", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("coworking test " + login_role["user"])
    cfg.setConfig("username", login_role["user"])
    cfg.setConfig("password", login_role["password"])
    assert auth.storeAuthenticationConfig(cfg)[0]
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    name = "Register " + login_role["user"]
    uri = (f"host={login_role['host']} port={login_role['port']} dbname={login_role['dbname']} "
           f"authcfg={cfg.id()}")
    md.saveConnection(md.createConnection(uri, {}), name)
    yield name
    md.deleteConnection(name)
    auth.removeAuthenticationConfig(cfg.id())


def test_qgis_connection_with_authcfg(qgis_connection, login_role):
    assert qgis_connection in postgres_connection_names()
    conn = connect(qgis_connection)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT current_user, postgis_version()")
            user, version = cur.fetchone()
    finally:
        conn.close()
    assert user == login_role["user"]
    assert version.startswith("3.")
    # the password stays in the auth database: not in QGIS's settings
    s = QgsSettings()
    assert not [k for k in s.allKeys() if login_role["password"] in str(s.value(k))]


def test_libpq_service(tmp_path, monkeypatch, login_role):
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(f"[coworking_register]\nhost={login_role['host']}\nport={login_role['port']}\n"
                            f"dbname={login_role['dbname']}\nuser={login_role['user']}\n"
                            f"password={login_role['password']}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    conn = connect("service=coworking_register")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT current_user")
            assert cur.fetchone()[0] == login_role["user"]
    finally:
        conn.close()


def test_messages_say_what_to_fix(qgis_app, login_role):
    with pytest.raises(ConnectionError_, match="No database connection is set"):
        libpq_dsn("  ")
    with pytest.raises(ConnectionError_, match="no QGIS PostgreSQL connection named “Kreis”"):
        libpq_dsn("Kreis")
    wrong = "wrong-" + secrets.token_hex(4)
    with pytest.raises(ConnectionError_) as err:
        connect(f"host={login_role['host']} port={login_role['port']} dbname={login_role['dbname']} "
                f"user={login_role['user']} password={wrong} connect_timeout=5")
    assert "Could not connect" in str(err.value)
    assert wrong not in str(err.value)
