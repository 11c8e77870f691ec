"""The sync dock drives real tasks against a real register; the conflict dialog resolves per attribute."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsGeometry, QgsPointXY, QgsSettings

from coworking_plugin.core.sync import conflicts
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import (
    RIESA,
    add_site,
    edit_site,
    local_row,
    point_in,
    server_row,
    vacancy_values,
    wait_for_task,
)

pytestmark = pytest.mark.postgis


@pytest.fixture
def dock(qgis_iface, qgis_new_project, tmp_path):
    from coworking_plugin.gui.sync_dock import SyncDock

    d = SyncDock(qgis_iface)
    d.path.setFilePath(str(tmp_path / "wc.gpkg"))
    yield d
    d.unload()
    d.deleteLater()


def test_dock_checks_out_pushes_and_lists_refusals(dock, register, qgis_iface, output_dir):
    dock.database.setCurrentText(register.dsn("editor_meissen"))
    dock.run("checkout")
    wait_for_task(dock)
    path = dock.working_copy()
    assert "Updated from the register" in dock.result_label.text()
    uid = add_site(path, **vacancy_values(name="Alte Schmiede"))
    add_site(path, **vacancy_values(RIESA, name="Nachbargemeinde"))
    dock.refresh_state()
    assert dock.state_label.text() == "2 site(s) with edits not pushed yet."
    dock.run("push")
    assert not dock.push_button.isEnabled() and dock.cancel_button.isEnabled()
    wait_for_task(dock)
    assert dock.result_label.text().startswith("Nothing was pushed: 0 conflict(s) and 1 refused site(s).")
    item = dock.issues.topLevelItem(0)
    assert item.text(0) == "Nachbargemeinde" and "14627230" in item.text(2)
    # the password in the connection string is never stored in the settings
    assert "password" not in QgsSettings().value("coworking_plugin/database", "", type=str)
    assert QgsSettings().value("coworking_plugin/working_copy", "", type=str) == path
    dock.resize(420, 600)
    dock.grab().save(str(output_dir / "sync_dock_refused.png"))
    edit_site(path, item.data(0, 0x0100).uuid, municipality_ags="14627140",
              geometry=QgsGeometry.fromPointXY(QgsPointXY(*point_in("14627140"))))
    dock.run("push")
    wait_for_task(dock)
    assert dock.result_label.text() == "Pushed: 2 new, 0 changed, 0 archived."
    assert dock.issues.topLevelItemCount() == 0
    assert server_row(register, uid)["name"] == "Alte Schmiede"


def test_conflict_dialog_resolves_per_attribute(qgis_iface, register, tmp_path, output_dir):
    from coworking_plugin.gui.conflict_dialog import ConflictDialog

    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    dsn_a, dsn_b = register.dsn("editor_meissen"), register.dsn("editor_meissen2")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(floors=1))
    push(dsn_a, a)
    checkout(dsn_b, b)
    edit_site(a, uid, name="Name von A", floors=2)
    push(dsn_a, a)
    edit_site(b, uid, name="Name von B", floors=3)
    assert push(dsn_b, b).conflicts == 1
    dialog = ConflictDialog(qgis_iface, b, uid)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(r, 1).text() for r in range(2)] == ["Ehemaliger Konsum", "1"]  # the original
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["Name von B", "3"]
    assert [dialog.table.item(r, 3).text() for r in range(2)] == ["Name von A", "2"]
    # both changed on both sides: nothing preselected, nothing to apply until chosen
    assert dialog.selection() == {} and not dialog.apply_button.isEnabled()
    dialog.choices["name"].buttons()[1].click()  # theirs
    assert not dialog.apply_button.isEnabled()
    dialog.choices["floors"].buttons()[0].click()  # mine
    assert dialog.selection() == {"name": conflicts.THEIRS, "floors": conflicts.MINE}
    assert dialog.apply_button.isEnabled()
    dialog.grab().save(str(output_dir / "sync_conflict_dialog.png"))
    dialog.apply()
    assert local_row(b, uid)["sync_state"] == wc.SYNC_MODIFIED
    assert push(dsn_b, b).updated == 1
    row = server_row(register, uid)
    assert (row["name"], row["floors"]) == ("Name von A", 3)


def test_cancel_leaves_everything_as_it_was(dock, register):
    dock.database.setCurrentText(register.dsn("editor_meissen"))
    dock.run("checkout")
    wait_for_task(dock)
    uid = add_site(dock.working_copy(), **vacancy_values())
    task = dock.run("push")
    task.cancel()
    wait_for_task(dock)
    assert QgsApplication.taskManager().countActiveTasks() == 0
    text = dock.result_label.text()
    if text == "Canceled; nothing was changed.":  # canceled before the commit
        assert server_row(register, uid) == {} and local_row(dock.working_copy(), uid)["sync_state"] == "new"
    else:  # the push had already committed: then it is marked as landed, and the dock says so
        assert text == "Pushed: 1 new, 0 changed, 0 archived."
        assert local_row(dock.working_copy(), uid)["sync_state"] == "synced"
