"""Checkout, push and pull against a real register with real login roles (core/sync.py, migration 0010)."""

from __future__ import annotations

import pytest

from coworking_plugin.core import sync
from coworking_plugin.core import workingcopy as wc
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
    sync.checkout(register.dsn("editor_meissen"), path)
    return path


def test_push_insert_update_archive_roundtrip(register, wc_meissen):
    dsn = register.dsn("editor_meissen")
    uid = add_site(wc_meissen, **vacancy_values())
    report = sync.push(dsn, wc_meissen)
    assert report.committed and report.inserted == 1, report
    row = local_row(wc_meissen, uid)
    assert row["sync_state"] == wc.SYNC_SYNCED and row["base_version"] == 1 and row["status"] == "pending"
    assert server_row(register, uid)["name"] == "Ehemaliger Konsum"

    edit_site(wc_meissen, uid, floors=3)
    assert local_row(wc_meissen, uid)["sync_state"] == wc.SYNC_MODIFIED
    report = sync.push(dsn, wc_meissen)
    assert report.updated == 1 and server_row(register, uid)["floors"] == 3
    assert local_row(wc_meissen, uid)["base_version"] == 2

    archive_site(wc_meissen, uid)
    report = sync.push(dsn, wc_meissen)
    assert report.archived == 1 and server_row(register, uid)["status"] == "archived"
    assert local_row(wc_meissen, uid)["sync_state"] == wc.SYNC_SYNCED
    assert server_count(register) == 1
