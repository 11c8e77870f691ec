"""Answer the real question box a click opens, as the user would: a QTimer finds the modal QMessageBox once it
is shown and clicks one of its buttons (nothing of the dialog is mocked)."""

from __future__ import annotations

from typing import Dict, List, Optional

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox


def answer(button, seen: Optional[List[Dict[str, str]]] = None, grab: str = "", rounds: int = 250) -> List:
    """Click ``button`` (a QMessageBox.StandardButton) in the next question box; record its title, text and
    default button in ``seen``; save a screenshot to ``grab`` if given. Returns ``seen``."""
    seen = [] if seen is None else seen
    left = [rounds]

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            left[0] -= 1
            if left[0] > 0:
                QTimer.singleShot(20, click)
            return
        default = box.defaultButton()
        seen.append({"title": box.windowTitle(), "text": box.text(),
                     "default": box.standardButton(default) if default is not None else None,
                     "buttons": [box.standardButton(b) for b in box.buttons()],
                     "escape": box.standardButton(box.escapeButton()) if box.escapeButton() else None})
        if grab:
            box.grab().save(grab)
        box.button(button).click()

    QTimer.singleShot(0, click)
    return seen
