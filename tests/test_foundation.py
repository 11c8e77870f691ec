"""Foundation: the plugin loads and unloads cleanly in a real QGIS application; the PostGIS fixture works.

pytest-qgis's iface is a stub whose addDockWidget/addPluginToMenu do nothing; conftest's desktop_iface makes them do
what QGIS does (docks on the main window, a submenu in a Plugins menu) so leftovers can be counted there. The
same check runs inside the real QGIS desktop in test_desktop.py.
"""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMenu

import coworking_plugin
from coworking_plugin.plugin import MENU, dock_specs
from scripts.qt_inventory import difference, inventory


def _settle() -> None:
    """Let deleteLater() happen and Python collect cycles, as a running QGIS would between two clicks."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def test_load_unload_three_times(desktop_iface, no_coworking_provider):
    registry = QgsApplication.processingRegistry()
    _settle()
    before = inventory(desktop_iface)
    loaded = []
    for _ in range(3):
        plugin = coworking_plugin.classFactory(desktop_iface)
        plugin.initGui()
        assert registry.providerById("coworking") is not None
        assert len(desktop_iface.options_factories) == 1
        for spec in dock_specs():
            dock = plugin.show_dock(spec[0])
            assert dock.parent() is desktop_iface.mainWindow()
            assert plugin.dock_actions[spec[0]].isChecked() == dock.isVisible()
        capture = plugin.docks["capture"]  # a placed, unsaved site is drawn on the map: unload takes it away
        capture.geometry = QgsGeometry.fromPointXY(QgsPointXY(393295.0, 5669111.0))
        capture._update_geometry_label()
        assert capture.placed_band is not None and capture.placed_band.scene() is not None
        assert plugin.show_dashboard(refresh=False).isVisible()
        _settle()
        loaded.append(inventory(desktop_iface))
        assert "CoworkingLeerstandsmelderToolbar" in loaded[-1]["named"]
        menu_titles = [a.text() for a in desktop_iface.mainWindow().findChild(QMenu, "mPluginMenu").actions()]
        assert MENU in menu_titles

        plugin.unload()
        _settle()
        assert registry.providerById("coworking") is None
        assert plugin.actions == [] and plugin.docks == {} and plugin.connections == []
        assert desktop_iface.options_factories == []
        assert difference(before, inventory(desktop_iface)) == {}, "left behind after unload"
    assert all(difference(loaded[0], inv) == {} for inv in loaded[1:])


def test_plugin_connect_is_undone_by_unload(desktop_iface, no_coworking_provider):
    """Connections made through plugin.connect() on long-lived objects are gone after unload()."""
    from qgis.core import QgsProject

    project = QgsProject.instance()
    n = project.receivers(project.layersAdded)
    plugin = coworking_plugin.classFactory(desktop_iface)
    plugin.initGui()
    plugin.connect(project.layersAdded, lambda layers: None)
    assert project.receivers(project.layersAdded) == n + 1
    plugin.unload()
    assert project.receivers(project.layersAdded) == n


def test_postgis_fixture(postgis_db):
    import psycopg2

    with psycopg2.connect(postgis_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT postgis_version(), current_setting('server_version_num')::int")
        version, server = cur.fetchone()
    assert version.startswith("3.")
    assert server >= 130000


def test_start_imports_nothing_heavy():
    """QGIS start stays light: numpy, requests, psycopg2 and the like load when a dock or algorithm is used.

    Measured in a fresh process (bench/bench_startup.py's child), where nothing else has imported them yet.
    """
    from bench.bench_startup import HEAVY, _once

    modules = _once()["modules"]
    assert "coworking_plugin.plugin" in modules
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    assert heavy == [], f"imported at plugin start: {heavy}"
    docks = [m for m in modules if m.startswith("coworking_plugin.gui.") and m.endswith("_dock")]
    assert docks == [], f"dock modules imported at start: {docks}"


def test_field_types_work_with_this_qgis(qgis_app):
    """core/qtcompat.py: the QVariant.String replacement makes real fields on the running QGIS."""
    from qgis.core import QgsField, QgsVectorLayer

    from coworking_plugin.core.qtcompat import FieldTypes

    layer = QgsVectorLayer("Point?crs=EPSG:25833", "t", "memory")
    fields = [QgsField("name", FieldTypes.STRING), QgsField("n", FieldTypes.INT), QgsField("x", FieldTypes.DOUBLE),
              QgsField("d", FieldTypes.DATE), QgsField("b", FieldTypes.BOOL)]
    assert layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    assert [f.typeName().lower() for f in layer.fields()] == ["string", "integer", "double", "date", "boolean"]


def test_a_broken_algorithm_does_not_take_the_provider_down(qgis_app, monkeypatch, caplog):
    """An exception in loadAlgorithms() would abort QGIS (it is called from C++): it is logged instead."""
    from coworking_plugin.processing import provider as prov

    monkeypatch.setattr(prov, "ALGORITHMS", prov.ALGORITHMS + (("no_such_module", "NoSuchAlgorithm"),))
    provider = prov.CoworkingProvider()
    registry = QgsApplication.processingRegistry()
    assert registry.addProvider(provider)
    try:
        assert len(provider.algorithms()) >= 1
        assert "no_such_module.NoSuchAlgorithm could not be loaded" in caplog.text
    finally:
        registry.removeProvider(provider)
