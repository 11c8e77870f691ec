"""The ranking of scored sites per model: rank, score, best model, knock-out reasons and unknown inputs, as the
planner reads them (labels in the UI language), and its export as CSV (German Excel or international) and XLSX.

Pure data and files: the dock's ranking dialog shows :func:`ranking_table`, the export functions write it. XLSX
goes through GDAL's XLSX driver (QgsVectorFileWriter), so no Python package beyond what QGIS ships is needed.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from ..i18n import tr
from .profile import Profile
from .scoring import NO_GEOMETRY, Scores

#: site fields that name a site, in order of preference
NAME_FIELDS = ("name", "bezeichnung", "title", "label")
#: the kinds of the columns of a ranking table
RANK, TEXT, SCORE = "rank", "text", "score"


@dataclass
class RankingTable:
    """Headers, column kinds (RANK, TEXT, SCORE) and one row per site, best first (for the chosen model)."""

    headers: List[str]
    kinds: List[str]
    rows: List[list]
    #: the site index (row of the Scores) of each row
    sites: List[int]


def competition_ranks(scores: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Rank 1 for the highest score, ties share a rank and the next rank skips ("1224"); sites not eligible
    (knocked out, no geometry) get no rank (NaN)."""
    scores = np.asarray(scores, dtype=float)
    ranks = np.full(len(scores), np.nan)
    ok = eligible & np.isfinite(scores)
    values = scores[ok]
    # rank = 1 + number of eligible sites with a strictly higher score
    ordered = np.sort(values)[::-1]
    ranks[ok] = 1 + np.searchsorted(-ordered, -values, side="left")
    return ranks


def site_names(features: Sequence, fallback: str = "#{fid}") -> List[str]:
    """A name per site feature: its first non-empty name field, else the fallback with its feature id."""
    out = []
    for feat in features:
        names = feat.fields().names()
        field = next((f for f in NAME_FIELDS if f in names and feat[f] not in (None, "")
                      and not (hasattr(feat[f], "isNull") and feat[f].isNull())), None)
        out.append(str(feat[field]) if field else fallback.format(fid=feat.id()))
    return out


def knockout_labels(profile: Profile, ids: Sequence[str], lang: str) -> List[str]:
    labels = {k.id: k.label(lang) for k in profile.knockouts}
    labels[NO_GEOMETRY] = tr("no geometry")
    return [labels.get(k, k) for k in ids]


def ranking_table(scores: Scores, names: Sequence[str], profile: Profile, model_id: str,
                  lang: str = "en") -> RankingTable:
    """The sites ranked for one model: rank, name, that model's score, every other model's score, best model,
    knock-out reasons and unknown inputs (labels in ``lang``). Unranked sites (knocked out) come last."""
    m = scores.model_ids.index(model_id)
    knocked = np.array([bool(k) for k in scores.knockouts], dtype=bool)
    ranks = competition_ranks(scores.scores[:, m], ~knocked)
    model = profile.model(model_id)
    others = [mm for mm in profile.models if mm.id != model_id]
    headers = [tr("Rank"), tr("Site"), tr("Score {model}").format(model=model.label(lang))]
    headers += [tr("Score {model}").format(model=mm.label(lang)) for mm in others]
    headers += [tr("Best model"), tr("Knock-out reasons"), tr("Unknown inputs")]
    kinds = [RANK, TEXT, SCORE] + [SCORE] * len(others) + [TEXT] * 3
    labels = {mm.id: mm.label(lang) for mm in profile.models}
    criteria = {c.id: c.label(lang) for c in profile.criteria}
    columns = [scores.model_ids.index(mm.id) for mm in [model] + others]
    order = sorted(range(len(names)), key=lambda i: (math.isnan(ranks[i]), ranks[i] if not math.isnan(ranks[i])
                                                     else 0.0, -np.nan_to_num(scores.scores[i, m], nan=-1.0),
                                                     names[i]))
    rows = []
    for i in order:
        row: list = [None if math.isnan(ranks[i]) else int(ranks[i]), names[i]]
        row += [_number(scores.scores[i, c]) for c in columns]
        row += [labels.get(scores.best[i], ""), ", ".join(knockout_labels(profile, scores.knockouts[i], lang)),
                ", ".join(criteria.get(c, c) for c in scores.unknown_ids(i))]
        rows.append(row)
    return RankingTable(headers, kinds, rows, order)


def _number(x: float) -> Optional[float]:
    return None if x is None or not math.isfinite(float(x)) else round(float(x), 1)


def cell_text(value, kind: str, decimal_comma: bool) -> str:
    """A cell as text for a file: no thousands separators, one decimal for scores, the decimal comma if asked."""
    if value is None:
        return ""
    if kind == SCORE:
        text = f"{float(value):.1f}"
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def write_csv(path: str, table: RankingTable, german_excel: bool = True) -> None:
    """CSV for German Excel (UTF-8 with BOM, semicolons, decimal comma) or international (UTF-8, commas,
    decimal point)."""
    with open(path, "w", encoding="utf-8-sig" if german_excel else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";" if german_excel else ",", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow([cell_text(v, k, german_excel) for v, k in zip(row, table.kinds)])


def sheet_name(text: str) -> str:
    """A name Excel accepts for a sheet: none of []:*?/\\, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31].strip() or "1"


def write_xlsx(path: str, table: RankingTable, sheet: str = "") -> str:
    """An Excel workbook through GDAL's XLSX driver: numbers stay numbers. Returns an error message or ""."""
    from qgis.core import QgsFeature, QgsField, QgsProject, QgsVectorFileWriter, QgsVectorLayer

    from ..qtcompat import FieldTypes

    types = {RANK: (FieldTypes.INT, "Integer"), SCORE: (FieldTypes.DOUBLE, "Real"),
             TEXT: (FieldTypes.STRING, "String")}
    sheet = sheet_name(sheet or tr("Ranking"))
    layer = QgsVectorLayer("None", sheet, "memory")
    layer.dataProvider().addAttributes([QgsField(h, *types[k]) for h, k in zip(table.headers, table.kinds)])
    layer.updateFields()
    feats = []
    for row in table.rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(row))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "XLSX"
    options.layerName = sheet
    options.fileEncoding = "UTF-8"
    error, message, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options)
    return "" if error == QgsVectorFileWriter.WriterError.NoError else (message or str(error))
