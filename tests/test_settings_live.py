"""Settings take effect at once (issue 12): a working copy or geocoder chosen on the Options page is used by
the docks without restarting QGIS."""

from __future__ import annotations

import pytest
from qgis.core import QgsSettings

from coworking_plugin.core.settings import PREFIX, PluginSettings
from coworking_plugin.gui.options import CoworkingOptionsPage


@pytest.fixture
def clean_settings(qgis_app):
    s = QgsSettings()
    saved = {k: s.value(k) for k in s.allKeys() if k.startswith(PREFIX)}
    s.remove(PREFIX.rstrip("/"))
    yield s
    s.remove(PREFIX.rstrip("/"))
    for k, v in saved.items():
        s.setValue(k, v)


def _apply_options(**values) -> None:
    """Change settings as the officer does: on the Options page, then OK."""
    page = CoworkingOptionsPage()
    if "working_copy" in values:
        page.working_copy.setFilePath(values["working_copy"])
    if "database" in values:
        page.database.setCurrentText(values["database"])
    if "geocoder_url" in values:
        page.geocoder_url.setText(values["geocoder_url"])
    if "geocoder_min_interval" in values:
        page.geocoder_min_interval.setValue(values["geocoder_min_interval"])
    page.apply()
    page.deleteLater()


def test_sync_dock_follows_the_options(clean_settings, qgis_iface, tmp_path):
    from coworking_plugin.gui.sync_dock import SyncDock

    _apply_options(working_copy=str(tmp_path / "alt.gpkg"), database="service=kreis_alt")
    dock = SyncDock(qgis_iface)
    try:
        assert dock.working_copy() == str(tmp_path / "alt.gpkg")
        _apply_options(working_copy=str(tmp_path / "neu.gpkg"), database="service=kreis_neu")
        assert dock.working_copy() == str(tmp_path / "neu.gpkg")
        assert dock.database.currentText() == "service=kreis_neu"
        # a connection typed in the dock for this session (with a password, so never stored) stays as typed
        # when the Options page changes something else
        dock.database.setCurrentText("host=db.kreis dbname=register password=nur-heute")
        dock._remember()
        _apply_options(working_copy=str(tmp_path / "dritte.gpkg"))
        assert dock.database.currentText() == "host=db.kreis dbname=register password=nur-heute"
        assert dock.working_copy() == str(tmp_path / "dritte.gpkg")
        assert PluginSettings.load().database == "service=kreis_neu"
    finally:
        dock.unload()
        dock.deleteLater()
