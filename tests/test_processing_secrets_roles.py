"""Processing and the register's roles (issue 12): the Processing History never holds a database password,
and coworking:assign_reader grants a login the reader role, for administrators only (the server enforces it)."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import sql
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException

pytestmark = pytest.mark.postgis


def _password(dsn: str) -> str:
    return psycopg2.extensions.parse_dsn(dsn)["password"]


@pytest.fixture
def new_login(register):
    """A fresh LOGIN role in no group, as the county's DBA creates it for a new reader."""
    name = register.dbname + "_stadtrat"
    with register.connect(autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(name)), ("lesen-123",))
    params = psycopg2.extensions.parse_dsn(register.dsn())
    params.update(user=name, password="lesen-123")
    yield name, psycopg2.extensions.make_dsn(**params)
    conn = register.connect(autocommit=True)
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
    conn.close()


def _is_reader(register, role: str) -> bool:
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_has_role(%s, 'coworking_reader', 'MEMBER')", (role,))
            return cur.fetchone()[0]
    finally:
        conn.close()


def test_assign_reader_grants_read_access(processing_ready, register, new_login):
    import processing

    role, dsn = new_login
    with pytest.raises(psycopg2.Error):  # before: the login reads nothing
        with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM coworking.public_site")
    result = processing.run("coworking:assign_reader", {"DATABASE": register.dsn("admin"), "ROLE": role})
    assert result["READER"] == role and _is_reader(register, role)
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM coworking.public_site")
            assert cur.fetchone()[0] >= 0
            with pytest.raises(psycopg2.Error) as denied:  # a reader sees the published view only
                cur.execute("SELECT count(*) FROM coworking.vacancy")
            assert denied.value.pgcode == "42501"
    finally:
        conn.close()
    # granting again changes nothing and says so without an error
    assert processing.run("coworking:assign_reader", {"DATABASE": register.dsn("admin"), "ROLE": role})[
        "READER"] == role


@pytest.mark.parametrize("caller", ["editor_meissen", "reviewer", "reader"])
def test_only_an_administrator_may_grant_reading(processing_ready, register, new_login, caller):
    """The algorithm does not check who runs it: the database refuses (no ADMIN OPTION on coworking_reader)."""
    import processing

    role, _dsn = new_login
    with pytest.raises(QgsProcessingException, match="nothing was changed"):
        processing.run("coworking:assign_reader", {"DATABASE": register.dsn(caller), "ROLE": role})
    assert not _is_reader(register, role)


def test_assign_reviewer_lets_a_login_decide(processing_ready, register, new_login):
    """An administrator makes a fresh login a county reviewer; an editor may not."""
    import processing

    role, dsn = new_login
    with pytest.raises(QgsProcessingException, match="nothing was changed"):
        processing.run("coworking:assign_reviewer", {"DATABASE": register.dsn("editor_meissen"), "ROLE": role})
    result = processing.run("coworking:assign_reviewer", {"DATABASE": register.dsn("admin"), "ROLE": role})
    assert result["REVIEWER"] == role
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_has_role(current_user, 'coworking_reviewer', 'MEMBER'),"
                        " pg_has_role(current_user, 'coworking_admin', 'MEMBER')")
            assert cur.fetchone() == (True, False)
            cur.execute("SELECT count(*) FROM coworking.vacancy")  # reads the sites (a fresh login may not)
            assert cur.fetchone()[0] >= 0
    finally:
        conn.close()


def test_assign_reader_names_a_missing_role(processing_ready, register):
    import processing

    with pytest.raises(QgsProcessingException, match="There is no database role “nobody_here”"):
        processing.run("coworking:assign_reader", {"DATABASE": register.dsn("admin"), "ROLE": "nobody_here"})


@pytest.mark.parametrize("algorithm", ["coworking:assign_reader", "coworking:assign_reviewer",
                                       "coworking:assign_editor", "coworking:push", "coworking:install_database",
                                       "coworking:install_boundaries"])
def test_python_command_masks_the_password(processing_ready, register, algorithm):
    alg = QgsApplication.processingRegistry().algorithmById(algorithm)
    dsn = register.dsn("admin")
    context = QgsProcessingContext()
    command = alg.asPythonCommand({"DATABASE": dsn, "ROLE": "x", "WORKING_COPY": "/tmp/wc.gpkg"}, context)
    assert _password(dsn) not in command
    assert "password=***" in command and f"user={register.role('admin')}" in command
    uri = f"postgresql://{register.role('admin')}:{_password(dsn)}@localhost/{register.dbname}"
    command = alg.asPythonCommand({"DATABASE": uri}, context)
    assert _password(dsn) not in command and ":***@localhost" in command
    if hasattr(alg, "asQgisProcessCommand"):  # QGIS >= 3.24
        assert _password(dsn) not in alg.asQgisProcessCommand({"DATABASE": dsn}, context)[0]


class _History:
    """What the Processing dialog adds to the History: processing/processing.log up to QGIS 3.30, the entries of
    the History database (QgsGui.historyProviderRegistry(), provider "processing") from 3.32 on: the Python and
    qgis_process commands, the parameters (asMap), and once the run ends its results and the dialog's log."""

    def __init__(self):
        from qgis.core import Qgis

        self.in_database = Qgis.QGIS_VERSION_INT >= 33200
        if self.in_database:
            self._known = {e.id for e in self._entries()}
        else:
            from processing.core.ProcessingLog import ProcessingLog  # gone in 3.32

            self._log_file = Path(ProcessingLog.logFilename())
            self._before = self._log_file.read_text(encoding="utf-8")

    @staticmethod
    def _entries():
        from qgis.gui import QgsGui
        from qgis.PyQt.QtCore import QDateTime

        return QgsGui.historyProviderRegistry().queryEntries(QDateTime(), QDateTime(), "processing")

    def added(self) -> str:
        if not self.in_database:
            return self._log_file.read_text(encoding="utf-8")[len(self._before):]
        return repr([e.entry for e in self._entries() if e.id not in self._known])

    def complete(self) -> bool:
        """The run's entry holds its log (3.32+: written when the algorithm's task has finished)."""
        return not self.in_database or "'log':" in self.added()


def test_history_written_by_the_processing_dialog_has_no_password(processing_ready, qgis_iface, register,
                                                                  new_login, monkeypatch, tmp_path):
    """The toolbox path: the algorithm dialog runs the algorithm and writes the History (processing.log up to QGIS
    3.30, the History database from 3.32 on, with the parameters and the dialog's log as well)."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.gui import QgsBrowserGuiModel
    from qgis.PyQt.QtCore import QCoreApplication

    browser = QgsBrowserGuiModel()  # the stub iface has none; the dialog's parameter panel asks for it
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    # QGIS 3.44 hands the result layers to iface.layerTreeView(): the stub's is a MagicMock, which SIP refuses
    # (the abort happens in a Qt slot); a real view of the project's layer tree, as the desktop has
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    tree_view = QgsLayerTreeView()
    tree_view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), tree_view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: tree_view, raising=False)

    role, _dsn = new_login
    password = _password(register.dsn("admin"))
    history = _History()
    alg = QgsApplication.processingRegistry().createAlgorithmById("coworking:assign_reader")
    dialog = AlgorithmDialog(alg, False, None)
    dialog.setParameters({"DATABASE": register.dsn("admin"), "ROLE": role})  # as typed into its fields
    dialog.runAlgorithm()
    deadline = time.time() + 60
    while not _is_reader(register, role):
        QCoreApplication.processEvents()
        assert time.time() < deadline, "the algorithm did not run"
    while QgsApplication.taskManager().countActiveTasks() or not history.complete():
        QCoreApplication.processEvents()  # let the dialog's task finish and write the history before closing
        assert time.time() < deadline, "the algorithm's task did not finish"
    added = history.added()
    assert "coworking:assign_reader" in added and role in added
    assert "password=***" in added and password not in added
    if history.in_database:
        for key in ("'python_command':", "'parameters':", "'process_command':", "'results':", "'log':"):
            assert key in added
    log = tmp_path / "log.txt"
    dialog.saveLogToFile(str(log))  # the dialog's log: "Input parameters: { 'DATABASE' : … }"
    assert "password=***" in log.read_text(encoding="utf-8") and password not in log.read_text(encoding="utf-8")
    dialog.close()


