"""One conflict side by side: every differing attribute with "mine" and "theirs", both geometries on the map.

The officer picks per attribute (or everything at once); core/sync/conflicts.py does the rest. Nothing is sent:
the choice is pushed with the next push.
"""

from __future__ import annotations

from typing import Dict, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject, QgsWkbTypes
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtGui import QColor
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

from ..core.i18n import ui_language
from ..core.register import catalogue as cat
from ..core.sync import conflicts
from ..core.sync.tracking import GEOM

MINE_COLOR = QColor(33, 150, 243)  # blue: your version
THEIRS_COLOR = QColor(230, 81, 0)  # orange: the server's version


def _text(value) -> str:
    return "" if value is None else str(value)


class ConflictDialog(QDialog):
    def __init__(self, iface, path: str, uuid: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.path = path
        self.conflict = conflicts.conflict(path, uuid)
        self.choices: Dict[str, QButtonGroup] = {}
        self.bands = []
        self.setWindowTitle(self.tr("Conflict: {name}").format(name=self.conflict.mine.get("name") or uuid))
        self._build()
        self._draw()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "This site was changed on the server (version {version}) after your last checkout or pull, and you "
            "changed it too. Choose for each difference which value to keep; your choice is sent with the next "
            "push. On the map: blue is your version, orange the server's.").format(
                version=self.conflict.server_version), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        differing = self.conflict.differing()
        self.table = QTableWidget(len(differing), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Mine"), self.tr("Theirs (server)"),
                                              self.tr("Keep")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        lang = ui_language()
        for row, name in enumerate(differing):
            if name == GEOM:
                label, mine, theirs = self.tr("Geometry (see map)"), self.conflict.mine_geometry.asWkt(1), \
                    self.conflict.theirs_geometry.asWkt(1)
            else:
                label = cat.field_by_name(name).label(lang)
                mine, theirs = _text(self.conflict.mine.get(name)), _text(self.conflict.theirs.get(name))
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(mine))
            self.table.setItem(row, 2, QTableWidgetItem(theirs))
            cell = QWidget(self.table)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(2, 0, 2, 0)
            group = QButtonGroup(cell)
            for text, key in ((self.tr("mine"), conflicts.MINE), (self.tr("theirs"), conflicts.THEIRS)):
                button = QRadioButton(text, cell)
                button.setProperty("choice", key)
                button.setChecked(key == conflicts.MINE)
                group.addButton(button)
                cell_layout.addWidget(button)
            self.choices[name] = group
            self.table.setCellWidget(row, 3, cell)
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
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Apply my choice"))
        box.accepted.connect(self.apply)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(760, 420)

    def _set_all(self, key: str) -> None:
        for group in self.choices.values():
            for button in group.buttons():
                button.setChecked(button.property("choice") == key)

    def selection(self) -> Dict[str, str]:
        result = {}
        for name, group in self.choices.items():
            checked = group.checkedButton()
            result[name] = checked.property("choice") if checked else conflicts.MINE
        return result

    def apply(self) -> None:
        conflicts.resolve(self.path, self.conflict.uuid, self.selection())
        self.accept()

    def _draw(self) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
        for geom, color in ((self.conflict.theirs_geometry, THEIRS_COLOR), (self.conflict.mine_geometry, MINE_COLOR)):
            if geom.isNull():
                continue
            kind = QgsWkbTypes.geometryType(geom.wkbType())
            band = QgsRubberBand(canvas, kind)
            band.setToGeometry(QgsGeometry(geom), crs)
            band.setColor(color)
            band.setWidth(3)
            if kind == QgsWkbTypes.GeometryType.PointGeometry:
                band.setIconSize(14)
            self.bands.append(band)
        box = self.conflict.mine_geometry.boundingBox()
        box.combineExtentWith(self.conflict.theirs_geometry.boundingBox())
        if not box.isEmpty():
            box.grow(max(box.width(), box.height(), 50.0))
            xform = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(), QgsProject.instance())
            canvas.setExtent(xform.transformBoundingBox(box))
        canvas.refresh()

    def done(self, result: int) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        for band in self.bands:
            if canvas is not None:
                canvas.scene().removeItem(band)
        self.bands.clear()
        super().done(result)
