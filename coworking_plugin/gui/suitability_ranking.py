"""The ranking of the scored sites per model: a sortable table, the chosen site selected and shown on the map,
a comparison of two to four sites, export as CSV (German Excel or international) and XLSX.

Thin: the table is core/suitability/ranking.py; the dialog follows the dock's run (a changed weight re-ranks).
"""

from __future__ import annotations

from typing import List, Optional

from qgis.core import Qgis
from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..core.i18n import format_number
from ..core.suitability import ranking
from .suitability_compare import model_chooser

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RankingModel(QAbstractTableModel):
    """A RankingTable as a Qt model: display texts in the UI language, raw values for sorting."""

    def __init__(self, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.table = ranking.RankingTable([], [], [], [])

    def set_table(self, table: ranking.RankingTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.table.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.table.rows[index.row()][index.column()]
        kind = self.table.kinds[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "–" if kind != ranking.TEXT else ""
            return format_number(value, self.lang, 1) if kind == ranking.SCORE else str(value)
        if role == SORT_ROLE:  # unranked and unscored sites sort after the rest (ascending)
            if kind == ranking.TEXT:
                return (value or "").casefold()
            return float("inf") if value is None else float(value) if kind == ranking.RANK else -float(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != ranking.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and kind == ranking.TEXT and value:
            return str(value)
        return None

    def site(self, row: int) -> int:
        """The site index (row of the run's scores) shown in ``row``."""
        return self.table.sites[row]


class RankingDialog(QDialog):
    """Non-modal: stays open beside the map while the planner changes weights in the dock."""

    def __init__(self, dock, parent=None) -> None:
        super().__init__(parent)
        self.dock = dock
        self.setWindowTitle(self.tr("Ranking of the sites"))
        self.resize(820, 480)
        box = QVBoxLayout(self)
        self.model_combo = model_chooser(box, self.tr("Model"), dock.profile, dock.lang)
        self.model_combo.currentIndexChanged.connect(lambda _: self.refresh())
        self.model = RankingModel(dock.lang, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        box.addWidget(self.view, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        box.addWidget(self.note)
        buttons = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr("Select two to four rows to compare the sites side by side."))
        self.compare_button.clicked.connect(lambda: self.compare())
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        for text, slot in ((self.tr("Export CSV…"), self.export_csv), (self.tr("Export XLSX…"), self.export_xlsx)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(b)
        box.addLayout(buttons)
        self.refresh()

    # -- content ----------------------------------------------------------------------------------------
    def model_id(self) -> str:
        return self.model_combo.currentData() or self.dock.profile.model_ids[0]

    def table(self) -> Optional[ranking.RankingTable]:
        run = self.dock.run
        if run is None or run.scores is None:
            return None
        names = ranking.site_names(run.features)
        return ranking.ranking_table(run.scores, names, self.dock.profile, self.model_id(), self.dock.lang)

    def refresh(self) -> None:
        """Re-rank (after scoring or a changed weight), keeping the sort column and order."""
        ids = [m.id for m in self.dock.profile.models]
        if [self.model_combo.itemData(i) for i in range(self.model_combo.count())] != ids:
            current = self.model_combo.currentData()
            self.model_combo.blockSignals(True)
            self.model_combo.clear()
            for m in self.dock.profile.models:
                self.model_combo.addItem(m.label(self.dock.lang), m.id)
            if current in ids:
                self.model_combo.setCurrentIndex(ids.index(current))
            self.model_combo.blockSignals(False)
        table = self.table()
        self.model.set_table(table or ranking.RankingTable([], [], [], []))
        if table is None:
            self.note.setText(self.tr("Score the sites in the dock first."))
        else:
            self.note.setText(self.tr("%n site(s) ranked; knocked-out sites have no rank.", "", len(table.rows)))
        self.view.resizeColumnsToContents()

    def selected_sites(self) -> List[int]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.site(r) for r in rows]

    def select_rows(self, sites: List[int]) -> None:
        """Select the rows of these sites (as a user clicking them would)."""
        from qgis.PyQt.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for r, site in enumerate(self.model.table.sites):
            if site in sites:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)

    def _selection_changed(self) -> None:
        """The chosen sites selected on the map (the dock's chart explains the first), the map zoomed to them."""
        layer, sites = self.dock.result_layer, self.selected_sites()
        if layer is None or not sites:
            return
        combo = self.dock.chart_model  # the dock's chart explains the ranked model
        combo.setCurrentIndex(max(combo.findData(self.model_id()), 0))
        try:
            layer.selectByIds([self.dock._fids[i] for i in sites])
        except RuntimeError:  # the result layer was removed
            return
        canvas = self.dock.iface.mapCanvas() if self.dock.iface is not None else None
        if canvas is not None and hasattr(canvas, "zoomToSelected"):
            canvas.zoomToSelected(layer)
            canvas.refresh()

    # -- actions ------------------------------------------------------------------------------------------
    def compare(self) -> Optional[QDialog]:
        from .suitability_compare import MAX_SITES, CompareDialog

        sites = self.selected_sites()
        if not 2 <= len(sites) <= MAX_SITES:
            self.note.setText(self.tr("Select two to four sites to compare (selected: {n}).").format(n=len(sites)))
            return None
        dialog = CompareDialog(self.dock, sites, self.model_id(), self)
        dialog.show()
        return dialog

    def export_csv(self, path: str = "", german_excel: Optional[bool] = None) -> bool:
        excel, world = self.tr("CSV for Excel, German (*.csv)"), self.tr("CSV, international (*.csv)")
        if not path:
            path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the ranking"), "", f"{excel};;{world}")
            german_excel = chosen != world
        if not path:
            return False
        return self._export(path, lambda t: ranking.write_csv(path, t, german_excel is not False) or "")

    def export_xlsx(self, path: str = "") -> bool:
        path = path or QFileDialog.getSaveFileName(self, self.tr("Export the ranking"), "",
                                                   self.tr("Excel workbook (*.xlsx)"))[0]
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        sheet = self.tr("Ranking {model}").format(model=self.model_combo.currentText())
        return self._export(path, lambda t: ranking.write_xlsx(path, t, sheet))

    def _export(self, path: str, write) -> bool:
        table = self.table()
        if table is None:
            self.note.setText(self.tr("Score the sites in the dock first."))
            return False
        try:
            error = write(table)
        except OSError as exc:
            error = str(exc)
        if error:
            self.dock._say(self.tr("Cannot write {path}: {error}").format(path=path, error=error),
                           Qgis.MessageLevel.Warning)
            return False
        self.dock._say(self.tr("Ranking written to {path}.").format(path=path), Qgis.MessageLevel.Success)
        return True
