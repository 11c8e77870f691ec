"""Criteria from reference attributes (GTFS service, broadband polygons), fallbacks to the straight line, and
knock-outs by polygon (flood zones, nature reserves), with real QGIS layers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gtfs_feed import write_feed
from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

from coworking_plugin.core.opendata import refgpkg, transit
from coworking_plugin.core.suitability import layers, scoring
from coworking_plugin.core.suitability import profile as profiles
from tests.test_suitability_defects import real_references, site_layer
from tests.test_suitability_layers import memory_layer, to_wgs84

STREHLA = (13.2279, 51.3530)
X0, Y0 = 400_000.0, 5_670_000.0


def test_without_a_feed_pendlerhafen_scores_as_the_straight_line_profile(qgis_app):
    p = profiles.default_profile()
    old = p.copy()  # the profile before GTFS: rail station and straight line to Dresden weighed directly
    w = old.model("pendlerhafen").weights
    w["rail_dist"], w["dresden_dist"] = w.pop("transit_departures"), w.pop("transit_dresden")
    sites = site_layer([(13.287734, 51.309654), (13.4741, 51.1637), STREHLA])
    new_run = layers.compute_run(sites, real_references(), p)
    old_run = layers.compute_run(sites, real_references(), old)
    m = p.model_ids.index("pendlerhafen")
    assert new_run.scores.scores[:, m] == pytest.approx(old_run.scores.scores[:, m])
    c, f = p.criterion_ids.index("transit_departures"), p.criterion_ids.index("rail_dist")
    assert new_run.scores.partials[:, c] == pytest.approx(new_run.scores.partials[:, f])
    assert not new_run.scores.unknown[:, c].any()  # judged by the station distance, which is known


def test_with_a_feed_the_service_counts(qgis_app, tmp_path):
    gpkg = tmp_path / "ref.gpkg"
    transit.load_gtfs(write_feed(tmp_path / "feed.zip"), str(gpkg), day=__import__("datetime").date(2026, 12, 8),
                      bbox=(13.0, 50.9, 13.9, 51.5))
    stops = refgpkg.open_layer(str(gpkg), "transit_stops")
    p = profiles.default_profile()
    # 100 m north of Strehla's stop, and 2 km east of it (no stop within 600 m)
    strehla = QgsGeometry.fromPointXY(QgsPointXY(*STREHLA))
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    xf = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:25833"),
                                QgsProject.instance())
    strehla.transform(xf)
    sx, sy = strehla.asPoint().x(), strehla.asPoint().y()
    sites = site_layer([tuple(to_wgs84(sx, sy + 100)), tuple(to_wgs84(sx + 2000, sy))])
    run = layers.compute_run(sites, {**real_references(), "transit_stops": stops}, p)
    dep, dres = run.values["transit_departures"], run.values["transit_dresden"]
    assert dep[0] == pytest.approx(0.67) and dres[0] == 75.0  # tests/test_opendata_gtfs.py worked these out
    assert dep[1] == 0.0 and math.isnan(dres[1])  # no stop near: no departures, no journey
    c = p.criterion_ids.index("transit_dresden")
    assert run.scores.partials[0, c] == pytest.approx(np.interp(75.0, [0, 20, 35, 75, 120], [0.3, 0.6, 1, 1, 0.2]))
    assert run.scores.partials[1, c] == 0.0 and run.scores.unknown[1, c]
    d = p.criterion_ids.index("transit_departures")
    assert run.scores.partials[0, d] == pytest.approx(np.interp(0.67, [0, 1, 2, 4], [0, 0.3, 0.6, 1.0]))


def _square(cx: float, cy: float, half: float) -> QgsGeometry:
    return QgsGeometry.fromRect(QgsRectangle(cx - half, cy - half, cx + half, cy + half))


def test_broadband_share_read_from_the_polygon_the_site_lies_in(qgis_app):
    # two Breitbandatlas-like polygons in EPSG:25833, the sites in EPSG:4326
    cover = memory_layer("Polygon", "EPSG:25833", [_square(X0, Y0, 500), _square(X0 + 2000, Y0, 500)],
                         "&field=share_100mbit:double", [(92.5,), (20.0,)])
    sites = site_layer([tuple(to_wgs84(X0, Y0)), tuple(to_wgs84(X0 + 2100, Y0)), tuple(to_wgs84(X0 + 5000, Y0))])
    p = profiles.default_profile()
    p.set_weight("klassisch", "broadband_share", 3)
    run = layers.compute_run(sites, {**real_references(), "broadband_coverage": cover}, p)
    v = run.values["broadband_share"]
    assert v[0] == 92.5 and v[1] == 20.0 and math.isnan(v[2])
    c = p.criterion_ids.index("broadband_share")
    assert run.scores.partials[2, c] == p.criterion("broadband_share").missing_score
    assert "broadband_share" in run.scores.unknown_ids(2) and "broadband_share" not in run.scores.unknown_ids(0)


def test_flood_zone_and_nature_reserve_knock_out_with_their_reason(qgis_app):
    flood = memory_layer("MultiPolygon", "EPSG:25833", [_square(X0, Y0, 300)])
    reserve = memory_layer("Polygon", "EPSG:4326", [QgsGeometry.fromPolygonXY([[
        to_wgs84(X0 + 900, Y0 - 100), to_wgs84(X0 + 1100, Y0 - 100), to_wgs84(X0 + 1100, Y0 + 100),
        to_wgs84(X0 + 900, Y0 + 100), to_wgs84(X0 + 900, Y0 - 100)]])])
    sites = site_layer([tuple(to_wgs84(X0, Y0)), tuple(to_wgs84(X0 + 1000, Y0)), tuple(to_wgs84(X0 + 500, Y0))],
                       "&field=municipality_ags:string", [("14627140",), ("14627140",), ("14627140",)])
    p = profiles.default_profile()
    refs = {**real_references(), "flood_zones": flood, "nature_reserves": reserve}
    run = layers.compute_run(sites, refs, p)
    assert run.scores.knockouts == [["flood_zone"], ["nature_reserve"], []]
    assert (run.scores.scores[:2] == 0).all() and (run.scores.scores[2] > 0).any()
    assert p.knockouts[[k.id for k in p.knockouts].index("flood_zone")].label("de") == (
        "Im festgesetzten Überschwemmungsgebiet")
    # no layer for the role: the rule does not apply; a disabled rule neither
    assert layers.compute_run(sites, real_references(), p).scores.knockouts == [[], [], []]
    p.knockouts[[k.id for k in p.knockouts].index("flood_zone")].enabled = False
    assert scoring.score(p, run.values, run.sites).knockouts == [[], ["nature_reserve"], []]


def test_score_sites_takes_the_polygon_layers_by_role_name(processing_ready):
    import processing

    flood = memory_layer("Polygon", "EPSG:25833", [_square(X0, Y0, 300)])
    flood.setName("flood_zones")
    sites = site_layer([tuple(to_wgs84(X0, Y0)), tuple(to_wgs84(X0 + 1000, Y0))])
    out = processing.run("coworking:score_sites", {"INPUT": sites, "MORE_LAYERS": [flood], "OUTPUT": "memory:"})
    knocked = [f["knockout"] for f in out["OUTPUT"].getFeatures()]
    assert knocked[0] and "flood_zone" in knocked[0].split(",") and "flood_zone" not in (knocked[1] or "")


@pytest.mark.parametrize("change, words", [
    ({"knockouts": [{"id": "x", "rule": "inside_layer"}]}, "name the polygon layer role"),
    ({"criteria+": {"id": "y", "kind": "reference_attribute", "layers": ["transit_stops"],
                    "field": "departures_per_hour", "curve": [[0, 0], [1, 1]]}}, "positive radius"),
    ({"criteria+": {"id": "z", "kind": "polygon_attribute", "layers": ["broadband_coverage"],
                    "curve": [[0, 0], [1, 1]]}}, "the attribute it reads"),
    ({"criteria+": {"id": "w", "kind": "site_field", "field": "rooms", "fallback": "nowhere",
                    "curve": [[0, 0], [1, 1]]}}, "is not another criterion"),
])
def test_profile_errors_name_the_entry(qgis_app, change, words):
    d = profiles.default_profile().to_dict()
    if "criteria+" in change:
        d["criteria"].append(change["criteria+"])
    else:
        d.update(change)
    with pytest.raises(profiles.ProfileError, match=words):
        profiles.from_dict(d)


def test_profile_round_trip_keeps_the_new_entries(qgis_app):
    p = profiles.default_profile()
    q = profiles.from_json(p.to_json())
    c = q.criterion("transit_dresden")
    assert (c.kind, c.aggregate, c.fallback, c.none_within) == ("reference_attribute", "min", "dresden_dist", None)
    assert q.criterion("transit_departures").none_within == 0.0
    assert [k.layer for k in q.knockouts if k.rule == "inside_layer"] == ["flood_zones", "nature_reserves"]
    assert {"transit_stops", "broadband_coverage", "flood_zones", "nature_reserves"} <= set(q.reference_roles())
