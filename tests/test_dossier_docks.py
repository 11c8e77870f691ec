"""The docks' dossier button: the capture dock (site being edited, or the selection) and the suitability dock
(selected sites, the dock's profile) write their PDF through a QgsTask; the user sees where it went."""

from __future__ import annotations

import subprocess

import pytest
from qgis.core import Qgis, QgsGeometry, QgsPointXY, QgsProject

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc
from tests.test_dossier import _pages as pages
from tests.test_suitability_dock import wait_for

pytestmark = pytest.mark.skipif(subprocess.run(["which", "pdfinfo"], capture_output=True).returncode != 0,
                                reason="poppler-utils (make setup) missing")


@pytest.fixture
def working_copy(qgis_app, tmp_path):
    path = str(wc.create(str(tmp_path / "wc.gpkg")))
    uuids = [drafts.save_site(path, cat.VACANCY, {"name": name, "municipality_ags": "14627140",
                                                  "ownership": "municipal", "building_type": "retail"},
                              QgsGeometry.fromPointXY(QgsPointXY(x, y)))
             for name, x, y in (("Alte Post", 393295, 5669111), ("Ladenlokal", 392950, 5669420))]
    return path, uuids


def test_capture_dock_dossier_of_site_being_edited_and_selection(qgis_iface, working_copy, tmp_path):
    from coworking_plugin.gui.capture_dock import CaptureDock

    path, uuids = working_copy
    qgis_iface.messageBar().clear_messages()
    QgsProject.instance().removeAllMapLayers()
    dock = CaptureDock(qgis_iface, wc_path=path)
    try:
        assert dock.export_dossier(str(tmp_path / "none.pdf")) is None  # nothing edited, nothing selected
        assert any("select sites" in m for m in qgis_iface.messageBar().get_messages(int(Qgis.MessageLevel.Warning)))
        assert dock.edit_site(cat.VACANCY, uuids[1])
        out = tmp_path / "edited.pdf"
        assert dock.export_dossier(str(out)) is not None
        wait_for(out.exists)
        assert pages(out) == 1
        dock.new_site()
        layers = dock.add_working_copy_layers()
        layers[cat.VACANCY].selectByIds([f.id() for f in layers[cat.VACANCY].getFeatures()])
        out = tmp_path / "selection.pdf"
        assert dock.export_dossier(str(out)) is not None
        wait_for(lambda: any(str(out) in m for m in qgis_iface.messageBar().get_messages(
            int(Qgis.MessageLevel.Success))))
        assert pages(out) == 2
    finally:
        dock.unload()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_suitability_dock_dossier_of_selected_sites(qgis_iface, working_copy, tmp_path):
    from coworking_plugin.gui.suitability_dock import SuitabilityDock

    path, uuids = working_copy
    QgsProject.instance().removeAllMapLayers()
    layer = QgsProject.instance().addMapLayer(wc.layer(path, cat.VACANCY))
    dock = SuitabilityDock(qgis_iface)
    try:
        dock.sites_combo.setLayer(layer)
        layer.selectByIds([next(layer.getFeatures()).id()])
        written = []
        from coworking_plugin.gui import dossier_action

        task = dossier_action.export_dossier_for(layer, layer.selectedFeatureIds(), qgis_iface,
                                                 output=str(tmp_path / "api"), on_done=written.extend)
        assert task is not None
        wait_for(lambda: written)
        assert written == [str(tmp_path / "api.pdf")] and pages(written[0]) == 1
        out = tmp_path / "dock.pdf"
        assert dock.export_dossier(str(out)) is not None
        wait_for(out.exists)
        assert pages(out) == 1
    finally:
        dock.unload()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()
