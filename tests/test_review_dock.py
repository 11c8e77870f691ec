"""The review dock (pytest-qgis) against the real register as a reviewer and as an editor: the queue in pages
with the true count, sort by header, filters, the diff side by side with both geometries on the map, approve
one site and a selection, reject with a standard reason and free text, the timeline, the editor's read-only dock,
and a German screenshot of a change side by side (test-output/screenshots/review_dock_de_change.png)."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from qgis.core import QgsTask
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer

from tests.test_db_review import MEISSEN, RIESA, _exec, add_site, tolerant

SCREENSHOTS_DIR = "screenshots"


@pytest.fixture(scope="module")
def reg(register_module):
    return tolerant(register_module)


@pytest.fixture(scope="module")
def sites(reg):
    """Twelve pending sites in Meißen and Riesa, one of them a change to an approved site (moved, rooms)."""
    made = {}
    for i in range(12):
        ags = (MEISSEN, RIESA)[i % 2]
        x, y = (393300, 5669100) if ags == MEISSEN else (381100, 5685300)
        made[f"Beispiel D{i:02d}"] = add_site(reg, "vacancy", ags, f"Beispiel D{i:02d}", x + 150 * i, y,
                                              rooms=i, floor_area_m2=120.5 + i)
    change = made["Beispiel D00"]
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (change,))
    _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET rooms = 6, floor_area_m2 = 1450.25, heritage_protected"
                                 " = true, available_from = '2027-03-01', geom = ST_Translate(geom, 60, 0)"
                                 " WHERE uuid = %s", (change,))
    return made


def _wait(task, timeout=60):
    if task is None:
        return
    deadline = time.time() + timeout
    while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated):
        QCoreApplication.processEvents()
        assert time.time() < deadline, "task did not finish"
        time.sleep(0.01)
    for _ in range(20):  # let finished() run on the main thread
        QCoreApplication.processEvents()


def _settle(dock):
    """Wait for whatever the dock started (a reload after a decision, the detail of a selection)."""
    for _ in range(5):
        _wait(dock.task)
        _wait(dock.detail_task)
        _wait(dock.flags_task)


def _dock(qgis_iface, reg, who, page_size=100):
    from coworking_plugin.gui.review_dock import ReviewDock

    dock = ReviewDock(qgis_iface, database=reg.dsn(who))
    dock.query = replace(dock.query, page_size=page_size)
    dock.resize(760, 900)
    dock.show()
    _wait(dock.refresh())
    return dock


def _names(dock):
    return [r.name for r in dock.model.rows]


def _status(reg, site):
    return _exec(reg, None, "SELECT status, review_comment, review_reason FROM coworking.vacancy WHERE uuid = %s",
                 (site,))[0]


def test_queue_pages_sort_and_filters(qgis_app, qgis_iface, reg, sites):
    dock = _dock(qgis_iface, reg, "reviewer", page_size=5)
    total = dock.model.page.total
    assert total >= 12 and dock.count_label.text() == f"1–5 of {total}"
    _settle(dock)  # the page's duplicate flags follow the page
    assert all(r.duplicate is False for r in dock.model.rows)
    assert dock.approve_button.isVisible() and dock.reject_button.isVisible()
    seen = _names(dock)
    while dock.next_button.isEnabled():
        dock.next_button.click()
        _settle(dock)
        seen += _names(dock)
    assert len(seen) == total and set(sites) <= set(seen)
    assert dock.count_label.text().endswith(f"of {total}") and not dock.next_button.isEnabled()
    # a click on the "Site" header sorts by name on the server (page 1 again)
    dock.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    _settle(dock)
    assert dock.query.sort == "name" and dock.query.descending and dock.query.page == 0
    assert _names(dock) == sorted(_names(dock), key=str.lower, reverse=True)
    # filters: one municipality, only changes
    dock.filters.municipality.setCurrentIndex(dock.filters.municipality.findData(RIESA))
    _settle(dock)
    assert {r.municipality_ags for r in dock.model.rows} == {RIESA}
    dock.filters.municipality.setCurrentIndex(0)
    _settle(dock)
    dock.filters.change.setCurrentIndex(dock.filters.change.findData(True))
    _settle(dock)
    assert _names(dock) == ["Beispiel D00"] and dock.count_label.text() == "1–1 of 1"
    dock.unload()
    dock.close()


def test_review_dock_change_side_by_side_approve_and_batch(qgis_app, qgis_iface, reg, sites):
    dock = _dock(qgis_iface, reg, "reviewer2")
    dock.select([sites["Beispiel D00"]])
    _settle(dock)
    rows = {r[0]: r[1:] for r in dock.detail.rows()}
    assert set(rows) == {"Rooms", "Floor area (m²)", "Heritage protected", "Available from", "Geometry"}
    assert rows["Rooms"] == ["0", "6"] and rows["Heritage protected"] == ["No", "Yes"]
    assert rows["Geometry"] == ["on the map: blue, dashed", "moved by 60 m (on the map: red)"]
    assert len(dock.highlight.bands) == 2  # proposed and last approved, in distinct styles
    assert dock.highlight.bands[0].strokeColor() != dock.highlight.bands[1].strokeColor()
    _wait(dock.approve_selected())
    _settle(dock)
    assert _status(reg, sites["Beispiel D00"])[0] == "approved"
    assert "Beispiel D00" not in _names(dock)

    batch = [sites["Beispiel D02"], sites["Beispiel D03"], sites["Beispiel D04"]]
    dock.select(batch)
    assert dock.approve_button.text() == "Approve 3 sites" and not dock.reject_button.isEnabled()
    _wait(dock.approve_selected())
    _settle(dock)
    assert [_status(reg, s)[0] for s in batch] == ["approved"] * 3
    assert dock.status.text().startswith("Approved 3 of 3 sites.")
    dock.unload()
    dock.close()


def test_review_dock_rejects_with_reason_and_keeps_input_on_failure(qgis_app, qgis_iface, reg, sites):
    from coworking_plugin.gui.review_dialogs import RejectDialog

    dock = _dock(qgis_iface, reg, "reviewer")
    site = sites["Beispiel D05"]
    dock.select([site])
    _settle(dock)
    dialog = RejectDialog(dock.reasons, "Beispiel D05", dock)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.comment.setPlainText(" \t\n")
    assert not ok.isEnabled() and dialog.hint.text()  # spaces alone are no reason
    dialog.reason.setCurrentIndex(dialog.reason.findData("location_implausible"))
    assert ok.isEnabled()
    dialog.comment.setPlainText("Punkt liegt im Fluss")
    # the municipality changed the site meanwhile: refused, the dialog keeps what the reviewer typed
    _exec(reg, "editor_riesa", "UPDATE coworking.vacancy SET floors = 2 WHERE uuid = %s", (site,))
    _wait(dock.reject_selected(dialog))
    _settle(dock)
    assert _status(reg, site)[0] == "pending" and "meanwhile" in dock.status.text()
    assert dock.last_reject == (site, "Punkt liegt im Fluss", "location_implausible")
    _wait(dock.refresh())
    dock.select([site])
    _settle(dock)
    _wait(dock.reject_selected(dialog))
    _settle(dock)
    # the standard reason's German label and the text, both for the municipality
    assert _status(reg, site) == ("rejected", "Lage unplausibel: Punkt liegt im Fluss", "location_implausible")

    # reason only: the register writes the reason's label as the comment
    other = sites["Beispiel D07"]
    dock.select([other])
    dialog = RejectDialog(dock.reasons, "Beispiel D07", dock)
    dialog.reason.setCurrentIndex(dialog.reason.findData("duplicate"))
    _wait(dock.reject_selected(dialog))
    _settle(dock)
    assert _status(reg, other) == ("rejected", "Dublette", "duplicate")
    dock.unload()
    dock.close()


def test_review_dock_timeline_and_four_eyes(qgis_app, qgis_iface, reg, sites):
    site = sites["Beispiel D06"]
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET notes = 'vom Kreis ergänzt' WHERE uuid = %s", (site,))
    dock = _dock(qgis_iface, reg, "reviewer")
    dock.select([site])
    _settle(dock)
    _wait(dock.approve_selected())
    _settle(dock)
    assert _status(reg, site)[0] == "pending" and "Four eyes" in dock.status.text()
    dock.select([site])
    _settle(dock)
    _wait(dock.show_timeline(modal=False))
    table = dock.timeline_dialog
    assert [table.cell(r, 2) for r in range(table.table.rowCount())] == ["submitted", "changed"]
    assert table.cell(1, 1) == reg.role("reviewer") and "Notes (internal): – → vom Kreis ergänzt" in table.cell(1, 4)
    table.close()
    dock.unload()
    dock.close()


def test_editor_dock_is_read_only(qgis_app, qgis_iface, reg, sites):
    dock = _dock(qgis_iface, reg, "editor_meissen")
    assert dock.role == "editor" and dock.is_editor()
    assert not dock.approve_button.isVisible() and not dock.reject_button.isVisible()
    assert dock.filters.status.isVisible() and "Read only" in dock.status.text()
    statuses = {r.status for r in dock.model.rows}
    assert {r.municipality_ags for r in dock.model.rows} == {MEISSEN} and "approved" in statuses
    dock.select([sites["Beispiel D00"]])
    _settle(dock)
    assert dock.detail.diff is not None and dock.detail.diff.uuid == sites["Beispiel D00"]
    # the buttons are not offered; the register refuses a decision anyway
    dock.select([sites["Beispiel D08"]])
    _settle(dock)
    _wait(dock.approve_selected())
    _settle(dock)
    assert _status(reg, sites["Beispiel D08"])[0] == "pending" and "Only a reviewer" in dock.status.text()
    dock.unload()
    dock.close()


def test_screenshot_german_change_side_by_side(qgis_app, qgis_iface, reg, german_translator, german_ui, output_dir):
    site = add_site(reg, "vacancy", MEISSEN, "Beispiel: Alte Post", 394000, 5670000, rooms=4,
                    floor_area_m2=1200.0, address="Dresdner Straße 2")
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
    _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET rooms = 6, floor_area_m2 = 1450.5, barrier_free = true,"
                                 " available_from = '2027-03-01', geom = ST_Translate(geom, 60, 0) WHERE uuid = %s",
          (site,))
    dock = _dock(qgis_iface, reg, "reviewer2")
    dock.filters.change.setCurrentIndex(dock.filters.change.findData(True))
    _settle(dock)
    dock.select([site])
    _settle(dock)
    rows = {r[0]: r[1:] for r in dock.detail.rows()}
    assert rows["Nutzfläche (m²)"] == ["1.200", "1.450,5"] and rows["Barrierefrei"] == ["Nein", "Ja"]
    assert rows["Verfügbar ab"] == ["–", "01.03.2027"] and rows["Geometrie"][1].startswith("verschoben um 60 m")
    assert dock.count_label.text().endswith("von 1") and dock.approve_button.text() == "Freigeben"
    path = output_dir / SCREENSHOTS_DIR / "review_dock_de_change.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert dock.grab().save(str(path)) and path.stat().st_size > 5000
    dock.unload()
    dock.close()


def test_reviewer_sees_the_sites_photos_before_deciding(qgis_app, qgis_iface, reg, output_dir):
    import psycopg2

    from tests.test_photos_core import _jpeg

    site = add_site(reg, "vacancy", MEISSEN, "Mit Fotos", 393300, 5669900)
    _exec(reg, "editor_meissen", "INSERT INTO coworking.site_photo (site_uuid, kind, image, caption, credit, public)"
                                 " VALUES (%s, 'vacancy', %s, 'Eingang', 'Stadt Meißen', true)",
          (site, psycopg2.Binary(_jpeg(300, 200, "#ff00ff"))))
    dock = _dock(qgis_iface, reg, "reviewer")
    dock.select([site])
    _settle(dock)
    assert dock.detail.photos.isVisibleTo(dock) and dock.detail.photos.count() == 1
    item = dock.detail.photos.item(0)
    assert item.text() == "public" and item.toolTip() == "Eingang · Stadt Meißen" and not item.icon().isNull()
    dock.select([])
    _settle(dock)
    assert dock.detail.photos.count() == 0 and not dock.detail.photos.isVisibleTo(dock)
    dock.close()


def _later(step, done, rounds=3000):
    """Run ``step()`` from the event loop until it returns True (the reject dialog is modal: exec() blocks)."""
    left = [rounds]

    def tick():
        if step():
            done.append(True)
        elif left[0] > 0:
            left[0] -= 1
            QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)


def test_reject_dialog_stays_open_with_the_text_when_the_register_refuses(qgis_app, qgis_iface, reg, sites):
    """Four eyes: the reviewer changed the site, so the register refuses their rejection. The real dialog (opened
    by the Reject button) stays open with the comment and says why; Cancel then loses nothing (the comment is
    offered again for this site, and only for it); Escape with newly typed text asks first."""
    from qgis.PyQt.QtWidgets import QDialogButtonBox, QMessageBox
    from question_helpers import answer

    site = sites["Beispiel D10"]
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET notes = 'vom Kreis geprüft' WHERE uuid = %s", (site,))
    dock = _dock(qgis_iface, reg, "reviewer")
    dock.select([site])
    _settle(dock)
    seen, done = {}, []

    def step():
        dialog = dock.reject_dialog
        if dialog is None or not dialog.isVisible():
            return False
        if "typed" not in seen:
            dialog.comment.setPlainText("Eigentümer nicht erreichbar, bitte prüfen")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            seen["typed"] = True
            return False
        if dialog.sending:
            return False
        seen.update(open=dialog.isVisible(), text=dialog.comment_text(), hint=dialog.hint.text())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()  # kept: no question
        return True

    _later(step, done)
    dock.reject_button.click()  # exec() until the dialog closes
    assert done and seen["open"] and seen["text"] == "Eigentümer nicht erreichbar, bitte prüfen"
    assert "Four eyes" in seen["hint"] and "kept" in seen["hint"]
    assert _status(reg, site)[0] == "pending"
    assert dock.last_reject[0] == site

    # opened again for the same site: the comment is there; Escape after typing more asks, Cancel keeps it open
    seen2, done2, questions = {}, [], []

    def step2():
        dialog = dock.reject_dialog
        if dialog is None or not dialog.isVisible():
            return False
        if "prefilled" not in seen2:
            seen2["prefilled"] = dialog.comment_text()
            dialog.comment.setPlainText(dialog.comment_text() + " (Nachtrag)")
            answer(QMessageBox.StandardButton.Cancel, questions)
            dialog.reject()  # what Escape does
            seen2["after_cancel"] = (dialog.isVisible(), dialog.comment_text())
            answer(QMessageBox.StandardButton.Discard, questions)
            dialog.reject()
            return True
        return False

    _later(step2, done2)
    dock.reject_button.click()
    assert done2 and seen2["prefilled"] == "Eigentümer nicht erreichbar, bitte prüfen"
    assert seen2["after_cancel"] == (True, "Eigentümer nicht erreichbar, bitte prüfen (Nachtrag)")
    assert len(questions) == 2 and questions[0]["default"] == QMessageBox.StandardButton.Cancel
    assert dock.reject_dialog is None
    dock.unload()
    dock.close()


def test_decision_keeps_filters_and_never_leaves_an_empty_page(qgis_app, qgis_iface, reg, sites):
    """Approving the only site of the last page: the list goes to the page before, with the filter kept."""
    dock = _dock(qgis_iface, reg, "reviewer2")
    dock.filters.municipality.setCurrentIndex(dock.filters.municipality.findData(RIESA))
    _settle(dock)
    total = dock.model.page.total
    assert total >= 2
    _wait(dock.load(replace(dock.query, page_size=total - 1, page=1)))  # the last page holds one site
    _settle(dock)
    assert len(dock.model.rows) == 1 and dock.query.page == 1
    last = dock.model.rows[0]
    dock.select([last.uuid])
    _settle(dock)
    _wait(dock.approve_selected())
    _settle(dock)
    assert _status(reg, last.uuid)[0] == "approved"
    assert dock.query.page == 0 and len(dock.model.rows) == total - 1
    assert {r.municipality_ags for r in dock.model.rows} == {RIESA}
    assert dock.filters.municipality.currentData() == RIESA and dock.status.text().startswith("Approved")
    dock.unload()
    dock.close()
