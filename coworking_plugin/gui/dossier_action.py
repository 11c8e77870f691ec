"""The docks' “Dossier (PDF)…” button: ask where to (and whether the owner's contact goes in), gather the data in
a QgsTask, then lay the pages out on the main thread with a progress dialog that can cancel.

``export_dossier_for(layer, feature_ids)`` is the one entry point; the capture, suitability and review docks call
it with their layer and the sites they mean (the review dock: ``export_dossier_for(register_layer(database,
site.kind), uuids=[site.uuid], iface=iface, parent=self)``).
"""

from __future__ import annotations

import logging
import os
from typing import Callable, Dict, List, Optional, Sequence

from qgis.core import Qgis, QgsApplication, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QProgressDialog,
    QWidget,
)

from ..core import connection
from ..core.dossier import collect, layout, prepare
from ..core.i18n import tr
from ..core.register import catalogue as cat
from ..core.tasks import CallableTask, TaskCanceled
from .feedback import notify

LOG = logging.getLogger(__name__)

#: tasks still running (the task manager owns them; the Python side keeps their callbacks alive)
_TASKS: List[CallableTask] = []


class DossierDialog(QDialog):
    """Where the PDF goes, one PDF per site or not, and whether the owner's contact is included."""

    def __init__(self, n_sites: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Site dossier"))
        form = QFormLayout(self)
        self.file_widget = QgsFileWidget()
        self.file_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.file_widget.setFilter(tr("PDF (*.pdf)"))
        self.file_widget.setFilePath(os.path.join(os.path.expanduser("~"), tr("dossier") + ".pdf"))
        form.addRow(tr("%n site(s) to the file", "", n_sites), self.file_widget)
        self.per_site = QCheckBox(tr("One PDF per site (in a folder named like the file)"))
        self.per_site.setEnabled(n_sites > 1)
        form.addRow(self.per_site)
        self.include_owner = QCheckBox(tr("Include the owner's contact (confidential; only what your role may "
                                          "read)"))
        form.addRow(self.include_owner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def register_layer(database: str, kind: str) -> QgsVectorLayer:
    """The register's table of ``kind`` as a layer (not added to the project): what a dock that knows sites
    by their uuid (the review dock) passes to :func:`export_dossier_for`."""
    uri = connection.datasource_uri(database)
    uri.setDataSource("coworking", kind, "geom", "", "uuid")
    return QgsVectorLayer(uri.uri(False), cat.KIND_LABELS[kind][0], "postgres")


def export_dossier_for(layer: QgsVectorLayer, feature_ids: Optional[Sequence[int]] = None, iface=None,
                       parent: Optional[QWidget] = None, uuids: Optional[Sequence[str]] = None,
                       output: Optional[str] = None, include_owner: bool = False, per_site: bool = False,
                       profile=None, references: Optional[Dict[str, QgsVectorLayer]] = None,
                       on_done: Optional[Callable[[List[str]], None]] = None) -> Optional[CallableTask]:
    """Export the dossier of the sites ``feature_ids`` (or ``uuids``) of ``layer``.

    Without ``output`` the user is asked (file, one PDF per site, owner's contact). Returns the data task (None when
    the user cancelled); ``on_done`` gets the written files.
    """
    count = len(feature_ids) if feature_ids is not None else len(uuids or ())
    if layer is None or count == 0:
        notify(iface, tr("Select the sites for the dossier first."), Qgis.MessageLevel.Warning)
        return None
    if output is None:
        dialog = DossierDialog(count, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.file_widget.filePath():
            return None
        output, per_site = dialog.file_widget.filePath(), dialog.per_site.isChecked()
        include_owner = dialog.include_owner.isChecked()
    if per_site:
        output = os.path.splitext(output)[0]
    elif not output.lower().endswith(".pdf"):
        output += ".pdf"
    request, map_layers = prepare.request_for(layer, feature_ids, uuids, profile, references, include_owner)

    def render(sites: List[collect.DossierSite]) -> None:
        progress = QProgressDialog(tr("Laying out the dossier…"), tr("Cancel"), 0, 100, parent)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(p: float) -> None:
            progress.setValue(int(p))
            QCoreApplication.processEvents()

        try:
            paths = layout.export(sites, output, per_site, map_layers, request.lang, step, progress.wasCanceled)
        except TaskCanceled:
            notify(iface, tr("The dossier was cancelled."), Qgis.MessageLevel.Info)
            return
        except OSError as exc:
            notify(iface, str(exc), Qgis.MessageLevel.Critical)
            return
        finally:
            progress.close()
        notes = {s.owner_note for s in sites if s.owner_note}
        text = tr("Dossier written: {path}").format(path=output)
        if notes:
            text += " " + " ".join(sorted(notes))
        notify(iface, text, Qgis.MessageLevel.Success)
        if on_done:
            on_done(paths)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, TaskCanceled):
            notify(iface, tr("The dossier could not be made: {error}").format(error=exc), Qgis.MessageLevel.Critical)

    def finished(callback):
        def run(value):
            if task in _TASKS:
                _TASKS.remove(task)
            callback(value)
        return run

    task = CallableTask(tr("Collecting the site dossier"),
                        lambda t: collect.collect(request, t.setProgress, t.isCanceled),
                        on_success=finished(render), on_error=finished(failed))
    _TASKS.append(task)
    QgsApplication.taskManager().addTask(task)
    return task
