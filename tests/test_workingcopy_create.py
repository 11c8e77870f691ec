"""workingcopy.create(): the working copy written through one OGR dataset is the GeoPackage QgsVectorFileWriter
wrote layer by layer (what QGIS and GDAL read from it), only faster."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Dict

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeatureSource,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import gpkg, ogrwrite
from coworking_plugin.core.sync import workingcopy as wc

LAYERS = (*cat.KINDS, wc.OWNER_LAYER, wc.MUNICIPALITY_LAYER, wc.VALUE_LIST_TABLE)
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def _write_layers_with_qgsvectorfilewriter(path: Path, layers, replace: bool = False) -> None:
    """How create() wrote the layers before: QgsVectorFileWriter, opening and closing the file once per layer.

    QGIS 3.40 with GDAL 3.10 writes the field aliases as alternative names into gpkg_data_columns itself; where
    the writer does not (QGIS 3.22, GDAL 3.6: no row in gpkg_data_columns), the aliases are added as create()
    adds them there, so that the rest of the file is still compared with what the writer gives.
    """
    crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
    for name, fields, wkb_type, features in layers:
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = name
        options.fileEncoding = "UTF-8"
        options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
                                        if path.exists() else
                                        QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
        writer = QgsVectorFileWriter.create(str(path), fields, wkb_type, crs, QgsCoordinateTransformContext(),
                                            options)
        assert writer.hasError() == QgsVectorFileWriter.WriterError.NoError, writer.errorMessage()
        for feat in features:
            assert writer.addFeature(feat)
        del writer
    with sqlite3.connect(str(path)) as db:
        written = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_data_columns'").fetchone()
    if not written:
        ogrwrite.write_alternative_names(path, layers)


def _sqlite(path: Path) -> Dict[str, list]:
    """The file as SQLite sees it: schema in creation order, every row (timestamps masked), the header fields."""
    with sqlite3.connect(str(path)) as db:
        return {
            "schema": db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall(),
            "dump": [_TIMESTAMP.sub("<time>", line) for line in db.iterdump()],
            "header": [db.execute(f"PRAGMA {p}").fetchone() for p in ("application_id", "user_version", "encoding",
                                                                       "page_size", "auto_vacuum", "journal_mode")],
        }


def _qgis(path: Path) -> Dict[str, tuple]:
    """Each layer as QGIS reads it."""
    result = {}
    for name in LAYERS:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        fields = [(f.name(), f.typeName(), int(f.type()), f.subType(), f.length(), f.precision(), f.alias())
                  for f in layer.fields()]
        result[name] = (layer.wkbType(), layer.crs().authid(), layer.crs().toWkt(), layer.featureCount(),
                        layer.extent().toString(6), int(layer.hasSpatialIndex()), layer.primaryKeyAttributes(),
                        layer.dataProvider().storageType(), fields)
    return result


@pytest.fixture
def before_and_after(qgis_app, tmp_path, monkeypatch):
    after = wc.create(str(tmp_path / "after.gpkg"))
    with monkeypatch.context() as m:
        m.setattr(wc, "write_layers", _write_layers_with_qgsvectorfilewriter)
        before = wc.create(str(tmp_path / "before.gpkg"))
    return before, after


def test_same_geopackage_as_with_qgsvectorfilewriter(before_and_after):
    before, after = before_and_after
    expected, got = _sqlite(before), _sqlite(after)
    assert got["header"] == expected["header"]
    assert got["schema"] == expected["schema"]  # tables, GDAL's triggers and R-trees, in the same order
    assert got["dump"] == expected["dump"]  # gpkg_* metadata, SRS definition, municipalities, value lists
    assert _qgis(after) == _qgis(before)


def test_ogrinfo_reads_the_same(before_and_after):
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        pytest.skip("ogrinfo (gdal-bin) not installed")
    before, after = before_and_after

    def info(path: Path) -> str:
        out = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True, check=True)
        return out.stdout.replace(str(path), "<path>")

    assert info(after) == info(before)
    assert "Integer(Boolean)" in info(after) and "Feature Count: 28" in info(after)


def test_the_layers_work_in_qgis(before_and_after):
    _, after = before_and_after
    for kind in cat.KINDS:
        layer = QgsVectorLayer(f"{after}|layername={kind}", kind, "ogr")
        assert layer.crs().authid() == cat.REGISTER_CRS
        assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
        assert [f.name() for f in layer.fields()] == ["fid"] + [f.name for f in wc.layer_fields(kind)]
    municipality = QgsVectorLayer(f"{after}|layername={wc.MUNICIPALITY_LAYER}", "m", "ogr")
    assert municipality.featureCount() == 28
    assert {f["ags"] for f in municipality.getFeatures()} >= {"14627140", "14627230"}


def test_completing_a_working_copy_keeps_its_rows(qgis_app, tmp_path):
    from osgeo import ogr

    path = tmp_path / "wc.gpkg"
    wc.create(str(path))
    with gpkg.connect(str(path)) as db:
        db.execute("INSERT INTO vacancy (uuid, name) VALUES ('u-1', 'Alte Post')")
    ds = ogr.Open(str(path), 1)
    for name in (wc.OWNER_LAYER, wc.MUNICIPALITY_LAYER, cat.BROWNFIELD):
        index = next(i for i in range(ds.GetLayerCount()) if ds.GetLayerByIndex(i).GetName() == name)
        assert ds.DeleteLayer(index) == 0
    ds = None

    wc.create(str(path))
    assert set(wc.layer_names(path)) == set(LAYERS)
    assert _qgis(path)[wc.MUNICIPALITY_LAYER][3] == 28
    with sqlite3.connect(str(path)) as db:
        assert db.execute("SELECT name FROM vacancy WHERE uuid = 'u-1'").fetchone() == ("Alte Post",)


def test_write_municipalities_replaces_the_layer(qgis_app, tmp_path):
    path = wc.create(str(tmp_path / "wc.gpkg"))
    with sqlite3.connect(str(path)) as db:
        db.execute("DELETE FROM municipality WHERE ags <> '14627140'")
    wc.write_municipalities(path)
    layer = QgsVectorLayer(f"{path}|layername={wc.MUNICIPALITY_LAYER}", "m", "ogr")
    assert layer.featureCount() == 28 and layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent


def test_the_german_labels_are_the_fields_alternative_names(qgis_app, tmp_path):
    """The catalogue's German labels are stored in the file (gpkg_data_columns), so that any QGIS or ogrinfo
    shows them without the plugin; GDAL and QGIS read them back where GDAL reads them (3.7+)."""
    from osgeo import gdal, ogr

    path = wc.create(str(tmp_path / "wc.gpkg"))
    expected = {kind: {f.name: f.label_de for f in wc.layer_fields(kind)} for kind in cat.KINDS}
    expected[wc.OWNER_LAYER] = {f.name: f.label_de for f in cat.OWNER_FIELDS}
    with sqlite3.connect(str(path)) as db:
        stored = {table: dict(db.execute("SELECT column_name, name FROM gpkg_data_columns WHERE table_name = ?",
                                         (table,))) for table in expected}
        extension = db.execute("SELECT scope FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' "
                               "AND extension_name = 'gpkg_schema'").fetchall()
    assert stored == expected
    assert extension == [("read-write",)]
    if int(gdal.VersionInfo("VERSION_NUM")) < 3070000:
        pytest.skip(f"GDAL {gdal.__version__} does not read alternative names from a GeoPackage (3.7+ does)")
    ds = ogr.Open(str(path))
    for table, labels in expected.items():
        # GDAL reads a name equal to the column's but for case ("Version") as no alternative name
        labels = {name: label for name, label in labels.items() if label.lower() != name.lower()}
        defn = ds.GetLayerByName(table).GetLayerDefn()
        read = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetAlternativeName()
                for i in range(defn.GetFieldCount())}
        assert {name: read[name] for name in labels} == labels
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        assert {f.name(): f.alias() for f in layer.fields() if f.name() in labels} == labels
