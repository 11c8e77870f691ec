"""The rules for a site's geometry: not empty, of the right kind (polygon for a brownfield, point for a vacancy),
transformed to EPSG:25833, valid (self-intersections are refused with their location, or repaired on request) and
inside Landkreis Meißen."""

from __future__ import annotations

from functools import lru_cache
from typing import List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n import tr
from ..paths import resource
from ..register import catalogue as cat
from .validation import WARNING, Issue, range_message

#: How far (m) a site may lie outside the boundary of its municipality, and so of the county: the register's
#: default (setting location_tolerance_m, db/migrations), for the coarse VG5000 boundaries (1:5,000,000). A checkout
#: stores the register's own value in the working copy (``location_tolerance``).
LOCATION_TOLERANCE_M = 1000.0


def register_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(cat.REGISTER_CRS)


def to_register_crs(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsGeometry:
    """A copy of ``geometry`` in EPSG:25833. Raises QgsCsException if the transformation fails."""
    geom = QgsGeometry(geometry)
    target = register_crs()
    if crs.isValid() and crs != target:
        result = geom.transform(QgsCoordinateTransform(crs, target, QgsProject.instance().transformContext()))
        if result != QgsGeometry.OperationResult.Success:
            raise QgsCsException(f"transformation failed ({result})")
    return geom


@lru_cache(maxsize=4)
def county_geometry(tolerance: float = LOCATION_TOLERANCE_M) -> QgsGeometry:
    """The county outline (VG5000, shipped) in EPSG:25833, widened by ``tolerance`` as the register does."""
    layer = QgsVectorLayer(str(resource("data", "lk_meissen_kreis_vg5000.geojson")), "kreis", "ogr")
    geoms = [f.geometry() for f in layer.getFeatures()]
    outline = to_register_crs(QgsGeometry.unaryUnion(geoms), layer.crs())
    return outline.buffer(tolerance, 8)


def _site_geometry_kind(kind: str, geom: QgsGeometry) -> Tuple[Optional[QgsGeometry], Optional[str]]:
    gtype = geom.type()
    if kind == cat.BROWNFIELD:
        if gtype != QgsWkbTypes.GeometryType.PolygonGeometry:
            return None, tr("A brownfield needs an outline: digitise a polygon or take a polygon feature "
                            "(for example a parcel).")
        if not geom.isMultipart() and not geom.convertToMultiType():
            return None, tr("The polygon could not be stored as a multipolygon. Digitise it again.")
        return geom, None
    if gtype == QgsWkbTypes.GeometryType.PointGeometry:
        if geom.isMultipart():
            parts = geom.asMultiPoint()
            if len(parts) != 1:
                return None, tr("A vacancy is one building: click a single point.")
            geom = QgsGeometry.fromPointXY(parts[0])
        return geom, None
    if gtype == QgsWkbTypes.GeometryType.PolygonGeometry:  # e.g. a building footprint: its inner point
        return geom.pointOnSurface(), None
    return None, tr("A vacancy needs a point: click the building or take a building or address feature.")


def prepare_geometry(kind: str, geometry: Optional[QgsGeometry], crs: QgsCoordinateReferenceSystem,
                     repair: bool = False, tolerance: float = LOCATION_TOLERANCE_M,
                     ) -> Tuple[Optional[QgsGeometry], List[Issue]]:
    """The site geometry in EPSG:25833, of the kind's type, and the problems found.

    Self-intersections are reported with their location; with ``repair`` the geometry is repaired
    (makeValid) instead and a warning says so. The returned geometry is None when there are errors."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None, [Issue(tr("The site has no geometry yet. Digitise it on the map, search an address, or take "
                               "the geometry of a selected feature."))]
    try:
        geom = to_register_crs(geometry, crs)
    except QgsCsException as exc:
        return None, [Issue(tr("The geometry could not be transformed from {crs} to EPSG:25833 ({error}). Check "
                               "the layer's coordinate reference system.").format(crs=crs.authid(), error=exc))]
    geom, message = _site_geometry_kind(kind, geom)
    if message:
        return None, [Issue(message)]
    issues: List[Issue] = []
    errors = geom.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    if errors:
        if repair:
            fixed = geom.makeValid()
            if kind == cat.BROWNFIELD:
                fixed = QgsGeometry.collectGeometry(
                    [p for p in (fixed.asGeometryCollection() or [fixed])
                     if p.type() == QgsWkbTypes.GeometryType.PolygonGeometry])
                if not fixed.isMultipart() and not fixed.convertToMultiType():
                    fixed = QgsGeometry()
            geom = fixed
            issues.append(Issue(tr("The geometry was invalid and has been repaired. Check the outline on the map."),
                                severity=WARNING))
        else:
            err = errors[0]
            where = err.where() if err.hasWhere() else None
            text = tr("The outline is invalid ({error}) at E {x:.1f}, N {y:.1f} (EPSG:25833). Correct the outline "
                      "there, or choose “Repair geometry”.").format(
                error=err.what(), x=where.x() if where else 0.0, y=where.y() if where else 0.0)
            return None, [Issue(text, location=where)]
    if geom.isEmpty():
        return None, [Issue(tr("The geometry is empty after repair. Digitise the site again."))]
    if kind == cat.BROWNFIELD and geom.area() <= 0:
        return None, [Issue(range_message(cat.field_by_name("area_m2")), "area_m2")]
    if not county_geometry(tolerance).intersects(geom):
        centre = geom.centroid().asPoint()
        return None, [Issue(tr("The site lies outside Landkreis Meißen (at E {x:.0f}, N {y:.0f}, EPSG:25833). Check "
                               "the position and the coordinate reference system of the source, and place the site "
                               "inside the county.").format(x=centre.x(), y=centre.y()), location=centre)]
    return geom, issues
