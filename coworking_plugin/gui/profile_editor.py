"""The profile editor: criteria (add, remove, kind, layers, radius, field, units, missing score), each curve as a
small table of points, weights per model, knock-out rules and layer roles.

What the planner typed is checked by the profile's own loader (core/suitability/profile.from_dict), whose
translated messages name the entry to fix; the dialog then stays open with everything typed kept.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional

from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import parse_number
from ..core.suitability import profile as profiles
from . import profile_editor_tables as tables
from .profile_editor_tables import BOOL, CHOICE, LIST, NUMBER, Column, EditorError
from .unsaved import CANCEL, SAVE, ask_unsaved


class ProfileEditor(QDialog):
    def __init__(self, profile: profiles.Profile, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.original = copy.deepcopy(profile.to_dict())
        self.result_profile: Optional[profiles.Profile] = None
        self.criteria: List[Dict[str, Any]] = [dict(c) for c in self.original["criteria"]]
        self.curves: List[List[List[str]]] = [[[tables.cell_text(v, NUMBER, lang) for v in p] for p in c["curve"]]
                                              for c in self.criteria]
        self.weights: Dict[str, Dict[str, str]] = {
            m["id"]: {k: tables.cell_text(v, NUMBER, lang) for k, v in m["weights"].items()}
            for m in self.original["models"]}
        self.current = -1
        self.setWindowTitle(self.tr("Edit the suitability profile"))
        self.resize(900, 560)
        self.crit_columns = [
            Column("id", self.tr("Id")), Column("label_de", self.tr("Label (German)")),
            Column("label_en", self.tr("Label (English)")), Column("kind", self.tr("Kind"), CHOICE, profiles.KINDS),
            Column("layers", self.tr("Layer roles"), LIST), Column("radius_m", self.tr("Radius (m)"), NUMBER),
            Column("field", self.tr("Site field")), Column("unit_de", self.tr("Unit (German)")),
            Column("unit", self.tr("Unit (English)")), Column("missing_score", self.tr("Score when unknown"), NUMBER),
            Column("source", self.tr("Source"))]
        self.ko_columns = [
            Column("enabled", self.tr("On"), BOOL), Column("id", self.tr("Id")),
            Column("label_de", self.tr("Label (German)")), Column("label_en", self.tr("Label (English)")),
            Column("rule", self.tr("Rule"), CHOICE, profiles.RULES), Column("field", self.tr("Site field")),
            Column("value", self.tr("Value")), Column("only_field", self.tr("Only if field")),
            Column("only_equals", self.tr("… equals")), Column("tolerance_m", self.tr("Tolerance (m)"), NUMBER)]
        self.role_columns = [Column("role", self.tr("Role")), Column("label_de", self.tr("Label (German)")),
                             Column("label_en", self.tr("Label (English)")), Column("note_de", self.tr("Note"))]
        box = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._criteria_tab(), self.tr("Criteria and curves"))
        self.weight_table = QTableWidget()
        self.tabs.addTab(self.weight_table, self.tr("Weights"))
        self.ko_table = QTableWidget()
        self.tabs.addTab(self._list_tab(self.ko_table, self._add_knockout), self.tr("Knock-outs"))
        self.role_table = QTableWidget()
        self.tabs.addTab(self._list_tab(self.role_table, self._add_role), self.tr("Layer roles"))
        self.tabs.currentChanged.connect(lambda _: self._fill_weights())
        box.addWidget(self.tabs, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        box.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        tables.fill(self.crit_table, self.crit_columns, self.criteria, lang)
        kos = [{**k, "only_field": (k.get("only_if") or {}).get("field", ""),
                "only_equals": (k.get("only_if") or {}).get("equals", "")} for k in self.original.get("knockouts", [])]
        tables.fill(self.ko_table, self.ko_columns, kos, lang)
        roles = [{"role": r, **info} for r, info in self.original.get("references", {}).items()]
        tables.fill(self.role_table, self.role_columns, roles, lang)
        self._fill_weights()
        if self.criteria:
            self.crit_table.selectRow(0)

    # -- layout -------------------------------------------------------------------------------------------
    def _criteria_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.crit_table = QTableWidget()
        tables.stretch_last(self.crit_table)
        self.crit_table.currentCellChanged.connect(lambda row, *_: self._show_curve(row))
        v.addWidget(self.crit_table, 2)
        row = QHBoxLayout()
        for text, slot in ((self.tr("Add criterion"), self._add_criterion),
                           (self.tr("Remove criterion"), self._remove_criterion)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.curve_label = QLabel()
        v.addWidget(self.curve_label)
        curve_row = QHBoxLayout()
        self.curve_table = QTableWidget(0, 2)
        self.curve_table.setHorizontalHeaderLabels([self.tr("Value"), self.tr("Score (0–1)")])
        self.curve_table.itemChanged.connect(lambda _: self._store_curve())
        for col in (0, 1):
            self.curve_table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        curve_row.addWidget(self.curve_table, 1)
        side = QVBoxLayout()
        for text, slot in ((self.tr("Add point"), self._add_point), (self.tr("Remove point"), self._remove_point)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, s=slot: s())
            side.addWidget(b)
        side.addStretch(1)
        curve_row.addLayout(side)
        v.addLayout(curve_row, 1)
        return tab

    def _list_tab(self, table: QTableWidget, add) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        tables.stretch_last(table)
        v.addWidget(table, 1)
        row = QHBoxLayout()
        add_button, remove_button = QPushButton(self.tr("Add")), QPushButton(self.tr("Remove"))
        add_button.clicked.connect(lambda: add())
        remove_button.clicked.connect(lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None)
        row.addWidget(add_button)
        row.addWidget(remove_button)
        row.addStretch(1)
        v.addLayout(row)
        return tab

    # -- criteria and curves ------------------------------------------------------------------------------
    def criterion_ids(self) -> List[str]:
        return [(self.crit_table.item(r, 0).text().strip() if self.crit_table.item(r, 0) else "")
                for r in range(self.crit_table.rowCount())]

    def _show_curve(self, row: int) -> None:
        self._store_curve()
        self.current = row
        if 0 <= row < len(self.curves):
            self.curve_label.setText(self.tr("Curve of “{id}”: score (0–1) at each value, straight lines between, "
                                             "flat beyond the ends").format(id=self.criterion_ids()[row]))
            tables.fill_points(self.curve_table, self.curves[row], self.lang)

    def _store_curve(self) -> None:
        if 0 <= self.current < len(self.curves):
            self.curves[self.current] = tables.point_texts(self.curve_table)

    def select_criterion(self, criterion_id: str) -> None:
        self.crit_table.setCurrentCell(self.criterion_ids().index(criterion_id), 0)

    def _add_point(self) -> None:
        self.curve_table.insertRow(self.curve_table.rowCount())
        self._store_curve()

    def _remove_point(self) -> None:
        if self.curve_table.currentRow() >= 0:
            self.curve_table.removeRow(self.curve_table.currentRow())
            self._store_curve()

    def _add_criterion(self) -> None:
        self._weights_from_table()
        ids = self.criterion_ids()
        n = len(ids) + 1
        while f"criterion_{n}" in ids:
            n += 1
        new = {"id": f"criterion_{n}", "kind": "site_field", "curve": [[0, 0], [1, 1]]}
        self.criteria.append(new)
        self.curves.append([["0", "0"], ["1", "1"]])
        r = self.crit_table.rowCount()
        self.crit_table.insertRow(r)
        tables.set_row(self.crit_table, self.crit_columns, r, new, self.lang)
        self.crit_table.setCurrentCell(r, 0)
        self._fill_weights()

    def _remove_criterion(self) -> None:
        r = self.crit_table.currentRow()
        if r < 0:
            return
        self._weights_from_table()
        cid = self.criterion_ids()[r]
        self.current = -1
        self.crit_table.removeRow(r)
        del self.criteria[r], self.curves[r]
        for w in self.weights.values():
            w.pop(cid, None)
        self._fill_weights()
        self._show_curve(self.crit_table.currentRow())

    # -- weights ------------------------------------------------------------------------------------------
    def _weights_from_table(self) -> None:
        ids = getattr(self, "_weight_ids", [])
        for col, m in enumerate(self.original["models"]):
            for r, cid in enumerate(ids):
                item = self.weight_table.item(r, col)
                if item is not None:
                    self.weights[m["id"]][cid] = item.text()

    def _fill_weights(self) -> None:
        """Rows follow the criteria as they are now (added, removed or renamed ones included)."""
        self._weights_from_table()
        self._weight_ids = self.criterion_ids()
        models = self.original["models"]
        self.weight_table.blockSignals(True)
        self.weight_table.clear()
        self.weight_table.setRowCount(len(self._weight_ids))
        self.weight_table.setColumnCount(len(models))
        self.weight_table.setHorizontalHeaderLabels([m.get(f"label_{self.lang}") or m["id"] for m in models])
        self.weight_table.setVerticalHeaderLabels(self._weight_ids)
        from qgis.PyQt.QtWidgets import QTableWidgetItem

        for col, m in enumerate(models):
            for r, cid in enumerate(self._weight_ids):
                self.weight_table.setItem(r, col, QTableWidgetItem(self.weights[m["id"]].get(cid, "")))
        self.weight_table.blockSignals(False)

    def set_weight_text(self, model_id: str, criterion_id: str, text: str) -> None:
        """Type a weight (as a user would in the Weights tab)."""
        self._fill_weights()
        col = [m["id"] for m in self.original["models"]].index(model_id)
        self.weight_table.item(self._weight_ids.index(criterion_id), col).setText(text)

    # -- knock-outs and roles -----------------------------------------------------------------------------
    def _add_knockout(self) -> None:
        r = self.ko_table.rowCount()
        self.ko_table.insertRow(r)
        tables.set_row(self.ko_table, self.ko_columns, r, {"id": f"knockout_{r + 1}", "rule": "field_equals",
                                                           "enabled": True}, self.lang)

    def _add_role(self) -> None:
        r = self.role_table.rowCount()
        self.role_table.insertRow(r)
        tables.set_row(self.role_table, self.role_columns, r, {}, self.lang)

    # -- the result ---------------------------------------------------------------------------------------
    def build(self) -> profiles.Profile:
        """The edited profile, checked by the loader; raises EditorError or ProfileError naming what to fix."""
        self._store_curve()
        self._weights_from_table()
        lang = self.lang
        d = copy.deepcopy(self.original)
        d["criteria"] = []
        for r in range(self.crit_table.rowCount()):
            what = self.tr("Criterion {n}").format(n=r + 1)
            typed = tables.read_row(self.crit_table, self.crit_columns, r, what, lang)
            if not typed["id"]:
                raise EditorError(self.tr("{entry}: “Id” must not be empty.").format(entry=what))
            what = self.tr("Criterion {id}").format(id=typed["id"])
            shown = {col.key for col in self.crit_columns}  # an emptied cell removes the entry
            c = {k: v for k, v in self.criteria[r].items() if k not in shown}
            c.update({k: v for k, v in typed.items() if v not in ("", [])})
            c["curve"] = tables.parse_points(self.curves[r], what, lang)
            d["criteria"].append(c)
        ids = [c["id"] for c in d["criteria"]]
        for m in d["models"]:
            weights = {}
            for cid, text in self.weights[m["id"]].items():
                if cid in ids and text.strip():
                    try:
                        weights[cid] = parse_number(text, lang)
                    except ValueError as exc:
                        raise EditorError(self.tr("Model {model}: the weight of {id} must be a number, not “{text}”.")
                                          .format(model=m["id"], id=cid, text=text)) from exc
            m["weights"] = weights
        d["knockouts"] = [self._knockout(r) for r in range(self.ko_table.rowCount())]
        references = {}
        old = self.original.get("references", {})
        for r in range(self.role_table.rowCount()):
            typed = tables.read_row(self.role_table, self.role_columns, r, self.tr("Role {n}").format(n=r + 1), lang)
            role = typed.pop("role")
            if role:
                references[role] = {**old.get(role, {}), **{k: v for k, v in typed.items() if v}}
        d["references"] = references
        return profiles.from_dict(d)

    def _knockout(self, r: int) -> Dict[str, Any]:
        typed = tables.read_row(self.ko_table, self.ko_columns, r, self.tr("Knock-out {n}").format(n=r + 1),
                                self.lang)
        old = next((k for k in self.original.get("knockouts", []) if k.get("id") == typed["id"]), {})
        k = {**old, **{key: v for key, v in typed.items() if v not in ("", None)}}
        k["enabled"] = typed["enabled"]
        k.pop("only_field", None)
        k.pop("only_equals", None)
        if typed.get("only_field"):
            k["only_if"] = {"field": typed["only_field"], "equals": typed.get("only_equals", "")}
        else:
            k.pop("only_if", None)
        return k

    def has_changes(self) -> bool:
        """Anything typed that the profile as opened does not have (a cell that does not parse counts)."""
        try:
            return self.build().to_dict() != profiles.from_dict(copy.deepcopy(self.original)).to_dict()
        except (EditorError, profiles.ProfileError):
            return True

    def done(self, result: int) -> None:  # noqa: A003  (QDialog.done: Cancel, Escape, the window's ×)
        if result != QDialog.DialogCode.Accepted and self.has_changes():
            answer = ask_unsaved(self, self.tr("The profile has changes that are not applied. Apply them?"),
                                 self.tr("Unapplied changes"), save_text=self.tr("Apply"))
            if answer == CANCEL:
                return
            if answer == SAVE:
                self.accept()  # an error keeps the editor open and says what to fix
                return
        super().done(result)

    def accept(self) -> None:
        try:
            self.result_profile = self.build()
        except (EditorError, profiles.ProfileError) as exc:
            self.error.setText(self.tr("Not applied: {error}").format(error=exc))  # everything typed stays
            return
        self.error.clear()
        super().accept()
