"""Counts read as German grammar wants them (issue 12): "1 Konflikt", "2 Konflikte", "0 Standorte" through Qt's
numerus forms, and the pending count right after a conflict counts the sites in conflict (their edits are
still not pushed)."""

from __future__ import annotations

import pytest

from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.report import SyncReport
from tests.sync_helpers import add_site, edit_site, vacancy_values, wait_for_task

pytestmark = pytest.mark.postgis

PENDING = {0: "0 Standorte mit noch nicht hochgeladenen Änderungen.",
           1: "1 Standort mit noch nicht hochgeladenen Änderungen.",
           2: "2 Standorte mit noch nicht hochgeladenen Änderungen."}


@pytest.mark.parametrize("n, conflicts, refused, unresolved", [
    (0, "0 Konflikte", "0 abgewiesene Standorte", None),
    (1, "1 Konflikt", "1 abgewiesener Standort", "1 Konflikt ist noch ungelöst."),
    (2, "2 Konflikte", "2 abgewiesene Standorte", "2 Konflikte sind noch ungelöst."),
])
def test_sync_summaries_in_german_singular_and_plural(german_translator, n, conflicts, refused,  # noqa: F811
                                                      unresolved):
    refused_report = SyncReport("push", conflicts=n, refused=n, committed=False)
    assert refused_report.summary().startswith(f"Nichts wurde hochgeladen: {conflicts} und {refused}. ")
    pushed = SyncReport("push", inserted=n, conflicts=n)
    assert pushed.summary() == f"Hochgeladen: {n} neu, 0 geändert, 0 archiviert." + (
        f" {unresolved}" if unresolved else "")
    pulled = SyncReport("pull", conflicts=n)
    assert pulled.summary() == f"Aus dem Register aktualisiert: 0 neu, 0 geändert, 0 entfernt, {conflicts}."


def test_sync_dock_counts_in_german_and_after_a_conflict(german_translator, qgis_iface,  # noqa: F811
                                                         qgis_new_project, register, tmp_path):
    """Two Meißen officers edit the same site; the second one's dock says what is still to push."""
    from coworking_plugin.gui.sync_dock import SyncDock

    a = str(tmp_path / "a.gpkg")
    dsn_a = register.dsn("editor_meissen")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(name="Alter Bahnhof"))
    push(dsn_a, a)

    dock = SyncDock(qgis_iface)
    try:
        dock.path.setFilePath(str(tmp_path / "b.gpkg"))
        dock.database.setCurrentText(register.dsn("editor_meissen2"))
        dock.run("checkout")
        wait_for_task(dock)
        b = dock.working_copy()
        assert dock.state_label.text() == PENDING[0]
        edit_site(a, uid, notes="Dach undicht")
        push(dsn_a, a)
        edit_site(b, uid, notes="Fenster erneuert")
        dock.refresh_state()
        assert dock.state_label.text() == PENDING[1]
        dock.run("push")
        wait_for_task(dock)
        assert dock.result_label.text().startswith("Nichts wurde hochgeladen: 1 Konflikt und 0 abgewiesene "
                                                   "Standorte.")
        assert dock.state_label.text() == PENDING[1]  # the site in conflict still waits to be pushed
        add_site(b, **vacancy_values(name="Neue Mitte"))
        dock.refresh_state()
        assert dock.state_label.text() == PENDING[2]
        assert dock.issues.topLevelItemCount() == 1
    finally:
        dock.unload()
        dock.deleteLater()
