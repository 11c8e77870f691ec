"""Replace the municipalities' boundaries of an installed register with finer ones (VG25, ALKIS, …).

The one entry point of the Processing algorithm ``coworking:install_boundaries``. The plugin ships the BKG's
VG5000 (1:5,000,000), coarse enough that a real site may lie several hundred metres outside its municipality's
polygon, hence the register's tolerance of 1,000 m (``coworking.setting`` ``location_tolerance_m``, checked by
``guard_location``, RG016/RG017). With finer boundaries the tolerance can drop to a few metres.

One transaction: the boundaries of all 28 municipalities of the county (and, if given, the new tolerance), or
nothing. Keys and names stay those of the register; only geometry and source change. Features of other
municipalities (a layer of all Saxony) are skipped. Refused, with a translated message, when a municipality of
the county is missing, a geometry is invalid, or a new boundary hardly overlaps the current one (wrong key or
coordinate reference system).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from psycopg2.extras import execute_values

from ..core.i18n import tr
from ..core.register.catalogue import MUNICIPALITY_NAMES
from .install import update_settings

LOG = logging.getLogger(__name__)

#: a new boundary must share at least this part of its area with the current one
MIN_OVERLAP = 0.5


class BoundaryError(ValueError):
    """The boundaries cannot be installed as given; the (translated) message says what to fix. Nothing changed."""


@dataclass
class BoundaryReport:
    replaced: int = 0
    skipped: int = 0            # features of municipalities outside the county, or without a key or geometry
    tolerance_m: float = 0.0    # the register's tolerance afterwards
    sites_outside: int = 0      # sites (not archived, no exception) farther than that from their municipality

    def summary(self) -> str:
        text = tr("Boundaries of %n municipality(ies) replaced.", "", self.replaced) + " " + tr(
            "Tolerance for where a site lies: {tolerance} m.").format(tolerance=f"{self.tolerance_m:g}")
        if self.skipped:
            text += " " + tr("%n feature(s) of other municipalities or without key skipped.", "", self.skipped)
        return text


def municipality_key(value) -> Optional[str]:
    """The 8-digit official key (AGS) from an AGS or a 12-digit regional key (ARS), as text or number."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{12}", text):  # ARS: Land, district, county (5), association (4), municipality (3)
        return text[:5] + text[9:]
    return text if re.fullmatch(r"\d{8}", text) else None


def _names(keys: Iterable[str]) -> str:
    return ", ".join(f"{MUNICIPALITY_NAMES[k]} ({k})" for k in sorted(keys))


def replace_boundaries(conn, parts: Iterable[Tuple[object, str]], source: str,
                       tolerance_m: Optional[float] = None) -> BoundaryReport:
    """Replace the boundaries from ``parts``, (key, WKT in EPSG:25833) per feature, and commit.

    Several parts with one key are merged. ``tolerance_m`` (None: keep) becomes ``location_tolerance_m``.
    """
    by_key: Dict[str, List[str]] = {}
    report = BoundaryReport()
    for key, wkt in parts:
        ags = municipality_key(key)
        if ags in MUNICIPALITY_NAMES and wkt:
            by_key.setdefault(ags, []).append(wkt)
        else:
            report.skipped += 1
    missing = set(MUNICIPALITY_NAMES) - set(by_key)
    if missing:
        raise BoundaryError(tr(
            "The layer lacks %n municipality(ies) of the county: {names}. Choose the field with the 8-digit key "
            "(AGS, e.g. 14627140) or the 12-digit regional key (ARS), and a layer that covers the whole county. "
            "Nothing was changed.", "", len(missing)).format(names=_names(missing)))
    try:
        with conn.cursor() as cur:
            _stage(cur, by_key)
            keys = sorted(by_key)
            cur.execute(
                "INSERT INTO coworking.municipality (ags, name, geom, source)"
                " SELECT b.ags, n.name, ST_Multi(b.geom), %s FROM pg_temp.boundary b"
                " JOIN unnest(%s::text[], %s::text[]) AS n (ags, name) ON n.ags = b.ags"
                " ON CONFLICT (ags) DO UPDATE SET geom = EXCLUDED.geom, source = EXCLUDED.source",
                (source, keys, [MUNICIPALITY_NAMES[k] for k in keys]))
            report.replaced = cur.rowcount
            update_settings(cur, location_tolerance_m=tolerance_m)
            cur.execute("SELECT coworking.location_tolerance()")
            report.tolerance_m = cur.fetchone()[0]
            report.sites_outside = _sites_outside(cur)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    LOG.info("municipality boundaries replaced from %s: %s", source, report.summary())
    return report


def _stage(cur, by_key: Dict[str, List[str]]) -> None:
    """The new boundaries in a temporary table, one valid (multi)polygon per municipality, checked against the
    current ones; a BoundaryError names what is wrong."""
    cur.execute("CREATE TEMP TABLE boundary_part (ags text NOT NULL, geom geometry NOT NULL) ON COMMIT DROP")
    execute_values(cur, "INSERT INTO pg_temp.boundary_part (ags, geom) VALUES %s",
                   [(ags, wkt) for ags, wkts in by_key.items() for wkt in wkts],
                   template="(%s, ST_GeomFromText(%s, 25833))")
    cur.execute("SELECT DISTINCT ags FROM pg_temp.boundary_part WHERE NOT ST_IsValid(geom) OR ST_Dimension(geom) <> 2")
    invalid = [r[0] for r in cur.fetchall()]
    if invalid:
        raise BoundaryError(tr(
            "The boundaries of {names} are not valid polygons. Repair them (Processing: Fix geometries) and run "
            "again. Nothing was changed.").format(names=_names(invalid)))
    cur.execute("CREATE TEMP TABLE boundary ON COMMIT DROP AS SELECT ags, ST_CollectionExtract(ST_Union(geom), 3)"
                " AS geom FROM pg_temp.boundary_part GROUP BY ags")
    cur.execute("SELECT b.ags FROM pg_temp.boundary b JOIN coworking.municipality m ON m.ags = b.ags"
                " WHERE m.geom IS NOT NULL AND ST_Area(ST_Intersection(b.geom, m.geom)) < %s * ST_Area(b.geom)",
                (MIN_OVERLAP,))
    astray = [r[0] for r in cur.fetchall()]
    if astray:
        raise BoundaryError(tr(
            "The new boundaries of {names} hardly overlap the current ones: is the key field right, and the layer's "
            "coordinate reference system? Nothing was changed.").format(names=_names(astray)))


def _sites_outside(cur) -> int:
    """Sites now farther than the tolerance from the municipality they name: kept as they are (the rule checks a
    site when its position or municipality changes), counted so the administrator can look at them."""
    cur.execute(
        "SELECT count(*) FROM (SELECT municipality_ags, geom, status, location_override_reason"
        " FROM coworking.brownfield UNION ALL"
        " SELECT municipality_ags, geom, status, location_override_reason FROM coworking.vacancy) s"
        " JOIN coworking.municipality m ON m.ags = s.municipality_ags"
        " WHERE s.status <> 'archived' AND s.location_override_reason IS NULL"
        " AND NOT ST_DWithin(m.geom, s.geom, coworking.location_tolerance())")
    return cur.fetchone()[0]
