"""What an officer's click can lose in the capture dock (none of it silently): New site, Edit selected and the
other kind ask before they drop unsaved entries (Save / Discard / Cancel, Enter saves, Escape cancels); a found
address or a selected feature asks before it replaces what was typed or placed; a map tool places once and hands
the map back, so a later click on the map moves nothing. The questions are the real QMessageBox, answered."""

from __future__ import annotations

from geocoder_server import NominatimServer
from qgis.core import QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox
from question_helpers import answer
from test_capture_dock import MARKT, UTM, _wait, click, parcel_layer, rows
from test_capture_dock import dock as dock  # noqa: F401 (the fixture)

from coworking_plugin.core.register import catalogue as cat

B = QMessageBox.StandardButton


def _typed_vacancy(dock):
    dock.vacancy_radio.click()
    dock.set_value("name", "Alte Post am Markt")
    dock.set_value("building_type", "commercial")
    dock.set_value("owner_name", "Erika Mustermann")
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)


def test_new_site_asks_and_cancel_keeps_everything(dock):
    _typed_vacancy(dock)
    assert dock.has_unsaved_changes()
    seen = answer(B.Cancel)
    dock.new_button.click()
    assert len(seen) == 1 and seen[0]["default"] == B.Save and seen[0]["escape"] == B.Cancel
    assert set(seen[0]["buttons"]) == {B.Save, B.Discard, B.Cancel} and "Alte Post am Markt" in seen[0]["text"]
    assert dock.values()["name"] == "Alte Post am Markt" and dock.owner_values()["owner_name"] == "Erika Mustermann"
    assert dock.geometry is not None
    seen = answer(B.Discard)
    dock.new_button.click()
    assert len(seen) == 1 and dock.values()["name"] == "" and dock.geometry is None
    assert not dock.has_unsaved_changes()
    dock.new_button.click()  # an empty form: no question, nothing to lose
    assert rows(dock, cat.VACANCY) == []


def test_new_site_save_answer_saves_or_keeps_the_form_with_the_error(dock):
    _typed_vacancy(dock)
    dock.set_value("building_type", None)  # required: the save must fail and the form stay
    seen = answer(B.Save)
    dock.new_button.click()
    assert len(seen) == 1 and dock.values()["name"] == "Alte Post am Markt"
    assert dock.widgets["building_type"].error.isVisible() and rows(dock, cat.VACANCY) == []
    dock.set_value("building_type", "commercial")
    seen = answer(B.Save)
    dock.new_button.click()
    assert len(seen) == 1 and [f["name"] for f in rows(dock, cat.VACANCY)] == ["Alte Post am Markt"]
    assert dock.values()["name"] == "" and not dock.has_unsaved_changes()


def test_edit_selected_asks_before_loading_another_site(dock, qgis_iface):
    _typed_vacancy(dock)
    uid = dock.save()
    assert uid and not dock.has_unsaved_changes()
    layer = dock.add_working_copy_layers()[cat.VACANCY]
    layer.selectAll()
    qgis_iface.setActiveLayer(layer)
    dock.edit_button.click()  # clean form: loads without a question
    assert dock.site_uuid == uid and not dock.has_unsaved_changes()
    dock.set_value("floors", 3)
    seen = answer(B.Cancel)
    dock.edit_button.click()
    assert len(seen) == 1 and dock.values()["floors"] == 3  # the reload would have dropped the 3
    seen = answer(B.Discard)
    dock.edit_button.click()
    assert len(seen) == 1 and dock.values()["floors"] is None and dock.site_uuid == uid


def test_switching_kind_asks_for_entries_the_other_kind_has_no_place_for(dock):
    _typed_vacancy(dock)
    seen = answer(B.Cancel)
    dock.brownfield_radio.click()
    assert len(seen) == 1 and set(seen[0]["buttons"]) == {B.Discard, B.Cancel} and seen[0]["default"] == B.Cancel
    assert "Erika" not in seen[0]["text"] and "Owner's name" in seen[0]["text"]  # labels, not personal data
    assert dock.kind == cat.VACANCY and dock.vacancy_radio.isChecked() and not dock.brownfield_radio.isChecked()
    assert dock.owner_values()["owner_name"] == "Erika Mustermann" and dock.geometry is not None
    seen = answer(B.Discard)
    dock.brownfield_radio.click()
    assert len(seen) == 1 and dock.kind == cat.BROWNFIELD and dock.values()["name"] == "Alte Post am Markt"
    assert dock.geometry is None
    # an empty form changes kind without a question and stays "nothing to lose"
    dock.new_site()
    dock.vacancy_radio.click()
    assert dock.kind == cat.VACANCY and not dock.has_unsaved_changes()


def test_selected_feature_asks_before_replacing_a_drawn_outline(dock, qgis_iface, qgis_canvas):
    dock.brownfield_radio.click()
    dock.draw_button.click()
    assert qgis_canvas.mapTool() is dock.polygon_tool
    for dx, dy in ((0, 0), (100, 0), (100, 60), (0, 60)):
        click(qgis_canvas, dock.polygon_tool, QgsPointXY(MARKT.x() + dx, MARKT.y() + dy))
    click(qgis_canvas, dock.polygon_tool, MARKT, Qt.MouseButton.RightButton)
    drawn = dock.geometry.asWkt()
    assert qgis_canvas.mapTool() is not dock.polygon_tool  # placed once; the map is the officer's again
    layer = parcel_layer(qgis_iface)
    layer.selectAll()
    seen = answer(B.No)
    dock.selected_button.click()
    assert len(seen) == 1 and seen[0]["default"] == B.No and dock.geometry.asWkt() == drawn
    seen = answer(B.Yes)
    dock.selected_button.click()
    assert len(seen) == 1 and dock.geometry.asWkt() != drawn


def test_point_tool_places_once(dock, qgis_canvas):
    dock.vacancy_radio.click()
    dock.draw_button.click()
    assert qgis_canvas.mapTool() is dock.point_tool
    click(qgis_canvas, dock.point_tool, MARKT)
    assert dock.geometry is not None and qgis_canvas.mapTool() is not dock.point_tool


def test_found_address_asks_before_replacing_typed_address_and_point(dock):
    from coworking_plugin.core.capture.geocoder import Geocoder

    Geocoder.clear_cache()
    _typed_vacancy(dock)
    dock.set_value("address", "Markt 4")
    placed = dock.geometry.asWkt()
    with NominatimServer() as server:
        dock.settings.geocoder_url = server.url
        dock.address_search.setText("Rathausplatz 1, Riesa")
        dock.search_button.click()
        assert _wait(lambda: dock.suggestion_list.count() == 1)
        seen = answer(B.No)
        dock.suggestion_list.itemClicked.emit(dock.suggestion_list.item(0))
        assert len(seen) == 1 and "Address" in seen[0]["text"]
        assert dock.values()["address"] == "Markt 4" and dock.geometry.asWkt() == placed
        seen = answer(B.Yes)
        dock.suggestion_list.itemClicked.emit(dock.suggestion_list.item(0))
        assert len(seen) == 1 and dock.values()["address"] != "Markt 4" and dock.geometry.asWkt() != placed


def test_german_question_before_new_site(german_translator, german_ui, dock, output_dir):
    dock.new_site()  # the form in the UI language
    _typed_vacancy(dock)
    folder = output_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / "capture_unsaved_question_de.png"
    seen = answer(B.Cancel, grab=str(path))
    dock.new_button.click()
    assert len(seen) == 1 and seen[0]["title"] == "Ungespeicherte Änderungen"
    assert seen[0]["text"] == ("Der Standort „Alte Post am Markt“ hat Änderungen, die noch nicht gespeichert sind. "
                               "Zuerst als Entwurf speichern?")
    assert path.stat().st_size > 1000 and dock.values()["name"] == "Alte Post am Markt"
    seen = answer(B.Cancel)
    dock.brownfield_radio.click()
    assert "Name Eigentümer/in" in seen[0]["text"] and "der gesetzte Punkt" in seen[0]["text"]
    assert dock.vacancy_radio.isChecked()


def test_closing_qgis_asks_for_the_unsaved_form(qgis_iface):
    from qgis.PyQt.QtCore import QCoreApplication
    from qgis.PyQt.QtGui import QCloseEvent

    import coworking_plugin

    plugin = coworking_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.show_dock("capture")
        event = QCloseEvent()
        QCoreApplication.sendEvent(qgis_iface.mainWindow(), event)
        assert event.isAccepted()  # nothing typed: QGIS closes without a question
        dock.set_value("name", "Alte Post am Markt")
        seen = answer(B.Cancel)
        event = QCloseEvent()
        QCoreApplication.sendEvent(qgis_iface.mainWindow(), event)
        assert len(seen) == 1 and not event.isAccepted() and dock.values()["name"] == "Alte Post am Markt"
        seen = answer(B.Discard)
        event = QCloseEvent()
        QCoreApplication.sendEvent(qgis_iface.mainWindow(), event)
        assert len(seen) == 1 and event.isAccepted()
    finally:
        plugin.unload()


def _stored_vacancy(dock):
    from coworking_plugin.core.capture import drafts

    values = {"name": "Alte Post", "municipality_ags": "14627140", "ownership": "municipal",
              "building_type": "office", "rooms": 3}
    dock._ensure_working_copy()  # as the dock's first save does
    uid = drafts.save_site(dock.wc_path, cat.VACANCY, values, QgsGeometry.fromPointXY(MARKT))
    return uid, values


def test_save_notices_a_change_made_after_the_form_loaded_the_site(dock, german_translator):
    """A pull (or QGIS's own form) changes the open site: saving asks before writing the form over it; Cancel
    keeps both, Discard loads the stored site, Save writes the officer's entries."""
    from coworking_plugin.core.capture import drafts

    uid, values = _stored_vacancy(dock)
    assert dock.edit_site(cat.VACANCY, uid)
    from qgis.PyQt.QtCore import QCoreApplication

    seen = answer(B.Cancel, rounds=1)  # would answer a question inside save; else gives up at the next events
    dock.set_value("rooms", 5)  # nothing changed underneath: no question
    assert dock.save(confirmed=True) == uid
    QCoreApplication.processEvents()
    assert seen == []
    assert drafts.load_site(dock.wc_path, cat.VACANCY, uid).values["rooms"] == 5

    assert dock.edit_site(cat.VACANCY, uid)
    dock.set_value("rooms", 7)  # the officer types ...
    drafts.save_site(dock.wc_path, cat.VACANCY, dict(values, rooms=5, name="Alte Post (abgerufen)"),
                     QgsGeometry.fromPointXY(MARKT), site_uuid=uid)  # ... while a pull changes the site
    seen = answer(B.Cancel)
    assert dock.save(confirmed=True) is None
    assert seen[0]["title"] == "Standort inzwischen geändert" and "„Alte Post (abgerufen)“" in seen[0]["text"]
    assert seen[0]["default"] == B.Save and seen[0]["escape"] == B.Cancel
    assert drafts.load_site(dock.wc_path, cat.VACANCY, uid).values["name"] == "Alte Post (abgerufen)"
    assert dock.values()["rooms"] == 7 and dock.site_uuid == uid  # the entries stay in the form

    answer(B.Discard)  # load the stored site instead
    assert dock.save(confirmed=True) is None
    assert dock.values()["name"] == "Alte Post (abgerufen)" and dock.values()["rooms"] == 5

    dock.set_value("rooms", 8)
    drafts.save_site(dock.wc_path, cat.VACANCY, dict(values, rooms=6, name="Alte Post (zweiter Abruf)"),
                     QgsGeometry.fromPointXY(MARKT), site_uuid=uid)
    answer(B.Save)  # save over it, knowingly
    assert dock.save(confirmed=True) == uid
    stored = drafts.load_site(dock.wc_path, cat.VACANCY, uid).values
    assert stored["rooms"] == 8 and stored["name"] == "Alte Post (abgerufen)"
