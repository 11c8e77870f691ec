"""The score fields a scored site carries, built column by column with numpy.

A weight change re-scores every site and rewrites these fields, so they are built once per :class:`Scores`
as whole columns (no per-site Python work beyond picking a row); the per-site explanation JSON comes from one
string template per profile filled with pre-formatted numbers. It holds what the other fields do not: per model
and weighted criterion the weight, the points it adds to the score and whether its value was unknown (value and
partial score are the site's v_ and p_ fields; the dock's chart shows all of it for the selected site).
"""

from __future__ import annotations

import json
import math
from typing import List

import numpy as np
from qgis.core import QgsField, QgsFields

from ..i18n import tr
from ..qtcompat import FieldTypes
from ..sync.workingcopy import encode_multi
from .profile import Profile
from .scoring import Scores

#: per model, per weighted criterion: [criterion, weight, points (share of the 0..100 score), value unknown]
EXPLANATION_ROW = ("criterion", "weight", "points", "unknown")


def score_field_names(profile: Profile) -> List[str]:
    names = [f"s_{m}" for m in profile.model_ids]
    names += ["best_model", "best_score", "target_groups_served", "knockout", "unknown_inputs"]
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
    fields.append(_aliased(QgsField("best_model", FieldTypes.STRING, "String"), tr("Best model")))
    return fields


def _aliased(field: QgsField, alias: str) -> QgsField:
    field.setAlias(alias)
    return field


def score_fields(profile: Profile, lang: str = "en") -> QgsFields:
    fields = model_fields(profile, lang)
    fields.append(_aliased(QgsField("best_score", FieldTypes.DOUBLE, "Real"), tr("Best score")))
    fields.append(_aliased(QgsField("target_groups_served", FieldTypes.STRING, "String"), tr("Target groups served")))
    fields.append(_aliased(QgsField("knockout", FieldTypes.STRING, "String"), tr("Knock-out reasons")))
    # criteria whose value is unknown for the site (no layer, field or table entry): they count with their
    # missing_score, which the explanation shows
    fields.append(_aliased(QgsField("unknown_inputs", FieldTypes.STRING, "String"), tr("Unknown inputs")))
    for prefix in ("v_", "p_"):
        for c in profile.criteria:
            f = QgsField(prefix + c.id, FieldTypes.DOUBLE, "Real")
            unit = c.unit_label(lang) if prefix == "v_" else "0..1"
            f.setAlias(c.label(lang) + (f" ({unit})" if unit else ""))
            fields.append(f)
    fields.append(_aliased(QgsField("explanation", FieldTypes.STRING, "String"), tr("Explanation (JSON)")))
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


def _column(x: np.ndarray) -> list:
    """Numbers rounded to 4 decimals, None where unknown."""
    x = np.asarray(x, dtype=float)
    out = np.round(x, 4).astype(object)
    out[~np.isfinite(x)] = None
    return out.tolist()


def _json_numbers(x: np.ndarray, decimals: int = 4) -> np.ndarray:
    """JSON text of each number, rounded ("null" where unknown), formatted once per distinct value: rounded
    points repeat a lot (at most 1,001 values between 0 and 100)."""
    x = np.round(np.asarray(x, dtype=float), decimals)
    distinct, inverse = np.unique(x, return_inverse=True)
    texts = np.array([repr(float(v)) if math.isfinite(v) else "null" for v in distinct.tolist()], dtype=object)
    return texts[np.asarray(inverse).ravel()]


def _by_combination(flags: np.ndarray, text) -> list:
    """One string per row of a boolean matrix, computed once per distinct row (there are few)."""
    if len(flags) == 0:
        return []
    combos, inverse = np.unique(flags, axis=0, return_inverse=True)
    texts = [text(row) for row in combos]
    return [texts[k] for k in np.asarray(inverse).ravel().tolist()]


def _template_text(text: str) -> str:
    """A JSON string, safe inside a %-template."""
    return json.dumps(text, ensure_ascii=False).replace("%", "%%")


def explanations(s: Scores) -> List[str]:
    """Per site a JSON object {model: [[criterion, weight, points, unknown], ...]}: one string template per
    profile, filled with the points formatted column by column (0.1 points, the chart shows the exact ones)."""
    n = len(s.best)
    unknown = s.unknown if s.unknown is not None else np.zeros(s.values.shape, dtype=bool)
    parts: List[str] = []
    columns: List[np.ndarray] = []
    for m, mid in enumerate(s.model_ids):
        total = s.weights[m].sum()
        rows = []
        for c in np.nonzero(s.weights[m] > 0)[0]:
            w = float(s.weights[m, c])
            rows.append("[" + _template_text(s.criterion_ids[c]) + f",{w!r},%s,%s]")
            columns += [_json_numbers(100.0 * w * s.partials[:, c] / total, 1),
                        np.where(unknown[:, c], "true", "false").astype(object)]
        parts.append(_template_text(mid) + ":[" + ",".join(rows) + "]")
    template = "{" + ",".join(parts) + "}"
    if not columns:
        return [template] * n
    return [template % row for row in zip(*[col.tolist() for col in columns])]


def score_columns(s: Scores) -> List[list]:
    """Every score field as a column (a list over the sites), in the order of :func:`score_fields`; built once
    per Scores and kept with it."""
    cached = s.cache.get("columns")
    if cached is not None:
        return cached
    ids = np.array(s.criterion_ids, dtype=object)
    cols = [_column(s.scores[:, m]) for m in range(len(s.model_ids))]
    cols.append([b or None for b in s.best])
    cols.append(_column(s.best_score))
    cols.append([encode_multi(g) or None for g in s.served])
    cols.append([",".join(k) or None for k in s.knockouts])
    unknown = s.unknown if s.unknown is not None else np.zeros(s.values.shape, dtype=bool)
    cols.append(_by_combination(unknown, lambda row: ",".join(ids[row]) or None))
    cols += [_column(s.values[:, c]) for c in range(len(s.criterion_ids))]
    cols += [_column(s.partials[:, c]) for c in range(len(s.criterion_ids))]
    cols.append(explanations(s))
    s.cache["columns"] = cols
    return cols


def score_values(s: Scores, i: int) -> List[object]:
    """The score fields of site ``i``, in the order of :func:`score_fields`."""
    return [col[i] for col in score_columns(s)]
