"""Suitability on the register's own layers: the GeoPackage working copy (vacancy points, brownfield
multipolygons) and a PostGIS table read through QGIS's postgres provider."""

from __future__ import annotations

from pathlib import Path

import psycopg2
import pytest
from qgis.core import QgsDataSourceUri, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from coworking_plugin.core.suitability import layers
from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.core.sync import workingcopy

DATA = Path(__file__).resolve().parent.parent / "resources" / "data"
MEISSEN = (392_000.0, 5_668_000.0)  # near Meißen station, EPSG:25833


def references():
    return {"rail_stations": QgsVectorLayer(str(DATA / "db_stations_lk_meissen_area.geojson"), "s", "ogr"),
            "municipalities": QgsVectorLayer(str(DATA / "lk_meissen_gemeinden_vg5000.geojson"), "g", "ogr")}


def test_working_copy_layers(qgis_app, tmp_path):
    path = workingcopy.create(str(tmp_path / "wc.gpkg"))
    vacancy = workingcopy.layer(str(path), "vacancy")
    f = QgsFeature(vacancy.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*MEISSEN)))
    for name, value in (("uuid", workingcopy.new_uuid()), ("name", "Alte Post"), ("municipality_ags", "14627140"),
                        ("building_type", "office"), ("floor_area_m2", 150.0), ("rooms", 4), ("condition", "good"),
                        ("broadband_mbps", 250), ("anchor_tenant", True), ("publication_consent", True)):
        f[name] = value
    assert vacancy.dataProvider().addFeatures([f])[0]
    brownfield = workingcopy.layer(str(path), "brownfield")
    b = QgsFeature(brownfield.fields())
    x, y = MEISSEN
    b.setGeometry(QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y},{x + 80} {y},{x + 80} {y + 60},{x} {y + 60},{x} {y})))"))
    for name, value in (("uuid", workingcopy.new_uuid()), ("name", "Gaswerk"), ("municipality_ags", "14627140"),
                        ("contamination", "confirmed"), ("publication_consent", True)):
        b[name] = value
    assert brownfield.dataProvider().addFeatures([b])[0]

    p = profiles.default_profile()
    run = layers.compute_run(workingcopy.layer(str(path), "vacancy"), references(), p)
    s = run.scores
    assert s.knockouts == [[]] and s.best[0]
    assert run.values["floor_area"][0] == 150.0 and run.values["condition"][0] == 2.0
    assert run.values["anchor_tenant"][0] == 1.0 and run.values["_in_county"][0] == 1.0
    run = layers.compute_run(workingcopy.layer(str(path), "brownfield"), references(), p)
    assert run.scores.knockouts == [["contamination"]] and run.scores.best == [""]
    assert run.values["rail_dist"][0] < 3000  # scored at the polygon's point on surface


@pytest.mark.postgis
def test_postgis_layer(qgis_app, postgis_db):
    conn = psycopg2.connect(postgis_db)
    with conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE sites (id serial PRIMARY KEY, name text, publication_consent boolean, "
                    "broadband_mbps integer, geom geometry(Point, 25833))")
        cur.execute("INSERT INTO sites (name, publication_consent, broadband_mbps, geom) VALUES "
                    "(%s, %s, %s, ST_SetSRID(ST_MakePoint(%s, %s), 25833)), (%s, %s, %s, NULL)",
                    ("Bahnhofstraße 1", True, 100, MEISSEN[0], MEISSEN[1], "ohne Lage", True, 16))
    conn.close()
    params = psycopg2.extensions.parse_dsn(postgis_db)
    uri = QgsDataSourceUri()
    uri.setConnection(params.get("host", ""), str(params.get("port", "")), params["dbname"], params.get("user", ""),
                      params.get("password", ""))
    uri.setDataSource("public", "sites", "geom", "", "id")
    layer = QgsVectorLayer(uri.uri(False), "sites", "postgres")
    assert layer.isValid()
    run = layers.compute_run(layer, references(), profiles.default_profile())
    by_name = dict(zip([f["name"] for f in run.features], range(2)))
    i, j = by_name["Bahnhofstraße 1"], by_name["ohne Lage"]
    assert run.values["broadband"][i] == 100 and run.scores.best[i]
    assert run.scores.knockouts[j] == ["no_geometry"] and any("no geometry" in p for p in run.problems)
