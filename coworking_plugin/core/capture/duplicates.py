"""Duplicate warnings: sites within ``duplicate_distance_m`` or with the same normalised address, in the working
copy and among the approved sites of the server register, across municipality borders."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, List, Optional, Tuple

from qgis.core import QgsGeometry

from ..i18n import tr
from ..register import catalogue as cat
from .validation import WARNING, Duplicate, Issue, is_empty

_STREET = re.compile(r"(stra(ss|ß)e|str\.?)(?=\s|\d|$)")


def normalise_address(address: Any) -> str:
    """A comparable form of an address: case, whitespace, punctuation, ß/ss, umlauts, Straße/Str./Strasse."""
    if is_empty(address):
        return ""
    text = str(address).lower().strip()
    text = _STREET.sub("str", text)
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def duplicate_issue(dup: Duplicate) -> Issue:
    where = tr("working copy") if dup.source == "working_copy" else tr("register, approved")
    if dup.same_address:
        text = tr("Possible duplicate: “{name}” ({where}) has the same address “{address}”. Open it to compare, "
                  "or save anyway if this is a different site.")
    else:
        text = tr("Possible duplicate: “{name}” ({where}) lies {distance:.0f} m away. Open it to compare, or save "
                  "anyway if this is a different site.")
    location = dup.geometry.centroid().asPoint() if dup.geometry is not None else None
    return Issue(text.format(name=dup.name, where=where, address=dup.address, distance=dup.distance_m or 0.0),
                 severity=WARNING, location=location, duplicate=dup)


def _match(geom: QgsGeometry, address_key: str, other_geom: Optional[QgsGeometry], other_address: Any,
           distance_m: float) -> Tuple[bool, Optional[float], bool]:
    distance = geom.distance(other_geom) if other_geom is not None and not other_geom.isNull() else None
    same = bool(address_key) and normalise_address(other_address) == address_key
    return (same or (distance is not None and distance <= distance_m)), distance, same


def local_duplicates(wc_path: str, geom: QgsGeometry, address: Any, distance_m: float = 25.0,
                     exclude_uuid: Optional[str] = None) -> List[Duplicate]:
    """Sites of both kinds in the working copy near ``geom`` (EPSG:25833) or with the same address."""
    from qgis.core import QgsFeatureRequest, QgsRectangle

    from ..sync import workingcopy as wc

    key = normalise_address(address)
    found: List[Duplicate] = []
    for kind in cat.KINDS:
        layer = wc.layer(wc_path, kind)
        if key:
            request = QgsFeatureRequest()  # addresses: every row (a working copy holds a few hundred)
        else:
            box = QgsRectangle(geom.boundingBox())
            box.grow(distance_m)
            request = QgsFeatureRequest().setFilterRect(box)
        for feat in layer.getFeatures(request):
            if exclude_uuid and feat["uuid"] == exclude_uuid or feat["sync_state"] == wc.SYNC_ARCHIVE:
                continue
            hit, distance, same = _match(geom, key, feat.geometry(), feat["address"], distance_m)
            if hit:
                found.append(Duplicate(str(feat["uuid"]), str(feat["name"] or ""), str(feat["address"] or ""),
                                       kind, "working_copy", distance, same, QgsGeometry(feat.geometry())))
    return found


def server_duplicates(conn, geom: QgsGeometry, address: Any, distance_m: float = 25.0,
                      exclude_uuid: Optional[str] = None, schema: str = "coworking") -> List[Duplicate]:
    """Approved sites in the register (psycopg2 connection) near ``geom`` or with the same address.

    The database narrows by distance or by the house number/first letters of the address; Python compares
    the normalised addresses, so the rule is the same as for the working copy."""
    from psycopg2 import sql

    key = normalise_address(address)
    numbers = re.findall(r"\d+", str(address or ""))
    prefix = re.sub(r"([%_\\])", r"\\\1", str(address or "").strip()[:4])  # LIKE wildcards typed by the user
    like = "%" + numbers[0] + "%" if numbers else ("%" + prefix + "%" if key else None)
    found: List[Duplicate] = []
    with conn.cursor() as cur:
        for kind in cat.KINDS:
            query = sql.SQL(
                "SELECT uuid::text, name, address, ST_AsBinary(geom) FROM {}.{} "
                "WHERE status = 'approved' AND (uuid::text <> %(exclude)s) AND "
                "(ST_DWithin(geom, ST_GeomFromWKB(%(wkb)s, 25833), %(dist)s) "
                "OR (%(like)s IS NOT NULL AND address ILIKE %(like)s))"
            ).format(sql.Identifier(schema), sql.Identifier(kind))
            cur.execute(query, {"exclude": exclude_uuid or "", "wkb": bytes(geom.asWkb()), "dist": distance_m,
                                "like": like})
            for uuid, name, addr, wkb in cur.fetchall():
                other = QgsGeometry()
                if wkb is not None:
                    other.fromWkb(bytes(wkb))
                hit, distance, same = _match(geom, key, other, addr, distance_m)
                if hit:
                    found.append(Duplicate(uuid, name or "", addr or "", kind, "register", distance, same, other))
    return found


def duplicate_issues(duplicates: Iterable[Duplicate]) -> List[Issue]:
    return [duplicate_issue(d) for d in sorted(duplicates, key=lambda d: (d.distance_m is None, d.distance_m or 0))]
