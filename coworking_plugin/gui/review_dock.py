"""Review dock for the county's reviewers: pending sites, their attributes, approve or reject with a comment.

Thin: the database work is core/register/review.py, run as a QgsTask; the rules are enforced by the register itself.
"""

from __future__ import annotations

import logging
from typing import Any, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import connection
from ..core.capture.validation import label_language
from ..core.register import catalogue as cat
from ..core.register import review
from ..core.register.messages import user_message
from ..core.settings import PluginSettings
from ..core.tasks import CallableTask, TaskCanceled
from .feedback import notify

LOG = logging.getLogger(__name__)


class ReviewDock(QgsDockWidget):
    """Pending sites of the register; a decision is bound to the version shown."""

    def __init__(self, iface, database: Optional[str] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review sites"))
        self.iface = iface
        self._database = database
        self.sites: List[review.PendingSite] = []
        self.task: Optional[CallableTask] = None
        self._build()
        self._update_buttons()

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), body)
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel("", body)
        top.addWidget(self.refresh_button)
        top.addWidget(self.count_label, 1)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.list = QTreeWidget(splitter)
        self.list.setHeaderLabels([self.tr("Site"), self.tr("Municipality"), self.tr("Kind"), self.tr("Changed by")])
        self.list.setRootIsDecorated(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.attributes = QTableWidget(0, 2, splitter)
        self.attributes.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.attributes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.attributes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attributes.verticalHeader().setVisible(False)
        self.attributes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(splitter, 1)

        layout.addWidget(QLabel(self.tr("Review comment (required to reject):"), body))
        self.comment = QPlainTextEdit(body)
        self.comment.setPlaceholderText(self.tr("What should the municipality fix?"))
        self.comment.setMaximumHeight(80)
        self.comment.textChanged.connect(self._update_buttons)
        layout.addWidget(self.comment)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve"), body)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Reject"), body)
        self.reject_button.clicked.connect(self.reject_selected)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        layout.addLayout(buttons)
        self.status = QLabel("", body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(body)

    # -- state -------------------------------------------------------------------------------------------
    def database(self) -> str:
        return self._database or PluginSettings.load().database

    def selected(self) -> Optional[review.PendingSite]:
        items = self.list.selectedItems()
        if not items:
            return None
        return self.sites[items[0].data(0, Qt.ItemDataRole.UserRole)]

    def _busy(self) -> bool:
        return self.task is not None

    def _update_buttons(self) -> None:
        site = self.selected() if hasattr(self, "list") else None
        idle = not self._busy()
        self.refresh_button.setEnabled(idle)
        self.approve_button.setEnabled(idle and site is not None)
        self.reject_button.setEnabled(idle and site is not None and bool(self.comment.toPlainText().strip()))

    def _run(self, description: str, work, on_success) -> CallableTask:
        database = self.database()

        def job(task: CallableTask) -> Any:
            conn = connection.connect(database, application_name="coworking_review")
            try:
                if task.isCanceled():
                    raise TaskCanceled()
                return work(conn)
            finally:
                conn.close()

        def done(result: Any) -> None:
            self.task = None
            on_success(result)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.task = None
            if not isinstance(exc, TaskCanceled):
                message = str(exc) if isinstance(exc, (review.ReviewError, connection.ConnectionError_)) \
                    else user_message(exc)
                self.status.setText(message)
                notify(self.iface, message, Qgis.MessageLevel.Warning)
            self._update_buttons()

        self.task = CallableTask(description, job, on_success=done, on_error=failed)
        self._update_buttons()
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    # -- actions -----------------------------------------------------------------------------------------
    def refresh(self) -> Optional[CallableTask]:
        if self._busy():
            return None
        self.status.setText(self.tr("Loading pending sites…"))
        return self._run(self.tr("Loading sites for review"), review.pending_sites, self._show_sites)

    def approve_selected(self) -> Optional[CallableTask]:
        site = self.selected()
        if site is None or self._busy():
            return None
        comment = self.comment.toPlainText()
        return self._run(self.tr("Approving a site"),
                         lambda conn: review.approve(conn, site.kind, site.uuid, site.version, comment),
                         lambda _v: self._decided(self.tr("Approved: {name}").format(name=site.name)))

    def reject_selected(self) -> Optional[CallableTask]:
        site = self.selected()
        if site is None or self._busy():
            return None
        comment = self.comment.toPlainText()
        if not comment.strip():
            self.status.setText(self.tr("Write a comment that tells the municipality what to fix, then reject."))
            return None
        return self._run(self.tr("Rejecting a site"),
                         lambda conn: review.reject(conn, site.kind, site.uuid, site.version, comment),
                         lambda _v: self._decided(self.tr("Rejected: {name}").format(name=site.name)))

    def _decided(self, message: str) -> None:
        self.comment.clear()  # only after success: a failed decision keeps what the reviewer typed
        notify(self.iface, message, Qgis.MessageLevel.Success)
        self.status.setText(message)
        self.task = None
        self.refresh()

    # -- display -----------------------------------------------------------------------------------------
    def _show_sites(self, sites: List[review.PendingSite]) -> None:
        self.sites = sites
        self.list.clear()
        lang = label_language()
        for i, s in enumerate(sites):
            kind_label = cat.KIND_LABELS[s.kind][0 if lang == "de" else 1]
            item = QTreeWidgetItem([s.name, s.municipality_name or s.municipality_ags, kind_label, s.updated_by])
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            if s.changes:
                item.setToolTip(0, self.tr("Changed since the last approval: {fields}").format(
                    fields=", ".join(s.changes)))
            self.list.addTopLevelItem(item)
        self.count_label.setText(self.tr("%n pending", "", len(sites)))
        self.status.setText("" if sites else self.tr("Nothing to review."))
        self.attributes.setRowCount(0)

    def _show_selected(self) -> None:
        site = self.selected()
        self.attributes.setRowCount(0)
        self._update_buttons()
        if site is None:
            return
        lang = label_language()
        rows = []
        for f in cat.fields_for(site.kind) + list(cat.REGISTER_FIELDS):
            value = site.attributes.get(f.name)
            if f.name == "municipality_ags" and value:
                value = f"{cat.MUNICIPALITY_NAMES.get(value, value)} ({value})"
            elif f.choices is not None and value is not None:
                keys = value if isinstance(value, list) else [value]
                value = ", ".join(f.choices.label(k, lang) for k in keys)
            label = f.label(lang) + (" *" if f.name in site.changes else "")
            rows.append((label, "" if value is None else str(value)))
        for f in cat.OWNER_FIELDS:
            if site.owner.get(f.name) not in (None, ""):
                rows.append((f.label(lang), str(site.owner[f.name])))
        self.attributes.setRowCount(len(rows))
        for r, (label, value) in enumerate(rows):
            self.attributes.setItem(r, 0, QTableWidgetItem(label))
            self.attributes.setItem(r, 1, QTableWidgetItem(value))
        if site.changes:
            self.status.setText(self.tr("Fields marked * changed since the last approval."))
        self.zoom_to(site)

    def zoom_to(self, site: review.PendingSite) -> None:
        """Show the site on the map canvas (if there is one) so the reviewer sees where it is."""
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        geom = QgsGeometry.fromWkt(site.geometry_wkt) if site.geometry_wkt else None
        if canvas is None or geom is None or geom.isEmpty():
            return
        dest = canvas.mapSettings().destinationCrs()
        if dest.isValid():
            transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(cat.REGISTER_CRS), dest,
                                               QgsProject.instance())
            if geom.transform(transform) != Qgis.GeometryOperationResult.Success:
                return
        box = geom.boundingBox()
        box.grow(max(box.width(), box.height(), 200.0 if not dest.isGeographic() else 0.002))
        canvas.setExtent(box)
        canvas.refresh()
