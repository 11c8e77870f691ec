"""The county-wide suitability grid: hexagons scored for every model before any site is known.

The grid shows what the location offers (transport, services, landscape, population); a site's own
attributes (floor area, broadband of the building, anchor tenant...) are unknown for a hexagon, so the
grid profile drops the ``site_field`` criteria from every model and re-normalises the remaining weights.
"""

from __future__ import annotations

import math
from typing import Callable, Dict, Optional, Tuple

import numpy as np
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from ..register.catalogue import REGISTER_CRS
from . import indicators, scoring
from .indicators import Reference, Sites
from .layers import model_fields, project_point
from .profile import Profile

Extent = Tuple[float, float, float, float]


def hex_centres(extent: Extent, radius_m: float) -> np.ndarray:
    """Centres of pointy-top hexagons (circumradius ``radius_m``) covering ``extent`` (xmin, ymin, xmax, ymax)."""
    xmin, ymin, xmax, ymax = extent
    dx = math.sqrt(3.0) * radius_m
    dy = 1.5 * radius_m
    rows = np.arange(ymin, ymax + dy, dy)
    cols = np.arange(xmin, xmax + dx, dx)
    xx, yy = np.meshgrid(cols, rows)
    xx = xx + (np.arange(len(rows))[:, None] % 2) * dx / 2.0
    return np.column_stack([xx.ravel(), yy.ravel()])


def hexagon(cx: float, cy: float, radius_m: float) -> QgsGeometry:
    pts = [QgsPointXY(cx + radius_m * math.cos(math.radians(30 + 60 * k)),
                      cy + radius_m * math.sin(math.radians(30 + 60 * k))) for k in range(7)]
    return QgsGeometry.fromPolygonXY([pts])


def grid_profile(profile: Profile) -> Profile:
    """The profile without the site's own criteria (unknown for a hexagon)."""
    p = profile.copy()
    own = {c.id for c in p.criteria if c.kind == "site_field"}
    for m in p.models:
        m.weights = {k: w for k, w in m.weights.items() if k not in own}
    p.knockouts = [k for k in p.knockouts if k.rule == "outside_county"]
    return p


def score_grid(profile: Profile, refs: Dict[str, Reference], radius_m: float = 1000.0,
               extent: Optional[Extent] = None,
               progress: Callable[[float], None] = lambda p: None) -> Tuple[np.ndarray, scoring.Scores]:
    """Centres inside the county (municipality polygons) and their scores."""
    mun = refs.get("municipalities")
    if extent is None:
        if mun is None or not mun.polygons:
            raise ValueError("the grid needs the municipalities layer (county outline) or an extent")
        allpts = np.concatenate([ring for poly in mun.polygons for ring in poly[:1]])
        extent = (allpts[:, 0].min(), allpts[:, 1].min(), allpts[:, 0].max(), allpts[:, 1].max())
    centres = hex_centres(extent, radius_m)
    if mun is not None and mun.polygons:
        centres = centres[indicators.points_in_polygons(centres, mun.polygons) >= 0]
    gp = grid_profile(profile)
    sites = Sites(centres)
    values = indicators.compute(gp, sites, refs, project_point, progress=progress)
    return centres, scoring.score(gp, values, sites)


def grid_layer(profile: Profile, centres: np.ndarray, scores: scoring.Scores, radius_m: float,
               name: str = "suitability grid", lang: str = "en") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={REGISTER_CRS}", name, "memory")
    layer.dataProvider().addAttributes(model_fields(profile, lang).toList())
    layer.updateFields()
    feats = []
    for i, (x, y) in enumerate(centres):
        f = QgsFeature(layer.fields())
        f.setGeometry(hexagon(float(x), float(y), radius_m))
        f.setAttributes([round(float(s), 2) for s in scores.scores[i]] + [scores.best[i]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer
