"""Raw indicator values for every site: distances, counts, site fields, population (numpy, no QGIS).

The QGIS side (``layers.py``) turns layers into :class:`Sites` and :class:`Reference`; this module only
does arithmetic, so it is tested against brute force without a GUI and reused for the hexagon grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .profile import AGS_FIELD, Criterion, Profile
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
    #: the service of each point and each sample (services.py); None: the layer is not classified
    services: Optional[np.ndarray] = None
    sample_services: Optional[np.ndarray] = None

    @staticmethod
    def empty() -> Reference:
        return Reference(np.zeros((0, 2)))

    @property
    def sample_points(self) -> np.ndarray:
        return self.points if self.samples is None else self.samples


def of_services(ref: Reference, which: str, services: Sequence[str]) -> np.ndarray:
    pts = ref.points if which == "points" else ref.sample_points
    labels = ref.services if which == "points" or ref.samples is None else ref.sample_services
    if not services or labels is None or len(labels) != len(pts):
        return pts  # no filter, or a layer nobody classified: every feature counts
    return pts[np.isin(labels, list(services))]


def combined_index(refs: Dict[str, Reference], roles: Sequence[str], which: str,
                   cache: Dict[Tuple, PointIndex], services: Sequence[str] = ()) -> PointIndex:
    """A PointIndex over the ``which`` ("points" or "samples") of several reference layers, cached by roles;
    with ``services``, only the features offering one of them."""
    key = (tuple(roles), which, tuple(services))
    if key not in cache:
        parts = [of_services(r, which, services) for r in (refs.get(x) for x in roles) if r]
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


def densify(ring: Ring, step: float = 20.0) -> np.ndarray:
    """Points along a closed ring at most ``step`` apart (as layers.SAMPLE_STEP_M for layers)."""
    a = np.asarray(ring, dtype=float)
    b = np.roll(a, -1, axis=0)
    out = []
    for p, q in zip(a, b):
        k = max(int(np.ceil(np.hypot(*(q - p)) / step)), 1)
        t = np.arange(k)[:, None] / k
        out.append(p + t * (q - p))
    return np.concatenate(out) if out else a.reshape(-1, 2)


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


def _key(v) -> Optional[str]:
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return None
    text = str(v).strip()
    return text or None


def site_keys(sites: Sites) -> List[Optional[str]]:
    """Each site's own municipality key (the officer's choice or the server's), None where it has none."""
    own = sites.attrs.get(AGS_FIELD)
    return [_key(v) for v in own] if own is not None else [None] * len(sites)


def municipality_keys(sites: Sites, refs: Dict[str, Reference], geo_idx: np.ndarray) -> List[Optional[str]]:
    """The site's own key where it has one, else the key of the polygon it lies in (None: neither)."""
    mun = refs.get("municipalities")
    layer_ags = list(mun.attrs.get("ags", [])) if mun else []
    out = site_keys(sites)
    for i in np.nonzero(np.array([k is None for k in out], dtype=bool))[0]:
        j = int(geo_idx[i])
        if 0 <= j < len(layer_ags):
            out[i] = _key(layer_ags[j])
    return out


def population(profile: Profile, sites: Sites, refs: Dict[str, Reference], geo_idx: np.ndarray) -> np.ndarray:
    """Inhabitants of each site's municipality, by its key (own, else the polygon's) in the profile's table;
    without a table entry, the municipality layer's population field of the polygon with that key."""
    table = profile.population_lookup()
    mun = refs.get("municipalities")
    layer_ags = [_key(a) for a in mun.attrs.get("ags", [])] if mun else []
    layer_pop = list(mun.attrs.get(profile.population_field, [])) if mun else []
    by_key = {a: _number(p) for a, p in zip(layer_ags, layer_pop) if a is not None}
    keys = municipality_keys(sites, refs, geo_idx)
    return np.array([table.get(k, by_key.get(k, math.nan)) if k is not None else math.nan for k in keys], dtype=float)


#: the gap to the county outline is measured up to this distance, beyond it is ``inf`` (far outside)
GAP_LIMIT_M = 5000.0


def county_checks(sites: Sites, refs: Dict[str, Reference], geo_idx: np.ndarray,
                  cache: Dict[Tuple, PointIndex]) -> Dict[str, np.ndarray]:
    """``_in_county`` (inside a polygon: 1/0), ``_county_gap_m`` (metres outside the outline, 0 inside) and
    ``_county_by_key`` (1: the site's own key is a municipality of the layer, 0: another key); NaN: unknown."""
    n = len(sites)
    mun = refs.get("municipalities")
    if mun is None or not mun.polygons:
        return {"_in_county": np.full(n, np.nan), "_county_gap_m": np.full(n, np.nan),
                "_county_by_key": np.full(n, np.nan)}
    inside = geo_idx >= 0
    gap = np.zeros(n)
    if (~inside).any():  # boundary sampled every SAMPLE_STEP_M: the gap is exact to half of that
        xy = np.where(sites.valid[:, None], sites.xy, 0.0)
        if mun.samples is None:  # built by hand, not read from a layer: sample the outline here
            outline = np.concatenate([densify(ring) for poly in mun.polygons for ring in poly])
            refs, cache = {"municipalities": Reference(mun.points, outline)}, {}
        gap[~inside] = combined_index(refs, ["municipalities"], "samples", cache).nearest_within(
            xy[~inside], GAP_LIMIT_M)
    known = {_key(a) for a in mun.attrs.get("ags", [])} - {None}
    keys = site_keys(sites)
    by_key = np.array([math.nan if k is None or not known else float(k in known) for k in keys], dtype=float)
    return {"_in_county": inside.astype(float), "_county_gap_m": gap, "_county_by_key": by_key}


def compute(profile: Profile, sites: Sites, refs: Dict[str, Reference],
            project_point: Optional[Callable[[float, float, str], Tuple[float, float]]] = None,
            progress: Optional[Callable[[float], None]] = None,
            cache: Optional[Dict[Tuple, PointIndex]] = None) -> Dict[str, np.ndarray]:
    """Indicator value per criterion id (NaN: unknown), and the county checks of :func:`county_checks`.

    ``project_point(x, y, crs)`` brings a criterion's fixed point (Dresden Hbf) into EPSG:25833.
    """
    from . import attributes

    cache = {} if cache is None else cache
    n = len(sites)
    valid = sites.valid
    xy = np.where(valid[:, None], sites.xy, 0.0)
    out: Dict[str, np.ndarray] = {}
    mun_idx = municipality_of(sites, refs)
    for step, c in enumerate(profile.criteria):
        if c.kind == "nearest":
            v = combined_index(refs, c.layers, "samples", cache, c.services).nearest(xy)
            v = np.where(np.isinf(v), np.nan, v)  # no reference features: unknown, not "infinitely far"
            for role in c.layers:  # inside a polygon of the layer: distance 0
                ref = refs.get(role)
                if ref is not None and ref.polygons:
                    v = np.where(points_in_polygons(xy, ref.polygons) >= 0, 0.0, v)
        elif c.kind == "count":
            idx = combined_index(refs, c.layers, "points", cache, c.services)
            v = idx.count_within(xy, c.radius_m).astype(float)
            if not any(refs.get(r) is not None for r in c.layers):
                v = np.full(n, np.nan)
        elif c.kind == "distance_to_point":
            px, py = c.point if c.point_crs.upper() == "EPSG:25833" or project_point is None else project_point(
                c.point[0], c.point[1], c.point_crs)
            v = np.hypot(xy[:, 0] - px, xy[:, 1] - py)
        elif c.kind == "population":
            v = population(profile, sites, refs, mun_idx)
        elif c.kind == "reference_attribute":
            v = attributes.reference_attribute(c, refs, xy)
        elif c.kind == "polygon_attribute":
            v = attributes.polygon_attribute(c, refs, xy)
        else:  # site_field
            v = site_field_values(c, sites.attrs.get(c.field), n)
        v = np.asarray(v, dtype=float) * c.scale
        if c.spatial:
            v = np.where(valid, v, np.nan)
        out[c.id] = v
        if progress:
            progress(100.0 * (step + 1) / len(profile.criteria))
    out.update(county_checks(sites, refs, mun_idx, cache))
    out.update(attributes.inside_flags(profile, refs, xy, valid))
    return out
