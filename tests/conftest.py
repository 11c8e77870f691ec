"""Shared fixtures.

PostGIS: a throwaway cluster (initdb + pg_ctl in a temp dir, free port) for the whole session, removed
afterwards. Set COWORKING_TEST_PG_DSN to a superuser libpq string to use an existing server instead
(each test database is then created and dropped on that server).
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED_DATA = ROOT / "resources" / "data"
OUTPUT = ROOT / "test-output"


class _ExternalServer:
    """An existing server named by COWORKING_TEST_PG_DSN (superuser)."""

    def __init__(self, dsn: str):
        self._dsn = dsn

    def dsn(self, dbname: str = "postgres", **_) -> str:
        import psycopg2.extensions

        params = psycopg2.extensions.parse_dsn(self._dsn)
        params["dbname"] = dbname
        return psycopg2.extensions.make_dsn(**params)

    def create_database(self, name: str, extensions=("postgis",)) -> str:
        from scripts.pgcluster import Cluster

        return Cluster.create_database(self, name, extensions)  # same SQL, other server

    def destroy(self) -> None:
        pass


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server for the session: ``.dsn(dbname)`` and ``.create_database(name)``."""
    external = os.environ.get("COWORKING_TEST_PG_DSN")
    if external:
        yield _ExternalServer(external)
        return
    from scripts.pgcluster import Cluster, free_port

    base = Path(tempfile.mkdtemp(prefix="coworking-pg-"))
    os.chmod(base, 0o755)  # the server runs as `postgres` when we are root
    cluster = Cluster(base / "data", free_port())
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()
        import shutil

        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgis_db(pg_server):
    """A fresh database with PostGIS for one test; yields its superuser DSN and drops it afterwards."""
    import psycopg2
    from psycopg2 import sql

    name = "t_" + uuid.uuid4().hex[:12]
    dsn = pg_server.create_database(name)
    yield dsn
    conn = psycopg2.connect(pg_server.dsn("postgres"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where tests write artefacts a reviewer looks at (screenshots): test-output/ in the repository."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
