"""Placing a site: drawing on the map, taking a selected feature, the address search (in a QgsTask) and
what the dock shows of the placed geometry: its text, and the geometry itself drawn on the canvas (as it will be
saved) until it is saved, dropped, or the dock is closed. A part of CaptureDock: its strings are in the dock's
translation context.
"""

from __future__ import annotations

import logging
from typing import List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.capture import drafts
from ..core.capture.geocoder import Geocoder, GeocodeResult
from ..core.capture.geometry import prepare_geometry, register_crs
from ..core.register import catalogue as cat
from ..core.tasks import CallableTask

LOG = logging.getLogger(__name__)
translate = QCoreApplication.translate

#: the placed, unsaved site: magenta (no status colour uses it), readable on maps and aerial images alike
PLACED_STROKE = QColor(214, 0, 125)
PLACED_FILL = QColor(214, 0, 125, 60)


class SitePlacing:
    """Where the site is: the map tools, the selected feature, the address search."""

    def _build_placing(self, layout: QVBoxLayout) -> None:
        place_row = QHBoxLayout()
        self.draw_button = QPushButton(translate("CaptureDock", "Draw on map"))
        self.draw_button.clicked.connect(self.activate_map_tool)
        self.selected_button = QPushButton(translate("CaptureDock", "Take selected feature"))
        self.selected_button.setToolTip(translate(
            "CaptureDock", "Use the geometry of the one selected feature of the active layer (any layer, any CRS), "
                           "e.g. a parcel or a building."))
        self.selected_button.clicked.connect(self.take_selected_feature)
        place_row.addWidget(self.draw_button)
        place_row.addWidget(self.selected_button)
        layout.addLayout(place_row)

        search_row = QHBoxLayout()
        self.address_search = QLineEdit()
        self.address_search.setPlaceholderText(translate("CaptureDock", "Search address, e.g. Markt 1, Meißen"))
        self.address_search.returnPressed.connect(self.search_address)
        self.search_button = QPushButton(translate("CaptureDock", "Search"))
        self.search_button.clicked.connect(self.search_address)
        search_row.addWidget(self.address_search)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setMaximumHeight(90)
        self.suggestion_list.hide()
        self.suggestion_list.itemActivated.connect(self._suggestion_chosen)
        self.suggestion_list.itemClicked.connect(self._suggestion_chosen)
        layout.addWidget(self.suggestion_list)

        geom_row = QHBoxLayout()
        self.geometry_label = QLabel()
        self.geometry_label.setWordWrap(True)
        self.repair_check = QCheckBox(translate("CaptureDock", "Repair geometry"))
        self.repair_check.setToolTip(translate("CaptureDock", "Repair an invalid outline (e.g. self-intersections) "
                                                              "when saving."))
        geom_row.addWidget(self.geometry_label, 1)
        geom_row.addWidget(self.repair_check)
        layout.addLayout(geom_row)

    def activate_map_tool(self) -> None:
        tool = self.polygon_tool if self.kind == cat.BROWNFIELD else self.point_tool
        if tool is not None:
            current = self._canvas().mapTool()
            if current not in (self.point_tool, self.polygon_tool):
                self._previous_tool = current  # given back once the site is placed
            self._canvas().setMapTool(tool)
            text = (translate("CaptureDock", "Click the corners of the outline; right-click to finish.")
                    if self.kind == cat.BROWNFIELD else translate("CaptureDock", "Click the building on the map."))
            self.show_message(text, Qgis.MessageLevel.Info, bar=False)

    def _tool_placed(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        """A map tool placed the site: take it and hand the map back (a later click on the map moves nothing)."""
        canvas = self._canvas()
        for tool in (self.point_tool, self.polygon_tool):
            if canvas is not None and tool is not None and canvas.mapTool() is tool:
                previous = getattr(self, "_previous_tool", None)
                try:
                    canvas.setMapTool(previous) if previous is not None else canvas.unsetMapTool(tool)
                except RuntimeError:  # the previous tool is gone (its plugin unloaded)
                    canvas.unsetMapTool(tool)
        self.set_geometry(geometry, crs)

    def set_geometry(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        """Take a geometry from a map tool, the geocoder or a feature; prefill municipality and area."""
        self.geometry = QgsGeometry(geometry)
        self.geometry_crs = QgsCoordinateReferenceSystem(crs)
        geom, issues = prepare_geometry(self.kind, geometry, crs, repair=True,
                                        tolerance=drafts.location_tolerance(self.wc_path))
        if geom is not None:
            self._ensure_working_copy()
            ags = drafts.municipality_at(self.wc_path, geom)
            current = self.widgets["municipality_ags"].get()
            if ags and (current is None or current == self._municipality_auto):
                self.widgets["municipality_ags"].set(ags)
                self._municipality_auto = ags
            if "area_m2" in self.widgets:
                self.widgets["area_m2"].set(drafts.area_m2(geom))
        errors = [i.message for i in issues if i.is_error]
        if errors:
            self.show_message(errors[0], Qgis.MessageLevel.Warning)
        else:
            self.show_message("", Qgis.MessageLevel.Info, bar=False)
        self._update_geometry_label()

    def take_selected_feature(self) -> None:
        layer = self.iface.activeLayer() if self.iface is not None else None
        feats = layer.selectedFeatures() if isinstance(layer, QgsVectorLayer) else []
        if len(feats) != 1:
            self.show_message(translate("CaptureDock", "Select exactly one feature in the active layer (for example a "
                                                       "parcel), then press “Take selected feature” again."),
                              Qgis.MessageLevel.Warning)
            return
        if not self.confirm_replace(self._placed_label()):
            return
        self.set_geometry(feats[0].geometry(), layer.crs())

    def search_address(self) -> None:
        text = self.address_search.text().strip()
        if not text:
            self.show_message(translate("CaptureDock", "Type an address to search for, e.g. “Markt 1, Meißen”."),
                              Qgis.MessageLevel.Info, bar=False)
            return
        geocoder = Geocoder.from_settings(self.settings)
        self.search_button.setEnabled(False)
        self.show_message(translate("CaptureDock", "Searching “{text}” …").format(text=text), Qgis.MessageLevel.Info,
                          bar=False)
        self.search_task = CallableTask(translate("CaptureDock", "Address search"), lambda task: geocoder.search(text),
                                        on_success=self._show_suggestions, on_error=self._search_failed)
        QgsApplication.taskManager().addTask(self.search_task)

    def choose_suggestion(self, index: int) -> None:
        """Fill the address fields from a suggestion; a vacancy is placed there, a brownfield's map is centred."""
        result = self.suggestions[index]
        found = {"address": result.address, "postcode": result.postcode, "locality": result.locality}
        if not self.confirm_replace(self._typed_address(found)
                                    + (self._placed_label() if self.kind == cat.VACANCY else [])):
            return
        for name, value in found.items():
            if value and name in self.widgets:
                self.widgets[name].set(value)
        if self.kind == cat.VACANCY:
            self.set_geometry(result.point(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
        else:
            self.show_message(translate("CaptureDock", "Address filled in. Now draw the outline of the brownfield on "
                                                       "the map."), Qgis.MessageLevel.Info, bar=False)
        self._zoom_to(result.point(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS))

    def _update_geometry_label(self) -> None:
        """Say where the site is, and draw it on the canvas (the geometry as it will be saved, else as placed)."""
        shown = None
        if self.geometry is None or self.geometry.isEmpty():
            text = translate("CaptureDock", "No position yet: draw it, search an address or take a selected feature.")
        else:
            geom, _ = prepare_geometry(self.kind, self.geometry, self.geometry_crs, repair=True,
                                       tolerance=drafts.location_tolerance(self.wc_path))
            shown = (geom, register_crs()) if geom is not None else (self.geometry, self.geometry_crs)
            if geom is None:
                text = translate("CaptureDock", "Position set, but not usable yet (see the message below).")
            elif self.kind == cat.BROWNFIELD:
                area = f"{drafts.area_m2(geom):,.0f}".replace(",", ".")
                text = translate("CaptureDock", "Outline set: {area} m².").format(area=area)
            else:
                p = geom.asPoint()
                text = translate("CaptureDock", "Point set: E {x:.1f}, N {y:.1f} (EPSG:25833).").format(x=p.x(),
                                                                                                        y=p.y())
        self.geometry_label.setText(text)
        self._draw_placed(*(shown or (None, None)))

    def _draw_placed(self, geometry: Optional[QgsGeometry], crs: Optional[QgsCoordinateReferenceSystem]) -> None:
        """Show ``geometry`` on the canvas in the placed-site style, or remove what is shown (None)."""
        canvas = self._canvas()
        if geometry is None or canvas is None:
            self._remove_placed()
            return
        gtype = geometry.type()
        if self.placed_band is None:
            self.placed_band = QgsRubberBand(canvas, gtype)
        band = self.placed_band
        band.reset(gtype)
        band.setStrokeColor(PLACED_STROKE)
        band.setFillColor(PLACED_FILL)
        band.setWidth(3)
        if gtype == QgsWkbTypes.GeometryType.PointGeometry:
            band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE)
            band.setIconSize(14)
        band.setToGeometry(geometry, crs)

    def _remove_placed(self) -> None:
        """Take the placed geometry off the canvas (after a save, a new site, closing or unloading the dock)."""
        band, self.placed_band = self.placed_band, None
        if band is not None:
            band.reset()
            scene = band.scene()
            if scene is not None:
                scene.removeItem(band)

    def _show_suggestions(self, results: List[GeocodeResult]) -> None:
        self.search_button.setEnabled(True)
        self.suggestions = results
        self.suggestion_list.clear()
        for r in results:
            self.suggestion_list.addItem(r.label)
        self.suggestion_list.setVisible(bool(results))
        if results:
            self.show_message(translate("CaptureDock", "%n address(es) found: choose one.", None, len(results)),
                              Qgis.MessageLevel.Info, bar=False)
        else:
            self.show_message(translate("CaptureDock", "No address found in Landkreis Meißen. Check the spelling, or "
                                                       "place the site on the map."), Qgis.MessageLevel.Warning)

    def _search_failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        text = str(error) or translate("CaptureDock", "The address search was cancelled.")
        self.show_message(text, Qgis.MessageLevel.Warning)

    def _suggestion_chosen(self, item: QListWidgetItem) -> None:
        self.choose_suggestion(self.suggestion_list.row(item))

    def _zoom_to(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        canvas = self._canvas()
        if canvas is None:
            return
        try:
            geom = QgsGeometry(geometry)
            xform = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(), QgsProject.instance())
            if geom.transform(xform) != QgsGeometry.OperationResult.Success:
                return
            box = QgsRectangle(geom.boundingBox())
            metres = canvas.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters
            box.grow(max(50.0, box.width(), box.height()) if metres else 0.001)
            canvas.setExtent(box)
            canvas.refresh()
        except Exception:  # zooming is a convenience; never lose the form over it
            LOG.exception("zoom failed")
