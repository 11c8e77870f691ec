"""QGIS layers in, numbers out, and scored features back: the glue between QGIS and the numpy core.

Any vector layer works as a reference (points, lines, polygons, any CRS): everything is projected to
EPSG:25833. Counts use one point per feature (point on surface); distances use points along lines and
polygon boundaries every ``SAMPLE_STEP_M`` metres (error at most half of that), and a site inside a
polygon has distance 0. Sites that are polygons are scored at their point on surface.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsWkbTypes,
)

from ..qtcompat import FieldTypes

if TYPE_CHECKING:  # numpy is imported where it is used: the plugin's start stays light
    import numpy as np

from ..i18n import tr
from ..register.catalogue import REGISTER_CRS
from ..sync.workingcopy import encode_multi
from . import indicators, scoring
from .indicators import Reference, Sites
from .profile import Profile

LOG = logging.getLogger(__name__)

SAMPLE_STEP_M = 20.0
TARGET_CRS = QgsCoordinateReferenceSystem(REGISTER_CRS)
AGS_FIELDS = ("ags", "AGS", "municipality_ags")


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
                   ) -> Reference:
    """A layer (or feature source) as a Reference in EPSG:25833."""
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
    for feat in source.getFeatures():
        if is_canceled():
            break
        geom = QgsGeometry(feat.geometry())
        if geom.isNull() or geom.isEmpty():
            continue
        if xform is not None and geom.transform(xform) != Qgis.GeometryOperationResult.Success:
            LOG.warning("feature %s of a reference layer could not be projected to %s", feat.id(), REGISTER_CRS)
            continue
        gtype = geom.type()
        if gtype == QgsWkbTypes.GeometryType.PointGeometry:
            pts = geom.asMultiPoint() if geom.isMultipart() else [geom.asPoint()]
            points += [(p.x(), p.y()) for p in pts[:1]]
            samples += [(p.x(), p.y()) for p in pts]
        else:
            p = geom.pointOnSurface().asPoint()
            points.append((p.x(), p.y()))
            outline = geom if gtype == QgsWkbTypes.GeometryType.LineGeometry else QgsGeometry(
                geom.constGet().boundary())
            dense = outline.densifyByDistance(SAMPLE_STEP_M)
            samples += [(v.x(), v.y()) for v in dense.vertices()]
            if gtype == QgsWkbTypes.GeometryType.PolygonGeometry:
                for poly in _rings(geom):
                    polygons.append(poly)
                    # attributes follow polygons (several per multipolygon feature)
                    for f in wanted:
                        attrs[f].append(feat[f])
                    if ags_field:
                        attrs["ags"].append(str(feat[ags_field]))
                continue
        for f in wanted:
            attrs[f].append(feat[f])
        if ags_field:
            attrs["ags"].append(str(feat[ags_field]))
    import numpy as np

    return Reference(np.array(points, dtype=float).reshape(-1, 2), np.array(samples, dtype=float).reshape(-1, 2),
                     polygons, attrs)


def needed_site_fields(profile: Profile) -> List[str]:
    wanted = [c.field for c in profile.criteria if c.kind == "site_field"]
    wanted += [k.field for k in profile.knockouts if k.field]
    wanted.append("municipality_ags")
    return list(dict.fromkeys(wanted))


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
    xy, feats = [], []
    attrs: Dict[str, list] = {f: [] for f in wanted}
    for feat in source.getFeatures(QgsFeatureRequest()):
        if is_canceled():
            break
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            xy.append((math.nan, math.nan))
        else:
            geom = QgsGeometry(geom)
            if xform is not None and geom.transform(xform) != Qgis.GeometryOperationResult.Success:
                geom = QgsGeometry()
            xy.append(_site_point(geom))
        for f in wanted:
            v = feat[f]
            attrs[f].append(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
        feats.append(QgsFeature(feat))
    import numpy as np

    sites = Sites(np.array(xy, dtype=float).reshape(-1, 2), attrs, [f.id() for f in feats])
    return sites, feats


def read_references(layers: Dict[str, object], profile: Profile,
                    is_canceled: Callable[[], bool] = lambda: False) -> Dict[str, Reference]:
    refs = {}
    for role, layer in layers.items():
        if layer is None:
            continue
        extra = [profile.population_field] if role == "municipalities" else []
        refs[role] = read_reference(layer, extra, is_canceled)
    return refs


# -- result fields -----------------------------------------------------------------------------------------
def score_field_names(profile: Profile) -> List[str]:
    names = [f"s_{m}" for m in profile.model_ids]
    names += ["best_model", "best_score", "target_groups_served", "knockout"]
    names += [f"v_{c}" for c in profile.criterion_ids] + [f"p_{c}" for c in profile.criterion_ids]
    names.append("explanation")
    return names


def model_fields(profile: Profile, lang: str = "en") -> QgsFields:
    """One score field per model (``s_<model>``, aliased with its label) and ``best_model``: what the site
    layer and the hexagon grid both carry."""
    fields = QgsFields()
    for m in profile.models:
        f = QgsField(f"s_{m.id}", FieldTypes.DOUBLE, "Real")
        f.setAlias(m.label(lang))
        fields.append(f)
    fields.append(QgsField("best_model", FieldTypes.STRING, "String"))
    return fields


def score_fields(profile: Profile, lang: str = "en") -> QgsFields:
    fields = model_fields(profile, lang)
    fields.append(QgsField("best_score", FieldTypes.DOUBLE, "Real"))
    fields.append(QgsField("target_groups_served", FieldTypes.STRING, "String"))
    fields.append(QgsField("knockout", FieldTypes.STRING, "String"))
    for prefix in ("v_", "p_"):
        for c in profile.criteria:
            f = QgsField(prefix + c.id, FieldTypes.DOUBLE, "Real")
            f.setAlias(c.label(lang) + (f" ({c.unit})" if prefix == "v_" and c.unit else " (0..1)" if prefix == "p_"
                                        else ""))
            fields.append(f)
    fields.append(QgsField("explanation", FieldTypes.STRING, "String"))
    return fields


def output_fields(source_fields: QgsFields, profile: Profile, lang: str = "en") -> QgsFields:
    """The source's fields (minus stale score fields from an earlier run) plus the score fields."""
    ours = set(score_field_names(profile))
    fields = QgsFields()
    for f in source_fields:
        if f.name() not in ours:
            fields.append(f)
    for f in score_fields(profile, lang):
        fields.append(f)
    return fields


def _num(v: float):
    return None if v is None or not math.isfinite(v) else round(float(v), 4)


def score_values(scores: scoring.Scores, i: int) -> List[object]:
    """The score fields of site ``i``, in the order of :func:`score_fields`."""
    row: List[object] = [_num(s) for s in scores.scores[i]]
    row += [scores.best[i] or None, _num(scores.best_score[i]), encode_multi(scores.served[i]) or None,
            ",".join(scores.knockouts[i]) or None]
    row += [_num(v) for v in scores.values[i]]
    row += [_num(p) for p in scores.partials[i]]
    explanation = {m: [[c["criterion"], _num(c["value"]), _num(c["partial"]), c["weight"], _num(c["points"])]
                       for c in scores.contributions(i, m)] for m in scores.model_ids}
    row.append(json.dumps(explanation, separators=(",", ":")))
    return row


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
    src_names = [fields.at(k).name() for k in range(n_source)]
    for i, feat in enumerate(run.features):
        out = QgsFeature(fields)
        out.setGeometry(feat.geometry())
        attrs = [feat[name] for name in src_names] + score_values(run.scores, i)
        out.setAttributes(attrs)
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
        self.name = layer.name()

    def fields(self) -> QgsFields:
        return self._fields

    def sourceCrs(self) -> QgsCoordinateReferenceSystem:  # noqa: N802
        return self._crs

    def getFeatures(self, request: Optional[QgsFeatureRequest] = None):  # noqa: N802
        return self._source.getFeatures(request or QgsFeatureRequest())
