"""The installer as QGIS users run it: Processing in-process, qgis_process.bin, and the styles it stores
(an officer adding the layer in plain QGIS gets the catalogue's form)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg2
import pytest
from qgis.core import QgsDataSourceUri, QgsVectorLayer

from coworking_plugin.db import migrate as mig
from tests.qgis_process import QGIS_PROCESS, needs_qgis_process, plugin_env

ROOT = Path(__file__).resolve().parent.parent


def _query(dsn, q, params=()):
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute(q, params)
            return cur.fetchall()
    finally:
        conn.close()


def test_install_database_algorithm_and_stored_styles(processing_ready, register):
    """Run on an installed register (the fixture's) so the editor roles exist to load the style."""
    import processing

    dsn = register.dsn()
    result = processing.run("coworking:install_database", {"DATABASE": dsn})
    assert result["VERSION"] == mig.latest_version() and result["APPLIED"] == ""
    rows = _query(dsn, "SELECT f_table_schema, f_table_name, f_geometry_column, stylename, useasdefault, type,"
                       " styleqml::text FROM public.layer_styles ORDER BY f_table_name")
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("coworking", "brownfield", "geom", "coworking_register", True),
        ("coworking", "vacancy", "geom", "coworking_register", True)]
    password = register.superuser_dsn.split("password=")[1].split()[0]
    for r in rows:
        assert "ValueMap" in r[6] and "editform" in r[6].lower()
        assert password not in r[6] and "password" not in r[6]
    # running again replaces, never duplicates
    processing.run("coworking:install_database", {"DATABASE": dsn})
    assert _query(dsn, "SELECT count(*) FROM public.layer_styles") == [(2,)]

    # an editor adds the table in plain QGIS: the stored form and symbols come with it
    uri = QgsDataSourceUri(register.dsn("editor_meissen"))
    uri.setDataSource("coworking", "vacancy", "geom", "", "uuid")
    layer = QgsVectorLayer(uri.uri(False), "Leerstand", "postgres")
    assert layer.isValid()
    idx = layer.fields().indexOf("ownership")
    assert layer.editorWidgetSetup(idx).type() == "ValueMap"
    assert layer.attributeAlias(idx) in ("Eigentum", "Ownership")
    assert layer.renderer().type() == "categorizedSymbol"
    assert layer.editFormConfig().readOnly(layer.fields().indexOf("version"))


def test_assign_editor_algorithm(processing_ready, register):
    import processing

    result = processing.run("coworking:assign_editor", {
        "DATABASE": register.dsn("admin"), "ROLE": register.role("editor_riesa"),
        "MUNICIPALITIES": "Riesa, Strehla", "REPLACE": True})
    assert result["HELD"] == "14627230,14627270"
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        processing.run("coworking:assign_editor", {
            "DATABASE": register.dsn("editor_riesa"), "ROLE": register.role("editor_riesa"),
            "MUNICIPALITIES": "Meißen", "REPLACE": False})
    assert _query(register.dsn(), "SELECT ags FROM coworking.editor_municipality WHERE role_name = %s ORDER BY 1",
                  (register.role("editor_riesa"),)) == [("14627230",), ("14627270",)]


@needs_qgis_process
def test_qgis_process_installs_register(postgis_db, tmp_path):
    """The plugin as QGIS finds it (QGIS_PLUGINPATH, enabled in a throwaway profile), on an empty database."""
    env = plugin_env(tmp_path)
    proc = subprocess.run([QGIS_PROCESS, "run", "coworking:install_database", "--", f"DATABASE={postgis_db}"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"VERSION:\t{mig.latest_version()}" in proc.stdout
    assert "Register installed or upgraded" in proc.stdout
    # (qgis_process itself echoes its inputs, a libpq password included: real use names a service or connection)
    assert _query(postgis_db, "SELECT count(*) FROM coworking.municipality") == [(28,)]
    assert _query(postgis_db, "SELECT count(*) FROM public.layer_styles") == [(2,)]


def test_install_with_municipalities_layer_supplied_by_admin(processing_ready, postgis_db):
    import processing

    layer = QgsVectorLayer(str(ROOT / "resources" / "data" / "lk_meissen_gemeinden_vg5000.geojson"), "VG5000 2021",
                           "ogr")
    assert layer.isValid()
    result = processing.run("coworking:install_database", {"DATABASE": postgis_db, "MUNICIPALITIES": layer,
                                                           "STYLES": False})
    assert result["VERSION"] == mig.latest_version()
    assert _query(postgis_db, "SELECT count(*), min(source), min(ST_SRID(geom)) FROM coworking.municipality") == [
        (28, "VG5000 2021", 25833)]
    assert _query(postgis_db, "SELECT to_regclass('public.layer_styles')") == [(None,)]


def test_admin_menu_installs_as_task(qgis_app, qgis_iface, postgis_db):
    import time

    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QCoreApplication

    from coworking_plugin.gui.install_action import start_install

    bar = qgis_iface.messageBar()
    bar.clear_messages()
    start_install(qgis_iface, postgis_db)
    deadline = time.time() + 60
    while not (bar.get_messages(Qgis.MessageLevel.Success) or bar.get_messages(Qgis.MessageLevel.Critical)):
        QCoreApplication.processEvents()
        assert time.time() < deadline, "install task did not finish"
        time.sleep(0.02)
    assert bar.get_messages(Qgis.MessageLevel.Critical) == []
    assert f"version {mig.latest_version()}" in bar.get_messages(Qgis.MessageLevel.Success)[0]
    assert _query(postgis_db, "SELECT count(*) FROM public.layer_styles") == [(2,)]
    assert _query(postgis_db, "SELECT count(*) FROM coworking.municipality") == [(28,)]


def test_admin_menu_reports_failure_without_changes(qgis_app, qgis_iface, register):
    """An editor is not allowed to install: the task fails, says so, and the database stays as it was."""
    import time

    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QCoreApplication

    from coworking_plugin.gui.install_action import start_install

    bar = qgis_iface.messageBar()
    bar.clear_messages()
    start_install(qgis_iface, register.dsn("editor_meissen"))
    deadline = time.time() + 60
    while not (bar.get_messages(Qgis.MessageLevel.Success) or bar.get_messages(Qgis.MessageLevel.Critical)):
        QCoreApplication.processEvents()
        assert time.time() < deadline, "install task did not finish"
        time.sleep(0.02)
    assert bar.get_messages(Qgis.MessageLevel.Success) == []
    assert "failed" in bar.get_messages(Qgis.MessageLevel.Critical)[0]
    assert _query(register.dsn(), "SELECT to_regclass('public.layer_styles')") == [(None,)]
