"""Issue 12, sync and conflicts: archival against an edit, the three-way merge, archiving twice (a lost COMMIT
answer followed by more edits: test_sync_connection_cut.py). Two officers of Meißen with two working copies
against a real register."""

from __future__ import annotations

import pytest

from coworking_plugin.core.sync import conflicts
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.tracking import archive
from tests.sync_helpers import add_site, archive_site, edit_site, local_row, server_row, vacancy_values

pytestmark = pytest.mark.postgis


@pytest.fixture
def site_x(qgis_app, register, tmp_path):
    """Officers A and B (both Meißen) have site X checked out, unchanged since."""
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    dsn_a, dsn_b = register.dsn("editor_meissen"), register.dsn("editor_meissen2")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(availability="available", floors=2))
    assert push(dsn_a, a).inserted == 1
    checkout(dsn_b, b)
    return register, a, b, dsn_a, dsn_b, uid


def _history(register, uid):
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT version, action, actor, new_values FROM coworking.history WHERE site_uuid = %s "
                        "ORDER BY id", (uid,))
            return cur.fetchall()
    finally:
        conn.close()


def test_an_edit_after_an_archival_is_a_conflict_not_an_undo(site_x):
    register, a, b, dsn_a, dsn_b, uid = site_x
    archive_site(a, uid)
    assert push(dsn_a, a).archived == 1
    assert server_row(register, uid)["status"] == "archived"
    edit_site(b, uid, notes="Dach undicht")
    report = push(dsn_b, b)
    assert not report.committed and report.conflicts == 1, report.summary()
    row = server_row(register, uid)
    assert row["status"] == "archived" and row["notes"] == "leer seit 2019"
    (c,) = conflicts.list_conflicts(b)
    assert c.differing() == [conflicts.ARCHIVAL, "notes"] and c.conflicting() == [conflicts.ARCHIVAL]


def test_pull_sees_an_archival_against_a_local_edit(site_x):
    register, a, b, dsn_a, dsn_b, uid = site_x
    archive_site(a, uid)
    push(dsn_a, a)
    edit_site(b, uid, notes="Dach undicht")
    report = pull(dsn_b, b)
    assert report.conflicts == 1, report.summary()
    assert local_row(b, uid)["sync_state"] == wc.SYNC_CONFLICT and local_row(b, uid)["notes"] == "Dach undicht"
    # B keeps the site against the archival: the push brings it back into review, with B's notes
    conflicts.resolve(b, uid, {conflicts.ARCHIVAL: conflicts.MINE})
    assert push(dsn_b, b).updated == 1
    row = server_row(register, uid)
    assert (row["status"], row["notes"]) == ("pending", "Dach undicht")


def test_take_theirs_cancels_my_archival(site_x):
    """A edits X, B archives X: B's push is a conflict that shows the archival; taking all of theirs leaves X
    as A left it, not archived."""
    register, a, b, dsn_a, dsn_b, uid = site_x
    edit_site(a, uid, notes="Dach undicht")
    assert push(dsn_a, a).updated == 1
    archive_site(b, uid)
    report = push(dsn_b, b)
    assert not report.committed and report.conflicts == 1
    (c,) = conflicts.list_conflicts(b)
    assert conflicts.ARCHIVAL in c.conflicting()
    conflicts.resolve(b, uid, conflicts.THEIRS)
    row = local_row(b, uid)
    assert row["sync_state"] == wc.SYNC_SYNCED and row["notes"] == "Dach undicht" and row["status"] == "pending"
    report = push(dsn_b, b)
    assert report.committed and report.archived == report.updated == 0
    row = server_row(register, uid)
    assert (row["status"], row["notes"], row["version"]) == ("pending", "Dach undicht", 2)


def test_changes_on_different_fields_both_survive(site_x):
    """Officer 2 changes Verfügbarkeit, officer 1 only the notes: officer 1's push merges without asking (each
    field changed on one side only) and both changes are in the register; the history shows no revert."""
    register, a, b, dsn_a, dsn_b, uid = site_x
    edit_site(b, uid, availability="negotiable")
    assert push(dsn_b, b).updated == 1
    edit_site(a, uid, notes="Schaufenster neu")
    report = push(dsn_a, a)
    assert report.committed and report.updated == 1 and report.merged == 1 and report.conflicts == 0, \
        report.summary()
    row = server_row(register, uid)
    assert (row["availability"], row["notes"], row["version"]) == ("negotiable", "Schaufenster neu", 3)
    history = _history(register, uid)
    assert [h[1] for h in history] == ["insert", "update", "update"]
    assert history[1][3] == {"availability": "negotiable"} and history[2][3] == {"notes": "Schaufenster neu"}
    assert local_row(a, uid)["sync_state"] == wc.SYNC_SYNCED and local_row(a, uid)["availability"] == "negotiable"


def test_a_field_changed_on_both_sides_needs_a_choice(site_x):
    register, a, b, dsn_a, dsn_b, uid = site_x
    edit_site(b, uid, availability="negotiable", notes="B")
    push(dsn_b, b)
    edit_site(a, uid, availability="unknown", floors=3)
    report = push(dsn_a, a)
    assert not report.committed and report.conflicts == 1 and report.merged == 0
    (c,) = conflicts.list_conflicts(a)
    by_name = {d.name: d for d in c.differences()}
    assert by_name["availability"].changed_by == conflicts.BOTH
    assert by_name["notes"].changed_by == conflicts.THEIRS and by_name["floors"].changed_by == conflicts.MINE
    with pytest.raises(conflicts.ChoiceMissing):
        conflicts.resolve(a, uid, {})  # nothing is chosen for the officer
    conflicts.resolve(a, uid, {"availability": conflicts.THEIRS})
    assert push(dsn_a, a).updated == 1
    row = server_row(register, uid)
    assert (row["availability"], row["notes"], row["floors"]) == ("negotiable", "B", 3)


def test_archiving_an_archived_site_keeps_it_archived(site_x):
    register, a, b, dsn_a, dsn_b, uid = site_x
    assert archive(a, "vacancy", uid) is True
    push(dsn_a, a)
    assert local_row(a, uid)["status"] == "archived"
    with pytest.raises(ValueError, match="already archived"):
        archive(a, "vacancy", uid)
    # the server: an archival of an archived site (as a plugin of an older release sends it) changes nothing
    archive_site(a, uid)
    report = push(dsn_a, a)
    assert report.committed, report.summary()
    assert server_row(register, uid)["status"] == "archived"
    # an edit of an archived site keeps it archived too
    edit_site(a, uid, notes="Abgerissen")
    assert push(dsn_a, a).committed
    row = server_row(register, uid)
    assert (row["status"], row["notes"]) == ("archived", "Abgerissen")
    conn = register.connect("editor_meissen")
    with conn, conn.cursor() as cur:  # plain QGIS: archiving it again keeps it archived
        cur.execute("UPDATE coworking.vacancy SET status = 'archived', floors = 1 WHERE uuid = %s", (uid,))
    conn.close()
    assert server_row(register, uid)["status"] == "archived"
