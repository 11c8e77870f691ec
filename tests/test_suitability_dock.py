"""The suitability dock as an officer uses it: demo layers, score in a task, explain, change a weight
(re-scored at once), overlays, and a screenshot of the map with the overlay and the explanation chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.gui.suitability_chart import ExplanationChart
from coworking_plugin.gui.suitability_dock import SuitabilityDock
from coworking_plugin.gui.suitability_profile import PROFILE_KEY, SCOPE
from tests.suitability_helpers import score_bare_site, scored_dock, wait_for

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "data"


@pytest.fixture
def german():
    s = QgsSettings()
    old = (s.value("locale/overrideFlag"), s.value("locale/userLocale"))
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", "de_DE")
    yield
    s.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    s.setValue("locale/userLocale", old[1] if old[1] is not None else "")


def scores_of(layer, field):
    return [f[field] for f in sorted(layer.getFeatures(), key=lambda f: f.id())]


def test_weight_change_rescores_at_once(qgis_iface, qgis_new_project):
    dock = scored_dock(qgis_iface)
    layer = dock.result_layer
    assert layer.featureCount() == 40
    before = scores_of(layer, "s_pendlerhafen")
    anchor = [f["anchor_tenant"] for f in sorted(layer.getFeatures(), key=lambda f: f.id())]
    assert any(v is not None for v in before)
    dock.set_weight("pendlerhafen", "anchor_tenant", 0)  # typed into the table: no task, no spatial work
    after = scores_of(layer, "s_pendlerhafen")
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed, "a weight change must re-score"
    # with the anchor-tenant weight gone, sites with an anchor tenant lose points, the others gain
    for i in changed:
        if before[i] and anchor[i]:
            assert after[i] < before[i]
    stored = profiles.from_json(QgsProject.instance().readEntry(SCOPE, PROFILE_KEY, "")[0])
    assert "anchor_tenant" not in stored.model("pendlerhafen").weights  # the project keeps the active profile
    # a bad entry is kept as typed, not applied, and explained
    item = dock.table.item(0, 0)
    item.setText("viel")
    assert item.text() == "viel" and "Not applied" in dock.status.text()
    assert dock.profile.model("klassisch").weights["rail_dist"] == 2.0


def test_sites_layer_must_be_chosen(qgis_iface, qgis_new_project):
    dock = SuitabilityDock(qgis_iface)
    dock.sites_combo.setLayer(None)
    assert dock.score_sites() is None
    assert dock.status.text()


def test_dock_in_german_with_overlay_and_chart_screenshot(qgis_iface, qgis_new_project, german, output_dir):
    dock = scored_dock(qgis_iface)
    assert dock.lang == "de"
    headers = [dock.table.horizontalHeaderItem(i).text() for i in range(dock.table.columnCount())]
    assert headers[:4] == ["Coworking klassisch", "Pendlerhafen", "Neue Ortsmitte", "Retreat/Workation"]
    dock.chart_model.setCurrentIndex(dock.chart_model.findData("pendlerhafen"))
    layer = dock.result_layer
    best = max(layer.getFeatures(), key=lambda f: f["s_pendlerhafen"] or 0)
    layer.selectByIds([best.id()])
    # public transport by its service (GTFS), here without a feed by its fallback, the distance to the station
    assert dock.chart.bars and dock.chart.bars[0][0] == "Abfahrten je Stunde im Umkreis von 600 m (GTFS)"
    assert "Pendlerhafen" in dock.chart.title and best["name"] in dock.chart.title
    assert sum(b[4] for b in dock.chart.bars) == pytest.approx(best["s_pendlerhafen"], abs=0.01)

    dock.grid_model.setCurrentIndex(dock.grid_model.findData("pendlerhafen"))
    grid = dock.add_grid(1000.0)
    catch = dock.add_catchment("rail_dist", "Bahnhof-Einzugsbereiche")
    assert grid is not None and 500 < grid.featureCount() < 620  # 1,450 km² / 2.6 km² per hexagon
    assert catch.featureCount() == 2

    # render the map: grid, catchments, scored sites over the municipalities
    mun = next(lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name().startswith("lk_meissen"))
    settings = QgsMapSettings()
    crs = QgsCoordinateReferenceSystem("EPSG:25833")
    settings.setDestinationCrs(crs)
    settings.setLayers([layer, catch, grid, mun])
    extent = QgsCoordinateTransform(mun.crs(), crs, QgsProject.instance()).transformBoundingBox(mun.extent())
    settings.setExtent(extent.buffered(1000))
    settings.setOutputSize(QSize(900, 800))
    settings.setBackgroundColor(QColor("#ffffff"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    map_image = job.renderedImage()
    # the dock's chart, drawn at the screenshot's width (the dock itself is not laid out offscreen)
    shown = ExplanationChart()
    shown.set_data(dock.chart.title, dock.chart.bars, dock.chart.colour.name(), dock.chart.lang)
    shown.resize(700, shown.sizeHint().height())
    chart = shown.grab().toImage()
    out = QImage(900 + 710, 800, QImage.Format.Format_ARGB32)
    out.fill(QColor("#ffffff"))
    p = QPainter(out)
    p.drawImage(0, 0, map_image)
    p.drawImage(905, 10, chart)
    p.end()
    shots = output_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    path = shots / "suitability_overlay_chart.png"
    assert out.save(str(path))
    assert path.stat().st_size > 20_000
    colours = {map_image.pixel(x, y) for x in range(0, 900, 15) for y in range(0, 800, 15)}
    assert len(colours) > 5  # the grid classes, catchments and sites were drawn, not an empty canvas


def test_profile_travels_with_the_project(qgis_iface, qgis_new_project, tmp_path):
    dock = SuitabilityDock(qgis_iface)
    dock.set_weight("retreat", "landscape_dist", 9)
    project_file = tmp_path / "p.qgz"
    assert QgsProject.instance().write(str(project_file))
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(project_file))
    assert dock.profile.model("retreat").weights["landscape_dist"] == 9.0  # re-read from the project
    fresh = SuitabilityDock(qgis_iface)
    assert fresh.profile.model("retreat").weights["landscape_dist"] == 9.0
    saved = tmp_path / "mine.json"
    fresh.save_profile(str(saved))
    fresh.reset_profile()
    assert fresh.profile.model("retreat").weights["landscape_dist"] == 4.0
    fresh.load_profile(str(saved))
    assert fresh.profile.model("retreat").weights["landscape_dist"] == 9.0
    dock.unload()
    fresh.unload()


def test_radius_change_asks_for_a_new_run(qgis_iface, qgis_new_project):
    dock = scored_dock(qgis_iface)
    r = dock.profile.criterion_ids.index("services_1000")
    dock.table.item(r, len(dock.profile.models) + 1).setText("1500")
    assert dock.profile.criterion("services_1000").radius_m == 1500.0
    assert "Score sites" in dock.status.text()
    dock.run = None
    dock.score_sites()
    wait_for(lambda: dock.run is not None)
    assert dock.run.spatial_key == dock.profile.spatial_key()


def test_plugin_opens_and_unloads_the_dock(qgis_iface, qgis_new_project):
    from coworking_plugin.plugin import CoworkingPlugin

    registry = QgsApplication.processingRegistry()
    if registry.providerById("coworking") is not None:  # registered by an earlier test's fixture
        registry.removeProvider("coworking")
    plugin = CoworkingPlugin(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.show_dock("suitability")
        assert isinstance(dock, SuitabilityDock) and dock.objectName() == "coworking_suitability_dock"
        assert QgsApplication.processingRegistry().algorithmById("coworking:score_sites") is not None
    finally:
        plugin.unload()
    assert not plugin.docks


def test_sites_box_offers_the_county_sites_never_the_stations(qgis_iface, qgis_new_project, tmp_path):
    from coworking_plugin.core.sync import workingcopy

    stations = QgsVectorLayer(str(DATA / "db_stations_lk_meissen_area.geojson"), "Bahnhöfe", "ogr")
    QgsProject.instance().addMapLayer(stations)
    dock = SuitabilityDock(qgis_iface)
    assert dock.sites_combo.currentLayer() is None  # nothing guessed: stations are a reference, not sites
    assert dock.score_sites() is None and dock.status.text()
    vacancy = workingcopy.layer(str(workingcopy.create(str(tmp_path / "wc.gpkg"))), "vacancy")
    QgsProject.instance().addMapLayer(vacancy)  # the officer opens the working copy
    assert dock.sites_combo.currentLayer() is vacancy
    dock.unload()


def test_dock_in_german_units_numbers_tooltips_and_unknown_inputs(qgis_iface, qgis_new_project, german):
    dock = scored_dock(qgis_iface)
    assert "SYNTHETISCH" in dock.ref_combos["bus_stops"].toolTip()
    assert "Shipped" not in " ".join(c.toolTip() for c in dock.ref_combos.values())
    dock.chart_model.setCurrentIndex(dock.chart_model.findData("klassisch"))
    layer = dock.result_layer
    layer.selectByIds([dock._fids[0]])
    values = {label: value for label, value, *_ in dock.chart.bars}
    population = values["Einwohner der Gemeinde"]
    assert population.endswith(" Einwohner") and "inhabitants" not in population
    assert "." in population or int(population.split()[0]) < 1000  # German thousands separator
    assert dock.chart.lang == "de"
    dock.chart_model.setCurrentIndex(dock.chart_model.findData("ortsmitte"))
    values = {label: value for label, value, *_ in dock.chart.bars}
    assert values["Räume"].endswith(" Anzahl")
    # a site without broadband data: flagged as unknown with the score it counts, not a bare "–"
    score_bare_site(dock, "ohne Breitband")
    dock.result_layer.selectByIds(dock._fids)
    values = {label: value for label, value, *_ in dock.chart.bars}
    assert values["Breitband"] == dock.tr("unknown, counts {score}").format(score="0,30")  # German number
    assert "–" not in values.values()
    # a site whose name is empty: the chart names it as the ranking does, not "NULL"
    score_bare_site(dock, "ohne Namen", site_name=None)
    dock.result_layer.selectByIds(dock._fids)
    assert dock.chart.title.startswith(f"#{dock.run.features[0].id()}: "), dock.chart.title
    assert "NULL" not in dock.chart.title and "None" not in dock.chart.title


def test_loaded_profile_with_a_new_role_and_knockout_gets_inputs(qgis_iface, qgis_new_project, tmp_path):
    d = profiles.default_profile().to_dict()
    d["references"]["coworking_spaces"] = {"label_en": "Existing coworking spaces",
                                           "label_de": "Bestehende Coworking-Spaces"}
    d["criteria"].append({"id": "competition_5000", "kind": "count", "layers": ["coworking_spaces"],
                          "radius_m": 5000, "curve": [[0, 1], [2, 0]], "source": "test"})
    d["models"][0]["weights"]["competition_5000"] = 2
    d["knockouts"].append({"id": "listed", "rule": "field_equals", "field": "monument", "value": "yes",
                           "label_en": "Listed building"})
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    dock = SuitabilityDock(qgis_iface)
    dock.load_profile(str(path))
    assert "coworking_spaces" in dock.ref_combos and not dock.ref_combos["coworking_spaces"].isHidden()
    assert "listed" in dock.knockout_boxes and dock.knockout_boxes["listed"].isChecked()
    spaces = QgsVectorLayer("Point?crs=EPSG:25833", "Spaces", "memory")
    QgsProject.instance().addMapLayer(spaces)
    dock.ref_combos["coworking_spaces"].setLayer(spaces)
    assert dock.reference_layers()["coworking_spaces"] is spaces
    dock.reset_profile()  # back to the default: the extra input is hidden and not used
    assert dock.ref_combos["coworking_spaces"].isHidden() and "coworking_spaces" not in dock.reference_layers()
    dock.unload()
