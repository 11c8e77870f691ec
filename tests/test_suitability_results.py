"""Results kept: scored sites, overlays and the profile in one GeoPackage with German field names and styles,
used by the project instead of temporary layers; the dock in a 400 px panel (German screenshot); the demo's
reference layers assigned in the project and never added twice."""

from __future__ import annotations

import json
import shutil
import sqlite3

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from coworking_plugin.core.suitability import resultsfile
from coworking_plugin.gui.suitability_demo import DEMO_FILES
from coworking_plugin.gui.suitability_dock import SuitabilityDock
from tests.suitability_helpers import DATA, rows_by_fid, scored_dock, wait_for


def test_results_geopackage_holds_sites_overlays_profile_aliases_styles(qgis_iface, qgis_new_project, german_ui,
                                                                      german_translator, tmp_path):
    dock = scored_dock(qgis_iface)
    dock.grid_model.setCurrentIndex(dock.grid_model.findData("retreat"))
    grid = dock.add_grid(1000.0)
    grid_name, grid_count = grid.name(), grid.featureCount()
    assert dock.add_catchment("rail_dist", "Bahnhof-Einzugsbereiche") is not None
    scores = {f["name"]: f["s_pendlerhafen"] for f in dock.result_layer.getFeatures()}
    path = tmp_path / "ergebnisse.gpkg"
    assert dock.save_results(str(path)) == str(path), dock.status.text()

    # reopened from the file, as a colleague would: every table, its German field names and its style
    db = sqlite3.connect(str(path))
    tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")} - {"layer_styles"}
    assert tables == {"eignung_standorte", "bahnhof_einzugsbereiche", "eignungsraster_retreat_workation",
                      "eignung_profil"}
    styles = dict(db.execute("SELECT f_table_name, useAsDefault FROM layer_styles").fetchall())
    assert set(styles) == tables - {"eignung_profil"} and all(styles.values())
    db.close()
    sites = QgsVectorLayer(f"{path}|layername=eignung_standorte", "sites", "ogr")
    assert sites.featureCount() == 40
    assert {f["name"]: f["s_pendlerhafen"] for f in sites.getFeatures()} == scores
    alias = {f.name(): sites.attributeAlias(i) for i, f in enumerate(sites.fields())}
    assert alias["s_pendlerhafen"] == "Pendlerhafen" and alias["best_model"] == "Bestes Modell"
    assert alias["unknown_inputs"] == "Unbekannte Eingaben" and alias["knockout"] == "Ausschlussgründe"
    assert alias["v_rail_dist"] == "Entfernung zum Bahnhof (m)"
    # the attribute table and Identify name the best model, not its key: in the dock's layer and from the file
    for layer in (dock.result_layer, sites):
        shown = {_shown(layer, f, "best_model") for f in layer.getFeatures()}
        assert "Pendlerhafen" in shown and not shown & {m.id for m in dock.profile.models}, shown
    assert sites.renderer().type() == "categorizedSymbol"
    assert {c.label() for c in sites.renderer().categories()} >= {"Pendlerhafen", "Retreat/Workation"}
    saved_grid = QgsVectorLayer(f"{path}|layername=eignungsraster_retreat_workation", "grid", "ogr")
    assert saved_grid.featureCount() == grid_count
    assert saved_grid.renderer().type() == "graduatedSymbol" and saved_grid.attributeAlias(
        saved_grid.fields().indexOf("s_retreat")) == "Retreat/Workation"
    assert QgsVectorLayer(f"{path}|layername=bahnhof_einzugsbereiche", "c", "ogr").featureCount() == 2
    stored = resultsfile.read_profile(str(path))
    assert stored.to_dict() == dock.profile.to_dict()
    assert json.loads(stored.to_json())["name"] == dock.profile.name

    # the project now uses the saved layers: no temporary layer left, nothing lost when QGIS closes
    project = QgsProject.instance()
    assert not [lyr.name() for lyr in project.mapLayers().values() if lyr.providerType() == "memory"]
    assert dock.result_layer.source().startswith(str(path))
    assert [lyr.name() for lyr in dock.overlay_layers] == [grid_name, "Bahnhof-Einzugsbereiche"]
    project_file = tmp_path / "p.qgz"
    assert project.write(str(project_file))
    project.clear()
    assert project.read(str(project_file))
    again = [lyr for lyr in project.mapLayers().values() if lyr.source().startswith(str(path))]
    assert len(again) == 3 and all(lyr.isValid() for lyr in again)


def _shown(layer: QgsVectorLayer, feature, name: str) -> str:
    """A value as the attribute table shows it (the field's editor widget formats it)."""
    i = layer.fields().indexOf(name)
    setup = layer.editorWidgetSetup(i)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    return formatter.representValue(layer, i, setup.config(), None, feature[name])


def test_saved_results_take_new_scores_and_can_be_saved_again(qgis_iface, qgis_new_project, tmp_path):
    dock = scored_dock(qgis_iface)
    path = tmp_path / "results.gpkg"
    assert dock.save_results(str(path))
    dock.set_weight("pendlerhafen", "bus_dist", 0)  # re-scored into the GeoPackage itself
    reopened = QgsVectorLayer(f"{path}|layername=eignung_standorte", "sites", "ogr")
    layer_scores = {f["name"]: f["s_pendlerhafen"] for f in rows_by_fid(dock.result_layer)}
    assert {f["name"]: f["s_pendlerhafen"] for f in reopened.getFeatures()} == layer_scores
    dock.result_layer.selectByIds([dock._fids[3]])  # the explanation follows the saved layer
    assert dock.chart.title.startswith(rows_by_fid(dock.result_layer)[3]["name"])
    assert dock.save_results(str(path))  # again into the same file: the profile's new weight is kept
    assert resultsfile.read_profile(str(path)).model("pendlerhafen").weights.get("bus_dist") is None
    assert QgsVectorLayer(f"{path}|layername=eignung_standorte", "s", "ogr").featureCount() == 40


def test_results_saved_again_after_a_new_run(qgis_iface, qgis_new_project, tmp_path):
    dock = scored_dock(qgis_iface)
    path = tmp_path / "results.gpkg"
    assert dock.save_results(str(path))
    dock.set_weight("klassisch", "broadband", 0)  # written into the saved layer
    dock.run = None
    dock.score_sites()  # a new run: a new temporary layer replaces the saved one in the project
    wait_for(lambda: dock.run is not None and dock.result_layer.providerType() == "memory")
    expected = {f["name"]: f["s_klassisch"] for f in dock.result_layer.getFeatures()}
    assert dock.save_results(str(path)) == str(path), dock.status.text()
    back = QgsVectorLayer(f"{path}|layername=eignung_standorte", "s", "ogr")
    assert {f["name"]: f["s_klassisch"] for f in back.getFeatures()} == expected
    assert back.attributeAlias(back.fields().indexOf("s_klassisch")) == "Coworking classic"
    dock.unload()


def test_nothing_to_save_says_so(qgis_iface, qgis_new_project, tmp_path):
    dock = SuitabilityDock(qgis_iface)
    assert dock.save_results(str(tmp_path / "x.gpkg")) is None
    assert dock.status.text() and not (tmp_path / "x.gpkg").exists()


def test_dock_fits_400_px_in_german(qgis_iface, qgis_new_project, german_ui, german_translator, output_dir):
    dock = scored_dock(qgis_iface)
    dock.result_layer.selectByIds([dock._fids[0]])
    body = dock.widget().widget()
    assert body.minimumSizeHint().width() <= 400 - dock.widget().verticalScrollBar().sizeHint().width()
    dock.setFixedWidth(400)
    dock.resize(400, 900)
    dock.show()
    QgsApplication.processEvents()
    assert dock.minimumSizeHint().width() <= 400
    assert dock.widget().horizontalScrollBar().maximum() == 0  # nothing cut off, no sideways scrolling
    assert dock.save_button.text() == "Ergebnisse speichern…" and dock.ranking_button.text() == "Rangliste…"
    r = dock.profile.criterion_ids.index("rail_dist")
    assert dock.table.item(r, len(dock.profile.models)).text() == "0:1; 1000:1; 3000:0,4; 6000:0"
    # the whole dock at 400 px, as tall as its content, for a person to look at
    dock.setFixedSize(400, body.sizeHint().height() + 40)
    QgsApplication.processEvents()
    shots = output_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    path = shots / "suitability_dock_400px_de.png"
    assert dock.grab().save(str(path))
    assert path.stat().st_size > 20_000
    dock.hide()
    dock.unload()


def test_demo_layers_are_not_added_twice(qgis_iface, qgis_new_project, tmp_path):
    # a copy of the shipped stations already in the project (the demo's own copy, another folder)
    copy = tmp_path / DEMO_FILES["rail_stations"]
    shutil.copy(DATA / DEMO_FILES["rail_stations"], copy)
    stations = QgsVectorLayer(str(copy), "Bahnhöfe", "ogr")
    QgsProject.instance().addMapLayer(stations)
    dock = SuitabilityDock(qgis_iface)
    dock.add_demo_layers()
    count = len(QgsProject.instance().mapLayers())
    assert count == len(DEMO_FILES)  # the stations were reused, the others added once
    assert dock.ref_combos["rail_stations"].currentLayer() is stations
    dock.add_demo_layers()
    assert len(QgsProject.instance().mapLayers()) == count
    dock.unload()


def test_demo_project_has_its_reference_layers_assigned(qgis_iface, qgis_new_project, tmp_path):
    from scripts import demo as demo_script

    demo = demo_script.Demo(tmp_path, tmp_path / "pgdata", 0, tmp_path / "out")
    demo.output.mkdir()
    demo_script.score_sample_sites(demo)
    demo_script.build_project(demo)
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(demo.project_file))
    n_layers = len(project.mapLayers())
    dock = SuitabilityDock(qgis_iface)  # opened on the demo project, as the plugin does
    names = {role: (combo.currentLayer().name() if combo.currentLayer() else None)
             for role, combo in dock.ref_combos.items()}
    assert names["rail_stations"] == "Bahnhöfe" and names["municipalities"] == "Gemeinden"
    assert names["bus_stops"] == "SYNTHETISCH: " + demo_script.SYNTHETIC_ROLES["bus_stops"]
    assert names["landscape"] == "SYNTHETISCH: " + demo_script.SYNTHETIC_ROLES["landscape"]
    dock.add_demo_layers()  # the shipped files are all in the demo project already
    assert len(project.mapLayers()) == n_layers
    dock.unload()
