"""From indicator values to partial scores, model scores, knock-outs, best model and target groups.

This is the fast path of the dock: indicator values are computed once (spatial work), a changed weight or
threshold only re-runs :func:`score` (a few numpy operations over the cached values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from .indicators import Sites, _number
from .profile import Criterion, KnockOut, Profile

NO_GEOMETRY = "no_geometry"


def curve_score(c: Criterion, values: np.ndarray) -> np.ndarray:
    """Piecewise-linear score through the curve's points; ends held flat; unknown values get missing_score."""
    xs = np.array([p[0] for p in c.curve], dtype=float)
    ys = np.array([p[1] for p in c.curve], dtype=float)
    v = np.asarray(values, dtype=float)
    s = np.interp(np.nan_to_num(v, nan=xs[0]), xs, ys)
    return np.where(np.isnan(v), c.missing_score, s)


@dataclass
class Scores:
    criterion_ids: List[str]
    model_ids: List[str]
    values: np.ndarray  # (n, C) raw indicator values, NaN unknown
    partials: np.ndarray  # (n, C) 0..1
    weights: np.ndarray  # (M, C) as given in the profile
    scores: np.ndarray  # (n, M) 0..100; 0 when knocked out; NaN without geometry
    knockouts: List[List[str]]  # ids of the rules that knocked each site out
    best: List[str]  # best model id ("" when knocked out or no geometry)
    best_score: np.ndarray
    served: List[List[str]]  # target-group keys of the models scoring >= serve_threshold
    #: (n, C) the value is unknown (no layer, no field, no table entry) and counts with the criterion's
    #: missing_score; only criteria some model weighs
    unknown: Optional[np.ndarray] = None
    #: derived output (results.score_columns), built once per Scores
    cache: Dict[str, object] = field(default_factory=dict, repr=False)

    def unknown_ids(self, i: int) -> List[str]:
        if self.unknown is None:
            return []
        return [cid for cid, u in zip(self.criterion_ids, self.unknown[i]) if u]

    def contributions(self, i: int, model_id: str) -> List[Dict[str, float]]:
        """Per criterion of one model: value, partial score, weight and points (0..100 share of the score)."""
        m = self.model_ids.index(model_id)
        total = self.weights[m].sum()
        rows = []
        for c, cid in enumerate(self.criterion_ids):
            w = float(self.weights[m, c])
            if w <= 0:
                continue
            rows.append({"criterion": cid, "value": float(self.values[i, c]), "partial": float(self.partials[i, c]),
                         "weight": w, "points": 100.0 * w * float(self.partials[i, c]) / total if total else 0.0,
                         "unknown": bool(self.unknown is not None and self.unknown[i, c])})
        return rows


def _is_false(v) -> bool:
    return _number(v) == 0.0 or v is None or v == "" or (hasattr(v, "isNull") and v.isNull())


def outside_county(k: KnockOut, values: Dict[str, np.ndarray], n: int) -> np.ndarray:
    """The site's own municipality key decides where it has one; otherwise the outline, with the rule's
    tolerance for a generalised boundary (VG5000 is drawn at 1:5,000,000)."""
    by_key = values.get("_county_by_key", np.full(n, np.nan))
    gap = values.get("_county_gap_m")
    if gap is None:  # values computed without the gap: the strict outline
        gap = np.where(values.get("_in_county", np.full(n, np.nan)) == 0, np.inf, 0.0)
    by_outline = np.nan_to_num(gap, nan=0.0) > k.tolerance_m
    return np.where(np.isnan(by_key), by_outline, by_key == 0)


def knockout_reasons(profile: Profile, sites: Sites, values: Dict[str, np.ndarray]) -> List[List[str]]:
    n = len(sites)
    reasons: List[List[str]] = [[] for _ in range(n)]
    valid = sites.valid
    for i in np.nonzero(~valid)[0]:
        reasons[i].append(NO_GEOMETRY)
    for k in profile.knockouts:
        if not k.enabled:
            continue
        if k.rule == "outside_county":
            hit = outside_county(k, values, n) & valid
        elif k.rule == "inside_layer":
            inside = values.get(f"_inside_{k.layer}")
            if inside is None:  # no polygon layer for the role: the rule does not apply
                continue
            hit = inside == 1
        else:
            vals: Sequence = sites.attrs.get(k.field) or []
            if not vals:  # the layer has no such field: the rule does not apply
                continue
            if k.rule == "field_equals":
                hit = np.array([v is not None and str(v) == str(k.value) for v in vals], dtype=bool)
            else:  # field_false
                hit = np.array([_is_false(v) for v in vals], dtype=bool)
            if k.only_if:
                cond = sites.attrs.get(k.only_if.get("field", "")) or [None] * n
                hit &= np.array([v is not None and str(v) == str(k.only_if.get("equals")) for v in cond], dtype=bool)
        for i in np.nonzero(hit)[0]:
            reasons[i].append(k.id)
    return reasons


def score(profile: Profile, values: Dict[str, np.ndarray], sites: Sites) -> Scores:
    cids = profile.criterion_ids
    mids = profile.model_ids
    n = len(sites)
    vals = np.column_stack([values[c] for c in cids]) if cids else np.zeros((n, 0))
    partials = (np.column_stack([curve_score(c, values[c.id]) for c in profile.criteria]) if cids
                else np.zeros((n, 0)))
    # no layer for a criterion with a fallback (no GTFS feed loaded): the fallback's partial score counts
    fallbacks = [(c, cids.index(crit.fallback)) for c, crit in enumerate(profile.criteria)
                 if f"_fallback_{crit.id}" in values]
    for c, f in fallbacks:
        partials[:, c] = partials[:, f]
    weights = np.array([[m.weights.get(c, 0.0) for c in cids] for m in profile.models], dtype=float).reshape(
        len(mids), len(cids))
    totals = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = 100.0 * (partials @ weights.T) / np.where(totals > 0, totals, 1.0)[None, :]
    raw[:, totals <= 0] = 0.0
    reasons = knockout_reasons(profile, sites, values)
    knocked = np.array([bool(r) for r in reasons], dtype=bool)
    sc = np.where(knocked[:, None], 0.0, raw)
    valid = sites.valid
    sc[~valid] = np.nan
    ok = valid & ~knocked
    if mids:
        j = np.argmax(np.where(ok[:, None], sc, -1.0), axis=1)
        best_score = np.where(ok, sc[np.arange(n), j], np.where(valid, 0.0, np.nan))
        best = [mids[k] if good else "" for k, good in zip(j.tolist(), ok.tolist())]
    else:
        best_score, best = np.full(n, np.nan), [""] * n
    # target groups: one list per distinct combination of models above the threshold (at most 2^M)
    above = (np.nan_to_num(sc, nan=-1.0) >= profile.serve_threshold) & ok[:, None]
    combos, inverse = np.unique(above, axis=0, return_inverse=True)
    lists = []
    for row in combos:
        groups: List[str] = []
        for m, model in enumerate(profile.models):
            if row[m]:
                groups += [g for g in model.target_groups if g not in groups]
        lists.append(groups)
    served = [list(lists[k]) for k in np.asarray(inverse).ravel().tolist()]
    unknown = np.isnan(vals) & (weights > 0).any(axis=0)[None, :] & valid[:, None]
    for c, f in fallbacks:  # judged by the fallback: unknown where its value is
        unknown[:, c] = np.isnan(vals[:, f]) & valid & (weights[:, c] > 0).any()
    return Scores(cids, mids, vals, partials, weights, sc, reasons, best, best_score, served, unknown)
