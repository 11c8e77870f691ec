"""The review queue as a Qt table model: one page of rows served by the server; a click on a header asks the
dock to reload sorted by that column (the server sorts, never the view)."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor

from ..core.capture.validation import label_language
from ..core.register import catalogue as cat
from ..core.register.review import QueuePage, QueueRow
from ..core.register.review import formatting as fmt

#: column -> sort key of core.register.review.queue (None: not sortable)
COLUMNS = ("name", "municipality", "kind", "change", "submitted_by", "submitted_at", "age", "warnings", "status")
SORT_BY_COLUMN = {"name": "name", "municipality": "municipality", "kind": "kind", "change": "change",
                  "submitted_by": "submitted_by", "submitted_at": "submitted_at", "age": "submitted_at",
                  "warnings": "duplicate", "status": "status"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewQueueModel(QAbstractTableModel):
    """Rows of the current page; ``sortRequested(key, descending)`` when the user clicks a header."""

    sortRequested = pyqtSignal(str, bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.page: Optional[QueuePage] = None
        self.rows: List[QueueRow] = []
        self._now = dt.datetime.now(dt.timezone.utc)

    def headers(self) -> List[str]:
        return [self.tr("Site"), self.tr("Municipality"), self.tr("Kind"), self.tr("New/change"),
                self.tr("Submitted by"), self.tr("Submitted"), self.tr("Age (days)"), self.tr("Warnings"),
                self.tr("Status")]

    def set_page(self, page: QueuePage) -> None:
        self.beginResetModel()
        self.page = page
        self.rows = list(page.rows)
        self._now = dt.datetime.now(dt.timezone.utc)
        self.endResetModel()

    def set_duplicates(self, page: QueuePage, flags: dict) -> None:
        """Fill in the possible-duplicate flags of ``page`` (if it is still the one shown)."""
        if page is not self.page or not self.rows:
            return
        for r in self.rows:
            r.duplicate = flags.get(r.uuid, False)
        column = COLUMNS.index("warnings")
        self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    def clear(self) -> None:
        self.beginResetModel()
        self.page, self.rows = None, []
        self.endResetModel()

    def row(self, index: QModelIndex) -> Optional[QueueRow]:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    # -- QAbstractTableModel ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_BY_COLUMN[COLUMNS[column]]
        # age: the oldest first when "ascending" (largest age first), the reverse of the submission time
        descending = (order == Qt.SortOrder.DescendingOrder) != (COLUMNS[column] == "age")
        self.sortRequested.emit(key, descending)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index)
        if r is None:
            return None
        column = COLUMNS[index.column()]
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "warnings" and (r.duplicate or r.consent_missing):
            return QBrush(QColor(176, 96, 0))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "age":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: QueueRow, column: str) -> str:
        lang = label_language()
        if column == "name":
            return r.name
        if column == "municipality":
            return r.municipality_name
        if column == "kind":
            return cat.KIND_LABELS[r.kind][0 if lang == "de" else 1]
        if column == "change":
            if not r.is_change:
                return self.tr("new")
            return self.tr("change (%n field(s))", "", len(r.changed_fields))
        if column == "submitted_by":
            return r.submitted_by
        if column == "submitted_at":
            return fmt.timestamp(r.submitted_at, lang)
        if column == "age":
            return fmt.locale(lang).toString(r.age_days(self._now))
        if column == "warnings":
            return ", ".join(self._warnings(r))
        if column == "status":
            return fmt.named_value("status", r.status, lang)
        return ""

    def _warnings(self, r: QueueRow) -> List[str]:
        found = []
        if r.duplicate:
            found.append(self.tr("possible duplicate"))
        if r.consent_missing:
            found.append(self.tr("consent missing"))
        return found

    def _tooltip(self, r: QueueRow, column: str) -> Optional[str]:
        if column == "change" and r.changed_fields:
            return self.tr("Changed since the last approval: {fields}").format(
                fields=", ".join(fmt.field_label(f) for f in r.changed_fields))
        if column == "status" and r.status == "rejected" and r.review_comment:
            return r.review_comment
        return None
