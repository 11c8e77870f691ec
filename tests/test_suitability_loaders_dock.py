"""The dock's "Load data" box: OpenStreetMap from a 127.0.0.1 Overpass server into the reference GeoPackage,
assigned to the roles; loading again re-reads the replaced file; failures are shown, nothing is lost."""

from __future__ import annotations

import pytest
from overpass_server import OverpassServer, recorded
from qgis.core import QgsProject

from coworking_plugin.core.settings import PluginSettings
from coworking_plugin.gui.suitability_dock import SuitabilityDock
from tests.test_suitability_dock import wait_for


@pytest.fixture
def loader_settings(tmp_path):
    old = PluginSettings.load()
    with OverpassServer() as server:
        s = PluginSettings.load()
        s.overpass_url, s.overpass_timeout, s.reference_data = server.url, 10.0, str(tmp_path / "ref.gpkg")
        s.save()
        yield server, tmp_path / "ref.gpkg"
    old.save()


def _finished(dock) -> bool:
    return dock.loaders.isEnabled()


def test_osm_button_loads_assigns_and_reloads(qgis_iface, qgis_new_project, loader_settings):
    server, path = loader_settings
    dock = SuitabilityDock(qgis_iface)
    assert dock.loaders.title() and dock.loaders.osm_button.isEnabled()
    dock.loaders.osm_button.click()
    wait_for(lambda: _finished(dock) and dock.ref_combos["shops"].currentLayer() is not None, 60)
    shops = dock.ref_combos["shops"].currentLayer()
    assert shops.source() == f"{path}|layername=shops" and shops.featureCount() == 4
    assert shops.name() == dock._role_label("shops")  # the role's label: coworking:score_sites matches it too
    for role in ("cafes", "doctors", "schools", "kindergartens", "accommodation", "bus_stops", "landscape"):
        assert dock.ref_combos[role].currentLayer().source() == f"{path}|layername={role}"
    assert dock.ref_combos["rail_stations"].currentLayer() is None  # not an OSM role here
    n_layers = len(QgsProject.instance().mapLayers())
    # loading again replaces the file: the same layers re-read it, none added twice
    server.answers["shops"] = {**recorded("shops"), "elements": recorded("shops")["elements"][:2]}
    task = dock.loaders.load_osm()
    wait_for(lambda: _finished(dock) and task.status() == task.TaskStatus.Complete, 60)
    assert len(QgsProject.instance().mapLayers()) == n_layers
    assert dock.ref_combos["shops"].currentLayer() is shops and shops.featureCount() == 2
    dock.unload()


def test_failures_are_shown_and_the_data_kept(qgis_iface, qgis_new_project, loader_settings, tmp_path):
    server, path = loader_settings
    server.failures["shops"] = "429"
    dock = SuitabilityDock(qgis_iface)
    dock.loaders.load_osm()
    wait_for(lambda: _finished(dock) and "rate limit" in dock.status.text(), 60)
    assert not path.exists()
    bad = tmp_path / "feed.zip"
    bad.write_text("kein zip", encoding="utf-8")
    dock.loaders.load_gtfs(str(bad))
    wait_for(lambda: _finished(dock) and "is not a GTFS zip file" in dock.status.text(), 60)
    dock.unload()


def test_zensus_button_loads_the_grid(qgis_iface, qgis_new_project, loader_settings, tmp_path):
    from tests.test_opendata_zensus import MEISSEN_MARKT, write_grid

    cells, _ = write_grid(tmp_path / "grid.csv", MEISSEN_MARKT)
    dock = SuitabilityDock(qgis_iface)
    dock.loaders.load_zensus(str(tmp_path / "grid.csv"))
    wait_for(lambda: _finished(dock) and dock.ref_combos["zensus_grid"].currentLayer() is not None, 60)
    assert dock.ref_combos["zensus_grid"].currentLayer().featureCount() == len(cells)
    dock.unload()
