"""The planner's ranking: sites ranked per model in a sortable table, the chosen site selected on the map,
exports read back (German Excel CSV, international CSV, XLSX), and two to four sites compared side by side."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt

from coworking_plugin.core.suitability.ranking import competition_ranks
from tests.suitability_helpers import rows_by_fid, score_bare_site, scored_dock, wait_for


def shown(dialog, column):
    """The texts of one column in the order the view shows them."""
    proxy = dialog.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_competition_ranks_share_ties_and_skip_knocked_out():
    scores = np.array([50.0, 80.0, 50.0, 0.0, np.nan, 90.0])
    eligible = np.array([True, True, True, False, True, True])
    ranks = competition_ranks(scores, eligible)
    assert ranks[[5, 1, 0, 2]].tolist() == [1, 2, 3, 3]
    assert math.isnan(ranks[3]) and math.isnan(ranks[4])


def test_ranking_order_sort_selection_and_exports(qgis_iface, qgis_new_project, tmp_path):
    dock = scored_dock(qgis_iface)
    layer = dock.result_layer
    feats = rows_by_fid(layer)
    dialog = dock.open_ranking()
    dialog.model_combo.setCurrentIndex(dialog.model_combo.findData("pendlerhafen"))
    assert dialog.proxy.rowCount() == 40
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())]
    assert headers[:3] == ["Rank", "Site", "Score Commuter harbour"]
    assert headers[-3:] == ["Best model", "Knock-out reasons", "Unknown inputs"]
    # default order: by rank; the ranks follow the scores the layer holds
    expected = {f["name"]: f["s_pendlerhafen"] for f in feats}
    names, ranks = shown(dialog, 1), shown(dialog, 0)
    knocked = {f["name"] for f in feats if f["knockout"]}
    scored = [expected[n] for n in names if n not in knocked]
    assert scored == sorted(scored, reverse=True)
    for name, rank in zip(names, ranks):
        if name in knocked:
            assert rank == "–"
        else:
            assert int(rank) == 1 + sum(1 for n, s in expected.items() if n not in knocked and s > expected[name])
    assert names[-len(knocked):] == [n for n in names if n in knocked] if knocked else True
    # sorting by another column, as a click on its header does
    dialog.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown(dialog, 1) == sorted(names, key=str.casefold, reverse=True)
    dialog.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # highest score first
    by_score = [float(t) for t in shown(dialog, 2)]
    assert by_score == sorted(by_score, reverse=True)

    # choosing a row selects the site on the map and shows it
    canvas = qgis_iface.mapCanvas()
    canvas.resize(600, 400)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25833"))
    canvas.setExtent(QgsRectangle(0, 0, 1000, 1000))  # far away from the county
    dialog.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    dialog.view.selectRow(0)
    top = next(f for f in feats if f["name"] == names[0])
    assert layer.selectedFeatureIds() == [top.id()]
    to_canvas = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
    assert canvas.extent().contains(to_canvas.transform(top.geometry().asMultiPoint()[0]))
    assert "Commuter harbour" in dock.chart.title and top["name"] in dock.chart.title

    # German Excel CSV: BOM, semicolons, decimal comma; read back
    german = tmp_path / "rangliste.csv"
    assert dialog.export_csv(str(german), german_excel=True)
    raw = german.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(german, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == headers and len(rows) == 41
    for row in rows[1:]:
        value = expected[row[1]]
        assert row[2] == f"{value:.1f}".replace(".", ",")
        assert "." not in row[2]
    assert [r[1] for r in rows[1:]] == names
    # international CSV: commas and decimal points
    world = tmp_path / "ranking.csv"
    assert dialog.export_csv(str(world), german_excel=False)
    with open(world, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert not world.read_bytes().startswith(b"\xef\xbb\xbf")
    assert {r[1]: float(r[2]) for r in rows[1:]} == {n: pytest.approx(round(v, 1)) for n, v in expected.items()}

    # XLSX through GDAL: read back, numbers are numbers
    xlsx = tmp_path / "rangliste.xlsx"
    assert dialog.export_xlsx(str(xlsx))
    sheet = QgsVectorLayer(f"{xlsx}|layername=Ranking Commuter harbour", "xlsx", "ogr")
    assert sheet.isValid(), sheet.source()
    assert sheet.fields().names()[:3] == ["Rank", "Site", "Score Commuter harbour"]
    back = list(sheet.getFeatures())
    assert len(back) == 40
    assert {f["Site"]: f["Score Commuter harbour"] for f in back} == {n: pytest.approx(round(v, 1))
                                                                  for n, v in expected.items()}
    assert [f["Site"] for f in back] == names

    # a weight change in the dock re-ranks the open dialog
    dock.set_weight("pendlerhafen", "bus_dist", 0)
    new = {f["name"]: f["s_pendlerhafen"] for f in layer.getFeatures()}
    assert new != expected
    assert [float(t) for t in shown(dialog, 2)] == pytest.approx(
        [round(new[n], 1) for n in shown(dialog, 1)], abs=0.051)
    dock.unload()


def test_ranking_in_german(qgis_iface, qgis_new_project, german_ui, german_translator, output_dir, tmp_path):
    dock = scored_dock(qgis_iface)
    dialog = dock.open_ranking()
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())]
    assert headers[:3] == ["Rang", "Standort", "Punkte Coworking klassisch"]
    assert "Ausschlussgründe" in headers and "Unbekannte Eingaben" in headers
    scores = shown(dialog, 2)
    assert any("," in s for s in scores) and not any("." in s for s in scores)
    # knock-out reasons and unknown inputs by their German labels
    reasons = shown(dialog, headers.index("Ausschlussgründe"))
    assert reasons.count("Altlast bestätigt") == 6 and set(reasons) == {"", "Altlast bestätigt"}
    assert [r for r, why in zip(shown(dialog, 0), reasons) if why] == ["–"] * 6  # no rank, listed last
    assert reasons[-6:] == ["Altlast bestätigt"] * 6
    # a site without broadband, floor area etc.: its unknown inputs by their German labels
    score_bare_site(dock)
    unknown = shown(dialog, headers.index("Unbekannte Eingaben"))[0].split(", ")
    assert "Breitband" in unknown and "Nutzfläche" in unknown
    assert set(unknown) <= {c.label("de") for c in dock.profile.criteria}
    dock.run = None
    dock.sites_combo.setLayer(next(lyr for lyr in QgsProject.instance().mapLayers().values()
                                   if lyr.name() == "SYNTHETIC sites"))
    dock.score_sites()
    wait_for(lambda: dock.run is not None and len(dock.run.features) == 40)
    # Excel refuses sheet names with a slash or over 31 characters: "Retreat/Workation" is cleaned
    dialog.model_combo.setCurrentIndex(dialog.model_combo.findData("retreat"))
    assert dialog.export_xlsx(str(tmp_path / "rangliste"))
    from osgeo import ogr

    book = ogr.Open(str(tmp_path / "rangliste.xlsx"))
    assert book.GetLayer(0).GetName() == "Rangliste Retreat-Workation"
    assert book.GetLayer(0).GetFeatureCount() == 40
    book = None
    dialog.model_combo.setCurrentIndex(0)
    # what a planner sees: the ranking and a comparison of the first three, in German
    shots = output_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shots / "suitability_ranking_de.png"))
    dialog.select_rows(dialog.model.table.sites[:3])
    compare = dialog.compare()
    assert compare.windowTitle() == "Standorte vergleichen"
    compare.resize(1100, 760)
    QgsApplication.processEvents()
    assert compare.grab().save(str(shots / "suitability_compare_de.png"))
    editor = dock.edit_profile()
    editor.resize(1000, 560)
    QgsApplication.processEvents()
    assert editor.grab().save(str(shots / "suitability_profile_editor_de.png"))
    editor.reject()
    dock.unload()


def test_compare_sites_side_by_side(qgis_iface, qgis_new_project):
    dock = scored_dock(qgis_iface)
    dialog = dock.open_ranking()
    dialog.model_combo.setCurrentIndex(dialog.model_combo.findData("ortsmitte"))
    assert dialog.compare() is None and "two to four" in dialog.note.text()  # nothing selected yet
    sites = dialog.model.table.sites[:3]
    dialog.select_rows(sites)
    compare = dialog.compare()
    assert compare is not None and len(compare.charts) == 3
    feats = rows_by_fid(dock.result_layer)
    table = compare.table
    criteria = [c for c, w in dock.profile.model("ortsmitte").weights.items() if w > 0]
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    ordered = [c for c in dock.profile.criterion_ids if c in criteria]
    assert labels[2:] == [dock.profile.criterion(c).label("en") for c in ordered]
    for k, i in enumerate(sites):  # in the order of the ranking
        feat = feats[i]  # the layer's own fields, written by the core: the comparison shows the same numbers
        col = 1 + 3 * k
        assert feat["name"] in table.horizontalHeaderItem(col).text()
        points = 0.0
        for r, cid in enumerate(ordered, start=2):
            assert table.item(r, col + 1).text() == f"{feat['p_' + cid]:.2f}"
            value = feat["v_" + cid]
            text = table.item(r, col).text()
            if value is None:
                assert text.startswith("unknown")
            else:
                assert float(text.split()[0].replace(",", "")) == pytest.approx(value, rel=0.01, abs=0.01)
            points += float(table.item(r, col + 2).text())
            assert table.item(r, 0).text() == f"{dock.profile.model('ortsmitte').weights[cid]:g}"
        assert points == pytest.approx(feat["s_ortsmitte"], abs=0.06 * len(ordered))
        assert table.item(0, col).text() == f"{feat['s_ortsmitte']:.0f}/100"
        assert compare.charts[k].bars and feat["name"] in compare.charts[k].title
    compare.model_combo.setCurrentIndex(compare.model_combo.findData("retreat"))
    assert table.rowCount() == 2 + len(dock.profile.model("retreat").weights)
    assert compare.charts[0].title.endswith("/100")
    dock.unload()
