"""Success indicators (issue 14) against a real register: sites from two municipalities and three editors in
every state, history moved back in time by the superuser; every figure checked against direct SQL or a replay
of the raw history, the CSV export read back, and the dialog opened in German."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import Counter

import numpy as np
import pytest
from qgis.core import QgsGeometry, QgsPointXY

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.register import indicators
from coworking_plugin.core.suitability import profile as profiles
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import MEISSEN, RIESA, edit_site, point_in, review

pytestmark = pytest.mark.postgis

GOOD = {"ownership": "municipal", "building_type": "office", "broadband_mbps": 250, "floor_area_m2": 1234.5,
        "rooms": 14, "condition": "good", "anchor_tenant": True}


def _capture(register, key, tmp_path, sites):
    path = str(tmp_path / f"{key}.gpkg")
    checkout(register.dsn(key), path)
    uuids = []
    for kind, name, ags, xy, extra in sites:
        x, y = xy or point_in(ags)
        geom = (QgsGeometry.fromPointXY(QgsPointXY(x, y)) if kind == cat.VACANCY else QgsGeometry.fromWkt(
            f"MULTIPOLYGON((({x} {y},{x + 80} {y},{x + 80} {y + 60},{x} {y + 60},{x} {y})))"))
        values = {"name": name, "municipality_ags": ags, "ownership": "municipal", "building_type": "retail",
                  **extra}
        if kind == cat.BROWNFIELD:
            values.pop("building_type")
        uuids.append(drafts.save_site(path, kind, values, geom))
    assert push(register.dsn(key), path).committed
    return path, uuids


@pytest.fixture(scope="module")
def scenario(qgis_app, register_module, tmp_path_factory):
    reg, tmp = register_module, tmp_path_factory.mktemp("indicators")
    m_path, (m1, m2, m3) = _capture(reg, "editor_meissen", tmp, [
        (cat.VACANCY, "Alte Post am Markt", MEISSEN, (393295, 5669111), GOOD),
        (cat.VACANCY, "Ladenlokal Elbstraße", MEISSEN, (392950, 5669420), {}),
        (cat.BROWNFIELD, "Spinnerei", MEISSEN, None, {"ownership": "municipal"})])
    _p2, (m4,) = _capture(reg, "editor_meissen2", tmp, [(cat.VACANCY, "Kornhaus", MEISSEN, None, {})])
    _r, (r1, r2) = _capture(reg, "editor_riesa", tmp, [
        (cat.VACANCY, "Bahnhofstraße 4", RIESA, None, GOOD), (cat.VACANCY, "Alter Konsum", RIESA, None, {})])
    conn = reg.connect(autocommit=True)
    with conn.cursor() as cur:  # submissions of Meißen 10 days ago
        cur.execute("UPDATE coworking.history SET at = at - interval '10 days' WHERE municipality_ags = %s",
                    (MEISSEN,))
    review(reg, m1, "approved")
    review(reg, m3, "approved", kind=cat.BROWNFIELD)
    review(reg, r1, "approved")
    review(reg, r2, "rejected", "Bitte Anschrift ergänzen")
    edit_site(m_path, m2, floors=2)
    assert push(reg.dsn("editor_meissen"), m_path).updated == 1
    with conn.cursor() as cur:  # everything of Riesa four months ago: reported, decided, then silent
        cur.execute("UPDATE coworking.history SET at = at - interval '120 days' WHERE municipality_ags = %s",
                    (RIESA,))
    conn.close()
    return reg, {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "r1": r1, "r2": r2}


def _sql(register, query, params=(), key=None):
    conn = register.connect(key)
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall()
    finally:
        conn.close()


def _read(register, key, profile=None, refs=None):
    conn = register.connect(key)
    try:
        return indicators.read(conn, profile, refs, "de")
    finally:
        conn.close()


def _editors(register):
    return [register.role(k) for k in ("editor_meissen", "editor_meissen2", "editor_riesa")]


def test_site_counts_match_sql_for_each_role(scenario):
    reg, _ = scenario
    query = ("SELECT municipality_ags, %s, status, count(*) FROM coworking.{} GROUP BY 1, 3 ORDER BY 1, 3")
    for key in ("reviewer", "editor_riesa"):
        direct = sorted(tuple(r) for kind in cat.KINDS for r in _sql(reg, query.format(kind), (kind,), key))
        assert sorted(_read(reg, key).site_counts) == direct
    everything = _read(reg, "reviewer").site_counts
    assert Counter({s: n for _a, _k, s, n in everything}) != {} and sum(n for *_r, n in everything) == 6
    # an editor counts what the editor may see: Riesa's own sites and Meißen's approved ones
    riesa = _read(reg, "editor_riesa").site_counts
    assert (MEISSEN, "vacancy", "pending", 2) not in riesa and (MEISSEN, "vacancy", "approved", 1) in riesa


def _replay(rows, month_end):
    """Status of every site at ``month_end`` from the raw history: the last recorded status up to then."""
    state, town, kind = {}, {}, {}
    for site, k, ags, at, action, new in rows:
        if at >= month_end:
            continue
        town[site], kind[site] = ags, k
        if action == "delete":
            state[site] = None
        elif new and "status" in new:
            state[site] = new["status"]
    return Counter((town[s], kind[s], st) for s, st in state.items() if st)


def test_monthly_counts_replay_the_history(scenario):
    reg, _ = scenario
    rows = _sql(reg, "SELECT site_uuid, kind, municipality_ags, at, action, new_values FROM coworking.history "
                     "WHERE action IN ('insert', 'update', 'archive', 'approve', 'reject', 'delete') "
                     "ORDER BY at, id")
    monthly = _read(reg, "reviewer").monthly
    months = sorted({m for m, *_rest in monthly})
    assert len(months) >= 4  # Riesa four months back, Meißen now
    for month in months:
        year, mon = map(int, month.split("-"))
        end = dt.datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=rows[0][3].tzinfo)
        shown = Counter({(a, k, s): n for m, a, k, s, n in monthly if m == month})
        assert shown == _replay(rows, end), month
    # the current month is the register as it is now
    now = Counter({(a, k, s): n for a, k, s, n in _read(reg, "reviewer").site_counts})
    assert Counter({(a, k, s): n for m, a, k, s, n in monthly if m == months[-1]}) == now
    assert Counter({(a, k, s): n for m, a, k, s, n in monthly if m == months[0]}) == {
        (RIESA, "vacancy", "approved"): 1, (RIESA, "vacancy", "rejected"): 1}


def test_reporting_and_turnaround_match_sql(scenario):
    reg, _ = scenario
    ind = _read(reg, "reviewer")
    last = dict(_sql(reg, "SELECT municipality_ags, max(at) FROM coworking.history WHERE actor = ANY(%s) "
                          "AND action IN ('insert', 'update', 'archive') GROUP BY 1", (_editors(reg),)))
    assert {a: at for a, at, _active in ind.reporting if at} == last
    assert [a for a, _at, active in ind.reporting if active] == [MEISSEN]
    assert ind.active_municipalities == 1 and len(ind.reporting) == 28

    history = _sql(reg, "SELECT site_uuid, id, at, action, actor FROM coworking.history ORDER BY id")
    days = []
    for site, hid, at, action, _actor in history:
        if action in ("approve", "reject"):
            subs = [a for s, i, a, act, who in history if s == site and i < hid and act in ("insert", "update")
                    and who in _editors(reg)]
            days.append((at - max(subs)).total_seconds() / 86400.0)
    assert ind.decisions == len(days) == 4
    assert ind.median_days == pytest.approx(statistics.median(days))
    assert ind.p90_days == pytest.approx(float(np.percentile(days, 90)))
    assert 9.9 < max(days) < 10.1


def _scored_counts(reg, processing_refs, threshold):
    """Suitable approved sites per model and target group, through coworking:score_sites on the register layers
    (the QGIS path: the postgres provider, GEOS point on surface) instead of the dashboard's SQL."""
    import processing
    from qgis.core import QgsDataSourceUri, QgsVectorLayer

    profile = profiles.default_profile()
    per_model, per_group = Counter(), Counter()
    for kind in cat.KINDS:
        uri = QgsDataSourceUri(reg.dsn("reviewer"))
        uri.setDataSource("coworking", kind, "geom", "status = 'approved'", "uuid")
        layer = QgsVectorLayer(uri.uri(False), kind, "postgres")
        assert layer.isValid()
        out = processing.run("coworking:score_sites", {"INPUT": layer, **processing_refs,
                                                       "OUTPUT": "memory:"})["OUTPUT"]
        for f in out.getFeatures():
            ok = not f["knockout"]
            good = [m for m in profile.models if ok and (f[f"s_{m.id}"] or 0) >= threshold]
            per_model.update(m.id for m in good)
            per_group.update({g for m in good for g in m.target_groups})
    return per_model, per_group


def test_models_and_target_groups_match_scoring(scenario, processing_ready):
    from qgis.core import QgsProject, QgsVectorLayer

    from coworking_plugin.core.dossier.prepare import project_references
    from coworking_plugin.core.suitability.layers import DetachedSource

    reg, _ = scenario
    QgsProject.instance().clear()  # an earlier test's demo layers would be assigned roles (order-independent)
    refs = project_references()  # nothing assigned in the project: the shipped stations and municipalities
    assert set(refs) == {"rail_stations", "municipalities"}
    profile = profiles.default_profile()
    ind = _read(reg, "reviewer", profile, {r: DetachedSource(lyr) for r, lyr in refs.items()})
    assert ind.threshold == profile.serve_threshold == 60
    per_model, per_group = _scored_counts(reg, {r.upper(): lyr for r, lyr in refs.items()}, ind.threshold)
    assert {m.model_id: m.suitable for m in ind.models} == {m.id: per_model[m.id] for m in profile.models}
    assert {g.key: g.sites for g in ind.groups} == {k: per_group[k] for k in cat.VALUE_LISTS["target_group"].keys()}
    assert any(m.suitable for m in ind.models), "the scenario has a suitable approved site"
    assert isinstance(refs["rail_stations"], QgsVectorLayer)


def test_csv_export_is_what_the_tables_hold(scenario, tmp_path):
    reg, _ = scenario
    tables = indicators.tables(_read(reg, "reviewer"), "de")
    paths = indicators.write_csv(tables, str(tmp_path / "csv"))
    assert [p.rsplit("/", 1)[1] for p in paths] == [f"{t.key}.csv" for t in tables]
    for table, path in zip(tables, paths):
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        assert rows[0] == table.headers
        assert rows[1:] == [[indicators.csv_text(v) for v in row] for row in table.rows]
    turnaround = next(t for t in tables if t.key == "review_turnaround")
    assert turnaround.rows[0][0] == 4 and isinstance(turnaround.rows[0][1], float)


def test_csv_export_is_for_german_excel_in_an_english_ui_too(scenario, tmp_path):
    """The CSV files are semicolon-separated for German Excel: their figures carry the decimal comma whatever
    the UI language (a decimal point there turns 5.5 days into a date), a missing figure is an empty cell."""
    reg, _ = scenario
    ind = _read(reg, "reviewer")
    ind.p90_days = float("nan")  # no decisions to take a percentile from
    tables = indicators.tables(ind, "en")
    path = next(p for p in indicators.write_csv(tables, str(tmp_path / "csv")) if p.endswith("review_turnaround.csv"))
    with open(path, encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f, delimiter=";"))
    assert header == ["Decisions", "Median (days)", "90th percentile (days)"]
    assert row[0] == "4" and row[1] == f"{ind.median_days:.1f}".replace(".", ",") and row[2] == ""
    assert "." not in row[1] and "nan" not in row


def test_dashboard_dialog_shows_the_figures_in_german(scenario, qgis_iface, german_translator, german_ui,
                                                       output_dir, tmp_path):
    from qgis.PyQt.QtWidgets import QTableWidget

    from coworking_plugin.gui.dashboard import DashboardDialog
    from tests.test_i18n import _german, _widget_texts
    from tests.test_suitability_dock import wait_for

    reg, _ = scenario
    dialog = DashboardDialog(qgis_iface, database=reg.dsn("reviewer"))
    try:
        dialog.show()
        assert dialog.refresh() is not None
        wait_for(lambda: dialog.indicators is not None)
        ind = dialog.indicators
        assert ind.models and ind.active_municipalities == 1
        # what the dialog shows is what the core computed, in German
        assert dialog.tabs.count() == 6
        for table in dialog.tables:
            widget = dialog.findChild(QTableWidget, f"table_{table.key}")
            shown = [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]
            assert shown == [[indicators.display_text(v, "de") for v in row] for row in table.rows], table.key
        summary = dialog.summary.text()
        assert "Gemeinden mit Meldungen in den letzten 90 Tagen: 1 von 28" in summary
        assert "Median 5,0 Tage" in summary and "(4 Entscheidungen)" in summary
        now = dialog.findChild(QTableWidget, "table_sites_now")
        assert [now.horizontalHeaderItem(i).text() for i in range(4)] == ["Gemeinde", "Art", "Status", "Standorte"]
        assert ["Riesa", "Leerstand", "Abgelehnt", "1"] in [[now.item(r, c).text() for c in range(4)]
                                                            for r in range(now.rowCount())]
        german = _german()
        english = [t for t in _widget_texts(dialog) if t in german and t not in german[t]]
        assert not english, english
        dialog.resize(900, 760)
        dialog.tabs.setCurrentIndex(0)
        path = output_dir / "screenshots" / "dashboard_de.png"
        path.parent.mkdir(exist_ok=True)
        assert dialog.grab().save(str(path)) and path.stat().st_size > 5000
        dialog.tabs.setCurrentIndex(1)
        assert dialog.grab().save(str(path.with_name("dashboard_de_months.png")))
        paths = dialog.export_csv(str(tmp_path / "csv"))
        assert len(paths) == 6
        assert any("6 CSV-Dateien" in m for m in qgis_iface.messageBar().get_messages(3))
    finally:
        dialog.unload()
        dialog.close()
        dialog.deleteLater()


def test_model_table_title_writes_the_threshold_with_a_decimal_comma(german_translator):
    """A planner's threshold of 62.5 points reads "62,5" in the German title (dashboard tab and CSV)."""
    from coworking_plugin.core.suitability.coverage import GroupCoverage, ModelCoverage

    ind = indicators.Indicators(models=[ModelCoverage("pendlerhafen", "Pendlerhafen", 2, "Altes Kaufhaus", 71.4)],
                                groups=[GroupCoverage("startups", "Gründer", 2)], threshold=62.5)
    title = next(t.title for t in indicators.tables(ind, "de") if t.key == "models")
    assert "62,5" in title and "62.5" not in title, title
    row = next(t.rows for t in indicators.tables(ind, "de") if t.key == "models")[0]
    assert row[2:] == ["Altes Kaufhaus", 71.4] and indicators.display_text(row[3], "de") == "71,4"
