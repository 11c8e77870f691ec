"""A small horizontal bar chart of one site's explanation, painted with QPainter (no matplotlib needed)."""

from __future__ import annotations

import math
from typing import List, Tuple

from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.i18n import format_number

#: label, value text, partial score 0..1, weight, points (share of the 0..100 score)
Bar = Tuple[str, str, float, float, float]


class ExplanationChart(QWidget):
    """Per criterion: the partial score as a bar (full width = 1), weight and points written beside it."""

    ROW = 20

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: List[Bar] = []
        self.colour = QColor("#0072B2")
        self.lang = "en"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_data(self, title: str, bars: List[Bar], colour: str = "#0072B2", lang: str = "en") -> None:
        self.title = title
        self.bars = list(bars)
        self.colour = QColor(colour)
        self.lang = lang  # numbers as the UI language writes them
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 28 + self.ROW * max(len(self.bars), 1) + 8)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(6, 4, self.width() - 12, 20), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   self.title)
        p.setFont(self.font())
        if not self.bars:
            p.end()
            return
        metrics = p.fontMetrics()
        texts = [f"{label}: {value}" for label, value, *_ in self.bars]
        infos = [f"{format_number(_fraction(partial), self.lang, 2)} × "
                 f"{format_number(weight, self.lang, 0 if float(weight).is_integer() else None)} → "
                 f"{format_number(points, self.lang, 1)}" for _label, _value, partial, weight, points in self.bars]
        info_w = max(metrics.horizontalAdvance(t) for t in infos) + 8.0  # the texts drawn, in this font
        # the numbers always fit; the labels are elided before the bars get narrower than 40 px
        label_w = max(min(max(metrics.horizontalAdvance(t) for t in texts) + 6.0, self.width() * 0.55,
                          self.width() - info_w - 40.0 - 22.0), 40.0)
        bar_x = label_w + 8
        bar_w = max(self.width() - bar_x - info_w - 8, 20.0)
        for i, (_label, _value, partial, _weight, _points) in enumerate(self.bars):
            y = 28 + i * self.ROW
            p.setPen(QColor("#222222"))
            p.drawText(QRectF(6, y, label_w, self.ROW), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       metrics.elidedText(texts[i], Qt.TextElideMode.ElideMiddle, int(label_w)))
            p.setPen(QPen(QColor("#bbbbbb"), 1))
            p.drawRect(QRectF(bar_x, y + 4, bar_w, self.ROW - 8))
            frac = _fraction(partial)
            p.fillRect(QRectF(bar_x, y + 4, bar_w * frac, self.ROW - 8), self.colour)
            p.setPen(QColor("#222222"))
            p.drawText(QRectF(bar_x + bar_w + 6, y, info_w, self.ROW),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), infos[i])
        p.end()


def _fraction(partial) -> float:
    return 0.0 if partial is None or math.isnan(partial) else max(0.0, min(1.0, partial))
