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
import sqlite3
import uuid as uuidlib
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..paths import resource
from ..qtcompat import FieldTypes
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from .ogrwrite import Layer, write_layers

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
        write_layers(path, layers)
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
    write_layers(Path(path), [_municipality_layer(source)], replace=True)


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
