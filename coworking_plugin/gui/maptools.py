"""Map tools of the capture dock: click a point, digitise a polygon; both snap as the project's snapping says.

QGIS 3.22's QgsMapToolCapture needs the advanced-digitizing dock and an editable layer; the plugin captures
into its own form instead, so these tools build on QgsMapToolEmitPoint and the canvas's QgsSnappingUtils.
Positions are in the canvas CRS; the signals carry that CRS so the dock transforms to EPSG:25833.
"""

from __future__ import annotations

from typing import List

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointLocator, QgsPointXY, QgsWkbTypes
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapToolEmitPoint, QgsRubberBand, QgsSnapIndicator
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QKeyEvent

RUBBER_COLOUR = QColor(230, 97, 0, 160)


class _SnappingTool(QgsMapToolEmitPoint):
    def __init__(self, canvas: QgsMapCanvas) -> None:
        super().__init__(canvas)
        self.snap_indicator = QgsSnapIndicator(canvas)

    def snapped_point(self, event: QgsMapMouseEvent) -> QgsPointXY:
        """The snapped position if snapping found something (project snapping settings), else the mouse's."""
        match = self.canvas().snappingUtils().snapToMap(event.pos())
        return QgsPointXY(match.point()) if match.isValid() else event.mapPoint()

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        self.snap_indicator.setMatch(self.canvas().snappingUtils().snapToMap(event.pos()))

    def canvas_crs(self) -> QgsCoordinateReferenceSystem:
        return self.canvas().mapSettings().destinationCrs()

    def deactivate(self) -> None:
        self.snap_indicator.setMatch(QgsPointLocator.Match())
        super().deactivate()


class PointTool(_SnappingTool):
    """One click places the vacancy's point."""

    pointPicked = pyqtSignal(QgsGeometry, QgsCoordinateReferenceSystem)  # noqa: N815 (Qt signal naming)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.pointPicked.emit(QgsGeometry.fromPointXY(self.snapped_point(event)), self.canvas_crs())


class PolygonTool(_SnappingTool):
    """Left click adds a vertex, right click (or Enter) finishes, Backspace removes the last vertex, Esc cancels."""

    polygonFinished = pyqtSignal(QgsGeometry, QgsCoordinateReferenceSystem)  # noqa: N815
    message = pyqtSignal(str)

    def __init__(self, canvas: QgsMapCanvas) -> None:
        super().__init__(canvas)
        self.points: List[QgsPointXY] = []
        self.rubber = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.rubber.setColor(RUBBER_COLOUR)
        self.rubber.setWidth(2)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.points.append(self.snapped_point(event))
            self._redraw()
        elif event.button() == Qt.MouseButton.RightButton:
            self.finish()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self._redraw()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.reset()
            event.accept()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            event.accept()

    def finish(self) -> None:
        if len(self.points) < 3:
            self.message.emit(self.tr("A polygon needs at least three vertices: click more points, then right-click."))
            return
        geom = QgsGeometry.fromPolygonXY([self.points + [self.points[0]]])
        crs = self.canvas_crs()
        self.reset()
        self.polygonFinished.emit(geom, crs)

    def reset(self) -> None:
        self.points = []
        self._redraw()

    def _redraw(self) -> None:
        self.rubber.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        for i, p in enumerate(self.points):
            self.rubber.addPoint(p, i == len(self.points) - 1)

    def deactivate(self) -> None:
        self.reset()
        super().deactivate()

    def unload(self) -> None:
        self.rubber.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self.canvas().scene().removeItem(self.rubber)
