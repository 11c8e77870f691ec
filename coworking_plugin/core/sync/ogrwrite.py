"""Writing the working copy's layers through one OGR dataset and one transaction (what QgsVectorFileWriter writes
layer by layer: tables, GDAL's metadata tables and triggers, field types, the SRS entry, the German labels as
field alternative names), used by ``workingcopy.create``."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path
from typing import Any, Sequence, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsField, QgsFields, QgsWkbTypes

from ..i18n import tr
from ..qtcompat import FieldTypes, crs_wkt_preferred_gdal, gdal_exceptions
from ..register import catalogue as cat

_OGR_GEOMETRY = {"Point": "wkbPoint", "MultiPolygon": "wkbMultiPolygon", "NoGeometry": "wkbNone"}

Layer = Tuple[str, QgsFields, Any, Sequence[QgsFeature]]  # name, fields, QgsWkbTypes type, features


def _ogr_check(result: Any, what: str) -> Any:
    """``result`` of an OGR call, or OSError with GDAL's message (GDAL's Python exceptions may be off)."""
    from osgeo import gdal

    if result is None or (isinstance(result, int) and not isinstance(result, bool) and result != 0):
        raise OSError(f"{what} failed: {gdal.GetLastErrorMsg()}")
    return result


def _ogr_srs(crs: QgsCoordinateReferenceSystem):
    """The OGR spatial reference QgsVectorFileWriter gives GDAL for ``crs`` (QgsOgrUtils::crsToOGRSpatialReference):
    built from the authority id when that is the same CRS as QGIS's WKT (a fuller definition), else from the WKT."""
    from osgeo import osr

    from_wkt = osr.SpatialReference()
    _ogr_check(from_wkt.ImportFromWkt(crs.toWkt(crs_wkt_preferred_gdal())), "reading the CRS " + crs.authid())
    srs = from_wkt
    if crs.authid():
        from_id = osr.SpatialReference()
        try:
            if from_id.SetFromUserInput(crs.authid()) == 0 and from_id.IsSame(from_wkt):
                srs = from_id
        except RuntimeError:  # with GDAL's Python exceptions on, an unknown authority id raises: WKT then
            pass
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    epoch = crs.coordinateEpoch() if hasattr(crs, "coordinateEpoch") else math.nan
    if not math.isnan(epoch):
        srs.SetCoordinateEpoch(epoch)
    return srs


def _ogr_field(field: QgsField):
    """The OGR field definition QgsVectorFileWriter creates for ``field`` (the types the working copy uses)."""
    from osgeo import ogr

    width, precision = field.length(), field.precision()
    if precision > 0:
        width += 1
    subtype = None
    kind = field.type()
    if kind == FieldTypes.STRING:
        ogr_type = ogr.OFTString
    elif kind == FieldTypes.INT:
        ogr_type, width, precision = ogr.OFTInteger, width if 0 < width <= 10 else 10, 0
    elif kind == FieldTypes.BOOL:
        ogr_type, subtype, width, precision = ogr.OFTInteger, ogr.OFSTBoolean, 1, 0
    elif kind == FieldTypes.DOUBLE:
        ogr_type = ogr.OFTReal
    elif kind == FieldTypes.DATE:
        ogr_type = ogr.OFTDate
    else:
        raise ValueError(f"field {field.name()}: type {field.typeName()} is not one the working copy uses")
    defn = ogr.FieldDefn(field.name(), ogr_type)
    if field.alias():  # the German label: GDAL 3.7+ stores it in gpkg_data_columns (write_alternative_names)
        defn.SetAlternativeName(field.alias())
    if width > 0:
        defn.SetWidth(width)
    if precision >= 0:
        defn.SetPrecision(precision)
    if subtype is not None:
        defn.SetSubType(subtype)
    return defn


def _ogr_value(value: Any) -> Any:
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def write_layers(path: Path, layers: Sequence[Layer], replace: bool = False) -> None:
    """Create ``layers`` (with their features) in the GeoPackage at ``path``, which is created when missing.

    The same GeoPackage QgsVectorFileWriter writes layer by layer (tables, GDAL's metadata tables and triggers,
    field types, the SRS entry, the field aliases as alternative names; the tests compare the two), but through
    one OGR dataset and one transaction: the writer opens, commits and closes the file once per layer, which cost
    0.1-0.25 s of every checkout. ``replace``: an existing layer of the same name is deleted first (else GDAL
    refuses to create it). GDAL's errors come as OSError, with GDAL's Python exceptions on or off.
    """
    try:
        with gdal_exceptions():
            _write_ogr_layers(path, layers, replace)
    except (RuntimeError, OSError) as exc:  # GDAL's Python exception, or _ogr_check's
        raise OSError(tr("The working copy {path} could not be written ({error}). Check that the folder is "
                         "writable and has space, and that no other program holds the file open.").format(
                             path=path, error=exc)) from exc
    if not _gdal_writes_alternative_names():
        write_alternative_names(path, layers)


def _gdal_writes_alternative_names() -> bool:
    """GDAL 3.7+ writes a field's alternative name into the GeoPackage (gpkg_data_columns); 3.6 ignores it."""
    from osgeo import gdal

    return int(gdal.VersionInfo("VERSION_NUM")) >= 3070000


#: the GeoPackage schema extension's tables and registration as GDAL 3.7+ creates them (ogr2ogr/GDAL 3.10 output)
_SCHEMA_EXTENSION = (
    ("gpkg_data_columns", "CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,"
     "name TEXT,title TEXT,description TEXT,mime_type TEXT,constraint_name TEXT,CONSTRAINT pk_gdc PRIMARY KEY "
     "(table_name, column_name),CONSTRAINT gdc_tn UNIQUE (table_name, name))"),
    ("gpkg_data_column_constraints", "CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL,"
     "constraint_type TEXT NOT NULL,value TEXT,min NUMERIC,min_is_inclusive BOOLEAN,max NUMERIC,"
     "max_is_inclusive BOOLEAN,description TEXT,CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, "
     "value))"),
)
_SCHEMA_EXTENSION_URL = "http://www.geopackage.org/spec121/#extension_schema"


def write_alternative_names(path: Path, layers: Sequence[Layer]) -> None:
    """The field aliases as alternative names (``gpkg_data_columns.name``), the rows GDAL 3.7+ writes itself:
    for GDAL 3.6, so that a working copy made on Debian 12 shows the labels in QGIS/ogrinfo with a newer GDAL."""
    rows = [(name, field.name(), field.alias()) for name, fields, _, _ in layers for field in fields if field.alias()]
    if not rows:
        return
    with sqlite3.connect(str(path)) as db:
        db.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT "
                   "NOT NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, "
                   "column_name, extension_name))")
        for table, ddl in _SCHEMA_EXTENSION:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone():
                db.execute(ddl)
                db.execute("INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')",
                           (table, _SCHEMA_EXTENSION_URL))
        db.executemany("DELETE FROM gpkg_data_columns WHERE table_name = ?", sorted({(r[0],) for r in rows}))
        db.executemany("INSERT INTO gpkg_data_columns (table_name, column_name, name) VALUES (?, ?, ?)", rows)


def _write_ogr_layers(path: Path, layers: Sequence[Layer], replace: bool) -> None:
    from osgeo import ogr

    srs = _ogr_srs(QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
    if path.exists():
        ds = _ogr_check(ogr.Open(str(path), 1), f"opening {path}")
    else:
        ds = _ogr_check(ogr.GetDriverByName("GPKG").CreateDataSource(str(path)), f"creating {path}")
    lyr = None
    in_transaction = False
    try:
        _ogr_check(ds.StartTransaction(), f"writing {path}")
        in_transaction = True
        for name, fields, wkb_type, features in layers:
            if replace:
                for i in range(ds.GetLayerCount()):
                    if ds.GetLayerByIndex(i).GetName() == name:
                        _ogr_check(ds.DeleteLayer(i), f"replacing layer {name}")
                        break
            geometry = getattr(ogr, _OGR_GEOMETRY[QgsWkbTypes.displayString(wkb_type)])
            lyr = _ogr_check(ds.CreateLayer(name, srs, geometry), f"creating layer {name}")
            for field in fields:
                _ogr_check(lyr.CreateField(_ogr_field(field), 1), f"creating field {name}.{field.name()}")
            for feat in features:
                out = ogr.Feature(lyr.GetLayerDefn())
                for i, value in enumerate(feat.attributes()):
                    value = _ogr_value(value)
                    if value is not None:
                        out.SetField(i, value)
                geom = feat.geometry()
                if not geom.isNull():
                    out.SetGeometryDirectly(_ogr_check(ogr.CreateGeometryFromWkb(bytes(geom.asWkb())),
                                                       f"a geometry of {name}"))
                _ogr_check(lyr.CreateFeature(out), f"writing a feature of {name}")
            # GDAL creates a layer's tables when they are first needed: now, so that tables and metadata rows
            # come in the order QgsVectorFileWriter gives them
            _ogr_check(lyr.SyncToDisk(), f"creating layer {name}")
        _ogr_check(ds.CommitTransaction(), f"writing {path}")
        in_transaction = False
    except BaseException:
        if in_transaction:  # nothing of this call stays in the file
            ds.RollbackTransaction()
        raise
    finally:
        lyr = None
        ds = None  # closes the file: GDAL writes the layers' extents and feature counts
