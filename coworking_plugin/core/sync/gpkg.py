"""Direct SQLite access to the working copy, for the sync's bulk reads and writes.

The QGIS API writes one feature at a time through OGR; the sync reads and writes ten thousand rows in one
SQLite transaction instead. GeoPackage geometry blobs are a small header (magic, flags, SRS id, envelope)
before standard WKB; OGR's R-tree triggers call ``ST_IsEmpty``/``ST_MinX``... which plain SQLite lacks, so
``connect()`` registers them.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import struct
from typing import Any, Iterable, List, Optional, Sequence, Tuple

LOG = logging.getLogger(__name__)

_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def _header_size(blob: bytes) -> int:
    return 8 + 8 * _ENVELOPE_DOUBLES.get((blob[3] >> 1) & 7, 0)


def wkb_of(blob: Optional[bytes]) -> Optional[bytes]:
    """The standard WKB inside a GeoPackage geometry blob."""
    if blob is None:
        return None
    return bytes(blob[_header_size(blob):])


def _wkb_envelope(wkb: bytes) -> Optional[Tuple[float, float, float, float]]:
    from qgis.core import QgsGeometry

    geom = QgsGeometry()
    geom.fromWkb(wkb)
    if geom.isNull() or geom.isEmpty():
        return None
    box = geom.boundingBox()
    return box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()


def envelope(blob: Optional[bytes]) -> Optional[Tuple[float, float, float, float]]:
    """(minx, maxx, miny, maxy) of a GeoPackage blob: from the header when it has one, else from the WKB."""
    if blob is None or len(blob) < 8:
        return None
    flags = blob[3]
    if (flags >> 4) & 1:  # empty geometry flag
        return None
    if (flags >> 1) & 7:
        order = "<" if flags & 1 else ">"
        return struct.unpack_from(order + "4d", blob, 8)
    return _wkb_envelope(wkb_of(blob))


def blob_from_wkb(wkb: bytes, srid: int, env: Optional[Tuple[float, float, float, float]] = None) -> bytes:
    """A GeoPackage geometry blob (little-endian header with an XY envelope) around ``wkb``."""
    wkb = bytes(wkb)
    if env is None:
        env = _wkb_envelope(wkb)
    if env is None:
        return b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srid) + wkb
    return b"GP\x00\x03" + struct.pack("<i4d", srid, *env) + wkb


def ewkb_hex(wkb: bytes, srid: int) -> str:
    """PostGIS extended WKB (with SRID) as hex, which PostgreSQL's geometry input parses directly."""
    order = "<" if wkb[0] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", wkb, 1)
    head = wkb[:1] + struct.pack(order + "II", gtype | 0x20000000, srid)
    return (head + wkb[5:]).hex()


def wkb_from_ewkb_hex(text: str) -> bytes:
    """Standard WKB from PostGIS EWKB hex (drops the SRID)."""
    raw = bytes.fromhex(text)
    order = "<" if raw[0] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", raw, 1)
    if gtype & 0x20000000:
        return raw[:1] + struct.pack(order + "I", gtype & ~0x20000000) + raw[9:]
    return raw


def _env_part(index: int):
    def fn(blob):
        env = envelope(blob)
        return None if env is None else env[index]

    return fn


def connect(path: str) -> sqlite3.Connection:
    """An SQLite connection on the GeoPackage with the functions OGR's triggers call."""
    db = sqlite3.connect(str(path), timeout=30)
    db.create_function("ST_IsEmpty", 1, lambda b: 1 if envelope(b) is None else 0, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        db.create_function(name, 1, _env_part(i), deterministic=True)
    return db


class Raw(str):
    """A constant SQL fragment of this module (never user input) to splice into ``sql()``."""


def sql(template: str, **parts) -> str:
    """SQLite statement text with every identifier quoted, like psycopg2.sql for PostgreSQL.

    ``{name}`` takes one identifier; a list or tuple becomes a quoted comma-separated list; ``{x}`` with an
    ``int`` becomes that many ``?`` placeholders; a key ending in ``_set`` with a list becomes ``"a" = ?, ...``;
    ``Raw`` fragments go in as they are. Values never go in here: bind them with ``?``.
    """
    from ..connection import quote_ident

    quoted = {}
    for key, value in parts.items():
        if isinstance(value, Raw):
            quoted[key] = value
        elif isinstance(value, int):
            quoted[key] = ", ".join("?" * value)
        elif key.endswith("_set"):
            quoted[key] = ", ".join(quote_ident(v) + " = ?" for v in value)
        elif isinstance(value, (list, tuple)):
            quoted[key] = ", ".join(quote_ident(v) for v in value)
        else:
            quoted[key] = quote_ident(value)
    return template.format(**quoted)


# The AFTER INSERT triggers GDAL gives a feature table (the R-tree one is the GeoPackage standard's), in the
# shape insert_features() recognises them: compared after _trigger_shape(), never executed.
_RTREE_INSERT_SHAPE = ("CREATE TRIGGER rtree_{t}_{g}_insert AFTER INSERT ON {t} WHEN (new.{g} NOT NULL AND NOT "
                       "ST_IsEmpty(NEW.{g})) BEGIN INSERT OR REPLACE INTO rtree_{t}_{g} VALUES (NEW.{pk}, "
                       "ST_MinX(NEW.{g}), ST_MaxX(NEW.{g}), ST_MinY(NEW.{g}), ST_MaxY(NEW.{g})); END")
_COUNT_INSERT_SHAPE = ("CREATE TRIGGER trigger_insert_feature_count_{t} AFTER INSERT ON {t} BEGIN UPDATE "
                       "gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = "
                       "lower('{t}'); END")


def _trigger_shape(text: str) -> str:
    """Trigger SQL without quotes, case and spacing, so that differently quoted copies compare equal."""
    return re.sub(r"[\s\"'`\[\]]", "", text).lower()


def insert_features(db: sqlite3.Connection, table: str, columns: Sequence[str],
                    rows: Iterable[Sequence[Any]]) -> int:
    """INSERT ``rows`` (values for ``columns``) into a GeoPackage table made by GDAL; returns the row count.

    The result is that of inserting row by row, but GDAL's per-row triggers are done once for all rows: its R-tree
    trigger calls five ``ST_*`` functions per row, which are Python functions here (``connect()``): about 0.3 s of
    a 10,000-site checkout. So the R-tree insert trigger and the feature-count trigger are dropped, the rows
    inserted, the R-tree filled with the same entries (id = fid, the envelope ``ST_MinX``... give, nothing for NULL
    or empty geometries; in fid order, as the trigger would have), ``feature_count`` raised once (NULL stays NULL,
    as with the trigger), and the triggers re-created from their saved SQL. Triggers of another shape, and every
    other trigger, stay and fire per row.

    Everything happens inside one savepoint: within the caller's transaction when there is one, otherwise in a
    transaction of its own. Other connections therefore never see the table without its triggers, and any error
    undoes all of it (rows, R-tree, count, dropped triggers) before it is raised. Fids are assigned by SQLite, so
    ``columns`` must not name the primary key.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    keys = [(r[1], r[2]) for r in db.execute(sql("PRAGMA table_info({t})", t=table)) if r[5] > 0]
    if len(keys) != 1 or keys[0][1].upper() != "INTEGER" or keys[0][0].lower() in (c.lower() for c in columns):
        raise ValueError(f"insert_features: {table} needs one INTEGER PRIMARY KEY, and not among the columns")
    pk = keys[0][0]
    geom = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
                      (table,)).fetchone()
    geom = geom[0] if geom else None
    shapes = {"trigger_insert_feature_count_" + table: _COUNT_INSERT_SHAPE.format(t=table)}
    rtree = None
    if geom is not None:
        rtree = f"rtree_{table}_{geom}"
        shapes[rtree + "_insert"] = _RTREE_INSERT_SHAPE.format(t=table, g=geom, pk=pk)
    taken: List[Tuple[str, str]] = []  # (name, sql) in creation order, to re-create them as they were
    for name, text in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND lower(tbl_name) = lower(?) ORDER BY rowid", (table,)):
        expected = shapes.get(name)
        if expected is not None and _trigger_shape(text) == _trigger_shape(expected):
            taken.append((name, text))
        elif expected is not None:
            LOG.debug("trigger %s has an unknown shape: it stays and fires per row", name)
    taken_names = {name for name, _ in taken}
    fills_rtree = rtree is not None and rtree + "_insert" in taken_names
    counts = "trigger_insert_feature_count_" + table in taken_names

    db.execute("SAVEPOINT gpkg_insert_features")
    try:
        (last,) = db.execute(sql("SELECT coalesce(max({pk}), 0) FROM {t}", pk=pk, t=table)).fetchone()
        for name, _ in taken:
            db.execute(sql("DROP TRIGGER {name}", name=name))
        inserted = db.executemany(sql("INSERT INTO {t} ({cols}) VALUES ({marks})", t=table, cols=list(columns),
                                      marks=len(columns)), rows).rowcount
        if fills_rtree:
            # fids only grow (AUTOINCREMENT, or max + 1): the new rows are those above the old maximum. Envelopes
            # come from the stored blobs, i.e. what the trigger's ST_MinX... would have been given.
            entries = []
            for fid, blob in db.execute(sql("SELECT {pk}, {g} FROM {t} WHERE {pk} > ? ORDER BY {pk}", pk=pk,
                                            g=geom, t=table), (last,)):
                env = envelope(blob)
                if env is not None:
                    entries.append((fid, *env))
            db.executemany(sql("INSERT OR REPLACE INTO {r} VALUES ({marks})", r=rtree, marks=5), entries)
        if counts:
            db.execute("UPDATE gpkg_ogr_contents SET feature_count = feature_count + ? "
                       "WHERE lower(table_name) = lower(?)", (inserted, table))
        for _, text in taken:
            db.execute(text)
        db.execute("RELEASE gpkg_insert_features")
    except BaseException:
        db.execute("ROLLBACK TO gpkg_insert_features")
        db.execute("RELEASE gpkg_insert_features")
        raise
    return inserted
