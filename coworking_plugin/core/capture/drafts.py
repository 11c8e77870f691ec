"""Saving a site into the working copy as a draft: the one path the capture dock and the list import share.

``check_site`` runs every rule (attributes, geometry, duplicates) without writing anything;
``save_site`` writes a checked site: a new uuid or the edited row, area computed, ``sync_state`` ``new`` for a
new site and ``modified`` for an edited one that had been synced, and the private owner's contact into the
separate ``owner_contact`` table.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..sync import workingcopy as wc
from . import validation as val
from .duplicates import duplicate_issues, local_duplicates, server_duplicates
from .geometry import LOCATION_TOLERANCE_M, prepare_geometry

LOG = logging.getLogger(__name__)


@dataclass
class CheckResult:
    """What ``check_site`` found: the geometry in EPSG:25833 (None if unusable) and the issues."""

    geometry: Optional[QgsGeometry]
    issues: List[val.Issue] = field(default_factory=list)

    @property
    def errors(self) -> List[val.Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> List[val.Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def duplicates(self) -> List[val.Duplicate]:
        return [i.duplicate for i in self.issues if i.duplicate is not None]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class SiteRecord:
    """A site as the form shows it: catalogue values (Python types), geometry (EPSG:25833), owner contact."""

    kind: str
    uuid: Optional[str]
    values: Dict[str, Any]
    geometry: Optional[QgsGeometry]
    owner: Dict[str, Any] = field(default_factory=dict)
    sync_state: Optional[str] = None
    status: Optional[str] = None  # the register's review status (archived: nothing more to archive)
    #: the register's status and the reviewer's comment as last pulled (empty for a local draft)
    review: Dict[str, Any] = field(default_factory=dict)


def area_m2(geometry: QgsGeometry) -> float:
    """Planar area in EPSG:25833 (UTM: distortion below 0.1 % in the county), rounded to 0.1 m²."""
    return round(geometry.area(), 1)


def location_tolerance(wc_path: str) -> float:
    """The register's tolerance as the last checkout or pull stored it in the working copy, else the default."""
    if not Path(wc_path).is_file():  # (sqlite3 would create an empty file there)
        return LOCATION_TOLERANCE_M
    try:
        return float(wc.meta(wc_path).get("location_tolerance_m", LOCATION_TOLERANCE_M))
    except (ValueError, OSError, sqlite3.Error):
        return LOCATION_TOLERANCE_M


def _municipalities(wc_path: str, geometry: QgsGeometry) -> List[tuple]:
    """(distance in m, 0 if it holds the site's inner point else 1, ags, name) of every municipality of the
    working copy, nearest first (of several the site touches, the one that holds its inner point)."""
    point = geometry if geometry.type() == QgsWkbTypes.GeometryType.PointGeometry else geometry.pointOnSurface()
    layer = wc.layer(wc_path, wc.MUNICIPALITY_LAYER)
    return sorted((f.geometry().distance(geometry), 0 if f.geometry().contains(point) else 1, str(f["ags"]),
                   str(f["name"])) for f in layer.getFeatures())


def location_issue(wc_path: str, ags: Optional[str], geometry: QgsGeometry,
                   tolerance: Optional[float] = None) -> Optional[val.Issue]:
    """The register's rule (RG016): a site lies within the tolerance of the municipality it names."""
    if not ags or geometry is None or geometry.isEmpty():
        return None
    tolerance = location_tolerance(wc_path) if tolerance is None else tolerance
    found = _municipalities(wc_path, geometry)
    named = next((m for m in found if m[2] == ags), None)
    if named is None or named[0] <= tolerance or not found:
        return None
    return val.Issue(tr("The site does not lie in {named}: it lies {distance} m outside its boundary (in {actual}; the "
                        "register accepts up to {tolerance} m). Correct the municipality or the position.").format(
        named=named[3], distance=round(named[0]), actual=found[0][3], tolerance=round(tolerance)), "municipality_ags")


def municipality_at(wc_path: str, geometry: QgsGeometry) -> Optional[str]:
    """AGS of the municipality polygon that holds the site (its inner point), else the nearest one.

    The reference boundaries are coarse (VG5000): the form shows the result for the officer to correct."""
    if geometry is None or geometry.isEmpty():
        return None
    found = _municipalities(wc_path, geometry)
    return found[0][2] if found and found[0][0] <= location_tolerance(wc_path) else None


def check_site(wc_path: str, kind: str, values: Mapping[str, Any], geometry: Optional[QgsGeometry],
               crs: QgsCoordinateReferenceSystem, owner: Optional[Mapping[str, Any]] = None,
               site_uuid: Optional[str] = None, repair: bool = False, server_conn=None,
               distance_m: float = 25.0) -> CheckResult:
    """Every rule for one site; writes nothing. ``server_conn`` (psycopg2) adds the register's approved sites
    to the duplicate check."""
    tolerance = location_tolerance(wc_path)
    geom, issues = prepare_geometry(kind, geometry, crs, repair=repair, tolerance=tolerance)
    if geom is not None:
        issues += [i for i in [location_issue(wc_path, values.get("municipality_ags"), geom, tolerance)] if i]
    checked = dict(values)
    if geom is not None and kind == cat.BROWNFIELD:
        checked["area_m2"] = area_m2(geom)
    issues = list(issues) + val.validate_attributes(kind, checked, owner)
    if geom is not None:
        dups = local_duplicates(wc_path, geom, values.get("address"), distance_m, site_uuid)
        if server_conn is not None:
            dups += server_duplicates(server_conn, geom, values.get("address"), distance_m, site_uuid)
        issues += duplicate_issues(dups)
    return CheckResult(geom, issues)


def _to_storage(f: FieldDef, value: Any) -> Any:
    """A form value as the GeoPackage column takes it (NULL for empty)."""
    if val.is_empty(value):
        return False if f.type == FieldType.BOOLEAN else None
    if f.type == FieldType.BOOLEAN:
        return val.to_bool(value)
    if f.type == FieldType.INTEGER:
        return int(val.to_number(value))
    if f.type == FieldType.REAL:
        return val.to_number(value)
    if f.type == FieldType.DATE:
        date = val.to_date(value)
        return QDate(date.year, date.month, date.day)
    if f.type == FieldType.MULTI_CHOICE:
        return wc.encode_multi(wc.decode_multi(value)) or None
    return str(value).strip()


def _from_storage(f: FieldDef, value: Any) -> Any:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return False if f.type == FieldType.BOOLEAN else None
    if f.type == FieldType.DATE:
        return val.to_date(value)
    if f.type == FieldType.MULTI_CHOICE:
        return wc.decode_multi(value)
    if f.type == FieldType.BOOLEAN:
        return val.to_bool(value)
    return value


def _find(layer: QgsVectorLayer, column: str, value: str) -> Optional[QgsFeature]:
    expr = f"{QgsExpression.quotedColumnRef(column)} = {QgsExpression.quotedString(value)}"
    return next(layer.getFeatures(QgsFeatureRequest().setFilterExpression(expr)), None)


def save_site(wc_path: str, kind: str, values: Mapping[str, Any], geometry: QgsGeometry,
              owner: Optional[Mapping[str, Any]] = None, site_uuid: Optional[str] = None) -> str:
    """Store a checked site (geometry in EPSG:25833) as a draft; returns its uuid. Raises OSError on failure."""
    layer = wc.layer(wc_path, kind)
    fields = layer.fields()
    existing = _find(layer, "uuid", site_uuid) if site_uuid else None
    site_uuid = site_uuid or wc.new_uuid()
    attrs: Dict[int, Any] = {}
    for f in cat.fields_for(kind):
        if f.computed:
            continue
        if f.name in values:
            attrs[fields.indexOf(f.name)] = _to_storage(f, values[f.name])
        elif existing is None:
            attrs[fields.indexOf(f.name)] = _to_storage(f, f.default)
    if kind == cat.BROWNFIELD:
        attrs[fields.indexOf("area_m2")] = area_m2(geometry)
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    attrs[fields.indexOf("updated_at")] = now
    provider = layer.dataProvider()
    if existing is None:
        attrs[fields.indexOf("uuid")] = site_uuid
        attrs[fields.indexOf("sync_state")] = wc.SYNC_NEW
        attrs[fields.indexOf("created_at")] = now
        feat = QgsFeature(fields)
        for idx, value in attrs.items():
            feat.setAttribute(idx, value)
        feat.setGeometry(geometry)
        ok, _ = provider.addFeatures([feat])
        if not ok:
            raise OSError(tr("The site could not be written to the working copy: {error}").format(
                error="; ".join(provider.errors()) or wc_path))
    else:
        state = existing["sync_state"]
        if state in (wc.SYNC_SYNCED, None) or (hasattr(state, "isNull") and state.isNull()):
            attrs[fields.indexOf("sync_state")] = wc.SYNC_MODIFIED
        ok = provider.changeAttributeValues({existing.id(): attrs})
        ok = ok and provider.changeGeometryValues({existing.id(): geometry})
        if not ok:
            raise OSError(tr("The site could not be written to the working copy: {error}").format(
                error="; ".join(provider.errors()) or wc_path))
    if owner is not None and any(not val.is_empty(v) for v in owner.values()):
        save_owner(wc_path, site_uuid, owner)
    LOG.info("saved %s %s (%s)", kind, site_uuid, "new" if existing is None else "edit")
    return site_uuid


def save_owner(wc_path: str, site_uuid: str, owner: Mapping[str, Any]) -> None:
    """Insert or update the owner's contact of a site (personal data: kept in its own table)."""
    layer = wc.layer(wc_path, wc.OWNER_LAYER)
    fields = layer.fields()
    attrs = {fields.indexOf(f.name): _to_storage(f, owner.get(f.name)) for f in cat.OWNER_FIELDS}
    provider = layer.dataProvider()
    existing = _find(layer, "site_uuid", site_uuid)
    if existing is None:
        feat = QgsFeature(fields)
        feat["site_uuid"] = site_uuid
        for idx, value in attrs.items():
            feat.setAttribute(idx, value)
        ok, _ = provider.addFeatures([feat])
    else:
        ok = provider.changeAttributeValues({existing.id(): attrs})
    if not ok:
        raise OSError(tr("The owner's contact could not be written to the working copy: {error}").format(
            error="; ".join(provider.errors()) or wc_path))


def load_site(wc_path: str, kind: str, site_uuid: str) -> Optional[SiteRecord]:
    """The stored site for the edit form (None if there is no such uuid)."""
    layer = wc.layer(wc_path, kind)
    feat = _find(layer, "uuid", site_uuid)
    if feat is None:
        return None
    values = {f.name: _from_storage(f, feat[f.name]) for f in cat.fields_for(kind)}
    owner: Dict[str, Any] = {}
    owner_feat = _find(wc.layer(wc_path, wc.OWNER_LAYER), "site_uuid", site_uuid)
    if owner_feat is not None:
        owner = {f.name: _from_storage(f, owner_feat[f.name]) for f in cat.OWNER_FIELDS}
    state, status = (None if _is_null(v) else str(v) for v in (feat["sync_state"], feat["status"]))
    names = feat.fields().names()
    review = {n: feat[n] for n in ("status", "review_comment") if n in names and not _is_null(feat[n])}
    return SiteRecord(kind, site_uuid, values, QgsGeometry(feat.geometry()), owner, state, status, review)


def stamp(record: SiteRecord) -> str:
    """What the form shows of a stored site (values, owner contact, geometry), to notice a change made after the
    form loaded it (a pull, QGIS's own attribute form)."""
    geometry = record.geometry.asWkt(3) if record.geometry is not None and not record.geometry.isNull() else ""
    return repr((sorted(record.values.items()), sorted(record.owner.items()), geometry))


def _is_null(value: Any) -> bool:
    return value is None or (hasattr(value, "isNull") and value.isNull())
