"""Suitability core without a GUI: curves at their thresholds, hand-computed scores, knock-outs, weights,
the numpy spatial index against brute force, the profile file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from coworking_plugin.core.suitability import indicators, scoring
from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.core.suitability.indicators import Reference, Sites
from coworking_plugin.core.suitability.spatial import PointIndex

ROOT = Path(__file__).resolve().parent.parent
X0, Y0 = 400_000.0, 5_670_000.0  # somewhere in the county, EPSG:25833


def small_profile(w_rail=3.0, w_bus=1.0) -> profiles.Profile:
    return profiles.from_dict({
        "name": "test",
        "criteria": [
            {"id": "rail", "kind": "nearest", "layers": ["rail_stations"], "curve": [[0, 1], [1000, 1], [3000, 0.4],
                                                                                      [6000, 0]]},
            {"id": "bus", "kind": "count", "layers": ["bus_stops"], "radius_m": 300, "curve": [[0, 0], [2, 1]]},
            {"id": "bb", "kind": "site_field", "field": "broadband_mbps", "curve": [[0, 0], [30, 0.2], [100, 0.7]],
             "missing_score": 0.3},
        ],
        "models": [{"id": "a", "weights": {"rail": w_rail, "bus": w_bus}, "target_groups": ["commuters"]},
                   {"id": "b", "weights": {"bb": 1}, "target_groups": ["freelancers"]}],
        "knockouts": [{"id": "contamination", "rule": "field_equals", "field": "contamination", "value": "confirmed"},
                      {"id": "no_consent", "rule": "field_false", "field": "publication_consent"},
                      {"id": "outside_county", "rule": "outside_county"}],
        "serve_threshold": 50,
    })


def test_default_profile_is_complete_and_documented():
    p = profiles.default_profile()
    assert [m.id for m in p.models] == ["klassisch", "pendlerhafen", "ortsmitte", "retreat"]
    for c in p.criteria:
        assert c.source, f"{c.id} must say where its thresholds come from"
        assert c.label_de and c.label_en
    bb = p.criterion("broadband")
    assert [x for x, _ in bb.curve][1:3] == [30, 100]  # white / grey spot
    assert p.criterion("services_1000").radius_m == 1000  # BBSR walkable
    assert p.criterion("accommodation_2000").radius_m == 2000
    assert "population" in json.loads((ROOT / "resources/profiles/default.json").read_text())


@pytest.mark.parametrize("value, expected", [(0, 1.0), (1000, 1.0), (2000, 0.7), (3000, 0.4), (4500, 0.2),
                                             (6000, 0.0), (9999, 0.0), (float("nan"), 0.0)])
def test_curve_at_each_threshold(value, expected):
    c = small_profile().criterion("rail")
    assert scoring.curve_score(c, np.array([value]))[0] == pytest.approx(expected)


def test_broadband_white_and_grey_spot_thresholds():
    c = small_profile().criterion("bb")
    got = scoring.curve_score(c, np.array([29.0, 30.0, 100.0, 500.0, np.nan]))
    assert got[1] == pytest.approx(0.2) and got[2] == pytest.approx(0.7) and got[3] == pytest.approx(0.7)
    assert got[0] < 0.2
    assert got[4] == pytest.approx(0.3)  # unknown broadband: missing_score


def _scene(site_offsets, bus_offsets=((0.0, 300.0), (0.0, -300.0001))):
    refs = {"rail_stations": Reference(np.array([[X0, Y0]])),
            "bus_stops": Reference(np.array([[X0 + dx, Y0 + dy] for dx, dy in bus_offsets]))}
    xy = np.array([[X0 + dx, Y0 + dy] for dx, dy in site_offsets])
    return refs, xy


def test_hand_computed_scores_at_thresholds():
    p = small_profile()
    refs, xy = _scene([(0, 0), (1000, 0), (3000, 0), (0, 6000)])
    sites = Sites(xy, {"broadband_mbps": [30, 100, None, 16]})
    values = indicators.compute(p, sites, refs)
    assert values["rail"] == pytest.approx([0, 1000, 3000, 6000])
    # bus stops at 300 m (counted: the circle is closed) and 300.0001 m (not counted) from the first site
    assert values["bus"].tolist() == [1, 0, 0, 0]
    s = scoring.score(p, values, sites)
    # model a: 100 * (3 * rail + 1 * bus) / 4
    assert s.scores[:, 0] == pytest.approx([100 * (3 * 1 + 0.5) / 4, 75.0, 100 * 3 * 0.4 / 4, 0.0])
    assert s.scores[:, 1] == pytest.approx([20.0, 70.0, 30.0, 100 * 0.2 * 16 / 30])
    assert s.best == ["a", "a", "a", "b"]  # a tie (30 : 30) goes to the first model
    assert s.served[0] == ["commuters"] and s.served[2] == []
    rows = s.contributions(0, "a")
    assert {r["criterion"]: r["weight"] for r in rows} == {"rail": 3.0, "bus": 1.0}
    assert sum(r["points"] for r in rows) == pytest.approx(s.scores[0, 0])


@pytest.mark.parametrize("factor", [0.01, 1.0, 7.0, 1000.0])
def test_weights_may_sum_to_anything(factor):
    refs, xy = _scene([(0, 0), (2000, 0)])
    sites = Sites(xy, {})
    base = scoring.score(small_profile(), indicators.compute(small_profile(), sites, refs), sites).scores
    p = small_profile(3.0 * factor, 1.0 * factor)
    got = scoring.score(p, indicators.compute(p, sites, refs), sites).scores
    assert got == pytest.approx(base)


def test_all_weights_zero_scores_zero():
    p = small_profile(0.0, 0.0)
    refs, xy = _scene([(0, 0)])
    sites = Sites(xy, {})
    assert scoring.score(p, indicators.compute(p, sites, refs), sites).scores[0, 0] == 0.0


def test_knockouts():
    p = small_profile()
    refs, xy = _scene([(0, 0)] * 4)
    square = np.array([[X0 - 5000, Y0 - 5000], [X0 + 5000, Y0 - 5000], [X0 + 5000, Y0 + 5000], [X0 - 5000, Y0 + 5000]])
    refs["municipalities"] = Reference(np.array([[X0, Y0]]), polygons=[[square]], attrs={"ags": ["14627140"]})
    xy[3] = [X0 + 6000, Y0]  # outside the county
    sites = Sites(xy, {"contamination": ["none", "confirmed", "suspected", "none"],
                       "publication_consent": [True, True, False, True]})
    s = scoring.score(p, indicators.compute(p, sites, refs), sites)
    assert s.knockouts == [[], ["contamination"], ["no_consent"], ["outside_county"]]
    assert s.scores[0, 0] > 0 and (s.scores[1:] == 0).all()
    assert s.best[1:] == ["", "", ""] and s.served[1:] == [[], [], []]
    # a disabled rule does not knock out
    p.knockouts[0].enabled = False
    assert scoring.score(p, indicators.compute(p, sites, refs), sites).knockouts[1] == []


def test_site_without_geometry_is_not_scored():
    p = small_profile()
    refs, xy = _scene([(0, 0), (0, 0)])
    xy[1] = [np.nan, np.nan]
    sites = Sites(xy, {"broadband_mbps": [100, 100]})
    s = scoring.score(p, indicators.compute(p, sites, refs), sites)
    assert math.isnan(s.scores[1, 0]) and s.knockouts[1] == [scoring.NO_GEOMETRY] and s.best[1] == ""
    assert s.best[0] == "a"


def test_empty_reference_layers_give_unknown_values():
    p = small_profile()
    _, xy = _scene([(0, 0)])
    sites = Sites(xy, {})
    values = indicators.compute(p, sites, {"rail_stations": Reference.empty(), "bus_stops": Reference.empty()})
    assert math.isnan(values["rail"][0])
    assert values["bus"][0] == 0  # an empty layer: nothing within 300 m
    s = scoring.score(p, values, sites)
    assert s.partials[0, 0] == 0.0  # missing_score
    values = indicators.compute(p, sites, {})  # no layers assigned at all
    assert math.isnan(values["bus"][0]) and math.isnan(values["_in_county"][0])


def test_fast_path_rescore_uses_cached_values():
    p = small_profile()
    refs, xy = _scene([(0, 0), (2500, 0)])
    sites = Sites(xy, {"broadband_mbps": [16, 1000]})
    values = indicators.compute(p, sites, refs)
    before = scoring.score(p, values, sites).scores.copy()
    key = p.spatial_key()
    p.set_weight("a", "bus", 0.0)
    p.set_curve("rail", [(0, 1), (5000, 0)])
    assert p.spatial_key() == key  # weights and curves do not invalidate the indicator values
    after = scoring.score(p, values, sites).scores
    assert after[0, 0] == pytest.approx(100.0) and after[1, 0] == pytest.approx(50.0)
    assert not np.allclose(before, after)
    p.criterion("bus").radius_m = 500
    assert p.spatial_key() != key


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spatial_index_agrees_with_brute_force(seed):
    rng = np.random.default_rng(seed)
    # clustered points, duplicates, and sites partly outside the points' extent
    centres = rng.uniform(0, 40_000, (20, 2))
    pts = centres[rng.integers(0, 20, 3000)] + rng.normal(0, 800, (3000, 2))
    pts = np.concatenate([pts, pts[:50]])
    sites = np.concatenate([rng.uniform(-5000, 45_000, (700, 2)), pts[:30]])
    d = np.sqrt(((sites[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2))
    idx = PointIndex(pts)
    for r in (0.0, 300.0, 1000.0, 2000.0, 7000.0):
        assert (idx.count_within(sites, r) == (d <= r).sum(axis=1)).all(), r
    np.testing.assert_allclose(idx.nearest(sites), d.min(axis=1))
    for r in (150.0, 2500.0):
        np.testing.assert_allclose(idx.nearest_within(sites, r), np.where(d.min(axis=1) <= r, d.min(axis=1), np.inf))
    few = PointIndex(pts[:7])
    np.testing.assert_allclose(few.nearest(sites), d[:, :7].min(axis=1))


def test_spatial_index_large_path_agrees_with_brute_force():
    rng = np.random.default_rng(5)
    pts = rng.uniform(0, 30_000, (20_000, 2))
    sites = rng.uniform(-2000, 32_000, (400, 2))  # 8e6 pairs: the strip search, not the brute-force shortcut
    d = np.sqrt(((sites[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2))
    np.testing.assert_allclose(PointIndex(pts).nearest(sites), d.min(axis=1))


def test_point_in_polygon_with_hole():
    outer = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], dtype=float)
    hole = np.array([[4, 4], [6, 4], [6, 6], [4, 6]], dtype=float)
    got = indicators.points_in_polygons(np.array([[1, 1], [5, 5], [11, 5], [np.nan, np.nan]]), [[outer, hole]])
    assert got.tolist() == [0, -1, -1, -1]


def test_profile_roundtrip_and_errors(tmp_path):
    p = profiles.default_profile()
    p.set_weight("retreat", "rail_dist", 2.5)
    path = tmp_path / "p.json"
    p.save(str(path))
    q = profiles.load(str(path))
    assert q.to_dict() == p.to_dict()
    assert q.model("retreat").weights["rail_dist"] == 2.5
    bad = p.to_dict()
    bad["criteria"][0]["curve"] = [[100, 1], [50, 0]]
    with pytest.raises(profiles.ProfileError, match="must not decrease"):
        profiles.from_dict(bad)
    bad = p.to_dict()
    bad["models"][0]["weights"]["nonsense"] = 1
    with pytest.raises(profiles.ProfileError, match="unknown criterion nonsense"):
        profiles.from_dict(bad)
    with pytest.raises(profiles.ProfileError):
        p.set_weight("klassisch", "rail_dist", -1)


def test_plugin_never_imports_scipy():
    for py in (ROOT / "coworking_plugin").rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        assert "import scipy" not in text and "from scipy" not in text, py


def test_consent_knockout_applies_to_private_owners_only():
    p = small_profile()
    p.knockouts[1].only_if = {"field": "ownership", "equals": "private"}
    refs, xy = _scene([(0, 0)] * 3)
    sites = Sites(xy, {"publication_consent": [False, False, True],
                       "ownership": ["municipal", "private", "private"]})
    s = scoring.score(p, indicators.compute(p, sites, refs), sites)
    assert s.knockouts == [[], ["no_consent"], []]
    assert profiles.default_profile().knockouts[1].only_if == {"field": "ownership", "equals": "private"}
