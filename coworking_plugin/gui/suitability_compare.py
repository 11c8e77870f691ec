"""Two to four scored sites side by side for one model: per criterion the weight, each site's value (with its
unit) and partial score, the points it adds, and each site's explanation chart.

The numbers are the run's (core/suitability/scoring.Scores.contributions), as the dock's chart shows them.
"""

from __future__ import annotations

import math
from typing import List

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import format_number
from ..core.suitability import overlays, ranking
from ..core.suitability.chartpaint import explanation_bars
from ..core.suitability.profile import Profile
from .suitability_chart import ExplanationChart

MAX_SITES = 4
translate = QCoreApplication.translate


def score_text(score: float, lang: str) -> str:
    return "–" if math.isnan(score) else format_number(score, lang, 0) + "/100"


def model_chooser(box: QVBoxLayout, label: str, profile: Profile, lang: str) -> QComboBox:
    """A line "Model [combo]" at the top of a dialog; the combo holds the profile's models (data: id)."""
    top = QHBoxLayout()
    top.addWidget(QLabel(label))
    combo = QComboBox()
    for m in profile.models:
        combo.addItem(m.label(lang), m.id)
    top.addWidget(combo, 1)
    box.addLayout(top)
    return combo


class CompareDialog(QDialog):
    def __init__(self, dock, sites: List[int], model_id: str, parent=None) -> None:
        super().__init__(parent)
        self.dock = dock
        self.sites = list(sites)[:MAX_SITES]
        self.names = [ranking.site_names([dock.run.features[i]])[0] for i in self.sites]
        self.setWindowTitle(self.tr("Compare sites"))
        self.resize(360 + 260 * len(self.sites), 640)
        box = QVBoxLayout(self)
        self.model_combo = model_chooser(box, self.tr("Model"), dock.profile, dock.lang)
        self.model_combo.setCurrentIndex(max(self.model_combo.findData(model_id), 0))
        self.model_combo.currentIndexChanged.connect(lambda _: self.refresh())
        self.table = QTableWidget()
        box.addWidget(self.table, 1)
        charts = QWidget()
        grid = QGridLayout(charts)
        self.charts = []
        for k in range(len(self.sites)):
            chart = ExplanationChart()
            grid.addWidget(chart, k // 2, k % 2)
            self.charts.append(chart)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        box.addWidget(scroll, 1)
        self.refresh()

    def model_id(self) -> str:
        return self.model_combo.currentData() or self.dock.profile.model_ids[0]

    def refresh(self) -> None:
        """The table and the charts for the chosen model, from the dock's current scores."""
        profile, lang, s = self.dock.profile, self.dock.lang, self.dock.run.scores
        model_id = self.model_id()
        m = s.model_ids.index(model_id)
        per_site = [explanation_bars(profile, s, i, model_id, lang) for i in self.sites]  # as the dock's chart
        criteria = [row["criterion"] for row in s.contributions(self.sites[0], model_id)]
        headers = [self.tr("Weight")]
        for name in self.names:
            headers += [self.tr("{site}: value").format(site=name), self.tr("{site}: partial score").format(
                site=name), self.tr("{site}: points").format(site=name)]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(criteria) + 2)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setVerticalHeaderLabels([self.tr("Score"), self.tr("Knock-outs")]
                                           + [profile.criterion(c).label(lang) for c in criteria])
        for k, i in enumerate(self.sites):
            col = 1 + 3 * k
            self._set(0, col, score_text(s.scores[i, m], lang))
            self._set(1, col, ", ".join(ranking.knockout_labels(profile, s.knockouts[i], lang)) or "–")
            for r, (_label, value, partial, weight, points) in enumerate(per_site[k], start=2):
                if k == 0:
                    self._set(r, 0, format_number(weight, lang, 0 if float(weight).is_integer() else None))
                self._set(r, col, value)
                self._set(r, col + 1, format_number(partial, lang, 2))
                self._set(r, col + 2, format_number(points, lang, 1))
            title = f"{self.names[k]}: {score_text(s.scores[i, m], lang)}"
            self.charts[k].set_data(title, per_site[k], overlays.model_colours(profile)[model_id], lang)
        self.table.resizeColumnsToContents()

    def _set(self, row: int, col: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if col > 0 and text and text[0].isdigit():
            item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
        self.table.setItem(row, col, item)
