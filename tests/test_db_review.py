"""Review against the real register as a reviewer: core/register/review.py and the review dock (pytest-qgis)."""

from __future__ import annotations

import time
import uuid

import pytest
from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from coworking_plugin.core.register import review

MEISSEN = "14627140"
POINT = "SRID=25833;POINT(393300 5669100)"


@pytest.fixture(scope="module")
def reg(register_module):
    return register_module


def _new_vacancy(reg, name="Beispiel Review", **extra):
    conn = reg.connect("editor_meissen")
    try:
        with conn.cursor() as cur:
            cols = ["municipality_ags", "name", "building_type", "geom"] + list(extra)
            cur.execute("INSERT INTO coworking.vacancy ({}) VALUES ({}) RETURNING uuid::text".format(
                ", ".join(cols), ", ".join(["%s"] * len(cols))),
                [MEISSEN, name, "office", POINT] + list(extra.values()))
            site = cur.fetchone()[0]
        conn.commit()
        return site
    finally:
        conn.close()


def _status(reg, site):
    conn = reg.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT status, version, review_comment FROM coworking.vacancy WHERE uuid = %s", (site,))
            return cur.fetchone()
    finally:
        conn.close()


def test_core_review_lists_approves_and_rejects(reg):
    a = _new_vacancy(reg, "Beispiel A")
    b = _new_vacancy(reg, "Beispiel B")
    conn = reg.connect("reviewer")
    try:
        pending = {s.uuid: s for s in review.pending_sites(conn)}
        assert a in pending and b in pending and pending[a].municipality_name == "Meißen"
        assert review.approve(conn, "vacancy", a, pending[a].version) == pending[a].version + 1
        with pytest.raises(review.ReviewError):
            review.reject(conn, "vacancy", b, pending[b].version, "  ")
        # a change by the municipality meanwhile: the decision on the old version is refused
        ed = reg.connect("editor_meissen")
        with ed.cursor() as cur:
            cur.execute("UPDATE coworking.vacancy SET rooms = 2 WHERE uuid = %s", (b,))
        ed.commit()
        ed.close()
        with pytest.raises(review.ReviewConflict):
            review.reject(conn, "vacancy", b, pending[b].version, "Adresse fehlt")
        assert _status(reg, b)[0] == "pending"
        fresh = {s.uuid: s for s in review.pending_sites(conn)}[b]
        review.reject(conn, "vacancy", b, fresh.version, "Adresse fehlt")
        assert _status(reg, b)[0::2] == ("rejected", "Adresse fehlt")
        actions = [h["action"] for h in review.history(conn, "vacancy", b)]
        assert actions == ["insert", "update", "reject"]
    finally:
        conn.close()


def test_editor_cannot_decide_through_core(reg):
    site = _new_vacancy(reg)
    conn = reg.connect("editor_meissen")
    try:
        with pytest.raises(Exception) as info:
            review.approve(conn, "vacancy", site, 1)
        assert getattr(info.value, "pgcode", None) == "RG002"
    finally:
        conn.close()
    assert _status(reg, site)[0] == "pending"


def _wait(task, timeout=60):
    deadline = time.time() + timeout
    while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated):
        QCoreApplication.processEvents()
        assert time.time() < deadline, "task did not finish"
        time.sleep(0.01)
    for _ in range(20):  # let finished() run on the main thread
        QCoreApplication.processEvents()


def _select(dock, site_uuid):
    for i in range(dock.list.topLevelItemCount()):
        item = dock.list.topLevelItem(i)
        if dock.sites[i].uuid == site_uuid:
            dock.list.setCurrentItem(item)
            item.setSelected(True)
            return item
    raise AssertionError(f"{site_uuid} not listed")


def test_review_dock_as_reviewer(qgis_app, qgis_iface, reg, output_dir):
    from coworking_plugin.gui.review_dock import ReviewDock

    assert QgsApplication.taskManager() is not None
    good = _new_vacancy(reg, "Beispiel: Alte Schule", rooms=6)
    bad = _new_vacancy(reg, "Beispiel: Scheune " + uuid.uuid4().hex[:4])
    dock = ReviewDock(qgis_iface, database=reg.dsn("reviewer"))
    dock.resize(420, 720)
    dock.show()
    _wait(dock.refresh())
    names = [dock.list.topLevelItem(i).text(0) for i in range(dock.list.topLevelItemCount())]
    assert "Beispiel: Alte Schule" in names
    assert "pending" in dock.count_label.text()

    _select(dock, good)
    labels = [dock.attributes.item(r, 0).text() for r in range(dock.attributes.rowCount())]
    values = {dock.attributes.item(r, 0).text(): dock.attributes.item(r, 1).text()
              for r in range(dock.attributes.rowCount())}
    assert any(lbl in labels for lbl in ("Räume", "Rooms")) and "6" in values.values()
    assert "Meißen (14627140)" in values.values()
    assert dock.sites[[s.uuid for s in dock.sites].index(good)].geometry_wkt == "POINT(393300 5669100)"
    dock.grab().save(str(output_dir / "review_dock.png"))
    assert dock.approve_button.isEnabled() and not dock.reject_button.isEnabled()  # no comment yet
    _wait(dock.approve_selected())
    _wait(dock.task) if dock.task else None  # the list reloads after a decision
    assert _status(reg, good)[0] == "approved"
    assert good not in [s.uuid for s in dock.sites]

    _select(dock, bad)
    dock.comment.setPlainText("Bitte Anschrift ergänzen")
    assert dock.reject_button.isEnabled()
    _wait(dock.reject_selected())
    _wait(dock.task) if dock.task else None
    assert _status(reg, bad)[0::2] == ("rejected", "Bitte Anschrift ergänzen")
    assert dock.comment.toPlainText() == ""


def test_review_dock_keeps_comment_when_decision_fails(qgis_app, qgis_iface, reg):
    from coworking_plugin.gui.review_dock import ReviewDock

    site = _new_vacancy(reg, "Beispiel: Konflikt")
    dock = ReviewDock(qgis_iface, database=reg.dsn("reviewer"))
    _wait(dock.refresh())
    _select(dock, site)
    ed = reg.connect("editor_meissen")
    with ed.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET floors = 3 WHERE uuid = %s", (site,))
    ed.commit()
    ed.close()
    dock.comment.setPlainText("Geschosszahl prüfen")
    _wait(dock.reject_selected())
    assert _status(reg, site)[0] == "pending"
    assert dock.comment.toPlainText() == "Geschosszahl prüfen"
    assert "meanwhile" in dock.status.text() or "zwischenzeitlich" in dock.status.text()
