"""The fast push (baseline 4_sync.sql, core/sync/push.py): what its shortcuts must keep exact."""

from __future__ import annotations

import pytest

from coworking_plugin.core.sync import gpkg
from coworking_plugin.core.sync import push as push_module
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.report import SyncError
from tests.sync_helpers import add_site, edit_site, local_row, review, server_row, vacancy_values

pytestmark = pytest.mark.postgis


@pytest.fixture
def wc_meissen(qgis_app, register, tmp_path):
    path = str(tmp_path / "meissen.gpkg")
    checkout(register.dsn("editor_meissen"), path)
    return path


def _content_changed(register, uid: str, base: int) -> bool:
    conn = register.connect("editor_meissen")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT coworking.content_changed_since('vacancy', t.uuid, %s, t.version)"
                        " FROM coworking.vacancy t WHERE t.uuid = %s", (base, uid))
            return cur.fetchone()[0]
    finally:
        conn.close()


def test_content_changed_since_reads_the_history_and_doubts_towards_a_conflict(register, wc_meissen):
    """The push decides "only a review decision since the base" from the history; a gap in it counts as a change."""
    dsn = register.dsn("editor_meissen")
    uid = add_site(wc_meissen, **vacancy_values(name="Alte Post"))
    push(dsn, wc_meissen)  # version 1
    review(register, uid, "rejected", "Bitte Fotos ergänzen")  # version 2: a decision only
    assert _content_changed(register, uid, 1) is False
    conn = register.connect("reviewer")
    with conn, conn.cursor() as cur:  # version 3: the reviewer changes the content
        cur.execute("UPDATE coworking.vacancy SET floors = 3 WHERE uuid = %s", (uid,))
    conn.close()
    assert _content_changed(register, uid, 1) is True and _content_changed(register, uid, 2) is True
    review(register, uid, "approved", reviewer="reviewer2")  # version 4 (four eyes: not the one who changed it)
    assert _content_changed(register, uid, 3) is False
    conn = register.connect()  # a history the caller cannot see completely is a doubt: treated as changed
    with conn, conn.cursor() as cur:
        cur.execute("DELETE FROM coworking.history WHERE site_uuid = %s AND version = 4", (uid,))
    conn.close()
    assert _content_changed(register, uid, 3) is True


def test_a_value_the_server_cannot_read_refuses_only_that_site(register, wc_meissen):
    """Plain SQLite (or a script) put letters into a number field: that site is refused with the server's message,
    nothing lands, every edit stays; fixed, the push lands."""
    dsn = register.dsn("editor_meissen")
    good = add_site(wc_meissen, **vacancy_values(name="Gut"))
    bad = add_site(wc_meissen, **vacancy_values(name="Schlecht"))
    with gpkg.connect(wc_meissen) as db:  # SQLite's columns take any value
        db.execute("UPDATE vacancy SET rooms = 'drei' WHERE uuid = ?", (bad,))
    report = push(dsn, wc_meissen)
    assert not report.committed and report.refused == 1, report.summary()
    (issue,) = report.issues
    assert issue.uuid == bad and "drei" in issue.message
    assert local_row(wc_meissen, good)["sync_state"] == wc.SYNC_NEW
    edit_site(wc_meissen, bad, rooms=3)
    report = push(dsn, wc_meissen)
    assert report.committed and report.inserted == 2, report.summary()


def test_values_of_every_type_arrive_as_sent(register, wc_meissen):
    """The CSV the working copy writes for COPY: multi-choices, empty ones, booleans, dates, numbers, NULL and the
    text "NULL", text with the quote character."""
    dsn = register.dsn("editor_meissen")
    full = add_site(wc_meissen, **vacancy_values(
        name="NULL", address="", target_groups="{startups,freelancers}", pop_up_possible=True, parking=False,
        available_from="2027-01-15", rooms=4, rent_per_m2=6.25, floor_area_m2=0.1 + 0.2, notes="it's 'quoted'"))
    empty = add_site(wc_meissen, **vacancy_values(name="Leer", target_groups=""))
    brown = add_site(wc_meissen, kind="brownfield", name="Alte Ziegelei", municipality_ags="14627140",
                     ownership="municipal", previous_use="industry", target_groups="{crafts}")
    report = push(dsn, wc_meissen)
    assert report.committed and report.inserted == 3, report.summary()
    row = server_row(register, full)
    assert (row["name"], row["address"], row["notes"]) == ("NULL", "", "it's 'quoted'")
    assert row["target_groups"] == ["startups", "freelancers"]
    assert (row["pop_up_possible"], row["parking"], row["available_from"]) == (True, False, "2027-01-15")
    assert (row["rooms"], row["rent_per_m2"], row["floor_area_m2"]) == (4, 6.25, 0.1 + 0.2)
    empty_row = server_row(register, empty)
    assert empty_row["target_groups"] == []
    assert server_row(register, brown, "brownfield")["target_groups"] == ["crafts"]


def test_a_row_edited_during_the_push_stays_modified(register, wc_meissen, monkeypatch):
    """The working copy is written by another connection while the push runs: that row is not marked synced
    (PRAGMA data_version tells the push to compare the rows again), the others are."""
    dsn = register.dsn("editor_meissen")
    first = add_site(wc_meissen, **vacancy_values(name="Eins"))
    second = add_site(wc_meissen, **vacancy_values(name="Zwei"))
    send = push_module._send

    def edit_meanwhile(*args, **kwargs):
        result = send(*args, **kwargs)
        with gpkg.connect(wc_meissen) as db:  # as QGIS would, on its own connection
            db.execute("UPDATE vacancy SET notes = 'während des Abgleichs' WHERE uuid = ?", (second,))
        return result

    monkeypatch.setattr(push_module, "_send", edit_meanwhile)
    report = push(dsn, wc_meissen)
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
    push(dsn, wc_meissen)
    edit_site(wc_meissen, uid, floors=2)
    other = register.connect()
    with other.cursor() as cur:  # not committed yet: holds the row
        cur.execute("UPDATE coworking.vacancy SET floors = 7 WHERE uuid = %s", (uid,))
    reports = []
    pusher = threading.Thread(target=lambda: reports.append(push(dsn, wc_meissen)))
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


def test_a_register_older_than_the_plugin_is_named(register, wc_meissen):
    """A register without the sync functions of this plugin (its administrator has not upgraded yet): push and
    pull say what to do, and nothing of the working copy is lost."""
    dsn = register.dsn("editor_meissen")
    uid = add_site(wc_meissen, **vacancy_values(name="Alte Post"))
    push(dsn, wc_meissen)
    edit_site(wc_meissen, uid, floors=2)
    review(register, uid, "approved")
    conn = register.connect()
    with conn, conn.cursor() as cur:
        cur.execute("DROP FUNCTION coworking.push_begin(text[]); "
                    "DROP FUNCTION coworking.content_changed_since(text, uuid, integer, integer)")
    conn.close()
    for operation in (push, pull):
        with pytest.raises(SyncError, match="older than this plugin"):
            operation(dsn, wc_meissen)
    row = local_row(wc_meissen, uid)
    assert row["floors"] == 2 and row["sync_state"] == wc.SYNC_MODIFIED
