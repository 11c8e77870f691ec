"""The Capture dock's "Photos…" and the photo dialog, driven as an officer would, against a real register with the
editor's login: a draft is told to wait for the upload; a pushed site takes photos, caption, credit, public, and
each change sends it back to review; nothing in the dialog blocks while the database works (tasks)."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry

from coworking_plugin.core.register import catalogue as cat
from tests import test_capture_dock as capture_tests
from tests.sync_helpers import wait_for_task
from tests.test_capture_dock import MARKT, UTM, rows, screenshot
from tests.test_photos_core import _jpeg

pytestmark = pytest.mark.postgis
dock = capture_tests.dock  # the Capture dock fixture: a dock on a working copy in tmp_path


def wait_for_dialog(dialog, timeout: float = 60) -> None:
    wait_for_task(dialog, timeout)  # the dialog, like the sync dock, keeps its running task in .task


def site_row(register, uuid):
    with register.connect("reviewer") as conn, conn.cursor() as cur:
        cur.execute("SELECT status, version FROM coworking.vacancy WHERE uuid = %s", (uuid,))
        return cur.fetchone()


def photo_rows(register, uuid):
    with register.connect("reviewer") as conn, conn.cursor() as cur:
        cur.execute("SELECT caption, credit, public FROM coworking.site_photo WHERE site_uuid = %s", (uuid,))
        return cur.fetchall()


def pushed_site(dock, register, name="Alte Post Meißen"):
    """A vacancy captured in the dock, pushed by the Meißen editor and approved by the reviewer: its uuid."""
    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push

    dsn = register.dsn("editor_meissen")
    checkout(dsn, dock.wc_path)
    dock.vacancy_radio.click()
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
    dock.set_value("name", name)
    dock.set_value("building_type", "public")
    dock.set_value("municipality_ags", "14627140")
    assert dock.save(confirmed=True)
    uuid = next(f["uuid"] for f in rows(dock, cat.VACANCY) if f["name"] == name)
    assert dock.edit_site(cat.VACANCY, uuid) and dock.photos_button.isEnabled()
    assert dock.show_photos() is None
    assert any(words in dock.message_label.text() for words in ("after the upload", "nach dem Hochladen"))
    assert push(dsn, dock.wc_path).inserted == 1
    with register.connect("reviewer") as conn, conn.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (uuid,))
    dock.settings.database = dsn  # in memory only, as the Options page's connection would give it
    return uuid


def test_photos_of_a_pushed_site(dock, register, tmp_path):
    assert not dock.photos_button.isEnabled()  # no site in the form
    uuid = pushed_site(dock, register)
    dialog = dock.show_photos()
    try:
        wait_for_dialog(dialog)
        assert dialog.list.count() == 0 and not dialog.delete_button.isEnabled()
        photo = tmp_path / "post.jpg"
        photo.write_bytes(_jpeg(2400, 1800))
        dialog.add_from_file(str(photo))
        assert dialog.task is not None and not dialog.add_button.isEnabled()  # the work runs in a task
        wait_for_dialog(dialog)
        assert dialog.list.count() == 1 and "Photo added" in dialog.status_label.text()
        assert site_row(register, uuid)[0] == "pending"  # a new photo is a change for the county's review
        assert photo_rows(register, uuid) == [(None, None, False)]

        dialog.caption_edit.setText("Eingang Markt 4")
        dialog.public_check.setChecked(True)
        assert dialog.save_button.isEnabled()
        dialog.save_current()  # public without credit: said at once, nothing sent
        assert dialog.task is None and "credit" in dialog.status_label.text()
        dialog.credit_edit.setText("Stadt Meißen")
        dialog.save_current()
        wait_for_dialog(dialog)
        assert photo_rows(register, uuid) == [("Eingang Markt 4", "Stadt Meißen", True)]
        assert dialog.list.item(0).text() == "Eingang Markt 4" and not dialog.save_button.isEnabled()

        dialog.delete_current(ask=False)
        wait_for_dialog(dialog)
        assert dialog.list.count() == 0 and photo_rows(register, uuid) == []
    finally:
        dialog.close()


def test_another_municipalitys_editor_reads_the_reason(dock, register, tmp_path):
    uuid = pushed_site(dock, register, "Fremder Standort")
    dock.settings.database = register.dsn("editor_riesa")
    dialog = dock.show_photos()
    try:
        wait_for_dialog(dialog)
        assert dialog.list.count() == 0  # row-level security: Riesa reads no photos of Meißen
        photo = tmp_path / "fremd.jpg"
        photo.write_bytes(_jpeg(200, 100))
        dialog.add_from_file(str(photo))
        wait_for_dialog(dialog)
        assert "You do not edit sites of this municipality" in dialog.status_label.text()
        assert photo_rows(register, uuid) == []
    finally:
        dialog.close()


def test_german_screenshot_of_the_photo_dialog(german_translator, german_ui, dock, register, tmp_path, output_dir):
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    pushed_site(dock, register, "Alte Post am Markt")
    dialog = dock.show_photos()
    try:
        wait_for_dialog(dialog)
        for i, colour in enumerate(("#8d6e63", "#90a4ae")):
            image = QImage(1200, 800, QImage.Format.Format_RGB32)
            image.fill(QColor(colour))
            painter = QPainter(image)
            painter.fillRect(300, 250, 600, 450, QColor("#eceff1"))
            painter.fillRect(500, 450, 200, 250, QColor("#5d4037"))
            painter.end()
            path = tmp_path / f"foto{i}.png"
            assert image.save(str(path))
            dialog.add_from_file(str(path))
            wait_for_dialog(dialog)
        dialog.caption_edit.setText("Ansicht vom Markt")
        dialog.credit_edit.setText("Stadt Meißen, Bauamt")
        dialog.public_check.setChecked(True)
        dialog.save_current()
        wait_for_dialog(dialog)
        assert dialog.windowTitle() == "Fotos von „Alte Post am Markt“"
        assert dialog.public_check.text() == "öffentlich" and "DSGVO" in dialog.gdpr_label.text()
        assert dialog.list.count() == 2
        screenshot(dialog, output_dir, "photo_dialog_de")
    finally:
        dialog.close()


def test_a_photo_is_no_conflict_for_the_officers_next_push(dock, register, tmp_path):
    """The photo raised the site's version on the server; the officer's later edit of the same site, based on the
    version before, is pushed without a conflict (a photo is no change of the site's fields) and waits for review."""
    from coworking_plugin.core.capture import drafts
    from coworking_plugin.core.sync.push import push

    uuid = pushed_site(dock, register, "Post mit Foto")
    version = site_row(register, uuid)[1]
    dialog = dock.show_photos()
    try:
        wait_for_dialog(dialog)
        photo = tmp_path / "post.jpg"
        photo.write_bytes(_jpeg(300, 200))
        dialog.add_from_file(str(photo))
        wait_for_dialog(dialog)
    finally:
        dialog.close()
    assert site_row(register, uuid) == ("pending", version + 1)
    record = drafts.load_site(dock.wc_path, cat.VACANCY, uuid)
    drafts.save_site(dock.wc_path, cat.VACANCY, {**record.values, "rooms": 7}, record.geometry, site_uuid=uuid)
    result = push(register.dsn("editor_meissen"), dock.wc_path)
    assert result.updated == 1 and result.conflicts == 0
    assert site_row(register, uuid) == ("pending", version + 2)
    assert len(photo_rows(register, uuid)) == 1
