"""Dialogs of the review dock: reject with a standard reason and/or free text; a site's timeline."""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence

from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.capture.validation import label_language
from ..core.register.review import Reason, TimelineEntry, has_visible_text
from ..core.register.review import formatting as fmt
from .unsaved import CANCEL, ask_unsaved


class RejectDialog(QDialog):
    """A standard reason (from the register) and/or a comment; OK only with a reason or visible text.

    With ``submit`` set (the dock does), "Reject" sends the decision and the dialog stays open until the register
    has taken it: a refusal (four-eyes rule, the site changed meanwhile, the connection) is shown in the dialog with
    everything typed still there. Cancel or Escape with a typed comment asks before the text is dropped."""

    def __init__(self, reasons: Sequence[Reason], site_name: str, parent: Optional[QWidget] = None,
                 comment: str = "", reason: Optional[str] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reject site"))
        lang = label_language()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reject “{name}”: tell the municipality what to fix.").format(name=site_name),
                                self))
        layout.addWidget(QLabel(self.tr("Standard reason:"), self))
        self.reason = QComboBox(self)
        self.reason.addItem(self.tr("(none: comment only)"), None)
        for r in reasons:
            self.reason.addItem(r.label(lang), r.key)
        if reason is not None and self.reason.findData(reason) >= 0:
            self.reason.setCurrentIndex(self.reason.findData(reason))
        layout.addWidget(self.reason)
        layout.addWidget(QLabel(self.tr("Comment for the municipality:"), self))
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("What should the municipality fix?"))
        self.comment.setPlainText(comment)
        layout.addWidget(self.comment)
        self.hint = QLabel("", self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reject"))
        self.submit: Optional[Callable[[], object]] = None
        self.sending = False
        self.kept_comment = comment  # what the dock keeps for this site anyway: closing does not lose it
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.currentIndexChanged.connect(self._update)
        self.comment.textChanged.connect(self._update)
        self._update()

    def _ok(self) -> None:
        if not self.is_complete() or self.sending:
            return
        if self.submit is None:
            self.accept()
            return
        self.set_sending(True)
        self.submit()

    def set_sending(self, sending: bool) -> None:
        self.sending = sending
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not sending and self.is_complete())
        self.comment.setReadOnly(sending)
        self.reason.setEnabled(not sending)
        if sending:
            self.hint.setStyleSheet("")
            self.hint.setText(self.tr("Sending the rejection to the register…"))

    def refused(self, message: str) -> None:
        """The register refused: say why, keep everything typed, let the reviewer change it or cancel."""
        self.set_sending(False)
        self.kept_comment = self.comment_text()
        self.hint.setStyleSheet("color: #b00020;")
        self.hint.setText(self.tr("Not rejected: {reason} Your comment is kept.").format(reason=message))

    def decided(self) -> None:
        self.sending = False
        self.accept()

    def done(self, result: int) -> None:  # noqa: A003  (QDialog.done: Cancel, Esc, the window's ×)
        if result != QDialog.DialogCode.Accepted:
            if self.sending:
                return  # the decision is on its way: its answer closes the dialog or says why not
            text = self.comment_text()
            if has_visible_text(text) and text != self.kept_comment and ask_unsaved(
                    self, self.tr("Discard the comment you typed for the municipality?"),
                    self.tr("Discard the comment?"), can_save=False) == CANCEL:
                return
        super().done(result)

    def reason_key(self) -> Optional[str]:
        return self.reason.currentData()

    def comment_text(self) -> str:
        return self.comment.toPlainText()

    def is_complete(self) -> bool:
        return self.reason_key() is not None or has_visible_text(self.comment_text())

    def _update(self) -> None:
        ok = self.is_complete()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok and not self.sending)
        self.hint.setStyleSheet("")
        self.hint.setText("" if ok else self.tr("Choose a standard reason or write a comment (spaces alone are "
                                                "not a reason)."))


class TimelineDialog(QDialog):
    """Every version and decision of a site: when, who, what, what changed, the comment."""

    def __init__(self, site_name: str, entries: List[TimelineEntry], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Timeline: {name}").format(name=site_name))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Version"),
                                              self.tr("Changes"), self.tr("Comment")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        lang = label_language()
        for i, e in enumerate(entries):
            cells = [fmt.timestamp(e.at, lang), e.actor, e.action_label(),
                     "" if e.version is None else str(e.version), "\n".join(e.changes), e.comment or ""]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
