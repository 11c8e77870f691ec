"""coworking:import_sites with lists as municipalities have them: a CSV of good, bad and unplaceable rows (and the
same rows as XLSX), German Excel CSVs (Windows-1252, semicolons, decimal commas), XLSX date cells, a merged title
row above the header, bad cells, cancelled and repeated imports, and the report in German."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from geocoder_server import NominatimServer
from import_helpers import ROWS, report_layer, report_rows, run, sites, statuses, write_csv
from qgis.core import QgsProcessingFeedback, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from coworking_plugin.core.capture import drafts, listimport
from coworking_plugin.core.capture.geocoder import Geocoder
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.settings import PluginSettings
from coworking_plugin.core.sync import workingcopy as wc

CSV = Path(__file__).parent / "data" / "import" / "leerstaende_gemeinde.csv"


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
    return run(path, wc_path, MAPPING="address=Anschrift; notes=Bemerkung", X_FIELD="lon", Y_FIELD="lat",
               COORDINATE_CRS="EPSG:4326", GEOCODE=True)


def test_csv_import_reports_every_row(processing_ready, geocoder_settings, tmp_path):
    wc_path = str(tmp_path / "wc.gpkg")
    result = run_import(str(CSV), wc_path)
    rows = report_rows(result)
    assert len(rows) == 9  # nothing silently dropped
    assert (result["IMPORTED"], result["NOT_PLACED"], result["INVALID"]) == (3, 4, 2)
    # row numbers as the spreadsheet shows them: the header is row 1
    assert statuses(result) == {2: "imported", 3: "imported", 4: "invalid", 5: "invalid", 6: "not_placed",
                                7: "not_placed", 8: "not_placed", 9: "not_placed", 10: "imported"}
    assert "“Floors” must be between 0 and 100" in rows[4][2]
    assert "“Building type”: “Burg” is not one of the allowed values" in rows[5][2]
    assert "The address “Nirgendwoweg 7, Meißen” was not found in Landkreis Meißen" in rows[6][2]
    assert rows[7][2].startswith("The site lies outside Landkreis Meißen")
    assert "neither coordinates nor an address" in rows[8][2]
    assert "are not numbers" in rows[9][2]
    assert "Possible duplicate: “Altes Kaufhaus am Markt” (working copy)" in rows[10][2]
    # the geocoder was asked only for rows without coordinates, with the municipality in the query
    asked = [r["params"]["q"] for r in geocoder_settings.requests]
    assert asked == ["Hauptmarkt 1, Großenhain", "Nirgendwoweg 7, Meißen"]

    feats = sites(wc_path)
    assert set(feats) == {"Altes Kaufhaus am Markt", "Ehemalige Sparkasse", "Kaufhaus (doppelt)"}
    shop = feats["Altes Kaufhaus am Markt"]
    assert shop["building_type"] == "commercial" and shop["ownership"] == "private" and shop["floors"] == 3
    assert shop["rent_per_m2"] == 6.5 and shop["municipality_ags"] == "14627140" and shop["notes"] == "erfasst 2024"
    assert shop["sync_state"] == wc.SYNC_NEW and shop["vacancy_degree"] == "complete"
    bank = feats["Ehemalige Sparkasse"]
    assert bank["municipality_ags"] == "14627060" and bank["postcode"] == "01558"
    assert 5_683_000 < bank.geometry().asPoint().y() < 5_686_000  # Großenhain, EPSG:25833


def test_xlsx_import(processing_ready, geocoder_settings, tmp_path):
    csv_layer = QgsVectorLayer(str(CSV), "csv", "ogr")
    xlsx = str(tmp_path / "liste.xlsx")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "XLSX"
    err = QgsVectorFileWriter.writeAsVectorFormatV3(csv_layer, xlsx, csv_layer.transformContext(), options)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError
    result = run_import(xlsx, str(tmp_path / "wc.gpkg"))
    assert (result["IMPORTED"], result["NOT_PLACED"], result["INVALID"]) == (3, 4, 2)
    assert min(report_rows(result)) == 2  # the spreadsheet's row numbers


GERMAN_ROWS = [
    ["Objekt", "Gemeinde", "Anschrift", "Gebäudeart", " NUTZFLÄCHE (m²) ", "räume", "Miete (€/m²)", "Rechtswert",
     "Hochwert", "Leer seit", "Bemerkungen"],
    ["Gärtnerei Müller", "Meißen", "Markt 4", "Ladenlokal", "1.234,5", "12", "6,50", "393.308,1", "5.669.136,0",
     "01.05.2019", "Schaufenster zur Straße"],
    ["Bäckerei Döhler", "Meißen", "Markt 9", "Geschäftshaus", "85", "3", "5", "393.024", "5.669.286",
     "1.6.2020", "Größe geschätzt"],
]


@pytest.mark.parametrize("encoding, delimiter", [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", "\t"),
                                                 ("cp1252", ",")])
def test_german_excel_csv(processing_ready, tmp_path, encoding, delimiter):
    """Excel's "CSV (Trennzeichen-getrennt)" in a German Windows: Windows-1252, semicolons, decimal commas and
    dots between thousands, German dates; the mapping's left side as the German label."""
    path = write_csv(tmp_path / "Leerstände.csv", GERMAN_ROWS, encoding, delimiter)
    wc_path = str(tmp_path / "wc.gpkg")
    result = run(path, wc_path, MAPPING="Bezeichnung = Objekt", X_FIELD="Rechtswert", Y_FIELD="Hochwert",
                 COORDINATE_CRS="EPSG:25833")
    assert statuses(result) == {2: "imported", 3: "imported"}, report_rows(result)
    feats = sites(wc_path)
    assert set(feats) == {"Gärtnerei Müller", "Bäckerei Döhler"}
    shop = feats["Gärtnerei Müller"]
    assert shop["floor_area_m2"] == 1234.5 and shop["rooms"] == 12 and shop["rent_per_m2"] == 6.5
    assert shop["vacant_since"] == QDate(2019, 5, 1) and shop["notes"] == "Schaufenster zur Straße"
    assert shop["building_type"] == "retail" and shop["address"] == "Markt 4"
    assert shop.geometry().asPoint().x() == pytest.approx(393308.1)
    bakery = feats["Bäckerei Döhler"]  # "393.024" in a list with decimal commas: dots group thousands
    assert bakery.geometry().asPoint().x() == pytest.approx(393024) and bakery["vacant_since"] == QDate(2020, 6, 1)
    assert bakery["notes"] == "Größe geschätzt"


def xlsx_with_dates(path: Path) -> Path:
    """An XLSX written by GDAL with real date and date-time cells, and a date typed as German text."""
    from osgeo import ogr

    ds = ogr.GetDriverByName("XLSX").CreateDataSource(str(path))
    lyr = ds.CreateLayer("Leerstände", None, ogr.wkbNone)
    columns = [("Bezeichnung", ogr.OFTString), ("Gemeinde", ogr.OFTString), ("Gebäudeart", ogr.OFTString),
               ("lon", ogr.OFTReal), ("lat", ogr.OFTReal), ("Leer seit", ogr.OFTDate),
               ("Verfügbar ab", ogr.OFTString), ("Datum der Einwilligung", ogr.OFTDateTime),
               ("Geschosse", ogr.OFTInteger), ("Postleitzahl", ogr.OFTInteger)]
    for name, kind in columns:
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for row in (["Alte Post", "Meißen", "Bürogebäude", 13.4741, 51.1637, "2019/05/01", "01.06.2024",
                 "2024/03/01 10:30:00", 2, 1662],):
        feat = ogr.Feature(lyr.GetLayerDefn())
        for i, value in enumerate(row):
            feat.SetField(i, value)
        assert lyr.CreateFeature(feat) == 0
    ds = None
    return path


def test_xlsx_date_cells(processing_ready, tmp_path):
    """Date cells arrive from GDAL as QDate/QDateTime (they were refused as “PyQt5.QtCore.QDate(2019, 5, 1)”)."""
    path = xlsx_with_dates(tmp_path / "liste.xlsx")
    wc_path = str(tmp_path / "wc.gpkg")
    result = run(path, wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(result) == {2: "imported"}, report_rows(result)
    post = sites(wc_path)["Alte Post"]
    assert post["vacant_since"] == QDate(2019, 5, 1) and post["available_from"] == QDate(2024, 6, 1)
    assert post["floors"] == 2 and post["postcode"] == "01662"  # the number cell lost the leading 0
    assert post["publication_consent_date"] == QDate(2024, 3, 1)  # a date-time cell


def merge_title_above(path: Path, title: str, blank_rows: int = 1) -> Path:
    """Put a title row, merged across the columns, and blank rows above the header of a GDAL-written XLSX (GDAL
    cannot write merged cells: the sheet's XML gets them, as Excel writes them)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    shift = 1 + blank_rows
    sheet = re.sub(r'<row r="(\d+)"', lambda m: f'<row r="{int(m.group(1)) + shift}"', sheet)
    sheet = re.sub(r'<c r="([A-Z]+)(\d+)"', lambda m: f'<c r="{m.group(1)}{int(m.group(2)) + shift}"', sheet)
    last = max(re.findall(r'<c r="([A-Z]+)\d+"', sheet))
    title_row = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{title}</t></is></c></row>'
    sheet = sheet.replace("<sheetData>", "<sheetData>" + title_row, 1)
    sheet = sheet.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="A1:{last}1"/>'
                                          "</mergeCells>", 1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_xlsx_with_a_merged_title_row(processing_ready, tmp_path):
    """The header is found below a merged title and a blank row; rows keep the numbers Excel shows."""
    path = merge_title_above(xlsx_with_dates(tmp_path / "liste.xlsx"), "Leerstände der Stadt Meißen, Stand 2024")
    wc_path = str(tmp_path / "wc.gpkg")
    result = run(path, wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(result) == {4: "imported"}, report_rows(result)
    post = sites(wc_path)["Alte Post"]
    assert post["vacant_since"] == QDate(2019, 5, 1) and post["building_type"] == "office" and post["floors"] == 2
    assert post.geometry().asPoint().x() == pytest.approx(393308.1, abs=0.1)


def test_bad_cells_are_reported_and_a_rerun_adds_nothing(processing_ready, tmp_path):
    """A NaN in an integer column crashed the import after saving the rows before it, without a report; a rerun
    then saved them twice."""
    wc_path = str(tmp_path / "wc.gpkg")
    first = run(write_csv(tmp_path / "liste.csv", ROWS), wc_path, X_FIELD="lon", Y_FIELD="lat")
    rows = report_rows(first)
    assert {r: s for r, (s, _, _) in rows.items()} == {2: "imported", 3: "invalid", 4: "imported"}
    assert rows[3][2] == "“Rooms” must be a number. Please correct the value."
    assert set(sites(wc_path)) == {"Altes Kaufhaus", "Eckladen"}

    # the same list again, and the same rows reordered in another file and encoding: nothing is added
    second = run(tmp_path / "liste.csv", wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(second) == {2: "already_imported", 3: "invalid", 4: "already_imported"}
    assert "recognised by its name, address and municipality" in report_rows(second)[2][2]
    other = write_csv(tmp_path / "kopie.csv", [ROWS[0], ROWS[3], ROWS[1]], "utf-8-sig", ",")
    third = run(other, wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(third) == {2: "already_imported", 3: "already_imported"}
    assert third["IMPORTED"] == 0 and third["ALREADY_IMPORTED"] == 2
    assert len(list(wc.layer(wc_path, cat.VACANCY).getFeatures())) == 2

    # corrected, the bad row is imported; listed twice, it is imported once
    ROWS_FIXED = [ROWS[0], ROWS[2][:4] + ["4"] + ROWS[2][5:], ROWS[2][:4] + ["4"] + ROWS[2][5:]]
    fourth = run(write_csv(tmp_path / "korrigiert.csv", ROWS_FIXED), wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(fourth) == {2: "imported", 3: "already_imported"}
    assert "Same site as row 2 of this list" in report_rows(fourth)[3][2]
    assert sites(wc_path)["Ladenzeile"]["rooms"] == 4


def test_rows_are_recognised_by_an_id_column_and_by_the_site(processing_ready, tmp_path):
    wc_path = str(tmp_path / "wc.gpkg")
    wc.create(wc_path)
    captured = drafts.check_site(wc_path, cat.VACANCY, {"name": "Rathausladen", "municipality_ags": "14627140",
                                                         "address": "Markt 1", "ownership": "municipal",
                                                         "building_type": "retail"},
                                  *_point(13.4745, 51.1640))
    drafts.save_site(wc_path, cat.VACANCY, {"name": "Rathausladen", "municipality_ags": "14627140",
                                             "address": "Markt 1", "ownership": "municipal",
                                             "building_type": "retail"}, captured.geometry)
    rows = [["Lfd. Nr.", "Bezeichnung", "Gemeinde", "Anschrift", "Gebäudeart", "lon", "lat"],
            ["17", "Alte Apotheke", "Meißen", "Markt 5", "Ladenlokal", "13,4743", "51,1639"],
            ["18", "Rathausladen", "Meißen", "Markt 1", "Ladenlokal", "13,4745", "51,1640"]]
    first = run(write_csv(tmp_path / "a.csv", rows), wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(first) == {2: "imported", 3: "already_imported"}
    assert "The working copy already holds this site" in report_rows(first)[3][2]
    rows[1][1] = "Ehemalige Apotheke"  # renamed in the list: the ID still says it is the same row
    second = run(write_csv(tmp_path / "b.csv", rows), wc_path, X_FIELD="lon", Y_FIELD="lat")
    rows2 = report_rows(second)
    assert rows2[2][0] == "already_imported" and "recognised by its ID “17”" in rows2[2][2]
    assert "The row has changed since it was imported" in rows2[2][2]
    assert set(sites(wc_path)) == {"Rathausladen", "Alte Apotheke"}


def _point(lon, lat):
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY

    return QgsGeometry.fromPointXY(QgsPointXY(lon, lat)), QgsCoordinateReferenceSystem("EPSG:4326")


def test_a_cancelled_import_reports_every_row(processing_ready, tmp_path):
    """Cancelled after the second row: the report still lists every row; the rerun imports only the rest."""
    wc_path = str(tmp_path / "wc.gpkg")
    rows = [ROWS[0], ROWS[1], ROWS[3], ["Marktecke", "Meißen", "Markt 12", "Ladenlokal", "1", "13,4706", "51,1653"]]
    path = write_csv(tmp_path / "liste.csv", rows)
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if 0 < p < 100 else None)
    first = run(path, wc_path, feedback=feedback, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(first) == {2: "imported", 3: "imported", 4: "not_processed"}
    assert "cancelled before this row" in report_rows(first)[4][2]
    second = run(path, wc_path, X_FIELD="lon", Y_FIELD="lat")
    assert statuses(second) == {2: "already_imported", 3: "already_imported", 4: "imported"}
    assert len(sites(wc_path)) == 3


def test_the_report_speaks_german(processing_ready, german_ui, german_translator, tmp_path):
    wc_path = str(tmp_path / "wc.gpkg")
    path = write_csv(tmp_path / "liste.csv", ROWS, "cp1252")
    run(path, wc_path, X_FIELD="lon", Y_FIELD="lat")
    feedback = QgsProcessingFeedback()
    layer = report_layer(run(path, wc_path, feedback, X_FIELD="lon", Y_FIELD="lat"))
    log = feedback.textLog()
    assert "Gelesen als cp1252, Spalten getrennt durch „;“, Dezimalkomma." in log
    assert "Zugeordnete Spalten: Bezeichnung ← Bezeichnung, Gemeinde ← Gemeinde, Anschrift (Straße, Hausnummer) ← " \
           "Anschrift, Gebäudeart ← Gebäudeart, Räume ← Räume" in log
    assert "0 importiert, 2 bereits importiert, 0 nicht verortet, 1 ungültig, von 3 Zeilen." in log
    assert layer.fields().names() == ["Zeile", "Status", "Bezeichnung", "Kennung (UUID)", "Meldungen"]
    by_row = {f["Zeile"]: (f["Status"], f["Meldungen"]) for f in layer.getFeatures()}
    assert by_row == {
        2: ("bereits importiert", "Bereits früher importiert (erkannt an Bezeichnung, Anschrift und Gemeinde): "
                                  "nicht erneut importiert."),
        3: ("ungültig", "„Räume“ muss eine Zahl sein. Bitte korrigieren Sie den Wert."),
        4: ("bereits importiert", "Bereits früher importiert (erkannt an Bezeichnung, Anschrift und Gemeinde): "
                                  "nicht erneut importiert.")}


def test_brownfields_from_a_polygon_layer(processing_ready, tmp_path):
    import json

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
    result = run(src, wc_path, KIND=0)
    rows = report_rows(result)
    assert {r: s for r, (s, _, _) in rows.items()} == {1: "imported", 2: "not_placed", 3: "invalid"}
    assert rows[3][2] == "“Name” is required. Please fill it in."
    feat = next(wc.layer(wc_path, cat.BROWNFIELD).getFeatures())
    assert feat["previous_use"] == "industry" and feat["municipality_ags"] == "14627140"
    assert feat["area_m2"] == pytest.approx(7778, rel=0.01)
    # a second run recognises the brownfield without an address by its outline
    again = report_rows(run(src, wc_path, KIND=0))
    assert {r: s for r, (s, _, _) in again.items()} == {1: "already_imported", 2: "not_placed", 3: "invalid"}
    assert again[1][2] == ("Imported before (recognised by its name, municipality and position, as it has no "
                           "address): not imported again.")


def test_mapping_by_labels_and_values():
    mapping = listimport.auto_mapping(["Bezeichnung", "GEMEINDE", "Building type", "Leer seit", "foo"], cat.VACANCY)
    assert mapping == {"name": "Bezeichnung", "municipality_ags": "GEMEINDE", "building_type": "Building type",
                       "vacant_since": "Leer seit"}
    # an explicit mapping by key or by label, either side in any case and spacing
    explicit = listimport.parse_mapping("Bezeichnung=Objekt; floor area (m²) = qm; FLOORS=Etagen ")
    columns = ["objekt", "QM", "Etagen", "Nr.", "Lfd. Nr."]
    assert listimport.auto_mapping(columns, cat.VACANCY, explicit) == {
        "name": "objekt", "floor_area_m2": "QM", "floors": "Etagen", listimport.SOURCE_ID: "Lfd. Nr."}
    assert listimport.mapping_errors({"Objektname": "objekt", "name": "Titel"}, columns, cat.VACANCY) == [
        "“Objektname” is not a field of the catalogue. Write a field's name or its German or English label on the "
        "left, e.g. “Bezeichnung=Objekt”.",
        "The list has no column “Titel”. Its columns are: objekt, QM, Etagen, Nr., Lfd. Nr.."]
    f = cat.field_by_name
    assert listimport.coded_value(f("building_type"), "bürogebäude") == "office"
    assert listimport.coded_value(f("municipality_ags"), "Großenhain") == "14627060"
    assert listimport.coded_value(f("municipality_ags"), "140") == "14627140"
    assert listimport.coded_value(f("target_groups"), "Pendler; Start-ups") == ["commuters", "startups"]
    assert listimport.coded_value(f("barrier_free"), "ja") is True
