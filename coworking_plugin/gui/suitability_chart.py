"""A small horizontal bar chart of one site's explanation, painted with QPainter (no matplotlib needed)."""

from __future__ import annotations

from typing import List

from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.suitability.chartpaint import Bar, chart_height, paint_explanation


class ExplanationChart(QWidget):
    """Per criterion: the partial score as a bar (full width = 1), weight and points written beside it."""

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
        return QSize(480, chart_height(len(self.bars)))

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        paint_explanation(p, self.width(), self.font(), self.title, self.bars, self.colour, self.lang)
        p.end()
