"""Direct SQLite access to the working copy, for the sync's bulk reads and writes.

The QGIS API writes one feature at a time through OGR; the sync reads and writes ten thousand rows in one
SQLite transaction instead. GeoPackage geometry blobs are a small header (magic, flags, SRS id, envelope)
before standard WKB; OGR's R-tree triggers call ``ST_IsEmpty``/``ST_MinX``... which plain SQLite lacks, so
``connect()`` registers them.
"""

from __future__ import annotations

import sqlite3
import struct
from typing import Optional, Tuple

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
    from .connection import quote_ident

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
