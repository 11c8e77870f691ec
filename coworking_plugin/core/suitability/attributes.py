"""Criteria that read an attribute of reference features, and knock-outs by polygon (numpy, no QGIS).

- ``reference_attribute``: the largest (or smallest, or the sum) of a field over the features within a radius,
  e.g. the departures per hour of the best stop within 600 m (GTFS, opendata/transit.py) or the inhabitants of
  the Zensus grid cells within 2 km (opendata/zensus.py);
- ``polygon_attribute``: the value of the polygon the site lies in, e.g. the share of households with
  100 Mbit/s from the Breitbandatlas;
- ``inside_layer`` knock-outs: a site inside any polygon of a role (flood zones, nature reserves) is out.
"""

from __future__ import annotations

from typing import Dict

import numpy as np

from .indicators import Reference, _number, points_in_polygons
from .profile import Criterion, Profile

#: pairs of sites and features compared at once (bounds the temporary memory)
_CHUNK = 2_000_000


def _values(ref: Reference, field: str) -> np.ndarray:
    return np.array([_number(v) for v in ref.attrs.get(field, [])], dtype=float)


def reference_attribute(c: Criterion, refs: Dict[str, Reference], xy: np.ndarray) -> np.ndarray:
    """Per site the max/min of ``c.field`` over the features of ``c.layers`` within ``c.radius_m`` (features
    without a value are left out); ``c.none_within`` where none is near, NaN without any layer."""
    present = [refs[r] for r in c.layers if refs.get(r) is not None]
    if not present:
        return np.full(len(xy), np.nan)
    pts = np.concatenate([r.points for r in present])
    vals = np.concatenate([_values(r, c.field) if len(_values(r, c.field)) == len(r.points)
                           else np.full(len(r.points), np.nan) for r in present])
    keep = np.isfinite(vals)
    pts, vals = pts[keep], vals[keep]
    empty = np.nan if c.none_within is None else float(c.none_within)
    out = np.full(len(xy), empty)
    if len(pts) == 0:
        return out
    if c.aggregate == "sum":  # e.g. inhabitants of the grid cells within 2 km
        worst, reduce = np.nan, None
    else:
        worst = -np.inf if c.aggregate == "max" else np.inf
        reduce = np.max if c.aggregate == "max" else np.min
    r2 = c.radius_m * c.radius_m
    step = max(1, _CHUNK // len(pts))
    for a in range(0, len(xy), step):
        s = xy[a:a + step]
        d2 = (s[:, None, 0] - pts[None, :, 0]) ** 2 + (s[:, None, 1] - pts[None, :, 1]) ** 2
        near = d2 <= r2
        if reduce is None:
            total = (near * vals[None, :]).sum(axis=1)
            out[a:a + step] = np.where(near.any(axis=1), total, empty)
            continue
        best = reduce(np.where(near, vals[None, :], worst), axis=1)
        out[a:a + step] = np.where(np.isfinite(best), best, empty)
    return out


def polygon_attribute(c: Criterion, refs: Dict[str, Reference], xy: np.ndarray) -> np.ndarray:
    """Per site ``c.field`` of the first polygon of ``c.layers`` it lies in; NaN outside every polygon."""
    out = np.full(len(xy), np.nan)
    for role in c.layers:
        ref = refs.get(role)
        if ref is None or not ref.polygons:
            continue
        vals = _values(ref, c.field)
        if len(vals) != len(ref.polygons):
            continue
        idx = points_in_polygons(xy, ref.polygons)
        hit = (idx >= 0) & np.isnan(out)
        out[hit] = vals[idx[hit]]
    return out


def inside_flags(profile: Profile, refs: Dict[str, Reference], xy: np.ndarray, valid: np.ndarray
                 ) -> Dict[str, np.ndarray]:
    """``_inside_<role>`` (1: inside a polygon of the role, 0: not) for the roles of inside_layer knock-outs
    whose layer is loaded; and ``_fallback_<criterion>`` for criteria none of whose layers is loaded."""
    out: Dict[str, np.ndarray] = {}
    for k in profile.knockouts:
        ref = refs.get(k.layer) if k.rule == "inside_layer" else None
        if ref is not None and ref.polygons:
            out[f"_inside_{k.layer}"] = ((points_in_polygons(xy, ref.polygons) >= 0) & valid).astype(float)
    for c in profile.criteria:
        if c.fallback and not any(refs.get(r) is not None for r in c.layers):
            out[f"_fallback_{c.id}"] = np.ones(len(xy))
    return out
