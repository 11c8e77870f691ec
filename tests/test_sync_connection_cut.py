"""The connection is cut mid-push: nothing partial on the server, every edit kept, the retry lands once."""

from __future__ import annotations

import threading
import time

import psycopg2.extensions
import pytest

from bench.latency_proxy import LatencyProxy
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.report import SyncError
from tests.sync_helpers import (
    add_site,
    edit_site,
    history_count,
    local_row,
    server_count,
    server_row,
    vacancy_values,
    via_proxy,
)

pytestmark = pytest.mark.postgis


@pytest.fixture
def officer(qgis_app, register, tmp_path):
    """A working copy with one pushed site (then edited locally) and five new sites, all unpushed."""
    path = str(tmp_path / "wc.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    edited = add_site(path, **vacancy_values(name="Schon da"))
    push(dsn, path)
    edit_site(path, edited, floors=4)
    new = [add_site(path, **vacancy_values(name=f"Neu {i}", notes="x" * 5000)) for i in range(5)]
    return register, path, dsn, edited, new


def _assert_untouched(register, path, edited, new, history):
    assert server_count(register) == 1 and history_count(register) == history
    assert server_row(register, edited)["version"] == 1 and server_row(register, edited).get("floors") is None
    assert local_row(path, edited)["sync_state"] == wc.SYNC_MODIFIED and local_row(path, edited)["floors"] == 4
    assert all(local_row(path, u)["sync_state"] == wc.SYNC_NEW for u in new)


def _assert_landed_once(register, path, edited, new, history):
    assert server_count(register) == 6
    assert server_row(register, edited)["version"] == 2 and server_row(register, edited)["floors"] == 4
    assert all(server_row(register, u)["version"] == 1 for u in new)
    assert history_count(register) == history + 6  # one history row per change, none twice
    assert all(local_row(path, u)["sync_state"] == wc.SYNC_SYNCED for u in [edited, *new])


def _port(dsn: str) -> int:
    return int(psycopg2.extensions.parse_dsn(dsn)["port"])


def test_backend_terminated_while_waiting_on_a_lock(officer):
    register, path, dsn, edited, new = officer
    history = history_count(register)
    blocker = register.connect()
    with blocker.cursor() as cur:  # a second session holds the row the push wants to update
        cur.execute("SELECT 1 FROM coworking.vacancy WHERE uuid = %s FOR UPDATE", (edited,))
    errors = []

    def run():
        try:
            push(dsn, path)
        except SyncError as exc:
            errors.append(exc)

    pusher = threading.Thread(target=run)
    pusher.start()
    killer = register.connect(autocommit=True)
    with killer.cursor() as cur:
        for _ in range(200):
            cur.execute("SELECT pid FROM pg_stat_activity WHERE application_name = 'coworking_plugin sync' "
                        "AND wait_event_type = 'Lock'")
            row = cur.fetchone()
            if row:
                cur.execute("SELECT pg_terminate_backend(%s)", (row[0],))
                break
            time.sleep(0.05)
        else:
            pytest.fail("the push never waited on the lock")
    pusher.join(30)
    blocker.rollback()
    blocker.close()
    killer.close()
    assert errors and "Push again" in str(errors[0])
    _assert_untouched(register, path, edited, new, history)
    report = push(dsn, path)
    assert report.committed and report.inserted == 5 and report.updated == 1
    _assert_landed_once(register, path, edited, new, history)


@pytest.mark.parametrize("cut", [{"cut_after_client_bytes": 1, "count_from": b"push_begin"},
                                 {"cut_after_client_bytes": 6000, "count_from": b"push_begin"},  # in the COPY
                                 {"cut_after_client_bytes": 20000, "count_from": b"push_begin"},
                                 {"cut_after_marker": b"push_staged"}],  # applied, not committed, answer lost
                         ids=["query", "copy-6000", "copy-20000", "apply"])
def test_link_drops_while_sending(officer, cut):
    register, path, dsn, edited, new = officer
    history = history_count(register)
    with LatencyProxy(_port(dsn), **cut) as proxy:
        with pytest.raises(SyncError) as err:
            push(via_proxy(dsn, proxy), path)
        assert proxy.cuts == 1, err.value
    time.sleep(0.2)  # the server notices the dropped client and rolls back
    _assert_untouched(register, path, edited, new, history)
    assert push(dsn, path).committed
    _assert_landed_once(register, path, edited, new, history)


def test_commit_lands_but_the_answer_is_lost(officer):
    register, path, dsn, edited, new = officer
    history = history_count(register)
    with LatencyProxy(_port(dsn), cut_after_marker=b"COMMIT") as proxy:
        with pytest.raises(SyncError):
            push(via_proxy(dsn, proxy), path)
        assert proxy.cuts == 1
    # the server committed, the working copy does not know: every edit is still marked unpushed
    assert server_count(register) == 6
    assert local_row(path, edited)["sync_state"] == wc.SYNC_MODIFIED
    report = push(dsn, path)  # the retry recognises what arrived and stores nothing twice
    assert report.committed and report.landed == 6
    _assert_landed_once(register, path, edited, new, history)


def test_more_edits_after_a_lost_commit_answer_are_no_conflict(officer):
    """The COMMIT lands but its answer is lost; the officer edits again a site of that push that was pushed
    before and one that was new in it: the retry is no conflict with the register's own landing of the first
    push (push_log), and another officer's change still is one."""
    register, path, dsn, edited, new = officer
    with LatencyProxy(_port(dsn), cut_after_marker=b"COMMIT") as proxy:
        with pytest.raises(SyncError):
            push(via_proxy(dsn, proxy), path)
        assert proxy.cuts == 1
    assert server_count(register) == 6 and server_row(register, edited)["floors"] == 4
    edit_site(path, edited, floors=5)
    edit_site(path, new[0], notes="nachgetragen")
    report = push(dsn, path)
    assert report.committed and report.conflicts == 0 and report.landed == 4, report.summary()
    assert (server_row(register, edited)["floors"], server_row(register, edited)["version"]) == (5, 3)
    assert (server_row(register, new[0])["notes"], server_row(register, new[0])["version"]) == ("nachgetragen", 2)
    assert all(local_row(path, u)["sync_state"] == wc.SYNC_SYNCED for u in [edited, *new])
    other = path.replace("wc.gpkg", "other.gpkg")
    checkout(register.dsn("editor_meissen2"), other)
    edit_site(other, edited, name="Umbenannt")
    push(register.dsn("editor_meissen2"), other)
    edit_site(path, edited, name="Mein Name")
    assert push(dsn, path).conflicts == 1


def test_push_needs_the_same_round_trips_for_5_and_60_sites(qgis_app, register, tmp_path):
    """Round trips, not bytes, decide a push over a slow link: their number must not grow with the sites."""
    dsn = register.dsn("editor_meissen")
    trips = []
    for n in (5, 60):
        path = str(tmp_path / f"wc{n}.gpkg")
        checkout(dsn, path)
        for i in range(n):
            add_site(path, **vacancy_values(name=f"Laden {n}-{i}"))
        with LatencyProxy(_port(dsn)) as proxy:
            assert push(via_proxy(dsn, proxy), path).inserted == n
            trips.append(proxy.round_trips)
    assert trips[0] == trips[1] and trips[0] <= 10, trips
