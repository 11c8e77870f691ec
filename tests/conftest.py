"""Shared fixtures.

PostGIS: a throwaway cluster (initdb + pg_ctl in a temp dir, free port) for the whole session, removed
afterwards. Set COWORKING_TEST_PG_DSN to a superuser libpq string to use an existing server instead
(each test database is then created and dropped on that server).
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def _throwaway_cluster(prefix: str):
    """A PostgreSQL cluster in a temp dir on a free port, removed afterwards."""
    import shutil

    from scripts.pgcluster import Cluster, free_port

    base = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(base, 0o755)  # the server runs as `postgres` when we are root
    cluster = Cluster(base / "data", free_port())
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server for the session: ``.dsn(dbname)`` and ``.create_database(name)``."""
    external = os.environ.get("COWORKING_TEST_PG_DSN")
    if external:
        yield _ExternalServer(external)
        return
    with _throwaway_cluster("coworking-pg-") as cluster:
        yield cluster


@pytest.fixture
def own_pg_server():
    """A throwaway server for one test, for what is cluster-wide: roles no other test sees (a few seconds).
    Always local (PostgreSQL's server binaries), also when COWORKING_TEST_PG_DSN names a server."""
    from scripts.pgcluster import bin_dir

    try:
        bin_dir()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    with _throwaway_cluster("coworking-pg-own-") as cluster:
        yield cluster


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


# ---------------------------------------------------------------------------------------------- shared register

class Register:
    """The shared register installed in a fresh database, with one LOGIN role per test persona.

    Role keys: ``admin``, ``reviewer`` and ``reviewer2`` (four eyes: a second reviewer), ``editor_meissen``
    (Meißen 14627140), ``editor_riesa`` (Riesa 14627230), ``editor_meissen2`` (a second Meißen editor), ``reader``.
    Login role names are cluster-global, so they are
    prefixed with the database name; ``.role(key)`` gives the real name. ``.dsn(key)`` / ``.connect(key)`` open
    sessions as that role (``key=None``: the installing superuser).
    """

    MEISSEN = "14627140"
    RIESA = "14627230"
    ROLES = {
        "admin": ("coworking_admin", ()),
        "reviewer": ("coworking_reviewer", ()),
        "reviewer2": ("coworking_reviewer", ()),
        "editor_meissen": ("coworking_editor", ("14627140",)),
        "editor_riesa": ("coworking_editor", ("14627230",)),
        "editor_meissen2": ("coworking_editor", ("14627140",)),
        "reader": ("coworking_reader", ()),
    }

    def __init__(self, superuser_dsn: str, dbname: str):
        import secrets

        self.superuser_dsn = superuser_dsn
        self.dbname = dbname
        self._passwords = {key: secrets.token_urlsafe(16) for key in self.ROLES}

    def role(self, key: str) -> str:
        return f"{self.dbname}_{key}"

    def dsn(self, key=None) -> str:
        import psycopg2.extensions

        if key is None:
            return self.superuser_dsn
        params = psycopg2.extensions.parse_dsn(self.superuser_dsn)
        params.update(user=self.role(key), password=self._passwords[key])
        return psycopg2.extensions.make_dsn(**params)

    def connect(self, key=None, autocommit: bool = False):
        import psycopg2

        conn = psycopg2.connect(self.dsn(key))
        conn.autocommit = autocommit
        return conn

    def install(self) -> None:
        from psycopg2 import sql

        from coworking_plugin.db.migrate import migrate

        conn = self.connect()
        try:
            migrate(conn)
            with conn.cursor() as cur:
                for key, (group, municipalities) in self.ROLES.items():
                    name = sql.Identifier(self.role(key))
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(name))
                    cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s IN ROLE {}").format(
                        name, sql.Identifier(group)), (self._passwords[key],))
                    for ags in municipalities:
                        cur.execute("INSERT INTO coworking.editor_municipality (role_name, ags) VALUES (%s, %s)",
                                    (self.role(key), ags))
            conn.commit()
        finally:
            conn.close()

    def drop_roles(self, pg_server) -> None:
        import psycopg2
        from psycopg2 import sql

        conn = psycopg2.connect(pg_server.dsn("postgres"))
        conn.autocommit = True
        with conn.cursor() as cur:
            for key in self.ROLES:
                cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(self.role(key))))
        conn.close()


def _drop_database(pg_server, name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(pg_server.dsn("postgres"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


def _register_in_new_database(pg_server):
    name = "r_" + uuid.uuid4().hex[:12]
    reg = Register(pg_server.create_database(name), name)
    reg.install()
    return reg


@pytest.fixture
def register(pg_server):
    """A freshly installed register (own database, own login roles) for one test: see ``Register``."""
    reg = _register_in_new_database(pg_server)
    yield reg
    _drop_database(pg_server, reg.dbname)
    reg.drop_roles(pg_server)


@pytest.fixture(scope="module")
def register_module(pg_server):
    """Like ``register`` but shared by the tests of one module (faster; tests must not depend on each other)."""
    reg = _register_in_new_database(pg_server)
    yield reg
    _drop_database(pg_server, reg.dbname)
    reg.drop_roles(pg_server)


@pytest.fixture
def no_coworking_provider(qgis_app):
    """Processing registry without a "coworking" provider, as QGIS has it before the plugin loads.

    Algorithm tests register the provider on their own and may leave it for their module; a test that loads
    the plugin (which registers it itself) starts from a clean registry.
    """
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.providerById("coworking") is not None:
        registry.removeProvider("coworking")
    yield registry


@pytest.fixture
def clean_settings(qgis_app):
    """The plugin's settings at their defaults for one test; the profile's settings are restored afterwards."""
    from qgis.core import QgsSettings

    from coworking_plugin.core.settings import PREFIX

    s = QgsSettings()
    saved = {k: s.value(k) for k in s.allKeys() if k.startswith(PREFIX)}
    s.remove(PREFIX.rstrip("/"))
    yield s
    s.remove(PREFIX.rstrip("/"))
    for k, v in saved.items():
        s.setValue(k, v)


_PROVIDERS = []  # keep the Python wrappers alive: the registry holds only the C++ objects


@pytest.fixture
def processing_ready(qgis_app):
    """QGIS Processing initialised, with the plugin's provider registered (as the plugin would)."""
    register_provider()
    yield


def register_provider() -> None:
    """Initialise Processing and register the plugin's provider unless it is there (also for module fixtures)."""
    import processing  # noqa: F401  (QGIS's processing plugin on sys.path via pytest-qgis)
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    from coworking_plugin.processing.provider import CoworkingProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("coworking")
    if provider is None or not provider.algorithms():
        if provider is not None:
            registry.removeProvider("coworking")
        _PROVIDERS.append(CoworkingProvider())
        assert registry.addProvider(_PROVIDERS[-1])


@pytest.fixture
def german_translator(qgis_app):
    """The plugin's German translation installed (freshly compiled from i18n/*.ts), removed afterwards."""
    import subprocess

    from qgis.PyQt.QtCore import QCoreApplication

    from coworking_plugin.core.i18n import install_translator

    root = Path(__file__).resolve().parent.parent
    subprocess.run(["bash", "scripts/translate.sh"], cwd=root, check=True, capture_output=True)  # fresh .qm
    translator = install_translator(root / "i18n", "de")
    assert translator is not None, "i18n/coworking_plugin_de.qm missing: make translations"
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def german_ui():
    """QGIS set to German: the catalogue's German labels and value lists (tr() texts need german_translator
    too)."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    old = settings.value("locale/overrideFlag", False), settings.value("locale/userLocale", "")
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    yield
    settings.setValue("locale/overrideFlag", old[0])
    settings.setValue("locale/userLocale", old[1])


@pytest.fixture
def desktop_iface(qgis_iface, monkeypatch):
    """qgis_iface with docks, plugin menu and options pages wired like QGIS's QgisAppInterface."""
    from qgis.PyQt.QtWidgets import QMenu

    window = qgis_iface.mainWindow()
    plugins_menu = window.menuBar().findChild(QMenu, "mPluginMenu") or window.menuBar().addMenu("&Plugins")
    plugins_menu.setObjectName("mPluginMenu")
    factories = []

    def submenu(name):
        for action in plugins_menu.actions():
            if action.menu() is not None and action.menu().title() == name:
                return action.menu()
        return None

    def add_plugin_to_menu(name, action):
        (submenu(name) or plugins_menu.addMenu(name)).addAction(action)

    def remove_plugin_menu(name, action):
        menu = submenu(name)
        if menu is not None:
            menu.removeAction(action)
            if not menu.actions():
                plugins_menu.removeAction(menu.menuAction())

    monkeypatch.setattr(qgis_iface, "addDockWidget", lambda area, dock: window.addDockWidget(area, dock),
                        raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", window.removeDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "addPluginToMenu", add_plugin_to_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "removePluginMenu", remove_plugin_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "registerOptionsWidgetFactory", factories.append, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterOptionsWidgetFactory", factories.remove, raising=False)
    qgis_iface.options_factories = factories
    yield qgis_iface
