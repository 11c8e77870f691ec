"""One site in detail: what the municipality proposes against the last approved version, and the warnings the
register can compute (another site within 25 m or with the same address, consent missing, catalogue rules).

``diff(conn, kind, uuid)`` reads the site, its last approved version (staff: the snapshot table; editors:
``coworking.approved_site``, their own municipality only) and the duplicates in one round trip, and formats every
changed field as the form shows it. A geometry change is summarised (moved by 60 m; area 1.200 → 1.450 m²).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from psycopg2 import sql
from qgis.core import QgsGeometry

from ...capture.validation import label_language, validate_attributes
from ...i18n import tr
from .. import catalogue as cat
from . import formatting as fmt
from .queue import BOOKKEEPING, DUPLICATE_DISTANCE_M, approved_source


@dataclass
class FieldChange:
    name: str
    label: str
    approved: str
    proposed: str


@dataclass
class GeometryChange:
    moved_m: float
    area_before_m2: Optional[float] = None
    area_after_m2: Optional[float] = None

    def summary(self, lang: Optional[str] = None) -> str:
        parts = [tr("moved by {distance} m").format(distance=fmt.number(round(self.moved_m), 0, lang))]
        if self.area_before_m2 is not None and self.area_after_m2 is not None:
            parts.append(tr("area {before} → {after} m²").format(
                before=fmt.number(round(self.area_before_m2), 0, lang),
                after=fmt.number(round(self.area_after_m2), 0, lang)))
        return "; ".join(parts)


@dataclass
class DuplicateHit:
    kind: str
    uuid: str
    name: str
    municipality: str
    status: str
    distance_m: float
    same_address: bool


@dataclass
class SiteDiff:
    kind: str
    uuid: str
    version: int
    status: str
    name: str
    #: proposed values (catalogue names), the last approved ones (None: never approved)
    values: Dict[str, Any]
    approved: Optional[Dict[str, Any]]
    approved_version: Optional[int]
    geometry_wkt: str
    approved_geometry_wkt: str = ""
    changes: List[FieldChange] = field(default_factory=list)
    geometry: Optional[GeometryChange] = None
    duplicates: List[DuplicateHit] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)

    @property
    def is_change(self) -> bool:
        return self.approved is not None

    def rows(self, lang: Optional[str] = None) -> List[FieldChange]:
        """Side by side: for a change the changed fields, for a new site every field with a value."""
        if self.is_change:
            return list(self.changes)
        lang = lang or label_language()
        result = []
        for f in cat.fields_for(self.kind):
            text = fmt.value_text(f, self.values.get(f.name), lang)
            if text:
                result.append(FieldChange(f.name, f.label(lang), "", text))
        return result


_DUPLICATES = """
    SELECT o.kind, o.uuid::text, o.name, m.name, o.status, ST_Distance(o.geom, s.geom),
           coworking.norm_address(o.address) = coworking.norm_address(s.address)
      FROM (SELECT 'brownfield'::text AS kind, uuid, name, address, status, municipality_ags, geom
              FROM coworking.brownfield
            UNION ALL
            SELECT 'vacancy', uuid, name, address, status, municipality_ags, geom FROM coworking.vacancy) o
      JOIN coworking.municipality m ON m.ags = o.municipality_ags
     WHERE o.status <> 'archived' AND o.uuid <> s.uuid
       AND (ST_DWithin(o.geom, s.geom, {distance})
            OR coworking.norm_address(o.address) = coworking.norm_address(s.address))
"""


def diff(conn, kind: str, uuid: str, staff: bool = True) -> SiteDiff:
    """The site ``uuid`` of ``kind`` against its last approved version, with warnings (see the module)."""
    if kind not in cat.KINDS:
        raise ValueError(kind)
    statement = sql.SQL(
        "SELECT to_jsonb(s) - 'geom', ST_AsText(s.geom), ST_Area(s.geom), a.\"values\", ST_AsText(a.geom),"
        " ST_Area(a.geom), ST_Distance(ST_Centroid(a.geom), ST_Centroid(s.geom)),"
        " (SELECT coalesce(jsonb_agg(to_jsonb(d)), '[]') FROM ({dups}) d (kind, uuid, name, municipality, status,"
        "   distance_m, same_address))"
        " FROM coworking.{table} s LEFT JOIN {approved} a ON a.uuid = s.uuid WHERE s.uuid = %s"
    ).format(table=sql.Identifier(kind), approved=approved_source(kind, staff),
             dups=sql.SQL(_DUPLICATES).format(distance=sql.Literal(DUPLICATE_DISTANCE_M)))
    try:
        with conn.cursor() as cur:
            cur.execute(statement, (uuid,))
            row = cur.fetchone()
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    if row is None:
        raise LookupError(uuid)
    values, wkt, area, approved, approved_wkt, approved_area, moved, dups = row
    result = SiteDiff(kind, uuid, values["version"], values["status"], values.get("name") or "", values, approved,
                      approved.get("version") if approved else None, wkt or "", approved_wkt or "")
    if approved is not None:
        result.changes = _changes(kind, values, approved)
        if not QgsGeometry.fromWkt(wkt).equals(QgsGeometry.fromWkt(approved_wkt)):
            result.geometry = GeometryChange(moved or 0.0, *((approved_area, area) if kind == cat.BROWNFIELD
                                                             else (None, None)))
            result.changes.append(FieldChange("geom", fmt.field_label("geom"), tr("on the map: blue, dashed"),
                                              tr("{change} (on the map: red)").format(
                                                  change=result.geometry.summary())))
    result.duplicates = sorted((DuplicateHit(**d) for d in dups), key=lambda d: d.distance_m)
    result.warnings = warnings(result)
    return result


def _changes(kind: str, values: Dict[str, Any], approved: Dict[str, Any]) -> List[FieldChange]:
    lang = label_language()
    names = [f.name for f in cat.fields_for(kind) if f.name not in BOOKKEEPING]
    names += sorted(k for k in values if k not in BOOKKEEPING and k not in names)
    changes = []
    for name in names:
        if values.get(name) != approved.get(name):
            changes.append(FieldChange(name, fmt.field_label(name, lang),
                                       fmt.named_value(name, approved.get(name), lang) or "–",
                                       fmt.named_value(name, values.get(name), lang) or "–"))
    return changes


def warnings(d: SiteDiff) -> List[str]:
    """What the reviewer should look at before deciding (translated)."""
    lang = label_language()
    result = []
    for dup in d.duplicates:
        where = tr("{name} ({kind}, {municipality}, {status})").format(
            name=dup.name, kind=cat.KIND_LABELS[dup.kind][0 if lang == "de" else 1], municipality=dup.municipality,
            status=fmt.named_value("status", dup.status, lang))
        if dup.same_address:
            result.append(tr("Possible duplicate: {site} has the same address.").format(site=where))
        else:
            result.append(tr("Possible duplicate: {site} lies {distance} m away.").format(
                site=where, distance=fmt.number(round(dup.distance_m), 0, lang)))
    v = d.values
    if d.kind == cat.VACANCY and v.get("ownership") == "private" and not v.get("publication_consent"):
        result.append(tr("Consent to publication missing: a private vacancy stays out of the public view."))
    for issue in validate_attributes(d.kind, {k: val for k, val in v.items() if val is not None}):
        result.append(issue.message)
    return result
