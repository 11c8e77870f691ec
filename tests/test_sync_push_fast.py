"""The fast push (migration 0012, core/sync.py): what its shortcuts must keep exact."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coworking_plugin.core import gpkg, sync
from coworking_plugin.core import workingcopy as wc
from tests.sync_helpers import add_site, edit_site, local_row, vacancy_values

pytestmark = pytest.mark.postgis


@pytest.fixture
def wc_meissen(qgis_app, register, tmp_path):
    path = str(tmp_path / "meissen.gpkg")
    sync.checkout(register.dsn("editor_meissen"), path)
    return path


def _server_hashes(register) -> dict:
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT uuid::text, coworking.sync_hash(t) FROM coworking.vacancy t UNION ALL "
                        "SELECT uuid::text, coworking.sync_hash(t) FROM coworking.brownfield t")
            return dict(cur.fetchall())
    finally:
        conn.close()


def _local_hashes(path: str) -> dict:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT uuid, hash FROM sync_base"))


def test_the_hash_a_push_returns_is_coworking_sync_hash(register, wc_meissen):
    """0012 writes sync_hash out as md5(ROW(...)) for new rows: both must agree for both tables."""
    dsn = register.dsn("editor_meissen")
    pushed = [add_site(wc_meissen, **vacancy_values(name="Laden", target_groups="{startups,freelancers}",
                                                   notes="Tab\there, newline\nthere, quote \" and \\ backslash")),
              add_site(wc_meissen, kind="brownfield", name="Alte Ziegelei", municipality_ags="14627140",
                       ownership="municipal", previous_use="industry", target_groups="{crafts}")]
    report = sync.push(dsn, wc_meissen)
    assert report.committed and report.inserted == 2, report.summary()
    edit_site(wc_meissen, pushed[0], floors=2)
    assert sync.push(dsn, wc_meissen).updated == 1
    server, local = _server_hashes(register), _local_hashes(wc_meissen)
    assert all(local[u] == server[u] for u in pushed), (local, server)


def test_records_are_the_same_without_sqlite_json_functions(register, wc_meissen, monkeypatch):
    """SQLite without JSON1 (some QGIS builds): the records are built in Python, byte for byte the same JSON."""
    add_site(wc_meissen, **vacancy_values(name="Größenhainer Straße – „Ecke“", target_groups="{startups}",
                                          notes="x" * 10_000, rooms=3, rent_per_m2=6.5, parking=1))
    add_site(wc_meissen, **vacancy_values(name="Ohne Gruppen", target_groups=""))
    fast = sync.collect(wc_meissen)
    monkeypatch.setattr(sync, "_has_json", lambda db: False)
    slow = sync.collect(wc_meissen)
    assert json.loads(fast.payload) == json.loads(slow.payload)
    rows = json.loads(fast.payload)["sites"]["vacancy"]["rows"]
    columns = json.loads(fast.payload)["sites"]["vacancy"]["columns"]
    groups = [r[4 + columns.index("target_groups")] for r in rows]
    assert groups == [["startups"], []]


def test_a_row_edited_during_the_push_stays_modified(register, wc_meissen, monkeypatch):
    """The working copy is written by another connection while the push runs: that row is not marked synced
    (PRAGMA data_version tells the push to compare the rows again), the others are."""
    dsn = register.dsn("editor_meissen")
    first = add_site(wc_meissen, **vacancy_values(name="Eins"))
    second = add_site(wc_meissen, **vacancy_values(name="Zwei"))
    send = sync._send

    def edit_meanwhile(*args, **kwargs):
        result = send(*args, **kwargs)
        with gpkg.connect(wc_meissen) as db:  # as QGIS would, on its own connection
            db.execute("UPDATE vacancy SET notes = 'während des Abgleichs' WHERE uuid = ?", (second,))
        return result

    monkeypatch.setattr(sync, "_send", edit_meanwhile)
    report = sync.push(dsn, wc_meissen)
    assert report.committed and report.inserted == 2
    assert local_row(wc_meissen, first)["sync_state"] == wc.SYNC_SYNCED
    assert local_row(wc_meissen, second)["sync_state"] == wc.SYNC_MODIFIED
    assert local_row(wc_meissen, second)["base_version"] == 1


def test_a_change_committed_while_the_push_waits_is_not_overwritten(register, wc_meissen):
    """Another session changes the site and holds its lock while the push classifies: the push, let through
    after that commit, must not write over it (the update re-checks the version it classified)."""
    import threading
    import time

    dsn = register.dsn("editor_meissen")
    uid = add_site(wc_meissen, **vacancy_values(name="Umkämpft"))
    sync.push(dsn, wc_meissen)
    edit_site(wc_meissen, uid, floors=2)
    other = register.connect()
    with other.cursor() as cur:  # not committed yet: holds the row
        cur.execute("UPDATE coworking.vacancy SET floors = 7 WHERE uuid = %s", (uid,))
    reports = []
    pusher = threading.Thread(target=lambda: reports.append(sync.push(dsn, wc_meissen)))
    pusher.start()
    watcher = register.connect(autocommit=True)
    with watcher.cursor() as cur:
        for _ in range(200):
            cur.execute("SELECT 1 FROM pg_stat_activity WHERE application_name = 'coworking_plugin sync' "
                        "AND wait_event_type = 'Lock'")
            if cur.fetchone():
                break
            time.sleep(0.05)
        else:
            pytest.fail("the push never waited on the lock")
    other.commit()
    pusher.join(30)
    other.close()
    watcher.close()
    report = reports[0]
    assert not report.committed and report.refused == 1, report.summary()
    assert "same moment" in report.issues[0].message
    conn = register.connect()
    with conn.cursor() as cur:
        cur.execute("SELECT floors, version FROM coworking.vacancy WHERE uuid = %s", (uid,))
        assert cur.fetchone() == (7, 2)
    conn.close()
    assert local_row(wc_meissen, uid)["floors"] == 2  # the officer's edit is kept for the next push
