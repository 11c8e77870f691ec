"""Settings: one typed object through QgsSettings, and its page in QGIS Options."""

from __future__ import annotations

import pytest
from qgis.core import QgsProviderRegistry, QgsSettings
from qgis.PyQt.QtWidgets import QLineEdit

from coworking_plugin.core.settings import PREFIX, PluginSettings
from coworking_plugin.gui.options import PAGE_NAME, CoworkingOptionsFactory, CoworkingOptionsPage


@pytest.fixture
def pg_connection(qgis_app):
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    conn = md.createConnection("service=coworking_test_register dbname=register", {})
    md.saveConnection(conn, "Kreis Register (test)")
    yield "Kreis Register (test)"
    md.deleteConnection("Kreis Register (test)")


def test_defaults_and_types(clean_settings):
    s = PluginSettings.load()
    assert s == PluginSettings()
    assert isinstance(s.geocoder_min_interval, float) and s.geocoder_min_interval >= 1.0


def test_round_trip_keeps_types(clean_settings):
    PluginSettings(database="service=register", working_copy="/tmp/wc.gpkg", geocoder_email="gis@example.org",
                   geocoder_min_interval=2.5, geocoder_timeout=20.0, duplicate_distance_m=40.0).save()
    s = PluginSettings.load()
    assert s.database == "service=register" and s.working_copy == "/tmp/wc.gpkg"
    assert s.geocoder_min_interval == 2.5 and isinstance(s.geocoder_min_interval, float)
    assert s.duplicate_distance_m == 40.0
    # one prefix, nothing else touched
    assert all(k.startswith(PREFIX) for k in QgsSettings().allKeys() if "geocoder" in k)


def test_options_page_lists_qgis_connections_and_saves(clean_settings, pg_connection):
    PluginSettings(geocoder_timeout=15.0).save()
    page = CoworkingOptionsFactory().createWidget(None)
    assert isinstance(page, CoworkingOptionsPage) and page.objectName() == PAGE_NAME
    assert page.geocoder_timeout.value() == 15.0  # shows what is stored
    choices = [page.database.itemText(i) for i in range(page.database.count())]
    assert pg_connection in choices
    # no password field anywhere on the page
    assert not [w for w in page.findChildren(QLineEdit) if w.echoMode() == QLineEdit.EchoMode.Password]

    page.database.setCurrentText(pg_connection)
    page.working_copy.setFilePath("/data/meissen/wc.gpkg")
    page.geocoder_url.setText(" https://geocoder.kreis-meissen.de ")
    page.geocoder_email.setText("gis@radebeul.de")
    page.geocoder_min_interval.setValue(1.5)
    page.duplicate_distance_m.setValue(30)
    page.apply()

    s = PluginSettings.load()
    assert s.database == pg_connection
    assert s.working_copy == "/data/meissen/wc.gpkg"
    assert s.geocoder_url == "https://geocoder.kreis-meissen.de"
    assert s.geocoder_email == "gis@radebeul.de"
    assert s.geocoder_min_interval == 1.5 and s.duplicate_distance_m == 30.0
    assert s.geocoder_timeout == 15.0


def test_connection_string_can_be_typed(clean_settings):
    page = CoworkingOptionsPage()
    page.database.setCurrentText("service=register")
    page.apply()
    assert PluginSettings.load().database == "service=register"


def test_factory_registered_and_unregistered_by_the_plugin(qgis_iface, monkeypatch, no_coworking_provider):
    import coworking_plugin

    registered = []
    monkeypatch.setattr(qgis_iface, "registerOptionsWidgetFactory", registered.append, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterOptionsWidgetFactory", registered.remove, raising=False)
    plugin = coworking_plugin.classFactory(qgis_iface)
    plugin.initGui()
    assert len(registered) == 1 and isinstance(registered[0], CoworkingOptionsFactory)
    assert registered[0].title() == "Coworking"
    assert "coworking_settings_action" in [a.objectName() for a in plugin.actions]
    plugin.unload()
    assert registered == [] and plugin.options_factory is None
