"""Finer municipal boundaries (admin guide, chapter 3): coworking:install_boundaries replaces the boundaries of the
county's 28 municipalities in one transaction, lowers the tolerance, and refuses an incomplete, invalid or
misplaced layer without changing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from coworking_plugin.db.boundaries import municipality_key
from tests.test_db_location import MEISSEN, insert, outside_meissen, refused

pytestmark = pytest.mark.postgis

ROOT = Path(__file__).resolve().parent.parent
VG5000 = ROOT / "resources" / "data" / "lk_meissen_gemeinden_vg5000.geojson"
DRESDEN_CITY = "14612000"


def _layer(key_type=QVariant.String, change=None, extra=()) -> QgsVectorLayer:
    """The shipped boundaries as an administrator's layer in EPSG:25833 with a key field ``AGS`` (and ``ARS``);
    ``change(ags, geometry)`` returns the geometry to use, or None to leave the municipality out."""
    shipped = QgsVectorLayer(str(VG5000), "vg5000", "ogr")
    assert shipped.isValid()
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:25833", "VG25 Test", "memory")
    layer.dataProvider().addAttributes([QgsField("AGS", key_type), QgsField("ARS", QVariant.String)])
    layer.updateFields()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_utm = QgsCoordinateTransform(shipped.crs(), QgsCoordinateReferenceSystem("EPSG:25833"), QgsProject.instance())
    features = []
    for f in shipped.getFeatures():
        ags = str(f["AGS"])
        geom = QgsGeometry(f.geometry())
        geom.transform(to_utm)
        geom = change(ags, geom) if change else geom
        if geom is None:
            continue
        feature = QgsFeature(layer.fields())
        feature.setAttributes([int(ags) if key_type == QVariant.Int else ags, ags[:5] + "0000" + ags[5:]])
        feature.setGeometry(geom)
        features.append(feature)
    for ags, geom in extra:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([ags, ""])
        feature.setGeometry(geom)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def _state(register):
    with register.connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT value FROM coworking.setting WHERE key = 'location_tolerance_m'")
        tolerance = cur.fetchone()[0]
        cur.execute("SELECT count(*), min(source), max(source), sum(ST_Area(geom))::bigint FROM coworking.municipality")
        return tolerance, cur.fetchone()


def test_finer_boundaries_replace_the_coarse_ones_and_the_tolerance_drops(processing_ready, register):
    import processing

    editor = register.connect("editor_meissen")
    point, distance = outside_meissen(editor, 500)
    accepted_before = insert(editor, point)  # within 1,000 m of the coarse boundary: accepted
    assert 499 < distance < 501
    # the "finer" boundary of Meißen reaches 600 m farther out; a municipality of Dresden (another county) is skipped
    layer = _layer(change=lambda ags, g: g.buffer(600, 8) if ags == MEISSEN else g,
                   extra=[(DRESDEN_CITY, QgsGeometry.fromWkt("POLYGON((410000 5650000, 412000 5650000, "
                                                            "412000 5652000, 410000 5650000))"))])
    result = processing.run("coworking:install_boundaries", {
        "DATABASE": register.dsn("admin"), "INPUT": layer, "KEY": "AGS", "SOURCE": "VG25 Test, dl-de/by-2-0",
        "TOLERANCE": 5})
    assert result["REPLACED"] == 28
    assert result["SITES_OUTSIDE"] == 0  # the site lies inside Meißen's new boundary
    tolerance, (count, low, high, _area) = _state(register)
    assert (tolerance, count, low, high) == ("5", 28, "VG25 Test, dl-de/by-2-0", "VG25 Test, dl-de/by-2-0")
    with register.connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT actor, old_values, new_values FROM coworking.history WHERE kind = 'setting'")
        assert cur.fetchall() == [(register.role("admin"), {"location_tolerance_m": 1000},
                                   {"location_tolerance_m": 5})]
        cur.execute("SELECT count(*) FROM coworking.municipality WHERE ags = %s", (DRESDEN_CITY,))
        assert cur.fetchone() == (0,)
    # the register now checks with the new boundary and the new tolerance
    insert(editor, point)  # inside the new boundary of Meißen
    point_far, _ = outside_meissen(editor, 20)  # 20 m outside the new boundary of Meißen
    assert refused(editor, point_far).pgcode in ("RG016", "RG017")
    assert accepted_before

    # back to the shipped boundaries (keys as numbers): the earlier sites lie 500 m outside now, and are counted
    result = processing.run("coworking:install_boundaries", {
        "DATABASE": register.dsn("admin"), "INPUT": _layer(QVariant.Int), "KEY": "AGS", "SOURCE": ""})
    assert result == {"REPLACED": 28, "SITES_OUTSIDE": 2}
    assert _state(register)[0] == "5" and _state(register)[1][1] == "VG25 Test"  # tolerance kept; layer name
    editor.close()


def test_twelve_digit_regional_keys_are_accepted(processing_ready, register):
    import processing

    result = processing.run("coworking:install_boundaries", {
        "DATABASE": register.dsn("admin"), "INPUT": _layer(), "KEY": "ARS", "TOLERANCE": 100})
    assert result["REPLACED"] == 28 and _state(register)[0] == "100"
    assert municipality_key("146270140140") == MEISSEN and municipality_key(14627140.0) == MEISSEN
    assert municipality_key("1462714") is None and municipality_key(None) is None


@pytest.mark.parametrize("case", ["missing", "invalid", "astray", "editor"])
def test_a_bad_layer_or_caller_changes_nothing(processing_ready, register, german_translator, case):
    import processing

    bowtie = QgsGeometry.fromWkt("POLYGON((390000 5665000, 396000 5671000, 396000 5665000, 390000 5671000, "
                                 "390000 5665000))")
    def moved(g):  # 20 km east: what a wrong key or CRS looks like
        g = QgsGeometry(g)
        g.translate(20000, 0)
        return g

    change = {"missing": lambda ags, g: None if ags == MEISSEN else g,
              "invalid": lambda ags, g: bowtie if ags == MEISSEN else g,
              "astray": lambda ags, g: moved(g) if ags == MEISSEN else g}.get(case)
    before = _state(register)
    # Processing itself stops at an invalid feature by default; with "Do not filter" the register's check answers
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("coworking:install_boundaries", {
            "DATABASE": register.dsn("editor_meissen" if case == "editor" else "admin"), "INPUT": _layer(change=change),
            "KEY": "AGS", "SOURCE": "VG25", "TOLERANCE": 5}, context=context)
    message = str(caught.value)
    assert "nichts geändert" in message, message
    expected = {"missing": "Dem Layer fehlt 1 Gemeinde des Landkreises: Meißen (14627140).",
                "invalid": "Die Grenzen von Meißen (14627140) sind keine gültigen Polygone.",
                "astray": "Die neuen Grenzen von Meißen (14627140) überdecken die bisherigen kaum",
                "editor": "Die Grenzen konnten nicht installiert werden"}[case]
    assert expected in message, message
    assert _state(register) == before


def test_a_pull_brings_the_new_boundaries_to_the_capture_check(processing_ready, register, tmp_path):
    """The working copy's capture check uses the boundaries and the tolerance of the register: after the
    administrator installed finer ones, the officer's next pull brings both (not only the tolerance)."""
    import processing
    from qgis.core import QgsPointXY

    from coworking_plugin.core.capture import drafts
    from coworking_plugin.core.sync import workingcopy as wc
    from coworking_plugin.core.sync.pull import checkout, pull

    dsn, path = register.dsn("editor_meissen"), str(tmp_path / "wc.gpkg")
    checkout(dsn, path)
    with register.connect() as conn:
        point, _ = outside_meissen(conn, 500)
    site = QgsGeometry.fromPointXY(QgsPointXY(*point))
    digest = wc.meta(path)["boundaries_digest"]
    pull(dsn, path)  # nothing changed on the server: the same boundaries
    assert wc.meta(path)["boundaries_digest"] == digest
    assert drafts.location_issue(path, MEISSEN, site) is None  # 500 m, within 1,000 m

    processing.run("coworking:install_boundaries", {
        "DATABASE": register.dsn("admin"), "INPUT": _layer(change=lambda ags, g: g.buffer(600, 8) if ags == MEISSEN
                                                           else g), "KEY": "AGS", "TOLERANCE": 5})
    far = QgsGeometry.fromPointXY(QgsPointXY(*outside_meissen(register.connect(), 20)[0]))
    pull(dsn, path)
    assert wc.meta(path)["boundaries_digest"] != digest and drafts.location_tolerance(path) == 5
    assert drafts.location_issue(path, MEISSEN, site) is None  # inside Meißen's new boundary
    issue = drafts.location_issue(path, MEISSEN, far)  # 20 m outside it: the register would refuse it too
    assert issue is not None and "20 m" in issue.message
