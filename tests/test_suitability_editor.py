"""The profile editor: a weight and a curve edited as a planner would, the dock re-scored, the profile saved as
JSON and loaded back; typing mistakes explained (naming the field) without losing what was typed."""

from __future__ import annotations

import json

import numpy as np
from qgis.PyQt.QtWidgets import QTableWidgetItem

from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.gui.suitability_dock import SuitabilityDock
from tests.suitability_helpers import rows_by_fid, scored_dock


def set_curve(editor, criterion_id, points):
    editor.select_criterion(criterion_id)
    table = editor.curve_table
    table.setRowCount(0)
    for x, y in points:
        editor._add_point()
        r = table.rowCount() - 1
        table.setItem(r, 0, QTableWidgetItem(x))
        table.setItem(r, 1, QTableWidgetItem(y))


def test_edit_weight_and_curve_round_trip(qgis_iface, qgis_new_project, tmp_path):
    dock = scored_dock(qgis_iface)
    before = {f["name"]: f for f in rows_by_fid(dock.result_layer)}
    editor = dock.edit_profile()
    editor.set_weight_text("pendlerhafen", "anchor_tenant", "")  # weight removed
    set_curve(editor, "rail_dist", [("0", "1"), ("1000", "1"), ("3000", "0.1"), ("6000", "0")])
    editor.accept()
    assert editor.result() == editor.DialogCode.Accepted, editor.error.text()
    profile = dock.profile
    assert "anchor_tenant" not in profile.model("pendlerhafen").weights
    assert profile.criterion("rail_dist").curve == [(0, 1), (1000, 1), (3000, 0.1), (6000, 0)]
    # re-scored at once: the new curve gives each site the partial score the curve says for its distance
    after = {f["name"]: f for f in rows_by_fid(dock.result_layer)}
    changed = 0
    for name, f in after.items():
        v = f["v_rail_dist"]
        assert f["p_rail_dist"] == np.round(np.interp(v, [0, 1000, 3000, 6000], [1, 1, 0.1, 0]), 4)
        changed += f["p_rail_dist"] != before[name]["p_rail_dist"]
        if before[name]["s_pendlerhafen"] and not f["knockout"]:
            # Pendlerhafen no longer counts the anchor tenant: its score is the mean of the remaining weights
            m = profile.model("pendlerhafen")
            total = sum(m.weights.values())
            expected = 100 * sum(w * f["p_" + c] for c, w in m.weights.items()) / total
            assert abs(f["s_pendlerhafen"] - expected) < 0.01
    assert changed > 0
    # the edited rail curve also lowered the other models' scores where the distance is 1-6 km
    assert any(after[n]["s_klassisch"] < before[n]["s_klassisch"] for n in after)

    # saved as JSON, loaded back into a fresh dock: the same profile, the same edits
    path = tmp_path / "bearbeitet.json"
    dock.save_profile(str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    rail = next(c for c in data["criteria"] if c["id"] == "rail_dist")
    assert rail["curve"] == [[0, 1], [1000, 1], [3000, 0.1], [6000, 0]]
    assert "anchor_tenant" not in next(m for m in data["models"] if m["id"] == "pendlerhafen")["weights"]
    fresh = SuitabilityDock(qgis_iface)
    fresh.reset_profile()
    fresh.load_profile(str(path))
    assert fresh.profile.to_dict() == profile.to_dict()
    dock.unload()
    fresh.unload()


def test_editor_adds_criteria_knockouts_and_roles(qgis_iface, qgis_new_project):
    dock = SuitabilityDock(qgis_iface)
    editor = dock.edit_profile()
    editor._add_criterion()
    r = editor.crit_table.rowCount() - 1
    editor.crit_table.item(r, 0).setText("monument")
    editor.crit_table.item(r, 1).setText("Denkmalschutz")
    editor.accept()  # a site_field criterion without its field: the loader says which entry and what
    assert editor.result_profile is None
    assert "monument" in editor.error.text() and "field" in editor.error.text()
    editor.crit_table.item(r, 6).setText("listed")
    editor.set_weight_text("ortsmitte", "monument", "2")
    editor._add_knockout()
    k = editor.ko_table.rowCount() - 1
    editor.ko_table.item(k, 1).setText("flood")
    editor.ko_table.item(k, 5).setText("flood_zone")
    editor.ko_table.item(k, 6).setText("HQ100")
    editor._add_role()
    editor.role_table.item(editor.role_table.rowCount() - 1, 0).setText("coworking_spaces")
    editor.role_table.item(editor.role_table.rowCount() - 1, 1).setText("Bestehende Coworking-Spaces")
    editor.accept()
    assert editor.result_profile is not None, editor.error.text()
    p = dock.profile
    assert p.criterion("monument").field == "listed" and p.criterion("monument").label("de") == "Denkmalschutz"
    assert p.model("ortsmitte").weights["monument"] == 2.0
    flood = next(k for k in p.knockouts if k.id == "flood")
    assert (flood.rule, flood.field, flood.value, flood.enabled) == ("field_equals", "flood_zone", "HQ100", True)
    assert "coworking_spaces" in dock.ref_combos  # the dock is rebuilt for the new role and knock-out
    assert "flood" in dock.knockout_boxes
    # the existing rules keep what the table does not show (their sources, the consent rule's condition)
    consent = next(k for k in p.knockouts if k.id == "no_consent")
    assert consent.only_if == {"field": "ownership", "equals": "private"}
    assert p.criterion("dresden_dist").point == profiles.default_profile().criterion("dresden_dist").point
    dock.unload()


def test_editor_messages_name_the_field_and_keep_the_input(qgis_iface, qgis_new_project, german_ui,
                                                          german_translator):
    dock = SuitabilityDock(qgis_iface)
    editor = dock.edit_profile()
    editor.set_weight_text("pendlerhafen", "rail_dist", "viel")
    editor.accept()
    assert editor.result_profile is None
    assert editor.error.text() == ("Nicht übernommen: Modell pendlerhafen: Das Gewicht von rail_dist muss eine Zahl "
                                   "sein, nicht „viel“.")
    editor._fill_weights()
    assert editor.weight_table.item(editor._weight_ids.index("rail_dist"), 1).text() == "viel"  # kept
    editor.set_weight_text("pendlerhafen", "rail_dist", "2,5")  # German decimal comma
    set_curve(editor, "bus_dist", [("600", "1"), ("300", "0,5")])
    editor.accept()
    assert "bus_dist" in editor.error.text() and "Kurve" in editor.error.text()
    set_curve(editor, "bus_dist", [("0", "1"), ("300", "1"), ("600", "0,5"), ("1000", "x")])
    editor.accept()
    assert editor.error.text() == "Nicht übernommen: Kriterium bus_dist: Punkt 4 der Kurve braucht einen Wert und " \
                                  "eine Punktzahl (Zahlen)."
    set_curve(editor, "bus_dist", [("0", "1"), ("300", "1"), ("600", "0,5"), ("1000", "0")])
    r = editor.criterion_ids().index("services_300")
    editor.crit_table.item(r, 5).setText("")  # a count without a radius
    editor.accept()
    assert "services_300" in editor.error.text() and "radius_m" in editor.error.text()
    editor.crit_table.item(r, 5).setText("250")
    editor.accept()
    assert editor.result_profile is not None, editor.error.text()
    assert dock.profile.model("pendlerhafen").weights["rail_dist"] == 2.5
    assert dock.profile.criterion("bus_dist").curve[2] == (600.0, 0.5)
    assert dock.profile.criterion("services_300").radius_m == 250.0
    # the dock's table in German numbers
    r = dock.profile.criterion_ids.index("bus_dist")
    assert dock.table.item(r, len(dock.profile.models)).text() == "0:1; 300:1; 600:0,5; 1000:0"
    dock.unload()


def test_editor_asks_before_cancel_or_escape_drops_typed_weights(qgis_iface, qgis_new_project):
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QMessageBox
    from question_helpers import answer

    dock = SuitabilityDock(qgis_iface)
    dock.reset_profile()
    before = dock.profile.model("pendlerhafen").weights["anchor_tenant"]
    editor = dock.edit_profile()
    seen = answer(QMessageBox.StandardButton.Cancel, rounds=5)
    editor.reject()  # nothing changed: closes without a question
    QTest.qWait(300)  # the answer's timer gives up
    assert seen == [] and not editor.isVisible()
    editor = dock.edit_profile()
    editor.set_weight_text("pendlerhafen", "anchor_tenant", "7")
    seen = answer(QMessageBox.StandardButton.Cancel)
    editor.reject()  # Escape or Cancel
    assert len(seen) == 1 and seen[0]["default"] == QMessageBox.StandardButton.Save
    assert editor.isVisible() and editor.weights["pendlerhafen"]["anchor_tenant"] == "7"
    seen = answer(QMessageBox.StandardButton.Discard)
    editor.reject()
    assert len(seen) == 1 and not editor.isVisible()
    assert dock.profile.model("pendlerhafen").weights["anchor_tenant"] == before
    editor = dock.edit_profile()
    editor.set_weight_text("pendlerhafen", "anchor_tenant", "7")
    seen = answer(QMessageBox.StandardButton.Save)  # "Apply"
    editor.reject()
    assert len(seen) == 1 and not editor.isVisible()
    assert dock.profile.model("pendlerhafen").weights["anchor_tenant"] == 7
    dock.unload()


def test_default_and_load_ask_before_replacing_changed_weights(qgis_iface, qgis_new_project, tmp_path):
    from qgis.PyQt.QtWidgets import QMessageBox, QPushButton
    from question_helpers import answer

    dock = SuitabilityDock(qgis_iface)
    dock.reset_profile()
    default = dock.profile.model("pendlerhafen").weights["anchor_tenant"]
    buttons = {b.text(): b for b in dock.findChildren(QPushButton)}
    dock.set_weight("pendlerhafen", "anchor_tenant", 9)
    assert dock.profile.model("pendlerhafen").weights["anchor_tenant"] == 9
    seen = answer(QMessageBox.StandardButton.Cancel)
    buttons["Default"].click()
    assert len(seen) == 1 and dock.profile.model("pendlerhafen").weights["anchor_tenant"] == 9
    seen = answer(QMessageBox.StandardButton.Discard)
    buttons["Default"].click()
    assert len(seen) == 1 and dock.profile.model("pendlerhafen").weights["anchor_tenant"] == default
    dock.set_weight("pendlerhafen", "anchor_tenant", 9)
    dock.save_profile(str(tmp_path / "neun.json"))  # saved: Default replaces it without a question
    buttons["Default"].click()
    assert dock.profile.model("pendlerhafen").weights["anchor_tenant"] == default
    dock.unload()
