"""Raw indicator values for every site: distances, counts, site fields, population (numpy, no QGIS).

The QGIS side (``layers.py``) turns layers into :class:`Sites` and :class:`Reference`; this module only
does arithmetic, so it is tested against brute force without a GUI and reused for the hexagon grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .profile import Criterion, Profile
from .spatial import PointIndex

Ring = np.ndarray  # (k, 2) closed or open ring of x, y


@dataclass
class Sites:
    """Sites to score: ``xy`` in metres (EPSG:25833), NaN where a site has no geometry."""

    xy: np.ndarray
    attrs: Dict[str, Sequence] = field(default_factory=dict)
    ids: List[object] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.xy)

    @property
    def valid(self) -> np.ndarray:
        return np.isfinite(self.xy).all(axis=1)


@dataclass
class Reference:
    """One reference layer as numbers: a point per feature (counts), points along it (distances), polygons."""

    points: np.ndarray
    samples: Optional[np.ndarray] = None
    polygons: List[List[Ring]] = field(default_factory=list)  # per feature: exterior ring, then holes
    attrs: Dict[str, Sequence] = field(default_factory=dict)
    _index: Dict[str, PointIndex] = field(default_factory=dict, repr=False)

    @staticmethod
    def empty() -> Reference:
        return Reference(np.zeros((0, 2)))

    @property
    def sample_points(self) -> np.ndarray:
        return self.points if self.samples is None else self.samples


def combined_index(refs: Dict[str, Reference], roles: Sequence[str], which: str,
                   cache: Dict[Tuple, PointIndex]) -> PointIndex:
    """A PointIndex over the ``which`` ("points" or "samples") of several reference layers, cached by roles."""
    key = (tuple(roles), which)
    if key not in cache:
        parts = [(r.points if which == "points" else r.sample_points) for r in (refs.get(x) for x in roles) if r]
        pts = np.concatenate(parts) if parts else np.zeros((0, 2))
        cache[key] = PointIndex(pts)
    return cache[key]


def points_in_polygons(xy: np.ndarray, polygons: List[List[Ring]]) -> np.ndarray:
    """Index of the first polygon containing each point, -1 where none does (even-odd rule, holes respected)."""
    out = np.full(len(xy), -1, dtype=np.int64)
    finite = np.isfinite(xy).all(axis=1)
    for pi, rings in enumerate(polygons):
        if not rings:
            continue
        ext = rings[0]
        cand = np.nonzero(finite & (out < 0) & (xy[:, 0] >= ext[:, 0].min()) & (xy[:, 0] <= ext[:, 0].max())
                          & (xy[:, 1] >= ext[:, 1].min()) & (xy[:, 1] <= ext[:, 1].max()))[0]
        if len(cand) == 0:
            continue
        px, py = xy[cand, 0], xy[cand, 1]
        inside = np.zeros(len(cand), dtype=bool)
        for ring in rings:
            x1, y1 = ring[:, 0], ring[:, 1]
            x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
            for a in range(0, len(x1), 512):  # bound the (points x edges) temporary
                b = slice(a, a + 512)
                cond = (y1[b][None, :] > py[:, None]) != (y2[b][None, :] > py[:, None])
                with np.errstate(divide="ignore", invalid="ignore"):
                    xi = x1[b][None, :] + (py[:, None] - y1[b][None, :]) * (x2[b] - x1[b])[None, :] / (
                        y2[b] - y1[b])[None, :]
                inside ^= (np.count_nonzero(cond & (px[:, None] < xi), axis=1) % 2).astype(bool)
        out[cand[inside]] = pi
    return out


def _number(v) -> float:
    if v is None:
        return math.nan
    if hasattr(v, "isNull") and v.isNull():
        return math.nan
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, str):
        t = v.strip().lower()
        if t in ("true", "t", "yes", "ja", "1"):
            return 1.0
        if t in ("false", "f", "no", "nein", "0"):
            return 0.0
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return math.nan
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def site_field_values(c: Criterion, values: Optional[Sequence], n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    if c.values:
        return np.array([c.values.get(str(v), math.nan) if v is not None else math.nan for v in values], dtype=float)
    return np.array([_number(v) for v in values], dtype=float)


def municipality_of(sites: Sites, refs: Dict[str, Reference]) -> np.ndarray:
    """Index of the municipality polygon containing each site (-1: none, or no municipality layer)."""
    mun = refs.get("municipalities")
    if mun is None or not mun.polygons:
        return np.full(len(sites), -1, dtype=np.int64)
    return points_in_polygons(sites.xy, mun.polygons)


def population(profile: Profile, sites: Sites, refs: Dict[str, Reference], mun_idx: np.ndarray) -> np.ndarray:
    """Inhabitants of each site's municipality: the profile's table by AGS first, then the layer's field."""
    n = len(sites)
    mun = refs.get("municipalities")
    layer_ags = list(mun.attrs.get("ags", [])) if mun else []
    layer_pop = list(mun.attrs.get(profile.population_field, [])) if mun else []
    own_ags = sites.attrs.get("municipality_ags")
    out = np.full(n, np.nan)
    for i in range(n):
        j = int(mun_idx[i])
        ags = own_ags[i] if own_ags is not None and own_ags[i] not in (None, "") else None
        if ags is None and 0 <= j < len(layer_ags):
            ags = layer_ags[j]
        if ags is not None and str(ags) in profile.population_by_ags:
            out[i] = profile.population_by_ags[str(ags)]
        elif 0 <= j < len(layer_pop):
            out[i] = _number(layer_pop[j])
    return out


def compute(profile: Profile, sites: Sites, refs: Dict[str, Reference],
            project_point: Optional[Callable[[float, float, str], Tuple[float, float]]] = None,
            progress: Optional[Callable[[float], None]] = None,
            cache: Optional[Dict[Tuple, PointIndex]] = None) -> Dict[str, np.ndarray]:
    """Indicator value per criterion id (NaN: unknown). Also ``_in_county`` (1/0, NaN: no county layer).

    ``project_point(x, y, crs)`` brings a criterion's fixed point (Dresden Hbf) into EPSG:25833.
    """
    cache = {} if cache is None else cache
    n = len(sites)
    valid = sites.valid
    xy = np.where(valid[:, None], sites.xy, 0.0)
    out: Dict[str, np.ndarray] = {}
    mun_idx = municipality_of(sites, refs)
    for step, c in enumerate(profile.criteria):
        if c.kind == "nearest":
            v = combined_index(refs, c.layers, "samples", cache).nearest(xy)
            v = np.where(np.isinf(v), np.nan, v)  # no reference features: unknown, not "infinitely far"
            for role in c.layers:  # inside a polygon of the layer: distance 0
                ref = refs.get(role)
                if ref is not None and ref.polygons:
                    v = np.where(points_in_polygons(xy, ref.polygons) >= 0, 0.0, v)
        elif c.kind == "count":
            idx = combined_index(refs, c.layers, "points", cache)
            v = idx.count_within(xy, c.radius_m).astype(float)
            if not any(refs.get(r) is not None for r in c.layers):
                v = np.full(n, np.nan)
        elif c.kind == "distance_to_point":
            px, py = c.point if c.point_crs.upper() == "EPSG:25833" or project_point is None else project_point(
                c.point[0], c.point[1], c.point_crs)
            v = np.hypot(xy[:, 0] - px, xy[:, 1] - py)
        elif c.kind == "population":
            v = population(profile, sites, refs, mun_idx)
        else:  # site_field
            v = site_field_values(c, sites.attrs.get(c.field), n)
        v = np.asarray(v, dtype=float) * c.scale
        if c.spatial:
            v = np.where(valid, v, np.nan)
        out[c.id] = v
        if progress:
            progress(100.0 * (step + 1) / len(profile.criteria))
    mun = refs.get("municipalities")
    out["_in_county"] = (np.where(mun_idx >= 0, 1.0, 0.0) if mun is not None and mun.polygons
                         else np.full(n, np.nan))
    return out
