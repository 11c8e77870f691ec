"""The stations of a GTFS feed (gtfs.py) as the reference layer ``transit_stops`` of the reference GeoPackage."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsWkbTypes,
)

from ..qtcompat import FieldTypes
from ..register.catalogue import REGISTER_CRS
from . import gtfs, refgpkg

ROLE = "transit_stops"
#: degrees around the county's bounding box whose stations are read (Dresden Hbf lies inside)
MARGIN_DEG = 0.1


def _fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("stop_id", FieldTypes.STRING), ("name", FieldTypes.STRING),
                       ("departures_per_hour", FieldTypes.DOUBLE), ("minutes_to_dresden", FieldTypes.DOUBLE),
                       ("minutes_to_centre", FieldTypes.DOUBLE), ("centre", FieldTypes.STRING),
                       ("service_date", FieldTypes.STRING)):
        fields.append(QgsField(name, kind))
    return fields


def layer_data(result: gtfs.TransitResult, attribution: str = "", licence: str = "") -> refgpkg.LayerData:
    xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                   QgsCoordinateReferenceSystem(REGISTER_CRS), QgsCoordinateTransformContext())
    fields = _fields()
    centres = [name for name, _x, _y in gtfs.CENTRES]
    feats = []
    for s in result.stations:
        if not s.departures and not s.minutes:
            continue  # no service in the window: not a stop for this weekday morning
        geom = QgsGeometry.fromPointXY(QgsPointXY(s.lon, s.lat))
        if geom.transform(xform) != QgsGeometry.OperationResult.Success:
            continue
        reached = [(s.minutes[c], c) for c in centres if c in s.minutes]
        centre = min(reached) if reached else (None, None)
        feat = QgsFeature(fields)
        feat.setGeometry(geom)
        feat.setAttributes([s.stop_id, s.name, round(result.departures_per_hour(s), 2),
                            s.minutes.get(gtfs.DRESDEN_HBF[0]), centre[0], centre[1],
                            result.service_date.isoformat()])
        feats.append(feat)
    return refgpkg.LayerData(
        ROLE, fields, QgsWkbTypes.Type.Point, feats, title="ÖPNV-Haltestellen (GTFS)",
        abstract=(f"GTFS {result.publisher}: departures per hour 6-9 h and fastest scheduled journeys (connection "
                  f"scan) on {result.service_date.isoformat()}").strip(),
        attribution=attribution or result.publisher, licence=licence)


def load_gtfs(feed: str, path: str, day: Optional[dt.date] = None, attribution: str = "", licence: str = "",
              bbox: Optional[Tuple[float, float, float, float]] = None,
              progress: Callable[[float], None] = lambda p: None,
              is_canceled: Callable[[], bool] = lambda: False) -> gtfs.TransitResult:
    """Read the feed and write ``transit_stops`` into the reference GeoPackage (replacing it)."""
    from .osm import county_bbox

    result = gtfs.read_feed(feed, day=day, bbox=bbox or county_bbox(MARGIN_DEG), progress=lambda p: progress(0.9 * p),
                            is_canceled=is_canceled)
    refgpkg.write_layers(path, [layer_data(result, attribution, licence)])
    progress(100.0)
    return result
