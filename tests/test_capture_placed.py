"""The placed site is drawn on the map until it is saved (issue 12): the clicked point, the drawn outline, the
taken feature and the chosen address each leave a rubber band with that geometry on the canvas; saving, a new
site, a change of kind that drops the geometry, closing the dock and unloading take it away."""

from __future__ import annotations

import pytest
from geocoder_server import NominatimServer
from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox
from question_helpers import answer
from test_capture_dock import MARKT, UTM, _wait, click, parcel_layer, rows
from test_capture_dock import dock as dock  # noqa: F401 (the fixture)

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.gui.capture_placing import PLACED_STROKE


def placed(canvas):
    """Geometries of the rubber bands in the placed-site style on the canvas (canvas CRS)."""
    return [item.asGeometry() for item in canvas.scene().items()
            if isinstance(item, QgsRubberBand) and item.isVisible() and item.strokeColor() == PLACED_STROKE
            and not item.asGeometry().isEmpty()]


def test_point_tool_shows_the_point_until_saved(dock, qgis_canvas):
    dock.vacancy_radio.click()
    assert placed(qgis_canvas) == []
    dock.draw_button.click()
    click(qgis_canvas, dock.point_tool, MARKT)
    shown = placed(qgis_canvas)
    assert len(shown) == 1 and shown[0].type() == QgsGeometry.fromPointXY(MARKT).type()
    assert shown[0].distance(QgsGeometry.fromPointXY(MARKT)) < 1.0
    dock.set_value("name", "Alte Post")
    dock.set_value("building_type", "office")
    dock.save_button.click()
    assert len(rows(dock, cat.VACANCY)) == 1
    assert placed(qgis_canvas) == []


def test_drawn_outline_stays_after_finishing_and_goes_with_a_new_site(dock, qgis_canvas):
    dock.brownfield_radio.click()
    dock.draw_button.click()
    for dx, dy in ((0, 0), (100, 0), (100, 60), (0, 60)):
        click(qgis_canvas, dock.polygon_tool, QgsPointXY(MARKT.x() + dx, MARKT.y() + dy))
    click(qgis_canvas, dock.polygon_tool, MARKT, Qt.MouseButton.RightButton)
    shown = placed(qgis_canvas)
    assert len(shown) == 1 and shown[0].area() == pytest.approx(6000, rel=0.1)
    seen = answer(QMessageBox.StandardButton.Discard)  # the drawn outline is not saved: asked first
    dock.new_button.click()
    assert len(seen) == 1 and placed(qgis_canvas) == []


def test_selected_feature_is_shown_in_the_canvas_crs(dock, qgis_iface, qgis_canvas):
    layer = parcel_layer(qgis_iface)
    layer.selectAll()
    dock.brownfield_radio.click()
    dock.selected_button.click()
    shown = placed(qgis_canvas)
    assert len(shown) == 1 and shown[0].area() == pytest.approx(70 * 111, rel=0.02)  # m² in EPSG:25833
    # a vacancy takes the building's inner point: the map shows what will be saved
    dock.vacancy_radio.click()
    shown = placed(qgis_canvas)
    parcel = QgsGeometry(next(layer.getFeatures()).geometry())
    parcel.transform(QgsCoordinateTransform(layer.crs(), UTM, QgsProject.instance()))
    assert len(shown) == 1 and shown[0].area() == 0 and parcel.contains(shown[0])
    # back to a brownfield: a point cannot be its outline, so nothing is placed any more
    dock.geometry = QgsGeometry.fromPointXY(MARKT)
    dock.geometry_crs = UTM
    seen = answer(QMessageBox.StandardButton.Discard)
    dock.brownfield_radio.click()
    assert len(seen) == 1 and dock.geometry is None and placed(qgis_canvas) == []


def test_chosen_address_is_shown_and_closing_or_unloading_removes_it(dock, qgis_canvas):
    from coworking_plugin.core.capture.geocoder import Geocoder

    Geocoder.clear_cache()
    with NominatimServer() as server:
        dock.settings.geocoder_url = server.url
        dock.vacancy_radio.click()
        dock.address_search.setText("Rathausplatz 1, Riesa")
        dock.search_button.click()
        assert _wait(lambda: dock.suggestion_list.count() == 1)
        dock.suggestion_list.itemClicked.emit(dock.suggestion_list.item(0))
    shown = placed(qgis_canvas)
    assert len(shown) == 1 and shown[0].distance(dock.suggestions[0].point()) < 1.0
    dock.close()
    assert placed(qgis_canvas) == []
    dock.show()  # the form still holds the site: it is drawn again
    assert len(placed(qgis_canvas)) == 1
    items = len(qgis_canvas.scene().items())
    dock.unload()
    assert placed(qgis_canvas) == [] and len(qgis_canvas.scene().items()) < items
    assert not [i for i in qgis_canvas.scene().items() if isinstance(i, QgsRubberBand)]
