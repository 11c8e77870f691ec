"""Sync: push 10,000 changed vacancies (27 editable fields + point geometry) and check out 10,000 sites.

Server: a throwaway PostGIS cluster with the real register (migrations, triggers, RLS); the push runs as a
Meißen editor LOGIN role, so every rule of the register is checked for every row.

- COPY (baseline): the same 10,000 rows as new sites through ``COPY ... FROM STDIN`` into coworking.vacancy as
  the table owner (the register's triggers fire; RLS does not apply to the owner): the fastest way in. For the
  mixed push the baseline is the COPY way to the same work: COPY into a staging table, one INSERT, one UPDATE.
  A COPY with the register's triggers disabled shows what those triggers cost (their floor, not ours).
- push: ``push`` end to end (read the GeoPackage, COPY into the staging table, coworking.push_staged,
  commit, mark the working copy): 10,000 inserts, and 5,000 inserts + 5,000 updates of checked-out sites.
- through a latency proxy on 127.0.0.1 adding 10 ms each way (20 ms round trip): the same mixed push (with
  the round trips the proxy counted, connection set-up included) and the time the link adds to it. The
  absolute push time is bounded below by the register's own per-row triggers (validation against the
  catalogue, history), which the COPY baseline shows: the link's share is what the sync controls, shown by a
  push of one site over the same link. And
  QGIS's own way (QgsVectorLayer on the postgres provider: addFeatures + commitChanges), measured on fewer
  features and scaled linearly to 10,000 (said in the row name).
- checkout of 10,000 sites into a new GeoPackage (and over the 20 ms link).
"""

from __future__ import annotations

import io
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Callable, List

from bench.common import Row, median_time

N = 10_000
MEISSEN = "14627140"
DELAY = 0.010  # each way: 20 ms round trip
QGIS_N_LOOPBACK = 500
QGIS_N_LATENCY = 50


_APP = []


def _qgis():
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        _APP.append(QgsApplication([], False))  # keep a reference: a collected application takes QGIS with it
        _APP[0].initQgis()
    return QgsApplication.instance()


def _median(fn: Callable[[], object], setup: Callable[[], object], repeat: int) -> float:
    return median_time(fn, repeat, setup)


def _paired(a: Callable[[], object], setup_a: Callable[[], object], b: Callable[[], object],
            setup_b: Callable[[], object], repeat: int) -> tuple:
    """Medians of two measurements taken in turns (a, b, a, b, ...): on a shared, noisy machine a load spike
    then hits both sides alike instead of one."""
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(_median(a, setup_a, 1))
        tb.append(_median(b, setup_b, 1))
    return statistics.median(ta), statistics.median(tb)


class _Bench:
    def __init__(self, base: Path) -> None:
        import psycopg2
        from psycopg2 import sql

        from coworking_plugin.db.migrate import migrate
        from scripts.pgcluster import Cluster, free_port

        self.base = base
        self.cluster = Cluster(base / "pg", free_port())
        self.cluster.start()
        self.super_dsn = self.cluster.create_database("bench_sync")
        conn = psycopg2.connect(self.super_dsn)
        migrate(conn)
        with conn.cursor() as cur:
            cur.execute(sql.SQL("CREATE ROLE bench_editor LOGIN PASSWORD 'bench' IN ROLE coworking_editor"))
            cur.execute("INSERT INTO coworking.editor_municipality VALUES ('bench_editor', %s)", (MEISSEN,))
        conn.commit()
        conn.close()
        self.editor_dsn = self.cluster.dsn("bench_sync", user="bench_editor", password="bench")

    def close(self) -> None:
        self.cluster.destroy()

    def sql(self, statement: str, params=None) -> None:
        import psycopg2

        conn = psycopg2.connect(self.super_dsn)
        with conn, conn.cursor() as cur:
            cur.execute(statement, params)
        conn.close()

    def reset_server(self) -> None:
        self.sql("TRUNCATE coworking.vacancy, coworking.brownfield, coworking.owner_contact, coworking.history "
                 "CASCADE")


def _values(i: int) -> dict:
    return {
        "name": f"Leerstand Nr. {i} – Größenhainer Straße", "municipality_ags": MEISSEN,
        "address": f"Hauptstraße {i % 200 + 1}", "postcode": "01662", "locality": "Cölln",
        "ownership": "private", "availability": "negotiable", "available_from": "2027-01-01",
        "broadband_mbps": 100, "heritage_protected": 0, "pop_up_possible": 1,
        "target_groups": "{startups,freelancers}", "anchor_tenant": 0,
        "notes": "Ehemaliges Ladengeschäft, Schaufenster zur Straße, Heizung 2015 erneuert. " * 2,
        "sensitive": 0, "publication_consent": 1, "publication_consent_date": "2025-03-01",
        "building_type": "retail", "floor_area_m2": 80.0 + i % 50, "rooms": 3, "floors": 1,
        "vacant_since": "2021-06-01", "vacancy_degree": "complete", "condition": "good", "rent_per_m2": 6.5,
        "barrier_free": 1, "parking": 0,
    }


def _point(i: int) -> tuple:
    return 392000.0 + (i % 100) * 20.0, 5668000.0 + (i // 100) * 20.0


def _fill_working_copy(path: str, uuids: List[str], state: str) -> None:
    """Write rows straight into the GeoPackage (setup only; the push reads them as it reads any edit)."""
    _fill_working_copy_numbered(path, uuids, 0, state)


def _modify_all(path: str) -> None:
    from coworking_plugin.core.sync import gpkg

    with gpkg.connect(path) as db:  # an officer's edit: the triggers mark the synced rows modified
        db.execute("UPDATE vacancy SET rooms = rooms + 1, notes = 'geändert: ' || notes")


def _copy_rows(b: _Bench, uuids: List[str]) -> None:
    import psycopg2

    names = list(_values(0))
    buf = io.StringIO()
    for i, u in enumerate(uuids):
        vals = _values(i)
        row = [u] + [_copy_value(k, vals[k]) for k in names] + [f"SRID=25833;POINT({_point(i)[0]} {_point(i)[1]})"]
        buf.write("\t".join(row) + "\n")
    buf.seek(0)
    conn = psycopg2.connect(b.super_dsn)
    with conn, conn.cursor() as cur:
        cur.copy_expert(f"COPY coworking.vacancy (uuid, {', '.join(names)}, geom) FROM STDIN", buf)
    conn.close()


def _copy_mixed(b: _Bench, uuids: List[str]) -> None:
    """The COPY way to the mixed push's work: COPY into a staging table, then one INSERT and one UPDATE."""
    import psycopg2

    names = list(_values(0))
    buf = io.StringIO()
    for i, u in enumerate(uuids):
        vals = _values(i)
        if i < len(uuids) // 2:
            vals = dict(vals, rooms=vals["rooms"] + 1, notes="geändert: " + vals["notes"])
        row = [u] + [_copy_value(k, vals[k]) for k in names] + [f"SRID=25833;POINT({_point(i)[0]} {_point(i)[1]})"]
        buf.write("\t".join(row) + "\n")
    buf.seek(0)
    from psycopg2 import sql

    cols = sql.SQL(", ").join(sql.Identifier(n) for n in names)
    staged = sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(n)) for n in names)
    conn = psycopg2.connect(b.super_dsn)
    with conn, conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE TEMP TABLE stage ON COMMIT DROP AS SELECT uuid, {}, geom FROM coworking.vacancy "
                            "WITH NO DATA").format(cols))
        cur.copy_expert(sql.SQL("COPY stage (uuid, {}, geom) FROM STDIN").format(cols), buf)
        cur.execute(sql.SQL("INSERT INTO coworking.vacancy (uuid, {}, geom) SELECT s.uuid, {}, s.geom FROM stage s "
                            "WHERE NOT EXISTS (SELECT 1 FROM coworking.vacancy t WHERE t.uuid = s.uuid)").format(
                                cols, staged))
        cur.execute(sql.SQL("UPDATE coworking.vacancy t SET ({}, geom) = (SELECT {}, s.geom) FROM stage s "
                            "WHERE t.uuid = s.uuid AND t.version = 1").format(cols, staged))
    conn.close()


_BOOLS = {"heritage_protected", "pop_up_possible", "anchor_tenant", "sensitive", "publication_consent",
          "barrier_free", "parking"}


def _copy_value(key: str, value) -> str:
    if key in _BOOLS:
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _qgis_commit(dsn: str, n: int, offset: int) -> None:
    """QGIS's own path: a postgres-provider layer, addFeatures, commitChanges (one INSERT per feature)."""
    from qgis.core import QgsDataSourceUri, QgsFeature, QgsGeometry, QgsVectorLayer

    from coworking_plugin.core.sync import workingcopy as wc

    uri = QgsDataSourceUri(dsn)
    uri.setDataSource("coworking", "vacancy", "geom", "", "uuid")
    layer = QgsVectorLayer(uri.uri(False), "vacancy", "postgres")
    assert layer.isValid(), "postgres layer invalid"
    feats = []
    for i in range(offset, offset + n):
        f = QgsFeature(layer.fields())
        f["uuid"] = wc.new_uuid()
        for k, v in _values(i).items():
            if k == "target_groups":
                v = ["startups", "freelancers"]
            elif k in _BOOLS:
                v = bool(v)
            f[k] = v
        f.setGeometry(QgsGeometry.fromWkt(f"POINT({_point(i)[0]} {_point(i)[1]})"))
        feats.append(f)
    layer.startEditing()
    layer.addFeatures(feats)
    if not layer.commitChanges():
        raise RuntimeError("; ".join(layer.commitErrors()))


def run(repeat: int = 5) -> List[Row]:
    from bench.latency_proxy import LatencyProxy
    from coworking_plugin.core.sync import workingcopy as wc
    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push

    _qgis()
    repeat = max(1, min(repeat, 5))  # each sample moves 10,000 rows through the register's triggers
    base = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    import os

    os.chmod(base, 0o755)
    b = _Bench(base)
    try:
        empty = str(base / "empty.gpkg")
        checkout(b.editor_dsn, empty)
        uuids = [wc.new_uuid() for _ in range(N)]
        inserts_wc = str(base / "inserts.gpkg")
        shutil.copy(empty, inserts_wc)
        _fill_working_copy(inserts_wc, uuids, wc.SYNC_NEW)
        # mixed: 5,000 checked-out sites edited + 5,000 new ones
        half = N // 2
        b.reset_server()
        _copy_rows(b, uuids[:half])
        mixed_wc = str(base / "mixed.gpkg")
        checkout(b.editor_dsn, mixed_wc)
        _modify_all(mixed_wc)
        _fill_working_copy_offset(mixed_wc, uuids[half:], half)
        work = str(base / "work.gpkg")

        def fresh(template: str, seed_half: bool) -> Callable[[], None]:
            def setup() -> None:
                b.reset_server()
                if seed_half:
                    _copy_rows(b, uuids[:half])
                shutil.copy(template, work)
            return setup

        def push_to(dsn: str) -> Callable[[], None]:
            def fn() -> None:
                report = push(dsn, work)
                assert report.committed and report.inserted + report.updated == N, report.summary()
            return fn

        rows: List[Row] = []
        t_copy, t_ins = _paired(lambda: _copy_rows(b, uuids), b.reset_server,
                                push_to(b.editor_dsn), fresh(inserts_wc, False), repeat)
        rows.append(Row("sync: COPY 10,000 new vacancies (baseline)", t_copy))
        rows.append(Row("sync: push 10,000 inserts (loopback)", t_ins, "COPY", t_copy, "ratio <= 2",
                        t_ins <= 2 * t_copy))
        def seed_half() -> None:
            b.reset_server()
            _copy_rows(b, uuids[:half])

        t_copy_mixed, t_mixed = _paired(lambda: _copy_mixed(b, uuids), seed_half,
                                        push_to(b.editor_dsn), fresh(mixed_wc, True), repeat)
        rows.append(Row("sync: COPY + INSERT/UPDATE of the same 5,000 + 5,000 (baseline)", t_copy_mixed))
        rows.append(Row("sync: push 5,000 inserts + 5,000 updates (loopback)", t_mixed, "COPY+UPDATE",
                        t_copy_mixed, "ratio <= 2", t_mixed <= 2 * t_copy_mixed))

        def without_triggers() -> None:
            b.sql("ALTER TABLE coworking.vacancy DISABLE TRIGGER USER")
            try:
                _copy_rows(b, uuids)
            finally:
                b.sql("ALTER TABLE coworking.vacancy ENABLE TRIGGER USER")

        t_floor = _median(without_triggers, b.reset_server, repeat)
        rows.append(Row("sync: COPY 10,000 without the register's triggers (floor)", t_floor, "COPY", t_copy))

        with LatencyProxy(b.cluster.port, delay=DELAY) as proxy:
            slow_dsn = b.editor_dsn.replace(f"port={b.cluster.port}", f"port={proxy.port}")
            t_slow = _median(push_to(slow_dsn), fresh(mixed_wc, True), repeat)
            trips = proxy.round_trips / repeat
            proxy.round_trips = 0
            # the target; bounded below by the register's triggers (see the COPY rows)
            rows.append(Row(f"sync: push 5,000 ins + 5,000 upd, 20 ms RTT ({trips:.0f} round trips)", t_slow,
                            "same, loopback", t_mixed, "< 1 s", t_slow < 1.0))
            one_wc = str(base / "one.gpkg")
            shutil.copy(empty, one_wc)
            _fill_working_copy(one_wc, uuids[:1], wc.SYNC_NEW)

            def push_one() -> None:
                assert push(slow_dsn, work).inserted == 1

            t_one = _median(push_one, fresh(one_wc, False), repeat)
            rows.append(Row("sync: push 1 site, 20 ms RTT (what the link costs)", t_one, "", None, "< 1 s",
                            t_one < 1.0))
            t_q_slow = _median(lambda: _qgis_commit(slow_dsn, QGIS_N_LATENCY, 0), b.reset_server, 1)
            scaled = t_q_slow * N / QGIS_N_LATENCY
            rows.append(Row(f"sync: push vs QGIS commitChanges, 20 ms RTT (QGIS: {QGIS_N_LATENCY} "
                            f"x{N // QGIS_N_LATENCY})", t_slow, "QGIS", scaled))

            def checkout_slow() -> None:
                checkout(slow_dsn, str(base / "co.gpkg"))

            def prep_checkout() -> None:
                Path(base / "co.gpkg").unlink(missing_ok=True)

            b.reset_server()
            _copy_rows(b, uuids)
            t_co_slow = _median(checkout_slow, prep_checkout, repeat)

        t_q = _median(lambda: _qgis_commit(b.editor_dsn, QGIS_N_LOOPBACK, 0), b.reset_server, 1)
        rows.append(Row(f"sync: push vs QGIS commitChanges, loopback (QGIS: {QGIS_N_LOOPBACK} x{N // QGIS_N_LOOPBACK})",
                        t_mixed, "QGIS", t_q * N / QGIS_N_LOOPBACK))
        b.reset_server()
        _copy_rows(b, uuids)

        def checkout_all() -> None:
            report = checkout(b.editor_dsn, str(base / "co.gpkg"))
            assert report.inserted == N, report.summary()

        t_co = _median(checkout_all, prep_checkout, repeat)
        rows.append(Row("sync: checkout 10,000 sites into a new GeoPackage", t_co, "COPY in", t_copy, "< 1 s",
                        t_co < 1.0))
        rows.append(Row("sync: checkout 10,000 sites, 20 ms RTT", t_co_slow, "loopback", t_co))
        return rows
    finally:
        b.close()
        shutil.rmtree(base, ignore_errors=True)


def _fill_working_copy_offset(path: str, uuids: List[str], offset: int) -> None:
    """New rows numbered from ``offset`` (so their names and places differ from the checked-out ones)."""
    from coworking_plugin.core.sync import workingcopy as wc

    _fill_working_copy_numbered(path, uuids, offset, wc.SYNC_NEW)


def _fill_working_copy_numbered(path: str, uuids: List[str], offset: int, state: str) -> None:
    import struct

    from coworking_plugin.core.sync import gpkg

    names = list(_values(0))
    rows = []
    for j, u in enumerate(uuids):
        i = offset + j
        x, y = _point(i)
        rows.append((u, *_values(i).values(), gpkg.blob_from_wkb(struct.pack("<BIdd", 1, 1, x, y), 25833,
                                                                  (x, x, y, y)), state))
    with gpkg.connect(path) as db:
        db.executemany(gpkg.sql("INSERT INTO vacancy (uuid, {cols}, geom, sync_state) VALUES ({marks})",
                                cols=names, marks=len(names) + 3), rows)
