"""Success indicators (issue 14): a dialog with the register's figures, charts and a CSV export.

Thin: the queries are core/register/indicators.py, the suitability coverage core/suitability/coverage.py, run in
a QgsTask on the connection the other docks use (the plugin's settings). What the role may see is what it counts.
"""

from __future__ import annotations

import logging
import math
from typing import List, Optional

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import connection
from ..core.i18n import ui_language
from ..core.register import indicators
from ..core.register.messages import user_message
from ..core.settings import PluginSettings
from ..core.tasks import CallableTask, TaskCanceled
from . import dashboard_charts as charts
from .feedback import notify

LOG = logging.getLogger(__name__)


class DashboardDialog(QDialog):
    def __init__(self, iface, database: Optional[str] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self._database = database
        self.lang = ui_language()
        self.indicators: Optional[indicators.Indicators] = None
        self.tables: List[indicators.Table] = []
        self.task: Optional[CallableTask] = None
        self.setWindowTitle(self.tr("Success indicators"))
        self.resize(820, 720)
        box = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Reading the register…"))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("dashboard_summary")
        box.addWidget(self.summary)
        self.tabs = QTabWidget()
        box.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("dashboard_close")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setEnabled(False)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.export_button.clicked.connect(lambda: self.export_csv())
        box.addWidget(buttons)

    def database(self) -> str:
        return self._database or PluginSettings.load().database

    # -- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> Optional[CallableTask]:
        from ..core.dossier.prepare import project_profile, project_references
        from ..core.suitability.layers import DetachedSource

        database = self.database()
        profile = project_profile()
        refs = {role: DetachedSource(layer) for role, layer in project_references().items()}
        lang = self.lang

        def job(task: CallableTask) -> indicators.Indicators:
            conn = connection.connect(database, application_name="coworking_dashboard")
            try:
                return indicators.read(conn, profile, refs, lang, task.setProgress, task.isCanceled)
            finally:
                conn.close()

        self.refresh_button.setEnabled(False)
        self.summary.setText(self.tr("Reading the register…"))
        self.task = CallableTask(self.tr("Reading the success indicators"), job, on_success=self.show_indicators,
                                 on_error=self._failed)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if isinstance(exc, TaskCanceled):
            text = self.tr("Reading the register was cancelled.")
        else:
            text = self.tr("The figures could not be read: {error}").format(error=user_message(exc))
        self.summary.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Warning)

    # -- showing ------------------------------------------------------------------------------------------
    def summary_text(self, ind: indicators.Indicators) -> str:
        def days(v: float) -> str:
            return "–" if math.isnan(v) else (f"{v:.1f}".replace(".", ",") if self.lang == "de" else f"{v:.1f}")

        parts = [
            self.tr("Sites in the register: {n}").format(n=sum(n for *_rest, n in ind.site_counts)),
            self.tr("Municipalities reporting in the last {days} days: {active} of {all}").format(
                days=ind.active_days, active=ind.active_municipalities, all=len(ind.reporting)),
            self.tr("Review turnaround: median {median} days, 90th percentile {p90} days ({n} decisions)").format(
                median=days(ind.median_days), p90=days(ind.p90_days), n=ind.decisions),
        ]
        if ind.models:
            parts.append(self.tr("Models with a suitable approved site: {n} of {all}; target groups: {g} of {gall}")
                         .format(n=sum(1 for m in ind.models if m.suitable), all=len(ind.models),
                                 g=sum(1 for g in ind.groups if g.sites), gall=len(ind.groups)))
        return "\n".join(parts)

    def show_indicators(self, ind: indicators.Indicators) -> None:
        self.refresh_button.setEnabled(True)
        self.indicators = ind
        self.tables = indicators.tables(ind, self.lang)
        self.summary.setText(self.summary_text(ind))
        self.tabs.clear()
        for table in self.tables:
            page = QWidget()
            layout = QVBoxLayout(page)
            canvas = self._chart(table, ind)
            if canvas is not None:
                layout.addWidget(canvas, 1)
            layout.addWidget(self._table_widget(table, self.lang), 1)
            self.tabs.addTab(page, table.title)
        self.export_button.setEnabled(True)

    def _chart(self, table: indicators.Table, ind: indicators.Indicators):
        canvas = None if table.key in ("reporting", "review_turnaround") else charts.new_canvas()
        if canvas is None:
            return None
        if table.key == "sites_now":
            charts.sites_now(canvas, ind, self.lang, table.title)
        elif table.key == "sites_by_month":
            charts.sites_by_month(canvas, ind, self.lang, table.title)
        elif table.key == "models":
            charts.bars(canvas, [m.label for m in ind.models], [m.suitable for m in ind.models], table.title)
        else:
            charts.bars(canvas, [g.label for g in ind.groups], [g.sites for g in ind.groups], table.title,
                        "#009E73")
        canvas.setObjectName(f"chart_{table.key}")
        return canvas

    @staticmethod
    def _table_widget(table: indicators.Table, lang: str) -> QTableWidget:
        widget = QTableWidget(len(table.rows), len(table.headers))
        widget.setObjectName(f"table_{table.key}")
        widget.setHorizontalHeaderLabels(table.headers)
        widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                widget.setItem(r, c, QTableWidgetItem(indicators.display_text(value, lang)))
        widget.resizeColumnsToContents()
        return widget

    # -- export -------------------------------------------------------------------------------------------
    def export_csv(self, folder: Optional[str] = None) -> List[str]:
        if not self.tables:
            return []
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the CSV files"))
            if not folder:
                return []
        try:
            paths = indicators.write_csv(self.tables, folder)
        except OSError as exc:
            notify(self.iface, self.tr("The CSV files could not be written: {error}").format(error=exc),
                   Qgis.MessageLevel.Critical)
            return []
        notify(self.iface, self.tr("%n CSV file(s) written to {folder}.", "", len(paths)).format(folder=folder),
               Qgis.MessageLevel.Success)
        return paths

    def unload(self) -> None:
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:  # already deleted by the task manager
                pass
