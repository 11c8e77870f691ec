"""coworking:import_sites with a CSV (and the same rows as XLSX) of good, bad and unplaceable rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from geocoder_server import NominatimServer
from qgis.core import QgsApplication, QgsVectorFileWriter, QgsVectorLayer

from coworking_plugin.core.capture import listimport
from coworking_plugin.core.capture.geocoder import Geocoder
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.settings import PluginSettings
from coworking_plugin.core.sync import workingcopy as wc

CSV = Path(__file__).parent / "data" / "import" / "leerstaende_gemeinde.csv"
_PROVIDERS = []  # keeps the provider's Python object alive between tests


@pytest.fixture
def processing_ready(qgis_app):
    import processing  # noqa: F401  (QGIS's processing plugin, on sys.path via pytest-qgis)
    from processing.core.Processing import Processing

    from coworking_plugin.processing.provider import CoworkingProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.algorithmById("coworking:import_sites") is None:
        if registry.providerById("coworking") is not None:
            registry.removeProvider("coworking")
        _PROVIDERS.append(CoworkingProvider())
        assert registry.addProvider(_PROVIDERS[-1])
    yield


@pytest.fixture
def geocoder_settings():
    """Point the plugin settings at a loopback Nominatim (and restore them afterwards)."""
    saved = PluginSettings.load()
    Geocoder.clear_cache()  # a later server may get a port an earlier one had
    with NominatimServer() as server:
        s = PluginSettings.load()
        s.geocoder_url, s.geocoder_min_interval, s.geocoder_timeout = server.url, 0.0, 5.0
        s.save()
        try:
            yield server
        finally:
            saved.save()


def run_import(path: str, wc_path: str):
    import processing

    return processing.run("coworking:import_sites", {
        "INPUT": path, "KIND": 1, "WORKING_COPY": wc_path, "MAPPING": "address=Anschrift; notes=Bemerkung",
        "X_FIELD": "lon", "Y_FIELD": "lat", "COORDINATE_CRS": "EPSG:4326", "GEOCODE": True,
        "REPORT": "memory:report"})


def report_rows(result):
    layer = result["REPORT"]
    layer = layer if isinstance(layer, QgsVectorLayer) else QgsVectorLayer(layer)
    return {f["row"]: (f["status"], f["name"], f["messages"]) for f in layer.getFeatures()}


def test_csv_import_reports_every_row(processing_ready, geocoder_settings, tmp_path):
    wc_path = str(tmp_path / "wc.gpkg")
    result = run_import(str(CSV), wc_path)
    rows = report_rows(result)
    assert len(rows) == 9  # nothing silently dropped
    assert (result["IMPORTED"], result["NOT_PLACED"], result["INVALID"]) == (3, 4, 2)
    status = {r: s for r, (s, _, _) in rows.items()}
    assert status == {1: "imported", 2: "imported", 3: "invalid", 4: "invalid", 5: "not_placed", 6: "not_placed",
                      7: "not_placed", 8: "not_placed", 9: "imported"}
    assert "“Floors” must be between 0 and 100" in rows[3][2]
    assert "“Building type”: “Burg” is not one of the allowed values" in rows[4][2]
    assert "The address “Nirgendwoweg 7, Meißen” was not found in Landkreis Meißen" in rows[5][2]
    assert rows[6][2].startswith("The site lies outside Landkreis Meißen")
    assert "neither coordinates nor an address" in rows[7][2]
    assert "are not numbers" in rows[8][2]
    assert "Possible duplicate: “Altes Kaufhaus am Markt” (working copy)" in rows[9][2]
    # the geocoder was asked only for rows without coordinates, with the municipality in the query
    asked = [r["params"]["q"] for r in geocoder_settings.requests]
    assert asked == ["Hauptmarkt 1, Großenhain", "Nirgendwoweg 7, Meißen"]

    feats = {f["name"]: f for f in wc.layer(wc_path, cat.VACANCY).getFeatures()}
    assert set(feats) == {"Altes Kaufhaus am Markt", "Ehemalige Sparkasse", "Kaufhaus (doppelt)"}
    shop = feats["Altes Kaufhaus am Markt"]
    assert shop["building_type"] == "commercial" and shop["ownership"] == "private" and shop["floors"] == 3
    assert shop["rent_per_m2"] == 6.5 and shop["municipality_ags"] == "14627140" and shop["notes"] == "erfasst 2024"
    assert shop["sync_state"] == wc.SYNC_NEW and shop["vacancy_degree"] == "complete"
    bank = feats["Ehemalige Sparkasse"]
    assert bank["municipality_ags"] == "14627060" and bank["postcode"] == "01558"
    assert 5_683_000 < bank.geometry().asPoint().y() < 5_686_000  # Großenhain, EPSG:25833


def test_xlsx_import(processing_ready, geocoder_settings, tmp_path):
    csv = QgsVectorLayer(str(CSV), "csv", "ogr")
    xlsx = str(tmp_path / "liste.xlsx")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "XLSX"
    err = QgsVectorFileWriter.writeAsVectorFormatV3(csv, xlsx, csv.transformContext(), options)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError
    result = run_import(xlsx, str(tmp_path / "wc.gpkg"))
    assert (result["IMPORTED"], result["NOT_PLACED"], result["INVALID"]) == (3, 4, 2)


def test_mapping_by_labels_and_values():
    mapping = listimport.auto_mapping(["Bezeichnung", "GEMEINDE", "Building type", "Leer seit", "foo"], cat.VACANCY)
    assert mapping == {"name": "Bezeichnung", "municipality_ags": "GEMEINDE", "building_type": "Building type",
                       "vacant_since": "Leer seit"}
    f = cat.field_by_name
    assert listimport.coded_value(f("building_type"), "bürogebäude") == "office"
    assert listimport.coded_value(f("municipality_ags"), "Großenhain") == "14627060"
    assert listimport.coded_value(f("municipality_ags"), "140") == "14627140"
    assert listimport.coded_value(f("target_groups"), "Pendler; Start-ups") == ["commuters", "startups"]
    assert listimport.coded_value(f("barrier_free"), "ja") is True


def test_brownfields_from_a_polygon_layer(processing_ready, tmp_path):
    import json

    import processing

    def square(lon, lat, d=0.001):
        return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d],
                                                    [lon, lat]]]}

    features = [
        {"type": "Feature", "geometry": square(13.4700, 51.1600),
         "properties": {"name": "Ziegelei", "Eigentum": "Privat", "Vornutzung": "Industrie", "Gemeinde": ""}},
        {"type": "Feature", "geometry": square(13.7373, 51.0504),
         "properties": {"name": "Dresden", "Eigentum": "Privat", "Vornutzung": "Gewerbe/Handel", "Gemeinde": ""}},
        {"type": "Feature", "geometry": square(13.2950, 51.3080),
         "properties": {"name": "", "Eigentum": "Kommunal", "Vornutzung": "Bahn", "Gemeinde": "Riesa"}},
    ]
    src = tmp_path / "brachen.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    wc_path = str(tmp_path / "wc.gpkg")
    result = processing.run("coworking:import_sites", {"INPUT": str(src), "KIND": 0, "WORKING_COPY": wc_path,
                                                       "GEOCODE": False, "REPORT": "memory:report"})
    rows = report_rows(result)
    assert {r: s for r, (s, _, _) in rows.items()} == {1: "imported", 2: "not_placed", 3: "invalid"}
    assert rows[3][2] == "“Name” is required. Please fill it in."
    feat = next(wc.layer(wc_path, cat.BROWNFIELD).getFeatures())
    assert feat["previous_use"] == "industry" and feat["municipality_ags"] == "14627140"
    assert feat["area_m2"] == pytest.approx(7778, rel=0.01)
