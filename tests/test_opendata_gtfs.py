"""GTFS: departures per hour and scheduled travel times by connection scan, on a small feed (tests/gtfs_feed.py)
whose expected values are worked out by hand below."""

from __future__ import annotations

import datetime as dt

import pytest
from gtfs_feed import TRIPS, write_feed

from coworking_plugin.core.opendata import csa, gtfs

WEDNESDAY = dt.date(2026, 12, 2)
TUESDAY = dt.date(2026, 12, 8)


def _by_name(result):
    return {s.name: s for s in result.stations}


@pytest.fixture
def feed(tmp_path):
    return write_feed(tmp_path / "feed.zip")


def test_next_tuesday_departures_and_travel_times(qgis_app, feed):
    result = gtfs.read_feed(feed, today=WEDNESDAY, bbox=(13.0, 50.9, 13.9, 51.5))
    assert result.service_date == TUESDAY and result.publisher == "Testfeed (synthetisch)"
    s = _by_name(result)
    assert "Leipzig Hbf" not in s  # outside the area read
    assert "Riesa Gleis 2" not in s and "Riesa, Bahnhof (Bus)" not in s  # platforms count for their station
    # Strehla: bus_1 06:30 and bus_3 08:10 (added on the 8th by calendar_dates); bus_2 is cancelled that day
    # (exception 2), bus_sat runs on Saturdays, bus_late leaves after 9: 2 departures in 3 hours
    strehla = s["Strehla, Markt"]
    assert strehla.departures == 2 and result.departures_per_hour(strehla) == pytest.approx(2 / 3)
    # Strehla -> Dresden needs a change at Riesa: bus_1 arrives 06:52 at the bus stop, re_1 leaves 07:00 from
    # platform 2 of the same station (2 min to change), arrives 07:45: 75 min
    assert s["Strehla, Markt"].minutes["Dresden Hbf"] == 75.0
    # the nearest centre is Riesa: 06:30 -> 06:52, 22 min
    assert s["Strehla, Markt"].minutes["Riesa"] == 22.0
    # Riesa: re_1 07:00 and re_2 08:00 (the buses end there); 07:00 -> 07:45 = 45 min; Riesa itself 0
    assert s["Riesa, Bahnhof"].departures == 2 and s["Riesa, Bahnhof"].minutes["Dresden Hbf"] == 45.0
    assert s["Riesa, Bahnhof"].minutes["Riesa"] == 0.0
    # Coswig: s1_1 06:45, s1_2 07:15, re_1 07:27, re_2 08:27; fastest to Dresden re_1 07:27 -> 07:45 = 18 min
    # (re_1 passes Radebeul Ost without times: ridden through)
    assert s["Coswig (b Dresden)"].departures == 4 and s["Coswig (b Dresden)"].minutes["Dresden Hbf"] == 18.0
    # Meißen: s1_1 06:30, s1_2 07:00 and Monday's night bus at 30:15 = Tuesday 06:15; the night bus is the fastest
    # to Dresden (06:15 -> 06:47 = 32 min against the S-Bahn's 38)
    assert s["Meißen"].departures == 3 and s["Meißen"].minutes["Dresden Hbf"] == 32.0
    assert s["Dresden Hbf"].minutes["Dresden Hbf"] == 0.0 and s["Dresden Hbf"].departures == 0
    assert "Radebeul Ost" in s and s["Radebeul Ost"].departures == 0 and not s["Radebeul Ost"].minutes.get("Coswig")


def test_given_date_exceptions_and_no_night_bus(qgis_app, feed):
    result = gtfs.read_feed(feed, day=WEDNESDAY, bbox=(13.0, 50.9, 13.9, 51.5))
    s = _by_name(result)
    # Wednesday 2 Dec: bus_2 runs (no exception), bus_3 does not (added on the 8th only): 06:30 and 06:50
    assert s["Strehla, Markt"].departures == 2
    # the night bus runs on Monday nights only (not Tuesday into Wednesday): the S-Bahn's 38 min
    assert s["Meißen"].departures == 2 and s["Meißen"].minutes["Dresden Hbf"] == 38.0


def test_a_change_too_short_waits_for_the_next_train(qgis_app, tmp_path):
    trips = dict(TRIPS)
    trips["bus_1"] = ("A", "WD", [("strehla", "06:30:00", "06:30:00"), ("riesa_bus", "06:59:00", "06:59:00")])
    result = gtfs.read_feed(write_feed(tmp_path / "late.zip", trips), day=TUESDAY, bbox=(13.0, 50.9, 13.9, 51.5))
    # 06:59 + 2 min misses the 07:00 train: the next leaves 08:00, arrives 08:45; from the 06:30 bus 135 min,
    # from the 08:10 bus (08:32 at Riesa) no train before the horizon: the fastest stays 135
    assert _by_name(result)["Strehla, Markt"].minutes["Dresden Hbf"] == 135.0


def test_csa_profile_against_all_departures(qgis_app):
    # two stations, three trips; the fastest journey departing in the window, not the earliest arrival
    conns = [(6 * 3600, 6 * 3600 + 3000, 0, 1, 0), (7 * 3600, 7 * 3600 + 1200, 0, 1, 1),
             (10 * 3600, 10 * 3600 + 600, 0, 1, 2)]
    assert csa.fastest_to(conns, 2, {1}, (6 * 3600, 9 * 3600)) == [20.0, 0.0]
    assert csa.fastest_to(conns, 2, {0}, (6 * 3600, 9 * 3600)) == [0.0, None]


@pytest.mark.parametrize("problem, words", [
    ("not a zip", "is not a GTFS zip file"), ("no stop_times", "lacks stop_times.txt"),
    ("expired", "has no Tuesday left"), ("bad date", "not on 2030-01-01"),
])
def test_feed_problems_are_named(qgis_app, tmp_path, problem, words):
    import zipfile

    path = write_feed(tmp_path / "feed.zip")
    day, today = None, WEDNESDAY
    if problem == "not a zip":
        (tmp_path / "feed.zip").write_text("PK? no", encoding="utf-8")
    elif problem == "no stop_times":
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "cut.zip", "w") as dst:
            for name in src.namelist():
                if name != "stop_times.txt":
                    dst.writestr(name, src.read(name))
        path = str(tmp_path / "cut.zip")
    elif problem == "expired":
        today = dt.date(2027, 7, 1)
    else:
        day = dt.date(2030, 1, 1)
    with pytest.raises(gtfs.GtfsError, match=words):
        gtfs.read_feed(path, day=day, today=today)


def test_processing_writes_transit_stops(processing_ready, feed, tmp_path):
    import processing
    from qgis.core import QgsCoordinateReferenceSystem

    from coworking_plugin.core.opendata import refgpkg

    path = tmp_path / "ref.gpkg"
    result = processing.run("coworking:load_gtfs", {"FEED": feed, "DATE": "2026-12-08", "OUTPUT": str(path),
                                                    "ATTRIBUTION": "VVO, CC BY 4.0"})
    assert result["OUTPUT"] == str(path)
    layer = refgpkg.open_layer(str(path), "transit_stops")
    assert layer.isValid() and layer.crs() == QgsCoordinateReferenceSystem("EPSG:25833")
    assert layer.metadata().rights() == ["VVO, CC BY 4.0"]
    rows = {f["name"]: f for f in layer.getFeatures()}
    strehla = rows["Strehla, Markt"]
    assert strehla["departures_per_hour"] == pytest.approx(0.67, abs=0.005)
    assert strehla["minutes_to_dresden"] == 75.0 and strehla["minutes_to_centre"] == 22.0
    assert strehla["centre"] == "Riesa" and strehla["service_date"] == "2026-12-08"
    assert rows["Meißen"]["centre"] == "Meißen" and rows["Meißen"]["minutes_to_centre"] == 0.0
    # Dresden Hbf has no departure in the window (the trips end there) but is reached: kept, no centre
    assert rows["Dresden Hbf"]["minutes_to_dresden"] == 0.0 and not rows["Dresden Hbf"]["centre"]


def test_processing_refuses_a_date_it_cannot_read(processing_ready, feed, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="is not a date"):
        processing.run("coworking:load_gtfs", {"FEED": feed, "DATE": "8.12.2026", "OUTPUT": str(tmp_path / "r.gpkg")})


def test_footpath_to_a_nearby_stop_of_its_own(qgis_app, tmp_path):
    # the bus ends at "Riesa, Bahnhofstraße", a stop of its own 150 m east of the station (no parent): the change
    # to the 07:00 train needs the walk (150 s at 1 m/s) plus 2 min, 06:52 + 4.5 min <= 07:00
    trips = dict(TRIPS)
    trips["bus_1"] = ("A", "WD", [("strehla", "06:30:00", "06:30:00"), ("bahnhofstr", "06:52:00", "06:52:00")])
    extra = [("bahnhofstr", "Riesa, Bahnhofstraße", 51.309654, 13.287734 + 150 / 69_480.0, "0", "")]
    result = gtfs.read_feed(write_feed(tmp_path / "walk.zip", trips, extra_stops=extra), day=TUESDAY,
                            bbox=(13.0, 50.9, 13.9, 51.5))
    s = _by_name(result)
    assert s["Strehla, Markt"].minutes["Dresden Hbf"] == 75.0
    # from the Bahnhofstraße itself: walk 150 s, leave 06:57:30 on foot, arrive 07:45: 47.5 min
    assert s["Riesa, Bahnhofstraße"].minutes["Dresden Hbf"] == 47.5
    # and it lies within 400 m of Riesa's centre point: the centre itself
    assert s["Riesa, Bahnhofstraße"].minutes["Riesa"] == 0.0


def test_pareto_set_takes_pairs_in_any_order(qgis_app):
    deps, arrs = [], []
    for dep, arr in ((100, 500), (300, 600), (200, 450), (50, 450), (300, 550)):  # walking pairs come unsorted
        csa._insert(deps, arrs, dep, arr)
    assert [(-d, a) for d, a in zip(deps, arrs)] == [(300, 550), (200, 450)]
