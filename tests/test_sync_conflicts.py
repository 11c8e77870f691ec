"""Two officers of the same municipality edit the same site from two working copies."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry

from coworking_plugin.core.sync import conflicts
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import add_site, edit_site, history_count, local_row, point_in, server_row, vacancy_values

pytestmark = pytest.mark.postgis


@pytest.fixture
def two_officers(qgis_app, register, tmp_path):
    """Officer A captures a site and pushes; officers A and B both have it in their working copies."""
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    dsn_a, dsn_b = register.dsn("editor_meissen"), register.dsn("editor_meissen2")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(floors=2, rooms=5))
    assert push(dsn_a, a).inserted == 1
    checkout(dsn_b, b)
    assert local_row(b, uid)["sync_state"] == wc.SYNC_SYNCED
    # A changes the name and pushes first
    edit_site(a, uid, name="Konsum (A)")
    assert push(dsn_a, a).updated == 1
    return register, a, b, dsn_a, dsn_b, uid


def _conflicting_push(register, b, dsn_b, uid, **changes):
    edit_site(b, uid, **changes)
    before, history = server_row(register, uid), history_count(register)
    report = push(dsn_b, b)
    assert not report.committed and report.conflicts == 1 and report.issues[0].issue == "conflict"
    assert server_row(register, uid) == before and history_count(register) == history  # nothing changed
    assert local_row(b, uid)["sync_state"] == wc.SYNC_CONFLICT
    assert local_row(b, uid)["name"] == changes.get("name", local_row(b, uid)["name"])  # mine kept
    return before


def test_second_push_is_a_conflict_and_keep_mine_wins_after_push(two_officers):
    register, a, b, dsn_a, dsn_b, uid = two_officers
    _conflicting_push(register, b, dsn_b, uid, name="Konsum (B)")
    (c,) = conflicts.list_conflicts(b)
    assert c.mine["name"] == "Konsum (B)" and c.theirs["name"] == "Konsum (A)" and c.differing() == ["name"]
    # a second push without resolving changes nothing either
    report = push(dsn_b, b)
    assert report.conflicts == 1 and report.inserted == report.updated == 0
    conflicts.resolve(b, uid, conflicts.MINE)
    assert local_row(b, uid)["sync_state"] == wc.SYNC_MODIFIED and conflicts.list_conflicts(b) == []
    assert push(dsn_b, b).updated == 1
    row = server_row(register, uid)
    assert row["name"] == "Konsum (B)" and row["version"] == 3
    # A pulls and gets B's name
    pull(dsn_a, a)
    assert local_row(a, uid)["name"] == "Konsum (B)"


def test_take_theirs_leaves_the_server_row(two_officers):
    register, a, b, dsn_a, dsn_b, uid = two_officers
    before = _conflicting_push(register, b, dsn_b, uid, name="Konsum (B)", floors=7)
    conflicts.resolve(b, uid, conflicts.THEIRS)
    row = local_row(b, uid)
    assert row["name"] == "Konsum (A)" and row["floors"] == 2 and row["sync_state"] == wc.SYNC_SYNCED
    report = push(dsn_b, b)
    assert report.inserted == report.updated == 0
    assert server_row(register, uid) == before


def test_per_attribute_resolution_merges(two_officers):
    register, a, b, dsn_a, dsn_b, uid = two_officers
    x, y = point_in("14627140")
    moved = QgsGeometry.fromWkt(f"POINT({x + 10} {y + 10})")
    _conflicting_push(register, b, dsn_b, uid, name="Konsum (B)", floors=7, geometry=moved)
    (c,) = conflicts.list_conflicts(b)
    assert c.differing() == ["name", "floors", "geom"]
    assert not c.mine_geometry.equals(c.theirs_geometry)
    conflicts.resolve(b, uid, {"name": conflicts.THEIRS, "floors": conflicts.MINE, "geom": conflicts.MINE})
    assert push(dsn_b, b).updated == 1
    row = server_row(register, uid)
    assert row["name"] == "Konsum (A)" and row["floors"] == 7 and row["wkt"] == f"POINT({x + 10} {y + 10})"
    assert row["rooms"] == 5


def test_pull_merges_a_content_change_on_a_locally_edited_site(two_officers):
    """B edited the floors on version 1, A's push made version 2 with another name: the pull takes A's name
    and keeps B's floors without asking (each field changed on one side only); B's push then lands both."""
    register, a, b, dsn_a, dsn_b, uid = two_officers
    edit_site(b, uid, floors=9)
    report = pull(dsn_b, b)
    assert report.conflicts == 0 and report.merged == 1 and report.updated == 0, report.summary()
    row = local_row(b, uid)
    assert row["sync_state"] == wc.SYNC_MODIFIED and row["floors"] == 9 and row["name"] == "Konsum (A)"
    assert row["base_version"] == 2 and conflicts.list_conflicts(b) == []
    assert push(dsn_b, b).updated == 1
    server = server_row(register, uid)
    assert (server["name"], server["floors"], server["version"]) == ("Konsum (A)", 9, 3)


def test_pull_notices_a_content_conflict_on_a_locally_edited_site(two_officers):
    """B renamed the site on version 1 too: the pull keeps B's edit and lists a conflict (the history says the
    content changed, not just a review decision) with the base, mine and theirs."""
    register, a, b, dsn_a, dsn_b, uid = two_officers
    edit_site(b, uid, name="Konsum (B)", floors=9)
    report = pull(dsn_b, b)
    assert report.conflicts == 1 and report.updated == 0, report.summary()
    row = local_row(b, uid)
    assert row["sync_state"] == wc.SYNC_CONFLICT and row["floors"] == 9 and row["name"] == "Konsum (B)"
    (c,) = conflicts.list_conflicts(b)
    assert c.theirs["name"] == "Konsum (A)" and c.server_version == 2 and c.base["name"] == "Ehemaliger Konsum"
    assert c.differing() == ["name", "floors"] and c.conflicting() == ["name"]


def test_conflict_values_read_as_german_numbers(two_officers, german_translator):
    """Both officers typed a floor area: the conflict dialog shows 1.250.000 and 12.345,5 (grouped, decimal
    comma), not '1,25e+06' and '12345,5'."""
    register, a, b, dsn_a, dsn_b, uid = two_officers
    edit_site(a, uid, floor_area_m2=12345.5)
    assert push(dsn_a, a).updated == 1
    _conflicting_push(register, b, dsn_b, uid, floor_area_m2=1250000.0)
    (c,) = conflicts.list_conflicts(b)
    assert "floor_area_m2" in c.differing()
    mine = conflicts.display_value("floor_area_m2", c.mine["floor_area_m2"], "de")
    theirs = conflicts.display_value("floor_area_m2", c.theirs["floor_area_m2"], "de")
    assert (mine, theirs) == ("1.250.000", "12.345,5")
