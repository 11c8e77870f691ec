"""Connection scan (Dibbelt, Pajor, Strasser, Wagner: "Connection Scan Algorithm", 2013/2018), profile variant.

A connection is one ride of a trip from one station to the next: (departure, arrival, from, to, trip), times in
seconds of the service day. :func:`fastest_to` scans them once, latest first, and keeps for every station the
Pareto set of (departure, earliest arrival at the goal) pairs; the fastest journey departing in the window is read
from it. Changing trips takes ``transfer_s`` at the same station (its platforms are one station); staying on the
trip takes nothing; ``footpaths`` (station -> [(neighbour, seconds)]) let a journey start by walking to a nearby
station, or change there (the station's bus stop across the road kept as a station of its own). Pure Python with
numpy for the sort.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Dict, List, Optional, Sequence, Set, Tuple

Connection = Tuple[int, int, int, int, int]  # departure, arrival, from station, to station, trip

#: minimum time to change trips at a station (VDV: 2-5 min; 2 min on one platform)
TRANSFER_S = 120
INF = float("inf")


def connections(trip, seq, stop, arr, dep) -> List[Connection]:
    """Consecutive stops of each trip as connections, sorted by departure (stop_times rows as columns)."""
    import numpy as np

    trip, seq, stop = np.asarray(trip), np.asarray(seq), np.asarray(stop)
    arr, dep = np.asarray(arr), np.asarray(dep)
    if len(trip) < 2:
        return []
    order = np.lexsort((seq, trip))
    trip, stop, arr, dep = trip[order], stop[order], arr[order], dep[order]
    same = (trip[1:] == trip[:-1]) & (stop[1:] != stop[:-1])
    idx = np.nonzero(same)[0]
    cols = np.column_stack([dep[idx], arr[idx + 1], stop[idx], stop[idx + 1], trip[idx]])
    cols = cols[np.argsort(cols[:, 0], kind="stable")]
    return [tuple(row) for row in cols.tolist()]


def _insert(deps: List[int], arrs: List[float], dep: int, arr: float) -> None:
    """Add the pair (leave at ``dep``, arrive at ``arr``) to a station's Pareto set, kept sorted by departure
    (latest first; ``deps`` holds the negated departures) with arrivals falling along it."""
    j = bisect_right(deps, -dep) - 1  # the earliest pair leaving at dep or later
    if j >= 0 and arrs[j] <= arr:
        return  # leaving later arrives as early: this pair adds nothing
    k = j if j >= 0 and deps[j] == -dep else j + 1  # the same departure arriving later: replaced
    end = k + 1 if k == j else k
    while end < len(deps) and arrs[end] >= arr:  # pairs leaving earlier and arriving no sooner: dominated
        end += 1
    deps[k:end] = [-dep]
    arrs[k:end] = [arr]


def fastest_to(conns: Sequence[Connection], n_stations: int, goal: Set[int], window: Tuple[int, int],
               transfer_s: int = TRANSFER_S, footpaths: Optional[Dict[int, List[Tuple[int, int]]]] = None,
               ) -> List[Optional[float]]:
    """Minutes of the fastest journey to any station of ``goal`` departing within ``window`` from each station
    (0 at the goal itself, None where no journey departs in the window)."""
    footpaths = footpaths or {}
    pairs_dep: List[List[int]] = [[] for _ in range(n_stations)]  # negated departures, increasing
    pairs_arr: List[List[float]] = [[] for _ in range(n_stations)]
    trip_best: Dict[int, float] = {}
    for dep, arr, a, b, trip in reversed(conns):
        best = arr if b in goal else INF
        best = min(best, trip_best.get(trip, INF))
        deps = pairs_dep[b]
        if deps:  # change at b: the earliest arrival among journeys leaving b after arr + transfer
            j = bisect_right(deps, -(arr + transfer_s)) - 1
            if j >= 0:
                best = min(best, pairs_arr[b][j])
        if best == INF:
            continue
        trip_best[trip] = best
        if a not in goal:
            _insert(pairs_dep[a], pairs_arr[a], dep, best)
        for near, walk in footpaths.get(a, ()):  # walk to a, then board here
            if near not in goal:
                _insert(pairs_dep[near], pairs_arr[near], dep - walk, best)
    out: List[Optional[float]] = []
    for s in range(n_stations):
        if s in goal:
            out.append(0.0)
            continue
        times = [arr + d for d, arr in zip(pairs_dep[s], pairs_arr[s]) if window[0] <= -d < window[1]]
        out.append(round(min(times) / 60.0, 1) if times else None)
    return out
