"""The submitting officer's side of a rejection, with a real register and working copy: after a pull the
reviewer's reason is listed under "Needs your attention" (sync dock) and shown when the site is opened in the
Capture dock, until the site is changed and pushed again."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsProject

from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.tracking import issues
from tests.sync_helpers import add_site, edit_site, review, vacancy_values

pytestmark = pytest.mark.postgis


def _reject(register, uid, reason=None, comment=None):
    conn = register.connect("reviewer")
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET status = 'rejected', review_comment = %s, review_reason = %s"
                    " WHERE uuid = %s", (comment, reason, uid))
    conn.close()


def test_rejection_reason_reaches_attention_list_and_capture_dock(qgis_app, qgis_iface, register, tmp_path):
    from coworking_plugin.gui.capture_dock import CaptureDock
    from coworking_plugin.gui.sync_dock import SyncDock

    path = str(tmp_path / "meissen.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    kept = add_site(path, **vacancy_values(name="Alte Post"))
    rejected = add_site(path, **vacancy_values(name="Scheune am Markt"))
    only_reason = add_site(path, **vacancy_values(name="Kino"))
    assert push(dsn, path).inserted == 3
    review(register, kept, "approved")
    _reject(register, rejected, comment="Bitte Hausnummer ergänzen")
    _reject(register, only_reason, reason="duplicate")
    pull(dsn, path)

    listed = {i.uuid: i for i in issues(path)}
    assert set(listed) == {rejected, only_reason}
    assert (listed[rejected].issue, listed[rejected].message) == ("rejected", "Bitte Hausnummer ergänzen")
    assert listed[only_reason].message == "Dublette"  # a standard reason alone: its German label

    # the working copy's layers show each site's state in its own symbol
    local = add_site(path, **vacancy_values(name="Neuer Entwurf"))
    categories, values = _styled(path)
    assert categories == {kept: "approved", rejected: "rejected", only_reason: "rejected", local: "draft"}
    assert values == {"draft", "conflict", "pending", "approved", "rejected", "archived"}

    sync_dock = SyncDock(qgis_iface)
    sync_dock.path.setFilePath(path)
    sync_dock.refresh_state()
    rows = [(sync_dock.issues.topLevelItem(i).text(0), sync_dock.issues.topLevelItem(i).text(2))
            for i in range(sync_dock.issues.topLevelItemCount())]
    assert ("Scheune am Markt", "Bitte Hausnummer ergänzen") in rows
    sync_dock.unload() if hasattr(sync_dock, "unload") else None

    dock = CaptureDock(qgis_iface, wc_path=path)
    try:
        assert dock.edit_site("vacancy", rejected)
        text = dock.message_label.text()
        assert "rejected by the county" in text and "Bitte Hausnummer ergänzen" in text
        assert dock.edit_site("vacancy", kept) and "rejected" not in dock.message_label.text()
    finally:
        dock.unload() if hasattr(dock, "unload") else None
        dock.close()

    # changed locally: still listed until pushed; pushed: pending again, no longer listed
    edit_site(path, rejected, address="Markt 3")
    assert rejected in {i.uuid for i in issues(path)}
    assert push(dsn, path).updated == 1
    assert {i.uuid for i in issues(path)} == {only_reason}
    assert _styled(path)[0][rejected] == "pending"


def _styled(path):
    """uuid -> the category the layer's symbol is chosen by, and the renderer's categories."""
    from coworking_plugin.core.capture import formconfig
    from coworking_plugin.core.sync import workingcopy as wc

    layer = wc.layer(path, "vacancy")
    formconfig.configure_working_copy(path, {"vacancy": layer}, project=QgsProject.instance())
    renderer = layer.renderer()
    expression = QgsExpression(renderer.classAttribute())
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    result = {}
    for feature in layer.getFeatures():
        context.setFeature(feature)
        result[feature["uuid"]] = expression.evaluate(context)
    return result, {c.value() for c in renderer.categories()}


def test_standard_reason_and_text_both_reach_the_municipality(qgis_app, qgis_iface, register, tmp_path):
    """A reviewer rejects in the review dock with a standard reason and their own words: after a pull the
    working copy's reason field, the pull's message, "Needs your attention" and the Capture dock show both."""
    from coworking_plugin.gui.capture_dock import CaptureDock
    from coworking_plugin.gui.review_dialogs import RejectDialog
    from coworking_plugin.gui.review_dock import ReviewDock
    from tests.test_review_dock import _settle, _wait

    path = str(tmp_path / "meissen.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    site = add_site(path, **vacancy_values(name="Lager am Hafen"))
    assert push(dsn, path).inserted == 1

    review_dock = ReviewDock(qgis_iface, database=register.dsn("reviewer"))
    try:
        _wait(review_dock.refresh())
        review_dock.select([site])
        _settle(review_dock)
        dialog = RejectDialog(review_dock.reasons, "Lager am Hafen", review_dock)
        dialog.reason.setCurrentIndex(dialog.reason.findData("incomplete"))
        dialog.comment.setPlainText("Bitte die Fläche nachtragen")
        _wait(review_dock.reject_selected(dialog))
        _settle(review_dock)
    finally:
        review_dock.unload()
        review_dock.close()

    both = "Angaben unvollständig: Bitte die Fläche nachtragen"
    report = pull(dsn, path)
    assert report.rejected == 1 and both in report.decisions_text()
    gpkg = sqlite3.connect(path)
    assert gpkg.execute("SELECT review_comment FROM vacancy WHERE uuid = ?", (site,)).fetchone()[0] == both
    gpkg.close()
    assert [(i.issue, i.message) for i in issues(path)] == [("rejected", both)]
    dock = CaptureDock(qgis_iface, wc_path=path)
    try:
        assert dock.edit_site("vacancy", site)
        assert both in dock.message_label.text()
    finally:
        dock.unload()
        dock.close()
