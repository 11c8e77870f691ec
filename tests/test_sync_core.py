"""Checkout, push and pull against a real register with real login roles (core/sync/, baseline 4_sync.sql)."""

from __future__ import annotations

import pytest

from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.tracking import archive
from tests.sync_helpers import (
    add_site,
    archive_site,
    edit_site,
    local_row,
    server_count,
    server_row,
    vacancy_values,
)

pytestmark = pytest.mark.postgis


@pytest.fixture
def wc_meissen(qgis_app, register, tmp_path):
    path = str(tmp_path / "meissen.gpkg")
    checkout(register.dsn("editor_meissen"), path)
    return path


def test_push_insert_update_archive_roundtrip(register, wc_meissen):
    dsn = register.dsn("editor_meissen")
    uid = add_site(wc_meissen, **vacancy_values())
    report = push(dsn, wc_meissen)
    assert report.committed and report.inserted == 1, report
    row = local_row(wc_meissen, uid)
    assert row["sync_state"] == wc.SYNC_SYNCED and row["base_version"] == 1 and row["status"] == "pending"
    assert server_row(register, uid)["name"] == "Ehemaliger Konsum"

    edit_site(wc_meissen, uid, floors=3)
    assert local_row(wc_meissen, uid)["sync_state"] == wc.SYNC_MODIFIED
    report = push(dsn, wc_meissen)
    assert report.updated == 1 and server_row(register, uid)["floors"] == 3
    assert local_row(wc_meissen, uid)["base_version"] == 2

    assert archive(wc_meissen, "vacancy", uid) is True
    report = push(dsn, wc_meissen)
    assert report.archived == 1 and server_row(register, uid)["status"] == "archived"
    assert local_row(wc_meissen, uid)["sync_state"] == wc.SYNC_SYNCED
    assert server_count(register) == 1


def test_brownfield_polygon_roundtrip_and_second_officer_checkout(register, wc_meissen, tmp_path):
    from qgis.core import QgsGeometry

    from tests.sync_helpers import point_in

    dsn = register.dsn("editor_meissen")
    x, y = point_in("14627140")
    poly = QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y},{x + 100} {y},{x + 100} {y + 50},{x} {y + 50},{x} {y})))")
    uid = add_site(wc_meissen, "brownfield", poly, name="Spinnerei", municipality_ags="14627140",
                   ownership="municipal", previous_use="industry", target_groups="{crafts,startups}")
    assert push(dsn, wc_meissen).inserted == 1
    row = server_row(register, uid, "brownfield")
    assert row["area_m2"] == 5000.0 and row["target_groups"] == ["crafts", "startups"]
    other = str(tmp_path / "other.gpkg")
    checkout(register.dsn("editor_meissen2"), other)
    local = local_row(other, uid, "brownfield")
    assert local["target_groups"] == "{crafts,startups}" and local["area_m2"] == 5000.0
    assert local["sync_state"] == wc.SYNC_SYNCED and local["version"] == local["base_version"] == 1
    from coworking_plugin.core.sync import gpkg

    geom = QgsGeometry()
    geom.fromWkb(gpkg.wkb_of(local["geom"]))
    assert geom.equals(poly)
    # the municipalities came from the server for offline work
    with gpkg.connect(other) as db:
        assert db.execute("SELECT count(*) FROM municipality").fetchone()[0] == 28


def test_archiving_a_draft_removes_it_and_a_plain_qgis_edit_is_noticed(register, wc_meissen):
    dsn = register.dsn("editor_meissen")
    draft = add_site(wc_meissen, **vacancy_values(name="Entwurf"))
    assert archive(wc_meissen, "vacancy", draft) is False and local_row(wc_meissen, draft) == {}
    uid = add_site(wc_meissen, **vacancy_values())
    push(dsn, wc_meissen)
    archive_site(wc_meissen, uid)  # the attribute table way: sync_state typed by hand
    assert push(dsn, wc_meissen).archived == 1


def test_a_site_added_in_plain_qgis_gets_a_uuid_and_is_pushed(register, wc_meissen):
    import sqlite3

    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from tests.sync_helpers import point_in

    layer = QgsVectorLayer(f"{wc_meissen}|layername=vacancy", "vacancy", "ogr")
    feat = QgsFeature(layer.fields())
    for k, v in vacancy_values(name="Ohne Plugin erfasst").items():
        feat[k] = v
    feat.setGeometry(QgsGeometry.fromWkt("POINT({} {})".format(*point_in("14627140"))))
    assert layer.startEditing() and layer.addFeature(feat) and layer.commitChanges()
    with sqlite3.connect(wc_meissen) as db:
        uuid, state = db.execute("SELECT uuid, sync_state FROM vacancy WHERE name = 'Ohne Plugin erfasst'").fetchone()
    assert len(uuid) == 36 and uuid[14] == "4" and state == wc.SYNC_NEW
    assert push(register.dsn("editor_meissen"), wc_meissen).inserted == 1
    assert server_row(register, uuid)["name"] == "Ohne Plugin erfasst"
