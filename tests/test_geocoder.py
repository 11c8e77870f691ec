"""The geocoder client against a real HTTP server on 127.0.0.1 answering in Nominatim's format."""

from __future__ import annotations

import pytest
from geocoder_server import NominatimServer
from qgis.core import QgsApplication

from coworking_plugin.core.capture.geocoder import Geocoder, GeocoderError, county_viewbox
from coworking_plugin.core.tasks import CallableTask


@pytest.fixture
def server():
    Geocoder.clear_cache()
    with NominatimServer(slow_seconds=0.8) as srv:
        yield srv


def _client(server, **kw) -> Geocoder:
    kw.setdefault("min_interval", 0.0)
    kw.setdefault("timeout", 5.0)
    return Geocoder(server.url, email="gis@kreis-meissen.de", **kw)


def test_search_parses_and_sends_policy_parameters(qgis_app, server):
    results = _client(server).search("Markt 1,   Meißen")
    assert len(results) == 1
    r = results[0]
    assert r.address == "Markt 1" and r.postcode == "01662" and r.locality == "Altstadt"
    point = r.point().asPoint()
    assert 392_000 < point.x() < 395_000 and 5_668_000 < point.y() < 5_670_000  # EPSG:25833
    sent = server.requests[0]
    assert sent["path"] == "/search"
    params = sent["params"]
    assert params["q"] == "Markt 1, Meißen" and params["format"] == "jsonv2"
    assert params["bounded"] == "1" and params["accept-language"] == "de" and params["countrycodes"] == "de"
    west, north, east, south = (float(v) for v in params["viewbox"].split(","))  # two corners: NW, SE
    assert (west, south, east, north) == pytest.approx(county_viewbox())
    assert 13.0 < west < 13.4 < east < 14.0 and 50.9 < south < 51.2 < north < 51.6
    assert sent["headers"]["User-Agent"].startswith("CoworkingLeerstandsmelder-QGIS-Plugin/")
    assert "gis@kreis-meissen.de" in sent["headers"]["User-Agent"] and params["email"] == "gis@kreis-meissen.de"


def test_several_suggestions_and_cache(qgis_app, server):
    client = _client(server)
    first = client.search("Hauptstraße")
    assert [r.locality for r in first] == ["Kötzschenbroda", "Riesa"]
    again = client.search("hauptstraße")
    assert [r.label for r in again] == [r.label for r in first]
    assert len(server.requests) == 1 and client.requests_sent == 1
    assert _client(server).search("Hauptstraße")[0].label == first[0].label  # shared by new clients (the dock's)
    assert len(server.requests) == 1


def test_empty_result(qgis_app, server):
    assert _client(server).search("Nirgendwostraße 99") == []
    assert _client(server).search("   ") == []
    assert len(server.requests) == 1


@pytest.mark.parametrize("query, expected", [
    ("http500", "HTTP 500"),
    ("busy", "too many requests"),
    ("garbage", "not Nominatim JSON"),
])
def test_errors_give_messages(qgis_app, server, query, expected):
    with pytest.raises(GeocoderError) as err:
        _client(server).search(query)
    assert expected in str(err.value)


def test_timeout(qgis_app, server):
    with pytest.raises(GeocoderError) as err:
        _client(server, timeout=0.3).search("slow street")
    assert "did not answer within 0.3 seconds" in str(err.value)


def test_unreachable(qgis_app):
    with NominatimServer() as srv:
        url = srv.url
    with pytest.raises(GeocoderError) as err:
        Geocoder(url, min_interval=0, timeout=2).search("Markt 1, Meißen")
    assert "cannot be reached" in str(err.value) and url in str(err.value)


def test_rate_limit_spaces_requests(qgis_app, server):
    client = _client(server, min_interval=0.3)
    client.search("Markt 1, Meißen")
    client.search("Rathausplatz 1, Riesa")
    client.search("Hauptmarkt 1, Großenhain")
    times = [r["time"] for r in server.requests]
    assert len(times) == 3
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))


def test_search_runs_in_a_task(qgis_app, server):
    client = _client(server)
    got = {}
    task = CallableTask("search", lambda t: client.search("Rathausplatz 1, Riesa"),
                        on_success=lambda r: got.setdefault("ok", r), on_error=lambda e: got.setdefault("err", e))
    QgsApplication.taskManager().addTask(task)
    task.waitForFinished(10000)
    for _ in range(200):
        QgsApplication.processEvents()
        if got:
            break
    assert got["ok"][0].address == "Rathausplatz 1"
