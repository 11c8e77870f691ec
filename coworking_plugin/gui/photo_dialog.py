"""The photos of one site of the register: thumbnails, add from a file, caption, credit, public, delete.

Every database round trip and the scaling of a new photo run as a QgsTask (``CallableTask``) with a connection of
their own; the dialog only shows results. What may be public is said next to the checkbox (GDPR).
"""

from __future__ import annotations

from typing import Callable, List, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import connection
from ..core.register import photos as ph
from ..core.register.messages import user_message
from ..core.tasks import CallableTask

WARNING_STYLE = "color: #8a5a00;"


class PhotoDialog(QDialog):
    """Photos of the site ``site_uuid`` (``kind``) in the register named by ``database``."""

    def __init__(self, database: str, kind: str, site_uuid: str, site_name: str = "",
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database, self.kind, self.site_uuid = database, kind, site_uuid
        self.photos: List[ph.Photo] = []
        self.task: Optional[CallableTask] = None
        self._shown: Optional[str] = None  # uuid of the photo whose texts the fields show
        self.setWindowTitle(self.tr("Photos of “{name}”").format(name=site_name or site_uuid))
        self.resize(900, 600)
        self._build()
        self.reload()

    # -- construction -----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(ph.THUMB_SIDE, ph.THUMB_SIDE))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setSpacing(6)
        self.list.setMinimumWidth(2 * ph.THUMB_SIDE + 40)
        self.list.currentItemChanged.connect(self._current_changed)
        body.addWidget(self.list, 1)
        side = QVBoxLayout()
        form = QFormLayout()
        self.caption_edit = QLineEdit()
        self.caption_edit.setPlaceholderText(self.tr("e.g. Front on the market square"))
        self.credit_edit = QLineEdit()
        self.credit_edit.setPlaceholderText(self.tr("who took the photo, e.g. Stadt Riesa"))
        self.public_check = QCheckBox(self.tr("public"))
        form.addRow(self.tr("Caption"), self.caption_edit)
        form.addRow(self.tr("Credit"), self.credit_edit)
        form.addRow("", self.public_check)
        side.addLayout(form)
        self.gdpr_label = QLabel(self.tr(
            "Public photos appear in the Geoportal and in dossiers once the county has approved the site. No faces, "
            "licence plates or other people may be recognisable in them (GDPR), and the author must agree to the "
            "publication."))
        self.gdpr_label.setWordWrap(True)
        self.gdpr_label.setStyleSheet(WARNING_STYLE)
        side.addWidget(self.gdpr_label)
        self.review_label = QLabel(self.tr("Every change of a photo sends the site back to the county's review."))
        self.review_label.setWordWrap(True)
        side.addWidget(self.review_label)
        self.add_button = QPushButton(self.tr("Add photo…"))
        self.add_button.clicked.connect(lambda: self.add_from_file())
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(lambda: self.save_current())
        self.delete_button = QPushButton(self.tr("Delete photo…"))
        self.delete_button.clicked.connect(lambda: self.delete_current())
        for button in (self.add_button, self.save_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMinimumWidth(380)
        body.addWidget(panel, 1)
        layout.addLayout(body)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.caption_edit, self.credit_edit):
            edit.textChanged.connect(self._update_buttons)
        self.public_check.toggled.connect(self._update_buttons)
        self._update_buttons()

    # -- state ------------------------------------------------------------------------------------------
    def current(self) -> Optional[ph.Photo]:
        item = self.list.currentItem()
        uuid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((p for p in self.photos if p.uuid == uuid), None)

    def is_dirty(self) -> bool:
        photo = next((p for p in self.photos if p.uuid == self._shown), None)
        return photo is not None and (self.caption_edit.text().strip(), self.credit_edit.text().strip(),
                                      self.public_check.isChecked()) != (photo.caption, photo.credit, photo.public)

    def _update_buttons(self) -> None:
        busy = self.task is not None
        has = self.current() is not None
        self.add_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and has and self.is_dirty())
        self.delete_button.setEnabled(not busy and has)
        for widget in (self.caption_edit, self.credit_edit, self.public_check):
            widget.setEnabled(has)

    def _show(self, photo: Optional[ph.Photo]) -> None:
        self._shown = photo.uuid if photo else None
        self.caption_edit.setText(photo.caption if photo else "")
        self.credit_edit.setText(photo.credit if photo else "")
        self.public_check.setChecked(bool(photo and photo.public))
        self._update_buttons()

    def _current_changed(self, item, previous) -> None:
        if previous is not None and self.is_dirty() and self._ask_save():
            self.save_current()
        self._show(self.current())

    def _ask_save(self) -> bool:
        answer = QMessageBox.question(self, self.windowTitle(), self.tr(
            "Save the changed caption, credit or publication of the photo?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Save)
        return answer == QMessageBox.StandardButton.Save

    def _say(self, text: str, warning: bool = False) -> None:
        self.status_label.setStyleSheet(WARNING_STYLE if warning else "")
        self.status_label.setText(text)

    # -- work in tasks ----------------------------------------------------------------------------------
    def _run(self, description: str, work: Callable, done: Callable, select: Optional[str] = None) -> None:
        """``work(conn)`` in a task with its own connection; then the list is reloaded (``done`` gets the result)."""
        database = self.database

        def task_work(task):
            conn = connection.connect(database, application_name="coworking_plugin photos")
            try:
                result = work(conn)
                photos = ph.list_photos(conn, self.kind, self.site_uuid)
                thumbs = [ph.thumbnail(p.image) for p in photos]
                return result, photos, thumbs
            finally:
                conn.close()

        def ok(value) -> None:
            self.task = None
            result, photos, thumbs = value
            self._fill(photos, thumbs, select if select is not None else (result if isinstance(result, str)
                                                                           else self._shown))
            done(result)

        def failed(exc: BaseException) -> None:
            self.task = None
            self._update_buttons()
            if isinstance(exc, (ph.PhotoError, connection.ConnectionError_)):
                self._say(str(exc), warning=True)
            else:
                self._say(user_message(exc) or self.tr("The photos could not be read."), warning=True)

        self._say(description)
        self.task = CallableTask(description, task_work, on_success=ok, on_error=failed)
        self._update_buttons()
        QgsApplication.taskManager().addTask(self.task)

    def _fill(self, photos: List[ph.Photo], thumbs, select: Optional[str]) -> None:
        self.photos = photos
        self.list.blockSignals(True)
        self.list.clear()
        for photo, thumb in zip(photos, thumbs):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), photo.caption or self.tr("(no caption)"))
            item.setData(Qt.ItemDataRole.UserRole, photo.uuid)
            item.setToolTip(self.tr("public") if photo.public else self.tr("internal"))
            self.list.addItem(item)
            if photo.uuid == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show(self.current())

    def reload(self) -> None:
        self._run(self.tr("Loading the photos…"), lambda conn: None,
                  lambda _r: self._say(self.tr("%n photo(s).", "", len(self.photos))))

    def add_from_file(self, path: Optional[str] = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Add photo"), "",
                                                  self.tr("Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"))
            if not path:
                return
        kind, site = self.kind, self.site_uuid

        def work(conn) -> str:
            return ph.add_photo(conn, kind, site, ph.prepare_image(path))

        self._run(self.tr("Adding the photo…"), work, lambda _r: self._say(self.tr(
            "Photo added (internal). Enter caption and credit; tick “public” only if it may be published.")))

    def save_current(self) -> None:
        photo = next((p for p in self.photos if p.uuid == self._shown), None)
        if photo is None:
            return
        caption, credit, public = (self.caption_edit.text(), self.credit_edit.text(), self.public_check.isChecked())
        try:
            ph.check_text(public, credit)
        except ph.PhotoError as exc:
            self._say(str(exc), warning=True)
            return
        self._run(self.tr("Saving the photo…"),
                  lambda conn: ph.update_photo(conn, photo.uuid, caption, credit, public),
                  lambda _r: self._say(self.tr("Saved. The site waits for the county's review again.")),
                  select=photo.uuid)

    def delete_current(self, ask: bool = True) -> None:
        photo = self.current()
        if photo is None:
            return
        if ask and QMessageBox.question(
                self, self.windowTitle(), self.tr("Delete the photo “{caption}” from the register?").format(
                    caption=photo.caption or self.tr("(no caption)")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self._shown = None
        self._run(self.tr("Deleting the photo…"), lambda conn: ph.delete_photo(conn, photo.uuid),
                  lambda _r: self._say(self.tr("Photo deleted.")), select="")

    def done(self, result: int) -> None:  # noqa: A003  (QDialog.done: Close, Esc)
        if self.is_dirty() and self._ask_save():
            self.save_current()
            return  # stays open until the save has finished
        if self.task is not None:
            self.task.cancel()
        super().done(result)


def open_for_capture(dock) -> Optional[PhotoDialog]:
    """The Capture dock's "Photos…": the dialog for the site in the form if the register has it, else a message
    on the dock saying why not (a draft gets its photos after the upload)."""
    from qgis.core import Qgis

    from ..core.capture import drafts
    from ..core.i18n import tr
    from ..core.sync import workingcopy as wc

    record = drafts.load_site(dock.wc_path, dock.kind, dock.site_uuid) if dock.site_uuid else None
    if record is None:
        dock.show_message(tr("Open a site of the working copy with “Edit selected” first."), Qgis.MessageLevel.Warning)
        return None
    if record.sync_state == wc.SYNC_NEW:
        dock.show_message(tr("This site is a draft that is not in the register yet. Photos can be added after the "
                             "upload: push the site (“Sync with the register”), then open “Photos…” again."),
                          Qgis.MessageLevel.Warning)
        return None
    if not dock.settings.database:
        dock.show_message(tr("No register connection is set. Choose it in the plugin's options "
                             "(Settings ▸ Options ▸ Coworking)."), Qgis.MessageLevel.Warning)
        return None
    dialog = PhotoDialog(dock.settings.database, dock.kind, dock.site_uuid, str(record.values.get("name") or ""),
                         parent=dock)
    dialog.show()
    return dialog
