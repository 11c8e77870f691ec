"""Load the OpenStreetMap POIs of every reference role a profile needs into the reference GeoPackage.

One Overpass query per role (overpass.py) for the county's bounding box (the shipped VG5000 outline with a 2 km
margin, so that services just across the border count for sites near it), written as one layer per role in
EPSG:25833 with the fields ``osm_id``, ``name`` and ``tags`` (JSON) and the ODbL attribution in its metadata.
Blocks: run it in a QgsTask (progress, cancel).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n import tr
from ..paths import resource
from ..qtcompat import FieldTypes
from ..register.catalogue import REGISTER_CRS
from ..tasks import TaskCanceled
from . import overpass, refgpkg

LOG = logging.getLogger(__name__)

#: degrees around the county outline (about 2 km north-south, 1.4 km east-west)
MARGIN_DEG = 0.02


@dataclass
class OsmLoad:
    """What a load brought: features per role, and the file."""

    path: str
    counts: Dict[str, int] = field(default_factory=dict)


def county_bbox(margin: float = MARGIN_DEG) -> Tuple[float, float, float, float]:
    """(west, south, east, north) in WGS84 of the shipped county outline plus ``margin`` degrees."""
    layer = QgsVectorLayer(str(resource("data", "lk_meissen_kreis_vg5000.geojson")), "kreis", "ogr")
    ext = layer.extent()
    return (round(ext.xMinimum() - margin, 5), round(ext.yMinimum() - margin, 5),
            round(ext.xMaximum() + margin, 5), round(ext.yMaximum() + margin, 5))


def osm_roles(roles: Sequence[str]) -> List[str]:
    """The roles among ``roles`` OpenStreetMap can fill, in the loader's order."""
    return [r for r in overpass.ROLE_FILTERS if r in roles]


def _fields() -> QgsFields:
    fields = QgsFields()
    for name in ("osm_id", "name", "tags"):
        fields.append(QgsField(name, FieldTypes.STRING, "String"))
    return fields


def layer_data(role: str, feats: List[overpass.OsmFeature], label: str = "") -> refgpkg.LayerData:
    """The features of one role as a layer in EPSG:25833."""
    xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                   QgsCoordinateReferenceSystem(REGISTER_CRS), QgsCoordinateTransformContext())
    fields = _fields()
    area = role in overpass.AREA_ROLES
    out = []
    for f in feats:
        if area:
            geom = QgsGeometry.fromMultiPolygonXY([[[QgsPointXY(x, y) for x, y in ring]] for ring in f.rings])
        else:
            geom = QgsGeometry.fromPointXY(QgsPointXY(f.lon, f.lat))
        if geom.transform(xform) != QgsGeometry.OperationResult.Success:
            LOG.warning("%s could not be projected to %s", f.osm_id, REGISTER_CRS)
            continue
        feat = QgsFeature(fields)
        feat.setGeometry(geom)
        feat.setAttributes([f.osm_id, f.name or None, json.dumps(f.tags, ensure_ascii=False, sort_keys=True)])
        out.append(feat)
    return refgpkg.LayerData(
        role, fields, QgsWkbTypes.Type.MultiPolygon if area else QgsWkbTypes.Type.Point, out,
        title=label or role,
        abstract="OpenStreetMap: " + "; ".join(overpass.ROLE_FILTERS[role]),
        attribution=overpass.ATTRIBUTION, licence=overpass.LICENCE)


def load_osm(path: str, roles: Sequence[str], url: str, timeout: float,
             labels: Optional[Dict[str, str]] = None,
             progress: Callable[[float], None] = lambda p: None,
             is_canceled: Callable[[], bool] = lambda: False,
             bbox: Optional[Tuple[float, float, float, float]] = None) -> OsmLoad:
    """Ask Overpass for every role in ``roles`` it can fill and write them into the GeoPackage at ``path``
    (replacing those layers, keeping the others). Raises OverpassError, ReferenceDataError, TaskCanceled."""
    import requests

    from ..capture.geocoder import user_agent

    wanted = osm_roles(roles)
    if not wanted:
        raise overpass.OverpassError(tr("The profile needs no layer OpenStreetMap can provide."))
    box = bbox or county_bbox()
    session = requests.Session()
    layers, result = [], OsmLoad(path)
    for k, role in enumerate(wanted):
        if is_canceled():
            raise TaskCanceled()
        data = overpass.fetch(url, overpass.build_query(role, box, int(timeout)), timeout, session,
                              user_agent())
        feats = overpass.features(data, role)
        layers.append(layer_data(role, feats, (labels or {}).get(role, "")))
        result.counts[role] = len(layers[-1].features)
        progress(90.0 * (k + 1) / len(wanted))
    if is_canceled():
        raise TaskCanceled()
    refgpkg.write_layers(path, layers)
    progress(100.0)
    return result
