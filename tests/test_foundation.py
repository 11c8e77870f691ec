"""Foundation: the plugin loads and unloads cleanly in a real QGIS application; the PostGIS fixture works."""

from __future__ import annotations

from qgis.core import QgsApplication

import coworking_plugin


def test_load_unload_three_times(qgis_iface):
    registry = QgsApplication.processingRegistry()
    for _ in range(3):
        plugin = coworking_plugin.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("coworking") is not None
        plugin.unload()
        assert registry.providerById("coworking") is None
        assert plugin.actions == [] and plugin.docks == {}


def test_postgis_fixture(postgis_db):
    import psycopg2

    with psycopg2.connect(postgis_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT postgis_version(), current_setting('server_version_num')::int")
        version, server = cur.fetchone()
    assert version.startswith("3.")
    assert server >= 130000
