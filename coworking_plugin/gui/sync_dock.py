"""The "Sync with the register" dock: check out, pull and push the working copy, see what needs attention.

Thin: every operation is core/sync/ in a QgsTask (progress bar, Cancel), the result is shown in words
("3 approved, 1 rejected: …") and as a list of conflicts and refusals; a conflict opens the side-by-side
dialog (gui/conflict_dialog.py). No password is ever stored: a connection string that carries one is used for
this session only.
"""

from __future__ import annotations

import logging
from typing import Optional, Tuple

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget, QgsFileWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.connection import postgres_connection_names
from ..core.conninfo import has_password, service_names
from ..core.settings import PluginSettings, settings_changed
from ..core.sync import maplayers
from ..core.sync.base import discard_message
from ..core.sync.conflicts import discard_local_changes
from ..core.sync.pull import checkout, pull
from ..core.sync.push import push
from ..core.sync.report import SyncReport
from ..core.sync.tracking import issues, pending_count
from ..core.sync.workingcopy import layers_with_unsaved_edits
from ..core.tasks import CallableTask, TaskCanceled
from .feedback import notify

LOG = logging.getLogger(__name__)


class SyncDock(QgsDockWidget):
    def __init__(self, iface, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with the register"))
        self.iface = iface
        self.task: Optional[CallableTask] = None
        self.running: Tuple[str, str] = ("", "")  # the operation of self.task and its working copy
        self.last_report: Optional[SyncReport] = None
        self._build()
        settings = PluginSettings.load()
        self.database.setCurrentText(settings.database)
        self.path.setFilePath(settings.working_copy)
        #: (database, working copy) as last read from or written to the settings
        self._shown = (settings.database, settings.working_copy)
        settings_changed().connect(self._follow_settings)
        self.refresh_state()

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.database = QComboBox(body)
        self.database.setEditable(True)
        self.database.addItems(postgres_connection_names())
        self.database.addItems([f"service={name}" for name in service_names()])
        self.database.setToolTip(self.tr("A QGIS PostgreSQL connection, or a connection string such as "
                                         "service=coworking. Passwords belong in the QGIS authentication "
                                         "manager or a service file, never here."))
        form.addRow(self.tr("Register:"), self.database)
        self.path = QgsFileWidget(body)
        self.path.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.path.setFilter(self.tr("GeoPackage (*.gpkg)"))
        self.path.fileChanged.connect(lambda _path: self.refresh_state())
        form.addRow(self.tr("Working copy:"), self.path)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.checkout_button = QPushButton(self.tr("Check out"), body)
        self.checkout_button.setToolTip(self.tr("Create or refresh the working copy with the sites you may see"))
        self.pull_button = QPushButton(self.tr("Pull"), body)
        self.pull_button.setToolTip(self.tr("Bring the register's changes and the reviewers' decisions"))
        self.push_button = QPushButton(self.tr("Push"), body)
        self.push_button.setToolTip(self.tr("Send your new, changed and archived sites in one transaction"))
        self.cancel_button = QPushButton(self.tr("Cancel"), body)
        self.cancel_button.setEnabled(False)
        self.checkout_button.clicked.connect(lambda: self.run("checkout"))
        self.pull_button.clicked.connect(lambda: self.run("pull"))
        self.push_button.clicked.connect(lambda: self.run("push"))
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.checkout_button, self.pull_button, self.push_button, self.cancel_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.progress = QProgressBar(body)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.state_label = QLabel("", body)
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.result_label = QLabel("", body)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)

        layout.addWidget(QLabel(self.tr("Needs your attention:"), body))
        self.issues = QTreeWidget(body)
        self.issues.setHeaderLabels([self.tr("Site"), self.tr("Problem"), self.tr("Server's message")])
        self.issues.setRootIsDecorated(False)
        self.issues.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issues.itemSelectionChanged.connect(self._update_buttons)
        self.issues.itemDoubleClicked.connect(lambda _item, _col: self.resolve_selected())
        layout.addWidget(self.issues, 1)
        issue_buttons = QHBoxLayout()
        self.resolve_button = QPushButton(self.tr("Resolve conflict…"), body)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.discard_button = QPushButton(self.tr("Discard my local change"), body)
        self.discard_button.setToolTip(self.tr("Put the selected site back as the register had it at your last "
                                               "checkout, pull or push (a new site that was never pushed is "
                                               "removed)"))
        self.discard_button.clicked.connect(lambda: self.discard_selected())
        issue_buttons.addWidget(self.resolve_button)
        issue_buttons.addWidget(self.discard_button)
        layout.addLayout(issue_buttons)
        self.unsaved_box: Optional[QMessageBox] = None  # the question before a push, while it is open
        self.setWidget(body)

    # -- state -------------------------------------------------------------------------------------------
    def working_copy(self) -> str:
        return self.path.filePath().strip()

    def refresh_state(self) -> None:
        path = self.working_copy()
        try:
            pending = pending_count(path) if path else 0
            open_issues = issues(path) if path else []
        except Exception:  # not a working copy (yet): say so instead of failing
            LOG.exception("reading %s", path)
            pending, open_issues = 0, []
        self.state_label.setText(self.tr("%n site(s) with edits not pushed yet.", "", pending) if path else
                                 self.tr("Choose where your working copy is (or will be) stored."))
        self.issues.clear()
        labels = {"conflict": self.tr("Conflict: changed on the server too"),
                  "refused": self.tr("Refused by the server"),
                  "rejected": self.tr("Rejected by the county: change it and push again")}
        for issue in open_issues:
            item = QTreeWidgetItem([issue.name or issue.uuid, labels.get(issue.issue, issue.issue), issue.message])
            item.setData(0, Qt.ItemDataRole.UserRole, issue)
            item.setToolTip(2, issue.message)
            self.issues.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.task is not None
        for b in (self.checkout_button, self.pull_button, self.push_button):
            b.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        item = self.issues.currentItem()
        issue = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self.resolve_button.setEnabled(not busy and issue is not None and issue.issue == "conflict")
        self.discard_button.setEnabled(not busy and issue is not None)

    def _remember(self) -> None:
        """Keep the connection and path for next time, unless the connection string carries a password."""
        settings = PluginSettings.load()
        database = self.database.currentText().strip()
        if not has_password(database):
            settings.database = database
        settings.working_copy = self.working_copy()
        self._shown = (settings.database, settings.working_copy)
        settings.save()

    def _follow_settings(self) -> None:
        """The Options page changed the register or the working copy: show (and use) the new ones at once.

        A value the settings did not change keeps what is typed here (a connection string with a password is
        used for this session but never stored)."""
        settings = PluginSettings.load()
        if settings.database != self._shown[0]:
            self.database.setCurrentText(settings.database)
        if settings.working_copy != self._shown[1]:
            self.path.setFilePath(settings.working_copy)
        self._shown = (settings.database, settings.working_copy)

    # -- operations --------------------------------------------------------------------------------------
    def run(self, operation: str) -> Optional[CallableTask]:
        database, path = self.database.currentText().strip(), self.working_copy()
        if not path:
            notify(self.iface, self.tr("Choose a file for the working copy first."), Qgis.MessageLevel.Warning)
            return None
        if operation == "push" and not self._save_layer_edits(path):
            return None
        self._remember()
        work = {"checkout": checkout, "pull": pull, "push": push}[operation]
        descriptions = {"checkout": self.tr("Checking out the working copy"),
                        "pull": self.tr("Pulling changes from the register"),
                        "push": self.tr("Pushing edits to the register")}
        self.task = CallableTask(
            descriptions[operation],
            lambda task: work(database, path, progress=task.setProgress, is_canceled=task.isCanceled),
            on_success=self._done, on_error=self._failed)
        self.running = (operation, path)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.result_label.setText("")
        QgsApplication.taskManager().addTask(self.task)
        self._update_buttons()
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _finish(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.refresh_state()

    def _done(self, report: SyncReport) -> None:
        self.last_report = report
        self._finish()
        operation, path = self.running
        if operation == "checkout":
            maplayers.add_working_copy_layers(path)  # once: a second checkout reloads the layers already there
        else:
            maplayers.refresh_working_copy_layers(path)
        text = report.summary()
        self.result_label.setText(text)
        level = Qgis.MessageLevel.Success
        if report.conflicts or report.refused or not report.committed:
            level = Qgis.MessageLevel.Warning
        notify(self.iface, text, level)
        self.iface.mapCanvas().refreshAllLayers()

    def _failed(self, error: BaseException) -> None:
        task = self.task
        if isinstance(error, TaskCanceled) and task is not None and task.result is not None:
            self._done(task.result)  # Cancel came after the commit: the work is done, say what was done
            return
        self._finish()
        if isinstance(error, TaskCanceled):
            text = self.tr("Canceled; nothing was changed.")
        else:
            text = str(error)
        self.result_label.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Critical)

    def resolve_selected(self) -> None:
        item = self.issues.currentItem()
        issue = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if issue is None or issue.issue != "conflict":
            return
        from .conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.iface, self.working_copy(), issue.uuid, self)
        dialog.exec()
        self.refresh_state()

    def _save_layer_edits(self, path: str) -> bool:
        """Edits still in a working-copy layer's edit buffer are not in the working copy: a push would leave
        them out. Ask to save them first; False when the officer cancels or saving fails."""
        layers = layers_with_unsaved_edits(path)
        if not layers:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved edits"), self.tr(
            "The layers {layers} have edits that are not saved yet; the push would leave them out. Save them "
            "now and push?").format(layers=", ".join(f"“{lyr.name()}”" for lyr in layers)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self.unsaved_box = box
        try:
            answer = box.exec()
        finally:
            self.unsaved_box = None
        if answer != QMessageBox.StandardButton.Save:
            return False
        for layer in layers:
            if not layer.commitChanges():
                text = self.tr("The edits of “{layer}” could not be saved, nothing was pushed: {errors}").format(
                    layer=layer.name(), errors="; ".join(layer.commitErrors()))
                self.result_label.setText(text)
                notify(self.iface, text, Qgis.MessageLevel.Critical)
                return False
        return True

    def discard_selected(self, ask: bool = True) -> bool:
        """Throw away the local change of the site selected in the issue list."""
        item = self.issues.currentItem()
        issue = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if issue is None:
            return False
        name = issue.name or issue.uuid
        if ask and QMessageBox.question(
                self, self.tr("Discard my local change"),
                self.tr("Discard your change of “{name}”? The site goes back to the register's version of your "
                        "last checkout, pull or push.").format(name=name)) != QMessageBox.StandardButton.Yes:
            return False
        outcome = discard_local_changes(self.working_copy(), [issue.uuid])[issue.uuid]
        text = discard_message(outcome, name)
        self.result_label.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Info if outcome != "missing" else Qgis.MessageLevel.Warning)
        self.refresh_state()
        self.iface.mapCanvas().refreshAllLayers()
        return outcome != "missing"

    def unload(self) -> None:
        try:
            settings_changed().disconnect(self._follow_settings)
        except TypeError:  # unload() called twice
            pass
        self.cancel()
