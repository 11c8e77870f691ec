"""The selected site side by side (field | last approved | proposed), its warnings, its photos and the review so
far; and the map highlight: the proposed geometry and, for a change, the last approved one in a distinct style."""

from __future__ import annotations

from typing import List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QImage, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.register import catalogue as cat
from ..core.register import photos as ph
from ..core.register.review import SiteDiff
from ..core.register.review import formatting as fmt


class ReviewDetailPanel(QWidget):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("", self)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Last approved"), self.tr("Proposed")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.warnings = QLabel("", self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a05a00;")
        layout.addWidget(self.warnings)
        self.photos = QListWidget(self)  # the site's photos: what goes public with the approval is seen first
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setFlow(QListView.Flow.LeftToRight)
        self.photos.setWrapping(False)
        self.photos.setIconSize(QSize(96, 96))
        self.photos.setFixedHeight(132)
        self.photos.setVisible(False)
        layout.addWidget(self.photos)
        self.diff: Optional[SiteDiff] = None

    def clear(self, text: str = "") -> None:
        self.diff = None
        self.title.setText(text)
        self.table.setRowCount(0)
        self.warnings.setText("")
        self.set_photos([])

    def set_photos(self, photos: List[Tuple[QImage, str, bool]]) -> None:
        """Thumbnails with their caption; a public one says so (it is published with the approval)."""
        self.photos.clear()
        for image, caption, public in photos:
            text = self.tr("public") if public else self.tr("internal")
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), text)
            item.setToolTip(caption)
            self.photos.addItem(item)
        self.photos.setVisible(bool(photos))

    def set_diff(self, d: SiteDiff) -> None:
        self.diff = d
        lang = fmt.label_language()
        kind = cat.KIND_LABELS[d.kind][0 if lang == "de" else 1]
        if d.is_change:
            head = self.tr("{name} ({kind}): change to the version approved as {approved}, {n} fields changed").format(
                name=d.name, kind=kind, approved=d.approved_version, n=len(d.changes))
        else:
            head = self.tr("{name} ({kind}): new site, never approved").format(name=d.name, kind=kind)
        status = fmt.named_value("status", d.status, lang)
        lines = [f"<b>{_escape(head)}</b>", _escape(self.tr("Status: {status}, version {version}").format(
            status=status, version=d.version))]
        comment = d.values.get("review_comment")
        if d.status == "rejected" and comment:
            lines.append(_escape(self.tr("Reason of the rejection: {reason}").format(reason=comment)))
        self.title.setText("<br>".join(lines))
        rows = d.rows(lang)
        self.table.setRowCount(len(rows))
        for i, change in enumerate(rows):
            for j, text in enumerate((change.label, change.approved, change.proposed)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, change.name)
                if j == 2 and d.is_change:
                    item.setBackground(QColor(255, 244, 214))
                self.table.setItem(i, j, item)
        self.table.setColumnHidden(1, not d.is_change)
        self.table.resizeRowsToContents()
        self.warnings.setText("\n".join("⚠ " + w for w in d.warnings))

    def rows(self) -> List[List[str]]:
        """What the table shows, as text (for tests and copying)."""
        return [[self.table.item(r, c).text() for c in range(3)] for r in range(self.table.rowCount())]


def site_photos(conn, kind: str, uuid: str) -> List[Tuple[QImage, str, bool]]:
    """The site's photos as thumbnails (in the task's thread: QImage only); none when the register has no photos
    (before migration 0004) or the role may not read them."""
    import psycopg2

    try:
        photos = ph.list_photos(conn, kind, uuid)
    except psycopg2.Error:
        return []
    return [(ph.thumbnail(p.image, 96), " · ".join(t for t in (p.caption, p.credit) if t), p.public) for p in photos]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SiteHighlight:
    """Rubber bands on the map canvas: the proposed geometry (red) and the last approved one (blue, dashed)."""

    PROPOSED = QColor(220, 30, 30)
    APPROVED = QColor(30, 90, 220)

    def __init__(self, canvas) -> None:
        self.canvas = canvas
        self.bands: List[QgsRubberBand] = []

    def clear(self) -> None:
        for band in self.bands:
            band.reset()
            if self.canvas is not None:
                self.canvas.scene().removeItem(band)
        self.bands = []

    def show(self, proposed_wkt: str, approved_wkt: str = "", zoom: bool = True) -> None:
        self.clear()
        if self.canvas is None:
            return
        extent = QgsRectangle()
        for wkt, color, style in ((approved_wkt, self.APPROVED, Qt.PenStyle.DashLine),
                                  (proposed_wkt, self.PROPOSED, Qt.PenStyle.SolidLine)):
            geom = self._to_canvas(wkt)
            if geom is None:
                continue
            band = QgsRubberBand(self.canvas, geom.type())
            band.setColor(color)
            fill = QColor(color)
            fill.setAlpha(50)
            band.setFillColor(fill)
            band.setWidth(3)
            band.setLineStyle(style)
            if geom.type() == QgsWkbTypes.GeometryType.PointGeometry:
                band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE if style == Qt.PenStyle.SolidLine
                             else QgsRubberBand.IconType.ICON_BOX)
                band.setIconSize(14)
            band.setToGeometry(geom, None)
            self.bands.append(band)
            box = geom.boundingBox()
            extent = box if extent.isEmpty() and extent.width() == 0 else extent
            extent.combineExtentWith(box)
        if zoom and self.bands:
            self._zoom(extent)

    def _to_canvas(self, wkt: str) -> Optional[QgsGeometry]:
        geom = QgsGeometry.fromWkt(wkt) if wkt else None
        if geom is None or geom.isEmpty():
            return None
        dest = self.canvas.mapSettings().destinationCrs()
        if dest.isValid():
            transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(cat.REGISTER_CRS), dest,
                                               QgsProject.instance())
            if geom.transform(transform) != Qgis.GeometryOperationResult.Success:
                return None
        return geom

    def _zoom(self, box: QgsRectangle) -> None:
        geographic = self.canvas.mapSettings().destinationCrs().isGeographic()
        box = QgsRectangle(box)
        box.grow(max(box.width(), box.height(), 0.002 if geographic else 150.0))
        self.canvas.setExtent(box)
        self.canvas.refresh()
