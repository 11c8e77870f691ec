"""The OpenStreetMap loader against a real HTTP server on 127.0.0.1 answering with recorded Overpass JSON."""

from __future__ import annotations

import json
import os

import pytest
from overpass_server import OverpassServer, recorded
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsPointXY,
    QgsVectorLayer,
    QgsWkbTypes,
)

from coworking_plugin.core.opendata import osm, overpass, refgpkg
from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.core.tasks import CallableTask, TaskCanceled

ROLES = list(overpass.ROLE_FILTERS)


@pytest.fixture
def server():
    with OverpassServer(slow_seconds=1.5) as srv:
        yield srv


def _layer(path, role) -> QgsVectorLayer:
    layer = refgpkg.open_layer(str(path), role)
    assert layer.isValid(), role
    return layer


def _expected_points(role):
    """The positions the recorded answer gives (node position or way centre), by OSM id."""
    out = {}
    for el in recorded(role)["elements"]:
        where = el if el["type"] == "node" else el["center"]
        out[f"{el['type']}/{el['id']}"] = (where["lon"], where["lat"])
    return out


def test_load_writes_one_layer_per_role_with_attribution(qgis_app, server, tmp_path):
    path = tmp_path / "ref.gpkg"
    result = osm.load_osm(str(path), profiles.default_profile().reference_roles(), server.url, 10.0)
    assert sorted(result.counts) == sorted(ROLES) and sorted(refgpkg.layer_names(str(path))) == sorted(ROLES)
    assert [r["role"] for r in server.requests] == ROLES  # one query per role, in order
    west, south, east, north = osm.county_bbox()
    first = server.requests[0]
    assert first["path"] == "/api/interpreter" and "[out:json]" in first["query"]
    assert f"[bbox:{south:.5f},{west:.5f},{north:.5f},{east:.5f}]" in first["query"]
    assert 13.0 < west < 13.3 < 13.8 < east < 14.0 and 50.9 < south < 51.1 < 51.4 < north < 51.6
    assert first["headers"]["User-Agent"].startswith("CoworkingLeerstandsmelder-QGIS-Plugin/")
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                    QgsCoordinateReferenceSystem("EPSG:25833"), QgsCoordinateTransformContext())
    for role in ROLES:
        layer = _layer(path, role)
        assert layer.crs().authid() == "EPSG:25833"
        assert layer.fields().names()[-3:] == ["osm_id", "name", "tags"]
        md = layer.metadata()
        assert "© OpenStreetMap-Mitwirkende, ODbL 1.0" in md.rights(), role
        assert any("ODbL" in lic for lic in md.licenses())
        assert result.counts[role] == layer.featureCount() == len(recorded(role)["elements"])
        if role == "landscape":
            assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
            continue
        expected = _expected_points(role)
        for feat in layer.getFeatures():
            want = to_utm.transform(QgsPointXY(*expected[feat["osm_id"]]))
            assert feat.geometry().asPoint().distance(want) < 0.01
            tags = json.loads(feat["tags"])
            assert tags.get("name", None) == (feat["name"] or None)


def test_relation_outer_ways_are_joined_into_an_area(qgis_app, server, tmp_path):
    path = tmp_path / "ref.gpkg"
    osm.load_osm(str(path), ["landscape"], server.url, 10.0)
    layer = _layer(path, "landscape")
    by_id = {f["osm_id"]: f.geometry() for f in layer.getFeatures()}
    assert set(by_id) == {"way/801", "relation/802"}
    # the relation is two open ways (north and south halves of a 0.04° x 0.02° rectangle): joined, its area is
    # the rectangle's, about 2,800 m x 2,220 m
    area = by_id["relation/802"].area()
    assert 5.5e6 < area < 6.9e6
    schloss = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                     QgsCoordinateReferenceSystem("EPSG:25833"),
                                     QgsCoordinateTransformContext()).transform(QgsPointXY(13.6806, 51.1672))
    from qgis.core import QgsGeometry

    assert by_id["relation/802"].contains(QgsGeometry.fromPointXY(schloss))


def test_reload_replaces_the_layers_and_keeps_the_others(qgis_app, server, tmp_path):
    path = tmp_path / "ref.gpkg"
    other = refgpkg.LayerData("gtfs_stops", osm._fields(), QgsWkbTypes.Type.Point, [])
    refgpkg.write_layers(str(path), [other])
    osm.load_osm(str(path), ["shops", "cafes"], server.url, 10.0)
    assert _layer(path, "shops").featureCount() == 4
    server.answers["shops"] = {**recorded("shops"), "elements": recorded("shops")["elements"][:1]}
    osm.load_osm(str(path), ["shops"], server.url, 10.0)
    assert _layer(path, "shops").featureCount() == 1  # replaced, not appended
    assert _layer(path, "cafes").featureCount() == 4  # not asked again: kept
    assert "gtfs_stops" in refgpkg.layer_names(str(path))
    # a load failing half-way changes nothing and leaves no temporary file
    before = path.read_bytes()
    server.failures["cafes"] = "429"
    with pytest.raises(overpass.OverpassError):
        osm.load_osm(str(path), ["shops", "cafes"], server.url, 10.0)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["ref.gpkg"]


@pytest.mark.parametrize("failure, words", [
    ("429", "rate limit"), ("504", "rate limit"), ("rate_limited", "rate limit"),
    ("garbage", "not JSON"), ("no_elements", "no elements"), ("remark", "took too long"),
    ("slow", "did not answer within 0.5 seconds"),
])
def test_failures_give_clear_messages(qgis_app, server, tmp_path, failure, words):
    server.failures["shops"] = failure
    path = tmp_path / "ref.gpkg"
    with pytest.raises(overpass.OverpassError) as err:
        osm.load_osm(str(path), ["shops"], server.url, 0.5)
    assert words in str(err.value)
    assert not path.exists()


def test_unreachable_server(qgis_app, tmp_path):
    with pytest.raises(overpass.OverpassError, match="cannot be reached"):
        osm.load_osm(str(tmp_path / "x.gpkg"), ["shops"], "http://127.0.0.1:9/api/interpreter", 2.0)


def test_messages_in_german(german_translator, server, tmp_path):
    server.failures["shops"] = "504"
    with pytest.raises(overpass.OverpassError, match="Overpass-Server ist ausgelastet"):
        osm.load_osm(str(tmp_path / "x.gpkg"), ["shops"], server.url, 5.0)


def test_cancel_keeps_the_previous_file(qgis_app, server, tmp_path):
    path = tmp_path / "ref.gpkg"
    osm.load_osm(str(path), ["shops"], server.url, 10.0)
    before = path.read_bytes()
    asked = []
    with pytest.raises(TaskCanceled):
        osm.load_osm(str(path), ["shops", "cafes"], server.url, 10.0,
                     is_canceled=lambda: asked.append(1) or len(asked) > 1)
    assert path.read_bytes() == before and len(server.requests) == 2


def test_load_as_task_reports_progress(qgis_app, server, tmp_path):
    path = tmp_path / "ref.gpkg"
    seen, done = [], []
    task = CallableTask("osm", lambda t: osm.load_osm(str(path), ["shops", "bus_stops"], server.url, 10.0,
                                                      progress=lambda p: (seen.append(p), t.setProgress(p)),
                                                      is_canceled=t.isCanceled),
                        on_success=done.append)
    QgsApplication.taskManager().addTask(task)
    task.waitForFinished(20000)
    QgsApplication.processEvents()
    assert seen == [45.0, 90.0, 100.0]
    assert done and done[0].counts == {"shops": 4, "bus_stops": 5}


def test_processing_algorithm_and_scoring_on_loaded_data(processing_ready, server, tmp_path):
    import processing

    from coworking_plugin.core.suitability import layers

    path = tmp_path / "ref.gpkg"
    result = processing.run("coworking:load_osm", {"URL": server.url, "TIMEOUT": 10, "OUTPUT": str(path)})
    assert result["OUTPUT"] == str(path) and sorted(result["LAYERS"].split(",")) == sorted(ROLES)
    # a site at Meißen's market scores on what was loaded: the shop, café, bakery and hotel there
    site = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string", "sites", "memory")
    from qgis.core import QgsFeature, QgsGeometry

    f = QgsFeature(site.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(13.4741, 51.1637)))
    f["name"] = "Meißen Markt"
    site.dataProvider().addFeatures([f])
    refs = {role: _layer(path, role) for role in ROLES}
    run = layers.compute_run(site, refs, profiles.default_profile())
    assert run.values["cafe_300"][0] == 2 and run.values["shops_1000"][0] == 1
    assert run.values["accommodation_2000"][0] == 1 and run.values["bus_dist"][0] < 100  # "Meißen, Markt", 57 m
