"""QGIS layers in, numbers out, and scored features back: the glue between QGIS and the numpy core.

Any vector layer works as a reference (points, lines, polygons, any CRS): everything is projected to
EPSG:25833. Counts use one point per feature (point on surface); distances use points along lines and
polygon boundaries every ``SAMPLE_STEP_M`` metres (error at most half of that), and a site inside a
polygon has distance 0. Sites that are polygons are scored at their point on surface.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsWkbTypes,
)

if TYPE_CHECKING:  # numpy is imported where it is used: the plugin's start stays light
    import numpy as np

from ..i18n import tr
from ..register.catalogue import REGISTER_CRS
from . import indicators, scoring, services
from .indicators import Reference, Sites
from .profile import Profile
from .results import (  # noqa: F401  (the dock and the grid read these from here)
    model_fields,
    output_fields,
    score_columns,
    score_field_names,
    score_fields,
    score_values,
)

LOG = logging.getLogger(__name__)

SAMPLE_STEP_M = 20.0
TARGET_CRS = QgsCoordinateReferenceSystem(REGISTER_CRS)
AGS_FIELDS = ("ags", "AGS", "municipality_ags")
SINGLE_POINTS = (QgsWkbTypes.Type.Point, QgsWkbTypes.Type.PointZ, QgsWkbTypes.Type.PointM, QgsWkbTypes.Type.PointZM,
                 QgsWkbTypes.Type.Point25D)


def _context() -> QgsCoordinateTransformContext:
    return QgsProject.instance().transformContext()


def _transform(crs: QgsCoordinateReferenceSystem) -> Optional[QgsCoordinateTransform]:
    if not crs.isValid() or crs == TARGET_CRS:
        return None
    return QgsCoordinateTransform(crs, TARGET_CRS, _context())


def project_point(x: float, y: float, crs: str) -> Tuple[float, float]:
    xf = QgsCoordinateTransform(QgsCoordinateReferenceSystem(crs), TARGET_CRS, _context())
    p = xf.transform(QgsPointXY(x, y))
    return p.x(), p.y()


def _rings(geom: QgsGeometry) -> List[List[np.ndarray]]:
    import numpy as np

    polys = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    return [[np.array([(p.x(), p.y()) for p in ring]) for ring in poly if len(ring) >= 3] for poly in polys if poly]


def read_reference(source, attr_fields: Iterable[str] = (), is_canceled: Callable[[], bool] = lambda: False,
                   service: Optional[services.Spec] = None) -> Reference:
    """A layer (or feature source) as a Reference in EPSG:25833; with a ``service`` classification
    (services.py), the service of every point and sample."""
    if source is None:
        return Reference.empty()
    xform = _transform(source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs())
    names = source.fields().names()
    wanted = [f for f in attr_fields if f in names]
    ags_field = next((f for f in AGS_FIELDS if f in names), None)
    points, samples, polygons = [], [], []
    attrs: Dict[str, list] = {f: [] for f in wanted}
    if ags_field:
        attrs["ags"] = []
    classify = services.classifier(service) if service else None
    service_fields = [f for f in services.spec_fields(service) if f in names]
    point_services: List[str] = []
    sample_services: List[str] = []
    # only the attributes used, projected by the provider, one QgsFeature reused: reading 50,000 points takes
    # a third of what a plain loop over copies did
    request = QgsFeatureRequest()
    read = list(dict.fromkeys(wanted + service_fields + ([ags_field] if ags_field else [])))
    if read:
        request.setSubsetOfAttributes(read, source.fields())
    else:
        request.setNoAttributes()
    if xform is not None:
        request.setDestinationCrs(TARGET_CRS, _context())
        request.setTransformErrorCallback(lambda f: LOG.warning(
            "feature %s of a reference layer could not be projected to %s", f.id(), REGISTER_CRS))
    if getattr(source, "wkbType", lambda: None)() in SINGLE_POINTS:
        return _read_points(source, request, read, wanted, ags_field, classify, is_canceled)
    feat = QgsFeature()
    features = source.getFeatures(request)
    while features.nextFeature(feat):
        if is_canceled():
            break
        geom = feat.geometry()
        if geom.isNull():
            continue  # no geometry, or one that could not be projected
        n_points, n_samples = len(points), len(samples)
        if geom.wkbType() in SINGLE_POINTS:
            g = geom.constGet()
            points.append((g.x(), g.y()))
            samples.append(points[-1])
            gtype = QgsWkbTypes.GeometryType.PointGeometry
        elif geom.isEmpty():
            continue
        elif geom.type() == QgsWkbTypes.GeometryType.PointGeometry:
            gtype = geom.type()
            pts = geom.asMultiPoint() if geom.isMultipart() else [geom.asPoint()]
            points += [(p.x(), p.y()) for p in pts[:1]]
            samples += [(p.x(), p.y()) for p in pts]
        else:
            gtype = geom.type()
            p = geom.pointOnSurface().asPoint()
            points.append((p.x(), p.y()))
            outline = geom if gtype == QgsWkbTypes.GeometryType.LineGeometry else QgsGeometry(
                geom.constGet().boundary())
            dense = outline.densifyByDistance(SAMPLE_STEP_M)
            samples += _vertices(dense)
        if classify is not None:
            label = classify({f: feat[f] for f in service_fields})
            point_services += [label] * (len(points) - n_points)
            sample_services += [label] * (len(samples) - n_samples)
        # attributes follow polygons for polygon layers (several per multipolygon feature), else features
        for poly in (_rings(geom) if gtype == QgsWkbTypes.GeometryType.PolygonGeometry else [None]):
            if poly is not None:
                polygons.append(poly)
            for f in wanted:
                attrs[f].append(feat[f])
            if ags_field:
                attrs["ags"].append(str(feat[ags_field]))
    import numpy as np

    ref = Reference(np.array(points, dtype=float).reshape(-1, 2), np.array(samples, dtype=float).reshape(-1, 2),
                    polygons, attrs)
    if classify is not None:
        ref.services = np.array(point_services, dtype=object)
        ref.sample_services = np.array(sample_services, dtype=object)
    return ref


def _vertices(geom: QgsGeometry) -> List[Tuple[float, float]]:
    """The vertices of a 2D (multi)linestring, read from its WKB in one go (a Python call per vertex is what
    made reading the municipalities' outlines, sampled every 20 m, slow)."""
    import struct

    wkb = bytes(geom.asWkb())
    order = "<" if wkb[:1] == b"\x01" else ">"
    kind = struct.unpack_from(order + "I", wkb, 1)[0]
    if kind not in (2, 5):  # not a plain 2D line: the general way
        return [(v.x(), v.y()) for v in geom.vertices()]
    parts, offset = ([(0, wkb)] if kind == 2 else []), 9
    if kind == 5:
        for _ in range(struct.unpack_from(order + "I", wkb, 5)[0]):
            n = struct.unpack_from(order + "I", wkb, offset + 5)[0]
            parts.append((offset, wkb))
            offset += 9 + 16 * n
    out: List[Tuple[float, float]] = []
    for start, data in parts:
        n = struct.unpack_from(order + "I", data, start + 5)[0]
        flat = struct.unpack_from(order + f"{2 * n}d", data, start + 9)
        out += list(zip(flat[0::2], flat[1::2]))
    return out


def _read_points(source, request: QgsFeatureRequest, read: List[str], wanted: List[str], ags_field: Optional[str],
                 classify, is_canceled: Callable[[], bool]) -> Reference:
    """A layer of single points, the common case (stops, shops, stations): one tight loop, the points are
    their own samples."""
    import numpy as np

    index = [source.fields().indexOf(f) for f in read]
    xy: List[Tuple[float, float]] = []
    rows: List[list] = []
    feat = QgsFeature()
    features = source.getFeatures(request)
    k = 0
    while features.nextFeature(feat):
        k += 1
        if not k % 1024 and is_canceled():
            break
        g = feat.geometry()
        if g.isNull():
            continue  # no geometry, or one that could not be projected
        p = g.asPoint()  # quicker than constGet(); an empty point is NaN, dropped below
        xy.append((p.x(), p.y()))
        if index:
            values = feat.attributes()
            rows.append([values[i] for i in index])
    pts = np.array(xy, dtype=float).reshape(-1, 2)
    keep = np.isfinite(pts).all(axis=1)
    if not keep.all():
        pts = pts[keep]
        rows = [row for row, ok in zip(rows, keep.tolist()) if ok] if rows else rows
    columns = {f: [row[j] for row in rows] for j, f in enumerate(read)}
    attrs: Dict[str, list] = {f: columns[f] for f in wanted}
    if ags_field:
        attrs["ags"] = [str(v) for v in columns[ags_field]]
    ref = Reference(pts, None, [], attrs)
    if classify is not None:
        ref.services = np.array([classify(dict(zip(read, row))) for row in rows] if rows else
                                [classify({})] * len(pts), dtype=object)
        ref.sample_services = ref.services
    return ref


def needed_site_fields(profile: Profile) -> List[str]:
    """The site fields to read: derived from the profile's criteria and knock-out rules (``only_if`` too)."""
    return profile.site_fields()


def _site_point(geom: QgsGeometry) -> Tuple[float, float]:
    """A point site as it is; anything else at its point on surface (inside the polygon, unlike a centroid)."""
    if geom.isNull() or geom.isEmpty():
        return math.nan, math.nan
    if geom.type() == QgsWkbTypes.GeometryType.PointGeometry and not geom.isMultipart():
        p = geom.asPoint()
    else:
        p = geom.pointOnSurface().asPoint()
    return p.x(), p.y()


def read_sites(source, profile: Profile, is_canceled: Callable[[], bool] = lambda: False,
               ) -> Tuple[Sites, List[QgsFeature]]:
    """Sites in EPSG:25833 (points as they are, lines/polygons at their point on surface) and their features."""
    xform = _transform(source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs())
    names = source.fields().names()
    wanted = [f for f in needed_site_fields(profile) if f in names]
    index = [names.index(f) for f in wanted]
    xy, feats, rows = [], [], []
    for k, feat in enumerate(source.getFeatures(QgsFeatureRequest())):
        if not k % 256 and is_canceled():
            break
        geom = feat.geometry()
        point = geom.asPoint() if geom.wkbType() in SINGLE_POINTS else None
        if point is not None and math.isfinite(point.x()):  # the common case: a point, projected as a point
            x, y = point.x(), point.y()
            if xform is not None:
                try:
                    p = xform.transform(x, y)
                    x, y = p.x(), p.y()
                except QgsCsException:
                    x, y = math.nan, math.nan
            xy.append((x, y))
        elif geom.isNull() or geom.isEmpty():
            xy.append((math.nan, math.nan))
        else:
            geom = QgsGeometry(geom)
            if xform is not None and geom.transform(xform) != Qgis.GeometryOperationResult.Success:
                geom = QgsGeometry()
            xy.append(_site_point(geom))
        if index:
            values = feat.attributes()
            rows.append([values[i] for i in index])
        feats.append(feat)  # the iterator hands out a new feature each time
    attrs: Dict[str, list] = {f: [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                                  for v in (row[j] for row in rows)] for j, f in enumerate(wanted)}
    import numpy as np

    sites = Sites(np.array(xy, dtype=float).reshape(-1, 2), attrs, [f.id() for f in feats])
    return sites, feats


def read_references(layers: Dict[str, object], profile: Profile,
                    is_canceled: Callable[[], bool] = lambda: False) -> Dict[str, Reference]:
    refs = {}
    for role, layer in layers.items():
        if layer is None:
            continue
        extra = ([profile.population_field] if role == "municipalities" else []) + profile.reference_fields(role)
        refs[role] = read_reference(layer, extra, is_canceled, profile.references.get(role, {}).get("service"))
    return refs


@dataclass
class SuitabilityRun:
    """Sites with their cached indicator values: re-scoring after a weight or curve change is cheap."""

    profile: Profile
    sites: Sites
    features: List[QgsFeature]
    source_fields: QgsFields
    values: Dict[str, np.ndarray]
    spatial_key: str
    scores: Optional[scoring.Scores] = None
    problems: List[str] = field(default_factory=list)

    def rescore(self, profile: Optional[Profile] = None) -> scoring.Scores:
        if profile is not None:
            if profile.spatial_key() != self.spatial_key:
                raise ValueError("the profile's distances or layers changed: compute the indicators again")
            self.profile = profile
        self.scores = scoring.score(self.profile, self.values, self.sites)
        return self.scores


def compute_run(sites_source, reference_layers: Dict[str, object], profile: Profile,
                progress: Callable[[float], None] = lambda p: None,
                is_canceled: Callable[[], bool] = lambda: False) -> SuitabilityRun:
    """Read the layers, compute every indicator and score: the work of the Processing algorithm and the task."""
    sites, feats = read_sites(sites_source, profile, is_canceled)
    progress(10.0)
    refs = read_references(reference_layers, profile, is_canceled)
    progress(30.0)
    values = indicators.compute(profile, sites, refs, project_point,
                                progress=lambda p: progress(30.0 + 0.65 * p))
    problems = [f"feature {fid}: no geometry, not scored" for fid, ok in zip(sites.ids, sites.valid) if not ok]
    for role in profile.reference_roles():
        if role in reference_layers and reference_layers[role] is not None and len(refs[role].points) == 0:
            problems.append(tr("The reference layer “{role}” has no features.").format(role=role))
    for p in problems:
        LOG.warning("%s", p)
    run = SuitabilityRun(profile, sites, feats, sites_source.fields(), values, profile.spatial_key(),
                         problems=problems)
    run.rescore()
    progress(100.0)
    return run


def scored_features(run: SuitabilityRun, fields: QgsFields) -> Iterable[QgsFeature]:
    """Copies of the site features with the score fields filled, ready for a sink or a memory layer."""
    n_source = len(fields) - len(score_field_names(run.profile))
    source_index = [run.source_fields.indexOf(fields.at(k).name()) for k in range(n_source)]
    same = source_index == list(range(len(run.source_fields)))  # no stale score fields to leave out
    rows = zip(*score_columns(run.scores))
    for feat, row in zip(run.features, rows):
        out = QgsFeature(fields)
        out.setGeometry(feat.geometry())
        values = feat.attributes()
        out.setAttributes((values if same else [values[i] for i in source_index]) + list(row))
        yield out


class DetachedSource:
    """A layer's features, fields and CRS captured on the main thread, safe to read in a QgsTask.

    QgsVectorLayerFeatureSource is the thread-safe way to read a layer from a worker; it lacks fields() and
    the CRS, which the scoring needs, so they travel along.
    """

    def __init__(self, layer) -> None:
        from qgis.core import QgsVectorLayerFeatureSource

        self._source = QgsVectorLayerFeatureSource(layer)
        self._fields = QgsFields(layer.fields())
        self._crs = QgsCoordinateReferenceSystem(layer.crs())
        self._wkb_type = layer.wkbType()
        self.name = layer.name()

    def fields(self) -> QgsFields:
        return self._fields

    def sourceCrs(self) -> QgsCoordinateReferenceSystem:  # noqa: N802
        return self._crs

    def wkbType(self):  # noqa: N802
        return self._wkb_type

    def getFeatures(self, request: Optional[QgsFeatureRequest] = None):  # noqa: N802
        return self._source.getFeatures(request or QgsFeatureRequest())
