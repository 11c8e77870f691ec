"""The capture dock driven as an officer would: choose kind, place the site with the map tools, a selected
feature or the address search, fill the widgets, press save; assertions on the working copy and the messages."""

from __future__ import annotations

import pytest
from geocoder_server import NominatimServer
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtWidgets import QMessageBox
from question_helpers import answer

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.gui.capture_dock import CaptureDock

UTM = QgsCoordinateReferenceSystem("EPSG:25833")
MARKT = QgsPointXY(393295.0, 5669111.0)


@pytest.fixture
def dock(qgis_iface, qgis_canvas, tmp_path):
    qgis_iface.messageBar().clear_messages()
    QgsProject.instance().removeAllMapLayers()
    qgis_canvas.resize(600, 400)
    qgis_canvas.setDestinationCrs(UTM)
    qgis_canvas.setExtent(QgsRectangle(MARKT.x() - 300, MARKT.y() - 200, MARKT.x() + 300, MARKT.y() + 200))
    d = CaptureDock(qgis_iface, wc_path=str(tmp_path / "wc.gpkg"))
    d.settings.database = ""  # no register unless a test sets one
    d.settings.geocoder_min_interval = 0.0
    d.resize(460, 1000)
    d.show()
    yield d
    d.unload()
    d.close()
    d.deleteLater()
    QgsProject.instance().removeAllMapLayers()


def screenshot(widget, output_dir, name):
    folder = output_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 1000


def click(canvas, tool, point: QgsPointXY, button=Qt.MouseButton.LeftButton):
    """Release event at the pixel of ``point`` (canvas CRS), as the mouse sends it."""
    pixel = canvas.getCoordinateTransform().transform(point)
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(round(pixel.x()), round(pixel.y())),
                             button, button, Qt.KeyboardModifier.NoModifier)
    tool.canvasReleaseEvent(event)


def rows(dock, kind):
    return list(wc.layer(dock.wc_path, kind).getFeatures())


def bar(qgis_iface, level):
    """Texts the message bar showed at ``level`` (the stub records "title:text")."""
    return [m.split(":", 1)[1] for m in qgis_iface.messageBar().get_messages(int(level))]


def test_capture_vacancy_with_point_tool(dock, qgis_iface, qgis_canvas, output_dir):
    dock.vacancy_radio.click()
    dock.draw_button.click()
    assert qgis_canvas.mapTool() is dock.point_tool
    click(qgis_canvas, dock.point_tool, MARKT)
    assert "Point set: E 3932" in dock.geometry_label.text()
    assert dock.values()["municipality_ags"] == "14627140"  # prefilled: Meißen
    dock.widgets["building_type"].editor.setCurrentIndex(dock.widgets["building_type"].editor.findData("office"))
    dock.widgets["floors"].editor.setValue(3)
    dock.widgets["notes"].editor.setPlainText("Erdgeschoss frei, Schaufenster zum Markt")
    dock.widgets["owner_name"].editor.setText("Erika Muster")
    dock.widgets["owner_email"].editor.setText("kein-at-zeichen")
    dock.widgets["target_groups"].editor.item(2).setCheckState(Qt.CheckState.Checked)  # startups
    # no name, bad e-mail: refused, messages at the fields, nothing typed lost
    dock.save_button.click()
    assert rows(dock, cat.VACANCY) == []
    assert dock.widgets["name"].error.text() == "“Name” is required. Please fill it in."
    assert "“E-mail” has the wrong format" in dock.widgets["owner_email"].error.text()
    assert dock.message_label.text() == "Please correct the marked field(s) (2)."
    assert "Please correct the marked field(s) (2)." in bar(qgis_iface, Qgis.MessageLevel.Warning)
    screenshot(dock, output_dir, "capture_dock_vacancy_errors")
    assert dock.values()["notes"] == "Erdgeschoss frei, Schaufenster zum Markt" and dock.values()["floors"] == 3
    dock.widgets["name"].editor.setText("Alte Post")
    dock.widgets["owner_email"].editor.setText("erika@example.de")
    dock.save_button.click()
    saved = rows(dock, cat.VACANCY)
    assert len(saved) == 1
    f = saved[0]
    assert f["name"] == "Alte Post" and f["building_type"] == "office" and f["floors"] == 3
    assert f["target_groups"] == "{startups}" and f["sync_state"] == wc.SYNC_NEW
    assert f.geometry().asPoint().distance(MARKT) < 1.0
    owner = next(wc.layer(dock.wc_path, wc.OWNER_LAYER).getFeatures())
    assert owner["site_uuid"] == f["uuid"] and owner["owner_email"] == "erika@example.de"
    assert dock.message_label.text() == "“Alte Post” saved as a draft in the working copy."
    assert dock.values()["name"] == ""  # form cleared for the next site
    screenshot(dock, output_dir, "capture_dock_vacancy_saved")


def test_capture_brownfield_polygon_in_gauss_krueger_canvas(dock, qgis_canvas, output_dir):
    gk4 = QgsCoordinateReferenceSystem("EPSG:31468")
    qgis_canvas.setDestinationCrs(gk4)
    xform = QgsCoordinateTransform(UTM, gk4, QgsProject.instance())
    centre = xform.transform(MARKT)
    qgis_canvas.setExtent(QgsRectangle(centre.x() - 300, centre.y() - 200, centre.x() + 300, centre.y() + 200))
    dock.brownfield_radio.click()
    assert "area_m2" in dock.widgets and "building_type" not in dock.widgets
    dock.draw_button.click()
    tool = dock.polygon_tool
    assert qgis_canvas.mapTool() is tool
    for dx, dy in ((0, 0), (100, 0), (100, 60), (0, 60)):
        click(qgis_canvas, tool, QgsPointXY(centre.x() + dx, centre.y() + dy))
    click(qgis_canvas, tool, centre, Qt.MouseButton.RightButton)
    assert "Outline set" in dock.geometry_label.text()
    area = dock.values()["area_m2"]
    assert area == pytest.approx(6000, rel=0.1)  # clicks land on whole pixels
    dock.set_value("name", "Ehemalige Ziegelei")
    dock.set_value("previous_use", "industry")
    dock.set_value("ownership", "business")
    screenshot(dock, output_dir, "capture_dock_brownfield")
    dock.save_button.click()
    f = rows(dock, cat.BROWNFIELD)[0]
    assert f["previous_use"] == "industry" and f["area_m2"] == pytest.approx(area, abs=0.2)
    assert f.geometry().centroid().asPoint().distance(QgsPointXY(MARKT.x() + 50, MARKT.y() + 30)) < 10


def parcel_layer(qgis_iface) -> QgsVectorLayer:
    """A parcel of about 70 m x 111 m in Meißen, in a WGS84 layer of the project, active."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "ALKIS Flurstücke", "memory")
    feat = QgsFeature()
    feat.setGeometry(QgsGeometry.fromWkt("POLYGON((13.4700 51.1600,13.4710 51.1600,13.4710 51.1610,"
                                         "13.4700 51.1610,13.4700 51.1600))"))
    layer.dataProvider().addFeatures([feat])
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    return layer


def test_take_selected_feature_from_wgs84_layer(dock, qgis_iface):
    layer = parcel_layer(qgis_iface)
    dock.brownfield_radio.click()
    dock.selected_button.click()
    assert "Select exactly one feature" in dock.message_label.text()
    layer.selectAll()
    dock.selected_button.click()
    assert dock.values()["area_m2"] == pytest.approx(70 * 111, rel=0.02)
    assert dock.values()["municipality_ags"] == "14627140"


def test_outside_county_and_self_intersection(dock, qgis_canvas):
    dock.brownfield_radio.click()
    dock.set_value("name", "Test")
    dock.set_value("municipality_ags", "14627140")
    x, y = MARKT.x(), MARKT.y()
    bowtie = QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 100} {y + 100},{x + 100} {y},{x} {y + 100},{x} {y}))")
    dock.set_geometry(bowtie, UTM)
    dock.save_button.click()
    assert "The outline is invalid" in dock.message_label.text() and "at E 393345.0, N 5669161.0" in \
        dock.message_label.text()
    assert rows(dock, cat.BROWNFIELD) == [] and dock.values()["name"] == "Test"
    dock.repair_check.setChecked(True)
    dock.save_button.click()
    assert len(rows(dock, cat.BROWNFIELD)) == 1
    assert "has been repaired" in dock.message_label.text()
    dock.vacancy_radio.click()
    dock.set_value("name", "Frauenkirche")
    dock.set_value("building_type", "public")
    dock.set_geometry(QgsGeometry.fromPointXY(QgsPointXY(13.7416, 51.0519)), QgsCoordinateReferenceSystem("EPSG:4326"))
    dock.save_button.click()
    assert dock.message_label.text().startswith("The site lies outside Landkreis Meißen")
    assert rows(dock, cat.VACANCY) == []


def test_duplicate_warning_open_or_go_on(dock, output_dir):
    for i in range(2):
        dock.vacancy_radio.click()
        dock.set_value("name", f"Laden {i}")
        dock.set_value("building_type", "retail")
        dock.set_value("address", "Meißner Straße 5" if i == 0 else "Meissner Str. 5")
        dock.set_geometry(QgsGeometry.fromPointXY(QgsPointXY(MARKT.x() + 10 * i, MARKT.y())), UTM)
        dock.save_button.click()
    assert len(rows(dock, cat.VACANCY)) == 1
    assert dock.duplicate_list.isVisible() and dock.duplicate_list.count() == 1
    assert dock.message_label.text().startswith("Possible duplicate: “Laden 0” (working copy) has the same address "
                                                "“Meißner Straße 5”.")
    screenshot(dock, output_dir, "capture_dock_duplicate")
    dock.open_duplicate_button.click()  # shows and selects the other site; the form stays
    layer = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name() == "Vacant building"][0]
    assert layer.selectedFeatureCount() == 1 and dock.values()["name"] == "Laden 1"
    dock.save_anyway_button.click()
    assert len(rows(dock, cat.VACANCY)) == 2 and not dock.duplicate_list.isVisible()


def test_edit_existing_site_and_correct_municipality(dock, qgis_iface):
    # Neusörnewitz station (Coswig) lies in Weinböhla's coarse VG5000 polygon: prefilled, then corrected
    dock.vacancy_radio.click()
    dock.set_geometry(QgsGeometry.fromPointXY(QgsPointXY(13.552767, 51.147553)),
                      QgsCoordinateReferenceSystem("EPSG:4326"))
    assert dock.values()["municipality_ags"] == "14627310"
    dock.set_value("municipality_ags", "14627010")
    dock.set_value("name", "Bahnhofsgebäude Neusörnewitz")
    dock.set_value("building_type", "public")
    uid = dock.save()
    assert uid and rows(dock, cat.VACANCY)[0]["municipality_ags"] == "14627010"
    layers = dock.add_working_copy_layers()
    vac = layers[cat.VACANCY]
    assert vac.editorWidgetSetup(vac.fields().indexOf("floors")).type() == "Range"  # the native form too
    vac.selectAll()
    qgis_iface.setActiveLayer(vac)
    dock.edit_selected()
    assert dock.site_uuid == uid and dock.values()["name"] == "Bahnhofsgebäude Neusörnewitz"
    assert dock.values()["municipality_ags"] == "14627010"
    dock.set_value("floors", 2)
    assert dock.save() == uid
    rec = drafts.load_site(dock.wc_path, cat.VACANCY, uid)
    assert rec.values["floors"] == 2 and rec.values["municipality_ags"] == "14627010"
    assert len(rows(dock, cat.VACANCY)) == 1


def _wait(predicate, rounds=500):
    import time

    for _ in range(rounds):
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_address_search_suggestions(dock, output_dir):
    from coworking_plugin.core.capture.geocoder import Geocoder

    Geocoder.clear_cache()
    with NominatimServer() as server:
        dock.settings.geocoder_url = server.url
        dock.settings.geocoder_min_interval = 0.0
        dock.vacancy_radio.click()
        dock.set_value("name", "Rathaus")
        dock.address_search.setText("Hauptstraße")
        dock.search_button.click()
        assert _wait(lambda: dock.suggestion_list.count() == 2)
        assert dock.message_label.text() == "2 address(es) found: choose one."
        screenshot(dock, output_dir, "capture_dock_address_search")
        dock.address_search.setText("Rathausplatz 1, Riesa")
        dock.search_button.click()
        assert _wait(lambda: dock.suggestion_list.count() == 1)
        dock.suggestion_list.itemClicked.emit(dock.suggestion_list.item(0))
        values = dock.values()
        assert values["address"] == "Rathausplatz 1" and values["postcode"] == "01589"
        assert values["municipality_ags"] == "14627230" and values["name"] == "Rathaus"  # Riesa; typed name kept
        dock.address_search.setText("http500")
        dock.search_button.click()
        assert _wait(lambda: "HTTP 500" in dock.message_label.text())
        assert dock.search_button.isEnabled() and dock.values()["address"] == "Rathausplatz 1"
        dock.address_search.setText("Nirgendwo 1")
        dock.search_button.click()
        assert _wait(lambda: dock.message_label.text().startswith("No address found in Landkreis Meißen"))


@pytest.mark.postgis
def test_duplicate_among_approved_register_sites(dock, register):
    """An approved site on the server, 12 m away: the dock warns before saving."""
    conn = register.connect()
    with conn.cursor() as cur:
        cur.execute("INSERT INTO coworking.vacancy (municipality_ags, status, name, address, ownership, "
                    "building_type, geom) VALUES (%s, 'approved', %s, %s, 'municipal', 'public', "
                    "ST_SetSRID(ST_MakePoint(%s, %s), 25833)) RETURNING uuid::text",
                    ("14627140", "Altes Rathaus", "Markt 1", MARKT.x() + 12, MARKT.y()))
        server_uuid = cur.fetchone()[0]
    conn.commit()
    conn.close()
    dock.settings.database = register.dsn("editor_meissen")
    dock.vacancy_radio.click()
    dock.set_value("name", "Rathaus-Nebengebäude")
    dock.set_value("building_type", "public")
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
    assert dock.save() is None  # the register is asked in a task
    assert _wait(lambda: dock.save_button.isEnabled() and dock.duplicate_list.count() > 0)
    assert dock.pending_duplicates[0].uuid == server_uuid and dock.pending_duplicates[0].source == "register"
    assert dock.message_label.text().startswith("Possible duplicate: “Altes Rathaus” (register, approved) lies 12 m "
                                                "away.")
    assert rows(dock, cat.VACANCY) == []
    dock.save_anyway_button.click()
    assert [f["name"] for f in rows(dock, cat.VACANCY)] == ["Rathaus-Nebengebäude"]


def test_unreachable_register_does_not_block_saving(dock):
    dock.settings.database = "host=127.0.0.1 port=1 dbname=nothing connect_timeout=2"
    dock.vacancy_radio.click()
    dock.set_value("name", "Offline erfasst")
    dock.set_value("building_type", "office")
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
    dock.save_button.click()
    assert _wait(lambda: rows(dock, cat.VACANCY) != [])
    assert "“Offline erfasst” saved as a draft" in dock.message_label.text()
    assert "The register could not be searched for duplicates" in dock.message_label.text()


def test_german_screenshots(german_ui, dock, output_dir):
    dock.new_site()  # rebuild the form in the UI language
    dock.vacancy_radio.click()
    assert dock.widgets["floors"].label.text() == "Geschosse"
    combo = dock.widgets["building_type"].editor
    assert [combo.itemText(i) for i in range(1, 4)] == ["Wohngebäude", "Geschäftshaus", "Bürogebäude"]
    empty_date = dock.widgets["vacant_since"].editor
    assert empty_date.isNull() and empty_date.lineEdit().text() == "–"  # as empty numbers read, not "NULL"
    dock.set_value("name", "Alte Post am Markt")
    dock.set_value("address", "Markt 4")
    dock.set_value("postcode", "01662")
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
    assert dock.widgets["municipality_ags"].editor.currentText() == "Meißen"
    screenshot(dock, output_dir, "capture_dock_de_vacancy")
    dock.tabs.setCurrentIndex(1)
    screenshot(dock, output_dir, "capture_dock_de_vacancy_details")
    dock.save_button.click()
    assert dock.widgets["building_type"].error.text() == "“Gebäudeart” is required. Please fill it in."
    screenshot(dock, output_dir, "capture_dock_de_vacancy_error")
    seen = answer(QMessageBox.StandardButton.Discard)  # the point cannot be a brownfield's outline: asked
    dock.brownfield_radio.click()
    assert len(seen) == 1 and dock.kind == cat.BROWNFIELD
    x, y = MARKT.x(), MARKT.y()
    dock.set_geometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 80} {y},{x + 80} {y + 50},{x} {y + 50},{x} {y}))"),
                      UTM)
    dock.tabs.setCurrentIndex(1)
    assert dock.values()["name"] == "Alte Post am Markt"  # shared fields survive the change of kind
    screenshot(dock, output_dir, "capture_dock_de_brownfield_details")


def test_point_tool_snaps_to_existing_layer(dock, qgis_canvas):
    from qgis.core import QgsSnappingConfig, QgsTolerance

    layer = QgsVectorLayer("Point?crs=EPSG:25833", "Gebäude (Hausnummern)", "memory")
    target = QgsPointXY(MARKT.x() + 7.3, MARKT.y() - 4.1)
    feat = QgsFeature()
    feat.setGeometry(QgsGeometry.fromPointXY(target))
    layer.dataProvider().addFeatures([feat])
    QgsProject.instance().addMapLayer(layer)
    qgis_canvas.setLayers([layer])
    config = QgsSnappingConfig()
    config.setEnabled(True)
    config.setMode(QgsSnappingConfig.SnappingMode.AllLayers)
    config.setTypeFlag(QgsSnappingConfig.SnappingTypes.VertexFlag)
    config.setTolerance(15)
    config.setUnits(QgsTolerance.UnitType.Pixels)
    qgis_canvas.snappingUtils().setConfig(config)
    dock.vacancy_radio.click()
    dock.draw_button.click()
    click(qgis_canvas, dock.point_tool, QgsPointXY(target.x() + 3, target.y() + 2))  # a few pixels off
    assert dock.geometry.asPoint() == target
    qgis_canvas.snappingUtils().setConfig(QgsSnappingConfig())


def test_plugin_opens_the_capture_dock(qgis_iface):
    import coworking_plugin

    plugin = coworking_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.show_dock("capture")
        assert isinstance(dock, CaptureDock) and dock.objectName() == "coworking_capture_dock"
        assert plugin.dock_actions["capture"].text() == "Capture sites"
    finally:
        plugin.unload()
    assert plugin.docks == {}


def test_archive_from_the_dock_draft_and_pushed_site(dock, register, qgis_iface):
    """A never-pushed draft is removed at once; a pushed site is archived in the register with the next push."""
    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push

    dsn = register.dsn("editor_meissen")
    checkout(dsn, dock.wc_path)
    assert not dock.archive_button.isEnabled()
    for name in ("Entwurf Lindenstraße", "Alte Post Meißen"):
        dock.vacancy_radio.click()
        dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
        dock.set_value("name", name)
        dock.set_value("building_type", "public")
        dock.set_value("municipality_ags", "14627140")
        assert dock.save(confirmed=True)
    by_name = {f["name"]: f["uuid"] for f in rows(dock, cat.VACANCY)}

    assert dock.edit_site(cat.VACANCY, by_name["Entwurf Lindenstraße"]) and dock.archive_button.isEnabled()
    assert dock.archive_site(ask=False)
    assert "removed from the working copy" in dock.message_label.text()
    assert [f["name"] for f in rows(dock, cat.VACANCY)] == ["Alte Post Meißen"]

    assert push(dsn, dock.wc_path).inserted == 1
    assert dock.edit_site(cat.VACANCY, by_name["Alte Post Meißen"])
    assert dock.archive_site(ask=False)
    assert "next push" in dock.message_label.text() and not dock.archive_button.isEnabled()
    assert push(dsn, dock.wc_path).archived == 1
    with register.connect("reviewer") as conn, conn.cursor() as cur:
        cur.execute("SELECT status FROM coworking.vacancy WHERE uuid = %s", (by_name["Alte Post Meißen"],))
        assert cur.fetchone() == ("archived",)
    # an archived site cannot be archived again (it would come back into review)
    assert dock.edit_site(cat.VACANCY, by_name["Alte Post Meißen"]) and not dock.archive_button.isEnabled()
    assert not dock.archive_site(ask=False) and "already archived" in dock.message_label.text()
