"""Nearest distance and counts within exact circles, with numpy only (scipy is not a QGIS dependency).

The points are bucketed in horizontal strips of height ``h`` and sorted by (strip, x) into one float key.
For a site and a radius r the strips that meet the circle are visited with ``searchsorted``: in each strip
the part of the chord that lies inside the circle for every y of the strip is counted without looking at
the points, only the two thin ends of the chord are checked point by point. Every step is a vectorised
call over all sites, so 10,000 sites x 50,000 points stay within a few times a k-d tree.

Circles are exact (a 20-gon buffer, what a Processing chain would use, misses up to 1.2 % of the area).
All coordinates are metres in one projected CRS (EPSG:25833 in this plugin).
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np

#: pairs examined at once; bounds the temporary memory (about 40 bytes a pair)
_CHUNK_PAIRS = 2_000_000


class PointIndex:
    """A static index over ``points`` (an (n, 2) array of x, y in metres)."""

    def __init__(self, points: np.ndarray, strip: Optional[float] = None) -> None:
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        self.n = len(pts)
        if self.n == 0:
            self.pts = pts
            return
        self.x0 = float(pts[:, 0].min())
        self.y0 = float(pts[:, 1].min())
        span = max(float(pts[:, 0].max()) - self.x0, float(pts[:, 1].max()) - self.y0, 1.0)
        # strips about 3 points deep on average keep the searchsorted work and the edge checks balanced
        self.h = float(strip) if strip else max(span / max(math.sqrt(self.n) / 2.0, 1.0), 1.0)
        rows = np.floor((pts[:, 1] - self.y0) / self.h)
        self.width = 0.0  # set below; keys are row * stride + (x - x0)
        self.stride = span * 4.0 + 1.0e6
        keys = rows * self.stride + (pts[:, 0] - self.x0)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.pts = pts[order]
        self.order = order
        self.nrows = int(rows.max()) + 1

    # -- counting --------------------------------------------------------------------------------------
    def count_within(self, sites: np.ndarray, radius: float) -> np.ndarray:
        """Number of points at distance <= ``radius`` of each site (exact circle)."""
        sites = np.asarray(sites, dtype=np.float64).reshape(-1, 2)
        counts = np.zeros(len(sites), dtype=np.int64)
        if self.n == 0 or len(sites) == 0 or radius < 0:
            return counts
        order = self._site_order(sites)
        sites = sites[order]
        r = float(radius)
        r2 = r * r
        sx = sites[:, 0] - self.x0
        sy = sites[:, 1] - self.y0
        srow = np.floor(sy / self.h)
        k = int(math.ceil(r / self.h)) + 1
        # x limits outside the point range are clamped so keys never spill into the next strip
        cap = self.stride / 2.0
        for dr in range(-k, k + 1):
            row = srow + dr
            valid = (row >= 0) & (row < self.nrows)
            if not valid.any():
                continue
            y_lo = row * self.h - sy  # strip's y range relative to the site
            y_hi = y_lo + self.h
            near = np.where((y_lo <= 0) & (y_hi >= 0), 0.0, np.minimum(np.abs(y_lo), np.abs(y_hi)))
            far = np.maximum(np.abs(y_lo), np.abs(y_hi))
            outer = np.sqrt(np.clip(r2 - near * near, 0.0, None))
            inner = np.sqrt(np.clip(r2 - far * far, 0.0, None))
            valid &= near <= r
            if not valid.any():
                continue
            base = row * self.stride
            lo_o = np.searchsorted(self.keys, base + np.clip(sx - outer, -1.0, cap), "left")
            hi_o = np.searchsorted(self.keys, base + np.clip(sx + outer, -1.0, cap), "right")
            has_inner = inner > 0
            lo_i = np.searchsorted(self.keys, base + np.clip(sx - inner, -1.0, cap), "left")
            hi_i = np.searchsorted(self.keys, base + np.clip(sx + inner, -1.0, cap), "right")
            lo_i = np.where(has_inner, np.maximum(lo_i, lo_o), lo_o)
            hi_i = np.where(has_inner, np.minimum(hi_i, hi_o), lo_o)
            hi_i = np.maximum(hi_i, lo_i)
            counts += np.where(valid, hi_i - lo_i, 0)
            # the two chord ends: points there may or may not be inside
            for a, b in ((lo_o, lo_i), (hi_i, hi_o)):
                n = np.where(valid, b - a, 0)
                counts += self._count_pairs(sites, a, n, r2)
        out = np.empty_like(counts)
        out[order] = counts
        return out

    def _site_order(self, sites: np.ndarray) -> np.ndarray:
        """Sites in key order: the searchsorted calls then walk the keys forwards (much better for the cache)."""
        rows = np.floor((sites[:, 1] - self.y0) / self.h)
        return np.argsort(rows * self.stride + (sites[:, 0] - self.x0), kind="stable")

    def _count_pairs(self, sites: np.ndarray, start: np.ndarray, n: np.ndarray, r2: float) -> np.ndarray:
        out = np.zeros(len(sites), dtype=np.int64)
        idx = np.nonzero(n > 0)[0]
        if len(idx) == 0:
            return out
        nn = n[idx]
        ends = np.cumsum(nn)
        # split the sites so no chunk expands to more than _CHUNK_PAIRS pairs
        cuts = np.searchsorted(ends, np.arange(_CHUNK_PAIRS, ends[-1], _CHUNK_PAIRS))
        for part in np.split(np.arange(len(idx)), np.unique(cuts)):
            if len(part) == 0:
                continue
            sid = idx[part]
            cnt = nn[part]
            total = int(cnt.sum())
            owner = np.repeat(np.arange(len(sid)), cnt)
            offs = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            pidx = start[sid][owner] + offs
            d = self.pts[pidx] - sites[sid][owner]
            inside = (d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]) <= r2
            out[sid] += np.bincount(owner, weights=inside, minlength=len(sid)).astype(np.int64)
        return out

    # -- nearest ---------------------------------------------------------------------------------------
    def nearest(self, sites: np.ndarray) -> np.ndarray:
        """Distance to the nearest point for each site (``inf`` when the index is empty)."""
        sites = np.asarray(sites, dtype=np.float64).reshape(-1, 2)
        result = np.full(len(sites), np.inf)
        if self.n == 0 or len(sites) == 0:
            return result
        if self.n * len(sites) <= 4_000_000:
            return _brute_nearest(sites, self.pts)
        order = self._site_order(sites)
        sites = sites[order]
        todo = np.arange(len(sites))
        r = self.h
        while len(todo):
            found = self._nearest_within(sites[todo], r)
            hit = np.isfinite(found)
            result[todo[hit]] = found[hit]
            todo = todo[~hit]
            r *= 2.0
            if len(todo) and r > self.stride:  # far outside: the remaining few by brute force
                result[todo] = _brute_nearest(sites[todo], self.pts)
                break
        out = np.empty_like(result)
        out[order] = result
        return out

    def nearest_within(self, sites: np.ndarray, r: float) -> np.ndarray:
        """Distance to the nearest point where it is <= ``r``, else ``inf``: one pass, however far the sites."""
        sites = np.asarray(sites, dtype=np.float64).reshape(-1, 2)
        if self.n == 0 or len(sites) == 0:
            return np.full(len(sites), np.inf)
        order = self._site_order(sites)
        out = np.empty(len(sites))
        out[order] = self._nearest_within(sites[order], float(r))
        return out

    def _nearest_within(self, sites: np.ndarray, r: float) -> np.ndarray:
        """Nearest distance when it is <= r, else inf (all points of the disc are examined)."""
        best = np.full(len(sites), np.inf)
        sx = sites[:, 0] - self.x0
        sy = sites[:, 1] - self.y0
        srow = np.floor(sy / self.h)
        k = int(math.ceil(r / self.h)) + 1
        cap = self.stride / 2.0
        for dr in range(-k, k + 1):
            row = srow + dr
            valid = (row >= 0) & (row < self.nrows)
            y_lo = row * self.h - sy
            y_hi = y_lo + self.h
            near = np.where((y_lo <= 0) & (y_hi >= 0), 0.0, np.minimum(np.abs(y_lo), np.abs(y_hi)))
            valid &= near <= r
            if not valid.any():
                continue
            outer = np.sqrt(np.clip(r * r - near * near, 0.0, None))
            base = row * self.stride
            lo = np.searchsorted(self.keys, base + np.clip(sx - outer, -1.0, cap), "left")
            hi = np.searchsorted(self.keys, base + np.clip(sx + outer, -1.0, cap), "right")
            n = np.where(valid, hi - lo, 0)
            idx = np.nonzero(n > 0)[0]
            if len(idx) == 0:
                continue
            cnt = n[idx]
            owner = np.repeat(np.arange(len(idx)), cnt)
            offs = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            pidx = lo[idx][owner] + offs
            d = self.pts[pidx] - sites[idx][owner]
            dist = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
            m = np.minimum.reduceat(dist, np.cumsum(cnt) - cnt)  # owner is sorted: one run per site
            best[idx] = np.minimum(best[idx], m)
        best[best > r] = np.inf
        return best


def _brute_nearest(sites: np.ndarray, pts: np.ndarray) -> np.ndarray:
    out = np.empty(len(sites))
    step = max(1, 2_000_000 // max(len(pts), 1))
    for i in range(0, len(sites), step):
        s = sites[i:i + step]
        d2 = (s[:, None, 0] - pts[None, :, 0]) ** 2 + (s[:, None, 1] - pts[None, :, 1]) ** 2
        out[i:i + step] = np.sqrt(d2.min(axis=1))
    return out
