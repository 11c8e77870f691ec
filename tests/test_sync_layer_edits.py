"""Issue 12: what officers do to the working copy with QGIS's own tools: delete a feature, copy and paste one,
run the field calculator over a whole layer, leave edits in the edit buffer; and the way out of a change the
register refuses on every push ("discard my local change": core, dock, Processing)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsVectorLayer, QgsVectorLayerUtils
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QMessageBox

from coworking_plugin.core.sync import conflicts
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import (
    RIESA,
    add_site,
    local_row,
    review,
    server_count,
    server_row,
    vacancy_values,
    wait_for_task,
)

pytestmark = pytest.mark.postgis


def _layer(path: str, kind: str = "vacancy") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={kind}", kind, "ogr")
    assert layer.isValid()
    return layer


@pytest.fixture
def officer(qgis_app, register, tmp_path):
    """Meißen's officer with two pushed sites of her own and an approved site of Riesa in her working copy."""
    riesa = str(tmp_path / "riesa.gpkg")
    checkout(register.dsn("editor_riesa"), riesa)
    foreign = add_site(riesa, **vacancy_values(RIESA, name="Riesaer Lager"))
    push(register.dsn("editor_riesa"), riesa)
    review(register, foreign, "approved")
    path = str(tmp_path / "wc.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    own = [add_site(path, **vacancy_values(name=f"Laden {i}")) for i in range(2)]
    assert push(dsn, path).inserted == 2
    assert local_row(path, foreign)["sync_state"] == wc.SYNC_SYNCED
    return register, path, dsn, own, foreign


def test_a_feature_deleted_in_qgis_is_archived_with_the_next_push(officer):
    register, path, dsn, own, foreign = officer
    layer = _layer(path)
    feat = next(layer.getFeatures(f"uuid = '{own[0]}'"))
    assert layer.startEditing() and layer.deleteFeature(feat.id())
    assert layer.commitChanges(), layer.commitErrors()
    assert local_row(path, own[0]) == {}
    report = push(dsn, path)
    assert report.committed and report.archived == 1, report.summary()
    assert server_row(register, own[0])["status"] == "archived"
    row = local_row(path, own[0])  # back in the working copy, as the register has it: archived
    assert (row["status"], row["sync_state"]) == ("archived", wc.SYNC_SYNCED)
    assert server_count(register) == 3


def test_a_pull_does_not_bring_a_deleted_site_back(officer):
    register, path, dsn, own, foreign = officer
    layer = _layer(path)
    assert layer.startEditing() and layer.deleteFeature(next(layer.getFeatures(f"uuid = '{own[1]}'")).id())
    assert layer.commitChanges()
    pull(dsn, path)
    assert local_row(path, own[1])["sync_state"] == wc.SYNC_ARCHIVE  # waits for the push, not active again
    assert push(dsn, path).archived == 1


def test_a_pasted_copy_is_a_new_site(officer):
    register, path, dsn, own, foreign = officer
    layer = _layer(path)
    original = next(layer.getFeatures(f"uuid = '{own[0]}'"))
    # what Edit › Copy and Paste do: every attribute but the primary key (fid) into a new feature of the layer
    keys = layer.primaryKeyAttributes()
    values = {i: v for i, v in enumerate(original.attributes()) if i not in keys}
    copies = QgsVectorLayerUtils.createFeatures(layer, [QgsVectorLayerUtils.QgsFeatureData(original.geometry(),
                                                                                             values)])
    assert layer.startEditing() and layer.addFeatures(copies)
    assert layer.commitChanges(), layer.commitErrors()
    rows = [f for f in _layer(path).getFeatures() if f["name"] == "Laden 0"]
    assert len(rows) == 2
    pasted = next(f for f in rows if f["uuid"] != own[0])
    row = local_row(path, pasted["uuid"])
    assert (row["sync_state"], row["base_version"], row["version"], row["status"]) == (wc.SYNC_NEW, None, None, None)
    assert local_row(path, own[0])["sync_state"] == wc.SYNC_SYNCED  # the original is untouched
    # the attribute table's "Duplicate feature" gives a new uuid too
    assert layer.startEditing()
    QgsVectorLayerUtils.duplicateFeature(layer, original, QgsProject.instance(), 0)
    assert layer.commitChanges(), layer.commitErrors()
    report = push(dsn, path)
    assert report.inserted == 2 and report.refused == 0, report.summary()
    assert server_count(register) == 5


def _calculate_notes(path: str) -> None:
    """The field calculator on the whole layer: one value into every feature's notes."""
    layer = _layer(path)
    index = layer.fields().indexOf("notes")
    assert layer.startEditing()
    for feat in layer.getFeatures():
        assert layer.changeAttributeValue(feat.id(), index, "Stand 2026")
    assert layer.commitChanges(), layer.commitErrors()


def test_discard_a_refused_local_change(officer):
    register, path, dsn, own, foreign = officer
    _calculate_notes(path)
    for _ in range(2):  # refused on every push
        report = push(dsn, path)
        assert not report.committed and report.refused == 1 and [i.uuid for i in report.issues] == [foreign]
    assert conflicts.discard_local_changes(path, [foreign]) == {foreign: "restored"}
    row = local_row(path, foreign)
    assert (row["sync_state"], row["notes"], row["status"]) == (wc.SYNC_SYNCED, "leer seit 2019", "approved")
    report = push(dsn, path)
    assert report.committed and report.updated == 2, report.summary()
    assert server_row(register, own[0])["notes"] == "Stand 2026"
    assert server_row(register, foreign)["notes"] == "leer seit 2019"


def test_discard_by_processing(officer, processing_ready):
    import processing

    register, path, dsn, own, foreign = officer
    _calculate_notes(path)
    push(dsn, path)
    draft = add_site(path, **vacancy_values(name="Nie hochgeladen"))
    result = processing.run("coworking:discard_local_change",
                            {"WORKING_COPY": path, "UUIDS": f"{foreign}, {draft}\n{own[1]}"})
    assert result["DISCARDED"] == 3
    assert local_row(path, draft) == {} and local_row(path, own[1])["notes"] == "leer seit 2019"
    assert local_row(path, foreign)["sync_state"] == wc.SYNC_SYNCED
    report = push(dsn, path)
    assert report.committed and report.updated == 1 and report.inserted == 0


@pytest.fixture
def dock(officer, qgis_iface, qgis_new_project):
    from coworking_plugin.gui.sync_dock import SyncDock

    register, path, dsn, own, foreign = officer
    d = SyncDock(qgis_iface)
    d.path.setFilePath(path)
    d.database.setCurrentText(dsn)
    yield d
    d.unload()
    d.deleteLater()


def test_discard_from_the_dock(dock, officer):
    register, path, dsn, own, foreign = officer
    _calculate_notes(path)
    dock.run("push")
    wait_for_task(dock)
    assert dock.issues.topLevelItemCount() == 1 and not dock.discard_button.isEnabled()
    dock.issues.setCurrentItem(dock.issues.topLevelItem(0))
    assert dock.discard_button.isEnabled()
    assert dock.discard_selected(ask=False)
    assert "Riesaer Lager" in dock.result_label.text() and dock.issues.topLevelItemCount() == 0
    dock.run("push")
    wait_for_task(dock)
    assert dock.result_label.text().startswith("Pushed: 0 new, 2 changed")


def _answer(dock, button) -> None:
    """Click ``button`` in the dock's question once it is open."""
    def click():
        if dock.unsaved_box is None:
            QTimer.singleShot(20, click)
            return
        dock.unsaved_box.button(button).click()

    QTimer.singleShot(0, click)


def test_push_asks_to_save_edits_in_the_edit_buffer(dock, officer):
    register, path, dsn, own, foreign = officer
    layer = QgsProject.instance().addMapLayer(_layer(path))
    feat = next(layer.getFeatures(f"uuid = '{own[0]}'"))
    assert layer.startEditing()
    assert layer.changeAttributeValue(feat.id(), layer.fields().indexOf("floors"), 6)
    _answer(dock, QMessageBox.StandardButton.Cancel)
    assert dock.run("push") is None  # canceled: nothing pushed, the edit still in the buffer
    assert layer.isModified() and server_row(register, own[0]).get("floors") is None
    _answer(dock, QMessageBox.StandardButton.Save)
    assert dock.run("push") is not None
    wait_for_task(dock)
    assert not layer.isModified() and dock.result_label.text().startswith("Pushed: 0 new, 1 changed")
    assert server_row(register, own[0])["floors"] == 6
