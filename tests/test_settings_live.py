"""Settings take effect at once (issue 12): a working copy or geocoder chosen on the Options page is used by
the docks without restarting QGIS."""

from __future__ import annotations

import time

import psycopg2
import pytest
from geocoder_server import NominatimServer
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsProject

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.settings import PluginSettings
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.gui.options import CoworkingOptionsPage
from tests.sync_helpers import server_row

MARKT = QgsPointXY(393295.0, 5669111.0)  # Meißen, EPSG:25833


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


def _wait(predicate, seconds: float = 30) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


def _names(path) -> list:
    return sorted(f["name"] for f in wc.layer(str(path), cat.VACANCY).getFeatures())


def _draft(dock, name: str, dx: float = 0.0) -> None:
    dock.vacancy_radio.click()
    dock.set_value("name", name)
    dock.set_value("building_type", "office")
    dock.set_geometry(QgsGeometry.fromPointXY(QgsPointXY(MARKT.x() + dx, MARKT.y())),
                      QgsCoordinateReferenceSystem("EPSG:25833"))
    dock.save_button.click()


@pytest.mark.postgis
def test_capture_and_sync_docks_use_new_settings_at_once(clean_settings, qgis_iface, qgis_new_project, register,
                                                         tmp_path, monkeypatch):
    """The officer moves the working copy and the geocoder on the Options page while QGIS runs: the next
    draft lands in the new GeoPackage, the push sends it, the next address search asks the new geocoder."""
    from coworking_plugin.core.capture.geocoder import Geocoder
    from coworking_plugin.gui.capture_dock import CaptureDock
    from coworking_plugin.gui.sync_dock import SyncDock

    old, new = tmp_path / "alt.gpkg", tmp_path / "neu.gpkg"
    params = psycopg2.extensions.parse_dsn(register.dsn("editor_meissen"))  # the officer's login, in a service
    (tmp_path / "pg_service.conf").write_text("[kreis_register]\n" + "".join(f"{k}={v}\n" for k, v in params.items()))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "pg_service.conf"))
    Geocoder.clear_cache()
    with NominatimServer() as old_geocoder, NominatimServer() as new_geocoder:
        _apply_options(working_copy=str(old), geocoder_url=old_geocoder.url, geocoder_min_interval=0.0)
        capture = CaptureDock(qgis_iface)
        sync_dock = SyncDock(qgis_iface)
        try:
            _draft(capture, "Alte Post")
            assert _wait(lambda: _names(old) == ["Alte Post"])
            capture.edit_site(cat.VACANCY, next(wc.layer(str(old), cat.VACANCY).getFeatures())["uuid"])

            _apply_options(working_copy=str(new), geocoder_url=new_geocoder.url,
                           database="service=kreis_register")
            assert sync_dock.working_copy() == str(new)
            sync_dock.run("checkout")
            assert _wait(lambda: sync_dock.task is None)
            # the site being edited is saved where it was loaded from; the next draft goes to the new copy
            capture.set_value("notes", "Dach undicht")
            capture.save_button.click()
            assert _wait(lambda: [f["notes"] for f in wc.layer(str(old), cat.VACANCY).getFeatures()] == [
                "Dach undicht"]), capture.message_label.text()
            _draft(capture, "Neue Mitte", dx=200)
            assert _wait(lambda: _names(new) == ["Neue Mitte"]), capture.message_label.text()
            assert _names(old) == ["Alte Post"]
            assert capture.wc_path == str(new)

            sync_dock.run("push")
            assert _wait(lambda: sync_dock.task is None)
            assert sync_dock.result_label.text().startswith("Pushed: 1 new")
            uid = next(wc.layer(str(new), cat.VACANCY).getFeatures())["uuid"]
            assert server_row(register, uid)["name"] == "Neue Mitte"

            capture.address_search.setText("Markt 1, Meißen")
            capture.search_button.click()
            assert _wait(lambda: capture.suggestion_list.count() == 1)
            assert [r["params"]["q"] for r in new_geocoder.requests] == ["Markt 1, Meißen"]
            assert old_geocoder.requests == []
        finally:
            for dock in (capture, sync_dock):
                dock.unload()
                dock.deleteLater()
            QgsProject.instance().removeAllMapLayers()
