"""The explanation bar chart of one site, painted with QPainter: on the suitability dock's widget and into the
image a site dossier places on its page (QImage works in any thread and needs no matplotlib)."""

from __future__ import annotations

import math
from typing import List, Tuple

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPen

from ..i18n import format_number, tr
from .scoring import NO_GEOMETRY

#: label, value text, partial score 0..1, weight, points (share of the 0..100 score)
Bar = Tuple[str, str, float, float, float]

ROW = 20
TOP = 28


def chart_height(n_bars: int) -> int:
    return TOP + ROW * max(n_bars, 1) + 8


def paint_explanation(p: QPainter, width: float, font: QFont, title: str, bars: List[Bar],
                      colour: QColor, lang: str = "en") -> None:
    """Per criterion: the partial score as a bar (full width = 1), weight and points written beside it."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(QRectF(0, 0, width, chart_height(len(bars))), QColor("#ffffff"))
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(QColor("#222222"))
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    p.drawText(QRectF(6, 4, width - 12, 20), left, title)
    p.setFont(font)
    if not bars:
        return
    metrics = p.fontMetrics()
    texts = [f"{label}: {value}" for label, value, *_ in bars]
    infos = [f"{format_number(_fraction(partial), lang, 2)} × "
             f"{format_number(weight, lang, 0 if float(weight).is_integer() else None)} → "
             f"{format_number(points, lang, 1)}" for _label, _value, partial, weight, points in bars]
    info_w = max(metrics.horizontalAdvance(t) for t in infos) + 8.0  # the texts drawn, in this font
    # the numbers always fit (a 400 px dock); the labels are elided before the bars get narrower than 40 px
    label_w = max(min(max(metrics.horizontalAdvance(t) for t in texts) + 6.0, width * 0.55,
                      width - info_w - 40.0 - 22.0), 40.0)
    bar_x = label_w + 8
    bar_w = max(width - bar_x - info_w - 8, 20.0)
    for i, (_label, _value, partial, _weight, _points) in enumerate(bars):
        y = TOP + i * ROW
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(6, y, label_w, ROW), left,
                   metrics.elidedText(texts[i], Qt.TextElideMode.ElideMiddle, int(label_w)))
        p.setPen(QPen(QColor("#bbbbbb"), 1))
        p.drawRect(QRectF(bar_x, y + 4, bar_w, ROW - 8))
        p.fillRect(QRectF(bar_x, y + 4, bar_w * _fraction(partial), ROW - 8), colour)
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(bar_x + bar_w + 6, y, info_w, ROW), left, infos[i])


def _fraction(partial) -> float:
    return 0.0 if partial is None or math.isnan(partial) else max(0.0, min(1.0, partial))


def render_image(path: str, title: str, bars: List[Bar], colour: str, lang: str = "en", width: int = 760,
                 scale: float = 2.0) -> bool:
    """The chart as a PNG file (``scale`` times the widget's pixels, sharp in print); False when not written."""
    height = chart_height(len(bars))
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.scale(scale, scale)
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    paint_explanation(p, width, font, title, bars, QColor(colour), lang)
    p.end()
    return image.save(path, "PNG")


def explanation_bars(profile, scores, i: int, model_id: str, lang: str = "en") -> List[Bar]:
    """The bars of site ``i`` for one model: criterion label with its value and unit, partial, weight, points."""
    bars: List[Bar] = []
    placeless = NO_GEOMETRY in scores.knockouts[i]
    for row in scores.contributions(i, model_id):
        c = profile.criterion(row["criterion"])
        if placeless:  # not scored: no distance or neighbourhood to tell
            value = tr("no geometry")
        elif row["unknown"]:  # no layer, field or table entry: counted with the profile's missing score
            value = tr("unknown, counts {score}").format(score=format_number(c.missing_score, lang, 2))
        elif c.fallback and math.isnan(row["value"]):  # no layer (no GTFS feed): judged by its fallback
            value = tr("no data, judged by “{criterion}”").format(
                criterion=profile.criterion(c.fallback).label(lang))
        elif math.isnan(row["value"]):
            value = tr("no data")
        else:
            value = f"{format_number(row['value'], lang)} {c.unit_label(lang)}".strip()
        partial, points = (0.0, 0.0) if placeless else (row["partial"], row["points"])
        bars.append((c.label(lang), value, partial, row["weight"], points))
    return bars
