"""The officer's working copy: a GeoPackage with the register's layers, derived from the field catalogue.

Layers ``brownfield`` (MultiPolygon) and ``vacancy`` (Point), both EPSG:25833, carry the catalogue's domain
fields, the register's bookkeeping fields and the sync bookkeeping below. ``owner_contact`` (no geometry)
keeps the private owner's personal data apart, one row per site, keyed by ``site_uuid``. ``municipality``
holds the reference boundaries for offline use; ``value_list`` the coded values with their labels (for
QGIS value-relation widgets).

Sync bookkeeping per site:
- ``base_version``: the server version this local row is based on (NULL: never pushed).
- ``sync_state``: ``new`` (never pushed), ``modified`` (changed since last push/checkout), ``archive``
  (archival requested locally), ``synced`` (same as the server), ``conflict`` (server changed too).
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid as uuidlib
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..paths import resource
from ..qtcompat import FieldTypes, crs_wkt_preferred_gdal, gdal_exceptions
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType

SCHEMA_VERSION = 1

SYNC_NEW, SYNC_MODIFIED, SYNC_ARCHIVE, SYNC_SYNCED, SYNC_CONFLICT = "new", "modified", "archive", "synced", "conflict"
SYNC_STATES = (SYNC_NEW, SYNC_MODIFIED, SYNC_ARCHIVE, SYNC_SYNCED, SYNC_CONFLICT)
#: the sync states as the attribute form shows them: (key, German, English)
SYNC_STATE_LABELS = (
    (SYNC_NEW, "Neu, noch nicht hochgeladen", "New, not pushed yet"),
    (SYNC_MODIFIED, "Geändert, noch nicht hochgeladen", "Changed, not pushed yet"),
    (SYNC_ARCHIVE, "Archivierung beim nächsten Hochladen", "To be archived with the next push"),
    (SYNC_SYNCED, "Wie im Register", "Same as the register"),
    (SYNC_CONFLICT, "Konflikt mit dem Register", "Conflict with the register"),
)

SYNC_FIELDS = (
    FieldDef("base_version", FieldType.INTEGER, "Basis-Version", "Base version", computed=True, public=False),
    FieldDef("sync_state", FieldType.TEXT, "Abgleichstatus", "Sync state", computed=True, public=False,
             default=SYNC_NEW),
)

OWNER_LAYER = "owner_contact"
MUNICIPALITY_LAYER = "municipality"
VALUE_LIST_TABLE = "value_list"

_QVARIANT = {
    FieldType.TEXT: (FieldTypes.STRING, "String"),
    FieldType.INTEGER: (FieldTypes.INT, "Integer"),
    FieldType.REAL: (FieldTypes.DOUBLE, "Real"),
    FieldType.BOOLEAN: (FieldTypes.BOOL, "Boolean"),
    FieldType.DATE: (FieldTypes.DATE, "Date"),
    FieldType.CHOICE: (FieldTypes.STRING, "String"),
    FieldType.MULTI_CHOICE: (FieldTypes.STRING, "String"),  # JSON-free "{a,b}" as QGIS value relations store it
}


def qgs_field(f: FieldDef) -> QgsField:
    vtype, type_name = _QVARIANT[f.type]
    field = QgsField(f.name, vtype, type_name)
    field.setAlias(f.label_de)
    return field


def layer_fields(kind: str) -> List[FieldDef]:
    """All fields of a working-copy site layer, in order (uuid first)."""
    register = [f for f in cat.REGISTER_FIELDS]
    return register[:1] + cat.fields_for(kind) + register[1:] + list(SYNC_FIELDS)


def qgs_fields(defs: Iterable[FieldDef]) -> QgsFields:
    fields = QgsFields()
    for f in defs:
        fields.append(qgs_field(f))
    return fields


#: QgsWkbTypes names of the working copy's geometry types -> OGR's (QgsVectorFileWriter's ogrTypeFromWkbType)
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
    if field.alias():  # the German label: GDAL 3.7+ stores it in gpkg_data_columns (_write_alternative_names)
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


def _write_layers(path: Path, layers: Sequence[Layer], replace: bool = False) -> None:
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
    except RuntimeError as exc:  # GDAL's Python exception
        raise OSError(f"writing {path} failed: {exc}") from exc
    if not _gdal_writes_alternative_names():
        _write_alternative_names(path, layers)


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


def _write_alternative_names(path: Path, layers: Sequence[Layer]) -> None:
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


def create(path: str, municipalities: Optional[QgsVectorLayer] = None) -> Path:
    """Create (or complete) a working copy at ``path``. Existing site layers and their rows are kept."""
    path = Path(path)
    existing = set(layer_names(path)) if path.exists() else set()
    layers: List[Layer] = []
    for kind in cat.KINDS:
        if kind not in existing:
            layers.append((kind, qgs_fields(layer_fields(kind)), QgsWkbTypes.parseType(cat.GEOMETRY_TYPES[kind]), ()))
    if OWNER_LAYER not in existing:
        owner = QgsFields()
        owner.append(QgsField("site_uuid", FieldTypes.STRING, "String"))
        for f in cat.OWNER_FIELDS:
            owner.append(qgs_field(f))
        layers.append((OWNER_LAYER, owner, QgsWkbTypes.Type.NoGeometry, ()))
    if MUNICIPALITY_LAYER not in existing:
        layers.append(_municipality_layer(municipalities))
    if layers:
        _write_layers(path, layers)
    with sqlite3.connect(str(path)) as db:
        _write_value_lists(db)
        db.execute("CREATE TABLE IF NOT EXISTS wc_meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT OR REPLACE INTO wc_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        for kind in cat.KINDS:
            # unique until tracking.prepare() adds the trigger that gives a pasted copy a uuid of its own
            db.execute(f'CREATE UNIQUE INDEX IF NOT EXISTS "{kind}_uuid" ON "{kind}" (uuid)')
        db.execute(f'CREATE UNIQUE INDEX IF NOT EXISTS owner_site ON "{OWNER_LAYER}" (site_uuid)')
    return path


def write_municipalities(path: Path, source: Optional[QgsVectorLayer] = None) -> None:
    """Copy the municipalities (fields ags, name) into the working copy, in EPSG:25833.

    ``source`` is any polygon layer with AGS/GEN (VG250/VG5000) or ags/name fields; default: the
    boundaries shipped with the plugin (© GeoBasis-DE / BKG 2021, dl-de/by-2-0).
    """
    _write_layers(Path(path), [_municipality_layer(source)], replace=True)


def _municipality_layer(source: Optional[QgsVectorLayer]) -> Layer:
    from qgis.core import QgsCoordinateTransform, QgsProject

    if source is None:
        source = QgsVectorLayer(str(resource("data", "lk_meissen_gemeinden_vg5000.geojson")), "gemeinden", "ogr")
    names = source.fields().names()
    ags_field = "ags" if "ags" in names else "AGS"
    name_field = "name" if "name" in names else "GEN"
    crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
    xform = QgsCoordinateTransform(source.crs(), crs, QgsProject.instance().transformContext())
    fields = QgsFields()
    fields.append(QgsField("ags", FieldTypes.STRING, "String"))
    fields.append(QgsField("name", FieldTypes.STRING, "String"))
    feats = []
    for src in source.getFeatures():
        f = QgsFeature(fields)
        geom = src.geometry()
        geom.transform(xform)
        geom.convertToMultiType()
        f.setGeometry(geom)
        f["ags"] = str(src[ags_field])
        f["name"] = str(src[name_field])
        feats.append(f)
    return MUNICIPALITY_LAYER, fields, QgsWkbTypes.Type.MultiPolygon, feats


def _write_value_lists(db: sqlite3.Connection) -> None:
    """(Re)fill ``value_list``, registered as a GeoPackage attributes table so QGIS/OGR open it as a layer
    (value-relation widgets for multi-choice fields need a layer)."""
    registered = db.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (VALUE_LIST_TABLE,)).fetchone()
    if not registered:  # working copies made before value_list was an attributes table
        db.execute("DROP TABLE IF EXISTS value_list")
        db.execute("CREATE TABLE value_list (fid INTEGER PRIMARY KEY AUTOINCREMENT, list TEXT NOT NULL, "
                   "key TEXT NOT NULL, label_de TEXT, label_en TEXT, sort INTEGER)")
        db.execute("CREATE UNIQUE INDEX IF NOT EXISTS value_list_key ON value_list (list, key)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) "
                   "VALUES (?, 'attributes', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                   (VALUE_LIST_TABLE, VALUE_LIST_TABLE))
    db.execute("DELETE FROM value_list")
    rows = [(vl.name, c.key, c.label_de, c.label_en, i) for vl in cat.VALUE_LISTS.values()
            for i, c in enumerate(vl.choices)]
    rows += [("municipality", m.ags, m.name, m.name, i) for i, m in enumerate(cat.MUNICIPALITIES)]
    db.executemany("INSERT INTO value_list (list, key, label_de, label_en, sort) VALUES (?, ?, ?, ?, ?)", rows)


def layer_names(path: Path) -> List[str]:
    with sqlite3.connect(str(path)) as db:
        return [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")]


def layer(path: str, name: str) -> QgsVectorLayer:
    """A QGIS layer on one table of the working copy."""
    lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not lyr.isValid():
        raise OSError(f"{path}: layer {name} not found")
    return lyr


def layer_kind(layer: QgsVectorLayer, path: str) -> Optional[str]:
    """The site kind of ``layer`` when it is a site layer of the working copy at ``path``, else None."""
    source = layer.source()
    if not path or Path(source.split("|")[0]).resolve() != Path(path).resolve():
        return None
    for kind in cat.KINDS:
        if source.endswith(f"layername={kind}"):
            return kind
    return None


def layers_with_unsaved_edits(path: str, project=None) -> List[QgsVectorLayer]:
    """Layers of the working copy at ``path`` in the project whose QGIS edit buffer holds edits not saved yet
    (a push would not see them)."""
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    return [lyr for lyr in project.mapLayers().values()
            if isinstance(lyr, QgsVectorLayer) and lyr.isModified() and layer_kind(lyr, path)]


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def encode_multi(keys: Iterable[str]) -> str:
    """Multi-choice keys as stored in a text field: ``{a,b}`` (the format of QGIS value-relation widgets)."""
    keys = [k for k in keys if k]
    return "{" + ",".join(keys) + "}" if keys else ""


def decode_multi(value) -> List[str]:
    if value is None or value == "" or (hasattr(value, "isNull") and value.isNull()):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        return [str(v) for v in json.loads(text)]
    return [v.strip().strip('"') for v in text.strip("{}").split(",") if v.strip()]


def meta(path: str) -> Dict[str, str]:
    with sqlite3.connect(str(path)) as db:
        return dict(db.execute("SELECT key, value FROM wc_meta"))


def set_meta(path: str, **values: str) -> None:
    with sqlite3.connect(str(path)) as db:
        db.executemany("INSERT OR REPLACE INTO wc_meta VALUES (?, ?)", list(values.items()))
