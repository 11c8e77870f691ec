"""Suitability with real QGIS layers: CRS mixing, polygons, empty layers, sites without geometry, the
Processing algorithm in-process and through qgis_process.bin on the county's real data."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import NULL

from coworking_plugin.core.suitability import hexgrid, layers, overlays
from coworking_plugin.core.suitability import profile as profiles
from tests.qgis_process import QGIS_PROCESS, needs_qgis_process, plugin_env

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "data"
X0, Y0 = 400_000.0, 5_670_000.0


def memory_layer(geom_type: str, crs: str, geoms, fields: str = "", values=()) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geom_type}?crs={crs}{fields}", "t", "memory")
    feats = []
    for i, g in enumerate(geoms):
        f = QgsFeature(layer.fields())
        if g is not None:
            f.setGeometry(g)
        if values:
            f.setAttributes(list(values[i]))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def to_wgs84(x: float, y: float) -> QgsPointXY:
    xf = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25833"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsProject.instance())
    return xf.transform(QgsPointXY(x, y))


def shipped(name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(DATA / name), name, "ogr")
    assert layer.isValid(), name
    return layer


def demo_references():
    refs = {r: shipped(f"synthetic_{r}.geojson") for r in (
        "bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens", "accommodation", "landscape")}
    refs["rail_stations"] = shipped("db_stations_lk_meissen_area.geojson")
    refs["municipalities"] = shipped("lk_meissen_gemeinden_vg5000.geojson")
    return refs


def test_crs_mixing_references_in_4326_sites_in_25833(qgis_app):
    station = to_wgs84(X0, Y0)
    rail = memory_layer("Point", "EPSG:4326", [QgsGeometry.fromPointXY(station)])
    bus = memory_layer("Point", "EPSG:4326", [QgsGeometry.fromPointXY(to_wgs84(X0 + 250, Y0)),
                                              QgsGeometry.fromPointXY(to_wgs84(X0 + 350, Y0))])
    sites = memory_layer("Point", "EPSG:25833", [QgsGeometry.fromPointXY(QgsPointXY(X0 + 1000, Y0)),
                                                 QgsGeometry.fromPointXY(QgsPointXY(X0, Y0 + 3000))])
    p = profiles.default_profile()
    run = layers.compute_run(sites, {"rail_stations": rail, "bus_stops": bus}, p)
    rail_dist = run.values["rail_dist"]
    assert rail_dist[0] == pytest.approx(1000.0, abs=0.01) and rail_dist[1] == pytest.approx(3000.0, abs=0.01)
    assert run.values["bus_dist"][0] == pytest.approx(650.0, abs=0.01)  # 1000 - 350
    # Dresden Hbf (13.7320 E, 51.0404 N) projected to UTM 33N
    dresden = layers.project_point(13.7320, 51.0404, "EPSG:4326")
    assert run.values["dresden_dist"][0] == pytest.approx(math.hypot(X0 + 1000 - dresden[0], Y0 - dresden[1]) / 1000)


def test_polygon_sites_lines_and_polygon_references(qgis_app):
    # a polygon site is scored at its point on surface; a line reference by its distance, a polygon as 0 inside
    x1, y1 = X0 + 100, Y0 + 100
    square = QgsGeometry.fromWkt(f"POLYGON(({X0} {Y0},{x1} {Y0},{x1} {y1},{X0} {y1},{X0} {Y0}))")
    sites = memory_layer("MultiPolygon", "EPSG:25833", [square])
    river = memory_layer("LineString", "EPSG:25833",
                         [QgsGeometry.fromWkt(f"LINESTRING({X0 - 5000} {Y0 + 850},{X0 + 5000} {Y0 + 850})")])
    park = memory_layer("Polygon", "EPSG:25833", [square.buffer(10, 8)])
    p = profiles.default_profile()
    p.criterion("landscape_dist").layers = ["landscape"]
    run = layers.compute_run(sites, {"landscape": river}, p)
    assert run.values["landscape_dist"][0] == pytest.approx(800.0, abs=10.0)  # boundary sampled every 20 m
    run = layers.compute_run(sites, {"landscape": park}, p)
    assert run.values["landscape_dist"][0] == 0.0


def test_empty_references_and_sites_without_geometry(qgis_app):
    sites = memory_layer("Point", "EPSG:25833", [QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)), None],
                         "&field=name:string&field=publication_consent:boolean", [("a", True), ("b", True)])
    empty = memory_layer("Point", "EPSG:4326", [])
    p = profiles.default_profile()
    run = layers.compute_run(sites, {"rail_stations": empty, "bus_stops": empty}, p)
    assert any("no geometry" in problem for problem in run.problems)
    assert any("rail_stations" in problem for problem in run.problems)
    fields = layers.output_fields(sites.fields(), p)
    feats = list(layers.scored_features(run, fields))
    assert len(feats) == 2
    assert feats[0]["s_klassisch"] is not None and feats[0]["name"] == "a"
    assert feats[1].attribute("s_klassisch") in (None, NULL) and feats[1]["knockout"] == "no_geometry"
    explanation = json.loads(feats[0]["explanation"])
    assert set(explanation) == {"klassisch", "pendlerhafen", "ortsmitte", "retreat"}
    crit, weight, points, unknown = explanation["klassisch"][0]
    assert crit == "rail_dist" and weight == 2.0 and points == 0.0 and unknown is True
    # Pendlerhafen judges public transport by the GTFS service, here (no feed) by its fallback, the station
    crit, weight, points, unknown = explanation["pendlerhafen"][0]
    assert crit == "transit_departures" and weight == 4.0 and points == 0.0 and unknown is True
    assert feats[0]["v_rail_dist"] in (None, NULL) and feats[0]["p_rail_dist"] == 0.0
    # no station in the empty layer, no broadband field: flagged, not silently "–"
    assert {"rail_dist", "broadband"} <= set(feats[0]["unknown_inputs"].split(","))


def test_demo_data_scoring_grid_and_overlays(qgis_app):
    p = profiles.default_profile()
    refs = demo_references()
    run = layers.compute_run(shipped("synthetic_sites.geojson"), refs, p)
    s = run.scores
    assert len(s.best) == 40 and not run.problems
    assert {b for b in s.best if b} <= set(p.model_ids) and len({b for b in s.best if b}) >= 2
    knocked = [i for i, k in enumerate(s.knockouts) if k]
    assert knocked and all(s.scores[i].max() == 0 for i in knocked)
    refs_num = layers.read_references(refs, p)
    centres, grid = hexgrid.score_grid(p, refs_num, radius_m=2000)
    assert 120 < len(centres) < 170  # the county has about 1,450 km²; a 2 km hexagon covers 10.4 km²
    assert grid.scores.max() > 60
    layer = hexgrid.grid_layer(p, centres, grid, 2000)
    overlays.style_grid(layer, "retreat")
    assert layer.featureCount() == len(centres) and layer.renderer().classAttribute() == "s_retreat"
    catch = overlays.catchment_layer(refs_num, p.criterion("rail_dist"), "rail")
    assert [f["distance_m"] for f in catch.getFeatures()] == [3000.0, 1000.0]
    assert catch.getFeature(1).geometry().area() > 0




def test_processing_run_in_process(processing_ready, tmp_path):
    import processing

    params = {"INPUT": str(DATA / "synthetic_sites.geojson"), "OUTPUT": str(tmp_path / "scored.gpkg")}
    for role, layer in demo_references().items():
        params[role.upper()] = layer.source()
    result = processing.run("coworking:score_sites", params)
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert out.featureCount() == 40
    names = out.fields().names()
    for f in ("s_klassisch", "s_pendlerhafen", "s_ortsmitte", "s_retreat", "best_model", "v_rail_dist",
              "p_rail_dist", "explanation", "floor_area_m2"):
        assert f in names




@needs_qgis_process
def test_qgis_process_on_real_county_data(tmp_path):
    """The plugin as QGIS finds it (QGIS_PLUGINPATH, enabled in a throwaway profile) scoring the real
    municipalities and DB stations; sites: the municipalities themselves (polygons) as a user would bring."""
    env = plugin_env(tmp_path)
    out = tmp_path / "scored.gpkg"
    gemeinden = DATA / "lk_meissen_gemeinden_vg5000.geojson"
    cmd = [QGIS_PROCESS, "--json", "run", "coworking:score_sites", "--",
           f"INPUT={gemeinden}", f"RAIL_STATIONS={DATA / 'db_stations_lk_meissen_area.geojson'}",
           f"MUNICIPALITIES={gemeinden}", f"OUTPUT={out}"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    layer = QgsVectorLayer(str(out), "out", "ogr")
    assert layer.featureCount() == 28
    by_name = {f["GEN"]: f for f in layer.getFeatures()}
    # Strehla and Klipphausen have no station, Coswig and Radebeul have several: the rail partial says so
    assert by_name["Radebeul"]["p_rail_dist"] > by_name["Klipphausen"]["p_rail_dist"]
    assert by_name["Coswig"]["v_rail_dist"] < 1500
    assert all(f["knockout"] in (None, "") or "no_consent" not in f["knockout"] for f in layer.getFeatures())


def test_suitability_grid_algorithm(processing_ready, tmp_path):
    import processing

    params = {"RADIUS": 2000, "OUTPUT": str(tmp_path / "grid.gpkg")}
    for role, layer in demo_references().items():
        params[role.upper()] = layer.source()
    out = QgsVectorLayer(processing.run("coworking:suitability_grid", params)["OUTPUT"], "grid", "ogr")
    assert 120 < out.featureCount() < 170
    assert {"s_klassisch", "s_pendlerhafen", "s_ortsmitte", "s_retreat", "best_model"} <= set(out.fields().names())
    assert out.crs().authid() == "EPSG:25833"
