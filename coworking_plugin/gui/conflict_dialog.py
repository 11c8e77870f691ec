"""One conflict as a three-way merge: every difference with the original (base), mine and theirs; both
geometries on the map.

A difference changed on one side only is taken from that side (preselected, nothing to do); one changed on
both sides has no preselection: "Apply" waits until the officer chose. Values read as in the form (value-list
labels, Ja/Nein, dates). core/sync/conflicts.py does the rest; nothing is sent: the choice goes with the next
push.
"""

from __future__ import annotations

from typing import Dict, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject, QgsWkbTypes
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.capture.validation import label_language
from ..core.register import catalogue as cat
from ..core.sync import conflicts
from ..core.sync.tracking import GEOM
from .unsaved import CANCEL, ask_unsaved

MINE_COLOR = QColor(33, 150, 243)  # blue, solid: your version
THEIRS_COLOR = QColor(230, 81, 0)  # orange, dashed: the server's version


class ConflictDialog(QDialog):
    def __init__(self, iface, path: str, uuid: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.path = path
        self.conflict = conflicts.conflict(path, uuid)
        self.choices: Dict[str, QButtonGroup] = {}
        self.bands = []
        self.band_styles = []  # the pen style of each band (QgsRubberBand has no getter before QGIS 3.30)
        self.setWindowTitle(self.tr("Conflict: {name}").format(name=self.conflict.mine.get("name") or uuid))
        self._build()
        self._draw()
        self._update_apply()

    def _label(self, name: str) -> str:
        if name == GEOM:
            return self.tr("Geometry (see map)")
        if name == conflicts.ARCHIVAL:
            return self.tr("Archived")
        return cat.field_by_name(name).label(label_language())

    def _cells(self, diff: conflicts.Difference):
        """Original, mine and theirs as the row shows them."""
        if diff.name == GEOM:
            return ("" if diff.base is None else self.tr("original shape"), self.tr("blue on the map"),
                    self.tr("orange on the map"))
        lang = label_language()
        base = conflicts.display_value(diff.name, diff.base, lang) if self.conflict.base is not None else \
            self.tr("(unknown)")
        return base, conflicts.display_value(diff.name, diff.mine, lang), \
            conflicts.display_value(diff.name, diff.theirs, lang)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "This site was changed on the server (version {version}) after your last checkout or pull, and you "
            "changed it too. What was changed on one side only is taken from that side; choose for every row "
            "marked “changed on both sides”. Your choice is sent with the next push. On the map: blue (solid) is "
            "your version, orange (dashed) the server's.").format(version=self.conflict.server_version), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        differences = self.conflict.differences()
        self.table = QTableWidget(len(differences), 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Original"), self.tr("Mine"),
                                              self.tr("Theirs (server)"), self.tr("Changed"), self.tr("Keep")])
        for col in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in (0, 4, 5):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        sides = {conflicts.MINE: self.tr("by you"), conflicts.THEIRS: self.tr("on the server"),
                 conflicts.BOTH: self.tr("on both sides")}
        bold = QFont()
        bold.setBold(True)
        for row, diff in enumerate(differences):
            cells = (self._label(diff.name), *self._cells(diff), sides[diff.changed_by])
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if diff.changed_by == conflicts.BOTH:
                    item.setFont(bold)
                self.table.setItem(row, col, item)
            cell = QWidget(self.table)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(2, 0, 2, 0)
            group = QButtonGroup(cell)
            for text, key in ((self.tr("mine"), conflicts.MINE), (self.tr("theirs"), conflicts.THEIRS)):
                button = QRadioButton(text, cell)
                button.setProperty("choice", key)
                # one side changed it: that side, so nobody's change is lost; both: nothing until chosen
                button.setChecked(key == diff.automatic)
                group.addButton(button)
                cell_layout.addWidget(button)
            group.buttonClicked.connect(lambda _button: self._update_apply())
            self.choices[diff.name] = group
            self.table.setCellWidget(row, 5, cell)
        layout.addWidget(self.table, 1)
        all_buttons = QHBoxLayout()
        self.all_mine = QPushButton(self.tr("Keep all mine"), self)
        self.all_theirs = QPushButton(self.tr("Take all theirs"), self)
        self.all_mine.clicked.connect(lambda: self._set_all(conflicts.MINE))
        self.all_theirs.clicked.connect(lambda: self._set_all(conflicts.THEIRS))
        all_buttons.addWidget(self.all_mine)
        all_buttons.addWidget(self.all_theirs)
        all_buttons.addStretch(1)
        layout.addLayout(all_buttons)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                    self)
        self.apply_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("Apply my choice"))
        self.box.accepted.connect(self.apply)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.resize(1040, 440)
        self.preselected = self.selection()  # what Cancel may drop without asking

    def _set_all(self, key: str) -> None:
        for group in self.choices.values():
            for button in group.buttons():
                button.setChecked(button.property("choice") == key)
        self._update_apply()

    def _update_apply(self) -> None:
        open_rows = [name for name, group in self.choices.items() if group.checkedButton() is None]
        self.apply_button.setEnabled(not open_rows)
        self.apply_button.setToolTip(self.tr("Choose mine or theirs in every row first.") if open_rows else "")

    def selection(self) -> Dict[str, str]:
        """The chosen side per difference (rows without a choice left out)."""
        return {name: group.checkedButton().property("choice") for name, group in self.choices.items()
                if group.checkedButton() is not None}

    def apply(self) -> None:
        conflicts.resolve(self.path, self.conflict.uuid, self.selection())
        self.accept()

    def _draw(self) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
        for geom, color, style in ((self.conflict.theirs_geometry, THEIRS_COLOR, Qt.PenStyle.DashLine),
                                   (self.conflict.mine_geometry, MINE_COLOR, Qt.PenStyle.SolidLine)):
            if geom.isNull():
                continue
            kind = QgsWkbTypes.geometryType(geom.wkbType())
            band = QgsRubberBand(canvas, kind)
            band.setToGeometry(QgsGeometry(geom), crs)
            band.setStrokeColor(color)
            band.setFillColor(QColor(color.red(), color.green(), color.blue(), 40))
            band.setLineStyle(style)
            band.setWidth(3)
            if kind == QgsWkbTypes.GeometryType.PointGeometry:
                band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE if style == Qt.PenStyle.SolidLine
                             else QgsRubberBand.IconType.ICON_BOX)
                band.setIconSize(14)
            self.bands.append(band)
            self.band_styles.append(style)
        box = self.conflict.mine_geometry.boundingBox()
        box.combineExtentWith(self.conflict.theirs_geometry.boundingBox())
        if not box.isEmpty():
            box.grow(max(box.width(), box.height(), 50.0))
            xform = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(), QgsProject.instance())
            canvas.setExtent(xform.transformBoundingBox(box))
        canvas.refresh()

    def done(self, result: int) -> None:  # noqa: A003  (Cancel, Escape, the window's ×, or after apply)
        if result != QDialog.DialogCode.Accepted and self.selection() != self.preselected and ask_unsaved(
                self, self.tr("Discard the sides you chose? The conflict stays until you resolve it."),
                self.tr("Discard your choice?"), can_save=False) == CANCEL:
            return
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        for band in self.bands:
            if canvas is not None:
                canvas.scene().removeItem(band)
        self.bands.clear()
        self.band_styles.clear()
        super().done(result)
