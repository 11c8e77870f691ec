"""The one question before something would drop what the user typed or chose: Save / Discard / Cancel.

Enter keeps the work (Save, or Cancel where nothing can be saved from here); Escape is Cancel. Nothing is dropped
without the explicit "Discard"."""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import QEvent, QObject
from qgis.PyQt.QtWidgets import QMessageBox, QWidget

from ..core.i18n import tr

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: Optional[QWidget], text: str, title: str = "", can_save: bool = True,
                save_text: str = "") -> str:
    """Ask what to do with unsaved input; returns SAVE, DISCARD or CANCEL (also for Escape and the window's ×)."""
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    if can_save:
        buttons |= QMessageBox.StandardButton.Save
    box = QMessageBox(QMessageBox.Icon.Question, title or tr("Discard changes?"), text, buttons, parent)
    box.setObjectName("unsaved_question")
    box.setDefaultButton(QMessageBox.StandardButton.Save if can_save else QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    # the plugin's own words: a QGIS without Qt's German catalogue would say "Discard" to a German officer
    box.button(QMessageBox.StandardButton.Discard).setText(tr("Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Cancel"))
    if can_save:
        box.button(QMessageBox.StandardButton.Save).setText(save_text or tr("Save"))
    answer = box.exec()
    box.deleteLater()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


class CloseGuard(QObject):
    """On QGIS's main window: before QGIS closes, a dock with unsaved input asks (Cancel keeps QGIS open).

    ``docks`` is the plugin's dict of docks; a dock takes part with ``has_unsaved_changes`` and
    ``confirm_discard``."""

    def __init__(self, docks, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.docks = docks

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Close:
            return False
        for dock in list(self.docks.values()):
            if getattr(dock, "has_unsaved_changes", lambda: False)():
                dock.show()
                dock.raise_()
                if not dock.confirm_discard():
                    event.ignore()
                    return True  # QGIS stays open with the form as it was
        return False
