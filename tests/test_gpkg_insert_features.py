"""gpkg.insert_features: a bulk insert that leaves a GDAL GeoPackage exactly as row-by-row inserts with GDAL's
triggers do (R-tree, feature count, triggers), all or nothing, and readable by QGIS with its spatial index."""

from __future__ import annotations

import math
import shutil
import sqlite3
import struct
from pathlib import Path
from typing import Dict, List

import pytest

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import gpkg
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.tracking import prepare

SRID = 25833
COLUMNS = ["uuid", "name", "municipality_ags", "geom", "base_version", "sync_state"]
GDAL_TRIGGERS = {"rtree_vacancy_geom_insert", "trigger_insert_feature_count_vacancy"}


def _point(x: float, y: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, x, y)


def _rows(n: int, start: int = 0) -> List[tuple]:
    """Vacancies with every kind of geometry blob a working copy meets: with an envelope in the header (as the
    checkout writes them; one big-endian), without one (OGR's points), empty, and NULL."""
    rows = []
    for i in range(start, start + n):
        x, y = 392000.0 + (i % 25) * 40.0, 5668000.0 + (i // 25) * 40.0
        if i % 10 == 3:
            geom = None
        elif i % 10 == 5:
            geom = gpkg.blob_from_wkb(_point(math.nan, math.nan), SRID)  # POINT EMPTY: flagged empty
        elif i % 10 == 7:
            geom = b"GP\x00\x01" + struct.pack("<i", SRID) + _point(x, y)  # no envelope: taken from the WKB
        elif i % 10 == 9:
            geom = b"GP\x00\x02" + struct.pack(">i4d", SRID, x, x, y, y) + _point(x, y)  # big-endian header
        else:
            geom = gpkg.blob_from_wkb(_point(x, y), SRID, (x, x, y, y))
        rows.append((wc.new_uuid(), f"Leerstand {i}", "14627140", geom, 1, wc.SYNC_SYNCED))
    return rows


def _state(path: Path) -> Dict[str, list]:
    """Everything the inserts and GDAL's triggers touch, to compare two GeoPackages."""
    queries = {
        "rows": "SELECT * FROM vacancy ORDER BY fid",
        "rtree": "SELECT * FROM rtree_vacancy_geom ORDER BY id",
        "rtree_node": "SELECT * FROM rtree_vacancy_geom_node ORDER BY nodeno",
        "rtree_rowid": "SELECT * FROM rtree_vacancy_geom_rowid ORDER BY rowid",
        "rtree_parent": "SELECT * FROM rtree_vacancy_geom_parent ORDER BY nodeno",
        "counts": "SELECT * FROM gpkg_ogr_contents ORDER BY table_name",
        "sequence": "SELECT * FROM sqlite_sequence ORDER BY name",
        "triggers": "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    }
    with sqlite3.connect(str(path)) as db:
        return {key: db.execute(q).fetchall() for key, q in queries.items()}


def _insert_row_by_row(path: Path, rows: List[tuple]) -> None:
    """The reference: a plain INSERT per row, GDAL's triggers firing (ST_* from gpkg.connect)."""
    db = gpkg.connect(str(path))
    try:
        db.executemany(gpkg.sql("INSERT INTO vacancy ({cols}) VALUES ({marks})", cols=COLUMNS, marks=len(COLUMNS)),
                       rows)
        db.commit()
    finally:
        db.close()


@pytest.fixture
def template(qgis_app, tmp_path) -> Path:
    """A working copy with a history: fids 1-6 used, the last one deleted (the next fid comes from
    sqlite_sequence, not max(fid)), and a known feature count (GDAL leaves it NULL for a layer it created empty)."""
    path = tmp_path / "template.gpkg"
    prepare(str(path))
    _insert_row_by_row(path, _rows(6, start=1000))
    with sqlite3.connect(str(path)) as db:
        db.execute("DELETE FROM vacancy WHERE fid = 6")
        db.execute("UPDATE gpkg_ogr_contents SET feature_count = 5 WHERE table_name = 'vacancy'")
    return path


@pytest.mark.parametrize("in_transaction", [True, False], ids=["caller's transaction", "own transaction"])
def test_same_geopackage_as_inserting_row_by_row_with_the_triggers(template, tmp_path, in_transaction):
    rows = _rows(300)
    reference, bulk = tmp_path / "reference.gpkg", tmp_path / "bulk.gpkg"
    shutil.copy(template, reference)
    shutil.copy(template, bulk)
    _insert_row_by_row(reference, rows)

    db = gpkg.connect(str(bulk))
    try:
        if in_transaction:
            db.execute("BEGIN IMMEDIATE")
        assert gpkg.insert_features(db, "vacancy", COLUMNS, rows) == 300
        assert db.in_transaction == in_transaction  # its own transaction is committed, the caller's left open
        db.commit()
    finally:
        db.close()

    expected, got = _state(reference), _state(bulk)
    assert got["rows"] == expected["rows"]
    assert got["rtree"] == expected["rtree"]  # same ids (= fid), same envelopes, none for NULL/empty
    assert len(got["rtree"]) == 4 + 300 - 30 - 30  # the template's and the new rows', less NULL and empty
    assert got["rtree_node"] == expected["rtree_node"]  # even the tree: the same inserts in the same order
    assert got["rtree_rowid"] == expected["rtree_rowid"] and got["rtree_parent"] == expected["rtree_parent"]
    assert got["counts"] == expected["counts"]
    assert got["sequence"] == expected["sequence"]
    assert got["triggers"] == expected["triggers"]  # re-created with the SQL text they had
    with sqlite3.connect(str(bulk)) as db:
        assert db.execute("SELECT rtreecheck('rtree_vacancy_geom')").fetchone() == ("ok",)
        count = dict(db.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents"))["vacancy"]
        assert count == db.execute("SELECT count(*) FROM vacancy").fetchone()[0] == 305
        assert db.execute("SELECT min(fid) FROM vacancy WHERE name = 'Leerstand 0'").fetchone() == (7,)


def test_a_layer_gdal_left_without_a_count_keeps_none(template, tmp_path):
    """GDAL leaves feature_count NULL for a layer it created empty, and its trigger keeps it NULL (GDAL then counts
    rows itself): so does the bulk insert."""
    with sqlite3.connect(str(template)) as db:
        db.execute("UPDATE gpkg_ogr_contents SET feature_count = NULL WHERE table_name = 'vacancy'")
    reference = tmp_path / "reference.gpkg"
    shutil.copy(template, reference)
    rows = _rows(20)
    _insert_row_by_row(reference, rows)
    with gpkg.connect(str(template)) as db:
        gpkg.insert_features(db, "vacancy", COLUMNS, rows)
    assert _state(template)["counts"] == _state(reference)["counts"]
    with sqlite3.connect(str(template)) as db:
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'vacancy'").fetchone() \
            == (None,)


_REFUSE = ("CREATE TEMP TRIGGER IF NOT EXISTS refuse_row BEFORE INSERT ON vacancy WHEN NEW.uuid = 'refused' "
           "BEGIN SELECT RAISE(ABORT, 'row refused'); END")


@pytest.mark.parametrize("bad_row", ["refused row", "geometry that is no blob"])
def test_a_failure_midway_undoes_everything_and_keeps_the_triggers(template, bad_row):
    rows = _rows(50)
    # (the uuid index is not unique since pasted copies get their own uuid by a trigger: a constraint of this
    # connection refuses the row instead)
    if bad_row == "refused row":  # refused by a constraint in the middle of the inserts
        rows[30] = ("refused", *rows[30][1:])
        error = sqlite3.IntegrityError
    else:  # every row is in, then reading the envelopes for the R-tree fails (the trigger's ST_IsEmpty would)
        rows[30] = (*rows[30][:3], "not a geometry blob", *rows[30][4:])
        error = TypeError
    before = _state(template)
    db = gpkg.connect(str(template))
    db.execute(_REFUSE)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR REPLACE INTO wc_meta VALUES ('note', 'written before the bulk insert')")
        with pytest.raises(error):
            gpkg.insert_features(db, "vacancy", COLUMNS, rows)
        # the caller's transaction is still open, with its own write, and nothing of the bulk insert
        assert db.in_transaction
        assert db.execute("SELECT value FROM wc_meta WHERE key = 'note'").fetchone() is not None
        assert db.execute("SELECT count(*) FROM vacancy").fetchone() == (5,)
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert GDAL_TRIGGERS <= names
        db.rollback()
    finally:
        db.close()
    assert _state(template) == before

    db = gpkg.connect(str(template))  # and without a transaction of the caller's
    db.execute(_REFUSE)
    try:
        with pytest.raises(error):
            gpkg.insert_features(db, "vacancy", COLUMNS, rows)
        assert not db.in_transaction
    finally:
        db.close()
    assert _state(template) == before


@pytest.mark.parametrize("in_transaction", [True, False], ids=["caller's transaction", "own transaction"])
def test_other_connections_never_see_the_table_without_its_triggers(template, in_transaction):
    """Another connection (QGIS with the layer open) looks at the schema while the rows go in."""
    seen: List[set] = []

    def look(statement: str) -> None:
        if statement.startswith('INSERT INTO "vacancy"') and not seen:
            other = sqlite3.connect(str(template), timeout=5)
            try:
                seen.append({r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                         "AND tbl_name = 'vacancy'")})
            finally:
                other.close()

    db = gpkg.connect(str(template))
    try:
        if in_transaction:
            db.execute("BEGIN IMMEDIATE")
        db.set_trace_callback(look)
        gpkg.insert_features(db, "vacancy", COLUMNS, _rows(20))
        db.set_trace_callback(None)
        db.commit()
    finally:
        db.close()
    assert len(seen) == 1 and GDAL_TRIGGERS <= seen[0]


def test_qgis_finds_the_features_through_the_spatial_index(template):
    from qgis.core import QgsFeatureRequest, QgsFeatureSource, QgsPointXY, QgsRectangle, QgsVectorLayer

    rows = _rows(1000)
    with gpkg.connect(str(template)) as db:
        gpkg.insert_features(db, "vacancy", COLUMNS, rows)
    layer = QgsVectorLayer(f"{template}|layername=vacancy", "vacancy", "ogr")
    assert layer.isValid()
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
    assert layer.featureCount() == 1005

    rect = QgsRectangle(392190, 5668190, 392410, 5668610)  # columns 5-10, rows 5-15 of the grid
    expected = set()
    with sqlite3.connect(str(template)) as db:
        for fid, blob in db.execute("SELECT fid, geom FROM vacancy"):
            env = gpkg.envelope(blob)
            if env is not None and rect.contains(QgsPointXY(env[0], env[2])):
                expected.add(fid)
    assert len(expected) > 40
    found = {f.id() for f in layer.getFeatures(QgsFeatureRequest(rect))}
    assert found == expected
    with sqlite3.connect(str(template)) as db:  # the index really is what answered: without it, nothing
        db.execute("DELETE FROM rtree_vacancy_geom")
    layer = QgsVectorLayer(f"{template}|layername=vacancy", "vacancy", "ogr")
    assert {f.id() for f in layer.getFeatures(QgsFeatureRequest(rect))} == set()


def test_gdal_validates_the_geopackage(template):
    validate_gpkg = pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    # no empty points: GDAL 3.6's validator reads the empty flag from bit 3 instead of 4 and refuses GDAL's own
    rows = [r for r in _rows(100) if gpkg.envelope(r[3]) is not None or r[3] is None]
    with gpkg.connect(str(template)) as db:
        gpkg.insert_features(db, "vacancy", COLUMNS, rows)
    validate_gpkg.check(str(template), extra_checks=True, warning_msg=False)


def test_a_trigger_of_another_shape_stays_and_fires_per_row(template):
    """A feature-count trigger that does something else than GDAL's is left alone."""
    with sqlite3.connect(str(template)) as db:
        (text,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'trigger_insert_feature_count_vacancy'"
                             ).fetchone()
        db.execute("DROP TRIGGER trigger_insert_feature_count_vacancy")
        db.execute(text.replace("feature_count + 1", "feature_count + 2"))
    with gpkg.connect(str(template)) as db:
        gpkg.insert_features(db, "vacancy", COLUMNS, _rows(10))
    with sqlite3.connect(str(template)) as db:
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'vacancy'").fetchone() \
            == (5 + 2 * 10,)
        assert db.execute("SELECT count(*) FROM rtree_vacancy_geom").fetchone() == (4 + 8,)


def test_the_primary_key_is_not_a_column(template):
    with gpkg.connect(str(template)) as db, pytest.raises(ValueError):
        gpkg.insert_features(db, "vacancy", ["fid", *COLUMNS], [(99, *_rows(1)[0])])


def test_attribute_table_only_counts(template):
    """owner_contact has no geometry: only the feature count is done in bulk."""
    with sqlite3.connect(str(template)) as db:
        db.execute("UPDATE gpkg_ogr_contents SET feature_count = 0 WHERE table_name = ?", (wc.OWNER_LAYER,))
    with gpkg.connect(str(template)) as db:
        db.execute("INSERT INTO sync_suppress VALUES (1)")
        n = gpkg.insert_features(db, wc.OWNER_LAYER, ["site_uuid", "owner_name"],
                                 [(wc.new_uuid(), f"Eigentümer {i}") for i in range(7)])
        db.execute("DELETE FROM sync_suppress")
    assert n == 7
    with sqlite3.connect(str(template)) as db:
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?",
                          (wc.OWNER_LAYER,)).fetchone() == (7,)


@pytest.mark.postgis
def test_checkout_indexes_every_site(register, tmp_path):
    """A real checkout: every site of the register is in the R-tree and QGIS finds it by its extent."""
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    from tests.sync_helpers import add_site, vacancy_values

    first = str(tmp_path / "first.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, first)
    for i in range(3):
        add_site(first, **vacancy_values(name=f"Laden {i}"))
    add_site(first, cat.BROWNFIELD, name="Spinnerei", municipality_ags="14627140", ownership="municipal",
             previous_use="industry")
    assert push(dsn, first).inserted == 4

    second = str(tmp_path / "second.gpkg")
    assert checkout(dsn, second).inserted == 4
    for kind, n in ((cat.VACANCY, 3), (cat.BROWNFIELD, 1)):
        with sqlite3.connect(second) as db:
            entries = db.execute(gpkg.sql("SELECT count(*) FROM {r}", r=f"rtree_{kind}_geom")).fetchone()[0]
            assert entries == db.execute(gpkg.sql("SELECT count(*) FROM {k}", k=kind)).fetchone()[0] == n
        layer = QgsVectorLayer(f"{second}|layername={kind}", kind, "ogr")
        for feat in layer.getFeatures():
            box = feat.geometry().boundingBox().buffered(1)
            assert feat.id() in {f.id() for f in layer.getFeatures(QgsFeatureRequest(box))}
