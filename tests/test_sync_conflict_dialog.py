"""The conflict dialog as a three-way merge: original, mine, theirs in the form's words; nothing preselected
that would discard the other side's change; both geometries drawn on the map."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import Qt

from coworking_plugin.core.sync import conflicts
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import MEISSEN, add_site, edit_site, point_in, server_row, vacancy_values

pytestmark = pytest.mark.postgis


def test_dialog_shows_three_versions_in_the_forms_words_and_draws_both_shapes(german_ui, qgis_iface, register,
                                                                             tmp_path, output_dir):
    from coworking_plugin.gui.conflict_dialog import MINE_COLOR, THEIRS_COLOR, ConflictDialog

    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    dsn_a, dsn_b = register.dsn("editor_meissen"), register.dsn("editor_meissen2")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(availability="available", floors=1))
    push(dsn_a, a)
    checkout(dsn_b, b)
    x, y = point_in(MEISSEN)
    edit_site(a, uid, availability="negotiable", notes="von A", geometry=QgsGeometry.fromWkt(f"POINT({x + 20} {y})"))
    push(dsn_a, a)
    edit_site(b, uid, availability="unknown", floors=4, geometry=QgsGeometry.fromWkt(f"POINT({x} {y + 20})"))
    assert push(dsn_b, b).conflicts == 1
    dialog = ConflictDialog(qgis_iface, b, uid)
    rows = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(1, 5)]
            for r in range(dialog.table.rowCount())}
    assert rows["Verfügbarkeit"][:3] == ["Sofort verfügbar", "Unbekannt", "Nach Absprache"]
    assert "negotiable" not in str(rows)
    assert set(rows) == {"Verfügbarkeit", "Geschosse", "Bemerkungen (intern)", "Geometry (see map)"}, rows
    # one side changed it: preselected to that side; both sides: no choice until the officer makes one
    assert dialog.selection() == {"floors": conflicts.MINE, "notes": conflicts.THEIRS}
    assert not dialog.apply_button.isEnabled()
    # both geometries on the canvas, in distinct styles
    assert len(dialog.bands) == 2
    assert {band.strokeColor().name() for band in dialog.bands} == {MINE_COLOR.name(), THEIRS_COLOR.name()}
    assert set(dialog.band_styles) == {Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine}
    dialog.grab().save(str(output_dir / "sync_conflict_three_way.png"))
    dialog.choices["availability"].buttons()[1].click()  # theirs
    dialog.choices["geom"].buttons()[0].click()  # mine
    assert dialog.apply_button.isEnabled()
    dialog.apply()
    assert dialog.bands == []
    assert push(dsn_b, b).updated == 1
    row = server_row(register, uid)
    assert (row["availability"], row["notes"], row["floors"], row["wkt"]) == \
        ("negotiable", "von A", 4, f"POINT({x} {y + 20})")


def test_escape_after_choosing_sides_asks_before_the_choice_is_dropped(qgis_iface, register, tmp_path):
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QMessageBox
    from question_helpers import answer

    from coworking_plugin.gui.conflict_dialog import ConflictDialog

    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    dsn_a, dsn_b = register.dsn("editor_meissen"), register.dsn("editor_meissen2")
    checkout(dsn_a, a)
    uid = add_site(a, **vacancy_values(availability="available", floors=1))
    push(dsn_a, a)
    checkout(dsn_b, b)
    edit_site(a, uid, availability="negotiable")
    push(dsn_a, a)
    edit_site(b, uid, availability="unknown")
    assert push(dsn_b, b).conflicts == 1
    dialog = ConflictDialog(qgis_iface, b, uid)
    dialog.show()
    seen = answer(QMessageBox.StandardButton.Cancel, rounds=5)
    dialog.reject()  # nothing chosen yet: closes at once
    QTest.qWait(300)
    assert seen == [] and not dialog.isVisible()
    dialog = ConflictDialog(qgis_iface, b, uid)
    dialog.show()
    dialog.choices["availability"].buttons()[1].click()  # theirs
    seen = answer(QMessageBox.StandardButton.Cancel)
    dialog.reject()  # Escape
    assert len(seen) == 1 and seen[0]["default"] == QMessageBox.StandardButton.Cancel
    assert dialog.isVisible() and dialog.selection() == {"availability": conflicts.THEIRS}
    seen = answer(QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert len(seen) == 1 and not dialog.isVisible() and dialog.bands == []
    assert [c.uuid for c in conflicts.list_conflicts(b)] == [uid]  # still open, nothing resolved
